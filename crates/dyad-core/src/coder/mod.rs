//! The coder: a whole document in, events out.
//!
//! [`code`] runs the pipeline over a document in two passes. The first
//! cleans, segments, tags and finds knowledge-base phrases in every sentence
//! and counts which countries the story is about. The second reads the
//! sentences in order, building actor phrases with the document context
//! (people introduced earlier, "the two ministers", "each side") and
//! matching event patterns on verb groups.

mod actors;
pub mod confidence;
mod context;
mod events;
mod framing;
mod nominal;
mod places;

pub use events::VerbDecision;

use crate::kb::{Mention, MentionKind};
use crate::model::{Actor, Document, Event, Evidence, Location, Modality, Plover, Polarity};
use crate::text::chunk::{chunk, Chunk};
use crate::text::clean::{clean, CleanText};
use crate::text::segment::{sentences, tokenize, Sentence, Token};
use crate::text::tag::Tagged;
use crate::KnowledgeBase;
use actors::{ActorRef, Phrase};
use context::DocContext;
use sha2::{Digest, Sha256};
use std::ops::ControlFlow;

/// Sentences longer than this many tokens are not coded (run-on junk such
/// as tables or concatenated lists); `--explain` says so.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// One sentence after the text pipeline.
pub(crate) struct Analysis<'kb> {
    pub tokens: Vec<Tagged>,
    pub mentions: Vec<Mention<'kb>>,
    pub chunks: Vec<Chunk>,
}

/// What the coder saw and decided in one sentence (for `--explain`).
#[derive(Debug, Clone)]
pub struct SentenceTrace {
    /// Sentence index.
    pub index: usize,
    /// The cleaned sentence text.
    pub text: String,
    /// `word/TAG` for every token.
    pub tagged: Vec<String>,
    /// Chunks as `[KIND words]`.
    pub chunks: Vec<String>,
    /// Knowledge-base phrases found, as `words → what`.
    pub mentions: Vec<String>,
    /// Actor phrases, as `words → CODES`.
    pub actors: Vec<String>,
    /// One line per verb group: coded or why not.
    pub verbs: Vec<VerbDecision>,
    /// Set when the sentence was skipped as a whole.
    pub skipped: Option<String>,
}

/// Codes a document: the core entry point. Pure and deterministic.
pub fn code(doc: &Document, kb: &KnowledgeBase) -> Vec<Event> {
    code_document(doc, kb).events
}

/// Like [`code_document`], keeping only events whose calibrated confidence
/// is at least `min_confidence` ([`code`] uses
/// [`confidence::DEFAULT_MIN_CONFIDENCE`]; 0 keeps every event).
pub fn code_document_with(
    doc: &Document,
    kb: &KnowledgeBase,
    min_confidence: f32,
) -> CodedDocument {
    let mut sentences = 0;
    // A bug must not take a whole batch down with one document: its
    // events are left out and the error is returned with it.
    let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run(doc, kb, None, &mut sentences)
    }));
    match coded {
        Ok(mut events) => {
            events.retain(|e| e.confidence >= min_confidence);
            CodedDocument {
                events,
                sentences,
                error: None,
            }
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            CodedDocument {
                events: Vec::new(),
                sentences,
                error: Some(format!("internal error while coding: {message}")),
            }
        }
    }
}

/// The events of a document with counts of what was read.
#[derive(Debug, Clone, Default)]
pub struct CodedDocument {
    /// The events, in sentence order.
    pub events: Vec<Event>,
    /// Sentences in the cleaned document.
    pub sentences: usize,
    /// Set when an internal error (a bug) stopped the coding of this
    /// document; `events` is then empty. Other documents are not affected.
    pub error: Option<String>,
}

/// Codes a document and counts its sentences (for throughput measurements).
pub fn code_document(doc: &Document, kb: &KnowledgeBase) -> CodedDocument {
    code_document_with(doc, kb, confidence::DEFAULT_MIN_CONFIDENCE)
}

/// Codes a document and returns, with the events, a trace of every sentence.
/// Events under the default confidence threshold are listed too, so the
/// trace shows them; filter on [`Event::confidence`] as needed.
pub fn code_explained(doc: &Document, kb: &KnowledgeBase) -> (Vec<Event>, Vec<SentenceTrace>) {
    let mut traces = Vec::new();
    let events = run(doc, kb, Some(&mut traces), &mut 0);
    (events, traces)
}

/// Where the text locates the event of a verb: the place that
/// [`code`] would attach to an event triggered by the first occurrence of
/// `verb` (its first word, case-insensitive) — see the `places` stage.
/// `None` when the verb is absent or the text gives it no location.
pub fn locate_verb(doc: &Document, verb: &str, kb: &KnowledgeBase) -> Option<Location> {
    let verb = verb.split_whitespace().next()?;
    let mut found = None;
    visit_places(doc, kb, |an, places, located| {
        let Some(v) = an
            .tokens
            .iter()
            .position(|t| t.word.eq_ignore_ascii_case(verb))
        else {
            return ControlFlow::Continue(());
        };
        found = places::locate(an, places, &(v..v + 1)).map(located);
        ControlFlow::Break(())
    });
    found
}

/// Every place the document names, resolved as the coder resolves them
/// (knowledge-base countries, capitals and regions, gazetteer places,
/// unknown names the text calls places), in text order, with `text` and
/// `span` in the input text — whether or not an event happens there.
pub fn find_places(doc: &Document, kb: &KnowledgeBase) -> Vec<Location> {
    let mut out = Vec::new();
    visit_places(doc, kb, |_, places, located| {
        out.extend(places.iter().map(located));
        ControlFlow::Continue(())
    });
    out
}

/// Analyses the sentences of `doc` and calls `visit` with each one, its
/// places, and a function giving a place's [`Location`] with its text and
/// span in the input; stops when `visit` breaks.
fn visit_places(
    doc: &Document,
    kb: &KnowledgeBase,
    mut visit: impl FnMut(
        &Analysis<'_>,
        &[places::PlaceMention],
        &dyn Fn(&places::PlaceMention) -> Location,
    ) -> ControlFlow<()>,
) {
    let cleaned = clean(&doc.text);
    let text = cleaned.text.as_str();
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    let mut analyses: Vec<Analysis<'_>> = sents
        .iter()
        .filter(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS)
        .map(|s| analyse(text, &tokens[s.tokens.clone()], kb))
        .collect();
    let mut ctx = DocContext::default();
    for an in &analyses {
        places::note_document_places(&mut ctx, an, kb);
    }
    for an in &mut analyses {
        places::resolve_story_names(an, &mut ctx, kb);
    }
    for an in &analyses {
        let places = places::sentence_places(an, kb, &ctx);
        let located = |p: &places::PlaceMention| located(doc, &cleaned, an, p);
        if visit(an, &places, &located).is_break() {
            return;
        }
    }
}

/// A place of a sentence as a [`Location`] with its span and text in the
/// input (the cleaned text's words when the input's bytes are not text).
fn located(
    doc: &Document,
    cleaned: &CleanText,
    an: &Analysis<'_>,
    p: &places::PlaceMention,
) -> Location {
    let clean_span = token_range_span(an, &p.tokens);
    let span = cleaned.original_span(clean_span);
    let mut loc = p.location.clone();
    loc.text = doc
        .text
        .get(span[0]..span[1])
        .unwrap_or(&cleaned.text[clean_span[0]..clean_span[1]])
        .to_string();
    loc.span = span;
    loc
}

fn run(
    doc: &Document,
    kb: &KnowledgeBase,
    mut traces: Option<&mut Vec<SentenceTrace>>,
    sentence_count: &mut usize,
) -> Vec<Event> {
    let cleaned = clean(&doc.text);
    let text = cleaned.text.as_str();
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    *sentence_count = sents.len();

    // Pass 1: tag and find phrases everywhere; count the countries.
    let mut ctx = DocContext::default();
    ctx.places_are_actors = kb.has_legacy_verbs();
    let mut analyses: Vec<Option<Analysis<'_>>> = Vec::with_capacity(sents.len());
    for s in &sents {
        if s.tokens.len() > MAX_SENTENCE_TOKENS {
            analyses.push(None);
            continue;
        }
        let an = analyse(text, &tokens[s.tokens.clone()], kb);
        places::note_document_places(&mut ctx, &an, kb);
        analyses.push(Some(an));
    }
    for an in analyses.iter_mut().flatten() {
        places::resolve_story_names(an, &mut ctx, kb);
    }

    // Legacy discard lists: a story discard phrase anywhere drops the document.
    let story_discard = events::story_discard(kb, analyses.iter().flatten());

    // Pass 2: actors with document context, then events.
    let mut events = Vec::new();
    for (idx, (s, an)) in sents.iter().zip(&analyses).enumerate() {
        let sentence_text = &text[s.start..s.end];
        let Some(an) = an else {
            if let Some(t) = traces.as_deref_mut() {
                t.push(SentenceTrace {
                    index: idx,
                    text: sentence_text.to_string(),
                    tagged: Vec::new(),
                    chunks: Vec::new(),
                    mentions: Vec::new(),
                    actors: Vec::new(),
                    verbs: Vec::new(),
                    skipped: Some(format!(
                        "{} tokens, over the limit of {MAX_SENTENCE_TOKENS}",
                        s.tokens.len()
                    )),
                });
            }
            continue;
        };
        if let Some(why) = story_discard
            .clone()
            .or_else(|| events::sentence_discard(kb, an))
        {
            if let Some(t) = traces.as_deref_mut() {
                let mut tr = trace(idx, sentence_text, an, &[], Vec::new());
                tr.skipped = Some(why);
                t.push(tr);
            }
            continue;
        }
        let sentence_actors = actors::build_phrases(an, &mut ctx, doc.published, idx);
        let phrases = sentence_actors.actor_phrases();
        let mut decisions = traces.is_some().then(Vec::new);
        let mut found = events::code_sentence(
            an,
            &sentence_actors.phrases,
            sentence_actors.actors,
            kb,
            decisions.as_mut(),
        );
        found.extend(nominal::code_nominal(
            an,
            &sentence_actors,
            kb,
            decisions.as_mut(),
        ));
        ctx.subjects(
            idx,
            phrases
                .first()
                .map(|p| p.members.clone())
                .unwrap_or_default(),
        );
        // Dates are only looked for where there is an event to date.
        let dates = doc
            .published
            .filter(|_| !found.is_empty())
            .map(|anchor| framing::sentence_dates(&text[s.start..s.end], s.start, anchor))
            .unwrap_or_default();
        let places = if found.is_empty() {
            Vec::new()
        } else {
            places::sentence_places(an, kb, &ctx)
        };
        // A bombing with no attacker named: the unidentified armed forces
        // of where it happened (the sentence's place, else the victims'
        // country, else the story's); none when nothing tells.
        found.retain_mut(|f| {
            if f.source.code.country.is_some()
                || f.source.code.sector.as_deref() != Some(events::UNIDENTIFIED_SECTOR)
            {
                return true;
            }
            // The event's own place first ("killed by a bomb outside of
            // the Iraqi city of Basra", not the victims' "US servicemen").
            let country = places::locate(an, &places, &f.trigger)
                .or_else(|| places.iter().find(|p| !p.situating))
                .and_then(|p| p.location.country.clone())
                .or_else(|| f.target.as_ref().and_then(|t| t.code.country.clone()))
                .or_else(|| ctx.main_country().map(str::to_string));
            match country {
                Some(c) => {
                    f.source.code =
                        crate::kb::ActorCode::from_parts(&c, Some(events::UNIDENTIFIED_SECTOR));
                    true
                }
                None => false,
            }
        });
        for f in &mut found {
            place_countries(an, &places, &ctx, f);
            // "Young Algerians blocked roads": a people protesting in the
            // streets are its civilians, not its state, and protest
            // against it as any civilians do.
            if f.code.starts_with("14") && names_a_people(an, &f.source) {
                f.source.code = f.source.code.with_sector(Some("CVL"));
                if f.target.is_none() {
                    f.target = events::implicit_target(&f.code, &f.source, f.trigger.start);
                }
            }
            if f.target.is_none() {
                f.target = host_state(an, &places, f);
            }
        }
        for f in events::split_paired(found) {
            let place = places::locate(an, &places, &f.trigger);
            if let Some(mut e) = to_event(doc, kb, &cleaned, s, idx, an, &dates, f) {
                e.location = place.map(|p| located(doc, &cleaned, an, p));
                events.push(e);
            }
        }
        if let Some(t) = traces.as_deref_mut() {
            t.push(trace(
                idx,
                sentence_text,
                an,
                phrases,
                decisions.unwrap_or_default(),
            ));
        }
    }
    events
}

/// Actors named without a country whose country was guessed from the
/// story take the country of a place the sentence ties them to: the place
/// right after them ("the rebels in Aleppo", "militants from Chechnya"),
/// else, for a target, the place the event happened, named after the
/// trigger in the same clause with no verb in between ("four children were
/// killed in Israeli shelling in the Gaza Strip"). A reading of the
/// sentence's own words, so the guess no longer lowers the event's
/// confidence.
fn place_countries(
    an: &Analysis<'_>,
    places: &[places::PlaceMention],
    ctx: &DocContext,
    f: &mut events::Found,
) {
    // A name neither the knowledge base nor the gazetteer knows (rank 0)
    // does not tell a country, nor does a name in text written in capitals
    // ("THE SCHOOL OF MEDICINE"), where every word looks like a name; nor
    // a town's name several states share ("Buta") unless the document
    // names that state.
    let country = |p: &places::PlaceMention| {
        let written = an.tokens[p.tokens.clone()]
            .iter()
            .any(|t| t.word.chars().any(char::is_lowercase));
        p.location
            .country
            .clone()
            .filter(|c| p.rank > 0 && written && ctx.weight(c) > 0)
    };
    // "the rebels in Aleppo": the place right after the actor.
    let placed = |a: &actors::ActorRef| {
        let at = a.tokens.end;
        an.tokens
            .get(at)
            .filter(|t| matches!(t.lower.as_str(), "in" | "from"))?;
        let start = if an.tokens.get(at + 1).is_some_and(|t| t.lower == "the") {
            at + 2
        } else {
            at + 1
        };
        places
            .iter()
            .find(|p| p.tokens.start == start)
            .and_then(country)
    };
    // No verb or relative pronoun in between: "helped the militants who
    // tried to kill him in Addis Ababa" does not place the help.
    let direct = |p: &&places::PlaceMention| {
        p.tokens.start >= f.trigger.end
            && places::in_clause_of(an, p, &f.trigger)
            && !an.tokens[f.trigger.end..p.tokens.start].iter().any(|t| {
                t.pos.starts_with("VB") && t.pos != "VBG"
                    || matches!(
                        t.lower.as_str(),
                        "who" | "which" | "that" | "whose" | "where"
                    )
            })
    };
    let event_place = places::locate(an, places, &f.trigger)
        .filter(direct)
        .and_then(country);
    let any_resolved =
        |f: &events::Found| f.source.resolved || f.target.as_ref().is_some_and(|t| t.resolved);
    let was_resolved = any_resolved(f);
    let relocate = |a: &mut actors::ActorRef, fallback: Option<&String>| {
        if let Some(c) = placed(a)
            .or_else(|| fallback.cloned())
            .filter(|_| a.guessed_country)
        {
            a.code = crate::kb::ActorCode::from_parts(&c, a.code.sector.as_deref());
            a.guessed_country = false;
            a.resolved = false;
        }
    };
    relocate(&mut f.source, None);
    if let Some(t) = f.target.as_mut() {
        relocate(t, event_place.as_ref());
    }
    if was_resolved && !any_resolved(f) {
        f.confidence = (f.confidence + 0.1).min(0.95);
    }
}

/// True when the actor is a state named by its people's plural name
/// ("Algerians", "thousands of Nigerians"), with no sector; not an ethnic
/// group, whose state may be another ("ethnic Albanians").
fn names_a_people(an: &Analysis<'_>, a: &actors::ActorRef) -> bool {
    let head = a.tokens.end.checked_sub(1).and_then(|e| an.tokens.get(e));
    let ethnic = an.tokens[a.tokens.clone()]
        .iter()
        .any(|t| t.lower == "ethnic");
    a.code.country.is_some()
        && a.code.sector.is_none()
        && !ethnic
        && head.is_some_and(|h| h.looks_plural())
        && an.mentions.iter().any(|m| {
            m.tokens.end == a.tokens.end
                && !m.ethnic
                && matches!(m.kind, MentionKind::Demonym { .. })
        })
}

/// The state a source acts on when it acts, with no target, in a town or
/// region of another state named after the trigger in the same clause
/// ("is conducting military exercises in Alaska" → USA, "deployed troops
/// near Aleppo" → SYR); countries named so are found by the coder itself.
fn host_state(
    an: &Analysis<'_>,
    places: &[places::PlaceMention],
    f: &events::Found,
) -> Option<actors::ActorRef> {
    let own = f.source.code.country.as_deref()?;
    let p = places.iter().find(|p| {
        let start = p.tokens.start;
        (1..=2).contains(&p.rank)
            && !p.situating
            && start > f.trigger.end
            && places::LOCATIVE.contains(&an.tokens[start - 1].lower.as_str())
            && !(f.trigger.end..start)
                .any(|i| events::is_clause_break(an, i) || an.tokens[i].lower == ",")
    })?;
    let host = p.location.country.as_deref().filter(|c| *c != own)?;
    Some(actors::ActorRef::country(host).at(p.tokens.clone(), true))
}

/// Capitalised nouns that make a person's name before them the name of a
/// place or an institution ("Hamid Karzai International Airport").
const NAMED_AFTER_PEOPLE: &[&str] = &[
    "airport",
    "stadium",
    "university",
    "hospital",
    "bridge",
    "street",
    "avenue",
    "square",
    "foundation",
    "institute",
    "center",
    "centre",
    "school",
    "library",
    "museum",
    "park",
    "dam",
    "mosque",
    "church",
    "cathedral",
    "memorial",
    "prize",
    "award",
    "trophy",
    "cup",
    "highway",
    "boulevard",
    "port",
    "station",
    "college",
    "academy",
    "hall",
    "arena",
    "base",
];

fn analyse<'kb>(text: &str, tokens: &[Token], kb: &'kb KnowledgeBase) -> Analysis<'kb> {
    let mut tagged = kb.tagger.tag(text, tokens);
    let mut mentions = kb.lexicon.find(&tagged);
    // A wire dateline ("WELLINGTON, March 16 - …") names where the story was
    // filed, not an actor: drop mentions before its dash.
    if let Some(dash) = dateline_end(&tagged) {
        mentions.retain(|m| m.tokens.start > dash);
    }
    // "Hamid Karzai International Airport", "the Nelson Mandela
    // Foundation": a person's name that starts the name of a place or an
    // institution is not the person.
    mentions.retain(|m| {
        let named_after = matches!(m.kind, MentionKind::Person { .. })
            && (m.tokens.end..(m.tokens.end + 2).min(tagged.len()))
                .take_while(|&i| tagged[i].is_capitalized())
                .any(|i| NAMED_AFTER_PEOPLE.contains(&tagged[i].lower.as_str()));
        !named_after
    });
    // Compass adjectives the tagger may read as nouns ("in southwestern Baghdad").
    for t in tagged.iter_mut().filter(|t| t.lower.ends_with("ern")) {
        let w = t.lower.replace('-', "");
        let compass = places::COMPASS_POINTS.contains(&&w[..w.len() - 3]);
        if compass {
            t.pos = "JJ".to_string();
        }
    }
    // "fighting in the north killed …": after "the", a compass point with
    // no noun after it is a noun.
    for i in 1..tagged.len() {
        let noun_after = tagged.get(i + 1).is_some_and(Tagged::is_noun);
        if tagged[i - 1].lower == "the"
            && !noun_after
            && places::COMPASS_POINTS.contains(&tagged[i].lower.as_str())
        {
            tagged[i].pos = "NN".to_string();
        }
    }
    // "in south Serbia": a compass point between a preposition and a name
    // modifies the name.
    for i in 1..tagged.len().saturating_sub(1) {
        if tagged[i - 1].pos == "IN"
            && tagged[i + 1].pos.starts_with("NNP")
            && places::COMPASS_POINTS.contains(&tagged[i].lower.as_str())
        {
            tagged[i].pos = "JJ".to_string();
        }
    }
    // A gloss in brackets after a name is the name again, not an actor of
    // its own ("Kosovo Municipality Association (AKK) officials", "the
    // Hizbollah (Party of God) group"); before a noun it stays inside the
    // noun phrase.
    let mut glue = vec![false; tagged.len()];
    for open in 1..tagged.len() {
        if tagged[open].word != "(" || !tagged[open - 1].is_noun() {
            continue;
        }
        let Some(close) = (open + 1..tagged.len().min(open + 6)).find(|&k| tagged[k].word == ")")
        else {
            continue;
        };
        if (open + 1..close).any(|k| tagged[k].is_verb()) {
            continue;
        }
        mentions.retain(|m| m.tokens.end <= open || m.tokens.start > close);
        if tagged.get(close + 1).is_some_and(|t| t.is_noun()) {
            for g in &mut glue[open - 1..=close] {
                *g = true;
            }
        }
    }
    for m in &mentions {
        for i in m.tokens.clone() {
            if i + 1 < m.tokens.end {
                glue[i] = true;
            }
            // Names are nouns whatever the tagger thought ("United/VBN States").
            let is_name = !matches!(m.kind, MentionKind::Agent { .. });
            if is_name
                && tagged[i]
                    .word
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                let plural = tagged[i].pos == "NNPS";
                tagged[i].pos = if plural { "NNPS" } else { "NNP" }.to_string();
            } else if !is_name && !tagged[i].is_noun() && i + 1 == m.tokens.end {
                tagged[i].pos = "NN".to_string();
            }
        }
    }
    // Headline-style verbs the tagger reads as plural nouns: "Azerbaijan views
    // Armenia as …", "Russia accuses Ukraine …" (a plural noun between a name
    // and a name or determiner).
    for i in 1..tagged.len().saturating_sub(1) {
        let in_mention = mentions.iter().any(|m| m.tokens.contains(&i));
        let after_name = mentions
            .iter()
            .any(|m| m.tokens.end == i && !matches!(m.kind, MentionKind::Agent { .. }));
        let before_np = matches!(
            tagged[i + 1].pos.as_str(),
            "NNP" | "NNPS" | "DT" | "PRP$" | "PRP"
        );
        if tagged[i].pos == "NNS"
            && !in_mention
            && after_name
            && before_np
            && tagged[i].lower.ends_with('s')
        {
            tagged[i].pos = "VBZ".to_string();
        }
    }
    let chunks = chunk(&tagged, &glue);
    Analysis {
        tokens: tagged,
        mentions,
        chunks,
    }
}

/// Index of the dash that ends a wire dateline at the start of a sentence:
/// an all-capitals place, optionally a comma and a date, then `-` or `--`
/// within the first ten tokens.
fn dateline_end(tokens: &[Tagged]) -> Option<usize> {
    let first = tokens.first()?;
    let caps = first.word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first.word.chars().all(|c| !c.is_lowercase());
    if !caps {
        return None;
    }
    tokens
        .iter()
        .take(10)
        .position(|t| matches!(t.word.as_str(), "-" | "--" | "—" | "–"))
}

fn token_range_span(an: &Analysis<'_>, r: &std::ops::Range<usize>) -> [usize; 2] {
    let start = an.tokens.get(r.start).map_or(0, |t| t.token.start);
    let end = r
        .end
        .checked_sub(1)
        .and_then(|e| an.tokens.get(e))
        .map_or(start, |t| t.token.end);
    [start, end.max(start)]
}

fn actor(doc_text: &str, cleaned: &CleanText, an: &Analysis<'_>, a: &ActorRef) -> Actor {
    let clean_span = token_range_span(an, &a.tokens);
    let span = cleaned.original_span(clean_span);
    let text = doc_text
        .get(span[0]..span[1])
        .map(str::to_string)
        .unwrap_or_else(|| cleaned.text[clean_span[0]..clean_span[1]].to_string());
    Actor {
        code: a.code.full.clone(),
        country: a.code.country.clone(),
        sector: a.code.sector.clone(),
        text,
        name: a.name.clone(),
        span,
    }
}

#[allow(clippy::too_many_arguments)]
fn to_event(
    doc: &Document,
    kb: &KnowledgeBase,
    cleaned: &CleanText,
    s: &Sentence,
    idx: usize,
    an: &Analysis<'_>,
    dates: &[framing::DateMention],
    f: events::Found,
) -> Option<Event> {
    let cameo = kb.cameo(&f.code);
    let quad = kb.event_quad(&f.code)?;
    let source = actor(&doc.text, cleaned, an, &f.source);
    let target = f.target.as_ref().map(|t| actor(&doc.text, cleaned, an, t));
    let trigger_clean = token_range_span(an, &f.trigger);
    let trigger = cleaned.text[trigger_clean[0]..trigger_clean[1]].to_string();
    let when = framing::nearest(&cleaned.text, dates, trigger_clean);
    let modality = framing::modality(
        an,
        &cleaned.text[s.start..s.end],
        f.trigger.clone(),
        f.future,
        when,
        doc.published,
    );
    // An intent (03x) is dated when stated: times near it are the intended
    // event's ("a meeting this week") — unless the intent is history
    // ("signed in 1985, Cairo agreed to").
    let announced = (f.future || f.code.starts_with("03")) && modality != Modality::Historical;
    let (date, date_precision) = framing::event_date(doc.published, when, announced);
    let mut hasher = Sha256::new();
    for part in [
        doc.id.as_str(),
        &idx.to_string(),
        &source.code,
        target.as_ref().map_or("", |t| t.code.as_str()),
        &f.code,
        &trigger_clean[0].to_string(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let id: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(Event {
        id,
        doc_id: doc.id.clone(),
        sentence: idx,
        date,
        date_precision,
        source,
        target,
        cameo_root: f.code.get(..2).unwrap_or(&f.code).to_string(),
        cameo_name: cameo.map(|c| c.name.clone()).unwrap_or_default(),
        goldstein: cameo.map_or(0.0, |c| c.goldstein),
        plover: crate::ontology::plover_mapping(&f.code).map(|m| Plover {
            event: m.event.to_string(),
            mode: m.mode.map(str::to_string),
            context: m.context.map(str::to_string),
        }),
        location: None,
        cameo: f.code,
        quad_class: quad,
        polarity: if f.negated {
            Polarity::Negated
        } else {
            Polarity::Affirmed
        },
        modality,
        attributed_to: f.attributed_to,
        evidence: Evidence {
            sentence_text: cleaned.text[s.start..s.end].to_string(),
            sentence_span: cleaned.original_span([s.start, s.end]),
            trigger,
            trigger_span: cleaned.original_span(trigger_clean),
            pattern: f.pattern,
        },
        // A hypothetical or conditional event did not happen. (Legacy
        // dictionaries keep their coders' convention of coding them.)
        confidence: if matches!(modality, Modality::Hypothetical | Modality::Conditional)
            && !kb.has_legacy_verbs()
        {
            confidence::HYPOTHETICAL
        } else {
            confidence::calibrate(f.confidence)
        },
    })
}

fn trace(
    idx: usize,
    text: &str,
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verbs: Vec<VerbDecision>,
) -> SentenceTrace {
    let words = |r: &std::ops::Range<usize>| {
        an.tokens[r.clone()]
            .iter()
            .map(|t| t.word.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    SentenceTrace {
        index: idx,
        text: text.to_string(),
        tagged: an
            .tokens
            .iter()
            .map(|t| format!("{}/{}", t.word, t.pos))
            .collect(),
        chunks: an
            .chunks
            .iter()
            .map(|c| format!("[{:?} {}]", c.kind, words(&c.tokens)))
            .collect(),
        mentions: an
            .mentions
            .iter()
            .map(|m| format!("{} → {}", words(&m.tokens), m.kind.describe()))
            .collect(),
        actors: phrases
            .iter()
            .map(|p| {
                let codes: Vec<String> = p
                    .members
                    .iter()
                    .map(|a| {
                        let mut s = a.code.full.clone();
                        if let Some(n) = &a.name {
                            s.push_str(&format!(" ({n})"));
                        }
                        if a.resolved {
                            s.push_str(" [from context]");
                        }
                        s
                    })
                    .collect();
                format!("{} → {} {:?}", words(&p.tokens), codes.join(", "), p.kind)
            })
            .collect(),
        verbs,
        skipped: None,
    }
}

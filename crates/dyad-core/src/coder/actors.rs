//! Actor phrases: which noun phrases of a sentence name actors, and which.
//!
//! A noun phrase is an actor when its *head* (last word) is an actor word: a
//! country, capital, demonym, organisation, person or role ("minister").
//! "Azerbaijan's territory" is not an actor; "Azerbaijan's foreign minister"
//! is `AZEGOV`. The rest of the phrase refines the code: a country anywhere
//! in the phrase (or its possessor) gives the country of a role word, a
//! person's role on the publication date gives their code.
//!
//! Across noun phrases the builder handles coordination ("Azerbaijan and
//! Armenia's foreign ministers" → `AZEGOV` + `ARMGOV`), appositives that
//! introduce people ("the ambassador, Elin Suleymanov,"), titles before names
//! ("Armenian Foreign Minister Zohrab Mnatsakanyan"), "of" phrases ("the
//! foreign minister of Armenia"), and references resolved from the document
//! context ("the two ministers", "each side … the other", "the country's",
//! "he", surnames introduced earlier).

use super::context::DocContext;
use super::places::LOCATIVE;
use super::Analysis;
use crate::kb::{ActorCode, MentionKind, Role};
use crate::text::chunk::ChunkKind;
use jiff::civil::Date;
use std::ops::Range;

/// An actor as resolved in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ActorRef {
    pub code: ActorCode,
    /// Personal name, when known.
    pub name: Option<String>,
    /// Singular head of the role word ("minister"), for later "the two ministers".
    pub head: Option<String>,
    /// Tokens (sentence-relative) that name this actor here.
    pub tokens: Range<usize>,
    /// True when the code comes from the document context, not the words.
    pub resolved: bool,
    /// True when the country is the story's main country, guessed for a
    /// role named without one ("police", "four children"): the place the
    /// event happened tells better (see `coder::place_countries`).
    pub guessed_country: bool,
}

impl ActorRef {
    /// A bare country actor.
    pub fn country(iso3: &str) -> Self {
        ActorRef {
            resolved: true,
            ..ActorRef::of(ActorCode::from_parts(iso3, None), 0..0)
        }
    }

    /// An actor with this code named by these tokens, read from the words.
    pub fn of(code: ActorCode, tokens: Range<usize>) -> Self {
        ActorRef {
            code,
            name: None,
            head: None,
            tokens,
            resolved: false,
            guessed_country: false,
        }
    }

    pub(crate) fn at(mut self, tokens: Range<usize>, resolved: bool) -> Self {
        self.tokens = tokens;
        self.resolved = resolved;
        self.guessed_country = false;
        self
    }
}

/// What kind of reference a phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// Names one or more actors.
    Actors,
    /// "each side", "each country": one of a reciprocal pair.
    EachSide,
    /// "the other", "the other side", "each other": the other of a
    /// reciprocal pair.
    TheOther,
}

/// An actor phrase of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    /// Token range (sentence-relative).
    pub tokens: Range<usize>,
    /// The actors; several for coordinations and plural references.
    pub members: Vec<ActorRef>,
    /// Plain, or part of a reciprocal expression.
    pub kind: PhraseKind,
    /// Index of the preposition, when the phrase is the object of one.
    pub prep: Option<usize>,
    /// A country or capital after a locative preposition ("arrived in
    /// Jordan"): a place, an actor only for a pattern that spells the
    /// preposition before its target (`arrive in +`).
    pub locative: bool,
}

/// A noun phrase of the sentence: a noun chunk or the object of a preposition.
#[derive(Debug, Clone)]
struct Segment {
    tokens: Range<usize>,
    /// The preposition before it, for objects of prepositions.
    prep: Option<String>,
}

fn is_not_name(w: &str) -> bool {
    crate::text::is_calendar_word(w) || NOT_NAMES.contains(&w)
}

/// Result of reading one noun phrase.
#[derive(Debug, Clone)]
struct NpReading {
    actors: Vec<ActorRef>,
    kind: PhraseKind,
    /// A run of capitalised words not known to the KB (a person's name).
    unknown_name: Option<String>,
    /// True when the actor's sector comes from a role word.
    has_role: bool,
    /// True for a country or capital after a locative preposition.
    place: bool,
}

/// Capitalised words that are never part of a person's name (besides
/// [`CALENDAR_WORDS`]).
const NOT_NAMES: &[&str] = &[
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "the",
    "a",
    "an",
    "today",
    "yesterday",
    "tomorrow",
    "i",
    "we",
    "you",
    "they",
    "it",
    "he",
    "she",
    "this",
    "that",
];

/// The actor phrases of a sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentenceActors {
    /// Noun phrases that name actors, in order (the first [`Self::actors`]),
    /// then countries and capitals named as places ("in Jordan"), see
    /// [`Phrase::locative`].
    pub phrases: Vec<Phrase>,
    /// How many of `phrases` are actors.
    pub actors: usize,
    /// Possessors of noun phrases that are not actors themselves
    /// ("Armenia's" in "Armenia's visit to Washington"), for nominal events.
    pub possessors: Vec<Phrase>,
}

impl SentenceActors {
    /// The actor phrases, without the places.
    pub fn actor_phrases(&self) -> &[Phrase] {
        &self.phrases[..self.actors]
    }
}

/// Builds the actor phrases of a sentence and updates the document context.
pub(crate) fn build_phrases(
    an: &Analysis<'_>,
    ctx: &mut DocContext,
    date: Option<Date>,
    sentence: usize,
) -> SentenceActors {
    let toks = &an.tokens;
    let mut possessors = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    for c in &an.chunks {
        match c.kind {
            ChunkKind::Noun => segments.push(Segment {
                tokens: c.tokens.clone(),
                prep: None,
            }),
            ChunkKind::Prep => {
                if let Some(obj) = &c.object {
                    segments.push(Segment {
                        tokens: obj.clone(),
                        prep: Some(toks[c.tokens.start].lower.clone()),
                    });
                }
            }
            _ => {}
        }
    }

    let mut readings: Vec<Option<NpReading>> = Vec::with_capacity(segments.len());
    let mut first_subject: Option<ActorRef> = None;
    // The actors named before the sentence's first verb ("Obama and Putin
    // said they …"), for "they".
    let first_verb = first_verb_of(toks);
    let mut subject_group: Vec<ActorRef> = Vec::new();
    for (k, seg) in segments.iter().enumerate() {
        // "the foreign minister of Armenia": the "of" object gives the country.
        // A coordination continues it: "the ministers of Armenia and Azerbaijan".
        let of_object = segments
            .get(k + 1)
            // So does "in" or "from" after a subject ("rebels in the Ivory
            // Coast", "activists from the Fatah Party"), not after an
            // object, where it is the verb's ("withdraw troops from Lebanon").
            .filter(|n| {
                let object = seg.tokens.start > 0 && an.tokens[seg.tokens.start - 1].is_verb();
                let attaches = match n.prep.as_deref() {
                    Some("of") => true,
                    Some("in" | "from") => !object,
                    _ => false,
                };
                attaches && n.tokens.start == seg.tokens.end + 1
            })
            .map(|n| {
                // A list ends with "and": "of Armenia, Georgia and
                // Azerbaijan"; a comma alone opens an apposition or a new
                // clause ("from both communities, a UN official said").
                let mut r = n.tokens.clone();
                let mut listed = r.end;
                for next in &segments[k + 2..] {
                    let Some(between) = an.tokens.get(r.end..next.tokens.start) else {
                        break;
                    };
                    let joined = next.prep.is_none()
                        && !between.is_empty()
                        && between
                            .iter()
                            .all(|t| matches!(t.lower.as_str(), "and" | ","));
                    if !joined {
                        break;
                    }
                    r.end = next.tokens.end;
                    if between.iter().any(|t| t.lower == "and") {
                        listed = r.end;
                    }
                }
                r.end = listed;
                r
            });
        // "wrote to President Bush urging him to send troops": an object
        // pronoun is the person named last before it in the sentence who
        // is not its subject (else the previous sentence's person).
        let object_pronoun = seg.prep.is_none()
            && seg.tokens.len() == 1
            && matches!(toks[seg.tokens.start].lower.as_str(), "him" | "her");
        if object_pronoun {
            let subject = first_subject.as_ref().map(|a| &a.code);
            let person = readings
                .iter()
                .rev()
                .flatten()
                .flat_map(|r| r.actors.iter().rev())
                .find(|a| a.name.is_some() && Some(&a.code) != subject)
                .or_else(|| ctx.pronoun(sentence).filter(|a| Some(&a.code) != subject))
                .cloned();
            readings.push(
                person.map(|a| reading(vec![a.at(seg.tokens.clone(), true)], PhraseKind::Actors)),
            );
            continue;
        }
        let r = read_np(
            an,
            seg,
            of_object,
            ctx,
            date,
            sentence,
            first_subject.as_ref(),
            &subject_group,
            &mut possessors,
        );
        if seg.prep.is_none() && seg.tokens.end <= first_verb {
            subject_group.extend(r.iter().flat_map(|r| r.actors.iter().cloned()));
        }
        // The sentence's subject so far: the first actor outside a
        // prepositional phrase ("In a letter to the UN, Iraq said it …"),
        // or opening a clause after a conjunction ("came as Israel
        // announced it would …").
        let opens_clause = seg.prep.as_deref().is_some_and(|p| {
            super::events::CONJUNCTIONS.contains(&p)
                && toks.get(seg.tokens.end).is_some_and(|t| t.is_verb())
        });
        if first_subject.is_none() && (seg.prep.is_none() || opens_clause) {
            first_subject = r.as_ref().and_then(|r| r.actors.first().cloned());
        }
        readings.push(r);
    }
    stand_for_of_object(an, &mut segments, &mut readings);
    // Places are set aside: they take part in no coordination or apposition.
    let mut places = Vec::new();
    for (seg, r) in segments.iter().zip(readings.iter_mut()) {
        if r.as_ref().is_some_and(|r| r.place) {
            let r = r.take().expect("checked above");
            if r.actors.is_empty() {
                continue;
            }
            places.push(Phrase {
                tokens: seg.tokens.clone(),
                members: r.actors,
                kind: PhraseKind::Actors,
                prep: seg.tokens.start.checked_sub(1),
                locative: true,
            });
        }
    }

    let mut phrases: Vec<Phrase> = Vec::new();
    let mut k = 0;
    while k < segments.len() {
        let Some(reading) = readings[k].clone() else {
            k += 1;
            continue;
        };
        let mut range = segments[k].tokens.clone();
        let mut members = reading.actors.clone();
        let mut kind = reading.kind;
        let mut next = k + 1;

        // Appositive: "A, B," where one side is a name; A may carry
        // prepositional phrases ("The US commander in Iraq, General X,").
        let mut b_idx = k + 1;
        let mut a_end = range.end;
        while let Some(s) = segments.get(b_idx) {
            if s.prep.is_some() && s.tokens.start == a_end + 1 {
                a_end = s.tokens.end;
                b_idx += 1;
            } else {
                break;
            }
        }
        if let Some(b) = segments.get(b_idx) {
            let comma_between = b.tokens.start == a_end + 1 && toks[a_end].lower == ",";
            let closed = toks
                .get(b.tokens.end)
                .is_none_or(|t| matches!(t.lower.as_str(), "," | "." | ";") || t.is_verb());
            if comma_between && closed && b.prep.is_none() {
                if let Some(rb) = readings[b_idx].clone() {
                    let a_is_name =
                        reading.unknown_name.is_some() && reading.actors.iter().all(|a| a.resolved);
                    let b_is_name =
                        rb.unknown_name.is_some() && rb.actors.iter().all(|a| a.resolved);
                    if kind == PhraseKind::Actors && !members.is_empty() && rb.actors.is_empty()
                        || b_is_name && reading.has_role
                    {
                        if let Some(name) = rb.unknown_name.clone() {
                            if let [one] = members.as_slice() {
                                ctx.add_alias(&name, one);
                                members[0].name = Some(name);
                            }
                            range.end = b.tokens.end;
                            next = b_idx + 1;
                        }
                    } else if reading.has_role
                        && members.len() == 1
                        && rb.actors.len() == 1
                        && rb.actors[0].name.is_some()
                        && rb.actors[0].code.country == members[0].code.country
                    {
                        // "Azerbaijan's foreign minister, Jeyhun Bayramov," with a known
                        // person: the role the text gives wins over the knowledge base's.
                        let mut person = rb.actors[0].clone();
                        person.code = members[0].code.clone();
                        person.head = members[0].head.clone();
                        person.tokens = members[0].tokens.start..b.tokens.end;
                        members = vec![person];
                        range.end = b.tokens.end;
                        next = b_idx + 1;
                    } else if a_is_name && rb.has_role && rb.actors.len() == 1 {
                        let name = reading.unknown_name.clone().unwrap_or_default();
                        ctx.add_alias(&name, &rb.actors[0]);
                        members = rb.actors.clone();
                        members[0].name = Some(name);
                        range.end = b.tokens.end;
                        next = b_idx + 1;
                    }
                }
            }
        }

        // Coordination: "A, B and C" / "both A and B's ministers".
        if kind == PhraseKind::Actors && !members.is_empty() && next == k + 1 {
            let mut conj = vec![(k, members.clone())];
            let mut j = k;
            let mut end = range.end;
            while let Some(seg) = segments.get(j + 1) {
                let Some(r) = readings[j + 1]
                    .as_ref()
                    .filter(|r| r.kind == PhraseKind::Actors && !r.actors.is_empty())
                else {
                    break;
                };
                let between: Vec<&str> = toks[end..seg.tokens.start]
                    .iter()
                    .map(|t| t.lower.as_str())
                    .collect();
                let joined = matches!(
                    between.as_slice(),
                    [","] | ["and"] | [",", "and"] | ["or"] | [",", "or"]
                );
                if !joined || seg.prep.is_some() {
                    break;
                }
                conj.push((j + 1, r.actors.clone()));
                end = seg.tokens.end;
                j += 1;
                if between.contains(&"and") || between.contains(&"or") {
                    break;
                }
            }
            let last_joined_by_and = conj.len() > 1
                && toks[..segments[j].tokens.start]
                    .last()
                    .is_some_and(|t| t.lower == "and" || t.lower == "or");
            if last_joined_by_and {
                // Distribute a role of the last conjunct over bare countries before it.
                let last = &conj[conj.len() - 1].1;
                let shared_sector = match last.as_slice() {
                    [one] if readings[j].as_ref().is_some_and(|r| r.has_role) => {
                        one.code.sector.clone()
                    }
                    _ => None,
                };
                let mut all = Vec::new();
                for (idx, (seg_idx, actors)) in conj.iter().enumerate() {
                    for a in actors {
                        let mut a = a.clone().at(segments[*seg_idx].tokens.clone(), a.resolved);
                        if idx + 1 < conj.len() && a.code.sector.is_none() {
                            if let Some(s) = &shared_sector {
                                a.code = a.code.with_sector(Some(s));
                                a.head = last[0].head.clone();
                            }
                        }
                        all.push(a);
                    }
                }
                members = all;
                range.end = end;
                next = j + 1;
            }
        }
        if kind == PhraseKind::Actors && members.is_empty() {
            k = next;
            continue;
        }
        if kind == PhraseKind::Actors && members.len() == 2 {
            ctx.pair(sentence, &members[0], &members[1]);
        }
        if kind != PhraseKind::Actors {
            // Reciprocal references keep the pair of sides as members.
            kind = reading.kind;
        }
        for m in &members {
            ctx.mention(sentence, m);
        }
        let prep = segments[k]
            .prep
            .as_ref()
            .map(|_| segments[k].tokens.start - 1);
        phrases.push(Phrase {
            tokens: range,
            members,
            kind,
            prep,
            locative: false,
        });
        k = next;
    }
    let actors = phrases.len();
    phrases.extend(places);
    SentenceActors {
        phrases,
        actors,
        possessors,
    }
}

/// Agent heads naming a settlement ("the Bosnian town", "Iraqi villages"):
/// civilians of the country named with them, never of a country guessed
/// from the story.
const SETTLEMENTS: &[&str] = &["town", "village", "neighborhood", "neighbourhood"];

/// Role words that name a member or a voice of a body without a role of
/// their own: after an organisation they take its code ("a FARC
/// commander" is the FARC, not the army).
const GENERIC_MEMBERS: &[&str] = &[
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "leader",
    "chief",
    "head",
    "member",
    "fighter",
    "militant",
    "gunman",
    "guerrilla",
    "rebel",
    "insurgent",
    "militiaman",
    "representative",
    "source",
    "activist",
    "supporter",
    "envoy",
    "diplomat",
    "negotiator",
    "delegation",
];

/// The code of a transnational body's member named by a role word `head`
/// of `sector`: "NATO troops" are `IGOWSTNATMIL` (CAMEO restarts the role
/// codes after an organisation); its generic members ("an EU official")
/// are the body itself.
fn member_of(body: &ActorCode, head: &str, sector: &str) -> ActorCode {
    if GENERIC_MEMBERS.contains(&head) {
        body.clone()
    } else {
        body.with_role(sector)
    }
}

/// Heads of noun phrases that stand for the group their "of" or "from"
/// object names: parts, members and quantities of it ("the deputy chief of
/// Israel's militia", "a group of Moroccan diplomats", "representatives
/// from Egyptian civil society groups"). Quantities ("hundreds of
/// students") are left to the verb's subject and to the patterns.
const PART_OF_GROUP: &[&str] = &[
    "group",
    "groups",
    "number",
    "member",
    "members",
    "leader",
    "leaders",
    "leadership",
    "chief",
    "head",
    "heads",
    "deputy",
    "representative",
    "representatives",
    "delegation",
    "delegations",
    "supporters",
    "followers",
    "loyalists",
    "remnants",
    "contingent",
    "unit",
    "units",
    "faction",
    "wing",
    "team",
    "batch",
    "patch",
    "deployment",
    "detachment",
    "convoy",
    "column",
    "squad",
    "battalion",
    "battalions",
    "brigade",
];

/// A noun phrase that is not an actor but names a part or a quantity of
/// the actor its "of"/"from" object is ([`PART_OF_GROUP`]) becomes that
/// actor, spanning both; the object's own reading is dropped. Runs right to
/// left so that "leaders of a group of students" folds into one phrase.
fn stand_for_of_object(
    an: &Analysis<'_>,
    segments: &mut [Segment],
    readings: &mut [Option<NpReading>],
) {
    for k in (0..segments.len().saturating_sub(1)).rev() {
        // A capitalised head ("Tens of …") reads as an unknown name; a
        // role whose country only the story gave ("the leader" of "the
        // leader of the rebels") names no actor of its own.
        if readings[k]
            .as_ref()
            .is_some_and(|r| r.actors.iter().any(|a| !a.resolved))
        {
            continue;
        }
        let (seg, next) = (&segments[k], &segments[k + 1]);
        let head = &an.tokens[seg.tokens.end - 1].lower;
        let adjacent = next.tokens.start == seg.tokens.end + 1
            && matches!(next.prep.as_deref(), Some("of" | "from"));
        let whole = readings[k + 1]
            .as_ref()
            .filter(|r| r.kind == PhraseKind::Actors && !r.actors.is_empty());
        // A coordinated object ("scores of Sierra Leonean and Liberian
        // refugees") is read whole by the coordination rule instead.
        let coordinated = an
            .tokens
            .get(next.tokens.end)
            .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"));
        if !adjacent || coordinated || whole.is_none() || !PART_OF_GROUP.contains(&head.as_str()) {
            continue;
        }
        let mut r = readings[k + 1].take().expect("checked above");
        let range = seg.tokens.start..next.tokens.end;
        r.place = false;
        for a in &mut r.actors {
            a.tokens = range.clone();
        }
        segments[k].tokens = range;
        readings[k] = Some(r);
    }
}

fn first_verb_of(toks: &[crate::text::tag::Tagged]) -> usize {
    toks.iter().position(|t| t.is_verb()).unwrap_or(toks.len())
}

fn words_lower<'a>(an: &'a Analysis<'_>, r: &Range<usize>) -> Vec<&'a str> {
    an.tokens[r.clone()]
        .iter()
        .map(|t| t.lower.as_str())
        .collect()
}

/// The sentence's subject when it is a state named alone and no other
/// state, body, single official or unknown name is named between it and
/// token `at`: what "its" and an object "it" there stand for ("Ukraine said
/// Russian forces shelled its towns"; not "assurances from the Russian
/// government that its forces …").
fn subject_state<'a>(
    an: &Analysis<'_>,
    current_subject: Option<&'a ActorRef>,
    at: usize,
) -> Option<&'a ActorRef> {
    let subject = current_subject.filter(|a| {
        a.name.is_none()
            && a.code.sector.is_none()
            && a.code.country.is_some()
            && a.tokens.end <= at
    })?;
    let between = subject.tokens.end..at;
    let nearer = an.mentions.iter().any(|m| {
        m.tokens.start >= between.start
            && m.tokens.end <= between.end
            && match &m.kind {
                MentionKind::Agent { plural, .. } => !plural,
                MentionKind::Demonym { .. } => false,
                _ => true,
            }
    });
    // A name the knowledge base does not know may be a state too.
    let unknown_name = between.clone().any(|i| {
        an.tokens[i].pos.starts_with("NNP")
            && an.tokens[i].is_capitalized()
            && !an.mentions.iter().any(|m| m.tokens.contains(&i))
    });
    (!nearer && !unknown_name).then_some(subject)
}

/// Reads one noun phrase.
#[allow(clippy::too_many_arguments)]
fn read_np(
    an: &Analysis<'_>,
    seg: &Segment,
    of_object: Option<Range<usize>>,
    ctx: &mut DocContext,
    date: Option<Date>,
    sentence: usize,
    current_subject: Option<&ActorRef>,
    subject_group: &[ActorRef],
    possessors: &mut Vec<Phrase>,
) -> Option<NpReading> {
    let toks = &an.tokens;
    // Trailing time words are adverbs, not part of the actor: "Assad Tuesday".
    let mut r = seg.tokens.clone();
    while r.end > r.start + 1 && is_not_name(&toks[r.end - 1].lower) {
        r.end -= 1;
    }
    let words = words_lower(an, &r);
    let content: Vec<&str> = words.iter().copied().filter(|w| *w != "the").collect();

    // A pronoun right before a verb (adverbs aside: "they also opposed")
    // is its clause's subject.
    let subject_of_clause = toks[r.end..]
        .iter()
        .find(|t| !t.pos.starts_with("RB"))
        .is_some_and(|t| t.pos.starts_with("VB") || t.pos == "MD");

    // Reciprocal and plural references.
    match content.as_slice() {
        ["each", "side"] | ["each", "country"] | ["either", "side"] | ["each", "party"] => {
            let [a, b] = ctx.sides(sentence)?;
            return Some(reading(
                vec![a.at(r.clone(), true), b.at(r, true)],
                PhraseKind::EachSide,
            ));
        }
        ["other"]
        | ["other", "side"]
        | ["other", "country"]
        | ["other", "party"]
        | ["each", "other"]
        | ["one", "another"] => {
            let [a, b] = ctx.sides(sentence)?;
            return Some(reading(
                vec![a.at(r.clone(), true), b.at(r, true)],
                PhraseKind::TheOther,
            ));
        }
        ["both", "sides"]
        | ["two", "sides"]
        | ["both", "countries"]
        | ["two", "countries"]
        | ["two", "nations"]
        | ["both", "parties"]
        | ["two", "neighbours"]
        | ["two", "neighbors"] => {
            let [a, b] = ctx.sides(sentence)?;
            return Some(reading(
                vec![a.at(r.clone(), true), b.at(r, true)],
                PhraseKind::Actors,
            ));
        }
        // A subject pronoun after the sentence's subject is that subject
        // ("the U.S. said it would not meet …", "Lavrov said he …");
        // opening a sentence, "he"/"she" is the person named as the previous
        // sentence's subject.
        // "they" stands for a coordinated subject or a plural one ("the
        // Fijian rebels said they …"), never for a single state.
        ["they"] => {
            // A body or group, not a person or a state named alone, may
            // be "they" ("the FARC said they will lay down arms", "the UK
            // Government said they are confident").
            let plural = match subject_group {
                [one] => {
                    one.tokens
                        .end
                        .checked_sub(1)
                        .is_some_and(|e| matches!(toks[e].pos.as_str(), "NNS" | "NNPS"))
                        || one.name.is_none() && one.code.sector.is_some()
                }
                many => many.len() >= 2,
            };
            if !subject_of_clause || !plural || r.start < first_verb_of(toks) {
                return None;
            }
            return Some(reading(
                subject_group
                    .iter()
                    .map(|a| a.clone().at(r.clone(), true))
                    .collect(),
                PhraseKind::Actors,
            ));
        }
        ["he"] | ["she"] | ["it"] => {
            let person = matches!(content.as_slice(), ["he"] | ["she"]);
            // A person is named, or a role word for a person in the
            // singular ("Chile's foreign minister said he …").
            let is_person = |a: &ActorRef| {
                a.name.is_some()
                    || a.head.as_deref().is_some_and(|h| !BODIES.contains(&h))
                        && toks
                            .get(a.tokens.clone())
                            .and_then(<[_]>::last)
                            .is_some_and(|t| t.pos == "NN")
            };
            let same_sentence = current_subject
                .filter(|a| subject_of_clause && is_person(a) == person)
                .filter(|a| {
                    // A state, a person, or a body above states ("NATO
                    // confirmed it would …").
                    a.code.country.is_some()
                        || a.name.is_some()
                        || matches!(a.code.sector.as_deref(), Some("IGO" | "NGO" | "IMG"))
                });
            // "Turkey's president says it will …": "it" is the state
            // whose official is the subject.
            let owner_state = || {
                let a = current_subject.filter(|a| subject_of_clause && is_person(a))?;
                let owned = toks[a.tokens.clone()].iter().any(|t| t.pos == "POS");
                let c = a.code.country.as_deref().filter(|_| owned)?;
                Some(ActorRef::country(c))
            };
            // "Israel said a shell was fired at it": an object "it" is the
            // state that is the sentence's subject.
            let object_it =
                || subject_state(an, current_subject, r.start).filter(|_| !subject_of_clause);
            let a = match same_sentence {
                Some(a) => a.clone(),
                None if person => ctx.pronoun(sentence)?.clone(),
                None => owner_state().or_else(|| object_it().cloned())?,
            };
            return Some(reading(vec![a.at(r, true)], PhraseKind::Actors));
        }
        _ => {}
    }

    // Possessor and head part: "Azerbaijan 's | foreign minister".
    let pos_idx = (r.start..r.end).rev().find(|&i| toks[i].pos == "POS");
    let (possessor, head_part) = match pos_idx {
        Some(p) => (r.start..p, p + 1..r.end),
        None => (r.start..r.start, r.clone()),
    };
    if head_part.is_empty() {
        return None;
    }
    // A possessor may itself introduce a person: "Foreign Minister Zohrab Mnatsakanyan's visit".
    if !possessor.is_empty() {
        let owner = read_core(
            an,
            possessor.clone(),
            None,
            ctx,
            date,
            sentence,
            current_subject,
            None,
        );
        if let Some(o) = owner.filter(|o| !o.actors.is_empty() && o.kind == PhraseKind::Actors) {
            let members = o
                .actors
                .into_iter()
                .map(|a| {
                    let resolved = a.resolved;
                    a.at(possessor.clone(), resolved)
                })
                .collect();
            possessors.push(Phrase {
                tokens: possessor.clone(),
                members,
                kind: PhraseKind::Actors,
                prep: None,
                locative: false,
            });
        }
    }
    let locative =
        !ctx.places_are_actors && seg.prep.as_deref().is_some_and(|p| LOCATIVE.contains(&p));
    let owner = possessors
        .last()
        .filter(|p| p.tokens == possessor)
        .map(|p| p.members.clone());
    read_core(
        an,
        head_part.clone(),
        Some(possessor),
        ctx,
        date,
        sentence,
        current_subject,
        of_object,
    )
    .filter(|rd| !rd.actors.is_empty() || rd.unknown_name.is_some())
    .or_else(|| modified_by_actor(an, head_part, owner, date))
    .map(|mut rd| {
        rd.place = locative
            && rd
                .actors
                .iter()
                .all(|a| a.code.sector.is_none() || a.head.is_none() && !rd.has_role);
        for a in &mut rd.actors {
            a.tokens = r.clone();
        }
        rd
    })
}

/// A noun phrase whose head is not an actor but that an actor owns or
/// modifies stands for that actor: "Russia's invasion" and "the Russian
/// invasion" → RUS, "a U.S. court decision" → USA. Marked `resolved`
/// (indirect), so its events carry lower confidence.
fn modified_by_actor(
    an: &Analysis<'_>,
    head_part: Range<usize>,
    owner: Option<Vec<ActorRef>>,
    date: Option<Date>,
) -> Option<NpReading> {
    let head = head_part.end.checked_sub(1)?;
    // "Palestinian leaders", "Iraq's leadership": a state's leaders, with
    // no role or body named, are its government (not an indirect reading).
    let leaders = matches!(
        an.tokens[head].lower.as_str(),
        "leader" | "leaders" | "leadership"
    ) && (owner.is_some() || head > head_part.start && is_state_word(an, head - 1));
    let indirect = |mut a: ActorRef| {
        if leaders && a.code.country.is_some() && a.code.sector.is_none() {
            a.code = a.code.with_sector(Some("GOV"));
        } else {
            a.resolved = true;
        }
        a.head = None;
        a
    };
    if let Some(members) = owner {
        return Some(reading(
            members.into_iter().map(indirect).collect(),
            PhraseKind::Actors,
        ));
    }
    let m = an
        .mentions
        .iter()
        .find(|m| m.tokens.start >= head_part.start && m.tokens.end <= head)?;
    // "Kampuchean guerrilla camps", "Israeli army bulldozers": a role
    // word between the state and the head gives the sector.
    let role = an.mentions.iter().find_map(|r| match &r.kind {
        MentionKind::Agent { sector, .. }
            if r.tokens.start >= m.tokens.end && r.tokens.end <= head =>
        {
            Some(sector.as_str())
        }
        _ => None,
    });
    let code = match m.kind {
        MentionKind::Country { iso3 } | MentionKind::Demonym { iso3 } => {
            ActorCode::from_parts(iso3, role)
        }
        MentionKind::Org { code } => code.clone(),
        other => role_code(other, date)?.with_sector(None),
    };
    // A region names states ("African states", "Western allies": the
    // states themselves), not what they own ("its European business").
    let region = code.is_region();
    let states = STATES.contains(&an.tokens[head].lower.as_str());
    if region && !states {
        return None;
    }
    let a = ActorRef {
        head: None,
        ..ActorRef::of(code, head_part)
    };
    Some(reading(
        vec![if region { a } else { indirect(a) }],
        PhraseKind::Actors,
    ))
}

/// True when token `i` is the whole of a country name or demonym ("the
/// *Palestinian* leaders", not "the Bosnian *Serb* leaders").
fn is_state_word(an: &Analysis<'_>, i: usize) -> bool {
    an.mentions.iter().any(|m| {
        m.tokens.end == i + 1
            && !m.ethnic
            && matches!(
                m.kind,
                MentionKind::Country { .. } | MentionKind::Demonym { .. }
            )
    })
}

/// Nouns for states as members of a group ("African states", "Western
/// allies").
const STATES: &[&str] = &[
    "state",
    "states",
    "country",
    "countries",
    "nation",
    "nations",
    "power",
    "powers",
    "ally",
    "allies",
    "partners",
    "neighbours",
    "neighbors",
    "members",
    "creditors",
    "donors",
    "capitals",
    "producers",
];

/// Role words for bodies, not persons: "it", never "he", stands for them.
const BODIES: &[&str] = &[
    "government",
    "regime",
    "administration",
    "party",
    "ministry",
    "department",
    "council",
    "parliament",
    "assembly",
    "cabinet",
    "court",
    "army",
    "military",
    "navy",
    "police",
    "force",
    "movement",
    "group",
    "authority",
    "agency",
    "junta",
    "opposition",
    "legislature",
    "senate",
    "congress",
    "coalition",
    "command",
    "embassy",
    "commission",
    "committee",
    "leadership",
    "office",
    "service",
    "union",
    "company",
    "firm",
    "bank",
    "media",
    "newspaper",
    "militia",
    "front",
    "organization",
    "organisation",
    "alliance",
];

/// A reading whose actors' sector comes from a role word.
fn role_reading(actors: Vec<ActorRef>) -> NpReading {
    NpReading {
        has_role: true,
        ..reading(actors, PhraseKind::Actors)
    }
}

fn reading(actors: Vec<ActorRef>, kind: PhraseKind) -> NpReading {
    NpReading {
        actors,
        kind,
        unknown_name: None,
        has_role: false,
        place: false,
    }
}

/// The role of a person's that tells who they are on `date`: the role held
/// on the date; with no date, the most recent one; out of office, the last
/// one before the date, or before their first role that one in dyad's own
/// knowledge base (`true`: not held on the date, so only the role's country
/// tells who they are).
fn person_role(roles: &[Role], date: Option<Date>) -> Option<(&Role, bool)> {
    let active = date.and_then(|d| roles.iter().find(|r| r.holds_on(d)));
    match (active, date) {
        (Some(r), _) => Some((r, false)),
        (None, None) => roles.iter().max_by_key(|r| r.start).map(|r| (r, false)),
        (None, Some(d)) => roles
            .iter()
            .filter(|r| r.start.is_none_or(|s| s <= d))
            .max_by_key(|r| r.start)
            // (Legacy dictionaries leave a null period out of the roles:
            // there, no actor before the first role.)
            .or_else(|| {
                roles
                    .iter()
                    .filter(|r| r.holder.is_some())
                    .min_by_key(|r| r.start)
            })
            .map(|r| (r, true)),
    }
}

fn role_code(kind: &MentionKind, date: Option<Date>) -> Option<ActorCode> {
    match kind {
        // Out of office on the date (or not yet in office): still of their
        // country, without a sector.
        MentionKind::Person { roles, .. } => person_role(roles, date).map(|(r, former)| {
            if former {
                r.code.with_sector(None)
            } else {
                r.code.clone()
            }
        }),
        MentionKind::Org { code } | MentionKind::Region { code, .. } => Some(code.clone()),
        _ => None,
    }
}

/// Quantity words that count people ("hundreds of Palestinians").
const COUNTED: &[&str] = &[
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "tens",
    "millions",
    "several",
    "many",
];

fn mention_country(kind: &MentionKind, date: Option<Date>) -> Option<String> {
    match kind {
        MentionKind::Country { iso3 }
        | MentionKind::Demonym { iso3 }
        | MentionKind::Capital { iso3 } => Some(iso3.clone()),
        other => role_code(other, date).and_then(|c| c.country),
    }
}

/// Where a people named by its demonym (`iso3`, the phrase's head word
/// at `head`) lives, when the phrase says so: a state's adjective before it
/// ("Bosnian Serbs", "Iraqi Kurds"), "of"/"in" a state after it ("the
/// Albanians of southern Serbia", "ethnic Albanians in Macedonia"), or for
/// an "ethnic" group the story's main other country, for a group the
/// knowledge base lists its home state in the story (both inferred, `true`).
/// Coders code such groups as civilians of the state they live in.
fn ethnic_residence(
    an: &Analysis<'_>,
    r: &Range<usize>,
    head: usize,
    iso3: &str,
    ctx: &DocContext,
) -> Option<(String, bool)> {
    let toks = &an.tokens;
    if !toks[r.end - 1].looks_plural() {
        return None;
    }
    // A listed ethnic group ("Kurds"), its home state already chosen.
    let group = an
        .mentions
        .iter()
        .any(|m| m.tokens.start == head && m.ethnic);
    let state_before = an.mentions.iter().find_map(|m| match m.kind {
        MentionKind::Country { iso3: c } | MentionKind::Demonym { iso3: c }
            if (r.start..head).contains(&m.tokens.start) && (c != iso3 || group) =>
        {
            Some(c.clone())
        }
        _ => None,
    });
    if let Some(c) = state_before {
        return Some((c, false));
    }
    let ethnic = group || toks[r.start..head].iter().any(|t| t.lower == "ethnic");
    let prep = toks.get(r.end).map(|t| t.lower.as_str());
    // The state or region heading the phrase after "of"/"in" ("of
    // southern Serbia", "in the Israeli-occupied West Bank").
    let object = an
        .chunks
        .iter()
        .find(|c| c.kind == ChunkKind::Prep && c.tokens.start == r.end)
        .and_then(|c| c.object.clone());
    if let Some(o) = object.filter(|_| prep == Some("of") || ethnic && prep == Some("in")) {
        // "the Palestinians of the West Bank": a people of a region of
        // their own state are its civilians too.
        let lives = an.mentions.iter().find_map(|m| match m.kind {
            MentionKind::Country { iso3: c } | MentionKind::Region { iso3: c, .. }
                if m.tokens.end == o.end && (c != iso3 || prep == Some("of")) =>
            {
                Some(c.clone())
            }
            _ => None,
        });
        if let Some(c) = lives {
            return Some((c, false));
        }
    }
    if group {
        return Some((iso3.to_string(), true));
    }
    ethnic
        .then(|| ctx.main_country_except(iso3).map(|c| (c.to_string(), true)))
        .flatten()
}

/// Reads the head part of a noun phrase. `possessor` (when given) may supply the country.
#[allow(clippy::too_many_arguments)]
fn read_core(
    an: &Analysis<'_>,
    r: Range<usize>,
    possessor: Option<Range<usize>>,
    ctx: &mut DocContext,
    date: Option<Date>,
    sentence: usize,
    current_subject: Option<&ActorRef>,
    of_object: Option<Range<usize>>,
) -> Option<NpReading> {
    let toks = &an.tokens;
    let last = r.end - 1;
    let mentions_in = |range: &Range<usize>| {
        let (lo, hi) = (range.start, range.end);
        an.mentions
            .iter()
            .filter(move |m| m.tokens.start >= lo && m.tokens.end <= hi)
    };
    // The first organisation named in a range.
    let org_in = |range: &Range<usize>| {
        mentions_in(range).find_map(|m| match m.kind {
            MentionKind::Org { code } => Some(code.clone()),
            _ => None,
        })
    };
    let head_mention = an
        .mentions
        .iter()
        .find(|m| m.tokens.start <= last && last < m.tokens.end && m.tokens.start >= r.start);

    // A run of capitalised words at the end that the KB does not know: a name.
    let name_start = {
        let mut s = r.end;
        while s > r.start
            && toks[s - 1].pos.starts_with("NNP")
            && toks[s - 1].is_capitalized()
            && !is_not_name(&toks[s - 1].lower)
            && !an.mentions.iter().any(|m| m.tokens.contains(&(s - 1)))
        {
            s -= 1;
        }
        s
    };
    // "President Saddam | Hussein": the rest of a known person's name.
    let name_goes_on = an.mentions.iter().find(|m| {
        m.tokens.end == name_start
            && m.tokens.start >= r.start
            && r.end - name_start <= 2
            && matches!(m.kind, MentionKind::Person { .. })
    });
    let (head_mention, name_start) = match (head_mention, name_goes_on) {
        (None, Some(m)) => (Some(m), r.end),
        (h, _) => (h, name_start),
    };
    let unknown_name = (name_start < r.end).then(|| {
        toks[name_start..r.end]
            .iter()
            .map(|t| t.word.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });

    let country_from = |range: &Range<usize>, ctx: &DocContext| -> Option<String> {
        for m in mentions_in(range) {
            if let Some(c) = mention_country(m.kind, date) {
                return Some(c);
            }
        }
        // "the country's foreign ministry"
        if toks[range.clone()]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "country" | "nation"))
        {
            return ctx.focus_country(current_subject, sentence);
        }
        // "Ukraine said Russian forces shelled its towns": "its" is the
        // state that is the sentence's subject, unless another state or
        // body is named in between ("assurances from the Russian
        // government that its forces …").
        if let Some(its) = range.clone().find(|&i| toks[i].lower == "its") {
            return subject_state(an, current_subject, its).and_then(|a| a.code.country.clone());
        }
        None
    };

    match (head_mention.map(|m| m.kind), &unknown_name) {
        (
            Some(
                kind @ MentionKind::Agent {
                    sector,
                    head,
                    plural,
                },
            ),
            _,
        ) => {
            // Role word as head: find its country.
            let before = r.start..head_mention.map_or(r.start, |m| m.tokens.start);
            // "the Arab League secretary-general", "the EU's foreign policy
            // chief": a body above states named before the role, or as its
            // possessor.
            let org_code = mentions_in(&before)
                .chain(possessor.iter().flat_map(|p| mentions_in(p)))
                .find_map(|m| match m.kind {
                    MentionKind::Org { code } if code.country.is_none() => Some(code.clone()),
                    _ => None,
                });
            // "ethnic Albanian guerrillas": an ethnic adjective names no state.
            let ethnic = toks[before.clone()]
                .iter()
                .position(|t| t.lower == "ethnic");
            let ethnic_of = ethnic.and_then(|k| {
                mentions_in(&before).find_map(|m| match m.kind {
                    MentionKind::Demonym { iso3 } if m.tokens.start == before.start + k + 1 => {
                        Some(iso3.as_str())
                    }
                    _ => None,
                })
            });
            let before = match ethnic {
                Some(k) => before.start..before.start + k,
                None => before,
            };
            let named_country = country_from(&before, ctx);
            let country = named_country
                .clone()
                .or_else(|| possessor.as_ref().and_then(|p| country_from(p, ctx)))
                .or_else(|| of_object.as_ref().and_then(|o| country_from(o, ctx)));
            let _ = kind;
            let mk = |code: ActorCode| ActorRef {
                head: Some(head.clone()),
                ..ActorRef::of(code, r.clone())
            };
            // "a FARC commander", "a Pentagon official": a member or
            // spokesman of a national body named before is that body.
            if GENERIC_MEMBERS.contains(&head.as_str()) {
                let body = mentions_in(&before).find_map(|m| match m.kind {
                    MentionKind::Org { code }
                        if code.country.is_some() && code.sector.is_some() =>
                    {
                        Some(code.clone())
                    }
                    _ => None,
                });
                if let Some(code) = body {
                    return Some(role_reading(vec![mk(code)]));
                }
            }
            // "the foreign ministers of Armenia and Azerbaijan": one each.
            let no_possessor = possessor.as_ref().is_none_or(|p| p.is_empty());
            if *plural && named_country.is_none() && no_possessor {
                let mut countries: Vec<String> = Vec::new();
                for m in of_object.iter().flat_map(|o| mentions_in(o)) {
                    if let Some(c) = mention_country(m.kind, date) {
                        if !countries.contains(&c) {
                            countries.push(c);
                        }
                    }
                }
                if (2..=3).contains(&countries.len()) {
                    return Some(role_reading(
                        countries
                            .iter()
                            .map(|c| mk(ActorCode::from_parts(c, Some(sector))))
                            .collect(),
                    ));
                }
            }
            // "exiled leaders of Egypt's Muslim Brotherhood": a part of a
            // named group is that group, not its country's role.
            let of_org = of_object.as_ref().and_then(org_in);
            let part_of_group =
                no_possessor && PART_OF_GROUP.contains(&head.as_str()) && named_country.is_none();
            if let Some(code) = of_org.clone().filter(|_| part_of_group) {
                return Some(role_reading(vec![mk(code)]));
            }
            if let Some(c) = country {
                return Some(role_reading(vec![mk(ActorCode::from_parts(
                    &c,
                    Some(sector),
                ))]));
            }
            // "NATO troops", "the Arab League secretary-general".
            if let Some(code) = org_code {
                return Some(role_reading(vec![mk(member_of(&code, head, sector))]));
            }
            if let Some(code) = of_org {
                return Some(role_reading(vec![mk(code)]));
            }
            let words = words_lower(an, &r);
            // "the two ministers", "both sides": the last two introduced, or
            // no actor; "two servicemen" is a count.
            let two = *plural
                && (words.contains(&"both") || words.windows(2).any(|w| w == ["the", "two"]));
            if two {
                let [a, b] = ctx.last_two_with_head(head)?;
                return Some(role_reading(vec![
                    a.at(r.clone(), true),
                    b.at(r.clone(), true),
                ]));
            }
            if !*plural && words.first() == Some(&"the") {
                if let Some(a) = ctx.last_with_head(head) {
                    return Some(role_reading(vec![a.clone().at(r.clone(), true)]));
                }
            }
            // "the town of Jenin": a settlement's country is the place's,
            // which the event's location carries, not the story's.
            if SETTLEMENTS.contains(&head.as_str()) {
                return None;
            }
            // "police opened fire", "the rebels" with no country named: the
            // country the story is about (an inference, so marked resolved).
            let c = ctx.main_country_except(ethnic_of.unwrap_or(""))?;
            let mut a = mk(ActorCode::from_parts(c, Some(sector)));
            a.resolved = true;
            // "its citizens": the owner's country, not a guess.
            a.guessed_country = !words
                .iter()
                .any(|w| matches!(*w, "its" | "their" | "his" | "her" | "our"));
            Some(role_reading(vec![a]))
        }
        (Some(kind), _) => {
            if let (MentionKind::Demonym { iso3 }, Some(m)) = (kind, head_mention) {
                if let Some((c, inferred)) = ethnic_residence(an, &r, m.tokens.start, iso3, ctx) {
                    let mut a = ActorRef::of(ActorCode::from_parts(&c, Some("CVL")), r.clone());
                    a.resolved = inferred;
                    return Some(reading(vec![a], PhraseKind::Actors));
                }
            }
            // People counted are civilians, not the state: "arrested more
            // than 100 Palestinians", "deported 168 Liberians", "thousands of Kenyans".
            let counted =
                |t: &crate::text::tag::Tagged| t.pos == "CD" || COUNTED.contains(&t.lower.as_str());
            let counted_people = head_mention.is_some_and(|m| m.tokens.end == r.end)
                && an.tokens[r.end - 1].looks_plural()
                && (an.tokens[r.start..r.end - 1].iter().any(counted)
                    || r.start >= 2
                        && an.tokens[r.start - 1].lower == "of"
                        && counted(&an.tokens[r.start - 2]));
            let code = match kind {
                MentionKind::Demonym { iso3 } if counted_people => {
                    ActorCode::from_parts(iso3, Some("CVL"))
                }
                MentionKind::Country { iso3 } | MentionKind::Demonym { iso3 } => {
                    ActorCode::from_parts(iso3, None)
                }
                MentionKind::Capital { iso3 } => ActorCode::from_parts(iso3, Some("GOV")),
                other => role_code(other, date)?,
            };
            let (name, head) = match kind {
                MentionKind::Person { name, roles } => {
                    let holder = person_role(roles, date).and_then(|(r, _)| r.holder.as_ref());
                    (Some(holder.unwrap_or(name).clone()), None)
                }
                _ => (None, None),
            };
            // A role word before a person: "Secretary of State Mike Pompeo";
            // it gives the sector when the person's code has none ("Bree
            // Prime Minister Romendacil" → BREGOV).
            let role = mentions_in(&(r.start..last)).find_map(|m| match m.kind {
                MentionKind::Agent { head, sector, .. } => Some((head.clone(), sector.clone())),
                _ => None,
            });
            let title_org = org_in(&(r.start..last));
            let code = match (&role, &code.sector) {
                (Some((_, sector)), None) if code.country.is_some() => {
                    code.with_sector(Some(sector))
                }
                // "Prime Minister Ehud Barak", a prime minister and later a
                // defence minister: when the date holds none of the
                // person's roles, the title picks among them, a role in the
                // body the title names first ("UN Secretary General
                // António Guterres", once Portugal's prime minister).
                (Some((_, sector)), _) => match kind {
                    MentionKind::Person { roles, .. }
                        if date.is_none_or(|d| roles.iter().all(|r| !r.holds_on(d))) =>
                    {
                        let in_body = |r: &&Role| {
                            title_org
                                .as_ref()
                                .is_some_and(|o| r.code.full.starts_with(&o.full))
                        };
                        roles
                            .iter()
                            .filter(in_body)
                            .max_by_key(|r| r.start)
                            .or_else(|| {
                                roles
                                    .iter()
                                    .filter(|r| r.code.sector.as_deref() == Some(sector.as_str()))
                                    .max_by_key(|r| r.start)
                            })
                            .map_or(code, |r| r.code.clone())
                    }
                    _ => code,
                },
                _ => code,
            };
            // "U.N. Secretary-General Kofi Annan": a title naming a role in
            // the person's own international body gives that role.
            let code = match title_org {
                Some(title)
                    if code.country.is_none()
                        && title.full.len() > code.full.len()
                        && title.full.starts_with(&code.full) =>
                {
                    title
                }
                _ => code,
            };
            // "former president Carlos Menem": a former office holder is an
            // elite (CAMEO), whatever the date says.
            let former = matches!(kind, MentionKind::Person { .. })
                && toks[r.start..last].iter().any(|t| {
                    matches!(t.lower.as_str(), "former" | "ex" | "ousted" | "deposed")
                        || t.lower.starts_with("ex-")
                });
            let code = if former && code.country.is_some() {
                code.with_sector(Some("ELI"))
            } else {
                code
            };
            let role_head = role.map(|(h, _)| h);
            let a = ActorRef {
                name,
                head: head.or(role_head),
                ..ActorRef::of(code, r.clone())
            };
            Some(reading(vec![a], PhraseKind::Actors))
        }
        (None, Some(name)) => {
            // "the United Nations Emergency Relief Coordinator", "the Iraqi
            // National Congress": an organisation or a country naming one of
            // its bodies or offices.
            if let Some(a) = body_of_named(an, &r, name_start) {
                return Some(reading(vec![a], PhraseKind::Actors));
            }
            // A title before an unknown name: "Armenian Foreign Minister Zohrab Mnatsakanyan".
            let title = r.start..name_start;
            let agent = mentions_in(&title)
                .filter_map(|m| match m.kind {
                    MentionKind::Agent { sector, head, .. } => Some((sector.clone(), head.clone())),
                    _ => None,
                })
                .next_back();
            if let Some((sector, head)) = agent {
                // "Arab League Secretary General Chadli Klibi": an official
                // of a body above states is that body, in that role.
                let body = mentions_in(&title).find_map(|m| match m.kind {
                    MentionKind::Org { code } if code.country.is_none() => {
                        Some(member_of(code, &head, &sector))
                    }
                    _ => None,
                });
                // Else the country the title names, or the story's country
                // for "President Laurent Gbagbo" with none named, unless the
                // name was introduced before (inferred).
                let coded = body.map(|code| (code, false)).or_else(|| {
                    country_from(&title, ctx)
                        .or_else(|| possessor.as_ref().and_then(|p| country_from(p, ctx)))
                        .map(|c| (c, false))
                        .or_else(|| {
                            ctx.alias(name)
                                .is_none()
                                .then(|| ctx.main_country().map(|c| (c.to_string(), true)))
                                .flatten()
                        })
                        .map(|(c, inferred)| (ActorCode::from_parts(&c, Some(&sector)), inferred))
                });
                if let Some((code, resolved)) = coded {
                    let a = ActorRef {
                        name: Some(name.clone()),
                        head: Some(head),
                        resolved,
                        ..ActorRef::of(code, r.clone())
                    };
                    ctx.add_alias(name, &a);
                    return Some(role_reading(vec![a]));
                }
            }
            // "Iraqi Kurds", "Bosnian Serbs": a people of a named country.
            let demonym = an.mentions.iter().find_map(|m| match m.kind {
                MentionKind::Demonym { iso3 } if m.tokens.end == name_start => Some(iso3.clone()),
                _ => None,
            });
            if name_start + 1 == r.end && toks[name_start].looks_plural() {
                if let Some(c) = demonym {
                    let a = ActorRef::of(ActorCode::from_parts(&c, Some("CVL")), r.clone());
                    return Some(reading(vec![a], PhraseKind::Actors));
                }
            }
            // "Australian VC recipient Ben Roberts-Smith", "former Germany
            // defender Christoph Metzelder": a personal name after a
            // lowercase description naming a country is one of its people.
            let described = r.end - name_start >= 2
                && name_start > r.start
                && matches!(toks[name_start - 1].pos.as_str(), "NN" | "NNS" | "JJ")
                && !toks[name_start - 1].is_capitalized()
                && toks[title.clone()]
                    .iter()
                    .all(|t| !matches!(t.pos.as_str(), "IN" | "TO" | "CC" | "POS" | ","));
            if let Some(c) =
                country_from(&title, ctx).filter(|_| described && ctx.alias(name).is_none())
            {
                let a = ActorRef {
                    name: Some(name.clone()),
                    ..ActorRef::of(ActorCode::from_parts(&c, Some("CVL")), r.clone())
                };
                ctx.add_alias(name, &a);
                return Some(role_reading(vec![a]));
            }
            // A name introduced earlier in the document.
            let known = ctx.alias(name).cloned().or_else(|| {
                name.split_whitespace()
                    .last()
                    .and_then(|s| ctx.alias(s).cloned())
            });
            match known {
                Some(a) => Some(NpReading {
                    actors: vec![a.at(r.clone(), true)],
                    kind: PhraseKind::Actors,
                    unknown_name: Some(name.clone()),
                    has_role: false,
                    place: false,
                }),
                None => Some(NpReading {
                    actors: Vec::new(),
                    kind: PhraseKind::Actors,
                    unknown_name: Some(name.clone()),
                    has_role: false,
                    place: false,
                }),
            }
        }
        // "the Islamic Jihad movement", "the Hamas militant group": a group
        // noun after an organisation's name is that organisation.
        (None, None) if GROUP_NOUNS.contains(&toks[last].lower.as_str()) => {
            let org = mentions_in(&(r.start..last))
                .filter(|m| toks[m.tokens.end..last].iter().all(|t| !t.is_capitalized()))
                .filter_map(|m| match m.kind {
                    MentionKind::Org { code } => Some(code.clone()),
                    _ => None,
                })
                .next_back()?;
            Some(reading(
                vec![ActorRef::of(org, r.clone())],
                PhraseKind::Actors,
            ))
        }
        (None, None) => None,
    }
}

/// Nouns that name an organisation's kind; after its name they add nothing
/// ("the Islamic Jihad movement", "the Hamas militant group").
const GROUP_NOUNS: &[&str] = &[
    "movement",
    "group",
    "organization",
    "organisation",
    "faction",
    "coalition",
    "alliance",
    "front",
    "network",
    "bloc",
    "wing",
    "agency",
    "body",
    "office",
    "mission",
    "forum",
];

/// The last words of the names of bodies and offices ("the Iraqi National
/// Congress", "the UN Emergency Relief Coordinator").
const BODY_NAMES: &[&str] = &[
    "congress",
    "council",
    "committee",
    "commission",
    "office",
    "agency",
    "authority",
    "bureau",
    "board",
    "assembly",
    "front",
    "movement",
    "union",
    "league",
    "federation",
    "association",
    "organization",
    "organisation",
    "alliance",
    "coalition",
    "mission",
    "forum",
    "coordinator",
    "commissioner",
    "rapporteur",
    "representative",
    "envoy",
    "secretariat",
    "institute",
    "centre",
    "center",
    "fund",
    "programme",
    "program",
];

/// A phrase whose unknown capitalised words (from `name_start`) follow an
/// organisation, a country or a demonym and name a body or office, not a
/// person: it opens with "the" or ends in one of [`BODY_NAMES`]. The body
/// takes the organisation's code or the country's (an inference, marked
/// `resolved`).
fn body_of_named(an: &Analysis<'_>, r: &Range<usize>, name_start: usize) -> Option<ActorRef> {
    let toks = &an.tokens;
    let body = toks[r.start].lower == "the" || BODY_NAMES.contains(&toks[r.end - 1].lower.as_str());
    if !body {
        return None;
    }
    let m = an
        .mentions
        .iter()
        .find(|m| m.tokens.end == name_start && m.tokens.start >= r.start)?;
    let code = match &m.kind {
        MentionKind::Org { code } => code.clone(),
        // A state's assembly is its legislature, its councils and offices
        // are government; its fronts and unions have no known sector.
        MentionKind::Country { iso3 } | MentionKind::Demonym { iso3 } => {
            let sector = match toks[r.end - 1].lower.as_str() {
                "assembly" | "congress" => Some("LEG"),
                "council" | "committee" | "commission" | "office" | "agency" | "authority"
                | "bureau" | "board" | "secretariat" => Some("GOV"),
                _ => None,
            };
            ActorCode::from_parts(iso3, sector)
        }
        _ => return None,
    };
    Some(ActorRef {
        resolved: true,
        ..ActorRef::of(code, r.clone())
    })
}

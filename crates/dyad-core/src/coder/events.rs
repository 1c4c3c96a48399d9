//! From verb groups and actor phrases to events.
//!
//! For every finite verb group whose head verb anchors a pattern, the most
//! specific matching pattern gives the event code and the target; the
//! subject gives the source. Rules applied here, each a CAMEO convention or a
//! precision safeguard:
//!
//! - infinitives ("to halt", "tried to mediate") and gerunds after a
//!   preposition ("of breaking") are not events of their own: they are what
//!   a matrix verb asks for, or background;
//! - the passive swaps roles: the subject is the target, a `by` phrase the source;
//! - a coordinated subject with no target acts reciprocally ("Azerbaijan and
//!   Armenia are locked in a battle" → AZE→ARM and ARM→AZE), and "each side
//!   … the other" gives both directions;
//! - an action its actor announces for the future is, as the CAMEO manual
//!   codes it, an intent (03x: "will meet" → 036, "will release" → 0353) or
//!   a threat (13x: "will break relations" → 1313, "will attack" → 138),
//!   and a denied intent is a refusal (12x: "will not accept refugees" → 1223);
//!   a meeting reported as scheduled ("is due to visit") stays a meeting;
//! - lists never explode: a verb yields at most [`MAX_EVENTS_PER_VERB`] events.

use super::actors::{ActorRef, Phrase, PhraseKind};
use super::Analysis;
use crate::kb::{ActorCode, MentionKind, Pattern, PatternElement, LEGACY_GAP, MAX_GAP};
use crate::text::chunk::{verb_group, Chunk, ChunkKind, VerbGroup};
use crate::KnowledgeBase;
use std::ops::Range;

/// Most events one verb may produce (coordinations are distributive, so a
/// list of eight states would otherwise give 56 dyads).
pub(crate) const MAX_EVENTS_PER_VERB: usize = 6;

/// Reporting verbs: their subject is who the other events are attributed to.
const REPORTING: &[&str] = &[
    "say", "tell", "report", "announce", "state", "claim", "add", "confirm", "allege", "declare",
    "note", "insist", "write", "tweet",
];

/// Quantity words whose "of" phrase is the real subject ("dozens of rebels attacked").
const QUANTITIES: &[&str] = &[
    "hundreds",
    "thousands",
    "dozens",
    "scores",
    "millions",
    "tens",
    "some",
    "many",
    "most",
    "several",
    "all",
    "both",
    "each",
    "one",
    "two",
    "three",
    "four",
    "five",
    "group",
    "groups",
    "band",
    "unit",
    "units",
];

/// Words tagged as prepositions that introduce a clause when a verb follows.
pub(crate) const CONJUNCTIONS: &[&str] = &[
    "as", "after", "before", "since", "until", "till", "once", "because", "while",
];

/// An event found in a sentence, before it becomes an [`crate::Event`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub source: ActorRef,
    pub target: Option<ActorRef>,
    pub code: String,
    pub pattern: String,
    pub trigger: Range<usize>,
    pub negated: bool,
    pub future: bool,
    pub attributed_to: Option<String>,
    pub confidence: f32,
}

/// Why a verb group did or did not give events (for `--explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct VerbDecision {
    /// The verb group's words.
    pub verb: String,
    /// The head verb's lemma.
    pub lemma: String,
    /// What happened.
    pub outcome: String,
}

struct PatternMatch<'p> {
    pattern: &'p Pattern,
    target: Option<usize>,
    end: usize,
    /// The source when the pattern says it (legacy `$`, or the subject of
    /// legacy words before the verb).
    source: Option<usize>,
    /// True when the pattern fixes source and target itself (voice ignored).
    explicit: bool,
}

/// A tense-bearing verb or modal: it starts a clause of its own.
fn is_finite(pos: &str) -> bool {
    matches!(pos, "VBD" | "VBZ" | "VBP" | "MD")
}

/// A verb group that is a bare "-ing" participle ("…, killing 20").
fn is_participle(an: &Analysis<'_>, g: &VerbGroup) -> bool {
    an.tokens[g.head].pos == "VBG" && g.tokens.start == g.head
}

/// Days and deictic time words, which news puts anywhere after a verb.
fn is_time_adverb(w: &str) -> bool {
    matches!(
        w,
        "today"
            | "yesterday"
            | "tonight"
            | "overnight"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

pub(super) fn is_clause_break(an: &Analysis<'_>, i: usize) -> bool {
    let t = &an.tokens[i];
    matches!(
        t.lower.as_str(),
        ";" | ":" | "-" | "--" | "." | "!" | "?" | "but" | "because" | "while" | "although"
    ) || t.pos == "WDT"
        || t.pos == "WP"
}

fn starts_noun_phrase(an: &Analysis<'_>, i: usize) -> bool {
    an.chunks
        .iter()
        .any(|c| c.kind == ChunkKind::Noun && c.tokens.start == i)
}

pub(super) fn phrase_starting_at(phrases: &[Phrase], i: usize) -> Option<usize> {
    phrases
        .iter()
        .position(|p| p.tokens.start == i && !p.locative)
}

/// The phrase a relative clause ending with phrase `p` describes: in
/// "Rebels who attacked the base were killed" the subject of "were killed"
/// is "Rebels", not the relative clause's object "the base".
fn relative_head(an: &Analysis<'_>, phrases: &[Phrase], p: usize) -> Option<usize> {
    let verb = an
        .chunks
        .iter()
        .find(|c| c.kind == ChunkKind::Verb && c.tokens.end == phrases[p].tokens.start)?;
    let pronoun = verb.tokens.start.checked_sub(1)?;
    if !matches!(an.tokens[pronoun].lower.as_str(), "who" | "which" | "that")
        || !is_finite(&an.tokens[verb.tokens.start].pos)
    {
        return None;
    }
    phrases
        .iter()
        .position(|q| q.tokens.end == pronoun && q.prep.is_none())
}

/// True when verb group `gi` is in the clause an affirmed "deny" puts in
/// doubt: "denied that its troops had crossed", "denied reports that …"
/// (not "cannot confirm or deny that").
fn denied(an: &Analysis<'_>, groups: &[VerbGroup], gi: usize) -> bool {
    let start = groups[gi].tokens.start;
    groups[..gi].iter().rev().take(2).any(|d| {
        let alternative = d
            .tokens
            .start
            .checked_sub(1)
            .is_some_and(|i| matches!(an.tokens[i].lower.as_str(), "or" | "nor" | "either"));
        if an.tokens[d.head].lemma != "deny" || d.negated || alternative {
            return false;
        }
        (d.tokens.end..start.min(d.tokens.end + 3))
            .find(|&i| an.tokens[i].lower == "that")
            .is_some_and(|t| (t..start).all(|i| !is_clause_break(an, i)))
    })
}

/// Matches `elems` from token `i`; returns the end and the target phrase.
pub(super) fn match_elems(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    elems: &[PatternElement],
    i: usize,
    target: Option<usize>,
) -> Option<(usize, Option<usize>)> {
    let Some((first, rest)) = elems.split_first() else {
        return Some((i, target));
    };
    match first {
        PatternElement::Word(ws) => {
            let t = an.tokens.get(i)?;
            if ws.iter().any(|w| *w == t.lemma || *w == t.lower) {
                // "arrive in +": a place after the spelled preposition is the target.
                if let Some((PatternElement::Target, after)) = rest.split_first() {
                    if let Some(p) = phrases
                        .iter()
                        .position(|p| p.locative && p.tokens.start == i + 1)
                    {
                        let end = phrases[p].tokens.end;
                        return match_elems(an, phrases, verb_chunks, after, end, Some(p));
                    }
                }
                match_elems(an, phrases, verb_chunks, rest, i + 1, target)
            } else if is_time_adverb(&t.lower) {
                // "called Thursday on Arabs to unite": a day is no word of the pattern.
                match_elems(an, phrases, verb_chunks, elems, i + 1, target)
            } else {
                None
            }
        }
        PatternElement::Target => {
            let p = phrase_starting_at(phrases, i)?;
            let mut end = phrases[p].tokens.end;
            // "called on the UN mission in Haiti to broker …": up to two
            // prepositional phrases may qualify the target.
            for _ in 0..3 {
                if let Some(m) = match_elems(an, phrases, verb_chunks, rest, end, Some(p)) {
                    return Some(m);
                }
                match an
                    .chunks
                    .iter()
                    .find(|c| c.kind == ChunkKind::Prep && c.tokens.start == end)
                {
                    Some(c) => end = c.tokens.end,
                    None => return None,
                }
            }
            None
        }
        PatternElement::Gap => {
            for skip in 0..=MAX_GAP {
                let j = i + skip;
                if j > an.tokens.len() {
                    break;
                }
                if skip > 0 {
                    let crossed = j - 1;
                    if is_clause_break(an, crossed)
                        || verb_chunks.iter().any(|v| v.contains(&crossed))
                    {
                        break;
                    }
                }
                if let Some(m) = match_elems(an, phrases, verb_chunks, rest, j, target) {
                    return Some(m);
                }
            }
            None
        }
        // Legacy elements: the general matcher.
        _ => match_fwd(
            an,
            phrases,
            verb_chunks,
            elems,
            i,
            Slots {
                target,
                ..Slots::default()
            },
        )
        .map(|(end, s)| (end, s.target)),
    }
}

/// Actor phrases a legacy pattern assigned while matching.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slots {
    target: Option<usize>,
    source: Option<usize>,
    /// A legacy `%` before the verb: the compound acts on itself.
    reciprocal: bool,
}

impl Slots {
    /// These slots with phrase `p` bound to the source (for a `$`
    /// element) or the target (`+`, `%`).
    fn bind(self, elem: &PatternElement, p: usize) -> Slots {
        match elem {
            PatternElement::Source => Slots {
                source: Some(p),
                ..self
            },
            _ => Slots {
                target: Some(p),
                ..self
            },
        }
    }
}

/// What one pattern matched around a verb group.
#[derive(Debug, Clone, Copy)]
struct MatchResult {
    end: usize,
    target: Option<usize>,
    source: Option<usize>,
    explicit: bool,
}

/// A passive verb group's subject noun phrase (with its prepositional
/// phrases), where it starts, and the actor after "by": the same for every
/// candidate pattern of the group, so found once.
struct PassiveFrame {
    subject_start: usize,
    agent: usize,
}

fn passive_frame(an: &Analysis<'_>, phrases: &[Phrase], g: &VerbGroup) -> Option<PassiveFrame> {
    if !g.passive {
        return None;
    }
    let mut subject_start = g.tokens.start;
    while let Some(c) = an.chunks.iter().find(|c| {
        c.tokens.end == subject_start && matches!(c.kind, ChunkKind::Noun | ChunkKind::Prep)
    }) {
        subject_start = c.tokens.start;
    }
    let by = (g.head + 1..an.tokens.len().min(g.head + 3)).find(|&i| an.tokens[i].lower == "by")?;
    let agent = phrase_starting_at(phrases, by + 1)?;
    Some(PassiveFrame {
        subject_start,
        agent,
    })
}

/// A passive whose subject is the pattern's object and target, its agent
/// after "by" the source: "Evidence against Russia was presented by the
/// US" (`present * evidence against +`), "Sanctions on Iran were imposed
/// by the EU".
fn passive_object_subject(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    g: &VerbGroup,
    p: &Pattern,
    frame: &PassiveFrame,
) -> Option<MatchResult> {
    if !p.rest.iter().any(|e| matches!(e, PatternElement::Word(_))) {
        return None;
    }
    let (end, target) = match_elems(an, phrases, verb_chunks, &p.rest, frame.subject_start, None)?;
    (end == g.tokens.start && target.is_some()).then_some(MatchResult {
        end: phrases[frame.agent].tokens.end,
        target,
        source: Some(frame.agent),
        explicit: true,
    })
}

fn phrase_ending_at(phrases: &[Phrase], i: usize) -> Option<usize> {
    phrases
        .iter()
        .position(|p| p.tokens.end == i && p.tokens.start < i)
}

/// End of the noun phrase (an actor phrase, a noun chunk or a prepositional
/// phrase) starting at `i`, for the legacy `^`.
fn skip_phrase_fwd(an: &Analysis<'_>, phrases: &[Phrase], i: usize) -> Option<usize> {
    if let Some(p) = phrase_starting_at(phrases, i) {
        return Some(phrases[p].tokens.end);
    }
    an.chunks.iter().find_map(|c| match c.kind {
        ChunkKind::Noun | ChunkKind::Prep if c.tokens.start == i && c.tokens.end > i => {
            Some(c.tokens.end)
        }
        // The object of a prepositional phrase ("at | Osgiliath").
        ChunkKind::Prep => c
            .object
            .as_ref()
            .filter(|o| o.start == i && o.end > i)
            .map(|o| o.end),
        _ => None,
    })
}

/// Start of the noun phrase ending at `i` (exclusive), for a legacy `^` before the verb.
fn skip_phrase_back(an: &Analysis<'_>, phrases: &[Phrase], i: usize) -> Option<usize> {
    if let Some(p) = phrase_ending_at(phrases, i) {
        return Some(phrases[p].tokens.start);
    }
    an.chunks.iter().find_map(|c| match c.kind {
        ChunkKind::Noun | ChunkKind::Prep if c.tokens.end == i && c.tokens.start < i => {
            Some(c.tokens.start)
        }
        ChunkKind::Prep => c
            .object
            .as_ref()
            .filter(|o| o.end == i && o.start < i)
            .map(|o| o.start),
        _ => None,
    })
}

/// True when the lowercase words of `an` at `at` are `seq`.
fn words_at(an: &Analysis<'_>, at: usize, seq: &[String]) -> bool {
    an.tokens
        .get(at..at + seq.len())
        .is_some_and(|ts| ts.iter().zip(seq).all(|(t, w)| t.lower == *w))
}

/// The first actor phrase starting at or after `i` in the same clause: the
/// implicit target of a legacy pattern.
/// A phrase after a comma that is the subject of its own verb ("…, a
/// senior official said") is not an object of the verb.
fn next_actor(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    i: usize,
) -> Option<usize> {
    let (idx, p) = phrases
        .iter()
        .enumerate()
        .filter(|(_, p)| p.tokens.start >= i)
        .min_by_key(|(_, p)| p.tokens.start)?;
    let between = i..p.tokens.start;
    if between.clone().any(|k| is_clause_break(an, k)) {
        return None;
    }
    let after_comma = between.clone().any(|k| an.tokens[k].lower == ",");
    let subject_of_verb = verb_chunks.iter().any(|v| v.start == p.tokens.end);
    (!(after_comma && subject_of_verb)).then_some(idx)
}

/// The subject before token `k`, also across auxiliaries split off the
/// verb group ("The Philippines was | heavily criticized").
fn legacy_subject(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    k: usize,
) -> Option<usize> {
    subject(an, phrases, k).or_else(|| {
        let v = verb_chunks.iter().find(|v| v.end == k && v.start < k)?;
        subject(an, phrases, v.start)
    })
}

/// Matches pattern elements forwards from token `i` (all element kinds).
fn match_fwd(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    elems: &[PatternElement],
    i: usize,
    slots: Slots,
) -> Option<(usize, Slots)> {
    let Some((first, rest)) = elems.split_first() else {
        return Some((i, slots));
    };
    let next = |j: usize, s: Slots| match_fwd(an, phrases, verb_chunks, rest, j, s);
    match first {
        PatternElement::Word(ws) => {
            let t = an.tokens.get(i)?;
            if ws.iter().any(|w| *w == t.lemma || *w == t.lower) {
                next(i + 1, slots)
            } else {
                None
            }
        }
        PatternElement::Literal(ws) => {
            let t = an.tokens.get(i)?;
            ws.contains(&t.lower).then_some(())?;
            next(i + 1, slots)
        }
        PatternElement::Synset(set) => set
            .members
            .iter()
            .filter(|m| words_at(an, i, m))
            .find_map(|m| next(i + m.len(), slots)),
        PatternElement::Target | PatternElement::Compound | PatternElement::Source => {
            let p = phrase_starting_at(phrases, i)?;
            next(phrases[p].tokens.end, slots.bind(first, p))
        }
        PatternElement::SkipPhrase => next(skip_phrase_fwd(an, phrases, i)?, slots),
        PatternElement::NextActor => {
            let target = slots
                .target
                .or_else(|| next_actor(an, phrases, verb_chunks, i));
            next(i, Slots { target, ..slots })
        }
        PatternElement::Gap | PatternElement::Skip => {
            let (limit, legacy) = match first {
                PatternElement::Gap => (MAX_GAP, false),
                _ => (LEGACY_GAP, true),
            };
            for skip in 0..=limit {
                let j = i + skip;
                if j > an.tokens.len() {
                    break;
                }
                if skip > 0 {
                    let crossed = j - 1;
                    if is_clause_break(an, crossed)
                        || !legacy && verb_chunks.iter().any(|v| v.contains(&crossed))
                    {
                        break;
                    }
                }
                if let Some(m) = next(j, slots) {
                    return Some(m);
                }
            }
            None
        }
    }
}

/// Matches legacy elements written before the verb, backwards from token
/// `i` (exclusive); returns where the match starts.
fn match_back(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    elems: &[PatternElement],
    i: usize,
    slots: Slots,
) -> Option<(usize, Slots)> {
    let Some((last, rest)) = elems.split_last() else {
        return Some((i, slots));
    };
    let prev = |j: usize, s: Slots| match_back(an, phrases, rest, j, s);
    match last {
        PatternElement::Word(ws) | PatternElement::Literal(ws) => {
            let t = an.tokens.get(i.checked_sub(1)?)?;
            let lemma_ok = matches!(last, PatternElement::Word(_)) && ws.contains(&t.lemma);
            (lemma_ok || ws.contains(&t.lower)).then_some(())?;
            prev(i - 1, slots)
        }
        PatternElement::Synset(set) => set
            .members
            .iter()
            .filter(|m| i >= m.len() && words_at(an, i - m.len(), m))
            .find_map(|m| prev(i - m.len(), slots)),
        PatternElement::Target | PatternElement::Source => {
            let p = phrase_ending_at(phrases, i)?;
            prev(phrases[p].tokens.start, slots.bind(last, p))
        }
        // A compound before the verb is the source, which acts reciprocally.
        PatternElement::Compound => {
            let p = phrase_ending_at(phrases, i)?;
            (phrases[p].members.len() >= 2).then_some(())?;
            prev(
                phrases[p].tokens.start,
                Slots {
                    source: Some(p),
                    reciprocal: true,
                    ..slots
                },
            )
        }
        PatternElement::SkipPhrase => prev(skip_phrase_back(an, phrases, i)?, slots),
        PatternElement::NextActor => prev(i, slots),
        PatternElement::Gap | PatternElement::Skip => {
            let limit = if matches!(last, PatternElement::Gap) {
                MAX_GAP
            } else {
                LEGACY_GAP
            };
            for skip in 0..=limit.min(i) {
                let j = i - skip;
                if skip > 0 && is_clause_break(an, j) {
                    break;
                }
                if let Some(m) = prev(j, slots) {
                    return Some(m);
                }
            }
            None
        }
    }
}

/// The subject of the verb group that governs an infinitive starting at
/// `start`: the closest verb group before it in the same clause.
fn matrix_subject(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    start: usize,
) -> Option<usize> {
    let v = verb_chunks
        .iter()
        .filter(|v| v.end <= start)
        .max_by_key(|v| v.end)?;
    if (v.end..start).any(|k| is_clause_break(an, k)) {
        return None;
    }
    subject(an, phrases, v.start)
}

/// Matches one candidate pattern on verb group `g` (`elems`: the pattern's
/// elements after the verb, as adjusted for the voice). dyad patterns match
/// the words after the verb; legacy patterns also check the verb's surface
/// form and the words before it, and may name the source themselves.
fn match_pattern(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    g: &VerbGroup,
    p: &Pattern,
    elems: &[PatternElement],
    passive: Option<&PassiveFrame>,
) -> Option<MatchResult> {
    let after = g.head + 1;
    if !p.is_legacy() {
        return match_elems(an, phrases, verb_chunks, elems, after, None)
            .map(|(end, target)| MatchResult {
                end,
                target,
                source: None,
                explicit: false,
            })
            .or_else(|| {
                passive.and_then(|f| passive_object_subject(an, phrases, verb_chunks, g, p, f))
            });
    }
    if !p.accepts_form(&an.tokens.get(g.head)?.lower) {
        return None;
    }
    // Legacy patterns bind actors only (their coders read places as actors themselves).
    let phrases = &phrases[..phrases
        .iter()
        .position(|p| p.locative)
        .unwrap_or(phrases.len())];
    let mut explicit = p.explicit_roles();
    let rest = if explicit { &p.rest[..] } else { elems };
    let (end, fwd) = match_fwd(an, phrases, verb_chunks, rest, after, Slots::default())?;
    let (start, slots) = match_back(an, phrases, &p.before, g.head, fwd)?;
    // Words before the verb belong to its clause: the source is the subject
    // in front of them ("Gondor's minister noted that X regretted …").
    let mut source = slots.source.or_else(|| {
        (!p.before.is_empty())
            .then(|| legacy_subject(an, phrases, verb_chunks, start.min(g.tokens.start)))?
    });
    // An infinitive ("is about to restore", "was seen to break") has the
    // subject of the verb it depends on.
    if source.is_none() && g.infinitive {
        source = matrix_subject(an, phrases, verb_chunks, g.tokens.start);
    }
    // PETRARCH-1 swaps roles only for a passive with a `by` agent; without
    // one the subject stays the source ("X was criticized over … with Y").
    let by_agent = (after..an.tokens.len())
        .take_while(|&k| !is_clause_break(an, k))
        .any(|k| an.tokens[k].lower == "by");
    if g.passive && !explicit && !by_agent {
        explicit = true;
        source = source.or_else(|| subject(an, phrases, g.tokens.start));
    }
    let target = match slots.target.filter(|t| Some(*t) != source) {
        // `% * [030:030]`: with no other target, the members of the
        // compound act on each other (every ordered pair).
        None if slots.reciprocal => source,
        t => t,
    };
    Some(MatchResult {
        end,
        target,
        source,
        explicit,
    })
}

/// The discard phrase that keeps a sentence from being coded, as a reason
/// for `--explain` (legacy discard lists, see [`crate::kb::legacy`]).
pub(super) fn sentence_discard(kb: &KnowledgeBase, an: &Analysis<'_>) -> Option<String> {
    kb.discard(&an.tokens).map(|(scope, phrase)| match scope {
        crate::kb::legacy::DiscardScope::Sentence => format!("discarded: contains {phrase:?}"),
        crate::kb::legacy::DiscardScope::Story => {
            format!("story discarded: contains {phrase:?}")
        }
    })
}

/// The story discard phrase of a document, if a sentence has one.
pub(super) fn story_discard<'a>(
    kb: &KnowledgeBase,
    analyses: impl IntoIterator<Item = &'a Analysis<'a>>,
) -> Option<String> {
    analyses
        .into_iter()
        .find_map(|an| match kb.discard(&an.tokens) {
            Some((crate::kb::legacy::DiscardScope::Story, p)) => {
                Some(format!("story discarded: contains {p:?}"))
            }
            _ => None,
        })
}

/// Applies legacy event codes: a null code (`---`) gives no event; a paired
/// code (`032:033`) gives the first code from source to target and the
/// second from target to source. Other events pass unchanged.
pub(super) fn split_paired(found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let null = |c: &str| c.is_empty() || c.chars().all(|c| matches!(c, '-' | '+' | '#' | '*'));
    for f in found {
        let (a, b) = match f.code.split_once(':') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (f.code.clone(), None),
        };
        let mut push = |g: Found| {
            let same = |x: &Found| {
                x.code == g.code
                    && x.source.code == g.source.code
                    && x.target.as_ref().map(|t| &t.code) == g.target.as_ref().map(|t| &t.code)
                    && x.trigger == g.trigger
            };
            if !out.iter().any(same) {
                out.push(g);
            }
        };
        let reverse = match (&b, &f.target) {
            (Some(b), Some(t)) if !null(b) => Some(Found {
                source: t.clone(),
                target: Some(f.source.clone()),
                code: b.clone(),
                ..f.clone()
            }),
            _ => None,
        };
        if !null(&a) {
            push(Found { code: a, ..f });
        }
        if let Some(r) = reverse {
            push(r);
        }
    }
    out
}

/// The subject of the verb group starting at token `start`: the actor phrase
/// right before it, across adverbs, a closing comma and relative pronouns;
/// prepositional phrases attach to the noun phrase before them ("Armenia's
/// ambassador to the U.S. told …" has the ambassador as subject).
fn subject(an: &Analysis<'_>, phrases: &[Phrase], start: usize) -> Option<usize> {
    // "with each side accusing the other": an absolute clause, its subject after "with".
    let gerund = an.tokens.get(start).is_some_and(|t| t.pos == "VBG");
    let mut skipped_relative = false;
    // True once a non-actor prepositional phrase was passed over ("in Iraq"
    // in "The Red Cross operating in Iraq said"), until a relative is skipped.
    let mut passed_pp = false;
    // The actor of a "by" phrase passed over ("a statement issued by the
    // foreign ministry"), the author when what it qualifies is a document.
    let mut by_agent = None;
    let mut k = start;
    let mut commas = 0;
    // The verb starts a relative clause ("an attack that killed ten"):
    // the phrase before the pronoun is its subject, whatever clause that
    // phrase is in.
    let mut relative = false;
    // "… from Prime Minister Tony Blair, who appealed": "who" names a
    // person, even a named one in a prepositional phrase.
    let mut who = false;
    while k > 0 {
        let t = &an.tokens[k - 1];
        if t.pos.starts_with("RB") || t.pos == "WDT" || t.pos == "WP" || t.lower == "that" {
            relative |= !t.pos.starts_with("RB");
            who |= t.lower == "who";
            k -= 1;
        } else if let Some(open) = (t.lower == ")")
            .then(|| {
                (k.saturating_sub(10)..k - 1)
                    .rev()
                    .find(|&i| an.tokens[i].lower == "(")
            })
            .flatten()
        {
            // "The International Labour Office (ILO) said": a bracketed
            // acronym or aside after the subject.
            k = open;
        } else if t.lower == "," && commas == 0 {
            commas += 1;
            k -= 1;
            // ", who arrives from Benin and Nigeria, will hold talks": a
            // parenthetical clause (one with a verb) between two commas is
            // skipped whole; the subject stands before it.
            if let Some(open) = (0..k).rev().find(|&i| an.tokens[i].lower == ",") {
                let has_verb = an.chunks.iter().any(|c| {
                    c.kind == ChunkKind::Verb && c.tokens.start > open && c.tokens.end <= k
                });
                if has_verb {
                    k = open;
                }
            }
        } else {
            break;
        }
    }
    loop {
        // "Washington along with its allies demanded": the subject stands
        // before "along with" / "together with".
        if k > 1
            && an.tokens[k].lower == "with"
            && matches!(an.tokens[k - 1].lower.as_str(), "along" | "together")
        {
            k -= 1;
        }
        // An actor phrase ends here: the subject, unless it is a prepositional object.
        if let Some(p) = phrases.iter().position(|p| p.tokens.end == k) {
            match phrases[p].prep {
                // "as the two countries engage", "after Russia attacked": a
                // conjunction, not a preposition, when a verb follows.
                Some(prep) if CONJUNCTIONS.contains(&an.tokens[prep].lower.as_str()) => {
                    return Some(p)
                }
                Some(prep)
                    if gerund && matches!(an.tokens[prep].lower.as_str(), "with" | "without") =>
                {
                    return Some(p)
                }
                // "Up to 100 ethnic Albanians demonstrated", "about 200
                // supporters blocked roads": a number's approximator, not a preposition.
                Some(prep)
                    if an.tokens.get(prep + 1).is_some_and(|t| t.pos == "CD")
                        && (matches!(
                            an.tokens[prep].lower.as_str(),
                            "about" | "around" | "over" | "nearly" | "some"
                        ) || an.tokens[prep].lower == "to"
                            && prep > 0
                            && an.tokens[prep - 1].lower == "up") =>
                {
                    return Some(p)
                }
                // "Hundreds of UN troops withdrew": the quantity's "of" object acts.
                Some(prep)
                    if an.tokens[prep].lower == "of"
                        && prep > 0
                        && (an.tokens[prep - 1].pos == "CD"
                            || QUANTITIES.contains(&an.tokens[prep - 1].lower.as_str())) =>
                {
                    return Some(p)
                }
                // ("the bishop of San Salvador, who": the head before "of";
                // "a woman linked to Al-Qaeda who": a body is no "who").
                Some(prep)
                    if who
                        && an.tokens[prep].lower != "of"
                        && phrases[p].members.iter().all(|a| a.name.is_some()) =>
                {
                    return Some(p)
                }
                // "forces backed by Russian warplanes continued": a
                // participle's agent, skipped with the participle below.
                Some(prep) if prep > 0 => {
                    if an.tokens[prep].lower == "by" {
                        passed_pp = true;
                        by_agent = Some(p);
                    }
                    k = prep;
                }
                // "Pakistan, a key U.S. ally in the war, has refused": an
                // appositive between commas renames the subject before it.
                _ if commas == 1 => {
                    let start = phrases[p].tokens.start;
                    let head = (start > 0 && an.tokens[start - 1].lower == ",")
                        .then(|| {
                            phrases
                                .iter()
                                .position(|q| q.tokens.end == start - 1 && q.prep.is_none())
                        })
                        .flatten();
                    return Some(head.unwrap_or(p));
                }
                _ if relative => return Some(p),
                _ => return Some(relative_head(an, phrases, p).unwrap_or(p)),
            }
            continue;
        }
        // A non-actor prepositional phrase ("the talks in Geneva"): look before it.
        let pp = an
            .chunks
            .iter()
            .find(|c| c.kind == ChunkKind::Prep && c.tokens.end == k && c.tokens.start > 0);
        if let Some(c) = pp {
            k = c.tokens.start;
            passed_pp = true;
            continue;
        }
        // "U.S. airstrikes this month in the area have killed …": a time
        // noun phrase is an adverbial; the subject stands before it.
        let time_np = an.chunks.iter().find(|c| {
            c.kind == ChunkKind::Noun
                && c.tokens.end == k
                && c.tokens.start > 0
                && is_time_phrase(an, c.tokens.clone())
        });
        if let Some(c) = time_np {
            k = c.tokens.start;
            continue;
        }
        // "Four children and a man were killed": a coordinated common noun
        // phrase that names no actor; the actor before "and" is the subject
        // (a name is not skipped: it may be an actor the knowledge base lacks).
        let and_noun = an.chunks.iter().find(|c| {
            c.kind == ChunkKind::Noun
                && c.tokens.end == k
                && c.tokens.start > 0
                && an.tokens[c.tokens.start - 1].lower == "and"
                && c.tokens
                    .clone()
                    .all(|i| !an.tokens[i].pos.starts_with("NNP"))
        });
        if let Some(c) = and_noun {
            if phrases.iter().any(|p| p.tokens.end == c.tokens.start - 1) {
                k = c.tokens.start - 1;
                continue;
            }
        }
        // A reduced relative clause ("British aircraft using guided
        // missiles killed …", "militiamen armed with machetes"): a participle
        // and its object, skipped once.
        // "The Red Cross operating in Iraq said": a participle whose
        // prepositional phrase was passed over above ends right here.
        let object = an
            .chunks
            .iter()
            .position(|c| c.kind == ChunkKind::Noun && c.tokens.end == k);
        let participle = object
            .and_then(|o| o.checked_sub(1))
            .or_else(|| {
                an.chunks
                    .iter()
                    .position(|c| passed_pp && c.kind == ChunkKind::Verb && c.tokens.end == k)
            })
            .map(|v| &an.chunks[v])
            .filter(|v| {
                v.kind == ChunkKind::Verb
                    && matches!(an.tokens[v.tokens.start].pos.as_str(), "VBG" | "VBN")
                    && v.tokens.clone().all(|i| !is_finite(&an.tokens[i].pos))
            });
        // "A statement issued by the Iranian foreign ministry condemned …":
        // a document speaks for its author; "the missiles fired by the
        // Israeli military struck …": a weapon strikes for who fired it.
        let document = |v: &Chunk| {
            an.chunks.iter().any(|c| {
                let head = an.tokens[c.tokens.end - 1].lemma.as_str();
                c.kind == ChunkKind::Noun
                    && c.tokens.end == v.tokens.start
                    && (DOCUMENTS.contains(&head) || PROJECTILES.contains(&head))
            })
        };
        if by_agent.is_some() && participle.is_some_and(document) {
            return by_agent;
        }
        match participle {
            Some(v) if !skipped_relative => {
                skipped_relative = true;
                passed_pp = false;
                k = v.tokens.start;
            }
            _ => return None,
        }
    }
}

/// Nouns that head a time noun phrase ("this month", "last week").
const TIME_NOUNS: &[&str] = &[
    "day",
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "today",
    "yesterday",
    "tonight",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];

/// True when the tokens are a time noun phrase: determiners, adjectives
/// and numbers before a time noun, a weekday or a month ("this month",
/// "last Tuesday", "early March").
fn is_time_phrase(an: &Analysis<'_>, tokens: Range<usize>) -> bool {
    let Some(last) = tokens.end.checked_sub(1) else {
        return false;
    };
    let head = &an.tokens[last];
    (TIME_NOUNS.contains(&head.lemma.as_str()) || crate::text::is_calendar_word(&head.lower))
        && an.tokens[tokens.start..last]
            .iter()
            .all(|t| matches!(t.pos.as_str(), "DT" | "JJ" | "CD" | "RB"))
}

/// The first actor an infinitive complement acts on ("offered to hand over
/// suspects to Britain", "is willing to withdraw its troops from Lebanon"),
/// when the pattern matched on the verb group `g` up to `end` takes in or
/// ends at the infinitive: its object or prepositional object, in the
/// same clause, passing over the phrases `skip` rejects.
fn complement_target(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    groups: &[VerbGroup],
    g: &VerbGroup,
    end: usize,
    skip: impl Fn(usize) -> bool,
) -> Option<usize> {
    let Some(inf) = groups
        .iter()
        .find(|v| v.infinitive && v.tokens.start >= g.tokens.end && v.tokens.start <= end)
    else {
        return noun_object_owner(an, phrases, g, end);
    };
    for i in inf.head + 1..an.tokens.len() {
        let t = &an.tokens[i];
        let stop = is_clause_break(an, i)
            || matches!(
                t.lower.as_str(),
                "," | "unless"
                    | "if"
                    | "until"
                    | "as"
                    | "after"
                    | "before"
                    | "when"
                    | "that"
                    | "despite"
            )
            || is_finite(&t.pos);
        if stop {
            return None;
        }
        if let Some(p) = phrases
            .iter()
            .position(|p| p.tokens.start == i)
            .filter(|&p| !skip(p))
        {
            let prep = phrases[p].prep.map(|k| an.tokens[k].lower.as_str());
            if matches!(
                prep,
                None | Some(
                    "to" | "with"
                        | "of"
                        | "against"
                        | "on"
                        | "from"
                        | "toward"
                        | "towards"
                        | "for"
                        | "into"
                        | "over"
                )
            ) {
                return Some(p);
            }
        }
    }
    None
}

/// The actor an object noun comes from or is about ("rejected a fresh offer
/// from Afghanistan", "demanded the removal of President Habyarimana"):
/// an "of", "from" or "by" phrase right after the matched words.
fn noun_object_owner(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    g: &VerbGroup,
    end: usize,
) -> Option<usize> {
    let p = phrases
        .iter()
        .position(|p| p.tokens.start > g.head && p.tokens.start <= end + 2 && p.prep.is_some())?;
    let prep = phrases[p].prep?;
    let plain = (g.tokens.end..prep).all(|k| {
        let t = &an.tokens[k];
        !is_clause_break(an, k) && t.lower != "," && !t.pos.starts_with("VB") && t.pos != "IN"
    });
    (plain && matches!(an.tokens[prep].lower.as_str(), "of" | "from" | "by")).then_some(p)
}

/// The subject a verb group without its own shares with the verb group
/// before it: a second verb of a coordination ("kidnapped advisers and
/// exploded bombs") or a participle clause ("shelled Juba, killing 20";
/// after a passive, its agent: "was attacked by militiamen, killing 156").
fn shared_subject(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    groups: &[VerbGroup],
    gi: usize,
    found: &[Found],
) -> Option<usize> {
    let g = &groups[gi];
    let before = (0..g.tokens.start)
        .rev()
        .find(|&i| !an.tokens[i].pos.starts_with("RB"))?;
    let word = an.tokens[before].lower.as_str();
    let coordinated = matches!(word, "and" | "but" | "or");
    let participle = is_participle(an, g);
    if !coordinated && !participle || g.infinitive {
        return None;
    }
    // A reporting verb is the report's frame, unless it is addressed to
    // someone ("wrote to President X, urging him to …") or is an event
    // itself ("claimed responsibility for the attack and apologised").
    let prev = groups[..gi].iter().rev().find(|p| {
        !p.infinitive
            && an.tokens[p.head].pos != "VBG"
            && (!REPORTING.contains(&an.tokens[p.head].lemma.as_str())
                || an.tokens.get(p.tokens.end).is_some_and(|t| t.lower == "to")
                || found.iter().any(|f| f.trigger.start == p.tokens.start))
    })?;
    // A clause with a subject of its own comes between ("after rebels
    // attacked the town, killing …"); "after striking it, killing …" shares
    // the main clause's subject.
    if (prev.tokens.end..g.tokens.start).any(|k| match an.tokens[k].lower.as_str() {
        ";" | "that" | "which" | "who" => true,
        "when" | "after" | "before" | "while" | "because" => an
            .tokens
            .get(k + 1)
            .is_none_or(|t| !t.lower.ends_with("ing")),
        _ => false,
    }) {
        return None;
    }
    if prev.passive && participle {
        let by = (prev.tokens.end..g.tokens.start).find(|&i| an.tokens[i].lower == "by")?;
        return phrase_starting_at(phrases, by + 1);
    }
    subject(an, phrases, prev.tokens.start)
}

/// Every (source, target) dyad of two actor lists (coordinations are
/// distributive), leaving out an actor acting on itself and a state's own
/// apparatus (or an actor whose country the context gave) acting on the
/// state as a whole ("He [JPNGOV] visited Japan"; its opposition calling
/// for sanctions on it stays).
pub(super) fn directed_pairs(
    sources: &[ActorRef],
    targets: &[ActorRef],
) -> Vec<(ActorRef, Option<ActorRef>)> {
    let mut pairs = Vec::new();
    for s in sources {
        for t in targets {
            let own_country = t.code.sector.is_none()
                && t.code.country.is_some()
                && s.code.country == t.code.country
                && (state_apparatus(s) || s.resolved);
            if s.code != t.code && !own_country {
                pairs.push((s.clone(), Some(t.clone())));
            }
        }
    }
    pairs
}

/// Verbs whose coordinated subject acts on each other when no target is
/// named ("Azerbaijan and Armenia clashed / met / signed a treaty / are
/// locked in a battle"); other verbs ("Russia and China launched airstrikes",
/// "X and Y offered aid") act side by side, each without a target.
const RECIPROCAL_VERBS: &[&str] = &[
    "meet",
    "talk",
    "negotiate",
    "confer",
    "consult",
    "discuss",
    "clash",
    "fight",
    "battle",
    "skirmish",
    "spar",
    "lock",
    "engage",
    "sign",
    "agree",
    "cooperate",
    "exchange",
    "trade",
    "reconcile",
    "normalize",
    "normalise",
    "restore",
    "establish",
    "break",
    "cut",
    "sever",
    "hold",
    "reach",
    "conclude",
    "ink",
    "seal",
    "resume",
    "feud",
    "quarrel",
    "wrangle",
    "tussle",
];

/// Verbs that report what their subject holds another party must do.
const OBLIGING: &[&str] = &[
    "say",
    "state",
    "declare",
    "announce",
    "insist",
    "reiterate",
    "conclude",
    "stress",
];

/// For an affirmed "must"/"should" verb group `gi` after a reporting verb
/// ("X said Y must …"): the reporter's and the obliged party's phrases,
/// when both are actors and differ.
fn obliged_parties(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    groups: &[VerbGroup],
    gi: usize,
) -> Option<(usize, usize)> {
    let g = &groups[gi];
    let obliged = !g.infinitive
        && !g.negated
        && an.tokens[g.tokens.clone()]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "must" | "should"));
    if !obliged {
        return None;
    }
    let r = gi.checked_sub(1)?;
    let reporter = &groups[r];
    if !OBLIGING.contains(&an.tokens[reporter.head].lemma.as_str()) {
        return None;
    }
    let rep = subject(an, phrases, reporter.tokens.start)?;
    let obl = subject(an, phrases, g.tokens.start)?;
    let actors = |p: usize| phrases[p].kind == PhraseKind::Actors && !phrases[p].members.is_empty();
    (rep != obl && actors(rep) && actors(obl)).then_some((rep, obl))
}

/// The most specific of `candidates` that matches verb group `g`.
fn best_match<'p>(
    an: &Analysis<'_>,
    all: &[Phrase],
    phrases: &[Phrase],
    verb_chunks: &[Range<usize>],
    g: &VerbGroup,
    candidates: &[&'p Pattern],
) -> Option<PatternMatch<'p>> {
    let after = g.head + 1;
    let passive = passive_frame(an, all, g);
    let mut best: Option<PatternMatch> = None;
    for p in candidates {
        // The passive drops the target slot (the subject is the target);
        // only then is a copy of the elements needed.
        let elems: std::borrow::Cow<[PatternElement]> = if g.passive {
            p.rest
                .iter()
                .filter(|e| **e != PatternElement::Target)
                .cloned()
                .collect()
        } else {
            std::borrow::Cow::Borrowed(&p.rest)
        };
        // A bare intransitive pattern ("clash") does not match a verb
        // with a non-actor object ("are fighting protectionism").
        // A day ("met yesterday") is no object.
        if elems.is_empty()
            && starts_noun_phrase(an, after)
            && phrase_starting_at(phrases, after).is_none()
            && !is_time_adverb(&an.tokens[after].lower)
        {
            continue;
        }
        if let Some(r) = match_pattern(an, all, verb_chunks, g, p, &elems, passive.as_ref())
            // A particle in the verb group must be part of the pattern:
            // "fight off" is not "fight".
            .filter(|r| r.end >= g.tokens.end)
            // In the passive an object noun is never found inside the `by`
            // agent: "were killed by Israeli troops" is no "kill * troops".
            .filter(|r| {
                !g.passive || p.has_target() || !(after..r.end).any(|i| an.tokens[i].lower == "by")
            })
        {
            let better = best
                .as_ref()
                .is_none_or(|b| p.specificity() > b.pattern.specificity());
            if better {
                best = Some(PatternMatch {
                    pattern: p,
                    target: r.target,
                    end: r.end,
                    source: r.source,
                    explicit: r.explicit,
                });
            }
        }
    }
    best
}

/// The party an event with no target named is aimed at by CAMEO and PLOVER
/// coders' convention: a protest (14x) by a non-government actor targets its
/// country's government ("students staged demonstrations"); a curfew, a state
/// of emergency or martial law (1723, 1724) imposed by a state's authorities
/// targets its civilians. The target has an empty span at the trigger.
pub(crate) fn implicit_target(code: &str, source: &ActorRef, at: usize) -> Option<ActorRef> {
    let country = source.code.country.as_deref()?;
    let sector = source.code.sector.as_deref()?;
    let target_sector = match code {
        c if c.starts_with("14") && sector != "GOV" => "GOV",
        "1723" | "1724" if matches!(sector, "GOV" | "MIL" | "COP") => "CVL",
        _ => return None,
    };
    let code = crate::kb::ActorCode::from_parts(country, Some(target_sector));
    Some(ActorRef::of(code, at..at))
}

/// Verbs whose infinitive complement is what their subject plans to do
/// ("is scheduled to attend", "wants to attack", "plans to visit").
const FUTURE_FRAMES: &[&str] = &[
    "schedule",
    "set",
    "slate",
    "plan",
    "intend",
    "want",
    "expect",
    "hope",
    "aim",
    "wish",
    "agree",
    "promise",
    "pledge",
    "vow",
    "offer",
    "undertake",
    "commit",
];

/// The code of a bare announced intent ("agreed to", "promised to").
const GENERIC_INTENT: &str = "030";

/// Adjectives that make "be" such a frame ("is ready to lift the ban",
/// "is due to visit").
const READY: &[&str] = &[
    "ready", "willing", "prepared", "keen", "eager", "poised", "due",
];

/// Frames that report a fixed schedule, not what the subject says it
/// intends ("is scheduled to meet", "is due to visit", "is set to attend").
const SCHEDULE_FRAMES: &[&str] = &["schedule", "slate", "set", "due"];

/// True when frame group `f` reports a schedule ([`SCHEDULE_FRAMES`]): a
/// scheduled meeting is coded as the meeting (04x, future), since nobody
/// expresses an intent to meet (036).
fn schedules(an: &Analysis<'_>, frame: &VerbGroup) -> bool {
    let lemma = an.tokens[frame.head].lemma.as_str();
    let adjective = an.tokens.get(frame.tokens.end).map(|t| t.lower.as_str());
    SCHEDULE_FRAMES.contains(&lemma) && (frame.passive || lemma != "set")
        || lemma == "be" && adjective == Some("due")
}

/// The verb group right before infinitive group `gi` when it is one of
/// [`FUTURE_FRAMES`] or "be" with one of [`READY`] (not itself an
/// infinitive).
fn future_frame(an: &Analysis<'_>, groups: &[VerbGroup], gi: usize) -> Option<usize> {
    let g = &groups[gi];
    let f = gi.checked_sub(1)?;
    let frame = &groups[f];
    let lemma = an.tokens[frame.head].lemma.as_str();
    // Adverbials may come between ("agreed in principle on Saturday to"),
    // not an object ("expects Iran to attack" is no plan of the subject's).
    let gap = an
        .tokens
        .get(frame.tokens.end..g.tokens.start)
        .unwrap_or(&[]);
    let adverbial = gap.len() <= 4
        && gap
            .first()
            .is_none_or(|t| matches!(t.pos.as_str(), "IN" | "RB"))
        && gap
            .iter()
            .all(|t| matches!(t.pos.as_str(), "IN" | "NN" | "NNP" | "DT" | "RB" | "CD"));
    // "is prepared to lift" (not "the army prepared to resume shelling",
    // a preparation).
    let framing = FUTURE_FRAMES.contains(&lemma) || lemma == "prepare" && frame.passive;
    let adjacent = frame.tokens.end <= g.tokens.start && adverbial && framing;
    let ready = lemma == "be"
        && frame.tokens.end + 1 == g.tokens.start
        && READY.contains(&an.tokens[frame.tokens.end].lower.as_str());
    (g.infinitive && !frame.infinitive && (adjacent || ready)).then_some(f)
}

/// The sector of attackers nobody is named as: CAMEO's unidentified armed
/// forces.
pub(crate) const UNIDENTIFIED_SECTOR: &str = "UAF";

/// The stand-in source of a bombing with no attacker named; its country is
/// the place of the bombing, set when the sentence's places are known.
fn unidentified_attacker() -> ActorCode {
    ActorCode {
        full: UNIDENTIFIED_SECTOR.to_string(),
        country: None,
        sector: Some(UNIDENTIFIED_SECTOR.to_string()),
    }
}

/// Nouns of a military attack that a state's name or adjective may modify.
const ATTACKS: &[&str] = &[
    "shelling",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "air-strike",
    "raid",
    "raids",
    "bombardment",
    "bombardments",
    "attack",
    "attacks",
    "fire",
    "gunfire",
    "offensive",
    "assault",
    "ambush",
    "artillery",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "drone",
    "drones",
    "tank",
    "tanks",
    "warplanes",
    "jets",
    "helicopter",
    "helicopters",
    "mortar",
];

/// The forces of a state (or an armed group) named right before an attack
/// noun in the phrase after a passive verb: "killed in Israeli tank
/// shelling" → ISRMIL, "in a Hamas rocket attack" → Hamas.
fn state_attack_after(an: &Analysis<'_>, from: usize) -> Option<ActorRef> {
    let phrase = in_or_by_phrase(an, from)?;
    an.mentions.iter().find_map(|m| {
        if m.tokens.start <= phrase.start || m.tokens.end > phrase.end {
            return None;
        }
        let code = match m.kind {
            MentionKind::Country { iso3 } | MentionKind::Demonym { iso3 } => {
                ActorCode::from_parts(iso3, Some("MIL"))
            }
            MentionKind::Org { code } if code.country.is_some() => code.clone(),
            _ => return None,
        };
        let attack = (m.tokens.end..(m.tokens.end + 3).min(phrase.end))
            .any(|k| ATTACKS.contains(&an.tokens[k].lower.as_str()));
        attack.then(|| ActorRef::of(code, m.tokens.clone()))
    })
}

/// The "in …" or "by …" phrase starting at `from`, up to eight words and
/// the end of the clause.
fn in_or_by_phrase(an: &Analysis<'_>, from: usize) -> Option<Range<usize>> {
    let opens = an
        .tokens
        .get(from)
        .is_some_and(|t| matches!(t.lower.as_str(), "in" | "by"));
    let end = (from..an.tokens.len().min(from + 8))
        .take_while(|&i| !is_clause_break(an, i) && an.tokens[i].lower != ",")
        .last()?;
    opens.then_some(from..end + 1)
}

/// The bombing code ([`bombing_code`]) of a bomb named as the subject of
/// verb group `g` (when no actor is its subject: "a roadside bomb near X on
/// Sunday killed") or in an "in"/"by" phrase right after the match ending
/// at `end` ("were killed in a car bombing").
fn bombing_named(
    an: &Analysis<'_>,
    g: &VerbGroup,
    end: usize,
    no_subject: bool,
) -> Option<&'static str> {
    let words = |r: &mut dyn Iterator<Item = usize>| -> Vec<&str> {
        r.map(|i| an.tokens[i].lower.as_str()).collect()
    };
    // The subject: the noun phrase before the verb, past the prepositional
    // phrases and participles after it ("a suicide attack on a convoy
    // belonging to the NATO mission has killed …").
    let participle = |c: &Chunk| {
        c.kind == ChunkKind::Verb
            && c.tokens.len() == 1
            && matches!(an.tokens[c.tokens.start].pos.as_str(), "VBG" | "VBN")
    };
    let subject = an
        .chunks
        .iter()
        .rev()
        .skip_while(|c| c.tokens.start >= g.tokens.start)
        .find(|c| c.kind != ChunkKind::Prep && !participle(c))
        .filter(|c| c.kind == ChunkKind::Noun && no_subject && !g.passive);
    if let Some(code) = subject.and_then(|c| bombing_code(&words(&mut c.tokens.clone()))) {
        return Some(code);
    }
    in_or_by_phrase(an, end).and_then(|mut r| bombing_code(&words(&mut r)))
}

/// CAMEO's bombing code for words that name a bomb or an explosion:
/// suicide (1831), vehicle (1832), roadside or improvised device (1833),
/// other (183). None when no bomb is named.
fn bombing_code(words: &[&str]) -> Option<&'static str> {
    const BOMBS: &[&str] = &[
        "bomb",
        "bombs",
        "bombing",
        "bombings",
        "bomber",
        "explosion",
        "explosions",
        "blast",
        "blasts",
        "explosive",
        "explosives",
        "ied",
        "ieds",
        "car-bomb",
        "landmine",
        "landmines",
    ];
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(w));
    // "a suicide attack": a suicide bombing.
    let suicide_attack = has(&["suicide"]) && has(&["attack", "attacks", "attacker", "attackers"]);
    if !has(BOMBS) && !suicide_attack {
        return None;
    }
    Some(if has(&["suicide"]) {
        "1831"
    } else if has(&["car", "truck", "vehicle", "car-bomb", "motorcycle", "bus"]) {
        "1832"
    } else if has(&["roadside", "ied", "ieds", "improvised"]) {
        "1833"
    } else {
        "183"
    })
}

/// Weapons that act for who fires or drops them ("the missiles fired by
/// the Israeli military struck a depot").
const PROJECTILES: &[&str] = &[
    "missile", "rocket", "shell", "bomb", "drone", "mortar", "grenade", "torpedo",
];

/// Nouns of documents that speak for their author ("a report released by
/// Amnesty International accused …").
const DOCUMENTS: &[&str] = &[
    "report",
    "statement",
    "communique",
    "communiqué",
    "declaration",
    "study",
    "letter",
    "document",
    "survey",
    "editorial",
];

/// Prepositions whose foreign actor after the action's object is the
/// target of an event that names none ("a suspension of air links with
/// Serbia").
const TARGET_PREPOSITIONS: &[&str] = &["with", "for", "to", "against", "from", "toward", "towards"];

/// Prepositions after which a passive pattern's words end at what the act
/// was aimed at ("was fired at", "were dropped on").
const AIMED: &[&str] = &["at", "on", "into", "against", "toward", "towards"];

/// Objects that make any verb's coordinated subject act on each other
/// ("Israel and Lebanon renewed negotiations", "Czechia and Albania
/// upgraded their diplomatic ties").
const RECIPROCAL_OBJECTS: &[&str] = &["talks", "negotiations", "dialogue", "ties", "relations"];

/// True when a coordinated subject of this verb and pattern acts on each
/// other: a [`RECIPROCAL_VERBS`] verb, a pattern spelling one of
/// [`RECIPROCAL_OBJECTS`], or a ceasefire violation (196: "both the army
/// and the rebels violated the truce" breaks it against each other).
fn is_reciprocal(verb_lemma: &str, pattern: &Pattern) -> bool {
    RECIPROCAL_VERBS.contains(&verb_lemma)
        || pattern.code == "196"
        || pattern.rest.iter().any(|e| match e {
            PatternElement::Word(ws) => ws.iter().any(|w| RECIPROCAL_OBJECTS.contains(&w.as_str())),
            _ => false,
        })
}

/// Codes one sentence. `all` holds the actor phrases, then (from index
/// `actors` on) the places that only a pattern spelling their preposition
/// may take as its target. `decisions` collects the reasons when explaining.
pub(crate) fn code_sentence(
    an: &Analysis<'_>,
    all: &[Phrase],
    actors: usize,
    kb: &KnowledgeBase,
    mut decisions: Option<&mut Vec<VerbDecision>>,
) -> Vec<Found> {
    let phrases = &all[..actors];
    let verb_chunks: Vec<Range<usize>> = an
        .chunks
        .iter()
        .filter(|c| c.kind == ChunkKind::Verb)
        .map(|c| c.tokens.clone())
        .collect();
    let groups: Vec<VerbGroup> = verb_chunks
        .iter()
        .filter_map(|r| verb_group(&an.tokens, r.clone()))
        .collect();

    // Who the sentence's report is attributed to: the reporting verb group
    // and its one actor.
    let attribution: Option<(usize, &ActorRef)> = groups.iter().enumerate().find_map(|(gi, g)| {
        if !REPORTING.contains(&an.tokens[g.head].lemma.as_str()) {
            return None;
        }
        let s = subject(an, phrases, g.tokens.start)?;
        match phrases[s].members.as_slice() {
            [one] if phrases[s].kind == PhraseKind::Actors => Some((gi, one)),
            _ => None,
        }
    });

    let mut found: Vec<Found> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let head = &an.tokens[g.head];
        let words: Vec<&str> = an.tokens[g.tokens.clone()]
            .iter()
            .map(|t| t.word.as_str())
            .collect();
        let mut decide = |outcome: String| {
            if let Some(d) = decisions.as_deref_mut() {
                d.push(VerbDecision {
                    verb: words.join(" "),
                    lemma: head.lemma.clone(),
                    outcome,
                });
            }
        };
        let candidates: Vec<&Pattern> = kb.patterns.for_anchor(&head.lemma).collect();
        // "Russia said Sudan must return the helicopter", "the forum
        // concluded that the US must allocate more": what a reporter says
        // another party must do is the reporter's demand on it (CAMEO 10x).
        if let Some((rep, obl)) = obliged_parties(an, phrases, &groups, gi) {
            let action = best_match(an, all, phrases, &verb_chunks, g, &candidates);
            let code = action
                .as_ref()
                .map_or("100", |m| crate::ontology::demand_code(&m.pattern.code));
            let pairs = directed_pairs(&phrases[rep].members, &phrases[obl].members);
            let n = pairs.len();
            for (s, t) in pairs {
                let resolved = s.resolved || t.as_ref().is_some_and(|t| t.resolved);
                found.push(Found {
                    source: s,
                    target: t,
                    code: code.to_string(),
                    pattern: "say that + must".into(),
                    trigger: g.tokens.clone(),
                    negated: false,
                    future: false,
                    attributed_to: None,
                    confidence: inferred_confidence(resolved),
                });
            }
            decide(format!(
                "a reported obligation ('{}') → {code}: {n} event(s)",
                words.join(" ")
            ));
            continue;
        }
        if candidates.is_empty() {
            decide("no pattern for this verb".into());
            continue;
        }
        // With legacy TABARI/PETRARCH verb dictionaries, infinitives are coded
        // as those coders do ("Arnor is about to restore ties with Gondor").
        // "is scheduled to attend", "wants to attack": what the frame verb's
        // subject plans is coded as that subject's announced action, unless
        // a pattern of the frame verb already coded it ("plans to postpone
        // the protest").
        // A frame verb coded only as a generic intent ("agreed to", 030)
        // gives way to what it announces ("agreed to provide aid" 0331).
        let generic_intent = |x: &Found| x.code == GENERIC_INTENT && !x.pattern.contains('+');
        let frame = future_frame(an, &groups, gi).filter(|&f| {
            !found
                .iter()
                .any(|x| x.trigger.start == groups[f].tokens.start && !generic_intent(x))
        });
        let frame_start = frame.map(|f| groups[f].tokens.start);
        let before = found.len();
        if g.infinitive && frame.is_none() && !kb.has_legacy_verbs() {
            decide(
                "infinitive: what another verb asks or attempts, not an event of its own".into(),
            );
            continue;
        }
        if head.pos == "VBG" && g.tokens.start > 0 && an.tokens[g.tokens.start - 1].pos == "IN" {
            decide("gerund after a preposition: not an event of its own".into());
            continue;
        }
        // "demanded that Russia withdraw its troops": a bare verb that does
        // not agree with a singular subject is a subjunctive, what is
        // demanded, not an event.
        let singular_subject = g.tokens.start > 0
            && matches!(an.tokens[g.tokens.start - 1].pos.as_str(), "NN" | "NNP");
        if matches!(head.pos.as_str(), "VB" | "VBP")
            && g.tokens.len() == 1
            && singular_subject
            && (0..g.tokens.start)
                .rev()
                .take(8)
                .any(|i| an.tokens[i].lower == "that")
        {
            decide("subjunctive after 'that': what is asked for, not an event of its own".into());
            continue;
        }
        let best = best_match(an, all, phrases, &verb_chunks, g, &candidates);
        let Some(m) = best else {
            decide(format!(
                "{} pattern(s) for '{}', none matched the words after it",
                candidates.len(),
                head.lemma
            ));
            continue;
        };
        // "attacked a village, killing 20": a participle clause after a
        // comma, which acts with the clause before it, not with its object
        // (nor is it a list of gerunds: "of violating rights, ignoring law").
        let participle_clause = g.tokens.start > 0
            && an.tokens[g.tokens.start - 1].lower == ","
            && is_participle(an, g)
            && groups[..gi].last().is_some_and(|p| {
                !p.infinitive && (p.head..g.tokens.start).all(|i| an.tokens[i].pos != "VBG")
            });
        let subj = m
            .source
            .or_else(|| {
                let f = &groups[frame?];
                subject(an, phrases, f.tokens.start)
                    .or_else(|| shared_subject(an, phrases, &groups, frame?, &found))
            })
            .or_else(|| {
                participle_clause
                    .then(|| shared_subject(an, phrases, &groups, gi, &found))
                    .flatten()
            })
            .or_else(|| subject(an, phrases, g.tokens.start))
            .or_else(|| shared_subject(an, phrases, &groups, gi, &found));
        let (source, target) = if m.explicit {
            (subj, m.target)
        } else if g.passive {
            // "X was attacked by Y": source Y, target X (when the pattern takes one).
            let after = |word: &str, start: usize| {
                (start..an.tokens.len().min(start + 8))
                    .take_while(|&i| {
                        !is_clause_break(an, i) && !verb_chunks.iter().any(|v| v.contains(&i))
                    })
                    .find(|&i| an.tokens[i].lower == word)
                    .and_then(|i| phrase_starting_at(phrases, i + 1))
            };
            // "rockets were fired from Gaza at Israel": with no agent, fire
            // (CAMEO 19) comes from the state or territory it is fired from
            // (a hijacking "on its way from Khartoum" or a deportation
            // "from Syria" does not).
            let attack = m.pattern.code.starts_with("19");
            let by = after("by", m.end).or_else(|| after("from", g.tokens.end).filter(|_| attack));
            if m.pattern.has_target() {
                // A projectile is no actor: the pattern's own target is,
                // or the actor it was aimed at ("was fired at it").
                let aimed = m
                    .end
                    .checked_sub(1)
                    .filter(|&i| AIMED.contains(&an.tokens[i].lower.as_str()))
                    .and_then(|_| phrase_starting_at(phrases, m.end));
                let target = subj
                    .or(m.target.filter(|&t| Some(t) != by))
                    .or(aimed.filter(|&t| Some(t) != by));
                (by, target)
            } else {
                // Stative passive idioms have no agent: "are locked in a battle".
                (subj, None)
            }
        } else if m.target.is_none() && !m.pattern.has_target() {
            // A pattern that names the object's kind ("condemn * invasion")
            // still takes an actor direct object as target ("condemned
            // Russia's invasion").
            // "threatened to cut off electricity to Nakhichevan": the
            // target of what is offered, threatened or refused.
            // A state's own forces are what it offers or withdraws, not a
            // target ("is willing to withdraw its troops from Lebanon").
            let own = |t: usize| {
                subj.is_some_and(|s| {
                    phrases[t].members.iter().all(|m| {
                        m.code.sector.as_deref() == Some("MIL")
                            && phrases[s].members.iter().any(|a| {
                                a.code.country == m.code.country && a.code.sector.is_none()
                            })
                    })
                })
            };
            // "will withdraw their peacekeeping force from Chad", "mobilized
            // army reservists for a war against Iraq": not its own forces.
            let direct = phrase_starting_at(phrases, g.head + 1)
                .filter(|&t| phrases[t].prep.is_none() && !own(t));
            // "struck an arms depot of the Syrian army", "shelled positions
            // of the rebels": force used on what an actor owns is used on
            // that actor.
            let forceful = matches!(crate::ontology::root(&m.pattern.code), Some(15 | 17..=20));
            let owner = an
                .tokens
                .get(m.end)
                .filter(|t| forceful && t.lower == "of")
                .and_then(|_| phrase_starting_at(phrases, m.end + 1))
                .filter(|&t| !own(t));
            (
                subj,
                direct
                    .or(owner)
                    .or_else(|| complement_target(an, phrases, &groups, g, m.end, own)),
            )
        } else {
            (subj, m.target)
        };
        // A state acting, with no target, in another state's territory acts
        // on that state ("lifted a curfew in Montenegro", "deployed troops
        // in Iraq").
        let target = target.or_else(|| {
            let s = source?;
            // Parties that meet or fight each other keep that reading.
            if phrases[s].members.len() > 1 && is_reciprocal(&head.lemma, m.pattern) {
                return None;
            }
            let state_source = phrases[s].members.iter().all(|a| a.code.country.is_some());
            let foreign = |p: &Phrase| {
                p.members.iter().all(|m| {
                    m.code.country.is_some()
                        && state_source
                        && phrases[s]
                            .members
                            .iter()
                            .all(|a| a.code.country != m.code.country)
                })
            };
            // … or, for an actor named after the action's object, a body
            // above states ("an association agreement with the European Union").
            let foreign_or_body = |p: &Phrase| {
                foreign(p)
                    || state_source
                        && p.members.iter().all(|m| {
                            m.code.country.is_none() && m.code.sector.as_deref() == Some("IGO")
                        })
            };
            let in_clause = |p: &Phrase| {
                p.tokens.start >= m.end.max(g.head + 1)
                    && !(g.head + 1..p.tokens.start)
                        .any(|i| is_clause_break(an, i) || an.tokens[i].lower == ",")
            };
            let no_verb_before = |p: &Phrase| {
                !(m.end..p.tokens.start).any(|i| verb_chunks.iter().any(|v| v.contains(&i)))
            };
            // "threatened to stop the talks if the United States goes
            // ahead", "will strike unless Israel withdraws": a threat is
            // aimed at the actor whose conduct is its condition.
            let condition = m.pattern.code.starts_with("13").then(|| {
                let c = (m.end..an.tokens.len())
                    .take_while(|&i| !matches!(an.tokens[i].lower.as_str(), "." | ";"))
                    .find(|&i| matches!(an.tokens[i].lower.as_str(), "if" | "unless"))?;
                phrase_starting_at(phrases, c + 1).filter(|&t| {
                    phrases[t].prep.is_none()
                        && phrases[t]
                            .members
                            .iter()
                            .all(|a| !phrases[s].members.iter().any(|b| b.code == a.code))
                })
            });
            if let Some(t) = condition.flatten() {
                return Some(t);
            }
            (actors..all.len())
                .find(|&k| in_clause(&all[k]) && foreign(&all[k]))
                // "announced a suspension of air links with Serbia",
                // "suspended a military aid program for Bosnia": a foreign
                // actor the action's object is with, for, to or against.
                .or_else(|| {
                    (0..actors).find(|&k| {
                        let p = &all[k];
                        let prep = p.prep.map(|i| an.tokens[i].lower.as_str());
                        // "blocked streets in defiance of Chinese authorities".
                        let defiance = prep == Some("of")
                            && p.prep
                                .is_some_and(|i| i > 0 && an.tokens[i - 1].lower == "defiance");
                        (defiance || prep.is_some_and(|w| TARGET_PREPOSITIONS.contains(&w)))
                            && in_clause(p)
                            && no_verb_before(p)
                            && foreign_or_body(p)
                    })
                })
        });
        // A bomb or an explosion named as the subject ("a roadside bomb
        // killed …") or after the verb ("were killed in a car bombing",
        // "wounded two soldiers in a bomb attack").
        let violent = matches!(crate::ontology::root(&m.pattern.code), Some(18..=20));
        let device = violent
            .then(|| bombing_named(an, g, m.end, source.is_none()))
            .flatten();
        // With no attacker named: the forces of the state whose attack it
        // was ("were killed in an Israeli air strike"), else for a bombing
        // the unidentified armed forces of the country where it happened
        // (filled in with the sentence's places).
        let stand_in = (violent && source.is_none())
            .then(|| {
                g.passive
                    .then(|| state_attack_after(an, m.end))
                    .flatten()
                    .or_else(|| {
                        device.map(|_| ActorRef::of(unidentified_attacker(), g.head..g.head))
                    })
            })
            .flatten();
        let stand_in_phrase;
        let src = match (source, stand_in) {
            (Some(s), _) => &phrases[s],
            (None, Some(a)) => {
                stand_in_phrase = Phrase {
                    tokens: g.head..g.head,
                    members: vec![a],
                    kind: PhraseKind::Actors,
                    prep: None,
                    locative: false,
                };
                &stand_in_phrase
            }
            (None, None) => {
                decide(format!(
                    "pattern '{}' matched but no actor is its {}",
                    m.pattern.text,
                    if g.passive {
                        "agent (by …)"
                    } else {
                        "subject"
                    }
                ));
                continue;
            }
        };
        let tgt = target.map(|t| &all[t]);
        let mut pairs: Vec<(ActorRef, Option<ActorRef>)> = Vec::new();
        match (src.kind, tgt) {
            // "each side accusing the other", "the two sides accused each
            // other": every ordered pair of the subject's members.
            (PhraseKind::Actors | PhraseKind::EachSide, Some(t))
                if t.kind == PhraseKind::TheOther && (2..=3).contains(&src.members.len()) =>
            {
                for s in &src.members {
                    for t in &src.members {
                        if s.code != t.code {
                            pairs.push((s.clone(), Some(t.clone())));
                        }
                    }
                }
            }
            (PhraseKind::Actors, Some(t)) if t.kind == PhraseKind::Actors => {
                pairs.extend(directed_pairs(&src.members, &t.members));
                // "promised to democratize Serbia", "declared a state of
                // siege in Haiti": a state's actors acting on their own
                // state act with no other party, when the event is complete
                // without one.
                if pairs.is_empty() {
                    pairs.extend(src.members.iter().filter_map(|s| {
                        let implicit = implicit_target(&m.pattern.code, s, g.head);
                        (!m.pattern.has_target() || implicit.is_some())
                            .then(|| (s.clone(), implicit))
                    }));
                }
            }
            // Reciprocal: every ordered pair of a short coordination, for
            // events that two parties do to each other (meet, fight, sign).
            (PhraseKind::Actors | PhraseKind::EachSide, None)
                if (2..=3).contains(&src.members.len())
                    && is_reciprocal(&head.lemma, m.pattern) =>
            {
                for s in &src.members {
                    for t in &src.members {
                        if s.code != t.code {
                            pairs.push((s.clone(), Some(t.clone())));
                        }
                    }
                }
            }
            // A longer list acting together has no clear dyads.
            (PhraseKind::Actors | PhraseKind::EachSide, None)
                if src.members.len() > 3 && is_reciprocal(&head.lemma, m.pattern) => {}
            // "US and British activists staged a protest": each acts, no target.
            (PhraseKind::Actors, None) => {
                pairs.extend(src.members.iter().map(|s| (s.clone(), None)));
            }
            _ => {}
        }
        for (s, t) in &mut pairs {
            if t.is_none() {
                *t = implicit_target(&m.pattern.code, s, g.head);
            }
        }
        // "attacked a Somali village, killing 20 civilians": victims with no
        // country named belong to the party the clause before acted on.
        let acted_on = participle_clause
            .then(|| found.last())
            .flatten()
            .and_then(|f| {
                Some((
                    f.source.code.clone(),
                    f.target.as_ref()?.code.country.clone()?,
                ))
            });
        if let Some((actor, country)) = acted_on {
            for (s, t) in &mut pairs {
                let Some(t) = t.as_mut() else { continue };
                if s.code == actor && t.resolved && s.code.country.as_ref() != Some(&country) {
                    t.code = ActorCode::from_parts(&country, t.code.sector.as_deref());
                }
            }
        }
        // "X held talks with Y", "X telephoned Y": a negotiation or a
        // telephone conversation is done by both parties, as the gold sets
        // code it (a meeting or a visit is not: "X met with Y" is X's act).
        let mutual = ["041", "046"].contains(&m.pattern.code.as_str());
        if mutual && !kb.has_legacy_verbs() && pairs.len() == 1 {
            if let (s, Some(t)) = &pairs[0] {
                if s.code != t.code {
                    pairs.push((t.clone(), Some(s.clone())));
                }
            }
        }
        pairs.dedup_by(|a, b| {
            a.0.code == b.0.code && a.1.as_ref().map(|x| &x.code) == b.1.as_ref().map(|x| &x.code)
        });
        if pairs.is_empty() || pairs.len() > MAX_EVENTS_PER_VERB {
            decide(format!("pattern '{}' matched but the actors give {} dyads (allowed 1..={MAX_EVENTS_PER_VERB})", m.pattern.text, pairs.len()));
            continue;
        }
        let mut code = device
            .filter(|_| m.pattern.code.starts_with("19"))
            .map_or_else(|| m.pattern.code.clone(), str::to_string);
        // Legacy TABARI/PETRARCH dictionaries keep their coders' convention,
        // which turns only consultations into intents.
        let (mut negated, mut future) = match frame {
            Some(f) => (groups[f].negated, true),
            None => (g.negated, g.future),
        };
        // "Uganda denied that its troops had crossed into Kenya": what is
        // denied is not affirmed.
        negated ^= denied(an, &groups, gi);
        let scheduled_meeting =
            code.starts_with("04") && frame.is_some_and(|f| schedules(an, &groups[f]));
        if future && (!kb.has_legacy_verbs() || code.starts_with("04")) && !scheduled_meeting {
            // A reversed code ("---:072") turns its coded half.
            let (back, event) = match code.split_once(':') {
                Some(("---", b)) => ("---:", b),
                _ => ("", code.as_str()),
            };
            if let Some(intent) = crate::ontology::intent_code(event) {
                code = format!("{back}{intent}");
            }
            // "will not accept refugees": a refusal, which did happen.
            if negated && !kb.has_legacy_verbs() {
                if let Some(refusal) = crate::ontology::refusal_code(&code) {
                    code = refusal.to_string();
                    (negated, future) = (false, false);
                }
            }
        }
        let specific = m
            .pattern
            .rest
            .iter()
            .filter(|e| matches!(e, PatternElement::Word(_)))
            .count();
        let n = pairs.len();
        let trigger_end = match target {
            Some(t) if !g.passive && all[t].tokens.start > g.head => all[t].tokens.start,
            _ => m.end.max(g.head + 1),
        };
        for (s, t) in pairs {
            let resolved = s.resolved || t.as_ref().is_some_and(|t| t.resolved);
            let mut confidence: f32 = 0.55;
            // A pattern without a target slot ("demonstrate", "stage * hunger
            // strike") is complete without one, unless its kind of event
            // needs a second party.
            if t.is_some() || !m.pattern.has_target() && !crate::ontology::needs_target(&code) {
                confidence += 0.15;
            }
            confidence += 0.05 * specific.min(3) as f32;
            if resolved {
                confidence -= 0.1;
            }
            if g.passive {
                confidence -= 0.05;
            }
            let attributed_to = attribution
                .filter(|(agi, _)| *agi != gi)
                .map(|(_, a)| a.code.full.clone());
            found.push(Found {
                source: s,
                target: t,
                code: code.clone(),
                pattern: m.pattern.text.clone(),
                trigger: g.tokens.start..trigger_end,
                negated,
                future,
                attributed_to,
                confidence: (confidence.clamp(0.05, 0.95) * 100.0).round() / 100.0,
            });
        }
        decide(format!(
            "pattern '{}' → {code}: {n} event(s)",
            m.pattern.text
        ));
        if let Some(start) = frame_start.filter(|_| found.len() > before) {
            found.retain(|x| x.trigger.start != start || !generic_intent(x));
        }
    }
    if let Some((agi, speaker)) = attribution {
        // What is claimed is the first verb after the report ("claimed that
        // ISIL had attacked Iraq"), not a clause inside it.
        let reported = groups.get(agi + 1).map(|g| g.tokens.start);
        let claims = claimed_acts(an, &groups[agi], reported, speaker, &found);
        // An allegation ("claimed", "alleged") coded as the accusation it
        // is does not "in any way imply that the alleged events have taken
        // place" (CAMEO 112): what it reports falls below the default
        // threshold.
        let alleges = CLAIMING.contains(&an.tokens[groups[agi].head].lemma.as_str());
        if alleges && claims.iter().any(|c| c.code == "112") {
            let after = groups[agi].tokens.end;
            for f in found
                .iter_mut()
                .filter(|f| f.attributed_to.is_some() && f.trigger.start >= after)
            {
                f.confidence = f.confidence.min(ALLEGED_CONFIDENCE);
            }
        }
        found.extend(claims);
    }
    found
}

/// The score of an act reported only as another's allegation.
const ALLEGED_CONFIDENCE: f32 = 0.05;

/// The score of an event the coder infers from a report (a demand from "X
/// said Y must …", an accusation from "X claimed Y attacked …"): that of a
/// pattern with a target and one literal word, less 0.1 for an actor read
/// from context.
fn inferred_confidence(resolved: bool) -> f32 {
    if resolved {
        0.65
    } else {
        0.75
    }
}

/// Reporting verbs that make the report of a hostile act an accusation of
/// its author, or a claim of responsibility when the reporter is the author.
const CLAIMING: &[&str] = &["claim", "allege", "charge"];

/// What claiming a hostile act (CAMEO roots 13–20) says of the claimant:
/// "Azerbaijan claimed that Armenian forces had shelled Tartar" accuses
/// Armenia (112), "Iran claimed that its forces had shelled the camps"
/// claims responsibility (015), and a victim's report of another's act is
/// an accusation whatever the reporting verb ("Azerbaijan said Armenian
/// forces shelled its towns"). `reported` is where the reported verb group
/// starts. One accusation per accused, and none where a pattern of the
/// reporting verb already coded one ("alleged that +"); no claim from or
/// about an actor whose country was guessed, or about unidentified ones.
fn claimed_acts(
    an: &Analysis<'_>,
    report: &VerbGroup,
    reported: Option<usize>,
    speaker: &ActorRef,
    found: &[Found],
) -> Vec<Found> {
    let verb = an.tokens[report.head].lemma.as_str();
    // "claims to have 200,000 members": no report of an act.
    let infinitive = an
        .tokens
        .get(report.tokens.end)
        .is_some_and(|t| t.lower == "to");
    if report.negated || infinitive || speaker.guessed_country || speaker.code.country.is_none() {
        return Vec::new();
    }
    let claiming = CLAIMING.contains(&verb);
    let hostile = |code: &str| matches!(crate::ontology::root(code), Some(13..=20));
    let country = |a: &ActorRef| a.code.country.clone();
    // Accused or claimed against: an actor of a known country, or a
    // transnational one ("ISIL"), never the unidentified attackers.
    let known = |a: &ActorRef| {
        !a.guessed_country
            && (a.code.country.is_some()
                || a.code
                    .sector
                    .as_deref()
                    .is_some_and(|s| s != UNIDENTIFIED_SECTOR))
    };
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        let is_reported = Some(f.trigger.start) == reported && f.attributed_to.is_some();
        if !is_reported || f.negated || f.future || !hostile(&f.code) || !known(&f.source) {
            continue;
        }
        let own = country(&f.source) == country(speaker) && same_side(&f.source, speaker);
        let victim = f
            .target
            .as_ref()
            .is_some_and(|t| known(t) && country(t) == country(speaker));
        let (target, code) = match (own, verb) {
            (true, "claim") if f.target.as_ref().is_some_and(known) => (f.target.clone(), "015"),
            (false, _) if claiming || victim => (Some(f.source.clone()), "112"),
            _ => continue,
        };
        let same = |x: &Found| {
            x.trigger.start == report.tokens.start
                && x.code.get(..2) == code.get(..2)
                && x.target.as_ref().map(country) == target.as_ref().map(country)
        };
        if found.iter().chain(&out).any(same) {
            continue;
        }
        let resolved = speaker.resolved || target.as_ref().is_some_and(|t| t.resolved);
        out.push(Found {
            source: speaker.clone(),
            target,
            code: code.to_string(),
            pattern: format!("{verb} that + {}", f.code),
            trigger: report.tokens.clone(),
            negated: false,
            future: false,
            attributed_to: None,
            confidence: inferred_confidence(resolved),
        });
    }
    out
}

/// Sectors of a state's own apparatus.
const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];

/// True for a state or its apparatus: no sector, or one of
/// [`STATE_SECTORS`].
fn state_apparatus(a: &ActorRef) -> bool {
    a.code
        .sector
        .as_deref()
        .is_none_or(|s| STATE_SECTORS.contains(&s))
}

/// True when two actors of one country are on the same side: the state
/// and its apparatus, or the same non-state sector ("the army" and "the
/// rebels" of one country are not).
fn same_side(a: &ActorRef, b: &ActorRef) -> bool {
    match (state_apparatus(a), state_apparatus(b)) {
        (true, true) => true,
        (false, false) => a.code.sector == b.code.sector,
        _ => false,
    }
}

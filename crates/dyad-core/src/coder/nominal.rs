//! Events named by nouns: "Mnatsakanyan's visit to Washington", "a Russian
//! attack on Kharkiv", "clashes between Azerbaijan and Armenia", "its support
//! of Baku".
//!
//! A noun pattern (`data/nouns.txt`) is anchored on the head noun of a noun
//! phrase. The source comes from the phrase itself or right after it — never
//! from the clause's subject, which belongs to the verb:
//!
//! 1. the possessor: "Armenia's visit", "Mnatsakanyan's visit", and a
//!    possessive pronoun ("its", "their") standing for the last single actor
//!    named before it in the sentence;
//! 2. an actor word modifying the noun: "a Russian attack", "US airstrikes";
//! 3. a `by` phrase after the pattern: "an attack on the convoy by rebels".
//!
//! A pattern whose target is a two-member coordination after "between" is
//! reciprocal and needs no source. Without a source, nothing is coded: a noun
//! that merely names a topic ("the meeting with Pompeo is expected to …") is
//! not an event report.

use super::actors::{ActorRef, Phrase, PhraseKind, SentenceActors};
use super::events::{
    directed_pairs, is_clause_break, match_elems, phrase_starting_at, Found, VerbDecision,
};
use super::Analysis;
use crate::kb::{MentionKind, Pattern, PatternElement};
use crate::text::chunk::ChunkKind;
use crate::KnowledgeBase;
use std::ops::Range;

/// Modifiers that make a conflict noun figurative ("trade war").
const FIGURATIVE: &[&str] = &[
    "trade",
    "price",
    "currency",
    "tariff",
    "bidding",
    "takeover",
    "turf",
    "culture",
    "legal",
    "court",
    "ratings",
    "budget",
    "propaganda",
    "media",
    "pr",
    "proxy-fight",
    "proxy",
    "board",
    "patent",
];

/// Confidence of a nominal event before adjustments: lower than a verb's,
/// since the noun may name a planned or past event.
const BASE_CONFIDENCE: f32 = 0.5;

/// Codes the events named by nouns in one sentence.
pub(crate) fn code_nominal(
    an: &Analysis<'_>,
    actors: &SentenceActors,
    kb: &KnowledgeBase,
    mut decisions: Option<&mut Vec<VerbDecision>>,
) -> Vec<Found> {
    let phrases = actors.actor_phrases();
    let verb_chunks: Vec<Range<usize>> = an
        .chunks
        .iter()
        .filter(|c| c.kind == ChunkKind::Verb)
        .map(|c| c.tokens.clone())
        .collect();
    let mut found = Vec::new();
    for c in &an.chunks {
        let np = match c.kind {
            ChunkKind::Noun => c.tokens.clone(),
            ChunkKind::Prep => match &c.object {
                Some(o) => o.clone(),
                None => continue,
            },
            _ => continue,
        };
        let head = np.end - 1;
        // Actor words ("forces", "government") are actors, not events.
        if an.mentions.iter().any(|m| m.tokens.contains(&head)) {
            continue;
        }
        // "a trade war", "a price war", "a bidding battle" are not violence.
        if head > np.start && FIGURATIVE.contains(&an.tokens[head - 1].lower.as_str()) {
            continue;
        }
        let lemma = &an.tokens[head].lemma;
        let lower = &an.tokens[head].lower;
        let mut best: Option<(&Pattern, usize, Option<usize>)> = None;
        let candidates = kb.noun_patterns.for_anchor(lemma).chain(
            kb.noun_patterns
                .for_anchor(lower)
                .filter(|_| lower != lemma),
        );
        for p in candidates {
            if let Some((end, target)) =
                match_elems(an, phrases, &verb_chunks, &p.rest, head + 1, None)
            {
                if best
                    .as_ref()
                    .is_none_or(|(b, _, _)| p.specificity() > b.specificity())
                {
                    best = Some((p, end, target));
                }
            }
        }
        let Some((pattern, end, target)) = best else {
            continue;
        };
        let target_phrase = target.map(|t| &phrases[t]);
        let reciprocal = pattern
            .rest
            .iter()
            .any(|e| matches!(e, PatternElement::Word(w) if w.iter().any(|w| w == "between")))
            && target_phrase.is_some_and(|t| t.members.len() == 2);
        let mut pairs: Vec<(ActorRef, Option<ActorRef>)> = Vec::new();
        let source = if reciprocal {
            None
        } else {
            nominal_source(an, actors, &np, head, end)
        };
        match (source, target_phrase) {
            (_, Some(t)) if reciprocal => {
                pairs.push((t.members[0].clone(), Some(t.members[1].clone())));
                pairs.push((t.members[1].clone(), Some(t.members[0].clone())));
            }
            (Some(src), Some(t)) if t.kind == PhraseKind::Actors => {
                pairs.extend(directed_pairs(&src, &t.members));
            }
            (Some(src), None) if !pattern.has_target() => {
                pairs.extend(src.into_iter().map(|s| (s, None)));
            }
            _ => {}
        }
        let words: Vec<&str> = an.tokens[np.clone()]
            .iter()
            .map(|t| t.word.as_str())
            .collect();
        if pairs.is_empty() || pairs.len() > super::events::MAX_EVENTS_PER_VERB {
            if let Some(d) = decisions.as_deref_mut() {
                d.push(VerbDecision {
                    verb: words.join(" "),
                    lemma: lemma.clone(),
                    outcome: format!(
                        "noun pattern '{}' matched but no source actor owns the noun",
                        pattern.text
                    ),
                });
            }
            continue;
        }
        if let Some(d) = decisions.as_deref_mut() {
            d.push(VerbDecision {
                verb: words.join(" "),
                lemma: lemma.clone(),
                outcome: format!(
                    "noun pattern '{}' → {}: {} event(s)",
                    pattern.text,
                    pattern.code,
                    pairs.len()
                ),
            });
        }
        let trigger_end = target_phrase.map_or(end, |t| t.tokens.start.max(head + 1));
        for (s, t) in pairs {
            let resolved = s.resolved || t.as_ref().is_some_and(|t| t.resolved);
            let confidence = if resolved {
                BASE_CONFIDENCE - 0.1
            } else {
                BASE_CONFIDENCE
            };
            found.push(Found {
                source: s,
                target: t,
                code: pattern.code.clone(),
                pattern: pattern.text.clone(),
                trigger: head..trigger_end,
                negated: false,
                future: false,
                attributed_to: None,
                confidence,
            });
        }
    }
    found
}

/// The source of a nominal event (see the module documentation).
fn nominal_source(
    an: &Analysis<'_>,
    actors: &SentenceActors,
    np: &Range<usize>,
    head: usize,
    pattern_end: usize,
) -> Option<Vec<ActorRef>> {
    // 1. Possessor phrase inside the noun phrase.
    if let Some(p) = actors
        .possessors
        .iter()
        .find(|p| p.tokens.start >= np.start && p.tokens.end <= head)
    {
        return Some(p.members.clone());
    }
    // 1b. Possessive pronoun: the actor named last before it ("its": the last
    // member of that phrase; "their": all its members).
    let pronoun = an.tokens[np.start].lower.as_str();
    if matches!(pronoun, "its" | "their") {
        let before = actors
            .actor_phrases()
            .iter()
            .rev()
            .find(|p: &&Phrase| p.tokens.end <= np.start && p.kind == PhraseKind::Actors)?;
        return match pronoun {
            "its" => before.members.last().map(|m| vec![m.clone()]),
            _ => Some(before.members.clone()),
        };
    }
    // 2. An actor word modifying the noun ("a Russian attack").
    for m in an
        .mentions
        .iter()
        .filter(|m| m.tokens.start >= np.start && m.tokens.end <= head)
    {
        let code = match m.kind {
            MentionKind::Country { iso3 } | MentionKind::Demonym { iso3 } => {
                crate::kb::ActorCode::from_parts(iso3, None)
            }
            MentionKind::Org { code } => code.clone(),
            _ => continue,
        };
        return Some(vec![ActorRef::of(code, m.tokens.clone())]);
    }
    // 3. A "by" phrase right after the pattern.
    let by = (pattern_end..an.tokens.len().min(pattern_end + 4))
        .take_while(|&i| !is_clause_break(an, i))
        .find(|&i| an.tokens[i].lower == "by")
        .and_then(|i| phrase_starting_at(actors.actor_phrases(), i + 1))?;
    Some(actors.actor_phrases()[by].members.clone())
}

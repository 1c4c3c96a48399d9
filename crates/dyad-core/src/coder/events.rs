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
//! - a consultation (04x) announced for the future is an intent to meet (036);
//! - lists never explode: a verb yields at most [`MAX_EVENTS_PER_VERB`] events.

use super::actors::{ActorRef, Phrase, PhraseKind};
use super::Analysis;
use crate::kb::{Pattern, PatternElement, MAX_GAP};
use crate::text::chunk::{verb_group, ChunkKind, VerbGroup};
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
const CONJUNCTIONS: &[&str] = &[
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
}

fn is_clause_break(an: &Analysis<'_>, i: usize) -> bool {
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

fn phrase_starting_at(phrases: &[Phrase], i: usize) -> Option<usize> {
    phrases.iter().position(|p| p.tokens.start == i)
}

/// Matches `elems` from token `i`; returns the end and the target phrase.
fn match_elems(
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
                match_elems(an, phrases, verb_chunks, rest, i + 1, target)
            } else {
                None
            }
        }
        PatternElement::Target => {
            let p = phrase_starting_at(phrases, i)?;
            match_elems(
                an,
                phrases,
                verb_chunks,
                rest,
                phrases[p].tokens.end,
                Some(p),
            )
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
    }
}

/// The subject of the verb group starting at token `start`: the actor phrase
/// right before it, across adverbs, a closing comma and relative pronouns;
/// prepositional phrases attach to the noun phrase before them ("Armenia's
/// ambassador to the U.S. told …" has the ambassador as subject).
fn subject(an: &Analysis<'_>, phrases: &[Phrase], start: usize) -> Option<usize> {
    // "with each side accusing the other": an absolute clause, its subject after "with".
    let gerund = an.tokens.get(start).is_some_and(|t| t.pos == "VBG");
    let mut k = start;
    let mut commas = 0;
    while k > 0 {
        let t = &an.tokens[k - 1];
        if t.pos.starts_with("RB") || t.pos == "WDT" || t.pos == "WP" || t.lower == "that" {
            k -= 1;
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
                // "Hundreds of UN troops withdrew": the quantity's "of" object acts.
                Some(prep)
                    if an.tokens[prep].lower == "of"
                        && prep > 0
                        && (an.tokens[prep - 1].pos == "CD"
                            || QUANTITIES.contains(&an.tokens[prep - 1].lower.as_str())) =>
                {
                    return Some(p)
                }
                Some(prep) if prep > 0 => k = prep,
                _ => return Some(p),
            }
            continue;
        }
        // A non-actor prepositional phrase ("the talks in Geneva"): look before it.
        let pp = an
            .chunks
            .iter()
            .find(|c| c.kind == ChunkKind::Prep && c.tokens.end == k && c.tokens.start > 0);
        match pp {
            Some(c) => k = c.tokens.start,
            None => return None,
        }
    }
}

/// Codes one sentence. `decisions` collects the reasons when explaining.
pub(crate) fn code_sentence(
    an: &Analysis<'_>,
    phrases: &[Phrase],
    kb: &KnowledgeBase,
    mut decisions: Option<&mut Vec<VerbDecision>>,
) -> Vec<Found> {
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

    // Who the sentence's report is attributed to.
    let attribution: Option<(usize, String)> = groups.iter().enumerate().find_map(|(gi, g)| {
        if !REPORTING.contains(&an.tokens[g.head].lemma.as_str()) {
            return None;
        }
        let s = subject(an, phrases, g.tokens.start)?;
        match phrases[s].members.as_slice() {
            [one] if phrases[s].kind == PhraseKind::Actors => Some((gi, one.code.full.clone())),
            _ => None,
        }
    });

    let mut found = Vec::new();
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
        if candidates.is_empty() {
            decide("no pattern for this verb".into());
            continue;
        }
        if g.infinitive {
            decide(
                "infinitive: what another verb asks or attempts, not an event of its own".into(),
            );
            continue;
        }
        if head.pos == "VBG" && g.tokens.start > 0 && an.tokens[g.tokens.start - 1].pos == "IN" {
            decide("gerund after a preposition: not an event of its own".into());
            continue;
        }
        let after = g.head + 1;
        let mut best: Option<PatternMatch> = None;
        for p in &candidates {
            let elems: Vec<PatternElement> = if g.passive {
                p.rest
                    .iter()
                    .filter(|e| **e != PatternElement::Target)
                    .cloned()
                    .collect()
            } else {
                p.rest.clone()
            };
            // A bare intransitive pattern ("clash") does not match a verb
            // with a non-actor object ("are fighting protectionism").
            if elems.is_empty()
                && starts_noun_phrase(an, after)
                && phrase_starting_at(phrases, after).is_none()
            {
                continue;
            }
            if let Some((end, target)) = match_elems(an, phrases, &verb_chunks, &elems, after, None)
                // A particle in the verb group must be part of the pattern:
                // "fight off" is not "fight".
                .filter(|(end, _)| *end >= g.tokens.end)
            {
                let better = best
                    .as_ref()
                    .is_none_or(|b| p.specificity() > b.pattern.specificity());
                if better {
                    best = Some(PatternMatch {
                        pattern: p,
                        target,
                        end,
                    });
                }
            }
        }
        let Some(m) = best else {
            decide(format!(
                "{} pattern(s) for '{}', none matched the words after it",
                candidates.len(),
                head.lemma
            ));
            continue;
        };
        let subj = subject(an, phrases, g.tokens.start);
        let (source, target) = if g.passive {
            // "X was attacked by Y": source Y, target X (when the pattern takes one).
            let by = (m.end..an.tokens.len().min(m.end + 8))
                .take_while(|&i| {
                    !is_clause_break(an, i) && !verb_chunks.iter().any(|v| v.contains(&i))
                })
                .find(|&i| an.tokens[i].lower == "by")
                .and_then(|i| phrase_starting_at(phrases, i + 1));
            if m.pattern.has_target() {
                (by, subj)
            } else {
                // Stative passive idioms have no agent: "are locked in a battle".
                (subj, None)
            }
        } else {
            (subj, m.target)
        };
        let Some(source) = source else {
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
        };
        let src = &phrases[source];
        let tgt = target.map(|t| &phrases[t]);
        let mut pairs: Vec<(ActorRef, Option<ActorRef>)> = Vec::new();
        match (src.kind, tgt) {
            (PhraseKind::EachSide, Some(t))
                if t.kind == PhraseKind::TheOther && src.members.len() == 2 =>
            {
                pairs.push((src.members[0].clone(), Some(src.members[1].clone())));
                pairs.push((src.members[1].clone(), Some(src.members[0].clone())));
            }
            (PhraseKind::Actors, Some(t)) if t.kind == PhraseKind::Actors => {
                for s in &src.members {
                    for t in &t.members {
                        // A state's own actors acting on the state as a whole
                        // ("He [JPNGOV] visited Japan") are not a dyad.
                        let own_country = t.code.sector.is_none()
                            && t.code.country.is_some()
                            && s.code.country == t.code.country;
                        if s.code != t.code && !own_country {
                            pairs.push((s.clone(), Some(t.clone())));
                        }
                    }
                }
            }
            // Reciprocal: every ordered pair of a short coordination.
            (PhraseKind::Actors | PhraseKind::EachSide, None)
                if (2..=3).contains(&src.members.len()) =>
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
            (PhraseKind::Actors | PhraseKind::EachSide, None) if src.members.len() > 3 => {}
            (PhraseKind::Actors, None) => pairs.push((src.members[0].clone(), None)),
            _ => {}
        }
        pairs.dedup_by(|a, b| {
            a.0.code == b.0.code && a.1.as_ref().map(|x| &x.code) == b.1.as_ref().map(|x| &x.code)
        });
        if pairs.is_empty() || pairs.len() > MAX_EVENTS_PER_VERB {
            decide(format!("pattern '{}' matched but the actors give {} dyads (allowed 1..={MAX_EVENTS_PER_VERB})", m.pattern.text, pairs.len()));
            continue;
        }
        let mut code = m.pattern.code.clone();
        if g.future && code.starts_with("04") {
            code = "036".to_string();
        }
        let specific = m
            .pattern
            .rest
            .iter()
            .filter(|e| matches!(e, PatternElement::Word(_)))
            .count();
        let n = pairs.len();
        let trigger_end = match target {
            Some(t) if !g.passive && phrases[t].tokens.start > g.head => phrases[t].tokens.start,
            _ => m.end.max(g.head + 1),
        };
        for (s, t) in pairs {
            let resolved = s.resolved || t.as_ref().is_some_and(|t| t.resolved);
            let mut confidence: f32 = 0.55;
            if t.is_some() {
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
                .as_ref()
                .filter(|(agi, _)| *agi != gi)
                .map(|(_, c)| c.clone());
            found.push(Found {
                source: s,
                target: t,
                code: code.clone(),
                pattern: m.pattern.text.clone(),
                trigger: g.tokens.start..trigger_end,
                negated: g.negated,
                future: g.future,
                attributed_to,
                confidence: (confidence.clamp(0.05, 0.95) * 100.0).round() / 100.0,
            });
        }
        decide(format!(
            "pattern '{}' → {code}: {n} event(s)",
            m.pattern.text
        ));
    }
    found
}

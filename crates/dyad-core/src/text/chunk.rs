//! A shallow chunker: noun phrases, verb groups (with particles) and
//! prepositional phrases, from part-of-speech tags.
//!
//! Every token belongs to exactly one chunk. The grammar is deliberately
//! small and news-oriented:
//!
//! - **noun phrase**: determiners, possessives (`Azerbaijan 's`), numbers,
//!   adjectives, adjectival participles (`the disputed area`) and nouns,
//!   ending in a noun, pronoun or number; commas join coordinated adjectives
//!   (`a fierce, weeks-long battle`). Callers may *glue* tokens that must stay
//!   in one phrase (multi-word names such as `minister of foreign affairs`).
//! - **verb group**: modal, auxiliaries, adverbs such as `not`, the main verb,
//!   and a following particle (`broke out`); an infinitive `to` starts its
//!   own group, flagged as [`VerbGroup::infinitive`].
//! - **prepositional phrase**: a preposition and the noun phrase after it.

use super::tag::Tagged;
use std::ops::Range;

/// Kind of chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// A noun phrase.
    Noun,
    /// A verb group.
    Verb,
    /// A preposition followed by a noun phrase.
    Prep,
    /// Anything else (punctuation, conjunctions, stray words).
    Other,
}

/// One chunk: a kind and a range of token indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Kind of chunk.
    pub kind: ChunkKind,
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// For a prepositional phrase, the token range of its noun phrase.
    pub object: Option<Range<usize>>,
}

/// A verb group with its parts identified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbGroup {
    /// Token indices covered (particles included).
    pub tokens: Range<usize>,
    /// Index of the main verb (the last verb of the group).
    pub head: usize,
    /// True when the group starts with infinitival `to`.
    pub infinitive: bool,
    /// True for `not`, `n't`, `never` in the group.
    pub negated: bool,
    /// True when the group has `will`, `would`, `shall` or `'ll`.
    pub future: bool,
    /// True for a form of `be`/`get` followed by a past participle head.
    pub passive: bool,
}

const NEGATORS: &[&str] = &["not", "n't", "never"];
/// Modals and contractions that put a verb group in the future.
pub(crate) const FUTURE: &[&str] = &["will", "would", "shall", "'ll", "wo"];
/// Words tagged `IN` that introduce clauses, not prepositional phrases.
const COMPLEMENTIZERS: &[&str] = &[
    "that", "whether", "if", "because", "although", "though", "unless", "whereas",
];
/// Verbs that take a bare infinitive ("helped rebuild", "made them leave",
/// "did not go"), besides the auxiliaries.
const BARE_INFINITIVE_TAKERS: &[&str] = &[
    "be", "have", "do", "make", "let", "help", "see", "hear", "watch", "go", "come", "dare", "bid",
    "need", "feel", "get",
];
/// Verbs that form tenses and passives with a participle ("has killed",
/// "was killed", "got arrested").
const AUXILIARIES: &[&str] = &[
    "be", "have", "get", "become", "remain", "seem", "feel", "appear",
];
/// "-ing" words that news uses as adjectives before a noun ("the outgoing
/// prime minister", "the ruling party"), never as the verb of a clause there.
const ADJECTIVAL_ING: &[&str] = &[
    "outgoing",
    "incoming",
    "ruling",
    "governing",
    "warring",
    "neighbouring",
    "neighboring",
    "ongoing",
    "upcoming",
    "reigning",
    "peacekeeping",
    "peace-keeping",
];
/// Prepositions of place that may follow another preposition ("from
/// across the region").
const PLACE_PREPOSITIONS: &[&str] = &[
    "throughout",
    "across",
    "within",
    "inside",
    "outside",
    "behind",
    "beyond",
    "under",
    "near",
];
const PARTICLES: &[&str] = &["out", "off", "up", "down", "away", "back", "over"];

fn is_verb_tag(pos: &str) -> bool {
    pos.starts_with("VB") || pos == "MD"
}

/// Part-of-speech corrections that depend on neighbours: participles and
/// gerunds used as adjectives or nouns inside noun phrases.
fn effective_pos(tokens: &[Tagged], i: usize) -> &str {
    let t = &tokens[i];
    let prev = i.checked_sub(1).map(|p| tokens[p].pos.as_str());
    let next = tokens.get(i + 1).map(|n| n.pos.as_str());
    match t.pos.as_str() {
        "VBG" if matches!(prev, Some("DT" | "PRP$" | "JJ" | "POS")) => "NN",
        // A plural-present verb right after a singular noun is a noun in a
        // compound ("the US air base"): "*the base air*" cannot agree.
        // ("have", "are", "do" are always verbs: "Albanians have sworn").
        "VBP"
            if matches!(prev, Some("NN" | "NNP"))
                && matches!(next, Some("NN" | "NNS"))
                && !matches!(t.lemma.as_str(), "have" | "be" | "do") =>
        {
            "NN"
        }
        // A gerund right before a finite verb is its subject ("fighting broke out").
        "VBG" if matches!(next, Some("VBD" | "VBZ" | "VBP" | "MD")) => "NN",
        // "The shot was fired": a determiner's past form before a verb is its noun.
        "VBN" | "VBD" if matches!(prev, Some("DT")) && next.is_some_and(is_verb_tag) => "NN",
        // "the divided Mediterranean island", "the embattled Palestinian leader".
        "VBN" if matches!(prev, Some("DT" | "PRP$" | "POS")) && matches!(next, Some("NNP")) => "JJ",
        // After a verb that is no auxiliary, a participle before a noun
        // modifies it: "extradited suspected militant Haroon Aswad", "is
        // investigating alleged war crimes".
        "VBN"
            if matches!(prev, Some("VBD" | "VBZ" | "VBP" | "VBG"))
                && !AUXILIARIES.contains(&tokens[i - 1].lemma.as_str())
                && matches!(next, Some("NN" | "NNS" | "NNP" | "NNPS" | "JJ")) =>
        {
            "JJ"
        }
        "VBG"
            if ADJECTIVAL_ING.contains(&t.lower.as_str())
                && matches!(next, Some("NN" | "NNS" | "NNP" | "NNPS" | "JJ")) =>
        {
            "JJ"
        }
        // "will seek support from", "wants help": a base form right after
        // a full verb, with no object of its own, is that verb's object
        // noun; only causative and perception verbs take a bare infinitive
        // ("will help rebuild", "let them go"), and a compound verb takes
        // an object ("will wire tap the links").
        "VB" if matches!(prev, Some("VB" | "VBD" | "VBZ" | "VBP"))
            && !BARE_INFINITIVE_TAKERS.contains(&tokens[i - 1].lemma.as_str())
            && !matches!(next, Some("DT" | "PRP$" | "PRP" | "NNP" | "NNPS" | "CD")) =>
        {
            "NN"
        }
        // "a US offer", "the UN appeal": a base form after a determiner and
        // a singular name cannot agree with it as a verb; it is the noun.
        "VB" | "VBP" if prev == Some("NNP") && after_determiner_and_name(tokens, i) => "NN",
        // "killed 75 displaced Kenyans": a past form between a number and
        // its plural noun is a participle modifying the noun.
        "VBD"
            if prev == Some("CD")
                && tokens.get(i + 1).is_some_and(|n| {
                    n.pos == "NNS" || n.pos.starts_with("NNP") && n.looks_plural()
                }) =>
        {
            "JJ"
        }
        // Two finite verbs cannot follow each other: after a full verb,
        // an "-s" form is a plural noun, its object ("rejected calls by …").
        "VBZ"
            if matches!(prev, Some("VBD" | "VBN"))
                && !AUXILIARIES.contains(&tokens[i - 1].lemma.as_str())
                && t.lower.ends_with('s') =>
        {
            "NNS"
        }
        "VBN" | "VBG"
            if matches!(
                prev,
                None | Some("DT" | "PRP$" | "IN" | "JJ" | "CC" | "POS" | "TO" | "CD")
            ) && matches!(next, Some("NN" | "NNS" | "JJ")) =>
        {
            "JJ"
        }
        // "Ousted President Askar Akayev …": opening the sentence before a
        // title or name, a participle modifies it.
        "VBN" if prev.is_none() && matches!(next, Some("NNP" | "NNPS")) => "JJ",
        p => p,
    }
}

/// True when the tokens before `i` are a determiner and a run of proper
/// nouns naming one party that cannot be a plural verb's subject ("a
/// United Nations", "rejected the US").
fn after_determiner_and_name(tokens: &[Tagged], i: usize) -> bool {
    let mut k = i;
    while k > 0 && tokens[k - 1].pos == "NNP" {
        k -= 1;
    }
    // A one-word name in "-s" is a people ("the Palestinians reject").
    let people = k + 1 == i && tokens[k].word.ends_with('s');
    if k == i || k == 0 || people {
        return false;
    }
    // "the" only as a verb's object: "the CIS refuse", "X and the Y agree"
    // may take a plural verb.
    match tokens[k - 1].lower.as_str() {
        "a" | "an" => true,
        "the" => k > 1 && tokens[k - 2].pos.starts_with("VB"),
        _ => false,
    }
}

/// Splits a sentence into chunks. `glue[i]` (when present) keeps token `i`
/// and `i + 1` inside one noun phrase.
pub fn chunk(tokens: &[Tagged], glue: &[bool]) -> Vec<Chunk> {
    let glued = |i: usize| glue.get(i).copied().unwrap_or(false);
    let pos: Vec<&str> = (0..tokens.len())
        .map(|i| effective_pos(tokens, i))
        .collect();
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Noun phrase; an approximate number opens one, no prepositional
        // phrase ("at least 26 soldiers", "over 150 prisoners").
        let np_end = noun_phrase_end(tokens, &pos, i, &glued).or_else(|| {
            approximator_len(tokens, &pos, i)
                .and_then(|n| noun_phrase_end(tokens, &pos, i + n, &glued))
        });
        if let Some(end) = np_end {
            chunks.push(Chunk {
                kind: ChunkKind::Noun,
                tokens: i..end,
                object: None,
            });
            i = end;
            continue;
        }
        // Verb group (with a leading infinitival `to`).
        let starts_verb = is_verb_tag(pos[i])
            || (pos[i] == "TO" && pos.get(i + 1).is_some_and(|p| *p == "VB"))
            || (pos[i] == "RB" && next_is_verb(&pos, i));
        if starts_verb {
            let mut j = i + 1;
            while j < tokens.len()
                && (is_verb_tag(pos[j]) || (pos[j].starts_with("RB") && next_is_verb(&pos, j)))
            {
                j += 1;
            }
            // Particle: RP, or a particle word not followed by a noun phrase
            // nor opening an approximate number ("allow up to 13,000").
            if j < tokens.len()
                && approximator_len(tokens, &pos, j).is_none()
                && (pos[j] == "RP"
                    || (PARTICLES.contains(&tokens[j].lower.as_str())
                        && !pos.get(j + 1).is_some_and(|p| {
                            matches!(
                                *p,
                                "DT" | "PRP$" | "NN" | "NNS" | "NNP" | "NNPS" | "CD" | "JJ"
                            )
                        })))
            {
                j += 1;
            }
            chunks.push(Chunk {
                kind: ChunkKind::Verb,
                tokens: i..j,
                object: None,
            });
            i = j;
            continue;
        }
        // Prepositional phrase.
        if matches!(pos[i], "IN" | "TO") && !COMPLEMENTIZERS.contains(&tokens[i].lower.as_str()) {
            // "from throughout the country", "from across Europe": a
            // preposition before a place preposition takes its phrase.
            let compound = pos.get(i + 1) == Some(&"IN")
                && PLACE_PREPOSITIONS.contains(&tokens[i + 1].lower.as_str());
            let start = i + 1 + usize::from(compound);
            if let Some(end) = noun_phrase_end(tokens, &pos, start, &glued) {
                chunks.push(Chunk {
                    kind: ChunkKind::Prep,
                    tokens: i..end,
                    object: Some(start..end),
                });
                i = end;
                continue;
            }
        }
        chunks.push(Chunk {
            kind: ChunkKind::Other,
            tokens: i..i + 1,
            object: None,
        });
        i += 1;
    }
    chunks
}

/// The length of the words at `i` that make the number after them
/// approximate: "at least", "up to", "more than" anywhere; "over", "about",
/// "nearly", … only opening a verb's object or the sentence (elsewhere
/// "over two days" is a preposition's phrase).
fn approximator_len(tokens: &[Tagged], pos: &[&str], i: usize) -> Option<usize> {
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_str());
    let n = match (word(i)?, word(i + 1)) {
        ("at", Some("least" | "most")) | ("up", Some("to")) => 2,
        ("more" | "fewer" | "less", Some("than")) => 2,
        (
            "over" | "about" | "around" | "nearly" | "almost" | "some" | "roughly"
            | "approximately",
            _,
        ) if i == 0 || is_verb_tag(pos[i - 1]) => 1,
        _ => return None,
    };
    (pos.get(i + n) == Some(&"CD")).then_some(n)
}

fn next_is_verb(pos: &[&str], i: usize) -> bool {
    let mut j = i + 1;
    while j < pos.len() && pos[j].starts_with("RB") {
        j += 1;
    }
    j < pos.len() && is_verb_tag(pos[j])
}

/// End (exclusive) of the noun phrase starting at `i`, if one starts there.
fn noun_phrase_end(
    tokens: &[Tagged],
    pos: &[&str],
    i: usize,
    glued: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    if i >= tokens.len() {
        return None;
    }
    if pos[i] == "PRP" {
        return Some(i + 1);
    }
    let inner = |k: usize| {
        matches!(
            pos[k],
            "DT" | "PDT"
                | "PRP$"
                | "CD"
                | "JJ"
                | "JJR"
                | "JJS"
                | "POS"
                | "NN"
                | "NNS"
                | "NNP"
                | "NNPS"
        )
    };
    if !inner(i) && !glued(i) {
        return None;
    }
    let mut j = i;
    let mut last_end = None;
    while j < tokens.len() {
        // A determiner after a noun starts a new phrase ("rejected the charge | the party").
        let determiner_after_noun = j > i
            && matches!(pos[j], "DT" | "PDT" | "PRP$")
            && pos[j - 1].starts_with("NN")
            && !glued(j - 1);
        let ok = (inner(j) && !determiner_after_noun) || (j > i && glued(j - 1));
        let comma_between_adjectives = pos[j] == ","
            && j > i
            && pos[j - 1].starts_with("JJ")
            && pos
                .get(j + 1)
                .is_some_and(|p| p.starts_with("JJ") || p.starts_with("NN"))
            && pos.get(j + 2).is_some_and(|p| p.starts_with("NN"));
        // "Libya's internationally recognized government", "the most
        // powerful army": an adverb that grades the adjective after it.
        let grading_adverb = j > i
            && matches!(pos[j], "RB" | "RBS")
            && matches!(pos[j - 1], "DT" | "PRP$" | "POS" | "JJ")
            && pos.get(j + 1).is_some_and(|p| matches!(*p, "JJ" | "JJS"))
            && pos
                .get(j + 2)
                .is_some_and(|p| p.starts_with("NN") || p.starts_with("JJ"));
        if !(ok || comma_between_adjectives || grading_adverb) {
            break;
        }
        if matches!(pos[j], "NN" | "NNS" | "NNP" | "NNPS" | "CD") || (j > i && glued(j - 1)) {
            last_end = Some(j + 1);
        }
        j += 1;
    }
    last_end
}

/// Describes the verb group covering `range`.
pub fn verb_group(tokens: &[Tagged], range: Range<usize>) -> Option<VerbGroup> {
    let head = range
        .clone()
        .rev()
        .find(|&k| tokens[k].pos.starts_with("VB"))?;
    let words = || tokens[range.clone()].iter().map(|t| t.lower.as_str());
    let infinitive = tokens[range.start].pos == "TO";
    let negated = words().any(|w| NEGATORS.contains(&w));
    let future = words().any(|w| FUTURE.contains(&w))
        || words()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w == ["going", "to"]);
    // "forces were engaged in ethnic cleansing": a state, not a passive.
    let stative = matches!(tokens[head].lower.as_str(), "engaged" | "involved")
        && tokens.get(head + 1).is_some_and(|t| t.lower == "in");
    let passive = tokens[head].pos == "VBN"
        && !stative
        && tokens[range.start..head].iter().any(|t| {
            t.lemma == "be" || t.lemma == "get" || matches!(t.lower.as_str(), "being" | "been")
        });
    Some(VerbGroup {
        tokens: range,
        head,
        infinitive,
        negated,
        future,
        passive,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::tokenize;
    use crate::text::tag::Tagger;

    fn chunks(text: &str) -> Vec<(ChunkKind, String)> {
        let toks = tokenize(text);
        let tagged = Tagger::new().tag(text, &toks);
        chunk(&tagged, &[])
            .into_iter()
            .map(|c| {
                let words: Vec<&str> = tagged[c.tokens].iter().map(|t| t.word.as_str()).collect();
                (c.kind, words.join(" "))
            })
            .collect()
    }

    fn of_kind(text: &str, kind: ChunkKind) -> Vec<String> {
        chunks(text)
            .into_iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| s)
            .collect()
    }

    #[test]
    fn a_base_form_after_a_full_verb_is_its_object() {
        assert_eq!(
            of_kind("He will seek support from Abbas.", ChunkKind::Verb),
            ["will seek"]
        );
        // Causative verbs take a bare infinitive; a compound verb takes an object.
        assert_eq!(
            of_kind("Egypt will help rebuild Gaza.", ChunkKind::Verb),
            ["will help rebuild"]
        );
        assert_eq!(
            of_kind(
                "Soldiers will not wire tap the phone lines.",
                ChunkKind::Verb
            ),
            ["will not wire tap"]
        );
    }

    #[test]
    fn an_adverb_grading_an_adjective_stays_in_the_noun_phrase() {
        assert_eq!(
            of_kind("It backs the most powerful army.", ChunkKind::Noun),
            ["It", "the most powerful army"]
        );
    }

    #[test]
    fn noun_phrases_with_possessives_and_adjectives() {
        let nps = of_kind(
            "Armenia’s foreign minister condemned a fierce, weeks-long battle.",
            ChunkKind::Noun,
        );
        assert_eq!(
            nps,
            [
                "Armenia 's foreign minister",
                "a fierce , weeks-long battle"
            ]
        );
    }

    #[test]
    fn verb_groups_with_modals_negation_and_particles() {
        let text = "The minister will not meet the envoy after fighting broke out near the border.";
        let vgs = of_kind(text, ChunkKind::Verb);
        assert_eq!(vgs, ["will not meet", "broke out"]);
        let toks = tokenize(text);
        let tagged = Tagger::new().tag(text, &toks);
        let c = chunk(&tagged, &[]);
        let vg = c.iter().find(|c| c.kind == ChunkKind::Verb).unwrap();
        let g = verb_group(&tagged, vg.tokens.clone()).unwrap();
        assert!(g.negated && g.future && !g.passive && !g.infinitive);
        assert_eq!(tagged[g.head].lemma, "meet");
    }

    #[test]
    fn passive_and_infinitive() {
        let text = "The convoy was attacked by rebels who want to seize the town.";
        let toks = tokenize(text);
        let tagged = Tagger::new().tag(text, &toks);
        let c = chunk(&tagged, &[]);
        let groups: Vec<VerbGroup> = c
            .iter()
            .filter(|c| c.kind == ChunkKind::Verb)
            .filter_map(|c| verb_group(&tagged, c.tokens.clone()))
            .collect();
        assert!(groups[0].passive);
        assert_eq!(tagged[groups[0].head].lemma, "attack");
        assert!(groups
            .iter()
            .any(|g| g.infinitive && tagged[g.head].lemma == "seize"));
    }

    #[test]
    fn engaged_in_is_a_state_not_a_passive() {
        // were engaged / looting / was shelled
        let text = "Militias were engaged in looting while the town was shelled.";
        let toks = tokenize(text);
        let tagged = Tagger::new().tag(text, &toks);
        let passives: Vec<bool> = chunk(&tagged, &[])
            .iter()
            .filter(|c| c.kind == ChunkKind::Verb)
            .filter_map(|c| verb_group(&tagged, c.tokens.clone()))
            .map(|g| g.passive)
            .collect();
        assert_eq!(passives, [false, false, true]);
    }

    #[test]
    fn prepositional_phrases_carry_their_object() {
        let pps = of_kind(
            "Talks were held in the capital of Azerbaijan on Friday.",
            ChunkKind::Prep,
        );
        assert_eq!(pps, ["in the capital", "of Azerbaijan", "on Friday"]);
    }

    #[test]
    fn participles_inside_noun_phrases() {
        let nps = of_kind(
            "Both sides discussed the disputed area and a negotiated solution.",
            ChunkKind::Noun,
        );
        assert!(nps.contains(&"the disputed area".to_string()), "{nps:?}");
        assert!(
            nps.contains(&"a negotiated solution".to_string()),
            "{nps:?}"
        );
    }

    #[test]
    fn glue_keeps_multiword_names_together() {
        let text = "The minister of foreign affairs spoke.";
        let toks = tokenize(text);
        let tagged = Tagger::new().tag(text, &toks);
        let glue = [false, true, true, true, false, false, false];
        let c = chunk(&tagged, &glue);
        assert_eq!(c[0].kind, ChunkKind::Noun);
        assert_eq!(c[0].tokens, 0..5);
    }
}

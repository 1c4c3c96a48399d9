//! Part-of-speech tags (Penn Treebank) and lemmas for our tokens.
//!
//! Tagging is done by the `english-pos-tagger` crate (a lexicon plus context
//! rules, MIT with WordNet data) on our own tokens, so byte offsets are kept.
//! Typographic quotes are folded to ASCII before tagging because the tagger's
//! lexicon knows only the ASCII forms.

pub use super::segment::fold_quotes;
use super::segment::{Token, TokenKind};

/// A token with its tag, lemma and lowercase form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// The token (offsets into the cleaned text).
    pub token: Token,
    /// Surface form with typographic apostrophes and quotes folded to ASCII.
    pub word: String,
    /// Lowercase of `word`.
    pub lower: String,
    /// Penn Treebank part-of-speech tag.
    pub pos: String,
    /// Base form (verbs, nouns, adjectives); the lowercase form otherwise.
    pub lemma: String,
}

impl Tagged {
    /// True for any verb tag (VB, VBD, VBG, VBN, VBP, VBZ).
    pub fn is_verb(&self) -> bool {
        self.pos.starts_with("VB")
    }
    /// True for common and proper nouns.
    pub fn is_noun(&self) -> bool {
        self.pos.starts_with("NN")
    }
    /// True when the surface form starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_uppercase)
    }
    /// True for a plural proper noun, or a word longer than three letters
    /// ending in "s" (the tagger often tags peoples' names "Kenyans" NNP).
    pub fn looks_plural(&self) -> bool {
        self.pos == "NNPS" || self.word.len() > 3 && self.word.ends_with('s')
    }
}

/// A name typed with a slipped shift key ("iSrael", "eGypt") in title
/// case; other words as they are. Only words of four or more letters whose
/// one capital is the second letter; brand names of that shape ("iPhone",
/// "eBay") become title case too, which keeps them names.
fn fix_case(word: String) -> String {
    let mut chars = word.chars();
    let odd = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && word.len() >= 4
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && chars.filter(char::is_ascii_uppercase).count() == 1
        && word.chars().nth(1).is_some_and(|c| c.is_ascii_uppercase());
    if !odd {
        return word;
    }
    let lower = word.to_ascii_lowercase();
    let mut cs = lower.chars();
    cs.next()
        .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
        .unwrap_or(lower)
}

/// The tagger with its lexicon, built once and shared.
pub struct Tagger {
    inner: english_pos_tagger::Tagger,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tagger")
    }
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

impl Tagger {
    /// Builds the tagger (parses the embedded lexicon once).
    pub fn new() -> Self {
        let mut inner = english_pos_tagger::Tagger::new();
        // News vocabulary the general lexicon gets wrong.
        inner.update_lexicon([
            ("ceasefire", vec!["NN"]),
            ("cease-fire", vec!["NN"]),
            ("talks", vec!["NNS", "VBZ"]),
            ("clashes", vec!["NNS", "VBZ"]),
            ("co-chairs", vec!["NNS"]),
            ("lawmakers", vec!["NNS"]),
            // Past forms news uses as verbs that the lexicon lists as nouns
            // first ("troops shot dead two men", "Putin flew to Beijing").
            ("shot", vec!["VBD", "VBN", "NN"]),
            ("flew", vec!["VBD"]),
            ("fled", vec!["VBD", "VBN"]),
            ("beat", vec!["VBD", "VB", "VBN", "NN"]),
            // British spellings of past forms.
            ("travelled", vec!["VBD", "VBN"]),
            ("cancelled", vec!["VBD", "VBN"]),
            ("signalled", vec!["VBD", "VBN"]),
            ("labelled", vec!["VBD", "VBN"]),
            ("fuelled", vec!["VBD", "VBN"]),
            ("levelled", vec!["VBD", "VBN"]),
            ("tear", vec!["NN", "VB", "VBP"]),
            ("trial", vec!["NN"]),
            ("sworn", vec!["VBN", "JJ"]),
            ("undertook", vec!["VBD"]),
            ("overtook", vec!["VBD"]),
            ("outright", vec!["RB", "JJ"]),
            ("retaken", vec!["VBN"]),
            ("retook", vec!["VBD"]),
            ("swore", vec!["VBD"]),
            ("froze", vec!["VBD"]),
            ("test-fired", vec!["VBD", "VBN"]),
            // The lexicon knows these only as adjectives or not at all
            // ("a U.S.-brokered deal"): "Qatar brokered a truce".
            ("brokered", vec!["VBD", "VBN", "JJ"]),
            ("rearrested", vec!["VBD", "VBN"]),
            ("deregistered", vec!["VBD", "VBN"]),
        ]);
        Tagger { inner }
    }

    /// Builds the tagger and tags one sentence, so that the lexical tables
    /// the tagger builds on first use are ready.
    pub fn warmed() -> Self {
        let t = Self::new();
        let text = "The troops were fighting near the cities, officials said.";
        let _ = t.tag(text, &super::segment::tokenize(text));
        t
    }

    /// Tags the tokens of one sentence.
    pub fn tag(&self, text: &str, tokens: &[Token]) -> Vec<Tagged> {
        let input: Vec<english_pos_tagger::Token> = tokens
            .iter()
            .map(|t| {
                let kind = match t.kind {
                    TokenKind::Number => "number",
                    TokenKind::Punct => "punctuation",
                    TokenKind::Word | TokenKind::Abbreviation => "word",
                };
                english_pos_tagger::Token::new(fix_case(fold_quotes(t.text(text))), kind)
            })
            .collect();
        let tagged = self.inner.tag(input);
        // In running text (not a title-case headline), a capitalised word
        // inside the sentence is a name or an adjective of one, never a
        // base-form verb ("will ask Asian banks").
        let capitalised = |w: &str| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
        };
        let words = tagged
            .iter()
            .filter(|t| t.value.chars().any(char::is_alphabetic));
        let (caps, all) = words.fold((0, 0), |(c, n), t| {
            (c + usize::from(capitalised(&t.value)), n + 1)
        });
        let running_text = caps * 2 < all;
        let opens = |i: usize| {
            i == 0
                || matches!(
                    tokens[i - 1].text(text),
                    "\"" | "“" | "‘" | "'" | "(" | "[" | ":" | "--" | "-" | "—" | ";"
                )
        };
        let mut out: Vec<Tagged> = tokens
            .iter()
            .zip(tagged)
            .enumerate()
            .map(|(i, (tok, tt))| {
                let word = tt.value;
                let lower = word.to_lowercase();
                let mut pos = tt.pos.unwrap_or_else(|| "NN".to_string());
                if tok.kind == TokenKind::Punct {
                    pos = punct_tag(&word);
                } else if running_text
                    && matches!(pos.as_str(), "VB" | "VBP")
                    && !opens(i)
                    && capitalised(&word)
                {
                    pos = "NNP".to_string();
                } else if DAY_ADVERBS.contains(&lower.as_str())
                    && tokens
                        .get(i + 1)
                        .is_none_or(|t| !matches!(t.text(text), "'s" | "’s"))
                {
                    // "Syrian officers today ended …": a deictic day
                    // word is an adverb, not the end of the subject noun
                    // ("today's talks" stays a noun).
                    pos = "RB".to_string();
                } else if super::WEEKDAYS.contains(&lower.as_str()) {
                    // The tagger's context rules make "on Wednesday it
                    // would" a verb; a weekday is always a name.
                    pos = "NNP".to_string();
                }
                let lemma = match tt.lemma {
                    Some(l) if !pos.starts_with("NNP") => l.to_lowercase(),
                    _ => lower.clone(),
                };
                Tagged {
                    token: *tok,
                    word,
                    lower,
                    pos,
                    lemma,
                }
            })
            .collect();
        for i in 0..out.len() {
            // A subject pronoun is followed by its verb, never a noun:
            // "he urges Iran", "they fear reprisals".
            let subject = i.checked_sub(1).map(|p| out[p].lower.as_str());
            let lowercase = !out[i].is_capitalized();
            match (subject, out[i].pos.as_str()) {
                (Some("he" | "she"), "NNS") if lowercase => out[i].pos = "VBZ".to_string(),
                (Some("they" | "we" | "i"), "NN") if lowercase => out[i].pos = "VBP".to_string(),
                _ => {}
            }
            // "authorities today release a ship": a noun between a
            // subject noun and "today" is the verb.
            let after_day = i >= 2
                && out[i - 1].pos == "RB"
                && DAY_ADVERBS.contains(&out[i - 1].lower.as_str())
                && out[i - 2].pos.starts_with("NN");
            if after_day && lowercase {
                match out[i].pos.as_str() {
                    "NN" => out[i].pos = "VBP".to_string(),
                    "NNS" => out[i].pos = "VBZ".to_string(),
                    _ => {}
                }
            }
            // "Syrian armed forces", "unidentified gunmen": a participle
            // that news uses as an adjective, before a noun and not after
            // a form of "be" or "have", is one.
            let participle = ADJECTIVE_PARTICIPLES.contains(&out[i].lower.as_str())
                && matches!(out[i].pos.as_str(), "VBN" | "VBD")
                && !(i > 0 && matches!(out[i - 1].lemma.as_str(), "be" | "have"))
                && precedes_noun(&out, i);
            // "talks with the visiting Chinese premier", "a lawsuit against
            // visiting Saudi Crown Prince …": a visitor's title, not a verb.
            let visiting = out[i].lower == "visiting"
                && i > 0
                && matches!(out[i - 1].pos.as_str(), "DT" | "IN" | "PRP$")
                && out
                    .get(i + 1)
                    .is_some_and(|n| n.pos.starts_with("NNP") || n.pos == "JJ");
            // "Libya's internationally recognized government", "a heavily
            // armed group": an adverb-led participle inside a noun phrase.
            let modified = i >= 2
                && matches!(out[i].pos.as_str(), "VBN" | "VBD")
                && out[i - 1].pos == "RB"
                && out[i - 1].lower.ends_with("ly")
                && matches!(out[i - 2].pos.as_str(), "DT" | "POS" | "PRP$")
                && precedes_noun(&out, i);
            if participle || visiting || modified {
                out[i].pos = "JJ".to_string();
                out[i].lemma = out[i].lower.clone();
            }
            // "rioted following a demonstration", "ten people, including
            // two children": these "-ing" words are prepositions unless a
            // form of "be" makes them the verb ("is following the talks").
            let after_be = i > 0 && out[i - 1].lemma == "be";
            if out[i].pos == "VBG" && PREPOSITION_ING.contains(&out[i].lower.as_str()) && !after_be
            {
                out[i].pos = "IN".to_string();
                out[i].lemma = out[i].lower.clone();
            }
        }
        // "Unidentified armed men attacked a police station": a past
        // participle that follows the sentence's opening noun phrase and
        // takes an object is its main verb (a reduced relative takes a
        // preposition: "men armed with machetes").
        let not_nominal =
            |from: usize| (from..out.len()).find(|&k| !NOMINAL.contains(&out[k].pos.as_str()));
        let mut opening = not_nominal(0);
        // "Militiamen armed with machetes killed ten people": past the
        // reduced relative to the verb after it.
        if let Some(r) = opening
            .filter(|&r| out[r].pos == "VBN" && out.get(r + 1).is_some_and(|n| n.pos == "IN"))
        {
            opening = not_nominal(r + 2);
        }
        let opening = opening.filter(|&i| i > 0 && out[i - 1].pos.starts_with("NN"));
        if let Some(i) = opening {
            let object = out
                .get(i + 1)
                .is_some_and(|n| matches!(n.pos.as_str(), "DT" | "CD" | "PRP$" | "NNP" | "NNS"));
            if out[i].pos == "VBN"
                && object
                && !ADJECTIVE_PARTICIPLES.contains(&out[i].lower.as_str())
            {
                out[i].pos = "VBD".to_string();
            }
        }
        out
    }
}

/// True when a common noun follows token `i`, past a second adjective
/// participle ("unidentified armed men"); in all-capitals text, where the
/// tagger calls every word a name, any word so tagged.
fn precedes_noun(out: &[Tagged], i: usize) -> bool {
    let noun_at = |k: usize| {
        out.get(k).is_some_and(|n| {
            let caps = n.word.chars().all(|c| !c.is_lowercase());
            (matches!(n.pos.as_str(), "NN" | "NNS") && !n.is_capitalized()
                || caps && n.pos.starts_with("NNP"))
                && !ADJECTIVE_PARTICIPLES.contains(&n.lower.as_str())
        })
    };
    let participle_at = |k: usize| {
        out.get(k)
            .is_some_and(|n| ADJECTIVE_PARTICIPLES.contains(&n.lower.as_str()))
    };
    noun_at(i + 1) || participle_at(i + 1) && noun_at(i + 2)
}

/// Tags of the words of a noun phrase.
const NOMINAL: &[&str] = &[
    "DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "PRP$",
];

/// Day words that are adverbs of time ("officials today said").
const DAY_ADVERBS: &[&str] = &["today", "yesterday", "tonight", "tomorrow"];

/// Past participles that news uses as adjectives before a noun ("armed
/// groups", "unidentified gunmen", "displaced families").
const ADJECTIVE_PARTICIPLES: &[&str] = &[
    "armed",
    "unarmed",
    "unidentified",
    "masked",
    "wounded",
    "injured",
    "displaced",
    "exiled",
    "banned",
    "outlawed",
    "suspected",
    "alleged",
];

/// "-ing" forms that news uses as prepositions.
const PREPOSITION_ING: &[&str] = &[
    "following",
    "including",
    "regarding",
    "concerning",
    "excluding",
];

fn punct_tag(p: &str) -> String {
    match p {
        "," => ",",
        "." | "!" | "?" => ".",
        ":" | ";" | "-" | "--" | "..." => ":",
        "\"" | "'" => "''",
        "(" | "[" | "{" => "(",
        ")" | "]" | "}" => ")",
        "$" => "$",
        "#" => "#",
        _ => "SYM",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::tokenize;

    fn tags(text: &str) -> Vec<(String, String, String)> {
        let toks = tokenize(text);
        Tagger::new()
            .tag(text, &toks)
            .into_iter()
            .map(|t| (t.word, t.pos, t.lemma))
            .collect()
    }

    #[test]
    fn verbs_get_tags_and_lemmas() {
        let t = tags("The administration has invited the minister and is pushing Russia.");
        let invited = &t[3];
        assert_eq!((invited.1.as_str(), invited.2.as_str()), ("VBN", "invite"));
        let pushing = &t[8];
        assert_eq!((pushing.1.as_str(), pushing.2.as_str()), ("VBG", "push"));
    }

    #[test]
    fn a_name_typed_with_a_slipped_shift_key_is_a_name() {
        let t = tags("They want to help iSrael and meet McDonald in Oslo.");
        assert_eq!((t[4].0.as_str(), t[4].1.as_str()), ("Israel", "NNP"));
        assert_eq!(t[7].0, "McDonald");
        assert_eq!(fix_case("rEd".to_string()), "rEd");
        assert_eq!(fix_case("help".to_string()), "help");
    }

    #[test]
    fn possessive_and_quotes() {
        let t = tags("Armenia’s envoy said “no.”");
        assert_eq!(t[1].0, "'s");
        assert_eq!(t[1].1, "POS");
        assert_eq!(t[4].1, "''");
    }

    #[test]
    fn a_day_word_is_an_adverb_and_the_next_noun_the_verb() {
        let t = tags("Port officials today release the tanker.");
        assert_eq!((t[2].1.as_str(), t[3].1.as_str()), ("RB", "VBP"));
        let t = tags("Today's vote was close.");
        assert!(t[0].1.starts_with("NN"), "{:?}", t[0]);
    }

    #[test]
    fn participles_before_a_noun_are_adjectives() {
        let t = tags("Syrian armed forces shelled the town.");
        assert_eq!(t[1].1, "JJ", "{t:?}");
        let t = tags("Unidentified gunmen attacked the base.");
        assert_eq!(t[0].1, "JJ", "{t:?}");
        // The opening noun phrase's participle with an object is the verb.
        let t = tags("Unidentified armed men attacked a police station.");
        assert_eq!(t[3].1, "VBD", "{t:?}");
        let t = tags("Militiamen armed with machetes killed ten people.");
        assert_eq!((t[1].1.as_str(), t[4].1.as_str()), ("VBN", "VBD"), "{t:?}");
        // After "have" it is the verb.
        let t = tags("Iran has armed rebels in Yemen.");
        assert_ne!(t[2].1, "JJ", "{t:?}");
    }

    #[test]
    fn modal_and_passive() {
        let t = tags("The talks will be held by the envoys.");
        assert_eq!(t[2].1, "MD");
        assert_eq!((t[4].1.as_str(), t[4].2.as_str()), ("VBN", "hold"));
    }
}

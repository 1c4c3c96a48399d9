//! Event patterns: the phrasings that express each CAMEO event.
//!
//! A pattern is written in `data/verbs.txt` as `CODE<TAB>PATTERN`, where the
//! pattern is a sequence of space-separated elements:
//!
//! | element   | matches |
//! |-----------|---------|
//! | `meet`    | a word whose lemma or lowercase form is `meet` |
//! | `(a\|b)`  | either word |
//! | `+`       | the target: an actor phrase starting here |
//! | `*`       | a gap of 0–6 words inside the clause |
//!
//! The first element is the anchor: the lemma of the head verb of a verb
//! group ("invited", "will meet", "are locked" → `invite`, `meet`, `lock`).
//! The source is the subject of that verb; in the passive voice the subject
//! becomes the target and a `by` phrase the source. Patterns are written in
//! the active voice.

use std::collections::HashMap;

/// One element of a pattern after the anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElement {
    /// One of these words (lemma or lowercase form).
    Word(Vec<String>),
    /// The target actor phrase.
    Target,
    /// A gap of up to [`MAX_GAP`] words.
    Gap,
}

/// Longest gap a `*` may span.
pub const MAX_GAP: usize = 6;

/// A parsed event pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// CAMEO event code.
    pub code: String,
    /// The pattern as written in the source file.
    pub text: String,
    /// Lemmas the head verb may have.
    pub anchor: Vec<String>,
    /// Elements after the anchor.
    pub rest: Vec<PatternElement>,
}

impl Pattern {
    /// Parses the pattern notation.
    pub fn parse(code: &str, text: &str) -> Result<Self, String> {
        let mut elems = text.split_whitespace();
        let first = elems.next().ok_or("empty pattern")?;
        let anchor = match parse_element(first)? {
            PatternElement::Word(w) => w,
            _ => return Err("a pattern must start with a verb".into()),
        };
        let rest = elems.map(parse_element).collect::<Result<Vec<_>, _>>()?;
        if rest
            .iter()
            .filter(|e| **e == PatternElement::Target)
            .count()
            > 1
        {
            return Err("a pattern may have at most one target slot `+`".into());
        }
        if rest.last() == Some(&PatternElement::Gap) {
            return Err("a pattern may not end with a gap `*`".into());
        }
        Ok(Pattern {
            code: code.to_string(),
            text: text.to_string(),
            anchor,
            rest,
        })
    }

    /// How specific the pattern is: the number of literal words after the
    /// anchor, plus one for a target slot. More specific patterns win.
    pub fn specificity(&self) -> usize {
        self.rest
            .iter()
            .map(|e| match e {
                PatternElement::Word(_) => 2,
                PatternElement::Target => 1,
                PatternElement::Gap => 0,
            })
            .sum()
    }

    /// True when the pattern has a target slot.
    pub fn has_target(&self) -> bool {
        self.rest.contains(&PatternElement::Target)
    }
}

fn parse_element(e: &str) -> Result<PatternElement, String> {
    match e {
        "+" => Ok(PatternElement::Target),
        "*" => Ok(PatternElement::Gap),
        _ => {
            let inner = e
                .strip_prefix('(')
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or(e);
            let words: Vec<String> = inner
                .split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty()
                || words
                    .iter()
                    .any(|w| w.chars().any(|c| c.is_whitespace() || "()+*".contains(c)))
            {
                return Err(format!("bad pattern element {e:?}"));
            }
            Ok(PatternElement::Word(words))
        }
    }
}

/// All patterns, indexed by anchor lemma.
#[derive(Debug, Default)]
pub(crate) struct PatternSet {
    patterns: Vec<Pattern>,
    by_anchor: HashMap<String, Vec<usize>>,
}

impl PatternSet {
    pub fn add(&mut self, code: &str, text: &str) -> Result<(), String> {
        let p = Pattern::parse(code, text)?;
        let idx = self.patterns.len();
        for a in &p.anchor {
            self.by_anchor.entry(a.clone()).or_default().push(idx);
        }
        self.patterns.push(p);
        Ok(())
    }

    pub fn all(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Patterns anchored on `lemma`, most specific first.
    pub fn for_anchor(&self, lemma: &str) -> impl Iterator<Item = &Pattern> {
        self.by_anchor
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.patterns[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_notation() {
        let p = Pattern::parse("112", "accuse + of").unwrap();
        assert_eq!(p.anchor, ["accuse"]);
        assert_eq!(
            p.rest,
            [
                PatternElement::Target,
                PatternElement::Word(vec!["of".into()])
            ]
        );
        let p = Pattern::parse("190", "lock in * (battle|war)").unwrap();
        assert_eq!(
            p.rest[2],
            PatternElement::Word(vec!["battle".into(), "war".into()])
        );
        assert!(p.specificity() > Pattern::parse("190", "fight +").unwrap().specificity());
    }

    #[test]
    fn rejects_bad_patterns() {
        assert!(Pattern::parse("010", "").is_err());
        assert!(Pattern::parse("010", "+ meet").is_err());
        assert!(Pattern::parse("010", "meet + with +").is_err());
        assert!(Pattern::parse("010", "meet *").is_err());
        assert!(Pattern::parse("010", "meet ()").is_err());
    }
}

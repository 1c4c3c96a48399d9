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
//! the active voice. A code written `---:072` reverses the event: the target
//! acts on the subject ("received weapons from +").
//!
//! Patterns converted from legacy TABARI/PETRARCH-1 verb dictionaries
//! (see [`crate::kb::legacy`]) use further elements: words *before* the
//! verb ([`Pattern::before`]), an explicit source slot, synsets, legacy gaps
//! (a space between legacy words) and the implicit legacy target (the first
//! actor after the verb). They match the surface forms of their verb
//! ([`Pattern::forms`]) and their words by lowercase surface form, as the
//! legacy coders did. A legacy code may be paired (`"032:033"`: the second
//! code is coded in the opposite direction) or null (`"---"`: the pattern
//! matches but yields no event).

use std::collections::HashMap;
use std::sync::Arc;

/// One element of a pattern after the anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElement {
    /// One of these words (lemma or lowercase form).
    Word(Vec<String>),
    /// The target actor phrase.
    Target,
    /// A gap of up to [`MAX_GAP`] words.
    Gap,
    /// Legacy word: one of these lowercase surface forms (no lemma).
    Literal(Vec<String>),
    /// Legacy `&SYNSET`: one of several word sequences, each matched word
    /// for word, adjacent, by lowercase surface form.
    Synset(Arc<Synset>),
    /// Legacy gap (a space between legacy words): up to [`LEGACY_GAP`]
    /// words inside the clause; unlike [`PatternElement::Gap`] it may cross
    /// other verb groups.
    Skip,
    /// Legacy `$`: the source actor phrase.
    Source,
    /// Legacy `%`: a compound (coordinated) actor phrase; after the verb it
    /// is the target, before the verb the source, which acts reciprocally.
    Compound,
    /// Legacy `^`: one noun phrase (or prepositional phrase) skipped.
    SkipPhrase,
    /// The implicit target of a legacy pattern without `+`: the first actor
    /// phrase after this point in the clause, if any. Consumes no words.
    NextActor,
}

/// A named legacy word class (`&CURRENCY`): alternatives of one or more words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// The name without `&`.
    pub name: String,
    /// Lowercase word sequences, longest first.
    pub members: Vec<Vec<String>>,
}

/// Longest gap a `*` may span.
pub const MAX_GAP: usize = 6;

/// Longest gap a legacy space between two pattern words may span.
pub const LEGACY_GAP: usize = 8;

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
    /// Elements before the head verb, in text order (legacy patterns only).
    pub before: Vec<PatternElement>,
    /// Lowercase surface forms the head verb must have (legacy patterns,
    /// sorted); `None` for dyad patterns, which match any form of the anchor.
    pub forms: Option<Arc<[String]>>,
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
            before: Vec::new(),
            forms: None,
        })
    }

    /// How specific the pattern is: the number of literal words after the
    /// anchor, plus one for a target slot. More specific patterns win.
    /// Legacy elements count alike: a word or synset 2, an actor slot 1.
    pub fn specificity(&self) -> usize {
        self.rest
            .iter()
            .chain(&self.before)
            .map(|e| match e {
                PatternElement::Word(_)
                | PatternElement::Literal(_)
                | PatternElement::Synset(_) => 2,
                PatternElement::Target | PatternElement::Source | PatternElement::Compound => 1,
                PatternElement::Gap
                | PatternElement::Skip
                | PatternElement::SkipPhrase
                | PatternElement::NextActor => 0,
            })
            .sum()
    }

    /// True when the pattern has a target slot (explicit or, for legacy
    /// patterns, the implicit first actor after the verb).
    pub fn has_target(&self) -> bool {
        self.rest.iter().any(|e| {
            matches!(
                e,
                PatternElement::Target | PatternElement::Compound | PatternElement::NextActor
            )
        }) || self.before.contains(&PatternElement::Target)
    }

    /// True for a pattern converted from a legacy verb dictionary.
    pub fn is_legacy(&self) -> bool {
        self.forms.is_some()
    }

    /// True when the pattern itself says who the source or target is
    /// (legacy `$`, or `+`/`%` before the verb): voice then does not matter.
    pub fn explicit_roles(&self) -> bool {
        self.rest.contains(&PatternElement::Source)
            || self.before.iter().any(|e| {
                matches!(
                    e,
                    PatternElement::Source | PatternElement::Target | PatternElement::Compound
                )
            })
    }

    /// True when the head verb's lowercase form `word` may anchor this
    /// pattern (always for dyad patterns).
    pub fn accepts_form(&self, word: &str) -> bool {
        self.forms
            .as_ref()
            .is_none_or(|f| f.binary_search_by(|x| x.as_str().cmp(word)).is_ok())
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
///
/// The index points at *groups* of patterns that share their anchors (all
/// the patterns of one legacy verb block), so a block with hundreds of verb
/// forms is indexed once, not once per pattern.
#[derive(Debug, Default)]
pub(crate) struct PatternSet {
    patterns: Vec<Pattern>,
    /// Pattern indices of each group, in the order added.
    groups: Vec<Vec<usize>>,
    by_anchor: HashMap<String, Vec<usize>>,
}

impl PatternSet {
    pub fn add(&mut self, code: &str, text: &str) -> Result<(), String> {
        let p = Pattern::parse(code, text)?;
        let keys = p.anchor.clone();
        self.push_group(vec![p], &keys);
        Ok(())
    }

    /// Adds patterns found under each of `keys` (the lemmas and forms a
    /// head verb may show), in order.
    pub fn push_group(&mut self, patterns: Vec<Pattern>, keys: &[String]) {
        if patterns.is_empty() {
            return;
        }
        let group = self.groups.len();
        let first = self.patterns.len();
        self.groups.push((first..first + patterns.len()).collect());
        self.patterns.extend(patterns);
        for k in keys {
            match self.by_anchor.get_mut(k.as_str()) {
                Some(list) => {
                    if list.last() != Some(&group) {
                        list.push(group);
                    }
                }
                None => {
                    self.by_anchor.insert(k.clone(), vec![group]);
                }
            }
        }
    }

    /// Drops dyad's own patterns from the index of `keys`: a legacy verb
    /// dictionary takes precedence for the verbs it covers.
    pub fn supersede(&mut self, keys: &[String]) {
        for k in keys {
            if let Some(list) = self.by_anchor.get_mut(k.as_str()) {
                let (groups, patterns) = (&self.groups, &self.patterns);
                list.retain(|&g| groups[g].first().is_some_and(|&i| patterns[i].is_legacy()));
            }
        }
    }

    pub fn all(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Patterns anchored on `lemma`, in the order added.
    pub fn for_anchor(&self, lemma: &str) -> impl Iterator<Item = &Pattern> {
        self.by_anchor
            .get(lemma)
            .into_iter()
            .flatten()
            .flat_map(|&g| self.groups[g].iter())
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

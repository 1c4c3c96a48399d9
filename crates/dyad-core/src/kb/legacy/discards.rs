//! Legacy discard lists: a sentence containing one of the phrases is not
//! coded; a phrase with a `+` prefix discards the whole story.
//!
//! As in PETRARCH, matching ignores case, the phrase must start at a word
//! boundary, and its last word is a stem (`BASEBALL` also matches
//! "baseballs") unless it ends with `_`.

use super::{words, LegacyReport, Lines};
use crate::kb::KnowledgeBase;
use crate::text::tag::Tagged;
use std::collections::HashMap;

/// What a discard phrase drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardScope {
    /// The sentence that contains the phrase.
    Sentence,
    /// The whole document (`+` phrases).
    Story,
}

#[derive(Debug, Clone)]
struct Entry {
    words: Vec<String>,
    stem: bool,
    scope: DiscardScope,
    text: String,
}

/// The discard phrases of the loaded legacy dictionaries.
#[derive(Debug, Default)]
pub struct Discards {
    entries: Vec<Entry>,
    /// Multi-word phrases and exact single words, by first word.
    by_first: HashMap<String, Vec<usize>>,
    /// Single-word stems.
    stems: HashMap<String, Vec<usize>>,
}

impl Discards {
    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a phrase as written in a discard file (`+` for a story discard,
    /// final `_` for an exact last word).
    pub fn add(&mut self, phrase: &str) -> Result<DiscardScope, String> {
        let (scope, body) = match phrase.trim().strip_prefix('+') {
            Some(b) => (DiscardScope::Story, b.trim()),
            None => (DiscardScope::Sentence, phrase.trim()),
        };
        let stem = !body.ends_with('_');
        let ws = words(body);
        let Some(first) = ws.first().cloned() else {
            return Err("empty discard phrase".into());
        };
        let idx = self.entries.len();
        if ws.len() == 1 && stem {
            self.stems.entry(first).or_default().push(idx);
        } else {
            self.by_first.entry(first).or_default().push(idx);
        }
        self.entries.push(Entry {
            words: ws,
            stem,
            scope,
            text: body.trim_end_matches('_').to_string(),
        });
        Ok(scope)
    }

    fn matches_at(e: &Entry, tokens: &[Tagged], at: usize) -> bool {
        let n = e.words.len();
        if at + n > tokens.len() {
            return false;
        }
        e.words.iter().enumerate().all(|(k, w)| {
            let t = &tokens[at + k].lower;
            if k + 1 == n && e.stem {
                t.starts_with(w.as_str())
            } else {
                t == w
            }
        })
    }

    /// The first discard phrase in a sentence's tokens, a story discard
    /// before a sentence discard, with the phrase as written.
    pub fn find(&self, tokens: &[Tagged]) -> Option<(DiscardScope, &str)> {
        if self.entries.is_empty() {
            return None;
        }
        let mut best: Option<&Entry> = None;
        for (i, t) in tokens.iter().enumerate() {
            let exact = self.by_first.get(&t.lower).into_iter().flatten();
            let stems = t
                .lower
                .char_indices()
                .map(|(p, c)| p + c.len_utf8())
                .filter_map(|end| self.stems.get(&t.lower[..end]))
                .flatten();
            for &idx in exact.chain(stems) {
                let e = &self.entries[idx];
                if Self::matches_at(e, tokens, i) {
                    if e.scope == DiscardScope::Story {
                        return Some((e.scope, &e.text));
                    }
                    best = best.or(Some(e));
                }
            }
        }
        best.map(|e| (e.scope, e.text.as_str()))
    }
}

pub(super) fn load(kb: &mut KnowledgeBase, lines: Lines<'_>, report: &mut LegacyReport) {
    let mut warnings = Vec::new();
    let mut it = lines;
    while let Some(line) = it.next() {
        match kb.discards.add(&line.text) {
            Ok(DiscardScope::Sentence) => report.sentence_discards += 1,
            Ok(DiscardScope::Story) => report.story_discards += 1,
            Err(e) => warnings.push(it.warn(line.no, e)),
        }
    }
    report.warnings.extend(warnings);
}

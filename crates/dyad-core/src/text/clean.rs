//! Cleaning: turn a decoded article into clean text for coding, keeping a
//! map from every clean byte offset back to the original text.
//!
//! [`clean`] runs these stages in order; each one reads the previous
//! stage's text and writes through an offset map, so the result can always
//! answer "where in the original did this come from" ([`CleanText::original_span`])
//! and "what was thrown away as junk" ([`CleanText::removed`]).
//!
//! # 1. Characters
//!
//! * Dropped: zero-width and invisible formatting characters (U+200B–U+200F,
//!   U+2060, U+FEFF, soft hyphen U+00AD, U+180E, bidirectional embeddings
//!   and isolates U+202A–U+202E, U+2066–U+2069); C0/C1 control characters
//!   other than `\n` and `\t` (reported as `"control-char"`).
//! * Line breaks: `\r\n`, `\r`, vertical tab, form feed, NEL (U+0085) and
//!   U+2028 become `\n`; U+2029 (paragraph separator) becomes `\n\n`.
//!   (VT/FF/NEL are treated as breaks rather than dropped, so the words on
//!   either side are not glued together.)
//! * NBSP, U+1680, U+2000–U+200A, U+202F, U+205F and U+3000 become `' '`.
//! * Then NFC. Only the runs of characters that NFC changes are touched; each
//!   such run maps as a whole to its original bytes (`e` + U+0301 → `é`).
//! * Curly quotes and apostrophes are kept as they are.
//!
//! # 2. Whitespace
//!
//! Runs of spaces and tabs become one space, every line is trimmed, three or
//! more newlines (blank lines included) become exactly two (a paragraph
//! break), and leading and trailing whitespace is removed. This is applied
//! again after stage 3, so removals never leave double spaces or blank
//! lines behind.
//!
//! # 3. Junk
//!
//! **Boilerplate lines.** A whole line is dropped when it is page furniture:
//! under 120 characters and exactly one of a list of furniture lines
//! (`Advertisement`, `Share this article`, `Related stories`, lone
//! `Twitter`/`Email`/`Print` buttons, …, case ignored, trailing punctuation
//! ignored), or starting with a furniture prefix at a word boundary
//! (`Read more`, `Related:`, `Click here`, `Sign up`, `Subscribe`,
//! `Follow us`, `Image caption`, `Photo:`, `Photo by`, `Reporting by`, …),
//! `Follow … on Twitter`, copyright lines (`© …`, `Copyright 2020 …`,
//! `… All rights reserved`), `5 min read` (rule `"boilerplate-line"`); a
//! line that is a single URL (`"url-line"`); a cookie or consent notice up
//! to 300 characters (`We use cookies…`, `"cookie-notice"`); a line with no
//! letter or digit at all (`"symbol-line"`). A normal sentence that merely
//! contains such a word ("The advertisement ran…") is kept: a line must *be*
//! the furniture, not mention it.
//!
//! **Glued widgets.** Scraped pages glue "related stories" widgets into a
//! sentence without spaces:
//!
//! ```text
//! … met Prime Minister Jane Doe Jane Margaret DoeDoe: 'Reckless' plan draws
//! fireDoe vows new tariffsSenate passes budget billMORE on Tuesday, …
//! ```
//!
//! Inside each space-delimited token (URLs, handles, hashtags and paths
//! excluded):
//!
//! * a **join** is an uppercase letter glued to a preceding lowercase letter
//!   and starting a capitalised or all-caps word (`fire|Doe`, `Doe|Doe`).
//!   It counts when the letters before it are
//!   - an all-lowercase word of 3+ letters (`fire|Doe`): a *strong* join;
//!   - a word with a capital ending in 3+ lowercase letters (`Pompeo|Pompeo`,
//!     `McCarthy|McCarthy`): a *weak* join (a short list of well-known
//!     brand names of this shape, `LinkedIn`, `PowerPoint`, `BlackRock`, …,
//!     is exempt);
//!   - a shorter capitalised name (`Doe|Doe`, `Li|Li`) only when a heading
//!     with its anchor (below) confirms it — so `McDonald`, `MacArthur`,
//!     `DelBene`, `FedEx` are not joins.
//!
//!   A *punctuation join* is one to three of `. ! ? : ; ) ' " ‘ ’ “ ”`
//!   between a word of 2+ letters ending in lowercase (not a title
//!   abbreviation like `Mr`) and a capital (`fire?Doe`, `stance'Doe`,
//!   `Doe'Reckless'`; it starts at the quote when the quote opens the next
//!   headline). It counts in clusters and headings but is never strong.
//!
//!   `iPhone`, `eBay`, `YouTube`, `PhD`, `O'Neill`, `NATO's`, `U.S.-led`,
//!   `al-Qaeda` never contain a join, and a lone weak or punctuation join
//!   never removes anything.
//! * a **MORE tail** is `MORE`, `More`, `READ MORE`, `Read More` or
//!   `Read more` glued to the previous character (not after a capital, so
//!   `ANYMORE` is no tail), or `READ MORE` as separate words right after a
//!   join; it must end at a word boundary. (A lone spaced `MORE` is left
//!   alone: it is common in all-caps prose.)
//! * joins at most 200 bytes apart (one headline) form a **cluster**; a tail
//!   closes its cluster.
//! * a **heading** is the widget's title, the person's full name: walking
//!   back from a join or tail over at most 8 tokens that are capitalised
//!   names or bracketed/quoted names (`Jane Margaret Doe`, `Michael (Mike)
//!   Richard Doe`), the name left of the join (`Doe`) must occur again as a
//!   whole token right before those tokens: the **anchor** (`… Jane Doe`),
//!   which belongs to the host sentence and is kept.
//! * a cluster is a **widget** when it has a tail and at least one join, or
//!   a glued tail right after a heading; or, without a tail, when it has a
//!   strong join and either a heading followed by another join, or no
//!   heading and 3 to 6 letter joins (two glued sentences, or a long chain
//!   of them, are glued prose: repaired, not removed). It is removed from
//!   its start — the heading when there is one (earlier joins of the
//!   cluster stay as host text), else the first join (with a tail: the
//!   first of the last 6 joins), so the word the first headline is glued
//!   to stays — to the end of the tail.
//!   Without a tail the end of the last headline cannot be told from the
//!   text, so the widget ends at the last join: the text from that join's
//!   capitalised word on is kept as a new sentence (`". "` is inserted after
//!   a word). That may leave the last headline in, but never cuts into the
//!   text after the widget.
//! * after a removal exactly one space joins the two sides (none before
//!   closing punctuation).
//! * a lone all-caps glued tail (`membersMORE`) is removed by itself
//!   (`"more-tail"`); a lone glued `More` (`killedMore troops`) is treated
//!   as a glued sentence instead.
//!
//! **Glued sentences.** A strong join (or a lone glued `More` after a
//! lowercase word) that is not part of a widget, where a capitalised word starts
//! (`…two soldiersThe army said…`), is repaired by inserting `". "`; a
//! sentence end glued to the next sentence (`…on Monday.The talks…`, also
//! with closing quotes, not after a title abbreviation like `Mr.` nor a
//! single letter like `U.S.`) gets a `" "`. Weak joins are never repaired
//! (`LinkedIn` must survive). Inserted text maps to an empty original span
//! at the position of the next original character.
//!
//! Every removal of junk is reported in [`CleanText::removed`] with its
//! rule: `"boilerplate-line"`, `"url-line"`, `"cookie-notice"`,
//! `"symbol-line"`, `"widget"`, `"more-tail"`, `"control-char"`.
//!
//! # Offset map
//!
//! The map is a sorted list of run-length segments: a *linear* segment is a
//! verbatim copy (clean byte `c + i` came from original byte `o + i`), any
//! other segment is a replacement standing as a whole for an original range
//! (an insertion stands for an empty one). Lookups are a binary search.
//! Everything is linear in the input size; there are no regular
//! expressions.

mod chars;
mod lines;
mod map;
mod space;
mod widget;

#[cfg(test)]
mod tests;

use std::ops::Range;

use map::{Builder, Mapped, Seg, View};

/// A piece of the original text that cleaning threw away as junk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Removal {
    /// Half-open byte range into the original text.
    pub span: [usize; 2],
    /// The rule that removed it (`"widget"`, `"boilerplate-line"`, …; see
    /// the [module documentation](self)).
    pub rule: &'static str,
}

/// Clean text with its map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanText {
    /// The cleaned text.
    pub text: String,
    segs: Vec<Seg>,
    removed: Vec<Removal>,
}

impl CleanText {
    fn view(&self) -> View<'_> {
        View {
            text: &self.text,
            segs: &self.segs,
        }
    }

    /// Original byte offset for a byte offset into `text` (offset ==
    /// text.len() maps to end of the last kept original char).
    ///
    /// An offset inside a replaced or inserted piece maps to the start of
    /// what it replaced (for an insertion: the next original character).
    /// Offsets past the end are treated as the end.
    pub fn original_offset(&self, clean: usize) -> usize {
        self.view().orig_start(clean)
    }

    /// Map a clean half-open byte span to the original one.
    ///
    /// For text copied unchanged the result is exact: `raw[original_span(s)]
    /// == text[s]`. A span touching a replaced piece widens to all of that
    /// piece's original bytes; a span that only covers inserted text maps to
    /// an empty span. An empty or reversed span maps to an empty span at
    /// [`original_offset`](Self::original_offset) of its start.
    pub fn original_span(&self, span: [usize; 2]) -> [usize; 2] {
        self.view().orig_span(span[0]..span[1])
    }

    /// Byte ranges of the original text that were removed as junk (for
    /// --explain), with the rule name; sorted by position.
    pub fn removed(&self) -> &[Removal] {
        &self.removed
    }
}

/// Clean a decoded article; see the [module documentation](self) for the
/// rules.
pub fn clean(raw: &str) -> CleanText {
    let identity = [Seg {
        clean: 0,
        clean_len: raw.len(),
        orig: 0,
        orig_len: raw.len(),
        linear: true,
    }];
    let src = View {
        text: raw,
        segs: if raw.is_empty() { &[] } else { &identity },
    };
    let (filtered, mut removed) = chars::filter(src);
    let normal = match chars::nfc(filtered.view()) {
        Some(n) => n,
        None => filtered,
    };
    let squashed = space::squash(normal.view());
    drop(normal);
    let done = match strip_junk(squashed.view()) {
        Some((stripped, more)) => {
            removed.extend(more);
            space::squash(stripped.view())
        }
        None => squashed,
    };
    removed.sort_by_key(|r| (r.span[0], r.span[1]));
    CleanText {
        text: done.text,
        segs: done.segs,
        removed,
    }
}

/// One junk edit with absolute positions.
struct JunkEdit {
    start: usize,
    end: usize,
    insert: &'static str,
    rule: Option<&'static str>,
    report: Range<usize>,
}

/// Stage 3: boilerplate lines, widgets and glued sentences, line by line.
/// `None` when nothing changes.
fn strip_junk(src: View<'_>) -> Option<(Mapped, Vec<Removal>)> {
    let text = src.text;
    let mut all: Vec<JunkEdit> = Vec::new();
    let mut line_edits = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
        let line = &text[pos..end];
        if let Some(rule) = lines::classify(line) {
            all.push(JunkEdit {
                start: pos,
                end: (end + 1).min(text.len()),
                insert: "",
                rule: Some(rule),
                report: pos..end,
            });
        } else {
            widget::edits(line, &mut line_edits);
            all.extend(line_edits.drain(..).map(|e| JunkEdit {
                start: pos + e.start,
                end: pos + e.end,
                insert: e.insert,
                rule: e.rule,
                report: pos + e.start..pos + e.end,
            }));
        }
        pos = end + 1;
    }
    if all.is_empty() {
        return None;
    }
    let mut b = Builder::new(src);
    let mut cursor = 0;
    for e in all {
        b.copy(cursor..e.start);
        if let Some(rule) = e.rule {
            b.record(e.report, rule);
        }
        if !e.insert.is_empty() {
            b.insert(e.end, e.insert);
        }
        cursor = e.end;
    }
    b.copy(cursor..text.len());
    Some(b.finish())
}

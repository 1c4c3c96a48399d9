//! Stage 1: character-level cleaning and NFC normalisation.

use std::iter;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::map::{Builder, Mapped, View};
use super::Removal;

/// Rule name for dropped control characters.
pub(super) const RULE_CONTROL: &str = "control-char";

/// What to do with one character.
enum Action {
    Keep,
    /// Drop silently (invisible formatting, `\r` of a `\r\n`).
    Drop,
    /// Drop and report as junk.
    DropJunk(&'static str),
    Replace(&'static str),
}

fn classify(c: char, next: Option<char>) -> Action {
    match c {
        ' '..='~' | '\n' | '\t' => Action::Keep,
        '\r' if next == Some('\n') => Action::Drop,
        '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => Action::Replace("\n"),
        '\u{2029}' => Action::Replace("\n\n"),
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Action::DropJunk(RULE_CONTROL),
        // Zero-width characters, soft hyphen, word joiner, BOM, and the
        // invisible bidirectional marks and embeddings.
        '\u{AD}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => Action::Drop,
        // No-break and typographic spaces.
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Action::Replace(" ")
        }
        _ => Action::Keep,
    }
}

/// Drop control and invisible characters, turn exotic spaces into `' '` and
/// every line break (`\r\n`, `\r`, VT, FF, NEL, U+2028) into `\n`
/// (U+2029 PARAGRAPH SEPARATOR into a blank line).
pub(super) fn filter(src: View<'_>) -> (Mapped, Vec<Removal>) {
    let text = src.text;
    let mut b = Builder::new(src);
    let mut run = 0;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let action = classify(c, it.peek().map(|&(_, n)| n));
        if let Action::Keep = action {
            continue;
        }
        let end = i + c.len_utf8();
        b.copy(run..i);
        match action {
            Action::Keep | Action::Drop => {}
            Action::DropJunk(rule) => b.record(i..end, rule),
            Action::Replace(with) => b.replace(i..end, with),
        }
        run = end;
    }
    b.copy(run..text.len());
    b.finish()
}

/// A character that NFC never changes nor combines with what precedes it, so
/// normalisation can restart before it.
fn is_stable(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0 && is_nfc_quick(iter::once(c)) == IsNormalized::Yes)
}

/// NFC-normalise, or `None` when the text already is in NFC.
///
/// The text is cut before every stable character; only the pieces holding
/// an unstable one are normalised, and a piece that changes becomes one
/// replacement segment of the map (so `e` + U+0301 maps as a whole to `é`).
pub(super) fn nfc(src: View<'_>) -> Option<Mapped> {
    let text = src.text;
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut b = Builder::new(src);
    let mut run = 0;
    let mut last_stable = 0;
    let mut chunk: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_stable(c) {
            if let Some(start) = chunk.take() {
                normalise_piece(&mut b, text, start..i);
                run = i;
            }
            last_stable = i;
        } else if chunk.is_none() {
            let start = last_stable.max(run);
            b.copy(run..start);
            chunk = Some(start);
        }
    }
    if let Some(start) = chunk {
        normalise_piece(&mut b, text, start..text.len());
        run = text.len();
    }
    b.copy(run..text.len());
    Some(b.finish().0)
}

fn normalise_piece(b: &mut Builder<'_>, text: &str, range: std::ops::Range<usize>) {
    let piece = &text[range.clone()];
    let normal: String = piece.nfc().collect();
    if normal == piece {
        b.copy(range);
    } else {
        b.replace(range, &normal);
    }
}

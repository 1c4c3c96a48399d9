//! Whitespace normalisation (run after the character stage and again after
//! junk removal).

use super::map::{Builder, Mapped, View};

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Collapse runs of spaces/tabs to one space, trim every line, keep at most
/// one blank line between lines (3+ newlines become 2) and drop leading and
/// trailing blank lines. Expects `\n` as the only line break.
///
/// Kept characters are copied, so they stay exactly mapped; a collapsed run
/// keeps its first `' '` (or becomes one replacement `' '` for a tab).
pub(super) fn squash(src: View<'_>) -> Mapped {
    let text = src.text;
    let bytes = text.as_bytes();
    let mut b = Builder::new(src);
    let mut emitted = false;
    // Newlines seen since the last non-empty line: (first, last, count).
    let mut first_nl = 0;
    let mut last_nl = 0;
    let mut nl_count = 0usize;
    let mut pos = 0;
    loop {
        let line_end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
        let mut s = pos;
        let mut e = line_end;
        while s < e && is_blank(bytes[s]) {
            s += 1;
        }
        while e > s && is_blank(bytes[e - 1]) {
            e -= 1;
        }
        if s < e {
            if emitted && nl_count > 0 {
                b.copy(first_nl..first_nl + 1);
                if nl_count >= 2 {
                    b.copy(last_nl..last_nl + 1);
                }
            }
            squash_line(&mut b, bytes, s, e);
            emitted = true;
            nl_count = 0;
        }
        if line_end >= text.len() {
            break;
        }
        if nl_count == 0 {
            first_nl = line_end;
        }
        last_nl = line_end;
        nl_count += 1;
        pos = line_end + 1;
    }
    b.finish().0
}

/// Copy one trimmed line, collapsing inner runs of blanks.
fn squash_line(b: &mut Builder<'_>, bytes: &[u8], s: usize, e: usize) {
    let mut run = s;
    let mut i = s;
    while i < e {
        if !is_blank(bytes[i]) {
            i += 1;
            continue;
        }
        let ws = i;
        while i < e && is_blank(bytes[i]) {
            i += 1;
        }
        if i - ws == 1 && bytes[ws] == b' ' {
            continue;
        }
        b.copy(run..ws);
        match (ws..i).find(|&k| bytes[k] == b' ') {
            Some(k) => b.copy(k..k + 1),
            None => b.replace(ws..ws + 1, " "),
        }
        run = i;
    }
    b.copy(run..e);
}

//! Stage 3b: glued "related stories" widgets and glued sentences inside one
//! line. The rules are documented on the parent module; in short:
//!
//! * *join* — a capital glued to the end of a word inside a space-delimited
//!   token: *strong* after an all-lowercase word of 3+ letters
//!   (`stance|Pompeo`), *weak* after a word with a capital ending in 3+
//!   lowercase letters (`Pompeo|Pompeo`) or after a shorter name confirmed
//!   by a heading (`Doe|Doe`), *punctuation* after a word and 1–3
//!   punctuation characters (`fire?|Doe`).
//! * *tail* — `MORE`, `More`, `READ MORE`, `Read More`, `Read more` glued to
//!   the previous character, or `READ MORE` standing alone right after a
//!   join.
//! * *heading* — the full name between the anchor and the first headline.
//! * *break* — `.`, `!` or `?` (plus closing quotes/brackets) glued to the
//!   capitalised word of a new sentence (`Monday.The`).

/// Rule name for a removed widget.
pub(super) const RULE_WIDGET: &str = "widget";
/// Rule name for a lone glued `MORE` removed on its own.
pub(super) const RULE_MORE_TAIL: &str = "more-tail";

/// Largest gap in bytes between two consecutive joins of one widget (one
/// glued headline).
const WINDOW: usize = 200;
/// Most glued headlines taken as one widget without a heading: a longer
/// chain of joins is glued prose, not a widget.
const MAX_HEADLINES: usize = 6;
/// Most tokens walked back over when looking for a widget heading.
const MAX_HEADING_TOKENS: usize = 8;
/// Longest token (bytes) taken as part of a name in a heading.
const MAX_NAME_BYTES: usize = 40;
/// Longest word (bytes) looked up in [`CAMEL_WORDS`].
const MAX_CAMEL_BYTES: usize = 40;

/// Well-known single-token names with an inner capital after three or more
/// lowercase letters; they never count as joins. (Names like `McDonald`,
/// `iPhone`, `eBay`, `YouTube`, `PhD` never look like joins in the first
/// place.)
const CAMEL_WORDS: &[&str] = &[
    "ArcelorMittal",
    "AstraZeneca",
    "BlackBerry",
    "BlackRock",
    "BuzzFeed",
    "ByteDance",
    "ChemChina",
    "CrowdStrike",
    "DeepMind",
    "DreamWorks",
    "ExxonMobil",
    "FaceTime",
    "GlaxoSmithKline",
    "HuffPost",
    "JavaScript",
    "JetBlue",
    "LinkedIn",
    "MasterCard",
    "PetroChina",
    "PlayStation",
    "PowerPoint",
    "SharePoint",
    "SoftBank",
    "SolarWinds",
    "WhatsApp",
    "WikiLeaks",
];

/// Words that start a sentence, not a name: a weak join before one of
/// them (`QatarThe talks`) is a glued sentence too.
const SENTENCE_STARTERS: &[&str] = &[
    "But",
    "He",
    "Her",
    "His",
    "However",
    "Meanwhile",
    "She",
    "The",
    "Their",
    "These",
    "They",
    "This",
    "Those",
    "We",
];

/// Title abbreviations: `Mr.Smith` is not two sentences.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Ft", "Gen", "Gov",
    "Hon", "Insp", "Jr", "Lt", "Maj", "Mr", "Mrs", "Ms", "Mt", "No", "Pres", "Prof", "Pvt", "Rep",
    "Rev", "Sec", "Sen", "Sgt", "Sr", "St", "Supt",
];

/// One edit of a line (byte positions relative to the line): remove
/// `start..end`, then write `insert` there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Edit {
    pub start: usize,
    pub end: usize,
    pub insert: &'static str,
    /// Rule to report the removal under (`None`: nothing removed).
    pub rule: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Strong,
    Weak,
    /// Punctuation glued to a capital (`stance'Pompeo`, `Doe'Reckless'`,
    /// `fire?Doe`).
    Punct,
    /// A MORE tail ending at `end`; `soft` for the mixed-case spellings.
    Tail {
        end: usize,
        glued: bool,
        soft: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Join {
    /// Byte position of the uppercase letter (the tail's start for tails).
    pos: usize,
    kind: Kind,
    /// Start of the space-delimited token holding `pos`.
    token_start: usize,
    /// End of the word the join is glued to (`pos`, or the first
    /// punctuation character of a punctuation join).
    name_end: usize,
    /// Would be repaired as a glued sentence if it is not part of a widget:
    /// a strong join (or a glued soft tail after a lowercase word) where a
    /// capitalised word (`The`) starts.
    repairable: bool,
}

impl Join {
    fn is_tail(&self) -> bool {
        matches!(self.kind, Kind::Tail { .. })
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»')
}

/// Punctuation that can end a glued headline.
fn is_join_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | ')' | '"' | '\'' | '‘' | '’' | '“' | '”'
    )
}

/// Is the quote `q` right before `i` an opening one? Curly quotes say so;
/// a straight quote opens when the word at `i` is followed by the same
/// quote (`Doe'Reckless' plan`), else it closes (`stance'Pompeo warns`).
fn opens_quote(line: &str, q: char, i: usize) -> bool {
    match q {
        '‘' | '“' => true,
        '\'' | '"' => line[i..]
            .chars()
            .take(MAX_NAME_BYTES)
            .find(|c| !c.is_alphabetic())
            .is_some_and(|c| c == q),
        _ => false,
    }
}

fn is_closing_punct(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?') || is_closer(c)
}

/// Tokens that are addresses, handles, tags or code: no joins in them.
fn url_like(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || token.contains(['@', '#', '/', '\\', '_', '=', '<', '>'])
}

/// What starts at `i` (an uppercase letter): `Some(true)` for a capitalised
/// word (`The`), `Some(false)` for an all-caps word of 2+ letters that ends
/// there (`NATO`), `None` otherwise.
fn right_piece(line: &str, i: usize) -> Option<bool> {
    let mut chars = line[i..].chars();
    chars.next()?;
    let next = chars.next()?;
    if next.is_lowercase() {
        return Some(true);
    }
    if !next.is_uppercase() {
        return None;
    }
    for c in chars {
        if c.is_lowercase() {
            return None;
        }
        if !c.is_uppercase() {
            break;
        }
    }
    Some(false)
}

/// A tail glued at `i`: its end and whether it is a mixed-case spelling.
fn glued_tail(line: &str, i: usize) -> Option<(usize, bool)> {
    const TAILS: &[(&str, bool)] = &[
        ("READ MORE", false),
        ("Read More", true),
        ("Read more", true),
        ("MORE", false),
        ("More", true),
    ];
    let rest = &line[i..];
    TAILS.iter().find_map(|&(t, soft)| {
        let after = rest.strip_prefix(t)?;
        let boundary = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        boundary.then_some((i + t.len(), soft))
    })
}

/// A stand-alone `READ MORE` starting a token at `i`. (A lone `MORE` is
/// too common in all-caps prose to count when it is not glued.)
fn spaced_tail(line: &str, i: usize) -> Option<usize> {
    let after = line[i..].strip_prefix("READ MORE")?;
    let boundary = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
    boundary.then_some(i + "READ MORE".len())
}

/// Does a [`SENTENCE_STARTERS`] word, followed by a space, start at `i`?
fn starts_sentence(line: &str, i: usize) -> bool {
    let rest = &line[i..];
    SENTENCE_STARTERS.iter().any(|w| {
        rest.strip_prefix(w)
            .is_some_and(|after| after.starts_with(' '))
    })
}

/// Is the letter run `line[start..]` around `i` one of [`CAMEL_WORDS`]?
fn is_camel_word(line: &str, start: usize, i: usize) -> bool {
    let mut end = i;
    for c in line[i..].chars() {
        if !c.is_alphabetic() || end - start > MAX_CAMEL_BYTES {
            break;
        }
        end += c.len_utf8();
    }
    CAMEL_WORDS.binary_search(&&line[start..end]).is_ok()
}

/// Find the joins, tails and sentence breaks of one line.
fn scan(line: &str) -> (Vec<Join>, Vec<usize>) {
    let mut joins = Vec::new();
    let mut breaks = Vec::new();
    let mut pos = 0;
    while pos < line.len() {
        let token_end = line[pos..].find(' ').map_or(line.len(), |k| pos + k);
        if token_end == pos {
            pos += 1;
            continue;
        }
        if pos > 0 && line.as_bytes()[pos - 1] == b' ' && !joins.is_empty() {
            if let Some(end) = spaced_tail(line, pos) {
                joins.push(Join {
                    pos,
                    kind: Kind::Tail {
                        end,
                        glued: false,
                        soft: false,
                    },
                    token_start: pos,
                    name_end: pos,
                    repairable: false,
                });
                pos = end;
                continue;
            }
        }
        pos = if url_like(&line[pos..token_end]) {
            token_end + 1
        } else {
            scan_token(line, pos, token_end, &mut joins, &mut breaks)
        };
    }
    (joins, breaks)
}

/// Scan the token `line[ts..te]`; returns where scanning resumes.
fn scan_token(
    line: &str,
    ts: usize,
    te: usize,
    joins: &mut Vec<Join>,
    breaks: &mut Vec<usize>,
) -> usize {
    let mut prev: Option<char> = None;
    // The current run of letters.
    let mut in_alpha = false;
    let mut alpha_start = ts;
    let mut alpha_chars = 0usize;
    let mut alpha_all_lower = true;
    // The run is a capital followed by lowercase letters only.
    let mut alpha_capitalised = false;
    // Lowercase letters just before the current character.
    let mut lower_run = 0usize;
    let mut digit_run = 0usize;
    // Just after sentence-ending punctuation (and closers) that follows a
    // real word.
    let mut sentence_end = false;
    // A run of up to three join punctuation characters right after a word:
    // (position of the first, the word is a real word, length).
    let mut punct_run: Option<(usize, bool, usize)> = None;
    for (off, c) in line[ts..te].char_indices() {
        let i = ts + off;
        let mut new_run = false;
        if c.is_uppercase() && i > ts {
            let glued = prev.is_some_and(|p| !p.is_uppercase());
            if let Some((end, soft)) = glued.then(|| glued_tail(line, i)).flatten() {
                joins.push(Join {
                    pos: i,
                    kind: Kind::Tail {
                        end,
                        glued: true,
                        soft,
                    },
                    token_start: ts,
                    name_end: i,
                    repairable: soft && lower_run >= 3 && alpha_all_lower,
                });
                return end;
            }
            if lower_run >= 1 {
                let kind = if lower_run >= 3 && alpha_all_lower {
                    Some(Kind::Strong)
                } else if lower_run >= 3 && !is_camel_word(line, alpha_start, i) {
                    Some(Kind::Weak)
                } else if alpha_capitalised && heading_start(line, ts, i).is_some() {
                    // A short name (`Doe|Doe`) only counts when a heading
                    // confirms it, so `MacDonald`, `DelBene`, `FedEx` stay.
                    Some(Kind::Weak)
                } else {
                    None
                };
                if let Some((kind, capitalised)) = kind.zip(right_piece(line, i)) {
                    joins.push(Join {
                        pos: i,
                        kind,
                        token_start: ts,
                        name_end: i,
                        repairable: (kind == Kind::Strong && capitalised)
                            || (kind == Kind::Weak && starts_sentence(line, i)),
                    });
                    new_run = true;
                }
            } else {
                if let Some((first, true, _)) = punct_run {
                    if right_piece(line, i).is_some() {
                        let opening = prev.is_some_and(|q| opens_quote(line, q, i));
                        let q_len = prev.map_or(0, char::len_utf8);
                        joins.push(Join {
                            pos: if opening { i - q_len } else { i },
                            kind: Kind::Punct,
                            token_start: ts,
                            name_end: first,
                            repairable: false,
                        });
                    }
                }
                if sentence_end && line[i..].chars().nth(1).is_some_and(char::is_lowercase) {
                    breaks.push(i);
                }
            }
        }
        if c.is_alphabetic() {
            if !in_alpha || new_run {
                in_alpha = true;
                alpha_start = i;
                alpha_chars = 0;
                alpha_all_lower = true;
                alpha_capitalised = c.is_uppercase();
            } else if c.is_uppercase() {
                alpha_capitalised = false;
            }
            alpha_chars += 1;
            if c.is_lowercase() {
                lower_run += 1;
            } else {
                lower_run = 0;
                alpha_all_lower = false;
            }
            digit_run = 0;
            sentence_end = false;
            punct_run = None;
        } else {
            // Did a real word (not `U.S`, `Mr`) just end here?
            let word = in_alpha
                && alpha_chars >= 2
                && lower_run >= 1
                && !ABBREVIATIONS.contains(&&line[alpha_start..i]);
            punct_run = match punct_run {
                _ if !is_join_punct(c) => None,
                None if in_alpha => Some((i, word, 1)),
                Some((first, ok, n)) if n < 3 => Some((first, ok, n + 1)),
                _ => None,
            };
            if matches!(c, '.' | '!' | '?') {
                sentence_end = word || digit_run >= 2 || (sentence_end && c != '.');
            } else if !is_closer(c) {
                sentence_end = false;
            }
            digit_run = if c.is_ascii_digit() { digit_run + 1 } else { 0 };
            in_alpha = false;
            lower_run = 0;
        }
        prev = Some(c);
    }
    te + 1
}

/// A name token: a capital, then letters,
/// hyphens, apostrophes or dots (`Pompeo`, `Ocasio-Cortez`, `O'Neill`, `J.`).
fn is_name(s: &str) -> bool {
    s.len() <= MAX_NAME_BYTES
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// A heading token: a name, or a name in brackets or quotes (`(Mike)`).
fn is_heading_token(tok: &str) -> bool {
    if is_name(tok) {
        return true;
    }
    let inner = tok
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .or_else(|| tok.strip_prefix('"').and_then(|t| t.strip_suffix('"')))
        .or_else(|| tok.strip_prefix('“').and_then(|t| t.strip_suffix('”')))
        .or_else(|| tok.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')));
    inner.is_some_and(is_name)
}

/// The start of the widget heading ending at `pos`, if any: `line[token_start
/// ..pos]` is a name (`Pompeo`), the tokens before it are names or bracketed
/// names, and walking back over at most [`MAX_HEADING_TOKENS`] of them meets
/// the same name again (the anchor, kept). Returns the start of the token
/// right after the anchor.
fn heading_start(line: &str, token_start: usize, pos: usize) -> Option<usize> {
    let name = &line[token_start..pos];
    if !is_name(name) {
        return None;
    }
    let bytes = line.as_bytes();
    let mut cur = token_start;
    for _ in 0..MAX_HEADING_TOKENS {
        if cur < 2 || bytes[cur - 1] != b' ' {
            return None;
        }
        let end = cur - 1;
        let lo = end.saturating_sub(MAX_NAME_BYTES + 1);
        let start = match bytes[lo..end].iter().rposition(|&b| b == b' ') {
            Some(k) => lo + k + 1,
            None if lo == 0 => 0,
            None => return None,
        };
        let tok = &line[start..end];
        if tok == name {
            return Some(cur);
        }
        if !is_heading_token(tok) {
            return None;
        }
        cur = start;
    }
    None
}

/// The edit removing a widget `line[start..end]` and joining what is left.
///
/// With a tail the host sentence simply continues: one space joins the
/// parts (none before closing punctuation). Without a tail the kept text
/// begins with the capital of the last join, a new sentence: it is joined
/// with `". "` after a word, with `" "` after punctuation.
fn widget_edit(line: &str, start: usize, end: usize, has_tail: bool) -> Edit {
    let bytes = line.as_bytes();
    let mut start = start;
    let trim_back = |mut s: usize| {
        while s > 0 && bytes[s - 1] == b' ' {
            s -= 1;
        }
        s
    };
    let insert;
    if has_tail {
        match line[end..].chars().next() {
            None => {
                start = trim_back(start);
                insert = "";
            }
            Some(' ') => insert = "",
            Some(c) if is_closing_punct(c) => {
                start = trim_back(start);
                insert = "";
            }
            Some(_) => {
                insert = if start > 0 && bytes[start - 1] != b' ' {
                    " "
                } else {
                    ""
                }
            }
        }
    } else {
        start = trim_back(start);
        insert = match line[..start].chars().next_back() {
            None => "",
            Some(c) if c.is_alphanumeric() || is_closer(c) => ". ",
            Some(_) => " ",
        };
    }
    Edit {
        start,
        end,
        insert,
        rule: Some(RULE_WIDGET),
    }
}

/// Append the edits for one line (positions relative to the line).
pub(super) fn edits(line: &str, out: &mut Vec<Edit>) {
    let (joins, breaks) = scan(line);
    if joins.is_empty() && breaks.is_empty() {
        return;
    }
    let mut removals: Vec<Edit> = Vec::new();
    let mut repairs: Vec<usize> = Vec::new();
    let mut a = 0;
    while a < joins.len() {
        if let Kind::Tail { glued: false, .. } = joins[a].kind {
            a += 1;
            continue;
        }
        let mut b = a + 1;
        if !joins[a].is_tail() {
            while b < joins.len() && joins[b].pos - joins[b - 1].pos <= WINDOW {
                b += 1;
                if joins[b - 1].is_tail() {
                    break;
                }
            }
        }
        decide(line, &joins[a..b], &mut removals, &mut repairs);
        a = b;
    }
    // Removals come out in line order and do not overlap.
    let inside = |p: usize| {
        let k = removals.partition_point(|e| e.start <= p);
        k > 0 && p < removals[k - 1].end
    };
    let extra: Vec<Edit> = repairs
        .iter()
        .map(|&p| (p, ". "))
        .chain(breaks.iter().map(|&p| (p, " ")))
        .filter(|&(p, _)| !inside(p))
        .map(|(p, insert)| Edit {
            start: p,
            end: p,
            insert,
            rule: None,
        })
        .collect();
    let mut local = removals;
    local.extend(extra);
    local.sort_by_key(|e| (e.start, e.end));
    let mut cursor = 0;
    for e in local {
        if e.start < cursor {
            continue;
        }
        cursor = e.end;
        out.push(e);
    }
}

/// Decide what one cluster of joins is.
fn decide(line: &str, cluster: &[Join], removals: &mut Vec<Edit>, repairs: &mut Vec<usize>) {
    let (tail, joins) = match cluster.split_last() {
        Some((t, rest)) if t.is_tail() => (Some(*t), rest),
        _ => (None, cluster),
    };
    let head = joins
        .iter()
        .enumerate()
        .find_map(|(k, j)| heading_start(line, j.token_start, j.name_end).map(|s| (k, s)));
    let repair_all = |js: &[Join], repairs: &mut Vec<usize>| {
        repairs.extend(js.iter().filter(|j| j.repairable).map(|j| j.pos));
    };
    match tail {
        Some(t) => {
            let Kind::Tail { end, soft, .. } = t.kind else {
                return;
            };
            if !joins.is_empty() {
                // Without a heading only the last few joins are taken as
                // headlines; a longer chain before them is glued host text.
                let k = joins.len().saturating_sub(MAX_HEADLINES);
                let (k, start) = head.unwrap_or((k, joins[k].pos));
                repair_all(&joins[..k], repairs);
                removals.push(widget_edit(line, start, end, true));
            } else if let Some(start) = heading_start(line, t.token_start, t.pos) {
                removals.push(widget_edit(line, start, end, true));
            } else if !soft {
                let mut e = widget_edit(line, t.pos, end, true);
                e.rule = Some(RULE_MORE_TAIL);
                removals.push(e);
            } else if t.repairable {
                repairs.push(t.pos);
            }
        }
        None => {
            let (k, start) = head.unwrap_or((0, joins.first().map_or(0, |j| j.pos)));
            let rest = &joins[k..];
            let strong = rest.iter().any(|j| j.kind == Kind::Strong);
            let letters = rest
                .iter()
                .filter(|j| matches!(j.kind, Kind::Strong | Kind::Weak))
                .count();
            let widget = strong
                && match head {
                    Some(_) => rest.len() >= 2,
                    None => (3..=MAX_HEADLINES).contains(&letters),
                };
            match rest.last() {
                Some(last) if widget => {
                    repair_all(&joins[..k], repairs);
                    removals.push(widget_edit(line, start, last.pos, false));
                }
                _ => repair_all(joins, repairs),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn camel_words_are_sorted_for_binary_search() {
        assert!(super::CAMEL_WORDS.windows(2).all(|w| w[0] < w[1]));
    }
}

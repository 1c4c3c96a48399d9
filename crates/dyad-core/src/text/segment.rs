//! Tokens with byte offsets, and sentences that survive news abbreviations.
//!
//! The tokenizer is rule-based and built for news English:
//! - words keep internal hyphens and apostrophes (`weeks-long`, `O'Neill`),
//!   but the possessive `'s`/`’s` and the clitic `n't` become tokens of their own;
//! - dotted abbreviations stay one token (`U.S.`, `p.m.`, `Sept.`, `Lt.`, `R-Fla.`);
//! - every other punctuation mark is its own token.
//!
//! Sentence boundaries fall after `.`, `!`, `?` (with any closing quotes or
//! brackets), at paragraph breaks, and after an abbreviation that ends a
//! sentence ("… talks with the U.S. The minister …"), but never after a title
//! (`Gen.`, `Sen.`) or a month before a number (`Sept. 27`).
//!
//! Invariant: every [`Token`] is a non-empty byte range of the input on char
//! boundaries, tokens are sorted and do not overlap, and every sentence is a
//! contiguous run of tokens.

use std::ops::Range;

/// What kind of characters a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, apostrophes or dots inside.
    Word,
    /// Digits, possibly with `,` `.` `/` `:` `-` between them.
    Number,
    /// A dotted abbreviation such as `U.S.` or `Sept.`.
    Abbreviation,
    /// A punctuation mark or symbol.
    Punct,
}

/// One token: a byte range of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Character class.
    pub kind: TokenKind,
    /// True when a paragraph break (blank line or newline) precedes the token.
    pub para_start: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// A sentence: a range of token indices and the byte range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Indices into the token list.
    pub tokens: Range<usize>,
    /// Byte offset of the first token.
    pub start: usize,
    /// Byte offset one past the last token.
    pub end: usize,
}

/// Titles and other abbreviations that are never the last word of a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "cdr", "brig", "gov", "sen", "rep", "reps", "sens", "rev", "fr", "sr", "jr",
    "st", "mt", "ft", "pres", "supt", "insp", "amb", "hon", "messrs", "mmes", "no", "nos", "vs",
    "v", "cf", "e.g", "i.e", "approx", "dept", "est", "fig",
];

/// Month abbreviations in AP style; they end a sentence only when no number follows.
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Other abbreviations that take a period (company suffixes, US states in AP style).
const OTHER_ABBREVIATIONS: &[&str] = &[
    "inc", "co", "corp", "ltd", "plc", "bros", "etc", "al", "ave", "blvd", "rd", "ala", "ariz",
    "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn",
    "tex", "va", "vt", "wash", "wis", "wyo",
];

/// Words that, capitalised after an abbreviation's period, show that a new sentence began.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "some",
    "many",
    "most",
    "both",
    "all",
    "no",
    "not",
    "meanwhile",
    "however",
    "still",
    "officials",
    "police",
];

fn is_abbreviation_stem(stem: &str) -> bool {
    let lower = stem.to_ascii_lowercase();
    let last = lower.rsplit('-').next().unwrap_or(&lower);
    TITLES.contains(&lower.as_str())
        || MONTHS.contains(&lower.as_str())
        || OTHER_ABBREVIATIONS.contains(&lower.as_str())
        || OTHER_ABBREVIATIONS.contains(&last)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Longest piece tokenized at once; pieces end at whitespace, so no token is cut.
/// Folds typographic apostrophes and quotes to ASCII.
pub fn fold_quotes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            '—' | '–' => '-',
            c => c,
        })
        .collect()
}

const PIECE_BYTES: usize = 1 << 16;

/// Splits `text` into tokens. Never fails; whitespace is skipped.
///
/// Works piece by piece (cut at whitespace) so memory stays proportional to
/// the output even for a document of many megabytes.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut state = PieceState {
        newlines: 0,
        first: true,
    };
    let mut begin = 0;
    while begin < text.len() {
        let mut end = (begin + PIECE_BYTES).min(text.len());
        if end < text.len() {
            // Cut after the last whitespace in the window, or anywhere on a char
            // boundary when the window has none (one giant "word").
            match text[begin..end].rfind(char::is_whitespace) {
                Some(ws) if ws > 0 => end = begin + ws,
                _ => {
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                }
            }
        }
        tokenize_piece(&text[begin..end], begin, &mut state, &mut tokens);
        begin = end;
    }
    tokens
}

struct PieceState {
    newlines: usize,
    first: bool,
}

fn tokenize_piece(text: &str, offset: usize, state: &mut PieceState, tokens: &mut Vec<Token>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    let newlines = &mut state.newlines;
    let first = &mut state.first;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                *newlines += 1;
            }
            i += 1;
            continue;
        }
        let para_start = *first || *newlines > 0;
        *first = false;
        *newlines = 0;
        let start = i;
        let kind;
        if is_word_char(c) {
            // Scan a word: word chars, joined by single inner hyphens, apostrophes, dots.
            let mut j = i + 1;
            let mut has_inner_dot = false;
            let mut all_digits = c.is_ascii_digit();
            loop {
                match char_at(j) {
                    Some(d) if is_word_char(d) => {
                        all_digits &= d.is_ascii_digit();
                        j += 1;
                    }
                    Some(d)
                        if (d == '-' || d == '.' || d == '/' || d == ':' || d == ',')
                            && char_at(j + 1).is_some_and(is_word_char) =>
                    {
                        let next = char_at(j + 1).unwrap_or(' ');
                        let ok = match d {
                            '-' => true,
                            // "U.S" inside "U.S."; "3.5"; a dot between letters like "p.m"
                            '.' => {
                                (all_digits && next.is_ascii_digit())
                                    || (j - start == 1 && next.is_alphabetic())
                                    || (has_inner_dot && j >= 1 && {
                                        // single letters between dots: U.S.A
                                        let prev_dot = chars[start..j]
                                            .iter()
                                            .rposition(|&(_, ch)| ch == '.')
                                            .map_or(0, |p| p + start);
                                        j - prev_dot == 2
                                    })
                            }
                            ',' | '/' | ':' => all_digits && next.is_ascii_digit(),
                            _ => false,
                        };
                        if !ok {
                            break;
                        }
                        if d == '.' && !all_digits {
                            has_inner_dot = true;
                        }
                        j += 1;
                    }
                    Some(d)
                        if is_apostrophe(d) && char_at(j + 1).is_some_and(char::is_alphabetic) =>
                    {
                        // Split the possessive 's and the clitics n't, 're, 've, 'll, 'd, 'm.
                        let rest: String = chars[j + 1..chars.len().min(j + 4)]
                            .iter()
                            .map(|&(_, ch)| ch.to_ascii_lowercase())
                            .collect();
                        let after =
                            |n: usize| char_at(j + 1 + n).is_none_or(|ch| !is_word_char(ch));
                        let clitic = (rest.starts_with('s') && after(1))
                            || (rest.starts_with("re") && after(2))
                            || (rest.starts_with("ve") && after(2))
                            || (rest.starts_with("ll") && after(2))
                            || (rest.starts_with('d') && after(1))
                            || (rest.starts_with('m') && after(1));
                        if clitic {
                            break;
                        }
                        if rest.starts_with('t')
                            && after(1)
                            && chars[j - 1].1.eq_ignore_ascii_case(&'n')
                            && j - 1 > start
                        {
                            // "didn't" → "did" + "n't"
                            j -= 1;
                            break;
                        }
                        j += 1;
                    }
                    _ => break,
                }
            }
            // A trailing period makes an abbreviation when the word is a known
            // abbreviation or already dotted (U.S. / p.m. / Sept.).
            let word = &text[byte_at(start)..byte_at(j)];
            if char_at(j) == Some('.') && (has_inner_dot || is_abbreviation_stem(word)) {
                j += 1;
                kind = TokenKind::Abbreviation;
            } else if has_inner_dot && char_at(j) != Some('.') {
                kind = TokenKind::Abbreviation;
            } else if all_digits || word.chars().next().is_some_and(|ch| ch.is_ascii_digit()) {
                kind = if word
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ",./:-".contains(ch))
                {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
            } else {
                kind = TokenKind::Word;
            }
            i = j;
        } else if is_apostrophe(c) && i > 0 && chars[i - 1].1.is_alphanumeric() {
            // Clitic split off the previous word: 's, 're, 'll, …
            let mut j = i + 1;
            while char_at(j).is_some_and(char::is_alphabetic) {
                j += 1;
            }
            kind = if j > i + 1 {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            i = j;
        } else {
            // Punctuation: runs of the same mark ("...", "--") stay together.
            let mut j = i + 1;
            if c == '.' || c == '-' {
                while char_at(j) == Some(c) {
                    j += 1;
                }
            }
            kind = TokenKind::Punct;
            i = j;
        }
        tokens.push(Token {
            start: offset + byte_at(start),
            end: offset + byte_at(i),
            kind,
            para_start,
        });
    }
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "'" | "’" | "”" | ")" | "]" | "»")
}

/// Groups tokens into sentences.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].text(text);
        let mut boundary_after = None;
        if tokens[i].kind == TokenKind::Punct && matches!(t.chars().next(), Some('.' | '!' | '?')) {
            let mut j = i + 1;
            while j < tokens.len() && is_closing(tokens[j].text(text)) && !tokens[j].para_start {
                j += 1;
            }
            boundary_after = Some(j);
        } else if tokens[i].kind == TokenKind::Abbreviation && t.ends_with('.') {
            if let Some(next) = tokens.get(i + 1) {
                if !next.para_start && abbreviation_ends_sentence(t, next.text(text)) {
                    boundary_after = Some(i + 1);
                }
            }
        }
        if let Some(j) = boundary_after {
            push_sentence(&mut out, tokens, begin, j);
            begin = j;
            i = j;
            continue;
        }
        if i + 1 < tokens.len() && tokens[i + 1].para_start {
            push_sentence(&mut out, tokens, begin, i + 1);
            begin = i + 1;
        }
        i += 1;
    }
    push_sentence(&mut out, tokens, begin, tokens.len());
    out
}

fn abbreviation_ends_sentence(abbrev: &str, next: &str) -> bool {
    let stem = abbrev.trim_end_matches('.').to_ascii_lowercase();
    if TITLES.contains(&stem.as_str()) {
        return false;
    }
    if MONTHS.contains(&stem.as_str()) {
        return !next.chars().next().is_some_and(|c| c.is_ascii_digit()) && starts_sentence(next);
    }
    starts_sentence(next)
}

fn starts_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && SENTENCE_STARTERS.contains(&word.to_lowercase().as_str())
        || matches!(word, "“" | "\"")
}

fn push_sentence(out: &mut Vec<Sentence>, tokens: &[Token], begin: usize, end: usize) {
    if begin < end {
        out.push(Sentence {
            tokens: begin..end,
            start: tokens[begin].start,
            end: tokens[end - 1].end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        sentences(text, &toks)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn possessives_and_clitics_split() {
        assert_eq!(
            words("Azerbaijan’s minister"),
            ["Azerbaijan", "’s", "minister"]
        );
        assert_eq!(
            words("Armenia's envoy didn't go"),
            ["Armenia", "'s", "envoy", "did", "n't", "go"]
        );
        assert_eq!(words("O'Neill won't say"), ["O'Neill", "wo", "n't", "say"]);
        assert_eq!(words("they'll go"), ["they", "'ll", "go"]);
    }

    #[test]
    fn abbreviations_stay_whole() {
        assert_eq!(
            words("the U.S. and U.N. met"),
            ["the", "U.S.", "and", "U.N.", "met"]
        );
        assert_eq!(
            words("at 3 p.m. on Sept. 27"),
            ["at", "3", "p.m.", "on", "Sept.", "27"]
        );
        assert_eq!(
            words("Sen. Marco Rubio, R-Fla., said"),
            ["Sen.", "Marco", "Rubio", ",", "R-Fla.", ",", "said"]
        );
        assert_eq!(words("Lt. Gen. Smith"), ["Lt.", "Gen.", "Smith"]);
    }

    #[test]
    fn hyphens_numbers_and_punctuation() {
        assert_eq!(
            words("a weeks-long battle, 1,000 troops."),
            ["a", "weeks-long", "battle", ",", "1,000", "troops", "."]
        );
        assert_eq!(
            words("“No,” he said — again..."),
            ["“", "No", ",", "”", "he", "said", "—", "again", "..."]
        );
        assert_eq!(words("3.5 percent"), ["3.5", "percent"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Baku’s  forces\nshelled Stepanakert.";
        for t in tokenize(text) {
            assert!(!t.text(text).trim().is_empty());
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }

    #[test]
    fn sentences_survive_news_abbreviations() {
        let text = "Gov. Ron DeSantis met Sen. Marco Rubio, R-Fla., at 3 p.m. on Sept. 27 in the U.S. Capitol. \
                    Lt. Gen. Mark Smith said the U.N. would help. Talks ended in the U.S. The envoy left.";
        assert_eq!(
            sents(text),
            [
                "Gov. Ron DeSantis met Sen. Marco Rubio, R-Fla., at 3 p.m. on Sept. 27 in the U.S. Capitol.",
                "Lt. Gen. Mark Smith said the U.N. would help.",
                "Talks ended in the U.S.",
                "The envoy left.",
            ]
        );
    }

    #[test]
    fn quotes_and_paragraphs() {
        let text = "“We will not retreat,” the minister said. “Never!”\nA new paragraph without a stop\nAnother one.";
        assert_eq!(
            sents(text),
            [
                "“We will not retreat,” the minister said.",
                "“Never!”",
                "A new paragraph without a stop",
                "Another one."
            ]
        );
    }

    #[test]
    fn empty_and_junk_input() {
        assert!(tokenize("").is_empty());
        assert!(sentences("", &[]).is_empty());
        let junk = "\u{0}\u{1}\u{fffd}... ''' ’’ --- ...";
        let toks = tokenize(junk);
        assert!(!sentences(junk, &toks).is_empty());
    }
}

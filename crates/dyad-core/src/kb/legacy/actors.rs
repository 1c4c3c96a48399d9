//! Legacy actor dictionaries: `PHRASE [CODE]`, `+SYNONYM` lines, and codes
//! with date restrictions on their own (usually indented) lines.
//!
//! ```text
//! GOLLUM
//! +SMEAGOL
//!     [HOB < 950601]
//!     [HOBGOV 19950601 - 19990815]
//!     [HOBREB > 990816]
//! ```

use super::{brackets, is_null_code, parse_date, LegacyReport, Lines};
use crate::kb::source::Phrase;
use crate::kb::{ActorCode, KnowledgeBase, MentionKind, Role};
use jiff::civil::Date;

/// When a code applies (both ends included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Restriction {
    Always,
    Until(Date),
    From(Date),
    Between(Date, Date),
}

impl Restriction {
    fn bounds(self) -> (Option<Date>, Option<Date>) {
        match self {
            Restriction::Always => (None, None),
            Restriction::Until(d) => (None, Some(d)),
            Restriction::From(d) => (Some(d), None),
            Restriction::Between(a, b) => (Some(a), Some(b)),
        }
    }

    fn holds_on(self, d: Date) -> bool {
        let (lo, hi) = self.bounds();
        lo.is_none_or(|l| l <= d) && hi.is_none_or(|h| d <= h)
    }
}

/// One bracketed code: `None` for a null code (`---`).
#[derive(Debug, Clone)]
struct Spec {
    code: Option<ActorCode>,
    when: Restriction,
}

#[derive(Debug, Default)]
struct Entry {
    line: usize,
    phrases: Vec<String>,
    specs: Vec<Spec>,
    multi: bool,
}

/// Single-word names never added as actors: common words that would match
/// at the start of a sentence.
const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "was", "is", "are", "be", "has", "had", "have", "may", "will", "can", "us",
    "it", "its", "he", "she", "they", "we", "said", "says", "new", "more", "most", "all", "one",
    "two", "but", "and", "or", "not", "no", "this", "that",
];

/// Words kept lowercase inside a title-cased name.
const SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "for", "de", "del", "la", "le", "les", "el", "al", "du", "des", "da", "do",
    "dos", "das", "y", "e", "in", "on", "at", "to", "a", "an", "van", "von", "der", "den", "bin",
    "ibn", "bint", "und", "et", "di", "el",
];

/// The name as it appears in news text: `PRINCE_OF_DOL_AMROTH` → `Prince of
/// Dol Amroth`; a single word of up to three letters stays in capitals (an
/// acronym, matched exactly). `None` for common words.
pub(crate) fn surface(phrase: &str) -> Option<String> {
    let raw: Vec<&str> = phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    match raw.as_slice() {
        [] => return None,
        [one] => {
            let lower = one.to_lowercase();
            if COMMON_WORDS.contains(&lower.as_str()) {
                return None;
            }
            let letters = one.chars().filter(|c| c.is_alphabetic()).count();
            if letters <= 3 && one.chars().all(|c| c.is_ascii_alphabetic()) {
                return Some(one.to_uppercase());
            }
        }
        _ => {}
    }
    let words: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL_WORDS.contains(&lower.as_str()) {
                lower
            } else if w.chars().any(|c| c == '.' || c.is_ascii_digit()) {
                w.to_string()
            } else {
                title_case(&lower)
            }
        })
        .collect();
    Some(words.join(" "))
}

/// `al-qaeda` → `Al-Qaeda`.
fn title_case(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for c in lower.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
            if c == '-' || c == '\'' {
                start = c == '-';
            }
        }
    }
    out
}

/// Parses the inside of one bracket: `HOBGOV 19950601 - 19990815`, `ONO <911226`,
/// `FRO/BIL/SAM`, `---`. Returns the specs (one per `/` code) and whether
/// there were several codes.
fn parse_spec(s: &str) -> Result<(Vec<Spec>, bool, Option<String>), String> {
    let s = s.trim();
    let mut note = None;
    let split = s.find(|c: char| c.is_whitespace() || c == '<' || c == '>');
    let (code_part, rest) = match split {
        Some(p) => (&s[..p], s[p..].trim()),
        None => (s, ""),
    };
    if code_part.is_empty() {
        return Err(format!("no code in [{s}]"));
    }
    let when = if rest.is_empty() {
        Restriction::Always
    } else if let Some(d) = rest.strip_prefix('<') {
        Restriction::Until(parse_date(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        Restriction::From(parse_date(d)?)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (parse_date(a)?, parse_date(b)?);
        if b < a {
            return Err(format!(
                "date restriction ends ({b}) before it starts ({a})"
            ));
        }
        Restriction::Between(a, b)
    } else if rest.bytes().all(|b| b.is_ascii_digit()) && parse_date(rest).is_ok() {
        // `[CODE DATE]` with no `<`, `>` or `-`: PETRARCH uses the code as
        // the undated default (reported, since the date is probably a typo).
        note = Some(format!(
            "date {rest:?} without <, > or - in [{s}]: used as an undated code, as PETRARCH does"
        ));
        Restriction::Always
    } else {
        return Err(format!("bad date restriction {rest:?} in [{s}]"));
    };
    // Several codes (`FRO/BIL/SAM`): dyad gives one code per phrase, the first.
    let parts: Vec<&str> = code_part.split('/').filter(|c| !c.is_empty()).collect();
    let first = parts.first().copied().unwrap_or(code_part);
    for c in &parts {
        if !is_null_code(c) && ActorCode::parse_legacy(&c.to_uppercase()).is_none() {
            return Err(format!("bad actor code {c:?}"));
        }
    }
    let code = if is_null_code(first) {
        None
    } else {
        ActorCode::parse_legacy(&first.to_uppercase())
    };
    Ok((vec![Spec { code, when }], parts.len() > 1, note))
}

/// Compiles the legacy lookup (first matching restriction, else the last
/// undated code) into non-overlapping roles with exclusive ends.
fn compile_roles(specs: &[Spec]) -> Vec<Role> {
    let default = specs
        .iter()
        .rev()
        .find(|s| s.when == Restriction::Always)
        .and_then(|s| s.code.clone());
    let dated: Vec<&Spec> = specs
        .iter()
        .filter(|s| s.when != Restriction::Always)
        .collect();
    let mut cuts: Vec<Date> = Vec::new();
    for s in &dated {
        let (lo, hi) = s.when.bounds();
        cuts.extend(lo);
        if let Some(h) = hi {
            if let Ok(next) = h.tomorrow() {
                cuts.push(next);
            }
        }
    }
    cuts.sort();
    cuts.dedup();
    let code_on = |d: Option<Date>| -> Option<ActorCode> {
        match d {
            Some(d) => match dated.iter().find(|s| s.when.holds_on(d)) {
                Some(s) => s.code.clone(),
                None => default.clone(),
            },
            None => default.clone(),
        }
    };
    // Segments [start, end): (None, c0), [c0, c1), …, [ck, None).
    let mut segments: Vec<(Option<Date>, Option<Date>, Option<ActorCode>)> = Vec::new();
    let first_probe = cuts.first().and_then(|c| c.yesterday().ok());
    segments.push((None, cuts.first().copied(), code_on(first_probe)));
    for (i, c) in cuts.iter().enumerate() {
        segments.push((Some(*c), cuts.get(i + 1).copied(), code_on(Some(*c))));
    }
    let mut roles: Vec<Role> = Vec::new();
    let mut prev: Option<(Option<Date>, Option<Date>, Option<ActorCode>)> = None;
    for seg in segments {
        match &mut prev {
            Some(p) if p.2 == seg.2 => p.1 = seg.1,
            _ => {
                if let Some((start, end, Some(code))) = prev.take() {
                    roles.push(Role {
                        code,
                        start,
                        end,
                        holder: None,
                    });
                }
                prev = Some(seg);
            }
        }
    }
    if let Some((start, end, Some(code))) = prev {
        roles.push(Role {
            code,
            start,
            end,
            holder: None,
        });
    }
    roles
}

pub(super) fn load(kb: &mut KnowledgeBase, lines: Lines<'_>, report: &mut LegacyReport) {
    let mut warnings = Vec::new();
    let mut cur: Option<Entry> = None;
    let mut all = Vec::new();
    let mut it = lines;
    while let Some(line) = it.next() {
        let t = line.text.trim();
        if t.contains("---STOP---") {
            break;
        }
        let groups = match brackets(t) {
            Ok(g) => g,
            Err(e) => {
                warnings.push(it.warn(line.no, e));
                continue;
            }
        };
        let mut specs = Vec::new();
        let mut multi = false;
        let mut bad = false;
        for g in &groups {
            match parse_spec(g) {
                Ok((s, m, note)) => {
                    specs.extend(s);
                    multi |= m;
                    if let Some(n) = note {
                        warnings.push(it.warn(line.no, n));
                    }
                }
                Err(e) => {
                    warnings.push(it.warn(line.no, e));
                    bad = true;
                }
            }
        }
        if bad && specs.is_empty() && t.starts_with('[') {
            continue;
        }
        let phrase = t.split('[').next().unwrap_or_default().trim();
        if t.starts_with('[') {
            match cur.as_mut() {
                Some(e) => {
                    e.specs.extend(specs);
                    e.multi |= multi;
                }
                None => warnings.push(it.warn(line.no, "code line before any actor phrase")),
            }
        } else if let Some(syn) = phrase.strip_prefix('+') {
            match cur.as_mut() {
                Some(e) => {
                    report.synonyms += 1;
                    e.phrases.push(syn.trim().to_string());
                    e.specs.extend(specs);
                    e.multi |= multi;
                }
                None => warnings.push(it.warn(line.no, "synonym line before any actor phrase")),
            }
        } else if phrase.is_empty() {
            warnings.push(it.warn(line.no, "no actor phrase before the code"));
        } else if groups.is_empty() && cur.as_ref().is_some_and(|e| e.specs.is_empty()) {
            // PETRARCH-1: a phrase without a code shares the codes that follow.
            if let Some(e) = cur.as_mut() {
                e.phrases.push(phrase.to_string());
            }
        } else {
            all.extend(cur.take());
            cur = Some(Entry {
                line: line.no,
                phrases: vec![phrase.to_string()],
                specs,
                multi,
            });
        }
    }
    all.extend(cur.take());
    for e in all {
        report.actors += 1;
        report.dated_codes += e
            .specs
            .iter()
            .filter(|s| s.when != Restriction::Always)
            .count();
        if e.multi {
            report.multi_code_actors += 1;
        }
        if e.specs.is_empty() {
            warnings.push(it.warn(e.line, "actor without a code"));
            continue;
        }
        let specs = e.specs;
        let canonical = e
            .phrases
            .first()
            .and_then(|p| surface(p))
            .unwrap_or_default();
        let dated = specs.iter().any(|s| s.when != Restriction::Always);
        if !dated {
            let Some(code) = specs.last().and_then(|s| s.code.clone()) else {
                report.null_actors += 1;
                continue;
            };
            for p in &e.phrases {
                if let Some(s) = surface(p) {
                    let kind = MentionKind::Org { code: code.clone() };
                    kb.lexicon.add(&Phrase::new(&s), kind, kb.last_origin());
                }
            }
        } else {
            let roles = compile_roles(&specs);
            if roles.is_empty() {
                report.null_actors += 1;
                continue;
            }
            for p in &e.phrases {
                if let Some(s) = surface(p) {
                    let origin = kb.last_origin();
                    kb.lexicon
                        .add_person(&Phrase::new(&s), &canonical, roles.clone(), origin);
                }
            }
        }
    }
    report.warnings.extend(warnings);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn spec(s: &str) -> Spec {
        parse_spec(s).unwrap().0.remove(0)
    }

    #[test]
    fn surfaces() {
        assert_eq!(
            surface("PRINCE OF DOL AMROTH").unwrap(),
            "Prince of Dol Amroth"
        );
        assert_eq!(surface("THE_HERMIT_KINGDOM").unwrap(), "The Hermit Kingdom");
        assert_eq!(surface("UN_").unwrap(), "UN");
        assert_eq!(surface("WA").unwrap(), "WA");
        assert_eq!(surface("ROHAN").unwrap(), "Rohan");
        assert_eq!(surface("AL-QAEDA").unwrap(), "Al-Qaeda");
        assert_eq!(surface("U.S.").unwrap(), "U.S.");
        assert!(surface("WAS").is_none());
    }

    #[test]
    fn restrictions_are_inclusive_and_first_match_wins() {
        let specs = vec![
            spec("HOB"),
            spec("HOBCIV <20080120"),
            spec("ORCHOB 20100109-20100112"),
            spec("HOBMIL 20080120-20121109"),
            spec("HOBELI >20130119"),
        ];
        let roles = compile_roles(&specs);
        let on = |s: &str| {
            roles
                .iter()
                .find(|r| r.holds_on(d(s)))
                .map(|r| r.code.full.clone())
        };
        assert_eq!(on("2008-01-19").as_deref(), Some("HOBCIV"));
        // Both restrictions include 2008-01-20: the first listed wins.
        assert_eq!(on("2008-01-20").as_deref(), Some("HOBCIV"));
        assert_eq!(on("2008-01-21").as_deref(), Some("HOBMIL"));
        assert_eq!(on("2010-01-08").as_deref(), Some("HOBMIL"));
        assert_eq!(on("2010-01-09").as_deref(), Some("ORCHOB"));
        assert_eq!(on("2010-01-12").as_deref(), Some("ORCHOB"));
        assert_eq!(on("2010-01-13").as_deref(), Some("HOBMIL"));
        assert_eq!(on("2012-11-09").as_deref(), Some("HOBMIL"));
        assert_eq!(on("2012-11-10").as_deref(), Some("HOB"));
        assert_eq!(on("2013-01-18").as_deref(), Some("HOB"));
        assert_eq!(on("2013-01-19").as_deref(), Some("HOBELI"));
        // Roles do not overlap.
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                assert!(a.end.is_some_and(|e| b.start.is_some_and(|s| e <= s)));
            }
        }
    }

    #[test]
    fn null_periods_and_short_dates() {
        let roles = compile_roles(&[spec("--- <950630"), spec("DOL")]);
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].start, Some(d("1995-07-01")));
        assert_eq!(roles[0].end, None);
        assert_eq!(parse_date("011222").unwrap(), d("2001-12-22"));
        assert_eq!(parse_date("950601").unwrap(), d("1995-06-01"));
        assert!(parse_date("20100931").is_err());
        assert!(parse_spec("KORGOV 20061201-20040101").is_err());
        let (first, several, _) = parse_spec("FRO/BIL/SAM").unwrap();
        let (d, _, note) = parse_spec("MNEGOV 20121204").unwrap();
        assert!(note.is_some() && d[0].when == Restriction::Always);
        assert!(several);
        assert_eq!(first[0].code.as_ref().unwrap().full, "FRO");
        assert!(parse_spec("FRO/b!l").is_err());
    }
}

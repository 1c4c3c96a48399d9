//! Date expressions in news text → TIMEX3 calendar values.
//!
//! A small rule-based normaliser for the date half of temporal tagging: it
//! turns an English date expression ("Sept. 27", "last Tuesday", "two weeks
//! ago", "the third quarter") into a TIMEX3 `value`, resolved against an
//! anchor date — normally the publication date of the article.
//!
//! - [`normalize`] resolves one expression with no tense hint;
//! - [`normalize_with_tense`] does the same with the tense of the clause;
//! - [`find`] scans a sentence and returns every date expression it finds
//!   with its byte span and value.
//!
//! # Values
//!
//! | value          | precision                   | example                      |
//! |----------------|-----------------------------|------------------------------|
//! | `1998-01-08`   | [`Precision::Day`]          | "Jan. 8, 1998", "yesterday", "Christmas" |
//! | `1998-01-08TMO`| [`Precision::PartOfDay`]    | "this morning", "Friday night" (`MO` `AF` `EV` `NI`) |
//! | `1998-01-08T22:00` | [`Precision::Time`]     | "10 p.m. Wednesday", "noon Friday" |
//! | `1998-W02`     | [`Precision::Week`]         | "last week" (ISO weeks)      |
//! | `1998-W02-WE`  | [`Precision::Week`]         | "the weekend"                |
//! | `1998-01`      | [`Precision::Month`]        | "January", "last month"      |
//! | `1998-Q1`      | [`Precision::Quarter`]      | "the first quarter"          |
//! | `1998-H1`      | [`Precision::Half`]         | "the first half of 1998"     |
//! | `1998-SU`      | [`Precision::Season`]       | "this summer" (`SP` `SU` `FA` `WI`) |
//! | `1998`         | [`Precision::Year`]         | "1998", "next year"          |
//! | `199`          | [`Precision::Decade`]       | "the 1990s", "the '90s"      |
//! | `19`           | [`Precision::Century`]      | "the 20th century", "the 1900s" |
//! | `PRESENT_REF`, `PAST_REF`, `FUTURE_REF` | [`Precision::Ref`] | "now", "recently", "the future" |
//! | `P9M`, `PT2H`, `PXY` | [`Precision::Duration`] | "the nine months", "two hours", "several years" |
//! | `XXXX-WXX-4`, `P1M`, `XXXX-XX-XX` | [`Precision::Set`] | "each Thursday", "every month", "daily" |
//!
//! Durations and sets are only given by [`normalize`] and
//! [`normalize_with_tense`], when the text as a whole reads as one; [`find`]
//! looks for dates only.
//!
//! # Resolution rules
//!
//! Expressions that name a calendar unit without fixing it ("Friday",
//! "March", "Sept. 27", "the third quarter", "summer") are resolved relative
//! to the anchor, using the [`Tense`] hint. [`Tense::Present`] doubles as
//! "no hint" and leans to the past, as news does.
//!
//! - **Weekdays.** Past and present pick the most recent such day, future
//!   the next one; the anchor's own weekday is the anchor itself in every
//!   tense (news style names the day even for "today"). "last Friday" is
//!   strictly before the anchor, "next Friday" strictly after (the first
//!   one), "this Friday" looks forward unless the tense is past. "Monday
//!   next week" is in the given ISO week.
//! - **Months, month-days and holidays** ("March", "Sept. 27",
//!   "Christmas"). Past picks the latest occurrence on or before the anchor
//!   (for a month, the anchor's month counts), future the earliest on or
//!   after. Present takes the next occurrence only when it is soon — a month
//!   at most three months ahead, a day at most 122 days ahead — and the
//!   latest past one otherwise: in October, "January" is next January and
//!   "March" last March. "last March" / "next March" are strictly before /
//!   after the anchor's month; "this March" is in the anchor's year.
//! - **Quarters and halves** without a year: the latest one that has begun
//!   by the anchor (past and present), or the next one not yet over (future).
//!   "the quarter", "the latest quarter", "last quarter" are the previous
//!   (last reported) quarter; "this quarter", "the current quarter" the
//!   anchor's own; "the year-ago quarter" is the last reported quarter a
//!   year before.
//! - **Seasons.** Spring is March–May, summer June–August, fall September–
//!   November, winter December–February, named by the year of its December
//!   (so January 1998 is in `1997-WI`). Bare "summer" / "this summer":
//!   nearest (present; ties go forward), latest begun (past) or next not
//!   over (future); "last"/"next" are strictly before/after the anchor's
//!   season.
//! - **Relative units.** "this/last/next week|month|quarter|year|decade|century"
//!   shift by one unit; "the past/previous year" is the previous year; "the
//!   year", "the full year" and "year-end" are the anchor's. "N days/weeks
//!   ago" are days, "N months ago" a month, "N years ago" a year, and so on;
//!   "in N units" and "N units from now" go forward; "a year earlier" counts
//!   like "a year ago". Vague counts ("several years ago", "in a few weeks",
//!   "recent years", "coming months") give `PAST_REF` / `FUTURE_REF`.
//! - **Modifiers** that TIMEX3 keeps outside the value ("early", "late",
//!   "mid-", "earlier", "later", "the end of", "the middle of", "the
//!   beginning of") are part of the span and leave the value unchanged:
//!   "earlier this month" is the anchor's month, "late last year" the
//!   previous year.
//! - **Numeric dates**: `1998-01-08` (optionally with `T10:00`),
//!   `1998/01/08`, and slashed dates in US order (`01/08/1998` is January 8);
//!   when the first number cannot be a month (`25/12/1998`) it is read
//!   day-first. Two-digit years are 20xx up to ten years after the anchor,
//!   19xx otherwise; two-digit decades ("the '80s") are the latest that has
//!   begun by the anchor. Spelled years ("nineteen ninety-six", "the year two
//!   thousand") are read too.
//!
//! # `find`
//!
//! [`find`] is stricter than [`normalize`]: it needs month names and
//! holidays capitalised (lowercase "may" and "march" are never months without
//! a number after them, in either function), a determiner or preposition
//! before a bare season (so "prices fall" is not autumn, nor "the fall of
//! Rome"), no currency sign or percent next to a year, and it skips words that
//! are dates only in context ("current", "recent", "earlier", "later",
//! "once", "the day"). It also uses the rest of the text for one rule:
//! "a year ago" / "a year earlier" / "year-earlier" become the same quarter a
//! year before when the text names a quarter of the following year ("third-
//! quarter profit fell from a year earlier" → the third quarter a year back).
//!
//! Everything is total: any input, however long or odd, gives a value or
//! `None` without panicking; values outside years 1–9999 give `None`.

use std::ops::Range;

use jiff::civil::Date;

/// Tense of the clause a date expression belongs to: the hint that picks
/// past or future for bare weekdays, months and seasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tense {
    /// Past tense: bare weekdays and months look back.
    Past,
    /// Present tense, or no hint: weekdays look back (news default), months
    /// and month-days look forward only when the next one is soon, seasons
    /// take the nearest occurrence.
    #[default]
    Present,
    /// Future tense: bare weekdays and months look forward.
    Future,
}

/// How much of the calendar a [`Timex`] value pins down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A calendar day: `1998-01-08`.
    Day,
    /// A part of a day: `1998-01-08TMO` (morning), `TAF`, `TEV`, `TNI`.
    PartOfDay,
    /// A clock time on a day: `1998-01-08T22:00`.
    Time,
    /// An ISO week `1998-W02`, or its weekend `1998-W02-WE`.
    Week,
    /// A month: `1998-01`.
    Month,
    /// A quarter: `1998-Q1`.
    Quarter,
    /// A half year: `1998-H1`.
    Half,
    /// A season: `1998-SU`.
    Season,
    /// A year: `1998`.
    Year,
    /// A decade: `199`.
    Decade,
    /// A century: `19`.
    Century,
    /// `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    Ref,
    /// A length of time, not a date: `P9M`, `PT2H`, `PXY` (only from
    /// [`normalize`] and [`normalize_with_tense`], never from [`find`]).
    Duration,
    /// A recurring time: `XXXX-WXX-4` ("each Thursday"), `P1M` ("every
    /// month"), `XXXX-XX-XX` ("daily") (only from [`normalize`] and
    /// [`normalize_with_tense`], never from [`find`]).
    Set,
}

/// A normalised date: its TIMEX3 `value` and how precise it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timex {
    /// TIMEX3 value, e.g. `1998-01-08`, `1998-W02`, `199`, `PAST_REF`.
    pub value: String,
    /// What the value pins down.
    pub precision: Precision,
}

/// TIMEX3-style value of a date expression, relative to an anchor (publication) date.
///
/// Uses [`Tense::Present`], i.e. no tense hint: bare weekdays resolve to the
/// most recent one (the anchor itself on the same weekday), bare months and
/// month-days to the next occurrence when it is soon and to the last one
/// otherwise (see the module rules). When the text holds more than the
/// expression, the first expression in it is used (the longest reading at
/// that position: a date, or else a set or a duration such as `P9M`).
///
/// ```
/// use dyad_core::time::normalize;
/// let anchor = jiff::civil::date(2020, 10, 20);
/// assert_eq!(normalize("Sept. 27", anchor).as_deref(), Some("2020-09-27"));
/// assert_eq!(normalize("last year", anchor).as_deref(), Some("2019"));
/// assert_eq!(normalize("the 1990s", anchor).as_deref(), Some("199"));
/// assert_eq!(normalize("no date here", anchor), None);
/// ```
pub fn normalize(text: &str, anchor: Date) -> Option<String> {
    normalize_with_tense(text, anchor, Tense::Present).map(|t| t.value)
}

/// Same with a tense hint to choose past or future for bare weekdays/months.
///
/// ```
/// use dyad_core::time::{normalize_with_tense, Precision, Tense};
/// let anchor = jiff::civil::date(2020, 10, 20); // a Tuesday
/// let t = normalize_with_tense("on Friday", anchor, Tense::Future).unwrap();
/// assert_eq!((t.value.as_str(), t.precision), ("2020-10-23", Precision::Day));
/// let t = normalize_with_tense("on Friday", anchor, Tense::Past).unwrap();
/// assert_eq!(t.value, "2020-10-16");
/// ```
pub fn normalize_with_tense(text: &str, anchor: Date, tense: Tense) -> Option<Timex> {
    let toks = tokenize(text);
    let p = Parser::new(&toks, anchor, tense, false);
    (0..toks.len()).find_map(|i| {
        // The longest reading wins; on a tie a date beats a set beats a duration.
        let date = p.parse_at(i).and_then(|(e, v)| Some((e, v.timex()?)));
        let mut best = date;
        for (e, t) in [p.set(i), p.duration(i)].into_iter().flatten() {
            if best.as_ref().is_none_or(|(be, _)| e > *be) {
                best = Some((e, t));
            }
        }
        best.map(|(_, t)| t)
    })
}

/// Finds date expressions in a sentence: byte spans (relative to the given text) with their normalised value.
///
/// Spans are non-overlapping and in text order; each is the longest
/// expression starting at its position. Leading prepositions ("on", "in")
/// are not part of a span, except in "in two weeks" where they carry the
/// meaning.
///
/// ```
/// use dyad_core::time::{find, Tense};
/// let anchor = jiff::civil::date(2020, 10, 20);
/// let text = "Fighting broke out on Sept. 27 and resumed last week.";
/// let found = find(text, anchor, Tense::Past);
/// let got: Vec<(&str, &str)> =
///     found.iter().map(|(r, t)| (&text[r.clone()], t.value.as_str())).collect();
/// assert_eq!(got, [("Sept. 27", "2020-09-27"), ("last week", "2020-W42")]);
/// ```
pub fn find(text: &str, anchor: Date, tense: Tense) -> Vec<(Range<usize>, Timex)> {
    let toks = tokenize(text);
    let p = Parser::new(&toks, anchor, tense, true);
    let mut hits: Vec<(Range<usize>, V)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((end, v)) = p.parse_at(i) {
            if end > i && v.timex().is_some() {
                if let (Some(first), Some(last)) = (toks.get(i), toks.get(end - 1)) {
                    hits.push((first.start..last.end, v));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    // "Third-quarter profit fell from a year earlier": "a year earlier" is
    // the same quarter a year before, when the text names that quarter.
    let quarters: Vec<(usize, i64)> = hits
        .iter()
        .filter_map(|(r, v)| {
            if let V::Quarter(q) = v {
                Some((r.start, *q))
            } else {
                None
            }
        })
        .collect();
    for (r, v) in &mut hits {
        if let V::YearBack(y) = *v {
            let near = quarters
                .iter()
                .filter(|(_, q)| q.div_euclid(4) == y + 1)
                .min_by_key(|(at, _)| at.abs_diff(r.start));
            if let Some((_, q)) = near {
                *v = V::Quarter(q - 4);
            }
        }
    }
    hits.into_iter()
        .filter_map(|(r, v)| Some((r, v.timex()?)))
        .collect()
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
struct Tok {
    /// Lowercased text (for numbers: the digits; for punctuation: the char).
    lo: String,
    start: usize,
    end: usize,
    kind: Kind,
    /// Value of the digits of a number (None when too long).
    num: Option<i64>,
    /// Number of digits of a number.
    nd: usize,
    /// Lowercased letters glued after the digits ("1990s" → "s", "8th" → "th").
    suf: String,
    /// A hyphen joins this token to the previous one ("third-quarter").
    hyph: bool,
    /// No space between this token and the previous one.
    glued: bool,
    /// Starts with an uppercase letter.
    cap: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space = true;
    let mut hyph = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            hyph = false;
            continue;
        }
        let glued = !space && !toks.is_empty();
        if c == '-' || c == '\u{2010}' || c == '\u{2011}' {
            let next_joins = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if glued && next_joins {
                hyph = true;
                continue;
            }
        }
        let mut end = start + c.len_utf8();
        let tok = if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(&(i, n)) = chars.peek() {
                if !n.is_ascii_digit() {
                    break;
                }
                digits.push(n);
                end = i + n.len_utf8();
                chars.next();
            }
            let mut suf = String::new();
            while let Some(&(i, n)) = chars.peek() {
                if !n.is_ascii_alphabetic() {
                    break;
                }
                suf.push(n.to_ascii_lowercase());
                end = i + n.len_utf8();
                chars.next();
            }
            let nd = digits.len();
            let num = if nd <= 12 {
                digits.parse::<i64>().ok()
            } else {
                None
            };
            Tok {
                lo: digits,
                start,
                end,
                kind: Kind::Num,
                num,
                nd,
                suf,
                hyph,
                glued,
                cap: false,
            }
        } else if c.is_alphabetic() {
            let mut word = String::new();
            word.extend(c.to_lowercase());
            while let Some(&(i, n)) = chars.peek() {
                if !n.is_alphabetic() {
                    break;
                }
                word.extend(n.to_lowercase());
                end = i + n.len_utf8();
                chars.next();
            }
            Tok {
                lo: word,
                start,
                end,
                kind: Kind::Word,
                num: None,
                nd: 0,
                suf: String::new(),
                hyph,
                glued,
                cap: c.is_uppercase(),
            }
        } else {
            let lo = match c {
                '\u{2019}' | '\u{2018}' | '`' => '\''.to_string(),
                _ => c.to_string(),
            };
            Tok {
                lo,
                start,
                end,
                kind: Kind::Punct,
                num: None,
                nd: 0,
                suf: String::new(),
                hyph,
                glued,
                cap: false,
            }
        };
        toks.push(tok);
        space = false;
        hyph = false;
    }
    toks
}

// ---------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian).

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_date(y: i64, m: i64, d: i64) -> bool {
    (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Monday = 0 … Sunday = 6.
fn weekday_of_day(n: i64) -> i64 {
    (n + 3).rem_euclid(7)
}

fn jiff_date(n: i64) -> Option<Date> {
    let (y, m, d) = civil_from_days(n);
    if !valid_date(y, m, d) {
        return None;
    }
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// Which occurrence of a periodic unit to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// Latest on or before the anchor.
    BackIncl,
    /// Latest strictly before the anchor.
    BackStrict,
    /// Earliest on or after the anchor.
    FwdIncl,
    /// Earliest strictly after the anchor.
    FwdStrict,
    /// Nearest; ties go forward when the flag is set.
    Nearest(bool),
}

/// Index congruent to `r` modulo `p`, chosen relative to the current index `c`.
fn pick(c: i64, r: i64, p: i64, dir: Dir) -> i64 {
    let back = (c - r).rem_euclid(p);
    let le = c - back;
    let ge = if back == 0 { c } else { le + p };
    match dir {
        Dir::BackIncl => le,
        Dir::BackStrict => {
            if back == 0 {
                c - p
            } else {
                le
            }
        }
        Dir::FwdIncl => ge,
        Dir::FwdStrict => {
            if back == 0 {
                c + p
            } else {
                ge
            }
        }
        Dir::Nearest(fwd) => {
            let (db, df) = (c - le, ge - c);
            if db < df || (db == df && !fwd) {
                le
            } else {
                ge
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Values

/// With no tense hint, a month-day this many days ahead or less is taken
/// in the future; anything further ahead is taken in the past.
const SOON_DAYS: i64 = 122;
/// Same for month names, counted in months ("January" in October is next
/// January, "March" in October the last one).
const SOON_MONTHS: i64 = 3;

const PRESENT: &str = "PRESENT_REF";
const PAST: &str = "PAST_REF";
const FUTURE: &str = "FUTURE_REF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum V {
    /// Day number.
    Day(i64),
    /// Day number and part of day (`MO`, `AF`, `EV`, `NI`).
    DayPart(i64, &'static str),
    /// Day number, hour (0–24) and minute.
    DayTime(i64, i64, i64),
    /// Any day number in the ISO week.
    Week(i64),
    /// Any day number in the ISO week whose weekend is meant.
    Weekend(i64),
    /// year * 12 + month - 1.
    Month(i64),
    /// year * 4 + quarter - 1.
    Quarter(i64),
    /// year * 2 + half - 1.
    Half(i64),
    /// year * 4 + season (SP 0, SU 1, FA 2, WI 3).
    Season(i64),
    Year(i64),
    /// "a year ago", "year-earlier": a year, or the same quarter a year
    /// before when the sentence is about a quarter (see [`find`]).
    YearBack(i64),
    /// year / 10.
    Decade(i64),
    /// year / 100.
    Century(i64),
    Ref(&'static str),
}

fn year_ok(y: i64) -> Option<i64> {
    (1..=9999).contains(&y).then_some(y)
}

impl V {
    fn timex(self) -> Option<Timex> {
        let (value, precision) = match self {
            V::Day(n) => {
                let (y, m, d) = civil_from_days(n);
                year_ok(y)?;
                (format!("{y:04}-{m:02}-{d:02}"), Precision::Day)
            }
            V::DayPart(n, part) => {
                let (y, m, d) = civil_from_days(n);
                year_ok(y)?;
                (format!("{y:04}-{m:02}-{d:02}T{part}"), Precision::PartOfDay)
            }
            V::DayTime(n, h, min) => {
                let (y, m, d) = civil_from_days(n);
                year_ok(y)?;
                (
                    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}"),
                    Precision::Time,
                )
            }
            V::Week(n) | V::Weekend(n) => {
                let w = jiff_date(n)?.iso_week_date();
                let y = year_ok(i64::from(w.year()))?;
                let we = if matches!(self, V::Weekend(_)) {
                    "-WE"
                } else {
                    ""
                };
                (format!("{y:04}-W{:02}{we}", w.week()), Precision::Week)
            }
            V::Month(k) => {
                let y = year_ok(k.div_euclid(12))?;
                (
                    format!("{y:04}-{:02}", k.rem_euclid(12) + 1),
                    Precision::Month,
                )
            }
            V::Quarter(k) => {
                let y = year_ok(k.div_euclid(4))?;
                (
                    format!("{y:04}-Q{}", k.rem_euclid(4) + 1),
                    Precision::Quarter,
                )
            }
            V::Half(k) => {
                let y = year_ok(k.div_euclid(2))?;
                (format!("{y:04}-H{}", k.rem_euclid(2) + 1), Precision::Half)
            }
            V::Season(k) => {
                let y = year_ok(k.div_euclid(4))?;
                let s = ["SP", "SU", "FA", "WI"][k.rem_euclid(4) as usize];
                (format!("{y:04}-{s}"), Precision::Season)
            }
            V::Year(y) | V::YearBack(y) => (format!("{:04}", year_ok(y)?), Precision::Year),
            V::Decade(d) => {
                if !(0..=999).contains(&d) {
                    return None;
                }
                (format!("{d:03}"), Precision::Decade)
            }
            V::Century(c) => {
                if !(0..=99).contains(&c) {
                    return None;
                }
                (format!("{c:02}"), Precision::Century)
            }
            V::Ref(r) => (r.to_string(), Precision::Ref),
        };
        Some(Timex { value, precision })
    }
}

// ---------------------------------------------------------------------------
// Lexicon

fn month_of(w: &str) -> Option<(i64, bool)> {
    // (month, is an abbreviation)
    Some(match w {
        "january" => (1, false),
        "jan" => (1, true),
        "february" => (2, false),
        "feb" => (2, true),
        "march" => (3, false),
        "mar" => (3, true),
        "april" => (4, false),
        "apr" => (4, true),
        "may" => (5, false),
        "june" => (6, false),
        "jun" => (6, true),
        "july" => (7, false),
        "jul" => (7, true),
        "august" => (8, false),
        "aug" => (8, true),
        "september" => (9, false),
        "sept" | "sep" => (9, true),
        "october" => (10, false),
        "oct" => (10, true),
        "november" => (11, false),
        "nov" => (11, true),
        "december" => (12, false),
        "dec" => (12, true),
        _ => return None,
    })
}

fn weekday_name(w: &str) -> Option<(i64, bool)> {
    // (Monday = 0, is an abbreviation)
    Some(match w {
        "monday" => (0, false),
        "tuesday" => (1, false),
        "wednesday" => (2, false),
        "thursday" => (3, false),
        "friday" => (4, false),
        "saturday" => (5, false),
        "sunday" => (6, false),
        "mon" => (0, true),
        "tue" | "tues" => (1, true),
        "wed" => (2, true),
        "thu" | "thur" | "thurs" => (3, true),
        "fri" => (4, true),
        "sat" => (5, true),
        "sun" => (6, true),
        _ => return None,
    })
}

fn small_number(w: &str) -> Option<i64> {
    const WORDS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    WORDS.iter().position(|x| *x == w).map(|n| n as i64)
}

fn tens_number(w: &str) -> Option<i64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn tens_plural(w: &str) -> Option<i64> {
    Some(match w {
        "twenties" => 20,
        "thirties" => 30,
        "forties" => 40,
        "fifties" => 50,
        "sixties" => 60,
        "seventies" => 70,
        "eighties" => 80,
        "nineties" => 90,
        _ => return None,
    })
}

fn small_ordinal(w: &str) -> Option<i64> {
    const WORDS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    WORDS.iter().position(|x| *x == w).map(|n| n as i64 + 1)
}

fn tens_ordinal(w: &str) -> Option<i64> {
    Some(match w {
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// (unit, plural)
fn unit_of(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

fn season_of(w: &str) -> Option<i64> {
    Some(match w {
        "spring" => 0,
        "summer" => 1,
        "fall" | "autumn" => 2,
        "winter" => 3,
        _ => return None,
    })
}

fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy)]
enum Lex {
    /// Offset in days from the anchor.
    Day(i64),
    /// Offset in days and part of day.
    Part(i64, &'static str),
    Ref(&'static str),
}

/// Fixed phrases; the `bool` marks entries that are dates only in context
/// (skipped by [`find`]).
const LEXICON: &[(&[&str], Lex, bool)] = &[
    (&["the", "day", "before", "yesterday"], Lex::Day(-2), false),
    (&["the", "day", "after", "tomorrow"], Lex::Day(2), false),
    (&["today"], Lex::Day(0), false),
    (&["tonight"], Lex::Day(0), false),
    (&["yesterday"], Lex::Day(-1), false),
    (&["tomorrow"], Lex::Day(1), false),
    (&["last", "night"], Lex::Part(-1, "NI"), false),
    (&["this", "morning"], Lex::Part(0, "MO"), false),
    (&["this", "afternoon"], Lex::Part(0, "AF"), false),
    (&["this", "evening"], Lex::Part(0, "EV"), false),
    (&["now"], Lex::Ref(PRESENT), false),
    (&["right", "now"], Lex::Ref(PRESENT), false),
    (&["currently"], Lex::Ref(PRESENT), false),
    (&["presently"], Lex::Ref(PRESENT), false),
    (&["nowadays"], Lex::Ref(PRESENT), false),
    (&["these", "days"], Lex::Ref(PRESENT), false),
    (&["at", "present"], Lex::Ref(PRESENT), false),
    (&["the", "present"], Lex::Ref(PRESENT), false),
    (&["at", "the", "moment"], Lex::Ref(PRESENT), false),
    (&["recently"], Lex::Ref(PAST), false),
    (&["more", "recently"], Lex::Ref(PAST), false),
    (&["most", "recently"], Lex::Ref(PAST), false),
    (&["previously"], Lex::Ref(PAST), false),
    (&["formerly"], Lex::Ref(PAST), false),
    (&["the", "past"], Lex::Ref(PAST), false),
    (&["long", "ago"], Lex::Ref(PAST), false),
    (&["soon"], Lex::Ref(FUTURE), false),
    (&["the", "future"], Lex::Ref(FUTURE), false),
    (&["the", "near", "future"], Lex::Ref(FUTURE), false),
    (&["the", "distant", "future"], Lex::Ref(FUTURE), false),
    (&["the", "foreseeable", "future"], Lex::Ref(FUTURE), false),
    (&["the", "near", "term"], Lex::Ref(FUTURE), false),
    (&["the", "short", "term"], Lex::Ref(FUTURE), false),
    (&["the", "medium", "term"], Lex::Ref(FUTURE), false),
    (&["the", "long", "term"], Lex::Ref(FUTURE), false),
    (&["the", "longer", "term"], Lex::Ref(FUTURE), false),
    (&["a", "later", "date"], Lex::Ref(FUTURE), false),
    (&["as", "soon", "as", "possible"], Lex::Ref(FUTURE), false),
    (&["current"], Lex::Ref(PRESENT), true),
    (&["recent"], Lex::Ref(PAST), true),
    (&["earlier"], Lex::Ref(PAST), true),
    (&["once"], Lex::Ref(PAST), true),
    (&["future"], Lex::Ref(FUTURE), true),
    (&["later"], Lex::Ref(FUTURE), true),
    (&["the", "day"], Lex::Day(0), true),
];

// ---------------------------------------------------------------------------
// Parser

type Hit = Option<(usize, V)>;

struct Parser<'a> {
    t: &'a [Tok],
    tense: Tense,
    strict: bool,
    /// Anchor year, month (1–12), day number and weekday (Monday = 0).
    ay: i64,
    am: i64,
    aday: i64,
    awd: i64,
}

fn longer(a: Hit, b: Hit) -> Hit {
    match (a, b) {
        (Some((ea, _)), Some((eb, _))) if eb > ea => b,
        (None, b) => b,
        (a, _) => a,
    }
}

impl<'a> Parser<'a> {
    fn new(t: &'a [Tok], anchor: Date, tense: Tense, strict: bool) -> Self {
        let (ay, am, ad) = (
            i64::from(anchor.year()),
            i64::from(anchor.month()),
            i64::from(anchor.day()),
        );
        let aday = days_from_civil(ay, am, ad);
        Parser {
            t,
            tense,
            strict,
            ay,
            am,
            aday,
            awd: weekday_of_day(aday),
        }
    }

    // -- token helpers ------------------------------------------------------

    fn word(&self, i: usize) -> Option<&str> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.lo.as_str())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn any(&self, i: usize, ws: &[&str]) -> bool {
        self.word(i).is_some_and(|w| ws.contains(&w))
    }

    fn seq(&self, i: usize, ws: &[&str]) -> Option<usize> {
        ws.iter()
            .enumerate()
            .all(|(k, w)| self.is(i + k, w))
            .then_some(i + ws.len())
    }

    fn punct(&self, i: usize, c: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.lo == c)
    }

    fn skip(&self, i: usize, c: &str) -> usize {
        if self.punct(i, c) {
            i + 1
        } else {
            i
        }
    }

    /// Skips "the" at `i`.
    fn the(&self, i: usize) -> usize {
        if self.is(i, "the") {
            i + 1
        } else {
            i
        }
    }

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }

    /// A plain number (no letters glued).
    fn plain_num(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.tok(i)?;
        if t.kind == Kind::Num && t.suf.is_empty() {
            Some((t.num?, t.nd))
        } else {
            None
        }
    }

    // -- anchor-relative helpers ---------------------------------------------

    fn cur_month(&self) -> i64 {
        self.ay * 12 + self.am - 1
    }

    fn cur_quarter(&self) -> i64 {
        self.ay * 4 + (self.am - 1) / 3
    }

    fn cur_half(&self) -> i64 {
        self.ay * 2 + (self.am - 1) / 6
    }

    fn cur_season(&self) -> i64 {
        match self.am {
            3..=5 => self.ay * 4,
            6..=8 => self.ay * 4 + 1,
            9..=11 => self.ay * 4 + 2,
            12 => self.ay * 4 + 3,
            _ => (self.ay - 1) * 4 + 3,
        }
    }

    /// Direction for a bare weekday, which looks back unless the clause is
    /// in the future.
    fn dir_back_default(&self) -> Dir {
        match self.tense {
            Tense::Future => Dir::FwdIncl,
            _ => Dir::BackIncl,
        }
    }

    /// Direction for a bare expression in a unit that takes the nearest by
    /// default (months, seasons).
    fn dir_nearest_default(&self) -> Dir {
        match self.tense {
            Tense::Past => Dir::BackIncl,
            Tense::Future => Dir::FwdIncl,
            Tense::Present => Dir::Nearest(true),
        }
    }

    /// Two-digit year → four digits: 20xx up to ten years after the anchor.
    fn pivot_year(&self, yy: i64) -> i64 {
        let c = (self.ay / 100) * 100;
        let y = c + yy;
        if y > self.ay + 10 {
            y - 100
        } else {
            y
        }
    }

    /// Two-digit decade ("'80s") → the latest that has begun by the anchor.
    fn pivot_decade(&self, dd: i64) -> i64 {
        let c = (self.ay / 100) * 100;
        let y = c + dd;
        if y > self.ay {
            (y - 100) / 10
        } else {
            y / 10
        }
    }

    // -- entry ----------------------------------------------------------------

    fn parse_at(&self, i: usize) -> Hit {
        let tok = self.tok(i)?;
        if tok.kind == Kind::Punct && tok.lo != "'" {
            return None;
        }
        let mut best = self.core(i);
        if let Some(j) = self.modifiers(i) {
            if let Some((e, v)) = self.core(j) {
                if best.is_none_or(|(be, _)| e > be) {
                    best = Some((e, v));
                }
            }
        }
        // A day followed by a part of the day or a clock time: "Friday
        // night", "yesterday morning", "Wednesday at 10 p.m.".
        if let Some((e, V::Day(n))) = best {
            if let Some(part) = self.word(e).and_then(part_of_day) {
                return Some((e + 1, V::DayPart(n, part)));
            }
            let k = if self.is(e, "at") {
                e + 1
            } else {
                self.skip(e, ",")
            };
            if let Some((k, h, m)) = self.clock(k) {
                return Some((k, V::DayTime(n, h, m)));
            }
        }
        best
    }

    /// A clock time: "10 p.m.", "7:15 pm", "noon", "midnight", with an
    /// optional time zone abbreviation (not kept in the value).
    fn clock(&self, i: usize) -> Option<(usize, i64, i64)> {
        let (mut e, h, m) = match self.word(i) {
            Some("noon" | "midday") => (i + 1, 12, 0),
            Some("midnight") => (i + 1, 24, 0),
            _ => {
                let t = self.tok(i)?;
                let h = t
                    .num
                    .filter(|h| t.kind == Kind::Num && t.nd <= 2 && (1..=12).contains(h))?;
                let mut e = i + 1;
                let mut m = 0;
                let mut suf = t.suf.as_str();
                if suf.is_empty() && self.punct(e, ":") {
                    let t2 = self
                        .tok(e + 1)
                        .filter(|t2| t2.kind == Kind::Num && t2.nd == 2 && t2.glued)?;
                    m = t2.num.filter(|mm| *mm <= 59)?;
                    suf = t2.suf.as_str();
                    e += 2;
                }
                let suf = (!suf.is_empty()).then_some(suf);
                let pm = match suf {
                    Some("pm") => true,
                    Some("am") => false,
                    Some(_) => return None,
                    None => {
                        // "p.m.", "pm", "a.m."
                        let w = self.word(e)?;
                        let pm = match w {
                            "pm" => true,
                            "am" => false,
                            "p" | "a" if self.punct(e + 1, ".") && self.is(e + 2, "m") => {
                                e += 2;
                                w == "p"
                            }
                            _ => return None,
                        };
                        e += 1;
                        if self.punct(e, ".") {
                            e += 1;
                        }
                        pm
                    }
                };
                let h = match (h, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
                (e, h, m)
            }
        };
        if self.any(
            e,
            &[
                "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet",
            ],
        ) {
            e += 1;
        }
        Some((e, h, m))
    }

    /// "10 p.m. Wednesday", "noon Saturday", "5 p.m. EST, Nov. 6",
    /// "around 7:15 p.m." (the anchor's day), "mid-afternoon yesterday".
    fn time_of_day(&self, i: usize) -> Hit {
        if let Some(part) = self.word(i).and_then(part_of_day) {
            return match self.day_core(i + 1) {
                Some((e, V::Day(n))) => Some((e, V::DayPart(n, part))),
                _ => None,
            };
        }
        let (e, h, m) = self.clock(i)?;
        let k = if self.any(e, &["on", "of"]) {
            e + 1
        } else {
            self.skip(e, ",")
        };
        match self.day_core(k) {
            Some((e2, V::Day(n))) => Some((e2, V::DayTime(n, h, m))),
            _ => Some((e, V::DayTime(self.aday, h, m))),
        }
    }

    /// Consumes modifiers that keep the value ("early", "late last",
    /// "the end of", …); returns the index after them.
    fn modifiers(&self, i: usize) -> Option<usize> {
        let mut j = i;
        loop {
            let k = self.modifier(j);
            match k {
                Some(k) if k > j => j = k,
                _ => break,
            }
        }
        (j > i).then_some(j)
    }

    fn modifier(&self, i: usize) -> Option<usize> {
        let w = self.word(i)?;
        match w {
            "early" | "late" | "mid" | "around" | "sometime" | "about" | "approximately" => {
                Some(i + 1)
            }
            "earlier" | "later" => {
                if self.is(i + 1, "in") {
                    Some(i + 2)
                } else {
                    Some(i + 1)
                }
            }
            "as" if self.any(i + 1, &["early", "late"]) && self.is(i + 2, "as") => Some(i + 3),
            _ => {
                // [the] [very] end|beginning|start|middle|close|turn|rest of
                let mut j = self.the(i);
                if self.is(j, "very") {
                    j += 1;
                }
                if self.any(
                    j,
                    &[
                        "end",
                        "beginning",
                        "start",
                        "middle",
                        "close",
                        "turn",
                        "rest",
                        "remainder",
                        "balance",
                    ],
                ) && self.is(j + 1, "of")
                {
                    return Some(j + 2);
                }
                // [the] first|second|last|latter|final|early|later half|part of
                if self.any(
                    j,
                    &[
                        "first", "second", "last", "latter", "final", "early", "later", "earlier",
                        "latest",
                    ],
                ) && self.any(j + 1, &["half", "part", "days", "weeks", "months"])
                    && self.is(j + 2, "of")
                {
                    return Some(j + 3);
                }
                None
            }
        }
    }

    /// The alternatives that can give a plain day, for "10 p.m. Wednesday"
    /// and "mid-afternoon yesterday" (none of them recurses, so input
    /// length never turns into recursion depth).
    fn day_core(&self, i: usize) -> Hit {
        [
            self.weekday(i),
            self.month_expr(i),
            self.numeric(i),
            self.holiday(i),
        ]
        .into_iter()
        .fold(self.lexical(i), longer)
    }

    fn core(&self, i: usize) -> Hit {
        let mut best = self.lexical(i);
        for h in [
            self.weekday(i),
            self.month_expr(i),
            self.numeric(i),
            self.year(i),
            self.decade(i),
            self.century(i),
            self.units(i),
            self.vague(i),
            self.ago(i),
            self.year_ago(i),
            self.quarter(i),
            self.half(i),
            self.season(i),
            self.weekend(i),
            self.year_end(i),
            self.time_of_day(i),
            self.holiday(i),
            self.week_of_month(i),
        ] {
            best = longer(best, h);
        }
        best
    }

    // -- numbers ----------------------------------------------------------------

    /// Cardinal count: digits, words ("two", "twenty-one"), "a"/"an".
    fn card(&self, i: usize) -> Option<(usize, i64)> {
        if let Some((n, nd)) = self.plain_num(i) {
            return (nd <= 4).then_some((i + 1, n));
        }
        let w = self.word(i)?;
        if w == "a" || w == "an" {
            if self.is(i + 1, "couple") && self.is(i + 2, "of") {
                return Some((i + 3, 2));
            }
            if self.is(i + 1, "dozen") {
                return Some((i + 2, 12));
            }
            return Some((i + 1, 1));
        }
        if w == "couple" && self.is(i + 1, "of") {
            return Some((i + 2, 2));
        }
        if let Some(n) = small_number(w) {
            return Some((i + 1, n));
        }
        if let Some(t) = tens_number(w) {
            if let Some(u) = self
                .word(i + 1)
                .and_then(small_number)
                .filter(|u| (1..=9).contains(u))
            {
                return Some((i + 2, t + u));
            }
            return Some((i + 1, t));
        }
        None
    }

    /// Vague count: "a few", "several", "some", "many".
    fn vague_count(&self, i: usize) -> Option<usize> {
        if self.is(i, "a") && self.is(i + 1, "few") {
            return Some(i + 2);
        }
        self.any(i, &["few", "several", "some", "many"])
            .then_some(i + 1)
    }

    /// Ordinal: "8th", "third", "twenty-first".
    fn ordinal(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        if t.kind == Kind::Num {
            let n = t.num?;
            let ok = match t.suf.as_str() {
                "st" => n % 10 == 1 && n % 100 != 11,
                "nd" => n % 10 == 2 && n % 100 != 12,
                "rd" => n % 10 == 3 && n % 100 != 13,
                "th" => true,
                _ => false,
            };
            return (ok && t.nd <= 3).then_some((i + 1, n));
        }
        let w = self.word(i)?;
        if let Some(n) = small_ordinal(w).or_else(|| tens_ordinal(w)) {
            return Some((i + 1, n));
        }
        let t = tens_number(w)?;
        let u = self
            .word(i + 1)
            .and_then(small_ordinal)
            .filter(|u| *u <= 9)?;
        Some((i + 2, t + u))
    }

    /// Day of month: "8", "8th", "eighth", "twenty-first".
    fn day_num(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        let (e, d) = if t.kind == Kind::Num {
            if t.nd > 2 {
                return None;
            }
            if t.suf.is_empty() {
                (i + 1, t.num?)
            } else {
                self.ordinal(i)?
            }
        } else {
            self.ordinal(i)?
        };
        (1..=31).contains(&d).then_some((e, d))
    }

    /// Spelled two-digit number 10–99 ("ninety-six", "nineteen").
    fn spelled_2(&self, i: usize) -> Option<(usize, i64)> {
        let w = self.word(i)?;
        if let Some(n) = small_number(w).filter(|n| *n >= 10) {
            return Some((i + 1, n));
        }
        let t = tens_number(w)?;
        if let Some(u) = self
            .word(i + 1)
            .and_then(small_number)
            .filter(|u| (1..=9).contains(u))
        {
            return Some((i + 2, t + u));
        }
        Some((i + 1, t))
    }

    /// Spelled year: "nineteen ninety-six", "two thousand (and) one",
    /// "nineteen hundred".
    fn spelled_year(&self, i: usize) -> Option<(usize, i64)> {
        if let Some(j) = self.seq(i, &["two", "thousand"]) {
            let k = if self.is(j, "and") { j + 1 } else { j };
            if let Some((e, n)) = self.spelled_2(k) {
                return Some((e, 2000 + n));
            }
            if let Some(u) = self
                .word(k)
                .and_then(small_number)
                .filter(|u| (1..=9).contains(u))
            {
                return Some((k + 1, 2000 + u));
            }
            return Some((j, 2000));
        }
        let (j, c) = self.spelled_2(i)?;
        if !(11..=20).contains(&c) {
            return None;
        }
        if self.is(j, "hundred") {
            if self.strict {
                // "twelve hundred people"
                return None;
            }
            let k = if self.is(j + 1, "and") { j + 2 } else { j + 1 };
            if let Some((e, n)) = self.spelled_2(k) {
                return Some((e, c * 100 + n));
            }
            if let Some(u) = self
                .word(k)
                .and_then(small_number)
                .filter(|u| (1..=9).contains(u))
            {
                return Some((k + 1, c * 100 + u));
            }
            return Some((j + 1, c * 100));
        }
        if self.is(j, "oh") {
            let u = self
                .word(j + 1)
                .and_then(small_number)
                .filter(|u| (1..=9).contains(u))?;
            return Some((j + 2, c * 100 + u));
        }
        let (e, n) = self.spelled_2(j)?;
        Some((e, c * 100 + n))
    }

    /// A year: "1998", "'98", "nineteen ninety-eight".
    fn year_tok(&self, i: usize) -> Option<(usize, i64)> {
        if let Some((n, nd)) = self.plain_num(i) {
            if nd == 4 && (1000..=2999).contains(&n) && !self.punct(i + 1, "'") {
                return Some((i + 1, n));
            }
            return None;
        }
        if self.punct(i, "'") {
            let t = self.tok(i + 1)?;
            if t.glued
                && t.kind == Kind::Num
                && t.nd == 2
                && t.suf.is_empty()
                && !self.punct(i + 2, "'")
            {
                return Some((i + 2, self.pivot_year(t.num?)));
            }
            return None;
        }
        self.spelled_year(i)
    }

    /// "last year", "this year", "next year", with optional "of".
    fn rel_year(&self, i: usize) -> Option<(usize, i64)> {
        let j = if self.is(i, "of") { i + 1 } else { i };
        let off = match self.word(j)? {
            "last" | "past" | "previous" => -1,
            "this" | "current" => 0,
            "next" | "coming" => 1,
            _ => return None,
        };
        self.is(j + 1, "year").then_some((j + 2, self.ay + off))
    }

    /// An explicit year after a month, quarter or season: "1998", "of 1998",
    /// ", 1998", "last year".
    fn trailing_year(&self, i: usize) -> Option<(usize, i64)> {
        if let Some(r) = self.rel_year(i) {
            return Some(r);
        }
        let j = if self.is(i, "of") {
            i + 1
        } else {
            self.skip(i, ",")
        };
        self.year_tok(j)
    }

    // -- lexicon ---------------------------------------------------------------

    fn lexical(&self, i: usize) -> Hit {
        let mut best: Hit = None;
        for (words, lex, weak) in LEXICON {
            if *weak && self.strict {
                continue;
            }
            let Some(e) = self.seq(i, words) else {
                continue;
            };
            // "the long-term outlook" is not a time
            if self.strict
                && self
                    .t
                    .get(i + 1..e)
                    .is_some_and(|ts| ts.iter().any(|t| t.hyph))
            {
                continue;
            }
            if best.is_some_and(|(be, _)| be >= e) {
                continue;
            }
            let v = match *lex {
                Lex::Day(off) => V::Day(self.aday + off),
                Lex::Part(off, p) => V::DayPart(self.aday + off, p),
                Lex::Ref(r) => V::Ref(r),
            };
            best = Some((e, v));
        }
        best
    }

    // -- weekdays --------------------------------------------------------------

    fn weekday(&self, i: usize) -> Hit {
        let (j, dir) = self.qualifier(i);
        let w = self.word(j)?;
        let (wd, abbr) = weekday_name(w)?;
        let mut e = j + 1;
        if abbr {
            let cap = self.tok(j).is_some_and(|t| t.cap);
            if self.strict || !cap || !self.punct(e, ".") {
                return None;
            }
            e += 1;
        }
        // "Saturday, April 25": the explicit date wins.
        let k = self.skip(e, ",");
        if let Some((e2, v @ V::Day(_))) = self.month_expr(k) {
            return Some((e2, v));
        }
        // "Monday next week"
        if let Some(off) = self.week_ref(e) {
            let monday = self.aday - self.awd + 7 * off.1;
            return Some((off.0, V::Day(monday + wd)));
        }
        let dir = dir.unwrap_or_else(|| self.dir_back_default());
        let off = pick(self.awd, wd, 7, dir) - self.awd;
        Some((e, V::Day(self.aday + off)))
    }

    /// "last week" / "this week" / "next week" after a weekday.
    fn week_ref(&self, i: usize) -> Option<(usize, i64)> {
        let off = match self.word(i)? {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        self.is(i + 1, "week").then_some((i + 2, off))
    }

    /// Qualifier before a weekday, month or season: returns the index after
    /// it and the direction it implies.
    fn qualifier(&self, i: usize) -> (usize, Option<Dir>) {
        let past = match self.tense {
            Tense::Past => Dir::BackIncl,
            _ => Dir::FwdIncl,
        };
        let j = self.the(i);
        let with_the = j > i;
        match self.word(j) {
            Some("last" | "previous" | "past") => (j + 1, Some(Dir::BackStrict)),
            Some("next" | "following" | "coming") => (j + 1, Some(Dir::FwdStrict)),
            Some("this") if !with_the => match self.word(j + 1) {
                Some("past") => (j + 2, Some(Dir::BackStrict)),
                Some("coming") => (j + 2, Some(Dir::FwdStrict)),
                _ => (j + 1, Some(past)),
            },
            _ => (i, None),
        }
    }

    // -- months ----------------------------------------------------------------

    /// A month name (with its optional abbreviation dot).
    fn month_tok(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        let (m, abbr) = month_of(self.word(i)?)?;
        if self.strict && !t.cap {
            return None;
        }
        let mut e = i + 1;
        if abbr && self.punct(e, ".") {
            e += 1;
        } else if abbr && self.strict && t.lo == "mar" {
            return None;
        }
        // lowercase "may" and "march" are verbs unless a number follows
        if !t.cap && !abbr && (m == 3 || m == 5) && self.tok(e).is_none_or(|n| n.kind != Kind::Num)
        {
            return None;
        }
        Some((e, m))
    }

    /// "the first week of March", "the last week of October 2019": the ISO
    /// week holding the middle of those seven days.
    fn week_of_month(&self, i: usize) -> Hit {
        let j = self.the(i);
        let nth = match self.word(j)? {
            "last" | "final" => 5,
            w => small_ordinal(w).filter(|n| *n <= 4)?,
        };
        if !self.is(j + 1, "week") || !self.is(j + 2, "of") {
            return None;
        }
        let (e, m) = self.month_tok(j + 3)?;
        let (e, k) = match self.trailing_year(e) {
            Some((e, y)) => (e, y * 12 + m - 1),
            None => (e, self.resolve_month(m, self.dir_nearest_default())),
        };
        let (y, m) = (k.div_euclid(12), k.rem_euclid(12) + 1);
        let day = if nth == 5 {
            days_in_month(y, m) - 3
        } else {
            7 * (nth - 1) + 4
        };
        valid_date(y, m, day).then(|| (e, V::Week(days_from_civil(y, m, day))))
    }

    /// Fixed-date and US holidays: "Christmas", "New Year's Eve",
    /// "Thanksgiving", with an optional year.
    fn holiday(&self, i: usize) -> Hit {
        let poss = |k: usize| {
            if self.punct(k, "'") && self.is(k + 1, "s") {
                k + 2
            } else {
                k
            }
        };
        let (e, md): (usize, Option<(i64, i64)>) = match self.word(i)? {
            "christmas" | "xmas" => match self.word(i + 1) {
                Some("eve") => (i + 2, Some((12, 24))),
                Some("day") => (i + 2, Some((12, 25))),
                _ => (i + 1, Some((12, 25))),
            },
            "new" if self.is(i + 1, "year") => {
                let k = poss(i + 2);
                match self.word(k) {
                    Some("eve") => (k + 1, Some((12, 31))),
                    Some("day") => (k + 1, Some((1, 1))),
                    _ => return None,
                }
            }
            "halloween" => (i + 1, Some((10, 31))),
            "valentine" => {
                let k = poss(i + 1);
                if !self.is(k, "day") {
                    return None;
                }
                (k + 1, Some((2, 14)))
            }
            "boxing" if self.is(i + 1, "day") => (i + 2, Some((12, 26))),
            "thanksgiving" => {
                let k = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                (k, None)
            }
            _ => return None,
        };
        if self.strict && !self.tok(i).is_some_and(|t| t.cap) {
            return None;
        }
        // US Thanksgiving: fourth Thursday of November
        let day_in = |y: i64| -> Option<i64> {
            match md {
                Some((m, d)) => valid_date(y, m, d).then(|| days_from_civil(y, m, d)),
                None => {
                    let first = days_from_civil(y, 11, 1);
                    let to_thu = (3 - weekday_of_day(first)).rem_euclid(7);
                    year_ok(y).map(|_| first + to_thu + 21)
                }
            }
        };
        if let Some((k, y)) = self.trailing_year(e) {
            return day_in(y).map(|n| (k, V::Day(n)));
        }
        self.resolve_yearly(day_in).map(|n| (e, V::Day(n)))
    }

    /// Resolves a month and day without a year.
    fn resolve_month_day(&self, m: i64, d: i64) -> Option<i64> {
        self.resolve_yearly(|y| valid_date(y, m, d).then(|| days_from_civil(y, m, d)))
    }

    /// Resolves a day that recurs every year (given as year → day number).
    fn resolve_yearly(&self, day_in: impl Fn(i64) -> Option<i64>) -> Option<i64> {
        let mut cands: Vec<i64> = ((self.ay - 4)..=(self.ay + 4)).filter_map(day_in).collect();
        cands.sort_unstable();
        let a = self.aday;
        match self.tense {
            Tense::Past => cands
                .iter()
                .rev()
                .find(|&&n| n <= a)
                .or(cands.first())
                .copied(),
            Tense::Future => cands.iter().find(|&&n| n >= a).or(cands.last()).copied(),
            Tense::Present => {
                let next = cands.iter().find(|&&n| n >= a).copied();
                let last = cands.iter().rev().find(|&&n| n <= a).copied();
                match (next, last) {
                    (Some(n), _) if n - a <= SOON_DAYS => Some(n),
                    (_, Some(l)) => Some(l),
                    (n, None) => n,
                }
            }
        }
    }

    fn resolve_month(&self, m: i64, dir: Dir) -> i64 {
        let c = self.cur_month();
        if let Dir::Nearest(_) = dir {
            let ge = pick(c, m - 1, 12, Dir::FwdIncl);
            return if ge - c <= SOON_MONTHS {
                ge
            } else {
                pick(c, m - 1, 12, Dir::BackIncl)
            };
        }
        pick(c, m - 1, 12, dir)
    }

    fn month_expr(&self, i: usize) -> Hit {
        // "the 8th of January (1998)", "8 January (1998)"
        let j = self.the(i);
        if let Some((k, d)) = self.day_num(j) {
            let (k2, of) = if self.is(k, "of") {
                (k + 1, true)
            } else {
                (k, false)
            };
            if j > i && !of {
                return None;
            }
            if let Some((e, m)) = self.month_tok(k2) {
                return self.month_day_year(e, m, d);
            }
            return None;
        }
        if j > i {
            return None;
        }
        // qualifier + month: "last March", "this September"
        let (q, dir) = self.qualifier(i);
        if q > i {
            let (e, m) = self.month_tok(q)?;
            let dir = dir.unwrap_or(Dir::BackIncl);
            let k = if dir == Dir::FwdIncl || dir == Dir::BackIncl {
                // "this March": in the anchor's year
                self.ay * 12 + m - 1
            } else {
                self.resolve_month(m, dir)
            };
            return Some((e, V::Month(k)));
        }
        let (e, m) = self.month_tok(i)?;
        // "Jan. 8 (, 1998)"
        if let Some((k, d)) = self.day_num(e) {
            // not "May 8:30" (a clock time)
            let clock = self.punct(k, ":")
                && self
                    .tok(k + 1)
                    .is_some_and(|t| t.glued && t.kind == Kind::Num);
            if !clock {
                return self.month_day_year(k, m, d);
            }
        }
        // "January 1998", "January of 1998", "June last year"
        if let Some((k, y)) = self.trailing_year(e) {
            return Some((k, V::Month(y * 12 + m - 1)));
        }
        if self.strict && m == 5 && e == i + 1 && !self.prep_before(i) {
            // bare "May": only after a preposition in strict mode
            return None;
        }
        Some((
            e,
            V::Month(self.resolve_month(m, self.dir_nearest_default())),
        ))
    }

    /// After "<month> <day>" or "<day> <month>": optional year.
    fn month_day_year(&self, e: usize, m: i64, d: i64) -> Hit {
        if let Some((k, y)) = self.trailing_year(e) {
            return valid_date(y, m, d).then(|| (k, V::Day(days_from_civil(y, m, d))));
        }
        let n = self.resolve_month_day(m, d)?;
        Some((e, V::Day(n)))
    }

    fn prep_before(&self, i: usize) -> bool {
        i > 0
            && self.any(
                i - 1,
                &[
                    "in",
                    "on",
                    "during",
                    "since",
                    "until",
                    "till",
                    "by",
                    "through",
                    "throughout",
                    "over",
                    "from",
                    "before",
                    "after",
                    "of",
                    "early",
                    "late",
                    "mid",
                    "last",
                    "this",
                    "next",
                ],
            )
    }

    // -- numeric dates -----------------------------------------------------------

    fn numeric(&self, i: usize) -> Hit {
        let (a, na) = self.plain_num(i)?;
        let glued_num = |k: usize| -> Option<(i64, usize)> {
            let t = self.tok(k)?;
            if t.glued {
                self.plain_num(k)
            } else {
                None
            }
        };
        // ISO 1998-01-08
        if na == 4 {
            if let (Some(t1), Some(t2)) = (self.tok(i + 1), self.tok(i + 2)) {
                // "1998-01-08" or "1998-01-08T10:00"
                if t1.hyph
                    && t2.hyph
                    && t1.nd == 2
                    && t2.nd == 2
                    && t1.suf.is_empty()
                    && (t2.suf.is_empty() || t2.suf == "t")
                {
                    let m = t1.num?;
                    let d = t2.num?;
                    if !valid_date(a, m, d) {
                        return None;
                    }
                    let n = days_from_civil(a, m, d);
                    if t2.suf == "t" {
                        // "T10:00" (seconds and zone are not kept)
                        let hh = self
                            .tok(i + 3)
                            .filter(|t| t.glued && t.kind == Kind::Num && t.nd == 2);
                        let mm = self
                            .tok(i + 5)
                            .filter(|t| t.glued && t.kind == Kind::Num && t.nd == 2);
                        if let (Some(h), true, Some(mi)) = (
                            hh.and_then(|t| t.num),
                            self.punct(i + 4, ":"),
                            mm.and_then(|t| t.num),
                        ) {
                            if h <= 24 && mi <= 59 {
                                return Some((i + 6, V::DayTime(n, h, mi)));
                            }
                        }
                    }
                    return Some((i + 3, V::Day(n)));
                }
            }
        }
        // slashed dates
        let sep = ["/"].into_iter().find(|s| self.punct(i + 1, s))?;
        if !self.tok(i + 1)?.glued || !self.punct(i + 3, sep) || !self.tok(i + 3)?.glued {
            return None;
        }
        let (b, nb) = glued_num(i + 2)?;
        let (c, nc) = glued_num(i + 4)?;
        let (y, m, d) = if na == 4 && nb <= 2 && nc <= 2 {
            (a, b, c)
        } else if na <= 2 && nb <= 2 && (nc == 4 || nc == 2) {
            let y = if nc == 2 { self.pivot_year(c) } else { c };
            if a <= 12 {
                (y, a, b)
            } else {
                (y, b, a)
            }
        } else {
            return None;
        };
        valid_date(y, m, d).then(|| (i + 5, V::Day(days_from_civil(y, m, d))))
    }

    // -- years, decades, centuries ---------------------------------------------------

    fn year(&self, i: usize) -> Hit {
        let mut j = i;
        let mut prefixed = false;
        if let Some(k) = self
            .seq(j, &["the", "fiscal", "year"])
            .or_else(|| self.seq(j, &["the", "calendar", "year"]))
        {
            j = k;
            prefixed = true;
        } else if let Some(k) = self.seq(j, &["the", "year"]) {
            j = k;
            prefixed = true;
        } else if self.any(j, &["fiscal", "calendar", "fy"]) {
            j += 1;
            prefixed = true;
        }
        let (e, y) = self.year_tok(j)?;
        if self.strict && !prefixed && self.plain_num(j).is_some() {
            if j > 0
                && self.tok(j - 1).is_some_and(|t| {
                    t.kind == Kind::Punct && ["$", "€", "£", "¥", "#"].contains(&t.lo.as_str())
                })
            {
                return None;
            }
            if self.punct(e, "%") || self.any(e, &["percent", "per"]) {
                return None;
            }
            // part of a larger number ("1,998") or a range of numbers
            if self
                .tok(e)
                .is_some_and(|t| t.kind == Kind::Punct && (t.lo == "," || t.lo == ".") && t.glued)
                && self
                    .tok(e + 1)
                    .is_some_and(|t| t.kind == Kind::Num && t.glued)
            {
                return None;
            }
            if !(1800..=2199).contains(&y) {
                return None;
            }
        }
        Some((e, V::Year(y)))
    }

    fn decade(&self, i: usize) -> Hit {
        let j = self.the(i);
        let has_the = j > i;
        let j = if self.any(j, &["early", "mid", "late"]) {
            j + 1
        } else {
            j
        };
        let t = self.tok(j)?;
        // "1990s", "1990's"
        if t.kind == Kind::Num && t.nd == 4 {
            let n = t.num?;
            if n % 10 != 0 {
                return None;
            }
            // "the 1800s" is a century, "the 2000s" a decade
            let v = if n % 100 == 0 && n < 2000 {
                V::Century(n / 100)
            } else {
                V::Decade(n / 10)
            };
            if t.suf == "s" {
                return Some((j + 1, v));
            }
            if t.suf.is_empty() && self.punct(j + 1, "'") && self.is(j + 2, "s") {
                return Some((j + 3, v));
            }
            return None;
        }
        // "'80s"
        if self.punct(j, "'") {
            let t = self.tok(j + 1)?;
            if t.kind == Kind::Num && t.nd == 2 && t.suf == "s" && t.num? % 10 == 0 {
                return Some((j + 2, V::Decade(self.pivot_decade(t.num?))));
            }
            return None;
        }
        // "80s" (needs "the" in strict mode: "in her 80s" is an age)
        if t.kind == Kind::Num && t.nd == 2 && t.suf == "s" {
            let n = t.num?;
            if n % 10 != 0 || (self.strict && !has_the) {
                return None;
            }
            return Some((j + 1, V::Decade(self.pivot_decade(n))));
        }
        // "the nineteen-nineties", "the nineties"
        let w = self.word(j)?;
        if let Some(c) = small_number(w).filter(|c| (11..=20).contains(c)) {
            let d = self.word(j + 1).and_then(tens_plural)?;
            return Some((j + 2, V::Decade((c * 100 + d) / 10)));
        }
        let d = tens_plural(w)?;
        if !has_the {
            return None;
        }
        Some((j + 1, V::Decade(self.pivot_decade(d))))
    }

    fn century(&self, i: usize) -> Hit {
        let j = self.the(i);
        let (k, n) = self.ordinal(j)?;
        if !(1..=99).contains(&n) || !self.is(k, "century") {
            return None;
        }
        Some((k + 1, V::Century(n - 1)))
    }

    // -- relative units --------------------------------------------------------------

    fn unit_value(&self, unit: Unit, off: i64) -> Option<V> {
        Some(match unit {
            Unit::Day => V::Day(self.aday + off),
            Unit::Week => V::Week(self.aday + 7 * off),
            Unit::Month => V::Month(self.cur_month() + off),
            Unit::Quarter => V::Quarter(self.cur_quarter() + off),
            Unit::Year => V::Year(self.ay + off),
            Unit::Decade => V::Decade(self.ay.div_euclid(10) + off),
            Unit::Century => V::Century(self.ay.div_euclid(100) + off),
            Unit::Weekend => return None,
        })
    }

    /// "this week", "last month", "the past year", "the current quarter",
    /// "the year", "the latest fiscal year".
    fn units(&self, i: usize) -> Hit {
        let j = self.the(i);
        let has_the = j > i;
        let mut k = j;
        let mut off: Option<i64> = None;
        if let Some(w) = self.word(k) {
            let o = match w {
                "this" if !has_the => Some(0),
                "current" | "present" => Some(0),
                "last" | "past" | "previous" | "prior" | "latest" => Some(-1),
                "most" if self.is(k + 1, "recent") => {
                    k += 1;
                    Some(-1)
                }
                "next" | "coming" | "following" | "upcoming" => Some(1),
                _ => None,
            };
            if o.is_some() {
                off = o;
                k += 1;
            }
        }
        let mut fiscal = false;
        if self.any(k, &["fiscal", "full", "whole", "entire", "calendar"]) {
            fiscal = true;
            k += 1;
        }
        let w = self.word(k)?;
        if w == "period" {
            // "the latest period": the last reported quarter
            return (off == Some(-1) && has_the)
                .then(|| (k + 1, V::Quarter(self.cur_quarter() - 1)));
        }
        let (unit, plural) = unit_of(w)?;
        if plural || unit == Unit::Weekend {
            return None;
        }
        // "the year-ago ..." / "the year-earlier ..." belong to year_ago
        if self.tok(k + 1).is_some_and(|t| t.hyph) && self.any(k + 1, &["ago", "earlier", "end"]) {
            return None;
        }
        let off = match off {
            Some(o) => {
                if unit == Unit::Day {
                    // "the next day" is relative to the story, not the anchor
                    return None;
                }
                o
            }
            None => {
                if !has_the || (fiscal && unit != Unit::Year) {
                    return None;
                }
                match unit {
                    Unit::Quarter => -1,
                    Unit::Day => return None,
                    _ => 0,
                }
            }
        };
        let v = self.unit_value(unit, off)?;
        Some((k + 1, v))
    }

    /// Vague references: "recent years", "the past few months", "coming
    /// weeks", "future quarters", "several years ago", "in a few weeks".
    fn vague(&self, i: usize) -> Hit {
        let plural_at = |k: usize| self.word(k).and_then(unit_of).is_some_and(|(_, p)| p);
        // "(several|a few) years ago", "years ago"
        let j = self.vague_count(i).unwrap_or(i);
        if plural_at(j) {
            let k = if self.seq(j + 1, &["or", "so"]).is_some() {
                j + 3
            } else {
                j + 1
            };
            if self.any(k, &["ago", "earlier"]) {
                return Some((k + 1, V::Ref(PAST)));
            }
        }
        // "in a few weeks", "in coming months", "in the coming days"
        if self.is(i, "in") {
            if let Some(k) = self.vague_count(i + 1) {
                if plural_at(k) {
                    return Some((k + 1, V::Ref(FUTURE)));
                }
            }
        }
        let j = self.the(i);
        let (r, k) = match self.word(j)? {
            "recent" | "past" => (PAST, j + 1),
            "last" if self.vague_count(j + 1).is_some() => (PAST, j + 1),
            "coming" | "upcoming" | "future" => (FUTURE, j + 1),
            "next" if self.vague_count(j + 1).is_some() => (FUTURE, j + 1),
            _ => return None,
        };
        let k = self.vague_count(k).unwrap_or(k);
        plural_at(k).then_some((k + 1, V::Ref(r)))
    }

    /// "two days ago", "a year earlier", "in two weeks", "three months from now".
    fn ago(&self, i: usize) -> Hit {
        let mut j = i;
        let inward = self.is(j, "in");
        if inward {
            j += 1;
        }
        loop {
            if let Some(k) = self
                .seq(j, &["more", "than"])
                .or_else(|| self.seq(j, &["less", "than"]))
            {
                j = k;
            } else if self.any(
                j,
                &[
                    "about",
                    "nearly",
                    "almost",
                    "some",
                    "roughly",
                    "approximately",
                    "just",
                    "only",
                    "barely",
                    "over",
                    "under",
                    "exactly",
                    "around",
                ],
            ) {
                j += 1;
            } else {
                break;
            }
        }
        let (k, n) = self.card(j)?;
        let (unit, _) = self.word(k).and_then(unit_of)?;
        if unit == Unit::Weekend {
            return None;
        }
        let mut e = k + 1;
        if self.seq(e, &["or", "so"]).is_some() {
            e += 2;
        }
        let sign = if inward {
            if self.is(e, "of") {
                // "in a quarter of the cases"
                return None;
            }
            1
        } else if self.any(e, &["ago", "earlier", "back"]) {
            e += 1;
            -1
        } else if let Some(x) = self
            .seq(e, &["from", "now"])
            .or_else(|| self.seq(e, &["hence"]))
        {
            e = x;
            1
        } else {
            return None;
        };
        let v = match unit {
            Unit::Week => V::Day(self.aday + sign * 7 * n),
            Unit::Year if sign * n == -1 => V::YearBack(self.ay - 1),
            u => self.unit_value(u, sign * n)?,
        };
        Some((e, v))
    }

    /// "the year-ago quarter", "the year-earlier third quarter", "the same
    /// period last year", "year-earlier".
    fn year_ago(&self, i: usize) -> Hit {
        let mut j = self.the(i);
        let mut back = false;
        let mut hyph_back = false;
        loop {
            if self.any(j, &["same", "corresponding", "comparable", "like"]) {
                j += 1;
            } else if self.any(j, &["year", "prior"])
                && self.any(j + 1, &["ago", "earlier", "before", "year"])
                && !(self.is(j, "year") && self.is(j + 1, "year"))
            {
                hyph_back |= self.tok(j + 1).is_some_and(|t| t.hyph);
                back = true;
                j += 2;
            } else {
                break;
            }
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        let ord = self.quarter_ord(j);
        let k = ord.map_or(j, |(k, _)| k);
        if !self.any(k, &["quarter", "period"]) {
            if back && hyph_back && ord.is_none() && k > i {
                return Some((k, V::YearBack(self.ay - 1)));
            }
            return None;
        }
        let mut e = k + 1;
        if !back {
            let phrase = self
                .seq(e, &["last", "year"])
                .or_else(|| self.seq(e, &["of", "last", "year"]))
                .or_else(|| self.seq(e, &["a", "year", "ago"]))
                .or_else(|| self.seq(e, &["a", "year", "earlier"]))
                .or_else(|| self.seq(e, &["a", "year", "before"]))
                .or_else(|| self.seq(e, &["the", "previous", "year"]))
                .or_else(|| self.seq(e, &["the", "prior", "year"]))
                .or_else(|| self.seq(e, &["the", "year", "before"]));
            e = phrase?;
        }
        let q = match ord {
            Some((_, q)) => self.resolve_quarter(q),
            None => self.cur_quarter() - 1,
        };
        Some((e, V::Quarter(q - 4)))
    }

    // -- quarters, halves, seasons, weekends ------------------------------------------

    fn quarter_ord(&self, i: usize) -> Option<(usize, i64)> {
        let (k, n) = self.ordinal(i)?;
        (1..=4).contains(&n).then_some((k, n))
    }

    /// A bare quarter is the current one or the last of that number, in
    /// any tense: "will report third-quarter results" in October is about
    /// the quarter just ended.
    fn resolve_quarter(&self, q: i64) -> i64 {
        pick(self.cur_quarter(), q - 1, 4, Dir::BackIncl)
    }

    /// A year given before a quarter: "this year's", "1989's", "the 1988".
    fn year_before(&self, i: usize) -> Option<(usize, i64)> {
        let poss = |k: usize| -> Option<usize> {
            if self.punct(k, "'") && self.is(k + 1, "s") {
                Some(k + 2)
            } else {
                None
            }
        };
        let off = match self.word(i) {
            Some("this") => Some(0),
            Some("last") => Some(-1),
            Some("next") => Some(1),
            _ => None,
        };
        if let Some(off) = off {
            if self.is(i + 1, "year") {
                return poss(i + 2).map(|e| (e, self.ay + off));
            }
            return None;
        }
        let j = self.the(i);
        let (k, y) = self.year_tok(j)?;
        if let Some(e) = poss(k) {
            return Some((e, y));
        }
        (j > i).then_some((k, y))
    }

    fn quarter(&self, i: usize) -> Hit {
        // Q3, Q3 1998
        if self.is(i, "q") {
            let t = self.tok(i + 1)?;
            let q = t.num?;
            if t.kind != Kind::Num || !t.glued || !t.suf.is_empty() || !(1..=4).contains(&q) {
                return None;
            }
            if let Some((e, y)) = self.trailing_year(i + 2) {
                return Some((e, V::Quarter(y * 4 + q - 1)));
            }
            return Some((i + 2, V::Quarter(self.resolve_quarter(q))));
        }
        let mut j = i;
        let mut year: Option<i64> = None;
        if let Some((k, y)) = self.year_before(j) {
            j = k;
            year = Some(y);
        } else if self.any(j, &["the", "its", "their", "our"]) {
            j += 1;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        let ord = self.quarter_ord(j);
        let k = match ord {
            Some((k, _)) => k,
            None if year.is_some() => j,
            None => return None,
        };
        if !self.is(k, "quarter") {
            return None;
        }
        let mut e = k + 1;
        if year.is_none() {
            if let Some((x, y)) = self.trailing_year(e) {
                e = x;
                year = Some(y);
            }
        }
        let q = match (ord, year) {
            (Some((_, q)), Some(y)) => y * 4 + q - 1,
            (None, Some(y)) => y * 4 + (self.cur_quarter() - 1).rem_euclid(4),
            (Some((_, q)), None) => self.resolve_quarter(q),
            (None, None) => return None,
        };
        // "the quarter a year ago"
        if year.is_none() {
            if let Some(x) = self
                .seq(e, &["a", "year", "ago"])
                .or_else(|| self.seq(e, &["a", "year", "earlier"]))
            {
                return Some((x, V::Quarter(q - 4)));
            }
        }
        Some((e, V::Quarter(q)))
    }

    fn half(&self, i: usize) -> Hit {
        let mut j = i;
        let mut year: Option<i64> = None;
        if let Some((k, y)) = self.year_before(j) {
            j = k;
            year = Some(y);
        } else {
            j = self.the(j);
        }
        let h = match self.word(j) {
            Some("first") => 1,
            Some("second" | "last" | "latter") => 2,
            _ => match self.ordinal(j) {
                Some((_, 1)) => 1,
                Some((_, 2)) => 2,
                _ => return None,
            },
        };
        if !self.is(j + 1, "half") {
            return None;
        }
        let mut e = j + 2;
        if year.is_none() {
            if let Some((x, y)) = self.trailing_year(e) {
                e = x;
                year = Some(y);
            } else if self.is(e, "of") {
                // "the first half of the '80s": not a calendar half
                return None;
            }
        }
        let v = match year {
            Some(y) => y * 2 + h - 1,
            None => pick(self.cur_half(), h - 1, 2, Dir::BackIncl),
        };
        Some((e, V::Half(v)))
    }

    fn season(&self, i: usize) -> Hit {
        let (mut j, mut dir) = self.qualifier(i);
        let mut determined = j > i;
        if !determined {
            j = self.the(i);
            determined = j > i;
        }
        if self.any(j, &["early", "late", "mid"]) {
            j += 1;
            determined = true;
        }
        if dir.is_none() && self.seq(j, &["this", "past"]).is_some() {
            j += 2;
            dir = Some(Dir::BackStrict);
        }
        let s = self.word(j).and_then(season_of)?;
        let e = j + 1;
        if let Some((x, y)) = self.trailing_year(e) {
            return Some((x, V::Season(y * 4 + s)));
        }
        // "the fall of Rome"
        if self.is(e, "of") {
            return None;
        }
        if self.strict && !determined && !self.prep_before(i) {
            return None;
        }
        let dir = match dir {
            Some(Dir::BackIncl | Dir::FwdIncl) | None => self.dir_nearest_default(),
            Some(d) => d,
        };
        Some((e, V::Season(pick(self.cur_season(), s, 4, dir))))
    }

    /// "year-end", "the year's end", "last year's end".
    fn year_end(&self, i: usize) -> Hit {
        let j = self.the(i);
        let (k, off) = match self.word(j) {
            Some("this") if j == i => (j + 1, 0),
            Some("last") => (j + 1, -1),
            Some("next") => (j + 1, 1),
            _ => (j, 0),
        };
        if !self.is(k, "year") {
            return None;
        }
        let e = if self.punct(k + 1, "'") && self.is(k + 2, "s") {
            k + 3
        } else {
            k + 1
        };
        self.is(e, "end").then_some((e + 1, V::Year(self.ay + off)))
    }

    // -- durations and sets (normalize only) -------------------------------------------

    /// "the nine months", "two-year", "more than four hours", "several
    /// years", "a week", "2 1/2 years".
    fn duration(&self, i: usize) -> Option<(usize, Timex)> {
        let mut j = i;
        loop {
            if let Some(k) = [
                &["more", "than"][..],
                &["less", "than"],
                &["at", "least"],
                &["at", "most"],
                &["up", "to"],
                &["no", "more", "than"],
                &["no", "less", "than"],
                &["an", "additional"],
                &["a", "further"],
                &["each", "of", "the"],
            ]
            .iter()
            .find_map(|w| self.seq(j, w))
            {
                j = k;
                continue;
            }
            if self.any(
                j,
                &[
                    "the",
                    "past",
                    "last",
                    "next",
                    "first",
                    "latest",
                    "coming",
                    "previous",
                    "additional",
                    "further",
                    "remaining",
                    "final",
                    "initial",
                    "about",
                    "nearly",
                    "almost",
                    "approximately",
                    "roughly",
                    "over",
                    "under",
                    "within",
                    "another",
                    "just",
                    "only",
                    "fully",
                    "entire",
                    "full",
                    "whole",
                    "around",
                    "for",
                ],
            ) {
                j += 1;
                continue;
            }
            break;
        }
        let (mut k, n) = if let Some(k) = self.vague_count(j) {
            (k, None)
        } else if let Some((k, n)) = self.card(j) {
            (k, Some(n))
        } else {
            (j, None)
        };
        // "2 1/2 years"
        let mut half = false;
        if n.is_some()
            && self.plain_num(k) == Some((1, 1))
            && self.punct(k + 1, "/")
            && self.plain_num(k + 2) == Some((2, 1))
        {
            half = true;
            k += 3;
        }
        while self.any(
            k,
            &[
                "trading",
                "business",
                "working",
                "calendar",
                "straight",
                "consecutive",
                "more",
            ],
        ) {
            k += 1;
        }
        let (u, time, plural) = match self.word(k)? {
            "second" => ("S", true, false),
            "seconds" => ("S", true, true),
            "minute" => ("M", true, false),
            "minutes" => ("M", true, true),
            "hour" => ("H", true, false),
            "hours" => ("H", true, true),
            w => {
                let (unit, plural) = unit_of(w)?;
                let u = match unit {
                    Unit::Day => "D",
                    Unit::Week => "W",
                    Unit::Month => "M",
                    // "a quarter of the votes" is a fraction
                    Unit::Quarter if self.is(k + 1, "of") => return None,
                    Unit::Quarter => "Q",
                    Unit::Year => "Y",
                    Unit::Decade => "E",
                    Unit::Century => "C",
                    Unit::Weekend => return None,
                };
                (u, false, plural)
            }
        };
        let t = if time { "T" } else { "" };
        let value = match n {
            Some(n) => {
                let extra = match (half, u, time) {
                    (true, "Y", false) => "6M",
                    (true, "D", false) => "T12H",
                    _ => "",
                };
                format!("P{t}{n}{u}{extra}")
            }
            None if plural => format!("P{t}X{u}"),
            // a bare unit word as the whole expression: "week"
            None if i == 0 && j == k => format!("P{t}1{u}"),
            None => return None,
        };
        Some((
            k + 1,
            Timex {
                value,
                precision: Precision::Duration,
            },
        ))
    }

    /// "each Thursday", "every month", "daily", "Tuesday nights".
    fn set(&self, i: usize) -> Option<(usize, Timex)> {
        let set = |e: usize, value: String| {
            Some((
                e,
                Timex {
                    value,
                    precision: Precision::Set,
                },
            ))
        };
        let w = self.word(i)?;
        let simple = match w {
            "daily" | "nightly" => Some("XXXX-XX-XX"),
            "weekly" => Some("XXXX-WXX"),
            "monthly" => Some("XXXX-XX"),
            "annually" | "yearly" => Some("XXXX"),
            "hourly" => Some("PT1H"),
            _ => None,
        };
        if let Some(v) = simple {
            return set(i + 1, v.to_string());
        }
        // "Mondays", "Tuesday nights"
        if let Some(stem) = w.strip_suffix('s') {
            if let Some((d, false)) = weekday_name(stem) {
                return set(i + 1, format!("XXXX-WXX-{}", d + 1));
            }
        }
        if let Some((d, false)) = weekday_name(w) {
            if self.is(i + 1, "nights") {
                return set(i + 2, format!("XXXX-WXX-{}TNI", d + 1));
            }
        }
        if !matches!(w, "each" | "every") {
            return None;
        }
        let j = i + 1;
        let next = self.word(j)?;
        if let Some((d, false)) = weekday_name(next) {
            return set(j + 1, format!("XXXX-WXX-{}", d + 1));
        }
        if let Some((m, false)) = month_of(next) {
            return set(j + 1, format!("XXXX-{m:02}"));
        }
        let u = match unit_of(next)? {
            (Unit::Day, false) => "D",
            (Unit::Week, false) => "W",
            (Unit::Month, false) => "M",
            (Unit::Quarter, false) => "Q",
            (Unit::Year, false) => "Y",
            _ => return None,
        };
        set(j + 1, format!("P1{u}"))
    }

    fn weekend(&self, i: usize) -> Hit {
        let j = self.the(i);
        let (k, mode) = match self.word(j)? {
            "weekend" if j > i => (j, 0),
            "this" if j == i => match self.word(j + 1) {
                Some("past") => (j + 2, -1),
                Some("coming") => (j + 2, 2),
                _ => (j + 1, 1),
            },
            "last" | "past" | "previous" => (j + 1, -1),
            "next" | "coming" => (j + 1, 2),
            _ => return None,
        };
        if !self.is(k, "weekend") {
            return None;
        }
        let saturday = self.aday - self.awd + 5;
        let in_weekend = self.awd >= 5;
        let sat = match mode {
            -1 => saturday - 7,
            1 => saturday,
            2 => {
                if in_weekend {
                    saturday + 7
                } else {
                    saturday
                }
            }
            _ => match self.tense {
                Tense::Future => saturday,
                _ if in_weekend => saturday,
                _ => saturday - 7,
            },
        };
        Some((k + 1, V::Weekend(sat)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn anchor() -> Date {
        date(2020, 10, 20) // a Tuesday
    }

    #[test]
    fn table() {
        use Tense::*;
        let a = anchor();
        let cases: &[(&str, Tense, &str)] = &[
            // relative days
            ("today", Present, "2020-10-20"),
            ("tonight", Present, "2020-10-20"),
            ("yesterday", Present, "2020-10-19"),
            ("tomorrow", Future, "2020-10-21"),
            ("the day before yesterday", Past, "2020-10-18"),
            ("the day after tomorrow", Future, "2020-10-22"),
            ("yesterday morning", Past, "2020-10-19TMO"),
            ("last night", Past, "2020-10-19TNI"),
            ("late yesterday", Past, "2020-10-19"),
            // weekdays
            ("Monday", Present, "2020-10-19"),
            ("Monday", Past, "2020-10-19"),
            ("Monday", Future, "2020-10-26"),
            ("on Friday", Future, "2020-10-23"),
            ("on Friday", Past, "2020-10-16"),
            ("Friday", Present, "2020-10-16"),
            ("Tuesday", Past, "2020-10-20"),
            ("Tuesday", Future, "2020-10-20"),
            ("last Tuesday", Present, "2020-10-13"),
            ("next Wednesday", Present, "2020-10-21"),
            ("last Friday", Future, "2020-10-16"),
            ("this Friday", Present, "2020-10-23"),
            ("Friday evening", Past, "2020-10-16TEV"),
            ("Saturday, Oct. 24", Future, "2020-10-24"),
            ("Monday next week", Present, "2020-10-26"),
            // month-days
            ("Sept. 27", Present, "2020-09-27"),
            ("Sept. 27", Future, "2021-09-27"),
            ("Jan. 8, 1998", Present, "1998-01-08"),
            ("January 8", Present, "2021-01-08"),
            ("January 8", Past, "2020-01-08"),
            ("8 January 1998", Present, "1998-01-08"),
            ("the eighth of March", Past, "2020-03-08"),
            ("Dec. 25", Past, "2019-12-25"),
            ("Dec. 25", Present, "2020-12-25"),
            ("Nov. 3", Present, "2020-11-03"),
            ("March eighth, nineteen ninety-eight", Present, "1998-03-08"),
            ("Feb. 29", Past, "2020-02-29"),
            ("Feb. 29, 2019", Present, "2019"), // no such day: the year remains
            ("Feb. 29, 2000", Present, "2000-02-29"),
            ("Feb. 29, 1900", Present, "1900"),
            ("1998-01-08", Present, "1998-01-08"),
            ("01/08/1998", Present, "1998-01-08"),
            ("25/12/1998", Present, "1998-12-25"),
            ("1/8/98", Present, "1998-01-08"),
            // months
            ("in March", Present, "2020-03"),
            ("in January", Present, "2021-01"),
            ("in February", Present, "2020-02"),
            ("December", Present, "2020-12"),
            ("in March", Past, "2020-03"),
            ("in March", Future, "2021-03"),
            ("October", Past, "2020-10"),
            ("April", Present, "2020-04"),
            ("last June", Present, "2020-06"),
            ("last October", Present, "2019-10"),
            ("next January", Present, "2021-01"),
            ("this December", Present, "2020-12"),
            ("March 1996", Present, "1996-03"),
            ("June last year", Present, "2019-06"),
            ("mid-November", Present, "2020-11"),
            ("the end of the month", Present, "2020-10"),
            // years, decades, centuries
            ("1997", Present, "1997"),
            ("in 1994", Present, "1994"),
            ("fiscal 1989", Present, "1989"),
            ("the year two thousand", Present, "2000"),
            ("nineteen seventy-nine", Present, "1979"),
            ("the 1990s", Present, "199"),
            ("the 1990's", Present, "199"),
            ("the '80s", Present, "198"),
            ("the nineties", Present, "199"),
            ("the mid-1990s", Present, "199"),
            ("the 21st century", Present, "20"),
            ("the twentieth century", Present, "19"),
            ("the last decade", Present, "201"),
            // relative units
            ("this week", Present, "2020-W43"),
            ("next week", Present, "2020-W44"),
            ("last week", Present, "2020-W42"),
            ("this month", Present, "2020-10"),
            ("last month", Present, "2020-09"),
            ("next month", Present, "2020-11"),
            ("this year", Present, "2020"),
            ("last year", Present, "2019"),
            ("next year", Present, "2021"),
            ("the past year", Present, "2019"),
            ("earlier this month", Present, "2020-10"),
            ("later this year", Present, "2020"),
            ("late last year", Present, "2019"),
            ("early next year", Present, "2021"),
            ("last quarter", Present, "2020-Q3"),
            ("next quarter", Present, "2021-Q1"),
            ("this quarter", Present, "2020-Q4"),
            ("the quarter", Present, "2020-Q3"),
            ("the current quarter", Present, "2020-Q4"),
            ("two days ago", Present, "2020-10-18"),
            ("three weeks ago", Present, "2020-09-29"),
            ("a year ago", Present, "2019"),
            ("five years ago", Present, "2015"),
            ("six months ago", Present, "2020-04"),
            ("a year earlier", Present, "2019"),
            ("in two weeks", Future, "2020-11-03"),
            ("two years from now", Future, "2022"),
            ("several years ago", Present, "PAST_REF"),
            ("in a few weeks", Future, "FUTURE_REF"),
            // refs
            ("now", Present, "PRESENT_REF"),
            ("currently", Present, "PRESENT_REF"),
            ("recently", Past, "PAST_REF"),
            ("the past", Past, "PAST_REF"),
            ("the future", Future, "FUTURE_REF"),
            ("the near future", Future, "FUTURE_REF"),
            ("recent years", Past, "PAST_REF"),
            ("coming months", Future, "FUTURE_REF"),
            // seasons
            ("this summer", Present, "2020-SU"),
            ("last fall", Present, "2019-FA"),
            ("last spring", Present, "2020-SP"),
            ("next spring", Present, "2021-SP"),
            ("this winter", Present, "2020-WI"),
            ("the winter of 1994", Present, "1994-WI"),
            ("summer 2018", Present, "2018-SU"),
            // quarters and halves
            ("the first quarter", Present, "2020-Q1"),
            ("the third quarter of 1997", Present, "1997-Q3"),
            ("third-quarter", Present, "2020-Q3"),
            ("the fourth quarter", Past, "2020-Q4"),
            ("next year's first quarter", Present, "2021-Q1"),
            ("the 1988 third quarter", Present, "1988-Q3"),
            ("the year-ago quarter", Present, "2019-Q3"),
            ("the year-earlier third quarter", Present, "2019-Q3"),
            ("Q2 2019", Present, "2019-Q2"),
            ("the first half of 1989", Present, "1989-H1"),
            ("the second half", Present, "2020-H2"),
            // weekends
            ("the weekend", Past, "2020-W42-WE"),
            ("this weekend", Present, "2020-W43-WE"),
            ("next weekend", Present, "2020-W43-WE"),
            ("last weekend", Present, "2020-W42-WE"),
        ];
        let mut bad = Vec::new();
        for (text, tense, want) in cases {
            let got = normalize_with_tense(text, a, *tense)
                .map(|t| t.value)
                .unwrap_or_default();
            if got != *want {
                bad.push(format!("{text:?} ({tense:?}): got {got:?}, want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn year_boundaries() {
        let a = date(2021, 1, 2); // a Saturday
        let n = |s: &str, t| normalize_with_tense(s, a, t).map(|x| x.value);
        assert_eq!(n("last month", Tense::Present).as_deref(), Some("2020-12"));
        assert_eq!(n("last week", Tense::Present).as_deref(), Some("2020-W52"));
        assert_eq!(n("this week", Tense::Present).as_deref(), Some("2020-W53"));
        assert_eq!(n("Dec. 30", Tense::Present).as_deref(), Some("2020-12-30"));
        assert_eq!(n("Dec. 30", Tense::Future).as_deref(), Some("2021-12-30"));
        assert_eq!(n("Jan. 5", Tense::Present).as_deref(), Some("2021-01-05"));
        assert_eq!(n("December", Tense::Present).as_deref(), Some("2020-12"));
        assert_eq!(n("Thursday", Tense::Present).as_deref(), Some("2020-12-31"));
        assert_eq!(
            n("the fourth quarter", Tense::Present).as_deref(),
            Some("2020-Q4")
        );
        // Results "will be reported" for the quarter just ended.
        assert_eq!(
            n("the fourth quarter", Tense::Future).as_deref(),
            Some("2020-Q4")
        );
        assert_eq!(
            n("last quarter", Tense::Present).as_deref(),
            Some("2020-Q4")
        );
        assert_eq!(n("this winter", Tense::Present).as_deref(), Some("2020-WI"));
        assert_eq!(
            n("yesterday", Tense::Present).as_deref(),
            Some("2021-01-01")
        );
        assert_eq!(
            n("the day before yesterday", Tense::Present).as_deref(),
            Some("2020-12-31")
        );
        // leap days
        let leap = date(2024, 3, 1);
        assert_eq!(normalize("yesterday", leap).as_deref(), Some("2024-02-29"));
        assert_eq!(normalize("Feb. 29", leap).as_deref(), Some("2024-02-29"));
        assert_eq!(normalize("a year ago", leap).as_deref(), Some("2023"));
        assert_eq!(
            normalize_with_tense("Feb. 29", date(2025, 6, 1), Tense::Future)
                .map(|t| t.value)
                .as_deref(),
            Some("2028-02-29")
        );
    }

    #[test]
    fn precisions() {
        let a = anchor();
        let p = |s: &str| normalize_with_tense(s, a, Tense::Present).map(|t| t.precision);
        assert_eq!(p("Sept. 27"), Some(Precision::Day));
        assert_eq!(p("this morning"), Some(Precision::PartOfDay));
        assert_eq!(p("next week"), Some(Precision::Week));
        assert_eq!(p("the weekend"), Some(Precision::Week));
        assert_eq!(p("March"), Some(Precision::Month));
        assert_eq!(p("the third quarter"), Some(Precision::Quarter));
        assert_eq!(p("the first half of 1999"), Some(Precision::Half));
        assert_eq!(p("this summer"), Some(Precision::Season));
        assert_eq!(p("1997"), Some(Precision::Year));
        assert_eq!(p("the 1980s"), Some(Precision::Decade));
        assert_eq!(p("the 20th century"), Some(Precision::Century));
        assert_eq!(p("recently"), Some(Precision::Ref));
    }

    #[test]
    fn not_dates() {
        let a = anchor();
        for s in [
            "",
            "the",
            "profit rose",
            "a quarter of the votes",
            "the fall of Rome",
            "3/4",
            "Feb. 30",
            "they may go",
            "march on",
        ] {
            assert_eq!(normalize(s, a), None, "{s:?}");
        }
    }

    #[test]
    fn durations_sets_times_holidays() {
        let a = anchor();
        let n = |s: &str| normalize(s, a).unwrap_or_default();
        let p = |s: &str| normalize_with_tense(s, a, Tense::Present).map(|t| t.precision);
        for (text, want) in [
            ("two days", "P2D"),
            ("the nine months", "P9M"),
            ("the past three years", "P3Y"),
            ("more than four hours", "PT4H"),
            ("a week", "P1W"),
            ("several years", "PXY"),
            ("2 1/2 years", "P2Y6M"),
            ("a 10-year plan", "P10Y"),
            ("each Thursday", "XXXX-WXX-4"),
            ("every month", "P1M"),
            ("daily", "XXXX-XX-XX"),
            ("10 p.m. Wednesday", "2020-10-14T22:00"),
            ("noon Friday", "2020-10-16T12:00"),
            ("Tuesday at 7:15 pm", "2020-10-20T19:15"),
            ("2020-10-20T10:00", "2020-10-20T10:00"),
            ("Christmas", "2020-12-25"),
            ("Christmas Eve 2019", "2019-12-24"),
            ("New Year's Day", "2021-01-01"),
            ("Thanksgiving", "2020-11-26"),
            ("the 1800s", "18"),
            ("the first week of March 2020", "2020-W10"),
            ("the last week of October", "2020-W44"),
            ("the 2000s", "200"),
        ] {
            assert_eq!(n(text), want, "{text:?}");
        }
        assert_eq!(p("two days"), Some(Precision::Duration));
        assert_eq!(p("each month"), Some(Precision::Set));
        assert_eq!(p("noon Friday"), Some(Precision::Time));
        // dates win over durations; durations never come from find
        assert_eq!(n("two days ago"), "2020-10-18");
        assert!(find("The war lasted two years.", a, Tense::Past).is_empty());
    }

    fn found(text: &str, tense: Tense) -> Vec<(String, String)> {
        find(text, anchor(), tense)
            .into_iter()
            .map(|(r, t)| (text.get(r).unwrap_or("<bad span>").to_string(), t.value))
            .collect()
    }

    #[test]
    fn find_spans() {
        let got = found(
            "Jeyhun Bayramov will meet with Mike Pompeo on Friday in Washington.",
            Tense::Future,
        );
        assert_eq!(got, [("Friday".to_string(), "2020-10-23".to_string())]);

        let got = found(
            "The fighting that broke out on Sept. 27 killed hundreds by Monday.",
            Tense::Past,
        );
        assert_eq!(
            got,
            [
                ("Sept. 27".to_string(), "2020-09-27".to_string()),
                ("Monday".to_string(), "2020-10-19".to_string())
            ]
        );

        let text = "Earlier this month, officials said profits in the third quarter of 1997 were lower than two years ago.";
        let got = found(text, Tense::Past);
        assert_eq!(
            got,
            [
                ("Earlier this month".to_string(), "2020-10".to_string()),
                (
                    "the third quarter of 1997".to_string(),
                    "1997-Q3".to_string()
                ),
                ("two years ago".to_string(), "2018".to_string()),
            ]
        );

        // offsets are byte offsets into the given text, also after non-ASCII
        let text = "Le président — élu en 1995 — a parlé hier; talks resume next week.";
        let res = find(text, anchor(), Tense::Future);
        let spans: Vec<&str> = res.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(spans, ["1995", "next week"]);
        assert_eq!(res[1].1.value, "2020-W44");
    }

    #[test]
    fn find_is_careful() {
        // modal "may", verb "fall", ages, money, weak words
        for s in [
            "Prices may fall further, he said.",
            "She is in her 80s.",
            "The deal is worth $2000 million.",
            "The current government has recent support.",
            "Output rose 1998 percent.",
        ] {
            assert!(
                found(s, Tense::Present).is_empty(),
                "{s:?}: {:?}",
                found(s, Tense::Present)
            );
        }
        let got = found(
            "The vote is set for May 3 and talks may resume in May.",
            Tense::Future,
        );
        assert_eq!(
            got,
            [
                ("May 3".to_string(), "2021-05-03".to_string()),
                ("May".to_string(), "2021-05".to_string())
            ]
        );
        // "a year earlier" takes the quarter the text talks about
        let got = found(
            "Third-quarter profit fell 5% from a year earlier.",
            Tense::Past,
        );
        assert_eq!(
            got,
            [
                ("Third-quarter".to_string(), "2020-Q3".to_string()),
                ("a year earlier".to_string(), "2019-Q3".to_string())
            ]
        );
        let got = found("Profit fell 5% from a year earlier.", Tense::Past);
        assert_eq!(got, [("a year earlier".to_string(), "2019".to_string())]);
        let got = found("Elections were held in the fall.", Tense::Past);
        assert_eq!(got, [("the fall".to_string(), "2020-FA".to_string())]);
    }

    #[test]
    fn garbage_never_panics() {
        let a = anchor();
        let long = "yesterday and the 1990s and Sept. 27, ".repeat(500);
        let chain = "morning 10 p.m. noon ".repeat(1000);
        let inputs = [
            String::new(),
            " ".to_string(),
            "'".to_string(),
            "-".to_string(),
            "--1998--".to_string(),
            "99999999999999999999999 years ago".to_string(),
            "9999 years ago".to_string(),
            "in 9999 years".to_string(),
            "the 99th century".to_string(),
            "Dec. 31, 9999".to_string(),
            "1/1/1".to_string(),
            "'s '80 '".to_string(),
            "ąčę 日本語 🙂 Sept. 🙂 27 — ٢٠٢٠".to_string(),
            "Ⅻ ⅰ ﬁ İstanbul ß".to_string(),
            "nineteen".to_string(),
            "two thousand and".to_string(),
            "the year-ago".to_string(),
            "Q".to_string(),
            "Q9".to_string(),
            "0000".to_string(),
            "0/0/0000".to_string(),
            long,
            chain,
            "\u{0}\u{feff}\u{200b}".to_string(),
        ];
        for s in &inputs {
            let _ = normalize(s, a);
            for t in [Tense::Past, Tense::Present, Tense::Future] {
                let _ = normalize_with_tense(s, a, t);
                for (r, _) in find(s, a, t) {
                    assert!(s.get(r).is_some());
                }
            }
            for anchor in [date(1, 1, 1), date(9999, 12, 31), date(2000, 2, 29)] {
                let _ = normalize(s, anchor);
                let _ = find(s, anchor, Tense::Present);
            }
        }
        // out of range as a date: only the duration reading is left
        assert_eq!(normalize("9999 years ago", a).as_deref(), Some("P9999Y"));
    }
}

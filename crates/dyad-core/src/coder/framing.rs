//! How the text frames an event: when it happened (a date with its
//! precision) and how real it is (asserted, future, hypothetical,
//! conditional, asked, or background history).
//!
//! Dates come from the time expressions of the sentence ([`crate::time`])
//! nearest the trigger: a day named with "on" ("on Friday", "on Sept.
//! 27"), or a week, month or year ("this month", "in 1994", "last year").
//! An event whose time ended more than a year before publication, or that
//! the text says went on "for nearly 30 years", is history told as
//! background, not news: its modality is [`Modality::Historical`].

use super::Analysis;
use crate::model::{DatePrecision, Modality};
use crate::time::{self, Precision, Tense};
use jiff::civil::Date;
use jiff::ToSpan;
use std::ops::Range;

/// A time expression of a sentence, resolved against the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateMention {
    /// Clean-text byte offset where the expression starts.
    pub at: usize,
    /// First day of the period (`None` for decades and centuries, too
    /// coarse to date an event).
    pub date: Option<Date>,
    /// Its precision.
    pub precision: Option<DatePrecision>,
    /// Last day of the period.
    pub last: Date,
}

/// Day expressions that name their day without "on".
const DEICTIC_DAYS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "last night",
    "this morning",
];

/// The time expressions of a sentence (`offset` is its clean-text start):
/// days only when introduced by "on" (a bare weekday is too often a
/// dateline or a quote's day) or named outright ("yesterday"), and weeks,
/// months, years, decades.
pub(crate) fn sentence_dates(sentence: &str, offset: usize, anchor: Date) -> Vec<DateMention> {
    time::find(sentence, anchor, Tense::Past)
        .into_iter()
        .filter_map(|(span, t)| {
            let v = t.value.as_str();
            let num = |r: Range<usize>| v.get(r)?.parse::<i16>().ok();
            let (date, precision, last) = match t.precision {
                Precision::Day | Precision::PartOfDay | Precision::Time => {
                    let on = sentence[..span.start]
                        .trim_end()
                        .to_lowercase()
                        .ends_with(" on");
                    let deictic = DEICTIC_DAYS
                        .iter()
                        .any(|w| sentence[span.clone()].to_lowercase().starts_with(w));
                    if !on && !deictic {
                        return None;
                    }
                    let d: Date = v.get(..10)?.parse().ok()?;
                    (Some(d), Some(DatePrecision::Day), d)
                }
                Precision::Week => {
                    let w = jiff::civil::ISOWeekDate::new(
                        num(0..4)?,
                        num(6..8)? as i8,
                        jiff::civil::Weekday::Monday,
                    )
                    .ok()?;
                    let d = w.date();
                    (
                        Some(d),
                        Some(DatePrecision::Week),
                        d.checked_add(6.days()).ok()?,
                    )
                }
                Precision::Month => {
                    let d = Date::new(num(0..4)?, num(5..7)? as i8, 1).ok()?;
                    (Some(d), Some(DatePrecision::Month), d.last_of_month())
                }
                Precision::Year => {
                    let y = num(0..4)?;
                    let d = Date::new(y, 1, 1).ok()?;
                    (
                        Some(d),
                        Some(DatePrecision::Year),
                        Date::new(y, 12, 31).ok()?,
                    )
                }
                Precision::Decade => (None, None, Date::new(num(0..3)? * 10 + 9, 12, 31).ok()?),
                Precision::Century => (None, None, Date::new(num(0..2)? * 100 + 99, 12, 31).ok()?),
                _ => return None,
            };
            Some(DateMention {
                at: offset + span.start,
                date,
                precision,
                last,
            })
        })
        .collect()
}

/// The time expression that dates an event: the nearest one close after
/// its trigger (80 bytes, in the same clause: no comma or semicolon
/// between) or just before it (40 bytes). `text` is the clean text the
/// offsets index.
pub(crate) fn nearest<'d>(
    text: &str,
    dates: &'d [DateMention],
    trigger: [usize; 2],
) -> Option<&'d DateMention> {
    let distance = |at: usize| {
        if at >= trigger[1] {
            let between = text.get(trigger[1]..at).unwrap_or("");
            Some(at - trigger[1]).filter(|d| *d <= 80 && !between.contains([',', ';']))
        } else {
            Some(trigger[0].saturating_sub(at)).filter(|d| *d <= 40)
        }
    };
    dates
        .iter()
        .filter_map(|d| Some((distance(d.at)?, d)))
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, d)| d)
}

/// The event date and its precision: for an event reported as having
/// happened, the nearest time expression (never after publication);
/// otherwise, and for announced events, the publication day.
pub(crate) fn event_date(
    published: Option<Date>,
    when: Option<&DateMention>,
    future: bool,
) -> (Option<Date>, Option<DatePrecision>) {
    let day = (published, published.map(|_| DatePrecision::Day));
    if future {
        return day;
    }
    match when {
        Some(m) if m.date.is_some() && published.is_none_or(|p| m.date.is_some_and(|d| d <= p)) => {
            (m.date, m.precision)
        }
        Some(m) if m.date.is_none() && published.is_some_and(|p| m.last < p) => (None, None),
        _ => day,
    }
}

/// Words that make a verb group hypothetical.
const HYPOTHETICAL: &[&str] = &["could", "might", "may", "should", "ought"];

/// Durations that make a past or perfect verb background: "for nearly 30
/// years", "for decades", "over the past 20 years".
fn long_duration(an: &Analysis<'_>, around: Range<usize>) -> bool {
    let toks = &an.tokens;
    let lo = around.start.saturating_sub(6);
    let hi = (around.end + 8).min(toks.len());
    (lo..hi).any(|i| {
        if !matches!(toks[i].lower.as_str(), "for" | "over") {
            return false;
        }
        let rest: Vec<&str> = toks[i + 1..(i + 6).min(toks.len())]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        let years = rest
            .iter()
            .position(|w| matches!(*w, "years" | "decades" | "centuries" | "generations"));
        match years {
            Some(0) => rest[0] != "years",
            Some(k) => {
                let count = rest[k - 1];
                k <= 4
                    && (count.parse::<u32>().is_ok_and(|n| n >= 2)
                        || matches!(
                            count,
                            "two"
                                | "three"
                                | "four"
                                | "five"
                                | "six"
                                | "seven"
                                | "eight"
                                | "nine"
                                | "ten"
                                | "twenty"
                                | "thirty"
                                | "forty"
                                | "fifty"
                                | "several"
                                | "many"
                        ))
            }
            None => false,
        }
    })
}

/// Verbs whose "that" clause says what should happen, not what did.
const DIRECTIVES: &[&str] = &[
    "demand",
    "urge",
    "ask",
    "request",
    "propose",
    "suggest",
    "recommend",
    "order",
];

/// The modality of an event triggered by the verb group `group` (token
/// range) of a sentence: a question, a condition ("if … entered"), a
/// hypothesis ("could attack"), an announcement ("will meet"), history
/// (dated more than a year before `published`, or "has for decades
/// tried"), or an assertion.
pub(crate) fn modality(
    an: &Analysis<'_>,
    sentence: &str,
    group: Range<usize>,
    future: bool,
    when: Option<&DateMention>,
    published: Option<Date>,
) -> Modality {
    let toks = &an.tokens;
    let question = sentence
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with('?');
    if question {
        return Modality::Question;
    }
    // "until they gain control", "before they demobilize": a clause of
    // time in the present tense tells what has not happened yet.
    let present = toks[group.clone()]
        .iter()
        .all(|t| !matches!(t.pos.as_str(), "VBD" | "VBN"));
    // The words of the clause before the verb group, back to a comma,
    // semicolon, colon or dash.
    let clause = toks[..group.start]
        .iter()
        .rposition(|t| matches!(t.word.as_str(), "," | ";" | ":" | "--"))
        .map_or(0, |c| c + 1);
    let conditional = toks[clause..group.start]
        .iter()
        .any(|t| match t.lower.as_str() {
            "if" | "unless" => true,
            "until" | "till" | "before" | "once" => present,
            _ => false,
        });
    if conditional {
        return Modality::Conditional;
    }
    // "demanded that the US cancel the sale": what is asked for has not
    // happened.
    let asked = (clause..group.start).any(|i| {
        toks[i].lower == "that"
            && toks[..i]
                .iter()
                .rev()
                .find(|t| !t.pos.starts_with("RB"))
                .is_some_and(|v| v.is_verb() && DIRECTIVES.contains(&v.lemma.as_str()))
    });
    if asked {
        return Modality::Hypothetical;
    }
    let words = || toks[group.clone()].iter().map(|t| t.lower.as_str());
    if words().any(|w| HYPOTHETICAL.contains(&w)) {
        return Modality::Hypothetical;
    }
    if future {
        return Modality::Future;
    }
    let old = match (when, published) {
        (Some(m), Some(p)) => p.checked_sub(1.year()).is_ok_and(|cut| m.last < cut),
        _ => false,
    };
    let perfect_or_past = toks[group.clone()]
        .iter()
        .any(|t| matches!(t.pos.as_str(), "VBD" | "VBN"));
    if old || (perfect_or_past && long_duration(an, group)) {
        return Modality::Historical;
    }
    Modality::Asserted
}

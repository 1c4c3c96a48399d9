//! Scoring of date normalisation against TimeBank TIMEX3 values.

use crate::gold::TimexItem;
use crate::report::{Mistake, Section, SetReport, Value};

/// Scores a date normaliser: `normalize(text, dct, sentence)` must give the gold
/// TIMEX3 value exactly (`1998-01-08`, `1998-W02`, `1998-01`, `1998`,
/// `PRESENT_REF` …).
///
/// Only expressions of type `DATE` are scored. `TIME`, `DURATION` and `SET`
/// expressions are counted and skipped: dyad dates events to the day, and
/// durations and sets are not dates.
pub fn score_timex(
    set: &str,
    format: &str,
    items: &[TimexItem],
    normalize: crate::Normalizer<'_>,
) -> SetReport {
    let mut report = SetReport::new(set, format);
    let (mut dates, mut answered, mut correct) = (0, 0, 0);
    let mut others = [0usize; 4];
    for item in items {
        match item.kind.as_str() {
            "DATE" => {}
            "TIME" => {
                others[0] += 1;
                continue;
            }
            "DURATION" => {
                others[1] += 1;
                continue;
            }
            "SET" => {
                others[2] += 1;
                continue;
            }
            _ => {
                others[3] += 1;
                continue;
            }
        }
        dates += 1;
        let got = normalize(&item.text, item.dct, item.context.as_ref());
        answered += usize::from(got.is_some());
        if got.as_deref() == Some(item.value.as_str()) {
            correct += 1;
        } else {
            report.mistakes.push(Mistake {
                id: format!("{} {}", item.doc, item.tid),
                line: item.line,
                text: format!("«{}» (dct {})", item.text, item.dct),
                expected: vec![item.value.clone()],
                coded: got.iter().cloned().collect(),
                kind: if got.is_some() {
                    "wrong value"
                } else {
                    "not normalised"
                }
                .into(),
            });
        }
    }
    report.sections.push(
        Section::new("date", "TIMEX3 of type DATE, value compared exactly")
            .with("expressions", "DATE expressions", Value::Count(dates))
            .with(
                "normalised",
                "normalised (any value)",
                Value::Count(answered),
            )
            .with("correct", "correct value", Value::Count(correct))
            .with(
                "accuracy",
                "accuracy (correct / expressions)",
                Value::ratio(correct, dates),
            )
            .with(
                "precision",
                "precision (correct / normalised)",
                Value::ratio(correct, answered),
            ),
    );
    report.sections.push(
        Section::new("skipped", "other TIMEX3 types (not scored)")
            .with("time", "TIME", Value::Count(others[0]))
            .with("duration", "DURATION", Value::Count(others[1]))
            .with("set", "SET", Value::Count(others[2]))
            .with("other", "other types", Value::Count(others[3])),
    );
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::TimexContext;
    use jiff::civil::Date;

    fn item(kind: &str, value: &str, text: &str) -> TimexItem {
        TimexItem {
            line: 2,
            doc: "d.tml".into(),
            dct: Date::new(1998, 1, 8).unwrap(),
            tid: "t1".into(),
            kind: kind.into(),
            value: value.into(),
            text: text.into(),
            context: None,
        }
    }

    #[test]
    fn scores_dates_only_exactly() {
        let items = [
            item("DATE", "1998-01-08", "today"),
            item("DATE", "1998-01-07", "yesterday"),
            item("DATE", "1997", "last year"),
            item("DURATION", "P1W", "a week"),
            item("TIME", "1998-01-08TEV", "this evening"),
        ];
        let toy = |text: &str, dct: Date, _: Option<&TimexContext>| match text {
            "today" => Some(dct.to_string()),
            "yesterday" => Some("1998-01-06".to_string()),
            _ => None,
        };
        let r = score_timex("timebank", "timebank", &items, &toy);
        assert_eq!(r.metric("date.expressions"), Some(Value::Count(3)));
        assert_eq!(r.metric("date.normalised"), Some(Value::Count(2)));
        assert_eq!(r.metric("date.correct"), Some(Value::Count(1)));
        assert_eq!(
            r.metric("date.accuracy"),
            Some(Value::Ratio(Some(1.0 / 3.0)))
        );
        assert_eq!(r.metric("date.precision"), Some(Value::Ratio(Some(0.5))));
        assert_eq!(r.metric("skipped.duration"), Some(Value::Count(1)));
        assert_eq!(r.metric("skipped.time"), Some(Value::Count(1)));
        assert_eq!(r.mistakes.len(), 2);
        assert_eq!(r.mistakes[0].kind, "wrong value");
        assert_eq!(r.mistakes[0].coded, ["1998-01-06"]);
        assert_eq!(r.mistakes[1].kind, "not normalised");
    }
}

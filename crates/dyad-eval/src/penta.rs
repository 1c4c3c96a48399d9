//! Scoring of coarse event classes with actor spans (ConfliBERT).

use crate::gold::PentaItem;
use crate::pairs::most_confident;
use crate::report::{Mistake, Section, SetReport, Value};
use crate::text::{find_span, overlaps};
use dyad_core::Event;

/// The penta class of a CAMEO code (UTD/ConfliBERT scheme): 0 = roots 01–02,
/// 1 = 03–05, 2 = 06–08, 3 = 09–13 and 16, 4 = 14, 15, 17–20. Note that 16
/// (reduce relations) is class 3 here, unlike the usual quad class.
pub fn penta_class(cameo: &str) -> Option<u8> {
    let root: u8 = cameo.get(..2)?.parse().ok()?;
    match root {
        1..=2 => Some(0),
        3..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 | 16 => Some(3),
        14 | 15 | 17..=20 => Some(4),
        _ => None,
    }
}

#[derive(Default)]
struct SpanCounts {
    total: usize,
    hit: usize,
    not_found: usize,
}

/// Scores penta items. `coded[i]` are dyad's events for `items[i]`.
///
/// dyad's class for a sentence is the penta class of its most confident
/// event. Penta accuracy is over the sentences where dyad coded something
/// (coverage is the share of those); a gold source span is recalled when
/// some coded source span overlaps it, a target span when some coded target
/// span does, a reciprocal span when some coded source or target span does.
pub fn score_penta(
    set: &str,
    format: &str,
    items: &[PentaItem],
    coded: &[Vec<Event>],
) -> SetReport {
    let mut report = SetReport::new(set, format);
    let (mut covered, mut correct) = (0, 0);
    let (mut src, mut tgt, mut rec) = (
        SpanCounts::default(),
        SpanCounts::default(),
        SpanCounts::default(),
    );
    let empty = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let events = coded.get(i).unwrap_or(&empty);
        let sources: Vec<[usize; 2]> = events.iter().map(|e| e.source.span).collect();
        let targets: Vec<[usize; 2]> = events
            .iter()
            .filter_map(|e| e.target.as_ref().map(|t| t.span))
            .collect();
        let count = |spans: &[String], ours: &[[usize; 2]], c: &mut SpanCounts| {
            for s in spans {
                c.total += 1;
                match find_span(&item.text, s) {
                    Some(g) => c.hit += usize::from(ours.iter().any(|&o| overlaps(o, g))),
                    None => c.not_found += 1,
                }
            }
        };
        count(&item.source_spans, &sources, &mut src);
        count(&item.target_spans, &targets, &mut tgt);
        let both: Vec<[usize; 2]> = sources.iter().chain(&targets).copied().collect();
        count(&item.reciprocal_spans, &both, &mut rec);

        let predicted = most_confident(events).and_then(|e| penta_class(&e.cameo));
        if !events.is_empty() {
            covered += 1;
        }
        if predicted == Some(item.penta) {
            correct += 1;
        } else {
            report.mistakes.push(Mistake {
                id: item.id.clone(),
                line: item.line,
                text: item.text.clone(),
                expected: vec![format!(
                    "penta {} (source {:?}, target {:?})",
                    item.penta, item.source_spans, item.target_spans
                )],
                coded: events
                    .iter()
                    .map(|e| {
                        format!(
                            "{} → {} {} penta {} «{}»",
                            e.source.code,
                            e.target.as_ref().map_or("—", |t| t.code.as_str()),
                            e.cameo,
                            penta_class(&e.cameo).map_or("?".into(), |p| p.to_string()),
                            e.evidence.trigger
                        )
                    })
                    .collect(),
                kind: if events.is_empty() {
                    "nothing coded"
                } else {
                    "wrong class"
                }
                .into(),
            });
        }
    }
    let n = items.len();
    report.sections.push(
        Section::new("penta", "penta class of the most confident event")
            .with("sentences", "sentences", Value::Count(n))
            .with(
                "coded_sentences",
                "sentences with >= 1 coded event",
                Value::Count(covered),
            )
            .with("coverage", "coverage", Value::ratio(covered, n))
            .with(
                "accuracy_coded",
                "penta accuracy over coded sentences",
                Value::ratio(correct, covered),
            )
            .with(
                "accuracy",
                "penta accuracy over all sentences",
                Value::ratio(correct, n),
            ),
    );
    report.sections.push(
        Section::new("spans", "span overlap recall")
            .with("source_spans", "gold source spans", Value::Count(src.total))
            .with(
                "source_recall",
                "source span recall",
                Value::ratio(src.hit, src.total),
            )
            .with("target_spans", "gold target spans", Value::Count(tgt.total))
            .with(
                "target_recall",
                "target span recall",
                Value::ratio(tgt.hit, tgt.total),
            )
            .with(
                "reciprocal_spans",
                "gold reciprocal spans",
                Value::Count(rec.total),
            )
            .with(
                "reciprocal_recall",
                "reciprocal span recall (as source or target)",
                Value::ratio(rec.hit, rec.total),
            )
            .with(
                "not_found",
                "gold spans not found in their sentence",
                Value::Count(src.not_found + tgt.not_found + rec.not_found),
            ),
    );
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penta_classes() {
        let cases = [
            ("010", 0),
            ("0214", 0),
            ("036", 1),
            ("057", 1),
            ("061", 2),
            ("0871", 2),
            ("090", 3),
            ("138", 3),
            ("161", 3),
            ("141", 4),
            ("154", 4),
            ("173", 4),
            ("2042", 4),
        ];
        for (code, class) in cases {
            assert_eq!(penta_class(code), Some(class), "{code}");
        }
        assert_eq!(penta_class("21"), None);
        assert_eq!(penta_class("x"), None);
    }
}

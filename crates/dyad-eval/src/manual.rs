//! Scoring of the CAMEO manual examples: one expected CAMEO code per
//! sentence, no actors.

use crate::counts::Counts;
use crate::gold::ManualItem;
use crate::report::{Mistake, Section, SetReport, Value};
use dyad_core::Event;

fn describe(e: &Event) -> String {
    format!(
        "{} → {} {} «{}»",
        e.source.code,
        e.target.as_ref().map_or("—", |t| t.code.as_str()),
        e.cameo,
        e.evidence.trigger
    )
}

/// Scores CAMEO manual examples. `coded[i]` are dyad's events for
/// `items[i]`.
///
/// Root accuracy is the share of sentences where some coded event has the
/// expected root, full-code accuracy the share where some coded event has
/// the expected code. Precision, recall and F1 treat the expected code as the
/// sentence's only event, actors ignored: at most one coded event per
/// sentence is a true positive, every other coded event is extra.
pub fn score_manual(
    set: &str,
    format: &str,
    items: &[ManualItem],
    coded: &[Vec<Event>],
) -> SetReport {
    let mut report = SetReport::new(set, format);
    let (mut root, mut full) = (Counts::default(), Counts::default());
    let (mut root_hits, mut full_hits, mut silent, mut events_total) = (0, 0, 0, 0);
    let empty = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let events = coded.get(i).unwrap_or(&empty);
        events_total += events.len();
        let want_root = item.cameo.get(..2).unwrap_or(&item.cameo);
        let root_hit = events.iter().any(|e| e.cameo_root == want_root);
        let full_hit = events.iter().any(|e| e.cameo == item.cameo);
        root_hits += usize::from(root_hit);
        full_hits += usize::from(full_hit);
        root.add(usize::from(root_hit), 1, events.len());
        full.add(usize::from(full_hit), 1, events.len());
        if events.is_empty() {
            silent += 1;
        }
        if !full_hit {
            report.mistakes.push(Mistake {
                id: item.id.clone(),
                line: item.line,
                text: item.text.clone(),
                expected: vec![item.cameo.clone()],
                coded: events.iter().map(describe).collect(),
                kind: if events.is_empty() {
                    "missed, nothing coded"
                } else if root_hit {
                    "right root, other code"
                } else {
                    "other root"
                }
                .into(),
            });
        }
    }
    let n = items.len();
    report.sections.push(
        Section::new("counts", "sentences and events")
            .with("sentences", "sentences", Value::Count(n))
            .with("coded_events", "coded events", Value::Count(events_total))
            .with(
                "events_per_sentence",
                "coded events per sentence",
                Value::Number((n > 0).then(|| events_total as f64 / n as f64)),
            )
            .with(
                "silent_sentences",
                "sentences with no coded event",
                Value::Count(silent),
            ),
    );
    report.sections.push(
        Section::new(
            "accuracy",
            "accuracy (some coded event has the expected code)",
        )
        .with("root", "root accuracy", Value::ratio(root_hits, n))
        .with("full", "full-code accuracy", Value::ratio(full_hits, n)),
    );
    report
        .sections
        .push(root.section("root", "root level, the code as the event (no actors)"));
    report
        .sections
        .push(full.section("full", "full-code level, the code as the event (no actors)"));
    report
}

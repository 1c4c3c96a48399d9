//! Scoring of marked source/target pairs with a PLOVER label (zero-shot
//! PLOVER pairs).

use crate::gold::PairItem;
use crate::report::{Mistake, Section, SetReport, Value};
use crate::text::overlaps;
use dyad_core::ontology::plover_event;
use dyad_core::Event;

/// True when a predicted PLOVER event satisfies a gold label; the label
/// `YIELD` stands for CONCEDE or RETREAT.
pub fn plover_label_matches(label: &str, predicted: Option<&str>) -> bool {
    match predicted {
        None => false,
        Some(p) if label == "YIELD" => p == "CONCEDE" || p == "RETREAT",
        Some(p) => p == label,
    }
}

/// The event dyad would report for a sentence: the most confident one, the
/// first in text order on ties.
pub(crate) fn most_confident<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<&'a Event> {
    let mut best: Option<&Event> = None;
    for e in events {
        if best.is_none_or(|b| e.confidence > b.confidence) {
            best = Some(e);
        }
    }
    best
}

/// Scores pair items. `coded[i]` are dyad's events for `items[i]`.
///
/// An event is "on the pair" when its source span overlaps the gold source
/// span and its target span overlaps the gold target span (byte ranges of
/// the sentence); when a gold actor is implicit (not in the sentence: "An
/// actor", "a recipient"), any actor is accepted in its place. For an item with events on the pair, dyad's answer is the
/// PLOVER event of the most confident of them. Reported: pair recall (share
/// of items with an event on the pair), accuracy given the pair (share of
/// those with the right PLOVER event), overall accuracy (right answers over
/// all items), and source/target span recall.
pub fn score_pairs(set: &str, format: &str, items: &[PairItem], coded: &[Vec<Event>]) -> SetReport {
    let mut report = SetReport::new(set, format);
    let (mut any, mut found, mut correct, mut reversed) = (0, 0, 0, 0);
    let (mut src_hit, mut src_total, mut tgt_hit, mut tgt_total, mut implicit) = (0, 0, 0, 0, 0);
    let empty = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let events = coded.get(i).unwrap_or(&empty);
        any += usize::from(!events.is_empty());
        // An implicit gold actor (not in the sentence) accepts any actor.
        let on_source =
            |e: &Event, s: Option<[usize; 2]>| s.is_none_or(|s| overlaps(e.source.span, s));
        let on_target = |e: &Event, t: Option<[usize; 2]>| {
            t.is_none_or(|t| e.target.as_ref().is_some_and(|x| overlaps(x.span, t)))
        };
        let pair: Vec<&Event> = events
            .iter()
            .filter(|e| on_source(e, item.source) && on_target(e, item.target))
            .collect();
        let backwards = match (item.source, item.target) {
            (Some(s), Some(t)) => events.iter().any(|e| {
                overlaps(e.source.span, t) && e.target.as_ref().is_some_and(|x| overlaps(x.span, s))
            }),
            _ => false,
        };
        implicit += usize::from(item.source.is_none() || item.target.is_none());
        if item.source.is_some() {
            src_total += 1;
            src_hit += usize::from(events.iter().any(|e| on_source(e, item.source)));
        }
        if item.target.is_some() {
            tgt_total += 1;
            tgt_hit += usize::from(events.iter().any(|e| on_target(e, item.target)));
        }
        let answer = most_confident(pair.iter().copied()).map(|e| plover_event(&e.cameo));
        let kind = match answer {
            Some(p) => {
                found += 1;
                if plover_label_matches(&item.label, p) {
                    correct += 1;
                    None
                } else {
                    Some("wrong PLOVER event on the pair")
                }
            }
            None if backwards => {
                reversed += 1;
                Some("pair coded in the reverse direction")
            }
            None if events.is_empty() => Some("nothing coded"),
            None => Some("no event on the pair"),
        };
        if let Some(kind) = kind {
            let span = |s: Option<[usize; 2]>| {
                s.and_then(|s| item.text.get(s[0]..s[1]))
                    .unwrap_or("(implicit)")
            };
            report.mistakes.push(Mistake {
                id: item.id.clone(),
                line: item.line,
                text: item.text.clone(),
                expected: vec![format!(
                    "«{}» → «{}» {}",
                    span(item.source),
                    span(item.target),
                    item.label
                )],
                coded: events
                    .iter()
                    .map(|e| {
                        format!(
                            "{} «{}» → {} «{}» {} {}",
                            e.source.code,
                            e.source.text,
                            e.target.as_ref().map_or("—", |t| t.code.as_str()),
                            e.target.as_ref().map_or("", |t| t.text.as_str()),
                            e.cameo,
                            plover_event(&e.cameo).unwrap_or("(no PLOVER)")
                        )
                    })
                    .collect(),
                kind: kind.into(),
            });
        }
    }
    let n = items.len();
    report.sections.push(
        Section::new("pairs", "PLOVER event given the marked pair")
            .with("items", "items", Value::Count(n))
            .with(
                "coded_any",
                "items with >= 1 coded event",
                Value::Count(any),
            )
            .with(
                "pair_found",
                "items with an event on the pair",
                Value::Count(found),
            )
            .with("pair_recall", "pair recall", Value::ratio(found, n))
            .with(
                "accuracy_given_pair",
                "event accuracy given the pair",
                Value::ratio(correct, found),
            )
            .with("accuracy", "overall accuracy", Value::ratio(correct, n))
            .with(
                "reversed",
                "items coded only in the reverse direction",
                Value::Count(reversed),
            )
            .with(
                "implicit_actor",
                "items with an implicit source or target (any accepted)",
                Value::Count(implicit),
            ),
    );
    report.sections.push(
        Section::new(
            "spans",
            "span recall (some coded actor overlaps the gold span)",
        )
        .with(
            "source_recall",
            "source span recall (explicit sources)",
            Value::ratio(src_hit, src_total),
        )
        .with(
            "target_recall",
            "target span recall (explicit targets)",
            Value::ratio(tgt_hit, tgt_total),
        ),
    );
    report
}

//! Scoring of event-location attachment, and the locator of dyad's coder.

use crate::gold::LocationItem;
use crate::report::{Mistake, Section, SetReport, Value};
use crate::text::normalize_place;
use dyad_core::{find_places, locate_verb, Document, KnowledgeBase};

/// Scores a locator: `locate(text, verb)` names the place mention of `text`
/// that locates the event of `verb`, or `None` when the text gives no
/// location.
///
/// The gold lists the event's location mention(s) (several when the event
/// happened in several places; none when the text gives no location). Records
/// whose `answer` is `accept` (a reviewed suggestion) or null (coded directly
/// by an annotator) are gold; any other answer (a rejected suggestion) is
/// skipped and counted. An answer is correct when it equals one of the gold
/// mentions after case, quote and whitespace folding (a leading "the"
/// ignored), or when both are empty. The first verb of a record is scored.
pub fn score_locations(
    set: &str,
    format: &str,
    items: &[LocationItem],
    locate: &(dyn Fn(&str, &str) -> Option<String> + Sync),
) -> SetReport {
    let mut report = SetReport::new(set, format);
    let answers = crate::par_map(items, |item| {
        item.verbs.first().and_then(|v| locate(&item.text, v))
    });
    let (mut scored, mut skipped, mut with_loc, mut located, mut correct) = (0, 0, 0, 0, 0);
    let (mut none_right, mut false_loc) = (0, 0);
    for (item, answer) in items.iter().zip(&answers) {
        if item.answer.as_deref().is_some_and(|a| a != "accept") {
            skipped += 1;
            continue;
        }
        scored += 1;
        let gold: Vec<String> = item.locations.iter().map(|l| normalize_place(l)).collect();
        let has_gold = !gold.is_empty();
        with_loc += usize::from(has_gold);
        let right = match answer {
            Some(a) => {
                located += 1;
                let ok = gold.contains(&normalize_place(a));
                correct += usize::from(ok);
                if !has_gold {
                    false_loc += 1;
                }
                ok
            }
            None => {
                none_right += usize::from(!has_gold);
                !has_gold
            }
        };
        if !right {
            report.mistakes.push(Mistake {
                id: item.id.clone(),
                line: item.line,
                text: item.text.trim().to_string(),
                expected: item
                    .locations
                    .iter()
                    .map(|l| format!("{} @ «{l}»", item.verbs[0]))
                    .collect(),
                coded: answer
                    .iter()
                    .map(|a| format!("{} @ «{a}»", item.verbs[0]))
                    .collect(),
                kind: match (answer, has_gold) {
                    (None, _) => "no location found",
                    (Some(_), false) => "location where the gold has none",
                    (Some(_), true) => "wrong location",
                }
                .into(),
            });
        }
    }
    let without = scored - with_loc;
    report.sections.push(
        Section::new("location", "event-location attachment")
            .with("records", "records scored", Value::Count(scored))
            .with(
                "skipped",
                "records skipped (rejected suggestions)",
                Value::Count(skipped),
            )
            .with(
                "with_location",
                "records with a gold location",
                Value::Count(with_loc),
            )
            .with("located", "records dyad located", Value::Count(located))
            .with("correct", "correct locations", Value::Count(correct))
            .with(
                "precision",
                "precision (correct / located)",
                Value::ratio(correct, located),
            )
            .with(
                "recall",
                "recall (correct / records with a location)",
                Value::ratio(correct, with_loc),
            )
            .with(
                "accuracy",
                "accuracy (right location or rightly none)",
                Value::ratio(correct + none_right, scored),
            )
            .with(
                "false_location_rate",
                "share of no-location records given a location",
                Value::ratio(false_loc, without),
            ),
    );
    report
}

/// The locator of dyad's coder ([`locate_verb`]): the place the coder
/// attaches to an event triggered by the verb.
#[derive(Debug, Clone, Copy)]
pub struct CoderLocator<'kb> {
    kb: &'kb KnowledgeBase,
}

impl<'kb> CoderLocator<'kb> {
    /// A locator using `kb`.
    pub fn new(kb: &'kb KnowledgeBase) -> Self {
        CoderLocator { kb }
    }

    /// The place mention that locates `verb` in `text`, as written.
    pub fn locate(&self, text: &str, verb: &str) -> Option<String> {
        let doc = Document {
            id: "event-location".into(),
            text: text.to_string(),
            ..Default::default()
        };
        locate_verb(&doc, verb, self.kb).map(|l| l.text)
    }

    /// Every place the coder finds in `text`: span, name, coordinates.
    pub fn places(&self, text: &str) -> Vec<crate::geoparse::FoundPlace> {
        let doc = Document {
            id: "geoparsing".into(),
            text: text.to_string(),
            ..Default::default()
        };
        find_places(&doc, self.kb)
            .into_iter()
            .map(|l| (l.span, l.name, l.lat.zip(l.lon)))
            .collect()
    }
}

//! Scoring of event-location attachment, and a baseline locator built on
//! dyad-core's public API.

use crate::gold::LocationItem;
use crate::report::{Mistake, Section, SetReport, Value};
use crate::text::normalize_place;
use dyad_core::text::segment::tokenize;
use dyad_core::{code_explained, Document, KnowledgeBase};

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

/// The baseline locator: the country or capital that dyad's knowledge base
/// finds in the verb's sentence, nearest to the verb (in tokens; the first on
/// ties). Other places (cities, regions, villages) are not in the knowledge
/// base yet, so they are never found.
///
/// It reads the knowledge-base matches from [`code_explained`]'s sentence
/// traces, the only public view of them.
#[derive(Debug, Clone, Copy)]
pub struct NearestPlace<'kb> {
    kb: &'kb KnowledgeBase,
}

impl<'kb> NearestPlace<'kb> {
    /// A locator using `kb`.
    pub fn new(kb: &'kb KnowledgeBase) -> Self {
        NearestPlace { kb }
    }

    /// The place mention nearest to the first word of `verb`, as written in
    /// the text.
    pub fn locate(&self, text: &str, verb: &str) -> Option<String> {
        let verb = verb.split_whitespace().next()?;
        let doc = Document {
            id: "event-location".into(),
            text: text.to_string(),
            ..Default::default()
        };
        let (_, traces) = code_explained(&doc, self.kb);
        for t in &traces {
            let words: Vec<&str> = t
                .tagged
                .iter()
                .map(|w| w.rsplit_once('/').map_or(w.as_str(), |(word, _)| word))
                .collect();
            let Some(v) = words.iter().position(|w| w.eq_ignore_ascii_case(verb)) else {
                continue;
            };
            // (distance to the verb, first token, end token) of the nearest place.
            let mut best: Option<(usize, usize, usize)> = None;
            for m in &t.mentions {
                let Some((phrase, what)) = m.split_once(" → ") else {
                    continue;
                };
                if !(what.starts_with("country ") || what.starts_with("capital ")) {
                    continue;
                }
                let pw: Vec<&str> = phrase.split(' ').collect();
                if pw.is_empty() || pw.len() > words.len() {
                    continue;
                }
                for start in 0..=words.len() - pw.len() {
                    if words[start..start + pw.len()] != pw[..] {
                        continue;
                    }
                    let end = start + pw.len();
                    let dist = if start > v {
                        start - v
                    } else if end <= v {
                        v + 1 - end
                    } else {
                        0
                    };
                    if best.is_none_or(|(d, s, _)| (dist, start) < (d, s)) {
                        best = Some((dist, start, end));
                    }
                }
            }
            let (_, start, end) = best?;
            let tokens = tokenize(&t.text);
            if tokens.len() == words.len() {
                return t
                    .text
                    .get(tokens[start].start..tokens[end - 1].end)
                    .map(str::to_string);
            }
            return Some(words[start..end].join(" "));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, verb: &str, locations: &[&str], answer: Option<&str>) -> LocationItem {
        LocationItem {
            id: text.chars().take(8).collect(),
            line: 1,
            text: text.into(),
            verbs: vec![verb.into()],
            locations: locations.iter().map(|s| s.to_string()).collect(),
            answer: answer.map(str::to_string),
        }
    }

    #[test]
    fn scores_answers_against_gold_mentions() {
        let items = [
            item("Shots hit Yala.", "hit", &["Yala"], Some("accept")),
            item("Shots hit the West Bank.", "hit", &["West Bank"], None),
            item("Shots hit Pattani and Yala.", "hit", &["Pattani"], None),
            item("Shots were heard.", "heard", &[], None),
            item("Shots were fired.", "fired", &[], Some("accept")),
            item("Shots hit Narathiwat.", "hit", &["Narathiwat"], None),
            item("Rejected.", "hit", &["Nowhere"], Some("reject")),
        ];
        // Right, right (folded), wrong, rightly none, phantom, missed.
        let answers = ["yala", "the west  bank", "Yala", "", "Bangkok", ""];
        let locate = |text: &str, _verb: &str| {
            let i = items.iter().position(|it| it.text == text)?;
            Some(answers.get(i)?.to_string()).filter(|a| !a.is_empty())
        };
        let r = score_locations("event_location", "event-location", &items, &locate);
        let count = |k: &str| r.metric(k).and_then(Value::as_f64);
        assert_eq!(count("location.records"), Some(6.0));
        assert_eq!(count("location.skipped"), Some(1.0));
        assert_eq!(count("location.with_location"), Some(4.0));
        assert_eq!(count("location.located"), Some(4.0));
        assert_eq!(count("location.correct"), Some(2.0));
        assert_eq!(count("location.precision"), Some(0.5));
        assert_eq!(count("location.recall"), Some(0.5));
        assert_eq!(count("location.accuracy"), Some(0.5));
        assert_eq!(count("location.false_location_rate"), Some(0.5));
        let kinds: Vec<&str> = r.mistakes.iter().map(|m| m.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "wrong location",
                "location where the gold has none",
                "no location found"
            ]
        );
    }

    #[test]
    fn baseline_finds_the_nearest_known_place() {
        let kb = KnowledgeBase::embedded();
        let loc = NearestPlace::new(&kb);
        assert_eq!(
            loc.locate("A car bomb exploded in Baku on Friday.", "exploded")
                .as_deref(),
            Some("Baku")
        );
        assert_eq!(
            loc.locate(
                "Gunmen attacked a convoy in Afghanistan, far from Kenya.",
                "attacked"
            )
            .as_deref(),
            Some("Afghanistan")
        );
        assert_eq!(loc.locate("Two people were killed.", "killed"), None);
        assert_eq!(loc.locate("Troops were sent to Kenya.", "bombed"), None);
    }
}

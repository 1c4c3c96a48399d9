//! Scoring of triple sets: gold (source, target, event) per sentence against
//! dyad's events for that sentence.
//!
//! Matching is one-to-one per sentence: every (gold, coded) pair that
//! agrees at the level being scored is a candidate; candidates are taken
//! best first (full code agreeing, then exact actor codes, then file order),
//! skipping any pair whose gold or coded event is already taken. Actors agree
//! when our code, cut to the length of the gold code, equals it: gold `USA`
//! accepts our `USAGOV`, gold `USAGOV` needs our `USAGOV…`; a missing gold
//! target needs a missing coded target.

use crate::counts::Counts;
use crate::gold::{GoldEvent, TripleGold};
use crate::report::{Mistake, Section, SetReport, Value};
use dyad_core::kb::source::TRANSNATIONAL;
use dyad_core::kb::ActorCode;
use dyad_core::ontology::plover_event;
use dyad_core::Event;

/// The event agreement a match requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventLevel {
    /// Same CAMEO root (first two digits).
    Root,
    /// Same full CAMEO code.
    Full,
    /// Same PLOVER event type (our CAMEO code converted with
    /// [`dyad_core::ontology::plover_event`]).
    Plover,
}

/// The first `n` characters of a code (the whole code when shorter).
fn prefix(code: &str, n: usize) -> &str {
    code.char_indices().nth(n).map_or(code, |(i, _)| &code[..i])
}

/// True when `gold` is a prefix of `ours`, a `-` in `gold` standing for any
/// character (PETRARCH writes an unknown country as `---`: `---REB`).
fn wild_prefix(gold: &str, ours: &str) -> bool {
    ours.len() >= gold.len()
        && gold
            .bytes()
            .zip(ours.bytes())
            .all(|(g, o)| g == b'-' || g == o)
}

/// True when our actor code agrees with the gold code at the gold code's
/// granularity: our code starts with the gold code (`USA` accepts `USAGOV`;
/// `USAGOV` rejects `USA`; `---REB`, a rebel group of unknown country,
/// accepts `SYRREB`). Two missing actors agree; a missing and a present one
/// do not.
pub fn actor_agrees(gold: Option<&str>, ours: Option<&str>) -> bool {
    match (gold, ours) {
        (None, None) => true,
        (Some(g), Some(o)) => wild_prefix(g, o) || transnational_role(g, o),
        _ => false,
    }
}

/// True when a gold code written as a transnational prefix and a role, the
/// PLOVER gold's country+sector form for international bodies (`IGOMIL`
/// for NATO troops, `IGOGOV` for the Arab League's secretary-general),
/// names the role our full CAMEO code gives after the organisation
/// (`IGOWSTNATMIL`, `IGOMEAARLGOV`, `IGOUNOREFHCR` for `IGOREF`).
fn transnational_role(gold: &str, ours: &str) -> bool {
    let (Some(head), Some(role)) = (gold.get(..3), gold.get(3..)) else {
        return false;
    };
    gold.len() == 6
        && TRANSNATIONAL.contains(&head)
        && ActorCode::parse(ours).is_some_and(|c| {
            c.sector.as_deref() == Some(head) && c.groups().skip(1).any(|g| g == role)
        })
}

/// True when the two actors agree on their first `n` characters (with the
/// `-` wildcard of the gold): `n` = 3 compares countries, 6 countries and
/// sectors (gold `USA` and our `USAGOV` agree on the country only).
fn same_prefix(gold: Option<&str>, ours: Option<&str>, n: usize) -> bool {
    match (gold, ours) {
        (None, None) => true,
        (Some(g), Some(o)) => {
            let (g, o) = (prefix(g, n), prefix(o, n));
            g.len() == o.len() && wild_prefix(g, o)
        }
        _ => false,
    }
}

fn same_country(gold: Option<&str>, ours: Option<&str>) -> bool {
    same_prefix(gold, ours, 3)
}

fn same_country_sector(gold: Option<&str>, ours: Option<&str>) -> bool {
    same_prefix(gold, ours, 6)
        || matches!((gold, ours), (Some(g), Some(o)) if transnational_role(prefix(g, 6), o))
}

fn root(code: &str) -> &str {
    prefix(code, 2)
}

/// True when a coded CAMEO code agrees with a gold event at `level`.
pub fn event_agrees(level: EventLevel, gold: &GoldEvent, cameo: &str) -> bool {
    match level {
        EventLevel::Root => gold
            .cameo
            .as_deref()
            .is_some_and(|g| root(g) == root(cameo)),
        EventLevel::Full => gold.cameo.as_deref() == Some(cameo),
        EventLevel::Plover => gold
            .plover
            .as_deref()
            .is_some_and(|p| plover_event(cameo) == Some(p)),
    }
}

fn target_code(e: &Event) -> Option<&str> {
    e.target.as_ref().map(|t| t.code.as_str())
}

/// Matches gold and coded events of one sentence one-to-one (greedy, best
/// first) at `level`, requiring actor agreement when `with_actors`. Returns
/// `(gold index, coded index)` pairs.
pub fn match_events(
    gold: &[GoldEvent],
    coded: &[&Event],
    level: EventLevel,
    with_actors: bool,
) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (ci, c) in coded.iter().enumerate() {
            if !event_agrees(level, g, &c.cameo) {
                continue;
            }
            let (gs, gt) = (g.source.as_deref(), g.target.as_deref());
            let (cs, ct) = (Some(c.source.code.as_str()), target_code(c));
            let actors = actor_agrees(gs, cs) && actor_agrees(gt, ct);
            if with_actors && !actors {
                continue;
            }
            let quality = [
                g.cameo.as_deref() == Some(c.cameo.as_str()),
                actors,
                gs == cs && gt == ct,
                same_country_sector(gs, cs) && same_country_sector(gt, ct),
                same_country(gs, cs) && same_country(gt, ct),
            ];
            candidates.push((quality, gi, ci));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut gold_used = vec![false; gold.len()];
    let mut coded_used = vec![false; coded.len()];
    let mut pairs = Vec::new();
    for (_, gi, ci) in candidates {
        if !gold_used[gi] && !coded_used[ci] {
            gold_used[gi] = true;
            coded_used[ci] = true;
            pairs.push((gi, ci));
        }
    }
    pairs
}

/// Actor agreement over event-matched pairs.
#[derive(Debug, Default)]
struct ActorCounts {
    pairs: usize,
    source_country: usize,
    target_country: usize,
    country: usize,
    country_sector: usize,
}

/// Error classes at the primary level.
#[derive(Debug, Default)]
struct Breakdown {
    missed_silent: usize,
    missed_wrong_actors: usize,
    missed_wrong_event: usize,
    extra_no_event: usize,
    extra_wrong_actors: usize,
    extra_duplicate: usize,
    extra_wrong_event: usize,
}

fn describe_gold(g: &GoldEvent, plover_set: bool) -> String {
    let actor = |a: &Option<String>| a.clone().unwrap_or_else(|| "—".into());
    let event = match (plover_set, &g.plover, &g.cameo) {
        (true, Some(p), Some(c)) => format!("{p} (CAMEO {c})"),
        (true, Some(p), None) => p.clone(),
        (_, _, Some(c)) => c.clone(),
        (_, Some(p), None) => p.clone(),
        (_, None, None) => "?".into(),
    };
    format!("{} → {} {event}", actor(&g.source), actor(&g.target))
}

fn describe_coded(e: &Event, plover_set: bool) -> String {
    let mut s = format!(
        "{} → {} {}",
        e.source.code,
        target_code(e).unwrap_or("—"),
        e.cameo
    );
    if plover_set {
        s.push_str(&format!(
            " {}",
            plover_event(&e.cameo).unwrap_or("(no PLOVER)")
        ));
    }
    s.push_str(&format!(" «{}»", e.evidence.trigger));
    if e.polarity == dyad_core::Polarity::Negated {
        s.push_str(" negated");
    }
    s
}

/// Scores a triple set. `coded[i]` are dyad's events for `gold.items[i]`.
///
/// CAMEO sets are scored at root level (CAMEO root and actors), full-code
/// level (full code and actors) and root level without actors. A PLOVER set
/// is scored at PLOVER event level with and without actors (coded events
/// whose CAMEO code has no PLOVER equivalent, roots 01 and 02, are left out
/// of those counts), and at CAMEO root and full-code level over the
/// sentences whose gold events all carry a CAMEO code.
/// Confidence bins of the calibration section: lower bound, upper bound
/// (exclusive, except the last), metric key prefix and label.
const CONFIDENCE_BINS: &[(f32, f32, &str, &str, &str)] = &[
    (
        0.0,
        0.5,
        "below_0.5",
        "coded, confidence < 0.5",
        "precision, confidence < 0.5",
    ),
    (
        0.5,
        0.6,
        "0.5_0.6",
        "coded, confidence 0.5-0.6",
        "precision, confidence 0.5-0.6",
    ),
    (
        0.6,
        0.7,
        "0.6_0.7",
        "coded, confidence 0.6-0.7",
        "precision, confidence 0.6-0.7",
    ),
    (
        0.7,
        0.8,
        "0.7_0.8",
        "coded, confidence 0.7-0.8",
        "precision, confidence 0.7-0.8",
    ),
    (
        0.8,
        1.01,
        "0.8_1.0",
        "coded, confidence >= 0.8",
        "precision, confidence >= 0.8",
    ),
];

fn confidence_bin(c: f32) -> usize {
    CONFIDENCE_BINS
        .iter()
        .position(|b| c >= b.0 && c < b.1)
        .unwrap_or(0)
}

fn calibration_section(bins: &[(usize, usize)]) -> Section {
    let mut s = Section::new(
        "calibration",
        "calibration: precision of coded events by confidence (primary level)",
    );
    for (b, &(coded, matched)) in CONFIDENCE_BINS.iter().zip(bins) {
        s.metrics.push(crate::report::Metric {
            key: b.2,
            label: b.3,
            value: Value::Count(coded),
        });
        s.metrics.push(crate::report::Metric {
            key: precision_key(b.2),
            label: b.4,
            value: Value::ratio(matched, coded),
        });
    }
    s
}

fn precision_key(bin: &str) -> &'static str {
    match bin {
        "below_0.5" => "precision_below_0.5",
        "0.5_0.6" => "precision_0.5_0.6",
        "0.6_0.7" => "precision_0.6_0.7",
        "0.7_0.8" => "precision_0.7_0.8",
        _ => "precision_0.8_1.0",
    }
}

pub fn score_triples(
    set: &str,
    format: &str,
    gold: &TripleGold,
    coded: &[Vec<Event>],
) -> SetReport {
    let plover_set = gold.plover;
    let primary = if plover_set {
        EventLevel::Plover
    } else {
        EventLevel::Root
    };
    let mut report = SetReport::new(set, format);
    let mut primary_c = Counts::default();
    let mut event_only = Counts::default();
    let mut root = Counts::default();
    let mut full = Counts::default();
    let mut cameo_sentences = 0;
    let mut actors = ActorCounts::default();
    let mut breakdown = Breakdown::default();
    let mut calibration = vec![(0usize, 0usize); CONFIDENCE_BINS.len()];
    let (mut gold_events, mut coded_events, mut unmapped) = (0, 0, 0);
    let (mut no_event, mut no_event_with_events) = (0, 0);
    let empty = Vec::new();
    for (i, item) in gold.items.iter().enumerate() {
        let events = coded.get(i).unwrap_or(&empty);
        gold_events += item.events.len();
        coded_events += events.len();
        if item.events.is_empty() {
            no_event += 1;
            if !events.is_empty() {
                no_event_with_events += 1;
            }
        }
        // The coded events scored at the primary level.
        let eligible: Vec<&Event> = events
            .iter()
            .filter(|e| !plover_set || plover_event(&e.cameo).is_some())
            .collect();
        unmapped += events.len() - eligible.len();

        let pairs = match_events(&item.events, &eligible, primary, true);
        primary_c.add(pairs.len(), item.events.len(), eligible.len());
        for (ci, c) in eligible.iter().enumerate() {
            let bin = &mut calibration[confidence_bin(c.confidence)];
            bin.0 += 1;
            bin.1 += usize::from(pairs.iter().any(|p| p.1 == ci));
        }
        let loose = match_events(&item.events, &eligible, primary, false);
        event_only.add(loose.len(), item.events.len(), eligible.len());
        for &(gi, ci) in &loose {
            let g = &item.events[gi];
            let c = eligible[ci];
            let (gs, gt) = (g.source.as_deref(), g.target.as_deref());
            let (cs, ct) = (Some(c.source.code.as_str()), target_code(c));
            actors.pairs += 1;
            let sc = same_country(gs, cs);
            let tc = same_country(gt, ct);
            actors.source_country += usize::from(sc);
            actors.target_country += usize::from(tc);
            actors.country += usize::from(sc && tc);
            actors.country_sector +=
                usize::from(same_country_sector(gs, cs) && same_country_sector(gt, ct));
        }
        let mut full_pairs = 0;
        if !plover_set || item.events.iter().all(|e| e.cameo.is_some()) {
            let all: Vec<&Event> = events.iter().collect();
            cameo_sentences += 1;
            root.add(
                match_events(&item.events, &all, EventLevel::Root, true).len(),
                item.events.len(),
                all.len(),
            );
            full_pairs = match_events(&item.events, &all, EventLevel::Full, true).len();
            full.add(full_pairs, item.events.len(), all.len());
        }

        // Error classes and the mistake list, at the primary level.
        let gold_matched: Vec<bool> = (0..item.events.len())
            .map(|gi| pairs.iter().any(|p| p.0 == gi))
            .collect();
        let coded_matched: Vec<bool> = (0..eligible.len())
            .map(|ci| pairs.iter().any(|p| p.1 == ci))
            .collect();
        let mut kinds: Vec<&str> = Vec::new();
        for (gi, g) in item.events.iter().enumerate() {
            if gold_matched[gi] {
                continue;
            }
            let same_event_unmatched = eligible
                .iter()
                .enumerate()
                .any(|(ci, c)| !coded_matched[ci] && event_agrees(primary, g, &c.cameo));
            if events.is_empty() {
                breakdown.missed_silent += 1;
                kinds.push("missed, nothing coded");
            } else if same_event_unmatched {
                breakdown.missed_wrong_actors += 1;
                kinds.push("wrong actors");
            } else {
                breakdown.missed_wrong_event += 1;
                kinds.push("missed event");
            }
        }
        for (ci, c) in eligible.iter().enumerate() {
            if coded_matched[ci] {
                continue;
            }
            let same_event = |want_matched: bool| {
                item.events.iter().enumerate().any(|(gi, g)| {
                    gold_matched[gi] == want_matched && event_agrees(primary, g, &c.cameo)
                })
            };
            if item.events.is_empty() {
                breakdown.extra_no_event += 1;
                kinds.push("phantom event on a no-event sentence");
            } else if same_event(false) {
                breakdown.extra_wrong_actors += 1;
                kinds.push("wrong actors");
            } else if same_event(true) {
                breakdown.extra_duplicate += 1;
                kinds.push("duplicate event");
            } else {
                breakdown.extra_wrong_event += 1;
                kinds.push("extra event");
            }
        }
        if kinds.is_empty() && !plover_set && full_pairs < pairs.len() {
            kinds.push("right root, other full code");
        }
        if !kinds.is_empty() {
            let mut seen = Vec::new();
            for k in kinds {
                if !seen.contains(&k) {
                    seen.push(k);
                }
            }
            report.mistakes.push(Mistake {
                id: item.id.clone(),
                line: item.line,
                text: item.text.clone(),
                expected: item
                    .events
                    .iter()
                    .map(|g| describe_gold(g, plover_set))
                    .collect(),
                coded: events
                    .iter()
                    .map(|e| describe_coded(e, plover_set))
                    .collect(),
                kind: seen.join("; "),
            });
        }
    }

    let mut counts = Section::new("counts", "sentences and events")
        .with("sentences", "sentences", Value::Count(gold.items.len()))
        .with(
            "no_event_sentences",
            "gold no-event sentences",
            Value::Count(no_event),
        )
        .with("gold_events", "gold events", Value::Count(gold_events))
        .with("coded_events", "coded events", Value::Count(coded_events));
    if plover_set {
        counts = counts.with(
            "coded_without_plover",
            "coded events without PLOVER equivalent",
            Value::Count(unmapped),
        );
    }
    report.sections.push(counts);
    report.sections.push(calibration_section(&calibration));
    if plover_set {
        report.sections.push(primary_c.section(
            "plover",
            "PLOVER event level: PLOVER event and actors (country+sector as the gold gives them)",
        ));
        report
            .sections
            .push(event_only.section("event_only", "PLOVER event only (actors ignored)"));
        let with_sentences = |c: Counts, key, title: &str| {
            let mut s = c.section(
                key,
                format!("{title} ({cameo_sentences} sentences with cameo_from_manual)"),
            );
            s.metrics.insert(
                0,
                crate::report::Metric {
                    key: "sentences",
                    label: "sentences scored",
                    value: Value::Count(cameo_sentences),
                },
            );
            s
        };
        report.sections.push(with_sentences(
            root,
            "root",
            "root level: CAMEO root and actors",
        ));
        report.sections.push(with_sentences(
            full,
            "full",
            "full-code level: full CAMEO code and actors",
        ));
    } else {
        report.sections.push(root.section(
            "root",
            "root level: CAMEO root and actors at the gold's granularity",
        ));
        report.sections.push(full.section(
            "full",
            "full-code level: full CAMEO code and actors at the gold's granularity",
        ));
        report
            .sections
            .push(event_only.section("event_only", "CAMEO root only (actors ignored)"));
    }
    report.sections.push(
        Section::new(
            "actors",
            format!(
                "actor match over events matched on {} alone",
                if plover_set {
                    "PLOVER event"
                } else {
                    "CAMEO root"
                }
            ),
        )
        .with("pairs", "event-matched pairs", Value::Count(actors.pairs))
        .with(
            "source_country",
            "source, country level",
            Value::ratio(actors.source_country, actors.pairs),
        )
        .with(
            "target_country",
            "target, country level",
            Value::ratio(actors.target_country, actors.pairs),
        )
        .with(
            "country",
            "source and target, country level",
            Value::ratio(actors.country, actors.pairs),
        )
        .with(
            "country_sector",
            "source and target, country+sector level",
            Value::ratio(actors.country_sector, actors.pairs),
        ),
    );
    report.sections.push(
        Section::new("no_event", "gold no-event sentences")
            .with("sentences", "no-event sentences", Value::Count(no_event))
            .with(
                "with_events",
                "of which dyad coded >= 1 event",
                Value::Count(no_event_with_events),
            )
            .with(
                "fp_rate",
                "false-positive rate on no-event sentences",
                Value::ratio(no_event_with_events, no_event),
            ),
    );
    let level = if plover_set { "PLOVER" } else { "root" };
    report.sections.push(
        Section::new("breakdown", format!("error classes at {level} level"))
            .with(
                "missed_silent",
                "missed: nothing coded in the sentence",
                Value::Count(breakdown.missed_silent),
            )
            .with(
                "missed_wrong_actors",
                "missed: same event coded with other actors",
                Value::Count(breakdown.missed_wrong_actors),
            )
            .with(
                "missed_wrong_event",
                "missed: not coded (other events coded)",
                Value::Count(breakdown.missed_wrong_event),
            )
            .with(
                "extra_no_event",
                "extra: on a no-event sentence",
                Value::Count(breakdown.extra_no_event),
            )
            .with(
                "extra_wrong_actors",
                "extra: a missed gold event with other actors",
                Value::Count(breakdown.extra_wrong_actors),
            )
            .with(
                "extra_duplicate",
                "extra: duplicate of a matched event",
                Value::Count(breakdown.extra_duplicate),
            )
            .with(
                "extra_wrong_event",
                "extra: event not in the gold",
                Value::Count(breakdown.extra_wrong_event),
            ),
    );
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_agree_at_the_gold_granularity() {
        let agree = |g, o| actor_agrees(g, o);
        assert!(agree(Some("USA"), Some("USAGOV")));
        assert!(agree(Some("USAGOV"), Some("USAGOV")));
        assert!(agree(Some("USAGOV"), Some("USAGOVLEG")));
        assert!(!agree(Some("USAGOV"), Some("USA")));
        assert!(!agree(Some("USAGOV"), Some("USAMIL")));
        assert!(agree(Some("---REB"), Some("SYRREB")));
        assert!(!agree(Some("---REB"), Some("SYRMIL")));
        assert!(agree(Some("---"), Some("RUS")));
        assert!(!agree(Some("---"), None));
        assert!(agree(None, None));
        assert!(!agree(None, Some("USA")));
        assert!(same_country(Some("USA"), Some("USAGOV")));
        assert!(!same_country_sector(Some("USA"), Some("USAGOV")));
        assert!(same_country_sector(Some("USAGOVLEG"), Some("USAGOV")));
        assert!(same_country_sector(Some("---LEG"), Some("USALEG")));
        assert!(!same_country(Some("ISR"), None));
        // An international body's role after its organisation code.
        assert!(agree(Some("IGOMIL"), Some("IGOWSTNATMIL")));
        assert!(agree(Some("IGOREF"), Some("IGOUNOREFHCR")));
        assert!(!agree(Some("IGOGOV"), Some("IGOUNO")));
        assert!(!agree(Some("IGOMIL"), Some("NGOWSTNATMIL")));
        assert!(!agree(Some("USAMIL"), Some("USAGOVMIL")));
        assert!(same_country_sector(Some("IGOGOV"), Some("IGOMEAARLGOV")));
    }
}

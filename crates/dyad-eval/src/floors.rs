//! Floors: minimum (or maximum) values of metrics that CI enforces.
//!
//! A floors file is a JSON object mapping set names to objects mapping
//! dotted metric keys (see [`crate::report`]) to a bound: a number is a
//! minimum, `{"max": x}` a maximum (for rates that must stay low),
//! `{"min": x}` a minimum. Keys starting with `_` are comments.
//!
//! ```json
//! {"_comment": "v0 baseline minus a margin",
//!  "up_petr2_gsr": {"root.f1": 0.20, "no_event.fp_rate": {"max": 0.5}}}
//! ```

use crate::report::SetReport;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A bound on a metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// The metric must be at least this.
    Min(f64),
    /// The metric must be at most this.
    Max(f64),
}

/// Bounds per set and metric.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Floors {
    sets: BTreeMap<String, BTreeMap<String, Bound>>,
}

impl Floors {
    /// Parses a floors file.
    pub fn parse(text: &str) -> Result<Floors, String> {
        let json: Json = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        let top = json.as_object().ok_or("expected a JSON object of sets")?;
        let mut floors = Floors::default();
        for (set, metrics) in top.iter().filter(|(k, _)| !k.starts_with('_')) {
            let metrics = metrics
                .as_object()
                .ok_or_else(|| format!("{set}: expected an object of metric bounds"))?;
            let mut bounds = BTreeMap::new();
            for (key, v) in metrics.iter().filter(|(k, _)| !k.starts_with('_')) {
                let bad =
                    || format!("{set}.{key}: expected a number, {{\"min\": x}} or {{\"max\": x}}");
                let bound = match v {
                    Json::Number(n) => Bound::Min(n.as_f64().ok_or_else(bad)?),
                    Json::Object(o) if o.len() == 1 => match o.iter().next() {
                        Some((k, Json::Number(n))) if k == "min" => {
                            Bound::Min(n.as_f64().ok_or_else(bad)?)
                        }
                        Some((k, Json::Number(n))) if k == "max" => {
                            Bound::Max(n.as_f64().ok_or_else(bad)?)
                        }
                        _ => return Err(bad()),
                    },
                    _ => return Err(bad()),
                };
                bounds.insert(key.clone(), bound);
            }
            floors.sets.insert(set.clone(), bounds);
        }
        Ok(floors)
    }

    /// True when the file has bounds for `set`.
    pub fn has_set(&self, set: &str) -> bool {
        self.sets.contains_key(set)
    }

    /// Checks a report against the bounds of its set. Returns one message per
    /// violated bound (empty when all hold, or when the set has no bounds). A
    /// metric that does not exist or is undefined violates its bound.
    pub fn check(&self, report: &SetReport) -> Vec<String> {
        let Some(bounds) = self.sets.get(&report.set) else {
            return Vec::new();
        };
        let mut failures = Vec::new();
        for (key, bound) in bounds {
            let value = report.metric(key).and_then(|v| v.as_f64());
            let ok = match (value, bound) {
                (Some(v), Bound::Min(min)) => v >= *min,
                (Some(v), Bound::Max(max)) => v <= *max,
                (None, _) => false,
            };
            if !ok {
                let (word, limit) = match bound {
                    Bound::Min(x) => ("below its floor", x),
                    Bound::Max(x) => ("above its ceiling", x),
                };
                let shown = match (value, report.metric(key)) {
                    (Some(v), _) => format!("{v:.4}"),
                    (None, Some(_)) => "undefined".into(),
                    (None, None) => "not reported".into(),
                };
                failures.push(format!("{}: {key} = {shown} is {word} {limit}", report.set));
            }
        }
        failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Section, Value};

    #[test]
    fn parses_and_checks_bounds() {
        let floors = Floors::parse(
            r#"{"_comment": "x", "demo": {"root.f1": 0.5, "no_event.fp_rate": {"max": 0.2},
                "root.recall": {"min": 0.1}, "root.missing": 0.0, "_why": "y"}}"#,
        )
        .unwrap();
        assert!(floors.has_set("demo"));
        assert!(!floors.has_set("_comment"));
        let mut r = SetReport::new("demo", "native");
        r.sections.push(
            Section::new("root", "")
                .with("f1", "", Value::Ratio(Some(0.4)))
                .with("recall", "", Value::Ratio(Some(0.1))),
        );
        r.sections
            .push(Section::new("no_event", "").with("fp_rate", "", Value::Ratio(None)));
        let failures = floors.check(&r);
        assert_eq!(
            failures,
            [
                "demo: no_event.fp_rate = undefined is above its ceiling 0.2",
                "demo: root.f1 = 0.4000 is below its floor 0.5",
                "demo: root.missing = not reported is below its floor 0",
            ]
        );
        let other = SetReport::new("other", "native");
        assert!(floors.check(&other).is_empty());
    }

    #[test]
    fn rejects_malformed_files() {
        for bad in [
            "[1]",
            "{\"a\": 1}",
            "{\"a\": {\"b\": \"x\"}}",
            "{\"a\": {\"b\": {\"least\": 1}}}",
            "{\"a\": {\"b\": {\"min\": 1, \"max\": 2}}}",
            "not json",
        ] {
            assert!(Floors::parse(bad).is_err(), "{bad}");
        }
    }
}

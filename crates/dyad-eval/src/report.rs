//! The result of scoring one gold set: named metrics in sections, notes, and
//! the mistakes kept for error analysis; rendered as text or JSON.
//!
//! Every metric has a dotted key `section.metric` (`root.f1`,
//! `no_event.fp_rate`), the same in the JSON output and in floors files.

use serde_json::{json, Map, Value as Json};

/// A metric's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A count of sentences, events or items.
    Count(usize),
    /// A share in `[0, 1]`; `None` when undefined (a division by zero).
    Ratio(Option<f64>),
    /// Any other number (e.g. events per sentence); `None` when undefined.
    Number(Option<f64>),
}

impl Value {
    /// The value as a number, `None` when undefined.
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Value::Count(n) => Some(n as f64),
            Value::Ratio(r) | Value::Number(r) => r,
        }
    }

    /// `num / den`, undefined when `den` is 0.
    pub fn ratio(num: usize, den: usize) -> Value {
        Value::Ratio((den > 0).then(|| num as f64 / den as f64))
    }

    fn to_json(self) -> Json {
        match self {
            Value::Count(n) => json!(n),
            Value::Ratio(r) | Value::Number(r) => match r {
                Some(x) => json!((x * 10_000.0).round() / 10_000.0),
                None => Json::Null,
            },
        }
    }

    fn to_text(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Ratio(Some(x)) | Value::Number(Some(x)) => format!("{x:.3}"),
            Value::Ratio(None) | Value::Number(None) => "n/a".into(),
        }
    }
}

/// One named metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Key within its section (`f1`).
    pub key: &'static str,
    /// Human label (`F1`).
    pub label: &'static str,
    /// The value.
    pub value: Value,
}

/// A group of metrics (`root`: root-level precision, recall, F1 …).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Key of the section (`root`).
    pub key: &'static str,
    /// Human title.
    pub title: String,
    /// The metrics, in display order.
    pub metrics: Vec<Metric>,
}

impl Section {
    /// An empty section.
    pub fn new(key: &'static str, title: impl Into<String>) -> Section {
        Section {
            key,
            title: title.into(),
            metrics: Vec::new(),
        }
    }

    /// Adds a metric (builder style).
    pub fn with(mut self, key: &'static str, label: &'static str, value: Value) -> Section {
        self.metrics.push(Metric { key, label, value });
        self
    }
}

/// A sentence the coder got (partly) wrong, for `--errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// Record id.
    pub id: String,
    /// 1-based line in the gold file.
    pub line: usize,
    /// The sentence.
    pub text: String,
    /// What the gold expects, one entry per event (or value).
    pub expected: Vec<String>,
    /// What dyad produced, one entry per event (or value).
    pub coded: Vec<String>,
    /// The kind of mistake (`missed`, `extra`, `wrong root` …).
    pub kind: String,
}

/// The scores of one gold set.
#[derive(Debug, Clone, PartialEq)]
pub struct SetReport {
    /// Set name (`up_petr2_gsr`), the key of a floors file.
    pub set: String,
    /// Format name (`petr-gsr`).
    pub format: String,
    /// The gold file.
    pub file: String,
    /// The metrics.
    pub sections: Vec<Section>,
    /// How the set was scored and anything the reader should know.
    pub notes: Vec<String>,
    /// Every mistake, in file order.
    pub mistakes: Vec<Mistake>,
}

impl SetReport {
    /// An empty report.
    pub fn new(set: &str, format: &str) -> SetReport {
        SetReport {
            set: set.to_string(),
            format: format.to_string(),
            file: String::new(),
            sections: Vec::new(),
            notes: Vec::new(),
            mistakes: Vec::new(),
        }
    }

    /// The value of a metric by dotted key (`root.f1`).
    pub fn metric(&self, dotted: &str) -> Option<Value> {
        let (section, key) = dotted.split_once('.')?;
        self.sections
            .iter()
            .find(|s| s.key == section)?
            .metrics
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value)
    }

    /// Every metric as `(dotted key, value)`, in display order.
    pub fn metrics(&self) -> impl Iterator<Item = (String, Value)> + '_ {
        self.sections.iter().flat_map(|s| {
            s.metrics
                .iter()
                .map(move |m| (format!("{}.{}", s.key, m.key), m.value))
        })
    }

    /// The report as one JSON object, with at most `errors` mistakes.
    pub fn to_json(&self, errors: usize) -> Json {
        let mut metrics = Map::new();
        for s in &self.sections {
            let mut inner = Map::new();
            for m in &s.metrics {
                inner.insert(m.key.to_string(), m.value.to_json());
            }
            metrics.insert(s.key.to_string(), Json::Object(inner));
        }
        let mut out = json!({
            "set": self.set,
            "format": self.format,
            "file": self.file,
            "metrics": metrics,
            "notes": self.notes,
        });
        if errors > 0 {
            out["errors"] = self
                .mistakes
                .iter()
                .take(errors)
                .map(|m| {
                    json!({"id": m.id, "line": m.line, "kind": m.kind, "text": m.text,
                           "expected": m.expected, "coded": m.coded})
                })
                .collect();
        }
        out
    }

    /// The report as aligned text, with at most `errors` mistakes.
    pub fn to_text(&self, errors: usize) -> String {
        let mut out = format!("== {} ({}, {})\n", self.set, self.format, self.file);
        for s in &self.sections {
            out.push_str(&format!("{}\n", s.title));
            for m in &s.metrics {
                out.push_str(&format!("  {:<44} {:>9}\n", m.label, m.value.to_text()));
            }
        }
        for n in &self.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        if errors > 0 {
            let shown = errors.min(self.mistakes.len());
            out.push_str(&format!("-- {shown} of {} mistakes\n", self.mistakes.len()));
            for m in self.mistakes.iter().take(errors) {
                out.push_str(&format!(
                    "[{}] line {} id {}: {}\n",
                    m.kind, m.line, m.id, m.text
                ));
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "(none)".to_string()
                    } else {
                        v.join("; ")
                    }
                };
                out.push_str(&format!("    expected: {}\n", list(&m.expected)));
                out.push_str(&format!("    coded:    {}\n", list(&m.coded)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_by_dotted_key_and_json() {
        let mut r = SetReport::new("demo", "native");
        r.sections.push(
            Section::new("root", "root level")
                .with("tp", "true positives", Value::Count(3))
                .with("precision", "precision", Value::ratio(3, 4))
                .with("recall", "recall", Value::ratio(0, 0)),
        );
        r.mistakes.push(Mistake {
            id: "a".into(),
            line: 1,
            text: "x".into(),
            expected: vec!["A → B 010".into()],
            coded: vec![],
            kind: "missed".into(),
        });
        assert_eq!(r.metric("root.tp"), Some(Value::Count(3)));
        assert_eq!(r.metric("root.precision"), Some(Value::Ratio(Some(0.75))));
        assert_eq!(r.metric("root.nope"), None);
        assert_eq!(r.metric("nope"), None);
        let j = r.to_json(0);
        assert_eq!(j["metrics"]["root"]["precision"], json!(0.75));
        assert!(j["metrics"]["root"]["recall"].is_null());
        assert!(j.get("errors").is_none());
        assert_eq!(r.to_json(5)["errors"][0]["kind"], "missed");
        let t = r.to_text(1);
        assert!(t.contains("precision") && t.contains("0.750") && t.contains("n/a"));
        assert!(t.contains("expected: A → B 010") && t.contains("coded:    (none)"));
        assert_eq!(r.metrics().count(), 3);
    }
}

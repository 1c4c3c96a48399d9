//! True positives, extra events and missed events, and the precision, recall
//! and F1 they give.

use crate::report::{Section, Value};

/// Counts of a matching: matched pairs, unmatched coded events, unmatched
/// gold events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// True positives: coded events matched to a gold event.
    pub tp: usize,
    /// Extra events (false positives): coded events matched to no gold event.
    pub extra: usize,
    /// Missed events (false negatives): gold events matched to no coded event.
    pub missed: usize,
}

impl Counts {
    /// Adds the counts of one sentence: `matched` pairs out of `gold` gold
    /// events and `coded` coded events.
    pub fn add(&mut self, matched: usize, gold: usize, coded: usize) {
        self.tp += matched;
        self.extra += coded.saturating_sub(matched);
        self.missed += gold.saturating_sub(matched);
    }

    /// `tp / (tp + extra)`; `None` when nothing was coded.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.extra)
    }

    /// `tp / (tp + missed)`; `None` when the gold has no events.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.missed)
    }

    /// `2 tp / (2 tp + extra + missed)`, the harmonic mean of precision and
    /// recall; `None` when there is nothing to score.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.extra + self.missed)
    }

    /// A report section with TP, extra, missed, P, R, F1.
    pub fn section(&self, key: &'static str, title: impl Into<String>) -> Section {
        Section::new(key, title)
            .with("tp", "true positives", Value::Count(self.tp))
            .with(
                "extra",
                "extra events (false positives)",
                Value::Count(self.extra),
            )
            .with("missed", "missed events", Value::Count(self.missed))
            .with("precision", "precision", Value::Ratio(self.precision()))
            .with("recall", "recall", Value::Ratio(self.recall()))
            .with("f1", "F1", Value::Ratio(self.f1()))
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_recall_f1() {
        let mut c = Counts::default();
        assert_eq!((c.precision(), c.recall(), c.f1()), (None, None, None));
        c.add(1, 2, 3);
        c.add(0, 0, 1);
        assert_eq!(
            c,
            Counts {
                tp: 1,
                extra: 3,
                missed: 1
            }
        );
        assert_eq!(c.precision(), Some(0.25));
        assert_eq!(c.recall(), Some(0.5));
        assert_eq!(c.f1(), Some(2.0 / 6.0));
        let only_missed = Counts {
            tp: 0,
            extra: 0,
            missed: 2,
        };
        assert_eq!(only_missed.precision(), None);
        assert_eq!(only_missed.f1(), Some(0.0));
    }
}

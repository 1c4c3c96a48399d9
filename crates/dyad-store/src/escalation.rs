//! Escalation alerts: dyads whose material conflict rose significantly in the
//! latest period against their own baseline.
//!
//! ## The statistic
//!
//! For every dyad (unordered: AZE–ARM and ARM–AZE are one dyad; events without
//! a target are left out), let `x` be its count of material-conflict (quad
//! class 4) clusters in the latest period — the period that contains the
//! latest date in the store, or `as_of` — and `b₁ … b_n` its counts in the
//! `n` periods before (default 8 weeks; periods without events count 0). With
//! `μ` the mean and `s` the sample standard deviation of the baseline,
//!
//! ```text
//! z = (x − μ) / max(s, min_sd)        (min_sd default 1.0)
//! ```
//!
//! and the dyad is an alert when `z ≥ z_threshold` (default 2.0) and
//! `x ≥ min_count` (default 3). The floor on `s` keeps a dyad that went from a
//! flat 0 to 1 from scoring an infinite z; the minimum count keeps single
//! reports from raising alerts. Alerts are sorted by z, then count. Only the
//! `dyad_day` aggregate is read, plus the evidence events of each alert.
//! The latest period may be partial (it ends at the latest date): a rise
//! inside it is a rise in fewer days, so the test is conservative.

use crate::query::{Dedup, Filter};
use crate::row::StoredEvent;
use crate::trend::{Count, Period};
use crate::{Result, Store, StoreError};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Parameters of the escalation test.
#[derive(Debug, Clone, PartialEq)]
pub struct EscalationParams {
    /// Period length (default weeks).
    pub period: Period,
    /// Number of baseline periods before the latest one (default 8).
    pub baseline: usize,
    /// z-score threshold (default 2.0).
    pub z_threshold: f64,
    /// Minimum count in the latest period (default 3).
    pub min_count: u64,
    /// Floor on the baseline standard deviation (default 1.0).
    pub min_sd: f64,
    /// Test the period containing this date instead of the latest one.
    pub as_of: Option<Date>,
    /// What is counted (default clusters).
    pub count: Count,
    /// Evidence events per alert, most mentioned first (default 5).
    pub evidence: usize,
}

impl Default for EscalationParams {
    fn default() -> Self {
        EscalationParams {
            period: Period::Week,
            baseline: 8,
            z_threshold: 2.0,
            min_count: 3,
            min_sd: 1.0,
            as_of: None,
            count: Count::Clusters,
            evidence: 5,
        }
    }
}

/// One dyad whose material conflict rose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// The dyad's two sides, in alphabetical order.
    pub dyad: [String; 2],
    /// Label of the latest period.
    pub period: String,
    /// Material-conflict count in the latest period.
    pub count: u64,
    /// Counts of the baseline periods, oldest first.
    pub baseline: Vec<u64>,
    /// Baseline mean.
    pub mean: f64,
    /// Baseline sample standard deviation.
    pub sd: f64,
    /// The z-score.
    pub z: f64,
    /// The material-conflict events behind the alert, most mentioned first.
    pub evidence: Vec<StoredEvent>,
}

/// The z-score of `x` against a baseline (see the module documentation):
/// `(mean, sd, z)`.
pub fn z_score(x: u64, baseline: &[u64], min_sd: f64) -> (f64, f64, f64) {
    let n = baseline.len() as f64;
    if baseline.is_empty() {
        return (0.0, 0.0, x as f64 / min_sd.max(f64::MIN_POSITIVE));
    }
    let mean = baseline.iter().sum::<u64>() as f64 / n;
    let var = if baseline.len() > 1 {
        baseline
            .iter()
            .map(|&b| (b as f64 - mean).powi(2))
            .sum::<f64>()
            / (n - 1.0)
    } else {
        0.0
    };
    let sd = var.sqrt();
    let z = (x as f64 - mean) / sd.max(min_sd).max(f64::MIN_POSITIVE);
    (mean, sd, z)
}

impl Store {
    /// Dyads whose material conflict rose in the latest period (see the
    /// module documentation), with their evidence.
    pub fn escalation(&self, p: &EscalationParams) -> Result<Vec<Alert>> {
        self.ensure_fresh()?;
        if p.baseline == 0 {
            return Err(StoreError::Invalid(
                "--baseline: need at least one baseline period".into(),
            ));
        }
        let latest = match p.as_of {
            Some(d) => Some(d),
            None => {
                let s: Option<String> =
                    self.conn
                        .query_row("SELECT max(day) FROM dyad_day", [], |r| r.get(0))?;
                s.and_then(|s| s.parse().ok())
            }
        };
        let Some(latest) = latest else {
            return Ok(Vec::new());
        };
        let current = p.period.start(latest);
        let first = p.period.back(current, p.baseline as i64);
        let end = p.period.next(current);
        let column = match p.count {
            Count::Clusters => "c4",
            Count::Events => "m4",
        };
        let sql = format!(
            "SELECT src, tgt, day, {column} FROM dyad_day
             WHERE day >= ?1 AND day < ?2 AND tgt != '' AND {column} > 0"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params![first.to_string(), end.to_string()])?;
        // dyad → period start → count
        let mut series: BTreeMap<[String; 2], BTreeMap<Date, u64>> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let src: String = r.get(0)?;
            let tgt: String = r.get(1)?;
            let Some(day) = crate::row::opt_date(r, 2, crate::row::Col("day"))? else {
                continue;
            };
            let n: i64 = r.get(3)?;
            let dyad = if src <= tgt { [src, tgt] } else { [tgt, src] };
            *series
                .entry(dyad)
                .or_default()
                .entry(p.period.start(day))
                .or_default() += n.max(0) as u64;
        }
        let mut periods = Vec::with_capacity(p.baseline);
        let mut s = first;
        while s < current {
            periods.push(s);
            s = p.period.next(s);
        }
        let mut alerts = Vec::new();
        for (dyad, counts) in series {
            let x = counts.get(&current).copied().unwrap_or(0);
            if x < p.min_count {
                continue;
            }
            let baseline: Vec<u64> = periods
                .iter()
                .map(|d| counts.get(d).copied().unwrap_or(0))
                .collect();
            let (mean, sd, z) = z_score(x, &baseline, p.min_sd);
            if z < p.z_threshold {
                continue;
            }
            let evidence = self.evidence(&dyad, current, end, p.evidence)?;
            alerts.push(Alert {
                dyad,
                period: p.period.label(current),
                count: x,
                baseline,
                mean,
                sd,
                z,
                evidence,
            });
        }
        alerts.sort_by(|a, b| b.z.total_cmp(&a.z).then(b.count.cmp(&a.count)));
        Ok(alerts)
    }

    /// The most mentioned material-conflict clusters of a dyad in a period.
    fn evidence(
        &self,
        dyad: &[String; 2],
        start: Date,
        end: Date,
        n: usize,
    ) -> Result<Vec<StoredEvent>> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let filter = Filter {
            dyad: Some((dyad[0].clone(), dyad[1].clone())),
            quads: vec![4],
            from: Some(start),
            to: end.yesterday().ok(),
            ..Default::default()
        };
        let mut events = Vec::new();
        self.for_each_event(&filter, Dedup::Clusters, |e| {
            if e.event.polarity == dyad_core::Polarity::Affirmed {
                events.push(e.clone());
            }
            Ok(())
        })?;
        events.sort_by_key(|e| std::cmp::Reverse(e.num_mentions));
        events.truncate(n);
        Ok(events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_score_uses_sample_sd_with_floor() {
        let (mean, sd, z) = z_score(6, &[1, 2, 3], 1.0);
        assert_eq!(mean, 2.0);
        assert_eq!(sd, 1.0);
        assert_eq!(z, 4.0);
        // A flat zero baseline: the floor keeps z finite.
        let (_, sd, z) = z_score(3, &[0, 0, 0, 0], 1.0);
        assert_eq!(sd, 0.0);
        assert_eq!(z, 3.0);
        let (_, _, z) = z_score(1, &[0, 0, 0, 0], 0.5);
        assert_eq!(z, 2.0);
    }
}

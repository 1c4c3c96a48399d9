//! Dyad time series from the `dyad_day` aggregate (never from the events).

use crate::{Result, Store, StoreError};
use jiff::civil::Date;
use jiff::ToSpan;
use serde::Serialize;
use std::collections::BTreeMap;

/// The length of a period of a series.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    #[default]
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    /// The first day of the period that contains `d`.
    pub fn start(self, d: Date) -> Date {
        match self {
            Period::Day => d,
            Period::Week => {
                let back = i64::from(d.weekday().to_monday_zero_offset());
                d.checked_sub(back.days()).unwrap_or(d)
            }
            Period::Month => d.first_of_month(),
        }
    }

    /// The first day of the next period, for a period start `start`.
    pub fn next(self, start: Date) -> Date {
        let step = match self {
            Period::Day => 1.day(),
            Period::Week => 1.week(),
            Period::Month => 1.month(),
        };
        start.checked_add(step).unwrap_or(start)
    }

    /// The first day of the period `n` periods before the one starting at `start`.
    pub fn back(self, start: Date, n: i64) -> Date {
        let span = match self {
            Period::Day => n.days(),
            Period::Week => n.weeks(),
            Period::Month => n.months(),
        };
        start.checked_sub(span).unwrap_or(start)
    }

    /// How a period is named in output: `2020-10-05` for days and weeks
    /// (the Monday), `2020-10` for months.
    pub fn label(self, start: Date) -> String {
        match self {
            Period::Month => format!("{:04}-{:02}", start.year(), start.month()),
            _ => start.to_string(),
        }
    }

    /// The word for the period (`day`, `week`, `month`).
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

/// What is counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Count {
    /// Event clusters (deduplicated events), on the date of their first mention.
    #[default]
    Clusters,
    /// Every stored event.
    Events,
}

impl Count {
    /// The `dyad_day` columns: four quad counts and the Goldstein sum.
    pub(crate) fn columns(self) -> &'static str {
        match self {
            Count::Clusters => "c1, c2, c3, c4, c_goldstein",
            Count::Events => "m1, m2, m3, m4, m_goldstein",
        }
    }
}

/// One period of a dyad's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    /// Period label (see [`Period::label`]).
    pub period: String,
    /// First day of the period.
    #[serde(skip)]
    pub start: Date,
    /// Verbal cooperation (quad class 1).
    pub verbal_coop: u64,
    /// Material cooperation (2).
    pub material_coop: u64,
    /// Verbal conflict (3).
    pub verbal_conflict: u64,
    /// Material conflict (4).
    pub material_conflict: u64,
    /// All four.
    pub total: u64,
    /// Summed Goldstein score.
    pub goldstein_sum: f64,
    /// Mean Goldstein score; `None` for an empty period.
    pub goldstein_mean: Option<f64>,
    /// (cooperation − conflict) / total, in −1 … 1; `None` for an empty period.
    pub balance: Option<f64>,
}

impl TrendRow {
    fn empty(period: Period, start: Date) -> Self {
        TrendRow {
            period: period.label(start),
            start,
            verbal_coop: 0,
            material_coop: 0,
            verbal_conflict: 0,
            material_conflict: 0,
            total: 0,
            goldstein_sum: 0.0,
            goldstein_mean: None,
            balance: None,
        }
    }

    fn add(&mut self, q: [u64; 4], goldstein: f64) {
        self.verbal_coop += q[0];
        self.material_coop += q[1];
        self.verbal_conflict += q[2];
        self.material_conflict += q[3];
        self.goldstein_sum += goldstein;
    }

    fn finish(&mut self) {
        self.total =
            self.verbal_coop + self.material_coop + self.verbal_conflict + self.material_conflict;
        if self.total > 0 {
            let n = self.total as f64;
            self.goldstein_mean = Some(self.goldstein_sum / n);
            let coop = (self.verbal_coop + self.material_coop) as f64;
            let conflict = (self.verbal_conflict + self.material_conflict) as f64;
            self.balance = Some((coop - conflict) / n);
        }
    }

    /// The four quad counts in quad-class order.
    pub fn quads(&self) -> [u64; 4] {
        [
            self.verbal_coop,
            self.material_coop,
            self.verbal_conflict,
            self.material_conflict,
        ]
    }
}

/// A series request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendQuery {
    /// One side of the dyad: a country code, or the code of an actor without
    /// a country (`IGOUNO`). Both directions are summed.
    pub a: String,
    /// The other side.
    pub b: String,
    /// Period length.
    pub period: Period,
    /// First day, inclusive.
    pub from: Option<Date>,
    /// Last day, inclusive.
    pub to: Option<Date>,
    /// What is counted.
    pub count: Count,
}

impl Store {
    /// The series of a dyad, both directions summed, one row per period from
    /// the first to the last period with events (or `from`/`to`), empty
    /// periods included. Reads only the `dyad_day` aggregate.
    pub fn trend(&self, q: &TrendQuery) -> Result<Vec<TrendRow>> {
        self.ensure_fresh()?;
        let (a, b) = (
            q.a.trim().to_ascii_uppercase(),
            q.b.trim().to_ascii_uppercase(),
        );
        if a.is_empty() || b.is_empty() {
            return Err(StoreError::Invalid(
                "--dyad: expected two codes such as AZE,ARM".into(),
            ));
        }
        let sql = format!(
            "SELECT day, {} FROM dyad_day
             WHERE ((src = ?1 AND tgt = ?2) OR (src = ?2 AND tgt = ?1))
               AND day >= ?3 AND day <= ?4
             ORDER BY day",
            q.count.columns()
        );
        let from = q.from.map(|d| d.to_string()).unwrap_or_default();
        let to =
            q.to.map(|d| d.to_string())
                .unwrap_or_else(|| "9999-12-31".into());
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params![a, b, from, to])?;
        let mut buckets: BTreeMap<Date, TrendRow> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let day = crate::row::opt_date(r, 0, crate::row::Col("day"))?;
            let Some(day) = day else { continue };
            let counts =
                [r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?, r.get(4)?].map(|n| n.max(0) as u64);
            let g: f64 = r.get(5)?;
            let start = q.period.start(day);
            buckets
                .entry(start)
                .or_insert_with(|| TrendRow::empty(q.period, start))
                .add(counts, g);
        }
        let first = q
            .from
            .map(|d| q.period.start(d))
            .or_else(|| buckets.keys().next().copied());
        let last =
            q.to.map(|d| q.period.start(d))
                .or_else(|| buckets.keys().next_back().copied());
        let mut out = Vec::new();
        if let (Some(mut p), Some(last)) = (first, last) {
            while p <= last {
                let mut row = buckets
                    .remove(&p)
                    .unwrap_or_else(|| TrendRow::empty(q.period, p));
                row.finish();
                out.push(row);
                let next = q.period.next(p);
                if next <= p {
                    break;
                }
                p = next;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn period_starts() {
        // 2020-10-08 is a Thursday.
        assert_eq!(Period::Week.start(d("2020-10-08")), d("2020-10-05"));
        assert_eq!(Period::Week.start(d("2020-10-05")), d("2020-10-05"));
        assert_eq!(Period::Week.start(d("2020-10-11")), d("2020-10-05"));
        assert_eq!(Period::Month.start(d("2020-10-08")), d("2020-10-01"));
        assert_eq!(Period::Day.next(d("2020-12-31")), d("2021-01-01"));
        assert_eq!(Period::Month.next(d("2020-12-01")), d("2021-01-01"));
        assert_eq!(Period::Week.back(d("2020-10-05"), 8), d("2020-08-10"));
        assert_eq!(Period::Month.label(d("2020-10-01")), "2020-10");
    }

    #[test]
    fn row_statistics() {
        let mut r = TrendRow::empty(Period::Week, d("2020-10-05"));
        r.add([1, 1, 0, 2], 1.0 + 6.0 - 20.0);
        r.finish();
        assert_eq!(r.total, 4);
        assert_eq!(r.goldstein_mean, Some(-13.0 / 4.0));
        assert_eq!(r.balance, Some(0.0));
        let mut e = TrendRow::empty(Period::Week, d("2020-10-05"));
        e.finish();
        assert_eq!((e.total, e.goldstein_mean, e.balance), (0, None, None));
    }
}

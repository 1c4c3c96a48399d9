//! Selecting stored events: filters and deduplication.

use crate::row::StoredEvent;
use crate::{Result, Store, StoreError};
use jiff::civil::Date;
use rusqlite::types::Value;

/// Which stored events a query returns.
///
/// Actor filters match an actor when its country is the given code or its
/// full actor code starts with it: `AZE` matches `AZE`, `AZEGOV` and
/// `NGOAZE` (country AZE); `AZEGOV` matches `AZEGOV` and `AZEGOVMIL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Source actor.
    pub source: Option<String>,
    /// Target actor.
    pub target: Option<String>,
    /// Both actors of a dyad, in either direction.
    pub dyad: Option<(String, String)>,
    /// CAMEO code prefix (`19`, `193`).
    pub cameo: Option<String>,
    /// CAMEO roots (`18`, `19`, `20`; `9` is read as `09`).
    pub roots: Vec<String>,
    /// Quad classes 1–4.
    pub quads: Vec<u8>,
    /// First event date, inclusive.
    pub from: Option<Date>,
    /// Last event date, inclusive.
    pub to: Option<Date>,
    /// ISO 3166 alpha-3 code of the event's location.
    pub location_country: Option<String>,
    /// Only events after this position in the query order (keyset
    /// pagination: pass the last position of the previous page).
    pub after: Option<Position>,
    /// At most this many events.
    pub limit: Option<u64>,
}

/// A place in the order of [`Store::for_each_event`] (date, undated last,
/// then storage order). Written as `2020-10-20.1234` or `none.1234`, an
/// opaque cursor for APIs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// The event date.
    pub date: Option<Date>,
    /// The event's storage row.
    pub rowid: i64,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.date {
            Some(d) => write!(f, "{d}.{}", self.rowid),
            None => write!(f, "none.{}", self.rowid),
        }
    }
}

impl std::str::FromStr for Position {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Position> {
        let bad = || StoreError::Invalid(format!("not a cursor: {s:?}"));
        let (d, r) = s.rsplit_once('.').ok_or_else(bad)?;
        let rowid = r.parse::<i64>().map_err(|_| bad())?;
        let date = match d {
            "none" => None,
            d => Some(d.parse::<Date>().map_err(|_| bad())?),
        };
        Ok(Position { date, rowid })
    }
}

/// How duplicates are removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dedup {
    /// One record per cluster: its first event, with the cluster's counts
    /// (see [`crate::cluster`]). Filters apply to that record.
    #[default]
    Clusters,
    /// The classic one-a-day filter: one record per (source code, target
    /// code, full CAMEO code, date), the first stored.
    OneADay,
    /// Every stored event.
    None,
}

impl Filter {
    /// Checks the values and normalizes them (upper-case codes, two-digit
    /// roots); a clear error for anything that cannot be a code.
    pub fn validated(mut self) -> Result<Filter> {
        let code = |s: &mut String, what: &str| -> Result<()> {
            *s = s.trim().to_ascii_uppercase();
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(StoreError::Invalid(format!(
                    "{what}: expected an actor or country code such as AZE or AZEGOV, got {s:?}"
                )));
            }
            Ok(())
        };
        if let Some(s) = &mut self.source {
            code(s, "--source")?;
        }
        if let Some(s) = &mut self.target {
            code(s, "--target")?;
        }
        if let Some((a, b)) = &mut self.dyad {
            code(a, "--dyad")?;
            code(b, "--dyad")?;
        }
        if let Some(s) = &mut self.location_country {
            code(s, "--country-in")?;
        }
        if let Some(c) = &mut self.cameo {
            *c = c.trim().to_string();
            if c.is_empty() || c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(StoreError::Invalid(format!(
                    "--cameo: expected a CAMEO code prefix of 1-4 digits such as 19 or 193, got {c:?}"
                )));
            }
        }
        for r in &mut self.roots {
            let t = r.trim();
            match t.parse::<u8>() {
                Ok(n @ 1..=20) if t.len() <= 2 => *r = format!("{n:02}"),
                _ => {
                    return Err(StoreError::Invalid(format!(
                        "--root: expected CAMEO roots 01-20, got {r:?}"
                    )))
                }
            }
        }
        if let Some(q) = self.quads.iter().find(|q| !(1..=4).contains(*q)) {
            return Err(StoreError::Invalid(format!(
                "--quad: expected quad classes 1-4, got {q}"
            )));
        }
        if let (Some(f), Some(t)) = (self.from, self.to) {
            if f > t {
                return Err(StoreError::Invalid(format!(
                    "--from {f} is after --to {t}: no date can match"
                )));
            }
        }
        Ok(self)
    }

    /// The SQL condition (over `events e`) and its parameters.
    fn sql(&self) -> (String, Vec<Value>) {
        let mut conds: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        fn actor(side: &str, code: &str, params: &mut Vec<Value>) -> String {
            params.push(Value::Text(code.to_string()));
            params.push(Value::Text(format!("{code}*")));
            let n = params.len();
            format!("(e.{side}_country = ?{} OR e.{side}_code GLOB ?{n})", n - 1)
        }
        if let Some(s) = &self.source {
            conds.push(actor("source", s, &mut params));
        }
        if let Some(t) = &self.target {
            conds.push(actor("target", t, &mut params));
        }
        if let Some((a, b)) = &self.dyad {
            let sa = actor("source", a, &mut params);
            let tb = actor("target", b, &mut params);
            let sb = actor("source", b, &mut params);
            let ta = actor("target", a, &mut params);
            conds.push(format!("(({sa} AND {tb}) OR ({sb} AND {ta}))"));
        }
        if let Some(c) = &self.cameo {
            params.push(Value::Text(format!("{c}*")));
            conds.push(format!("e.cameo GLOB ?{}", params.len()));
        }
        if !self.roots.is_empty() {
            let mut marks = Vec::new();
            for r in &self.roots {
                params.push(Value::Text(r.clone()));
                marks.push(format!("?{}", params.len()));
            }
            conds.push(format!("e.cameo_root IN ({})", marks.join(", ")));
        }
        if !self.quads.is_empty() {
            let list: Vec<String> = self.quads.iter().map(u8::to_string).collect();
            conds.push(format!("e.quad_class IN ({})", list.join(", ")));
        }
        if let Some(f) = self.from {
            params.push(Value::Text(f.to_string()));
            conds.push(format!("e.date >= ?{}", params.len()));
        }
        if let Some(t) = self.to {
            params.push(Value::Text(t.to_string()));
            conds.push(format!("e.date <= ?{}", params.len()));
        }
        if let Some(c) = &self.location_country {
            params.push(Value::Text(c.clone()));
            conds.push(format!("e.location_country = ?{}", params.len()));
        }
        if conds.is_empty() {
            conds.push("1".into());
        }
        (conds.join(" AND "), params)
    }
}

impl Store {
    /// Calls `f` with every stored event that passes `filter`, deduplicated
    /// by `dedup`, in date order (undated last), then storage order. Stops at
    /// the first error `f` returns. Returns the number of events given to `f`.
    pub fn for_each_event<F>(&self, filter: &Filter, dedup: Dedup, mut f: F) -> Result<u64>
    where
        F: FnMut(&StoredEvent) -> Result<()>,
    {
        self.ensure_fresh()?;
        let (cond, mut params) = filter.sql();
        // The one-a-day subquery sees the filter without the cursor, so a
        // group already given on an earlier page is not given again.
        let after = match filter.after {
            None => String::new(),
            Some(p) => {
                params.push(Value::Integer(p.rowid));
                let r = params.len();
                match p.date {
                    Some(d) => {
                        params.push(Value::Text(d.to_string()));
                        let d = params.len();
                        format!(
                            " AND (e.date IS NULL OR e.date > ?{d} OR (e.date = ?{d} AND e.rowid > ?{r}))"
                        )
                    }
                    None => format!(" AND (e.date IS NULL AND e.rowid > ?{r})"),
                }
            }
        };
        let dedup_sql = match dedup {
            Dedup::None => String::new(),
            Dedup::Clusters => " AND c.rep_event = e.id".into(),
            Dedup::OneADay => format!(
                " AND e.rowid IN (SELECT min(e.rowid) FROM events e WHERE {cond}
                   GROUP BY e.source_code, coalesce(e.target_code, ''), e.cameo, e.date)"
            ),
        };
        let limit = filter
            .limit
            .map(|n| format!(" LIMIT {n}"))
            .unwrap_or_default();
        let sql = format!(
            "SELECT {} FROM events e
               JOIN mentions m ON m.event_id = e.id
               JOIN clusters c ON c.id = m.cluster_id
               JOIN documents d ON d.id = e.doc_id
             WHERE {cond}{after}{dedup_sql}
             ORDER BY e.date IS NULL, e.date, e.rowid{limit}",
            StoredEvent::COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut n = 0u64;
        while let Some(row) = rows.next()? {
            let e = StoredEvent::from_row(row)?;
            f(&e)?;
            n += 1;
        }
        Ok(n)
    }

    /// The events of a cluster: `(event id, document url, publisher)` of
    /// every mention, in storage order.
    pub fn cluster_mentions(
        &self,
        cluster_id: i64,
    ) -> Result<Vec<(String, Option<String>, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.event_id, d.url, m.publisher FROM mentions m
               JOIN events e ON e.id = m.event_id JOIN documents d ON d.id = m.doc_id
             WHERE m.cluster_id = ?1 ORDER BY e.rowid",
        )?;
        let rows = stmt.query_map([cluster_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_normalizes_and_rejects() {
        let f = Filter {
            source: Some(" aze".into()),
            roots: vec!["9".into(), "19".into()],
            ..Default::default()
        }
        .validated()
        .unwrap();
        assert_eq!(f.source.as_deref(), Some("AZE"));
        assert_eq!(f.roots, vec!["09", "19"]);
        for bad in [
            Filter {
                source: Some("AZ*".into()),
                ..Default::default()
            },
            Filter {
                roots: vec!["21".into()],
                ..Default::default()
            },
            Filter {
                quads: vec![5],
                ..Default::default()
            },
            Filter {
                cameo: Some("1a".into()),
                ..Default::default()
            },
            Filter {
                from: Some("2020-02-01".parse().unwrap()),
                to: Some("2020-01-01".parse().unwrap()),
                ..Default::default()
            },
        ] {
            assert!(bad.validated().is_err());
        }
    }
}

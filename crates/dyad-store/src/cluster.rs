//! Deduplication: the same real-world event reported by several stories (or
//! several sentences of one story) becomes one *cluster*, GDELT's idea of an
//! event with many mentions.
//!
//! ## The rule
//!
//! An event joins an existing cluster when all of these hold:
//!
//! 1. the same source actor code (`AZEGOV`), the same target actor code (or
//!    both have none), the same CAMEO root (`19`) and the same polarity
//!    (a denied attack is not the attack);
//! 2. its date is within ± `window` days (default [`DEFAULT_WINDOW_DAYS`])
//!    of the cluster's date, which is the date of the cluster's first
//!    mention — clusters do not drift; undated events only join undated
//!    clusters;
//! 3. the places agree when both have one: a cluster takes the place of its
//!    first mention that has one, and an event with a different place never
//!    joins it. An event or cluster without a place matches any place.
//!
//! Among several matching clusters the event joins the one with the same
//! place, then the nearest date, then the oldest. Otherwise it starts a new
//! cluster. Events are assigned in ingest order, so the same inputs give the
//! same clusters, and [`crate::Store::rebuild_clusters`] reproduces them.
//!
//! A cluster counts `num_mentions` (events), `num_articles` (distinct
//! documents) and `num_sources` (distinct publishers: the document's `source`,
//! else its URL's host; a document with neither counts as a source of its
//! own). Its record is its first event.

use crate::row::{opt_date, Col};
use crate::Result;
use dyad_core::{Document, Event, Location, Modality};
use jiff::civil::Date;
use jiff::ToSpan;
use rusqlite::{params, Connection, Row};

/// Default date window of the rule: ± 1 day.
pub const DEFAULT_WINDOW_DAYS: i64 = 1;

/// What the rule looks at in an event, and where its mention goes.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterInput {
    /// Event id.
    pub event_id: String,
    /// Document id.
    pub doc_id: String,
    /// Source actor code.
    pub source_code: String,
    /// Target actor code, `""` when none.
    pub target_code: String,
    /// CAMEO root.
    pub cameo_root: String,
    /// `"affirmed"` or `"negated"`.
    pub polarity: String,
    /// True when the text reports the event as news (modality `asserted`
    /// or `future`), not as a hypothesis, condition, question or history:
    /// only those count in `dyad_day`.
    pub reported: bool,
    /// Event date.
    pub date: Option<Date>,
    /// Place key (see [`place_key`]).
    pub place: Option<String>,
    /// Quad class 1–4 (0 for non-CAMEO legacy codes).
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: f64,
    /// Dyad keys (see [`dyad_keys`]).
    pub source_key: String,
    /// Target side of the dyad key, `""` when there is no target.
    pub target_key: String,
    /// Publisher key (see [`publisher`]).
    pub publisher: String,
}

impl ClusterInput {
    /// The event columns [`ClusterInput::from_row`] reads (alias `e`), to be
    /// followed by the document's `source` and `url`.
    pub(crate) const COLUMNS: &'static str = "e.id, e.doc_id, e.source_code, e.target_code, \
        e.cameo_root, e.polarity, e.date, e.location_name, e.location_country, \
        e.location_geonames_id, e.quad_class, e.goldstein, e.source_key, e.target_key, \
        e.modality";

    /// From a coded event and its document's publisher key.
    pub fn from_event(e: &Event, publisher: &str) -> Self {
        let (source_key, target_key) = dyad_keys(e);
        ClusterInput {
            event_id: e.id.clone(),
            doc_id: e.doc_id.clone(),
            source_code: e.source.code.clone(),
            target_code: e
                .target
                .as_ref()
                .map(|t| t.code.clone())
                .unwrap_or_default(),
            cameo_root: e.cameo_root.clone(),
            polarity: crate::row::enum_str(e.polarity),
            reported: matches!(e.modality, Modality::Asserted | Modality::Future),
            date: e.date,
            place: e.location.as_ref().map(place_key),
            quad_class: e.quad_class,
            goldstein: crate::row::decimal(e.goldstein),
            source_key,
            target_key,
            publisher: publisher.to_string(),
        }
    }

    /// From a row of [`ClusterInput::COLUMNS`], `d.source`, `d.url`.
    pub(crate) fn from_row(r: &Row) -> Result<Self> {
        let loc_name: Option<String> = r.get(7)?;
        let loc_country: Option<String> = r.get(8)?;
        let geonames: Option<i64> = r.get(9)?;
        let place = loc_name
            .map(|name| place_key_parts(&name, loc_country.as_deref(), geonames.map(|g| g as u64)));
        let doc_id: String = r.get(1)?;
        let modality: String = r.get(14)?;
        let source: Option<String> = r.get(15)?;
        let url: Option<String> = r.get(16)?;
        Ok(ClusterInput {
            event_id: r.get(0)?,
            publisher: publisher_parts(source.as_deref(), url.as_deref(), &doc_id),
            doc_id,
            source_code: r.get(2)?,
            target_code: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            cameo_root: r.get(4)?,
            polarity: r.get(5)?,
            reported: REPORTED.contains(&modality.as_str()),
            date: opt_date(r, 6, Col("date"))?,
            place,
            quad_class: r.get::<_, i64>(10)?.clamp(0, 255) as u8,
            goldstein: r.get(11)?,
            source_key: r.get(12)?,
            target_key: r.get(13)?,
        })
    }
}

/// The cluster side of the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Cluster id.
    pub id: i64,
    /// Cluster date (its first mention's).
    pub date: Option<Date>,
    /// Cluster place key, once a mention had one.
    pub place: Option<String>,
}

/// Rule 2 and 3 for a cluster whose codes, root and polarity already match:
/// may `event` join `cluster`?
pub fn may_join(cluster: &Candidate, date: Option<Date>, place: Option<&str>, window: i64) -> bool {
    let dates = match (cluster.date, date) {
        (Some(c), Some(d)) => days_between(c, d) <= window,
        (None, None) => true,
        _ => false,
    };
    let places = match (cluster.place.as_deref(), place) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    dates && places
}

/// The best cluster for an event among candidates that share its codes:
/// same place first, then nearest date, then oldest.
pub fn best<'a>(
    candidates: &'a [Candidate],
    date: Option<Date>,
    place: Option<&str>,
    window: i64,
) -> Option<&'a Candidate> {
    candidates
        .iter()
        .filter(|c| may_join(c, date, place, window))
        .min_by_key(|c| {
            let same_place = place.is_some() && c.place.as_deref() == place;
            let distance = match (c.date, date) {
                (Some(a), Some(b)) => days_between(a, b),
                _ => 0,
            };
            (!same_place, distance, c.id)
        })
}

/// Absolute number of days between two dates.
fn days_between(a: Date, b: Date) -> i64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    lo.until(hi)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(i64::MAX)
}

/// The dyad key of an event: each side is the actor's country, else its
/// whole code (`IGOUNO`); the target side is `""` when there is no target.
/// Trends, escalation and the `dyad_day` aggregate work on these keys.
pub fn dyad_keys(e: &Event) -> (String, String) {
    let side = |code: &str, country: &Option<String>| {
        country
            .as_deref()
            .filter(|c| !c.is_empty())
            .unwrap_or(code)
            .to_string()
    };
    let target = e
        .target
        .as_ref()
        .map(|t| side(&t.code, &t.country))
        .unwrap_or_default();
    (side(&e.source.code, &e.source.country), target)
}

/// The key that says whether two places are the same: `gn:<GeoNames id>`
/// when known, else the lower-cased name and country.
pub fn place_key(l: &Location) -> String {
    place_key_parts(&l.name, l.country.as_deref(), l.geonames_id)
}

fn place_key_parts(name: &str, country: Option<&str>, geonames: Option<u64>) -> String {
    match geonames {
        Some(id) => format!("gn:{id}"),
        None => format!(
            "{}|{}",
            name.trim().to_lowercase(),
            country.unwrap_or("").to_ascii_uppercase()
        ),
    }
}

/// The publisher key of a document: its `source`, else its URL's host, else
/// `doc:<id>` (an unknown publisher counts as a source of its own).
pub fn publisher(doc: &Document) -> String {
    publisher_parts(doc.source.as_deref(), doc.url.as_deref(), &doc.id)
}

fn publisher_parts(source: Option<&str>, url: Option<&str>, doc_id: &str) -> String {
    if let Some(s) = source.map(str::trim).filter(|s| !s.is_empty()) {
        return s.to_string();
    }
    if let Some(host) = url.and_then(url_host) {
        return host;
    }
    format!("doc:{doc_id}")
}

/// The host of an `http(s)://host/…` URL, lower-cased, without `www.`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Puts one stored event into its cluster (a matching one, or a new one),
/// records the mention and updates the `dyad_day` aggregate. Returns true
/// when a new cluster was made.
pub(crate) fn assign(conn: &Connection, e: &ClusterInput, window: i64) -> Result<bool> {
    let candidates = candidates(conn, e, window)?;
    let chosen = best(&candidates, e.date, e.place.as_deref(), window).map(|c| c.id);
    let is_new = chosen.is_none();
    let cluster_id = match chosen {
        Some(id) => {
            let mut article = conn
                .prepare_cached("SELECT 1 FROM mentions WHERE cluster_id = ?1 AND doc_id = ?2")?;
            let new_article = !article.exists(params![id, e.doc_id])?;
            let mut source = conn.prepare_cached(
                "SELECT 1 FROM mentions WHERE cluster_id = ?1 AND publisher = ?2",
            )?;
            let new_source = !source.exists(params![id, e.publisher])?;
            conn.prepare_cached(
                "UPDATE clusters SET num_mentions = num_mentions + 1,
                        num_articles = num_articles + ?1, num_sources = num_sources + ?2,
                        place = coalesce(place, ?3)
                 WHERE id = ?4",
            )?
            .execute(params![new_article as i64, new_source as i64, e.place, id])?;
            id
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO clusters (source_code, target_code, cameo_root, polarity, date, place,
                   source_key, target_key, quad_class, goldstein, rep_event,
                   num_mentions, num_articles, num_sources)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, 1, 1)",
            )?
            .execute(params![
                e.source_code,
                e.target_code,
                e.cameo_root,
                e.polarity,
                e.date.map(|d| d.to_string()),
                e.place,
                e.source_key,
                e.target_key,
                e.quad_class as i64,
                e.goldstein,
                e.event_id,
            ])?;
            conn.last_insert_rowid()
        }
    };
    conn.prepare_cached(
        "INSERT INTO mentions (event_id, cluster_id, doc_id, publisher) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![e.event_id, cluster_id, e.doc_id, e.publisher])?;
    aggregate(conn, e, is_new)?;
    Ok(is_new)
}

/// Clusters with the same codes, root and polarity in the date window.
fn candidates(conn: &Connection, e: &ClusterInput, window: i64) -> Result<Vec<Candidate>> {
    let read = |r: &Row| -> rusqlite::Result<(i64, Option<String>, Option<String>)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    };
    let rows: Vec<(i64, Option<String>, Option<String>)> = match e.date {
        Some(d) => {
            let lo = d.checked_sub(window.days()).unwrap_or(d);
            let hi = d.checked_add(window.days()).unwrap_or(d);
            let mut stmt = conn.prepare_cached(
                "SELECT id, date, place FROM clusters
                 WHERE source_code = ?1 AND target_code = ?2 AND cameo_root = ?3
                   AND polarity = ?4 AND date BETWEEN ?5 AND ?6",
            )?;
            let rows = stmt.query_map(
                params![
                    e.source_code,
                    e.target_code,
                    e.cameo_root,
                    e.polarity,
                    lo.to_string(),
                    hi.to_string()
                ],
                read,
            )?;
            rows.collect::<Result<_, _>>()?
        }
        None => {
            let mut stmt = conn.prepare_cached(
                "SELECT id, date, place FROM clusters
                 WHERE source_code = ?1 AND target_code = ?2 AND cameo_root = ?3
                   AND polarity = ?4 AND date IS NULL",
            )?;
            let rows = stmt.query_map(
                params![e.source_code, e.target_code, e.cameo_root, e.polarity],
                read,
            )?;
            rows.collect::<Result<_, _>>()?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(id, date, place)| Candidate {
            id,
            date: date.and_then(|d| d.parse().ok()),
            place,
        })
        .collect())
}

/// The modalities of events reported as news.
pub(crate) const REPORTED: [&str; 2] = ["asserted", "future"];

/// Adds an affirmed, reported, dated event (and its cluster, when new) to
/// `dyad_day`.
fn aggregate(conn: &Connection, e: &ClusterInput, new_cluster: bool) -> Result<()> {
    let Some(day) = e.date else { return Ok(()) };
    if e.polarity != "affirmed" || !e.reported || !(1..=4).contains(&e.quad_class) {
        return Ok(());
    }
    let mut m = [0i64; 4];
    m[usize::from(e.quad_class - 1)] = 1;
    let c = if new_cluster { m } else { [0; 4] };
    let cg = if new_cluster { e.goldstein } else { 0.0 };
    conn.prepare_cached(
        "INSERT INTO dyad_day (src, tgt, day, c1, c2, c3, c4, c_goldstein, m1, m2, m3, m4, m_goldstein)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (src, tgt, day) DO UPDATE SET
           c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
           c4 = c4 + excluded.c4, c_goldstein = c_goldstein + excluded.c_goldstein,
           m1 = m1 + excluded.m1, m2 = m2 + excluded.m2, m3 = m3 + excluded.m3,
           m4 = m4 + excluded.m4, m_goldstein = m_goldstein + excluded.m_goldstein",
    )?
    .execute(params![
        e.source_key,
        e.target_key,
        day.to_string(),
        c[0],
        c[1],
        c[2],
        c[3],
        cg,
        m[0],
        m[1],
        m[2],
        m[3],
        e.goldstein
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    fn cand(id: i64, d: &str, place: Option<&str>) -> Candidate {
        Candidate {
            id,
            date: date(d),
            place: place.map(str::to_string),
        }
    }

    #[test]
    fn window_is_inclusive_and_symmetric() {
        let c = cand(1, "2020-10-02", None);
        assert!(may_join(&c, date("2020-10-01"), None, 1));
        assert!(may_join(&c, date("2020-10-03"), None, 1));
        assert!(!may_join(&c, date("2020-10-04"), None, 1));
        assert!(!may_join(&c, date("2020-09-30"), None, 1));
        assert!(may_join(&c, date("2020-10-04"), None, 2));
        assert!(!may_join(&c, None, None, 1), "undated never joins dated");
    }

    #[test]
    fn different_places_never_join_missing_place_matches_any() {
        let c = cand(1, "2020-10-02", Some("gn:1"));
        assert!(!may_join(&c, date("2020-10-02"), Some("gn:2"), 1));
        assert!(may_join(&c, date("2020-10-02"), Some("gn:1"), 1));
        assert!(may_join(&c, date("2020-10-02"), None, 1));
        let unplaced = cand(2, "2020-10-02", None);
        assert!(may_join(&unplaced, date("2020-10-02"), Some("gn:2"), 1));
    }

    #[test]
    fn best_prefers_same_place_then_nearest_date_then_oldest() {
        let cs = vec![
            cand(1, "2020-10-01", None),
            cand(2, "2020-10-02", None),
            cand(3, "2020-10-03", Some("gn:7")),
        ];
        assert_eq!(best(&cs, date("2020-10-02"), None, 1).unwrap().id, 2);
        assert_eq!(
            best(&cs, date("2020-10-02"), Some("gn:7"), 1).unwrap().id,
            3
        );
        assert_eq!(
            best(&cs, date("2020-10-02"), Some("gn:8"), 1).unwrap().id,
            2
        );
        let tie = vec![cand(5, "2020-10-01", None), cand(4, "2020-10-03", None)];
        assert_eq!(best(&tie, date("2020-10-02"), None, 1).unwrap().id, 4);
    }

    #[test]
    fn publisher_falls_back_to_url_host_then_document() {
        let mut d = Document {
            id: "x".into(),
            url: Some("https://www.Example.com:443/a/b?c".into()),
            ..Default::default()
        };
        assert_eq!(publisher(&d), "example.com");
        d.source = Some(" AP ".into());
        assert_eq!(publisher(&d), "AP");
        d.source = None;
        d.url = Some("not a url".into());
        assert_eq!(publisher(&d), "doc:x");
    }
}

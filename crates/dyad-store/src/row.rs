//! Stored events read back: the event record plus what the store knows
//! about it (cluster counts, document, versions).

use crate::{Result, StoreError};
use dyad_core::{Actor, Event, Evidence, Location, Plover};
use jiff::civil::Date;
use rusqlite::types::FromSql;
use rusqlite::Row;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// An event as stored: the event record, its cluster's counts and its
/// document's metadata. Serializes as the event record with these fields
/// added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// The event record, exactly as coded.
    #[serde(flatten)]
    pub event: Event,
    /// The cluster (deduplicated event) this event is a mention of.
    pub cluster_id: i64,
    /// Events in the cluster.
    pub num_mentions: i64,
    /// Distinct publishers of the cluster's documents.
    pub num_sources: i64,
    /// Distinct documents in the cluster.
    pub num_articles: i64,
    /// The document's URL.
    pub url: Option<String>,
    /// The document's publisher (`source` of the input).
    pub publisher: Option<String>,
    /// The document's headline.
    pub title: Option<String>,
    /// The document's publication date.
    pub published: Option<Date>,
    /// When the document was stored (RFC 3339, UTC).
    pub ingested_at: String,
    /// Knowledge-base version that coded the event.
    pub kb_version: String,
    /// dyad version that coded the event.
    pub dyad_version: String,
    /// Where the event stands in the store's order, for resuming a query
    /// after it ([`crate::Filter::after`]).
    #[serde(skip)]
    pub position: crate::Position,
}

impl StoredEvent {
    /// The columns [`StoredEvent::from_row`] reads, from `events e`,
    /// `mentions m`, `clusters c` and `documents d`.
    pub(crate) const COLUMNS: &'static str = "e.id, e.doc_id, e.sentence, e.date, \
        e.date_precision, e.source_code, e.source_country, e.source_sector, e.source_name, \
        e.source_text, e.source_start, e.source_end, e.target_code, e.target_country, \
        e.target_sector, e.target_name, e.target_text, e.target_start, e.target_end, e.cameo, \
        e.cameo_root, e.cameo_name, e.quad_class, e.goldstein, e.plover_event, e.plover_mode, \
        e.plover_context, e.location_name, e.location_country, e.location_admin1, \
        e.location_lat, e.location_lon, e.location_geonames_id, e.location_text, \
        e.location_start, e.location_end, e.polarity, e.modality, e.attributed_to, \
        e.sentence_text, e.sentence_start, e.sentence_end, e.trigger, e.trigger_start, \
        e.trigger_end, e.pattern, e.confidence, e.kb_version, e.dyad_version, m.cluster_id, \
        c.num_mentions, c.num_sources, c.num_articles, d.url, d.source, d.title, d.published, \
        d.ingested_at, e.rowid";

    /// Reads a row selected with [`StoredEvent::COLUMNS`].
    pub(crate) fn from_row(row: &Row) -> Result<StoredEvent> {
        let mut c = Cursor { row, i: 0 };
        let id = c.get()?;
        let doc_id = c.get()?;
        let sentence = c.usize("sentence")?;
        let date = c.date("date")?;
        let date_precision = c.opt_enum("date_precision")?;
        let source = Actor {
            code: c.get()?,
            country: c.get()?,
            sector: c.get()?,
            name: c.get()?,
            text: c.get()?,
            span: [c.usize("source_start")?, c.usize("source_end")?],
        };
        let target_code: Option<String> = c.get()?;
        let target_country = c.get()?;
        let target_sector = c.get()?;
        let target_name = c.get()?;
        let target_text: Option<String> = c.get()?;
        let target_span = [c.opt_usize("target_start")?, c.opt_usize("target_end")?];
        let target = target_code.map(|code| Actor {
            code,
            country: target_country,
            sector: target_sector,
            name: target_name,
            text: target_text.unwrap_or_default(),
            span: [target_span[0].unwrap_or(0), target_span[1].unwrap_or(0)],
        });
        let cameo = c.get()?;
        let cameo_root = c.get()?;
        let cameo_name = c.get()?;
        let quad: i64 = c.get()?;
        let goldstein: f64 = c.get()?;
        let plover_event: Option<String> = c.get()?;
        let plover_mode = c.get()?;
        let plover_context = c.get()?;
        let plover = plover_event.map(|event| Plover {
            event,
            mode: plover_mode,
            context: plover_context,
        });
        let location_name: Option<String> = c.get()?;
        let location_country = c.get()?;
        let location_admin1 = c.get()?;
        let lat = c.get()?;
        let lon = c.get()?;
        let geonames: Option<i64> = c.get()?;
        let location_text: Option<String> = c.get()?;
        let location_span = [c.opt_usize("location_start")?, c.opt_usize("location_end")?];
        let location = location_name.map(|name| Location {
            name,
            country: location_country,
            admin1: location_admin1,
            lat,
            lon,
            geonames_id: geonames.map(|g| g as u64),
            text: location_text.unwrap_or_default(),
            span: [location_span[0].unwrap_or(0), location_span[1].unwrap_or(0)],
        });
        let polarity = c.enum_value("polarity")?;
        let modality = c.enum_value("modality")?;
        let attributed_to = c.get()?;
        let evidence = Evidence {
            sentence_text: c.get()?,
            sentence_span: [c.usize("sentence_start")?, c.usize("sentence_end")?],
            trigger: c.get()?,
            trigger_span: [c.usize("trigger_start")?, c.usize("trigger_end")?],
            pattern: c.get()?,
        };
        let confidence: f64 = c.get()?;
        let event = Event {
            id,
            doc_id,
            sentence,
            date,
            date_precision,
            source,
            target,
            cameo,
            cameo_root,
            cameo_name,
            quad_class: quad.clamp(0, 255) as u8,
            goldstein: goldstein as f32,
            plover,
            location,
            polarity,
            modality,
            attributed_to,
            evidence,
            confidence: confidence as f32,
        };
        Ok(StoredEvent {
            event,
            kb_version: c.get()?,
            dyad_version: c.get()?,
            cluster_id: c.get()?,
            num_mentions: c.get()?,
            num_sources: c.get()?,
            num_articles: c.get()?,
            url: c.get()?,
            publisher: c.get()?,
            title: c.get()?,
            published: c.date("published")?,
            ingested_at: c.get()?,
            position: crate::Position {
                date,
                rowid: c.get()?,
            },
        })
    }
}

/// Reads the columns of a row in order.
struct Cursor<'a, 'b> {
    row: &'a Row<'b>,
    i: usize,
}

impl Cursor<'_, '_> {
    fn get<T: FromSql>(&mut self) -> Result<T> {
        let v = self.row.get(self.i)?;
        self.i += 1;
        Ok(v)
    }

    fn usize(&mut self, column: &'static str) -> Result<usize> {
        let v: i64 = self.get()?;
        usize::try_from(v).map_err(|_| corrupt(column, v))
    }

    fn opt_usize(&mut self, column: &'static str) -> Result<Option<usize>> {
        let v: Option<i64> = self.get()?;
        v.map(|v| usize::try_from(v).map_err(|_| corrupt(column, v)))
            .transpose()
    }

    fn date(&mut self, column: &'static str) -> Result<Option<Date>> {
        let v = opt_date(self.row, self.i, Col(column))?;
        self.i += 1;
        Ok(v)
    }

    fn enum_value<T: DeserializeOwned>(&mut self, column: &'static str) -> Result<T> {
        let s: String = self.get()?;
        parse_enum(&s, column)
    }

    fn opt_enum<T: DeserializeOwned>(&mut self, column: &'static str) -> Result<Option<T>> {
        let s: Option<String> = self.get()?;
        s.map(|s| parse_enum(&s, column)).transpose()
    }
}

/// A column name, for error messages.
pub(crate) struct Col(pub &'static str);

/// Reads an optional `YYYY-MM-DD` column.
pub(crate) fn opt_date(row: &Row, i: usize, col: Col) -> Result<Option<Date>> {
    let s: Option<String> = row.get(i)?;
    s.map(|s| s.parse::<Date>().map_err(|_| corrupt(col.0, s)))
        .transpose()
}

fn corrupt(column: &'static str, value: impl ToString) -> StoreError {
    StoreError::Corrupt {
        column,
        value: value.to_string(),
    }
}

fn parse_enum<T: DeserializeOwned>(s: &str, column: &'static str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| corrupt(column, s))
}

/// The serialized name of a unit enum value (`"affirmed"`, `"day"`).
pub(crate) fn enum_str<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// An `f32` as the `f64` with the same shortest decimal form (`-0.4`, not
/// `-0.4000000059604645`), so sums in SQL read as people expect.
pub(crate) fn decimal(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

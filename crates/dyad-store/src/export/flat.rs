//! JSONL, CSV/TSV and a human-readable table.

use super::{write_err, EventSink};
use crate::row::StoredEvent;
use crate::{Result, Store};
use std::io::Write;

/// Columns the store adds after [`dyad_core::flat::COLUMNS`].
pub const STORE_COLUMNS: &[&str] = &[
    "cluster_id",
    "num_mentions",
    "num_sources",
    "num_articles",
    "url",
    "publisher",
    "title",
    "published",
    "ingested_at",
    "kb_version",
    "dyad_version",
];

/// The CSV/TSV columns: the flat event columns of `dyad code --format csv`
/// followed by [`STORE_COLUMNS`].
pub fn columns() -> Vec<&'static str> {
    dyad_core::flat::COLUMNS
        .iter()
        .chain(STORE_COLUMNS)
        .copied()
        .collect()
}

/// The values of [`columns`] for one event.
pub fn row(e: &StoredEvent) -> Vec<String> {
    let mut v = dyad_core::flat::flatten(&e.event);
    v.extend([
        e.cluster_id.to_string(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        e.url.clone().unwrap_or_default(),
        e.publisher.clone().unwrap_or_default(),
        e.title.clone().unwrap_or_default(),
        e.published.map(|d| d.to_string()).unwrap_or_default(),
        e.ingested_at.clone(),
        e.kb_version.clone(),
        e.dyad_version.clone(),
    ]);
    v
}

/// One JSON object per line: the event record plus the store's fields.
pub struct JsonlSink<'a> {
    out: Box<dyn Write + Send + 'a>,
}

impl<'a> JsonlSink<'a> {
    /// A sink writing to `out`.
    pub fn new(out: Box<dyn Write + Send + 'a>) -> Self {
        JsonlSink { out }
    }
}

impl EventSink for JsonlSink<'_> {
    fn write(&mut self, e: &StoredEvent, _: &Store) -> Result<bool> {
        serde_json::to_writer(&mut self.out, e)?;
        self.out.write_all(b"\n").map_err(write_err)?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush().map_err(write_err)
    }
}

/// CSV or TSV with a header of [`columns`].
pub struct FlatSink<'a> {
    w: csv::Writer<Box<dyn Write + Send + 'a>>,
    header: bool,
}

impl<'a> FlatSink<'a> {
    /// A sink with this delimiter (`b','` or `b'\t'`).
    pub fn new(out: Box<dyn Write + Send + 'a>, delimiter: u8) -> Self {
        FlatSink {
            w: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(out),
            header: false,
        }
    }
}

impl EventSink for FlatSink<'_> {
    fn write(&mut self, e: &StoredEvent, _: &Store) -> Result<bool> {
        if !self.header {
            self.w.write_record(columns())?;
            self.header = true;
        }
        self.w.write_record(row(e))?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        if !self.header {
            self.w.write_record(columns())?;
        }
        self.w.flush().map_err(write_err)
    }
}

/// An aligned table for reading in a terminal: date, dyad, code, quad,
/// Goldstein, mentions/articles/sources, trigger and sentence (cut short).
pub struct TableSink<'a> {
    out: Box<dyn Write + Send + 'a>,
    header: bool,
}

impl<'a> TableSink<'a> {
    /// A sink writing to `out`.
    pub fn new(out: Box<dyn Write + Send + 'a>) -> Self {
        TableSink { out, header: false }
    }
}

impl EventSink for TableSink<'_> {
    fn write(&mut self, e: &StoredEvent, _: &Store) -> Result<bool> {
        if !self.header {
            writeln!(
                self.out,
                "{:<10}  {:<22}  {:<5} {:>1} {:>6}  {:>11}  {:<24}  sentence",
                "date", "source → target", "cameo", "q", "gold", "men/art/src", "trigger"
            )
            .map_err(write_err)?;
            self.header = true;
        }
        let ev = &e.event;
        let dyad = format!(
            "{} → {}",
            ev.source.code,
            ev.target.as_ref().map_or("-", |t| t.code.as_str())
        );
        let neg = if ev.polarity == dyad_core::Polarity::Negated {
            " (not)"
        } else {
            ""
        };
        writeln!(
            self.out,
            "{:<10}  {:<22}  {:<5} {:>1} {:>6.1}  {:>11}  {:<24}  {}",
            ev.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            cut(&dyad, 22),
            ev.cameo,
            ev.quad_class,
            ev.goldstein,
            format!("{}/{}/{}", e.num_mentions, e.num_articles, e.num_sources),
            cut(&format!("{}{neg}", ev.evidence.trigger), 24),
            cut(&ev.evidence.sentence_text, 100),
        )
        .map_err(write_err)?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush().map_err(write_err)
    }
}

/// At most `n` characters, with `…` when cut; line breaks become spaces.
fn cut(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    if s.chars().count() <= n {
        return s;
    }
    let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
    t.push('…');
    t
}

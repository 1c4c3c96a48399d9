//! Exports: the event record (JSONL), flat tables (CSV/TSV), Parquet, and
//! the layouts of GDELT 2.0, ICEWS, Phoenix and POLECAT.
//!
//! Every format is a projection of [`StoredEvent`]. The legacy layouts keep
//! their published column orders (see [`legacy`]) so existing readers load
//! them; what dyad does not know (tone, ethnic codes, COW codes) is left
//! empty.

pub mod flat;
pub mod legacy;
#[cfg(feature = "parquet")]
pub mod parquet;

use crate::query::{Dedup, Filter};
use crate::row::StoredEvent;
use crate::{Result, Store, StoreError};
use dyad_core::KnowledgeBase;
use std::io::Write;
use std::path::Path;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The event record plus store fields, one JSON object per line.
    Jsonl,
    /// Flat columns ([`flat::columns`]), comma-separated, with a header.
    Csv,
    /// Flat columns, tab-separated, with a header.
    Tsv,
    /// Typed columns ([`parquet::schema`]), Snappy-compressed Parquet.
    Parquet,
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// ICEWS coded event data: 20 tab-separated columns with a header.
    Icews,
    /// Phoenix (OEDA) daily event file: 26 tab-separated columns, no header.
    Phoenix,
    /// POLECAT weekly file: 40 tab-separated columns with a header.
    Polecat,
}

/// Export options beyond the format.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Write a header line for the layouts that have none (GDELT, Phoenix).
    pub header: bool,
    /// The deduplication of the rows (Phoenix then lists every mention's
    /// id, URL and publisher, as its one-a-day files did).
    pub dedup: Dedup,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Rows written.
    pub rows: u64,
    /// Events left out because the layout cannot hold them (POLECAT: events
    /// with no PLOVER type, CAMEO roots 01 and 02).
    pub skipped: u64,
}

/// Writes one event at a time in some format.
pub trait EventSink {
    /// Writes one event; returns false when the format leaves it out.
    fn write(&mut self, e: &StoredEvent, store: &Store) -> Result<bool>;
    /// Flushes and finishes the output.
    fn finish(self: Box<Self>) -> Result<()>;
}

/// A sink for `format` writing to `out` (`kb` names countries for the
/// legacy layouts).
pub fn sink<'a>(
    format: Format,
    out: Box<dyn Write + Send + 'a>,
    kb: &'a KnowledgeBase,
    opts: &ExportOptions,
) -> Result<Box<dyn EventSink + 'a>> {
    Ok(match format {
        Format::Jsonl => Box::new(flat::JsonlSink::new(out)),
        Format::Csv => Box::new(flat::FlatSink::new(out, b',')),
        Format::Tsv => Box::new(flat::FlatSink::new(out, b'\t')),
        Format::Parquet => {
            #[cfg(feature = "parquet")]
            {
                Box::new(parquet::ParquetSink::new(out)?)
            }
            #[cfg(not(feature = "parquet"))]
            {
                return Err(StoreError::Parquet(
                    "this build has no Parquet support (feature `parquet`)".into(),
                ));
            }
        }
        Format::Gdelt | Format::Icews | Format::Phoenix | Format::Polecat => Box::new(
            legacy::LegacySink::new(format, out, kb, opts.header, opts.dedup)?,
        ),
    })
}

/// Exports the events that pass `filter`, deduplicated by `dedup`, to the
/// file `path` (`-` for stdout).
pub fn export(
    store: &Store,
    filter: &Filter,
    dedup: Dedup,
    format: Format,
    path: &Path,
    kb: &KnowledgeBase,
    opts: &ExportOptions,
) -> Result<ExportSummary> {
    let out: Box<dyn Write + Send> = if path.as_os_str() == "-" {
        if format == Format::Parquet {
            return Err(StoreError::Invalid(
                "Parquet cannot be written to stdout: give a file name".into(),
            ));
        }
        Box::new(std::io::BufWriter::new(std::io::stdout()))
    } else {
        let f = std::fs::File::create(path)
            .map_err(|e| StoreError::io(format!("cannot create {}", path.display()), e))?;
        Box::new(std::io::BufWriter::with_capacity(1 << 20, f))
    };
    let opts = ExportOptions {
        dedup,
        ..opts.clone()
    };
    let mut sink = sink(format, out, kb, &opts)?;
    let mut summary = ExportSummary::default();
    store.for_each_event(filter, dedup, |e| {
        if sink.write(e, store)? {
            summary.rows += 1;
        } else {
            summary.skipped += 1;
        }
        Ok(())
    })?;
    sink.finish()?;
    Ok(summary)
}

/// Replaces tabs and line breaks with spaces: a field of a TSV layout
/// without quoting.
pub(crate) fn tsv_field(s: &str) -> String {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ")
    } else {
        s.to_string()
    }
}

/// Maps an I/O error of an export.
pub(crate) fn write_err(e: std::io::Error) -> StoreError {
    StoreError::io("cannot write the export", e)
}

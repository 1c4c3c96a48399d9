//! Parquet export: one typed column per field, Snappy-compressed, in row
//! groups of [`BATCH_ROWS`] rows. pandas, polars, DuckDB and Spark read it.
//!
//! The schema ([`schema`]) uses the SQLite column names: text columns are
//! UTF-8 strings, spans and counts 64-bit integers, `quad_class` an 8-bit
//! integer, `goldstein` and `confidence` 32-bit floats, coordinates 64-bit
//! floats, `date` and `published` dates (days since 1970-01-01). Nullable
//! columns are null where the event record has `null`.

use super::{write_err, EventSink};
use crate::row::{enum_str, StoredEvent};
use crate::{Result, Store, StoreError};
use arrow_array::builder::{
    Date32Builder, Float32Builder, Float64Builder, Int64Builder, Int8Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use jiff::civil::Date;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per record batch (and so at most per row group).
pub const BATCH_ROWS: usize = 8192;

/// Column types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    I64,
    I8,
    F32,
    F64,
    Date,
}

/// (name, type, nullable), in column order.
const COLUMNS: &[(&str, Kind, bool)] = &[
    ("id", Kind::Str, false),
    ("doc_id", Kind::Str, false),
    ("sentence", Kind::I64, false),
    ("date", Kind::Date, true),
    ("date_precision", Kind::Str, true),
    ("source_code", Kind::Str, false),
    ("source_country", Kind::Str, true),
    ("source_sector", Kind::Str, true),
    ("source_name", Kind::Str, true),
    ("source_text", Kind::Str, false),
    ("source_start", Kind::I64, false),
    ("source_end", Kind::I64, false),
    ("target_code", Kind::Str, true),
    ("target_country", Kind::Str, true),
    ("target_sector", Kind::Str, true),
    ("target_name", Kind::Str, true),
    ("target_text", Kind::Str, true),
    ("target_start", Kind::I64, true),
    ("target_end", Kind::I64, true),
    ("cameo", Kind::Str, false),
    ("cameo_root", Kind::Str, false),
    ("cameo_name", Kind::Str, false),
    ("quad_class", Kind::I8, false),
    ("goldstein", Kind::F32, false),
    ("plover_event", Kind::Str, true),
    ("plover_mode", Kind::Str, true),
    ("plover_context", Kind::Str, true),
    ("location_name", Kind::Str, true),
    ("location_country", Kind::Str, true),
    ("location_admin1", Kind::Str, true),
    ("location_lat", Kind::F64, true),
    ("location_lon", Kind::F64, true),
    ("location_geonames_id", Kind::I64, true),
    ("location_text", Kind::Str, true),
    ("location_start", Kind::I64, true),
    ("location_end", Kind::I64, true),
    ("polarity", Kind::Str, false),
    ("modality", Kind::Str, false),
    ("attributed_to", Kind::Str, true),
    ("sentence_text", Kind::Str, false),
    ("sentence_start", Kind::I64, false),
    ("sentence_end", Kind::I64, false),
    ("trigger", Kind::Str, false),
    ("trigger_start", Kind::I64, false),
    ("trigger_end", Kind::I64, false),
    ("pattern", Kind::Str, false),
    ("confidence", Kind::F32, false),
    ("cluster_id", Kind::I64, false),
    ("num_mentions", Kind::I64, false),
    ("num_sources", Kind::I64, false),
    ("num_articles", Kind::I64, false),
    ("url", Kind::Str, true),
    ("publisher", Kind::Str, true),
    ("title", Kind::Str, true),
    ("published", Kind::Date, true),
    ("ingested_at", Kind::Str, false),
    ("kb_version", Kind::Str, false),
    ("dyad_version", Kind::Str, false),
];

/// A value of one cell.
enum Val {
    S(Option<String>),
    I(Option<i64>),
    F(Option<f64>),
    D(Option<Date>),
}

/// The column names of the Parquet export, in order.
pub fn column_names() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.0).collect()
}

/// The Arrow schema of the Parquet export.
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = COLUMNS
        .iter()
        .map(|(name, kind, nullable)| {
            let t = match kind {
                Kind::Str => DataType::Utf8,
                Kind::I64 => DataType::Int64,
                Kind::I8 => DataType::Int8,
                Kind::F32 => DataType::Float32,
                Kind::F64 => DataType::Float64,
                Kind::Date => DataType::Date32,
            };
            Field::new(*name, t, *nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

fn values(e: &StoredEvent) -> Vec<Val> {
    let ev = &e.event;
    let t = ev.target.as_ref();
    let p = ev.plover.as_ref();
    let l = ev.location.as_ref();
    let s = |v: &str| Val::S(Some(v.to_string()));
    let os = |v: Option<&String>| Val::S(v.cloned());
    let i = |v: usize| Val::I(Some(v as i64));
    let oi = |v: Option<usize>| Val::I(v.map(|v| v as i64));
    vec![
        s(&ev.id),
        s(&ev.doc_id),
        i(ev.sentence),
        Val::D(ev.date),
        Val::S(ev.date_precision.map(enum_str)),
        s(&ev.source.code),
        os(ev.source.country.as_ref()),
        os(ev.source.sector.as_ref()),
        os(ev.source.name.as_ref()),
        s(&ev.source.text),
        i(ev.source.span[0]),
        i(ev.source.span[1]),
        os(t.map(|t| &t.code)),
        os(t.and_then(|t| t.country.as_ref())),
        os(t.and_then(|t| t.sector.as_ref())),
        os(t.and_then(|t| t.name.as_ref())),
        os(t.map(|t| &t.text)),
        oi(t.map(|t| t.span[0])),
        oi(t.map(|t| t.span[1])),
        s(&ev.cameo),
        s(&ev.cameo_root),
        s(&ev.cameo_name),
        Val::I(Some(i64::from(ev.quad_class))),
        Val::F(Some(f64::from(ev.goldstein))),
        os(p.map(|p| &p.event)),
        os(p.and_then(|p| p.mode.as_ref())),
        os(p.and_then(|p| p.context.as_ref())),
        os(l.map(|l| &l.name)),
        os(l.and_then(|l| l.country.as_ref())),
        os(l.and_then(|l| l.admin1.as_ref())),
        Val::F(l.and_then(|l| l.lat)),
        Val::F(l.and_then(|l| l.lon)),
        Val::I(l.and_then(|l| l.geonames_id).map(|g| g as i64)),
        os(l.map(|l| &l.text)),
        oi(l.map(|l| l.span[0])),
        oi(l.map(|l| l.span[1])),
        Val::S(Some(enum_str(ev.polarity))),
        Val::S(Some(enum_str(ev.modality))),
        os(ev.attributed_to.as_ref()),
        s(&ev.evidence.sentence_text),
        i(ev.evidence.sentence_span[0]),
        i(ev.evidence.sentence_span[1]),
        s(&ev.evidence.trigger),
        i(ev.evidence.trigger_span[0]),
        i(ev.evidence.trigger_span[1]),
        s(&ev.evidence.pattern),
        Val::F(Some(f64::from(ev.confidence))),
        Val::I(Some(e.cluster_id)),
        Val::I(Some(e.num_mentions)),
        Val::I(Some(e.num_sources)),
        Val::I(Some(e.num_articles)),
        os(e.url.as_ref()),
        os(e.publisher.as_ref()),
        os(e.title.as_ref()),
        Val::D(e.published),
        s(&e.ingested_at),
        s(&e.kb_version),
        s(&e.dyad_version),
    ]
}

/// Days since 1970-01-01.
fn days(d: Date) -> Option<i32> {
    Date::constant(1970, 1, 1)
        .until(d)
        .ok()
        .map(|s| s.get_days())
}

/// Builds one Arrow array from the cells of column `c`.
fn array(rows: &[Vec<Val>], c: usize, kind: Kind) -> ArrayRef {
    macro_rules! build {
        ($builder:ty, $pat:pat => $v:expr) => {{
            let mut b = <$builder>::with_capacity(rows.len());
            for row in rows {
                match &row[c] {
                    $pat => b.append_option($v),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish()) as ArrayRef
        }};
    }
    match kind {
        Kind::Str => {
            let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 16);
            for row in rows {
                match &row[c] {
                    Val::S(v) => b.append_option(v.as_deref()),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
        Kind::I64 => build!(Int64Builder, Val::I(v) => *v),
        Kind::I8 => build!(Int8Builder, Val::I(v) => v.and_then(|v| i8::try_from(v).ok())),
        Kind::F32 => build!(Float32Builder, Val::F(v) => v.map(|v| v as f32)),
        Kind::F64 => build!(Float64Builder, Val::F(v) => *v),
        Kind::Date => build!(Date32Builder, Val::D(v) => v.and_then(days)),
    }
}

/// Writes events as Parquet.
pub struct ParquetSink<'a> {
    writer: ArrowWriter<Box<dyn Write + Send + 'a>>,
    schema: SchemaRef,
    rows: Vec<Vec<Val>>,
}

impl<'a> ParquetSink<'a> {
    /// A sink writing a Parquet file to `out`.
    pub fn new(out: Box<dyn Write + Send + 'a>) -> Result<Self> {
        let schema = schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("dyad {}", crate::DYAD_VERSION))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(pq)?;
        Ok(ParquetSink {
            writer,
            schema,
            rows: Vec::with_capacity(BATCH_ROWS),
        })
    }

    fn flush_rows(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, (_, kind, _))| array(&self.rows, i, *kind))
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| StoreError::Parquet(e.to_string()))?;
        self.writer.write(&batch).map_err(pq)?;
        self.rows.clear();
        Ok(())
    }
}

impl EventSink for ParquetSink<'_> {
    fn write(&mut self, e: &StoredEvent, _: &Store) -> Result<bool> {
        self.rows.push(values(e));
        if self.rows.len() >= BATCH_ROWS {
            self.flush_rows()?;
        }
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.flush_rows()?;
        let mut out = self.writer.into_inner().map_err(pq)?;
        out.flush().map_err(write_err)
    }
}

fn pq(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Parquet(e.to_string())
}

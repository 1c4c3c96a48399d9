//! The typed, one-row-per-event table behind `dyad.code_batch`.
//!
//! Column names and order are [`dyad_core::flat::COLUMNS`], the header of
//! `dyad code --format csv`, so a Python table and a CLI CSV line up column
//! for column. Where the CSV writes text, the table keeps the natural type:
//! integers for sentence indexes, spans and the quad class, floats for the
//! Goldstein score, confidence and coordinates, a date for `date`, and null
//! (not an empty string) for an absent value. A column added to `COLUMNS`
//! that this module does not know yet appears as a nullable string column
//! taken from [`dyad_core::flat::flatten`].

use dyad_core::flat::{flatten, COLUMNS};
use dyad_core::Event;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// The logical type of a column, as named in `dyad._dyad.SCHEMA_FIELDS`
/// (the Python side maps it to an Arrow type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text, nullable.
    Str,
    /// Calendar day, carried as `YYYY-MM-DD` text and cast to `date32` in Python.
    Date,
    /// 64-bit signed integer, nullable.
    Int64,
    /// 32-bit signed integer, nullable.
    Int32,
    /// 64-bit float, nullable.
    Float64,
}

impl Kind {
    /// The name the Python side maps to an Arrow type.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Str => "string",
            Kind::Date => "date32",
            Kind::Int64 => "int64",
            Kind::Int32 => "int32",
            Kind::Float64 => "float64",
        }
    }
}

/// The type of the column `name` (unknown columns are strings).
pub fn kind_of(name: &str) -> Kind {
    match name {
        "date" => Kind::Date,
        "sentence"
        | "source.span_start"
        | "source.span_end"
        | "target.span_start"
        | "target.span_end"
        | "evidence.trigger_start"
        | "evidence.trigger_end"
        | "location.geonames_id" => Kind::Int64,
        "quad_class" => Kind::Int32,
        "goldstein" | "confidence" | "location.lat" | "location.lon" => Kind::Float64,
        _ => Kind::Str,
    }
}

/// One column's values.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Text (also dates, as `YYYY-MM-DD`).
    Str(Vec<Option<String>>),
    /// Integers.
    Int(Vec<Option<i64>>),
    /// Floats.
    Float(Vec<Option<f64>>),
}

/// Columns as Python lists, one list per column.
pub fn to_py(py: Python<'_>, columns: Vec<Column>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for column in columns {
        match column {
            Column::Str(v) => out.append(PyList::new(py, v)?)?,
            Column::Int(v) => out.append(PyList::new(py, v)?)?,
            Column::Float(v) => out.append(PyList::new(py, v)?)?,
        }
    }
    Ok(out)
}

/// One cell, before it is pushed into its column.
enum Cell {
    Str(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
}

/// An `f32` as the `f64` with the same shortest decimal form, so that
/// `4.4f32` becomes `4.4` (as in the JSON records), not `4.400000095367432`.
fn f32_as_decimal(v: f32) -> f64 {
    v.to_string().parse().unwrap_or(f64::from(v))
}

fn usize_cell(v: usize) -> Cell {
    Cell::Int(i64::try_from(v).ok())
}

fn enum_text<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// The cell of column `name` (at position `index` of [`COLUMNS`]) for `e`;
/// `flat` caches the event's string projection for unknown columns.
fn cell(e: &Event, name: &str, index: usize, flat: &mut Option<Vec<String>>) -> Cell {
    let t = e.target.as_ref();
    let p = e.plover.as_ref();
    let l = e.location.as_ref();
    let s = |v: &str| Cell::Str(Some(v.to_string()));
    let o = |v: Option<&String>| Cell::Str(v.cloned());
    match name {
        "id" => s(&e.id),
        "doc_id" => s(&e.doc_id),
        "sentence" => usize_cell(e.sentence),
        "date" => Cell::Str(e.date.map(|d| d.to_string())),
        "date_precision" => Cell::Str(e.date_precision.as_ref().and_then(enum_text)),
        "source.code" => s(&e.source.code),
        "source.country" => o(e.source.country.as_ref()),
        "source.sector" => o(e.source.sector.as_ref()),
        "source.name" => o(e.source.name.as_ref()),
        "source.text" => s(&e.source.text),
        "source.span_start" => usize_cell(e.source.span[0]),
        "source.span_end" => usize_cell(e.source.span[1]),
        "target.code" => o(t.map(|t| &t.code)),
        "target.country" => o(t.and_then(|t| t.country.as_ref())),
        "target.sector" => o(t.and_then(|t| t.sector.as_ref())),
        "target.name" => o(t.and_then(|t| t.name.as_ref())),
        "target.text" => o(t.map(|t| &t.text)),
        "target.span_start" => Cell::Int(t.and_then(|t| i64::try_from(t.span[0]).ok())),
        "target.span_end" => Cell::Int(t.and_then(|t| i64::try_from(t.span[1]).ok())),
        "cameo" => s(&e.cameo),
        "cameo_root" => s(&e.cameo_root),
        "cameo_name" => s(&e.cameo_name),
        "quad_class" => Cell::Int(Some(i64::from(e.quad_class))),
        "goldstein" => Cell::Float(Some(f32_as_decimal(e.goldstein))),
        "plover.event" => o(p.map(|p| &p.event)),
        "plover.mode" => o(p.and_then(|p| p.mode.as_ref())),
        "plover.context" => o(p.and_then(|p| p.context.as_ref())),
        "location.name" => o(l.map(|l| &l.name)),
        "location.country" => o(l.and_then(|l| l.country.as_ref())),
        "location.admin1" => o(l.and_then(|l| l.admin1.as_ref())),
        "location.lat" => Cell::Float(l.and_then(|l| l.lat)),
        "location.lon" => Cell::Float(l.and_then(|l| l.lon)),
        "location.geonames_id" => {
            Cell::Int(l.and_then(|l| l.geonames_id.and_then(|g| i64::try_from(g).ok())))
        }
        "polarity" => Cell::Str(enum_text(&e.polarity)),
        "modality" => Cell::Str(enum_text(&e.modality)),
        "attributed_to" => o(e.attributed_to.as_ref()),
        "evidence.sentence_text" => s(&e.evidence.sentence_text),
        "evidence.trigger" => s(&e.evidence.trigger),
        "evidence.trigger_start" => usize_cell(e.evidence.trigger_span[0]),
        "evidence.trigger_end" => usize_cell(e.evidence.trigger_span[1]),
        "evidence.pattern" => s(&e.evidence.pattern),
        "confidence" => Cell::Float(Some(f32_as_decimal(e.confidence))),
        _ => {
            let flat = flat.get_or_insert_with(|| flatten(e));
            Cell::Str(flat.get(index).filter(|v| !v.is_empty()).cloned())
        }
    }
}

/// The events as columns, in [`COLUMNS`] order.
pub fn build(events: &[Event]) -> Vec<Column> {
    let mut columns: Vec<Column> = COLUMNS
        .iter()
        .map(|name| match kind_of(name) {
            Kind::Str | Kind::Date => Column::Str(Vec::with_capacity(events.len())),
            Kind::Int64 | Kind::Int32 => Column::Int(Vec::with_capacity(events.len())),
            Kind::Float64 => Column::Float(Vec::with_capacity(events.len())),
        })
        .collect();
    for e in events {
        let mut flat = None;
        for (index, (name, column)) in COLUMNS.iter().zip(columns.iter_mut()).enumerate() {
            match (column, cell(e, name, index, &mut flat)) {
                (Column::Str(v), Cell::Str(c)) => v.push(c),
                (Column::Int(v), Cell::Int(c)) => v.push(c),
                (Column::Float(v), Cell::Float(c)) => v.push(c),
                // `kind_of` and `cell` disagree about a column: keep the
                // column's length right with a null rather than fail.
                (Column::Str(v), _) => v.push(None),
                (Column::Int(v), _) => v.push(None),
                (Column::Float(v), _) => v.push(None),
            }
        }
    }
    columns
}

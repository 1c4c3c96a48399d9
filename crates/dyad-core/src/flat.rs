//! The flat, one-row-per-event projection of [`Event`] used by CSV/TSV
//! output and the tabular exports: nested fields become dotted column names
//! (`source.code`, `plover.event`), absent values become empty strings.

use crate::model::Event;

/// Flattened column names for CSV/TSV, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "doc_id",
    "sentence",
    "date",
    "date_precision",
    "source.code",
    "source.country",
    "source.sector",
    "source.name",
    "source.text",
    "source.span_start",
    "source.span_end",
    "target.code",
    "target.country",
    "target.sector",
    "target.name",
    "target.text",
    "target.span_start",
    "target.span_end",
    "cameo",
    "cameo_root",
    "cameo_name",
    "quad_class",
    "goldstein",
    "plover.event",
    "plover.mode",
    "plover.context",
    "location.name",
    "location.country",
    "location.admin1",
    "location.lat",
    "location.lon",
    "location.geonames_id",
    "polarity",
    "modality",
    "attributed_to",
    "evidence.sentence_text",
    "evidence.trigger",
    "evidence.trigger_start",
    "evidence.trigger_end",
    "evidence.pattern",
    "confidence",
];

/// The flattened values of an event, in [`COLUMNS`] order.
pub fn flatten(e: &Event) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let t = e.target.as_ref();
    let p = e.plover.as_ref();
    let l = e.location.as_ref();
    vec![
        e.id.clone(),
        e.doc_id.clone(),
        e.sentence.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.date_precision.map(|p| enum_name(&p)).unwrap_or_default(),
        e.source.code.clone(),
        opt(&e.source.country),
        opt(&e.source.sector),
        opt(&e.source.name),
        e.source.text.clone(),
        e.source.span[0].to_string(),
        e.source.span[1].to_string(),
        t.map(|t| t.code.clone()).unwrap_or_default(),
        t.and_then(|t| t.country.clone()).unwrap_or_default(),
        t.and_then(|t| t.sector.clone()).unwrap_or_default(),
        t.and_then(|t| t.name.clone()).unwrap_or_default(),
        t.map(|t| t.text.clone()).unwrap_or_default(),
        t.map(|t| t.span[0].to_string()).unwrap_or_default(),
        t.map(|t| t.span[1].to_string()).unwrap_or_default(),
        e.cameo.clone(),
        e.cameo_root.clone(),
        e.cameo_name.clone(),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        p.map(|p| p.event.clone()).unwrap_or_default(),
        p.and_then(|p| p.mode.clone()).unwrap_or_default(),
        p.and_then(|p| p.context.clone()).unwrap_or_default(),
        l.map(|l| l.name.clone()).unwrap_or_default(),
        l.and_then(|l| l.country.clone()).unwrap_or_default(),
        l.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        l.and_then(|l| l.lat)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        l.and_then(|l| l.lon)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        l.and_then(|l| l.geonames_id)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        enum_name(&e.polarity),
        enum_name(&e.modality),
        opt(&e.attributed_to),
        e.evidence.sentence_text.clone(),
        e.evidence.trigger.clone(),
        e.evidence.trigger_span[0].to_string(),
        e.evidence.trigger_span[1].to_string(),
        e.evidence.pattern.clone(),
        format!("{:.2}", e.confidence),
    ]
}

/// The serialized name of a unit enum value ("affirmed", "future", "day").
fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

//! Event output: JSONL (the event record), CSV and TSV (flattened), and the
//! human-readable `--explain` report.

use anyhow::Result;
use clap::ValueEnum;
use dyad_core::{Document, Event, SentenceTrace};
use std::io::Write;

/// Output formats of `dyad code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON event record per line.
    Jsonl,
    /// Comma-separated, one flattened event per row, with a header.
    Csv,
    /// Tab-separated, one flattened event per row, with a header.
    Tsv,
}

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

/// Writes events in one format, with the header once for CSV/TSV.
pub struct EventWriter {
    format: Format,
    header_written: bool,
}

impl EventWriter {
    /// A writer for `format`.
    pub fn new(format: Format) -> Self {
        EventWriter {
            format,
            header_written: false,
        }
    }

    /// Writes one event.
    pub fn write(&mut self, out: &mut impl Write, e: &Event) -> Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
            Format::Csv | Format::Tsv => {
                let delim = if self.format == Format::Csv {
                    b','
                } else {
                    b'\t'
                };
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delim)
                    .from_writer(&mut *out);
                if !self.header_written {
                    w.write_record(COLUMNS)?;
                    self.header_written = true;
                }
                w.write_record(flatten(e))?;
                w.flush()?;
            }
        }
        Ok(())
    }
}

/// Writes the `--explain` report of one document.
pub fn write_explain(
    out: &mut impl Write,
    doc: &Document,
    events: &[Event],
    traces: &[SentenceTrace],
) -> Result<()> {
    writeln!(
        out,
        "=== document {} (published {}) ===",
        doc.id,
        doc.published.map_or("unknown".into(), |d| d.to_string())
    )?;
    for t in traces {
        writeln!(out, "\n--- sentence {}: {}", t.index, t.text)?;
        if let Some(why) = &t.skipped {
            writeln!(out, "  skipped: {why}")?;
            continue;
        }
        writeln!(out, "  tokens:   {}", t.tagged.join(" "))?;
        writeln!(out, "  chunks:   {}", t.chunks.join(" "))?;
        for m in &t.mentions {
            writeln!(out, "  kb:       {m}")?;
        }
        for a in &t.actors {
            writeln!(out, "  actor:    {a}")?;
        }
        for v in &t.verbs {
            writeln!(out, "  verb:     '{}' ({}): {}", v.verb, v.lemma, v.outcome)?;
        }
        for e in events.iter().filter(|e| e.sentence == t.index) {
            writeln!(
                out,
                "  EVENT:    {} → {} {} ({}) trigger '{}' [{:?}, {:?}{}]",
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.cameo,
                e.cameo_name,
                e.evidence.trigger,
                e.polarity,
                e.modality,
                e.attributed_to
                    .as_ref()
                    .map_or(String::new(), |a| format!(", according to {a}"))
            )?;
        }
    }
    writeln!(out)?;
    Ok(())
}

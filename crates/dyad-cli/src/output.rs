//! Event output: JSONL (the event record), CSV and TSV (flattened), and the
//! human-readable `--explain` report.

use anyhow::Result;
use clap::ValueEnum;
use dyad_core::flat::{flatten, COLUMNS};
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

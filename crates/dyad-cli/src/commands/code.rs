//! `dyad code`: read articles, write events.

use crate::output::{EventWriter, Format};
use anyhow::Result;
use clap::Args;
use dyad_core::coder::confidence::DEFAULT_MIN_CONFIDENCE;
use dyad_core::{code_document_with, code_explained, Document, KnowledgeBase};
use dyad_ingest::{read_inputs, ReadOptions};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dyad code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Inputs: text, .jsonl, .json or .html files, directories (recursive), or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_parser = super::parse_date_arg)]
    date: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Print, for each sentence, tokens, tags, chunks, actors and why each
    /// verb was or was not coded (human-readable, instead of records).
    #[arg(long)]
    explain: bool,
    /// Directory of extra knowledge-base files (same formats as data/).
    #[arg(long)]
    kb_dir: Option<PathBuf>,
    #[command(flatten)]
    legacy: super::LegacyArgs,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Drop events whose calibrated confidence is below this (0 keeps all;
    /// see README, Accuracy → Confidence).
    #[arg(long, default_value_t = DEFAULT_MIN_CONFIDENCE)]
    min_confidence: f32,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_document_bytes: usize,
}

/// Documents coded in parallel per batch; output order is input order.
const BATCH: usize = 256;

/// Runs `dyad code`.
pub fn run(args: CodeArgs) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        // Only fails when a pool was already built, which this process never does.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    super::load_legacy(&mut kb, &args.legacy)?;
    let opts = ReadOptions {
        default_date: args.date,
        max_document_bytes: args.max_document_bytes,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut writer = EventWriter::new(args.format);
    let (mut docs_n, mut events_n, mut errors_n) = (0usize, 0usize, 0usize);
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut inputs = read_inputs(&args.paths, &opts).peekable();
    while inputs.peek().is_some() || !batch.is_empty() {
        // Fill a batch (reporting bad inputs as they come), then code it.
        for item in inputs.by_ref() {
            match item {
                Ok(doc) => batch.push(doc),
                Err(e) => {
                    eprintln!("error: {e}");
                    errors_n += 1;
                }
            }
            if batch.len() >= BATCH {
                break;
            }
        }
        docs_n += batch.len();
        events_n += code_batch(&batch, &kb, &args, &mut writer, &mut out)?;
        batch.clear();
    }
    out.flush()?;
    eprintln!(
        "dyad: coded {docs_n} document(s), {events_n} event(s){}",
        if errors_n > 0 {
            format!("; {errors_n} input error(s) reported above")
        } else {
            String::new()
        }
    );
    Ok(if errors_n > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Codes one batch (in parallel unless explaining) and writes it in input
/// order; returns the number of events.
fn code_batch(
    batch: &[Document],
    kb: &KnowledgeBase,
    args: &CodeArgs,
    writer: &mut EventWriter,
    out: &mut impl Write,
) -> Result<usize> {
    let mut n_events = 0;
    if args.explain {
        for doc in batch {
            // As in the batch path, a bug leaves one document out, not the run.
            let explained =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| code_explained(doc, kb)));
            let Ok((mut events, traces)) = explained else {
                eprintln!(
                    "error: document {}: internal error while explaining; its events are left out (please report this bug)",
                    doc.id
                );
                continue;
            };
            events.retain(|e| e.confidence >= args.min_confidence);
            n_events += events.len();
            crate::output::write_explain(out, doc, &events, &traces)?;
        }
    } else {
        let coded: Vec<dyad_core::CodedDocument> = batch
            .par_iter()
            .map(|d| code_document_with(d, kb, args.min_confidence))
            .collect();
        for (doc, coded) in batch.iter().zip(coded) {
            if let Some(err) = &coded.error {
                eprintln!(
                    "error: document {}: {err}; its events are left out (please report this bug)",
                    doc.id
                );
            }
            let events = coded.events;
            n_events += events.len();
            for e in &events {
                writer.write(out, e)?;
            }
        }
    }
    Ok(n_events)
}

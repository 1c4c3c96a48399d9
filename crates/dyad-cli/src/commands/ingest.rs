//! `dyad ingest` and `dyad recode`: code documents into an event store.

use anyhow::{bail, Context, Result};
use clap::Args;
use dyad_core::{code, Document, KnowledgeBase};
use dyad_ingest::{read_inputs, ReadOptions};
use dyad_store::{assign_document_id, BatchOutcome, CodedDoc, OpenMode, RunKind, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Arguments of `dyad ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Inputs: text, .jsonl, .json or .html files, directories (recursive), or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The event store (SQLite file), created when missing.
    #[arg(long)]
    db: PathBuf,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_parser = super::parse_date_arg)]
    date: Option<jiff::civil::Date>,
    /// Directory of extra knowledge-base files (same formats as data/).
    #[arg(long)]
    kb_dir: Option<PathBuf>,
    #[command(flatten)]
    legacy: super::LegacyArgs,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no summary (errors are still reported).
    #[arg(long, short)]
    quiet: bool,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_document_bytes: usize,
    /// Deduplication date window in days (± around a cluster's date); only
    /// for a new store: change it later with `dyad recode --dedup-window`.
    #[arg(long, value_parser = clap::value_parser!(i64).range(0..=365))]
    dedup_window: Option<i64>,
    /// Documents per transaction (a batch also ends at 64 MiB of text).
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
}

/// A batch ends at this much document text, whatever `--batch` says.
const BATCH_BYTES: usize = 64 * 1024 * 1024;

/// Arguments of `dyad recode`.
#[derive(Debug, Args)]
pub struct RecodeArgs {
    /// The event store to re-code.
    #[arg(long)]
    db: PathBuf,
    /// Directory of extra knowledge-base files (same formats as data/).
    #[arg(long)]
    kb_dir: Option<PathBuf>,
    #[command(flatten)]
    legacy: super::LegacyArgs,
    /// Re-code every document, not only those coded by another knowledge-base
    /// or dyad version.
    #[arg(long)]
    all: bool,
    /// Set the deduplication date window (days) and rebuild the clusters.
    #[arg(long, value_parser = clap::value_parser!(i64).range(0..=365))]
    dedup_window: Option<i64>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Documents per transaction.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
}

fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        // Only fails when a pool was already built, which this process never does.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
}

/// A spinner with a count and a message, on stderr when it is a terminal.
fn progress(quiet: bool, what: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    let template = format!("{{spinner}} [{{elapsed_precise}}] {{human_pos}} {what} {{msg}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        pb.set_style(style);
    }
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

/// Codes documents in parallel, keeping their order.
fn code_all(docs: Vec<Document>, kb: &KnowledgeBase) -> Vec<CodedDoc> {
    docs.into_par_iter()
        .map(|doc| {
            let events = code(&doc, kb);
            CodedDoc { doc, events }
        })
        .collect()
}

/// Opens a store for writing, finishing an interrupted re-code first.
fn open_for_writing(db: &std::path::Path, quiet: bool) -> Result<Store> {
    let mut store = Store::open(db, OpenMode::Create)
        .with_context(|| format!("cannot open the event store {}", db.display()))?;
    if store.is_stale()? {
        if !quiet {
            eprintln!("dyad: finishing an interrupted recode: rebuilding clusters");
        }
        store.rebuild_clusters()?;
    }
    Ok(store)
}

/// Runs `dyad ingest`.
pub fn run(args: IngestArgs) -> Result<ExitCode> {
    set_threads(args.threads);
    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    super::load_legacy(&mut kb, &args.legacy)?;
    let mut store = open_for_writing(&args.db, args.quiet)?;
    if let Some(w) = args.dedup_window {
        if w != store.dedup_window_days() {
            if store.counts()?.events > 0 {
                bail!(
                    "{} already uses a deduplication window of {} day(s); \
                     change it with `dyad recode --db {} --dedup-window {w}`",
                    args.db.display(),
                    store.dedup_window_days(),
                    args.db.display()
                );
            }
            store.set_dedup_window(w)?;
        }
    }
    let inputs: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
    let run = store.begin_run(RunKind::Ingest, &kb.version(), &inputs)?;
    let opts = ReadOptions {
        default_date: args.date,
        max_document_bytes: args.max_document_bytes,
    };
    let started = Instant::now();
    let pb = progress(args.quiet, "docs");
    let mut total = BatchOutcome::default();
    let (mut seen_before, mut errors) = (0u64, 0u64);
    let batch_size = args.batch as usize;
    let mut batch: Vec<Document> = Vec::with_capacity(batch_size.min(4096));
    let mut batch_bytes = 0usize;
    let mut inputs = read_inputs(&args.paths, &opts).peekable();
    while inputs.peek().is_some() || !batch.is_empty() {
        for item in inputs.by_ref() {
            match item {
                Ok(mut doc) => {
                    assign_document_id(&mut doc);
                    if store.contains_document(&doc.id)? {
                        seen_before += 1;
                        pb.inc(1);
                    } else {
                        batch_bytes += doc.text.len();
                        batch.push(doc);
                    }
                }
                Err(e) => {
                    pb.suspend(|| eprintln!("error: {e}"));
                    errors += 1;
                }
            }
            if batch.len() >= batch_size || batch_bytes >= BATCH_BYTES {
                break;
            }
        }
        batch_bytes = 0;
        let n = batch.len() as u64;
        let coded = code_all(std::mem::take(&mut batch), &kb);
        let outcome = store.write_batch(&run, &coded)?;
        total.add(&outcome);
        pb.inc(n);
        pb.set_message(format!(
            "({:.0} docs/s) {} events, {} clusters, {} skipped",
            pb.position() as f64 / started.elapsed().as_secs_f64().max(1e-3),
            total.events_new,
            total.clusters_new,
            total.docs_skipped + seen_before
        ));
    }
    pb.finish_and_clear();
    store.add_run_totals(&run, seen_before, errors)?;
    store.finish_run(&run)?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    if !args.quiet {
        let counts = store.counts()?;
        let processed = total.docs_new + total.docs_skipped + seen_before;
        eprintln!(
            "dyad: {} new document(s), {} skipped (already stored{}), {} event(s) in {} new cluster(s){}; \
             {:.0} docs/s, {:.0} events/s",
            total.docs_new,
            total.docs_skipped + seen_before,
            if total.docs_changed > 0 {
                format!(", {} of them with a different text: kept the stored one", total.docs_changed)
            } else {
                String::new()
            },
            total.events_new,
            total.clusters_new,
            if errors > 0 {
                format!("; {errors} input error(s) reported above")
            } else {
                String::new()
            },
            processed as f64 / secs,
            total.events_new as f64 / secs,
        );
        eprintln!(
            "dyad: {} now holds {} document(s), {} event(s), {} cluster(s)",
            args.db.display(),
            counts.documents,
            counts.events,
            counts.clusters
        );
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs `dyad recode`.
pub fn run_recode(args: RecodeArgs) -> Result<ExitCode> {
    set_threads(args.threads);
    if !args.db.is_file() {
        bail!(
            "no event store at {}: create one with `dyad ingest PATHS --db {}`",
            args.db.display(),
            args.db.display()
        );
    }
    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    super::load_legacy(&mut kb, &args.legacy)?;
    let mut store = Store::open(&args.db, OpenMode::Create)
        .with_context(|| format!("cannot open the event store {}", args.db.display()))?;
    let run = store.begin_run(RunKind::Recode, &kb.version(), &[])?;
    let window_changed = match args.dedup_window {
        Some(w) if w != store.dedup_window_days() => {
            store.set_dedup_window(w)?;
            true
        }
        _ => false,
    };
    let batch_size = args.batch as usize;
    let first = store.documents_to_recode(&run, args.all, 0, 1)?;
    if first.is_empty() && !window_changed && !store.is_stale()? {
        store.finish_run(&run)?;
        if !args.quiet {
            eprintln!(
                "dyad: nothing to recode: every document was coded by knowledge base {} and dyad {} \
                 (use --all to recode anyway)",
                run.kb_version, run.dyad_version
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    store.begin_recode()?;
    let started = Instant::now();
    let pb = progress(args.quiet, "docs recoded");
    let (mut docs_n, mut events_n, mut after) = (0u64, 0u64, 0i64);
    loop {
        let rows = store.documents_to_recode(&run, args.all, after, batch_size)?;
        let Some(last) = rows.last().map(|r| r.0) else {
            break;
        };
        after = last;
        let docs: Vec<Document> = rows.into_iter().map(|r| r.1).collect();
        let n = docs.len() as u64;
        let coded = code_all(docs, &kb);
        events_n += store.replace_events(&run, &coded)?;
        docs_n += n;
        pb.inc(n);
        pb.set_message(format!(
            "({:.0} docs/s) {events_n} events",
            docs_n as f64 / started.elapsed().as_secs_f64().max(1e-3)
        ));
    }
    pb.set_message("rebuilding clusters");
    let clusters = store.rebuild_clusters()?;
    pb.finish_and_clear();
    store.finish_run(&run)?;
    if !args.quiet {
        eprintln!(
            "dyad: recoded {docs_n} document(s) into {events_n} event(s), {clusters} cluster(s) \
             (window ±{} day(s)) in {:.1} s; knowledge base {}, dyad {}",
            store.dedup_window_days(),
            started.elapsed().as_secs_f64(),
            run.kb_version,
            run.dyad_version
        );
    }
    Ok(ExitCode::SUCCESS)
}

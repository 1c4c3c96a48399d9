//! `dyad bench`: throughput of the coder on a corpus.
//!
//! Reads the whole corpus first (reading is not timed), then codes every
//! document once on the worker threads. Nothing is cached between documents
//! or runs: each document goes through the full pipeline.

use anyhow::{bail, Result};
use clap::Args;
use dyad_core::{code_document, Document};
use dyad_ingest::{read_inputs, ReadOptions};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `dyad bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Corpus files or directories (any input `dyad code` reads; JSONL is typical).
    #[arg(required = true)]
    corpus: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Directory of extra knowledge-base files.
    #[arg(long)]
    kb_dir: Option<PathBuf>,
    /// Dictionaries: `default` (the embedded knowledge base) or `phoenix`
    /// (plus the legacy Phoenix dictionaries of --dict-dir, by default
    /// ../shared/legacy/phoenix).
    #[arg(long, value_parser = ["default", "phoenix"], default_value = "default")]
    dicts: String,
    #[command(flatten)]
    legacy: super::LegacyArgs,
    /// Code the corpus this many times (the figures are for all passes).
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Peak resident set size of this process in bytes (Linux), if known.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `dyad bench`.
pub fn run(args: BenchArgs) -> Result<ExitCode> {
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;

    let t0 = Instant::now();
    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    let mut legacy = args.legacy.clone();
    if args.dicts == "phoenix" && legacy.dict_dir.is_none() {
        legacy.dict_dir = Some(PathBuf::from("../shared/legacy/phoenix"));
    }
    super::load_legacy(&mut kb, &legacy)?;
    let kb_load = t0.elapsed();
    // The tagger initialises on a background thread during the load; the
    // first sentence waits for it. Time until coding can start:
    let _ = kb.tag("ready");
    let ready = t0.elapsed();

    let mut docs: Vec<Document> = Vec::new();
    let mut errors = 0usize;
    for item in read_inputs(&args.corpus, &ReadOptions::default()) {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
    }
    if docs.is_empty() {
        bail!("no documents to code in the corpus");
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>() * args.repeat;

    let t1 = Instant::now();
    let (sentences, events) = pool.install(|| {
        (0..args.repeat)
            .map(|_| {
                docs.par_iter()
                    .map(|d| {
                        let c = code_document(d, &kb);
                        (c.sentences, c.events.len())
                    })
                    .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
            })
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let wall = t1.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    let sps = sentences as f64 / wall;
    let mbps = mb / wall;
    let rss = peak_rss_bytes();
    if args.json {
        let v = serde_json::json!({
            "documents": docs.len() * args.repeat, "sentences": sentences, "mb": mb, "wall_seconds": wall,
            "threads": threads, "sentences_per_second": sps, "sentences_per_second_per_core": sps / threads as f64,
            "mb_per_second": mbps, "mb_per_second_per_core": mbps / threads as f64, "events": events,
            "peak_rss_bytes": rss, "kb_load_ms": kb_load.as_secs_f64() * 1000.0,
            "ready_ms": ready.as_secs_f64() * 1000.0, "input_errors": errors,
        });
        println!("{v}");
    } else {
        println!("documents            {}", docs.len() * args.repeat);
        println!("sentences            {sentences}");
        println!("text                 {mb:.2} MB");
        println!("threads              {threads}");
        println!("wall time            {wall:.3} s");
        println!(
            "sentences/s          {sps:.0}  ({:.0} per core)",
            sps / threads as f64
        );
        println!(
            "MB/s                 {mbps:.2}  ({:.2} per core)",
            mbps / threads as f64
        );
        println!("events               {events}");
        match rss {
            Some(r) => println!("peak RSS             {:.1} MB", r as f64 / 1e6),
            None => println!("peak RSS             unknown"),
        }
        println!(
            "KB load time         {:.1} ms",
            kb_load.as_secs_f64() * 1000.0
        );
        println!(
            "ready to code        {:.1} ms  (KB load + tagger, which starts in parallel)",
            ready.as_secs_f64() * 1000.0
        );
        if errors > 0 {
            println!("input errors         {errors}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

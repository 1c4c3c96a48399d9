//! `dyad`: political event data from news text.
//!
//! A thin command-line adapter around [`dyad_core::code`]: it reads inputs
//! with `dyad-ingest`, codes documents in parallel, and writes events.
//! Events go to stdout; diagnostics, errors and summaries go to stderr.

mod commands;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// dyad — who did what to whom, when: political event data from news text.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Code news articles into CAMEO events (JSONL on stdout by default).
    Code(commands::code::CodeArgs),
    /// Measure coding throughput on a corpus.
    Bench(commands::bench::BenchArgs),
    /// Measure accuracy against a gold-standard set.
    Eval(commands::eval::EvalArgs),
    /// Inspect the knowledge base.
    Kb(commands::kb::KbArgs),
    /// Code articles into an event store (SQLite), skipping stored ones.
    Ingest(commands::ingest::IngestArgs),
    /// Re-code a store's documents with the current knowledge base and coder.
    Recode(commands::ingest::RecodeArgs),
    /// Select events from a store.
    Query(commands::query::QueryArgs),
    /// Export events: JSONL, CSV, Parquet, GDELT, ICEWS, Phoenix, POLECAT.
    Export(commands::query::ExportArgs),
    /// A dyad's event series by day, week or month, with charts.
    Trend(commands::trend::TrendArgs),
    /// Dyads whose material conflict rose against their own baseline.
    Escalation(commands::trend::EscalationArgs),
    /// Counts of a store, and a consistency check.
    Stats(commands::query::StatsArgs),
    /// Serve the HTTP API and the dashboard.
    Serve(commands::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => commands::code::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Kb(args) => commands::kb::run(args),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Recode(args) => commands::ingest::run_recode(args),
        Command::Query(args) => commands::query::run(args),
        Command::Export(args) => commands::query::run_export(args),
        Command::Trend(args) => commands::trend::run(args),
        Command::Escalation(args) => commands::trend::run_escalation(args),
        Command::Stats(args) => commands::query::run_stats(args),
        Command::Serve(args) => commands::serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

//! `dyad query`, `dyad export` and `dyad stats`: read an event store.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dyad_store::export::{self, flat, EventSink, ExportOptions, Format};
use dyad_store::{Dedup, Filter, OpenMode, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Which events: the filters shared by `query` and `export`.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Source actor: a country code (AZE) or an actor code prefix (AZEGOV).
    #[arg(long)]
    source: Option<String>,
    /// Target actor: a country code or an actor code prefix.
    #[arg(long)]
    target: Option<String>,
    /// Both actors, either direction: A,B.
    #[arg(long, value_delimiter = ',', num_args = 1, value_name = "A,B")]
    dyad: Vec<String>,
    /// CAMEO code prefix (19 matches 19x and 19xx).
    #[arg(long)]
    cameo: Option<String>,
    /// CAMEO roots, comma-separated (18,19,20).
    #[arg(long, value_delimiter = ',')]
    root: Vec<String>,
    /// Quad classes, comma-separated (1 verbal coop … 4 material conflict).
    #[arg(long, value_delimiter = ',')]
    quad: Vec<u8>,
    /// First event date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = super::parse_date_arg)]
    from: Option<jiff::civil::Date>,
    /// Last event date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = super::parse_date_arg)]
    to: Option<jiff::civil::Date>,
    /// ISO 3166 alpha-3 code of the event's location.
    #[arg(long, value_name = "ISO3")]
    country_in: Option<String>,
    /// At most N events.
    #[arg(long)]
    limit: Option<u64>,
    /// Duplicates: one record per event cluster, the one-a-day filter
    /// (source, target, code, date), or every stored event.
    #[arg(long, value_enum, default_value_t = DedupArg::Clusters)]
    dedup: DedupArg,
}

/// `--dedup` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DedupArg {
    /// One record per event cluster (same dyad, root, ±window days, place).
    Clusters,
    /// One record per source, target, CAMEO code and date.
    OneADay,
    /// Every stored event.
    None,
}

impl FilterArgs {
    fn filter(&self) -> Result<Filter> {
        let dyad = match self.dyad.as_slice() {
            [] => None,
            [a, b] => Some((a.clone(), b.clone())),
            _ => anyhow::bail!("--dyad: expected two codes separated by a comma, such as AZE,ARM"),
        };
        Ok(Filter {
            source: self.source.clone(),
            target: self.target.clone(),
            dyad,
            cameo: self.cameo.clone(),
            roots: self.root.clone(),
            quads: self.quad.clone(),
            from: self.from,
            to: self.to,
            location_country: self.country_in.clone(),
            after: None,
            limit: self.limit,
        }
        .validated()?)
    }

    fn dedup(&self) -> Dedup {
        match self.dedup {
            DedupArg::Clusters => Dedup::Clusters,
            DedupArg::OneADay => Dedup::OneADay,
            DedupArg::None => Dedup::None,
        }
    }
}

/// Output formats of `dyad query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// One JSON event record per line, with the store's fields.
    Jsonl,
    /// Comma-separated flat columns with a header.
    Csv,
    /// Tab-separated flat columns with a header.
    Tsv,
    /// An aligned table for reading.
    Table,
}

/// Arguments of `dyad query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The event store.
    #[arg(long)]
    db: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Jsonl)]
    format: QueryFormat,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Event records with the store's fields, one JSON object per line.
    Jsonl,
    /// Flat columns, comma-separated, with a header.
    Csv,
    /// Flat columns, tab-separated, with a header.
    Tsv,
    /// Typed columns, Snappy-compressed Parquet.
    Parquet,
    /// GDELT 2.0 event table (61 columns, tab-separated, no header).
    Gdelt,
    /// ICEWS coded event data (20 columns, tab-separated, header).
    Icews,
    /// Phoenix daily event file (26 columns, tab-separated, no header).
    Phoenix,
    /// POLECAT weekly file (40 columns, tab-separated, header).
    Polecat,
}

/// Arguments of `dyad export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The event store.
    #[arg(long)]
    db: PathBuf,
    /// Output layout.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file (`-` for stdout, except Parquet).
    out: PathBuf,
    /// Write a header line for GDELT and Phoenix, which have none.
    #[arg(long)]
    header: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

/// Arguments of `dyad stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The event store.
    #[arg(long)]
    db: PathBuf,
    /// Verify every invariant of the store (scans it all); exit 1 on a violation.
    #[arg(long)]
    check: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Opens a store read-only.
pub fn open_store(db: &Path) -> Result<Store> {
    Ok(Store::open(db, OpenMode::ReadOnly)?)
}

/// Runs `dyad query`.
pub fn run(args: QueryArgs) -> Result<ExitCode> {
    let store = open_store(&args.db)?;
    let filter = args.filter.filter()?;
    let out: Box<dyn Write + Send> = Box::new(std::io::BufWriter::new(std::io::stdout()));
    let mut sink: Box<dyn EventSink> = match args.format {
        QueryFormat::Jsonl => Box::new(flat::JsonlSink::new(out)),
        QueryFormat::Csv => Box::new(flat::FlatSink::new(out, b',')),
        QueryFormat::Tsv => Box::new(flat::FlatSink::new(out, b'\t')),
        QueryFormat::Table => Box::new(flat::TableSink::new(out)),
    };
    let n = store.for_each_event(&filter, args.filter.dedup(), |e| {
        sink.write(e, &store)?;
        Ok(())
    })?;
    sink.finish()?;
    eprintln!("dyad: {n} event(s)");
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad export`.
pub fn run_export(args: ExportArgs) -> Result<ExitCode> {
    let store = open_store(&args.db)?;
    let filter = args.filter.filter()?;
    let kb = dyad_core::KnowledgeBase::embedded();
    let format = match args.format {
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Tsv => Format::Tsv,
        ExportFormat::Parquet => Format::Parquet,
        ExportFormat::Gdelt => Format::Gdelt,
        ExportFormat::Icews => Format::Icews,
        ExportFormat::Phoenix => Format::Phoenix,
        ExportFormat::Polecat => Format::Polecat,
    };
    let opts = ExportOptions {
        header: args.header,
        ..Default::default()
    };
    let summary = export::export(
        &store,
        &filter,
        args.filter.dedup(),
        format,
        &args.out,
        &kb,
        &opts,
    )
    .with_context(|| format!("export to {} failed", args.out.display()))?;
    eprintln!(
        "dyad: exported {} row(s) to {}{}",
        summary.rows,
        args.out.display(),
        if summary.skipped > 0 {
            format!(
                "; left out {} event(s) the layout cannot hold (no PLOVER type: CAMEO roots 01-02)",
                summary.skipped
            )
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad stats`.
pub fn run_stats(args: StatsArgs) -> Result<ExitCode> {
    let store = open_store(&args.db)?;
    let counts = store.counts()?;
    let problems = if args.check {
        store.check()?
    } else {
        Vec::new()
    };
    if args.json {
        let v = serde_json::json!({
            "db": args.db.display().to_string(),
            "counts": counts,
            "dedup_window_days": store.dedup_window_days(),
            "checked": args.check,
            "problems": problems,
        });
        println!("{v}");
    } else {
        println!("store           {}", args.db.display());
        println!("documents       {}", counts.documents);
        println!("events          {}", counts.events);
        println!(
            "clusters        {} (window ±{} day(s))",
            counts.clusters,
            store.dedup_window_days()
        );
        println!("dyad-day rows   {}", counts.dyad_days);
        println!(
            "runs            {} ({} unfinished)",
            counts.runs, counts.unfinished_runs
        );
        if args.check {
            if problems.is_empty() {
                println!("check           ok");
            } else {
                for p in &problems {
                    println!("check           FAILED: {p}");
                }
            }
        }
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

//! `dyad trend` and `dyad escalation`: series and alerts from the store's
//! dyad × day aggregate.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use dyad_store::escalation::EscalationParams;
use dyad_store::trend::{Count, Period, TrendQuery, TrendRow};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `--by` / `--window` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday–Sunday).
    Week,
    /// Calendar months.
    Month,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Period {
        match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
        }
    }
}

/// `--count` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountArg {
    /// Event clusters (deduplicated events).
    Clusters,
    /// Every stored event.
    Events,
}

impl CountArg {
    fn count(self) -> Count {
        match self {
            CountArg::Clusters => Count::Clusters,
            CountArg::Events => Count::Events,
        }
    }

    fn label(self) -> &'static str {
        match self {
            CountArg::Clusters => "event clusters",
            CountArg::Events => "events",
        }
    }
}

/// Output formats of `trend` and `escalation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeriesFormat {
    /// An aligned table.
    Table,
    /// Comma-separated with a header.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Arguments of `dyad trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The event store.
    #[arg(long)]
    db: PathBuf,
    /// The dyad, both directions: two country codes (or codes of actors
    /// without a country, such as IGOUNO), A,B.
    #[arg(
        long,
        value_delimiter = ',',
        num_args = 1,
        required = true,
        value_name = "A,B"
    )]
    dyad: Vec<String>,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    by: PeriodArg,
    /// First day (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date_arg)]
    from: Option<jiff::civil::Date>,
    /// Last day (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date_arg)]
    to: Option<jiff::civil::Date>,
    /// Count event clusters (deduplicated) or every stored event.
    #[arg(long, value_enum, default_value_t = CountArg::Clusters)]
    count: CountArg,
    /// Write the chart as PNG.
    #[arg(long)]
    png: Option<PathBuf>,
    /// Write the chart as SVG.
    #[arg(long)]
    svg: Option<PathBuf>,
    /// Chart title (default: the dyad, `A – B`).
    #[arg(long)]
    title: Option<String>,
    /// Output format of the series.
    #[arg(long, value_enum, default_value_t = SeriesFormat::Table)]
    format: SeriesFormat,
}

/// Arguments of `dyad escalation`.
#[derive(Debug, Args)]
pub struct EscalationArgs {
    /// The event store.
    #[arg(long)]
    db: PathBuf,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    window: PeriodArg,
    /// Baseline periods before the latest one.
    #[arg(long, default_value_t = 8)]
    baseline: usize,
    /// z-score threshold.
    #[arg(long, default_value_t = 2.0)]
    z: f64,
    /// Minimum material-conflict count in the latest period.
    #[arg(long, default_value_t = 3)]
    min_count: u64,
    /// Floor on the baseline standard deviation.
    #[arg(long, default_value_t = 1.0)]
    min_sd: f64,
    /// Test the period containing this date (default: the latest date stored).
    #[arg(long, value_parser = super::parse_date_arg)]
    as_of: Option<jiff::civil::Date>,
    /// Evidence events shown per alert.
    #[arg(long, default_value_t = 5)]
    evidence: usize,
    /// Count event clusters (deduplicated) or every stored event.
    #[arg(long, value_enum, default_value_t = CountArg::Clusters)]
    count: CountArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SeriesFormat::Table)]
    format: SeriesFormat,
}

/// Runs `dyad trend`.
pub fn run(args: TrendArgs) -> Result<ExitCode> {
    let [a, b] = args.dyad.as_slice() else {
        bail!("--dyad: expected two codes separated by a comma, such as AZE,ARM");
    };
    let store = super::query::open_store(&args.db)?;
    let q = TrendQuery {
        a: a.clone(),
        b: b.clone(),
        period: args.by.into(),
        from: args.from,
        to: args.to,
        count: args.count.count(),
    };
    let rows = store.trend(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_series(&mut out, &rows, args.format)?;
    out.flush()?;
    if rows.is_empty() {
        eprintln!(
            "dyad: no events between {} and {} in {}",
            q.a.to_uppercase(),
            q.b.to_uppercase(),
            args.db.display()
        );
    }
    if args.png.is_some() || args.svg.is_some() {
        draw(&args, &q, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn draw(args: &TrendArgs, q: &TrendQuery, rows: &[TrendRow]) -> Result<()> {
    let chart = dyad_store::plot::Chart {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| format!("{} – {}", q.a.to_uppercase(), q.b.to_uppercase())),
        rows,
        period: q.period,
        counted: args.count.label(),
    };
    if let Some(p) = &args.png {
        dyad_store::plot::png(p, &chart).with_context(|| format!("cannot draw {}", p.display()))?;
        eprintln!("dyad: wrote {}", p.display());
    }
    if let Some(p) = &args.svg {
        dyad_store::plot::svg(p, &chart).with_context(|| format!("cannot draw {}", p.display()))?;
        eprintln!("dyad: wrote {}", p.display());
    }
    Ok(())
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:.digits$}")).unwrap_or_default()
}

fn write_series(out: &mut impl Write, rows: &[TrendRow], format: SeriesFormat) -> Result<()> {
    match format {
        SeriesFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
        }
        SeriesFormat::Csv => {
            writeln!(
                out,
                "period,verbal_coop,material_coop,verbal_conflict,material_conflict,total,\
                 goldstein_sum,goldstein_mean,balance"
            )?;
            for r in rows {
                let q = r.quads();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{:.2},{},{}",
                    r.period,
                    q[0],
                    q[1],
                    q[2],
                    q[3],
                    r.total,
                    r.goldstein_sum,
                    opt(r.goldstein_mean, 3),
                    opt(r.balance, 3)
                )?;
            }
        }
        SeriesFormat::Table => {
            writeln!(
                out,
                "{:<10}  {:>6} {:>6} {:>6} {:>6}  {:>6}  {:>9} {:>7}  {:>7}",
                "period",
                "v.coop",
                "m.coop",
                "v.conf",
                "m.conf",
                "total",
                "gold.sum",
                "mean",
                "balance"
            )?;
            for r in rows {
                let q = r.quads();
                writeln!(
                    out,
                    "{:<10}  {:>6} {:>6} {:>6} {:>6}  {:>6}  {:>9.1} {:>7}  {:>7}",
                    r.period,
                    q[0],
                    q[1],
                    q[2],
                    q[3],
                    r.total,
                    r.goldstein_sum,
                    opt(r.goldstein_mean, 2),
                    opt(r.balance, 2)
                )?;
            }
        }
    }
    Ok(())
}

/// Runs `dyad escalation`.
pub fn run_escalation(args: EscalationArgs) -> Result<ExitCode> {
    let store = super::query::open_store(&args.db)?;
    let p = EscalationParams {
        period: args.window.into(),
        baseline: args.baseline,
        z_threshold: args.z,
        min_count: args.min_count,
        min_sd: args.min_sd,
        as_of: args.as_of,
        count: args.count.count(),
        evidence: args.evidence,
    };
    let alerts = store.escalation(&p)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SeriesFormat::Jsonl => {
            for a in &alerts {
                serde_json::to_writer(&mut out, a)?;
                out.write_all(b"\n")?;
            }
        }
        SeriesFormat::Csv => {
            writeln!(
                out,
                "dyad_a,dyad_b,period,count,baseline_mean,baseline_sd,z,baseline"
            )?;
            for a in &alerts {
                let base: Vec<String> = a.baseline.iter().map(u64::to_string).collect();
                writeln!(
                    out,
                    "{},{},{},{},{:.3},{:.3},{:.3},{}",
                    a.dyad[0],
                    a.dyad[1],
                    a.period,
                    a.count,
                    a.mean,
                    a.sd,
                    a.z,
                    base.join(" ")
                )?;
            }
        }
        SeriesFormat::Table => {
            for a in &alerts {
                let base: Vec<String> = a.baseline.iter().map(u64::to_string).collect();
                writeln!(
                    out,
                    "{} – {}  {} {}: {} material-conflict {} (baseline {} = mean {:.2}, sd {:.2}), z = {:.2}",
                    a.dyad[0],
                    a.dyad[1],
                    p.period.name(),
                    a.period,
                    a.count,
                    args.count.label(),
                    base.join(" "),
                    a.mean,
                    a.sd,
                    a.z
                )?;
                for e in &a.evidence {
                    let ev = &e.event;
                    writeln!(
                        out,
                        "    {} {} → {} {} ({}), {} mention(s): {}  [{}]",
                        ev.date.map(|d| d.to_string()).unwrap_or_default(),
                        ev.source.code,
                        ev.target.as_ref().map_or("-", |t| t.code.as_str()),
                        ev.cameo,
                        ev.evidence.trigger,
                        e.num_mentions,
                        ev.evidence.sentence_text.replace(['\n', '\r'], " "),
                        ev.doc_id
                    )?;
                }
            }
        }
    }
    out.flush()?;
    eprintln!(
        "dyad: {} alert(s) (z ≥ {}, count ≥ {}, baseline {} {}s)",
        alerts.len(),
        p.z_threshold,
        p.min_count,
        p.baseline,
        p.period.name()
    );
    Ok(ExitCode::SUCCESS)
}

//! `dyad eval`: accuracy against a gold-standard set (scoring in `dyad-eval`).

use anyhow::{Context, Result};
use clap::Args;
use dyad_core::time::Tense;
use dyad_eval::gold::TimexContext;
use dyad_eval::location::CoderLocator;
use dyad_eval::{evaluate, read_file, Evaluator, Floors, Format};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dyad eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (JSONL, or TSV for TimeBank).
    #[arg(long, value_name = "FILE", required_unless_present = "petrarch_suite")]
    gold: Option<PathBuf>,
    /// Run the PETRARCH unit-test suite (PETR.UnitTest.records.xml) with its
    /// own dictionaries (from --dict-dir, by default the suite's folder):
    /// pass/fail per record and per category.
    #[arg(long, value_name = "FILE", conflicts_with = "gold")]
    petrarch_suite: Option<PathBuf>,
    /// Score only events whose calibrated confidence is at least this
    /// (the default is `dyad code`'s; 0 scores every event).
    #[arg(long, default_value_t = dyad_core::coder::confidence::DEFAULT_MIN_CONFIDENCE)]
    min_confidence: f32,
    /// Gold format: auto (from the file name and fields), native, plover-gsr,
    /// cameo-manual, petr-gsr, petr-unittests, zsp-plv, conflibert, timebank,
    /// event-location, geoparsing (LGL / GeoWebNews XML).
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    format: FormatArg,
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
    /// List this many mistakes (sentence, expected, coded) for error analysis.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Directory of extra knowledge-base files in the formats of data/.
    #[arg(long, value_name = "DIR")]
    kb_dir: Option<PathBuf>,
    // Legacy dictionaries (--dict-dir; the PETRARCH unit tests need
    // ../shared/legacy/petrarch-validate).
    #[command(flatten)]
    legacy: super::LegacyArgs,
    /// JSON file of metric floors per set; exit 1 when a metric falls below.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
}

/// `--format`: a gold format, or auto-detection.
#[derive(Debug, Clone, Copy)]
pub struct FormatArg(Option<Format>);

fn parse_format(s: &str) -> Result<FormatArg, String> {
    if s == "auto" {
        return Ok(FormatArg(None));
    }
    Format::from_name(s)
        .map(|f| FormatArg(Some(f)))
        .ok_or_else(|| {
            format!(
                "unknown gold format {s:?}; expected auto, {}",
                Format::ALL.map(Format::name).join(", ")
            )
        })
}

/// Runs `dyad eval`: exit 0 when scored (and every floor holds), 1 when a
/// floor is violated, 2 (through the error) for unreadable input.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let floors = match &args.floors {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read floors file {}", path.display()))?;
            let floors =
                Floors::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            Some((path, floors))
        }
        None => None,
    };
    if let Some(suite) = &args.petrarch_suite {
        return run_petrarch_suite(suite, args.legacy.dict_dir.as_deref(), args.json);
    }
    let gold_path = args.gold.clone().context("--gold FILE is required")?;
    let gold = read_file(&gold_path, args.format.0)?;

    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    if let Some(report) = super::load_legacy(&mut kb, &args.legacy)? {
        eprintln!(
            "dyad eval: legacy dictionaries: {} file(s), {} actors, {} agents, {} patterns",
            report.files.len(),
            report.actors,
            report.agents,
            report.dyad_patterns
        );
    }

    let min_confidence = args.min_confidence;
    let coder =
        |doc: &dyad_core::Document| dyad_core::code_document_with(doc, &kb, min_confidence).events;
    let normalize = |text: &str, anchor: jiff::civil::Date, context: Option<&TimexContext>| {
        let Some(c) = context else {
            return dyad_core::time::normalize(text, anchor);
        };
        let tagged = kb.tag(&c.sentence);
        // The tokens of the expression (as written in the gold table).
        let end = c.start + text.len();
        let first = tagged.iter().position(|t| t.token.end > c.start);
        let last = tagged.iter().rposition(|t| t.token.start < end);
        let expr = match (first, last) {
            (Some(a), Some(b)) if a <= b => a..b + 1,
            _ => 0..0,
        };
        // Only a future clause moves a bare date forward. A past one is read
        // as present: reported speech puts a coming date under a past verb
        // ("said it would decide by Nov. 22"), and a weekday looks back anyway.
        let tense = match dyad_core::text::tense::tense_at(&tagged, expr) {
            Tense::Future => Tense::Future,
            Tense::Past | Tense::Present => Tense::Present,
        };
        dyad_core::time::normalize_with_tense(text, anchor, tense).map(|t| t.value)
    };
    let places = CoderLocator::new(&kb);
    let locate = |text: &str, verb: &str| places.locate(text, verb);
    let find = |text: &str| places.places(text);
    let started = std::time::Instant::now();
    let mut report = evaluate(
        &gold,
        &Evaluator {
            coder: &coder,
            normalizer: Some(&normalize),
            locator: Some(&locate),
            placer: Some(&find),
        },
    );
    report.file = gold_path.display().to_string();
    let elapsed = started.elapsed();

    let mut failures = Vec::new();
    if let Some((path, floors)) = &floors {
        if floors.has_set(&report.set) {
            failures = floors.check(&report);
        } else {
            failures.push(format!(
                "{}: no floors for this set in {}",
                report.set,
                path.display()
            ));
        }
    }
    if args.json {
        let mut json = report.to_json(args.errors);
        if floors.is_some() {
            json["floor_failures"] = serde_json::json!(failures);
        }
        println!("{json}");
    } else {
        print!("{}", report.to_text(args.errors));
    }
    eprintln!(
        "dyad eval: {} scored in {:.1} s",
        report.set,
        elapsed.as_secs_f64()
    );
    for f in &failures {
        eprintln!("floor violated: {f}");
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `dyad eval --petrarch-suite FILE`: the PETRARCH unit tests (see
/// `dyad_eval::petrarch`). Exit 0 when the suite ran.
fn run_petrarch_suite(
    suite: &std::path::Path,
    dict_dir: Option<&std::path::Path>,
    json: bool,
) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let report =
        dyad_eval::petrarch::run_suite_file(suite, dict_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    for w in &report.load.warnings {
        eprintln!("warning: {w}");
    }
    let tally = report.tally();
    if json {
        let records: Vec<serde_json::Value> = report
            .results
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "category": r.category, "included": r.included,
                    "passed": r.passed, "expected": r.expected, "coded": r.coded, "notes": r.notes,
                })
            })
            .collect();
        let categories: serde_json::Map<String, serde_json::Value> = report
            .by_category()
            .into_iter()
            .map(|(c, t)| (c, serde_json::json!({"passed": t.passed, "total": t.total})))
            .collect();
        println!(
            "{}",
            serde_json::json!({
                "suite": suite.display().to_string(), "passed": tally.passed, "total": tally.total,
                "pass_rate": report.pass_rate(), "categories": categories, "records": records,
            })
        );
    } else {
        println!("{report}");
    }
    eprintln!(
        "dyad eval: PETRARCH unit tests: {}/{} passed ({:.1}%) in {:.1} s; dictionaries loaded in {:.1} ms",
        tally.passed,
        tally.total,
        100.0 * report.pass_rate(),
        started.elapsed().as_secs_f64(),
        report.load.elapsed.as_secs_f64() * 1e3
    );
    Ok(ExitCode::SUCCESS)
}

//! `dyad kb`: knowledge-base statistics.

use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dyad kb`.
#[derive(Debug, Args)]
pub struct KbArgs {
    #[command(subcommand)]
    action: KbAction,
    /// Directory of extra knowledge-base files to load on top of the embedded one.
    #[arg(long, global = true)]
    kb_dir: Option<PathBuf>,
    #[command(flatten)]
    legacy: super::LegacyArgs,
}

#[derive(Debug, Subcommand)]
enum KbAction {
    /// Print counts of entries per category.
    Stats,
}

/// Runs `dyad kb`.
pub fn run(args: KbArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    let legacy = super::load_legacy(&mut kb, &args.legacy)?;
    let elapsed = started.elapsed();
    match args.action {
        KbAction::Stats => {
            let s = kb.stats();
            println!("countries and territories  {}", s.countries);
            println!("country/capital phrases    {}", s.country_phrases);
            println!("sector agent phrases       {}", s.agent_phrases);
            println!("organisation phrases       {}", s.org_phrases);
            println!("person name phrases        {}", s.person_phrases);
            println!("event patterns             {}", s.patterns);
            println!("CAMEO event codes          {}", s.cameo_codes);
            println!(
                "load time                  {:.1} ms",
                elapsed.as_secs_f64() * 1000.0
            );
            if let Some(r) = &legacy {
                println!("legacy dictionaries:");
                println!("{r}");
            }
        }
    }
    let legacy_warnings = legacy.as_ref().is_some_and(|r| !r.warnings.is_empty());
    Ok(if kb.warnings().is_empty() && !legacy_warnings {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

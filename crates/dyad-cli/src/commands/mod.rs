//! One module per subcommand.

pub mod bench;
pub mod code;
pub mod eval;
pub mod ingest;
pub mod kb;
pub mod query;
pub mod serve;
pub mod trend;

use anyhow::{Context, Result};
use dyad_core::KnowledgeBase;
use std::path::{Path, PathBuf};

/// Loads the embedded knowledge base plus every file of a user directory.
pub fn load_kb(kb_dir: Option<&Path>) -> Result<KnowledgeBase> {
    let mut kb = KnowledgeBase::embedded();
    if let Some(dir) = kb_dir {
        let (files, errors) = dyad_core::kb::parse_dir(dir)
            .with_context(|| format!("cannot read knowledge-base directory {}", dir.display()))?;
        if let Some(e) = errors.iter().find(|e| e.line == 0) {
            anyhow::bail!("{e}");
        }
        for e in &errors {
            eprintln!("warning: {e}");
        }
        for f in &files {
            kb.add_parsed(f);
        }
    }
    for w in kb.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(kb)
}

/// Legacy TABARI/PETRARCH dictionaries to load on top of the knowledge base.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LegacyArgs {
    /// Directory of legacy TABARI/PETRARCH-1 dictionaries to load on top of
    /// the knowledge base (files named *actors*, *agents*, *verbs* or
    /// *verbpatterns*, *discards*; PETRARCH-2 CAMEO.2.0.txt is skipped).
    #[arg(long, value_name = "DIR", global = true)]
    pub dict_dir: Option<PathBuf>,
    /// Legacy actor dictionaries (`PHRASE [CODE]`, `+SYNONYM`, dated codes)
    /// to load on top of the knowledge base.
    #[arg(long, value_name = "FILE", num_args = 1.., global = true)]
    pub legacy_actors: Vec<PathBuf>,
}

impl LegacyArgs {
    /// True when no legacy dictionary is asked for.
    pub fn is_empty(&self) -> bool {
        self.dict_dir.is_none() && self.legacy_actors.is_empty()
    }
}

/// Loads the legacy dictionaries of `args` into `kb` and prints their
/// malformed lines as warnings; `None` when none were asked for.
pub fn load_legacy(
    kb: &mut KnowledgeBase,
    args: &LegacyArgs,
) -> Result<Option<dyad_core::kb::legacy::LegacyReport>> {
    use dyad_core::kb::legacy::{load_dir, load_file, LegacyKind, LegacyReport};
    if args.is_empty() {
        return Ok(None);
    }
    let started = std::time::Instant::now();
    let mut report = LegacyReport::default();
    if let Some(dir) = &args.dict_dir {
        report.merge(
            load_dir(kb, dir).with_context(|| {
                format!("cannot load legacy dictionaries from {}", dir.display())
            })?,
        );
    }
    for f in &args.legacy_actors {
        report.merge(load_file(kb, f, LegacyKind::Actors)?);
    }
    report.elapsed = started.elapsed();
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    Ok(Some(report))
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date_arg(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

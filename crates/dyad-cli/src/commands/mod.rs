//! One module per subcommand.

pub mod bench;
pub mod code;
pub mod kb;

use anyhow::{Context, Result};
use dyad_core::KnowledgeBase;
use std::path::{Path, PathBuf};

/// Loads the embedded knowledge base plus every file of a user directory.
pub fn load_kb(kb_dir: Option<&Path>) -> Result<KnowledgeBase> {
    let mut kb = KnowledgeBase::embedded();
    if let Some(dir) = kb_dir {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read knowledge-base directory {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            kb.add_file(&f)?;
        }
    }
    for w in kb.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(kb)
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date_arg(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

//! Parsers for the knowledge-base source files (schemas in `data/README.md`).
//!
//! All files are UTF-8 text, one entry per line, columns separated by tabs,
//! alternatives within a column by `|`, `#` starting a comment. A malformed
//! line is reported with its file and line number and skipped; it never stops
//! the load.

use super::matcher::MentionKind;
use super::{ActorCode, CameoCode, KnowledgeBase, Role};
use jiff::civil::Date;
use std::fmt;
use std::path::Path;

/// The kinds of knowledge-base source files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `iso3  names  adjectives  capitals`
    Countries,
    /// `phrases  sector`
    Agents,
    /// `names  code`
    Orgs,
    /// `names  code  start  end`
    People,
    /// `code  goldstein  name`
    CameoEvents,
    /// `code  pattern`, anchored on a verb
    Patterns,
    /// `code  pattern`, anchored on a noun
    NounPatterns,
}

impl SourceKind {
    /// Guesses the kind from a file name such as `people-extra.tsv`.
    pub fn from_file_name(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let kinds = [
            ("countries", SourceKind::Countries),
            ("agents", SourceKind::Agents),
            ("orgs", SourceKind::Orgs),
            ("people", SourceKind::People),
            ("cameo_events", SourceKind::CameoEvents),
            ("verbs", SourceKind::Patterns),
            ("nouns", SourceKind::NounPatterns),
            ("patterns", SourceKind::Patterns),
        ];
        kinds
            .iter()
            .find(|(prefix, _)| name.starts_with(prefix))
            .map(|&(_, k)| k)
    }
}

/// A problem in a knowledge-base file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbError {
    /// File name.
    pub file: String,
    /// 1-based line number (0 when the problem concerns the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for KbError {}

fn alternatives(col: &str) -> impl Iterator<Item = &str> {
    col.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn parse_date_col(col: &str) -> Result<Option<Date>, String> {
    let col = col.trim();
    if col.is_empty() {
        return Ok(None);
    }
    col.parse::<Date>()
        .map(Some)
        .map_err(|e| format!("bad date {col:?}: {e}"))
}

/// Adds one source file's entries; returns the malformed lines as warnings.
pub(super) fn add_source(
    kb: &mut KnowledgeBase,
    file: &str,
    kind: SourceKind,
    text: &str,
) -> Vec<KbError> {
    let mut warnings = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        // Trailing comments: a '#' preceded by whitespace.
        let line = match line.find(" #").or_else(|| line.find("\t#")) {
            Some(p) => line[..p].trim_end(),
            None => line,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if let Err(message) = add_line(kb, kind, &cols) {
            warnings.push(KbError {
                file: file.to_string(),
                line: idx + 1,
                message,
            });
        }
    }
    warnings
}

fn need<'a>(cols: &[&'a str], n: usize, what: &str) -> Result<Vec<&'a str>, String> {
    if cols.len() < n {
        return Err(format!(
            "expected {n} tab-separated columns ({what}), found {}",
            cols.len()
        ));
    }
    Ok(cols.to_vec())
}

fn add_line(kb: &mut KnowledgeBase, kind: SourceKind, cols: &[&str]) -> Result<(), String> {
    match kind {
        SourceKind::Countries => {
            let c = need(cols, 2, "iso3, names, adjectives, capitals")?;
            let iso3 = c[0].trim();
            if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("bad ISO 3166 alpha-3 code {iso3:?}"));
            }
            let mut names = alternatives(c[1]).peekable();
            let first = names.peek().copied().ok_or("no country name")?;
            kb.countries.insert(iso3.to_string(), first.to_string());
            for n in names {
                kb.lexicon
                    .add(&kb.tagger, n, MentionKind::Country { iso3: iso3.into() });
            }
            for a in c.get(2).into_iter().flat_map(|s| alternatives(s)) {
                kb.lexicon
                    .add(&kb.tagger, a, MentionKind::Demonym { iso3: iso3.into() });
            }
            for cap in c.get(3).into_iter().flat_map(|s| alternatives(s)) {
                kb.lexicon
                    .add(&kb.tagger, cap, MentionKind::Capital { iso3: iso3.into() });
            }
        }
        SourceKind::Agents => {
            let c = need(cols, 2, "phrases, sector")?;
            let sector = c[1].trim();
            if sector.len() != 3 || !sector.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("bad sector code {sector:?}"));
            }
            for p in alternatives(c[0]) {
                kb.lexicon.add_agent(&kb.tagger, p, sector);
            }
        }
        SourceKind::Orgs => {
            let c = need(cols, 2, "names, code")?;
            let code =
                ActorCode::parse(c[1]).ok_or_else(|| format!("bad actor code {:?}", c[1]))?;
            for n in alternatives(c[0]) {
                kb.lexicon
                    .add(&kb.tagger, n, MentionKind::Org { code: code.clone() });
            }
        }
        SourceKind::People => {
            let c = need(cols, 2, "names, code, start, end")?;
            let code =
                ActorCode::parse(c[1]).ok_or_else(|| format!("bad actor code {:?}", c[1]))?;
            let start = parse_date_col(c.get(2).copied().unwrap_or(""))?;
            let end = parse_date_col(c.get(3).copied().unwrap_or(""))?;
            if let (Some(s), Some(e)) = (start, end) {
                if e < s {
                    return Err(format!("role ends ({e}) before it starts ({s})"));
                }
            }
            let mut names = alternatives(c[0]).peekable();
            let canonical = names.peek().copied().ok_or("no name")?.to_string();
            let role = Role { code, start, end };
            for n in names {
                kb.lexicon.add_role(&kb.tagger, n, &canonical, role.clone());
            }
        }
        SourceKind::CameoEvents => {
            let c = need(cols, 3, "code, goldstein, name")?;
            let code = c[0].trim();
            if !(3..=4).contains(&code.len()) && code.len() != 2
                || !code.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(format!("bad CAMEO code {code:?}"));
            }
            let goldstein: f32 = c[1]
                .trim()
                .parse()
                .map_err(|_| format!("bad Goldstein value {:?}", c[1]))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(format!("Goldstein value {goldstein} outside -10..10"));
            }
            kb.cameo.insert(
                code.to_string(),
                CameoCode {
                    code: code.to_string(),
                    goldstein,
                    name: c[2].trim().to_string(),
                },
            );
        }
        SourceKind::Patterns | SourceKind::NounPatterns => {
            let c = need(cols, 2, "code, pattern")?;
            let code = c[0].trim();
            if !kb.cameo.is_empty() && !kb.cameo.contains_key(code) {
                return Err(format!("unknown CAMEO code {code:?}"));
            }
            let set = if kind == SourceKind::Patterns {
                &mut kb.patterns
            } else {
                &mut kb.noun_patterns
            };
            set.add(code, c[1].trim())?;
        }
    }
    Ok(())
}

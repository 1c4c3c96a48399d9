//! Legacy dictionaries: TABARI and PETRARCH-1 actors, agents, verb patterns
//! and discard lists, loaded into a [`KnowledgeBase`].
//!
//! The legacy files are plain text, one entry a line, words in CAPITALS joined
//! by spaces or underscores. Comments are `#` (anywhere on a line), the old
//! TABARI `;`, and `<!-- … -->` blocks (also over several lines). A malformed
//! line never stops a load: it is skipped and listed in
//! [`LegacyReport::warnings`] with its file and line.
//!
//! How the legacy entries map onto dyad's knowledge base:
//!
//! | legacy | dyad |
//! |---|---|
//! | actor with one undated code (`GONDOR [GON]`, `+MINAS_TIRITH`) | [`MentionKind::Org`](crate::kb::MentionKind::Org) |
//! | actor with date-restricted codes (`[HOBGOV 19950601-19990815]`) | [`MentionKind::Person`](crate::kb::MentionKind::Person) with dated [`Role`](super::Role)s |
//! | agent (`FOREIGN_MINISTER [~GOVFRM]`, `MSF {} [NGO~]`) | [`MentionKind::Agent`](crate::kb::MentionKind::Agent) (a prefix code is a sector ending in `~`, see [`ActorCode::from_parts`](crate::kb::ActorCode::from_parts)) |
//! | verb block, verb forms and `- pattern [CODE]` lines | [`Pattern`](super::Pattern)s with legacy elements |
//! | discard phrase (`BASEBALL`, `+TYPHOON`) | sentence (or, with `+`, story) discards |
//!
//! **Precedence.** Legacy dictionaries are loaded on top of whatever the
//! knowledge base holds: a legacy actor phrase wins over an equal dyad name
//! (as later knowledge-base entries do), and a legacy verb dictionary
//! replaces dyad's own patterns for every verb form it covers, so a verb is
//! coded by one dictionary, not two.
//!
//! **Case.** Legacy phrases are written in capitals but must match normal news
//! text. Actor names are matched like dyad's own names: the words are
//! title-cased (`PRINCE OF DOL AMROTH` → `Prince of Dol Amroth`, small
//! function words lowercase) and must be capitalised in the text; a
//! single-word name of at most three letters (`UN`, `IMF`, `WA`) is an acronym
//! and matches only in capitals, so "was", "us" or "ent" never become actors.
//! Agents, verb-pattern words, synsets and discards are matched regardless of
//! case, as TABARI and PETRARCH did.
//!
//! **Dates.** A date-restricted code applies on the restriction's days,
//! both ends included (`<d`: up to and including `d`; `>d`: from `d` on;
//! `d1-d2`: from `d1` to `d2`); restrictions are checked in file order and the
//! first that holds wins; otherwise the last undated code of the entry
//! applies; with none, the actor has no code on that day. Dates are
//! `YYYYMMDD`, or `YYMMDD` for strings of at most seven characters (`YY` ≤ 30
//! is 20YY). The restrictions are compiled into non-overlapping
//! [`Role`](super::Role)s (whose end is exclusive), so dyad's usual role
//! lookup on the publication date gives the legacy result.
//!
//! **Differences from the legacy coders**, by design: actor phrases match
//! consecutive words (PETRARCH-1 let a space skip words); an entry with
//! several codes (`[FRO/BIL/SAM]`) uses its first code (counted in
//! [`LegacyReport::multi_code_actors`]); verb-pattern words are matched as
//! whole words (TABARI stems are not expanded); regular verb forms are
//! generated with English spelling rules (`stopped`, `tried`) in addition to
//! PETRARCH's `S`/`ED`/`ING` forms. PETRARCH-2 verb dictionaries
//! (`CAMEO.2.0.txt`) have an incompatible syntax and are reported as skipped.

mod actors;
mod agents;
mod discards;
mod verbs;

pub use discards::{DiscardScope, Discards};

use super::{KbError, KnowledgeBase};
use crate::text::segment::tokenize;
use crate::text::tag::fold_quotes;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

/// The kinds of legacy dictionary files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegacyKind {
    /// `*.actors.txt`: `PHRASE [CODE]`, `+SYNONYM`, date-restricted codes.
    Actors,
    /// `*agents*`: `PHRASE {PLURAL} [~CODE]`, `!MARKER! = a, b`.
    Agents,
    /// `*verbs*`, `*verbpatterns*`: PETRARCH-1/TABARI verb blocks and patterns.
    Verbs,
    /// `*discards*`: phrases that discard a sentence (`+`: the whole story).
    Discards,
}

impl LegacyKind {
    /// Tells the kind from a file name; `Err` gives the reason a file is
    /// not loaded (unsupported syntax or not a dictionary).
    pub fn from_file_name(path: &Path) -> Result<Self, String> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name.starts_with('.') {
            return Err("hidden file".into());
        }
        if name.starts_with("cameo.2.") {
            return Err(
                "PETRARCH-2 verb dictionary syntax (noun-phrase patterns) is not supported".into(),
            );
        }
        if name.contains("issue") {
            return Err("issue coding lists are not event dictionaries".into());
        }
        if name.contains("actors") {
            Ok(LegacyKind::Actors)
        } else if name.contains("agents") {
            Ok(LegacyKind::Agents)
        } else if name.contains("verbpatterns") || name.contains("verbs") {
            Ok(LegacyKind::Verbs)
        } else if name.contains("discards") {
            Ok(LegacyKind::Discards)
        } else {
            Err("not a dictionary (expected *actors*, *agents*, *verbs*, *verbpatterns* or *discards* in the name)".into())
        }
    }
}

impl fmt::Display for LegacyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LegacyKind::Actors => "actors",
            LegacyKind::Agents => "agents",
            LegacyKind::Verbs => "verbs",
            LegacyKind::Discards => "discards",
        })
    }
}

/// What a legacy load did: counts per kind, skipped patterns with reasons,
/// and malformed lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LegacyReport {
    /// Files loaded, with their kind.
    pub files: Vec<(String, LegacyKind)>,
    /// Files of a directory that were not loaded, with the reason.
    pub skipped_files: Vec<(String, String)>,
    /// Actor entries (a primary phrase with its synonyms and codes).
    pub actors: usize,
    /// `+SYNONYM` lines of actor entries.
    pub synonyms: usize,
    /// Date-restricted actor codes (`[CODE <d]`, `[CODE >d]`, `[CODE d1-d2]`).
    pub dated_codes: usize,
    /// Actor entries with several codes on one line (`[FRO/BIL/SAM]`); the first is used.
    pub multi_code_actors: usize,
    /// Actor entries whose codes are all null (`[---]`): known non-actors.
    pub null_actors: usize,
    /// Agent lines (after `!MARKER!` substitution).
    pub agents: usize,
    /// Agent phrases added: singulars and plurals.
    pub agent_phrases: usize,
    /// Agents with a prefix code (`[NGO~]`).
    pub prefix_agents: usize,
    /// `!MARKER! = …` substitution sets.
    pub substitution_sets: usize,
    /// Verb lines (primary verbs and synonyms of the verb blocks).
    pub verbs: usize,
    /// Surface forms of those verbs (given in `{…}` or generated).
    pub verb_forms: usize,
    /// `&SYNSET` word classes.
    pub synsets: usize,
    /// Pattern lines converted to dyad patterns.
    pub patterns_converted: usize,
    /// Pattern lines skipped, counted by reason.
    pub patterns_skipped: BTreeMap<String, usize>,
    /// dyad patterns created (one per pattern line and verb group, plus bare verbs).
    pub dyad_patterns: usize,
    /// Sentence discard phrases.
    pub sentence_discards: usize,
    /// Story discard phrases (`+`).
    pub story_discards: usize,
    /// Malformed lines, with file and line.
    pub warnings: Vec<KbError>,
    /// Time spent loading.
    pub elapsed: Duration,
}

impl LegacyReport {
    /// Number of pattern lines skipped.
    pub fn patterns_skipped_total(&self) -> usize {
        self.patterns_skipped.values().sum()
    }

    /// Adds another report's counts to this one.
    pub fn merge(&mut self, other: LegacyReport) {
        self.files.extend(other.files);
        self.skipped_files.extend(other.skipped_files);
        self.actors += other.actors;
        self.synonyms += other.synonyms;
        self.dated_codes += other.dated_codes;
        self.multi_code_actors += other.multi_code_actors;
        self.null_actors += other.null_actors;
        self.agents += other.agents;
        self.agent_phrases += other.agent_phrases;
        self.prefix_agents += other.prefix_agents;
        self.substitution_sets += other.substitution_sets;
        self.verbs += other.verbs;
        self.verb_forms += other.verb_forms;
        self.synsets += other.synsets;
        self.patterns_converted += other.patterns_converted;
        for (k, v) in other.patterns_skipped {
            *self.patterns_skipped.entry(k).or_default() += v;
        }
        self.dyad_patterns += other.dyad_patterns;
        self.sentence_discards += other.sentence_discards;
        self.story_discards += other.story_discards;
        self.warnings.extend(other.warnings);
        self.elapsed += other.elapsed;
    }

    fn skip(&mut self, reason: &str) {
        *self.patterns_skipped.entry(reason.to_string()).or_default() += 1;
    }
}

impl fmt::Display for LegacyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (file, kind) in &self.files {
            writeln!(f, "loaded    {kind:<9} {file}")?;
        }
        for (file, why) in &self.skipped_files {
            writeln!(f, "skipped   {file}: {why}")?;
        }
        writeln!(
            f,
            "actors            {} ({} synonyms, {} date-restricted codes, {} with several codes, {} null)",
            self.actors, self.synonyms, self.dated_codes, self.multi_code_actors, self.null_actors
        )?;
        writeln!(
            f,
            "agents            {} ({} phrases with plurals, {} prefix codes, {} substitution sets)",
            self.agents, self.agent_phrases, self.prefix_agents, self.substitution_sets
        )?;
        writeln!(
            f,
            "verbs             {} ({} forms), {} synsets",
            self.verbs, self.verb_forms, self.synsets
        )?;
        writeln!(
            f,
            "patterns          {} converted ({} dyad patterns), {} skipped",
            self.patterns_converted,
            self.dyad_patterns,
            self.patterns_skipped_total()
        )?;
        for (why, n) in &self.patterns_skipped {
            writeln!(f, "  skipped {n:>6}  {why}")?;
        }
        writeln!(
            f,
            "discards          {} sentence, {} story",
            self.sentence_discards, self.story_discards
        )?;
        writeln!(f, "warnings          {}", self.warnings.len())?;
        write!(
            f,
            "load time         {:.1} ms",
            self.elapsed.as_secs_f64() * 1e3
        )
    }
}

/// Loads one legacy dictionary file of the given kind into `kb`.
///
/// Malformed lines are skipped and reported in [`LegacyReport::warnings`];
/// only an unreadable file is an error.
pub fn load_file(
    kb: &mut KnowledgeBase,
    path: &Path,
    kind: LegacyKind,
) -> Result<LegacyReport, KbError> {
    let report = read_and_load(kb, path, kind)?;
    if matches!(kind, LegacyKind::Actors | LegacyKind::Agents) {
        kb.lexicon.finish();
    }
    Ok(report)
}

/// Loads a file without re-indexing the phrase dictionary.
fn read_and_load(
    kb: &mut KnowledgeBase,
    path: &Path,
    kind: LegacyKind,
) -> Result<LegacyReport, KbError> {
    let start = Instant::now();
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| KbError {
        file: name.clone(),
        line: 0,
        message: e.to_string(),
    })?;
    // Legacy files are mostly ASCII; some have Latin-1 bytes.
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    };
    let mut report = load_text(kb, &name, &text, kind);
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Loads legacy dictionary text (the contents of a file named `file`).
pub fn load_str(kb: &mut KnowledgeBase, file: &str, text: &str, kind: LegacyKind) -> LegacyReport {
    let mut report = load_text(kb, file, text, kind);
    if matches!(kind, LegacyKind::Actors | LegacyKind::Agents) {
        let start = Instant::now();
        kb.lexicon.finish();
        report.elapsed += start.elapsed();
    }
    report
}

fn load_text(kb: &mut KnowledgeBase, file: &str, text: &str, kind: LegacyKind) -> LegacyReport {
    let start = Instant::now();
    kb.note_source(file, text.as_bytes());
    kb.source_names.push(file.to_string());
    let lines = Lines::new(file, text);
    let mut report = LegacyReport {
        files: vec![(file.to_string(), kind)],
        ..Default::default()
    };
    match kind {
        LegacyKind::Actors => actors::load(kb, lines, &mut report),
        LegacyKind::Agents => agents::load(kb, lines, &mut report),
        LegacyKind::Verbs => verbs::load(kb, lines, &mut report),
        LegacyKind::Discards => discards::load(kb, lines, &mut report),
    }
    report.elapsed = start.elapsed();
    report
}

/// Loads every legacy dictionary of a directory, kinds told by file name
/// (`*actors*`, `*agents*`, `*verbs*`/`*verbpatterns*`, `*discards*`), in
/// the order actors, agents, verbs, discards and by name within a kind.
/// Other files (PETRARCH-2 `CAMEO.2.0.txt`, issue lists, configuration) are
/// listed in [`LegacyReport::skipped_files`] with the reason.
pub fn load_dir(kb: &mut KnowledgeBase, dir: &Path) -> Result<LegacyReport, KbError> {
    let start = Instant::now();
    let entries = std::fs::read_dir(dir).map_err(|e| KbError {
        file: dir.display().to_string(),
        line: 0,
        message: e.to_string(),
    })?;
    let mut files: Vec<(LegacyKind, std::path::PathBuf)> = Vec::new();
    let mut report = LegacyReport::default();
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for p in paths {
        match LegacyKind::from_file_name(&p) {
            Ok(k) => files.push((k, p)),
            Err(why) => report.skipped_files.push((p.display().to_string(), why)),
        }
    }
    files.sort();
    for (kind, p) in files {
        report.merge(read_and_load(kb, &p, kind)?);
    }
    kb.lexicon.finish();
    report.elapsed = start.elapsed();
    Ok(report)
}

/// One line of a legacy file with comments removed.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number.
    pub no: usize,
    /// The content without comments, trimmed at the end (leading whitespace kept).
    pub text: String,
}

/// Iterator over the non-empty, comment-free lines of a legacy file.
pub(crate) struct Lines<'a> {
    file: String,
    inner: std::iter::Enumerate<std::str::Lines<'a>>,
    in_block: bool,
}

impl<'a> Lines<'a> {
    fn new(file: &str, text: &'a str) -> Self {
        Lines {
            file: file.to_string(),
            inner: text.lines().enumerate(),
            in_block: false,
        }
    }

    /// A warning for line `no`.
    pub fn warn(&self, no: usize, message: impl Into<String>) -> KbError {
        KbError {
            file: self.file.clone(),
            line: no,
            message: message.into(),
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        for (idx, raw) in self.inner.by_ref() {
            let mut rest: &str = raw.strip_prefix('\u{feff}').unwrap_or(raw);
            let mut kept = String::new();
            loop {
                if self.in_block {
                    match rest.find("-->") {
                        Some(p) => {
                            self.in_block = false;
                            rest = &rest[p + 3..];
                        }
                        None => break,
                    }
                }
                // `<!--` and the sloppy `<! --` open a comment.
                match rest.find("<!") {
                    Some(p) => {
                        kept.push_str(&rest[..p]);
                        self.in_block = true;
                        rest = &rest[p + 2..];
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
            // `#` and `;` start a comment, except inside brackets (`[###]`).
            let mut depth = 0usize;
            let cut = kept
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '[' => depth += 1,
                        ']' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    depth == 0 && (c == '#' || c == ';')
                })
                .map_or(kept.len(), |(p, _)| p);
            let text = kept[..cut].trim_end().to_string();
            if text.trim().is_empty() {
                continue;
            }
            return Some(Line { no: idx + 1, text });
        }
        None
    }
}

/// Lowercase dyad tokens of a legacy word or phrase (`_` and spaces separate
/// words; `DON'T` → `do n't`, as the text tokenizer splits it).
pub(crate) fn words(phrase: &str) -> Vec<String> {
    let spaced = fold_quotes(&phrase.replace('_', " ")).to_lowercase();
    tokenize(&spaced)
        .iter()
        .map(|t| t.text(&spaced).to_string())
        .collect()
}

/// The bracketed groups of a line: `PHRASE [A] [B <d]` → `["A", "B <d"]`;
/// `Err` for an unclosed bracket.
pub(crate) fn brackets(line: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after
            .find(']')
            .ok_or_else(|| format!("unclosed '[' in {:?}", line.trim()))?;
        out.push(after[..close].trim());
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// Parses a legacy date: `YYYYMMDD`, or `YYMMDD` when the string has at most
/// seven characters (`YY` ≤ 30 is 20YY, otherwise 19YY).
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let digits = |r: std::ops::Range<usize>| -> Result<i16, String> {
        s.get(r)
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|d| d.parse::<i16>().ok())
            .ok_or_else(|| format!("bad date {s:?}"))
    };
    let (year, month, day) = if s.len() > 7 {
        (digits(0..4)?, digits(4..6)?, digits(6..8)?)
    } else {
        let yy = digits(0..2)?;
        let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
        (year, digits(2..4)?, digits(4..6)?)
    };
    let month = i8::try_from(month).map_err(|_| format!("bad month in date {s:?}"))?;
    let day = i8::try_from(day).map_err(|_| format!("bad day in date {s:?}"))?;
    Date::new(year, month, day).map_err(|e| format!("bad date {s:?}: {e}"))
}

/// The regular plural of a legacy phrase (its last word).
pub(crate) fn plural(phrase: &str) -> String {
    let mut chars = phrase.chars().rev();
    let last = chars.next();
    let before = chars.next();
    match last {
        Some('Y' | 'y') if !before.is_some_and(|c| "AEIOUaeiou".contains(c)) => {
            format!("{}IES", &phrase[..phrase.len() - 1])
        }
        Some('S' | 's' | 'X' | 'x' | 'Z' | 'z') => format!("{phrase}ES"),
        Some('H' | 'h') if matches!(before, Some('C' | 'S' | 'c' | 's')) => format!("{phrase}ES"),
        _ => format!("{phrase}S"),
    }
}

/// True for the legacy null codes (`---`, `+++`, `###`, `***`): an entry
/// that is known but gives no code.
pub(crate) fn is_null_code(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|c| matches!(c, '-' | '+' | '#' | '*'))
}

#[cfg(test)]
mod tests;

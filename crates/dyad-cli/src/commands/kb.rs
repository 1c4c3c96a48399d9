//! `dyad kb`: knowledge-base statistics, lookups and checks.

use anyhow::Result;
use clap::{Args, Subcommand};
use dyad_core::kb::{self, source, KbError, MentionKind, SourceFile};
use dyad_core::{code_explained, Document, KnowledgeBase};
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
    /// Print counts of entries per category and the load time.
    Stats,
    /// Show how a phrase resolves: every entry that matches its words, in
    /// precedence order, where each was defined, and the actor code the
    /// coder gives the phrase on a date.
    Lookup {
        /// The phrase, e.g. "Mike Pompeo" or "Azerbaijan's foreign minister".
        phrase: String,
        /// Date the phrase is read on (a publication date, YYYY-MM-DD);
        /// people's roles depend on it.
        #[arg(long, value_parser = super::parse_date_arg)]
        date: Option<jiff::civil::Date>,
    },
    /// Validate knowledge-base source files: malformed lines, duplicate
    /// keys, overlapping roles of one person, unknown codes, patterns that
    /// do not compile. Without DIR, checks the embedded knowledge base and
    /// the --kb-dir files together; with DIR (e.g. `data/`), checks the
    /// files of DIR as a complete knowledge base.
    Check {
        /// Directory of source files to check as a whole knowledge base.
        dir: Option<PathBuf>,
    },
}

/// Runs `dyad kb`.
pub fn run(args: KbArgs) -> Result<ExitCode> {
    match args.action {
        KbAction::Stats => stats(&args),
        KbAction::Lookup { ref phrase, date } => lookup(&args, phrase, date),
        KbAction::Check { ref dir } => check(&args, dir.as_ref()),
    }
}

fn stats(args: &KbArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    let legacy = super::load_legacy(&mut kb, &args.legacy)?;
    let elapsed = started.elapsed();
    let s = kb.stats();
    let rows = [
        ("countries and territories", s.countries),
        ("country/demonym/capital phrases", s.country_phrases),
        ("gazetteer places", s.places),
        ("contested-region phrases", s.region_phrases),
        ("ethnic-group phrases", s.ethnic_phrases),
        ("sector codes", s.sectors),
        ("sector agent phrases", s.agent_phrases),
        ("organisations", s.orgs),
        ("  of which IGOs", s.igos),
        ("organisation phrases", s.org_phrases),
        ("named people", s.people),
        ("dated person-roles", s.person_roles),
        ("person name phrases", s.person_phrases),
        ("CAMEO event codes", s.cameo_codes),
        ("verb patterns", s.patterns),
        ("noun patterns", s.noun_patterns),
        ("CAMEO roots with patterns", s.roots_with_patterns),
    ];
    for (label, n) in rows {
        println!("{label:<34}{n}");
    }
    println!("{:<34}{}", "version", kb.version());
    println!(
        "{:<34}{:.1} ms",
        "load time",
        elapsed.as_secs_f64() * 1000.0
    );
    if let Some(r) = &legacy {
        println!("legacy dictionaries:");
        println!("{r}");
    }
    let legacy_warnings = legacy.as_ref().is_some_and(|r| !r.warnings.is_empty());
    Ok(if kb.warnings().is_empty() && !legacy_warnings {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn lookup(args: &KbArgs, phrase: &str, date: Option<jiff::civil::Date>) -> Result<ExitCode> {
    let mut kb = super::load_kb(args.kb_dir.as_deref())?;
    super::load_legacy(&mut kb, &args.legacy)?;
    let on = date.map_or("no date (people take their latest role)".into(), |d| {
        d.to_string()
    });
    println!("\"{phrase}\" on {on}");
    let tags = kb.tag(phrase);
    let mut found = false;
    let mut i = 0;
    while i < tags.len() {
        let cands = kb.candidates(&tags, i);
        let Some(first) = cands.first() else {
            i += 1;
            continue;
        };
        found = true;
        for (n, m) in cands.iter().enumerate() {
            let words: Vec<&str> = tags[m.tokens.clone()]
                .iter()
                .map(|t| t.word.as_str())
                .collect();
            let origin = if m.origin.line > 0 {
                format!("{}:{}", kb.source_name(m.origin), m.origin.line)
            } else {
                kb.source_name(m.origin).to_string()
            };
            let mark = if n == 0 { "used" } else { "    " };
            println!(
                "  {mark}  \"{}\" → {}   [{origin}]",
                words.join(" "),
                m.kind.describe()
            );
            if let MentionKind::Person { roles, .. } = m.kind {
                for r in roles {
                    let span = format!(
                        "{} – {}",
                        r.start.map_or("?".into(), |d| d.to_string()),
                        r.end.map_or("".into(), |d| d.to_string())
                    );
                    let holds = match date {
                        Some(d) if r.holds_on(d) => "  ← holds on the date",
                        Some(_) => "",
                        None => "",
                    };
                    println!("          {} {span}{holds}", r.code);
                }
            }
            if let MentionKind::Agent { sector, .. } = m.kind {
                if let Some((name, plover)) = kb.sector(sector) {
                    println!("          {sector}: {name}; PLOVER agent type {plover}");
                }
            }
        }
        i += first.tokens.len();
    }
    if !found {
        println!("  no knowledge-base entry matches these words");
    }
    // What the coder makes of the phrase as a sentence subject.
    let doc = Document {
        id: "lookup".into(),
        text: format!("{phrase} spoke."),
        published: date,
        ..Default::default()
    };
    let (_, traces) = code_explained(&doc, &kb);
    let actors: Vec<&String> = traces.iter().flat_map(|t| &t.actors).collect();
    if actors.is_empty() {
        println!("coder: no actor");
    }
    for a in actors {
        println!("coder: {a}");
    }
    Ok(if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn check(args: &KbArgs, dir: Option<&PathBuf>) -> Result<ExitCode> {
    let (files, mut problems): (Vec<SourceFile>, Vec<KbError>) = match dir {
        Some(d) => kb::parse_dir(d)?,
        None => {
            let mut files = kb::embedded_sources()?;
            let mut problems = Vec::new();
            if let Some(d) = &args.kb_dir {
                let (user, errors) = kb::parse_dir(d)?;
                files.extend(user);
                problems.extend(errors);
            }
            (files, problems)
        }
    };
    problems.extend(source::check(&files));
    // Loading catches what only the loader knows (patterns that do not compile).
    let mut kb = KnowledgeBase::empty();
    for f in &files {
        kb.add_parsed(f);
    }
    problems.extend(kb.warnings().iter().cloned());
    let entries: usize = files.iter().map(|f| f.rows.len()).sum();
    for p in &problems {
        println!("{p}");
    }
    eprintln!(
        "dyad kb check: {} file(s), {entries} entries, {} problem(s)",
        files.len(),
        problems.len()
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

//! Putting parsed source rows ([`super::source`]) into a [`KnowledgeBase`].

use super::matcher::{MentionKind, Origin};
use super::source::{Day, Entry, KbError, SourceFile, SourceKind};
use super::{ActorCode, CameoCode, KnowledgeBase, Role};
use jiff::civil::Date;

fn date(d: Option<Day>) -> Option<Date> {
    d.and_then(|d| Date::new(d.year, d.month, d.day).ok())
}

/// Adds every row of a parsed file; returns rows that cannot be used (an
/// actor code that does not parse, a pattern that does not compile, a CAMEO
/// code the tables do not know) as warnings.
pub(super) fn add_file(kb: &mut KnowledgeBase, file: &SourceFile) -> Vec<KbError> {
    let file_idx = kb.source_names.len() as u32;
    kb.source_names.push(file.name.clone());
    let mut warnings = Vec::new();
    for row in &file.rows {
        let origin = Origin {
            file: file_idx,
            line: row.line,
        };
        if let Err(message) = add_entry(kb, file.kind, &row.entry, origin) {
            warnings.push(KbError {
                file: file.name.clone(),
                line: row.line as usize,
                message,
            });
        }
    }
    warnings
}

fn code(s: &str) -> Result<ActorCode, String> {
    ActorCode::parse(s).ok_or_else(|| format!("bad actor code {s:?}"))
}

fn add_entry(
    kb: &mut KnowledgeBase,
    kind: SourceKind,
    entry: &Entry,
    origin: Origin,
) -> Result<(), String> {
    let lex = &mut kb.lexicon;
    match entry {
        Entry::Country {
            iso3,
            names,
            demonyms,
            capitals,
        } => {
            kb.countries.insert(iso3.clone(), names[0].text.clone());
            let iso3 = || iso3.clone();
            for n in names {
                lex.add(n, MentionKind::Country { iso3: iso3() }, origin);
            }
            for a in demonyms {
                lex.add(a, MentionKind::Demonym { iso3: iso3() }, origin);
            }
            for c in capitals {
                lex.add(c, MentionKind::Capital { iso3: iso3() }, origin);
            }
        }
        Entry::Place { .. } => {}
        Entry::Ethnic { names, homes } => {
            let homes: Vec<MentionKind> = homes
                .iter()
                .map(|c| MentionKind::Demonym { iso3: c.clone() })
                .collect();
            for n in names {
                let kind = MentionKind::Ethnic {
                    homes: homes.clone(),
                };
                lex.add(n, kind, origin);
            }
        }
        Entry::Agent { phrases, sector } => {
            for p in phrases {
                lex.add_agent(&p.phrase, sector, &p.head, p.plural, origin);
            }
        }
        Entry::Org { names, code: c } => {
            let c = code(c)?;
            for n in names {
                let kind = MentionKind::Org { code: c.clone() };
                // A name written all in lowercase is a common-noun phrase.
                if n.text.chars().any(char::is_uppercase) {
                    lex.add(n, kind, origin);
                } else {
                    lex.add_any_case(n, kind, origin);
                }
            }
        }
        Entry::Region {
            names,
            country,
            code: c,
            ..
        } => {
            let c = code(c)?;
            for n in names {
                let kind = MentionKind::Region {
                    iso3: country.clone(),
                    code: c.clone(),
                };
                lex.add(n, kind, origin);
            }
        }
        Entry::Person {
            names,
            code: c,
            start,
            end,
        } => {
            let canonical = &names[0].text;
            let role = Role {
                code: code(c)?,
                start: date(*start),
                end: date(*end),
                holder: Some(canonical.clone()),
            };
            for n in names {
                lex.add_role(n, canonical, role.clone(), origin);
            }
        }
        Entry::Sector { code, name, plover } => {
            kb.sectors
                .insert(code.clone(), (name.clone(), plover.clone()));
        }
        Entry::Cameo {
            code,
            goldstein,
            name,
        } => {
            kb.cameo.insert(
                code.clone(),
                CameoCode {
                    code: code.clone(),
                    goldstein: *goldstein,
                    name: name.clone(),
                },
            );
        }
        Entry::Pattern { code, pattern } => {
            if !kb.cameo.is_empty()
                && !super::source::pattern_code_known(code, |c| kb.cameo.contains_key(c))
            {
                return Err(format!("unknown CAMEO code {code:?}"));
            }
            let set = if kind == SourceKind::NounPatterns {
                &mut kb.noun_patterns
            } else {
                &mut kb.patterns
            };
            set.add(code, pattern)?;
        }
    }
    Ok(())
}

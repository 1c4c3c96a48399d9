//! Legacy agent dictionaries: `PHRASE {PLURAL} [~CODE]` (the code follows
//! the actor's) or `[CODE~]` (it precedes it), with `!MARKER! = a, b`
//! substitution sets used as `CONGRESS!PERSON!` or `!MINIST!_OF_DEFENSE`.
//!
//! Regular plurals are generated (`Y` → `IES` after a consonant, `S` → `SES`,
//! otherwise `S`); `{X}` gives an irregular plural and `{}` none. Phrases made
//! by substitution get no plural, as in PETRARCH.

use super::{brackets, plural, LegacyReport, Lines};
use crate::kb::source::Phrase;
use crate::kb::KnowledgeBase;
use std::collections::HashMap;

/// True for a substitution word that is a plural (`MEN`, `MINISTRIES`).
fn looks_plural(word: &str) -> bool {
    let w = word.to_lowercase();
    w.ends_with("men") || w.ends_with("ies") || (w.ends_with('s') && !w.ends_with("ss"))
}

/// The sector for a legacy agent code: `~GOV` → `GOV`, `NGO~` → `NGO~`
/// (a prefix, see [`crate::kb::ActorCode::from_parts`]).
fn sector(code: &str) -> Result<(String, bool), String> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let (body, prefix) = if let Some(b) = code.strip_prefix('~') {
        (b.to_string(), false)
    } else if let Some(b) = code.strip_suffix('~') {
        (b.to_string(), true)
    } else {
        return Err(format!(
            "agent code {code:?} needs '~' before (suffix) or after (prefix) it"
        ));
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("bad agent code {code:?}"));
    }
    let body = body.to_uppercase();
    Ok((if prefix { format!("{body}~") } else { body }, prefix))
}

pub(super) fn load(kb: &mut KnowledgeBase, lines: Lines<'_>, report: &mut LegacyReport) {
    let mut subst: HashMap<String, Vec<String>> = HashMap::new();
    let mut it = lines;
    let mut warnings = Vec::new();
    while let Some(line) = it.next() {
        let t = line.text.trim();
        if t.starts_with('!') && t.contains('=') {
            let Some((marker, list)) = t.split_once('=') else {
                continue;
            };
            let marker = marker.trim().trim_matches('!').to_uppercase();
            if marker.is_empty() || marker.contains('!') {
                warnings.push(it.warn(line.no, "substitution marker must be !NAME! = a, b"));
                continue;
            }
            let items: Vec<String> = list
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            report.substitution_sets += 1;
            subst.insert(marker, items);
            continue;
        }
        let groups = match brackets(t) {
            Ok(g) if !g.is_empty() => g,
            Ok(_) => {
                warnings.push(it.warn(line.no, "agent without a code [~CODE]"));
                continue;
            }
            Err(e) => {
                warnings.push(it.warn(line.no, e));
                continue;
            }
        };
        let (sector, prefix) = match sector(groups[0]) {
            Ok(s) => s,
            Err(e) => {
                warnings.push(it.warn(line.no, e));
                continue;
            }
        };
        let head = t.split('[').next().unwrap_or_default().trim();
        // (phrase, plural)
        let mut phrases: Vec<(String, bool)> = Vec::new();
        if let Some(start) = head.find('!') {
            let after = &head[start + 1..];
            let Some(end) = after.find('!') else {
                warnings.push(it.warn(line.no, "unclosed substitution marker !…!"));
                continue;
            };
            let marker = after[..end].to_uppercase();
            let Some(items) = subst.get(&marker) else {
                warnings.push(it.warn(
                    line.no,
                    format!("substitution marker !{marker}! is not defined"),
                ));
                continue;
            };
            for item in items {
                let plural = looks_plural(item);
                phrases.push((
                    format!("{}{item}{}", &head[..start], &after[end + 1..]),
                    plural,
                ));
            }
        } else if let Some(open) = head.find('{') {
            let Some(close) = head[open..].find('}').map(|c| open + c) else {
                warnings.push(it.warn(line.no, "missing '}' after the plural"));
                continue;
            };
            phrases.push((head[..open].trim().to_string(), false));
            let pl = head[open + 1..close].trim();
            if !pl.is_empty() {
                phrases.push((pl.to_string(), true));
            }
        } else {
            phrases.push((head.to_string(), false));
            phrases.push((plural(head), true));
        }
        phrases.retain(|(p, _)| !p.trim().is_empty());
        if phrases.is_empty() {
            warnings.push(it.warn(line.no, "agent without a phrase"));
            continue;
        }
        report.agents += 1;
        if prefix {
            report.prefix_agents += 1;
        }
        // The head noun, singular: the last word before "of"/"for" of the
        // first (singular) phrase, for "the two ministers".
        let singular = phrases[0].0.replace('_', " ").to_lowercase();
        let words: Vec<&str> = singular.split_whitespace().collect();
        let cut = words
            .iter()
            .position(|w| matches!(*w, "of" | "for" | "on" | "in"))
            .unwrap_or(words.len());
        let head_word = words[..cut]
            .last()
            .or(words.last())
            .copied()
            .unwrap_or_default()
            .to_string();
        for (p, is_plural) in phrases {
            let p = p.replace('_', " ").to_lowercase();
            report.agent_phrases += 1;
            let origin = kb.last_origin();
            let phrase = Phrase::new(p.trim());
            kb.lexicon
                .add_agent(&phrase, &sector, &head_word, is_plural, origin);
        }
    }
    report.warnings.extend(warnings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_codes() {
        assert_eq!(plural("MINISTER"), "MINISTERS");
        assert_eq!(plural("AUTHORITY"), "AUTHORITIES");
        assert_eq!(plural("ATTORNEY"), "ATTORNEYS");
        assert_eq!(plural("CONGRESS"), "CONGRESSES");
        assert_eq!(plural("HUMAN_RIGHTS_BODY"), "HUMAN_RIGHTS_BODIES");
        assert_eq!(sector("~GOVFRM").unwrap(), ("GOVFRM".to_string(), false));
        assert_eq!(sector("  NGO~").unwrap(), ("NGO~".to_string(), true));
        assert_eq!(sector(" ~COP").unwrap(), ("COP".to_string(), false));
        assert!(sector("GOV").is_err());
        assert!(sector("~").is_err());
    }
}

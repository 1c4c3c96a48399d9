//! Legacy verb dictionaries in PETRARCH-1/TABARI syntax.
//!
//! ```text
//! &CURRENCY                       a synset: alternatives, plurals generated
//! +DOLLARS                        (no plurals when the name or word ends in _)
//! +SWISS FRANCS
//!
//! --- GRANT [070] ---             a verb block and its default code
//! GRANT                           verbs: regular forms generated …
//! GIVE {GAVE GIVEN GIVING}        … or all forms given
//! +CORDON_OFF [1721]              multi-word verb, + marks the verb word
//! - * &CURRENCY [903]             patterns: words before and after the verb (*)
//! - $ NOT * ^ TO_ + [124]         $ source, + target, % compound, ^ skip a noun phrase
//! - % * [030:030]                 paired code: the second in the other direction
//! ```
//!
//! In patterns a space lets words come between two elements (a legacy gap,
//! [`PatternElement::Skip`]), an underscore makes them adjacent. A pattern
//! without `+` or `%` takes as target the first actor after the verb
//! ([`PatternElement::NextActor`]). Every pattern of a block applies to every
//! verb of the block; a verb's own code (or the block's) is its bare pattern.
//! TABARI `{…}` disjunctions in patterns are not supported (PETRARCH skipped
//! them too) and are reported as skipped. TABARI `.verbs` files, which have
//! no blocks, are read with one block per verb line.

use super::{brackets, is_null_code, plural, words, LegacyReport, Lines};
use crate::kb::patterns::{Pattern, PatternElement, Synset};
use crate::kb::KnowledgeBase;
use crate::text::segment::tokenize;
use crate::text::tag::Tagger;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone)]
struct Verb {
    code: String,
    /// The verb word as written (lowercase), for its lemma.
    primary: String,
    /// Lowercase surface forms of the verb word.
    forms: Vec<String>,
    /// Lowercase words right before / after the verb word (multi-word verbs).
    before: Vec<String>,
    after: Vec<String>,
}

#[derive(Debug)]
struct PatternLine {
    no: usize,
    body: String,
    code: Option<String>,
}

#[derive(Debug)]
struct Block {
    name: String,
    verbs: Vec<Verb>,
    patterns: Vec<PatternLine>,
}

/// Regular forms of a verb: PETRARCH's `S`/`ED`/`ING` (`E` dropped before
/// `ING`, `D` after `E`) plus English spelling (`tries`, `tried`,
/// `stopped`, `stopping`, `pushes`).
fn regular_forms(root: &str) -> Vec<String> {
    let r = root.to_lowercase();
    let mut out = vec![r.clone()];
    let chars: Vec<char> = r.chars().collect();
    let n = chars.len();
    if n == 0 {
        return out;
    }
    let vowel = |c: char| "aeiou".contains(c);
    let last = chars[n - 1];
    // Third person.
    if matches!(last, 's' | 'x' | 'z') || r.ends_with("ch") || r.ends_with("sh") || last == 'o' {
        out.push(format!("{r}es"));
    }
    if !matches!(last, 's' | 'x' | 'z') {
        out.push(format!("{r}s"));
    }
    let stem_y = (last == 'y' && n > 1 && !vowel(chars[n - 2])).then(|| &r[..r.len() - 1]);
    if let Some(stem) = stem_y {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
    }
    // Past and -ing.
    if last == 'e' {
        out.push(format!("{r}d"));
        out.push(format!("{}ing", &r[..r.len() - 1]));
        if r.ends_with("ee") || r.ends_with("ye") || r.ends_with("oe") {
            out.push(format!("{r}ing"));
        }
    } else {
        out.push(format!("{r}ed"));
        out.push(format!("{r}ing"));
        // Consonant doubling after a short vowel: stop → stopped.
        let cvc = n >= 3
            && !vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && vowel(chars[n - 2])
            && !vowel(chars[n - 3]);
        if cvc {
            out.push(format!("{r}{last}ed"));
            out.push(format!("{r}{last}ing"));
        }
    }
    out
}

/// The lemma the tagger gives a verb form in a plain clause.
fn verb_lemma(tagger: &Tagger, form: &str) -> Option<String> {
    let text = format!("they {form}");
    let toks = tokenize(&text);
    let tagged = tagger.tag(&text, &toks);
    tagged.get(1).map(|t| t.lemma.clone())
}

/// Splits `KLM_NOP_+RST` into (before, verb word, after); the verb word is
/// the one marked `+`, else the first word.
fn split_multi(s: &str) -> (Vec<String>, String, Vec<String>) {
    let parts: Vec<&str> = s
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let v = parts.iter().position(|w| w.starts_with('+')).unwrap_or(0);
    let to_words = |ws: &[&str]| -> Vec<String> { ws.iter().flat_map(|w| words(w)).collect() };
    let verb = parts
        .get(v)
        .map(|w| w.trim_start_matches('+').to_lowercase())
        .unwrap_or_default();
    (
        to_words(&parts[..v.min(parts.len())]),
        verb,
        to_words(parts.get(v + 1..).unwrap_or_default()),
    )
}

fn parse_verb(t: &str, block_code: &str) -> Result<Verb, String> {
    let groups = brackets(t)?;
    let code = groups
        .first()
        .map(|c| c.to_string())
        .unwrap_or_else(|| block_code.to_string());
    let head = t.split('[').next().unwrap_or_default().trim();
    let (base, listed) = match head.find('{') {
        Some(open) => {
            let close = head[open..]
                .find('}')
                .map(|c| open + c)
                .ok_or("missing '}' after the verb forms")?;
            (
                head[..open].trim(),
                Some(head[open + 1..close].split_whitespace().collect::<Vec<_>>()),
            )
        }
        None => (head, None),
    };
    if base.is_empty() {
        return Err("no verb".into());
    }
    let (before, verb, after) = split_multi(base);
    if verb.is_empty() || verb.chars().any(|c| "[]{}*&$%^".contains(c)) {
        return Err(format!("bad verb {base:?}"));
    }
    let mut forms: Vec<String> = match listed {
        // All forms are listed; for a multi-word verb, the verb word of each.
        Some(list) => {
            let mut f = vec![verb.clone()];
            f.extend(list.iter().map(|l| split_multi(l).1));
            f
        }
        None => regular_forms(&verb),
    };
    forms.retain(|f| !f.is_empty());
    forms.sort();
    forms.dedup();
    Ok(Verb {
        code,
        primary: verb,
        forms,
        before,
        after,
    })
}

/// Connector after a pattern item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conn {
    Adjacent,
    Gap,
    End,
}

/// Splits a pattern half into items and the connector after each.
fn items(s: &str) -> Vec<(&str, Conn)> {
    let mut out: Vec<(&str, Conn)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c == '_' || c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((&s[st..i], if c == '_' { Conn::Adjacent } else { Conn::Gap }));
            } else if c.is_whitespace() {
                if let Some(last) = out.last_mut() {
                    last.1 = Conn::Gap;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((&s[st..], Conn::End));
    }
    out
}

struct Synsets {
    raw: HashMap<String, (usize, Vec<String>, bool)>,
    done: HashMap<String, Arc<Synset>>,
}

impl Synsets {
    fn get(&mut self, name: &str, depth: usize) -> Result<Arc<Synset>, String> {
        let name = name
            .trim_start_matches('&')
            .trim_end_matches('_')
            .to_uppercase();
        if let Some(s) = self.done.get(&name) {
            return Ok(s.clone());
        }
        let Some((_, members, noplural)) = self.raw.get(&name).cloned() else {
            return Err(format!("undefined synset &{name}"));
        };
        if depth > 8 {
            return Err(format!("synset &{name} includes itself"));
        }
        let mut seqs: BTreeSet<Vec<String>> = BTreeSet::new();
        for m in members {
            let m = m.trim();
            if m.starts_with('&') {
                let inner = self.get(m, depth + 1)?;
                seqs.extend(inner.members.iter().cloned());
                continue;
            }
            let exact = noplural || m.ends_with('_');
            let m = m.trim_end_matches('_');
            let ws = words(m);
            if ws.is_empty() {
                continue;
            }
            seqs.insert(ws);
            if !exact {
                let pl = words(&plural(&m.to_uppercase()));
                if !pl.is_empty() {
                    seqs.insert(pl);
                }
            }
        }
        let mut members: Vec<Vec<String>> = seqs.into_iter().collect();
        members.sort_by_key(|m| std::cmp::Reverse(m.len()));
        let s = Arc::new(Synset {
            name: name.clone(),
            members,
        });
        self.done.insert(name, s.clone());
        Ok(s)
    }
}

/// Converts a pattern body (`$ NOT * ^ TO_ +`) into elements before and
/// after the verb.
fn convert(
    body: &str,
    synsets: &mut Synsets,
) -> Result<(Vec<PatternElement>, Vec<PatternElement>), String> {
    if body.contains('{') {
        return Err("TABARI {…} disjunction".into());
    }
    let body = body.replace("_ ", " ");
    let body = body.trim().trim_end_matches('_');
    let star = body.find('*').ok_or("no verb position '*'")?;
    if body[star + 1..].contains('*') {
        return Err("several verb positions '*'".into());
    }
    let (high, low) = (&body[..star], &body[star + 1..]);
    let mut elem = |item: &str| -> Result<Vec<PatternElement>, String> {
        Ok(match item {
            "+" => vec![PatternElement::Target],
            "$" => vec![PatternElement::Source],
            "%" => vec![PatternElement::Compound],
            "^" => vec![PatternElement::SkipPhrase],
            s if s.starts_with('&') => vec![PatternElement::Synset(synsets.get(s, 0)?)],
            s if s.chars().any(|c| "+$%^&*[]".contains(c)) => {
                return Err(format!("bad pattern word {s:?}"))
            }
            s => words(s)
                .into_iter()
                .map(|w| PatternElement::Literal(vec![w]))
                .collect(),
        })
    };
    let mut before = Vec::new();
    let high_items = items(high);
    for (item, conn) in &high_items {
        before.extend(elem(item)?);
        if *conn == Conn::Gap {
            before.push(PatternElement::Skip);
        }
    }
    if !high.is_empty()
        && high.ends_with(|c: char| c.is_whitespace())
        && before.last() != Some(&PatternElement::Skip)
    {
        before.push(PatternElement::Skip);
    }
    let mut rest = Vec::new();
    if low.starts_with(|c: char| c.is_whitespace()) && !low.trim().is_empty() {
        rest.push(PatternElement::Skip);
    }
    for (item, conn) in items(low.trim_start_matches('_')) {
        rest.extend(elem(item)?);
        if conn == Conn::Gap {
            rest.push(PatternElement::Skip);
        }
    }
    while rest.last() == Some(&PatternElement::Skip) {
        rest.pop();
    }
    while before.first() == Some(&PatternElement::Skip) {
        before.remove(0);
    }
    // PETRARCH codes a verb whatever follows it: a legacy pattern never
    // ends at the verb (dyad's bare patterns do not match a non-actor object).
    if rest.is_empty() {
        rest.push(PatternElement::Skip);
    }
    let has_target = before
        .iter()
        .chain(&rest)
        .any(|e| matches!(e, PatternElement::Target | PatternElement::Compound));
    if !has_target {
        rest.insert(0, PatternElement::NextActor);
    }
    Ok((before, rest))
}

/// Checks a legacy event code: `---` (null), `032`, `032:033`, `174K`.
fn check_code(code: &str) -> Result<String, String> {
    let code = code.trim();
    if code.is_empty() {
        return Err("pattern without a code".into());
    }
    if code.contains(char::is_whitespace) {
        return Err(format!("bad event code {code:?}"));
    }
    Ok(code.to_string())
}

pub(super) fn load(kb: &mut KnowledgeBase, lines: Lines<'_>, report: &mut LegacyReport) {
    let mut it = lines;
    let mut all = Vec::new();
    for l in it.by_ref() {
        all.push((l.no, l.text.trim().to_string()));
    }
    let mut warnings = Vec::new();
    let mut synsets = Synsets {
        raw: HashMap::new(),
        done: HashMap::new(),
    };
    let mut blocks: Vec<Block> = Vec::new();
    let mut block_code = "---".to_string();
    // TABARI `.verbs` files have no `--- VERB ---` blocks: every verb line
    // starts its own block, and `<SECTION>` tags mark parts of the file.
    let tabari = !all.iter().any(|(_, t)| t.starts_with("---"));
    let mut i = 0;
    while i < all.len() {
        let (no, t) = (all[i].0, all[i].1.as_str());
        i += 1;
        if t.starts_with('<') && t.ends_with('>') {
            continue;
        }
        if tabari && !t.starts_with(['-', '&', '+']) {
            block_code = brackets(t)
                .ok()
                .and_then(|g| g.first().map(|c| c.to_string()))
                .unwrap_or_else(|| "---".into());
            blocks.push(Block {
                name: t.split('[').next().unwrap_or_default().trim().to_string(),
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
        }
        if t.starts_with("---") {
            let groups = brackets(t).unwrap_or_default();
            block_code = groups
                .first()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "---".into());
            let name = t
                .trim_start_matches('-')
                .split('[')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_end_matches('-')
                .trim()
                .to_string();
            blocks.push(Block {
                name,
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
        } else if let Some(p) = t.strip_prefix('-') {
            let Some(b) = blocks.last_mut() else {
                warnings.push(it.warn(no, "pattern before any verb block"));
                continue;
            };
            let groups = match brackets(p) {
                Ok(g) => g,
                Err(e) => {
                    report.skip("malformed pattern line");
                    warnings.push(it.warn(no, e));
                    continue;
                }
            };
            b.patterns.push(PatternLine {
                no,
                body: p.split('[').next().unwrap_or_default().trim().to_string(),
                code: groups.first().map(|c| c.to_string()),
            });
        } else if let Some(name) = t.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or_default();
            let noplural = name.ends_with('_');
            let key = name.trim_end_matches('_').to_uppercase();
            let mut members = Vec::new();
            while i < all.len() && all[i].1.starts_with('+') {
                members.push(all[i].1[1..].trim().to_string());
                i += 1;
            }
            if key.is_empty() || members.is_empty() {
                warnings.push(it.warn(no, "synset without a name or members"));
                continue;
            }
            report.synsets += 1;
            synsets.raw.insert(key, (no, members, noplural));
        } else {
            let Some(b) = blocks.last_mut() else {
                warnings.push(it.warn(no, "verb before any --- VERB [CODE] --- block"));
                continue;
            };
            match parse_verb(t, &block_code) {
                Ok(v) => {
                    report.verbs += 1;
                    report.verb_forms += v.forms.len();
                    b.verbs.push(v);
                }
                Err(e) => warnings.push(it.warn(no, e)),
            }
        }
    }

    let mut lemmas: HashMap<String, Option<String>> = HashMap::new();
    for b in &blocks {
        if b.verbs.is_empty() {
            for pl in &b.patterns {
                report.skip("verb block without verbs");
                warnings.push(it.warn(pl.no, "pattern of a verb block without verbs"));
            }
            continue;
        }
        // The block's patterns, converted once.
        let mut converted: Vec<(String, String, Vec<PatternElement>, Vec<PatternElement>)> =
            Vec::new();
        for pl in &b.patterns {
            let code = match pl.code.as_deref().map(check_code) {
                Some(Ok(c)) => c,
                Some(Err(e)) => {
                    report.skip(&e);
                    warnings.push(it.warn(pl.no, e));
                    continue;
                }
                None => {
                    report.skip("pattern without a code");
                    warnings.push(it.warn(pl.no, "pattern without a code [CODE]"));
                    continue;
                }
            };
            match convert(&pl.body, &mut synsets) {
                Ok((before, rest)) => {
                    report.patterns_converted += 1;
                    register(kb, &code);
                    converted.push((code, format!("{}: {}", b.name, pl.body), before, rest));
                }
                Err(e) => {
                    let reason = if e.starts_with("undefined synset") {
                        "undefined synset".to_string()
                    } else {
                        e.clone()
                    };
                    report.skip(&reason);
                    if !e.starts_with("TABARI") {
                        warnings.push(it.warn(pl.no, e));
                    }
                }
            }
        }
        // Verbs grouped by their extra words (multi-word verbs); each group
        // gets the block's patterns and one bare pattern per verb code.
        type Key = (Vec<String>, Vec<String>);
        let mut groups: BTreeMap<Key, Vec<&Verb>> = BTreeMap::new();
        for v in &b.verbs {
            groups
                .entry((v.before.clone(), v.after.clone()))
                .or_default()
                .push(v);
        }
        let literal = |ws: &[String]| -> Vec<PatternElement> {
            ws.iter()
                .map(|w| PatternElement::Literal(vec![w.clone()]))
                .collect()
        };
        for (key, verbs) in &groups {
            let forms: BTreeSet<String> = verbs.iter().flat_map(|v| v.forms.clone()).collect();
            let mut anchor: BTreeSet<String> = BTreeSet::new();
            for v in verbs {
                let l = lemmas
                    .entry(v.primary.clone())
                    .or_insert_with(|| verb_lemma(&kb.tagger, &v.primary))
                    .clone();
                anchor.extend(l);
                anchor.insert(v.primary.clone());
            }
            let anchor: Vec<String> = anchor.into_iter().collect();
            let keys: Vec<String> = forms.iter().chain(&anchor).cloned().collect();
            let all_forms: Arc<[String]> = forms.iter().cloned().collect::<Vec<_>>().into();
            let mut patterns = Vec::new();
            let mut by_code: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
            for v in verbs {
                by_code.entry(&v.code).or_default().extend(v.forms.clone());
            }
            for (code, fs) in by_code {
                if is_null_code(code) || check_code(code).is_err() {
                    continue;
                }
                register(kb, code);
                let mut rest = literal(&key.1);
                rest.push(PatternElement::NextActor);
                patterns.push(Pattern {
                    code: code.to_string(),
                    text: b.name.clone(),
                    anchor: anchor.clone(),
                    rest,
                    before: literal(&key.0),
                    forms: Some(fs.into_iter().collect::<Vec<_>>().into()),
                });
            }
            for (code, text, before, rest) in &converted {
                let mut full_before = before.clone();
                full_before.extend(literal(&key.0));
                let mut full_rest = literal(&key.1);
                full_rest.extend(rest.iter().cloned());
                patterns.push(Pattern {
                    code: code.clone(),
                    text: text.clone(),
                    anchor: anchor.clone(),
                    rest: full_rest,
                    before: full_before,
                    forms: Some(all_forms.clone()),
                });
            }
            report.dyad_patterns += patterns.len();
            kb.patterns.supersede(&keys);
            kb.patterns.push_group(patterns, &keys);
        }
    }
    report.warnings.extend(warnings);
}

/// Remembers the non-null codes of legacy patterns so that the coder keeps
/// their events even when they are not CAMEO codes.
fn register(kb: &mut KnowledgeBase, code: &str) {
    for c in code.split(':') {
        if !c.is_empty() && !is_null_code(c) {
            kb.legacy_codes.insert(c.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syn() -> Synsets {
        let mut raw = HashMap::new();
        raw.insert(
            "TIETYPES".to_string(),
            (
                1,
                vec!["MILITARY".to_string(), "ECONOMIC".to_string()],
                false,
            ),
        );
        raw.insert(
            "CURRENCY".to_string(),
            (
                2,
                vec!["SWISS FRANCS".to_string(), "YEN_".to_string()],
                false,
            ),
        );
        raw.insert(
            "NEST".to_string(),
            (3, vec!["&TIETYPES".to_string(), "CLOSER".to_string()], true),
        );
        Synsets {
            raw,
            done: HashMap::new(),
        }
    }

    #[test]
    fn forms() {
        let f = regular_forms("STOP");
        for w in ["stop", "stops", "stoped", "stopped", "stopping"] {
            assert!(f.contains(&w.to_string()), "{w}");
        }
        let f = regular_forms("TRY");
        assert!(f.contains(&"tried".to_string()) && f.contains(&"tries".to_string()));
        let f = regular_forms("RESCHEDULE");
        assert!(f.contains(&"rescheduled".to_string()) && f.contains(&"rescheduling".to_string()));
        let v = parse_verb("WIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }", "1711").unwrap();
        assert_eq!(v.before, ["wire"]);
        assert_eq!(v.forms, ["tap", "tapped", "tapping"]);
        let v = parse_verb("+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN}", "1717").unwrap();
        assert_eq!(
            (v.after.as_slice(), v.forms.len()),
            (&["down".to_string()][..], 3)
        );
        let v = parse_verb("LASH OUT", "122").unwrap();
        assert_eq!(v.after, ["out"]);
        assert_eq!(
            parse_verb("ADMIT [013:012]", "---").unwrap().code,
            "013:012"
        );
    }

    #[test]
    fn converts_patterns() {
        let mut s = syn();
        let (b, r) = convert("$ NOT * ^ TO_ +", &mut s).unwrap();
        assert_eq!(
            b,
            [
                PatternElement::Source,
                PatternElement::Skip,
                PatternElement::Literal(vec!["not".into()]),
                PatternElement::Skip
            ]
        );
        assert_eq!(
            r,
            [
                PatternElement::Skip,
                PatternElement::SkipPhrase,
                PatternElement::Skip,
                PatternElement::Literal(vec!["to".into()]),
                // `TO_ +`: PETRARCH reads `_ ` as a space.
                PatternElement::Skip,
                PatternElement::Target
            ]
        );
        let (b, r) = convert("RECENTLY_*", &mut s).unwrap();
        assert_eq!(b, [PatternElement::Literal(vec!["recently".into()])]);
        assert_eq!(r, [PatternElement::NextActor, PatternElement::Skip]);
        let (_, r) = convert("*_OUT", &mut s).unwrap();
        assert_eq!(
            r,
            [
                PatternElement::NextActor,
                PatternElement::Literal(vec!["out".into()])
            ]
        );
        let (_, r) = convert("* &TIETYPES_MEMOS FROM", &mut s).unwrap();
        assert!(
            matches!(&r[2], PatternElement::Synset(x) if x.members.contains(&vec!["militaries".to_string()]))
        );
        assert_eq!(r[3], PatternElement::Literal(vec!["memos".into()]));
        assert_eq!(r[4], PatternElement::Skip);
        let (_, r) = convert("* &CURRENCY", &mut s).unwrap();
        let PatternElement::Synset(c) = &r[2] else {
            panic!("no synset")
        };
        assert!(c
            .members
            .contains(&vec!["swiss".to_string(), "francs".to_string()]));
        assert!(c.members.contains(&vec!["yen".to_string()]));
        assert!(!c.members.contains(&vec!["yens".to_string()]));
        let (_, r) = convert("* &NEST", &mut s).unwrap();
        let PatternElement::Synset(n) = &r[2] else {
            panic!("no synset")
        };
        assert!(n.members.contains(&vec!["economic".to_string()]));
        assert!(!n.members.contains(&vec!["closers".to_string()]));
        assert!(convert("* &NOPE", &mut s).is_err());
        assert!(convert("* {A | B}", &mut s).is_err());
        assert!(convert("NO STAR", &mut s).is_err());
        let (b, r) = convert("% HAVE  *", &mut s).unwrap();
        assert_eq!(b.len(), 4);
        assert_eq!(r, [PatternElement::Skip]);
    }
}

//! The PETRARCH unit-test suite (`PETR.UnitTest.records.xml`) as a check of
//! dyad's legacy compatibility.
//!
//! The suite is an XML file of `<Sentence date="YYYYMMDD" id=… category=…>`
//! records, each with `<EventCoding sourcecode=… targetcode=… eventcode=…>`
//! expectations (or `noevents="True"` / `error="…"`: no events expected),
//! its `<Text>` and a Penn `<Parse>`. An `<Environment>` names the
//! dictionaries (the fictional Middle-earth world of `PETR.Validate.*.txt`)
//! and the categories to run (`<Include>`); `<Config option=… value=…>`
//! elements between records change options for the records after them.
//!
//! Semantics of the (deleted) PETRARCH runner: per record, the sorted
//! (source, target, code) triples coded must equal the sorted expected ones.
//! dyad codes the `<Text>` with its own pipeline and ignores the parse;
//! records whose parse has other words than their text are flagged, because
//! PETRARCH coded the parse. Of the options only `require_dyad` is honoured:
//! when it is false, events without a target count, with target `---`.

use dyad_core::kb::legacy::{self, LegacyKind, LegacyReport};
use dyad_core::{code, Document, KnowledgeBase};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A coded or expected event: source, target, code.
pub type Triple = (String, String, String);

/// What a record expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// These events (sorted).
    Events(Vec<Triple>),
    /// `noevents="True"`.
    NoEvents,
    /// `error="…"`: the record must give no events.
    Error(String),
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteRecord {
    /// The record id (`DEMO-01`).
    pub id: String,
    /// Its category (`DEMO`, `DATE`, `SYNSET`, …).
    pub category: String,
    /// The `date` attribute.
    pub date: Option<Date>,
    /// The sentence text, whitespace collapsed.
    pub text: String,
    /// What the record expects.
    pub expected: Expectation,
    /// The `require_dyad` option in force for this record.
    pub require_dyad: bool,
    /// Options other than `require_dyad` in force that dyad does not honour.
    pub unsupported_options: Vec<String>,
    /// True when the words of `<Parse>` differ from those of `<Text>`.
    pub parse_differs: bool,
    /// The `sentence` attribute.
    pub sentence: bool,
}

/// A parsed suite file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suite {
    /// Dictionary file names from `<Environment>` (verbs, actors, agents, discards).
    pub dictionaries: Vec<String>,
    /// Categories to run (`<Include>`); empty: all.
    pub include: Vec<String>,
    /// The records in file order.
    pub records: Vec<SuiteRecord>,
}

/// An error reading a suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteError(pub String);

impl fmt::Display for SuiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SuiteError {}

// ---------------------------------------------------------------- XML reading

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    Close(String),
    Text(String),
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A small reader for the suite's XML: elements, attributes in single or
/// double quotes (with spaces around `=`), text, comments.
fn nodes(xml: &str) -> Result<Vec<Node>, SuiteError> {
    let mut out = Vec::new();
    let mut rest = xml;
    let mut offset = 0;
    let err = |at: usize, what: &str| {
        let line = xml[..at.min(xml.len())].matches('\n').count() + 1;
        SuiteError(format!("line {line}: {what}"))
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Node::Text(unescape(rest)));
            break;
        };
        if lt > 0 {
            out.push(Node::Text(unescape(&rest[..lt])));
        }
        let tag = &rest[lt..];
        let consumed;
        if let Some(c) = tag.strip_prefix("<!--") {
            let end = c
                .find("-->")
                .ok_or_else(|| err(offset + lt, "unclosed comment"))?;
            consumed = 4 + end + 3;
        } else if tag.starts_with("<?") || tag.starts_with("<!") {
            let end = tag
                .find('>')
                .ok_or_else(|| err(offset + lt, "unclosed tag"))?;
            consumed = end + 1;
        } else if let Some(c) = tag.strip_prefix("</") {
            let end = c
                .find('>')
                .ok_or_else(|| err(offset + lt, "unclosed tag"))?;
            out.push(Node::Close(c[..end].trim().to_string()));
            consumed = 2 + end + 1;
        } else {
            // Find the closing '>' outside quotes.
            let mut quote = None;
            let mut end = None;
            for (i, ch) in tag.char_indices().skip(1) {
                match (quote, ch) {
                    (None, '"' | '\'') => quote = Some(ch),
                    (Some(q), c) if c == q => quote = None,
                    (None, '>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end.ok_or_else(|| err(offset + lt, "unclosed tag"))?;
            let inner = &tag[1..end];
            let empty = inner.ends_with('/');
            let inner = inner.trim_end_matches('/');
            let name_end = inner
                .find(|c: char| c.is_whitespace())
                .unwrap_or(inner.len());
            let name = inner[..name_end].to_string();
            let attrs = attributes(&inner[name_end..])
                .map_err(|e| err(offset + lt, &format!("<{name}>: {e}")))?;
            out.push(Node::Open { name, attrs, empty });
            consumed = end + 1;
        }
        offset += lt + consumed;
        rest = &rest[lt + consumed..];
    }
    Ok(out)
}

fn attributes(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("attribute without value in {s:?}"))?;
        let name = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let q = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| format!("unquoted value of {name}"))?;
        let close = after[1..]
            .find(q)
            .ok_or_else(|| format!("unclosed value of {name}"))?;
        out.push((name, unescape(&after[1..1 + close])));
        rest = after[close + 2..].trim_start();
    }
    Ok(out)
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Lowercase letters and digits of a text, for comparing a parse with its text.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The leaf words of a Penn parse: `(NN word)`.
fn parse_leaves(parse: &str) -> String {
    let mut out = String::new();
    let b = parse.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let rest = &parse[i + 1..];
            let tag_end = rest
                .find(|c: char| c.is_whitespace() || c == '(' || c == ')')
                .unwrap_or(rest.len());
            let after = rest[tag_end..].trim_start();
            if !after.starts_with('(') {
                if let Some(close) = after.find(')') {
                    let word = &after[..close];
                    if !matches!(word, "-LRB-" | "-RRB-" | "-LCB-" | "-RCB-") {
                        out.push_str(&letters(word));
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8])
        .parse()
        .ok()
}

fn truthy(v: &str) -> bool {
    v.trim().eq_ignore_ascii_case("true")
}

/// Parses the text of a suite file.
pub fn parse_suite(xml: &str) -> Result<Suite, SuiteError> {
    let nodes = nodes(xml)?;
    let mut suite = Suite::default();
    let mut require_dyad = true;
    let mut options: BTreeMap<String, String> = BTreeMap::new();
    let mut i = 0;
    // Text content of the element opened at `nodes[i]`, up to its close.
    let text_of = |i: usize, name: &str| -> (String, usize) {
        let mut s = String::new();
        let mut j = i + 1;
        while j < nodes.len() {
            match &nodes[j] {
                Node::Text(t) => s.push_str(t),
                Node::Close(n) if n == name => break,
                _ => {}
            }
            j += 1;
        }
        (s, j)
    };
    while i < nodes.len() {
        if let Node::Open { name, attrs, empty } = &nodes[i] {
            match name.as_str() {
                "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" if !empty => {
                    let (t, j) = text_of(i, name);
                    suite.dictionaries.push(t.trim().to_string());
                    i = j;
                }
                "Include" if !empty => {
                    let (t, j) = text_of(i, name);
                    suite.include = t.split_whitespace().map(str::to_string).collect();
                    i = j;
                }
                "Config" => {
                    let opt = attr(attrs, "option").unwrap_or_default().to_lowercase();
                    let val = attr(attrs, "value").unwrap_or_default().to_string();
                    if opt == "require_dyad" {
                        require_dyad = truthy(&val);
                    } else if opt != "stop_on_error" && !opt.is_empty() {
                        options.insert(opt, val);
                    }
                }
                "Sentence" => {
                    let mut rec = SuiteRecord {
                        id: attr(attrs, "id").unwrap_or_default().to_string(),
                        category: attr(attrs, "category").unwrap_or_default().to_string(),
                        date: attr(attrs, "date").and_then(parse_date),
                        text: String::new(),
                        expected: Expectation::Events(Vec::new()),
                        require_dyad,
                        unsupported_options: options
                            .iter()
                            .filter(|(k, v)| !(k.as_str() == "new_actor_length" && v.trim() == "0"))
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect(),
                        parse_differs: false,
                        sentence: attr(attrs, "sentence").is_none_or(truthy),
                    };
                    let mut triples = Vec::new();
                    let mut none = false;
                    let mut error = None;
                    let mut parse = None;
                    let mut j = i + 1;
                    while j < nodes.len() {
                        match &nodes[j] {
                            Node::Close(n) if n == "Sentence" => break,
                            Node::Open { name, attrs, .. } if name == "EventCoding" => {
                                if attr(attrs, "noevents").is_some_and(truthy) {
                                    none = true;
                                } else if let Some(e) = attr(attrs, "error") {
                                    error = Some(e.to_string());
                                } else {
                                    let get = |k| attr(attrs, k).unwrap_or("---").to_string();
                                    triples.push((
                                        get("sourcecode"),
                                        get("targetcode"),
                                        get("eventcode"),
                                    ));
                                }
                            }
                            Node::Open { name, empty, .. } if !empty && name == "Text" => {
                                let (t, k) = text_of(j, "Text");
                                rec.text = t.split_whitespace().collect::<Vec<_>>().join(" ");
                                j = k;
                            }
                            Node::Open { name, empty, .. } if !empty && name == "Parse" => {
                                let (t, k) = text_of(j, "Parse");
                                parse = Some(t);
                                j = k;
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    if rec.id.is_empty() {
                        return Err(SuiteError(format!(
                            "record {} has no id",
                            suite.records.len() + 1
                        )));
                    }
                    triples.sort();
                    rec.expected = match (error, none) {
                        (Some(e), _) => Expectation::Error(e),
                        (None, true) => Expectation::NoEvents,
                        (None, false) => Expectation::Events(triples),
                    };
                    rec.parse_differs =
                        parse.is_some_and(|p| parse_leaves(&p) != letters(&rec.text));
                    suite.records.push(rec);
                    i = j;
                }
                _ => {}
            }
        }
        i += 1;
    }
    Ok(suite)
}

/// Reads a suite file.
pub fn read_suite(path: &Path) -> Result<Suite, SuiteError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| SuiteError(format!("{}: {e}", path.display())))?;
    parse_suite(&text).map_err(|e| SuiteError(format!("{}: {e}", path.display())))
}

// ---------------------------------------------------------------- running

/// The outcome of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordResult {
    /// Record id.
    pub id: String,
    /// Record category.
    pub category: String,
    /// True when the category is in the suite's `<Include>` list.
    pub included: bool,
    /// True when the coded triples equal the expected ones.
    pub passed: bool,
    /// Expected triples (empty for no-event records).
    pub expected: Vec<Triple>,
    /// Coded triples, sorted.
    pub coded: Vec<Triple>,
    /// Why the record may be out of reach (parse differs from text, options).
    pub notes: Vec<String>,
}

/// Pass counts of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records passed.
    pub passed: usize,
    /// Records run.
    pub total: usize,
}

/// The outcome of a suite run.
#[derive(Debug, Clone, Default)]
pub struct SuiteReport {
    /// Every record, in file order.
    pub results: Vec<RecordResult>,
    /// What loading the dictionaries did.
    pub load: LegacyReport,
}

impl SuiteReport {
    /// Passes over the records of included categories.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for r in self.results.iter().filter(|r| r.included) {
            t.total += 1;
            t.passed += usize::from(r.passed);
        }
        t
    }

    /// Passes by category (all records, included or not).
    pub fn by_category(&self) -> BTreeMap<String, Tally> {
        let mut m: BTreeMap<String, Tally> = BTreeMap::new();
        for r in &self.results {
            let t = m.entry(r.category.clone()).or_default();
            t.total += 1;
            t.passed += usize::from(r.passed);
        }
        m
    }

    /// Fraction of included records passed.
    pub fn pass_rate(&self) -> f64 {
        let t = self.tally();
        if t.total == 0 {
            0.0
        } else {
            t.passed as f64 / t.total as f64
        }
    }
}

fn fmt_triples(ts: &[Triple]) -> String {
    if ts.is_empty() {
        return "(none)".into();
    }
    ts.iter()
        .map(|(s, t, c)| format!("{s}→{t} {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for SuiteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.results {
            let mark = match (r.passed, r.included) {
                (true, _) => "pass",
                (false, true) => "FAIL",
                (false, false) => "fail",
            };
            write!(f, "{mark}  {:<18} {:<9}", r.id, r.category)?;
            if !r.included {
                write!(f, " (category not in <Include>)")?;
            }
            if r.passed {
                writeln!(f, " {}", fmt_triples(&r.coded))?;
            } else {
                writeln!(
                    f,
                    " expected {} | coded {}",
                    fmt_triples(&r.expected),
                    fmt_triples(&r.coded)
                )?;
            }
            for n in &r.notes {
                writeln!(f, "      note: {n}")?;
            }
        }
        writeln!(f)?;
        writeln!(f, "category    passed  total")?;
        for (c, t) in self.by_category() {
            writeln!(f, "{c:<11} {:>6} {:>6}", t.passed, t.total)?;
        }
        let t = self.tally();
        write!(
            f,
            "overall     {:>6} {:>6}  ({:.1}% of the records of the included categories)",
            t.passed,
            t.total,
            100.0 * self.pass_rate()
        )
    }
}

/// Loads the suite's dictionaries (file names from its `<Environment>`,
/// looked up in `dict_dir`) into an empty knowledge base: the suite's world
/// is fictional, so dyad's own actors and patterns are not used.
pub fn load_dictionaries(
    suite: &Suite,
    dict_dir: &Path,
) -> Result<(KnowledgeBase, LegacyReport), SuiteError> {
    let mut kb = KnowledgeBase::empty();
    let mut report = LegacyReport::default();
    let mut files: Vec<(LegacyKind, PathBuf)> = Vec::new();
    if suite.dictionaries.is_empty() {
        report = legacy::load_dir(&mut kb, dict_dir).map_err(|e| SuiteError(e.to_string()))?;
        return Ok((kb, report));
    }
    for name in &suite.dictionaries {
        let path = dict_dir.join(name);
        let kind = LegacyKind::from_file_name(&path)
            .map_err(|why| SuiteError(format!("{}: {why}", path.display())))?;
        files.push((kind, path));
    }
    files.sort();
    for (kind, path) in files {
        let r = legacy::load_file(&mut kb, &path, kind).map_err(|e| SuiteError(e.to_string()))?;
        report.merge(r);
    }
    Ok((kb, report))
}

/// Codes every record with `kb` and compares with the expectations.
pub fn run_suite(suite: &Suite, kb: &KnowledgeBase) -> SuiteReport {
    let mut results = Vec::with_capacity(suite.records.len());
    for rec in &suite.records {
        let doc = Document {
            id: rec.id.clone(),
            text: rec.text.clone(),
            published: rec.date,
            ..Default::default()
        };
        let mut coded: Vec<Triple> = code(&doc, kb)
            .into_iter()
            .filter(|e| !rec.require_dyad || e.target.is_some())
            .map(|e| {
                (
                    e.source.code,
                    e.target.map_or_else(|| "---".to_string(), |t| t.code),
                    e.cameo,
                )
            })
            .collect();
        coded.sort();
        coded.dedup();
        let expected = match &rec.expected {
            Expectation::Events(t) => t.clone(),
            _ => Vec::new(),
        };
        let mut notes = Vec::new();
        if rec.parse_differs {
            notes.push("the parse has other words than the text (PETRARCH codes the parse)".into());
        }
        if let Expectation::Error(e) = &rec.expected {
            notes.push(format!("expects error {e:?}: no events"));
        }
        if !rec.unsupported_options.is_empty() {
            notes.push(format!(
                "options not honoured: {}",
                rec.unsupported_options.join(", ")
            ));
        }
        if !rec.sentence {
            notes.push("sentence=\"false\"".into());
        }
        results.push(RecordResult {
            id: rec.id.clone(),
            category: rec.category.clone(),
            included: suite.include.is_empty() || suite.include.contains(&rec.category),
            passed: coded == expected,
            expected,
            coded,
            notes,
        });
    }
    SuiteReport {
        results,
        load: LegacyReport::default(),
    }
}

/// Reads a suite, loads its dictionaries from `dict_dir` (default: the
/// suite's folder) and runs it.
pub fn run_suite_file(path: &Path, dict_dir: Option<&Path>) -> Result<SuiteReport, SuiteError> {
    let suite = read_suite(path)?;
    let dir = match dict_dir {
        Some(d) => d.to_path_buf(),
        None => path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let (kb, load) = load_dictionaries(&suite, &dir)?;
    let mut report = run_suite(&suite, &kb);
    report.load = load;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Validation>
<Environment>
    <Verbfile>t.verbs.txt</Verbfile>
    <Include>valid DEMO</Include>
</Environment>
<!-- a comment with <Sentence> inside -->
<Sentences>
<Sentence date="19950101" id="D-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="ARN" eventcode="0 64"></EventCoding>
<Text>
Arnor restored
ties with Gondor &amp; more.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP Gondor) (CC &amp;) (JJR more)))) (. .)))</Parse>
</Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date = "20080801" id ="E-1"  category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>Text</Text>
<Parse>(ROOT (NP (NN Other)))</Parse>
</Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_records() {
        let s = parse_suite(XML).unwrap();
        assert_eq!(s.dictionaries, ["t.verbs.txt"]);
        assert_eq!(s.include, ["valid", "DEMO"]);
        assert_eq!(s.records.len(), 2);
        let r = &s.records[0];
        assert_eq!(r.id, "D-1");
        assert_eq!(r.date, Some(jiff::civil::date(1995, 1, 1)));
        assert_eq!(r.text, "Arnor restored ties with Gondor & more.");
        assert!(r.require_dyad);
        assert!(!r.parse_differs);
        assert_eq!(
            r.expected,
            Expectation::Events(vec![
                ("\"INJURY TOLL\"".into(), "ARN".into(), "0 64".into()),
                ("ARN".into(), "GON".into(), "064".into()),
            ])
        );
        let e = &s.records[1];
        assert_eq!(e.expected, Expectation::Error("dateline".into()));
        assert!(!e.require_dyad);
        assert!(e.parse_differs);
        assert!(parse_suite("<Sentence id=\"x\" date=\"1\">").is_ok());
        assert!(parse_suite("<Sentence id=\"x></Sentence>").is_err());
    }
}

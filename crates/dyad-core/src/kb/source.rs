//! The knowledge-base source files: their kinds, their line formats, the
//! parser that turns them into typed rows, and the checks `dyad kb check`
//! runs on them (schemas in `data/README.md`).
//!
//! This module is shared with the crate's build script, which parses and
//! checks the embedded `data/` files at compile time and stores the rows in
//! a compact binary form (postcard) inside the library: at run time the
//! embedded knowledge base needs no text parsing, and a data error fails the
//! build with its file and line. User files (`--kb-dir`) go through the same
//! parser at run time. It depends only on `std`, `serde` and the tokenizer.

use crate::text::segment::{fold_quotes, tokenize};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// What a knowledge-base file contains, told by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// `iso3  names  adjectives  capitals`
    Countries,
    /// `phrases  sector`
    Agents,
    /// `names  code`
    Orgs,
    /// `names  code  start  end`
    People,
    /// `names  country  code  status` — contested and self-declared regions
    Regions,
    /// `code  name  plover_agent` — sector (role) codes
    Sectors,
    /// `code  goldstein  name`
    CameoEvents,
    /// `code  pattern`, anchored on a verb
    Patterns,
    /// `code  pattern`, anchored on a noun
    NounPatterns,
    /// `geonames_id  name  alternates  iso3  admin1  lat  lon  population  feature`
    Places,
    /// `names  homes` — ethnic groups and the states they live in
    Ethnic,
}

impl SourceKind {
    /// Guesses the kind from a file name such as `people-extra.tsv`.
    pub fn from_file_name(path: &std::path::Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let kinds = [
            ("countries", SourceKind::Countries),
            ("agents", SourceKind::Agents),
            ("orgs", SourceKind::Orgs),
            ("people", SourceKind::People),
            ("regions", SourceKind::Regions),
            ("sectors", SourceKind::Sectors),
            ("cameo_events", SourceKind::CameoEvents),
            ("verbs", SourceKind::Patterns),
            ("nouns", SourceKind::NounPatterns),
            ("patterns", SourceKind::Patterns),
            ("places", SourceKind::Places),
            ("ethnic", SourceKind::Ethnic),
        ];
        kinds
            .iter()
            .find(|(prefix, _)| name.starts_with(prefix))
            .map(|&(_, k)| k)
    }
}

/// The files of `data/` compiled into the library, in load order (sectors
/// and CAMEO codes first, so that later files can be checked against them).
pub const EMBEDDED_FILES: &[(&str, SourceKind)] = &[
    ("sectors.tsv", SourceKind::Sectors),
    ("cameo_events.tsv", SourceKind::CameoEvents),
    ("countries.tsv", SourceKind::Countries),
    ("regions.tsv", SourceKind::Regions),
    ("ethnic.tsv", SourceKind::Ethnic),
    ("agents.tsv", SourceKind::Agents),
    ("orgs.tsv", SourceKind::Orgs),
    ("people.tsv", SourceKind::People),
    ("verbs.txt", SourceKind::Patterns),
    ("nouns.txt", SourceKind::NounPatterns),
];

/// The gazetteer file, compiled apart from [`EMBEDDED_FILES`] because it is
/// large: its places are indexed on a background thread at start-up.
pub const EMBEDDED_PLACES: (&str, SourceKind) = ("places.tsv", SourceKind::Places);

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

/// A phrase as written in a source file and its tokens (quotes folded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    /// The phrase as written.
    pub text: String,
    /// Its tokens, as the text tokenizer splits them.
    pub words: Vec<String>,
}

impl Phrase {
    /// Tokenizes `text` the way sentences are tokenized.
    pub fn new(text: &str) -> Self {
        let folded = fold_quotes(text);
        let words = tokenize(&folded)
            .iter()
            .map(|t| t.text(&folded).to_string())
            .collect();
        Phrase {
            text: text.to_string(),
            words,
        }
    }

    /// The lowercase words joined by single spaces: the phrase's key.
    pub fn key(&self) -> String {
        self.words.join(" ").to_lowercase()
    }
}

/// A calendar day, checked at parse time (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Day {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
    /// Day of the month.
    pub day: i8,
}

impl Day {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Option<Day> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (year, month, day): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Day { year, month, day })
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A sector agent phrase with its head noun (singular) and number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentPhrase {
    /// The phrase.
    pub phrase: Phrase,
    /// Head noun in the singular ("minister" for "ministers of defence").
    pub head: String,
    /// True for plural phrases ("troops", "foreign ministers").
    pub plural: bool,
}

/// One entry of a source file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    /// A country or territory.
    Country {
        /// ISO 3166 alpha-3 code.
        iso3: String,
        /// Names; the first is the display name.
        names: Vec<Phrase>,
        /// Adjectives and demonyms.
        demonyms: Vec<Phrase>,
        /// Capitals and seats of government, used as metonyms.
        capitals: Vec<Phrase>,
    },
    /// Sector agent phrases.
    Agent {
        /// The phrases.
        phrases: Vec<AgentPhrase>,
        /// Sector code.
        sector: String,
    },
    /// A named organisation.
    Org {
        /// Names; the first is the canonical one.
        names: Vec<Phrase>,
        /// Actor code.
        code: String,
    },
    /// A person in one role between two dates.
    Person {
        /// Names; the first is the canonical one.
        names: Vec<Phrase>,
        /// Actor code in this role.
        code: String,
        /// First day in the role.
        start: Option<Day>,
        /// First day out of the role (exclusive).
        end: Option<Day>,
    },
    /// A contested or self-declared region.
    Region {
        /// Names; the first is the display name.
        names: Vec<Phrase>,
        /// ISO3 of the state the region is coded in as a place.
        country: String,
        /// Actor code of its de facto authorities.
        code: String,
        /// Free-text status note.
        status: String,
    },
    /// An ethnic group.
    Ethnic {
        /// Nouns and adjectives naming the group.
        names: Vec<Phrase>,
        /// ISO3 codes of the states it lives in, the main one first.
        homes: Vec<String>,
    },
    /// A sector (role) code.
    Sector {
        /// Three-letter code.
        code: String,
        /// Name.
        name: String,
        /// PLOVER/POLECAT agent type.
        plover: String,
    },
    /// A CAMEO event code.
    Cameo {
        /// Code.
        code: String,
        /// Goldstein value.
        goldstein: f32,
        /// Name.
        name: String,
    },
    /// A populated place or region of the gazetteer.
    Place {
        /// GeoNames id.
        geonames_id: u64,
        /// Names; the first is the display name.
        names: Vec<Phrase>,
        /// ISO 3166 alpha-3 code of its country.
        iso3: String,
        /// First-level region, when known.
        admin1: String,
        /// Latitude, when known.
        lat: Option<f64>,
        /// Longitude, when known.
        lon: Option<f64>,
        /// Population (0 when unknown).
        population: u64,
        /// `capital`, `city` or `admin1`.
        feature: String,
    },
    /// An event pattern (verb- or noun-anchored by the file kind).
    Pattern {
        /// CAMEO code.
        code: String,
        /// Pattern text.
        pattern: String,
    },
}

/// An entry and the line it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// 1-based line number.
    pub line: u32,
    /// The entry.
    pub entry: Entry,
}

/// A parsed source file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    /// File name as given.
    pub name: String,
    /// Kind.
    pub kind: SourceKind,
    /// Entries in file order.
    pub rows: Vec<Row>,
}

/// Parses one source file; malformed lines are returned as errors and left out.
pub fn parse(name: &str, kind: SourceKind, text: &str) -> (SourceFile, Vec<KbError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
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
        match parse_line(kind, &cols) {
            Ok(entry) => rows.push(Row {
                line: idx as u32 + 1,
                entry,
            }),
            Err(message) => errors.push(KbError {
                file: name.to_string(),
                line: idx + 1,
                message,
            }),
        }
    }
    let file = SourceFile {
        name: name.to_string(),
        kind,
        rows,
    };
    (file, errors)
}

fn phrases(col: Option<&&str>) -> Vec<Phrase> {
    col.map_or(Vec::new(), |c| {
        c.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Phrase::new)
            .filter(|p| !p.words.is_empty())
            .collect()
    })
}

fn need(cols: &[&str], n: usize, what: &str) -> Result<(), String> {
    if cols.len() < n {
        return Err(format!(
            "expected {n} tab-separated columns ({what}), found {}",
            cols.len()
        ));
    }
    Ok(())
}

fn upper3(s: &str, what: &str) -> Result<String, String> {
    let s = s.trim();
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("bad {what} {s:?}: expected three capital letters"));
    }
    Ok(s.to_string())
}

fn actor_code(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.len() < 3
        || s.len() % 3 != 0
        || !s
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(format!(
            "bad actor code {s:?}: expected groups of three capital letters"
        ));
    }
    Ok(s.to_string())
}

fn day(col: Option<&&str>) -> Result<Option<Day>, String> {
    match col.map(|c| c.trim()).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => Day::parse(c)
            .map(Some)
            .ok_or_else(|| format!("bad date {c:?}: expected YYYY-MM-DD")),
    }
}

fn parse_line(kind: SourceKind, cols: &[&str]) -> Result<Entry, String> {
    let entry = match kind {
        SourceKind::Countries => {
            need(cols, 2, "iso3, names, adjectives, capitals")?;
            let names = phrases(cols.get(1));
            if names.is_empty() {
                return Err("no country name".into());
            }
            Entry::Country {
                iso3: upper3(cols[0], "ISO 3166 alpha-3 code")?,
                names,
                demonyms: phrases(cols.get(2)),
                capitals: phrases(cols.get(3)),
            }
        }
        SourceKind::Agents => {
            need(cols, 2, "phrases, sector")?;
            let phrases: Vec<AgentPhrase> = phrases(cols.first())
                .into_iter()
                .map(|p| {
                    // The phrase keeps its case: an acronym in capitals
                    // ("NGO") matches only as written.
                    let lower = Phrase::new(&p.text.to_lowercase());
                    let (head, plural) = agent_head(&lower.words);
                    AgentPhrase {
                        phrase: Phrase::new(&p.text),
                        head,
                        plural,
                    }
                })
                .collect();
            if phrases.is_empty() {
                return Err("no agent phrase".into());
            }
            Entry::Agent {
                phrases,
                sector: upper3(cols[1], "sector code")?,
            }
        }
        SourceKind::Orgs => {
            need(cols, 2, "names, code")?;
            let names = phrases(cols.first());
            if names.is_empty() {
                return Err("no organisation name".into());
            }
            Entry::Org {
                names,
                code: actor_code(cols[1])?,
            }
        }
        SourceKind::People => {
            need(cols, 2, "names, code, start, end")?;
            let names = phrases(cols.first());
            if names.is_empty() {
                return Err("no name".into());
            }
            let (start, end) = (day(cols.get(2))?, day(cols.get(3))?);
            if let (Some(s), Some(e)) = (start, end) {
                if e < s {
                    return Err(format!("role ends ({e}) before it starts ({s})"));
                }
            }
            Entry::Person {
                names,
                code: actor_code(cols[1])?,
                start,
                end,
            }
        }
        SourceKind::Regions => {
            need(cols, 3, "names, country, code, status")?;
            let names = phrases(cols.first());
            if names.is_empty() {
                return Err("no region name".into());
            }
            Entry::Region {
                names,
                country: upper3(cols[1], "ISO 3166 alpha-3 code")?,
                code: actor_code(cols[2])?,
                status: cols.get(3).map_or("", |s| s.trim()).to_string(),
            }
        }
        SourceKind::Ethnic => {
            need(cols, 2, "names, homes")?;
            let names = phrases(cols.first());
            if names.is_empty() {
                return Err("no ethnic group name".into());
            }
            let homes = cols[1]
                .split_whitespace()
                .map(|c| upper3(c, "ISO 3166 alpha-3 code"))
                .collect::<Result<Vec<_>, _>>()?;
            if homes.is_empty() {
                return Err("no home state".into());
            }
            Entry::Ethnic { names, homes }
        }
        SourceKind::Sectors => {
            need(cols, 3, "code, name, plover agent")?;
            Entry::Sector {
                code: upper3(cols[0], "sector code")?,
                name: cols[1].trim().to_string(),
                plover: cols[2].trim().to_string(),
            }
        }
        SourceKind::CameoEvents => {
            need(cols, 3, "code, goldstein, name")?;
            let code = cols[0].trim();
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("bad CAMEO code {code:?}"));
            }
            let goldstein: f32 = cols[1]
                .trim()
                .parse()
                .map_err(|_| format!("bad Goldstein value {:?}", cols[1]))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(format!("Goldstein value {goldstein} outside -10..10"));
            }
            Entry::Cameo {
                code: code.to_string(),
                goldstein,
                name: cols[2].trim().to_string(),
            }
        }
        SourceKind::Places => {
            need(
                cols,
                9,
                "geonames_id, name, alternates, iso3, admin1, lat, lon, population, feature",
            )?;
            let num = |i: usize, what: &str| -> Result<Option<f64>, String> {
                let c = cols[i].trim();
                if c.is_empty() {
                    return Ok(None);
                }
                c.parse().map(Some).map_err(|_| format!("bad {what} {c:?}"))
            };
            let mut names = phrases(cols.get(1));
            if names.is_empty() {
                return Err("no place name".into());
            }
            names.extend(phrases(cols.get(2)));
            let feature = cols[8].trim();
            if !matches!(feature, "capital" | "city" | "admin1") {
                return Err(format!(
                    "bad feature {feature:?}: expected capital, city or admin1"
                ));
            }
            Entry::Place {
                geonames_id: cols[0]
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad GeoNames id {:?}", cols[0]))?,
                names,
                iso3: upper3(cols[3], "ISO 3166 alpha-3 code")?,
                admin1: cols[4].trim().to_string(),
                lat: num(5, "latitude")?,
                lon: num(6, "longitude")?,
                population: num(7, "population")?.map_or(0, |p| p as u64),
                feature: feature.to_string(),
            }
        }
        SourceKind::Patterns | SourceKind::NounPatterns => {
            need(cols, 2, "code, pattern")?;
            let pattern = cols[1].trim();
            if pattern.is_empty() {
                return Err("empty pattern".into());
            }
            Entry::Pattern {
                code: cols[0].trim().to_string(),
                pattern: pattern.to_string(),
            }
        }
    };
    Ok(entry)
}

/// Nouns whose plural is not made with -s, and mass nouns read as plural.
const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("men", "man"),
    ("people", "person"),
    ("children", "child"),
    ("police", "police"),
    ("personnel", "personnel"),
    ("clergy", "clergy"),
    ("staff", "staff"),
    ("youth", "youth"),
    ("militia", "militia"),
    ("media", "media"),
];

/// Words that introduce a complement after the head noun.
const HEAD_STOPS: &[&str] = &["of", "to", "for", "in", "at", "from", "on", "with", "and"];

/// The head noun of an agent phrase (the last word before a preposition:
/// "minister" in "foreign minister", "ministers of defence") in the
/// singular, and whether the phrase is plural.
pub fn agent_head(words: &[String]) -> (String, bool) {
    let end = words
        .iter()
        .skip(1)
        .position(|w| HEAD_STOPS.contains(&w.as_str()))
        .map_or(words.len(), |p| p + 1);
    let head = words[..end]
        .iter()
        .rev()
        .find(|w| w.chars().any(char::is_alphabetic))
        .or(words.last());
    let Some(head) = head else {
        return (String::new(), false);
    };
    singular(head)
}

/// The singular of an English noun and whether `word` was plural.
fn singular(word: &str) -> (String, bool) {
    if let Some(&(_, s)) = IRREGULAR_PLURALS.iter().find(|(p, _)| *p == word) {
        return (s.to_string(), true);
    }
    let ends = |s: &str| word.ends_with(s);
    // "women", "gunmen", "spokesmen", "militiamen"
    if let Some(stem) = word.strip_suffix("men").filter(|s| !s.is_empty()) {
        return (format!("{stem}man"), true);
    }
    if word.len() <= 3 || ends("ss") || ends("us") || ends("is") || !ends("s") {
        return (word.to_string(), false);
    }
    let stem = if ends("ies") && word.len() > 4 {
        format!("{}y", &word[..word.len() - 3])
    } else if ["ches", "shes", "sses", "xes", "zes"]
        .iter()
        .any(|s| ends(s))
    {
        word[..word.len() - 2].to_string()
    } else {
        word[..word.len() - 1].to_string()
    };
    (stem, true)
}

/// True when a pattern's event code is a CAMEO code `known` accepts, or a
/// reversed one: `---:072` codes no event from the subject and 072 from the
/// target to the subject ("received weapons from +").
pub fn pattern_code_known(code: &str, known: impl Fn(&str) -> bool) -> bool {
    match code.split_once(':') {
        Some(("---", back)) => known(back),
        Some(_) => false,
        None => known(code),
    }
}

/// Prefixes of actor codes that belong to no single state.
pub const TRANSNATIONAL: &[&str] = &["IGO", "NGO", "NGM", "MNC", "INT", "UIS", "IMG"];

/// The CAMEO manual's international region codes, which stand in a code's
/// country part for a group of states named by their region ("African
/// states" AFR, "Western diplomats" WSTGOV), and its ethnic code for Arabs.
pub const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST", "ARB",
];

/// Checks parsed files as one knowledge base (later files override earlier
/// ones): malformed content the parser let through, duplicate keys within a
/// file, people whose roles overlap in time, and codes that no table defines
/// (sectors, countries, CAMEO codes). Returns the problems found.
pub fn check(files: &[SourceFile]) -> Vec<KbError> {
    let mut errors = Vec::new();
    let mut sectors: HashSet<&str> = HashSet::new();
    let mut countries: HashSet<&str> = HashSet::new();
    let mut cameo: HashSet<&str> = HashSet::new();
    for f in files {
        for r in &f.rows {
            match &r.entry {
                Entry::Sector { code, .. } => {
                    sectors.insert(code);
                }
                Entry::Country { iso3, .. } => {
                    countries.insert(iso3);
                }
                Entry::Cameo { code, .. } => {
                    cameo.insert(code);
                }
                // A region with a code of its own (Kosovo, XKX) defines it.
                Entry::Region { country, code, .. } if code.as_str() == country.as_str() => {
                    countries.insert(country);
                }
                _ => {}
            }
        }
    }
    let unknown_country =
        |c: &str| !countries.is_empty() && !countries.contains(c) && !REGIONS.contains(&c);
    let known_code = |code: &str| -> Result<(), String> {
        let head = &code[..3];
        if TRANSNATIONAL.contains(&head) {
            return Ok(());
        }
        if unknown_country(head) {
            return Err(format!("actor code {code:?}: unknown country {head:?}"));
        }
        for part in code.as_bytes()[3..].chunks(3) {
            let part = std::str::from_utf8(part).unwrap_or("");
            if !sectors.is_empty() && !sectors.contains(part) {
                return Err(format!("actor code {code:?}: unknown sector {part:?}"));
            }
        }
        Ok(())
    };
    for f in files {
        let mut err = |line: u32, message: String| {
            errors.push(KbError {
                file: f.name.clone(),
                line: line as usize,
                message,
            })
        };
        // key -> first line that defined it, per file
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut dup = |key: String, line: u32, what: &str, err: &mut dyn FnMut(u32, String)| {
            if let Some(&first) = seen.get(&key) {
                // Case variants on one line ("NATO|Nato") are deliberate.
                if first != line {
                    err(line, format!("duplicate {what} (first on line {first})"));
                }
            } else {
                seen.insert(key, line);
            }
        };
        let mut roles: BTreeMap<String, Vec<RoleSpan<'_>>> = BTreeMap::new();
        for r in &f.rows {
            match &r.entry {
                Entry::Country {
                    iso3,
                    names,
                    demonyms,
                    capitals,
                    ..
                } => {
                    dup(
                        format!("c:{iso3}"),
                        r.line,
                        &format!("country {iso3}"),
                        &mut err,
                    );
                    for p in names.iter().chain(demonyms).chain(capitals) {
                        dup(
                            format!("p:{}", p.key()),
                            r.line,
                            &format!("country phrase {:?}", p.text),
                            &mut err,
                        );
                    }
                }
                Entry::Agent { phrases, sector } => {
                    if !sectors.is_empty() && !sectors.contains(sector.as_str()) {
                        err(r.line, format!("unknown sector {sector:?}"));
                    }
                    for p in phrases {
                        dup(
                            format!("a:{}", p.phrase.key()),
                            r.line,
                            &format!("agent phrase {:?}", p.phrase.text),
                            &mut err,
                        );
                    }
                }
                Entry::Org { names, code } => {
                    if let Err(m) = known_code(code) {
                        err(r.line, m);
                    }
                    for p in names {
                        dup(
                            format!("o:{}", p.key()),
                            r.line,
                            &format!("organisation name {:?}", p.text),
                            &mut err,
                        );
                    }
                }
                Entry::Ethnic { names, homes } => {
                    for c in homes {
                        if unknown_country(c) {
                            err(r.line, format!("unknown country {c:?}"));
                        }
                    }
                    for p in names {
                        dup(
                            format!("e:{}", p.key()),
                            r.line,
                            &format!("ethnic group name {:?}", p.text),
                            &mut err,
                        );
                    }
                }
                Entry::Region {
                    names,
                    country,
                    code,
                    ..
                } => {
                    if unknown_country(country) {
                        err(r.line, format!("unknown country {country:?}"));
                    }
                    if let Err(m) = known_code(code) {
                        err(r.line, m);
                    }
                    for p in names {
                        dup(
                            format!("r:{}", p.key()),
                            r.line,
                            &format!("region name {:?}", p.text),
                            &mut err,
                        );
                    }
                }
                Entry::Person {
                    names,
                    code,
                    start,
                    end,
                } => {
                    if let Err(m) = known_code(code) {
                        err(r.line, m);
                    }
                    roles.entry(names[0].key()).or_default().push((
                        r.line,
                        code.as_str(),
                        *start,
                        *end,
                    ));
                }
                Entry::Place {
                    geonames_id, iso3, ..
                } => {
                    if unknown_country(iso3) {
                        err(r.line, format!("unknown country {iso3:?}"));
                    }
                    dup(
                        format!("g:{geonames_id}"),
                        r.line,
                        &format!("GeoNames id {geonames_id}"),
                        &mut err,
                    );
                }
                Entry::Sector { code, .. } => dup(
                    format!("s:{code}"),
                    r.line,
                    &format!("sector {code}"),
                    &mut err,
                ),
                Entry::Cameo { code, .. } => dup(
                    format!("e:{code}"),
                    r.line,
                    &format!("CAMEO code {code}"),
                    &mut err,
                ),
                Entry::Pattern { code, pattern } => {
                    if !cameo.is_empty() && !pattern_code_known(code, |c| cameo.contains(c)) {
                        err(r.line, format!("unknown CAMEO code {code:?}"));
                    }
                    dup(
                        format!("t:{}", pattern.to_lowercase()),
                        r.line,
                        &format!("pattern {pattern:?}"),
                        &mut err,
                    );
                }
            }
        }
        for (name, list) in &roles {
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    if overlaps((a.2, a.3), (b.2, b.3)) && (a.1 == b.1 || !concurrent(a.1, b.1)) {
                        err(
                            b.0,
                            format!(
                                "roles of {name:?} overlap: {} from line {} and {} here",
                                a.1, a.0, b.1
                            ),
                        );
                    }
                }
            }
        }
    }
    errors
}

/// A person's role as checked: line, code, start, end.
type RoleSpan<'a> = (u32, &'a str, Option<Day>, Option<Day>);

/// Two different codes one person may hold at once (a head of state who
/// also leads a party is `GOV` and `PTY`); only the same country counts.
fn concurrent(a: &str, b: &str) -> bool {
    a.get(..3) == b.get(..3)
}

fn overlaps(a: (Option<Day>, Option<Day>), b: (Option<Day>, Option<Day>)) -> bool {
    // Half-open ranges [start, end); None is unbounded.
    let a_before_b_ends = match (a.0, b.1) {
        (Some(s), Some(e)) => s < e,
        _ => true,
    };
    let b_before_a_ends = match (b.0, a.1) {
        (Some(s), Some(e)) => s < e,
        _ => true,
    };
    a_before_b_ends && b_before_a_ends
}

/// The gazetteer in its compiled form: every string in one buffer, places
/// and name keys as fixed-size records, keys sorted for binary search. It
/// decodes in a few milliseconds and is searched in place (no hash index
/// is built at start-up).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompiledPlaces {
    /// Display names, region names and lowercase name keys, concatenated.
    pub text: String,
    /// One record per place.
    pub places: Vec<PlaceRecord>,
    /// One record per (name, place), sorted by the key's text.
    pub keys: Vec<KeyRecord>,
    /// Most words in one name.
    pub max_words: u8,
}

/// A slice of [`CompiledPlaces::text`]: byte offset and length.
pub type TextRef = (u32, u16);

/// One place of a [`CompiledPlaces`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    /// GeoNames id.
    pub geonames_id: u64,
    /// Display name.
    pub name: TextRef,
    /// First-level region (empty when unknown).
    pub admin1: TextRef,
    /// ISO 3166 alpha-3 code.
    pub iso3: [u8; 3],
    /// Latitude (NaN when unknown).
    pub lat: f32,
    /// Longitude (NaN when unknown).
    pub lon: f32,
    /// Population (0 when unknown).
    pub population: u32,
    /// 0 city, 1 capital, 2 admin1.
    pub feature: u8,
}

/// A lowercase name key and the place it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRecord {
    /// The key: lowercase words joined by single spaces.
    pub key: TextRef,
    /// Index into [`CompiledPlaces::places`].
    pub place: u32,
}

impl CompiledPlaces {
    /// Compiles the place rows of parsed files (other rows are ignored).
    pub fn compile(files: &[SourceFile]) -> Self {
        let mut c = CompiledPlaces::default();
        let push = |text: &mut String, s: &str| -> TextRef {
            let off = text.len() as u32;
            let s = &s[..s.len().min(u16::MAX as usize)];
            text.push_str(s);
            (off, s.len() as u16)
        };
        let mut keys: Vec<(String, u32)> = Vec::new();
        for r in files.iter().flat_map(|f| &f.rows) {
            let Entry::Place {
                geonames_id,
                names,
                iso3,
                admin1,
                lat,
                lon,
                population,
                feature,
            } = &r.entry
            else {
                continue;
            };
            let idx = c.places.len() as u32;
            let mut code = [b'-'; 3];
            code.copy_from_slice(&iso3.as_bytes()[..3]);
            let name = push(&mut c.text, &names[0].text);
            let admin1 = push(&mut c.text, admin1);
            c.places.push(PlaceRecord {
                geonames_id: *geonames_id,
                name,
                admin1,
                iso3: code,
                lat: lat.map_or(f32::NAN, |v| v as f32),
                lon: lon.map_or(f32::NAN, |v| v as f32),
                population: (*population).min(u32::MAX as u64) as u32,
                feature: match feature.as_str() {
                    "capital" => 1,
                    "admin1" => 2,
                    _ => 0,
                },
            });
            for n in names {
                c.max_words = c.max_words.max(n.words.len().min(255) as u8);
                keys.push((n.key(), idx));
            }
        }
        keys.sort();
        keys.dedup();
        for (k, place) in keys {
            let key = push(&mut c.text, &k);
            c.keys.push(KeyRecord { key, place });
        }
        c
    }

    /// The text of a [`TextRef`].
    pub fn str(&self, r: TextRef) -> &str {
        let (off, len) = (r.0 as usize, r.1 as usize);
        self.text.get(off..off + len).unwrap_or("")
    }

    /// Indices of the places whose name key is exactly `key`.
    pub fn lookup(&self, key: &str) -> Vec<u32> {
        let start = self.keys.partition_point(|k| self.str(k.key) < key);
        self.keys[start..]
            .iter()
            .take_while(|k| self.str(k.key) == key)
            .map(|k| k.place)
            .collect()
    }

    /// True when some key starts with `prefix` followed by a space (a longer
    /// name may still match).
    pub fn has_longer(&self, prefix: &str) -> bool {
        let probe = format!("{prefix} ");
        let start = self
            .keys
            .partition_point(|k| self.str(k.key) < probe.as_str());
        self.keys
            .get(start)
            .is_some_and(|k| self.str(k.key).starts_with(&probe))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        Phrase::new(s).words
    }

    #[test]
    fn days_must_exist() {
        assert_eq!(
            Day::parse("2020-02-29"),
            Some(Day {
                year: 2020,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2019-02-29",
            "2020-13-01",
            "2020-1-01",
            "20-01-01",
            "2020-04-31",
            "",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn agent_heads_are_singular_nouns_before_a_complement() {
        let cases = [
            ("foreign minister", "minister", false),
            ("ministers of defence", "minister", true),
            ("troops", "troop", true),
            ("security forces", "force", true),
            ("authorities", "authority", true),
            ("police", "police", true),
            ("riot police officers", "officer", true),
            ("ambassador to the united states", "ambassador", false),
            ("women", "woman", true),
            ("unknown gunmen", "gunman", true),
            ("rebel spokesmen", "spokesman", true),
            ("press", "press", false),
            ("bus", "bus", false),
        ];
        for (phrase, head, plural) in cases {
            assert_eq!(
                agent_head(&words(phrase)),
                (head.to_string(), plural),
                "{phrase}"
            );
        }
    }

    #[test]
    fn parse_reports_bad_lines_with_their_numbers() {
        let text = "# header\nFRA\tFrance\tFrench\tParis\nfr\tFrance\n\nGBR\n";
        let (file, errors) = parse("countries.tsv", SourceKind::Countries, text);
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].line, 2);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 5]);
        assert!(errors[0].message.contains("ISO 3166"), "{}", errors[0]);
    }

    #[test]
    fn ethnic_groups_need_known_home_states() {
        let countries = "IRQ\tIraq\tIraqi\nTUR\tTurkey\tTurkish\n";
        let ethnic = "Kurd|Kurds|Kurdish\tTUR IRQ\nYoruba\tNGA\nBasque\tspain\nTamil\n";
        let (c, _) = parse("countries.tsv", SourceKind::Countries, countries);
        let (e, errors) = parse("ethnic.tsv", SourceKind::Ethnic, ethnic);
        // "spain" is no code and "Tamil" has no home: parse errors.
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4]);
        match &e.rows[0].entry {
            Entry::Ethnic { names, homes } => {
                assert_eq!(names.len(), 3);
                assert_eq!(homes, &["TUR", "IRQ"]);
            }
            other => panic!("{other:?}"),
        }
        // NGA is not among the countries: the check reports it.
        let problems = check(&[c, e]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("NGA"), "{}", problems[0]);
    }

    #[test]
    fn half_open_role_periods() {
        let d = |s| Day::parse(s);
        // One role ends the day the next starts: no overlap.
        assert!(!overlaps(
            (d("2018-04-26"), d("2021-01-20")),
            (d("2021-01-20"), None)
        ));
        assert!(overlaps(
            (d("2018-04-26"), None),
            (d("2020-01-01"), d("2020-02-01"))
        ));
        assert!(overlaps((None, None), (d("2020-01-01"), None)));
    }
}

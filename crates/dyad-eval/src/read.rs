//! Readers for every gold format (see [`Format`]).
//!
//! A gold file must be exact: the first malformed record stops the read with
//! an [`EvalError::Malformed`] naming the file and 1-based line, and never a
//! panic. Blank lines are skipped.

use crate::format::Format;
use crate::gold::{
    Gold, GoldEvent, LocationItem, ManualItem, PairItem, PentaItem, TimexItem, TripleGold,
    TripleItem,
};
use crate::text::find_span;
use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A record is not what its format requires.
    #[error("{path}:{line}: {message}")]
    Malformed {
        /// The file.
        path: String,
        /// 1-based line of the record.
        line: usize,
        /// What is wrong and what was expected.
        message: String,
    },
    /// `--format auto` could not tell what the file is.
    #[error(
        "{path}: cannot tell the gold format from the file name or the first record; \
         pass --format (one of: {})",
        Format::ALL.map(Format::name).join(", ")
    )]
    UnknownFormat {
        /// The file.
        path: String,
    },
}

/// A gold file as read: its format, its records, and the records skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldFile {
    /// The format the file was read in.
    pub format: Format,
    /// The records.
    pub gold: Gold,
    /// Records that are well-formed but cannot be scored (an empty text), as
    /// `file:line: reason`.
    pub skipped: Vec<String>,
}

/// Reads a gold file. With `format` `None` the format is detected with
/// [`Format::detect`].
pub fn read_file(path: &Path, format: Option<Format>) -> Result<GoldFile, EvalError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: name.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        EvalError::Malformed {
            path: name.clone(),
            line,
            message: "not valid UTF-8".into(),
        }
    })?;
    let format = match format {
        Some(f) => f,
        None => {
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            Format::detect(path, first).ok_or(EvalError::UnknownFormat { path: name.clone() })?
        }
    };
    let mut file = read_str(&name, &text, format)?;
    if let (Gold::Timex(items), Some(dir)) = (&mut file.gold, path.parent()) {
        crate::timeml::attach_contexts(items, &dir.join("tml"));
    }
    Ok(file)
}

/// Reads gold records of a known format from a string; `name` is used in
/// error messages.
pub fn read_str(name: &str, text: &str, format: Format) -> Result<GoldFile, EvalError> {
    let r = Reader {
        name,
        skipped: std::cell::RefCell::new(Vec::new()),
    };
    let gold = match format {
        Format::Native => r.native(text).map(Gold::Triples),
        Format::PetrGsr | Format::PetrUnittests => r.petr(text).map(Gold::Triples),
        Format::PloverGsr => r.plover(text).map(Gold::Triples),
        Format::CameoManual => r.manual(text).map(Gold::Manual),
        Format::ZspPlv => r.zsp(text).map(Gold::Pairs),
        Format::Conflibert => r.conflibert(text).map(Gold::Penta),
        Format::Timebank => r.timebank(text).map(Gold::Timex),
        Format::EventLocation => r.locations(text).map(Gold::Locations),
        Format::Geoparsing => crate::geoparse::read(name, text).map(|(docs, notes)| {
            r.skipped.borrow_mut().extend(notes);
            Gold::Toponyms(docs)
        }),
    }?;
    Ok(GoldFile {
        format,
        gold,
        skipped: r.skipped.into_inner(),
    })
}

/// Parses a gold date: `YYYY-MM-DD`, `YYYYMMDD` (PETRARCH) or `YYMMDD`
/// (TABARI; years 00–49 are 20xx, 50–99 are 19xx).
pub fn parse_gold_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let bad = || format!("expected a date as YYYY-MM-DD, YYYYMMDD or YYMMDD, got {s:?}");
    if s.contains('-') {
        return s.parse::<Date>().map_err(|_| bad());
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Result<i16, String> {
        s.get(r).and_then(|d| d.parse().ok()).ok_or_else(bad)
    };
    let (year, rest) = match s.len() {
        8 => (num(0..4)?, 4),
        6 => {
            let yy = num(0..2)?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, 2)
        }
        _ => return Err(bad()),
    };
    let month = i8::try_from(num(rest..rest + 2)?).map_err(|_| bad())?;
    let day = i8::try_from(num(rest + 2..rest + 4)?).map_err(|_| bad())?;
    Date::new(year, month, day).map_err(|_| bad())
}

/// A record id that may be a string or a number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawId {
    Text(String),
    Number(serde_json::Number),
}

impl RawId {
    fn into_string(self) -> String {
        match self {
            RawId::Text(s) => s.trim().to_string(),
            RawId::Number(n) => n.to_string(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct RawTriple {
    source: Option<String>,
    target: Option<String>,
    cameo: String,
}

#[derive(Debug, Deserialize)]
struct RawNative {
    id: Option<RawId>,
    text: String,
    date: Option<String>,
    events: Vec<RawTriple>,
}

#[derive(Debug, Deserialize)]
struct RawPetr {
    id: Option<RawId>,
    text: String,
    date: Option<String>,
    #[serde(default)]
    events: Vec<RawTriple>,
    #[serde(default)]
    noevents: bool,
}

#[derive(Debug, Deserialize)]
struct RawPloverActor {
    code: Option<String>,
    sector: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RawPlover {
    id: Option<RawId>,
    text: String,
    plover_event: String,
    #[serde(default)]
    source: Vec<RawPloverActor>,
    #[serde(default)]
    target: Vec<RawPloverActor>,
    #[serde(default)]
    reciprocal: bool,
    cameo_from_manual: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RawManual {
    cameo: String,
    text: String,
}

#[derive(Debug, Deserialize)]
struct RawZsp {
    #[serde(alias = "id")]
    sentence_id: Option<RawId>,
    text: String,
    marked: Option<String>,
    #[serde(alias = "source")]
    source_span: String,
    #[serde(alias = "target")]
    target_span: String,
    #[serde(alias = "label")]
    plover_root: String,
}

#[derive(Debug, Deserialize)]
struct RawPenta {
    text: String,
    penta: u8,
    #[serde(default)]
    source_spans: Vec<String>,
    #[serde(default)]
    target_spans: Vec<String>,
    #[serde(default)]
    reciprocal_spans: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawLocation {
    id: Option<RawId>,
    text: String,
    verbs: Vec<String>,
    #[serde(default)]
    locations: Vec<String>,
    answer: Option<String>,
}

/// The old PLOVER (0.5b1) event names used by the PLOVER gold standard and
/// their PLOVER 2021 names.
const PLOVER_RENAMES: &[(&str, &str)] = &[
    ("DEMAND", "REQUEST"),
    ("DISAPPROVE", "ACCUSE"),
    ("FIGHT", "ASSAULT"),
    ("INVESTIGATE", "ACCUSE"),
];

/// Country codes of the PLOVER gold standard that are not ISO 3166
/// alpha-3 (old CAMEO spellings and slips), read as the ISO code the gold
/// README promises.
pub const GOLD_COUNTRY_FIXES: &[(&str, &str)] = &[("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM")];

/// Sector codes of the PLOVER gold standard that mean something else in
/// CAMEO, read as their CAMEO code: the PLOVER agents file writes medical
/// actors MED (CAMEO HLH, "Health") and journalists JRN (CAMEO MED,
/// "Media"); CIV is a slip for CVL.
pub const GOLD_SECTOR_FIXES: &[(&str, &str)] = &[("MED", "HLH"), ("JRN", "MED"), ("CIV", "CVL")];

/// The sixteen PLOVER 2021 event types (dyad's ontology).
pub use dyad_core::ontology::PLOVER_EVENTS;

/// The PLOVER 2021 name of a PLOVER event name, old or new (`FIGHT` →
/// `ASSAULT`); `None` for an unknown name.
pub fn plover_2021_name(name: &str) -> Option<&'static str> {
    let upper = name.trim().to_ascii_uppercase();
    PLOVER_RENAMES
        .iter()
        .find(|(old, _)| *old == upper)
        .map(|&(_, new)| new)
        .or_else(|| PLOVER_EVENTS.into_iter().find(|e| *e == upper))
}

struct Reader<'a> {
    name: &'a str,
    skipped: std::cell::RefCell<Vec<String>>,
}

impl Reader<'_> {
    fn err(&self, line: usize, message: impl Into<String>) -> EvalError {
        EvalError::Malformed {
            path: self.name.to_string(),
            line,
            message: message.into(),
        }
    }

    /// Parses every non-blank line as a `T`, with its 1-based line number.
    fn jsonl<T: DeserializeOwned>(&self, text: &str) -> Result<Vec<(usize, T)>, EvalError> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() {
                continue;
            }
            let record = serde_json::from_str(line)
                .map_err(|e| self.err(line_no, format!("not a valid record: {e}")))?;
            out.push((line_no, record));
        }
        Ok(out)
    }

    /// The record's text, or `None` (the record skipped and listed) when it
    /// is empty: such a record cannot be coded.
    fn text(&self, line: usize, text: String) -> Option<String> {
        if text.trim().is_empty() {
            self.skipped.borrow_mut().push(format!(
                "{}:{line}: empty \"text\", record skipped",
                self.name
            ));
            None
        } else {
            Some(text)
        }
    }

    fn date(&self, line: usize, date: Option<String>) -> Result<Option<Date>, EvalError> {
        match date.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(d) => parse_gold_date(d)
                .map(Some)
                .map_err(|m| self.err(line, format!("\"date\": {m}"))),
        }
    }

    /// A CAMEO event code: 2–4 digits, possibly followed by capital letters
    /// (the PETRARCH unit tests use test codes such as `174K`).
    fn cameo(&self, line: usize, code: &str) -> Result<String, EvalError> {
        let code = code.trim();
        let digits = code.bytes().take_while(u8::is_ascii_digit).count();
        let letters_ok = code.bytes().skip(digits).all(|b| b.is_ascii_uppercase());
        if (2..=4).contains(&digits) && code.len() <= 6 && letters_ok {
            Ok(code.to_string())
        } else {
            Err(self.err(
                line,
                format!("\"cameo\": expected a CAMEO event code of 2-4 digits, got {code:?}"),
            ))
        }
    }

    fn triples(&self, line: usize, events: Vec<RawTriple>) -> Result<Vec<GoldEvent>, EvalError> {
        let actor = |a: Option<String>| {
            a.map(|s| s.trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty())
        };
        events
            .into_iter()
            .map(|e| {
                Ok(GoldEvent {
                    cameo: Some(self.cameo(line, &e.cameo)?),
                    source: actor(e.source),
                    target: actor(e.target),
                    plover: None,
                })
            })
            .collect()
    }

    fn native(&self, text: &str) -> Result<TripleGold, EvalError> {
        let mut items = Vec::new();
        for (line, r) in self.jsonl::<RawNative>(text)? {
            let events = self.triples(line, r.events)?;
            let date = self.date(line, r.date)?;
            let Some(text) = self.text(line, r.text) else {
                continue;
            };
            items.push(TripleItem {
                id: r.id.map_or_else(|| line.to_string(), RawId::into_string),
                line,
                text,
                date,
                events,
            });
        }
        Ok(TripleGold {
            items,
            plover: false,
        })
    }

    fn petr(&self, text: &str) -> Result<TripleGold, EvalError> {
        let mut items = Vec::new();
        for (line, r) in self.jsonl::<RawPetr>(text)? {
            if r.noevents && !r.events.is_empty() {
                return Err(self.err(line, "\"noevents\" is true but \"events\" is not empty"));
            }
            let events = self.triples(line, r.events)?;
            let date = self.date(line, r.date)?;
            let Some(text) = self.text(line, r.text) else {
                continue;
            };
            items.push(TripleItem {
                id: r.id.map_or_else(|| line.to_string(), RawId::into_string),
                line,
                text,
                date,
                events,
            });
        }
        Ok(TripleGold {
            items,
            plover: false,
        })
    }

    /// PLOVER records: one event per record, expanded into (source, target)
    /// pairs; records with the same text are merged into one sentence.
    fn plover(&self, text: &str) -> Result<TripleGold, EvalError> {
        let mut items: Vec<TripleItem> = Vec::new();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        for (line, r) in self.jsonl::<RawPlover>(text)? {
            let event = plover_2021_name(&r.plover_event).ok_or_else(|| {
                self.err(
                    line,
                    format!("unknown PLOVER event {:?}", r.plover_event.trim()),
                )
            })?;
            let cameo = match r.cameo_from_manual.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(c) => Some(self.cameo(line, c)?),
            };
            let actor = |a: &RawPloverActor| -> Option<String> {
                let mut code = a.code.as_deref()?.trim().to_ascii_uppercase();
                if code.is_empty() || code.contains('*') {
                    return None;
                }
                if let Some((_, iso)) = GOLD_COUNTRY_FIXES.iter().find(|(old, _)| *old == code) {
                    code = iso.to_string();
                }
                // Sectors such as `CVLalb` carry an ethnic suffix; `***` is unknown.
                let sector: String = a
                    .sector
                    .as_deref()
                    .unwrap_or("")
                    .trim()
                    .chars()
                    .take(3)
                    .collect();
                if sector.len() == 3 && sector.chars().all(|c| c.is_ascii_alphabetic()) {
                    let sector = sector.to_ascii_uppercase();
                    let sector = GOLD_SECTOR_FIXES
                        .iter()
                        .find(|(plover, _)| *plover == sector)
                        .map_or(sector.as_str(), |(_, cameo)| cameo);
                    Some(format!("{code}{sector}"))
                } else {
                    Some(code)
                }
            };
            let sources: Vec<Option<String>> = r.source.iter().map(actor).collect();
            let targets: Vec<Option<String>> = r.target.iter().map(actor).collect();
            let make = |s: Option<String>, t: Option<String>| GoldEvent {
                source: s,
                target: t,
                cameo: cameo.clone(),
                plover: Some(event.to_string()),
            };
            let mut events = Vec::new();
            let everyone: Vec<&Option<String>> = sources.iter().chain(&targets).collect();
            if r.reciprocal && everyone.len() >= 2 {
                for (i, a) in everyone.iter().enumerate() {
                    for (j, b) in everyone.iter().enumerate() {
                        if i != j {
                            events.push(make((*a).clone(), (*b).clone()));
                        }
                    }
                }
            } else {
                let sources = if sources.is_empty() {
                    vec![None]
                } else {
                    sources
                };
                let targets = if targets.is_empty() {
                    vec![None]
                } else {
                    targets
                };
                for s in &sources {
                    for t in &targets {
                        events.push(make(s.clone(), t.clone()));
                    }
                }
            }
            let Some(text) = self.text(line, r.text) else {
                continue;
            };
            match by_text.get(&text) {
                Some(&k) => items[k].events.extend(events),
                None => {
                    by_text.insert(text.clone(), items.len());
                    items.push(TripleItem {
                        id: r.id.map_or_else(|| line.to_string(), RawId::into_string),
                        line,
                        text,
                        date: None,
                        events,
                    });
                }
            }
        }
        Ok(TripleGold {
            items,
            plover: true,
        })
    }

    fn manual(&self, text: &str) -> Result<Vec<ManualItem>, EvalError> {
        let mut items = Vec::new();
        for (line, r) in self.jsonl::<RawManual>(text)? {
            let cameo = self.cameo(line, &r.cameo)?;
            let Some(text) = self.text(line, r.text) else {
                continue;
            };
            items.push(ManualItem {
                id: cameo.clone(),
                line,
                text,
                cameo,
            });
        }
        Ok(items)
    }

    fn zsp(&self, text: &str) -> Result<Vec<PairItem>, EvalError> {
        let mut items = Vec::new();
        for (line, r) in self.jsonl::<RawZsp>(text)? {
            let Some(text) = self.text(line, r.text) else {
                continue;
            };
            let label = r.plover_root.trim().to_ascii_uppercase();
            if label != "YIELD" && plover_2021_name(&label).is_none() {
                return Err(self.err(line, format!("unknown PLOVER root {label:?}")));
            }
            let marked = r.marked.as_deref().and_then(|m| marked_spans(m, &text));
            let (source, target) = match marked {
                Some(spans) => spans,
                // Without usable marks the spans are searched; a span that is
                // not in the text is implicit ("An actor", "a recipient").
                None => (
                    find_span(&text, &r.source_span),
                    find_span(&text, &r.target_span),
                ),
            };
            if source.is_none() && target.is_none() {
                return Err(self.err(
                    line,
                    format!(
                        "neither the source span {:?} nor the target span {:?} is in the text",
                        r.source_span, r.target_span
                    ),
                ));
            }
            items.push(PairItem {
                id: r
                    .sentence_id
                    .map_or_else(|| line.to_string(), RawId::into_string),
                line,
                text,
                source,
                target,
                label,
            });
        }
        Ok(items)
    }

    fn conflibert(&self, text: &str) -> Result<Vec<PentaItem>, EvalError> {
        let mut items = Vec::new();
        for (line, r) in self.jsonl::<RawPenta>(text)? {
            if r.penta > 4 {
                return Err(self.err(
                    line,
                    format!("\"penta\": expected a class 0-4, got {}", r.penta),
                ));
            }
            let Some(text) = self.text(line, r.text) else {
                continue;
            };
            items.push(PentaItem {
                id: line.to_string(),
                line,
                text,
                penta: r.penta,
                source_spans: r.source_spans,
                target_spans: r.target_spans,
                reciprocal_spans: r.reciprocal_spans,
            });
        }
        Ok(items)
    }

    fn timebank(&self, text: &str) -> Result<Vec<TimexItem>, EvalError> {
        const COLUMNS: [&str; 7] = ["corpus", "doc", "dct", "tid", "type", "value", "text"];
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((header_idx, header)) = lines.next() else {
            return Ok(Vec::new());
        };
        let header: Vec<&str> = header
            .trim_start_matches('\u{feff}')
            .split('\t')
            .map(str::trim)
            .collect();
        let mut col = [0usize; 7];
        for (k, name) in COLUMNS.iter().enumerate() {
            col[k] = header.iter().position(|h| h == name).ok_or_else(|| {
                self.err(
                    header_idx + 1,
                    format!(
                        "header must name the columns {}; {name:?} is missing",
                        COLUMNS.join(", ")
                    ),
                )
            })?;
        }
        let mut items = Vec::new();
        for (i, l) in lines {
            let line = i + 1;
            let cells: Vec<&str> = l.split('\t').collect();
            if cells.len() != header.len() {
                return Err(self.err(
                    line,
                    format!(
                        "expected {} tab-separated columns, found {}",
                        header.len(),
                        cells.len()
                    ),
                ));
            }
            let cell = |k: usize| cells[col[k]].trim().to_string();
            let dct = parse_gold_date(&cell(2)).map_err(|m| self.err(line, format!("dct: {m}")))?;
            items.push(TimexItem {
                line,
                doc: cell(1),
                dct,
                tid: cell(3),
                kind: cell(4).to_ascii_uppercase(),
                value: cell(5),
                text: cell(6),
                context: None,
            });
        }
        Ok(items)
    }

    fn locations(&self, text: &str) -> Result<Vec<LocationItem>, EvalError> {
        let mut items = Vec::new();
        for (line, r) in self.jsonl::<RawLocation>(text)? {
            let verbs: Vec<String> = r
                .verbs
                .iter()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            if verbs.is_empty() {
                return Err(self.err(line, "\"verbs\" must name at least one verb"));
            }
            let Some(text) = self.text(line, r.text) else {
                continue;
            };
            items.push(LocationItem {
                id: r.id.map_or_else(|| line.to_string(), RawId::into_string),
                line,
                text,
                verbs,
                locations: r.locations,
                answer: r.answer,
            });
        }
        Ok(items)
    }
}

/// Byte spans of `<s>…</s>` and `<t>…</t>` in `marked`, as offsets into the
/// text without marks; `None` unless removing the marks gives `text` and
/// each mark appears at most once. A span that is not marked is `None` (an
/// implicit actor such as "a recipient").
type MarkedSpans = (Option<[usize; 2]>, Option<[usize; 2]>);
fn marked_spans(marked: &str, text: &str) -> Option<MarkedSpans> {
    let mut plain = String::with_capacity(marked.len());
    // Positions of <s>, </s>, <t>, </t> in the text without marks.
    let mut marks: [Option<usize>; 4] = [None; 4];
    const TAGS: [&str; 4] = ["<s>", "</s>", "<t>", "</t>"];
    let mut rest = marked;
    while !rest.is_empty() {
        if let Some(k) = TAGS.iter().position(|tag| rest.starts_with(tag)) {
            if marks[k].is_some() {
                return None;
            }
            marks[k] = Some(plain.len());
            rest = &rest[TAGS[k].len()..];
        } else {
            let c = rest.chars().next()?;
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if plain != text {
        return None;
    }
    let span = |open: Option<usize>, close: Option<usize>| match (open, close) {
        (Some(a), Some(b)) if a <= b => Some([a, b]),
        _ => None,
    };
    let optional = |open: Option<usize>, close: Option<usize>| match (open, close) {
        (None, None) => Some(None),
        (open, close) => span(open, close).map(Some),
    };
    Some((optional(marks[0], marks[1])?, optional(marks[2], marks[3])?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(name: &str, text: &str, format: Format) -> Result<Gold, EvalError> {
        read_str(name, text, format).map(|f| f.gold)
    }

    fn malformed(r: Result<Gold, EvalError>) -> (usize, String) {
        match r {
            Err(EvalError::Malformed { line, message, .. }) => (line, message),
            other => panic!("expected a malformed-record error, got {other:?}"),
        }
    }

    fn triples(g: Gold) -> TripleGold {
        match g {
            Gold::Triples(t) => t,
            other => panic!("expected triples, got {other:?}"),
        }
    }

    #[test]
    fn gold_dates() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(parse_gold_date("2020-10-20"), Ok(d(2020, 10, 20)));
        assert_eq!(parse_gold_date("19950103"), Ok(d(1995, 1, 3)));
        assert_eq!(parse_gold_date("081108"), Ok(d(2008, 11, 8)));
        assert_eq!(parse_gold_date("951108"), Ok(d(1995, 11, 8)));
        for bad in ["", "2020", "20201340", "2020-02-30", "abcdefgh", "2020-1-x"] {
            assert!(parse_gold_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn native_records_and_errors() {
        let text = concat!(
            r#"{"id":"a","text":"Kenya praised Uganda.","date":"2021-03-04","events":[{"source":"kenGOV","target":"UGA","cameo":"051"}]}"#,
            "\n\n",
            r#"{"text":"Nothing happened.","events":[]}"#,
            "\n",
            r#"{"text":"Turkey spoke.","date":null,"events":[{"source":"TUR","target":null,"cameo":"010"}]}"#,
            "\n",
        );
        let g = triples(gold("n.jsonl", text, Format::Native).unwrap());
        assert!(!g.plover);
        assert_eq!(g.items.len(), 3);
        assert_eq!(g.items[0].id, "a");
        assert_eq!(g.items[0].date, Date::new(2021, 3, 4).ok());
        assert_eq!(g.items[0].events[0].source.as_deref(), Some("KENGOV"));
        assert_eq!(g.items[1].id, "3");
        assert_eq!(g.items[1].line, 3);
        assert!(g.items[1].events.is_empty());
        assert_eq!(g.items[2].events[0].target, None);

        let cases = [
            ("{\"text\":\"a\",\"events\":[]}\nnot json\n", 2, "not a valid record"),
            ("{\"text\":\"a\"}\n", 1, "missing field `events`"),
            (
                "{\"text\":\"a\",\"date\":\"May 5\",\"events\":[]}\n",
                1,
                "\"date\"",
            ),
            (
                "\n{\"text\":\"a\",\"events\":[{\"source\":\"A\",\"target\":null,\"cameo\":\"19x\"}]}\n",
                2,
                "CAMEO event code",
            ),
            (
                "{\"text\":\"a\",\"events\":[{\"source\":\"A\",\"target\":null}]}\n",
                1,
                "missing field `cameo`",
            ),
            ("{\"text\":\"a\",\"events\":{}}\n", 1, "invalid type"),
        ];
        for (input, line, msg) in cases {
            let (l, m) = malformed(gold("n.jsonl", input, Format::Native));
            assert_eq!(l, line, "{input}");
            assert!(m.contains(msg), "{input}: {m}");
        }
        let err = gold("gold/n.jsonl", "[1]\n", Format::Native).unwrap_err();
        assert!(err.to_string().starts_with("gold/n.jsonl:1: "), "{err}");
        // An empty text cannot be coded: the record is skipped and listed.
        let f = read_str(
            "gold/n.jsonl",
            "{\"text\":\"a\",\"events\":[]}\n{\"text\":\" \",\"events\":[]}\n",
            Format::Native,
        )
        .unwrap();
        assert_eq!(triples(f.gold).items.len(), 1);
        assert_eq!(
            f.skipped,
            ["gold/n.jsonl:2: empty \"text\", record skipped"]
        );
        assert!(err.to_string().starts_with("gold/n.jsonl:1: "), "{err}");
    }

    #[test]
    fn petrarch_records() {
        let text = concat!(
            r#"{"id":"P-1","date":"19950103","category":"X","text":"Gondor accused Mordor.","events":[{"source":"GON","target":"MORMIL","cameo":"112"}],"noevents":false}"#,
            "\n",
            r#"{"id":"P-2","date":"950104","category":"X","text":"Nothing.","events":[],"noevents":true}"#,
            "\n",
        );
        let g = triples(gold("p.jsonl", text, Format::PetrUnittests).unwrap());
        assert_eq!(g.items[0].date, Date::new(1995, 1, 3).ok());
        assert_eq!(g.items[1].date, Date::new(1995, 1, 4).ok());
        assert_eq!(g.items[0].events[0].cameo.as_deref(), Some("112"));
        let bad = r#"{"id":"P-3","date":"19950103","text":"x","events":[{"source":"A","target":"B","cameo":"010"}],"noevents":true}"#;
        let (l, m) = malformed(gold("p.jsonl", bad, Format::PetrGsr));
        assert_eq!(l, 1);
        assert!(m.contains("noevents"), "{m}");
        let bad = r#"{"id":"P-4","date":"1995-13-01","text":"x","events":[]}"#;
        assert_eq!(malformed(gold("p.jsonl", bad, Format::PetrGsr)).0, 1);
    }

    #[test]
    fn plover_records_expand_and_merge() {
        let text = concat!(
            // Reciprocal compound source, old event name, CAMEO code given.
            r#"{"id":"A-1","text":"Kenyan and Ugandan officials agreed to cooperate.","plover_event":"AGREE","source":[{"text":"Kenyan","code":"KEN","sector":"GOV"},{"text":"Ugandan","code":"UGA","sector":"GOV"}],"target":[],"reciprocal":true,"cameo_from_manual":"030"}"#,
            "\n",
            r#"{"id":"F-1","text":"Rebels attacked the army.","plover_event":"FIGHT","source":[{"text":"Rebels","code":"SDN","sector":"REBxyz"}],"target":[{"text":"the army","code":"SDN","sector":"***"},{"text":"police","code":"SDN","sector":"COP"}],"reciprocal":false,"cameo_from_manual":null}"#,
            "\n",
            r#"{"id":"F-2","text":"Rebels attacked the army.","plover_event":"DISAPPROVE","source":[{"code":"SDN","sector":null}],"target":[],"reciprocal":false,"cameo_from_manual":null}"#,
            "\n",
        );
        let g = triples(gold("pl.jsonl", text, Format::PloverGsr).unwrap());
        assert!(g.plover);
        assert_eq!(g.items.len(), 2, "same text merged");
        let pairs: Vec<(Option<&str>, Option<&str>, Option<&str>)> = g.items[0]
            .events
            .iter()
            .map(|e| {
                (
                    e.source.as_deref(),
                    e.target.as_deref(),
                    e.plover.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                (Some("KENGOV"), Some("UGAGOV"), Some("AGREE")),
                (Some("UGAGOV"), Some("KENGOV"), Some("AGREE")),
            ]
        );
        assert_eq!(g.items[0].events[0].cameo.as_deref(), Some("030"));
        let second: Vec<(Option<&str>, Option<&str>, Option<&str>)> = g.items[1]
            .events
            .iter()
            .map(|e| {
                (
                    e.source.as_deref(),
                    e.target.as_deref(),
                    e.plover.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            second,
            [
                (Some("SDNREB"), Some("SDN"), Some("ASSAULT")),
                (Some("SDNREB"), Some("SDNCOP"), Some("ASSAULT")),
                (Some("SDN"), None, Some("ACCUSE")),
            ]
        );
        // Old CAMEO country spellings in the gold read as ISO 3166, PLOVER
        // sectors as CAMEO's (MED, medical, is CAMEO HLH).
        let old = r#"{"id":"J-1","text":"Japan halted aid to Italy.","plover_event":"SANCTION","source":[{"code":"JAP","sector":"GOV"}],"target":[{"code":"ITL","sector":"MED"}],"reciprocal":false}"#;
        let g = triples(gold("pl.jsonl", old, Format::PloverGsr).unwrap());
        let e = &g.items[0].events[0];
        assert_eq!(
            (e.source.as_deref(), e.target.as_deref()),
            (Some("JPNGOV"), Some("ITAHLH"))
        );
        let bad = r#"{"id":"X","text":"a","plover_event":"HUG","source":[],"target":[]}"#;
        let (l, m) = malformed(gold("pl.jsonl", bad, Format::PloverGsr));
        assert_eq!(l, 1);
        assert!(m.contains("unknown PLOVER event"), "{m}");
    }

    #[test]
    fn manual_examples() {
        let text = "{\"cameo\":\"0231\",\"name\":\"x\",\"text\":\"Chad asked for aid.\",\"note\":null,\"root\":\"02\"}\n";
        match gold("m.jsonl", text, Format::CameoManual).unwrap() {
            Gold::Manual(items) => {
                assert_eq!(items[0].cameo, "0231");
                assert_eq!(items[0].text, "Chad asked for aid.");
            }
            other => panic!("{other:?}"),
        }
        let (l, _) = malformed(gold(
            "m.jsonl",
            "{\"cameo\":7,\"text\":\"x\"}",
            Format::CameoManual,
        ));
        assert_eq!(l, 1);
    }

    #[test]
    fn zsp_spans_come_from_the_marks() {
        let text = concat!(
            r#"{"sentence_id":"9","text":"Oslo and Oslo’s mayor met Bern.","marked":"Oslo and <s>Oslo’s mayor</s> met <t>Bern</t>.","source_span":"Oslo’s mayor","target_span":"Bern","plover_root":"consult","penta":"1"}"#,
            "\n",
            // No marks: the spans are searched in the text.
            r#"{"id":"10","text":"Peru 's army left Chile.","source":"Peru's army","target":"Chile","label":"YIELD"}"#,
            "\n",
            r#"{"id":"11","text":"Peru left.","marked":"<s>Peru</s> left.","source_span":"Peru","target_span":"a recipient","plover_root":"RETREAT"}"#,
            "\n",
            r#"{"id":"12","text":"Peru left.","source":"Peru","target":"a recipient","label":"RETREAT"}"#,
            "\n",
            r#"{"id":"13","text":"Aid reached Peru.","marked":"Aid reached <t>Peru</t>.","source_span":"An actor","target_span":"Peru","plover_root":"AID"}"#,
            "\n",
        );
        match gold("z.jsonl", text, Format::ZspPlv).unwrap() {
            Gold::Pairs(items) => {
                let t = &items[0].text;
                let [a, b] = items[0].source.unwrap();
                assert_eq!(&t[a..b], "Oslo’s mayor");
                assert_eq!(items[0].target, Some([28, 32]));
                assert_eq!(items[0].label, "CONSULT");
                let t = &items[1].text;
                let [a, b] = items[1].source.unwrap();
                assert_eq!(&t[a..b], "Peru 's army");
                assert_eq!(items[1].label, "YIELD");
                // No target mark: an implicit target.
                assert_eq!(items[2].target, None);
                assert_eq!(items[3].target, None);
                assert_eq!((items[4].source, items[4].target), (None, Some([12, 16])));
            }
            other => panic!("{other:?}"),
        }
        let bad = r#"{"text":"Peru left.","source":"Chile","target":"Bolivia","label":"RETREAT"}"#;
        let (_, m) = malformed(gold("z.jsonl", bad, Format::ZspPlv));
        assert!(m.contains("neither the source span"), "{m}");
        let bad = r#"{"text":"Peru left.","source":"Peru","target":"Peru","label":"WAVE"}"#;
        let (_, m) = malformed(gold("z.jsonl", bad, Format::ZspPlv));
        assert!(m.contains("unknown PLOVER root"), "{m}");
    }

    #[test]
    fn conflibert_records() {
        let text = concat!(
            r#"{"text":"Troops shelled the town.","penta":4,"source_spans":["Troops"],"target_spans":["the town"],"reciprocal_spans":[]}"#,
            "\n",
            r#"{"text":"Nothing to see.","penta":0}"#,
            "\n",
        );
        match gold("c.jsonl", text, Format::Conflibert).unwrap() {
            Gold::Penta(items) => {
                assert_eq!(items.len(), 2);
                assert_eq!(items[0].source_spans, ["Troops"]);
                assert!(items[1].target_spans.is_empty());
                assert_eq!(items[1].id, "2");
            }
            other => panic!("{other:?}"),
        }
        for bad in [r#"{"text":"x","penta":7}"#, r#"{"text":"x","penta":-1}"#] {
            assert_eq!(malformed(gold("c.jsonl", bad, Format::Conflibert)).0, 1);
        }
    }

    #[test]
    fn timebank_rows() {
        let text = "corpus\tdoc\tdct\ttid\ttype\tvalue\ttext\n\
                    TB\td1.tml\t1998-01-08\tt1\tDATE\t1998-01-07\tyesterday\n\
                    TB\td1.tml\t1998-01-08\tt2\tDURATION\tP1W\ta week\n";
        match gold("t.tsv", text, Format::Timebank).unwrap() {
            Gold::Timex(items) => {
                assert_eq!(items.len(), 2);
                assert_eq!(items[0].dct, Date::new(1998, 1, 8).unwrap());
                assert_eq!(items[0].kind, "DATE");
                assert_eq!(items[0].text, "yesterday");
                assert_eq!(items[1].line, 3);
            }
            other => panic!("{other:?}"),
        }
        let (l, m) = malformed(gold(
            "t.tsv",
            "corpus\tdoc\tdct\ttid\ttype\tvalue\ttext\nTB\td1\t1998-01-08\tt1\tDATE\n",
            Format::Timebank,
        ));
        assert_eq!((l, m.contains("columns")), (2, true));
        let (l, m) = malformed(gold(
            "t.tsv",
            "corpus\tdoc\tdct\ttid\ttype\tvalue\ttext\nTB\td1\t8 Jan 1998\tt1\tDATE\tx\ty\n",
            Format::Timebank,
        ));
        assert_eq!((l, m.contains("dct")), (2, true));
        let (l, m) = malformed(gold("t.tsv", "doc\tvalue\n", Format::Timebank));
        assert_eq!((l, m.contains("header")), (1, true));
    }

    #[test]
    fn location_records() {
        let text = concat!(
            r#"{"id":123,"source":"x","text":"Gunmen shot a guard in Yala.","verbs":["shot"],"locations":["Yala"],"answer":"accept"}"#,
            "\n",
            r#"{"id":"b","source":"x","text":"Two were killed.","verbs":["killed"],"locations":[],"answer":null}"#,
            "\n",
        );
        match gold("l.jsonl", text, Format::EventLocation).unwrap() {
            Gold::Locations(items) => {
                assert_eq!(items[0].id, "123");
                assert_eq!(items[0].locations, ["Yala"]);
                assert_eq!(items[1].answer, None);
            }
            other => panic!("{other:?}"),
        }
        let (_, m) = malformed(gold(
            "l.jsonl",
            r#"{"text":"x","verbs":[],"locations":[]}"#,
            Format::EventLocation,
        ));
        assert!(m.contains("verbs"), "{m}");
    }

    #[test]
    fn read_file_detects_and_reports_io_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.jsonl");
        std::fs::write(&path, "{\"text\":\"a\",\"events\":[]}\n").unwrap();
        let f = read_file(&path, None).unwrap();
        assert_eq!(f.format, Format::Native);
        assert!(f.skipped.is_empty());
        let missing = dir.path().join("none.jsonl");
        assert!(matches!(
            read_file(&missing, None),
            Err(EvalError::Io { .. })
        ));
        let odd = dir.path().join("odd.jsonl");
        std::fs::write(&odd, "{\"x\":1}\n").unwrap();
        let err = read_file(&odd, None).unwrap_err();
        assert!(err.to_string().contains("--format"), "{err}");
        let latin1 = dir.path().join("l1.jsonl");
        std::fs::write(
            &latin1,
            b"{\"text\":\"a\",\"events\":[]}\n{\"text\":\"caf\xe9\"}\n",
        )
        .unwrap();
        let err = read_file(&latin1, Some(Format::Native)).unwrap_err();
        assert!(
            err.to_string().ends_with("l1.jsonl:2: not valid UTF-8"),
            "{err}"
        );
    }
}

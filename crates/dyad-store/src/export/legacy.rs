//! The GDELT 2.0, ICEWS, Phoenix and POLECAT layouts.
//!
//! All four are tab-separated without quoting: tabs and line breaks inside
//! values become spaces. Column orders are the published ones, cited at each
//! list. Deviations, all documented in the README:
//!
//! - ids: `GLOBALEVENTID`, ICEWS `Event ID` and Phoenix `eid` are numbers
//!   made from the first 13 hex digits (52 bits, exact in a double) of the
//!   event id, so they are stable across exports; POLECAT's `Event ID` is the
//!   event id itself;
//! - GDELT geography uses ISO 3166 alpha-3 country codes and GeoNames ids
//!   where GDELT has FIPS 10-4 codes and GNS/GNIS feature ids; only the
//!   action location is filled (actor locations are not coded);
//! - Phoenix `quad_class` is Phoenix's 0–4 (0: CAMEO roots 01–02), not
//!   GDELT's 1–4, and its `countryname` is the ISO alpha-3 code;
//! - values dyad does not produce (tone, ethnic and religion codes, COW
//!   codes, Wikipedia ids, issues) are empty.

use super::{tsv_field, write_err, EventSink};
use crate::query::Dedup;
use crate::row::StoredEvent;
use crate::{Result, Store};
use dyad_core::kb::source::TRANSNATIONAL;
use dyad_core::{Actor, KnowledgeBase};
use sha2::{Digest, Sha256};
use std::io::Write;

/// GDELT 2.0 Event table columns, in order: "The GDELT Event Database Data
/// Format Codebook V2.0" (2015-02-19,
/// <http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf>),
/// with the column names of the `gdelt-bq.gdeltv2.events` table
/// (`GLOBALEVENTID`, `SQLDATE`). 61 columns; the files have no header.
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// ICEWS coded event data columns, in order, as in the header of the
/// `events.YYYY.*.tab` files of the ICEWS Coded Event Data on Harvard
/// Dataverse (doi:10.7910/DVN/28075). 20 columns with a header.
pub const ICEWS_COLUMNS: &[&str] = &[
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

/// Phoenix event data columns, in the order `create_strings` in
/// `postprocess.py` of the OEDA phoenix_pipeline writes them (the daily
/// `events.full.YYYYMMDD.txt` files, no header; fields 24–26 are the joined
/// sentence ids, URLs and sources of the events merged by the one-a-day
/// filter, called SentenceID, URLs and NewsSources in the Phoenix data
/// documentation). 26 columns.
pub const PHOENIX_COLUMNS: &[&str] = &[
    "eid",
    "story_date",
    "year",
    "month",
    "day",
    "source",
    "source_root",
    "source_agent",
    "source_others",
    "target",
    "target_root",
    "target_agent",
    "target_others",
    "code",
    "root_code",
    "quad_class",
    "goldstein",
    "joined_issues",
    "lat",
    "lon",
    "placename",
    "statename",
    "countryname",
    "aid",
    "url",
    "publisher",
];

/// POLECAT weekly data columns, in order, as in the header of the
/// `ngecEvents.*.txt` files of the POLECAT dataset on Harvard Dataverse
/// (doi:10.7910/DVN/AJGVIT). Some weekly files spell the fifth column
/// "Event Intensity". 40 columns with a header.
pub const POLECAT_COLUMNS: &[&str] = &[
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
];

/// Phoenix's primary agents (`postprocess.py`).
const PHOENIX_AGENTS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
];

/// A writer of one of the four layouts.
pub struct LegacySink<'a> {
    format: super::Format,
    out: Box<dyn Write + Send + 'a>,
    kb: &'a KnowledgeBase,
    header_pending: bool,
    join_mentions: bool,
}

impl<'a> LegacySink<'a> {
    /// A sink for a legacy `format`; `header` forces a header line on the
    /// layouts that have none. Phoenix joins the ids, URLs and publishers of
    /// all mentions when `dedup` is [`Dedup::Clusters`].
    pub fn new(
        format: super::Format,
        out: Box<dyn Write + Send + 'a>,
        kb: &'a KnowledgeBase,
        header: bool,
        dedup: Dedup,
    ) -> Result<Self> {
        use super::Format::*;
        let has_header = matches!(format, Icews | Polecat);
        Ok(LegacySink {
            format,
            out,
            kb,
            header_pending: has_header || header,
            join_mentions: dedup == Dedup::Clusters,
        })
    }

    /// The column names of the layout.
    pub fn columns(format: super::Format) -> &'static [&'static str] {
        use super::Format::*;
        match format {
            Gdelt => GDELT_COLUMNS,
            Icews => ICEWS_COLUMNS,
            Phoenix => PHOENIX_COLUMNS,
            _ => POLECAT_COLUMNS,
        }
    }

    fn line(&mut self, fields: &[String]) -> Result<()> {
        let mut first = true;
        for f in fields {
            if !first {
                self.out.write_all(b"\t").map_err(write_err)?;
            }
            first = false;
            self.out
                .write_all(tsv_field(f).as_bytes())
                .map_err(write_err)?;
        }
        self.out.write_all(b"\n").map_err(write_err)
    }

    fn header(&mut self) -> Result<()> {
        if self.header_pending {
            self.header_pending = false;
            let names: Vec<String> = Self::columns(self.format)
                .iter()
                .map(|s| s.to_string())
                .collect();
            self.line(&names)?;
        }
        Ok(())
    }

    fn country_name(&self, iso3: Option<&str>) -> String {
        iso3.map(|c| self.kb.country_name(c).unwrap_or(c).to_string())
            .unwrap_or_default()
    }
}

impl EventSink for LegacySink<'_> {
    fn write(&mut self, e: &StoredEvent, store: &Store) -> Result<bool> {
        use super::Format::*;
        let row = match self.format {
            Gdelt => gdelt_row(e),
            Icews => icews_row(e, self),
            Phoenix => phoenix_row(e, store, self.join_mentions)?,
            _ => match polecat_row(e) {
                Some(r) => r,
                None => return Ok(false),
            },
        };
        debug_assert_eq!(row.len(), Self::columns(self.format).len());
        self.header()?;
        self.line(&row)?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.header()?;
        self.out.flush().map_err(write_err)
    }
}

/// A stable number for an event id: its first 13 hex digits (52 bits), or
/// those of its SHA-256 when it is not hexadecimal.
pub fn numeric_id(id: &str) -> u64 {
    let hex = id
        .get(..13)
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    match hex {
        Some(h) => u64::from_str_radix(h, 16).unwrap_or(0),
        None => {
            let d = Sha256::digest(id.as_bytes());
            d[..7]
                .iter()
                .fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
                >> 4
        }
    }
}

/// The parts of an actor code: (country, known group, role codes).
fn code_parts(a: &Actor) -> (Option<String>, Option<String>, Vec<String>) {
    let chunks: Vec<String> = a
        .code
        .as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let country = a.country.clone();
    let mut rest: &[String] = &chunks;
    let mut group = None;
    let mut types = Vec::new();
    if let Some(first) = rest.first() {
        if country.as_deref() == Some(first.as_str()) {
            rest = &rest[1..];
        } else if TRANSNATIONAL.contains(&first.as_str()) {
            types.push(first.clone());
            rest = &rest[1..];
            if let Some(next) = rest.first() {
                if country.as_deref() != Some(next.as_str()) {
                    group = Some(next.clone());
                }
                rest = &rest[1..];
            }
        }
    }
    types.extend(rest.iter().cloned());
    (country, group, types)
}

fn ymd(e: &StoredEvent) -> Option<(i16, i8, i8)> {
    e.event.date.map(|d| (d.year(), d.month(), d.day()))
}

fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The name an actor goes by: its personal name, else its words.
fn actor_name(a: &Actor) -> String {
    a.name.clone().unwrap_or_else(|| a.text.clone())
}

fn gdelt_actor(a: Option<&Actor>, row: &mut Vec<String>) {
    let Some(a) = a else {
        row.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let (country, group, types) = code_parts(a);
    row.push(a.code.clone());
    row.push(actor_name(a));
    row.push(country.unwrap_or_default());
    row.push(group.unwrap_or_default());
    row.extend([String::new(), String::new(), String::new()]); // ethnic, religion 1, 2
    for i in 0..3 {
        row.push(types.get(i).cloned().unwrap_or_default());
    }
}

fn gdelt_row(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    let mut r = Vec::with_capacity(GDELT_COLUMNS.len());
    r.push(numeric_id(&ev.id).to_string());
    match ymd(e) {
        Some((y, m, d)) => {
            r.push(format!("{y:04}{m:02}{d:02}"));
            r.push(format!("{y:04}{m:02}"));
            r.push(y.to_string());
            // Codebook: YYYY.FFFF with FFFF = (MONTH * 30 + DAY) / 365.
            let frac = f64::from(y) + (f64::from(m) * 30.0 + f64::from(d)) / 365.0;
            r.push(format!("{frac:.4}"));
        }
        None => r.extend(std::iter::repeat_n(String::new(), 4)),
    }
    gdelt_actor(Some(&ev.source), &mut r);
    gdelt_actor(ev.target.as_ref(), &mut r);
    r.push(if ev.sentence == 0 { "1" } else { "0" }.into());
    r.push(ev.cameo.clone());
    r.push(ev.cameo.get(..3).unwrap_or(&ev.cameo).to_string());
    r.push(ev.cameo_root.clone());
    r.push(ev.quad_class.to_string());
    r.push(ev.goldstein.to_string());
    r.push(e.num_mentions.to_string());
    r.push(e.num_sources.to_string());
    r.push(e.num_articles.to_string());
    r.push(String::new()); // AvgTone
    r.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo_*, Actor2Geo_*
    match &ev.location {
        Some(l) => {
            let geo_type = match (l.lat.is_some(), l.country.as_deref()) {
                (true, Some("USA")) => "3",
                (true, _) => "4",
                (false, Some(_)) => "1",
                (false, None) => "",
            };
            let full: Vec<&str> = [
                Some(l.name.as_str()),
                l.admin1.as_deref(),
                l.country.as_deref(),
            ]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
            r.push(geo_type.into());
            r.push(full.join(", "));
            r.push(l.country.clone().unwrap_or_default());
            r.push(String::new()); // ADM1Code
            r.push(String::new()); // ADM2Code
            r.push(num(l.lat));
            r.push(num(l.lon));
            r.push(num(l.geonames_id));
        }
        None => r.extend(std::iter::repeat_n(String::new(), 8)),
    }
    r.push(
        e.ingested_at
            .chars()
            .filter(char::is_ascii_digit)
            .take(14)
            .collect(),
    );
    r.push(
        e.url
            .clone()
            .or_else(|| e.publisher.clone())
            .unwrap_or_else(|| ev.doc_id.clone()),
    );
    r
}

fn icews_row(e: &StoredEvent, sink: &LegacySink) -> Vec<String> {
    let ev = &e.event;
    let sectors = |a: &Actor| code_parts(a).2.join(",");
    let t = ev.target.as_ref();
    let l = ev.location.as_ref();
    vec![
        numeric_id(&ev.id).to_string(),
        num(ev.date),
        actor_name(&ev.source),
        sectors(&ev.source),
        sink.country_name(ev.source.country.as_deref()),
        ev.cameo_name.clone(),
        ev.cameo.clone(),
        ev.goldstein.to_string(),
        t.map(actor_name).unwrap_or_default(),
        t.map(sectors).unwrap_or_default(),
        sink.country_name(t.and_then(|t| t.country.as_deref())),
        ev.doc_id.clone(),
        (ev.sentence + 1).to_string(),
        e.publisher.clone().unwrap_or_default(),
        l.map(|l| l.name.clone()).unwrap_or_default(),
        String::new(),
        l.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        sink.country_name(l.and_then(|l| l.country.as_deref())),
        num(l.and_then(|l| l.lat)),
        num(l.and_then(|l| l.lon)),
    ]
}

/// Phoenix's split of an actor code (`process_actors` in `postprocess.py`):
/// (code, root, agent, others joined by `;`).
fn phoenix_actor(a: Option<&Actor>) -> [String; 4] {
    let Some(a) = a else {
        return Default::default();
    };
    let code = &a.code;
    let root = code.get(..3).unwrap_or("").to_string();
    let agent = code
        .get(3..6)
        .filter(|s| PHOENIX_AGENTS.contains(s))
        .unwrap_or("")
        .to_string();
    let start = if agent.is_empty() { 3 } else { 6 };
    let others: Vec<&str> = code
        .get(start..)
        .unwrap_or("")
        .as_bytes()
        .chunks(3)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    [code.clone(), root, agent, others.join(";")]
}

fn phoenix_row(e: &StoredEvent, store: &Store, join_mentions: bool) -> Result<Vec<String>> {
    let ev = &e.event;
    let mut r = Vec::with_capacity(PHOENIX_COLUMNS.len());
    r.push(numeric_id(&ev.id).to_string());
    match ymd(e) {
        Some((y, m, d)) => {
            r.push(format!("{y:04}{m:02}{d:02}"));
            r.push(y.to_string());
            r.push(format!("{m:02}"));
            r.push(format!("{d:02}"));
        }
        None => r.extend(std::iter::repeat_n(String::new(), 4)),
    }
    r.extend(phoenix_actor(Some(&ev.source)));
    r.extend(phoenix_actor(ev.target.as_ref()));
    r.push(ev.cameo.clone());
    r.push(ev.cameo_root.clone());
    let quad = dyad_core::ontology::quad_class_phoenix(&ev.cameo).unwrap_or(ev.quad_class);
    r.push(quad.to_string());
    r.push(ev.goldstein.to_string());
    r.push(String::new()); // joined_issues
    let l = ev.location.as_ref();
    r.push(num(l.and_then(|l| l.lat)));
    r.push(num(l.and_then(|l| l.lon)));
    r.push(l.map(|l| l.name.clone()).unwrap_or_default());
    r.push(l.and_then(|l| l.admin1.clone()).unwrap_or_default());
    r.push(l.and_then(|l| l.country.clone()).unwrap_or_default());
    let (ids, urls, publishers) = if join_mentions && e.num_mentions > 1 {
        let mut ids = Vec::new();
        let mut urls: Vec<String> = Vec::new();
        let mut pubs: Vec<String> = Vec::new();
        for (id, url, publisher) in store.cluster_mentions(e.cluster_id)? {
            ids.push(id);
            if let Some(u) = url.filter(|u| !urls.contains(u)) {
                urls.push(u);
            }
            if !publisher.starts_with("doc:") && !pubs.contains(&publisher) {
                pubs.push(publisher);
            }
        }
        (ids.join(";"), urls.join(";"), pubs.join(";"))
    } else {
        (
            ev.id.clone(),
            e.url.clone().unwrap_or_default(),
            e.publisher.clone().unwrap_or_default(),
        )
    };
    r.extend([ids, urls, publishers]);
    Ok(r)
}

fn polecat_row(e: &StoredEvent) -> Option<Vec<String>> {
    let ev = &e.event;
    let plover = ev.plover.as_ref()?;
    let quad = match ev.quad_class {
        1 => "VERBAL COOPERATION",
        2 => "MATERIAL COOPERATION",
        3 => "VERBAL CONFLICT",
        4 => "MATERIAL CONFLICT",
        _ => "",
    };
    let actor = |a: Option<&Actor>| -> [String; 8] {
        let Some(a) = a else {
            return Default::default();
        };
        let (_, _, types) = code_parts(a);
        [
            actor_name(a),
            a.country.clone().unwrap_or_default(),
            String::new(), // COW
            a.sector.clone().unwrap_or_default(),
            types.join(";"),
            String::new(), // title
            a.text.clone(),
            String::new(), // Wikipedia id
        ]
    };
    let l = ev.location.as_ref();
    let mut r = Vec::with_capacity(POLECAT_COLUMNS.len());
    r.push(ev.id.clone());
    r.push(num(ev.date));
    r.push(plover.event.clone());
    r.push(plover.mode.clone().unwrap_or_default());
    r.push(ev.goldstein.to_string());
    r.push(quad.into());
    r.push(plover.context.clone().unwrap_or_default());
    r.extend(actor(Some(&ev.source)));
    r.extend(actor(ev.target.as_ref()));
    r.push(l.map(|l| l.name.clone()).unwrap_or_default());
    r.push(l.map(|l| l.name.clone()).unwrap_or_default()); // City
    r.push(String::new()); // District
    r.push(l.and_then(|l| l.admin1.clone()).unwrap_or_default());
    r.push(l.and_then(|l| l.country.clone()).unwrap_or_default());
    r.push(num(l.and_then(|l| l.lat)));
    r.push(num(l.and_then(|l| l.lon)));
    r.push(num(l.and_then(|l| l.geonames_id)));
    r.push(l.map(|l| l.text.clone()).unwrap_or_default());
    r.push(String::new()); // Feature Type
    r.push(e.publisher.clone().unwrap_or_default());
    r.push(num(e.published));
    r.extend([String::new(), String::new(), String::new()]); // Story People/Orgs/Locations
    r.push("en".into());
    r.push(format!("dyad {}", e.dyad_version));
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_counts_match_the_published_layouts() {
        assert_eq!(GDELT_COLUMNS.len(), 61);
        assert_eq!(ICEWS_COLUMNS.len(), 20);
        assert_eq!(PHOENIX_COLUMNS.len(), 26);
        assert_eq!(POLECAT_COLUMNS.len(), 40);
    }

    #[test]
    fn numeric_ids_are_stable_and_fit_a_double() {
        assert_eq!(numeric_id("1ac120e9564a5c6a"), 0x1ac120e9564a5);
        let other = numeric_id("not-hex-id");
        assert_eq!(other, numeric_id("not-hex-id"));
        assert!(other < (1 << 52));
        assert!(numeric_id("fffffffffffffffff") < (1 << 52));
    }

    fn actor(code: &str, country: Option<&str>) -> Actor {
        Actor {
            code: code.into(),
            country: country.map(str::to_string),
            sector: None,
            text: String::new(),
            name: None,
            span: [0, 0],
        }
    }

    #[test]
    fn code_parts_split_country_group_and_types() {
        let (c, g, t) = code_parts(&actor("AZEGOVMIL", Some("AZE")));
        assert_eq!(
            (c.as_deref(), g, t),
            (Some("AZE"), None, vec!["GOV".into(), "MIL".into()])
        );
        let (c, g, t) = code_parts(&actor("IGOUNO", None));
        assert_eq!(
            (c, g.as_deref(), t),
            (None, Some("UNO"), vec!["IGO".to_string()])
        );
        let (c, g, t) = code_parts(&actor("NGOARN", Some("ARN")));
        assert_eq!(
            (c.as_deref(), g, t),
            (Some("ARN"), None, vec!["NGO".to_string()])
        );
        let p = phoenix_actor(Some(&actor("USAGOVMILREB", Some("USA"))));
        assert_eq!(
            p,
            [
                "USAGOVMILREB".to_string(),
                "USA".into(),
                "GOV".into(),
                "MIL;REB".into()
            ]
        );
        let p = phoenix_actor(Some(&actor("IGOUNO", None)));
        assert_eq!(p[1..], ["IGO".to_string(), String::new(), "UNO".into()]);
    }
}

//! The gold-standard file formats `dyad eval` reads, and format detection.

use std::path::Path;

/// A gold-standard file format. Each format is one development set (or, for
/// [`Format::Native`], dyad's own triple format); see the crate documentation
/// for how each is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// dyad's own JSONL: `text`, optional `date` and `id`,
    /// `events: [{source, target, cameo}]` (empty list = no event).
    Native,
    /// PLOVER gold standard records: PLOVER event, source/target lists of
    /// `{code, sector}`, `reciprocal`, `cameo_from_manual`.
    PloverGsr,
    /// CAMEO manual examples: one expected CAMEO code per sentence, no actors.
    CameoManual,
    /// UniversalPetrarch's PETR-2 gold standard: CAMEO triples, `noevents`.
    PetrGsr,
    /// PETRARCH-2 unit tests: CAMEO triples with fictional actors.
    PetrUnittests,
    /// Zero-shot PLOVER pairs: PLOVER root given a marked source and target span.
    ZspPlv,
    /// ConfliBERT CAMEO development set: penta class and source/target spans.
    Conflibert,
    /// TimeBank TIMEX3 table: temporal expressions with their normalised values.
    Timebank,
    /// Event-location records: which place mention locates an event verb.
    EventLocation,
    /// Geoparsing corpora (LGL, GeoWebNews XML): toponyms with coordinates.
    Geoparsing,
}

impl Format {
    /// Every format, in the order of the `--format` help.
    pub const ALL: [Format; 10] = [
        Format::Native,
        Format::PloverGsr,
        Format::CameoManual,
        Format::PetrGsr,
        Format::PetrUnittests,
        Format::ZspPlv,
        Format::Conflibert,
        Format::Timebank,
        Format::EventLocation,
        Format::Geoparsing,
    ];

    /// The name used on the command line (`--format plover-gsr`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::PloverGsr => "plover-gsr",
            Format::CameoManual => "cameo-manual",
            Format::PetrGsr => "petr-gsr",
            Format::PetrUnittests => "petr-unittests",
            Format::ZspPlv => "zsp-plv",
            Format::Conflibert => "conflibert",
            Format::Timebank => "timebank",
            Format::EventLocation => "event-location",
            Format::Geoparsing => "geoparsing",
        }
    }

    /// The set name used in reports and as the key of a floors file.
    pub fn set_name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::PloverGsr => "plover_gsr",
            Format::CameoManual => "cameo_manual",
            Format::PetrGsr => "up_petr2_gsr",
            Format::PetrUnittests => "petrarch2_unittests",
            Format::ZspPlv => "zsp_plv",
            Format::Conflibert => "conflibert",
            Format::Timebank => "timebank",
            Format::EventLocation => "event_location",
            Format::Geoparsing => "geoparsing",
        }
    }

    /// Parses a command-line name (see [`Format::name`]).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Detects the format of a gold file from its name and, failing that,
    /// from the fields of its first record (`first_line`: the first non-empty
    /// line of the file).
    ///
    /// File names of the development sets are recognised first
    /// (`plover_gsr.jsonl`, `up_petr2_gsr.jsonl`, `timebank_timex3.tsv` …).
    /// Otherwise: a TSV header `corpus  doc  dct …` is TimeBank; a JSON
    /// record with `plover_event` is PLOVER; `marked` or `source_span` is
    /// zero-shot PLOVER pairs; `verbs` and `locations` is event location;
    /// `penta` is ConfliBERT; `cameo` without `events` is the CAMEO manual;
    /// `events` with `noevents` is a PETRARCH set (`evaluate` marks the
    /// PETR-2 gold standard, its absence the unit tests); `events` alone is
    /// the native format.
    pub fn detect(path: &Path, first_line: &str) -> Option<Format> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let by_name = [
            ("plover_gsr", Format::PloverGsr),
            ("cameo_manual", Format::CameoManual),
            ("petr2_gsr", Format::PetrGsr),
            ("unittest", Format::PetrUnittests),
            ("zsp_plv", Format::ZspPlv),
            ("conflibert", Format::Conflibert),
            ("timex", Format::Timebank),
            ("timebank", Format::Timebank),
            ("event_location", Format::EventLocation),
            ("lgl", Format::Geoparsing),
            ("gwn", Format::Geoparsing),
            ("geopars", Format::Geoparsing),
        ];
        if let Some(&(_, f)) = by_name.iter().find(|(part, _)| name.contains(part)) {
            return Some(f);
        }
        let line = first_line.trim_start_matches('\u{feff}').trim();
        if line.starts_with("corpus\tdoc\tdct") {
            return Some(Format::Timebank);
        }
        if line.starts_with("<?xml") || line.starts_with("<articles") {
            return Some(Format::Geoparsing);
        }
        let value: serde_json::Value = serde_json::from_str(line).ok()?;
        let obj = value.as_object()?;
        let has = |k: &str| obj.contains_key(k);
        if has("plover_event") {
            Some(Format::PloverGsr)
        } else if has("marked") || has("source_span") {
            Some(Format::ZspPlv)
        } else if has("verbs") && has("locations") {
            Some(Format::EventLocation)
        } else if has("penta") {
            Some(Format::Conflibert)
        } else if has("events") && has("noevents") {
            Some(if has("evaluate") {
                Format::PetrGsr
            } else {
                Format::PetrUnittests
            })
        } else if has("events") {
            Some(Format::Native)
        } else if has("cameo") && has("text") {
            Some(Format::CameoManual)
        } else {
            None
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("auto"), None);
    }

    #[test]
    fn detects_by_file_name_then_fields() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(
            Format::detect(&p("/x/up_petr2_gsr.jsonl"), "{}"),
            Some(Format::PetrGsr)
        );
        assert_eq!(
            Format::detect(&p("timebank/timebank_timex3.tsv"), ""),
            Some(Format::Timebank)
        );
        let cases = [
            (r#"{"text":"a","events":[]}"#, Format::Native),
            (
                r#"{"text":"a","events":[],"noevents":true}"#,
                Format::PetrUnittests,
            ),
            (
                r#"{"text":"a","events":[],"noevents":true,"evaluate":"true"}"#,
                Format::PetrGsr,
            ),
            (r#"{"text":"a","plover_event":"AGREE"}"#, Format::PloverGsr),
            (
                r#"{"text":"a","cameo":"010","root":"01"}"#,
                Format::CameoManual,
            ),
            (r#"{"text":"a","marked":"<s>a</s>"}"#, Format::ZspPlv),
            (r#"{"text":"a","penta":1}"#, Format::Conflibert),
            (
                r#"{"text":"a","verbs":["x"],"locations":[]}"#,
                Format::EventLocation,
            ),
            ("corpus\tdoc\tdct\ttid\ttype\tvalue\ttext", Format::Timebank),
        ];
        for (line, want) in cases {
            assert_eq!(Format::detect(&p("gold.jsonl"), line), Some(want), "{line}");
        }
        assert_eq!(Format::detect(&p("gold.jsonl"), "not json"), None);
        assert_eq!(Format::detect(&p("gold.jsonl"), r#"{"x":1}"#), None);
    }
}

//! The knowledge base: who the actors are, what the event codes mean, and
//! which phrasings express which event.
//!
//! Sources are the human-editable files under the repository's `data/`
//! directory (schemas in `data/README.md`), embedded in the binary at compile
//! time, so [`KnowledgeBase::embedded`] needs no files at run time. Users can
//! add their own files of the same formats with [`KnowledgeBase::add_file`];
//! later entries for the same phrase take precedence over earlier ones.

mod actor_code;
pub mod legacy;
mod load;
mod matcher;
mod patterns;

pub use actor_code::ActorCode;
pub use load::{KbError, SourceKind};
pub use matcher::{Mention, MentionKind};
pub use patterns::{Pattern, PatternElement, Synset, LEGACY_GAP, MAX_GAP};

pub use crate::ontology::{quad_class, CameoCode};
use crate::text::tag::{self as text_tag, Tagger};
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};

/// A date-bounded role of a named person.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// The actor code the person has in this role.
    pub code: ActorCode,
    /// First day in the role (inclusive); `None` when unknown.
    pub start: Option<Date>,
    /// Last day in the role (exclusive); `None` while still in office.
    pub end: Option<Date>,
}

impl Role {
    /// True when the role is held on `date`.
    pub fn holds_on(&self, date: Date) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date < e)
    }
}

/// Everything the coder knows, loaded once and shared read-only between threads.
#[derive(Debug)]
pub struct KnowledgeBase {
    pub(crate) tagger: Tagger,
    pub(crate) lexicon: matcher::Lexicon,
    pub(crate) patterns: patterns::PatternSet,
    pub(crate) noun_patterns: patterns::PatternSet,
    pub(crate) cameo: HashMap<String, CameoCode>,
    pub(crate) countries: HashMap<String, String>,
    /// Event codes of legacy verb patterns (kept even when not CAMEO).
    pub(crate) legacy_codes: HashSet<String>,
    /// Legacy discard phrases.
    pub(crate) discards: legacy::Discards,
    warnings: Vec<KbError>,
    /// Running SHA-256 over the names and texts of every loaded source.
    digest: [u8; 32],
}

/// Counts of loaded entries, for `dyad kb stats` and diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KbStats {
    /// Countries and territories.
    pub countries: usize,
    /// Phrases naming countries, their adjectives and capitals.
    pub country_phrases: usize,
    /// Sector agent phrases.
    pub agent_phrases: usize,
    /// Organisation name phrases.
    pub org_phrases: usize,
    /// Person name phrases.
    pub person_phrases: usize,
    /// Event patterns anchored on verbs.
    pub patterns: usize,
    /// Event patterns anchored on nouns.
    pub noun_patterns: usize,
    /// CAMEO event codes.
    pub cameo_codes: usize,
}

/// The embedded source files, in load order.
const EMBEDDED: &[(&str, SourceKind, &str)] = &[
    (
        "data/cameo_events.tsv",
        SourceKind::CameoEvents,
        include_str!("../../../../data/cameo_events.tsv"),
    ),
    (
        "data/countries.tsv",
        SourceKind::Countries,
        include_str!("../../../../data/countries.tsv"),
    ),
    (
        "data/agents.tsv",
        SourceKind::Agents,
        include_str!("../../../../data/agents.tsv"),
    ),
    (
        "data/orgs.tsv",
        SourceKind::Orgs,
        include_str!("../../../../data/orgs.tsv"),
    ),
    (
        "data/people.tsv",
        SourceKind::People,
        include_str!("../../../../data/people.tsv"),
    ),
    (
        "data/verbs.txt",
        SourceKind::Patterns,
        include_str!("../../../../data/verbs.txt"),
    ),
    (
        "data/nouns.txt",
        SourceKind::NounPatterns,
        include_str!("../../../../data/nouns.txt"),
    ),
];

impl KnowledgeBase {
    /// An empty knowledge base (no actors, no patterns) with a tagger.
    pub fn empty() -> Self {
        KnowledgeBase {
            tagger: Tagger::new(),
            lexicon: matcher::Lexicon::default(),
            patterns: patterns::PatternSet::default(),
            noun_patterns: patterns::PatternSet::default(),
            cameo: HashMap::new(),
            countries: HashMap::new(),
            legacy_codes: HashSet::new(),
            discards: legacy::Discards::default(),
            warnings: Vec::new(),
            digest: [0; 32],
        }
    }

    /// The knowledge base compiled into the binary from `data/`.
    ///
    /// Malformed lines are skipped and listed in [`KnowledgeBase::warnings`];
    /// the test suite requires that list to be empty for the embedded files.
    pub fn embedded() -> Self {
        let mut kb = Self::empty();
        for (name, kind, text) in EMBEDDED {
            kb.add_source(name, *kind, text);
        }
        kb.lexicon.finish();
        kb
    }

    /// Malformed lines met while loading, with file and line.
    pub fn warnings(&self) -> &[KbError] {
        &self.warnings
    }

    /// Adds a user file; its kind is taken from the file name
    /// (`countries*.tsv`, `agents*.tsv`, `orgs*.tsv`, `people*.tsv`,
    /// `cameo_events*.tsv`, `verbs*.txt`, `nouns*.txt`). Entries of a later file take
    /// precedence over earlier ones for the same words. Malformed lines are
    /// skipped and added to [`KnowledgeBase::warnings`]; an unreadable or
    /// unrecognised file is an error.
    pub fn add_file(&mut self, path: &std::path::Path) -> Result<(), KbError> {
        let name = path.display().to_string();
        let kind = SourceKind::from_file_name(path).ok_or_else(|| KbError {
            file: name.clone(),
            line: 0,
            message: "cannot tell the kind of knowledge-base file from its name; \
                      expected countries*.tsv, agents*.tsv, orgs*.tsv, people*.tsv, \
                      cameo_events*.tsv, verbs*.txt or nouns*.txt"
                .into(),
        })?;
        let text = std::fs::read_to_string(path).map_err(|e| KbError {
            file: name.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        self.add_source(&name, kind, &text);
        self.lexicon.finish();
        Ok(())
    }

    fn add_source(&mut self, name: &str, kind: SourceKind, text: &str) {
        self.note_source(name, text);
        let warnings = load::add_source(self, name, kind, text);
        self.warnings.extend(warnings);
    }

    /// Folds a loaded source into [`KnowledgeBase::version`]. Only the file
    /// name (not its directory) counts, so the same files give the same
    /// version wherever they are.
    pub(crate) fn note_source(&mut self, name: &str, text: &str) {
        use sha2::{Digest, Sha256};
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let mut h = Sha256::new();
        h.update(self.digest);
        h.update(base.as_bytes());
        h.update([0u8]);
        h.update(text.as_bytes());
        self.digest = h.finalize().into();
    }

    /// A short identifier of the knowledge base's content: the crate version
    /// and a hash of every source loaded, in order (`"0.1.0+3f9a0c1b2d4e"`).
    /// Two knowledge bases with the same version code identically; stores
    /// record it next to each event so re-coding can tell stale events.
    pub fn version(&self) -> String {
        let hex: String = self.digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        format!("{}+{hex}", env!("CARGO_PKG_VERSION"))
    }

    /// The CAMEO code table entry for `code`.
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.cameo.get(code)
    }

    /// Name of the country with ISO 3166 alpha-3 code `iso3`.
    pub fn country_name(&self, iso3: &str) -> Option<&str> {
        self.countries.get(iso3).map(String::as_str)
    }

    /// The event patterns.
    pub fn patterns(&self) -> &[Pattern] {
        self.patterns.all()
    }

    /// The quad class of an event code: CAMEO codes by their root; codes of
    /// legacy verb dictionaries that are not CAMEO (`903`, `174K`) get 0;
    /// anything else (and the null code `---`) `None`: no event.
    pub fn event_quad(&self, code: &str) -> Option<u8> {
        quad_class(code).or_else(|| self.legacy_codes.contains(code).then_some(0))
    }

    /// True when a legacy verb dictionary has been loaded: the coder may then
    /// apply legacy (PETRARCH-1) conventions where they differ from dyad's.
    pub fn has_legacy_verbs(&self) -> bool {
        !self.legacy_codes.is_empty()
    }

    /// The legacy discard phrases.
    pub fn discards(&self) -> &legacy::Discards {
        &self.discards
    }

    /// The discard phrase a sentence's tokens contain, if any, and whether
    /// it discards the sentence or the whole story.
    pub(crate) fn discard(
        &self,
        tokens: &[text_tag::Tagged],
    ) -> Option<(legacy::DiscardScope, &str)> {
        self.discards.find(tokens)
    }

    /// Counts of loaded entries.
    pub fn stats(&self) -> KbStats {
        let mut s = self.lexicon.stats();
        s.countries = self.countries.len();
        s.patterns = self.patterns.all().len();
        s.noun_patterns = self.noun_patterns.all().len();
        s.cameo_codes = self.cameo.len();
        s
    }
}

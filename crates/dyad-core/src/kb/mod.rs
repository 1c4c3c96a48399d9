//! The knowledge base: who the actors are, what the event codes mean, and
//! which phrasings express which event.
//!
//! Sources are the human-editable files under the repository's `data/`
//! directory (schemas in `data/README.md`). The build script parses and
//! checks them ([`source`]) and embeds the parsed rows in a compact binary
//! form, so [`KnowledgeBase::embedded`] reads no files and parses no text at
//! run time. Users add files of the same formats with
//! [`KnowledgeBase::add_file`] and legacy dictionaries with [`legacy`].
//!
//! Precedence when entries disagree: for the same words, the longest match
//! wins; among entries of equal length, organisations beat people, people
//! beat countries, then regions, capitals, cities, demonyms and agents; among
//! entries of the same kind, the one loaded last wins (user files over the
//! embedded ones, legacy dictionaries over both when loaded after them).

mod actor_code;
pub mod gazetteer;
pub mod legacy;
mod load;
mod matcher;
mod patterns;
pub mod source;

pub use actor_code::ActorCode;
pub use gazetteer::{Gazetteer, Place, PlaceFeature, PlaceMatch};
pub use matcher::{Mention, MentionKind, Origin};
pub use patterns::{Pattern, PatternElement, Synset, LEGACY_GAP, MAX_GAP};
pub use source::{KbError, SourceFile, SourceKind};

pub use crate::ontology::{quad_class, CameoCode};
use crate::text::tag::{self as text_tag, Tagger};
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

/// A value built on a background thread as soon as a knowledge base is
/// created — the tagger's lexicon tables and the gazetteer's index take tens
/// of milliseconds, which then overlap with loading the rest of the
/// knowledge base and reading the input. The first use waits if needed.
pub(crate) struct Background<T: Send + Sync + 'static> {
    cell: Arc<OnceLock<T>>,
    init: fn() -> T,
}

impl<T: Send + Sync + 'static> Background<T> {
    fn start(name: &str, init: fn() -> T) -> Self {
        let cell = Arc::new(OnceLock::new());
        let warm = Arc::clone(&cell);
        // If no thread can be started, the first use builds the value instead.
        let _ = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                warm.get_or_init(init);
            });
        Background { cell, init }
    }
}

impl<T: Send + Sync + 'static> std::ops::Deref for Background<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.cell.get_or_init(self.init)
    }
}

impl<T: Send + Sync + 'static> std::fmt::Debug for Background<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Background")
    }
}

/// The embedded gazetteer (`data/places.tsv`), postcard-encoded by the build script.
static COMPILED_PLACES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.bin"));

fn embedded_gazetteer() -> Gazetteer {
    Gazetteer::new(postcard::from_bytes(COMPILED_PLACES).unwrap_or_default())
}

fn empty_gazetteer() -> Gazetteer {
    Gazetteer::default()
}

/// A date-bounded role of a named person.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// The actor code the person has in this role.
    pub code: ActorCode,
    /// First day in the role (inclusive); `None` when unknown.
    pub start: Option<Date>,
    /// Last day in the role (exclusive); `None` while still in office.
    pub end: Option<Date>,
    /// Who holds the role, for names that several people share in turn
    /// ("President Bush": George H. W. Bush, then George W. Bush); `None`
    /// in legacy dictionaries.
    pub holder: Option<String>,
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
    pub(crate) tagger: Background<Tagger>,
    /// The embedded gazetteer.
    pub(crate) places: Background<Gazetteer>,
    /// Places from user files, looked up before the embedded ones.
    pub(crate) user_places: Gazetteer,
    user_place_files: Vec<SourceFile>,
    pub(crate) lexicon: matcher::Lexicon,
    pub(crate) patterns: patterns::PatternSet,
    pub(crate) noun_patterns: patterns::PatternSet,
    pub(crate) cameo: HashMap<String, CameoCode>,
    pub(crate) countries: HashMap<String, String>,
    /// Sector codes: name and PLOVER agent type.
    pub(crate) sectors: HashMap<String, (String, String)>,
    /// Names of the loaded source files, in load order (see [`Origin`]).
    pub(crate) source_names: Vec<String>,
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
    /// Distinct organisation codes.
    pub orgs: usize,
    /// Distinct international-organisation (`IGO…`) codes.
    pub igos: usize,
    /// Places in the gazetteer (cities, capitals, regions).
    pub places: usize,
    /// Contested and self-declared region phrases.
    pub region_phrases: usize,
    /// Phrases naming ethnic groups.
    pub ethnic_phrases: usize,
    /// Sector (role) codes.
    pub sectors: usize,
    /// Distinct named people.
    pub people: usize,
    /// Dated person-roles.
    pub person_roles: usize,
    /// CAMEO roots (01–20) with at least one verb or noun pattern.
    pub roots_with_patterns: usize,
    /// Person name phrases.
    pub person_phrases: usize,
    /// Event patterns anchored on verbs.
    pub patterns: usize,
    /// Event patterns anchored on nouns.
    pub noun_patterns: usize,
    /// CAMEO event codes.
    pub cameo_codes: usize,
}

/// The embedded `data/` files as parsed and checked by the build script
/// (postcard encoding of `Vec<SourceFile>`).
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb.bin"));

/// The parsed rows of the embedded `data/` files, for `dyad kb check` and
/// tools that read the knowledge base's sources.
pub fn embedded_sources() -> Result<Vec<SourceFile>, KbError> {
    postcard::from_bytes(COMPILED).map_err(|e| KbError {
        file: "embedded knowledge base".into(),
        line: 0,
        message: format!("cannot decode the compiled form: {e}"),
    })
}

/// Parses every knowledge-base file of a directory (kinds told by file
/// name, files in the order of [`source::EMBEDDED_FILES`] then by name);
/// files of no known kind are listed as errors.
pub fn parse_dir(dir: &std::path::Path) -> Result<(Vec<SourceFile>, Vec<KbError>), KbError> {
    let io = |e: std::io::Error| KbError {
        file: dir.display().to_string(),
        line: 0,
        message: e.to_string(),
    };
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    let rank = |p: &std::path::Path| {
        let kind = SourceKind::from_file_name(p);
        source::EMBEDDED_FILES
            .iter()
            .position(|(_, k)| Some(*k) == kind)
            .unwrap_or(usize::MAX)
    };
    paths.sort_by_key(|p| (rank(p), p.clone()));
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for p in paths {
        let name = p.display().to_string();
        // Documentation, and the ontology's CAMEO→PLOVER table (compiled
        // into `ontology`, not a knowledge-base source), are not sources.
        let file_name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.extension().is_some_and(|e| e == "md") || file_name.starts_with("cameo_plover") {
            continue;
        }
        let Some(kind) = SourceKind::from_file_name(&p) else {
            errors.push(KbError {
                file: name,
                line: 0,
                message: "not a knowledge-base file name (see data/README.md)".into(),
            });
            continue;
        };
        let text = std::fs::read_to_string(&p).map_err(io)?;
        let (f, e) = source::parse(&name, kind, &text);
        files.push(f);
        errors.extend(e);
    }
    Ok((files, errors))
}

impl KnowledgeBase {
    /// An empty knowledge base (no actors, no patterns) with a tagger.
    pub fn empty() -> Self {
        KnowledgeBase {
            tagger: Background::start("dyad-tagger-init", Tagger::warmed),
            places: Background::start("dyad-gazetteer-init", empty_gazetteer),
            user_places: Gazetteer::default(),
            user_place_files: Vec::new(),
            lexicon: matcher::Lexicon::default(),
            patterns: patterns::PatternSet::default(),
            noun_patterns: patterns::PatternSet::default(),
            cameo: HashMap::new(),
            countries: HashMap::new(),
            sectors: HashMap::new(),
            source_names: Vec::new(),
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
        kb.places = Background::start("dyad-gazetteer-init", embedded_gazetteer);
        kb.note_source("embedded", COMPILED);
        match embedded_sources() {
            Ok(files) => {
                for f in &files {
                    kb.add_rows(f);
                }
            }
            Err(e) => kb.warnings.push(e),
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
                      expected countries*, regions*, agents*, orgs*, people*, sectors*, \
                      cameo_events*, verbs* or nouns* (see data/README.md)"
                .into(),
        })?;
        let text = std::fs::read_to_string(path).map_err(|e| KbError {
            file: name.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        let (file, errors) = source::parse(&name, kind, &text);
        self.warnings.extend(errors);
        self.add_parsed(&file);
        Ok(())
    }

    /// Adds a parsed source file (see [`source::parse`], [`parse_dir`]).
    /// Rows the loader cannot use are added to [`KnowledgeBase::warnings`].
    pub fn add_parsed(&mut self, file: &SourceFile) {
        let encoded = postcard::to_allocvec(file).unwrap_or_default();
        self.note_source(&file.name, &encoded);
        self.add_rows(file);
        self.lexicon.finish();
    }

    /// Adds the rows of a parsed file (call `lexicon.finish()` after).
    fn add_rows(&mut self, file: &SourceFile) {
        let warnings = load::add_file(self, file);
        self.warnings.extend(warnings);
        if file.kind == SourceKind::Places {
            // User gazetteers are small: recompiled with every file added.
            self.user_place_files.push(file.clone());
            self.user_places = Gazetteer::from_files(&self.user_place_files);
        }
    }

    /// Folds a loaded source into [`KnowledgeBase::version`]. Only the file
    /// name (not its directory) counts, so the same files give the same
    /// version wherever they are.
    pub(crate) fn note_source(&mut self, name: &str, content: &[u8]) {
        use sha2::{Digest, Sha256};
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let mut h = Sha256::new();
        h.update(self.digest);
        h.update(base.as_bytes());
        h.update([0u8]);
        h.update(content);
        self.digest = h.finalize().into();
    }

    /// A short identifier of the knowledge base's content: the crate version
    /// and a hash of every source loaded, in order (`"0.1.0+3f9a0c1b2d4e"`).
    /// Two knowledge bases with the same version code identically; stores
    /// record it next to each event so re-coding can tell stale events.
    pub fn version(&self) -> String {
        let hex: String = self.digest[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
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
        s.sectors = self.sectors.len();
        s.places = self.places.len() + self.user_places.len();
        let roots: HashSet<&str> = self
            .patterns
            .all()
            .iter()
            .chain(self.noun_patterns.all())
            .filter_map(|p| p.code.get(..2))
            .collect();
        s.roots_with_patterns = (1..=20)
            .filter(|r| roots.contains(format!("{r:02}").as_str()))
            .count();
        s
    }

    /// Name and PLOVER agent type of a sector code (`"GOV"` →
    /// `("Government", "GOV")`).
    pub fn sector(&self, code: &str) -> Option<(&str, &str)> {
        self.sectors
            .get(code)
            .map(|(n, p)| (n.as_str(), p.as_str()))
    }

    /// The origin of entries added from the file loaded last (legacy
    /// dictionaries, whose entries carry no line numbers).
    pub(crate) fn last_origin(&self) -> Origin {
        Origin {
            file: self.source_names.len().saturating_sub(1) as u32,
            line: 0,
        }
    }

    /// Name of a loaded source file by its index in an [`Origin`].
    pub fn source_name(&self, origin: Origin) -> &str {
        self.source_names
            .get(origin.file as usize)
            .map_or("?", String::as_str)
    }

    /// Every entry whose words match `tokens` starting at `at`, in
    /// precedence order (the first is the one the coder uses), with the
    /// number of tokens each covers: for `dyad kb lookup`.
    pub fn candidates(&self, tokens: &[text_tag::Tagged], at: usize) -> Vec<Mention<'_>> {
        self.lexicon.candidates(tokens, at)
    }

    /// Places named `name`, user places first.
    pub fn places_named(&self, name: &str) -> Vec<Place> {
        let mut out = self.user_places.lookup(name);
        out.extend(self.places.lookup(name));
        out
    }

    /// Tags a phrase or sentence the way the coder does.
    pub fn tag(&self, text: &str) -> Vec<text_tag::Tagged> {
        let tokens = crate::text::segment::tokenize(text);
        self.tagger.tag(text, &tokens)
    }
}

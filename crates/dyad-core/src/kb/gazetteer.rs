//! The gazetteer: populated places (GeoNames cities of 15,000+ inhabitants,
//! capitals, first-level regions) by name, for event locations.
//!
//! Place names match capitalised tokens only, leftmost-longest. A name
//! shared by several places ("Tripoli": Libya and Lebanon) is resolved by
//! [`Gazetteer::resolve`]: places in a country the document talks about
//! first, then the most populous. The gazetteer is only asked about words
//! the text introduces as a location, which keeps towns named like people
//! or common words out.

use super::source::{CompiledPlaces, Phrase, SourceFile};
use crate::text::tag::Tagged;
use std::ops::Range;

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceFeature {
    /// A national or territorial capital.
    Capital,
    /// A city or town.
    City,
    /// A first-level administrative region (state, province).
    Admin1,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id.
    pub geonames_id: u64,
    /// Display name.
    pub name: String,
    /// ISO 3166 alpha-3 code of the country.
    pub iso3: String,
    /// First-level region, when known.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population (0 when unknown).
    pub population: u64,
    /// Kind of place.
    pub feature: PlaceFeature,
}

/// Places searchable by name (a [`CompiledPlaces`] table).
#[derive(Debug, Default)]
pub struct Gazetteer {
    table: CompiledPlaces,
}

/// Place names found in a sentence: the tokens and the candidate places.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMatch {
    /// Tokens covered.
    pub tokens: Range<usize>,
    /// Places with this name.
    pub candidates: Vec<Place>,
}

impl Gazetteer {
    /// A gazetteer over a compiled table.
    pub fn new(table: CompiledPlaces) -> Self {
        Gazetteer { table }
    }

    /// Builds the table from parsed `places*.tsv` files (other rows are ignored).
    pub fn from_files(files: &[SourceFile]) -> Self {
        Self::new(CompiledPlaces::compile(files))
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.table.places.len()
    }

    /// True when there are no places.
    pub fn is_empty(&self) -> bool {
        self.table.places.is_empty()
    }

    fn place(&self, idx: u32) -> Option<Place> {
        let r = self.table.places.get(idx as usize)?;
        let admin1 = self.table.str(r.admin1);
        let coord = |v: f32| (!v.is_nan()).then_some(f64::from(v));
        Some(Place {
            geonames_id: r.geonames_id,
            name: self.table.str(r.name).to_string(),
            iso3: String::from_utf8_lossy(&r.iso3).into_owned(),
            admin1: (!admin1.is_empty()).then(|| admin1.to_string()),
            lat: coord(r.lat),
            lon: coord(r.lon),
            population: u64::from(r.population),
            feature: match r.feature {
                1 => PlaceFeature::Capital,
                2 => PlaceFeature::Admin1,
                _ => PlaceFeature::City,
            },
        })
    }

    fn by_key(&self, key: &str) -> Vec<Place> {
        self.table
            .lookup(key)
            .into_iter()
            .filter_map(|i| self.place(i))
            .collect()
    }

    /// Places with exactly this name (case-insensitive).
    pub fn lookup(&self, name: &str) -> Vec<Place> {
        self.by_key(&Phrase::new(name).key())
    }

    /// Place names in a sentence's tokens, leftmost-longest; a name starts
    /// and ends on a capitalised word.
    pub fn find(&self, tokens: &[Tagged]) -> Vec<PlaceMatch> {
        fn is_common_word(pos: &str) -> bool {
            pos.starts_with("VB")
                || pos.starts_with("RB")
                || matches!(
                    pos,
                    "IN" | "DT"
                        | "MD"
                        | "CC"
                        | "TO"
                        | "PRP"
                        | "PRP$"
                        | "WDT"
                        | "WP"
                        | "EX"
                        | "PDT"
                        | "RP"
                )
        }
        let mut out = Vec::new();
        let max = usize::from(self.table.max_words);
        let mut i = 0;
        while i < tokens.len() {
            let mut hit: Option<(usize, Vec<Place>)> = None;
            if tokens[i].is_capitalized() {
                let mut key = String::new();
                for n in 0..max.min(tokens.len() - i) {
                    let t = &tokens[i + n];
                    if !(t.is_capitalized() || (n > 0 && is_name_joiner(&t.lower))) {
                        break;
                    }
                    if n > 0 {
                        key.push(' ');
                    }
                    key.push_str(&t.lower);
                    // A one-word name the tagger reads as a function word or
                    // a verb is that word ("OF" in capitals is not Of,
                    // Turkey; "Most officials" is not Most, Czechia), unless
                    // a place preposition stands before a verb ("in Hit").
                    let after_place_prep = i > 0
                        && matches!(
                            tokens[i - 1].lower.as_str(),
                            "in" | "near" | "at" | "from" | "outside" | "around" | "into"
                        );
                    // Months are dates ("in March" is not March, England).
                    let common = is_common_word(&t.pos)
                        && !(t.pos.starts_with("VB") && after_place_prep)
                        || crate::text::MONTHS.contains(&t.lower.as_str());
                    if t.is_capitalized() && !(n == 0 && common) {
                        let found = self.by_key(&key);
                        if !found.is_empty() {
                            hit = Some((n + 1, found));
                        }
                    }
                    if !self.table.has_longer(&key) {
                        break;
                    }
                }
            }
            match hit {
                Some((n, candidates)) => {
                    out.push(PlaceMatch {
                        tokens: i..i + n,
                        candidates,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The place a name most likely denotes in a document: among the
    /// candidates, those the document favours (`favour`: higher is better,
    /// e.g. 2 when its state is named, 1 when its country is), then
    /// capitals, then first-level regions (a state's name means the state
    /// more often than a town named after it), then the most populous.
    pub fn resolve<'p>(
        candidates: &'p [Place],
        favour: &dyn Fn(&Place) -> u8,
    ) -> Option<&'p Place> {
        candidates.iter().max_by_key(|p| {
            (
                favour(p),
                p.feature == PlaceFeature::Capital,
                p.feature == PlaceFeature::Admin1,
                p.population,
            )
        })
    }
}

/// Lowercase words allowed inside multi-word place names
/// ("Rio de Janeiro", "Stratford-upon-Avon", "Bosnia and Herzegovina").
fn is_name_joiner(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "la"
            | "le"
            | "les"
            | "el"
            | "al"
            | "of"
            | "on"
            | "upon"
            | "and"
            | "-"
            | "'s"
            | "sur"
            | "am"
            | "an"
            | "der"
            | "di"
    )
}

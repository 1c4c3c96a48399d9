//! Where events happen: the place names of a sentence, and the one that
//! locates an event's trigger.
//!
//! Places are countries, capitals and contested regions of the knowledge
//! base, and the gazetteer's cities and regions. A place locates an event
//! only when the text introduces it as a location — after a locative
//! preposition ("in Donetsk", "near the border town of Kilis", "in western
//! Baghdad") or as "the city of X" — and among those, the one nearest the
//! trigger wins. A place merely named in the sentence ("talks with Syria")
//! is never a location.

use super::Analysis;
use crate::kb::{Gazetteer, MentionKind, PlaceFeature};
use crate::model::Location;
use crate::text::tag::Tagged;
use crate::KnowledgeBase;
use std::ops::Range;

/// A place named in a sentence, resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlaceMention {
    /// Tokens of the sentence naming it.
    pub tokens: Range<usize>,
    /// Where it is (`text` and `span` are filled in by the caller).
    pub location: Location,
}

/// Prepositions that introduce a location (also: a country or capital
/// after them is a place, not an actor — see `actors`).
pub(crate) const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "along",
    "throughout",
    "within",
    "into",
];

/// Month and weekday names: capitalised words that name times, never
/// places ("on March 9": March is also a town in England) nor people.
pub(crate) const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Other capitalised words that are never places.
const NOT_PLACES: &[&str] = &["god", "christmas", "easter"];

fn is_not_place(w: &str) -> bool {
    CALENDAR_WORDS.contains(&w) || NOT_PLACES.contains(&w)
}

/// Nouns that make "<noun> of X" a place ("the city of Nablus", "20 km
/// north of Kyiv", "the outskirts of Aleppo").
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "province",
    "region",
    "district",
    "outskirts",
    "suburbs",
    "suburb",
    "capital",
    "state",
    "county",
    "area",
    "centre",
    "center",
    "heart",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "port",
    "border",
    "governorate",
    "oblast",
    "enclave",
    "territory",
    "streets",
];

fn location(name: String, iso3: &str) -> Location {
    Location {
        name,
        country: Some(iso3.to_string()),
        admin1: None,
        lat: None,
        lon: None,
        geonames_id: None,
        text: String::new(),
        span: [0, 0],
    }
}

/// The places named in a sentence. `in_document` tells whether the
/// document mentions a country (it resolves ambiguous place names).
pub(crate) fn sentence_places(
    an: &Analysis<'_>,
    kb: &KnowledgeBase,
    in_document: &dyn Fn(&str) -> bool,
) -> Vec<PlaceMention> {
    let words = |r: &Range<usize>| {
        an.tokens[r.clone()]
            .iter()
            .map(|t| t.word.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out: Vec<PlaceMention> = Vec::new();
    for m in &an.mentions {
        let loc = match m.kind {
            MentionKind::Country { iso3 } => {
                let name = kb
                    .country_name(iso3)
                    .map_or_else(|| words(&m.tokens), str::to_string);
                location(name, iso3)
            }
            MentionKind::Region { iso3, .. } => location(words(&m.tokens), iso3),
            MentionKind::Capital { iso3 } => {
                // The capital, unless the document is about another country
                // with a place of that name (Tripoli in a story on Lebanon).
                let name = words(&m.tokens);
                let found = kb.places_named(&name);
                let other_country = |c: &str| c != iso3.as_str() && in_document(c);
                let pick = found
                    .iter()
                    .find(|p| other_country(&p.iso3))
                    .or_else(|| found.iter().find(|p| &p.iso3 == iso3));
                match pick {
                    Some(p) => gazetteer_location(p),
                    None => location(name, iso3),
                }
            }
            _ => continue,
        };
        out.push(PlaceMention {
            tokens: m.tokens.clone(),
            location: loc,
        });
    }
    // Gazetteer names outside the knowledge base's mentions (a person or an
    // organisation named like a town is not a town).
    let covered = |r: &Range<usize>| {
        an.mentions
            .iter()
            .any(|m| m.tokens.start < r.end && r.start < m.tokens.end)
    };
    for g in [&kb.user_places, &*kb.places] {
        for found in g.find(&an.tokens) {
            let time_word =
                found.tokens.len() == 1 && is_not_place(&an.tokens[found.tokens.start].lower);
            if time_word
                || covered(&found.tokens)
                || out.iter().any(|p| overlaps(&p.tokens, &found.tokens))
            {
                continue;
            }
            if let Some(p) = Gazetteer::resolve(&found.candidates, in_document) {
                out.push(PlaceMention {
                    tokens: found.tokens.clone(),
                    location: gazetteer_location(p),
                });
            }
        }
    }
    // Names the knowledge base does not know, where the text says they are
    // places: "the village of Sharifah", "near Batrah", "in Lucciana".
    let mut i = 0;
    while i < an.tokens.len() {
        let name_end = (i..an.tokens.len())
            .take_while(|&j| {
                let t = &an.tokens[j];
                t.pos.starts_with("NNP") && t.is_capitalized() && !is_not_place(&t.lower)
            })
            .last()
            .map(|j| j + 1);
        let Some(end) = name_end.filter(|&e| e - i <= 4) else {
            i = name_end.unwrap_or(i + 1).max(i + 1);
            continue;
        };
        let r = i..end;
        let known = covered(&r) || out.iter().any(|p| overlaps(&p.tokens, &r));
        if !known && introduced_as_location(an, i) && named_as_place(an, i) {
            let country = out
                .iter()
                .filter(|p| p.tokens.end <= i)
                .max_by_key(|p| p.tokens.end)
                .and_then(|p| p.location.country.clone());
            out.push(PlaceMention {
                tokens: r,
                location: Location {
                    country,
                    ..location(words(&(i..end)), "")
                },
            });
        }
        i = end;
    }
    out.sort_by_key(|p| p.tokens.start);
    // "in Iraq's northern Nineveh province": the possessor only qualifies
    // the more precise place that follows it.
    let qualifiers: Vec<usize> = (0..out.len())
        .filter(|&k| {
            let end = out[k].tokens.end;
            an.tokens.get(end).is_some_and(|t| t.lower == "'s")
                && out.get(k + 1).is_some_and(|n| n.tokens.start <= end + 4)
        })
        .collect();
    for k in qualifiers.into_iter().rev() {
        out.remove(k);
    }
    out
}

/// True when an unknown name at `start` is introduced as a place by a place
/// noun ("the village of X", "Konduga district") or directly by a locative
/// preposition with at most a determiner, adjectives and a possessive
/// place between ("near Batrah", "in Iraq's northern Nineveh") — not by
/// numbers or common nouns, which would let organisations and people in.
fn named_as_place(an: &Analysis<'_>, start: usize) -> bool {
    place_cue(an, start, |t| {
        matches!(t.pos.as_str(), "DT" | "JJ" | "POS" | "NNP") || t.lower == "'s"
    })
}

/// Walks back from `start` over words `skippable` allows (at most eight):
/// true at a locative preposition, or at "of" after a place noun; false at
/// anything else.
fn place_cue(an: &Analysis<'_>, start: usize, skippable: impl Fn(&Tagged) -> bool) -> bool {
    let toks = &an.tokens;
    for prev in (start.saturating_sub(8)..start).rev() {
        let t = &toks[prev];
        let w = t.lower.as_str();
        if w == "of" {
            return prev
                .checked_sub(1)
                .is_some_and(|p| PLACE_NOUNS.contains(&toks[p].lower.as_str()));
        }
        if LOCATIVE.contains(&w) {
            return true;
        }
        if !skippable(t) {
            return false;
        }
    }
    false
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn gazetteer_location(p: &crate::kb::Place) -> Location {
    Location {
        name: p.name.clone(),
        country: Some(p.iso3.clone()),
        admin1: p
            .admin1
            .clone()
            .or_else(|| (p.feature == PlaceFeature::Admin1).then(|| p.name.clone())),
        lat: p.lat,
        lon: p.lon,
        geonames_id: Some(p.geonames_id),
        text: String::new(),
        span: [0, 0],
    }
}

/// True when the words before `start` introduce a location: a locative
/// preposition, possibly followed by determiners, adjectives, names and
/// numbers ("in the West Bank city of"), or a place noun and "of".
fn introduced_as_location(an: &Analysis<'_>, start: usize) -> bool {
    place_cue(an, start, |t| {
        matches!(t.pos.as_str(), "DT" | "JJ" | "NNP" | "NNPS" | "CD" | "POS")
            || PLACE_NOUNS.contains(&t.lower.as_str())
            || t.lower == "'s"
    })
}

/// The place that locates an event triggered by `trigger`: among the
/// places introduced as locations, the nearest to the trigger (the one
/// after it on ties).
pub(crate) fn locate<'p>(
    an: &Analysis<'_>,
    places: &'p [PlaceMention],
    trigger: &Range<usize>,
) -> Option<&'p PlaceMention> {
    places
        .iter()
        .filter(|p| introduced_as_location(an, p.tokens.start))
        .min_by_key(|p| {
            if p.tokens.start >= trigger.end {
                (p.tokens.start - trigger.end, 0)
            } else {
                (trigger.start.saturating_sub(p.tokens.end), 1)
            }
        })
}

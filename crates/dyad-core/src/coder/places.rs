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

use super::context::DocContext;
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
    /// How large a place it is: 3 a country, 2 a region, 1 a town or
    /// site the gazetteer knows, 0 a name neither the knowledge base nor
    /// the gazetteer knows, taken as a place from its context.
    pub rank: u8,
    /// True when the sentence names it only to situate a more precise
    /// place ("Iraq's" in "Iraq's Nineveh province", "Cairo" in "Minya
    /// University south of Cairo"): it does not locate events.
    pub situating: bool,
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
    "through",
    "off",
];

/// Other capitalised words that are never places.
const NOT_PLACES: &[&str] = &["god", "christmas", "easter"];

fn is_not_place(w: &str) -> bool {
    crate::text::is_calendar_word(w) || NOT_PLACES.contains(&w)
}

/// Nouns that make "<noun> of X" a place ("the city of Nablus", "the
/// outskirts of Aleppo"); with the [`COMPASS_POINTS`], [`is_place_noun`].
const PLACE_NOUNS: &[&str] = &[
    "city",
    "cities",
    "town",
    "towns",
    "village",
    "villages",
    "localities",
    "locality",
    "districts",
    "neighbourhood",
    "neighborhood",
    "neighbourhoods",
    "neighborhoods",
    "countryside",
    "island",
    "commune",
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
    "port",
    "border",
    "governorate",
    "oblast",
    "enclave",
    "territory",
    "streets",
    "borough",
    "settlement",
    "settlements",
    "outpost",
    "islet",
    "hamlet",
    "municipality",
    "quarter",
    "pocket",
    "hometown",
];

/// Capitalised words that end the name of an administrative area: a
/// gazetteer place followed by one is still that place ("Aleppo
/// Governorate").
const ADMIN_SUFFIXES: &[&str] = &[
    "province",
    "governorate",
    "district",
    "region",
    "county",
    "state",
    "oblast",
    "city",
    "town",
    "prefecture",
];

/// Capitalised words that end the name of a site: "the Heart Hospital",
/// "Minya University", "Utah Beach" name a place wherever they stand.
const SITE_SUFFIXES: &[&str] = &[
    "hospital",
    "university",
    "museum",
    "airport",
    "airbase",
    "stadium",
    "beach",
    "road",
    "street",
    "square",
    "mosque",
    "church",
    "cathedral",
    "bridge",
    "prison",
    "market",
    "hotel",
    "palace",
    "dam",
    "camp",
    "base",
    "station",
    "valley",
    "mountains",
    "heights",
    "crossing",
    "district",
    "governorate",
    "province",
    "neighbourhood",
    "neighborhood",
];

/// True when token `j` can be a word of a place's name: a capitalised
/// proper noun, or one that starts with a lowercase Arabic article joined
/// by a hyphen ("al-Joz", "ez-Zor") — not a compound adjective
/// ("Sunni-dominated", "Serb-held"), nor a month or holiday.
fn name_word(an: &Analysis<'_>, j: usize) -> bool {
    let t = &an.tokens[j];
    if !t.pos.starts_with("NNP") || is_not_place(&t.lower) {
        return false;
    }
    match t.word.rsplit_once('-') {
        // "Sunni-dominated", "U.S.-led": an adjective, whatever its tag.
        Some((_, last)) if is_participle_like(last) => false,
        Some((first, last)) if !t.is_capitalized() => {
            !first.contains('-')
                && (1..=3).contains(&first.chars().count())
                && last.chars().next().is_some_and(char::is_uppercase)
        }
        _ => t.is_capitalized(),
    }
}

/// True for the lowercase last part of a compound adjective: a
/// participle or a word like "majority" ("Serb-held", "Kurdish-majority",
/// "Afghan-style").
fn is_participle_like(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && (w.ends_with("ed")
            || matches!(
                w,
                "held"
                    | "run"
                    | "led"
                    | "built"
                    | "made"
                    | "hit"
                    | "majority"
                    | "speaking"
                    | "style"
            ))
}

/// True when token `j` is a capitalised proper noun other than a month or
/// holiday (a name word, or the start of a compound adjective).
fn capitalised(an: &Analysis<'_>, j: usize) -> bool {
    let t = &an.tokens[j];
    t.pos.starts_with("NNP") && t.is_capitalized() && !is_not_place(&t.lower)
}

/// True when token `j` is written against the one before it, with no
/// space between ("Al" "-" "'" "Arfi" for "Al-‘Arfi").
fn glued(an: &Analysis<'_>, j: usize) -> bool {
    j > 0 && an.tokens[j - 1].token.end == an.tokens[j].token.start
}

/// The end of the name that starts at token `start`: its name words
/// (at most four), with the hyphens and apostrophes written inside it
/// ("Tal Abu Al-‘Ali"); `start` itself when no name starts there.
fn name_end(an: &Analysis<'_>, start: usize) -> usize {
    let toks = &an.tokens;
    let mut end = start;
    let mut words = 0;
    while end < toks.len() && words < 4 {
        if name_word(an, end) {
            end += 1;
            words += 1;
            continue;
        }
        // Punctuation inside a word: glued on both sides, and a name word
        // after it.
        let inner = end > start
            && glued(an, end)
            && (end..toks.len())
                .take_while(|&k| {
                    matches!(toks[k].word.as_str(), "-" | "'") && (k == end || glued(an, k))
                })
                .last()
                .is_some_and(|k| k + 1 < toks.len() && glued(an, k + 1) && name_word(an, k + 1));
        if !inner {
            break;
        }
        while matches!(toks[end].word.as_str(), "-" | "'") {
            end += 1;
        }
    }
    end
}

/// The longest run of capitalised proper nouns around `r` that no
/// knowledge-base mention covers: "Umm Batna" around "Batna".
fn name_run(
    an: &Analysis<'_>,
    r: &Range<usize>,
    covered: &dyn Fn(&Range<usize>) -> bool,
) -> Range<usize> {
    // Any capitalised proper noun continues the name ("Dhabi-based" too:
    // "Abu" is not the place of "Abu Dhabi-based").
    let part = |j: usize| (name_word(an, j) || capitalised(an, j)) && !covered(&(j..j + 1));
    let mut start = r.start;
    while start > 0 && r.end - (start - 1) <= 4 && part(start - 1) {
        start -= 1;
    }
    let mut end = r.end;
    while end < an.tokens.len() && end + 1 - start <= 4 && part(end) {
        end += 1;
    }
    start..end
}

fn ends_with_site(an: &Analysis<'_>, r: &Range<usize>) -> bool {
    r.len() >= 2 && SITE_SUFFIXES.contains(&an.tokens[r.end - 1].lower.as_str())
}

/// Lowercase nouns of buildings and sites a town's name can modify: "his
/// Nairobi home", "a small Mombasa hotel", "the Kabul airport".
const VENUE_NOUNS: &[&str] = &[
    "home",
    "house",
    "residence",
    "apartment",
    "flat",
    "villa",
    "cabin",
    "compound",
    "hotel",
    "restaurant",
    "cafe",
    "nightclub",
    "office",
    "offices",
    "headquarters",
    "airport",
    "base",
    "theater",
    "theatre",
];

/// True when the town or region at `r` (not a country: "a U.S. base" is
/// American, not in America) modifies a building noun after a determiner,
/// a possessive or an adjective ("outside his Nairobi home", "the owner
/// of a small Mombasa hotel"): the building, and what happens there, is
/// in that place.
fn venue_modifier(an: &Analysis<'_>, p: &PlaceMention) -> bool {
    let toks = &an.tokens;
    p.rank < 3
        && p.tokens.start > 0
        && matches!(
            toks[p.tokens.start - 1].pos.as_str(),
            "DT" | "PRP$" | "JJ" | "POS"
        )
        && toks
            .get(p.tokens.end)
            .is_some_and(|t| !t.is_capitalized() && VENUE_NOUNS.contains(&t.lower.as_str()))
}

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

/// The places named in a sentence. `ctx` tells which countries and regions
/// the document mentions (they resolve ambiguous place names).
pub(crate) fn sentence_places(
    an: &Analysis<'_>,
    kb: &KnowledgeBase,
    ctx: &DocContext,
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
        let rank = match m.kind {
            MentionKind::Country { .. } => 3,
            MentionKind::Region { .. } => 2,
            _ => 1,
        };
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
                let other_country = |c: &str| c != iso3.as_str() && ctx.mentions_country(c);
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
            rank,
            situating: false,
        });
    }
    // Gazetteer names outside the knowledge base's mentions (a person or an
    // organisation named like a town is not a town).
    // A role word that ends a site's name ("Heart Hospital") does not
    // make the name an actor.
    let covered = |r: &Range<usize>| {
        an.mentions.iter().any(|m| {
            let site_word = matches!(m.kind, MentionKind::Agent { .. })
                && m.tokens.len() == 1
                && an.tokens[m.tokens.start].is_capitalized()
                && SITE_SUFFIXES.contains(&an.tokens[m.tokens.start].lower.as_str());
            !site_word && m.tokens.start < r.end && r.start < m.tokens.end
        })
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
            // Part of a longer name: "Aleppo Governorate" is Aleppo's, but
            // "Umm Batna" is not Batna (the unknown-name pass below takes it).
            let run = name_run(an, &found.tokens, &covered);
            let own_name = run.start == found.tokens.start
                && (found.tokens.end..run.end)
                    .all(|j| ADMIN_SUFFIXES.contains(&an.tokens[j].lower.as_str()));
            if !own_name {
                continue;
            }
            if let Some(p) = Gazetteer::resolve(&found.candidates, &|p| ctx.favour(p)) {
                out.push(PlaceMention {
                    tokens: run,
                    location: gazetteer_location(p),
                    rank: if p.feature == PlaceFeature::Admin1 {
                        2
                    } else {
                        1
                    },
                    situating: false,
                });
            }
        }
    }
    // Names the knowledge base does not know, where the text says they are
    // places: "the village of Sharifah", "near Batrah", "in Lucciana".
    let mut i = 0;
    while i < an.tokens.len() {
        let end = name_end(an, i);
        if end == i {
            i += 1;
            continue;
        }
        // A name still going on after four words, or into a compound
        // adjective ("Abu Dhabi-based"), is not a place's.
        let goes_on = |j: usize| name_word(an, j) || capitalised(an, j);
        if end < an.tokens.len() && goes_on(end) {
            i = (end..an.tokens.len())
                .find(|&j| !goes_on(j))
                .unwrap_or(an.tokens.len());
            continue;
        }
        let r = i..end;
        let known = covered(&r) || out.iter().any(|p| overlaps(&p.tokens, &r));
        let cued = introduced_as_location(an, i) && named_as_place(an, i) || attacked_place(an, &r);
        // "in a Jewish settlement": a name between an indefinite article
        // and a place noun says what kind of place, not which.
        let kind = i > 0
            && matches!(an.tokens[i - 1].lower.as_str(), "a" | "an")
            && an.tokens.get(end).is_some_and(|t| {
                is_place_noun(&t.lower) || PLACE_PARTS.contains(&t.lower.as_str())
            });
        if !known && !kind && (cued || ends_with_site(an, &r) || object_of_place_verb(an, i)) {
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
                rank: 0,
                situating: false,
            });
        }
        i = end;
    }
    extend_names(an, &mut out);
    out.sort_by_key(|p| p.tokens.start);
    // "in Iraq's northern Nineveh province": the possessor only situates
    // the more precise place that follows it (but "Abuja's International
    // Conference Centre" is in Abuja: an unknown name is more precise only
    // when a place noun says what it is).
    for k in 0..out.len().saturating_sub(1) {
        let end = out[k].tokens.end;
        let n = &out[k + 1];
        let area = an
            .tokens
            .get(n.tokens.end)
            .is_some_and(|t| is_place_noun(&t.lower));
        // "Russia's southern region of Ingushetia": a place noun says it.
        let noun_of = n.tokens.start >= 2
            && an.tokens[n.tokens.start - 1].lower == "of"
            && is_place_noun(&an.tokens[n.tokens.start - 2].lower);
        if an.tokens.get(end).is_some_and(|t| t.lower == "'s")
            && n.tokens.start <= end + 4
            && (n.rank > 0 || area || noun_of)
        {
            out[k].situating = true;
        }
    }
    // Two places linked by "in", "of", "near" ("Lucciana, in upper
    // Corsica", "the Vedeno region of southern Chechnya", "Minya University
    // south of Cairo", "the West Bank city of Nablus"): the larger only
    // situates the smaller; between two of a size, the one after "in" or
    // "near" situates the one before, and "the <noun> of" introduces the
    // smaller one ("the Tijuana district of La Presa") unless it is an
    // apposition ("Ramadi, the capital of Anbar").
    for k in 1..out.len() {
        let (from, to) = (out[k - 1].tokens.end, out[k].tokens.start);
        if !situates(an, from, to) {
            continue;
        }
        // "<kind of place> of" ending at token `j` ("the city of", not
        // "south of"), the kind noun after token `lo`.
        let kind_of = |j: usize, lo: usize| {
            j > lo
                && an.tokens[j].lower == "of"
                && is_place_noun(&an.tokens[j - 1].lower)
                && !is_direction_or_part(&an.tokens[j - 1].lower)
        };
        let noun_of = to >= 1 && kind_of(to - 1, 0);
        // "Ramadi, the capital of Anbar": an apposition says what the first
        // place is, within the second.
        let apposition = an.tokens[from].lower == ",";
        let (a, b) = (out[k - 1].rank, out[k].rank);
        // "Lashkar Gah, the capital of southern Helmand": adjectives may
        // stand between "of" and the place in an apposition.
        let loose_noun_of = (from..to)
            .rev()
            .find(|&j| !matches!(an.tokens[j].pos.as_str(), "JJ" | "DT"))
            .is_some_and(|j| kind_of(j, from));
        // "Dalbaro district in Mandera county", "Dalbaro town of
        // the northern province of Mandera": a place followed by its own
        // kind noun, then "in" or "of" and another place, lies in that one.
        let kind_after = |r: &Range<usize>| {
            an.tokens
                .get(r.end)
                .is_some_and(|t| is_place_noun(&t.lower) && !is_direction_or_part(&t.lower))
        };
        let within = kind_after(&out[k - 1].tokens)
            && an
                .tokens
                .get(from + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "in" | "of"))
            && (kind_after(&out[k].tokens)
                || an.tokens[from + 1].lower == "in"
                // "… town of the northern province of Mandera", not "the
                // West Bank city of Nablus".
                || noun_of && to >= 2 && to - 2 > from);
        let first_situates = if within || loose_noun_of && apposition {
            false
        } else {
            a > b || (a == b && noun_of)
        };
        out[if first_situates { k - 1 } else { k }].situating = true;
    }
    out
}

/// Capitalised nouns of seas and landforms that head a name with "of"
/// ("the Gulf of Aden", "the Horn of Africa").
const FEATURE_HEADS: &[&str] = &[
    "gulf", "bay", "strait", "straits", "sea", "horn", "cape", "isle", "lake",
];

/// True when token `j` is a capitalised compass word that opens a place's
/// name ("South Vietnam", "Eastern Slavonia", "Central Java").
fn compass_name_word(an: &Analysis<'_>, j: usize) -> bool {
    let t = &an.tokens[j];
    let w = t.lower.as_str();
    t.is_capitalized()
        && (COMPASS_POINTS.contains(&w)
            || w == "central"
            || w.strip_suffix("ern")
                .is_some_and(|stem| COMPASS_POINTS.contains(&stem)))
}

/// Widens the places of a sentence to the whole names they are part of:
/// a capitalised compass word before ("West Jerusalem"), a capitalised
/// administrative word after ("Gaza City"), and "<sea or landform> of
/// <name>" ("the Gulf of Aden"), which replaces the places inside it.
fn extend_names(an: &Analysis<'_>, out: &mut Vec<PlaceMention>) {
    let toks = &an.tokens;
    let free = |out: &[PlaceMention], j: usize| !out.iter().any(|p| p.tokens.contains(&j));
    for k in 0..out.len() {
        let r = out[k].tokens.clone();
        if r.start > 0 && compass_name_word(an, r.start - 1) && free(out, r.start - 1) {
            out[k].tokens.start -= 1;
        }
        let admin = toks
            .get(r.end)
            .is_some_and(|t| t.is_capitalized() && ADMIN_SUFFIXES.contains(&t.lower.as_str()));
        if admin && free(out, r.end) {
            out[k].tokens.end += 1;
        }
    }
    for j in 0..toks.len().saturating_sub(2) {
        let head = toks[j].is_capitalized() && FEATURE_HEADS.contains(&toks[j].lower.as_str());
        if !head || toks[j + 1].lower != "of" {
            continue;
        }
        let end = name_end(an, j + 2);
        if end == j + 2 {
            continue;
        }
        let r = j..end;
        out.retain(|p| !overlaps(&p.tokens, &r));
        let name = toks[r.clone()]
            .iter()
            .map(|t| t.word.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(PlaceMention {
            tokens: r,
            location: Location {
                country: None,
                ..location(name, "")
            },
            rank: 2,
            situating: false,
        });
    }
}

/// The eight compass points ("north", "southwest"), also the stems of their
/// adjectives ("southwestern").
pub(crate) const COMPASS_POINTS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// True for a noun that makes "<noun> of X" a place: one of [`PLACE_NOUNS`]
/// or a compass point ("20 km north of Kyiv").
fn is_place_noun(w: &str) -> bool {
    PLACE_NOUNS.contains(&w) || COMPASS_POINTS.contains(&w)
}

/// Place nouns that say where relative to a place, not what kind of place
/// ("south of", "the outskirts of").
fn is_direction_or_part(w: &str) -> bool {
    COMPASS_POINTS.contains(&w) || PLACE_PARTS.contains(&w)
}

/// True when the words from `from` to `to` make the place at `to` the
/// surroundings of the place just before: a comma, a place noun,
/// determiners, adjectives, distances and compass words around "in",
/// "of" or "near" ("…, in upper", "region of southern", "south of",
/// ", about 180 km (110 miles) south of").
fn situates(an: &Analysis<'_>, from: usize, to: usize) -> bool {
    if to <= from || to - from > 8 {
        return false;
    }
    let mut linked = false;
    for t in &an.tokens[from..to] {
        let w = t.lower.as_str();
        if matches!(w, "in" | "of" | "near" | "outside") {
            linked = true;
        } else if !(matches!(
            t.pos.as_str(),
            "DT" | "JJ" | "CD" | "RB" | "NNS" | "," | "-LRB-" | "-RRB-"
        ) || is_place_noun(w)
            || matches!(
                w,
                "," | "(" | ")" | "km" | "kilometres" | "kilometers" | "miles" | "about" | "some"
            ))
        {
            return false;
        }
    }
    linked
}

/// The readings of a sentence's names that depend on the whole story (run
/// once every sentence's places are counted): ethnic groups' home states,
/// capitals that name a town of the story's country.
pub(crate) fn resolve_story_names(an: &mut Analysis<'_>, ctx: &mut DocContext, kb: &KnowledgeBase) {
    resolve_ethnic_groups(an, ctx);
    resolve_capital_namesakes(an, ctx, kb);
}

/// Reads each ethnic group's name in a sentence as the demonym of the home
/// state the story names most (after [`note_document_places`] has run on
/// every sentence): "Kurdish fighters" in a story on Syria are Syrian.
fn resolve_ethnic_groups(an: &mut Analysis<'_>, ctx: &DocContext) {
    for m in &mut an.mentions {
        if let MentionKind::Ethnic { homes } = m.kind {
            let states = homes.iter().map(|h| match h {
                MentionKind::Demonym { iso3 } => iso3.as_str(),
                _ => "",
            });
            if let Some(home) = homes.get(ctx.ethnic_home(states)) {
                m.kind = home;
                m.ethnic = true;
            }
        }
    }
}

/// Population from which a town sharing a capital's name is a rival
/// reading of it (Tripoli, Lebanon: 230,000) however briefly the story
/// names its country; a smaller town (Washington, England; Athens,
/// Georgia) needs its country named twice.
const NAMESAKE_POPULATION: u64 = 100_000;

/// Drops a capital's name read as its government when the story is about
/// another country that has a town of that name ("Tripoli" in a story on
/// Lebanon is the Lebanese port, not Libya's government); the gazetteer then
/// reads it as that town. Runs after [`note_document_places`].
fn resolve_capital_namesakes(an: &mut Analysis<'_>, ctx: &mut DocContext, kb: &KnowledgeBase) {
    let toks = &an.tokens;
    an.mentions.retain(|m| {
        let MentionKind::Capital { iso3 } = m.kind else {
            return true;
        };
        let name: Vec<&str> = toks[m.tokens.clone()]
            .iter()
            .map(|t| t.word.as_str())
            .collect();
        let own = ctx.weight_without_capital(iso3);
        let namesake = kb.places.lookup(&name.join(" ")).iter().any(|p| {
            let other = ctx.weight(&p.iso3);
            p.iso3 != *iso3 && other > own && (p.population >= NAMESAKE_POPULATION || other >= 2)
        });
        if namesake {
            ctx.uncount_capital(iso3);
        }
        !namesake
    });
}

/// Notes in `ctx` what a sentence tells about the document's geography:
/// the countries it mentions and the first-level regions it names (done
/// for every sentence before coding).
pub(crate) fn note_document_places(ctx: &mut DocContext, an: &Analysis<'_>, kb: &KnowledgeBase) {
    for m in &an.mentions {
        // "ethnic Albanians in Macedonia" are no sign of Albania.
        let ethnic = m
            .tokens
            .start
            .checked_sub(1)
            .is_some_and(|i| an.tokens[i].lower == "ethnic");
        match &m.kind {
            MentionKind::Demonym { .. } if ethnic => {}
            MentionKind::Country { iso3 } | MentionKind::Demonym { iso3 } => {
                ctx.count_country(iso3)
            }
            MentionKind::Capital { iso3 } => ctx.count_capital(iso3),
            _ => {}
        }
    }
    for g in [&kb.user_places, &*kb.places] {
        for found in g.find(&an.tokens) {
            let named = an
                .mentions
                .iter()
                .any(|m| overlaps(&m.tokens, &found.tokens));
            if !named {
                ctx.note_regions(&found.candidates);
                if let Some(first) = found.candidates.first() {
                    if found.candidates.iter().all(|c| c.iso3 == first.iso3) {
                        ctx.count_place_country(&first.iso3);
                    }
                }
            }
        }
    }
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
    // "near the capital, Kampala": a name in apposition to a place noun
    // is cued as that noun is.
    let start = match start.checked_sub(2) {
        Some(p)
            if toks[start - 1].lower == ","
                && is_place_noun(&toks[p].lower)
                && !is_direction_or_part(&toks[p].lower)
                && p > 0
                && matches!(toks[p - 1].pos.as_str(), "DT" | "JJ") =>
        {
            p
        }
        _ => start,
    };
    for prev in (start.saturating_sub(8)..start).rev() {
        let t = &toks[prev];
        let w = t.lower.as_str();
        if w == "of" {
            return prev
                .checked_sub(1)
                .is_some_and(|p| is_place_noun(&toks[p].lower));
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

/// Nouns of assault: "on" after one introduces the place attacked ("the
/// assault on Dalbaro", "an attack on Dalbaro village").
const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "assault",
    "assaults",
    "raid",
    "raids",
    "offensive",
    "onslaught",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "bombardment",
];

/// True when the name at `r` is what a noun of assault is "on", with at
/// most two determiners or adjectives between ("the assault on Dalbaro",
/// "attacks on eastern Mandera") and the name not itself a modifier or a
/// possessor ("an attack on the Dalbaro garrison", "attacks on
/// Mombasa's port").
fn attacked_place(an: &Analysis<'_>, r: &Range<usize>) -> bool {
    let toks = &an.tokens;
    let modifier = toks.get(r.end).is_some_and(|t| {
        t.lower == "'s"
            || t.pos == "POS"
            || t.pos.starts_with("NN") && !t.is_capitalized() && !is_place_noun(&t.lower)
    });
    let Some(on) = (r.start.saturating_sub(3)..r.start)
        .rev()
        .find(|&j| !matches!(toks[j].pos.as_str(), "DT" | "JJ"))
    else {
        return false;
    };
    !modifier
        && toks[on].lower == "on"
        && on.checked_sub(1).is_some_and(|p| {
            toks[p].pos.starts_with("NN") && ATTACK_NOUNS.contains(&toks[p].lower.as_str())
        })
}

/// True when the place at `start` follows "of" after a place noun that
/// ends a capitalised name ("the Islamic State of Iraq", "Chah Ab District
/// of Takhar"): it belongs to that name, or only situates it, and does not
/// locate events.
fn of_a_name(an: &Analysis<'_>, start: usize) -> bool {
    let toks = &an.tokens;
    start >= 3
        && toks[start - 1].lower == "of"
        && toks[start - 2].is_capitalized()
        && is_place_noun(&toks[start - 2].lower)
        && toks[start - 3].is_capitalized()
        && toks[start - 3].pos.starts_with("NNP")
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
/// preposition, possibly followed by determiners, possessives, adjectives,
/// names and numbers ("in the West Bank city of", "outside his"), or a
/// place noun and "of".
fn introduced_as_location(an: &Analysis<'_>, start: usize) -> bool {
    place_cue(an, start, |t| {
        matches!(
            t.pos.as_str(),
            "DT" | "JJ" | "NNP" | "NNPS" | "CD" | "POS" | "PRP$"
        ) || is_place_noun(&t.lower)
            || PLACE_PARTS.contains(&t.lower.as_str())
            || t.lower == "'s"
    })
}

/// True when an unknown name follows an indefinite article ("in a Kurdish
/// neighbourhood", "near a Mosque in Quetta"): it says what kind of
/// place, not which one.
fn a_kind(an: &Analysis<'_>, p: &PlaceMention) -> bool {
    p.rank == 0
        && p.tokens.start > 0
        && matches!(an.tokens[p.tokens.start - 1].lower.as_str(), "a" | "an")
}

/// True when "over" introduces the known place at `start`, with at most
/// determiners and adjectives between ("shot down over Laos", "patrolled
/// over northern Iraq") — not a possessor ("a win over Spain's champion").
fn flown_over(an: &Analysis<'_>, r: &Range<usize>) -> bool {
    let possessor = an.tokens.get(r.end).is_some_and(|t| t.lower == "'s");
    !possessor
        && an.tokens[..r.start]
            .iter()
            .rev()
            .find(|t| !matches!(t.pos.as_str(), "DT" | "JJ"))
            .is_some_and(|t| t.lower == "over")
}

/// True when the name at `start` is the object of a verb that only takes
/// places ("stormed Zabdeen", "entered Knin"): at most a determiner between.
fn object_of_place_verb(an: &Analysis<'_>, start: usize) -> bool {
    const PLACE_ONLY: &[&str] = &[
        "storm",
        "enter",
        "invade",
        "overrun",
        "recapture",
        "retake",
        "shell",
        "bombard",
        "besiege",
        "encircle",
        "patrol",
    ];
    let toks = &an.tokens;
    let v = match start.checked_sub(1) {
        Some(p) if toks[p].pos == "DT" => p.checked_sub(1),
        p => p,
    };
    v.is_some_and(|v| toks[v].pos.starts_with("VB") && PLACE_ONLY.contains(&toks[v].lemma.as_str()))
}

/// Verbs of attack: a town or region they act on is where the event happens.
const ATTACK_VERBS: &[&str] = &["attack", "target", "strike", "hit"];

/// Parts of a place a territorial verb acts on ("the streets of Beirut").
const PLACE_PARTS: &[&str] = &[
    "downtown",
    "streets",
    "roads",
    "skies",
    "coast",
    "border",
    "borders",
    "outskirts",
    "suburbs",
    "suburb",
    "centre",
    "center",
    "heart",
    "positions",
    "areas",
    "area",
    "parts",
    "part",
];

/// Verbs whose object is a piece of territory, so that the place they act
/// on is where the event happens ("captured Kisangani", "Kisangani was
/// captured", "entered Syria").
const TERRITORIAL_VERBS: &[&str] = &[
    "capture",
    "seize",
    "storm",
    "enter",
    "invade",
    "occupy",
    "overrun",
    "liberate",
    "recapture",
    "retake",
    "shell",
    "bomb",
    "bombard",
    "raid",
    "destroy",
    "besiege",
    "encircle",
    "patrol",
    "cross",
    "evacuate",
    "flood",
    "pound",
    "surround",
    "ambush",
    "loot",
    "torch",
];

/// True when `place` is the object of one of `verbs` (territorial or
/// attack verbs) in `trigger` ("captured (more than half of) Zaire") or
/// its subject in the passive
/// ("Kisangani was captured", "Chechnya's towns have been destroyed").
fn taken_place(
    an: &Analysis<'_>,
    place: &Range<usize>,
    trigger: &Range<usize>,
    verbs: &[&str],
) -> bool {
    let toks = &an.tokens;
    let Some(v) = trigger
        .clone()
        .find(|&k| toks[k].pos.starts_with("VB") && verbs.contains(&toks[k].lemma.as_str()))
    else {
        return false;
    };
    if place.start > v {
        // Object: only determiners, adjectives, numbers and partitives between.
        // ("shelled the populated localities of Mardes", "patrolled the
        // roads of Beirut").
        toks[v + 1..place.start].iter().all(|t| {
            matches!(
                t.pos.as_str(),
                "DT" | "JJ" | "JJR" | "CD" | "PDT" | "RBR" | "VBN"
            ) || is_place_noun(&t.lower)
                || PLACE_PARTS.contains(&t.lower.as_str())
                || matches!(
                    t.lower.as_str(),
                    "of" | "half" | "parts" | "part" | "much" | "most" | "than"
                )
        })
    } else {
        // Passive subject: auxiliaries, or a possessed plural noun, between
        // (never a place name that takes in the verb itself).
        let Some(between) = toks.get(place.end..v) else {
            return false;
        };
        toks[v].pos == "VBN"
            && between.len() <= 4
            && between.iter().all(|t| {
                matches!(
                    t.lower.as_str(),
                    "was"
                        | "were"
                        | "is"
                        | "are"
                        | "has"
                        | "have"
                        | "had"
                        | "been"
                        | "being"
                        | "'s"
                ) || (t.pos == "NNS" && between.first().is_some_and(|f| f.lower == "'s"))
            })
    }
}

/// True when no punctuation or subordinating conjunction separates the
/// place from the trigger ("will not accept refugees if war starts in
/// Iraq": Iraq is the condition's place, not the refusal's), nor, for a
/// place before it, another verb ("deployed troops in Iraq and urged …").
pub(crate) fn in_clause_of(an: &Analysis<'_>, p: &PlaceMention, trigger: &Range<usize>) -> bool {
    let after = p.tokens.start >= trigger.end;
    let between = if after {
        trigger.end..p.tokens.start
    } else {
        p.tokens.end..trigger.start.max(p.tokens.end)
    };
    !between.into_iter().any(|k| {
        let t = &an.tokens[k];
        matches!(
            t.lower.as_str(),
            "," | ";" | ":" | "--" | "if" | "unless" | "when" | "because" | "while" | "whereas"
        ) || !after && t.pos.starts_with("VB")
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
    // A participle clause happens where its main clause does ("attacked
    // Damboa, killing 60"): the main clause's verbs may take the place.
    let participle = an.tokens.get(trigger.start).is_some_and(|t| t.pos == "VBG")
        && trigger.start > 0
        && an.tokens[trigger.start - 1].lower == ",";
    let takers = if participle {
        0..trigger.end
    } else {
        trigger.clone()
    };
    places
        .iter()
        .filter(|p| !p.situating && !of_a_name(an, p.tokens.start) && !a_kind(an, p))
        .filter(|p| {
            introduced_as_location(an, p.tokens.start)
                || p.rank > 0 && flown_over(an, &p.tokens)
                || ends_with_site(an, &p.tokens)
                || venue_modifier(an, p)
                // A country attacked is a target more than a place.
                || p.rank < 3 && attacked_place(an, &p.tokens)
                || taken_place(an, &p.tokens, &takers, TERRITORIAL_VERBS)
                // A country attacked is a target more than a place.
                || p.rank < 3 && taken_place(an, &p.tokens, &takers, ATTACK_VERBS)
        })
        .min_by_key(|p| {
            // A place in the trigger's own clause first, then the nearest.
            let key = if p.tokens.start >= trigger.end {
                (p.tokens.start - trigger.end, 0)
            } else {
                (trigger.start.saturating_sub(p.tokens.end), 1)
            };
            let crosses = !in_clause_of(an, p, trigger);
            // "near the US embassy in Dar es Salaam": a place that only
            // modifies a common noun comes last.
            let modifier = an.tokens.get(p.tokens.end).is_some_and(|t| {
                matches!(t.pos.as_str(), "NN" | "NNS")
                    && !t.is_capitalized()
                    && !is_place_noun(&t.lower)
                    && !PLACE_PARTS.contains(&t.lower.as_str())
            });
            (modifier, crosses, key)
        })
}

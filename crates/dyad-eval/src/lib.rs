//! # dyad-eval
//!
//! Measures dyad's accuracy on gold-standard data: reads a gold file, codes
//! every gold sentence with dyad, and scores what came out against what the
//! gold expects. `dyad eval` is a thin command-line front end to this crate.
//!
//! ```text
//! read       gold file → Gold records        (one reader per Format; file:line errors)
//! code       each sentence → one Document     (the record's date as publication date)
//!            → Vec<Event>                     (any coder: a closure, dyad_core::code in the CLI)
//! score      Gold + events → SetReport        (one pure scorer per kind of gold)
//! report     SetReport → text or JSON; Floors check it for CI
//! ```
//!
//! The scorers are pure functions of gold records and coded events, so their
//! tests feed them hand-made events with known mistakes and assert exact
//! counts. Date normalisation and event location are scored through
//! closures ([`Evaluator::normalizer`], [`Evaluator::locator`]) so that the
//! scorer does not depend on how they are implemented.
//!
//! ## Scoring rules (strict)
//!
//! - **Triple sets** (native, PETR-2 gold standard, PETRARCH unit tests,
//!   PLOVER): per sentence, gold and coded events are matched one-to-one,
//!   greedily, best match first ([`triples::match_events`]). A pair matches
//!   at *root level* when source and target agree at the gold's granularity
//!   and the CAMEO roots agree; at *full-code level* when the full codes
//!   agree too. Actors agree when our code cut to the gold code's length
//!   equals it: gold `USA` accepts `USAGOV`, gold `USAGOV` needs `USAGOV`,
//!   PETRARCH's unknown country `---` accepts any country, and a missing gold
//!   target needs a missing coded target. Unmatched coded events are extra
//!   events (false positives), unmatched gold events missed events. Every
//!   coded event counts, negated and future ones included.
//! - **PLOVER**: the same at PLOVER event level, our CAMEO code converted
//!   with [`dyad_core::ontology::plover_event`] (coded events without a
//!   PLOVER equivalent, roots 01–02, are not counted at that level); root
//!   and full-code level over the sentences that carry `cameo_from_manual`.
//! - **Actor match** is measured over pairs matched on the event alone:
//!   the share whose source and target have the same country (first three
//!   letters) and the same country and sector (first six).
//! - **No-event false-positive rate**: the share of gold no-event sentences
//!   on which dyad coded at least one event.
//! - **CAMEO manual**, **ConfliBERT**, **zero-shot PLOVER pairs**,
//!   **TimeBank**, **event location** and **geoparsing** (LGL, GeoWebNews)
//!   have their own metrics, documented on [`manual::score_manual`],
//!   [`penta::score_penta`], [`pairs::score_pairs`], [`timex::score_timex`],
//!   [`location::score_locations`] and [`geoparse`].

pub mod counts;
pub mod floors;
pub mod format;
pub mod geoparse;
pub mod gold;
pub mod location;
pub mod manual;
pub mod pairs;
pub mod penta;
pub mod petrarch;
pub mod read;
pub mod report;
pub mod text;
pub mod timeml;
pub mod timex;
pub mod triples;

pub use floors::Floors;
pub use format::Format;
pub use gold::Gold;
pub use penta::penta_class;
pub use read::{read_file, read_str, EvalError, GoldFile};
pub use report::SetReport;

use dyad_core::{Document, Event};
use jiff::civil::Date;

/// A date normaliser: `(expression, anchor date, its sentence when known)
/// → TIMEX3 value`.
pub type Normalizer<'a> =
    &'a (dyn Fn(&str, Date, Option<&gold::TimexContext>) -> Option<String> + Sync);
/// An event locator: `(text, event verb) → place mention`.
pub type Locator<'a> = &'a (dyn Fn(&str, &str) -> Option<String> + Sync);

/// What scoring needs besides the gold: the coder, and the optional date
/// normaliser and event locator.
pub struct Evaluator<'a> {
    /// Codes one document (the CLI passes `dyad_core::code` with its
    /// knowledge base).
    pub coder: &'a (dyn Fn(&Document) -> Vec<Event> + Sync),
    /// Normalises a date expression against an anchor date; TimeBank is not
    /// scored without it.
    pub normalizer: Option<Normalizer<'a>>,
    /// Finds the location of an event verb; event location is not scored
    /// without it.
    pub locator: Option<Locator<'a>>,
    /// Finds the places of a text; geoparsing is not scored without it.
    pub placer: Option<geoparse::Placer<'a>>,
}

/// The one-sentence document a gold sentence is coded as.
pub fn document(id: &str, text: &str, date: Option<Date>) -> Document {
    Document {
        id: id.to_string(),
        text: text.to_string(),
        published: date,
        ..Default::default()
    }
}

/// Maps `f` over `items` on all cores, keeping the order.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Codes every sentence of a gold file and scores it.
pub fn evaluate(file: &GoldFile, ev: &Evaluator<'_>) -> SetReport {
    let format = file.format;
    let (set, name) = (format.set_name(), format.name());
    let code = |id: &str, text: &str, date: Option<Date>| (ev.coder)(&document(id, text, date));
    let mut report = match &file.gold {
        Gold::Triples(g) => {
            let coded = par_map(&g.items, |it| code(&it.id, &it.text, it.date));
            let mut r = triples::score_triples(set, name, g, &coded);
            r.notes.push(
                "every coded event counts (negated and future ones too); actors agree when our \
                 code starts with the gold code"
                    .into(),
            );
            if g.plover {
                r.notes.push(
                    "old PLOVER names mapped to PLOVER 2021: DEMAND→REQUEST, DISAPPROVE→ACCUSE, \
                     FIGHT→ASSAULT, INVESTIGATE→ACCUSE; records with the same text are one \
                     sentence"
                        .into(),
                );
                let fixes: Vec<String> = read::GOLD_COUNTRY_FIXES
                    .iter()
                    .map(|(old, iso)| format!("{old}→{iso}"))
                    .collect();
                let sectors: Vec<String> = read::GOLD_SECTOR_FIXES
                    .iter()
                    .map(|(plover, cameo)| format!("{plover}→{cameo}"))
                    .collect();
                r.notes.push(format!(
                    "gold country codes that are not ISO 3166 read as ISO: {}; PLOVER sector \
                     codes read as CAMEO's: {}",
                    fixes.join(", "),
                    sectors.join(", ")
                ));
            }
            if format == Format::PetrUnittests {
                r.notes.push(
                    "fictional actors: the scores mean something only with the PETRARCH \
                     dictionaries loaded (--dict-dir ../shared/legacy/petrarch-validate)"
                        .into(),
                );
            }
            r
        }
        Gold::Manual(items) => {
            let coded = par_map(items, |it| code(&it.id, &it.text, None));
            manual::score_manual(set, name, items, &coded)
        }
        Gold::Pairs(items) => {
            let coded = par_map(items, |it| code(&it.id, &it.text, None));
            let mut r = pairs::score_pairs(set, name, items, &coded);
            r.notes
                .push("gold YIELD accepts CONCEDE or RETREAT; dyad's answer is its most confident event on the pair".into());
            r
        }
        Gold::Penta(items) => {
            let coded = par_map(items, |it| code(&it.id, &it.text, None));
            penta::score_penta(set, name, items, &coded)
        }
        Gold::Timex(items) => match ev.normalizer {
            Some(n) => {
                let mut r = timex::score_timex(set, name, items, n);
                r.notes.push(
                    "only TIMEX3 of type DATE are scored; TIME, DURATION and SET are counted \
                     and skipped"
                        .into(),
                );
                let read = items.iter().filter(|i| i.context.is_some()).count();
                r.notes.push(format!(
                    "{read} of {} expressions normalised with the tense of their sentence \
                     (from the TimeML documents in tml/); the others without",
                    items.len()
                ));
                r
            }
            None => {
                let mut r = SetReport::new(set, name);
                r.notes
                    .push("date normaliser not available: nothing scored".into());
                r
            }
        },
        Gold::Toponyms(docs) => match ev.placer {
            Some(p) => {
                let mut r = geoparse::score(set, name, docs, p);
                r.notes.push(
                    "a found place matches a gold toponym whose span it overlaps; distances are \
                     great-circle, from the coordinates dyad gives the place"
                        .into(),
                );
                r
            }
            None => {
                let mut r = SetReport::new(set, name);
                r.notes
                    .push("place finder not available: nothing scored".into());
                r
            }
        },
        Gold::Locations(items) => match ev.locator {
            Some(l) => score_locations_noted(set, name, items, l),
            None => {
                let mut r = SetReport::new(set, name);
                r.notes
                    .push("event-location attachment not supported yet: nothing scored".into());
                r
            }
        },
    };
    report.set = set.to_string();
    report.notes.extend(file.skipped.iter().cloned());
    report
}

fn score_locations_noted(
    set: &str,
    name: &str,
    items: &[gold::LocationItem],
    locate: Locator<'_>,
) -> SetReport {
    let mut r = location::score_locations(set, name, items, locate);
    r.notes.push(
        "answers compared to the gold mentions after case/quote/space folding; the first verb \
         of a record is scored"
            .into(),
    );
    r
}

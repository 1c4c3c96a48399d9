//! The records dyad reads and writes: [`Document`] in, [`Event`] out.
//!
//! The event record is the one described in the project's design: every other
//! output format (CSV, TSV, later the store and the legacy layouts) is a
//! projection of it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One news article (or any text) to be coded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: the input's `id`, or the path of a plain file.
    pub id: String,
    /// The article text as read (decoded to UTF-8, otherwise untouched).
    /// Every span in an [`Event`] is a byte range into this string.
    pub text: String,
    /// Publication date; relative expressions resolve against it and events
    /// carry it when the text gives no better date.
    pub published: Option<Date>,
    /// Headline, when the input has one.
    pub title: Option<String>,
    /// Address the article came from.
    pub url: Option<String>,
    /// Publisher or feed name.
    pub source: Option<String>,
}

/// A half-open byte range `[start, end)` into [`Document::text`].
pub type Span = [usize; 2];

/// An actor as coded: a CAMEO actor code split into its parts, with the words
/// that named it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Full CAMEO actor code, e.g. `AZEGOV`, `USA`, `IGOEUROSC`.
    pub code: String,
    /// ISO 3166 alpha-3 country code, when the actor belongs to a state.
    pub country: Option<String>,
    /// Sector (role) code such as `GOV`, `MIL`, `REB`; `None` for a bare country.
    pub sector: Option<String>,
    /// The words of the sentence that name this actor.
    pub text: String,
    /// Personal name, when the actor is a named person.
    pub name: Option<String>,
    /// Byte range of `text` in the document.
    pub span: Span,
}

/// Whether the event is reported as happening or as not happening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// The text says the event happens or happened.
    Affirmed,
    /// The text says it did not happen ("did not meet").
    Negated,
}

/// How real the event is according to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as fact, past or present.
    Asserted,
    /// Announced for the future ("will meet", "would meet").
    Future,
    /// Possible, not reported as done ("could attack", "may sanction").
    Hypothetical,
    /// Under a condition ("if the army entered Syria").
    Conditional,
    /// Asked, not reported ("Will Russia attack?").
    Question,
    /// Background history, not news: dated more than a year before the
    /// story ("the war that ended in 1994") or told as a long-running past
    /// ("has for nearly 30 years tried to mediate").
    Historical,
}

/// Precision of an event date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A calendar day.
    Day,
    /// An ISO week (the date is its Monday).
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// What in the text justifies an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence the event was coded from, as cleaned.
    pub sentence_text: String,
    /// Byte range of the sentence in the document.
    pub sentence_span: Span,
    /// The words that triggered the event pattern, as they appear in the sentence.
    pub trigger: String,
    /// Byte range of the trigger's first word through its last word in the document.
    pub trigger_span: Span,
    /// The knowledge-base pattern that matched, in its source notation.
    pub pattern: String,
}

/// The PLOVER (2021) reading of an event: its event type, mode and context,
/// from the CAMEO-to-PLOVER conversion table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type, e.g. `"AGREE"`, `"ASSAULT"`.
    pub event: String,
    /// PLOVER mode (`"visit"`, `"heavy-weapons"` …), when the table gives one.
    pub mode: Option<String>,
    /// PLOVER context(s), `;`-separated, when the table gives one.
    pub context: Option<String>,
}

/// Where an event took place, as resolved from a place named in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The place's name as the gazetteer spells it.
    pub name: String,
    /// ISO 3166 alpha-3 code of the country the place is in.
    pub country: Option<String>,
    /// First-level administrative region (state, province), when known.
    pub admin1: Option<String>,
    /// Latitude in decimal degrees.
    pub lat: Option<f64>,
    /// Longitude in decimal degrees.
    pub lon: Option<f64>,
    /// GeoNames identifier, when the place comes from GeoNames.
    pub geonames_id: Option<u64>,
    /// The words of the document that name the place.
    pub text: String,
    /// Byte range of `text` in the document.
    pub span: Span,
}

/// One coded event: who did what to whom, when, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: hash of document id, sentence index, actor codes and event code.
    pub id: String,
    /// Id of the document the event comes from.
    pub doc_id: String,
    /// Zero-based index of the sentence in the cleaned document.
    pub sentence: usize,
    /// Event date (the publication date unless the text dates the event).
    pub date: Option<Date>,
    /// Precision of `date`.
    pub date_precision: Option<DatePrecision>,
    /// Who acts.
    pub source: Actor,
    /// Who is acted upon, when anyone is.
    pub target: Option<Actor>,
    /// Full CAMEO event code, e.g. `"036"`.
    pub cameo: String,
    /// First two digits of `cameo`, e.g. `"03"`.
    pub cameo_root: String,
    /// CAMEO name of the event code.
    pub cameo_name: String,
    /// Quad class, GDELT convention: 1 verbal cooperation, 2 material
    /// cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein conflict–cooperation score of the code, −10 … +10.
    pub goldstein: f32,
    /// PLOVER event, mode and context; `None` for CAMEO roots 01 (public
    /// statements) and 02 (appeals), which PLOVER does not code.
    pub plover: Option<Plover>,
    /// Where the event happened, when the text says.
    pub location: Option<Location>,
    /// Whether the event is affirmed or negated.
    pub polarity: Polarity,
    /// Asserted or future.
    pub modality: Modality,
    /// Code of the actor the text attributes the report to ("…, the ministry said").
    pub attributed_to: Option<String>,
    /// Why the event was coded.
    pub evidence: Evidence,
    /// Heuristic confidence in `[0, 1]`.
    pub confidence: f32,
}

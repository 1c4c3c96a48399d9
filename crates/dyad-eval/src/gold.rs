//! Gold-standard records, as read from the files (see [`crate::read`]).
//!
//! Every record keeps the 1-based line it came from, so that reports and
//! errors can point at it.

use jiff::civil::Date;

/// A gold event of a triple set: source and target actor codes (at the
/// granularity the gold gives: `USA` or `USAGOV`) and the event, as a CAMEO
/// code, a PLOVER event type, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEvent {
    /// Source actor code, uppercase; `None` when the gold names no source.
    pub source: Option<String>,
    /// Target actor code, uppercase; `None` for an event without a target.
    pub target: Option<String>,
    /// CAMEO event code (`"036"`), when the gold gives one.
    pub cameo: Option<String>,
    /// PLOVER 2021 event type (`"AGREE"`), when the gold gives one.
    pub plover: Option<String>,
}

/// One sentence of a triple set with its gold events.
#[derive(Debug, Clone, PartialEq)]
pub struct TripleItem {
    /// Record id (the line number when the record has none).
    pub id: String,
    /// 1-based line of the record in the gold file.
    pub line: usize,
    /// The sentence.
    pub text: String,
    /// Publication date to code the sentence with.
    pub date: Option<Date>,
    /// Gold events; empty means "no event".
    pub events: Vec<GoldEvent>,
}

/// A triple set: sentences with (source, target, event) gold events.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TripleGold {
    /// The sentences, in file order.
    pub items: Vec<TripleItem>,
    /// True when the events are PLOVER events (the PLOVER gold standard):
    /// the set is then scored at PLOVER event level first.
    pub plover: bool,
}

/// A CAMEO-manual example: a sentence and the one CAMEO code it illustrates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualItem {
    /// Record id (the expected code).
    pub id: String,
    /// 1-based line in the gold file.
    pub line: usize,
    /// The example sentence.
    pub text: String,
    /// The expected CAMEO code.
    pub cameo: String,
}

/// A sentence with a marked source span and target span and the PLOVER event
/// linking them (zero-shot PLOVER pairs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairItem {
    /// Record id.
    pub id: String,
    /// 1-based line in the gold file.
    pub line: usize,
    /// The sentence, without marks.
    pub text: String,
    /// Byte range of the source span in `text`; `None` for an implicit
    /// source that the sentence does not name ("An actor").
    pub source: Option<[usize; 2]>,
    /// Byte range of the target span in `text`; `None` for an implicit
    /// target that the sentence does not name ("a recipient").
    pub target: Option<[usize; 2]>,
    /// PLOVER root label, uppercase (`YIELD` stands for CONCEDE or RETREAT).
    pub label: String,
}

/// A sentence with its coarse event class and actor spans (ConfliBERT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PentaItem {
    /// Record id (the line number).
    pub id: String,
    /// 1-based line in the gold file.
    pub line: usize,
    /// The sentence.
    pub text: String,
    /// Penta class 0–4 (see [`crate::penta_class`]).
    pub penta: u8,
    /// Source actor spans, as text.
    pub source_spans: Vec<String>,
    /// Target actor spans, as text.
    pub target_spans: Vec<String>,
    /// Spans of actors acting on each other, as text.
    pub reciprocal_spans: Vec<String>,
}

/// One TIMEX3 expression with its document creation time and gold value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexItem {
    /// 1-based line in the gold file.
    pub line: usize,
    /// Document file name.
    pub doc: String,
    /// Document creation time: the anchor for relative expressions.
    pub dct: Date,
    /// TIMEX3 id in its document.
    pub tid: String,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// Gold normalised value (`1998-01-08`, `1998-W02`, `PRESENT_REF` …).
    pub value: String,
    /// The expression as written.
    pub text: String,
    /// The sentence it was written in, when the TimeML document is found
    /// next to the gold table (`tml/<doc>`): its tense decides between a
    /// past and a future "Monday" or "December".
    pub context: Option<TimexContext>,
}

/// The sentence of a TIMEX3 expression and where the expression starts in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexContext {
    /// The sentence, tags removed.
    pub sentence: String,
    /// Byte offset of the expression in `sentence`.
    pub start: usize,
}

/// An event verb in a text with the place mention(s) that locate it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationItem {
    /// Record id.
    pub id: String,
    /// 1-based line in the gold file.
    pub line: usize,
    /// The text (usually one sentence).
    pub text: String,
    /// The event verb(s) as written; the first is scored.
    pub verbs: Vec<String>,
    /// The place mentions that locate the event; empty when the text gives none.
    pub locations: Vec<String>,
    /// The annotation decision: `accept` for a reviewed suggestion, `None`
    /// for a record coded directly by an annotator.
    pub answer: Option<String>,
}

/// A whole gold file, by kind of gold.
#[derive(Debug, Clone, PartialEq)]
pub enum Gold {
    /// Sentences with (source, target, event) triples.
    Triples(TripleGold),
    /// CAMEO manual examples.
    Manual(Vec<ManualItem>),
    /// Marked source/target pairs with a PLOVER label.
    Pairs(Vec<PairItem>),
    /// Penta classes with actor spans.
    Penta(Vec<PentaItem>),
    /// TIMEX3 expressions.
    Timex(Vec<TimexItem>),
    /// Event-verb locations.
    Locations(Vec<LocationItem>),
    /// Articles with their toponyms.
    Toponyms(Vec<crate::geoparse::ToponymDoc>),
}

//! # dyad-core
//!
//! Turns news text into political event data — who did what to whom, when —
//! coded in the CAMEO ontology.
//!
//! The entry point is the pure function [`code`]: a [`Document`] and a loaded
//! [`KnowledgeBase`] in, [`Event`]s out. No I/O, no global mutable state, and
//! the same input always gives the same output. The pipeline it runs is a
//! chain of small stages, each in its own module:
//!
//! ```text
//! text::clean    scraped junk, whitespace, unicode          (offsets kept)
//! text::segment  sentences and tokens with byte offsets
//! text::tag      part-of-speech tags and lemmas
//! text::chunk    noun, verb and prepositional chunks
//! kb             actors, agents and event patterns
//! coder          actor phrases, clauses, patterns → events
//! ```

pub mod model;
pub mod text;

pub use model::{Actor, DatePrecision, Document, Event, Evidence, Modality, Polarity, Span};

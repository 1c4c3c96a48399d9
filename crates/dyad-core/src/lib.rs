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
//! text::chunk    noun phrases, verb groups, prepositional phrases
//! ontology       CAMEO codes, Goldstein scores, quad classes
//! kb             actors, roles, event patterns (from data/)
//! coder          actor phrases, document context, patterns → events
//! ```
//!
//! ```
//! use dyad_core::{code, Document, KnowledgeBase};
//! let kb = KnowledgeBase::embedded();
//! let doc = Document {
//!     id: "example".into(),
//!     text: "Russia and Ukraine clashed with each other. Turkey condemned Russia.".into(),
//!     ..Default::default()
//! };
//! let events = code(&doc, &kb);
//! assert!(events.iter().any(|e| e.source.code == "TUR" && e.cameo_root == "11"));
//! ```

pub mod coder;
pub mod flat;
pub mod kb;
pub mod model;
pub mod ontology;
pub mod text;
pub mod time;

pub use coder::{
    code, code_document, code_document_with, code_explained, find_places, locate_verb,
    CodedDocument, SentenceTrace,
};
pub use kb::KnowledgeBase;
pub use model::{
    Actor, DatePrecision, Document, Event, Evidence, Location, Modality, Plover, Polarity, Span,
};

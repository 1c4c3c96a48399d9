//! # dyad-store
//!
//! The event store behind `dyad ingest`, `query`, `export`, `trend` and
//! `escalation`: coded documents and their events in one SQLite file.
//!
//! ```text
//! Store::open ─ schema (PRAGMA user_version), WAL, foreign keys
//!   write_batch ─ documents + events + mentions/clusters + dyad_day, one transaction
//!   replace_events / rebuild_clusters ─ re-coding with a new KB or coder
//!   for_each_event ─ filtered events, deduplicated three ways (Dedup)
//!   trend / escalation ─ from the dyad × day aggregate only, never the events
//! export ─ JSONL, CSV/TSV, Parquet, GDELT 2.0, ICEWS, Phoenix, POLECAT layouts
//! plot ─ PNG/SVG trend charts
//! ```
//!
//! Invariants, kept by every committed transaction and verified by
//! [`Store::check`]:
//!
//! - every document is stored once, keyed by its id (or a content hash when
//!   it has none, see [`assign_document_id`]); a document is stored together
//!   with all its events, in the same transaction, or not at all;
//! - every event is a mention of exactly one cluster (see [`cluster`] for the
//!   deduplication rule), and each cluster's `num_mentions`, `num_articles`
//!   and `num_sources` are the counts of its mentions;
//! - the `dyad_day` aggregate equals the sums over the affirmed, dated events
//!   reported as news (modality asserted or future) and their clusters.
//!
//! So a process killed at any moment leaves a consistent store, and ingesting
//! the same inputs again adds what is missing and nothing else.

#![warn(missing_docs)]

pub mod cluster;
mod error;
pub mod escalation;
pub mod export;
#[cfg(feature = "plot")]
pub mod plot;
pub mod query;
mod row;
mod schema;
mod store;
pub mod trend;
mod write;

pub use error::StoreError;
pub use query::{Dedup, Filter, Position};
pub use row::StoredEvent;
pub use schema::SCHEMA_VERSION;
pub use store::{Counts, OpenMode, RunInfo, RunKind, Store};
pub use write::{assign_document_id, text_hash, BatchOutcome, CodedDoc};

/// The dyad version recorded with every run and event.
pub const DYAD_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

//! What can go wrong with a store.

use std::path::PathBuf;

/// An error of the event store, its queries or its exports.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file does not exist (read-only commands never create one).
    #[error("no event store at {}: create one with `dyad ingest PATHS --db {}`", .0.display(), .0.display())]
    Missing(PathBuf),
    /// The file was written by a newer dyad.
    #[error(
        "{}: schema version {found}, newer than the {supported} this dyad understands; use a newer dyad",
        path.display()
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// Its `PRAGMA user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The file is a SQLite database but not a dyad store.
    #[error("{}: not a dyad event store (unexpected tables); give another --db path", .0.display())]
    Foreign(PathBuf),
    /// A re-code was interrupted before the clusters were rebuilt.
    #[error(
        "{}: a `dyad recode` was interrupted, so clusters and aggregates are incomplete; \
         run `dyad recode --db {}` to finish it",
        .0.display(), .0.display()
    )]
    Stale(PathBuf),
    /// A stored value that cannot be read back (the file was edited by hand?).
    #[error("unreadable stored value in column {column}: {value:?}")]
    Corrupt {
        /// Column name.
        column: &'static str,
        /// The value found.
        value: String,
    },
    /// A filter or parameter given by the user is not valid.
    #[error("{0}")]
    Invalid(String),
    /// Reading or writing a file failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing CSV/TSV failed.
    #[error("CSV output: {0}")]
    Csv(#[from] csv::Error),
    /// Writing JSON failed.
    #[error("JSON output: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing Parquet failed.
    #[error("Parquet output: {0}")]
    Parquet(String),
    /// Drawing a chart failed.
    #[error("chart: {0}")]
    Plot(String),
}

impl StoreError {
    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        StoreError::Io {
            context: context.into(),
            source,
        }
    }
}

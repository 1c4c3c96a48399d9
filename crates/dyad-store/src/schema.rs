//! The SQL schema, versioned with `PRAGMA user_version`.
//!
//! The README's "Event store" section documents these tables; keep the two
//! in step. A schema change bumps [`SCHEMA_VERSION`] and adds a migration
//! step to [`migrate`].

use crate::{Result, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

/// Version 1: documents, events, clusters, mentions, runs, dyad_day, meta.
const SCHEMA_V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,              -- 'ingest' | 'recode'
    started      TEXT NOT NULL,              -- RFC 3339, UTC
    finished     TEXT,                       -- NULL: interrupted or running
    dyad_version TEXT NOT NULL,
    kb_version   TEXT NOT NULL,
    inputs       TEXT NOT NULL,              -- JSON array of the paths given
    docs_new     INTEGER NOT NULL DEFAULT 0,
    docs_skipped INTEGER NOT NULL DEFAULT 0,
    events       INTEGER NOT NULL DEFAULT 0,
    errors       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id           TEXT PRIMARY KEY NOT NULL,  -- input id, or sha256:… of the text
    url          TEXT,
    source       TEXT,                       -- publisher / feed
    title        TEXT,
    published    TEXT,                       -- YYYY-MM-DD
    ingested_at  TEXT NOT NULL,              -- RFC 3339, UTC
    text_hash    TEXT NOT NULL,              -- sha256 of text, hex
    text         TEXT NOT NULL,              -- as read: spans index into it
    run_id       INTEGER NOT NULL REFERENCES runs(id),
    kb_version   TEXT NOT NULL,              -- what coded the current events
    dyad_version TEXT NOT NULL,
    n_events     INTEGER NOT NULL
);

CREATE TABLE events (
    id             TEXT PRIMARY KEY NOT NULL,
    doc_id         TEXT NOT NULL REFERENCES documents(id),
    sentence       INTEGER NOT NULL,
    date           TEXT,                     -- YYYY-MM-DD
    date_precision TEXT,
    source_code    TEXT NOT NULL,
    source_country TEXT,
    source_sector  TEXT,
    source_name    TEXT,
    source_text    TEXT NOT NULL,
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    target_code    TEXT,
    target_country TEXT,
    target_sector  TEXT,
    target_name    TEXT,
    target_text    TEXT,
    target_start   INTEGER,
    target_end     INTEGER,
    cameo          TEXT NOT NULL,
    cameo_root     TEXT NOT NULL,
    cameo_name     TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover_event   TEXT,
    plover_mode    TEXT,
    plover_context TEXT,
    location_name        TEXT,
    location_country     TEXT,
    location_admin1      TEXT,
    location_lat         REAL,
    location_lon         REAL,
    location_geonames_id INTEGER,
    location_text        TEXT,
    location_start       INTEGER,
    location_end         INTEGER,
    polarity       TEXT NOT NULL,
    modality       TEXT NOT NULL,
    attributed_to  TEXT,
    sentence_text  TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    trigger        TEXT NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    pattern        TEXT NOT NULL,
    confidence     REAL NOT NULL,
    source_key     TEXT NOT NULL,            -- dyad side: country, else the code
    target_key     TEXT NOT NULL,            -- '' when there is no target
    kb_version     TEXT NOT NULL,
    dyad_version   TEXT NOT NULL,
    run_id         INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX events_dyad_date   ON events(source_country, target_country, date);
CREATE INDEX events_target_date ON events(target_country, date);
CREATE INDEX events_root_date   ON events(cameo_root, date);
CREATE INDEX events_date        ON events(date);
CREATE INDEX events_doc         ON events(doc_id);

CREATE TABLE clusters (
    id           INTEGER PRIMARY KEY,
    source_code  TEXT NOT NULL,
    target_code  TEXT NOT NULL,              -- '' when there is no target
    cameo_root   TEXT NOT NULL,
    polarity     TEXT NOT NULL,
    date         TEXT,                       -- date of the first mention
    place        TEXT,                       -- place key, once a mention has one
    source_key   TEXT NOT NULL,
    target_key   TEXT NOT NULL,
    quad_class   INTEGER NOT NULL,
    goldstein    REAL NOT NULL,              -- of the representative event
    rep_event    TEXT NOT NULL,              -- first mention: the cluster's record
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources  INTEGER NOT NULL
);
CREATE INDEX clusters_match ON clusters(source_code, target_code, cameo_root, polarity, date);

CREATE TABLE mentions (
    event_id   TEXT PRIMARY KEY NOT NULL REFERENCES events(id),
    cluster_id INTEGER NOT NULL REFERENCES clusters(id),
    doc_id     TEXT NOT NULL,
    publisher  TEXT NOT NULL                 -- source, URL host, or doc:<id>
) WITHOUT ROWID;
CREATE INDEX mentions_cluster_doc       ON mentions(cluster_id, doc_id);
CREATE INDEX mentions_cluster_publisher ON mentions(cluster_id, publisher);

CREATE TABLE dyad_day (
    src TEXT NOT NULL,                       -- source_key
    tgt TEXT NOT NULL,                       -- target_key
    day TEXT NOT NULL,                       -- YYYY-MM-DD
    c1 INTEGER NOT NULL DEFAULT 0,           -- new clusters by quad class
    c2 INTEGER NOT NULL DEFAULT 0,
    c3 INTEGER NOT NULL DEFAULT 0,
    c4 INTEGER NOT NULL DEFAULT 0,
    c_goldstein REAL NOT NULL DEFAULT 0,     -- summed over those clusters
    m1 INTEGER NOT NULL DEFAULT 0,           -- mentions (events) by quad class
    m2 INTEGER NOT NULL DEFAULT 0,
    m3 INTEGER NOT NULL DEFAULT 0,
    m4 INTEGER NOT NULL DEFAULT 0,
    m_goldstein REAL NOT NULL DEFAULT 0,     -- summed over those events
    PRIMARY KEY (src, tgt, day)
) WITHOUT ROWID;
CREATE INDEX dyad_day_day ON dyad_day(day);
"#;

/// Creates the schema in an empty database or checks an existing one.
/// Runs inside its own transaction.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Re-read under the write lock: another process may have just created it.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
        tx.execute_batch(SCHEMA_V1)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('dedup_window_days', ?1)",
            [crate::cluster::DEFAULT_WINDOW_DAYS.to_string()],
        )?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

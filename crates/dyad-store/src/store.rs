//! Opening a store, runs, counts and the consistency check.

use crate::{schema, Result, StoreError, DYAD_VERSION};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How to open a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file and schema when missing; read and write.
    Create,
    /// The file must exist; never written.
    ReadOnly,
}

/// An event store: one SQLite database file (plus its `-wal`/`-shm` files
/// while open).
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) window_days: i64,
}

/// What kind of run wrote to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// `dyad ingest`.
    Ingest,
    /// `dyad recode`.
    Recode,
}

impl RunKind {
    fn as_str(self) -> &'static str {
        match self {
            RunKind::Ingest => "ingest",
            RunKind::Recode => "recode",
        }
    }
}

/// A run in progress: its id and the versions it records on what it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    /// Row id in `runs`.
    pub id: i64,
    /// Knowledge-base version ([`dyad_core::KnowledgeBase::version`]).
    pub kb_version: String,
    /// dyad version.
    pub dyad_version: String,
}

/// Row counts of a store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Stored documents.
    pub documents: i64,
    /// Stored events (mentions).
    pub events: i64,
    /// Event clusters (deduplicated events).
    pub clusters: i64,
    /// Rows of the dyad × day aggregate.
    pub dyad_days: i64,
    /// Runs recorded.
    pub runs: i64,
    /// Runs that did not finish (killed or still running).
    pub unfinished_runs: i64,
}

impl Store {
    /// Opens (or with [`OpenMode::Create`] creates) the store at `path`.
    ///
    /// Sets WAL journaling (readers never block the writer, and a killed
    /// writer loses at most its uncommitted transaction), `synchronous =
    /// NORMAL` (durable at every commit against a crash of the process; a
    /// power loss may drop the last commits but never corrupts), foreign
    /// keys, and a busy timeout for concurrent readers.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let conn = match mode {
            OpenMode::ReadOnly => {
                if !path.is_file() {
                    return Err(StoreError::Missing(path.to_path_buf()));
                }
                Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?
            }
            OpenMode::Create => Connection::open(path)?,
        };
        conn.busy_timeout(Duration::from_secs(30))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            window_days: crate::cluster::DEFAULT_WINDOW_DAYS,
        };
        if mode == OpenMode::Create {
            store.conn.pragma_update(None, "journal_mode", "WAL")?;
            store.conn.pragma_update(None, "synchronous", "NORMAL")?;
            schema::migrate(&mut store.conn, path)?;
        } else {
            let version: i64 = store
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version == 0 {
                return Err(StoreError::Foreign(path.to_path_buf()));
            }
            if version > schema::SCHEMA_VERSION {
                return Err(StoreError::NewerSchema {
                    path: path.to_path_buf(),
                    found: version,
                    supported: schema::SCHEMA_VERSION,
                });
            }
        }
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        store.conn.pragma_update(None, "cache_size", -65536)?; // 64 MiB
        store.window_days = store
            .meta("dedup_window_days")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(crate::cluster::DEFAULT_WINDOW_DAYS);
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for read-only SQL of your own.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The deduplication date window in days (± around a cluster's date).
    pub fn dedup_window_days(&self) -> i64 {
        self.window_days
    }

    /// A value of the `meta` table.
    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a value of the `meta` table.
    pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// True while a re-code has replaced events but not yet rebuilt the
    /// clusters and aggregates (see [`Store::rebuild_clusters`]).
    pub fn is_stale(&self) -> Result<bool> {
        Ok(self.meta("clusters_stale")?.as_deref() == Some("1"))
    }

    /// Fails with [`StoreError::Stale`] when [`Store::is_stale`].
    pub fn ensure_fresh(&self) -> Result<()> {
        if self.is_stale()? {
            return Err(StoreError::Stale(self.path.clone()));
        }
        Ok(())
    }

    /// Records the start of a run.
    pub fn begin_run(
        &mut self,
        kind: RunKind,
        kb_version: &str,
        inputs: &[String],
    ) -> Result<RunInfo> {
        let inputs = serde_json::to_string(inputs)?;
        self.conn.execute(
            "INSERT INTO runs(kind, started, dyad_version, kb_version, inputs)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![kind.as_str(), now(), DYAD_VERSION, kb_version, inputs],
        )?;
        Ok(RunInfo {
            id: self.conn.last_insert_rowid(),
            kb_version: kb_version.to_string(),
            dyad_version: DYAD_VERSION.to_string(),
        })
    }

    /// Adds to a run's counts what happened outside its batches: documents
    /// skipped before coding (already stored) and input errors.
    pub fn add_run_totals(&mut self, run: &RunInfo, skipped: u64, errors: u64) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET docs_skipped = docs_skipped + ?1, errors = errors + ?2 WHERE id = ?3",
            params![skipped as i64, errors as i64, run.id],
        )?;
        Ok(())
    }

    /// Records the end of a run.
    pub fn finish_run(&mut self, run: &RunInfo) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished = ?1 WHERE id = ?2",
            params![now(), run.id],
        )?;
        Ok(())
    }

    /// True when a document with this id is stored.
    pub fn contains_document(&self, id: &str) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        Ok(stmt.exists([id])?)
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            documents: count("SELECT count(*) FROM documents")?,
            events: count("SELECT count(*) FROM events")?,
            clusters: count("SELECT count(*) FROM clusters")?,
            dyad_days: count("SELECT count(*) FROM dyad_day")?,
            runs: count("SELECT count(*) FROM runs")?,
            unfinished_runs: count("SELECT count(*) FROM runs WHERE finished IS NULL")?,
        })
    }

    /// Verifies the store's invariants (see the crate documentation) and
    /// returns a description of every violation; empty when consistent.
    /// Scans everything: for tests and `dyad stats --check`, not hot paths.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            problems.push(format!("integrity_check: {integrity}"));
        }
        let fk: i64 =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
        if fk > 0 {
            problems.push(format!("{fk} rows violate foreign keys"));
        }
        if self.is_stale()? {
            problems.push("clusters are stale (interrupted recode)".into());
        }
        let checks: &[(&str, &str)] = &[
            (
                "documents whose n_events differs from their stored events",
                "SELECT count(*) FROM documents d
                 WHERE d.n_events != (SELECT count(*) FROM events e WHERE e.doc_id = d.id)",
            ),
            (
                "events that are not a mention of a cluster",
                "SELECT count(*) FROM events e
                 WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)",
            ),
            (
                "clusters whose counts differ from their mentions",
                "SELECT count(*) FROM clusters c
                 WHERE c.num_mentions != (SELECT count(*) FROM mentions m WHERE m.cluster_id = c.id)
                    OR c.num_articles != (SELECT count(DISTINCT doc_id) FROM mentions m WHERE m.cluster_id = c.id)
                    OR c.num_sources != (SELECT count(DISTINCT publisher) FROM mentions m WHERE m.cluster_id = c.id)
                    OR c.num_mentions = 0",
            ),
            (
                "clusters whose representative is not one of their mentions",
                "SELECT count(*) FROM clusters c
                 WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.cluster_id = c.id AND m.event_id = c.rep_event)",
            ),
            (
                "dyad_day rows that differ from the events and clusters",
                "WITH m AS (
                   SELECT source_key AS src, target_key AS tgt, date AS day,
                          sum(quad_class = 1) AS m1, sum(quad_class = 2) AS m2,
                          sum(quad_class = 3) AS m3, sum(quad_class = 4) AS m4,
                          sum(goldstein) AS mg
                   FROM events WHERE polarity = 'affirmed' AND modality IN ('asserted', 'future')
                     AND date IS NOT NULL AND quad_class BETWEEN 1 AND 4
                   GROUP BY 1, 2, 3),
                 c AS (
                   SELECT c.source_key AS src, c.target_key AS tgt, c.date AS day,
                          sum(c.quad_class = 1) AS c1, sum(c.quad_class = 2) AS c2,
                          sum(c.quad_class = 3) AS c3, sum(c.quad_class = 4) AS c4,
                          sum(c.goldstein) AS cg
                   FROM clusters c JOIN events r ON r.id = c.rep_event
                   WHERE c.polarity = 'affirmed' AND r.modality IN ('asserted', 'future')
                     AND c.date IS NOT NULL AND c.quad_class BETWEEN 1 AND 4
                   GROUP BY 1, 2, 3),
                 expected AS (
                   SELECT m.src, m.tgt, m.day, coalesce(c1, 0) c1, coalesce(c2, 0) c2,
                          coalesce(c3, 0) c3, coalesce(c4, 0) c4, coalesce(cg, 0) cg,
                          m1, m2, m3, m4, mg
                   FROM m LEFT JOIN c USING (src, tgt, day))
                 SELECT
                   (SELECT count(*) FROM expected e LEFT JOIN dyad_day a USING (src, tgt, day)
                    WHERE a.src IS NULL OR a.c1 != e.c1 OR a.c2 != e.c2 OR a.c3 != e.c3
                       OR a.c4 != e.c4 OR a.m1 != e.m1 OR a.m2 != e.m2 OR a.m3 != e.m3
                       OR a.m4 != e.m4 OR abs(a.c_goldstein - e.cg) > 1e-6
                       OR abs(a.m_goldstein - e.mg) > 1e-6)
                 + (SELECT count(*) FROM dyad_day a LEFT JOIN expected e USING (src, tgt, day)
                    WHERE e.src IS NULL AND (a.m1 + a.m2 + a.m3 + a.m4) > 0)",
            ),
        ];
        for (what, sql) in checks {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        Ok(problems)
    }
}

/// The current time as RFC 3339 UTC, whole seconds.
pub(crate) fn now() -> String {
    let ts = jiff::Timestamp::now();
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

//! Writing coded documents: ingest batches and re-coding.

use crate::cluster::{self, ClusterInput};
use crate::store::{now, RunInfo, Store};
use crate::Result;
use dyad_core::{Document, Event};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

/// A document with the events coded from it.
#[derive(Debug, Clone)]
pub struct CodedDoc {
    /// The document, with its final id (see [`assign_document_id`]).
    pub doc: Document,
    /// Its events, in coder order.
    pub events: Vec<Event>,
}

/// What one batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Documents stored.
    pub docs_new: u64,
    /// Documents already stored (same id), left as they were.
    pub docs_skipped: u64,
    /// Of the skipped, those whose text differs from the stored one.
    pub docs_changed: u64,
    /// Events stored.
    pub events_new: u64,
    /// New event clusters.
    pub clusters_new: u64,
}

impl BatchOutcome {
    /// Adds another batch's counts.
    pub fn add(&mut self, o: &BatchOutcome) {
        self.docs_new += o.docs_new;
        self.docs_skipped += o.docs_skipped;
        self.docs_changed += o.docs_changed;
        self.events_new += o.events_new;
        self.clusters_new += o.clusters_new;
    }
}

/// The hex SHA-256 of a document text: the `text_hash` column.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Gives a document without an id (empty or blank) the id
/// `sha256:<first 32 hex digits of the text's hash>`, so that the same text
/// is the same document on every ingest. Call it before coding: event ids are
/// derived from the document id.
pub fn assign_document_id(doc: &mut Document) {
    if doc.id.trim().is_empty() {
        doc.id = format!("sha256:{}", &text_hash(&doc.text)[..32]);
    }
}

impl Store {
    /// Stores a batch of coded documents, their events, their clusters and
    /// the aggregate updates in one transaction, and adds the counts to the
    /// run. Documents already stored (by id) are skipped with their events.
    pub fn write_batch(&mut self, run: &RunInfo, docs: &[CodedDoc]) -> Result<BatchOutcome> {
        let window = self.window_days;
        let tx = self.write_transaction()?;
        let mut out = BatchOutcome::default();
        let ingested_at = now();
        for cd in docs {
            let hash = text_hash(&cd.doc.text);
            if !insert_document(&tx, run, &cd.doc, &hash, &ingested_at, cd.events.len())? {
                out.docs_skipped += 1;
                let stored: Option<String> = tx
                    .query_row(
                        "SELECT text_hash FROM documents WHERE id = ?1",
                        [&cd.doc.id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if stored.as_deref() != Some(hash.as_str()) {
                    out.docs_changed += 1;
                }
                continue;
            }
            out.docs_new += 1;
            let publisher = cluster::publisher(&cd.doc);
            let mut stored_events = 0usize;
            for e in &cd.events {
                if !insert_event(&tx, run, e)? {
                    continue; // the same id twice in one document
                }
                stored_events += 1;
                out.events_new += 1;
                let input = ClusterInput::from_event(e, &publisher);
                if cluster::assign(&tx, &input, window)? {
                    out.clusters_new += 1;
                }
            }
            if stored_events != cd.events.len() {
                tx.execute(
                    "UPDATE documents SET n_events = ?1 WHERE id = ?2",
                    params![stored_events as i64, cd.doc.id],
                )?;
            }
        }
        tx.execute(
            "UPDATE runs SET docs_new = docs_new + ?1, docs_skipped = docs_skipped + ?2,
                             events = events + ?3 WHERE id = ?4",
            params![
                out.docs_new as i64,
                out.docs_skipped as i64,
                out.events_new as i64,
                run.id
            ],
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// Marks the store as being re-coded: until [`Store::rebuild_clusters`]
    /// finishes, clusters and aggregates are incomplete and read commands
    /// refuse the store (see [`Store::ensure_fresh`]).
    pub fn begin_recode(&mut self) -> Result<()> {
        Store::set_meta(&self.conn, "clusters_stale", "1")
    }

    /// Changes the deduplication window; takes effect for the clusters
    /// built from now on, so follow with [`Store::rebuild_clusters`].
    pub fn set_dedup_window(&mut self, days: i64) -> Result<()> {
        Store::set_meta(&self.conn, "dedup_window_days", &days.to_string())?;
        self.window_days = days;
        Ok(())
    }

    /// Up to `limit` stored documents after row `after` (ingest order) that
    /// need re-coding: all of them with `all`, else those coded by another
    /// knowledge-base or dyad version than `run`'s. Returns `(row, document)`.
    pub fn documents_to_recode(
        &self,
        run: &RunInfo,
        all: bool,
        after: i64,
        limit: usize,
    ) -> Result<Vec<(i64, Document)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, id, text, published, title, url, source FROM documents
             WHERE rowid > ?1 AND (?2 OR kb_version != ?3 OR dyad_version != ?4)
             ORDER BY rowid LIMIT ?5",
        )?;
        let rows = stmt.query_map(
            params![after, all, run.kb_version, run.dyad_version, limit as i64],
            |r| {
                let published: Option<String> = r.get(3)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    Document {
                        id: r.get(1)?,
                        text: r.get(2)?,
                        published: published.and_then(|d| d.parse().ok()),
                        title: r.get(4)?,
                        url: r.get(5)?,
                        source: r.get(6)?,
                    },
                ))
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Replaces the events of already stored documents with newly coded ones
    /// and records the run's versions on them, in one transaction. Clusters
    /// are not maintained here: call [`Store::begin_recode`] first and
    /// [`Store::rebuild_clusters`] after the last batch. Returns the number of
    /// events stored.
    pub fn replace_events(&mut self, run: &RunInfo, docs: &[CodedDoc]) -> Result<u64> {
        let tx = self.write_transaction()?;
        let mut n = 0u64;
        for cd in docs {
            tx.execute(
                "DELETE FROM mentions WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?1)",
                [&cd.doc.id],
            )?;
            tx.execute("DELETE FROM events WHERE doc_id = ?1", [&cd.doc.id])?;
            let mut stored = 0i64;
            for e in &cd.events {
                if insert_event(&tx, run, e)? {
                    stored += 1;
                }
            }
            n += stored as u64;
            tx.execute(
                "UPDATE documents SET kb_version = ?1, dyad_version = ?2, n_events = ?3
                 WHERE id = ?4",
                params![run.kb_version, run.dyad_version, stored, cd.doc.id],
            )?;
        }
        tx.execute(
            "UPDATE runs SET docs_new = docs_new + ?1, events = events + ?2 WHERE id = ?3",
            params![docs.len() as i64, n as i64, run.id],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// Rebuilds every cluster, mention and aggregate from the stored events,
    /// in ingest order (documents by row, events by row), with the current
    /// window — the same result an ingest of the same events gives — and
    /// clears the re-code mark. One transaction. Returns the cluster count.
    pub fn rebuild_clusters(&mut self) -> Result<u64> {
        let window = self.window_days;
        let tx = self.write_transaction()?;
        tx.execute_batch("DELETE FROM mentions; DELETE FROM clusters; DELETE FROM dyad_day;")?;
        let mut clusters = 0u64;
        {
            let mut stmt = tx.prepare(&format!(
                "SELECT {}, d.source, d.url FROM events e JOIN documents d ON d.id = e.doc_id
                 ORDER BY d.rowid, e.rowid",
                ClusterInput::COLUMNS
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let input = ClusterInput::from_row(r)?;
                if cluster::assign(&tx, &input, window)? {
                    clusters += 1;
                }
            }
        }
        tx.execute("DELETE FROM meta WHERE key = 'clusters_stale'", [])?;
        tx.commit()?;
        Ok(clusters)
    }
}

impl Store {
    /// A transaction that takes the write lock at once (waiting up to the
    /// busy timeout for another writer), so that what it reads stays true
    /// until it commits — two ingests into one store never interleave.
    fn write_transaction(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }
}

/// Inserts a document unless its id is stored; true when inserted.
fn insert_document(
    tx: &Transaction,
    run: &RunInfo,
    doc: &Document,
    hash: &str,
    ingested_at: &str,
    n_events: usize,
) -> Result<bool> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO documents
           (id, url, source, title, published, ingested_at, text_hash, text, run_id,
            kb_version, dyad_version, n_events)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let n = stmt.execute(params![
        doc.id,
        doc.url,
        doc.source,
        doc.title,
        doc.published.map(|d| d.to_string()),
        ingested_at,
        hash,
        doc.text,
        run.id,
        run.kb_version,
        run.dyad_version,
        n_events as i64,
    ])?;
    Ok(n == 1)
}

/// Inserts one event unless its id is stored; true when inserted.
fn insert_event(conn: &Connection, run: &RunInfo, e: &Event) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO events VALUES (
           ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
           ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36,
           ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51, ?52)",
    )?;
    let t = e.target.as_ref();
    let p = e.plover.as_ref();
    let l = e.location.as_ref();
    let (source_key, target_key) = cluster::dyad_keys(e);
    let n = stmt.execute(params![
        e.id,
        e.doc_id,
        e.sentence as i64,
        e.date.map(|d| d.to_string()),
        e.date_precision.map(crate::row::enum_str),
        e.source.code,
        e.source.country,
        e.source.sector,
        e.source.name,
        e.source.text,
        e.source.span[0] as i64,
        e.source.span[1] as i64,
        t.map(|t| &t.code),
        t.and_then(|t| t.country.as_ref()),
        t.and_then(|t| t.sector.as_ref()),
        t.and_then(|t| t.name.as_ref()),
        t.map(|t| &t.text),
        t.map(|t| t.span[0] as i64),
        t.map(|t| t.span[1] as i64),
        e.cameo,
        e.cameo_root,
        e.cameo_name,
        e.quad_class as i64,
        crate::row::decimal(e.goldstein),
        p.map(|p| &p.event),
        p.and_then(|p| p.mode.as_ref()),
        p.and_then(|p| p.context.as_ref()),
        l.map(|l| &l.name),
        l.and_then(|l| l.country.as_ref()),
        l.and_then(|l| l.admin1.as_ref()),
        l.and_then(|l| l.lat),
        l.and_then(|l| l.lon),
        l.and_then(|l| l.geonames_id).map(|g| g as i64),
        l.map(|l| &l.text),
        l.map(|l| l.span[0] as i64),
        l.map(|l| l.span[1] as i64),
        crate::row::enum_str(e.polarity),
        crate::row::enum_str(e.modality),
        e.attributed_to,
        e.evidence.sentence_text,
        e.evidence.sentence_span[0] as i64,
        e.evidence.sentence_span[1] as i64,
        e.evidence.trigger,
        e.evidence.trigger_span[0] as i64,
        e.evidence.trigger_span[1] as i64,
        e.evidence.pattern,
        crate::row::decimal(e.confidence),
        source_key,
        target_key,
        run.kb_version,
        run.dyad_version,
        run.id,
    ])?;
    Ok(n == 1)
}

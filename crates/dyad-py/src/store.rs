//! `dyad._dyad.Store`: the event store of `dyad ingest` (crate `dyad-store`)
//! from Python.
//!
//! The Python class `dyad.Store` wraps this one and turns the columns that
//! `query_columns` and `trend_columns` return into Arrow record batches or
//! pandas data frames. Arguments are checked and copied with the GIL held;
//! coding, writing and reading the SQLite file run with the GIL released.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use dyad_core::{Document, Event, KnowledgeBase};
use dyad_store::trend::{Count, Period, TrendQuery, TrendRow};
use dyad_store::{
    assign_document_id, text_hash, BatchOutcome, CodedDoc, Dedup, Filter, OpenMode, RunKind,
    StoreError, StoredEvent,
};
use jiff::civil::Date;
use pyo3::exceptions::{
    PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyRuntimeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::columns::{self, Column, Kind};
use crate::{
    extract_date, extract_id, extract_opt_text, extract_text, input_type_error, kb_arg,
    sequence_items, type_name, DATE_TYPE,
};

/// Documents coded and written per transaction.
const BATCH_DOCS: usize = 1024;

/// Types of the columns `dyad query` adds after the event columns
/// ([`dyad_store::export::flat::STORE_COLUMNS`]).
pub fn store_kind(name: &str) -> Kind {
    match name {
        "cluster_id" | "num_mentions" | "num_sources" | "num_articles" => Kind::Int64,
        "published" => Kind::Date,
        _ => Kind::Str,
    }
}

/// Columns of `trend_columns`, with their types.
pub const TREND_FIELDS: &[(&str, Kind)] = &[
    ("period", Kind::Str),
    ("start", Kind::Date),
    ("verbal_coop", Kind::Int64),
    ("material_coop", Kind::Int64),
    ("verbal_conflict", Kind::Int64),
    ("material_conflict", Kind::Int64),
    ("total", Kind::Int64),
    ("goldstein_sum", Kind::Float64),
    ("goldstein_mean", Kind::Float64),
    ("balance", Kind::Float64),
];

/// A store error as a Python exception with the store's message: invalid
/// arguments `ValueError`, a missing file `FileNotFoundError`, file errors
/// `OSError`, anything else (SQLite, a foreign or newer database, an
/// interrupted recode) `RuntimeError`.
fn store_err(e: StoreError) -> PyErr {
    match e {
        StoreError::Invalid(m) => PyValueError::new_err(python_names(&m)),
        StoreError::Missing(_) => PyFileNotFoundError::new_err(e.to_string()),
        StoreError::Io { .. } => PyOSError::new_err(e.to_string()),
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

/// Store messages name command-line options; say the Python argument names.
fn python_names(message: &str) -> String {
    [
        ("--country-in", "country_in"),
        ("--from", "start"),
        ("--to", "end"),
        ("--source", "source"),
        ("--target", "target"),
        ("--dyad", "dyad"),
        ("--cameo", "cameo"),
        ("--root", "root"),
        ("--quad", "quad"),
    ]
    .iter()
    .fold(message.to_string(), |m, (flag, name)| m.replace(flag, name))
}

/// An event store: one SQLite file, the schema of `dyad ingest --db`.
#[pyclass(frozen, module = "dyad._dyad", name = "Store")]
pub struct Store {
    inner: Mutex<Option<dyad_store::Store>>,
    path: PathBuf,
}

impl Store {
    /// The open store, or `ValueError` once closed.
    fn lock(&self) -> PyResult<MutexGuard<'_, Option<dyad_store::Store>>> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            return Err(PyValueError::new_err(format!(
                "the store {} is closed",
                self.path.display()
            )));
        }
        Ok(guard)
    }
}

/// The open store behind a guard returned by [`Store::lock`].
fn open_store<'a>(
    guard: &'a mut MutexGuard<'_, Option<dyad_store::Store>>,
) -> Result<&'a mut dyad_store::Store, StoreError> {
    guard
        .as_mut()
        .ok_or_else(|| StoreError::Invalid("the store is closed".into()))
}

/// What one `ingest` call did.
#[derive(Default)]
struct IngestOutcome {
    batches: BatchOutcome,
    seen_before: u64,
}

/// Codes `docs` on rayon's pool, keeping their order.
fn code_docs(docs: Vec<Document>, kb: &KnowledgeBase) -> Vec<CodedDoc> {
    docs.into_par_iter()
        .map(|doc| {
            let events = dyad_core::code(&doc, kb);
            CodedDoc { doc, events }
        })
        .collect()
}

/// The `text_hash` of the stored document `id`, if it is stored.
fn stored_text_hash(store: &dyad_store::Store, id: &str) -> Result<Option<String>, StoreError> {
    let mut stmt = store
        .connection()
        .prepare_cached("SELECT text_hash FROM documents WHERE id = ?1")?;
    let mut rows = stmt.query([id])?;
    Ok(match rows.next()? {
        Some(row) => Some(row.get(0)?),
        None => None,
    })
}

/// `dyad ingest` for documents in memory: skip stored ids, code the rest in
/// batches, one transaction each, as one run.
fn ingest_docs(
    store: &mut dyad_store::Store,
    docs: Vec<Document>,
    kb: &KnowledgeBase,
) -> Result<IngestOutcome, StoreError> {
    let run = store.begin_run(RunKind::Ingest, &kb.version(), &["<python>".to_string()])?;
    let mut out = IngestOutcome::default();
    let mut pending: Vec<Document> = Vec::new();
    for doc in docs {
        match stored_text_hash(store, &doc.id)? {
            Some(hash) => {
                out.seen_before += 1;
                if hash != text_hash(&doc.text) {
                    out.batches.docs_changed += 1;
                }
            }
            None => pending.push(doc),
        }
    }
    let mut rest = pending.into_iter().peekable();
    while rest.peek().is_some() {
        let batch: Vec<Document> = rest.by_ref().take(BATCH_DOCS).collect();
        let coded = code_docs(batch, kb);
        let outcome = store.write_batch(&run, &coded)?;
        out.batches.add(&outcome);
    }
    store.add_run_totals(&run, out.seen_before, 0)?;
    store.finish_run(&run)?;
    Ok(out)
}

/// True for a `str` or a `datetime.date`: one date for every document.
fn is_single_date(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_instance_of::<PyString>() {
        return Ok(true);
    }
    let date_type = DATE_TYPE.get_or_try_init(py, || {
        py.import("datetime")
            .and_then(|m| m.getattr("date"))
            .map(Bound::unbind)
    })?;
    obj.is_instance(date_type.bind(py))
}

/// A list of optional codes: `None`, one value (a str, which may hold
/// comma-separated values, or an int), or a sequence of them.
fn code_list(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<String>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let one = |o: &Bound<'_, PyAny>, what: &str| -> PyResult<Vec<String>> {
        if let Ok(s) = o.cast::<PyString>() {
            return Ok(s
                .to_cow()?
                .split(',')
                .map(|p| p.trim().to_string())
                .collect());
        }
        if o.is_instance_of::<PyInt>() && !o.is_instance_of::<PyBool>() {
            return Ok(vec![o.str()?.to_cow()?.into_owned()]);
        }
        Err(input_type_error(
            o.py(),
            format!(
                "{what} must be a str, an int or a list of them, got {}",
                type_name(o)
            ),
        ))
    };
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyInt>() {
        return one(obj, what);
    }
    let mut out = Vec::new();
    for (i, item) in sequence_items(obj, what)?.iter().enumerate() {
        out.extend(one(item, &format!("{what}[{i}]"))?);
    }
    Ok(out)
}

/// A dyad: `"A,B"` or a sequence of two str.
fn dyad_arg(obj: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    let parts: Vec<String> = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?
            .split(',')
            .map(|p| p.trim().to_string())
            .collect()
    } else {
        let mut v = Vec::new();
        for (i, item) in sequence_items(obj, "dyad")?.iter().enumerate() {
            v.push(extract_text(item, &format!("dyad[{i}]"))?);
        }
        v
    };
    match <[String; 2]>::try_from(parts) {
        Ok([a, b]) => Ok((a, b)),
        Err(parts) => Err(PyValueError::new_err(format!(
            "dyad: expected two codes such as (\"AZE\", \"ARM\") or \"AZE,ARM\", got {} value(s)",
            parts.len()
        ))),
    }
}

/// One of a fixed set of words (`by`, `count`, `dedup`).
fn choice<'a>(
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
    default: &'a str,
    allowed: &[&'a str],
) -> PyResult<&'a str> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(default);
    };
    let s = extract_text(obj, what)?;
    let s = s.trim().to_ascii_lowercase().replace('_', "-");
    allowed.iter().copied().find(|a| *a == s).ok_or_else(|| {
        PyValueError::new_err(format!(
            "{what}: expected one of {}, got {s:?}",
            allowed
                .iter()
                .map(|a| format!("{a:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// The store's columns of `query_columns` for `rows`, in
/// [`dyad_store::export::flat::STORE_COLUMNS`] order.
fn store_columns(rows: &[StoredEvent]) -> Vec<Column> {
    fn s(rows: &[StoredEvent], f: impl Fn(&StoredEvent) -> Option<String>) -> Column {
        Column::Str(rows.iter().map(f).collect())
    }
    fn i(rows: &[StoredEvent], f: impl Fn(&StoredEvent) -> i64) -> Column {
        Column::Int(rows.iter().map(|r| Some(f(r))).collect())
    }
    dyad_store::export::flat::STORE_COLUMNS
        .iter()
        .map(|name| match *name {
            "cluster_id" => i(rows, |r| r.cluster_id),
            "num_mentions" => i(rows, |r| r.num_mentions),
            "num_sources" => i(rows, |r| r.num_sources),
            "num_articles" => i(rows, |r| r.num_articles),
            "url" => s(rows, |r| r.url.clone()),
            "publisher" => s(rows, |r| r.publisher.clone()),
            "title" => s(rows, |r| r.title.clone()),
            "published" => s(rows, |r| r.published.map(|d| d.to_string())),
            "ingested_at" => s(rows, |r| Some(r.ingested_at.clone())),
            "kb_version" => s(rows, |r| Some(r.kb_version.clone())),
            "dyad_version" => s(rows, |r| Some(r.dyad_version.clone())),
            // A column added to the store that this module does not know
            // yet: nulls rather than a wrong value.
            _ => Column::Str(vec![None; rows.len()]),
        })
        .collect()
}

/// The columns of `trend_columns`, in [`TREND_FIELDS`] order.
fn trend_table(rows: &[TrendRow]) -> Vec<Column> {
    fn int(rows: &[TrendRow], f: impl Fn(&TrendRow) -> u64) -> Column {
        Column::Int(rows.iter().map(|r| i64::try_from(f(r)).ok()).collect())
    }
    vec![
        Column::Str(rows.iter().map(|r| Some(r.period.clone())).collect()),
        Column::Str(rows.iter().map(|r| Some(r.start.to_string())).collect()),
        int(rows, |r| r.verbal_coop),
        int(rows, |r| r.material_coop),
        int(rows, |r| r.verbal_conflict),
        int(rows, |r| r.material_conflict),
        int(rows, |r| r.total),
        Column::Float(rows.iter().map(|r| Some(r.goldstein_sum)).collect()),
        Column::Float(rows.iter().map(|r| r.goldstein_mean).collect()),
        Column::Float(rows.iter().map(|r| r.balance).collect()),
    ]
}

#[pymethods]
impl Store {
    /// Opens the event store at `path` (str or os.PathLike), creating the
    /// SQLite file and its schema when missing: the same file as
    /// `dyad ingest --db`, readable by `dyad query`, `trend` …
    #[new]
    fn new(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path: PathBuf = path.extract().map_err(|_| {
            input_type_error(
                py,
                format!(
                    "path must be a str or an os.PathLike, got {}",
                    type_name(path)
                ),
            )
        })?;
        if path.as_os_str().is_empty() {
            return Err(PyValueError::new_err("path must not be empty"));
        }
        if path.is_dir() {
            return Err(PyIsADirectoryError::new_err(format!(
                "{} is a directory; give the path of the store's database file",
                path.display()
            )));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.is_dir() {
                return Err(PyFileNotFoundError::new_err(format!(
                    "cannot create the event store {}: directory {} does not exist",
                    path.display(),
                    parent.display()
                )));
            }
        }
        let store = py
            .detach(|| {
                let mut store = dyad_store::Store::open(&path, OpenMode::Create)?;
                // Finish an interrupted `dyad recode`, as `dyad ingest` does.
                if store.is_stale()? {
                    store.rebuild_clusters()?;
                }
                Ok::<_, StoreError>(store)
            })
            .map_err(|e| match e {
                StoreError::Invalid(_) | StoreError::Io { .. } | StoreError::Missing(_) => {
                    store_err(e)
                }
                other => PyRuntimeError::new_err(format!(
                    "cannot open the event store {}: {other}",
                    path.display()
                )),
            })?;
        Ok(Store {
            inner: Mutex::new(Some(store)),
            path,
        })
    }

    /// The database file.
    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    /// Closes the database; later calls raise ValueError. Idempotent.
    fn close(&self, py: Python<'_>) {
        py.detach(|| {
            let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            guard.take();
        });
    }

    /// True once `close` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
    }

    /// Row counts: documents, events, clusters, dyad_days, runs, unfinished_runs.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let counts = py.detach(|| {
            let mut guard = self.lock()?;
            open_store(&mut guard)
                .and_then(|s| s.counts())
                .map_err(store_err)
        })?;
        let d = PyDict::new(py);
        d.set_item("documents", counts.documents)?;
        d.set_item("events", counts.events)?;
        d.set_item("clusters", counts.clusters)?;
        d.set_item("dyad_days", counts.dyad_days)?;
        d.set_item("runs", counts.runs)?;
        d.set_item("unfinished_runs", counts.unfinished_runs)?;
        Ok(d)
    }

    /// Codes and stores documents; see `dyad.Store.ingest`.
    #[pyo3(signature = (texts_or_docs, dates=None, ids=None, kb=None))]
    fn ingest<'py>(
        &self,
        py: Python<'py>,
        texts_or_docs: &Bound<'py, PyAny>,
        dates: Option<&Bound<'py, PyAny>>,
        ids: Option<&Bound<'py, PyAny>>,
        kb: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let items = sequence_items(texts_or_docs, "texts_or_docs")?;
        let n = items.len();
        // Per item: the document, and whether its id / date came from a dict.
        let mut docs: Vec<Document> = Vec::with_capacity(n);
        let mut own: Vec<(bool, bool)> = Vec::with_capacity(n);
        for (i, item) in items.iter().enumerate() {
            if let Ok(d) = item.cast::<PyDict>() {
                let what = format!("texts_or_docs[{i}]");
                let Some(text) = d.get_item("text")? else {
                    return Err(PyValueError::new_err(format!(
                        "{what}: a document dict needs a \"text\" key (and optionally id, date, \
                         title, url, source)"
                    )));
                };
                let id = match d.get_item("id")? {
                    Some(v) => extract_id(&v, &format!("{what}[\"id\"]"))?,
                    None => None,
                };
                let date = d.get_item("date")?;
                let published = extract_date(date.as_ref(), &format!("{what}[\"date\"]"))?;
                let field = |key: &str| -> PyResult<Option<String>> {
                    extract_opt_text(d.get_item(key)?.as_ref(), &format!("{what}[\"{key}\"]"))
                };
                own.push((id.is_some(), published.is_some()));
                docs.push(Document {
                    id: id.unwrap_or_default(),
                    text: extract_text(&text, &format!("{what}[\"text\"]"))?,
                    published,
                    title: field("title")?,
                    url: field("url")?,
                    source: field("source")?,
                });
            } else if item.is_instance_of::<PyString>() {
                own.push((false, false));
                docs.push(Document {
                    text: extract_text(item, &format!("texts_or_docs[{i}]"))?,
                    ..Document::default()
                });
            } else {
                return Err(input_type_error(
                    py,
                    format!(
                        "texts_or_docs[{i}] must be a str or a dict with a \"text\" key, got {}",
                        type_name(item)
                    ),
                ));
            }
        }
        if let Some(d) = dates.filter(|d| !d.is_none()) {
            let per_doc: Vec<Option<Date>> = if is_single_date(py, d)? {
                vec![extract_date(Some(d), "dates")?; n]
            } else {
                let items = sequence_items(d, "dates")?;
                if items.len() != n {
                    return Err(PyValueError::new_err(format!(
                        "dates has {} items but texts_or_docs has {n}",
                        items.len()
                    )));
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| extract_date(Some(item), &format!("dates[{i}]")))
                    .collect::<PyResult<_>>()?
            };
            for ((doc, (_, own_date)), date) in docs.iter_mut().zip(&own).zip(per_doc) {
                if !own_date {
                    doc.published = date;
                }
            }
        }
        if let Some(ids) = ids.filter(|i| !i.is_none()) {
            let items = sequence_items(ids, "ids")?;
            if items.len() != n {
                return Err(PyValueError::new_err(format!(
                    "ids has {} items but texts_or_docs has {n}",
                    items.len()
                )));
            }
            for (i, ((doc, (own_id, _)), item)) in docs.iter_mut().zip(&own).zip(&items).enumerate()
            {
                if !own_id {
                    if let Some(id) = extract_id(item, &format!("ids[{i}]"))? {
                        doc.id = id;
                    }
                }
            }
        }
        let kb = kb_arg(py, kb)?;
        let out = py.detach(|| {
            docs.iter_mut().for_each(assign_document_id);
            let mut guard = self.lock()?;
            open_store(&mut guard)
                .and_then(|store| ingest_docs(store, docs, &kb))
                .map_err(store_err)
        })?;
        let d = PyDict::new(py);
        let b = &out.batches;
        d.set_item("documents_added", b.docs_new)?;
        d.set_item("documents_skipped", b.docs_skipped + out.seen_before)?;
        d.set_item("documents_changed", b.docs_changed)?;
        d.set_item("events_added", b.events_new)?;
        d.set_item("clusters_added", b.clusters_new)?;
        Ok(d)
    }

    /// Stored events as columns in `SCHEMA_FIELDS` + `STORE_FIELDS` order;
    /// see `dyad.Store.query`.
    #[pyo3(signature = (source=None, target=None, dyad=None, cameo=None, root=None, quad=None,
                        start=None, end=None, country_in=None, limit=None, dedup=None))]
    #[allow(clippy::too_many_arguments)]
    fn query_columns<'py>(
        &self,
        py: Python<'py>,
        source: Option<&Bound<'py, PyAny>>,
        target: Option<&Bound<'py, PyAny>>,
        dyad: Option<&Bound<'py, PyAny>>,
        cameo: Option<&Bound<'py, PyAny>>,
        root: Option<&Bound<'py, PyAny>>,
        quad: Option<&Bound<'py, PyAny>>,
        start: Option<&Bound<'py, PyAny>>,
        end: Option<&Bound<'py, PyAny>>,
        country_in: Option<&Bound<'py, PyAny>>,
        limit: Option<&Bound<'py, PyAny>>,
        dedup: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let dyad = match dyad.filter(|d| !d.is_none()) {
            Some(d) => Some(dyad_arg(d)?),
            None => None,
        };
        let quads = code_list(quad, "quad")?
            .iter()
            .map(|q| {
                q.parse::<u8>().map_err(|_| {
                    PyValueError::new_err(format!("quad: expected quad classes 1-4, got {q:?}"))
                })
            })
            .collect::<PyResult<Vec<u8>>>()?;
        let limit = match limit.filter(|l| !l.is_none()) {
            None => None,
            Some(l) if l.is_instance_of::<PyInt>() && !l.is_instance_of::<PyBool>() => {
                Some(l.extract::<u64>().map_err(|_| {
                    PyValueError::new_err(format!("limit must be a non-negative int, got {l}"))
                })?)
            }
            Some(l) => {
                return Err(input_type_error(
                    py,
                    format!("limit must be an int or None, got {}", type_name(l)),
                ))
            }
        };
        let dedup = match choice(
            dedup,
            "dedup",
            "clusters",
            &["clusters", "one-a-day", "none"],
        )? {
            "one-a-day" => Dedup::OneADay,
            "none" => Dedup::None,
            _ => Dedup::Clusters,
        };
        let filter = Filter {
            source: extract_opt_text(source, "source")?,
            target: extract_opt_text(target, "target")?,
            dyad,
            cameo: extract_opt_text(cameo, "cameo")?,
            roots: code_list(root, "root")?,
            quads,
            from: extract_date(start, "start")?,
            to: extract_date(end, "end")?,
            location_country: extract_opt_text(country_in, "country_in")?,
            after: None,
            limit,
        }
        .validated()
        .map_err(store_err)?;
        let columns = py.detach(|| {
            let mut guard = self.lock()?;
            let store = open_store(&mut guard).map_err(store_err)?;
            let mut rows: Vec<StoredEvent> = Vec::new();
            store
                .for_each_event(&filter, dedup, |e| {
                    rows.push(e.clone());
                    Ok(())
                })
                .map_err(store_err)?;
            drop(guard);
            let extra = store_columns(&rows);
            let events: Vec<Event> = rows.into_iter().map(|r| r.event).collect();
            let mut cols = columns::build(&events);
            cols.extend(extra);
            Ok::<_, PyErr>(cols)
        })?;
        columns::to_py(py, columns)
    }

    /// A dyad's series as columns in `TREND_FIELDS` order; see `dyad.Store.trend`.
    #[pyo3(signature = (dyad, by=None, start=None, end=None, count=None))]
    fn trend_columns<'py>(
        &self,
        py: Python<'py>,
        dyad: &Bound<'py, PyAny>,
        by: Option<&Bound<'py, PyAny>>,
        start: Option<&Bound<'py, PyAny>>,
        end: Option<&Bound<'py, PyAny>>,
        count: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let (a, b) = dyad_arg(dyad)?;
        let period = match choice(by, "by", "week", &["day", "week", "month"])? {
            "day" => Period::Day,
            "month" => Period::Month,
            _ => Period::Week,
        };
        let count = match choice(count, "count", "clusters", &["clusters", "events"])? {
            "events" => Count::Events,
            _ => Count::Clusters,
        };
        let q = TrendQuery {
            a,
            b,
            period,
            from: extract_date(start, "start")?,
            to: extract_date(end, "end")?,
            count,
        };
        if let (Some(f), Some(t)) = (q.from, q.to) {
            if f > t {
                return Err(PyValueError::new_err(format!(
                    "start {f} is after end {t}: no date can match"
                )));
            }
        }
        let rows = py.detach(|| {
            let mut guard = self.lock()?;
            open_store(&mut guard)
                .and_then(|s| s.trend(&q))
                .map_err(store_err)
        })?;
        columns::to_py(py, trend_table(&rows))
    }

    fn __repr__(&self) -> String {
        let state = if self.closed() { " (closed)" } else { "" };
        format!(
            "<dyad._dyad.Store {:?}{state}>",
            self.path.display().to_string()
        )
    }
}

/// `(name, type)` pairs of a field list, as `SCHEMA_FIELDS`.
pub fn fields<'py>(
    py: Python<'py>,
    fields: impl IntoIterator<Item = (&'static str, Kind)>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for (name, kind) in fields {
        out.append(PyTuple::new(py, [name, kind.name()])?)?;
    }
    Ok(out)
}

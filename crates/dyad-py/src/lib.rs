//! # dyad-py
//!
//! The Python extension module `dyad._dyad`, built by maturin into the `dyad`
//! wheel (see `pyproject.toml`). It is a thin adapter around the pure coder
//! [`dyad_core::code`]: Python values are checked and copied into
//! [`Document`]s, the GIL is released while the documents are coded (in
//! parallel with rayon for batches), and the events come back as the JSON
//! records of `dyad code` (for `code`) or as typed columns in the order of
//! [`dyad_core::flat::COLUMNS`] (for `code_batch`, which the Python package
//! turns into a `pyarrow.RecordBatch`).
//!
//! The event store of `dyad ingest` is the class `Store` (module `store`):
//! `ingest` codes and stores documents, `query_columns` and `trend_columns`
//! return stored events and dyad series as columns for the Python package.
//!
//! Every bad input becomes a Python exception, never a panic: wrong types
//! raise `dyad.InputTypeError` (a subclass of both `TypeError` and
//! `ValueError`), bad values `ValueError`, missing knowledge-base files
//! `FileNotFoundError`.

mod columns;
mod store;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use dyad_core::{Document, Event};
use jiff::civil::Date;
use pyo3::exceptions::{PyFileNotFoundError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;

/// The embedded knowledge base, loaded on first use and shared by every call
/// that passes no `kb`.
static DEFAULT_KB: OnceLock<Arc<dyad_core::KnowledgeBase>> = OnceLock::new();

/// `dyad.InputTypeError`, created when the module is initialised.
static INPUT_TYPE_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `json.loads`, imported once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `datetime.date`, imported once.
static DATE_TYPE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn default_kb(py: Python<'_>) -> Arc<dyad_core::KnowledgeBase> {
    if let Some(kb) = DEFAULT_KB.get() {
        return kb.clone();
    }
    py.detach(|| {
        DEFAULT_KB
            .get_or_init(|| Arc::new(dyad_core::KnowledgeBase::embedded()))
            .clone()
    })
}

/// A Python type name for messages: `NoneType`, `bytes`, `int` …
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// A `dyad.InputTypeError` (falls back to `TypeError` if the module was not
/// initialised, which cannot happen through `import dyad`).
fn input_type_error(py: Python<'_>, message: String) -> PyErr {
    match INPUT_TYPE_ERROR.get(py) {
        Some(cls) => match cls.bind(py).call1((message.clone(),)) {
            Ok(err) => PyErr::from_value(err),
            Err(e) => e,
        },
        None => PyTypeError::new_err(message),
    }
}

/// `what` as a Rust string; `str` only (bytes must be decoded by the caller).
fn extract_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        // Fails (UnicodeEncodeError, a ValueError) on lone surrogates.
        return Ok(s.to_cow()?.into_owned());
    }
    let hint = if obj.is_none() {
        "; pass a str (use \"\" for an empty text)"
    } else if type_name(obj) == "bytes" || type_name(obj) == "bytearray" {
        "; decode it first, e.g. data.decode(\"utf-8\")"
    } else {
        ""
    };
    Err(input_type_error(
        obj.py(),
        format!("{what} must be a str, got {}{hint}", type_name(obj)),
    ))
}

/// An optional string argument (`None` or empty → absent).
fn extract_opt_text(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => {
            let s = extract_text(o, what)?;
            Ok((!s.trim().is_empty()).then_some(s))
        }
    }
}

/// A document id: a `str` or an `int` (as `dyad code` reads JSONL ids).
fn extract_id(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<String>> {
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return Ok((!s.trim().is_empty()).then(|| s.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return Ok(Some(obj.str()?.to_cow()?.into_owned()));
    }
    Err(input_type_error(
        obj.py(),
        format!("{what} must be a str or an int, got {}", type_name(obj)),
    ))
}

/// A publication date: `None`, a `str` read like the `date` field of JSONL
/// input (`YYYY-MM-DD`, ISO 8601 / RFC 3339 or RFC 2822 datetimes; empty →
/// none), or a `datetime.date` / `datetime.datetime` (its calendar day).
/// A float NaN and pandas' `NaT` count as missing.
fn extract_date(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Date>> {
    let Some(obj) = obj else { return Ok(None) };
    let py = obj.py();
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        if s.trim().is_empty() {
            return Ok(None);
        }
        return dyad_ingest::parse_date(&s).map(Some).ok_or_else(|| {
            PyValueError::new_err(format!(
                "{what}: invalid date {s:?} (expected YYYY-MM-DD, an ISO 8601 / RFC 3339 \
                 datetime or an RFC 2822 datetime)"
            ))
        });
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        if f.value().is_nan() {
            return Ok(None);
        }
    }
    let date_type = DATE_TYPE.get_or_try_init(py, || {
        py.import("datetime")
            .and_then(|m| m.getattr("date"))
            .map(Bound::unbind)
    })?;
    if obj.is_instance(date_type.bind(py))? {
        let part = |name: &str| -> Option<i64> { obj.getattr(name).ok()?.extract::<i64>().ok() };
        return match (part("year"), part("month"), part("day")) {
            (Some(y), Some(m), Some(d)) => {
                let (y, m, d) = (
                    i16::try_from(y).ok(),
                    i8::try_from(m).ok(),
                    i8::try_from(d).ok(),
                );
                match (y, m, d) {
                    (Some(y), Some(m), Some(d)) => Date::new(y, m, d)
                        .map(Some)
                        .map_err(|e| PyValueError::new_err(format!("{what}: {e}"))),
                    _ => Err(PyValueError::new_err(format!("{what}: date out of range"))),
                }
            }
            // pandas.NaT is a datetime whose parts are not integers.
            _ => Ok(None),
        };
    }
    Err(input_type_error(
        py,
        format!(
            "{what} must be a str (YYYY-MM-DD), a datetime.date or None, got {}",
            type_name(obj)
        ),
    ))
}

/// The knowledge base of a `kb=` argument (`None` → the default one).
fn kb_arg(
    py: Python<'_>,
    kb: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<dyad_core::KnowledgeBase>> {
    match kb {
        None => Ok(default_kb(py)),
        Some(k) if k.is_none() => Ok(default_kb(py)),
        Some(k) => match k.cast::<KnowledgeBase>() {
            Ok(k) => Ok(k.get().inner.clone()),
            Err(_) => Err(input_type_error(
                py,
                format!(
                    "kb must be a dyad.KnowledgeBase or None, got {}",
                    type_name(k)
                ),
            )),
        },
    }
}

/// The items of a sequence argument, refusing a bare `str`/`bytes` (which
/// Python would happily iterate character by character).
fn sequence_items<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let name = type_name(obj);
    if obj.is_instance_of::<PyString>() || name == "bytes" || name == "bytearray" {
        return Err(input_type_error(
            obj.py(),
            format!("{what} must be a sequence of values (e.g. a list), got a single {name}"),
        ));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return Ok(list.iter().collect());
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return Ok(tuple.iter().collect());
    }
    match obj.try_iter() {
        Ok(it) => it.collect(),
        Err(_) => Err(input_type_error(
            obj.py(),
            format!("{what} must be a sequence (e.g. a list), got {name}"),
        )),
    }
}

/// Codes `docs` with `threads` workers (`None`: rayon's global pool; 1: the
/// calling thread). Results are in input order.
fn code_all(
    docs: &[Document],
    kb: &dyad_core::KnowledgeBase,
    threads: Option<usize>,
) -> Result<Vec<Event>, String> {
    let per_doc: Vec<Vec<Event>> = match threads {
        Some(1) => docs.iter().map(|d| dyad_core::code(d, kb)).collect(),
        None => docs.par_iter().map(|d| dyad_core::code(d, kb)).collect(),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| format!("cannot start {n} worker threads: {e}"))?
            .install(|| docs.par_iter().map(|d| dyad_core::code(d, kb)).collect()),
    };
    Ok(per_doc.into_iter().flatten().collect())
}

/// Parses the JSON text of an array of events into Python objects.
fn json_to_py<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.get_or_try_init(py, || {
        py.import("json")
            .and_then(|m| m.getattr("loads"))
            .map(Bound::unbind)
    })?;
    loads.bind(py).call1((json,))
}

/// A knowledge base: the one compiled into dyad (from the repository's
/// `data/`), plus optional user files in the same formats.
///
/// `KnowledgeBase()` is the embedded knowledge base. `KnowledgeBase(path)`
/// adds the user files at `path`: a file (its kind is taken from its name:
/// `countries*.tsv`, `agents*.tsv`, `orgs*.tsv`, `people*.tsv`,
/// `cameo_events*.tsv`, `verbs*.txt`, `nouns*.txt`), a directory (every file
/// in it, sorted by name, like `dyad code --kb-dir`), or a list of files and
/// directories. Entries of later files take precedence for the same words.
/// Malformed lines are skipped and listed in `warnings`.
///
/// Raises FileNotFoundError for a missing path and ValueError for a file
/// whose kind cannot be told from its name or that cannot be read.
/// A knowledge base is immutable and safe to share between threads.
#[pyclass(frozen, module = "dyad", name = "KnowledgeBase")]
pub struct KnowledgeBase {
    inner: Arc<dyad_core::KnowledgeBase>,
}

/// The files to load for one user path: the file itself, or the files of a
/// directory sorted by name (not recursive, as `dyad code --kb-dir`).
fn kb_files(path: &Path) -> PyResult<Vec<PathBuf>> {
    if !path.exists() {
        return Err(PyFileNotFoundError::new_err(format!(
            "knowledge-base path {} does not exist",
            path.display()
        )));
    }
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| {
        PyValueError::new_err(format!(
            "cannot read knowledge-base directory {}: {e}",
            path.display()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

#[pymethods]
impl KnowledgeBase {
    #[new]
    #[pyo3(signature = (path=None))]
    fn new(py: Python<'_>, path: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut paths: Vec<PathBuf> = Vec::new();
        if let Some(p) = path.filter(|p| !p.is_none()) {
            let items = if p.is_instance_of::<PyList>() || p.is_instance_of::<PyTuple>() {
                sequence_items(p, "path")?
            } else {
                vec![p.clone()]
            };
            for item in items {
                let pb: PathBuf = item.extract().map_err(|_| {
                    input_type_error(
                        py,
                        format!(
                            "path must be a str, an os.PathLike or a list of them, got {}",
                            type_name(&item)
                        ),
                    )
                })?;
                paths.push(pb);
            }
        }
        if paths.is_empty() {
            return Ok(KnowledgeBase {
                inner: default_kb(py),
            });
        }
        let mut files = Vec::new();
        for p in &paths {
            files.extend(kb_files(p)?);
        }
        let kb = py.detach(|| {
            let mut kb = dyad_core::KnowledgeBase::embedded();
            for f in &files {
                kb.add_file(f).map_err(|e| e.to_string())?;
            }
            Ok::<_, String>(kb)
        });
        match kb {
            Ok(kb) => Ok(KnowledgeBase {
                inner: Arc::new(kb),
            }),
            Err(message) => Err(PyValueError::new_err(message)),
        }
    }

    /// A short identifier of the knowledge base's content, such as
    /// `"0.1.0+3f9a0c1b2d4e"`: two knowledge bases with the same version
    /// code identically.
    #[getter]
    fn version(&self) -> String {
        self.inner.version()
    }

    /// Malformed lines met while loading, as `file:line: message`.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner
            .warnings()
            .iter()
            .map(|w| w.to_string())
            .collect()
    }

    /// Counts of loaded entries, the numbers of `dyad kb stats`.
    #[getter]
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.inner.stats();
        let d = PyDict::new(py);
        for (key, n) in [
            ("countries", s.countries),
            ("country_phrases", s.country_phrases),
            ("region_phrases", s.region_phrases),
            ("ethnic_phrases", s.ethnic_phrases),
            ("places", s.places),
            ("sectors", s.sectors),
            ("agent_phrases", s.agent_phrases),
            ("orgs", s.orgs),
            ("igos", s.igos),
            ("org_phrases", s.org_phrases),
            ("people", s.people),
            ("person_roles", s.person_roles),
            ("person_phrases", s.person_phrases),
            ("patterns", s.patterns),
            ("noun_patterns", s.noun_patterns),
            ("cameo_codes", s.cameo_codes),
            ("roots_with_patterns", s.roots_with_patterns),
        ] {
            d.set_item(key, n)?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!("<dyad.KnowledgeBase version={}>", self.inner.version())
    }
}

/// The knowledge base used when no `kb` is given: the embedded one, loaded
/// once per process on first use.
#[pyfunction]
fn default_knowledge_base(py: Python<'_>) -> KnowledgeBase {
    KnowledgeBase {
        inner: default_kb(py),
    }
}

/// Codes one text and returns its events as dicts, in text order.
///
/// Each dict is the JSON record `dyad code` prints for the event (the same
/// keys and values as `json.loads` of its JSONL line). `date` is the
/// publication date (str `YYYY-MM-DD` or ISO datetime, or `datetime.date`);
/// events are dated with it unless the text names their day. `id` (str or
/// int, default `"0"`) is the document id the events carry and is part of
/// their stable event ids; `url`, `title` and `source` describe the document.
/// `kb` is a `dyad.KnowledgeBase` (default: the embedded one).
///
/// The GIL is released while coding. Raises `dyad.InputTypeError` (a
/// `TypeError` and a `ValueError`) for arguments of the wrong type, such as
/// `None` or `bytes` for `text`, and `ValueError` for an invalid date.
#[pyfunction]
#[pyo3(signature = (text, date=None, url=None, id=None, title=None, source=None, kb=None))]
#[allow(clippy::too_many_arguments)]
fn code<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    date: Option<&Bound<'py, PyAny>>,
    url: Option<&Bound<'py, PyAny>>,
    id: Option<&Bound<'py, PyAny>>,
    title: Option<&Bound<'py, PyAny>>,
    source: Option<&Bound<'py, PyAny>>,
    kb: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let doc = Document {
        id: match id {
            Some(i) => extract_id(i, "id")?,
            None => None,
        }
        .unwrap_or_else(|| "0".to_string()),
        text: extract_text(text, "text")?,
        published: extract_date(date, "date")?,
        title: extract_opt_text(title, "title")?,
        url: extract_opt_text(url, "url")?,
        source: extract_opt_text(source, "source")?,
    };
    let kb = kb_arg(py, kb)?;
    let json = py.detach(|| {
        let events = dyad_core::code(&doc, &kb);
        serde_json::to_string(&events).map_err(|e| e.to_string())
    });
    let json = json.map_err(|e| PyValueError::new_err(format!("cannot serialise events: {e}")))?;
    json_to_py(py, &json)
}

/// Codes many texts and returns their events as columns (lists), in the
/// order of `SCHEMA_FIELDS`; `dyad.code_batch` wraps this into a
/// `pyarrow.RecordBatch`.
///
/// `texts` is a sequence of str. `dates` is `None`, one date for all texts,
/// or a sequence of dates (str, `datetime.date` or None) as long as `texts`.
/// `ids` is `None` (ids are the row positions `"0"`, `"1"` …) or a sequence of
/// str/int as long as `texts`; a `None` id is replaced by the row position.
/// `threads`: `None` codes on rayon's global pool (all cores, or
/// `RAYON_NUM_THREADS`), 1 in the calling thread, n on n new threads.
#[pyfunction]
#[pyo3(signature = (texts, dates=None, ids=None, kb=None, threads=None))]
fn code_columns<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    dates: Option<&Bound<'py, PyAny>>,
    ids: Option<&Bound<'py, PyAny>>,
    kb: Option<&Bound<'py, PyAny>>,
    threads: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let threads = match threads.filter(|t| !t.is_none()) {
        None => None,
        Some(t) if t.is_instance_of::<PyInt>() && !t.is_instance_of::<PyBool>() => {
            match t
                .extract::<i64>()
                .ok()
                .and_then(|n| usize::try_from(n).ok())
            {
                Some(n) if n >= 1 => Some(n),
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "threads must be a positive int or None, got {t}"
                    )))
                }
            }
        }
        Some(t) => {
            return Err(input_type_error(
                py,
                format!("threads must be an int or None, got {}", type_name(t)),
            ))
        }
    };
    let text_items = sequence_items(texts, "texts")?;
    let n = text_items.len();
    let mut docs: Vec<Document> = Vec::with_capacity(n);
    for (i, t) in text_items.iter().enumerate() {
        docs.push(Document {
            id: i.to_string(),
            text: extract_text(t, &format!("texts[{i}]"))?,
            ..Document::default()
        });
    }
    if let Some(d) = dates.filter(|d| !d.is_none()) {
        let one_date = d.is_instance_of::<PyString>()
            || d.is_instance(
                DATE_TYPE
                    .get_or_try_init(py, || {
                        py.import("datetime")
                            .and_then(|m| m.getattr("date"))
                            .map(Bound::unbind)
                    })?
                    .bind(py),
            )?;
        if one_date {
            let date = extract_date(Some(d), "dates")?;
            docs.iter_mut().for_each(|doc| doc.published = date);
        } else {
            let items = sequence_items(d, "dates")?;
            if items.len() != n {
                return Err(PyValueError::new_err(format!(
                    "dates has {} items but texts has {n}",
                    items.len()
                )));
            }
            for (i, (doc, item)) in docs.iter_mut().zip(&items).enumerate() {
                doc.published = extract_date(Some(item), &format!("dates[{i}]"))?;
            }
        }
    }
    if let Some(ids) = ids.filter(|i| !i.is_none()) {
        let items = sequence_items(ids, "ids")?;
        if items.len() != n {
            return Err(PyValueError::new_err(format!(
                "ids has {} items but texts has {n}",
                items.len()
            )));
        }
        for (i, (doc, item)) in docs.iter_mut().zip(&items).enumerate() {
            if let Some(id) = extract_id(item, &format!("ids[{i}]"))? {
                doc.id = id;
            }
        }
    }
    let kb = kb_arg(py, kb)?;
    let columns = py
        .detach(|| code_all(&docs, &kb, threads).map(|events| columns::build(&events)))
        .map_err(PyValueError::new_err)?;
    columns::to_py(py, columns)
}

/// The Python extension module `dyad._dyad`.
#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // `class InputTypeError(TypeError, ValueError)`: wrong argument types are
    // caught by `except TypeError` and by `except ValueError`.
    let attrs = PyDict::new(py);
    attrs.set_item("__module__", "dyad")?;
    attrs.set_item(
        "__doc__",
        "An argument of the wrong type (None or bytes where a str is expected, …). \
         A subclass of both TypeError and ValueError.",
    )?;
    let bases = PyTuple::new(
        py,
        [py.get_type::<PyTypeError>(), py.get_type::<PyValueError>()],
    )?;
    let cls = py
        .import("builtins")?
        .getattr("type")?
        .call1(("InputTypeError", bases, attrs))?;
    m.add("InputTypeError", &cls)?;
    let _ = INPUT_TYPE_ERROR.set(py, cls.unbind());

    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let fields = PyList::empty(py);
    for name in dyad_core::flat::COLUMNS {
        fields.append((*name, columns::kind_of(name).name()))?;
    }
    m.add("SCHEMA_FIELDS", fields)?;
    m.add(
        "STORE_FIELDS",
        store::fields(
            py,
            dyad_store::export::flat::STORE_COLUMNS
                .iter()
                .map(|name| (*name, store::store_kind(name))),
        )?,
    )?;
    m.add(
        "TREND_FIELDS",
        store::fields(py, store::TREND_FIELDS.iter().copied())?,
    )?;
    m.add_class::<KnowledgeBase>()?;
    m.add_class::<store::Store>()?;
    m.add_function(wrap_pyfunction!(code, m)?)?;
    m.add_function(wrap_pyfunction!(code_columns, m)?)?;
    m.add_function(wrap_pyfunction!(default_knowledge_base, m)?)?;
    Ok(())
}

//! The handlers of the `/api` routes.

use crate::{error, AppState};
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dyad_core::Event;
use dyad_core::{code_document_with, code_explained, Document};
use dyad_store::escalation::EscalationParams;
use dyad_store::trend::{Count, Period, TrendQuery};
use dyad_store::{
    assign_document_id, CodedDoc, Dedup, Filter, OpenMode, Position, RunKind, Store, StoreError,
    StoredEvent,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Largest `limit` of `/api/events`.
pub const MAX_EVENTS: u64 = 1000;

type Params = HashMap<String, String>;

fn params(q: Option<String>) -> Result<Params, ApiError> {
    let q = q.unwrap_or_default();
    serde_urlencoded::from_str::<Vec<(String, String)>>(&q)
        .map(|v| v.into_iter().collect())
        .map_err(|e| bad(format!("bad query string: {e}")))
}

/// An error response not yet built (small enough to pass in a `Result`).
pub(crate) struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error(self.0, self.1)
    }
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into())
}

fn date(p: &Params, key: &str) -> Result<Option<jiff::civil::Date>, ApiError> {
    p.get(key)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|e| bad(format!("{key}: expected a date as YYYY-MM-DD: {e}")))
        })
        .transpose()
}

fn num<T: std::str::FromStr>(p: &Params, key: &str) -> Result<Option<T>, ApiError> {
    p.get(key)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| bad(format!("{key}: expected a number, got {s:?}")))
        })
        .transpose()
}

fn list(p: &Params, key: &str) -> Vec<String> {
    p.get(key)
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn pair(p: &Params, key: &str) -> Result<Option<(String, String)>, ApiError> {
    match list(p, key).as_slice() {
        [] => Ok(None),
        [a, b] => Ok(Some((a.clone(), b.clone()))),
        _ => Err(bad(format!(
            "{key}: expected two codes separated by a comma, such as AZE,ARM"
        ))),
    }
}

fn period(p: &Params, key: &str) -> Result<Period, ApiError> {
    match p.get(key).map(String::as_str) {
        None | Some("") | Some("week") => Ok(Period::Week),
        Some("day") => Ok(Period::Day),
        Some("month") => Ok(Period::Month),
        Some(s) => Err(bad(format!(
            "{key}: expected day, week or month, got {s:?}"
        ))),
    }
}

fn count(p: &Params) -> Result<Count, ApiError> {
    match p.get("count").map(String::as_str) {
        None | Some("") | Some("clusters") => Ok(Count::Clusters),
        Some("events") => Ok(Count::Events),
        Some(s) => Err(bad(format!(
            "count: expected clusters or events, got {s:?}"
        ))),
    }
}

fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::Missing(_) => ApiError(StatusCode::NOT_FOUND, e.to_string()),
        StoreError::Invalid(_) => bad(e.to_string()),
        e => ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// Runs `f` over the read-only store on a blocking thread.
async fn with_store<F, T>(st: &Arc<AppState>, f: F) -> Response
where
    F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    T: Serialize + Send + 'static,
{
    let Some(db) = st.db.clone() else {
        return error(
            StatusCode::NOT_FOUND,
            "no event store: start the server with --db FILE",
        );
    };
    let res = tokio::task::spawn_blocking(move || {
        let store = Store::open(&db, OpenMode::ReadOnly)?;
        f(&store)
    })
    .await;
    match res {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(e)) => store_error(e).into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("worker failed: {e}"),
        ),
    }
}

/// Reads a body up to the size limit (413 above it).
async fn read_body(st: &AppState, headers: &HeaderMap, body: Body) -> Result<Vec<u8>, ApiError> {
    let max = st.limits.max_body_bytes;
    let too_big = || {
        ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body larger than {max} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_big());
    }
    axum::body::to_bytes(body, max)
        .await
        .map(|b| b.to_vec())
        .map_err(|_| too_big())
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"))
}

/// One document as posted.
#[derive(Debug, Deserialize)]
struct DocIn {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    explain: bool,
}

impl DocIn {
    fn into_document(self, default_id: &str) -> Result<(Document, bool), ApiError> {
        let published = match self.date.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                s.parse()
                    .map_err(|e| bad(format!("date: expected YYYY-MM-DD: {e}")))?,
            ),
        };
        let doc = Document {
            id: self.id.unwrap_or_else(|| default_id.to_string()),
            text: self.text,
            published,
            title: self.title,
            url: self.url,
            source: self.source,
        };
        Ok((doc, self.explain))
    }
}

fn text_doc(bytes: Vec<u8>) -> Result<DocIn, ApiError> {
    let text = String::from_utf8(bytes).map_err(|_| bad("body is not UTF-8 text"))?;
    Ok(DocIn {
        id: None,
        text,
        date: None,
        title: None,
        url: None,
        source: None,
        explain: false,
    })
}

/// The answer of `/api/code`; events are serialized directly (not through
/// `Value`) so numbers read as in the CLI's output.
#[derive(Serialize)]
struct CodeOut {
    events: Vec<Event>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Vec<Value>>,
}

/// The answer of `/api/events`.
#[derive(Serialize)]
struct EventsOut {
    events: Vec<StoredEvent>,
    limit: u64,
    offset: u64,
    /// Pass as `cursor` for the next page; `None` on the last page.
    next_cursor: Option<String>,
}

/// `GET /api/health`.
pub async fn health(State(st): State<Arc<AppState>>) -> Response {
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "kb_version": st.kb.version(),
        "store": st.db.is_some(),
        "read_only": st.token.is_none(),
    }))
    .into_response()
}

/// `POST /api/code`.
pub async fn code(
    State(st): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let p = match params(q) {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let bytes = match read_body(&st, &headers, body).await {
        Ok(b) => b,
        Err(r) => return r.into_response(),
    };
    let doc_in = if is_json(&headers) {
        match serde_json::from_slice::<DocIn>(&bytes) {
            Ok(d) => d,
            Err(e) => return bad(format!("invalid JSON: {e}")).into_response(),
        }
    } else {
        match text_doc(bytes) {
            Ok(mut d) => {
                d.date = p.get("date").cloned();
                d
            }
            Err(r) => return r.into_response(),
        }
    };
    let (doc, explain_body) = match doc_in.into_document("api") {
        Ok(d) => d,
        Err(r) => return r.into_response(),
    };
    let explain = explain_body || p.get("explain").is_some_and(|v| v == "true" || v == "1");
    let min_conf = match num::<f32>(&p, "min_confidence") {
        Ok(v) => v.unwrap_or(dyad_core::coder::confidence::DEFAULT_MIN_CONFIDENCE),
        Err(r) => return r.into_response(),
    };
    let st2 = st.clone();
    let res = tokio::task::spawn_blocking(move || {
        if explain {
            let (mut events, traces) = code_explained(&doc, &st2.kb);
            events.retain(|e| e.confidence >= min_conf);
            let traces: Vec<Value> = traces
                .iter()
                .map(|t| {
                    json!({
                        "index": t.index, "text": t.text, "tagged": t.tagged,
                        "chunks": t.chunks, "mentions": t.mentions, "actors": t.actors,
                        "verbs": t.verbs.iter().map(|v| json!({
                            "verb": v.verb, "lemma": v.lemma, "outcome": v.outcome
                        })).collect::<Vec<_>>(),
                        "skipped": t.skipped,
                    })
                })
                .collect();
            CodeOut {
                events,
                sentences: None,
                explain: Some(traces),
            }
        } else {
            let coded = code_document_with(&doc, &st2.kb, min_conf);
            CodeOut {
                events: coded.events,
                sentences: Some(coded.sentences),
                explain: None,
            }
        }
    })
    .await;
    match res {
        Ok(v) => Json(v).into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("worker failed: {e}"),
        ),
    }
}

/// `GET /api/events`.
pub async fn events(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> Response {
    let build = || -> Result<(Filter, Dedup, u64, u64), ApiError> {
        let p = params(q)?;
        let limit = num::<u64>(&p, "limit")?.unwrap_or(100).min(MAX_EVENTS);
        let offset = num::<u64>(&p, "offset")?.unwrap_or(0);
        if offset > 1_000_000 {
            return Err(bad("offset: at most 1000000"));
        }
        let after = match p.get("cursor").filter(|s| !s.is_empty()) {
            None => None,
            Some(_) if offset > 0 => return Err(bad("cursor and offset: give one, not both")),
            Some(c) => Some(c.parse::<Position>().map_err(store_error)?),
        };
        let quads = list(&p, "quad")
            .iter()
            .map(|s| {
                s.parse::<u8>()
                    .map_err(|_| bad(format!("quad: expected 1-4, got {s:?}")))
            })
            .collect::<Result<Vec<u8>, ApiError>>()?;
        let dedup = match p.get("dedup").map(String::as_str) {
            None | Some("") | Some("clusters") => Dedup::Clusters,
            Some("one-a-day") => Dedup::OneADay,
            Some("none") => Dedup::None,
            Some(s) => {
                return Err(bad(format!(
                    "dedup: expected clusters, one-a-day or none, got {s:?}"
                )))
            }
        };
        let filter = Filter {
            source: p.get("source").filter(|s| !s.is_empty()).cloned(),
            target: p.get("target").filter(|s| !s.is_empty()).cloned(),
            dyad: pair(&p, "dyad")?,
            cameo: p.get("cameo").filter(|s| !s.is_empty()).cloned(),
            roots: list(&p, "root"),
            quads,
            from: date(&p, "from")?,
            to: date(&p, "to")?,
            location_country: p.get("country_in").filter(|s| !s.is_empty()).cloned(),
            after,
            limit: Some(offset + limit),
        }
        .validated()
        .map_err(store_error)?;
        Ok((filter, dedup, limit, offset))
    };
    let (filter, dedup, limit, offset) = match build() {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    with_store(&st, move |store| {
        let mut out = Vec::new();
        let mut seen = 0u64;
        store.for_each_event(&filter, dedup, |e| {
            if seen >= offset {
                out.push(e.clone());
            }
            seen += 1;
            Ok(())
        })?;
        let next_cursor = (out.len() as u64 == limit && limit > 0)
            .then(|| out.last().map(|e| e.position.to_string()))
            .flatten();
        Ok(EventsOut {
            events: out,
            limit,
            offset,
            next_cursor,
        })
    })
    .await
}

/// `GET /api/trend`.
pub async fn trend(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> Response {
    let build = || -> Result<TrendQuery, ApiError> {
        let p = params(q)?;
        let Some((a, b)) = pair(&p, "dyad")? else {
            return Err(bad("dyad: required, two codes such as AZE,ARM"));
        };
        for c in [&a, &b] {
            if !c.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(bad(format!("dyad: not a code: {c:?}")));
            }
        }
        Ok(TrendQuery {
            a,
            b,
            period: period(&p, "by")?,
            from: date(&p, "from")?,
            to: date(&p, "to")?,
            count: count(&p)?,
        })
    };
    let tq = match build() {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    with_store(&st, move |store| {
        let rows = store.trend(&tq)?;
        Ok(json!({ "dyad": [tq.a.to_uppercase(), tq.b.to_uppercase()], "rows": rows }))
    })
    .await
}

/// `GET /api/escalation`.
pub async fn escalation(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> Response {
    let build = || -> Result<EscalationParams, ApiError> {
        let p = params(q)?;
        let d = EscalationParams::default();
        Ok(EscalationParams {
            period: period(&p, "window")?,
            baseline: num::<usize>(&p, "baseline")?
                .unwrap_or(d.baseline)
                .clamp(1, 520),
            z_threshold: num(&p, "z")?.unwrap_or(d.z_threshold),
            min_count: num(&p, "min_count")?.unwrap_or(d.min_count),
            min_sd: num(&p, "min_sd")?.unwrap_or(d.min_sd),
            as_of: date(&p, "as_of")?,
            count: count(&p)?,
            evidence: num::<usize>(&p, "evidence")?.unwrap_or(d.evidence).min(50),
        })
    };
    let ep = match build() {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    with_store(&st, move |store| {
        Ok(json!({ "alerts": store.escalation(&ep)? }))
    })
    .await
}

/// `GET /api/actors?q=`.
pub async fn actors(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> Response {
    let p = match params(q) {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let Some(phrase) = p
        .get("q")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    else {
        return bad("q: required, the words to look up").into_response();
    };
    if phrase.len() > 1000 {
        return bad("q: at most 1000 bytes").into_response();
    }
    let on = match date(&p, "date") {
        Ok(d) => d,
        Err(r) => return r.into_response(),
    };
    let st2 = st.clone();
    let res = tokio::task::spawn_blocking(move || {
        let kb = &st2.kb;
        let tags = kb.tag(&phrase);
        let mut matches = Vec::new();
        let mut i = 0;
        while i < tags.len() {
            let cands = kb.candidates(&tags, i);
            let Some(first) = cands.first() else {
                i += 1;
                continue;
            };
            for (n, m) in cands.iter().enumerate() {
                let words: Vec<&str> = tags
                    .get(m.tokens.clone())
                    .unwrap_or_default()
                    .iter()
                    .map(|t| t.word.as_str())
                    .collect();
                matches.push(json!({
                    "words": words.join(" "),
                    "entry": m.kind.describe(),
                    "source": kb.source_name(m.origin),
                    "line": m.origin.line,
                    "used": n == 0,
                }));
            }
            i += first.tokens.len().max(1);
        }
        let doc = Document {
            id: "lookup".into(),
            text: format!("{phrase} spoke."),
            published: on,
            ..Default::default()
        };
        let (_, traces) = code_explained(&doc, kb);
        let coder: Vec<&String> = traces.iter().flat_map(|t| &t.actors).collect();
        json!({ "q": phrase, "matches": matches, "coder": coder })
    })
    .await;
    match res {
        Ok(v) => Json(v).into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("worker failed: {e}"),
        ),
    }
}

/// `GET /api/stats`.
pub async fn stats(State(st): State<Arc<AppState>>) -> Response {
    with_store(&st, |store| {
        Ok(json!({
            "counts": store.counts()?,
            "dedup_window_days": store.dedup_window_days(),
        }))
    })
    .await
}

/// `POST /api/ingest`: one document, an array, or `{"documents": [...]}`.
pub async fn ingest(State(st): State<Arc<AppState>>, headers: HeaderMap, body: Body) -> Response {
    let Some(token) = st.token.as_deref() else {
        return error(
            StatusCode::FORBIDDEN,
            "the server is read-only: start it with --token or DYAD_TOKEN",
        );
    };
    let Some(auth) = headers.get(header::AUTHORIZATION) else {
        return error(
            StatusCode::UNAUTHORIZED,
            "missing Authorization: Bearer TOKEN",
        );
    };
    let given = auth.to_str().ok().and_then(|s| s.strip_prefix("Bearer "));
    if !given.is_some_and(|g| constant_time_eq(g.trim().as_bytes(), token.as_bytes())) {
        return error(StatusCode::FORBIDDEN, "wrong token");
    }
    let Some(db) = st.db.clone() else {
        return error(
            StatusCode::NOT_FOUND,
            "no event store: start the server with --db FILE",
        );
    };
    let bytes = match read_body(&st, &headers, body).await {
        Ok(b) => b,
        Err(r) => return r.into_response(),
    };
    let docs_in: Vec<DocIn> = if is_json(&headers) {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Batch {
            Many { documents: Vec<DocIn> },
            List(Vec<DocIn>),
            One(DocIn),
        }
        match serde_json::from_slice::<Value>(&bytes)
            .map_err(|e| format!("invalid JSON: {e}"))
            .and_then(|v| {
                serde_json::from_value::<Batch>(v).map_err(|_| {
                    "expected a document {text, ...}, an array of them, or {\"documents\": [...]}"
                        .to_string()
                })
            }) {
            Ok(Batch::Many { documents }) | Ok(Batch::List(documents)) => documents,
            Ok(Batch::One(d)) => vec![d],
            Err(e) => return bad(e).into_response(),
        }
    } else {
        match text_doc(bytes) {
            Ok(d) => vec![d],
            Err(r) => return r.into_response(),
        }
    };
    let mut docs = Vec::with_capacity(docs_in.len());
    for d in docs_in {
        match d.into_document("") {
            Ok((mut doc, _)) => {
                assign_document_id(&mut doc);
                docs.push(doc);
            }
            Err(r) => return r.into_response(),
        }
    }
    let st2 = st.clone();
    let res = tokio::task::spawn_blocking(move || -> Result<Value, StoreError> {
        let _guard = st2.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut store = Store::open(&db, OpenMode::Create)?;
        if store.is_stale()? {
            store.rebuild_clusters()?;
        }
        let run = store.begin_run(RunKind::Ingest, &st2.kb.version(), &["api".to_string()])?;
        let mut seen = 0u64;
        let mut coded = Vec::new();
        for doc in docs {
            if store.contains_document(&doc.id)? {
                seen += 1;
                continue;
            }
            let events = dyad_core::code(&doc, &st2.kb);
            coded.push(CodedDoc { doc, events });
        }
        let o = store.write_batch(&run, &coded)?;
        store.add_run_totals(&run, seen, 0)?;
        store.finish_run(&run)?;
        Ok(json!({
            "documents_new": o.docs_new,
            "documents_skipped": o.docs_skipped + seen,
            "events_new": o.events_new,
            "clusters_new": o.clusters_new,
        }))
    })
    .await;
    match res {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(e)) => store_error(e).into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("worker failed: {e}"),
        ),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `GET /api/openapi.json`.
pub async fn openapi_json() -> Response {
    Json(crate::openapi()).into_response()
}

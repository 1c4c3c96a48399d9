//! `dyad serve`: the HTTP API and the dashboard page.
//!
//! [`router`] builds the axum application over an [`AppState`]; [`serve`]
//! runs it on a bound listener. Every error is a JSON object
//! `{"error": "..."}` with a status code: 400 for bad input, 401/403 for a
//! missing or wrong token, 404, 408 on timeout, 413 for an oversize body,
//! 429 when too many requests are waiting; 500 only for failures of the
//! server itself.

mod api;
mod dashboard;
mod openapi;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_core::KnowledgeBase;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

pub use openapi::openapi;

/// Every API route as `(method, path)`: the router and the OpenAPI
/// document are both built from this list.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("post", "/api/code"),
    ("get", "/api/events"),
    ("get", "/api/trend"),
    ("get", "/api/escalation"),
    ("get", "/api/actors"),
    ("get", "/api/stats"),
    ("post", "/api/ingest"),
    ("get", "/api/openapi.json"),
];

/// Limits of a running server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body accepted, in bytes (413 above).
    pub max_body_bytes: usize,
    /// Longest a request may take, waiting for a slot included (408 after).
    pub timeout: Duration,
    /// Requests handled at once; others wait for a slot until the timeout.
    pub concurrency: usize,
    /// Requests allowed to wait for a slot; beyond that a request is refused
    /// at once with 429, so a flood cannot pile up memory.
    pub max_waiting: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: 64,
            max_waiting: 1024,
        }
    }
}

/// What the handlers share.
pub struct AppState {
    /// The knowledge base used for coding and actor lookups.
    pub kb: KnowledgeBase,
    /// The event store file, when one is served.
    pub db: Option<PathBuf>,
    /// The bearer token of write endpoints; `None` makes the server read-only.
    pub token: Option<String>,
    /// Request limits.
    pub limits: Limits,
    /// Serializes writes to the store.
    pub(crate) write_lock: Mutex<()>,
    slots: Arc<Semaphore>,
    /// Requests admitted (running or waiting for a slot).
    admitted: AtomicUsize,
}

impl AppState {
    /// A state over a knowledge base, an optional store and an optional token.
    pub fn new(
        kb: KnowledgeBase,
        db: Option<PathBuf>,
        token: Option<String>,
        limits: Limits,
    ) -> AppState {
        let slots = Arc::new(Semaphore::new(limits.concurrency.max(1)));
        AppState {
            kb,
            db,
            token: token.filter(|t| !t.is_empty()),
            limits,
            write_lock: Mutex::new(()),
            slots,
            admitted: AtomicUsize::new(0),
        }
    }
}

/// A JSON error response.
pub(crate) fn error(status: StatusCode, msg: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "error": msg.into() }))).into_response()
}

/// The application: API routes, the dashboard (`/` and `/assets/…`), JSON
/// 404s, limits.
pub fn router(state: Arc<AppState>) -> Router {
    let mut r = dashboard::routes();
    for (method, path) in ROUTES {
        let handler = match (*method, *path) {
            ("get", "/api/health") => get(api::health),
            ("post", "/api/code") => post(api::code),
            ("get", "/api/events") => get(api::events),
            ("get", "/api/trend") => get(api::trend),
            ("get", "/api/escalation") => get(api::escalation),
            ("get", "/api/actors") => get(api::actors),
            ("get", "/api/stats") => get(api::stats),
            ("post", "/api/ingest") => post(api::ingest),
            ("get", "/api/openapi.json") => get(api::openapi_json),
            _ => continue,
        };
        r = r.route(path, handler);
    }
    r.fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), limit))
        .with_state(state)
}

/// Runs the application on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such path")
}

async fn method_not_allowed() -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this path",
    )
}

/// Bounded concurrency, a bounded wait queue (429 beyond it) and a
/// per-request timeout, with JSON errors.
async fn limit(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let admitted = Admitted::enter(&st.admitted);
    if admitted.0 > st.limits.concurrency + st.limits.max_waiting {
        let mut r = error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests waiting; retry shortly",
        );
        r.headers_mut()
            .insert("retry-after", axum::http::HeaderValue::from_static("1"));
        return r;
    }
    let timeout = st.limits.timeout;
    let work = async {
        let Ok(_permit) = st.slots.clone().acquire_owned().await else {
            return error(StatusCode::SERVICE_UNAVAILABLE, "server shutting down");
        };
        next.run(req).await
    };
    match tokio::time::timeout(timeout, work).await {
        Ok(r) => r,
        Err(_) => error(StatusCode::REQUEST_TIMEOUT, "request timed out"),
    }
}

/// Counts a request as admitted while it lives.
struct Admitted<'a>(usize, &'a AtomicUsize);

impl<'a> Admitted<'a> {
    fn enter(n: &'a AtomicUsize) -> Self {
        Admitted(n.fetch_add(1, Ordering::SeqCst) + 1, n)
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.1.fetch_sub(1, Ordering::SeqCst);
    }
}

//! `dyad serve`: the HTTP API and the dashboard page.
//!
//! [`router`] builds the axum application over an [`AppState`]; [`serve`]
//! runs it on a bound listener. Every error is a JSON object
//! `{"error": "..."}` with a status code: 400 for bad input, 401/403 for a
//! missing or wrong token, 404, 408 on timeout, 413 for an oversize body,
//! 503 when saturated; 500 only for failures of the server itself.

mod api;
mod openapi;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_core::KnowledgeBase;
use std::path::PathBuf;
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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: 64,
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
        }
    }
}

/// A JSON error response.
pub(crate) fn error(status: StatusCode, msg: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "error": msg.into() }))).into_response()
}

/// The application: API routes, the dashboard page, JSON 404s, limits.
pub fn router(state: Arc<AppState>) -> Router {
    let mut r = Router::new().route("/", get(index));
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

const INDEX_HTML: &str = include_str!("index.html");

async fn index() -> Html<&'static str> {
    Html(INDEX_HTML)
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

/// Bounded concurrency and a per-request timeout, with JSON errors.
async fn limit(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
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

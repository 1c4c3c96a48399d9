//! Integration tests: a server on a loopback port, raw HTTP/1.1 requests.

use dyad_core::KnowledgeBase;
use dyad_server::{AppState, Limits, ROUTES};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

const TOKEN: &str = "s3cret";

struct Server {
    addr: SocketAddr,
    _dir: Option<tempfile::TempDir>,
}

/// Starts a server on its own runtime thread; returns its address.
fn start(db: Option<PathBuf>, token: Option<&str>) -> SocketAddr {
    start_with(db, token, Limits::default())
}

fn start_with(db: Option<PathBuf>, token: Option<&str>, limits: Limits) -> SocketAddr {
    let state = Arc::new(AppState::new(
        KnowledgeBase::embedded(),
        db,
        token.map(String::from),
        limits,
    ));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(l.local_addr().expect("addr")).expect("send");
            dyad_server::serve(l, state).await.expect("serve");
        });
    });
    rx.recv().expect("server address")
}

/// One server with a store and a token, the seed article ingested.
fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("events.db");
        let addr = start(Some(db), Some(TOKEN));
        let body =
            serde_json::json!({"id": "seed", "text": seed(), "date": "2020-10-20"}).to_string();
        let (status, v) = json(
            addr,
            "POST",
            "/api/ingest",
            &[
                ("Authorization", &format!("Bearer {TOKEN}")),
                ("Content-Type", "application/json"),
            ],
            body.as_bytes(),
        );
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["documents_new"], 1);
        Server {
            addr,
            _dir: Some(dir),
        }
    })
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-article.txt"
    ))
    .expect("seed article")
}

/// Sends one request; returns the status and the body.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let (status, _, body) = request_full(addr, method, path, headers, body);
    (status, body)
}

/// Sends one request; returns the status, the lower-cased head and the body.
fn request_full(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).expect("write");
    // The server may answer (413) before reading a large body.
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status: u16 = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let pos = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end")
        + 4;
    let head = text[..pos].to_ascii_lowercase();
    let mut body = out[pos..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(p) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(std::str::from_utf8(&b[..p]).unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[p + 2..p + 2 + n]);
        b = &b[p + 2 + n + 2..];
    }
    out
}

fn json(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Value) {
    let (status, b) = request(addr, method, path, headers, body);
    let v = serde_json::from_slice(&b).unwrap_or_else(|e| {
        panic!(
            "{method} {path}: not JSON ({e}): {}",
            String::from_utf8_lossy(&b)
        )
    });
    (status, v)
}

fn get(path: &str) -> (u16, Value) {
    json(server().addr, "GET", path, &[], b"")
}

fn has_event(events: &Value, source: &str, target: &str, cameo: &str) -> bool {
    events.as_array().expect("events array").iter().any(|e| {
        e["source"]["code"] == source && e["target"]["code"] == target && e["cameo"] == cameo
    })
}

#[test]
fn health_and_index() {
    let (s, v) = get("/api/health");
    assert_eq!(s, 200);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["read_only"], false);
    let (s, body) = request(server().addr, "GET", "/", &[], b"");
    assert_eq!(s, 200);
    let html = String::from_utf8_lossy(&body);
    assert!(html.contains("<textarea") && html.contains("/assets/dashboard.js"));
}

#[test]
fn code_seed_article_json_and_text() {
    let addr = server().addr;
    let body = serde_json::json!({"text": seed(), "date": "2020-10-20"}).to_string();
    let (s, v) = json(
        addr,
        "POST",
        "/api/code",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_eq!(s, 200, "{v}");
    assert!(has_event(&v["events"], "USAGOV", "AZEGOV", "036"), "{v}");
    // Confidences read as in the CLI (f32 printed shortest), not widened.
    for e in v["events"].as_array().expect("events") {
        assert!(
            e["confidence"].to_string().len() <= 6,
            "{}",
            e["confidence"]
        );
    }
    let e = &v["events"][0];
    let span = e["evidence"]["trigger_span"].as_array().expect("span");
    let text = seed();
    let (a, b) = (
        span[0].as_u64().expect("a") as usize,
        span[1].as_u64().expect("b") as usize,
    );
    assert_eq!(
        &text[a..b],
        e["evidence"]["trigger"].as_str().expect("trigger")
    );

    let (s, v) = json(
        addr,
        "POST",
        "/api/code?date=2020-10-20&explain=true",
        &[("Content-Type", "text/plain")],
        seed().as_bytes(),
    );
    assert_eq!(s, 200);
    assert!(has_event(&v["events"], "USAGOV", "AZEGOV", "036"));
    assert!(v["explain"].as_array().is_some_and(|t| !t.is_empty()));
}

#[test]
fn code_bad_input() {
    let addr = server().addr;
    let ct = [("Content-Type", "application/json")];
    let (s, v) = json(addr, "POST", "/api/code", &ct, b"{not json");
    assert_eq!(s, 400);
    assert!(v["error"].as_str().is_some_and(|e| e.contains("JSON")));
    assert_eq!(
        json(addr, "POST", "/api/code", &ct, br#"{"title": "no text"}"#).0,
        400
    );
    assert_eq!(
        json(
            addr,
            "POST",
            "/api/code",
            &ct,
            br#"{"text": "x", "date": "yesterday"}"#
        )
        .0,
        400
    );
    assert_eq!(
        json(addr, "POST", "/api/code", &[], &[0xff, 0xfe, 0x00]).0,
        400
    );
    let big = vec![b'a'; 1024 * 1024 + 1];
    let (s, v) = json(
        addr,
        "POST",
        "/api/code",
        &[("Content-Type", "text/plain")],
        &big,
    );
    assert_eq!(s, 413, "{v}");
    assert_eq!(json(addr, "GET", "/api/code", &[], b"").0, 405);
}

#[test]
fn events_filters_and_limits() {
    let (s, v) = get("/api/events?source=USA&target=AZE&from=2020-10-01&to=2020-10-31");
    assert_eq!(s, 200, "{v}");
    assert!(has_event(&v["events"], "USAGOV", "AZEGOV", "036"), "{v}");
    let (_, all) = get("/api/events?dedup=none&limit=5000");
    assert_eq!(all["limit"], 1000);
    let n = all["events"].as_array().expect("events").len();
    assert!(n >= 3);
    let (_, page) = get("/api/events?dedup=none&limit=2&offset=1");
    assert_eq!(page["events"].as_array().expect("page").len(), 2);
    assert_eq!(page["events"][0]["id"], all["events"][1]["id"]);
    // Cursor pages of 2 give every event once, in the same order.
    let mut ids = Vec::new();
    let mut url = "/api/events?dedup=none&limit=2".to_string();
    loop {
        let (s, p) = get(&url);
        assert_eq!(s, 200, "{p}");
        let evs = p["events"].as_array().expect("events");
        assert!(evs.len() <= 2);
        ids.extend(evs.iter().map(|e| e["id"].clone()));
        match p["next_cursor"].as_str() {
            Some(c) => url = format!("/api/events?dedup=none&limit=2&cursor={c}"),
            None => break,
        }
        assert!(ids.len() <= n, "cursor pages repeat events");
    }
    let all_ids: Vec<_> = all["events"]
        .as_array()
        .expect("all")
        .iter()
        .map(|e| e["id"].clone())
        .collect();
    assert_eq!(ids, all_ids);
    assert_eq!(get("/api/events?cursor=garbage").0, 400);
    assert_eq!(get("/api/events?cursor=2020-10-20.1&offset=3").0, 400);
    let (_, none) = get("/api/events?dyad=AZE,ARM&root=03");
    assert_eq!(none["events"].as_array().expect("events").len(), 0);
    for bad in [
        "/api/events?limit=ten",
        "/api/events?from=2020-13-01",
        "/api/events?dyad=AZE",
        "/api/events?source=A%20B",
        "/api/events?quad=x",
        "/api/events?dedup=weird",
    ] {
        let (s, v) = get(bad);
        assert_eq!(s, 400, "{bad}: {v}");
        assert!(v["error"].is_string());
    }
}

#[test]
fn trend_escalation_stats() {
    let (s, v) = get("/api/trend?dyad=AZE,ARM&by=week");
    assert_eq!(s, 200, "{v}");
    assert!(v["rows"].as_array().is_some_and(|r| !r.is_empty()), "{v}");
    assert_eq!(get("/api/trend?by=week").0, 400);
    assert_eq!(get("/api/trend?dyad=AZE,ARM&by=year").0, 400);
    let (s, v) = get("/api/escalation");
    assert_eq!(s, 200);
    assert!(v["alerts"].is_array());
    assert_eq!(get("/api/escalation?z=high").0, 400);
    let (s, v) = get("/api/stats");
    assert_eq!(s, 200);
    assert_eq!(v["counts"]["documents"], 1);
}

#[test]
fn actors_lookup() {
    let (s, v) = get("/api/actors?q=Mike%20Pompeo&date=2020-10-20");
    assert_eq!(s, 200, "{v}");
    assert!(
        v["matches"].as_array().is_some_and(|m| !m.is_empty()),
        "{v}"
    );
    assert!(v["coder"].to_string().contains("USA"), "{v}");
    assert_eq!(get("/api/actors").0, 400);
}

#[test]
fn ingest_auth() {
    let addr = server().addr;
    let ct = ("Content-Type", "application/json");
    let doc = br#"{"text": "Russia accused Ukraine of shelling.", "date": "2022-03-01"}"#;
    assert_eq!(json(addr, "POST", "/api/ingest", &[ct], doc).0, 401);
    assert_eq!(
        json(
            addr,
            "POST",
            "/api/ingest",
            &[ct, ("Authorization", "Bearer nope")],
            doc
        )
        .0,
        403
    );
    let auth = format!("Bearer {TOKEN}");
    let (s, v) = json(
        addr,
        "POST",
        "/api/ingest",
        &[ct, ("Authorization", &auth)],
        b"[{]",
    );
    assert_eq!(s, 400, "{v}");
    let (s, v) = json(
        addr,
        "POST",
        "/api/ingest",
        &[ct, ("Authorization", &auth)],
        br#"{"documents": [{"id": "seed", "text": "again"}]}"#,
    );
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["documents_new"], 0);
    assert_eq!(v["documents_skipped"], 1);
}

#[test]
fn read_only_and_no_store() {
    let addr = start(None, None);
    let (s, v) = json(
        addr,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer x")],
        b"text",
    );
    assert_eq!(s, 403, "{v}");
    assert!(v["error"].as_str().is_some_and(|e| e.contains("read-only")));
    for p in [
        "/api/events",
        "/api/trend?dyad=AZE,ARM",
        "/api/escalation",
        "/api/stats",
    ] {
        let (s, v) = json(addr, "GET", p, &[], b"");
        assert_eq!(s, 404, "{p}: {v}");
        assert!(v["error"].is_string());
    }
    let (s, v) = json(addr, "GET", "/api/health", &[], b"");
    assert_eq!(s, 200);
    assert_eq!(v["read_only"], true);
    // A --db that does not exist: 404 from the store endpoints.
    let addr = start(Some(PathBuf::from("/nonexistent/dyad.db")), None);
    assert_eq!(json(addr, "GET", "/api/stats", &[], b"").0, 404);
}

#[test]
fn unknown_path_is_json_404() {
    let (s, v) = get("/api/nope");
    assert_eq!(s, 404);
    assert!(v["error"].is_string());
}

#[test]
fn openapi_lists_every_route() {
    let (s, v) = get("/api/openapi.json");
    assert_eq!(s, 200);
    assert_eq!(v["openapi"], "3.1.0");
    let paths = v["paths"].as_object().expect("paths");
    let mut documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .expect("ops")
                .keys()
                .map(move |m| (m.clone(), p.clone()))
        })
        .collect();
    let mut routes: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    documented.sort();
    routes.sort();
    assert_eq!(documented, routes);
    // Every listed route is served by the router (not the 404 fallback).
    for (m, p) in ROUTES {
        let (status, _) = request(server().addr, &m.to_uppercase(), p, &[], b"");
        assert_ne!(status, 404, "{m} {p} is documented but not routed");
        assert_ne!(status, 405, "{m} {p}: wrong method routed");
    }
}

#[test]
fn saturation_429_and_timeout_408() {
    let addr = start_with(
        None,
        None,
        Limits {
            concurrency: 1,
            max_waiting: 0,
            timeout: std::time::Duration::from_secs(1),
            ..Limits::default()
        },
    );
    // A request whose body never comes holds the only slot.
    let mut slow = TcpStream::connect(addr).expect("connect");
    slow.write_all(
        b"POST /api/code HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n",
    )
    .expect("write");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let (s, b) = request(addr, "GET", "/api/health", &[], b"");
    assert_eq!(s, 429, "{}", String::from_utf8_lossy(&b));
    // The slow request itself times out with a JSON 408.
    let mut out = Vec::new();
    let _ = slow.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("timed out"), "{text}");
    // With the slot free again, requests pass.
    assert_eq!(request(addr, "GET", "/api/health", &[], b"").0, 200);
}

/// The value of a response header in a lower-cased head.
fn header_value<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        l.split_once(':')
            .filter(|(k, _)| k.trim() == name)
            .map(|(_, v)| v.trim())
    })
}

/// The values of `attr="…"` attributes in an HTML page.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn dashboard_page_and_assets() {
    let addr = server().addr;
    let served = [
        ("/", "text/html"),
        ("/assets/dashboard.js", "text/javascript"),
        ("/assets/dashboard.css", "text/css"),
        ("/assets/favicon.svg", "image/svg+xml"),
        ("/assets/uPlot.iife.min.js", "text/javascript"),
        ("/assets/uPlot.min.css", "text/css"),
    ];
    for (path, ct) in served {
        let (s, head, body) = request_full(addr, "GET", path, &[], b"");
        assert_eq!(s, 200, "{path}");
        let got = header_value(&head, "content-type").unwrap_or_default();
        assert!(got.starts_with(ct), "{path}: content-type {got}");
        assert!(header_value(&head, "cache-control").is_some(), "{path}");
        assert_eq!(
            header_value(&head, "x-content-type-options"),
            Some("nosniff")
        );
        assert!(!body.is_empty(), "{path}");
        // Revalidation: the same ETag gives 304.
        let etag = header_value(&head, "etag").expect("etag").to_string();
        let (s, _, body) = request_full(addr, "GET", path, &[("If-None-Match", &etag)], b"");
        assert_eq!((s, body.len()), (304, 0), "{path}");
    }
    let (_, head, page) = request_full(addr, "GET", "/", &[], b"");
    let csp = header_value(&head, "content-security-policy").expect("CSP on the page");
    assert!(csp.contains("script-src 'self'"), "{csp}");

    // Every file the page references is served; nothing comes from elsewhere.
    let html = String::from_utf8(page).expect("UTF-8 page");
    let refs: Vec<&str> = ["src", "href"]
        .iter()
        .flat_map(|a| attr_values(&html, a))
        .filter(|r| !r.starts_with('#'))
        .collect();
    for want in [
        "/assets/dashboard.js",
        "/assets/uPlot.iife.min.js",
        "/assets/uPlot.min.css",
    ] {
        assert!(
            refs.contains(&want),
            "the page does not load {want}: {refs:?}"
        );
    }
    for r in &refs {
        assert!(
            r.starts_with('/') && !r.starts_with("//"),
            "not served here: {r}"
        );
        let (s, _) = request(addr, "GET", r, &[], b"");
        assert_eq!(s, 200, "the page references {r}, which is not served");
    }

    // The script calls only API routes that exist.
    let (_, js) = request(addr, "GET", "/assets/dashboard.js", &[], b"");
    let js = String::from_utf8(js).expect("UTF-8 script");
    let called: Vec<&str> = js
        .match_indices("\"/api/")
        .map(|(i, _)| {
            let rest = &js[i + 1..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '.'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect();
    assert!(called.contains(&"/api/code"), "{called:?}");
    for c in called {
        assert!(
            ROUTES.iter().any(|(_, p)| *p == c),
            "dashboard.js calls {c}, not a route"
        );
    }

    // Unknown assets are JSON 404s, like any unknown path.
    let (s, v) = json(addr, "GET", "/assets/nope.js", &[], b"");
    assert_eq!(s, 404);
    assert!(v["error"].is_string());
}

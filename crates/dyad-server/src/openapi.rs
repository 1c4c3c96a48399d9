//! The hand-written OpenAPI 3.1 document.

use crate::ROUTES;
use serde_json::{json, Map, Value};

fn describe(method: &str, path: &str) -> (&'static str, Vec<Value>) {
    let q = |name: &str, desc: &str| json!({"name": name, "in": "query", "required": false, "description": desc, "schema": {"type": "string"}});
    match (method, path) {
        ("get", "/api/health") => ("Server status, versions, whether it is read-only", vec![]),
        ("post", "/api/code") => (
            "Code a document: text/plain, or JSON {text, date?, title?, url?, explain?}; returns {events}",
            vec![q("date", "publication date YYYY-MM-DD (text/plain bodies)"), q("explain", "true for a per-sentence trace"), q("min_confidence", "drop events under this confidence")],
        ),
        ("get", "/api/events") => (
            "Stored events in date order (limit at most 1000); pages by `cursor` (the previous page's next_cursor) or `offset`",
            ["source", "target", "dyad", "cameo", "root", "quad", "from", "to", "country_in", "dedup"]
                .iter().map(|n| q(n, "filter as in `dyad query`"))
                .chain([q("limit", "events per page, default 100, at most 1000"), q("offset", "events to skip (at most 1000000)"), q("cursor", "next_cursor of the previous page")])
                .collect(),
        ),
        ("get", "/api/trend") => (
            "A dyad's series by period",
            vec![q("dyad", "A,B (required)"), q("by", "day|week|month"), q("from", "YYYY-MM-DD"), q("to", "YYYY-MM-DD"), q("count", "clusters|events")],
        ),
        ("get", "/api/escalation") => (
            "Escalation alerts",
            ["window", "baseline", "z", "min_count", "min_sd", "as_of", "evidence", "count"]
                .iter().map(|n| q(n, "as in `dyad escalation`")).collect(),
        ),
        ("get", "/api/actors") => ("Knowledge-base lookup", vec![q("q", "words (required)"), q("date", "YYYY-MM-DD")]),
        ("get", "/api/stats") => ("Store counts", vec![]),
        ("post", "/api/ingest") => ("Code documents into the store (bearer token)", vec![]),
        ("get", "/api/openapi.json") => ("This document", vec![]),
        _ => ("", vec![]),
    }
}

/// The OpenAPI 3.1 document of the server: one operation per entry of
/// [`ROUTES`].
pub fn openapi() -> Value {
    let err = json!({"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let mut paths = Map::new();
    for (method, path) in ROUTES {
        let (summary, parameters) = describe(method, path);
        let mut responses = Map::new();
        responses.insert(
            "200".into(),
            json!({"description": "success", "content": {"application/json": {}}}),
        );
        for code in ["400", "404", "408", "413"] {
            responses.insert(code.into(), err.clone());
        }
        let mut op = json!({"summary": summary, "parameters": parameters, "responses": responses});
        if *method == "post" {
            op["requestBody"] = json!({"content": {"text/plain": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}}});
        }
        if *path == "/api/ingest" {
            op["security"] = json!([{"bearer": []}]);
            op["responses"]["401"] = err.clone();
            op["responses"]["403"] = err.clone();
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "dyad", "version": env!("CARGO_PKG_VERSION")},
        "paths": paths,
        "components": {
            "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
        }
    })
}

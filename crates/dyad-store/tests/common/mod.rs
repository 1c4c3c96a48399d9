//! Hand-built documents and events for the store tests.

#![allow(dead_code)]

use dyad_core::{
    Actor, DatePrecision, Document, Event, Evidence, Location, Modality, Plover, Polarity,
};
use dyad_store::{CodedDoc, OpenMode, RunInfo, RunKind, Store};
use std::path::PathBuf;

/// A fresh store in a temporary directory (kept alive by the returned guard).
pub fn store() -> (Store, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.db");
    let store = Store::open(&path, OpenMode::Create).unwrap();
    (store, dir, path)
}

pub fn run(store: &mut Store) -> RunInfo {
    store.begin_run(RunKind::Ingest, "test-kb", &[]).unwrap()
}

fn actor(code: &str) -> Actor {
    let country = (code.len() >= 3 && !code.starts_with("IGO")).then(|| code[..3].to_string());
    let sector = code.get(3..6).map(str::to_string);
    Actor {
        code: code.into(),
        country,
        sector,
        text: format!("the {code}"),
        name: None,
        span: [0, 3],
    }
}

/// A place with a GeoNames id.
pub fn place(name: &str, country: &str, geonames: u64) -> Location {
    Location {
        name: name.into(),
        country: Some(country.into()),
        admin1: Some(format!("{name} District")),
        lat: Some(39.6),
        lon: Some(47.1),
        geonames_id: Some(geonames),
        text: name.into(),
        span: [10, 10 + name.len()],
    }
}

/// An event of document `doc`, sentence `sentence`.
pub fn event(
    doc: &str,
    sentence: usize,
    source: &str,
    target: Option<&str>,
    cameo: &str,
    date: &str,
    location: Option<Location>,
) -> Event {
    let root = cameo[..2].to_string();
    let quad = dyad_core::kb::quad_class(cameo).unwrap_or(0);
    Event {
        id: format!(
            "{:016x}",
            fxhash(&format!("{doc}/{sentence}/{source}/{target:?}/{cameo}"))
        ),
        doc_id: doc.into(),
        sentence,
        date: Some(date.parse().unwrap()),
        date_precision: Some(DatePrecision::Day),
        source: actor(source),
        target: target.map(actor),
        cameo: cameo.into(),
        cameo_root: root,
        cameo_name: format!("name of {cameo}"),
        quad_class: quad,
        goldstein: if quad >= 3 { -10.0 } else { 3.4 },
        plover: (quad != 1).then(|| Plover {
            event: if quad == 4 {
                "ASSAULT".into()
            } else {
                "AID".into()
            },
            mode: Some("heavy-weapons".into()),
            context: Some("military".into()),
        }),
        location,
        polarity: Polarity::Affirmed,
        modality: Modality::Asserted,
        attributed_to: None,
        evidence: Evidence {
            sentence_text: format!("Sentence {sentence}\tof {doc}."),
            sentence_span: [0, 20],
            trigger: "attacked".into(),
            trigger_span: [5, 13],
            pattern: "attack +".into(),
        },
        confidence: 0.8,
    }
}

/// A stable, dependency-free hash for test ids.
fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// A document from a publisher with its events.
pub fn doc(id: &str, publisher: &str, events: Vec<Event>) -> CodedDoc {
    CodedDoc {
        doc: Document {
            id: id.into(),
            text: format!("text of {id}"),
            published: events.first().and_then(|e| e.date),
            title: Some(format!("title {id}")),
            url: Some(format!("https://{publisher}.example/{id}")),
            source: Some(publisher.into()),
        },
        events,
    }
}

//! Loading the full Phoenix dictionary set (TABARI/PETRARCH-1 formats), when
//! the shared legacy data are present (`../shared/legacy/phoenix`, or
//! `$DYAD_SHARED/legacy/phoenix`); skipped otherwise.

use dyad_core::kb::legacy::{load_dir, LegacyKind};
use dyad_core::{code, Document, KnowledgeBase};
use std::path::PathBuf;

fn phoenix_dir() -> Option<PathBuf> {
    let shared = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("legacy/phoenix");
    dir.join("Phoenix.Countries.actors.txt")
        .is_file()
        .then_some(dir)
}

#[test]
fn phoenix_set_loads_with_counts_and_codes() {
    let Some(dir) = phoenix_dir() else {
        eprintln!("skipped: no shared legacy data (phoenix)");
        return;
    };
    let mut kb = KnowledgeBase::empty();
    let report = load_dir(&mut kb, &dir).expect("the Phoenix set loads");
    eprintln!("{report}");
    let kinds: Vec<LegacyKind> = report.files.iter().map(|f| f.1).collect();
    for k in [
        LegacyKind::Actors,
        LegacyKind::Agents,
        LegacyKind::Verbs,
        LegacyKind::Discards,
    ] {
        assert!(kinds.contains(&k), "{k} not loaded");
    }
    assert!(report
        .skipped_files
        .iter()
        .any(|(f, _)| f.ends_with("CAMEO.2.0.txt")));
    assert!(
        report.actors > 20_000 && report.dated_codes > 20_000,
        "{report}"
    );
    assert!(report.agents > 2_000, "{report}");
    assert!(report.patterns_converted > 10_900, "{report}");
    assert!(report.patterns_skipped_total() < 20, "{report}");
    assert!(report.story_discards > 0 && report.sentence_discards > 0);
    // Malformed lines are reported with file and line, never fatal.
    assert!(report.warnings.iter().all(|w| w.line > 0));

    let doc = Document {
        id: "p".into(),
        text: "Afghan troops attacked Taliban fighters near Kandahar.".into(),
        published: Some(jiff::civil::date(2012, 5, 1)),
        ..Default::default()
    };
    let events = code(&doc, &kb);
    assert!(
        events.iter().any(|e| e.source.code.starts_with("AFG")),
        "{events:?}"
    );
}

//! The PETRARCH unit-test suite with its Middle-earth dictionaries, when the
//! shared legacy data are present (`../shared/legacy/petrarch-validate`, or
//! `$DYAD_SHARED/legacy/petrarch-validate`); skipped otherwise.

use dyad_eval::petrarch::{run_suite_file, Expectation};
use std::path::PathBuf;

fn suite_dir() -> Option<PathBuf> {
    let shared = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("legacy/petrarch-validate");
    dir.join("PETR.UnitTest.records.xml")
        .is_file()
        .then_some(dir)
}

#[test]
fn middle_earth_suite_runs_and_keeps_its_floor() {
    let Some(dir) = suite_dir() else {
        eprintln!("skipped: no shared legacy data (PETR.UnitTest.records.xml)");
        return;
    };
    let report = run_suite_file(&dir.join("PETR.UnitTest.records.xml"), None)
        .expect("the suite reads and its dictionaries load");
    assert_eq!(report.results.len(), 284);
    assert_eq!(report.load.files.len(), 4);
    assert!(report.load.patterns_converted > 400, "{}", report.load);
    let tally = report.tally();
    eprintln!(
        "PETRARCH unit tests: {}/{} ({:.1}%)",
        tally.passed,
        tally.total,
        100.0 * report.pass_rate()
    );
    // Measured 199/281 (70.8%) with infinitives coded and places kept as
    // actors under legacy dictionaries; the floor sits a little below.
    assert!(tally.passed >= 190, "{report}");
    // Discard lists, synsets and dated actors are legacy mechanisms of this
    // layer: their records must keep passing.
    let passed = |id: &str| report.results.iter().any(|r| r.id == id && r.passed);
    for id in ["DISCARD-01", "DISCARD-02", "DISCARD-03", "DISCARD-04"] {
        assert!(passed(id), "{id}: {report}");
    }
    let cats = report.by_category();
    assert!(cats["SYNSET"].passed >= 40, "{report}");
    assert!(cats["VERB"].passed >= 18, "{report}");
    let _ = Expectation::NoEvents;
}

//! End-to-end tests of `dyad eval` on small gold files written here.

use assert_cmd::Command;
use predicates::prelude::*;

fn dyad() -> Command {
    Command::cargo_bin("dyad").expect("binary built")
}

const GOLD: &str = concat!(
    r#"{"id":"a","text":"Russia attacked Ukraine.","date":"2022-02-24","events":[{"source":"RUS","target":"UKR","cameo":"190"}]}"#,
    "\n",
    r#"{"id":"b","text":"Kenya praised Uganda.","events":[{"source":"KEN","target":"UGA","cameo":"051"}]}"#,
    "\n",
    r#"{"id":"c","text":"Rain fell on Tuesday.","events":[]}"#,
    "\n",
    r#"{"id":"d","text":"Chad and Niger signed a border agreement.","events":[{"source":"CHD","target":"NER","cameo":"057"}]}"#,
    "\n",
);

#[test]
fn scores_a_native_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(&gold, GOLD).unwrap();
    let out = dyad()
        .args(["eval", "--json", "--errors", "5", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["set"], "native");
    assert_eq!(json["format"], "native");
    let m = &json["metrics"];
    assert_eq!(m["counts"]["sentences"], 4);
    assert_eq!(m["counts"]["gold_events"], 3);
    assert_eq!(m["counts"]["no_event_sentences"], 1);
    // The first two are the textbook sentences of the coder's own tests.
    assert!(m["root"]["tp"].as_u64().unwrap() >= 2, "{m}");
    assert_eq!(m["no_event"]["fp_rate"], 0.0);
    for key in ["precision", "recall", "f1", "extra", "missed"] {
        assert!(!m["root"][key].is_null(), "root.{key}");
        assert!(!m["full"][key].is_null(), "full.{key}");
    }
    // Sentence d: gold CHD is not the ISO code (TCD), so it is a mistake.
    let errors = json["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["id"] == "d"), "{errors:?}");

    // Text output names the sections.
    dyad()
        .args(["eval", "--gold"])
        .arg(&gold)
        .assert()
        .success()
        .stdout(predicate::str::contains("extra events (false positives)"))
        .stdout(predicate::str::contains(
            "false-positive rate on no-event sentences",
        ));
}

#[test]
fn floors_fail_the_run_and_say_which_metric() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(&gold, GOLD).unwrap();
    let floors = dir.path().join("floors.json");
    std::fs::write(
        &floors,
        r#"{"native": {"counts.sentences": 4, "root.f1": 1.01, "no_event.fp_rate": {"max": 0.5}}}"#,
    )
    .unwrap();
    dyad()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--floors")
        .arg(&floors)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("floor violated: native: root.f1"))
        .stderr(predicate::str::contains("counts.sentences").not());

    std::fs::write(&floors, r#"{"native": {"counts.sentences": 4}}"#).unwrap();
    dyad()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--floors")
        .arg(&floors)
        .assert()
        .success();

    std::fs::write(&floors, r#"{"plover_gsr": {"plover.f1": 0.1}}"#).unwrap();
    dyad()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--floors")
        .arg(&floors)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no floors for this set"));
}

#[test]
fn bad_gold_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"text\":\"Kenya praised Uganda.\",\"events\":[]}\n{\"text\":\"x\",\"events\":[{\"source\":\"A\"}]}\n",
    )
    .unwrap();
    dyad()
        .args(["eval", "--gold"])
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gold.jsonl:2:"))
        .stderr(predicate::str::contains("missing field `cameo`"));
    dyad()
        .args(["eval", "--format", "nope", "--gold"])
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown gold format"));
    dyad()
        .args(["eval", "--gold"])
        .arg(dir.path().join("missing.jsonl"))
        .assert()
        .code(2);
}

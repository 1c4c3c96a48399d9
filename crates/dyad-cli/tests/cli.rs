//! End-to-end tests of the `dyad` binary: inputs, outputs, and bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn dyad() -> Command {
    Command::cargo_bin("dyad").expect("binary built")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed-article.txt")
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn codes_the_bundled_example_as_jsonl() {
    let out = dyad()
        .args(["code", "--date", "2020-10-20"])
        .arg(seed())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = json_lines(&out.stdout);
    assert!(events.len() >= 7, "{} events", events.len());
    for e in &events {
        for field in [
            "id",
            "doc_id",
            "sentence",
            "date",
            "cameo",
            "cameo_root",
            "quad_class",
            "goldstein",
        ] {
            assert!(!e[field].is_null(), "missing {field}: {e}");
        }
        assert!(e["source"]["code"].is_string());
        assert!(e["source"]["text"].is_string());
        assert!(e["evidence"]["sentence_text"].is_string());
        assert!(e["evidence"]["trigger"].is_string());
        // Days are the publication day (the meetings on Friday are
        // announced); "this month" keeps month precision.
        match e["date_precision"].as_str() {
            Some("day") => assert_eq!(e["date"], "2020-10-20"),
            Some("month") => assert_eq!(e["date"], "2020-10-01"),
            other => panic!("unexpected date precision {other:?}: {e}"),
        }
        assert!(e["doc_id"].as_str().unwrap().ends_with("seed-article.txt"));
        let root = e["cameo_root"].as_str().unwrap();
        assert!(e["cameo"].as_str().unwrap().starts_with(root));
    }
    // Diagnostics go to stderr, not stdout.
    assert!(String::from_utf8_lossy(&out.stderr).contains("coded 1 document"));
}

#[test]
fn csv_and_tsv_have_flattened_headers() {
    for (fmt, sep) in [("csv", ','), ("tsv", '\t')] {
        let out = dyad()
            .args(["code", "--date", "2020-10-20", "--format", fmt])
            .arg(seed())
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let header = text.lines().next().unwrap();
        let cols: Vec<&str> = header.split(sep).collect();
        for c in [
            "id",
            "doc_id",
            "source.code",
            "source.country",
            "target.code",
            "cameo",
            "cameo_root",
            "evidence.trigger",
        ] {
            assert!(cols.contains(&c), "{fmt} header lacks {c}: {header}");
        }
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(sep as u8)
            .from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
        assert!(rows.len() >= 7);
        assert!(rows.iter().all(|r| r.len() == cols.len()));
    }
}

#[test]
fn explain_shows_the_pipeline() {
    let out = dyad()
        .args(["code", "--explain", "--date", "2020-10-20"])
        .arg(seed())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "tokens:",
        "chunks:",
        "kb:",
        "actor:",
        "verb:",
        "EVENT:",
        "infinitive",
    ] {
        assert!(text.contains(part), "explain lacks {part}");
    }
}

#[test]
fn stdin_and_jsonl_with_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(
        f,
        r#"{{"id": "a", "text": "Russia attacked Ukraine on Monday.", "date": "2022-02-28"}}"#
    )
    .unwrap();
    writeln!(f, r#"{{"id": "b", "text": "broken"#).unwrap();
    writeln!(
        f,
        r#"{{"id": "c", "text": "France criticized Italy.", "date": null}}"#
    )
    .unwrap();
    drop(f);
    let out = dyad()
        .args(["code", "--date", "2021-01-01"])
        .arg(&path)
        .output()
        .unwrap();
    // One bad line: reported with file and line, the others still coded, exit code 1.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("news.jsonl:2"), "{stderr}");
    let events = json_lines(&out.stdout);
    let ids: Vec<&str> = events
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"a") && ids.contains(&"c"), "{ids:?}");
    let a = events.iter().find(|e| e["doc_id"] == "a").unwrap();
    assert_eq!(a["date"], "2022-02-28");
    let c = events.iter().find(|e| e["doc_id"] == "c").unwrap();
    assert_eq!(c["date"], "2021-01-01", "--date fills a null date");

    let out = dyad()
        .args(["code", "-"])
        .write_stdin("Turkey condemned Greece.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let events = json_lines(&out.stdout);
    assert_eq!(events[0]["source"]["code"], "TUR");
    assert_eq!(events[0]["doc_id"], "<stdin>");
}

#[test]
fn bad_files_are_reported_and_the_rest_is_coded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(
        d.join("binary.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0, 0, 7],
    )
    .unwrap();
    // Windows-1252 bytes: not UTF-8, decoded by detection.
    std::fs::write(
        d.join("latin.txt"),
        b"Germany criticized Austria over the caf\xe9 dispute.",
    )
    .unwrap();
    std::fs::write(
        d.join("page.html"),
        "<html><head><title>x</title></head><body><p>Chile praised <b>Peru</b>",
    )
    .unwrap();
    std::fs::write(d.join("good.txt"), "India praised Nepal.").unwrap();
    let out = dyad().arg("code").arg(d).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("binary.bin"), "{stderr}");
    let events = json_lines(&out.stdout);
    let sources: Vec<&str> = events
        .iter()
        .map(|e| e["source"]["code"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"IND"), "{sources:?}");
    assert!(sources.contains(&"DEU"), "{sources:?}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn huge_single_line_file_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let line = "Russia attacked Ukraine and ".repeat(50 * 1024 * 1024 / 28 + 1);
    std::fs::write(&path, &line).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() >= 50 * 1024 * 1024);
    dyad().arg("code").arg(&path).assert().code(1).stderr(
        predicate::str::contains("huge.txt").and(predicate::str::contains("panicked").not()),
    );
}

#[test]
fn unknown_paths_and_bad_dates_are_clear_errors() {
    dyad()
        .args(["code", "/nonexistent/dyad-input.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/nonexistent/dyad-input.txt"));
    dyad()
        .args(["code", "--date", "20-10-2020", "x.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn kb_stats_counts_the_embedded_knowledge_base() {
    let out = dyad().args(["kb", "stats"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let count = |label: &str| -> usize {
        text.lines()
            .find(|l| l.starts_with(label))
            .and_then(|l| l.split_whitespace().last())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    // The knowledge-base issue's acceptance figures.
    assert_eq!(count("countries and territories"), 249, "{text}");
    assert!(count("  of which IGOs") >= 60, "{text}");
    assert!(count("sector agent phrases") >= 150, "{text}");
    assert!(count("dated person-roles") >= 1500, "{text}");
    assert_eq!(count("CAMEO roots with patterns"), 20, "{text}");
    assert!(
        count("verb patterns") + count("noun patterns") >= 1000,
        "{text}"
    );
}

#[test]
fn kb_lookup_resolves_people_by_date() {
    let run = |date: &str| {
        let out = dyad()
            .args(["kb", "lookup", "Mike Pompeo", "--date", date])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let in_office = run("2019-05-01");
    assert!(in_office.contains("data/people.tsv:"), "{in_office}");
    assert!(in_office.contains("USAGOV"), "{in_office}");
    assert!(
        in_office.contains("coder: Mike Pompeo → USAGOV"),
        "{in_office}"
    );
    let after = run("2021-06-01");
    assert!(after.contains("coder: Mike Pompeo → USA "), "{after}");
    // Words no entry knows: exit status 1 and a plain message.
    let out = dyad()
        .args(["kb", "lookup", "qwertyuiop"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no knowledge-base entry"));
}

#[test]
fn kb_check_passes_on_the_embedded_data_and_reports_bad_files() {
    let ok = dyad().args(["kb", "check"]).output().unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sectors.tsv"),
        "GOV\tGovernment\tGOV\nMIL\tMilitary\tMIL\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("countries.tsv"),
        "FRA\tFrance\tFrench\tParis\nGBR\tUnited Kingdom\tBritish\tLondon\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("people.tsv"),
        "# two overlapping roles in different countries, a bad date, an unknown sector\n\
         Jean Test\tFRAGOV\t2010-01-01\t2015-01-01\n\
         Jean Test\tGBRGOV\t2014-01-01\t2016-01-01\n\
         Ann Other\tFRAGOV\t2010-02-30\t\n\
         Bob Third\tFRAXYZ\t\t\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("agents.tsv"),
        "minister|ministers\tGOV\ntroops\tMIL\nminister\tMIL\n",
    )
    .unwrap();
    let out = dyad()
        .args(["kb", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let people = dir.path().join("people.tsv").display().to_string();
    let agents = dir.path().join("agents.tsv").display().to_string();
    for expected in [
        format!("{people}:3: roles of \"jean test\" overlap"),
        format!("{people}:4: bad date \"2010-02-30\""),
        format!("{people}:5: actor code \"FRAXYZ\": unknown sector \"XYZ\""),
        format!("{agents}:3: duplicate agent phrase \"minister\" (first on line 1)"),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(text.lines().count(), 4, "{text}");
}

#[test]
fn bench_reports_throughput_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..20 {
        writeln!(f, r#"{{"id": "{i}", "text": "Russia attacked Ukraine. Turkey condemned Greece. Markets were calm.", "date": "2022-03-01"}}"#).unwrap();
    }
    drop(f);
    let out = dyad()
        .args(["bench", "--json", "--threads", "2"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 20);
    assert_eq!(v["sentences"], 60);
    assert_eq!(v["events"], 40);
    assert_eq!(v["threads"], 2);
    assert!(v["sentences_per_second"].as_f64().unwrap() > 0.0);
    assert!(v["kb_load_ms"].as_f64().unwrap() > 0.0);
}

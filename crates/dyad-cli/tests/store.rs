//! End-to-end tests of the event store commands: ingest (idempotent and
//! crash-safe), recode, query, export, trend, escalation, stats.

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn dyad() -> Command {
    Command::cargo_bin("dyad").expect("binary built")
}

/// Generated wire stories: conflict and cooperation between five pairs of
/// countries over two months, deterministic.
fn write_corpus(path: &Path, n: usize) {
    const PAIRS: &[(&str, &str, &str, &str)] = &[
        ("Azerbaijan", "Armenia", "Azerbaijani", "Armenian"),
        ("Russia", "Ukraine", "Russian", "Ukrainian"),
        ("Israel", "Lebanon", "Israeli", "Lebanese"),
        ("India", "Pakistan", "Indian", "Pakistani"),
        ("Turkey", "Syria", "Turkish", "Syrian"),
    ];
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut seed: u64 = 42;
    let mut next = move |m: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % m
    };
    for i in 0..n {
        let (a, b, adj_a, adj_b) = PAIRS[next(PAIRS.len() as u64) as usize];
        let day = 1 + next(28);
        let month = 9 + next(2);
        let text = match next(4) {
            0 => format!("{adj_a} troops attacked {adj_b} forces near the border. France condemned {a}."),
            1 => format!("{adj_b} forces shelled {adj_a} positions, the defence ministry said. Iran urged calm."),
            2 => format!("{a} accused {b} of violating the ceasefire. {b} rejected the accusation."),
            _ => format!("{a} and {b} agreed to hold talks. Germany praised {b}."),
        };
        let line = serde_json::json!({
            "id": format!("gen-{i}"),
            "date": format!("2020-{month:02}-{day:02}"),
            "source": (["AP", "Reuters", "AFP"][i % 3]),
            "text": text,
        });
        writeln!(f, "{line}").unwrap();
    }
}

fn stats(db: &Path) -> serde_json::Value {
    let out = dyad()
        .args(["stats", "--check", "--json", "--db"])
        .arg(db)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("stats JSON: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(out.status.success(), "inconsistent store: {v}");
    v
}

fn counts(db: &Path) -> [i64; 4] {
    let v = stats(db);
    let c = &v["counts"];
    ["documents", "events", "clusters", "dyad_days"].map(|k| c[k].as_i64().unwrap())
}

fn ingest(corpus: &Path, db: &Path, extra: &[&str]) {
    let out = dyad()
        .arg("ingest")
        .arg(corpus)
        .arg("--db")
        .arg(db)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The clusters of a store as comparable lines (no timestamps).
fn cluster_lines(db: &Path) -> Vec<String> {
    let out = dyad()
        .args(["query", "--dedup", "clusters", "--format", "jsonl", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {} {} {} {}",
                v["id"], v["cluster_id"], v["num_mentions"], v["num_articles"], v["num_sources"]
            )
        })
        .collect()
}

#[test]
fn ingest_is_idempotent_and_the_store_commands_work() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news.jsonl");
    write_corpus(&corpus, 60);
    let db = dir.path().join("events.db");
    ingest(&corpus, &db, &["--quiet"]);
    let first = counts(&db);
    assert_eq!(first[0], 60);
    assert!(first[1] > 60, "events: {first:?}");
    assert!(first[2] < first[1], "reports of one clash merge: {first:?}");
    // Again: nothing new, and it says so.
    let out = dyad()
        .arg("ingest")
        .arg(&corpus)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0 new document(s), 60 skipped"), "{err}");
    assert_eq!(counts(&db), first);

    // Recode: nothing to do, then everything, with the same result.
    let out = dyad().args(["recode", "--db"]).arg(&db).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to recode"));
    dyad()
        .args(["recode", "--all", "--quiet", "--db"])
        .arg(&db)
        .assert()
        .success();
    assert_eq!(counts(&db), first);

    // Query: filters and formats.
    let out = dyad()
        .args([
            "query", "--dyad", "AZE,ARM", "--root", "19", "--format", "table", "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.lines().count() > 1, "{table}");
    assert!(
        table
            .lines()
            .skip(1)
            .all(|l| l.contains("AZE") && l.contains("ARM")),
        "{table}"
    );
    let out = dyad()
        .args(["query", "--source", "AZE*", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad code is a usage error");

    // Export and trend.
    let gdelt = dir.path().join("events.gdelt.tsv");
    dyad()
        .args(["export", "--format", "gdelt", "--db"])
        .arg(&db)
        .arg(&gdelt)
        .assert()
        .success();
    let text = std::fs::read_to_string(&gdelt).unwrap();
    assert_eq!(text.lines().count() as i64, first[2], "one row per cluster");
    assert!(text.lines().all(|l| l.split('\t').count() == 61));
    let png = dir.path().join("trend.png");
    let out = dyad()
        .args(["trend", "--dyad", "AZE,ARM", "--by", "week", "--png"])
        .arg(&png)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("period"));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    dyad()
        .args(["escalation", "--format", "jsonl", "--db"])
        .arg(&db)
        .assert()
        .success();
}

#[test]
fn read_commands_report_a_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = dyad().args(["query", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("dyad ingest"));
    assert!(!db.exists());
}

/// kill -9 during an ingest leaves a consistent store, and the rerun ends
/// with exactly what a clean run stores. No timing is asserted: if the
/// ingest finishes before the kill, the test still checks the rerun.
#[test]
fn kill_9_during_ingest_then_rerun_matches_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news.jsonl");
    write_corpus(&corpus, 2000);
    let clean = dir.path().join("clean.db");
    ingest(&corpus, &clean, &["--quiet", "--batch", "16"]);
    let expected = counts(&clean);

    let killed = dir.path().join("killed.db");
    let bin: PathBuf = assert_cmd::cargo::cargo_bin("dyad");
    let mut child = std::process::Command::new(&bin)
        .arg("ingest")
        .arg(&corpus)
        .args(["--quiet", "--batch", "16", "--db"])
        .arg(&killed)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first batches are committed, then kill it hard.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            eprintln!("note: the ingest finished before it could be killed");
            break;
        }
        let out = std::process::Command::new(&bin)
            .args(["stats", "--json", "--db"])
            .arg(&killed)
            .output()
            .unwrap();
        let docs = serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .ok()
            .and_then(|v| v["counts"]["documents"].as_i64())
            .unwrap_or(0);
        if docs > 0 || Instant::now() > deadline {
            child.kill().unwrap(); // SIGKILL
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait().unwrap();
    let partial = counts(&killed); // asserts the check passes
    eprintln!("killed with {partial:?} of {expected:?} stored");
    assert!(partial[0] <= expected[0]);
    ingest(&corpus, &killed, &["--quiet", "--batch", "16"]);
    assert_eq!(counts(&killed), expected);
    assert_eq!(cluster_lines(&killed), cluster_lines(&clean));
}

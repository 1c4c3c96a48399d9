//! `--dict-dir` and `--legacy-actors`: legacy TABARI/PETRARCH dictionaries
//! written for these tests, loaded by `code`, `kb stats` and `bench`.

use assert_cmd::Command;
use std::path::Path;

fn dyad() -> Command {
    Command::cargo_bin("dyad").expect("binary built")
}

const ACTORS: &str =
    "GONDOR [GON]\n+MINAS_TIRITH\nARNOR [ARN]\nSAM_GAMGEE [HOB]\n\t[HOBGOV 20100101-20101231]\n";
const VERBS: &str = "--- VISIT [032:033] ---\nVISIT\n- * &TRIP [043]\n\n&TRIP\n+PILGRIMAGE\n";
const AGENTS: &str = "FOREIGN_MINISTER [~GOVFRM]\n";
const DISCARDS: &str = "+QUIDDITCH\n";

fn dict_dir(dir: &Path) {
    for (name, text) in [
        ("World.actors.txt", ACTORS),
        ("World.verbs.txt", VERBS),
        ("World.agents.txt", AGENTS),
        ("World.discards.txt", DISCARDS),
        ("CAMEO.2.0.txt", "--- X [010] ---\n"),
    ] {
        std::fs::write(dir.join(name), text).expect("write dictionary");
    }
}

fn codes(stdout: &[u8]) -> Vec<(String, String, String)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let s = |p: &str| {
                v.pointer(p)
                    .and_then(|x| x.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            (s("/source/code"), s("/target/code"), s("/cameo"))
        })
        .collect()
}

#[test]
fn code_with_a_dictionary_directory() {
    let tmp = tempfile::tempdir().expect("temp dir");
    dict_dir(tmp.path());
    let out = dyad()
        .args(["code", "-", "--date", "2010-06-01", "--dict-dir"])
        .arg(tmp.path())
        .write_stdin("Sam Gamgee visited Minas Tirith.\n")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got = codes(&out.stdout);
    got.sort();
    assert_eq!(
        got,
        [
            ("GON".into(), "HOBGOV".into(), "033".into()),
            ("HOBGOV".into(), "GON".into(), "032".into())
        ]
    );
    // A story discard phrase: no events at all.
    let out = dyad()
        .args(["code", "-", "--date", "2010-06-01", "--dict-dir"])
        .arg(tmp.path())
        .write_stdin("Sam Gamgee visited Minas Tirith. Quidditch was played.\n")
        .output()
        .expect("runs");
    assert!(codes(&out.stdout).is_empty());
}

#[test]
fn legacy_actor_files_and_stats() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let actors = tmp.path().join("Mine.actors.txt");
    std::fs::write(&actors, format!("{ACTORS}BADLINE [X Y Z]\n")).expect("write");
    let out = dyad()
        .args(["code", "-", "--date", "2011-06-01", "--legacy-actors"])
        .arg(&actors)
        .write_stdin("Sam Gamgee met Gondor's foreign minister.\n")
        .output()
        .expect("runs");
    // The malformed line is a warning with file and line, not an error.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Mine.actors.txt:6:"), "{err}");
    assert!(out.status.success(), "{err}");
    assert!(
        codes(&out.stdout).iter().any(|c| c.0 == "HOB"),
        "{:?}",
        codes(&out.stdout)
    );

    dict_dir(tmp.path());
    let out = dyad()
        .args(["kb", "stats", "--dict-dir"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("legacy dictionaries:"), "{text}");
    assert!(text.contains("2 date-restricted codes"), "{text}");
    assert!(text.contains("PETRARCH-2"), "{text}");
    assert!(text.contains("load time"), "{text}");
}

#[test]
fn bench_with_phoenix_dictionaries_from_a_directory() {
    let tmp = tempfile::tempdir().expect("temp dir");
    dict_dir(tmp.path());
    let corpus = tmp.path().join("corpus.txt");
    std::fs::write(&corpus, "Arnor visited Gondor.\n").expect("write");
    let out = dyad()
        .args(["bench", "--dicts", "phoenix", "--json", "--dict-dir"])
        .arg(tmp.path())
        .arg(&corpus)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["events"], 2);
}

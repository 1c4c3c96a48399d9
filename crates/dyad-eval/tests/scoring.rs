//! The scorers on gold files with known mistakes, coded by a fake coder that
//! returns hand-made events, so every count below is known exactly.

use dyad_core::{Actor, Document, Event, Evidence, Modality, Polarity};
use dyad_eval::report::Value;
use dyad_eval::{evaluate, read_file, read_str, Evaluator, Format, SetReport};
use std::collections::HashMap;
use std::path::Path;

fn actor(code: &str, span: [usize; 2]) -> Actor {
    Actor {
        code: code.to_string(),
        country: code.get(..3).map(str::to_string),
        sector: code.get(3..6).map(str::to_string),
        text: code.to_string(),
        name: None,
        span,
    }
}

/// An event with actor spans (for the span-based sets).
fn event_at(
    src: (&str, [usize; 2]),
    tgt: Option<(&str, [usize; 2])>,
    cameo: &str,
    confidence: f32,
) -> Event {
    Event {
        id: String::new(),
        doc_id: String::new(),
        sentence: 0,
        date: None,
        date_precision: None,
        source: actor(src.0, src.1),
        target: tgt.map(|(c, s)| actor(c, s)),
        cameo: cameo.to_string(),
        cameo_root: cameo[..2].to_string(),
        cameo_name: String::new(),
        quad_class: dyad_core::ontology::quad_class(cameo).unwrap_or(0),
        goldstein: 0.0,
        plover: None,
        location: None,
        polarity: Polarity::Affirmed,
        modality: Modality::Asserted,
        attributed_to: None,
        evidence: Evidence {
            sentence_text: String::new(),
            sentence_span: [0, 0],
            trigger: "trigger".into(),
            trigger_span: [0, 0],
            pattern: String::new(),
        },
        confidence,
    }
}

/// An event without meaningful spans.
fn event(src: &str, tgt: Option<&str>, cameo: &str) -> Event {
    event_at((src, [0, 1]), tgt.map(|t| (t, [2, 3])), cameo, 0.5)
}

/// Scores a gold file with a coder that answers from `by_text` (nothing for
/// other sentences).
fn score_file(path: &Path, format: Format, by_text: HashMap<&str, Vec<Event>>) -> SetReport {
    let gold = read_file(path, Some(format)).expect("gold file reads");
    let coder = move |d: &Document| by_text.get(d.text.as_str()).cloned().unwrap_or_default();
    evaluate(
        &gold,
        &Evaluator {
            coder: &coder,
            normalizer: None,
            locator: None,
            placer: None,
        },
    )
}

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn count(r: &SetReport, key: &str) -> usize {
    match r.metric(key) {
        Some(Value::Count(n)) => n,
        other => panic!("{key}: expected a count, got {other:?}"),
    }
}

fn ratio(r: &SetReport, key: &str) -> f64 {
    match r.metric(key) {
        Some(Value::Ratio(Some(x))) => x,
        other => panic!("{key}: expected a ratio, got {other:?}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn native_triples_with_known_mistakes() {
    let by_text = HashMap::from([
        // S1 right (gold target UGA is country-level: our UGAGOV agrees).
        (
            "Kenya's foreign minister praised Uganda.",
            vec![event("KENGOV", Some("UGAGOV"), "051")],
        ),
        // S2 one of two gold events missed.
        (
            "The US president visited China, where Beijing hosted him.",
            vec![event("USAGOV", Some("CHN"), "042")],
        ),
        // S3 right, plus an extra event.
        (
            "France said it wants to meet Germany.",
            vec![
                event("FRA", Some("DEU"), "036"),
                event("FRA", Some("ITA"), "190"),
            ],
        ),
        // S4 wrong root.
        (
            "Russia attacked Ukraine.",
            vec![event("RUS", Some("UKR"), "112")],
        ),
        // S5 right root, wrong full code.
        (
            "Turkish troops fired on Syrian positions.",
            vec![event("TURMIL", Some("SYR"), "190")],
        ),
        // S6 wrong sector (gold ISRMIL).
        (
            "The Israeli army struck Gaza.",
            vec![event("ISRGOV", Some("PSE"), "190")],
        ),
        // S7 reciprocal pair, coded in the other order.
        (
            "Armenia and Azerbaijan clashed.",
            vec![
                event("AZE", Some("ARM"), "190"),
                event("ARM", Some("AZE"), "190"),
            ],
        ),
        // S8 no-event sentence with a phantom event.
        (
            "The British ambassador's car was seen near the Iranian embassy.",
            vec![event("GBRGOV", Some("IRN"), "111")],
        ),
        // S9 no-event sentence, nothing coded: nothing to add.
        // S10 the right event twice.
        (
            "Egypt invited Israel to talks.",
            vec![
                event("EGY", Some("ISR"), "036"),
                event("EGY", Some("ISR"), "036"),
            ],
        ),
        // S11 nothing coded.
    ]);
    let r = score_file(&data("mistakes.native.jsonl"), Format::Native, by_text);
    assert_eq!(r.set, "native");
    assert_eq!(count(&r, "counts.sentences"), 11);
    assert_eq!(count(&r, "counts.no_event_sentences"), 2);
    assert_eq!(count(&r, "counts.gold_events"), 11);
    assert_eq!(count(&r, "counts.coded_events"), 12);

    // Root level: S1, S2 (one), S3, S5, S7 (two), S10 (one).
    assert_eq!(count(&r, "root.tp"), 7);
    assert_eq!(count(&r, "root.extra"), 5);
    assert_eq!(count(&r, "root.missed"), 4);
    assert!(close(ratio(&r, "root.precision"), 7.0 / 12.0));
    assert!(close(ratio(&r, "root.recall"), 7.0 / 11.0));
    assert!(close(ratio(&r, "root.f1"), 14.0 / 23.0));

    // Full-code level: S5 no longer matches.
    assert_eq!(count(&r, "full.tp"), 6);
    assert_eq!(count(&r, "full.extra"), 6);
    assert_eq!(count(&r, "full.missed"), 5);
    assert!(close(ratio(&r, "full.precision"), 0.5));
    assert!(close(ratio(&r, "full.recall"), 6.0 / 11.0));
    assert!(close(ratio(&r, "full.f1"), 12.0 / 23.0));

    // Actors ignored: S6 now matches.
    assert_eq!(count(&r, "event_only.tp"), 8);
    assert_eq!(count(&r, "event_only.extra"), 4);
    assert_eq!(count(&r, "event_only.missed"), 3);

    // Actor match over the 8 root-matched pairs: all agree on the country;
    // S1 (UGA vs UGAGOV), S2 (USA vs USAGOV), S5 (TUR vs TURMIL) and S6
    // (ISRMIL vs ISRGOV) differ at country+sector.
    assert_eq!(count(&r, "actors.pairs"), 8);
    assert!(close(ratio(&r, "actors.country"), 1.0));
    assert!(close(ratio(&r, "actors.country_sector"), 4.0 / 8.0));

    assert_eq!(count(&r, "no_event.sentences"), 2);
    assert_eq!(count(&r, "no_event.with_events"), 1);
    assert!(close(ratio(&r, "no_event.fp_rate"), 0.5));

    assert_eq!(count(&r, "breakdown.missed_silent"), 1);
    assert_eq!(count(&r, "breakdown.missed_wrong_actors"), 1);
    assert_eq!(count(&r, "breakdown.missed_wrong_event"), 2);
    assert_eq!(count(&r, "breakdown.extra_no_event"), 1);
    assert_eq!(count(&r, "breakdown.extra_wrong_actors"), 1);
    assert_eq!(count(&r, "breakdown.extra_duplicate"), 1);
    assert_eq!(count(&r, "breakdown.extra_wrong_event"), 2);

    let mistakes: Vec<(&str, &str)> = r
        .mistakes
        .iter()
        .map(|m| (m.id.as_str(), m.kind.as_str()))
        .collect();
    assert_eq!(
        mistakes,
        [
            ("S2", "missed event"),
            ("S3", "extra event"),
            ("S4", "missed event; extra event"),
            ("S5", "right root, other full code"),
            ("S6", "wrong actors"),
            ("S8", "phantom event on a no-event sentence"),
            ("S10", "duplicate event"),
            ("S11", "missed, nothing coded"),
        ]
    );
    assert_eq!(r.mistakes[0].expected, ["USA → CHN 042", "CHN → USA 043"]);
    assert_eq!(r.mistakes[0].coded, ["USAGOV → CHN 042 «trigger»"]);
}

#[test]
fn plover_records_with_known_mistakes() {
    let by_text = HashMap::from([
        // P1 reciprocal AGREE, second direction with another AGREE code.
        (
            "Kenyan and Ugandan officials agreed to cooperate.",
            vec![
                event("KENGOV", Some("UGAGOV"), "030"),
                event("UGAGOV", Some("KENGOV"), "031"),
            ],
        ),
        // P2 gold FIGHT (= ASSAULT).
        (
            "Sudanese rebels fought the army near Kadugli.",
            vec![event("SDNREB", Some("SDNMIL"), "190")],
        ),
        // P3 gold DEMAND (= REQUEST): a statement (no PLOVER) and an accusation.
        (
            "Washington demanded that Tehran change its policy.",
            vec![
                event("USAGOV", Some("IRN"), "010"),
                event("USAGOV", Some("IRN"), "112"),
            ],
        ),
    ]);
    let r = score_file(&data("mistakes.plover.jsonl"), Format::PloverGsr, by_text);
    assert_eq!(r.set, "plover_gsr");
    assert_eq!(count(&r, "counts.sentences"), 3);
    assert_eq!(count(&r, "counts.gold_events"), 4);
    assert_eq!(count(&r, "counts.coded_events"), 5);
    assert_eq!(count(&r, "counts.coded_without_plover"), 1);

    assert_eq!(count(&r, "plover.tp"), 3);
    assert_eq!(count(&r, "plover.extra"), 1);
    assert_eq!(count(&r, "plover.missed"), 1);
    assert!(close(ratio(&r, "plover.precision"), 0.75));
    assert!(close(ratio(&r, "plover.recall"), 0.75));
    assert!(close(ratio(&r, "plover.f1"), 0.75));

    // CAMEO levels over P1 and P3 (P2 has no cameo_from_manual).
    assert_eq!(count(&r, "root.sentences"), 2);
    assert_eq!(count(&r, "root.tp"), 2);
    assert_eq!(count(&r, "root.extra"), 2);
    assert_eq!(count(&r, "root.missed"), 1);
    assert_eq!(count(&r, "full.tp"), 1);
    assert_eq!(count(&r, "full.extra"), 3);
    assert_eq!(count(&r, "full.missed"), 2);

    assert_eq!(count(&r, "no_event.sentences"), 0);
    assert_eq!(r.metric("no_event.fp_rate"), Some(Value::Ratio(None)));
    assert_eq!(r.mistakes.len(), 1);
    assert_eq!(r.mistakes[0].id, "P3");
    assert_eq!(
        r.mistakes[0].expected,
        ["USAGOV → IRN REQUEST (CAMEO 1041)"]
    );
}

#[test]
fn cameo_manual_examples() {
    let gold = concat!(
        r#"{"cameo":"042","name":"Make a visit","text":"A visited B.","note":null,"root":"04"}"#,
        "\n",
        r#"{"cameo":"0231","name":"x","text":"A asked B for aid.","note":null,"root":"02"}"#,
        "\n",
        r#"{"cameo":"112","name":"Accuse","text":"A accused B.","note":null,"root":"11"}"#,
        "\n",
        r#"{"cameo":"190","name":"Fight","text":"A fought B.","note":null,"root":"19"}"#,
        "\n",
    );
    let gold = read_str("manual.jsonl", gold, Format::CameoManual).unwrap();
    let coder = |d: &Document| match d.text.as_str() {
        "A visited B." => vec![event("A", Some("B"), "042"), event("B", Some("A"), "043")],
        "A asked B for aid." => vec![event("A", Some("B"), "020")],
        "A accused B." => vec![event("A", Some("B"), "190")],
        _ => vec![],
    };
    let r = evaluate(
        &gold,
        &Evaluator {
            coder: &coder,
            normalizer: None,
            locator: None,
            placer: None,
        },
    );
    assert_eq!(count(&r, "counts.sentences"), 4);
    assert_eq!(count(&r, "counts.coded_events"), 4);
    assert_eq!(
        r.metric("counts.events_per_sentence"),
        Some(Value::Number(Some(1.0)))
    );
    assert_eq!(count(&r, "counts.silent_sentences"), 1);
    assert!(close(ratio(&r, "accuracy.root"), 0.5));
    assert!(close(ratio(&r, "accuracy.full"), 0.25));
    assert_eq!(count(&r, "root.tp"), 2);
    assert_eq!(count(&r, "root.extra"), 2);
    assert_eq!(count(&r, "root.missed"), 2);
    assert_eq!(count(&r, "full.tp"), 1);
    assert_eq!(count(&r, "full.extra"), 3);
    assert_eq!(count(&r, "full.missed"), 3);
    let kinds: Vec<&str> = r.mistakes.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "right root, other code",
            "other root",
            "missed, nothing coded"
        ]
    );
}

#[test]
fn zsp_pairs() {
    // Byte offsets: "Oslo" 0..4, "Bern" 13..17, "Rome" 22..26.
    let text = "Oslo accused Bern and Rome.";
    let line = |id: &str, marked: &str, label: &str| {
        format!(
            r#"{{"sentence_id":"{id}","text":"{text}","marked":"{marked}","source_span":"x","target_span":"y","plover_root":"{label}","penta":"3"}}"#
        )
    };
    let gold = [
        line("1", "<s>Oslo</s> accused <t>Bern</t> and Rome.", "ACCUSE"),
        line("2", "<s>Oslo</s> accused Bern and <t>Rome</t>.", "REJECT"),
        line("3", "<t>Oslo</t> accused <s>Bern</s> and Rome.", "ACCUSE"),
        line("4", "<s>Oslo accused</s> Bern and <t>Rome.</t>", "YIELD"),
        line("5", "<s>Oslo</s> accused Bern and Rome.", "ACCUSE"),
    ]
    .join("\n");
    let gold = read_str("zsp.jsonl", &gold, Format::ZspPlv).unwrap();
    let coder = |_: &Document| {
        vec![
            event_at(("NOR", [0, 4]), Some(("CHE", [13, 17])), "112", 0.9),
            event_at(("NOR", [0, 4]), Some(("ITA", [22, 26])), "111", 0.8),
            event_at(("NOR", [0, 4]), Some(("ITA", [22, 26])), "0841", 0.7),
        ]
    };
    let r = evaluate(
        &gold,
        &Evaluator {
            coder: &coder,
            normalizer: None,
            locator: None,
            placer: None,
        },
    );
    // 1: right. 2: most confident on the pair is 111 ACCUSE, gold REJECT.
    // 3: only the reverse direction coded. 4: the pair again, ACCUSE, gold YIELD.
    // 5: implicit target, any target accepted: 112 ACCUSE is right.
    assert_eq!(count(&r, "pairs.items"), 5);
    assert_eq!(count(&r, "pairs.pair_found"), 4);
    assert!(close(ratio(&r, "pairs.pair_recall"), 0.8));
    assert!(close(ratio(&r, "pairs.accuracy_given_pair"), 0.5));
    assert!(close(ratio(&r, "pairs.accuracy"), 0.4));
    assert_eq!(count(&r, "pairs.reversed"), 1);
    assert_eq!(count(&r, "pairs.implicit_actor"), 1);
    assert!(close(ratio(&r, "spans.source_recall"), 0.8));
    assert!(close(ratio(&r, "spans.target_recall"), 0.75));
    let kinds: Vec<&str> = r.mistakes.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "wrong PLOVER event on the pair",
            "pair coded in the reverse direction",
            "wrong PLOVER event on the pair"
        ]
    );
}

#[test]
fn conflibert_penta_and_spans() {
    let gold = concat!(
        // "Troops" 0..6, "the town" 15..23.
        r#"{"text":"Troops shelled the town.","penta":4,"source_spans":["Troops"],"target_spans":["the town"],"reciprocal_spans":[]}"#,
        "\n",
        r#"{"text":"Kenya and Uganda talked.","penta":1,"source_spans":[],"target_spans":[],"reciprocal_spans":["Kenya","Uganda"]}"#,
        "\n",
        r#"{"text":"Chad spoke.","penta":0}"#,
        "\n",
        r#"{"text":"Mali asked Niger for help.","penta":0,"source_spans":["Mali"],"target_spans":["Niger 's army"],"reciprocal_spans":[]}"#,
        "\n",
    );
    let gold = read_str("c.jsonl", gold, Format::Conflibert).unwrap();
    let coder = |d: &Document| match d.text.as_str() {
        "Troops shelled the town." => vec![
            event_at(("XMIL", [0, 6]), Some(("X", [15, 23])), "190", 0.9),
            event_at(("XMIL", [0, 6]), None, "010", 0.2),
        ],
        "Kenya and Uganda talked." => vec![event_at(("KEN", [0, 5]), None, "040", 0.5)],
        "Mali asked Niger for help." => vec![event_at(("MLI", [0, 4]), None, "112", 0.5)],
        _ => vec![],
    };
    let r = evaluate(
        &gold,
        &Evaluator {
            coder: &coder,
            normalizer: None,
            locator: None,
            placer: None,
        },
    );
    assert_eq!(count(&r, "penta.sentences"), 4);
    assert_eq!(count(&r, "penta.coded_sentences"), 3);
    assert!(close(ratio(&r, "penta.coverage"), 0.75));
    assert!(close(ratio(&r, "penta.accuracy_coded"), 2.0 / 3.0));
    assert!(close(ratio(&r, "penta.accuracy"), 0.5));
    assert_eq!(count(&r, "spans.source_spans"), 2);
    assert!(close(ratio(&r, "spans.source_recall"), 1.0));
    assert_eq!(count(&r, "spans.target_spans"), 2);
    assert!(close(ratio(&r, "spans.target_recall"), 0.5));
    assert_eq!(count(&r, "spans.reciprocal_spans"), 2);
    assert!(close(ratio(&r, "spans.reciprocal_recall"), 0.5));
    assert_eq!(count(&r, "spans.not_found"), 1);
}

#[test]
fn missing_tools_are_reported_not_scored() {
    let timex = read_str(
        "t.tsv",
        "corpus\tdoc\tdct\ttid\ttype\tvalue\ttext\nTB\td\t1998-01-08\tt1\tDATE\t1998\tthis year\n",
        Format::Timebank,
    )
    .unwrap();
    let coder = |_: &Document| Vec::new();
    let ev = Evaluator {
        coder: &coder,
        normalizer: None,
        locator: None,
        placer: None,
    };
    let r = evaluate(&timex, &ev);
    assert!(r.sections.is_empty());
    assert!(r.notes[0].contains("date normaliser not available"));
    let normalize = |_: &str, d: jiff::civil::Date, _: Option<&dyad_eval::gold::TimexContext>| {
        Some(d.year().to_string())
    };
    let r = evaluate(
        &timex,
        &Evaluator {
            normalizer: Some(&normalize),
            ..ev
        },
    );
    assert!(close(ratio(&r, "date.accuracy"), 1.0));
}

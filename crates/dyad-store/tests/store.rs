//! The store: idempotent writes, deduplication, queries, re-coding, trends
//! and escalation, on hand-built events.

mod common;

use common::{doc, event, place, run, store};
use dyad_core::Polarity;
use dyad_store::escalation::EscalationParams;
use dyad_store::trend::{Count, Period, TrendQuery};
use dyad_store::{Dedup, Filter, OpenMode, Store, StoredEvent};

fn all(store: &Store, filter: &Filter, dedup: Dedup) -> Vec<StoredEvent> {
    let mut v = Vec::new();
    store
        .for_each_event(filter, dedup, |e| {
            v.push(e.clone());
            Ok(())
        })
        .unwrap();
    v
}

fn clusters(store: &Store) -> i64 {
    store.counts().unwrap().clusters
}

fn assert_consistent(store: &Store) {
    let problems = store.check().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn two_wire_stories_about_one_clash_merge() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    // AP reports the clash on the 5th; Reuters (two sentences) on the 6th.
    let ap = doc(
        "ap-1",
        "AP",
        vec![event(
            "ap-1",
            0,
            "AZEMIL",
            Some("ARMMIL"),
            "190",
            "2020-10-05",
            None,
        )],
    );
    let reuters = doc(
        "reu-7",
        "Reuters",
        vec![
            event(
                "reu-7",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "193",
                "2020-10-06",
                None,
            ),
            event(
                "reu-7",
                4,
                "AZEMIL",
                Some("ARMMIL"),
                "190",
                "2020-10-06",
                None,
            ),
        ],
    );
    let out = s.write_batch(&r, &[ap, reuters]).unwrap();
    assert_eq!((out.docs_new, out.events_new, out.clusters_new), (2, 3, 1));
    let events = all(&s, &Filter::default(), Dedup::Clusters);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.event.doc_id, "ap-1", "the first mention is the record");
    assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (3, 2, 2));
    assert_eq!(all(&s, &Filter::default(), Dedup::None).len(), 3);
    assert_consistent(&s);
}

#[test]
fn two_clashes_in_different_places_on_the_same_day_do_not_merge() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    let fuzuli = place("Fuzuli", "AZE", 147_622);
    let tartar = place("Tartar", "AZE", 585_170);
    let a = doc(
        "a",
        "AP",
        vec![event(
            "a",
            0,
            "ARMMIL",
            Some("AZEMIL"),
            "190",
            "2020-10-05",
            Some(fuzuli.clone()),
        )],
    );
    let b = doc(
        "b",
        "AFP",
        vec![event(
            "b",
            0,
            "ARMMIL",
            Some("AZEMIL"),
            "190",
            "2020-10-05",
            Some(tartar.clone()),
        )],
    );
    // A third story places the clash in Tartar: it joins Tartar's cluster,
    // not the older Fuzuli one; a fourth gives no place and joins the oldest.
    let c = doc(
        "c",
        "Reuters",
        vec![event(
            "c",
            2,
            "ARMMIL",
            Some("AZEMIL"),
            "190",
            "2020-10-06",
            Some(tartar),
        )],
    );
    let d = doc(
        "d",
        "BBC",
        vec![event(
            "d",
            1,
            "ARMMIL",
            Some("AZEMIL"),
            "190",
            "2020-10-05",
            None,
        )],
    );
    s.write_batch(&r, &[a, b, c, d]).unwrap();
    assert_eq!(clusters(&s), 2);
    let mut by_place: Vec<(String, i64)> = all(&s, &Filter::default(), Dedup::Clusters)
        .into_iter()
        .map(|e| (e.event.location.unwrap().name, e.num_mentions))
        .collect();
    by_place.sort();
    assert_eq!(by_place, vec![("Fuzuli".into(), 2), ("Tartar".into(), 2)]);
    assert_consistent(&s);
}

#[test]
fn window_codes_and_polarity_separate_clusters() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    let mut denied = event("e", 0, "AZEMIL", Some("ARMMIL"), "190", "2020-10-05", None);
    denied.polarity = Polarity::Negated;
    let batch = vec![
        doc(
            "a",
            "AP",
            vec![event(
                "a",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "190",
                "2020-10-05",
                None,
            )],
        ),
        // Three days later: outside ±1.
        doc(
            "b",
            "AP",
            vec![event(
                "b",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "190",
                "2020-10-08",
                None,
            )],
        ),
        // Other direction, other root, other target: three more clusters.
        doc(
            "c",
            "AP",
            vec![event(
                "c",
                0,
                "ARMMIL",
                Some("AZEMIL"),
                "190",
                "2020-10-05",
                None,
            )],
        ),
        doc(
            "d",
            "AP",
            vec![event(
                "d",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "112",
                "2020-10-05",
                None,
            )],
        ),
        doc(
            "f",
            "AP",
            vec![event(
                "f",
                0,
                "AZEMIL",
                Some("ARM"),
                "190",
                "2020-10-05",
                None,
            )],
        ),
        // "Azerbaijan denied attacking": not the attack.
        doc("e", "AP", vec![denied]),
    ];
    s.write_batch(&r, &batch).unwrap();
    assert_eq!(clusters(&s), 6);
    assert_consistent(&s);
}

#[test]
fn a_wider_window_merges_what_the_default_keeps_apart() {
    let (mut s, _dir, path) = store();
    let r = run(&mut s);
    s.write_batch(
        &r,
        &[
            doc(
                "a",
                "AP",
                vec![event(
                    "a",
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "190",
                    "2020-10-05",
                    None,
                )],
            ),
            doc(
                "b",
                "AP",
                vec![event(
                    "b",
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "190",
                    "2020-10-08",
                    None,
                )],
            ),
        ],
    )
    .unwrap();
    assert_eq!(clusters(&s), 2);
    s.set_dedup_window(3).unwrap();
    s.rebuild_clusters().unwrap();
    assert_eq!(clusters(&s), 1);
    drop(s);
    let reopened = Store::open(&path, OpenMode::ReadOnly).unwrap();
    assert_eq!(reopened.dedup_window_days(), 3, "the window is stored");
}

#[test]
fn ingesting_the_same_documents_again_adds_nothing() {
    let (mut s, _dir, _) = store();
    let batch = vec![
        doc(
            "a",
            "AP",
            vec![event(
                "a",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "190",
                "2020-10-05",
                None,
            )],
        ),
        doc(
            "b",
            "AP",
            vec![event("b", 0, "TUR", Some("ARM"), "111", "2020-10-05", None)],
        ),
    ];
    let r = run(&mut s);
    s.write_batch(&r, &batch).unwrap();
    let before = s.counts().unwrap();
    let r2 = run(&mut s);
    let out = s.write_batch(&r2, &batch).unwrap();
    assert_eq!((out.docs_new, out.docs_skipped, out.events_new), (0, 2, 0));
    // Same id, other text: still skipped, and reported.
    let mut changed = batch[0].clone();
    changed.doc.text.push_str(" (updated)");
    let out = s.write_batch(&r2, &[changed]).unwrap();
    assert_eq!((out.docs_skipped, out.docs_changed), (1, 1));
    let after = s.counts().unwrap();
    assert_eq!(
        (before.documents, before.events, before.clusters),
        (after.documents, after.events, after.clusters)
    );
    assert_eq!(before.dyad_days, after.dyad_days);
    assert_consistent(&s);
}

#[test]
fn documents_without_an_id_are_keyed_by_their_text() {
    let mut a = dyad_core::Document {
        text: "Turkey condemned Armenia.".into(),
        ..Default::default()
    };
    let mut b = a.clone();
    dyad_store::assign_document_id(&mut a);
    dyad_store::assign_document_id(&mut b);
    assert!(a.id.starts_with("sha256:"));
    assert_eq!(a.id, b.id);
    let mut named = dyad_core::Document {
        id: "kept".into(),
        ..a.clone()
    };
    dyad_store::assign_document_id(&mut named);
    assert_eq!(named.id, "kept");
}

#[test]
fn stored_events_read_back_exactly() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    let mut e1 = event(
        "a",
        3,
        "AZEGOV",
        Some("USAGOV"),
        "036",
        "2020-10-20",
        Some(place("Washington", "USA", 4_140_963)),
    );
    e1.goldstein = -0.4;
    e1.attributed_to = Some("AZEGOV".into());
    e1.source.name = Some("Jeyhun Bayramov".into());
    let e2 = event("a", 5, "RUS", None, "0256", "2020-10-21", None);
    let batch = vec![doc("a", "The Hill", vec![e1.clone(), e2.clone()])];
    s.write_batch(&r, &batch).unwrap();
    let back = all(&s, &Filter::default(), Dedup::None);
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].event, e1);
    assert_eq!(back[1].event, e2);
    assert_eq!(back[0].publisher.as_deref(), Some("The Hill"));
    assert_eq!(back[0].kb_version, "test-kb");
    let sql_goldstein: f64 = s
        .connection()
        .query_row("SELECT goldstein FROM events WHERE sentence = 3", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        sql_goldstein, -0.4,
        "stored as the decimal, not the f32 widening"
    );
}

#[test]
fn filters_select_by_actor_code_date_and_place() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    s.write_batch(
        &r,
        &[doc(
            "a",
            "AP",
            vec![
                event(
                    "a",
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "190",
                    "2020-10-05",
                    Some(place("Fuzuli", "AZE", 1)),
                ),
                event("a", 1, "ARMGOV", Some("AZEGOV"), "112", "2020-10-05", None),
                event("a", 2, "TUR", Some("ARM"), "111", "2020-10-06", None),
                event("a", 3, "USAGOV", Some("AZEGOV"), "036", "2020-11-02", None),
            ],
        )],
    )
    .unwrap();
    let count = |f: Filter| all(&s, &f.validated().unwrap(), Dedup::None).len();
    assert_eq!(
        count(Filter {
            source: Some("aze".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            source: Some("AZEMIL".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            source: Some("AZEGOV".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(Filter {
            target: Some("AZE".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            dyad: Some(("ARM".into(), "AZE".into())),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            cameo: Some("19".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            roots: vec!["11".into(), "19".into()],
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        count(Filter {
            quads: vec![3],
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            from: Some("2020-10-06".parse().unwrap()),
            to: Some("2020-10-31".parse().unwrap()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            location_country: Some("AZE".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            limit: Some(2),
            ..Default::default()
        }),
        2
    );
}

#[test]
fn one_a_day_keeps_one_event_per_dyad_code_and_date() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    s.write_batch(
        &r,
        &[
            doc(
                "a",
                "AP",
                vec![event(
                    "a",
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "190",
                    "2020-10-05",
                    Some(place("Fuzuli", "AZE", 1)),
                )],
            ),
            // Same code and day, another place: one-a-day merges, clusters do not.
            doc(
                "b",
                "AP",
                vec![event(
                    "b",
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "190",
                    "2020-10-05",
                    Some(place("Tartar", "AZE", 2)),
                )],
            ),
            // Another full code: one-a-day keeps it, clusters merge it (same root).
            doc(
                "c",
                "AP",
                vec![event(
                    "c",
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "193",
                    "2020-10-05",
                    Some(place("Tartar", "AZE", 2)),
                )],
            ),
        ],
    )
    .unwrap();
    assert_eq!(all(&s, &Filter::default(), Dedup::None).len(), 3);
    let one_a_day = all(&s, &Filter::default(), Dedup::OneADay);
    assert_eq!(one_a_day.len(), 2);
    assert_eq!(one_a_day[0].event.doc_id, "a", "the first stored is kept");
    assert_eq!(all(&s, &Filter::default(), Dedup::Clusters).len(), 2);
}

#[test]
fn recoding_replaces_events_and_rebuilds_the_same_clusters() {
    let (mut s, _dir, path) = store();
    let r = run(&mut s);
    let batch = vec![
        doc(
            "a",
            "AP",
            vec![event(
                "a",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "190",
                "2020-10-05",
                None,
            )],
        ),
        doc(
            "b",
            "AFP",
            vec![event(
                "b",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "190",
                "2020-10-06",
                None,
            )],
        ),
        doc(
            "c",
            "AP",
            vec![event("c", 0, "TUR", Some("ARM"), "111", "2020-10-06", None)],
        ),
    ];
    s.write_batch(&r, &batch).unwrap();
    let snapshot = |s: &Store| -> Vec<(String, i64, i64)> {
        all(s, &Filter::default(), Dedup::Clusters)
            .into_iter()
            .map(|e| (e.event.id, e.num_mentions, e.num_sources))
            .collect()
    };
    let before = snapshot(&s);
    assert_eq!(s.rebuild_clusters().unwrap(), 2);
    assert_eq!(snapshot(&s), before, "a rebuild reproduces the ingest");

    // A new coder drops document c's event and adds one to b.
    let r2 = s
        .begin_run(dyad_store::RunKind::Recode, "kb-2", &[])
        .unwrap();
    let todo = s.documents_to_recode(&r2, false, 0, 10).unwrap();
    assert_eq!(todo.len(), 3, "all documents were coded by another KB");
    s.begin_recode().unwrap();
    assert!(matches!(
        s.for_each_event(&Filter::default(), Dedup::None, |_| Ok(())),
        Err(dyad_store::StoreError::Stale(_))
    ));
    let recoded = vec![
        doc(
            "b",
            "AFP",
            vec![
                event("b", 0, "AZEMIL", Some("ARMMIL"), "190", "2020-10-06", None),
                event("b", 1, "ARMMIL", Some("AZEMIL"), "190", "2020-10-06", None),
            ],
        ),
        doc("c", "AP", vec![]),
    ];
    s.replace_events(&r2, &recoded).unwrap();
    // Interrupted here: a new process finishes the job.
    drop(s);
    let mut s = Store::open(&path, OpenMode::Create).unwrap();
    assert!(s.is_stale().unwrap());
    s.rebuild_clusters().unwrap();
    assert!(!s.is_stale().unwrap());
    assert_consistent(&s);
    let counts = s.counts().unwrap();
    assert_eq!((counts.events, counts.clusters), (3, 2));
    let left = s.documents_to_recode(&r2, false, 0, 10).unwrap();
    assert_eq!(
        left.len(),
        1,
        "only a, which was not recoded, still has the old KB"
    );
    assert_eq!(left[0].1.id, "a");
    let versions: Vec<String> = all(&s, &Filter::default(), Dedup::None)
        .into_iter()
        .map(|e| e.kb_version)
        .collect();
    assert_eq!(versions, vec!["test-kb", "kb-2", "kb-2"]);
}

#[test]
fn the_check_finds_broken_invariants() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    s.write_batch(
        &r,
        &[doc(
            "a",
            "AP",
            vec![event(
                "a",
                0,
                "AZEMIL",
                Some("ARMMIL"),
                "190",
                "2020-10-05",
                None,
            )],
        )],
    )
    .unwrap();
    assert_consistent(&s);
    s.connection()
        .execute("UPDATE clusters SET num_mentions = 2", [])
        .unwrap();
    s.connection()
        .execute("UPDATE dyad_day SET m4 = 7", [])
        .unwrap();
    let problems = s.check().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn trend_sums_both_directions_by_period_and_fills_gaps() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    s.write_batch(
        &r,
        &[
            doc(
                "a",
                "AP",
                vec![
                    event("a", 0, "AZEMIL", Some("ARMMIL"), "190", "2020-10-05", None),
                    event("a", 1, "ARMMIL", Some("AZEMIL"), "190", "2020-10-06", None),
                    event("a", 2, "AZEGOV", Some("ARMGOV"), "036", "2020-10-07", None),
                ],
            ),
            // A second report of the first clash: a mention, not a cluster.
            doc(
                "b",
                "AFP",
                vec![event(
                    "b",
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "190",
                    "2020-10-05",
                    None,
                )],
            ),
            // Two weeks later, and another dyad that must not count.
            doc(
                "c",
                "AP",
                vec![
                    event("c", 0, "AZEMIL", Some("ARMMIL"), "112", "2020-10-21", None),
                    event("c", 1, "TUR", Some("ARM"), "111", "2020-10-21", None),
                    // What could happen, or happened long ago, is not news.
                    dyad_core::Event {
                        modality: dyad_core::Modality::Hypothetical,
                        ..event("c", 2, "AZEMIL", Some("ARMMIL"), "190", "2020-10-21", None)
                    },
                    dyad_core::Event {
                        modality: dyad_core::Modality::Historical,
                        ..event("c", 3, "ARMMIL", Some("AZEMIL"), "190", "2020-10-22", None)
                    },
                ],
            ),
        ],
    )
    .unwrap();
    assert_consistent(&s);
    let q = TrendQuery {
        a: "aze".into(),
        b: "ARM".into(),
        period: Period::Week,
        from: None,
        to: None,
        count: Count::Clusters,
    };
    let rows = s.trend(&q).unwrap();
    let periods: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(periods, vec!["2020-10-05", "2020-10-12", "2020-10-19"]);
    assert_eq!(rows[0].quads(), [1, 0, 0, 2]);
    assert_eq!(rows[0].goldstein_sum, 3.4 - 20.0);
    assert_eq!(rows[1].total, 0);
    assert_eq!(rows[2].quads(), [0, 0, 1, 0]);
    let events = s
        .trend(&TrendQuery {
            count: Count::Events,
            ..q.clone()
        })
        .unwrap();
    assert_eq!(events[0].material_conflict, 3);
    let monthly = s
        .trend(&TrendQuery {
            period: Period::Month,
            ..q
        })
        .unwrap();
    assert_eq!(monthly.len(), 1);
    assert_eq!(monthly[0].total, 4);
    assert_eq!(monthly[0].balance, Some((1.0 - 3.0) / 4.0));
}

#[test]
fn escalation_flags_a_rise_against_the_dyads_own_baseline() {
    let (mut s, _dir, _) = store();
    let r = run(&mut s);
    let mut docs = Vec::new();
    // AZE-ARM: one clash a week for eight weeks, then five in the ninth week.
    // USA-IRN: three a week throughout: high, but not a rise.
    let start: jiff::civil::Date = "2020-08-03".parse().unwrap();
    for week in 0..9i64 {
        let monday = start.checked_add(jiff::Span::new().weeks(week)).unwrap();
        let n = if week == 8 { 5 } else { 1 };
        for k in 0..n {
            let day = monday
                .checked_add(jiff::Span::new().days(k))
                .unwrap()
                .to_string();
            let id = format!("w{week}-{k}");
            // Clashes in different places: separate clusters.
            let at = place(&format!("Village {k}"), "AZE", 1000 + k as u64);
            docs.push(doc(
                &id,
                "AP",
                vec![event(
                    &id,
                    0,
                    "AZEMIL",
                    Some("ARMMIL"),
                    "190",
                    &day,
                    Some(at),
                )],
            ));
        }
        for k in 0..3 {
            let day = monday
                .checked_add(jiff::Span::new().days(2 * k))
                .unwrap()
                .to_string();
            let id = format!("u{week}-{k}");
            docs.push(doc(
                &id,
                "AP",
                vec![event(&id, 0, "USAMIL", Some("IRN"), "183", &day, None)],
            ));
        }
    }
    s.write_batch(&r, &docs).unwrap();
    let alerts = s.escalation(&EscalationParams::default()).unwrap();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let a = &alerts[0];
    assert_eq!(a.dyad, ["ARM".to_string(), "AZE".to_string()]);
    assert_eq!(a.period, "2020-09-28");
    assert_eq!(a.count, 5);
    assert_eq!(a.baseline, vec![1; 8]);
    assert_eq!(a.z, 4.0, "(5 - 1) / max(0, 1)");
    assert_eq!(a.evidence.len(), 5);
    assert!(a.evidence.iter().all(|e| e.event.quad_class == 4));
    // The previous week shows nothing; a higher threshold silences the alert.
    let earlier = EscalationParams {
        as_of: Some("2020-09-25".parse().unwrap()),
        ..Default::default()
    };
    assert!(s.escalation(&earlier).unwrap().is_empty());
    let strict = EscalationParams {
        z_threshold: 4.5,
        ..Default::default()
    };
    assert!(s.escalation(&strict).unwrap().is_empty());
}

#[test]
fn read_only_commands_refuse_a_missing_or_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let err = Store::open(&missing, OpenMode::ReadOnly).err().unwrap();
    assert!(err.to_string().contains("dyad ingest"), "{err}");
    assert!(!missing.exists(), "a read never creates the file");
    let foreign = dir.path().join("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    let err = Store::open(&foreign, OpenMode::Create).err().unwrap();
    assert!(err.to_string().contains("not a dyad event store"), "{err}");
}

//! The bundled reference article (`examples/seed-article.txt`, The Hill,
//! 2020-10-20) must give the events a human coder finds in it, and nothing
//! from the web widget glued into its third paragraph.

use dyad_core::kb::source::Entry;
use dyad_core::{code, Document, Event, KnowledgeBase};

fn seed_events() -> (String, Vec<Event>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-article.txt"
    );
    let text = std::fs::read_to_string(path).expect("bundled example article");
    let doc = Document {
        id: "seed".into(),
        text: text.clone(),
        published: "2020-10-20".parse().ok(),
        ..Default::default()
    };
    let events = code(&doc, &KnowledgeBase::embedded());
    (text, events)
}

fn country(a: &Option<String>) -> &str {
    a.as_deref().unwrap_or("")
}

/// True when some event goes from `src` to `dst` (country codes) with a CAMEO root in `roots`.
fn has(events: &[Event], src: &str, dst: &str, roots: &[&str]) -> bool {
    events.iter().any(|e| {
        country(&e.source.country) == src
            && e.target
                .as_ref()
                .is_some_and(|t| country(&t.country) == dst)
            && roots.contains(&e.cameo_root.as_str())
    })
}

#[test]
fn must_have_events_are_found() {
    let (_, ev) = seed_events();
    let listing: Vec<String> = ev
        .iter()
        .map(|e| {
            format!(
                "{} -> {:?} {}",
                e.source.code,
                e.target.as_ref().map(|t| &t.code),
                e.cameo
            )
        })
        .collect();
    // 1. The Trump administration invited Azerbaijan's foreign minister: USAGOV → AZEGOV 036.
    assert!(
        ev.iter().any(|e| e.source.code == "USAGOV"
            && e.target.as_ref().is_some_and(|t| t.code == "AZEGOV")
            && e.cameo == "036"),
        "{listing:#?}"
    );
    // 2. Bayramov will meet with Pompeo: AZEGOV → USAGOV 036.
    assert!(
        ev.iter().any(|e| e.source.code == "AZEGOV"
            && e.target.as_ref().is_some_and(|t| t.code == "USAGOV")
            && e.cameo == "036"),
        "{listing:#?}"
    );
    // 3. The two ministers would meet with Pompeo: ARMGOV → USAGOV 036.
    assert!(
        ev.iter().any(|e| e.source.code == "ARMGOV"
            && e.target.as_ref().is_some_and(|t| t.code == "USAGOV")
            && e.cameo == "036"),
        "{listing:#?}"
    );
    // 4. Yerevan is pushing the United States: ARM → USA, appeal (02) or demand (10).
    assert!(has(&ev, "ARM", "USA", &["02", "10"]), "{listing:#?}");
    // 5. Azerbaijan and Armenia are locked in a battle: both directions, 19.
    assert!(
        has(&ev, "AZE", "ARM", &["19"]) && has(&ev, "ARM", "AZE", &["19"]),
        "{listing:#?}"
    );
    // 6. Russia's ceasefire attempts with both foreign ministers: 04 or 08.
    assert!(
        has(&ev, "RUS", "AZE", &["04", "08"]) && has(&ev, "RUS", "ARM", &["04", "08"]),
        "{listing:#?}"
    );
    // 7. Each side accusing the other: both directions, 11.
    assert!(
        has(&ev, "AZE", "ARM", &["11"]) && has(&ev, "ARM", "AZE", &["11"]),
        "{listing:#?}"
    );
}

#[test]
fn nothing_comes_from_the_widget() {
    let (text, ev) = seed_events();
    assert!(!ev.is_empty());
    // The widget runs from the nickname heading to its MORE tail.
    let start = text.find("Michael (Mike)").expect("widget start");
    let end = text.find("MORE").expect("widget end") + "MORE".len();
    for e in &ev {
        for code in [Some(&e.source.code), e.target.as_ref().map(|t| &t.code)]
            .into_iter()
            .flatten()
        {
            assert!(!code.starts_with("IRN"), "event with Iran: {e:?}");
        }
        let [a, b] = e.evidence.trigger_span;
        assert!(b <= start || a >= end, "trigger inside the widget: {e:?}");
        for word in ["Twitter", "Iran", "Cabinet members", "MORE"] {
            assert!(
                !e.evidence.sentence_text.contains(word),
                "widget text in evidence: {e:?}"
            );
        }
    }
}

#[test]
fn evidence_is_a_sentence_of_the_article() {
    let (text, ev) = seed_events();
    // Sentences are quoted from the article, with only the widget cut out.
    let widget_start = text.find(" Michael (Mike)").expect("widget start");
    let widget_end = text.find("MORE").expect("widget end") + "MORE".len();
    let article = format!("{}{}", &text[..widget_start], &text[widget_end..]);
    for e in &ev {
        assert!(
            article.contains(&e.evidence.sentence_text),
            "not a sentence of the article: {e:?}"
        );
        assert!(
            e.evidence.sentence_text.contains(&e.evidence.trigger),
            "{e:?}"
        );
        // Spans point into the original text.
        assert_eq!(&text[e.source.span[0]..e.source.span[1]], e.source.text);
        let [a, b] = e.evidence.trigger_span;
        assert!(text[a..b].starts_with(e.evidence.trigger.split_whitespace().next().unwrap_or("")));
    }
}

#[test]
fn people_resolve_from_the_document_and_the_date() {
    let (_, ev) = seed_events();
    // Pompeo is Secretary of State on 2020-10-20.
    assert!(ev.iter().any(|e| e
        .target
        .as_ref()
        .is_some_and(|t| t.code == "USAGOV" && t.text.contains("Pompeo"))));
    // Bayramov is introduced in apposition to Azerbaijan's foreign minister.
    assert!(ev
        .iter()
        .any(|e| e.source.code == "AZEGOV" && e.source.name.as_deref() == Some("Jeyhun Bayramov")));
}

#[test]
fn people_resolve_from_the_document_alone() {
    // The same article with the Azerbaijani and Armenian officials removed
    // from the knowledge base: appositives and titles in the text must
    // still make them AZEGOV and ARMGOV.
    let unknown = ["Jeyhun Bayramov", "Elin Suleymanov", "Zohrab Mnatsakanyan"];
    let mut kb = KnowledgeBase::empty();
    for mut f in dyad_core::kb::embedded_sources().expect("compiled knowledge base") {
        f.rows.retain(|r| match &r.entry {
            Entry::Person { names, .. } => !unknown.contains(&names[0].text.as_str()),
            _ => true,
        });
        kb.add_parsed(&f);
    }
    for name in ["Bayramov", "Suleymanov", "Mnatsakanyan"] {
        assert!(
            kb.candidates(&kb.tag(name), 0).is_empty(),
            "{name} still known"
        );
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-article.txt"
    );
    let doc = Document {
        id: "seed".into(),
        text: std::fs::read_to_string(path).expect("bundled example article"),
        published: "2020-10-20".parse().ok(),
        ..Default::default()
    };
    let ev = code(&doc, &kb);
    let named = |name: &str| {
        ev.iter()
            .flat_map(|e| [Some(&e.source), e.target.as_ref()])
            .flatten()
            .filter(|a| {
                a.text.contains(name) || a.name.as_deref().is_some_and(|n| n.contains(name))
            })
            .map(|a| a.code.clone())
            .collect::<Vec<_>>()
    };
    let bayramov = named("Bayramov");
    assert!(!bayramov.is_empty(), "Bayramov is in an event");
    assert!(bayramov.iter().all(|c| c == "AZEGOV"), "{bayramov:?}");
    for (name, code) in [("Suleymanov", "AZEGOV"), ("Mnatsakanyan", "ARMGOV")] {
        let codes = named(name);
        assert!(codes.iter().all(|c| c == code), "{name}: {codes:?}");
    }
}

use dyad_core::{code_explained, Document, KnowledgeBase};
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap();
    let mut kb = KnowledgeBase::embedded();
    for extra in args {
        kb.add_file(std::path::Path::new(&extra)).unwrap();
    }
    for w in kb.warnings() {
        eprintln!("warn: {w}");
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = Document {
        id: path.clone(),
        text,
        published: "2020-10-20".parse().ok(),
        ..Default::default()
    };
    let (events, traces) = code_explained(&doc, &kb);
    if std::env::var("TRACE").is_ok() {
        for t in &traces {
            println!(
                "# {} {}\n  actors: {:?}\n  verbs: {:?}",
                t.index,
                t.text,
                t.actors,
                t.verbs
                    .iter()
                    .map(|v| format!("{}: {}", v.verb, v.outcome))
                    .collect::<Vec<_>>()
            );
        }
    }
    for e in events {
        println!(
            "s{} {} -> {} {} ({}) [{}] {:?} {:?} trig='{}' att={:?}",
            e.sentence,
            e.source.code,
            e.target
                .as_ref()
                .map_or("-".to_string(), |t| t.code.clone()),
            e.cameo,
            e.cameo_name,
            e.evidence.pattern,
            e.modality,
            e.polarity,
            e.evidence.trigger,
            e.attributed_to
        );
    }
}

//! Micro-benchmarks of each pipeline stage on the bundled reference article,
//! so that a throughput regression found by `dyad bench` can be located.
//!
//! Run with `cargo bench -p dyad-core`.

use divan::{black_box, Bencher};
use dyad_core::text::{chunk, clean, segment, tag};
use dyad_core::{code, Document, KnowledgeBase};
use std::sync::OnceLock;

const ARTICLE: &str = include_str!("../../../examples/seed-article.txt");

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(KnowledgeBase::embedded)
}

fn main() {
    divan::main();
}

#[divan::bench]
fn clean_text() -> usize {
    clean::clean(black_box(ARTICLE)).text.len()
}

#[divan::bench]
fn tokenize_and_split(bencher: Bencher) {
    let text = clean::clean(ARTICLE).text;
    bencher.bench(|| {
        let toks = segment::tokenize(black_box(&text));
        segment::sentences(&text, &toks).len()
    });
}

#[divan::bench]
fn pos_tag(bencher: Bencher) {
    let text = clean::clean(ARTICLE).text;
    let toks = segment::tokenize(&text);
    let tagger = tag::Tagger::new();
    bencher.bench(|| tagger.tag(black_box(&text), &toks).len());
}

#[divan::bench]
fn chunk_sentences(bencher: Bencher) {
    let text = clean::clean(ARTICLE).text;
    let toks = segment::tokenize(&text);
    let tagger = tag::Tagger::new();
    let tagged: Vec<Vec<tag::Tagged>> = segment::sentences(&text, &toks)
        .iter()
        .map(|s| tagger.tag(&text, &toks[s.tokens.clone()]))
        .collect();
    bencher.bench(|| {
        tagged
            .iter()
            .map(|t| chunk::chunk(black_box(t), &[]).len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn code_document(bencher: Bencher) {
    let kb = kb();
    let doc = Document {
        id: "seed".into(),
        text: ARTICLE.into(),
        published: "2020-10-20".parse().ok(),
        ..Default::default()
    };
    bencher.bench(|| code(black_box(&doc), kb).len());
}

#[divan::bench]
fn load_knowledge_base() -> usize {
    KnowledgeBase::embedded().stats().patterns
}

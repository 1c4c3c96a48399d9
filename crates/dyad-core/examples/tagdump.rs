use dyad_core::text::{segment, tag};
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let toks = segment::tokenize(&text);
    let tagger = tag::Tagger::new();
    for s in segment::sentences(&text, &toks) {
        let tt = tagger.tag(&text, &toks[s.tokens.clone()]);
        println!(
            "{}",
            tt.iter()
                .map(|t| format!("{}/{}/{}", t.word, t.pos, t.lemma))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}

//! Compiles the knowledge base: parses and checks the `data/` source files
//! with the same parser the library uses at run time (`src/kb/source.rs`),
//! and writes the parsed rows, postcard-encoded, to `$OUT_DIR/kb.bin`, which
//! the library embeds. A data error fails the build with its file and line.

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/text/segment.rs"]
pub mod segment_impl;

#[allow(dead_code)]
#[path = "src/kb/source.rs"]
mod source;

/// Lets `source.rs` name the tokenizer by its path in the library.
mod text {
    pub use super::segment_impl as segment;
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data");
    println!("cargo:rerun-if-changed=src/kb/source.rs");
    println!("cargo:rerun-if-changed=src/text/segment.rs");
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (name, kind) in source::EMBEDDED_FILES {
        let path = data.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = read(&path);
        let (file, errors) = source::parse(&format!("data/{name}"), *kind, &text);
        problems.extend(errors);
        files.push(file);
    }
    let (name, kind) = source::EMBEDDED_PLACES;
    let path = data.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    let (places, errors) = source::parse(&format!("data/{name}"), kind, &read(&path));
    problems.extend(errors);
    files.push(places);
    problems.extend(source::check(&files));
    let places = source::CompiledPlaces::compile(&files.pop().into_iter().collect::<Vec<_>>());
    if !problems.is_empty() {
        for p in &problems {
            println!("cargo:warning={p}");
        }
        panic!(
            "{} problem(s) in the knowledge base under data/ (listed above as warnings)",
            problems.len()
        );
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    write(&out.join("kb.bin"), &files);
    write(&out.join("places.bin"), &places);
}

fn write<T: serde::Serialize + ?Sized>(path: &Path, value: &T) {
    let bytes = match postcard::to_allocvec(value) {
        Ok(b) => b,
        Err(e) => panic!("cannot encode the knowledge base: {e}"),
    };
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
}

fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => panic!("cannot read knowledge-base file {}: {e}", path.display()),
    }
}

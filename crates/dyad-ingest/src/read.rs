//! Paths, directories and stdin to documents.

use std::fs::File;
use std::io::{BufRead, BufReader, ErrorKind, Read};
use std::path::{Path, PathBuf};

use dyad_core::Document;
use serde_json::Value;

use crate::decode::{decode, html_declared_charset, Binary};
use crate::json::{parse_json_text, parse_json_value, JsonlReader, JsonlText};
use crate::{parse_html, too_large_message, InputError, ReadOptions, EMPTY_DOCUMENT};

/// One input's documents and errors.
type DocIter = Box<dyn Iterator<Item = Result<Document, InputError>> + Send>;

/// The origin name used for standard input.
const STDIN: &str = "<stdin>";

/// Read buffer size for streamed inputs.
const BUFFER_BYTES: usize = 64 * 1024;

/// Lazily yields documents and per-item errors from all inputs, in order.
///
/// Each path is one of:
/// - `-`: standard input, read whole and sniffed (`{` → JSONL, streamed;
///   `[` → JSON array; `<!doctype`/`<html`/other tag → HTML; else plain
///   text). Its id (or error origin) is `<stdin>`.
/// - a directory: every file below it, recursively, in path order, skipping
///   hidden files and directories (names starting with `.`); symbolic links
///   are followed (loops are reported as errors).
/// - a file, read by extension: `.txt`/`.text`/`.md`/none → one plain-text
///   document whose id is the path; `.jsonl`/`.ndjson` → one document per
///   line, streamed; `.json` → an object or an array of objects;
///   `.html`/`.htm`/`.xhtml` → the page's article (see [`parse_html`]);
///   anything else → sniffed like stdin, with binary files reported as
///   `binary file, not text: …`.
///
/// Plain-text documents get [`ReadOptions::default_date`] as their date.
///
/// An error in one input, one JSONL line or one JSON array item is yielded
/// as an [`InputError`] and reading goes on with the next. Nothing is read
/// until the iterator is advanced, and only one input is open at a time.
pub fn read_inputs(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> impl Iterator<Item = Result<Document, InputError>> + Send {
    let opts = opts.clone();
    // Owned, so that the iterator does not borrow the caller's slice.
    let paths: Vec<PathBuf> = paths.to_vec();
    paths
        .into_iter()
        .flat_map(move |path| open_input(&path, &opts))
}

/// Documents from input bytes already in memory (a request body, stdin),
/// sniffed by content: after optional whitespace, `{` → JSONL (ids default to
/// `<origin>:<line>`), `[` that parses as a JSON array → JSON objects,
/// `<` followed by a tag or `<!doctype` → HTML, anything else → one plain-text
/// document with id `origin`.
///
/// The bytes are decoded with [`crate::decode_bytes`] (for HTML, a
/// declared `<meta charset>` is honoured when the bytes are not UTF-8).
/// Binary data, empty input and documents over
/// [`ReadOptions::max_document_bytes`] are yielded as errors.
pub fn read_bytes_input(
    bytes: &[u8],
    origin: &str,
    opts: &ReadOptions,
) -> impl Iterator<Item = Result<Document, InputError>> + Send {
    from_bytes(bytes, origin, opts, "binary data, not text")
}

/// The documents of one command-line input.
fn open_input(path: &Path, opts: &ReadOptions) -> DocIter {
    if path.as_os_str() == "-" {
        let reader = BufReader::with_capacity(BUFFER_BYTES, std::io::stdin());
        return sniff_reader(
            Box::new(reader),
            STDIN,
            opts,
            "binary data on stdin, not text",
        );
    }
    let origin = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) => one(Err(InputError::new(origin, format!("cannot read: {e}")))),
        Ok(meta) if meta.is_dir() => Box::new(DirInputs::new(path, opts.clone())),
        Ok(_) => open_file(path, opts),
    }
}

/// What a file holds, judged by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
    Json,
    Html,
    Unknown,
}

fn kind_of(path: &Path) -> Kind {
    let Some(ext) = path.extension() else {
        return Kind::Text;
    };
    match ext.to_string_lossy().to_ascii_lowercase().as_str() {
        "txt" | "text" | "md" => Kind::Text,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "json" => Kind::Json,
        "html" | "htm" | "xhtml" => Kind::Html,
        _ => Kind::Unknown,
    }
}

/// The documents of one file.
fn open_file(path: &Path, opts: &ReadOptions) -> DocIter {
    let origin = path.display().to_string();
    let bin = "binary file, not text";
    match kind_of(path) {
        Kind::Text => one(read_limited(path, opts.max_document_bytes, &origin)
            .and_then(|bytes| decoded(&bytes, None, &origin, bin))
            .and_then(|text| text_document(text, &origin, opts))),
        Kind::Html => one(read_limited(path, opts.max_document_bytes, &origin)
            .and_then(|bytes| decoded(&bytes, html_declared_charset(&bytes), &origin, bin))
            .and_then(|text| parse_html(&text, &origin, opts))),
        Kind::Json => match read_limited(path, opts.collection_limit(), &origin)
            .and_then(|bytes| decoded(&bytes, None, &origin, bin))
        {
            Ok(text) => Box::new(parse_json_text(&text, &origin, opts).into_iter()),
            Err(e) => one(Err(e)),
        },
        Kind::Jsonl => match open_buffered(path, &origin) {
            Ok(mut reader) => {
                let utf16 = match peek(&mut reader) {
                    Ok(head) => head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]),
                    Err(e) => return one(Err(InputError::new(origin, format!("read error: {e}")))),
                };
                if utf16 {
                    // Rare: read it whole and decode, then split lines.
                    match read_all_limited(reader, opts.collection_limit(), &origin)
                        .and_then(|bytes| decoded(&bytes, None, &origin, bin))
                    {
                        Ok(text) => Box::new(JsonlText::new(text, origin, opts.clone())),
                        Err(e) => one(Err(e)),
                    }
                } else {
                    Box::new(JsonlReader::new(reader, origin, opts.clone()))
                }
            }
            Err(e) => one(Err(e)),
        },
        Kind::Unknown => match open_buffered(path, &origin) {
            Ok(reader) => sniff_reader(Box::new(reader), &origin, opts, bin),
            Err(e) => one(Err(e)),
        },
    }
}

/// Streams JSONL from a reader whose content starts with `{`; otherwise reads
/// it whole and sniffs it like [`read_bytes_input`].
fn sniff_reader(
    mut reader: Box<dyn BufRead + Send>,
    origin: &str,
    opts: &ReadOptions,
    binary_message: &str,
) -> DocIter {
    let starts_with_brace = match peek(&mut reader) {
        Ok(head) => {
            let head = head
                .strip_prefix(b"\xEF\xBB\xBF".as_slice())
                .unwrap_or(head);
            head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        }
        Err(e) => {
            return one(Err(InputError::new(origin, format!("read error: {e}"))));
        }
    };
    if starts_with_brace {
        return Box::new(JsonlReader::new(reader, origin.to_owned(), opts.clone()));
    }
    match read_all_limited(reader, opts.collection_limit(), origin) {
        Ok(bytes) => from_bytes(&bytes, origin, opts, binary_message),
        Err(e) => one(Err(e)),
    }
}

/// The sniffing behind [`read_bytes_input`].
fn from_bytes(bytes: &[u8], origin: &str, opts: &ReadOptions, binary_message: &str) -> DocIter {
    let declared = if looks_like_html(trim_start_bytes(bytes)) {
        html_declared_charset(bytes)
    } else {
        None
    };
    let text = match decoded(bytes, declared, origin, binary_message) {
        Ok(text) => text,
        Err(e) => return one(Err(e)),
    };
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    match start.as_bytes().first() {
        None => one(Err(InputError::new(origin, EMPTY_DOCUMENT))),
        Some(b'{') => Box::new(JsonlText::new(text, origin.to_owned(), opts.clone())),
        Some(b'[') => match serde_json::from_str::<Value>(start) {
            Ok(Value::Array(items)) => {
                Box::new(parse_json_value(Value::Array(items), origin, opts).into_iter())
            }
            _ => one(text_document(text, origin, opts)),
        },
        Some(_) if looks_like_html(start.as_bytes()) => one(parse_html(&text, origin, opts)),
        Some(_) => one(text_document(text, origin, opts)),
    }
}

/// Skips leading ASCII whitespace and a UTF-8 byte-order mark.
fn trim_start_bytes(bytes: &[u8]) -> &[u8] {
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    let skip = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[skip..]
}

/// `<` followed by a tag name, `!` (doctype, comment) or `?` (XML
/// declaration).
fn looks_like_html(start: &[u8]) -> bool {
    matches!(start, [b'<', next, ..] if next.is_ascii_alphabetic() || *next == b'!' || *next == b'?')
}

/// One plain-text document.
fn text_document(text: String, origin: &str, opts: &ReadOptions) -> Result<Document, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(origin, EMPTY_DOCUMENT));
    }
    if text.len() > opts.max_document_bytes {
        return Err(InputError::new(
            origin,
            too_large_message("document", text.len() as u64, opts.max_document_bytes, true),
        ));
    }
    Ok(Document {
        id: origin.to_owned(),
        text,
        published: opts.default_date,
        ..Document::default()
    })
}

/// Decodes bytes, naming the input in the error.
fn decoded(
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
    origin: &str,
    binary_message: &str,
) -> Result<String, InputError> {
    decode(bytes, declared)
        .map_err(|Binary(why)| InputError::new(origin, format!("{binary_message}: {why}")))
}

fn open_buffered(path: &Path, origin: &str) -> Result<BufReader<File>, InputError> {
    File::open(path)
        .map(|f| BufReader::with_capacity(BUFFER_BYTES, f))
        .map_err(|e| InputError::new(origin, format!("cannot open: {e}")))
}

/// The first buffered bytes of a reader, without consuming them.
fn peek<R: BufRead + ?Sized>(reader: &mut R) -> std::io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
            Ok(_) => break,
        }
    }
    // The buffer is filled now, so this returns it without reading.
    reader.fill_buf()
}

/// Reads a whole file, refusing files larger than `limit` bytes before
/// reading them.
fn read_limited(path: &Path, limit: usize, origin: &str) -> Result<Vec<u8>, InputError> {
    let file =
        File::open(path).map_err(|e| InputError::new(origin, format!("cannot open: {e}")))?;
    if let Ok(meta) = file.metadata() {
        if meta.len() > limit as u64 {
            return Err(InputError::new(
                origin,
                too_large_message("document", meta.len(), limit, true),
            ));
        }
    }
    read_all_limited(file, limit, origin)
}

/// Reads everything, but at most `limit` bytes: more is an error.
fn read_all_limited<R: Read>(reader: R, limit: usize, origin: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take((limit as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(origin, format!("read error: {e}")))?;
    if bytes.len() > limit {
        return Err(InputError::new(
            origin,
            too_large_message("document", limit as u64, limit, false),
        ));
    }
    Ok(bytes)
}

fn one(item: Result<Document, InputError>) -> DocIter {
    Box::new(std::iter::once(item))
}

/// The files below a directory, read one after the other.
struct DirInputs {
    walker: Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>,
    current: Option<DocIter>,
    root: String,
    opts: ReadOptions,
}

impl DirInputs {
    fn new(root: &Path, opts: ReadOptions) -> Self {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        Self {
            walker: Box::new(walker),
            current: None,
            root: root.display().to_string(),
            opts,
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

impl Iterator for DirInputs {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            match self.walker.next()? {
                Ok(entry) => {
                    // Directories are descended into; sockets, FIFOs and
                    // devices are not documents.
                    if entry.file_type().is_file() {
                        self.current = Some(open_file(entry.path(), &self.opts));
                    }
                }
                Err(e) => {
                    let origin = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| self.root.clone());
                    let message = match e.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => e.to_string(),
                    };
                    return Some(Err(InputError::new(origin, message)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_of(Path::new("a/b.TXT")), Kind::Text);
        assert_eq!(kind_of(Path::new("a/b")), Kind::Text);
        assert_eq!(kind_of(Path::new("a/b.md")), Kind::Text);
        assert_eq!(kind_of(Path::new("b.ndjson")), Kind::Jsonl);
        assert_eq!(kind_of(Path::new("b.json")), Kind::Json);
        assert_eq!(kind_of(Path::new("b.xhtml")), Kind::Html);
        assert_eq!(kind_of(Path::new("b.dat")), Kind::Unknown);
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(b"<!DOCTYPE html>"));
        assert!(looks_like_html(b"<html>"));
        assert!(looks_like_html(b"<?xml version='1.0'?>"));
        assert!(!looks_like_html(b"<< not a tag"));
        assert!(!looks_like_html(b"3 < 4"));
    }
}

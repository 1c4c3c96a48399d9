//! # dyad-ingest
//!
//! Readers that turn inputs — plain text files, JSONL and JSON files, HTML
//! pages, whole directories and standard input — into
//! [`dyad_core::Document`] values for the coder.
//!
//! The entry point is [`read_inputs`]: give it paths (`-` for stdin) and it
//! lazily yields one `Result` per document, in input order. A problem with one
//! file, or with one line of a JSONL file, becomes an [`InputError`] for that
//! item only; reading always goes on with the next one.
//!
//! | input | how it is read |
//! | --- | --- |
//! | `-` | stdin, sniffed like a file of unknown kind; id `<stdin>` |
//! | directory | every non-hidden file below it, recursively, sorted by path |
//! | `.txt`, `.text`, `.md`, no extension | one document: the whole decoded file |
//! | `.jsonl`, `.ndjson` | one document per line, streamed |
//! | `.json` | one object, or an array of objects, with the JSONL fields |
//! | `.html`, `.htm`, `.xhtml` | the article found by Readability ([`dom_smoothie`]) |
//! | anything else | sniffed: `{` → JSONL, `[` → JSON, `<tag` → HTML, else text; binary → error |
//!
//! JSONL/JSON objects have the fields `id` (string or number; defaults to
//! `<path>:<line>`), `text` (required), `date` (`YYYY-MM-DD` or an ISO 8601 /
//! RFC 3339 datetime, or `null`; `published` is accepted as an alias),
//! `title`, `url` and `source`. Unknown fields are ignored.
//!
//! The building blocks are public too, for the HTTP server and the store:
//! [`decode_bytes`], [`parse_jsonl_line`], [`parse_html`], [`parse_date`] and
//! [`read_bytes_input`].

#![warn(missing_docs)]

mod date;
mod decode;
mod html;
mod json;
mod read;

use std::fmt;

pub use date::parse_date;
pub use decode::decode_bytes;
pub use html::parse_html;
pub use json::parse_jsonl_line;
pub use read::{read_bytes_input, read_inputs};

/// The default for [`ReadOptions::max_document_bytes`]: 16 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// A problem with one input item: a file, a JSONL line or a JSON array item.
///
/// Displays as `origin:line: message` when the line is known, else
/// `origin: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Where the problem is: a file path as given (or joined from a
    /// directory), `<stdin>`, or the id passed to [`parse_html`].
    pub origin: String,
    /// 1-based line number, for JSONL input.
    pub line: Option<usize>,
    /// What went wrong, in words for the person running dyad.
    pub message: String,
}

impl InputError {
    /// An error about a whole input (no line number).
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            line: None,
            message: message.into(),
        }
    }

    /// An error about one line of an input.
    pub fn at_line(origin: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.origin, line, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Publication date given to documents whose input has none (plain text
    /// files always, JSONL/JSON objects without `date`, HTML pages without
    /// date metadata).
    pub default_date: Option<jiff::civil::Date>,
    /// Largest document accepted, in bytes: a text or HTML file, or one JSONL
    /// line. Larger ones are reported as errors and skipped. A `.json` file
    /// (which may hold many documents) may be up to
    /// [`JSON_FILE_LIMIT_FACTOR`] times this size. Default
    /// [`DEFAULT_MAX_DOCUMENT_BYTES`] (16 MiB).
    pub max_document_bytes: usize,
}

/// A whole `.json` file (or non-JSONL stdin) may be this many times
/// [`ReadOptions::max_document_bytes`], since it may hold many documents; each
/// document in it is still held to `max_document_bytes`. Use JSONL, which is
/// streamed, for larger collections.
pub const JSON_FILE_LIMIT_FACTOR: usize = 16;

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            default_date: None,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

impl ReadOptions {
    /// Byte limit for inputs that are read whole and may hold many documents.
    pub(crate) fn collection_limit(&self) -> usize {
        self.max_document_bytes
            .saturating_mul(JSON_FILE_LIMIT_FACTOR)
    }
}

/// The message for a document (or line) over the size limit.
pub(crate) fn too_large_message(what: &str, size: u64, limit: usize, exact: bool) -> String {
    let size = if exact {
        format!("{size} bytes")
    } else {
        format!("more than {size} bytes")
    };
    format!(
        "{what} too large: {size}, over the limit of {limit} bytes \
         (raise max_document_bytes, --max-document-bytes on the command line, to read it)"
    )
}

/// The message for a document with no text.
pub(crate) const EMPTY_DOCUMENT: &str = "empty document";

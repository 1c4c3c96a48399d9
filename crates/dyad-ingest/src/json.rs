//! JSONL (one article object per line) and JSON (one object or an array).

use std::io::{BufRead, ErrorKind};

use dyad_core::Document;
use serde_json::{Map, Value};

use crate::{parse_date, too_large_message, InputError, ReadOptions, EMPTY_DOCUMENT};

/// Parses one line of a JSONL file into a document.
///
/// The line holds a JSON object with `text` (required, a string), and
/// optionally `id` (string or number; when missing, `"<origin>:<line_no>"`),
/// `date` (see [`parse_date`]; `null` or missing gives
/// [`ReadOptions::default_date`]; `published` is accepted as an alias),
/// `title`, `url` and `source`. Other fields are ignored. A leading
/// byte-order mark and surrounding whitespace are ignored.
///
/// Returns `Ok(None)` for a blank line.
///
/// # Errors
///
/// An [`InputError`] at `origin:line_no` when the line is not a JSON object,
/// lacks `text`, has an empty `text`, a field of the wrong type, an invalid
/// date (the message quotes it), or is longer than
/// [`ReadOptions::max_document_bytes`].
pub fn parse_jsonl_line(
    line: &str,
    origin: &str,
    line_no: usize,
    opts: &ReadOptions,
) -> Result<Option<Document>, InputError> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line).trim();
    if line.is_empty() {
        return Ok(None);
    }
    let err = |message: String| InputError::at_line(origin, line_no, message);
    if line.len() > opts.max_document_bytes {
        return Err(err(too_large_message(
            "line",
            line.len() as u64,
            opts.max_document_bytes,
            true,
        )));
    }
    let value: Value = serde_json::from_str(line).map_err(|e| err(json_error_message(&e)))?;
    let fallback_id = format!("{origin}:{line_no}");
    document_from_value(value, fallback_id, opts)
        .map(Some)
        .map_err(err)
}

/// Turns serde_json's message into one without its own (always 1) line
/// number: `invalid JSON: expected value (column 3)`.
fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let what = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    if e.column() > 0 {
        format!("invalid JSON: {what} (column {})", e.column())
    } else {
        format!("invalid JSON: {what}")
    }
}

/// Builds a document from a parsed JSON value holding one article object.
///
/// Errors are plain messages; the caller adds where they happened.
pub(crate) fn document_from_value(
    value: Value,
    fallback_id: String,
    opts: &ReadOptions,
) -> Result<Document, String> {
    let mut obj = match value {
        Value::Object(obj) => obj,
        other => {
            return Err(format!(
                "expected a JSON object with a \"text\" field, found {}",
                kind_of(&other)
            ))
        }
    };
    let text = match obj.remove("text") {
        Some(Value::String(text)) => text,
        None | Some(Value::Null) => return Err("missing required field \"text\"".to_owned()),
        Some(other) => {
            return Err(format!(
                "field \"text\" must be a string, found {}",
                kind_of(&other)
            ))
        }
    };
    if text.trim().is_empty() {
        return Err(format!("{EMPTY_DOCUMENT} (field \"text\" is empty)"));
    }
    if text.len() > opts.max_document_bytes {
        return Err(too_large_message(
            "document",
            text.len() as u64,
            opts.max_document_bytes,
            true,
        ));
    }
    let id = match obj.remove("id") {
        None | Some(Value::Null) => fallback_id,
        Some(Value::String(s)) if s.trim().is_empty() => fallback_id,
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(format!(
                "field \"id\" must be a string or a number, found {}",
                kind_of(&other)
            ))
        }
    };
    let (date_field, date_value) = match obj.remove("date") {
        Some(v) if !v.is_null() => ("date", Some(v)),
        _ => (
            "published",
            obj.remove("published").filter(|v| !v.is_null()),
        ),
    };
    let published = match date_value {
        None => opts.default_date,
        Some(Value::String(s)) if s.trim().is_empty() => opts.default_date,
        Some(Value::String(s)) => Some(parse_date(&s).ok_or_else(|| {
            format!(
                "invalid date {:?} in field \"{date_field}\" \
                 (expected YYYY-MM-DD or an ISO 8601 datetime)",
                s
            )
        })?),
        Some(other) => {
            return Err(format!(
                "invalid date {other} in field \"{date_field}\" \
                 (expected a string such as \"2020-10-20\")"
            ))
        }
    };
    Ok(Document {
        id,
        text,
        published,
        title: optional_string(&mut obj, "title")?,
        url: optional_string(&mut obj, "url")?,
        source: optional_string(&mut obj, "source")?,
    })
}

/// Takes an optional string field; `null` and empty strings are absent.
fn optional_string(obj: &mut Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match obj.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "field \"{field}\" must be a string, found {}",
            kind_of(&other)
        )),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses a JSON document: one article object, or an array of them.
///
/// Array items without an `id` get `"<origin>[<index>]"` (0-based); a single
/// object gets `origin`. Errors for one item do not stop the others.
pub(crate) fn parse_json_text(
    text: &str,
    origin: &str,
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return vec![Err(InputError::new(origin, EMPTY_DOCUMENT))];
    }
    match serde_json::from_str(text) {
        Ok(value) => parse_json_value(value, origin, opts),
        Err(e) => vec![Err(InputError::new(origin, format!("invalid JSON: {e}")))],
    }
}

/// Documents from a parsed JSON value: one article object, or an array of
/// them (see [`parse_json_text`]).
pub(crate) fn parse_json_value(
    value: Value,
    origin: &str,
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    match value {
        Value::Array(items) => {
            if items.is_empty() {
                return vec![Err(InputError::new(
                    origin,
                    format!("{EMPTY_DOCUMENT} (empty JSON array)"),
                ))];
            }
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    document_from_value(item, format!("{origin}[{i}]"), opts)
                        .map_err(|m| InputError::new(origin, format!("item {i}: {m}")))
                })
                .collect()
        }
        other => vec![document_from_value(other, origin.to_owned(), opts)
            .map_err(|m| InputError::new(origin, m))],
    }
}

/// What [`read_line_limited`] found.
enum Line {
    /// End of input: no bytes at all.
    Eof,
    /// A line, without its `\n`, now in the buffer.
    Complete,
    /// A line longer than the limit; its length without `\n`. The buffer
    /// holds nothing useful.
    TooLong(u64),
}

/// Reads one `\n`-terminated line into `buf`, storing at most `limit` bytes:
/// the rest of a longer line is skipped without being kept.
fn read_line_limited<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Line> {
    buf.clear();
    let mut seen_any = false;
    let mut length: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        seen_any = true;
        let (content, consumed, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (&available[..at], at + 1, true),
            None => (available, available.len(), false),
        };
        length += content.len() as u64;
        if !too_long {
            if buf.len() + content.len() > limit {
                too_long = true;
                buf.clear();
                buf.shrink_to(limit.min(1 << 20));
            } else {
                buf.extend_from_slice(content);
            }
        }
        reader.consume(consumed);
        if done {
            break;
        }
    }
    if !seen_any {
        Ok(Line::Eof)
    } else if too_long {
        Ok(Line::TooLong(length))
    } else {
        Ok(Line::Complete)
    }
}

/// Streams documents from a JSONL reader, one line at a time.
pub(crate) struct JsonlReader<R> {
    reader: R,
    origin: String,
    opts: ReadOptions,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
    yielded: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads `reader` as JSONL; errors name `origin`.
    pub(crate) fn new(reader: R, origin: String, opts: ReadOptions) -> Self {
        Self {
            reader,
            origin,
            opts,
            line_no: 0,
            buf: Vec::new(),
            done: false,
            yielded: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_item();
        self.yielded |= item.is_some();
        item
    }
}

impl<R: BufRead> JsonlReader<R> {
    fn next_item(&mut self) -> Option<Result<Document, InputError>> {
        while !self.done {
            self.line_no += 1;
            let line_no = self.line_no;
            // A line may carry a `\r` and JSON whitespace around the object
            // beyond the document limit; allow a little slack for those.
            let limit = self.opts.max_document_bytes.saturating_add(2);
            match read_line_limited(&mut self.reader, &mut self.buf, limit) {
                Ok(Line::Eof) => {
                    self.done = true;
                    if !self.yielded {
                        return Some(Err(InputError::new(
                            self.origin.clone(),
                            format!("{EMPTY_DOCUMENT} (no JSONL records)"),
                        )));
                    }
                }
                Ok(Line::TooLong(len)) => {
                    return Some(Err(InputError::at_line(
                        self.origin.clone(),
                        line_no,
                        too_large_message("line", len, self.opts.max_document_bytes, true),
                    )));
                }
                Ok(Line::Complete) => {
                    let line = match std::str::from_utf8(&self.buf) {
                        Ok(line) => line,
                        Err(e) => {
                            return Some(Err(InputError::at_line(
                                self.origin.clone(),
                                line_no,
                                format!(
                                    "invalid UTF-8 on line {line_no} (at byte {} of the line); \
                                     JSONL input must be UTF-8",
                                    e.valid_up_to()
                                ),
                            )));
                        }
                    };
                    match parse_jsonl_line(line, &self.origin, line_no, &self.opts) {
                        Ok(None) => {}
                        Ok(Some(doc)) => return Some(Ok(doc)),
                        Err(e) => return Some(Err(e)),
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::at_line(
                        self.origin.clone(),
                        line_no,
                        format!("read error: {e}"),
                    )));
                }
            }
        }
        None
    }
}

/// Yields documents from JSONL text already in memory.
pub(crate) struct JsonlText {
    text: String,
    pos: usize,
    line_no: usize,
    origin: String,
    opts: ReadOptions,
    yielded: bool,
}

impl JsonlText {
    /// Reads `text` as JSONL; errors name `origin`.
    pub(crate) fn new(text: String, origin: String, opts: ReadOptions) -> Self {
        Self {
            text,
            pos: 0,
            line_no: 0,
            origin,
            opts,
            yielded: false,
        }
    }
}

impl Iterator for JsonlText {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.pos <= self.text.len() {
            if self.pos == self.text.len() {
                self.pos += 1;
                if self.yielded {
                    return None;
                }
                self.yielded = true;
                return Some(Err(InputError::new(
                    self.origin.clone(),
                    format!("{EMPTY_DOCUMENT} (no JSONL records)"),
                )));
            }
            let rest = &self.text[self.pos..];
            let (line, advance) = match rest.find('\n') {
                Some(at) => (&rest[..at], at + 1),
                None => (rest, rest.len()),
            };
            self.pos += advance;
            self.line_no += 1;
            match parse_jsonl_line(line, &self.origin, self.line_no, &self.opts) {
                Ok(None) => {}
                Ok(Some(doc)) => {
                    self.yielded = true;
                    return Some(Ok(doc));
                }
                Err(e) => {
                    self.yielded = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    #[test]
    fn full_line() {
        let doc = parse_jsonl_line(
            r#"{"id": "a1", "text": "Talks began.", "date": "2020-10-20T14:03:00Z", "title": "T", "url": "http://x", "source": "S", "extra": [1]}"#,
            "f.jsonl",
            1,
            &opts(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(doc.id, "a1");
        assert_eq!(doc.text, "Talks began.");
        assert_eq!(doc.published, Some(date(2020, 10, 20)));
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.url.as_deref(), Some("http://x"));
        assert_eq!(doc.source.as_deref(), Some("S"));
    }

    #[test]
    fn numeric_and_missing_ids_and_default_date() {
        let o = ReadOptions {
            default_date: Some(date(1999, 1, 2)),
            ..ReadOptions::default()
        };
        let doc = parse_jsonl_line(r#"{"id": 42, "text": "x"}"#, "f", 3, &o)
            .unwrap()
            .unwrap();
        assert_eq!(doc.id, "42");
        assert_eq!(doc.published, Some(date(1999, 1, 2)));
        let doc = parse_jsonl_line(r#"{"text": "x", "date": null}"#, "f", 3, &o)
            .unwrap()
            .unwrap();
        assert_eq!(doc.id, "f:3");
        assert_eq!(doc.published, Some(date(1999, 1, 2)));
        let doc = parse_jsonl_line(r#"{"text": "x", "published": "2001-02-03"}"#, "f", 3, &o)
            .unwrap()
            .unwrap();
        assert_eq!(doc.published, Some(date(2001, 2, 3)));
    }

    #[test]
    fn blank_and_bom() {
        assert_eq!(parse_jsonl_line("  \r", "f", 1, &opts()).unwrap(), None);
        let doc = parse_jsonl_line("\u{feff}{\"text\": \"x\"}\r", "f", 1, &opts())
            .unwrap()
            .unwrap();
        assert_eq!(doc.text, "x");
    }

    #[test]
    fn line_errors_name_the_problem() {
        let e = parse_jsonl_line("{\"text\": ", "f.jsonl", 7, &opts()).unwrap_err();
        assert_eq!(e.line, Some(7));
        assert!(e.message.starts_with("invalid JSON"), "{e}");
        assert!(!e.message.contains("line 1"), "{e}");
        let e = parse_jsonl_line(r#"{"id": "x"}"#, "f", 1, &opts()).unwrap_err();
        assert!(e.message.contains("missing required field \"text\""), "{e}");
        let e = parse_jsonl_line(r#"{"text": 5}"#, "f", 1, &opts()).unwrap_err();
        assert!(e.message.contains("must be a string"), "{e}");
        let e = parse_jsonl_line(r#"{"text": "a", "date": "2020-31-12"}"#, "f", 1, &opts())
            .unwrap_err();
        assert!(e.message.contains("\"2020-31-12\""), "{e}");
        let e = parse_jsonl_line("[1, 2]", "f", 1, &opts()).unwrap_err();
        assert!(e.message.contains("found an array"), "{e}");
        let e = parse_jsonl_line(r#"{"text": "  "}"#, "f", 1, &opts()).unwrap_err();
        assert!(e.message.contains("empty document"), "{e}");
        let e = parse_jsonl_line(r#"{"text": "a", "id": true}"#, "f", 1, &opts()).unwrap_err();
        assert!(e.message.contains("\"id\""), "{e}");
        assert_eq!(e.to_string(), format!("f:1: {}", e.message));
    }

    #[test]
    fn oversized_line() {
        let o = ReadOptions {
            max_document_bytes: 10,
            ..ReadOptions::default()
        };
        let e = parse_jsonl_line(r#"{"text": "a long text"}"#, "f", 2, &o).unwrap_err();
        assert!(e.message.contains("too large"), "{e}");
        assert!(e.message.contains("max_document_bytes"), "{e}");
    }

    #[test]
    fn limited_line_reader_skips_long_lines() {
        let input = format!("short\n{}\nafter\nlast", "x".repeat(100));
        let mut reader = std::io::BufReader::with_capacity(16, input.as_bytes());
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_limited(&mut reader, &mut buf, 10).unwrap(),
            Line::Complete
        ));
        assert_eq!(buf, b"short");
        assert!(matches!(
            read_line_limited(&mut reader, &mut buf, 10).unwrap(),
            Line::TooLong(100)
        ));
        assert!(buf.capacity() <= 16 + 10);
        assert!(matches!(
            read_line_limited(&mut reader, &mut buf, 10).unwrap(),
            Line::Complete
        ));
        assert_eq!(buf, b"after");
        assert!(matches!(
            read_line_limited(&mut reader, &mut buf, 10).unwrap(),
            Line::Complete
        ));
        assert_eq!(buf, b"last");
        assert!(matches!(
            read_line_limited(&mut reader, &mut buf, 10).unwrap(),
            Line::Eof
        ));
    }

    #[test]
    fn json_array_and_object() {
        let docs = parse_json_text(
            r#"[{"id": "a", "text": "one"}, {"text": "two"}, {"title": "no text"}]"#,
            "c.json",
            &opts(),
        );
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert_eq!(docs[1].as_ref().unwrap().id, "c.json[1]");
        let e = docs[2].as_ref().unwrap_err();
        assert!(e.message.starts_with("item 2: missing"), "{e}");
        let docs = parse_json_text(r#"{"text": "solo"}"#, "o.json", &opts());
        assert_eq!(docs[0].as_ref().unwrap().id, "o.json");
    }
}

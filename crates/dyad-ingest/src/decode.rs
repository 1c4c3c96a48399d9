//! Bytes to text: byte-order marks, UTF-8, legacy encodings, binary detection.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Share of control characters (other than tab, newline, carriage return
/// and form feed) above which decoded content is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Binary(pub(crate) String);

/// Decodes input bytes to a UTF-8 string.
///
/// In order:
/// 1. a UTF-8 byte-order mark is stripped and the rest decoded as UTF-8;
/// 2. a UTF-16 LE/BE byte-order mark selects UTF-16;
/// 3. UTF-16 without a mark is recognised by its pattern of zero bytes;
/// 4. valid UTF-8 is taken as is;
/// 5. anything else is decoded with the encoding guessed by `chardetng`
///    (typically Windows-1252 or another legacy single-byte encoding).
///
/// Malformed sequences in a BOM-marked or guessed encoding become U+FFFD.
///
/// # Errors
///
/// Returns a message starting `binary data, not text:` when the bytes look
/// like binary data: they contain NUL bytes (outside UTF-16), or more than
/// 5 % of the decoded characters are control characters.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, String> {
    decode(bytes, None).map_err(|Binary(why)| format!("binary data, not text: {why}"))
}

/// [`decode_bytes`], with an encoding to use when the bytes are neither
/// BOM-marked nor valid UTF-8 (e.g. an HTML page's declared charset).
pub(crate) fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<String, Binary> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8 {
            if let Ok(s) = std::str::from_utf8(body) {
                return checked(s.to_owned());
            }
            check_nul(body)?;
        }
        let (text, _) = encoding.decode_without_bom_handling(body);
        return checked(text.into_owned());
    }
    // UTF-16 first: its ASCII text is also valid UTF-8 full of NULs.
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return checked(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        check_nul(bytes)?;
        return checked(s.to_owned());
    }
    check_nul(bytes)?;
    let encoding = declared.unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    checked(text.into_owned())
}

/// Rejects bytes that contain NUL.
fn check_nul(bytes: &[u8]) -> Result<(), Binary> {
    match memchr::memchr(0, bytes) {
        Some(at) => Err(Binary(format!("contains NUL bytes (first at byte {at})"))),
        None => Ok(()),
    }
}

/// Rejects text with too many control characters; passes the text through.
fn checked(text: String) -> Result<String, Binary> {
    if let Some(at) = text.find('\0') {
        return Err(Binary(format!(
            "contains NUL characters (first at byte {at} of the decoded text)"
        )));
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}') {
            control += 1;
        }
    }
    if total > 0 && control as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(Binary(format!(
            "{control} of {total} characters are control characters"
        )));
    }
    Ok(text)
}

/// Recognises BOM-less UTF-16 of mostly-Latin text: most code units have a
/// zero high byte, so zeros sit at every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0 {
            even_zero += 1;
        }
        if pair[1] == 0 {
            odd_zero += 1;
        }
    }
    // Require a clear pattern: zeros in (nearly) all high bytes, (nearly)
    // none in the low bytes.
    let many = pairs * 3 / 4;
    let few = pairs / 50;
    if odd_zero >= many && even_zero <= few {
        Some(UTF_16LE)
    } else if even_zero >= many && odd_zero <= few {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Finds the charset an HTML page declares in its first 1024 bytes
/// (`<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`).
pub(crate) fn html_declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len()
            && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(encoding) = Encoding::for_label(&lower[start..i]) {
            // A page that says UTF-16 but is not BOM-marked is ASCII-compatible
            // in practice (the HTML spec says the same).
            if encoding == UTF_16LE || encoding == UTF_16BE {
                return Some(UTF_8);
            }
            return Some(encoding);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_bytes("café".as_bytes()).unwrap(), "café");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("café".as_bytes());
        assert_eq!(decode_bytes(&bom).unwrap(), "café");
    }

    #[test]
    fn windows_1252_is_guessed() {
        // "Le café coûte cher." in Windows-1252.
        let bytes = b"Le caf\xe9 co\xfbte cher, dit le ministre fran\xe7ais.";
        assert_eq!(
            decode_bytes(bytes).unwrap(),
            "Le café coûte cher, dit le ministre français."
        );
        // Curly quotes are 0x93/0x94 in Windows-1252.
        assert_eq!(
            decode_bytes(b"He said \x93no\x94 to the caf\xe9.").unwrap(),
            "He said \u{201c}no\u{201d} to the café."
        );
    }

    #[test]
    fn utf16_by_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Grüße, Rußland".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_bytes(&le).unwrap(), "Grüße, Rußland");
        assert_eq!(decode_bytes(&be).unwrap(), "Grüße, Rußland");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let mut le = Vec::new();
        for unit in "Talks resumed in Geneva on Monday.".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode_bytes(&le).unwrap(),
            "Talks resumed in Geneva on Monday."
        );
    }

    #[test]
    fn binary_is_rejected() {
        let err = decode_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(err.starts_with("binary data, not text:"), "{err}");
        assert!(err.contains("NUL"), "{err}");
        let err = decode_bytes(b"ab\x01\x02\x03\x04\x05\x06cd").unwrap_err();
        assert!(err.contains("control characters"), "{err}");
    }

    #[test]
    fn empty_is_empty_text() {
        assert_eq!(decode_bytes(b"").unwrap(), "");
    }

    #[test]
    fn html_charset_declaration() {
        assert_eq!(
            html_declared_charset(b"<html><head><meta charset=\"windows-1251\">"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(
            html_declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            ),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(html_declared_charset(b"<html><p>charset is a word"), None);
    }
}

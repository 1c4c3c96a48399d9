//! Publication dates as they appear in inputs and page metadata.

use jiff::civil::Date;
use jiff::fmt::temporal::Pieces;

/// Parses a publication date and returns its calendar day.
///
/// Accepts `YYYY-MM-DD`, ISO 8601 / RFC 3339 datetimes with or without an
/// offset (`2020-10-20T14:03:00Z`, `2020-10-20T14:03:00+00:00`,
/// `2020-10-20 14:03:00`, fractional seconds, `[Zone]` annotations) and
/// RFC 2822 datetimes as used by feeds (`Tue, 20 Oct 2020 14:03:00 +0000`).
/// The date is the one written, in the writer's own offset: no conversion
/// to UTC is made. Surrounding whitespace is ignored. Returns `None` for
/// anything else, including impossible dates such as `2020-02-30`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(pieces) = Pieces::parse(s) {
        return Some(pieces.date());
    }
    // Some sites write a lower-case `t`/`z`; temporal parsing wants them
    // upper-case.
    if s.bytes().any(|b| b == b't' || b == b'z') && s.is_ascii() {
        if let Ok(pieces) = Pieces::parse(&s.to_ascii_uppercase()) {
            return Some(pieces.date());
        }
    }
    if let Ok(zdt) = jiff::fmt::rfc2822::parse(s) {
        return Some(zdt.date());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn plain_dates() {
        assert_eq!(parse_date("2020-10-20"), Some(date(2020, 10, 20)));
        assert_eq!(parse_date("  1987-02-26\n"), Some(date(1987, 2, 26)));
    }

    #[test]
    fn datetimes_keep_their_written_date() {
        assert_eq!(parse_date("2020-10-20T14:03:00Z"), Some(date(2020, 10, 20)));
        assert_eq!(
            parse_date("2020-10-20T14:03:00+00:00"),
            Some(date(2020, 10, 20))
        );
        assert_eq!(
            parse_date("2020-10-20T23:30:00-05:00"),
            Some(date(2020, 10, 20))
        );
        assert_eq!(
            parse_date("2020-10-20T14:03:00.123Z"),
            Some(date(2020, 10, 20))
        );
        assert_eq!(parse_date("2020-10-20T14:03"), Some(date(2020, 10, 20)));
        assert_eq!(parse_date("2020-10-20 14:03:00"), Some(date(2020, 10, 20)));
        assert_eq!(parse_date("2020-10-20t14:03:00z"), Some(date(2020, 10, 20)));
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            parse_date("Tue, 20 Oct 2020 14:03:00 +0000"),
            Some(date(2020, 10, 20))
        );
    }

    #[test]
    fn rejects_garbage_and_impossible_dates() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2020-02-30"), None);
        assert_eq!(parse_date("2020-13-01"), None);
        assert_eq!(parse_date("20/10/2020"), None);
    }
}

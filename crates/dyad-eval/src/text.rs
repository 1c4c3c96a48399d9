//! Small text helpers shared by the scorers: finding a gold span in its
//! sentence, span overlap, and loose comparison of place names.

/// Folds typographic apostrophes and quotes to ASCII.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c,
    }
}

/// Finds a gold span given as text (`"Kenya 's capital"`) in `text`.
///
/// The exact string is searched first; failing that, both are compared
/// without whitespace and with typographic quotes folded, because some gold
/// sets store spans tokenised (`"al - Shabab"` for `al-Shabab`). Returns the
/// byte range of the first occurrence in `text`.
pub fn find_span(text: &str, span: &str) -> Option<[usize; 2]> {
    let span_trim = span.trim();
    if span_trim.is_empty() {
        return None;
    }
    if let Some(start) = text.find(span_trim) {
        return Some([start, start + span_trim.len()]);
    }
    // (folded char, byte start, byte end) of every non-space char of the text.
    let chars: Vec<(char, usize, usize)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (fold(c), i, i + c.len_utf8()))
        .collect();
    let needle: Vec<char> = span_trim
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect();
    if needle.is_empty() || needle.len() > chars.len() {
        return None;
    }
    (0..=chars.len() - needle.len())
        .find(|&i| {
            chars[i..i + needle.len()]
                .iter()
                .zip(&needle)
                .all(|((c, _, _), n)| c == n)
        })
        .map(|i| [chars[i].1, chars[i + needle.len() - 1].2])
}

/// True when two half-open byte ranges share at least one byte.
pub fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < a[1] && b[0] < b[1] && a[0] < b[1] && b[0] < a[1]
}

/// A place name for comparison: folded quotes and dashes, lowercase,
/// whitespace collapsed, a leading "the" dropped.
pub fn normalize_place(s: &str) -> String {
    let folded: String = s.chars().map(fold).collect::<String>().to_lowercase();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_found_exactly_or_without_spaces() {
        let t = "The Al Qaeda-linked group al-Shabab hit Kenya’s capital.";
        let at = |s: &str| find_span(t, s).map(|[a, b]| &t[a..b]);
        assert_eq!(at("al-Shabab"), Some("al-Shabab"));
        assert_eq!(at("al - Shabab"), Some("al-Shabab"));
        assert_eq!(at("Kenya 's capital"), Some("Kenya’s capital"));
        assert_eq!(at("Uganda"), None);
        assert_eq!(at("  "), None);
        assert_eq!(find_span("ab", "abc"), None);
    }

    #[test]
    fn overlap_is_strict() {
        assert!(overlaps([0, 5], [4, 9]));
        assert!(!overlaps([0, 5], [5, 9]));
        assert!(overlaps([3, 4], [0, 10]));
        assert!(!overlaps([3, 3], [0, 10]));
    }

    #[test]
    fn places_compare_loosely() {
        assert_eq!(normalize_place("  the West  Bank"), "west bank");
        assert_eq!(normalize_place("Ma’ardes"), normalize_place("Ma'ardes"));
        assert_eq!(normalize_place("The"), "the");
    }
}

//! Stage 3a: whole lines of scraped page furniture.

/// Rule name for furniture lines (ads, share/subscribe prompts, credits…).
pub(super) const RULE_BOILERPLATE: &str = "boilerplate-line";
/// Rule name for a line that is just a URL.
pub(super) const RULE_URL: &str = "url-line";
/// Rule name for a cookie/consent notice.
pub(super) const RULE_COOKIE: &str = "cookie-notice";
/// Rule name for a line with no letter or digit at all.
pub(super) const RULE_SYMBOLS: &str = "symbol-line";

/// Furniture lines are only recognised below this many characters.
pub(super) const MAX_FURNITURE_CHARS: usize = 120;
/// Cookie notices are long-winded; they get a larger limit.
const MAX_COOKIE_CHARS: usize = 300;

/// Lines that are furniture when they are exactly this (ASCII case
/// ignored, trailing punctuation and arrows ignored).
const EXACT: &[&str] = &[
    "ad",
    "ads",
    "advertisement",
    "advertisements",
    "advertising",
    "back to top",
    "comments",
    "continue reading",
    "continue reading below",
    "email",
    "facebook",
    "getty images",
    "linkedin",
    "listen",
    "listen to this article",
    "loading",
    "more on this story",
    "more stories",
    "most popular",
    "most read",
    "paid content",
    "pinterest",
    "print",
    "recommended",
    "recommended for you",
    "reddit",
    "related",
    "related articles",
    "related content",
    "related coverage",
    "related stories",
    "related topics",
    "scroll to continue",
    "scroll to continue with content",
    "share",
    "share on facebook",
    "share on twitter",
    "share this",
    "share this article",
    "share this story",
    "share via email",
    "show comments",
    "skip ad",
    "skip advertisement",
    "sponsored",
    "sponsored content",
    "story continues below",
    "story continues below advertisement",
    "telegram",
    "top stories",
    "trending",
    "trending now",
    "tweet",
    "twitter",
    "view comments",
    "whatsapp",
    "you may also like",
    "you might also like",
];

/// Lines that are furniture when they start with this (ASCII case ignored)
/// followed by the end of the line or a non-alphanumeric character.
const PREFIXES: &[&str] = &[
    "(photo",
    "additional reporting by",
    "also read",
    "caption:",
    "click here",
    "compiled by",
    "credit:",
    "editing by",
    "file photo",
    "follow us",
    "image caption",
    "image copyright",
    "image source",
    "media caption",
    "photo by",
    "photo credit",
    "photo:",
    "photograph:",
    "picture:",
    "pictured:",
    "read also",
    "read more",
    "related:",
    "reporting by",
    "see also",
    "sign up",
    "subscribe",
    "tap here",
    "video:",
    "watch:",
    "writing by",
];

/// Cookie and consent notices start like this.
const COOKIE_PREFIXES: &[&str] = &[
    "accept all cookies",
    "accept cookies",
    "by clicking accept",
    "by continuing to use",
    "by using this site",
    "by using this website",
    "by using our site",
    "by using our website",
    "cookie policy",
    "cookie settings",
    "manage cookies",
    "our site uses cookies",
    "our website uses cookies",
    "this site uses cookies",
    "this website uses cookies",
    "we use cookies",
];

const SOCIAL: &[&str] = &[
    " on twitter",
    " on facebook",
    " on instagram",
    " on x",
    " on linkedin",
    " on telegram",
];

/// Does `hay` start with `prefix` at a word boundary?
fn starts_word(hay: &str, prefix: &str) -> bool {
    hay.starts_with(prefix)
        && hay[prefix.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn is_year_start(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit)
}

/// Classify one trimmed line: `Some(rule)` when the whole line is junk.
pub(super) fn classify(line: &str) -> Option<&'static str> {
    if line.is_empty() {
        return None;
    }
    if !line.chars().any(char::is_alphanumeric) {
        return Some(RULE_SYMBOLS);
    }
    let chars = line.chars().take(MAX_COOKIE_CHARS + 1).count();
    if chars > MAX_COOKIE_CHARS {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    if COOKIE_PREFIXES.iter().any(|p| starts_word(&lower, p)) && lower.contains("cookie") {
        return Some(RULE_COOKIE);
    }
    if chars >= MAX_FURNITURE_CHARS {
        return None;
    }
    if !lower.contains(' ')
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
            || lower.starts_with("pic.twitter.com/"))
    {
        return Some(RULE_URL);
    }
    let bare = lower.trim_end_matches(|c: char| {
        c.is_ascii_punctuation() || c.is_whitespace() || matches!(c, '»' | '›' | '…' | '→')
    });
    if EXACT.binary_search(&bare).is_ok() {
        return Some(RULE_BOILERPLATE);
    }
    if PREFIXES.iter().any(|p| starts_word(&lower, p)) {
        return Some(RULE_BOILERPLATE);
    }
    // "Follow Jane Doe on Twitter", "Follow @someone".
    if starts_word(&lower, "follow")
        && (lower.contains('@') || SOCIAL.iter().any(|s| bare.ends_with(s)))
    {
        return Some(RULE_BOILERPLATE);
    }
    // Copyright and rights lines.
    if lower.starts_with('©')
        || lower.contains("all rights reserved")
        || lower
            .strip_prefix("copyright")
            .map(str::trim_start)
            .is_some_and(|r| r.starts_with('©') || r.starts_with("(c)") || is_year_start(r))
        || lower
            .strip_prefix("(c)")
            .map(str::trim_start)
            .is_some_and(is_year_start)
    {
        return Some(RULE_BOILERPLATE);
    }
    // "5 min read".
    if let Some(rest) = bare.strip_suffix("min read") {
        let rest = rest.trim();
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Some(RULE_BOILERPLATE);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn exact_list_is_sorted_for_binary_search() {
        assert!(super::EXACT.windows(2).all(|w| w[0] < w[1]));
    }
}

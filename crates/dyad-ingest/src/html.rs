//! HTML pages: article text by Readability, title and publication date from
//! the page's metadata.

use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};
use dyad_core::Document;

use crate::{parse_date, too_large_message, InputError, ReadOptions, EMPTY_DOCUMENT};

/// `<meta name=…>` / `<meta property=…>` keys that carry a publication date,
/// most specific first. Compared lower-case.
const DATE_META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "original-publish-date",
    "citation_publication_date",
];

/// Page chrome that never holds article text; removed before Readability
/// (which keeps it on short pages, where the whole body wins). Scripts stay
/// for now: JSON-LD metadata lives in them.
const CHROME: &str = "nav, aside, footer, form, button, select, dialog, [role=navigation], \
                      [role=banner], [role=contentinfo], [hidden], [aria-hidden=true]";

/// Elements that never hold visible text; removed, with the page chrome,
/// before the fallback extraction.
const INVISIBLE: &str = "script, style, noscript, template, iframe, svg, object, embed";

/// Extracts the article in an HTML page as a document with id `id`.
///
/// The text is what Readability (`dom_smoothie`) finds as the main content,
/// with block elements (paragraphs, headings, list items) on lines of their
/// own, separated by blank lines. When Readability finds nothing, the visible
/// text of `<body>` is used instead, with navigation, header, footer, forms
/// and scripts removed. The title is the article's; the publication date
/// comes from the page metadata when present (`article:published_time`,
/// JSON-LD `datePublished`, `<meta name="date">`, `pubdate`, `dc.date` and
/// similar, `itemprop="datePublished"`, `<time datetime>`), else from
/// [`ReadOptions::default_date`]. `url` and `source` come from the page's
/// canonical URL and site name when it gives them.
///
/// Malformed HTML is parsed the way browsers parse it; it never panics.
///
/// # Errors
///
/// An [`InputError`] with origin `id` when the page is larger than
/// [`ReadOptions::max_document_bytes`] or has no text at all
/// (`empty document`).
pub fn parse_html(html: &str, id: &str, opts: &ReadOptions) -> Result<Document, InputError> {
    if html.len() > opts.max_document_bytes {
        return Err(InputError::new(
            id,
            too_large_message("document", html.len() as u64, opts.max_document_bytes, true),
        ));
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let dom = Dom::from(html);
    // Metadata first: Readability rewrites the document while it works.
    let own_date = metadata_date(&dom);
    let fallback_title = page_title(&dom);
    let own_url = page_url(&dom);
    remove_chrome(&dom);

    let mut title = None;
    let mut text = String::new();
    let mut published = None;
    let mut url = None;
    let mut source = None;
    if let Ok(mut readability) = Readability::with_document(dom, None, Some(cfg)) {
        if let Ok(article) = readability.parse() {
            text = tidy_text(&article.text_content);
            title = non_empty(article.title.as_str());
            published = article.published_time.as_deref().and_then(parse_date);
            url = article.url.as_deref().and_then(non_empty);
            source = article.site_name.as_deref().and_then(non_empty);
        }
    }
    if text.is_empty() {
        text = body_text(html);
    }
    if text.is_empty() {
        return Err(InputError::new(
            id,
            format!("{EMPTY_DOCUMENT} (no text found in the HTML page)"),
        ));
    }
    Ok(Document {
        id: id.to_owned(),
        text,
        published: published.or(own_date).or(opts.default_date),
        title: title.or(fallback_title),
        url: url.or(own_url),
        source,
    })
}

/// The page's canonical address: `<link rel="canonical">` or `og:url`, when
/// absolute.
fn page_url(dom: &Dom) -> Option<String> {
    let canonical = dom
        .try_select("link[rel=canonical][href]")
        .and_then(|s| s.nodes().first().and_then(|n| n.attr("href")));
    let og = dom
        .try_select("meta[property=\"og:url\"][content]")
        .and_then(|s| s.nodes().first().and_then(|n| n.attr("content")));
    [canonical, og].into_iter().flatten().find_map(|u| {
        let u = u.trim();
        (u.starts_with("https://") || u.starts_with("http://")).then(|| u.to_owned())
    })
}

/// Removes navigation, page header and footer, sidebars and forms. A
/// `<header>` inside `<article>` or `<main>` is the article's own (headline,
/// byline) and stays.
fn remove_chrome(dom: &Dom) {
    if let Some(chrome) = dom.try_select(CHROME) {
        chrome.remove();
    }
    if let Some(headers) = dom.try_select("header") {
        for header in headers.nodes() {
            let in_article = header
                .ancestors_it(None)
                .any(|a| a.is("article, main, [role=main]"));
            if !in_article {
                header.remove_from_parent();
            }
        }
    }
}

/// The visible text of `<body>` without page chrome.
fn body_text(html: &str) -> String {
    let dom = Dom::from(html);
    remove_chrome(&dom);
    if let Some(junk) = dom.try_select(INVISIBLE) {
        junk.remove();
    }
    match dom.body() {
        Some(body) => tidy_text(&body.formatted_text()),
        None => tidy_text(&dom.formatted_text()),
    }
}

/// `<title>` or the first `<h1>`, whitespace collapsed.
fn page_title(dom: &Dom) -> Option<String> {
    ["title", "h1"].iter().find_map(|sel| {
        dom.try_select(sel)
            .and_then(|s| s.nodes().first().map(|n| collapse_spaces(&n.text())))
            .filter(|t| !t.is_empty())
    })
}

/// The first parseable publication date in the page's own markup.
///
/// JSON-LD and `article:published_time` are also read by `dom_smoothie`,
/// whose answer is preferred; this covers the rest.
fn metadata_date(dom: &Dom) -> Option<jiff::civil::Date> {
    let mut metas: Vec<(usize, String)> = Vec::new();
    if let Some(sel) = dom.try_select("meta[content]") {
        for node in sel.nodes() {
            let Some(content) = node.attr("content") else {
                continue;
            };
            for key_attr in ["property", "name", "itemprop"] {
                if let Some(key) = node.attr(key_attr) {
                    let key = key.trim().to_ascii_lowercase();
                    if let Some(rank) = DATE_META_KEYS.iter().position(|k| *k == key) {
                        metas.push((rank, content.to_string()));
                    }
                }
            }
        }
    }
    metas.sort_by_key(|(rank, _)| *rank);
    if let Some(date) = metas.iter().find_map(|(_, v)| parse_date(v)) {
        return Some(date);
    }
    // <time itemprop="datePublished">, <time pubdate>, then any <time>.
    for sel in [
        "[itemprop=datePublished][datetime]",
        "time[pubdate][datetime]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        if let Some(found) = dom.try_select(sel) {
            if let Some(date) = found
                .nodes()
                .iter()
                .find_map(|n| n.attr("datetime").and_then(|v| parse_date(&v)))
            {
                return Some(date);
            }
        }
    }
    None
}

fn non_empty(s: &str) -> Option<String> {
    let s = collapse_spaces(s);
    (!s.is_empty()).then_some(s)
}

/// Collapses runs of whitespace to one space and trims.
fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises extracted text: trims each line, turns non-breaking spaces
/// into spaces, and keeps at most one blank line between blocks.
fn tidy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0usize;
    for line in s.lines() {
        let line = collapse_spaces(&line.replace('\u{a0}', " "));
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank_run = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Leaders meet in Geneva | Example News</title>
<meta property="article:published_time" content="2020-10-20T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport navigation link</a></li></ul></nav>
<header><div class="site-header">Example News — subscribe today</div></header>
<article>
<h1>Leaders meet in Geneva</h1>
<p>The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday to discuss a ceasefire in the disputed region, officials from both governments said after the talks.</p>
<p>The United Nations secretary-general welcomed the meeting and urged both sides to respect the humanitarian truce that was agreed earlier this month in Moscow.</p>
<p>Russia, France and the United States, co-chairs of the mediation group, said they would continue to work with the parties toward a lasting settlement of the conflict.</p>
</article>
<footer><p>Copyright 2020 Example News. All rights reserved. Privacy policy. Terms of use.</p></footer>
</body></html>"#;

    #[test]
    fn article_paragraphs_title_and_date() {
        let doc = parse_html(PAGE, "page.html", &ReadOptions::default()).unwrap();
        assert_eq!(doc.id, "page.html");
        assert_eq!(doc.published, Some(date(2020, 10, 20)));
        assert!(doc
            .title
            .as_deref()
            .unwrap()
            .contains("Leaders meet in Geneva"));
        let paragraphs: Vec<&str> = doc.text.split("\n\n").collect();
        assert!(
            paragraphs
                .iter()
                .any(|p| p.starts_with("The foreign ministers of Armenia")
                    && p.ends_with("said after the talks.")),
            "{:?}",
            doc.text
        );
        assert!(
            paragraphs
                .iter()
                .any(|p| p.starts_with("The United Nations secretary-general")),
            "{:?}",
            doc.text
        );
        assert!(
            !doc.text.contains("Sport navigation link"),
            "{:?}",
            doc.text
        );
        assert!(!doc.text.contains("Copyright"), "{:?}", doc.text);
        assert!(!doc.text.contains("talks.The"), "{:?}", doc.text);
    }

    #[test]
    fn canonical_url() {
        let html = r#"<html><head><link rel="canonical" href="https://example.org/a"></head><body><p>Text of the page.</p></body></html>"#;
        let doc = parse_html(html, "x", &ReadOptions::default()).unwrap();
        assert_eq!(doc.url.as_deref(), Some("https://example.org/a"));
        let html = r#"<html><head><link rel="canonical" href="/relative"></head><body><p>Text.</p></body></html>"#;
        let doc = parse_html(html, "x", &ReadOptions::default()).unwrap();
        assert_eq!(doc.url, None);
    }

    #[test]
    fn other_date_sources() {
        let body = "<p>Some article text that is long enough to count as content for the page.</p>";
        let cases = [
            (
                r#"<meta name="date" content="2019-03-04">"#,
                date(2019, 3, 4),
            ),
            (
                r#"<meta name="DC.date" content="2018-05-06">"#,
                date(2018, 5, 6),
            ),
            (
                r#"<meta name="pubdate" content="20170708">"#,
                date(2017, 7, 8),
            ),
            (
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","datePublished":"2016-09-10T08:00:00+02:00"}</script>"#,
                date(2016, 9, 10),
            ),
        ];
        for (head, want) in cases {
            let html = format!("<html><head>{head}</head><body>{body}</body></html>");
            let doc = parse_html(&html, "x", &ReadOptions::default()).unwrap();
            assert_eq!(doc.published, Some(want), "{head}");
        }
        let html = format!(
            "<html><body><article><time datetime=\"2015-11-12T09:00:00Z\">Nov 12</time>{body}</article></body></html>"
        );
        let doc = parse_html(&html, "x", &ReadOptions::default()).unwrap();
        assert_eq!(doc.published, Some(date(2015, 11, 12)));
    }

    #[test]
    fn default_date_when_page_has_none() {
        let opts = ReadOptions {
            default_date: Some(date(2001, 1, 1)),
            ..ReadOptions::default()
        };
        let doc = parse_html("<p>Only a paragraph of text.</p>", "x", &opts).unwrap();
        assert_eq!(doc.published, Some(date(2001, 1, 1)));
        assert_eq!(doc.text, "Only a paragraph of text.");
    }

    #[test]
    fn short_pages_lose_their_chrome() {
        let html = "<html><body><nav>Menu Home About</nav><header>Site name</header><p>First short line.</p><p>Second short line.</p><footer>Footer junk</footer></body></html>";
        let doc = parse_html(html, "x", &ReadOptions::default()).unwrap();
        assert_eq!(doc.text, "First short line.\n\nSecond short line.");
    }

    #[test]
    fn fallback_body_text_keeps_blocks_and_drops_chrome_and_scripts() {
        let html = "<html><body><nav>Menu</nav><script>var x;</script><h2>Head</h2><p>One.</p><ul><li>a</li><li>b</li></ul><div>Two<br>lines</div><footer>F</footer></body></html>";
        assert_eq!(body_text(html), "Head\n\nOne.\n\na\nb\n\nTwo\nlines");
    }

    #[test]
    fn empty_page_is_an_error() {
        for html in [
            "",
            "<html><head><title>t</title></head><body>  </body></html>",
            "<script>var x = 1;</script>",
        ] {
            let e = parse_html(html, "e.html", &ReadOptions::default()).unwrap_err();
            assert!(e.message.starts_with("empty document"), "{html:?}: {e}");
            assert_eq!(e.origin, "e.html");
        }
    }

    #[test]
    fn malformed_html_does_not_panic() {
        let inputs = [
            "<html><body><p>Unclosed <b>bold <i>italic <p>next paragraph with text",
            "<<<>>><p <div>>> </span></span></div></p> text & more &amp &#xFFFFFF; &#0;",
            "<table><tr><td><p>cell<table><td>nested</table></p></td>",
            "</html></body><body><p>after end</p>",
            "<svg><foreignObject><p>inside svg</p></foreignObject></svg><math><mi><p>x",
            "<!-- unclosed comment <p>hidden",
            "<p>\u{0}\u{1}\u{fffd} control chars</p>",
            "<script>never closed <p>text",
            "<html lang=\"\"><head><meta charset></head><body><time datetime=\"garbage\">x</time><p>Words here.</p>",
        ];
        for html in inputs {
            let _ = parse_html(html, "m.html", &ReadOptions::default());
        }
    }

    #[test]
    fn random_tag_soup_does_not_panic() {
        // A small deterministic generator (xorshift) of tag soup.
        let pieces = [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<li>",
            "<ul>",
            "</ul>",
            "<table>",
            "<td>",
            "<tr>",
            "<h1>",
            "</h2>",
            "<br>",
            "<a href='x'>",
            "</a>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<nav>",
            "</footer>",
            "<",
            ">",
            "&amp;",
            "&#",
            "word ",
            "Sentence here. ",
            "\"",
            "'",
            "=",
            "<meta property='article:published_time' content='",
            "2020-",
            "<time datetime='",
            "<title>",
            "</title>",
            "<body>",
            "<html>",
            "<![CDATA[",
            "]]>",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200 {
            let mut html = String::new();
            for _ in 0..60 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                html.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let _ = parse_html(&html, "soup.html", &ReadOptions::default());
        }
    }

    #[test]
    fn tidy_text_keeps_block_breaks() {
        assert_eq!(tidy_text("  a  b \n\n\n\n c\nd \u{a0}e"), "a b\n\nc\nd e");
    }
}

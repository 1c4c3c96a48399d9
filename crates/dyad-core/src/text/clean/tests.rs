use std::time::{Duration, Instant};

use super::*;

/// Check every invariant of the offset map of `c` against `raw`.
fn check_map(raw: &str, c: &CleanText) {
    let text = &c.text;
    // Segments tile the text and run forward through the original.
    let mut clean = 0;
    let mut orig = 0;
    for s in &c.segs {
        assert_eq!(s.clean, clean, "segments must tile the text");
        assert!(s.clean_len > 0, "no empty segments");
        assert!(
            s.orig >= orig,
            "original offsets must not go back: {raw:?} {:?}",
            c.segs
        );
        assert!(s.orig + s.orig_len <= raw.len());
        assert!(raw.is_char_boundary(s.orig) && raw.is_char_boundary(s.orig + s.orig_len));
        if s.linear {
            assert_eq!(s.clean_len, s.orig_len);
            assert_eq!(
                &raw[s.orig..s.orig + s.orig_len],
                &text[s.clean..s.clean + s.clean_len],
                "linear segment must be a verbatim copy"
            );
        }
        clean += s.clean_len;
        orig = s.orig + s.orig_len;
    }
    assert_eq!(clean, text.len(), "segments must cover the text");
    // Through the public API: every copied char maps exactly, offsets are
    // monotone and on char boundaries.
    let mut last = 0;
    for (i, ch) in text.char_indices() {
        let o = c.original_offset(i);
        assert!(o >= last, "original_offset must be monotone");
        assert!(raw.is_char_boundary(o));
        last = o;
        let span = c.original_span([i, i + ch.len_utf8()]);
        assert!(span[0] <= span[1] && span[1] <= raw.len());
        assert!(raw.is_char_boundary(span[0]) && raw.is_char_boundary(span[1]));
        let seg = c
            .segs
            .iter()
            .find(|s| s.clean <= i && i < s.clean + s.clean_len)
            .expect("every byte is in a segment");
        if seg.linear {
            assert_eq!(&raw[span[0]..span[1]], &text[i..i + ch.len_utf8()]);
        }
    }
    let end = c.original_offset(text.len());
    assert!(end >= last && end <= raw.len());
    // Whole-text span, and removals, are sane.
    let whole = c.original_span([0, text.len()]);
    assert!(whole[0] <= whole[1] && whole[1] <= raw.len());
    let mut prev = 0;
    for r in c.removed() {
        assert!(r.span[0] < r.span[1] && r.span[1] <= raw.len(), "{r:?}");
        assert!(raw.is_char_boundary(r.span[0]) && raw.is_char_boundary(r.span[1]));
        assert!(r.span[0] >= prev, "removals sorted");
        prev = r.span[0];
    }
}

/// Clean and check the map.
fn cl(raw: &str) -> CleanText {
    let c = clean(raw);
    check_map(raw, &c);
    c
}

fn removed_text<'a>(raw: &'a str, c: &CleanText, rule: &str) -> Vec<&'a str> {
    c.removed()
        .iter()
        .filter(|r| r.rule == rule)
        .map(|r| &raw[r.span[0]..r.span[1]])
        .collect()
}

// ---------------------------------------------------------------- widgets

#[test]
fn widget_with_heading_and_more_tail() {
    let raw = "The envoy will meet Prime Minister Jane Doe Jane Margaret DoeDoe: 'Reckless' plan for \
               ports draws fireDoe vows new tariffs on steel importsSenate passes budget billMORE on \
               Tuesday, officials said.";
    let c = cl(raw);
    assert_eq!(
        c.text,
        "The envoy will meet Prime Minister Jane Doe on Tuesday, officials said."
    );
    assert_eq!(
        removed_text(raw, &c, "widget"),
        vec![
            "Jane Margaret DoeDoe: 'Reckless' plan for ports draws fireDoe vows new tariffs on \
             steel importsSenate passes budget billMORE"
        ]
    );
    // The kept parts still map exactly.
    let i = c.text.find("on Tuesday").unwrap();
    let span = c.original_span([i, i + "on Tuesday".len()]);
    assert_eq!(&raw[span[0]..span[1]], "on Tuesday");
}

#[test]
fn widget_same_structure_as_the_seed_article_with_other_words() {
    // Anchor, heading with a bracketed nickname, a headline with a colon and
    // quotes, headlines glued by lowercase→capital, and a MORE tail.
    let raw = "Chile's trade minister, Ana Rojas, will meet with Foreign Secretary Tom Baker Thomas \
               (Tom) Andrew BakerBaker: 'Unwise' for Facebook to adopt 'one-sided-content' rulesBaker \
               warns any fuel deliveries to Peru will trigger penalties as deal lapsesBrown turns his \
               fire toward agency chiefsMORE on Friday, the country's trade ministry said in a \
               statement.";
    let c = cl(raw);
    assert_eq!(
        c.text,
        "Chile's trade minister, Ana Rojas, will meet with Foreign Secretary Tom Baker on Friday, \
         the country's trade ministry said in a statement."
    );
    assert_eq!(c.removed().len(), 1);
    assert_eq!(c.removed()[0].rule, "widget");
}

#[test]
fn widget_heading_with_mixed_case_and_short_names() {
    let raw = "House Speaker Kevin McCarthy Kevin Owen McCarthyMcCarthy vows budget fightSenate \
               passes billMORE on Monday.";
    assert_eq!(cl(raw).text, "House Speaker Kevin McCarthy on Monday.");
    let raw = "Rep. Suzan DelBene Suzan Kay DelBeneDelBene urges new rulesSenate passes billMORE \
               on Monday.";
    assert_eq!(cl(raw).text, "Rep. Suzan DelBene on Monday.");
    let raw = "Envoy Wei Li Wei Ming LiLi warns on tradeSenate passes billMORE on Monday.";
    assert_eq!(cl(raw).text, "Envoy Wei Li on Monday.");
    // A camel-case name earlier in the sentence is not pulled in.
    let raw =
        "He posted on LinkedIn before he met Jane Doe Jane Margaret DoeDoe vows tariffsSenate \
               passes billMORE on Tuesday.";
    assert_eq!(
        cl(raw).text,
        "He posted on LinkedIn before he met Jane Doe on Tuesday."
    );
}

#[test]
fn widget_with_headlines_glued_by_punctuation() {
    let raw = "Officials met Jane Doe Jane Margaret Doe'Reckless' plan for ports draws fire?Doe \
               vows tariffs on steel'Senate passes budget bill'MORE on Tuesday.";
    let c = cl(raw);
    assert_eq!(c.text, "Officials met Jane Doe on Tuesday.");
    let raw = "The minister spoke in the capital\u{201C}Reckless\u{201D} plan draws fireDoe vows \
               tariffsMORE on Tuesday.";
    assert_eq!(
        cl(raw).text,
        "The minister spoke in the capital on Tuesday."
    );
    // Glued sentences are still only repaired.
    let raw = "Talks ended on Monday.The envoy left.\u{201D}Officials said little.";
    assert_eq!(
        cl(raw).text,
        "Talks ended on Monday. The envoy left.\u{201D} Officials said little."
    );
}

#[test]
fn widget_without_heading() {
    let raw =
        "The minister spoke in the capitalDoe vows new tariffs on steel importsSenate passes \
               budget billMORE on Tuesday, officials said.";
    let c = cl(raw);
    assert_eq!(
        c.text,
        "The minister spoke in the capital on Tuesday, officials said."
    );
    assert_eq!(
        removed_text(raw, &c, "widget"),
        vec!["Doe vows new tariffs on steel importsSenate passes budget billMORE"]
    );
}

#[test]
fn widget_heading_without_anchor_is_kept_as_host_text() {
    let raw =
        "Officials met Jane Margaret RoweRowe vows new tariffs on steel importsSenate passes \
               budget billMORE on Tuesday.";
    assert_eq!(cl(raw).text, "Officials met Jane Margaret Rowe on Tuesday.");
    // A name of three letters or less (`Doe|Doe`) is a join only when its
    // anchor confirms it; without one only the glued headlines go.
    let raw = "Officials met Jane Margaret DoeDoe vows new tariffs on steel importsSenate passes \
               budget billMORE on Tuesday.";
    assert_eq!(
        cl(raw).text,
        "Officials met Jane Margaret DoeDoe vows new tariffs on steel imports on Tuesday."
    );
}

#[test]
fn widget_without_more_tail() {
    // With a heading: the kept text resumes at the last join, as a sentence.
    let raw = "Talks with Prime Minister Jane Doe Jane Margaret DoeDoe vows new tariffs on steel \
               importsSenate passes budget bill quickly.";
    let c = cl(raw);
    assert_eq!(
        c.text,
        "Talks with Prime Minister Jane Doe. Senate passes budget bill quickly."
    );
    assert_eq!(c.removed()[0].rule, "widget");
    // Without a heading it takes three joins.
    let raw = "Rebels shelled the townDoe vows new tariffs on steel importsSenate passes budget \
               billFloods hit the coast again.";
    assert_eq!(
        cl(raw).text,
        "Rebels shelled the town. Floods hit the coast again."
    );
}

#[test]
fn read_more_tails() {
    let cases = [
        "Officials met Jane Doe Jane Margaret DoeDoe warns of new sanctionsREAD MORE in Geneva.",
        "Officials met Jane Doe Jane Margaret DoeDoe warns of new sanctionsRead More in Geneva.",
        "Officials met Jane Doe Jane Margaret DoeDoe warns of new sanctionsRead more in Geneva.",
        "Officials met Jane Doe Jane Margaret DoeDoe warns of new sanctionsMore in Geneva.",
        "Officials met Jane Doe Jane Margaret DoeDoe warns of new sanctions READ MORE in Geneva.",
        "Officials met Jane Doe Jane Margaret DoeMORE in Geneva.",
    ];
    for raw in cases {
        assert_eq!(cl(raw).text, "Officials met Jane Doe in Geneva.", "{raw}");
    }
}

#[test]
fn widget_tail_before_punctuation_and_at_line_end() {
    let raw =
        "He met Jane Doe Jane Margaret DoeDoe vows tariffsSenate passes billMORE, aides said.";
    assert_eq!(cl(raw).text, "He met Jane Doe, aides said.");
    let raw = "He met Jane Doe Jane Margaret DoeDoe vows tariffsSenate passes billMORE\nNext line.";
    assert_eq!(cl(raw).text, "He met Jane Doe\nNext line.");
}

#[test]
fn lone_glued_more_tail_is_removed() {
    let raw = "Troops crossed the riverMORE on Friday.";
    let c = cl(raw);
    assert_eq!(c.text, "Troops crossed the river on Friday.");
    assert_eq!(removed_text(raw, &c, "more-tail"), vec!["MORE"]);
    // Not a tail: inside a capitalised word, or not at a word boundary.
    for raw in [
        "He said he would not wait ANYMORE.",
        "The MOREno clinic opened.",
    ] {
        assert_eq!(cl(raw).text, raw);
    }
}

// ------------------------------------------------------- glued sentences

#[test]
fn single_join_is_repaired_as_a_sentence_break() {
    let raw = "Militants killed two soldiersThe army said it would respond.";
    let c = cl(raw);
    assert_eq!(
        c.text,
        "Militants killed two soldiers. The army said it would respond."
    );
    // The inserted ". " maps to an empty span at the next original char.
    let i = c.text.find(". The").unwrap();
    let t = raw.find("The army").unwrap();
    assert_eq!(c.original_span([i, i + 2]), [t, t]);
    assert_eq!(c.original_offset(i + 1), t);
    assert_eq!(c.original_offset(i + 2), t);
    assert!(c.removed().is_empty());

    let raw = "The talks ended on Monday.The talks resume on Friday.";
    assert_eq!(
        cl(raw).text,
        "The talks ended on Monday. The talks resume on Friday."
    );
    let raw =
        "\u{201C}We will not yield,\u{201D} she said.\u{201D}The crowd cheered!Police watched.";
    assert_eq!(
        cl(raw).text,
        "\u{201C}We will not yield,\u{201D} she said.\u{201D} The crowd cheered! Police watched."
    );
    let raw = "The envoy landed in QatarThe talks were cordial.";
    assert_eq!(
        cl(raw).text,
        "The envoy landed in Qatar. The talks were cordial."
    );
    let raw = "Two rebels were killedMore troops arrived.";
    assert_eq!(cl(raw).text, "Two rebels were killed. More troops arrived.");
    let raw = "Turnout rose in 2020.Officials were pleased.";
    assert_eq!(
        cl(raw).text,
        "Turnout rose in 2020. Officials were pleased."
    );
}

#[test]
fn all_caps_more_standing_alone_is_text() {
    let raw = "Rebels attacked a convoyThe army wants MORE troops now.";
    assert_eq!(
        cl(raw).text,
        "Rebels attacked a convoy. The army wants MORE troops now."
    );
}

#[test]
fn two_glued_sentences_without_heading_or_tail_are_repaired_not_removed() {
    let raw =
        "Rebels attacked a convoyThe army said it was investigatingOfficials declined to comment.";
    assert_eq!(
        cl(raw).text,
        "Rebels attacked a convoy. The army said it was investigating. Officials declined to comment."
    );
}

#[test]
fn long_chains_of_glued_sentences_are_repaired_not_removed() {
    let sentence = "Rebels attacked a convoy near the border";
    let raw = [sentence; 8].join("") + ".";
    let want = [sentence; 8].join(". ") + ".";
    assert_eq!(cl(&raw).text, want);
    // Glued with full stops they are only punctuation joins: repaired too.
    let raw = [sentence; 5].join(".") + " soldiersThe end.";
    let want = [sentence; 5].join(". ") + " soldiers. The end.";
    assert_eq!(cl(&raw).text, want);
}

#[test]
fn legitimate_mixed_case_words_survive() {
    let raw = "McDonald and MacArthur posted on LinkedIn and YouTube from an iPhone; a PhD \
               student, O'Neill, sold a PowerPoint on eBay about NATO's U.S.-led fight with \
               al-Qaeda, WhatsApp and BlackRock, said Mr.Smith of St.Louis in the U.S.The end \
               came via @realJaneDoe, #StopTheWar and https://example.com/newsRoom/LatestNews \
               for macOS users.";
    let c = cl(raw);
    assert_eq!(c.text, raw);
    assert!(c.removed().is_empty());
}

// ---------------------------------------------------------- boilerplate

#[test]
fn boilerplate_lines_are_removed() {
    let furniture = [
        ("Advertisement", "boilerplate-line"),
        ("ADVERTISEMENT", "boilerplate-line"),
        ("Read more: Port talks stall again", "boilerplate-line"),
        ("READ MORE", "boilerplate-line"),
        ("Related: Ports reopen after strike", "boilerplate-line"),
        ("Click here to see the full gallery", "boilerplate-line"),
        ("Sign up for our morning newsletter", "boilerplate-line"),
        ("Subscribe now for unlimited access", "boilerplate-line"),
        ("Share this article", "boilerplate-line"),
        ("Follow us on Twitter", "boilerplate-line"),
        ("Follow Jane Doe on Instagram", "boilerplate-line"),
        ("© 2020 Example Media Group", "boilerplate-line"),
        (
            "Copyright 2021 Example News. All rights reserved.",
            "boilerplate-line",
        ),
        ("All rights reserved", "boilerplate-line"),
        (
            "Image caption Protesters gathered outside",
            "boilerplate-line",
        ),
        ("Photo: Example Agency", "boilerplate-line"),
        ("Photo by J. Smith / Example Agency", "boilerplate-line"),
        (
            "Reporting by Jane Doe; Editing by John Roe",
            "boilerplate-line",
        ),
        ("4 min read", "boilerplate-line"),
        ("https://example.com/world/2020/10/story.html", "url-line"),
        (
            "We use cookies to improve your experience on our site. By continuing to browse you \
             accept our use of cookies and our privacy policy, which you can read any time.",
            "cookie-notice",
        ),
        ("* * *", "symbol-line"),
    ];
    let mut raw = String::from("Talks began in Geneva.\n");
    for (line, _) in furniture {
        raw.push_str(line);
        raw.push_str("\n\n");
    }
    raw.push_str("Talks ended in Geneva.");
    let c = cl(&raw);
    assert_eq!(c.text, "Talks began in Geneva.\n\nTalks ended in Geneva.");
    assert_eq!(c.removed().len(), furniture.len());
    for (r, (line, rule)) in c.removed().iter().zip(furniture) {
        assert_eq!(&raw[r.span[0]..r.span[1]], line);
        assert_eq!(r.rule, rule, "{line}");
    }
}

#[test]
fn real_sentences_with_furniture_words_are_kept() {
    let raw = "The advertisement ran in three newspapers.\n\
               Advertisement spending by the party rose sharply.\n\
               Subscribers to the service complained.\n\
               Related talks were held in Geneva.\n\
               Photos of the damage circulated online.\n\
               Copyright law was changed last year.\n\
               Follow-up talks are planned.\n\
               Read the statement in full, the minister urged reporters on Monday in a long and \
               rambling address that went on for some time.";
    let c = cl(raw);
    assert_eq!(c.text, raw);
    assert!(c.removed().is_empty());
}

#[test]
fn boilerplate_between_single_lines_does_not_add_a_paragraph_break() {
    let raw = "First line.\nAdvertisement\nSecond line.\nShare this article";
    assert_eq!(cl(raw).text, "First line.\nSecond line.");
}

// ---------------------------------------------------- whitespace, unicode

#[test]
fn whitespace_nbsp_zero_width_and_crlf() {
    let raw =
        "  Hello \t world  \r\n\r\n\r\n\r\nNext\u{a0}line\u{200b} he\u{ad}re\u{feff}.\r\r\n   \n";
    let c = cl(raw);
    assert_eq!(c.text, "Hello world\n\nNext line here.");
    // Copied words map exactly; the NBSP maps to itself as a replacement.
    let i = c.text.find("line").unwrap();
    let span = c.original_span([i, i + 4]);
    assert_eq!(&raw[span[0]..span[1]], "line");
    let nb = c.original_span([i - 1, i]);
    assert_eq!(&raw[nb[0]..nb[1]], "\u{a0}");
    // A word with a soft hyphen maps to the whole original word.
    let i = c.text.find("here").unwrap();
    let span = c.original_span([i, i + 4]);
    assert_eq!(&raw[span[0]..span[1]], "he\u{ad}re");

    assert_eq!(cl("a\nb\n\nc\n\n\n\n\nd").text, "a\nb\n\nc\n\nd");
    assert_eq!(cl("a\tb\u{2003}c\u{3000}d").text, "a b c d");
    assert_eq!(cl("one\u{2028}two\u{2029}three").text, "one\ntwo\n\nthree");
    assert_eq!(cl("page\u{c}two").text, "page\ntwo");
}

#[test]
fn nfc_with_offsets() {
    let raw = "Cafe\u{301} talks";
    let c = cl(raw);
    assert_eq!(c.text, "Caf\u{e9} talks");
    assert_eq!(c.original_span([3, 5]), [3, 6]);
    assert_eq!(c.original_span([0, 5]), [0, 6]);
    assert_eq!(c.original_offset(5), 6);
    let i = c.text.find("talks").unwrap();
    assert_eq!(c.original_span([i, i + 5]), [7, 12]);
    // Several marks, reordered and composed; Hangul jamo.
    assert_eq!(cl("q\u{307}\u{323}o").text, "q\u{323}\u{307}o");
    assert_eq!(cl("a\u{323}\u{302}").text, "\u{1ead}");
    assert_eq!(cl("\u{1100}\u{1161}\u{11a8}!").text, "\u{ac01}!");
    // A leading combining mark has no base to combine with.
    assert_eq!(cl("\u{301}x").text, "\u{301}x");
    // Already NFC: a single linear segment.
    let c = cl("Caf\u{e9} talks");
    assert_eq!(c.segs.len(), 1);
}

#[test]
fn empty_and_blank_input() {
    for raw in ["", "   ", "\n\n\t \r\n", "\u{200b}\u{feff}"] {
        let c = cl(raw);
        assert_eq!(c.text, "");
        assert_eq!(c.original_offset(0), c.original_offset(10));
        let o = c.original_offset(0);
        assert_eq!(c.original_span([0, 0]), [o, o]);
        assert!(c.removed().is_empty());
    }
    assert_eq!(clean("").original_offset(0), 0);
}

#[test]
fn end_offset_maps_to_end_of_last_kept_char() {
    let raw = "Talks ended.  \n\n Advertisement \n";
    let c = cl(raw);
    assert_eq!(c.text, "Talks ended.");
    assert_eq!(c.original_offset(c.text.len()), "Talks ended.".len());
    assert_eq!(c.original_span([0, c.text.len()]), [0, 12]);
    // Reversed or out-of-range spans do not panic.
    assert_eq!(c.original_span([5, 2]), [5, 5]);
    assert_eq!(c.original_span([0, 999]), [0, 12]);
}

#[test]
fn control_characters_and_binary_junk() {
    let raw = "Hello\u{0}\u{1}\u{7}world\u{7f} next\u{85}line\u{9b}!";
    let c = cl(raw);
    assert_eq!(c.text, "Helloworld next\nline!");
    assert_eq!(
        c.removed()
            .iter()
            .map(|r| (&raw[r.span[0]..r.span[1]], r.rule))
            .collect::<Vec<_>>(),
        vec![
            ("\u{0}\u{1}\u{7}", "control-char"),
            ("\u{7f}", "control-char"),
            ("\u{9b}", "control-char"),
        ]
    );
    // Binary-ish input decoded lossily: no panic, no controls left.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..50 {
        let bytes: Vec<u8> = (0..2000).map(|_| rng.next() as u8).collect();
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        let c = cl(&raw);
        assert!(!c
            .text
            .chars()
            .any(|ch| ch.is_control() && ch != '\n' && ch != '\t'));
        assert!(!c.text.contains('\t') && !c.text.contains("  "));
    }
}

// ---------------------------------------------------------- performance

#[test]
fn very_long_input_is_linear_ish() {
    let para = "Militants killed two soldiersThe army said it would respond.  Officials met \
                Jane Doe Jane Margaret DoeDoe vows tariffs on steelSenate passes billMORE on \
                Tuesday.\u{a0}Cafe\u{301} owners\u{200b} protested.\r\nAdvertisement\r\n";
    let n = 5_000_000 / para.len() + 1;
    let raw = para.repeat(n);
    let start = Instant::now();
    let c = clean(&raw);
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    assert_eq!(c.text.matches("soldiers. The army").count(), n);
    assert_eq!(c.text.matches("Jane Doe on Tuesday.").count(), n);
    assert_eq!(c.text.matches("Caf\u{e9} owners").count(), n);
    assert!(!c.text.contains("MORE") && !c.text.contains("Advertisement"));
    assert_eq!(c.removed().len(), 2 * n);
    // The map stays run-length: a handful of segments per paragraph.
    assert!(c.segs.len() < 20 * n);
    let i = c.text.len() - 10;
    let span = c.original_span([i, c.text.len()]);
    assert_eq!(&raw[span[0]..span[1]], &c.text[i..]);

    // One enormous line, and tokens that are almost all joins.
    let line = "word ".repeat(200_000) + &"aaaB".repeat(50_000) + &"aA".repeat(100_000);
    let start = Instant::now();
    let c = clean(&line);
    assert!(start.elapsed() < Duration::from_secs(60));
    assert!(c.text.starts_with("word word word"));
}

// ----------------------------------------------------- map property test

/// xorshift64*: a tiny deterministic generator for the property test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "word",
    "Word",
    "The",
    "army",
    "said",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n\n",
    "\r\n",
    "\r",
    ".",
    ",",
    "'",
    "\u{2019}",
    "\u{201C}",
    "\u{201D}",
    "\u{a0}",
    "\u{200b}",
    "\u{ad}",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{9b}",
    "\u{2028}",
    "\u{2029}",
    "e\u{301}",
    "\u{301}",
    "\u{323}",
    "\u{1100}\u{1161}",
    "\u{11a8}",
    "\u{212b}",
    "\u{ac00}",
    "\u{1f600}",
    "Doe",
    "DoeDoe",
    "Jane ",
    "Jane Doe Jane Margaret DoeDoe",
    "MORE",
    "More",
    "READ MORE",
    "Read more",
    "soldiersThe",
    "fireDoe",
    "Monday.The",
    "Mr.Smith",
    "McDonald",
    "iPhone",
    "LinkedIn",
    "(Mike)",
    "Advertisement\n",
    "\nShare this article\n",
    "https://x.example/aB",
    "\u{3000}",
    "ü",
    "\u{fffd}",
    "*",
    "\u{2003}",
    "x",
];

#[test]
fn offset_map_property() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    for round in 0..3000 {
        let parts = 1 + rng.below(if round % 10 == 0 { 200 } else { 30 });
        let raw: String = (0..parts)
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect();
        let c = cl(&raw);
        // Random spans: exact for spans inside linear runs, sane otherwise.
        let bounds: Vec<usize> = c
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain([c.text.len()])
            .collect();
        for _ in 0..10 {
            let a = bounds[rng.below(bounds.len())];
            let b = bounds[rng.below(bounds.len())];
            let (a, b) = (a.min(b), a.max(b));
            let span = c.original_span([a, b]);
            assert!(span[0] <= span[1] && span[1] <= raw.len());
            let linear = c
                .segs
                .iter()
                .any(|s| s.linear && s.clean <= a && b <= s.clean + s.clean_len);
            if linear {
                assert_eq!(&raw[span[0]..span[1]], &c.text[a..b], "{raw:?}");
            }
        }
    }
}

// ---------------------------------------------------------- seed article

#[test]
fn seed_article() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-article.txt"
    );
    let raw = std::fs::read_to_string(path).expect("examples/seed-article.txt is in the repo");
    let c = cl(&raw);
    assert!(c.text.contains("Secretary of State Mike Pompeo on Friday"));
    for junk in ["Iran", "Twitter", "MORE"] {
        assert!(!c.text.contains(junk), "{junk} left in the text");
    }
    assert_eq!(c.removed().len(), 1);
    assert_eq!(c.removed()[0].rule, "widget");
    let r = c.removed()[0].span;
    assert!(raw[r[0]..r[1]].starts_with("Michael (Mike) Richard Pompeo"));
    assert!(raw[r[0]..r[1]].ends_with("MORE"));
}

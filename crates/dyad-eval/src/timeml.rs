//! TimeML documents: the sentence each TIMEX3 expression was written in.
//!
//! The TimeBank gold table lists expressions without their text; the
//! TimeML files it was made from (`tml/<doc>` next to the table) have it.
//! Reading them lets the normaliser see the clause's tense, as the coder
//! does.

use crate::gold::{TimexContext, TimexItem};
use dyad_core::text::segment::{sentences, tokenize};
use std::collections::HashMap;
use std::path::Path;

/// Gives each item whose document is in `dir` the sentence it was written
/// in. Returns how many items got one; a missing or unreadable document
/// leaves its items without context (they are normalised without a tense).
pub fn attach_contexts(items: &mut [TimexItem], dir: &Path) -> usize {
    let mut docs: HashMap<String, Option<HashMap<String, TimexContext>>> = HashMap::new();
    let mut attached = 0;
    for item in items.iter_mut() {
        let contexts = docs.entry(item.doc.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(dir.join(&item.doc)).ok()?;
            contexts(&text)
        });
        if let Some(c) = contexts.as_ref().and_then(|c| c.get(&item.tid)) {
            item.context = Some(c.clone());
            attached += 1;
        }
    }
    attached
}

/// The sentence of every TIMEX3 (by `tid`) in the `<TEXT>` of a TimeML
/// document; `None` when it is not well-formed XML or has no `<TEXT>`.
fn contexts(xml: &str) -> Option<HashMap<String, TimexContext>> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, options).ok()?;
    let body = doc.descendants().find(|n| n.has_tag_name("TEXT"))?;
    let mut text = String::new();
    let mut starts: Vec<(String, usize)> = Vec::new();
    for node in body.descendants() {
        if node.is_text() {
            text.push_str(node.text().unwrap_or(""));
        } else if node.has_tag_name("TIMEX3") {
            if let Some(tid) = node.attribute("tid") {
                starts.push((tid.to_string(), text.len()));
            }
        }
    }
    let tokens = tokenize(&text);
    let spans = sentences(&text, &tokens);
    let mut out = HashMap::new();
    for (tid, at) in starts {
        // The sentence holding the expression's first byte (or, between
        // sentences, the next one).
        let Some(s) = spans.iter().find(|s| at < s.end) else {
            continue;
        };
        let start = s.start.min(at);
        out.insert(
            tid,
            TimexContext {
                sentence: text[start..s.end].to_string(),
                start: at - start,
            },
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_timex_gets_its_sentence() {
        let xml = r#"<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="TIME">03/22/1998</TIMEX3></DCT>
<TEXT>Police <EVENT eid="e1">seized</EVENT> a bomb <TIMEX3 tid="t1" type="DATE">Sunday</TIMEX3>.
The talks will resume <TIMEX3 tid="t2" type="DATE">Monday</TIMEX3> in Belfast.</TEXT></TimeML>"#;
        let c = contexts(xml).unwrap();
        let t1 = &c["t1"];
        assert_eq!(t1.sentence, "Police seized a bomb Sunday.");
        assert_eq!(&t1.sentence[t1.start..t1.start + 6], "Sunday");
        let t2 = &c["t2"];
        assert_eq!(t2.sentence, "The talks will resume Monday in Belfast.");
        assert_eq!(&t2.sentence[t2.start..t2.start + 6], "Monday");
        assert!(!c.contains_key("t0"));
        assert!(contexts("<TimeML><TEXT>unclosed").is_none());
    }

    #[test]
    fn missing_documents_leave_items_without_context() {
        let dir = tempfile::tempdir().unwrap();
        let mut items = vec![TimexItem {
            line: 2,
            doc: "absent.tml".into(),
            dct: jiff::civil::date(1998, 3, 22),
            tid: "t1".into(),
            kind: "DATE".into(),
            value: "1998-03-22".into(),
            text: "Sunday".into(),
            context: None,
        }];
        assert_eq!(attach_contexts(&mut items, dir.path()), 0);
        std::fs::write(
            dir.path().join("absent.tml"),
            r#"<TimeML><TEXT>It fell <TIMEX3 tid="t1">Sunday</TIMEX3>.</TEXT></TimeML>"#,
        )
        .unwrap();
        assert_eq!(attach_contexts(&mut items, dir.path()), 1);
        assert_eq!(
            items[0].context.as_ref().unwrap().sentence,
            "It fell Sunday."
        );
    }
}

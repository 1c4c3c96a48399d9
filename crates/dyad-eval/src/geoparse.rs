//! Toponym recognition and resolution against the geoparsing corpora LGL
//! (Lieberman et al., local news) and GeoWebNews (Gritta et al.).
//!
//! Both are XML files of articles with their toponyms: a span of the text
//! and, when resolved, coordinates (LGL: `<toponym><start><end><phrase>
//! <gaztag geonameid><lat><lon>`; GeoWebNews: `<toponym><extractedName>
//! <start><end><nonLocational><latitude><longitude>`). The gold toponyms
//! are those with coordinates (GeoWebNews: not marked non-locational).
//!
//! Scores, the usual ones of the field: recognition precision, recall and
//! F1 (a found place matches a gold toponym whose span it overlaps), and for
//! the matched toponyms that dyad resolved to coordinates, the share within
//! 161 km (100 miles) of the gold point and the median error.

use crate::report::{Mistake, Section, SetReport, Value};
use crate::EvalError;

/// One gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct Toponym {
    /// Byte range in the article text.
    pub span: [usize; 2],
    /// The name as written.
    pub name: String,
    /// Gold latitude and longitude.
    pub point: (f64, f64),
}

/// One article with its gold toponyms.
#[derive(Debug, Clone, PartialEq)]
pub struct ToponymDoc {
    /// Article id.
    pub id: String,
    /// Article text.
    pub text: String,
    /// Gold toponyms with coordinates.
    pub toponyms: Vec<Toponym>,
}

/// A place found by the coder: byte span in the text, name, coordinates.
pub type FoundPlace = ([usize; 2], String, Option<(f64, f64)>);

/// Finds the places of a text.
pub type Placer<'a> = &'a (dyn Fn(&str) -> Vec<FoundPlace> + Sync);

fn child_text<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.children()
        .find(|c| c.has_tag_name(name))
        .and_then(|c| c.text())
        .map(str::trim)
}

/// The byte range of a toponym given as offsets that may count characters
/// (LGL, GeoWebNews) rather than bytes: the one of the two readings whose
/// text is the name; `None` when neither is.
fn byte_span(text: &str, start: usize, end: usize, name: &str) -> Option<[usize; 2]> {
    if text.get(start..end) == Some(name) {
        return Some([start, end]);
    }
    let byte_at = |chars: usize| {
        text.char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .nth(chars)
    };
    let (s, e) = (byte_at(start)?, byte_at(end)?);
    (text.get(s..e) == Some(name)).then_some([s, e])
}

/// Reads an LGL or GeoWebNews XML file.
pub fn read(name: &str, xml: &str) -> Result<(Vec<ToponymDoc>, Vec<String>), EvalError> {
    let bad = |message: String| EvalError::Malformed {
        path: name.to_string(),
        line: 1,
        message,
    };
    let tree = roxmltree::Document::parse(xml).map_err(|e| bad(format!("not XML: {e}")))?;
    let mut docs = Vec::new();
    let mut unaligned = 0usize;
    for (k, art) in tree
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("article"))
        .enumerate()
    {
        let id = art
            .attribute("docid")
            .or_else(|| art.attribute("file"))
            .map_or_else(|| k.to_string(), str::to_string);
        let Some(text) = art
            .children()
            .find(|c| c.has_tag_name("text"))
            .and_then(|c| c.text())
        else {
            continue;
        };
        let mut toponyms = Vec::new();
        let list = art.descendants().filter(|n| n.has_tag_name("toponym"));
        for t in list {
            if child_text(t, "nonLocational") == Some("Yes") {
                continue;
            }
            let num = |tag: &str| child_text(t, tag).and_then(|s| s.parse::<f64>().ok());
            let gaz = t.children().find(|c| c.has_tag_name("gaztag"));
            let point = match gaz {
                Some(g) => child_text(g, "lat")
                    .and_then(|s| s.parse().ok())
                    .zip(child_text(g, "lon").and_then(|s| s.parse().ok())),
                None => num("latitude").zip(num("longitude")),
            };
            let Some(point) = point else { continue };
            let name = child_text(t, "phrase")
                .or_else(|| child_text(t, "extractedName"))
                .unwrap_or("");
            let pos = |tag: &str| child_text(t, tag).and_then(|s| s.parse::<usize>().ok());
            let (Some(start), Some(end)) = (pos("start"), pos("end")) else {
                continue;
            };
            match byte_span(text, start, end, name) {
                Some(span) => toponyms.push(Toponym {
                    span,
                    name: name.to_string(),
                    point,
                }),
                None => unaligned += 1,
            }
        }
        toponyms.sort_by_key(|t| t.span);
        docs.push(ToponymDoc {
            id,
            text: text.to_string(),
            toponyms,
        });
    }
    if docs.is_empty() {
        return Err(bad("no <article> with a <text>".into()));
    }
    let mut notes = Vec::new();
    if unaligned > 0 {
        notes.push(format!(
            "{unaligned} gold toponym(s) skipped: their offsets do not point at their name"
        ));
    }
    Ok((docs, notes))
}

/// Great-circle distance in km.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Scores the places `placer` finds in each article.
pub fn score(set: &str, format: &str, docs: &[ToponymDoc], placer: Placer<'_>) -> SetReport {
    let mut report = SetReport::new(set, format);
    let found = crate::par_map(docs, |d| placer(&d.text));
    let (mut gold_n, mut found_n, mut found_ok, mut gold_ok) = (0, 0, 0, 0);
    let (mut resolvable, mut within, mut unresolved) = (0, 0, 0);
    let mut errors: Vec<f64> = Vec::new();
    for (d, places) in docs.iter().zip(&found) {
        gold_n += d.toponyms.len();
        found_n += places.len();
        let overlaps = |a: [usize; 2], b: [usize; 2]| a[0] < b[1] && b[0] < a[1];
        found_ok += places
            .iter()
            .filter(|p| d.toponyms.iter().any(|t| overlaps(p.0, t.span)))
            .count();
        for t in &d.toponyms {
            let Some(p) = places.iter().find(|p| overlaps(p.0, t.span)) else {
                if report.mistakes.len() < 2000 {
                    report.mistakes.push(Mistake {
                        id: d.id.clone(),
                        line: 0,
                        text: context(&d.text, t.span),
                        expected: vec![t.name.clone()],
                        coded: vec![],
                        kind: "toponym not found".into(),
                    });
                }
                continue;
            };
            gold_ok += 1;
            resolvable += 1;
            match p.2 {
                Some(point) => {
                    let km = distance_km(point, t.point);
                    errors.push(km);
                    if km <= 161.0 {
                        within += 1;
                    } else if report.mistakes.len() < 2000 {
                        report.mistakes.push(Mistake {
                            id: d.id.clone(),
                            line: 0,
                            text: context(&d.text, t.span),
                            expected: vec![format!(
                                "{} @ {:.2},{:.2}",
                                t.name, t.point.0, t.point.1
                            )],
                            coded: vec![format!(
                                "{} @ {:.2},{:.2} ({km:.0} km off)",
                                p.1, point.0, point.1
                            )],
                            kind: "toponym resolved over 161 km away".into(),
                        });
                    }
                }
                None => unresolved += 1,
            }
        }
    }
    errors.sort_by(f64::total_cmp);
    let median = errors.get(errors.len() / 2).copied();
    let p = Value::ratio(found_ok, found_n);
    let r = Value::ratio(gold_ok, gold_n);
    let f1 = Value::Ratio(match (p.as_f64(), r.as_f64()) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    });
    report.sections.push(
        Section::new("recognition", "toponym recognition (spans overlap)")
            .with("articles", "articles", Value::Count(docs.len()))
            .with(
                "gold",
                "gold toponyms with coordinates",
                Value::Count(gold_n),
            )
            .with("found", "places dyad found", Value::Count(found_n))
            .with("precision", "precision (found places on a gold toponym)", p)
            .with("recall", "recall (gold toponyms found)", r)
            .with("f1", "F1", f1),
    );
    report.sections.push(
        Section::new(
            "resolution",
            "toponym resolution, on the recognised toponyms",
        )
        .with(
            "recognised",
            "gold toponyms recognised",
            Value::Count(resolvable),
        )
        .with(
            "unresolved",
            "recognised but without coordinates (names the gazetteer lacks)",
            Value::Count(unresolved),
        )
        .with(
            "acc161",
            "within 161 km of the gold point (of those with coordinates)",
            Value::ratio(within, errors.len()),
        )
        .with(
            "acc161_all",
            "within 161 km (of all recognised)",
            Value::ratio(within, resolvable),
        )
        .with("median_km", "median error, km", Value::Number(median)),
    );
    report
}

/// The words around a span, for error listings.
fn context(text: &str, span: [usize; 2]) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let s = floor(span[0].saturating_sub(60));
    let e = floor((span[1] + 60).min(text.len()));
    format!(
        "…{}[{}]{}…",
        &text[s..span[0]],
        &text[span[0]..span[1]],
        &text[span[1]..e]
    )
    .replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LGL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><title>t</title>
<text><![CDATA[Café fire in Alexandria. Rapides Parish investigated.]]></text>
<toponyms>
<toponym><start>13</start><end>23</end><phrase>Alexandria</phrase>
<gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
<toponym><start>25</start><end>39</end><phrase>Rapides Parish</phrase>
<gaztag geonameid="4338356"><lat>31.1669</lat><lon>-92.4835</lon></gaztag></toponym>
</toponyms></article></articles>"#;

    #[test]
    fn reads_lgl_with_character_offsets() {
        let (docs, notes) = read("lgl.xml", LGL).expect("parse");
        assert!(notes.is_empty(), "{notes:?}");
        let d = &docs[0];
        assert_eq!(d.id, "7");
        // "Café" has a two-byte é: offsets count characters.
        let t = &d.toponyms[0];
        assert_eq!(&d.text[t.span[0]..t.span[1]], "Alexandria");
        assert_eq!(t.point, (31.3113, -92.4451));
        assert_eq!(d.toponyms.len(), 2);
    }

    #[test]
    fn reads_geowebnews_and_skips_non_locational() {
        let xml = r#"<articles><article file="0"><text>Fire on Royal Street, citizens said.</text><toponyms>
<toponym><extractedName>Royal Street</extractedName><nonLocational>No</nonLocational><start>8</start><end>20</end><latitude>29.96</latitude><longitude>-90.06</longitude></toponym>
<toponym><extractedName>citizens</extractedName><nonLocational>Yes</nonLocational><start>22</start><end>30</end></toponym>
</toponyms></article></articles>"#;
        let (docs, _) = read("GWN.xml", xml).expect("parse");
        assert_eq!(docs[0].toponyms.len(), 1);
        assert_eq!(docs[0].toponyms[0].name, "Royal Street");
        assert!(read("x.xml", "<articles>").is_err());
        assert!(read("x.xml", "<articles/>").is_err());
    }

    #[test]
    fn scores_recognition_and_distance() {
        let (docs, _) = read("lgl.xml", LGL).expect("parse");
        // One right place nearby, one extra place, Rapides Parish missed.
        let placer = |text: &str| {
            let at = text.find("Alexandria").expect("name");
            vec![
                ([at, at + 10], "Alexandria".to_string(), Some((31.3, -92.4))),
                ([0, 5], "Café".to_string(), None),
            ]
        };
        let r = score("geoparsing", "geoparsing", &docs, &placer);
        let get = |sec: &str, key: &str| {
            r.metric(&format!("{sec}.{key}"))
                .and_then(Value::as_f64)
                .expect("metric")
        };
        assert_eq!(get("recognition", "precision"), 0.5);
        assert_eq!(get("recognition", "recall"), 0.5);
        assert_eq!(get("resolution", "acc161"), 1.0);
        assert!((distance_km((0.0, 0.0), (0.0, 1.0)) - 111.2).abs() < 0.5);
    }
}

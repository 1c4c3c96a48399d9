//! The CAMEO event ontology: codes, names, Goldstein scores and quad classes.
//!
//! The table itself is data (`data/cameo_events.tsv`, loaded with the
//! knowledge base); this module holds the record and the rules derived from
//! a code's root.

/// One CAMEO event code with its name and Goldstein score.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code, e.g. `"036"`.
    pub code: String,
    /// Goldstein conflict–cooperation score, −10 … +10.
    pub goldstein: f32,
    /// The code's name.
    pub name: String,
}

/// The root of a CAMEO code as a number (`"1831"` → 18); `None` for a
/// malformed code.
pub fn root(code: &str) -> Option<u8> {
    code.get(..2)?.parse().ok()
}

/// Quad class of a CAMEO code in the GDELT convention: 1 verbal cooperation
/// (roots 01–05), 2 material cooperation (06–08), 3 verbal conflict (09–13),
/// 4 material conflict (14–20). Returns `None` for a malformed code.
pub fn quad_class(code: &str) -> Option<u8> {
    match root(code)? {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// Quad class in the Phoenix convention (OEDA `postprocess.py`): 0 for
/// neutral statements and appeals (roots 01–02), otherwise as
/// [`quad_class`].
pub fn quad_class_phoenix(code: &str) -> Option<u8> {
    match code.get(..2)? {
        "01" | "02" => Some(0),
        _ => quad_class(code),
    }
}

/// The PLOVER (2021) equivalent of a CAMEO event code: event type, mode and
/// context, from the official CAMEO-to-PLOVER conversion table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PloverMapping {
    /// PLOVER event type, e.g. `"AGREE"`, `"ASSAULT"`.
    pub event: &'static str,
    /// PLOVER mode (`"visit"`, `"heavy-weapons"` …), when the table gives one.
    pub mode: Option<&'static str>,
    /// PLOVER context(s), `;`-separated (`"crime;corruption"`), when given.
    pub context: Option<&'static str>,
}

/// The sixteen PLOVER 2021 event types.
pub const PLOVER_EVENTS: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
];

/// The conversion table, `data/cameo_plover.tsv` (format in its header comment).
const CAMEO_PLOVER_TSV: &str = include_str!("../../../data/cameo_plover.tsv");

fn plover_table() -> &'static std::collections::HashMap<&'static str, PloverMapping> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, PloverMapping>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let non_empty = |s: &'static str| Some(s.trim()).filter(|s| !s.is_empty());
        CAMEO_PLOVER_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let code = cols.next()?.trim();
                let event = non_empty(cols.next()?)?;
                let mode = cols.next().and_then(non_empty);
                let context = cols.next().and_then(non_empty);
                Some((
                    code,
                    PloverMapping {
                        event,
                        mode,
                        context,
                    },
                ))
            })
            .collect()
    })
}

/// The PLOVER mapping of a CAMEO event code.
///
/// A code missing from the table falls back to its 3-digit parent and then to
/// its root (`"1834"` → `"183"`; `"155"` → root `"15"`). Roots `01` (public
/// statements) and `02` (appeals) have no PLOVER equivalent, and root `08` is
/// split between CONCEDE (`080`–`083`) and RETREAT (`084`–`087`), so those
/// give `None` unless a listed code matches.
pub fn plover_mapping(cameo: &str) -> Option<&'static PloverMapping> {
    let table = plover_table();
    [cameo.len(), 3, 2]
        .into_iter()
        .filter(|&n| n <= cameo.len())
        .find_map(|n| table.get(cameo.get(..n)?))
}

/// True for CAMEO roots whose events need a second party to be complete:
/// appeals (02), consultations (04), cooperation (05–07), disapproval
/// (11), reduced relations (16), coercion (17), fighting (19) and mass
/// violence (20). Statements, intents, yielding, demands, rejections,
/// threats, protests, force postures and assaults (01, 03, 08–10, 12–15,
/// 18) are often reported with no target.
pub fn needs_target(code: &str) -> bool {
    matches!(
        code.get(..2),
        Some("02" | "04" | "05" | "06" | "07" | "11" | "16" | "17" | "19" | "20")
    )
}

/// The CAMEO code of an action announced for the future by its actor ("will
/// meet", "would release"): CAMEO codes such statements as the intent (03)
/// or the threat (13) of the action, keeping the kind of action where CAMEO
/// has a code for it. None for codes that stay as they are.
pub fn intent_code(code: &str) -> Option<&'static str> {
    let root = code.get(..2)?;
    Some(match (root, code) {
        ("04", _) => "036",
        ("05", _) => "032",
        ("06", _) => "031",
        ("07", c) => match c {
            "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        ("08", c) => match c.get(..3) {
            Some("081") => "0351",
            Some("082") => "0352",
            Some("083") => "034",
            Some("084") => "0353",
            Some("085") => "0354",
            Some("086") => "0355",
            Some("087") => "0356",
            _ => "035",
        },
        ("16", c) => match c.get(..3) {
            Some("161") => "1313",
            Some("162" | "163") => "1311",
            Some("164") => "134",
            Some("166") => "136",
            _ => "131",
        },
        ("17", c) => match c {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            c if c.starts_with("172") => "132",
            _ => "137",
        },
        ("18", _) => "1383",
        ("19", c) => match c.get(..3) {
            Some("191") => "1381",
            Some("192") => "1382",
            _ => "1384",
        },
        ("20", _) => "1385",
        _ => return None,
    })
}

/// The CAMEO demand (10x) for an action someone says another party must
/// take ("Russia said Sudan must return the helicopter" → 1053): the kind of
/// action is kept where CAMEO has a demand for it, otherwise plain 100.
pub fn demand_code(code: &str) -> &'static str {
    if code == "0871" {
        return "107";
    }
    match code.get(..3).unwrap_or("") {
        "045" => "108",
        c if c.starts_with("04") => "106",
        "061" => "1011",
        "062" => "1012",
        "063" => "1013",
        "064" => "1014",
        c if c.starts_with("05") || c.starts_with("06") => "101",
        "071" => "1031",
        "072" => "1032",
        "073" => "1033",
        "074" => "1034",
        c if c.starts_with("07") => "103",
        "081" => "1051",
        "082" => "1052",
        "083" => "104",
        "084" => "1053",
        "085" => "1054",
        "086" => "1055",
        "087" => "1056",
        c if c.starts_with("08") => "105",
        c if c.starts_with("09") => "101",
        _ => "100",
    }
}

/// The CAMEO code of an intent its actor denies ("will not accept
/// refugees", "will not meet"): CAMEO codes such statements as the
/// rejection (12) of the cooperation, keeping its kind. None for codes
/// outside 03.
pub fn refusal_code(intent: &str) -> Option<&'static str> {
    Some(match intent {
        "031" => "121",
        "0311" => "1211",
        "0312" => "1212",
        "033" => "122",
        "0331" => "1221",
        "0332" => "1222",
        "0333" => "1223",
        "0334" => "1224",
        "034" => "123",
        "035" => "124",
        "0351" => "1241",
        "0352" => "1242",
        "0353" => "1243",
        "0354" => "1244",
        "0355" => "1245",
        "0356" => "1246",
        "036" => "125",
        "037" | "038" => "126",
        "039" => "127",
        c if c.starts_with("03") => "120",
        _ => return None,
    })
}

/// The PLOVER 2021 event type of a CAMEO event code (`"036"` → `"AGREE"`,
/// `"190"` → `"ASSAULT"`, `"010"` → `None`). See [`plover_mapping`].
pub fn plover_event(cameo: &str) -> Option<&'static str> {
    plover_mapping(cameo).map(|m| m.event)
}

/// The PLOVER mode of a CAMEO event code (`"042"` → `"visit"`), when the
/// conversion table gives one. See [`plover_mapping`].
pub fn plover_mode(cameo: &str) -> Option<&'static str> {
    plover_mapping(cameo).and_then(|m| m.mode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phoenix_quad_classes_put_statements_and_appeals_in_zero() {
        assert_eq!(quad_class_phoenix("010"), Some(0));
        assert_eq!(quad_class_phoenix("0231"), Some(0));
        assert_eq!(quad_class_phoenix("036"), Some(1));
        assert_eq!(quad_class_phoenix("190"), Some(4));
        assert_eq!(quad_class_phoenix("x"), None);
    }

    #[test]
    fn quad_classes_follow_the_root() {
        assert_eq!(quad_class("036"), Some(1));
        assert_eq!(quad_class("0871"), Some(2));
        assert_eq!(quad_class("112"), Some(3));
        assert_eq!(quad_class("190"), Some(4));
        assert_eq!(quad_class("20"), Some(4));
        assert_eq!(quad_class("00"), None);
        assert_eq!(quad_class("21"), None);
        assert_eq!(quad_class("x"), None);
    }

    #[test]
    fn cameo_codes_convert_to_plover() {
        assert_eq!(plover_event("036"), Some("AGREE"));
        assert_eq!(intent_code("043"), Some("036"));
        assert_eq!(intent_code("0841"), Some("0353"));
        assert_eq!(intent_code("072"), Some("0332"));
        assert_eq!(intent_code("190"), Some("1384"));
        assert_eq!(intent_code("1724"), Some("1324"));
        assert_eq!(intent_code("191"), Some("1381"));
        assert_eq!(intent_code("183"), Some("1383"));
        assert_eq!(intent_code("112"), None);
        assert_eq!(intent_code("x"), None);
        assert_eq!(refusal_code("0333"), Some("1223"));
        assert_eq!(refusal_code("036"), Some("125"));
        assert_eq!(refusal_code("032"), Some("120"));
        assert_eq!(refusal_code("190"), None);
        assert_eq!(plover_event("042"), Some("CONSULT"));
        assert_eq!(plover_mode("042"), Some("visit"));
        assert_eq!(plover_event("0841"), Some("RETREAT"));
        assert_eq!(plover_event("080"), Some("CONCEDE"));
        assert_eq!(plover_event("112"), Some("ACCUSE"));
        assert_eq!(plover_event("091"), Some("ACCUSE"));
        assert_eq!(plover_event("1041"), Some("REQUEST"));
        assert_eq!(plover_event("163"), Some("COERCE"));
        assert_eq!(plover_event("1712"), Some("ASSAULT"));
        assert_eq!(plover_event("191"), Some("COERCE"));
        assert_eq!(plover_event("190"), Some("ASSAULT"));
        assert_eq!(plover_event("2041"), Some("ASSAULT"));
        assert_eq!(
            plover_mapping("1121").and_then(|m| m.context),
            Some("crime;corruption")
        );
        // Fallbacks: unlisted 4-digit code to its parent, unlisted 3-digit code to its root.
        assert_eq!(plover_event("1834"), Some("ASSAULT"));
        assert_eq!(plover_event("155"), Some("MOBILIZE"));
        // No PLOVER equivalent.
        assert_eq!(plover_event("010"), None);
        assert_eq!(plover_event("0214"), None);
        assert_eq!(plover_event("08"), None);
        assert_eq!(plover_event(""), None);
        assert_eq!(plover_event("x"), None);
    }

    #[test]
    fn plover_table_lines_are_well_formed() {
        let events = PLOVER_EVENTS;
        let mut rows = 0;
        for line in CAMEO_PLOVER_TSV.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "{line:?}");
            assert!(
                cols[0].len() >= 2 && cols[0].bytes().all(|b| b.is_ascii_digit()),
                "{line:?}"
            );
            assert!(events.contains(&cols[1]), "{line:?}");
            assert_eq!(plover_event(cols[0]), Some(cols[1]));
            rows += 1;
        }
        assert_eq!(plover_table().len(), rows, "duplicate codes");
    }
}

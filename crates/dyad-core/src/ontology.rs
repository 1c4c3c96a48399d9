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

/// Quad class of a CAMEO code in the GDELT convention: 1 verbal cooperation
/// (roots 01–05), 2 material cooperation (06–08), 3 verbal conflict (09–13),
/// 4 material conflict (14–20). Returns `None` for a malformed code.
pub fn quad_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

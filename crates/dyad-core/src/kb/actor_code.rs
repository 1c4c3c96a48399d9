//! CAMEO actor codes: a country (ISO 3166 alpha-3) followed by role codes.

use std::fmt;

use super::source::{REGIONS, TRANSNATIONAL};

/// A parsed CAMEO actor code such as `AZEGOV`, `USA` or `IGOUNO`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode {
    /// The whole code.
    pub full: String,
    /// The country part, when the code starts with a state.
    pub country: Option<String>,
    /// The first role code after the country (`GOV`, `MIL`, …), or the
    /// transnational prefix (`IGO`, `NGO`) for codes with no country.
    pub sector: Option<String>,
}

impl ActorCode {
    /// Parses a code. Returns `None` unless it is 3+ uppercase ASCII letters/digits
    /// and its length is a multiple of three.
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        if code.len() % 3 != 0 {
            return None;
        }
        Self::parse_legacy(code)
    }

    /// Parses a code from a legacy TABARI/PETRARCH dictionary: 3+ uppercase
    /// ASCII letters or digits of any length (`ITHTV`, `YEMNO` are valid there).
    pub fn parse_legacy(code: &str) -> Option<Self> {
        let code = code.trim();
        if code.len() < 3
            || !code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return None;
        }
        let head = &code[..3];
        let (country, sector) = if TRANSNATIONAL.contains(&head) {
            (None, Some(head.to_string()))
        } else {
            (
                Some(head.to_string()),
                code.get(3..6.min(code.len()))
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            )
        };
        Some(ActorCode {
            full: code.to_string(),
            country,
            sector,
        })
    }

    /// A code made of a country and an optional sector.
    ///
    /// A sector ending in `~` is a legacy *prefix* agent code (`[NGO~]` in a
    /// TABARI/PETRARCH agents file): it goes before the country, so
    /// `from_parts("ARN", Some("NGO~"))` is `NGOARN` with sector `NGO`.
    pub fn from_parts(country: &str, sector: Option<&str>) -> Self {
        if let Some(prefix) = sector.and_then(|s| s.strip_suffix('~')) {
            return ActorCode {
                full: format!("{prefix}{country}"),
                country: Some(country.to_string()),
                sector: Some(prefix.to_string()),
            };
        }
        let full = format!("{country}{}", sector.unwrap_or(""));
        ActorCode {
            full,
            country: Some(country.to_string()),
            sector: sector.map(str::to_string),
        }
    }

    /// True when the country part is a CAMEO region code: a group of
    /// states named by their region ("African states" AFR).
    pub fn is_region(&self) -> bool {
        self.country
            .as_deref()
            .is_some_and(|c| REGIONS.contains(&c))
    }

    /// The three-letter groups after the first (`IGOUNOREFHCR`: `UNO`,
    /// `REF`, `HCR`).
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        (3..self.full.len())
            .step_by(3)
            .filter_map(|i| self.full.get(i..i + 3))
    }

    /// The code of a role within a transnational body: its code followed
    /// by the role (`IGOWSTNAT` + `MIL` = `IGOWSTNATMIL`), unless the code
    /// already carries that role or the role is itself a transnational
    /// prefix (`NGO`); a state's code is returned unchanged
    /// (its sector is set with [`ActorCode::with_sector`]).
    pub fn with_role(&self, role: &str) -> Self {
        let carries = self.groups().any(|g| g == role);
        if self.country.is_some() || carries || role.len() != 3 || TRANSNATIONAL.contains(&role) {
            return self.clone();
        }
        ActorCode {
            full: format!("{}{role}", self.full),
            ..self.clone()
        }
    }

    /// The same country with another sector (or none).
    pub fn with_sector(&self, sector: Option<&str>) -> Self {
        match &self.country {
            Some(c) => Self::from_parts(c, sector),
            None => self.clone(),
        }
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_country_sector_and_transnational_codes() {
        let c = ActorCode::parse("AZEGOV").unwrap();
        assert_eq!(
            (c.country.as_deref(), c.sector.as_deref()),
            (Some("AZE"), Some("GOV"))
        );
        let c = ActorCode::parse("USA").unwrap();
        assert_eq!((c.country.as_deref(), c.sector), (Some("USA"), None));
        let c = ActorCode::parse("IGOUNO").unwrap();
        assert_eq!((c.country, c.sector.as_deref()), (None, Some("IGO")));
        assert!(ActorCode::parse("usa").is_none());
        assert!(ActorCode::parse("AZEG").is_none());
        assert!(ActorCode::parse("").is_none());
    }

    #[test]
    fn roles_follow_a_transnational_body() {
        let nato = ActorCode::parse("IGOWSTNAT").unwrap();
        assert_eq!(nato.with_role("MIL").full, "IGOWSTNATMIL");
        let mil = ActorCode::parse("IGOMIL").unwrap();
        assert_eq!(mil.with_role("MIL").full, "IGOMIL");
        let usa = ActorCode::parse("USA").unwrap();
        assert_eq!(usa.with_role("MIL").full, "USA");
        assert_eq!(nato.with_role("NGO").full, "IGOWSTNAT");
    }

    #[test]
    fn legacy_codes_and_prefix_sectors() {
        let c = ActorCode::parse_legacy("ITHTV").unwrap();
        assert_eq!(
            (c.full.as_str(), c.country.as_deref(), c.sector.as_deref()),
            ("ITHTV", Some("ITH"), Some("TV"))
        );
        assert!(ActorCode::parse_legacy("pse").is_none());
        assert!(ActorCode::parse_legacy("---").is_none());
        let c = ActorCode::from_parts("ARN", Some("NGO~"));
        assert_eq!(
            (c.full.as_str(), c.country.as_deref(), c.sector.as_deref()),
            ("NGOARN", Some("ARN"), Some("NGO"))
        );
        assert_eq!(
            ActorCode::from_parts("ARN", Some("GOVFRM")).full,
            "ARNGOVFRM"
        );
    }
}

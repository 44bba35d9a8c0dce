//! Identifiers that become IRIs: item identifiers and Swedish organisation numbers.

use std::fmt;

/// Longest identifier accepted; IRIs stay readable.
const MAX_ID_LEN: usize = 100;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdError {
    #[error("identifier is empty")]
    Empty,
    #[error("identifier {0:?} is longer than {MAX_ID_LEN} characters")]
    TooLong(String),
    #[error(
        "identifier {0:?} may only hold a-z, 0-9 and '-' and must start with a letter or digit"
    )]
    BadCharacters(String),
    #[error("organisationsnummer {0:?} is not of the form NNNNNN-NNNN")]
    BadOrgNr(String),
    #[error(
        "organisationsnummer {0:?} has a wrong check digit (the last digit does not agree with the other nine); look for a typo"
    )]
    BadOrgNrCheckDigit(String),
}

/// An item identifier: lower-case `a-z`, `0-9` and `-`, starting with a letter or digit.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(into = "String", try_from = "String")]
pub struct Id(String);

impl TryFrom<String> for Id {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
    }
}

impl Id {
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if s.chars().count() > MAX_ID_LEN {
            return Err(IdError::TooLong(s.chars().take(40).collect()));
        }
        let ok = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-');
        if !ok {
            return Err(IdError::BadCharacters(s.to_owned()));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Turns a name into an identifier: `Väntetid i dagar` → `vantetid-i-dagar`.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if mapped == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(mapped);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.chars().take(MAX_ID_LEN).collect()
}

/// A Swedish organisationsnummer, kept as `NNNNNN-NNNN`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(into = "String", try_from = "String")]
pub struct OrgNr(String);

impl TryFrom<String> for OrgNr {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl From<OrgNr> for String {
    fn from(o: OrgNr) -> String {
        o.0
    }
}

impl OrgNr {
    /// Accepts `NNNNNN-NNNN`, `NNNNNNNNNN` and `SENNNNNNNNNN` (the dataportal.se form).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let t = s.trim();
        let t = t.strip_prefix("SE").unwrap_or(t);
        let digits: String = t.chars().filter(|c| *c != '-').collect();
        let dash_ok = !t.contains('-') || (t.len() == 11 && t.as_bytes().get(6) == Some(&b'-'));
        if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) || !dash_ok {
            return Err(IdError::BadOrgNr(s.trim().chars().take(40).collect()));
        }
        if !luhn_ok(&digits) {
            return Err(IdError::BadOrgNrCheckDigit(s.trim().to_owned()));
        }
        Ok(Self(format!("{}-{}", &digits[..6], &digits[6..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ten digits without the dash, as dataportal.se uses them in IRIs.
    pub fn digits(&self) -> String {
        self.0.replace('-', "")
    }
}

/// The Luhn check of a Swedish organisationsnummer: the tenth digit makes the sum of the
/// first nine, weighted 2, 1, 2, … (digits of each product added), plus itself a multiple of 10.
fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .map(|b| u32::from(b.wrapping_sub(b'0')))
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            v / 10 + v % 10
        })
        .sum();
    digits.len() == 10 && sum % 10 == 0
}

/// The check digit that completes nine digits of an organisationsnummer (for generated data).
pub fn orgnr_check_digit(nine: &str) -> Option<u8> {
    if nine.len() != 9 || !nine.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (0..=9u8).find(|d| luhn_ok(&format!("{nine}{d}")))
}

impl fmt::Display for OrgNr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_slugs() {
        assert!(Id::parse("vantetid-i-dagar").is_ok());
        assert_eq!(
            Id::parse("Väntetid"),
            Err(IdError::BadCharacters("Väntetid".into()))
        );
        assert_eq!(Id::parse(""), Err(IdError::Empty));
        assert!(Id::parse("-a").is_err());
    }

    #[test]
    fn slugify_handles_swedish_letters() {
        assert_eq!(slugify("Väntetid i dagar"), "vantetid-i-dagar");
        assert_eq!(
            slugify("  Överbeläggningar (antal) "),
            "overbelaggningar-antal"
        );
    }

    #[test]
    fn orgnr_accepts_common_forms() {
        let expected = OrgNr::parse("232100-0016").expect("valid");
        assert_eq!(OrgNr::parse("2321000016").expect("valid"), expected);
        assert_eq!(OrgNr::parse("SE2321000016").expect("valid"), expected);
        assert_eq!(expected.digits(), "2321000016");
        assert!(OrgNr::parse("23210-00016").is_err());
        assert!(OrgNr::parse("abc").is_err());
    }

    #[test]
    fn orgnr_check_digit_is_checked() {
        // Numbers catalog-data uses.
        for ok in ["202100-5448", "202100-6552", "232100-0255", "222000-0315"] {
            assert!(OrgNr::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            OrgNr::parse("202100-5449"),
            Err(IdError::BadOrgNrCheckDigit("202100-5449".into()))
        );
        assert!(OrgNr::parse("2021005449").is_err());
        assert_eq!(orgnr_check_digit("202100544"), Some(8));
        assert_eq!(orgnr_check_digit("20210054"), None);
    }
}

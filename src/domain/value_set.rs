//! Value sets: a subset of one code system's version, by listed codes and by ranges.
//!
//! A codebook is a *code system* (complete, versioned, with its source and publisher) unless it
//! names the code system it is drawn from (`Codebook::subset_of`): then it is a *value set*,
//! whose members are the code system's codes that its selection (`Codebook::selection`,
//! e.g. `S72.0–S72.2; S72.9`) admits. A use case's binding may narrow a variable's value
//! domain (its code system) with such a value set.

use super::{Code, Codebook, natural_cmp};

/// One part of a value set's selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// One code.
    Code(String),
    /// Every code from the first to the last, the subcodes of both included (ICD style:
    /// `S72.0–S72.2` holds `S72.0`, `S72.15` and `S72.2`, not `S72` or `S72.3`).
    Range(String, String),
}

impl std::fmt::Display for Member {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code(c) => f.write_str(c),
            Self::Range(a, b) => write!(f, "{a}–{b}"),
        }
    }
}

/// The dashes that separate a range's ends: en dash, em dash, hyphen-minus.
const DASHES: [char; 3] = ['–', '—', '-'];

/// Splits a selection into codes and ranges: parts separated by `;` (or a new line), a range
/// written `A–B` (en dash, or `-`). `is_code` says whether a text is a code of the code system,
/// so that a code holding a dash is read as a code, not as a range.
pub fn parse_selection(text: &str, is_code: &dyn Fn(&str) -> bool) -> Result<Vec<Member>, String> {
    let mut out = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if is_code(part) {
            out.push(Member::Code(part.to_owned()));
            continue;
        }
        let ends: Vec<&str> = part.split(DASHES).map(str::trim).collect();
        match ends.as_slice() {
            [one] => out.push(Member::Code((*one).to_owned())),
            [a, b] if !a.is_empty() && !b.is_empty() => {
                out.push(Member::Range((*a).to_owned(), (*b).to_owned()))
            }
            _ => {
                return Err(format!(
                    "{part:?} is neither a code nor a range such as S72.0–S72.2 (two codes \
                     joined by a dash; separate the parts with ;)"
                ));
            }
        }
    }
    Ok(out)
}

/// The key a notation is ordered by within a range: without its dots, so that `S72.15`
/// follows `S72.1` and precedes `S72.2`.
fn key(notation: &str) -> String {
    notation.chars().filter(|c| *c != '.').collect()
}

fn numeric(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `code` lies in the range `from`–`to`. Codes of digits only are compared as numbers
/// (`2` lies in `1–10`); other codes, as ICD's and KVÅ's, character by character without their
/// dots, a code's subcodes counting as inside the range when the code is one of its ends.
pub fn in_range(code: &str, from: &str, to: &str) -> bool {
    if numeric(code) && numeric(from) && numeric(to) {
        return natural_cmp(code, from).is_ge() && natural_cmp(code, to).is_le();
    }
    let (c, a, b) = (key(code), key(from), key(to));
    // At or after the first end: a subcode of `from` sorts after it.
    if c < a {
        return false;
    }
    // At or before the last end, or one of its subcodes: compare as many characters as it has.
    let head: String = c.chars().take(b.chars().count()).collect();
    head <= b
}

/// Whether a value set's selection admits `code` (which must also be a code of the system).
pub fn admits(selection: &[Member], code: &str) -> bool {
    selection.iter().any(|m| match m {
        Member::Code(c) => c == code,
        Member::Range(a, b) => in_range(code, a, b),
    })
}

/// The codes of `system` that the value set `set` holds, in the system's order.
pub fn members<'a>(set: &Codebook, system: &'a Codebook) -> Vec<&'a Code> {
    let is_code = |s: &str| system.code(s).is_some();
    let Ok(selection) = parse_selection(&set.selection, &is_code) else {
        return Vec::new();
    };
    system
        .codes
        .iter()
        .filter(|c| admits(&selection, &c.notation))
        .collect()
}

impl Codebook {
    /// A value set names the code system it is drawn from.
    pub fn is_value_set(&self) -> bool {
        self.subset_of.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Lang, Status};

    fn book(id: &str, notations: &[&str]) -> Codebook {
        Codebook {
            id: Id::parse(id).unwrap(),
            title: Lang::new(id, ""),
            description: Lang::default(),
            version: "2024".into(),
            source: String::new(),
            publisher: None,
            status: Status::Standard,
            codes: notations
                .iter()
                .map(|n| Code {
                    notation: (*n).into(),
                    label: Lang::new(*n, ""),
                    definition: Lang::default(),
                    broader: None,
                    mappings: Vec::new(),
                })
                .collect(),
            subset_of: None,
            subset_of_version: String::new(),
            selection: String::new(),
            registrations: Vec::new(),
        }
    }

    #[test]
    fn icd_ranges_hold_their_ends_and_subcodes_and_nothing_around_them() {
        for inside in ["S72.0", "S72.00", "S72.1", "S72.15", "S72.2", "S72.29"] {
            assert!(in_range(inside, "S72.0", "S72.2"), "{inside}");
        }
        for outside in ["S72", "S72.3", "S72.9", "S71.9", "S73", "T72.0", "S7"] {
            assert!(!in_range(outside, "S72.0", "S72.2"), "{outside}");
        }
        // Ranges over categories and chapters.
        assert!(in_range("S72.5", "S72", "S73"));
        assert!(in_range("S73.09", "S72", "S73"));
        assert!(!in_range("S74", "S72", "S73"));
        assert!(in_range("B99.9", "A00", "B99"));
        assert!(!in_range("C00", "A00", "B99"));
        // Codes of digits only are numbers.
        assert!(in_range("2", "1", "10"));
        assert!(!in_range("11", "1", "10"));
    }

    #[test]
    fn selections_parse_codes_and_ranges() {
        let is_code = |s: &str| s == "A-1";
        let got = parse_selection("S72.0–S72.2; S72.9 ;A-1; X1 - X3", &is_code).unwrap();
        assert_eq!(
            got,
            [
                Member::Range("S72.0".into(), "S72.2".into()),
                Member::Code("S72.9".into()),
                Member::Code("A-1".into()),
                Member::Range("X1".into(), "X3".into()),
            ]
        );
        assert!(parse_selection("S72.0–", &is_code).is_err());
        assert!(parse_selection("A–B–C", &is_code).is_err());
        assert_eq!(got[0].to_string(), "S72.0–S72.2");
    }

    #[test]
    fn members_are_the_systems_codes_the_selection_admits() {
        let system = book(
            "icd",
            &["S72", "S72.0", "S72.00", "S72.1", "S72.2", "S72.3", "S72.9"],
        );
        let mut set = book("hoft", &[]);
        set.subset_of = Some(system.id.clone());
        set.selection = "S72.0–S72.2".into();
        assert!(set.is_value_set() && !system.is_value_set());
        let got: Vec<&str> = members(&set, &system)
            .iter()
            .map(|c| c.notation.as_str())
            .collect();
        assert_eq!(got, ["S72.0", "S72.00", "S72.1", "S72.2"]);
        set.selection = "S72.9; S72.1".into();
        let got: Vec<&str> = members(&set, &system)
            .iter()
            .map(|c| c.notation.as_str())
            .collect();
        assert_eq!(got, ["S72.1", "S72.9"]);
    }
}

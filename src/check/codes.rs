//! The codes a value domain allows, per version of its codebook.
//!
//! Codebooks carry a version label but no dates of validity. When every version of a
//! codebook (the current one and the frozen earlier ones) is labelled by a year (`2024`,
//! `2025`, or a label starting with one, as ICD-10-SE and KVÅ are published), a row dated in
//! a year is checked against the version of the latest year not after it (the earliest
//! version for rows dated before all of them). Otherwise, and for rows without a date, the
//! current version applies.

use crate::domain::Codebook;

/// A set of codes, sorted: a lookup is a binary search over the codes' bytes, with no
/// hashing per value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Codes(Vec<String>);

impl Codes {
    fn new(codes: impl IntoIterator<Item = String>) -> Self {
        let mut v: Vec<String> = codes.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        Self(v)
    }

    fn contains(&self, code: &str) -> bool {
        self.0.binary_search_by(|c| c.as_str().cmp(code)).is_ok()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSet {
    current: Codes,
    /// (year, codes), oldest first; empty unless every version is labelled by a year.
    by_year: Vec<(i32, Codes)>,
}

/// The year a version label starts with.
fn label_year(label: &str) -> Option<i32> {
    let head = label.trim().get(..4)?;
    let rest = &label.trim()[4..];
    let year_like =
        head.bytes().all(|b| b.is_ascii_digit()) && !rest.starts_with(|c: char| c.is_ascii_digit());
    year_like.then(|| head.parse().ok()).flatten()
}

fn notations(cb: &Codebook) -> Codes {
    Codes::new(cb.codes.iter().map(|c| c.notation.trim().to_owned()))
}

impl CodeSet {
    /// A value domain with one version.
    pub fn current<I: IntoIterator<Item = S>, S: Into<String>>(codes: I) -> Self {
        Self {
            current: Codes::new(codes.into_iter().map(Into::into)),
            by_year: Vec::new(),
        }
    }

    /// The codes of `current` and of its frozen earlier versions.
    pub fn from_versions(current: &Codebook, earlier: &[Codebook]) -> Self {
        let mut by_year = Vec::new();
        let all_years = std::iter::once(current)
            .chain(earlier)
            .all(|cb| label_year(&cb.version).is_some());
        if all_years && !earlier.is_empty() {
            for cb in std::iter::once(current).chain(earlier) {
                if let Some(y) = label_year(&cb.version) {
                    by_year.push((y, notations(cb)));
                }
            }
            by_year.sort_by_key(|(y, _)| *y);
            by_year.dedup_by_key(|(y, _)| *y);
        }
        Self {
            current: notations(current),
            by_year,
        }
    }

    /// Whether `code` is allowed on a row dated in `year` (`None`: undated).
    pub fn contains(&self, code: &str, year: Option<i32>) -> bool {
        let set = match year {
            Some(y) if !self.by_year.is_empty() => self
                .by_year
                .iter()
                .rev()
                .find(|(vy, _)| *vy <= y)
                .or(self.by_year.first())
                .map(|(_, s)| s)
                .unwrap_or(&self.current),
            _ => &self.current,
        };
        set.contains(code)
    }

    /// Whether rows' dates choose the version.
    pub fn is_dated(&self) -> bool {
        !self.by_year.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Code, Id, Lang, Status};

    fn cb(version: &str, codes: &[&str]) -> Codebook {
        Codebook {
            id: Id::parse("icd").expect("id"),
            title: Lang::new("ICD", ""),
            description: Lang::default(),
            version: version.to_owned(),
            source: String::new(),
            publisher: None,
            subset_of: None,
            subset_of_version: String::new(),
            selection: String::new(),
            status: Status::Standard,
            codes: codes
                .iter()
                .map(|n| Code {
                    notation: (*n).to_owned(),
                    label: Lang::default(),
                    definition: Lang::default(),
                    broader: None,
                    mappings: Vec::new(),
                })
                .collect(),
            registrations: Vec::new(),
        }
    }

    #[test]
    fn the_version_in_force_on_the_rows_date_decides() {
        let set = CodeSet::from_versions(
            &cb("2025", &["S72.1", "S72.2"]),
            &[cb("2024", &["S72.0", "S72.1"])],
        );
        assert!(set.is_dated());
        assert!(set.contains("S72.0", Some(2024)));
        assert!(!set.contains("S72.0", Some(2025)));
        assert!(set.contains("S72.2", Some(2026)));
        assert!(
            set.contains("S72.0", Some(2019)),
            "before all versions: the earliest"
        );
        assert!(
            !set.contains("S72.0", None),
            "undated rows: the current version"
        );
    }

    #[test]
    fn versions_not_labelled_by_years_use_the_current_codes() {
        let set = CodeSet::from_versions(&cb("2.0", &["1"]), &[cb("1.0", &["1", "9"])]);
        assert!(!set.is_dated());
        assert!(!set.contains("9", Some(2020)));
        assert_eq!(label_year("2024.1"), Some(2024));
        assert_eq!(label_year("20241"), None);
        assert_eq!(label_year("1.0"), None);
    }
}

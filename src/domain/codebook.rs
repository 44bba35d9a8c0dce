//! Codebooks (kodverk / värdemängder) and their codes.

use super::{Id, Lang, OrgNr, Status};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Codebook {
    pub id: Id,
    pub title: Lang,
    pub description: Lang,
    pub version: String,
    /// The code system it is taken from, e.g. `ICD-10-SE`.
    pub source: String,
    pub publisher: Option<OrgNr>,
    pub status: Status,
    /// Codes in the order they were given.
    pub codes: Vec<Code>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Code {
    pub notation: String,
    pub label: Lang,
    pub definition: Lang,
    /// The parent code's notation in the same codebook.
    pub broader: Option<String>,
}

impl Codebook {
    pub fn code(&self, notation: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.notation == notation)
    }
}

/// Orders codes by notation, comparing runs of digits as numbers (`2` before `10`), so every
/// reader of a codebook sees the same order.
pub fn sort_codes(codes: &mut [Code]) {
    codes.sort_by(|a, b| natural_cmp(&a.notation, &b.notation));
}

/// Compares runs of digits as numbers: `2` before `10`, `1.9` before `1.10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            let boundary =
                i == bytes.len() || bytes[i].is_ascii_digit() != bytes[i - 1].is_ascii_digit();
            if boundary {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(cb.iter()) {
        let ord = match (x, y) {
            ((true, x), (true, y)) => {
                let (xt, yt) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                xt.len()
                    .cmp(&yt.len())
                    .then_with(|| xt.cmp(yt))
                    .then_with(|| x.len().cmp(&y.len()))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_notations() {
        let mut v: Vec<&str> = vec!["10", "2", "S72.1", "S72", "S72.0", "01", "1"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["1", "01", "2", "10", "S72", "S72.0", "S72.1"]);
    }
}

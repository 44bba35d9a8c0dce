//! Codebooks (kodverk / värdemängder) and their codes.

use super::{Id, Lang, OrgNr, Registration, Status};

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
    /// A value set's code system (see `value_set`); `None`: a code system of its own.
    #[serde(default)]
    pub subset_of: Option<Id>,
    /// The version of the code system the value set is drawn from, or empty.
    #[serde(default)]
    pub subset_of_version: String,
    /// A value set's codes and ranges, e.g. `S72.0–S72.2; S72.9`.
    #[serde(default)]
    pub selection: String,
    /// Its status at registration authorities other than the publisher, by authority.
    #[serde(default)]
    pub registrations: Vec<Registration>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Code {
    pub notation: String,
    pub label: Lang,
    pub definition: Lang,
    /// The parent code's notation in the same codebook.
    pub broader: Option<String>,
    /// Its mappings to codes of other code systems, in order (`sort_mappings`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mappings: Vec<super::Mapping>,
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

/// The deepest a code hierarchy may go, in levels (a top-level code is level 1). ICD-10 and
/// KVÅ need fewer than 10; the bound keeps every walk of a hierarchy short.
pub const MAX_CODE_DEPTH: usize = 64;

/// What is wrong with a codebook's hierarchy of broader codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HierarchyProblem {
    /// The code is on a cycle of broader codes, shown as `1 → 2 → 3 → 1`.
    Cycle(String),
    /// The code is the first of its chain below `MAX_CODE_DEPTH` levels.
    TooDeep,
}

impl std::fmt::Display for HierarchyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Cycle(path) if !path.contains('→') => {
                write!(f, "a code cannot be its own broader code")
            }
            Self::Cycle(path) => write!(
                f,
                "the broader codes form a cycle ({path}); a hierarchy must end in a top-level code"
            ),
            Self::TooDeep => write!(
                f,
                "lies more than {MAX_CODE_DEPTH} levels deep; a code hierarchy may have at most {MAX_CODE_DEPTH} levels"
            ),
        }
    }
}

/// Checks the hierarchy of `codes` in one pass, without recursion: each cycle of broader codes
/// is reported once, at its code that comes first in `codes`, and each chain deeper than
/// `MAX_CODE_DEPTH` at its first code too deep. A broader code that is not in `codes` is left
/// to the caller (the code counts as top-level here). Returns (index in `codes`, problem).
pub fn hierarchy_problems(codes: &[Code]) -> Vec<(usize, HierarchyProblem)> {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, c) in codes.iter().enumerate() {
        index.entry(c.notation.as_str()).or_insert(i);
    }
    let parent: Vec<Option<usize>> = codes
        .iter()
        .map(|c| c.broader.as_deref().and_then(|b| index.get(b).copied()))
        .collect();
    let mut state = vec![UNSEEN; codes.len()];
    // The level of each code; `None` for a code on or below a cycle.
    let mut level: Vec<Option<usize>> = vec![None; codes.len()];
    let mut out = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    for start in 0..codes.len() {
        if state[start] != UNSEEN {
            continue;
        }
        path.clear();
        let mut cur = Some(start);
        // Up from `start` to a top-level code, a code already placed, or a code on this path.
        let above = loop {
            match cur {
                None => break Some(0),
                Some(i) if state[i] == DONE => break level[i],
                Some(i) if state[i] == ON_PATH => {
                    let from = path.iter().rposition(|&p| p == i).unwrap_or(0);
                    let cycle = &path[from..];
                    let first = cycle.iter().copied().min().unwrap_or(i);
                    out.push((
                        first,
                        HierarchyProblem::Cycle(cycle_text(codes, cycle, first)),
                    ));
                    break None;
                }
                Some(i) => {
                    state[i] = ON_PATH;
                    path.push(i);
                    cur = parent[i];
                }
            }
        };
        let mut l = above;
        for &i in path.iter().rev() {
            state[i] = DONE;
            l = l.map(|l| l + 1);
            level[i] = l;
            if l == Some(MAX_CODE_DEPTH + 1) {
                out.push((i, HierarchyProblem::TooDeep));
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// `a → b → c → a`, starting at `first`, shortened when the cycle is long.
fn cycle_text(codes: &[Code], cycle: &[usize], first: usize) -> String {
    const SHOWN: usize = 8;
    let at = cycle.iter().position(|&i| i == first).unwrap_or(0);
    let mut names: Vec<&str> = cycle[at..]
        .iter()
        .chain(&cycle[..at])
        .take(SHOWN)
        .map(|&i| codes[i].notation.as_str())
        .collect();
    if cycle.len() > SHOWN {
        names.push("…");
    }
    if cycle.len() > 1 {
        names.push(codes[first].notation.as_str());
    }
    names.join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(notation: &str, broader: Option<&str>) -> Code {
        Code {
            notation: notation.into(),
            label: Lang::new(notation, ""),
            definition: Lang::default(),
            broader: broader.map(str::to_owned),
            mappings: Vec::new(),
        }
    }

    #[test]
    fn cycles_are_found_once_at_their_first_code() {
        let codes = [
            code("0", None),
            code("1", Some("3")),
            code("2", Some("1")),
            code("3", Some("2")),
            code("4", Some("2")), // below the cycle, not on it
            code("5", Some("5")),
            code("6", Some("saknas")),
        ];
        let got = hierarchy_problems(&codes);
        assert_eq!(
            got,
            [
                (1, HierarchyProblem::Cycle("1 → 3 → 2 → 1".into())),
                (5, HierarchyProblem::Cycle("5".into())),
            ]
        );
        assert_eq!(
            got[1].1.to_string(),
            "a code cannot be its own broader code"
        );
    }

    #[test]
    fn chains_deeper_than_the_bound_are_refused_at_the_first_code_too_deep() {
        let chain = |n: usize| -> Vec<Code> {
            // Listed deepest first, so that the walk meets the whole chain at once.
            (0..n)
                .rev()
                .map(|i| {
                    let parent = (i > 0).then(|| format!("c{}", i - 1));
                    code(&format!("c{i}"), parent.as_deref())
                })
                .collect()
        };
        assert!(hierarchy_problems(&chain(MAX_CODE_DEPTH)).is_empty());
        let deep = chain(100_000);
        let got = hierarchy_problems(&deep);
        assert_eq!(got.len(), 1, "{:?}", got.first());
        assert_eq!(got[0].1, HierarchyProblem::TooDeep);
        assert_eq!(deep[got[0].0].notation, format!("c{MAX_CODE_DEPTH}"));
    }

    #[test]
    fn natural_order_of_notations() {
        let mut v: Vec<&str> = vec!["10", "2", "S72.1", "S72", "S72.0", "01", "1"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["1", "01", "2", "10", "S72", "S72.0", "S72.1"]);
    }
}

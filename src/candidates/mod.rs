//! Harmonisation candidates (issue 14, problem area 7: "samma information i flera olika
//! insamlingar"): pairs of variables carried by different data collections that probably hold
//! the same information. Two signals, each given in words with the pair:
//!
//! - **name and definition**: the search engine's similarity (`SearchIndex::similar_variables`,
//!   a more-like-this query over BM25), as the share of the variable's score for itself;
//! - **value domain**: the same codebook, or codebooks sharing codes (same notation and label).
//!
//! The score is `0.7 × text + 0.3 × domain` (each 0–1). Cost: one query per variable, each
//! keeping its [`TEXT_HITS`] best; the peers of a shared codebook are added only for a
//! codebook of at most [`MAX_PEERS`] variables; each variable keeps its [`PER_VARIABLE`] best
//! pairs. So the work and the result grow with the number of variables, not with its square.
//! Worked out once per snapshot and viewer, on first use (`Kept`).

mod kept;

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{Catalog, Code, DataType, Id, Status, Variable};
use crate::search::{SearchError, SearchIndex};

pub use kept::Kept;

/// How many similar variables each variable's query keeps.
pub const TEXT_HITS: usize = 20;
/// How many pairs each variable keeps (its best).
pub const PER_VARIABLE: usize = 5;
/// A codebook shared by more variables than this is too common to suggest pairs by itself.
pub const MAX_PEERS: usize = 50;
/// Pairs scoring less are not shown.
pub const MIN_SCORE: f32 = 0.2;

const TEXT_WEIGHT: f32 = 0.7;
const DOMAIN_WEIGHT: f32 = 0.3;

/// Why a pair is suggested.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Names and definitions alike: the share (0–1) of the best match a variable has.
    SimilarText { similarity: f32 },
    /// Both take their values from this codebook.
    SameCodebook { codebook: Id },
    /// Their codebooks share `shared` codes (same notation and label) of the smaller one's `of`.
    SharedCodes {
        codebooks: [Id; 2],
        shared: usize,
        of: usize,
    },
    /// Neither has a codebook, and both are of this data type.
    SameDatatype { datatype: DataType },
}

/// A pair of variables, `a < b` by identifier.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub a: Id,
    pub b: Id,
    /// 0–1, highest first in a list.
    pub score: f32,
    pub reasons: Vec<Reason>,
}

/// Whether `a` and `b` are carried by different collections: each by one the other is not.
pub fn different_collections(a: &Variable, b: &Variable) -> bool {
    let only =
        |x: &Variable, y: &Variable| x.collections.iter().any(|c| !y.collections.contains(c));
    only(a, b) && only(b, a)
}

/// A variable that may be suggested: current, and carried by some collection.
fn candidate(v: &Variable) -> bool {
    v.status != Status::Retired && !v.collections.is_empty()
}

/// A code as compared across codebooks: its notation and its Swedish label, folded to lower case.
fn code_key(c: &Code) -> (String, String) {
    (
        c.notation.trim().to_owned(),
        c.label.sv.trim().to_lowercase(),
    )
}

/// The value-domain signal of a pair (0–1) and its reason, if any.
fn domain(
    a: &Variable,
    b: &Variable,
    codes: &mut impl FnMut(&Id) -> BTreeSet<(String, String)>,
) -> Option<(f32, Reason)> {
    match (&a.codebook, &b.codebook) {
        (Some(x), Some(y)) if x == y => Some((
            1.0,
            Reason::SameCodebook {
                codebook: x.clone(),
            },
        )),
        (Some(x), Some(y)) => {
            let (cx, cy) = (codes(x), codes(y));
            let shared = cx.intersection(&cy).count();
            let of = cx.len().min(cy.len());
            // One code in common (a "1" in both) says nothing; half of the smaller one does.
            (shared >= 2 && shared * 2 >= of).then(|| {
                let share = shared as f32 / of as f32;
                let mut books = [x.clone(), y.clone()];
                books.sort();
                (
                    0.8 * share,
                    Reason::SharedCodes {
                        codebooks: books,
                        shared,
                        of,
                    },
                )
            })
        }
        (None, None) => match (a.datatype, b.datatype) {
            (Some(x), Some(y)) if x == y => Some((0.3, Reason::SameDatatype { datatype: x })),
            _ => None,
        },
        _ => None,
    }
}

/// The candidates in `cat` (what the viewer sees of the catalogue), best first: drafts only
/// when `include_drafts` (the index holds them; `cat` decides who is shown). `codes` gives a
/// codebook's codes. Pairs judged already are left out by the reader (`Kept`).
pub fn compute(
    cat: &Catalog,
    index: &SearchIndex,
    include_drafts: bool,
    mut codes: impl FnMut(&Id) -> Vec<Code>,
) -> Result<Vec<Candidate>, SearchError> {
    let mut code_sets: BTreeMap<Id, BTreeSet<(String, String)>> = BTreeMap::new();
    let mut codes_of = |id: &Id| {
        code_sets
            .entry(id.clone())
            .or_insert_with(|| codes(id).iter().map(code_key).collect())
            .clone()
    };
    let mut peers: BTreeMap<&Id, Vec<&Variable>> = BTreeMap::new();
    for v in cat.variables.values().filter(|v| candidate(v)) {
        if let Some(b) = &v.codebook {
            peers.entry(b).or_default().push(v);
        }
    }
    let mut pairs: BTreeMap<(Id, Id), Candidate> = BTreeMap::new();
    for a in cat.variables.values().filter(|v| candidate(v)) {
        let hits =
            index.similar_variables(&a.name, &a.definition, TEXT_HITS + 1, include_drafts)?;
        let own = hits
            .iter()
            .find(|h| h.id == a.id)
            .or(hits.first())
            .map_or(1.0, |h| h.score)
            .max(f32::EPSILON);
        let mut text: BTreeMap<&Id, f32> = BTreeMap::new();
        for h in &hits {
            if let Some((id, _)) = cat.variables.get_key_value(&h.id) {
                text.insert(id, (h.score / own).min(1.0));
            }
        }
        let mut others: BTreeSet<&Id> = text.keys().copied().collect();
        if let Some(book) = &a.codebook
            && let Some(p) = peers.get(book).filter(|p| p.len() <= MAX_PEERS)
        {
            others.extend(p.iter().map(|v| &v.id));
        }
        let mut mine = Vec::new();
        for id in others {
            let Some(b) = cat.variables.get(id) else {
                continue;
            };
            if b.id == a.id
                || a.exact_match.contains(&b.id)
                || !candidate(b)
                || !different_collections(a, b)
            {
                continue;
            }
            let t = text.get(id).copied().unwrap_or(0.0);
            let d = domain(a, b, &mut codes_of);
            let score = TEXT_WEIGHT * t + DOMAIN_WEIGHT * d.as_ref().map_or(0.0, |(s, _)| *s);
            if score < MIN_SCORE {
                continue;
            }
            let mut reasons = Vec::new();
            if t > 0.0 {
                reasons.push(Reason::SimilarText { similarity: t });
            }
            reasons.extend(d.map(|(_, r)| r));
            mine.push((score, b, reasons));
        }
        mine.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.id.cmp(&y.1.id)));
        for (score, b, reasons) in mine.into_iter().take(PER_VARIABLE) {
            let (x, y) = if a.id < b.id {
                (&a.id, &b.id)
            } else {
                (&b.id, &a.id)
            };
            let key = (x.clone(), y.clone());
            let keep = pairs.get(&key).is_none_or(|c| c.score < score);
            if keep {
                pairs.insert(
                    key,
                    Candidate {
                        a: x.clone(),
                        b: y.clone(),
                        score,
                        reasons,
                    },
                );
            }
        }
    }
    let mut out: Vec<Candidate> = pairs.into_values().collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    Ok(out)
}

/// The pair `(a, b)` in the order candidates and verdicts keep it.
pub fn ordered(a: Id, b: Id) -> (Id, Id) {
    if a <= b { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests;

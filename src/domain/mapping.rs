//! Mappings between code systems: a code's relation to a code of another code system of the
//! catalogue (SKOS `exactMatch`, `closeMatch`, `broadMatch`, `narrowMatch`, `relatedMatch`),
//! e.g. an ICD-10-SE code to its ICD-11 counterpart, with an optional note. A mapping belongs
//! to its source code (`Code::mappings`).

use super::{Id, MatchRelation, natural_cmp};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    pub relation: MatchRelation,
    /// The target code system (a codebook of the catalogue).
    pub system: Id,
    /// The target code's notation in it.
    pub code: String,
    /// A note on the mapping (Swedish), or empty.
    #[serde(default)]
    pub note: String,
}

/// Puts a code's mappings in their order: by relation, target system and target code
/// (digits compared as numbers).
pub fn sort_mappings(list: &mut [Mapping]) {
    list.sort_by(|a, b| {
        (a.relation, &a.system)
            .cmp(&(b.relation, &b.system))
            .then_with(|| natural_cmp(&a.code, &b.code))
    });
}

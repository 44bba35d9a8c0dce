//! The catalogue's content as plain Rust values, free of any framework.
//!
//! Values here are built by `import` (from spreadsheets and SKOS files) and by `store::from_rdf`,
//! and turned into RDF by `store::to_rdf`. Text fields use the empty string for "not given", which
//! is how spreadsheets and RDF (an absent triple) both express it.

mod catalog;
mod codebook;
mod collection;
mod coverage;
mod harmonisation;
mod ids;
mod mapping;
mod organisation;
mod references;
mod registration;
mod terms;
mod use_case;
pub mod value_set;
mod variable;

pub use catalog::{Catalog, Counts, ItemKey, ItemKind, ItemMap, ItemMapExt, Modified, Versions};
pub use codebook::{
    Code, Codebook, HierarchyProblem, MAX_CODE_DEPTH, hierarchy_problems, natural_cmp, sort_codes,
};
pub use collection::Collection;
pub use coverage::{
    COUNTRY_AUTHORITY, CollectionMeta, DPV_PD, NUTS, Period, Place, meta_date_is_year,
    parse_meta_date,
};
pub use harmonisation::{Harmonisation, HistoryEntry, MethodStep, ReferenceMember, check_date};
pub use ids::{Id, IdError, OrgNr, orgnr_check_digit, slugify};
pub use mapping::{Mapping, sort_mappings};
pub use organisation::Organisation;
pub use references::Reference;
pub use registration::{Registration, set_registration, sort_registrations, status_at};
pub use terms::{
    AccessRights, DataType, Frequency, HealthCategory, MatchRelation, Obligation, PersonalData,
    PublisherType, Role, Status, TERM_FIELDS, TermError, labelled_cell, term_labels,
};
pub use use_case::{Binding, ProblemArea, Step, UseCase};
pub use variable::Variable;

/// A language of the catalogue's texts: Swedish first, English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Sv,
    En,
}

/// A text in Swedish (primary) and English; an empty string means "not given".
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Lang {
    pub sv: String,
    pub en: String,
}

impl Lang {
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            sv: sv.into(),
            en: en.into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sv.is_empty() && self.en.is_empty()
    }

    /// The Swedish text, or the English one when no Swedish is given.
    pub fn best(&self) -> &str {
        if self.sv.is_empty() {
            &self.en
        } else {
            &self.sv
        }
    }
}

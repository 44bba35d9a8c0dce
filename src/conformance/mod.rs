//! Conformance results in the catalogue: what regions' extracts showed against the
//! specification (`varcat check --record`, `POST /api/efterlevnad`), and what the pages make of
//! them. Counts only: no value of an extract ever reaches the catalogue.

pub mod submission;

pub use submission::Submission;
pub mod charts;
pub mod results;

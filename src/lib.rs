//! varcat — the national catalogue of health-data variables for Sweden's healthcare regions.
//!
//! The flow reads from the module names:
//!
//! ```text
//! spreadsheet / SKOS file → import → domain → store (oxigraph) → web (pages, item RDF)
//!                                        ↘ db (diesel: import runs, audit log)
//! store → export (xlsx, csv, ttl, nq)
//! feed → quality (data.europa.eu's MQA, link checks) → `validate --mqa`, the /kvalitet page
//! feed → validation (SHACL, rudof's engine, embedded shapes) → `validate`, the /validering page
//! store → web::snapshot (catalogue in memory) → search (tantivy index) and the pages
//! web::api (JSON, bearer tokens) → governance (roles, lifecycle, one write path) → import
//!     rules → store + db (audit log, status changes) in one transaction → snapshot refresh
//! ```
//!
//! `cli` ties them together behind one binary; `domain` depends on nothing else here.

pub mod candidates;
pub mod check;
pub mod cli;
pub mod config;
pub mod conformance;
pub mod db;
pub mod diff;
pub mod domain;
pub mod export;
pub mod feed;
pub mod fields;
pub mod governance;
pub mod import;
mod parallel;
pub mod quality;
pub mod releases;
pub mod search;
pub mod store;
pub mod validation;
pub mod web;
pub mod workspace;

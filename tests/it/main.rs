//! The integration suite: one test binary. Modules follow what a user does: round-trips of
//! the content model, the `varcat` command line on real files, bad input, and HTTP.

mod api;
mod api_hardening;
mod api_import;
mod bad_input;
mod base_iri;
mod candidates;
mod check;
mod cli;
mod conformance;
mod content;
mod crash;
mod deref;
mod downloads;
mod feeds;
mod fields;
mod hardening;
mod harmonisation;
mod harvest;
mod import_page;
mod labels;
mod live;
mod openapi;
mod pages;
mod quality;
mod releases;
mod roundtrip;
mod search;
mod sessions;
mod skos;
mod sparql;
mod support;
mod visibility;
mod web;

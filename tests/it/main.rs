//! The integration suite: one test binary. Modules follow what a user does: round-trips of
//! the content model, the `varcat` command line on real files, bad input, and HTTP.

mod api;
mod bad_input;
mod cli;
mod content;
mod feeds;
mod pages;
mod releases;
mod roundtrip;
mod search;
mod support;
mod web;

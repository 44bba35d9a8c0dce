//! The line on a variable's page saying by how many of the regions it is delivered per
//! specification.

use actix_web::web;

use crate::conformance::results::{self, Results};
use crate::web::visibility::Viewer;
use crate::web::{State, WebError};

use super::super::Ui;
use super::detail::delivered_line;
use super::view::t;

/// Where a variable's page says how many regions deliver it: filled in at each request (the
/// page is kept per snapshot; results arrive without one).
const MARKER: &str = "<!--varcat:efterlevnad:";

impl super::super::views::ItemPage {
    /// The place of the conformance line on a variable's page.
    pub fn conformance_marker(&self) -> String {
        let id = self.iri.rsplit('/').next().unwrap_or_default();
        format!("{MARKER}{id}-->")
    }
}

/// `page` with its conformance line, when it is a variable's page: "levereras enligt
/// specifikationen av N av 21 regioner" when any region reported the variable, else nothing.
pub async fn fill(
    state: &State,
    ui: Ui,
    viewer: Viewer,
    page: web::Bytes,
) -> Result<web::Bytes, WebError> {
    let Some(at) = find(&page, MARKER.as_bytes()) else {
        return Ok(page);
    };
    let rest = &page[at + MARKER.len()..];
    let Some(end) = find(rest, b"-->") else {
        return Ok(page);
    };
    let id = String::from_utf8_lossy(&rest[..end]).into_owned();
    let snap = state.snapshot();
    let db = state.db.clone();
    // A page never waits for the database: while a write holds it, the page goes out
    // without the line (the next view has it).
    let runs = web::block(move || {
        let Ok(mut db) = db.try_lock() else {
            return Ok(None);
        };
        db.conformance_of_variable(&id)
            .map(|r| Some((id, r)))
            .map_err(|e| WebError::Internal(e.to_string()))
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    let Some((id, runs)) = runs else {
        let mut out = Vec::with_capacity(page.len());
        out.extend_from_slice(&page[..at]);
        out.extend_from_slice(&rest[end + 3..]);
        return Ok(web::Bytes::from(out));
    };
    let results = Results::new(runs);
    let regions = results::regions(snap.catalog(viewer), ui.english());
    let line = delivered_line(ui, &results, &regions, &id).map(|l| {
        let synthetic = if results.any_synthetic() {
            format!(" ({})", t(ui, "syntetiska resultat", "synthetic results"))
        } else {
            String::new()
        };
        format!(
            "<p class=\"conformance-line\"><a href=\"{}/efterlevnad/variabel/{}\">{}</a>{synthetic}</p>",
            ui.prefix,
            askama::filters::escape(&id, askama::filters::Html)
                .map(|e| e.to_string())
                .unwrap_or_default(),
            capitalise(&l)
        )
    });
    let mut out = Vec::with_capacity(page.len() + 200);
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(line.unwrap_or_default().as_bytes());
    out.extend_from_slice(&rest[end + 3..]);
    Ok(web::Bytes::from(out))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

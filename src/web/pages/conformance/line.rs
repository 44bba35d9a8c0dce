//! The line on a variable's page saying by how many of the regions it is delivered per
//! specification.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::web;

use crate::conformance::results::{self, Results};
use crate::web::visibility::Viewer;
use crate::web::{State, WebError};

use super::super::Ui;
use super::detail::delivered_line;
use super::view::t;

/// Each variable's recorded runs as the database last gave them, so that a page view reads
/// the database at most once per variable every [`KEEP`]; a report through the API clears
/// them (a report recorded by another process shows within `KEEP`).
#[derive(Default)]
pub struct KeptRuns(Mutex<HashMap<String, (Instant, Arc<Runs>)>>);

type Runs = Vec<(crate::db::ConformanceRun, Vec<crate::db::ConformanceResult>)>;

const KEEP: Duration = Duration::from_secs(10);

impl KeptRuns {
    fn get(&self, id: &str) -> Option<Arc<Runs>> {
        let kept = self.0.lock().ok()?;
        kept.get(id)
            .filter(|(at, _)| at.elapsed() < KEEP)
            .map(|(_, r)| r.clone())
    }

    fn put(&self, id: String, runs: Arc<Runs>) {
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() > 10_000 {
                kept.clear();
            }
            kept.insert(id, (Instant::now(), runs));
        }
    }

    /// Forgets every kept answer (after a report is recorded).
    pub fn clear(&self) {
        if let Ok(mut kept) = self.0.lock() {
            kept.clear();
        }
    }
}

/// Where a variable's page says how many regions deliver it: filled in at each request (the
/// page is kept per snapshot; results arrive without one).
const MARKER: &str = "<!--varcat:efterlevnad:";

impl super::super::views::ItemPage {
    /// The place of the conformance line on a variable's page.
    pub fn conformance_marker(&self) -> String {
        let id = self.iri.rsplit('/').next().unwrap_or_default();
        format!("{MARKER}{id}-->")
    }

    /// The place of the list of improvement proposals (`web::proposal_line`).
    pub fn proposals_marker(&self) -> String {
        crate::web::proposal_line::marker(&self.iri)
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
    let runs = match state.conformance_runs.get(&id) {
        Some(runs) => runs,
        None => {
            let db = state.db.clone();
            let key = id.clone();
            // A page never waits for the database: while a write holds it, the page goes
            // out without the line (the next view has it).
            let read = web::block(move || {
                let Ok(mut db) = db.try_lock() else {
                    return Ok(None);
                };
                db.conformance_of_variable(&key)
                    .map(Some)
                    .map_err(WebError::internal)
            })
            .await??;
            let Some(runs) = read else {
                let mut out = Vec::with_capacity(page.len());
                out.extend_from_slice(&page[..at]);
                out.extend_from_slice(&rest[end + 3..]);
                return Ok(web::Bytes::from(out));
            };
            let runs = Arc::new(runs);
            state.conformance_runs.put(id.clone(), runs.clone());
            runs
        }
    };
    let runs = (*runs).clone();
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

//! The lines on an item's page read when it is served — by how many of the regions a variable
//! is delivered per specification, and the item's improvement proposals
//! (`web::proposal_line`): both live in the database and change without a new snapshot. The
//! page as it goes out is kept per snapshot, page, latest recorded conformance run
//! (`web::measurements`) and state of the proposals (`db::proposal_writes`), so a kept page
//! asked again costs no database read; a new run or proposal change shows at the next view.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::web;

use crate::conformance::results::{self, Results};
use crate::web::snapshot::Snapshot;
use crate::web::visibility::Viewer;
use crate::web::{State, WebError};

use super::super::Ui;
use super::detail::delivered_line;
use super::view::t;

/// Each variable's recorded runs as the database last gave them, with the latest recorded run
/// they were read at: read again only when a newer run is recorded. A report through the API
/// clears them.
#[derive(Default)]
pub struct KeptRuns(Mutex<HashMap<String, (i64, Arc<Runs>)>>);

type Runs = Vec<(crate::db::ConformanceRun, Vec<crate::db::ConformanceResult>)>;

impl KeptRuns {
    fn get(&self, id: &str, latest: i64) -> Option<Arc<Runs>> {
        let kept = self.0.lock().ok()?;
        kept.get(id)
            .filter(|(at, _)| *at == latest)
            .map(|(_, r)| r.clone())
    }

    fn put(&self, id: String, latest: i64, runs: Arc<Runs>) {
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() > 10_000 {
                kept.clear();
            }
            kept.insert(id, (latest, runs));
        }
    }

    /// Forgets every kept answer (after a report is recorded).
    pub fn clear(&self) {
        if let Ok(mut kept) = self.0.lock() {
            kept.clear();
        }
    }
}

/// An item page as it goes out (see the module): `page`, kept in `snap` under `key`, with its
/// conformance line and its list of improvement proposals. A page whose lines could not be
/// read (a write held the database) goes out without them and is not kept.
/// A data collection's MQA line (`pages::quality_line`) is filled after that, on every view:
/// it follows the latest kept link check, which no snapshot knows of.
pub async fn fill(
    state: &State,
    snap: &Arc<Snapshot>,
    ui: Ui,
    viewer: Viewer,
    key: &str,
    page: web::Bytes,
) -> Result<web::Bytes, WebError> {
    // Read before the lines are, so that a change made meanwhile is shown at the next view.
    let (latest, kept) = filled_key(state, ui, key).unzip();
    if let Some(hit) = kept.as_deref().and_then(|k| snap.pages().get(k)) {
        return going_out(state, ui, hit).await;
    }
    let (page, line) = conformance_line(state, snap, ui, viewer, latest, page).await?;
    let (page, list) = crate::web::proposal_line::fill(state, snap, ui, viewer, page).await?;
    let tagged = tag(&page);
    if let (Some(kept), true, true) = (kept, line, list) {
        snap.pages().put(kept, tagged.clone());
    }
    going_out(state, ui, tagged).await
}

/// The page kept under `key`, filled as [`fill`] last filled it for this view, when it is
/// still current: as it goes out, without reading it through again.
pub async fn filled(
    state: &State,
    snap: &Snapshot,
    ui: Ui,
    key: &str,
) -> Result<Option<web::Bytes>, WebError> {
    let Some(hit) = filled_key(state, ui, key).and_then(|(_, k)| snap.pages().get(&k)) else {
        return Ok(None);
    };
    going_out(state, ui, hit).await.map(Some)
}

/// Where the page under `key` is kept filled: beside the pages as rendered, in the same
/// bounded cache, by the latest recorded run and the state of the proposals; `None` when the
/// latest run is unknown (a write holds the database, or it failed): the page is not kept.
/// With the latest run id the key names.
fn filled_key(state: &State, ui: Ui, key: &str) -> Option<(i64, String)> {
    let proposals = crate::db::proposal_writes();
    let latest = state
        .measured
        .latest_unless_busy(&state.db)
        .ok()
        .flatten()?;
    Some((
        latest,
        format!("filled|{latest}|{proposals}|{}|{key}", ui.prefix),
    ))
}

/// The first byte of a filled page as kept: whether it has a place for the MQA line.
const WITH_QUALITY: u8 = b'q';
const WITHOUT_QUALITY: u8 = b'-';

/// `page` as kept filled: with the byte that says whether it has an MQA line to fill (looked
/// for once, here).
fn tag(page: &[u8]) -> web::Bytes {
    let mut out = Vec::with_capacity(page.len() + 1);
    out.push(if crate::web::pages::quality_line::has_place(page) {
        WITH_QUALITY
    } else {
        WITHOUT_QUALITY
    });
    out.extend_from_slice(page);
    web::Bytes::from(out)
}

/// A filled page as kept (see [`tag`]) as it goes out: shared with what is kept, unless it
/// has an MQA line to fill.
async fn going_out(state: &State, ui: Ui, kept: web::Bytes) -> Result<web::Bytes, WebError> {
    match kept.first() {
        Some(&WITH_QUALITY) => {
            crate::web::pages::quality_line::fill(state, ui, kept.slice(1..)).await
        }
        Some(_) => Ok(kept.slice(1..)),
        None => Ok(kept),
    }
}

/// Where a variable's page says how many regions deliver it: filled in by [`fill`].
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
/// specifikationen av N av 21 regioner" when any region reported the variable, else nothing;
/// and whether the line could be read (`latest`: the latest recorded run, when known).
async fn conformance_line(
    state: &State,
    snap: &Snapshot,
    ui: Ui,
    viewer: Viewer,
    latest: Option<i64>,
    page: web::Bytes,
) -> Result<(web::Bytes, bool), WebError> {
    let Some((at, end)) = marked(&page, MARKER) else {
        return Ok((page, true));
    };
    let id = String::from_utf8_lossy(&page[at + MARKER.len()..end]).into_owned();
    let kept = latest.and_then(|l| state.conformance_runs.get(&id, l));
    let runs = match kept {
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
                return Ok((splice(&page, at, end, ""), false));
            };
            let runs = Arc::new(runs);
            if let Some(l) = latest {
                state.conformance_runs.put(id.clone(), l, runs.clone());
            }
            runs
        }
    };
    let results = Results::new((*runs).clone());
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
    Ok((splice(&page, at, end, &line.unwrap_or_default()), true))
}

/// Where `marker` starts in `page` and where its `-->` does.
pub(in crate::web) fn marked(page: &[u8], marker: &str) -> Option<(usize, usize)> {
    let at = find(page, marker.as_bytes())?;
    let end = at + marker.len() + find(&page[at + marker.len()..], b"-->")?;
    Some((at, end))
}

/// `page` with `text` in place of the marker from `at` to its `-->` at `end`.
pub(in crate::web) fn splice(page: &[u8], at: usize, end: usize, text: &str) -> web::Bytes {
    let mut out = Vec::with_capacity(page.len() + text.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&page[end + 3..]);
    web::Bytes::from(out)
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

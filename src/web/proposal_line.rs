//! The proposals on a variable's or codebook's page: a short list (number, status) with a link
//! to all of them and, for signed-in editors, to a new one. Proposals live in the database and
//! change without a new snapshot, so the kept page holds a marker that is filled when the page
//! is served, as the conformance line is; a page never waits for the database (while a write
//! holds it the list is left out, and the next view has it).

use actix_web::web;

use crate::db::ProposalFilter;
use crate::governance::proposals as rules;

use super::pages::Ui;
use super::proposal_pages::{status_label, texts};
use super::visibility::Viewer;
use super::{State, WebError};

const MARKER: &str = "<!--varcat:forslag:";

/// How many proposals the item page lists (the list page has the rest).
const SHOWN: usize = 5;

/// The place of the proposal list on the page of the item `iri` names.
pub fn marker(iri: &str) -> String {
    let mut parts = iri.rsplit('/');
    let id = parts.next().unwrap_or_default();
    let kind = parts.next().unwrap_or_default();
    format!("{MARKER}{kind}/{id}-->")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn escape(s: &str) -> String {
    askama::filters::escape(s, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_default()
}

/// `page` with its proposal list in place of the marker (or without the marker).
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
    let item = String::from_utf8_lossy(&rest[..end]).into_owned();
    let f = super::proposals::filter_of(None, Some(&item), None).unwrap_or(ProposalFilter {
        item_id: Some(String::new()),
        ..Default::default()
    });
    let db = state.db.clone();
    let read = web::block(move || {
        let Ok(mut db) = db.try_lock() else {
            return None;
        };
        db.proposals(&f).ok()
    })
    .await?;
    let snap = state.snapshot();
    let shown: Vec<_> = read
        .unwrap_or_default()
        .into_iter()
        .filter(|p| super::proposals::may_see(viewer, &snap, p))
        .collect();
    let pt = texts(ui);
    let mut html = String::new();
    if !shown.is_empty() || viewer == Viewer::Editor {
        html.push_str(&format!(
            "<section class=\"proposals\"><h2>{}</h2>",
            escape(pt.all_for_item)
        ));
        if !shown.is_empty() {
            html.push_str("<ul class=\"links\">");
            for p in shown.iter().take(SHOWN) {
                html.push_str(&format!(
                    "<li><a href=\"{}/forslag/{}\">{} {}</a> · {}</li>",
                    ui.prefix,
                    p.id,
                    escape(pt.title),
                    p.id,
                    escape(&status_label(ui, rules::status_of(p)))
                ));
            }
            html.push_str("</ul>");
        }
        html.push_str(&format!(
            "<p><a href=\"{}/forslag?item={}\">{} ({})</a>",
            ui.prefix,
            escape(&item),
            escape(pt.list_title),
            shown.len()
        ));
        if viewer == Viewer::Editor {
            let (kind, id) = item.split_once('/').unwrap_or(("variabel", &item));
            let kind = if kind == "kodverk" {
                "kodverk"
            } else {
                "variabler"
            };
            html.push_str(&format!(
                " · <a href=\"{}/forslag/ny?kind={kind}&amp;id={}\">{}</a>",
                ui.prefix,
                escape(id),
                escape(pt.new_link)
            ));
        }
        html.push_str("</p></section>");
    }
    let mut out = Vec::with_capacity(page.len() + html.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(html.as_bytes());
    out.extend_from_slice(&rest[end + 3..]);
    Ok(web::Bytes::from(out))
}

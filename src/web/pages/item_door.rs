//! One door to an item's page, for both languages: the Swedish page at the item's own IRI
//! (which `web::items` reaches by content negotiation) and the English one under `/en/`. Both
//! check what the viewer may see, tell a frozen version from the current item, keep the page
//! per snapshot and viewer, and fill it (conformance line, proposals, quality line) on each
//! view, here and only here.

use std::sync::Arc;

use actix_web::{HttpResponse, web};

use super::code_pages::CodeQuery;
use super::{Ui, conformance, html, item_page, version_page, versions_of};
use crate::web::snapshot::{Snapshot, page_key};
use crate::web::visibility::Viewer;
use crate::web::{State, WebError};

/// One ask for an item's page.
pub(in crate::web) struct Ask {
    pub ui: Ui,
    pub viewer: Viewer,
    /// The request's path, as the page's language switch and links see it (`/en/variabel/x`).
    pub path: String,
    /// The item's path under the base IRI, the same in both languages (`/variabel/x`).
    pub item_path: String,
    pub query: CodeQuery,
}

impl Ask {
    /// The key the page is kept under in a snapshot: per viewer, path and code-page query.
    pub fn key(&self) -> String {
        page_key(self.viewer, &self.query.cache_path(&self.path))
    }
}

/// The page kept in the current snapshot for `ask`, filled for this view; `None` when this
/// snapshot has not rendered it yet.
pub(in crate::web) async fn kept(
    state: &web::Data<State>,
    ask: &Ask,
) -> Result<Option<HttpResponse>, WebError> {
    let key = ask.key();
    let snap = state.snapshot();
    // As it went out last, when nothing it shows changed since: no rendered page to fill.
    if let Some(page) = conformance::filled(state, &snap, ask.ui, &key).await? {
        return Ok(Some(html(page)));
    }
    let Some(hit) = snap.cached_get(&key) else {
        return Ok(None);
    };
    let page = conformance::fill(state, &snap, ask.ui, ask.viewer, &key, hit).await?;
    Ok(Some(html(page)))
}

/// The page of the item or frozen version at `ask.item_path` as `ask.viewer` sees it, kept
/// and filled; `None` when there is none for this viewer (the caller answers 404 or, for a
/// Swedish IRI, the RDF's plain HTML view).
pub(in crate::web) async fn page(
    state: web::Data<State>,
    ask: Ask,
) -> Result<Option<HttpResponse>, WebError> {
    if let Some(hit) = kept(&state, &ask).await? {
        return Ok(Some(hit));
    }
    let key = ask.key();
    let (ui, viewer) = (ask.ui, ask.viewer);
    let inner = state.clone().into_inner();
    let cache_key = key.clone();
    let (snap, body) = web::block(move || -> Result<_, WebError> {
        let snap = inner.snapshot();
        let body = snap.cached(cache_key, || {
            render(&inner, &snap, &ask).map(|p| p.map(String::into_bytes))
        })?;
        Ok((snap, body))
    })
    .await??;
    match body {
        Some(b) => Ok(Some(html(
            conformance::fill(&state, &snap, ui, viewer, &key, b).await?,
        ))),
        None => Ok(None),
    }
}

/// Renders the page afresh from `snap`.
fn render(state: &State, snap: &Arc<Snapshot>, ask: &Ask) -> Result<Option<String>, WebError> {
    let iris = state.store.iris();
    let iri = format!("{}{}", iris.base(), ask.item_path);
    let viewer = ask.viewer;
    let Some(key) = iris
        .item_of(&iri)
        .filter(|_| !snap.hidden(viewer, iris).iri(&iri))
    else {
        return Ok(None);
    };
    let item_iri = iris.item(&key);
    if item_iri.as_str() != iri {
        // A frozen version (`/variabel/x/1.0`); else a code, shown on its codebook's page.
        if let Some(page) = version_page(state, snap, viewer, &iri, ask.ui, &ask.path)? {
            return Ok(Some(page));
        }
    }
    let versions = versions_of(snap, viewer, iris, item_iri.as_str());
    item_page(
        snap.catalog(viewer),
        &key,
        ask.ui,
        &ask.path,
        snap,
        viewer,
        iris,
        &versions,
        &ask.query,
    )
}

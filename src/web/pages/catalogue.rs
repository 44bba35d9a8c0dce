//! The catalogue-wide pages and their handlers: start, matrix, comparison and search (kept
//! rendered per snapshot and kind of viewer), the release notes, and the quality page.

use actix_web::{HttpRequest, HttpResponse, web};

use super::super::snapshot::Snapshot;
use super::super::visibility::Viewer;
use super::super::{State, WebError};
use super::{Ui, html, not_found_response, quality, render, search, ui_of, views};

/// Where a catalogue-wide page is kept once rendered from a snapshot.
#[derive(Clone, Copy)]
pub(super) enum Keep {
    /// The same for everyone (start page, matrix): with the snapshot's pages, by path.
    Page,
    /// Depends on the query string (search, comparison): with the snapshot's searches, by
    /// path and query string.
    Query,
}

impl Keep {
    fn cache(self, snap: &Snapshot) -> &super::super::snapshot::Answers {
        match self {
            Keep::Page => snap.pages(),
            Keep::Query => &snap.searches,
        }
    }
}

/// Renders a catalogue-wide page in the request's language from the current snapshot as the
/// request's viewer sees it, or answers with the page kept from an earlier request by the
/// same kind of viewer to the same snapshot.
pub(super) async fn catalogue_page(
    req: HttpRequest,
    state: web::Data<State>,
    keep: Keep,
    view: impl FnOnce(&Snapshot, Viewer, Ui, &str, &crate::store::Iris) -> Result<String, WebError>
    + Send
    + 'static,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let viewer = Viewer::of(&req, &state).await;
    let path = req.path().to_owned();
    let key = match keep {
        Keep::Page => Some(super::super::snapshot::page_key(viewer, &path)),
        Keep::Query => Some(viewer.key(&format!("{path}?{}", req.query_string()))),
    };
    if let Some(hit) = key
        .as_deref()
        .and_then(|k| keep.cache(&state.snapshot()).get(k))
    {
        return Ok(html(hit));
    }
    let state = state.into_inner();
    let body = web::block(move || -> Result<web::Bytes, WebError> {
        let snap = state.snapshot();
        let body = web::Bytes::from(view(&snap, viewer, ui, &path, state.store.iris())?);
        if let Some(key) = key {
            keep.cache(&snap).put(key, body.clone());
        }
        Ok(body)
    })
    .await??;
    Ok(html(body))
}

pub(super) async fn start(
    req: HttpRequest,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    catalogue_page(req, state, Keep::Page, |snap, viewer, ui, path, iris| {
        render(views::start(
            snap.catalog(viewer),
            snap.counts(viewer),
            ui,
            path,
            &snap.modified,
            iris,
        ))
    })
    .await
}

pub(super) async fn matrix(
    req: HttpRequest,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    catalogue_page(req, state, Keep::Page, |snap, viewer, ui, path, _| {
        render(views::matrix(snap.catalog(viewer), ui, path))
    })
    .await
}

pub(super) async fn compare(
    req: HttpRequest,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let ids: Vec<String> = req
        .query_string()
        .split('&')
        .filter_map(|kv| kv.strip_prefix("id="))
        .filter(|v| !v.is_empty())
        .take(12)
        .map(|v| v.chars().take(100).collect())
        .collect();
    catalogue_page(req, state, Keep::Query, move |snap, viewer, ui, path, _| {
        render(views::compare(snap.catalog(viewer), ui, path, &ids))
    })
    .await
}

pub(super) async fn search_page(
    req: HttpRequest,
    state: web::Data<State>,
    pairs: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let request = search::Request::parse(&pairs);
    catalogue_page(req, state, Keep::Query, move |snap, viewer, ui, path, _| {
        let cat = snap.catalog(viewer);
        // Drafts are searchable for signed-in editors only (asked for with status=utkast).
        let mut query = request.query();
        query.include_drafts = viewer.may_see_status(Some(crate::domain::Status::Draft));
        let mut results = snap.search.search(&query)?;
        if !search::filters_visible(cat, &request) {
            // Narrowed by something the viewer may not see: nothing to show.
            results.total = 0;
            results.hits.clear();
            results.facets.clear();
        }
        render(search::page(cat, ui, path, &request, &results))
    })
    .await
}

pub(super) async fn releases_page(
    req: HttpRequest,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let viewer = Viewer::of(&req, &state).await;
    let path = req.path().to_owned();
    let state = state.into_inner();
    let body = web::block(move || -> Result<String, WebError> {
        let iris = state.store.iris();
        render(state.releases.list_page(ui, viewer, &path, iris)?)
    })
    .await??;
    Ok(html(body))
}

pub(super) async fn release_page(
    req: HttpRequest,
    state: web::Data<State>,
    name: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let viewer = Viewer::of(&req, &state).await;
    let path = req.path().to_owned();
    let name = name.into_inner();
    let state = state.into_inner();
    let shown = path.clone();
    let body = web::block(move || -> Result<Option<String>, WebError> {
        match state
            .releases
            .page(&name, ui, viewer, &path, state.store.iris())?
        {
            Some(p) => render(p).map(Some),
            None => Ok(None),
        }
    })
    .await??;
    match body {
        Some(b) => Ok(html(b)),
        None => Ok(not_found_response(ui, &shown)),
    }
}

pub(super) async fn quality_page(
    req: HttpRequest,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let path = req.path().to_owned();
    let state = state.into_inner();
    let body = web::block(move || -> Result<Option<actix_web::web::Bytes>, WebError> {
        let snap = state.snapshot();
        // The same for every viewer: it scores the published catalogue, with the links as
        // the latest kept check found them.
        let checked = state
            .db
            .lock()
            .ok()
            .and_then(|mut db| db.latest_link_check_at().ok().flatten())
            .unwrap_or_default();
        snap.cached(format!("quality|{path}|{checked}"), || {
            render(quality::page(&snap, &state, ui, &path)?).map(|p| Some(p.into_bytes()))
        })
    })
    .await??;
    Ok(html(body.unwrap_or_default()))
}

//! The HTML pages (askama templates in `templates/pages/`): start, one page per item kind at the
//! item's IRI (served to browsers by content negotiation), the use-case matrix, and the 404
//! page; Swedish under `/`, English under `/en/`, with a language switch that keeps the page.
//! Templates see only the view structs in `views`, never domain or diesel types.

pub mod candidates;
mod changes;
pub mod conformance;
pub mod harmonisation;
mod history;
mod quality;
mod releases;
mod search;
mod texts;
mod tree;
mod ui;
mod views;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::domain::{Catalog, ItemKey, ItemKind};

pub use releases::ReleaseNotes;
pub use texts::{EN, SV, Texts};
pub use ui::Ui;
pub(super) use ui::ui_of;

use super::snapshot::Snapshot;
use super::visibility::{self, Viewer};
use super::{State, WebError};

pub(super) fn html<B: actix_web::body::MessageBody + 'static>(body: B) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body)
}

fn render(t: impl Template) -> Result<String, WebError> {
    t.render().map_err(|e| WebError::Internal(e.to_string()))
}

/// An item's versions as its page shows them.
#[derive(Debug, Default)]
pub struct Versions {
    /// Earlier versions, frozen at their own IRIs: (version, path), oldest first.
    pub earlier: Vec<(String, String)>,
    /// Set when the page shows a frozen version: (its version, the current item's path).
    pub frozen: Option<(String, String)>,
}

/// The page of one item as `viewer` sees it, from `cat` (what `viewer` sees of the
/// catalogue), or `None` when it has no such item.
#[expect(
    clippy::too_many_arguments,
    reason = "the page's inputs, each of a different kind"
)]
pub fn item_page(
    cat: &Catalog,
    key: &ItemKey,
    ui: Ui,
    path: &str,
    snap: &Snapshot,
    viewer: Viewer,
    iris: &crate::store::Iris,
    versions: &Versions,
) -> Result<Option<String>, WebError> {
    // The codebook whose codes the page lists (the snapshot keeps them apart): a variable's
    // value domain, or the codebook itself — unless it is a frozen version, which holds its
    // own codes.
    let id = crate::domain::Id::parse(&key.id).ok();
    let book = match key.kind {
        ItemKind::Variable => id
            .and_then(|id| cat.variables.get(&id))
            .and_then(|v| v.codebook.as_ref())
            .map(|cb| snap.codebook(viewer, cb))
            .transpose()?
            .flatten(),
        ItemKind::Codebook if versions.frozen.is_none() => snap.codebook_under(viewer, key)?,
        _ => None,
    };
    let Some(mut page) = views::item(cat, key, ui, path, &snap.modified, iris, book.as_ref())
    else {
        return Ok(None);
    };
    page.harmonisation = harmonisation::section(cat, key, ui);
    if !versions.earlier.is_empty() {
        let links = versions
            .earlier
            .iter()
            .map(|(v, href)| views::Link {
                href: format!("{}{href}", ui.prefix),
                label: format!("{} {v}", ui.t.version),
            })
            .collect();
        page.lists.insert(0, (ui.t.earlier_versions, links));
    }
    if let Some((v, current)) = &versions.frozen {
        page.notice = Some(ui.t.old_version_notice);
        page.lists.insert(
            0,
            (
                ui.t.changes_since_version,
                vec![views::Link {
                    href: format!("{}{current}/{v}/andringar", ui.prefix),
                    label: ui.t.changes_since_version.to_owned(),
                }],
            ),
        );
        page.title = format!("{} ({} {v})", page.title, ui.t.version.to_lowercase());
        page.lists.insert(
            0,
            (
                ui.t.current_version,
                vec![views::Link {
                    href: format!("{}{current}", ui.prefix),
                    label: ui.t.current_version.to_owned(),
                }],
            ),
        );
    }
    render(page).map(Some)
}

/// The versions `viewer` may see on the page of the item at `iri` (the current version).
pub fn versions_of(
    snap: &Snapshot,
    viewer: Viewer,
    iris: &crate::store::Iris,
    iri: &str,
) -> Versions {
    let path = |full: &str| full.strip_prefix(iris.base()).unwrap_or(full).to_owned();
    let hidden = snap.hidden(viewer, iris);
    Versions {
        earlier: snap
            .versions
            .get(iri)
            .map(|vs| {
                vs.iter()
                    .filter(|(_, i)| !hidden.iri(i))
                    .map(|(v, i)| (v.clone(), path(i)))
                    .collect()
            })
            .unwrap_or_default(),
        frozen: None,
    }
}

fn not_found_page(ui: Ui, path: &str) -> String {
    views::not_found(ui, path)
        .render()
        .unwrap_or_else(|_| "Not found".into())
}

/// The 404 answer to a browser: the page in `ui`'s language, naming `path`.
pub fn not_found_response(ui: Ui, path: &str) -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("text/html; charset=utf-8")
        .body(not_found_page(ui, path))
}

/// Where a catalogue-wide page is kept once rendered from a snapshot.
#[derive(Clone, Copy)]
enum Keep {
    /// The same for everyone (start page, matrix): with the snapshot's pages, by path.
    Page,
    /// Depends on the query string (search, comparison): with the snapshot's searches, by
    /// path and query string.
    Query,
}

impl Keep {
    fn cache(self, snap: &Snapshot) -> &super::snapshot::Answers {
        match self {
            Keep::Page => snap.pages(),
            Keep::Query => &snap.searches,
        }
    }
}

/// Renders a catalogue-wide page in the request's language from the current snapshot as the
/// request's viewer sees it, or answers with the page kept from an earlier request by the
/// same kind of viewer to the same snapshot.
async fn catalogue_page(
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
        Keep::Page => Some(super::snapshot::page_key(viewer, &path)),
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
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(html(body))
}

async fn start(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
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

async fn matrix(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    catalogue_page(req, state, Keep::Page, |snap, viewer, ui, path, _| {
        render(views::matrix(snap.catalog(viewer), ui, path))
    })
    .await
}

async fn compare(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
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

async fn search_page(
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
        let mut results = snap
            .search
            .search(&query)
            .map_err(|e| WebError::Internal(e.to_string()))?;
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

/// The page of a frozen version at `iri` as `viewer` sees it, or `None` when there is none
/// (or `viewer` may not see it).
pub(super) fn version_page(
    state: &State,
    snap: &Snapshot,
    viewer: Viewer,
    iri: &str,
    ui: Ui,
    path: &str,
) -> Result<Option<String>, WebError> {
    let iris = state.store.iris();
    if snap.hidden(viewer, iris).iri(iri) {
        return Ok(None);
    }
    let Ok(node) = oxigraph::model::NamedNode::new(iri) else {
        return Ok(None);
    };
    let Some((key, mut frozen)) = state.store.load_version(&node)? else {
        return Ok(None);
    };
    // The current catalogue gives the context (owners, codebooks, use cases); the item itself
    // is the frozen one, without what the viewer may not see.
    visibility::restrict_part(viewer, snap.catalog(Viewer::Editor), &mut frozen);
    let mut cat = snap.catalog(viewer).clone();
    cat.extend(frozen);
    let current = iris.item(&key);
    let label = iri
        .strip_prefix(current.as_str())
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or_default()
        .to_owned();
    let current_path = current
        .as_str()
        .strip_prefix(iris.base())
        .unwrap_or(current.as_str())
        .to_owned();
    let versions = Versions {
        earlier: Vec::new(),
        frozen: Some((label, current_path)),
    };
    item_page(&cat, &key, ui, path, snap, viewer, iris, &versions)
}

fn release_error(e: crate::releases::ReleaseError) -> WebError {
    WebError::Internal(e.to_string())
}

async fn releases_page(
    req: HttpRequest,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let viewer = Viewer::of(&req, &state).await;
    let path = req.path().to_owned();
    let state = state.into_inner();
    let body = web::block(move || -> Result<String, WebError> {
        let iris = state.store.iris();
        render(
            state
                .releases
                .list_page(ui, viewer, &path, iris)
                .map_err(release_error)?,
        )
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(html(body))
}

async fn release_page(
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
            .page(&name, ui, viewer, &path, state.store.iris())
            .map_err(release_error)?
        {
            Some(p) => render(p).map(Some),
            None => Ok(None),
        }
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    match body {
        Some(b) => Ok(html(b)),
        None => Ok(not_found_response(ui, &shown)),
    }
}

/// English item pages: `/en/variabel/{id}` and so on.
async fn english_item(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let path = req.path().to_owned();
    let viewer = Viewer::of(&req, &state).await;
    if let Some(hit) = state
        .snapshot()
        .cached_get(&super::snapshot::page_key(viewer, &path))
    {
        return Ok(html(conformance::fill(&state, Ui::EN, viewer, hit).await?));
    }
    let item_path = path.strip_prefix("/en").unwrap_or(&path).to_owned();
    let state = state.into_inner();
    let st = state.clone();
    let body = web::block(move || -> Result<Option<actix_web::web::Bytes>, WebError> {
        let snap = state.snapshot();
        snap.cached(super::snapshot::page_key(viewer, &path), || {
            english_page(&state, &snap, viewer, &path, &item_path)
                .map(|p| p.map(String::into_bytes))
        })
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    match body {
        Some(b) => Ok(html(conformance::fill(&st, Ui::EN, viewer, b).await?)),
        None => Ok(not_found_response(Ui::EN, req.path())),
    }
}

fn english_page(
    state: &State,
    snap: &Snapshot,
    viewer: Viewer,
    path: &str,
    item_path: &str,
) -> Result<Option<String>, WebError> {
    let iris = state.store.iris();
    let iri = format!("{}{}", iris.base(), item_path);
    let Some(key) = iris
        .item_of(&iri)
        .filter(|_| !snap.hidden(viewer, iris).iri(&iri))
    else {
        return Ok(None);
    };
    let item_iri = iris.item(&key);
    if item_iri.as_str() != iri {
        // A frozen version (`/en/variabel/x/1.0`); else a code, shown on its codebook's page.
        if let Some(page) = version_page(state, snap, viewer, &iri, Ui::EN, path)? {
            return Ok(Some(page));
        }
    }
    let versions = versions_of(snap, viewer, iris, item_iri.as_str());
    let cat = snap.catalog(viewer);
    item_page(cat, &key, Ui::EN, path, snap, viewer, iris, &versions)
}

const CSS: &str = include_str!("../../../templates/varcat.css");

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(CSS)
}

async fn quality_page(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
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
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(html(body.unwrap_or_default()))
}

const FAVICON: &str = include_str!("../../../templates/favicon.svg");

/// The site's icon, at `/favicon.svg` (linked from every page) and at `/favicon.ico`, where
/// browsers and link checkers look without a link.
async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(FAVICON)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(start))
        .route("/favicon.svg", web::get().to(favicon))
        .route("/kvalitet", web::get().to(quality_page))
        .route("/en/kvalitet", web::get().to(quality_page))
        .route("/favicon.ico", web::get().to(favicon))
        .route("/en", web::get().to(start))
        .route("/en/", web::get().to(start))
        .route("/matris", web::get().to(matrix))
        .route("/en/matris", web::get().to(matrix))
        .route("/jamfor", web::get().to(compare))
        .route("/en/jamfor", web::get().to(compare))
        .route("/utgavor", web::get().to(releases_page))
        .route("/en/utgavor", web::get().to(releases_page))
        .route("/utgavor/{name}", web::get().to(release_page))
        .route("/en/utgavor/{name}", web::get().to(release_page))
        .route("/sok", web::get().to(search_page))
        .route("/en/sok", web::get().to(search_page))
        .route("/static/varcat.css", web::get().to(stylesheet))
        .route("/{kind}/{id}/historik", web::get().to(history::show))
        .route(
            "/{kind}/{id}/{version}/andringar",
            web::get().to(changes::show),
        )
        .route(
            "/en/{kind}/{id}/{version}/andringar",
            web::get().to(changes::show),
        )
        .route("/en/{kind}/{id}/historik", web::get().to(history::show))
        .route("/en/{tail:.*}", web::get().to(english_item));
}

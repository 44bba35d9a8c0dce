//! The HTML pages (askama templates in `templates/pages/`): start, one page per item kind at the
//! item's IRI (served to browsers by content negotiation), the use-case matrix, and the 404
//! page; Swedish under `/`, English under `/en/`, with a language switch that keeps the page.
//! Templates see only the view structs in `views`, never domain or diesel types.

mod assets;
pub mod candidates;
mod catalogue;
pub(in crate::web) mod changes;
pub mod code_pages;
pub mod conformance;
pub mod harmonisation;
mod history;
pub(in crate::web) mod item_door;
pub mod mappings;
mod quality;
mod quality_line;
pub mod registrations;
mod releases;
mod search;
mod texts;
mod tree;
mod ui;
mod views;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::domain::{Catalog, ItemKey};

pub use releases::ReleaseNotes;
pub use texts::{EN, SV, Texts};
pub use ui::Ui;
pub(super) use ui::ui_of;

use assets::{favicon, stylesheet};
use catalogue::{compare, matrix, quality_page, release_page, releases_page, search_page, start};

use super::snapshot::Snapshot;
use super::visibility::{self, Viewer};
use super::{State, WebError};

pub(super) fn html<B: actix_web::body::MessageBody + 'static>(body: B) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body)
}

fn render(t: impl Template) -> Result<String, WebError> {
    t.render().map_err(WebError::internal)
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
    query: &code_pages::CodeQuery,
) -> Result<Option<String>, WebError> {
    // The codebook whose codes the page lists (the snapshot keeps them apart).
    let (book, large) = code_pages::page_book(cat, key, snap, viewer, versions.frozen.is_some())?;
    let Some(mut page) = views::item(cat, key, ui, path, &snap.modified, iris, book.as_ref())
    else {
        return Ok(None);
    };
    page.harmonisation = harmonisation::section(cat, key, ui);
    page.registrations = registrations::section(cat, key, ui);
    code_pages::finish(
        ui,
        cat,
        key,
        path,
        book.as_ref(),
        large.as_ref(),
        query,
        &mut page,
    );
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
    item_page(
        &cat,
        &key,
        ui,
        path,
        snap,
        viewer,
        iris,
        &versions,
        &Default::default(),
    )
}

/// English item pages: `/en/variabel/{id}` and so on, through the one door of both languages.
async fn english_item(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let path = req.path().to_owned();
    let ask = item_door::Ask {
        ui: Ui::EN,
        viewer: Viewer::of(&req, &state).await,
        item_path: path.strip_prefix("/en").unwrap_or(&path).to_owned(),
        path,
        query: code_pages::CodeQuery::parse(req.query_string()),
    };
    Ok(item_door::page(state, ask)
        .await?
        .unwrap_or_else(|| not_found_response(Ui::EN, req.path())))
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

//! The HTML pages (askama templates in `templates/pages/`): start, one page per item kind at the
//! item's IRI (served to browsers by content negotiation), the use-case matrix, and the 404
//! page; Swedish under `/`, English under `/en/`, with a language switch that keeps the page.
//! Templates see only the view structs in `views`, never domain or diesel types.

mod texts;
mod views;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::domain::{Catalog, ItemKey};

pub use texts::{EN, SV, Texts};

use super::{State, WebError};

/// The page language and the links that depend on it.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub t: &'static Texts,
    /// `""` for Swedish, `"/en"` for English.
    pub prefix: &'static str,
}

impl Ui {
    pub const SV: Ui = Ui { t: &SV, prefix: "" };
    pub const EN: Ui = Ui {
        t: &EN,
        prefix: "/en",
    };

    pub fn english(self) -> bool {
        self.prefix == "/en"
    }

    /// The same page in the other language.
    pub fn switch_href(self, path: &str) -> String {
        if self.english() {
            let p = path.strip_prefix("/en").unwrap_or(path);
            if p.is_empty() {
                "/".into()
            } else {
                p.to_owned()
            }
        } else {
            format!("/en{}", if path == "/" { "/" } else { path })
        }
    }
}

pub(super) fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body)
}

fn render(t: impl Template) -> Result<String, WebError> {
    t.render().map_err(|e| WebError::Internal(e.to_string()))
}

/// The page of one item, or `None` when the catalogue has no such item.
pub fn item_page(
    cat: &Catalog,
    key: &ItemKey,
    ui: Ui,
    path: &str,
    modified: &std::collections::BTreeMap<String, String>,
    iris: &crate::store::Iris,
) -> Result<Option<String>, WebError> {
    let Some(page) = views::item(cat, key, ui, path, modified, iris) else {
        return Ok(None);
    };
    render(page).map(Some)
}

pub fn not_found_page(ui: Ui, path: &str) -> String {
    views::not_found(ui, path)
        .render()
        .unwrap_or_else(|_| "Not found".into())
}

/// Renders a catalogue-wide page in the request's language.
async fn catalogue_page(
    req: HttpRequest,
    state: web::Data<State>,
    view: impl FnOnce(&Catalog, Ui, &str, &crate::store::CatalogStore) -> Result<String, WebError>
    + Send
    + 'static,
) -> Result<HttpResponse, WebError> {
    let ui = if req.path().starts_with("/en") {
        Ui::EN
    } else {
        Ui::SV
    };
    let store = state.store.clone();
    let path = req.path().to_owned();
    let body = web::block(move || -> Result<String, WebError> {
        let cat = store.load_catalog()?;
        view(&cat, ui, &path, &store)
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(html(body))
}

async fn start(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    catalogue_page(req, state, |cat, ui, path, store| {
        render(views::start(
            cat,
            ui,
            path,
            &store.modified()?,
            store.iris(),
        ))
    })
    .await
}

async fn matrix(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    catalogue_page(req, state, |cat, ui, path, _| {
        render(views::matrix(cat, ui, path))
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
    catalogue_page(req, state, move |cat, ui, path, _| {
        render(views::compare(cat, ui, path, &ids))
    })
    .await
}

/// English item pages: `/en/variabel/{id}` and so on.
async fn english_item(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let path = req.path().to_owned();
    let item_path = path.strip_prefix("/en").unwrap_or(&path).to_owned();
    let store = state.store.clone();
    let body = web::block(move || -> Result<Option<String>, WebError> {
        let iri = format!("{}{}", store.iris().base(), item_path);
        let Some(key) = store.iris().item_of(&iri) else {
            return Ok(None);
        };
        let cat = store.load_catalog()?;
        let modified = store.modified()?;
        item_page(&cat, &key, Ui::EN, &path, &modified, store.iris())
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    match body {
        Some(b) => Ok(html(b)),
        None => Ok(HttpResponse::NotFound()
            .content_type("text/html; charset=utf-8")
            .body(not_found_page(Ui::EN, req.path()))),
    }
}

const CSS: &str = include_str!("../../../templates/varcat.css");

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(CSS)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(start))
        .route("/en", web::get().to(start))
        .route("/en/", web::get().to(start))
        .route("/matris", web::get().to(matrix))
        .route("/en/matris", web::get().to(matrix))
        .route("/jamfor", web::get().to(compare))
        .route("/en/jamfor", web::get().to(compare))
        .route("/static/varcat.css", web::get().to(stylesheet))
        .route("/en/{tail:.*}", web::get().to(english_item));
}

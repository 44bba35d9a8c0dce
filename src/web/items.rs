//! Every item IRI (`/variabel/{id}`, `/kodverk/{id}`, `/kodverk/{id}/{kod}`, …) answers with its
//! RDF: the whole item graph for an item, the resource's own triples for a code, step or binding
//! inside one. The format comes from a suffix (`/kodverk/kon.ttl`) or the Accept header; a
//! browser gets a plain, escaped HTML view until the web UI exists. Each data collection's
//! variable list is at `/datainsamling/{id}/variabler.csv`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oxigraph::io::RdfFormat;

use crate::domain::Id;
use crate::feed::conneg::{self, Wanted};

use super::http_cache::{Conditional, Validators};
use super::{State, WebError};

/// Splits a known format suffix off a path: `/kodverk/kon.ttl` → (`/kodverk/kon`, `ttl`).
fn split_suffix(path: &str) -> (&str, Option<&str>) {
    if let Some((stem, ext)) = path.rsplit_once('.')
        && !ext.contains('/')
        && conneg::from_suffix(ext).is_some()
    {
        return (stem, Some(ext));
    }
    (path, None)
}

async fn show_item(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let full = req.path().to_owned();
    // A browser asking again for a page already rendered from this snapshot.
    let accept = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    if split_suffix(&full).1.is_none()
        && conneg::from_accept(accept, Wanted::Rdf(RdfFormat::Turtle)) == Some(Wanted::Html)
        && let Some(hit) = state
            .snapshot()
            .cached_get(&super::snapshot::page_key(&full, false))
    {
        return Ok(super::pages::html(hit));
    }
    let store = state.store.clone();
    // A path that resolves as it is wins over a suffix (a code notation may contain a dot).
    let base = store.iris().base().to_owned();
    let as_is = store.resolve(&format!("{base}{full}"))?.is_some();
    let (path, suffix) = if as_is {
        (full.as_str(), None)
    } else {
        split_suffix(&full)
    };
    let wanted = match suffix {
        Some(s) => conneg::from_suffix(s),
        None => {
            let accept = req
                .headers()
                .get(actix_web::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok());
            conneg::from_accept(accept, Wanted::Rdf(RdfFormat::Turtle))
        }
    };
    let iri = format!("{base}{path}");
    // Drafts are for signed-in editors only; to everyone else they do not exist.
    let draft = store
        .iris()
        .item_of(&iri)
        .is_some_and(|k| super::session::is_draft(&state.snapshot().catalog, &k));
    let hidden = draft && super::session::editor(&req, &state).is_none();
    let Some((graph, subject)) = store.resolve(&iri)?.filter(|_| !hidden) else {
        if wanted == Some(Wanted::Html) {
            return Ok(super::pages::not_found_response(
                super::pages::Ui::SV,
                &full,
            ));
        }
        return Err(WebError::NotFound(full));
    };
    if wanted == Some(Wanted::Html) && subject.is_none() {
        let key = store.iris().item_of(&iri);
        let path = path.to_owned();
        let state = state.clone().into_inner();
        let version_iri = (graph.as_str() == iri).then(|| iri.clone());
        let page = web::block(move || -> Result<Option<actix_web::web::Bytes>, WebError> {
            let Some(key) = key else { return Ok(None) };
            let snap = state.snapshot();
            snap.cached(super::snapshot::page_key(&path, draft), || {
                let iris = state.store.iris();
                let item_iri = iris.item(&key);
                if let Some(v) = version_iri.filter(|v| *v != item_iri.as_str()) {
                    return super::pages::version_page(
                        &state,
                        &snap,
                        &v,
                        super::pages::Ui::SV,
                        &path,
                    )
                    .map(|p| p.map(String::into_bytes));
                }
                let versions = super::pages::versions_of(&snap, iris, item_iri.as_str());
                super::pages::item_page(
                    &snap.catalog,
                    &key,
                    super::pages::Ui::SV,
                    &path,
                    &snap,
                    iris,
                    &versions,
                )
                .map(|p| p.map(String::into_bytes))
            })
        })
        .await
        .map_err(|e| WebError::Internal(e.to_string()))??;
        if let Some(page) = page {
            return Ok(super::pages::html(page));
        }
    }
    let store = state.store.clone();
    let wanted = wanted.ok_or_else(|| {
        let accept = req
            .headers()
            .get(actix_web::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok());
        WebError::not_acceptable(accept.unwrap_or(""))
    })?;
    let format = match wanted {
        Wanted::Rdf(f) => f,
        Wanted::Html => RdfFormat::Turtle,
    };
    let modified = state.snapshot().modified.get(graph.as_str()).cloned();
    let validators = Validators::new(
        &[
            iri.as_str(),
            format.media_type(),
            if wanted == Wanted::Html {
                "html"
            } else {
                "rdf"
            },
            modified.as_deref().unwrap_or(""),
        ],
        modified.as_deref(),
    );
    if validators.not_modified(&Conditional::of(&req)) {
        let mut resp = HttpResponse::build(StatusCode::NOT_MODIFIED);
        validators.apply(&mut resp);
        return Ok(resp.finish());
    }
    let body = web::block(move || -> Result<Vec<u8>, WebError> {
        Ok(match subject {
            None => store.write_graph(&graph, format, Vec::new())?,
            Some(subject) => store.write_subject(&graph, &subject, format)?,
        })
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    if body.is_empty() {
        return Err(WebError::NotFound(full));
    }
    let mut resp = HttpResponse::Ok();
    validators.apply(&mut resp);
    Ok(match wanted {
        Wanted::Rdf(f) => resp.content_type(conneg::content_type(f)).body(body),
        Wanted::Html => resp
            .content_type("text/html; charset=utf-8")
            .body(html_view(&iri, path, &String::from_utf8_lossy(&body))),
    })
}

/// A minimal page for browsers: the Turtle, escaped, with links to every format.
fn html_view(iri: &str, path: &str, turtle: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let links: Vec<String> = ["ttl", "rdf", "jsonld", "nt"]
        .iter()
        .map(|e| format!("<a href=\"{}.{e}\">{e}</a>", esc(path)))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body><main><h1>{}</h1><p>Ladda ned / Download: {}</p><pre>{}</pre></main></body></html>\n",
        esc(iri),
        esc(iri),
        links.join(" · "),
        esc(turtle)
    )
}

async fn variables_csv(
    state: web::Data<State>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let raw = path.into_inner();
    let id = Id::parse(&raw)
        .map_err(|_| WebError::NotFound(format!("/datainsamling/{raw}/variabler.csv")))?;
    let snap = state.snapshot();
    let body = web::block(move || -> Result<Option<Vec<u8>>, WebError> {
        // The same list the feed's byteSize was measured on, worked out once per snapshot.
        Ok(snap
            .facts
            .collection(&id)
            .map(|f| crate::export::variables_csv(&snap.catalog, &f.variables)))
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    match body {
        Some(b) => Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .body(b)),
        None => Err(WebError::NotFound(format!(
            "/datainsamling/{raw}/variabler.csv"
        ))),
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/datainsamling/{id}/variabler.csv",
        web::get().to(variables_csv),
    );
    cfg.default_service(web::get().to(show_item));
}

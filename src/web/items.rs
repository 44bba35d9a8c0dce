//! Every item IRI (`/variabel/{id}`, `/kodverk/{id}`, `/kodverk/{id}/{kod}`, …) answers with
//! its RDF in Turtle: the whole item graph for an item, the resource's own triples for a code,
//! step or binding inside one.

use actix_web::{HttpRequest, HttpResponse, web};
use oxigraph::io::RdfFormat;

use super::{State, WebError};

async fn show_item(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let path = req.path().to_owned();
    let store = state.store.clone();
    let body = web::block(move || -> Result<Option<Vec<u8>>, WebError> {
        let iri = format!("{}{}", store.iris().base(), path);
        match store.resolve(&iri)? {
            None => Ok(None),
            Some((graph, None)) => Ok(Some(store.write_graph(&graph, RdfFormat::Turtle, Vec::new())?)),
            Some((graph, Some(subject))) => {
                let body = store.write_subject(&graph, &subject, RdfFormat::Turtle)?;
                Ok((!body.is_empty()).then_some(body))
            }
        }
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    match body {
        Some(b) if !b.is_empty() => Ok(HttpResponse::Ok().content_type("text/turtle; charset=utf-8").body(b)),
        _ => Err(WebError::NotFound(req.path().to_owned())),
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.default_service(web::get().to(show_item));
}

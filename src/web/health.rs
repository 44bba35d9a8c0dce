//! `GET /health`: the server is up and the store answers; with the item counts of the
//! catalogue being served (its public part: drafts are not counted).

use actix_web::{HttpResponse, get, web};

use super::{State, WebError};

#[get("/health")]
async fn health(state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let store = state.store.clone();
    // One cheap read proves the store answers; the counts come from the snapshot in memory
    // (reading the whole catalogue here would let anyone keep the server busy).
    web::block(move || store.raw().named_graphs().next().transpose()).await??;
    // What anyone may see: drafts are not counted.
    let counts = state
        .snapshot()
        .counts(super::visibility::Viewer::Anonymous);
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "counts": counts })))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health);
}

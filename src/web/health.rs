//! `GET /health`: the server is up and the store answers; with the item counts.

use actix_web::{HttpResponse, get, web};

use super::{State, WebError};

#[get("/health")]
async fn health(state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let store = state.store.clone();
    let counts = web::block(move || store.load_catalog().map(|c| c.counts()))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "counts": counts })))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health);
}

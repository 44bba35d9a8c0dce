//! The HTTP edge (actix-web). One module per page family, each with `configure`; one error
//! type (`error::WebError`) that shows a clear message and logs the cause.
//! Here: the health endpoint and every item IRI answering with its RDF.

mod downloads;
mod error;
mod feeds;
mod health;
mod http_cache;
mod items;
pub mod pages;

use std::sync::Arc;

use actix_web::middleware::{Compress, DefaultHeaders};
use actix_web::{App, HttpServer, web};

use crate::feed::FeedSettings;
use crate::store::CatalogStore;

pub use error::WebError;

/// What every handler can reach.
#[derive(Clone)]
pub struct State {
    pub store: Arc<CatalogStore>,
    pub settings: Arc<FeedSettings>,
}

impl State {
    pub fn new(store: CatalogStore, settings: FeedSettings) -> Self {
        Self {
            store: Arc::new(store),
            settings: Arc::new(settings),
        }
    }
}

/// Security headers sent on every response.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none'",
        ))
        .add(("Referrer-Policy", "same-origin"))
}

/// Registers every route; the item route comes last, as it answers any remaining path.
pub fn configure(cfg: &mut web::ServiceConfig) {
    health::configure(cfg);
    feeds::configure(cfg);
    downloads::configure(cfg);
    pages::configure(cfg);
    items::configure(cfg);
}

pub async fn serve(state: State, bind: &str) -> std::io::Result<()> {
    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(state.clone()))
            .wrap(security_headers())
            .wrap(Compress::default())
            .configure(configure)
    })
    .bind(bind)?
    .run()
    .await
}

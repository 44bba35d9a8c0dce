//! The HTTP edge (actix-web). One module per page family, each with `configure`; one error
//! type (`error::WebError`) that shows a clear message and logs the cause.
//! Here: the health endpoint and every item IRI answering with its RDF; the JSON API in `api`.

pub mod api;
mod described;
mod downloads;
pub(crate) mod error;
mod feeds;
mod health;
mod http_cache;
mod import_page;
mod items;
mod measurements;
mod origin;
pub mod pages;
mod proposal_actions;
pub(crate) mod proposal_line;
mod proposal_new;
mod proposal_pages;
mod proposal_texts;
mod proposals;
pub mod session;
pub mod snapshot;
pub mod sparql;
mod upload;
mod validation_page;
pub mod visibility;
pub mod writer;

use std::sync::{Arc, Mutex};

use actix_web::middleware::{Compress, DefaultHeaders};
use actix_web::{App, HttpServer, web};

use crate::db::Db;
use crate::feed::FeedSettings;
use crate::store::CatalogStore;

pub use error::WebError;

/// What every handler can reach.
#[derive(Clone)]
pub struct State {
    pub store: Arc<CatalogStore>,
    pub settings: Arc<FeedSettings>,
    pub current: Arc<snapshot::Current>,
    /// Frozen releases and their change notes (none unless `with_releases` is given a folder).
    pub releases: Arc<pages::ReleaseNotes>,
    /// The operational database: tokens, audit log, status changes. API writes hold the lock
    /// for their whole write, so they are serialised. Empty and in memory unless `with_db`
    /// gives the data directory's: then no token exists and every API write gets 401.
    pub db: Arc<Mutex<Db>>,
    /// The SHA-256 of the token `varcat serve` gave the data directory's owner (in
    /// `server.json`), for the command line on the same machine; none in tests.
    pub local_token: Option<String>,
    /// Who is behind the session ids and tokens requests presented, kept in memory so that
    /// no worker waits on the database to find out (`session::callers`).
    pub callers: Arc<session::Callers>,
    /// The public SPARQL endpoint's limits and the queries it runs now.
    pub sparql: Arc<sparql::Endpoint>,
    /// Recorded conformance runs per variable, for the line on variable pages.
    pub conformance_runs: Arc<pages::conformance::KeptRuns>,
    /// The recorded conformance results the HealthDCAT-AP feed states.
    pub measured: Arc<measurements::Measured>,
}

impl State {
    /// Reads the catalogue into memory and indexes it for search (in memory).
    pub fn new(store: CatalogStore, settings: FeedSettings) -> Result<Self, WebError> {
        Self::with_search_dir(store, settings, None)
    }

    /// As `new`, with the search index in `dir` (rebuilt there) instead of in memory.
    pub fn with_search_dir(
        store: CatalogStore,
        settings: FeedSettings,
        dir: Option<std::path::PathBuf>,
    ) -> Result<Self, WebError> {
        let store = Arc::new(store);
        let current = Arc::new(snapshot::Current::load(store.clone(), dir)?);
        let db = Db::in_memory()?;
        Ok(Self {
            store,
            settings: Arc::new(settings),
            current,
            releases: Arc::new(pages::ReleaseNotes::new(crate::releases::Releases::new(
                std::path::PathBuf::from("/nonexistent/varcat-releases"),
            ))),
            db: Arc::new(Mutex::new(db)),
            local_token: None,
            callers: Arc::default(),
            sparql: Arc::default(),
            conformance_runs: Arc::default(),
            measured: Arc::default(),
        })
    }

    /// Serves the releases frozen in `dir` (`{data}/releases`).
    pub fn with_releases(mut self, dir: std::path::PathBuf) -> Self {
        self.releases = Arc::new(pages::ReleaseNotes::new(crate::releases::Releases::new(
            dir,
        )));
        self
    }

    /// Uses the data directory's operational database (tokens, audit log).
    pub fn with_db(mut self, db: Db) -> Self {
        self.db = Arc::new(Mutex::new(db));
        self
    }

    /// Runs SPARQL queries within `limits` instead of the defaults.
    pub fn with_sparql_limits(mut self, limits: sparql::Limits) -> Self {
        self.sparql = Arc::new(sparql::Endpoint::new(limits));
        self
    }

    /// Accepts the local token whose hash this is (see `cli::remote`).
    pub fn with_local_token(mut self, hash: String) -> Self {
        self.local_token = Some(hash);
        self
    }

    /// The catalogue as of the last committed write.
    pub fn snapshot(&self) -> Arc<snapshot::Snapshot> {
        self.current.get()
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

/// `HEAD` is answered as `GET` on every route, with the same status and headers (link checkers
/// and harvesters ask `HEAD` first); actix-http leaves out the body of a `HEAD` answer itself.
pub async fn head_as_get(
    mut req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if req.method() == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    next.call(req).await
}

/// Registers every route; the item route comes last, as it answers any remaining path.
pub fn configure(cfg: &mut web::ServiceConfig) {
    health::configure(cfg);
    feeds::configure(cfg);
    downloads::configure(cfg);
    api::configure(cfg);
    session::configure(cfg);
    import_page::configure(cfg);
    validation_page::configure(cfg);
    proposal_pages::configure(cfg);
    pages::conformance::configure(cfg);
    pages::candidates::configure(cfg);
    // Before the pages: `/en/sparql` is not an English item page.
    sparql::configure(cfg);
    pages::harmonisation::configure(cfg);
    pages::configure(cfg);
    items::configure(cfg);
}

pub async fn serve(state: State, bind: &str) -> std::io::Result<()> {
    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(state.clone()))
            .wrap(security_headers())
            .wrap(Compress::default())
            .wrap(actix_web::middleware::from_fn(head_as_get))
            .configure(configure)
    })
    // Page rendering, search and store reads run on the blocking pool; a few threads per
    // worker keep the CPUs busy without one memory arena per thread (actix allows 512).
    .worker_max_blocking_threads(BLOCKING_THREADS_PER_WORKER)
    .bind(bind)?
    .run()
    .await
}

/// Threads per HTTP worker for blocking work (rendering, search, the store).
const BLOCKING_THREADS_PER_WORKER: usize = 4;

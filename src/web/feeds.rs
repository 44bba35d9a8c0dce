//! The harvestable feeds: `/datasets/dcat` (the path dataportal.se pre-registers; RDF/XML by
//! default), `/catalog.{rdf,ttl,jsonld,nt}`, the catalogue IRI `/katalog` and its
//! sub-catalogues `/katalog/del/{n}`, and `/healthdcat(.{ext})`. Each answers with ETag and
//! Last-Modified, 304 to a current conditional request, `?modified_since=` filtering, and
//! Hydra pages `?page=n` above `--max-datasets` datasets (see `feed::paging`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oxigraph::io::RdfFormat;

use crate::feed::conneg::{self, Wanted};
use crate::feed::{FeedQuery, Profile};

use super::http_cache::{Conditional, Validators};
use super::{State, WebError};

#[derive(Debug, serde::Deserialize)]
pub struct Params {
    modified_since: Option<String>,
    /// A Hydra page (1-based), see `feed::paging`.
    page: Option<usize>,
}

/// Parses `modified_since` as a date (`2026-01-31`) or an RFC 3339 instant.
fn parse_since(s: &str) -> Result<String, WebError> {
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(d
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(format!("{}T00:00:00Z", d.format("%Y-%m-%d")));
    }
    Err(WebError::BadRequest(format!(
        "modified_since={s:?} is not a date (YYYY-MM-DD) or an RFC 3339 time (YYYY-MM-DDThh:mm:ssZ)"
    )))
}

/// The format a feed request wants: the suffix if any, else the Accept header.
pub fn wanted(
    req: &HttpRequest,
    suffix: Option<&str>,
    default: RdfFormat,
) -> Result<RdfFormat, WebError> {
    let w = match suffix {
        Some(s) => {
            conneg::from_suffix(s).ok_or_else(|| WebError::not_acceptable(&format!(".{s}")))?
        }
        None => {
            let accept = req
                .headers()
                .get(actix_web::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok());
            conneg::from_accept(accept, Wanted::Rdf(default))
                .ok_or_else(|| WebError::not_acceptable(accept.unwrap_or("")))?
        }
    };
    match w {
        Wanted::Rdf(f) => Ok(f),
        // The feed documents have no HTML page: a browser gets the Turtle (the catalogue
        // IRI itself sends a browser to the start page instead).
        Wanted::Html => Ok(RdfFormat::Turtle),
    }
}

pub async fn respond(
    req: HttpRequest,
    state: web::Data<State>,
    profile: Profile,
    format: RdfFormat,
    query: FeedQuery,
) -> Result<HttpResponse, WebError> {
    let state = state.into_inner();
    let conditional = Conditional::of(&req);
    let (validators, body) = web::block(
        move || -> Result<(Validators, Option<actix_web::web::Bytes>), WebError> {
            let snap = state.snapshot();
            // Only the HealthDCAT-AP feed states the conformance results; they change without
            // a new snapshot, so the answer is kept per latest recorded run too.
            let quality = match profile {
                Profile::HealthDcatAp => Some(state.measured.current(&state.db)?),
                Profile::DcatApSe => None,
            };
            let key = format!(
                "{profile:?}|{}|{:?}|{:?}|{:?}|{}|{}",
                format.media_type(),
                query.modified_since,
                query.part,
                query.page,
                // Page links name the feed's own address.
                query.links.as_ref().map_or("", |l| l.feed_url.as_str()),
                quality.as_ref().map_or(0, |q| q.version)
            );
            let settings = format!(
                "{}/{}",
                state.settings.publisher, state.settings.max_datasets
            );
            let newest = later(
                snap.facts.newest.as_deref(),
                quality.as_ref().and_then(|q| q.newest.as_deref()),
            );
            let validators = Validators::new(
                &[key.as_str(), settings.as_str(), snap.fingerprint.as_str()],
                newest,
            );
            if validators.not_modified(&conditional) {
                return Ok((validators, None));
            }
            let make = || -> Result<Vec<u8>, WebError> {
                // The feeds are public: built from what anonymous visitors see.
                let quads = public_quads(
                    &snap,
                    &state,
                    &state.settings,
                    profile,
                    &query,
                    quality.as_deref(),
                )?;
                crate::feed::serialize(&quads, format).map_err(WebError::internal)
            };
            // Answers filtered by an arbitrary date are built each time; the rest are kept.
            let body = if query.modified_since.is_some() {
                actix_web::web::Bytes::from(make()?)
            } else {
                snap.cached(format!("feed|{key}"), || make().map(Some))?
                    .unwrap_or_default()
            };
            Ok((validators, Some(body)))
        },
    )
    .await??;
    let mut resp = match body {
        None => HttpResponse::build(StatusCode::NOT_MODIFIED),
        Some(_) => HttpResponse::Ok(),
    };
    validators.apply(&mut resp);
    Ok(match body {
        None => resp.finish(),
        Some(b) => resp.content_type(conneg::content_type(format)).body(b),
    })
}

/// The later of two RFC 3339 instants (either may be missing).
fn later<'a>(a: Option<&'a str>, b: Option<&'a str>) -> Option<&'a str> {
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
    match (a, b) {
        (Some(x), Some(y)) if at(y) > at(x) => Some(y),
        (None, y) => y,
        (x, _) => x,
    }
}

/// The feed graph of what anonymous visitors see in `snap` (the feeds are public), with the
/// conformance results `quality` (HealthDCAT-AP).
pub(super) fn public_quads(
    snap: &super::snapshot::Snapshot,
    state: &State,
    settings: &crate::feed::FeedSettings,
    profile: Profile,
    query: &FeedQuery,
    quality: Option<&crate::feed::Quality>,
) -> Result<Vec<oxigraph::model::Quad>, WebError> {
    let input = crate::feed::FeedInput {
        catalog: snap.catalog(super::visibility::Viewer::Anonymous),
        facts: &snap.facts,
        iris: state.store.iris(),
        modified: &snap.modified,
        settings,
        quality,
    };
    crate::feed::build(profile, &input, query).map_err(|e| match e {
        crate::feed::FeedError::NoSuchPart(_) | crate::feed::FeedError::NoSuchPage(..) => {
            WebError::NotFound(e.to_string())
        }
        other => WebError::internal(other),
    })
}

/// The query of one request. `feed_path` is the feed's path on this site, for its page links
/// (`None` for a sub-catalogue, which has no pages).
fn query_of(
    state: &State,
    params: &Params,
    part: Option<usize>,
    feed_path: Option<&str>,
) -> Result<FeedQuery, WebError> {
    let modified_since = params
        .modified_since
        .as_deref()
        .map(parse_since)
        .transpose()?;
    if part.is_some() && params.page.is_some() {
        return Err(WebError::BadRequest(
            "a sub-catalogue has no pages: ask for ?page= on the feed itself".into(),
        ));
    }
    let links = feed_path.map(|path| crate::feed::PageLinks {
        feed_url: format!("{}{path}", state.store.iris().base()),
        modified_since: modified_since.clone(),
    });
    Ok(FeedQuery {
        modified_since,
        part,
        page: params.page,
        links,
    })
}

/// One whole feed in the format the suffix or the Accept header asks for.
async fn whole(
    req: HttpRequest,
    state: web::Data<State>,
    params: &Params,
    suffix: Option<String>,
    profile: Profile,
    default: RdfFormat,
) -> Result<HttpResponse, WebError> {
    let format = wanted(&req, suffix.as_deref(), default)?;
    let query = query_of(&state, params, None, Some(req.path()))?;
    respond(req, state, profile, format, query).await
}

async fn dataportal(
    req: HttpRequest,
    state: web::Data<State>,
    params: web::Query<Params>,
) -> Result<HttpResponse, WebError> {
    whole(
        req,
        state,
        &params,
        None,
        Profile::DcatApSe,
        RdfFormat::RdfXml,
    )
    .await
}

async fn catalog_file(
    req: HttpRequest,
    state: web::Data<State>,
    path: web::Path<String>,
    params: web::Query<Params>,
) -> Result<HttpResponse, WebError> {
    whole(
        req,
        state,
        &params,
        Some(path.into_inner()),
        Profile::DcatApSe,
        RdfFormat::RdfXml,
    )
    .await
}

/// Whether a request without a suffix comes from a browser (it prefers HTML to RDF).
fn browser(req: &HttpRequest) -> bool {
    let accept = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    conneg::from_accept(accept, Wanted::Rdf(RdfFormat::Turtle)) == Some(Wanted::Html)
}

/// The catalogue's human page, for a browser at the catalogue IRI (303 See Other, as Linked
/// Data sends a browser from a thing to the page about it).
fn see_start_page() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, "/"))
        .insert_header((actix_web::http::header::VARY, "Accept"))
        .finish()
}

async fn catalog(
    req: HttpRequest,
    state: web::Data<State>,
    params: web::Query<Params>,
) -> Result<HttpResponse, WebError> {
    if browser(&req) {
        return Ok(see_start_page());
    }
    whole(
        req,
        state,
        &params,
        None,
        Profile::DcatApSe,
        RdfFormat::Turtle,
    )
    .await
}

async fn health(
    req: HttpRequest,
    state: web::Data<State>,
    params: web::Query<Params>,
) -> Result<HttpResponse, WebError> {
    whole(
        req,
        state,
        &params,
        None,
        Profile::HealthDcatAp,
        RdfFormat::Turtle,
    )
    .await
}

async fn health_file(
    req: HttpRequest,
    state: web::Data<State>,
    path: web::Path<String>,
    params: web::Query<Params>,
) -> Result<HttpResponse, WebError> {
    whole(
        req,
        state,
        &params,
        Some(path.into_inner()),
        Profile::HealthDcatAp,
        RdfFormat::Turtle,
    )
    .await
}

async fn part(
    req: HttpRequest,
    state: web::Data<State>,
    path: web::Path<String>,
    params: web::Query<Params>,
) -> Result<HttpResponse, WebError> {
    let raw = path.into_inner();
    let (n, suffix) = match raw.split_once('.') {
        Some((n, s)) => (n.to_owned(), Some(s.to_owned())),
        None => (raw, None),
    };
    let n: usize = n
        .parse()
        .map_err(|_| WebError::NotFound(format!("/katalog/del/{n}")))?;
    if suffix.is_none() && browser(&req) {
        return Ok(see_start_page());
    }
    let format = wanted(&req, suffix.as_deref(), RdfFormat::Turtle)?;
    let query = query_of(&state, &params, Some(n), None)?;
    respond(req, state, Profile::DcatApSe, format, query).await
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/datasets/dcat", web::get().to(dataportal))
        .route("/catalog.{ext}", web::get().to(catalog_file))
        .route("/katalog", web::get().to(catalog))
        .route("/katalog.{ext}", web::get().to(catalog_file))
        .route("/katalog/del/{n}", web::get().to(part))
        .route("/healthdcat", web::get().to(health))
        .route("/healthdcat.{ext}", web::get().to(health_file));
}

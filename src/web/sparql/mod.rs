//! `/sparql` (and `/en/sparql`): a read-only SPARQL 1.1 Protocol endpoint over the published
//! content. GET with `?query=`, POST with an `application/sparql-query` body or a form
//! (`application/x-www-form-urlencoded`, `query=`); `default-graph-uri` and `named-graph-uri`
//! name the dataset. The user's query is parsed by oxigraph as it is: nothing of ours is put
//! into it. It runs on the published content only (`public`: drafts and everything the
//! visibility rule hides are not in that store at all), within `run::Limits` (time, rows,
//! bytes, query length, queries at once). A browser asking without a query gets the form; any
//! other client the service description (`form`).
//!
//! Errors: 400 for a syntax error (the parser's message), an update ("this endpoint is
//! read-only"), a cartesian product (`product`: oxigraph could not cancel it), an answer
//! over the limits or a query over the length limit; 406 for a format
//! not offered; 503 for a query cut off at the time limit and when too many queries run.

mod form;
mod negotiate;
mod product;
pub mod public;
pub mod run;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use oxigraph::sparql::{CancellationToken, SparqlEvaluator};

use super::pages::ui_of;
use super::{State, WebError};
use run::Graphs;

pub use run::{Endpoint, Limits};

/// The protocol's parameters, from a query string or a form body.
#[derive(Default)]
struct Params {
    query: Option<String>,
    update: bool,
    graphs: Graphs,
    /// The form's format choice: a media type that stands for `Accept`.
    format: Option<String>,
}

fn params(pairs: Vec<(String, String)>) -> Result<Params, WebError> {
    let mut p = Params::default();
    for (k, v) in pairs {
        match k.as_str() {
            "query" if p.query.is_some() => {
                return Err(WebError::BadRequest(
                    "ange en enda query / give one query parameter only".into(),
                ));
            }
            "query" => p.query = Some(v),
            "update" | "using-graph-uri" | "using-named-graph-uri" => p.update = true,
            "default-graph-uri" => p.graphs.default.push(v),
            "named-graph-uri" => p.graphs.named.push(v),
            "format" if !v.is_empty() => p.format = Some(v),
            _ => {}
        }
    }
    Ok(p)
}

fn pairs(urlencoded: &str) -> Result<Vec<(String, String)>, WebError> {
    web::Query::<Vec<(String, String)>>::from_query(urlencoded)
        .map(web::Query::into_inner)
        .map_err(|e| WebError::BadRequest(format!("parametrarna / the parameters: {e}")))
}

fn read_only() -> WebError {
    WebError::BadRequest(
        "den här SPARQL-tjänsten tar bara emot frågor / this endpoint is read-only: \
         SPARQL Update is not accepted"
            .into(),
    )
}

async fn get(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let p = params(pairs(req.query_string())?)?;
    answer(req, state, p).await
}

async fn post(
    req: HttpRequest,
    state: web::Data<State>,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    let media = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let text = || {
        std::str::from_utf8(&body).map(str::to_owned).map_err(|_| {
            WebError::BadRequest("kroppen är inte UTF-8 / the body is not UTF-8".into())
        })
    };
    let p = match media.as_str() {
        "application/sparql-query" => {
            let mut p = params(pairs(req.query_string())?)?;
            if p.query.is_some() {
                return Err(WebError::BadRequest(
                    "frågan ska stå i kroppen, inte i URL:en / give the query in the body only"
                        .into(),
                ));
            }
            p.query = Some(text()?);
            p
        }
        "application/x-www-form-urlencoded" => params(pairs(&text()?)?)?,
        "application/sparql-update" => return Err(read_only()),
        other => {
            return Err(WebError::BadRequest(format!(
                "innehållstypen {other:?} stöds inte / content type {other:?} is not supported: \
                 send application/sparql-query or application/x-www-form-urlencoded"
            )));
        }
    };
    answer(req, state, p).await
}

async fn answer(
    req: HttpRequest,
    state: web::Data<State>,
    p: Params,
) -> Result<HttpResponse, WebError> {
    let accept = p.format.clone().or_else(|| {
        req.headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    if p.update {
        return Err(read_only());
    }
    let Some(text) = p.query else {
        return form::without_query(&req, &state, ui_of(&req), accept.as_deref());
    };
    let limits = state.sparql.limits.clone();
    if text.len() > limits.max_query_bytes {
        return Err(WebError::BadRequest(format!(
            "frågan är längre än {n} byte / the query is longer than {n} bytes",
            n = limits.max_query_bytes
        )));
    }
    let parsed = match spargebra::SparqlParser::new().parse_query(&text) {
        Ok(q) => q,
        Err(_) if SparqlEvaluator::new().parse_update(&text).is_ok() => return Err(read_only()),
        Err(e) => {
            return Err(WebError::BadRequest(format!(
                "SPARQL-syntaxfel / SPARQL syntax error: {e}"
            )));
        }
    };
    product::check(&parsed).map_err(WebError::BadRequest)?;
    let token = CancellationToken::new();
    // Never a SERVICE call to another host: oxigraph's HTTP client is in the build (rudof's
    // crates switch it on), and its default handler would fetch any IRI a query names.
    let query = SparqlEvaluator::new()
        .without_default_http_service_handler()
        .with_cancellation_token(token.clone())
        .for_query(parsed);
    let Some(permit) = state.sparql.enter() else {
        return Err(WebError::Unavailable(format!(
            "{} frågor körs redan; försök igen om en stund / {} queries are running already; \
             try again shortly",
            limits.max_running, limits.max_running
        )));
    };
    // The published content of this snapshot, built by the first query after a write; the
    // time limit starts once it is there.
    let inner = state.clone().into_inner();
    let snap = state.snapshot();
    let store = web::block(move || snap.public_store(&inner.store)).await??;
    let work = {
        let limits = limits.clone();
        web::block(move || {
            let _permit = permit;
            run::execute(&store, query, &p.graphs, accept.as_deref(), &limits)
        })
    };
    let answer = match actix_web::rt::time::timeout(limits.timeout, work).await {
        Ok(done) => done??,
        Err(_) => {
            // The evaluation stops at its next read of the store; its answer is dropped.
            token.cancel();
            return Err(run::timeout_error(&limits));
        }
    };
    Ok(HttpResponse::Ok()
        .content_type(answer.content_type)
        .insert_header((header::VARY, "Accept"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .body(answer.body))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/sparql", web::get().to(get))
        .route("/sparql", web::post().to(post))
        .route("/en/sparql", web::get().to(get))
        .route("/en/sparql", web::post().to(post));
}

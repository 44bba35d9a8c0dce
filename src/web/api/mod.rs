//! The JSON API under `/api`: every kind of item can be read without a token; writes
//! (`PUT /api/{kind}/{id}`, `POST /api/{kind}/{id}/status`) need `Authorization: Bearer`
//! with an editor's or a registrar's token and go through `governance`, the one write path.
//! After a write commits, the snapshot that pages, search and feeds read is refreshed.
//! Regions report conformance results with `POST /api/efterlevnad` and a `region` token.
//! The OpenAPI document describing all of it is `schemas/openapi.json`, at `/api/openapi.json`.

mod candidates;
mod conformance;
mod error;
mod import;
pub mod json;
mod openapi;
mod proposals;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Value, json};

use crate::domain::{Id, ItemKey, ItemKind, OrgNr};
use crate::governance::{self, Caller, Role, StatusRequest, tokens};
use crate::import::record;

pub use error::ApiError;

use super::State;
use super::visibility::Viewer;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The kind an API path segment names: the spreadsheet's sheet names (`variabler`, `kodverk`…).
fn kind_of(segment: &str) -> Result<ItemKind, ApiError> {
    ItemKind::ALL
        .into_iter()
        .find(|k| record::sheet_of(*k).name == segment)
        .ok_or_else(|| {
            let known: Vec<&str> = ItemKind::ALL
                .iter()
                .map(|k| record::sheet_of(*k).name)
                .collect();
            ApiError::NotFound(format!(
                "/api/{segment}: the kinds are {}",
                known.join(", ")
            ))
        })
}

fn key_of(kind: &str, id: &str) -> Result<ItemKey, ApiError> {
    let kind = kind_of(kind)?;
    if id.trim() != id {
        return Err(ApiError::NotFound(format!(
            "/api/{}/{id:?}: an identifier has no spaces around it",
            record::sheet_of(kind).name
        )));
    }
    let id = if kind == ItemKind::Organisation {
        OrgNr::parse(id).map(|o| o.to_string())
    } else {
        Id::parse(id).map(|i| i.to_string())
    }
    .map_err(|e| ApiError::NotFound(format!("/api/{}/{id}: {e}", record::sheet_of(kind).name)))?;
    Ok(ItemKey { kind, id })
}

fn header_str(req: &HttpRequest, name: header::HeaderName) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The bearer token of a request, if it sent one.
fn bearer(req: &HttpRequest) -> Option<String> {
    let value = header_str(req, header::AUTHORIZATION)?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// The refusal of a request that needs a token and sent none.
fn no_token() -> ApiError {
    ApiError::Unauthorized {
        message: "this needs a token: send Authorization: Bearer <token> (an administrator \
                  creates one with `varcat token create`)"
            .into(),
        invalid: false,
    }
}

/// The caller behind a request's token, if it may act as `needed`: 401 without a valid
/// token, 403 with one that lacks the role.
fn authorise(
    db: &mut crate::db::Db,
    token: Option<&str>,
    needed: Role,
) -> Result<Caller, ApiError> {
    let Some(token) = token else {
        return Err(no_token());
    };
    let Some(caller) = tokens::authenticate(db, token)? else {
        return Err(ApiError::Unauthorized {
            message: "the token is unknown or revoked".into(),
            invalid: true,
        });
    };
    if !caller.may(needed) {
        return Err(ApiError::Forbidden(format!(
            "the token {:?} has the role {}; this needs the role {needed}",
            caller.name, caller.role
        )));
    }
    Ok(caller)
}

fn parse_body(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("the body is not JSON: {e}")))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    web::block(f).await?
}

fn not_modified(req: &HttpRequest, etag: &str) -> bool {
    header_str(req, header::IF_NONE_MATCH).is_some_and(|h| governance::if_match_names(&h, etag))
}

async fn list(
    req: HttpRequest,
    kind: web::Path<String>,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let kind = kind_of(&kind)?;
    let snap = state.snapshot();
    // Each viewer gets the list of what it may see (drafts for editors only); the two lists
    // differ in ETag too, and each is worked out once per snapshot.
    let viewer = Viewer::of(&req, &state).await;
    let etag = format!(
        "\"{}{}\"",
        &snap.fingerprint[..32.min(snap.fingerprint.len())],
        if viewer == Viewer::Editor { "-e" } else { "" }
    );
    if not_modified(&req, &etag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .finish());
    }
    let state = state.into_inner();
    let body = blocking(move || {
        let key = viewer.key(&format!("api|{}", record::sheet_of(kind).name));
        let body = snap.cached(key, || {
            // The snapshot keeps no codes; a list of codebooks carries them, as documented.
            let with_codes = match kind {
                ItemKind::Codebook => Some(snap.codebooks_with_codes(viewer)?),
                _ => None,
            };
            let cat = with_codes.as_ref().unwrap_or(snap.catalog(viewer));
            let items = json::items(cat, kind, state.store.iris());
            Ok(Some(
                json!({ "count": items.len(), "items": items })
                    .to_string()
                    .into_bytes(),
            ))
        })?;
        Ok(body.unwrap_or_default())
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ETAG, etag))
        .body(body))
}

async fn show(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let (kind, id) = path.into_inner();
    let key = key_of(&kind, &id)?;
    let snap = state.snapshot();
    let viewer = Viewer::of(&req, &state).await;
    let (k, st) = (key.clone(), state.clone());
    let body = blocking(move || {
        let cat = snap.item_catalog(viewer, &k)?;
        Ok(json::item(&cat, &k, st.store.iris()))
    })
    .await?;
    let Some(body) = body else {
        return Err(ApiError::NotFound(format!("there is no {key}")));
    };
    Ok(with_own_etag(&req, &body))
}

/// A JSON document that carries its own ETag (`"etag"`): 304 when the request already has
/// it, else the document with that ETag.
fn with_own_etag(req: &HttpRequest, body: &serde_json::Value) -> HttpResponse {
    let etag = body["etag"].as_str().unwrap_or_default().to_owned();
    if not_modified(req, &etag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .finish();
    }
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ETAG, etag))
        .body(body.to_string())
}

/// Runs a write under the database lock, refreshes the snapshot, and answers with the item.
async fn write(
    req: &HttpRequest,
    state: web::Data<State>,
    key: ItemKey,
    needed: Role,
    body: web::Bytes,
    apply: impl FnOnce(
        &State,
        &mut crate::db::Db,
        &Caller,
        &Value,
        Option<&str>,
    ) -> Result<governance::Written, ApiError>
    + Send
    + 'static,
) -> Result<HttpResponse, ApiError> {
    let token = bearer(req);
    let if_match = header_str(req, header::IF_MATCH);
    let state = state.into_inner();
    let kind = record::sheet_of(key.kind).name;
    let (written, item) = blocking(move || {
        let mut db = match state.db.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let caller = authorise(&mut db, token.as_deref(), needed)?;
        let value = parse_body(&body)?;
        let mut written = apply(&state, &mut db, &caller, &value, if_match.as_deref())?;
        if let Some(plan) = written.plan.take() {
            // Under the lock still, so the next writer reads what this one wrote.
            state.current.apply(plan)?;
        }
        // The writer is an editor (or a registrar): the answer shows what they see.
        let snap = state.snapshot();
        let cat = snap.item_catalog(Viewer::Editor, &key)?;
        let item = json::item(&cat, &key, state.store.iris()).unwrap_or(Value::Null);
        Ok((written, item))
    })
    .await?;
    let status = if written.created {
        actix_web::http::StatusCode::CREATED
    } else {
        actix_web::http::StatusCode::OK
    };
    let mut resp = HttpResponse::build(status);
    resp.content_type("application/json")
        .insert_header((header::ETAG, written.etag.clone()));
    if written.created {
        let id = item["id"]
            .as_str()
            .or(item["orgnr"].as_str())
            .unwrap_or_default();
        resp.insert_header((header::LOCATION, format!("/api/{kind}/{id}")));
    }
    Ok(resp.body(item.to_string()))
}

async fn put_item(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let (kind, id) = path.into_inner();
    let key = key_of(&kind, &id)?;
    let k = key.clone();
    write(
        &req,
        state,
        key,
        Role::Editor,
        body,
        move |state, db, caller, value, if_match| {
            let input = json::input(k.kind, value).map_err(ApiError::Invalid)?;
            let snap = state.snapshot();
            let current = snap.catalog_for(Viewer::Editor, &k)?;
            Ok(governance::put_item(
                &state.store,
                db,
                &current,
                caller,
                &k,
                input,
                if_match,
            )?)
        },
    )
    .await
}

async fn post_status(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let (kind, id) = path.into_inner();
    let key = key_of(&kind, &id)?;
    let k = key.clone();
    write(
        &req,
        state,
        key,
        Role::Registrar,
        body,
        move |state, db, caller, value, if_match| {
            let request = status_request(value)?;
            let snap = state.snapshot();
            let current = snap.catalog_for(Viewer::Editor, &k)?;
            Ok(governance::change_status(
                &state.store,
                db,
                &current,
                caller,
                &k,
                &request,
                if_match,
            )?)
        },
    )
    .await
}

fn status_request(v: &Value) -> Result<StatusRequest, ApiError> {
    let Value::Object(obj) = v else {
        return Err(ApiError::Invalid(vec![record::FieldProblem::new(
            "",
            "the body must be a JSON object: {\"status\": …, \"authority\": …, \"note\": …}",
        )]));
    };
    let mut problems = Vec::new();
    let mut text = |f: &str, required: bool| match obj.get(f) {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) if !required => String::new(),
        None | Some(Value::Null) => {
            problems.push(record::FieldProblem::new(f, "is required"));
            String::new()
        }
        Some(_) => {
            problems.push(record::FieldProblem::new(f, "must be text"));
            String::new()
        }
    };
    let request = StatusRequest {
        status: text("status", true),
        // Empty or left out: the token's own registration authority.
        authority: text("authority", false),
        note: text("note", false),
    };
    for k in obj.keys() {
        if !["status", "authority", "note"].contains(&k.as_str()) {
            problems.push(record::FieldProblem::new(
                k,
                "is not a field here; the fields are: status, authority, note",
            ));
        }
    }
    if problems.is_empty() {
        Ok(request)
    } else {
        Err(ApiError::Invalid(problems))
    }
}

/// The resource at `path`, answering the methods `allow` names with the routes added to it
/// and any other method with 405 and `Allow` (not 404: the path exists).
fn resource(path: &str, allow: &'static str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(move || async move {
        Err::<HttpResponse, _>(ApiError::MethodNotAllowed { allow })
    }))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
            // A query string that does not parse (`?dry_run=maybe`) is a problem document too.
            .app_data(web::QueryConfig::default().error_handler(|e, _| {
                ApiError::BadRequest(format!("the query string: {e}")).into()
            }))
            .service(resource("/openapi.json", "GET").route(web::get().to(openapi::document)))
            .configure(|cfg| import::configure(cfg, resource))
            .configure(|cfg| conformance::configure(cfg, resource))
            .configure(|cfg| proposals::configure(cfg, resource))
            .configure(|cfg| candidates::configure(cfg, resource))
            .service(resource("/{kind}", "GET").route(web::get().to(list)))
            .service(
                resource("/{kind}/{id}", "GET, PUT")
                    .route(web::get().to(show))
                    .route(web::put().to(put_item)),
            )
            .service(resource("/{kind}/{id}/status", "POST").route(web::post().to(post_status))),
    );
}

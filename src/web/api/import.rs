//! `POST /api/import`: a spreadsheet, CSV file, SKOS file or zip of a CSV folder, imported by
//! the server that holds the catalogue (`web::writer`), with the same rules, messages and
//! import run as `varcat import`. The body is the file itself (its name in `?name=` or in
//! `Content-Disposition`, else its kind from the media type) or a `multipart/form-data` form
//! with a `file` part. `?dry_run=true` plans and previews without writing; `?prune=true` also
//! removes items of the kinds the file holds that it does not list.
//!
//! `GET /api/dump`: the whole catalogue as N-Quads, drafts included (editors only), for the
//! command line's read-only commands while the server holds the store.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::governance::{Caller, Role};
use crate::web::State;
use crate::web::writer::{self, ImportRequest, WriterError};

use super::{ApiError, authorise, bearer, blocking, header_str, no_token};

#[derive(serde::Deserialize)]
struct Params {
    name: Option<String>,
    #[serde(default)]
    dry_run: bool,
    #[serde(default)]
    prune: bool,
    /// Who imports, when the caller is the data directory's owner (the local token).
    actor: Option<String>,
}

/// The extension a media type names, for a raw body sent without a file name.
fn extension_of(media: &str) -> Option<&'static str> {
    let m = media.split(';').next().unwrap_or_default().trim();
    Some(match m {
        "text/csv" => "csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.oasis.opendocument.spreadsheet" => "ods",
        "application/zip" | "application/x-zip-compressed" => "zip",
        "text/turtle" => "ttl",
        "application/rdf+xml" => "rdf",
        _ => return None,
    })
}

/// The file name a `Content-Disposition` value gives (`filename="lista.csv"`).
fn disposition_name(value: &str) -> Option<String> {
    value.split(';').find_map(|part| {
        let v = part.trim().strip_prefix("filename=")?;
        Some(v.trim_matches('"').to_owned())
    })
}

/// The caller: a token from the database, or the local token the server gave the data
/// directory's owner (`server.json`), who then names the actor.
pub(super) fn caller(
    state: &State,
    db: &mut crate::db::Db,
    token: Option<&str>,
    actor: Option<&str>,
    needed: Role,
) -> Result<Caller, ApiError> {
    if let (Some(t), Some(local)) = (token, state.local_token.as_deref())
        && crate::governance::tokens::hash(t) == local
    {
        let name = actor
            .map(str::trim)
            .filter(|a| !a.is_empty() && a.chars().count() <= 100)
            .unwrap_or("local");
        return Ok(Caller {
            name: name.to_owned(),
            role: Role::Registrar,
            region: None,
            authority: None,
        });
    }
    authorise(db, token, needed)
}

async fn import(
    req: HttpRequest,
    params: web::Query<Params>,
    payload: web::Payload,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    // Without a valid token there is nothing to do: 401 before the file is read.
    let token = bearer(&req).ok_or_else(no_token)?;
    let local = state
        .local_token
        .as_deref()
        .is_some_and(|l| crate::governance::tokens::hash(&token) == l);
    if !local
        && crate::web::session::token_holder(&state, &token)
            .await
            .is_none()
    {
        return Err(ApiError::Unauthorized {
            message: "the token is unknown or revoked".into(),
            invalid: true,
        });
    }
    let media = header_str(&req, header::CONTENT_TYPE).unwrap_or_default();
    let limit = usize::try_from(crate::import::MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let (name, bytes) = if media.starts_with("multipart/form-data") {
        let multipart = actix_multipart::Multipart::new(req.headers(), payload);
        let form = crate::web::upload::read_form(multipart, limit)
            .await
            .map_err(ApiError::BadRequest)?;
        form.file.ok_or_else(|| {
            ApiError::BadRequest("the form has no file part named \"file\"".into())
        })?
    } else {
        let bytes = match payload.to_bytes_limited(limit).await {
            Ok(Ok(b)) => b.to_vec(),
            Ok(Err(e)) => return Err(ApiError::BadRequest(e.to_string())),
            Err(_) => {
                return Err(ApiError::BadRequest(format!(
                    "the file is larger than {} MB",
                    limit / (1024 * 1024)
                )));
            }
        };
        let name = params
            .name
            .clone()
            .or_else(|| {
                header_str(&req, header::CONTENT_DISPOSITION).and_then(|v| disposition_name(&v))
            })
            .or_else(|| extension_of(&media).map(|e| format!("upload.{e}")))
            .ok_or_else(|| {
                ApiError::BadRequest(
                    "name the file (?name=lista.csv or Content-Disposition: attachment; \
                     filename=\"lista.csv\"), or send it with its media type (text/csv, \
                     application/zip, …)"
                        .into(),
                )
            })?;
        (name, bytes)
    };
    let state = state.into_inner();
    let p = params.into_inner();
    let outcome = blocking(move || {
        let mut db = writer::lock(&state);
        let who = caller(
            &state,
            &mut db,
            Some(&token),
            p.actor.as_deref(),
            Role::Editor,
        )?;
        let request = ImportRequest {
            name,
            bytes,
            dry_run: p.dry_run,
            prune: p.prune,
            // The data directory's owner (the local token) registers as the operator does.
            registrar: if local {
                crate::import::Registrar::Operator
            } else {
                crate::governance::registrar_of(&who)
            },
            actor: who.name,
            expect_revision: None,
        };
        writer::import(&state, &mut db, request).map_err(|e| match e {
            WriterError::Stale { .. } => ApiError::Conflict {
                title: "Stale preview",
                message: e.to_string(),
                current_etag: None,
                allowed: None,
            },
            WriterError::Web(w) => ApiError::internal_of(w),
        })
    })
    .await?;
    let status = if outcome.outcome == "rejected" {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        actix_web::http::StatusCode::OK
    };
    let body = serde_json::to_string(&outcome).map_err(ApiError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("application/json")
        .body(body))
}

async fn dump(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, ApiError> {
    let token = bearer(&req);
    let state = state.into_inner();
    let base = state.store.iris().base().to_owned();
    let (revision, body) = blocking(move || {
        // Under the writer's lock: the dump is one catalogue state, not half of a write.
        let mut db = writer::lock(&state);
        caller(&state, &mut db, token.as_deref(), None, Role::Editor)?;
        let revision = state.store.revision().map_err(ApiError::internal)?;
        let out = state
            .store
            .write_all(oxigraph::io::RdfFormat::NQuads, Vec::new())
            .map_err(ApiError::internal)?;
        Ok((revision, out))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/n-quads")
        .insert_header(("X-Varcat-Revision", revision.to_string()))
        .insert_header(("X-Varcat-Base-Iri", base))
        .body(body))
}

pub(super) fn configure(
    cfg: &mut web::ServiceConfig,
    resource: fn(&str, &'static str) -> actix_web::Resource,
) {
    cfg.service(resource("/import", "POST").route(web::post().to(import)))
        .service(resource("/dump", "GET").route(web::get().to(dump)));
}

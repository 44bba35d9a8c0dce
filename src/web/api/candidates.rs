//! `GET /api/kandidater`: the harmonisation candidates as JSON, as the viewer sees them (drafts
//! for editors only), best first, paged by `offset` and `limit` (at most 500). `POST
//! /api/kandidater/inte-samma` with `{"a": …, "b": …, "note": …}` and an editor's token
//! marks a pair "not the same information" (`governance::mark_not_same`): 201, or 200 when it
//! was marked already; 401 without a valid token, 403 without the role, 422 listing every bad
//! field. `POST /api/kandidater/samma` with `{"a": …, "b": …}` and `If-Match` naming both
//! variables' current ETags marks them the same information (`governance::mark_same`: each
//! gets the other as `skos:exactMatch`); 428 without `If-Match`, 409 when either is stale.
//! Nothing is written when refused.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Value, json};

use crate::domain::Language;
use crate::governance::Role;
use crate::import::record::FieldProblem;
use crate::web::State;
use crate::web::pages::candidates::{listed, view};
use crate::web::visibility::Viewer;

use super::{ApiError, authorise, bearer, blocking, parse_body};

const MAX_LIMIT: usize = 500;

#[derive(serde::Deserialize)]
struct Paging {
    #[serde(default)]
    offset: usize,
    limit: Option<usize>,
}

async fn list(
    req: HttpRequest,
    state: web::Data<State>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let viewer = Viewer::of(&req, &state).await;
    let state = state.into_inner();
    let Paging { offset, limit } = paging.into_inner();
    let limit = limit.unwrap_or(100).clamp(1, MAX_LIMIT);
    let body = blocking(move || {
        let snap = state.snapshot();
        let all = listed(&state, &snap, viewer)?;
        let cat = snap.catalog(viewer);
        let items: Vec<Value> = all
            .iter()
            .skip(offset)
            .take(limit)
            .map(|c| {
                let side = |id: &crate::domain::Id| {
                    let v = cat.variables.get(id);
                    json!({
                        "id": id.as_str(),
                        "name": v.map(|v| v.name.sv.clone()),
                        "name_en": v.map(|v| v.name.en.clone()),
                        "collections": v.map(|v| v.collections.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
                    })
                };
                let pair = format!("id={}&id={}", c.a, c.b);
                json!({
                    "a": side(&c.a),
                    "b": side(&c.b),
                    "score": (c.score * 1000.0).round() / 1000.0,
                    "reasons": c.reasons.iter().map(|r| json!({
                        "sv": view::words(r, cat, Language::Sv),
                        "en": view::words(r, cat, Language::En),
                    })).collect::<Vec<_>>(),
                    "compare": format!("/jamfor?{pair}"),
                    "proposal": format!("/forslag/ny?{pair}"),
                })
            })
            .collect();
        Ok(json!({"count": all.len(), "offset": offset, "items": items}).to_string())
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Cache-Control", "no-cache"))
        .body(body))
}

/// The three text fields of a verdict, each problem named.
fn judgement(v: &Value) -> Result<(String, String, String), ApiError> {
    let Value::Object(obj) = v else {
        return Err(ApiError::Invalid(vec![FieldProblem::new(
            "",
            "the body must be a JSON object: {\"a\": …, \"b\": …, \"note\": …}",
        )]));
    };
    let mut problems = Vec::new();
    let mut text = |f: &str, required: bool| match obj.get(f) {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) if !required => String::new(),
        None | Some(Value::Null) => {
            problems.push(FieldProblem::new(f, "is required"));
            String::new()
        }
        Some(_) => {
            problems.push(FieldProblem::new(f, "must be text"));
            String::new()
        }
    };
    let fields = (text("a", true), text("b", true), text("note", false));
    for k in obj.keys() {
        if !["a", "b", "note"].contains(&k.as_str()) {
            problems.push(FieldProblem::new(
                k,
                "is not a field here; the fields are: a, b, note",
            ));
        }
    }
    if problems.is_empty() {
        Ok(fields)
    } else {
        Err(ApiError::Invalid(problems))
    }
}

async fn not_same(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let token = bearer(&req);
    let state = state.into_inner();
    let (recorded, a, b) = blocking(move || {
        let mut db = match state.db.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let caller = authorise(&mut db, token.as_deref(), Role::Editor)?;
        let (a, b, note) = judgement(&parse_body(&body)?)?;
        let snap = state.snapshot();
        let recorded = crate::governance::mark_not_same(
            &mut db,
            state.store.iris(),
            snap.catalog(Viewer::Editor),
            &caller,
            (&a, &b),
            &note,
        )?;
        let (a, b) = if a.trim() <= b.trim() { (a, b) } else { (b, a) };
        Ok((recorded, a.trim().to_owned(), b.trim().to_owned()))
    })
    .await?;
    let status = if recorded {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status)
        .content_type("application/json")
        .body(
            json!({"a": a, "b": b, "verdict": crate::db::NOT_SAME, "recorded": recorded})
                .to_string(),
        ))
}

/// `POST /api/kandidater/samma` with `{"a": …, "b": …}` and `If-Match` naming both
/// variables' current ETags: each gets the other as `skos:exactMatch`.
async fn same(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let token = bearer(&req);
    let if_match = req
        .headers()
        .get(actix_web::http::header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let state = state.into_inner();
    let answer = blocking(move || {
        let mut db = match state.db.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let caller = authorise(&mut db, token.as_deref(), Role::Editor)?;
        let (a, b, note) = judgement(&parse_body(&body)?)?;
        if !note.is_empty() {
            return Err(ApiError::Invalid(vec![FieldProblem::new(
                "note",
                "is kept with \"not the same\" only; a match is recorded in the items' history",
            )]));
        }
        let snap = state.snapshot();
        let mut written = crate::governance::mark_same(
            &state.store,
            &mut db,
            snap.catalog(Viewer::Editor),
            &caller,
            (&a, &b),
            if_match.as_deref(),
        )?;
        let changed = written.changed;
        if let Some(plan) = written.plan.take() {
            state.current.apply(plan)?;
        }
        let snap = state.snapshot();
        let cat = snap.catalog(Viewer::Editor);
        let tag = |id: &str| {
            let key = crate::domain::ItemKey {
                kind: crate::domain::ItemKind::Variable,
                id: id.trim().to_owned(),
            };
            crate::governance::etag(cat, &key)
        };
        Ok(json!({
            "a": a.trim(),
            "b": b.trim(),
            "verdict": "samma",
            "changed": changed,
            "etags": {a.trim(): tag(&a), b.trim(): tag(&b)},
        }))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(answer.to_string()))
}

pub(super) fn configure(
    cfg: &mut web::ServiceConfig,
    resource: fn(&str, &'static str) -> actix_web::Resource,
) {
    cfg.service(resource("/kandidater", "GET").route(web::get().to(list)))
        .service(resource("/kandidater/inte-samma", "POST").route(web::post().to(not_same)))
        .service(resource("/kandidater/samma", "POST").route(web::post().to(same)));
}

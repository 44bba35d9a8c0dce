//! `/api/forslag`: improvement proposals. Reading needs no token (drafts and proposals on
//! draft items for editors only, `web::proposals`); `POST /api/forslag` (editor) makes one,
//! `POST /api/forslag/{n}/kommentar` (editor) comments, `POST /api/forslag/{n}/status` moves
//! it (opening a draft: editor; the rest: registrar; If-Match), and
//! `POST /api/forslag/{n}/tillampa` (registrar, If-Match) applies a decided one as the item's
//! new version. All of it goes through `governance::proposals`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Map, Value, json};

use crate::governance::proposals::{self as rules, ProposalError, ProposalRequest};
use crate::governance::{Caller, Role};
use crate::import::record::FieldProblem;

use super::{ApiError, authorise, bearer, blocking, header_str, parse_body, with_own_etag};
use crate::web::State;
use crate::web::proposals as view;
use crate::web::visibility::Viewer;

impl From<ProposalError> for ApiError {
    fn from(e: ProposalError) -> Self {
        let message = e.to_string();
        match e {
            ProposalError::NotFound(_) => ApiError::NotFound(message),
            ProposalError::Move(m) => ApiError::Conflict {
                title: "Status change not allowed",
                message,
                current_etag: None,
                allowed: Some(m.allowed().iter().map(|s| s.as_str().to_owned()).collect()),
            },
            ProposalError::NotApplicable(_) => ApiError::Conflict {
                title: "Not applicable",
                message,
                current_etag: None,
                allowed: None,
            },
            ProposalError::PreconditionRequired { .. } => ApiError::PreconditionRequired(message),
            ProposalError::Stale { current, .. } => ApiError::Conflict {
                title: "Edit conflict",
                message,
                current_etag: Some(current),
                allowed: None,
            },
            ProposalError::Write(w) => w.into(),
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    item: Option<String>,
    proposer: Option<String>,
}

async fn list(
    req: HttpRequest,
    q: web::Query<ListQuery>,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let f = view::filter_of(
        q.status.as_deref(),
        q.item.as_deref(),
        q.proposer.as_deref(),
    )
    .map_err(ApiError::BadRequest)?;
    let viewer = Viewer::of(&req, &state).await;
    let state = state.into_inner();
    let body = blocking(move || {
        let ps = view::list(&state, viewer, &f)?;
        let items: Vec<Value> = ps
            .iter()
            .map(|p| view::to_json(&state, p, None, None))
            .collect();
        Ok(json!({ "count": items.len(), "items": items }))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body.to_string()))
}

fn number(s: &str) -> Result<i64, ApiError> {
    s.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::NotFound(format!("/api/forslag/{s}: a proposal has a number")))
}

async fn show(
    req: HttpRequest,
    n: web::Path<String>,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let n = number(&n)?;
    let viewer = Viewer::of(&req, &state).await;
    let state = state.into_inner();
    let body = blocking(move || {
        let Some((p, comments)) = view::one(&state, viewer, n)? else {
            return Ok(None);
        };
        let diff = view::diff_of(&state, viewer, &p);
        Ok(Some(view::to_json(
            &state,
            &p,
            Some(&comments),
            Some(&diff),
        )))
    })
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("there is no proposal {n}")))?;
    Ok(with_own_etag(&req, &body))
}

/// Runs a proposal write under the database lock and answers with the proposal.
async fn write(
    req: &HttpRequest,
    state: web::Data<State>,
    body: web::Bytes,
    created: bool,
    apply: impl FnOnce(
        &State,
        &mut crate::db::Db,
        &Caller,
        &Value,
        Option<&str>,
    ) -> Result<crate::db::Proposal, ApiError>
    + Send
    + 'static,
) -> Result<HttpResponse, ApiError> {
    let token = bearer(req);
    let if_match = header_str(req, header::IF_MATCH);
    let state = state.into_inner();
    let answer = blocking(move || {
        let mut db = match state.db.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let caller = authorise(&mut db, token.as_deref(), Role::Editor)?;
        let value = parse_body(&body)?;
        let p = apply(&state, &mut db, &caller, &value, if_match.as_deref())?;
        let comments = db.proposal_comments(p.id)?;
        drop(db);
        let diff = view::diff_of(&state, Viewer::Editor, &p);
        Ok(view::to_json(&state, &p, Some(&comments), Some(&diff)))
    })
    .await?;
    let etag = answer["etag"].as_str().unwrap_or_default().to_owned();
    let mut resp = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    resp.content_type("application/json")
        .insert_header((header::ETAG, etag));
    if created {
        resp.insert_header((
            header::LOCATION,
            format!("/api/forslag/{}", answer["number"]),
        ));
    }
    Ok(resp.body(answer.to_string()))
}

fn object<'a>(v: &'a Value, shape: &str) -> Result<&'a Map<String, Value>, ApiError> {
    v.as_object().ok_or_else(|| {
        ApiError::Invalid(vec![FieldProblem::new(
            "",
            format!("the body must be a JSON object: {shape}"),
        )])
    })
}

/// The text fields of `obj` named in `fields` (each `(name, required)`); every problem, and
/// every field not named, is reported.
fn texts(
    obj: &Map<String, Value>,
    fields: &[(&str, bool)],
    extra: &[&str],
    problems: &mut Vec<FieldProblem>,
) -> Vec<String> {
    for k in obj.keys() {
        if !fields.iter().any(|(f, _)| f == k) && !extra.contains(&k.as_str()) {
            let mut names: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
            names.extend(extra);
            problems.push(FieldProblem::new(
                k,
                format!("is not a field here; the fields are: {}", names.join(", ")),
            ));
        }
    }
    fields
        .iter()
        .map(|(f, required)| match obj.get(*f) {
            Some(Value::String(s)) => s.clone(),
            None | Some(Value::Null) if !required => String::new(),
            None | Some(Value::Null) => {
                problems.push(FieldProblem::new(*f, "is required"));
                String::new()
            }
            Some(_) => {
                problems.push(FieldProblem::new(*f, "must be text"));
                String::new()
            }
        })
        .collect()
}

/// The body of `POST /api/forslag` as a request (shape only; content is checked by the rules).
pub fn request_of(v: &Value) -> Result<ProposalRequest, Vec<FieldProblem>> {
    let Some(obj) = v.as_object() else {
        return Err(vec![FieldProblem::new(
            "",
            "the body must be a JSON object",
        )]);
    };
    let mut problems = Vec::new();
    let t = texts(
        obj,
        &[
            ("kind", true),
            ("id", true),
            ("motivation", true),
            ("proposer", true),
        ],
        &["changes", "draft"],
        &mut problems,
    );
    let changes = match obj.get("changes") {
        Some(Value::Object(m)) => m.clone(),
        None | Some(Value::Null) => {
            problems.push(FieldProblem::new(
                "changes",
                "is required: an object of field → new value",
            ));
            Map::new()
        }
        Some(_) => {
            problems.push(FieldProblem::new(
                "changes",
                "must be an object of field → new value",
            ));
            Map::new()
        }
    };
    let draft = match obj.get("draft") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            problems.push(FieldProblem::new("draft", "must be true or false"));
            false
        }
    };
    let [kind, id, motivation, proposer] = <[String; 4]>::try_from(t).unwrap_or_default();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ProposalRequest {
        kind,
        id,
        changes,
        motivation,
        proposer,
        draft,
    })
}

async fn create(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    write(&req, state, body, true, |state, db, caller, value, _| {
        let r = request_of(value).map_err(ApiError::Invalid)?;
        let snap = state.snapshot();
        let cat = view::catalog_for_request(&snap, &r.kind, &r.id)?;
        Ok(rules::create(db, state.store.iris(), &cat, caller, &r)?)
    })
    .await
}

async fn comment(
    req: HttpRequest,
    n: web::Path<String>,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let n = number(&n)?;
    write(
        &req,
        state,
        body,
        false,
        move |state, db, caller, value, _| {
            let obj = object(value, "{\"text\": …}")?;
            let mut problems = Vec::new();
            let t = texts(obj, &[("text", true)], &[], &mut problems);
            if !problems.is_empty() {
                return Err(ApiError::Invalid(problems));
            }
            let text = t.into_iter().next().unwrap_or_default();
            Ok(rules::comment(db, state.store.iris(), caller, n, &text)?)
        },
    )
    .await
}

async fn status(
    req: HttpRequest,
    n: web::Path<String>,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let n = number(&n)?;
    write(
        &req,
        state,
        body,
        false,
        move |state, db, caller, value, if_match| {
            let obj = object(value, "{\"status\": …, \"note\": …}")?;
            let mut problems = Vec::new();
            let t = texts(
                obj,
                &[("status", true), ("note", false)],
                &[],
                &mut problems,
            );
            if !problems.is_empty() {
                return Err(ApiError::Invalid(problems));
            }
            Ok(rules::move_to(
                db,
                state.store.iris(),
                caller,
                n,
                &t[0],
                &t[1],
                if_match,
            )?)
        },
    )
    .await
}

async fn apply(
    req: HttpRequest,
    n: web::Path<String>,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let n = number(&n)?;
    // An empty body is an empty object.
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        web::Bytes::from_static(b"{}")
    } else {
        body
    };
    write(
        &req,
        state,
        body,
        false,
        move |state, db, caller, value, if_match| {
            let obj = object(value, "{}")?;
            let mut problems = Vec::new();
            texts(obj, &[], &[], &mut problems);
            if !problems.is_empty() {
                return Err(ApiError::Invalid(problems));
            }
            let snap = state.snapshot();
            let Some(p) = db.proposal(n)? else {
                return Err(ApiError::NotFound(format!("there is no proposal {n}")));
            };
            let key = rules::key_of(&p);
            let current = match &key {
                Some(k) => snap.catalog_for(Viewer::Editor, k)?.into_owned(),
                None => snap.catalog(Viewer::Editor).clone(),
            };
            let (p, mut written) = rules::apply(&state.store, db, &current, caller, n, if_match)?;
            if let Some(plan) = written.plan.take() {
                // Under the lock still, so the next writer reads what this one wrote.
                state.current.apply(plan)?;
            }
            Ok(p)
        },
    )
    .await
}

pub(super) fn configure(
    cfg: &mut web::ServiceConfig,
    resource: fn(&str, &'static str) -> actix_web::Resource,
) {
    cfg.service(
        resource("/forslag", "GET, POST")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(resource("/forslag/{n}", "GET").route(web::get().to(show)))
    .service(resource("/forslag/{n}/kommentar", "POST").route(web::post().to(comment)))
    .service(resource("/forslag/{n}/status", "POST").route(web::post().to(status)))
    .service(resource("/forslag/{n}/tillampa", "POST").route(web::post().to(apply)));
}

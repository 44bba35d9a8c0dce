//! The proposal pages (English under `/en/`): `/forslag` (the list, filtered by status, item
//! and proposer), `/forslag/{n}` (one proposal: its changes, the field-level diff it would
//! make, its comments and status, and the forms for editors and registrars), `/forslag/ny?id=X`
//! (a new proposal; `?id=A&id=B` notes that A and B are the same information). The forms post
//! to the same paths as the API's actions and go through the same rules
//! (`governance::proposals`); posts from other sites are refused (`origin`), as on the import
//! page, and need a signed-in editor (`session`).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde_json::Value;

use crate::governance::proposal_status::ProposalStatus;
use crate::governance::proposals::{self as rules, ProposalError};
use crate::import::record::{self, FieldProblem};

use super::pages::{Ui, ui_of};
use super::proposal_texts::{EN, ProposalTexts, SV};
use super::proposals as view;
use super::visibility::Viewer;
use super::{State, WebError};

/// How many field/value pairs the new-proposal form offers.
pub(super) const PAIRS: usize = 5;

pub(super) fn texts(ui: Ui) -> &'static ProposalTexts {
    if ui.english() { &EN } else { &SV }
}

pub struct Row {
    pub href: String,
    pub number: i64,
    pub item: String,
    pub item_href: String,
    pub status: String,
    pub proposer: String,
    pub created: String,
}

#[derive(Template)]
#[template(path = "pages/proposals.html")]
struct ListPage {
    ui: Ui,
    pt: &'static ProposalTexts,
    title: String,
    switch: String,
    rows: Vec<Row>,
    /// (value, label, selected)
    statuses: Vec<(String, String, bool)>,
    item_q: String,
    proposer_q: String,
    signed_in: bool,
    notice: Option<String>,
}

pub(super) fn status_label(ui: Ui, s: ProposalStatus) -> String {
    if ui.english() {
        s.label_en()
    } else {
        s.as_str()
    }
    .to_owned()
}

fn item_label(ui: Ui, p: &crate::db::Proposal) -> String {
    let pt = texts(ui);
    let kind = match p.item_kind.as_str() {
        "kodverk" => pt.codebook,
        _ => pt.variable,
    };
    format!("{kind} {}", p.item_id)
}

pub fn rows(ui: Ui, ps: &[crate::db::Proposal]) -> Vec<Row> {
    ps.iter()
        .map(|p| Row {
            href: format!("{}/forslag/{}", ui.prefix, p.id),
            number: p.id,
            item: item_label(ui, p),
            item_href: rules::key_of(p)
                .map(|k| format!("{}{}", ui.prefix, view::item_path(&k)))
                .unwrap_or_default(),
            status: status_label(ui, rules::status_of(p)),
            proposer: p.proposer.clone(),
            created: p.created_at.get(..10).unwrap_or(&p.created_at).to_owned(),
        })
        .collect()
}

pub(super) fn respond(t: impl Template, status: StatusCode) -> Result<HttpResponse, WebError> {
    let body = t.render()?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Debug, serde::Deserialize)]
struct ListQuery {
    status: Option<String>,
    item: Option<String>,
    proposer: Option<String>,
}

async fn list(
    req: HttpRequest,
    q: web::Query<ListQuery>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let viewer = Viewer::of(&req, &state).await;
    let q = q.into_inner();
    let (f, notice) = match view::filter_of(
        q.status.as_deref(),
        q.item.as_deref(),
        q.proposer.as_deref(),
    ) {
        Ok(f) => (Some(f), None),
        Err(m) => (None, Some(m)),
    };
    let st = state.into_inner();
    let ps = match &f {
        Some(f) => {
            let (st, f) = (st.clone(), f.clone());
            web::block(move || view::list(&st, viewer, &f)).await??
        }
        None => Vec::new(),
    };
    let chosen = f
        .as_ref()
        .and_then(|f| f.status.clone())
        .unwrap_or_default();
    let pt = texts(ui);
    let mut statuses = vec![(String::new(), pt.any.to_owned(), chosen.is_empty())];
    statuses.extend(
        ProposalStatus::ALL
            .into_iter()
            .filter(|s| viewer == Viewer::Editor || s.is_public())
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    status_label(ui, s),
                    chosen == s.as_str(),
                )
            }),
    );
    let status = if notice.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    respond(
        ListPage {
            ui,
            pt,
            title: pt.list_title.to_owned(),
            switch: ui.switch_href(&format!(
                "{}{}",
                req.path(),
                if req.query_string().is_empty() {
                    String::new()
                } else {
                    format!("?{}", req.query_string())
                }
            )),
            rows: rows(ui, &ps),
            statuses,
            item_q: q.item.unwrap_or_default(),
            proposer_q: q.proposer.unwrap_or_default(),
            signed_in: viewer == Viewer::Editor,
            notice,
        },
        status,
    )
}

#[derive(Template)]
#[template(path = "pages/proposal.html")]
pub(super) struct ProposalPage {
    ui: Ui,
    pt: &'static ProposalTexts,
    title: String,
    switch: String,
    number: i64,
    item: String,
    item_href: String,
    status: String,
    proposer: String,
    proposer_href: String,
    created: String,
    created_by: String,
    motivation: String,
    /// (field, proposed value)
    changes: Vec<(String, String)>,
    /// (field, now, after)
    diff: Vec<(String, String, String)>,
    /// (version, its page)
    applied: Option<(String, String)>,
    /// (date, who, status move, text)
    comments: Vec<(String, String, String, String)>,
    editor: bool,
    moves: Vec<(String, String)>,
    can_apply: bool,
    etag: String,
    action: String,
    pub(super) notice: Option<String>,
    pub(super) problems: Vec<FieldProblem>,
}

pub(super) fn proposal_page(
    ui: Ui,
    path: &str,
    state: &State,
    viewer: Viewer,
    n: i64,
) -> Result<Option<ProposalPage>, WebError> {
    let pt = texts(ui);
    let Some((p, comments)) = view::one(state, viewer, n)? else {
        return Ok(None);
    };
    let status = rules::status_of(&p);
    let key = rules::key_of(&p);
    let diff = view::diff_of(state, viewer, &p);
    let value_text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    };
    let field_label = |f: &str| -> String {
        let spec = key.as_ref().map(|k| record::sheet_of(k.kind));
        match spec.and_then(|s| s.field(f)) {
            Some(c) if ui.english() => c.heading_en.to_owned(),
            Some(c) => c.heading.to_owned(),
            None => f.to_owned(),
        }
    };
    let moves = if viewer == Viewer::Editor {
        status
            .allowed_next()
            .iter()
            .map(|s| (s.as_str().to_owned(), status_label(ui, *s)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(ProposalPage {
        ui,
        pt,
        title: format!("{} {n}: {}", pt.title, item_label(ui, &p)),
        switch: ui.switch_href(path),
        number: n,
        item: item_label(ui, &p),
        item_href: key
            .as_ref()
            .map(|k| format!("{}{}", ui.prefix, view::item_path(k)))
            .unwrap_or_default(),
        status: status_label(ui, status),
        proposer_href: format!(
            "{}/organisation/SE{}",
            ui.prefix,
            p.proposer.replace('-', "")
        ),
        proposer: crate::domain::OrgNr::parse(&p.proposer)
            .ok()
            .and_then(|o| {
                let snap = state.snapshot();
                let org = snap.catalog(Viewer::Anonymous).organisations.get(&o)?;
                let name = if ui.english() && !org.name.en.is_empty() {
                    &org.name.en
                } else {
                    &org.name.sv
                };
                Some(format!("{name} ({})", p.proposer))
            })
            .unwrap_or_else(|| p.proposer.clone()),
        created: p.created_at.clone(),
        created_by: p.created_by.clone(),
        motivation: p.motivation.clone(),
        changes: rules::changes_of(&p)
            .iter()
            .map(|(k, v)| (field_label(k), value_text(v)))
            .collect(),
        diff: super::pages::changes::rows(&diff, ui.english()),
        applied: match (&key, &p.applied_version) {
            (Some(k), Some(v)) => Some((v.clone(), format!("{}{}", ui.prefix, view::item_path(k)))),
            _ => None,
        },
        comments: comments
            .iter()
            .map(|c| {
                let moved = match (&c.from_status, &c.to_status) {
                    (Some(a), Some(b)) => {
                        let l = |s: &str| {
                            ProposalStatus::parse(s)
                                .map(|s| status_label(ui, s))
                                .unwrap_or_else(|_| s.to_owned())
                        };
                        format!("{} → {}", l(a), l(b))
                    }
                    _ => String::new(),
                };
                (c.at.clone(), c.actor.clone(), moved, c.body.clone())
            })
            .collect(),
        editor: viewer == Viewer::Editor,
        moves,
        can_apply: viewer == Viewer::Editor
            && status == ProposalStatus::Decided
            && p.applied_version.is_none(),
        etag: rules::etag(&p),
        action: format!("{}/forslag/{n}", ui.prefix),
        notice: None,
        problems: Vec::new(),
    }))
}

pub(super) fn number(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().filter(|n| *n > 0)
}

async fn show(
    req: HttpRequest,
    n: web::Path<String>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let viewer = Viewer::of(&req, &state).await;
    let Some(n) = number(&n) else {
        return Ok(super::pages::not_found_response(ui, req.path()));
    };
    let st = state.into_inner();
    let path = req.path().to_owned();
    let page = web::block(move || proposal_page(ui, &path, &st, viewer, n)).await??;
    match page {
        Some(p) => respond(p, StatusCode::OK),
        None => Ok(super::pages::not_found_response(ui, req.path())),
    }
}

/// The status and message a refused page action answers with.
pub(super) fn refusal(e: ProposalError) -> (StatusCode, String, Vec<FieldProblem>) {
    use crate::governance::WriteError;
    let message = e.to_string();
    match e {
        ProposalError::NotFound(_) => (StatusCode::NOT_FOUND, message, Vec::new()),
        ProposalError::Write(WriteError::Invalid(ps)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, message, ps)
        }
        ProposalError::Write(WriteError::Forbidden { .. }) => {
            (StatusCode::FORBIDDEN, message, Vec::new())
        }
        ProposalError::Write(WriteError::Store(_) | WriteError::Db(_)) => {
            tracing::error!(%message, "a proposal action failed");
            (StatusCode::INTERNAL_SERVER_ERROR, message, Vec::new())
        }
        _ => (StatusCode::CONFLICT, message, Vec::new()),
    }
}

pub(super) type Form = Vec<(String, String)>;

pub(super) fn form_value(form: &Form, name: &str) -> String {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

use super::proposal_actions::{apply, comment, status};
pub use super::proposal_new::{create, new_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    for prefix in ["", "/en"] {
        cfg.route(&format!("{prefix}/forslag"), web::get().to(list))
            .route(&format!("{prefix}/forslag"), web::post().to(create))
            .route(&format!("{prefix}/forslag/ny"), web::get().to(new_form))
            .route(&format!("{prefix}/forslag/{{n}}"), web::get().to(show))
            .route(
                &format!("{prefix}/forslag/{{n}}/kommentar"),
                web::post().to(comment),
            )
            .route(
                &format!("{prefix}/forslag/{{n}}/status"),
                web::post().to(status),
            )
            .route(
                &format!("{prefix}/forslag/{{n}}/tillampa"),
                web::post().to(apply),
            );
    }
}

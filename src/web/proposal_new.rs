//! `/forslag/ny?id=X` (English `/en/forslag/ny`): the new-proposal form for signed-in
//! editors, and `POST /forslag`, which makes the proposal through the same rules as
//! `POST /api/forslag` (every bad field listed, nothing saved) and goes to its page.
//! `?id=A&id=B` (from the harmonisation candidates) proposes on A and notes that A and B are
//! the same information.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde_json::{Map, Value};

use crate::governance::proposals::{self as rules, KINDS, ProposalRequest};
use crate::import::record::{self, FieldProblem};

use super::origin::same_site;
use super::pages::{Ui, ui_of};
use super::proposal_pages::{Form, PAIRS, form_value, respond, texts};
use super::proposal_texts::ProposalTexts;
use super::{State, WebError};

#[derive(Template)]
#[template(path = "pages/proposal_new.html")]
struct NewPage {
    ui: Ui,
    pt: &'static ProposalTexts,
    title: String,
    switch: String,
    signed_in: bool,
    /// (value, label, selected)
    kinds: Vec<(String, String, bool)>,
    id: String,
    motivation: String,
    proposer: String,
    draft: bool,
    /// (index, field, value)
    pairs: Vec<(usize, String, String)>,
    /// (key, label) of every field a proposal may change
    fields: Vec<(String, String)>,
    notice: Option<String>,
    problems: Vec<FieldProblem>,
}

fn page(req: &HttpRequest, signed_in: bool, r: &ProposalRequest) -> NewPage {
    let ui = ui_of(req);
    let pt = texts(ui);
    let kind = if r.kind.is_empty() {
        "variabler"
    } else {
        r.kind.as_str()
    };
    let kinds = KINDS
        .iter()
        .map(|k| {
            let name = record::sheet_of(*k).name;
            let label = if *k == crate::domain::ItemKind::Codebook {
                pt.codebook
            } else {
                pt.variable
            };
            (name.to_owned(), label.to_owned(), name == kind)
        })
        .collect();
    let spec = KINDS
        .iter()
        .find(|k| record::sheet_of(**k).name == kind)
        .map(|k| record::sheet_of(*k))
        .unwrap_or(record::sheet_of(crate::domain::ItemKind::Variable));
    let fields = spec
        .columns
        .iter()
        .filter(|c| !["id", "status", "remove"].contains(&c.field))
        .map(|c| {
            let label = if ui.english() {
                c.heading_en
            } else {
                c.heading
            };
            (c.field.to_owned(), format!("{label} ({})", c.field))
        })
        .collect();
    let mut given: Vec<(String, String)> = r
        .changes
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect();
    given.resize(PAIRS.max(given.len()), (String::new(), String::new()));
    NewPage {
        ui,
        pt,
        title: pt.new_title.to_owned(),
        switch: ui.switch_href(&format!(
            "{}{}",
            req.path(),
            if req.query_string().is_empty() {
                String::new()
            } else {
                format!("?{}", req.query_string())
            }
        )),
        signed_in,
        kinds,
        id: r.id.clone(),
        motivation: r.motivation.clone(),
        proposer: r.proposer.clone(),
        draft: r.draft,
        pairs: given
            .into_iter()
            .enumerate()
            .map(|(i, (f, v))| (i + 1, f, v))
            .collect(),
        fields,
        notice: None,
        problems: Vec::new(),
    }
}

/// `GET /forslag/ny?id=X[&id=Y][&kind=kodverk]`.
pub async fn new_form(
    req: HttpRequest,
    q: web::Query<Form>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let signed_in = super::session::editor(&req, &state).await.is_some();
    let ids: Vec<String> = q
        .iter()
        .filter(|(k, v)| k == "id" && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_owned())
        .collect();
    let pt = texts(ui_of(&req));
    let motivation = match ids.as_slice() {
        [a, b, ..] => pt.same_information.replace("{a}", a).replace("{b}", b),
        _ => String::new(),
    };
    let r = ProposalRequest {
        kind: form_value(&q, "kind"),
        id: ids.first().cloned().unwrap_or_default(),
        motivation,
        ..Default::default()
    };
    let code = if signed_in {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    respond(page(&req, signed_in, &r), code)
}

/// The request a new-proposal form makes: its fields, and the pairs `field_i`/`value_i`.
fn request_of_form(form: &Form) -> ProposalRequest {
    let mut changes = Map::new();
    for i in 1..=PAIRS {
        let f = form_value(form, &format!("field_{i}"));
        if !f.trim().is_empty() {
            changes.insert(
                f.trim().to_owned(),
                Value::String(form_value(form, &format!("value_{i}"))),
            );
        }
    }
    ProposalRequest {
        kind: form_value(form, "kind"),
        id: form_value(form, "id"),
        changes,
        motivation: form_value(form, "motivation"),
        proposer: form_value(form, "proposer"),
        draft: form
            .iter()
            .any(|(k, v)| k == "draft" && (v == "on" || v == "true")),
    }
}

/// `POST /forslag`: makes the proposal and goes to its page, or shows the form again with
/// every problem.
pub async fn create(
    req: HttpRequest,
    form: web::Form<Form>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let pt = texts(ui);
    let editor = super::session::editor(&req, &state).await;
    let r = request_of_form(&form);
    let Some(editor) = editor else {
        let mut p = page(&req, false, &r);
        p.notice = Some(pt.sign_in_first.to_owned());
        return respond(p, StatusCode::UNAUTHORIZED);
    };
    if !same_site(&req, &state) {
        let mut p = page(&req, true, &r);
        p.notice = Some(pt.foreign.to_owned());
        return respond(p, StatusCode::FORBIDDEN);
    }
    let st = state.into_inner();
    let req2 = r.clone();
    let made = web::block(move || {
        let mut db = match st.db.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let snap = st.snapshot();
        let cat = super::proposals::catalog_for_request(&snap, &req2.kind, &req2.id)
            .map_err(|e| rules::ProposalError::NotApplicable(e.to_string()))?;
        rules::create(&mut db, st.store.iris(), &cat, &editor, &req2)
    })
    .await?;
    match made {
        Ok(p) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("{}/forslag/{}", ui.prefix, p.id)))
            .finish()),
        Err(e) => {
            let (code, message, problems) = super::proposal_pages::refusal(e);
            let mut p = page(&req, true, &r);
            p.notice = Some(if problems.is_empty() {
                message
            } else {
                pt.problems.to_owned()
            });
            p.problems = problems;
            respond(p, code)
        }
    }
}

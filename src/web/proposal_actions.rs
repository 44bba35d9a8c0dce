//! The actions of a proposal's page (English under `/en/`): `POST /forslag/{n}/kommentar`,
//! `/status` and `/tillampa`. Each needs a signed-in editor (`session`) and a post from this
//! site (`origin`), goes through the same rules as the API (`governance::proposals`), and
//! answers 303 to the proposal, or its page with what was refused.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::governance::Caller;
use crate::governance::proposals::{self as rules, ProposalError};

use super::origin::same_site;
use super::pages::ui_of;
use super::proposal_pages::{
    Form, ProposalPage, form_value, number, proposal_page, refusal, respond, texts,
};
use super::visibility::Viewer;
use super::{State, WebError};

/// One action on proposal `n` from its page's forms: signed in, from this site, through the
/// same rules as the API; then back to the proposal (303), or the page with what was refused.
async fn act(
    req: HttpRequest,
    n: web::Path<String>,
    form: web::Form<Form>,
    state: web::Data<State>,
    action: fn(&State, &Caller, i64, &Form) -> Result<(), ProposalError>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let pt = texts(ui);
    let Some(n) = number(&n) else {
        return Ok(super::pages::not_found_response(ui, req.path()));
    };
    let editor = super::session::editor(&req, &state).await;
    let foreign = !same_site(&req, &state);
    let st = state.into_inner();
    let path = format!("{}/forslag/{n}", ui.prefix);
    let form = form.into_inner();
    let page = web::block(
        move || -> Result<Result<(), (StatusCode, ProposalPage)>, WebError> {
            let (status_notice, problems) = match (&editor, foreign) {
                (None, _) => (
                    Some((StatusCode::UNAUTHORIZED, pt.sign_in_first.to_owned())),
                    Vec::new(),
                ),
                (Some(_), true) => (
                    Some((StatusCode::FORBIDDEN, pt.foreign.to_owned())),
                    Vec::new(),
                ),
                (Some(c), false) => match action(&st, c, n, &form) {
                    Ok(()) => return Ok(Ok(())),
                    Err(e) => {
                        let (code, m, ps) = refusal(e);
                        (Some((code, m)), ps)
                    }
                },
            };
            let viewer = if editor.is_some() {
                Viewer::Editor
            } else {
                Viewer::Anonymous
            };
            let Some(mut page) = proposal_page(ui, &path, &st, viewer, n)? else {
                return Err(WebError::NotFound(path.clone()));
            };
            if let Some((code, m)) = status_notice {
                page.notice = Some(m);
                page.problems = problems;
                return Ok(Err((code, page)));
            }
            Ok(Ok(()))
        },
    )
    .await?;
    match page {
        Ok(Ok(())) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("{}/forslag/{n}", ui.prefix)))
            .finish()),
        Ok(Err((code, page))) => respond(page, code),
        Err(WebError::NotFound(_)) => Ok(super::pages::not_found_response(ui, req.path())),
        Err(e) => Err(e),
    }
}

fn lock(state: &State) -> std::sync::MutexGuard<'_, crate::db::Db> {
    match state.db.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

fn do_comment(state: &State, c: &Caller, n: i64, form: &Form) -> Result<(), ProposalError> {
    let mut db = lock(state);
    rules::comment(&mut db, state.store.iris(), c, n, &form_value(form, "text")).map(|_| ())
}

fn do_status(state: &State, c: &Caller, n: i64, form: &Form) -> Result<(), ProposalError> {
    let mut db = lock(state);
    let tag = form_value(form, "etag");
    rules::move_to(
        &mut db,
        state.store.iris(),
        c,
        n,
        &form_value(form, "status"),
        &form_value(form, "note"),
        Some(tag.as_str()),
    )
    .map(|_| ())
}

fn do_apply(state: &State, c: &Caller, n: i64, form: &Form) -> Result<(), ProposalError> {
    let mut db = lock(state);
    let snap = state.snapshot();
    let Some(p) = db.proposal(n)? else {
        return Err(ProposalError::NotFound(n));
    };
    let current = match rules::key_of(&p) {
        Some(k) => snap
            .catalog_for(Viewer::Editor, &k)
            .map_err(|e| ProposalError::NotApplicable(e.to_string()))?
            .into_owned(),
        None => snap.catalog(Viewer::Editor).clone(),
    };
    let tag = form_value(form, "etag");
    let (_, mut written) = rules::apply(&state.store, &mut db, &current, c, n, Some(tag.as_str()))?;
    if let Some(plan) = written.plan.take() {
        state
            .current
            .apply(plan)
            .map_err(|e| ProposalError::NotApplicable(e.to_string()))?;
    }
    Ok(())
}

pub(super) async fn comment(
    req: HttpRequest,
    n: web::Path<String>,
    form: web::Form<Form>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    act(req, n, form, state, do_comment).await
}

pub(super) async fn status(
    req: HttpRequest,
    n: web::Path<String>,
    form: web::Form<Form>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    act(req, n, form, state, do_status).await
}

pub(super) async fn apply(
    req: HttpRequest,
    n: web::Path<String>,
    form: web::Form<Form>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    act(req, n, form, state, do_apply).await
}

//! Signing in for editors: drafts are visible to signed-in editors only. An editor signs in
//! at `/logga-in` with the API token `varcat token create` gave them; the token is kept in an
//! HttpOnly, SameSite=Strict cookie and checked against the database (only its hash is stored)
//! on the requests that need it — a draft's page, RDF or API entry, and search with drafts.
//! `Authorization: Bearer` works the same way for programs.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::domain::{Catalog, ItemKey};
use crate::governance::{Caller, tokens};

use super::pages::{Ui, ui_of};
use super::{State, WebError};

const COOKIE: &str = "varcat_token";

/// The token a request carries: the bearer header, else the sign-in cookie.
fn presented(req: &HttpRequest) -> Option<String> {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_owned());
    bearer.or_else(|| {
        req.headers()
            .get_all(header::COOKIE)
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|kv| {
                kv.trim()
                    .strip_prefix(COOKIE)?
                    .strip_prefix('=')
                    .map(str::to_owned)
            })
    })
}

/// The signed-in editor (or registrar) behind a request, if any.
pub fn editor(req: &HttpRequest, state: &State) -> Option<Caller> {
    let token = presented(req)?;
    let mut db = state.db.lock().ok()?;
    tokens::authenticate(&mut db, &token).ok().flatten()
}

/// Whether `key` is hidden from anonymous visitors (a draft); the rule is `visibility`'s.
pub fn is_draft(cat: &Catalog, key: &ItemKey) -> bool {
    !super::visibility::Viewer::Anonymous.may_see(cat, key)
}

/// Whether the request may see `key`; the rule is `visibility`'s.
pub fn may_see(req: &HttpRequest, state: &State, cat: &Catalog, key: &ItemKey) -> bool {
    super::visibility::Viewer::of(req, state).may_see(cat, key)
}

#[derive(Template)]
#[template(path = "pages/sign_in.html")]
struct SignInPage {
    ui: Ui,
    title: String,
    switch: String,
    signed_in: Option<String>,
    failed: bool,
}

fn page(req: &HttpRequest, signed_in: Option<String>, failed: bool) -> Result<String, WebError> {
    let ui = ui_of(req);
    SignInPage {
        ui,
        title: ui.t.sign_in.to_owned(),
        switch: ui.switch_href(req.path()),
        signed_in,
        failed,
    }
    .render()
    .map_err(|e| WebError::Internal(e.to_string()))
}

async fn form(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let who = editor(&req, &state).map(|c| c.name);
    Ok(super::pages::html(page(&req, who, false)?))
}

#[derive(serde::Deserialize)]
struct Form {
    token: String,
}

async fn sign_in(
    req: HttpRequest,
    state: web::Data<State>,
    form: web::Form<Form>,
) -> Result<HttpResponse, WebError> {
    let token = form.token.trim().chars().take(200).collect::<String>();
    let caller = {
        let mut db = state
            .db
            .lock()
            .map_err(|_| WebError::Internal("database lock".into()))?;
        tokens::authenticate(&mut db, &token).map_err(|e| WebError::Internal(e.to_string()))?
    };
    let Some(caller) = caller else {
        return Ok(HttpResponse::Unauthorized()
            .content_type("text/html; charset=utf-8")
            .body(page(&req, None, true)?));
    };
    tracing::info!(editor = %caller.name, "signed in");
    // Tokens are `vc_` and hex digits (checked by `authenticate`), safe in a cookie value.
    let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::SET_COOKIE, cookie))
        .insert_header((header::LOCATION, format!("{}/", ui_of(&req).prefix)))
        .finish())
}

async fn sign_out(req: HttpRequest) -> HttpResponse {
    let cookie = format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    HttpResponse::SeeOther()
        .insert_header((header::SET_COOKIE, cookie))
        .insert_header((header::LOCATION, format!("{}/", ui_of(&req).prefix)))
        .finish()
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/logga-in", web::get().to(form))
        .route("/en/logga-in", web::get().to(form))
        .route("/logga-in", web::post().to(sign_in))
        .route("/en/logga-in", web::post().to(sign_in))
        .route("/logga-ut", web::post().to(sign_out))
        .route("/en/logga-ut", web::post().to(sign_out));
}

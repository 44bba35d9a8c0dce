//! Signing in for editors: drafts are visible to signed-in editors only. An editor signs in
//! at `/logga-in` with the API token `varcat token create` gave them; that opens a session
//! (`tokens::start_session`: a random id, only its hash stored, lasting
//! `tokens::SESSION_SECONDS` unless signed out or the token is revoked) whose id — never the
//! token — is kept in an HttpOnly, SameSite=Strict cookie (`Secure` when the site is served
//! over https). `Authorization: Bearer` with the token works the same way for programs.
//! Who is behind a cookie or token is found without making the worker wait on the database
//! (`callers`). The sign-in and sign-out forms refuse posts from other sites (`origin`).

mod callers;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::governance::{Caller, tokens};

pub use callers::Callers;
use callers::Credential;

use super::origin;
use super::pages::{Ui, ui_of};
use super::{State, WebError};

const COOKIE: &str = "varcat_session";

/// The cookie earlier versions kept the raw token in; cleared on sign-in and sign-out.
const OLD_COOKIE: &str = "varcat_token";

/// The value of the cookie `name`, if the request carries it.
fn cookie<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers()
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix(name)?.strip_prefix('='))
}

/// What a request presents: the bearer header, else the session cookie; only what has the
/// form of a token or a session id (anything else is nobody, without a lookup).
fn presented(req: &HttpRequest) -> Option<Credential> {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    match bearer {
        Some(t) => (t.starts_with(tokens::PREFIX) && tokens::well_formed(t))
            .then(|| Credential::Token(t.to_owned())),
        None => cookie(req, COOKIE)
            .filter(|s| !s.starts_with(tokens::PREFIX) && tokens::well_formed(s))
            .map(|s| Credential::Session(s.to_owned())),
    }
}

/// The signed-in editor (or registrar) behind a request, if any. A request without a
/// credential is answered at once; see `callers` for the rest. A region token is no editor:
/// it sees what anonymous visitors see.
pub async fn editor(req: &HttpRequest, state: &State) -> Option<Caller> {
    callers::caller(state, presented(req)?)
        .await
        .filter(|c| c.may(crate::governance::Role::Editor))
}

/// The holder of the API token `token`, found as `editor` finds it (without a worker waiting
/// on the database); `None` for an unknown or revoked token.
pub async fn token_holder(state: &State, token: &str) -> Option<Caller> {
    if !(token.starts_with(tokens::PREFIX) && tokens::well_formed(token)) {
        return None;
    }
    callers::caller(state, Credential::Token(token.to_owned())).await
}

#[derive(Template)]
#[template(path = "pages/sign_in.html")]
struct SignInPage {
    ui: Ui,
    title: String,
    switch: String,
    signed_in: Option<String>,
    notice: Option<&'static str>,
}

/// The sign-in page with `status`, for `signed_in`, with a notice when given.
fn page(
    req: &HttpRequest,
    status: StatusCode,
    signed_in: Option<String>,
    notice: impl FnOnce(Ui) -> Option<&'static str>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(req);
    let body = SignInPage {
        ui,
        title: ui.t.sign_in.to_owned(),
        switch: ui.switch_href(req.path()),
        signed_in,
        notice: notice(ui),
    }
    .render()?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

async fn form(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let who = editor(&req, &state).await.map(|c| c.name);
    page(&req, StatusCode::OK, who, |_| None)
}

/// A form posted from another site: 403, nothing changed.
fn foreign(req: &HttpRequest) -> Result<HttpResponse, WebError> {
    page(req, StatusCode::FORBIDDEN, None, |ui| {
        Some(ui.t.sign_in_foreign)
    })
}

/// The `Set-Cookie` value for the session cookie: `value` for `max_age` seconds.
fn set_cookie(req: &HttpRequest, state: &State, name: &str, value: &str, max_age: i64) -> String {
    let secure = if origin::secure(req, state) {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
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
    if !origin::same_site(&req, &state) {
        return foreign(&req);
    }
    let token = form.token.trim().chars().take(200).collect::<String>();
    let db = state.db.clone();
    let opened = web::block(move || {
        let mut db = db.lock().map_err(|_| WebError::lock_poisoned())?;
        tokens::start_session(&mut db, &token, chrono::Utc::now().timestamp())
            .map_err(WebError::internal)
    })
    .await??;
    let Some((session, caller)) = opened else {
        return page(&req, StatusCode::UNAUTHORIZED, None, |ui| {
            Some(ui.t.sign_in_failed)
        });
    };
    tracing::info!(editor = %caller.name, "signed in");
    state.callers.opened(&session, caller);
    // Session ids are 64 hex digits, safe in a cookie value.
    Ok(HttpResponse::SeeOther()
        .append_header((
            header::SET_COOKIE,
            set_cookie(&req, &state, COOKIE, &session, tokens::SESSION_SECONDS),
        ))
        .append_header((
            header::SET_COOKIE,
            set_cookie(&req, &state, OLD_COOKIE, "", 0),
        ))
        .insert_header((header::LOCATION, format!("{}/", ui_of(&req).prefix)))
        .finish())
}

async fn sign_out(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    if !origin::same_site(&req, &state) {
        return foreign(&req);
    }
    if let Some(session) = cookie(&req, COOKIE).map(str::to_owned) {
        state.callers.ended(&session);
        let db = state.db.clone();
        web::block(move || {
            let mut db = db.lock().map_err(|_| WebError::lock_poisoned())?;
            tokens::end_session(&mut db, &session).map_err(WebError::internal)
        })
        .await??;
    }
    Ok(HttpResponse::SeeOther()
        .append_header((header::SET_COOKIE, set_cookie(&req, &state, COOKIE, "", 0)))
        .append_header((
            header::SET_COOKIE,
            set_cookie(&req, &state, OLD_COOKIE, "", 0),
        ))
        .insert_header((header::LOCATION, format!("{}/", ui_of(&req).prefix)))
        .finish())
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/logga-in", web::get().to(form))
        .route("/en/logga-in", web::get().to(form))
        .route("/logga-in", web::post().to(sign_in))
        .route("/en/logga-in", web::post().to(sign_in))
        .route("/logga-ut", web::post().to(sign_out))
        .route("/en/logga-ut", web::post().to(sign_out));
}

//! Signing in on the web pages: the cookie carries a session id (never the token), is
//! HttpOnly, SameSite=Strict, Secure on an https site and expires; sessions live in the
//! database (they survive a restart) and end on sign-out or when their token is revoked;
//! sign-in and sign-out forms posted from another site change nothing; and a request with a
//! session cookie is answered while the database lock is held (by a write).

use actix_web::test as at;
use serde_json::json;
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::support::BASE;
use crate::web::loaded_state;

/// Signs in with `$token` (a `String`) from this site; the session cookie's `name=value`.
macro_rules! sign_in {
    ($app:expr, $token:expr) => {{
        let resp = actix_web::test::call_service(
            $app,
            actix_web::test::TestRequest::post()
                .uri("/logga-in")
                .insert_header(("Origin", crate::support::BASE))
                .set_form([("token", $token.as_str())])
                .to_request(),
        )
        .await;
        assert_eq!(resp.status().as_u16(), 303, "signed in");
        resp.headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_owned()
    }};
}
pub(crate) use sign_in;

/// Status and `Set-Cookie` headers of a request.
macro_rules! call {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let cookies: Vec<String> = resp
            .headers()
            .get_all("set-cookie")
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        (resp.status().as_u16(), cookies)
    }};
}

/// The draft's API entry, as the holder of `cookie` (none: anonymous) sees it: its status.
macro_rules! draft_page {
    ($app:expr, $cookie:expr) => {{
        let mut r = at::TestRequest::get().uri("/api/variabler/kroppsvikt");
        if let Some(c) = $cookie {
            r = r.insert_header(("Cookie", c.to_string()));
        }
        call!($app, r).0
    }};
}

fn token(state: &State) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, "erik", Role::Editor, "2026-12-01T10:00:00Z").expect("token")
}

fn sessions(state: &State) -> i64 {
    state.db.lock().expect("db").session_count().expect("count")
}

/// The same server restarted: the same database and catalogue, nothing kept in memory.
fn restarted(state: &State) -> State {
    State {
        callers: Default::default(),
        ..state.clone()
    }
}

/// A state with the draft variable `kroppsvikt` and an editor's token.
async fn with_draft() -> (State, String) {
    let state = loaded_state();
    let editor = token(&state);
    let app = crate::app!(state.clone());
    let body = json!({
        "name": "Kroppsvikt",
        "definition": "Patientens kroppsvikt i kilogram.",
        "datatype": "decimaltal",
        "owner": "232100-0016",
        "collections": ["kpp"]
    });
    let (status, _) = call!(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/kroppsvikt")
            .insert_header(("Authorization", format!("Bearer {editor}")))
            .set_json(&body)
    );
    assert_eq!(status, 201);
    (state, editor)
}

#[actix_web::test]
async fn the_cookie_holds_an_expiring_session_id_never_the_token() {
    let (state, editor) = with_draft().await;
    let app = crate::app!(state.clone());
    let (status, cookies) = call!(
        &app,
        at::TestRequest::post()
            .uri("/logga-in")
            .insert_header(("Origin", BASE))
            .set_form([("token", editor.as_str())])
    );
    assert_eq!(status, 303);
    let cookie = cookies
        .iter()
        .find(|c| c.starts_with("varcat_session="))
        .expect("a session cookie");
    for part in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=28800",
        "Secure",
    ] {
        assert!(cookie.split("; ").any(|p| p == part), "{part} in {cookie}");
    }
    assert!(!cookie.contains(&editor[3..]), "no token in {cookie}");
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("varcat_token=;") && c.contains("Max-Age=0")),
        "the old token cookie is cleared: {cookies:?}"
    );
    assert_eq!(sessions(&state), 1);
    let jar = cookie.split(';').next().expect("pair").to_owned();
    assert_eq!(
        draft_page!(&app, Some(&jar)),
        200,
        "an editor sees the draft"
    );
    assert_eq!(draft_page!(&app, None::<&str>), 404);
    // The token itself is no cookie: neither under the old name nor the new.
    for raw in [
        format!("varcat_token={editor}"),
        format!("varcat_session={editor}"),
    ] {
        assert_eq!(draft_page!(&app, Some(&raw)), 404, "{raw}");
    }
    // Sessions are in the database: a restarted server still knows them.
    let again = crate::app!(restarted(&state));
    assert_eq!(draft_page!(&again, Some(&jar)), 200, "after a restart");

    // Signing out ends the session, here and for any server reading the database.
    let (status, cookies) = call!(
        &app,
        at::TestRequest::post()
            .uri("/en/logga-ut")
            .insert_header(("Origin", BASE))
            .insert_header(("Cookie", jar.clone()))
    );
    assert_eq!(status, 303);
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("varcat_session=;") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
    assert_eq!(sessions(&state), 0);
    assert_eq!(draft_page!(&app, Some(&jar)), 404, "signed out");
    let again = crate::app!(restarted(&state));
    assert_eq!(
        draft_page!(&again, Some(&jar)),
        404,
        "signed out, after a restart"
    );
}

#[actix_web::test]
async fn revoking_a_token_ends_its_sessions() {
    let (state, editor) = with_draft().await;
    let app = crate::app!(state.clone());
    let jar = sign_in!(&app, editor);
    assert_eq!(draft_page!(&app, Some(&jar)), 200);
    // `varcat token revoke` (another process, on the database).
    assert!(
        state
            .db
            .lock()
            .expect("db")
            .revoke_token("erik", "2026-12-02T00:00:00Z")
            .expect("revoke")
    );
    assert_eq!(sessions(&state), 0);
    let app = crate::app!(restarted(&state));
    assert_eq!(draft_page!(&app, Some(&jar)), 404);
}

#[actix_web::test]
async fn sign_in_and_out_refuse_forms_from_other_sites() {
    let (state, editor) = with_draft().await;
    let app = crate::app!(state.clone());
    for path in ["/logga-in", "/en/logga-in"] {
        for (name, value) in [
            ("Origin", "https://evil.example"),
            ("Origin", "null"),
            ("Referer", "https://evil.example/logga-in"),
        ] {
            let (status, cookies) = call!(
                &app,
                at::TestRequest::post()
                    .uri(path)
                    .insert_header((name, value))
                    .set_form([("token", editor.as_str())])
            );
            assert_eq!((status, cookies.len()), (403, 0), "{path} {name}: {value}");
        }
        // Neither header: refused too (browsers send Origin with every form post).
        let (status, cookies) = call!(
            &app,
            at::TestRequest::post()
                .uri(path)
                .set_form([("token", editor.as_str())])
        );
        assert_eq!((status, cookies.len()), (403, 0), "{path} without Origin");
    }
    assert_eq!(sessions(&state), 0, "no session was opened");
    // A Referer from this site will do when there is no Origin.
    let (status, _) = call!(
        &app,
        at::TestRequest::post()
            .uri("/logga-in")
            .insert_header(("Referer", format!("{BASE}/logga-in")))
            .set_form([("token", editor.as_str())])
    );
    assert_eq!(status, 303);
    let jar = sign_in!(&app, editor);
    for path in ["/logga-ut", "/en/logga-ut"] {
        let (status, cookies) = call!(
            &app,
            at::TestRequest::post()
                .uri(path)
                .insert_header(("Origin", "https://evil.example"))
                .insert_header(("Cookie", jar.clone()))
        );
        assert_eq!((status, cookies.len()), (403, 0), "{path}");
    }
    assert_eq!(sessions(&state), 2, "nobody was signed out");
    assert_eq!(draft_page!(&app, Some(&jar)), 200);
}

#[actix_web::test]
async fn a_signed_in_request_is_answered_while_a_write_holds_the_database() {
    let (state, editor) = with_draft().await;
    let app = crate::app!(state.clone());
    let jar = sign_in!(&app, editor);
    // A write holds the lock; this test's thread is also the server's only worker, so a
    // handler that waited on the lock would never return (the timeout only ends the test).
    let held = state.db.lock().expect("db");
    let answered = actix_web::rt::time::timeout(std::time::Duration::from_secs(60), async {
        draft_page!(&app, Some(&jar))
    })
    .await;
    drop(held);
    assert_eq!(answered.ok(), Some(200), "answered, as the editor it is");
}

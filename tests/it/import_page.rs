//! The import page without a port: only a signed-in editor reaches it; an upload shows a
//! preview field by field (or every bad cell) and writes nothing; the confirmation imports
//! it; a confirmation after the catalogue changed is refused with a fresh preview; a form
//! posted from another site imports nothing.

use actix_web::test as at;
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::support::BASE;
use crate::web::loaded_state;

const CHANGE: &str = "Identifierare,Namn,Definition\nkon,Kön,Administrativt kön (från sidan).\n";

fn token(state: &State) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, "anna", Role::Editor, "2026-12-01T10:00:00Z").expect("token")
}

macro_rules! page {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = String::from_utf8_lossy(&at::read_body(resp).await).into_owned();
        (status, headers, body)
    }};
}

macro_rules! sign_in {
    ($app:expr, $token:expr) => {{
        let (_, headers, _) = page!(
            $app,
            at::TestRequest::post()
                .uri("/logga-in")
                .insert_header(("Origin", BASE))
                .set_form([("token", $token.as_str())])
        );
        headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.split(';').next())
            .expect("signed in")
            .to_owned()
    }};
}

fn upload(cookie: &str, origin: &str, name: &str, content: &str) -> at::TestRequest {
    let b = "FormBoundary";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/csv\r\n\r\n{content}\r\n--{b}--\r\n"
    );
    at::TestRequest::post()
        .uri("/importera")
        .insert_header(("Cookie", cookie.to_owned()))
        .insert_header(("Origin", origin.to_owned()))
        .insert_header(("Content-Type", format!("multipart/form-data; boundary={b}")))
        .set_payload(body)
}

fn confirm(cookie: &str, id: &str) -> at::TestRequest {
    at::TestRequest::post()
        .uri("/importera/bekrafta")
        .insert_header(("Cookie", cookie.to_owned()))
        .insert_header(("Origin", BASE))
        .set_form([("id", id)])
}

/// The pending upload's id in a preview page.
fn pending_id(body: &str) -> String {
    let (_, rest) = body
        .split_once("name=\"id\" value=\"")
        .expect("a confirm form");
    rest.split('"').next().expect("id").to_owned()
}

#[actix_web::test]
async fn an_editor_previews_then_confirms_and_the_page_shows_the_change() {
    let state = loaded_state();
    let t = token(&state);
    let app = crate::app!(state);
    let (status, _, body) = page!(&app, at::TestRequest::get().uri("/importera"));
    assert_eq!(status, 401);
    assert!(
        !body.contains("type=\"file\""),
        "no form for anonymous users"
    );
    let (status, _, _) = page!(&app, upload("", BASE, "variabler.csv", CHANGE));
    assert_eq!(status, 401, "no upload without signing in");

    let cookie = sign_in!(&app, t);
    let (status, _, body) = page!(
        &app,
        at::TestRequest::get()
            .uri("/importera")
            .insert_header(("Cookie", cookie.clone()))
    );
    assert_eq!(status, 200);
    assert!(body.contains("type=\"file\""));

    let (status, _, body) = page!(&app, upload(&cookie, BASE, "variabler.csv", CHANGE));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Definition: "), "field-level preview: {body}");
    assert!(body.contains("från sidan"));
    let (_, _, kon) = page!(&app, at::TestRequest::get().uri("/variabel/kon"));
    assert!(
        !kon.contains("från sidan"),
        "nothing written before the confirmation"
    );

    let (status, _, body) = page!(&app, confirm(&cookie, &pending_id(&body)));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Importerat"), "{body}");
    let (_, _, kon) = page!(&app, at::TestRequest::get().uri("/variabel/kon"));
    assert!(kon.contains("från sidan"));
}

#[actix_web::test]
async fn bad_cells_are_listed_with_sheet_row_column_and_heading() {
    let state = loaded_state();
    let t = token(&state);
    let app = crate::app!(state);
    let cookie = sign_in!(&app, t);
    let bad = "Identifierare,Namn,Definition,Datatyp\nkon,Kön,X.,heltall\nny,Ny,Y.,flyttal\n";
    let (status, _, body) = page!(&app, upload(&cookie, BASE, "variabler.csv", bad));
    assert_eq!(status, 422);
    assert!(
        body.contains("<td>variabler</td><td>2</td><td>D (Datatyp)</td>"),
        "{body}"
    );
    assert!(
        body.contains("<td>variabler</td><td>3</td><td>D (Datatyp)</td>"),
        "{body}"
    );
    assert!(!body.contains("bekrafta"), "nothing to confirm");
}

#[actix_web::test]
async fn a_form_from_another_site_imports_nothing() {
    let state = loaded_state();
    let t = token(&state);
    let app = crate::app!(state.clone());
    let cookie = sign_in!(&app, t);
    let before = state.snapshot().revision;
    let (status, _, _) = page!(
        &app,
        upload(&cookie, "https://evil.example", "variabler.csv", CHANGE)
    );
    assert_eq!(status, 403);
    let (_, _, body) = page!(&app, upload(&cookie, BASE, "variabler.csv", CHANGE));
    let id = pending_id(&body);
    let forged = at::TestRequest::post()
        .uri("/importera/bekrafta")
        .insert_header(("Cookie", cookie.clone()))
        .insert_header(("Origin", "https://evil.example"))
        .set_form([("id", id.as_str())]);
    let (status, _, _) = page!(&app, forged);
    assert_eq!(status, 403);
    assert_eq!(state.snapshot().revision, before, "nothing was imported");
}

#[actix_web::test]
async fn a_preview_made_before_another_change_is_refused_with_a_fresh_one() {
    let state = loaded_state();
    let t = token(&state);
    let app = crate::app!(state.clone());
    let cookie = sign_in!(&app, t);
    let (_, _, body) = page!(&app, upload(&cookie, BASE, "variabler.csv", CHANGE));
    let stale = pending_id(&body);
    // Meanwhile, someone else changes the catalogue.
    let other = "Identifierare,Namn,Definition\nny,Ny,Ny variabel.\n";
    let (_, _, body) = page!(&app, upload(&cookie, BASE, "variabler.csv", other));
    page!(&app, confirm(&cookie, &pending_id(&body)));
    let (status, _, body) = page!(&app, confirm(&cookie, &stale));
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("Katalogen har ändrats sedan förhandsgranskningen"),
        "{body}"
    );
    let (_, _, kon) = page!(&app, at::TestRequest::get().uri("/variabel/kon"));
    assert!(
        !kon.contains("från sidan"),
        "the stale preview imported nothing"
    );
    // The fresh preview can be confirmed.
    let (status, _, body) = page!(&app, confirm(&cookie, &pending_id(&body)));
    assert_eq!(status, 200, "{body}");
    let (_, _, kon) = page!(&app, at::TestRequest::get().uri("/variabel/kon"));
    assert!(kon.contains("från sidan"));
}

//! `POST /api/import` and `GET /api/dump` without a port: an editor's token imports a file
//! (raw, or as a multipart form) with the rules and messages of `varcat import`, a dry run
//! writes nothing, a bad file answers 422 with every problem, and the pages show an import
//! at once.

use actix_web::test as at;
use serde_json::Value;
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::web::loaded_state;

macro_rules! send {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let bytes = at::read_body(resp).await;
        (status, bytes)
    }};
}

fn token(state: &State, name: &str, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, name, role, "2026-12-01T10:00:00Z").expect("token")
}

const CHANGE: &str = "Identifierare,Namn,Definition\nkon,Kön,Administrativt kön (via API).\n";

fn import(uri: &str, body: &'static str, token: Option<&str>) -> at::TestRequest {
    let mut r = at::TestRequest::post()
        .uri(uri)
        .insert_header(("Content-Type", "text/csv"))
        .set_payload(body);
    if let Some(t) = token {
        r = r.insert_header(("Authorization", format!("Bearer {t}")));
    }
    r
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or(Value::Null)
}

#[actix_web::test]
async fn an_editor_imports_a_file_and_the_page_shows_it_at_once() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let app = crate::app!(state.clone());

    let (status, _) = send!(&app, import("/api/import?name=variabler.csv", CHANGE, None));
    assert_eq!(status, 401, "no token");

    let (status, body) = send!(
        &app,
        import(
            "/api/import?name=variabler.csv&dry_run=true",
            CHANGE,
            Some(&editor)
        )
    );
    assert_eq!(status, 200);
    let report = json(&body);
    assert_eq!(report["outcome"], "dry-run");
    assert_eq!(report["items"][0]["item"], "variabel kon");
    let fields = report["items"][0]["fields"][0].as_str().unwrap_or_default();
    assert!(fields.starts_with("Definition: "), "{fields}");
    let (_, page) = send!(&app, at::TestRequest::get().uri("/variabel/kon"));
    assert!(
        !String::from_utf8_lossy(&page).contains("via API"),
        "a dry run writes nothing"
    );

    // The media type alone names the kind of file.
    let (status, body) = send!(&app, import("/api/import", CHANGE, Some(&editor)));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(json(&body)["outcome"], "applied");
    let (_, page) = send!(&app, at::TestRequest::get().uri("/variabel/kon"));
    assert!(String::from_utf8_lossy(&page).contains("via API"));
    let (_, hits) = send!(&app, at::TestRequest::get().uri("/sok?q=via+api"));
    assert!(String::from_utf8_lossy(&hits).contains("/variabel/kon"));
}

#[actix_web::test]
async fn a_multipart_form_imports_like_the_raw_file() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let app = crate::app!(state);
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"variabler.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{CHANGE}\r\n--{boundary}--\r\n"
    );
    let req = at::TestRequest::post()
        .uri("/api/import")
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        ))
        .insert_header(("Authorization", format!("Bearer {editor}")))
        .set_payload(body);
    let (status, body) = send!(&app, req);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(json(&body)["outcome"], "applied");
}

#[actix_web::test]
async fn a_bad_file_answers_422_with_every_problem_and_writes_nothing() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let app = crate::app!(state.clone());
    let bad = "Identifierare,Namn,Definition,Datatyp\nkon,Kön,X.,heltall\nny,Ny,Y.,flyttal\n";
    let before = state.snapshot().revision;
    let (status, body) = send!(
        &app,
        import("/api/import?name=variabler.csv", bad, Some(&editor))
    );
    assert_eq!(status, 422);
    let report = json(&body);
    assert_eq!(report["outcome"], "rejected");
    let texts: Vec<&str> = report["problems"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["text"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with("variabler!2:D: Datatyp:"), "{texts:?}");
    assert_eq!(state.snapshot().revision, before);
    let (status, _) = send!(&app, at::TestRequest::get().uri("/variabel/ny"));
    assert_eq!(status, 404);
}

#[actix_web::test]
async fn the_dump_is_for_editors_and_holds_everything() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let app = crate::app!(state);
    let (status, _) = send!(&app, at::TestRequest::get().uri("/api/dump"));
    assert_eq!(status, 401);
    let req = at::TestRequest::get()
        .uri("/api/dump")
        .insert_header(("Authorization", format!("Bearer {editor}")));
    let (status, body) = send!(&app, req);
    assert_eq!(status, 200);
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("/variabel/remissdatum>"),
        "N-Quads of the catalogue"
    );
}

//! The lifecycle through the API: the transitions a registrar may and may not make, the
//! history they leave, and a codebook's status change keeping its codes.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::Role;

use super::{SKR, bearer, new_variable, put, token};
use crate::web::loaded_state;

/// Posts a status change with the item's current ETag; returns status and body.
macro_rules! change_status {
    ($app:expr, $token:expr, $uri:expr, $to:expr) => {{
        let item_uri = $uri.trim_end_matches("/status");
        // Drafts are for editors: read the ETag with the token.
        let (_, headers, _) = send!(
            $app,
            at::TestRequest::get()
                .uri(item_uri)
                .insert_header(bearer($token))
        );
        let etag = headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let to: &str = $to;
        let (status, _, body) = send!(
            $app,
            at::TestRequest::post()
                .uri($uri)
                .insert_header(bearer($token))
                .insert_header(("If-Match", etag.as_str()))
                .set_json(json!({"status": to, "authority": SKR, "note": format!("till {to}")}))
        );
        (status, body)
    }};
}

#[actix_web::test]
async fn the_lifecycle_allows_and_refuses_transitions_and_keeps_the_history() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let registrar = token(&state, "rut", Role::Registrar);
    let app = crate::app!(state.clone());
    let (status, _, _) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &new_variable()).insert_header(bearer(&editor))
    );
    assert_eq!(status, 201);
    let uri = "/api/variabler/kroppsvikt/status";

    let (status, body) = change_status!(&app, &registrar, uri, "standard");
    assert_eq!(status, 409, "utkast → standard is refused: {body}");
    assert_eq!(body["allowed"], json!(["kandidat"]));
    assert!(
        body["detail"].as_str().unwrap_or("").contains("kandidat"),
        "{body}"
    );

    for to in [
        "kandidat",
        "utkast",
        "kandidat",
        "standard",
        "ersatt",
        "avregistrerad",
    ] {
        let (status, body) = change_status!(&app, &registrar, uri, to);
        assert_eq!(status, 200, "→ {to}: {body}");
        assert_eq!(body["status"], to);
    }
    let (status, body) = change_status!(&app, &registrar, uri, "standard");
    assert_eq!(status, 409, "{body}");
    assert!(
        body["detail"].as_str().unwrap_or("").contains("final"),
        "{body}"
    );

    // A stale ETag and a missing one.
    let (status, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/api/variabler/kon/status")
            .insert_header(bearer(&registrar))
            .insert_header(("If-Match", "\"stale\""))
            .set_json(json!({"status": "ersatt", "authority": SKR}))
    );
    assert_eq!(status, 409);
    let (status, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/api/variabler/kon/status")
            .insert_header(bearer(&registrar))
            .set_json(json!({"status": "ersatt", "authority": SKR}))
    );
    assert_eq!(status, 428);
    // An authority that is not in the catalogue, an unknown status word.
    let (_, headers, _) = send!(&app, at::TestRequest::get().uri("/api/variabler/kon"));
    let etag = headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    let (status, _, body) = send!(
        &app,
        at::TestRequest::post()
            .uri("/api/variabler/kon/status")
            .insert_header(bearer(&registrar))
            .insert_header(("If-Match", etag.as_str()))
            .set_json(json!({"status": "klar", "authority": "999999-9999"}))
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"].as_array().map(Vec::len), Some(2), "{body}");

    let changes = state
        .db
        .lock()
        .expect("db")
        .status_changes_for("https://varcat.test/variabel/kroppsvikt")
        .expect("changes");
    assert_eq!(changes.len(), 6);
    assert_eq!(
        (
            changes[0].from_status.as_str(),
            changes[0].to_status.as_str()
        ),
        ("ersatt", "avregistrerad")
    );
    assert_eq!(changes[0].actor, "rut");
    assert_eq!(changes[0].authority, SKR);
    assert_eq!(changes[0].note, "till avregistrerad");
    let statuses = state
        .db
        .lock()
        .expect("db")
        .audit(Some("https://varcat.test/variabel/kroppsvikt"), 100)
        .expect("audit")
        .iter()
        .filter(|e| e.action == "status")
        .count();
    assert_eq!(statuses, 6, "each status change is in the audit log");

    // The history page, in Swedish and English.
    for (uri, words) in [
        (
            "/variabel/kroppsvikt/historik",
            [
                "Historik",
                "avregistrerad",
                "rut",
                "Sveriges Kommuner och Regioner",
            ],
        ),
        (
            "/en/variabel/kroppsvikt/historik",
            ["History", "retired", "erik", "created"],
        ),
        (
            // The current status with each registration authority.
            "/variabel/kroppsvikt/historik",
            [
                "Status hos varje registreringsmyndighet",
                "<tr><th scope=\"row\">Sveriges Kommuner och Regioner (222000-0315)</th><td>avregistrerad</td>",
                "rut",
                "Historik",
            ],
        ),
    ] {
        let resp = at::call_service(&app, at::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(resp.status().as_u16(), 200, "{uri}");
        let html = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
        for w in words {
            assert!(html.contains(w), "{uri} lacks {w}");
        }
    }
    let resp = at::call_service(
        &app,
        at::TestRequest::get()
            .uri("/variabel/finns-inte/historik")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 404);
}

#[actix_web::test]
async fn a_codebook_status_change_keeps_its_codes() {
    // The server keeps no codes in memory; a write about a codebook must still carry them.
    let state = loaded_state();
    let registrar = token(&state, "rut", Role::Registrar);
    let app = crate::app!(state.clone());
    let (status, body) = change_status!(&app, &registrar, "/api/kodverk/kon/status", "ersatt");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ersatt");
    assert_eq!(body["codes"][1]["label"], "Kvinna", "{body}");
    let (_, _, kon) = send!(&app, at::TestRequest::get().uri("/api/kodverk/kon"));
    assert_eq!(kon["codes"].as_array().map(Vec::len), Some(2), "{kon}");
    let resp = at::call_service(
        &app,
        at::TestRequest::get()
            .uri("/kodverk/kon")
            .insert_header(("Accept", "text/html"))
            .to_request(),
    )
    .await;
    let html = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(
        html.contains("<code>2</code>") && html.contains("Kvinna"),
        "{html}"
    );
}

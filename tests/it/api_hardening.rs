//! Bad input through the JSON API (issue 10): a codebook PUT with a cycle of broader codes or a
//! dot-segment notation, control characters in a field or a status note. Each is refused
//! with 422 naming the field, and nothing is written.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};

use crate::web::loaded_state;

/// Sends a request; returns the status and the body as JSON (or Null).
macro_rules! call {
    ($app:expr, $req:expr $(,)?) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let bytes = at::read_body(resp).await;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, body)
    }};
}

fn bearer(t: &str) -> (&'static str, String) {
    ("Authorization", format!("Bearer {t}"))
}

/// The fields a 422 answer names.
fn fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn bad_codes_and_control_characters_are_refused_by_field() {
    let state = loaded_state();
    let (editor, registrar) = {
        let mut db = state.db.lock().expect("db");
        (
            tokens::create(&mut db, "erik", Role::Editor, "2026-12-01T10:00:00Z").expect("token"),
            tokens::create(&mut db, "rut", Role::Registrar, "2026-12-01T10:00:00Z").expect("token"),
        )
    };
    let app = crate::app!(state.clone());
    let code = |n: &str, b: &str| json!({"notation": n, "label": format!("Kod {n}"), "broader": b});
    let cycle = json!({
        "title": "Cykel",
        "codes": [code("1", "3"), code("2", "1"), code("3", "2"), code("..", "")]
    });
    let (status, body) = call!(
        &app,
        at::TestRequest::put()
            .uri("/api/kodverk/cykel")
            .insert_header(bearer(&editor))
            .set_json(&cycle),
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        fields(&body),
        ["codes[0].broader", "codes[3].notation"],
        "{body}"
    );

    let variable = json!({"name": "Kl\u{7}ocka", "definition": "Något", "datatype": "text"});
    let (status, body) = call!(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/klocka")
            .insert_header(bearer(&editor))
            .set_json(&variable),
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), ["name"], "{body}");

    let (status, body) = call!(&app, at::TestRequest::get().uri("/api/kodverk/kon"));
    assert_eq!(status, 200, "{body}");
    let etag = body["etag"].as_str().unwrap_or_default().to_owned();
    let (status, body) = call!(
        &app,
        at::TestRequest::post()
            .uri("/api/kodverk/kon/status")
            .insert_header(bearer(&registrar))
            .insert_header(("If-Match", etag.as_str()))
            .set_json(json!({"status": "ersatt", "note": "\u{1b}[2J"})),
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), ["note"], "{body}");
}

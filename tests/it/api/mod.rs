//! The JSON API without a port: reads without a token; writes with tokens and their roles
//! (401/403/200), nothing written when refused (401, 403, 409, 422, 428), an audit entry per
//! write, If-Match against stale ETags. The lifecycle is in `lifecycle`; tokens, the audit
//! log, the OpenAPI document and signing in are in `accounts`.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::web::loaded_state;

/// Sends a request; returns status, headers and the body as JSON (or Null).
macro_rules! send {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = at::read_body(resp).await;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, headers, body)
    }};
}

const STOCKHOLM: &str = "232100-0016";
/// The publisher, whose registrar sets the items' own statuses.
const SKR: &str = "222000-0315";

fn token(state: &State, name: &str, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, name, role, "2026-12-01T10:00:00Z").expect("token")
}

fn audit_count(state: &State) -> usize {
    state
        .db
        .lock()
        .expect("db")
        .audit(None, 10_000)
        .expect("audit")
        .len()
}

fn bearer(t: &str) -> (&'static str, String) {
    ("Authorization", format!("Bearer {t}"))
}

fn new_variable() -> Value {
    json!({
        "name": "Kroppsvikt",
        "name_en": "Body weight",
        "definition": "Patientens kroppsvikt i kilogram.",
        "datatype": "decimaltal",
        "unit": "kg",
        "min": "0",
        "owner": STOCKHOLM,
        "collections": ["kpp"]
    })
}

fn put(uri: &str, body: &Value) -> at::TestRequest {
    at::TestRequest::put().uri(uri).set_json(body)
}

mod accounts;
mod lifecycle;

#[actix_web::test]
async fn everything_reads_without_a_token_with_etags() {
    let app = crate::app!(loaded_state());
    let (status, headers, body) = send!(&app, at::TestRequest::get().uri("/api/variabler"));
    assert_eq!(status, 200);
    assert!(headers.get("etag").is_some());
    assert_eq!(body["count"], 45);
    assert!(
        body["items"][0]["etag"]
            .as_str()
            .is_some_and(|e| e.starts_with('"'))
    );
    for kind in [
        "kodverk",
        "anvandningsfall",
        "datainsamlingar",
        "organisationer",
        "problemomraden",
    ] {
        let (status, _, body) = send!(&app, at::TestRequest::get().uri(&format!("/api/{kind}")));
        assert_eq!(status, 200, "{kind}");
        assert!(
            body["count"].as_u64().is_some_and(|n| n > 0),
            "{kind}: {body}"
        );
    }
    let (status, headers, kon) = send!(&app, at::TestRequest::get().uri("/api/kodverk/kon"));
    assert_eq!(status, 200);
    assert_eq!(kon["title"], "Kön");
    assert_eq!(kon["codes"][0]["notation"], "1");
    assert_eq!(kon["codes"][0]["label"], "Man");
    let etag = headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag");
    assert_eq!(kon["etag"], etag);
    // The list gives each codebook with its codes and the same ETag as the item itself.
    let (_, _, books) = send!(&app, at::TestRequest::get().uri("/api/kodverk"));
    let listed = books["items"]
        .as_array()
        .and_then(|a| a.iter().find(|b| b["id"] == "kon"))
        .expect("kon listed");
    assert_eq!(listed["codes"], kon["codes"]);
    assert_eq!(listed["etag"], kon["etag"]);
    // A data collection's EHDS health categories are a list.
    let (_, _, kpp) = send!(&app, at::TestRequest::get().uri("/api/datainsamlingar/kpp"));
    assert_eq!(kpp["health_categories"], json!(["NRPE", "HRAD"]), "{kpp}");
    let (status, _, _) = send!(
        &app,
        at::TestRequest::get()
            .uri("/api/kodverk/kon")
            .insert_header(("If-None-Match", etag))
    );
    assert_eq!(status, 304);
    let (status, _, org) = send!(
        &app,
        at::TestRequest::get().uri("/api/organisationer/2321000016")
    );
    assert_eq!(status, 200);
    assert_eq!(org["name"], "Region Stockholm");
    let (status, _, problem) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/finns-inte")
    );
    assert_eq!(status, 404);
    assert_eq!(problem["status"], 404);
    let (status, _, _) = send!(&app, at::TestRequest::get().uri("/api/saker"));
    assert_eq!(status, 404);
}

#[actix_web::test]
async fn writes_need_a_valid_token_and_the_role_and_write_nothing_otherwise() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let registrar = token(&state, "rut", Role::Registrar);
    let app = crate::app!(state.clone());
    let before = audit_count(&state);

    let (status, headers, body) = send!(&app, put("/api/variabler/kroppsvikt", &new_variable()));
    assert_eq!(status, 401, "{body}");
    let challenge = headers
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok());
    assert_eq!(challenge, Some("Bearer realm=\"varcat\""));

    let (status, headers, _) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &new_variable()).insert_header(bearer("vc_0000"))
    );
    assert_eq!(status, 401);
    let challenge = headers
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(challenge.contains("invalid_token"), "{challenge}");

    // An editor may not change a status.
    let (_, headers, _) = send!(&app, at::TestRequest::get().uri("/api/variabler/kon"));
    let etag = headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    let change = json!({"status": "ersatt", "authority": STOCKHOLM, "note": "test"});
    let (status, _, body) = send!(
        &app,
        at::TestRequest::post()
            .uri("/api/variabler/kon/status")
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", etag.as_str()))
            .set_json(&change)
    );
    assert_eq!(status, 403, "{body}");
    assert!(
        body["detail"].as_str().unwrap_or("").contains("registrar"),
        "{body}"
    );

    assert_eq!(audit_count(&state), before, "nothing written on 401/403");
    let (status, _, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/kroppsvikt")
    );
    assert_eq!(status, 404, "not created");
    let (_, _, kon) = send!(&app, at::TestRequest::get().uri("/api/variabler/kon"));
    assert_eq!(kon["status"], "standard");

    // The editor's token creates; the registrar's token may do what an editor may.
    let (status, headers, body) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &new_variable()).insert_header(bearer(&editor))
    );
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/api/variabler/kroppsvikt")
    );
    assert_eq!(body["status"], "utkast", "new items start as drafts");
    let mut other = new_variable();
    other["name"] = json!("Längd");
    let (status, _, _) = send!(
        &app,
        put("/api/variabler/langd", &other).insert_header(bearer(&registrar))
    );
    assert_eq!(status, 201);
    assert_eq!(audit_count(&state), before + 2, "one audit entry per write");
}

#[actix_web::test]
async fn updates_need_the_current_etag_and_every_write_is_audited_and_served() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let app = crate::app!(state.clone());
    let (status, headers, created) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &new_variable()).insert_header(bearer(&editor))
    );
    assert_eq!(status, 201);
    let first = headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    assert_eq!(created["etag"], first);

    let mut changed = created.clone();
    changed["definition"] = json!("Patientens kroppsvikt i hela kilogram.");
    let (status, _, body) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &changed).insert_header(bearer(&editor))
    );
    assert_eq!(status, 428, "no If-Match: {body}");
    let (status, headers, body) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &changed)
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", first.as_str()))
    );
    assert_eq!(status, 200, "{body}");
    let second = headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    assert_ne!(first, second);
    assert_eq!(body["definition"], "Patientens kroppsvikt i hela kilogram.");

    // A second editor still holding the first ETag is refused; nothing is lost.
    let mut late = created.clone();
    late["unit"] = json!("g");
    let (status, _, body) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &late)
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", first.as_str()))
    );
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["current_etag"], second);
    // A new item is a draft: editors read it, everyone else gets 404.
    let (status, _, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/kroppsvikt")
    );
    assert_eq!(status, 404, "a draft is not public");
    let (_, _, now) = send!(
        &app,
        at::TestRequest::get()
            .uri("/api/variabler/kroppsvikt")
            .insert_header(bearer(&editor))
    );
    assert_eq!(now["unit"], "kg");
    assert_eq!(now["definition"], "Patientens kroppsvikt i hela kilogram.");

    let entries = state
        .db
        .lock()
        .expect("db")
        .audit(Some("https://varcat.test/variabel/kroppsvikt"), 10)
        .expect("audit");
    let actions: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str(), e.source.as_str()))
        .collect();
    assert_eq!(
        actions,
        [("changed", "erik", "api"), ("created", "erik", "api")]
    );
    assert!(
        entries[0]
            .before_nt
            .as_deref()
            .is_some_and(|nt| nt.contains("i kilogram"))
    );
    assert!(
        entries[0]
            .after_nt
            .as_deref()
            .is_some_and(|nt| nt.contains("hela kilogram"))
    );

    // Pages read the refreshed snapshot; a draft's page only for a signed-in editor.
    let session = crate::sessions::sign_in!(&app, editor);
    let page = |cookie: Option<&str>| {
        let mut r = at::TestRequest::get()
            .uri("/variabel/kroppsvikt")
            .insert_header(("Accept", "text/html"));
        if let Some(c) = cookie {
            r = r.insert_header(("Cookie", c.to_owned()));
        }
        r.to_request()
    };
    let resp = at::call_service(&app, page(None)).await;
    assert_eq!(resp.status().as_u16(), 404, "a draft is not public");
    let resp = at::call_service(&app, page(Some(session.as_str()))).await;
    assert_eq!(resp.status().as_u16(), 200);
    let html = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(html.contains("hela kilogram"), "the page shows the change");
}

#[actix_web::test]
async fn invalid_input_lists_every_problem_and_writes_nothing() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let app = crate::app!(state.clone());
    let before = audit_count(&state);
    let body = json!({
        "name": "",
        "definition": "Något",
        "datatype": "heltall",
        "owner": "12345",
        "collections": ["finns-inte"],
        "colour": "blå"
    });
    let (status, _, problem) = send!(
        &app,
        put("/api/variabler/trasig", &body).insert_header(bearer(&editor))
    );
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["colour"],
        "unknown fields are named first: {problem}"
    );
    let mut body = body;
    body.as_object_mut().expect("object").remove("colour");
    let (status, _, problem) = send!(
        &app,
        put("/api/variabler/trasig", &body).insert_header(bearer(&editor))
    );
    assert_eq!(status, 422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["datatype", "name", "owner"], "{problem}");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("not a known data type")
    );
    // A codebook whose code lacks a label, and the status changed through PUT.
    let (_, headers, mut kon) = send!(&app, at::TestRequest::get().uri("/api/kodverk/kon"));
    let etag = headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    kon["codes"][1]["label"] = json!("");
    kon["status"] = json!("utkast");
    let (status, _, problem) = send!(
        &app,
        put("/api/kodverk/kon", &kon)
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", etag.as_str()))
    );
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["codes[1].label", "status"], "{problem}");
    assert_eq!(audit_count(&state), before, "nothing written on 422");
    let (status, _, _) = send!(&app, at::TestRequest::get().uri("/api/variabler/trasig"));
    assert_eq!(status, 404);

    // Malformed JSON and a body over the limit.
    let (status, _, _) = send!(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/trasig")
            .insert_header(bearer(&editor))
            .insert_header(("Content-Type", "application/json"))
            .set_payload("{not json")
    );
    assert_eq!(status, 400);
    let big = json!({"name": "x".repeat(2 * 1024 * 1024), "definition": "d"});
    let (status, _, _) = send!(
        &app,
        put("/api/variabler/stor", &big).insert_header(bearer(&editor))
    );
    assert_eq!(status, 413);
    assert_eq!(audit_count(&state), before);
}

#[actix_web::test]
async fn get_then_put_of_an_unchanged_item_changes_nothing() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let app = crate::app!(state.clone());
    let before = audit_count(&state);
    for uri in [
        "/api/variabler/datum",
        "/api/kodverk/kon",
        "/api/anvandningsfall/vantetider",
        "/api/organisationer/232100-0016",
    ] {
        let (status, headers, item) = send!(&app, at::TestRequest::get().uri(uri));
        assert_eq!(status, 200, "{uri}");
        let etag = headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .expect("etag")
            .to_owned();
        let (status, headers, body) = send!(
            &app,
            put(uri, &item)
                .insert_header(bearer(&editor))
                .insert_header(("If-Match", etag.as_str()))
        );
        assert_eq!(status, 200, "{uri}: {body}");
        assert_eq!(
            headers.get("etag").and_then(|v| v.to_str().ok()),
            Some(etag.as_str())
        );
    }
    assert_eq!(audit_count(&state), before, "a no-op writes nothing");
}

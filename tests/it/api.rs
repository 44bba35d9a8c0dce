//! The JSON API without a port: reads without a token; writes with tokens and their roles
//! (401/403/200), nothing written when refused (401, 403, 409, 422, 428), an audit entry per
//! write, If-Match against stale ETags, the lifecycle, the history page, `varcat token` and
//! `varcat audit`, and the OpenAPI document checked by an independent validator.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::support::{Env, repo, stderr};
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

#[test]
fn token_create_prints_the_token_once_and_stores_only_its_hash() {
    let env = Env::new();
    let out = env.run_ok(&["token", "create", "--name", "anna", "--role", "registrar"]);
    let printed = String::from_utf8(out.stdout.clone()).expect("utf-8");
    let token = printed.trim();
    assert!(token.starts_with("vc_") && token.len() == 67, "{printed:?}");
    assert!(!stderr(&out).contains(token), "the token is printed once");

    let list = env.run_ok(&["token", "list"]);
    let listed = String::from_utf8(list.stdout).expect("utf-8");
    assert!(
        listed.contains("anna") && listed.contains("registrar"),
        "{listed}"
    );
    assert!(!listed.contains(token));

    let db_file = env.data().join("varcat.sqlite");
    let raw = std::fs::read(&db_file).expect("db file");
    let haystack = String::from_utf8_lossy(&raw);
    assert!(
        !haystack.contains(token),
        "the token itself is not in the database"
    );
    let mut db = varcat::db::Db::open(&db_file).expect("db");
    let stored = db.tokens().expect("tokens");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].token_hash, tokens::hash(token));

    let again = env.run(&["token", "create", "--name", "anna", "--role", "editor"]);
    assert!(!again.status.success(), "names are unique");
    env.run_ok(&["token", "revoke", "anna"]);
    assert!(tokens::authenticate(&mut db, token).expect("db").is_none());
    let bad = env.run(&["token", "create", "--name", "x", "--role", "admin"]);
    assert!(!bad.status.success());
}

#[test]
fn audit_lists_recent_entries_for_an_item() {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let out = env.run_ok(&["audit", "--limit", "5"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(
        text.contains("created") && text.contains("import #1"),
        "{text}"
    );
    let out = env.run_ok(&["audit", "--item", "/variabel/kon"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("variabel kon"), "{text}");
    let out = env.run_ok(&["audit", "--item", "/organisation/SE2321000016"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("organisation 232100-0016"), "{text}");
}

#[actix_web::test]
async fn the_openapi_document_is_served_and_validates() {
    let app = crate::app!(loaded_state());
    let (status, _, served) = send!(&app, at::TestRequest::get().uri("/api/openapi.json"));
    assert_eq!(status, 200);
    let file = repo().join("schemas/openapi.json");
    let on_disk: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("file")).expect("json");
    assert_eq!(served, on_disk);
    for path in [
        "/api/variabler",
        "/api/variabler/{id}",
        "/api/variabler/{id}/status",
        "/api/organisationer/{id}",
        "/api/import",
        "/api/dump",
    ] {
        assert!(served["paths"][path].is_object(), "{path} documented");
    }
    for code in ["401", "403", "409", "422", "428"] {
        assert!(
            served["paths"]["/api/kodverk/{id}"]["put"]["responses"][code].is_object(),
            "PUT documents {code}"
        );
    }
    // What the server requires, the document says: a codebook's title, a status (the
    // authority defaults to the token's).
    assert_eq!(
        served["components"]["schemas"]["Codebook"]["required"],
        json!(["title"])
    );
    assert_eq!(
        served["components"]["schemas"]["StatusChange"]["required"],
        json!(["status"])
    );
    assert!(
        served["paths"]["/api/kodverk/{id}/status"]["post"]["parameters"][0]["$ref"]
            .as_str()
            .is_some_and(|r| r.ends_with("/ifMatchRequired"))
    );
    let python = repo().join(".venv/bin/python");
    assert!(
        python.exists(),
        "openapi-spec-validator is not installed: run .ci/python-deps (make test does)"
    );
    let out = std::process::Command::new(python)
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .expect("run openapi-spec-validator");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The validator really checks: a broken copy fails.
    let tmp = tempfile::tempdir().expect("tmp");
    let broken = tmp.path().join("broken.json");
    let mut doc = on_disk;
    doc["paths"]["/api/variabler"]["get"]["responses"] = json!("none");
    std::fs::write(&broken, doc.to_string()).expect("write");
    let out = std::process::Command::new(repo().join(".venv/bin/python"))
        .args(["-m", "openapi_spec_validator"])
        .arg(&broken)
        .output()
        .expect("run");
    assert!(!out.status.success(), "a broken document fails");
}

#[actix_web::test]
async fn editors_sign_in_to_see_drafts_in_pages_and_search() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let app = crate::app!(state.clone());
    let (status, _, _) = send!(
        &app,
        put("/api/variabler/kroppsvikt", &new_variable()).insert_header(bearer(&editor))
    );
    assert_eq!(status, 201);
    // A wrong token: 401 and the form again, no cookie.
    let resp = at::call_service(
        &app,
        at::TestRequest::post()
            .uri("/logga-in")
            .insert_header(("Origin", crate::support::BASE))
            .set_form([("token", "vc_0000")])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 401);
    assert!(resp.headers().get("set-cookie").is_none());
    // The right one: a cookie only the server reads, and back to the start page.
    let resp = at::call_service(
        &app,
        at::TestRequest::post()
            .uri("/logga-in")
            .insert_header(("Origin", crate::support::BASE))
            .set_form([("token", editor.as_str())])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let jar = cookie.split(';').next().expect("pair").to_owned();
    let search = |with: Option<&str>| {
        let mut r = at::TestRequest::get().uri("/sok?q=kroppsvikt&status=utkast");
        if let Some(c) = with {
            r = r.insert_header(("Cookie", c.to_owned()));
        }
        r.to_request()
    };
    let body =
        |r| async move { String::from_utf8(at::read_body(r).await.to_vec()).expect("utf-8") };
    let anonymous = body(at::call_service(&app, search(None)).await).await;
    assert!(
        !anonymous.contains("/variabel/kroppsvikt"),
        "drafts are not public"
    );
    let signed_in = body(at::call_service(&app, search(Some(&jar))).await).await;
    assert!(
        signed_in.contains("href=\"/variabel/kroppsvikt\""),
        "an editor finds it"
    );
    let page = at::TestRequest::get()
        .uri("/en/variabel/kroppsvikt")
        .insert_header(("Cookie", jar.clone()))
        .to_request();
    let html = body(at::call_service(&app, page).await).await;
    assert!(html.contains("Draft"), "marked as a draft: {html}");
    let anon = at::TestRequest::get()
        .uri("/en/variabel/kroppsvikt")
        .to_request();
    assert_eq!(at::call_service(&app, anon).await.status().as_u16(), 404);
    let rdf = at::TestRequest::get()
        .uri("/variabel/kroppsvikt.ttl")
        .to_request();
    assert_eq!(at::call_service(&app, rdf).await.status().as_u16(), 404);
    // Nor do other pages name it: the collection's and the owner's lists, the matrix.
    for uri in [
        "/datainsamling/kpp",
        "/organisation/SE2321000016",
        "/matris",
        "/jamfor?id=kroppsvikt&id=kon",
    ] {
        let req = at::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept", "text/html"))
            .to_request();
        let html = body(at::call_service(&app, req).await).await;
        assert!(
            !html.contains("href=\"/variabel/kroppsvikt\""),
            "{uri} names a draft"
        );
    }
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

//! Improvement proposals (issue 14): every move of the workflow allowed and refused (roles,
//! If-Match missing and stale), bad proposals refused whole with every field named, applying
//! a decided proposal makes exactly the version it describes (the item's fields plus the
//! proposal's changes, the old version frozen, the proposal linked to the new one), drafts
//! and proposals on draft items for editors only, the pages and their forms, and the release
//! notes naming an applied proposal.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::support::BASE;
use crate::web::loaded_state;

#[macro_export]
macro_rules! send_json {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = at::read_body(resp).await;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (
            status,
            headers,
            body,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }};
}

pub const PROPOSER: &str = "232100-0016";
pub const NEW_DEFINITION: &str = "Datum då operationen för höftfrakturen påbörjades.";

pub fn token(state: &State, name: &str, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, name, role, "2026-12-01T10:00:00Z").expect("token")
}

pub fn bearer(t: &str) -> (&'static str, String) {
    ("Authorization", format!("Bearer {t}"))
}

fn proposal() -> Value {
    json!({
        "kind": "variabler",
        "id": "operationsdatum",
        "changes": { "definition": NEW_DEFINITION },
        "motivation": "Tydligare vad datumet avser.",
        "proposer": PROPOSER
    })
}

fn post(uri: &str, t: &str, body: &Value) -> at::TestRequest {
    at::TestRequest::post()
        .uri(uri)
        .insert_header(bearer(t))
        .set_json(body)
}

fn audit_count(state: &State) -> usize {
    let mut db = state.db.lock().expect("db");
    db.audit(None, 10_000).expect("audit").len()
}

#[actix_web::test]
async fn every_move_is_allowed_or_refused_and_applying_makes_exactly_the_described_version() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let registrar = token(&state, "socialstyrelsen", Role::Registrar);
    let app = crate::app!(state.clone());
    let (_, _, before, _) = send_json!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    assert_eq!(before["version"], "1.0");

    // No token: 401; a bad proposal: 422 naming every bad field, nothing recorded.
    let (status, _, _, _) = send_json!(
        &app,
        at::TestRequest::post()
            .uri("/api/forslag")
            .set_json(proposal())
    );
    assert_eq!(status, 401);
    let audits = audit_count(&state);
    let bad = json!({
        "kind": "variabler",
        "id": "operationsdatum",
        "changes": { "datatype": "heltall", "colour": "blå", "id": "annat" },
        "motivation": "",
        "proposer": "123"
    });
    let (status, _, body, _) = send_json!(&app, post("/api/forslag", &editor, &bad));
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    for f in ["changes.colour", "changes.id", "motivation", "proposer"] {
        assert!(fields.contains(&f), "{f} named: {body}");
    }
    let (status, _, body, _) = send_json!(
        &app,
        post(
            "/api/forslag",
            &editor,
            &json!({ "changes": { "datatype": "heltall" }, "kind": "variabler", "id": "operationsdatum", "motivation": "x", "proposer": PROPOSER })
        )
    );
    assert_eq!(
        status, 422,
        "the values are checked by the import's rules: {body}"
    );
    assert!(body["errors"][0]["field"] == "changes.datatype", "{body}");
    assert_eq!(audit_count(&state), audits, "nothing recorded");
    let (_, _, list, _) = send_json!(&app, at::TestRequest::get().uri("/api/forslag"));
    assert_eq!(list["count"], 0);

    // An editor proposes: 201, open, with the diff it would make.
    let (status, headers, p, _) = send_json!(&app, post("/api/forslag", &editor, &proposal()));
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["status"], "öppen");
    assert_eq!(p["number"], 1);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/api/forslag/1")
    );
    assert_eq!(audit_count(&state), audits + 1, "an audit entry");
    let (status, _, shown, _) = send_json!(&app, at::TestRequest::get().uri("/api/forslag/1"));
    assert_eq!(status, 200);
    let diff = shown["diff"].to_string();
    assert!(
        diff.contains("\"field\":\"definition\"") && diff.contains(NEW_DEFINITION),
        "{diff}"
    );
    assert!(
        diff.contains("\"field\":\"version\""),
        "a new version: {diff}"
    );
    let etag = |v: &Value| v["etag"].as_str().expect("etag").to_owned();
    let first = etag(&shown);

    // Comments: editors (and registrars), dated.
    let (status, _, c, _) = send_json!(
        &app,
        post(
            "/api/forslag/1/kommentar",
            &editor,
            &json!({ "text": "Bra förslag." })
        )
    );
    assert_eq!(status, 200, "{c}");
    assert_eq!(c["comments"][0]["text"], "Bra förslag.");
    assert_eq!(c["comments"][0]["by"], "anna");
    let (status, _, _, _) = send_json!(
        &app,
        post("/api/forslag/1/kommentar", &editor, &json!({ "text": "" }))
    );
    assert_eq!(status, 422);
    let now = etag(&c);
    assert_ne!(now, first, "a comment changes the ETag");

    let status_req = |t: &str, tag: Option<&str>, to: &str| {
        let mut r = post(
            "/api/forslag/1/status",
            t,
            &json!({ "status": to, "note": "Bereds." }),
        );
        if let Some(tag) = tag {
            r = r.insert_header(("If-Match", tag.to_owned()));
        }
        r
    };
    // An editor may not prepare or decide: 403.
    let (status, _, _, _) = send_json!(&app, status_req(&editor, Some(&now), "under beredning"));
    assert_eq!(status, 403);
    // No If-Match: 428; a stale one: 409 with the current ETag.
    let (status, _, _, _) = send_json!(&app, status_req(&registrar, None, "under beredning"));
    assert_eq!(status, 428);
    let (status, _, body, _) = send_json!(
        &app,
        status_req(&registrar, Some(&first), "under beredning")
    );
    assert_eq!(status, 409);
    assert_eq!(body["current_etag"], now.as_str());
    // A move the workflow does not allow: 409 naming the allowed ones.
    let (status, _, body, _) = send_json!(&app, status_req(&registrar, Some(&now), "beslutad"));
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["allowed"], json!(["under beredning"]));
    let (status, _, body, _) = send_json!(&app, status_req(&registrar, Some(&now), "klar"));
    assert_eq!(status, 422, "{body}");
    // A decided proposal cannot be applied before it is decided.
    let (status, _, _, _) = send_json!(
        &app,
        post("/api/forslag/1/tillampa", &registrar, &json!({}))
            .insert_header(("If-Match", now.clone()))
    );
    assert_eq!(status, 409);
    // öppen → under beredning → beslutad.
    let (status, _, p, _) = send_json!(&app, status_req(&registrar, Some(&now), "under beredning"));
    assert_eq!(status, 200, "{p}");
    let (status, _, p, _) = send_json!(&app, status_req(&registrar, Some(&etag(&p)), "beslutad"));
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["status"], "beslutad");
    assert_eq!(p["allowed_next"], json!([]));
    let (status, _, body, _) =
        send_json!(&app, status_req(&registrar, Some(&etag(&p)), "avslagen"));
    assert_eq!(status, 409, "beslutad is final: {body}");
    let decided = etag(&p);

    // Applying: a registrar's, with If-Match.
    let apply = |t: &str, tag: Option<&str>| {
        let mut r = post("/api/forslag/1/tillampa", t, &json!({}));
        if let Some(tag) = tag {
            r = r.insert_header(("If-Match", tag.to_owned()));
        }
        r
    };
    let (status, _, _, _) = send_json!(&app, apply(&editor, Some(&decided)));
    assert_eq!(status, 403);
    let (status, _, _, _) = send_json!(&app, apply(&registrar, None));
    assert_eq!(status, 428);
    let (status, _, _, _) = send_json!(&app, apply(&registrar, Some(&first)));
    assert_eq!(status, 409);
    let (_, _, still, _) = send_json!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    assert_eq!(still, before, "nothing applied by a refused request");
    let (status, _, p, _) = send_json!(&app, apply(&registrar, Some(&decided)));
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["applied_version"], "2.0");
    assert_eq!(
        p["applied_version_iri"],
        format!("{BASE}/variabel/operationsdatum/2.0")
    );

    // The new version is the item with exactly the proposal's changes (and its version).
    let (_, _, after, _) = send_json!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    let mut expected = before.clone();
    expected["definition"] = json!(NEW_DEFINITION);
    expected["version"] = json!("2.0");
    expected["etag"] = after["etag"].clone();
    assert_eq!(after, expected);
    // The old version is frozen at its own IRI.
    let (status, _, _, old) = send_json!(
        &app,
        at::TestRequest::get()
            .uri("/variabel/operationsdatum/1.0")
            .insert_header(("Accept", "text/html"))
    );
    assert_eq!(status, 200);
    assert!(
        old.contains("Datum då patienten opererades för höftfrakturen."),
        "frozen"
    );
    // Applied once only.
    let (status, _, _, _) = send_json!(&app, apply(&registrar, Some(&etag(&p))));
    assert_eq!(status, 409);
    // The audit log has the proposal's entries and the item's write.
    let mut db = state.db.lock().expect("db");
    let entries = db
        .audit(Some(&format!("{BASE}/forslag/1")), 100)
        .expect("audit");
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions.len(),
        5,
        "created, a comment, two moves, applied: {actions:?}"
    );
    for a in ["created", "changed", "status"] {
        assert!(actions.contains(&a), "{a}: {actions:?}");
    }
    let item = db
        .audit(Some(&format!("{BASE}/variabel/operationsdatum")), 10)
        .expect("audit");
    assert!(
        item.iter()
            .any(|e| e.actor == "socialstyrelsen" && e.action == "changed")
    );
}

#[actix_web::test]
async fn drafts_and_proposals_on_draft_items_are_for_signed_in_editors_only() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let app = crate::app!(state.clone());
    let mut draft = proposal();
    draft["draft"] = json!(true);
    let (status, _, p, _) = send_json!(&app, post("/api/forslag", &editor, &draft));
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["status"], "utkast");
    // A draft variable, and a proposal on it.
    let (status, _, _, _) = send_json!(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/kroppsvikt")
            .insert_header(bearer(&editor))
            .set_json(json!({ "name": "Kroppsvikt", "definition": "Kroppsvikt i kilogram.", "datatype": "decimaltal" }))
    );
    assert_eq!(status, 201);
    let mut on_draft = proposal();
    on_draft["id"] = json!("kroppsvikt");
    on_draft["changes"] = json!({ "unit": "kg" });
    let (status, _, p2, _) = send_json!(&app, post("/api/forslag", &editor, &on_draft));
    assert_eq!(status, 201, "{p2}");
    for n in [1, 2] {
        for uri in [
            format!("/api/forslag/{n}"),
            format!("/forslag/{n}"),
            format!("/en/forslag/{n}"),
        ] {
            let (status, _, _, _) = send_json!(&app, at::TestRequest::get().uri(&uri));
            assert_eq!(status, 404, "{uri} anonymously");
            let (status, _, _, _) = send_json!(
                &app,
                at::TestRequest::get()
                    .uri(&uri)
                    .insert_header(bearer(&editor))
            );
            assert_eq!(status, 200, "{uri} for an editor");
        }
    }
    let (_, _, list, _) = send_json!(&app, at::TestRequest::get().uri("/api/forslag"));
    assert_eq!(list["count"], 0, "{list}");
    let (_, _, list, _) = send_json!(
        &app,
        at::TestRequest::get()
            .uri("/api/forslag")
            .insert_header(bearer(&editor))
    );
    assert_eq!(list["count"], 2);
    let (_, _, _, page) = send_json!(&app, at::TestRequest::get().uri("/forslag"));
    assert!(!page.contains("/forslag/1\""), "not listed anonymously");
    // An editor opens the draft: then everyone sees it.
    let (status, _, p, _) = send_json!(
        &app,
        post(
            "/api/forslag/1/status",
            &editor,
            &json!({ "status": "öppen" })
        )
        .insert_header((
            "If-Match",
            p["etag"].as_str().unwrap_or_default().to_owned()
        ))
    );
    assert_eq!(status, 200, "{p}");
    let (status, _, _, _) = send_json!(&app, at::TestRequest::get().uri("/api/forslag/1"));
    assert_eq!(status, 200);
    let (_, _, list, _) = send_json!(
        &app,
        at::TestRequest::get()
            .uri("/api/forslag?status=open&item=variabel/operationsdatum&proposer=2321000016")
    );
    assert_eq!(list["count"], 1, "{list}");
    let (_, _, list, _) = send_json!(
        &app,
        at::TestRequest::get().uri("/api/forslag?status=beslutad")
    );
    assert_eq!(list["count"], 0);
    let (status, _, _, _) =
        send_json!(&app, at::TestRequest::get().uri("/api/forslag?status=klar"));
    assert_eq!(status, 400);
    // The item's page lists it.
    let (_, _, _, page) = send_json!(
        &app,
        at::TestRequest::get()
            .uri("/variabel/operationsdatum")
            .insert_header(("Accept", "text/html"))
    );
    assert!(
        page.contains("href=\"/forslag/1\""),
        "the item page lists its proposals"
    );
    let (_, _, _, page) = send_json!(
        &app,
        at::TestRequest::get()
            .uri("/variabel/kon")
            .insert_header(("Accept", "text/html"))
    );
    assert!(!page.contains("varcat:forslag"), "no marker left");
}

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

use crate::support::{BASE, Env, repo, stdout};
use crate::web::loaded_state;

macro_rules! send {
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

const PROPOSER: &str = "232100-0016";
const NEW_DEFINITION: &str = "Datum då operationen för höftfrakturen påbörjades.";

fn token(state: &State, name: &str, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, name, role, "2026-12-01T10:00:00Z").expect("token")
}

fn bearer(t: &str) -> (&'static str, String) {
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
    let (_, _, before, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    assert_eq!(before["version"], "1.0");

    // No token: 401; a bad proposal: 422 naming every bad field, nothing recorded.
    let (status, _, _, _) = send!(
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
    let (status, _, body, _) = send!(&app, post("/api/forslag", &editor, &bad));
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
    let (status, _, body, _) = send!(
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
    let (_, _, list, _) = send!(&app, at::TestRequest::get().uri("/api/forslag"));
    assert_eq!(list["count"], 0);

    // An editor proposes: 201, open, with the diff it would make.
    let (status, headers, p, _) = send!(&app, post("/api/forslag", &editor, &proposal()));
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["status"], "öppen");
    assert_eq!(p["number"], 1);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/api/forslag/1")
    );
    assert_eq!(audit_count(&state), audits + 1, "an audit entry");
    let (status, _, shown, _) = send!(&app, at::TestRequest::get().uri("/api/forslag/1"));
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
    let (status, _, c, _) = send!(
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
    let (status, _, _, _) = send!(
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
    let (status, _, _, _) = send!(&app, status_req(&editor, Some(&now), "under beredning"));
    assert_eq!(status, 403);
    // No If-Match: 428; a stale one: 409 with the current ETag.
    let (status, _, _, _) = send!(&app, status_req(&registrar, None, "under beredning"));
    assert_eq!(status, 428);
    let (status, _, body, _) = send!(
        &app,
        status_req(&registrar, Some(&first), "under beredning")
    );
    assert_eq!(status, 409);
    assert_eq!(body["current_etag"], now.as_str());
    // A move the workflow does not allow: 409 naming the allowed ones.
    let (status, _, body, _) = send!(&app, status_req(&registrar, Some(&now), "beslutad"));
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["allowed"], json!(["under beredning"]));
    let (status, _, body, _) = send!(&app, status_req(&registrar, Some(&now), "klar"));
    assert_eq!(status, 422, "{body}");
    // A decided proposal cannot be applied before it is decided.
    let (status, _, _, _) = send!(
        &app,
        post("/api/forslag/1/tillampa", &registrar, &json!({}))
            .insert_header(("If-Match", now.clone()))
    );
    assert_eq!(status, 409);
    // öppen → under beredning → beslutad.
    let (status, _, p, _) = send!(&app, status_req(&registrar, Some(&now), "under beredning"));
    assert_eq!(status, 200, "{p}");
    let (status, _, p, _) = send!(&app, status_req(&registrar, Some(&etag(&p)), "beslutad"));
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["status"], "beslutad");
    assert_eq!(p["allowed_next"], json!([]));
    let (status, _, body, _) = send!(&app, status_req(&registrar, Some(&etag(&p)), "avslagen"));
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
    let (status, _, _, _) = send!(&app, apply(&editor, Some(&decided)));
    assert_eq!(status, 403);
    let (status, _, _, _) = send!(&app, apply(&registrar, None));
    assert_eq!(status, 428);
    let (status, _, _, _) = send!(&app, apply(&registrar, Some(&first)));
    assert_eq!(status, 409);
    let (_, _, still, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    assert_eq!(still, before, "nothing applied by a refused request");
    let (status, _, p, _) = send!(&app, apply(&registrar, Some(&decided)));
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["applied_version"], "2.0");
    assert_eq!(
        p["applied_version_iri"],
        format!("{BASE}/variabel/operationsdatum/2.0")
    );

    // The new version is the item with exactly the proposal's changes (and its version).
    let (_, _, after, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    let mut expected = before.clone();
    expected["definition"] = json!(NEW_DEFINITION);
    expected["version"] = json!("2.0");
    expected["etag"] = after["etag"].clone();
    assert_eq!(after, expected);
    // The old version is frozen at its own IRI.
    let (status, _, _, old) = send!(
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
    let (status, _, _, _) = send!(&app, apply(&registrar, Some(&etag(&p))));
    assert_eq!(status, 409);
    // The audit log has the proposal's entries and the item's write.
    let mut db = state.db.lock().expect("db");
    let entries = db
        .audit(Some(&format!("{BASE}/forslag/1")), 100)
        .expect("audit");
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "proposal-created",
        "proposal-comment",
        "proposal-status",
        "proposal-applied",
    ] {
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
    let (status, _, p, _) = send!(&app, post("/api/forslag", &editor, &draft));
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["status"], "utkast");
    // A draft variable, and a proposal on it.
    let (status, _, _, _) = send!(
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
    let (status, _, p2, _) = send!(&app, post("/api/forslag", &editor, &on_draft));
    assert_eq!(status, 201, "{p2}");
    for n in [1, 2] {
        for uri in [
            format!("/api/forslag/{n}"),
            format!("/forslag/{n}"),
            format!("/en/forslag/{n}"),
        ] {
            let (status, _, _, _) = send!(&app, at::TestRequest::get().uri(&uri));
            assert_eq!(status, 404, "{uri} anonymously");
            let (status, _, _, _) = send!(
                &app,
                at::TestRequest::get()
                    .uri(&uri)
                    .insert_header(bearer(&editor))
            );
            assert_eq!(status, 200, "{uri} for an editor");
        }
    }
    let (_, _, list, _) = send!(&app, at::TestRequest::get().uri("/api/forslag"));
    assert_eq!(list["count"], 0, "{list}");
    let (_, _, list, _) = send!(
        &app,
        at::TestRequest::get()
            .uri("/api/forslag")
            .insert_header(bearer(&editor))
    );
    assert_eq!(list["count"], 2);
    let (_, _, _, page) = send!(&app, at::TestRequest::get().uri("/forslag"));
    assert!(!page.contains("/forslag/1\""), "not listed anonymously");
    // An editor opens the draft: then everyone sees it.
    let (status, _, p, _) = send!(
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
    let (status, _, _, _) = send!(&app, at::TestRequest::get().uri("/api/forslag/1"));
    assert_eq!(status, 200);
    let (_, _, list, _) = send!(
        &app,
        at::TestRequest::get()
            .uri("/api/forslag?status=open&item=variabel/operationsdatum&proposer=2321000016")
    );
    assert_eq!(list["count"], 1, "{list}");
    let (_, _, list, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/forslag?status=beslutad")
    );
    assert_eq!(list["count"], 0);
    let (status, _, _, _) = send!(&app, at::TestRequest::get().uri("/api/forslag?status=klar"));
    assert_eq!(status, 400);
    // The item's page lists it.
    let (_, _, _, page) = send!(
        &app,
        at::TestRequest::get()
            .uri("/variabel/operationsdatum")
            .insert_header(("Accept", "text/html"))
    );
    assert!(
        page.contains("href=\"/forslag/1\""),
        "the item page lists its proposals"
    );
    let (_, _, _, page) = send!(
        &app,
        at::TestRequest::get()
            .uri("/variabel/kon")
            .insert_header(("Accept", "text/html"))
    );
    assert!(!page.contains("varcat:forslag"), "no marker left");
}

macro_rules! sign_in {
    ($app:expr, $token:expr) => {{
        let (_, headers, _, _) = send!(
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

#[actix_web::test]
async fn the_pages_show_proposals_and_their_forms_go_through_the_same_rules() {
    let state = loaded_state();
    let registrar = token(&state, "socialstyrelsen", Role::Registrar);
    let app = crate::app!(state.clone());
    for uri in ["/forslag", "/en/forslag"] {
        let (status, _, _, page) = send!(&app, at::TestRequest::get().uri(uri));
        assert_eq!(status, 200, "{uri}");
        assert!(page.contains("<h1>"), "{uri}");
    }
    let (status, _, _, page) = send!(
        &app,
        at::TestRequest::get().uri("/forslag/ny?id=kon&id=kon-kv")
    );
    assert_eq!(status, 401);
    assert!(page.contains("logga-in"));
    let cookie = sign_in!(&app, registrar);
    let (status, _, _, page) = send!(
        &app,
        at::TestRequest::get()
            .uri("/forslag/ny?id=kon&id=kon-kv")
            .insert_header(("Cookie", cookie.clone()))
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("kon och kon-kv är samma information"),
        "{page}"
    );
    let form = [
        ("kind", "variabler"),
        ("id", "operationsdatum"),
        ("field_1", "definition"),
        ("value_1", "Datum <b>då</b> operationen påbörjades."),
        ("motivation", "Tydligare."),
        ("proposer", PROPOSER),
    ];
    // From another site: refused, nothing made.
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", "https://evil.test"))
            .set_form(form)
    );
    assert_eq!(status, 403);
    // Bad fields: the form again, every one named.
    let bad = [
        ("kind", "variabler"),
        ("id", "operationsdatum"),
        ("field_1", "colour"),
        ("value_1", "x"),
        ("motivation", ""),
        ("proposer", PROPOSER),
    ];
    let (status, _, _, page) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form(bad)
    );
    assert_eq!(status, 422);
    assert!(
        page.contains("changes.colour") && page.contains("motivation"),
        "{page}"
    );
    let (status, headers, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form(form)
    );
    assert_eq!(status, 303);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/forslag/1")
    );
    let (status, _, _, page) = send!(&app, at::TestRequest::get().uri("/forslag/1"));
    assert_eq!(status, 200);
    assert!(
        page.contains("Datum &#60;b&#62;då&#60;/b&#62;")
            || page.contains("Datum &lt;b&gt;då&lt;/b&gt;"),
        "escaped: {page}"
    );
    assert!(!page.contains("<b>då</b>"));
    // The forms: comment, move with the page's ETag, a stale ETag refused.
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/kommentar")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("text", "Ok.")])
    );
    assert_eq!(status, 303);
    let tag = |state: &State| {
        let mut db = state.db.lock().expect("db");
        let p = db.proposal(1).expect("db").expect("proposal");
        varcat::governance::proposals::etag(&p)
    };
    let stale = "\"forslag-1-1\"".to_owned();
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/status")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("status", "under beredning"), ("etag", stale.as_str())])
    );
    assert_eq!(status, 409);
    let now = tag(&state);
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/status")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("status", "under beredning"), ("etag", now.as_str())])
    );
    assert_eq!(status, 303);
    let now = tag(&state);
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/en/forslag/1/status")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("status", "beslutad"), ("etag", now.as_str())])
    );
    assert_eq!(status, 303);
    let (_, _, _, page) = send!(
        &app,
        at::TestRequest::get()
            .uri("/forslag/1")
            .insert_header(("Cookie", cookie.clone()))
    );
    assert!(
        page.contains("/forslag/1/tillampa"),
        "the apply form for a decided proposal"
    );
    let now = tag(&state);
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/tillampa")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("etag", now.as_str())])
    );
    assert_eq!(status, 303);
    let (_, _, v, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    assert_eq!(v["version"], "2.0");
    let (_, _, _, page) = send!(&app, at::TestRequest::get().uri("/en/forslag/1"));
    assert!(page.contains("Applied as version"), "{page}");
}

#[test]
fn release_notes_name_the_applied_proposal() {
    use varcat::governance::Caller;
    use varcat::governance::proposals::{self, ProposalRequest};
    let env = Env::new();
    env.import(&repo().join("catalog-data"));
    env.run_ok(&["release", "2026.1"]);
    {
        let iris = varcat::store::Iris::new(BASE).expect("base");
        let dir = varcat::config::DataDir::new(env.data());
        let mut ws = varcat::workspace::Workspace::open(&dir, iris).expect("open");
        let caller = Caller {
            name: "socialstyrelsen".into(),
            role: Role::Registrar,
            region: None,
        };
        let cat = ws.store.load_catalog().expect("catalog");
        let req = ProposalRequest {
            kind: "variabler".into(),
            id: "operationsdatum".into(),
            changes: serde_json::from_value(
                json!({ "definition": NEW_DEFINITION, "version": "1.1" }),
            )
            .expect("map"),
            motivation: "Tydligare.".into(),
            proposer: PROPOSER.into(),
            draft: false,
        };
        let iris = ws.store.iris().clone();
        let p = proposals::create(&mut ws.db, &iris, &cat, &caller, &req).expect("create");
        let mut p = p;
        for to in ["under beredning", "beslutad"] {
            let tag = proposals::etag(&p);
            p = proposals::move_to(&mut ws.db, &iris, &caller, p.id, to, "", Some(&tag))
                .expect("move");
        }
        let tag = proposals::etag(&p);
        let (p, _) = proposals::apply(&ws.store, &mut ws.db, &cat, &caller, p.id, Some(&tag))
            .expect("apply");
        assert_eq!(p.applied_version.as_deref(), Some("1.1"));
    }
    let out = env.run_ok(&["release", "2026.2"]);
    let notes = stdout(&out);
    assert!(
        notes.contains("Förslag 1 (232100-0016): variabel operationsdatum, version 1.1"),
        "{notes}"
    );
    assert!(notes.contains("definitionen ändrad"), "{notes}");
}

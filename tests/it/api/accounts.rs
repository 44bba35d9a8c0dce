//! Tokens, the audit log and sessions from outside the JSON API: `varcat token`, `varcat
//! audit`, the OpenAPI document checked by an independent validator, and editors signing in
//! to see drafts in pages and search.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};

use super::{bearer, new_variable, put, token};
use crate::support::{Env, repo, stderr};
use crate::web::loaded_state;

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

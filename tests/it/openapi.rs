//! The OpenAPI document against the running server: schemathesis (installed in `.venv` by
//! `.ci/python-deps`) generates requests from `schemas/openapi.json`, valid and invalid, sends
//! them to `varcat serve` on a loaded catalogue, anonymously and with a registrar's token, and
//! checks every answer against the document (status codes, headers, bodies, that valid input
//! is accepted and invalid refused, 405 for methods a path does not answer). Settings:
//! `tests/schemathesis.toml`. Also: unsupported methods get 405 with `Allow`.

use actix_web::test as at;

use crate::support::{Env, Served, repo, stdout};
use crate::web::loaded_state;

/// Examples per operation: enough to reach every answer, a run of some seconds.
const EXAMPLES: &str = "10";

fn schemathesis(served: &Served, token: Option<&str>) -> std::process::Output {
    let mut cmd = std::process::Command::new(repo().join(".venv/bin/schemathesis"));
    cmd.arg("--config-file")
        .arg(repo().join("tests/schemathesis.toml"))
        .arg("run")
        .arg(format!("{}/api/openapi.json", served.url))
        .args(["--max-examples", EXAMPLES, "--seed", "1", "--no-color"])
        // One worker: Python 3.11's parser is not safe for schemathesis's threads.
        .args(["--workers", "1"]);
    if let Some(t) = token {
        cmd.args(["-H", &format!("Authorization: Bearer {t}")]);
    }
    cmd.current_dir(std::env::temp_dir())
        .output()
        .expect("run schemathesis")
}

#[test]
fn the_server_answers_as_its_openapi_document_says() {
    if !repo().join(".venv/bin/schemathesis").exists() {
        eprintln!(
            "SKIPPED the_server_answers_as_its_openapi_document_says: schemathesis is not \
             installed in .venv; run .ci/python-deps (make test does)"
        );
        return;
    }
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let out = env.run_ok(&[
        "token",
        "create",
        "--name",
        "schemathesis",
        "--role",
        "registrar",
    ]);
    let token = stdout(&out).trim().to_owned();
    let served = Served::start(&env);
    for who in [None, Some(token.as_str())] {
        let out = schemathesis(&served, who);
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "schemathesis ({}) found failures:\n{report}\n{}",
            if who.is_some() {
                "with a token"
            } else {
                "anonymous"
            },
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(report.contains("passed"), "{report}");
    }
}

#[actix_web::test]
async fn methods_a_path_does_not_answer_get_405_with_allow() {
    let app = crate::app!(loaded_state());
    for (method, uri, allow) in [
        ("TRACE", "/api/variabler", "GET"),
        ("DELETE", "/api/variabler/kon", "GET, PUT"),
        ("GET", "/api/variabler/kon/status", "POST"),
        ("GET", "/api/import", "POST"),
        ("POST", "/api/dump", "GET"),
        ("PUT", "/api/openapi.json", "GET"),
    ] {
        let req = at::TestRequest::default()
            .method(method.parse().expect("method"))
            .uri(uri)
            .to_request();
        let resp = at::call_service(&app, req).await;
        assert_eq!(resp.status().as_u16(), 405, "{method} {uri}");
        assert_eq!(
            resp.headers().get("allow").and_then(|v| v.to_str().ok()),
            Some(allow),
            "{method} {uri}"
        );
        assert_eq!(
            resp.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
    }
}

#[actix_web::test]
async fn the_api_refuses_what_its_document_does_not_allow() {
    use serde_json::{Value, json};
    use varcat::governance::{Role, tokens};
    let state = loaded_state();
    let editor = {
        let mut db = state.db.lock().expect("db");
        tokens::create(&mut db, "erik", Role::Editor, "2026-12-01T10:00:00Z").expect("token")
    };
    let app = crate::app!(state);
    let call = |req: at::TestRequest| {
        let app = &app;
        async move {
            let resp = at::call_service(app, req.to_request()).await;
            let status = resp.status().as_u16();
            let kind = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let body: Value =
                serde_json::from_slice(&at::read_body(resp).await).unwrap_or_default();
            (status, kind, body)
        }
    };
    let put = |uri: &str, body: Value| {
        at::TestRequest::put()
            .uri(uri)
            .insert_header(("Authorization", format!("Bearer {editor}")))
            .set_json(body)
    };
    // A label is ignored beside a field of the kind only; a codebook has no data type.
    let (status, _, body) = call(put(
        "/api/kodverk/zq-ny",
        json!({ "title": "Nytt", "datatype_label": { "sv": "heltal", "en": "integer" } }),
    ))
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "datatype_label", "{body}");
    let (status, _, body) = call(put(
        "/api/kodverk/zq-ny",
        json!({ "title": "Nytt", "status_label": { "sv": "utkast", "en": "draft" } }),
    ))
    .await;
    assert_eq!(status, 201, "{body}");
    // An identifier with spaces around it is no item's address.
    let (status, kind, _) = call(at::TestRequest::get().uri("/api/variabler/%20kon")).await;
    assert_eq!((status, kind.as_str()), (404, "application/problem+json"));
    // An import with an unknown token is refused before its file is read.
    let (status, _, body) = call(
        at::TestRequest::post()
            .uri("/api/import")
            .insert_header(("Authorization", format!("Bearer vc_{}", "0".repeat(64))))
            .set_payload("no name, no media type"),
    )
    .await;
    assert_eq!(status, 401, "{body}");
    // A query string that does not parse is a problem document, as the document says.
    let (status, kind, body) = call(
        at::TestRequest::post()
            .uri("/api/import?dry_run=maybe")
            .insert_header(("Authorization", format!("Bearer {editor}")))
            .set_payload("x"),
    )
    .await;
    assert_eq!(
        (status, kind.as_str()),
        (400, "application/problem+json"),
        "{body}"
    );
}

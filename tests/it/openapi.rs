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

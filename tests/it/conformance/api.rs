//! `POST /api/efterlevnad`: 401 without a token, 403 for editors and registrars and for
//! another region's results, 422 listing every bad field, all-or-nothing; and
//! `varcat check --record --server URL --token T` sending its result there.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};

use super::{STOCKHOLM, UPPSALA, region_token, report, runs};
use crate::support::{Env, Served, repo, stderr, stdout};
use crate::web::loaded_state;

fn post(token: Option<&str>, body: &Value) -> at::TestRequest {
    let req = at::TestRequest::post()
        .uri("/api/efterlevnad")
        .set_json(body);
    match token {
        Some(t) => req.insert_header(("Authorization", format!("Bearer {t}"))),
        None => req,
    }
}

/// Sends a request; the status and the body as JSON (or Null).
macro_rules! send {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let body = at::read_body(resp).await;
        (
            status,
            serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null),
        )
    }};
}

#[actix_web::test]
async fn a_region_reports_its_own_results_only() {
    let state = loaded_state();
    let sthlm = region_token(&state, "sthlm", STOCKHOLM);
    let editor = {
        let mut db = state.db.lock().expect("db");
        tokens::create(&mut db, "eva", Role::Registrar, "2026-12-01T10:00:00Z").expect("token")
    };
    let app = crate::app!(state.clone());
    let body = report(STOCKHOLM, "2025-03", 2);

    let (status, _) = send!(&app, post(None, &body));
    assert_eq!(status, 401);
    let (status, problem) = send!(&app, post(Some(&editor), &body));
    assert_eq!(
        status, 403,
        "a registrar does not report a region's results"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("region")
    );
    let (status, problem) = send!(&app, post(Some(&sthlm), &report(UPPSALA, "2025-03", 0)));
    assert_eq!(status, 403, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains(UPPSALA),
        "{problem}"
    );
    assert!(runs(&state).is_empty(), "nothing was recorded");

    let mut synthetic = body.clone();
    synthetic["synthetic"] = json!(true);
    let (status, answer) = send!(&app, post(Some(&sthlm), &synthetic));
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["synthetic"], true);
    assert_eq!(answer["conformant"], false);
    let recorded = runs(&state);
    assert_eq!(recorded.len(), 1);
    let run = &recorded[0];
    assert_eq!(
        (run.region.as_str(), run.period.as_str(), run.actor.as_str()),
        (STOCKHOLM, "2025-03", "sthlm")
    );
    assert!(run.synthetic);
    assert_eq!(
        (run.row_count, run.failing_rows, run.unknown_columns),
        (40, 2, 1)
    );
    let results = state
        .db
        .lock()
        .expect("db")
        .conformance_results(run.id)
        .expect("results");
    assert!(
        results
            .iter()
            .any(|r| r.variable == "kon" && r.rule == "code" && r.failing == 2)
    );
}

#[actix_web::test]
async fn every_bad_field_is_listed_and_nothing_is_recorded() {
    let state = loaded_state();
    let sthlm = region_token(&state, "sthlm", STOCKHOLM);
    let app = crate::app!(state.clone());
    let mut body = report(STOCKHOLM, "2025-13", 2);
    body["collection"] = json!("patientregistret");
    body["failing_rows"] = json!(41);
    body["synthetic"] = json!("yes");
    body["extra"] = json!(1);
    body["variables"][0]["failed"] = json!(50);
    body["variables"][0]["rules"] = json!({"code": 2, "colour": 1});
    body["variables"][1]["id"] = json!("no-such-variable");
    body["missing_required"] = json!(["kon"]);
    let (status, problem) = send!(&app, post(Some(&sthlm), &body));
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    for f in [
        "period",
        "failing_rows",
        "synthetic",
        "extra",
        "variables[0].failed",
        "variables[0].rules.colour",
        "variables[1].id",
        "missing_required[0]",
    ] {
        assert!(fields.contains(&f), "{f} not in {fields:?}");
    }
    let mut unknown = report(STOCKHOLM, "2025-03", 0);
    unknown["collection"] = json!("nope");
    let (status, problem) = send!(&app, post(Some(&sthlm), &unknown));
    assert_eq!(status, 422, "{problem}");
    let (status, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/api/efterlevnad")
            .insert_header(("Authorization", format!("Bearer {sthlm}")))
            .set_payload("not json")
    );
    assert_eq!(status, 400);
    assert!(runs(&state).is_empty(), "nothing was recorded");
}

/// A region token is no editor: it does not see drafts nor write items.
#[actix_web::test]
async fn a_region_token_writes_no_items() {
    let state = loaded_state();
    let sthlm = region_token(&state, "sthlm", STOCKHOLM);
    let app = crate::app!(state.clone());
    let req = at::TestRequest::put()
        .uri("/api/variabler/kon")
        .insert_header(("Authorization", format!("Bearer {sthlm}")))
        .set_json(json!({"name": "Kön"}));
    let (status, _) = send!(&app, req);
    assert_eq!(status, 403);
}

/// `varcat token create --role region --region ORGNR`, then `varcat check --record --server`
/// sends the result to the running server, which records it for that region.
#[test]
fn check_record_server_sends_the_result() {
    let env = Env::new();
    env.import(&repo().join("catalog-data"));
    let out = env.run(&["token", "create", "--name", "sthlm", "--role", "region"]);
    assert!(!out.status.success(), "--role region needs --region");
    let out = env.run_ok(&[
        "token", "create", "--name", "sthlm", "--role", "region", "--region", STOCKHOLM,
    ]);
    let token = stdout(&out).trim().to_owned();
    let list = stdout(&env.run_ok(&["token", "list"]));
    assert!(list.contains(STOCKHOLM), "{list}");
    let served = Served::start(&env);
    let extract = repo().join("examples/extracts/patientregistret-region-a.csv");
    let args = |region: &'static str| {
        vec![
            "check".to_owned(),
            extract.to_string_lossy().into_owned(),
            "--collection".into(),
            "patientregistret".into(),
            "--record".into(),
            "--synthetic".into(),
            "--region".into(),
            region.into(),
            "--period".into(),
            "2025-01".into(),
            "--server".into(),
            served.url.clone(),
            "--token".into(),
            token.clone(),
        ]
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        env.run(&refs)
    };
    let out = run(args(UPPSALA));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("403"), "{}", stderr(&out));
    let out = run(args(STOCKHOLM));
    assert_eq!(out.status.code(), Some(1), "violations: {}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("sent the result for 232100-0016 patientregistret 2025-01 (synthetic)"),
        "{}",
        stderr(&out)
    );
    drop(served);
    let mut db = varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("db");
    let recorded = db.conformance_runs(10).expect("runs");
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].synthetic);
    assert_eq!(recorded[0].failing_rows, 6);
}

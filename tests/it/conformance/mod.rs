//! Conformance results in the catalogue: regions report with a `region` token
//! (`POST /api/efterlevnad`, `varcat check --record --server`), and the pages show them.

/// A region's report through `POST /api/efterlevnad`, which must be accepted (201). The
/// caller imports `actix_web::test as at`.
macro_rules! post {
    ($app:expr, $token:expr, $body:expr) => {{
        let req = at::TestRequest::post()
            .uri("/api/efterlevnad")
            .insert_header(("Authorization", format!("Bearer {}", $token)))
            .set_json($body);
        let resp = at::call_service($app, req.to_request()).await;
        assert_eq!(resp.status().as_u16(), 201);
    }};
}

mod api;
mod feed;
mod pages;

use serde_json::{Value, json};
use varcat::governance::tokens;
use varcat::web::State;

pub const STOCKHOLM: &str = "232100-0016";
pub const UPPSALA: &str = "232100-0024";

/// A region token for `region`.
pub fn region_token(state: &State, name: &str, region: &str) -> String {
    let mut db = state.db.lock().expect("db");
    let org = varcat::domain::OrgNr::parse(region).expect("orgnr");
    tokens::create_for_region(&mut db, name, &org, "2026-12-01T10:00:00Z").expect("token")
}

/// A report as `varcat check --json` prints it, with region and period: 40 rows of
/// patientregistret, `kon` failing on `failing` rows, `alder` conformant.
pub fn report(region: &str, period: &str, failing: u64) -> Value {
    json!({
        "region": region,
        "period": period,
        "collection": "patientregistret",
        "use_case": null,
        "rows": 40,
        "failing_rows": failing,
        "conformant": failing == 0,
        "variables": [
            {"id": "kon", "column": "KON", "checked": 40, "failed": failing,
             "rules": if failing > 0 { json!({"code": failing}) } else { json!({}) },
             "examples": [], "examples_by_rule": {}, "conditional_empty": 0},
            {"id": "alder", "column": "ALDER", "checked": 40, "failed": 0, "rules": {},
             "examples": [], "examples_by_rule": {}, "conditional_empty": 0}
        ],
        "unknown_columns": ["EGEN"],
        "missing_variables": [],
        "missing_required": [],
        "codebook_versions_by": null,
        "notes": []
    })
}

pub fn runs(state: &State) -> Vec<varcat::db::ConformanceRun> {
    state
        .db
        .lock()
        .expect("db")
        .conformance_runs(1000)
        .expect("runs")
}

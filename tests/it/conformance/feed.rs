//! The results in the HealthDCAT-AP feed as W3C DQV quality measurements on the dataset: a
//! new result shows at once (the ETag changes), synthetic results and results naming a draft
//! are left out, each measurement, its period and the metric dereference, and the feed still
//! passes the shapes.

use actix_web::test as at;
use serde_json::json;

use super::{STOCKHOLM, UPPSALA, region_token, report};
use crate::support::{BASE, repo};

/// GET as an RDF client (N-Triples), with an If-None-Match if given: status, ETag, body.
macro_rules! get {
    ($app:expr, $uri:expr, $etag:expr) => {{
        let mut req = at::TestRequest::get()
            .uri($uri)
            .insert_header(("Accept", "application/n-triples"));
        let etag: Option<&str> = $etag;
        if let Some(e) = etag {
            req = req.insert_header(("If-None-Match", e.to_owned()));
        }
        let resp = at::call_service($app, req.to_request()).await;
        let status = resp.status().as_u16();
        let etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = String::from_utf8_lossy(&at::read_body(resp).await).into_owned();
        (status, etag, body)
    }};
}

const MEASUREMENT: &str = "/datainsamling/patientregistret/efterlevnad/SE2321000016";
const METRIC: &str = "/matt/andel-rader-enligt-specifikationen";
const TYPE: &str = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
const DQV: &str = "http://www.w3.org/ns/dqv#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

#[actix_web::test]
async fn a_new_result_is_a_dqv_measurement_in_the_feed_at_once() {
    let state = crate::web::loaded_state();
    let sthlm = region_token(&state, "sthlm", STOCKHOLM);
    let upps = region_token(&state, "upps", UPPSALA);
    let app = crate::app!(state.clone());

    let (status, etag, body) = get!(&app, "/healthdcat.nt", None);
    assert_eq!(status, 200);
    assert!(
        body.contains(&format!("<{BASE}{METRIC}> {TYPE} <{DQV}Metric> .")),
        "the metric is described"
    );
    assert!(!body.contains("hasQualityMeasurement"), "no result yet");

    // 30 of 40 rows conform.
    post!(&app, &sthlm, &report(STOCKHOLM, "2025-01", 10));
    let (status, _, _) = get!(&app, "/healthdcat.nt", Some(etag.as_str()));
    assert_eq!(status, 200, "the kept feed is not current any more");
    let (_, etag2, body) = get!(&app, "/healthdcat.nt", None);
    assert_ne!(etag, etag2);
    let (status, _, _) = get!(&app, "/healthdcat.nt", Some(etag2.as_str()));
    assert_eq!(status, 304, "nothing new: the kept feed is current");
    let m = format!("<{BASE}{MEASUREMENT}>");
    for triple in [
        format!("<{BASE}/datainsamling/patientregistret> <{DQV}hasQualityMeasurement> {m} ."),
        format!("{m} {TYPE} <{DQV}QualityMeasurement> ."),
        format!("{m} <{DQV}isMeasurementOf> <{BASE}{METRIC}> ."),
        format!("{m} <{DQV}computedOn> <{BASE}/datainsamling/patientregistret> ."),
        format!("{m} <{DQV}value> \"0.7500\"^^<{XSD}decimal> ."),
        format!("{m} <{PROV}wasAttributedTo> <http://dataportal.se/organisation/SE2321000016> ."),
        format!("{m} <http://purl.org/dc/terms/temporal> <{BASE}/period/2025-01> ."),
        format!("<{BASE}/period/2025-01> {TYPE} <http://purl.org/dc/terms/PeriodOfTime> ."),
        format!(
            "<{BASE}/period/2025-01> <http://www.w3.org/ns/dcat#startDate> \"2025-01-01\"^^<{XSD}date> ."
        ),
        format!(
            "<{BASE}/period/2025-01> <http://www.w3.org/ns/dcat#endDate> \"2025-01-31\"^^<{XSD}date> ."
        ),
    ] {
        assert!(body.contains(&triple), "{triple}\n{body}");
    }
    assert!(body.contains(&format!("{m} <{PROV}generatedAtTime> ")));
    assert!(!body.contains("EGEN"), "aggregates only");
    // The DCAT-AP-SE feed has no measurements.
    let (_, _, se) = get!(&app, "/catalog.nt", None);
    assert!(!se.contains("QualityMeasurement"));

    // A later period replaces the earlier one; a synthetic result is left out.
    post!(&app, &sthlm, &report(STOCKHOLM, "2025-02", 0));
    let mut synthetic = report(UPPSALA, "2025-02", 0);
    synthetic["synthetic"] = json!(true);
    post!(&app, &upps, &synthetic);
    let (_, etag3, body) = get!(&app, "/healthdcat.nt", None);
    assert_ne!(etag2, etag3);
    assert!(
        body.contains(&format!("{m} <{DQV}value> \"1.0000\"^^<{XSD}decimal> .")),
        "{body}"
    );
    assert!(!body.contains("0.7500"));
    assert!(
        !body.contains("/efterlevnad/SE2321000024>"),
        "synthetic: left out\n{body}"
    );

    // The measurement, its period and the metric answer at their IRIs.
    for path in [
        MEASUREMENT.to_owned(),
        "/period/2025-02".to_owned(),
        METRIC.to_owned(),
    ] {
        let (status, _, body) = get!(&app, &path, None);
        assert_eq!(status, 200, "{path}");
        assert!(body.contains(&format!("<{BASE}{path}>")), "{path}: {body}");
    }
}

#[actix_web::test]
async fn a_result_naming_a_draft_variable_is_not_in_the_feed() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("variabler.csv"),
        "Identifierare,Namn,Definition,Datatyp,Datainsamlingar,Status\n\
         hemlig-utkast,Hemligt utkast,Ett utkast.,text,patientregistret,utkast\n",
    )
    .expect("write");
    let state = crate::web::state_from_all(&[&repo().join("catalog-data"), dir.path()]);
    let sthlm = region_token(&state, "sthlm", STOCKHOLM);
    let upps = region_token(&state, "upps", UPPSALA);
    let app = crate::app!(state.clone());
    let mut with_draft = report(STOCKHOLM, "2025-01", 4);
    with_draft["variables"].as_array_mut().expect("list").push(
        json!({"id": "hemlig-utkast", "column": "H", "checked": 40, "failed": 4,
                     "rules": {"format": 4}, "examples": [], "examples_by_rule": {},
                     "conditional_empty": 0}),
    );
    post!(&app, &sthlm, &with_draft);
    post!(&app, &upps, &report(UPPSALA, "2025-01", 4));
    let (_, _, body) = get!(&app, "/healthdcat.nt", None);
    assert!(
        body.contains("/efterlevnad/SE2321000024>"),
        "Uppsala's result is there\n{body}"
    );
    assert!(
        !body.contains(MEASUREMENT) && !body.contains("hemlig"),
        "a result counting a draft's rules is left out\n{body}"
    );
    let (status, _, _) = get!(&app, MEASUREMENT, None);
    assert_eq!(status, 404);
}

/// `varcat check --record` in another process than the one that exports the feed: the
/// result is in the exported feed, which still passes the HealthDCAT-AP shapes.
#[test]
fn a_recorded_check_is_in_the_exported_feed_which_passes_the_shapes() {
    let env = crate::support::Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let extract = repo().join("examples/extracts/rikshoft-region-c.csv");
    let out = env.run(&[
        "check",
        extract.to_str().expect("path"),
        "--collection",
        "rikshoft",
        "--record",
        "--region",
        STOCKHOLM,
        "--period",
        "2025-03",
    ]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        crate::support::stderr(&out)
    );
    let (text, violations) = crate::feeds::healthdcat_feed(&env);
    let unexpected: Vec<String> = violations
        .into_iter()
        .filter(|v| {
            !crate::feeds::HEALTH_KNOWN_GAPS
                .iter()
                .any(|g| v.contains(g))
        })
        .collect();
    assert_eq!(unexpected, Vec::<String>::new());
    assert!(text.contains("dqv:QualityMeasurement"), "{text}");
    assert!(
        text.contains(&format!("dct:temporal <{BASE}/period/2025-03>")),
        "{text}"
    );
}

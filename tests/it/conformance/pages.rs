//! The conformance pages: the matrix with the share written in each cell and "ingen rapport"
//! for regions that reported nothing, a use case's readiness, a variable's and a region's
//! detail, the SVG charts beside their tables, the CSV downloads, and the line on the
//! variable's page.

use actix_web::test as at;
use serde_json::json;

use super::{STOCKHOLM, UPPSALA, region_token, report};
use crate::web::loaded_state;

macro_rules! get {
    ($app:expr, $uri:expr) => {{
        let req = at::TestRequest::get()
            .uri($uri)
            .insert_header(("Accept", "text/html"));
        let resp = at::call_service($app, req.to_request()).await;
        let status = resp.status().as_u16();
        let ctype = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = String::from_utf8_lossy(&at::read_body(resp).await).into_owned();
        (status, ctype, body)
    }};
}

/// Stockholm reports `kon` for two periods (75 %, then 95 % from a synthetic extract);
/// Uppsala reports one period with 10 failing rows of 40 (75 %); the other 19 nothing.
#[actix_web::test]
async fn the_matrix_writes_each_share_and_no_report_is_not_zero() {
    let state = loaded_state();
    let sthlm = region_token(&state, "sthlm", STOCKHOLM);
    let upps = region_token(&state, "upps", UPPSALA);
    let app = crate::app!(state.clone());

    let (status, _, body) = get!(&app, "/efterlevnad");
    assert_eq!(status, 200);
    assert!(
        body.contains("Inga resultat är rapporterade ännu."),
        "{body:.300}"
    );
    let (_, _, body) = get!(&app, "/variabel/kon");
    assert!(
        !body.contains("levereras enligt"),
        "no line without results"
    );

    post!(&app, &sthlm, &report(STOCKHOLM, "2025-01", 10));
    let mut later = report(STOCKHOLM, "2025-03", 2);
    later["synthetic"] = json!(true);
    post!(&app, &sthlm, &later);
    post!(&app, &upps, &report(UPPSALA, "2025-03", 10));

    // The variable's page, kept from before the results, says it now (and again).
    for _ in 0..2 {
        let (_, _, body) = get!(&app, "/variabel/kon");
        assert!(
            body.contains("Levereras enligt specifikationen av 1 av 21 regioner"),
            "{body:.3000}"
        );
        assert!(body.contains("(syntetiska resultat)") && !body.contains("<!--varcat"));
    }

    let (status, _, body) = get!(&app, "/efterlevnad?datainsamling=patientregistret");
    assert_eq!(status, 200);
    assert_eq!(
        body.matches("<th scope=\"row\">").count(),
        21,
        "the 21 regions"
    );
    assert!(
        body.contains("95,0 % (syntetiskt)"),
        "the latest period, marked synthetic"
    );
    assert!(!body.contains(">75,0 %</a></td><td class=\"c-ok\">"));
    assert!(body.contains("75,0 %"), "Uppsala");
    assert!(
        body.contains("ingen rapport"),
        "the regions that reported nothing"
    );
    assert!(body.contains("syntetiska demouttag"), "the synthetic note");
    assert!(body.contains(&format!("href=\"/efterlevnad/{STOCKHOLM}/kon\"")));
    assert!(!body.contains(">0,0 %<"), "no report is never 0 %");

    let (status, _, body) = get!(&app, "/en/efterlevnad?datainsamling=patientregistret");
    assert_eq!(status, 200);
    assert!(body.contains("95.0% (synthetic)") && body.contains("no report"));

    // Readiness for a use case that requires kon and alder among others.
    let (status, _, body) = get!(&app, "/efterlevnad?anvandningsfall=vardfloden-hoftfraktur");
    assert_eq!(status, 200);
    assert!(body.contains("Redo: obligatoriska variabler enligt specifikationen (från 95,0 %)"));
    assert!(body.contains("/efterlevnad/diagram/anvandningsfall/vardfloden-hoftfraktur.svg"));
    let (status, ctype, svg) = get!(
        &app,
        "/efterlevnad/diagram/anvandningsfall/vardfloden-hoftfraktur.svg"
    );
    assert_eq!((status, ctype.as_str()), (200, "image/svg+xml"));
    assert!(svg.starts_with("<svg") && svg.contains("ingen rapport"));
    assert!(svg.contains(" av "), "N av M written in the chart");

    let (status, _, _) = get!(&app, "/efterlevnad?datainsamling=nope");
    assert_eq!(status, 404);

    // The CSV holds every region, "ingen rapport" for those without a report.
    let (status, ctype, csv) = get!(&app, "/efterlevnad.csv?datainsamling=patientregistret");
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    let kon: Vec<&str> = csv.lines().filter(|l| l.contains(",kon,")).collect();
    assert_eq!(kon.len(), 21, "{csv:.400}");
    assert!(
        kon.iter()
            .any(|l| l.starts_with(STOCKHOLM) && l.contains(",95.0,") && l.ends_with(",true"))
    );
    assert!(kon.iter().any(|l| l.contains(",ingen rapport,")));
}

#[actix_web::test]
async fn a_variable_and_a_region_have_their_detail_trend_and_line() {
    let state = loaded_state();
    let sthlm = region_token(&state, "sthlm", STOCKHOLM);
    let app = crate::app!(state.clone());
    post!(&app, &sthlm, &report(STOCKHOLM, "2025-01", 10));
    post!(&app, &sthlm, &report(STOCKHOLM, "2025-02", 0));

    let (_, _, body) = get!(&app, "/variabel/kon");
    assert!(
        body.contains("Levereras enligt specifikationen av 1 av 21 regioner"),
        "{body:.2000}"
    );
    for _ in 0..2 {
        let (_, _, body) = get!(&app, "/en/variabel/kon");
        assert!(body.contains("Delivered per specification by 1 of 21 regions"));
    }

    let (status, _, body) = get!(&app, "/efterlevnad/variabel/kon");
    assert_eq!(status, 200);
    assert!(body.contains("levereras enligt specifikationen av 1 av 21 regioner"));
    assert!(body.contains("100,0 %") && body.contains("ingen rapport"));
    let (_, ctype, svg) = get!(&app, "/efterlevnad/diagram/variabel/kon.svg");
    assert_eq!(ctype, "image/svg+xml");
    assert!(svg.contains("Region Stockholm") && svg.contains("100,0 %"));

    let (status, _, body) = get!(&app, &format!("/efterlevnad/{STOCKHOLM}/kon"));
    assert_eq!(status, 200);
    assert!(
        body.contains("2025-01") && body.contains("2025-02"),
        "the trend"
    );
    assert!(body.contains("75,0 %") && body.contains("100,0 %"));
    assert!(
        body.contains("Inga rader bröt mot någon regel."),
        "the latest period"
    );
    let (_, ctype, svg) = get!(&app, &format!("/efterlevnad/diagram/{STOCKHOLM}/kon.svg"));
    assert_eq!(ctype, "image/svg+xml");
    assert!(svg.contains("2025-02") && svg.contains("75,0 %"));
    let (_, _, csv) = get!(&app, &format!("/efterlevnad/{STOCKHOLM}/kon.csv"));
    assert_eq!(csv.lines().count(), 3, "heading and two periods: {csv}");

    // A region that reported nothing has no detail; neither has an unknown region.
    let (status, _, _) = get!(&app, &format!("/efterlevnad/{UPPSALA}/kon"));
    assert_eq!(status, 404);
    let (status, _, _) = get!(&app, "/efterlevnad/222000-0315/kon");
    assert_eq!(status, 404, "SKR is no region");
}

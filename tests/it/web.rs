//! HTTP without a port: the health endpoint and item IRIs answering with Turtle.

use actix_web::test;
use varcat::import::{Options, plan};
use varcat::store::Iris;
use varcat::web::State;
use varcat::workspace::{RunInfo, Workspace};

use crate::support::{BASE, repo};

pub fn settings(max_datasets: usize) -> varcat::feed::FeedSettings {
    varcat::feed::FeedSettings {
        publisher: varcat::domain::OrgNr::parse("222000-0315").expect("orgnr"),
        max_datasets,
    }
}

pub fn loaded_state() -> State {
    loaded_state_with(1000)
}

pub fn loaded_state_with(max_datasets: usize) -> State {
    state_from(&repo().join("catalog-data"), max_datasets)
}

/// A server state over an in-memory catalogue holding what `dir` (a file or folder
/// `varcat import` reads) imports to.
pub fn state_from(dir: &std::path::Path, max_datasets: usize) -> State {
    State::new(workspace_from(&[dir]).store, settings(max_datasets)).expect("catalogue snapshot")
}

/// A server state over what importing `dirs`, one after the other, gives.
pub fn state_from_all(dirs: &[&std::path::Path]) -> State {
    State::new(workspace_from(dirs).store, settings(1000)).expect("catalogue snapshot")
}

/// An in-memory workspace holding what importing `dirs`, one after the other, gives.
pub fn workspace_from(dirs: &[&std::path::Path]) -> Workspace {
    let mut ws = Workspace::in_memory(Iris::new(BASE).expect("base")).expect("workspace");
    for dir in dirs {
        import_into(&mut ws, dir);
    }
    ws
}

/// Imports `dir` (a file or folder `varcat import` reads) into `ws`, as the command would.
pub fn import_into(ws: &mut Workspace, dir: &std::path::Path) {
    let current = ws.store.load_catalog().expect("load");
    let p = plan(dir, &current, Options::default()).expect("the test content imports");
    let info = RunInfo {
        actor: "test".into(),
        source: dir.display().to_string(),
        started_at: varcat::workspace::now(),
    };
    let run = ws.start_run(&info).expect("run");
    ws.apply(run, &current, &p, &info, &|| {}).expect("apply");
}

/// The whole web application over `$state`, without a port (`crate::app!` in every module).
#[macro_export]
macro_rules! app {
    ($state:expr) => {
        actix_web::test::init_service(
            actix_web::App::new()
                .app_data(actix_web::web::Data::new($state))
                .wrap(varcat::web::security_headers())
                .configure(varcat::web::configure),
        )
        .await
    };
}

#[actix_web::test]
async fn health_reports_ok_and_counts() {
    let app = app!(loaded_state());
    let resp = test::call_service(&app, test::TestRequest::get().uri("/health").to_request()).await;
    assert!(resp.status().is_success());
    let body: serde_json::Value = test::read_body_json(resp).await;
    assert_eq!(body["status"], "ok");
    assert_eq!(body["counts"]["use_cases"], 4);
}

#[actix_web::test]
async fn item_iris_answer_with_turtle() {
    let app = app!(loaded_state());
    let resp = test::call_service(
        &app,
        test::TestRequest::get().uri("/variabel/datum").to_request(),
    )
    .await;
    assert!(resp.status().is_success());
    assert_eq!(
        resp.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/turtle; charset=utf-8")
    );
    assert_eq!(
        resp.headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    let body = String::from_utf8(test::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(body.contains("disco:RepresentedVariable"), "{body}");
    assert!(body.contains(&format!("<{BASE}/variabel/datum>")), "{body}");
}

#[actix_web::test]
async fn a_code_iri_answers_with_the_code_alone() {
    let app = app!(loaded_state());
    let resp = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/kodverk/icd-10-se/S72.0")
            .to_request(),
    )
    .await;
    assert!(resp.status().is_success());
    let body = String::from_utf8(test::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(body.contains("skos:broader"), "{body}");
    assert!(
        !body.contains("S72.1"),
        "only the code's own triples: {body}"
    );
}

#[actix_web::test]
async fn organisations_answer_under_the_base_too() {
    let app = app!(loaded_state());
    let resp = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/organisation/SE2220000315")
            .to_request(),
    )
    .await;
    assert!(resp.status().is_success());
    let body = String::from_utf8(test::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(
        body.contains("publishertype/NonProfitOrganisation"),
        "{body}"
    );
}

#[actix_web::test]
async fn unknown_paths_are_404_with_a_plain_message() {
    let app = app!(loaded_state());
    for uri in [
        "/variabel/finns-inte",
        "/nagot/annat",
        "/kodverk/kon/999",
        "/variabel/%3Cscript%3E",
    ] {
        let resp = test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(resp.status().as_u16(), 404, "{uri}");
        let body = String::from_utf8(test::read_body(resp).await.to_vec()).expect("utf-8");
        assert!(body.starts_with("Hittades inte / Not found"), "{body}");
    }
}

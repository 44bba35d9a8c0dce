//! A version whose name has characters a path must encode (`1.0 beta`): its frozen page, its
//! changes page and the links between them use the one encoded form of its IRI.

use actix_web::test as at;

#[actix_web::test]
async fn a_version_named_with_a_space_has_its_page_and_its_changes_at_one_encoded_path() {
    let state = crate::releases::remissdatum_in_two_versions(Some("1.0 beta"));
    let app = crate::app!(state);
    let get = |uri: &str| {
        at::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept", "text/html"))
            .to_request()
    };
    let page = at::call_service(&app, get("/variabel/remissdatum")).await;
    let page = String::from_utf8(at::read_body(page).await.to_vec()).expect("utf-8");
    assert!(
        page.contains("href=\"/variabel/remissdatum/1.0%20beta\""),
        "the item links its earlier version at the encoded path: {page}"
    );
    for (uri, text) in [
        (
            "/variabel/remissdatum/1.0%20beta",
            "/variabel/remissdatum/1.0%20beta/andringar",
        ),
        (
            "/variabel/remissdatum/1.0%20beta/andringar",
            "Ny definition av remissdatum.",
        ),
        (
            "/en/variabel/remissdatum/1.0%20beta/andringar",
            "Ny definition av remissdatum.",
        ),
    ] {
        let resp = at::call_service(&app, get(uri)).await;
        assert_eq!(resp.status().as_u16(), 200, "{uri}");
        let body = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
        assert!(body.contains(text), "{uri} has {text}: {body}");
    }
    let changes = at::call_service(&app, get("/variabel/remissdatum/1.0%20beta/andringar")).await;
    let changes = String::from_utf8(at::read_body(changes).await.to_vec()).expect("utf-8");
    assert!(
        changes.contains("href=\"/variabel/remissdatum/1.0%20beta\""),
        "the changes page links the version at its encoded path: {changes}"
    );
}

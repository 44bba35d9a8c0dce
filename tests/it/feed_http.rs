//! The feeds over HTTP as harvesters use them: the dataportal.se path and every format by
//! Accept or suffix, 406 with the offer, item IRIs by content negotiation, ETag and
//! Last-Modified (304), `modified_since`, IRIs from the base and not the Host header, the split
//! into sub-catalogues, gzip, and drafts and retired items kept out of the feeds and search.

use actix_web::{App, test as at, web};

use crate::support::BASE;
use crate::web::{loaded_state, loaded_state_with};

macro_rules! feed_app {
    ($state:expr) => {
        at::init_service(
            App::new()
                .app_data(web::Data::new($state))
                .wrap(actix_web::middleware::Compress::default())
                .configure(varcat::web::configure),
        )
        .await
    };
}

async fn body<B: actix_web::body::MessageBody>(resp: actix_web::dev::ServiceResponse<B>) -> String {
    String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8")
}

#[actix_web::test]
async fn dataportal_path_serves_rdf_xml_and_every_format_by_accept_or_suffix() {
    let app = feed_app!(loaded_state());
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/datasets/dcat").to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        resp.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/rdf+xml; charset=utf-8")
    );
    assert!(body(resp).await.contains("<rdf:RDF"));
    for (accept, ctype) in [
        ("text/turtle", "text/turtle; charset=utf-8"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        (
            "application/rdf+xml;q=0.5, text/turtle;q=0.9",
            "text/turtle; charset=utf-8",
        ),
    ] {
        let req = at::TestRequest::get()
            .uri("/datasets/dcat")
            .insert_header(("Accept", accept))
            .to_request();
        let resp = at::call_service(&app, req).await;
        assert_eq!(
            resp.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some(ctype),
            "{accept}"
        );
    }
    for (uri, ctype) in [
        ("/catalog.ttl", "text/turtle; charset=utf-8"),
        ("/catalog.rdf", "application/rdf+xml; charset=utf-8"),
        ("/catalog.jsonld", "application/ld+json"),
        ("/healthdcat.ttl", "text/turtle; charset=utf-8"),
        ("/kodverk/kon.rdf", "application/rdf+xml; charset=utf-8"),
        ("/kodverk/kon.jsonld", "application/ld+json"),
    ] {
        let resp = at::call_service(&app, at::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(resp.status().as_u16(), 200, "{uri}");
        assert_eq!(
            resp.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some(ctype),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn unacceptable_formats_get_406_with_the_offer() {
    let app = feed_app!(loaded_state());
    for uri in ["/datasets/dcat", "/variabel/datum"] {
        let req = at::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept", "image/png"))
            .to_request();
        let resp = at::call_service(&app, req).await;
        assert_eq!(resp.status().as_u16(), 406, "{uri}");
        let text = body(resp).await;
        assert!(
            text.contains("text/turtle, application/rdf+xml, application/ld+json"),
            "{text}"
        );
    }
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/catalog.pdf").to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 406);
}

#[actix_web::test]
async fn item_iris_negotiate_and_browsers_get_escaped_html() {
    let app = feed_app!(loaded_state());
    let req = at::TestRequest::get()
        .uri("/variabel/datum")
        .insert_header(("Accept", "application/rdf+xml"))
        .to_request();
    let resp = at::call_service(&app, req).await;
    assert_eq!(
        resp.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/rdf+xml; charset=utf-8")
    );
    let req = at::TestRequest::get()
        .uri("/variabel/datum")
        .insert_header(("Accept", "text/html,*/*;q=0.8"))
        .to_request();
    let resp = at::call_service(&app, req).await;
    assert_eq!(
        resp.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/html; charset=utf-8")
    );
    let html = body(resp).await;
    assert!(
        html.contains("<html lang=\"sv\">") && html.contains("<h1>Datum</h1>"),
        "{html}"
    );
}

#[actix_web::test]
async fn etag_and_last_modified_answer_304_and_change_with_the_content() {
    let state = loaded_state();
    let app = feed_app!(state.clone());
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/datasets/dcat").to_request(),
    )
    .await;
    let etag = resp
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    let lm = resp
        .headers()
        .get("last-modified")
        .and_then(|v| v.to_str().ok())
        .expect("last-modified")
        .to_owned();
    let again = at::TestRequest::get()
        .uri("/datasets/dcat")
        .insert_header(("If-None-Match", etag.as_str()))
        .to_request();
    let resp = at::call_service(&app, again).await;
    assert_eq!(resp.status().as_u16(), 304);
    assert!(body(resp).await.is_empty());
    let since = at::TestRequest::get()
        .uri("/datasets/dcat")
        .insert_header(("If-Modified-Since", lm.as_str()))
        .to_request();
    assert_eq!(at::call_service(&app, since).await.status().as_u16(), 304);
    // Same content, another format: another ETag.
    let ttl = at::call_service(
        &app,
        at::TestRequest::get().uri("/catalog.ttl").to_request(),
    )
    .await;
    assert_ne!(
        ttl.headers().get("etag").and_then(|v| v.to_str().ok()),
        Some(etag.as_str())
    );
    // Change one collection's title: the old ETag no longer matches.
    let mut cat = state.store.load_catalog().expect("load");
    let id = varcat::domain::Id::parse("kpp").expect("id");
    if let Some(c) = cat.collections.get_mut(&id) {
        c.title.sv.push_str(" (ändrad)");
    }
    let key = varcat::domain::ItemKey {
        kind: varcat::domain::ItemKind::Collection,
        id: "kpp".into(),
    };
    let changes = varcat::store::ChangeSet {
        catalog: &cat,
        upserts: vec![key],
        removals: Vec::new(),
    };
    state
        .store
        .apply(&changes, "2099-01-01T00:00:00Z", &|| {})
        .expect("apply");
    // A write commits, then the server's snapshot is refreshed (as every write path does).
    state.current.refresh().expect("refresh");
    let stale = at::TestRequest::get()
        .uri("/datasets/dcat")
        .insert_header(("If-None-Match", etag.as_str()))
        .to_request();
    let resp = at::call_service(&app, stale).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert!(body(resp).await.contains("(ändrad)"));
}

#[actix_web::test]
async fn item_iris_answer_304_too() {
    let app = feed_app!(loaded_state());
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/kodverk/kon").to_request(),
    )
    .await;
    let etag = resp
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    let req = at::TestRequest::get()
        .uri("/kodverk/kon")
        .insert_header(("If-None-Match", etag.as_str()))
        .to_request();
    assert_eq!(at::call_service(&app, req).await.status().as_u16(), 304);
}

#[actix_web::test]
async fn modified_since_filters_datasets() {
    let app = feed_app!(loaded_state());
    let all = body(
        at::call_service(
            &app,
            at::TestRequest::get()
                .uri("/catalog.nt?modified_since=2000-01-01")
                .to_request(),
        )
        .await,
    )
    .await;
    let none = body(
        at::call_service(
            &app,
            at::TestRequest::get()
                .uri("/catalog.nt?modified_since=2999-01-01T00:00:00Z")
                .to_request(),
        )
        .await,
    )
    .await;
    let dataset =
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>";
    assert_eq!(all.matches(dataset).count(), 5);
    assert_eq!(none.matches(dataset).count(), 0);
    let resp = at::call_service(
        &app,
        at::TestRequest::get()
            .uri("/catalog.ttl?modified_since=ig%C3%A5r")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(body(resp).await.contains("modified_since"));
}

#[actix_web::test]
async fn iris_come_from_the_base_not_the_host_header() {
    let app = feed_app!(loaded_state());
    let req = at::TestRequest::get()
        .uri("/catalog.nt")
        .insert_header(("Host", "evil.example"))
        .insert_header(("X-Forwarded-Host", "evil.example"))
        .insert_header(("X-Forwarded-Proto", "http"))
        .to_request();
    let text = body(at::call_service(&app, req).await).await;
    assert!(text.contains(&format!("<{BASE}/katalog>")));
    assert!(!text.contains("evil.example"));
}

#[actix_web::test]
async fn large_catalogues_split_into_sub_catalogues() {
    let app = feed_app!(loaded_state_with(2));
    let top =
        body(at::call_service(&app, at::TestRequest::get().uri("/katalog.nt").to_request()).await)
            .await;
    let has_part =
        format!("<{BASE}/katalog> <http://purl.org/dc/terms/hasPart> <{BASE}/katalog/del/");
    assert_eq!(top.matches(&has_part).count(), 3, "{top}");
    assert!(!top.contains("<http://www.w3.org/ns/dcat#dataset>"));
    let mut seen = 0;
    for n in 1..=3 {
        let part = body(
            at::call_service(
                &app,
                at::TestRequest::get()
                    .uri(&format!("/katalog/del/{n}.nt"))
                    .to_request(),
            )
            .await,
        )
        .await;
        seen += part.matches("<http://www.w3.org/ns/dcat#dataset>").count();
    }
    assert_eq!(seen, 5);
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/katalog/del/4").to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 404);
}

#[actix_web::test]
async fn feeds_are_gzipped_when_asked() {
    let app = feed_app!(loaded_state());
    let req = at::TestRequest::get()
        .uri("/datasets/dcat")
        .insert_header(("Accept-Encoding", "gzip"))
        .to_request();
    let resp = at::call_service(&app, req).await;
    assert_eq!(
        resp.headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("gzip")
    );
}

#[actix_web::test]
async fn drafts_and_retired_items_stay_out_of_the_feeds_and_search() {
    use varcat::domain::{Id, ItemKey, ItemKind, Status};
    let state = loaded_state();
    let app = feed_app!(state.clone());
    let get = |uri: &'static str| at::TestRequest::get().uri(uri).to_request();
    let health = body(at::call_service(&app, get("/healthdcat.nt")).await).await;
    let var = format!("<{BASE}/variabel/operationsdatum>");
    let profile = format!("<{BASE}/anvandningsfall/vardfloden-hoftfraktur>");
    assert!(health.contains(&var), "published first");
    let dcat = body(at::call_service(&app, get("/catalog.nt")).await).await;
    assert!(dcat.contains(&profile));

    let mut cat = state.store.load_catalog().expect("load");
    if let Some(v) = cat
        .variables
        .get_mut(&Id::parse("operationsdatum").expect("id"))
    {
        v.status = Status::Draft;
    }
    if let Some(u) = cat
        .use_cases
        .get_mut(&Id::parse("vardfloden-hoftfraktur").expect("id"))
    {
        u.status = Status::Retired;
    }
    let upserts = vec![
        ItemKey {
            kind: ItemKind::Variable,
            id: "operationsdatum".into(),
        },
        ItemKey {
            kind: ItemKind::UseCase,
            id: "vardfloden-hoftfraktur".into(),
        },
    ];
    let changes = varcat::store::ChangeSet {
        catalog: &cat,
        upserts,
        removals: Vec::new(),
    };
    state
        .store
        .apply(&changes, "2099-01-01T00:00:00Z", &|| {})
        .expect("apply");
    state.current.refresh().expect("refresh");

    let health = body(at::call_service(&app, get("/healthdcat.nt")).await).await;
    assert!(!health.contains(&var), "a draft is not in the health feed");
    let dcat = body(at::call_service(&app, get("/catalog.nt")).await).await;
    assert!(!dcat.contains(&profile), "a retired use case is no profile");
    let csv =
        body(at::call_service(&app, get("/datainsamling/rikshoft/variabler.csv")).await).await;
    assert!(!csv.contains("operationsdatum"), "nor in the distribution");
    let found = body(at::call_service(&app, get("/sok?q=operationsdatum")).await).await;
    assert!(
        !found.contains("href=\"/variabel/operationsdatum\""),
        "nor in default search"
    );
    // A retired item keeps its page.
    let page = at::TestRequest::get()
        .uri("/anvandningsfall/vardfloden-hoftfraktur")
        .insert_header(("Accept", "text/html"))
        .to_request();
    assert_eq!(at::call_service(&app, page).await.status().as_u16(), 200);
}

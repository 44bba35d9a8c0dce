//! Every IRI under the base IRI that a feed or an item document names dereferences: `GET`
//! answers (RDF when asked for RDF, HTML for a browser), and `HEAD` gives the same status and
//! headers, so link checkers and harvesters find no broken link.

use std::collections::BTreeSet;

use super::support::OwnAddress;

/// The IRIs under `base` in an N-Triples document.
fn iris_under(base: &str, ntriples: &str) -> BTreeSet<String> {
    ntriples
        .split(['<', '>'])
        .filter(|s| s.starts_with(base))
        .map(str::to_owned)
        .collect()
}

fn get_nt(served: &OwnAddress, path: &str) -> String {
    let ((status, body), _) = served.request("GET", path, "application/n-triples");
    assert_eq!(status, 200, "{path}");
    String::from_utf8(body).expect("utf-8")
}

#[test]
fn every_iri_the_feeds_and_item_documents_name_dereferences_by_get_and_head() {
    let served = OwnAddress::start(2);
    let base = served.url.clone();
    let mut todo: BTreeSet<String> = BTreeSet::new();
    for feed in ["/catalog.nt", "/healthdcat.nt", "/datasets/dcat?page=1"] {
        todo.extend(iris_under(&base, &get_nt(&served, feed)));
    }
    // The item documents the feeds name, and what they name in turn (one level).
    let items: Vec<String> = todo.iter().cloned().collect();
    for iri in &items {
        let ((status, body), _) =
            served.request("GET", &iri[base.len()..], "application/n-triples");
        if status == 200 {
            todo.extend(iris_under(&base, &String::from_utf8_lossy(&body)));
        }
    }
    let mut failures = Vec::new();
    for iri in &todo {
        let path = iri[base.len()..].to_owned();
        let path = if path.is_empty() {
            "/".to_owned()
        } else {
            path
        };
        for accept in ["text/turtle", "text/html"] {
            let (got, headers) = served.request("GET", &path, accept);
            let (head, head_headers) = served.request("HEAD", &path, accept);
            if !(200..400).contains(&got.0) {
                failures.push(format!("GET {path} ({accept}): {}", got.0));
            } else if head.0 != got.0 || head_headers != headers {
                failures.push(format!(
                    "HEAD {path} ({accept}): {} {head_headers:?} ≠ GET {} {headers:?}",
                    head.0, got.0
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} IRIs fail:\n{}",
        failures.len(),
        todo.len(),
        failures.join("\n")
    );
}

#[test]
fn head_answers_like_get_on_pages_downloads_the_api_static_files_and_the_favicon() {
    let served = OwnAddress::start(100);
    for path in [
        "/",
        "/datasets/dcat",
        "/healthdcat",
        "/api/variabler",
        "/static/varcat.css",
        "/favicon.ico",
        "/favicon.svg",
        "/kodverk/kon.csv",
        "/kodverk/kon.xlsx",
        "/datainsamling/kpp/variabler.csv",
        "/finns-inte",
    ] {
        let (got, headers) = served.request("GET", path, "*/*");
        let (head, head_headers) = served.request("HEAD", path, "*/*");
        let expected = if path == "/finns-inte" { 404 } else { 200 };
        assert_eq!(got.0, expected, "GET {path}");
        assert_eq!((head.0, &head_headers), (got.0, &headers), "HEAD {path}");
        assert!(head.1.is_empty(), "HEAD {path} sends no body");
    }
    let ((_, icon), headers) = served.request("GET", "/favicon.ico", "*/*");
    assert!(headers.contains(&"content-type: image/svg+xml".to_owned()));
    assert!(String::from_utf8_lossy(&icon).starts_with("<svg"));
    let ((_, page), _) = served.request("GET", "/", "text/html");
    assert!(String::from_utf8_lossy(&page).contains(r#"<link rel="icon" href="/favicon.svg""#));
}

#[test]
fn a_browser_at_the_catalogue_iri_is_sent_to_the_start_page_and_a_harvester_gets_rdf() {
    let served = OwnAddress::start(2);
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    for path in ["/katalog", "/katalog/del/1"] {
        let ((status, _), headers) = served.request("GET", path, browser);
        assert_eq!(status, 303, "{path}");
        assert!(headers.contains(&"location: /".to_owned()), "{headers:?}");
        let ((status, body), headers) = served.request("GET", path, "text/turtle");
        assert_eq!(status, 200, "{path}");
        assert!(
            headers
                .iter()
                .any(|h| h.starts_with("content-type: text/turtle"))
        );
        assert!(String::from_utf8_lossy(&body).contains("dcat:Catalog"));
    }
    let ((status, _), _) = served.request("GET", "/katalog.ttl", browser);
    assert_eq!(status, 200, "a suffix asks for the file itself");
}

#[test]
fn pages_and_item_documents_refuse_other_methods_with_405_and_allow() {
    let served = OwnAddress::start(100);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for path in [
        "/",
        "/variabel/kon",
        "/kodverk/kon.ttl",
        "/matris",
        "/finns-inte",
    ] {
        for method in ["TRACE", "DELETE", "POST", "PUT"] {
            let req = ureq::http::Request::builder()
                .method(method)
                .uri(format!("{}{path}", served.url))
                .body(())
                .expect("request");
            let resp = agent.run(req).expect("answer");
            assert_eq!(resp.status().as_u16(), 405, "{method} {path}");
            let allow = resp.headers().get("allow").and_then(|v| v.to_str().ok());
            assert_eq!(allow, Some("GET, HEAD"), "{method} {path}");
        }
    }
}

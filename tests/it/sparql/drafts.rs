//! Drafts never appear in a SPARQL answer: `visibility`'s catalogue (a draft variable,
//! codebook and use case, each referenced from public items, and a draft frozen version)
//! asked for every way we know, anonymously and by a signed-in editor.

use std::time::Duration;

use actix_web::test as at;

use super::{limits, percent};
use crate::support::BASE;

/// Every draft IRI of `visibility`'s catalogue, and the IRIs inside the drafts.
const DRAFT_IRIS: &[&str] = &[
    "/variabel/zz-hemlig-variabel",
    "/kodverk/zz-hemligt-kodverk",
    "/anvandningsfall/zz-hemligt-fall",
    "/variabel/zz-byter/1.0",
];

/// What an answer must not contain: the drafts' texts and IRIs.
fn leaks(body: &str) -> Vec<String> {
    let lower = body.to_lowercase();
    let mut out = Vec::new();
    if lower.contains(crate::visibility::MARKER) {
        out.push("a draft's text".to_owned());
    }
    for d in DRAFT_IRIS {
        if body.contains(&format!("{BASE}{d}")) {
            out.push((*d).to_owned());
        }
    }
    out
}

#[actix_web::test]
async fn drafts_never_appear_in_any_answer() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (state, token) = crate::visibility::state(tmp.path());
    let state = state.with_sparql_limits(limits(|l| {
        l.max_rows = 10_000_000;
        l.max_bytes = 1 << 30;
        l.timeout = Duration::from_secs(120);
    }));
    let app = crate::app!(state);
    let mut queries: Vec<String> = vec![
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }".into(),
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }".into(),
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }".into(),
        "SELECT * FROM NAMED <urn:x> WHERE { GRAPH ?g { ?s ?p ?o } }".into(),
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(CONTAINS(LCASE(CONCAT(STR(?s), ' ', STR(?p), ' ', STR(?o))), 'zqx') || CONTAINS(STR(?s), 'zz-hemlig') || CONTAINS(STR(?o), 'zz-hemlig') || CONTAINS(STR(?s), 'zz-byter/1.0') || CONTAINS(STR(?o), 'zz-byter/1.0')) }".into(),
        "SELECT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } UNION { GRAPH ?x { } } }".into(),
    ];
    for d in DRAFT_IRIS {
        let iri = format!("<{BASE}{d}>");
        queries.extend([
            format!("DESCRIBE {iri}"),
            format!("CONSTRUCT {{ {iri} ?p ?o }} WHERE {{ {iri} ?p ?o }}"),
            format!("SELECT * WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}"),
            format!("SELECT * FROM {iri} WHERE {{ ?s ?p ?o }}"),
            format!("SELECT * FROM NAMED {iri} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
            format!("SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {iri} }} }}"),
            format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ {{ {iri} ?p ?o }} UNION {{ ?s ?p {iri} }} }}"
            ),
        ]);
        for ask in [
            format!("ASK {{ {iri} ?p ?o }}"),
            format!("ASK {{ ?s ?p {iri} }}"),
            format!("ASK {{ GRAPH {iri} {{ }} }}"),
            format!("ASK {{ ?s ?p ?o FILTER(STRSTARTS(STR(?o), STR({iri}))) }}"),
            format!("ASK {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR({iri}))) }}"),
        ] {
            for tok in [None, Some(token.as_str())] {
                let mut req =
                    at::TestRequest::get().uri(&format!("/sparql?query={}", percent(&ask)));
                if let Some(t) = tok {
                    req = req.insert_header(("Authorization", format!("Bearer {t}")));
                }
                let (status, _, body) = send!(&app, req);
                assert_eq!(status, 200, "{ask}: {body}");
                assert!(
                    body.contains("\"boolean\":false"),
                    "{ask} (token {}): {body}",
                    tok.is_some()
                );
            }
        }
    }
    for q in &queries {
        for accept in [
            "application/sparql-results+json",
            "text/csv",
            "application/sparql-results+xml",
            "application/n-triples",
            "application/ld+json",
        ] {
            // A signed-in editor asks the same published content.
            for tok in [None, Some(token.as_str())] {
                let mut req = at::TestRequest::get()
                    .uri(&format!("/sparql?query={}", percent(q)))
                    .insert_header(("Accept", accept));
                if let Some(t) = tok {
                    req = req.insert_header(("Authorization", format!("Bearer {t}")));
                }
                let (status, _, body) = send!(&app, req);
                if status == 406 {
                    continue; // CSV of a graph, N-Triples of a table
                }
                assert_eq!(status, 200, "{q}: {body}");
                let found = leaks(&body);
                assert!(found.is_empty(), "{q} as {accept} shows {found:?}");
            }
        }
    }
    // The protocol's dataset naming a draft's graph reaches nothing.
    for d in DRAFT_IRIS {
        let extra = format!(
            "&default-graph-uri={0}&named-graph-uri={0}",
            percent(&format!("{BASE}{d}"))
        );
        let (status, _, body) = ask!(
            &app,
            "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
            Some("text/csv"),
            &extra
        );
        assert_eq!(status, 200, "{body}");
        assert_eq!(body.lines().count(), 1, "no rows from {d}: {body}");
    }
    // The public items that referred to the drafts are there, without the references.
    for (q, want) in [
        (
            format!("ASK {{ <{BASE}/variabel/zz-offentlig-variabel> ?p ?o }}"),
            true,
        ),
        (
            format!("ASK {{ <{BASE}/anvandningsfall/vardplatser> ?p ?o }}"),
            true,
        ),
        (format!("ASK {{ <{BASE}/variabel/zz-byter> ?p ?o }}"), true),
        (
            format!(
                "ASK {{ <{BASE}/anvandningsfall/vardplatser/variabel/zz-hemlig-variabel> ?p ?o }}"
            ),
            false,
        ),
    ] {
        let (_, _, body) = ask!(&app, &q, None);
        assert!(body.contains(&format!("\"boolean\":{want}")), "{q}: {body}");
    }
}

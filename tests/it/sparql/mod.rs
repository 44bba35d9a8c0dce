//! The public SPARQL endpoint (`/sparql`): the SPARQL 1.1 Protocol (GET, both POST forms, the
//! dataset parameters), every answer format by Accept and 406 for others, the published
//! content only — the drafts of `visibility` (a variable, a codebook, a use case, a draft
//! frozen version, each referenced from public items) asked for every way we know, also by a
//! signed-in editor —, updates refused, and the limits: time, rows, bytes, query length.

use std::time::Duration;

use actix_web::test as at;
use varcat::web::sparql::Limits;

use crate::support::BASE;
use crate::web::loaded_state;

/// (status, content type, body) of a GET of `/sparql` with `query` and `accept`.
macro_rules! ask {
    ($app:expr, $query:expr, $accept:expr) => {
        ask!($app, $query, $accept, "")
    };
    ($app:expr, $query:expr, $accept:expr, $extra:expr) => {{
        let q = percent($query);
        let mut req = at::TestRequest::get().uri(&format!("/sparql?query={q}{}", $extra));
        let accept: Option<&str> = $accept;
        if let Some(a) = accept {
            req = req.insert_header(("Accept", a));
        }
        send!($app, req)
    }};
}

macro_rules! send {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let ct = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = String::from_utf8_lossy(&at::read_body(resp).await).into_owned();
        (status, ct, body)
    }};
}

/// `s` percent-encoded for a query string.
pub(super) fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const VARIABLES: &str = "SELECT ?v ?namn WHERE { ?v a <http://rdf-vocabulary.ddialliance.org/discovery#RepresentedVariable> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?namn } ORDER BY ?v LIMIT 3";

#[actix_web::test]
async fn select_ask_and_construct_answer_in_every_format() {
    let app = crate::app!(loaded_state());
    for (accept, ct, has) in [
        (None, "application/sparql-results+json", "\"bindings\""),
        (
            Some("application/sparql-results+json"),
            "application/sparql-results+json",
            "\"namn\"",
        ),
        (
            Some("application/sparql-results+xml"),
            "application/sparql-results+xml",
            "<sparql",
        ),
        (Some("text/csv"), "text/csv", "v,namn\r\n"),
        (
            Some("text/tab-separated-values"),
            "text/tab-separated-values",
            "?v\t?namn\n",
        ),
    ] {
        let (status, got, body) = ask!(&app, VARIABLES, accept);
        assert_eq!(status, 200, "{accept:?}: {body}");
        assert!(got.starts_with(ct), "{accept:?}: {got}");
        assert!(body.contains(has), "{accept:?}: {body}");
        assert!(
            body.contains(&format!("{BASE}/variabel/")),
            "{accept:?}: {body}"
        );
    }
    let json: serde_json::Value = {
        let (_, _, body) = ask!(&app, VARIABLES, None);
        serde_json::from_str(&body).expect("SPARQL JSON")
    };
    assert_eq!(
        json["results"]["bindings"].as_array().map(Vec::len),
        Some(3)
    );
    let kon = format!("ASK {{ <{BASE}/variabel/kon> ?p ?o }}");
    for (accept, has) in [
        (None, "\"boolean\":true"),
        (
            Some("application/sparql-results+xml"),
            "<boolean>true</boolean>",
        ),
    ] {
        let (status, _, body) = ask!(&app, &kon, accept);
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(has), "{accept:?}: {body}");
    }
    let construct = format!(
        "CONSTRUCT {{ <{BASE}/variabel/kon> ?p ?o }} WHERE {{ <{BASE}/variabel/kon> ?p ?o }}"
    );
    for (accept, ct, has) in [
        (None, "text/turtle", "variabel/kon"),
        (Some("text/turtle"), "text/turtle", "variabel/kon"),
        (
            Some("application/n-triples"),
            "application/n-triples",
            &format!("<{BASE}/variabel/kon> "),
        ),
        (
            Some("application/rdf+xml"),
            "application/rdf+xml",
            "rdf:Description",
        ),
        (
            Some("application/ld+json"),
            "application/ld+json",
            "\"@id\"",
        ),
    ] {
        let (status, got, body) = ask!(&app, &construct, accept);
        assert_eq!(status, 200, "{accept:?}: {body}");
        assert!(got.starts_with(ct), "{accept:?}: {got}");
        assert!(body.contains(has), "{accept:?}: {body}");
    }
    // DESCRIBE answers with the item's triples.
    let (status, _, body) = ask!(
        &app,
        &format!("DESCRIBE <{BASE}/variabel/kon>"),
        Some("application/n-triples")
    );
    assert_eq!(status, 200);
    assert!(body.contains(&format!("<{BASE}/variabel/kon> ")), "{body}");
}

#[actix_web::test]
async fn formats_not_offered_get_406() {
    let app = crate::app!(loaded_state());
    let (status, _, body) = ask!(&app, VARIABLES, Some("image/png"));
    assert_eq!(status, 406);
    assert!(body.contains("text/csv"), "the offers are listed: {body}");
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1";
    let (status, _, _) = ask!(&app, construct, Some("text/csv"));
    assert_eq!(status, 406, "CSV is for SELECT answers");
    let (status, _, _) = ask!(&app, "ASK {}", Some("text/turtle"));
    assert_eq!(status, 406, "Turtle is for graphs");
}

#[actix_web::test]
async fn post_with_a_query_body_or_a_form() {
    let app = crate::app!(loaded_state());
    let req = at::TestRequest::post()
        .uri("/sparql")
        .insert_header(("Content-Type", "application/sparql-query"))
        .insert_header(("Accept", "text/csv"))
        .set_payload(VARIABLES);
    let (status, ct, body) = send!(&app, req);
    assert_eq!(status, 200, "{body}");
    assert!(ct.starts_with("text/csv"));
    assert_eq!(body.lines().count(), 4, "a heading and three rows: {body}");
    let form = format!("query={}", percent(VARIABLES));
    let req = at::TestRequest::post()
        .uri("/en/sparql")
        .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
        .insert_header(("Accept", "application/sparql-results+json"))
        .set_payload(form);
    let (status, _, body) = send!(&app, req);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"bindings\""));
    // The protocol's dataset: one item's graph as the default graph.
    let g = format!("{BASE}/variabel/kon");
    let form = format!(
        "query={}&default-graph-uri={}",
        percent("SELECT DISTINCT ?s WHERE { ?s ?p ?o }"),
        percent(&g)
    );
    let req = at::TestRequest::post()
        .uri("/sparql")
        .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
        .insert_header(("Accept", "text/csv"))
        .set_payload(form);
    let (status, _, body) = send!(&app, req);
    assert_eq!(status, 200, "{body}");
    assert!(
        body.lines().skip(1).all(|l| l.starts_with(&g)),
        "only that graph: {body}"
    );
    let req = at::TestRequest::post()
        .uri("/sparql")
        .insert_header(("Content-Type", "text/plain"))
        .set_payload(VARIABLES);
    let (status, _, body) = send!(&app, req);
    assert_eq!(status, 400);
    assert!(body.contains("application/sparql-query"), "{body}");
}

#[actix_web::test]
async fn updates_are_refused_and_change_nothing() {
    let app = crate::app!(loaded_state());
    let insert = format!("INSERT DATA {{ <{BASE}/variabel/kon> <http://example.org/p> \"x\" }}");
    let (status, _, body) = ask!(&app, &insert, None);
    assert_eq!(status, 400);
    assert!(body.contains("read-only"), "{body}");
    for (ct, payload) in [
        ("application/sparql-update", insert.clone()),
        (
            "application/x-www-form-urlencoded",
            format!("update={}", percent(&insert)),
        ),
        ("application/sparql-query", insert.clone()),
    ] {
        let req = at::TestRequest::post()
            .uri("/sparql")
            .insert_header(("Content-Type", ct))
            .set_payload(payload);
        let (status, _, body) = send!(&app, req);
        assert_eq!(status, 400, "{ct}");
        assert!(body.contains("read-only"), "{ct}: {body}");
    }
    let (_, _, body) = ask!(&app, "ASK { ?s <http://example.org/p> ?o }", None);
    assert!(
        body.contains("\"boolean\":false"),
        "nothing was written: {body}"
    );
}

#[actix_web::test]
async fn a_service_call_reaches_no_other_server() {
    // A listener standing in for another host's endpoint: a federated query must not call it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let app = crate::app!(loaded_state());
    let query =
        format!("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}");
    let (status, _, body) = ask!(&app, &query, None);
    assert!(status >= 400, "{status}: {body}");
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the endpoint called the service"
    );
}

#[actix_web::test]
async fn syntax_errors_show_the_parsers_message() {
    let app = crate::app!(loaded_state());
    let (status, _, body) = ask!(&app, "SELECT ?x WHERE { ?x ", None);
    assert_eq!(status, 400);
    assert!(body.contains("SPARQL syntax error"), "{body}");
    assert!(
        body.contains("error at 1:"),
        "the parser's position: {body}"
    );
}

pub(super) fn limits(f: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    f(&mut l);
    l
}

#[actix_web::test]
async fn a_query_running_too_long_is_cut_off() {
    let state = loaded_state().with_sparql_limits(limits(|l| {
        l.timeout = Duration::from_millis(300);
        l.max_running = 1;
    }));
    let app = crate::app!(state);
    // Warm up: the published content is built before the time limit starts.
    let (status, _, _) = ask!(&app, "ASK {}", None);
    assert_eq!(status, 200);
    // Every node to every node it reaches by any path, three times over: each step reads the
    // store. Two steps (180,461 rows) once finished inside the limit on a fast CI machine; the
    // third step multiplies the work by the size of the closure again.
    let paths = "SELECT (COUNT(*) AS ?n) WHERE { \
                 ?a (!<urn:none>)* ?b . ?b (!<urn:none>)* ?c . ?c (!<urn:none>)* ?d }";
    let (status, _, body) = ask!(&app, paths, None);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("longer than 0.3 s"), "{body}");
    // The cut-off query stops: its place (one query at a time) is free again.
    let mut answered = false;
    for _ in 0..100 {
        let (status, _, _) = ask!(&app, "ASK {}", None);
        if status == 200 {
            answered = true;
            break;
        }
        assert_eq!(status, 503);
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(answered, "the cancelled query still runs");
}

#[actix_web::test]
async fn a_cartesian_product_is_refused_before_it_runs() {
    let app = crate::app!(loaded_state());
    let product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let (status, _, body) = ask!(&app, product, None);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("cartesian product"), "{body}");
    assert!(body.contains("shared variable"), "what to do: {body}");
    let joined = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?c ?e ?f }";
    let (status, _, body) = ask!(&app, joined, None);
    assert_eq!(status, 200, "{body}");
}

#[actix_web::test]
async fn answers_and_queries_have_a_size_limit() {
    let state = loaded_state().with_sparql_limits(limits(|l| {
        l.max_rows = 5;
        l.max_bytes = 600;
        l.max_query_bytes = 200;
    }));
    let app = crate::app!(state);
    let six = "SELECT ?x WHERE { VALUES ?x { 1 2 3 4 5 6 } }";
    let (status, _, body) = ask!(&app, six, Some("text/csv"));
    assert_eq!(status, 400, "six rows: {body}");
    assert!(body.contains("exceeds 5 rows or 600 bytes"), "{body}");
    assert!(body.contains("LIMIT"), "what to do: {body}");
    let (status, _, body) = ask!(&app, &six.replace(" 6 ", " "), Some("text/csv"));
    assert_eq!(status, 200, "five rows: {body}");
    let (status, _, _) = ask!(&app, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", None);
    assert_eq!(status, 400, "triples count as rows");
    let long = "SELECT ?o WHERE { ?s <http://www.w3.org/2004/02/skos/core#definition> ?o } LIMIT 5";
    let (status, _, body) = ask!(&app, long, None);
    assert_eq!(
        status, 400,
        "five long definitions are over 600 bytes: {body}"
    );
    // The shortest one: the store's order of definitions is not fixed, and some are long.
    let shortest = long.replace("LIMIT 5", "ORDER BY STRLEN(?o) LIMIT 1");
    let (status, _, body) = ask!(&app, &shortest, None);
    assert_eq!(status, 200, "one is not: {body}");
    let huge = format!("SELECT * WHERE {{ ?s ?p ?o }} #{}", "x".repeat(300));
    let (status, _, body) = ask!(&app, &huge, None);
    assert_eq!(status, 400);
    assert!(body.contains("longer than 200 bytes"), "{body}");
}

#[actix_web::test]
async fn browsers_get_the_form_and_programs_the_service_description() {
    let app = crate::app!(loaded_state());
    let browser = "text/html,application/xhtml+xml,*/*;q=0.8";
    for (path, lang, label) in [
        ("/sparql", "sv", "Kör frågan"),
        ("/en/sparql", "en", "Run the query"),
    ] {
        let req = at::TestRequest::get()
            .uri(path)
            .insert_header(("Accept", browser));
        let (status, ct, body) = send!(&app, req);
        assert_eq!(status, 200);
        assert!(ct.starts_with("text/html"));
        assert!(body.contains(&format!("lang=\"{lang}\"")), "{body}");
        assert!(body.contains(label));
        assert!(body.contains("<textarea"));
        assert!(
            body.contains("rdf-vocabulary.ddialliance.org/discovery#")
                && !body.contains("<http://rdf-vocabulary"),
            "the example is there, escaped: {body}"
        );
    }
    for accept in [None, Some("text/turtle")] {
        let mut req = at::TestRequest::get().uri("/sparql");
        if let Some(a) = accept {
            req = req.insert_header(("Accept", a));
        }
        let (status, ct, body) = send!(&app, req);
        assert_eq!(status, 200);
        assert!(ct.starts_with("text/turtle"), "{ct}");
        assert!(body.contains("sparql-service-description#"), "{body}");
        assert!(body.contains("SPARQL11Query"), "{body}");
    }
}

#[actix_web::test]
async fn both_feeds_describe_the_endpoint_as_a_data_service() {
    let app = crate::app!(loaded_state());
    let service = format!("<{BASE}/tjanst/sparql>");
    for feed in ["/datasets/dcat", "/healthdcat"] {
        let req = at::TestRequest::get()
            .uri(feed)
            .insert_header(("Accept", "application/n-triples"));
        let (status, _, body) = send!(&app, req);
        assert_eq!(status, 200, "{feed}");
        for (p, o) in [
            (
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                "<http://www.w3.org/ns/dcat#DataService>".to_owned(),
            ),
            (
                "http://www.w3.org/ns/dcat#endpointURL",
                format!("<{BASE}/sparql>"),
            ),
            (
                "http://www.w3.org/ns/dcat#endpointDescription",
                format!("<{BASE}/sparql>"),
            ),
            (
                "http://purl.org/dc/terms/conformsTo",
                "<https://www.w3.org/TR/sparql11-protocol/>".to_owned(),
            ),
        ] {
            let triple = format!("{service} <{p}> {o} .");
            assert!(body.contains(&triple), "{feed} lacks {triple}");
        }
        let listed = format!("<{BASE}/katalog> <http://www.w3.org/ns/dcat#service> {service} .");
        assert!(
            body.contains(&listed),
            "{feed}: the catalogue lists the service"
        );
    }
    // The service's IRI answers with what the feeds say of it.
    let req = at::TestRequest::get()
        .uri("/tjanst/sparql")
        .insert_header(("Accept", "text/turtle"));
    let (status, _, body) = send!(&app, req);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("sparql11-protocol"), "{body}");
}

mod drafts;

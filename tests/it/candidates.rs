//! Harmonisation candidates (`/kandidater`, `/api/kandidater`): on catalog-data the list holds
//! the pairs `catalog-data/README.md` documents as expected; marking a pair "not the same"
//! (API and the page's form) needs an editor (401/403/redirect, forms from other sites 403),
//! is audited and takes the pair off the list; marking it "the same" needs both variables'
//! current ETags (428/409), writes `skos:exactMatch` both ways, shown on both pages and in
//! their RDF.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::support::BASE;
use crate::web::loaded_state;

/// The pairs catalog-data must give (README of catalog-data, "Harmonisation candidates").
pub const EXPECTED: &[(&str, &str)] = &[
    ("atgardsdatum", "operationsdatum"),
    ("besoksdatum", "indatum"),
    ("folkbokforingslan", "region"),
];

macro_rules! send {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = at::read_body(resp).await;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        (status, headers, text)
    }};
}

fn token(state: &State, name: &str, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, name, role, "2026-12-01T10:00:00Z").expect("token")
}

fn bearer(t: &str) -> (&'static str, String) {
    ("Authorization", format!("Bearer {t}"))
}

fn pairs(list: &Value) -> Vec<(String, String)> {
    list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["a"]["id"].as_str().unwrap_or_default().to_owned(),
                c["b"]["id"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn has(list: &Value, (a, b): (&str, &str)) -> bool {
    pairs(list).contains(&(a.to_owned(), b.to_owned()))
}

macro_rules! list {
    ($app:expr) => {{
        let (status, _, body) = send!(
            $app,
            at::TestRequest::get().uri("/api/kandidater?limit=500")
        );
        assert_eq!(status, 200, "{body}");
        serde_json::from_str::<Value>(&body).expect("json")
    }};
}

fn etag_of(headers: &actix_web::http::header::HeaderMap) -> String {
    headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned()
}

#[actix_web::test]
async fn catalog_data_gives_the_documented_pairs_ranked_with_reasons() {
    let app = crate::app!(loaded_state());
    let list = list!(&app);
    for pair in EXPECTED {
        assert!(has(&list, *pair), "{pair:?} in {:?}", pairs(&list));
    }
    let items = list["items"].as_array().expect("items");
    let scores: Vec<f64> = items.iter().filter_map(|c| c["score"].as_f64()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );
    for c in items {
        assert!(c["a"]["id"].as_str() < c["b"]["id"].as_str(), "{c}");
        assert!(!c["reasons"].as_array().expect("reasons").is_empty(), "{c}");
        let (a, b) = (&c["a"]["collections"], &c["b"]["collections"]);
        assert_ne!(a, b, "different collections: {c}");
    }
    let region = items
        .iter()
        .find(|c| c["a"]["id"] == "folkbokforingslan" && c["b"]["id"] == "region")
        .expect("region pair");
    assert!(
        region["reasons"].to_string().contains("samma kodverk"),
        "{region}"
    );
    assert!(
        region["reasons"].to_string().contains("the same codebook"),
        "{region}"
    );
    // Pairs of one collection are no candidates: in- and discharge dates are both KPP and
    // the patient register's.
    assert!(!has(&list, ("indatum", "utdatum")));

    for (path, words) in [
        ("/kandidater", "Harmoniseringskandidater"),
        ("/en/kandidater", "Harmonisation candidates"),
    ] {
        let (status, _, page) = send!(&app, at::TestRequest::get().uri(path));
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(words), "{path}");
        let prefix = path.strip_suffix("/kandidater").unwrap_or_default();
        assert!(
            page.contains(&format!(
                "{prefix}/jamfor?id=atgardsdatum&#38;id=operationsdatum"
            )),
            "{path}: a link to compare"
        );
        assert!(
            page.contains(&format!(
                "{prefix}/forslag/ny?id=atgardsdatum&#38;id=operationsdatum"
            )),
            "{path}: a link to propose"
        );
        assert!(
            !page.contains("<form method=\"post\""),
            "{path}: no buttons anonymously"
        );
    }
    let (status, _, compare) = send!(
        &app,
        at::TestRequest::get().uri("/jamfor?id=atgardsdatum&id=operationsdatum")
    );
    assert_eq!(status, 200);
    assert!(compare.contains("Operationsdatum"));
}

#[actix_web::test]
async fn not_the_same_needs_an_editor_is_audited_and_leaves_the_list() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let region = {
        let mut db = state.db.lock().expect("db");
        let orgnr = varcat::domain::OrgNr::parse("232100-0016").expect("orgnr");
        tokens::create_for_region(&mut db, "stockholm", &orgnr, "2026-12-01T10:00:00Z")
            .expect("region token")
    };
    let audit = |s: &State| {
        s.db.lock()
            .expect("db")
            .audit(None, 1000)
            .expect("audit")
            .len()
    };
    let before = audit(&state);
    let app = crate::app!(state.clone());
    let uri = "/api/kandidater/inte-samma";
    let body = json!({"a": "region", "b": "folkbokforingslan", "note": "Vårdgivande region, inte folkbokföringslän."});
    let (status, _, _) = send!(&app, at::TestRequest::post().uri(uri).set_json(&body));
    assert_eq!(status, 401);
    let (status, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri(uri)
            .insert_header(bearer(&region))
            .set_json(&body)
    );
    assert_eq!(status, 403);
    let (status, _, problems) = send!(
        &app,
        at::TestRequest::post()
            .uri(uri)
            .insert_header(bearer(&editor))
            .set_json(json!({"a": "finns-inte", "b": 7, "farg": "x"}))
    );
    assert_eq!(status, 422, "{problems}");
    for field in ["\"b\"", "\"farg\""] {
        assert!(problems.contains(field), "{field} named: {problems}");
    }
    assert_eq!(audit(&state), before, "nothing written when refused");
    assert!(has(&list!(&app), ("folkbokforingslan", "region")));

    let (status, _, done) = send!(
        &app,
        at::TestRequest::post()
            .uri(uri)
            .insert_header(bearer(&editor))
            .set_json(&body)
    );
    assert_eq!(status, 201, "{done}");
    assert_eq!(audit(&state), before + 2, "one entry on each variable");
    assert!(
        !has(&list!(&app), ("folkbokforingslan", "region")),
        "not suggested again"
    );
    let (status, _, again) = send!(
        &app,
        at::TestRequest::post()
            .uri(uri)
            .insert_header(bearer(&editor))
            .set_json(&body)
    );
    assert_eq!(status, 200, "{again}");
    assert_eq!(audit(&state), before + 2);
    let (_, _, history) = send!(
        &app,
        at::TestRequest::get().uri("/variabel/region/historik")
    );
    assert!(
        history.contains("inte samma information"),
        "the history shows it"
    );
}

#[actix_web::test]
async fn the_same_needs_current_etags_and_writes_exact_match_both_ways() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let app = crate::app!(state.clone());
    let (_, ha, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/atgardsdatum")
    );
    let (_, hb, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    let (ea, eb) = (etag_of(&ha), etag_of(&hb));
    let uri = "/api/kandidater/samma";
    let body = json!({"a": "operationsdatum", "b": "atgardsdatum"});
    let post = || at::TestRequest::post().uri(uri).set_json(&body);
    let (status, _, _) = send!(&app, post());
    assert_eq!(status, 401);
    let (status, _, _) = send!(&app, post().insert_header(bearer(&editor)));
    assert_eq!(status, 428, "If-Match is needed");
    let (status, _, _) = send!(
        &app,
        post()
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", ea.clone()))
    );
    assert_eq!(status, 409, "one ETag is not both");
    let (status, _, _) = send!(
        &app,
        post()
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", format!("{ea}, \"0000\"")))
    );
    assert_eq!(status, 409);
    assert!(has(&list!(&app), ("atgardsdatum", "operationsdatum")));
    let (status, _, done) = send!(
        &app,
        post()
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", format!("{ea}, {eb}")))
    );
    assert_eq!(status, 200, "{done}");
    // The ETags changed: the same If-Match is stale now.
    let (status, _, _) = send!(
        &app,
        post()
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", format!("{ea}, {eb}")))
    );
    assert_eq!(status, 409);
    for (id, other) in [
        ("atgardsdatum", "operationsdatum"),
        ("operationsdatum", "atgardsdatum"),
    ] {
        let (status, _, ttl) = send!(
            &app,
            at::TestRequest::get().uri(&format!("/variabel/{id}.ttl"))
        );
        assert_eq!(status, 200);
        let line = ttl
            .lines()
            .find(|l| l.contains("exactMatch"))
            .unwrap_or_else(|| panic!("{id}: exactMatch in {ttl}"));
        assert!(
            line.contains(&format!("/variabel/{other}>"))
                || ttl.contains(&format!("{BASE}/variabel/{other}>")),
            "{id} exactMatch {other}: {ttl}"
        );
        let (_, _, page) = send!(
            &app,
            at::TestRequest::get()
                .uri(&format!("/variabel/{id}"))
                .insert_header(("Accept", "text/html"))
        );
        assert!(page.contains("Samma information som"), "{id}'s page");
        assert!(
            page.contains(&format!("/variabel/{other}\"")),
            "{id}'s page links {other}"
        );
        let (_, _, json) = send!(
            &app,
            at::TestRequest::get().uri(&format!("/api/variabler/{id}"))
        );
        assert!(
            json.contains(&format!("\"exact_match\":[\"{other}\"]")),
            "{json}"
        );
    }
    assert!(
        !has(&list!(&app), ("atgardsdatum", "operationsdatum")),
        "no longer a candidate"
    );
}

#[actix_web::test]
async fn the_page_forms_need_a_signed_in_editor_from_this_site() {
    let state = loaded_state();
    let editor = token(&state, "anna", Role::Editor);
    let app = crate::app!(state.clone());
    let form = [("a", "besoksdatum"), ("b", "indatum"), ("note", "")];
    let (status, headers, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/kandidater")
            .insert_header(("Origin", BASE))
            .set_form(form)
    );
    assert_eq!(status, 303, "anonymous: sent to sign in");
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/logga-in")
    );
    let cookie = crate::sessions::sign_in!(&app, editor);
    let (status, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/kandidater")
            .insert_header(("Origin", "https://evil.example"))
            .insert_header(("Cookie", cookie.clone()))
            .set_form(form)
    );
    assert_eq!(status, 403, "a form from another site");
    let (_, _, page) = send!(
        &app,
        at::TestRequest::get()
            .uri("/kandidater")
            .insert_header(("Cookie", cookie.clone()))
    );
    assert!(
        page.contains("action=\"/kandidater/samma\""),
        "editors get the buttons"
    );
    let (status, _, problems) = send!(
        &app,
        at::TestRequest::post()
            .uri("/kandidater")
            .insert_header(("Origin", BASE))
            .insert_header(("Cookie", cookie.clone()))
            .set_form([("a", "besoksdatum"), ("b", "besoksdatum"), ("note", "")])
    );
    assert_eq!(status, 422);
    assert!(problems.contains("b: is besoksdatum again"), "{problems}");
    let (status, headers, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/en/kandidater")
            .insert_header(("Origin", BASE))
            .insert_header(("Cookie", cookie.clone()))
            .set_form(form)
    );
    assert_eq!(status, 303);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/en/kandidater?klar=1")
    );
    assert!(!has(&list!(&app), ("besoksdatum", "indatum")));
    // A stale "same" form changes nothing and says why.
    let (status, _, page) = send!(
        &app,
        at::TestRequest::post()
            .uri("/kandidater/samma")
            .insert_header(("Origin", BASE))
            .insert_header(("Cookie", cookie))
            .set_form([
                ("a", "atgardsdatum"),
                ("b", "operationsdatum"),
                ("etags", "\"1\", \"2\"")
            ])
    );
    assert_eq!(status, 422);
    assert!(page.contains("has changed since you read it"), "{page}");
}

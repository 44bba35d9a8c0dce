//! Terms in the reader's language: every English page type on catalog-data shows the English
//! label of each data type, obligation, status, role, access right, frequency, publisher type,
//! health category and kind, never the Swedish word as stored; the API keeps the stored value
//! and adds both labels beside it, and what it returns can be sent back unchanged.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::domain::{
    AccessRights, DataType, Frequency, HealthCategory, ItemKind, Language, Obligation,
    PublisherType, Role, Status,
};
use varcat::governance::{Role as TokenRole, tokens};

use crate::web::loaded_state;

/// Every Swedish spelling of a term a page could print: the stored spelling and the Swedish
/// label of each term and kind, less the words that are English too (`standard`, `text`).
fn swedish_words() -> Vec<String> {
    let mut sv: Vec<(&str, &str)> = Vec::new();
    macro_rules! add {
        ($($t:ty),+) => {$(
            for t in <$t>::ALL {
                sv.push((t.as_str(), t.labels().1));
                sv.push((t.labels().0, t.labels().1));
            }
        )+};
    }
    add!(
        Status,
        Obligation,
        DataType,
        Role,
        AccessRights,
        Frequency,
        PublisherType,
        HealthCategory
    );
    for k in ItemKind::ALL {
        sv.push((k.noun_sv(), k.label(Language::En)));
        sv.push((k.label(Language::Sv), k.label(Language::En)));
    }
    let english: Vec<String> = sv.iter().map(|(_, en)| en.to_lowercase()).collect();
    let mut words: Vec<String> = sv
        .iter()
        .map(|(s, _)| s.to_lowercase())
        .filter(|s| !english.contains(s))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Whether `word` occurs in `text` as a whole word (case-insensitive).
fn has_word(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The HTML between `open` and the next `close` after each `open`.
fn between_raw<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        rest = &rest[i + open.len()..];
        let end = rest.find(close).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// The text between `open` and the next `close` after each `open`, tags turned into spaces.
fn between(html: &str, open: &str, close: &str) -> Vec<String> {
    between_raw(html, open, close)
        .into_iter()
        .map(strip_tags)
        .collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// The labels of the English fact rows and table rows that show a term.
const TERM_HEADINGS: [&str; 7] = [
    "Data type",
    "Mandatory",
    "Status",
    "Access",
    "Frequency",
    "Type",
    "Health category (EHDS)",
];

/// The texts of an English page that show terms: fact values under a term heading, compare
/// rows under one, the bindings table's cells (role, priority, quick win), the kind line, a history page's status, and the
/// search facets of kind and status.
fn term_fields(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for h in TERM_HEADINGS {
        out.extend(between(html, &format!("<dt>{h}</dt>\n  <dd>"), "</dd>"));
        for row in between(html, &format!("<th scope=\"row\">{h}"), "</tr>") {
            out.push(row);
        }
        out.extend(between(html, &format!("<h3>{h}</h3>"), "</ul>"));
    }
    for section in between_raw(html, "aria-labelledby=\"bind-h\"", "</section>") {
        out.extend(between(section, "<td>", "</td>"));
    }
    for kind in between(html, "<p class=\"kind\">", "</p>") {
        out.push(kind.split(" · ").next().unwrap_or("").to_owned());
    }
    out.extend(between(html, "Status: <strong>", "</strong>"));
    out
}

/// The HTML of a page that must answer 200.
macro_rules! page {
    ($app:expr, $uri:expr) => {{
        let uri: &str = $uri;
        let req = at::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept", "text/html"))
            .to_request();
        let resp = at::call_service($app, req).await;
        assert_eq!(resp.status().as_u16(), 200, "{uri}");
        String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8")
    }};
}

#[actix_web::test]
async fn english_pages_show_no_swedish_terms() {
    let state = loaded_state();
    let cat = state.snapshot().catalog_with_codes().expect("catalogue");
    let app = crate::app!(state);
    let words = swedish_words();
    assert!(
        words.contains(&"heltal".to_owned()) && words.contains(&"begränsad".to_owned()),
        "{words:?}"
    );
    let mut uris = vec![
        "/en/".to_owned(),
        "/en/matris".to_owned(),
        "/en/sok?q=datum".to_owned(),
        "/en/sok?q=v%C3%A4ntetid&status=kandidat".to_owned(),
    ];
    for key in cat.keys() {
        let id = match key.kind {
            ItemKind::Organisation => format!("SE{}", key.id.replace('-', "")),
            _ => key.id.clone(),
        };
        let path = format!("/en/{}/{id}", key.kind.path_segment());
        uris.push(format!("{path}/historik"));
        uris.push(path);
    }
    let ids: Vec<String> = cat.variables.keys().map(|v| format!("id={v}")).collect();
    for chunk in ids.chunks(10) {
        uris.push(format!("/en/jamfor?{}", chunk.join("&")));
    }
    let mut found = Vec::new();
    let mut checked = 0;
    for uri in &uris {
        let html = page!(&app, uri);
        for field in term_fields(&html) {
            checked += 1;
            for w in &words {
                if has_word(&field, w) {
                    found.push(format!("{uri}: {w:?} in {field:?}"));
                }
            }
        }
    }
    assert!(checked > 500, "the fields were found ({checked})");
    assert_eq!(found, Vec::<String>::new());
    // And the English labels are what the pages show.
    let html = page!(&app, "/en/datainsamling/kpp");
    assert!(html.contains("<dd>Restricted</dd>") && html.contains("<dd>annual</dd>"));
    let html = page!(&app, "/en/variabel/alder");
    assert!(html.contains("<dd>integer</dd>"), "{html}");
    let html = page!(&app, "/en/organisation/SE2321000016");
    assert!(html.contains("<dd>Regional authority</dd>"));
    assert!(html.contains("<dt>Organisation number</dt>"));
    // The Swedish pages keep the Swedish words.
    let html = page!(&app, "/datainsamling/kpp");
    assert!(html.contains("<dd>Begränsad</dd>") && html.contains("<dd>årligen</dd>"));
}

/// An API answer that must be 200: its ETag and its JSON.
macro_rules! get_json {
    ($app:expr, $uri:expr) => {{
        let uri: &str = $uri;
        let resp = at::call_service($app, at::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(resp.status().as_u16(), 200, "{uri}");
        let etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body: Value = serde_json::from_slice(&at::read_body(resp).await).expect("json");
        (etag, body)
    }};
}

/// Every `…_label` member of an item (its lists' entries too): the field beside it is there,
/// and each label has a Swedish and an English text.
fn check_labels(item: &Value, found: &mut std::collections::BTreeSet<String>) {
    let Value::Object(obj) = item else { return };
    for (k, v) in obj {
        if let Some(field) = k.strip_suffix("_label") {
            assert!(obj.contains_key(field), "{k} without {field}: {item}");
            let all = match v {
                Value::Array(a) => a.clone(),
                one => vec![one.clone()],
            };
            for l in all {
                assert!(
                    l["sv"].as_str().is_some_and(|s| !s.is_empty())
                        && l["en"].as_str().is_some_and(|s| !s.is_empty()),
                    "{k}: {l}"
                );
            }
            found.insert(k.clone());
        }
        if let Value::Array(entries) = v {
            for e in entries {
                check_labels(e, found);
            }
        }
    }
}

#[actix_web::test]
async fn the_api_keeps_stored_terms_and_adds_both_labels() {
    let state = loaded_state();
    let editor = {
        let mut db = state.db.lock().expect("db");
        tokens::create(&mut db, "erik", TokenRole::Editor, "2026-12-01T10:00:00Z").expect("token")
    };
    let app = crate::app!(state.clone());
    let (_, alder) = get_json!(&app, "/api/variabler/alder");
    assert_eq!(alder["datatype"], "heltal");
    assert_eq!(
        alder["datatype_label"],
        json!({"sv": "heltal", "en": "integer"})
    );
    assert_eq!(alder["obligation_label"]["en"], "Yes", "{alder}");
    assert_eq!(alder["status_label"]["en"], "standard", "{alder}");
    let (etag, kpp) = get_json!(&app, "/api/datainsamlingar/kpp");
    assert_eq!(kpp["access"], "begränsad");
    assert_eq!(
        kpp["access_label"],
        json!({"sv": "Begränsad", "en": "Restricted"})
    );
    assert_eq!(kpp["frequency"], "årligen");
    assert_eq!(
        kpp["frequency_label"],
        json!({"sv": "årligen", "en": "annual"})
    );
    assert_eq!(kpp["health_categories"], json!(["NRPE", "HRAD"]));
    assert_eq!(
        kpp["health_categories_label"][1]["en"],
        "Health-related administrative data"
    );
    let (_, region) = get_json!(&app, "/api/organisationer/232100-0016");
    assert_eq!(region["type"], "RegionalAuthority");
    assert_eq!(region["type_label"]["sv"], "Regional myndighet");
    let (_, uc) = get_json!(&app, "/api/anvandningsfall/vardplatser");
    let b = uc["bindings"]
        .as_array()
        .and_then(|a| a.iter().find(|b| b["variable"] == "disponibla-vardplatser"))
        .expect("binding");
    assert_eq!(b["role"], "obligatorisk");
    assert_eq!(
        b["role_label"],
        json!({"sv": "obligatorisk", "en": "required"})
    );
    assert_eq!(b["quick_win_label"], json!({"sv": "Ja", "en": "Yes"}));
    // Every item of every kind: each label beside its field, in both languages.
    let mut found = std::collections::BTreeSet::new();
    for kind in [
        "variabler",
        "kodverk",
        "anvandningsfall",
        "datainsamlingar",
        "organisationer",
        "problemomraden",
    ] {
        let (_, list) = get_json!(&app, &format!("/api/{kind}"));
        for item in list["items"].as_array().expect("items") {
            check_labels(item, &mut found);
        }
    }
    // The OpenAPI document describes each of them (bindings allow no other fields).
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::support::repo().join("schemas/openapi.json"))
            .expect("openapi.json"),
    )
    .expect("json");
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for k in &found {
        let described = schemas.values().any(|s| {
            s["properties"].get(k).is_some()
                || s["properties"]["bindings"]["items"]["properties"]
                    .get(k)
                    .is_some()
        });
        assert!(described, "{k} is not in schemas/openapi.json");
    }
    assert_eq!(found.len(), 10, "{found:?}");
    // What GET returned, labels and all, goes back with PUT unchanged.
    let resp = at::call_service(
        &app,
        at::TestRequest::put()
            .uri("/api/datainsamlingar/kpp")
            .insert_header(("Authorization", format!("Bearer {editor}")))
            .insert_header(("If-Match", etag.as_str()))
            .set_json(&kpp)
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        resp.headers().get("etag").and_then(|v| v.to_str().ok()),
        Some(etag.as_str()),
        "nothing changed"
    );
}

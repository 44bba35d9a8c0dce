//! Who sees what: catalog-data plus a draft of each kind that has a status (variable, codebook,
//! use case), a public variable whose earlier version was a draft, bindings between public and
//! draft items and two releases — every text of a draft carries the marker `ZQX`. Every route
//! the app registers (read from the route table in `src/web/`) is walked in Swedish and English
//! with the drafts' paths, suffixes, versions, history, changes, the API and the feeds, under
//! every Accept: an anonymous visitor finds the marker nowhere (xlsx read with calamine), a
//! signed-in editor finds it where a draft is shown, and neither gets the other's kept page.

use std::io::Cursor;

use actix_web::test as at;
use calamine::{Reader, Xlsx};

pub(crate) const MARKER: &str = "zqx";

mod fixture;
mod routes;

pub(crate) use fixture::state;
use routes::{route_table, urls};

const ACCEPTS: [Option<&str>; 6] = [
    None,
    Some("text/html,application/xhtml+xml,*/*;q=0.8"),
    Some("text/turtle"),
    Some("application/rdf+xml"),
    Some("application/ld+json"),
    Some("application/n-triples"),
];

/// The text of an answer: an xlsx's every cell, else the body as it is.
fn text_of(bytes: &[u8]) -> String {
    if !bytes.starts_with(b"PK") {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .expect("a zip answer is an xlsx workbook");
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            for cell in row {
                out.push_str(&cell.to_string());
                out.push('\t');
            }
            out.push('\n');
        }
    }
    out
}

/// The text around the first marker in `body`.
fn around(body: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let lower: Vec<char> = body.to_lowercase().chars().collect();
    let m: Vec<char> = MARKER.chars().collect();
    let at = lower.windows(m.len()).position(|w| w == m).unwrap_or(0);
    let at = at.min(chars.len());
    chars[at.saturating_sub(80)..(at + 80).min(chars.len())]
        .iter()
        .collect()
}

macro_rules! get {
    ($app:expr, $uri:expr, $accept:expr, $token:expr) => {{
        let mut req = at::TestRequest::get().uri($uri);
        if let Some(a) = $accept {
            req = req.insert_header(("Accept", a));
        }
        if let Some(t) = $token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        let resp = at::call_service($app, req.to_request()).await;
        let status = resp.status().as_u16();
        (status, text_of(&at::read_body(resp).await))
    }};
}

/// What an editor must see: (URL, Accept, text in it).
const EDITOR_SEES: &[(&str, Option<&str>, &str)] = &[
    (
        "/efterlevnad/232100-0016/zz-hemlig-variabel",
        None,
        "ZQXNAMN",
    ),
    (
        "/efterlevnad?anvandningsfall=zz-hemligt-fall",
        None,
        "ZQXFALL",
    ),
    ("/variabel/zz-hemlig-variabel", Some("text/html"), "ZQXNAMN"),
    ("/en/variabel/zz-hemlig-variabel", None, "ZQXDEFEN"),
    ("/variabel/zz-hemlig-variabel.ttl", None, "ZQXDEF2"),
    (
        "/variabel/zz-hemlig-variabel/1.0",
        Some("text/html"),
        "ZQXDEF ",
    ),
    ("/variabel/zz-byter/1.0", Some("text/html"), "ZQXOLD"),
    ("/variabel/zz-byter/historik", None, "ZQXOLD"),
    ("/variabel/zz-hemlig-variabel/historik", None, "ZQXNAMN"),
    ("/en/kodverk/zz-hemligt-kodverk/historik", None, "ZQXBOK"),
    ("/variabel/zz-byter/1.0/andringar", None, "ZQXOLD"),
    (
        "/kodverk/zz-hemligt-kodverk",
        Some("text/html"),
        "ZQXKODDEF",
    ),
    ("/kodverk/zz-hemligt-kodverk.csv", None, "ZQXKOD"),
    ("/kodverk/zz-hemligt-kodverk.xlsx", None, "ZQXKODTVA"),
    (
        "/anvandningsfall/zz-hemligt-fall",
        Some("text/html"),
        "ZQXSTEG",
    ),
    (
        "/anvandningsfall/vardplatser/variabler.csv",
        None,
        "ZQXDEF2",
    ),
    (
        "/anvandningsfall/vardplatser/variabler.xlsx",
        None,
        "ZQXDEF2",
    ),
    ("/anvandningsfall/vardplatser", Some("text/html"), "ZQXNAMN"),
    (
        "/variabel/zz-offentlig-variabel",
        Some("text/html"),
        "ZQXBOK",
    ),
    ("/datainsamling/kpp", Some("text/html"), "ZQXNAMN"),
    ("/matris", None, "ZQXFALL"),
    ("/", None, "ZQXFALL"),
    ("/api/variabler/zz-hemlig-variabel", None, "ZQXDEF2"),
    ("/api/kodverk", None, "ZQXKOD"),
    ("/sok?q=sekretessvariabel&status=utkast", None, "ZQXNAMN"),
    ("/jamfor?id=zz-hemlig-variabel&id=kon", None, "ZQXNAMN"),
    ("/utgavor/2026.2", None, "ZQXNAMN"),
];

macro_rules! editor_sees {
    ($app:expr, $token:expr) => {{
        for (uri, accept, text) in EDITOR_SEES {
            let (status, body) = get!($app, uri, *accept, Some($token));
            assert_eq!(status, 200, "an editor gets {uri}: {body}");
            assert!(
                body.contains(text),
                "an editor sees {text} at {uri}: {body}"
            );
        }
    }};
}

#[actix_web::test]
async fn anonymous_visitors_find_no_draft_on_any_route() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (state, token) = state(tmp.path());
    let app = crate::app!(state);
    // An editor first: what is kept for them must not reach anyone else.
    editor_sees!(&app, &token);
    let routes = route_table();
    for known in [
        "/{kind}/{id}/historik",
        "/kodverk/{id}.{ext:csv|xlsx}",
        "/api/{kind}",
    ] {
        assert!(
            routes.contains(known),
            "the route table is read: {routes:?}"
        );
    }
    let mut leaks = Vec::new();
    let mut asked = 0;
    for pattern in &routes {
        for uri in urls(pattern) {
            for accept in ACCEPTS {
                let (status, body) = get!(&app, &uri, accept, None::<&str>);
                asked += 1;
                assert!(status < 500, "{uri} ({accept:?}): {status} {body}");
                if body.to_lowercase().contains(MARKER) {
                    leaks.push(format!("{uri} ({accept:?}): {}", around(&body)));
                }
            }
        }
    }
    assert!(asked > 500, "{asked} requests");
    assert!(
        leaks.is_empty(),
        "drafts shown anonymously:\n{}",
        leaks.join("\n")
    );
    // The drafts themselves are not found at all.
    for uri in [
        "/variabel/zz-hemlig-variabel",
        "/variabel/zz-hemlig-variabel/historik",
        "/variabel/zz-byter/1.0",
        "/kodverk/zz-hemligt-kodverk.xlsx",
        "/anvandningsfall/zz-hemligt-fall/variabler.csv",
        "/api/anvandningsfall/zz-hemligt-fall",
        "/anvandningsfall/vardplatser/variabel/zz-hemlig-variabel",
    ] {
        let (status, _) = get!(&app, uri, None::<&str>, None::<&str>);
        assert_eq!(status, 404, "{uri}");
    }
    // Nor does a public item name one by its identifier, in any form.
    for (uri, draft) in [
        ("/anvandningsfall/vardplatser", "zz-hemlig-variabel"),
        (
            "/anvandningsfall/vardplatser/variabler.csv",
            "zz-hemlig-variabel",
        ),
        ("/api/anvandningsfall/vardplatser", "zz-hemlig-variabel"),
        ("/variabel/zz-offentlig-variabel", "zz-hemligt-kodverk"),
        ("/variabel/zz-offentlig-variabel", "zz-hemlig-variabel"),
        ("/api/variabler/zz-offentlig-variabel", "zz-hemlig"),
        ("/variabel/kon", "zz-hemligt-fall"),
        ("/variabel/zz-byter", "/1.0"),
    ] {
        for accept in ACCEPTS {
            let (status, body) = get!(&app, uri, accept, None::<&str>);
            assert_eq!(status, 200, "{uri}");
            assert!(
                !body.contains(draft),
                "{uri} ({accept:?}) names {draft}: {body}"
            );
        }
    }
    // Counts are of what anyone may see.
    let (_, health) = get!(&app, "/health", None::<&str>, None::<&str>);
    let health: serde_json::Value = serde_json::from_str(&health).expect("json");
    assert_eq!(health["counts"]["use_cases"], 4, "{health}");
    // And the editor's view after the anonymous one: not the page kept for anonymous visitors.
    editor_sees!(&app, &token);
}

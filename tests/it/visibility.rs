//! Who sees what: catalog-data plus a draft of each kind that has a status (variable, codebook,
//! use case), a public variable whose earlier version was a draft, bindings between public and
//! draft items and two releases — every text of a draft carries the marker `ZQX`. Every route
//! the app registers (read from the route table in `src/web/`) is walked in Swedish and English
//! with the drafts' paths, suffixes, versions, history, changes, the API and the feeds, under
//! every Accept: an anonymous visitor finds the marker nowhere (xlsx read with calamine), a
//! signed-in editor finds it where a draft is shown, and neither gets the other's kept page.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::Path;

use actix_web::test as at;
use calamine::{Reader, Xlsx};
use varcat::governance::{Role, tokens};
use varcat::store::Iris;
use varcat::web::State;
use varcat::workspace::Workspace;

use crate::support::{BASE, csv_dir, repo};
use crate::web::import_into;

pub(crate) const MARKER: &str = "zqx";

const VARIABLES_V1: &str = "\
Identifierare,Namn,Definition,Definition (en),Värdemängd,Datainsamlingar,Ägare,Gemensamt element,Version,Status
zz-hemlig-variabel,ZQXNAMN Sekretessvariabel,ZQXDEF Sekretessdefinition.,ZQXDEFEN Secret definition.,zz-hemligt-kodverk,kpp,232100-0016,,1.0,utkast
zz-byter,Bytesvariabel,ZQXOLD Sekretessgammal definition.,,,kpp,232100-0016,,1.0,utkast
zz-offentlig-variabel,Offentlig variabel,Offentlig definition.,,zz-hemligt-kodverk,kpp,232100-0016,zz-hemlig-variabel,1.0,kandidat
";

const VARIABLES_V2: &str = "\
Identifierare,Namn,Definition,Definition (en),Värdemängd,Datainsamlingar,Ägare,Gemensamt element,Version,Status
zz-hemlig-variabel,ZQXNAMN Sekretessvariabel,ZQXDEF2 Sekretessdefinition ändrad.,ZQXDEFEN Secret definition.,zz-hemligt-kodverk,kpp,232100-0016,,2.0,utkast
zz-byter,Bytesvariabel,Offentlig definition nu.,,,kpp,232100-0016,,2.0,kandidat
zz-offentlig-variabel,Offentlig variabel,Offentlig definition.,,zz-hemligt-kodverk,kpp,232100-0016,zz-hemlig-variabel,1.0,kandidat
";

const CODEBOOKS: &str = "\
Identifierare,Titel,Titel (en),Beskrivning,Utgivare,Status
zz-hemligt-kodverk,ZQXBOK Sekretesskodverk,ZQXBOKEN,ZQXBOKDESC Sekretessbeskrivning.,232100-0016,utkast
";

const CODES: &str = "\
Kodverk,Kod,Benämning,Definition
zz-hemligt-kodverk,1,ZQXKOD Sekretesskod,ZQXKODDEF Sekretesskoddefinition.
zz-hemligt-kodverk,2,ZQXKODTVA Sekretesskod två,
";

const USE_CASES: &str = "\
Identifierare,Kortnamn,Titel,Beskrivning,Problemområden,Status
zz-hemligt-fall,Z,ZQXFALL Sekretessfall,ZQXFALLDESC Sekretessbeskrivning.,p1,utkast
";

const STEPS: &str = "\
Användningsfall,Nr,Beskrivning
zz-hemligt-fall,1,ZQXSTEG Sekretessteg.
";

const BINDINGS: &str = "\
Användningsfall,Variabel,Roll,Prioritet,Snabb vinst
vardplatser,zz-hemlig-variabel,obligatorisk,1,Ja
zz-hemligt-fall,kon,obligatorisk,2,Nej
zz-hemligt-fall,zz-offentlig-variabel,valfri,3,Nej
";

/// Paths of the drafts and of what names them; `{p}` stands for each.
const ITEMS: &[&str] = &[
    "/variabel/zz-hemlig-variabel",
    "/variabel/zz-hemlig-variabel/1.0",
    "/kodverk/zz-hemligt-kodverk",
    "/kodverk/zz-hemligt-kodverk/1",
    "/anvandningsfall/zz-hemligt-fall",
    "/anvandningsfall/zz-hemligt-fall/steg/1",
    "/anvandningsfall/vardplatser/variabel/zz-hemlig-variabel",
    "/anvandningsfall/zz-hemligt-fall/variabel/kon",
    "/variabel/zz-byter",
    "/variabel/zz-byter/1.0",
    "/variabel/zz-offentlig-variabel",
    "/variabel/kon",
    "/kodverk/kon",
    "/anvandningsfall/vardplatser",
    "/datainsamling/kpp",
    "/organisation/SE2321000016",
    "/problemomrade/p1",
];

/// The server over catalog-data and the drafts, with two releases, the audit log of the
/// imports, and an editor's token.
pub(crate) fn state(tmp: &Path) -> (State, String) {
    let mut ws = Workspace::in_memory(Iris::new(BASE).expect("base")).expect("workspace");
    import_into(&mut ws, &repo().join("catalog-data"));
    let first = csv_dir(
        tmp,
        "v1",
        &[
            ("kodverk.csv", CODEBOOKS),
            ("koder.csv", CODES),
            ("variabler.csv", VARIABLES_V1),
            ("anvandningsfall.csv", USE_CASES),
            ("steg.csv", STEPS),
            ("kopplingar.csv", BINDINGS),
        ],
    );
    import_into(&mut ws, &first);
    let releases = tmp.join("releases");
    let r = varcat::releases::Releases::new(releases.clone());
    r.create("2026.1", &ws.store, "test", "2026-01-01T00:00:00Z")
        .expect("release");
    let second = csv_dir(tmp, "v2", &[("variabler.csv", VARIABLES_V2)]);
    import_into(&mut ws, &second);
    r.create("2026.2", &ws.store, "test", "2026-02-01T00:00:00Z")
        .expect("release");
    let Workspace { store, mut db } = ws;
    // Conformance results for a draft variable and a public one: the pages show the draft's
    // to editors only.
    record_conformance(&mut db);
    let token =
        tokens::create(&mut db, "erik", Role::Editor, "2026-01-01T00:00:00Z").expect("token");
    let state = State::new(store, crate::web::settings(1000))
        .expect("snapshot")
        .with_db(db)
        .with_releases(releases);
    (state, token)
}

fn record_conformance(db: &mut varcat::db::Db) {
    let count = |variable: &str, rule: &str, failing: i64| varcat::db::ConformanceResult {
        variable: variable.into(),
        column_name: Some("ZQXKOLUMN".into()),
        rule: rule.into(),
        checked: 10,
        failing,
    };
    db.record_conformance(
        &varcat::db::NewConformanceRun {
            recorded_at: "2026-01-01T00:00:00Z".into(),
            actor: "test".into(),
            region: "232100-0016".into(),
            collection: "kpp".into(),
            use_case: None,
            period: "2025-03".into(),
            row_count: 10,
            failing_rows: 1,
            unknown_columns: 0,
            conformant: false,
            synthetic: false,
        },
        &[
            count("zz-hemlig-variabel", "any", 1),
            count("zz-hemlig-variabel", "code", 1),
            count("kon", "any", 0),
        ],
    )
    .expect("conformance");
}

/// Every GET route pattern registered in `src/web/`: `.route("…", web::get()…)`,
/// `resource("…", "GET…")` and `#[get("…")]`, with `/api` in front of the API scope's; the default service (every item IRI)
/// is `{item}`.
fn route_table() -> BTreeSet<String> {
    let mut out = BTreeSet::from(["{item}".to_owned()]);
    let mut files = vec![repo().join("src/web")];
    while let Some(f) = files.pop() {
        if f.is_dir() {
            files.extend(
                std::fs::read_dir(&f)
                    .expect("dir")
                    .map(|e| e.expect("entry").path()),
            );
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("source");
        let prefix = if f.parent().is_some_and(|d| d.ends_with("api")) {
            "/api"
        } else {
            ""
        };
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join("");
        for part in flat.split(".route(\"").skip(1) {
            let Some((pattern, rest)) = part.split_once('"') else {
                continue;
            };
            if rest.starts_with(",web::get()") {
                out.insert(format!("{prefix}{pattern}"));
            }
        }
        // The API's resources: `resource("/{kind}", "GET")…`.
        for part in flat.split("resource(\"").skip(1) {
            if let Some((pattern, rest)) = part.split_once("\",\"")
                && rest
                    .split('"')
                    .next()
                    .is_some_and(|allow| allow.contains("GET"))
            {
                out.insert(format!("{prefix}{pattern}"));
            }
        }
        for part in flat.split("#[get(\"").skip(1) {
            if let Some((pattern, _)) = part.split_once('"') {
                out.insert(pattern.to_owned());
            }
        }
    }
    out
}

/// The concrete URLs to ask for one route pattern; panics on a pattern this test does not know,
/// so that a new route is walked too.
fn urls(pattern: &str) -> Vec<String> {
    let api_kinds = [
        "variabler",
        "kodverk",
        "anvandningsfall",
        "datainsamlingar",
        "organisationer",
        "problemomraden",
    ];
    let entries = [
        "variabler/zz-hemlig-variabel",
        "variabler/zz-offentlig-variabel",
        "variabler/zz-byter",
        "variabler/kon",
        "kodverk/zz-hemligt-kodverk",
        "anvandningsfall/zz-hemligt-fall",
        "anvandningsfall/vardplatser",
        "datainsamlingar/kpp",
    ];
    let rdf = ["", ".ttl", ".rdf", ".jsonld", ".nt"];
    let each = |f: &dyn Fn(&str) -> String| ITEMS.iter().map(|p| f(p)).collect::<Vec<_>>();
    let sheets = |what: &str, ids: &[&str]| {
        ids.iter()
            .flat_map(|id| ["csv", "xlsx"].map(|e| format!("/{what}/{id}/variabler.{e}")))
            .collect::<Vec<_>>()
    };
    match pattern {
        "{item}" => ITEMS
            .iter()
            .flat_map(|p| rdf.map(|s| format!("{p}{s}")))
            .collect(),
        "/en/{tail:.*}" => each(&|p| format!("/en{p}")),
        "/{kind}/{id}/historik" => each(&|p| format!("{p}/historik")),
        "/en/{kind}/{id}/historik" => each(&|p| format!("/en{p}/historik")),
        "/{kind}/{id}/{version}/andringar" => ["zz-hemlig-variabel", "zz-byter"]
            .map(|v| format!("/variabel/{v}/1.0/andringar"))
            .to_vec(),
        "/en/{kind}/{id}/{version}/andringar" => ["zz-hemlig-variabel", "zz-byter"]
            .map(|v| format!("/en/variabel/{v}/1.0/andringar"))
            .to_vec(),
        "/kodverk/{id}.{ext:csv|xlsx}" => ["zz-hemligt-kodverk", "kon"]
            .iter()
            .flat_map(|id| ["csv", "xlsx"].map(|e| format!("/kodverk/{id}.{e}")))
            .collect(),
        "/anvandningsfall/{id}/variabler.{ext:csv|xlsx}" => sheets(
            "anvandningsfall",
            &["zz-hemligt-fall", "vardplatser", "vantetider"],
        ),
        "/datainsamling/{id}/variabler.{ext:csv|xlsx}" => sheets("datainsamling", &["kpp"]),
        "/api/{kind}" => api_kinds.map(|k| format!("/api/{k}")).to_vec(),
        "/api/{kind}/{id}" => entries.map(|e| format!("/api/{e}")).to_vec(),
        "/utgavor/{name}" | "/en/utgavor/{name}" => ["2026.1", "2026.2"]
            .map(|n| pattern.replace("{name}", n))
            .to_vec(),
        "/catalog.{ext}" | "/katalog.{ext}" | "/healthdcat.{ext}" => ["rdf", "ttl", "jsonld", "nt"]
            .map(|e| pattern.replace("{ext}", e))
            .to_vec(),
        "/katalog/del/{n}" => vec!["/katalog/del/1".into()],
        // The endpoint without a query, and a query for everything in every graph.
        "/sparql" | "/en/sparql" => vec![
            pattern.to_owned(),
            format!(
                "{pattern}?query=SELECT%20*%20WHERE%20%7B%20GRAPH%20%3Fg%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%7D%20LIMIT%2010000"
            ),
        ],
        "/datasets/dcat" => vec![
            "/datasets/dcat".into(),
            "/datasets/dcat?modified_since=2000-01-01".into(),
        ],
        "/sok" | "/en/sok" => [
            "?q=sekretess",
            "?q=sekretessvariabel&status=utkast",
            "?status=utkast",
            "?q=k%C3%B6n",
            "?q=sekretesskod",
            "?anvandningsfall=zz-hemligt-fall",
            "?anvandningsfall=vardplatser",
            "?datainsamling=kpp",
            "?q=variabel&sida=2",
        ]
        .map(|q| format!("{pattern}{q}"))
        .to_vec(),
        "/jamfor" | "/en/jamfor" => vec![
            format!("{pattern}?id=zz-hemlig-variabel&id=kon"),
            format!("{pattern}?id=zz-offentlig-variabel&id=zz-byter"),
        ],
        "/efterlevnad" | "/en/efterlevnad" | "/efterlevnad.csv" | "/en/efterlevnad.csv" => [
            "",
            "?datainsamling=kpp",
            "?anvandningsfall=zz-hemligt-fall",
            "?anvandningsfall=vardplatser",
        ]
        .map(|q| format!("{pattern}{q}"))
        .to_vec(),
        "/efterlevnad/variabel/{id}"
        | "/en/efterlevnad/variabel/{id}"
        | "/efterlevnad/variabel/{id}.csv"
        | "/en/efterlevnad/variabel/{id}.csv"
        | "/efterlevnad/diagram/variabel/{id}.svg"
        | "/en/efterlevnad/diagram/variabel/{id}.svg" => ["zz-hemlig-variabel", "kon"]
            .map(|v| pattern.replace("{id}", v))
            .to_vec(),
        "/efterlevnad/diagram/anvandningsfall/{id}.svg"
        | "/en/efterlevnad/diagram/anvandningsfall/{id}.svg" => ["zz-hemligt-fall", "vardplatser"]
            .map(|u| pattern.replace("{id}", u))
            .to_vec(),
        "/efterlevnad/{orgnr}/{id}"
        | "/en/efterlevnad/{orgnr}/{id}"
        | "/efterlevnad/{orgnr}/{id}.csv"
        | "/en/efterlevnad/{orgnr}/{id}.csv"
        | "/efterlevnad/diagram/{orgnr}/{id}.svg"
        | "/en/efterlevnad/diagram/{orgnr}/{id}.svg" => ["zz-hemlig-variabel", "kon"]
            .map(|v| pattern.replace("{orgnr}", "232100-0016").replace("{id}", v))
            .to_vec(),
        "/harmonisering" | "/en/harmonisering" | "/harmonisering.svg" | "/en/harmonisering.svg" => {
            [
                "",
                "?anvandningsfall=zz-hemligt-fall",
                "?anvandningsfall=vardplatser",
                "?datainsamling=kpp&agare=202100-0555",
            ]
            .map(|q| format!("{pattern}{q}"))
            .to_vec()
        }
        // Proposals by number: the fixture has none, so each must be a plain 404.
        p if p.contains("forslag/{n}") => ["1", "2"].map(|n| p.replace("{n}", n)).to_vec(),
        p if !p.contains('{') => vec![p.to_owned()],
        other => panic!("the route {other} is not walked: add its URLs to this test"),
    }
}

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

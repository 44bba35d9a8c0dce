//! Mappings between code systems (issue 14): the `mappningar` sheet puts SKOS mapping triples
//! on a code's concept in its codebook's graph (a note as a reified statement); they show on
//! the codebook's page beside its codes (Swedish and English) and in the RDF, go out with the
//! export and come back unchanged; every unknown codebook, code or relation is reported at its
//! cell and nothing written; a mapping to a draft code system, and a draft's mappings, are
//! never shown anonymously. The code systems here are illustrative test content.

use actix_web::test as at;
use varcat::governance::{Role, tokens};
use varcat::store::Iris;
use varcat::web::State;
use varcat::workspace::Workspace;

use crate::support::{BASE, Env, csv_dir, stderr, stdout};
use crate::web::import_into;

const CODEBOOKS: &str = "\
Identifierare,Titel,Status
zz-a,Kodsystem A (test),standard
zz-b,Kodsystem B (test),standard
zz-utkast,Kodsystem utkast (test),utkast
";
const CODES: &str = "\
Kodverk,Kod,Benämning
zz-a,A1,Alfa ett
zz-a,A2,Alfa två
zz-b,B1,Beta ett
zz-b,B/2,Beta två
zz-utkast,U1,Utkastkod
";
const MAPPINGS: &str = "\
Kodverk,Kod,Relation,Målkodverk,Målkod,Anteckning
zz-a,A1,exactMatch,zz-b,B1,
zz-a,A2,broadMatch,zz-b,B/2,Bredare (test)
zz-a,A2,skos:closeMatch,zz-utkast,U1,ZQXMAP
zz-utkast,U1,relatedMatch,zz-a,A1,ZQXFROMDRAFT
";

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

fn content(root: &std::path::Path) -> std::path::PathBuf {
    csv_dir(
        root,
        "kodsystem",
        &[
            ("kodverk.csv", CODEBOOKS),
            ("koder.csv", CODES),
            ("mappningar.csv", MAPPINGS),
        ],
    )
}

fn mapping_lines(dump: &str) -> Vec<String> {
    dump.lines()
        .filter(|l| l.contains("Match>") || l.contains("/mappning/"))
        .map(|l| l.rsplit_once(" <").map_or(l, |(t, _)| t).to_owned())
        .collect()
}

#[test]
fn mappings_are_skos_triples_that_go_out_with_the_export_and_come_back() {
    let env = Env::new();
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = content(tmp.path());
    let first = csv_dir(
        tmp.path(),
        "utan",
        &[("kodverk.csv", CODEBOOKS), ("koder.csv", CODES)],
    );
    assert!(env.import(&first).status.success());
    env.run_ok(&["release", "2026.1"]);
    let out = env.import(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let dump = env.dump();
    let code = |b: &str, n: &str| format!("<{BASE}/kodverk/{b}/{n}>");
    for line in [
        format!(
            "{} <{SKOS}exactMatch> {}",
            code("zz-a", "A1"),
            code("zz-b", "B1")
        ),
        format!(
            "{} <{SKOS}broadMatch> {}",
            code("zz-a", "A2"),
            code("zz-b", "B%2F2")
        ),
        format!(
            "{} <{SKOS}closeMatch> {}",
            code("zz-a", "A2"),
            code("zz-utkast", "U1")
        ),
    ] {
        assert!(dump.contains(&line), "lacks {line}");
    }
    let statement = format!("<{BASE}/kodverk/zz-a/A2/mappning/broadMatch/zz-b/B%2F2>");
    assert!(dump.contains(&format!(
        "{statement} <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> {}",
        code("zz-b", "B%2F2")
    )));
    assert!(dump.contains(&format!("{statement} <{SKOS}note> \"Bredare (test)\"@sv")));
    let lines = mapping_lines(&dump);

    // The export holds the sheet; importing it again, or the codes alone, changes nothing.
    let csv = env.path("ut");
    env.run_ok(&["export", "--format", "csv", csv.to_str().expect("path")]);
    let sheet = std::fs::read_to_string(csv.join("mappningar.csv")).expect("sheet");
    assert!(
        sheet.contains("zz-a,A2,broadMatch,zz-b,B/2,Bredare (test)"),
        "{sheet}"
    );
    let xlsx = env.path("katalog.xlsx");
    env.run_ok(&["export", xlsx.to_str().expect("path")]);
    for again in [&xlsx, &first] {
        let out = env.run_ok(&["import", again.to_str().expect("path")]);
        assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
    }
    assert_eq!(env.dump(), dump, "re-imports are no-ops");
    let fresh = Env::new();
    assert!(fresh.import(&xlsx).status.success());
    assert_eq!(mapping_lines(&fresh.dump()), lines);

    // The change notes name them.
    let out = env.run_ok(&["diff", "2026.1", "current"]);
    assert!(
        stdout(&out)
            .contains("Kodverket Kodsystem A (test): mappning A1 exactMatch zz-b B1 tillagd"),
        "{}",
        stdout(&out)
    );
    // A sheet that lists a codebook's mappings replaces them.
    let fewer = csv_dir(
        tmp.path(),
        "farre",
        &[(
            "mappningar.csv",
            "Kodverk,Kod,Relation,Målkodverk,Målkod\nzz-a,A1,exactMatch,zz-b,B1\n",
        )],
    );
    assert!(env.import(&fewer).status.success());
    let out = env.run_ok(&["diff", "2026.1", "current", "--lang", "en"]);
    let notes = stdout(&out);
    assert!(
        notes.contains("mapping A1 exactMatch zz-b B1 added"),
        "{notes}"
    );
    assert!(!notes.contains("broadMatch"), "{notes}");
}

#[test]
fn every_bad_mapping_cell_is_reported_and_nothing_written() {
    let env = Env::new();
    let tmp = tempfile::tempdir().expect("tmp");
    assert!(env.import(&content(tmp.path())).status.success());
    let dump = env.dump();
    let bad = csv_dir(
        tmp.path(),
        "bad",
        &[(
            "mappningar.csv",
            "\
Kodverk,Kod,Relation,Målkodverk,Målkod,Anteckning
zz-finns-inte,A1,exactMatch,zz-b,B1,
zz-a,A9,exactMatch,zz-b,B1,
zz-a,A1,likadan,zz-b,B1,
zz-a,A1,exactMatch,zz-saknas,B1,
zz-a,A1,exactMatch,zz-b,B9,
zz-a,A1,exactMatch,zz-a,A2,
zz-a,A2,exactMatch,zz-b,B1,
zz-a,A2,exactMatch,zz-b,B1,
zz-a,,exactMatch,zz-b,,
",
        )],
    );
    let out = env.import(&bad);
    assert!(!out.status.success());
    let err = stderr(&out);
    for want in [
        "mappningar!2:A: Kodverk: no codebook zz-finns-inte in this input or in the catalogue",
        "mappningar!3:B: Kod: no code A9 in codebook zz-a",
        "mappningar!4:C: Relation: \"likadan\" is not a known mapping relation",
        "mappningar!5:D: Målkodverk: no codebook zz-saknas",
        "mappningar!6:E: Målkod: no code B9 in codebook zz-b",
        "mappningar!7:D: Målkodverk: a mapping links codes of two code systems",
        "mappningar!9:B: Kod: the mapping A2 exactMatch zz-b B1 is given twice",
        "mappningar!10:B: Kod: is required",
        "mappningar!10:E: Målkod: is required",
        "nothing was imported",
    ] {
        assert!(err.contains(want), "lacks {want}:\n{err}");
    }
    // A code another code system maps to cannot silently go.
    let gone = csv_dir(
        tmp.path(),
        "borta",
        &[("koder.csv", "Kodverk,Kod,Benämning\nzz-b,B/2,Beta två\n")],
    );
    let out = env.import(&gone);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "code B1 of zz-b is the target of a mapping from code A1 of zz-a (exactMatch)"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.dump(), dump, "nothing written");
}

async fn served(tmp: &std::path::Path) -> (State, String) {
    let mut ws = Workspace::in_memory(Iris::new(BASE).expect("base")).expect("workspace");
    import_into(&mut ws, &content(tmp));
    let Workspace { store, mut db } = ws;
    let editor =
        tokens::create(&mut db, "erik", Role::Editor, "2026-01-01T00:00:00Z").expect("token");
    let state = State::new(store, crate::web::settings(1000))
        .expect("snapshot")
        .with_db(db);
    (state, editor)
}

macro_rules! get {
    ($app:expr, $uri:expr, $accept:expr) => {
        get!($app, $uri, $accept, None::<&str>)
    };
    ($app:expr, $uri:expr, $accept:expr, $token:expr) => {{
        let mut req = at::TestRequest::get()
            .uri($uri)
            .insert_header(("Accept", $accept));
        if let Some(t) = $token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        let resp = at::call_service($app, req.to_request()).await;
        let status = resp.status().as_u16();
        let body = at::read_body(resp).await;
        (status, String::from_utf8_lossy(&body).into_owned())
    }};
}

#[actix_web::test]
async fn a_codes_mappings_show_on_its_page_and_in_its_rdf_but_never_a_drafts() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (state, editor) = served(tmp.path()).await;
    let app = crate::app!(state);
    let (status, sv) = get!(&app, "/kodverk/zz-a", "text/html");
    assert_eq!(status, 200);
    for want in [
        "Mappningar till andra kodverk",
        "<a href=\"#kod-A1\"><code>A1</code></a>",
        "exakt motsvarighet",
        "<a href=\"/kodverk/zz-b\">Kodsystem B (test)</a>",
        "<a href=\"/kodverk/zz-b#kod-B_2\"><code>B/2</code></a>",
        "Bredare (test)",
    ] {
        assert!(sv.contains(want), "the Swedish page lacks {want}");
    }
    let (_, en) = get!(&app, "/en/kodverk/zz-a", "text/html");
    for want in [
        "Mappings to other code systems",
        "exact match",
        "broader match",
        "<a href=\"/en/kodverk/zz-b#kod-B1\">",
    ] {
        assert!(en.contains(want), "the English page lacks {want}");
    }
    let (_, nt) = get!(&app, "/kodverk/zz-a", "application/n-triples");
    assert!(nt.contains(&format!("<{SKOS}exactMatch> <{BASE}/kodverk/zz-b/B1>")));
    let (status, code) = get!(&app, "/kodverk/zz-a/A2", "application/n-triples");
    assert_eq!(status, 200);
    assert!(code.contains(&format!("<{SKOS}broadMatch> <{BASE}/kodverk/zz-b/B%2F2>")));
    // A codebook with no mappings has no such section.
    let (_, b) = get!(&app, "/kodverk/zz-b", "text/html");
    assert!(!b.contains("Mappningar till andra kodverk"));

    // Anonymously, the mapping to the draft code system and the draft's own are nowhere.
    for (uri, accept) in [
        ("/kodverk/zz-a", "text/html"),
        ("/en/kodverk/zz-a", "text/html"),
        ("/kodverk/zz-a", "application/n-triples"),
        ("/kodverk/zz-a/A2", "application/n-triples"),
        ("/kodverk/zz-a/A2", "text/html"),
        ("/api/kodverk/zz-a", "application/json"),
    ] {
        let (status, text) = get!(&app, uri, accept);
        assert_eq!(status, 200, "{uri}");
        assert!(
            !text.contains("ZQX") && !text.contains("zz-utkast"),
            "{uri} {accept} names the draft"
        );
    }
    for uri in [
        "/kodverk/zz-utkast",
        "/kodverk/zz-utkast/U1",
        "/kodverk/zz-a/A2/mappning/closeMatch/zz-utkast/U1",
    ] {
        let (status, _) = get!(&app, uri, "text/html");
        assert_eq!(status, 404, "{uri}");
    }
    let query = "/sparql?query=SELECT%20*%20WHERE%20%7B%20?s%20?p%20?o%20FILTER(CONTAINS(STR(?s),%22zz-%22)%20%26%26%20STRENDS(STR(?p),%22Match%22))%20%7D";
    let (status, text) = get!(&app, query, "application/sparql-results+json");
    assert_eq!(status, 200, "{text}");
    assert!(
        text.contains("zz-b/B1"),
        "the public mapping is there: {text}"
    );
    assert!(!text.contains("zz-utkast"), "{text}");

    // An editor sees both.
    let (_, page) = get!(&app, "/kodverk/zz-a", "text/html", Some(&editor));
    assert!(
        page.contains("ZQXMAP"),
        "the editor sees the draft's mapping"
    );
    let (status, draft) = get!(&app, "/kodverk/zz-utkast", "text/html", Some(&editor));
    assert_eq!(status, 200);
    assert!(draft.contains("ZQXFROMDRAFT"));
}

#[actix_web::test]
async fn a_codebooks_json_lists_its_mappings_read_only_and_a_put_keeps_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (state, editor) = served(tmp.path()).await;
    let app = crate::app!(state);
    let mappings_of = |text: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(text).expect("json");
        v["mappings"]
            .as_array()
            .expect("a mappings array")
            .iter()
            .map(|m| {
                format!(
                    "{} {} {} {} {}",
                    m["notation"].as_str().unwrap_or("?"),
                    m["relation"].as_str().unwrap_or("?"),
                    m["target_codebook"].as_str().unwrap_or("?"),
                    m["target_notation"].as_str().unwrap_or("?"),
                    m["note"].as_str().unwrap_or("?"),
                )
            })
            .collect()
    };
    let (status, anon) = get!(&app, "/api/kodverk/zz-a", "application/json");
    assert_eq!(status, 200);
    assert_eq!(
        mappings_of(&anon),
        [
            "A1 exactMatch zz-b B1 ",
            "A2 broadMatch zz-b B/2 Bredare (test)"
        ],
        "anonymously, the mapping to the draft code system is left out"
    );
    let (_, seen) = get!(&app, "/api/kodverk/zz-a", "application/json", Some(&editor));
    let all = mappings_of(&seen);
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all.contains(&"A2 closeMatch zz-utkast U1 ZQXMAP".to_owned()));

    // What GET returns goes back with PUT: the mappings are read-only and stay as they were.
    let mut body: serde_json::Value = serde_json::from_str(&seen).expect("json");
    let etag = body["etag"].as_str().expect("etag").to_owned();
    body["title"] = serde_json::json!("Kodsystem A, ny titel (test)");
    body["mappings"] = serde_json::json!([]);
    let req = at::TestRequest::put()
        .uri("/api/kodverk/zz-a")
        .insert_header(("Authorization", format!("Bearer {editor}")))
        .insert_header(("If-Match", etag))
        .set_json(&body)
        .to_request();
    let resp = at::call_service(&app, req).await;
    assert_eq!(resp.status().as_u16(), 200);
    let (_, after) = get!(&app, "/api/kodverk/zz-a", "application/json", Some(&editor));
    assert!(after.contains("ny titel"), "{after}");
    assert_eq!(mappings_of(&after), all, "the PUT kept the mappings");
}

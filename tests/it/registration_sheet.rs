//! The `registreringar` sheet (issue 14): an item's registrations at other authorities go
//! out with `varcat export` and come back with an import (a re-import changes nothing), by
//! the lifecycle and only from a registrar of that authority (a local import acts as the
//! operator); `varcat diff` and the release notes name them; every bad cell is reported and
//! nothing written; a draft's registrations are nowhere to be seen anonymously.

use actix_web::test as at;
use serde_json::Value;
use varcat::domain::OrgNr;
use varcat::governance::{Role, tokens};
use varcat::store::Iris;
use varcat::web::State;
use varcat::workspace::Workspace;

use crate::support::{BASE, Env, csv_dir, repo, stderr, stdout};
use crate::web::{import_into, loaded_state};

const SOCIALSTYRELSEN: &str = "202100-0555";
const HEADINGS: &str = "Typ,Identifierare,Registreringsmyndighet,Status,Datum,Anteckning\n";
/// Illustrative registrations (no source says Socialstyrelsen registered these items).
const ROWS: &str = "\
variabel,vardform,202100-0555,standard,2026-11-02,Illustrativ registrering (test)
kodverk,kon,202100-0555,kandidat,2026-11-03,
";

/// The sheet with its headings (leaked: a test's short-lived text).
fn sheet(rows: &str) -> &'static str {
    Box::leak(format!("{HEADINGS}{rows}").into_boxed_str())
}

fn registration_lines(dump: &str) -> Vec<String> {
    dump.lines()
        .filter(|l| l.contains("/registrering/"))
        .map(|l| l.rsplit_once(" <").map_or(l, |(t, _)| t).to_owned())
        .collect()
}

#[test]
fn registrations_go_out_with_the_export_and_come_back_unchanged() {
    let env = Env::new();
    assert!(env.import(&repo().join("catalog-data")).status.success());
    env.run_ok(&["release", "2026.1"]);
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = csv_dir(tmp.path(), "reg", &[("registreringar.csv", sheet(ROWS))]);
    let out = env.import(&dir);
    assert!(out.status.success(), "{}", stderr(&out));

    // Each step along the lifecycle is a status change at Socialstyrelsen (the publisher's
    // are catalog-data's own).
    let mut db = varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("db");
    let steps = |iri: &str, db: &mut varcat::db::Db| -> Vec<(String, String, String)> {
        db.status_changes_for(iri)
            .expect("changes")
            .iter()
            .rev()
            .filter(|c| c.authority == SOCIALSTYRELSEN)
            .map(|c| {
                (
                    c.authority.clone(),
                    c.from_status.clone(),
                    c.to_status.clone(),
                )
            })
            .collect()
    };
    let sos = |a: &str, b: &str| (SOCIALSTYRELSEN.to_owned(), a.to_owned(), b.to_owned());
    assert_eq!(
        steps(&format!("{BASE}/variabel/vardform"), &mut db),
        [sos("utkast", "kandidat"), sos("kandidat", "standard")]
    );
    assert_eq!(
        steps(&format!("{BASE}/kodverk/kon"), &mut db),
        [sos("utkast", "kandidat")]
    );
    drop(db);
    let dump = env.dump();
    let regs = registration_lines(&dump);
    assert!(
        regs.iter().any(|l| l.contains("\"2026-11-02\"^^")),
        "the date as given: {regs:?}"
    );
    assert!(
        regs.iter()
            .any(|l| l.contains("\"Illustrativ registrering (test)\"@sv")),
        "{regs:?}"
    );

    // The export carries them; importing it again changes nothing, not even a date.
    let xlsx = env.path("katalog.xlsx");
    env.run_ok(&["export", xlsx.to_str().expect("path")]);
    let csv = env.path("katalog-csv");
    env.run_ok(&["export", "--format", "csv", csv.to_str().expect("path")]);
    let exported = std::fs::read_to_string(csv.join("registreringar.csv")).expect("sheet");
    assert!(
        exported.contains("variabel,vardform,202100-0555,standard,2026-11-02"),
        "{exported}"
    );
    assert!(exported.contains("kodverk,kon,202100-0555,kandidat,2026-11-03"));
    let out = env.run_ok(&["import", xlsx.to_str().expect("path")]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
    assert_eq!(env.dump(), dump, "a re-import is a no-op");

    // Into an empty catalogue the export brings the same registrations.
    let fresh = Env::new();
    let out = fresh.import(&xlsx);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(registration_lines(&fresh.dump()), regs);

    // The change notes name them: diff and the next release.
    let out = env.run_ok(&["diff", "2026.1", "current"]);
    let notes = stdout(&out);
    assert!(
        notes.contains("Variabeln Vårdform: registrering hos 202100-0555 tillagd"),
        "{notes}"
    );
    assert!(
        notes.contains("Kodverket Kön: registrering hos 202100-0555 tillagd"),
        "{notes}"
    );
    let later = csv_dir(
        tmp.path(),
        "later",
        &[(
            "registreringar.csv",
            sheet("variabel,vardform,202100-0555,ersatt,2026-12-01,Ersatt (test)\n"),
        )],
    );
    assert!(env.import(&later).status.success());
    let out = env.run_ok(&["diff", "2026.1", "current", "--lang", "en"]);
    assert!(
        stdout(&out).contains("registration at 202100-0555 added"),
        "{}",
        stdout(&out)
    );
    env.run_ok(&["release", "2026.2"]);
    let out = env.run_ok(&["release", "2026.3"]);
    assert!(
        !stdout(&out).contains("registrering"),
        "nothing changed since 2026.2: {}",
        stdout(&out)
    );
    let out = env.run_ok(&["diff", "2026.2", "current"]);
    assert_eq!(stdout(&out).trim(), "Inga ändringar.");
    let json = env.run_ok(&["diff", "2026.1", "2026.2", "--json"]);
    assert!(
        stdout(&json).contains("\"item\": \"variabel/vardform\""),
        "{}",
        stdout(&json)
    );
}

#[test]
fn every_bad_registration_cell_is_reported_and_nothing_written() {
    let env = Env::new();
    assert!(env.import(&repo().join("catalog-data")).status.success());
    let tmp = tempfile::tempdir().expect("tmp");
    let first = csv_dir(tmp.path(), "first", &[("registreringar.csv", sheet(ROWS))]);
    assert!(env.import(&first).status.success());
    let dump = env.dump();
    let bad = csv_dir(
        tmp.path(),
        "bad",
        &[(
            "registreringar.csv",
            sheet(
                "\
organisation,kon,202100-0555,kandidat,,
variabel,finns-inte,202100-0555,kandidat,,
variabel,kon,559000-1235,kandidat,,
variabel,kon,222000-0315,kandidat,,
variabel,kon,202100-0555,kandidat,2026-13-01,
variabel,vardplatstyp,202100-0555,klar,,
variabel,vardform,202100-0555,utkast,,
kodverk,kon,202100-0555,kandidat,2026-11-03,
kodverk,kon,202100-0555,standard,,
",
            ),
        )],
    );
    let out = env.import(&bad);
    assert!(!out.status.success());
    let err = stderr(&out);
    for want in [
        "registreringar!2:A: Typ: \"organisation\" is not a kind of item with registrations",
        "registreringar!3:B: Identifierare: no variabel finns-inte in this input or in the catalogue",
        "registreringar!4:C: Registreringsmyndighet: no organisation 559000-1235",
        "registreringar!5:C: Registreringsmyndighet: 222000-0315 is the catalogue's publisher",
        "registreringar!6:E: Datum: \"2026-13-01\" is not a date",
        "registreringar!7:D: Status: \"klar\" is not a known status",
        "registreringar!8:D: Status: the registration of variabel vardform at 202100-0555 is standard and cannot become utkast",
        "registreringar!10:C: Registreringsmyndighet: the registration of kodverk kon at 202100-0555 is given twice",
        "nothing was imported",
    ] {
        assert!(err.contains(want), "lacks {want}:\n{err}");
    }
    assert_eq!(env.dump(), dump, "nothing written");
}

fn registrar_of(state: &State, name: &str, authority: &str) -> String {
    let mut db = state.db.lock().expect("db");
    let org = OrgNr::parse(authority).expect("orgnr");
    tokens::create_registrar(&mut db, name, &org, "2026-12-17T10:00:00Z").expect("token")
}

fn token(state: &State, name: &str, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, name, role, "2026-12-17T10:00:00Z").expect("token")
}

macro_rules! send {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let bytes = at::read_body(resp).await;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, body, text)
    }};
}

fn import(file: &str, token: &str) -> at::TestRequest {
    at::TestRequest::post()
        .uri("/api/import?name=registreringar.csv")
        .insert_header(("Content-Type", "text/csv"))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .set_payload(file.to_owned())
}

#[actix_web::test]
async fn through_the_server_only_that_authoritys_registrar_changes_a_registration() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let skr = token(&state, "skr", Role::Registrar);
    let sos = registrar_of(&state, "sos", SOCIALSTYRELSEN);
    let app = crate::app!(state.clone());
    let file = sheet("variabel,vardform,202100-0555,kandidat,2026-12-01,Remiss (test)\n");
    for t in [&editor, &skr] {
        let (status, body, _) = send!(&app, import(&file, t));
        assert_eq!(status, 422, "{body}");
        let text = body["problems"][0]["text"].as_str().unwrap_or_default();
        assert!(
            text.starts_with(
                "registreringar!2:D: Status: this changes the registration of variabel vardform at 202100-0555 (a new registration, kandidat), which only a registrar of 202100-0555 may do"
            ),
            "{body}"
        );
    }
    let (_, item, _) = send!(&app, at::TestRequest::get().uri("/api/variabler/vardform"));
    assert_eq!(
        item["registrations"],
        serde_json::json!([]),
        "nothing written"
    );
    let (status, body, _) = send!(&app, import(&file, &sos));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["outcome"], "applied", "{body}");
    let (_, item, _) = send!(&app, at::TestRequest::get().uri("/api/variabler/vardform"));
    assert_eq!(item["registrations"][0]["status"], "kandidat", "{item}");
    assert_eq!(item["registrations"][0]["date"], "2026-12-01");
    assert_eq!(item["status"], "kandidat", "the item's own status stays");
    // The same rows again change nothing, so anyone may import them (an export, say).
    let (status, body, _) = send!(&app, import(&file, &editor));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["outcome"], "unchanged", "{body}");
    // A changed note is a change at Socialstyrelsen too.
    let noted = sheet("variabel,vardform,202100-0555,kandidat,2026-12-01,Ny anteckning\n");
    let (status, body, _) = send!(&app, import(&noted, &editor));
    assert_eq!(status, 422, "{body}");
    let text = body["problems"][0]["text"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("registreringar!2:F: Anteckning:"),
        "{body}"
    );
}

#[actix_web::test]
async fn a_drafts_registrations_are_never_shown_anonymously() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut ws = Workspace::in_memory(Iris::new(BASE).expect("base")).expect("workspace");
    import_into(&mut ws, &repo().join("catalog-data"));
    let releases = tmp.path().join("releases");
    let r = varcat::releases::Releases::new(releases.clone());
    r.create("2026.1", &ws.store, "test", "2026-01-01T00:00:00Z")
        .expect("release");
    let draft = csv_dir(
        tmp.path(),
        "draft",
        &[
            (
                "variabler.csv",
                "Identifierare,Namn,Definition\nzz-utkast,ZQXUTKAST,Ett utkast (test).\n",
            ),
            (
                "registreringar.csv",
                sheet(
                    "variabel,zz-utkast,202100-0555,standard,2026-11-02,ZQXNOTE\n\
                     variabel,vardform,202100-0555,kandidat,2026-11-02,OFFENTLIGNOTE\n",
                ),
            ),
        ],
    );
    import_into(&mut ws, &draft);
    r.create("2026.2", &ws.store, "test", "2026-02-01T00:00:00Z")
        .expect("release");
    let Workspace { store, mut db } = ws;
    let editor =
        tokens::create(&mut db, "erik", Role::Editor, "2026-01-01T00:00:00Z").expect("token");
    let state = State::new(store, crate::web::settings(1000))
        .expect("snapshot")
        .with_db(db)
        .with_releases(releases);
    let app = crate::app!(state);
    let get = |uri: &str, accept: &str| {
        at::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept", accept.to_owned()))
    };
    for uri in [
        "/variabel/zz-utkast",
        "/variabel/zz-utkast/registrering/202100-0555",
        "/api/variabler/zz-utkast",
        "/variabel/zz-utkast/historik",
    ] {
        let (status, _, text) = send!(&app, get(uri, "text/html"));
        assert_eq!(status, 404, "{uri}");
        assert!(!text.contains("ZQXNOTE"), "{uri}");
    }
    for uri in ["/utgavor/2026.2", "/en/utgavor/2026.2", "/api/variabler"] {
        let (status, _, text) = send!(&app, get(uri, "text/html"));
        assert_eq!(status, 200, "{uri}");
        assert!(
            !text.contains("ZQX") && !text.contains("zz-utkast"),
            "{uri} names the draft"
        );
    }
    let (_, _, notes) = send!(&app, get("/utgavor/2026.2", "text/html"));
    assert!(
        notes.contains("Variabeln Vårdform: registrering hos 202100-0555 tillagd"),
        "a public item's registration is in the release notes"
    );
    let query = "/sparql?query=SELECT%20*%20WHERE%20%7B%20GRAPH%20?g%20%7B%20?s%20?p%20?o%20%7D%20FILTER(CONTAINS(STR(?s),%22zz-utkast%22)%20||%20CONTAINS(STR(?o),%22ZQX%22)%20||%20CONTAINS(STR(?o),%22OFFENTLIGNOTE%22))%20%7D";
    let (status, _, text) = send!(&app, get(query, "application/sparql-results+json"));
    assert_eq!(status, 200, "{text}");
    assert!(
        !text.contains("ZQX") && !text.contains("zz-utkast"),
        "{text}"
    );
    assert!(
        text.contains("OFFENTLIGNOTE"),
        "a public registration is there: {text}"
    );
    // An editor sees the draft's registration on its page and in the release notes.
    let signed = |uri: &str| {
        get(uri, "text/html").insert_header(("Authorization", format!("Bearer {editor}")))
    };
    let (_, _, page) = send!(&app, signed("/variabel/zz-utkast"));
    assert!(page.contains("ZQXNOTE"), "the editor sees the registration");
    let (_, _, notes) = send!(&app, signed("/utgavor/2026.2"));
    assert!(
        notes.contains("registrering hos 202100-0555 tillagd"),
        "the editor's release notes name it"
    );
}

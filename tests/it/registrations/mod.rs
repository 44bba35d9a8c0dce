//! Registration per authority (issue 14): a registrar's token is bound to one authority and
//! sets only that authority's status; at the publisher (SKR) that is the item's own status,
//! at another authority the item's registration there, shown on the pages and in the RDF but
//! changing no one's view of the item. Refusals: the wrong role or authority (403), a stale or
//! missing ETag (409, 428), an unknown authority (422), a step the lifecycle does not allow
//! (409). Imports move statuses along the lifecycle only, each step recorded; `varcat token
//! create --authority`.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::domain::OrgNr;
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::support::{BASE, Env, csv_dir, repo, stderr, stdout};
use crate::web::loaded_state;

macro_rules! send {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = at::read_body(resp).await;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, headers, body, text)
    }};
}

const SKR: &str = "222000-0315";
const SOCIALSTYRELSEN: &str = "202100-0555";
/// A well-formed organisationsnummer of no organisation in catalog-data.
const UNKNOWN: &str = "559000-1235";

fn token(state: &State, name: &str, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, name, role, "2026-12-17T10:00:00Z").expect("token")
}

fn registrar_of(state: &State, name: &str, authority: &str) -> String {
    let mut db = state.db.lock().expect("db");
    let org = OrgNr::parse(authority).expect("orgnr");
    tokens::create_registrar(&mut db, name, &org, "2026-12-17T10:00:00Z").expect("token")
}

fn bearer(t: &str) -> (&'static str, String) {
    ("Authorization", format!("Bearer {t}"))
}

fn audit_count(state: &State) -> usize {
    let mut db = state.db.lock().expect("db");
    db.audit(None, 100_000).expect("audit").len()
}

/// Posts `body` to `uri` (a status path) with the item's current ETag (or `etag` when given).
macro_rules! post_status {
    ($app:expr, $token:expr, $uri:expr, $body:expr) => {
        post_status!($app, $token, $uri, $body, None::<&str>)
    };
    ($app:expr, $token:expr, $uri:expr, $body:expr, $etag:expr) => {{
        let item = $uri.trim_end_matches("/status");
        let (_, headers, _, _) = send!(
            $app,
            at::TestRequest::get()
                .uri(item)
                .insert_header(bearer($token))
        );
        let current = headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let etag: Option<&str> = $etag;
        let (status, _, body, _) = send!(
            $app,
            at::TestRequest::post()
                .uri($uri)
                .insert_header(bearer($token))
                .insert_header(("If-Match", etag.unwrap_or(&current)))
                .set_json($body)
        );
        (status, body)
    }};
}

#[actix_web::test]
async fn a_registrar_sets_its_own_authoritys_status_only() {
    let state = loaded_state();
    let sos = registrar_of(&state, "sos", SOCIALSTYRELSEN);
    let skr = token(&state, "skr", Role::Registrar);
    let editor = token(&state, "erik", Role::Editor);
    let app = crate::app!(state.clone());
    let uri = "/api/variabler/vardform/status";

    // The lifecycle at Socialstyrelsen, from "not registered" (utkast): every allowed step,
    // and the refused ones naming what is allowed.
    let (status, body) = post_status!(&app, &sos, uri, json!({"status": "standard"}));
    assert_eq!(status, 409, "utkast → standard: {body}");
    assert_eq!(body["allowed"], json!(["kandidat"]));
    for to in ["kandidat", "utkast", "kandidat", "standard"] {
        let (status, body) = post_status!(
            &app,
            &sos,
            uri,
            json!({"status": to, "note": format!("Beslut: {to}")})
        );
        assert_eq!(status, 200, "→ {to}: {body}");
        assert_eq!(body["status"], "kandidat", "the item's own status stays");
        assert_eq!(body["registrations"][0]["authority"], SOCIALSTYRELSEN);
        assert_eq!(body["registrations"][0]["status"], to);
        assert_eq!(body["registrations"][0]["note"], format!("Beslut: {to}"));
        assert_eq!(
            body["registrations"][0]["date"].as_str().map(str::len),
            Some(10)
        );
    }
    let (status, body) = post_status!(&app, &sos, uri, json!({"status": "kandidat"}));
    assert_eq!(status, 409, "standard → kandidat: {body}");
    assert_eq!(body["allowed"], json!(["ersatt", "avregistrerad"]));

    // Refusals write nothing.
    let before = audit_count(&state);
    let (status, body) = post_status!(
        &app,
        &sos,
        uri,
        json!({"status": "standard", "authority": SKR})
    );
    assert_eq!(status, 403, "another authority's status: {body}");
    let detail = body["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains(SOCIALSTYRELSEN) && detail.contains(SKR),
        "the problem names both authorities: {body}"
    );
    assert_eq!(body["status"], 403);
    let (status, body) = post_status!(
        &app,
        &skr,
        uri,
        json!({"status": "ersatt", "authority": SOCIALSTYRELSEN})
    );
    assert_eq!(
        status, 403,
        "the publisher's registrar at Socialstyrelsen: {body}"
    );
    let (status, body) = post_status!(&app, &editor, uri, json!({"status": "ersatt"}));
    assert_eq!(status, 403, "an editor: {body}");
    let (status, body) = post_status!(
        &app,
        &sos,
        uri,
        json!({"status": "ersatt", "authority": UNKNOWN})
    );
    assert_eq!(status, 422, "an unknown authority: {body}");
    assert_eq!(body["errors"][0]["field"], "authority", "{body}");
    let (status, body) = post_status!(
        &app,
        &sos,
        uri,
        json!({"status": "ersatt"}),
        Some("\"stale\"")
    );
    assert_eq!(status, 409, "a stale ETag: {body}");
    assert!(body["current_etag"].is_string(), "{body}");
    let (status, _, body, _) = send!(
        &app,
        at::TestRequest::post()
            .uri(uri)
            .insert_header(bearer(&sos))
            .set_json(json!({"status": "ersatt"}))
    );
    assert_eq!(status, 428, "no If-Match: {body}");
    assert_eq!(audit_count(&state), before, "no refusal wrote anything");

    // A registrar bound to an authority the catalogue does not have: 422 by default.
    let stray = registrar_of(&state, "stray", UNKNOWN);
    let (status, body) = post_status!(&app, &stray, uri, json!({"status": "kandidat"}));
    assert_eq!(status, 422, "{body}");

    // The publisher's registrar moves the item's own status, leaving Socialstyrelsen's.
    let (status, body) = post_status!(&app, &skr, uri, json!({"status": "standard"}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "standard");
    assert_eq!(body["registrations"][0]["status"], "standard");

    // Every change is in the history: the status-change rows name the authority, and each
    // has its audit entry.
    let iri = format!("{BASE}/variabel/vardform");
    let mut db = state.db.lock().expect("db");
    let changes = db.status_changes_for(&iri).expect("changes");
    let at_sos: Vec<(&str, &str)> = changes
        .iter()
        .filter(|c| c.authority == SOCIALSTYRELSEN)
        .map(|c| (c.from_status.as_str(), c.to_status.as_str()))
        .rev()
        .collect();
    assert_eq!(
        at_sos,
        [
            ("utkast", "kandidat"),
            ("kandidat", "utkast"),
            ("utkast", "kandidat"),
            ("kandidat", "standard")
        ]
    );
    assert!(
        changes
            .iter()
            .any(|c| c.authority == SKR && c.actor == "skr")
    );
    let audited = db
        .audit(Some(&iri), 100)
        .expect("audit")
        .iter()
        .filter(|e| e.action == "status")
        .count();
    assert_eq!(audited, 5);
}

#[actix_web::test]
async fn a_registration_elsewhere_shows_on_the_page_and_in_the_rdf_and_hides_nothing() {
    let state = loaded_state();
    let sos = registrar_of(&state, "sos", SOCIALSTYRELSEN);
    let editor = token(&state, "erik", Role::Editor);
    let app = crate::app!(state.clone());
    // A draft at the publisher, a candidate at Socialstyrelsen: still a draft to everyone.
    let (status, _, body, _) = send!(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/kroppsvikt")
            .insert_header(bearer(&editor))
            .set_json(json!({"name": "Kroppsvikt", "definition": "Kroppsvikt i kilogram."}))
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = post_status!(
        &app,
        &sos,
        "/api/variabler/kroppsvikt/status",
        json!({"status": "kandidat", "note": "Remiss <2027>"})
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "utkast");
    for uri in [
        "/variabel/kroppsvikt",
        "/variabel/kroppsvikt.ttl",
        "/api/variabler/kroppsvikt",
        "/variabel/kroppsvikt/historik",
    ] {
        let (status, _, _, _) = send!(&app, at::TestRequest::get().uri(uri));
        assert_eq!(status, 404, "{uri}: a draft at the publisher is hidden");
    }
    let (_, _, list, _) = send!(&app, at::TestRequest::get().uri("/api/variabler"));
    assert!(!list.to_string().contains("kroppsvikt"));

    // A public item registered at Socialstyrelsen: the page in both languages.
    let uri = "/api/variabler/vardform/status";
    for to in ["kandidat", "standard"] {
        let (status, body) = post_status!(
            &app,
            &sos,
            uri,
            json!({"status": to, "note": "Fastställd i <föreskrift>"})
        );
        assert_eq!(status, 200, "{body}");
    }
    let (status, _, _, sv) = send!(
        &app,
        at::TestRequest::get()
            .uri("/variabel/vardform")
            .insert_header(("Accept", "text/html"))
    );
    assert_eq!(status, 200);
    for w in [
        "Registrering per myndighet",
        "Socialstyrelsen</a></th><td>standard</td>",
        "Sveriges Kommuner och Regioner</a> (utgivare av katalogen)</th><td>kandidat</td>",
        "Fastställd i &#60;föreskrift&#62;",
    ] {
        assert!(sv.contains(w), "the Swedish page lacks {w}");
    }
    assert!(!sv.contains("<föreskrift>"), "the note is escaped");
    let (_, _, _, en) = send!(
        &app,
        at::TestRequest::get()
            .uri("/en/variabel/vardform")
            .insert_header(("Accept", "text/html"))
    );
    for w in [
        "Registration per authority",
        "National Board of Health and Welfare</a></th><td>standard</td>",
        "(publisher of the catalogue)</th><td>candidate</td>",
    ] {
        assert!(en.contains(w), "the English page lacks {w}");
    }
    // Without a registration elsewhere a page has no such section.
    let (_, _, _, kon) = send!(&app, at::TestRequest::get().uri("/variabel/kon"));
    assert!(!kon.contains("Registrering per myndighet"));

    // The RDF: the registration with its authority, status, date and note; the item's own
    // adms:status is still the publisher's.
    let (status, _, _, ttl) = send!(
        &app,
        at::TestRequest::get()
            .uri("/variabel/vardform")
            .insert_header(("Accept", "application/n-triples"))
    );
    assert_eq!(status, 200);
    let item = format!("<{BASE}/variabel/vardform>");
    let reg = format!("<{BASE}/variabel/vardform/registrering/{SOCIALSTYRELSEN}>");
    let ns = "https://w3id.org/varcat/ns#";
    let adms = "<http://www.w3.org/ns/adms#status>";
    for line in [
        format!("{item} <{ns}registration> {reg} ."),
        format!("{reg} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ns}Registration> ."),
        format!(
            "{reg} <{ns}registrationAuthority> <http://dataportal.se/organisation/SE2021000555> ."
        ),
        format!("{reg} {adms} <{ns}status-standard> ."),
        format!("{item} {adms} <{ns}status-kandidat> ."),
    ] {
        assert!(ttl.contains(&line), "the RDF lacks {line}\n{ttl}");
    }
    assert!(ttl.contains(&format!("{reg} <http://purl.org/dc/terms/date> \"")));
    assert!(ttl.contains("^^<http://www.w3.org/2001/XMLSchema#date>"));

    // The feed carries the publisher's status only and still conforms.
    let (status, _, _, feed) = send!(&app, at::TestRequest::get().uri("/datasets/dcat"));
    assert_eq!(status, 200);
    assert!(
        !feed.contains("registrering/"),
        "no registration in the feed"
    );
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("feed.rdf");
    std::fs::write(&file, &feed).expect("write");
    let report = crate::feeds::shacl(&crate::feeds::SE_SHAPES, &[], &file);
    assert_eq!(crate::feeds::violations(&report), Vec::<String>::new());
}

#[test]
fn token_create_binds_a_registrar_to_an_authority() {
    let env = Env::new();
    let out = env.run_ok(&[
        "token",
        "create",
        "--name",
        "sos",
        "--role",
        "registrar",
        "--authority",
        SOCIALSTYRELSEN,
    ]);
    let token = stdout(&out).trim().to_owned();
    env.run_ok(&["token", "create", "--name", "skr", "--role", "registrar"]);
    let list = stdout(&env.run_ok(&["token", "list"]));
    let line = |name: &str| {
        list.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(line("sos").contains(SOCIALSTYRELSEN), "{list}");
    assert!(
        line("skr").contains(SKR),
        "the default is the publisher: {list}"
    );
    let mut db = varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("db");
    let caller = tokens::authenticate(&mut db, &token)
        .expect("db")
        .expect("valid");
    assert_eq!(caller.registers_for().as_str(), SOCIALSTYRELSEN);
    for bad in [
        vec!["--role", "editor", "--authority", SOCIALSTYRELSEN],
        vec!["--role", "registrar", "--authority", "12345"],
    ] {
        let mut args = vec!["token", "create", "--name", "x"];
        args.extend(bad);
        let out = env.run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains("--authority"), "{}", stderr(&out));
    }
}

#[test]
fn imports_move_statuses_along_the_lifecycle_and_refuse_jumps() {
    let env = Env::new();
    assert!(env.import(&repo().join("catalog-data")).status.success());
    let tmp = tempfile::tempdir().expect("tmp");
    // A new item without a status column starts as utkast, as one from the API does.
    let new = csv_dir(
        tmp.path(),
        "ny",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition\nlangd,Längd,Kroppslängd i centimeter.\n",
        )],
    );
    assert!(env.import(&new).status.success());
    let dump = env.dump();
    assert!(
        dump.contains(&format!(
            "<{BASE}/variabel/langd> <http://www.w3.org/ns/adms#status> <https://w3id.org/varcat/ns#status-utkast>"
        )),
        "langd is utkast"
    );

    // A jump the lifecycle has no way for is refused at its cell, and nothing is written.
    let jump = csv_dir(
        tmp.path(),
        "hopp",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Status\nlangd,Längd,Kroppslängd i centimeter.,kandidat\nkon,Kön,Kön.,utkast\n",
        )],
    );
    let out = env.run(&["import", jump.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("variabler!3:D: Status: variabel kon is standard and cannot become utkast"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(env.dump(), dump, "nothing written");

    // A later status is reached step by step, each step recorded at the publisher.
    let steps = csv_dir(
        tmp.path(),
        "steg",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Status\nlangd,Längd,Kroppslängd i centimeter.,standard\n",
        )],
    );
    let out = env.import(&steps);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut db = varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("db");
    let changes = db
        .status_changes_for(&format!("{BASE}/variabel/langd"))
        .expect("changes");
    let got: Vec<(&str, &str, &str)> = changes
        .iter()
        .rev()
        .map(|c| {
            (
                c.authority.as_str(),
                c.from_status.as_str(),
                c.to_status.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(SKR, "utkast", "kandidat"), (SKR, "kandidat", "standard")]
    );
}

#[actix_web::test]
async fn a_server_import_changes_statuses_only_with_the_publishers_registrar() {
    let state = loaded_state();
    let editor = token(&state, "erik", Role::Editor);
    let sos = registrar_of(&state, "sos", SOCIALSTYRELSEN);
    let skr = token(&state, "skr", Role::Registrar);
    let app = crate::app!(state.clone());
    let file =
        "Identifierare,Namn,Definition,Status\nvardform,Vårdform,Vårdform (test).,standard\n";
    let import = |t: &str| {
        at::TestRequest::post()
            .uri("/api/import?name=variabler.csv")
            .insert_header(("Content-Type", "text/csv"))
            .insert_header(bearer(t))
            .set_payload(file)
    };
    for t in [&editor, &sos] {
        let (status, _, body, _) = send!(&app, import(t));
        assert_eq!(status, 422, "{body}");
        let text = body["problems"][0]["text"].as_str().unwrap_or_default();
        assert!(
            text.starts_with("variabler!2:D: Status: variabel vardform would change status"),
            "{body}"
        );
    }
    let (_, _, item, _) = send!(&app, at::TestRequest::get().uri("/api/variabler/vardform"));
    assert_eq!(item["status"], "kandidat", "nothing written");
    let (status, _, body, _) = send!(&app, import(&skr));
    assert_eq!(status, 200, "{body}");
    let (_, _, item, _) = send!(&app, at::TestRequest::get().uri("/api/variabler/vardform"));
    assert_eq!(item["status"], "standard");
}

mod put;

//! Harmonisation status (issue 14): a variable's and a data collection's steps of the method
//! (Table 5 of SKR's final report) and reference groups, through the sheets (import, export,
//! round trip, every bad cell at once), the store (RDF), the API (write, audit), the overview
//! page `/harmonisering` (filters, counts, key figures, drafts hidden) and the item pages.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::{Role, tokens};

use crate::support::{Env, csv_dir, repo, stderr};
use crate::web::{loaded_state, state_from};

const ORGS: &str = "Organisationsnummer,Namn,Typ\n\
    202100-0555,Socialstyrelsen,NationalAuthority\n\
    222000-0315,Sveriges Kommuner och Regioner,NationalAuthority\n";
const COLLECTIONS: &str = "Identifierare,Titel,Beskrivning,Utgivare,Kontakt e-post,Åtkomst\n\
    kpp,KPP,Kostnad per patient.,222000-0315,info@skr.se,begränsad\n";
const VARIABLES: &str = "Identifierare,Namn,Definition,Datatyp,Ägare,Datainsamlingar,Status\n\
    vikt,Vikt,Kroppsvikt.,heltal,202100-0555,kpp,standard\n\
    langd,Längd,Kroppslängd.,heltal,222000-0315,kpp,standard\n\
    hemlig,Hemlig variabel,Ett utkast.,heltal,202100-0555,kpp,utkast\n";
const HISTORY: &str = "Variabel,Steg,Datum,Anteckning,Källa\n\
    vikt,A,2025-06,Dialog med ägaren,\"Slutrapport, avsnitt 2.3.1.3\"\n\
    vikt,C,2026-01-15,Workshop hållen,\n\
    langd,E,2026-02-01,Realiserad,\n\
    hemlig,E,2026-02-01,Hemligt steg,\n";
const GROUPS: &str = "Variabel,Organisation,Roll i referensgruppen\n\
    vikt,222000-0315,ordförande\n\
    vikt,202100-0555,ägare\n";
const COLLECTION_HISTORY: &str = "Datainsamling,Steg,Datum,Anteckning,Källa\n\
    kpp,B,2025-06,Listad för användningsfallen,\n";

fn sheets(env: &Env) -> std::path::PathBuf {
    csv_dir(
        env.tmp.path(),
        "in",
        &[
            ("organisationer.csv", ORGS),
            ("datainsamlingar.csv", COLLECTIONS),
            ("variabler.csv", VARIABLES),
            ("harmonisering.csv", HISTORY),
            ("referensgrupper.csv", GROUPS),
            ("harmonisering-datainsamlingar.csv", COLLECTION_HISTORY),
        ],
    )
}

#[test]
fn the_sheets_import_store_export_and_import_back_unchanged() {
    let env = Env::new();
    let dir = sheets(&env);
    let out = env.import(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let dump = env.dump();
    for needle in [
        "<https://w3id.org/varcat/ns#harmonisationStep> <https://varcat.test/metod/C>",
        "<https://varcat.test/variabel/vikt/harmonisering/2> <http://purl.org/dc/terms/type> <https://varcat.test/metod/C>",
        "\"2025-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>",
        "<http://www.w3.org/ns/prov#Activity>",
        "<https://varcat.test/variabel/vikt/referensgrupp/222000-0315> <http://www.w3.org/ns/org#member> <http://dataportal.se/organisation/SE2220000315>",
        "<https://varcat.test/datainsamling/kpp> <https://w3id.org/varcat/ns#harmonisationStep> <https://varcat.test/metod/B>",
        "Illustrativt steg",
    ] {
        assert!(dump.contains(needle), "{needle} missing: {dump}");
    }
    let exported = env.path("ut");
    env.run_ok(&[
        "export",
        "--format",
        "csv",
        exported.to_str().expect("utf-8"),
    ]);
    let history = std::fs::read_to_string(exported.join("harmonisering.csv")).expect("sheet");
    assert!(
        history.contains("vikt;C;2026-01-15") || history.contains("vikt,C,2026-01-15"),
        "{history}"
    );
    let groups = std::fs::read_to_string(exported.join("referensgrupper.csv")).expect("sheet");
    assert!(groups.contains("ordförande"), "{groups}");
    let again = env.import(&exported);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(env.dump(), dump, "export then import changed the catalogue");
    // The xlsx round trip too.
    let book = env.path("ut.xlsx");
    env.run_ok(&["export", book.to_str().expect("utf-8")]);
    let again = env.import(&book);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        env.dump(),
        dump,
        "xlsx export then import changed the catalogue"
    );
}

#[test]
fn bad_cells_are_reported_together_at_their_cells_and_nothing_is_imported() {
    let env = Env::new();
    let dir = sheets(&env);
    assert!(env.import(&dir).status.success());
    let before = env.dump();
    let bad = csv_dir(
        env.tmp.path(),
        "bad",
        &[
            (
                "harmonisering.csv",
                "Variabel,Steg,Datum,Anteckning,Källa\n\
                 vikt,F,2025-06,,\n\
                 vikt,B,juni 2025,,\n\
                 okand,B,2025-06,,\n",
            ),
            (
                "referensgrupper.csv",
                "Variabel,Organisation,Roll i referensgruppen\n\
                 vikt,232100-0016,deltagare\n\
                 vikt,12345,deltagare\n",
            ),
        ],
    );
    let out = env.import(&bad);
    assert!(!out.status.success());
    let err = stderr(&out);
    for needle in [
        "harmonisering!2:B: Steg: \"F\" is not a step of the harmonisation method",
        "harmonisering!3:C: Datum: \"juni 2025\" is not a date",
        "harmonisering!4:A: Variabel: no variabel okand",
        "referensgrupper!2:B: Organisation: no organisation 232100-0016",
        "referensgrupper!3:B: Organisation:",
    ] {
        assert!(err.contains(needle), "{needle} missing: {err}");
    }
    assert_eq!(env.dump(), before, "nothing was imported");
}

fn token(state: &varcat::web::State, role: Role) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, "anna", role, "2026-12-01T10:00:00Z").expect("token")
}

/// A page as a browser gets it (status 200).
macro_rules! get_html {
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
async fn the_api_writes_the_history_with_an_audit_entry_and_refuses_bad_fields() {
    let state = loaded_state();
    let editor = token(&state, Role::Editor);
    let app = crate::app!(state.clone());
    let resp = at::call_service(
        &app,
        at::TestRequest::get()
            .uri("/api/variabler/kon")
            .to_request(),
    )
    .await;
    let mut kon: Value = at::read_body_json(resp).await;
    assert_eq!(kon["harmonisation"][0]["step"], "A", "{kon}");
    let etag = kon["etag"].as_str().expect("etag").to_owned();
    let before = state
        .db
        .lock()
        .expect("db")
        .audit(None, 10_000)
        .expect("audit")
        .len();

    // Every bad field named, nothing written.
    let mut bad = kon.clone();
    bad["harmonisation"] = json!([{"step": "Z", "date": "2026-13-01"}]);
    bad["reference_group"] = json!([{"organisation": "12345", "group_role": "x"}]);
    let resp = at::call_service(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/kon")
            .insert_header(("Authorization", format!("Bearer {editor}")))
            .insert_header(("If-Match", etag.as_str()))
            .set_json(&bad)
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 422);
    let problems: Value = at::read_body_json(resp).await;
    let text = problems.to_string();
    for f in [
        "harmonisation[0].step",
        "harmonisation[0].date",
        "reference_group[0]",
    ] {
        assert!(text.contains(f), "{f} missing: {text}");
    }
    assert_eq!(
        state
            .db
            .lock()
            .expect("db")
            .audit(None, 10_000)
            .expect("audit")
            .len(),
        before
    );

    // A new step and a reference group: written, audited, served.
    let mut history = kon["harmonisation"].as_array().cloned().unwrap_or_default();
    history.push(json!({"step": "C", "date": "2026-11-30", "note": "Workshop", "source": ""}));
    kon["harmonisation"] = Value::Array(history);
    kon["reference_group"] = json!([{"organisation": "232100-0016", "group_role": "deltagare"}]);
    let resp = at::call_service(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/kon")
            .insert_header(("Authorization", format!("Bearer {editor}")))
            .insert_header(("If-Match", etag.as_str()))
            .set_json(&kon)
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let entries = state
        .db
        .lock()
        .expect("db")
        .audit(Some("https://varcat.test/variabel/kon"), 10)
        .expect("audit");
    let newest = entries.first().expect("an audit entry");
    assert_eq!(
        (newest.action.as_str(), newest.actor.as_str()),
        ("changed", "anna")
    );
    assert!(
        newest
            .after_nt
            .as_deref()
            .is_some_and(|nt| nt.contains("/metod/C") && nt.contains("org#member")),
        "{:?}",
        newest.after_nt
    );
    let html = get_html!(&app, "/variabel/kon");
    assert!(
        html.contains("C – Datainsamlingar och variabler (2026-11-30)"),
        "{html}"
    );
    assert!(
        html.contains("Region Stockholm") && html.contains("deltagare"),
        "{html}"
    );
    let html = get_html!(&app, "/harmonisering?agare=202100-0555");
    assert!(
        html.contains("<th scope=\"row\">C – Datainsamlingar och variabler</th><td>1</td>"),
        "{html}"
    );
}

#[actix_web::test]
async fn the_overview_filters_counts_and_hides_drafts() {
    let env = Env::new();
    let dir = sheets(&env);
    let app = crate::app!(state_from(&dir, 1000));
    let row = |step: &str, n: usize| format!("<th scope=\"row\">{step}</th><td>{n}</td>");
    let html = get_html!(&app, "/harmonisering");
    assert!(html.contains(&row("A – Etablera dialog", 0)), "{html}");
    assert!(
        html.contains(&row("C – Datainsamlingar och variabler", 1)),
        "{html}"
    );
    assert!(
        html.contains(&row("E – Realisera", 1)),
        "the draft is not counted: {html}"
    );
    assert!(
        !html.contains("Hemlig") && !html.contains("hemlig"),
        "no trace of the draft"
    );
    assert!(html.contains("Variabler som nått steg E: 1 av 2"), "{html}");
    assert!(html.contains("Illustrativt (ingen källa)"), "{html}");
    let html = get_html!(&app, "/harmonisering?agare=222000-0315");
    assert!(
        html.contains(&row("C – Datainsamlingar och variabler", 0)),
        "{html}"
    );
    assert!(html.contains(&row("E – Realisera", 1)), "{html}");
    let html = get_html!(&app, "/harmonisering?datainsamling=ingen");
    assert!(html.contains(&row("E – Realisera", 0)), "{html}");
    let html = get_html!(&app, "/en/harmonisering?datainsamling=kpp");
    assert!(html.contains(&row("E – Realise", 1)), "{html}");
    assert!(
        html.contains("Variables that have reached step E: 1 of 2"),
        "{html}"
    );
    // The chart, with its numbers, for the same filter.
    let req = at::TestRequest::get()
        .uri("/harmonisering.svg?agare=222000-0315")
        .to_request();
    let svg = String::from_utf8(
        at::read_body(at::call_service(&app, req).await)
            .await
            .to_vec(),
    )
    .expect("utf-8");
    assert!(
        svg.starts_with("<svg") && svg.contains("Realisera"),
        "{svg:.200}"
    );
    // The variable page shows its step, history and reference group; the collection's its step.
    let html = get_html!(&app, "/variabel/vikt");
    for needle in [
        "C – Datainsamlingar och variabler (2026-01-15)",
        "Illustrativt: ingen källa anger steget.",
        "Slutrapport, avsnitt 2.3.1.3",
        "ordförande",
    ] {
        assert!(html.contains(needle), "{needle}: {html}");
    }
    let html = get_html!(&app, "/en/datainsamling/kpp");
    assert!(
        html.contains("B – Use cases and data collections (2025-06)"),
        "{html}"
    );
    // The method is published at its own IRI.
    let req = at::TestRequest::get()
        .uri("/metod/C")
        .insert_header(("Accept", "text/turtle"))
        .to_request();
    let resp = at::call_service(&app, req).await;
    assert_eq!(resp.status().as_u16(), 200);
    let ttl = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(ttl.contains("Datainsamlingar och variabler"), "{ttl}");
}

#[test]
fn catalog_data_cites_the_seed_for_every_sourced_step_and_marks_the_rest() {
    let text = std::fs::read_to_string(repo().join("catalog-data/harmonisering.csv"))
        .expect("harmonisering.csv");
    for line in text.lines().skip(1) {
        assert!(
            line.contains("avsnitt 2.3.1.3") && line.contains(",A,2025-06,"),
            "{line}"
        );
    }
    let text =
        std::fs::read_to_string(repo().join("catalog-data/harmonisering-datainsamlingar.csv"))
            .expect("sheet");
    for line in text.lines().skip(1) {
        assert!(
            line.starts_with(|c: char| c.is_ascii_lowercase())
                && line.contains("Illustrativt")
                && line.ends_with(','),
            "{line}"
        );
    }
}

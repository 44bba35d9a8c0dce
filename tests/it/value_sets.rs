//! Code systems and value sets: the ICD-10-SE extract and use case D's hip-fracture value set
//! on the pages, in the RDF and in `varcat check --use-case`; a 40,000-code system imported
//! from a two-column sheet, paged and searched on its page; bad cells at `sheet!row:column`.

use actix_web::test as at;

use crate::support::{BASE, Env, csv_dir, repo, stderr};
use crate::web::loaded_state;

macro_rules! get {
    ($app:expr, $uri:expr, $accept:expr) => {{
        let req = at::TestRequest::get()
            .uri($uri)
            .insert_header(("Accept", $accept))
            .to_request();
        let resp = at::call_service($app, req).await;
        let status = resp.status().as_u16();
        (
            status,
            String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8"),
        )
    }};
}

const HTML: &str = "text/html";

#[actix_web::test]
async fn the_variable_page_shows_its_code_system_and_the_value_set_of_use_case_d() {
    let app = crate::app!(loaded_state());
    let (status, html) = get!(&app, "/variabel/huvuddiagnos", HTML);
    assert_eq!(status, 200);
    assert!(
        html.contains("href=\"/kodverk/icd-10-se\""),
        "the code system: {html}"
    );
    assert!(html.contains("<th scope=\"col\">Värdemängd</th>"), "{html}");
    assert!(
        html.contains("<a href=\"/kodverk/icd-10-se-hoftfraktur\">ICD-10-SE – värdemängd för höftfraktur (S72.0–S72.2)</a>"),
        "the binding's value set: {html}"
    );
    let (_, en) = get!(&app, "/en/variabel/huvuddiagnos", HTML);
    assert!(en.contains("<th scope=\"col\">Value set</th>"), "{en}");
    assert!(
        en.contains("href=\"/en/kodverk/icd-10-se-hoftfraktur\""),
        "{en}"
    );
    // A use case without a value set for it shows no such column.
    let (_, kon) = get!(&app, "/variabel/kon", HTML);
    assert!(!kon.contains("<th scope=\"col\">Värdemängd</th>"));
}

#[actix_web::test]
async fn the_value_set_page_lists_its_members_and_its_code_system() {
    let app = crate::app!(loaded_state());
    let (status, html) = get!(&app, "/kodverk/icd-10-se-hoftfraktur", HTML);
    assert_eq!(status, 200);
    for code in ["S72.0", "S72.1", "S72.2"] {
        assert!(
            html.contains(&format!("<code>{code}</code>")),
            "{code}: {html}"
        );
    }
    for code in ["S72", "S72.3", "S72.9"] {
        assert!(
            !html.contains(&format!("<code>{code}</code>")),
            "{code}: {html}"
        );
    }
    assert!(html.contains("<dt>Delmängd av</dt>"), "{html}");
    assert!(html.contains("<dd>S72.0–S72.2</dd>"), "{html}");
    let (_, system) = get!(&app, "/kodverk/icd-10-se", HTML);
    assert!(
        system.contains("<summary><code>S72</code>"),
        "a tree: {system}"
    );
    assert!(
        system.contains("href=\"/kodverk/icd-10-se-hoftfraktur\""),
        "{system}"
    );
    // Searched within, even a small code system is listed flat.
    let (_, hits) = get!(&app, "/kodverk/icd-10-se?q=pertrokant", HTML);
    assert!(hits.contains("1 av 9 koder matchar"), "{hits}");
    assert!(hits.contains("<code>S72.1</code>") && !hits.contains("<code>S72.2</code>"));
}

#[actix_web::test]
async fn value_sets_and_bindings_are_in_the_rdf() {
    let app = crate::app!(loaded_state());
    let (_, ttl) = get!(
        &app,
        "/kodverk/icd-10-se-hoftfraktur",
        "application/n-triples"
    );
    let set = format!("<{BASE}/kodverk/icd-10-se-hoftfraktur>");
    assert!(
        ttl.contains(&format!(
            "{set} <http://purl.org/dc/terms/isPartOf> <{BASE}/kodverk/icd-10-se> ."
        )),
        "{ttl}"
    );
    assert!(
        ttl.contains(&format!(
            "{set} <https://w3id.org/varcat/ns#selection> \"S72.0–S72.2\" ."
        )),
        "{ttl}"
    );
    let (_, uc) = get!(
        &app,
        "/anvandningsfall/vardfloden-hoftfraktur",
        "application/n-triples"
    );
    assert!(
        uc.contains(&format!(
            "<{BASE}/anvandningsfall/vardfloden-hoftfraktur/variabel/huvuddiagnos> <https://w3id.org/varcat/ns#valueSet> {set} ."
        )),
        "{uc}"
    );
    let (_, json) = get!(
        &app,
        "/api/anvandningsfall/vardfloden-hoftfraktur",
        "application/json"
    );
    assert!(
        json.contains("\"value_set\":\"icd-10-se-hoftfraktur\""),
        "{json}"
    );
}

fn big_system(root: &std::path::Path) -> std::path::PathBuf {
    let mut codes = String::from("Kod,Benämning\n");
    for i in 0..40_000 {
        codes.push_str(&format!(
            "C{:02}.{:03},Testkod nummer {i}\n",
            i / 1000,
            i % 1000
        ));
    }
    csv_dir(
        root,
        "stor",
        &[
            (
                "kodverk.csv",
                "Identifierare,Titel,Version,Källa,Status\nstor,Stort kodsystem (syntetiskt),2024,Test,standard\n",
            ),
            ("koder.csv", &codes),
        ],
    )
}

#[actix_web::test]
async fn a_40000_code_system_imports_from_two_columns_and_its_page_is_paged_and_searchable() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = big_system(tmp.path());
    let vars = csv_dir(
        tmp.path(),
        "var",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Datatyp,Värdemängd,Status\nstor-diagnos,Diagnos,En diagnos.,kod,stor,standard\n",
        )],
    );
    let state = crate::web::state_from_all(&[&dir, &vars]);
    let app = crate::app!(state);
    let (status, html) = get!(&app, "/kodverk/stor", HTML);
    assert_eq!(status, 200);
    assert!(
        html.contains("40000 koder; kod 1–200 visas (sida 1 av 200)"),
        "{html}"
    );
    assert_eq!(html.matches("<tr id=\"kod-").count(), 200);
    assert!(
        html.contains("href=\"/kodverk/stor?sida=2\" rel=\"next\""),
        "{html}"
    );
    let (_, last) = get!(&app, "/kodverk/stor?sida=200", HTML);
    assert!(
        last.contains("<code>C39.999</code>"),
        "the last code on the last page"
    );
    assert!(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""));
    let (_, hit) = get!(&app, "/kodverk/stor?q=c12.34", HTML);
    assert!(hit.contains("10 av 40000 koder matchar"), "{hit}");
    let (_, hit) = get!(&app, "/en/kodverk/stor?q=nummer+12345", HTML);
    assert!(hit.contains("1 of 40000 codes match"), "{hit}");
    assert!(hit.contains("<code>C12.345</code>"));
    let (_, xss) = get!(
        &app,
        "/kodverk/stor?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        HTML
    );
    assert!(!xss.contains("<script>alert"), "escaped");
    assert!(
        xss.contains("&#60;script&#62;") || xss.contains("&lt;script&gt;"),
        "{xss}"
    );
    // The variable's page lists none of the 40,000 but links to them.
    let (_, v) = get!(&app, "/variabel/stor-diagnos", HTML);
    assert!(
        v.contains("40000 koder i Stort kodsystem (syntetiskt)"),
        "{v}"
    );
    assert!(!v.contains("<code>C00.000</code>"));
}

#[test]
fn the_40000_code_system_imports_on_the_command_line() {
    let env = Env::new();
    let dir = big_system(env.tmp.path());
    let out = env.import(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(env.stats()["codes"], 40_000);
}

#[test]
fn bad_value_sets_and_bindings_change_nothing_and_name_their_cells() {
    let env = Env::new();
    let out = env.import(&repo().join("catalog-data"));
    assert!(out.status.success(), "{}", stderr(&out));
    let before = env.dump();
    let dir = csv_dir(
        env.tmp.path(),
        "bad",
        &[
            (
                "kodverk.csv",
                "Identifierare,Titel,Delmängd av,Urval\n\
                 a,Okänt,icd-11,S72.0\n\
                 b,Utanför,icd-10-se,S72.0–S72.6\n",
            ),
            (
                "kopplingar.csv",
                "Användningsfall,Variabel,Roll,Värdemängd\n\
                 vardfloden-hoftfraktur,kon,obligatorisk,icd-10-se-hoftfraktur\n",
            ),
        ],
    );
    let out = env.import(&dir);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for line in [
        "kodverk!2:C: Delmängd av: refers to",
        "kodverk!3:D: Urval: S72.0–S72.6: S72.6 is not a code of icd-10-se (version 2024)",
        "kopplingar!2:D: Värdemängd: icd-10-se-hoftfraktur is drawn from icd-10-se, but the value domain of kon is kon",
    ] {
        assert!(err.contains(line), "missing {line:?} in {err}");
    }
    assert_eq!(env.dump(), before, "nothing changed");
}

#[test]
fn check_with_use_case_d_uses_the_hip_fracture_value_set() {
    let env = Env::new();
    let out = env.import(&repo().join("catalog-data"));
    assert!(out.status.success(), "{}", stderr(&out));
    let f = env.path("uttag.csv");
    std::fs::write(&f, "HDIA\nS72.0\nS72.3\nS73.0\nS72.2\n").expect("write");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            f.to_str().expect("utf-8"),
            "--collection",
            "rikshoft",
            "--json",
        ];
        args.extend_from_slice(extra);
        let out = env.run(&args);
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        r
    };
    let code_failures = |r: &serde_json::Value| {
        r["variables"]
            .as_array()
            .and_then(|vs| vs.iter().find(|v| v["id"] == "huvuddiagnos"))
            .map(|v| v["rules"]["code"].clone())
            .expect("huvuddiagnos checked")
    };
    // Against the code system: S73.0 is no ICD-10-SE code of the extract.
    let all = run(&[]);
    assert_eq!(code_failures(&all), 1, "{all}");
    // For use case D, S72.3 (shaft of femur) is no hip fracture either.
    let d = run(&["--use-case", "vardfloden-hoftfraktur"]);
    assert_eq!(code_failures(&d), 2, "{d}");
    let notes = d["notes"].to_string();
    assert!(
        notes.contains("huvuddiagnos: codes checked against the value set icd-10-se-hoftfraktur of use case vardfloden-hoftfraktur"),
        "{notes}"
    );
}

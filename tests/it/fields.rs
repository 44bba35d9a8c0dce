//! A plain field added through the field table alone (`fields::variables::UNIT_CODE`, the
//! unit as a UCUM code) goes the whole way: import → store (RDF) → export → API → page →
//! change note, and a bad code is refused at its cell.

use actix_web::test as at;
use serde_json::Value;
use varcat::domain::{Catalog, Id, Lang, Variable};

use crate::support::{Env, csv_dir, stderr, stdout};
use crate::web::state_from;

const VARIABLES: &str = "Identifierare,Namn,Definition,Datatyp,Enhet,Enhet (UCUM),Status\n\
    blodtryck,Systoliskt blodtryck,Trycket i artärerna när hjärtat drar ihop sig.,heltal,millimeter kvicksilver,mm[Hg],standard\n";

#[actix_web::test]
async fn the_ucum_code_goes_from_import_to_store_export_api_page_and_notes() {
    let env = Env::new();
    let dir = csv_dir(env.tmp.path(), "in", &[("variabler.csv", VARIABLES)]);
    let out = env.import(&dir);
    assert!(out.status.success(), "{}", stderr(&out));

    // The store keeps it as its documented property.
    let dump = env.dump();
    assert!(
        dump.contains("<https://w3id.org/varcat/ns#unitCode> \"mm[Hg]\""),
        "{dump}"
    );

    // The export writes it under its heading, and reading that back changes nothing.
    let exported = env.path("ut");
    env.run_ok(&[
        "export",
        "--format",
        "csv",
        exported.to_str().expect("utf-8"),
    ]);
    let csv = std::fs::read_to_string(exported.join("variabler.csv")).expect("variabler.csv");
    let mut lines = csv.lines();
    let headings: Vec<&str> = lines.next().expect("headings").split(',').collect();
    let at_unit_code = headings.iter().position(|h| *h == "Enhet (UCUM)");
    let row: Vec<&str> = lines.next().expect("a row").split(',').collect();
    assert_eq!(at_unit_code.map(|i| row[i]), Some("mm[Hg]"), "{csv}");
    let again = env.import(&exported);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(env.dump(), dump, "export then import changed the catalogue");

    // The API reads it by its key; the page shows it under its label in both languages.
    let app = crate::app!(state_from(&dir, 1000));
    let req = at::TestRequest::get()
        .uri("/api/variabler/blodtryck")
        .to_request();
    let body: Value = at::read_body_json(at::call_service(&app, req).await).await;
    assert_eq!(body["unit_code"], "mm[Hg]", "{body}");
    for (uri, label) in [
        ("/variabel/blodtryck", "Enhet (UCUM-kod)"),
        ("/en/variabel/blodtryck", "Unit (UCUM code)"),
    ] {
        let req = at::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept", "text/html"))
            .to_request();
        let html = String::from_utf8(
            at::read_body(at::call_service(&app, req).await)
                .await
                .to_vec(),
        )
        .expect("utf-8");
        assert!(
            html.contains(label) && html.contains("mm[Hg]"),
            "{uri}: {html}"
        );
    }

    // A change of it is named in the change notes.
    let id = Id::parse("blodtryck").expect("id");
    let mut v = Variable::new(id.clone(), Lang::new("Blodtryck", ""), Lang::new("D", ""));
    v.unit_code = "mm[Hg]".into();
    let mut old = Catalog::default();
    old.variables.insert(id.clone(), v.clone());
    let mut new = old.clone();
    if let Some(v) = new.variables.get_mut(&id) {
        v.unit_code = "kPa".into();
    }
    let changes = varcat::diff::catalogs(&old, &new);
    assert_eq!(
        varcat::diff::notes(&changes, varcat::diff::Language::Sv),
        ["Variabeln Blodtryck: UCUM-koden ändrad (mm[Hg] → kPa)"]
    );
    assert_eq!(
        varcat::diff::notes(&changes, varcat::diff::Language::En),
        ["Variable Blodtryck: unit code changed (mm[Hg] → kPa)"]
    );
}

#[test]
fn a_code_that_is_not_ucum_is_refused_at_its_cell_and_changes_nothing() {
    let env = Env::new();
    let before = env.dump();
    let dir = csv_dir(
        env.tmp.path(),
        "bad",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Enhet (UCUM)\nvikt,Vikt,Kroppsvikt.,k g\n",
        )],
    );
    let out = env.import(&dir);
    assert!(!out.status.success(), "accepted:\n{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("variabler!2:D: Enhet (UCUM): \"k g\" is not a UCUM code"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "a refused import changed the catalogue");
}

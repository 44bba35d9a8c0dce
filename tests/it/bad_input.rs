//! The bad-input corpus (`tests/fixtures/bad/`, plus files too large or too binary to keep,
//! made here): each gives a clear error naming the place, exits non-zero, does not panic,
//! and leaves the catalogue exactly as it was.

use std::path::Path;

use crate::support::{Env, csv_dir, fixture, stderr, stdout};

/// Imports `path` into a catalogue that already holds something, and checks the refusal.
fn assert_rejected(path: &Path, expected: &[&str]) -> String {
    let env = Env::new();
    let seed = csv_dir(
        env.tmp.path(),
        "seed",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition\nseed,Frö,Finns redan\n",
        )],
    );
    env.run_ok(&["import", seed.to_str().expect("path")]);
    let before = env.dump();
    let out = env.import(path);
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "{} was accepted:\n{}",
        path.display(),
        stdout(&out)
    );
    assert!(
        !err.contains("panicked"),
        "panic on {}:\n{err}",
        path.display()
    );
    for e in expected {
        assert!(
            err.contains(e),
            "{}: expected {e:?} in:\n{err}",
            path.display()
        );
    }
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(
        env.dump(),
        before,
        "{} changed the catalogue",
        path.display()
    );
    err
}

fn bad(name: &str) -> std::path::PathBuf {
    fixture("bad").join(name)
}

#[test]
fn empty_file() {
    assert_rejected(&bad("empty.csv"), &["empty.csv: the file is empty"]);
}

#[test]
fn wrong_extension() {
    assert_rejected(
        &bad("notes.docx"),
        &["cannot import .docx", ".xlsx, .ods, .csv"],
    );
}

#[test]
fn corrupt_zip() {
    assert_rejected(
        &bad("corrupt.xlsx"),
        &["corrupt.xlsx: not a readable spreadsheet"],
    );
}

#[test]
fn unknown_heading() {
    assert_rejected(
        &bad("unknown-heading"),
        &["variabler!1:D: Färg: unknown heading in sheet variabler"],
    );
}

#[test]
fn duplicate_identifiers() {
    assert_rejected(
        &bad("duplicate-ids"),
        &[
            "variabler!4:A: Identifierare: variabel indatum is defined twice in this input (first at variabler!2:A)",
        ],
    );
}

#[test]
fn code_pointing_to_a_missing_codebook() {
    assert_rejected(
        &bad("missing-codebook"),
        &["koder!2:B: Kod: no codebook finns-inte"],
    );
}

#[test]
fn several_bad_cells_are_all_reported() {
    let err = assert_rejected(
        &bad("several-bad-cells"),
        &[
            "variabler!3:D: Datatyp: \"heltall\" is not a known data type",
            "variabler!4:E: Ägare: organisationsnummer \"12345\"",
            "variabler!5:F: Giltig från: \"2025-02-30\" is not a date",
            "variabler!5:G: Obligatorisk: \"kanske\" is not a known obligation",
            "4 problems",
        ],
    );
    assert!(
        !err.contains("variabler!2:"),
        "the good row has no problem:\n{err}"
    );
}

#[test]
fn mixed_encodings() {
    assert_rejected(
        &bad("mixed-encoding"),
        &["mixes UTF-8 and another encoding (line 3"],
    );
}

#[test]
fn missing_required_column_and_unknown_sheets() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "x",
        &[
            ("kodverk.csv", "Identifierare\nkon\n"),
            ("blad1.csv", "a,b\n1,2\n"),
        ],
    );
    assert_rejected(
        &dir,
        &[
            "kodverk: the required column Titel is missing",
            "blad1: not a varcat sheet",
        ],
    );
}

#[test]
fn a_one_megabyte_cell() {
    let env = Env::new();
    let big = "x".repeat(1024 * 1024);
    let dir = csv_dir(
        env.tmp.path(),
        "big",
        &[(
            "variabler.csv",
            &format!("Identifierare,Namn,Definition\nbig,Stor,{big}\n"),
        )],
    );
    assert_rejected(
        &dir,
        &["variabler!2:C: Definition: holds 1048576 characters; at most 20000 are accepted"],
    );
}

#[test]
fn formulas_are_refused() {
    let env = Env::new();
    let path = env.path("formler.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("variabler").expect("name");
    for (c, h) in ["Identifierare", "Namn", "Definition"].iter().enumerate() {
        ws.write_string(0, u16::try_from(c).expect("col"), *h)
            .expect("write");
    }
    ws.write_string(1, 0, "summa").expect("write");
    ws.write_string(1, 1, "Summa").expect("write");
    ws.write_formula(1, 2, "=SUM(1,2)").expect("write");
    wb.save(&path).expect("save");
    assert_rejected(
        &path,
        &["variabler!2:C: formula: holds the formula =SUM(1,2); formulas are not imported"],
    );
}

#[test]
fn workbook_without_known_sheets() {
    let env = Env::new();
    let path = env.path("okand.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Instruktioner").expect("name");
    wb.add_worksheet().set_name("Blad2").expect("name");
    wb.save(&path).expect("save");
    assert_rejected(
        &path,
        &[
            "Instruktioner: not a varcat sheet",
            "Blad2: not a varcat sheet",
        ],
    );
}

#[test]
fn bom_and_windows_1252_files_are_read_correctly() {
    for path in [bad("bom"), fixture("windows-1252.csv")] {
        let env = Env::new();
        let out = env.import(&path);
        assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
        assert!(
            env.dump().contains("\"Personens kön\"@sv"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn bad_turtle_is_reported_with_its_position() {
    let env = Env::new();
    let path = env.path("trasig.ttl");
    std::fs::write(
        &path,
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:notation \"x\" \n",
    )
    .expect("write");
    assert_rejected(&path, &["trasig.ttl: not valid RDF"]);
}

#[test]
fn rejected_imports_are_logged_with_every_error() {
    let env = Env::new();
    let out = env.import(&bad("several-bad-cells"));
    assert!(!out.status.success());
    let db = varcat::db::Db::open(&env.data().join("varcat.sqlite"));
    let mut db = db.expect("database opens");
    let runs = db.recent_runs(5).expect("runs");
    assert_eq!(runs[0].outcome, "rejected");
    assert_eq!(runs[0].error_count, 4);
    assert_eq!(db.run_errors(runs[0].id).expect("errors").len(), 4);
}

#[test]
fn bad_health_categories_and_an_unknown_hdab_are_all_reported() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "x",
        &[
            (
                "organisationer.csv",
                "Organisationsnummer,Namn,Typ\n232100-0016,Region Stockholm,RegionalAuthority\n",
            ),
            (
                "datainsamlingar.csv",
                "Identifierare,Titel,Beskrivning,Utgivare,Kontakt e-post,Åtkomst,Hälsokategori,Åtkomstorgan (HDAB)\n\
                 a,A,Om A,232100-0016,a@example.se,begränsad,MRMR;XYZ;nope,\n\
                 b,B,Om B,232100-0016,b@example.se,begränsad,PHDR,202100-0555\n",
            ),
        ],
    );
    assert_rejected(
        &dir,
        &[
            "datainsamlingar!2:G: Hälsokategori: \"XYZ\" is not a known health category",
            "datainsamlingar!2:G: Hälsokategori: \"nope\" is not a known health category",
            "datainsamlingar!3:H: Åtkomstorgan (HDAB): refers to organisation 202100-0555",
            "3 problems",
        ],
    );
}

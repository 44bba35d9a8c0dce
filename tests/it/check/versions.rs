//! `varcat check` against what changes over time and per use case — the codebook version in
//! force on a row's date, the variables a use case expects — and while a server holds the
//! catalogue.

use super::json;
use crate::support::{Env, Served, csv_dir, stderr};

const ORGS: &str = "Organisationsnummer,Namn,Typ\n222000-0315,SKR,NonProfitOrganisation\n";

/// A collection `reg` with a diagnosis coded by `diag`, whose version 2024 (A1, B9) was
/// replaced by 2025 (A1, C2), and a use case `uc` requiring the diagnosis only.
fn versioned() -> Env {
    let env = Env::new();
    let first = csv_dir(
        env.tmp.path(),
        "v2024",
        &[
            ("organisationer.csv", ORGS),
            (
                "kodverk.csv",
                "Identifierare,Titel,Version\ndiag,Diagnos,2024\n",
            ),
            (
                "koder.csv",
                "Kodverk,Kod,Benämning\ndiag,A1,Ett\ndiag,B9,Gammal\n",
            ),
        ],
    );
    let second = csv_dir(
        env.tmp.path(),
        "v2025",
        &[
            (
                "kodverk.csv",
                "Identifierare,Titel,Version\ndiag,Diagnos,2025\n",
            ),
            (
                "koder.csv",
                "Kodverk,Kod,Benämning\ndiag,A1,Ett\ndiag,C2,Ny\n",
            ),
            (
                "datainsamlingar.csv",
                "Identifierare,Titel,Beskrivning,Utgivare,Kontakt e-post,Åtkomst\n\
                 reg,Register,Om det,222000-0315,a@example.se,begränsad\n",
            ),
            (
                "variabler.csv",
                "Identifierare,Kortnamn,Namn,Definition,Datatyp,Värdemängd,Obligatorisk,Datainsamlingar\n\
                 dia,DIA,Diagnos,Diagnos,kod,diag,Ja,reg\n\
                 indatum,INDATUM,Inskrivningsdatum,Dag,datum,,Ja,reg\n",
            ),
            (
                "anvandningsfall.csv",
                "Identifierare,Titel,Beskrivning\nuc,Uppföljning,Om den\n",
            ),
            (
                "kopplingar.csv",
                "Användningsfall,Variabel,Roll\nuc,dia,obligatorisk\n",
            ),
        ],
    );
    for dir in [first, second] {
        let out = env.import(&dir);
        assert!(out.status.success(), "import: {}", stderr(&out));
    }
    env
}

#[test]
fn codes_are_checked_against_the_codebook_version_of_the_rows_year() {
    let env = versioned();
    let f = env.path("e.csv");
    std::fs::write(
        &f,
        "INDATUM,DIA\n2024-05-01,B9\n2025-05-01,B9\n2024-05-01,C2\n2025-05-01,C2\n,B9\n2019-01-01,B9\n",
    )
    .expect("write");
    let out = env.run(&[
        "check",
        f.to_str().expect("utf-8"),
        "--collection",
        "reg",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(r["codebook_versions_by"], "INDATUM");
    let dia = super::var(&r, "dia");
    // B9 in 2025, C2 in 2024, B9 undated (the current version): rows 3, 4, 6. B9 in 2019
    // (before every version) is checked against the earliest, 2024.
    assert_eq!(
        dia["examples_by_rule"]["code"],
        serde_json::json!([3, 4, 6])
    );
}

#[test]
fn a_use_case_expects_its_own_variables() {
    let env = versioned();
    let f = env.path("e.csv");
    std::fs::write(&f, "INDATUM\n2025-05-01\n").expect("write");
    let args = [
        "check",
        f.to_str().expect("utf-8"),
        "--collection",
        "reg",
        "--json",
    ];
    let r = json(&env.run(&args));
    assert_eq!(r["missing_required"], serde_json::json!(["dia"]));
    let mut with_uc = args.to_vec();
    with_uc.extend(["--use-case", "uc"]);
    let out = env.run(&with_uc);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(r["use_case"], "uc");
    assert_eq!(r["missing_variables"], serde_json::json!(["dia"]));

    std::fs::write(&f, "DIA\nA1\n").expect("write");
    let out = env.run(&with_uc);
    assert_eq!(
        out.status.code(),
        Some(0),
        "indatum is not the use case's: {}",
        stderr(&out)
    );

    let mut unknown = args.to_vec();
    unknown.extend(["--use-case", "nope"]);
    let out = env.run(&unknown);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no use case \"nope\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_reads_the_catalogue_from_a_running_server() {
    let env = versioned();
    let f = env.path("e.csv");
    std::fs::write(&f, "INDATUM,DIA\n2025-05-01,C2\n").expect("write");
    let _served = Served::start(&env);
    let out = env.run(&["check", f.to_str().expect("utf-8"), "--collection", "reg"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reading the catalogue from the server"),
        "{}",
        stderr(&out)
    );
}

//! The `varcat` command line on real files: init, import (dry run, re-import, partial files,
//! removal, prune), export and its round trip, stats, and the input formats.

use crate::support::{Env, csv_dir, fixture, repo, stderr, stdout};

/// What catalog-data/ holds; update together with the content.
const EXPECTED: [(&str, u64); 7] = [
    ("variables", CATALOG_VARIABLES),
    ("codebooks", CATALOG_CODEBOOKS),
    ("codes", CATALOG_CODES),
    ("use_cases", 4),
    ("bindings", CATALOG_BINDINGS),
    ("collections", CATALOG_COLLECTIONS),
    ("organisations", CATALOG_ORGANISATIONS),
];
const CATALOG_VARIABLES: u64 = 45;
const CATALOG_CODEBOOKS: u64 = 14;
const CATALOG_CODES: u64 = 66;
const CATALOG_BINDINGS: u64 = 76;
const CATALOG_COLLECTIONS: u64 = 5;
const CATALOG_ORGANISATIONS: u64 = 27;

const ORGS: &str = "Organisationsnummer,Namn,Namn (en),Typ\n222000-0315,Sveriges Kommuner och Regioner,SKR,NonProfitOrganisation\n";

fn small_catalog(env: &Env) -> std::path::PathBuf {
    csv_dir(
        env.tmp.path(),
        "small",
        &[
            ("organisationer.csv", ORGS),
            (
                "kodverk.csv",
                "Identifierare,Titel,Utgivare\nja-nej,Ja/Nej,222000-0315\n",
            ),
            (
                "koder.csv",
                "Kodverk,Kod,Benämning,Benämning (en)\nja-nej,0,Nej,No\nja-nej,1,Ja,Yes\n",
            ),
            (
                "variabler.csv",
                "Identifierare,Kortnamn,Namn,Definition,Datatyp,Värdemängd,Ägare\n\
                 rokare,ROK,Rökare,Om personen röker,kod,ja-nej,222000-0315\n\
                 kon,KON,Kön,Personens kön,kod,1=Man;2=Kvinna,222000-0315\n",
            ),
        ],
    )
}

#[test]
fn init_is_idempotent_and_starts_empty() {
    let env = Env::new();
    env.run_ok(&["init"]);
    let stats = env.stats();
    for key in [
        "variables",
        "codebooks",
        "codes",
        "use_cases",
        "bindings",
        "collections",
        "organisations",
    ] {
        assert_eq!(stats[key], 0, "{key}");
    }
}

#[test]
fn shipped_catalog_data_imports_with_the_expected_counts() {
    let env = Env::new();
    let out = env.import(&repo().join("catalog-data"));
    assert!(out.status.success(), "{}", stderr(&out));
    let stats = env.stats();
    for (key, n) in EXPECTED {
        assert_eq!(stats[key], n, "{key} in {stats}");
    }
    assert!(stats["variables"].as_u64().unwrap_or(0) >= 30);
}

#[test]
fn dry_run_lists_changes_and_writes_nothing() {
    let env = Env::new();
    let before = env.dump();
    let dir = small_catalog(&env);
    let out = env.run_ok(&["import", "--dry-run", dir.to_str().expect("path")]);
    let text = stdout(&out);
    assert!(text.contains("+ variabel rokare"), "{text}");
    assert!(text.contains("would add"), "{text}");
    assert_eq!(env.dump(), before);
    assert_eq!(env.stats()["variables"], 0);
}

#[test]
fn reimporting_the_same_files_changes_nothing_at_all() {
    let env = Env::new();
    let dir = small_catalog(&env);
    env.run_ok(&["import", dir.to_str().expect("path")]);
    let first = env.dump();
    let out = env.run_ok(&["import", dir.to_str().expect("path")]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
    assert_eq!(
        env.dump(),
        first,
        "graph names and timestamps must not change"
    );
}

#[test]
fn inline_value_sets_become_codebooks() {
    let env = Env::new();
    let dir = small_catalog(&env);
    env.run_ok(&["import", dir.to_str().expect("path")]);
    let stats = env.stats();
    assert_eq!(stats["codebooks"], 2, "{stats}");
    assert_eq!(stats["codes"], 4, "{stats}");
    let dump = env.dump();
    assert!(dump.contains("<https://varcat.test/kodverk/kon-varden/2> <http://www.w3.org/2004/02/skos/core#prefLabel> \"Kvinna\"@sv"), "{dump}");
    assert!(dump.contains("<https://varcat.test/variabel/kon> <http://rdf-vocabulary.ddialliance.org/discovery#representation> <https://varcat.test/kodverk/kon-varden>"));
}

#[test]
fn a_file_with_new_items_adds_them_and_removes_none() {
    let env = Env::new();
    env.run_ok(&["import", small_catalog(&env).to_str().expect("path")]);
    let six: String = (1..=6)
        .map(|i| format!("ny-{i},Ny variabel {i},Definition {i}\n"))
        .collect();
    let dir = csv_dir(
        env.tmp.path(),
        "six",
        &[(
            "variabler.csv",
            &format!("Identifierare,Namn,Definition\n{six}"),
        )],
    );
    let out = env.run_ok(&["import", dir.to_str().expect("path")]);
    assert!(
        stdout(&out).contains("6 added, 0 changed, 0 removed"),
        "{}",
        stdout(&out)
    );
    assert_eq!(env.stats()["variables"], 8);
}

#[test]
fn removal_needs_an_explicit_row_or_prune() {
    let env = Env::new();
    env.run_ok(&["import", small_catalog(&env).to_str().expect("path")]);
    let only_one = csv_dir(
        env.tmp.path(),
        "one",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition\nrokare,Rökare,Om personen röker\n",
        )],
    );
    let out = env.run_ok(&[
        "import",
        "--dry-run",
        "--prune",
        only_one.to_str().expect("path"),
    ]);
    assert!(stdout(&out).contains("- variabel kon"), "{}", stdout(&out));
    assert_eq!(env.stats()["variables"], 2, "a dry run prunes nothing");
    env.run_ok(&["import", "--prune", only_one.to_str().expect("path")]);
    assert_eq!(env.stats()["variables"], 1);
    let remove = csv_dir(
        env.tmp.path(),
        "remove",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Ta bort\nrokare,Rökare,x,Ja\n",
        )],
    );
    env.run_ok(&["import", remove.to_str().expect("path")]);
    assert_eq!(env.stats()["variables"], 0);
}

#[test]
fn removing_a_codebook_still_in_use_is_refused() {
    let env = Env::new();
    env.run_ok(&["import", small_catalog(&env).to_str().expect("path")]);
    let dir = csv_dir(
        env.tmp.path(),
        "rm",
        &[(
            "kodverk.csv",
            "Identifierare,Titel,Ta bort\nja-nej,Ja/Nej,Ja\n",
        )],
    );
    let before = env.dump();
    let out = env.import(&dir);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "kodverk!2:C: Ta bort: cannot remove kodverk ja-nej: variabel rokare still refers to it"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn xlsx_export_then_import_is_a_no_op() {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let before = env.dump();
    let xlsx = env.path("katalog.xlsx");
    env.run_ok(&["export", "--format", "xlsx", xlsx.to_str().expect("path")]);
    let out = env.run_ok(&["import", xlsx.to_str().expect("path")]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
    assert_eq!(env.dump(), before);
}

#[test]
fn csv_export_then_import_is_a_no_op() {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let before = env.dump();
    let dir = env.path("csv-export");
    env.run_ok(&["export", "--format", "csv", dir.to_str().expect("path")]);
    env.run_ok(&["import", dir.to_str().expect("path")]);
    assert_eq!(env.dump(), before);
}

#[test]
fn exported_xlsx_imports_into_an_empty_catalogue_identically() {
    let a = Env::new();
    a.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let xlsx = a.path("katalog.xlsx");
    a.run_ok(&["export", xlsx.to_str().expect("path")]);
    let b = Env::new();
    b.run_ok(&["import", xlsx.to_str().expect("path")]);
    assert_eq!(a.stats(), b.stats());
    let ttl_a = a.path("a.ttl");
    a.run_ok(&["export", "--format", "ttl", ttl_a.to_str().expect("path")]);
    assert!(
        std::fs::read_to_string(&ttl_a)
            .expect("ttl")
            .contains("@prefix skos:")
    );
}

#[test]
fn ods_workbooks_import() {
    let env = Env::new();
    let out = env.import(&fixture("owner-list.ods"));
    assert!(out.status.success(), "{}", stderr(&out));
    let stats = env.stats();
    assert_eq!(stats["variables"], 3, "{stats}");
    assert_eq!(stats["codebooks"], 1, "inline value set: {stats}");
    let dump = env.dump();
    assert!(dump.contains("\"Remissdatum\"@sv"), "{dump}");
}

#[test]
fn owner_spreadsheets_with_swedish_synonyms_import() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "owner",
        &[(
            "Variabellista.csv",
            "Fält;Beskrivning;Typ;Längd;Kodverk;Obligatorisk Ja/Nej;Tilläggsinformation\n\
             INDATUM;Datum för inskrivning;Datum;8;;Ja;Från Patientregistret\n\
             AKUT;Akut eller planerad;Kod;1;0=Nej,1=Ja;Nej;\n",
        )],
    );
    let out = env.import(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let dump = env.dump();
    assert!(
        dump.contains("<https://varcat.test/variabel/indatum>"),
        "{dump}"
    );
    assert!(
        dump.contains("<https://varcat.test/kodverk/akut-varden/1>"),
        "{dump}"
    );
    assert!(dump.contains("\"Från Patientregistret\"@sv"));
}

#[test]
fn turtle_skos_code_systems_import() {
    let env = Env::new();
    let out = env.import(&fixture("icd-subset.ttl"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(env.stats()["codes"], 4);
    let dump = env.dump();
    assert!(dump.contains("<https://varcat.test/kodverk/icd-test/S72.0> <http://www.w3.org/2004/02/skos/core#broader> <https://varcat.test/kodverk/icd-test/S72>"), "{dump}");
    assert!(
        !dump.contains("example.org"),
        "the file's own IRIs are replaced"
    );
}

#[test]
fn a_data_dir_keeps_its_base_iri() {
    let env = Env::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["--base-iri", "https://other.example", "stats"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("created for base IRI https://varcat.test"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn commands_on_a_missing_data_dir_say_to_run_init() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(tmp.path().join("nowhere"))
        .args(["stats"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("run `varcat init` first"),
        "{}",
        stderr(&out)
    );
}

/// With `--database-url postgres://…` the operational records live in PostgreSQL: init, an
/// import and the audit log work as with SQLite, and no SQLite file is made. Runs against the
/// local test server (`VARCAT_TEST_POSTGRES_URL`; `VARCAT_TEST_POSTGRES=skip` leaves it out).
#[test]
fn the_operational_database_can_be_postgresql() {
    if std::env::var("VARCAT_TEST_POSTGRES").as_deref() == Ok("skip") {
        eprintln!("PostgreSQL left out (VARCAT_TEST_POSTGRES=skip)");
        return;
    }
    let server = std::env::var("VARCAT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = "varcat_it_cli";
    varcat::db::drop_postgres_schema(&server, schema).expect("PostgreSQL reachable");
    varcat::db::Db::open_postgres(&server, Some(schema)).expect("schema created");
    let sep = if server.contains('?') { '&' } else { '?' };
    let url = format!("{server}{sep}options=-c%20search_path%3D{schema}");
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
            .arg("--data-dir")
            .arg(&data)
            .args(["--base-iri", crate::support::BASE])
            .args(args)
            .env("VARCAT_DATABASE_URL", &url)
            .env("VARCAT_ACTOR", "test")
            .output()
            .expect("run varcat");
        assert!(out.status.success(), "varcat {args:?}: {}", stderr(&out));
        stdout(&out)
    };
    run(&["init"]);
    let dir = repo().join("catalog-data");
    // Every item of catalog-data/: the counted kinds plus the eight problem areas.
    let items =
        CATALOG_VARIABLES + CATALOG_CODEBOOKS + 4 + CATALOG_COLLECTIONS + CATALOG_ORGANISATIONS + 8;
    let imported = run(&["import", dir.to_str().expect("path")]);
    assert!(imported.contains(&format!("{items} added")), "{imported}");
    let again = run(&["import", dir.to_str().expect("path")]);
    assert!(again.contains("nothing changed"), "{again}");
    let audit = run(&["audit", "--limit", "500", "--json"]);
    let entries: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert_eq!(entries.len() as u64, items, "one entry per created item");
    assert!(entries.iter().all(|e| e["action"] == "created"));
    assert!(!data.join("varcat.sqlite").exists(), "no SQLite file");
    varcat::db::drop_postgres_schema(&server, schema).expect("cleaned up");
}

/// A PostgreSQL server that does not answer: a clear error without the password, and `init`
/// leaves no data directory behind.
#[test]
fn an_unreachable_database_is_a_clear_error_and_init_leaves_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(&data)
        .args([
            "--database-url",
            "postgres://varcat:hemligt@127.0.0.1:1/varcat",
            "init",
        ])
        .env_remove("VARCAT_DATA_DIR")
        .output()
        .expect("run varcat");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("cannot open the database postgres://varcat:***@127.0.0.1:1/varcat"),
        "{err}"
    );
    assert!(!err.contains("hemligt"), "the password is not shown: {err}");
    assert_eq!(
        err.matches("Connection refused").count(),
        1,
        "said once: {err}"
    );
    assert!(!data.exists(), "nothing left behind");
}

/// `varcat validate --json … | head`: the reader goes away after a few bytes, and the
/// command ends quietly (by SIGPIPE, as `cat` does), not with a panic on stderr. The report
/// (2,000 datasets without their mandatory properties) is far bigger than a pipe's buffer.
#[test]
fn output_cut_short_by_its_reader_ends_quietly() {
    use std::fmt::Write as _;
    use std::io::Read;
    use std::process::{Command, Stdio};
    let env = Env::new();
    let mut feed = String::new();
    for i in 0..2000 {
        let _ = writeln!(
            feed,
            "<https://example.se/d{i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \
             <http://www.w3.org/ns/dcat#Dataset> ."
        );
    }
    let file = env.path("bad-feed.nt");
    std::fs::write(&file, feed).expect("feed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["validate", "--json"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("varcat validate");
    let mut first = [0u8; 16];
    let mut out = child.stdout.take().expect("stdout");
    out.read_exact(&mut first).expect("the first bytes");
    drop(out);
    let done = child.wait_with_output().expect("varcat ends");
    let err = String::from_utf8_lossy(&done.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!done.status.success(), "it was cut short");
}

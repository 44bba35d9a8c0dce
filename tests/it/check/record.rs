//! `varcat check --record`: the aggregate result (counts per variable and rule, never a value)
//! in the operational database, SQLite and PostgreSQL; a refused record stores nothing.

use super::{loaded, write};
use crate::support::{BASE, stderr};

const GOOD: &str = "PERSONNR,KON,ALDER\n19121212-1212,1,45\n19121212-1212,3,45\n";

fn recorded(env: &crate::support::Env) -> Vec<varcat::db::ConformanceRun> {
    let mut db = varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("db");
    db.conformance_runs(100).expect("runs")
}

#[test]
fn record_stores_the_counts_per_variable_and_rule() {
    let env = loaded();
    let f = write(&env, "e.csv", GOOD.as_bytes());
    let file = f.to_str().expect("utf-8");
    let out = env.run(&[
        "check",
        file,
        "--collection",
        "test",
        "--record",
        "--region",
        "232100-0016",
        "--period",
        "2025-03",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "violations are recorded too: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("recorded the result for 232100-0016 test 2025-03"),
        "{}",
        stderr(&out)
    );
    let runs = recorded(&env);
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(
        (
            run.region.as_str(),
            run.collection.as_str(),
            run.period.as_str()
        ),
        ("232100-0016", "test", "2025-03")
    );
    assert_eq!(
        (run.row_count, run.failing_rows, run.conformant),
        (2, 1, false)
    );
    assert_eq!(run.actor, "test");
    let mut db = varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("db");
    let results = db.conformance_results(run.id).expect("results");
    let count = |var: &str, rule: &str| {
        results
            .iter()
            .find(|r| r.variable == var && r.rule == rule)
            .map(|r| (r.checked, r.failing))
    };
    assert_eq!(count("kon", "any"), Some((2, 1)));
    assert_eq!(count("kon", "code"), Some((2, 1)));
    assert_eq!(count("alder", "any"), Some((2, 0)));
    assert_eq!(count("indatum", "missing_required"), Some((0, 0)));
    assert_eq!(count("kostnad", "missing"), Some((0, 0)));
    // Counts, column names and rule names only.
    let stored = format!("{results:?}{runs:?}");
    assert!(!stored.contains("19121212"), "{stored}");
}

#[test]
fn a_refused_record_stores_nothing() {
    let env = loaded();
    let f = write(&env, "e.csv", GOOD.as_bytes());
    let file = f.to_str().expect("utf-8");
    let bad = write(&env, "bad.csv", b"\x00\x01");
    let cases: [(&[&str], &str); 5] = [
        (
            &["--region", "232100-0016", "--period", "2025-13"],
            "--period: \"2025-13\" is not of the form YYYY-MM",
        ),
        (
            &["--region", "12345", "--period", "2025-03"],
            "--region: organisationsnummer",
        ),
        (
            &["--region", "232100-0024", "--period", "2025-03"],
            "no organisation 232100-0024 in the catalogue",
        ),
        (
            &["--region", "222000-0315", "--period", "2025-03"],
            "222000-0315 is an organisation of the catalogue but no region",
        ),
        (
            &[
                "--region",
                "232100-0016",
                "--period",
                "2025-03",
                "--collection",
                "nope",
            ],
            "no collection",
        ),
    ];
    for (extra, message) in cases {
        let mut args = vec!["check", file, "--record"];
        if !extra.contains(&"--collection") {
            args.extend(["--collection", "test"]);
        }
        args.extend_from_slice(extra);
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(message),
            "{extra:?}: {}",
            stderr(&out)
        );
    }
    let out = env.run(&[
        "check",
        bad.to_str().expect("utf-8"),
        "--collection",
        "test",
        "--record",
        "--region",
        "232100-0016",
        "--period",
        "2025-03",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = env.run(&[
        "check",
        file,
        "--collection",
        "test",
        "--region",
        "232100-0016",
    ]);
    assert_eq!(out.status.code(), Some(2), "--region needs --record");
    assert!(recorded(&env).is_empty());
}

/// The same record in PostgreSQL (`VARCAT_TEST_POSTGRES_URL`; `VARCAT_TEST_POSTGRES=skip`
/// leaves it out), whose migration creates the tables.
#[test]
fn record_works_on_postgresql() {
    if std::env::var("VARCAT_TEST_POSTGRES").as_deref() == Ok("skip") {
        eprintln!("PostgreSQL left out (VARCAT_TEST_POSTGRES=skip)");
        return;
    }
    let server = std::env::var("VARCAT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = "varcat_it_check_record";
    varcat::db::drop_postgres_schema(&server, schema).expect("PostgreSQL reachable");
    varcat::db::Db::open_postgres(&server, Some(schema)).expect("schema created");
    let sep = if server.contains('?') { '&' } else { '?' };
    let url = format!("{server}{sep}options=-c%20search_path%3D{schema}");
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
            .arg("--data-dir")
            .arg(&data)
            .args(["--base-iri", BASE])
            .args(args)
            .env("VARCAT_DATABASE_URL", &url)
            .env("VARCAT_ACTOR", "test")
            .output()
            .expect("run varcat")
    };
    assert!(run(&["init"]).status.success());
    let catalog = crate::support::repo().join("catalog-data");
    assert!(
        run(&["import", catalog.to_str().expect("utf-8")])
            .status
            .success()
    );
    let extract = crate::support::repo().join("examples/extracts/rikshoft-region-c.csv");
    let out = run(&[
        "check",
        extract.to_str().expect("utf-8"),
        "--collection",
        "rikshoft",
        "--record",
        "--region",
        "232100-0255",
        "--period",
        "2025-04",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut db = varcat::db::Db::open_postgres(&url, None).expect("db");
    let runs = db.conformance_runs(10).expect("runs");
    assert_eq!(runs.len(), 1);
    assert_eq!((runs[0].row_count, runs[0].failing_rows), (25, 5));
    let results = db.conformance_results(runs[0].id).expect("results");
    assert!(
        results
            .iter()
            .any(|r| r.variable == "frakturtyp" && r.rule == "code" && r.failing == 2)
    );
    varcat::db::drop_postgres_schema(&server, schema).expect("cleaned up");
}

//! Crash consistency: an import killed at the worst moments (just before and just after the
//! store commits) leaves the store and the operational database agreeing once the data
//! directory is next opened: the catalogue is exactly before or after, the import run says
//! which, the audit log holds entries only for what the store holds, and importing again
//! does what is left to do.

use std::process::Command;

use crate::support::{BASE, Env, repo, stderr};

/// Imports catalog-data in a process that stops (`abort`, as `kill -9` would leave it) at
/// `point` of its write.
fn import_crashing_at(env: &Env, point: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(env.data())
        .arg("--base-iri")
        .arg(BASE)
        .arg("import")
        .arg(repo().join("catalog-data"))
        .env("VARCAT_ACTOR", "test")
        .env("VARCAT_CRASH_AT", point)
        .output()
        .expect("run varcat");
    assert!(!out.status.success(), "the import was to stop at {point}");
    assert!(stderr(&out).contains(point), "{}", stderr(&out));
}

fn db(env: &Env) -> varcat::db::Db {
    varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("database opens")
}

#[test]
fn an_import_killed_after_the_store_commit_is_recorded_as_applied_on_the_next_open() {
    let env = Env::new();
    import_crashing_at(&env, "after-store-commit");
    // Opening the data directory (any command that opens the store) settles the write.
    let stats = env.stats();
    assert_eq!(stats["variables"], 45, "the store holds the import");
    let mut db = db(&env);
    let runs = db.recent_runs(5).expect("runs");
    assert_eq!(runs[0].outcome, "applied");
    assert!(runs[0].added > 0);
    let audit = db.audit(None, 10_000).expect("audit");
    assert_eq!(audit.len(), usize::try_from(runs[0].added).expect("count"));
    drop(db);
    // And the catalogue is complete: importing again changes nothing.
    let out = env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing changed"));
}

#[test]
fn an_import_killed_before_the_store_commit_leaves_nothing_but_an_interrupted_run() {
    let env = Env::new();
    import_crashing_at(&env, "before-store-commit");
    let stats = env.stats();
    assert_eq!(
        stats["variables"], 0,
        "the store holds nothing of the import"
    );
    let mut db = db(&env);
    let runs = db.recent_runs(5).expect("runs");
    assert_eq!(runs[0].outcome, "interrupted");
    assert!(
        db.audit(None, 10).expect("audit").is_empty(),
        "no audit entry for a write the store does not hold"
    );
    drop(db);
    // Importing again does the whole import, with its audit entries.
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    assert_eq!(env.stats()["variables"], 45);
    let mut again = self::db(&env);
    assert_eq!(again.recent_runs(1).expect("runs")[0].outcome, "applied");
    assert!(!again.audit(None, 10).expect("audit").is_empty());
}

#[test]
fn bulk_load_files_left_by_a_killed_import_are_removed_when_the_store_opens() {
    let env = Env::new();
    let stale = env
        .data()
        .join("store")
        .join("bulk-12345678901234567890.sst");
    std::fs::write(&stale, b"left by a killed bulk load").expect("write");
    env.stats();
    assert!(!stale.exists(), "the stale bulk-load file is removed");
}

#[test]
fn a_change_killed_after_the_store_commit_keeps_its_audit_entry_and_imports_as_a_no_op() {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    // A change to an existing item goes through a store transaction, not the bulk loader.
    let dir = crate::support::csv_dir(
        env.tmp.path(),
        "change",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition\nkon,Kön,Administrativt kön (ändrad definition).\n",
        )],
    );
    let out = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(env.data())
        .arg("--base-iri")
        .arg(BASE)
        .arg("import")
        .arg(&dir)
        .env("VARCAT_CRASH_AT", "after-store-commit")
        .output()
        .expect("run varcat");
    assert!(!out.status.success());
    assert_eq!(env.stats()["variables"], 45);
    let mut db = db(&env);
    assert_eq!(db.recent_runs(1).expect("runs")[0].outcome, "applied");
    let iri = format!("{BASE}/variabel/kon");
    let audit = db.audit_for(&iri).expect("audit");
    assert_eq!(audit.len(), 2, "created, then changed");
    assert_eq!(audit[0].action, "changed");
    drop(db);
    let out = env.run_ok(&["import", dir.to_str().expect("path")]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing changed"));
}

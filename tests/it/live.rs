//! A live catalogue: while `varcat serve` holds the data directory, `varcat import` and the
//! other commands work through it, every change shows at once, two imports never interleave,
//! a harvester sees the whole catalogue before or after an import, and a server killed in the
//! middle of an import starts again on exactly one of the two.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{BASE, Env, Served, csv_dir, repo, stderr, stdout};

fn with_catalog() -> Env {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    env
}

fn one_change(env: &Env, name: &str, definition: &str) -> PathBuf {
    csv_dir(
        env.tmp.path(),
        name,
        &[(
            "variabler.csv",
            &format!("Identifierare,Namn,Definition\nkon,Kön,{definition}\n"),
        )],
    )
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn db(env: &Env) -> varcat::db::Db {
    varcat::db::Db::open(&env.data().join("varcat.sqlite")).expect("database")
}

#[test]
fn an_import_while_the_server_runs_goes_through_it_and_shows_at_once() {
    let env = with_catalog();
    let served = Served::start(&env);
    let dir = one_change(&env, "ny", "Administrativt kön (ny lydelse).");

    // A dry run shows the change field by field and writes nothing.
    let out = env.run_ok(&["import", path(&dir), "--dry-run"]);
    let text = stdout(&out);
    assert!(text.contains("~ variabel kon"), "{text}");
    assert!(
        text.contains("→ \"Administrativt kön (ny lydelse).\""),
        "{text}"
    );
    assert!(text.contains("nothing was written"), "{text}");
    assert!(!served.get("/variabel/kon").1.contains("ny lydelse"));

    let out = env.run_ok(&["import", path(&dir)]);
    assert!(stdout(&out).contains("imported"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("through the server"),
        "{}",
        stderr(&out)
    );
    // Pages, search and the feed show it without a restart.
    assert!(served.get("/variabel/kon").1.contains("ny lydelse"));
    assert!(served.get("/sok?q=lydelse").1.contains("/variabel/kon"));
    let runs = db(&env).recent_runs(1).expect("runs");
    assert_eq!(runs[0].outcome, "applied");
    assert_eq!(runs[0].actor, "test");

    // The same file again: nothing changes, as without a server.
    let out = env.run_ok(&["import", path(&dir)]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
}

#[test]
fn a_bad_file_through_the_server_reports_every_bad_cell_and_writes_nothing() {
    let env = with_catalog();
    let served = Served::start(&env);
    let dir = csv_dir(
        env.tmp.path(),
        "fel",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Datatyp,Ägare\n\
             kon,Kön,Ändrad.,heltall,232100-0016\n\
             ny,Ny,Ny.,text,12345\n",
        )],
    );
    let before = served.get("/variabel/kon").1;
    let out = env.run(&["import", path(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("variabler!2:D: Datatyp: \"heltall\""), "{err}");
    assert!(err.contains("variabler!3:E: Ägare:"), "{err}");
    assert!(err.contains("2 problems in"), "{err}");
    assert_eq!(served.get("/variabel/kon").1, before);
    assert_eq!(served.get("/variabel/ny").0, 404);
    assert_eq!(
        db(&env).recent_runs(1).expect("runs")[0].outcome,
        "rejected"
    );
}

#[test]
fn the_read_only_commands_work_while_the_server_runs() {
    let env = with_catalog();
    let dump_before = env.dump();
    let _served = Served::start(&env);
    assert_eq!(env.stats()["variables"], 45);
    assert_eq!(
        env.dump(),
        dump_before,
        "the export through the server is the store"
    );
    let out = env.run_ok(&["diff", "current", path(&repo().join("catalog-data"))]);
    assert!(out.status.success());
    let out = env.run_ok(&["release", "2026.1"]);
    assert!(
        stderr(&out).contains("release 2026.1 frozen"),
        "{}",
        stderr(&out)
    );
    env.run_ok(&["audit", "--limit", "1"]);
    env.run_ok(&["token", "list"]);
}

#[test]
fn two_imports_at_once_are_applied_one_after_the_other() {
    let env = with_catalog();
    let _served = Served::start(&env);
    let a = one_change(&env, "a", "Lydelse A.");
    let b = csv_dir(
        env.tmp.path(),
        "b",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition\nny-b,Ny B,Lydelse B.\n",
        )],
    );
    let spawn = |dir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_varcat"))
            .arg("--data-dir")
            .arg(env.data())
            .args(["--base-iri", BASE, "import", path(dir)])
            .output()
    };
    let (ra, rb) = std::thread::scope(|s| {
        let ta = s.spawn(|| spawn(&a));
        let tb = s.spawn(|| spawn(&b));
        (ta.join().expect("a"), tb.join().expect("b"))
    });
    assert!(ra.expect("run a").status.success());
    assert!(rb.expect("run b").status.success());
    assert_eq!(env.stats()["variables"], 46);
    // Each import made a revision of its own: none of their audit entries share one.
    let mut db = db(&env);
    let runs = db.recent_runs(2).expect("runs");
    assert!(runs.iter().all(|r| r.outcome == "applied"), "{runs:?}");
    assert_ne!(runs[0].id, runs[1].id);
}

/// The feed as a harvester reads it, until `stop`.
fn harvest(served: &Served, stop: &std::sync::atomic::AtomicBool) -> Vec<String> {
    let mut seen = Vec::new();
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        let (status, body) = served.fetch("/datasets/dcat", "application/rdf+xml");
        assert_eq!(status, 200);
        seen.push(body);
    }
    seen
}

#[test]
fn a_harvester_during_an_import_gets_the_whole_catalogue_before_or_after_it() {
    let env = with_catalog();
    let served = Served::start(&env);
    let before = served.fetch("/datasets/dcat", "application/rdf+xml").1;
    // A change to every data collection's description: all in the feed.
    let rows: String = std::fs::read_to_string(repo().join("catalog-data/datainsamlingar.csv"))
        .expect("collections")
        .lines()
        .map(|l| l.replacen(",\"", ",\"(Ändrad.) ", 1))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = csv_dir(
        env.tmp.path(),
        "insamlingar",
        &[("datainsamlingar.csv", &rows)],
    );
    let stop = std::sync::atomic::AtomicBool::new(false);
    let seen = std::thread::scope(|s| {
        let h = s.spawn(|| harvest(&served, &stop));
        env.run_ok(&["import", path(&dir)]);
        std::thread::sleep(std::time::Duration::from_millis(100));
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        h.join().expect("harvester")
    });
    let after = served.fetch("/datasets/dcat", "application/rdf+xml").1;
    assert_ne!(before, after, "the import changed the feed");
    assert!(seen.len() > 1);
    for body in &seen {
        assert!(
            body == &before || body == &after,
            "a feed that is neither before nor after"
        );
        let parsed = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::RdfXml)
            .for_slice(body.as_bytes())
            .collect::<Result<Vec<_>, _>>();
        assert!(parsed.is_ok(), "every fetched feed parses");
    }
}

/// Starts a server whose next write stops the process at `point`, imports through it, and
/// starts a server again.
fn kill_server_during_an_import(point: &str) -> (Env, Served) {
    let env = with_catalog();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(env.data())
        .args([
            "--base-iri",
            BASE,
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .env("VARCAT_CRASH_AT", point)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve");
    for _ in 0..300 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        if env.data().join("server.json").is_file()
            && std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        {
            break;
        }
    }
    let dir = one_change(&env, "ny", "Administrativt kön (ny lydelse).");
    let out = env.run(&["import", path(&dir)]);
    assert!(!out.status.success(), "the server stopped during the write");
    let _ = child.wait();
    let served = Served::start(&env);
    (env, served)
}

#[test]
fn a_server_killed_after_the_store_commit_starts_again_on_the_catalogue_after_the_import() {
    let (env, served) = kill_server_during_an_import("after-store-commit");
    assert!(served.get("/variabel/kon").1.contains("ny lydelse"));
    // The search index, kept at the revision before, was built again.
    assert!(served.get("/sok?q=lydelse").1.contains("/variabel/kon"));
    let mut db = db(&env);
    assert_eq!(db.recent_runs(1).expect("runs")[0].outcome, "applied");
    let iri = format!("{BASE}/variabel/kon");
    assert_eq!(db.audit_for(&iri).expect("audit")[0].action, "changed");
}

#[test]
fn a_server_killed_before_the_store_commit_starts_again_on_the_catalogue_before_it() {
    let (env, served) = kill_server_during_an_import("before-store-commit");
    assert!(!served.get("/variabel/kon").1.contains("ny lydelse"));
    assert!(!served.get("/sok?q=lydelse").1.contains("/variabel/kon"));
    let mut db = db(&env);
    assert_eq!(db.recent_runs(1).expect("runs")[0].outcome, "interrupted");
    let iri = format!("{BASE}/variabel/kon");
    assert_eq!(
        db.audit_for(&iri).expect("audit").len(),
        1,
        "only the first import"
    );
}

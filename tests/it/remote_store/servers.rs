//! Two `varcat serve` processes on one remote store and one PostgreSQL database: a write
//! through either shows on the other (it polls the store's revision), the audit log they
//! share records it once, and one killed leaves the other answering and writing. Runs against the local test server (`VARCAT_TEST_POSTGRES_URL`;
//! `VARCAT_TEST_POSTGRES=skip` leaves it out, as the other PostgreSQL tests).

use std::time::{Duration, Instant};

use super::engine::{Engine, RemoteEnv, free_port};
use super::{audit, catalog_data, one_change, path};
use crate::support::{Served, stderr, stdout};

fn serve(env: &RemoteEnv) -> Served {
    let port = free_port();
    let child = env
        .command()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve");
    let served = Served {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..600 {
        std::thread::sleep(Duration::from_millis(50));
        if served.get("/health").0 == 200 && env.data().join("server.json").is_file() {
            return served;
        }
    }
    panic!("the server did not start");
}

/// `text` percent-encoded for a query string.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The token a server left its data directory's owner.
fn token(env: &RemoteEnv) -> String {
    let text = std::fs::read_to_string(env.data().join("server.json")).expect("server.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["token"].as_str().expect("token").to_owned()
}

/// Waits (generously: no timing is asserted) until `served` shows `text` at `page`.
fn shows(served: &Served, page: &str, text: &str) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if served.get(page).1.contains(text) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn two_servers_on_one_store_and_one_database_see_each_others_writes() {
    if std::env::var("VARCAT_TEST_POSTGRES").as_deref() == Ok("skip") {
        eprintln!("PostgreSQL left out (VARCAT_TEST_POSTGRES=skip)");
        return;
    }
    let server = std::env::var("VARCAT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = "varcat_it_remote_store";
    varcat::db::drop_postgres_schema(&server, schema).expect("PostgreSQL reachable");
    varcat::db::Db::open_postgres(&server, Some(schema)).expect("schema created");
    let sep = if server.contains('?') { '&' } else { '?' };
    let url = format!("{server}{sep}options=-c%20search_path%3D{schema}");

    let engine = Engine::start();
    let a = RemoteEnv::with_database(&engine, Some(url.clone()));
    let b = RemoteEnv::with_database(&engine, Some(url));
    a.run_ok(&["init"]);
    a.run_ok(&["import", path(&catalog_data())]);
    b.run_ok(&["init"]);
    let (served_a, served_b) = (serve(&a), serve(&b));
    let before = audit(|x| a.run_ok(x)).len();

    // Through A: shows on B.
    let change = one_change(a.tmp.path(), "ny", "Administrativt kön (ny lydelse).");
    let out = a.run_ok(&[
        "import",
        "--server",
        &served_a.url,
        "--token",
        &token(&a),
        path(&change),
    ]);
    assert!(
        stdout(&out).contains("1 changed"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(served_a.get("/variabel/kon").1.contains("ny lydelse"));
    assert!(
        shows(&served_b, "/variabel/kon", "ny lydelse"),
        "B shows A's write"
    );

    // Through B: shows on A.
    let change = one_change(
        b.tmp.path(),
        "andra",
        "Administrativt kön (andra lydelsen).",
    );
    let out = b.run_ok(&[
        "import",
        "--server",
        &served_b.url,
        "--token",
        &token(&b),
        path(&change),
    ]);
    assert!(stdout(&out).contains("1 changed"), "{}", stdout(&out));
    assert!(
        shows(&served_a, "/variabel/kon", "andra lydelsen"),
        "A shows B's write"
    );
    assert!(
        shows(&served_a, "/sok?q=lydelsen", "/variabel/kon"),
        "and finds it"
    );
    // The public SPARQL endpoint answers from the replica too.
    let ask = "ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), \"andra lydelsen\")) }";
    let (status, body) = served_a.fetch(
        &format!("/sparql?query={}", encode(ask)),
        "application/sparql-results+json",
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("true"), "{body}");

    // One audit log: each write once, whichever server made it.
    let entries = audit(|x| b.run_ok(x));
    assert_eq!(entries.len(), before + 2, "{entries:?}");

    // A killed (as a crash would): B goes on answering and writing; nothing is lost, and A
    // started again shows everything.
    drop(served_a);
    let change = one_change(
        b.tmp.path(),
        "tredje",
        "Administrativt kön (tredje lydelsen).",
    );
    let out = b.run_ok(&[
        "import",
        "--server",
        &served_b.url,
        "--token",
        &token(&b),
        path(&change),
    ]);
    assert!(stdout(&out).contains("1 changed"), "{}", stdout(&out));
    assert!(served_b.get("/variabel/kon").1.contains("tredje lydelsen"));
    let served_a = serve(&a);
    assert!(served_a.get("/variabel/kon").1.contains("tredje lydelsen"));
    assert_eq!(audit(|x| a.run_ok(x)).len(), before + 3);
    drop((served_a, served_b));
    varcat::db::drop_postgres_schema(&server, schema).expect("cleaned up");
}

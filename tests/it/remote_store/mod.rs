//! The catalogue content in a remote SPARQL 1.1 store (`--store-url`), against a real Oxigraph
//! server: the store suite on both backends (a write read back, from a second process too),
//! imports that the engine refuses or that it dies during leave the store and the operational
//! database as they were, and two servers on one store and one PostgreSQL see each other's
//! writes.

mod engine;
mod servers;

use std::path::{Path, PathBuf};

use varcat::domain::{Catalog, Id, ItemKey, ItemKind};
use varcat::store::{CatalogStore, ChangeSet, Iris, RemoteConfig};

use crate::support::{BASE, Env, csv_dir, repo, stderr, stdout};
use engine::{Engine, RemoteEnv, dump_with};

fn iris() -> Iris {
    Iris::new(BASE).expect("base")
}

fn remote(engine: &Engine) -> CatalogStore {
    CatalogStore::open_remote(RemoteConfig::new(&engine.url()), iris()).expect("remote store")
}

fn nquads(store: &CatalogStore) -> String {
    let bytes = store
        .write_all(oxigraph::io::RdfFormat::NQuads, Vec::new())
        .expect("export");
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.split(' ')
                .map(|w| if w.starts_with("_:") { "_:b" } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

fn write(store: &CatalogStore, cat: &Catalog, upserts: Vec<ItemKey>, removals: Vec<ItemKey>) {
    let changes = ChangeSet {
        catalog: cat,
        upserts,
        removals,
    };
    store
        .apply(&changes, "2026-12-03T12:00:00Z", &|| {})
        .expect("apply");
}

/// The store suite on both backends: every kind written and read back equal, an item's new
/// version frozen, an item removed; the remote store read afresh by a second process (a new
/// replica) holds exactly what the first wrote, quad for quad; a process that has not read
/// another's write may not write until it has, and then reads it incrementally.
#[test]
fn the_store_suite_gives_the_same_on_the_embedded_and_the_remote_store() {
    let engine = Engine::start();
    let embedded = CatalogStore::in_memory(iris()).expect("store");
    let first = remote(&engine);
    let mut cat = crate::roundtrip::full_catalog();
    let variable = cat.variables.keys().next().cloned().expect("a variable");
    let key = ItemKey {
        kind: ItemKind::Variable,
        id: variable.to_string(),
    };
    if let Some(v) = cat.variables.get_mut(&variable) {
        v.version = "1.0".into();
    }
    for store in [&embedded, &first] {
        write(store, &cat, cat.keys(), Vec::new());
    }
    assert_eq!(
        first.load_catalog().expect("read"),
        embedded.load_catalog().expect("read")
    );
    assert_eq!(nquads(&first), nquads(&embedded));
    assert_eq!(
        nquads(&remote(&engine)),
        nquads(&embedded),
        "read back from the engine"
    );

    // A new version of one variable: the old one is frozen in a graph of its own.
    if let Some(v) = cat.variables.get_mut(&variable) {
        v.version = "2.0".into();
    }
    for store in [&embedded, &first] {
        write(store, &cat, vec![key.clone()], Vec::new());
    }
    assert_eq!(nquads(&first), nquads(&embedded));
    let second = remote(&engine);
    assert_eq!(
        nquads(&second),
        nquads(&embedded),
        "read back from the engine"
    );
    assert_eq!(
        second.versions().expect("versions"),
        embedded.versions().expect("versions")
    );
    assert!(
        !embedded.versions().expect("versions").is_empty(),
        "a version was frozen"
    );

    // A removal, through the second process: the first catches up with it.
    let gone = ItemKey {
        kind: ItemKind::Collection,
        id: "minimal".into(),
    };
    for store in [&embedded, &second] {
        write(store, &cat, Vec::new(), vec![gone.clone()]);
    }
    assert_eq!(nquads(&second), nquads(&embedded));

    // The first process, not caught up yet, may not write on what it read before.
    let changes = ChangeSet {
        catalog: &cat,
        upserts: vec![key.clone()],
        removals: Vec::new(),
    };
    let refused = first.apply(&changes, "2026-12-03T13:00:00Z", &|| {});
    assert!(
        matches!(refused, Err(varcat::store::StoreError::Stale { .. })),
        "{:?}",
        refused.err()
    );
    assert_eq!(
        nquads(&remote(&engine)),
        nquads(&embedded),
        "nothing was written"
    );
    assert!(
        matches!(first.sync().expect("sync"), varcat::store::Synced::Graphs(ref g) if !g.is_empty()),
        "the first process sees a later revision and the graphs it touched"
    );
    assert_eq!(
        first.revision().expect("rev"),
        embedded.revision().expect("rev")
    );
    assert_eq!(nquads(&first), nquads(&embedded), "caught up incrementally");
    assert_eq!(
        first.sync().expect("sync"),
        varcat::store::Synced::Nothing,
        "nothing more to read"
    );
    let back = first.load_catalog().expect("read");
    assert!(
        !back
            .collections
            .contains_key(&Id::parse("minimal").expect("id"))
    );
}

fn catalog_data() -> PathBuf {
    repo().join("catalog-data")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn one_change(root: &Path, name: &str, definition: &str) -> PathBuf {
    csv_dir(
        root,
        name,
        &[(
            "variabler.csv",
            &format!("Identifierare,Namn,Definition\nkon,Kön,{definition}\n"),
        )],
    )
}

/// The audit log as its JSON lines.
fn audit(run: impl Fn(&[&str]) -> std::process::Output) -> Vec<serde_json::Value> {
    let out = run(&["audit", "--limit", "100000", "--json"]);
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect()
}

/// `varcat` on catalog-data: the same import, re-import (a no-op), export and stats on both
/// stores; a second data directory on the same remote store reads the same catalogue.
#[test]
fn import_reimport_and_export_agree_on_both_stores() {
    let engine = Engine::start();
    let local = Env::new();
    let far = RemoteEnv::new(&engine);
    far.run_ok(&["init"]);
    let first_local = stdout(&local.run_ok(&["import", path(&catalog_data())]));
    let first_far = stdout(&far.run_ok(&["import", path(&catalog_data())]));
    assert!(first_far.contains(" added"), "{first_far}");
    assert_eq!(first_far, first_local, "the same report");
    let again = stdout(&far.run_ok(&["import", path(&catalog_data())]));
    assert!(again.contains("nothing changed"), "{again}");
    let local_dump = dump_with(local.tmp.path(), |a| local.run_ok(a));
    assert_eq!(far.dump(), local_dump);
    assert_eq!(
        stdout(&far.run_ok(&["stats", "--json"])),
        stdout(&local.run_ok(&["stats", "--json"]))
    );
    let other = RemoteEnv::new(&engine);
    other.run_ok(&["init"]);
    assert_eq!(
        other.dump(),
        local_dump,
        "read back by another data directory"
    );
    let again = stdout(&other.run_ok(&["import", path(&catalog_data())]));
    assert!(again.contains("nothing changed"), "{again}");
}

/// An import the engine refuses (here: sent to an endpoint that takes no updates) fails with
/// the engine's reason and changes neither the store nor the audit log; its run is recorded as
/// failed. The same import then goes through.
#[test]
fn an_import_the_engine_refuses_changes_nothing() {
    let engine = Engine::start();
    let far = RemoteEnv::new(&engine);
    far.run_ok(&["init"]);
    far.run_ok(&["import", path(&catalog_data())]);
    let (before, entries) = (far.dump(), audit(|a| far.run_ok(a)).len());
    let change = one_change(far.tmp.path(), "ny", "Administrativt kön (ny lydelse).");
    let out = far
        .command()
        .args(["import", path(&change)])
        .env("VARCAT_STORE_UPDATE_URL", format!("{}/query", engine.url()))
        .output()
        .expect("run");
    assert!(!out.status.success(), "refused");
    assert!(stderr(&out).contains("SPARQL store"), "{}", stderr(&out));
    assert_eq!(far.dump(), before, "the store is unchanged");
    assert_eq!(audit(|a| far.run_ok(a)).len(), entries, "no audit entry");
    let db = varcat::db::Db::open(&far.data().join("varcat.sqlite"));
    let runs = db.expect("database").recent_runs(1).expect("runs");
    assert_eq!(runs[0].outcome, "failed");
    let out = stdout(&far.run_ok(&["import", path(&change)]));
    assert!(out.contains("1 changed"), "{out}");
    assert!(far.dump().contains("ny lydelse"));
}

/// The engine dies while an import is sent to it (a stand-in update endpoint kills it on the
/// first request and hangs up): the import fails saying that the outcome is not known yet;
/// once the engine is back, the store and the audit log are as before, and the next import
/// settles the write as not applied and makes the change.
#[test]
fn an_engine_killed_during_an_import_leaves_store_and_database_unchanged() {
    let engine = Engine::start();
    let far = RemoteEnv::new(&engine);
    far.run_ok(&["init"]);
    far.run_ok(&["import", path(&catalog_data())]);
    let (before, entries) = (far.dump(), audit(|a| far.run_ok(a)).len());

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let fake = listener.local_addr().expect("addr").port();
    let child = engine.child.clone();
    let killer = std::thread::spawn(move || {
        if let Ok((mut conn, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut conn, &mut buf);
            engine::kill(&child);
            drop(conn);
        }
    });
    let change = one_change(far.tmp.path(), "ny", "Administrativt kön (ny lydelse).");
    let out = far
        .command()
        .args(["import", path(&change)])
        .env(
            "VARCAT_STORE_UPDATE_URL",
            format!("http://127.0.0.1:{fake}/update"),
        )
        .output()
        .expect("run");
    killer.join().expect("the stand-in endpoint");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not known yet"), "{}", stderr(&out));

    engine.restart();
    assert_eq!(far.dump(), before, "the store is unchanged");
    assert_eq!(
        audit(|a| far.run_ok(a)).len(),
        entries,
        "no audit entry shows"
    );
    let out = stdout(&far.run_ok(&["import", path(&change)]));
    assert!(out.contains("1 changed"), "{out}");
    assert_eq!(audit(|a| far.run_ok(a)).len(), entries + 1);
}

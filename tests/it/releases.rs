//! Releases, item versions and change notes on real catalog-data edits: `varcat release`,
//! `varcat diff`, version IRIs, and the release and version pages.

use crate::support::{Env, repo, stderr, stdout};

/// A copy of catalog-data/ with `edit` applied to one of its CSV files.
fn edited_copy(env: &Env, file: &str, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let dir = env.path("edited");
    std::fs::create_dir_all(dir.join("kodverk")).expect("mkdir");
    for entry in std::fs::read_dir(repo().join("catalog-data")).expect("read catalog-data") {
        let p = entry.expect("entry").path();
        if p.is_file() {
            let name = p.file_name().expect("name").to_owned();
            std::fs::copy(&p, dir.join(name)).expect("copy");
        }
    }
    for entry in std::fs::read_dir(repo().join("catalog-data/kodverk")).expect("kodverk") {
        let p = entry.expect("entry").path();
        std::fs::copy(&p, dir.join("kodverk").join(p.file_name().expect("name"))).expect("copy");
    }
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let changed = edit(text.clone());
    assert_ne!(text, changed, "the edit must change {file}");
    std::fs::write(&path, changed).expect("write");
    dir
}

#[test]
fn diff_of_spreadsheet_versions_reads_as_change_notes() {
    let env = Env::new();
    let edited = edited_copy(&env, "variabler.csv", |t| {
        t.replacen(
            "Datum då patienten opererades för höftfrakturen.",
            "Datum då operationen för höftfrakturen påbörjades.",
            1,
        )
    });
    let codes = edited.join("koder.csv");
    let mut text = std::fs::read_to_string(&codes).expect("koder");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("vardform,9,Testvårdform,Test care type,,,\n");
    std::fs::write(&codes, text).expect("write");
    let catalog = repo().join("catalog-data");
    let out = env.run_ok(&[
        "diff",
        catalog.to_str().expect("utf-8"),
        edited.to_str().expect("utf-8"),
    ]);
    let notes = stdout(&out);
    assert!(
        notes.contains("Kodverket Vårdform: kod 9 tillagd"),
        "{notes}"
    );
    assert!(
        notes.contains("Variabeln Operationsdatum: definitionen ändrad"),
        "{notes}"
    );
    assert_eq!(notes.lines().count(), 2, "nothing else changed: {notes}");
    let out = env.run_ok(&[
        "diff",
        "--lang",
        "en",
        catalog.to_str().expect("utf-8"),
        edited.to_str().expect("utf-8"),
    ]);
    assert!(
        stdout(&out).contains("Codebook Vårdform: code 9 added"),
        "{}",
        stdout(&out)
    );
    let out = env.run_ok(&[
        "diff",
        "--json",
        catalog.to_str().expect("utf-8"),
        edited.to_str().expect("utf-8"),
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let changed = json
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["item"] == "variabel/operationsdatum")
        .expect("the variable's change");
    assert_eq!(changed["change"], "changed");
    assert_eq!(changed["fields"][0]["field"], "definition");
}

#[test]
fn releases_freeze_the_catalogue_and_describe_what_changed() {
    let env = Env::new();
    env.run_ok(&["init"]);
    env.import(&repo().join("catalog-data"));
    let out = env.run_ok(&["release", "2026.1"]);
    assert!(stdout(&out).is_empty(), "first release: no notes");
    assert!(
        stderr(&out).contains("the first release"),
        "{}",
        stderr(&out)
    );
    // The same name again is refused, and nothing is overwritten.
    let again = env.run(&["release", "2026.1"]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("exists already"),
        "{}",
        stderr(&again)
    );
    let bad = env.run(&["release", "../x"]);
    assert!(!bad.status.success());
    // An edit, then the next release lists it.
    let edited = edited_copy(&env, "variabler.csv", |t| {
        t.replacen(",Vårdplatstyp,", ",Typ av vårdplats,", 1)
    });
    env.import(&edited);
    let out = env.run_ok(&["release", "2026.2"]);
    let notes = stdout(&out);
    assert!(
        notes.contains(
            "Variabeln Typ av vårdplats: namnet ändrat (Vårdplatstyp → Typ av vårdplats)"
        ),
        "{notes}"
    );
    let out = env.run_ok(&["diff", "2026.1", "current"]);
    assert!(
        stdout(&out).contains("Variabeln Typ av vårdplats"),
        "{}",
        stdout(&out)
    );
    let out = env.run_ok(&["diff", "2026.2", "current"]);
    assert_eq!(stdout(&out).trim(), "Inga ändringar.");
    let list = env.run_ok(&["release", "--list"]);
    let listed = stdout(&list);
    assert!(
        listed.find("2026.1").expect("first") < listed.find("2026.2").expect("second"),
        "{listed}"
    );
    let missing = env.run(&["diff", "2025.9", "current"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("2025.9"), "{}", stderr(&missing));
}

#[test]
fn a_new_version_freezes_the_old_one_at_its_own_iri() {
    let env = Env::new();
    env.run_ok(&["init"]);
    env.import(&repo().join("catalog-data"));
    let edited = edited_copy(&env, "variabler.csv", |t| {
        t.lines()
            .map(|l| {
                if l.starts_with("operationsdatum,") {
                    l.replacen(",1.0,standard,", ",2.0,standard,", 1).replacen(
                        "Datum då patienten opererades för höftfrakturen.",
                        "Datum då operationen för höftfrakturen påbörjades.",
                        1,
                    )
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    let out = env.import(&edited);
    assert!(out.status.success(), "{}", stderr(&out));
    // The store holds the frozen 1.0 and the current 2.0, linked both ways.
    let dump = env.dump();
    let base = crate::support::BASE;
    let current = format!("<{base}/variabel/operationsdatum>");
    let frozen = format!("<{base}/variabel/operationsdatum/1.0>");
    let replaces = format!("{current} <http://purl.org/dc/terms/replaces> {frozen} {current} .");
    let replaced = format!("{frozen} <http://purl.org/dc/terms/isReplacedBy> {current} {frozen} .");
    assert!(dump.contains(&replaces), "{dump}");
    assert!(dump.contains(&replaced), "{dump}");
    assert!(
        dump.contains(&format!(
            "{frozen} <http://www.w3.org/2002/07/owl#versionInfo> \"1.0\""
        )),
        "the frozen version keeps its own description"
    );
    // The catalogue itself still has one such variable, at version 2.0.
    assert_eq!(env.stats()["variables"], 45);
    // An unchanged re-import keeps the links and freezes nothing more.
    env.import(&edited);
    assert_eq!(env.dump(), dump);
    // varcat diff between the two versions of the item.
    let out = env.run_ok(&[
        "diff",
        "variabel/operationsdatum/1.0",
        "variabel/operationsdatum",
    ]);
    let notes = stdout(&out);
    assert!(notes.contains("definitionen ändrad"), "{notes}");
    assert!(notes.contains("versionen ändrad (1.0 → 2.0)"), "{notes}");
}

#[actix_web::test]
async fn version_iris_serve_their_page_and_rdf_and_the_item_links_them() {
    use actix_web::test as at;
    let state = remissdatum_in_two_versions(None);
    let app = crate::app!(state);
    let html = |uri: &str| {
        at::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept", "text/html"))
            .to_request()
    };
    let body =
        |r| async move { String::from_utf8(at::read_body(r).await.to_vec()).expect("utf-8") };
    let page = body(at::call_service(&app, html("/variabel/remissdatum")).await).await;
    assert!(
        page.contains("Ny definition av remissdatum."),
        "current at the plain IRI"
    );
    assert!(
        page.contains("href=\"/variabel/remissdatum/1.0\""),
        "links its earlier version"
    );
    let resp = at::call_service(&app, html("/variabel/remissdatum/1.0")).await;
    assert_eq!(resp.status().as_u16(), 200);
    let old = body(resp).await;
    assert!(
        !old.contains("Ny definition av remissdatum."),
        "the old text"
    );
    assert!(
        old.contains("tidigare version"),
        "marked as an earlier version"
    );
    assert!(
        old.contains("href=\"/variabel/remissdatum\""),
        "links the current one"
    );
    let en = body(at::call_service(&app, html("/en/variabel/remissdatum/1.0")).await).await;
    assert!(en.contains("earlier version"), "{en}");
    let ttl = body(
        at::call_service(
            &app,
            at::TestRequest::get()
                .uri("/variabel/remissdatum/1.0.ttl")
                .to_request(),
        )
        .await,
    )
    .await;
    assert!(ttl.contains("isReplacedBy"), "{ttl}");
    // In DCAT 3's terms too: the item has its versions, the current one follows 1.0.
    let nt = body(
        at::call_service(
            &app,
            at::TestRequest::get()
                .uri("/variabel/remissdatum.nt")
                .to_request(),
        )
        .await,
    )
    .await;
    let item = format!("<{}/variabel/remissdatum>", crate::support::BASE);
    let old_iri = format!("<{}/variabel/remissdatum/1.0>", crate::support::BASE);
    for triple in [
        format!("{item} <http://www.w3.org/ns/dcat#hasVersion> {old_iri} ."),
        format!("{item} <http://www.w3.org/ns/dcat#previousVersion> {old_iri} ."),
        format!("{item} <http://www.w3.org/ns/dcat#version> \"2.0\" ."),
    ] {
        assert!(nt.contains(&triple), "{triple} in {nt}");
    }
    // What changed since 1.0, field by field, on a page.
    let resp = at::call_service(&app, html("/variabel/remissdatum/1.0/andringar")).await;
    assert_eq!(resp.status().as_u16(), 200);
    let changes = body(resp).await;
    assert!(
        changes.contains("<th scope=\"row\">Definition</th>"),
        "{changes}"
    );
    assert!(
        changes.contains("Ny definition av remissdatum."),
        "{changes}"
    );
    assert!(
        changes.contains("<th scope=\"row\">Version</th><td>1.0</td><td>2.0</td>"),
        "{changes}"
    );
    assert!(
        old.contains("href=\"/variabel/remissdatum/1.0/andringar\""),
        "linked from the version"
    );
    let missing = at::call_service(&app, html("/variabel/remissdatum/0.9/andringar")).await;
    assert_eq!(missing.status().as_u16(), 404);
}

/// A server over catalog-data written twice: `remissdatum` first as catalog-data has it (or
/// with its version named `first`), then as version 2.0 with a new definition ("Ny
/// definition av remissdatum."), so that its first version is frozen at its own IRI.
pub(crate) fn remissdatum_in_two_versions(first: Option<&str>) -> varcat::web::State {
    use varcat::store::{ChangeSet, Iris};
    use varcat::workspace::Workspace;
    let ws = Workspace::in_memory(Iris::new(crate::support::BASE).expect("base")).expect("ws");
    let mut cat = varcat::import::plan(
        &repo().join("catalog-data"),
        &varcat::domain::Catalog::default(),
        Default::default(),
    )
    .expect("plan")
    .catalog;
    let id = varcat::domain::Id::parse("remissdatum").expect("id");
    if let (Some(first), Some(v)) = (first, cat.variables.get_mut(&id)) {
        v.version = first.into();
    }
    let all = ChangeSet {
        catalog: &cat,
        upserts: cat.keys(),
        removals: Vec::new(),
    };
    ws.store
        .apply(&all, "2026-01-01T00:00:00Z", &|| {})
        .expect("first");
    if let Some(v) = cat.variables.get_mut(&id) {
        v.version = "2.0".into();
        v.definition.sv = "Ny definition av remissdatum.".into();
    }
    let one = ChangeSet {
        catalog: &cat,
        upserts: vec![varcat::domain::ItemKey {
            kind: varcat::domain::ItemKind::Variable,
            id: "remissdatum".into(),
        }],
        removals: Vec::new(),
    };
    ws.store
        .apply(&one, "2026-02-01T00:00:00Z", &|| {})
        .expect("second");
    varcat::web::State::new(ws.store, crate::web::settings(1000)).expect("state")
}

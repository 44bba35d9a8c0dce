//! Releases and change notes on real catalog-data edits: `varcat release`, `varcat diff`, and
//! the release pages.

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
    assert!(stderr(&out).contains("the first release"), "{}", stderr(&out));
    // The same name again is refused, and nothing is overwritten.
    let again = env.run(&["release", "2026.1"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("exists already"), "{}", stderr(&again));
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
        notes.contains("Variabeln Typ av vårdplats: namnet ändrat (Vårdplatstyp → Typ av vårdplats)"),
        "{notes}"
    );
    let out = env.run_ok(&["diff", "2026.1", "current"]);
    assert!(stdout(&out).contains("Variabeln Typ av vårdplats"), "{}", stdout(&out));
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

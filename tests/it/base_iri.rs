//! A data directory keeps the base IRI it was created for: commands after `init` use it
//! without `--base-iri`, and refuse an explicitly different one (flag or environment).

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{repo, stderr, stdout};

const X: &str = "https://x.example";

/// Runs `varcat` on `data` with `args` and no base IRI unless `env_base` sets one.
fn varcat(data: &Path, env_base: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_varcat"));
    cmd.arg("--data-dir")
        .arg(data)
        .args(args)
        .env("VARCAT_ACTOR", "test")
        .env_remove("VARCAT_DATA_DIR")
        .env_remove("VARCAT_BASE_IRI");
    if let Some(b) = env_base {
        cmd.env("VARCAT_BASE_IRI", b);
    }
    cmd.output().expect("run varcat")
}

fn ok(out: Output, what: &str) -> String {
    assert!(out.status.success(), "{what}: {}", stderr(&out));
    stdout(&out)
}

fn refused(out: Output, what: &str, requested: &str) {
    assert!(!out.status.success(), "{what} was not refused");
    let want = format!("this data directory was created for base IRI {X}, not {requested}");
    assert!(stderr(&out).contains(&want), "{what}: {}", stderr(&out));
}

#[test]
fn commands_after_init_use_the_recorded_base_iri() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    ok(varcat(&data, None, &["init", "--base-iri", X]), "init");
    let catalog = repo().join("catalog-data");
    ok(
        varcat(&data, None, &["import", catalog.to_str().expect("path")]),
        "import without --base-iri",
    );
    let stats = ok(varcat(&data, None, &["stats", "--json"]), "stats");
    assert!(stats.contains("\"variables\":45"), "{stats}");
    let dump = tmp.path().join("dump.nq");
    ok(
        varcat(&data, None, &["export", dump.to_str().expect("path")]),
        "export",
    );
    let nq = std::fs::read_to_string(&dump).expect("dump");
    assert!(nq.contains(&format!("<{X}/variabel/kon>")), "IRIs from X");
    assert!(
        !nq.contains("http://127.0.0.1:8080"),
        "not from the default"
    );
    let feed = tmp.path().join("feed.ttl");
    ok(
        varcat(
            &data,
            None,
            &[
                "export",
                "--feed",
                "dcat-ap-se",
                feed.to_str().expect("path"),
            ],
        ),
        "export --feed",
    );
    assert!(
        std::fs::read_to_string(&feed)
            .expect("feed")
            .contains(&format!("<{X}/katalog>"))
    );
    // The commands that open only the database use it too: `audit --item` finds the import's
    // entries under X.
    let audit = ok(
        varcat(&data, None, &["audit", "--item", "/variabel/kon"]),
        "audit",
    );
    assert!(
        audit.contains("created") && audit.contains("kon"),
        "{audit}"
    );
    ok(
        varcat(
            &data,
            None,
            &["token", "create", "--name", "a", "--role", "editor"],
        ),
        "token",
    );
    // The same base given explicitly is fine; a different one is refused, by flag or by
    // environment, by every kind of command.
    ok(
        varcat(&data, None, &["--base-iri", &format!("{X}/"), "stats"]),
        "the same base",
    );
    ok(
        varcat(&data, Some(X), &["stats"]),
        "the same base from the environment",
    );
    let other = "http://127.0.0.1:8080";
    refused(
        varcat(&data, None, &["--base-iri", other, "stats"]),
        "stats",
        other,
    );
    refused(
        varcat(
            &data,
            Some(other),
            &["import", catalog.to_str().expect("path")],
        ),
        "import",
        other,
    );
    refused(
        varcat(&data, None, &["--base-iri", other, "token", "list"]),
        "token list",
        other,
    );
    refused(varcat(&data, Some(other), &["audit"]), "audit", other);
    refused(
        varcat(&data, None, &["--base-iri", other, "init"]),
        "init again",
        other,
    );
}

#[test]
fn a_data_directory_without_the_base_file_takes_the_base_from_its_store() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    ok(varcat(&data, None, &["init", "--base-iri", X]), "init");
    // As a data directory made before the file existed.
    std::fs::remove_file(data.join("base-iri")).expect("base-iri file");
    ok(
        varcat(&data, None, &["stats"]),
        "stats reads the store's base",
    );
    assert_eq!(
        std::fs::read_to_string(data.join("base-iri")).expect("recorded again"),
        format!("{X}\n")
    );
    refused(
        varcat(&data, None, &["--base-iri", "https://y.example", "stats"]),
        "another base",
        "https://y.example",
    );
}

#[test]
fn init_without_a_base_iri_uses_the_default() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    ok(varcat(&data, None, &["init"]), "init");
    assert_eq!(
        std::fs::read_to_string(data.join("base-iri")).expect("recorded"),
        "http://127.0.0.1:8080\n"
    );
    ok(varcat(&data, None, &["stats"]), "stats");
}

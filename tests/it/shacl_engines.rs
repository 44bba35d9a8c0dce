//! The SHACL engine built into `varcat validate` (rudof's, over the embedded shapes) against
//! pyshacl, an independent engine, on the same shape files: both give the same verdicts on
//! both feeds of catalog-data, on the DCAT-AP-SE fixtures and on a feed with deliberate
//! violations — whether the data conforms, and which violations each focus node has, by shape
//! and property, counted. And `validate` runs without Python and without a checkout.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use varcat::feed::Profile;

use crate::support::{Env, repo, stderr, stdout};

/// `(focus, path, shape, severity)` → how many results. Blank-node labels differ between the
/// engines, so a blank focus node or shape counts as `_:b`.
type Verdicts = BTreeMap<(String, String, String, String), usize>;

fn verdicts(report: &serde_json::Value, severity: &str) -> Verdicts {
    let mut out = Verdicts::new();
    for r in report["results"].as_array().into_iter().flatten() {
        if r["severity"] != severity {
            continue;
        }
        let text = |k: &str| r[k].as_str().unwrap_or("").to_owned();
        let shape = text("shape");
        // A relative shape IRI resolves against each engine's own idea of the file's
        // address: compare its last segment.
        let shape = if shape.starts_with("_:") {
            "_:b".to_owned()
        } else if shape.starts_with("file:") {
            shape.rsplit('/').next().unwrap_or_default().to_owned()
        } else {
            shape
        };
        let focus = text("focus");
        let focus = if focus.starts_with("_:") {
            "_:b".to_owned()
        } else {
            focus
        };
        *out.entry((focus, text("path"), shape, text("severity")))
            .or_default() += 1;
    }
    out
}

/// pyshacl's report over the files the binary embeds for `profile`.
fn pyshacl(profile: Profile, ont: &[PathBuf], data: &Path) -> serde_json::Value {
    let python = repo().join(".venv/bin/python");
    assert!(
        python.exists(),
        "pyshacl is not installed: run .ci/python-deps (make test does)"
    );
    let (files, fix_pathless) = varcat::validation::shapes::files(profile);
    let mut cmd = Command::new(python);
    cmd.arg(repo().join("schemas/shacl/validate.py"));
    for f in files {
        cmd.arg("--shapes").arg(repo().join(f.path));
    }
    if fix_pathless {
        cmd.arg("--fix-pathless");
    }
    for o in ont {
        cmd.arg("--ont").arg(o);
    }
    let out = cmd.arg(data).output().expect("run validate.py");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "validate.py failed: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).expect("pyshacl's JSON report")
}

fn profile_arg(profile: Profile) -> &'static str {
    match profile {
        Profile::DcatApSe => "dcat-ap-se",
        Profile::HealthDcatAp => "healthdcat-ap",
    }
}

/// The built-in engine's report (`varcat validate --json`).
fn builtin(env: &Env, profile: Profile, ont: &[PathBuf], data: &Path) -> serde_json::Value {
    let mut args = vec!["validate", "--json", "--profile", profile_arg(profile)];
    for o in ont {
        args.push("--ont");
        args.push(o.to_str().expect("path"));
    }
    args.push(data.to_str().expect("path"));
    let out = env.run(&args);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)))
}

/// Both engines on one file: the same conformance and the same violations; returns how many.
fn agree(env: &Env, profile: Profile, ont: &[PathBuf], data: &Path) -> usize {
    let theirs = pyshacl(profile, ont, data);
    let ours = builtin(env, profile, ont, data);
    let name = data.display();
    assert_eq!(ours["conforms"], theirs["conforms"], "{name}: conforms");
    let (v_ours, v_theirs) = (verdicts(&ours, "Violation"), verdicts(&theirs, "Violation"));
    assert_eq!(
        v_ours, v_theirs,
        "{name}: violations (ours left, pyshacl right)"
    );
    // What neither engine evaluates is named, never counted as passed: nothing for
    // DCAT-AP-SE; for HealthDCAT-AP two terms outside SHACL in the official files.
    let not_checked: Vec<&str> = ours["not_checked"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str())
        .collect();
    match profile {
        Profile::DcatApSe => assert_eq!(not_checked, Vec::<&str>::new(), "{name}"),
        Profile::HealthDcatAp => {
            assert_eq!(not_checked.len(), 2, "{name}: {not_checked:?}");
            assert!(not_checked[0].starts_with("sh:extends "), "{not_checked:?}");
            assert!(not_checked[1].starts_with("sh:shape "), "{not_checked:?}");
        }
    }
    v_ours.values().sum()
}

fn loaded_env() -> Env {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    env
}

#[test]
fn both_engines_agree_on_both_feeds_and_on_a_feed_with_violations() {
    let env = loaded_env();
    let se = env.path("feed.rdf");
    env.run_ok(&["export", "--feed", "dcat-ap-se", se.to_str().expect("path")]);
    assert_eq!(agree(&env, Profile::DcatApSe, &[], &se), 0);

    let health = env.path("health.ttl");
    env.run_ok(&[
        "export",
        "--feed",
        "healthdcat-ap",
        health.to_str().expect("path"),
    ]);
    assert!(
        agree(&env, Profile::HealthDcatAp, &[], &health) > 0,
        "the documented HealthDCAT-AP gaps are violations in both"
    );

    // The same DCAT-AP-SE feed without its contact points and licences: violations, found
    // alike.
    let nt = env.path("feed.nt");
    env.run_ok(&["export", "--feed", "dcat-ap-se", nt.to_str().expect("path")]);
    let broken: String = std::fs::read_to_string(&nt)
        .expect("feed")
        .lines()
        .filter(|l| {
            !l.contains("<http://www.w3.org/ns/dcat#contactPoint>")
                && !l.contains("<http://purl.org/dc/terms/license>")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let bad = env.path("broken.nt");
    std::fs::write(&bad, broken).expect("write");
    let found = agree(&env, Profile::DcatApSe, &[], &bad);
    assert!(found >= 1, "{found} violations");
}

#[test]
fn both_engines_agree_on_the_dcat_ap_se_fixtures() {
    let env = Env::new();
    let dir = repo().join("tests/fixtures/dcat-ap-se");
    let typings = vec![
        repo().join("schemas/shacl/dcat-ap-se-vocab.ttl"),
        dir.join("example-typings.ttl"),
    ];
    for f in ["obligatoriskt.ttl", "rekommenderat.ttl"] {
        assert_eq!(
            agree(
                &env,
                Profile::DcatApSe,
                &typings,
                &dir.join("valid").join(f)
            ),
            0,
            "{f}"
        );
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("invalid"))
        .expect("invalid/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ttl" || e == "rdf"))
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for f in files {
        assert!(
            agree(&env, Profile::DcatApSe, &typings, &f) > 0,
            "{}",
            f.display()
        );
    }
}

#[test]
fn the_sparql_constraint_of_the_official_shapes_is_evaluated() {
    // HealthDCAT-AP's graph guard (sh:sparql): a document with no dcat:Dataset fails it.
    let env = Env::new();
    let file = env.path("no-dataset.ttl");
    std::fs::write(
        &file,
        "<https://example.com/x> a <http://www.w3.org/2004/02/skos/core#Concept> .\n",
    )
    .expect("write");
    let ours = builtin(&env, Profile::HealthDcatAp, &[], &file);
    let messages: Vec<&str> = ours["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("must contain at least one dcat:Dataset")),
        "{messages:?}"
    );
    agree(&env, Profile::HealthDcatAp, &[], &file);
}

#[test]
fn validate_needs_no_python_and_no_checkout() {
    // Run from an empty folder with no PATH: nothing beside the binary is read.
    let env = loaded_env();
    let nowhere = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .current_dir(nowhere.path())
        .arg("--data-dir")
        .arg(env.data())
        .arg("--base-iri")
        .arg(crate::support::BASE)
        .arg("validate")
        .env_clear()
        .output()
        .expect("run varcat");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("conforms"), "{}", stderr(&out));
}

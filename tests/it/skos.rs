//! Every codebook is a complete SKOS vocabulary in its own document: the scheme has a
//! `skos:prefLabel` and `skos:definition` per language, its publisher is described (typed and
//! named) in the same document, and an independent SKOS checker (skosify, in `.venv`) reports
//! no problem. skosify's only remark is an INFO line that it has no use for `foaf:Organization`
//! (the publisher's description, which DCAT readers need): that is not a problem.

use std::process::Command;

use super::support::{OwnAddress, repo};

#[test]
fn every_codebook_is_a_skos_vocabulary_the_skos_checker_finds_no_problem_in() {
    let served = OwnAddress::start(100);
    let ((status, list), _) = served.request("GET", "/api/kodverk", "application/json");
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_slice(&list).expect("json");
    let ids: Vec<String> = list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() >= 10, "{ids:?}");
    let skosify = repo().join(".venv/bin/skosify");
    assert!(
        skosify.is_file(),
        "skosify is not installed: run .ci/python-deps"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    for id in &ids {
        let ((status, doc), _) = served.request("GET", &format!("/kodverk/{id}.ttl"), "*/*");
        assert_eq!(status, 200, "{id}");
        let text = String::from_utf8(doc.clone()).expect("utf-8");
        let scheme = format!("<{}/kodverk/{id}> ", served.url);
        assert!(text.contains(&scheme), "{id}");
        for needed in ["skos:prefLabel", "skos:definition"] {
            assert!(text.contains(needed), "{id}: {needed}");
        }
        if text.contains("dct:publisher") {
            assert!(
                text.contains("a foaf:Organization"),
                "{id}: publisher described"
            );
            assert!(text.contains("foaf:name"), "{id}: publisher named");
        }
        let file = dir.path().join(format!("{id}.ttl"));
        std::fs::write(&file, &doc).expect("write");
        let out = Command::new(&skosify)
            .arg(&file)
            .arg("-o")
            .arg(dir.path().join("out.ttl"))
            .output()
            .expect("skosify");
        assert!(out.status.success(), "{id}: {out:?}");
        let problems: Vec<String> = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| {
                !l.starts_with(
                    "INFO: Don't know what to do with type http://xmlns.com/foaf/0.1/Organization",
                )
            })
            .map(str::to_owned)
            .collect();
        assert_eq!(problems, Vec::<String>::new(), "{id}");
    }
}

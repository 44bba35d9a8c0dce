//! The harvesters' own software reads every dataset of a catalogue larger than a page: CKAN's
//! DCAT harvester (ckanext-dcat's `DCATRDFHarvester`, run by `tests/harvest/ckan_harvest.py` in
//! `.venv-ckan`, which `.ci/python-deps` makes) follows the Hydra `next` links from the feed's
//! address, in RDF/XML and in Turtle. The server runs at its own base IRI, as in production,
//! so the page links it writes are the ones the harvester follows.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use super::support::{OwnAddress, repo};

fn ckan_python() -> PathBuf {
    let p = repo().join(".venv-ckan/bin/python");
    assert!(
        p.is_file(),
        "ckanext-dcat is not installed: run .ci/python-deps (make test does)"
    );
    p
}

/// What CKAN's harvester gathered from `url`: the pages it fetched and the dataset GUIDs.
fn ckan_harvest(url: &str, format: &str) -> (Vec<String>, BTreeSet<String>) {
    let out = Command::new(ckan_python())
        .arg(repo().join("tests/harvest/ckan_harvest.py"))
        .args([url, format])
        .output()
        .expect("python");
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["errors"], serde_json::json!([]), "{url}: {v}");
    let strings = |a: &serde_json::Value| -> Vec<String> {
        a.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    let guids = v["datasets"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["guid"].as_str().unwrap_or_default().to_owned())
        .collect();
    (strings(&v["pages"]), guids)
}

#[test]
fn ckan_s_harvester_gets_every_dataset_of_a_catalogue_split_into_pages() {
    let served = OwnAddress::start(2);
    let all: BTreeSet<String> = [
        "kpp",
        "patientregistret",
        "rikshoft",
        "vantetidsdatabasen",
        "vardplatser",
    ]
    .iter()
    .map(|c| format!("{}/datainsamling/{c}", served.url))
    .collect();
    for (path, format) in [
        ("/datasets/dcat", "xml"),
        ("/catalog.rdf", "xml"),
        ("/catalog.ttl", "turtle"),
        ("/healthdcat", "turtle"),
    ] {
        let url = format!("{}{path}", served.url);
        let (pages, guids) = ckan_harvest(&url, format);
        assert_eq!(guids, all, "{path}: every dataset, each once");
        // The split top catalogue (for dataportal.se), then pages 1 to 3 of 2 datasets.
        let expected: Vec<String> = std::iter::once(url.clone())
            .chain((1..=3).map(|n| format!("{url}?page={n}")))
            .collect();
        assert_eq!(pages, expected, "{path}");
    }
}

#[test]
fn pages_outside_the_catalogue_are_not_found_and_a_catalogue_of_one_page_has_no_links() {
    let served = OwnAddress::start(2);
    assert_eq!(served.status("/datasets/dcat?page=3"), 200);
    assert_eq!(served.status("/datasets/dcat?page=4"), 404);
    assert_eq!(served.status("/datasets/dcat?page=0"), 404);
    assert_eq!(served.status("/datasets/dcat?page=x"), 400);
    assert_eq!(served.status("/katalog/del/1?page=1"), 400);
    drop(served);
    let whole = OwnAddress::start(100);
    let (pages, guids) = ckan_harvest(&format!("{}/datasets/dcat", whole.url), "xml");
    assert_eq!(pages.len(), 1, "one document, no next link: {pages:?}");
    assert_eq!(guids.len(), 5);
}

#[test]
fn each_page_and_sub_catalogue_of_a_split_feed_conforms_to_the_dcat_ap_se_shapes() {
    use super::feeds::{SE_SHAPES, shacl, violations};
    let served = OwnAddress::start(2);
    let dir = tempfile::tempdir().expect("temp dir");
    // (The split top catalogue itself lists no dataset, as dataportal.se's splitting with
    // dct:hasPart has it, which DCAT-AP-SE's dcat:dataset_ca counts against it.)
    for path in [
        "/datasets/dcat?page=1",
        "/datasets/dcat?page=2",
        "/datasets/dcat?page=3",
        "/katalog/del/2",
    ] {
        let (status, body) = served.fetch(path);
        assert_eq!(status, 200, "{path}");
        let file = dir.path().join("feed.rdf");
        std::fs::write(&file, body).expect("write");
        let report = shacl(&SE_SHAPES, &[], &file);
        assert_eq!(violations(&report), Vec::<String>::new(), "{path}");
    }
}

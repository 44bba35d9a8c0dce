//! The Metadata Quality Assessment before the harvest: `varcat validate --mqa` scores every
//! dataset with the MQA's indicators (all of them with `--links` and the SHACL engine), and
//! `/kvalitet` shows the score of what the metadata says, in Swedish and English.

use super::support::{OwnAddress, stderr};

fn indicator<'a>(dataset: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    dataset["results"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x[0] == key))
        .map(|x| &x[1])
        .unwrap_or(&serde_json::Value::Null)
}

#[test]
fn validate_mqa_scores_every_dataset_and_checks_links_and_dcat_ap_when_asked() {
    let served = OwnAddress::start(100);
    let out = served.varcat(&["validate", "--mqa", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(a["maximum"], 405);
    let datasets = a["datasets"].as_array().expect("datasets");
    assert_eq!(datasets.len(), 5);
    for d in datasets {
        assert_eq!(indicator(d, "theme")["outcome"], "met", "{d}");
        // catalog-data gives every collection keywords and spatial coverage (SWE); the
        // temporal coverage only where a source gives a start year, and no issue date.
        assert_eq!(indicator(d, "keyword")["outcome"], "met", "{d}");
        assert_eq!(indicator(d, "spatial")["outcome"], "met", "{d}");
        assert_eq!(indicator(d, "issued")["outcome"], "not_met", "{d}");
        assert_eq!(indicator(d, "access_url_answers")["outcome"], "not_checked");
        assert_eq!(
            indicator(d, "dcat_ap")["outcome"],
            "met",
            "the feed conforms"
        );
    }
    assert_eq!(a["provisional"], true);
    let out = served.varcat(&["validate", "--mqa", "--links", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for d in a["datasets"].as_array().expect("datasets") {
        for key in ["access_url_answers", "download_url_answers"] {
            assert_eq!(indicator(d, key)["outcome"], "met", "{key}: {d}");
        }
    }
    assert_eq!(a["provisional"], false);
    // With the server gone the URLs no longer answer, and the score says so.
    let text = served.varcat(&["validate", "--mqa"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Katalogen:") && text.contains("/ 405"),
        "{text}"
    );
}

#[test]
fn the_quality_page_scores_the_published_catalogue_in_both_languages() {
    let served = OwnAddress::start(100);
    for (path, words) in [
        (
            "/kvalitet",
            ["Metadatakvalitet", "Sökbarhet", "ej kontrollerat här"],
        ),
        (
            "/en/kvalitet",
            ["Metadata quality", "Findability", "not checked here"],
        ),
    ] {
        let ((status, body), _) = served.request("GET", path, "text/html");
        assert_eq!(status, 200, "{path}");
        let body = String::from_utf8(body).expect("utf-8");
        for w in words {
            assert!(body.contains(w), "{path}: {w}");
        }
        assert_eq!(
            body.matches("<tr><th scope=\"row\"><a href=").count(),
            5,
            "{path}"
        );
        // 220 before keywords and spatial coverage (+50), and 20 more with a temporal coverage
        // (Patientregistret, vårdplatser, Rikshöft).
        assert!(body.contains("290 / 405"), "{path}");
        assert!(body.contains("270 / 405"), "{path}");
    }
}

#[test]
fn linkcheck_checks_every_link_keeps_the_results_and_the_quality_page_uses_them() {
    let served = OwnAddress::start(100);
    let ((_, before), _) = served.request("GET", "/kvalitet", "text/html");
    assert!(String::from_utf8_lossy(&before).contains("290 / 405"));
    let out = served.varcat(&["linkcheck", "--base-only", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = rows.as_array().expect("rows");
    let property = |p: &str| rows.iter().filter(|r| r["property"] == p).count();
    assert_eq!(property("dcat:downloadURL"), 5, "{rows:?}");
    assert_eq!(property("dcat:accessURL"), 5);
    assert!(rows.iter().all(|r| r["ok"] == true), "{rows:?}");
    // The page now scores the links as the check found them: 50 + 30 more per dataset.
    let ((_, after), _) = served.request("GET", "/kvalitet", "text/html");
    let after = String::from_utf8_lossy(&after);
    // 290 + 80 for the access and download URLs that answer.
    assert!(after.contains("370 / 405"), "{after}");
    assert!(after.contains("varcat linkcheck"), "{after}");
    // validate --mqa reads the kept check too.
    let out = served.varcat(&["validate", "--mqa", "--json"]);
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        indicator(&a["datasets"][0], "download_url_answers")["outcome"],
        "met"
    );
}

#[test]
fn linkcheck_reports_links_that_do_not_answer_and_exits_1() {
    // A second catalogue whose base IRI is a port nobody listens on.
    let gone = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
        l.local_addr().expect("addr").port()
    };
    let env = super::support::Env::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(env.tmp.path().join("other"))
        .args(["--base-iri", &format!("http://127.0.0.1:{gone}"), "init"])
        .output()
        .expect("init");
    assert!(out.status.success(), "{}", stderr(&out));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
            .arg("--data-dir")
            .arg(env.tmp.path().join("other"))
            .args(args)
            .output()
            .expect("varcat")
    };
    let catalog = super::support::repo().join("catalog-data");
    assert!(
        run(&["import", catalog.to_str().expect("path")])
            .status
            .success()
    );
    let out = run(&["linkcheck", "--base-only", "--timeout", "2"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains(&format!(
            "✗ http://127.0.0.1:{gone}/datainsamling/kpp/variabler.csv  (dcat:downloadURL of"
        )),
        "{report}"
    );
    assert!(stderr(&out).contains("do not answer"), "{}", stderr(&out));
}

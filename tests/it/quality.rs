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
        assert_eq!(indicator(d, "keyword")["outcome"], "not_met", "{d}");
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
        assert!(body.contains("220 / 405"), "{path}");
    }
}

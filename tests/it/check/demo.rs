//! The demo extracts in examples/extracts/ on catalog-data.

use super::{json, var};
use crate::support::{Env, repo, stderr};

/// The demo extracts in examples/extracts/ run at once on catalog-data, with the errors their
/// README documents.
#[test]
fn the_demo_extracts_report_their_documented_errors() {
    let env = Env::new();
    let out = env.import(&repo().join("catalog-data"));
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = repo().join("examples/extracts");
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("README");
    assert!(readme.to_lowercase().contains("synthetic"));
    // (file, collection, a variable, its failing rows, all failing rows): as the README lists.
    let expected: &[(&str, &str, &str, u64, u64)] = &[
        (
            "patientregistret-region-a.csv",
            "patientregistret",
            "personnummer",
            2,
            6,
        ),
        (
            "vantetider-region-b.csv",
            "vantetidsdatabasen",
            "vardenhet",
            1,
            3,
        ),
        ("rikshoft-region-c.csv", "rikshoft", "frakturtyp", 2, 5),
    ];
    for (file, collection, variable, failed, rows) in expected {
        let path = dir.join(file);
        let out = env.run(&[
            "check",
            path.to_str().expect("utf-8"),
            "--collection",
            collection,
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        let r = json(&out);
        assert_eq!(var(&r, variable)["failed"], *failed, "{file}: {r}");
        assert_eq!(r["failing_rows"], *rows, "{file}: {r}");
    }
    // With the region's map, the waiting time is checked too and nothing mandatory is missing.
    let (extract, map) = (
        dir.join("vantetider-region-b.csv"),
        dir.join("vantetider-region-b-map.csv"),
    );
    let out = env.run(&[
        "check",
        extract.to_str().expect("utf-8"),
        "--collection",
        "vantetidsdatabasen",
        "--map",
        map.to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(r["unknown_columns"], serde_json::json!([]));
    assert_eq!(r["missing_required"], serde_json::json!([]));
    assert_eq!(
        var(&r, "vantetid-dagar")["rules"],
        serde_json::json!({"range": 1})
    );
    assert_eq!(
        var(&r, "vantetid-dagar")["examples"],
        serde_json::json!([14])
    );
    assert_eq!(r["failing_rows"], 4);
}

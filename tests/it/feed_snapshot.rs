//! Both feeds on catalog-data, kept as sorted N-Triples in `tests/snapshots/`: a change to
//! the code that changes what harvesters get shows here as the triples it adds and removes,
//! and is either a mistake or blessed on purpose (`VARCAT_BLESS=1 cargo test --test it
//! feed_snapshot`, then review the diff of the snapshot in the commit). The only value that
//! depends on when the import ran, `dct:modified`, is replaced by a placeholder.
//!
//! Sorted N-Triples compare two graphs exactly only when neither has blank nodes; the feeds
//! have none (every node has an IRI that dereferences), and this test checks that too. That is
//! why no graph-isomorphism library is needed here (see README, "How it is built").

use std::collections::BTreeSet;

use crate::support::{Env, repo};

const MODIFIED: &str = "<http://purl.org/dc/terms/modified> ";

/// The feed's triples, sorted, with the import time replaced.
fn normalised(nt: &str) -> BTreeSet<String> {
    nt.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.find(MODIFIED) {
            Some(at) => format!("{}{MODIFIED}\"(import time)\" .", &l[..at]),
            None => l.to_owned(),
        })
        .collect()
}

#[test]
fn both_feeds_on_catalog_data_are_the_graphs_kept_as_snapshots() {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let mut failures = Vec::new();
    for feed in ["dcat-ap-se", "healthdcat-ap"] {
        let out = env.data().join(format!("{feed}.nt"));
        env.run_ok(&[
            "export",
            "--feed",
            feed,
            "--format",
            "nt",
            out.to_str().expect("path"),
        ]);
        let text = std::fs::read_to_string(&out).expect("feed");
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        let got = normalised(&text);
        assert_eq!(
            lines,
            got.len(),
            "{feed} writes some triples more than once (each costs the harvester a parse)"
        );
        let blank: Vec<_> = got.iter().filter(|t| t.contains("_:")).collect();
        assert!(
            blank.is_empty(),
            "{feed} has blank nodes, so sorted N-Triples no longer compare graphs: {blank:?}"
        );
        let file = repo().join(format!("tests/snapshots/{feed}.nt"));
        if std::env::var_os("VARCAT_BLESS").is_some() {
            let text: String = got.iter().map(|t| format!("{t}\n")).collect();
            std::fs::write(&file, text).expect("write snapshot");
            continue;
        }
        let kept = normalised(&std::fs::read_to_string(&file).unwrap_or_default());
        let added: Vec<_> = got.difference(&kept).collect();
        let removed: Vec<_> = kept.difference(&got).collect();
        if !added.is_empty() || !removed.is_empty() {
            failures.push(format!(
                "{feed}: {} triples added, {} removed\n+ {}\n- {}",
                added.len(),
                removed.len(),
                added
                    .iter()
                    .take(20)
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n+ "),
                removed
                    .iter()
                    .take(20)
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n- "),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "the feeds differ from tests/snapshots/ (on purpose? VARCAT_BLESS=1 cargo test --test it \
         feed_snapshot):\n{}",
        failures.join("\n\n")
    );
}

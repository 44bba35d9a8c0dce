//! Each page type's HTML on catalog-data, kept in `tests/snapshots/pages/<name>.html`: a
//! change to the code or templates that changes what a visitor gets shows here as the first
//! lines that differ, and is either a mistake or blessed on purpose (`VARCAT_BLESS=1 cargo
//! test --test it page_snapshot`, then review the diff of the snapshots in the commit).
//!
//! The pages are asked for as a browser asks (`Accept: text/html`), anonymously, from the
//! whole application without a port. [`normalised`] replaces only what legitimately differs
//! between runs; everything else must match to the byte.

use actix_web::test as at;

use crate::releases::remissdatum_in_two_versions;
use crate::support::repo;
use crate::web::loaded_state;

/// Every page type: (snapshot name, path) on catalog-data as imported.
const PAGES: &[(&str, &str)] = &[
    ("start", "/"),
    ("start-en", "/en/"),
    ("matrix", "/matris"),
    ("compare", "/jamfor?id=atgardsdatum&id=operationsdatum"),
    ("releases", "/utgavor"),
    ("collection", "/datainsamling/rikshoft"),
    ("variable", "/variabel/kon"),
    ("variable-en", "/en/variabel/kon"),
    ("codebook", "/kodverk/kon"),
    ("code-system", "/kodverk/icd-10-se"),
    ("value-set", "/kodverk/icd-10-se-hoftfraktur"),
    ("use-case", "/anvandningsfall/vardfloden-hoftfraktur"),
    ("problem-area", "/problemomrade/p1"),
    ("organisation", "/organisation/SE2220000315"),
    ("search", "/sok?q=datum"),
    ("harmonisation", "/harmonisering"),
    ("proposals", "/forslag"),
    ("candidates", "/kandidater"),
    ("conformance", "/efterlevnad"),
    ("quality", "/kvalitet"),
    ("not-found", "/variabel/finns-inte"),
];

/// The pages of an item with a frozen version (`remissdatum` 1.0, then 2.0).
const VERSION_PAGES: &[(&str, &str)] = &[
    ("history", "/variabel/remissdatum/historik"),
    ("version", "/variabel/remissdatum/1.0"),
    ("changes", "/variabel/remissdatum/1.0/andringar"),
    ("changes-en", "/en/variabel/remissdatum/1.0/andringar"),
];

/// What may differ between two runs, replaced by a placeholder: today's date (an import or a
/// release made by the test itself is dated today), in ISO form alone or with a time of day.
/// The pages carry no port (the base IRI is fixed), no form tokens for an anonymous visitor
/// and no build version; should one appear, it belongs here, with its reason.
pub fn normalised(html: &str) -> String {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&today) {
        out.push_str(&rest[..at]);
        out.push_str("(today)");
        rest = &rest[at + today.len()..];
        // A time of day after the date (`T12:34:56`, fractions and zone included) goes too.
        if let Some(time) = rest.strip_prefix('T') {
            let len = time
                .find(|c: char| !(c.is_ascii_digit() || ":.+-Z".contains(c)))
                .unwrap_or(time.len());
            rest = &time[len..];
        }
    }
    out.push_str(rest);
    out
}

/// The first lines where `got` and `kept` part, with a few lines of context, or None.
fn first_difference(got: &str, kept: &str) -> Option<String> {
    let (g, k): (Vec<&str>, Vec<&str>) = (got.lines().collect(), kept.lines().collect());
    let at = (0..g.len().max(k.len())).find(|&i| g.get(i) != k.get(i))?;
    let from = at.saturating_sub(2);
    let show = |lines: &[&str], sign: char| {
        lines
            .iter()
            .enumerate()
            .skip(from)
            .take(at - from + 6)
            .map(|(i, l)| format!("{sign}{:>5} {l}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(format!(
        "first difference at line {}:\n--- kept\n{}\n+++ now\n{}",
        at + 1,
        show(&k, '-'),
        show(&g, '+')
    ))
}

/// Compares (or, blessing, writes) each page against its snapshot; the failures, one a page.
async fn check(state: varcat::web::State, pages: &[(&str, &str)]) -> Vec<String> {
    let app = crate::app!(state);
    let dir = repo().join("tests/snapshots/pages");
    let bless = std::env::var_os("VARCAT_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, path) in pages {
        let req = at::TestRequest::get()
            .uri(path)
            .insert_header(("Accept", "text/html"))
            .to_request();
        let resp = at::call_service(&app, req).await;
        let status = resp.status().as_u16();
        let body = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
        let expected = if *name == "not-found" { 404 } else { 200 };
        assert_eq!(status, expected, "{path}: {body}");
        let got = normalised(&body);
        let file = dir.join(format!("{name}.html"));
        if bless {
            std::fs::create_dir_all(&dir).expect("mkdir snapshots/pages");
            std::fs::write(&file, &got).expect("write snapshot");
            continue;
        }
        let kept = std::fs::read_to_string(&file).unwrap_or_default();
        if let Some(diff) = first_difference(&got, &kept) {
            failures.push(format!("{name} ({path}), {diff}"));
        } else if got != kept {
            failures.push(format!("{name} ({path}): differs in line endings"));
        }
    }
    failures
}

#[actix_web::test]
async fn each_page_type_renders_the_html_kept_as_its_snapshot() {
    let mut failures = check(loaded_state(), PAGES).await;
    failures.extend(check(remissdatum_in_two_versions(None), VERSION_PAGES).await);
    assert!(
        failures.is_empty(),
        "pages differ from tests/snapshots/pages/ (on purpose? VARCAT_BLESS=1 cargo test \
         --test it page_snapshot):\n\n{}",
        failures.join("\n\n")
    );
}

#[test]
fn the_normaliser_replaces_today_and_nothing_else() {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let html = format!("<td>{today}</td><time>{today}T10:11:12.5+00:00</time> 2024-01-02");
    assert_eq!(
        normalised(&html),
        "<td>(today)</td><time>(today)</time> 2024-01-02"
    );
}

#[test]
fn a_changed_line_is_reported_with_its_number() {
    let diff = first_difference("a\nb\nc\n", "a\nx\nc\n").expect("differs");
    assert!(diff.contains("line 2"), "{diff}");
    assert!(
        diff.contains("-    2 x") && diff.contains("+    2 b"),
        "{diff}"
    );
    assert_eq!(first_difference("a\n", "a\n"), None);
}

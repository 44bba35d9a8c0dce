//! The routes the visibility tests walk: every GET route pattern the app registers, read
//! from the route table in `src/web/`, and the concrete URLs to ask for each.

use std::collections::BTreeSet;

use crate::support::repo;

use super::fixture::ITEMS;

/// Every GET route pattern registered in `src/web/`: `.route("…", web::get()…)`,
/// `resource("…", "GET…")` and `#[get("…")]`, with `/api` in front of the API scope's; the default service (every item IRI)
/// is `{item}`.
pub(super) fn route_table() -> BTreeSet<String> {
    let mut out = BTreeSet::from(["{item}".to_owned()]);
    let mut files = vec![repo().join("src/web")];
    while let Some(f) = files.pop() {
        if f.is_dir() {
            files.extend(
                std::fs::read_dir(&f)
                    .expect("dir")
                    .map(|e| e.expect("entry").path()),
            );
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("source");
        let prefix = if f.parent().is_some_and(|d| d.ends_with("api")) {
            "/api"
        } else {
            ""
        };
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join("");
        for part in flat.split(".route(\"").skip(1) {
            let Some((pattern, rest)) = part.split_once('"') else {
                continue;
            };
            if rest.starts_with(",web::get()") {
                out.insert(format!("{prefix}{pattern}"));
            }
        }
        // The API's resources: `resource("/{kind}", "GET")…`.
        for part in flat.split("resource(\"").skip(1) {
            if let Some((pattern, rest)) = part.split_once("\",\"")
                && rest
                    .split('"')
                    .next()
                    .is_some_and(|allow| allow.contains("GET"))
            {
                out.insert(format!("{prefix}{pattern}"));
            }
        }
        for part in flat.split("#[get(\"").skip(1) {
            if let Some((pattern, _)) = part.split_once('"') {
                out.insert(pattern.to_owned());
            }
        }
    }
    out
}

/// The concrete URLs to ask for one route pattern; panics on a pattern this test does not know,
/// so that a new route is walked too.
pub(super) fn urls(pattern: &str) -> Vec<String> {
    let api_kinds = [
        "variabler",
        "kodverk",
        "anvandningsfall",
        "datainsamlingar",
        "organisationer",
        "problemomraden",
    ];
    let entries = [
        "variabler/zz-hemlig-variabel",
        "variabler/zz-offentlig-variabel",
        "variabler/zz-byter",
        "variabler/kon",
        "kodverk/zz-hemligt-kodverk",
        "anvandningsfall/zz-hemligt-fall",
        "anvandningsfall/vardplatser",
        "datainsamlingar/kpp",
    ];
    let rdf = ["", ".ttl", ".rdf", ".jsonld", ".nt"];
    let each = |f: &dyn Fn(&str) -> String| ITEMS.iter().map(|p| f(p)).collect::<Vec<_>>();
    let sheets = |what: &str, ids: &[&str]| {
        ids.iter()
            .flat_map(|id| ["csv", "xlsx"].map(|e| format!("/{what}/{id}/variabler.{e}")))
            .collect::<Vec<_>>()
    };
    match pattern {
        "{item}" => ITEMS
            .iter()
            .flat_map(|p| rdf.map(|s| format!("{p}{s}")))
            .collect(),
        "/en/{tail:.*}" => each(&|p| format!("/en{p}")),
        "/{kind}/{id}/historik" => each(&|p| format!("{p}/historik")),
        "/en/{kind}/{id}/historik" => each(&|p| format!("/en{p}/historik")),
        "/{kind}/{id}/{version}/andringar" => ["zz-hemlig-variabel", "zz-byter"]
            .map(|v| format!("/variabel/{v}/1.0/andringar"))
            .to_vec(),
        "/en/{kind}/{id}/{version}/andringar" => ["zz-hemlig-variabel", "zz-byter"]
            .map(|v| format!("/en/variabel/{v}/1.0/andringar"))
            .to_vec(),
        "/kodverk/{id}.{ext:csv|xlsx}" => ["zz-hemligt-kodverk", "kon"]
            .iter()
            .flat_map(|id| ["csv", "xlsx"].map(|e| format!("/kodverk/{id}.{e}")))
            .collect(),
        "/anvandningsfall/{id}/variabler.{ext:csv|xlsx}" => sheets(
            "anvandningsfall",
            &["zz-hemligt-fall", "vardplatser", "vantetider"],
        ),
        "/datainsamling/{id}/variabler.{ext:csv|xlsx}" => sheets("datainsamling", &["kpp"]),
        "/api/{kind}" => api_kinds.map(|k| format!("/api/{k}")).to_vec(),
        "/api/{kind}/{id}" => entries.map(|e| format!("/api/{e}")).to_vec(),
        "/utgavor/{name}" | "/en/utgavor/{name}" => ["2026.1", "2026.2"]
            .map(|n| pattern.replace("{name}", n))
            .to_vec(),
        "/catalog.{ext}" | "/katalog.{ext}" | "/healthdcat.{ext}" => ["rdf", "ttl", "jsonld", "nt"]
            .map(|e| pattern.replace("{ext}", e))
            .to_vec(),
        "/katalog/del/{n}" => vec!["/katalog/del/1".into()],
        // The endpoint without a query, and a query for everything in every graph.
        "/sparql" | "/en/sparql" => vec![
            pattern.to_owned(),
            format!(
                "{pattern}?query=SELECT%20*%20WHERE%20%7B%20GRAPH%20%3Fg%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%7D%20LIMIT%2010000"
            ),
        ],
        "/datasets/dcat" => vec![
            "/datasets/dcat".into(),
            "/datasets/dcat?modified_since=2000-01-01".into(),
        ],
        "/sok" | "/en/sok" => [
            "?q=sekretess",
            "?q=sekretessvariabel&status=utkast",
            "?status=utkast",
            "?q=k%C3%B6n",
            "?q=sekretesskod",
            "?anvandningsfall=zz-hemligt-fall",
            "?anvandningsfall=vardplatser",
            "?datainsamling=kpp",
            "?q=variabel&sida=2",
        ]
        .map(|q| format!("{pattern}{q}"))
        .to_vec(),
        "/jamfor" | "/en/jamfor" => vec![
            format!("{pattern}?id=zz-hemlig-variabel&id=kon"),
            format!("{pattern}?id=zz-offentlig-variabel&id=zz-byter"),
        ],
        "/efterlevnad" | "/en/efterlevnad" | "/efterlevnad.csv" | "/en/efterlevnad.csv" => [
            "",
            "?datainsamling=kpp",
            "?anvandningsfall=zz-hemligt-fall",
            "?anvandningsfall=vardplatser",
        ]
        .map(|q| format!("{pattern}{q}"))
        .to_vec(),
        "/efterlevnad/variabel/{id}"
        | "/en/efterlevnad/variabel/{id}"
        | "/efterlevnad/variabel/{id}.csv"
        | "/en/efterlevnad/variabel/{id}.csv"
        | "/efterlevnad/diagram/variabel/{id}.svg"
        | "/en/efterlevnad/diagram/variabel/{id}.svg" => ["zz-hemlig-variabel", "kon"]
            .map(|v| pattern.replace("{id}", v))
            .to_vec(),
        "/efterlevnad/diagram/anvandningsfall/{id}.svg"
        | "/en/efterlevnad/diagram/anvandningsfall/{id}.svg" => ["zz-hemligt-fall", "vardplatser"]
            .map(|u| pattern.replace("{id}", u))
            .to_vec(),
        "/efterlevnad/{orgnr}/{id}"
        | "/en/efterlevnad/{orgnr}/{id}"
        | "/efterlevnad/{orgnr}/{id}.csv"
        | "/en/efterlevnad/{orgnr}/{id}.csv"
        | "/efterlevnad/diagram/{orgnr}/{id}.svg"
        | "/en/efterlevnad/diagram/{orgnr}/{id}.svg" => ["zz-hemlig-variabel", "kon"]
            .map(|v| pattern.replace("{orgnr}", "232100-0016").replace("{id}", v))
            .to_vec(),
        "/harmonisering" | "/en/harmonisering" | "/harmonisering.svg" | "/en/harmonisering.svg" => {
            [
                "",
                "?anvandningsfall=zz-hemligt-fall",
                "?anvandningsfall=vardplatser",
                "?datainsamling=kpp&agare=202100-0555",
            ]
            .map(|q| format!("{pattern}{q}"))
            .to_vec()
        }
        // Proposals by number: the fixture has none, so each must be a plain 404.
        p if p.contains("forslag/{n}") => ["1", "2"].map(|n| p.replace("{n}", n)).to_vec(),
        p if !p.contains('{') => vec![p.to_owned()],
        other => panic!("the route {other} is not walked: add its URLs to this test"),
    }
}

//! Content truth: catalog-data/ and the texts the feeds emit about it claim no more than their
//! sources say (issue 10). Each test reads the shipped content, or the pages and feeds built
//! from it, and fails on the text it replaced.

use std::collections::HashMap;

use actix_web::test as at;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, Term};

use crate::support::{BASE, repo};
use crate::web::loaded_state;

/// One CSV sheet of catalog-data/, each row as heading → cell.
fn sheet(name: &str) -> Vec<HashMap<String, String>> {
    let path = repo().join("catalog-data").join(name);
    let mut r = csv::Reader::from_path(&path).expect("catalog-data sheet");
    let headings: Vec<String> = r
        .headers()
        .expect("headings")
        .iter()
        .map(str::to_owned)
        .collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            headings
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn row<'a>(
    rows: &'a [HashMap<String, String>],
    key: &str,
    id: &str,
) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r[key] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// Every text of catalog-data/: each CSV cell and each Turtle file, with where it is.
fn all_texts() -> Vec<(String, String)> {
    let dir = repo().join("catalog-data");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("catalog-data")
        .chain(std::fs::read_dir(dir.join("kodverk")).expect("kodverk"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        match f.extension().and_then(|e| e.to_str()) {
            Some("csv") => {
                for (i, r) in sheet(&name).iter().enumerate() {
                    for (h, v) in r {
                        out.push((format!("{name}!{}:{h}", i + 2), v.clone()));
                    }
                }
            }
            Some("ttl") => out.push((name, std::fs::read_to_string(&f).expect("ttl"))),
            _ => {}
        }
    }
    out
}

/// A page (as a browser asks for it) or, with a suffix, a feed or download.
async fn get(uri: &str) -> String {
    let app = crate::app!(loaded_state());
    let mut req = at::TestRequest::get().uri(uri);
    if !uri.contains('.') {
        req = req.insert_header(("Accept", "text/html"));
    }
    let req = req.to_request();
    let resp = at::call_service(&app, req).await;
    assert_eq!(resp.status().as_u16(), 200, "{uri}");
    String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8")
}

async fn feed() -> Graph {
    let nt = get("/catalog.nt").await;
    let mut g = Graph::new();
    for t in RdfParser::from_format(RdfFormat::NTriples).for_slice(nt.as_bytes()) {
        let q = t.expect("triple");
        g.insert(q.as_ref());
    }
    g
}

/// The literals of `s p`, by language tag.
fn texts(g: &Graph, s: &str, p: &str) -> HashMap<String, String> {
    let s = NamedNodeRef::new(s).expect("iri");
    let p = NamedNodeRef::new(p).expect("iri");
    g.objects_for_subject_predicate(s, p)
        .filter_map(|o| match Term::from(o) {
            Term::Literal(l) => Some((l.language().unwrap_or("").to_owned(), l.value().to_owned())),
            _ => None,
        })
        .collect()
}

const DCT: &str = "http://purl.org/dc/terms/";
const SKOS_NOTE: &str = "http://www.w3.org/2004/02/skos/core#note";
const SKATTEVERKET: &str = "202100-5448";
const SCB: &str = "202100-0837";

#[actix_web::test]
async fn the_feed_says_what_the_catalogue_is_and_not_that_it_is_harmonised() {
    let g = feed().await;
    let d = texts(&g, &format!("{BASE}/katalog"), &format!("{DCT}description"));
    let (sv, en) = (&d["sv"], &d["en"]);
    assert!(!sv.contains("harmoniserade enligt"), "{sv}");
    assert!(!en.contains("harmonised with"), "{en}");
    assert!(sv.contains("inte genomgått SKR:s"), "{sv}");
    assert!(en.contains("have not been through SKR's"), "{en}");
}

#[test]
fn the_referral_date_runs_from_the_issued_referral_under_the_ordinance() {
    let v = sheet("variabler.csv");
    let r = row(&v, "Identifierare", "remissdatum");
    assert!(
        r["Definition"].contains("(2017:80) 6 kap. 1 §"),
        "{}",
        r["Definition"]
    );
    assert!(
        r["Definition"].contains("har utfärdats"),
        "{}",
        r["Definition"]
    );
    assert!(r["Definition (en)"].contains("(2017:80), chapter 6, section 1"));
    assert!(
        !r["Definition"].contains("beslut om remiss"),
        "{}",
        r["Definition"]
    );
    assert!(
        !r["Kommentar"].contains("beslut om remiss"),
        "{}",
        r["Kommentar"]
    );
    let codes = sheet("koder.csv");
    let first = codes
        .iter()
        .find(|c| c["Kodverk"] == "vardgarantikategori" && c["Kod"] == "FORSTABESOK")
        .expect("FORSTABESOK");
    assert!(
        first["Definition"].contains("utfärdats"),
        "{}",
        first["Definition"]
    );
    assert!(first["Definition"].contains("(2017:80) 6 kap. 1 §"));
    let books = sheet("kodverk.csv");
    let g = row(&books, "Identifierare", "vardgarantikategori");
    assert!(
        g["Källa"].contains("(2017:30) 9 kap. 1 §"),
        "{}",
        g["Källa"]
    );
    assert!(
        g["Källa"].contains("(2017:80) 6 kap. 1 §"),
        "{}",
        g["Källa"]
    );
}

/// After a law's name: its SFS number, then a chapter or section within a few words.
fn cited_precisely(rest: &str, section: &str) -> bool {
    let rest = rest.trim_start();
    let Some(inner) = rest.strip_prefix('(') else {
        return false;
    };
    let Some((sfs, after)) = inner.split_once(')') else {
        return false;
    };
    let sfs_ok = sfs.split_once(':').is_some_and(|(y, n)| {
        y.len() == 4
            && [y, n]
                .iter()
                .all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty())
    });
    sfs_ok && after.chars().take(40).collect::<String>().contains(section)
}

#[test]
fn every_law_named_in_the_content_is_cited_with_its_number_and_section() {
    let laws = [
        ("hälso- och sjukvårdslagen", "§"),
        ("hälso- och sjukvårdsförordningen", "§"),
        ("folkbokföringslagen", "§"),
        ("Health and Medical Services Act", "section"),
        ("Health and Medical Services Ordinance", "section"),
        ("Population Registration Act", "section"),
    ];
    let mut bad = Vec::new();
    for (at, text) in all_texts() {
        let lower = text.to_lowercase();
        for (law, section) in laws {
            let needle = law.to_lowercase();
            let mut from = 0;
            while let Some(i) = lower[from..].find(&needle) {
                let end = from + i + needle.len();
                if !cited_precisely(&lower[end..], &section.to_lowercase()) {
                    let after: String = lower[end..].chars().take(30).collect();
                    bad.push(format!("{at}: {law}{after}"));
                }
                from = end;
            }
        }
    }
    assert!(bad.is_empty(), "imprecise citations:\n{}", bad.join("\n"));
}

#[test]
fn owners_are_the_organisations_that_maintain_each_specification() {
    let orgs = sheet("organisationer.csv");
    assert_eq!(
        row(&orgs, "Organisationsnummer", SKATTEVERKET)["Namn"],
        "Skatteverket"
    );
    assert_eq!(
        row(&orgs, "Organisationsnummer", SCB)["Namn"],
        "Statistiska centralbyrån"
    );
    let v = sheet("variabler.csv");
    for id in ["personnummer", "vardgivare-orgnr"] {
        assert_eq!(row(&v, "Identifierare", id)["Ägare"], SKATTEVERKET, "{id}");
    }
    // Specifications proposed in this catalogue have no owner yet.
    for id in ["datum", "tidpunkt", "kostnad-per-individ"] {
        assert_eq!(row(&v, "Identifierare", id)["Ägare"], "", "{id}");
    }
    let books = sheet("kodverk.csv");
    assert_eq!(row(&books, "Identifierare", "region")["Utgivare"], SCB);
    // A code list whose notations are proposed here has no publisher to claim it.
    for b in &books {
        if b["Beskrivning"].contains("föreslagna") {
            assert_eq!(
                b["Utgivare"], "",
                "{} names a publisher",
                b["Identifierare"]
            );
        }
    }
    let kva = std::fs::read_to_string(repo().join("catalog-data/kodverk/kva-hoftfraktur.ttl"))
        .expect("kva");
    assert!(
        !kva.contains("dct:publisher"),
        "the KVÅ subset is not Socialstyrelsen's"
    );
}

#[actix_web::test]
async fn every_binding_and_problem_area_link_is_sourced_or_shown_as_illustrative() {
    let bindings = sheet("kopplingar.csv");
    let ucs = sheet("anvandningsfall.csv");
    let g = feed().await;
    for uc in &ucs {
        let id = &uc["Identifierare"];
        let unsourced = bindings
            .iter()
            .filter(|b| &b["Användningsfall"] == id && b["Källa"].is_empty())
            .count();
        let sv = get(&format!("/anvandningsfall/{id}")).await;
        let en = get(&format!("/en/anvandningsfall/{id}")).await;
        assert_eq!(
            sv.matches("Illustrativ koppling (ingen källa)").count(),
            unsourced + usize::from(uc["Källa problemområden"].is_empty()),
            "{id}"
        );
        assert_eq!(
            en.matches("Illustrative binding (no source)").count(),
            unsourced,
            "{id}"
        );
        assert!(sv.contains("Koppling till problemområden"), "{id}");
        let note = texts(&g, &format!("{BASE}/anvandningsfall/{id}"), SKOS_NOTE);
        if unsourced > 0 {
            assert!(
                note["sv"].contains(&format!("{unsourced} av användningsfallets")),
                "{id}: {note:?}"
            );
            assert!(note["en"].contains("are illustrative"), "{id}: {note:?}");
        }
    }
    // The bindings shown on a variable's page say it too.
    let v = get("/variabel/remissdatum").await;
    assert!(v.contains("Illustrativ koppling (ingen källa)"), "{v}");
    // And the use case's variable list download.
    let csv = get("/anvandningsfall/vantetider/variabler.csv").await;
    assert!(
        csv.starts_with("\u{feff}Roll;Prioritet;Snabb vinst;Källa;"),
        "{csv}"
    );
    assert!(csv.contains("Illustrativ koppling (ingen källa)"), "{csv}");
}

#[actix_web::test]
async fn the_kva_subset_states_that_it_lacks_the_common_hip_fracture_operations() {
    let page = get("/kodverk/kva-hoftfraktur").await;
    assert!(page.contains("ofullständig illustrativ delmängd"), "{page}");
    assert!(
        page.contains("saknar de vanligaste operationerna vid höftfraktur, osteosyntes"),
        "{page}"
    );
    let v = sheet("variabler.csv");
    let op = row(&v, "Identifierare", "atgardskod");
    assert!(
        op["Transformation"].contains("ofullständig"),
        "{}",
        op["Transformation"]
    );
    let icd =
        std::fs::read_to_string(repo().join("catalog-data/kodverk/icd-10-se.ttl")).expect("icd");
    assert!(
        icd.contains("inte kontrollerats mot Socialstyrelsens kodfil"),
        "the ICD subset states its limits"
    );
}

#[test]
fn no_variable_is_said_to_be_among_the_reports_prioritised_ones() {
    // The final report says 28 variables were prioritised but names none (section 2.3.1.2).
    let readme = std::fs::read_to_string(repo().join("catalog-data/README.md")).expect("readme");
    assert!(
        readme.contains("28 variabler valdes ut"),
        "the README says what the report says"
    );
    assert!(
        readme.contains("names none of them"),
        "and that it names none"
    );
    for (at, text) in all_texts() {
        let t = text.to_lowercase();
        assert!(
            !t.contains("prioriterad variabel") && !t.contains("prioriterade variabler"),
            "{at}"
        );
    }
}

#[test]
fn texts_written_for_the_catalogue_are_marked_illustrative() {
    for (name, mark, mark_en) in [
        (
            "anvandningsfall.csv",
            "(Illustrativ beskrivning.)",
            "(Illustrative description.)",
        ),
        (
            "problemomraden.csv",
            "(Illustrativ beskrivning.)",
            "(Illustrative description.)",
        ),
    ] {
        for r in sheet(name) {
            assert!(
                r["Beskrivning"].ends_with(mark),
                "{name}: {}",
                r["Identifierare"]
            );
            assert!(
                r["Beskrivning (en)"].ends_with(mark_en),
                "{name}: {}",
                r["Identifierare"]
            );
        }
    }
}

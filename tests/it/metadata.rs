//! What the portals show beside a data collection's texts, from the spreadsheet columns of
//! `datainsamlingar` to both feeds, the item documents, the API and the page: temporal and
//! spatial coverage, issue date, keywords, version, the contact point's name and the
//! HealthDCAT-AP fields. Bad cells are all reported at once and nothing is written; importing
//! the same content again changes nothing.

use crate::feeds::{HEALTH_KNOWN_GAPS, SE_SHAPES, healthdcat_feed, shacl, violations};
use crate::support::{BASE, Env, Served, csv_dir, repo, stderr, stdout};

const HEADINGS: &str = "Identifierare,Titel,Titel (en),Beskrivning,Utgivare,Kontakt e-post,Åtkomst,\
Kontaktnamn,Kontaktnamn (en),Tidsperiod från,Tidsperiod till,Geografisk täckning,Utgiven,\
Nyckelord,Nyckelord (en),Version,Populationstäckning,Populationstäckning (en),Personuppgifter,\
Rättslig grund,Rättslig grund (en),Ändamål,Ändamål (en),Bevarandetid från,Bevarandetid till,\
Antal poster,Antal individer,Hälsokategori";

/// A collection with every metadata column filled (keywords deliberately out of order).
const FULL: &str = "fullt,Fullständig,Complete,Om den,222000-0315,info@skr.se,begränsad,\
Väntetidsenheten,The waiting-times unit,2001,2024-12-31,SE224;swe,2005-03-01,\
väntetider;primärvård,waiting times,3.0,Patienter i Skåne,Patients in Skåne,kön;Age,\
Lag (1998:543) om hälsodataregister,The Health Data Registers Act (1998:543),\
Uppföljning,Follow-up,2001-01-01,2040,1 200,345,NRPE";

fn loaded() -> Env {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    env
}

fn full_dir(env: &Env, name: &str, row: &str) -> std::path::PathBuf {
    csv_dir(
        env.tmp.path(),
        name,
        &[("datainsamlingar.csv", &format!("{HEADINGS}\n{row}\n"))],
    )
}

/// The triples of a Turtle document as N-Triples terms.
fn triples(turtle: &str) -> Vec<(String, String, String)> {
    oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
        .map(|q| {
            let q = q.expect("the document parses");
            (
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        })
        .collect()
}

fn has(all: &[(String, String, String)], s: &str, p: &str, o: &str) -> bool {
    all.iter().any(|t| t.0 == s && t.1 == p && t.2 == o)
}

const DCT: &str = "http://purl.org/dc/terms/";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const HEALTH: &str = "http://healthdataportal.eu/ns/health#";
const DPV: &str = "https://w3id.org/dpv#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const TYPE: &str = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

fn p(ns: &str, local: &str) -> String {
    format!("<{ns}{local}>")
}

fn node(rest: &str) -> String {
    format!("<{BASE}/datainsamling/fullt{rest}>")
}

/// The DCAT-AP part every feed carries.
fn assert_dcat_part(all: &[(String, String, String)]) {
    let ds = node("");
    let period = node("/tidsperiod");
    let expected = [
        (ds.clone(), p(DCT, "temporal"), period.clone()),
        (period.clone(), TYPE.into(), p(DCT, "PeriodOfTime")),
        (
            period.clone(),
            p(DCAT, "startDate"),
            format!("\"2001\"^^<{XSD}gYear>"),
        ),
        (
            period,
            p(DCAT, "endDate"),
            format!("\"2024-12-31\"^^<{XSD}date>"),
        ),
        (
            ds.clone(),
            p(DCT, "spatial"),
            "<http://publications.europa.eu/resource/authority/country/SWE>".into(),
        ),
        (
            ds.clone(),
            p(DCT, "spatial"),
            "<http://data.europa.eu/nuts/code/SE224>".into(),
        ),
        (
            ds.clone(),
            p(DCT, "issued"),
            format!("\"2005-03-01\"^^<{XSD}date>"),
        ),
        (ds.clone(), p(DCAT, "keyword"), "\"väntetider\"@sv".into()),
        (ds.clone(), p(DCAT, "keyword"), "\"primärvård\"@sv".into()),
        (
            ds.clone(),
            p(DCAT, "keyword"),
            "\"waiting times\"@en".into(),
        ),
        (ds.clone(), p(DCAT, "version"), "\"3.0\"".into()),
        (
            node("/kontakt"),
            "<http://www.w3.org/2006/vcard/ns#fn>".into(),
            "\"Väntetidsenheten\"@sv".into(),
        ),
        (
            "<http://data.europa.eu/nuts/code/SE224>".into(),
            TYPE.into(),
            p(DCT, "Location"),
        ),
    ];
    for (s, pr, o) in expected {
        assert!(has(all, &s, &pr, &o), "missing {s} {pr} {o}");
    }
}

#[test]
fn every_metadata_column_reaches_both_feeds_and_they_still_conform() {
    let env = loaded();
    env.run_ok(&[
        "import",
        full_dir(&env, "full", FULL).to_str().expect("path"),
    ]);

    let (text, found) = healthdcat_feed(&env);
    let all = triples(&text);
    assert_dcat_part(&all);
    let ds = node("");
    let legal = node("/rattslig-grund");
    let retention = node("/bevarandetid");
    let expected = [
        (
            ds.clone(),
            p(HEALTH, "populationCoverage"),
            "\"Patienter i Skåne\"@sv".into(),
        ),
        (
            ds.clone(),
            p(HEALTH, "populationCoverage"),
            "\"Patients in Skåne\"@en".into(),
        ),
        (
            ds.clone(),
            p(DPV, "hasPersonalData"),
            "<https://w3id.org/dpv/dpv-pd#Age>".into(),
        ),
        (
            ds.clone(),
            p(DPV, "hasPersonalData"),
            "<https://w3id.org/dpv/dpv-pd#Gender>".into(),
        ),
        (
            "<https://w3id.org/dpv/dpv-pd#Age>".into(),
            TYPE.into(),
            p(DPV, "PersonalData"),
        ),
        (ds.clone(), p(DPV, "hasLegalBasis"), legal.clone()),
        (legal.clone(), TYPE.into(), p(DPV, "LegalBasis")),
        (
            legal,
            "<http://www.w3.org/2000/01/rdf-schema#label>".into(),
            "\"Lag (1998:543) om hälsodataregister\"@sv".into(),
        ),
        (ds.clone(), p(DPV, "hasPurpose"), node("/andamal")),
        (node("/andamal"), TYPE.into(), p(DPV, "Purpose")),
        (ds.clone(), p(HEALTH, "retentionPeriod"), retention.clone()),
        (retention.clone(), TYPE.into(), p(DCT, "PeriodOfTime")),
        (
            retention,
            p(DCAT, "endDate"),
            format!("\"2040\"^^<{XSD}gYear>"),
        ),
        (
            ds.clone(),
            p(HEALTH, "numberOfRecords"),
            format!("\"1200\"^^<{XSD}nonNegativeInteger>"),
        ),
        (
            ds,
            p(HEALTH, "numberOfUniqueIndividuals"),
            format!("\"345\"^^<{XSD}nonNegativeInteger>"),
        ),
    ];
    for (s, pr, o) in expected {
        assert!(
            has(&all, &s, &pr, &o),
            "HealthDCAT-AP: missing {s} {pr} {o}"
        );
    }
    let unexpected: Vec<String> = found
        .into_iter()
        .filter(|v| !HEALTH_KNOWN_GAPS.iter().any(|g| v.contains(g)))
        .collect();
    assert_eq!(unexpected, Vec::<String>::new());

    // DCAT-AP-SE: the DCAT-AP part, none of the HealthDCAT-AP one, and the shapes pass.
    let feed = env.path("feed.ttl");
    env.run_ok(&[
        "export",
        "--feed",
        "dcat-ap-se",
        feed.to_str().expect("path"),
    ]);
    let se = triples(&std::fs::read_to_string(&feed).expect("feed"));
    assert_dcat_part(&se);
    assert!(!se.iter().any(|t| t.1.starts_with(&format!("<{DPV}"))));
    assert!(!se.iter().any(|t| t.1.starts_with(&format!("<{HEALTH}"))));
    let report = shacl(&SE_SHAPES, &[], &feed);
    assert_eq!(violations(&report), Vec::<String>::new());
}

#[test]
fn the_api_the_page_and_the_item_documents_show_the_metadata() {
    let env = loaded();
    env.run_ok(&[
        "import",
        full_dir(&env, "full", FULL).to_str().expect("path"),
    ]);
    let served = Served::start(&env);
    let (status, body) = served.fetch("/api/datainsamlingar/fullt", "application/json");
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["spatial"], serde_json::json!(["SWE", "SE224"]));
    assert_eq!(
        json["keywords"],
        serde_json::json!(["primärvård", "väntetider"])
    );
    assert_eq!(json["temporal_start"], "2001");
    assert_eq!(json["records"], "1200");
    assert_eq!(json["personal_data"], serde_json::json!(["Age", "Gender"]));
    assert_eq!(json["personal_data_label"][1]["sv"], "Kön");
    assert_eq!(
        json["legal_basis_en"],
        "The Health Data Registers Act (1998:543)"
    );

    let (status, page) = served.get("/datainsamling/fullt");
    assert_eq!(status, 200);
    for w in [
        "Geografisk täckning",
        "Skåne län (SE224)",
        "Sverige (SWE)",
        "2001 – 2024-12-31",
        "primärvård; väntetider",
        "Ålder; Kön",
        "Lag (1998:543) om hälsodataregister",
        "Väntetidsenheten",
        "Antal unika individer",
        "Metadatakvalitet (data.europa.eu:s MQA):",
    ] {
        assert!(page.contains(w), "sv page: {w}");
    }
    let (status, page) = served.get("/en/datainsamling/fullt");
    assert_eq!(status, 200);
    for w in [
        "Spatial coverage",
        "Skåne County (SE224)",
        "waiting times",
        "Patients in Skåne",
        "The waiting-times unit",
        "Retention period",
        "Metadata quality (data.europa.eu",
    ] {
        assert!(page.contains(w), "en page: {w}");
    }

    // The nodes the feeds name dereference, and the contact points carry a name.
    for rest in [
        "/tidsperiod",
        "/rattslig-grund",
        "/andamal",
        "/bevarandetid",
    ] {
        let (status, body) = served.fetch(&format!("/datainsamling/fullt{rest}"), "text/turtle");
        assert_eq!(status, 200, "{rest}");
        assert!(!body.is_empty(), "{rest}");
    }
    let (_, kontakt) = served.fetch("/datainsamling/fullt/kontakt", "text/turtle");
    assert!(kontakt.contains("\"Väntetidsenheten\"@sv"), "{kontakt}");
    // A collection naming no contact: its organisation's name, never its title.
    let (_, kpp) = served.fetch("/datainsamling/kpp", "text/turtle");
    let kpp = triples(&kpp);
    let names: Vec<&String> = kpp
        .iter()
        .filter(|t| t.1 == "<http://www.w3.org/2006/vcard/ns#fn>")
        .map(|t| &t.2)
        .collect();
    assert!(
        names.contains(&&"\"Sveriges Kommuner och Regioner\"@sv".to_owned()),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("KPP-databasen")),
        "{names:?}"
    );
}

#[test]
fn bad_metadata_cells_are_all_reported_at_once_and_nothing_is_written() {
    let env = loaded();
    let before = env.dump();
    let rows = "a,A,,Om A,222000-0315,info@skr.se,begränsad,,,1987-13-01,2024,SWE;XYZ;SE999,igår,\
,words,,,,Skostorlek;Age,,,,,,,-5,12.5,\n\
b,B,,Om B,222000-0315,info@skr.se,begränsad,,,2020,2019-12-31,,,,,,,,,,,,,2030,2020,,,";
    let dir = full_dir(&env, "bad", rows);
    let out = env.import(&dir);
    assert!(!out.status.success(), "{}", stdout(&out));
    let err = stderr(&out);
    for e in [
        "datainsamlingar!2:J: Tidsperiod från: \"1987-13-01\" is not a date",
        "datainsamlingar!2:L: Geografisk täckning: \"XYZ\" is not a known place",
        "datainsamlingar!2:L: Geografisk täckning: \"SE999\" is not a known place",
        "datainsamlingar!2:M: Utgiven: \"igår\" is not a date",
        "datainsamlingar!2:N: Nyckelord: English keywords need at least one Swedish keyword",
        "datainsamlingar!2:S: Personuppgifter: \"Skostorlek\" is not a known DPV personal-data category",
        "datainsamlingar!2:Z: Antal poster: \"-5\" is not a whole number",
        "datainsamlingar!2:AA: Antal individer: \"12.5\" is not a whole number",
        "datainsamlingar!3:K: Tidsperiod till: the period ends (2019-12-31) before it starts (2020)",
        "datainsamlingar!3:Y: Bevarandetid till: the period ends (2020) before it starts (2030)",
        "10 problems",
    ] {
        assert!(err.contains(e), "expected {e:?} in\n{err}");
    }
    assert_eq!(env.dump(), before, "a refused import writes nothing");
}

#[test]
fn importing_the_same_metadata_again_or_its_export_changes_nothing() {
    let env = loaded();
    let dir = full_dir(&env, "full", FULL);
    env.run_ok(&["import", dir.to_str().expect("path")]);
    let first = env.dump();
    let out = env.run_ok(&["import", dir.to_str().expect("path")]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
    assert_eq!(env.dump(), first, "not even dct:modified changes");
    // The same keywords and places in another order are the same value.
    let reordered = FULL
        .replace("väntetider;primärvård", "primärvård; väntetider")
        .replace("SE224;swe", "SWE;SE224")
        .replace("kön;Age", "Age;Gender");
    env.run_ok(&[
        "import",
        full_dir(&env, "again", &reordered).to_str().expect("path"),
    ]);
    assert_eq!(env.dump(), first);
    let xlsx = env.path("katalog.xlsx");
    env.run_ok(&["export", xlsx.to_str().expect("path")]);
    env.run_ok(&["import", xlsx.to_str().expect("path")]);
    assert_eq!(env.dump(), first, "export → import is a no-op");
}

#[test]
fn change_notes_name_the_metadata_fields() {
    let env = Env::new();
    // Two spreadsheet versions, each complete (the publisher with it).
    let version = |name: &str, row: &str| {
        csv_dir(
            env.tmp.path(),
            name,
            &[
                (
                    "organisationer.csv",
                    "Organisationsnummer,Namn,Typ\n222000-0315,SKR,NonProfitOrganisation\n",
                ),
                ("datainsamlingar.csv", &format!("{HEADINGS}\n{row}\n")),
            ],
        )
    };
    let a = version("a", FULL);
    let b = version(
        "b",
        &FULL
            .replace("väntetider;primärvård", "väntetider")
            .replace(",3.0,", ",3.1,"),
    );
    let out = env.run_ok(&["diff", a.to_str().expect("path"), b.to_str().expect("path")]);
    let notes = stdout(&out);
    assert!(notes.contains("nyckelorden ändrade"), "{notes}");
    assert!(notes.contains("versionen ändrad"), "{notes}");
    let out = env.run_ok(&[
        "diff",
        "--lang",
        "en",
        a.to_str().expect("path"),
        b.to_str().expect("path"),
    ]);
    assert!(
        stdout(&out).contains("keywords changed"),
        "{}",
        stdout(&out)
    );
}

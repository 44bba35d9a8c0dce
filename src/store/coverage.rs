//! A data collection's portal metadata ↔ RDF (documented in `schemas/README.md`). The store
//! and both feeds write it with these functions, so each property is chosen once:
//!
//! - DCAT-AP: `dct:temporal` a `dct:PeriodOfTime` at `{collection}/tidsperiod` with
//!   `dcat:startDate`/`dcat:endDate` (`xsd:date`, or `xsd:gYear` for a year), `dct:spatial`
//!   (EU country table or NUTS IRIs), `dct:issued`, `dcat:keyword` (`@sv`, `@en`);
//! - HealthDCAT-AP: `healthdcatap:populationCoverage`, `dpv:hasPersonalData` (DPV
//!   personal-data concepts), `dpv:hasLegalBasis` a `dpv:LegalBasis` at
//!   `{collection}/rattslig-grund` and `dpv:hasPurpose` a `dpv:Purpose` at
//!   `{collection}/andamal` (each with `rdfs:label` and `dct:description`),
//!   `healthdcatap:retentionPeriod` a `dct:PeriodOfTime` at `{collection}/bevarandetid`, and
//!   `healthdcatap:numberOfRecords`/`numberOfUniqueIndividuals` (`xsd:nonNegativeInteger`).
//!
//! The version is the item's `owl:versionInfo` in the store (as for every versioned item;
//! documents add `dcat:version`), `dcat:version` in the feeds.

use oxigraph::model::{Literal, NamedNode, NamedNodeRef};

use crate::domain::{
    CollectionMeta, DPV_PD, Id, Lang, Period, PersonalData, Place, meta_date_is_year,
};

use super::from_rdf::GraphView;
use super::iris::Iris;
use super::to_rdf::GraphBuilder;
use super::vocab::{dcat, dct, dpv, healthdcatap, owl, rdfs, vcard, xsd};

fn date(g: &mut GraphBuilder, s: &NamedNode, p: NamedNodeRef<'_>, d: &str) {
    let datatype = if meta_date_is_year(d) {
        xsd::G_YEAR
    } else {
        xsd::DATE
    };
    g.typed(s, p, d, datatype);
}

fn period(g: &mut GraphBuilder, node: &NamedNode, p: &Period) {
    g.a(node, dct::PERIOD_OF_TIME);
    date(g, node, dcat::START_DATE, &p.start);
    date(g, node, dcat::END_DATE, &p.end);
}

/// A node with a text: typed `class`, the text as its label and description.
fn described(g: &mut GraphBuilder, node: &NamedNode, class: NamedNodeRef<'_>, t: &Lang) {
    g.a(node, class);
    g.lang(node, rdfs::LABEL, t);
    g.lang(node, dct::DESCRIPTION, t);
}

/// The DCAT-AP part: coverage, issue date, keywords.
pub fn write_dcat(g: &mut GraphBuilder, iris: &Iris, s: &NamedNode, id: &Id, m: &CollectionMeta) {
    if !m.temporal.is_empty() {
        let t = iris.temporal(id);
        g.node(s, dct::TEMPORAL, &t);
        period(g, &t, &m.temporal);
    }
    for p in &m.spatial {
        g.iri(s, dct::SPATIAL, &p.iri());
    }
    date(g, s, dct::ISSUED, &m.issued);
    for k in &m.keywords_sv {
        g.sv(s, dcat::KEYWORD, k);
    }
    for k in &m.keywords_en {
        g.add_literal(
            s,
            dcat::KEYWORD,
            Literal::new_language_tagged_literal_unchecked(k, "en"),
        );
    }
}

/// The HealthDCAT-AP part.
pub fn write_health(g: &mut GraphBuilder, iris: &Iris, s: &NamedNode, id: &Id, m: &CollectionMeta) {
    g.lang(s, healthdcatap::POPULATION_COVERAGE, &m.population);
    for p in &m.personal_data {
        g.iri(s, dpv::HAS_PERSONAL_DATA, &p.iri());
    }
    if !m.legal_basis.is_empty() {
        let n = iris.legal_basis(id);
        g.node(s, dpv::HAS_LEGAL_BASIS, &n);
        described(g, &n, dpv::LEGAL_BASIS, &m.legal_basis);
    }
    if !m.purpose.is_empty() {
        let n = iris.purpose(id);
        g.node(s, dpv::HAS_PURPOSE, &n);
        described(g, &n, dpv::PURPOSE, &m.purpose);
    }
    if !m.retention.is_empty() {
        let n = iris.retention(id);
        g.node(s, healthdcatap::RETENTION_PERIOD, &n);
        period(g, &n, &m.retention);
    }
    for (p, n) in [
        (healthdcatap::NUMBER_OF_RECORDS, m.records),
        (healthdcatap::NUMBER_OF_UNIQUE_INDIVIDUALS, m.individuals),
    ] {
        if let Some(n) = n {
            g.typed(s, p, &n.to_string(), xsd::NON_NEGATIVE_INTEGER);
        }
    }
}

fn read_period(g: &GraphView, node: Option<String>) -> Period {
    node.map(|n| Period {
        start: g.text(&n, dcat::START_DATE),
        end: g.text(&n, dcat::END_DATE),
    })
    .unwrap_or_default()
}

/// The metadata of the collection `iri` whose contact point is `contact`.
pub fn read(g: &GraphView, iri: &str, contact: &str) -> CollectionMeta {
    let mut spatial: Vec<Place> = g
        .iris(iri, dct::SPATIAL)
        .iter()
        .filter_map(|p| Place::from_iri(p))
        .collect();
    spatial.sort();
    let mut personal_data: Vec<PersonalData> = g
        .iris(iri, dpv::HAS_PERSONAL_DATA)
        .iter()
        .filter_map(|p| p.strip_prefix(DPV_PD))
        .filter_map(|local| PersonalData::parse(local).ok())
        .collect();
    personal_data.sort();
    let count = |p: NamedNodeRef<'static>| g.text(iri, p).parse::<u64>().ok();
    let text_of = |p: NamedNodeRef<'static>| {
        g.iri(iri, p)
            .map(|n| g.lang(&n, rdfs::LABEL))
            .unwrap_or_default()
    };
    CollectionMeta {
        contact_name: if contact.is_empty() {
            Lang::default()
        } else {
            g.lang(contact, vcard::FN)
        },
        temporal: read_period(g, g.iri(iri, dct::TEMPORAL)),
        spatial,
        issued: g.text(iri, dct::ISSUED),
        keywords_sv: g.tagged(iri, dcat::KEYWORD, "sv"),
        keywords_en: g.tagged(iri, dcat::KEYWORD, "en"),
        version: g.text(iri, owl::VERSION_INFO),
        population: g.lang(iri, healthdcatap::POPULATION_COVERAGE),
        personal_data,
        legal_basis: text_of(dpv::HAS_LEGAL_BASIS),
        purpose: text_of(dpv::HAS_PURPOSE),
        retention: read_period(g, g.iri(iri, healthdcatap::RETENTION_PERIOD)),
        records: count(healthdcatap::NUMBER_OF_RECORDS),
        individuals: count(healthdcatap::NUMBER_OF_UNIQUE_INDIVIDUALS),
    }
}

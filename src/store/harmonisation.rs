//! An item's place in the harmonisation method ↔ RDF (documented in `schemas/README.md`):
//! the current step as `varcat:harmonisationStep` (a concept of the scheme `{base}/metod`),
//! each dated step a `prov:Activity` at `{item}/harmonisering/{n}` (`dct:type` its step,
//! `dct:date`, `skos:note`, `dct:source`; without a source a `skos:editorialNote` says it is
//! illustrative), and the reference group a `foaf:Group` at `{item}/referensgrupp` whose
//! members are `org:Membership`s (`org:member` the organisation, `dct:description` the role).

use oxigraph::model::{Literal, NamedNode, Triple};

use crate::domain::{Harmonisation, HistoryEntry, Language, MethodStep, ReferenceMember};

use super::from_rdf::GraphView;
use super::iris::{Iris, organisation, orgnr_of};
use super::to_rdf::GraphBuilder;
use super::vocab::{dct, foaf, org, prov, rdf, skos, varcat, xsd};

/// The note an illustrative history entry carries.
pub const ILLUSTRATIVE_SV: &str =
    "Illustrativt steg: ingen källa anger att objektet har nått steget.";
pub const ILLUSTRATIVE_EN: &str = "Illustrative step: no source says that the item has reached it.";

/// Writes `h` for the item `s` into `g`.
pub fn write(g: &mut GraphBuilder, iris: &Iris, s: &NamedNode, h: &Harmonisation) {
    if let Some(step) = h.step() {
        g.node(s, varcat::HARMONISATION_STEP, &iris.method_step(step));
    }
    for (i, e) in h.history.iter().enumerate() {
        let a = iris.history_entry(s, i + 1);
        g.node(s, varcat::HARMONISATION_HISTORY, &a);
        g.a(&a, prov::ACTIVITY);
        g.node(&a, prov::USED, s);
        g.node(&a, dct::TYPE, &iris.method_step(e.step));
        let datatype = if e.date.len() == 7 {
            xsd::G_YEAR_MONTH
        } else {
            xsd::DATE
        };
        g.typed(&a, dct::DATE, &e.date, datatype);
        g.sv(&a, skos::NOTE, &e.note);
        g.text(&a, dct::SOURCE, &e.source);
        if e.is_illustrative() {
            g.add_literal(
                &a,
                skos::EDITORIAL_NOTE,
                Literal::new_language_tagged_literal_unchecked(ILLUSTRATIVE_SV, "sv"),
            );
            g.add_literal(
                &a,
                skos::EDITORIAL_NOTE,
                Literal::new_language_tagged_literal_unchecked(ILLUSTRATIVE_EN, "en"),
            );
        }
    }
    if !h.reference_group.is_empty() {
        let group = iris.reference_group(s);
        g.node(s, varcat::REFERENCE_GROUP, &group);
        g.a(&group, foaf::GROUP);
        for m in &h.reference_group {
            let ms = iris.membership(s, &m.organisation);
            g.node(&group, org::HAS_MEMBERSHIP, &ms);
            g.a(&ms, org::MEMBERSHIP);
            g.node(&ms, org::MEMBER, &organisation(&m.organisation));
            g.node(&ms, org::ORGANIZATION, &group);
            g.text(&ms, dct::DESCRIPTION, &m.role);
        }
    }
}

/// Reads the item `iri`'s harmonisation back.
pub fn read(g: &GraphView, iris: &Iris, iri: &str) -> Harmonisation {
    let step_of = |a: &str| {
        let t = g.iri(a, dct::TYPE)?;
        MethodStep::ALL
            .into_iter()
            .find(|s| iris.method_step(*s).as_str() == t)
    };
    let mut h = Harmonisation::default();
    for a in g.iris(iri, varcat::HARMONISATION_HISTORY) {
        let Some(step) = step_of(&a) else { continue };
        h.history.push(HistoryEntry {
            step,
            date: g.text(&a, dct::DATE),
            note: g.text(&a, skos::NOTE),
            source: g.text(&a, dct::SOURCE),
        });
    }
    if let Some(group) = g.iri(iri, varcat::REFERENCE_GROUP) {
        for ms in g.iris(&group, org::HAS_MEMBERSHIP) {
            let Some(o) = g.iri(&ms, org::MEMBER).and_then(|o| orgnr_of(&o)) else {
                continue;
            };
            h.reference_group.push(ReferenceMember {
                organisation: o,
                role: g.text(&ms, dct::DESCRIPTION),
            });
        }
    }
    h.sort();
    h
}

/// The method as a SKOS concept scheme: `{base}/metod` and its concepts `{base}/metod/A` …,
/// labelled and defined by Table 5 of SKR's final report (June 2025).
pub fn method_triples(iris: &Iris) -> Vec<Triple> {
    let scheme = iris.method_scheme();
    let mut out = Vec::new();
    let mut add =
        |s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: oxigraph::model::Term| {
            out.push(Triple::new(s.clone(), p, o));
        };
    let sv = |t: &str| Literal::new_language_tagged_literal_unchecked(t, "sv").into();
    let en = |t: &str| Literal::new_language_tagged_literal_unchecked(t, "en").into();
    add(&scheme, rdf::TYPE, skos::CONCEPT_SCHEME.into_owned().into());
    add(
        &scheme,
        skos::PREF_LABEL,
        sv("Metod för fortsatt arbete med nationell harmonisering av variabler"),
    );
    add(
        &scheme,
        skos::PREF_LABEL,
        en("Method for continued work on the national harmonisation of variables"),
    );
    add(
        &scheme,
        dct::SOURCE,
        Literal::new_simple_literal(SOURCE).into(),
    );
    for step in MethodStep::ALL {
        let c = iris.method_step(step);
        add(&c, rdf::TYPE, skos::CONCEPT.into_owned().into());
        add(&c, skos::IN_SCHEME, scheme.clone().into());
        add(&c, skos::TOP_CONCEPT_OF, scheme.clone().into());
        add(&scheme, skos::HAS_TOP_CONCEPT, c.clone().into());
        add(
            &c,
            skos::NOTATION,
            Literal::new_simple_literal(step.letter()).into(),
        );
        add(&c, skos::PREF_LABEL, sv(step.label(Language::Sv)));
        add(&c, skos::PREF_LABEL, en(step.label(Language::En)));
        add(&c, skos::DEFINITION, sv(step.definition(Language::Sv)));
        add(&c, skos::DEFINITION, en(step.definition(Language::En)));
    }
    out
}

/// Where the method comes from.
pub const SOURCE: &str = "SKR, Gemensam hantering av data och analys för regionerna, slutrapport (juni 2025), avsnitt 2.3.1.3, Tabell 5 Föreslagen metod för fortsatt arbete med nationell harmonisering av variabler";

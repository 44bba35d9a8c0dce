//! An item's registrations at other authorities ↔ RDF (documented in `schemas/README.md`):
//! each is a `varcat:Registration` at `{item}/registrering/{orgnr}`, linked from the item by
//! `varcat:registration`, with `varcat:registrationAuthority` the organisation,
//! `adms:status` the status concept, `dct:date` (`xsd:date`) and `skos:note` (`@sv`). The
//! item's own `adms:status` is its status at the publisher.

use oxigraph::model::NamedNode;

use crate::domain::{Registration, Status, sort_registrations};

use super::from_rdf::GraphView;
use super::iris::{Iris, organisation, orgnr_of};
use super::terms::{from_iri, status_iri};
use super::to_rdf::GraphBuilder;
use super::vocab::{adms, dct, skos, varcat, xsd};

/// Writes the registrations of the item `s` into `g`.
pub fn write(g: &mut GraphBuilder, iris: &Iris, s: &NamedNode, list: &[Registration]) {
    for r in list {
        let node = iris.registration(s, &r.authority);
        g.node(s, varcat::REGISTRATION, &node);
        g.a(&node, varcat::REGISTRATION_CLASS);
        g.node(
            &node,
            varcat::REGISTRATION_AUTHORITY,
            &organisation(&r.authority),
        );
        g.iri(&node, adms::STATUS, &status_iri(r.status));
        g.typed(&node, dct::DATE, &r.date, xsd::DATE);
        g.sv(&node, skos::NOTE, &r.note);
    }
}

/// Reads the registrations of the item `iri` back (one per authority, in order).
pub fn read(g: &GraphView, iri: &str) -> Vec<Registration> {
    let mut out: Vec<Registration> = g
        .iris(iri, varcat::REGISTRATION)
        .iter()
        .filter_map(|node| {
            let authority = g
                .iri(node, varcat::REGISTRATION_AUTHORITY)
                .and_then(|o| orgnr_of(&o))?;
            let status = g
                .iri(node, adms::STATUS)
                .and_then(|s| from_iri(Status::ALL, status_iri, &s))?;
            Some(Registration {
                authority,
                status,
                date: g.text(node, dct::DATE),
                note: g.text(node, skos::NOTE),
            })
        })
        .collect();
    sort_registrations(&mut out);
    out
}

//! Serialising: an item's quads built from the domain value, graphs and subjects written in an
//! RDF format with varcat's prefixes, and the sorted N-Triples the audit log keeps.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad};

use crate::domain::{Catalog, ItemKey, ItemKind};

use super::{CatalogStore, Iris, StoreError, to_rdf, vocab};

impl CatalogStore {
    /// The quads describing one item of `catalog`, in the item's graph (without `dct:modified`).
    pub fn item_quads(&self, catalog: &Catalog, key: &ItemKey) -> Vec<Quad> {
        item_quads(&self.iris, catalog, key)
    }

    /// Writes the triples of one graph in a triple format (Turtle, N-Triples, RDF/XML).
    pub fn write_graph<W: Write>(
        &self,
        graph: &NamedNode,
        format: RdfFormat,
        out: W,
    ) -> Result<W, StoreError> {
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(out);
        for q in self
            .store
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        {
            ser.serialize_triple(q?.as_ref())?;
        }
        Ok(ser.finish()?)
    }

    /// Writes the triples about one subject inside a graph; nothing when there are none.
    pub fn write_subject(
        &self,
        graph: &NamedNode,
        subject: &NamedNode,
        format: RdfFormat,
    ) -> Result<Vec<u8>, StoreError> {
        let quads = self
            .store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                None,
                None,
                Some(graph.as_ref().into()),
            )
            .collect::<Result<Vec<_>, _>>()?;
        if quads.is_empty() {
            return Ok(Vec::new());
        }
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(Vec::new());
        for q in &quads {
            ser.serialize_triple(q.as_ref())?;
        }
        Ok(ser.finish()?)
    }

    /// Writes every item graph: as quads in a dataset format, or merged into one graph.
    pub fn write_all<W: Write>(&self, format: RdfFormat, out: W) -> Result<W, StoreError> {
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(out);
        for q in self.store.iter() {
            let q = q?;
            if q.graph_name.is_default_graph() {
                continue; // store settings, not content
            }
            if format.supports_datasets() {
                ser.serialize_quad(&q)?;
            } else {
                ser.serialize_triple(q.as_ref())?;
            }
        }
        Ok(ser.finish()?)
    }
}

/// Sorted N-Triples of some quads (graph names dropped), as kept in the audit log.
pub fn ntriples(quads: &[Quad]) -> String {
    let mut lines: Vec<String> = quads
        .iter()
        .map(|q| format!("{} {} {} .", q.subject, q.predicate, q.object))
        .collect();
    lines.sort();
    lines.dedup();
    lines.join("\n")
}

/// A serialiser with varcat's prefixes.
pub fn with_prefixes(ser: RdfSerializer) -> RdfSerializer {
    prefixed(ser)
}

fn prefixed(ser: RdfSerializer) -> RdfSerializer {
    const PREFIXES: [(&str, &str); 23] = [
        ("dcatap", "http://data.europa.eu/r5r/"),
        ("healthdcatap", "http://healthdataportal.eu/ns/health#"),
        ("csvw", "http://www.w3.org/ns/csvw#"),
        ("eli", "http://data.europa.eu/eli/ontology#"),
        ("dct", "http://purl.org/dc/terms/"),
        ("dcat", "http://www.w3.org/ns/dcat#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("vcard", "http://www.w3.org/2006/vcard/ns#"),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("adms", "http://www.w3.org/ns/adms#"),
        ("disco", "http://rdf-vocabulary.ddialliance.org/discovery#"),
        ("prof", "http://www.w3.org/ns/dx/prof/"),
        ("schema", "https://schema.org/"),
        ("hydra", "http://www.w3.org/ns/hydra/core#"),
        ("sh", "http://www.w3.org/ns/shacl#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("varcat", vocab::varcat::NS),
        ("dqv", vocab::dqv::NS),
        ("prov", vocab::prov::NS),
        ("dpv", vocab::dpv::NS),
        ("dpvpd", crate::domain::DPV_PD),
    ];
    PREFIXES.iter().fold(ser, |s, (p, iri)| {
        s.with_prefix(*p, *iri)
            .expect("constant prefixes are valid IRIs")
    })
}

/// The quads of one item of `catalog` (none if it is not there).
pub fn item_quads(iris: &Iris, catalog: &Catalog, key: &ItemKey) -> Vec<Quad> {
    use crate::domain::{Id, OrgNr};
    let id = Id::parse(&key.id).ok();
    match key.kind {
        ItemKind::Organisation => OrgNr::parse(&key.id)
            .ok()
            .and_then(|o| catalog.organisations.get(&o))
            .map(to_rdf::organisation_quads),
        ItemKind::Collection => id
            .and_then(|i| catalog.collections.get(&i))
            .map(|c| to_rdf::collection_quads(iris, c)),
        ItemKind::ProblemArea => id
            .and_then(|i| catalog.problem_areas.get(&i))
            .map(|p| to_rdf::problem_area_quads(iris, p)),
        ItemKind::Codebook => id.and_then(|i| catalog.codebooks.get(&i)).map(|c| {
            let system = c.subset_of.as_ref().and_then(|s| catalog.codebooks.get(s));
            to_rdf::codebook_quads(iris, c, system)
        }),
        ItemKind::Variable => id
            .and_then(|i| catalog.variables.get(&i))
            .map(|v| to_rdf::variable_quads(iris, v)),
        ItemKind::UseCase => id
            .and_then(|i| catalog.use_cases.get(&i))
            .map(|u| to_rdf::use_case_quads(iris, u)),
    }
    .unwrap_or_default()
}

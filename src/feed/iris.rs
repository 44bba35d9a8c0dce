//! The IRIs the feeds mint for what is not an item, each once: the catalogue and its parts,
//! the catalogue's data services, a collection's variable-list distribution, its CSV, its
//! rights statement and the resources under it, and the calendar months of quality
//! measurements.

use oxigraph::model::NamedNode;

use crate::domain::{Id, ItemKind};
use crate::store::Iris;

pub fn catalog_iri(iris: &Iris) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/katalog", iris.base()))
}

pub fn part_iri(iris: &Iris, n: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/katalog/del/{n}", iris.base()))
}

pub(super) fn service_iri(iris: &Iris) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/tjanst", iris.base()))
}

/// A use-case profile's resource descriptor of codebook `cb`: `{use case IRI}/kodverk/{cb}`.
pub fn profile_resource_iri(iris: &Iris, use_case: &Id, cb: &Id) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}/{}/{cb}",
        iris.use_case(use_case).as_str(),
        ItemKind::Codebook.path_segment()
    ))
}

/// A resource inside collection `c`'s document: `{collection IRI}/{rest}`.
pub fn under_collection(iris: &Iris, c: &Id, rest: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/{rest}", iris.collection(c).as_str()))
}

pub fn distribution_iri(iris: &Iris, c: &Id) -> NamedNode {
    under_collection(iris, c, "variabellista")
}

pub fn variables_csv_iri(iris: &Iris, c: &Id) -> NamedNode {
    let path = crate::store::variables_path(ItemKind::Collection, c.as_str(), "csv");
    NamedNode::new_unchecked(format!("{}{path}", iris.base()))
}

pub(super) fn rights_iri(iris: &Iris, c: &Id) -> NamedNode {
    under_collection(iris, c, "villkor")
}

/// The public SPARQL endpoint's service (the endpoint itself is [`sparql_endpoint`]).
pub fn sparql_service_iri(iris: &Iris) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/tjanst/sparql", iris.base()))
}

/// The public SPARQL endpoint, `{base}/sparql`.
pub fn sparql_endpoint(iris: &Iris) -> String {
    format!("{}/sparql", iris.base())
}

/// A calendar month `YYYY-MM` as a period of time.
pub fn period_iri(iris: &Iris, period: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/period/{period}", iris.base()))
}

//! The IRIs the feeds mint for what is not an item: the catalogue and its parts, the
//! catalogue's data service, a collection's variable-list distribution, its CSV and its rights
//! statement.

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

pub fn distribution_iri(iris: &Iris, c: &Id) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/datainsamling/{c}/variabellista", iris.base()))
}

pub fn variables_csv_iri(iris: &Iris, c: &Id) -> NamedNode {
    let path = crate::store::variables_path(ItemKind::Collection, c.as_str(), "csv");
    NamedNode::new_unchecked(format!("{}{path}", iris.base()))
}

pub(super) fn rights_iri(iris: &Iris, c: &Id) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/datainsamling/{c}/villkor", iris.base()))
}

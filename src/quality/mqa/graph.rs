//! A feed graph as subject → predicate → objects, for the indicators to look up.

use std::collections::{BTreeMap, HashMap};

use oxigraph::model::{NamedOrBlankNode, Quad, Term};

/// Subject → predicate → objects of a feed graph.
pub(super) struct Graph(pub(super) HashMap<String, BTreeMap<String, Vec<Term>>>);

impl Graph {
    pub(super) fn of(quads: &[Quad]) -> Self {
        let mut m: HashMap<String, BTreeMap<String, Vec<Term>>> = HashMap::new();
        for q in quads {
            if let NamedOrBlankNode::NamedNode(s) = &q.subject {
                m.entry(s.as_str().to_owned())
                    .or_default()
                    .entry(q.predicate.as_str().to_owned())
                    .or_default()
                    .push(q.object.clone());
            }
        }
        Self(m)
    }

    pub(super) fn objects(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> &[Term] {
        self.0
            .get(s)
            .and_then(|m| m.get(p.as_str()))
            .map_or(&[], Vec::as_slice)
    }

    pub(super) fn has(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> bool {
        !self.objects(s, p).is_empty()
    }

    pub(super) fn iris(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> Vec<String> {
        self.objects(s, p)
            .iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect()
    }
}

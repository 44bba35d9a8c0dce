//! What a write's caller reads back about the items it touched, instead of re-reading the
//! whole store: each item's modification times (its own and its frozen versions') and its
//! versions. The server's snapshot is updated from these after each write.

use std::collections::BTreeMap;

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};

use super::{CatalogStore, StoreError, vocab};

/// One item as the store holds it after a write (nothing when it was removed).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ItemState {
    /// `dct:modified` of the item and of each of its frozen versions, by IRI.
    pub modified: BTreeMap<String, String>,
    /// Its frozen versions, oldest first: (version, version IRI).
    pub versions: Vec<(String, String)>,
}

impl CatalogStore {
    /// The state of the item whose graph is `item`.
    pub fn item_state(&self, item: &NamedNode) -> Result<ItemState, StoreError> {
        let mut state = ItemState::default();
        for q in self.raw().quads_for_pattern(
            Some(item.as_ref().into()),
            Some(vocab::dct::HAS_VERSION),
            None,
            Some(GraphNameRef::NamedNode(item.as_ref())),
        ) {
            if let Term::NamedNode(v) = q?.object {
                let label = v
                    .as_str()
                    .strip_prefix(item.as_str())
                    .and_then(|r| r.strip_prefix('/'))
                    .unwrap_or_default()
                    .to_owned();
                state.versions.push((label, v.as_str().to_owned()));
            }
        }
        state
            .versions
            .sort_by(|a, b| crate::domain::natural_cmp(&a.0, &b.0));
        let graphs = std::iter::once(item.as_str().to_owned())
            .chain(state.versions.iter().map(|(_, iri)| iri.clone()))
            .collect::<Vec<_>>();
        for g in &graphs {
            let node = NamedNodeRef::new_unchecked(g);
            for q in self.raw().quads_for_pattern(
                None,
                Some(vocab::dct::MODIFIED),
                None,
                Some(GraphNameRef::NamedNode(node)),
            ) {
                let q = q?;
                if let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (&q.subject, &q.object)
                {
                    state
                        .modified
                        .insert(s.as_str().to_owned(), l.value().to_owned());
                }
            }
        }
        Ok(state)
    }
}

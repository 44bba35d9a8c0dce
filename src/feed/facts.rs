//! What the feeds say about each data collection that depends on every variable: which
//! published variables it carries, the size of its variable list (the distribution's
//! `dcat:byteSize`) and which use cases it serves. Worked out in one pass over the catalogue —
//! by the server once per snapshot — so building a feed only reads them.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{Catalog, Id};

#[derive(Debug, Default, Clone)]
pub struct CollectionFacts {
    /// Published variables carried, by identifier.
    pub variables: Vec<Id>,
    /// Bytes of `/datainsamling/{id}/variabler.csv`.
    pub byte_size: usize,
    /// Published use cases binding one of those variables.
    pub served: BTreeSet<Id>,
}

#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub collections: BTreeMap<Id, CollectionFacts>,
    /// The latest `dct:modified` of any item: the catalogue's own (its Last-Modified).
    pub newest: Option<String>,
}

impl Facts {
    /// `modified`: when each item last changed, by item IRI (`store.modified()`).
    pub fn of(cat: &Catalog, modified: &BTreeMap<String, String>) -> Facts {
        let mut collections: BTreeMap<Id, CollectionFacts> = cat
            .collections
            .keys()
            .map(|id| (id.clone(), CollectionFacts::default()))
            .collect();
        for v in cat.variables.values().filter(|v| v.status.is_published()) {
            for c in &v.collections {
                if let Some(f) = collections.get_mut(c) {
                    f.variables.push(v.id.clone());
                }
            }
        }
        for u in cat.use_cases.values().filter(|u| u.status.is_published()) {
            for b in &u.bindings {
                let Some(v) = cat.variables.get(&b.variable) else {
                    continue;
                };
                if !v.status.is_published() {
                    continue;
                }
                for c in &v.collections {
                    if let Some(f) = collections.get_mut(c) {
                        f.served.insert(u.id.clone());
                    }
                }
            }
        }
        for f in collections.values_mut() {
            f.byte_size = crate::export::variables_csv(cat, &f.variables).len();
        }
        Facts {
            collections,
            newest: modified.values().max().cloned(),
        }
    }

    pub fn collection(&self, id: &Id) -> Option<&CollectionFacts> {
        self.collections.get(id)
    }
}

//! What the feeds say about each data collection that depends on every variable: which
//! published variables it carries, the size of its variable list (the distribution's
//! `dcat:byteSize`) and which use cases it serves. Worked out in one pass over the catalogue —
//! by the server once per snapshot — so building a feed only reads them.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{Catalog, Id, Modified};

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CollectionFacts {
    /// Published variables carried, by identifier.
    pub variables: Vec<Id>,
    /// Bytes of `/datainsamling/{id}/variabler.csv`.
    pub byte_size: usize,
    /// Published use cases binding one of those variables.
    pub served: BTreeSet<Id>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facts {
    pub collections: BTreeMap<Id, CollectionFacts>,
    /// The latest `dct:modified` of any item: the catalogue's own (its Last-Modified).
    pub newest: Option<String>,
}

impl Facts {
    /// `modified`: when each item last changed, by item IRI (`store.modified()`).
    pub fn of(cat: &Catalog, modified: &Modified) -> Facts {
        Self::lists(cat, modified, |_, f| {
            f.byte_size = crate::export::variables_csv(cat, &f.variables).len();
        })
    }

    /// The facts after a write that touched the variables `touched` (and any collection or use
    /// case): the lists are worked out again (one cheap pass), and only the variable lists
    /// whose content may have changed are written again to measure their size.
    pub fn after(&self, cat: &Catalog, modified: &Modified, touched: &BTreeSet<Id>) -> Facts {
        Self::lists(cat, modified, |id, f| {
            let kept = self.collections.get(id).filter(|old| {
                old.variables == f.variables && !f.variables.iter().any(|v| touched.contains(v))
            });
            f.byte_size = match kept {
                Some(old) => old.byte_size,
                None => crate::export::variables_csv(cat, &f.variables).len(),
            };
        })
    }

    fn lists(
        cat: &Catalog,
        modified: &Modified,
        mut size: impl FnMut(&Id, &mut CollectionFacts),
    ) -> Facts {
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
        for (id, f) in collections.iter_mut() {
            size(id, f);
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

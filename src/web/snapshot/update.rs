//! The snapshot after a write, made from the one before and what the write touched — the
//! items it created, changed or removed, and what is derived from them (the variables a use
//! case binds, for their search facets; the collections whose variable lists they are in) —
//! instead of reading the whole store again. Nothing of the old snapshot changes: readers keep
//! it until the new one is swapped in.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::domain::{Id, ItemKey, ItemKind, ItemMapExt};
use crate::import::Plan;
use crate::search::Touched;
use crate::store::CatalogStore;

use super::super::WebError;
use super::{Snapshot, pack};

impl Snapshot {
    /// The snapshot after `plan` has been committed to `store`. `plan.catalog` is the whole
    /// catalogue after the write, with the codes of at least every codebook the write touched.
    pub fn after(&self, store: &CatalogStore, plan: Plan) -> Result<Snapshot, WebError> {
        let revision = store.revision()?;
        let mut catalog = plan.catalog;
        let touched: Vec<ItemKey> = plan
            .added
            .iter()
            .chain(&plan.changed)
            .chain(&plan.removed)
            .cloned()
            .collect();

        // A use case's bindings are facets of the variables it binds, before and after.
        let mut reindex: BTreeSet<ItemKey> = touched.iter().cloned().collect();
        for key in touched.iter().filter(|k| k.kind == ItemKind::UseCase) {
            let Ok(id) = Id::parse(&key.id) else { continue };
            for cat in [&self.all, &catalog] {
                for b in cat.use_cases.get(&id).into_iter().flat_map(|u| &u.bindings) {
                    reindex.insert(ItemKey {
                        kind: ItemKind::Variable,
                        id: b.variable.to_string(),
                    });
                }
            }
        }

        // The touched codebooks' codes are packed again; every codebook leaves without codes.
        let mut codes = self.codes.clone();
        let mut code_lists = Vec::new();
        for key in touched.iter().filter(|k| k.kind == ItemKind::Codebook) {
            let Ok(id) = Id::parse(&key.id) else { continue };
            codes.remove(&id);
            if let Some(book) = catalog.codebooks.get_mut(&id) {
                let list = std::mem::take(&mut book.codes);
                codes.insert(id.clone(), (list.len(), Arc::from(pack(&list)?)));
                code_lists.push((id, list));
            }
        }
        catalog.codebooks.replace_each(|_, book| {
            (!book.codes.is_empty()).then(|| crate::domain::Codebook {
                codes: Vec::new(),
                ..book.clone()
            })
        });

        let mut modified = self.modified.clone();
        let mut sum = self.modified_sum;
        let mut versions = self.versions.clone();
        for key in &touched {
            let iri = store.iris().item(key);
            let iri = iri.as_str();
            versions.remove(iri);
            let state = store.item_state(&store.iris().item(key))?;
            super::replace_modified(&mut modified, &mut sum, iri, state.modified);
            if !state.versions.is_empty() {
                versions.insert(iri.to_owned(), state.versions);
            }
        }

        let variables: BTreeSet<Id> = touched
            .iter()
            .filter(|k| k.kind == ItemKind::Variable)
            .filter_map(|k| Id::parse(&k.id).ok())
            .collect();

        let books: BTreeMap<Id, &crate::domain::Codebook> = catalog
            .codebooks
            .iter()
            .map(|(k, v)| (k.clone(), v))
            .collect();
        let touched_search = Touched {
            items: reindex.into_iter().collect(),
            codes: code_lists
                .into_iter()
                .filter_map(|(id, list)| books.get(&id).map(|b| (*b, list)))
                .collect(),
        };
        let search = self.search.update(&catalog, &touched_search, revision)?;
        drop(touched_search);
        drop(books);
        let draft_versions = super::draft_versions(store)?;
        Ok(Snapshot::assemble(
            catalog,
            draft_versions,
            codes,
            (modified, sum),
            versions,
            |seen, modified| self.facts.after(seen, modified, &variables),
            search,
            revision,
            store.iris(),
        ))
    }
}

/// What a whole catalogue is, for tests of [`Snapshot::after`]: the same fields a snapshot read
/// afresh from the store would have.
#[cfg(test)]
pub(super) fn comparable(s: &Snapshot) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        &s.all,
        &s.public,
        &s.draft_versions,
        s.codes
            .iter()
            .map(|(k, (n, b))| (k.clone(), *n, b.to_vec()))
            .collect::<Vec<_>>(),
        &s.modified,
        &s.versions,
        &s.facts,
        &s.fingerprint,
        s.search.len(),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::Snapshot;
    use super::comparable;
    use crate::import::{Options, plan};
    use crate::search::Query;
    use crate::store::Iris;
    use crate::workspace::{RunInfo, Workspace};

    fn apply(ws: &mut Workspace, dir: &Path) -> crate::import::Plan {
        let current = ws.store.load_catalog().expect("catalogue");
        let p = plan(dir, &current, Options::default()).expect("plan");
        let info = RunInfo {
            actor: "test".into(),
            source: dir.display().to_string(),
            started_at: crate::workspace::now(),
        };
        let run = ws.start_run(&info).expect("run");
        ws.apply(run, &current, &p, &info, &|| {}).expect("apply");
        p
    }

    fn files(root: &Path, name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).expect("mkdir");
        for (f, text) in files {
            std::fs::write(dir.join(f), text).expect("write");
        }
        dir
    }

    fn hits(s: &Snapshot, text: &str) -> Vec<String> {
        let q = Query {
            text: text.into(),
            limit: 100,
            ..Query::default()
        };
        keys(s, &q)
    }

    /// Everything bound by use case A (a facet a binding gives its variable).
    fn bound(s: &Snapshot) -> Vec<String> {
        let q = Query {
            filters: vec![(crate::search::Dimension::UseCase, "vardplatser".into())],
            limit: 100,
            ..Query::default()
        };
        keys(s, &q)
    }

    fn keys(s: &Snapshot, q: &Query) -> Vec<String> {
        let mut keys: Vec<String> = s
            .search
            .search(q)
            .expect("search")
            .hits
            .iter()
            .map(|h| h.doc.key())
            .collect();
        keys.sort();
        keys
    }

    /// After each of a series of writes, the snapshot made from the one before and the write
    /// equals the snapshot read afresh from the store: items, codes, modification times,
    /// versions, feed facts, fingerprint and the search index.
    #[test]
    fn a_snapshot_after_a_write_equals_the_store_read_afresh() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut ws = Workspace::in_memory(Iris::new("https://varcat.test").expect("iri"))
            .expect("workspace");
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog-data");
        apply(&mut ws, &data);
        let mut snap = Snapshot::load(&ws.store, None).expect("snapshot");
        let writes: Vec<(&str, Vec<(&str, &str)>)> = vec![
            // A changed definition and a new version (the old one is frozen).
            (
                "def",
                vec![(
                    "variabler.csv",
                    "Identifierare,Namn,Definition,Version\nkon,Kön,Administrativt kön (ändrad).,9.0\n",
                )],
            ),
            // A code added and one relabelled.
            (
                "codes",
                vec![(
                    "koder.csv",
                    "Kodverk,Kod,Benämning\nkon,1,Man (ändrad)\nkon,9,Okänt\n",
                )],
            ),
            // A binding to another variable: the variable's use-case facet changes.
            (
                "binding",
                vec![(
                    "kopplingar.csv",
                    "Användningsfall,Variabel,Roll,Prioritet,Snabb vinst\nvardplatser,kon,valfri,3,Nej\n",
                )],
            ),
            // A new item, then an item removed.
            (
                "new",
                vec![(
                    "variabler.csv",
                    "Identifierare,Namn,Definition,Datainsamlingar\nkroppsvikt,Kroppsvikt,Vikt i kilogram.,kpp\n",
                )],
            ),
            (
                "remove",
                vec![(
                    "variabler.csv",
                    "Identifierare,Namn,Definition,Ta bort\nkroppsvikt,Kroppsvikt,Vikt i kilogram.,Ja\n",
                )],
            ),
        ];
        for (name, f) in writes {
            let p = apply(&mut ws, &files(tmp.path(), name, &f));
            assert!(!p.is_noop(), "{name} changes something");
            let next = snap.after(&ws.store, p).expect("after");
            let fresh = Snapshot::load(&ws.store, None).expect("fresh");
            assert_eq!(comparable(&next), comparable(&fresh), "after {name}");
            for text in ["kön", "okänt", "kroppsvikt", "vårdplatser"] {
                assert_eq!(hits(&next, text), hits(&fresh, text), "{text} after {name}");
            }
            assert_eq!(bound(&next), bound(&fresh), "bound after {name}");
            snap = next;
        }
        assert!(hits(&snap, "okänt").iter().any(|k| k == "kod/kon/9"));
    }
}

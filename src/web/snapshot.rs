//! What the server answers from: one immutable snapshot of the catalogue in memory — the
//! items, when each last changed, the search index, and the serialised feeds once asked for.
//! It is read from the store when the server starts (or from what the last server kept on
//! disk at the same store revision, `saved`) and, after each write, made from the one before
//! and what the write touched (`update`); the new one is swapped in whole, so a request never
//! sees half of a change. The codes are held apart: at national scale they
//! are most of the catalogue, so the snapshot keeps each codebook's codes compressed (lz4 over
//! JSON, a tenth of their size as values) and unpacks one codebook when a page lists its codes;
//! the rendered page is then kept.

use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use actix_web::web::Bytes;
use lru::LruCache;

use crate::domain::{Catalog, Counts, Id, ItemKey, Modified, Versions};
use crate::import::Plan;
use crate::search::SearchIndex;
use crate::store::CatalogStore;

use super::WebError;
use super::visibility::{Hidden, Viewer};

mod build;
mod codes;
mod fingerprint;
mod saved;
mod update;

use build::draft_versions;
use codes::pack;
use fingerprint::{fingerprint, modified_sum, replace_modified};

/// Answers (serialised feeds, rendered item and catalogue pages) kept per snapshot.
const MAX_ANSWERS: usize = 1024;
/// Rendered search results (and comparisons) kept per snapshot: the queries people repeat,
/// as they type and from links, are answered without searching again.
const MAX_SEARCHES: usize = 256;

pub struct Snapshot {
    /// Every item; codebooks without their codes (see [`Snapshot::codebook`]). Read through
    /// [`Snapshot::catalog`], which applies the visibility rule.
    all: Catalog,
    /// What anonymous visitors see (`visibility::public_catalog`); `None`: all of it.
    public: Option<Catalog>,
    /// Frozen versions whose own status is draft, by version IRI.
    draft_versions: BTreeSet<String>,
    /// Each codebook's codes, compressed, with their number (shared with the snapshots
    /// before and after, which change only the codebooks a write touched).
    codes: BTreeMap<Id, (usize, Arc<[u8]>)>,
    /// `dct:modified` of every item, by item IRI.
    pub modified: Modified,
    /// Each item's frozen versions, by item IRI: (version, version IRI), oldest first.
    pub versions: Versions,
    /// A hash of the store revision and every item's IRI and modification time: changes
    /// exactly when content does.
    pub fingerprint: String,
    /// The store revision this snapshot shows.
    pub revision: u64,
    /// [`modified_sum`] of `modified`, kept so a write updates the fingerprint by what it changed.
    modified_sum: u128,
    pub search: SearchIndex,
    /// What the feeds say about each data collection, worked out once from the public
    /// catalogue.
    pub facts: crate::feed::Facts,
    /// Answers worked out from this snapshot, by request and viewer (a snapshot never changes).
    answers: Answers,
    /// Search result pages, by viewer, path and query string.
    pub searches: Answers,
    /// What the feeds describe that is not an item, worked out on first use, with the id of
    /// the latest recorded conformance run it states.
    described: Mutex<Option<(i64, Arc<super::described::Described>)>>,
    /// The published content for the SPARQL endpoint (`sparql::public`), built on first use.
    sparql: Mutex<Option<Arc<oxigraph::store::Store>>>,
    /// The harmonisation candidates (`/kandidater`), worked out on first use per viewer.
    pub candidates: crate::candidates::Kept,
}

/// A bounded cache of answers, least recently used out first.
pub struct Answers(Mutex<LruCache<String, Bytes>>);

impl Answers {
    fn new(capacity: usize) -> Self {
        let capacity = NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN);
        Self(Mutex::new(LruCache::new(capacity)))
    }

    pub fn get(&self, key: &str) -> Option<Bytes> {
        self.0.lock().ok().and_then(|mut m| m.get(key).cloned())
    }

    pub fn put(&self, key: String, body: Bytes) {
        if let Ok(mut m) = self.0.lock() {
            m.put(key, body);
        }
    }
}

impl Snapshot {
    /// The resources the feeds describe that are not items (`described`).
    pub fn described(
        &self,
        state: &super::State,
    ) -> Result<Arc<super::described::Described>, WebError> {
        let quality = state.measured.current(&state.db)?;
        if let Ok(slot) = self.described.lock()
            && let Some((version, d)) = &*slot
            && *version == quality.version
        {
            return Ok(d.clone());
        }
        let d = Arc::new(super::described::Described::of(self, state, &quality)?);
        if let Ok(mut slot) = self.described.lock() {
            *slot = Some((quality.version, d.clone()));
        }
        Ok(d)
    }

    /// The published content as a store of its own, for the SPARQL endpoint: built from
    /// `store` (at this snapshot's revision) by the first query after a write; the queries
    /// that arrive meanwhile wait for it rather than build it again.
    pub fn public_store(
        &self,
        store: &CatalogStore,
    ) -> Result<Arc<oxigraph::store::Store>, WebError> {
        let mut slot = match self.sparql.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(s) = &*slot {
            return Ok(s.clone());
        }
        let hidden = self.hidden(Viewer::Anonymous, store.iris());
        let built = Arc::new(super::sparql::public::build(store, &hidden)?);
        *slot = Some(built.clone());
        Ok(built)
    }

    /// The catalogue as `viewer` sees it (codebooks without their codes).
    pub fn catalog(&self, viewer: Viewer) -> &Catalog {
        match (viewer, &self.public) {
            (Viewer::Anonymous, Some(public)) => public,
            _ => &self.all,
        }
    }

    /// What decides whether an IRI names something `viewer` may not see.
    pub fn hidden<'a>(&'a self, viewer: Viewer, iris: &'a crate::store::Iris) -> Hidden<'a> {
        Hidden {
            viewer,
            all: &self.all,
            iris,
            draft_versions: &self.draft_versions,
        }
    }

    /// Whether the frozen version at `iri` is itself a draft.
    pub fn is_draft_version(&self, iri: &str) -> bool {
        self.draft_versions.contains(iri)
    }

    /// Counts per kind of what `viewer` sees, codes included.
    pub fn counts(&self, viewer: Viewer) -> Counts {
        let cat = self.catalog(viewer);
        Counts {
            codes: cat
                .codebooks
                .keys()
                .filter_map(|id| self.codes.get(id))
                .map(|(n, _)| n)
                .sum(),
            ..cat.counts()
        }
    }

    /// An answer kept earlier, if any.
    pub fn cached_get(&self, key: &str) -> Option<Bytes> {
        self.answers.get(key)
    }

    /// An answer from the cache, or made by `make` and kept (`None`: nothing to keep).
    pub fn cached(
        &self,
        key: String,
        make: impl FnOnce() -> Result<Option<Vec<u8>>, WebError>,
    ) -> Result<Option<Bytes>, WebError> {
        if let Some(hit) = self.cached_get(&key) {
            return Ok(Some(hit));
        }
        let Some(body) = make()?.map(Bytes::from) else {
            return Ok(None);
        };
        self.answers.put(key, body.clone());
        Ok(Some(body))
    }

    /// The kept item and catalogue pages and feeds, by request.
    pub fn pages(&self) -> &Answers {
        &self.answers
    }
}

/// The current snapshot, swapped whole after each write.
pub struct Current {
    store: Arc<CatalogStore>,
    search_dir: Option<PathBuf>,
    now: RwLock<Arc<Snapshot>>,
    /// The revision last kept on disk.
    kept: std::sync::atomic::AtomicU64,
}

impl Current {
    pub fn load(store: Arc<CatalogStore>, search_dir: Option<PathBuf>) -> Result<Self, WebError> {
        let snap = Snapshot::load(&store, search_dir.as_deref())?;
        store.plans_made_at(snap.revision);
        Ok(Self {
            store,
            search_dir,
            kept: std::sync::atomic::AtomicU64::new(snap.revision),
            now: RwLock::new(Arc::new(snap)),
        })
    }

    pub fn get(&self) -> Arc<Snapshot> {
        match self.now.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn swap(&self, snap: Arc<Snapshot>) {
        self.store.plans_made_at(snap.revision);
        match self.now.write() {
            Ok(mut g) => *g = snap,
            Err(poisoned) => *poisoned.into_inner() = snap,
        }
    }

    /// After a write of `plan` has committed: the snapshot made from the current one and what
    /// the plan touched is swapped in. The caller holds the write lock, so the current snapshot
    /// is the one the plan was made on.
    pub fn apply(&self, plan: Plan) -> Result<(), WebError> {
        let next = self.get().after(&self.store, plan)?;
        self.swap(Arc::new(next));
        Ok(())
    }

    /// After another process wrote `graphs` (a remote store's replica has them now): the
    /// snapshot made from the current one and the items those graphs hold, read again, is
    /// swapped in, as after a write of this process. The caller holds the write lock.
    pub fn apply_graphs(&self, graphs: &[oxigraph::model::NamedNode]) -> Result<(), WebError> {
        let snap = self.get();
        let iris = self.store.iris();
        let keys: BTreeSet<ItemKey> = graphs
            .iter()
            .filter_map(|g| iris.item_of(g.as_str()))
            .collect();
        let mut catalog = snap.all.clone();
        let (mut added, mut changed, mut removed) = (Vec::new(), Vec::new(), Vec::new());
        for key in keys {
            let was = catalog.contains(&key);
            catalog.remove(&key);
            match self.store.load_item(&key)? {
                Some(item) => {
                    catalog.extend(item);
                    if was { &mut changed } else { &mut added }.push(key);
                }
                None if was => removed.push(key),
                None => {}
            }
        }
        let plan = Plan::in_memory(catalog, added, changed, removed);
        let next = snap.after(&self.store, plan)?;
        self.swap(Arc::new(next));
        Ok(())
    }

    /// Re-reads the whole store (after a write made elsewhere) and swaps the snapshot in.
    pub fn refresh(&self) -> Result<(), WebError> {
        let revision = self.store.revision()?;
        let snap = Snapshot::read(&self.store, self.search_dir.as_deref(), revision)?;
        self.swap(Arc::new(snap));
        Ok(())
    }

    /// Keeps the current snapshot on disk (see `saved`) for a quick next start, unless it is
    /// kept already. The server calls it now and then and when it stops; a server killed
    /// before makes the next start read the store (the search index is kept at every write).
    pub fn save(&self) {
        use std::sync::atomic::Ordering;
        let Some(dir) = &self.search_dir else { return };
        let snap = self.get();
        if self.kept.load(Ordering::Acquire) == snap.revision {
            return;
        }
        saved::save(dir, &snap);
        self.kept.store(snap.revision, Ordering::Release);
    }
}

/// The cache key of the HTML page at `path` as `viewer` sees it.
pub fn page_key(viewer: Viewer, path: &str) -> String {
    viewer.key(&format!("page|{path}"))
}

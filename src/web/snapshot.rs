//! What the server answers from: one immutable snapshot of the catalogue in memory — the
//! items, when each last changed, the search index, and the serialised feeds once asked for.
//! It is read from the store when the server starts and replaced whole when a write commits,
//! so a request never sees half of a change, and no page reads the store item by item.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use actix_web::web::Bytes;
use sha2::{Digest, Sha256};

use crate::domain::Catalog;
use crate::search::SearchIndex;
use crate::store::CatalogStore;

use super::WebError;

/// Answers (serialised feeds, rendered item pages) kept per snapshot; when full, the cache is
/// emptied and refilled by the requests that follow.
const MAX_CACHED: usize = 512;

pub struct Snapshot {
    pub catalog: Catalog,
    /// `dct:modified` of every item, by item IRI.
    pub modified: BTreeMap<String, String>,
    /// Each item's frozen versions, by item IRI: (version, version IRI), oldest first.
    pub versions: BTreeMap<String, Vec<(String, String)>>,
    /// A hash of every item's IRI and modification time: changes exactly when content does.
    pub fingerprint: String,
    pub search: SearchIndex,
    /// What the feeds say about each data collection, worked out once.
    pub facts: crate::feed::Facts,
    /// Answers worked out from this snapshot, by request (a snapshot never changes).
    answers: Mutex<HashMap<String, Bytes>>,
}

impl Snapshot {
    pub fn load(
        store: &CatalogStore,
        search_dir: Option<&std::path::Path>,
    ) -> Result<Self, WebError> {
        let catalog = store.load_catalog()?;
        let modified = store.modified()?;
        let versions = store.versions()?;
        let mut h = Sha256::new();
        for (k, v) in &modified {
            h.update(k.as_bytes());
            h.update([0]);
            h.update(v.as_bytes());
            h.update([0]);
        }
        let fingerprint = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let facts = crate::feed::Facts::of(&catalog, &modified);
        let search = SearchIndex::build(&catalog, search_dir)
            .map_err(|e| WebError::Internal(e.to_string()))?;
        Ok(Self {
            catalog,
            modified,
            versions,
            fingerprint,
            search,
            facts,
            answers: Mutex::new(HashMap::new()),
        })
    }

    /// An answer kept earlier, if any.
    pub fn cached_get(&self, key: &str) -> Option<Bytes> {
        self.answers.lock().ok().and_then(|m| m.get(key).cloned())
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
        if let Ok(mut m) = self.answers.lock() {
            if m.len() >= MAX_CACHED {
                m.clear();
            }
            m.insert(key, body.clone());
        }
        Ok(Some(body))
    }
}

/// The current snapshot, swapped whole on refresh.
pub struct Current {
    store: Arc<CatalogStore>,
    search_dir: Option<PathBuf>,
    now: RwLock<Arc<Snapshot>>,
}

impl Current {
    pub fn load(store: Arc<CatalogStore>, search_dir: Option<PathBuf>) -> Result<Self, WebError> {
        let snap = Snapshot::load(&store, search_dir.as_deref())?;
        Ok(Self {
            store,
            search_dir,
            now: RwLock::new(Arc::new(snap)),
        })
    }

    pub fn get(&self) -> Arc<Snapshot> {
        match self.now.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Re-reads the store after a write has committed and swaps the snapshot in.
    pub fn refresh(&self) -> Result<(), WebError> {
        let snap = Arc::new(Snapshot::load(&self.store, self.search_dir.as_deref())?);
        match self.now.write() {
            Ok(mut g) => *g = snap,
            Err(poisoned) => *poisoned.into_inner() = snap,
        }
        Ok(())
    }
}

/// The cache key of the HTML page at `path`. A draft's page, which only signed-in editors may
/// see, is kept apart: the fast path that answers before any sign-in check never finds it.
pub fn page_key(path: &str, draft: bool) -> String {
    if draft {
        format!("draft|page|{path}")
    } else {
        format!("page|{path}")
    }
}

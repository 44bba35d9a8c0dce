//! What the server answers from: one immutable snapshot of the catalogue in memory — the
//! items, when each last changed, the search index, and the serialised feeds once asked for.
//! It is read from the store when the server starts and replaced whole when a write commits,
//! so a request never sees half of a change. The codes are held apart: at national scale they
//! are most of the catalogue, so the snapshot keeps each codebook's codes compressed (lz4 over
//! JSON, a tenth of their size as values) and unpacks one codebook when a page lists its codes;
//! the rendered page is then kept.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use actix_web::web::Bytes;
use lru::LruCache;
use sha2::{Digest, Sha256};

use crate::domain::{Catalog, Codebook, Counts, Id, ItemKey, ItemKind};
use crate::search::SearchIndex;
use crate::store::CatalogStore;

use super::WebError;

/// Answers (serialised feeds, rendered item and catalogue pages) kept per snapshot.
const MAX_ANSWERS: usize = 1024;
/// Rendered search results (and comparisons) kept per snapshot: the queries people repeat,
/// as they type and from links, are answered without searching again.
const MAX_SEARCHES: usize = 256;

pub struct Snapshot {
    /// Every item; codebooks without their codes (see [`Snapshot::codebook`]).
    pub catalog: Catalog,
    /// Each codebook's codes, compressed, with their number.
    codes: BTreeMap<Id, (usize, Box<[u8]>)>,
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
    answers: Answers,
    /// Search result pages, by path and query string (anonymous requests only).
    pub searches: Answers,
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
    pub fn load(
        store: &CatalogStore,
        search_dir: Option<&std::path::Path>,
    ) -> Result<Self, WebError> {
        let catalog = store.load_catalog_without_codes()?;
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
        // The codes are read one codebook at a time, indexed, and kept compressed.
        let mut packed = BTreeMap::new();
        let codes_of = |book: &Codebook| {
            let codes = store
                .codebook(&book.id)
                .map_err(|e| e.to_string())?
                .map(|b| b.codes)
                .unwrap_or_default();
            let json = serde_json::to_vec(&codes).map_err(|e| e.to_string())?;
            let bytes = lz4_flex::compress_prepend_size(&json).into_boxed_slice();
            packed.insert(book.id.clone(), (codes.len(), bytes));
            Ok(codes)
        };
        let search = SearchIndex::build_with(&catalog, codes_of, search_dir, store.revision()?)
            .map_err(|e| WebError::Internal(e.to_string()))?;
        Ok(Self {
            catalog,
            codes: packed,
            modified,
            versions,
            fingerprint,
            search,
            facts,
            answers: Answers::new(MAX_ANSWERS),
            searches: Answers::new(MAX_SEARCHES),
        })
    }

    /// Counts per kind, codes included.
    pub fn counts(&self) -> Counts {
        Counts {
            codes: self.codes.values().map(|(n, _)| n).sum(),
            ..self.catalog.counts()
        }
    }

    /// Codebook `id` with all its codes.
    pub fn codebook(&self, id: &Id) -> Result<Option<Codebook>, WebError> {
        let Some(book) = self.catalog.codebooks.get(id) else {
            return Ok(None);
        };
        let codes = match self.codes.get(id) {
            None => Vec::new(),
            Some((_, packed)) => {
                let json = lz4_flex::decompress_size_prepended(packed)
                    .map_err(|e| WebError::Internal(format!("codes of {id}: {e}")))?;
                serde_json::from_slice(&json)
                    .map_err(|e| WebError::Internal(format!("codes of {id}: {e}")))?
            }
        };
        Ok(Some(Codebook {
            codes,
            ..book.clone()
        }))
    }

    /// The catalogue with all the codes of `key` when it is a codebook: what an answer or a
    /// write about that one item works from (other codebooks stay without codes, on both
    /// sides of any comparison).
    pub fn catalog_for(&self, key: &ItemKey) -> Result<Cow<'_, Catalog>, WebError> {
        let Some(book) = self.codebook_under(key)? else {
            return Ok(Cow::Borrowed(&self.catalog));
        };
        let mut cat = self.catalog.clone();
        cat.codebooks.insert(book.id.clone(), book);
        Ok(Cow::Owned(cat))
    }

    /// A catalogue to answer about `key` alone: for a codebook, just that codebook with its
    /// codes (cheap, unlike [`Snapshot::catalog_for`], which copies the whole catalogue for a
    /// write that checks references).
    pub fn item_catalog(&self, key: &ItemKey) -> Result<Cow<'_, Catalog>, WebError> {
        if key.kind != ItemKind::Codebook {
            return Ok(Cow::Borrowed(&self.catalog));
        }
        let mut cat = Catalog::default();
        if let Some(book) = self.codebook_under(key)? {
            cat.codebooks.insert(book.id.clone(), book);
        }
        Ok(Cow::Owned(cat))
    }

    /// The codebook with its codes when `key` names one.
    pub fn codebook_under(&self, key: &ItemKey) -> Result<Option<Codebook>, WebError> {
        match Id::parse(&key.id) {
            Ok(id) if key.kind == ItemKind::Codebook => self.codebook(&id),
            _ => Ok(None),
        }
    }

    /// Every codebook with its codes (and nothing else).
    pub fn codebooks_with_codes(&self) -> Result<Catalog, WebError> {
        let mut cat = Catalog::default();
        for id in self.catalog.codebooks.keys() {
            if let Some(book) = self.codebook(id)? {
                cat.codebooks.insert(id.clone(), book);
            }
        }
        Ok(cat)
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

//! What the server answers from: one immutable snapshot of the catalogue in memory — the
//! items, when each last changed, the search index, and the serialised feeds once asked for.
//! It is read from the store when the server starts (or from what the last server kept on
//! disk at the same store revision, `saved`) and, after each write, made from the one before
//! and what the write touched (`update`); the new one is swapped in whole, so a request never
//! sees half of a change. The codes are held apart: at national scale they
//! are most of the catalogue, so the snapshot keeps each codebook's codes compressed (lz4 over
//! JSON, a tenth of their size as values) and unpacks one codebook when a page lists its codes;
//! the rendered page is then kept.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use actix_web::web::Bytes;
use lru::LruCache;
use sha2::{Digest, Sha256};

use crate::domain::{Catalog, Code, Codebook, Counts, Id, ItemKey, ItemKind};
use crate::import::Plan;
use crate::search::SearchIndex;
use crate::store::CatalogStore;

use super::WebError;
use super::visibility::{self, Hidden, Viewer};

mod saved;
mod update;

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
    pub modified: BTreeMap<String, String>,
    /// Each item's frozen versions, by item IRI: (version, version IRI), oldest first.
    pub versions: BTreeMap<String, Vec<(String, String)>>,
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

/// A codebook's codes as the snapshot keeps them: lz4 over JSON.
fn pack(codes: &[Code]) -> Result<Vec<u8>, WebError> {
    let json = serde_json::to_vec(codes).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(lz4_flex::compress_prepend_size(&json))
}

/// The revision and each item's IRI and modification time, hashed.
/// One `dct:modified` entry's share of the fingerprint.
fn entry_hash(iri: &str, modified: &str) -> u128 {
    let mut h = Sha256::new();
    h.update(iri.as_bytes());
    h.update([0]);
    h.update(modified.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    u128::from_be_bytes(b)
}

/// The order-free sum of every entry's hash: a write adds and subtracts what it changed, so
/// the fingerprint costs what the write touched, not the whole catalogue.
fn modified_sum(modified: &BTreeMap<String, String>) -> u128 {
    modified
        .iter()
        .fold(0u128, |sum, (k, v)| sum.wrapping_add(entry_hash(k, v)))
}

fn fingerprint(revision: u64, modified_sum: u128) -> String {
    let mut h = Sha256::new();
    h.update(revision.to_be_bytes());
    h.update(modified_sum.to_be_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Replaces every `dct:modified` entry of the item at `iri` (its own and those below it) by
/// `entries`, keeping `sum` the [`modified_sum`] of the map.
pub(super) fn replace_modified(
    modified: &mut BTreeMap<String, String>,
    sum: &mut u128,
    iri: &str,
    entries: impl IntoIterator<Item = (String, String)>,
) {
    let below = format!("{iri}/");
    let mut gone: Vec<String> = modified
        .range(below.clone()..)
        .take_while(|(k, _)| k.starts_with(&below))
        .map(|(k, _)| k.clone())
        .collect();
    gone.push(iri.to_owned());
    for k in gone {
        if let Some(v) = modified.remove(&k) {
            *sum = sum.wrapping_sub(entry_hash(&k, &v));
        }
    }
    for (k, v) in entries {
        *sum = sum.wrapping_add(entry_hash(&k, &v));
        if let Some(old) = modified.insert(k.clone(), v) {
            *sum = sum.wrapping_sub(entry_hash(&k, &old));
        }
    }
}

impl Snapshot {
    /// The snapshot of the store as it is: what a server kept in `search_dir`'s folder at this
    /// very revision when there is such a thing, else read from the store and indexed afresh.
    pub fn load(
        store: &CatalogStore,
        search_dir: Option<&std::path::Path>,
    ) -> Result<Self, WebError> {
        let revision = store.revision()?;
        if let Some(dir) = search_dir
            && let Some(snap) = saved::open(dir, revision, store.iris())?
        {
            tracing::info!(revision, "snapshot: opened what the last server kept");
            return Ok(snap);
        }
        Self::read(store, search_dir, revision)
    }

    /// Reads the whole store and indexes it.
    fn read(
        store: &CatalogStore,
        search_dir: Option<&std::path::Path>,
        revision: u64,
    ) -> Result<Self, WebError> {
        if let Some(dir) = search_dir
            && dir.exists()
        {
            // What a server kept there is of another revision (or an older layout).
            std::fs::remove_dir_all(dir).map_err(|e| WebError::Internal(e.to_string()))?;
        }
        let catalog = store.load_catalog_without_codes()?;
        let modified = store.modified()?;
        let versions = store.versions()?;
        let draft_versions = draft_versions(store)?;
        // The codes are read one codebook at a time, indexed, and kept compressed.
        let mut packed = BTreeMap::new();
        let codes_of = |book: &Codebook| {
            let codes = store
                .codebook(&book.id)
                .map_err(|e| e.to_string())?
                .map(|b| b.codes)
                .unwrap_or_default();
            let bytes = pack(&codes).map_err(|e| e.detail())?;
            packed.insert(book.id.clone(), (codes.len(), Arc::from(bytes)));
            Ok(codes)
        };
        let search = SearchIndex::build_with(
            &catalog,
            codes_of,
            search_dir.map(saved::index_dir).as_deref(),
            revision,
        )
        .map_err(|e| WebError::Internal(e.to_string()))?;
        let sum = modified_sum(&modified);
        let snap = Self::assemble(
            catalog,
            draft_versions,
            packed,
            (modified, sum),
            versions,
            |seen, modified| crate::feed::Facts::of(seen, modified),
            search,
            revision,
            store.iris(),
        );
        if let Some(dir) = search_dir {
            saved::save(dir, &snap);
        }
        Ok(snap)
    }

    /// A snapshot of `catalog` (the whole catalogue, codebooks without codes): the public
    /// catalogue is worked out here, and the feed facts (by `facts`) from what the public sees.
    #[allow(clippy::too_many_arguments)]
    fn assemble(
        catalog: Catalog,
        draft_versions: BTreeSet<String>,
        codes: BTreeMap<Id, (usize, Arc<[u8]>)>,
        (modified, sum): (BTreeMap<String, String>, u128),
        versions: BTreeMap<String, Vec<(String, String)>>,
        facts: impl FnOnce(&Catalog, &BTreeMap<String, String>) -> crate::feed::Facts,
        search: SearchIndex,
        revision: u64,
        iris: &crate::store::Iris,
    ) -> Self {
        let public = visibility::public_catalog(&catalog);
        let seen = public.as_ref().unwrap_or(&catalog);
        // Without drafts everything is visible: no copy of the whole map.
        let facts = match &public {
            None => facts(seen, &modified),
            Some(_) => facts(seen, &visibility::visible_modified(seen, iris, &modified)),
        };
        Self {
            all: catalog,
            public,
            draft_versions,
            codes,
            fingerprint: fingerprint(revision, sum),
            modified_sum: sum,
            modified,
            versions,
            revision,
            search,
            facts,
            answers: Answers::new(MAX_ANSWERS),
            searches: Answers::new(MAX_SEARCHES),
            described: Mutex::new(None),
            sparql: Mutex::new(None),
            candidates: crate::candidates::Kept::default(),
        }
    }

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

    /// Codebook `id` with all its codes, if `viewer` may see it.
    pub fn codebook(&self, viewer: Viewer, id: &Id) -> Result<Option<Codebook>, WebError> {
        let Some(book) = self.catalog(viewer).codebooks.get(id) else {
            return Ok(None);
        };
        Ok(Some(Codebook {
            codes: self.codes_of(id)?,
            ..book.clone()
        }))
    }

    /// The codes of codebook `id`, unpacked.
    fn codes_of(&self, id: &Id) -> Result<Vec<Code>, WebError> {
        match self.codes.get(id) {
            None => Ok(Vec::new()),
            Some((_, packed)) => {
                let json = lz4_flex::decompress_size_prepended(packed)
                    .map_err(|e| WebError::Internal(format!("codes of {id}: {e}")))?;
                serde_json::from_slice(&json)
                    .map_err(|e| WebError::Internal(format!("codes of {id}: {e}")))
            }
        }
    }

    /// The whole catalogue with every codebook's codes: what an import merges onto.
    pub fn catalog_with_codes(&self) -> Result<Catalog, WebError> {
        let mut cat = self.all.clone();
        let mut filled = Vec::new();
        for (id, book) in cat.codebooks.iter() {
            let mut book = book.clone();
            book.codes = self.codes_of(id)?;
            filled.push((id.clone(), book));
        }
        cat.codebooks.extend(filled);
        Ok(cat)
    }

    /// The whole catalogue with all the codes of `key` when it is a codebook: what a write
    /// about that one item (by an editor) or a comparison with it works from (other codebooks
    /// stay without codes, on both sides of any comparison).
    pub fn catalog_for(&self, viewer: Viewer, key: &ItemKey) -> Result<Cow<'_, Catalog>, WebError> {
        let Some(book) = self.codebook_under(viewer, key)? else {
            return Ok(Cow::Borrowed(self.catalog(viewer)));
        };
        let mut cat = self.catalog(viewer).clone();
        cat.codebooks.insert(book.id.clone(), book);
        Ok(Cow::Owned(cat))
    }

    /// A catalogue to answer about `key` alone: for a codebook, just that codebook with its
    /// codes (cheap, unlike [`Snapshot::catalog_for`], which copies the whole catalogue for a
    /// write that checks references).
    pub fn item_catalog(
        &self,
        viewer: Viewer,
        key: &ItemKey,
    ) -> Result<Cow<'_, Catalog>, WebError> {
        if key.kind != ItemKind::Codebook {
            return Ok(Cow::Borrowed(self.catalog(viewer)));
        }
        let mut cat = Catalog::default();
        if let Some(book) = self.codebook_under(viewer, key)? {
            cat.codebooks.insert(book.id.clone(), book);
        }
        Ok(Cow::Owned(cat))
    }

    /// The codebook with its codes when `key` names one `viewer` may see.
    pub fn codebook_under(
        &self,
        viewer: Viewer,
        key: &ItemKey,
    ) -> Result<Option<Codebook>, WebError> {
        match Id::parse(&key.id) {
            Ok(id) if key.kind == ItemKind::Codebook => self.codebook(viewer, &id),
            _ => Ok(None),
        }
    }

    /// Every codebook `viewer` sees, with its codes (and nothing else).
    pub fn codebooks_with_codes(&self, viewer: Viewer) -> Result<Catalog, WebError> {
        let mut cat = Catalog::default();
        for id in self.catalog(viewer).codebooks.keys() {
            if let Some(book) = self.codebook(viewer, id)? {
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

/// The frozen versions whose own status is draft: graphs that are not an item's own graph
/// and state `adms:status` draft.
fn draft_versions(store: &CatalogStore) -> Result<BTreeSet<String>, WebError> {
    use crate::store::vocab::adms;
    let draft = oxigraph::model::NamedNode::new(crate::store::terms::status_iri(
        crate::domain::Status::Draft,
    ))
    .map_err(|e| WebError::Internal(e.to_string()))?;
    let iris = store.iris();
    let mut out = BTreeSet::new();
    for q in
        store
            .raw()
            .quads_for_pattern(None, Some(adms::STATUS), Some(draft.as_ref().into()), None)
    {
        let q = q.map_err(|e| WebError::Internal(e.to_string()))?;
        if let oxigraph::model::GraphName::NamedNode(g) = q.graph_name
            && iris.item_of(g.as_str()).is_some_and(|k| iris.item(&k) != g)
        {
            out.insert(g.into_string());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_write_updates_the_fingerprint_as_a_fresh_sum_would() {
        let mut m = map(&[
            ("https://x/kodverk/kon", "1"),
            ("https://x/kodverk/kon-2", "1"),
            ("https://x/kodverk/kon/1", "1"),
            ("https://x/kodverk/kon/2", "1"),
            ("https://x/variabel/a", "1"),
        ]);
        let mut sum = modified_sum(&m);
        replace_modified(
            &mut m,
            &mut sum,
            "https://x/kodverk/kon",
            [
                ("https://x/kodverk/kon".to_owned(), "2".to_owned()),
                ("https://x/kodverk/kon/3".to_owned(), "2".to_owned()),
            ],
        );
        assert_eq!(
            m,
            map(&[
                ("https://x/kodverk/kon", "2"),
                ("https://x/kodverk/kon-2", "1"),
                ("https://x/kodverk/kon/3", "2"),
                ("https://x/variabel/a", "1"),
            ]),
            "the item's entries replaced, its neighbour kon-2 kept"
        );
        assert_eq!(sum, modified_sum(&m));
        assert_ne!(fingerprint(7, sum), fingerprint(8, sum));
    }
}

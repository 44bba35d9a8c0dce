//! Making a snapshot: from what the last server kept on disk at this revision (`saved`), or
//! read from the store and indexed afresh; and the frozen versions that are drafts.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use crate::domain::{Catalog, Codebook, Id, Modified, Versions};
use crate::search::SearchIndex;
use crate::store::CatalogStore;

use super::super::WebError;
use super::super::visibility;
use super::{Answers, MAX_ANSWERS, MAX_SEARCHES, Snapshot, fingerprint, modified_sum, pack, saved};

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
    pub(super) fn read(
        store: &CatalogStore,
        search_dir: Option<&std::path::Path>,
        revision: u64,
    ) -> Result<Self, WebError> {
        if let Some(dir) = search_dir
            && dir.exists()
        {
            // What a server kept there is of another revision (or an older layout).
            std::fs::remove_dir_all(dir)?;
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
        )?;
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
    pub(super) fn assemble(
        catalog: Catalog,
        draft_versions: BTreeSet<String>,
        codes: BTreeMap<Id, (usize, Arc<[u8]>)>,
        (modified, sum): (Modified, u128),
        versions: Versions,
        facts: impl FnOnce(&Catalog, &Modified) -> crate::feed::Facts,
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
}

/// The frozen versions whose own status is draft: graphs that are not an item's own graph
/// and state `adms:status` draft.
pub(super) fn draft_versions(store: &CatalogStore) -> Result<BTreeSet<String>, WebError> {
    use crate::store::vocab::adms;
    let draft = oxigraph::model::NamedNode::new(crate::store::terms::status_iri(
        crate::domain::Status::Draft,
    ))?;
    let iris = store.iris();
    let mut out = BTreeSet::new();
    for q in
        store
            .raw()
            .quads_for_pattern(None, Some(adms::STATUS), Some(draft.as_ref().into()), None)
    {
        let q = q?;
        // The version's own status (its subject is the version), not a registration's.
        if let oxigraph::model::GraphName::NamedNode(g) = q.graph_name
            && q.subject == oxigraph::model::NamedOrBlankNode::from(g.clone())
            && iris.item_of(g.as_str()).is_some_and(|k| iris.item(&k) != g)
        {
            out.insert(g.into_string());
        }
    }
    Ok(out)
}

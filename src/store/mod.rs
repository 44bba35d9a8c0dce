//! The RDF store behind one type, `CatalogStore`: this module opens the embedded oxigraph
//! store (on disk, or in memory for tests) or a remote SPARQL 1.1 store (`remote`: the engine
//! is the source of truth, read through a replica in memory) and checks its base IRI; `read` reads the catalogue
//! back as domain values, `write` applies an import's changes in one commit, `serialise` turns
//! items into quads and graphs into RDF files. Called by `import`, `feed`, `quality`, `web`,
//! `governance`, `workspace` and `cli`.

pub mod coverage;
mod from_rdf;
pub mod harmonisation;
mod iris;
pub mod mappings;
mod read;
pub mod registrations;
mod remote;
mod serialise;
mod state;
pub mod terms;
mod to_rdf;
mod versions;
mod write;
pub use versions::dcat3 as dcat3_versions;
pub mod vocab;

use std::path::Path;

use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, Literal, NamedNodeRef, QuadRef};
use oxigraph::store::{StorageError, Store};

use crate::domain::{Catalog, ItemKey};

pub use from_rdf::DecodeError;
pub use iris::{
    BaseIriError, Iris, encode as encode_path_segment, item_path, organisation as organisation_iri,
    orgnr_of as orgnr_of_iri, variables_path,
};
pub use remote::RemoteConfig;
pub use serialise::{item_quads, ntriples, with_prefixes};
pub use state::ItemState;
pub use to_rdf::GraphBuilder;
pub use versions::version_iri;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("RDF store: {0}")]
    Storage(#[from] StorageError),
    #[error("stored item cannot be read: {0}")]
    Decode(#[from] DecodeError),
    #[error(
        "this data directory was created for base IRI {stored}, not {requested}; \
         leave out --base-iri and VARCAT_BASE_IRI to use it, or use another --data-dir"
    )]
    BaseMismatch { stored: String, requested: String },
    #[error("writing RDF: {0}")]
    Serialize(#[from] std::io::Error),
    /// The work run just before the commit failed; nothing was written.
    #[error("{0}")]
    Aborted(String),
    #[error(
        "the catalogue store {0} is open in another varcat process (is `varcat serve` running?); \
         stop it and try again"
    )]
    Locked(String),
    /// The remote SPARQL store did not answer, or refused; nothing was written.
    #[error("{0}")]
    Remote(String),
    /// The remote SPARQL store was sent a write and could not be asked afterwards whether it
    /// applied it; the write stays recorded as pending until it can be (`workspace::settle`).
    #[error(
        "{0}; whether the SPARQL store applied the write is not known yet: it is settled by \
         the next write or start once the store answers"
    )]
    Uncertain(String),
    /// Another process wrote to the remote store since this one read it.
    #[error(
        "the catalogue was changed through another server (the store is at revision {engine}, \
         this server has read {local}); try again in a moment"
    )]
    Stale { engine: u64, local: u64 },
}

/// Removes the sort files of a bulk load that a killed process left in the store folder
/// (`bulk-*.sst`, up to tens of MB each). Called with the store opened read-write, so no load
/// of this store runs; a file that was ingested is only a second name of RocksDB's own copy.
fn remove_stale_bulk_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            match std::fs::remove_file(e.path()) {
                Ok(()) => {
                    tracing::info!(file = %name, "removed a bulk-load file left by an interrupted import")
                }
                Err(err) => {
                    tracing::warn!(file = %name, %err, "cannot remove a stale bulk-load file")
                }
            }
        }
    }
}

/// The catalogue's RDF store.
pub struct CatalogStore {
    /// The embedded store, or the replica of the remote one: every read goes here.
    store: Store,
    iris: Iris,
    /// The remote store whose replica `store` is, if any.
    remote: Option<remote::Remote>,
}

/// What bringing a remote store's replica up to date changed.
#[derive(Debug, PartialEq, Eq)]
pub enum Synced {
    /// Nothing: the replica was at the engine's revision.
    Nothing,
    /// These graphs, replaced by their content at the engine (a graph gone: removed).
    Graphs(Vec<oxigraph::model::NamedNode>),
    /// Everything: the replica was loaded again whole.
    Whole,
}

/// What one import changes: the new catalogue and the keys to write or remove.
pub struct ChangeSet<'a> {
    pub catalog: &'a Catalog,
    pub upserts: Vec<ItemKey>,
    pub removals: Vec<ItemKey>,
}

/// The subject in the default graph that records store-level settings.
const STORE_NODE: NamedNodeRef<'static> = NamedNodeRef::new_unchecked("urn:varcat:store");

/// The base IRI a store records (written when it was created).
fn stored_base(store: &Store) -> Result<Option<String>, StoreError> {
    Ok(store
        .quads_for_pattern(
            Some(STORE_NODE.into()),
            Some(vocab::varcat::BASE_IRI),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .transpose()?
        .map(|q| match q.object {
            oxigraph::model::Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        }))
}

impl CatalogStore {
    /// Opens (or creates) the on-disk store and checks that it belongs to this base IRI.
    pub fn open(dir: &Path, iris: Iris) -> Result<Self, StoreError> {
        let store = Store::open(dir).map_err(|e| {
            if e.to_string().contains("LOCK") {
                StoreError::Locked(dir.display().to_string())
            } else {
                StoreError::Storage(e)
            }
        })?;
        remove_stale_bulk_files(dir);
        let this = Self {
            store,
            iris,
            remote: None,
        };
        this.check_base()?;
        Ok(this)
    }

    /// The store's revision: the number of writes committed to it (0 for a new store). Each
    /// write commits the next revision together with its content, so the operational database,
    /// which records the revision a write makes before the store commits, can tell after a
    /// crash whether the write is in the store (see `workspace::settle`).
    pub fn revision(&self) -> Result<u64, StoreError> {
        let mut max = 0;
        for q in self.store.quads_for_pattern(
            Some(STORE_NODE.into()),
            Some(vocab::varcat::REVISION),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let oxigraph::model::Term::Literal(l) = q?.object
                && let Ok(n) = l.value().parse::<u64>()
            {
                max = max.max(n);
            }
        }
        Ok(max)
    }

    /// A store in memory, for tests.
    pub fn in_memory(iris: Iris) -> Result<Self, StoreError> {
        let this = Self {
            store: Store::new()?,
            iris,
            remote: None,
        };
        this.check_base()?;
        Ok(this)
    }

    /// A store in memory holding `nquads` (a copy of a store's content, as `write_all`
    /// writes it), for reading while another process holds the store itself.
    pub fn in_memory_from_nquads(iris: Iris, nquads: &[u8]) -> Result<Self, StoreError> {
        let store = Store::new()?;
        store
            .load_from_reader(RdfFormat::NQuads, nquads)
            .map_err(|e| StoreError::Aborted(format!("the catalogue copy cannot be read: {e}")))?;
        let this = Self {
            store,
            iris,
            remote: None,
        };
        this.check_base()?;
        Ok(this)
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    pub fn raw(&self) -> &Store {
        &self.store
    }

    /// The base IRI the store at `dir` records, or `None` for a store that records none
    /// (or no store there). For a caller that was given no base IRI: it opens the store only
    /// for this, so it fails while another process holds it.
    pub fn recorded_base(dir: &Path) -> Result<Option<String>, StoreError> {
        if !dir.is_dir() {
            return Ok(None);
        }
        let store = Store::open(dir).map_err(|e| {
            if e.to_string().contains("LOCK") {
                StoreError::Locked(dir.display().to_string())
            } else {
                StoreError::Storage(e)
            }
        })?;
        stored_base(&store)
    }

    fn check_base(&self) -> Result<(), StoreError> {
        let requested = self.iris.base().to_owned();
        match stored_base(&self.store)? {
            Some(stored) if stored != requested => {
                Err(StoreError::BaseMismatch { stored, requested })
            }
            Some(_) => Ok(()),
            None => {
                let base = Literal::new_simple_literal(requested);
                let quad = QuadRef::new(
                    STORE_NODE,
                    vocab::varcat::BASE_IRI,
                    &base,
                    GraphNameRef::DefaultGraph,
                );
                if let Some(remote) = &self.remote {
                    let mut update = remote::UpdateText::default();
                    update.insert_default(&[quad.into_owned()])?;
                    remote.update(&update)?;
                }
                self.store.insert(quad)?;
                Ok(())
            }
        }
    }

    /// Opens the remote SPARQL store `config` names: its whole content is read into a replica
    /// in memory, and its base IRI checked (recorded there when it records none).
    pub fn open_remote(config: RemoteConfig, iris: Iris) -> Result<Self, StoreError> {
        let remote = remote::Remote::new(config);
        let store = Store::new()?;
        let t = std::time::Instant::now();
        remote.load_into(&store)?;
        tracing::info!(elapsed = ?t.elapsed(), quads = store.len()?, "store: replica of the SPARQL store loaded");
        let this = Self {
            store,
            iris,
            remote: Some(remote),
        };
        this.check_base()?;
        Ok(this)
    }

    /// Says that the writes this process makes from now on are planned on the catalogue at
    /// `revision` (the server's snapshot): a write to a remote store is refused unless the
    /// engine is still there, even when the replica has moved on (a snapshot that could not be
    /// refreshed). Without it (the command line) writes are planned on the replica.
    pub fn plans_made_at(&self, revision: u64) {
        if let Some(remote) = &self.remote {
            remote
                .planned_at
                .store(revision, std::sync::atomic::Ordering::Release);
        }
    }

    /// Whether the content lives in a remote SPARQL store.
    pub fn is_remote(&self) -> bool {
        self.remote.is_some()
    }

    /// The revision of the store's source of truth: the embedded store's own (as
    /// [`revision`](Self::revision)), or the remote engine's, asked now. A write takes the next
    /// one; pending writes are settled against it.
    pub fn source_revision(&self) -> Result<u64, StoreError> {
        match &self.remote {
            Some(remote) => remote.revision(),
            None => self.revision(),
        }
    }

    /// Brings the replica of a remote store up to the engine's revision (another process
    /// wrote); what changed. Nothing to do for the embedded store. The caller holds the
    /// writer's lock, so no write of this process runs meanwhile.
    pub fn sync(&self) -> Result<Synced, StoreError> {
        match &self.remote {
            Some(remote) => remote.catch_up(&self.store, self.revision()?),
            None => Ok(Synced::Nothing),
        }
    }
}

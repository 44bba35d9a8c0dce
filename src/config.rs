//! Settings: where the data lives and which base IRI the catalogue's IRIs are built from.
//! Both come from the command line or the environment (`VARCAT_DATA_DIR`, `VARCAT_BASE_IRI`);
//! once a data directory exists it records its base IRI (in its store, and in the file
//! `base-iri` for commands that do not open the store), which is used when none is given.

use std::path::{Path, PathBuf};

/// The base IRI of a new data directory when none is configured: item IRIs then resolve on the
/// local server that `make run` starts. A deployment sets its own public base once, with
/// `varcat init --base-iri`; later commands use the one the data directory records.
pub const DEFAULT_BASE_IRI: &str = "http://127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./data";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
/// Sveriges Kommuner och Regioner, which runs the joint health-data project.
pub const DEFAULT_PUBLISHER: &str = "222000-0315";
/// dataportal.se harvests large catalogues more reliably in parts.
pub const DEFAULT_MAX_DATASETS: usize = 1000;

/// The files inside a data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    pub root: PathBuf,
    /// A PostgreSQL URL for the operational database instead of the SQLite file.
    pub database_url: Option<String>,
    /// A remote SPARQL store for the catalogue content instead of the embedded one.
    pub remote_store: Option<crate::store::RemoteConfig>,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            database_url: None,
            remote_store: None,
        }
    }

    /// Keeps the catalogue content in the remote SPARQL store `config` names.
    pub fn with_remote_store(mut self, config: Option<crate::store::RemoteConfig>) -> Self {
        self.remote_store = config;
        self
    }

    /// Keeps the operational database in PostgreSQL at `url` (`postgres://…`).
    pub fn with_database_url(mut self, url: Option<String>) -> Self {
        self.database_url = url.filter(|u| !u.is_empty());
        self
    }

    /// The oxigraph (RocksDB) store.
    pub fn store(&self) -> PathBuf {
        self.root.join("store")
    }

    /// The search index, rebuilt from the store each time the server starts.
    pub fn search_index(&self) -> PathBuf {
        self.root.join("search")
    }

    /// Frozen catalogue releases (`varcat release`).
    pub fn releases(&self) -> PathBuf {
        self.root.join("releases")
    }

    /// The file recording the base IRI the data directory was created for (one line).
    pub fn base_iri_file(&self) -> PathBuf {
        self.root.join("base-iri")
    }

    /// The base IRI the data directory's file records, if it has the file.
    pub fn recorded_base_iri(&self) -> std::io::Result<Option<String>> {
        match std::fs::read_to_string(self.base_iri_file()) {
            Ok(s) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Records `base` as the data directory's base IRI in its file.
    pub fn record_base_iri(&self, base: &str) -> std::io::Result<()> {
        std::fs::write(self.base_iri_file(), format!("{base}\n"))
    }

    /// The SQLite operational database.
    pub fn database(&self) -> PathBuf {
        self.root.join("varcat.sqlite")
    }

    pub fn exists(&self) -> bool {
        let store = self.remote_store.is_some() || self.store().is_dir();
        store && (self.database_url.is_some() || self.database().is_file())
    }

    pub fn path(&self) -> &Path {
        &self.root
    }
}

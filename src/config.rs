//! Settings: where the data lives and which base IRI the catalogue's IRIs are built from.
//! Both come from the command line or the environment (`VARCAT_DATA_DIR`, `VARCAT_BASE_IRI`).

use std::path::{Path, PathBuf};

/// The base IRI used when none is configured: item IRIs then resolve on the local server
/// that `make run` starts. A deployment sets its own public base once, before the first import.
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
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            database_url: None,
        }
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

    /// The SQLite operational database.
    pub fn database(&self) -> PathBuf {
        self.root.join("varcat.sqlite")
    }

    pub fn exists(&self) -> bool {
        self.store().is_dir() && (self.database_url.is_some() || self.database().is_file())
    }

    pub fn path(&self) -> &Path {
        &self.root
    }
}

//! The `varcat` command line: global options and one module per subcommand, each with its
//! `Opts` and `run`. Errors are returned as `anyhow` errors; `main` prints them and exits 1.

mod audit;
mod check;
mod diff;
mod export;
mod import;
mod init;
mod linkcheck;
mod quality;
mod release;
pub mod remote;
mod serve;
mod stats;
mod template;
mod token;
mod validate;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{DEFAULT_BASE_IRI, DEFAULT_DATA_DIR, DataDir};
use crate::store::{CatalogStore, Iris, RemoteConfig, StoreError};
use crate::workspace::Workspace;

#[derive(Debug, Parser)]
#[command(
    name = "varcat",
    version,
    about = "The national catalogue of health-data variables (Sveriges regioner)",
    long_about = "varcat keeps the catalogue of health-data variables, codebooks, use cases and data \
                  collections in an RDF store, imports the specification spreadsheets that variable \
                  owners keep, exports them back, and serves the catalogue over HTTP."
)]
pub struct Cli {
    /// Directory holding the RDF store and the operational database.
    #[arg(long, global = true, env = "VARCAT_DATA_DIR", default_value = DEFAULT_DATA_DIR)]
    pub data_dir: PathBuf,

    /// Base IRI that item IRIs are built from. A new data directory takes it (default
    /// http://127.0.0.1:8080) and keeps it: later commands use the one it records and refuse
    /// a different one.
    #[arg(long, global = true, env = "VARCAT_BASE_IRI")]
    pub base_iri: Option<String>,

    /// Keep the operational database (import runs, audit log, tokens) in PostgreSQL at this
    /// URL (postgres://user@host/db) instead of the SQLite file in the data directory.
    #[arg(
        long,
        global = true,
        env = "VARCAT_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,

    /// Keep the catalogue content in the SPARQL 1.1 store at this base URL (an Oxigraph
    /// server's, e.g. http://127.0.0.1:7878) instead of the embedded store in the data
    /// directory; its endpoints are {URL}/query, {URL}/update and {URL}/store unless given
    /// below. Basic authentication from VARCAT_STORE_USER and VARCAT_STORE_PASSWORD.
    #[arg(long, global = true, env = "VARCAT_STORE_URL", hide_env_values = true)]
    pub store_url: Option<String>,

    /// The remote store's SPARQL 1.1 query endpoint (default {store URL}/query).
    #[arg(long, global = true, env = "VARCAT_STORE_QUERY_URL")]
    pub store_query_url: Option<String>,

    /// The remote store's SPARQL 1.1 update endpoint (default {store URL}/update).
    #[arg(long, global = true, env = "VARCAT_STORE_UPDATE_URL")]
    pub store_update_url: Option<String>,

    /// The remote store's Graph Store Protocol endpoint (default {store URL}/store), read
    /// once when varcat opens the store (a query is used where it cannot give the dataset).
    #[arg(long, global = true, env = "VARCAT_STORE_GRAPH_STORE_URL")]
    pub store_graph_store_url: Option<String>,

    /// Seconds one request to the remote store may take.
    #[arg(
        long,
        global = true,
        env = "VARCAT_STORE_TIMEOUT",
        default_value_t = 120
    )]
    pub store_timeout: u64,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the data directory (store and database); safe to run again.
    Init(init::Opts),
    /// Import an xlsx or ods workbook, a CSV file or folder, or a SKOS file (Turtle, RDF/XML).
    Import(import::Opts),
    /// Write the catalogue as xlsx, a CSV folder, Turtle or N-Quads.
    Export(export::Opts),
    /// Freeze the catalogue as a named release and print what changed since the last one.
    Release(release::Opts),
    /// Show what changed between two catalogues (releases, `current`, or files).
    Diff(diff::Opts),
    /// Serve the catalogue over HTTP.
    Serve(serve::Opts),
    /// Print the number of items of each kind.
    Stats(stats::Opts),
    /// Write the empty spreadsheet template (all sheets and headings).
    Template(template::Opts),
    /// Check a feed (this catalogue's, a file or a URL) against the official SHACL shapes.
    Validate(validate::Opts),
    /// Check that every link the feeds name answers (access and download URLs, landing pages,
    /// conformsTo, foaf:page, endpoint descriptions) and keep the results with their date.
    Linkcheck(linkcheck::Opts),
    /// Check a region's extract against a collection's specification; no value is ever
    /// printed, stored or sent (exit code 0 conformant, 1 violations, 2 unusable input).
    #[command(long_about = check::LONG_ABOUT)]
    Check(check::Opts),
    /// Create, list and revoke the API's bearer tokens.
    Token(token::Opts),
    /// List recent audit-log entries (imports and API writes), newest first.
    Audit(audit::Opts),
}

/// How the feeds describe the catalogue itself.
#[derive(Debug, Clone, clap::Args)]
pub struct FeedArgs {
    /// Organisationsnummer of the organisation that publishes the catalogue.
    #[arg(long, env = "VARCAT_PUBLISHER", default_value = crate::config::DEFAULT_PUBLISHER)]
    pub publisher: String,
    /// Datasets per sub-catalogue (dct:hasPart, for dataportal.se) and per Hydra page (`?page=`,
    /// for CKAN and piveau) when the catalogue has more.
    #[arg(long, env = "VARCAT_MAX_DATASETS", default_value_t = crate::config::DEFAULT_MAX_DATASETS)]
    pub max_datasets: usize,
}

impl FeedArgs {
    pub fn settings(&self) -> anyhow::Result<crate::feed::FeedSettings> {
        let publisher = crate::domain::OrgNr::parse(&self.publisher)
            .context("--publisher / VARCAT_PUBLISHER")?;
        Ok(crate::feed::FeedSettings {
            publisher,
            max_datasets: self.max_datasets.max(1),
        })
    }
}

impl Cli {
    /// The base IRI: the one given (`--base-iri` or `VARCAT_BASE_IRI`), which must be the one
    /// the data directory records if it records one; else the recorded one; else the default.
    fn iris(&self) -> anyhow::Result<Iris> {
        let dir = self.data_dir();
        let recorded = recorded_base(&dir)?;
        match (&self.base_iri, recorded) {
            (Some(given), recorded) => {
                let iris = Iris::new(given).context("--base-iri / VARCAT_BASE_IRI")?;
                if let Some(stored) = recorded.filter(|r| r != iris.base()) {
                    return Err(StoreError::BaseMismatch {
                        stored,
                        requested: iris.base().to_owned(),
                    }
                    .into());
                }
                Ok(iris)
            }
            (None, Some(stored)) => Iris::new(&stored)
                .with_context(|| format!("the base IRI that {} records", dir.path().display())),
            (None, None) => Ok(Iris::new(DEFAULT_BASE_IRI)?),
        }
    }

    fn data_dir(&self) -> DataDir {
        DataDir::new(&self.data_dir)
            .with_database_url(self.database_url.clone())
            .with_remote_store(self.remote_store())
    }

    /// The remote store the options and the environment name, if any.
    fn remote_store(&self) -> Option<RemoteConfig> {
        let base = self.store_url.as_deref().filter(|u| !u.trim().is_empty())?;
        let mut config = RemoteConfig::new(base);
        let given = |o: &Option<String>| o.clone().filter(|u| !u.trim().is_empty());
        if let Some(u) = given(&self.store_query_url) {
            config.query = u;
        }
        if let Some(u) = given(&self.store_update_url) {
            config.update = u;
        }
        if let Some(u) = given(&self.store_graph_store_url) {
            config.graph_store = u;
        }
        if let Ok(user) = std::env::var("VARCAT_STORE_USER") {
            let password = std::env::var("VARCAT_STORE_PASSWORD").unwrap_or_default();
            config.auth = Some((user, password));
        }
        config.timeout = std::time::Duration::from_secs(self.store_timeout.max(1));
        Some(config)
    }

    fn open(&self) -> anyhow::Result<Workspace> {
        let ws = Workspace::open(&self.data_dir(), self.iris()?)?;
        record_base(&self.data_dir(), ws.store.iris())?;
        Ok(ws)
    }

    /// The data directory for reading: opened as it is, or, while a running server holds
    /// its store, with a copy of the catalogue read from that server (`GET /api/dump`, one
    /// consistent state) in memory beside the same operational database. Nothing may be
    /// written through it.
    fn open_read(&self) -> anyhow::Result<Workspace> {
        match self.open() {
            Err(e) if held_by_server(&e) => {
                let dir = self.data_dir();
                let Some(server) = remote::local(dir.path()) else {
                    return Err(e);
                };
                eprintln!(
                    "varcat: reading the catalogue from the server at {}",
                    server.url
                );
                let (base, nquads) = remote::dump(&server)?;
                let iris = Iris::new(&base).context("the server's base IRI")?;
                let store = crate::store::CatalogStore::in_memory_from_nquads(iris, &nquads)?;
                let db = crate::db::Db::open_in(&dir)?;
                Ok(Workspace { store, db })
            }
            other => other,
        }
    }
}

/// An exit code other than 1 (`varcat check`: 1 for violations, 2 for unusable input), with
/// the message to print, if any.
#[derive(Debug, thiserror::Error)]
#[error("{}", message.as_deref().unwrap_or_default())]
pub struct Exit {
    pub code: u8,
    pub message: Option<String>,
}

impl Exit {
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Self {
            code,
            message: Some(message.into()),
        }
    }

    /// Exits with `code`, printing nothing more.
    pub fn quiet(code: u8) -> Self {
        Self {
            code,
            message: None,
        }
    }
}

/// Whether an error opening the data directory says a running server holds its store.
fn held_by_server(e: &anyhow::Error) -> bool {
    matches!(
        e.downcast_ref::<crate::workspace::WorkspaceError>(),
        Some(crate::workspace::WorkspaceError::Store(
            crate::store::StoreError::Locked(_)
        ))
    )
}

/// The base IRI a data directory records: in its file, or (a directory made before the file
/// existed) in its store. A store held by a running server cannot be read; then none.
fn recorded_base(dir: &DataDir) -> anyhow::Result<Option<String>> {
    let file = dir
        .recorded_base_iri()
        .with_context(|| format!("reading {}", dir.base_iri_file().display()))?;
    if file.is_some() {
        return Ok(file);
    }
    match CatalogStore::recorded_base(&dir.store()) {
        Ok(base) => Ok(base),
        Err(StoreError::Locked(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Writes the data directory's base IRI file when it lacks one, for the commands that do not
/// open the store (`token`, `audit`).
fn record_base(dir: &DataDir, iris: &Iris) -> anyhow::Result<()> {
    if dir.recorded_base_iri()?.is_none() {
        dir.record_base_iri(iris.base())
            .with_context(|| format!("writing {}", dir.base_iri_file().display()))?;
    }
    Ok(())
}

/// Opens only the operational database (not the store, which a running server holds);
/// refuses a base IRI other than the data directory's.
fn open_db(cli: &Cli) -> anyhow::Result<crate::db::Db> {
    let dir = cli.data_dir();
    if !dir.exists() {
        anyhow::bail!(
            "no catalogue in {}; run `varcat init` first (or pass --data-dir)",
            dir.path().display()
        );
    }
    cli.iris()?;
    Ok(crate::db::Db::open_in(&dir)?)
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Init(o) => init::run(&cli, o),
        Command::Import(o) => import::run(&cli, o),
        Command::Export(o) => export::run(&cli, o),
        Command::Serve(o) => serve::run(&cli, o),
        Command::Release(o) => release::run(&cli, o),
        Command::Diff(o) => diff::run(&cli, o),
        Command::Stats(o) => stats::run(&cli, o),
        Command::Template(o) => template::run(o),
        Command::Validate(o) => validate::run(&cli, o),
        Command::Linkcheck(o) => linkcheck::run(&cli, o),
        Command::Check(o) => check::run(&cli, o),
        Command::Token(o) => token::run(&cli, o),
        Command::Audit(o) => audit::run(&cli, o),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}

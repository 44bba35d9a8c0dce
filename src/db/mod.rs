//! The operational database (diesel; SQLite by default, in a file beside the store): import
//! runs with every error, an audit entry per item an import or an API write created, changed,
//! removed or moved to another status, API tokens (hashes only) and status changes.
//! Migrations are embedded and run on open. The schema keeps to types PostgreSQL shares
//! (text timestamps, 64-bit ids), so a PostgreSQL backend can serve the same code.

mod compact;
mod governance;
mod models;
mod schema;

use std::path::Path;

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub use models::{
    ApiToken, AuditEntry, ImportRun, NewApiToken, NewAuditEntry, NewImportError, NewImportRun,
    NewStatusChange, StatusChange,
};

const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Diesel(#[from] diesel::result::Error),
    #[error("cannot open the database {path}: {source}")]
    Connect {
        path: String,
        source: diesel::ConnectionError,
    },
    #[error("database migration failed: {0}")]
    Migration(String),
    /// The work done inside a transaction failed; the transaction was rolled back.
    #[error("{0}")]
    Aborted(String),
    /// The record clashes with one that exists (a token name already taken).
    #[error("{0}")]
    Conflict(String),
}

pub struct Db {
    conn: SqliteConnection,
}

/// The audit log of one import run, open inside the run's transaction.
pub struct AuditLog<'c> {
    conn: &'c mut SqliteConnection,
    run_id: i64,
}

impl AuditLog<'_> {
    /// Inserts entries under the run, 500 rows a statement.
    pub fn insert(&mut self, entries: Vec<NewAuditEntry>) -> Result<(), DbError> {
        let entries: Vec<NewAuditEntry> = entries
            .into_iter()
            .map(|a| NewAuditEntry {
                run_id: Some(self.run_id),
                ..a
            })
            .collect();
        for chunk in entries.chunks(500) {
            diesel::insert_into(schema::audit_log::table)
                .values(chunk)
                .execute(self.conn)?;
        }
        Ok(())
    }
}

impl Db {
    /// Opens (or creates) the SQLite database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        let url = path.to_string_lossy().into_owned();
        Self::connect(&url)
    }

    /// A private in-memory database, for tests.
    pub fn in_memory() -> Result<Self, DbError> {
        Self::connect(":memory:")
    }

    fn connect(url: &str) -> Result<Self, DbError> {
        let mut conn = SqliteConnection::establish(url).map_err(|source| DbError::Connect {
            path: url.to_owned(),
            source,
        })?;
        diesel::sql_query("PRAGMA foreign_keys = ON").execute(&mut conn)?;
        diesel::sql_query("PRAGMA busy_timeout = 5000").execute(&mut conn)?;
        if url != ":memory:" {
            diesel::sql_query("PRAGMA journal_mode = WAL").execute(&mut conn)?;
        }
        conn.run_pending_migrations(MIGRATIONS)
            .map_err(|e| DbError::Migration(e.to_string()))?;
        Ok(Self { conn })
    }

    /// Records an import run with its errors in one transaction, running `apply` (the store
    /// write) inside it with the run's audit log to insert into: if `apply` fails, nothing is
    /// recorded. The audit entries are inserted from inside `apply` so that an import can
    /// build them while the store loads and insert them just before the store commits.
    pub fn record_import(
        &mut self,
        run: &NewImportRun,
        errors: &[(String, Option<i32>, Option<String>, String)],
        apply: impl FnOnce(&mut AuditLog<'_>) -> Result<(), String>,
    ) -> Result<i64, DbError> {
        self.conn.transaction::<i64, DbError, _>(|c| {
            use schema::import_runs::dsl as r;
            let id: i64 = diesel::insert_into(r::import_runs)
                .values(run)
                .returning(r::id)
                .get_result(c)?;
            let errs: Vec<NewImportError> = errors
                .iter()
                .map(|(place, row, col, msg)| NewImportError {
                    run_id: id,
                    place: place.clone(),
                    row_number: *row,
                    column_name: col.clone(),
                    message: msg.clone(),
                })
                .collect();
            for chunk in errs.chunks(500) {
                diesel::insert_into(schema::import_errors::table)
                    .values(chunk)
                    .execute(c)?;
            }
            apply(&mut AuditLog {
                conn: c,
                run_id: id,
            })
            .map_err(DbError::Aborted)?;
            Ok(id)
        })
    }

    pub fn recent_runs(&mut self, limit: i64) -> Result<Vec<ImportRun>, DbError> {
        use schema::import_runs::dsl as r;
        Ok(r::import_runs
            .order(r::id.desc())
            .limit(limit)
            .select(ImportRun::as_select())
            .load(&mut self.conn)?)
    }

    pub fn run_errors(&mut self, run: i64) -> Result<Vec<String>, DbError> {
        use schema::import_errors::dsl as e;
        Ok(e::import_errors
            .filter(e::run_id.eq(run))
            .order(e::id)
            .select(e::message)
            .load(&mut self.conn)?)
    }

    pub fn recent_audit(&mut self, limit: i64) -> Result<Vec<AuditEntry>, DbError> {
        use schema::audit_log::dsl as a;
        let entries: Vec<AuditEntry> = a::audit_log
            .order(a::id.desc())
            .limit(limit)
            .select(AuditEntry::as_select())
            .load(&mut self.conn)?;
        Ok(entries.into_iter().map(AuditEntry::expanded).collect())
    }

    pub fn audit_for(&mut self, iri: &str) -> Result<Vec<AuditEntry>, DbError> {
        use schema::audit_log::dsl as a;
        let entries: Vec<AuditEntry> = a::audit_log
            .filter(a::item_iri.eq(iri))
            .order(a::id.desc())
            .select(AuditEntry::as_select())
            .load(&mut self.conn)?;
        Ok(entries.into_iter().map(AuditEntry::expanded).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(outcome: &str) -> NewImportRun {
        NewImportRun {
            started_at: "2026-11-25T10:00:00Z".into(),
            finished_at: "2026-11-25T10:00:01Z".into(),
            actor: "test".into(),
            source: "x.csv".into(),
            checksum: "abc".into(),
            outcome: outcome.into(),
            added: 1,
            changed: 0,
            removed: 0,
            error_count: 0,
        }
    }

    #[test]
    fn a_failing_apply_records_nothing() {
        let mut db = Db::in_memory().expect("db");
        let r = db.record_import(&run("applied"), &[], |_| Err("store refused".into()));
        assert!(matches!(r, Err(DbError::Aborted(m)) if m == "store refused"));
        assert!(db.recent_runs(10).expect("runs").is_empty());
    }

    #[test]
    fn runs_and_errors_are_recorded() {
        let mut db = Db::in_memory().expect("db");
        let errors = vec![(
            "variabler".to_owned(),
            Some(3),
            Some("D".to_owned()),
            "bad".to_owned(),
        )];
        let id = db
            .record_import(&run("rejected"), &errors, |_| Ok(()))
            .expect("recorded");
        assert_eq!(db.recent_runs(10).expect("runs")[0].outcome, "rejected");
        assert_eq!(db.run_errors(id).expect("errors"), ["bad"]);
    }
}

//! The operational database (diesel; SQLite by default, in a file beside the store): import
//! runs with every error, an audit entry per item an import or an API write created, changed,
//! removed or moved to another status, API tokens and sign-in sessions (hashes only) and status
//! changes.
//! Migrations are embedded and run on open. The schema keeps to types PostgreSQL shares
//! (text timestamps, 64-bit ids), so a PostgreSQL backend can serve the same code.

mod candidates;
mod compact;
mod conformance;
mod governance;
mod links;
mod models;
mod pending;
mod proposals;
mod schema;
mod sessions;
mod writes;

use std::path::Path;

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub use candidates::{NOT_SAME, Verdict};
pub use conformance::{ConformanceResult, ConformanceRun, NewConformanceRun};
pub use links::LinkCheck;
pub use models::{
    ApiToken, AuditEntry, ImportRun, NewApiToken, NewAuditEntry, NewImportError, NewImportRun,
    NewStatusChange, StatusChange,
};
pub use pending::PendingImport;
pub use proposals::{
    NewProposal, Proposal, ProposalComment, ProposalFilter, ProposalUpdate, proposal_writes,
};
pub use sessions::NewSession;
pub use writes::{RunOutcome, RunPart, Settled};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to the operational database: SQLite (a file in the data directory, the
/// default) or PostgreSQL (`--database-url postgres://…`, for several servers sharing one
/// database). Every query in this module runs unchanged on both.
#[derive(diesel::MultiConnection)]
pub enum Conn {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Diesel(#[from] diesel::result::Error),
    /// (`reason` is in the message, so it is not also chained as a source: shown once.)
    #[error("cannot open the database {path}: {reason}")]
    Connect {
        path: String,
        reason: diesel::ConnectionError,
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

/// Runs `$body` with `$c` bound to the concrete connection: for the statements diesel's
/// multi-backend connection cannot express (multi-row inserts, whose SQL differs).
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            Conn::Sqlite($c) => $body,
            Conn::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_backend;

pub struct Db {
    conn: Conn,
}

impl Db {
    /// Opens (or creates) the SQLite database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        let url = path.to_string_lossy().into_owned();
        Self::connect(&url)
    }

    /// The data directory's database: PostgreSQL when it names a database URL, else its
    /// SQLite file.
    pub fn open_in(dir: &crate::config::DataDir) -> Result<Self, DbError> {
        match &dir.database_url {
            Some(url) => Self::open_postgres(url, None),
            None => Self::open(&dir.database()),
        }
    }

    /// A private in-memory database, for tests.
    pub fn in_memory() -> Result<Self, DbError> {
        Self::connect(":memory:")
    }

    fn connect(url: &str) -> Result<Self, DbError> {
        let mut conn = SqliteConnection::establish(url).map_err(|reason| DbError::Connect {
            path: url.to_owned(),
            reason,
        })?;
        diesel::sql_query("PRAGMA foreign_keys = ON").execute(&mut conn)?;
        diesel::sql_query("PRAGMA busy_timeout = 5000").execute(&mut conn)?;
        if url != ":memory:" {
            diesel::sql_query("PRAGMA journal_mode = WAL").execute(&mut conn)?;
        }
        conn.run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(|e| DbError::Migration(e.to_string()))?;
        Ok(Self {
            conn: Conn::Sqlite(conn),
        })
    }

    /// Connects to PostgreSQL at `url` (`postgres://…`) and brings the schema up to date; in
    /// `schema` when given (created if missing: tests each take their own), else in the
    /// database's default search path.
    pub fn open_postgres(url: &str, schema: Option<&str>) -> Result<Self, DbError> {
        let mut conn = pg_connect(url)?;
        if let Some(schema) = schema {
            let schema = schema_name(schema)?;
            diesel::sql_query(format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                .execute(&mut conn)?;
            diesel::sql_query(format!("SET search_path TO {schema}")).execute(&mut conn)?;
        }
        conn.run_pending_migrations(POSTGRES_MIGRATIONS)
            .map_err(|e| DbError::Migration(e.to_string()))?;
        Ok(Self {
            conn: Conn::Postgres(conn),
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
        let hidden = self.uncommitted_revisions()?;
        let mut q = a::audit_log.select(AuditEntry::as_select()).into_boxed();
        if !hidden.is_empty() {
            q = q.filter(a::revision.is_null().or(a::revision.ne_all(hidden)));
        }
        let entries: Vec<AuditEntry> = q.order(a::id.desc()).limit(limit).load(&mut self.conn)?;
        Ok(entries.into_iter().map(AuditEntry::expanded).collect())
    }

    pub fn audit_for(&mut self, iri: &str) -> Result<Vec<AuditEntry>, DbError> {
        use schema::audit_log::dsl as a;
        let hidden = self.uncommitted_revisions()?;
        let mut q = a::audit_log
            .filter(a::item_iri.eq(iri.to_owned()))
            .select(AuditEntry::as_select())
            .into_boxed();
        if !hidden.is_empty() {
            q = q.filter(a::revision.is_null().or(a::revision.ne_all(hidden)));
        }
        let entries: Vec<AuditEntry> = q.order(a::id.desc()).load(&mut self.conn)?;
        Ok(entries.into_iter().map(AuditEntry::expanded).collect())
    }
}

/// Drops a PostgreSQL schema and everything in it, if it exists: for tests, which each work
/// in a schema of their own.
pub fn drop_postgres_schema(url: &str, schema: &str) -> Result<(), DbError> {
    let schema = schema_name(schema)?;
    diesel::sql_query(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .execute(&mut pg_connect(url)?)?;
    Ok(())
}

fn pg_connect(url: &str) -> Result<PgConnection, DbError> {
    PgConnection::establish(url).map_err(|reason| DbError::Connect {
        path: redact(url),
        reason,
    })
}

/// A schema name is spliced into SQL (no placeholder exists for identifiers), so only
/// lower-case letters, digits and underscores pass.
fn schema_name(schema: &str) -> Result<&str, DbError> {
    if schema.is_empty()
        || !schema
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(DbError::Migration(format!("not a schema name: {schema:?}")));
    }
    Ok(schema)
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, rest)), Some(at)) if rest.contains(':') => {
            let user = rest.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***{}", &url[at..])
        }
        _ => url.to_owned(),
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

    /// The test PostgreSQL server: `VARCAT_TEST_POSTGRES_URL`, by default the local one
    /// (trust authentication, database `test`).
    fn postgres_url() -> String {
        std::env::var("VARCAT_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
    }

    /// The same test on SQLite (in memory) and on PostgreSQL, each in a fresh schema of its
    /// own. PostgreSQL must be reachable; `VARCAT_TEST_POSTGRES=skip` leaves it out on a
    /// machine without one (and says so).
    pub(super) fn on_both(test: &str, check: impl Fn(&mut Db)) {
        check(&mut Db::in_memory().expect("sqlite"));
        if std::env::var("VARCAT_TEST_POSTGRES").as_deref() == Ok("skip") {
            eprintln!("{test}: PostgreSQL left out (VARCAT_TEST_POSTGRES=skip)");
            return;
        }
        let url = postgres_url();
        let schema = format!("varcat_test_{test}");
        drop_postgres_schema(&url, &schema).unwrap_or_else(|e| {
            panic!("{e} (set VARCAT_TEST_POSTGRES_URL, or VARCAT_TEST_POSTGRES=skip)")
        });
        check(&mut Db::open_postgres(&url, Some(&schema)).expect("postgres"));
        drop_postgres_schema(&url, &schema).expect("drop schema");
    }

    fn entry(iri: &str, action: &str, after: Option<String>) -> NewAuditEntry {
        NewAuditEntry {
            at: "2026-11-26T10:00:00Z".into(),
            actor: "test".into(),
            source: "import".into(),
            run_id: None,
            item_kind: "variabel".into(),
            item_id: "x".into(),
            item_iri: iri.into(),
            action: action.into(),
            before_nt: None,
            after_nt: after,
            before_nt_lz4: None,
            after_nt_lz4: None,
            revision: None,
        }
        .compacted()
    }

    const AT: &str = "2026-11-25T10:00:01Z";

    fn part(id: i64) -> RunPart {
        RunPart {
            id,
            checksum: "abc".into(),
            counts: [1, 0, 0],
        }
    }

    #[test]
    fn a_write_the_store_refused_leaves_a_failed_run_and_no_audit_entry() {
        on_both("failing_apply", |db| {
            let id = db.start_run(&run("applied")).expect("start");
            assert_eq!(db.recent_runs(10).expect("runs")[0].outcome, "running");
            let e = entry("https://x/variabel/a", "created", None);
            db.begin_write(1, AT, Some(&part(id)), vec![e], &[])
                .expect("pending");
            // Pending: readers see nothing of it yet.
            assert!(db.audit(None, 10).expect("audit").is_empty());
            db.settle_write(1, false, AT).expect("settle");
            assert_eq!(db.recent_runs(10).expect("runs")[0].outcome, "failed");
            assert!(db.audit(None, 10).expect("audit").is_empty());
            assert_eq!(db.committed_revision().expect("rev"), 0);
        });
    }

    #[test]
    fn pending_writes_are_settled_by_the_store_revision_after_a_crash() {
        on_both("settle", |db| {
            // Revision 1 reached the store, 2 did not, and a third run died while planning.
            let r1 = db.start_run(&run("applied")).expect("start");
            let e1 = entry("https://x/variabel/a", "created", None);
            db.begin_write(1, AT, Some(&part(r1)), vec![e1], &[])
                .expect("pending 1");
            let r2 = db.start_run(&run("applied")).expect("start");
            let e2 = entry("https://x/variabel/b", "created", None);
            db.begin_write(2, AT, Some(&part(r2)), vec![e2], &[])
                .expect("pending 2");
            let r3 = db.start_run(&run("applied")).expect("start");
            let done = db.settle_pending(1, AT, true).expect("settle");
            assert_eq!(
                done,
                Settled {
                    committed: 1,
                    abandoned: 1,
                    interrupted_runs: 2
                }
            );
            let outcome = |db: &mut Db, id: i64| {
                db.recent_runs(10)
                    .expect("runs")
                    .into_iter()
                    .find(|r| r.id == id)
                    .map(|r| r.outcome)
            };
            assert_eq!(outcome(db, r1).as_deref(), Some("applied"));
            assert_eq!(outcome(db, r2).as_deref(), Some("interrupted"));
            assert_eq!(outcome(db, r3).as_deref(), Some("interrupted"));
            let audit = db.audit(None, 10).expect("audit");
            assert_eq!(audit.len(), 1);
            assert_eq!(audit[0].item_iri, "https://x/variabel/a");
            assert_eq!(db.committed_revision().expect("rev"), 1);
        });
    }

    #[test]
    fn runs_errors_and_audit_entries_are_recorded() {
        on_both("runs", |db| {
            let errors = vec![(
                "variabler".to_owned(),
                Some(3),
                Some("D".to_owned()),
                "bad".to_owned(),
            )];
            let id = db.start_run(&run("rejected")).expect("start");
            db.finish_run(id, RunOutcome::Rejected, "abc", AT, &errors)
                .expect("recorded");
            assert_eq!(db.recent_runs(10).expect("runs")[0].outcome, "rejected");
            assert_eq!(db.run_errors(id).expect("errors"), ["bad"]);
            // A large text is stored compressed and read back as it was.
            let big = "<https://x/variabel/a> <https://x/p> \"v\" .\n".repeat(100);
            let iri = "https://x/variabel/a";
            let id = db.start_run(&run("applied")).expect("start");
            let e = entry(iri, "created", Some(big.clone()));
            db.begin_write(1, AT, Some(&part(id)), vec![e], &[])
                .expect("pending");
            db.settle_write(1, true, AT).expect("settle");
            assert_eq!(db.recent_runs(10).expect("runs")[0].outcome, "applied");
            let entries = db.audit_for(iri).expect("audit");
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0].after_nt.as_deref(), Some(big.as_str()));
            assert_eq!(entries[0].run_id, Some(id));
        });
    }

    #[test]
    fn tokens_and_status_changes_are_recorded() {
        on_both("governance", |db| {
            let token = NewApiToken {
                name: "rut".into(),
                role: "registrar".into(),
                token_hash: "h1".into(),
                created_at: "2026-11-26T10:00:00Z".into(),
                region: None,
                authority: None,
            };
            db.insert_token(&token).expect("token");
            assert!(matches!(db.insert_token(&token), Err(DbError::Conflict(_))));
            assert_eq!(
                db.active_token("h1").expect("lookup").map(|t| t.name),
                Some("rut".into())
            );
            let iri = "https://x/variabel/b";
            let change = NewStatusChange {
                at: "2026-11-26T10:00:00Z".into(),
                item_kind: "variabel".into(),
                item_id: "b".into(),
                item_iri: iri.into(),
                authority: "232100-0016".into(),
                from_status: "kandidat".into(),
                to_status: "standard".into(),
                actor: "rut".into(),
                note: String::new(),
                revision: None,
            };
            let e = || vec![entry(iri, "status", None)];
            db.begin_write(1, AT, None, e(), std::slice::from_ref(&change))
                .expect("pending");
            assert!(db.status_changes_for(iri).expect("changes").is_empty());
            db.settle_write(1, false, AT).expect("refused");
            assert!(db.status_changes_for(iri).expect("changes").is_empty());
            db.begin_write(2, AT, None, e(), std::slice::from_ref(&change))
                .expect("pending");
            db.settle_write(2, true, AT).expect("written");
            assert_eq!(db.status_changes_for(iri).expect("changes").len(), 1);
            assert_eq!(db.audit(Some(iri), 10).expect("audit")[0].action, "status");
            assert!(
                db.revoke_token("rut", "2026-11-26T11:00:00Z")
                    .expect("revoke")
            );
            assert!(db.active_token("h1").expect("lookup").is_none());
        });
    }
}

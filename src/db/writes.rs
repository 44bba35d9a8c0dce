//! How a write to the catalogue is recorded so that the store and this database agree after
//! any crash. Every write makes the next store revision, which the store commits together with
//! the content (`CatalogStore::revision`). The steps:
//!
//! 1. `begin_write`: one transaction records the revision as pending, with the write's audit
//!    entries and status change (and the import run it belongs to);
//! 2. the store commits the content and the revision;
//! 3. `settle_write`: the revision is committed (or, when the store refused, abandoned and its
//!    records deleted).
//!
//! A process killed between 1 and 3 leaves a pending revision: `settle_pending`, run when the
//! data directory is opened for writing, compares it with the store's revision. Readers of the
//! audit log and status changes never see the records of a revision that is not committed.
//! Import runs are recorded when they start (`start_run`), so a killed import leaves a run
//! that `settle_pending` marks interrupted.

use diesel::prelude::*;

use super::models::{NewAuditEntry, NewImportError, NewImportRun, NewStatusChange};
use super::{Conn, Db, DbError, on_backend, schema};

/// How a recorded import run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    Applied,
    Unchanged,
    Rejected,
    /// The store refused the write; nothing changed.
    Failed,
}

impl RunOutcome {
    fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Applied => "applied",
            RunOutcome::Unchanged => "unchanged",
            RunOutcome::Rejected => "rejected",
            RunOutcome::Failed => "failed",
        }
    }
}

/// What `settle_pending` found and did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Settled {
    /// Pending writes the store holds: now committed.
    pub committed: usize,
    /// Pending writes the store does not hold: abandoned, their records deleted.
    pub abandoned: usize,
    /// Import runs that were running when their process died.
    pub interrupted_runs: usize,
}

/// The import run a write belongs to, with its counts (added, changed, removed).
pub struct RunPart {
    pub id: i64,
    /// SHA-256 of the files read.
    pub checksum: String,
    pub counts: [i32; 3],
}

impl Db {
    /// Records an import run as running; `finish_run` or `begin_write` + `settle_write` end it.
    pub fn start_run(&mut self, run: &NewImportRun) -> Result<i64, DbError> {
        use schema::import_runs::dsl as r;
        let run = NewImportRun {
            outcome: "running".into(),
            ..run.clone()
        };
        Ok(diesel::insert_into(r::import_runs)
            .values(&run)
            .returning(r::id)
            .get_result(&mut self.conn)?)
    }

    /// Ends a run that wrote nothing to the store: unchanged, rejected (with its errors).
    pub fn finish_run(
        &mut self,
        id: i64,
        outcome: RunOutcome,
        checksum: &str,
        finished_at: &str,
        errors: &[(String, Option<i32>, Option<String>, String)],
    ) -> Result<(), DbError> {
        self.conn.transaction::<(), DbError, _>(|c| {
            use schema::import_runs::dsl as r;
            let n = i32::try_from(errors.len()).unwrap_or(i32::MAX);
            diesel::update(r::import_runs.filter(r::id.eq(id)))
                .set((
                    r::outcome.eq(outcome.as_str()),
                    r::checksum.eq(checksum),
                    r::finished_at.eq(finished_at),
                    r::error_count.eq(n),
                ))
                .execute(c)?;
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
                let insert = diesel::insert_into(schema::import_errors::table).values(chunk);
                on_backend!(&mut *c, |c| insert.execute(c))?;
            }
            Ok(())
        })
    }

    /// Step 1: records `revision` as pending with the write's audit entries and status change,
    /// and ties the import run (if any) to it. Committed before the store commits.
    pub fn begin_write(
        &mut self,
        revision: u64,
        at: &str,
        run: Option<&RunPart>,
        audit: Vec<NewAuditEntry>,
        status: &[NewStatusChange],
    ) -> Result<(), DbError> {
        let rev = revision_i64(revision)?;
        self.conn.transaction::<(), DbError, _>(|c| {
            use schema::store_writes::dsl as w;
            diesel::insert_into(w::store_writes)
                .values((
                    w::revision.eq(rev),
                    w::state.eq("pending"),
                    w::started_at.eq(at),
                ))
                .execute(c)?;
            if let Some(run) = run {
                use schema::import_runs::dsl as r;
                diesel::update(r::import_runs.filter(r::id.eq(run.id)))
                    .set((
                        r::revision.eq(rev),
                        r::checksum.eq(&run.checksum),
                        r::added.eq(run.counts[0]),
                        r::changed.eq(run.counts[1]),
                        r::removed.eq(run.counts[2]),
                    ))
                    .execute(c)?;
            }
            let entries: Vec<NewAuditEntry> = audit
                .into_iter()
                .map(|a| NewAuditEntry {
                    revision: Some(rev),
                    run_id: run.map(|r| r.id).or(a.run_id),
                    ..a
                })
                .collect();
            for chunk in entries.chunks(500) {
                let insert = diesel::insert_into(schema::audit_log::table).values(chunk);
                on_backend!(&mut *c, |c| insert.execute(c))?;
            }
            for s in status {
                let s = NewStatusChange {
                    revision: Some(rev),
                    ..s.clone()
                };
                diesel::insert_into(schema::status_changes::table)
                    .values(&s)
                    .execute(c)?;
            }
            Ok(())
        })
    }

    /// Step 3: the store committed `revision` (`in_store`), or refused it.
    pub fn settle_write(&mut self, revision: u64, in_store: bool, at: &str) -> Result<(), DbError> {
        let rev = revision_i64(revision)?;
        let run_outcome = if in_store { "applied" } else { "failed" };
        self.conn.transaction::<(), DbError, _>(|c| {
            settle(c, rev, in_store, run_outcome, at)?;
            Ok(())
        })
    }

    /// Settles every pending write against the store's revision, and marks runs that were
    /// still running as interrupted. Called when the data directory is opened for writing
    /// (no other process then holds the store, so nothing pending is still in progress).
    /// `runs`: whether runs still marked running are interrupted (not with a shared store,
    /// where another server may be running one).
    pub fn settle_pending(
        &mut self,
        store_revision: u64,
        at: &str,
        runs: bool,
    ) -> Result<Settled, DbError> {
        let store_rev = revision_i64(store_revision)?;
        self.conn.transaction::<Settled, DbError, _>(|c| {
            use schema::import_runs::dsl as r;
            use schema::store_writes::dsl as w;
            let pending: Vec<i64> = w::store_writes
                .filter(w::state.eq("pending"))
                .select(w::revision)
                .load(c)?;
            let mut done = Settled::default();
            for rev in pending {
                let in_store = rev <= store_rev;
                let runs = settle(c, rev, in_store, "interrupted", at)?;
                if in_store {
                    done.committed += 1;
                } else {
                    done.abandoned += 1;
                    done.interrupted_runs += runs;
                }
            }
            if runs {
                done.interrupted_runs +=
                    diesel::update(r::import_runs.filter(r::outcome.eq("running")))
                        .set((r::outcome.eq("interrupted"), r::finished_at.eq(at)))
                        .execute(c)?;
            }
            Ok(done)
        })
    }

    /// Takes the lock that several processes writing to one shared (remote) store hold for the
    /// length of a write: a PostgreSQL session advisory lock, waited for. With SQLite, which one
    /// machine's processes share, nothing (see the README on several servers).
    pub fn lock_writes(&mut self) -> Result<(), DbError> {
        if let Conn::Postgres(c) = &mut self.conn {
            diesel::sql_query(format!("SELECT pg_advisory_lock({WRITE_LOCK})")).execute(c)?;
        }
        Ok(())
    }

    /// Releases [`lock_writes`](Self::lock_writes)' lock.
    pub fn unlock_writes(&mut self) -> Result<(), DbError> {
        if let Conn::Postgres(c) = &mut self.conn {
            diesel::sql_query(format!("SELECT pg_advisory_unlock({WRITE_LOCK})")).execute(c)?;
        }
        Ok(())
    }

    /// The highest revision this database has recorded as committed (0 for none).
    pub fn committed_revision(&mut self) -> Result<u64, DbError> {
        use schema::store_writes::dsl as w;
        let max: Option<i64> = w::store_writes
            .filter(w::state.eq("committed"))
            .select(diesel::dsl::max(w::revision))
            .first(&mut self.conn)?;
        Ok(max.and_then(|m| u64::try_from(m).ok()).unwrap_or(0))
    }

    /// The highest revision recorded in any state (0 for none): a new write takes the next
    /// one above both this and the store's, as an abandoned revision is never reused.
    pub fn last_revision(&mut self) -> Result<u64, DbError> {
        use schema::store_writes::dsl as w;
        let max: Option<i64> = w::store_writes
            .select(diesel::dsl::max(w::revision))
            .first(&mut self.conn)?;
        Ok(max.and_then(|m| u64::try_from(m).ok()).unwrap_or(0))
    }

    /// Revisions recorded but not (yet) committed: their records are hidden from readers.
    pub(super) fn uncommitted_revisions(&mut self) -> Result<Vec<i64>, DbError> {
        use schema::store_writes::dsl as w;
        Ok(w::store_writes
            .filter(w::state.ne("committed"))
            .select(w::revision)
            .load(&mut self.conn)?)
    }
}

/// Marks `rev` committed (its run applied) or abandoned (its records deleted, its run ended
/// with `lost_outcome`). Returns the number of import runs it ended.
fn settle(
    c: &mut Conn,
    rev: i64,
    in_store: bool,
    lost_outcome: &str,
    at: &str,
) -> Result<usize, DbError> {
    use schema::import_runs::dsl as r;
    use schema::store_writes::dsl as w;
    let state = if in_store { "committed" } else { "abandoned" };
    diesel::update(w::store_writes.filter(w::revision.eq(rev)))
        .set((w::state.eq(state), w::settled_at.eq(at)))
        .execute(c)?;
    if in_store {
        Ok(diesel::update(r::import_runs.filter(r::revision.eq(rev)))
            .set((r::outcome.eq("applied"), r::finished_at.eq(at)))
            .execute(c)?)
    } else {
        use schema::audit_log::dsl as a;
        use schema::status_changes::dsl as s;
        diesel::delete(a::audit_log.filter(a::revision.eq(rev))).execute(c)?;
        diesel::delete(s::status_changes.filter(s::revision.eq(rev))).execute(c)?;
        Ok(diesel::update(r::import_runs.filter(r::revision.eq(rev)))
            .set((
                r::outcome.eq(lost_outcome),
                r::finished_at.eq(at),
                r::added.eq(0),
                r::changed.eq(0),
                r::removed.eq(0),
            ))
            .execute(c)?)
    }
}

/// The advisory lock's key ("varcat" in ASCII).
const WRITE_LOCK: i64 = 0x7661_7263_6174;

fn revision_i64(revision: u64) -> Result<i64, DbError> {
    i64::try_from(revision).map_err(|_| DbError::Aborted(format!("revision {revision} too large")))
}

//! An opened data directory: the RDF store and the operational database together, and the
//! one operation that needs both, applying an import plan.

use std::time::Instant;

use crate::config::DataDir;
use crate::db::{
    Db, DbError, NewAuditEntry, NewImportRun, NewStatusChange, RunOutcome, RunPart, Settled,
};
use crate::domain::{Catalog, ItemKey};
use crate::import::{Plan, Rejected};
use crate::store::{CatalogStore, ChangeSet, Iris, StoreError, item_quads, ntriples};

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("no catalogue in {0}; run `varcat init` first (or pass --data-dir)")]
    NotInitialised(String),
    #[error("cannot create {path}: {source}")]
    Create {
        path: String,
        source: std::io::Error,
    },
}

pub struct Workspace {
    pub store: CatalogStore,
    pub db: Db,
}

/// Who did an import and what they imported, for the run log.
pub struct RunInfo {
    pub actor: String,
    pub source: String,
    pub started_at: String,
}

/// Who wrote, when, and through what (`import` or `api`), for the audit log.
pub struct AuditInfo<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub source: &'a str,
}

/// One audit entry per item a plan creates, changes or removes, with its N-Triples before and
/// after. The import and the API both record their writes with it.
pub fn audit_entries(
    iris: &Iris,
    current: &Catalog,
    plan: &Plan,
    info: &AuditInfo<'_>,
) -> Vec<NewAuditEntry> {
    let nt = |cat: &Catalog, k: &ItemKey| Some(ntriples(&item_quads(iris, cat, k)));
    let entry = |k: &ItemKey, action: &str, before: Option<String>, after: Option<String>| {
        NewAuditEntry {
            at: info.at.to_owned(),
            actor: info.actor.to_owned(),
            source: info.source.to_owned(),
            run_id: None,
            item_kind: k.kind.noun_sv().to_owned(),
            item_id: k.id.clone(),
            item_iri: iris.item(k).as_str().to_owned(),
            action: action.to_owned(),
            before_nt: before,
            after_nt: after,
            before_nt_lz4: None,
            after_nt_lz4: None,
            revision: None,
        }
        .compacted()
    };
    let mut out = Vec::new();
    for k in &plan.added {
        out.push(entry(k, "created", None, nt(&plan.catalog, k)));
    }
    for k in &plan.changed {
        out.push(entry(k, "changed", nt(current, k), nt(&plan.catalog, k)));
    }
    for k in &plan.removed {
        out.push(entry(k, "removed", nt(current, k), None));
    }
    out
}

/// Writes a plan to the store and records it in the database so that the two agree after any
/// crash (the protocol is in `db::writes`): the next store revision is recorded as pending with
/// the audit entries (made by `audit`, once everything is staged) and the status change, the
/// store commits the content with that revision, and the revision is settled. When the store
/// refuses, the records are removed again and the error returned.
#[allow(clippy::too_many_arguments)]
pub fn commit_write(
    store: &CatalogStore,
    db: &mut Db,
    plan: &Plan,
    at: &str,
    run: Option<&RunPart>,
    audit: impl FnOnce() -> Result<Vec<NewAuditEntry>, String>,
    status: &[NewStatusChange],
    progress: &dyn Fn(),
) -> Result<(), WorkspaceError> {
    let mut upserts = plan.added.clone();
    upserts.extend(plan.changed.iter().cloned());
    let changes = ChangeSet {
        catalog: &plan.catalog,
        upserts,
        removals: plan.removed.clone(),
    };
    // Several processes may write to one remote store: each write holds the database's write
    // lock (PostgreSQL) from choosing its revision until it is settled, and settles first what
    // a process that died during its write left pending.
    let shared = store.is_remote();
    if shared {
        db.lock_writes()?;
    }
    let done = (|| {
        if shared {
            settle_writes(store, db, false)?;
        }
        write_locked(store, db, &changes, at, run, audit, status, progress)
    })();
    if shared {
        db.unlock_writes()?;
    }
    done
}

/// [`commit_write`] once the write holds the lock.
#[allow(clippy::too_many_arguments)]
fn write_locked(
    store: &CatalogStore,
    db: &mut Db,
    changes: &ChangeSet<'_>,
    at: &str,
    run: Option<&RunPart>,
    audit: impl FnOnce() -> Result<Vec<NewAuditEntry>, String>,
    status: &[NewStatusChange],
    progress: &dyn Fn(),
) -> Result<(), WorkspaceError> {
    let revision = store.source_revision()?.max(db.last_revision()?) + 1;
    let mut begun = false;
    let written = store.apply_then_commit(changes, at, revision, progress, || {
        let entries = audit()?;
        db.begin_write(revision, at, run, entries, status)
            .map_err(|e| e.to_string())?;
        begun = true;
        crash_point("before-store-commit");
        Ok(())
    });
    match written {
        Ok(()) => {
            crash_point("after-store-commit");
            db.settle_write(revision, true, &now())?;
            Ok(())
        }
        // Not known whether the remote store applied it: left pending, settled later.
        Err(e @ StoreError::Uncertain(_)) => Err(e.into()),
        Err(e) => {
            if begun {
                db.settle_write(revision, false, &now())?;
            } else if let Some(run) = run {
                db.finish_run(run.id, RunOutcome::Failed, &run.checksum, &now(), &[])?;
            }
            Err(e.into())
        }
    }
}

/// The refusal of a write made on an older state than the remote store's (another server
/// wrote first), if `e` is or wraps one: the message to show, asking to try again.
pub fn stale_write(e: &anyhow::Error) -> Option<String> {
    e.chain().find_map(|cause| {
        let store = match cause.downcast_ref::<WorkspaceError>() {
            Some(WorkspaceError::Store(s)) => Some(s),
            _ => cause.downcast_ref::<StoreError>(),
        };
        match store {
            Some(s @ StoreError::Stale { .. }) => Some(s.to_string()),
            _ => None,
        }
    })
}

/// For the crash tests: `VARCAT_CRASH_AT=before-store-commit` (or `after-store-commit`) ends
/// the process at that point of a write as `kill -9` would, without unwinding or cleaning up.
fn crash_point(name: &str) {
    if std::env::var("VARCAT_CRASH_AT").is_ok_and(|v| v == name) {
        eprintln!("varcat: VARCAT_CRASH_AT={name}: stopping here (a test of crash consistency)");
        std::process::abort();
    }
}

/// Settles what a killed process left: writes recorded as pending are kept or dropped by
/// whether the store holds their revision, and runs still marked running are interrupted. On
/// a remote store, which other processes may be writing to, under the write lock, and runs
/// are left alone (another server may be running one).
fn settle(store: &CatalogStore, db: &mut Db) -> Result<(), WorkspaceError> {
    if !store.is_remote() {
        return settle_writes(store, db, true);
    }
    db.lock_writes()?;
    let done = settle_writes(store, db, false);
    db.unlock_writes()?;
    done
}

fn settle_writes(store: &CatalogStore, db: &mut Db, runs: bool) -> Result<(), WorkspaceError> {
    let done = db.settle_pending(store.source_revision()?, &now(), runs)?;
    if done != Settled::default() {
        tracing::warn!(
            committed = done.committed,
            abandoned = done.abandoned,
            interrupted_runs = done.interrupted_runs,
            "settled the writes of a process that stopped during a write"
        );
    }
    Ok(())
}

pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Workspace {
    /// Creates the data directory, store and database if missing (idempotent). A directory
    /// this call created is removed again when the store or the database cannot be opened (a
    /// PostgreSQL server that does not answer, say), so a failed `init` leaves nothing behind.
    pub fn init(dir: &DataDir, iris: Iris) -> Result<Self, WorkspaceError> {
        let created = !dir.path().exists();
        std::fs::create_dir_all(dir.path()).map_err(|source| WorkspaceError::Create {
            path: dir.path().display().to_string(),
            source,
        })?;
        let opened = match &dir.remote_store {
            Some(config) => CatalogStore::open_remote(config.clone(), iris),
            None => CatalogStore::open(&dir.store(), iris),
        };
        let opened = opened
            .map_err(WorkspaceError::from)
            .and_then(|store| Ok((store, Db::open_in(dir)?)));
        let opened = opened.and_then(|(store, mut db)| {
            settle(&store, &mut db)?;
            Ok((store, db))
        });
        match opened {
            Ok((store, db)) => Ok(Self { store, db }),
            Err(e) => {
                if created {
                    let _ = std::fs::remove_dir_all(dir.path());
                }
                Err(e)
            }
        }
    }

    /// Opens an existing data directory.
    pub fn open(dir: &DataDir, iris: Iris) -> Result<Self, WorkspaceError> {
        if !dir.exists() {
            return Err(WorkspaceError::NotInitialised(
                dir.path().display().to_string(),
            ));
        }
        Self::init(dir, iris)
    }

    /// In memory, for tests.
    pub fn in_memory(iris: Iris) -> Result<Self, WorkspaceError> {
        Ok(Self {
            store: CatalogStore::in_memory(iris)?,
            db: Db::in_memory()?,
        })
    }

    /// Records the start of an import run (see [`start_run`]).
    pub fn start_run(&mut self, info: &RunInfo) -> Result<i64, WorkspaceError> {
        start_run(&mut self.db, info)
    }

    /// Applies a plan as run `run_id` (see [`apply_import`]).
    pub fn apply(
        &mut self,
        run_id: i64,
        current: &Catalog,
        plan: &Plan,
        info: &RunInfo,
        progress: &dyn Fn(),
    ) -> Result<i64, WorkspaceError> {
        apply_import(
            &self.store,
            &mut self.db,
            run_id,
            current,
            plan,
            info,
            progress,
        )
    }

    /// Records run `run_id` as rejected (see [`record_rejected`]).
    pub fn record_rejected(
        &mut self,
        run_id: i64,
        rejected: &Rejected,
    ) -> Result<i64, WorkspaceError> {
        record_rejected(&mut self.db, run_id, rejected)
    }
}

/// Records the start of an import run, so that a process killed during the import leaves a
/// run (marked interrupted when the data directory is next opened).
pub fn start_run(db: &mut Db, info: &RunInfo) -> Result<i64, WorkspaceError> {
    let run = NewImportRun {
        started_at: info.started_at.clone(),
        finished_at: String::new(),
        actor: info.actor.clone(),
        source: info.source.clone(),
        checksum: String::new(),
        outcome: "running".to_owned(),
        added: 0,
        changed: 0,
        removed: 0,
        error_count: 0,
    };
    Ok(db.start_run(&run)?)
}

/// Applies an import's plan as run `run_id` (see [`commit_write`]). The audit entries (the
/// N-Triples of every item written, millions of lines at national scale) are built on a second
/// thread while the store loads, and recorded just before the store commits.
pub fn apply_import(
    store: &CatalogStore,
    db: &mut Db,
    run_id: i64,
    current: &Catalog,
    plan: &Plan,
    info: &RunInfo,
    progress: &dyn Fn(),
) -> Result<i64, WorkspaceError> {
    if plan.is_noop() {
        db.finish_run(run_id, RunOutcome::Unchanged, &plan.checksum, &now(), &[])?;
        return Ok(run_id);
    }
    let at = now();
    let n = |x: usize| i32::try_from(x).unwrap_or(i32::MAX);
    let run = RunPart {
        id: run_id,
        checksum: plan.checksum.clone(),
        counts: [
            n(plan.added.len()),
            n(plan.changed.len()),
            n(plan.removed.len()),
        ],
    };
    let audit_info = AuditInfo {
        at: &at,
        actor: &info.actor,
        source: "import",
    };
    let t = Instant::now();
    std::thread::scope(|scope| {
        let audit = scope.spawn(|| audit_entries(store.iris(), current, plan, &audit_info));
        let audit = || {
            let entries = audit
                .join()
                .map_err(|_| "building the audit entries failed".to_owned())?;
            tracing::debug!(elapsed = ?t.elapsed(), entries = entries.len(), "import: audit entries built");
            Ok(entries)
        };
        commit_write(
            store,
            db,
            plan,
            &at,
            Some(&run),
            audit,
            &status_rows(store.iris(), plan, &at, &info.actor),
            progress,
        )
    })?;
    tracing::debug!(elapsed = ?t.elapsed(), "import: store and database committed");
    Ok(run_id)
}

/// The status changes an import's plan makes, one row per step along the lifecycle, at the
/// publisher (the item's own status) or at another authority (its registration there).
fn status_rows(iris: &Iris, plan: &Plan, at: &str, actor: &str) -> Vec<NewStatusChange> {
    plan.status_changes
        .iter()
        .map(|s| NewStatusChange {
            at: at.to_owned(),
            item_kind: s.key.kind.noun_sv().to_owned(),
            item_id: s.key.id.clone(),
            item_iri: iris.item(&s.key).as_str().to_owned(),
            authority: s.authority.to_string(),
            from_status: s.from.as_str().to_owned(),
            to_status: s.to.as_str().to_owned(),
            actor: actor.to_owned(),
            note: "import".to_owned(),
            revision: None,
        })
        .collect()
}

/// Records run `run_id` as rejected with its problems (the catalogue is untouched).
pub fn record_rejected(
    db: &mut Db,
    run_id: i64,
    rejected: &Rejected,
) -> Result<i64, WorkspaceError> {
    let errors: Vec<_> = rejected
        .problems
        .iter()
        .map(|p| {
            let (place, row, col) = p.location.parts();
            (
                place,
                row.and_then(|r| i32::try_from(r).ok()),
                col,
                p.to_string(),
            )
        })
        .collect();
    db.finish_run(
        run_id,
        RunOutcome::Rejected,
        &rejected.checksum,
        &now(),
        &errors,
    )?;
    Ok(run_id)
}

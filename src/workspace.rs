//! An opened data directory: the RDF store and the operational database together, and the
//! one operation that needs both, applying an import plan.

use std::time::Instant;

use crate::config::DataDir;
use crate::db::{Db, DbError, NewAuditEntry, NewImportRun};
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
        let opened = CatalogStore::open(&dir.store(), iris)
            .map_err(WorkspaceError::from)
            .and_then(|store| Ok((store, Db::open_in(dir)?)));
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

    /// Applies a plan: one database transaction (run + audit entries) around one store
    /// transaction. Returns the run id. The audit entries (the N-Triples of every item written,
    /// millions of lines at national scale) are built on a second thread while the store
    /// loads, which leaves a core idle much of the time, and inserted before the store commits.
    pub fn apply(
        &mut self,
        current: &Catalog,
        plan: &Plan,
        info: &RunInfo,
        progress: &dyn Fn(),
    ) -> Result<i64, WorkspaceError> {
        let at = now();
        let outcome = if plan.is_noop() {
            "unchanged"
        } else {
            "applied"
        };
        let run = self.run_row(
            info,
            &plan.checksum,
            outcome,
            [plan.added.len(), plan.changed.len(), plan.removed.len()],
            0,
        );
        let mut upserts = plan.added.clone();
        upserts.extend(plan.changed.iter().cloned());
        let changes = ChangeSet {
            catalog: &plan.catalog,
            upserts,
            removals: plan.removed.clone(),
        };
        let audit_info = AuditInfo {
            at: &at,
            actor: &info.actor,
            source: "import",
        };
        let store = &self.store;
        let t = Instant::now();
        let id = self.db.record_import(&run, &[], |log| {
            if plan.is_noop() {
                return Ok(());
            }
            std::thread::scope(|scope| {
                let audit =
                    scope.spawn(|| audit_entries(store.iris(), current, plan, &audit_info));
                store
                    .apply_then_commit(&changes, &at, progress, || {
                        let entries = audit
                            .join()
                            .map_err(|_| "building the audit entries failed".to_owned())?;
                        tracing::debug!(elapsed = ?t.elapsed(), entries = entries.len(), "import: audit entries built");
                        log.insert(entries).map_err(|e| e.to_string())?;
                        tracing::debug!(elapsed = ?t.elapsed(), "import: audit entries inserted");
                        Ok(())
                    })
                    .map_err(|e| e.to_string())
            })
        })?;
        tracing::debug!(elapsed = ?t.elapsed(), "import: store and database committed");
        Ok(id)
    }

    /// Records a rejected import (the catalogue is untouched).
    pub fn record_rejected(
        &mut self,
        rejected: &Rejected,
        info: &RunInfo,
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
        let run = self.run_row(
            info,
            &rejected.checksum,
            "rejected",
            [0, 0, 0],
            errors.len(),
        );
        Ok(self.db.record_import(&run, &errors, |_| Ok(()))?)
    }

    fn run_row(
        &self,
        info: &RunInfo,
        checksum: &str,
        outcome: &str,
        counts: [usize; 3],
        errors: usize,
    ) -> NewImportRun {
        let n = |x: usize| i32::try_from(x).unwrap_or(i32::MAX);
        NewImportRun {
            started_at: info.started_at.clone(),
            finished_at: now(),
            actor: info.actor.clone(),
            source: info.source.clone(),
            checksum: checksum.to_owned(),
            outcome: outcome.to_owned(),
            added: n(counts[0]),
            changed: n(counts[1]),
            removed: n(counts[2]),
            error_count: n(errors),
        }
    }
}

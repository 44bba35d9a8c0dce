//! The server as the catalogue's one writer: imports sent by the import page, by
//! `POST /api/import` and by `varcat import` while the server holds the store are planned,
//! recorded and applied here, under the same lock as every API write, so two writes never
//! interleave (a second one waits for the first). After a write, the snapshot pages, search and
//! feeds answer from is made from the one before and what the write touched.

use std::sync::MutexGuard;

use crate::db::Db;
use crate::diff::{ItemPreview, preview};
use crate::import::{Options, Problem, plan_upload};
use crate::workspace::{RunInfo, apply_import, now, record_rejected, start_run};

use super::{State, WebError};

/// One file to import, as it was sent.
pub struct ImportRequest {
    /// The file's name: its extension says what it is (`.xlsx`, `.csv`, `.zip` of a folder…).
    pub name: String,
    pub bytes: Vec<u8>,
    pub dry_run: bool,
    pub prune: bool,
    /// Who imports, for the run log and the audit entries.
    pub actor: String,
    /// Whose statuses the importer may change (`governance::registrar_of`; the owner's
    /// local token: every authority's).
    pub registrar: crate::import::Registrar,
    /// The catalogue state (snapshot revision) a preview was made on: the import is refused
    /// when the catalogue has changed since.
    pub expect_revision: Option<u64>,
}

/// A bad cell or file, with its place.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ProblemOut {
    /// As the command line prints it: `variabler!3:D: Datatyp: …`.
    pub text: String,
    pub place: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    /// The column's heading, for a bad cell.
    pub heading: Option<String>,
    pub message: String,
}

impl From<&Problem> for ProblemOut {
    fn from(p: &Problem) -> Self {
        let (place, row, column) = p.location.parts();
        let heading = match &p.location {
            crate::import::Location::Cell { heading, .. } => Some(heading.clone()),
            _ => None,
        };
        Self {
            text: p.to_string(),
            place,
            row,
            column,
            heading,
            message: p.message.clone(),
        }
    }
}

/// What an import did or, for a dry run, would do.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImportOutcome {
    /// `applied`, `unchanged`, `dry-run` or `rejected`.
    pub outcome: String,
    /// The import run recorded (none for a dry run).
    pub run_id: Option<i64>,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Item by item, field by field.
    pub items: Vec<ItemPreview>,
    /// Every problem found (a rejected import).
    pub problems: Vec<ProblemOut>,
    /// The catalogue state after the import (for a dry run or a refusal: the one it was
    /// planned on).
    pub revision: u64,
}

/// Refusals of the writer itself (bad input is an outcome, not an error).
#[derive(Debug, thiserror::Error)]
pub enum WriterError {
    #[error(
        "the catalogue has changed since the preview was made (it was at revision {expected}, \
         it is now at {current}); look at the new preview and confirm again"
    )]
    Stale { expected: u64, current: u64 },
    #[error(transparent)]
    Web(#[from] WebError),
}

/// Takes the writer's lock: the database connection every write records itself in.
pub fn lock(state: &State) -> MutexGuard<'_, Db> {
    state
        .db
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// On a remote store, which other processes write to too: brings the replica and the snapshot
/// up to what they wrote (under the writer's lock, so no write of this server runs meanwhile);
/// whether the snapshot changed. `varcat serve` calls it a few times a second.
pub fn catch_up(state: &State) -> Result<bool, WebError> {
    if !state.store.is_remote() {
        return Ok(false);
    }
    let _db = lock(state);
    match state.store.sync()? {
        // What another server wrote: the items it touched, read again.
        crate::store::Synced::Graphs(graphs) => state.current.apply_graphs(&graphs)?,
        crate::store::Synced::Whole => state.current.refresh()?,
        crate::store::Synced::Nothing if state.snapshot().revision != state.store.revision()? => {
            state.current.refresh()?
        }
        crate::store::Synced::Nothing => return Ok(false),
    }
    Ok(true)
}

/// Imports `req` (see the module). The caller holds the lock (`db`).
pub fn import(
    state: &State,
    db: &mut Db,
    req: ImportRequest,
) -> Result<ImportOutcome, WriterError> {
    let snap = state.snapshot();
    if let Some(expected) = req.expect_revision
        && expected != snap.revision
    {
        return Err(WriterError::Stale {
            expected,
            current: snap.revision,
        });
    }
    // An import merges onto codebooks' codes: the catalogue with all of them.
    let current = snap.catalog_with_codes()?;
    let info = RunInfo {
        actor: req.actor.clone(),
        source: req.name.clone(),
        started_at: now(),
    };
    let run_id = if req.dry_run {
        None
    } else {
        Some(start_run(db, &info).map_err(internal)?)
    };
    let opts = Options {
        prune: req.prune,
        registrar: req.registrar.clone(),
    };
    let plan = match plan_upload(&req.name, &req.bytes, &current, opts) {
        Ok(p) => p,
        Err(rejected) => {
            if let Some(id) = run_id {
                record_rejected(db, id, &rejected).map_err(internal)?;
            }
            return Ok(ImportOutcome {
                outcome: "rejected".into(),
                run_id,
                added: 0,
                changed: 0,
                removed: 0,
                items: Vec::new(),
                problems: rejected.problems.iter().map(ProblemOut::from).collect(),
                revision: snap.revision,
            });
        }
    };
    let items = preview(&current, &plan);
    let (added, changed, removed) = (plan.added.len(), plan.changed.len(), plan.removed.len());
    let outcome = |outcome: &str, revision| ImportOutcome {
        outcome: outcome.into(),
        run_id,
        added,
        changed,
        removed,
        items: items.clone(),
        problems: Vec::new(),
        revision,
    };
    let Some(id) = run_id else {
        return Ok(outcome("dry-run", snap.revision));
    };
    apply_import(&state.store, db, id, &current, &plan, &info, &|| {}).map_err(|e| match e {
        // Another server on the same remote store wrote since this one read it.
        crate::workspace::WorkspaceError::Store(crate::store::StoreError::Stale {
            engine,
            local,
        }) => WriterError::Stale {
            expected: local,
            current: engine,
        },
        e => internal(e),
    })?;
    if plan.is_noop() {
        return Ok(outcome("unchanged", snap.revision));
    }
    drop(current);
    state.current.apply(plan)?;
    Ok(outcome("applied", state.snapshot().revision))
}

fn internal(e: impl Into<anyhow::Error>) -> WriterError {
    WriterError::Web(WebError::internal(e))
}

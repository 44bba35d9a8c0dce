//! The one path every API write takes: check the caller's role and the `If-Match` precondition,
//! build the new catalogue by the import's rules (`import::record`), then write the store inside
//! the database transaction that records the audit entries (and the status change), so either
//! all of it is kept or none. The caller refreshes what it serves afterwards.

use crate::db::{Db, DbError, NewStatusChange};
use crate::domain::{Catalog, ItemKey, OrgNr, Status};
use crate::import::Plan;
use crate::import::record::{FieldProblem, ItemInput, plan_item};
use crate::store::{CatalogStore, StoreError};
use crate::workspace::{AuditInfo, WorkspaceError, audit_entries, commit_write, now};

use super::lifecycle::LifecycleError;
use super::tokens::{Caller, Role};
use super::{etag, if_match_names};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the token {name:?} has the role {has}; this needs the role {needed}")]
    Forbidden {
        name: String,
        has: Role,
        needed: Role,
    },
    #[error("there is no {0}")]
    NotFound(ItemKey),
    #[error(
        "{key} exists: send If-Match with its current ETag ({current}) to change it, so that \
         no one's change is lost"
    )]
    PreconditionRequired { key: ItemKey, current: String },
    #[error("{}", stale_message(.key, .current.as_deref()))]
    Stale {
        key: ItemKey,
        current: Option<String>,
    },
    #[error("{} problem(s) in the request; nothing was written", .0.len())]
    Invalid(Vec<FieldProblem>),
    #[error(
        "the token {name:?} is the registrar of {has}; it may change the status at {has} only, \
         not at {asked} (that authority's registrar does)"
    )]
    WrongAuthority {
        name: String,
        has: OrgNr,
        asked: OrgNr,
    },
    #[error(transparent)]
    Refused(#[from] LifecycleError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<WorkspaceError> for WriteError {
    fn from(e: WorkspaceError) -> Self {
        match e {
            WorkspaceError::Store(s) => WriteError::Store(s),
            WorkspaceError::Db(d) => WriteError::Db(d),
            other => WriteError::Db(DbError::Aborted(other.to_string())),
        }
    }
}

fn stale_message(key: &ItemKey, current: Option<&str>) -> String {
    match current {
        Some(c) => format!(
            "{key} has changed since you read it (its ETag is now {c}); read it again and \
             make your change on the current version"
        ),
        None => {
            format!("{key} does not exist, so If-Match cannot match; leave it out to create it")
        }
    }
}

/// What a write did.
#[derive(Debug)]
pub struct Written {
    pub created: bool,
    /// False when the request asked for what the item already was (nothing was written).
    pub changed: bool,
    pub etag: String,
    /// The audit entries recorded.
    pub audit_entries: usize,
    /// What was written, for the caller to update what it serves (`None`: nothing written).
    pub plan: Option<Plan>,
}

pub(super) fn require(caller: &Caller, needed: Role) -> Result<(), WriteError> {
    if caller.may(needed) {
        Ok(())
    } else {
        Err(WriteError::Forbidden {
            name: caller.name.clone(),
            has: caller.role,
            needed,
        })
    }
}

/// Checks `If-Match` against the item's current ETag: an existing item needs one that
/// matches; a new item must not be given one.
pub(super) fn precondition(
    current: &Catalog,
    key: &ItemKey,
    if_match: Option<&str>,
) -> Result<Option<String>, WriteError> {
    let now = etag(current, key);
    match (&now, if_match) {
        (Some(tag), None) => Err(WriteError::PreconditionRequired {
            key: key.clone(),
            current: tag.clone(),
        }),
        (Some(tag), Some(m)) if !if_match_names(m, tag) => Err(WriteError::Stale {
            key: key.clone(),
            current: now.clone(),
        }),
        (None, Some(_)) => Err(WriteError::Stale {
            key: key.clone(),
            current: None,
        }),
        _ => Ok(now),
    }
}

/// Creates or replaces the item under `key` with `input` (an editor's write).
pub fn put_item(
    store: &CatalogStore,
    db: &mut Db,
    current: &Catalog,
    caller: &Caller,
    key: &ItemKey,
    mut input: ItemInput,
    if_match: Option<&str>,
) -> Result<Written, WriteError> {
    require(caller, Role::Editor)?;
    let before = precondition(current, key, if_match)?;
    let mut problems = Vec::new();
    if key.kind.has_status() {
        // The status moves only through the lifecycle (`change_status`); a new item is a draft.
        let status = current.status_of(key).unwrap_or(Status::Draft);
        let given = input
            .fields
            .get("status")
            .map(|s| s.trim().to_owned())
            .unwrap_or_default();
        match Status::parse(&given) {
            Ok(asked) if asked != status => problems.push(FieldProblem::new(
                "status",
                format!(
                    "is {status} and changes only through POST /api/{{kind}}/{{id}}/status \
                     (a registrar's token); {}",
                    if before.is_some() {
                        format!("send {status} or leave it out")
                    } else {
                        "a new item starts as utkast".to_owned()
                    }
                ),
            )),
            // An unknown word is left for the import's rules to report.
            Err(_) if !given.is_empty() => {}
            _ => {
                input.fields.insert("status".into(), status.as_str().into());
            }
        }
    }
    let plan = match plan_item(current, key, &input) {
        Ok(p) if problems.is_empty() => p,
        Ok(_) => return Err(WriteError::Invalid(problems)),
        Err(mut e) => {
            e.append(&mut problems);
            e.sort();
            return Err(WriteError::Invalid(e));
        }
    };
    let after = etag(&plan.catalog, key).unwrap_or_default();
    if plan.is_noop() {
        return Ok(Written {
            created: false,
            changed: false,
            etag: after,
            audit_entries: 0,
            plan: None,
        });
    }
    let n = commit(store, db, current, &plan, caller, "", &[])?;
    Ok(Written {
        created: before.is_none(),
        changed: true,
        etag: after,
        audit_entries: n,
        plan: Some(plan),
    })
}

/// Writes a plan: audit entries (and the status change) and the store, so that the two agree
/// after any crash (`workspace::commit_write`).
pub(super) fn commit(
    store: &CatalogStore,
    db: &mut Db,
    current: &Catalog,
    plan: &Plan,
    caller: &Caller,
    at: &str,
    status: &[NewStatusChange],
) -> Result<usize, WriteError> {
    let at = if at.is_empty() { now() } else { at.to_owned() };
    let mut audit = audit_entries(
        store.iris(),
        current,
        plan,
        &AuditInfo {
            at: &at,
            actor: &caller.name,
            source: "api",
        },
    );
    if !status.is_empty() {
        for a in &mut audit {
            a.action = "status".into();
        }
    }
    let n = audit.len();
    commit_write(store, db, plan, &at, None, || Ok(audit), status, &|| {})?;
    Ok(n)
}

/// The two variables of a harmonisation verdict, checked: both in `current`, not the same one,
/// with a note that may be kept. Every problem is named by its field.
fn pair_of(
    current: &Catalog,
    (a, b): (&str, &str),
    note: &str,
) -> Result<(crate::domain::Id, crate::domain::Id), WriteError> {
    let mut problems = Vec::new();
    let mut variable = |field: &str, raw: &str| match crate::domain::Id::parse(raw.trim()) {
        Ok(id) if current.variables.contains_key(&id) => Some(id),
        Ok(id) => {
            problems.push(FieldProblem::new(
                field,
                format!("there is no variable {id} in the catalogue"),
            ));
            None
        }
        Err(e) => {
            problems.push(FieldProblem::new(field, e.to_string()));
            None
        }
    };
    let (a, b) = (variable("a", a), variable("b", b));
    if let (Some(x), Some(y)) = (&a, &b)
        && x == y
    {
        problems.push(FieldProblem::new(
            "b",
            format!("is {x} again: name two variables"),
        ));
    }
    if let Err(e) = crate::import::check_text("note", note.trim()) {
        problems.push(FieldProblem::new("note", e));
    }
    match (a, b, problems.is_empty()) {
        (Some(a), Some(b), true) => Ok(crate::candidates::ordered(a, b)),
        _ => Err(WriteError::Invalid(problems)),
    }
}

fn variable_key(id: &crate::domain::Id) -> ItemKey {
    ItemKey {
        kind: crate::domain::ItemKind::Variable,
        id: id.to_string(),
    }
}

/// An editor's verdict on a harmonisation candidate: variables `a` and `b` do not hold the
/// same information. Kept in the database with an audit entry on each variable (no item
/// changes), so the pair is not suggested again. `Ok(false)`: judged so already.
pub fn mark_not_same(
    db: &mut Db,
    iris: &crate::store::Iris,
    current: &Catalog,
    caller: &Caller,
    pair: (&str, &str),
    note: &str,
) -> Result<bool, WriteError> {
    require(caller, Role::Editor)?;
    let (a, b) = pair_of(current, pair, note)?;
    if current
        .variables
        .get(&a)
        .is_some_and(|v| v.exact_match.contains(&b))
    {
        return Err(WriteError::Invalid(vec![FieldProblem::new(
            "b",
            format!(
                "{a} and {b} are marked as the same information (skos:exactMatch); change that on the variables first"
            ),
        )]));
    }
    let at = now();
    let entry = |id: &crate::domain::Id| {
        let key = variable_key(id);
        crate::db::NewAuditEntry {
            at: at.clone(),
            actor: caller.name.clone(),
            source: "api".into(),
            run_id: None,
            item_kind: key.kind.noun_sv().to_owned(),
            item_id: key.id.clone(),
            item_iri: iris.item(&key).as_str().to_owned(),
            action: crate::db::NOT_SAME.into(),
            before_nt: None,
            after_nt: None,
            before_nt_lz4: None,
            after_nt_lz4: None,
            revision: None,
        }
    };
    let audit = [entry(&a), entry(&b)];
    let verdict = crate::db::Verdict {
        variable_a: a.to_string(),
        variable_b: b.to_string(),
        verdict: crate::db::NOT_SAME.into(),
        actor: caller.name.clone(),
        at: at.clone(),
        note: note.trim().to_owned(),
    };
    Ok(db.record_verdict(&verdict, &audit)?)
}

/// An editor's verdict that variables `a` and `b` hold the same information: each gets the
/// other as `skos:exactMatch` (a change of both items, with their audit entries, like any
/// write). `if_match` must name the current ETag of both (428 without, 409 when stale).
pub fn mark_same(
    store: &CatalogStore,
    db: &mut Db,
    current: &Catalog,
    caller: &Caller,
    pair: (&str, &str),
    if_match: Option<&str>,
) -> Result<Written, WriteError> {
    require(caller, Role::Editor)?;
    let (a, b) = pair_of(current, pair, "")?;
    let (ka, kb) = (variable_key(&a), variable_key(&b));
    for key in [&ka, &kb] {
        let tag = etag(current, key).unwrap_or_default();
        match if_match {
            None => {
                return Err(WriteError::PreconditionRequired {
                    key: key.clone(),
                    current: tag,
                });
            }
            Some(m) if !if_match_names(m, &tag) => {
                return Err(WriteError::Stale {
                    key: key.clone(),
                    current: Some(tag),
                });
            }
            Some(_) => {}
        }
    }
    let mut catalog = current.clone();
    let mut changed = Vec::new();
    for (id, other, key) in [(&a, &b, &ka), (&b, &a, &kb)] {
        if let Some(v) = catalog.variables.get(id)
            && !v.exact_match.contains(other)
        {
            let mut v = v.clone();
            v.exact_match.push(other.clone());
            v.exact_match.sort();
            catalog.variables.insert(id.clone(), v);
            changed.push(key.clone());
        }
    }
    if changed.is_empty() {
        return Ok(Written {
            created: false,
            changed: false,
            etag: etag(current, &ka).unwrap_or_default(),
            audit_entries: 0,
            plan: None,
        });
    }
    let plan = Plan::in_memory(catalog, Vec::new(), changed, Vec::new());
    let n = commit(store, db, current, &plan, caller, "", &[])?;
    Ok(Written {
        created: false,
        changed: true,
        etag: etag(&plan.catalog, &ka).unwrap_or_default(),
        audit_entries: n,
        plan: Some(plan),
    })
}

//! Improvement proposals (seed 004's "föreslagen mall för variabelförbättring"): one variable
//! or codebook, its changes field by field (the API's field keys, `src/fields/`), why, and the
//! proposing organisation. Editors create and comment, registrars decide
//! (`proposal_status`); a decided proposal is applied as a new version of its item through the
//! one write path (`write::put_item`), which freezes the old version, and the proposal records
//! the version it produced. Every change has its audit entry, in the database transaction that
//! makes it; a proposal's ETag is its number and revision.

use serde_json::{Map, Value};

use crate::db::{Db, NewAuditEntry, NewProposal, Proposal};
use crate::domain::{Catalog, ItemKey, ItemKind, OrgNr};
use crate::import::record::{self, FieldProblem, ItemInput, plan_item};
use crate::store::{CatalogStore, Iris};
use crate::workspace::now;

use super::if_match_names;
use super::proposal_status::{self, ProposalMoveError, ProposalStatus};
use super::tokens::{Caller, Role};
use super::write::{WriteError, Written, put_item};

pub use crate::db::ProposalUpdate;

#[derive(Debug, thiserror::Error)]
pub enum ProposalError {
    #[error("there is no proposal {0}")]
    NotFound(i64),
    #[error(transparent)]
    Move(#[from] ProposalMoveError),
    #[error("{0}")]
    NotApplicable(String),
    #[error(
        "proposal {id} exists: send If-Match with its current ETag ({current}) to change it, \
         so that no one's change is lost"
    )]
    PreconditionRequired { id: i64, current: String },
    #[error(
        "proposal {id} has changed since you read it (its ETag is now {current}); read it \
         again and make your change on the current version"
    )]
    Stale { id: i64, current: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl From<crate::db::DbError> for ProposalError {
    fn from(e: crate::db::DbError) -> Self {
        ProposalError::Write(WriteError::Db(e))
    }
}

/// A new proposal as the API receives it.
#[derive(Debug, Clone, Default)]
pub struct ProposalRequest {
    pub kind: String,
    pub id: String,
    pub changes: Map<String, Value>,
    pub motivation: String,
    pub proposer: String,
    /// Made as a draft (seen by signed-in editors only) instead of open.
    pub draft: bool,
}

/// The kinds a proposal may concern.
pub const KINDS: [ItemKind; 2] = [ItemKind::Variable, ItemKind::Codebook];

/// Fields a proposal may not change: the identifier, and the status (the lifecycle's).
const FIXED: [&str; 3] = ["id", "status", "remove"];

/// The proposal's entity tag, quoted as in HTTP.
pub fn etag(p: &Proposal) -> String {
    format!("\"forslag-{}-{}\"", p.id, p.revision)
}

pub fn status_of(p: &Proposal) -> ProposalStatus {
    ProposalStatus::parse(&p.status).unwrap_or(ProposalStatus::Draft)
}

pub fn key_of(p: &Proposal) -> Option<ItemKey> {
    KINDS
        .into_iter()
        .find(|k| k.noun_sv() == p.item_kind)
        .map(|kind| ItemKey {
            kind,
            id: p.item_id.clone(),
        })
}

/// The proposal's changes (an object of field → value).
pub fn changes_of(p: &Proposal) -> Map<String, Value> {
    match serde_json::from_str(&p.changes) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

fn require(caller: &Caller, needed: Role) -> Result<(), WriteError> {
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

/// The version an applied proposal gives its item when its changes name none: the next major
/// version (`1.2` → `2.0`), `1.0` for an item without one, else the old one with `.1` added.
pub fn next_version(v: &str) -> String {
    let v = v.trim();
    if v.is_empty() {
        return "1.0".into();
    }
    let major = v.split('.').next().unwrap_or_default();
    match major.parse::<u64>() {
        Ok(n) => format!("{}.0", n.saturating_add(1)),
        Err(_) => format!("{v}.1"),
    }
}

/// The item under `key` with `changes` laid over its current fields, as a write's input; the
/// version is the changes' own or the next one (`next_version`).
pub fn proposed_input(
    cat: &Catalog,
    iris: &Iris,
    key: &ItemKey,
    changes: &Map<String, Value>,
) -> Result<ItemInput, Vec<FieldProblem>> {
    let Some(Value::Object(mut item)) = crate::web::api::json::item(cat, key, iris) else {
        return Err(vec![FieldProblem::new("id", format!("there is no {key}"))]);
    };
    let old_version = item
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    for (k, v) in changes {
        item.insert(k.clone(), v.clone());
    }
    if !changes.contains_key("version") {
        item.insert("version".into(), Value::String(next_version(&old_version)));
    }
    crate::web::api::json::input(key.kind, &Value::Object(item))
}

/// The plan applying `changes` to `key` would make, or every problem with them (each field
/// named): unknown or fixed fields, and what the import's rules say of the values.
pub fn plan_changes(
    cat: &Catalog,
    iris: &Iris,
    key: &ItemKey,
    changes: &Map<String, Value>,
) -> Result<crate::import::Plan, Vec<FieldProblem>> {
    let fields = record::item_fields(key.kind);
    let mut problems = Vec::new();
    if changes.is_empty() {
        problems.push(FieldProblem::new(
            "changes",
            "names no field: give at least one field with its new value",
        ));
    }
    for k in changes.keys() {
        if FIXED.contains(&k.as_str()) {
            problems.push(FieldProblem::new(
                format!("changes.{k}"),
                "cannot be changed by a proposal (the identifier is fixed; the status moves \
                 through the registration lifecycle)",
            ));
        } else if !fields.contains(&k.as_str())
            && !record::lists(key.kind).iter().any(|l| l.key == k)
        {
            problems.push(FieldProblem::new(
                format!("changes.{k}"),
                format!(
                    "is not a field of a {}; the fields are: {}",
                    key.kind.noun_sv(),
                    fields.join(", ")
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let input = proposed_input(cat, iris, key, changes).map_err(|ps| prefixed(ps))?;
    plan_item(cat, key, &input).map_err(prefixed)
}

fn prefixed(ps: Vec<FieldProblem>) -> Vec<FieldProblem> {
    ps.into_iter()
        .map(|p| FieldProblem {
            field: if p.field.is_empty() {
                "changes".into()
            } else {
                format!("changes.{}", p.field)
            },
            message: p.message,
        })
        .collect()
}

fn audit(iris: &Iris, id: i64, actor: &str, at: &str, action: &str) -> NewAuditEntry {
    NewAuditEntry {
        at: at.to_owned(),
        actor: actor.to_owned(),
        source: "api".into(),
        run_id: None,
        item_kind: "förslag".into(),
        item_id: id.to_string(),
        item_iri: iris.proposal(id).as_str().to_owned(),
        action: action.to_owned(),
        before_nt: None,
        after_nt: None,
        before_nt_lz4: None,
        after_nt_lz4: None,
        revision: None,
    }
}

/// Records a new proposal (an editor's), checked whole: 422 names every bad field.
pub fn create(
    db: &mut Db,
    iris: &Iris,
    current: &Catalog,
    caller: &Caller,
    req: &ProposalRequest,
) -> Result<Proposal, ProposalError> {
    require(caller, Role::Editor)?;
    let mut problems = Vec::new();
    let kind = KINDS
        .into_iter()
        .find(|k| record::sheet_of(*k).name == req.kind.trim() || k.noun_sv() == req.kind.trim());
    let key = match kind {
        None => {
            problems.push(FieldProblem::new(
                "kind",
                format!(
                    "{:?} is not a kind a proposal concerns: variabler or kodverk",
                    req.kind
                ),
            ));
            None
        }
        Some(kind) => {
            let key = ItemKey {
                kind,
                id: req.id.trim().to_owned(),
            };
            if current.only(&key).is_none() {
                problems.push(FieldProblem::new("id", format!("there is no {key}")));
                None
            } else {
                Some(key)
            }
        }
    };
    if req.motivation.trim().is_empty() {
        problems.push(FieldProblem::new("motivation", "is required: say why"));
    } else if let Err(e) = crate::import::check_text("motivation", req.motivation.trim()) {
        problems.push(FieldProblem::new("motivation", e));
    }
    match OrgNr::parse(&req.proposer) {
        Ok(o) if current.organisations.contains_key(&o) => {}
        Ok(o) => problems.push(FieldProblem::new(
            "proposer",
            format!("no organisation {o} in the catalogue (add it first)"),
        )),
        Err(e) => problems.push(FieldProblem::new("proposer", e.to_string())),
    }
    if let Some(key) = &key {
        if let Err(mut ps) = plan_changes(current, iris, key, &req.changes) {
            problems.append(&mut ps);
        }
    }
    let (Some(key), true) = (key, problems.is_empty()) else {
        return Err(WriteError::Invalid(problems).into());
    };
    let at = now();
    let status = if req.draft {
        ProposalStatus::Draft
    } else {
        ProposalStatus::Open
    };
    let row = NewProposal {
        item_kind: key.kind.noun_sv().to_owned(),
        item_id: key.id.clone(),
        changes: Value::Object(req.changes.clone()).to_string(),
        motivation: req.motivation.trim().to_owned(),
        proposer: OrgNr::parse(&req.proposer)
            .map(|o| o.to_string())
            .unwrap_or_default(),
        status: status.as_str().to_owned(),
        created_at: at.clone(),
        created_by: caller.name.clone(),
        updated_at: at.clone(),
        revision: 1,
    };
    let id = db.insert_proposal(&row, |id| audit(iris, id, &caller.name, &at, "created"))?;
    db.proposal(id)?.ok_or(ProposalError::NotFound(id))
}

fn load(db: &mut Db, id: i64) -> Result<Proposal, ProposalError> {
    db.proposal(id)?.ok_or(ProposalError::NotFound(id))
}

/// Checks `If-Match` against the proposal's ETag: 428 without one, 409 with a stale one.
fn precondition(p: &Proposal, if_match: Option<&str>) -> Result<(), ProposalError> {
    let current = etag(p);
    match if_match {
        None => Err(ProposalError::PreconditionRequired { id: p.id, current }),
        Some(m) if !if_match_names(m, &current) => Err(ProposalError::Stale { id: p.id, current }),
        _ => Ok(()),
    }
}

fn update(
    db: &mut Db,
    iris: &Iris,
    p: &Proposal,
    u: &ProposalUpdate,
    action: &str,
) -> Result<Proposal, ProposalError> {
    let entry = audit(iris, p.id, &u.actor, &u.at, action);
    if !db.update_proposal(p.id, p.revision, u, &entry)? {
        let now = load(db, p.id)?;
        return Err(ProposalError::Stale {
            id: p.id,
            current: etag(&now),
        });
    }
    load(db, p.id)
}

fn check_comment(field: &str, text: &str, required: bool) -> Result<(), WriteError> {
    if required && text.trim().is_empty() {
        return Err(WriteError::Invalid(vec![FieldProblem::new(
            field,
            "is required",
        )]));
    }
    crate::import::check_text(field, text.trim())
        .map_err(|e| WriteError::Invalid(vec![FieldProblem::new(field, e)]))
}

/// An editor's dated comment.
pub fn comment(
    db: &mut Db,
    iris: &Iris,
    caller: &Caller,
    id: i64,
    body: &str,
) -> Result<Proposal, ProposalError> {
    require(caller, Role::Editor)?;
    check_comment("comment", body, true)?;
    let p = load(db, id)?;
    let u = ProposalUpdate {
        at: now(),
        actor: caller.name.clone(),
        comment: body.trim().to_owned(),
        ..Default::default()
    };
    update(db, iris, &p, &u, "changed")
}

/// Moves the proposal to `to`, if the workflow allows it and the caller has the role.
pub fn move_to(
    db: &mut Db,
    iris: &Iris,
    caller: &Caller,
    id: i64,
    to: &str,
    note: &str,
    if_match: Option<&str>,
) -> Result<Proposal, ProposalError> {
    require(caller, Role::Editor)?;
    let p = load(db, id)?;
    let mut problems = Vec::new();
    let to = ProposalStatus::parse(to)
        .map_err(|e| problems.push(FieldProblem::new("status", e)))
        .ok();
    if let Err(WriteError::Invalid(mut ps)) = check_comment("note", note, false) {
        problems.append(&mut ps);
    }
    let (Some(to), true) = (to, problems.is_empty()) else {
        return Err(WriteError::Invalid(problems).into());
    };
    require(caller, ProposalStatus::role_for(to))?;
    precondition(&p, if_match)?;
    let from = status_of(&p);
    proposal_status::check(from, to)?;
    let u = ProposalUpdate {
        at: now(),
        actor: caller.name.clone(),
        comment: note.trim().to_owned(),
        status: Some((from.as_str().to_owned(), to.as_str().to_owned())),
        applied_version: None,
    };
    update(db, iris, &p, &u, "status")
}

/// Applies a decided proposal (a registrar's): the item's new version, made through the one
/// write path with the item's current ETag, then the version recorded on the proposal.
pub fn apply(
    store: &CatalogStore,
    db: &mut Db,
    current: &Catalog,
    caller: &Caller,
    id: i64,
    if_match: Option<&str>,
) -> Result<(Proposal, Written), ProposalError> {
    require(caller, Role::Registrar)?;
    let p = load(db, id)?;
    precondition(&p, if_match)?;
    if status_of(&p) != ProposalStatus::Decided {
        return Err(ProposalError::NotApplicable(format!(
            "proposal {id} is {}: only a decided (beslutad) proposal is applied",
            p.status
        )));
    }
    if let Some(v) = &p.applied_version {
        return Err(ProposalError::NotApplicable(format!(
            "proposal {id} was applied already, as version {v}"
        )));
    }
    let Some(key) = key_of(&p) else {
        return Err(ProposalError::NotApplicable(format!(
            "proposal {id} concerns a {}, which no proposal can change",
            p.item_kind
        )));
    };
    let changes = changes_of(&p);
    let input = proposed_input(current, store.iris(), &key, &changes)
        .map_err(|ps| WriteError::Invalid(prefixed(ps)))?;
    let version = input.fields.get("version").cloned().unwrap_or_default();
    let item_tag = super::etag(current, &key);
    let written = put_item(store, db, current, caller, &key, input, item_tag.as_deref()).map_err(
        |e| match e {
            WriteError::Invalid(ps) => WriteError::Invalid(prefixed(ps)),
            other => other,
        },
    )?;
    let u = ProposalUpdate {
        at: now(),
        actor: caller.name.clone(),
        comment: String::new(),
        status: None,
        applied_version: Some(version),
    };
    let p = update(db, store.iris(), &p, &u, "changed")?;
    Ok((p, written))
}

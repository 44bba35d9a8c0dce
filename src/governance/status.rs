//! A registrar's status change: at the publisher it moves the item's own status (which
//! decides who sees it and is the feeds' `adms:status`); at another registration authority it
//! moves the item's registration there (`domain::Registration`), which changes nothing else.
//! Both follow the same lifecycle, need a registrar's token bound to that authority, the
//! item's current ETag, and are recorded like every write: the store, the audit entry and the
//! status-change row (naming the authority) in one transaction.

use crate::db::{Db, NewStatusChange};
use crate::domain::{Catalog, ItemKey, OrgNr, Registration, Status, status_at};
use crate::import::Plan;
use crate::import::record::FieldProblem;
use crate::store::CatalogStore;
use crate::workspace::now;

use super::lifecycle;
use super::tokens::{Caller, Role};
use super::write::{WriteError, Written, commit, precondition, require};
use super::{etag, publisher};

/// A registrar's status change, as the API receives it (text, checked here).
#[derive(Debug, Clone, Default)]
pub struct StatusRequest {
    pub status: String,
    /// The registration authority's organisationsnummer; empty: the token's authority.
    pub authority: String,
    pub note: String,
}

/// The authority a request names, checked: of the form, an organisation of the catalogue
/// (else a problem of the field `authority`), and the caller's (else 403).
fn authority_of(
    current: &Catalog,
    caller: &Caller,
    asked: &str,
    problems: &mut Vec<FieldProblem>,
) -> Result<Option<OrgNr>, WriteError> {
    let own = caller.registers_for();
    let asked = match asked.trim() {
        "" => own.clone(),
        a => match OrgNr::parse(a) {
            Ok(o) => o,
            Err(e) => {
                problems.push(FieldProblem::new("authority", e.to_string()));
                return Ok(None);
            }
        },
    };
    if !current.organisations.contains_key(&asked) {
        problems.push(FieldProblem::new(
            "authority",
            format!(
                "no organisation {asked} in the catalogue: a registration authority must be one \
                 of its organisations (add it first)"
            ),
        ));
        return Ok(None);
    }
    if asked != own {
        return Err(WriteError::WrongAuthority {
            name: caller.name.clone(),
            has: own,
            asked,
        });
    }
    Ok(Some(asked))
}

/// Moves the item under `key` to another registration status at the request's authority,
/// if the lifecycle allows it.
pub fn change_status(
    store: &CatalogStore,
    db: &mut Db,
    current: &Catalog,
    caller: &Caller,
    key: &ItemKey,
    request: &StatusRequest,
    if_match: Option<&str>,
) -> Result<Written, WriteError> {
    require(caller, Role::Registrar)?;
    if !key.kind.has_status() {
        return Err(WriteError::Invalid(vec![FieldProblem::new(
            "",
            format!(
                "a {} has no registration status; variables, codebooks and use cases have",
                key.kind.noun_sv()
            ),
        )]));
    }
    let Some(own_status) = current.status_of(key) else {
        return Err(WriteError::NotFound(key.clone()));
    };
    precondition(current, key, if_match)?;
    let mut problems = Vec::new();
    let to = Status::parse(&request.status)
        .map_err(|e| problems.push(FieldProblem::new("status", e.to_string())))
        .ok();
    if let Err(e) = crate::import::check_text("note", request.note.trim()) {
        problems.push(FieldProblem::new("note", e));
    }
    let authority = authority_of(current, caller, &request.authority, &mut problems)?;
    let (Some(to), Some(authority), true) = (to, authority, problems.is_empty()) else {
        return Err(WriteError::Invalid(problems));
    };
    let at = now();
    let note = request.note.trim().to_owned();
    let mut catalog = current.clone();
    let from = if authority == publisher() {
        lifecycle::check(own_status, to)?;
        catalog.set_status(key, to);
        own_status
    } else {
        let from = status_at(
            current.registrations_of(key).unwrap_or_default(),
            &authority,
        );
        lifecycle::check(from, to)?;
        catalog.set_registration(
            key,
            Registration {
                authority: authority.clone(),
                status: to,
                date: at.get(..10).unwrap_or(&at).to_owned(),
                note: note.clone(),
            },
        );
        from
    };
    let plan = Plan::in_memory(catalog, Vec::new(), vec![key.clone()], Vec::new());
    let row = NewStatusChange {
        at: at.clone(),
        item_kind: key.kind.noun_sv().to_owned(),
        item_id: key.id.clone(),
        item_iri: store.iris().item(key).as_str().to_owned(),
        authority: authority.to_string(),
        from_status: from.as_str().to_owned(),
        to_status: to.as_str().to_owned(),
        actor: caller.name.clone(),
        note,
        revision: None,
    };
    let n = commit(
        store,
        db,
        current,
        &plan,
        caller,
        &at,
        std::slice::from_ref(&row),
    )?;
    Ok(Written {
        created: false,
        changed: true,
        etag: etag(&plan.catalog, key).unwrap_or_default(),
        audit_entries: n,
        plan: Some(plan),
    })
}

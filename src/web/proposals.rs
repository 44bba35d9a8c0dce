//! Improvement proposals as the API and the pages show them: who may see which (the one
//! rule of `visibility`, extended: a draft proposal, and any proposal on an item the viewer
//! may not see, is seen by signed-in editors only), their JSON, and the field-level diff a
//! proposal would make (`diff`).

use serde_json::{Value, json};

use crate::db::{Proposal, ProposalComment, ProposalFilter};
use crate::diff::{self, Change};
use crate::domain::ItemKey;
use crate::governance::proposal_status::ProposalStatus;
use crate::governance::proposals::{self as rules, changes_of, key_of, status_of};

use super::snapshot::Snapshot;
use super::visibility::Viewer;
use super::{State, WebError};

/// Whether `viewer` may see proposal `p`.
pub fn may_see(viewer: Viewer, snap: &Snapshot, p: &Proposal) -> bool {
    if viewer == Viewer::Editor {
        return true;
    }
    let Some(key) = key_of(p) else {
        return false;
    };
    status_of(p).is_public()
        && snap.catalog(Viewer::Editor).contains(&key)
        && viewer.may_see(snap.catalog(Viewer::Editor), &key)
}

/// The proposals `f` holds that `viewer` may see, newest first.
pub fn list(state: &State, viewer: Viewer, f: &ProposalFilter) -> Result<Vec<Proposal>, WebError> {
    let all = {
        let mut db = match state.db.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        db.proposals(f)?
    };
    let snap = state.snapshot();
    Ok(all
        .into_iter()
        .filter(|p| may_see(viewer, &snap, p))
        .collect())
}

/// Proposal `n` with its comments, if `viewer` may see it.
pub fn one(
    state: &State,
    viewer: Viewer,
    n: i64,
) -> Result<Option<(Proposal, Vec<ProposalComment>)>, WebError> {
    let mut db = match state.db.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    let Some(p) = db.proposal(n)? else {
        return Ok(None);
    };
    if !may_see(viewer, &state.snapshot(), &p) {
        return Ok(None);
    }
    let comments = db.proposal_comments(n)?;
    Ok(Some((p, comments)))
}

/// The changes applying `p` to its item as it is now would make, field by field (empty when
/// it was applied already, or its changes no longer fit the item).
pub fn diff_of(state: &State, viewer: Viewer, p: &Proposal) -> Vec<Change> {
    let Some(key) = key_of(p) else {
        return Vec::new();
    };
    if p.applied_version.is_some() {
        return Vec::new();
    }
    let snap = state.snapshot();
    let Ok(cat) = snap.catalog_for(viewer, &key) else {
        return Vec::new();
    };
    let Ok(plan) = rules::plan_changes(&cat, state.store.iris(), &key, &changes_of(p)) else {
        return Vec::new();
    };
    let (Some(old), Some(new)) = (cat.only(&key), plan.catalog.only(&key)) else {
        return Vec::new();
    };
    diff::catalogs(&old, &new)
}

/// The item's path on the site: `/variabel/kon`.
pub fn item_path(key: &ItemKey) -> String {
    crate::store::item_path(key)
}

/// A proposal as JSON; with its comments and diff when given.
pub fn to_json(
    state: &State,
    p: &Proposal,
    comments: Option<&[ProposalComment]>,
    diff: Option<&[Change]>,
) -> Value {
    let iris = state.store.iris();
    let status = status_of(p);
    let key = key_of(p);
    let allowed: Vec<&str> = status.allowed_next().iter().map(|s| s.as_str()).collect();
    let mut v = json!({
        "number": p.id,
        "iri": iris.proposal(p.id).as_str(),
        "etag": rules::etag(p),
        "item": {
            "kind": key.as_ref().map(|k| crate::import::record::sheet_of(k.kind).name),
            "id": p.item_id,
            "iri": key.as_ref().map(|k| iris.item(k).as_str().to_owned()),
        },
        "changes": Value::Object(changes_of(p)),
        "motivation": p.motivation,
        "proposer": p.proposer,
        "status": status.as_str(),
        "status_label": { "sv": status.as_str(), "en": status.label_en() },
        "allowed_next": allowed,
        "created_at": p.created_at,
        "created_by": p.created_by,
        "updated_at": p.updated_at,
        "applied_version": p.applied_version,
        "applied_at": p.applied_at,
        "applied_version_iri": match (&key, &p.applied_version) {
            (Some(k), Some(ver)) => Some(
                crate::store::version_iri(&iris.item(k), ver).as_str().to_owned(),
            ),
            _ => None,
        },
    });
    if let Some(cs) = comments {
        v["comments"] = json!(
            cs.iter()
                .map(|c| json!({
                    "at": c.at,
                    "by": c.actor,
                    "from_status": c.from_status,
                    "to_status": c.to_status,
                    "text": c.body,
                }))
                .collect::<Vec<_>>()
        );
    }
    if let Some(d) = diff {
        v["diff"] = json!(d);
    }
    v
}

/// The catalogue a proposal on `kind`/`id` is checked against: the editor's whole catalogue,
/// with the codes of the codebook when it concerns one (the snapshot keeps codes apart).
pub fn catalog_for_request<'a>(
    snap: &'a Snapshot,
    kind: &str,
    id: &str,
) -> Result<std::borrow::Cow<'a, crate::domain::Catalog>, WebError> {
    let kind = rules::KINDS.into_iter().find(|k| {
        crate::import::record::sheet_of(*k).name == kind.trim() || k.noun_sv() == kind.trim()
    });
    match (kind, crate::domain::Id::parse(id.trim())) {
        (Some(kind), Ok(id)) => snap.catalog_for(
            Viewer::Editor,
            &ItemKey {
                kind,
                id: id.to_string(),
            },
        ),
        _ => Ok(std::borrow::Cow::Borrowed(snap.catalog(Viewer::Editor))),
    }
}

/// A list filter from query parameters: `status`, `item` (`variabel/kon` or `kon`), `proposer`.
pub fn filter_of(
    status: Option<&str>,
    item: Option<&str>,
    proposer: Option<&str>,
) -> Result<ProposalFilter, String> {
    let mut f = ProposalFilter::default();
    if let Some(s) = status.filter(|s| !s.trim().is_empty()) {
        f.status = Some(ProposalStatus::parse(s)?.as_str().to_owned());
    }
    if let Some(i) = item.map(str::trim).filter(|s| !s.is_empty()) {
        match i.trim_start_matches('/').split_once('/') {
            Some((kind, id)) => {
                let k = rules::KINDS
                    .into_iter()
                    .find(|k| {
                        k.path_segment() == kind || crate::import::record::sheet_of(*k).name == kind
                    })
                    .ok_or_else(|| format!("item {i:?}: the kinds are variabel and kodverk"))?;
                f.item_kind = Some(k.noun_sv().to_owned());
                f.item_id = Some(id.to_owned());
            }
            None => f.item_id = Some(i.to_owned()),
        }
    }
    // A filter, not a write: a number that is no organisation's finds no proposal.
    if let Some(o) = proposer.map(str::trim).filter(|s| !s.is_empty()) {
        f.proposer =
            Some(crate::domain::OrgNr::parse(o).map_or_else(|_| o.to_owned(), |o| o.to_string()));
    }
    Ok(f)
}

//! Improvement proposals and their dated comments (`governance::proposals` holds the rules).
//! Every change of a proposal is one transaction with its audit entry, and bumps its
//! `revision` (the proposal's ETag) only if the revision is still the one the caller read.

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::prelude::*;

use super::models::NewAuditEntry;
use super::{Conn, Db, DbError, on_backend, schema};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = schema::proposals)]
pub struct NewProposal {
    pub item_kind: String,
    pub item_id: String,
    /// A JSON object: field key → the proposed value.
    pub changes: String,
    pub motivation: String,
    /// The proposing organisation's organisationsnummer.
    pub proposer: String,
    pub status: String,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub revision: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = schema::proposals)]
pub struct Proposal {
    pub id: i64,
    pub item_kind: String,
    pub item_id: String,
    pub changes: String,
    pub motivation: String,
    pub proposer: String,
    pub status: String,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub revision: i64,
    pub applied_version: Option<String>,
    pub applied_at: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = schema::proposal_comments)]
pub struct ProposalComment {
    pub id: i64,
    pub proposal_id: i64,
    pub at: String,
    pub actor: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = schema::proposal_comments)]
struct NewComment<'a> {
    proposal_id: i64,
    at: &'a str,
    actor: &'a str,
    from_status: Option<&'a str>,
    to_status: Option<&'a str>,
    body: &'a str,
}

/// Which proposals a list holds (each filter left empty holds all).
#[derive(Debug, Clone, Default)]
pub struct ProposalFilter {
    pub status: Option<String>,
    pub item_kind: Option<String>,
    pub item_id: Option<String>,
    pub proposer: Option<String>,
}

/// One change to a proposal: a comment (with the status move it records, if any), the new
/// status, the version its application produced.
#[derive(Debug, Clone, Default)]
pub struct ProposalUpdate {
    pub at: String,
    pub actor: String,
    pub comment: String,
    pub status: Option<(String, String)>,
    pub applied_version: Option<String>,
}

/// How many proposal writes this process has made (see [`proposal_writes`]).
static WRITES: AtomicU64 = AtomicU64::new(0);

/// A number that changes after every proposal written (created, changed, moved, applied) by
/// this process, the one writer of proposals: what an item page keeps its list of proposals
/// by (`web::pages::conformance::fill`).
pub fn proposal_writes() -> u64 {
    WRITES.load(Ordering::Acquire)
}

impl Db {
    /// Records a new proposal with the audit entry `audit` makes for its number.
    pub fn insert_proposal(
        &mut self,
        p: &NewProposal,
        audit: impl FnOnce(i64) -> NewAuditEntry,
    ) -> Result<i64, DbError> {
        self.conn
            .transaction::<i64, DbError, _>(|c| {
                use schema::proposals::dsl as t;
                let id: i64 = diesel::insert_into(t::proposals)
                    .values(p)
                    .returning(t::id)
                    .get_result(c)?;
                let entry = audit(id);
                let insert = diesel::insert_into(schema::audit_log::table).values(&entry);
                on_backend!(&mut *c, |c| insert.execute(c))?;
                Ok(id)
            })
            .inspect(|_| {
                WRITES.fetch_add(1, Ordering::AcqRel);
            })
    }

    pub fn proposal(&mut self, id: i64) -> Result<Option<Proposal>, DbError> {
        use schema::proposals::dsl as t;
        Ok(t::proposals
            .filter(t::id.eq(id))
            .select(Proposal::as_select())
            .first(&mut self.conn)
            .optional()?)
    }

    /// The proposals `f` holds, newest first.
    pub fn proposals(&mut self, f: &ProposalFilter) -> Result<Vec<Proposal>, DbError> {
        use schema::proposals::dsl as t;
        let mut q = t::proposals.select(Proposal::as_select()).into_boxed();
        if let Some(s) = &f.status {
            q = q.filter(t::status.eq(s.clone()));
        }
        if let Some(k) = &f.item_kind {
            q = q.filter(t::item_kind.eq(k.clone()));
        }
        if let Some(i) = &f.item_id {
            q = q.filter(t::item_id.eq(i.clone()));
        }
        if let Some(o) = &f.proposer {
            q = q.filter(t::proposer.eq(o.clone()));
        }
        Ok(q.order(t::id.desc()).load(&mut self.conn)?)
    }

    /// A proposal's comments, oldest first.
    pub fn proposal_comments(&mut self, id: i64) -> Result<Vec<ProposalComment>, DbError> {
        use schema::proposal_comments::dsl as t;
        Ok(t::proposal_comments
            .filter(t::proposal_id.eq(id))
            .select(ProposalComment::as_select())
            .order(t::id.asc())
            .load(&mut self.conn)?)
    }

    /// Applies `u` to proposal `id` if its revision is still `revision`, with its audit entry,
    /// in one transaction; false (nothing written) when someone changed it meanwhile.
    pub fn update_proposal(
        &mut self,
        id: i64,
        revision: i64,
        u: &ProposalUpdate,
        audit: &NewAuditEntry,
    ) -> Result<bool, DbError> {
        self.conn
            .transaction::<bool, DbError, _>(|c| {
                use schema::proposals::dsl as t;
                let mine = t::proposals
                    .filter(t::id.eq(id))
                    .filter(t::revision.eq(revision));
                let n = match (&u.status, &u.applied_version) {
                    (Some((_, to)), _) => diesel::update(mine)
                        .set((
                            t::status.eq(to),
                            t::revision.eq(revision + 1),
                            t::updated_at.eq(&u.at),
                        ))
                        .execute(c)?,
                    (None, Some(v)) => diesel::update(mine)
                        .set((
                            t::applied_version.eq(v),
                            t::applied_at.eq(&u.at),
                            t::revision.eq(revision + 1),
                            t::updated_at.eq(&u.at),
                        ))
                        .execute(c)?,
                    (None, None) => diesel::update(mine)
                        .set((t::revision.eq(revision + 1), t::updated_at.eq(&u.at)))
                        .execute(c)?,
                };
                if n == 0 {
                    return Ok(false);
                }
                if !u.comment.is_empty() || u.status.is_some() {
                    use schema::proposal_comments::dsl as pc;
                    diesel::insert_into(pc::proposal_comments)
                        .values(&NewComment {
                            proposal_id: id,
                            at: &u.at,
                            actor: &u.actor,
                            from_status: u.status.as_ref().map(|s| s.0.as_str()),
                            to_status: u.status.as_ref().map(|s| s.1.as_str()),
                            body: &u.comment,
                        })
                        .execute(c)?;
                }
                let insert = diesel::insert_into(schema::audit_log::table).values(audit);
                on_backend!(&mut *c, |c| insert.execute(c))?;
                Ok(true)
            })
            .inspect(|_| {
                WRITES.fetch_add(1, Ordering::AcqRel);
            })
    }

    /// The proposals applied at or after `since` (a timestamp), oldest first: for release notes.
    pub fn proposals_applied_since(&mut self, since: &str) -> Result<Vec<Proposal>, DbError> {
        use schema::proposals::dsl as t;
        Ok(t::proposals
            .filter(t::applied_at.ge(since))
            .select(Proposal::as_select())
            .order(t::applied_at.asc())
            .load(&mut self.conn)?)
    }
}

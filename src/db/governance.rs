//! The governance records: API tokens (looked up by the hash of the token presented), status
//! changes, the API's writes (audit entries and a status change in one transaction around the
//! store write), and the audit queries `varcat audit` and the history pages use.

use diesel::prelude::*;

use super::models::{ApiToken, AuditEntry, NewApiToken, StatusChange};
use super::{Db, DbError, schema};

impl Db {
    /// Stores a new token. Fails with `DbError::Conflict` when the name is taken (also by a
    /// revoked token: names stay unique so the audit log stays unambiguous).
    pub fn insert_token(&mut self, token: &NewApiToken) -> Result<(), DbError> {
        use schema::api_tokens::dsl as t;
        let taken: i64 = t::api_tokens
            .filter(t::name.eq(&token.name))
            .count()
            .get_result(&mut self.conn)?;
        if taken > 0 {
            return Err(DbError::Conflict(format!(
                "a token named {:?} exists already (revoked tokens keep their names)",
                token.name
            )));
        }
        diesel::insert_into(t::api_tokens)
            .values(token)
            .execute(&mut self.conn)?;
        Ok(())
    }

    pub fn tokens(&mut self) -> Result<Vec<ApiToken>, DbError> {
        use schema::api_tokens::dsl as t;
        Ok(t::api_tokens
            .order(t::id)
            .select(ApiToken::as_select())
            .load(&mut self.conn)?)
    }

    /// The token, not revoked, whose hash this is.
    pub fn active_token(&mut self, hash: &str) -> Result<Option<ApiToken>, DbError> {
        use schema::api_tokens::dsl as t;
        Ok(t::api_tokens
            .filter(t::token_hash.eq(hash))
            .filter(t::revoked_at.is_null())
            .select(ApiToken::as_select())
            .first(&mut self.conn)
            .optional()?)
    }

    /// Revokes the named token and ends its sign-in sessions; false when there is no active
    /// token of that name. (A session of a revoked token no longer counts even before it is
    /// deleted: `session_token` asks for an active token.)
    pub fn revoke_token(&mut self, name: &str, at: &str) -> Result<bool, DbError> {
        use schema::api_tokens::dsl as t;
        let n = diesel::update(
            t::api_tokens
                .filter(t::name.eq(name))
                .filter(t::revoked_at.is_null()),
        )
        .set(t::revoked_at.eq(at))
        .execute(&mut self.conn)?;
        self.end_sessions_of(name)?;
        Ok(n > 0)
    }

    /// The latest audit entries, newest first, of one item when `iri` is given.
    pub fn audit(&mut self, iri: Option<&str>, limit: i64) -> Result<Vec<AuditEntry>, DbError> {
        use schema::audit_log::dsl as a;
        let hidden = self.uncommitted_revisions()?;
        let mut q = a::audit_log.select(AuditEntry::as_select()).into_boxed();
        if !hidden.is_empty() {
            q = q.filter(a::revision.is_null().or(a::revision.ne_all(hidden)));
        }
        if let Some(iri) = iri {
            q = q.filter(a::item_iri.eq(iri.to_owned()));
        }
        let entries: Vec<AuditEntry> = q.order(a::id.desc()).limit(limit).load(&mut self.conn)?;
        Ok(entries.into_iter().map(AuditEntry::expanded).collect())
    }

    /// One item's status changes, newest first.
    pub fn status_changes_for(&mut self, iri: &str) -> Result<Vec<StatusChange>, DbError> {
        use schema::status_changes::dsl as s;
        let hidden = self.uncommitted_revisions()?;
        let mut q = s::status_changes
            .filter(s::item_iri.eq(iri.to_owned()))
            .select(StatusChange::as_select())
            .into_boxed();
        if !hidden.is_empty() {
            q = q.filter(s::revision.is_null().or(s::revision.ne_all(hidden)));
        }
        Ok(q.order(s::id.desc()).load(&mut self.conn)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(name: &str, hash: &str) -> NewApiToken {
        NewApiToken {
            name: name.into(),
            role: "editor".into(),
            token_hash: hash.into(),
            created_at: "2026-12-01T10:00:00Z".into(),
            region: None,
            authority: None,
        }
    }

    #[test]
    fn tokens_are_found_by_hash_until_revoked_and_names_stay_unique() {
        let mut db = Db::in_memory().expect("db");
        db.insert_token(&token("anna", "h1")).expect("insert");
        assert_eq!(
            db.active_token("h1").expect("q").map(|t| t.name),
            Some("anna".into())
        );
        assert!(db.active_token("h2").expect("q").is_none());
        assert!(matches!(
            db.insert_token(&token("anna", "h2")),
            Err(DbError::Conflict(_))
        ));
        assert!(
            db.revoke_token("anna", "2026-12-02T00:00:00Z")
                .expect("revoke")
        );
        assert!(
            !db.revoke_token("anna", "2026-12-02T00:00:00Z")
                .expect("revoke")
        );
        assert!(db.active_token("h1").expect("q").is_none());
        assert!(matches!(
            db.insert_token(&token("anna", "h3")),
            Err(DbError::Conflict(_))
        ));
    }

    #[test]
    fn a_region_token_keeps_its_region_and_only_it_has_one() {
        crate::db::tests::on_both("region_tokens", |db| {
            let mut t = token("sthlm", "h1");
            t.role = "region".into();
            t.region = Some("232100-0016".into());
            db.insert_token(&t).expect("insert");
            let stored = db.active_token("h1").expect("q").expect("token");
            assert_eq!(stored.region.as_deref(), Some("232100-0016"));
            let mut no_region = token("r2", "h2");
            no_region.role = "region".into();
            assert!(
                db.insert_token(&no_region).is_err(),
                "a region token needs its region"
            );
            let mut editor = token("e", "h3");
            editor.region = Some("232100-0016".into());
            assert!(
                db.insert_token(&editor).is_err(),
                "only region tokens have a region"
            );
        });
    }
}

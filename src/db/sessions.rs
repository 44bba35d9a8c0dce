//! Sign-in sessions of the web pages (`web::session`): kept by the SHA-256 of their random
//! id, each tied to the API token it was opened with. A session stands for its token's holder
//! until it expires, is ended by signing out, or its token is revoked.

use diesel::prelude::*;

use super::models::ApiToken;
use super::{Db, DbError, schema};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = schema::sessions)]
pub struct NewSession {
    pub session_hash: String,
    pub token_id: i64,
    pub created_at: String,
    pub expires_at: String,
}

impl Db {
    /// Keeps `s`, and drops every session that expired before `now`.
    pub fn start_session(&mut self, s: &NewSession, now: &str) -> Result<(), DbError> {
        use schema::sessions::dsl as t;
        diesel::delete(t::sessions.filter(t::expires_at.le(now))).execute(&mut self.conn)?;
        diesel::insert_into(t::sessions)
            .values(s)
            .execute(&mut self.conn)?;
        Ok(())
    }

    /// The token, not revoked, behind the session whose hash this is, if the session has not
    /// expired at `now`.
    pub fn session_token(&mut self, hash: &str, now: &str) -> Result<Option<ApiToken>, DbError> {
        use schema::api_tokens::dsl as a;
        use schema::sessions::dsl as t;
        Ok(t::sessions
            .inner_join(a::api_tokens)
            .filter(t::session_hash.eq(hash))
            .filter(t::expires_at.gt(now))
            .filter(a::revoked_at.is_null())
            .select(ApiToken::as_select())
            .first(&mut self.conn)
            .optional()?)
    }

    /// Ends the session whose hash this is (signing out).
    pub fn end_session(&mut self, hash: &str) -> Result<(), DbError> {
        use schema::sessions::dsl as t;
        diesel::delete(t::sessions.filter(t::session_hash.eq(hash))).execute(&mut self.conn)?;
        Ok(())
    }

    /// How many sessions are kept.
    pub fn session_count(&mut self) -> Result<i64, DbError> {
        use schema::sessions::dsl as t;
        Ok(t::sessions.count().get_result(&mut self.conn)?)
    }

    /// Ends every session of the token `name`.
    pub(super) fn end_sessions_of(&mut self, name: &str) -> Result<(), DbError> {
        use schema::api_tokens::dsl as a;
        use schema::sessions::dsl as t;
        let ids = a::api_tokens.filter(a::name.eq(name)).select(a::id);
        diesel::delete(t::sessions.filter(t::token_id.eq_any(ids))).execute(&mut self.conn)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::NewApiToken;

    fn session(db: &mut Db, hash: &str, expires: &str) {
        let id = db.tokens().expect("tokens")[0].id;
        db.start_session(
            &NewSession {
                session_hash: hash.into(),
                token_id: id,
                created_at: "2026-12-01T10:00:00Z".into(),
                expires_at: expires.into(),
            },
            "2026-12-01T10:00:00Z",
        )
        .expect("session");
    }

    #[test]
    fn sessions_stand_for_their_token_until_expiry_sign_out_or_revocation() {
        crate::db::tests::on_both("sessions", sessions_end);
    }

    fn sessions_end(db: &mut Db) {
        db.insert_token(&NewApiToken {
            name: "anna".into(),
            role: "editor".into(),
            token_hash: "h".into(),
            created_at: "2026-12-01T10:00:00Z".into(),
            region: None,
            authority: None,
        })
        .expect("token");
        session(db, "s1", "2026-12-01T18:00:00Z");
        session(db, "s2", "2026-12-01T18:00:00Z");
        let at =
            |db: &mut Db, h: &str, now: &str| db.session_token(h, now).expect("q").map(|t| t.name);
        assert_eq!(at(db, "s1", "2026-12-01T17:59:59Z"), Some("anna".into()));
        assert_eq!(at(db, "s1", "2026-12-01T18:00:00Z"), None, "expired");
        assert_eq!(at(db, "nope", "2026-12-01T11:00:00Z"), None);
        db.end_session("s1").expect("end");
        assert_eq!(at(db, "s1", "2026-12-01T11:00:00Z"), None, "signed out");
        assert_eq!(at(db, "s2", "2026-12-01T11:00:00Z"), Some("anna".into()));
        assert!(
            db.revoke_token("anna", "2026-12-01T12:00:00Z")
                .expect("revoke")
        );
        assert_eq!(at(db, "s2", "2026-12-01T12:00:01Z"), None, "revoked");
        assert_eq!(
            db.session_count().expect("count"),
            0,
            "revoking deletes them"
        );
    }
}

//! API tokens: `vc_` and 64 hex digits (32 random bytes from the operating system). Only the
//! token's SHA-256 is stored; a presented token is hashed and looked up. Each token has a name
//! (the actor in the audit log) and a role.
//!
//! Signing in on the web pages with a token opens a session: a random id of 32 bytes (only
//! its SHA-256 is stored, like a token's) standing for the token's holder for
//! [`SESSION_SECONDS`], until signed out, or until the token is revoked.

use sha2::{Digest, Sha256};

use crate::db::{ApiToken, Db, DbError, NewApiToken, NewSession};

/// How long a sign-in session lasts: a working day.
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

pub const PREFIX: &str = "vc_";

/// What a token may do. A registrar may do all an editor may, and change statuses. A region
/// token does neither: it only submits its own region's conformance results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Submits conformance results (`POST /api/efterlevnad`) for its own region only.
    Region,
    /// Creates and updates items.
    Editor,
    /// Also moves items through the registration lifecycle.
    Registrar,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "editor" => Some(Role::Editor),
            "registrar" => Some(Role::Registrar),
            "region" => Some(Role::Region),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Registrar => "registrar",
            Role::Region => "region",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The holder of a valid token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub name: String,
    pub role: Role,
    /// A region token's region (organisationsnummer, `NNNNNN-NNNN`).
    pub region: Option<String>,
    /// A registrar's registration authority (`None`: the publisher, whose status is the
    /// item's own). Editors and regions register nothing.
    pub authority: Option<crate::domain::OrgNr>,
}

impl Caller {
    /// The authority whose statuses a registrar sets: its token's, else the publisher.
    pub fn registers_for(&self) -> crate::domain::OrgNr {
        self.authority.clone().unwrap_or_else(super::publisher)
    }

    /// Whether the caller may act as `needed`: an editor's and a registrar's work is theirs
    /// (a registrar's includes an editor's); submitting results is a region token's only.
    pub fn may(&self, needed: Role) -> bool {
        match (self.role, needed) {
            (Role::Region, _) | (_, Role::Region) => self.role == needed,
            (has, n) => has >= n,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("token name {0:?} must be 1–100 characters of letters, digits, '.', '_', '-' or '@'")]
    BadName(String),
    #[error("a region token needs the region's organisationsnummer (--region NNNNNN-NNNN)")]
    NoRegion,
    #[error("only a registrar's token is bound to a registration authority (--authority)")]
    AuthorityNotRegistrar,
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The stored form of a token: its SHA-256 in hex.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 32 random bytes from the operating system, in hex.
fn random_hex() -> Result<String, TokenError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| TokenError::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A new secret token (`vc_` and 64 hex digits).
pub fn generate() -> Result<String, TokenError> {
    Ok(format!("{PREFIX}{}", random_hex()?))
}

/// Whether `s` has the form of a token or a session id (so worth looking up at all).
pub fn well_formed(s: &str) -> bool {
    let hex = s.strip_prefix(PREFIX).unwrap_or(s);
    hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

fn check_name(name: &str) -> Result<(), TokenError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 100
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(TokenError::BadName(name.chars().take(40).collect()))
    }
}

/// Creates a token and returns it: the only time it is ever seen, as only its hash is kept.
/// A region token is made by [`create_for_region`].
pub fn create(db: &mut Db, name: &str, role: Role, at: &str) -> Result<String, TokenError> {
    if role == Role::Region {
        return Err(TokenError::NoRegion);
    }
    insert(db, name, role, None, None, at)
}

/// Creates a registrar's token bound to the registration authority `authority` (the
/// publisher's registrar when it is the publisher), and returns it.
pub fn create_registrar(
    db: &mut Db,
    name: &str,
    authority: &crate::domain::OrgNr,
    at: &str,
) -> Result<String, TokenError> {
    insert(
        db,
        name,
        Role::Registrar,
        None,
        Some(authority.to_string()),
        at,
    )
}

/// Creates a token of the role `region` for the region `region`, and returns it.
pub fn create_for_region(
    db: &mut Db,
    name: &str,
    region: &crate::domain::OrgNr,
    at: &str,
) -> Result<String, TokenError> {
    insert(db, name, Role::Region, Some(region.to_string()), None, at)
}

fn insert(
    db: &mut Db,
    name: &str,
    role: Role,
    region: Option<String>,
    authority: Option<String>,
    at: &str,
) -> Result<String, TokenError> {
    check_name(name)?;
    let token = generate()?;
    db.insert_token(&NewApiToken {
        name: name.to_owned(),
        role: role.as_str().to_owned(),
        token_hash: hash(&token),
        created_at: at.to_owned(),
        region,
        authority,
    })?;
    Ok(token)
}

/// The caller a presented token stands for, or `None` when it is unknown or revoked.
pub fn authenticate(db: &mut Db, presented: &str) -> Result<Option<Caller>, DbError> {
    let presented = presented.trim();
    if !presented.starts_with(PREFIX) {
        return Ok(None);
    }
    Ok(db.active_token(&hash(presented))?.and_then(caller_of))
}

/// A new session for the holder of `presented`, opened at `now` (seconds since the epoch):
/// its secret id (64 hex digits, for the cookie; only its hash is kept) and the caller, or
/// `None` when the token is unknown or revoked.
pub fn start_session(
    db: &mut Db,
    presented: &str,
    now: i64,
) -> Result<Option<(String, Caller)>, TokenError> {
    let presented = presented.trim();
    if !presented.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some(token) = db.active_token(&hash(presented))? else {
        return Ok(None);
    };
    let id = random_hex()?;
    db.start_session(
        &NewSession {
            session_hash: hash(&id),
            token_id: token.id,
            created_at: timestamp(now),
            expires_at: timestamp(now + SESSION_SECONDS),
        },
        &timestamp(now),
    )?;
    Ok(caller_of(token).map(|c| (id, c)))
}

/// The caller a session id stands for at `now` (seconds since the epoch), or `None` when it
/// is unknown, expired, signed out or its token revoked.
pub fn session_caller(db: &mut Db, id: &str, now: i64) -> Result<Option<Caller>, DbError> {
    Ok(db
        .session_token(&hash(id), &timestamp(now))?
        .and_then(caller_of))
}

/// Ends the session `id` (signing out).
pub fn end_session(db: &mut Db, id: &str) -> Result<(), DbError> {
    db.end_session(&hash(id))
}

/// Seconds since the epoch as the database's text timestamps (`2026-12-01T10:00:00Z`).
fn timestamp(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The caller a stored token stands for; a region token without its region stands for
/// nobody.
fn caller_of(t: ApiToken) -> Option<Caller> {
    let role = Role::parse(&t.role)?;
    if role == Role::Region && t.region.is_none() {
        return None;
    }
    // A registrar's authority that does not read (it was checked when stored) stands for
    // nobody rather than for the publisher.
    let authority = match (role, t.authority) {
        (Role::Registrar, Some(a)) => Some(crate::domain::OrgNr::parse(&a).ok()?),
        _ => None,
    };
    Some(Caller {
        name: t.name,
        role,
        region: t.region,
        authority,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_token_authenticates_and_only_its_hash_is_stored() {
        let mut db = Db::in_memory().expect("db");
        let token =
            create(&mut db, "anna", Role::Registrar, "2026-12-01T10:00:00Z").expect("token");
        assert!(token.starts_with("vc_") && token.len() == 3 + 64, "{token}");
        let stored = db.tokens().expect("tokens");
        assert_eq!(stored[0].token_hash, hash(&token));
        assert_ne!(stored[0].token_hash, token);
        let caller = authenticate(&mut db, &token).expect("db").expect("valid");
        assert_eq!(caller.name, "anna");
        assert!(caller.may(Role::Editor) && caller.may(Role::Registrar));
        assert!(authenticate(&mut db, "vc_00").expect("db").is_none());
        assert!(
            db.revoke_token("anna", "2026-12-02T00:00:00Z")
                .expect("revoke")
        );
        assert!(authenticate(&mut db, &token).expect("db").is_none());
    }

    #[test]
    fn a_session_stands_for_its_token_for_eight_hours_and_ends_with_it() {
        let mut db = Db::in_memory().expect("db");
        let token = create(&mut db, "anna", Role::Editor, "2026-12-01T10:00:00Z").expect("token");
        assert!(start_session(&mut db, "vc_00", 0).expect("db").is_none());
        let now = 1_800_000_000;
        let (id, caller) = start_session(&mut db, &token, now)
            .expect("db")
            .expect("valid");
        assert_eq!(caller.name, "anna");
        assert!(well_formed(&id) && id != token && !id.contains(&token[3..]));
        assert_eq!(
            session_caller(&mut db, &id, now + SESSION_SECONDS - 1).expect("db"),
            Some(caller)
        );
        assert!(
            session_caller(&mut db, &id, now + SESSION_SECONDS)
                .expect("db")
                .is_none(),
            "expired"
        );
        let (other, _) = start_session(&mut db, &token, now)
            .expect("db")
            .expect("valid");
        end_session(&mut db, &other).expect("end");
        assert!(session_caller(&mut db, &other, now).expect("db").is_none());
        db.revoke_token("anna", "2026-12-02T00:00:00Z")
            .expect("revoke");
        assert!(session_caller(&mut db, &id, now).expect("db").is_none());
    }

    #[test]
    fn editors_may_not_do_what_registrars_may() {
        let c = Caller {
            name: "e".into(),
            role: Role::Editor,
            region: None,
            authority: None,
        };
        assert!(c.may(Role::Editor) && !c.may(Role::Registrar));
    }

    #[test]
    fn a_region_token_only_submits_results_for_its_region() {
        let mut db = Db::in_memory().expect("db");
        assert!(matches!(
            create(&mut db, "r", Role::Region, "t"),
            Err(TokenError::NoRegion)
        ));
        let org = crate::domain::OrgNr::parse("232100-0016").expect("orgnr");
        let token = create_for_region(&mut db, "sthlm", &org, "t").expect("token");
        let caller = authenticate(&mut db, &token).expect("db").expect("valid");
        assert_eq!(caller.region.as_deref(), Some("232100-0016"));
        assert!(caller.may(Role::Region));
        assert!(!caller.may(Role::Editor) && !caller.may(Role::Registrar));
        let registrar = Caller {
            name: "r".into(),
            role: Role::Registrar,
            region: None,
            authority: None,
        };
        assert!(
            !registrar.may(Role::Region),
            "results come from the region's token"
        );
    }

    #[test]
    fn a_registrar_token_is_bound_to_its_authority() {
        let mut db = Db::in_memory().expect("db");
        let sos = crate::domain::OrgNr::parse("202100-0555").expect("orgnr");
        let token = create_registrar(&mut db, "sos", &sos, "t").expect("token");
        let caller = authenticate(&mut db, &token).expect("db").expect("valid");
        assert_eq!(caller.role, Role::Registrar);
        assert_eq!(caller.registers_for(), sos);
        assert_eq!(
            db.tokens().expect("tokens")[0].authority.as_deref(),
            Some("202100-0555")
        );
        let old = create(&mut db, "skr", Role::Registrar, "t").expect("token");
        let caller = authenticate(&mut db, &old).expect("db").expect("valid");
        assert_eq!(caller.registers_for(), crate::governance::publisher());
    }

    #[test]
    fn names_are_checked() {
        let mut db = Db::in_memory().expect("db");
        assert!(matches!(
            create(&mut db, "två ord", Role::Editor, "t"),
            Err(TokenError::BadName(_))
        ));
        assert!(matches!(
            create(&mut db, "", Role::Editor, "t"),
            Err(TokenError::BadName(_))
        ));
    }
}

//! Who is behind a request's credential, without making an HTTP worker wait on the database.
//!
//! API writes hold the database lock for their whole write, so a request thread that locked
//! it to look up a sign-in would stall the worker (and every request queued on it) during a
//! write. Instead, answers are kept in memory: a bounded map from the SHA-256 of a session id
//! or bearer token to the caller behind it (or to "nobody"), each trusted for [`RECHECK`].
//! A request whose answer is kept gets it at once; any other looks it up on actix's blocking
//! pool (`web::block`), so the worker thread never waits on the lock. Signing in keeps the
//! new session's answer, signing out forgets it. The database stays the truth: after a
//! restart, or on another server sharing the database, sessions are found there; a session
//! ended elsewhere (a token revoked with `varcat token revoke`, a sign-out on another server,
//! an expiry) stops counting here within [`RECHECK`].

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::web;
use lru::LruCache;

use crate::governance::{Caller, tokens};

use super::super::State;

/// How long a kept answer is trusted before the database is asked again.
pub const RECHECK: Duration = Duration::from_secs(30);

/// How many answers are kept (least recently used out first).
const KEPT: usize = 10_000;

/// What a request presents: an API token (`Authorization: Bearer`) or a session id (cookie).
#[derive(Debug, Clone)]
pub enum Credential {
    Token(String),
    Session(String),
}

impl Credential {
    /// The key its answer is kept under: its hash, never the secret itself.
    fn key(&self) -> String {
        match self {
            Credential::Token(t) => format!("t:{}", tokens::hash(t)),
            Credential::Session(s) => format!("s:{}", tokens::hash(s)),
        }
    }
}

struct Kept {
    caller: Option<Caller>,
    until: Instant,
}

/// The kept answers (one per server process, in `State`).
pub struct Callers {
    kept: Mutex<LruCache<String, Kept>>,
}

impl Default for Callers {
    fn default() -> Self {
        Self {
            kept: Mutex::new(LruCache::new(
                NonZeroUsize::new(KEPT).unwrap_or(NonZeroUsize::MIN),
            )),
        }
    }
}

impl Callers {
    /// The kept answer for `key`, if it is still to be trusted.
    fn fresh(&self, key: &str) -> Option<Option<Caller>> {
        let mut kept = self.kept.lock().ok()?;
        match kept.get(key) {
            Some(k) if k.until > Instant::now() => Some(k.caller.clone()),
            _ => None,
        }
    }

    fn keep(&self, key: String, caller: Option<Caller>) {
        if let Ok(mut kept) = self.kept.lock() {
            let until = Instant::now() + RECHECK;
            kept.put(key, Kept { caller, until });
        }
    }

    /// Keeps the answer for a session just opened.
    pub fn opened(&self, session: &str, caller: Caller) {
        self.keep(Credential::Session(session.to_owned()).key(), Some(caller));
    }

    /// Forgets a session just ended: from now on it stands for nobody.
    pub fn ended(&self, session: &str) {
        self.keep(Credential::Session(session.to_owned()).key(), None);
    }
}

/// The caller behind `cred`: the kept answer, else the database's, asked on the blocking
/// pool. A failed lookup counts as nobody and is not kept.
pub async fn caller(state: &State, cred: Credential) -> Option<Caller> {
    let key = cred.key();
    if let Some(kept) = state.callers.fresh(&key) {
        return kept;
    }
    let db = state.db.clone();
    let looked = web::block(move || {
        let mut db = db.lock().map_err(|_| ())?;
        match cred {
            Credential::Token(t) => tokens::authenticate(&mut db, &t),
            Credential::Session(s) => {
                tokens::session_caller(&mut db, &s, chrono::Utc::now().timestamp())
            }
        }
        .map_err(|e| tracing::warn!(error = %e, "looking up a sign-in failed"))
    })
    .await;
    match looked {
        Ok(Ok(caller)) => {
            state.callers.keep(key, caller.clone());
            caller
        }
        _ => None,
    }
}

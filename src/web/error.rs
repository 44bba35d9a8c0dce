//! The one error type of the web edge: a status, a message for the user, the cause for the log.
//!
//! Whatever fails inside (the store, the database, a template, the blocking pool, a file) reaches
//! the edge through a `From` conversion into [`WebError::Internal`], which keeps the error
//! itself, with its chain of sources. The user is told only that something failed inside (a
//! page of text here; a problem document from the API, see `api::error`); the log gets the
//! whole chain.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::feed::conneg::OFFERED;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("Hittades inte / Not found: {0}")]
    NotFound(String),
    #[error("Felaktig begäran / Bad request: {0}")]
    BadRequest(String),
    #[error("{0}")]
    NotAcceptable(String),
    /// The service cannot answer this now (a query cut off at its time limit, too many
    /// queries at once): 503.
    #[error("Tjänsten kan inte svara / Service unavailable: {0}")]
    Unavailable(String),
    /// Something failed inside: the user sees only this line, the log the cause and its chain.
    #[error("Internt fel / Internal error")]
    Internal(#[source] anyhow::Error),
}

impl WebError {
    /// An internal error caused by `cause` (kept whole for the log); a write refused because
    /// another server wrote to the remote store first is 503, to be tried again.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        let cause = cause.into();
        match crate::workspace::stale_write(&cause) {
            Some(message) => WebError::Unavailable(message),
            None => WebError::Internal(cause),
        }
    }

    /// An internal error with no error value behind it, only what the code knows (a poisoned
    /// lock, a broken invariant), with `context` naming what failed.
    pub fn internal_msg(context: impl std::fmt::Display) -> Self {
        WebError::Internal(anyhow::anyhow!("{context}"))
    }

    /// A lock another request panicked while holding.
    pub fn lock_poisoned() -> Self {
        Self::internal_msg("database lock")
    }

    /// The whole message, cause and its chain included (for logs and the command line, not for
    /// users).
    pub fn detail(&self) -> String {
        match self {
            WebError::Internal(cause) => format!("internal error: {}", chain(cause)),
            other => other.to_string(),
        }
    }

    pub fn not_acceptable(asked: &str) -> Self {
        WebError::NotAcceptable(format!(
            "Inte tillgängligt i det formatet / Not available as {asked:?}.\n\
             Ask with an Accept header for one of: {}\n\
             or add a suffix: .ttl .rdf .jsonld .nt",
            OFFERED.join(", ")
        ))
    }
}

/// An error and its sources on one line, `outer: inner: innermost`, leaving out a source whose
/// text the message before it already shows (many errors here print their source too).
pub fn chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.is_empty() {
            out = text;
        } else if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
}

/// Errors from inside that reach the edge: each becomes [`WebError::Internal`] with the error
/// kept as its cause.
macro_rules! internal_from {
    ($($t:ty),* $(,)?) => {
        $(impl From<$t> for WebError {
            fn from(e: $t) -> Self {
                WebError::internal(e)
            }
        })*
    };
}

internal_from!(
    anyhow::Error,
    crate::store::StoreError,
    crate::db::DbError,
    crate::releases::ReleaseError,
    crate::search::SearchError,
    crate::export::ExportError,
    oxigraph::store::StorageError,
    oxigraph::model::IriParseError,
    actix_web::error::BlockingError,
    askama::Error,
    std::io::Error,
    serde_json::Error,
    csv::Error,
    getrandom::Error,
    std::string::FromUtf8Error,
);

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let WebError::Internal(cause) = self {
            tracing::error!(cause = %chain(cause), "request failed");
        }
        HttpResponse::build(self.status_code())
            .content_type("text/plain; charset=utf-8")
            .body(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer: {0}")]
    struct Shows(#[source] std::io::Error);

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Hides(#[source] std::io::Error);

    fn io() -> std::io::Error {
        std::io::Error::other("disk full")
    }

    #[test]
    fn the_user_sees_no_cause_the_log_sees_the_whole_chain() {
        let e = WebError::from(anyhow::Error::new(Hides(io())));
        assert_eq!(e.to_string(), "Internt fel / Internal error");
        assert_eq!(e.detail(), "internal error: outer: disk full");
        assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        let source = std::error::Error::source(&e).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("outer"));
    }

    #[test]
    fn a_source_the_message_already_shows_is_not_repeated() {
        let e = WebError::internal(Shows(io()));
        assert_eq!(e.detail(), "internal error: outer: disk full");
    }

    #[test]
    fn a_write_another_server_made_first_is_503_to_try_again() {
        let stale = crate::store::StoreError::Stale {
            engine: 3,
            local: 2,
        };
        let e = WebError::internal(crate::workspace::WorkspaceError::Store(stale));
        assert_eq!(e.status_code(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(e.to_string().contains("another server"), "{e}");
        let other = WebError::internal(crate::store::StoreError::Remote("down".into()));
        assert_eq!(other.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}

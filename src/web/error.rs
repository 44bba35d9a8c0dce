//! The one error type of the web edge: a status, a message for the user, the cause for the log.

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
    #[error("Internt fel / Internal error")]
    Internal(String),
}

impl WebError {
    /// The whole message, cause included (for logs and the command line, not for users).
    pub fn detail(&self) -> String {
        match self {
            WebError::Internal(cause) => format!("internal error: {cause}"),
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

impl From<crate::store::StoreError> for WebError {
    fn from(e: crate::store::StoreError) -> Self {
        WebError::Internal(e.to_string())
    }
}

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
            tracing::error!(%cause, "request failed");
        }
        HttpResponse::build(self.status_code())
            .content_type("text/plain; charset=utf-8")
            .body(self.to_string())
    }
}

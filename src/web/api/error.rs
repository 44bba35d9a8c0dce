//! The API's error type: every refusal as an RFC 9457 problem document
//! (`application/problem+json`) with a status, a title, the detail, and — for invalid input —
//! every field's problem. 401 carries `WWW-Authenticate: Bearer`, 405 `Allow`. A failure
//! inside keeps its cause (with its chain) for the log; the document says only "internal error".

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

use crate::governance::WriteError;
use crate::import::record::FieldProblem;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No token, or one that is unknown or revoked (`invalid`).
    #[error("{message}")]
    Unauthorized { message: String, invalid: bool },
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    /// A stale `If-Match`, or a status change the lifecycle refuses.
    #[error("{message}")]
    Conflict {
        title: &'static str,
        message: String,
        current_etag: Option<String>,
        allowed: Option<Vec<String>>,
    },
    #[error("{0}")]
    PreconditionRequired(String),
    /// A method the path does not answer; `allow` lists those it does.
    #[error("this path answers {allow} only")]
    MethodNotAllowed { allow: &'static str },
    #[error("{} problem(s) in the request; nothing was written", .0.len())]
    Invalid(Vec<FieldProblem>),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// An internal error caused by `cause` (kept whole for the log).
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        let cause = cause.into();
        match crate::workspace::stale_write(&cause) {
            // Another server wrote to the remote store first: the caller reads and tries again.
            Some(message) => ApiError::Conflict {
                title: "Changed on another server",
                message,
                current_etag: None,
                allowed: None,
            },
            None => ApiError::Internal(cause),
        }
    }

    /// An internal error from a web-edge error, whatever its kind: its cause if it has one.
    pub fn internal_of(e: crate::web::WebError) -> Self {
        match e {
            crate::web::WebError::Internal(cause) => ApiError::internal(cause),
            other => ApiError::Internal(other.into()),
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::Unauthorized { .. } => "Unauthorized",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::NotFound(_) => "Not found",
            ApiError::BadRequest(_) => "Bad request",
            ApiError::Conflict { title, .. } => title,
            ApiError::PreconditionRequired(_) => "If-Match required",
            ApiError::MethodNotAllowed { .. } => "Method not allowed",
            ApiError::Invalid(_) => "Invalid input",
            ApiError::Internal(_) => "Internal error",
        }
    }
}

impl From<WriteError> for ApiError {
    fn from(e: WriteError) -> Self {
        let message = e.to_string();
        match e {
            WriteError::Forbidden { .. } | WriteError::WrongAuthority { .. } => {
                ApiError::Forbidden(message)
            }
            WriteError::NotFound(_) => ApiError::NotFound(message),
            WriteError::PreconditionRequired { .. } => ApiError::PreconditionRequired(message),
            WriteError::Stale { current, .. } => ApiError::Conflict {
                title: "Edit conflict",
                message,
                current_etag: current,
                allowed: None,
            },
            WriteError::Invalid(problems) => ApiError::Invalid(problems),
            WriteError::Refused(r) => ApiError::Conflict {
                title: "Status change not allowed",
                message,
                current_etag: None,
                allowed: Some(r.allowed().iter().map(|s| s.as_str().to_owned()).collect()),
            },
            WriteError::Store(cause) => ApiError::internal(cause),
            WriteError::Db(cause) => ApiError::Internal(cause.into()),
        }
    }
}

impl From<crate::web::WebError> for ApiError {
    fn from(e: crate::web::WebError) -> Self {
        match e {
            crate::web::WebError::NotFound(m) => ApiError::NotFound(m),
            crate::web::WebError::BadRequest(m) => ApiError::BadRequest(m),
            other => ApiError::internal_of(other),
        }
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(e: crate::db::DbError) -> Self {
        ApiError::Internal(e.into())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(e.into())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(cause = %crate::web::error::chain(cause), "API request failed");
        }
        let status = self.status_code();
        let mut body = json!({
            "type": "about:blank",
            "title": self.title(),
            "status": status.as_u16(),
            "detail": self.to_string(),
        });
        match self {
            ApiError::Invalid(problems) => body["errors"] = json!(problems),
            ApiError::Conflict {
                current_etag,
                allowed,
                ..
            } => {
                if let Some(tag) = current_etag {
                    body["current_etag"] = json!(tag);
                }
                if let Some(allowed) = allowed {
                    body["allowed"] = json!(allowed);
                }
            }
            _ => {}
        }
        let mut resp = HttpResponse::build(status);
        resp.content_type("application/problem+json");
        if let ApiError::Unauthorized { invalid, .. } = self {
            let challenge = if *invalid {
                "Bearer realm=\"varcat\", error=\"invalid_token\""
            } else {
                "Bearer realm=\"varcat\""
            };
            resp.insert_header(("WWW-Authenticate", challenge));
        }
        if let ApiError::MethodNotAllowed { allow } = self {
            resp.insert_header(("Allow", *allow));
        }
        resp.body(body.to_string())
    }
}

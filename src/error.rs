//! One error type for handlers. Each variant becomes a page in the reader's
//! language (see `web::middleware::render_errors`); causes go to the log,
//! never to the page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::db::{DbError, QueryError};
use crate::domain::text::TextProblem;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Not signed in (or the session ended): go to the sign-in page.
    #[error("sign-in required")]
    Unauthenticated,
    /// The form's CSRF token or origin did not match.
    #[error("CSRF check failed")]
    Csrf,
    /// Someone else changed it first; the message key says what to do.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("bad request")]
    BadRequest,
    /// The request body is over the size Cermin reads.
    #[error("request too large")]
    TooLarge,
    /// A value that is not text Cermin accepts (see `domain::text`); the
    /// label names the field it came in.
    #[error("refused {label}: {problem:?}")]
    Refused {
        label: &'static str,
        problem: TextProblem,
    },
    #[error("database busy")]
    Unavailable,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl AppError {
    pub fn unexpected(e: impl std::fmt::Display) -> Self {
        AppError::Unexpected(anyhow::anyhow!("{e}"))
    }

    /// The translation keys of the page's heading and explanation.
    pub fn message_keys(&self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => ("error-not-found-title", "error-not-found-body"),
            AppError::Forbidden => ("error-forbidden-title", "error-forbidden-body"),
            AppError::Unauthenticated => ("error-forbidden-title", "error-forbidden-body"),
            AppError::Csrf => ("error-csrf-title", "error-csrf-body"),
            AppError::Conflict(key) => ("error-conflict-title", key),
            AppError::BadRequest => ("error-bad-request-title", "error-bad-request-body"),
            AppError::TooLarge => ("error-too-large-title", "error-too-large-body"),
            AppError::Refused { problem, .. } => ("error-refused-title", problem.message_key()),
            AppError::Unavailable => ("error-unavailable-title", "error-unavailable-body"),
            AppError::Unexpected(_) => ("error-unexpected-title", "error-unexpected-body"),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Unauthenticated => StatusCode::SEE_OTHER,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Refused {
                problem: TextProblem::TooLong,
                ..
            } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Refused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare response; the error-page middleware fills in the body in the
    /// reader's language (it knows the request, this does not).
    fn error_response(&self) -> HttpResponse {
        if let AppError::Unexpected(e) = self {
            tracing::error!(error = ?e, "request failed");
        }
        HttpResponse::build(self.status_code()).finish()
    }
}

impl From<QueryError> for AppError {
    fn from(e: QueryError) -> Self {
        if let Some(cause) = crate::db::unavailable_cause(&e) {
            // One line naming the cause; the page says nothing was saved.
            tracing::error!(cause, error = %e, "database unavailable");
            return AppError::Unavailable;
        }
        match e {
            QueryError::NotFound => AppError::NotFound,
            other => AppError::Unexpected(anyhow::Error::new(other)),
        }
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Pool(_) | DbError::Connect(_) => {
                tracing::error!(cause = "no connection", error = %e, "database unavailable");
                AppError::Unavailable
            }
            DbError::Query(q) => q.into(),
            other => AppError::Unexpected(anyhow::Error::new(other)),
        }
    }
}

impl From<tera::Error> for AppError {
    fn from(e: tera::Error) -> Self {
        AppError::Unexpected(anyhow::anyhow!("template: {e:?}"))
    }
}

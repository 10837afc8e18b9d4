//! Application commands: every change of state goes through one of these.
//!
//! A command takes the acting person ([`Actor`]), input already parsed into
//! domain types, and the clock; opens one transaction; asks
//! [`crate::domain::policy`] on rows read inside that transaction; changes
//! state under a condition (`UPDATE … WHERE state = ?`, checking the rows
//! affected); and writes its audit and outbox rows in the same transaction.
//! Handlers parse the request, call one command (or one read from `db`), and
//! render. The same commands will serve a JSON API.

pub mod calibration;
pub mod cycles;
pub mod drafts;
pub mod exports;
pub mod fairness;
pub mod form_templates;
pub mod insights;
pub mod journal;
pub mod mail;
pub mod notifications;
pub mod own_data;
pub mod people;
pub mod progress;
pub mod reviews;

pub use crate::domain::policy::Actor;

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::QueryError;

/// The moment a command runs: now in UTC (as stored) and today's date in the
/// instance's time zone (due dates and phases follow it). Passed in, so tests
/// and the scheduler can run a command at any moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: NaiveDateTime,
    pub today: NaiveDate,
}

impl Clock {
    pub fn at(now: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> Self {
        Self {
            now: now.naive_utc(),
            today: now.with_timezone(&tz).date_naive(),
        }
    }
}

/// Why a command refused or failed. Pages render each as a message in the
/// reader's language; nothing here is a 500 except a database failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// The actor may not do this (decided by `domain::policy`).
    #[error("forbidden")]
    Forbidden,
    /// The state does not allow it (a message key says why).
    #[error("not allowed now: {0}")]
    NotNow(&'static str),
    /// Someone else changed it first: a race lost, or a stale version.
    #[error("changed meanwhile: {0}")]
    Conflict(&'static str),
    #[error("missing answers")]
    Incomplete(Vec<String>),
    /// Comments whose author has not chosen who reads them (their ids):
    /// a review is not shared while one is left.
    #[error("comments without a visibility")]
    Unchosen(Vec<String>),
    #[error("participants without a manager")]
    NoManager(Vec<String>),
    #[error("no participants")]
    NoParticipants,
    #[error("dates: {0}")]
    Dates(&'static str),
    /// Checks that need the database failed: (field, message key) pairs.
    #[error("invalid input")]
    Invalid(Vec<(String, &'static str)>),
    #[error(transparent)]
    Query(#[from] QueryError),
}

impl From<crate::domain::review::TransitionError> for Error {
    fn from(_: crate::domain::review::TransitionError) -> Self {
        Error::NotNow("error-review-not-now")
    }
}

impl From<Error> for crate::error::AppError {
    /// The default page for a refusal; handlers that show a refusal inside
    /// their own form match on the variants instead.
    fn from(e: Error) -> Self {
        use crate::error::AppError;
        match e {
            Error::NotFound => AppError::NotFound,
            Error::Forbidden => AppError::Forbidden,
            Error::NotNow(key) | Error::Conflict(key) => AppError::Conflict(key),
            Error::Incomplete(_) | Error::Unchosen(_) | Error::Dates(_) | Error::Invalid(_) => {
                AppError::Conflict("error-review-not-now")
            }
            Error::NoManager(_) => AppError::Conflict("cycles-error-no-manager"),
            Error::NoParticipants => AppError::Conflict("cycles-error-no-participants-launch"),
            Error::Query(q) => q.into(),
        }
    }
}

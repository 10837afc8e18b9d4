//! Who is asking: filled in once per request by the session middleware and
//! read by handlers through these extractors.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};
use serde::Serialize;

use crate::domain::policy::Actor;
use crate::domain::{Lang, Role};
use crate::error::AppError;

/// The signed-in person.
#[derive(Debug, Clone, Serialize)]
pub struct SignedIn {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub is_hr: bool,
    /// Someone reports to this person (or their role is manager).
    pub has_reports: bool,
    pub manager_id: Option<String>,
    pub lang: Lang,
    #[serde(skip)]
    pub session_hash: String,
}

impl SignedIn {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id.clone(),
            role: self.role,
        }
    }
}

/// Every request has one: signed in or not, the language to answer in, and
/// the CSRF token forms must carry.
#[derive(Debug, Clone, Serialize)]
pub struct Visitor {
    pub user: Option<SignedIn>,
    pub lang: Lang,
    pub csrf_token: String,
    /// A session cookie came in but its session had ended.
    pub session_ended: bool,
    pub path: String,
}

impl FromRequest for Visitor {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<Visitor>()
                .cloned()
                .ok_or(AppError::unexpected("session middleware missing")),
        )
    }
}

/// A handler that takes `CurrentUser` is for signed-in people only; others
/// are sent to the sign-in page.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: SignedIn,
    pub visitor: Visitor,
}

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        self.user.actor()
    }

    /// Go on only if the policy rule allows this person; otherwise 403.
    pub fn require(&self, rule: fn(&Actor) -> bool) -> Result<(), AppError> {
        if rule(&self.actor()) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let visitor = req.extensions().get::<Visitor>().cloned();
        ready(match visitor {
            Some(v) => match v.user.clone() {
                Some(user) => Ok(CurrentUser { user, visitor: v }),
                None => Err(AppError::Unauthenticated),
            },
            None => Err(AppError::unexpected("session middleware missing")),
        })
    }
}

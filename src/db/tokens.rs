//! One-time tokens: the first-run setup link, invitations, password resets.
//! Only the token's hash is stored; using one marks it used.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::one_time_tokens;
use super::{DbConnection, QueryResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Setup,
    Invitation,
    PasswordReset,
    /// The second step of a sign-in held back by the throttle.
    SignIn,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Setup => "setup",
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
            Purpose::SignIn => "sign_in",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = one_time_tokens)]
pub struct TokenRow {
    pub token_hash: String,
    pub purpose: String,
    pub person_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: Purpose,
    person_id: Option<&str>,
    created_by: Option<&str>,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(one_time_tokens::table)
        .values((
            one_time_tokens::token_hash.eq(token_hash),
            one_time_tokens::purpose.eq(purpose.code()),
            one_time_tokens::person_id.eq(person_id),
            one_time_tokens::created_by.eq(created_by),
            one_time_tokens::created_at.eq(now),
            one_time_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A token that is unused and not expired, for this purpose.
pub fn find_live(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: Purpose,
    now: NaiveDateTime,
) -> QueryResult<Option<TokenRow>> {
    one_time_tokens::table
        .filter(one_time_tokens::token_hash.eq(token_hash))
        .filter(one_time_tokens::purpose.eq(purpose.code()))
        .filter(one_time_tokens::used_at.is_null())
        .filter(one_time_tokens::expires_at.gt(now))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
}

/// Mark used; returns false if someone else used it first (single use even
/// under a race).
pub fn consume(conn: &mut DbConnection, token_hash: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::token_hash.eq(token_hash))
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Void a person's unused tokens of one purpose (a new invitation replaces the old).
pub fn revoke(
    conn: &mut DbConnection,
    purpose: Purpose,
    person_id: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let q = one_time_tokens::table
        .filter(one_time_tokens::purpose.eq(purpose.code()))
        .filter(one_time_tokens::used_at.is_null());
    match person_id {
        Some(p) => diesel::update(q.filter(one_time_tokens::person_id.eq(p)))
            .set(one_time_tokens::used_at.eq(Some(now)))
            .execute(conn),
        None => diesel::update(q)
            .set(one_time_tokens::used_at.eq(Some(now)))
            .execute(conn),
    }
}

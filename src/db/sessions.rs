//! Sessions, sign-in attempts and trusted devices.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{login_attempts, people, sessions, trusted_devices};
use super::{new_id, DbConnection, QueryResult};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub token_hash: String,
    pub person_id: String,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Who a session belongs to: what every request needs of them, and not
/// the rest of their row (a job description is a kilobyte or more, read on
/// every request otherwise).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct SessionPerson {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub manager_id: Option<String>,
    pub lang: String,
    pub active: bool,
}

/// The session and its person, in one query.
pub fn find_with_person(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<(SessionRow, SessionPerson)>> {
    sessions::table
        .inner_join(people::table)
        .filter(sessions::token_hash.eq(token_hash))
        .select((SessionRow::as_select(), SessionPerson::as_select()))
        .first(conn)
        .optional()
}

pub fn touch(conn: &mut DbConnection, token_hash: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(sessions::table.find(token_hash))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
}

pub fn delete(conn: &mut DbConnection, token_hash: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(token_hash)).execute(conn)
}

/// Sign a person out everywhere (password change, deactivation).
pub fn delete_for_person(conn: &mut DbConnection, person_id: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::person_id.eq(person_id))).execute(conn)
}

/// Sign a person out everywhere except the current session.
pub fn delete_others(conn: &mut DbConnection, person_id: &str, keep: &str) -> QueryResult<usize> {
    diesel::delete(
        sessions::table
            .filter(sessions::person_id.eq(person_id))
            .filter(sessions::token_hash.ne(keep)),
    )
    .execute(conn)
}

/// Remove sessions past their absolute deadline or long idle.
pub fn purge_expired(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    idle: Duration,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::expires_at
                .le(now)
                .or(sessions::last_seen_at.le(now - idle)),
        ),
    )
    .execute(conn)
}

pub fn record_attempt(
    conn: &mut DbConnection,
    email: &str,
    client_ip: &str,
    succeeded: bool,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::id.eq(new_id()),
            login_attempts::at.eq(at),
            login_attempts::email.eq(email),
            login_attempts::client_ip.eq(client_ip),
            login_attempts::succeeded.eq(succeeded),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Failures since `since` for an account and for an address.
pub fn failure_counts(
    conn: &mut DbConnection,
    email: &str,
    client_ip: &str,
    since: NaiveDateTime,
) -> QueryResult<(i64, i64)> {
    let recent = login_attempts::table
        .filter(login_attempts::at.gt(since))
        .filter(login_attempts::succeeded.eq(false));
    let by_account = recent
        .filter(login_attempts::email.eq(email))
        .count()
        .get_result(conn)?;
    let by_address = login_attempts::table
        .filter(login_attempts::at.gt(since))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::client_ip.eq(client_ip))
        .count()
        .get_result(conn)?;
    Ok((by_account, by_address))
}

pub fn purge_attempts(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(login_attempts::table.filter(login_attempts::at.lt(before))).execute(conn)
}

pub fn trust_device(
    conn: &mut DbConnection,
    token_hash: &str,
    person_id: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(trusted_devices::table)
        .values((
            trusted_devices::token_hash.eq(token_hash),
            trusted_devices::person_id.eq(person_id),
            trusted_devices::created_at.eq(now),
            trusted_devices::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Remove trusted devices whose trust ended before `now`.
pub fn purge_expired_devices(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(trusted_devices::table.filter(trusted_devices::expires_at.lt(now))).execute(conn)
}

pub fn is_trusted_device(
    conn: &mut DbConnection,
    token_hash: &str,
    person_id: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        trusted_devices::table
            .filter(trusted_devices::token_hash.eq(token_hash))
            .filter(trusted_devices::person_id.eq(person_id))
            .filter(trusted_devices::expires_at.gt(now)),
    ))
    .get_result(conn)
}

//! Forms that arrived after their session ended, kept until their owner signs in.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::form_stash;
use super::{now, DbConnection, QueryResult};

pub fn put(
    conn: &mut DbConnection,
    token_hash: &str,
    person_id: &str,
    path: &str,
    body: &str,
) -> QueryResult<()> {
    diesel::insert_into(form_stash::table)
        .values((
            form_stash::token_hash.eq(token_hash),
            form_stash::person_id.eq(person_id),
            form_stash::path.eq(path),
            form_stash::body.eq(body),
            form_stash::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The kept body for this person and page, removed as it is taken.
pub fn take(
    conn: &mut DbConnection,
    token_hash: &str,
    person_id: &str,
    path: &str,
) -> QueryResult<Option<String>> {
    let body: Option<String> = form_stash::table
        .filter(form_stash::token_hash.eq(token_hash))
        .filter(form_stash::person_id.eq(person_id))
        .filter(form_stash::path.eq(path))
        .select(form_stash::body)
        .first(conn)
        .optional()?;
    if body.is_some() {
        diesel::delete(form_stash::table.find(token_hash)).execute(conn)?;
    }
    Ok(body)
}

/// Remove kept forms made before `before` (unclaimed: their owner never came back).
pub fn purge_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(form_stash::table.filter(form_stash::created_at.lt(before))).execute(conn)
}

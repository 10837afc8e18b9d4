//! In-app notifications: what a person is told on their home page (a
//! review moved, a rating was adjusted), written in the transaction of the
//! event, and dismissed by their owner.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{notifications, people};
use super::{new_id, now, DbConnection, QueryResult};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: String,
    pub person_id: String,
    pub kind: String,
    pub review_id: Option<String>,
    pub details: String,
    pub actor_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

pub fn notify(
    conn: &mut DbConnection,
    person_id: &str,
    kind: &str,
    review_id: Option<&str>,
    actor_id: Option<&str>,
    details: &str,
) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::id.eq(new_id()),
            notifications::person_id.eq(person_id),
            notifications::kind.eq(kind),
            notifications::review_id.eq(review_id),
            notifications::details.eq(details),
            notifications::actor_id.eq(actor_id),
            notifications::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Unread notifications with the actor's name, newest first.
pub fn unread(
    conn: &mut DbConnection,
    person_id: &str,
    limit: i64,
) -> QueryResult<Vec<(NotificationRow, Option<String>)>> {
    notifications::table
        .left_join(people::table.on(notifications::actor_id.eq(people::id.nullable())))
        .filter(notifications::person_id.eq(person_id))
        .filter(notifications::read_at.is_null())
        .order(notifications::created_at.desc())
        .limit(limit)
        .select((NotificationRow::as_select(), people::name.nullable()))
        .load(conn)
}

/// One notification, if it exists.
pub fn find_notification(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Option<NotificationRow>> {
    notifications::table
        .find(id)
        .select(NotificationRow::as_select())
        .first(conn)
        .optional()
}

/// Mark a notification read (dismissed), if it is not already.
pub fn dismiss_notification(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(now())))
    .execute(conn)
}

//! The audit log: one row per state change, written in the same transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{audit_log, people};
use super::{new_id, now, DbConnection, QueryResult};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub review_id: Option<String>,
    pub cycle_id: Option<String>,
    pub details: String,
}

/// One audit record. `details` is a short JSON object of what changed.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    pub review_id: Option<&'a str>,
    pub cycle_id: Option<&'a str>,
    pub details: serde_json::Value,
}

pub fn record(conn: &mut DbConnection, e: Entry<'_>) -> QueryResult<()> {
    let details = if e.details.is_null() {
        String::new()
    } else {
        e.details.to_string()
    };
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(new_id()),
            audit_log::at.eq(now()),
            audit_log::actor_id.eq(e.actor_id),
            audit_log::action.eq(e.action),
            audit_log::subject_type.eq(e.subject_type),
            audit_log::subject_id.eq(e.subject_id),
            audit_log::review_id.eq(e.review_id),
            audit_log::cycle_id.eq(e.cycle_id),
            audit_log::details.eq(details),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Newest first, with the actor's name.
pub fn list(
    conn: &mut DbConnection,
    action: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<(AuditRow, Option<String>)>> {
    let mut q = audit_log::table
        .left_join(people::table.on(audit_log::actor_id.eq(people::id.nullable())))
        .into_boxed();
    if let Some(a) = action.filter(|a| !a.is_empty()) {
        q = q.filter(audit_log::action.eq(a.to_string()));
    }
    q.order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(limit)
        .offset(offset)
        .select((AuditRow::as_select(), people::name.nullable()))
        .load(conn)
}

pub fn count(conn: &mut DbConnection, action: Option<&str>) -> QueryResult<i64> {
    let mut q = audit_log::table.into_boxed();
    if let Some(a) = action.filter(|a| !a.is_empty()) {
        q = q.filter(audit_log::action.eq(a.to_string()));
    }
    q.count().get_result(conn)
}

pub fn for_subject(
    conn: &mut DbConnection,
    subject_id: &str,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::subject_id.eq(subject_id))
        .order(audit_log::at.desc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

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

/// Where a page of the audit log starts: the row just beyond it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub at: NaiveDateTime,
    pub id: String,
}

impl Cursor {
    pub fn of(row: &AuditRow) -> Self {
        Cursor {
            at: row.at,
            id: row.id.clone(),
        }
    }

    /// As it travels in an address: `<at>_<id>`, the time to the last
    /// digit stored (a rounded time would put the row itself beyond it).
    pub fn encode(&self) -> String {
        format!("{}_{}", self.at.format("%Y-%m-%dT%H:%M:%S%.f"), self.id)
    }

    /// `None` for anything [`Cursor::encode`] did not make.
    pub fn decode(s: &str) -> Option<Self> {
        let (at, id) = s.split_once('_')?;
        let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
        let id = uuid::Uuid::parse_str(id).ok()?.hyphenated().to_string();
        Some(Cursor { at, id })
    }
}

/// Which way a page goes from its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Older,
    Newer,
}

/// Up to `limit` records, newest first, with the actor's name: the newest of
/// all, or those just older or just newer than `from`. Key-set paging on
/// `(at, id)`, so every page costs the same however deep it is.
pub fn page(
    conn: &mut DbConnection,
    action: Option<&str>,
    from: Option<(&Cursor, Direction)>,
    limit: i64,
) -> QueryResult<Vec<(AuditRow, Option<String>)>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text, Timestamp};
    let mut q = audit_log::table
        .left_join(people::table.on(audit_log::actor_id.eq(people::id.nullable())))
        .into_boxed();
    if let Some(a) = action.filter(|a| !a.is_empty()) {
        q = q.filter(audit_log::action.eq(a.to_string()));
    }
    let newer = matches!(from, Some((_, Direction::Newer)));
    if let Some((c, direction)) = from {
        let op = match direction {
            Direction::Older => "<",
            Direction::Newer => ">",
        };
        // A row-value comparison: both databases walk the (at, id) index.
        q = q.filter(
            sql::<Bool>(&format!("(audit_log.at, audit_log.id) {op} ("))
                .bind::<Timestamp, _>(c.at)
                .sql(", ")
                .bind::<Text, _>(c.id.clone())
                .sql(")"),
        );
    }
    q = if newer {
        q.order((audit_log::at.asc(), audit_log::id.asc()))
    } else {
        q.order((audit_log::at.desc(), audit_log::id.desc()))
    };
    let mut rows: Vec<(AuditRow, Option<String>)> = q
        .limit(limit)
        .select((AuditRow::as_select(), people::name.nullable()))
        .load(conn)?;
    if newer {
        rows.reverse();
    }
    Ok(rows)
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

#[cfg(test)]
mod tests {
    use super::Cursor;

    #[test]
    fn a_cursor_keeps_every_digit_of_its_time() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_nano_opt(9, 40, 1, 123_456_789))
            .expect("time");
        let c = Cursor {
            at,
            id: "0192f0c4-5b7e-7cc1-8f3a-1b2c3d4e5f60".into(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        assert_eq!(Cursor::decode("2026-11-30T09:40:01_not-an-id"), None);
        assert_eq!(
            Cursor::decode("yesterday_0192f0c4-5b7e-7cc1-8f3a-1b2c3d4e5f60"),
            None
        );
    }
}

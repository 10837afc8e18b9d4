//! Journal entries: a person's own dated notes, and a manager's notes about a report.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::journal_entries;
use super::{DbConnection, QueryResult};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = journal_entries)]
pub struct JournalRow {
    pub id: String,
    pub author_id: String,
    pub subject_id: String,
    pub entry_on: NaiveDate,
    pub kind: String,
    pub body: String,
    pub visibility: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub const KINDS: [&str; 4] = ["note", "incident", "win", "customer_feedback"];

pub fn insert(conn: &mut DbConnection, row: &JournalRow) -> QueryResult<()> {
    diesel::insert_into(journal_entries::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<JournalRow>> {
    journal_entries::table
        .find(id)
        .select(JournalRow::as_select())
        .first(conn)
        .optional()
}

/// Entries `author` wrote about `subject`, newest first.
pub fn list(
    conn: &mut DbConnection,
    author_id: &str,
    subject_id: &str,
) -> QueryResult<Vec<JournalRow>> {
    journal_entries::table
        .filter(journal_entries::author_id.eq(author_id))
        .filter(journal_entries::subject_id.eq(subject_id))
        .order((
            journal_entries::entry_on.desc(),
            journal_entries::created_at.desc(),
        ))
        .select(JournalRow::as_select())
        .load(conn)
}

/// Like [`list`], a page at a time: `limit` entries from `offset`.
pub fn page(
    conn: &mut DbConnection,
    author_id: &str,
    subject_id: &str,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<JournalRow>> {
    journal_entries::table
        .filter(journal_entries::author_id.eq(author_id))
        .filter(journal_entries::subject_id.eq(subject_id))
        .order((
            journal_entries::entry_on.desc(),
            journal_entries::created_at.desc(),
            journal_entries::id.desc(),
        ))
        .limit(limit)
        .offset(offset)
        .select(JournalRow::as_select())
        .load(conn)
}

/// Notes by anyone other than the subject (managers' notes), for HR.
pub fn notes_about(conn: &mut DbConnection, subject_id: &str) -> QueryResult<Vec<JournalRow>> {
    journal_entries::table
        .filter(journal_entries::subject_id.eq(subject_id))
        .filter(journal_entries::author_id.ne(subject_id))
        .order(journal_entries::entry_on.desc())
        .select(JournalRow::as_select())
        .load(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: &str,
    entry_on: NaiveDate,
    kind: &str,
    body: &str,
) -> QueryResult<usize> {
    diesel::update(journal_entries::table.find(id))
        .set((
            journal_entries::entry_on.eq(entry_on),
            journal_entries::kind.eq(kind),
            journal_entries::body.eq(body),
            journal_entries::updated_at.eq(super::now()),
        ))
        .execute(conn)
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(journal_entries::table.find(id)).execute(conn)
}

/// Everything a person wrote: their own journal and their notes about
/// others, oldest first.
pub fn written_by(conn: &mut DbConnection, author_id: &str) -> QueryResult<Vec<JournalRow>> {
    journal_entries::table
        .filter(journal_entries::author_id.eq(author_id))
        .order((
            journal_entries::entry_on.asc(),
            journal_entries::created_at.asc(),
        ))
        .select(JournalRow::as_select())
        .load(conn)
}

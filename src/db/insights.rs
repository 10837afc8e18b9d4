//! Reads for "strengths and weaknesses over time": how often each
//! competency was named as a strength or a weakness in each recent cycle,
//! optionally in one department, and the support people asked for in their
//! goals. Grouped in the database.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::cycles::CycleRow;
use super::schema::review_cycles;
use super::{DbConnection, QueryResult};
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};

/// The most recent launched cycles, newest first.
pub fn recent_cycles(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<CycleRow>> {
    review_cycles::table
        .filter(review_cycles::launched_at.is_not_null())
        .order((review_cycles::opens_on.desc(), review_cycles::id.desc()))
        .limit(limit)
        .select(CycleRow::as_select())
        .load(conn)
}

/// `?n` for SQLite, `$n` for PostgreSQL.
fn dialect(conn: &DbConnection, sql: String) -> String {
    match conn {
        DbConnection::Sqlite(_) => sql.replace('$', "?"),
        DbConnection::Pg(_) => sql,
    }
}

/// A statement over some cycles, in one department or all: `{cycles}` in
/// `sql` becomes the cycle ids' placeholders and `{department}` the
/// department's condition (on `p.department`); both are bound.
fn in_cycles(
    conn: &DbConnection,
    sql: &str,
    cycle_ids: &[String],
    department: Option<&str>,
) -> BoxedSqlQuery<'static, <DbConnection as Connection>::Backend, SqlQuery> {
    let cycles = (0..cycle_ids.len())
        .map(|i| format!("${}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let condition = if department.is_some() {
        " AND p.department = $1"
    } else {
        " AND $1 = $1"
    };
    let sql = sql
        .replace("{cycles}", &cycles)
        .replace("{department}", condition);
    let mut q = diesel::sql_query(dialect(conn, sql))
        .into_boxed()
        .bind::<Text, _>(department.unwrap_or("").to_string());
    for id in cycle_ids {
        q = q.bind::<Text, _>(id.clone());
    }
    q
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Named {
    #[diesel(sql_type = Text)]
    pub cycle_id: String,
    #[diesel(sql_type = Text)]
    pub competency_id: String,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// Strengths and weaknesses linked to a competency, per cycle: entries each
/// side wrote itself (not the manager's replies), never an employee's
/// unsubmitted draft, never a removed review.
pub fn named(
    conn: &mut DbConnection,
    cycle_ids: &[String],
    department: Option<&str>,
) -> QueryResult<Vec<Named>> {
    if cycle_ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = "SELECT r.cycle_id AS cycle_id, t.competency_id AS competency_id, t.kind AS kind, \
                COUNT(*) AS n \
         FROM strengths_weaknesses t JOIN reviews r ON r.id = t.review_id \
         JOIN people p ON p.id = r.person_id \
         WHERE r.cycle_id IN ({cycles}) AND t.competency_id IS NOT NULL \
         AND t.responds_to_id IS NULL AND r.state <> 'removed' \
         AND NOT (t.side = 'self' AND r.self_submitted_at IS NULL){department} \
         GROUP BY r.cycle_id, t.competency_id, t.kind";
    in_cycles(conn, sql, cycle_ids, department).load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Reviewed {
    #[diesel(sql_type = Text)]
    pub cycle_id: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// How many reviews (not removed) each cycle has, in the department if given.
pub fn reviews_per_cycle(
    conn: &mut DbConnection,
    cycle_ids: &[String],
    department: Option<&str>,
) -> QueryResult<Vec<Reviewed>> {
    if cycle_ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = "SELECT r.cycle_id AS cycle_id, COUNT(*) AS n FROM reviews r \
         JOIN people p ON p.id = r.person_id \
         WHERE r.cycle_id IN ({cycles}) AND r.state <> 'removed'{department} GROUP BY r.cycle_id";
    in_cycles(conn, sql, cycle_ids, department).load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct SupportAsked {
    #[diesel(sql_type = Text)]
    pub cycle_id: String,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub support_needed: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub department: Option<String>,
}

/// The newest goals that ask for support or training, in these cycles,
/// from submitted self-assessments (or written by the manager): never an
/// employee's draft, even once the cycle closed on it.
pub fn support_asked(
    conn: &mut DbConnection,
    cycle_ids: &[String],
    department: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<SupportAsked>> {
    if cycle_ids.is_empty() {
        return Ok(vec![]);
    }
    let sql =
        "SELECT r.cycle_id AS cycle_id, g.title AS title, g.support_needed AS support_needed, \
                p.department AS department \
         FROM goals g JOIN reviews r ON r.id = g.review_id \
         JOIN people p ON p.id = r.person_id \
         WHERE r.cycle_id IN ({cycles}) AND g.support_needed <> '' \
         AND r.state <> 'removed' \
         AND (r.self_submitted_at IS NOT NULL OR g.author_id <> r.person_id){department} \
         ORDER BY g.created_at DESC, g.id DESC LIMIT {limit}"
            .replace("{limit}", &limit.to_string());
    in_cycles(conn, &sql, cycle_ids, department).load(conn)
}

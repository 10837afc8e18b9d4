//! Reads for "strengths and weaknesses over time": how often each
//! competency was named as a strength or a weakness in each recent cycle,
//! optionally in one department or one team, and the support people asked for in their
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

/// Whose reviews the counts cover.
#[derive(Debug, Clone, Copy, Default)]
pub struct Group<'a> {
    /// Only people of this department.
    pub department: Option<&'a str>,
    /// Only people below this manager in today's reporting lines, at any
    /// depth (a team and the teams under it).
    pub team: Option<&'a str>,
    /// Only the reviews this person writes (the manager recorded at
    /// launch).
    pub written_by: Option<&'a str>,
}

/// A statement over some cycles, for a group: `{cycles}` in `sql` becomes
/// the cycle ids' placeholders, `{people}` the join to the person (`p`)
/// when the department is asked for, and `{group}` the group's condition
/// (on `p.department`, `r.person_id` and `r.manager_id`). All are bound.
fn in_cycles(
    conn: &DbConnection,
    sql: &str,
    cycle_ids: &[String],
    group: Group<'_>,
) -> BoxedSqlQuery<'static, <DbConnection as Connection>::Backend, SqlQuery> {
    let cycles = (0..cycle_ids.len())
        .map(|i| format!("${}", i + 4))
        .collect::<Vec<_>>()
        .join(", ");
    // Each condition only when it filters (a constant one keeps its
    // parameter referenced): "x = '' OR ..." would still cost a join or a
    // lookup per review on SQLite.
    let (people, department) = match group.department {
        Some(_) => (
            " JOIN people p ON p.id = r.person_id",
            " AND p.department = $1",
        ),
        None => ("", " AND $1 = ''"),
    };
    let team = match group.team {
        Some(_) => " AND r.person_id IN (SELECT id FROM org)",
        None => " AND $2 = ''",
    };
    let written = match group.written_by {
        Some(_) => " AND r.manager_id = $3",
        None => " AND $3 = ''",
    };
    // `org`: everyone below `$2` (the team).
    let sql = format!(
        "WITH RECURSIVE {} {}",
        super::everyone_below(conn, "org", "$2"),
        sql.replace("{cycles}", &cycles)
            .replace("{people}", people)
            .replace("{group}", &format!("{department}{team}{written}"))
    );
    let mut q = diesel::sql_query(dialect(conn, sql))
        .into_boxed()
        .bind::<Text, _>(group.department.unwrap_or("").to_string())
        .bind::<Text, _>(group.team.unwrap_or("").to_string())
        .bind::<Text, _>(group.written_by.unwrap_or("").to_string());
    for id in cycle_ids {
        q = q.bind::<Text, _>(id.clone());
    }
    q
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Manager {
    #[diesel(sql_type = Text)]
    pub id: String,
    #[diesel(sql_type = Text)]
    pub name: String,
}

/// The teams HR may choose: active people with an active report, by name;
/// of a department unless `department` is None.
pub fn teams(conn: &mut DbConnection, department: Option<&str>) -> QueryResult<Vec<Manager>> {
    let sql = "SELECT m.id AS id, m.name AS name FROM people m \
         WHERE m.active = $2 AND ($1 = '' OR m.department = $1) \
         AND EXISTS (SELECT 1 FROM people r WHERE r.manager_id = m.id AND r.active = $2) \
         ORDER BY m.name, m.id";
    diesel::sql_query(dialect(conn, sql.to_string()))
        .bind::<Text, _>(department.unwrap_or(""))
        .bind::<diesel::sql_types::Bool, _>(true)
        .load(conn)
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
    group: Group<'_>,
) -> QueryResult<Vec<Named>> {
    if cycle_ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = "SELECT r.cycle_id AS cycle_id, t.competency_id AS competency_id, t.kind AS kind, \
                COUNT(*) AS n \
         FROM strengths_weaknesses t JOIN reviews r ON r.id = t.review_id{people} \
         WHERE r.cycle_id IN ({cycles}) AND t.competency_id IS NOT NULL \
         AND t.responds_to_id IS NULL AND r.state <> 'removed' \
         AND NOT (t.side = 'self' AND r.self_submitted_at IS NULL){group} \
         GROUP BY r.cycle_id, t.competency_id, t.kind";
    in_cycles(conn, sql, cycle_ids, group).load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Reviewed {
    #[diesel(sql_type = Text)]
    pub cycle_id: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// How many reviews (not removed) each cycle has in the group.
pub fn reviews_per_cycle(
    conn: &mut DbConnection,
    cycle_ids: &[String],
    group: Group<'_>,
) -> QueryResult<Vec<Reviewed>> {
    if cycle_ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = "SELECT r.cycle_id AS cycle_id, COUNT(*) AS n FROM reviews r{people} \
         WHERE r.cycle_id IN ({cycles}) AND r.state <> 'removed'{group} GROUP BY r.cycle_id";
    in_cycles(conn, sql, cycle_ids, group).load(conn)
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
/// in the group, from submitted self-assessments (or written by the
/// manager): never an employee's draft, even once the cycle closed on it.
pub fn support_asked(
    conn: &mut DbConnection,
    cycle_ids: &[String],
    group: Group<'_>,
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
         AND (r.self_submitted_at IS NOT NULL OR g.author_id <> r.person_id){group} \
         ORDER BY g.created_at DESC, g.id DESC LIMIT {limit}"
            .replace("{limit}", &limit.to_string());
    in_cycles(conn, &sql, cycle_ids, group).load(conn)
}

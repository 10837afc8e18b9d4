//! Reads for a cycle's progress page: review counts by state per
//! department and per manager, and when each review passed each step.
//! Grouped in the database, so 10,000 reviews come back as a few hundred
//! rows at most. A manager's view covers everyone below them in the
//! reporting lines, found by a recursive query in the same statement.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp};

use super::{DbConnection, QueryResult};
use crate::domain::review::ReviewState;

/// Only the reviews of people below `$2` (`below`, [`super::everyone_below`]).
const WITHIN: &str = " AND r.person_id IN (SELECT id FROM below WHERE id <> $2)";

/// The statement for this connection: with the organisation's part when
/// `manager` is given; `$n` written `?n` for SQLite.
fn statement(conn: &DbConnection, body: &str, manager: Option<&str>) -> String {
    let sql = match manager {
        Some(_) => format!(
            "WITH RECURSIVE {} {}",
            super::everyone_below(conn, "below", "$2"),
            body.replace("{within}", WITHIN)
        ),
        None => body.replace("{within}", ""),
    };
    match conn {
        DbConnection::Sqlite(_) => sql.replace("$1", "?1").replace("$2", "?2"),
        DbConnection::Pg(_) => sql,
    }
}

#[derive(QueryableByName)]
struct GroupRow {
    #[diesel(sql_type = Text)]
    department: String,
    #[diesel(sql_type = Nullable<Text>)]
    manager_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    manager_name: Option<String>,
    #[diesel(sql_type = Text)]
    state: String,
    #[diesel(sql_type = Integer)]
    handed_in: i32,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// How many reviews in one state one (department, manager) pair has.
#[derive(Debug, Clone)]
pub struct Count {
    /// The person's department today.
    pub department: String,
    /// The manager recorded at launch, and their name.
    pub manager_id: Option<String>,
    pub manager_name: Option<String>,
    pub state: ReviewState,
    /// Handed in for calibration (waiting on HR, not on the manager).
    pub handed_in: bool,
    pub n: i64,
}

/// A cycle's reviews counted by department, manager and state, in one pass
/// over the cycle (both tables of the page are sums of these rows).
pub fn counts(
    conn: &mut DbConnection,
    cycle_id: &str,
    manager: Option<&str>,
) -> QueryResult<Vec<Count>> {
    let sql = statement(
        conn,
        "SELECT p.department AS department, r.manager_id AS manager_id, \
                m.name AS manager_name, r.state AS state, \
                CASE WHEN r.handed_in_at IS NULL THEN 0 ELSE 1 END AS handed_in, \
                COUNT(*) AS n \
         FROM reviews r JOIN people p ON p.id = r.person_id \
         LEFT JOIN people m ON m.id = r.manager_id \
         WHERE r.cycle_id = $1{within} \
         GROUP BY p.department, r.manager_id, m.name, r.state, \
                  CASE WHEN r.handed_in_at IS NULL THEN 0 ELSE 1 END",
        manager,
    );
    let q = diesel::sql_query(sql).bind::<Text, _>(cycle_id);
    let rows: Vec<GroupRow> = match manager {
        Some(m) => q.bind::<Text, _>(m).load(conn)?,
        None => q.load(conn)?,
    };
    rows.into_iter()
        .map(|r| {
            Ok(Count {
                department: r.department,
                manager_id: r.manager_id,
                manager_name: r.manager_name,
                state: ReviewState::parse(&r.state)
                    .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?,
                handed_in: r.handed_in != 0,
                n: r.n,
            })
        })
        .collect()
}

#[derive(QueryableByName)]
struct PassedRow {
    #[diesel(sql_type = Nullable<Timestamp>)]
    self_submitted_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    shared_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    acknowledged_at: Option<NaiveDateTime>,
}

/// When each of a cycle's reviews (not removed) passed each step.
pub type PassedAt = (
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

pub fn passed(
    conn: &mut DbConnection,
    cycle_id: &str,
    manager: Option<&str>,
) -> QueryResult<Vec<PassedAt>> {
    let sql = statement(
        conn,
        "SELECT r.self_submitted_at, r.shared_at, r.acknowledged_at FROM reviews r \
         WHERE r.cycle_id = $1 AND r.state <> 'removed'{within}",
        manager,
    );
    let q = diesel::sql_query(sql).bind::<Text, _>(cycle_id);
    let rows: Vec<PassedRow> = match manager {
        Some(m) => q.bind::<Text, _>(m).load(conn)?,
        None => q.load(conn)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| (r.self_submitted_at, r.shared_at, r.acknowledged_at))
        .collect())
}

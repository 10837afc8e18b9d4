//! Reads for the fair-ratings page: manager ratings counted per manager and
//! per department, and the self and manager ratings of each competency
//! summed over the reviews that have both. Grouped in the database.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::{DbConnection, QueryResult};

fn dialect(conn: &DbConnection, sql: &str) -> String {
    match conn {
        DbConnection::Sqlite(_) => sql.replace("$1", "?1"),
        DbConnection::Pg(_) => sql.to_string(),
    }
}

/// One (department, manager) pair's manager ratings: how many of each value,
/// and in how many reviews.
#[derive(Debug, Clone, QueryableByName)]
pub struct GroupCounts {
    #[diesel(sql_type = Text)]
    pub department: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub manager_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub manager_name: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub c1: i64,
    #[diesel(sql_type = BigInt)]
    pub c2: i64,
    #[diesel(sql_type = BigInt)]
    pub c3: i64,
    #[diesel(sql_type = BigInt)]
    pub c4: i64,
    #[diesel(sql_type = BigInt)]
    pub c5: i64,
    /// Reviews with at least one manager rating.
    #[diesel(sql_type = BigInt)]
    pub reviews: i64,
}

impl GroupCounts {
    /// (rating, how many) for 1 to 5.
    pub fn by_value(&self) -> [(i32, i64); 5] {
        [
            (1, self.c1),
            (2, self.c2),
            (3, self.c3),
            (4, self.c4),
            (5, self.c5),
        ]
    }
}

/// Manager ratings in a cycle by the person's department and the manager
/// recorded at launch, from each review's counts of manager ratings by
/// value (`review_manager_ratings`, kept by the database as ratings are
/// written): one narrow row per review, its person's department and its
/// manager's name looked up once. (Reviews whose ratings were all taken
/// back count in no group: the condition is in the sums, not the WHERE.
/// In the WHERE, PostgreSQL misjudged how many rows pass it and split one
/// hash join over parallel workers: 45 ms against 21 ms here, at 10,000
/// people.)
pub fn counts(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<Vec<GroupCounts>> {
    let sums: Vec<String> = (1..=5)
        .map(|v| format!("CAST(SUM(h.c{v}) AS BIGINT) AS c{v}"))
        .collect();
    let sql = format!(
        "SELECT p.department AS department, r.manager_id AS manager_id, \
                m.name AS manager_name, {}, \
                CAST(SUM(CASE WHEN h.c1 + h.c2 + h.c3 + h.c4 + h.c5 > 0 THEN 1 ELSE 0 END) \
                     AS BIGINT) AS reviews \
         FROM reviews r JOIN review_manager_ratings h ON h.review_id = r.id \
         JOIN people p ON p.id = r.person_id \
         LEFT JOIN people m ON m.id = r.manager_id \
         WHERE r.cycle_id = $1 AND r.state <> 'removed' \
         GROUP BY p.department, r.manager_id, m.name \
         HAVING SUM(CASE WHEN h.c1 + h.c2 + h.c3 + h.c4 + h.c5 > 0 THEN 1 ELSE 0 END) > 0",
        sums.join(", ")
    );
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Text, _>(cycle_id)
        .load(conn)
}

/// One question's ratings over the reviews where both sides rated it.
#[derive(Debug, Clone, QueryableByName)]
pub struct QuestionPairs {
    #[diesel(sql_type = Text)]
    pub question_id: String,
    #[diesel(sql_type = BigInt)]
    pub self_sum: i64,
    #[diesel(sql_type = BigInt)]
    pub manager_sum: i64,
    #[diesel(sql_type = BigInt)]
    pub pairs: i64,
}

/// Per question: the self and manager ratings summed over the reviews
/// whose self-assessment was submitted and that both sides rated. (The
/// caller maps questions to competencies from the form: joining the
/// questions here would read one question row per rating.)
pub fn question_pairs(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<Vec<QuestionPairs>> {
    let sql = "SELECT a.question_id AS question_id, SUM(a.rating) AS self_sum, \
         SUM(b.rating) AS manager_sum, COUNT(*) AS pairs \
         FROM reviews r \
         JOIN answers a ON a.review_id = r.id AND a.side = 'self' \
         JOIN answers b ON b.review_id = a.review_id AND b.question_id = a.question_id \
              AND b.side = 'manager' \
         WHERE r.cycle_id = $1 AND r.state <> 'removed' AND r.self_submitted_at IS NOT NULL \
         AND a.rating IS NOT NULL AND b.rating IS NOT NULL \
         GROUP BY a.question_id";
    diesel::sql_query(dialect(conn, sql))
        .bind::<Text, _>(cycle_id)
        .load(conn)
}

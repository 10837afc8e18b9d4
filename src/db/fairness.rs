//! Reads for the fair-ratings page: manager ratings counted per manager and
//! per department, and the self and manager ratings of each competency
//! summed over the reviews that have both. Grouped in the database.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::{DbConnection, QueryResult};

fn dialect(conn: &DbConnection, sql: &str) -> String {
    match conn {
        DbConnection::Sqlite(_) => sql.replace("$1", "?1"),
        DbConnection::Pg(_) => sql.to_string(),
    }
}

/// How many of one rating the manager of a department's people gave.
#[derive(Debug, Clone, QueryableByName)]
pub struct RatingCount {
    #[diesel(sql_type = Text)]
    pub department: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub manager_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub manager_name: Option<String>,
    #[diesel(sql_type = Integer)]
    pub rating: i32,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

const FROM_MANAGER_RATINGS: &str = "FROM answers a JOIN reviews r ON r.id = a.review_id \
     WHERE r.cycle_id = $1 AND r.state <> 'removed' AND a.side = 'manager' \
     AND a.rating IS NOT NULL";

/// Manager ratings in a cycle by the person's department, the manager
/// recorded at launch, and rating: one pass, both tables are sums of it.
pub fn counts(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<Vec<RatingCount>> {
    let sql = "SELECT p.department AS department, r.manager_id AS manager_id, \
                m.name AS manager_name, a.rating AS rating, COUNT(*) AS n \
         FROM reviews r JOIN answers a ON a.review_id = r.id \
         JOIN people p ON p.id = r.person_id \
         LEFT JOIN people m ON m.id = r.manager_id \
         WHERE r.cycle_id = $1 AND r.state <> 'removed' AND a.side = 'manager' \
         AND a.rating IS NOT NULL \
         GROUP BY p.department, r.manager_id, m.name, a.rating";
    diesel::sql_query(dialect(conn, sql))
        .bind::<Text, _>(cycle_id)
        .load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct GroupCount {
    #[diesel(sql_type = Nullable<Text>)]
    pub grp: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// How many reviews each manager has given at least one rating in.
pub fn rated_reviews_by_manager(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> QueryResult<Vec<GroupCount>> {
    let sql = format!(
        "SELECT r.manager_id AS grp, COUNT(DISTINCT a.review_id) AS n {FROM_MANAGER_RATINGS} \
         GROUP BY r.manager_id"
    );
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Text, _>(cycle_id)
        .load(conn)
}

/// One competency's ratings over the reviews where both sides rated it.
#[derive(Debug, Clone, QueryableByName)]
pub struct CompetencyPairs {
    #[diesel(sql_type = Text)]
    pub competency_id: String,
    #[diesel(sql_type = BigInt)]
    pub self_sum: i64,
    #[diesel(sql_type = BigInt)]
    pub manager_sum: i64,
    #[diesel(sql_type = BigInt)]
    pub pairs: i64,
}

/// Per competency: the self and manager ratings summed over the reviews
/// whose self-assessment was submitted and that both sides rated.
pub fn competency_pairs(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> QueryResult<Vec<CompetencyPairs>> {
    let sql = "SELECT q.competency_id AS competency_id, SUM(a.rating) AS self_sum, \
         SUM(b.rating) AS manager_sum, COUNT(*) AS pairs \
         FROM answers a \
         JOIN answers b ON b.review_id = a.review_id AND b.question_id = a.question_id \
              AND b.side = 'manager' \
         JOIN reviews r ON r.id = a.review_id \
         JOIN form_questions q ON q.id = a.question_id \
         WHERE r.cycle_id = $1 AND r.state <> 'removed' AND r.self_submitted_at IS NOT NULL \
         AND a.side = 'self' AND a.rating IS NOT NULL AND b.rating IS NOT NULL \
         AND q.competency_id IS NOT NULL \
         GROUP BY q.competency_id";
    diesel::sql_query(dialect(conn, sql))
        .bind::<Text, _>(cycle_id)
        .load(conn)
}

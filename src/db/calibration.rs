//! Calibration's rows: a cycle's settings, reviews handed in, and the
//! adjustments of final ratings. Adjustments are only ever inserted.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::schema::{cycle_calibrations, people, rating_adjustments, reviews};
use super::{new_id, now, DbConnection, QueryResult};
use crate::domain::calibration::{Settings, Step};
use crate::domain::review::ReviewState;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = cycle_calibrations)]
pub struct CalibrationRow {
    pub cycle_id: String,
    pub due_on: NaiveDate,
    pub final_visible: bool,
    pub by_managers: bool,
    pub locked_at: Option<NaiveDateTime>,
    pub locked_by: Option<String>,
}

impl CalibrationRow {
    pub fn step(&self) -> Step {
        if self.locked_at.is_some() {
            Step::Locked
        } else {
            Step::Open
        }
    }

    pub fn is_open(&self) -> bool {
        self.step() == Step::Open
    }
}

/// A cycle's calibration step, if it has one.
pub fn find(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<Option<CalibrationRow>> {
    cycle_calibrations::table
        .find(cycle_id)
        .select(CalibrationRow::as_select())
        .first(conn)
        .optional()
}

/// A cycle's calibration step, read for a manager's Share: on PostgreSQL
/// the row is held `FOR SHARE` until the transaction ends, so hand-ins run
/// side by side while a lock (or taking the step away) waits for them, and
/// a hand-in that comes after a lock sees it.
pub fn find_for_hand_in(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> QueryResult<Option<CalibrationRow>> {
    if let DbConnection::Pg(c) = conn {
        return cycle_calibrations::table
            .find(cycle_id)
            .select(CalibrationRow::as_select())
            .for_share()
            .first(c)
            .optional();
    }
    find(conn, cycle_id)
}

/// Launched, not closed cycles whose calibration is open and lets managers
/// calibrate below them: (cycle id, name), newest first.
pub fn open_to_managers(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    use super::schema::review_cycles;
    cycle_calibrations::table
        .inner_join(review_cycles::table)
        .filter(cycle_calibrations::by_managers.eq(true))
        .filter(cycle_calibrations::locked_at.is_null())
        // `a OR b`, not `IN (a, b)`: diesel prepares an `IN` list again on
        // every run on SQLite; this statement stays in its cache.
        .filter(
            review_cycles::status
                .eq("scheduled")
                .or(review_cycles::status.eq("open")),
        )
        .order(review_cycles::opens_on.desc())
        .select((review_cycles::id, review_cycles::name))
        .load(conn)
}

/// The calibration step of a review's cycle, if it has one.
pub fn of_review(conn: &mut DbConnection, review_id: &str) -> QueryResult<Option<CalibrationRow>> {
    cycle_calibrations::table
        .inner_join(reviews::table.on(reviews::cycle_id.eq(cycle_calibrations::cycle_id)))
        .filter(reviews::id.eq(review_id))
        .select(CalibrationRow::as_select())
        .first(conn)
        .optional()
}

/// Add the step, or change its settings while it is open. False when it
/// was locked meanwhile.
pub fn save(conn: &mut DbConnection, cycle_id: &str, s: &Settings) -> QueryResult<bool> {
    let changed = diesel::update(
        cycle_calibrations::table
            .find(cycle_id)
            .filter(cycle_calibrations::locked_at.is_null()),
    )
    .set((
        cycle_calibrations::due_on.eq(s.due_on),
        cycle_calibrations::final_visible.eq(s.final_visible),
        cycle_calibrations::by_managers.eq(s.by_managers),
    ))
    .execute(conn)?;
    if changed == 1 {
        return Ok(true);
    }
    if find(conn, cycle_id)?.is_some() {
        return Ok(false);
    }
    diesel::insert_into(cycle_calibrations::table)
        .values(CalibrationRow {
            cycle_id: cycle_id.to_string(),
            due_on: s.due_on,
            final_visible: s.final_visible,
            by_managers: s.by_managers,
            locked_at: None,
            locked_by: None,
        })
        .execute(conn)?;
    Ok(true)
}

/// Take the step away: only while open and no review of the cycle is
/// handed in. The row is held first ([`hold_open`]), so a hand-in under
/// way finishes before the check, and the check sees it.
pub fn remove(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<bool> {
    if !hold_open(conn, cycle_id)? {
        return Ok(false);
    }
    let handed_in: bool = diesel::select(diesel::dsl::exists(
        reviews::table
            .filter(reviews::cycle_id.eq(cycle_id))
            .filter(reviews::handed_in_at.is_not_null()),
    ))
    .get_result(conn)?;
    if handed_in {
        return Ok(false);
    }
    let n = diesel::delete(cycle_calibrations::table.find(cycle_id)).execute(conn)?;
    Ok(n == 1)
}

/// Hold the step open until the transaction ends: true when it is open.
/// On PostgreSQL this locks the settings row, so a lock that commits first
/// makes this false, and a lock that comes later waits for this to finish.
pub fn hold_open(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<bool> {
    let n = diesel::update(
        cycle_calibrations::table
            .find(cycle_id)
            .filter(cycle_calibrations::locked_at.is_null()),
    )
    .set(cycle_calibrations::due_on.eq(cycle_calibrations::due_on))
    .execute(conn)?;
    Ok(n == 1)
}

/// Lock the step; false when it was already locked (or has none).
pub fn lock(conn: &mut DbConnection, cycle_id: &str, by: &str) -> QueryResult<bool> {
    let n = diesel::update(
        cycle_calibrations::table
            .find(cycle_id)
            .filter(cycle_calibrations::locked_at.is_null()),
    )
    .set((
        cycle_calibrations::locked_at.eq(Some(now())),
        cycle_calibrations::locked_by.eq(Some(by)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The manager hands the review in, as they read it (state and both
/// versions unchanged since): it moves the manager's version on, so a form
/// loaded before can no longer be saved. False when something changed first.
pub fn hand_in(conn: &mut DbConnection, r: &super::reviews::ReviewRow) -> QueryResult<bool> {
    let t = now();
    let n = diesel::update(
        reviews::table
            .find(&r.id)
            .filter(reviews::state.eq(ReviewState::ManagerReview.code()))
            .filter(reviews::handed_in_at.is_null())
            .filter(reviews::self_version.eq(r.self_version))
            .filter(reviews::manager_version.eq(r.manager_version)),
    )
    .set((
        reviews::handed_in_at.eq(Some(t)),
        reviews::manager_version.eq(r.manager_version + 1),
        reviews::updated_at.eq(t),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A review sent back (reopened) is no longer handed in.
pub fn clear_hand_in(conn: &mut DbConnection, review_id: &str) -> QueryResult<usize> {
    diesel::update(reviews::table.find(review_id))
        .set(reviews::handed_in_at.eq(None::<NaiveDateTime>))
        .execute(conn)
}

/// Claim the review for one adjustment, as it was read: still handed in,
/// still at the manager review, and no other change since (the manager's
/// version moves on). False when another adjustment or a move got there first.
pub fn claim_for_adjustment(
    conn: &mut DbConnection,
    review_id: &str,
    manager_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        reviews::table
            .find(review_id)
            .filter(reviews::state.eq(ReviewState::ManagerReview.code()))
            .filter(reviews::handed_in_at.is_not_null())
            .filter(reviews::manager_version.eq(manager_version)),
    )
    .set((
        reviews::manager_version.eq(reviews::manager_version + 1),
        reviews::updated_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub struct NewAdjustment<'a> {
    pub review_id: &'a str,
    pub question_id: &'a str,
    pub before: Option<i32>,
    pub after: i32,
    pub reason: &'a str,
    pub by: &'a str,
}

pub fn insert_adjustment(conn: &mut DbConnection, a: NewAdjustment<'_>) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(rating_adjustments::table)
        .values((
            rating_adjustments::id.eq(&id),
            rating_adjustments::review_id.eq(a.review_id),
            rating_adjustments::question_id.eq(a.question_id),
            rating_adjustments::rating_before.eq(a.before),
            rating_adjustments::rating_after.eq(a.after),
            rating_adjustments::reason.eq(a.reason),
            rating_adjustments::adjusted_by.eq(Some(a.by)),
            rating_adjustments::adjusted_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// One adjustment as pages show it, with the adjuster's name.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AdjustmentView {
    pub question_id: String,
    pub rating_before: Option<i32>,
    pub rating_after: i32,
    pub reason: String,
    pub adjusted_by_name: Option<String>,
    pub adjusted_at: NaiveDateTime,
    /// Made after the review was last reopened: it still sets the final
    /// rating. (Reopening sends the ratings back to their writer; what was
    /// adjusted before stays in the history only.)
    pub in_force: bool,
}

/// A review's adjustments, oldest first (the last of a question still in
/// force is final).
pub fn adjustments(conn: &mut DbConnection, review_id: &str) -> QueryResult<Vec<AdjustmentView>> {
    let reopened_at: Option<NaiveDateTime> = reviews::table
        .find(review_id)
        .select(reviews::reopened_at)
        .first(conn)
        .optional()?
        .flatten();
    type Line = (
        String,
        Option<i32>,
        i32,
        String,
        Option<String>,
        NaiveDateTime,
    );
    let lines: Vec<Line> = rating_adjustments::table
        .left_join(people::table.on(people::id.nullable().eq(rating_adjustments::adjusted_by)))
        .filter(rating_adjustments::review_id.eq(review_id))
        .order((
            rating_adjustments::adjusted_at.asc(),
            rating_adjustments::id.asc(),
        ))
        .select((
            rating_adjustments::question_id,
            rating_adjustments::rating_before,
            rating_adjustments::rating_after,
            rating_adjustments::reason,
            people::name.nullable(),
            rating_adjustments::adjusted_at,
        ))
        .load(conn)?;
    Ok(lines
        .into_iter()
        .map(
            |(question_id, rating_before, rating_after, reason, adjusted_by_name, adjusted_at)| {
                AdjustmentView {
                    in_force: reopened_at.is_none_or(|t| adjusted_at > t),
                    question_id,
                    rating_before,
                    rating_after,
                    reason,
                    adjusted_by_name,
                    adjusted_at,
                }
            },
        )
        .collect())
}

/// The final rating of each adjusted question of a review (adjustments in
/// force only).
pub fn final_ratings(
    conn: &mut DbConnection,
    review_id: &str,
) -> QueryResult<HashMap<String, i32>> {
    Ok(adjustments(conn, review_id)?
        .into_iter()
        .filter(|a| a.in_force)
        .map(|a| (a.question_id, a.rating_after))
        .collect())
}

/// The final rating of every adjusted question of these reviews:
/// (review, question) → the newest adjustment's rating.
pub fn newest_of(
    conn: &mut DbConnection,
    review_ids: &[String],
) -> QueryResult<HashMap<(String, String), i32>> {
    let rows: Vec<(String, String, i32)> = rating_adjustments::table
        .inner_join(reviews::table)
        .filter(rating_adjustments::review_id.eq_any(review_ids))
        .filter(
            reviews::reopened_at
                .is_null()
                .or(rating_adjustments::adjusted_at
                    .nullable()
                    .gt(reviews::reopened_at)),
        )
        .order((
            rating_adjustments::adjusted_at.asc(),
            rating_adjustments::id.asc(),
        ))
        .select((
            rating_adjustments::review_id,
            rating_adjustments::question_id,
            rating_adjustments::rating_after,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(r, q, v)| ((r, q), v)).collect())
}

/// Every review of the cycle handed in and still waiting for calibration.
pub fn handed_in_waiting(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> QueryResult<Vec<super::reviews::ReviewRow>> {
    let waiting = reviews::table
        .filter(reviews::cycle_id.eq(cycle_id))
        .filter(reviews::state.eq(ReviewState::ManagerReview.code()))
        .filter(reviews::handed_in_at.is_not_null());
    // On PostgreSQL the rows are held until the lock's transaction ends: a
    // reopen or a close that comes meanwhile waits, so what is shared is
    // exactly what was read.
    if let DbConnection::Pg(c) = conn {
        return waiting
            .select(super::reviews::ReviewRow::as_select())
            .for_update()
            .load(c);
    }
    waiting
        .select(super::reviews::ReviewRow::as_select())
        .load(conn)
}

/// Share the reviews read by [`handed_in_waiting`] (still as read).
pub fn share_handed_in(conn: &mut DbConnection, review_ids: &[String]) -> QueryResult<usize> {
    let t = now();
    let mut n = 0;
    for chunk in review_ids.chunks(5000) {
        n += diesel::update(
            reviews::table
                .filter(reviews::id.eq_any(chunk))
                .filter(reviews::state.eq(ReviewState::ManagerReview.code()))
                .filter(reviews::handed_in_at.is_not_null()),
        )
        .set((
            reviews::state.eq(ReviewState::Shared.code()),
            reviews::shared_at.eq(Some(t)),
            reviews::manager_version.eq(reviews::manager_version + 1),
            reviews::updated_at.eq(t),
        ))
        .execute(conn)?;
    }
    Ok(n)
}

// ---- the calibration list ----

/// The reviews a list covers: handed in, not removed, of the cycle `$1`;
/// written by someone below `$2` unless it is ''; of department `$3` unless
/// ''; of someone in the organisation of `$4` unless it is ''; never the
/// review of `$5`, the reader (theirs is read once shared, like everyone's).
const COVERED: &str = " r.cycle_id = $1 AND r.handed_in_at IS NOT NULL AND r.state <> 'removed' \
     AND ($2 = '' OR r.manager_id IN (SELECT id FROM below WHERE id <> $2)) \
     AND ($3 = '' OR p.department = $3) \
     AND ($4 = '' OR r.person_id IN (SELECT id FROM org WHERE id <> $4)) \
     AND r.person_id <> $5 ";

fn statement(conn: &DbConnection, body: &str) -> String {
    // `below`: everyone below `$2`; `org`: everyone below `$4`.
    let sql = format!(
        "WITH RECURSIVE {}, {} {}",
        super::everyone_below(conn, "below", "$2"),
        super::everyone_below(conn, "org", "$4"),
        body.replace("{covered}", COVERED)
    );
    match conn {
        DbConnection::Sqlite(_) => sql
            .replace("$1", "?1")
            .replace("$2", "?2")
            .replace("$3", "?3")
            .replace("$4", "?4")
            .replace("$5", "?5")
            .replace("$6", "?6"),
        DbConnection::Pg(_) => sql,
    }
}

/// Which reviews a list covers.
#[derive(Debug, Clone, Copy)]
pub struct Filter<'a> {
    pub cycle_id: &'a str,
    /// Only the reviews written by managers below this person.
    pub written_below: Option<&'a str>,
    /// Only people of this department.
    pub department: Option<&'a str>,
    /// Only people below this manager, at any depth.
    pub organisation_of: Option<&'a str>,
    /// The reader: their own review is never in it.
    pub reader: &'a str,
}

#[derive(QueryableByName, Debug, Clone)]
pub struct ListedReview {
    #[diesel(sql_type = Text)]
    pub review_id: String,
    #[diesel(sql_type = Text)]
    pub person_id: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub manager_id: Option<String>,
    #[diesel(sql_type = Text)]
    pub person_name: String,
    #[diesel(sql_type = Text)]
    pub department: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub manager_name: Option<String>,
    #[diesel(sql_type = Text)]
    pub state: String,
    /// How many of the manager's ratings are 1, 2, 3, 4 and 5 (as given,
    /// before calibration).
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
}

impl ListedReview {
    /// The manager's ratings as given, counted by value.
    pub fn given(&self) -> [i64; 5] {
        [self.c1, self.c2, self.c3, self.c4, self.c5]
    }
}

/// The newest adjustment in force of one question of a review, with the
/// rating its manager gave.
#[derive(QueryableByName, Debug, Clone)]
pub struct Adjusted {
    #[diesel(sql_type = Text)]
    pub review_id: String,
    #[diesel(sql_type = Text)]
    pub question_id: String,
    #[diesel(sql_type = Integer)]
    pub rating_after: i32,
    #[diesel(sql_type = Nullable<Integer>)]
    pub given: Option<i32>,
}

#[derive(QueryableByName)]
struct QuestionLine {
    #[diesel(sql_type = Text)]
    review_id: String,
    #[diesel(sql_type = Integer)]
    rating: i32,
}

#[derive(QueryableByName)]
struct CountLine {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Manager ratings counted by value.
#[derive(QueryableByName)]
struct ValueCounts {
    #[diesel(sql_type = BigInt)]
    c1: i64,
    #[diesel(sql_type = BigInt)]
    c2: i64,
    #[diesel(sql_type = BigInt)]
    c3: i64,
    #[diesel(sql_type = BigInt)]
    c4: i64,
    #[diesel(sql_type = BigInt)]
    c5: i64,
}

/// Both sides' ratings of a few reviews: (review, question) → rating.
#[derive(Debug, Default)]
pub struct Ratings {
    pub manager: HashMap<(String, String), i32>,
    pub own: HashMap<(String, String), i32>,
}

macro_rules! bound {
    ($sql:expr, $f:expr) => {
        diesel::sql_query($sql)
            .bind::<Text, _>($f.cycle_id)
            .bind::<Text, _>($f.written_below.unwrap_or(""))
            .bind::<Text, _>($f.department.unwrap_or(""))
            .bind::<Text, _>($f.organisation_of.unwrap_or(""))
            .bind::<Text, _>($f.reader)
    };
}

/// The reviews a list covers, by name, with the person's name and
/// department, the manager's name, and the manager's ratings counted by
/// value (`review_manager_ratings`, kept by the database as ratings are
/// written): one pass that gives the list, its means and its spread (the
/// page's cells are read for its 50 reviews only, [`page_ratings`]).
pub fn listed(conn: &mut DbConnection, f: &Filter<'_>) -> QueryResult<Vec<ListedReview>> {
    let counts: Vec<String> = (1..=5)
        .map(|n| format!("CAST(COALESCE(h.c{n}, 0) AS BIGINT) AS c{n}"))
        .collect();
    let sql = statement(
        conn,
        &format!(
            "SELECT r.id AS review_id, r.person_id AS person_id, r.manager_id AS manager_id, \
                    p.name AS person_name, p.department AS department, \
                    m.name AS manager_name, r.state AS state, {} \
             FROM reviews r JOIN people p ON p.id = r.person_id \
             LEFT JOIN people m ON m.id = r.manager_id \
             LEFT JOIN review_manager_ratings h ON h.review_id = r.id \
             WHERE {{covered}} ORDER BY p.name, r.id",
            counts.join(", ")
        ),
    );
    bound!(sql, f).load(conn)
}

/// The adjustments in force of the reviews a list covers: the newest of
/// each question, with the rating the manager gave it.
pub fn adjusted(conn: &mut DbConnection, f: &Filter<'_>) -> QueryResult<Vec<Adjusted>> {
    let sql = statement(
        conn,
        "SELECT x.review_id AS review_id, x.question_id AS question_id, \
                x.rating_after AS rating_after, g.rating AS given \
         FROM reviews r JOIN people p ON p.id = r.person_id \
         JOIN rating_adjustments x ON x.review_id = r.id \
         LEFT JOIN answers g ON g.review_id = x.review_id AND g.question_id = x.question_id \
              AND g.side = 'manager' \
         WHERE {covered} AND (r.reopened_at IS NULL OR x.adjusted_at > r.reopened_at) \
         ORDER BY x.adjusted_at, x.id",
    );
    let lines: Vec<Adjusted> = bound!(sql, f).load(conn)?;
    // Oldest first: the newest of a question is what stays.
    let mut newest: HashMap<(String, String), Adjusted> = HashMap::new();
    for a in lines {
        newest.insert((a.review_id.clone(), a.question_id.clone()), a);
    }
    Ok(newest.into_values().collect())
}

/// The manager's rating of one question in each review a list covers.
pub fn question_ratings(
    conn: &mut DbConnection,
    f: &Filter<'_>,
    question_id: &str,
) -> QueryResult<HashMap<String, i32>> {
    let sql = statement(
        conn,
        "SELECT a.review_id AS review_id, a.rating AS rating \
         FROM reviews r JOIN people p ON p.id = r.person_id \
         JOIN answers a ON a.review_id = r.id \
         WHERE {covered} AND a.side = 'manager' AND a.question_id = $6 \
           AND a.rating IS NOT NULL",
    );
    let lines: Vec<QuestionLine> = bound!(sql, f).bind::<Text, _>(question_id).load(conn)?;
    Ok(lines.into_iter().map(|l| (l.review_id, l.rating)).collect())
}

#[derive(QueryableByName)]
struct MeanLine {
    #[diesel(sql_type = Text)]
    review_id: String,
    #[diesel(sql_type = diesel::sql_types::Double)]
    mean: f64,
}

/// The mean of each listed person's own ratings, over the rating questions
/// the manager rates too (the list's columns), to sort by.
pub fn own_means(conn: &mut DbConnection, f: &Filter<'_>) -> QueryResult<HashMap<String, f64>> {
    let sql = statement(
        conn,
        "SELECT a.review_id AS review_id, CAST(AVG(a.rating) AS DOUBLE PRECISION) AS mean \
         FROM reviews r JOIN people p ON p.id = r.person_id \
         JOIN answers a ON a.review_id = r.id \
         JOIN form_questions fq ON fq.id = a.question_id \
         WHERE {covered} AND a.side = 'self' AND a.rating IS NOT NULL AND fq.side <> 'self' \
         GROUP BY a.review_id",
    );
    let lines: Vec<MeanLine> = bound!(sql, f).load(conn)?;
    Ok(lines.into_iter().map(|l| (l.review_id, l.mean)).collect())
}

/// Both sides' ratings of these reviews (a page of the list).
pub fn page_ratings(conn: &mut DbConnection, review_ids: &[String]) -> QueryResult<Ratings> {
    use super::schema::answers;
    let lines: Vec<(String, String, String, Option<i32>)> = answers::table
        .filter(answers::review_id.eq_any(review_ids))
        .filter(answers::rating.is_not_null())
        .select((
            answers::review_id,
            answers::question_id,
            answers::side,
            answers::rating,
        ))
        .load(conn)?;
    let mut out = Ratings::default();
    for (review_id, question_id, side, rating) in lines {
        let Some(rating) = rating else { continue };
        let key = (review_id, question_id);
        match side.as_str() {
            "manager" => out.manager.insert(key, rating),
            _ => out.own.insert(key, rating),
        };
    }
    Ok(out)
}

/// The manager ratings of the reviews a list covers, counted by value (as
/// given, before calibration).
pub fn given_counts(conn: &mut DbConnection, f: &Filter<'_>) -> QueryResult<[i64; 5]> {
    let sums: Vec<String> = (1..=5)
        .map(|n| format!("CAST(COALESCE(SUM(h.c{n}), 0) AS BIGINT) AS c{n}"))
        .collect();
    let sql = statement(
        conn,
        &format!(
            "SELECT {} FROM reviews r JOIN people p ON p.id = r.person_id \
             JOIN review_manager_ratings h ON h.review_id = r.id \
             WHERE {{covered}}",
            sums.join(", ")
        ),
    );
    let line: Option<ValueCounts> = bound!(sql, f).get_result(conn).optional()?;
    Ok(line.map_or([0; 5], |l| [l.c1, l.c2, l.c3, l.c4, l.c5]))
}

/// How many reviews in the list's reach are still with their managers
/// (not handed in, not shared).
pub fn still_with_managers(conn: &mut DbConnection, f: &Filter<'_>) -> QueryResult<i64> {
    let sql = statement(
        conn,
        "SELECT COUNT(*) AS n FROM reviews r JOIN people p ON p.id = r.person_id \
         WHERE r.cycle_id = $1 AND r.handed_in_at IS NULL \
           AND r.state IN ('self_assessment', 'manager_review') \
           AND ($2 = '' OR r.manager_id IN (SELECT id FROM below WHERE id <> $2)) \
           AND ($3 = '' OR p.department = $3) \
           AND ($4 = '' OR r.person_id IN (SELECT id FROM org WHERE id <> $4)) \
           AND r.person_id <> $5",
    );
    let rows: Vec<CountLine> = bound!(sql, f).load(conn)?;
    Ok(rows.first().map(|r| r.n).unwrap_or(0))
}

/// Is `person` above `manager` in the reporting lines today?
pub fn is_above(conn: &mut DbConnection, person: &str, manager: &str) -> QueryResult<bool> {
    let sql = statement(
        conn,
        "SELECT COUNT(*) AS n FROM below WHERE id = $1 AND $3 = '' AND $4 = '' AND $5 = ''",
    );
    let rows: Vec<CountLine> = diesel::sql_query(sql)
        .bind::<Text, _>(manager)
        .bind::<Text, _>(person)
        .bind::<Text, _>("")
        .bind::<Text, _>("")
        .bind::<Text, _>("")
        .load(conn)?;
    Ok(rows.first().is_some_and(|r| r.n > 0) && person != manager)
}

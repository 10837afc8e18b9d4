//! One person's review in a cycle, and everything written in it: answers,
//! strengths and weaknesses, comments, goals; plus in-app notifications.
//!
//! Every table written through a review form is here, so the conditional
//! updates that guard a review's steps (`move_state`, `bump_version`) sit
//! beside the writes they guard. Reviews read as lists (a manager's, a
//! cycle's) are in [`super::review_lists`].

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::cycles::CycleRow;
use super::schema::{
    answers, comments, form_questions, goals, review_cycles, reviews, strengths_weaknesses,
};
use super::{new_id, now, DbConnection, QueryResult};
use crate::domain::review::{GoalStatus, ReviewState, Side};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = reviews)]
pub struct ReviewRow {
    pub id: String,
    pub cycle_id: String,
    pub person_id: String,
    pub manager_id: Option<String>,
    pub job_title: String,
    pub job_description: String,
    #[diesel(deserialize_as = String)]
    pub state: ReviewState,
    pub self_version: i32,
    pub manager_version: i32,
    pub self_submitted_at: Option<NaiveDateTime>,
    pub shared_at: Option<NaiveDateTime>,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub acknowledgement_response: String,
    pub manager_summary: String,
    pub team_summary: String,
    pub team_summary_published_at: Option<NaiveDateTime>,
    pub reopened_reason: String,
    pub reopened_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The manager handed the manager review in for calibration.
    pub handed_in_at: Option<NaiveDateTime>,
}

impl ReviewRow {
    pub fn state(&self) -> ReviewState {
        self.state
    }

    pub fn version(&self, side: Side) -> i32 {
        match side {
            Side::Own => self.self_version,
            Side::Manager => self.manager_version,
        }
    }
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(ReviewRow, CycleRow)>> {
    reviews::table
        .inner_join(review_cycles::table)
        .filter(reviews::id.eq(id))
        .select((ReviewRow::as_select(), CycleRow::as_select()))
        .first(conn)
        .optional()
}

/// A review with its cycle, its row locked until the transaction ends
/// (PostgreSQL; on SQLite the IMMEDIATE transaction already holds the write
/// lock). A draft save takes the review first, before the answer rows it
/// writes, in the same order as submit and share: the two can then only wait
/// for each other, never deadlock.
pub fn find_for_update(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Option<(ReviewRow, CycleRow)>> {
    if let DbConnection::Pg(c) = conn {
        let review = reviews::table
            .find(id)
            .select(ReviewRow::as_select())
            .for_update()
            .first(c)
            .optional()?;
        let Some(review) = review else {
            return Ok(None);
        };
        let cycle = review_cycles::table
            .find(&review.cycle_id)
            .select(CycleRow::as_select())
            .first(c)?;
        return Ok(Some((review, cycle)));
    }
    find(conn, id)
}

/// The reviews with these ids that are in `state` (any order).
pub fn in_state(
    conn: &mut DbConnection,
    ids: &[String],
    state: ReviewState,
) -> QueryResult<Vec<ReviewRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            reviews::table
                .filter(reviews::id.eq_any(chunk))
                .filter(reviews::state.eq(state.code()))
                .select(ReviewRow::as_select())
                .load(conn)?
                .into_iter()
                // A manager review handed in for calibration waits on HR.
                .filter(|r| !(state == ReviewState::ManagerReview && r.handed_in_at.is_some())),
        );
    }
    Ok(out)
}

/// A person's reviews, newest cycle first, with their cycles.
pub fn for_person(
    conn: &mut DbConnection,
    person_id: &str,
) -> QueryResult<Vec<(ReviewRow, CycleRow)>> {
    reviews::table
        .inner_join(review_cycles::table)
        .filter(reviews::person_id.eq(person_id))
        .filter(reviews::state.ne("removed"))
        .order(review_cycles::opens_on.desc())
        .select((ReviewRow::as_select(), CycleRow::as_select()))
        .load(conn)
}

pub fn find_in_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
    person_id: &str,
) -> QueryResult<Option<ReviewRow>> {
    reviews::table
        .filter(reviews::cycle_id.eq(cycle_id))
        .filter(reviews::person_id.eq(person_id))
        .select(ReviewRow::as_select())
        .first(conn)
        .optional()
}

pub fn set_state(conn: &mut DbConnection, id: &str, state: ReviewState) -> QueryResult<usize> {
    let t = now();
    let n = diesel::update(reviews::table.find(id))
        .set((reviews::state.eq(state.code()), reviews::updated_at.eq(t)))
        .execute(conn)?;
    stamp_step(conn, id, state, t)?;
    Ok(n)
}

/// Record when a review reached `state`, for the states that have a time.
fn stamp_step(
    conn: &mut DbConnection,
    id: &str,
    state: ReviewState,
    t: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    let q = diesel::update(reviews::table.find(id));
    match state {
        ReviewState::ManagerReview => q.set(reviews::self_submitted_at.eq(Some(t))).execute(conn),
        ReviewState::Shared => q.set(reviews::shared_at.eq(Some(t))).execute(conn),
        ReviewState::Acknowledged => q.set(reviews::acknowledged_at.eq(Some(t))).execute(conn),
        _ => Ok(0),
    }
}

/// Move a review from the state (and, when a side is locked, the versions)
/// it had when `from` was read to `to`, optionally moving one side's version on (submit and share lock a
/// side: a form loaded before that can no longer be saved). A conditional
/// update: false, and nothing written, when another request changed the
/// review first. This, not the read before it, is what makes two requests
/// that arrive together take the step once.
pub fn move_state(
    conn: &mut DbConnection,
    from: &ReviewRow,
    to: ReviewState,
    bump: Option<Side>,
) -> QueryResult<bool> {
    let (self_version, manager_version) = match bump {
        Some(Side::Own) => (from.self_version + 1, from.manager_version),
        Some(Side::Manager) => (from.self_version, from.manager_version + 1),
        None => (from.self_version, from.manager_version),
    };
    let t = now();
    let at_state = reviews::table
        .find(&from.id)
        .filter(reviews::state.eq(from.state.code()));
    let n = if bump.is_some() {
        // Submit and share lock a side on what was read: a save that got in
        // first (a newer version) makes the step wait for another look.
        diesel::update(
            at_state
                .filter(reviews::self_version.eq(from.self_version))
                .filter(reviews::manager_version.eq(from.manager_version)),
        )
        .set((
            reviews::state.eq(to.code()),
            reviews::self_version.eq(self_version),
            reviews::manager_version.eq(manager_version),
            reviews::updated_at.eq(t),
        ))
        .execute(conn)?
    } else {
        // Acknowledging and reopening do not depend on the drafts' text, and
        // leave the versions as they are.
        diesel::update(at_state)
            .set((reviews::state.eq(to.code()), reviews::updated_at.eq(t)))
            .execute(conn)?
    };
    if n != 1 {
        return Ok(false);
    }
    stamp_step(conn, &from.id, to, t)?;
    Ok(true)
}

/// Move every review of a cycle that is in one of `from` to `to`; returns how many.
pub fn set_state_where(
    conn: &mut DbConnection,
    cycle_id: &str,
    from: &[&str],
    to: ReviewState,
) -> QueryResult<usize> {
    diesel::update(
        reviews::table
            .filter(reviews::cycle_id.eq(cycle_id))
            .filter(reviews::state.eq_any(from)),
    )
    .set((reviews::state.eq(to.code()), reviews::updated_at.eq(now())))
    .execute(conn)
}

pub fn set_reopened(conn: &mut DbConnection, id: &str, reason: &str) -> QueryResult<usize> {
    diesel::update(reviews::table.find(id))
        .set((
            reviews::reopened_reason.eq(reason),
            reviews::reopened_at.eq(Some(now())),
        ))
        .execute(conn)
}

/// Forget the steps after the one a review is reopened to, so pages do not
/// show it as shared or acknowledged any more.
pub fn clear_progress_after(
    conn: &mut DbConnection,
    id: &str,
    to_manager: bool,
) -> QueryResult<usize> {
    let none: Option<NaiveDateTime> = None;
    let q = diesel::update(reviews::table.find(id));
    if to_manager {
        q.set((
            reviews::shared_at.eq(none),
            reviews::acknowledged_at.eq(none),
        ))
        .execute(conn)
    } else {
        q.set((
            reviews::self_submitted_at.eq(none),
            reviews::shared_at.eq(none),
            reviews::acknowledged_at.eq(none),
        ))
        .execute(conn)
    }
}

pub fn set_acknowledgement_response(
    conn: &mut DbConnection,
    id: &str,
    response: &str,
) -> QueryResult<usize> {
    diesel::update(reviews::table.find(id))
        .set(reviews::acknowledgement_response.eq(response))
        .execute(conn)
}

pub fn set_team_summary(
    conn: &mut DbConnection,
    id: &str,
    summary: &str,
    published: bool,
) -> QueryResult<usize> {
    let at = if published { Some(now()) } else { None };
    diesel::update(reviews::table.find(id))
        .set((
            reviews::team_summary.eq(summary),
            reviews::team_summary_published_at.eq(at),
        ))
        .execute(conn)
}

/// Move a side's version on by one if the review is still at the state and
/// version it had when `from` was read: the optimistic lock behind conflict
/// detection, and what keeps a late save out of a side that was submitted
/// or shared meanwhile. False, and nothing written, when someone got there
/// first.
pub fn bump_version(conn: &mut DbConnection, from: &ReviewRow, side: Side) -> QueryResult<bool> {
    let q = reviews::table
        .find(&from.id)
        .filter(reviews::state.eq(from.state.code()));
    let n = match side {
        Side::Own => diesel::update(q.filter(reviews::self_version.eq(from.self_version)))
            .set((
                reviews::self_version.eq(from.self_version + 1),
                reviews::updated_at.eq(now()),
            ))
            .execute(conn)?,
        Side::Manager => {
            diesel::update(q.filter(reviews::manager_version.eq(from.manager_version)))
                .set((
                    reviews::manager_version.eq(from.manager_version + 1),
                    reviews::updated_at.eq(now()),
                ))
                .execute(conn)?
        }
    };
    Ok(n == 1)
}

/// The published self-evaluation summaries of a manager (their own reviews).
pub fn published_summaries_of(
    conn: &mut DbConnection,
    manager_person_id: &str,
) -> QueryResult<Vec<(ReviewRow, CycleRow)>> {
    reviews::table
        .inner_join(review_cycles::table)
        .filter(reviews::person_id.eq(manager_person_id))
        .filter(reviews::team_summary_published_at.is_not_null())
        .order(review_cycles::opens_on.desc())
        .select((ReviewRow::as_select(), CycleRow::as_select()))
        .load(conn)
}

// ---- answers ----

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = answers)]
pub struct AnswerRow {
    pub id: String,
    pub review_id: String,
    pub question_id: String,
    #[diesel(deserialize_as = String)]
    pub side: Side,
    pub rating: Option<i32>,
    pub body: String,
    pub status: String,
    pub version: i32,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

pub fn answers(
    conn: &mut DbConnection,
    review_id: &str,
    side: Option<Side>,
) -> QueryResult<Vec<AnswerRow>> {
    let mut q = answers::table
        .filter(answers::review_id.eq(review_id))
        .into_boxed();
    if let Some(s) = side {
        q = q.filter(answers::side.eq(s.code()));
    }
    q.select(AnswerRow::as_select()).load(conn)
}

/// Write one answer (insert or update); unchanged answers are left alone.
pub fn upsert_answer(
    conn: &mut DbConnection,
    review_id: &str,
    question_id: &str,
    side: Side,
    rating: Option<i32>,
    body: &str,
    author: &str,
) -> QueryResult<bool> {
    let existing: Option<AnswerRow> = answers::table
        .filter(answers::review_id.eq(review_id))
        .filter(answers::question_id.eq(question_id))
        .filter(answers::side.eq(side.code()))
        .select(AnswerRow::as_select())
        .first(conn)
        .optional()?;
    let t = now();
    match existing {
        Some(a) if a.rating == rating && a.body == body => Ok(false),
        Some(a) => {
            diesel::update(answers::table.find(&a.id))
                .set((
                    answers::rating.eq(rating),
                    answers::body.eq(body),
                    answers::version.eq(a.version + 1),
                    answers::updated_by.eq(Some(author)),
                    answers::updated_at.eq(t),
                ))
                .execute(conn)?;
            Ok(true)
        }
        None if rating.is_none() && body.is_empty() => Ok(false),
        None => {
            diesel::insert_into(answers::table)
                .values((
                    answers::id.eq(new_id()),
                    answers::review_id.eq(review_id),
                    answers::question_id.eq(question_id),
                    answers::side.eq(side.code()),
                    answers::rating.eq(rating),
                    answers::body.eq(body),
                    answers::status.eq("draft"),
                    answers::version.eq(1),
                    answers::updated_by.eq(Some(author)),
                    answers::updated_at.eq(t),
                ))
                .execute(conn)?;
            Ok(true)
        }
    }
}

/// Mark a side's answers submitted (or back to draft when reopened).
pub fn set_answers_status(
    conn: &mut DbConnection,
    review_id: &str,
    side: Side,
    status: &str,
) -> QueryResult<usize> {
    diesel::update(
        answers::table
            .filter(answers::review_id.eq(review_id))
            .filter(answers::side.eq(side.code())),
    )
    .set(answers::status.eq(status))
    .execute(conn)
}

/// One rating of a competency in one of a person's reviews.
#[derive(Debug, Clone)]
pub struct CompetencyRating {
    pub review_id: String,
    pub question_id: String,
    pub competency_id: String,
    pub side: Side,
    pub rating: i32,
}

/// Every competency rating given in a person's reviews (either side, any
/// cycle; removed reviews left out), for the trend in their history.
pub fn competency_ratings_of_person(
    conn: &mut DbConnection,
    person_id: &str,
) -> QueryResult<Vec<CompetencyRating>> {
    type Line = (String, String, Option<String>, String, Option<i32>);
    let rows: Vec<Line> = answers::table
        .inner_join(reviews::table)
        .inner_join(form_questions::table.on(form_questions::id.eq(answers::question_id)))
        .filter(reviews::person_id.eq(person_id))
        .filter(reviews::state.ne("removed"))
        .filter(form_questions::competency_id.is_not_null())
        .filter(answers::rating.is_not_null())
        .select((
            answers::review_id,
            answers::question_id,
            form_questions::competency_id,
            answers::side,
            answers::rating,
        ))
        .load(conn)?;
    rows.into_iter()
        .filter_map(|(review_id, question_id, competency_id, side, rating)| {
            Some((review_id, question_id, competency_id?, side, rating?))
        })
        .map(|(review_id, question_id, competency_id, side, rating)| {
            let side = Side::parse(&side)
                .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
            Ok(CompetencyRating {
                review_id,
                question_id,
                competency_id,
                side,
                rating,
            })
        })
        .collect()
}

// ---- strengths and weaknesses ----

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = strengths_weaknesses)]
pub struct TraitRow {
    pub id: String,
    pub person_id: String,
    pub review_id: Option<String>,
    pub competency_id: Option<String>,
    pub kind: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub side: Side,
    pub stance: String,
    pub responds_to_id: Option<String>,
    pub body: String,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn traits(conn: &mut DbConnection, review_id: &str) -> QueryResult<Vec<TraitRow>> {
    strengths_weaknesses::table
        .filter(strengths_weaknesses::review_id.eq(review_id))
        .order(strengths_weaknesses::created_at.asc())
        .select(TraitRow::as_select())
        .load(conn)
}

/// Is this id already a row of `table`, anywhere? (A new row's id comes from
/// the page; only a crafted request names a row of another review.)
pub fn id_taken(conn: &mut DbConnection, table: RowTable, id: &str) -> QueryResult<bool> {
    match table {
        RowTable::Traits => {
            diesel::select(diesel::dsl::exists(strengths_weaknesses::table.find(id)))
                .get_result(conn)
        }
        RowTable::Goals => {
            diesel::select(diesel::dsl::exists(goals::table.find(id))).get_result(conn)
        }
        RowTable::Comments => {
            diesel::select(diesel::dsl::exists(comments::table.find(id))).get_result(conn)
        }
    }
}

/// The tables whose new rows carry an id the page rendered.
#[derive(Debug, Clone, Copy)]
pub enum RowTable {
    Traits,
    Goals,
    Comments,
}

pub fn insert_trait(conn: &mut DbConnection, row: &TraitRow) -> QueryResult<()> {
    diesel::insert_into(strengths_weaknesses::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn update_trait(
    conn: &mut DbConnection,
    id: &str,
    body: &str,
    competency_id: Option<&str>,
    stance: &str,
) -> QueryResult<usize> {
    diesel::update(strengths_weaknesses::table.find(id))
        .set((
            strengths_weaknesses::body.eq(body),
            strengths_weaknesses::competency_id.eq(competency_id),
            strengths_weaknesses::stance.eq(stance),
            strengths_weaknesses::updated_at.eq(now()),
        ))
        .execute(conn)
}

pub fn delete_trait(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(strengths_weaknesses::table.find(id)).execute(conn)
}

/// A person's strengths and weaknesses across all their reviews, newest first.
pub fn traits_of_person(conn: &mut DbConnection, person_id: &str) -> QueryResult<Vec<TraitRow>> {
    strengths_weaknesses::table
        .filter(strengths_weaknesses::person_id.eq(person_id))
        .order(strengths_weaknesses::created_at.desc())
        .select(TraitRow::as_select())
        .load(conn)
}

// ---- comments ----

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = comments)]
pub struct CommentRow {
    pub id: String,
    pub review_id: String,
    pub author_id: String,
    pub parent_id: Option<String>,
    pub section_id: Option<String>,
    pub competency_id: Option<String>,
    pub kind: String,
    /// `shared` or `private`; `None` while the author has not chosen (a
    /// draft: read by nobody but its author and HR, and the review cannot
    /// be shared while one is left).
    pub visibility: Option<String>,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Comments on a review; private ones only when asked for.
pub fn comments(
    conn: &mut DbConnection,
    review_id: &str,
    include_private: bool,
) -> QueryResult<Vec<CommentRow>> {
    let mut q = comments::table
        .filter(comments::review_id.eq(review_id))
        .into_boxed();
    if !include_private {
        q = q.filter(comments::visibility.eq("shared"));
    }
    q.order(comments::created_at.asc())
        .select(CommentRow::as_select())
        .load(conn)
}

pub fn insert_comment(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<()> {
    diesel::insert_into(comments::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update_comment(
    conn: &mut DbConnection,
    id: &str,
    body: &str,
    visibility: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(comments::table.find(id))
        .set((
            comments::body.eq(body),
            comments::visibility.eq(visibility),
            comments::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// The manager's comments on a review whose visibility is not chosen yet.
pub fn undecided_comments(
    conn: &mut DbConnection,
    review_id: &str,
) -> QueryResult<Vec<CommentRow>> {
    comments::table
        .filter(comments::review_id.eq(review_id))
        .filter(comments::kind.eq("manager_comment"))
        .filter(comments::visibility.is_null())
        .order(comments::created_at.asc())
        .select(CommentRow::as_select())
        .load(conn)
}

pub fn delete_comment(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(comments::table.find(id)).execute(conn)
}

// ---- goals ----

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = goals)]
pub struct GoalRow {
    pub id: String,
    pub person_id: String,
    pub review_id: Option<String>,
    pub carried_from_id: Option<String>,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub support_needed: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: GoalStatus,
    pub due_on: Option<NaiveDate>,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn goals_of_review(conn: &mut DbConnection, review_id: &str) -> QueryResult<Vec<GoalRow>> {
    goals::table
        .filter(goals::review_id.eq(review_id))
        .order(goals::created_at.asc())
        .select(GoalRow::as_select())
        .load(conn)
}

/// All of a person's goals, newest first.
pub fn goals_of_person(conn: &mut DbConnection, person_id: &str) -> QueryResult<Vec<GoalRow>> {
    goals::table
        .filter(goals::person_id.eq(person_id))
        .order(goals::created_at.desc())
        .select(GoalRow::as_select())
        .load(conn)
}

/// Goals agreed in earlier reviews that are not finished: they carry over.
pub fn open_goals_before(
    conn: &mut DbConnection,
    person_id: &str,
    review_id: &str,
) -> QueryResult<Vec<GoalRow>> {
    goals::table
        .filter(goals::person_id.eq(person_id))
        .filter(
            goals::review_id
                .ne(review_id)
                .or(goals::review_id.is_null()),
        )
        // Not `IN`: see `review_lists::for_manager_current`.
        .filter(
            goals::status
                .eq("agreed")
                .or(goals::status.eq("in_progress")),
        )
        .order(goals::created_at.asc())
        .select(GoalRow::as_select())
        .load(conn)
}

pub fn insert_goal(conn: &mut DbConnection, row: &GoalRow) -> QueryResult<()> {
    diesel::insert_into(goals::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn update_goal(conn: &mut DbConnection, row: &GoalRow) -> QueryResult<usize> {
    diesel::update(goals::table.find(&row.id))
        .set((
            goals::kind.eq(&row.kind),
            goals::title.eq(&row.title),
            goals::description.eq(&row.description),
            goals::support_needed.eq(&row.support_needed),
            goals::status.eq(row.status.code()),
            goals::due_on.eq(row.due_on),
            goals::updated_at.eq(now()),
        ))
        .execute(conn)
}

pub fn set_goal_status(conn: &mut DbConnection, id: &str, status: &str) -> QueryResult<usize> {
    diesel::update(goals::table.find(id))
        .set((goals::status.eq(status), goals::updated_at.eq(now())))
        .execute(conn)
}

pub fn delete_goal(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(goals::table.find(id)).execute(conn)
}

/// Agree the employee's proposed goals of a review (on share).
pub fn agree_goals(conn: &mut DbConnection, review_id: &str) -> QueryResult<usize> {
    diesel::update(
        goals::table
            .filter(goals::review_id.eq(review_id))
            .filter(goals::status.eq("proposed")),
    )
    .set((goals::status.eq("agreed"), goals::updated_at.eq(now())))
    .execute(conn)
}

//! Reads for a cycle's downloads: its reviews in batches (key-set paging in
//! the person's name order, so a 10,000-person cycle never sits in memory),
//! and for each batch the ratings, entries, goals and private comments.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::reviews::GoalRow;
use super::schema::{answers, comments, goals, people, reviews, strengths_weaknesses};
use super::{DbConnection, QueryResult};
use crate::domain::review::{ReviewState, Side};

/// One review as a download shows it: the review's facts and the names.
#[derive(Debug, Clone, Queryable)]
pub struct ExportReview {
    pub id: String,
    pub person_id: String,
    pub manager_id: Option<String>,
    pub job_title: String,
    #[diesel(deserialize_as = String)]
    pub state: ReviewState,
    pub self_submitted_at: Option<NaiveDateTime>,
    pub shared_at: Option<NaiveDateTime>,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub handed_in_at: Option<NaiveDateTime>,
    pub person_name: String,
    pub email: String,
    pub department: String,
    pub manager_name: Option<String>,
}

/// Where the next batch starts: just after this (name, review id).
#[derive(Debug, Clone, Default)]
pub struct After {
    pub name: String,
    pub id: String,
}

/// The next `limit` reviews of a cycle after `after`, in name order; only
/// those `manager_id` was recorded as the manager of, when given.
pub fn reviews_batch(
    conn: &mut DbConnection,
    cycle_id: &str,
    manager_id: Option<&str>,
    after: Option<&After>,
    limit: i64,
) -> QueryResult<Vec<ExportReview>> {
    let managers = diesel::alias!(people as managers);
    let mut q = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .left_join(
            managers.on(managers
                .field(people::id)
                .nullable()
                .eq(reviews::manager_id)),
        )
        .filter(reviews::cycle_id.eq(cycle_id.to_string()))
        .into_boxed();
    if let Some(m) = manager_id {
        q = q.filter(reviews::manager_id.eq(m.to_string()));
    }
    if let Some(a) = after {
        q = q.filter(
            people::name.gt(a.name.clone()).or(people::name
                .eq(a.name.clone())
                .and(reviews::id.gt(a.id.clone()))),
        );
    }
    q.order((people::name.asc(), reviews::id.asc()))
        .limit(limit)
        .select((
            reviews::id,
            reviews::person_id,
            reviews::manager_id,
            reviews::job_title,
            reviews::state,
            reviews::self_submitted_at,
            reviews::shared_at,
            reviews::acknowledged_at,
            reviews::handed_in_at,
            people::name,
            people::email,
            people::department,
            managers.field(people::name).nullable(),
        ))
        .load(conn)
}

/// Whether `manager_id` writes any review of the cycle.
pub fn manages_in_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
    manager_id: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        reviews::table
            .filter(reviews::cycle_id.eq(cycle_id))
            .filter(reviews::manager_id.eq(manager_id)),
    ))
    .get_result(conn)
}

/// A rating given in one of the reviews: (review, question, side, rating).
#[derive(Debug, Clone, Queryable)]
pub struct Rating {
    pub review_id: String,
    pub question_id: String,
    #[diesel(deserialize_as = String)]
    pub side: Side,
    pub rating: Option<i32>,
}

pub fn ratings_of(conn: &mut DbConnection, review_ids: &[String]) -> QueryResult<Vec<Rating>> {
    answers::table
        .filter(answers::review_id.eq_any(review_ids))
        .filter(answers::rating.is_not_null())
        .select((
            answers::review_id,
            answers::question_id,
            answers::side,
            answers::rating,
        ))
        .load(conn)
}

/// A strength or weakness written in one of the reviews (not its text).
#[derive(Debug, Clone, Queryable)]
pub struct Entry {
    pub review_id: Option<String>,
    pub kind: String,
    #[diesel(deserialize_as = String)]
    pub side: Side,
    pub responds_to_id: Option<String>,
}

pub fn entries_of(conn: &mut DbConnection, review_ids: &[String]) -> QueryResult<Vec<Entry>> {
    strengths_weaknesses::table
        .filter(strengths_weaknesses::review_id.eq_any(review_ids))
        .select((
            strengths_weaknesses::review_id,
            strengths_weaknesses::kind,
            strengths_weaknesses::side,
            strengths_weaknesses::responds_to_id,
        ))
        .load(conn)
}

pub fn goals_of(conn: &mut DbConnection, review_ids: &[String]) -> QueryResult<Vec<GoalRow>> {
    goals::table
        .filter(goals::review_id.eq_any(review_ids))
        .order((goals::created_at.asc(), goals::id.asc()))
        .select(GoalRow::as_select())
        .load(conn)
}

/// The managers' private comments on these reviews: (review, text).
pub fn private_comments_of(
    conn: &mut DbConnection,
    review_ids: &[String],
) -> QueryResult<Vec<(String, String)>> {
    comments::table
        .filter(comments::review_id.eq_any(review_ids))
        .filter(comments::visibility.eq("private"))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select((comments::review_id, comments::body))
        .load(conn)
}

/// How many reviews of the cycle a download covers (before policy hides any).
pub fn count_reviews(
    conn: &mut DbConnection,
    cycle_id: &str,
    manager_id: Option<&str>,
) -> QueryResult<i64> {
    let mut q = reviews::table
        .filter(reviews::cycle_id.eq(cycle_id.to_string()))
        .into_boxed();
    if let Some(m) = manager_id {
        q = q.filter(reviews::manager_id.eq(m.to_string()));
    }
    q.count().get_result(conn)
}

//! Reviews read as lists, each with only what its page or job needs: a
//! manager's current reviews, a cycle's reviews (all of them, a page of
//! them, its roster for email, one manager's team in it) and the count
//! waiting for calibration. One review and what is written in it are in
//! [`super::reviews`].

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::cycles::CycleRow;
use super::reviews::ReviewRow;
use super::schema::{people, review_cycles, reviews};
use super::{DbConnection, QueryResult};
use crate::domain::review::ReviewState;

/// A review as a manager's lists show it (team page, home page tasks): the
/// few columns that decide its step, without its texts or its other dates.
/// Reading every column of `ReviewRow` and `CycleRow` for each of a team's
/// reviews was an eighth of the team page's instructions (most of it parsing
/// timestamps that page never shows).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviews)]
pub struct ReviewStep {
    pub id: String,
    pub cycle_id: String,
    pub person_id: String,
    pub manager_id: Option<String>,
    /// The person's job title when the cycle was launched.
    pub job_title: String,
    #[diesel(deserialize_as = String)]
    pub state: ReviewState,
    pub self_submitted_at: Option<NaiveDateTime>,
    pub shared_at: Option<NaiveDateTime>,
    pub handed_in_at: Option<NaiveDateTime>,
}

/// Reviews a manager writes in cycles that are not closed, with the cycle and
/// the person's name; newest cycle first, then by name.
pub fn for_manager_current(
    conn: &mut DbConnection,
    manager_id: &str,
) -> QueryResult<Vec<(ReviewStep, CycleRow, String)>> {
    // `a OR b`, not `IN (a, b)`: diesel prepares an `IN` list again on every
    // run on SQLite; these statements stay in its cache.
    let cycles: Vec<CycleRow> = review_cycles::table
        .filter(
            review_cycles::status
                .eq("scheduled")
                .or(review_cycles::status.eq("open")),
        )
        .select(CycleRow::as_select())
        .load(conn)?;
    let rows: Vec<(ReviewStep, String)> = reviews::table
        .inner_join(review_cycles::table)
        .inner_join(people::table)
        .filter(reviews::manager_id.eq(manager_id))
        .filter(reviews::state.ne("removed"))
        .filter(
            review_cycles::status
                .eq("scheduled")
                .or(review_cycles::status.eq("open")),
        )
        .order((review_cycles::opens_on.desc(), people::name.asc()))
        .select((ReviewStep::as_select(), people::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(r, name)| {
            // A cycle closed between the two statements leaves its
            // reviews out, as the next view would.
            let c = cycles.iter().find(|c| c.id == r.cycle_id)?.clone();
            Some((r, c, name))
        })
        .collect())
}

/// All reviews of a cycle with the person's and manager's names, by name.
pub fn for_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> QueryResult<Vec<(ReviewRow, String, String)>> {
    let managers = diesel::alias!(people as managers);
    reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .left_join(
            managers.on(managers
                .field(people::id)
                .nullable()
                .eq(reviews::manager_id)),
        )
        .filter(reviews::cycle_id.eq(cycle_id))
        .order(people::name.asc())
        .select((
            ReviewRow::as_select(),
            people::name,
            managers.field(people::name).nullable(),
        ))
        .load::<(ReviewRow, String, Option<String>)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(r, n, m)| (r, n, m.unwrap_or_default()))
                .collect()
        })
}

/// A line of a cycle's review list: only what the list shows.
#[derive(Debug, Clone, Queryable)]
pub struct CycleListRow {
    pub id: String,
    pub state: String,
    pub person_name: String,
    pub manager_name: Option<String>,
    pub handed_in_at: Option<NaiveDateTime>,
}

/// Which of a cycle's reviews a list shows.
#[derive(Debug, Clone, Default)]
pub struct CycleListFilter {
    /// Only these states (state codes); `None`: every state.
    pub states: Option<Vec<&'static str>>,
    /// Part of the person's name, any case.
    pub name: Option<String>,
    /// Leave out manager reviews handed in for calibration (they wait on
    /// HR, so they are not late at the manager review).
    pub waiting_only: bool,
}

/// A page of a cycle's reviews in the person's name order: `limit` from
/// `offset`, narrow rows (never every review of a 10,000-person cycle).
pub fn page_of_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
    filter: &CycleListFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<CycleListRow>> {
    use super::lower;
    let managers = diesel::alias!(people as managers);
    let mut q = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .left_join(
            managers.on(managers
                .field(people::id)
                .nullable()
                .eq(reviews::manager_id)),
        )
        .into_boxed();
    q = match conn {
        // SQLite would take the cycle's reviews by an index on the cycle
        // (`reviews_cycle_cover_idx`) and sort all of them (10,000 at
        // company scale) by name for every page: 30 ms a view, measured.
        // `+` keeps it from using an index for the cycle, so it walks people
        // in name order (`people_name_idx`) and finds each one's review
        // (`reviews_person_cycle_idx`), stopping after a page.
        DbConnection::Sqlite(_) => q.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("+reviews.cycle_id = ")
                .bind::<diesel::sql_types::Text, _>(cycle_id.to_string()),
        ),
        DbConnection::Pg(_) => q.filter(reviews::cycle_id.eq(cycle_id.to_string())),
    };
    if let Some(states) = &filter.states {
        q = q.filter(reviews::state.eq_any(states.clone()));
    }
    if filter.waiting_only {
        q = q.filter(
            reviews::state
                .ne(ReviewState::ManagerReview.code())
                .or(reviews::handed_in_at.is_null()),
        );
    }
    if let Some(name) = filter
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        q = q.filter(
            lower(people::name)
                .like(super::contains_pattern(name))
                .escape(super::LIKE_ESCAPE),
        );
    }
    q.order((people::name.asc(), reviews::id.asc()))
        .limit(limit)
        .offset(offset)
        .select((
            reviews::id,
            reviews::state,
            people::name,
            managers.field(people::name).nullable(),
            reviews::handed_in_at,
        ))
        .load(conn)
}

/// How many of a cycle's manager reviews are handed in for calibration and
/// still waiting for it.
pub fn handed_in_count(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<i64> {
    reviews::table
        .filter(reviews::cycle_id.eq(cycle_id))
        .filter(reviews::state.eq(ReviewState::ManagerReview.code()))
        .filter(reviews::handed_in_at.is_not_null())
        .count()
        .get_result(conn)
}

/// One line of a cycle's roster: whose review, who manages it, where it is.
#[derive(Debug, Clone, Queryable)]
pub struct RosterLine {
    pub review_id: String,
    pub person_id: String,
    pub manager_id: Option<String>,
    #[diesel(deserialize_as = String)]
    pub state: ReviewState,
    pub handed_in_at: Option<chrono::NaiveDateTime>,
}

impl RosterLine {
    pub fn state(&self) -> ReviewState {
        self.state
    }

    /// Is the review waiting for someone to do the work of `step`? A
    /// manager review handed in for calibration waits on HR, not on its
    /// manager: no reminder or overdue notice about it reaches the manager.
    pub fn waits_at(&self, step: ReviewState) -> bool {
        self.state == step && !(step == ReviewState::ManagerReview && self.handed_in_at.is_some())
    }
}

/// Every review of a cycle, lightly: for deciding who gets which email.
pub fn roster(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<Vec<RosterLine>> {
    reviews::table
        .filter(reviews::cycle_id.eq(cycle_id))
        .select((
            reviews::id,
            reviews::person_id,
            reviews::manager_id,
            reviews::state,
            reviews::handed_in_at,
        ))
        .load(conn)
}

/// The people whose reviews in a cycle a manager writes (removed ones left
/// out): (name, job title), by name.
pub fn team_in_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
    manager_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .filter(reviews::cycle_id.eq(cycle_id))
        .filter(reviews::manager_id.eq(manager_id))
        .filter(reviews::state.ne(ReviewState::Removed.code()))
        .order(people::name.asc())
        .select((people::name, reviews::job_title))
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::now;

    #[test]
    fn a_review_handed_in_waits_on_hr_not_its_manager() {
        let line = |state, handed_in: bool| RosterLine {
            review_id: "r".into(),
            person_id: "p".into(),
            manager_id: Some("m".into()),
            state,
            handed_in_at: handed_in.then(now),
        };
        assert!(line(ReviewState::ManagerReview, false).waits_at(ReviewState::ManagerReview));
        assert!(!line(ReviewState::ManagerReview, true).waits_at(ReviewState::ManagerReview));
        assert!(line(ReviewState::Shared, true).waits_at(ReviewState::Shared));
        assert!(!line(ReviewState::Shared, false).waits_at(ReviewState::ManagerReview));
    }
}

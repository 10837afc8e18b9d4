//! Review cycles, their participants, and launching them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{cycle_participants, people, review_cycles, reviews};
use super::{new_id, now, DbConnection, QueryResult};
use crate::domain::review::{CycleStatus, PhaseDates, ReviewState};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = review_cycles)]
pub struct CycleRow {
    pub id: String,
    pub name: String,
    pub template_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: CycleStatus,
    pub opens_on: NaiveDate,
    pub self_due_on: NaiveDate,
    pub manager_due_on: NaiveDate,
    pub ack_due_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub reminder_days: String,
    pub dates_sequence: i32,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub launched_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
}

impl CycleRow {
    pub fn status(&self, today: NaiveDate) -> CycleStatus {
        self.status.effective(self.opens_on, today)
    }

    pub fn dates(&self) -> PhaseDates {
        PhaseDates {
            opens_on: self.opens_on,
            self_due_on: self.self_due_on,
            manager_due_on: self.manager_due_on,
            ack_due_on: self.ack_due_on,
            closes_on: self.closes_on,
        }
    }
}

pub fn insert(conn: &mut DbConnection, row: &CycleRow) -> QueryResult<()> {
    diesel::insert_into(review_cycles::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<CycleRow>> {
    review_cycles::table
        .find(id)
        .select(CycleRow::as_select())
        .first(conn)
        .optional()
}

/// The cycle, locked for the rest of the caller's transaction: on PostgreSQL
/// with `FOR UPDATE`, so two commands on one cycle take turns; on SQLite the
/// writing transaction (`BEGIN IMMEDIATE`) already holds the only write lock.
pub fn find_for_update(conn: &mut DbConnection, id: &str) -> QueryResult<Option<CycleRow>> {
    if let DbConnection::Pg(c) = conn {
        return review_cycles::table
            .find(id)
            .select(CycleRow::as_select())
            .for_update()
            .first(c)
            .optional();
    }
    find(conn, id)
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<CycleRow>> {
    review_cycles::table
        .order(review_cycles::opens_on.desc())
        .select(CycleRow::as_select())
        .load(conn)
}

/// Change a draft's details; a cycle launched meanwhile is left alone (0 rows).
pub fn update_details(
    conn: &mut DbConnection,
    id: &str,
    name: &str,
    template_id: &str,
    dates: &PhaseDates,
    reminder_days: &str,
) -> QueryResult<usize> {
    diesel::update(
        review_cycles::table
            .find(id)
            .filter(review_cycles::status.eq(CycleStatus::Draft.code())),
    )
    .set((
        review_cycles::name.eq(name),
        review_cycles::template_id.eq(template_id),
        review_cycles::opens_on.eq(dates.opens_on),
        review_cycles::self_due_on.eq(dates.self_due_on),
        review_cycles::manager_due_on.eq(dates.manager_due_on),
        review_cycles::ack_due_on.eq(dates.ack_due_on),
        review_cycles::closes_on.eq(dates.closes_on),
        review_cycles::reminder_days.eq(reminder_days),
        review_cycles::updated_at.eq(now()),
    ))
    .execute(conn)
}

/// Move the dates of a cycle not closed; the calendar sequence goes up. A
/// cycle closed meanwhile is left alone (0 rows).
pub fn move_dates(conn: &mut DbConnection, id: &str, dates: &PhaseDates) -> QueryResult<usize> {
    diesel::update(
        review_cycles::table
            .find(id)
            .filter(review_cycles::status.ne(CycleStatus::Closed.code())),
    )
    .set((
        review_cycles::opens_on.eq(dates.opens_on),
        review_cycles::self_due_on.eq(dates.self_due_on),
        review_cycles::manager_due_on.eq(dates.manager_due_on),
        review_cycles::ack_due_on.eq(dates.ack_due_on),
        review_cycles::closes_on.eq(dates.closes_on),
        review_cycles::dates_sequence.eq(review_cycles::dates_sequence + 1),
        review_cycles::updated_at.eq(now()),
    ))
    .execute(conn)
}

/// Raise the calendar version without moving dates (someone re-added).
pub fn bump_dates_sequence(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(review_cycles::table.find(id))
        .set(review_cycles::dates_sequence.eq(review_cycles::dates_sequence + 1))
        .execute(conn)
}

/// Cycles that are open (reminders are planned for these).
pub fn list_open(conn: &mut DbConnection) -> QueryResult<Vec<CycleRow>> {
    review_cycles::table
        .filter(review_cycles::status.eq("open"))
        .select(CycleRow::as_select())
        .load(conn)
}

/// Change how many days before each due date reminders go out, unless the
/// cycle is closed (0 rows then).
pub fn set_reminder_days(conn: &mut DbConnection, id: &str, days: &str) -> QueryResult<usize> {
    diesel::update(
        review_cycles::table
            .find(id)
            .filter(review_cycles::status.ne(CycleStatus::Closed.code())),
    )
    .set((
        review_cycles::reminder_days.eq(days),
        review_cycles::updated_at.eq(now()),
    ))
    .execute(conn)
}

/// Move a cycle to `status` if it is now at one of `from`; returns the rows
/// changed (0: someone else moved it first).
pub fn set_status(
    conn: &mut DbConnection,
    id: &str,
    from: &[CycleStatus],
    status: CycleStatus,
) -> QueryResult<usize> {
    let t = now();
    let from: Vec<&str> = from.iter().map(|s| s.code()).collect();
    let q = diesel::update(
        review_cycles::table
            .find(id)
            .filter(review_cycles::status.eq_any(from)),
    );
    match status {
        CycleStatus::Closed => q
            .set((
                review_cycles::status.eq(status.code()),
                review_cycles::closed_at.eq(Some(t)),
                review_cycles::updated_at.eq(t),
            ))
            .execute(conn),
        CycleStatus::Scheduled | CycleStatus::Open => q
            .set((
                review_cycles::status.eq(status.code()),
                review_cycles::launched_at.eq(Some(t)),
                review_cycles::updated_at.eq(t),
            ))
            .execute(conn),
        CycleStatus::Draft => q
            .set((
                review_cycles::status.eq(status.code()),
                review_cycles::updated_at.eq(t),
            ))
            .execute(conn),
    }
}

pub fn delete_draft(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(cycle_participants::table.filter(cycle_participants::cycle_id.eq(id)))
        .execute(conn)?;
    // Its calibration settings go with it (a draft has nothing handed in).
    let draft = review_cycles::table
        .find(id)
        .filter(review_cycles::status.eq("draft"));
    diesel::delete(
        super::schema::cycle_calibrations::table
            .find(id)
            .filter(diesel::dsl::exists(draft)),
    )
    .execute(conn)?;
    diesel::delete(
        review_cycles::table
            .find(id)
            .filter(review_cycles::status.eq("draft")),
    )
    .execute(conn)
}

/// Mark scheduled cycles whose day has come as open; returns their ids.
pub fn open_due(conn: &mut DbConnection, today: NaiveDate) -> QueryResult<Vec<String>> {
    let due: Vec<String> = review_cycles::table
        .filter(review_cycles::status.eq("scheduled"))
        .filter(review_cycles::opens_on.le(today))
        .select(review_cycles::id)
        .load(conn)?;
    if !due.is_empty() {
        diesel::update(review_cycles::table.filter(review_cycles::id.eq_any(&due)))
            .set((
                review_cycles::status.eq("open"),
                review_cycles::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(due)
}

// ---- participants (before launch) ----

pub fn participants(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> QueryResult<Vec<super::people::ListRow>> {
    cycle_participants::table
        .inner_join(people::table)
        .filter(cycle_participants::cycle_id.eq(cycle_id))
        .order(people::name.asc())
        .select(super::people::ListRow::as_select())
        .load(conn)
}

pub fn participant_count(conn: &mut DbConnection, cycle_id: &str) -> QueryResult<i64> {
    cycle_participants::table
        .filter(cycle_participants::cycle_id.eq(cycle_id))
        .count()
        .get_result(conn)
}

/// Replace the participant list of a draft cycle.
pub fn set_participants(
    conn: &mut DbConnection,
    cycle_id: &str,
    person_ids: &[String],
) -> QueryResult<()> {
    diesel::delete(cycle_participants::table.filter(cycle_participants::cycle_id.eq(cycle_id)))
        .execute(conn)?;
    for chunk in person_ids.chunks(400) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|p| {
                (
                    cycle_participants::cycle_id.eq(cycle_id),
                    cycle_participants::person_id.eq(p),
                )
            })
            .collect();
        crate::batch_insert!(conn, cycle_participants::table, &rows)?;
    }
    Ok(())
}

/// Active people chosen by a rule: everyone, a department, a manager's reports.
/// Active people, by department or manager; `with_manager`: only those who
/// have a manager (everyone else could not get a manager review).
pub fn select_people(
    conn: &mut DbConnection,
    department: Option<&str>,
    manager_id: Option<&str>,
    with_manager: bool,
) -> QueryResult<Vec<String>> {
    let mut q = people::table.filter(people::active.eq(true)).into_boxed();
    if with_manager {
        q = q.filter(people::manager_id.is_not_null());
    }
    if let Some(d) = department {
        q = q.filter(people::department.eq(d.to_string()));
    }
    if let Some(m) = manager_id {
        q = q.filter(people::manager_id.eq(m.to_string()));
    }
    q.order(people::name.asc()).select(people::id).load(conn)
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reviews)]
pub struct NewReviewRow {
    pub id: String,
    pub cycle_id: String,
    pub person_id: String,
    pub manager_id: Option<String>,
    pub job_title: String,
    pub job_description: String,
    pub state: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Create the reviews for these people, freezing each one's manager, job
/// title and job description now. Batched inserts; the caller's transaction
/// makes it all or nothing. Returns the new reviews' `(id, person_id)`.
pub fn create_reviews(
    conn: &mut DbConnection,
    cycle_id: &str,
    person_ids: &[String],
) -> QueryResult<Vec<(String, String)>> {
    let t = now();
    let mut created = Vec::with_capacity(person_ids.len());
    for chunk in person_ids.chunks(200) {
        let people: Vec<(String, Option<String>, String, String)> = people::table
            .filter(people::id.eq_any(chunk))
            .select((
                people::id,
                people::manager_id,
                people::job_title,
                people::job_description,
            ))
            .load(conn)?;
        let rows: Vec<NewReviewRow> = people
            .into_iter()
            .map(
                |(pid, manager_id, job_title, job_description)| NewReviewRow {
                    id: new_id(),
                    cycle_id: cycle_id.to_string(),
                    person_id: pid,
                    manager_id,
                    job_title,
                    job_description,
                    state: ReviewState::SelfAssessment.code().into(),
                    created_at: t,
                    updated_at: t,
                },
            )
            .collect();
        created.extend(rows.iter().map(|r| (r.id.clone(), r.person_id.clone())));
        crate::batch_insert!(conn, reviews::table, &rows)?;
    }
    Ok(created)
}

/// Take a review out of its cycle if it is still at `from`; returns the rows
/// changed (0: it moved meanwhile).
pub fn remove_review(conn: &mut DbConnection, id: &str, from: ReviewState) -> QueryResult<usize> {
    diesel::update(
        reviews::table
            .find(id)
            .filter(reviews::state.eq(from.code())),
    )
    .set((
        reviews::state.eq(ReviewState::Removed.code()),
        reviews::updated_at.eq(now()),
    ))
    .execute(conn)
}

/// Bring a removed review back to the start (a person added again); returns
/// the rows changed (0: it was not removed any more).
pub fn restore_review(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(
        reviews::table
            .find(id)
            .filter(reviews::state.eq(ReviewState::Removed.code())),
    )
    .set((
        reviews::state.eq(ReviewState::SelfAssessment.code()),
        reviews::updated_at.eq(now()),
    ))
    .execute(conn)
}

/// How many reviews of a cycle are at each state.
pub fn state_counts(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> QueryResult<Vec<(ReviewState, i64)>> {
    let rows: Vec<(String, i64)> = reviews::table
        .filter(reviews::cycle_id.eq(cycle_id))
        .group_by(reviews::state)
        .select((reviews::state, diesel::dsl::count_star()))
        .load(conn)?;
    rows.into_iter()
        .map(|(s, n)| {
            ReviewState::parse(&s)
                .map(|s| (s, n))
                .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
        })
        .collect()
}

//! Review cycle commands: launch, late participants, removal, date moves and
//! closing. Each is one transaction that checks the rule on rows read inside
//! it, changes state under a condition, and writes its audit and outbox rows.

use chrono::NaiveDate;
use serde_json::json;

use super::Error as WorkflowError;
use crate::db::cycles;
use crate::db::reviews;
use crate::db::{self, audit, forms, people, DbConnection};
use crate::domain::review::{CycleStatus, PhaseDates, ReviewState, Transition};
use crate::mail::outbox as mail;

/// Launch a draft cycle: one review per participant, all or none, freezing
/// each one's manager and job description now. The cycle is open at once if
/// its opening day has come, else scheduled.
pub fn launch(
    conn: &mut DbConnection,
    cycle_id: &str,
    actor: &str,
    today: NaiveDate,
) -> Result<CycleStatus, WorkflowError> {
    db::write_tx(conn, |conn| {
        let cycle = cycles::find(conn, cycle_id)?.ok_or(WorkflowError::NotFound)?;
        if CycleStatus::from_stored(&cycle.status) != CycleStatus::Draft {
            return Err(WorkflowError::NotNow("error-cycle-already-launched"));
        }
        cycle
            .dates()
            .check()
            .map_err(|crate::domain::review::DatesError::OutOfOrder(f)| WorkflowError::Dates(f))?;
        let participants = cycles::participants(conn, cycle_id)?;
        if participants.is_empty() {
            return Err(WorkflowError::NoParticipants);
        }
        let without: Vec<String> = participants
            .iter()
            .filter(|p| p.manager_id.is_none())
            .map(|p| p.name.clone())
            .collect();
        if !without.is_empty() {
            return Err(WorkflowError::NoManager(without));
        }
        let ids: Vec<String> = participants.iter().map(|p| p.id.clone()).collect();
        let created = cycles::create_reviews(conn, cycle_id, &ids)?;
        forms::freeze(conn, &cycle.template_id)?;
        let status = if cycle.opens_on <= today {
            CycleStatus::Open
        } else {
            CycleStatus::Scheduled
        };
        cycles::set_status(conn, cycle_id, status)?;
        if status == CycleStatus::Open {
            mail::cycle_opened(conn, &cycle, db::now())?;
        }
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(actor),
                action: "cycle.launched",
                subject_type: "cycle",
                subject_id: cycle_id,
                cycle_id: Some(cycle_id),
                details: json!({ "reviews": created.len(), "status": status.code() }),
                ..Default::default()
            },
        )?;
        Ok(status)
    })
}

/// Add someone to a launched cycle (a late participant).
pub fn add_participant(
    conn: &mut DbConnection,
    cycle_id: &str,
    person_id: &str,
    actor: &str,
) -> Result<String, WorkflowError> {
    db::write_tx(conn, |conn| {
        let cycle = cycles::find(conn, cycle_id)?.ok_or(WorkflowError::NotFound)?;
        let status = CycleStatus::from_stored(&cycle.status);
        if !status.allows_roster_changes() || status == CycleStatus::Draft {
            return Err(WorkflowError::NotNow("error-cycle-closed"));
        }
        let person = people::find(conn, person_id)?
            .filter(|p| p.active)
            .ok_or(WorkflowError::NotFound)?;
        if person.manager_id.is_none() {
            return Err(WorkflowError::NoManager(vec![person.name]));
        }
        let review_id = match reviews::find_in_cycle(conn, cycle_id, person_id)? {
            Some(r) if r.state() == ReviewState::Removed => {
                reviews::set_state(conn, &r.id, ReviewState::SelfAssessment)?;
                // Calendar entries were cancelled at removal: a new version
                // lets the new invitation outrank that cancellation.
                cycles::bump_dates_sequence(conn, cycle_id)?;
                r.id
            }
            Some(_) => return Err(WorkflowError::NotNow("error-already-participant")),
            None => {
                cycles::create_reviews(conn, cycle_id, &[person_id.to_string()])?
                    .remove(0)
                    .0
            }
        };
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(actor),
                action: "cycle.participant_added",
                subject_type: "review",
                subject_id: &review_id,
                review_id: Some(&review_id),
                cycle_id: Some(cycle_id),
                details: json!({ "person_id": person_id }),
            },
        )?;
        let cycle = cycles::find(conn, cycle_id)?.ok_or(WorkflowError::NotFound)?;
        mail::participant_added(
            conn,
            &cycle,
            &review_id,
            person_id,
            person.manager_id.as_deref(),
        )?;
        Ok(review_id)
    })
}

/// Take a review out of its cycle; it is kept, marked removed.
pub fn remove_participant(
    conn: &mut DbConnection,
    review_id: &str,
    actor: &str,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = super::reviews::load(conn, review_id)?;
        if CycleStatus::from_stored(&c.status) == CycleStatus::Closed {
            return Err(WorkflowError::NotNow("error-cycle-closed"));
        }
        let next = r.state().apply(Transition::Remove)?;
        reviews::set_state(conn, review_id, next)?;
        mail::participant_removed(conn, &c, &r)?;
        audit::record(
            conn,
            super::reviews::entry(actor, "review.removed", &r, json!({ "from": r.state })),
        )?;
        Ok(())
    })
}

/// Move a launched cycle's dates (in order, always).
pub fn move_dates(
    conn: &mut DbConnection,
    cycle_id: &str,
    dates: &PhaseDates,
    actor: &str,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let cycle = cycles::find(conn, cycle_id)?.ok_or(WorkflowError::NotFound)?;
        if CycleStatus::from_stored(&cycle.status) == CycleStatus::Closed {
            return Err(WorkflowError::NotNow("error-cycle-closed"));
        }
        dates
            .check()
            .map_err(|crate::domain::review::DatesError::OutOfOrder(f)| WorkflowError::Dates(f))?;
        cycles::move_dates(conn, cycle_id, dates)?;
        let moved = cycles::find(conn, cycle_id)?.ok_or(WorkflowError::NotFound)?;
        mail::dates_moved(conn, &moved, &cycle.dates())?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(actor),
                action: "cycle.dates_moved",
                subject_type: "cycle",
                subject_id: cycle_id,
                cycle_id: Some(cycle_id),
                details: json!({ "from": cycle.dates(), "to": dates }),
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

/// Close a cycle: reviews not finished are marked unfinished, nothing is deleted.
pub fn close_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
    actor: &str,
) -> Result<usize, WorkflowError> {
    db::write_tx(conn, |conn| {
        let cycle = cycles::find(conn, cycle_id)?.ok_or(WorkflowError::NotFound)?;
        match CycleStatus::from_stored(&cycle.status) {
            CycleStatus::Open | CycleStatus::Scheduled => {}
            _ => return Err(WorkflowError::NotNow("error-cycle-not-open")),
        }
        // Every state that closing turns into "unfinished", from the domain rule,
        // updated in one statement rather than review by review.
        let closing: Vec<&str> = ReviewState::ALL
            .into_iter()
            .filter(|s| {
                *s != ReviewState::Removed
                    && s.apply(Transition::Close).is_ok_and(|next| next != *s)
            })
            .map(ReviewState::code)
            .collect();
        let unfinished =
            reviews::set_state_where(conn, cycle_id, &closing, ReviewState::Unfinished)?;
        cycles::set_status(conn, cycle_id, CycleStatus::Closed)?;
        mail::cycle_closed(conn, &cycle)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(actor),
                action: "cycle.closed",
                subject_type: "cycle",
                subject_id: cycle_id,
                cycle_id: Some(cycle_id),
                details: json!({ "unfinished": unfinished }),
                ..Default::default()
            },
        )?;
        Ok(unfinished)
    })
}

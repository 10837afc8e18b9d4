//! Review cycle commands: drafts (create, change, delete), launch, late
//! participants, removal, date moves, the reminder schedule and closing.
//!
//! Each is one transaction that asks `policy` first, reads the cycle with a
//! row lock (`FOR UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already
//! serializes writers), checks the rule on what it read, changes the status
//! under a condition (`UPDATE … WHERE status = ?`, 0 rows → `Conflict`), and
//! writes its audit and outbox rows.

use std::collections::HashSet;

use serde_json::json;

use super::{Actor, Clock, Error};
use crate::db::cycles::{self, CycleRow};
use crate::db::{self, audit, forms, people, review_lists, reviews, DbConnection};
use crate::domain::policy;
use crate::domain::review::{CycleStatus, DatesError, PhaseDates, ReviewState, Transition};
use crate::domain::{CycleId, PersonId, ReviewId};
use crate::mail::outbox as mail;

/// How the participants of a draft are chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParticipantRule {
    Everyone,
    Department(String),
    /// The direct reports of this manager.
    Reports(String),
    /// Hand-picked people (inactive ones are left out).
    Picked(Vec<String>),
}

/// A draft cycle as HR typed it, already checked for what needs no database:
/// a name, dates in order, a reminder schedule (`"7,2,0"`), a rule.
#[derive(Debug, Clone)]
pub struct NewCycle {
    pub name: String,
    pub template_id: String,
    pub dates: PhaseDates,
    pub reminder_days: String,
    pub rule: ParticipantRule,
}

fn dates_error(DatesError::OutOfOrder(field): DatesError) -> Error {
    Error::Dates(field)
}

/// The cycle, locked for this transaction; `NotFound` if there is none.
fn lock(conn: &mut DbConnection, cycle_id: &str) -> Result<CycleRow, Error> {
    cycles::find_for_update(conn, cycle_id)?.ok_or(Error::NotFound)
}

fn require_hr(actor: &Actor) -> Result<(), Error> {
    if policy::may_run_cycles(actor) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

pub(super) fn cycle_entry<'a>(
    actor: &'a Actor,
    action: &'a str,
    cycle_id: &'a str,
    details: serde_json::Value,
) -> audit::Entry<'a> {
    audit::Entry {
        actor_id: Some(&actor.id),
        action,
        subject_type: "cycle",
        subject_id: cycle_id,
        cycle_id: Some(cycle_id),
        details,
        ..Default::default()
    }
}

/// Check the template and turn the rule into people. Refusals name the
/// field they belong to, in the order the form shows them.
fn resolve(conn: &mut DbConnection, c: &NewCycle) -> Result<Vec<String>, Error> {
    let mut invalid = vec![];
    match forms::find_template(conn, &c.template_id)? {
        Some(t) if !t.archived => {}
        _ => invalid.push(("template_id".to_string(), "cycles-error-template-missing")),
    }
    let (ids, field) = match &c.rule {
        // "Everyone" and a department leave out those without a manager
        // (the top of the organisation): nobody could write their manager
        // review, so including them would only block the launch. The form
        // says who is left out before HR saves.
        ParticipantRule::Everyone => (cycles::select_people(conn, None, None, true)?, "rule"),
        ParticipantRule::Department(d) => (
            cycles::select_people(conn, Some(d), None, true)?,
            "department",
        ),
        ParticipantRule::Reports(m) => (
            cycles::select_people(conn, None, Some(m), false)?,
            "manager_id",
        ),
        ParticipantRule::Picked(picked) => {
            let active: HashSet<String> = cycles::select_people(conn, None, None, false)?
                .into_iter()
                .collect();
            let ids = picked
                .iter()
                .filter(|p| active.contains(*p))
                .cloned()
                .collect();
            (ids, "person_ids")
        }
    };
    if ids.is_empty() {
        invalid.push((field.to_string(), "cycles-error-no-participants"));
    }
    if invalid.is_empty() {
        Ok(ids)
    } else {
        Err(Error::Invalid(invalid))
    }
}

/// Create a draft cycle with its participants; returns its id.
pub fn create_draft(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    new: NewCycle,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let ids = resolve(conn, &new)?;
        let row = CycleRow {
            id: db::new_id(),
            name: new.name,
            template_id: new.template_id,
            status: CycleStatus::Draft,
            opens_on: new.dates.opens_on,
            self_due_on: new.dates.self_due_on,
            manager_due_on: new.dates.manager_due_on,
            ack_due_on: new.dates.ack_due_on,
            closes_on: new.dates.closes_on,
            reminder_days: new.reminder_days,
            dates_sequence: 0,
            created_by: Some(actor.id.clone()),
            created_at: clock.now,
            updated_at: clock.now,
            launched_at: None,
            closed_at: None,
        };
        cycles::insert(conn, &row)?;
        cycles::set_participants(conn, &row.id, &ids)?;
        audit::record(
            conn,
            cycle_entry(
                actor,
                "cycle.created",
                &row.id,
                json!({ "name": row.name, "participants": ids.len() }),
            ),
        )?;
        Ok(row.id)
    })
}

/// Change a draft: name, template, dates, reminders and participants.
pub fn update_draft(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    cycle_id: &CycleId,
    new: NewCycle,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let c = lock(conn, cycle_id)?;
        if !c.status.is_editable_draft() {
            return Err(Error::NotNow("error-cycle-already-launched"));
        }
        // A calibration step keeps its place between the manager review
        // and the acknowledgement.
        if let Some(cal) = db::calibration::find(conn, cycle_id)? {
            if crate::domain::calibration::check_due(cal.due_on, &new.dates).is_err() {
                return Err(Error::Invalid(vec![(
                    "manager_due_on".into(),
                    "cycles-error-calibration-order",
                )]));
            }
        }
        let ids = resolve(conn, &new)?;
        let changed = cycles::update_details(
            conn,
            cycle_id,
            &new.name,
            &new.template_id,
            &new.dates,
            &new.reminder_days,
        )?;
        if changed == 0 {
            return Err(Error::Conflict("error-cycle-already-launched"));
        }
        cycles::set_participants(conn, cycle_id, &ids)?;
        audit::record(
            conn,
            cycle_entry(
                actor,
                "cycle.updated",
                cycle_id,
                json!({ "name": new.name, "participants": ids.len() }),
            ),
        )?;
        Ok(())
    })
}

/// Delete a draft (a launched cycle is never deleted).
pub fn delete_draft(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    cycle_id: &CycleId,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let c = lock(conn, cycle_id)?;
        if !c.status.is_editable_draft() {
            return Err(Error::NotNow("error-cycle-already-launched"));
        }
        if cycles::delete_draft(conn, cycle_id)? == 0 {
            return Err(Error::Conflict("error-cycle-already-launched"));
        }
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "cycle.deleted",
                subject_type: "cycle",
                subject_id: cycle_id,
                details: json!({ "name": c.name }),
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

/// Launch a draft cycle: one review per participant, all or none, freezing
/// each one's manager and job description now. The cycle is open at once if
/// its opening day has come, else scheduled. Of two launches at the same
/// moment, one launches and the other gets `Conflict`.
pub fn launch_cycle(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
) -> Result<CycleStatus, Error> {
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let cycle = lock(conn, cycle_id)?;
        if cycle.status != CycleStatus::Draft {
            return Err(Error::NotNow("error-cycle-already-launched"));
        }
        cycle.dates().check().map_err(dates_error)?;
        let participants = cycles::participants(conn, cycle_id)?;
        if participants.is_empty() {
            return Err(Error::NoParticipants);
        }
        let without: Vec<String> = participants
            .iter()
            .filter(|p| p.manager_id.is_none())
            .map(|p| p.name.clone())
            .collect();
        if !without.is_empty() {
            return Err(Error::NoManager(without));
        }
        let status = if cycle.opens_on <= clock.today {
            CycleStatus::Open
        } else {
            CycleStatus::Scheduled
        };
        // The status first: the losing one of two launches stops here,
        // before it creates a single review.
        if cycles::set_status(conn, cycle_id, &[CycleStatus::Draft], status)? == 0 {
            return Err(Error::Conflict("error-cycle-already-launched"));
        }
        let ids: Vec<String> = participants.iter().map(|p| p.id.clone()).collect();
        let created = cycles::create_reviews(conn, cycle_id, &ids)?;
        // The invitations below are planned from the new reviews; on
        // PostgreSQL that plan, and every later one, needs to know they exist.
        db::analyze_after_bulk(conn, db::BulkTable::Reviews, created.len())?;
        forms::freeze(conn, &cycle.template_id)?;
        if status == CycleStatus::Open {
            let queued = mail::cycle_opened(conn, &cycle, clock.now)?;
            db::analyze_after_bulk(conn, db::BulkTable::Outbox, queued)?;
        }
        audit::record(
            conn,
            cycle_entry(
                actor,
                "cycle.launched",
                cycle_id,
                json!({ "reviews": created.len(), "status": status.code() }),
            ),
        )?;
        Ok(status)
    })
}

/// Add someone to a launched cycle (a late participant); returns their
/// review's id. Refuses with `Invalid` on `person_id` when there is no such
/// active person.
pub fn add_participant(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    cycle_id: &CycleId,
    person_id: &PersonId,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let cycle = lock(conn, cycle_id)?;
        let status = cycle.status;
        if !status.allows_roster_changes() || status == CycleStatus::Draft {
            return Err(Error::NotNow("error-cycle-closed"));
        }
        let Some(person) = people::find(conn, person_id)?.filter(|p| p.active) else {
            return Err(Error::Invalid(vec![(
                "person_id".into(),
                "cycles-error-person-missing",
            )]));
        };
        if person.manager_id.is_none() {
            return Err(Error::NoManager(vec![person.name]));
        }
        let review_id = match reviews::find_in_cycle(conn, cycle_id, person_id)? {
            Some(r) if r.state() == ReviewState::Removed => {
                if cycles::restore_review(conn, &r.id)? == 0 {
                    return Err(Error::Conflict("error-already-participant"));
                }
                // Calendar entries were cancelled at removal: a new version
                // lets the new invitation outrank that cancellation.
                cycles::bump_dates_sequence(conn, cycle_id)?;
                r.id
            }
            Some(_) => return Err(Error::NotNow("error-already-participant")),
            None => cycles::create_reviews(conn, cycle_id, &[person_id.to_string()])?
                .into_iter()
                .next()
                .map(|(id, _)| id)
                .ok_or(Error::NotFound)?,
        };
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "cycle.participant_added",
                subject_type: "review",
                subject_id: &review_id,
                review_id: Some(&review_id),
                cycle_id: Some(cycle_id),
                details: json!({ "person_id": person_id }),
            },
        )?;
        let cycle = cycles::find(conn, cycle_id)?.ok_or(Error::NotFound)?;
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

/// Take a review out of its cycle; it is kept, marked removed. The review
/// must belong to `cycle_id` (else `NotFound`).
pub fn remove_participant(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    cycle_id: &CycleId,
    review_id: &ReviewId,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let c = lock(conn, cycle_id)?;
        let r = match reviews::find(conn, review_id)? {
            Some((r, _)) if r.cycle_id == c.id => r,
            _ => return Err(Error::NotFound),
        };
        if c.status == CycleStatus::Closed {
            return Err(Error::NotNow("error-cycle-closed"));
        }
        let from = r.state();
        from.apply(Transition::Remove)?;
        if cycles::remove_review(conn, review_id, from)? == 0 {
            return Err(Error::Conflict("error-review-not-now"));
        }
        mail::participant_removed(conn, &c, &r)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "review.removed",
                subject_type: "review",
                subject_id: &r.id,
                review_id: Some(&r.id),
                cycle_id: Some(&r.cycle_id),
                details: json!({ "from": r.state }),
            },
        )?;
        Ok(())
    })
}

/// Move a cycle's dates (in order, always); not once it is closed.
pub fn move_dates(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    cycle_id: &CycleId,
    dates: &PhaseDates,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let cycle = lock(conn, cycle_id)?;
        if cycle.status == CycleStatus::Closed {
            return Err(Error::NotNow("error-cycle-closed"));
        }
        dates.check().map_err(dates_error)?;
        // An open calibration step keeps its place between the manager
        // review and the acknowledgement.
        if let Some(cal) = db::calibration::find(conn, cycle_id)?.filter(|c| c.is_open()) {
            if crate::domain::calibration::check_due(cal.due_on, dates).is_err() {
                return Err(Error::Dates("calibration_due_on"));
            }
        }
        if cycles::move_dates(conn, cycle_id, dates)? == 0 {
            return Err(Error::Conflict("error-cycle-closed"));
        }
        let moved = cycles::find(conn, cycle_id)?.ok_or(Error::NotFound)?;
        mail::dates_moved(conn, &moved, &cycle.dates())?;
        audit::record(
            conn,
            cycle_entry(
                actor,
                "cycle.dates_moved",
                cycle_id,
                json!({ "from": cycle.dates(), "to": dates }),
            ),
        )?;
        Ok(())
    })
}

/// Change a cycle's reminder schedule (`days` before each due date, as
/// parsed by `review::parse_reminder_days`); reminders already sent stay
/// sent. A closed cycle has no schedule to change: `NotFound`, as before.
pub fn set_reminders(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    cycle_id: &CycleId,
    days: &[i64],
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        if !(policy::may_run_cycles(actor) && policy::may_manage_mail(actor)) {
            return Err(Error::Forbidden);
        }
        let days = days
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let cycle = lock(conn, cycle_id)?;
        if cycle.status == CycleStatus::Closed {
            return Err(Error::NotFound);
        }
        if cycles::set_reminder_days(conn, cycle_id, &days)? == 0 {
            return Err(Error::NotFound);
        }
        audit::record(
            conn,
            cycle_entry(
                actor,
                "cycle.reminders_changed",
                cycle_id,
                json!({ "from": cycle.reminder_days, "to": days }),
            ),
        )?;
        Ok(())
    })
}

/// Close a cycle: reviews not finished are marked unfinished, nothing is
/// deleted. Only from open or scheduled; returns how many were unfinished.
pub fn close(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    cycle_id: &CycleId,
) -> Result<usize, Error> {
    const CLOSABLE: [CycleStatus; 2] = [CycleStatus::Open, CycleStatus::Scheduled];
    db::write_tx(conn, |conn| {
        require_hr(actor)?;
        let cycle = lock(conn, cycle_id)?;
        if !CLOSABLE.contains(&cycle.status) {
            return Err(Error::NotNow("error-cycle-not-open"));
        }
        // Reviews handed in for calibration are finished work: closing would
        // leave them unread. Locking calibration shares them first.
        if db::calibration::find(conn, cycle_id)?.is_some_and(|c| c.is_open())
            && review_lists::handed_in_count(conn, cycle_id)? > 0
        {
            return Err(Error::NotNow("cycles-error-calibration-open"));
        }
        // The status first: of two closes, the second stops here.
        if cycles::set_status(conn, cycle_id, &CLOSABLE, CycleStatus::Closed)? == 0 {
            return Err(Error::Conflict("error-cycle-not-open"));
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
        // The mail before the reviews change: which calendar entries it
        // cancels depends on how far each review got.
        mail::cycle_closed(conn, &cycle)?;
        let unfinished =
            reviews::set_state_where(conn, cycle_id, &closing, ReviewState::Unfinished)?;
        audit::record(
            conn,
            cycle_entry(
                actor,
                "cycle.closed",
                cycle_id,
                json!({ "unfinished": unfinished }),
            ),
        )?;
        Ok(unfinished)
    })
}

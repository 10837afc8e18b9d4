//! The review cycle's moves, each one transaction that checks the rule,
//! changes the state, writes the audit record and notifies who acts next.
//! Pages and commands call these; nothing else changes a review's state.

use chrono::NaiveDate;
use serde_json::json;

use crate::db::cycles::{self, CycleRow};
use crate::db::reviews::{self, ReviewRow};
use crate::db::{self, audit, forms, people, DbConnection, QueryError};
use crate::domain::mail::MailKind;
use crate::domain::review::{CycleStatus, PhaseDates, QuestionKind, ReviewState, Side, Transition};
use crate::mail::outbox as mail;

#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error("not found")]
    NotFound,
    #[error("not allowed now: {0}")]
    NotNow(&'static str),
    #[error("missing answers")]
    Incomplete(Vec<String>),
    #[error("participants without a manager")]
    NoManager(Vec<String>),
    #[error("no participants")]
    NoParticipants,
    #[error("dates: {0}")]
    Dates(&'static str),
    #[error(transparent)]
    Query(#[from] QueryError),
}

impl From<crate::domain::review::TransitionError> for WorkflowError {
    fn from(_: crate::domain::review::TransitionError) -> Self {
        WorkflowError::NotNow("error-review-not-now")
    }
}

fn entry<'a>(
    actor: &'a str,
    action: &'a str,
    r: &'a ReviewRow,
    details: serde_json::Value,
) -> audit::Entry<'a> {
    audit::Entry {
        actor_id: Some(actor),
        action,
        subject_type: "review",
        subject_id: &r.id,
        review_id: Some(&r.id),
        cycle_id: Some(&r.cycle_id),
        details,
    }
}

fn load(conn: &mut DbConnection, review_id: &str) -> Result<(ReviewRow, CycleRow), WorkflowError> {
    reviews::find(conn, review_id)?.ok_or(WorkflowError::NotFound)
}

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
        let (r, c) = load(conn, review_id)?;
        if CycleStatus::from_stored(&c.status) == CycleStatus::Closed {
            return Err(WorkflowError::NotNow("error-cycle-closed"));
        }
        let next = r.state().apply(Transition::Remove)?;
        reviews::set_state(conn, review_id, next)?;
        mail::participant_removed(conn, &c, &r)?;
        audit::record(
            conn,
            entry(actor, "review.removed", &r, json!({ "from": r.state })),
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

/// Which required questions of a side are unanswered (their question ids).
pub fn missing_required(
    conn: &mut DbConnection,
    review: &ReviewRow,
    cycle: &CycleRow,
    side: Side,
) -> Result<Vec<String>, WorkflowError> {
    let form = forms::load_form(conn, &cycle.template_id)?.ok_or(WorkflowError::NotFound)?;
    let answers = reviews::answers(conn, &review.id, Some(side))?;
    let traits = reviews::traits(conn, &review.id)?;
    let goals = reviews::goals_of_review(conn, &review.id)?;
    let mut missing = vec![];
    for q in form.questions() {
        let answerer = crate::domain::review::Answerer::parse(&q.side)
            .unwrap_or(crate::domain::review::Answerer::Both);
        if !q.required || !answerer.includes(side) {
            continue;
        }
        let kind = QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::Text);
        let answer = answers.iter().find(|a| a.question_id == q.id);
        let ok = match kind {
            QuestionKind::Rating | QuestionKind::CompetencyRating => {
                answer.is_some_and(|a| a.rating.is_some())
            }
            QuestionKind::Text => answer.is_some_and(|a| !a.body.trim().is_empty()),
            QuestionKind::Strengths | QuestionKind::Weaknesses => {
                let k = if kind == QuestionKind::Strengths {
                    "strength"
                } else {
                    "weakness"
                };
                match side {
                    Side::Own => traits.iter().any(|t| t.kind == k && t.side == "self"),
                    // The manager answers by agreeing with, adjusting or adding to the employee's list.
                    Side::Manager => traits.iter().any(|t| t.kind == k && t.side == "manager"),
                }
            }
            QuestionKind::Goals => match side {
                Side::Own => !goals.is_empty() || answer.is_some_and(|a| !a.body.trim().is_empty()),
                Side::Manager => goals.iter().any(|g| g.status != "dropped"),
            },
        };
        if !ok {
            missing.push(q.id.clone());
        }
    }
    Ok(missing)
}

/// The employee submits their self-assessment; the manager is notified.
pub fn submit_self(
    conn: &mut DbConnection,
    review_id: &str,
    actor: &str,
    today: NaiveDate,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        if r.person_id != actor || c.status(today) != CycleStatus::Open {
            return Err(WorkflowError::NotNow("error-review-not-now"));
        }
        let next = r.state().apply(Transition::SubmitSelf)?;
        let missing = missing_required(conn, &r, &c, Side::Own)?;
        if !missing.is_empty() {
            return Err(WorkflowError::Incomplete(missing));
        }
        reviews::set_state(conn, review_id, next)?;
        reviews::set_answers_status(conn, review_id, Side::Own, "submitted")?;
        audit::record(
            conn,
            entry(actor, "review.self_submitted", &r, serde_json::Value::Null),
        )?;
        if let Some(m) = &r.manager_id {
            reviews::notify(conn, m, "self_submitted", Some(review_id), Some(actor), "")?;
            mail::review_event(conn, MailKind::SelfSubmitted, &r, m, json!({}))?;
        }
        Ok(())
    })
}

/// The manager shares the review: visible to the employee, locked.
pub fn share(
    conn: &mut DbConnection,
    review_id: &str,
    actor: &str,
    today: NaiveDate,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        if r.manager_id.as_deref() != Some(actor) || c.status(today) != CycleStatus::Open {
            return Err(WorkflowError::NotNow("error-review-not-now"));
        }
        let next = r.state().apply(Transition::Share)?;
        let missing = missing_required(conn, &r, &c, Side::Manager)?;
        if !missing.is_empty() {
            return Err(WorkflowError::Incomplete(missing));
        }
        reviews::agree_goals(conn, review_id)?;
        reviews::set_state(conn, review_id, next)?;
        reviews::set_answers_status(conn, review_id, Side::Manager, "submitted")?;
        audit::record(
            conn,
            entry(actor, "review.shared", &r, serde_json::Value::Null),
        )?;
        reviews::notify(
            conn,
            &r.person_id,
            "review_shared",
            Some(review_id),
            Some(actor),
            "",
        )?;
        mail::review_event(conn, MailKind::ReviewShared, &r, &r.person_id, json!({}))?;
        Ok(())
    })
}

/// The employee confirms they have read it (not that they agree).
pub fn acknowledge(
    conn: &mut DbConnection,
    review_id: &str,
    actor: &str,
    response: &str,
    today: NaiveDate,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        if r.person_id != actor || c.status(today) != CycleStatus::Open {
            return Err(WorkflowError::NotNow("error-review-not-now"));
        }
        let next = r.state().apply(Transition::Acknowledge)?;
        reviews::set_state(conn, review_id, next)?;
        reviews::set_acknowledgement_response(conn, review_id, response.trim())?;
        audit::record(
            conn,
            entry(
                actor,
                "review.acknowledged",
                &r,
                json!({ "with_response": !response.trim().is_empty() }),
            ),
        )?;
        if let Some(m) = &r.manager_id {
            reviews::notify(conn, m, "acknowledged", Some(review_id), Some(actor), "")?;
            if !response.trim().is_empty() {
                mail::review_event(conn, MailKind::Acknowledged, &r, m, json!({}))?;
            }
        }
        Ok(())
    })
}

/// HR returns a review to the employee or the manager, with a reason.
pub fn reopen(
    conn: &mut DbConnection,
    review_id: &str,
    to_manager: bool,
    reason: &str,
    actor: &str,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        if CycleStatus::from_stored(&c.status) == CycleStatus::Closed {
            return Err(WorkflowError::NotNow("error-cycle-closed"));
        }
        let t = if to_manager {
            Transition::ReopenToManager
        } else {
            Transition::ReopenToEmployee
        };
        let next = r.state().apply(t)?;
        reviews::set_state(conn, review_id, next)?;
        reviews::clear_progress_after(conn, review_id, to_manager)?;
        reviews::set_reopened(conn, review_id, reason.trim())?;
        let side = if to_manager { Side::Manager } else { Side::Own };
        let side_code = if to_manager { "manager" } else { "self" };
        reviews::set_answers_status(conn, review_id, side, "draft")?;
        audit::record(
            conn,
            entry(
                actor,
                "review.reopened",
                &r,
                json!({ "from": r.state, "to": next.code(), "reason": reason.trim() }),
            ),
        )?;
        let who = if to_manager {
            r.manager_id.clone()
        } else {
            Some(r.person_id.clone())
        };
        if let Some(p) = who {
            reviews::notify(
                conn,
                &p,
                "reopened",
                Some(review_id),
                Some(actor),
                reason.trim(),
            )?;
            mail::review_event(
                conn,
                MailKind::Reopened,
                &r,
                &p,
                json!({ "side": side_code, "reason": reason.trim() }),
            )?;
        }
        Ok(())
    })
}

//! A review's moves: submit, share, acknowledge, reopen. Each is one
//! transaction that checks the rule on rows read inside it, changes the state
//! under a condition, writes the audit record and notifies who acts next.
//! Nothing else changes a review's state.

use chrono::NaiveDate;
use serde_json::json;

use super::Error as WorkflowError;
use crate::db::cycles::CycleRow;
use crate::db::reviews::{self, ReviewRow};
use crate::db::{self, audit, forms, DbConnection};
use crate::domain::mail::MailKind;
use crate::domain::review::{CycleStatus, QuestionKind, Side, Transition};
use crate::mail::outbox as mail;

pub(super) fn entry<'a>(
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

pub(super) fn load(
    conn: &mut DbConnection,
    review_id: &str,
) -> Result<(ReviewRow, CycleRow), WorkflowError> {
    reviews::find(conn, review_id)?.ok_or(WorkflowError::NotFound)
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

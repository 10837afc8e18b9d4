//! A review's moves: submit, share, acknowledge, reopen. Each is one
//! transaction that checks the rule on rows read inside it, changes the state
//! under a condition, writes the audit record and notifies who acts next.
//! Nothing else changes a review's state.

use chrono::NaiveDate;
use serde_json::json;

use super::{Actor, Clock, Error as WorkflowError};
use crate::db::cycles::CycleRow;
use crate::db::reviews::{self, ReviewRow};
use crate::db::{self, audit, forms, DbConnection};
use crate::domain::mail::MailKind;
use crate::domain::policy::{self, ReviewFacts};
use crate::domain::review::{QuestionKind, ReviewState, Side, Transition};
use crate::domain::ReviewId;
use crate::mail::outbox as mail;

/// The facts policy decides on, for a review and its cycle read now.
pub fn facts<'a>(r: &'a ReviewRow, c: &CycleRow, today: NaiveDate) -> ReviewFacts<'a> {
    ReviewFacts {
        person_id: &r.person_id,
        manager_id: r.manager_id.as_deref(),
        state: r.state(),
        cycle: c.status(today),
        was_shared: r.shared_at.is_some(),
        was_submitted: r.self_submitted_at.is_some(),
        handed_in: r.handed_in_at.is_some(),
    }
}

/// A refusal from policy, told apart for the person: an actor whom the rule
/// would allow at the step the move starts from, on a review that has gone
/// past that step, was simply too late (another tab or a double click got
/// there first); anyone else, or anything asked before its step, is not
/// allowed.
pub(super) fn refusal(
    actor: &Actor,
    f: ReviewFacts<'_>,
    rule: impl Fn(&Actor, ReviewFacts<'_>) -> bool,
    step: ReviewState,
) -> WorkflowError {
    let open = matches!(f.cycle, crate::domain::review::CycleStatus::Open);
    // A manager review handed in for calibration has gone past its writing
    // step too, though its state waits there until calibration ends.
    let moved_on = f.state.is_past(step) || (step == ReviewState::ManagerReview && f.handed_in);
    let at_step = ReviewFacts {
        state: step,
        handed_in: false,
        ..f
    };
    if open && moved_on && rule(actor, at_step) {
        WorkflowError::Conflict("error-review-not-now")
    } else {
        WorkflowError::Forbidden
    }
}

/// [`refusal`] for a person who may not write `side` of the review now.
pub(super) fn side_refusal(actor: &Actor, f: ReviewFacts<'_>, side: Side) -> WorkflowError {
    refusal(
        actor,
        f,
        |a, r| policy::may_edit_side(a, r, side),
        side.writing_state(),
    )
}

/// Take the step from `r` to `next` under a condition (see
/// [`reviews::move_state`]); the loser of a race is told the review moved on.
fn take_step(
    conn: &mut DbConnection,
    r: &ReviewRow,
    next: ReviewState,
    bump: Option<Side>,
) -> Result<ReviewRow, WorkflowError> {
    if !reviews::move_state(conn, r, next, bump)? {
        return Err(WorkflowError::Conflict("error-review-not-now"));
    }
    let mut after = r.clone();
    after.state = next;
    match bump {
        Some(Side::Own) => after.self_version += 1,
        Some(Side::Manager) => after.manager_version += 1,
        None => {}
    }
    Ok(after)
}

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
    review_id: &ReviewId,
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
    let form =
        forms::load_form_of_review(conn, &cycle.template_id)?.ok_or(WorkflowError::NotFound)?;
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
        let kind = q.kind;
        let answer = answers.iter().find(|a| a.question_id == q.id);
        let records = match kind {
            QuestionKind::Strengths => traits
                .iter()
                .any(|t| t.kind == "strength" && t.side == side),
            QuestionKind::Weaknesses => traits
                .iter()
                .any(|t| t.kind == "weakness" && t.side == side),
            _ => false,
        };
        let ok = crate::domain::review::is_answered(
            kind,
            side,
            crate::domain::review::AnswerFacts {
                rating: answer.and_then(|a| a.rating),
                body: answer.map(|a| a.body.as_str()).unwrap_or_default(),
                records,
                goals: counts_goals(&goals, side),
            },
        );
        if !ok {
            missing.push(q.id.clone());
        }
    }
    Ok(missing)
}

/// Does the review have a goal that counts as this side's answer to the
/// goals question? The employee's: any goal. The manager's: one not dropped.
pub fn counts_goals(goals: &[crate::db::reviews::GoalRow], side: Side) -> bool {
    match side {
        Side::Own => !goals.is_empty(),
        Side::Manager => goals
            .iter()
            .any(|g| g.status != crate::domain::review::GoalStatus::Dropped),
    }
}

/// Submit or share: the step that locks `side`, once every required answer
/// of that side is there. Returns the review as read and as the step left it.
fn lock_side(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
    side: Side,
) -> Result<(ReviewRow, ReviewRow), WorkflowError> {
    let (r, c) = load(conn, review_id)?;
    let transition = match side {
        Side::Own => Transition::SubmitSelf,
        Side::Manager => Transition::Share,
    };
    ready_to_lock(conn, actor, clock, &r, &c, side)?;
    let next = r.state().apply(transition)?;
    let after = take_step(conn, &r, next, Some(side))?;
    Ok((r, after))
}

/// May the actor lock `side` now, and is everything it needs there? Every
/// required answer of that side, and (for the manager) a choice of who
/// reads each comment.
fn ready_to_lock(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    r: &ReviewRow,
    c: &CycleRow,
    side: Side,
) -> Result<(), WorkflowError> {
    let f = facts(r, c, clock.today);
    if !policy::may_edit_side(actor, f, side) {
        return Err(side_refusal(actor, f, side));
    }
    let missing = missing_required(conn, r, c, side)?;
    if !missing.is_empty() {
        return Err(WorkflowError::Incomplete(missing));
    }
    if side == Side::Manager {
        // Nothing reaches the employee that its author did not choose to
        // share: a comment still without a visibility stops the share.
        let unchosen = reviews::undecided_comments(conn, &r.id)?;
        if !unchosen.is_empty() {
            return Err(WorkflowError::Unchosen(
                unchosen.into_iter().map(|c| c.id).collect(),
            ));
        }
    }
    Ok(())
}

/// The employee submits their self-assessment; the manager is notified.
pub fn submit_self(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, after) = lock_side(conn, actor, clock, review_id, Side::Own)?;
        reviews::set_answers_status(conn, review_id, Side::Own, "submitted")?;
        audit::record(
            conn,
            entry(
                &actor.id,
                "review.self_submitted",
                &r,
                serde_json::Value::Null,
            ),
        )?;
        if let Some(m) = &r.manager_id {
            crate::db::notifications::notify(
                conn,
                m,
                "self_submitted",
                Some(review_id),
                Some(&actor.id),
                "",
            )?;
            mail::review_event(conn, MailKind::SelfSubmitted, &after, m, json!({}))?;
        }
        Ok(())
    })
}

/// What the manager's Share did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The employee can read it now.
    Now,
    /// Handed in for calibration: shared when HR locks the step.
    ForCalibration,
}

/// The manager shares the review: visible to the employee, locked. In a
/// cycle whose calibration step is open, the same press hands it in for
/// calibration instead (checked the same way; read-only to the manager
/// from then on; shared when the step locks).
pub fn share(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
) -> Result<Shared, WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        if crate::db::calibration::find_for_hand_in(conn, &r.cycle_id)?
            .is_some_and(|cal| cal.is_open())
        {
            ready_to_lock(conn, actor, clock, &r, &c, Side::Manager)?;
            super::calibration::hand_in(conn, actor, &r)?;
            return Ok(Shared::ForCalibration);
        }
        let (r, after) = lock_side(conn, actor, clock, review_id, Side::Manager)?;
        reviews::set_answers_status(conn, review_id, Side::Manager, "submitted")?;
        shared(conn, &actor.id, &r, &after, serde_json::Value::Null)?;
        Ok(Shared::Now)
    })
}

/// What goes with a review becoming shared, by its manager's Share or by
/// the calibration lock (`before` as read, `after` shared): the proposed
/// goals agreed, the audit record, and the employee told in the app (from
/// their manager) and by email.
pub(super) fn shared(
    conn: &mut DbConnection,
    actor_id: &str,
    before: &ReviewRow,
    after: &ReviewRow,
    details: serde_json::Value,
) -> Result<(), WorkflowError> {
    reviews::agree_goals(conn, &before.id)?;
    audit::record(conn, entry(actor_id, "review.shared", before, details))?;
    crate::db::notifications::notify(
        conn,
        &before.person_id,
        "review_shared",
        Some(&before.id),
        before.manager_id.as_deref(),
        "",
    )?;
    mail::review_event(
        conn,
        MailKind::ReviewShared,
        after,
        &before.person_id,
        json!({}),
    )?;
    Ok(())
}

/// The employee confirms they have read it (not that they agree).
pub fn acknowledge(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
    response: &str,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        let f = facts(&r, &c, clock.today);
        if !policy::may_acknowledge(actor, f) {
            return Err(refusal(
                actor,
                f,
                policy::may_acknowledge,
                ReviewState::Shared,
            ));
        }
        let next = r.state().apply(Transition::Acknowledge)?;
        let after = take_step(conn, &r, next, None)?;
        reviews::set_acknowledgement_response(conn, review_id, response.trim())?;
        audit::record(
            conn,
            entry(
                &actor.id,
                "review.acknowledged",
                &r,
                json!({ "with_response": !response.trim().is_empty() }),
            ),
        )?;
        if let Some(m) = &r.manager_id {
            crate::db::notifications::notify(
                conn,
                m,
                "acknowledged",
                Some(review_id),
                Some(&actor.id),
                "",
            )?;
            if !response.trim().is_empty() {
                mail::review_event(conn, MailKind::Acknowledged, &after, m, json!({}))?;
            }
        }
        Ok(())
    })
}

/// HR returns a review to the employee or the manager, with a reason.
pub fn reopen(
    conn: &mut DbConnection,
    actor: &Actor,
    review_id: &ReviewId,
    to_manager: bool,
    reason: &str,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        if !policy::may_run_cycles(actor) {
            return Err(WorkflowError::Forbidden);
        }
        let (r, c) = load(conn, review_id)?;
        if c.status == crate::domain::review::CycleStatus::Closed {
            return Err(WorkflowError::NotNow("error-cycle-closed"));
        }
        let t = if to_manager {
            Transition::ReopenToManager
        } else {
            Transition::ReopenToEmployee
        };
        let next = r.state().apply(t)?;
        let after = take_step(conn, &r, next, None)?;
        reviews::clear_progress_after(conn, review_id, to_manager)?;
        // Sent back: no longer handed in for calibration.
        crate::db::calibration::clear_hand_in(conn, review_id)?;
        reviews::set_reopened(conn, review_id, reason.trim())?;
        let side = if to_manager { Side::Manager } else { Side::Own };
        reviews::set_answers_status(conn, review_id, side, "draft")?;
        audit::record(
            conn,
            entry(
                &actor.id,
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
            crate::db::notifications::notify(
                conn,
                &p,
                "reopened",
                Some(review_id),
                Some(&actor.id),
                reason.trim(),
            )?;
            mail::review_event(
                conn,
                MailKind::Reopened,
                &after,
                &p,
                json!({ "side": side.code(), "reason": reason.trim() }),
            )?;
        }
        Ok(())
    })
}

/// A manager publishes (or withdraws) the summary of their own
/// self-evaluation for their team.
pub fn set_team_summary(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
    summary: &str,
    publish: bool,
) -> Result<(), WorkflowError> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        let has_reports = crate::db::people::has_reports(conn, &actor.id)?;
        if !policy::may_publish_team_summary(actor, facts(&r, &c, clock.today), has_reports) {
            return Err(WorkflowError::Forbidden);
        }
        reviews::set_team_summary(conn, review_id, summary, publish)?;
        let action = if publish {
            "review.team_summary_published"
        } else {
            "review.team_summary_withdrawn"
        };
        audit::record(conn, entry(&actor.id, action, &r, serde_json::Value::Null))?;
        Ok(())
    })
}

//! The roster of a launched cycle: add someone late, take a review out, or
//! send a review back a step (reopen).

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::show::{refused, with_error};
use super::{refusal, status_for, State};
use crate::app::{cycles as commands, reviews as workflow, Error as CommandError};
use crate::db::{cycles, people, reviews, DbConnection};
use crate::domain::policy;
use crate::domain::review;
use crate::domain::{CycleId, ReviewId};
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status, see_other};

const REASON_MAX: usize = 2000;

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    person_id: String,
}

pub async fn add_participant(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let person_id = form.into_inner().person_id;
    if person_id.is_empty() {
        let key = "cycles-error-person-missing";
        return with_error(&state, &user, id, "person_id", key, vec![]).await;
    }
    // Someone not in the list (or not an id at all) is not found.
    let Some(person_id) = crate::domain::PersonId::parse(&person_id) else {
        return Err(AppError::NotFound);
    };
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::add_participant(
                conn, &actor, clock, &cid, &person_id,
            ))
        })
        .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!("/cycles/{id}?notice=added"))),
        Err(CommandError::Invalid(items)) => {
            let key = items
                .first()
                .map(|(_, key)| *key)
                .unwrap_or("cycles-error-person-missing");
            with_error(&state, &user, id, "person_id", key, vec![]).await
        }
        Err(CommandError::NoManager(names)) => {
            let key = "cycles-error-no-manager-add";
            with_error(&state, &user, id, "person_id", key, names).await
        }
        Err(e) => refused(&state, &user, id, "person_id", e).await,
    }
}

#[derive(Serialize)]
struct RemovePage {
    cycle_id: String,
    cycle_name: String,
    review_id: String,
    person_name: String,
    /// Whether the person is emailed a cancellation (only an open cycle has
    /// invited them).
    emailed: bool,
}

/// Who is taken out and who is emailed; removing is this page's button,
/// never one click on the cycle page.
pub async fn confirm_remove(
    state: State,
    user: CurrentUser,
    path: web::Path<(CycleId, ReviewId)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (cycle_id, review_id) = path.into_inner();
    let (r, c, person) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let (r, c) = review_in_cycle(conn, &cycle_id, &review_id)?;
            if c.status == review::CycleStatus::Closed {
                return Err(AppError::Conflict("error-cycle-closed"));
            }
            if r.state() == review::ReviewState::Removed {
                return Err(AppError::Conflict("error-review-not-now"));
            }
            let person = people::find(conn, &r.person_id)?.ok_or(AppError::NotFound)?;
            Ok((r, c, person))
        })
        .await?;
    let model = RemovePage {
        emailed: c.status == review::CycleStatus::Open && person.active,
        cycle_id: c.id,
        cycle_name: c.name,
        review_id: r.id,
        person_name: person.name,
    };
    page(
        &state.templates,
        &user.visitor,
        "cycles/remove.html",
        &model,
    )
}

pub async fn remove_participant(
    state: State,
    user: CurrentUser,
    path: web::Path<(CycleId, ReviewId)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, review_id) = path.into_inner();
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::remove_participant(
                conn, &actor, clock, &cid, &review_id,
            ))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=removed"))),
        Err(e) => refused(&state, &user, id, "reviews", e).await,
    }
}

// ---- reopen ----

/// The review, checked to belong to the cycle in the address.
fn review_in_cycle(
    conn: &mut DbConnection,
    cycle_id: &CycleId,
    review_id: &ReviewId,
) -> Result<(reviews::ReviewRow, cycles::CycleRow), AppError> {
    match reviews::find(conn, review_id)? {
        Some((r, c)) if c.id == cycle_id.as_str() => Ok((r, c)),
        _ => Err(AppError::NotFound),
    }
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ReopenForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize)]
struct ReopenPage {
    cycle_id: String,
    cycle_name: String,
    review_id: String,
    person_name: String,
    state: &'static str,
    state_class: &'static str,
    to_manager_possible: bool,
    form: ReopenForm,
    errors: FormErrors,
    reason_max: usize,
}

async fn reopen_page(
    state: &State,
    user: &CurrentUser,
    ids: (CycleId, ReviewId),
    form: ReopenForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (cycle_id, review_id) = ids;
    let (r, c, person) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let (r, c) = review_in_cycle(conn, &cycle_id, &review_id)?;
            let person = people::find(conn, &r.person_id)?.ok_or(AppError::NotFound)?;
            Ok((r, c, person))
        })
        .await?;
    let s = r.state();
    let model = ReopenPage {
        cycle_id: c.id,
        cycle_name: c.name,
        review_id: r.id,
        person_name: person.name,
        state: s.code(),
        state_class: s.tag_class(),
        to_manager_possible: s.apply(review::Transition::ReopenToManager).is_ok(),
        form,
        errors,
        reason_max: REASON_MAX,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "cycles/reopen.html",
        &model,
    )
}

pub async fn confirm_reopen(
    state: State,
    user: CurrentUser,
    path: web::Path<(CycleId, ReviewId)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    reopen_page(
        &state,
        &user,
        path.into_inner(),
        ReopenForm::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn reopen_review(
    state: State,
    user: CurrentUser,
    path: web::Path<(CycleId, ReviewId)>,
    form: web::Form<ReopenForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, review_id) = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let to_manager = match form.to.as_str() {
        "employee" => Some(false),
        "manager" => Some(true),
        _ => {
            errors.add("to", "cycles-error-reopen-to-missing");
            None
        }
    };
    let reason = form.reason.trim().to_string();
    if reason.is_empty() {
        errors.add("reason", "cycles-error-reason-missing");
    } else if reason.chars().count() > REASON_MAX {
        errors.add("reason", "cycles-error-reason-too-long");
    }
    let Some(to_manager) = to_manager.filter(|_| errors.is_empty()) else {
        return reopen_page(&state, &user, (id, review_id), form, errors).await;
    };
    let actor = user.actor();
    let (cid, rid) = (id.clone(), review_id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            review_in_cycle(conn, &cid, &rid)?;
            Ok(workflow::reopen(conn, &actor, &rid, to_manager, &reason))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=reopened"))),
        Err(e) => {
            let (key, _) = refusal(e)?;
            errors.add("to", key);
            reopen_page(&state, &user, (id, review_id), form, errors).await
        }
    }
}

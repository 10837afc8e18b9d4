//! A launched cycle's reminder schedule, and closing it.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::show::{refused, with_error};
use super::{progress, State};
use crate::app::cycles as commands;
use crate::db::cycles;
use crate::domain::policy;
use crate::domain::review::{self, CycleStatus};
use crate::domain::CycleId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, see_other};

#[derive(Deserialize)]
pub struct RemindersForm {
    reminder_days: String,
}

/// Change a launched cycle's reminder schedule; reminders already sent stay sent.
pub async fn set_reminders(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    form: web::Form<RemindersForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    user.require(policy::may_manage_mail)?;
    let id = path.into_inner();
    let Some(days) = review::parse_reminder_days(&form.reminder_days) else {
        let key = "cycles-error-reminders-invalid";
        return with_error(&state, &user, id, "reminder_days", key, vec![]).await;
    };
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::set_reminders(conn, &actor, clock, &cid, &days)?)
        })
        .await?;
    Ok(see_other(&format!("/cycles/{id}?notice=reminders#mail")))
}

// ---- close ----

#[derive(Serialize)]
struct ClosePage {
    cycle_id: String,
    cycle_name: String,
    not_finished: i64,
    total: i64,
    /// Whether people were invited (and have calendar entries to cancel).
    open: bool,
    /// Reviews waiting in an open calibration (closing is refused then).
    in_calibration: i64,
    errors: FormErrors,
}

pub async fn confirm_close(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (c, counts) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
            match c.status {
                CycleStatus::Open | CycleStatus::Scheduled => {}
                CycleStatus::Closed => return Err(AppError::Conflict("error-cycle-closed")),
                CycleStatus::Draft => return Err(AppError::Conflict("error-cycle-not-open")),
            }
            let counts = cycles::state_counts(conn, &id)?;
            let in_calibration = match crate::db::calibration::find(conn, &id)? {
                Some(k) if k.is_open() => crate::db::review_lists::handed_in_count(conn, &id)?,
                _ => 0,
            };
            Ok((c, (counts, in_calibration)))
        })
        .await?;
    let (counts, in_calibration) = counts;
    let not_finished = counts
        .iter()
        .filter(|(s, _)| !s.is_final())
        .map(|(_, n)| n)
        .sum();
    let (_, total) = progress(&counts);
    let model = ClosePage {
        open: c.status == CycleStatus::Open,
        cycle_id: c.id,
        cycle_name: c.name,
        not_finished,
        total,
        in_calibration,
        errors: FormErrors::default(),
    };
    page(&state.templates, &user.visitor, "cycles/close.html", &model)
}

pub async fn close_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(commands::close(conn, &actor, clock, &cid)) })
        .await?;
    match outcome {
        Ok(n) => Ok(see_other(&format!("/cycles/{id}?notice=closed&count={n}"))),
        Err(e) => refused(&state, &user, id, "close", e).await,
    }
}

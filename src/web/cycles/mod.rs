//! HR's review cycle pages: the list, creating and changing a draft
//! ([`drafts`]), the cycle page with its launch ([`show`]), the roster of a
//! launched cycle ([`participants`]: add, remove, reopen a review), moving the
//! dates ([`dates`]), and the reminder schedule and closing ([`running`]).
//!
//! Handlers parse the request, call one command of [`crate::app::cycles`]
//! (or `app::reviews::reopen`), and render; every rule and transaction lives
//! in the command.

mod calibration;
mod dates;
mod drafts;
mod export;
mod participants;
mod progress;
mod ratings;
mod running;
mod show;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::page;
use super::State;
use crate::app::Error as CommandError;
use crate::db::{cycles, forms};
use crate::domain::policy;
use crate::domain::review::{CycleStatus, ReviewState};
use crate::error::AppError;

/// Enough for any organisation Cermin is meant for; the pick-by-hand list
/// and the "add a participant" list show active people only.
const PEOPLE_MAX: i64 = 100_000;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/cycles", web::get().to(list_cycles))
        .route("/cycles", web::post().to(drafts::create_cycle))
        .route("/cycles/new", web::get().to(drafts::new_cycle))
        .route("/cycles/{id}", web::get().to(show::show_cycle))
        .route("/cycles/{id}/edit", web::get().to(drafts::edit_cycle))
        .route("/cycles/{id}/edit", web::post().to(drafts::update_cycle))
        .route("/cycles/{id}/launch", web::get().to(show::confirm_launch))
        .route("/cycles/{id}/launch", web::post().to(show::launch_cycle))
        .route("/cycles/{id}/delete", web::get().to(drafts::confirm_delete))
        .route("/cycles/{id}/delete", web::post().to(drafts::delete_cycle))
        .route(
            "/cycles/{id}/participants",
            web::post().to(participants::add_participant),
        )
        .route("/cycles/{id}/dates", web::get().to(dates::edit_dates))
        .route("/cycles/{id}/dates", web::post().to(dates::move_dates))
        .route(
            "/cycles/{id}/progress",
            web::get().to(progress::show_progress),
        )
        .route("/cycles/{id}/remind", web::post().to(progress::remind_late))
        .route("/cycles/{id}/ratings", web::get().to(ratings::show_ratings))
        .route(
            "/cycles/{id}/calibration",
            web::get().to(calibration::show_calibration),
        )
        .route(
            "/cycles/{id}/calibration/settings",
            web::get().to(calibration::edit_settings),
        )
        .route(
            "/cycles/{id}/calibration/settings",
            web::post().to(calibration::save_settings),
        )
        .route(
            "/cycles/{id}/calibration/lock",
            web::post().to(calibration::lock_calibration),
        )
        .route(
            "/cycles/{id}/calibration/{review_id}",
            web::get().to(calibration::show_review),
        )
        .route(
            "/cycles/{id}/calibration/{review_id}",
            web::post().to(calibration::adjust_rating),
        )
        .route("/cycles/{id}/export", web::get().to(export::export_page))
        .route("/cycles/{id}/export", web::post().to(export::download))
        .route("/cycles/{id}/close", web::get().to(running::confirm_close))
        .route("/cycles/{id}/close", web::post().to(running::close_cycle))
        .route(
            "/cycles/{id}/reminders",
            web::post().to(running::set_reminders),
        )
        .route(
            "/cycles/{id}/reviews/{review_id}/reopen",
            web::get().to(participants::confirm_reopen),
        )
        .route(
            "/cycles/{id}/reviews/{review_id}/reopen",
            web::post().to(participants::reopen_review),
        )
        .route(
            "/cycles/{id}/reviews/{review_id}/remove",
            web::get().to(participants::confirm_remove),
        )
        .route(
            "/cycles/{id}/reviews/{review_id}/remove",
            web::post().to(participants::remove_participant),
        );
}

fn status_for(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// A template's name, with its version once there is more than one.
fn template_label(t: &forms::TemplateRow) -> String {
    if t.version > 1 {
        format!("{} (v{})", t.name, t.version)
    } else {
        t.name.clone()
    }
}

#[derive(Serialize, Clone)]
struct Choice {
    id: String,
    label: String,
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// Notices a redirect may ask for; anything else is ignored.
fn notice_key(n: Option<&str>) -> Option<String> {
    let key = match n? {
        "created" => "cycles-notice-created",
        "saved" => "cycles-notice-saved",
        "deleted" => "cycles-notice-deleted",
        "launched-open" => "cycles-notice-launched-open",
        "launched-scheduled" => "cycles-notice-launched-scheduled",
        "added" => "cycles-notice-added",
        "removed" => "cycles-notice-removed",
        "reopened" => "cycles-notice-reopened",
        "dates-moved" => "cycles-notice-dates-moved",
        "closed" => "cycles-notice-closed",
        "reminders" => "cycles-notice-reminders",
        "calibration-saved" => "cycles-notice-calibration-saved",
        _ => return None,
    };
    Some(key.to_string())
}

/// What a refused command means to HR: a translation key and, for people
/// without a manager, their names. Errors that are not refusals stay errors.
fn refusal(e: CommandError) -> Result<(&'static str, Vec<String>), AppError> {
    match e {
        CommandError::NotFound => Err(AppError::NotFound),
        CommandError::Forbidden => Err(AppError::Forbidden),
        CommandError::NotNow(key) | CommandError::Conflict(key) => Ok((key, vec![])),
        CommandError::Incomplete(_) | CommandError::Unchosen(_) | CommandError::Invalid(_) => {
            Ok(("error-review-not-now", vec![]))
        }
        CommandError::NoManager(names) => Ok(("cycles-error-no-manager", names)),
        CommandError::NoParticipants => Ok(("cycles-error-no-participants-launch", vec![])),
        CommandError::Dates(field) => Ok((dates::order_key(field), vec![])),
        CommandError::Query(q) => Err(q.into()),
    }
}

/// `(acknowledged, total without removed)` from a cycle's state counts.
fn progress(counts: &[(ReviewState, i64)]) -> (i64, i64) {
    let mut done = 0;
    let mut total = 0;
    for (state, n) in counts {
        match state {
            ReviewState::Removed => {}
            ReviewState::Acknowledged => {
                done += n;
                total += n;
            }
            _ => total += n,
        }
    }
    (done, total)
}

// ---- the list ----

#[derive(Serialize)]
struct CycleListItem {
    id: String,
    name: String,
    status: &'static str,
    status_class: &'static str,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    launched: bool,
    participants: i64,
    acknowledged: i64,
    total: i64,
}

#[derive(Serialize)]
struct CycleListPage {
    cycles: Vec<CycleListItem>,
    notice: Option<String>,
}

pub async fn list_cycles(
    state: State,
    user: CurrentUser,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let today = state.today();
    let items = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let mut items = vec![];
            for c in cycles::list(conn)? {
                let status = c.status(today);
                let launched = status != CycleStatus::Draft;
                let (participants, (acknowledged, total)) = if launched {
                    (0, progress(&cycles::state_counts(conn, &c.id)?))
                } else {
                    (cycles::participant_count(conn, &c.id)?, (0, 0))
                };
                items.push(CycleListItem {
                    id: c.id,
                    name: c.name,
                    status: status.code(),
                    status_class: status.tag_class(),
                    opens_on: c.opens_on,
                    closes_on: c.closes_on,
                    launched,
                    participants,
                    acknowledged,
                    total,
                });
            }
            Ok(items)
        })
        .await?;
    let model = CycleListPage {
        cycles: items,
        notice: notice_key(q.notice.as_deref()),
    };
    page(&state.templates, &user.visitor, "cycles/list.html", &model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_leaves_out_removed_reviews() {
        let counts = vec![
            (ReviewState::Acknowledged, 2),
            (ReviewState::SelfAssessment, 3),
            (ReviewState::Removed, 4),
        ];
        assert_eq!(progress(&counts), (2, 5));
    }
}

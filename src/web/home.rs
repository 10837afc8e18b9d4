//! The home page: what matters to this person now, by role.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::{CurrentUser, Visitor};
use super::people::PersonLink;
use super::render::{page, see_other};
use super::State;
use crate::db::{people, review_lists, reviews};
use crate::domain::review::{CycleStatus, ReviewState};
use crate::error::AppError;

#[derive(Serialize)]
struct HomePage {
    person: people::PersonRow,
    manager: Option<people::PersonRow>,
    reports: Vec<PersonLink>,
    people_count: Option<i64>,
    invited_count: Option<i64>,
    /// HR: emails that could not be delivered and wait for a look.
    mail_failed: i64,
    welcome: bool,
    password_reset: bool,
    current: Vec<CurrentReview>,
    notifications: Vec<Notice>,
    manager_summary: Option<ManagerSummary>,
    /// Everything waiting on this person, soonest due first.
    tasks: Vec<Task>,
}

/// One thing waiting on this person: their own step, or a report's review
/// that waits for them.
#[derive(Serialize)]
struct Task {
    /// The message key of what to do ("home-task-self", …).
    what: &'static str,
    /// Whose review, for a manager's task.
    name: String,
    cycle_name: String,
    due_on: chrono::NaiveDate,
    overdue: bool,
    href: String,
}

#[derive(Serialize)]
struct CurrentReview {
    id: String,
    cycle_name: String,
    state: String,
    self_due_on: chrono::NaiveDate,
    manager_due_on: chrono::NaiveDate,
    ack_due_on: chrono::NaiveDate,
    overdue: bool,
}

#[derive(Serialize)]
struct Notice {
    id: String,
    kind: String,
    actor: String,
    review_id: Option<String>,
    created_at: chrono::NaiveDateTime,
    details: String,
}

#[derive(Serialize)]
struct ManagerSummary {
    name: String,
    cycle_name: String,
    text: String,
}

#[derive(Deserialize)]
pub struct HomeQuery {
    welcome: Option<String>,
    password_reset: Option<String>,
}

pub async fn show_home(
    state: State,
    visitor: Visitor,
    q: web::Query<HomeQuery>,
) -> Result<HttpResponse, AppError> {
    let Some(user) = visitor.user.clone() else {
        return Ok(see_other("/sign-in"));
    };
    let is_hr = user.is_hr;
    let id = user.id.clone();
    let actor = user.actor();
    let today = state.today();
    let (person, manager, reports, counts, current, notifications, manager_summary, tasks) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let person = people::find(conn, &id)?.ok_or(AppError::NotFound)?;
            let manager = match &person.manager_id {
                Some(m) => people::find(conn, m)?,
                None => None,
            };
            let reports: Vec<PersonLink> = people::reports_of(conn, &id)?
                .iter()
                .map(|r| PersonLink::new(&actor, r))
                .collect();
            let counts = if is_hr {
                let active = people::count_active(conn)?;
                let invited = people::count_without_password(conn)?;
                let failed = crate::db::outbox::count_with_status(
                    conn,
                    crate::domain::mail::OutboxStatus::Failed,
                )?;
                Some((active, invited, failed))
            } else {
                None
            };
            let mine: Vec<_> = reviews::for_person(conn, &id)?
                .into_iter()
                .filter(|(_, c)| c.status(today) == CycleStatus::Open)
                .collect();
            let mut tasks: Vec<Task> = vec![];
            for (r, c) in &mine {
                let (what, due_on, href) = match r.state() {
                    ReviewState::SelfAssessment => (
                        "home-task-self",
                        c.self_due_on,
                        format!("/reviews/{}/self", r.id),
                    ),
                    ReviewState::Shared => {
                        ("home-task-ack", c.ack_due_on, format!("/reviews/{}", r.id))
                    }
                    _ => continue,
                };
                tasks.push(Task {
                    what,
                    name: String::new(),
                    cycle_name: c.name.clone(),
                    due_on,
                    overdue: due_on < today,
                    href,
                });
            }
            for (r, c, name) in review_lists::for_manager_current(conn, &id)? {
                // Handed in for calibration: HR has it, nothing for the manager to do.
                if r.state == ReviewState::ManagerReview
                    && r.handed_in_at.is_none()
                    && c.status(today) == CycleStatus::Open
                {
                    tasks.push(Task {
                        what: "home-task-manager",
                        name,
                        cycle_name: c.name.clone(),
                        due_on: c.manager_due_on,
                        overdue: c.manager_due_on < today,
                        href: format!("/reviews/{}/manager", r.id),
                    });
                }
            }
            // Soonest due first; on the same day, someone else's review
            // (they are waiting) before one's own step.
            tasks.sort_by(|a, b| {
                (a.due_on, a.what != "home-task-manager", &a.name).cmp(&(
                    b.due_on,
                    b.what != "home-task-manager",
                    &b.name,
                ))
            });
            let current: Vec<CurrentReview> = mine
                .into_iter()
                .map(|(r, c)| {
                    // Late only with one's own step: the manager review
                    // is the manager's to be late with.
                    let step = r.state();
                    let due = step
                        .due_on(&c.dates())
                        .filter(|_| step != ReviewState::ManagerReview);
                    CurrentReview {
                        overdue: due.is_some_and(|d| d < today),
                        id: r.id,
                        cycle_name: c.name,
                        state: r.state.into(),
                        self_due_on: c.self_due_on,
                        manager_due_on: c.manager_due_on,
                        ack_due_on: c.ack_due_on,
                    }
                })
                .collect();
            let notifications = crate::db::notifications::unread(conn, &id, 10)?
                .into_iter()
                .map(|(n, actor)| Notice {
                    id: n.id,
                    kind: n.kind,
                    actor: actor.unwrap_or_default(),
                    review_id: n.review_id,
                    created_at: n.created_at,
                    details: n.details,
                })
                .collect();
            let manager_summary = match &person.manager_id {
                Some(m) => reviews::published_summaries_of(conn, m)?
                    .into_iter()
                    .find(|(_, c)| c.status(today) != CycleStatus::Closed)
                    .map(|(r, c)| ManagerSummary {
                        name: manager.as_ref().map(|m| m.name.clone()).unwrap_or_default(),
                        cycle_name: c.name,
                        text: r.team_summary,
                    }),
                None => None,
            };
            Ok((
                person,
                manager,
                reports,
                counts,
                current,
                notifications,
                manager_summary,
                tasks,
            ))
        })
        .await?;
    let model = HomePage {
        person,
        manager,
        reports,
        people_count: counts.map(|c| c.0),
        invited_count: counts.map(|c| c.1),
        mail_failed: counts.map(|c| c.2).unwrap_or(0),
        welcome: q.welcome.is_some(),
        password_reset: q.password_reset.is_some(),
        current,
        notifications,
        manager_summary,
        tasks,
    };
    page(&state.templates, &visitor, "home.html", &model)
}

/// Dismiss a notification; back to the home page's notifications.
pub async fn dismiss_notification(
    state: State,
    user: CurrentUser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, clock, id) = (user.actor(), state.clock(), id.into_inner());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(crate::app::notifications::dismiss(
                conn, &actor, clock, &id,
            )?)
        })
        .await?;
    Ok(see_other("/#notifications"))
}

//! The home page: what matters to this person now, by role.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::Visitor;
use super::people::PersonLink;
use super::render::{page, see_other};
use super::State;
use crate::db::{people, reviews};
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
    to_review: usize,
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
    let (person, manager, reports, counts, current, notifications, manager_summary, to_review) =
        state
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
                let current: Vec<CurrentReview> = reviews::for_person(conn, &id)?
                    .into_iter()
                    .filter(|(_, c)| c.status(today) == CycleStatus::Open)
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
                let notifications = reviews::unread(conn, &id, 10)?
                    .into_iter()
                    .map(|(n, actor)| Notice {
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
                let to_review = reviews::for_manager_current(conn, &id)?
                    .iter()
                    .filter(|(r, c, _)| {
                        r.state == ReviewState::ManagerReview
                            && c.status(today) == CycleStatus::Open
                    })
                    .count();
                Ok((
                    person,
                    manager,
                    reports,
                    counts,
                    current,
                    notifications,
                    manager_summary,
                    to_review,
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
        to_review,
    };
    page(&state.templates, &visitor, "home.html", &model)
}

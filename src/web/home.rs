//! The home page: what matters to this person now, by role.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::Visitor;
use super::render::{page, see_other};
use super::State;
use crate::db::people;
use crate::error::AppError;

#[derive(Serialize)]
struct HomePage {
    person: people::PersonRow,
    manager: Option<people::PersonRow>,
    reports: Vec<people::PersonRow>,
    people_count: Option<i64>,
    invited_count: Option<i64>,
    welcome: bool,
}

#[derive(Deserialize)]
pub struct HomeQuery {
    welcome: Option<String>,
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
    let (person, manager, reports, counts) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let person = people::find(conn, &id)?.ok_or(AppError::NotFound)?;
            let manager = match &person.manager_id {
                Some(m) => people::find(conn, m)?,
                None => None,
            };
            let reports = people::reports_of(conn, &id)?;
            let counts = if is_hr {
                let active = people::count_active(conn)?;
                let invited = people::count_without_password(conn)?;
                Some((active, invited))
            } else {
                None
            };
            Ok((person, manager, reports, counts))
        })
        .await?;
    let model = HomePage {
        person,
        manager,
        reports,
        people_count: counts.map(|c| c.0),
        invited_count: counts.map(|c| c.1),
        welcome: q.welcome.is_some(),
    };
    page(&state.templates, &visitor, "home.html", &model)
}

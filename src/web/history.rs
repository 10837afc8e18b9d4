//! A person's history: every review they have had, their strengths and
//! weaknesses over time, and their goals. Each record shows only to those who
//! may read the side of the review it was written on.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::context::CurrentUser;
use super::render::page;
use super::State;
use crate::db::{people, reviews};
use crate::domain::policy::{self, PersonFacts, ReviewFacts};
use crate::domain::review::{ReviewState, Side};
use crate::error::AppError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/history", web::get().to(show_my_history))
        .route("/history/{person_id}", web::get().to(show_history));
}

#[derive(Serialize)]
struct HistoryPerson {
    id: String,
    name: String,
    job_title: String,
}

#[derive(Serialize)]
struct HistoryReview {
    id: String,
    cycle_name: String,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    cycle_status: &'static str,
    state: &'static str,
    state_class: &'static str,
    acknowledged_at: Option<NaiveDateTime>,
    link: Option<String>,
}

#[derive(Serialize)]
struct TraitView {
    kind: String,
    side: &'static str,
    body: String,
}

#[derive(Serialize)]
struct TraitGroup {
    /// `None`: records no longer tied to a review.
    cycle_name: Option<String>,
    opens_on: Option<NaiveDate>,
    strengths: Vec<TraitView>,
    weaknesses: Vec<TraitView>,
}

#[derive(Serialize)]
struct GoalView {
    title: String,
    description: String,
    kind: String,
    status: String,
    status_colour: &'static str,
    due_on: Option<NaiveDate>,
    cycle_name: Option<String>,
}

#[derive(Serialize)]
struct HistoryPage {
    person: HistoryPerson,
    is_self: bool,
    reviews: Vec<HistoryReview>,
    traits: Vec<TraitGroup>,
    goals: Vec<GoalView>,
}

fn goal_colour(status: &str) -> &'static str {
    match status {
        "agreed" => "blue",
        "in_progress" => "yellow",
        "done" => "green",
        "proposed" => "purple",
        _ => "grey",
    }
}

pub async fn show_my_history(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    let id = user.user.id.clone();
    history_page(state, user, id).await
}

pub async fn show_history(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    history_page(state, user, path.into_inner()).await
}

async fn history_page(
    state: State,
    user: CurrentUser,
    person_id: String,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let today = state.today();
    let model = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let person = people::find(conn, &person_id)?.ok_or(AppError::NotFound)?;
            let facts = PersonFacts {
                id: &person.id,
                manager_id: person.manager_id.as_deref(),
            };
            if !policy::may_view_history(&actor, facts) {
                return Err(AppError::Forbidden);
            }
            let rows = reviews::for_person(conn, &person.id)?;
            let traits = reviews::traits_of_person(conn, &person.id)?;
            let goals = reviews::goals_of_person(conn, &person.id)?;

            // Each listed review's state and cycle, for the records below.
            let by_review: HashMap<&str, (ReviewState, &str, NaiveDate)> = rows
                .iter()
                .map(|(r, c)| (r.id.as_str(), (r.state(), c.name.as_str(), c.opens_on)))
                .collect();
            // A record's review: `Some(None)` when it has none; `None` when its
            // review is not listed (removed), so the record is left out.
            let review_of = |review_id: &Option<String>| match review_id {
                None => Some(None),
                Some(id) => by_review.get(id.as_str()).map(Some),
            };
            let may_read = |side: Side, state: Option<ReviewState>| {
                policy::may_read_history_record(&actor, facts, side, state)
            };

            let history_reviews: Vec<HistoryReview> = rows
                .iter()
                .map(|(r, c)| {
                    let review_state = r.state();
                    let status = c.status(today);
                    let review_facts = ReviewFacts {
                        person_id: &r.person_id,
                        manager_id: r.manager_id.as_deref(),
                        state: review_state,
                        cycle: status,
                        was_shared: r.shared_at.is_some(),
                    };
                    HistoryReview {
                        id: r.id.clone(),
                        cycle_name: c.name.clone(),
                        opens_on: c.opens_on,
                        closes_on: c.closes_on,
                        cycle_status: status.code(),
                        state: review_state.code(),
                        state_class: review_state.tag_class(),
                        acknowledged_at: r.acknowledged_at,
                        link: policy::may_view_review(&actor, review_facts)
                            .then(|| format!("/reviews/{}", r.id)),
                    }
                })
                .collect();

            // Strengths and weaknesses, one group per review (newest cycle
            // first), then those no longer tied to a review.
            let mut groups: Vec<(Option<String>, TraitGroup)> = rows
                .iter()
                .map(|(r, c)| {
                    (
                        Some(r.id.clone()),
                        TraitGroup {
                            cycle_name: Some(c.name.clone()),
                            opens_on: Some(c.opens_on),
                            strengths: vec![],
                            weaknesses: vec![],
                        },
                    )
                })
                .collect();
            groups.push((
                None,
                TraitGroup {
                    cycle_name: None,
                    opens_on: None,
                    strengths: vec![],
                    weaknesses: vec![],
                },
            ));
            // Oldest first within a review, as they were written.
            for t in traits.into_iter().rev() {
                let Some(review) = review_of(&t.review_id) else {
                    continue;
                };
                let side = t.side;
                if !may_read(side, review.map(|r| r.0)) {
                    continue;
                }
                let Some((_, group)) = groups.iter_mut().find(|(id, _)| *id == t.review_id) else {
                    continue;
                };
                let view = TraitView {
                    side: side.code(),
                    kind: t.kind.clone(),
                    body: t.body,
                };
                if t.kind == "strength" {
                    group.strengths.push(view);
                } else {
                    group.weaknesses.push(view);
                }
            }
            let traits: Vec<TraitGroup> = groups
                .into_iter()
                .map(|(_, g)| g)
                .filter(|g| !g.strengths.is_empty() || !g.weaknesses.is_empty())
                .collect();

            let goals: Vec<GoalView> = goals
                .into_iter()
                .filter_map(|g| {
                    let review = review_of(&g.review_id)?;
                    let side = match &g.author_id {
                        Some(a) if *a != person.id => Side::Manager,
                        _ => Side::Own,
                    };
                    if !may_read(side, review.map(|r| r.0)) {
                        return None;
                    }
                    Some(GoalView {
                        status_colour: goal_colour(g.status.code()),
                        cycle_name: review.map(|r| r.1.to_string()),
                        title: g.title,
                        description: g.description,
                        kind: g.kind,
                        status: g.status.code().to_string(),
                        due_on: g.due_on,
                    })
                })
                .collect();

            Ok(HistoryPage {
                is_self: person.id == actor.id,
                person: HistoryPerson {
                    id: person.id.clone(),
                    name: person.name.clone(),
                    job_title: person.job_title.clone(),
                },
                reviews: history_reviews,
                traits,
                goals,
            })
        })
        .await?;
    page(&state.templates, &user.visitor, "history/show.html", &model)
}

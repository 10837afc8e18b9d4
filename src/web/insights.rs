//! Strengths and weaknesses over time: two heatmaps (competency × cycle),
//! the same numbers as text in each cell, a department and a team filter,
//! and the support asked for in goals (see `app::insights`).

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::filter_text;
use super::render::page;
use super::State;
use crate::app::insights::{self as commands, CycleColumn};
use crate::domain::PersonId;
use crate::error::AppError;

#[derive(Serialize)]
struct Cell {
    n: i64,
    percent: i64,
    /// 0 (none) to 4 (a fifth of the reviews or more): the cell's shade.
    heat: u8,
}

#[derive(Serialize)]
struct Row {
    name: String,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Column {
    name: String,
    reviews: i64,
}

#[derive(Serialize)]
struct TeamChoice {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct SupportLine {
    cycle: String,
    department: String,
    goal: String,
    support: String,
}

#[derive(Serialize)]
struct InsightsPage {
    cycles: Vec<Column>,
    strengths: Vec<Row>,
    weaknesses: Vec<Row>,
    departments: Vec<String>,
    department: String,
    teams: Vec<TeamChoice>,
    /// The chosen team's manager's id ('' for none).
    team: String,
    team_name: String,
    /// HR's view (any team, departments), not a manager's (their team).
    everyone: bool,
    /// No one in the group chosen took part in any of the cycles.
    empty_group: bool,
    support: Vec<SupportLine>,
}

#[derive(Deserialize)]
pub struct InsightsQuery {
    department: Option<String>,
    team: Option<String>,
}

fn cells(counts: &[i64], cycles: &[CycleColumn]) -> Vec<Cell> {
    counts
        .iter()
        .zip(cycles)
        .map(|(n, c)| {
            let percent = if c.reviews > 0 {
                (n * 100 + c.reviews / 2) / c.reviews
            } else {
                0
            };
            let heat = match percent {
                _ if *n == 0 => 0,
                0..=4 => 1,
                5..=9 => 2,
                10..=19 => 3,
                _ => 4,
            };
            Cell {
                n: *n,
                percent,
                heat,
            }
        })
        .collect()
}

pub async fn show_insights(
    state: State,
    user: CurrentUser,
    query: web::Query<InsightsQuery>,
) -> Result<HttpResponse, AppError> {
    let department = filter_text(query.department.as_deref());
    // A team is a person's id: anything else names no one.
    let team = match filter_text(query.team.as_deref()) {
        None => None,
        Some(t) => Some(
            PersonId::parse(&t)
                .ok_or(AppError::NotFound)?
                .as_str()
                .to_string(),
        ),
    };
    let (actor, lang) = (user.actor(), user.visitor.lang);
    let (dept, team_id) = (department.clone(), team.clone());
    let i = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let choice = commands::Choice {
                department: dept.as_deref(),
                team: team_id.as_deref(),
            };
            Ok(commands::load(conn, &actor, choice, lang)?)
        })
        .await?;
    let rows = |pick: fn(&commands::CompetencyRow) -> &Vec<i64>| -> Vec<Row> {
        let mut rows: Vec<Row> = i
            .rows
            .iter()
            .map(|r| Row {
                name: r.name.clone(),
                cells: cells(pick(r), &i.cycles),
            })
            .filter(|r| r.cells.iter().any(|c| c.n > 0))
            .collect();
        // The most named in the newest cycle first.
        rows.sort_by(|a, b| {
            let last = |r: &Row| r.cells.last().map_or(0, |c| c.n);
            last(b).cmp(&last(a)).then_with(|| a.name.cmp(&b.name))
        });
        rows
    };
    let model = InsightsPage {
        strengths: rows(|r| &r.strengths),
        weaknesses: rows(|r| &r.weaknesses),
        cycles: i
            .cycles
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                reviews: c.reviews,
            })
            .collect(),
        departments: i.departments.clone(),
        department: if i.everyone {
            department.unwrap_or_default()
        } else {
            String::new()
        },
        teams: i
            .teams
            .iter()
            .map(|t| TeamChoice {
                id: t.id.clone(),
                name: t.name.clone(),
            })
            .collect(),
        team: i.team.as_ref().map(|t| t.id.clone()).unwrap_or_default(),
        team_name: i.team.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        everyone: i.everyone,
        empty_group: i.cycles.iter().all(|c| c.reviews == 0),
        support: i
            .support
            .iter()
            .map(|s| SupportLine {
                cycle: s.cycle.clone(),
                department: s.department.clone(),
                goal: s.goal.clone(),
                support: s.support.clone(),
            })
            .collect(),
    };
    page(
        &state.templates,
        &user.visitor,
        "cycles/insights.html",
        &model,
    )
}

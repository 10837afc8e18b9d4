//! Strengths and weaknesses over time: two heatmaps (competency × cycle),
//! the same numbers as text in each cell, a department filter, and the
//! support asked for in goals (see `app::insights`).

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::render::page;
use super::State;
use crate::app::insights::{self as commands, CycleColumn};
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
    support: Vec<SupportLine>,
}

#[derive(Deserialize)]
pub struct InsightsQuery {
    department: Option<String>,
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
    let department = query
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    let (actor, lang, dept) = (user.actor(), user.visitor.lang, department.clone());
    let i = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::load(conn, &actor, dept.as_deref(), lang)?)
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
        department: department.unwrap_or_default(),
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

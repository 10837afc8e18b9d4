//! Fair ratings in a cycle: the spread of manager ratings for the
//! organisation, per department and per manager (flagged ones first, with
//! the method on the page), and the self-vs-manager gap per competency.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::State;
use crate::app::fairness::{self as commands, Group};
use crate::domain::fairness::{Spread, FLAT_SHARE, MIN_DIFFERENCE, MIN_Z};
use crate::domain::CycleId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::render::page;

/// Managers per page.
const MANAGERS_PAGE: usize = 50;

#[derive(Serialize)]
pub(super) struct Segment {
    x: i64,
    w: i64,
}

/// A spread as the page shows it: counts, percents, the mean, and the bar.
#[derive(Serialize)]
pub(super) struct SpreadRow {
    label: String,
    counts: [i64; 5],
    percents: [i64; 5],
    total: i64,
    mean: String,
    reviews: i64,
    flag: Option<&'static str>,
    bar: Vec<Segment>,
}

pub(super) fn spread_row(
    label: String,
    s: &Spread,
    reviews: i64,
    flag: Option<&'static str>,
) -> SpreadRow {
    let percents = s.percents();
    let mut x = 0;
    let bar = percents
        .iter()
        .map(|p| {
            let seg = Segment { x, w: *p };
            x += p;
            seg
        })
        .collect();
    SpreadRow {
        label,
        counts: s.counts,
        percents,
        total: s.total(),
        mean: s
            .mean()
            .map(|m| format!("{m:.2}"))
            .unwrap_or_else(|| "–".into()),
        reviews,
        flag,
        bar,
    }
}

fn group_row(g: &Group) -> SpreadRow {
    spread_row(
        g.label.clone(),
        &g.spread,
        g.reviews,
        g.flag.map(|f| f.code()),
    )
}

#[derive(Serialize)]
struct GapRow {
    name: String,
    self_mean: String,
    manager_mean: String,
    gap: String,
    direction: &'static str,
    pairs: i64,
}

#[derive(Serialize)]
struct RatingsPage {
    cycle_id: String,
    cycle_name: String,
    organisation: SpreadRow,
    departments: Vec<SpreadRow>,
    managers: Vec<SpreadRow>,
    flagged: usize,
    manager_count: usize,
    page: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    gaps: Vec<GapRow>,
    min_team: i64,
    min_difference: String,
    min_z: String,
    flat_percent: i64,
}

#[derive(Deserialize)]
pub struct RatingsQuery {
    page: Option<usize>,
}

pub async fn show_ratings(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    query: web::Query<RatingsQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, clock, lang) = (user.actor(), state.clock(), user.visitor.lang);
    let f = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::load(conn, &actor, clock, &id, lang)?)
        })
        .await?;
    let manager_count = f.managers.len();
    let pages = manager_count.div_ceil(MANAGERS_PAGE).max(1);
    let page_no = query.page.unwrap_or(1).clamp(1, pages);
    let url = |n: usize| {
        if n > 1 {
            format!("/cycles/{}/ratings?page={n}#managers", f.cycle.id)
        } else {
            format!("/cycles/{}/ratings#managers", f.cycle.id)
        }
    };
    let gaps = f
        .gaps
        .iter()
        .map(|g| GapRow {
            name: g.name.clone(),
            self_mean: format!("{:.2}", g.self_mean),
            manager_mean: format!("{:.2}", g.manager_mean),
            gap: format!("{:+.2}", g.gap),
            direction: if g.gap > 0.0 {
                "self_higher"
            } else if g.gap < 0.0 {
                "manager_higher"
            } else {
                "same"
            },
            pairs: g.pairs,
        })
        .collect();
    let model = RatingsPage {
        cycle_id: f.cycle.id.clone(),
        cycle_name: f.cycle.name.clone(),
        organisation: spread_row(
            crate::i18n::t(user.visitor.lang, "ratings-org-heading"),
            &f.organisation,
            0,
            None,
        ),
        departments: f.departments.iter().map(group_row).collect(),
        flagged: f.managers.iter().filter(|m| m.flag.is_some()).count(),
        managers: f
            .managers
            .iter()
            .skip((page_no - 1) * MANAGERS_PAGE)
            .take(MANAGERS_PAGE)
            .map(group_row)
            .collect(),
        manager_count,
        page: page_no,
        prev_url: (page_no > 1).then(|| url(page_no - 1)),
        next_url: (page_no < pages).then(|| url(page_no + 1)),
        gaps,
        min_team: commands::min_team(),
        min_difference: format!("{MIN_DIFFERENCE:.1}"),
        min_z: format!("{MIN_Z:.0}"),
        flat_percent: (FLAT_SHARE * 100.0).round() as i64,
    };
    page(
        &state.templates,
        &user.visitor,
        "cycles/ratings.html",
        &model,
    )
}

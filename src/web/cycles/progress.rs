//! A cycle's progress page: each step's completion for the whole cycle (or
//! a manager's organisation), per department and per manager as bars with
//! the same numbers in a table, the burn-down, and HR's "remind now".

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::State;
use crate::app::progress::{self as commands, Group};
use crate::domain::mail::Phase;
use crate::domain::progress::{Remaining, Tally};
use crate::domain::CycleId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::render::{page, see_other};

/// Managers listed per page of the manager table.
const MANAGERS_PAGE: usize = 50;
/// The deepest page an address can ask for.
const MAX_PAGE: usize = 1_000;
/// The burn-down's drawing, in SVG units.
const CHART_W: f64 = 600.0;
const CHART_H: f64 = 220.0;
const PAD_LEFT: f64 = 48.0;
const PAD_BOTTOM: f64 = 28.0;
const PAD_TOP: f64 = 10.0;

/// A group's numbers and its bar's segments (percent of the bar).
#[derive(Serialize)]
struct Row {
    key: String,
    label: String,
    tally: Tally,
    late: i64,
    /// Percent done at each step.
    self_pct: i64,
    shared_pct: i64,
    ack_pct: i64,
    /// The bar: acknowledged, then shared (not yet acknowledged), then
    /// submitted (not yet shared); x and width in percent.
    bar: [Segment; 3],
    /// The steps with people late at them (for "remind now").
    late_steps: Vec<StepCount>,
}

#[derive(Serialize)]
struct Segment {
    x: f64,
    w: f64,
}

#[derive(Serialize)]
struct StepCount {
    step: &'static str,
    count: i64,
}

/// A line of the steps table.
#[derive(Serialize)]
struct StepLine {
    step: &'static str,
    done: i64,
    percent: i64,
    late: i64,
}

fn late_steps(t: &Tally) -> Vec<StepCount> {
    [
        ("self", t.late_self),
        ("manager", t.late_manager),
        ("ack", t.late_ack),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(step, count)| StepCount { step, count })
    .collect()
}

fn row(key: String, label: String, t: Tally) -> Row {
    let pct = |n: i64| {
        if t.total == 0 {
            0.0
        } else {
            (n as f64) * 100.0 / (t.total as f64)
        }
    };
    let (a, s, d) = (pct(t.acknowledged), pct(t.shared), pct(t.self_done));
    Row {
        key,
        label,
        late: t.late(),
        self_pct: t.percent(t.self_done),
        shared_pct: t.percent(t.shared),
        ack_pct: t.percent(t.acknowledged),
        bar: [
            Segment { x: 0.0, w: a },
            Segment { x: a, w: s - a },
            Segment { x: s, w: d - s },
        ],
        late_steps: late_steps(&t),
        tally: t,
    }
}

fn rows(groups: Vec<Group>) -> Vec<Row> {
    groups
        .into_iter()
        .map(|g| row(g.key, g.label, g.tally))
        .collect()
}

/// The burn-down as SVG lines and axis labels.
#[derive(Serialize, Default)]
struct BurnDown {
    width: f64,
    height: f64,
    left: f64,
    bottom: f64,
    top: f64,
    total: i64,
    /// "x,y x,y …" per series.
    self_line: String,
    manager_line: String,
    ack_line: String,
    first_day: Option<chrono::NaiveDate>,
    last_day: Option<chrono::NaiveDate>,
    days: Vec<Remaining>,
}

fn burn_down(days: Vec<Remaining>, total: i64) -> BurnDown {
    let n = days.len();
    let plot_w = CHART_W - PAD_LEFT - 8.0;
    let plot_h = CHART_H - PAD_BOTTOM - PAD_TOP;
    let x = |i: usize| {
        if n <= 1 {
            PAD_LEFT
        } else {
            PAD_LEFT + plot_w * (i as f64) / ((n - 1) as f64)
        }
    };
    let y = |v: i64| {
        let share = if total == 0 {
            0.0
        } else {
            (v as f64) / (total as f64)
        };
        PAD_TOP + plot_h * (1.0 - share)
    };
    let line = |f: &dyn Fn(&Remaining) -> i64| {
        days.iter()
            .enumerate()
            .map(|(i, d)| format!("{:.1},{:.1}", x(i), y(f(d))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    BurnDown {
        width: CHART_W,
        height: CHART_H,
        left: PAD_LEFT,
        bottom: CHART_H - PAD_BOTTOM,
        top: PAD_TOP,
        total,
        self_line: line(&|d| d.self_assessments),
        manager_line: line(&|d| d.manager_reviews),
        ack_line: line(&|d| d.acknowledgements),
        first_day: days.first().map(|d| d.day),
        last_day: days.last().map(|d| d.day),
        days,
    }
}

#[derive(Serialize)]
struct ProgressPage {
    cycle_id: String,
    cycle_name: String,
    status: &'static str,
    everyone: bool,
    may_remind: bool,
    overall: Row,
    steps: Vec<StepLine>,
    departments: Vec<Row>,
    managers: Vec<Row>,
    manager_count: usize,
    page: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    q: String,
    chart: BurnDown,
    notice: Option<&'static str>,
    notice_count: i64,
}

#[derive(Deserialize)]
pub struct ProgressQuery {
    page: Option<usize>,
    /// Part of a manager's name.
    q: Option<String>,
    notice: Option<String>,
    count: Option<i64>,
}

pub async fn show_progress(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    query: web::Query<ProgressQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, clock, tz, has_reports) = (
        user.actor(),
        state.clock(),
        state.settings.timezone,
        user.user.has_reports,
    );
    let p = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::load(conn, &actor, clock, tz, &id, has_reports)?)
        })
        .await?;
    // Values that are not text were refused before the handler (middleware).
    let q = query
        .q
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let needle = q.to_lowercase();
    let managers: Vec<Group> = p
        .managers
        .into_iter()
        .filter(|g| needle.is_empty() || g.label.to_lowercase().contains(&needle))
        .collect();
    let manager_count = managers.len();
    let pages = manager_count.div_ceil(MANAGERS_PAGE).max(1);
    let page_no = query.page.unwrap_or(1).clamp(1, MAX_PAGE.min(pages));
    let url = |n: usize| {
        let mut pairs: Vec<(&str, String)> = vec![];
        if !q.is_empty() {
            pairs.push(("q", q.clone()));
        }
        if n > 1 {
            pairs.push(("page", n.to_string()));
        }
        let qs = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if qs.is_empty() {
            format!("/cycles/{}/progress#managers", p.cycle.id)
        } else {
            format!("/cycles/{}/progress?{qs}#managers", p.cycle.id)
        }
    };
    let shown: Vec<Group> = managers
        .into_iter()
        .skip((page_no - 1) * MANAGERS_PAGE)
        .take(MANAGERS_PAGE)
        .collect();
    let notice = match query.notice.as_deref() {
        Some("reminded") => Some("progress-notice-reminded"),
        _ => None,
    };
    let model = ProgressPage {
        prev_url: (page_no > 1).then(|| url(page_no - 1)),
        next_url: (page_no < pages).then(|| url(page_no + 1)),
        cycle_id: p.cycle.id.clone(),
        cycle_name: p.cycle.name.clone(),
        status: p.status.code(),
        everyone: p.everyone,
        may_remind: p.may_remind,
        chart: burn_down(p.burn_down, p.overall.total),
        steps: vec![
            StepLine {
                step: "self",
                done: p.overall.self_done,
                percent: p.overall.percent(p.overall.self_done),
                late: p.overall.late_self,
            },
            StepLine {
                step: "manager",
                done: p.overall.shared,
                percent: p.overall.percent(p.overall.shared),
                late: p.overall.late_manager,
            },
            StepLine {
                step: "ack",
                done: p.overall.acknowledged,
                percent: p.overall.percent(p.overall.acknowledged),
                late: p.overall.late_ack,
            },
        ],
        overall: row(String::new(), String::new(), p.overall),
        departments: rows(p.departments),
        managers: rows(shown),
        manager_count,
        page: page_no,
        q,
        notice,
        notice_count: query.count.unwrap_or(0).max(0),
    };
    page(
        &state.templates,
        &user.visitor,
        "cycles/progress.html",
        &model,
    )
}

#[derive(Deserialize)]
pub struct RemindForm {
    #[serde(default)]
    step: String,
    department: Option<String>,
}

/// "Remind now": queue an overdue notice to everyone late at a step.
pub async fn remind_late(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    form: web::Form<RemindForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let phase = Phase::parse(&form.step).ok_or(AppError::BadRequest)?;
    let department = form.department.clone().filter(|d| !d.is_empty());
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let queued = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::remind_late(
                conn,
                &actor,
                clock,
                &cid,
                phase,
                department.as_deref(),
            )?)
        })
        .await?;
    Ok(see_other(&format!(
        "/cycles/{id}/progress?notice=reminded&count={queued}"
    )))
}

//! The manager's team page: every direct report and where their review in
//! the current review cycles stands, with what to do next and by when.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;

use super::context::CurrentUser;
use super::render::page;
use super::State;
use crate::db::cycles::CycleRow;
use crate::db::people;
use crate::db::review_lists::{self, ReviewStep};
use crate::domain::policy::{self, Actor, PersonFacts, ReviewFacts};
use crate::domain::review::{CycleStatus, ReviewState};
use crate::error::AppError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/team", web::get().to(show_team));
}

#[derive(Serialize)]
struct TeamReview {
    id: String,
    cycle_name: String,
    state: &'static str,
    state_class: &'static str,
    /// The cycle has been launched but has not opened yet.
    opens_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    overdue: bool,
    /// What happens next, as a translation key (waiting for whom, or done).
    next_key: &'static str,
    /// The manager has to act: the link is the page's main button.
    my_turn: bool,
    link: Option<String>,
    /// Handed in for calibration (its step shows as such, not as writing).
    calibrating: bool,
}

#[derive(Serialize)]
struct TeamMember {
    id: String,
    name: String,
    job_title: String,
    /// A direct report now (else: a review the actor still writes for
    /// someone who moved to another manager).
    is_report: bool,
    /// Their page, notes and history: each only when the reader may open it
    /// (the same policy rule each of those pages applies).
    profile: Option<String>,
    notes: Option<String>,
    history: Option<String>,
    reviews: Vec<TeamReview>,
}

impl TeamMember {
    fn new(actor: &Actor, p: &people::ListRow, is_report: bool) -> Self {
        let facts = PersonFacts {
            id: &p.id,
            manager_id: p.manager_id.as_deref(),
        };
        let link = |allowed: bool, path: String| allowed.then_some(path);
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            job_title: p.job_title.clone(),
            is_report,
            profile: link(
                policy::may_view_person(actor, facts),
                format!("/people/{}", p.id),
            ),
            notes: link(
                policy::may_read_notes_about(actor, facts),
                format!("/people/{}/notes", p.id),
            ),
            history: link(
                policy::may_view_history(actor, facts),
                format!("/history/{}", p.id),
            ),
            reviews: vec![],
        }
    }
}

#[derive(Serialize)]
struct ExportLink {
    href: String,
    cycle_name: String,
}

#[derive(Serialize)]
struct TeamPage {
    members: Vec<TeamMember>,
    /// Downloads of the results of each launched cycle the reader writes
    /// reviews in (see `app::exports`).
    exports: Vec<ExportLink>,
    /// The progress of the reader's organisation in those cycles.
    progress: Vec<ExportLink>,
    /// Calibration views of cycles that let managers calibrate below them.
    calibrations: Vec<ExportLink>,
    has_reports: bool,
    has_current: bool,
    to_write: usize,
    overdue: usize,
}

fn team_review(actor: &Actor, today: NaiveDate, r: &ReviewStep, c: &CycleRow) -> TeamReview {
    let state = r.state;
    let status = c.status(today);
    let scheduled = status == CycleStatus::Scheduled;
    let due_on = state.due_on(&c.dates());
    // Handed in for calibration: nothing is late on the manager's side.
    let waits_on_hr = state == ReviewState::ManagerReview && r.handed_in_at.is_some();
    let overdue = !scheduled && !waits_on_hr && due_on.is_some_and(|d| d < today);
    let facts = ReviewFacts {
        person_id: &r.person_id,
        manager_id: r.manager_id.as_deref(),
        state,
        cycle: status,
        was_shared: r.shared_at.is_some(),
        was_submitted: r.self_submitted_at.is_some(),
        handed_in: r.handed_in_at.is_some(),
    };
    let my_turn = !scheduled && policy::may_edit_manager_review(actor, facts);
    let next_key = if scheduled {
        "team-next-scheduled"
    } else {
        match state {
            ReviewState::SelfAssessment => "team-next-self",
            ReviewState::ManagerReview if r.handed_in_at.is_some() => "team-next-calibration",
            ReviewState::ManagerReview => "team-next-manager",
            ReviewState::Shared => "team-next-ack",
            ReviewState::Acknowledged => "team-next-done",
            ReviewState::Unfinished | ReviewState::Removed => "team-next-none",
        }
    };
    TeamReview {
        id: r.id.clone(),
        cycle_name: c.name.clone(),
        state: state.code(),
        state_class: state.tag_class(),
        opens_on: scheduled.then_some(c.opens_on),
        due_on,
        overdue,
        next_key,
        my_turn,
        calibrating: waits_on_hr,
        // "Write the manager review" opens the form itself, not the
        // overview with a second button of the same name.
        link: if my_turn {
            Some(format!("/reviews/{}/manager", r.id))
        } else {
            policy::may_view_review(actor, facts).then(|| format!("/reviews/{}", r.id))
        },
    }
}

pub async fn show_team(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let me = user.user.id.clone();
    let has_reports = user.user.has_reports;
    let scope_actor = user.actor();
    let ((reports, current, moved), calibrations) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let reports = people::reports_of(conn, &me)?;
            // Calibration views open to this manager: cycles where HR lets
            // managers calibrate below them, while calibration is open.
            let may_calibrate =
                policy::calibration_scope(&scope_actor, true, has_reports).is_some();
            let calibrations: Vec<ExportLink> = if may_calibrate {
                crate::db::calibration::open_to_managers(conn)?
                    .into_iter()
                    .map(|(id, name)| ExportLink {
                        href: format!("/cycles/{id}/calibration"),
                        cycle_name: name,
                    })
                    .collect()
            } else {
                vec![]
            };
            let current = review_lists::for_manager_current(conn, &me)?;
            // People whose review the actor still writes but who report to
            // someone else now.
            let moved_ids: Vec<String> = current
                .iter()
                .map(|(r, _, _)| r.person_id.clone())
                .filter(|id| !reports.iter().any(|p| &p.id == id))
                .collect();
            let moved = people::listed(conn, &moved_ids)?;
            Ok(((reports, current, moved), calibrations))
        })
        .await?;
    if !policy::may_view_team(&actor, !reports.is_empty()) {
        return Err(AppError::Forbidden);
    }
    let today = state.today();
    let mut members: Vec<TeamMember> = reports
        .iter()
        .map(|p| TeamMember::new(&actor, p, true))
        .collect();
    for (r, c, _) in &current {
        let review = team_review(&actor, today, r, c);
        if let Some(m) = members.iter_mut().find(|m| m.id == r.person_id) {
            m.reviews.push(review);
        } else if let Some(p) = moved.iter().find(|p| p.id == r.person_id) {
            let mut m = TeamMember::new(&actor, p, false);
            m.job_title = r.job_title.clone();
            m.reviews.push(review);
            members.push(m);
        }
    }
    let mut exports: Vec<ExportLink> = vec![];
    for (r, c, _) in &current {
        let writes_it = r.manager_id.as_deref() == Some(actor.id.as_str());
        let launched = c.status(today) != CycleStatus::Draft;
        let href = format!("/cycles/{}/export", c.id);
        if writes_it
            && launched
            && policy::export_scope(&actor, true).is_some()
            && !exports.iter().any(|e| e.href == href)
        {
            exports.push(ExportLink {
                href,
                cycle_name: c.name.clone(),
            });
        }
    }
    let progress: Vec<ExportLink> = if policy::progress_scope(&actor, !reports.is_empty()).is_some()
    {
        exports
            .iter()
            .map(|e| ExportLink {
                href: e.href.replace("/export", "/progress"),
                cycle_name: e.cycle_name.clone(),
            })
            .collect()
    } else {
        vec![]
    };
    let all = || members.iter().flat_map(|m| m.reviews.iter());
    let model = TeamPage {
        has_reports: !reports.is_empty(),
        has_current: !current.is_empty(),
        to_write: all().filter(|r| r.my_turn).count(),
        overdue: all().filter(|r| r.overdue).count(),
        members,
        exports,
        progress,
        calibrations,
    };
    page(&state.templates, &user.visitor, "team/show.html", &model)
}

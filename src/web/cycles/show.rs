//! The cycle page: before launch, the participants the rule picked (and who
//! has no manager); after, the progress of every review, the late-add list
//! and the cycle's emails. Launching is a button on this page.

use std::collections::{HashMap, HashSet};

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{notice_key, progress, refusal, status_for, template_label, Choice, State};
use crate::app::{cycles as commands, Error as CommandError};
use crate::db::{cycles, forms, outbox, people, review_lists, DbConnection};
use crate::domain::policy;
use crate::domain::review::{CycleStatus, ReviewState};
use crate::domain::CycleId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status, see_other};

/// How many of a cycle's emails its page lists (the outbox page has more).
const MAIL_LOG_SIZE: i64 = 50;
/// Reviews per page of the list; overdue people named before it.
const REVIEWS_PAGE: i64 = 50;
const OVERDUE_SHOWN: i64 = 20;
/// People listed before launch (the count covers everyone).
const PARTICIPANTS_SHOWN: usize = 100;
/// Matches listed for "add a participant".
const ADDABLE_SHOWN: i64 = 20;
/// The deepest page of reviews an address can ask for.
const MAX_PAGE: i64 = 1_000;

/// How the cycle page's review list is filtered and paged (its address).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CycleQuery {
    notice: Option<String>,
    count: Option<i64>,
    /// A review state code.
    state: Option<String>,
    /// Only the reviews late with their step.
    overdue: Option<String>,
    /// Part of a name, for the list.
    q: Option<String>,
    /// Part of a name, for "add a participant".
    add: Option<String>,
    page: Option<i64>,
}

/// The list's filters as the page shows them, with its links.
#[derive(Debug, Clone, Default, Serialize)]
struct ListView {
    state: String,
    overdue: bool,
    q: String,
    add: String,
    page: i64,
    filtered: bool,
    prev_url: Option<String>,
    next_url: Option<String>,
    overdue_url: String,
    clear_url: String,
}

impl CycleQuery {
    fn state(&self) -> Option<ReviewState> {
        self.state
            .as_deref()
            .and_then(|s| ReviewState::parse(s).ok())
    }
    fn overdue(&self) -> bool {
        self.overdue.as_deref().is_some_and(|v| !v.is_empty())
    }
    fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, MAX_PAGE)
    }
    /// The page's address with this list view (and another page number).
    fn url(&self, cycle_id: &str, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = vec![];
        if let Some(s) = self.state() {
            pairs.push(("state", s.code().to_string()));
        }
        if self.overdue() {
            pairs.push(("overdue", "1".into()));
        }
        if let Some(q) = self.q.as_ref().map(|q| q.trim()).filter(|q| !q.is_empty()) {
            pairs.push(("q", q.to_string()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            format!("/cycles/{cycle_id}#reviews")
        } else {
            format!("/cycles/{cycle_id}?{query}#reviews")
        }
    }
}

#[derive(Serialize)]
struct ParticipantItem {
    id: String,
    name: String,
    job_title: String,
    department: String,
    manager_name: Option<String>,
}

#[derive(Serialize)]
struct StateCount {
    state: &'static str,
    count: i64,
}

#[derive(Serialize, Clone)]
struct ReviewItem {
    id: String,
    person_name: String,
    manager_name: String,
    state: &'static str,
    state_class: &'static str,
    due_on: Option<NaiveDate>,
    overdue: bool,
    can_reopen: bool,
    can_remove: bool,
}

#[derive(Serialize)]
struct CyclePage {
    cycle: cycles::CycleRow,
    status: &'static str,
    status_class: &'static str,
    is_draft: bool,
    is_closed: bool,
    template_name: String,
    opens_today_or_before: bool,
    // draft
    /// The first participants by name (`PARTICIPANTS_SHOWN`), and how many.
    participants: Vec<ParticipantItem>,
    participant_count: usize,
    without_manager: Vec<String>,
    // launched
    counts: Vec<StateCount>,
    acknowledged: i64,
    total: i64,
    /// A page of the reviews, as filtered.
    reviews: Vec<ReviewItem>,
    list: ListView,
    /// The first reviews past the due date of their step, and how many.
    overdue: Vec<ReviewItem>,
    overdue_count: i64,
    /// People matching the "add a participant" search.
    addable: Vec<Choice>,
    /// The newest emails about this cycle.
    mail_log: Vec<outbox::OutboxListRow>,
    mail_log_limit: i64,
    /// The calibration step, if the cycle has one.
    calibration: Option<crate::db::calibration::CalibrationRow>,
    // messages
    notice: Option<String>,
    notice_count: i64,
    errors: FormErrors,
    error_names: String,
    error_count: usize,
}

/// Messages the cycle page is shown with.
#[derive(Default)]
pub(super) struct PageMessages {
    pub(super) notice: Option<String>,
    pub(super) notice_count: i64,
    pub(super) errors: FormErrors,
    pub(super) error_names: Vec<String>,
    /// The review list's filters and page (from the address).
    pub(super) list: CycleQuery,
}

fn load_cycle_page(
    conn: &mut DbConnection,
    id: &str,
    today: NaiveDate,
    query: &CycleQuery,
) -> Result<CyclePage, AppError> {
    let cycle = cycles::find(conn, id)?.ok_or(AppError::NotFound)?;
    let status = cycle.status(today);
    let template_name = forms::find_template(conn, &cycle.template_id)?
        .map(|t| template_label(&t))
        .unwrap_or_default();
    let mut participants = vec![];
    let mut without_manager = vec![];
    let mut counts = vec![];
    let mut reviews_list = vec![];
    let mut overdue = vec![];
    let mut overdue_count = 0;
    let mut participant_count = 0;
    let mut list = ListView::default();
    let mut addable = vec![];
    let mut mail_log = vec![];
    let (mut acknowledged, mut total) = (0, 0);
    if status == CycleStatus::Draft {
        let rows = cycles::participants(conn, id)?;
        let manager_ids: Vec<String> = rows.iter().filter_map(|p| p.manager_id.clone()).collect();
        let names: HashMap<String, String> = people::listed(conn, &manager_ids)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        participant_count = rows.len();
        for p in rows {
            if p.manager_id.is_none() {
                without_manager.push(p.name.clone());
            }
            if participants.len() >= PARTICIPANTS_SHOWN {
                continue;
            }
            participants.push(ParticipantItem {
                manager_name: p.manager_id.as_ref().and_then(|m| names.get(m).cloned()),
                id: p.id,
                name: p.name,
                job_title: p.job_title,
                department: p.department,
            });
        }
    } else {
        let state_counts = cycles::state_counts(conn, id)?;
        (acknowledged, total) = progress(&state_counts);
        let by_state: HashMap<ReviewState, i64> = state_counts.into_iter().collect();
        counts = ReviewState::ALL
            .into_iter()
            .map(|s| StateCount {
                state: s.code(),
                count: by_state.get(&s).copied().unwrap_or(0),
            })
            .collect();
        let closed = status == CycleStatus::Closed;
        let dates = cycle.dates();
        // The steps whose due date has passed: a review at one is late.
        let late_states: Vec<&'static str> = if status == CycleStatus::Open {
            ReviewState::ALL
                .into_iter()
                .filter(|s| s.due_on(&dates).is_some_and(|d| d < today))
                .map(ReviewState::code)
                .collect()
        } else {
            vec![]
        };
        overdue_count = counts
            .iter()
            .filter(|c| late_states.contains(&c.state))
            .map(|c| c.count)
            .sum();
        // Handed in for calibration: waiting on HR, not late at its manager.
        if late_states.contains(&ReviewState::ManagerReview.code()) {
            overdue_count -= review_lists::handed_in_count(conn, id)?;
        }
        let item = |r: review_lists::CycleListRow| -> Option<ReviewItem> {
            let state = ReviewState::parse(&r.state).ok()?;
            let due_on = state.due_on(&dates);
            Some(ReviewItem {
                id: r.id,
                person_name: r.person_name,
                manager_name: r.manager_name.unwrap_or_default(),
                state: state.code(),
                state_class: state.tag_class(),
                overdue: late_states.contains(&state.code())
                    && !(state == ReviewState::ManagerReview && r.handed_in_at.is_some()),
                due_on,
                can_reopen: !closed
                    && matches!(
                        state,
                        ReviewState::ManagerReview
                            | ReviewState::Shared
                            | ReviewState::Acknowledged
                    ),
                can_remove: !closed && state != ReviewState::Removed,
            })
        };
        if overdue_count > 0 {
            let late = review_lists::CycleListFilter {
                states: Some(late_states.clone()),
                name: None,
                waiting_only: true,
            };
            overdue = review_lists::page_of_cycle(conn, id, &late, OVERDUE_SHOWN, 0)?
                .into_iter()
                .filter_map(item)
                .collect();
        }
        // The list: filtered by state, lateness or name; a page at a time.
        let states = match (query.state(), query.overdue()) {
            (_, true) => Some(late_states.clone()),
            (Some(s), false) => Some(vec![s.code()]),
            (None, false) => None,
        };
        let filter = review_lists::CycleListFilter {
            states,
            name: query.q.clone(),
            waiting_only: query.overdue(),
        };
        let page_no = query.page();
        let mut rows = review_lists::page_of_cycle(
            conn,
            id,
            &filter,
            REVIEWS_PAGE + 1,
            (page_no - 1) * REVIEWS_PAGE,
        )?;
        let has_next = rows.len() as i64 > REVIEWS_PAGE;
        rows.truncate(REVIEWS_PAGE as usize);
        reviews_list = rows.into_iter().filter_map(item).collect();
        list = ListView {
            state: query
                .state()
                .map(|s| s.code().to_string())
                .unwrap_or_default(),
            overdue: query.overdue(),
            q: query.q.clone().unwrap_or_default().trim().to_string(),
            add: query.add.clone().unwrap_or_default().trim().to_string(),
            page: page_no,
            filtered: query.state().is_some()
                || query.overdue()
                || query.q.as_deref().is_some_and(|q| !q.trim().is_empty()),
            prev_url: (page_no > 1).then(|| query.url(id, page_no - 1)),
            next_url: has_next.then(|| query.url(id, page_no + 1)),
            overdue_url: CycleQuery {
                overdue: Some("1".into()),
                ..CycleQuery::default()
            }
            .url(id, 1),
            clear_url: CycleQuery::default().url(id, 1),
        };
        mail_log = outbox::list(conn, None, Some(id), None, MAIL_LOG_SIZE)?;
        if !closed && !list.add.is_empty() {
            addable = people::addable_to_cycle(conn, id, &list.add, ADDABLE_SHOWN)?
                .into_iter()
                .map(|(id, name, department)| Choice {
                    label: if department.is_empty() {
                        name
                    } else {
                        format!("{name} ({department})")
                    },
                    id,
                })
                .collect();
        }
    }
    let calibration = crate::db::calibration::find(conn, &cycle.id)?;
    Ok(CyclePage {
        calibration,
        status: status.code(),
        status_class: status.tag_class(),
        is_draft: status == CycleStatus::Draft,
        is_closed: status == CycleStatus::Closed,
        opens_today_or_before: cycle.opens_on <= today,
        template_name,
        cycle,
        participants,
        participant_count,
        without_manager,
        counts,
        acknowledged,
        total,
        reviews: reviews_list,
        list,
        overdue,
        overdue_count,
        addable,
        mail_log,
        mail_log_limit: MAIL_LOG_SIZE,
        notice: None,
        notice_count: 0,
        errors: FormErrors::default(),
        error_names: String::new(),
        error_count: 0,
    })
}

pub(super) async fn cycle_page(
    state: &State,
    user: &CurrentUser,
    id: CycleId,
    messages: PageMessages,
) -> Result<HttpResponse, AppError> {
    let today = state.today();
    let query = messages.list.clone();
    let mut model = state
        .db
        .run(move |conn| load_cycle_page(conn, &id, today, &query))
        .await?;
    model.notice = messages.notice;
    model.notice_count = messages.notice_count;
    model.error_count = messages.error_names.len();
    model.error_names = messages.error_names.join(", ");
    model.errors = messages.errors;
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "cycles/show.html",
        &model,
    )
}

/// The cycle page again with one message (422). `names` fill in the
/// message's list of people.
pub(super) async fn with_error(
    state: &State,
    user: &CurrentUser,
    id: CycleId,
    field: &str,
    key: &str,
    names: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    errors.add(field, key);
    let messages = PageMessages {
        errors,
        error_names: names,
        ..Default::default()
    };
    cycle_page(state, user, id, messages).await
}

/// The cycle page again, with what was refused and why (422).
pub(super) async fn refused(
    state: &State,
    user: &CurrentUser,
    id: CycleId,
    field: &str,
    e: CommandError,
) -> Result<HttpResponse, AppError> {
    let (key, names) = refusal(e)?;
    with_error(state, user, id, field, key, names).await
}

pub async fn show_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    q: web::Query<CycleQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let q = q.into_inner();
    cycle_page(
        &state,
        &user,
        path.into_inner(),
        PageMessages {
            notice: notice_key(q.notice.as_deref()),
            notice_count: q.count.unwrap_or(0),
            list: q,
            ..Default::default()
        },
    )
    .await
}

// ---- launch ----

#[derive(Serialize)]
struct LaunchPage {
    cycle_id: String,
    cycle_name: String,
    /// Reviews the launch creates.
    reviews: usize,
    /// People emailed an invitation: the participants and their managers.
    invited: usize,
    opens_now: bool,
    opens_on: NaiveDate,
    without_manager: usize,
}

/// What launching will do and who will be emailed; launching is this page's
/// button (a POST), never one click on the cycle page.
pub async fn confirm_launch(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (c, participants, managers) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
            if c.status != CycleStatus::Draft {
                return Err(AppError::Conflict("error-cycle-already-launched"));
            }
            let participants = cycles::participants(conn, &id)?;
            let manager_ids: Vec<String> = participants
                .iter()
                .filter_map(|p| p.manager_id.clone())
                .collect();
            let managers = people::listed(conn, &manager_ids)?;
            Ok((c, participants, managers))
        })
        .await?;
    let invited: HashSet<&str> = participants
        .iter()
        .chain(managers.iter())
        .filter(|p| p.active)
        .map(|p| p.id.as_str())
        .collect();
    let model = LaunchPage {
        reviews: participants.len(),
        invited: invited.len(),
        opens_now: c.opens_on <= state.today(),
        opens_on: c.opens_on,
        without_manager: participants
            .iter()
            .filter(|p| p.manager_id.is_none())
            .count(),
        cycle_id: c.id,
        cycle_name: c.name,
    };
    page(
        &state.templates,
        &user.visitor,
        "cycles/launch.html",
        &model,
    )
}

pub async fn launch_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::launch_cycle(conn, &actor, clock, &cid))
        })
        .await?;
    match outcome {
        Ok(CycleStatus::Open) => Ok(see_other(&format!("/cycles/{id}?notice=launched-open"))),
        Ok(_) => Ok(see_other(&format!(
            "/cycles/{id}?notice=launched-scheduled"
        ))),
        Err(e) => {
            let field = match &e {
                CommandError::NoManager(_) => "without-manager",
                CommandError::NoParticipants => "participants",
                _ => "launch",
            };
            refused(&state, &user, id, field, e).await
        }
    }
}

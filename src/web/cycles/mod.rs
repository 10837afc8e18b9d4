//! HR's review cycle pages: the list, creating and changing a draft, the
//! cycle page (preview before launch, progress after), and the moves HR makes
//! on a launched cycle: add or remove a participant, reopen a review, move
//! the dates, close. Every state change goes through `crate::workflow`, or,
//! for drafts, through one transaction here with its audit record.

use std::collections::{HashMap, HashSet};

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::{page, page_with_status, see_other};
use super::State;
use crate::app::{cycles as cycle_cmds, reviews as workflow, Error as WorkflowError};
use crate::db::{self, audit, cycles, forms, outbox, people, reviews, DbConnection};
use crate::domain::policy;
use crate::domain::review::{self, CycleStatus, DatesError, PhaseDates, ReviewState};
use crate::error::AppError;

const NAME_MAX: usize = 120;
const REASON_MAX: usize = 2000;
/// Enough for any organisation Cermin is meant for; the pick-by-hand list
/// and the "add a participant" list show active people only.
const PEOPLE_MAX: i64 = 100_000;
/// How many of a cycle's emails its page lists (the outbox page has more).
const MAIL_LOG_SIZE: i64 = 50;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/cycles", web::get().to(list_cycles))
        .route("/cycles", web::post().to(create_cycle))
        .route("/cycles/new", web::get().to(new_cycle))
        .route("/cycles/{id}", web::get().to(show_cycle))
        .route("/cycles/{id}/edit", web::get().to(edit_cycle))
        .route("/cycles/{id}/edit", web::post().to(update_cycle))
        .route("/cycles/{id}/launch", web::post().to(launch_cycle))
        .route("/cycles/{id}/delete", web::post().to(delete_cycle))
        .route("/cycles/{id}/participants", web::post().to(add_participant))
        .route("/cycles/{id}/dates", web::get().to(edit_dates))
        .route("/cycles/{id}/dates", web::post().to(move_dates))
        .route("/cycles/{id}/close", web::get().to(confirm_close))
        .route("/cycles/{id}/close", web::post().to(close_cycle))
        .route("/cycles/{id}/reminders", web::post().to(set_reminders))
        .route(
            "/cycles/{id}/reviews/{review_id}/reopen",
            web::get().to(confirm_reopen),
        )
        .route(
            "/cycles/{id}/reviews/{review_id}/reopen",
            web::post().to(reopen_review),
        )
        .route(
            "/cycles/{id}/reviews/{review_id}/remove",
            web::post().to(remove_participant),
        );
}

fn status_for(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The tag colour of a cycle's status (the tag's text carries the meaning).
fn status_class(s: CycleStatus) -> &'static str {
    match s {
        CycleStatus::Draft => "tag--grey",
        CycleStatus::Scheduled => "tag--blue",
        CycleStatus::Open => "tag--green",
        CycleStatus::Closed => "tag--purple",
    }
}

fn state_class(s: ReviewState) -> &'static str {
    match s {
        ReviewState::SelfAssessment => "tag--yellow",
        ReviewState::ManagerReview => "tag--blue",
        ReviewState::Shared => "tag--purple",
        ReviewState::Acknowledged => "tag--green",
        ReviewState::Unfinished => "tag--red",
        ReviewState::Removed => "tag--grey",
    }
}

/// The due date of the step a review is at, if it is at one.
fn step_due(state: ReviewState, c: &cycles::CycleRow) -> Option<NaiveDate> {
    match state {
        ReviewState::SelfAssessment => Some(c.self_due_on),
        ReviewState::ManagerReview => Some(c.manager_due_on),
        ReviewState::Shared => Some(c.ack_due_on),
        _ => None,
    }
}

/// A template's name, with its version once there is more than one.
fn template_label(t: &forms::TemplateRow) -> String {
    if t.version > 1 {
        format!("{} (v{})", t.name, t.version)
    } else {
        t.name.clone()
    }
}

#[derive(Serialize, Clone)]
struct Choice {
    id: String,
    label: String,
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
    count: Option<i64>,
}

/// Notices a redirect may ask for; anything else is ignored.
fn notice_key(n: Option<&str>) -> Option<String> {
    let key = match n? {
        "created" => "cycles-notice-created",
        "saved" => "cycles-notice-saved",
        "deleted" => "cycles-notice-deleted",
        "launched-open" => "cycles-notice-launched-open",
        "launched-scheduled" => "cycles-notice-launched-scheduled",
        "added" => "cycles-notice-added",
        "removed" => "cycles-notice-removed",
        "reopened" => "cycles-notice-reopened",
        "dates-moved" => "cycles-notice-dates-moved",
        "closed" => "cycles-notice-closed",
        "reminders" => "cycles-notice-reminders",
        _ => return None,
    };
    Some(key.to_string())
}

/// What a refused workflow move means to HR: a translation key and, for
/// people without a manager, their names. Errors that are not refusals stay
/// errors.
fn refusal(e: WorkflowError) -> Result<(&'static str, Vec<String>), AppError> {
    match e {
        WorkflowError::NotFound => Err(AppError::NotFound),
        WorkflowError::Forbidden => Err(AppError::Forbidden),
        WorkflowError::NotNow(key) | WorkflowError::Conflict(key) => Ok((key, vec![])),
        WorkflowError::Incomplete(_) | WorkflowError::Invalid(_) => {
            Ok(("error-review-not-now", vec![]))
        }
        WorkflowError::NoManager(names) => Ok(("cycles-error-no-manager", names)),
        WorkflowError::NoParticipants => Ok(("cycles-error-no-participants-launch", vec![])),
        WorkflowError::Dates(field) => Ok((order_key(field), vec![])),
        WorkflowError::Query(q) => Err(q.into()),
    }
}

// ---- dates ----

const DATE_FIELDS: [&str; 5] = [
    "opens_on",
    "self_due_on",
    "manager_due_on",
    "ack_due_on",
    "closes_on",
];

fn invalid_key(field: &str) -> &'static str {
    match field {
        "opens_on" => "cycles-error-opens_on-invalid",
        "self_due_on" => "cycles-error-self_due_on-invalid",
        "manager_due_on" => "cycles-error-manager_due_on-invalid",
        "ack_due_on" => "cycles-error-ack_due_on-invalid",
        _ => "cycles-error-closes_on-invalid",
    }
}

fn order_key(field: &str) -> &'static str {
    match field {
        "self_due_on" => "cycles-error-self_due_on-order",
        "manager_due_on" => "cycles-error-manager_due_on-order",
        "ack_due_on" => "cycles-error-ack_due_on-order",
        _ => "cycles-error-closes_on-order",
    }
}

/// The five phase dates as typed (`YYYY-MM-DD` from `<input type="date">`).
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct DatesForm {
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    self_due_on: String,
    #[serde(default)]
    manager_due_on: String,
    #[serde(default)]
    ack_due_on: String,
    #[serde(default)]
    closes_on: String,
}

impl DatesForm {
    fn from_dates(d: &PhaseDates) -> Self {
        let f = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        Self {
            opens_on: f(d.opens_on),
            self_due_on: f(d.self_due_on),
            manager_due_on: f(d.manager_due_on),
            ack_due_on: f(d.ack_due_on),
            closes_on: f(d.closes_on),
        }
    }

    fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        match name {
            "opens_on" => Some(&mut self.opens_on),
            "self_due_on" => Some(&mut self.self_due_on),
            "manager_due_on" => Some(&mut self.manager_due_on),
            "ack_due_on" => Some(&mut self.ack_due_on),
            "closes_on" => Some(&mut self.closes_on),
            _ => None,
        }
    }

    /// Every date a real date, and in order; messages by field otherwise.
    fn parse(&self, errors: &mut FormErrors) -> Option<PhaseDates> {
        let mut date = |field: &str, v: &str| {
            let d = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
            if d.is_none() {
                errors.add(field, invalid_key(field));
            }
            d
        };
        let opens_on = date("opens_on", &self.opens_on);
        let self_due_on = date("self_due_on", &self.self_due_on);
        let manager_due_on = date("manager_due_on", &self.manager_due_on);
        let ack_due_on = date("ack_due_on", &self.ack_due_on);
        let closes_on = date("closes_on", &self.closes_on);
        let dates = PhaseDates {
            opens_on: opens_on?,
            self_due_on: self_due_on?,
            manager_due_on: manager_due_on?,
            ack_due_on: ack_due_on?,
            closes_on: closes_on?,
        };
        match dates.check() {
            Ok(()) => Some(dates),
            Err(DatesError::OutOfOrder(field)) => {
                errors.add(field, order_key(field));
                None
            }
        }
    }
}

// ---- the draft form ----

/// How the participants of a draft are chosen.
enum ParticipantRule {
    Everyone,
    Department(String),
    Reports(String),
    Picked(Vec<String>),
}

struct NewCycle {
    name: String,
    template_id: String,
    dates: PhaseDates,
    reminder_days: String,
    rule: ParticipantRule,
}

/// The new/edit form as typed, kept whole when it comes back with messages.
/// Read from the raw pairs because the picked people repeat one field name.
#[derive(Serialize, Default, Clone)]
struct CycleForm {
    name: String,
    template_id: String,
    dates: DatesForm,
    reminder_days: String,
    /// all | department | manager | manual
    rule: String,
    department: String,
    manager_id: String,
    person_ids: Vec<String>,
}

impl CycleForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = CycleForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "name" => f.name = v,
                "template_id" => f.template_id = v,
                "reminder_days" => f.reminder_days = v,
                "rule" => f.rule = v,
                "department" => f.department = v,
                "manager_id" => f.manager_id = v,
                "person_ids" => {
                    if !v.is_empty() && !f.person_ids.contains(&v) {
                        f.person_ids.push(v)
                    }
                }
                other => {
                    if let Some(slot) = f.dates.field_mut(other) {
                        *slot = v;
                    }
                }
            }
        }
        f
    }

    fn from_row(c: &cycles::CycleRow, participants: Vec<String>) -> Self {
        Self {
            name: c.name.clone(),
            template_id: c.template_id.clone(),
            dates: DatesForm::from_dates(&c.dates()),
            reminder_days: c.reminder_days.clone(),
            rule: "manual".into(),
            department: String::new(),
            manager_id: String::new(),
            person_ids: participants,
        }
    }

    /// What can be checked without the database. Template and participants
    /// are checked against it in [`resolve`].
    fn parse(&self, errors: &mut FormErrors) -> Option<NewCycle> {
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "cycles-error-name-missing");
        } else if name.chars().count() > NAME_MAX {
            errors.add("name", "cycles-error-name-too-long");
        }
        if self.template_id.is_empty() {
            errors.add("template_id", "cycles-error-template-missing");
        }
        let dates = self.dates.parse(errors);
        let reminder_days = review::parse_reminder_days(&self.reminder_days).map(|days| {
            days.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        });
        if reminder_days.is_none() {
            errors.add("reminder_days", "cycles-error-reminders-invalid");
        }
        let rule = match self.rule.as_str() {
            "all" => Some(ParticipantRule::Everyone),
            "department" if self.department.is_empty() => {
                errors.add("department", "cycles-error-department-missing");
                None
            }
            "department" => Some(ParticipantRule::Department(self.department.clone())),
            "manager" if self.manager_id.is_empty() => {
                errors.add("manager_id", "cycles-error-manager-missing");
                None
            }
            "manager" => Some(ParticipantRule::Reports(self.manager_id.clone())),
            "manual" if self.person_ids.is_empty() => {
                errors.add("person_ids", "cycles-error-no-participants");
                None
            }
            "manual" => Some(ParticipantRule::Picked(self.person_ids.clone())),
            _ => {
                errors.add("rule", "cycles-error-rule-missing");
                None
            }
        };
        if !errors.is_empty() {
            return None;
        }
        Some(NewCycle {
            name: name.to_string(),
            template_id: self.template_id.clone(),
            dates: dates?,
            reminder_days: reminder_days?,
            rule: rule?,
        })
    }
}

/// Check the template and turn the rule into people; messages in `errors`.
fn resolve(
    conn: &mut DbConnection,
    c: &NewCycle,
    errors: &mut FormErrors,
) -> Result<Vec<String>, AppError> {
    match forms::find_template(conn, &c.template_id)? {
        Some(t) if !t.archived => {}
        _ => errors.add("template_id", "cycles-error-template-missing"),
    }
    let (ids, field) = match &c.rule {
        ParticipantRule::Everyone => (cycles::select_people(conn, None, None)?, "rule"),
        ParticipantRule::Department(d) => {
            (cycles::select_people(conn, Some(d), None)?, "department")
        }
        ParticipantRule::Reports(m) => (cycles::select_people(conn, None, Some(m))?, "manager_id"),
        ParticipantRule::Picked(picked) => {
            let active: HashSet<String> = cycles::select_people(conn, None, None)?
                .into_iter()
                .collect();
            let ids = picked
                .iter()
                .filter(|p| active.contains(*p))
                .cloned()
                .collect();
            (ids, "person_ids")
        }
    };
    if ids.is_empty() {
        errors.add(field, "cycles-error-no-participants");
    }
    Ok(ids)
}

#[derive(Serialize)]
struct PersonChoice {
    id: String,
    name: String,
    detail: String,
    checked: bool,
}

#[derive(Serialize)]
struct CycleFormPage {
    id: Option<String>,
    form: CycleForm,
    dates: DatesForm,
    date_fields: [&'static str; 5],
    errors: FormErrors,
    templates: Vec<Choice>,
    default_template_id: String,
    departments: Vec<String>,
    managers: Vec<Choice>,
    people: Vec<PersonChoice>,
    active_count: usize,
}

async fn form_page(
    state: &State,
    user: &CurrentUser,
    id: Option<String>,
    form: CycleForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (templates, departments, managers, everyone) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok((
                forms::templates(conn, false)?,
                people::departments(conn)?,
                people::manager_choices(conn)?,
                people::list(conn, &people::PeopleFilter::default(), PEOPLE_MAX, 0)?,
            ))
        })
        .await?;
    let picked: HashSet<&String> = form.person_ids.iter().collect();
    let model = CycleFormPage {
        default_template_id: templates
            .iter()
            .find(|t| t.is_default)
            .map(|t| t.id.clone())
            .unwrap_or_default(),
        templates: templates
            .into_iter()
            .map(|t| Choice {
                label: template_label(&t),
                id: t.id,
            })
            .collect(),
        departments,
        managers: managers
            .into_iter()
            .map(|(id, name, email)| Choice {
                id,
                label: format!("{name} ({email})"),
            })
            .collect(),
        active_count: everyone.len(),
        people: everyone
            .into_iter()
            .map(|p| PersonChoice {
                checked: picked.contains(&p.id),
                detail: [p.job_title, p.department]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                id: p.id,
                name: p.name,
            })
            .collect(),
        dates: form.dates.clone(),
        date_fields: DATE_FIELDS,
        id,
        form,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "cycles/form.html",
        &model,
    )
}

pub async fn new_cycle(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let template_id = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(forms::default_template(conn)?) })
        .await?
        .map(|t| t.id)
        .unwrap_or_default();
    let form = CycleForm {
        template_id,
        reminder_days: "7,2,0".into(),
        rule: "all".into(),
        ..Default::default()
    };
    form_page(&state, &user, None, form, FormErrors::default()).await
}

pub async fn create_cycle(
    state: State,
    user: CurrentUser,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let form = CycleForm::from_pairs(body.into_inner());
    let mut errors = FormErrors::default();
    let Some(new) = form.parse(&mut errors) else {
        return form_page(&state, &user, None, form, errors).await;
    };
    let actor = user.user.id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let mut errors = FormErrors::default();
                let ids = resolve(conn, &new, &mut errors)?;
                if !errors.is_empty() {
                    return Ok(Err(errors));
                }
                let t = db::now();
                let row = cycles::CycleRow {
                    id: db::new_id(),
                    name: new.name,
                    template_id: new.template_id,
                    status: CycleStatus::Draft.code().into(),
                    opens_on: new.dates.opens_on,
                    self_due_on: new.dates.self_due_on,
                    manager_due_on: new.dates.manager_due_on,
                    ack_due_on: new.dates.ack_due_on,
                    closes_on: new.dates.closes_on,
                    reminder_days: new.reminder_days,
                    dates_sequence: 0,
                    created_by: Some(actor.clone()),
                    created_at: t,
                    updated_at: t,
                    launched_at: None,
                    closed_at: None,
                };
                cycles::insert(conn, &row)?;
                cycles::set_participants(conn, &row.id, &ids)?;
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&actor),
                        action: "cycle.created",
                        subject_type: "cycle",
                        subject_id: &row.id,
                        cycle_id: Some(&row.id),
                        details: json!({ "name": row.name, "participants": ids.len() }),
                        ..Default::default()
                    },
                )?;
                Ok(Ok(row.id))
            })
        })
        .await?;
    match outcome {
        Ok(id) => Ok(see_other(&format!("/cycles/{id}?notice=created"))),
        Err(db_errors) => {
            for e in db_errors.items {
                errors.add(&e.field, &e.message);
            }
            form_page(&state, &user, None, form, errors).await
        }
    }
}

pub async fn edit_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let lookup = id.clone();
    let form = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &lookup)?.ok_or(AppError::NotFound)?;
            if CycleStatus::from_stored(&c.status) != CycleStatus::Draft {
                return Err(AppError::Conflict("error-cycle-already-launched"));
            }
            let ids = cycles::participants(conn, &lookup)?
                .into_iter()
                .map(|p| p.id)
                .collect();
            Ok(CycleForm::from_row(&c, ids))
        })
        .await?;
    form_page(&state, &user, Some(id), form, FormErrors::default()).await
}

pub async fn update_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let form = CycleForm::from_pairs(body.into_inner());
    let mut errors = FormErrors::default();
    let Some(new) = form.parse(&mut errors) else {
        return form_page(&state, &user, Some(id), form, errors).await;
    };
    let actor = user.user.id.clone();
    let cid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let c = cycles::find(conn, &cid)?.ok_or(AppError::NotFound)?;
                if CycleStatus::from_stored(&c.status) != CycleStatus::Draft {
                    return Err(AppError::Conflict("error-cycle-already-launched"));
                }
                let mut errors = FormErrors::default();
                let ids = resolve(conn, &new, &mut errors)?;
                if !errors.is_empty() {
                    return Ok(Err(errors));
                }
                cycles::update_details(
                    conn,
                    &cid,
                    &new.name,
                    &new.template_id,
                    &new.dates,
                    &new.reminder_days,
                )?;
                cycles::set_participants(conn, &cid, &ids)?;
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&actor),
                        action: "cycle.updated",
                        subject_type: "cycle",
                        subject_id: &cid,
                        cycle_id: Some(&cid),
                        details: json!({ "name": new.name, "participants": ids.len() }),
                        ..Default::default()
                    },
                )?;
                Ok(Ok(()))
            })
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=saved"))),
        Err(db_errors) => {
            for e in db_errors.items {
                errors.add(&e.field, &e.message);
            }
            form_page(&state, &user, Some(id), form, errors).await
        }
    }
}

pub async fn delete_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let actor = user.user.id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
                if CycleStatus::from_stored(&c.status) != CycleStatus::Draft {
                    return Err(AppError::Conflict("error-cycle-already-launched"));
                }
                cycles::delete_draft(conn, &id)?;
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&actor),
                        action: "cycle.deleted",
                        subject_type: "cycle",
                        subject_id: &id,
                        details: json!({ "name": c.name }),
                        ..Default::default()
                    },
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(see_other("/cycles?notice=deleted"))
}

// ---- the list ----

#[derive(Serialize)]
struct CycleListItem {
    id: String,
    name: String,
    status: &'static str,
    status_class: &'static str,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    launched: bool,
    participants: i64,
    acknowledged: i64,
    total: i64,
}

#[derive(Serialize)]
struct CycleListPage {
    cycles: Vec<CycleListItem>,
    notice: Option<String>,
}

/// `(acknowledged, total without removed)` from a cycle's state counts.
fn progress(counts: &[(String, i64)]) -> (i64, i64) {
    let mut done = 0;
    let mut total = 0;
    for (state, n) in counts {
        match ReviewState::from_stored(state) {
            ReviewState::Removed => {}
            ReviewState::Acknowledged => {
                done += n;
                total += n;
            }
            _ => total += n,
        }
    }
    (done, total)
}

pub async fn list_cycles(
    state: State,
    user: CurrentUser,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let today = state.today();
    let items = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let mut items = vec![];
            for c in cycles::list(conn)? {
                let status = c.status(today);
                let launched = status != CycleStatus::Draft;
                let (participants, (acknowledged, total)) = if launched {
                    (0, progress(&cycles::state_counts(conn, &c.id)?))
                } else {
                    (cycles::participant_count(conn, &c.id)?, (0, 0))
                };
                items.push(CycleListItem {
                    id: c.id,
                    name: c.name,
                    status: status.code(),
                    status_class: status_class(status),
                    opens_on: c.opens_on,
                    closes_on: c.closes_on,
                    launched,
                    participants,
                    acknowledged,
                    total,
                });
            }
            Ok(items)
        })
        .await?;
    let model = CycleListPage {
        cycles: items,
        notice: notice_key(q.notice.as_deref()),
    };
    page(&state.templates, &user.visitor, "cycles/list.html", &model)
}

// ---- the cycle page ----

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

#[derive(Serialize)]
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
    participants: Vec<ParticipantItem>,
    without_manager: Vec<String>,
    // launched
    counts: Vec<StateCount>,
    acknowledged: i64,
    total: i64,
    reviews: Vec<ReviewItem>,
    addable: Vec<Choice>,
    /// The newest emails about this cycle.
    mail_log: Vec<outbox::OutboxRow>,
    mail_log_limit: i64,
    // messages
    notice: Option<String>,
    notice_count: i64,
    errors: FormErrors,
    error_names: String,
    error_count: usize,
}

/// Messages the cycle page is shown with.
#[derive(Default)]
struct PageMessages {
    notice: Option<String>,
    notice_count: i64,
    errors: FormErrors,
    error_names: Vec<String>,
}

fn load_cycle_page(
    conn: &mut DbConnection,
    id: &str,
    today: NaiveDate,
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
    let mut addable = vec![];
    let mut mail_log = vec![];
    let (mut acknowledged, mut total) = (0, 0);
    if status == CycleStatus::Draft {
        let rows = cycles::participants(conn, id)?;
        let manager_ids: Vec<String> = rows.iter().filter_map(|p| p.manager_id.clone()).collect();
        let names: HashMap<String, String> = people::find_many(conn, &manager_ids)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        for p in rows {
            if p.manager_id.is_none() {
                without_manager.push(p.name.clone());
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
        let by_state: HashMap<String, i64> = state_counts.into_iter().collect();
        counts = ReviewState::ALL
            .into_iter()
            .map(|s| StateCount {
                state: s.code(),
                count: by_state.get(s.code()).copied().unwrap_or(0),
            })
            .collect();
        let closed = status == CycleStatus::Closed;
        let mut in_cycle = HashSet::new();
        for (r, person_name, manager_name) in reviews::for_cycle(conn, id)? {
            let state = r.state();
            if state != ReviewState::Removed {
                in_cycle.insert(r.person_id.clone());
            }
            let due_on = step_due(state, &cycle);
            reviews_list.push(ReviewItem {
                id: r.id,
                person_name,
                manager_name,
                state: state.code(),
                state_class: state_class(state),
                overdue: status == CycleStatus::Open && due_on.is_some_and(|d| d < today),
                due_on,
                can_reopen: !closed
                    && matches!(
                        state,
                        ReviewState::ManagerReview
                            | ReviewState::Shared
                            | ReviewState::Acknowledged
                    ),
                can_remove: !closed && state != ReviewState::Removed,
            });
        }
        mail_log = outbox::list(conn, None, Some(id), None, MAIL_LOG_SIZE)?;
        if !closed {
            addable = people::list(conn, &people::PeopleFilter::default(), PEOPLE_MAX, 0)?
                .into_iter()
                .filter(|p| !in_cycle.contains(&p.id))
                .map(|p| Choice {
                    label: if p.department.is_empty() {
                        p.name
                    } else {
                        format!("{} ({})", p.name, p.department)
                    },
                    id: p.id,
                })
                .collect();
        }
    }
    Ok(CyclePage {
        status: status.code(),
        status_class: status_class(status),
        is_draft: status == CycleStatus::Draft,
        is_closed: status == CycleStatus::Closed,
        opens_today_or_before: cycle.opens_on <= today,
        template_name,
        cycle,
        participants,
        without_manager,
        counts,
        acknowledged,
        total,
        reviews: reviews_list,
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

async fn cycle_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    messages: PageMessages,
) -> Result<HttpResponse, AppError> {
    let today = state.today();
    let mut model = state
        .db
        .run(move |conn| load_cycle_page(conn, &id, today))
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
async fn with_error(
    state: &State,
    user: &CurrentUser,
    id: String,
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
async fn refused(
    state: &State,
    user: &CurrentUser,
    id: String,
    field: &str,
    e: WorkflowError,
) -> Result<HttpResponse, AppError> {
    let (key, names) = refusal(e)?;
    with_error(state, user, id, field, key, names).await
}

#[derive(Deserialize)]
pub struct RemindersForm {
    reminder_days: String,
}

/// Change a launched cycle's reminder schedule; reminders already sent stay sent.
pub async fn set_reminders(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<RemindersForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    user.require(policy::may_manage_mail)?;
    let id = path.into_inner();
    let Some(days) = review::parse_reminder_days(&form.reminder_days) else {
        return with_error(
            &state,
            &user,
            id,
            "reminder_days",
            "cycles-error-reminders-invalid",
            vec![],
        )
        .await;
    };
    let days = days
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let actor = user.user.id.clone();
    let cid = id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let cycle = cycles::find(conn, &cid)?.ok_or(AppError::NotFound)?;
                if CycleStatus::from_stored(&cycle.status) == CycleStatus::Closed {
                    return Err(AppError::NotFound);
                }
                cycles::set_reminder_days(conn, &cid, &days)?;
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&actor),
                        action: "cycle.reminders_changed",
                        subject_type: "cycle",
                        subject_id: &cid,
                        cycle_id: Some(&cid),
                        details: serde_json::json!({ "from": cycle.reminder_days, "to": days }),
                        ..Default::default()
                    },
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(see_other(&format!("/cycles/{id}?notice=reminders#mail")))
}

pub async fn show_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    cycle_page(
        &state,
        &user,
        path.into_inner(),
        PageMessages {
            notice: notice_key(q.notice.as_deref()),
            notice_count: q.count.unwrap_or(0),
            ..Default::default()
        },
    )
    .await
}

pub async fn launch_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let actor = user.user.id.clone();
    let today = state.today();
    let cid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(cycle_cmds::launch(conn, &cid, &actor, today))
        })
        .await?;
    match outcome {
        Ok(CycleStatus::Open) => Ok(see_other(&format!("/cycles/{id}?notice=launched-open"))),
        Ok(_) => Ok(see_other(&format!(
            "/cycles/{id}?notice=launched-scheduled"
        ))),
        Err(e) => {
            let field = match &e {
                WorkflowError::NoManager(_) => "without-manager",
                WorkflowError::NoParticipants => "participants",
                _ => "launch",
            };
            refused(&state, &user, id, field, e).await
        }
    }
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    person_id: String,
}

pub async fn add_participant(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let person_id = form.into_inner().person_id;
    if person_id.is_empty() {
        let key = "cycles-error-person-missing";
        return with_error(&state, &user, id, "person_id", key, vec![]).await;
    }
    let actor = user.user.id.clone();
    let cid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            if cycles::find(conn, &cid)?.is_none() {
                return Err(AppError::NotFound);
            }
            Ok(cycle_cmds::add_participant(conn, &cid, &person_id, &actor))
        })
        .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!("/cycles/{id}?notice=added"))),
        Err(WorkflowError::NotFound) => {
            let key = "cycles-error-person-missing";
            with_error(&state, &user, id, "person_id", key, vec![]).await
        }
        Err(WorkflowError::NoManager(names)) => {
            let key = "cycles-error-no-manager-add";
            with_error(&state, &user, id, "person_id", key, names).await
        }
        Err(e) => refused(&state, &user, id, "person_id", e).await,
    }
}

/// The review, checked to belong to the cycle in the address.
fn review_in_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
    review_id: &str,
) -> Result<(reviews::ReviewRow, cycles::CycleRow), AppError> {
    match reviews::find(conn, review_id)? {
        Some((r, c)) if c.id == cycle_id => Ok((r, c)),
        _ => Err(AppError::NotFound),
    }
}

pub async fn remove_participant(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, review_id) = path.into_inner();
    let actor = user.user.id.clone();
    let cid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            review_in_cycle(conn, &cid, &review_id)?;
            Ok(cycle_cmds::remove_participant(conn, &review_id, &actor))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=removed"))),
        Err(e) => refused(&state, &user, id, "reviews", e).await,
    }
}

// ---- reopen ----

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ReopenForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize)]
struct ReopenPage {
    cycle_id: String,
    cycle_name: String,
    review_id: String,
    person_name: String,
    state: &'static str,
    state_class: &'static str,
    to_manager_possible: bool,
    form: ReopenForm,
    errors: FormErrors,
    reason_max: usize,
}

async fn reopen_page(
    state: &State,
    user: &CurrentUser,
    ids: (String, String),
    form: ReopenForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (cycle_id, review_id) = ids;
    let (r, c, person) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let (r, c) = review_in_cycle(conn, &cycle_id, &review_id)?;
            let person = people::find(conn, &r.person_id)?.ok_or(AppError::NotFound)?;
            Ok((r, c, person))
        })
        .await?;
    let s = r.state();
    let model = ReopenPage {
        cycle_id: c.id,
        cycle_name: c.name,
        review_id: r.id,
        person_name: person.name,
        state: s.code(),
        state_class: state_class(s),
        to_manager_possible: s.apply(review::Transition::ReopenToManager).is_ok(),
        form,
        errors,
        reason_max: REASON_MAX,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "cycles/reopen.html",
        &model,
    )
}

pub async fn confirm_reopen(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    reopen_page(
        &state,
        &user,
        path.into_inner(),
        ReopenForm::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn reopen_review(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<ReopenForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, review_id) = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let to_manager = match form.to.as_str() {
        "employee" => Some(false),
        "manager" => Some(true),
        _ => {
            errors.add("to", "cycles-error-reopen-to-missing");
            None
        }
    };
    let reason = form.reason.trim().to_string();
    if reason.is_empty() {
        errors.add("reason", "cycles-error-reason-missing");
    } else if reason.chars().count() > REASON_MAX {
        errors.add("reason", "cycles-error-reason-too-long");
    }
    let Some(to_manager) = to_manager.filter(|_| errors.is_empty()) else {
        return reopen_page(&state, &user, (id, review_id), form, errors).await;
    };
    let actor = user.user.id.clone();
    let (cid, rid) = (id.clone(), review_id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            review_in_cycle(conn, &cid, &rid)?;
            Ok(workflow::reopen(conn, &rid, to_manager, &reason, &actor))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=reopened"))),
        Err(e) => {
            let (key, _) = refusal(e)?;
            errors.add("to", key);
            reopen_page(&state, &user, (id, review_id), form, errors).await
        }
    }
}

// ---- move dates ----

#[derive(Serialize)]
struct DatesPage {
    cycle_id: String,
    cycle_name: String,
    dates: DatesForm,
    date_fields: [&'static str; 5],
    errors: FormErrors,
}

async fn dates_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    dates: Option<DatesForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let c = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
            if CycleStatus::from_stored(&c.status) == CycleStatus::Closed {
                return Err(AppError::Conflict("error-cycle-closed"));
            }
            Ok(c)
        })
        .await?;
    let model = DatesPage {
        dates: dates.unwrap_or_else(|| DatesForm::from_dates(&c.dates())),
        cycle_id: c.id,
        cycle_name: c.name,
        date_fields: DATE_FIELDS,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "cycles/dates.html",
        &model,
    )
}

pub async fn edit_dates(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    dates_page(
        &state,
        &user,
        path.into_inner(),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn move_dates(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<DatesForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let Some(dates) = form.parse(&mut errors) else {
        return dates_page(&state, &user, id, Some(form), errors).await;
    };
    let actor = user.user.id.clone();
    let cid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(cycle_cmds::move_dates(conn, &cid, &dates, &actor))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=dates-moved"))),
        Err(WorkflowError::Dates(field)) => {
            errors.add(field, order_key(field));
            dates_page(&state, &user, id, Some(form), errors).await
        }
        Err(e) => {
            let (key, _) = refusal(e)?;
            errors.add("opens_on", key);
            dates_page(&state, &user, id, Some(form), errors).await
        }
    }
}

// ---- close ----

#[derive(Serialize)]
struct ClosePage {
    cycle_id: String,
    cycle_name: String,
    not_finished: i64,
    total: i64,
    errors: FormErrors,
}

pub async fn confirm_close(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (c, counts) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
            match CycleStatus::from_stored(&c.status) {
                CycleStatus::Open | CycleStatus::Scheduled => {}
                CycleStatus::Closed => return Err(AppError::Conflict("error-cycle-closed")),
                CycleStatus::Draft => return Err(AppError::Conflict("error-cycle-not-open")),
            }
            let counts = cycles::state_counts(conn, &id)?;
            Ok((c, counts))
        })
        .await?;
    let not_finished = counts
        .iter()
        .filter(|(s, _)| !ReviewState::from_stored(s).is_final())
        .map(|(_, n)| n)
        .sum();
    let (_, total) = progress(&counts);
    let model = ClosePage {
        cycle_id: c.id,
        cycle_name: c.name,
        not_finished,
        total,
        errors: FormErrors::default(),
    };
    page(&state.templates, &user.visitor, "cycles/close.html", &model)
}

pub async fn close_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let actor = user.user.id.clone();
    let cid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(cycle_cmds::close_cycle(conn, &cid, &actor)) })
        .await?;
    match outcome {
        Ok(n) => Ok(see_other(&format!("/cycles/{id}?notice=closed&count={n}"))),
        Err(e) => refused(&state, &user, id, "close", e).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn good() -> Vec<(String, String)> {
        pairs(&[
            ("name", " Evaluasi tahunan 2026 "),
            ("template_id", "t1"),
            ("opens_on", "2026-12-01"),
            ("self_due_on", "2026-12-08"),
            ("manager_due_on", "2026-12-15"),
            ("ack_due_on", "2026-12-18"),
            ("closes_on", "2026-12-20"),
            ("reminder_days", "0, 7,2"),
            ("rule", "manual"),
            ("person_ids", "a"),
            ("person_ids", "b"),
            ("person_ids", "a"),
        ])
    }

    #[test]
    fn a_good_form_parses() {
        let f = CycleForm::from_pairs(good());
        assert_eq!(f.person_ids, vec!["a", "b"]);
        let mut errors = FormErrors::default();
        let c = f.parse(&mut errors).expect("parses");
        assert!(errors.is_empty());
        assert_eq!(c.name, "Evaluasi tahunan 2026");
        assert_eq!(c.reminder_days, "7,2,0");
        assert!(matches!(c.rule, ParticipantRule::Picked(ref p) if p.len() == 2));
    }

    #[test]
    fn bad_dates_and_missing_choices_are_named() {
        let mut p = good();
        for (k, v) in p.iter_mut() {
            match k.as_str() {
                "manager_due_on" => *v = "2026-12-05".into(),
                "name" => v.clear(),
                "rule" => *v = "department".into(),
                _ => {}
            }
        }
        let mut errors = FormErrors::default();
        assert!(CycleForm::from_pairs(p).parse(&mut errors).is_none());
        assert_eq!(
            errors.by_field.get("manager_due_on").map(String::as_str),
            Some("cycles-error-manager_due_on-order")
        );
        assert!(errors.by_field.contains_key("name"));
        assert!(errors.by_field.contains_key("department"));

        let mut errors = FormErrors::default();
        let f = DatesForm {
            opens_on: "kemarin".into(),
            ..Default::default()
        };
        assert!(f.parse(&mut errors).is_none());
        assert_eq!(errors.items.len(), 5, "every missing date is named");
    }

    #[test]
    fn progress_leaves_out_removed_reviews() {
        let counts = vec![
            ("acknowledged".to_string(), 2),
            ("self_assessment".to_string(), 3),
            ("removed".to_string(), 4),
        ];
        assert_eq!(progress(&counts), (2, 5));
    }
}

//! Calibration pages: HR turns the step on for a cycle and chooses its
//! settings; HR (and managers above the writers, when HR allows it) read
//! the reviews handed in side by side, sorted, with the spread of final
//! ratings, and adjust a final rating with a reason; HR locks the step,
//! which shares every review handed in.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ratings::{spread_row, SpreadRow};
use super::{refusal, State};
use crate::app::calibration::{self as commands, Adjustment, Line, QuestionLine};
use crate::app::Error as CommandError;
use crate::db::{self, calibration::AdjustmentView, cycles};
use crate::domain::calibration::{AdjustmentError, Reason, Settings, SortBy};
use crate::domain::policy;
use crate::domain::review::CycleStatus;
use crate::domain::{CycleId, ReviewId};
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::{filter_text, FormErrors};
use crate::web::render::{page_with_status, see_other};

fn status_of(errors: &FormErrors) -> actix_web::http::StatusCode {
    if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

// ---- settings ----

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct SettingsForm {
    #[serde(default)]
    enabled: String,
    #[serde(default)]
    calibration_due_on: String,
    #[serde(default)]
    final_visible: String,
    #[serde(default)]
    by_managers: String,
}

impl SettingsForm {
    fn from_row(row: Option<&db::calibration::CalibrationRow>, c: &cycles::CycleRow) -> Self {
        match row {
            Some(r) => Self {
                enabled: "1".into(),
                calibration_due_on: r.due_on.format("%Y-%m-%d").to_string(),
                final_visible: if r.final_visible {
                    "1".into()
                } else {
                    String::new()
                },
                by_managers: if r.by_managers {
                    "1".into()
                } else {
                    String::new()
                },
            },
            None => {
                // A first suggestion: a few days after the manager reviews are due.
                let due = (c.manager_due_on + chrono::Duration::days(3)).min(c.ack_due_on);
                Self {
                    enabled: String::new(),
                    calibration_due_on: due.format("%Y-%m-%d").to_string(),
                    final_visible: "1".into(),
                    by_managers: String::new(),
                }
            }
        }
    }

    /// `Some(None)` to take the step away, `Some(Some(..))` to set it;
    /// `None` with messages when the date is not a date.
    fn parse(&self, errors: &mut FormErrors) -> Option<Option<Settings>> {
        if self.enabled.is_empty() {
            return Some(None);
        }
        let Ok(due_on) = NaiveDate::parse_from_str(self.calibration_due_on.trim(), "%Y-%m-%d")
        else {
            errors.add("calibration_due_on", "calibration-error-date-invalid");
            return None;
        };
        Some(Some(Settings {
            due_on,
            final_visible: !self.final_visible.is_empty(),
            by_managers: !self.by_managers.is_empty(),
        }))
    }
}

#[derive(Serialize)]
struct SettingsPage {
    cycle_id: String,
    cycle_name: String,
    manager_due_on: NaiveDate,
    ack_due_on: NaiveDate,
    locked: bool,
    form: SettingsForm,
    errors: FormErrors,
}

async fn settings_page(
    state: &State,
    user: &CurrentUser,
    id: CycleId,
    form: Option<SettingsForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    if !policy::may_run_calibration(&actor) {
        return Err(AppError::Forbidden);
    }
    let (c, row) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
            let row = db::calibration::find(conn, &id)?;
            Ok((c, row))
        })
        .await?;
    let model = SettingsPage {
        form: form.unwrap_or_else(|| SettingsForm::from_row(row.as_ref(), &c)),
        locked: row.as_ref().is_some_and(|r| !r.is_open()) || c.status == CycleStatus::Closed,
        cycle_id: c.id,
        cycle_name: c.name,
        manager_due_on: c.manager_due_on,
        ack_due_on: c.ack_due_on,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_of(&model.errors),
        "cycles/calibration_settings.html",
        &model,
    )
}

pub async fn edit_settings(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    settings_page(
        &state,
        &user,
        path.into_inner(),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn save_settings(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let Some(settings) = form.parse(&mut errors) else {
        return settings_page(&state, &user, id, Some(form), errors).await;
    };
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::set_settings(conn, &actor, clock, &cid, settings))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=calibration-saved"))),
        Err(CommandError::Invalid(fields)) => {
            for (_, key) in fields {
                errors.add("calibration_due_on", key);
            }
            settings_page(&state, &user, id, Some(form), errors).await
        }
        Err(e) => {
            let (key, _) = refusal(e)?;
            errors.add("enabled", key);
            settings_page(&state, &user, id, Some(form), errors).await
        }
    }
}

// ---- the list ----

#[derive(Deserialize, Default)]
pub struct ListQuery {
    department: Option<String>,
    /// A manager's person id: only the people below them.
    org: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    page: Option<usize>,
}

#[derive(Serialize)]
struct SortLink {
    label: String,
    url: String,
    /// "ascending", "descending" or "none", for aria-sort.
    aria: &'static str,
}

#[derive(Serialize)]
struct ListPage {
    cycle_id: String,
    cycle_name: String,
    due_on: NaiveDate,
    locked: bool,
    locked_at: Option<chrono::NaiveDateTime>,
    final_visible: bool,
    by_managers: bool,
    everyone: bool,
    department: String,
    departments: Vec<String>,
    /// The manager whose organisation the list shows, and the link back to all.
    org: String,
    org_name: Option<String>,
    everyone_url: String,
    name_sort: SortLink,
    mean_sort: SortLink,
    own_sort: SortLink,
    columns: Vec<SortLink>,
    lines: Vec<Line>,
    total: usize,
    page: usize,
    pages: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    spreads: Vec<SpreadRow>,
    still_with_managers: i64,
    may_lock: bool,
    errors: FormErrors,
}

/// Where the list's view is: its filters, order and page.
struct At<'a> {
    cycle: &'a str,
    department: &'a str,
    org: &'a str,
}

fn list_url(at: &At<'_>, sort: &str, desc: bool, page: usize) -> String {
    let cycle = at.cycle;
    let mut q: Vec<(&str, String)> = vec![];
    if !at.department.is_empty() {
        q.push(("department", at.department.to_string()));
    }
    if !at.org.is_empty() {
        q.push(("org", at.org.to_string()));
    }
    if sort != "name" {
        q.push(("sort", sort.to_string()));
    }
    if desc {
        q.push(("dir", "desc".into()));
    }
    if page > 1 {
        q.push(("page", page.to_string()));
    }
    let qs = serde_urlencoded::to_string(&q).unwrap_or_default();
    if qs.is_empty() {
        format!("/cycles/{cycle}/calibration")
    } else {
        format!("/cycles/{cycle}/calibration?{qs}")
    }
}

async fn list_page(
    state: &State,
    user: &CurrentUser,
    id: CycleId,
    query: ListQuery,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (actor, clock, lang) = (user.actor(), state.clock(), user.visitor.lang);
    let department: String = filter_text(query.department.as_deref()).unwrap_or_default();
    let org: String = query
        .org
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(64)
        .collect();
    let sort = SortBy::parse(query.sort.as_deref().unwrap_or("name"));
    let desc = query.dir.as_deref() == Some("desc");
    let page_no = query.page.unwrap_or(1).max(1);
    let (dep, within) = (department.clone(), org.clone());
    let v = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let dep = (!dep.is_empty()).then_some(dep.as_str());
            let within = (!within.is_empty()).then_some(within.as_str());
            Ok(commands::view(
                conn, &actor, clock, &id, dep, within, sort, desc, page_no, lang,
            )?)
        })
        .await?;
    let cid = v.cycle.id.clone();
    let at = At {
        cycle: &cid,
        department: &department,
        org: &org,
    };
    let link = |label: String, code: String| -> SortLink {
        let current = sort.code() == code;
        // A click on the current column turns its order round.
        let next_desc = current && !desc;
        SortLink {
            url: list_url(&at, &code, next_desc, 1),
            aria: match (current, desc) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            },
            label,
        }
    };
    let columns = v
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| link(c.label.clone(), SortBy::Question(i).code()))
        .collect();
    let sort_code = sort.code();
    let model = ListPage {
        name_sort: link(
            crate::i18n::t(lang, "calibration-col-person"),
            "name".into(),
        ),
        mean_sort: link(crate::i18n::t(lang, "calibration-col-mean"), "mean".into()),
        own_sort: link(
            crate::i18n::t(lang, "calibration-col-self-mean"),
            "own".into(),
        ),
        columns,
        prev_url: (v.page > 1).then(|| list_url(&at, &sort_code, desc, v.page - 1)),
        next_url: (v.page < v.pages).then(|| list_url(&at, &sort_code, desc, v.page + 1)),
        everyone_url: list_url(
            &At {
                org: "",
                department: "",
                ..at
            },
            &sort_code,
            desc,
            1,
        ),
        spreads: vec![
            spread_row(
                match (&v.organisation_name, department.is_empty()) {
                    (Some(name), _) => crate::i18n::t_args(
                        lang,
                        "calibration-group-organisation-of",
                        &[("name", name.clone().into())],
                    ),
                    (None, false) => department.clone(),
                    (None, true) => crate::i18n::t(lang, "calibration-group-listed"),
                },
                &v.group,
                0,
                None,
            ),
            spread_row(
                crate::i18n::t(
                    lang,
                    if v.everyone {
                        "calibration-group-organisation"
                    } else {
                        "calibration-group-reach"
                    },
                ),
                &v.organisation,
                0,
                None,
            ),
        ],
        cycle_id: cid.clone(),
        cycle_name: v.cycle.name.clone(),
        due_on: v.settings.due_on,
        locked: !v.settings.is_open(),
        locked_at: v.settings.locked_at,
        final_visible: v.settings.final_visible,
        by_managers: v.settings.by_managers,
        everyone: v.everyone,
        org_name: v.organisation_name.clone(),
        org: org.clone(),
        department: department.clone(),
        departments: v.departments,
        lines: v.lines,
        total: v.total,
        page: v.page,
        pages: v.pages,
        still_with_managers: v.still_with_managers,
        may_lock: v.may_lock,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_of(&model.errors),
        "cycles/calibration.html",
        &model,
    )
}

pub async fn show_calibration(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    list_page(
        &state,
        &user,
        path.into_inner(),
        query.into_inner(),
        FormErrors::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct LockForm {
    #[serde(default)]
    confirm: String,
}

pub async fn lock_calibration(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    form: web::Form<LockForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if !policy::may_run_calibration(&user.actor()) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::default();
    if form.confirm.is_empty() {
        errors.add("confirm", "calibration-error-confirm");
        return list_page(&state, &user, id, ListQuery::default(), errors).await;
    }
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(commands::lock(conn, &actor, clock, &cid)) })
        .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!("/cycles/{id}/calibration?locked=1"))),
        Err(e) => {
            let (key, _) = refusal(e)?;
            errors.add("confirm", key);
            list_page(&state, &user, id, ListQuery::default(), errors).await
        }
    }
}

// ---- one review ----

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct AdjustForm {
    #[serde(default)]
    question_id: String,
    #[serde(default)]
    rating: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: String,
}

#[derive(Serialize)]
struct HistoryLine {
    label: String,
    #[serde(flatten)]
    change: AdjustmentView,
}

#[derive(Serialize)]
struct AdjustPage {
    cycle_id: String,
    cycle_name: String,
    review_id: String,
    person_name: String,
    manager_name: String,
    job_title: String,
    locked: bool,
    final_visible: bool,
    questions: Vec<QuestionLine>,
    history: Vec<HistoryLine>,
    may_adjust: bool,
    may_read_review: bool,
    version: i32,
    form: AdjustForm,
    errors: FormErrors,
    saved: bool,
}

async fn adjust_page(
    state: &State,
    user: &CurrentUser,
    cycle: CycleId,
    review: ReviewId,
    form: Option<AdjustForm>,
    errors: FormErrors,
    saved: bool,
) -> Result<HttpResponse, AppError> {
    let (actor, clock, lang) = (user.actor(), state.clock(), user.visitor.lang);
    let v = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::review_view(conn, &actor, clock, &review, lang)?)
        })
        .await?;
    if v.cycle.id != cycle.as_str() {
        return Err(AppError::NotFound);
    }
    let label_of = |qid: &str| {
        v.questions
            .iter()
            .find(|q| q.question_id == qid)
            .map(|q| q.label.clone())
            .unwrap_or_default()
    };
    let history = v
        .adjustments
        .iter()
        .rev()
        .map(|a| HistoryLine {
            label: label_of(&a.question_id),
            change: a.clone(),
        })
        .collect();
    let model = AdjustPage {
        cycle_id: v.cycle.id.clone(),
        cycle_name: v.cycle.name.clone(),
        review_id: v.review.id.clone(),
        person_name: v.person_name.clone(),
        manager_name: v.manager_name.clone(),
        job_title: v.review.job_title.clone(),
        locked: !v.settings.is_open(),
        final_visible: v.settings.final_visible,
        questions: v.questions.clone(),
        history,
        may_adjust: v.may_adjust,
        may_read_review: v.may_read_review,
        version: v.review.manager_version,
        form: form.unwrap_or_default(),
        errors,
        saved,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_of(&model.errors),
        "cycles/calibration_review.html",
        &model,
    )
}

#[derive(Deserialize)]
pub struct AdjustQuery {
    saved: Option<String>,
}

pub async fn show_review(
    state: State,
    user: CurrentUser,
    path: web::Path<(CycleId, ReviewId)>,
    query: web::Query<AdjustQuery>,
) -> Result<HttpResponse, AppError> {
    let (cycle, review) = path.into_inner();
    adjust_page(
        &state,
        &user,
        cycle,
        review,
        None,
        FormErrors::default(),
        query.saved.is_some(),
    )
    .await
}

pub async fn adjust_rating(
    state: State,
    user: CurrentUser,
    path: web::Path<(CycleId, ReviewId)>,
    form: web::Form<AdjustForm>,
) -> Result<HttpResponse, AppError> {
    let (cycle, review) = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    if form.question_id.trim().is_empty() {
        errors.add("question_id", "calibration-error-question");
    }
    let rating = form.rating.trim().parse::<i32>().ok();
    if rating.is_none() {
        errors.add("rating", "calibration-error-rating");
    }
    let reason = match Reason::parse(&form.reason) {
        Ok(r) => Some(r),
        Err(AdjustmentError::ReasonTooLong) => {
            errors.add("reason", "calibration-error-reason-long");
            None
        }
        Err(_) => {
            errors.add("reason", "calibration-error-reason");
            None
        }
    };
    let version = form.version.trim().parse::<i32>().ok();
    let (Some(rating), Some(reason), Some(seen_version), true) =
        (rating, reason, version, errors.is_empty())
    else {
        if version.is_none() && errors.is_empty() {
            errors.add("reason", "calibration-error-changed");
        }
        return adjust_page(&state, &user, cycle, review, Some(form), errors, false).await;
    };
    let a = Adjustment {
        question_id: form.question_id.trim().to_string(),
        rating,
        reason,
        seen_version,
    };
    let (actor, clock, cid, rid) = (user.actor(), state.clock(), cycle.clone(), review.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::adjust(conn, &actor, clock, &cid, &rid, &a))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/cycles/{cycle}/calibration/{review}?saved=1"
        ))),
        Err(CommandError::Invalid(fields)) => {
            for (field, key) in fields {
                errors.add(&field, key);
            }
            adjust_page(&state, &user, cycle, review, Some(form), errors, false).await
        }
        Err(e) => {
            let (key, _) = refusal(e)?;
            errors.add("reason", key);
            adjust_page(&state, &user, cycle, review, Some(form), errors, false).await
        }
    }
}

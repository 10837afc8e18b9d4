//! A review, page by page: the self-assessment (save, autosave, check,
//! submit), the manager review beside it (save, check, share), reading and
//! acknowledging it, and a manager publishing their own self-evaluation
//! summary to their team. State changes go through the commands in
//! `crate::app` (reviews and drafts); the reading page is in `show.rs`.

use actix_web::http::header::{ACCEPT, SET_COOKIE};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::{page, page_with_status, see_other};
use super::review_form::{self, FormModel, JournalView};
use super::State;
use crate::app::drafts::{self, Posted, SaveOutcome};
use crate::app::{reviews as workflow, Error as WorkflowError};
use crate::auth;
use crate::db::cycles::CycleRow;
use crate::db::reviews::{self, ReviewRow};
use crate::db::{self, forms, journal, people};
use crate::domain::policy::{self, ReviewFacts};
use crate::domain::review::{CycleStatus, Side};
use crate::domain::ReviewId;
use crate::error::AppError;

mod chart;
pub(crate) mod reading;
mod show;
use show::{acknowledge_review, publish_team_summary, show_review};

pub const STASH_COOKIE: &str = "cermin_stash";
/// The newest journal entries (or notes) offered as evidence beside a form;
/// the journal itself has the rest.
const JOURNAL_SHOWN: i64 = 10;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/reviews/{id}", web::get().to(show_review))
        .route("/reviews/{id}/self", web::get().to(self_form))
        .route("/reviews/{id}/self", web::post().to(save_self))
        .route("/reviews/{id}/self/check", web::get().to(check_self))
        .route("/reviews/{id}/self/submit", web::post().to(submit_self))
        .route("/reviews/{id}/manager", web::get().to(manager_form))
        .route("/reviews/{id}/manager", web::post().to(save_manager))
        .route("/reviews/{id}/manager/check", web::get().to(check_manager))
        .route("/reviews/{id}/share", web::post().to(share_review))
        .route(
            "/reviews/{id}/acknowledge",
            web::post().to(acknowledge_review),
        )
        .route(
            "/reviews/{id}/team-summary",
            web::post().to(publish_team_summary),
        );
}

/// The review, its cycle and people, as every page here needs them.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewHead {
    pub id: String,
    pub state: String,
    pub cycle_id: String,
    pub cycle_name: String,
    pub cycle_status: String,
    pub person_id: String,
    pub person_name: String,
    pub manager_id: String,
    pub manager_name: String,
    pub job_title: String,
    pub job_description: String,
    pub self_due_on: chrono::NaiveDate,
    pub manager_due_on: chrono::NaiveDate,
    pub ack_due_on: chrono::NaiveDate,
    pub self_submitted_at: Option<chrono::NaiveDateTime>,
    pub shared_at: Option<chrono::NaiveDateTime>,
    pub acknowledged_at: Option<chrono::NaiveDateTime>,
    pub acknowledgement_response: String,
    pub reopened_reason: String,
    pub updated_at: chrono::NaiveDateTime,
    pub team_summary: String,
    pub team_summary_published_at: Option<chrono::NaiveDateTime>,
    /// The due date of the cycle's calibration step while it is open.
    pub calibration_due_on: Option<chrono::NaiveDate>,
    /// When the manager handed the review in for calibration.
    pub handed_in_at: Option<chrono::NaiveDateTime>,
}

struct Loaded {
    review: ReviewRow,
    cycle: CycleRow,
    head: ReviewHead,
    status: CycleStatus,
}

impl Loaded {
    fn facts(&self) -> ReviewFacts<'_> {
        ReviewFacts {
            person_id: &self.review.person_id,
            manager_id: self.review.manager_id.as_deref(),
            state: self.review.state(),
            cycle: self.status,
            was_shared: self.review.shared_at.is_some(),
            was_submitted: self.review.self_submitted_at.is_some(),
            handed_in: self.review.handed_in_at.is_some(),
        }
    }
}

fn load(
    conn: &mut db::DbConnection,
    id: &str,
    today: chrono::NaiveDate,
) -> Result<Loaded, AppError> {
    let (review, cycle) = reviews::find(conn, id)?.ok_or(AppError::NotFound)?;
    let person_name = people::name_of(conn, &review.person_id)?.unwrap_or_default();
    let manager_name = match &review.manager_id {
        Some(m) => people::name_of(conn, m)?.unwrap_or_default(),
        None => String::new(),
    };
    let status = cycle.status(today);
    let calibration_due_on = db::calibration::find(conn, &cycle.id)?
        .filter(|c| c.is_open())
        .map(|c| c.due_on);
    let head = ReviewHead {
        id: review.id.clone(),
        state: review.state.into(),
        cycle_id: cycle.id.clone(),
        cycle_name: cycle.name.clone(),
        cycle_status: status.code().into(),
        person_id: review.person_id.clone(),
        person_name,
        manager_id: review.manager_id.clone().unwrap_or_default(),
        manager_name,
        job_title: review.job_title.clone(),
        job_description: review.job_description.clone(),
        self_due_on: cycle.self_due_on,
        manager_due_on: cycle.manager_due_on,
        ack_due_on: cycle.ack_due_on,
        self_submitted_at: review.self_submitted_at,
        shared_at: review.shared_at,
        acknowledged_at: review.acknowledged_at,
        acknowledgement_response: review.acknowledgement_response.clone(),
        reopened_reason: review.reopened_reason.clone(),
        updated_at: review.updated_at,
        team_summary: review.team_summary.clone(),
        team_summary_published_at: review.team_summary_published_at,
        calibration_due_on,
        handed_in_at: review.handed_in_at,
    };
    Ok(Loaded {
        review,
        cycle,
        head,
        status,
    })
}

fn wants_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn side_path(id: &str, side: Side) -> String {
    match side {
        Side::Own => format!("/reviews/{id}/self"),
        Side::Manager => format!("/reviews/{id}/manager"),
    }
}

/// May this person read / write this side's form?
fn side_access(actor: &policy::Actor, l: &Loaded, side: Side) -> (bool, bool) {
    let f = l.facts();
    let read = match side {
        Side::Own => policy::may_read_self_assessment(actor, f),
        Side::Manager => policy::may_read_manager_form(actor, f),
    };
    (read, policy::may_edit_side(actor, f, side))
}

#[derive(Serialize)]
struct FormPage {
    review: ReviewHead,
    side: &'static str,
    editable: bool,
    version: i32,
    form: FormModel,
    journal: Vec<JournalView>,
    notice: Option<&'static str>,
    saved_at: Option<chrono::NaiveDateTime>,
    errors: FormErrors,
    action: String,
}

#[derive(Deserialize)]
pub struct FormQuery {
    saved: Option<String>,
}

async fn form_page(
    state: State,
    user: CurrentUser,
    req: HttpRequest,
    id: ReviewId,
    side: Side,
    saved: bool,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let lang = user.visitor.lang;
    let today = state.today();
    let stash = req
        .cookie(STASH_COOKIE)
        .map(|c| auth::token_hash(c.value()));
    let path = side_path(&id, side);
    let clock = state.clock();
    let (model, restored) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let mut l = load(conn, &id, today)?;
            let (read, editable) = side_access(&actor, &l, side);
            if !read {
                return Err(AppError::Forbidden);
            }
            // A form that arrived after the session ended: save it now, for its owner.
            let mut restored = false;
            if let (Some(hash), true) = (&stash, editable) {
                if let Some(body) = db::stash::take(conn, hash, &actor.id, &path)? {
                    let pairs: Vec<(String, String)> =
                        serde_urlencoded::from_str(&body).unwrap_or_default();
                    let version = l.review.version(side);
                    if let SaveOutcome::Saved { .. } = drafts::save(
                        conn,
                        &actor,
                        clock,
                        &id,
                        side,
                        Posted::new(pairs),
                        Some(version),
                        lang,
                    )? {
                        restored = true;
                    }
                    l = load(conn, &id, today)?;
                }
            }
            let other_visible = match side {
                Side::Own => policy::may_read_manager_review(&actor, l.facts()),
                Side::Manager => policy::may_read_self_assessment(&actor, l.facts()),
            };
            let private = policy::may_read_private_comments(&actor, l.facts());
            let form = forms::load_form_of_review(conn, &l.cycle.template_id)?
                .ok_or(AppError::NotFound)?;
            let stored = review_form::load(conn, &l.review.id, &l.review.person_id, private)?;
            let model = review_form::build(&form, &stored, side, other_visible, lang, &[]);
            let journal: Vec<JournalView> = if editable {
                let subject = match side {
                    Side::Own => actor.id.as_str(),
                    Side::Manager => l.review.person_id.as_str(),
                };
                journal::page(conn, &actor.id, subject, JOURNAL_SHOWN, 0)?
                    .into_iter()
                    .map(JournalView::from)
                    .collect()
            } else {
                vec![]
            };
            Ok((
                FormPage {
                    version: l.review.version(side),
                    saved_at: Some(l.review.updated_at),
                    review: l.head,
                    side: side.code(),
                    editable,
                    form: model,
                    journal,
                    notice: None,
                    errors: FormErrors::default(),
                    action: path,
                },
                restored,
            ))
        })
        .await?;
    let mut model = model;
    if restored {
        model.notice = Some("review-notice-restored");
    } else if saved {
        model.notice = Some("review-notice-saved");
    }
    let mut res = page(&state.templates, &user.visitor, "reviews/form.html", &model)?;
    if req.cookie(STASH_COOKIE).is_some() {
        let mut c = actix_web::cookie::Cookie::build(STASH_COOKIE, "")
            .path("/")
            .http_only(true)
            .finish();
        c.make_removal();
        if let Ok(v) = c.to_string().parse() {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    Ok(res)
}

pub async fn self_form(
    state: State,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<ReviewId>,
    q: web::Query<FormQuery>,
) -> Result<HttpResponse, AppError> {
    form_page(
        state,
        user,
        req,
        path.into_inner(),
        Side::Own,
        q.saved.is_some(),
    )
    .await
}

pub async fn manager_form(
    state: State,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<ReviewId>,
    q: web::Query<FormQuery>,
) -> Result<HttpResponse, AppError> {
    form_page(
        state,
        user,
        req,
        path.into_inner(),
        Side::Manager,
        q.saved.is_some(),
    )
    .await
}

#[derive(Serialize)]
struct ConflictPage {
    review: Option<ReviewHead>,
    action: String,
    version: i32,
    differences: Vec<drafts::Difference>,
    hidden: Vec<(String, String)>,
}

async fn save_side(
    state: State,
    user: CurrentUser,
    req: HttpRequest,
    id: ReviewId,
    side: Side,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let lang = user.visitor.lang;
    let json = wants_json(&req);
    let today = state.today();
    let pairs = body.into_inner();
    let posted = Posted::new(pairs.clone());
    let expected = posted.get("version").and_then(|v| v.parse::<i32>().ok());
    let action = posted.get("action").unwrap_or("save").to_string();
    let clock = state.clock();
    let rid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(drafts::save(
                conn, &actor, clock, &rid, side, posted, expected, lang,
            )?)
        })
        .await?;
    let path = side_path(&id, side);
    // The page around a refused save needs the review's heading: one read.
    let head = match outcome {
        SaveOutcome::Saved { .. } => None,
        _ => {
            let rid = id.clone();
            Some(
                state
                    .db
                    .run(move |conn| -> Result<_, AppError> { Ok(load(conn, &rid, today)?.head) })
                    .await?,
            )
        }
    };
    match outcome {
        SaveOutcome::Saved { version, changed } => {
            if json {
                let at = crate::i18n::time_of_day(state.settings.timezone, db::now());
                return Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "saved", "review": id, "version": version, "changed": changed, "saved_at": at })));
            }
            let anchor = return_anchor(&action, &pairs);
            if action == "check" {
                return Ok(see_other(&format!("{path}/check")));
            }
            Ok(see_other(&format!("{path}?saved=1{anchor}")))
        }
        SaveOutcome::Problems(problems) => {
            if json {
                return Ok(HttpResponse::UnprocessableEntity()
                    .json(serde_json::json!({ "status": "invalid", "review": id })));
            }
            // Show the problems; keep every typed value in the conflict-style page.
            let mut errors = FormErrors::default();
            for (field, key) in &problems {
                errors.add(field, key);
            }
            // Every text field is shown to be edited (the one with a problem
            // first, with its message); everything else rides along hidden.
            let mut fields: Vec<serde_json::Value> = pairs
                .iter()
                .filter(|(k, _)| k != "csrf_token")
                .map(|(k, v)| {
                    let max = drafts::text_limit(k).map(|(max, _)| max);
                    serde_json::json!({
                        "name": k,
                        "value": v,
                        "text": max.is_some(),
                        "max": max,
                        "label": super::forms::field_label(k),
                        "error": errors.by_field.get(k),
                    })
                })
                .collect();
            fields.sort_by_key(|f| f["error"].is_null());
            let model = serde_json::json!({
                "review": head, "action": path, "errors": errors, "fields": fields,
            });
            page_with_status(
                &state.templates,
                &user.visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                "reviews/problems.html",
                &model,
            )
        }
        SaveOutcome::Conflict {
            differences,
            current,
        } => {
            if json {
                return Ok(HttpResponse::Conflict().json(
                    serde_json::json!({ "status": "conflict", "review": id, "version": current }),
                ));
            }
            let shown: Vec<&str> = differences.iter().map(|d| d.field.as_str()).collect();
            let hidden = pairs
                .iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "csrf_token" | "version" | "action")
                        && !shown.contains(&k.as_str())
                })
                .cloned()
                .collect();
            let model = ConflictPage {
                review: head,
                action: path,
                version: current,
                hidden,
                differences,
            };
            page_with_status(
                &state.templates,
                &user.visitor,
                StatusCode::CONFLICT,
                "reviews/conflict.html",
                &model,
            )
        }
        SaveOutcome::Locked { differences } => {
            if json {
                return Ok(HttpResponse::Conflict()
                    .json(serde_json::json!({ "status": "locked", "review": id })));
            }
            let model = serde_json::json!({
                "review": head, "back": format!("/reviews/{id}"), "differences": differences,
            });
            page_with_status(
                &state.templates,
                &user.visitor,
                StatusCode::CONFLICT,
                "reviews/locked.html",
                &model,
            )
        }
    }
}

/// Where a plain save sends the person back to: the place they saved from,
/// so that a long form on a phone does not start again at the top. "Save
/// draft" names its section (`save:<section>`); the script, when it runs,
/// adds the question last worked on (`return_to`); a row button returns to
/// its list; "Add as evidence" to the answer it was added to.
fn return_anchor(action: &str, pairs: &[(String, String)]) -> String {
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| is_fragment(v))
    };
    let fragment = match action {
        "add_strength" => Some("strengths".to_string()),
        "add_weakness" => Some("weaknesses".to_string()),
        "add_goal" => Some("goals".to_string()),
        a if a.starts_with("evidence:") => Some(
            field(&format!("evidence_q_{}", &a["evidence:".len()..]))
                .map_or_else(|| "journal".to_string(), |q| format!("q-{q}")),
        ),
        a if a == "save" || a.starts_with("save:") => field("return_to")
            .filter(|v| v.starts_with("q-") || v.starts_with("s-"))
            .map(str::to_string)
            .or_else(|| {
                a.strip_prefix("save:")
                    .filter(|s| is_fragment(s))
                    .map(|s| format!("s-{s}"))
            }),
        _ => None,
    };
    fragment.map(|f| format!("#{f}")).unwrap_or_default()
}

/// Safe to put in a Location header as a fragment: the ids the form renders.
fn is_fragment(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 100
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub async fn save_self(
    state: State,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<ReviewId>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    save_side(state, user, req, path.into_inner(), Side::Own, body).await
}

pub async fn save_manager(
    state: State,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<ReviewId>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    save_side(state, user, req, path.into_inner(), Side::Manager, body).await
}

// ---- check your answers, submit, share ----

#[derive(Serialize)]
struct CheckPage {
    review: ReviewHead,
    side: &'static str,
    form: FormModel,
    errors: FormErrors,
    /// After a refused step: required answers are missing.
    refused_missing: bool,
    /// After a refused share: comments without a visibility.
    refused_unchosen: bool,
    action: String,
}

/// The check page; `refused` after a Submit or Share the command refused
/// (required answers missing, or a comment without a visibility), which the
/// page then lists in its error summary, recomputed from what is stored.
async fn check_page(
    state: &State,
    user: &CurrentUser,
    id: ReviewId,
    side: Side,
    refused: bool,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let lang = user.visitor.lang;
    let today = state.today();
    let model = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let l = load(conn, &id, today)?;
            let (_, editable) = side_access(&actor, &l, side);
            if !editable {
                return Err(AppError::Forbidden);
            }
            let missing =
                workflow::missing_required(conn, &l.review, &l.cycle, side).map_err(wf)?;
            let form = forms::load_form_of_review(conn, &l.cycle.template_id)?
                .ok_or(AppError::NotFound)?;
            let private = policy::may_read_private_comments(&actor, l.facts());
            let stored = review_form::load(conn, &l.review.id, &l.review.person_id, private)?;
            let other_visible = side == Side::Manager;
            let model = review_form::build(&form, &stored, side, other_visible, lang, &missing);
            Ok(CheckPage {
                review: l.head,
                side: side.code(),
                form: model,
                errors: FormErrors::default(),
                refused_missing: false,
                refused_unchosen: false,
                action: side_path(&id, side),
            })
        })
        .await?;
    let mut model = model;
    if refused {
        for s in &model.form.sections {
            for q in s.questions.iter().filter(|q| q.missing) {
                model
                    .errors
                    .add(&format!("q-{}", q.id), "review-error-missing");
                model.refused_missing = true;
            }
            if side == Side::Manager {
                for c in s.comments.iter().filter(|c| c.visibility == "unchosen") {
                    model
                        .errors
                        .add(&format!("c-{}", c.id), "review-error-visibility");
                    model.refused_unchosen = true;
                }
            }
        }
    }
    let status = if model.errors.items.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status,
        "reviews/check.html",
        &model,
    )
}

pub async fn check_self(
    state: State,
    user: CurrentUser,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    check_page(&state, &user, path.into_inner(), Side::Own, false).await
}

pub async fn check_manager(
    state: State,
    user: CurrentUser,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    check_page(&state, &user, path.into_inner(), Side::Manager, false).await
}

fn wf(e: WorkflowError) -> AppError {
    e.into()
}

/// Submit or share; the `done` notice of the review page it leads to, or
/// `None` when the command refused for what the page can show (missing
/// answers, a comment without a visibility).
async fn transition(
    state: &State,
    user: &CurrentUser,
    id: &ReviewId,
    side: Side,
) -> Result<Option<&'static str>, AppError> {
    let actor = user.actor();
    let clock = state.clock();
    let rid = id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let r = match side {
                Side::Own => workflow::submit_self(conn, &actor, clock, &rid).map(|()| "submitted"),
                Side::Manager => workflow::share(conn, &actor, clock, &rid).map(|s| match s {
                    workflow::Shared::Now => "shared",
                    workflow::Shared::ForCalibration => "handed_in",
                }),
            };
            match r {
                Ok(done) => Ok(Some(done)),
                Err(WorkflowError::Incomplete(_) | WorkflowError::Unchosen(_)) => Ok(None),
                Err(e) => Err(wf(e)),
            }
        })
        .await
}

pub async fn submit_self(
    state: State,
    user: CurrentUser,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    match transition(&state, &user, &id, Side::Own).await? {
        Some(done) => Ok(see_other(&format!("/reviews/{id}?done={done}"))),
        None => check_page(&state, &user, id, Side::Own, true).await,
    }
}

pub async fn share_review(
    state: State,
    user: CurrentUser,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    match transition(&state, &user, &id, Side::Manager).await? {
        Some(done) => Ok(see_other(&format!("/reviews/{id}?done={done}"))),
        None => check_page(&state, &user, id, Side::Manager, true).await,
    }
}

#[cfg(test)]
mod tests {
    use super::return_anchor;

    fn post(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_save_returns_to_where_it_was_made() {
        assert_eq!(return_anchor("save:abc", &post(&[])), "#s-abc");
        assert_eq!(
            return_anchor("save:abc", &post(&[("return_to", "q-x1")])),
            "#q-x1"
        );
        assert_eq!(return_anchor("save", &post(&[])), "");
        assert_eq!(return_anchor("add_goal", &post(&[])), "#goals");
        assert_eq!(
            return_anchor("evidence:j1", &post(&[("evidence_q_j1", "q9")])),
            "#q-q9"
        );
        // Nothing but the ids the form renders reaches the Location header.
        assert_eq!(return_anchor("save:a b", &post(&[])), "");
        assert_eq!(
            return_anchor("save:s1", &post(&[("return_to", "q-x\r\nSet-Cookie: a=b")])),
            "#s-s1"
        );
        assert_eq!(
            return_anchor("save:s1", &post(&[("return_to", "main")])),
            "#s-s1"
        );
    }
}

//! The review page: where it stands, the reading view with the
//! self-perception gap, acknowledging, and a manager's team summary.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{load, wf, Loaded, ReviewHead};
use crate::app::reviews as workflow;
use crate::db::{self, forms, reviews};
use crate::domain::policy;
use crate::domain::review::{ReviewState, Side};
use crate::domain::ReviewId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::render::{page, see_other};
use crate::web::review_form::{self, FormModel};
use crate::web::State;

#[derive(Serialize)]
struct CompareRow {
    prompt: String,
    own: Option<i32>,
    manager: Option<i32>,
    gap: Option<i32>,
}

#[derive(Serialize)]
struct ReviewPage {
    review: ReviewHead,
    is_person: bool,
    is_manager: bool,
    is_hr: bool,
    can_read_self: bool,
    can_read_manager: bool,
    can_edit_self: bool,
    can_edit_manager: bool,
    can_acknowledge: bool,
    can_publish_summary: bool,
    private_visible: bool,
    form: Option<FormModel>,
    compare: Vec<CompareRow>,
    done: Option<String>,
    summary_draft: String,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
}

pub async fn show_review(
    state: State,
    user: CurrentUser,
    path: web::Path<ReviewId>,
    q: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let lang = user.visitor.lang;
    let today = state.today();
    let has_reports = user.user.has_reports;
    let done = match q.done.as_deref() {
        Some(d @ ("submitted" | "shared" | "acknowledged" | "published")) => Some(d.to_string()),
        _ => None,
    };
    let model = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let l = load(conn, &id, today)?;
            let f = l.facts();
            if !policy::may_view_review(&actor, f) {
                return Err(AppError::Forbidden);
            }
            let can_read_self = policy::may_read_self_assessment(&actor, f);
            let can_read_manager = policy::may_read_manager_review(&actor, f);
            let private = policy::may_read_private_comments(&actor, f);
            let is_person = actor.id == l.review.person_id;
            let (form, compare) = if can_read_self
                && can_read_manager
                && l.review.state() != ReviewState::SelfAssessment
            {
                let form =
                    forms::load_form(conn, &l.cycle.template_id)?.ok_or(AppError::NotFound)?;
                let stored = review_form::load(conn, &l.review.id, &l.review.person_id, private)?;
                // Worded for the reader: the employee's own words for them,
                // words about the employee for the manager and HR.
                let voice = if is_person { Side::Own } else { Side::Manager };
                let model =
                    review_form::build_in_voice(&form, &stored, Side::Own, true, lang, &[], voice);
                let compare = model
                    .sections
                    .iter()
                    .flat_map(|s| s.questions.iter())
                    .filter(|q| q.kind == "competency_rating" || q.kind == "rating")
                    .filter(|q| q.mine && q.theirs)
                    .map(|q| CompareRow {
                        prompt: q.prompt.clone(),
                        own: q.my_rating,
                        manager: q.their_rating,
                        gap: q.gap,
                    })
                    .collect();
                (Some(model), compare)
            } else {
                (None, vec![])
            };
            reviews::mark_read(conn, &actor.id, &l.review.id)?;
            let can_publish_summary = policy::may_publish_team_summary(&actor, f, has_reports);
            let summary_draft = if l.review.team_summary.is_empty() && can_publish_summary {
                draft_team_summary(conn, &l, lang)?
            } else {
                l.review.team_summary.clone()
            };
            Ok(ReviewPage {
                is_person,
                is_manager: l.review.manager_id.as_deref() == Some(actor.id.as_str()),
                is_hr: actor.is_hr(),
                can_read_self,
                can_read_manager,
                can_edit_self: policy::may_edit_self_assessment(&actor, f),
                can_edit_manager: policy::may_edit_manager_review(&actor, f),
                can_acknowledge: policy::may_acknowledge(&actor, f),
                can_publish_summary,
                private_visible: private,
                form,
                compare,
                done: None,
                summary_draft,
                review: l.head,
            })
        })
        .await?;
    let model = ReviewPage { done, ..model };
    page(&state.templates, &user.visitor, "reviews/show.html", &model)
}

/// A starting text for a manager's summary of their own self-evaluation:
/// their ratings and their goals.
fn draft_team_summary(
    conn: &mut db::DbConnection,
    l: &Loaded,
    lang: crate::domain::Lang,
) -> Result<String, AppError> {
    let form = forms::load_form(conn, &l.cycle.template_id)?.ok_or(AppError::NotFound)?;
    let stored = review_form::load(conn, &l.review.id, &l.review.person_id, false)?;
    let model = review_form::build(&form, &stored, Side::Own, false, lang, &[]);
    let mut lines = vec![];
    for q in model
        .sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .filter(|q| q.kind == "competency_rating")
    {
        if let Some(r) = q.my_rating {
            lines.push(format!("- {}: {}/5", q.prompt, r));
        }
    }
    for g in &model.goals {
        lines.push(format!(
            "- {}: {}",
            crate::i18n::t(lang, "review-goal"),
            g.title
        ));
    }
    Ok(lines.join("\n"))
}

#[derive(Deserialize)]
pub struct AckForm {
    #[serde(default)]
    response: String,
}

pub async fn acknowledge_review(
    state: State,
    user: CurrentUser,
    path: web::Path<ReviewId>,
    form: web::Form<AckForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let response = form.into_inner().response;
    if response.chars().count() > review_form::BODY_MAX {
        return Err(AppError::BadRequest);
    }
    let clock = state.clock();
    let rid = id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            workflow::acknowledge(conn, &actor, clock, &rid, &response).map_err(wf)
        })
        .await?;
    Ok(see_other(&format!("/reviews/{id}?done=acknowledged")))
}

#[derive(Deserialize)]
pub struct SummaryForm {
    #[serde(default)]
    summary: String,
    #[serde(default)]
    publish: String,
}

/// A manager shares how they rate themselves and their goals with their team.
pub async fn publish_team_summary(
    state: State,
    user: CurrentUser,
    path: web::Path<ReviewId>,
    form: web::Form<SummaryForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let form = form.into_inner();
    let summary = form.summary.trim().to_string();
    if summary.chars().count() > review_form::BODY_MAX {
        return Err(AppError::BadRequest);
    }
    let publish = form.publish == "1" && !summary.is_empty();
    let clock = state.clock();
    let rid = id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            workflow::set_team_summary(conn, &actor, clock, &rid, &summary, publish).map_err(wf)
        })
        .await?;
    Ok(see_other(&format!("/reviews/{id}?done=published")))
}

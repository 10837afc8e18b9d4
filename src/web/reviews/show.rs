//! The review page: where it stands, the reading view (see `reading.rs`:
//! the manager's summary, the chart, each rating with both sides' evidence
//! and the difference in words), acknowledging, and a manager's team summary.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::reading::{self, Reading};
use super::{load, wf, Loaded, ReviewHead};
use crate::app::reviews as workflow;
use crate::db::{self, forms};
use crate::domain::policy;
use crate::domain::review::{ReviewState, Side};
use crate::domain::ReviewId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::render::{page, see_other};
use crate::web::review_form;
use crate::web::State;

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
    reading: Option<Reading>,
    done: Option<String>,
    summary_draft: String,
    /// Today, for the header of a printed copy.
    printed_on: chrono::NaiveDate,
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
        Some(d @ ("submitted" | "shared" | "handed_in" | "acknowledged" | "published")) => {
            Some(d.to_string())
        }
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
            // The reading view, once both sides may be read here: the
            // employee from the moment the review is shared, the manager and
            // HR from the moment the self-assessment is submitted.
            let reading = if can_read_self
                && can_read_manager
                && l.review.state() != ReviewState::SelfAssessment
            {
                let form = forms::load_form_of_review(conn, &l.cycle.template_id)?
                    .ok_or(AppError::NotFound)?;
                let rows = reading::load(conn, &actor, f, &l.review.id)?;
                let sight = reading::Sight {
                    own: can_read_self,
                    manager: can_read_manager,
                };
                let people = reading::People {
                    person: &l.head.person_name,
                    manager: &l.head.manager_name,
                };
                Some(reading::build(&form, &rows, &actor, f, sight, people, lang))
            } else {
                None
            };
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
                reading,
                done: None,
                summary_draft,
                printed_on: today,
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
    let form = forms::load_form_of_review(conn, &l.cycle.template_id)?.ok_or(AppError::NotFound)?;
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

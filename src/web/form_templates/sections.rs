//! A template's sections: add, change, delete and move.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{
    frozen_page, optional_text, pick, required_text, status_for, DeletePage, MoveForm, FROZEN,
    HELP_MAX, TITLE_MAX,
};
use crate::app::form_templates::{self as commands, SectionText};
use crate::db::forms::{self as fdb, SectionRow, TemplateRow};
use crate::domain::policy;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status, see_other};
use crate::web::State;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct SectionForm {
    #[serde(default)]
    title_id: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    help_id: String,
    #[serde(default)]
    help_en: String,
    #[serde(default)]
    manager_title_id: String,
    #[serde(default)]
    manager_title_en: String,
    #[serde(default)]
    manager_help_id: String,
    #[serde(default)]
    manager_help_en: String,
}

impl SectionForm {
    fn parse(&self, errors: &mut FormErrors) -> SectionText {
        SectionText {
            title_id: required_text(
                errors,
                "title_id",
                &self.title_id,
                TITLE_MAX,
                "templates-error-title-id-missing",
            ),
            title_en: required_text(
                errors,
                "title_en",
                &self.title_en,
                TITLE_MAX,
                "templates-error-title-en-missing",
            ),
            help_id: optional_text(errors, "help_id", &self.help_id, HELP_MAX),
            help_en: optional_text(errors, "help_en", &self.help_en, HELP_MAX),
            manager_title_id: optional_text(
                errors,
                "manager_title_id",
                &self.manager_title_id,
                TITLE_MAX,
            ),
            manager_title_en: optional_text(
                errors,
                "manager_title_en",
                &self.manager_title_en,
                TITLE_MAX,
            ),
            manager_help_id: optional_text(
                errors,
                "manager_help_id",
                &self.manager_help_id,
                HELP_MAX,
            ),
            manager_help_en: optional_text(
                errors,
                "manager_help_en",
                &self.manager_help_en,
                HELP_MAX,
            ),
        }
    }

    fn from_row(s: &SectionRow) -> Self {
        Self {
            title_id: s.title_id.clone(),
            title_en: s.title_en.clone(),
            help_id: s.help_id.clone(),
            help_en: s.help_en.clone(),
            manager_title_id: s.manager_title_id.clone(),
            manager_title_en: s.manager_title_en.clone(),
            manager_help_id: s.manager_help_id.clone(),
            manager_help_en: s.manager_help_en.clone(),
        }
    }
}

#[derive(Serialize)]
struct SectionFormPage {
    template: TemplateRow,
    section_id: Option<String>,
    form: SectionForm,
    errors: FormErrors,
}

/// The section form (a new section when `sid` is `None`): as stored, or as
/// typed with its messages. A frozen template shows the frozen page instead;
/// a form sent to a frozen template is refused with the conflict page.
async fn section_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    sid: Option<String>,
    form: Option<SectionForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let sent = !errors.is_empty();
    let (template, frozen, section) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let t = commands::find_template(conn, &id)?;
            let frozen = commands::is_frozen(conn, &t)?;
            if frozen && sent {
                return Err(AppError::Conflict(FROZEN));
            }
            let s = match sid {
                Some(sid) => Some(commands::section_of(conn, &id, &sid)?),
                None => None,
            };
            Ok((t, frozen, s))
        })
        .await?;
    if frozen {
        return frozen_page(state, user, template);
    }
    let form = form
        .or_else(|| section.as_ref().map(SectionForm::from_row))
        .unwrap_or_default();
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&errors),
        "form_templates/section_form.html",
        &SectionFormPage {
            template,
            section_id: section.map(|s| s.id),
            form,
            errors,
        },
    )
}

pub async fn new_section(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    section_page(&state, &user, id, None, None, FormErrors::default()).await
}

pub async fn create_section(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<SectionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let text = form.parse(&mut errors);
    if !errors.is_empty() {
        return section_page(&state, &user, id, None, Some(form), errors).await;
    }
    let (actor, clock, tid) = (user.actor(), state.clock(), id.clone());
    let sid = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::add_section(conn, &actor, clock, &tid, text))
        })
        .await??;
    Ok(see_other(&format!(
        "/templates/{id}?notice=section-added#section-{sid}"
    )))
}

pub async fn edit_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, sid) = path.into_inner();
    section_page(&state, &user, id, Some(sid), None, FormErrors::default()).await
}

pub async fn update_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<SectionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, sid) = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let text = form.parse(&mut errors);
    if !errors.is_empty() {
        return section_page(&state, &user, id, Some(sid), Some(form), errors).await;
    }
    let (actor, clock) = (user.actor(), state.clock());
    let (tid, section_id) = (id.clone(), sid.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::edit_section(
                conn,
                &actor,
                clock,
                &tid,
                &section_id,
                text,
            ))
        })
        .await??;
    Ok(see_other(&format!(
        "/templates/{id}?notice=saved#section-{sid}"
    )))
}

pub async fn confirm_delete_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, sid) = path.into_inner();
    let lang = user.visitor.lang;
    let (template, frozen, section, question_count) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let form = fdb::load_form(conn, &id)?.ok_or(AppError::NotFound)?;
            let frozen = commands::is_frozen(conn, &form.template)?;
            let (section, questions) = form
                .sections
                .into_iter()
                .find(|(s, _)| s.id == sid)
                .ok_or(AppError::NotFound)?;
            Ok((form.template, frozen, section, questions.len()))
        })
        .await?;
    if frozen {
        return frozen_page(&state, &user, template);
    }
    let model = DeletePage {
        action: format!("/templates/{}/sections/{}/delete", template.id, section.id),
        template,
        what: "section",
        title: pick(lang, &section.title_id, &section.title_en),
        question_count,
    };
    page(
        &state.templates,
        &user.visitor,
        "form_templates/delete.html",
        &model,
    )
}

pub async fn delete_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, sid) = path.into_inner();
    let (actor, clock, tid) = (user.actor(), state.clock(), id.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::delete_section(conn, &actor, clock, &tid, &sid))
        })
        .await??;
    Ok(see_other(&format!(
        "/templates/{id}?notice=section-deleted"
    )))
}

pub async fn move_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, sid) = path.into_inner();
    let direction = form.direction()?;
    let (actor, clock) = (user.actor(), state.clock());
    let (tid, section_id) = (id.clone(), sid.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::move_section(
                conn,
                &actor,
                clock,
                &tid,
                &section_id,
                direction,
            ))
        })
        .await??;
    Ok(see_other(&format!("/templates/{id}#section-{sid}")))
}

//! The competency library: list, add, change (and retire by unticking
//! "active").

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{
    notice_key, optional_text, required_text, status_for, NoticeQuery, HELP_MAX, NAME_MAX,
};
use crate::app::form_templates::{self as commands, CompetencyText};
use crate::app::Error;
use crate::db::forms::{self as fdb, CompetencyRow};
use crate::domain::policy;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status, see_other};
use crate::web::State;

#[derive(Serialize)]
struct CompetenciesPage {
    competencies: Vec<CompetencyRow>,
    notice: Option<String>,
}

pub async fn list_competencies(
    state: State,
    user: CurrentUser,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let competencies = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(fdb::competencies(conn, true)?) })
        .await?;
    page(
        &state.templates,
        &user.visitor,
        "form_templates/competencies.html",
        &CompetenciesPage {
            competencies,
            notice: notice_key(q.notice.as_deref()),
        },
    )
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct CompetencyForm {
    #[serde(default)]
    name_id: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    description_id: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    active: Option<String>,
}

impl CompetencyForm {
    fn parse(&self, errors: &mut FormErrors) -> CompetencyText {
        CompetencyText {
            name_id: required_text(
                errors,
                "name_id",
                &self.name_id,
                NAME_MAX,
                "competencies-error-name-id-missing",
            ),
            name_en: required_text(
                errors,
                "name_en",
                &self.name_en,
                NAME_MAX,
                "competencies-error-name-en-missing",
            ),
            description_id: optional_text(errors, "description_id", &self.description_id, HELP_MAX),
            description_en: optional_text(errors, "description_en", &self.description_en, HELP_MAX),
        }
    }

    fn active(&self) -> bool {
        self.active.as_deref().is_some_and(|v| !v.is_empty())
    }

    fn from_row(c: &CompetencyRow) -> Self {
        Self {
            name_id: c.name_id.clone(),
            name_en: c.name_en.clone(),
            description_id: c.description_id.clone(),
            description_en: c.description_en.clone(),
            active: c.active.then(|| "1".to_string()),
        }
    }
}

#[derive(Serialize)]
struct CompetencyFormPage {
    id: Option<String>,
    key: Option<String>,
    form: CompetencyForm,
    errors: FormErrors,
}

fn competency_form_page(
    state: &State,
    user: &CurrentUser,
    model: CompetencyFormPage,
) -> Result<HttpResponse, AppError> {
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "form_templates/competency_form.html",
        &model,
    )
}

/// An existing competency's form: as stored, or as typed with its messages.
async fn existing_competency_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    form: Option<CompetencyForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let c = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(fdb::find_competency(conn, &id)?.ok_or(Error::NotFound)?)
        })
        .await?;
    competency_form_page(
        state,
        user,
        CompetencyFormPage {
            form: form.unwrap_or_else(|| CompetencyForm::from_row(&c)),
            id: Some(c.id),
            key: Some(c.key),
            errors,
        },
    )
}

pub async fn new_competency(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    competency_form_page(
        &state,
        &user,
        CompetencyFormPage {
            id: None,
            key: None,
            form: CompetencyForm::default(),
            errors: FormErrors::default(),
        },
    )
}

pub async fn create_competency(
    state: State,
    user: CurrentUser,
    form: web::Form<CompetencyForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let text = form.parse(&mut errors);
    if !errors.is_empty() {
        return competency_form_page(
            &state,
            &user,
            CompetencyFormPage {
                id: None,
                key: None,
                form,
                errors,
            },
        );
    }
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::add_competency(conn, &actor, clock, text))
        })
        .await??;
    Ok(see_other("/competencies?notice=competency-created"))
}

pub async fn edit_competency(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    existing_competency_page(&state, &user, id, None, FormErrors::default()).await
}

pub async fn update_competency(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<CompetencyForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let text = form.parse(&mut errors);
    if !errors.is_empty() {
        return existing_competency_page(&state, &user, id, Some(form), errors).await;
    }
    let active = form.active();
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::edit_competency(
                conn, &actor, clock, &id, &text, active,
            ))
        })
        .await??;
    Ok(see_other("/competencies?notice=competency-saved"))
}

//! The list of templates, one template, its name and description, copies,
//! archiving and new versions.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{
    field_errors, notice_key, optional_text, pick, required_text, status_for, NoticeQuery,
    HELP_MAX, NAME_MAX,
};
use crate::app::form_templates::{self as commands, NewVersion, TemplateDetails};
use crate::db::forms::{self as fdb, CompetencyRow, TemplateRow};
use crate::domain::policy;
use crate::domain::Lang;
use crate::error::AppError;
use crate::i18n;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status, see_other};
use crate::web::State;

#[derive(Deserialize)]
pub struct ListQuery {
    archived: Option<String>,
}

#[derive(Serialize)]
struct TemplateItem {
    id: String,
    name: String,
    description: String,
    version: i32,
    is_default: bool,
    frozen: bool,
    archived: bool,
    updated_at: chrono::NaiveDateTime,
}

#[derive(Serialize)]
struct TemplatesPage {
    templates: Vec<TemplateItem>,
    show_archived: bool,
    archived_count: usize,
}

pub async fn list_templates(
    state: State,
    user: CurrentUser,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let show_archived = q
        .archived
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "0");
    let (templates, archived_count) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let all = fdb::templates(conn, true)?;
            let archived_count = all.iter().filter(|t| t.archived).count();
            let mut items = Vec::new();
            for t in all.into_iter().filter(|t| show_archived || !t.archived) {
                items.push(TemplateItem {
                    frozen: commands::is_frozen(conn, &t)?,
                    id: t.id,
                    name: t.name,
                    description: t.description,
                    version: t.version,
                    is_default: t.is_default,
                    archived: t.archived,
                    updated_at: t.updated_at,
                });
            }
            Ok((items, archived_count))
        })
        .await?;
    page(
        &state.templates,
        &user.visitor,
        "form_templates/list.html",
        &TemplatesPage {
            templates,
            show_archived,
            archived_count,
        },
    )
}

#[derive(Serialize)]
struct QuestionView {
    id: String,
    prompt: String,
    help: String,
    /// The manager's wording, as HR wrote it ({name} and all), when there is one.
    manager_prompt: String,
    kind: String,
    side: String,
    required: bool,
    competency: Option<String>,
}

#[derive(Serialize)]
struct SectionView {
    id: String,
    number: usize,
    title: String,
    help: String,
    manager_title: String,
    questions: Vec<QuestionView>,
}

#[derive(Serialize)]
struct VersionLink {
    id: String,
    version: i32,
}

#[derive(Serialize)]
struct TemplatePage {
    template: TemplateRow,
    frozen: bool,
    sections: Vec<SectionView>,
    question_count: usize,
    parent: Option<VersionLink>,
    newer: Option<VersionLink>,
    notice: Option<String>,
}

fn competency_names(lang: Lang, rows: &[CompetencyRow]) -> HashMap<String, String> {
    rows.iter()
        .map(|c| (c.id.clone(), pick(lang, &c.name_id, &c.name_en)))
        .collect()
}

pub async fn show_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    let lang = user.visitor.lang;
    let (form, frozen, competencies, parent, newer) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let form = fdb::load_form(conn, &id)?.ok_or(AppError::NotFound)?;
            let frozen = commands::is_frozen(conn, &form.template)?;
            let all = fdb::templates(conn, true)?;
            let parent = form
                .template
                .parent_id
                .as_ref()
                .and_then(|p| all.iter().find(|t| &t.id == p))
                .map(|t| VersionLink {
                    id: t.id.clone(),
                    version: t.version,
                });
            let newer = commands::newest_version(&all, &form.template).map(|t| VersionLink {
                id: t.id,
                version: t.version,
            });
            Ok((form, frozen, fdb::competencies(conn, true)?, parent, newer))
        })
        .await?;
    let names = competency_names(lang, &competencies);
    let question_count = form.questions().count();
    let sections = form
        .sections
        .into_iter()
        .enumerate()
        .map(|(i, (s, qs))| SectionView {
            id: s.id,
            number: i + 1,
            title: pick(lang, &s.title_id, &s.title_en),
            help: pick(lang, &s.help_id, &s.help_en),
            manager_title: pick(lang, &s.manager_title_id, &s.manager_title_en),
            questions: qs
                .into_iter()
                .map(|q| QuestionView {
                    prompt: pick(lang, &q.prompt_id, &q.prompt_en),
                    help: pick(lang, &q.help_id, &q.help_en),
                    manager_prompt: pick(lang, &q.manager_prompt_id, &q.manager_prompt_en),
                    competency: q.competency_id.as_ref().and_then(|c| names.get(c).cloned()),
                    id: q.id,
                    kind: q.kind.into(),
                    side: q.side,
                    required: q.required,
                })
                .collect(),
        })
        .collect();
    let model = TemplatePage {
        template: form.template,
        frozen,
        sections,
        question_count,
        parent,
        newer,
        notice: notice_key(q.notice.as_deref()),
    };
    page(
        &state.templates,
        &user.visitor,
        "form_templates/show.html",
        &model,
    )
}

/// Make a new version of a frozen template (same name, version + 1), or go to
/// the newer version that already exists.
pub async fn create_version(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    let (actor, clock) = (user.actor(), state.clock());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::new_version(conn, &actor, clock, &id))
        })
        .await??;
    let (target, notice) = match outcome {
        NewVersion::Made(id) => (id, "versioned"),
        NewVersion::Newer(id) => (id, "newer"),
    };
    Ok(see_other(&format!("/templates/{target}?notice={notice}")))
}

// ---------------------------------------------------------------------------
// Name and description

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct DetailsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

impl DetailsForm {
    fn parse(&self, errors: &mut FormErrors) -> TemplateDetails {
        let name = required_text(
            errors,
            "name",
            &self.name,
            NAME_MAX,
            "templates-error-name-missing",
        );
        let description = optional_text(errors, "description", &self.description, HELP_MAX);
        TemplateDetails { name, description }
    }
}

#[derive(Serialize)]
struct DetailsPage {
    template: TemplateRow,
    form: DetailsForm,
    errors: FormErrors,
}

/// The name and description form: as stored, or as typed with its messages.
async fn details_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    form: Option<DetailsForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let template = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(commands::find_template(conn, &id)?) })
        .await?;
    let form = form.unwrap_or_else(|| DetailsForm {
        name: template.name.clone(),
        description: template.description.clone(),
    });
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&errors),
        "form_templates/details.html",
        &DetailsPage {
            template,
            form,
            errors,
        },
    )
}

pub async fn edit_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    details_page(
        &state,
        &user,
        path.into_inner(),
        None,
        FormErrors::default(),
    )
    .await
}

/// Rename and describe. Allowed on a frozen template too: the questions a
/// running cycle asks do not change.
pub async fn update_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let details = form.parse(&mut errors);
    if !errors.is_empty() {
        return details_page(&state, &user, id, Some(form), errors).await;
    }
    let (actor, clock, tid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::rename_template(
                conn, &actor, clock, &tid, &details,
            ))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/templates/{id}?notice=saved"))),
        Err(e) => {
            let errors = field_errors(e)?;
            details_page(&state, &user, id, Some(form), errors).await
        }
    }
}

// ---------------------------------------------------------------------------
// Copy

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct CopyForm {
    #[serde(default)]
    name: String,
}

#[derive(Serialize)]
struct CopyPage {
    template: TemplateRow,
    form: CopyForm,
    errors: FormErrors,
}

/// The copy form: a suggested name, or the name as typed with its messages.
async fn copy_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    form: Option<CopyForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let template = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(commands::find_template(conn, &id)?) })
        .await?;
    let form = form.unwrap_or_else(|| {
        let name = i18n::t_args(
            user.visitor.lang,
            "templates-copy-default-name",
            &[("name", template.name.clone().into())],
        );
        CopyForm {
            name: name.chars().take(NAME_MAX).collect(),
        }
    });
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&errors),
        "form_templates/copy.html",
        &CopyPage {
            template,
            form,
            errors,
        },
    )
}

pub async fn new_template_copy(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    copy_page(
        &state,
        &user,
        path.into_inner(),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn copy_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<CopyForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let name = required_text(
        &mut errors,
        "name",
        &form.name,
        NAME_MAX,
        "templates-error-name-missing",
    );
    if !errors.is_empty() {
        return copy_page(&state, &user, id, Some(form), errors).await;
    }
    let (actor, clock, tid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::copy_template(conn, &actor, clock, &tid, &name))
        })
        .await?;
    match outcome {
        Ok(new_id) => Ok(see_other(&format!("/templates/{new_id}?notice=copied"))),
        Err(e) => {
            let errors = field_errors(e)?;
            copy_page(&state, &user, id, Some(form), errors).await
        }
    }
}

// ---------------------------------------------------------------------------
// Archive

pub async fn archive_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    set_archived(state, user, path.into_inner(), true).await
}

pub async fn unarchive_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    set_archived(state, user, path.into_inner(), false).await
}

async fn set_archived(
    state: State,
    user: CurrentUser,
    id: String,
    archived: bool,
) -> Result<HttpResponse, AppError> {
    let (actor, clock, tid) = (user.actor(), state.clock(), id.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::set_archived(conn, &actor, clock, &tid, archived))
        })
        .await??;
    let notice = if archived { "archived" } else { "unarchived" };
    Ok(see_other(&format!("/templates/{id}?notice={notice}")))
}

//! HR's form templates (sections and questions, in both languages) and the
//! competency library. A template used by a launched review cycle is frozen:
//! its questions no longer change, and HR makes a new version to edit instead,
//! so running cycles keep the form they started with.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::{page, page_with_status, see_other};
use super::State;
use crate::db::forms::{self as fdb, CompetencyRow, QuestionRow, SectionRow, TemplateRow};
use crate::db::{self, audit, DbConnection};
use crate::domain::policy;
use crate::domain::review::{Answerer, QuestionKind};
use crate::domain::Lang;
use crate::error::AppError;
use crate::i18n;

const NAME_MAX: usize = 120;
const TITLE_MAX: usize = 200;
const PROMPT_MAX: usize = 500;
const HELP_MAX: usize = 2000;
const KEY_MAX: usize = 40;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/templates", web::get().to(list_templates))
        .route("/templates/{id}", web::get().to(show_template))
        .route("/templates/{id}", web::post().to(update_template))
        .route("/templates/{id}/edit", web::get().to(edit_template))
        .route("/templates/{id}/copy", web::get().to(new_template_copy))
        .route("/templates/{id}/copy", web::post().to(copy_template))
        .route(
            "/templates/{id}/new-version",
            web::post().to(create_version),
        )
        .route("/templates/{id}/archive", web::post().to(archive_template))
        .route(
            "/templates/{id}/unarchive",
            web::post().to(unarchive_template),
        )
        .route("/templates/{id}/sections/new", web::get().to(new_section))
        .route("/templates/{id}/sections", web::post().to(create_section))
        .route(
            "/templates/{id}/sections/{sid}/edit",
            web::get().to(edit_section),
        )
        .route(
            "/templates/{id}/sections/{sid}",
            web::post().to(update_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/delete",
            web::get().to(confirm_delete_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/delete",
            web::post().to(delete_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/move",
            web::post().to(move_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/questions/new",
            web::get().to(new_question),
        )
        .route(
            "/templates/{id}/sections/{sid}/questions",
            web::post().to(create_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/edit",
            web::get().to(edit_question),
        )
        .route(
            "/templates/{id}/questions/{qid}",
            web::post().to(update_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/delete",
            web::get().to(confirm_delete_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/delete",
            web::post().to(delete_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/move",
            web::post().to(move_question),
        )
        .route("/competencies", web::get().to(list_competencies))
        .route("/competencies/new", web::get().to(new_competency))
        .route("/competencies/new", web::post().to(create_competency))
        .route("/competencies/{id}/edit", web::get().to(edit_competency))
        .route("/competencies/{id}/edit", web::post().to(update_competency));
}

/// The text in the reader's language, or the other one when it is empty.
fn pick(lang: Lang, id: &str, en: &str) -> String {
    let (first, other) = match lang {
        Lang::Id => (id, en),
        Lang::En => (en, id),
    };
    if first.trim().is_empty() {
        other.to_string()
    } else {
        first.to_string()
    }
}

/// Trimmed text that must be there and not too long.
fn required_text(
    errors: &mut FormErrors,
    field: &str,
    value: &str,
    max: usize,
    missing_key: &str,
) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, missing_key);
    } else if v.chars().count() > max {
        errors.add(field, "templates-error-text-too-long");
    }
    v.to_string()
}

/// Trimmed text that may be empty.
fn optional_text(errors: &mut FormErrors, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.chars().count() > max {
        errors.add(field, "templates-error-text-too-long");
    }
    v.to_string()
}

fn status_for(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Frozen: a launched review cycle uses it (or did), so its questions stay.
fn is_frozen(conn: &mut DbConnection, t: &TemplateRow) -> Result<bool, AppError> {
    Ok(t.frozen || fdb::in_use_by_launched_cycle(conn, &t.id)?)
}

fn find_template(conn: &mut DbConnection, id: &str) -> Result<TemplateRow, AppError> {
    fdb::find_template(conn, id)?.ok_or(AppError::NotFound)
}

/// The template, for a change to its sections or questions, inside the
/// writing transaction. The touch comes first so that, on PostgreSQL, a
/// launch freezing the same template waits for us or we see its freeze.
fn editable_template(conn: &mut DbConnection, id: &str) -> Result<TemplateRow, AppError> {
    if fdb::touch_template(conn, id)? == 0 {
        return Err(AppError::NotFound);
    }
    let t = find_template(conn, id)?;
    if is_frozen(conn, &t)? {
        return Err(AppError::Conflict("templates-error-frozen"));
    }
    Ok(t)
}

fn section_of(conn: &mut DbConnection, tid: &str, sid: &str) -> Result<SectionRow, AppError> {
    fdb::find_section(conn, sid)?
        .filter(|s| s.template_id == tid)
        .ok_or(AppError::NotFound)
}

fn question_of(
    conn: &mut DbConnection,
    tid: &str,
    qid: &str,
) -> Result<(QuestionRow, SectionRow), AppError> {
    let q = fdb::find_question(conn, qid)?.ok_or(AppError::NotFound)?;
    let s = section_of(conn, tid, &q.section_id)?;
    Ok((q, s))
}

/// The newest version made from this one (same name, each one version up).
fn newest_version(all: &[TemplateRow], t: &TemplateRow) -> Option<TemplateRow> {
    let mut current = t.clone();
    let mut found = None;
    while let Some(next) = all.iter().find(|c| {
        c.parent_id.as_deref() == Some(current.id.as_str())
            && c.name == current.name
            && c.version == current.version + 1
    }) {
        current = next.clone();
        found = Some(next.clone());
    }
    found
}

fn record(
    conn: &mut DbConnection,
    actor: &str,
    action: &str,
    subject_type: &str,
    subject_id: &str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(actor),
            action,
            subject_type,
            subject_id,
            details,
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Move the item at `index` one place up or down; false when it cannot move.
fn shift<T>(items: &mut [T], index: usize, up: bool) -> bool {
    if up && index > 0 {
        items.swap(index, index - 1);
        true
    } else if !up && index + 1 < items.len() {
        items.swap(index, index + 1);
        true
    } else {
        false
    }
}

/// A unique-looking key from an English name: "Customer Focus!" → "customer_focus".
fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let mut out: String = out.trim_end_matches('_').chars().take(KEY_MAX).collect();
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        "competency".into()
    } else {
        out
    }
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// Notices a redirect may ask for; anything else is ignored.
fn notice_key(n: Option<&str>) -> Option<String> {
    let key = match n? {
        "copied" => "templates-notice-copied",
        "versioned" => "templates-notice-versioned",
        "newer" => "templates-notice-newer-exists",
        "saved" => "templates-notice-saved",
        "section-added" => "templates-notice-section-added",
        "section-deleted" => "templates-notice-section-deleted",
        "question-added" => "templates-notice-question-added",
        "question-deleted" => "templates-notice-question-deleted",
        "archived" => "templates-notice-archived",
        "unarchived" => "templates-notice-unarchived",
        "competency-created" => "competencies-notice-created",
        "competency-saved" => "competencies-notice-saved",
        _ => return None,
    };
    Some(key.into())
}

// ---------------------------------------------------------------------------
// The list and one template

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
    user.require(policy::may_run_cycles)?;
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
                    frozen: is_frozen(conn, &t)?,
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
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let lang = user.visitor.lang;
    let (form, frozen, competencies, parent, newer) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let form = fdb::load_form(conn, &id)?.ok_or(AppError::NotFound)?;
            let frozen = is_frozen(conn, &form.template)?;
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
            let newer = newest_version(&all, &form.template).map(|t| VersionLink {
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
            questions: qs
                .into_iter()
                .map(|q| QuestionView {
                    prompt: pick(lang, &q.prompt_id, &q.prompt_en),
                    help: pick(lang, &q.help_id, &q.help_en),
                    competency: q.competency_id.as_ref().and_then(|c| names.get(c).cloned()),
                    id: q.id,
                    kind: q.kind,
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

#[derive(Serialize)]
struct FrozenPage {
    template: TemplateRow,
}

/// What an edit page shows once the template is frozen.
fn frozen_page(
    state: &State,
    user: &CurrentUser,
    template: TemplateRow,
) -> Result<HttpResponse, AppError> {
    page(
        &state.templates,
        &user.visitor,
        "form_templates/frozen.html",
        &FrozenPage { template },
    )
}

/// Make a new version of a frozen template (same name, version + 1), or go to
/// the newer version that already exists.
pub async fn create_version(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let actor = user.user.id.clone();
    let (target, made) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let t = find_template(conn, &id)?;
                let all = fdb::templates(conn, true)?;
                if let Some(newer) = newest_version(&all, &t) {
                    return Ok((newer.id, false));
                }
                let new_id = fdb::copy_template(conn, &id, None)?;
                if t.is_default {
                    // The default moves on to the version people can still edit.
                    fdb::set_default(conn, &t.id, false)?;
                    fdb::set_default(conn, &new_id, true)?;
                }
                record(
                    conn,
                    &actor,
                    "template.versioned",
                    "template",
                    &new_id,
                    serde_json::json!({"from": t.id, "version": t.version + 1}),
                )?;
                Ok((new_id, true))
            })
        })
        .await?;
    let notice = if made { "versioned" } else { "newer" };
    Ok(see_other(&format!("/templates/{target}?notice={notice}")))
}

// ---------------------------------------------------------------------------
// Name and description; copy; archive

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct DetailsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

impl DetailsForm {
    fn parse(&self, errors: &mut FormErrors) -> (String, String) {
        let name = required_text(
            errors,
            "name",
            &self.name,
            NAME_MAX,
            "templates-error-name-missing",
        );
        let description = optional_text(errors, "description", &self.description, HELP_MAX);
        (name, description)
    }
}

#[derive(Serialize)]
struct DetailsPage {
    template: TemplateRow,
    form: DetailsForm,
    errors: FormErrors,
}

fn name_taken(all: &[TemplateRow], name: &str, except_name: Option<&str>) -> bool {
    Some(name) != except_name && all.iter().any(|t| t.name.trim() == name)
}

pub async fn edit_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let template = state.db.run(move |conn| find_template(conn, &id)).await?;
    let form = DetailsForm {
        name: template.name.clone(),
        description: template.description.clone(),
    };
    page(
        &state.templates,
        &user.visitor,
        "form_templates/details.html",
        &DetailsPage {
            template,
            form,
            errors: FormErrors::default(),
        },
    )
}

/// Rename and describe. Allowed on a frozen template too: the questions a
/// running cycle asks do not change.
pub async fn update_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let (name, description) = form.parse(&mut errors);
    let actor = user.user.id.clone();
    let tid = id.clone();
    let (template, errors) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let t = find_template(conn, &tid)?;
                if errors.is_empty()
                    && name_taken(&fdb::templates(conn, true)?, &name, Some(t.name.as_str()))
                {
                    errors.add("name", "templates-error-name-taken");
                }
                if !errors.is_empty() {
                    return Ok((t, errors));
                }
                fdb::rename_template(conn, &tid, &name, &description)?;
                record(
                    conn,
                    &actor,
                    "template.renamed",
                    "template",
                    &tid,
                    serde_json::json!({"from": t.name, "to": name}),
                )?;
                Ok((t, errors))
            })
        })
        .await?;
    if errors.is_empty() {
        return Ok(see_other(&format!("/templates/{id}?notice=saved")));
    }
    page_with_status(
        &state.templates,
        &user.visitor,
        StatusCode::UNPROCESSABLE_ENTITY,
        "form_templates/details.html",
        &DetailsPage {
            template,
            form,
            errors,
        },
    )
}

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

pub async fn new_template_copy(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let template = state.db.run(move |conn| find_template(conn, &id)).await?;
    let name = i18n::t_args(
        user.visitor.lang,
        "templates-copy-default-name",
        &[("name", template.name.clone().into())],
    );
    page(
        &state.templates,
        &user.visitor,
        "form_templates/copy.html",
        &CopyPage {
            template,
            form: CopyForm {
                name: name.chars().take(NAME_MAX).collect(),
            },
            errors: FormErrors::default(),
        },
    )
}

pub async fn copy_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<CopyForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
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
    let actor = user.user.id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let t = find_template(conn, &id)?;
                if errors.is_empty() && name_taken(&fdb::templates(conn, true)?, &name, None) {
                    errors.add("name", "templates-error-name-taken");
                }
                if !errors.is_empty() {
                    return Ok(Err((t, errors)));
                }
                let new_id = fdb::copy_template(conn, &id, Some(&name))?;
                record(
                    conn,
                    &actor,
                    "template.copied",
                    "template",
                    &new_id,
                    serde_json::json!({"from": t.id, "name": name}),
                )?;
                Ok(Ok(new_id))
            })
        })
        .await?;
    match outcome {
        Ok(new_id) => Ok(see_other(&format!("/templates/{new_id}?notice=copied"))),
        Err((template, errors)) => page_with_status(
            &state.templates,
            &user.visitor,
            StatusCode::UNPROCESSABLE_ENTITY,
            "form_templates/copy.html",
            &CopyPage {
                template,
                form,
                errors,
            },
        ),
    }
}

pub async fn archive_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    set_archived(state, user, path.into_inner(), true).await
}

pub async fn unarchive_template(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    set_archived(state, user, path.into_inner(), false).await
}

async fn set_archived(
    state: State,
    user: CurrentUser,
    id: String,
    archived: bool,
) -> Result<HttpResponse, AppError> {
    let actor = user.user.id.clone();
    let tid = id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let t = find_template(conn, &tid)?;
                if t.archived == archived {
                    return Ok(());
                }
                if archived && t.is_default {
                    return Err(AppError::Conflict("templates-error-archive-default"));
                }
                fdb::set_archived(conn, &tid, archived)?;
                let action = if archived {
                    "template.archived"
                } else {
                    "template.unarchived"
                };
                record(
                    conn,
                    &actor,
                    action,
                    "template",
                    &tid,
                    serde_json::Value::Null,
                )
            })
        })
        .await?;
    let notice = if archived { "archived" } else { "unarchived" };
    Ok(see_other(&format!("/templates/{id}?notice={notice}")))
}

// ---------------------------------------------------------------------------
// Sections

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
}

struct SectionText {
    title_id: String,
    title_en: String,
    help_id: String,
    help_en: String,
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
        }
    }

    fn from_row(s: &SectionRow) -> Self {
        Self {
            title_id: s.title_id.clone(),
            title_en: s.title_en.clone(),
            help_id: s.help_id.clone(),
            help_en: s.help_en.clone(),
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

fn section_form_page(
    state: &State,
    user: &CurrentUser,
    template: TemplateRow,
    section_id: Option<String>,
    form: SectionForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&errors),
        "form_templates/section_form.html",
        &SectionFormPage {
            template,
            section_id,
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
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (template, frozen) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let t = find_template(conn, &id)?;
            let frozen = is_frozen(conn, &t)?;
            Ok((t, frozen))
        })
        .await?;
    if frozen {
        return frozen_page(&state, &user, template);
    }
    section_form_page(
        &state,
        &user,
        template,
        None,
        SectionForm::default(),
        FormErrors::default(),
    )
}

pub async fn create_section(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<SectionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let text = form.parse(&mut errors);
    let actor = user.user.id.clone();
    let tid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let t = editable_template(conn, &tid)?;
                if !errors.is_empty() {
                    return Ok(Err((t, errors)));
                }
                let existing = fdb::load_form(conn, &tid)?.ok_or(AppError::NotFound)?;
                let position = existing
                    .sections
                    .iter()
                    .map(|(s, _)| s.position + 1)
                    .max()
                    .unwrap_or(0);
                let sid = db::new_id();
                fdb::insert_section(
                    conn,
                    &SectionRow {
                        id: sid.clone(),
                        template_id: tid.clone(),
                        position,
                        title_id: text.title_id,
                        title_en: text.title_en.clone(),
                        help_id: text.help_id,
                        help_en: text.help_en,
                    },
                )?;
                record(
                    conn,
                    &actor,
                    "template.section_added",
                    "template",
                    &tid,
                    serde_json::json!({"section_id": sid, "title": text.title_en}),
                )?;
                Ok(Ok(sid))
            })
        })
        .await?;
    match outcome {
        Ok(sid) => Ok(see_other(&format!(
            "/templates/{id}?notice=section-added#section-{sid}"
        ))),
        Err((template, errors)) => section_form_page(&state, &user, template, None, form, errors),
    }
}

pub async fn edit_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, sid) = path.into_inner();
    let (template, frozen, section) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let t = find_template(conn, &id)?;
            let s = section_of(conn, &id, &sid)?;
            let frozen = is_frozen(conn, &t)?;
            Ok((t, frozen, s))
        })
        .await?;
    if frozen {
        return frozen_page(&state, &user, template);
    }
    let form = SectionForm::from_row(&section);
    section_form_page(
        &state,
        &user,
        template,
        Some(section.id),
        form,
        FormErrors::default(),
    )
}

pub async fn update_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<SectionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, sid) = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let text = form.parse(&mut errors);
    let actor = user.user.id.clone();
    let (tid, section_id) = (id.clone(), sid.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let t = editable_template(conn, &tid)?;
                let s = section_of(conn, &tid, &section_id)?;
                if !errors.is_empty() {
                    return Ok(Err((t, errors)));
                }
                fdb::update_section(
                    conn,
                    &SectionRow {
                        title_id: text.title_id,
                        title_en: text.title_en,
                        help_id: text.help_id,
                        help_en: text.help_en,
                        ..s
                    },
                )?;
                record(
                    conn,
                    &actor,
                    "template.section_updated",
                    "template",
                    &tid,
                    serde_json::json!({"section_id": section_id}),
                )?;
                Ok(Ok(()))
            })
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/templates/{id}?notice=saved#section-{sid}"
        ))),
        Err((template, errors)) => {
            section_form_page(&state, &user, template, Some(sid), form, errors)
        }
    }
}

#[derive(Serialize)]
struct DeletePage {
    template: TemplateRow,
    what: &'static str,
    title: String,
    question_count: usize,
    action: String,
}

pub async fn confirm_delete_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, sid) = path.into_inner();
    let lang = user.visitor.lang;
    let (template, frozen, section, question_count) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let form = fdb::load_form(conn, &id)?.ok_or(AppError::NotFound)?;
            let frozen = is_frozen(conn, &form.template)?;
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
    user.require(policy::may_run_cycles)?;
    let (id, sid) = path.into_inner();
    let actor = user.user.id.clone();
    let tid = id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                editable_template(conn, &tid)?;
                let s = section_of(conn, &tid, &sid)?;
                fdb::delete_section(conn, &sid)?;
                record(
                    conn,
                    &actor,
                    "template.section_deleted",
                    "template",
                    &tid,
                    serde_json::json!({"section_id": sid, "title": s.title_en}),
                )
            })
        })
        .await?;
    Ok(see_other(&format!(
        "/templates/{id}?notice=section-deleted"
    )))
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    direction: String,
}

impl MoveForm {
    fn up(&self) -> Result<bool, AppError> {
        match self.direction.as_str() {
            "up" => Ok(true),
            "down" => Ok(false),
            _ => Err(AppError::BadRequest),
        }
    }
}

pub async fn move_section(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, sid) = path.into_inner();
    let up = form.up()?;
    let actor = user.user.id.clone();
    let (tid, section_id) = (id.clone(), sid.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                editable_template(conn, &tid)?;
                let form = fdb::load_form(conn, &tid)?.ok_or(AppError::NotFound)?;
                let mut sections: Vec<SectionRow> =
                    form.sections.into_iter().map(|(s, _)| s).collect();
                let index = sections
                    .iter()
                    .position(|s| s.id == section_id)
                    .ok_or(AppError::NotFound)?;
                if !shift(&mut sections, index, up) {
                    return Ok(());
                }
                for (pos, s) in sections.into_iter().enumerate() {
                    let pos = pos as i32;
                    if s.position != pos {
                        fdb::update_section(conn, &SectionRow { position: pos, ..s })?;
                    }
                }
                record(
                    conn,
                    &actor,
                    "template.section_moved",
                    "template",
                    &tid,
                    serde_json::json!({
                        "section_id": section_id,
                        "direction": if up { "up" } else { "down" },
                    }),
                )
            })
        })
        .await?;
    Ok(see_other(&format!("/templates/{id}#section-{sid}")))
}

// ---------------------------------------------------------------------------
// Questions

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct QuestionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    competency_id: String,
    #[serde(default)]
    side: String,
    #[serde(default)]
    prompt_id: String,
    #[serde(default)]
    prompt_en: String,
    #[serde(default)]
    help_id: String,
    #[serde(default)]
    help_en: String,
    #[serde(default)]
    required: Option<String>,
}

struct QuestionInput {
    kind: QuestionKind,
    side: Answerer,
    competency_id: Option<String>,
    prompt_id: String,
    prompt_en: String,
    help_id: String,
    help_en: String,
    required: bool,
}

impl QuestionForm {
    /// Everything but whether the competency exists (that needs the database).
    fn parse(&self, errors: &mut FormErrors) -> Option<QuestionInput> {
        let kind = QuestionKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "templates-error-kind-invalid");
        }
        let competency_id = Some(self.competency_id.trim().to_string()).filter(|c| !c.is_empty());
        if kind == Some(QuestionKind::CompetencyRating) && competency_id.is_none() {
            errors.add("competency_id", "templates-error-competency-missing");
        }
        let side = Answerer::parse(self.side.trim());
        if side.is_none() {
            errors.add("side", "templates-error-side-invalid");
        }
        let prompt_id = required_text(
            errors,
            "prompt_id",
            &self.prompt_id,
            PROMPT_MAX,
            "templates-error-prompt-id-missing",
        );
        let prompt_en = required_text(
            errors,
            "prompt_en",
            &self.prompt_en,
            PROMPT_MAX,
            "templates-error-prompt-en-missing",
        );
        let help_id = optional_text(errors, "help_id", &self.help_id, HELP_MAX);
        let help_en = optional_text(errors, "help_en", &self.help_en, HELP_MAX);
        let kind = kind?;
        Some(QuestionInput {
            competency_id: if kind == QuestionKind::CompetencyRating {
                competency_id
            } else {
                None
            },
            kind,
            side: side?,
            prompt_id,
            prompt_en,
            help_id,
            help_en,
            required: self.required.as_deref().is_some_and(|v| !v.is_empty()),
        })
    }

    fn from_row(q: &QuestionRow) -> Self {
        Self {
            kind: q.kind.clone(),
            competency_id: q.competency_id.clone().unwrap_or_default(),
            side: q.side.clone(),
            prompt_id: q.prompt_id.clone(),
            prompt_en: q.prompt_en.clone(),
            help_id: q.help_id.clone(),
            help_en: q.help_en.clone(),
            required: q.required.then(|| "1".to_string()),
        }
    }
}

/// A chosen competency must exist, and be active unless it is the one the
/// question already had.
fn check_competency(
    conn: &mut DbConnection,
    input: &QuestionInput,
    current: Option<&str>,
    errors: &mut FormErrors,
) -> Result<(), AppError> {
    if let Some(cid) = &input.competency_id {
        match fdb::find_competency(conn, cid)? {
            Some(c) if c.active || Some(c.id.as_str()) == current => {}
            _ => errors.add("competency_id", "templates-error-competency-unknown"),
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Choice {
    id: String,
    label: String,
}

#[derive(Serialize)]
struct QuestionFormPage {
    template: TemplateRow,
    section_id: String,
    section_title: String,
    question_id: Option<String>,
    form: QuestionForm,
    errors: FormErrors,
    kinds: Vec<&'static str>,
    sides: Vec<&'static str>,
    competencies: Vec<Choice>,
}

struct QuestionPageData {
    template: TemplateRow,
    section: SectionRow,
    competencies: Vec<CompetencyRow>,
}

fn load_question_page_data(
    conn: &mut DbConnection,
    tid: &str,
    sid: &str,
) -> Result<QuestionPageData, AppError> {
    Ok(QuestionPageData {
        template: find_template(conn, tid)?,
        section: section_of(conn, tid, sid)?,
        competencies: fdb::competencies(conn, true)?,
    })
}

fn question_form_page(
    state: &State,
    user: &CurrentUser,
    data: QuestionPageData,
    question_id: Option<String>,
    form: QuestionForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let lang = user.visitor.lang;
    let competencies = data
        .competencies
        .iter()
        .filter(|c| c.active || c.id == form.competency_id)
        .map(|c| Choice {
            id: c.id.clone(),
            label: pick(lang, &c.name_id, &c.name_en),
        })
        .collect();
    let model = QuestionFormPage {
        section_id: data.section.id.clone(),
        section_title: pick(lang, &data.section.title_id, &data.section.title_en),
        template: data.template,
        question_id,
        form,
        kinds: QuestionKind::ALL.iter().map(|k| k.code()).collect(),
        sides: [Answerer::Own, Answerer::Manager, Answerer::Both]
            .iter()
            .map(|s| s.code())
            .collect(),
        competencies,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "form_templates/question_form.html",
        &model,
    )
}

pub async fn new_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, sid) = path.into_inner();
    let (data, frozen) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let data = load_question_page_data(conn, &id, &sid)?;
            let frozen = is_frozen(conn, &data.template)?;
            Ok((data, frozen))
        })
        .await?;
    if frozen {
        return frozen_page(&state, &user, data.template);
    }
    let form = QuestionForm {
        side: "both".into(),
        required: Some("1".into()),
        ..Default::default()
    };
    question_form_page(&state, &user, data, None, form, FormErrors::default())
}

pub async fn create_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, sid) = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let input = form.parse(&mut errors);
    let actor = user.user.id.clone();
    let (tid, section_id) = (id.clone(), sid.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let saved = db::write_tx(conn, |conn| -> Result<_, AppError> {
                editable_template(conn, &tid)?;
                let section = section_of(conn, &tid, &section_id)?;
                if let Some(input) = &input {
                    check_competency(conn, input, None, &mut errors)?;
                }
                let Some(input) = input.filter(|_| errors.is_empty()) else {
                    return Ok(Err(errors));
                };
                let form = fdb::load_form(conn, &tid)?.ok_or(AppError::NotFound)?;
                let position = form
                    .sections
                    .iter()
                    .find(|(s, _)| s.id == section.id)
                    .and_then(|(_, qs)| qs.iter().map(|q| q.position + 1).max())
                    .unwrap_or(0);
                let qid = db::new_id();
                fdb::insert_question(
                    conn,
                    &QuestionRow {
                        id: qid.clone(),
                        section_id: section.id.clone(),
                        position,
                        kind: input.kind.code().into(),
                        side: input.side.code().into(),
                        prompt_id: input.prompt_id,
                        prompt_en: input.prompt_en.clone(),
                        help_id: input.help_id,
                        help_en: input.help_en,
                        competency_id: input.competency_id,
                        required: input.required,
                    },
                )?;
                record(
                    conn,
                    &actor,
                    "template.question_added",
                    "template",
                    &tid,
                    serde_json::json!({
                        "section_id": section.id,
                        "question_id": qid,
                        "kind": input.kind.code(),
                        "prompt": input.prompt_en,
                    }),
                )?;
                Ok(Ok(qid))
            })?;
            match saved {
                Ok(qid) => Ok(Ok(qid)),
                Err(errors) => Ok(Err((
                    load_question_page_data(conn, &tid, &section_id)?,
                    errors,
                ))),
            }
        })
        .await?;
    match outcome {
        Ok(qid) => Ok(see_other(&format!(
            "/templates/{id}?notice=question-added#question-{qid}"
        ))),
        Err((data, errors)) => question_form_page(&state, &user, data, None, form, errors),
    }
}

pub async fn edit_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, qid) = path.into_inner();
    let (data, frozen, question) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let (q, s) = question_of(conn, &id, &qid)?;
            let data = load_question_page_data(conn, &id, &s.id)?;
            let frozen = is_frozen(conn, &data.template)?;
            Ok((data, frozen, q))
        })
        .await?;
    if frozen {
        return frozen_page(&state, &user, data.template);
    }
    let form = QuestionForm::from_row(&question);
    question_form_page(
        &state,
        &user,
        data,
        Some(question.id),
        form,
        FormErrors::default(),
    )
}

pub async fn update_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, qid) = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let input = form.parse(&mut errors);
    let actor = user.user.id.clone();
    let (tid, question_id) = (id.clone(), qid.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let saved = db::write_tx(conn, |conn| -> Result<_, AppError> {
                editable_template(conn, &tid)?;
                let (q, s) = question_of(conn, &tid, &question_id)?;
                if let Some(input) = &input {
                    check_competency(conn, input, q.competency_id.as_deref(), &mut errors)?;
                }
                let Some(input) = input.filter(|_| errors.is_empty()) else {
                    return Ok(Err((errors, s.id)));
                };
                fdb::update_question(
                    conn,
                    &QuestionRow {
                        kind: input.kind.code().into(),
                        side: input.side.code().into(),
                        prompt_id: input.prompt_id,
                        prompt_en: input.prompt_en,
                        help_id: input.help_id,
                        help_en: input.help_en,
                        competency_id: input.competency_id,
                        required: input.required,
                        ..q
                    },
                )?;
                record(
                    conn,
                    &actor,
                    "template.question_updated",
                    "template",
                    &tid,
                    serde_json::json!({"question_id": question_id, "kind": input.kind.code()}),
                )?;
                Ok(Ok(()))
            })?;
            match saved {
                Ok(()) => Ok(Ok(())),
                Err((errors, sid)) => Ok(Err((load_question_page_data(conn, &tid, &sid)?, errors))),
            }
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/templates/{id}?notice=saved#question-{qid}"
        ))),
        Err((data, errors)) => question_form_page(&state, &user, data, Some(qid), form, errors),
    }
}

pub async fn confirm_delete_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, qid) = path.into_inner();
    let lang = user.visitor.lang;
    let (template, frozen, question) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let t = find_template(conn, &id)?;
            let (q, _) = question_of(conn, &id, &qid)?;
            let frozen = is_frozen(conn, &t)?;
            Ok((t, frozen, q))
        })
        .await?;
    if frozen {
        return frozen_page(&state, &user, template);
    }
    let model = DeletePage {
        action: format!(
            "/templates/{}/questions/{}/delete",
            template.id, question.id
        ),
        template,
        what: "question",
        title: pick(lang, &question.prompt_id, &question.prompt_en),
        question_count: 0,
    };
    page(
        &state.templates,
        &user.visitor,
        "form_templates/delete.html",
        &model,
    )
}

pub async fn delete_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, qid) = path.into_inner();
    let actor = user.user.id.clone();
    let tid = id.clone();
    let sid = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                editable_template(conn, &tid)?;
                let (q, s) = question_of(conn, &tid, &qid)?;
                fdb::delete_question(conn, &qid)?;
                record(
                    conn,
                    &actor,
                    "template.question_deleted",
                    "template",
                    &tid,
                    serde_json::json!({
                        "section_id": s.id,
                        "question_id": qid,
                        "prompt": q.prompt_en,
                    }),
                )?;
                Ok(s.id)
            })
        })
        .await?;
    Ok(see_other(&format!(
        "/templates/{id}?notice=question-deleted#section-{sid}"
    )))
}

pub async fn move_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let (id, qid) = path.into_inner();
    let up = form.up()?;
    let actor = user.user.id.clone();
    let (tid, question_id) = (id.clone(), qid.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                editable_template(conn, &tid)?;
                let (_, section) = question_of(conn, &tid, &question_id)?;
                let form = fdb::load_form(conn, &tid)?.ok_or(AppError::NotFound)?;
                let mut questions = form
                    .sections
                    .into_iter()
                    .find(|(s, _)| s.id == section.id)
                    .map(|(_, qs)| qs)
                    .unwrap_or_default();
                let index = questions
                    .iter()
                    .position(|q| q.id == question_id)
                    .ok_or(AppError::NotFound)?;
                if !shift(&mut questions, index, up) {
                    return Ok(());
                }
                for (pos, q) in questions.into_iter().enumerate() {
                    let pos = pos as i32;
                    if q.position != pos {
                        fdb::update_question(conn, &QuestionRow { position: pos, ..q })?;
                    }
                }
                record(
                    conn,
                    &actor,
                    "template.question_moved",
                    "template",
                    &tid,
                    serde_json::json!({
                        "question_id": question_id,
                        "direction": if up { "up" } else { "down" },
                    }),
                )
            })
        })
        .await?;
    Ok(see_other(&format!("/templates/{id}#question-{qid}")))
}

// ---------------------------------------------------------------------------
// The competency library

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
    user.require(policy::may_run_cycles)?;
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

struct CompetencyText {
    name_id: String,
    name_en: String,
    description_id: String,
    description_en: String,
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

pub async fn new_competency(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
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
    user.require(policy::may_run_cycles)?;
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
    let actor = user.user.id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let all = fdb::competencies(conn, true)?;
                let base = slugify(&text.name_en);
                let mut key = base.clone();
                let mut n = 2;
                while all.iter().any(|c| c.key == key) {
                    key = format!("{base}_{n}");
                    n += 1;
                }
                let id = db::new_id();
                fdb::insert_competency(
                    conn,
                    &CompetencyRow {
                        id: id.clone(),
                        key: key.clone(),
                        name_id: text.name_id,
                        name_en: text.name_en,
                        description_id: text.description_id,
                        description_en: text.description_en,
                        position: all.iter().map(|c| c.position + 1).max().unwrap_or(0),
                        active: true,
                        created_at: db::now(),
                    },
                )?;
                record(
                    conn,
                    &actor,
                    "competency.created",
                    "competency",
                    &id,
                    serde_json::json!({"key": key}),
                )
            })
        })
        .await?;
    Ok(see_other("/competencies?notice=competency-created"))
}

pub async fn edit_competency(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let c = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            fdb::find_competency(conn, &id)?.ok_or(AppError::NotFound)
        })
        .await?;
    competency_form_page(
        &state,
        &user,
        CompetencyFormPage {
            form: CompetencyForm::from_row(&c),
            id: Some(c.id),
            key: Some(c.key),
            errors: FormErrors::default(),
        },
    )
}

pub async fn update_competency(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<CompetencyForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let text = form.parse(&mut errors);
    let active = form.active.as_deref().is_some_and(|v| !v.is_empty());
    let actor = user.user.id.clone();
    let cid = id.clone();
    let current = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let c = fdb::find_competency(conn, &cid)?.ok_or(AppError::NotFound)?;
                if !errors.is_empty() {
                    return Ok(Err((c, errors)));
                }
                fdb::update_competency(
                    conn,
                    &cid,
                    &text.name_id,
                    &text.name_en,
                    &text.description_id,
                    &text.description_en,
                    active,
                )?;
                record(
                    conn,
                    &actor,
                    "competency.updated",
                    "competency",
                    &cid,
                    serde_json::json!({"active": active, "was_active": c.active}),
                )?;
                Ok(Ok(()))
            })
        })
        .await?;
    match current {
        Ok(()) => Ok(see_other("/competencies?notice=competency-saved")),
        Err((c, errors)) => competency_form_page(
            &state,
            &user,
            CompetencyFormPage {
                id: Some(c.id),
                key: Some(c.key),
                form,
                errors,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_english_names() {
        assert_eq!(slugify("Customer Focus!"), "customer_focus");
        assert_eq!(
            slugify("  Ownership & responsibility "),
            "ownership_responsibility"
        );
        assert_eq!(slugify("Kerja-tim 2"), "kerja_tim_2");
        assert_eq!(slugify("¿?"), "competency");
        assert!(slugify(&"long name ".repeat(20)).len() <= KEY_MAX);
        assert!(!slugify(&"ab ".repeat(30)).ends_with('_'));
    }

    #[test]
    fn items_shift_within_bounds() {
        let mut v = vec![1, 2, 3];
        assert!(shift(&mut v, 1, true));
        assert_eq!(v, [2, 1, 3]);
        assert!(!shift(&mut v, 0, true));
        assert!(shift(&mut v, 1, false));
        assert_eq!(v, [2, 3, 1]);
        assert!(!shift(&mut v, 2, false));
    }

    #[test]
    fn text_falls_back_to_the_other_language() {
        assert_eq!(pick(Lang::En, "Kerja tim", "Teamwork"), "Teamwork");
        assert_eq!(pick(Lang::Id, "Kerja tim", "Teamwork"), "Kerja tim");
        assert_eq!(pick(Lang::En, "Kerja tim", " "), "Kerja tim");
    }

    #[test]
    fn a_competency_rating_needs_a_competency() {
        let mut errors = FormErrors::default();
        let form = QuestionForm {
            kind: "competency_rating".into(),
            side: "both".into(),
            prompt_id: "Kerja tim".into(),
            prompt_en: "Teamwork".into(),
            ..Default::default()
        };
        form.parse(&mut errors);
        assert_eq!(
            errors.by_field.get("competency_id").map(String::as_str),
            Some("templates-error-competency-missing")
        );
        let mut errors = FormErrors::default();
        let parsed = QuestionForm {
            kind: "text".into(),
            competency_id: "x".into(),
            ..form
        }
        .parse(&mut errors)
        .expect("parses");
        assert!(errors.is_empty());
        assert_eq!(
            parsed.competency_id, None,
            "only competency ratings link one"
        );
        assert!(!parsed.required);
    }

    #[test]
    fn unknown_kinds_and_sides_are_refused() {
        let mut errors = FormErrors::default();
        let parsed = QuestionForm {
            kind: "essay".into(),
            side: "everyone".into(),
            ..Default::default()
        }
        .parse(&mut errors);
        assert!(parsed.is_none());
        let fields: Vec<&str> = errors.items.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "side", "prompt_id", "prompt_en"]);
    }
}

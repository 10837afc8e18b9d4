//! HR's form templates (sections and questions, in both languages) and the
//! competency library: the pages. The changes themselves, and the rule that
//! a template used by a launched review cycle is frozen (HR makes a new
//! version to edit instead), live in [`crate::app::form_templates`].
//!
//! One module per part of the editor: `templates` (the list, one template,
//! name, copy, archive, new version), `sections`, `questions` and
//! `competencies`. This one holds the routes and what they share.

mod competencies;
mod questions;
mod sections;
mod templates;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::page;
use super::State;
use crate::app;
use crate::app::form_templates::Direction;
use crate::db::forms::TemplateRow;
use crate::domain::Lang;
use crate::error::AppError;

const NAME_MAX: usize = 120;
const TITLE_MAX: usize = 200;
const PROMPT_MAX: usize = 500;
const HELP_MAX: usize = 2000;

/// Shown when a change reaches a template that a launch has frozen.
const FROZEN: &str = "templates-error-frozen";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/templates", web::get().to(templates::list_templates))
        .route("/templates/{id}", web::get().to(templates::show_template))
        .route(
            "/templates/{id}",
            web::post().to(templates::update_template),
        )
        .route(
            "/templates/{id}/edit",
            web::get().to(templates::edit_template),
        )
        .route(
            "/templates/{id}/copy",
            web::get().to(templates::new_template_copy),
        )
        .route(
            "/templates/{id}/copy",
            web::post().to(templates::copy_template),
        )
        .route(
            "/templates/{id}/new-version",
            web::post().to(templates::create_version),
        )
        .route(
            "/templates/{id}/archive",
            web::post().to(templates::archive_template),
        )
        .route(
            "/templates/{id}/unarchive",
            web::post().to(templates::unarchive_template),
        )
        .route(
            "/templates/{id}/sections/new",
            web::get().to(sections::new_section),
        )
        .route(
            "/templates/{id}/sections",
            web::post().to(sections::create_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/edit",
            web::get().to(sections::edit_section),
        )
        .route(
            "/templates/{id}/sections/{sid}",
            web::post().to(sections::update_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/delete",
            web::get().to(sections::confirm_delete_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/delete",
            web::post().to(sections::delete_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/move",
            web::post().to(sections::move_section),
        )
        .route(
            "/templates/{id}/sections/{sid}/questions/new",
            web::get().to(questions::new_question),
        )
        .route(
            "/templates/{id}/sections/{sid}/questions",
            web::post().to(questions::create_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/edit",
            web::get().to(questions::edit_question),
        )
        .route(
            "/templates/{id}/questions/{qid}",
            web::post().to(questions::update_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/delete",
            web::get().to(questions::confirm_delete_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/delete",
            web::post().to(questions::delete_question),
        )
        .route(
            "/templates/{id}/questions/{qid}/move",
            web::post().to(questions::move_question),
        )
        .route(
            "/competencies",
            web::get().to(competencies::list_competencies),
        )
        .route(
            "/competencies/new",
            web::get().to(competencies::new_competency),
        )
        .route(
            "/competencies/new",
            web::post().to(competencies::create_competency),
        )
        .route(
            "/competencies/{id}/edit",
            web::get().to(competencies::edit_competency),
        )
        .route(
            "/competencies/{id}/edit",
            web::post().to(competencies::update_competency),
        );
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

/// A command's refusal of some fields as form messages; any other refusal
/// becomes its page.
fn field_errors(e: app::Error) -> Result<FormErrors, AppError> {
    match e {
        app::Error::Invalid(fields) => {
            let mut errors = FormErrors::default();
            for (field, key) in fields {
                errors.add(&field, key);
            }
            Ok(errors)
        }
        other => Err(other.into()),
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

/// The page that asks before a section or question is deleted.
#[derive(Serialize)]
struct DeletePage {
    template: TemplateRow,
    what: &'static str,
    title: String,
    question_count: usize,
    action: String,
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    direction: String,
}

impl MoveForm {
    /// Up or down; anything else is a bad request.
    fn direction(&self) -> Result<Direction, AppError> {
        Direction::parse(&self.direction).ok_or(AppError::BadRequest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_the_other_language() {
        assert_eq!(pick(Lang::En, "Kerja tim", "Teamwork"), "Teamwork");
        assert_eq!(pick(Lang::Id, "Kerja tim", "Teamwork"), "Kerja tim");
        assert_eq!(pick(Lang::En, "Kerja tim", " "), "Kerja tim");
    }

    #[test]
    fn a_refused_field_becomes_its_message() {
        let errors = field_errors(app::Error::Invalid(vec![(
            "name".into(),
            "templates-error-name-taken",
        )]))
        .expect("field messages");
        assert_eq!(
            errors.by_field.get("name").map(String::as_str),
            Some("templates-error-name-taken")
        );
        assert!(field_errors(app::Error::NotFound).is_err());
    }
}

//! A template's questions: add, change, delete and move. The question's kind
//! and who answers it are parsed into the domain's enums here; an unknown
//! value is refused with a message, never replaced by a default.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{
    field_errors, frozen_page, optional_text, pick, required_text, status_for, DeletePage,
    MoveForm, FROZEN, HELP_MAX, PROMPT_MAX,
};
use crate::app::form_templates::{self as commands, QuestionInput};
use crate::db::forms::{self as fdb, CompetencyRow, QuestionRow, TemplateRow};
use crate::domain::policy;
use crate::domain::review::{Answerer, QuestionKind, Side};
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status, see_other};
use crate::web::State;

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
    manager_prompt_id: String,
    #[serde(default)]
    manager_prompt_en: String,
    #[serde(default)]
    manager_help_id: String,
    #[serde(default)]
    manager_help_en: String,
    #[serde(default)]
    required: Option<String>,
}

impl QuestionForm {
    /// Everything but whether the competency exists (that needs the
    /// database). `None` when the kind or the answerer is unknown.
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
        // The wording of each side that answers is required, in both
        // languages; a side that only reads the other's answer may go
        // without and then reads the other side's wording.
        let employee_answers = side.is_none_or(|a| a.includes(Side::Own));
        let manager_answers = side.is_some_and(|a| a.includes(Side::Manager));
        let text = |errors: &mut FormErrors, field: &str, value: &str, needed: bool, key: &str| {
            if needed {
                required_text(errors, field, value, PROMPT_MAX, key)
            } else {
                optional_text(errors, field, value, PROMPT_MAX)
            }
        };
        let prompt_id = text(
            errors,
            "prompt_id",
            &self.prompt_id,
            employee_answers,
            "templates-error-prompt-id-missing",
        );
        let prompt_en = text(
            errors,
            "prompt_en",
            &self.prompt_en,
            employee_answers,
            "templates-error-prompt-en-missing",
        );
        let help_id = optional_text(errors, "help_id", &self.help_id, HELP_MAX);
        let help_en = optional_text(errors, "help_en", &self.help_en, HELP_MAX);
        let manager_prompt_id = text(
            errors,
            "manager_prompt_id",
            &self.manager_prompt_id,
            manager_answers,
            "templates-error-manager-prompt-id-missing",
        );
        let manager_prompt_en = text(
            errors,
            "manager_prompt_en",
            &self.manager_prompt_en,
            manager_answers,
            "templates-error-manager-prompt-en-missing",
        );
        let manager_help_id =
            optional_text(errors, "manager_help_id", &self.manager_help_id, HELP_MAX);
        let manager_help_en =
            optional_text(errors, "manager_help_en", &self.manager_help_en, HELP_MAX);
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
            manager_prompt_id,
            manager_prompt_en,
            manager_help_id,
            manager_help_en,
            required: self.required.as_deref().is_some_and(|v| !v.is_empty()),
        })
    }

    fn from_row(q: &QuestionRow) -> Self {
        Self {
            kind: q.kind.into(),
            competency_id: q.competency_id.clone().unwrap_or_default(),
            side: q.side.clone(),
            prompt_id: q.prompt_id.clone(),
            prompt_en: q.prompt_en.clone(),
            help_id: q.help_id.clone(),
            help_en: q.help_en.clone(),
            manager_prompt_id: q.manager_prompt_id.clone(),
            manager_prompt_en: q.manager_prompt_en.clone(),
            manager_help_id: q.manager_help_id.clone(),
            manager_help_en: q.manager_help_en.clone(),
            required: q.required.then(|| "1".to_string()),
        }
    }

    /// What a new question starts with: answered by both, required.
    fn new_question() -> Self {
        Self {
            side: Answerer::Both.code().into(),
            required: Some("1".into()),
            ..Default::default()
        }
    }
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

/// Which question form: a new one in a section, or an existing question.
#[derive(Clone)]
enum Target {
    NewIn(String),
    Existing(String),
}

/// The question form: as stored (or blank), or as typed with its messages.
/// `chosen` is the competency a sent form picked: checked here too, so all
/// of a form's messages show at once. A frozen template shows the frozen
/// page instead; a form sent to a frozen template is refused.
async fn question_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    target: Target,
    form: Option<QuestionForm>,
    mut errors: FormErrors,
    chosen: Option<String>,
) -> Result<HttpResponse, AppError> {
    let sent = !errors.is_empty();
    let (template, frozen, section, question, competencies, errors) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let t = commands::find_template(conn, &id)?;
            let frozen = commands::is_frozen(conn, &t)?;
            if frozen && sent {
                return Err(AppError::Conflict(FROZEN));
            }
            let (section, question) = match target {
                Target::NewIn(sid) => (commands::section_of(conn, &id, &sid)?, None),
                Target::Existing(qid) => {
                    let (q, s) = commands::question_of(conn, &id, &qid)?;
                    (s, Some(q))
                }
            };
            let current = question.as_ref().and_then(|q| q.competency_id.as_deref());
            if let Some((field, key)) =
                commands::competency_problem(conn, chosen.as_deref(), current)?
            {
                errors.add(&field, key);
            }
            let competencies: Vec<CompetencyRow> = fdb::competencies(conn, true)?;
            Ok((t, frozen, section, question, competencies, errors))
        })
        .await?;
    if frozen {
        return frozen_page(state, user, template);
    }
    let form = form
        .or_else(|| question.as_ref().map(QuestionForm::from_row))
        .unwrap_or_else(QuestionForm::new_question);
    let lang = user.visitor.lang;
    let competencies = competencies
        .iter()
        .filter(|c| c.active || c.id == form.competency_id)
        .map(|c| Choice {
            id: c.id.clone(),
            label: pick(lang, &c.name_id, &c.name_en),
        })
        .collect();
    let model = QuestionFormPage {
        section_title: pick(lang, &section.title_id, &section.title_en),
        section_id: section.id,
        template,
        question_id: question.map(|q| q.id),
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
    user.require(policy::may_edit_form_templates)?;
    let (id, sid) = path.into_inner();
    let errors = FormErrors::default();
    question_page(&state, &user, id, Target::NewIn(sid), None, errors, None).await
}

pub async fn create_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, sid) = path.into_inner();
    save_question(state, user, id, Target::NewIn(sid), form.into_inner()).await
}

pub async fn edit_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, qid) = path.into_inner();
    let errors = FormErrors::default();
    question_page(&state, &user, id, Target::Existing(qid), None, errors, None).await
}

pub async fn update_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, qid) = path.into_inner();
    save_question(state, user, id, Target::Existing(qid), form.into_inner()).await
}

/// Add a question to a section, or change one: the form again with its
/// messages when it does not parse or the command refuses it.
async fn save_question(
    state: State,
    user: CurrentUser,
    id: String,
    target: Target,
    form: QuestionForm,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    let input = match form.parse(&mut errors) {
        Some(input) if errors.is_empty() => input,
        partial => {
            let chosen = partial.and_then(|i| i.competency_id);
            return question_page(&state, &user, id, target, Some(form), errors, chosen).await;
        }
    };
    let (actor, clock) = (user.actor(), state.clock());
    let (tid, at) = (id.clone(), target.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(match &at {
                Target::NewIn(sid) => commands::add_question(conn, &actor, clock, &tid, sid, input)
                    .map(|qid| ("question-added", qid)),
                Target::Existing(qid) => {
                    commands::edit_question(conn, &actor, clock, &tid, qid, input)
                        .map(|()| ("saved", qid.clone()))
                }
            })
        })
        .await?;
    match outcome {
        Ok((notice, qid)) => Ok(see_other(&format!(
            "/templates/{id}?notice={notice}#question-{qid}"
        ))),
        Err(e) => {
            let errors = field_errors(e)?;
            question_page(&state, &user, id, target, Some(form), errors, None).await
        }
    }
}

pub async fn confirm_delete_question(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_edit_form_templates)?;
    let (id, qid) = path.into_inner();
    let lang = user.visitor.lang;
    let (template, frozen, question) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let t = commands::find_template(conn, &id)?;
            let (q, _) = commands::question_of(conn, &id, &qid)?;
            let frozen = commands::is_frozen(conn, &t)?;
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
    user.require(policy::may_edit_form_templates)?;
    let (id, qid) = path.into_inner();
    let (actor, clock, tid) = (user.actor(), state.clock(), id.clone());
    let sid = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::delete_question(conn, &actor, clock, &tid, &qid))
        })
        .await??;
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
    user.require(policy::may_edit_form_templates)?;
    let (id, qid) = path.into_inner();
    let direction = form.direction()?;
    let (actor, clock) = (user.actor(), state.clock());
    let (tid, question_id) = (id.clone(), qid.clone());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::move_question(
                conn,
                &actor,
                clock,
                &tid,
                &question_id,
                direction,
            ))
        })
        .await??;
    Ok(see_other(&format!("/templates/{id}#question-{qid}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_competency_rating_needs_a_competency() {
        let mut errors = FormErrors::default();
        let form = QuestionForm {
            kind: "competency_rating".into(),
            side: "both".into(),
            prompt_id: "Kerja tim".into(),
            prompt_en: "Teamwork".into(),
            manager_prompt_id: "Kerja tim".into(),
            manager_prompt_en: "Teamwork".into(),
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
    fn each_side_that_answers_needs_its_own_wording() {
        let form = |side: &str| QuestionForm {
            kind: "text".into(),
            side: side.into(),
            ..Default::default()
        };
        let missing = |side: &str| {
            let mut errors = FormErrors::default();
            form(side).parse(&mut errors);
            errors
                .items
                .iter()
                .map(|e| e.field.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            missing("both"),
            [
                "prompt_id",
                "prompt_en",
                "manager_prompt_id",
                "manager_prompt_en"
            ]
        );
        assert_eq!(missing("self"), ["prompt_id", "prompt_en"]);
        assert_eq!(
            missing("manager"),
            ["manager_prompt_id", "manager_prompt_en"]
        );
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

//! Question commands: add, change, delete and move a template's questions.

use serde_json::json;

use super::{
    allowed, competency_problem, editable_template, invalid, question_of, record, reorder,
    section_of, Direction, QuestionInput,
};
use crate::app::{Actor, Clock, Error};
use crate::db::forms::{self as fdb, QuestionRow};
use crate::db::{self, DbConnection};
use crate::domain::review::QuestionKind;

/// The competency a question links: required for a competency rating, none
/// for any other kind; an unknown or retired one is refused.
fn question_competency(
    conn: &mut DbConnection,
    input: &QuestionInput,
    current: Option<&str>,
) -> Result<Option<String>, Error> {
    if input.kind != QuestionKind::CompetencyRating {
        return Ok(None);
    }
    let Some(cid) = input.competency_id.as_deref() else {
        return Err(invalid(
            "competency_id",
            "templates-error-competency-missing",
        ));
    };
    if let Some(problem) = competency_problem(conn, Some(cid), current)? {
        return Err(Error::Invalid(vec![problem]));
    }
    Ok(Some(cid.to_string()))
}

/// Add a question at the end of a section; its id.
pub fn add_question(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    section_id: &str,
    input: QuestionInput,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let section = section_of(conn, template_id, section_id)?;
        let competency_id = question_competency(conn, &input, None)?;
        let form = fdb::load_form(conn, template_id)?.ok_or(Error::NotFound)?;
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
                kind: input.kind,
                side: input.side.code().into(),
                prompt_id: input.prompt_id,
                prompt_en: input.prompt_en.clone(),
                help_id: input.help_id,
                help_en: input.help_en,
                manager_prompt_id: input.manager_prompt_id,
                manager_prompt_en: input.manager_prompt_en,
                manager_help_id: input.manager_help_id,
                manager_help_en: input.manager_help_en,
                competency_id,
                required: input.required,
            },
        )?;
        record(
            conn,
            actor,
            "template.question_added",
            "template",
            template_id,
            json!({
                "section_id": section.id,
                "question_id": qid,
                "kind": input.kind.code(),
                "prompt": input.prompt_en,
            }),
        )?;
        Ok(qid)
    })
}

pub fn edit_question(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    question_id: &str,
    input: QuestionInput,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let (q, _) = question_of(conn, template_id, question_id)?;
        let competency_id = question_competency(conn, &input, q.competency_id.as_deref())?;
        fdb::update_question(
            conn,
            &QuestionRow {
                kind: input.kind,
                side: input.side.code().into(),
                prompt_id: input.prompt_id,
                prompt_en: input.prompt_en,
                help_id: input.help_id,
                help_en: input.help_en,
                manager_prompt_id: input.manager_prompt_id,
                manager_prompt_en: input.manager_prompt_en,
                manager_help_id: input.manager_help_id,
                manager_help_en: input.manager_help_en,
                competency_id,
                required: input.required,
                ..q
            },
        )?;
        record(
            conn,
            actor,
            "template.question_updated",
            "template",
            template_id,
            json!({"question_id": question_id, "kind": input.kind.code()}),
        )
    })
}

/// Delete a question; the id of the section it was in.
pub fn delete_question(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    question_id: &str,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let (q, s) = question_of(conn, template_id, question_id)?;
        fdb::delete_question(conn, question_id)?;
        record(
            conn,
            actor,
            "template.question_deleted",
            "template",
            template_id,
            json!({
                "section_id": s.id,
                "question_id": question_id,
                "prompt": q.prompt_en,
            }),
        )?;
        Ok(s.id)
    })
}

/// Move a question one place up or down within its section.
pub fn move_question(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    question_id: &str,
    direction: Direction,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let (_, section) = question_of(conn, template_id, question_id)?;
        let form = fdb::load_form(conn, template_id)?.ok_or(Error::NotFound)?;
        let questions = form
            .sections
            .into_iter()
            .find(|(s, _)| s.id == section.id)
            .map(|(_, qs)| qs)
            .unwrap_or_default();
        if !reorder(
            conn,
            &questions,
            question_id,
            direction,
            fdb::set_question_position,
        )? {
            return Ok(());
        }
        record(
            conn,
            actor,
            "template.question_moved",
            "template",
            template_id,
            json!({"question_id": question_id, "direction": direction.code()}),
        )
    })
}

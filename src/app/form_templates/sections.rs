//! Section commands: add, change, delete and move a template's sections.

use serde_json::json;

use super::{allowed, editable_template, record, reorder, section_of, Direction, SectionText};
use crate::app::{Actor, Clock, Error};
use crate::db::forms::{self as fdb, SectionRow};
use crate::db::{self, DbConnection};

/// Add a section at the end of the template; its id.
pub fn add_section(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    text: SectionText,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let existing = fdb::load_form(conn, template_id)?.ok_or(Error::NotFound)?;
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
                template_id: template_id.to_string(),
                position,
                title_id: text.title_id,
                title_en: text.title_en.clone(),
                help_id: text.help_id,
                help_en: text.help_en,
                manager_title_id: text.manager_title_id,
                manager_title_en: text.manager_title_en,
                manager_help_id: text.manager_help_id,
                manager_help_en: text.manager_help_en,
            },
        )?;
        record(
            conn,
            actor,
            "template.section_added",
            "template",
            template_id,
            json!({"section_id": sid, "title": text.title_en}),
        )?;
        Ok(sid)
    })
}

pub fn edit_section(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    section_id: &str,
    text: SectionText,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let s = section_of(conn, template_id, section_id)?;
        fdb::update_section(
            conn,
            &SectionRow {
                title_id: text.title_id,
                title_en: text.title_en,
                help_id: text.help_id,
                help_en: text.help_en,
                manager_title_id: text.manager_title_id,
                manager_title_en: text.manager_title_en,
                manager_help_id: text.manager_help_id,
                manager_help_en: text.manager_help_en,
                ..s
            },
        )?;
        record(
            conn,
            actor,
            "template.section_updated",
            "template",
            template_id,
            json!({"section_id": section_id}),
        )
    })
}

/// Delete a section with its questions.
pub fn delete_section(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    section_id: &str,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let s = section_of(conn, template_id, section_id)?;
        fdb::delete_section(conn, section_id)?;
        record(
            conn,
            actor,
            "template.section_deleted",
            "template",
            template_id,
            json!({"section_id": section_id, "title": s.title_en}),
        )
    })
}

/// Move a section one place up or down (at the top or bottom: nothing).
pub fn move_section(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    template_id: &str,
    section_id: &str,
    direction: Direction,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        editable_template(conn, template_id, clock)?;
        let form = fdb::load_form(conn, template_id)?.ok_or(Error::NotFound)?;
        let sections: Vec<SectionRow> = form.sections.into_iter().map(|(s, _)| s).collect();
        if !reorder(
            conn,
            &sections,
            section_id,
            direction,
            fdb::set_section_position,
        )? {
            return Ok(());
        }
        record(
            conn,
            actor,
            "template.section_moved",
            "template",
            template_id,
            json!({"section_id": section_id, "direction": direction.code()}),
        )
    })
}

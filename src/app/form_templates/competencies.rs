//! Competency library commands: add a competency, change or retire one.

use serde_json::json;

use super::{allowed, is_unique_violation, record, slugify, CompetencyText, CHANGED_MEANWHILE};
use crate::app::{Actor, Clock, Error};
use crate::db::forms::{self as fdb, CompetencyRow};
use crate::db::{self, DbConnection};

/// Add a competency at the end of the library, with a key made from its
/// English name (numbered when taken); its id. Two added at once with the
/// same name: the second is refused by the key's uniqueness, not doubled.
pub fn add_competency(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    text: CompetencyText,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
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
                created_at: clock.now,
            },
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                Error::Conflict(CHANGED_MEANWHILE)
            } else {
                Error::from(e)
            }
        })?;
        record(
            conn,
            actor,
            "competency.created",
            "competency",
            &id,
            json!({"key": key}),
        )?;
        Ok(id)
    })
}

/// Change a competency's text, or retire it (`active` false) or bring it back.
/// Questions that already rate a retired competency keep it.
pub fn edit_competency(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    id: &str,
    text: &CompetencyText,
    active: bool,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        let c = fdb::find_competency(conn, id)?.ok_or(Error::NotFound)?;
        fdb::update_competency(
            conn,
            id,
            &text.name_id,
            &text.name_en,
            &text.description_id,
            &text.description_en,
            active,
        )?;
        record(
            conn,
            actor,
            "competency.updated",
            "competency",
            id,
            json!({"active": active, "was_active": c.active}),
        )
    })
}

//! Template commands: new versions, renames, copies and archiving.

use serde_json::json;

use super::{
    allowed, find_template, invalid, name_taken, newest_version, record, NewVersion,
    TemplateDetails,
};
use crate::app::{Actor, Clock, Error};
use crate::db::forms as fdb;
use crate::db::{self, DbConnection};

/// Make a new version of a template (same name, version + 1, the default
/// moving with it), or name the newer version that already exists. The
/// template row is locked first, so of two requests at once the second waits
/// and is sent to the version the first made: never two versions 2.
pub fn new_version(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    id: &str,
) -> Result<NewVersion, Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        let t = fdb::lock_template(conn, id)?.ok_or(Error::NotFound)?;
        let all = fdb::templates(conn, true)?;
        if let Some(newer) = newest_version(&all, &t) {
            return Ok(NewVersion::Newer(newer.id));
        }
        let new_id = fdb::copy_template(conn, id, None, clock.now)?;
        if t.is_default {
            // The default moves on to the version people can still edit.
            fdb::set_default(conn, &t.id, false)?;
            fdb::set_default(conn, &new_id, true)?;
        }
        record(
            conn,
            actor,
            "template.versioned",
            "template",
            &new_id,
            json!({"from": t.id, "version": t.version + 1}),
        )?;
        Ok(NewVersion::Made(new_id))
    })
}

/// Rename and describe. Allowed on a frozen template too: the questions a
/// running cycle asks do not change.
pub fn rename_template(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    id: &str,
    input: &TemplateDetails,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        let t = fdb::lock_template(conn, id)?.ok_or(Error::NotFound)?;
        if name_taken(&fdb::templates(conn, true)?, &input.name, Some(&t.name)) {
            return Err(invalid("name", "templates-error-name-taken"));
        }
        fdb::rename_template(conn, id, &input.name, &input.description, clock.now)?;
        record(
            conn,
            actor,
            "template.renamed",
            "template",
            id,
            json!({"from": t.name, "to": input.name}),
        )
    })
}

/// Copy a template under a new name (version 1, not frozen, not default).
pub fn copy_template(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    id: &str,
    name: &str,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        let t = find_template(conn, id)?;
        if name_taken(&fdb::templates(conn, true)?, name, None) {
            return Err(invalid("name", "templates-error-name-taken"));
        }
        let new_id = fdb::copy_template(conn, id, Some(name), clock.now)?;
        record(
            conn,
            actor,
            "template.copied",
            "template",
            &new_id,
            json!({"from": t.id, "name": name}),
        )?;
        Ok(new_id)
    })
}

/// Archive a template (never the default) or bring it back. Asking for the
/// state it is already in changes nothing and records nothing.
pub fn set_archived(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    id: &str,
    archived: bool,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        allowed(actor)?;
        if fdb::set_archived(conn, id, archived)? == 0 {
            let t = find_template(conn, id)?;
            if t.archived == archived {
                return Ok(());
            }
            return Err(Error::NotNow("templates-error-archive-default"));
        }
        let action = if archived {
            "template.archived"
        } else {
            "template.unarchived"
        };
        record(conn, actor, action, "template", id, serde_json::Value::Null)
    })
}

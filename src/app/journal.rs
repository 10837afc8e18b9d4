//! Journal commands: a person's own entries, a manager's notes about a
//! report, changing and deleting either. Each is one transaction that asks
//! `domain::policy` on the entry and its subject as read inside it, and writes
//! its audit record (never the entry's text: the journal is private).

use chrono::NaiveDate;
use serde_json::json;

use super::{Actor, Clock, Error};
use crate::db::journal::{self, JournalRow};
use crate::db::{self, audit, people, DbConnection, QueryResult};
use crate::domain::policy::{self, JournalFacts, PersonFacts};

/// A valid entry, as parsed from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInput {
    pub entry_on: NaiveDate,
    /// One of [`journal::KINDS`].
    pub kind: &'static str,
    pub body: String,
}

fn person_facts(p: &people::PersonRow) -> PersonFacts<'_> {
    PersonFacts {
        id: &p.id,
        manager_id: p.manager_id.as_deref(),
    }
}

fn journal_facts(e: &JournalRow) -> JournalFacts<'_> {
    JournalFacts {
        author_id: &e.author_id,
        subject_id: &e.subject_id,
    }
}

/// What the audit log keeps about an entry: never its text or kind (the
/// journal is private), only whose notes it belongs to.
fn audit_details(row: &JournalRow) -> serde_json::Value {
    if row.author_id == row.subject_id {
        json!({ "journal": "own" })
    } else {
        json!({ "journal": "notes", "person_id": row.subject_id })
    }
}

/// The entry and its subject, if the actor may change it. A read; the
/// commands below ask it again inside their transaction.
pub fn editable_entry(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(JournalRow, people::PersonRow), Error> {
    let entry = journal::find(conn, id)?.ok_or(Error::NotFound)?;
    let subject = people::find(conn, &entry.subject_id)?.ok_or(Error::NotFound)?;
    if !policy::may_edit_journal_entry(actor, journal_facts(&entry), person_facts(&subject)) {
        return Err(Error::Forbidden);
    }
    Ok((entry, subject))
}

/// The person the notes are about, if the actor may open their notes, and
/// whether the actor may write them. A read.
pub fn notes_subject(
    conn: &mut DbConnection,
    actor: &Actor,
    person_id: &str,
) -> Result<(people::PersonRow, bool), Error> {
    let subject = people::find(conn, person_id)?.ok_or(Error::NotFound)?;
    if !policy::may_read_notes_about(actor, person_facts(&subject)) {
        return Err(Error::Forbidden);
    }
    let can_write = policy::may_write_journal_about(actor, person_facts(&subject));
    Ok((subject, can_write))
}

/// The notes about `subject` the actor reads: every manager's (HR), or their
/// own. The caller has checked [`notes_subject`]. A read.
pub fn notes_for(
    conn: &mut DbConnection,
    actor: &Actor,
    subject: &people::PersonRow,
) -> QueryResult<Vec<JournalRow>> {
    if policy::may_read_every_note_about(actor, person_facts(subject)) {
        journal::notes_about(conn, &subject.id)
    } else {
        journal::list(conn, &actor.id, &subject.id)
    }
}

fn insert(
    conn: &mut DbConnection,
    clock: Clock,
    author_id: &str,
    subject_id: &str,
    input: &EntryInput,
) -> Result<String, Error> {
    let row = JournalRow {
        id: db::new_id(),
        author_id: author_id.to_string(),
        subject_id: subject_id.to_string(),
        entry_on: input.entry_on,
        kind: input.kind.to_string(),
        body: input.body.clone(),
        visibility: "private".into(),
        created_at: clock.now,
        updated_at: clock.now,
    };
    journal::insert(conn, &row)?;
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(author_id),
            action: "journal.created",
            subject_type: "journal_entry",
            subject_id: &row.id,
            details: audit_details(&row),
            ..Default::default()
        },
    )?;
    Ok(row.id)
}

/// An entry in the actor's own journal. Returns its id.
pub fn add_own_entry(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    input: &EntryInput,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        let me = people::find(conn, &actor.id)?.ok_or(Error::NotFound)?;
        if !policy::may_write_journal_about(actor, person_facts(&me)) {
            return Err(Error::Forbidden);
        }
        insert(conn, clock, &actor.id, &me.id, input)
    })
}

/// A manager's note about a report. Checked inside the transaction: the
/// report may have moved to another manager. Returns the note's id.
pub fn add_note(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    subject_id: &str,
    input: &EntryInput,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        let (subject, can_write) = notes_subject(conn, actor, subject_id)?;
        if !can_write {
            return Err(Error::Forbidden);
        }
        insert(conn, clock, &actor.id, &subject.id, input)
    })
}

/// Change an entry (own journal or one's notes). Returns the entry as it was.
pub fn update_entry(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    id: &str,
    input: &EntryInput,
) -> Result<JournalRow, Error> {
    db::write_tx(conn, |conn| {
        let (entry, _) = editable_entry(conn, actor, id)?;
        journal::update(conn, &entry.id, input.entry_on, input.kind, &input.body)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "journal.updated",
                subject_type: "journal_entry",
                subject_id: &entry.id,
                details: audit_details(&entry),
                ..Default::default()
            },
        )?;
        Ok(entry)
    })
}

/// Delete an entry (own journal or one's notes). Returns the deleted entry.
pub fn delete_entry(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    id: &str,
) -> Result<JournalRow, Error> {
    db::write_tx(conn, |conn| {
        let (entry, _) = editable_entry(conn, actor, id)?;
        journal::delete(conn, &entry.id)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "journal.deleted",
                subject_type: "journal_entry",
                subject_id: &entry.id,
                details: audit_details(&entry),
                ..Default::default()
            },
        )?;
        Ok(entry)
    })
}

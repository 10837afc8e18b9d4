//! Account operations shared by the web pages and the command line: adding
//! people, invitation and setup links, passwords. Each runs in the caller's
//! transaction and writes its audit record.

use chrono::Duration;

use crate::auth;
use crate::db::{self, audit, people, sessions, tokens, DbConnection, QueryResult};
use crate::domain::mail::MailKind;
use crate::domain::person::PersonDetails;

/// How long links stay usable.
pub const INVITATION_DAYS: i64 = 14;
pub const SETUP_HOURS: i64 = 24;
/// A password reset link is short-lived: it arrives in minutes, or not at all.
pub const RESET_MINUTES: i64 = 60;
/// At most one reset mail per person in this many minutes.
pub const RESET_PAUSE_MINUTES: i64 = 5;

/// Issue a one-time link token; older unused tokens of the same purpose for
/// the same person stop working.
pub fn issue_token(
    conn: &mut DbConnection,
    purpose: tokens::Purpose,
    person_id: Option<&str>,
    created_by: Option<&str>,
    ttl: Duration,
) -> QueryResult<String> {
    let now = db::now();
    tokens::revoke(conn, purpose, person_id, now)?;
    let token = auth::random_token();
    tokens::insert(
        conn,
        &auth::token_hash(&token),
        purpose,
        person_id,
        created_by,
        now,
        now + ttl,
    )?;
    Ok(token)
}

pub fn invitation_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/invitation/{token}")
}

pub fn reset_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/password/reset/{token}")
}

pub fn setup_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/setup/{token}")
}

/// Add a person (no password yet) and return their id and invitation token.
pub fn add_person(
    conn: &mut DbConnection,
    details: &PersonDetails,
    manager_id: Option<&str>,
    actor_id: Option<&str>,
    via: &str,
) -> QueryResult<(String, String)> {
    let now = db::now();
    let id = db::new_id();
    people::insert(
        conn,
        &people::NewPersonRow {
            id: id.clone(),
            email: details.email.as_str().to_string(),
            name: details.name.clone(),
            password_hash: None,
            role: details.role.code().into(),
            manager_id: manager_id.map(str::to_string),
            department: details.department.clone(),
            job_title: details.job_title.clone(),
            job_description: details.job_description.clone(),
            lang: details.lang.code().into(),
            active: true,
            email_digest: false,
            created_at: now,
            updated_at: now,
        },
    )?;
    audit::record(
        conn,
        audit::Entry {
            actor_id,
            action: "person.created",
            subject_type: "person",
            subject_id: &id,
            details: serde_json::json!({ "email": details.email.as_str(), "role": details.role.code(), "manager_id": manager_id, "via": via }),
            ..Default::default()
        },
    )?;
    let token = issue_token(
        conn,
        tokens::Purpose::Invitation,
        Some(&id),
        actor_id,
        Duration::days(INVITATION_DAYS),
    )?;
    crate::mail::outbox::account_link(conn, MailKind::AccountInvitation, &id, &token)?;
    Ok((id, token))
}

/// Someone forgot their password: if `email` belongs to an active person, a
/// reset link is emailed (at most one every few minutes, so the form cannot
/// be used to flood an inbox). Returns whether a mail was queued; callers
/// must not tell the visitor.
pub fn request_password_reset(conn: &mut DbConnection, email: &str) -> QueryResult<bool> {
    let Some(person) = people::find_by_email(conn, email)?.filter(|p| p.active) else {
        return Ok(false);
    };
    let since = db::now() - Duration::minutes(RESET_PAUSE_MINUTES);
    if crate::db::outbox::recent(conn, &person.id, MailKind::PasswordReset.code(), since)? {
        return Ok(false);
    }
    let token = issue_token(
        conn,
        tokens::Purpose::PasswordReset,
        Some(&person.id),
        None,
        Duration::minutes(RESET_MINUTES),
    )?;
    crate::mail::outbox::account_link(conn, MailKind::PasswordReset, &person.id, &token)?;
    audit::record(
        conn,
        audit::Entry {
            action: "person.password_reset_requested",
            subject_type: "person",
            subject_id: &person.id,
            ..Default::default()
        },
    )?;
    Ok(true)
}

/// Set a password and end every session of that person.
pub fn set_password(
    conn: &mut DbConnection,
    person_id: &str,
    hash: &str,
    actor_id: Option<&str>,
    via: &str,
) -> QueryResult<()> {
    people::set_password_hash(conn, person_id, hash)?;
    sessions::delete_for_person(conn, person_id)?;
    audit::record(
        conn,
        audit::Entry {
            actor_id,
            action: "person.password_set",
            subject_type: "person",
            subject_id: person_id,
            details: serde_json::json!({ "via": via }),
            ..Default::default()
        },
    )
}

/// When there is no HR person yet: a fresh setup link token.
pub fn setup_token_if_needed(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    if people::has_hr_admin(conn)? {
        return Ok(None);
    }
    issue_token(
        conn,
        tokens::Purpose::Setup,
        None,
        None,
        Duration::hours(SETUP_HOURS),
    )
    .map(Some)
}

/// Write the differences between `current` and `details`, with one audit
/// record for the edit and separate ones for a role or manager change.
pub fn apply_changes(
    conn: &mut DbConnection,
    current: &people::PersonRow,
    details: &PersonDetails,
    manager_id: Option<&str>,
    actor: &str,
    via: &str,
) -> QueryResult<bool> {
    let mut changes = people::PersonChanges::default();
    let mut changed: Vec<&str> = vec![];
    if current.email != details.email.as_str() {
        changes.email = Some(details.email.as_str().into());
        changed.push("email");
    }
    if current.name != details.name {
        changes.name = Some(details.name.clone());
        changed.push("name");
    }
    if current.department != details.department {
        changes.department = Some(details.department.clone());
        changed.push("department");
    }
    if current.job_title != details.job_title {
        changes.job_title = Some(details.job_title.clone());
        changed.push("job_title");
    }
    if current.job_description != details.job_description {
        changes.job_description = Some(details.job_description.clone());
        changed.push("job_description");
    }
    if current.lang != details.lang.code() {
        changes.lang = Some(details.lang.code().into());
        changed.push("lang");
    }
    let role_changed = current.role != details.role.code();
    if role_changed {
        changes.role = Some(details.role.code().into());
    }
    let manager_changed = current.manager_id.as_deref() != manager_id;
    if manager_changed {
        changes.manager_id = Some(manager_id.map(str::to_string));
    }
    if changed.is_empty() && !role_changed && !manager_changed {
        return Ok(false);
    }
    changes.updated_at = Some(db::now());
    people::update(conn, &current.id, &changes)?;
    let entry = |action, details| audit::Entry {
        actor_id: Some(actor),
        action,
        subject_type: "person",
        subject_id: &current.id,
        details,
        ..Default::default()
    };
    if !changed.is_empty() {
        audit::record(
            conn,
            entry(
                "person.updated",
                serde_json::json!({ "fields": changed, "via": via }),
            ),
        )?;
    }
    if role_changed {
        audit::record(
            conn,
            entry(
                "person.role_changed",
                serde_json::json!({ "from": current.role, "to": details.role.code(), "via": via }),
            ),
        )?;
    }
    if manager_changed {
        audit::record(
            conn,
            entry(
                "person.manager_changed",
                serde_json::json!({ "from": current.manager_id, "to": manager_id, "via": via }),
            ),
        )?;
    }
    Ok(true)
}

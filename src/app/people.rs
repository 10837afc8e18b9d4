//! People and accounts: adding people (form, CSV import in [`import`],
//! command line, the first HR account, the demo), changing and deactivating
//! them, invitation links; sign-in, sessions, passwords and a person's own
//! settings are in [`account`].
//!
//! One function puts a person into the directory: [`insert_person`]. The
//! commands (`pub fn … -> Result<_, Error>`) each open one transaction, ask
//! `domain::policy` on rows read inside it and write their audit rows; the
//! helpers that return `QueryResult` run in their caller's transaction.

pub mod account;
pub mod import;

pub use account::{
    ask_password_reset, change_own_password, record_failed_sign_in, request_password_reset,
    send_sign_in_link, set_own_email_digest, set_own_language, set_password, set_password_by_link,
    set_password_by_operator, sign_in, sign_in_by_link, sign_in_link_is_live, sign_out,
    start_session, PasswordLink,
};
pub use import::{import_people, plan_import};

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};

use super::{Actor, Clock, Error};
use crate::auth;
use crate::db::{self, audit, people, sessions, tokens, DbConnection, QueryResult};
use crate::domain::mail::MailKind;
use crate::domain::person::{self, PersonDetails};
use crate::domain::policy::{self, PersonFacts};
use crate::domain::{EmailAddress, Lang, Role};

/// How long links stay usable.
pub const INVITATION_DAYS: i64 = 14;
pub const SETUP_HOURS: i64 = 24;
/// A password reset link is short-lived: it arrives in minutes, or not at all.
pub const RESET_MINUTES: i64 = 60;
/// At most one reset mail per person in this many minutes.
pub const RESET_PAUSE_MINUTES: i64 = 5;
/// A sign-in link (the step a held-back sign-in needs) works this long.
pub const SIGN_IN_LINK_MINUTES: i64 = 15;
/// A device that signed in successfully is trusted this long by the throttle.
pub const TRUSTED_DEVICE_DAYS: i64 = 180;

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

pub fn sign_in_link_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/sign-in/link/{token}")
}

pub fn setup_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/setup/{token}")
}

fn facts(p: &people::PersonRow) -> PersonFacts<'_> {
    PersonFacts {
        id: &p.id,
        manager_id: p.manager_id.as_deref(),
    }
}

// ---- the one way in ----

/// Who added a person, for the audit record.
#[derive(Debug, Clone, Copy)]
pub enum AddedBy<'a> {
    /// Someone signed in (HR), or the command line / the demo loader (`None`).
    Actor(Option<&'a str>),
    /// The person created their own account (the first HR account).
    Themselves,
}

/// A person about to enter the directory.
#[derive(Debug, Clone, Copy)]
pub struct NewPerson<'a> {
    pub details: &'a PersonDetails,
    pub manager_id: Option<&'a str>,
    /// Set for the first HR account and the demo; others get an invitation.
    pub password_hash: Option<&'a str>,
}

/// Put a person into the directory, with its `person.created` audit record:
/// every way a person is added (HR's form, the CSV import, `cermin user add`,
/// the first HR account, the demo) goes through here. Returns the new id.
/// Runs in the caller's transaction; the caller has checked the rules.
pub fn insert_person(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    new: NewPerson<'_>,
    by: AddedBy<'_>,
    via: &str,
) -> QueryResult<String> {
    let id = db::new_id();
    let d = new.details;
    people::insert(
        conn,
        &people::NewPersonRow {
            id: id.clone(),
            email: d.email.as_str().to_string(),
            name: d.name.clone(),
            password_hash: new.password_hash.map(str::to_string),
            role: d.role.code().into(),
            manager_id: new.manager_id.map(str::to_string),
            department: d.department.clone(),
            job_title: d.job_title.clone(),
            job_description: d.job_description.clone(),
            lang: d.lang.code().into(),
            active: true,
            email_digest: false,
            created_at: now,
            updated_at: now,
        },
    )?;
    let actor_id = match by {
        AddedBy::Actor(a) => a,
        AddedBy::Themselves => Some(id.as_str()),
    };
    audit::record(
        conn,
        audit::Entry {
            actor_id,
            action: "person.created",
            subject_type: "person",
            subject_id: &id,
            details: serde_json::json!({ "email": d.email.as_str(), "role": d.role.code(), "manager_id": new.manager_id, "via": via }),
            ..Default::default()
        },
    )?;
    Ok(id)
}

/// Add a person (no password yet) and return their id and invitation token;
/// the invitation mail is queued in the same transaction.
pub fn add_person(
    conn: &mut DbConnection,
    details: &PersonDetails,
    manager_id: Option<&str>,
    actor_id: Option<&str>,
    via: &str,
) -> QueryResult<(String, String)> {
    let id = insert_person(
        conn,
        db::now(),
        NewPerson {
            details,
            manager_id,
            password_hash: None,
        },
        AddedBy::Actor(actor_id),
        via,
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

/// A manager choice is refused unless the manager exists, is active, and the
/// choice makes no loop (`person_id`: the person being edited, if any).
fn check_manager(
    conn: &mut DbConnection,
    person_id: Option<&str>,
    manager_id: Option<&str>,
) -> QueryResult<Option<&'static str>> {
    let Some(mid) = manager_id else {
        return Ok(None);
    };
    match people::find(conn, mid)? {
        Some(m) if m.active => {}
        _ => return Ok(Some("error-manager-unknown")),
    }
    if let Some(pid) = person_id {
        let links: HashMap<String, Option<String>> =
            people::manager_links(conn)?.into_iter().collect();
        if person::creates_manager_cycle(pid, mid, |id| links.get(id).cloned().flatten()) {
            return Ok(Some("error-manager-cycle"));
        }
    }
    Ok(None)
}

fn invalid(field: &str, key: &'static str) -> Error {
    Error::Invalid(vec![(field.to_string(), key)])
}

/// A person as HR enters them: details and an optional manager.
#[derive(Debug, Clone)]
pub struct PersonInput {
    pub details: PersonDetails,
    pub manager_id: Option<String>,
}

/// Someone just added, with their invitation token.
#[derive(Debug, Clone)]
pub struct Added {
    pub id: String,
    pub name: String,
    pub email: String,
    pub token: String,
}

/// HR adds a person from the form. Refusals: `Invalid` on `email` (taken) or
/// `manager_id` (unknown, inactive).
pub fn create_person(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    input: PersonInput,
) -> Result<Added, Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_manage_people(actor) {
            return Err(Error::Forbidden);
        }
        if people::find_by_email(conn, input.details.email.as_str())?.is_some() {
            return Err(invalid("email", "error-email-taken"));
        }
        if let Some(key) = check_manager(conn, None, input.manager_id.as_deref())? {
            return Err(invalid("manager_id", key));
        }
        let (id, token) = add_person(
            conn,
            &input.details,
            input.manager_id.as_deref(),
            Some(&actor.id),
            "form",
        )?;
        Ok(Added {
            id,
            name: input.details.name,
            email: input.details.email.into_string(),
            token,
        })
    })
}

/// `cermin user add`: the operator at the server adds a person, naming the
/// manager by email. Refusals: `Invalid` on `email` (taken) or `manager`
/// (nobody active has that email).
pub fn add_person_by_operator(
    conn: &mut DbConnection,
    _clock: Clock,
    details: &PersonDetails,
    manager_email: Option<&str>,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        if people::find_by_email(conn, details.email.as_str())?.is_some() {
            return Err(invalid("email", "error-email-taken"));
        }
        let manager_id = match manager_email {
            Some(m) => Some(
                people::find_by_email(conn, m)?
                    .filter(|p| p.active)
                    .ok_or_else(|| invalid("manager", "error-manager-unknown"))?
                    .id,
            ),
            None => None,
        };
        let (_, token) = add_person(conn, details, manager_id.as_deref(), None, "cli")?;
        Ok(token)
    })
}

/// HR changes a person's details. Refusals: `NotFound`; `Invalid` on `email`
/// (taken), `role` (one's own role) or `manager_id` (unknown or a loop).
pub fn update_person(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    person_id: &str,
    input: PersonInput,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_manage_people(actor) {
            return Err(Error::Forbidden);
        }
        let current = people::find(conn, person_id)?.ok_or(Error::NotFound)?;
        if let Some(other) = people::find_by_email(conn, input.details.email.as_str())? {
            if other.id != current.id {
                return Err(invalid("email", "error-email-taken"));
            }
        }
        if input.details.role.code() != current.role
            && !policy::may_change_role_of(actor, facts(&current))
        {
            return Err(invalid("role", "error-role-own"));
        }
        if let Some(key) = check_manager(conn, Some(&current.id), input.manager_id.as_deref())? {
            return Err(invalid("manager_id", key));
        }
        apply_changes(
            conn,
            &current,
            &input.details,
            input.manager_id.as_deref(),
            &actor.id,
            "form",
        )?;
        Ok(())
    })
}

/// Deactivate (sign out everywhere, void the invitation) or reactivate a
/// person. Refusals: `NotFound`; `NotNow("error-deactivate-self")`.
pub fn set_active(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    person_id: &str,
    active: bool,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_manage_people(actor) {
            return Err(Error::Forbidden);
        }
        let p = people::find(conn, person_id)?.ok_or(Error::NotFound)?;
        if !active && !policy::may_deactivate(actor, facts(&p)) {
            return Err(Error::NotNow("error-deactivate-self"));
        }
        if p.active == active {
            return Ok(());
        }
        people::set_active(conn, &p.id, active)?;
        if !active {
            sessions::delete_for_person(conn, &p.id)?;
            tokens::revoke(conn, tokens::Purpose::Invitation, Some(&p.id), clock.now)?;
        }
        let action = if active {
            "person.reactivated"
        } else {
            "person.deactivated"
        };
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action,
                subject_type: "person",
                subject_id: &p.id,
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

/// A new one-time password link for an active person, made by HR and
/// emailed to them (an older link of the same kind stops working). Someone
/// who has never set a password gets an invitation ("your account is ready:
/// choose a password", valid for days); someone who has one gets a password
/// reset ("choose a new password", valid for an hour, as when they ask
/// themselves). Returns the person, which link it is, and the token.
/// Refusal: `NotFound`.
pub fn send_password_link(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    person_id: &str,
) -> Result<(people::PersonRow, PasswordLink, String), Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_manage_people(actor) {
            return Err(Error::Forbidden);
        }
        let p = people::find(conn, person_id)?
            .filter(|p| p.active)
            .ok_or(Error::NotFound)?;
        let (link, ttl, kind, action) = if p.has_password() {
            (
                PasswordLink::Reset,
                Duration::minutes(RESET_MINUTES),
                MailKind::PasswordReset,
                "person.password_reset_sent",
            )
        } else {
            (
                PasswordLink::Invitation,
                Duration::days(INVITATION_DAYS),
                MailKind::AccountInvitation,
                "person.invited",
            )
        };
        let token = issue_token(conn, link.purpose(), Some(&p.id), Some(&actor.id), ttl)?;
        crate::mail::outbox::account_link(conn, kind, &p.id, &token)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action,
                subject_type: "person",
                subject_id: &p.id,
                ..Default::default()
            },
        )?;
        Ok((p, link, token))
    })
}

/// Write the differences between `current` and `details`, with one audit
/// record for the edit and separate ones for a role or manager change.
/// Runs in the caller's transaction.
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

// ---- first run: the first HR account ----

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

/// At start-up: when there is no HR person yet, a fresh setup link token
/// ([`setup_token_if_needed`] in its own transaction).
pub fn issue_setup_link(conn: &mut DbConnection, _clock: Clock) -> Result<Option<String>, Error> {
    db::write_tx(conn, |conn| Ok(setup_token_if_needed(conn)?))
}

/// The first HR account as typed on the setup page.
#[derive(Debug, Clone)]
pub struct FirstHr {
    pub name: String,
    pub email: EmailAddress,
    pub password_hash: String,
    pub lang: Lang,
}

/// Create the first HR account from the one-time setup link (the token is
/// the proof; there is no actor yet) and sign them in: returns the session
/// token. `None` when the link was used, has expired, or no longer applies
/// (an HR account exists, or the email is taken); the link is spent then.
pub fn create_first_hr(
    conn: &mut DbConnection,
    clock: Clock,
    setup_token: &str,
    input: FirstHr,
    session_ttl: Duration,
) -> Result<Option<String>, Error> {
    let token_hash = auth::token_hash(setup_token);
    db::write_tx(conn, |conn| {
        if tokens::find_live(conn, &token_hash, tokens::Purpose::Setup, clock.now)?.is_none()
            || !tokens::consume(conn, &token_hash, clock.now)?
            || people::has_hr_admin(conn)?
        {
            return Ok(None);
        }
        if people::find_by_email(conn, input.email.as_str())?.is_some() {
            return Ok(None);
        }
        let details = PersonDetails {
            email: input.email,
            name: input.name,
            role: Role::Hr,
            department: String::new(),
            job_title: String::new(),
            job_description: String::new(),
            lang: input.lang,
        };
        let id = insert_person(
            conn,
            clock.now,
            NewPerson {
                details: &details,
                manager_id: None,
                password_hash: Some(&input.password_hash),
            },
            AddedBy::Themselves,
            "setup",
        )?;
        Ok(Some(start_session(conn, clock.now, &id, session_ttl)?))
    })
}

// ---- a password set from a link, in the language chosen on its page ----

/// Set a password from an invitation or reset link, as
/// [`set_password_by_link`] does, and keep `chosen` (the language the
/// visitor picked on the link's page, if they picked one) as the person's
/// own language from now on: one transaction, so the language is stored
/// only when the password is. Returns the new session's token, or `None`
/// when the link no longer works.
pub fn set_password_by_link_in(
    conn: &mut DbConnection,
    clock: Clock,
    link: PasswordLink,
    token: &str,
    password_hash: &str,
    session_ttl: Duration,
    chosen: Option<Lang>,
) -> Result<Option<String>, Error> {
    db::write_tx(conn, |conn| {
        let Some(session) =
            set_password_by_link(conn, clock, link, token, password_hash, session_ttl)?
        else {
            return Ok(None);
        };
        let signed_in = sessions::find_with_person(conn, &auth::token_hash(&session))?;
        if let (Some(lang), Some((_, person))) = (chosen, signed_in) {
            if person.lang != lang.code() {
                let actor = Actor {
                    id: person.id.clone(),
                    role: Role::from_stored(&person.role),
                };
                set_own_language(conn, &actor, clock, lang)?;
            }
        }
        Ok(Some(session))
    })
}

//! A person's own account: signing in and out, sessions, password links and
//! password changes, and their settings (language, email digest).

use chrono::{Duration, NaiveDateTime};

use super::{
    issue_token, RESET_MINUTES, RESET_PAUSE_MINUTES, SIGN_IN_LINK_MINUTES, TRUSTED_DEVICE_DAYS,
};
use crate::app::{Actor, Clock, Error};
use crate::auth;
use crate::db::{self, audit, people, sessions, tokens, DbConnection, QueryResult};
use crate::domain::mail::MailKind;
use crate::domain::EmailAddress;
use crate::domain::Lang;
/// Start a session for `person_id`: a new token (never reuse one from before
/// sign-in), its hash stored with a fresh CSRF token. Runs in the caller's
/// transaction.
pub fn start_session(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    person_id: &str,
    ttl: Duration,
) -> QueryResult<String> {
    let token = auth::random_token();
    sessions::insert(
        conn,
        &sessions::SessionRow {
            token_hash: auth::token_hash(&token),
            person_id: person_id.to_string(),
            csrf_token: auth::random_token(),
            created_at: now,
            last_seen_at: now,
            expires_at: now + ttl,
        },
    )?;
    Ok(token)
}

/// A sign-in attempt that failed (unknown person or wrong password), kept
/// for the throttle.
pub fn record_failed_sign_in(
    conn: &mut DbConnection,
    clock: Clock,
    email: &str,
    client_ip: &str,
) -> Result<(), Error> {
    Ok(sessions::record_attempt(
        conn, email, client_ip, false, clock.now,
    )?)
}

/// A sign-in whose password was verified: record the attempt, trust the
/// device (`new_device`: a fresh device token to remember), start a session
/// and return its token.
pub fn sign_in(
    conn: &mut DbConnection,
    clock: Clock,
    person_id: &str,
    email: &str,
    client_ip: &str,
    new_device: Option<&str>,
    session_ttl: Duration,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        let now = clock.now;
        sessions::record_attempt(conn, email, client_ip, true, now)?;
        if let Some(d) = new_device {
            sessions::trust_device(
                conn,
                &auth::token_hash(d),
                person_id,
                now,
                now + Duration::days(TRUSTED_DEVICE_DAYS),
            )?;
        }
        let token = start_session(conn, now, person_id, session_ttl)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(person_id),
                action: "session.signed_in",
                subject_type: "person",
                subject_id: person_id,
                ..Default::default()
            },
        )?;
        Ok(token)
    })
}

/// The right password from a browser the throttle holds back
/// (`auth::throttle`): email the account a one-time link that finishes the
/// sign-in, at most one every few minutes. Returns whether a mail was
/// queued; the page must not say.
pub fn send_sign_in_link(
    conn: &mut DbConnection,
    clock: Clock,
    person_id: &str,
) -> Result<bool, Error> {
    db::write_tx(conn, |conn| {
        let since = clock.now - Duration::minutes(RESET_PAUSE_MINUTES);
        if crate::db::outbox::recent(conn, person_id, MailKind::SignInLink.code(), since)? {
            return Ok(false);
        }
        let token = issue_token(
            conn,
            tokens::Purpose::SignIn,
            Some(person_id),
            None,
            Duration::minutes(SIGN_IN_LINK_MINUTES),
        )?;
        crate::mail::outbox::account_link(conn, MailKind::SignInLink, person_id, &token)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(person_id),
                action: "session.sign_in_link_sent",
                subject_type: "person",
                subject_id: person_id,
                ..Default::default()
            },
        )?;
        Ok(true)
    })
}

/// Whether a sign-in link still works (the page before the button).
pub fn sign_in_link_is_live(
    conn: &mut DbConnection,
    clock: Clock,
    token: &str,
) -> Result<bool, Error> {
    let hash = auth::token_hash(token);
    Ok(tokens::find_live(conn, &hash, tokens::Purpose::SignIn, clock.now)?.is_some())
}

/// Finish a sign-in from the emailed link (the token is the proof of the
/// mailbox; the password was checked when it was sent): the browser is
/// trusted from now on (`new_device`) and a session starts. `None` when the
/// link was used, has expired, or its person is no longer active.
pub fn sign_in_by_link(
    conn: &mut DbConnection,
    clock: Clock,
    token: &str,
    new_device: &str,
    session_ttl: Duration,
) -> Result<Option<String>, Error> {
    let token_hash = auth::token_hash(token);
    db::write_tx(conn, |conn| {
        let now = clock.now;
        let Some(t) = tokens::find_live(conn, &token_hash, tokens::Purpose::SignIn, now)? else {
            return Ok(None);
        };
        let Some(person) = t
            .person_id
            .as_deref()
            .map(|id| people::find(conn, id))
            .transpose()?
            .flatten()
            .filter(|p| p.active)
        else {
            return Ok(None);
        };
        if !tokens::consume(conn, &token_hash, now)? {
            return Ok(None);
        }
        sessions::trust_device(
            conn,
            &auth::token_hash(new_device),
            &person.id,
            now,
            now + Duration::days(TRUSTED_DEVICE_DAYS),
        )?;
        let session = start_session(conn, now, &person.id, session_ttl)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&person.id),
                action: "session.signed_in",
                subject_type: "person",
                subject_id: &person.id,
                details: serde_json::json!({ "via": "sign_in_link" }),
                ..Default::default()
            },
        )?;
        Ok(Some(session))
    })
}

/// End the actor's session (`session_hash`: the one they are signed in with).
pub fn sign_out(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    session_hash: &str,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        sessions::delete(conn, session_hash)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "session.signed_out",
                subject_type: "person",
                subject_id: &actor.id,
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

/// Someone forgot their password: if `email` belongs to an active person, a
/// reset link is emailed (at most one every few minutes, so the form cannot
/// be used to flood an inbox). Returns whether a mail was queued; callers
/// must not tell the visitor. Runs in the caller's transaction; the page
/// calls [`ask_password_reset`].
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

/// The forgotten-password form: [`request_password_reset`] in its own
/// transaction.
pub fn ask_password_reset(
    conn: &mut DbConnection,
    _clock: Clock,
    email: &EmailAddress,
) -> Result<bool, Error> {
    db::write_tx(conn, |conn| {
        Ok(request_password_reset(conn, email.as_str())?)
    })
}

/// Set a password and end every session of that person. Runs in the
/// caller's transaction.
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

/// `cermin user set-password`: the operator at the server sets a person's
/// password; their sessions end.
pub fn set_password_by_operator(
    conn: &mut DbConnection,
    _clock: Clock,
    person_id: &str,
    password_hash: &str,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        Ok(set_password(conn, person_id, password_hash, None, "cli")?)
    })
}

/// What a one-time link sets a password for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordLink {
    Invitation,
    Reset,
}

impl PasswordLink {
    pub fn purpose(self) -> tokens::Purpose {
        match self {
            PasswordLink::Invitation => tokens::Purpose::Invitation,
            PasswordLink::Reset => tokens::Purpose::PasswordReset,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            PasswordLink::Invitation => "invitation",
            PasswordLink::Reset => "reset",
        }
    }
}

/// Set a password from an invitation or reset link (the token is the proof)
/// and sign the person in: returns the session token, or `None` when the
/// link was used, has expired, or its person is no longer active.
pub fn set_password_by_link(
    conn: &mut DbConnection,
    clock: Clock,
    link: PasswordLink,
    token: &str,
    password_hash: &str,
    session_ttl: Duration,
) -> Result<Option<String>, Error> {
    let token_hash = auth::token_hash(token);
    db::write_tx(conn, |conn| {
        let Some(t) = tokens::find_live(conn, &token_hash, link.purpose(), clock.now)? else {
            return Ok(None);
        };
        let Some(person) = t
            .person_id
            .as_deref()
            .map(|id| people::find(conn, id))
            .transpose()?
            .flatten()
            .filter(|p| p.active)
        else {
            return Ok(None);
        };
        if !tokens::consume(conn, &token_hash, clock.now)? {
            return Ok(None);
        }
        set_password(
            conn,
            &person.id,
            password_hash,
            Some(&person.id),
            link.code(),
        )?;
        Ok(Some(start_session(
            conn,
            clock.now,
            &person.id,
            session_ttl,
        )?))
    })
}

/// The actor changes their own password (the current one was checked by the
/// caller): every session ends, and a new one starts here. Returns its token.
pub fn change_own_password(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    password_hash: &str,
    session_ttl: Duration,
) -> Result<String, Error> {
    db::write_tx(conn, |conn| {
        set_password(conn, &actor.id, password_hash, Some(&actor.id), "profile")?;
        Ok(start_session(conn, clock.now, &actor.id, session_ttl)?)
    })
}

// ---- one's own settings ----

pub fn set_own_language(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    lang: Lang,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        people::set_lang(conn, &actor.id, lang.code())?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "person.language_changed",
                subject_type: "person",
                subject_id: &actor.id,
                details: serde_json::json!({"lang": lang.code()}),
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

/// One email per event, or one daily digest. Leaving digest mode releases
/// what was being held at once.
pub fn set_own_email_digest(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    digest: bool,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        people::set_email_digest(conn, &actor.id, digest)?;
        if !digest {
            crate::db::outbox::release_held(conn, &actor.id, clock.now)?;
        }
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "person.email_frequency_changed",
                subject_type: "person",
                subject_id: &actor.id,
                details: serde_json::json!({ "digest": digest }),
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

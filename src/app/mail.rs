//! Mail commands for HR: send a failed message again, and keep a record of
//! each test message.

use super::{Actor, Clock, Error};
use crate::db::{self, audit, outbox, DbConnection};
use crate::domain::policy;

/// Queue a failed message again. Refusal: `NotFound` when there is no such
/// message or it has not failed (someone retried it first).
pub fn retry(conn: &mut DbConnection, actor: &Actor, clock: Clock, id: &str) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_manage_mail(actor) {
            return Err(Error::Forbidden);
        }
        if !outbox::retry(conn, id, clock.now)? {
            return Err(Error::NotFound);
        }
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "mail.retried",
                subject_type: "email",
                subject_id: id,
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

/// A test message was sent to the actor (`ok`: the mail server took it).
pub fn record_test_mail(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    ok: bool,
) -> Result<(), Error> {
    if !policy::may_manage_mail(actor) {
        return Err(Error::Forbidden);
    }
    Ok(audit::record(
        conn,
        audit::Entry {
            actor_id: Some(&actor.id),
            action: "mail.test_sent",
            subject_type: "person",
            subject_id: &actor.id,
            details: serde_json::json!({ "ok": ok }),
            ..Default::default()
        },
    )?)
}

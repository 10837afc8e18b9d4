//! The notices on a person's home page ("Rina shared your review"). They
//! stay until their person dismisses them: opening the review does not make
//! them disappear, so nothing is missed by following a link too soon.

use super::{Actor, Clock, Error};
use crate::db::{self, audit, DbConnection};
use crate::domain::policy;

/// Dismiss one of the actor's notifications. Dismissing one that is already
/// gone is not an error (a second tab, a double click).
pub fn dismiss(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    notification_id: &str,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        let n = crate::db::notifications::find_notification(conn, notification_id)?
            .ok_or(Error::NotFound)?;
        if !policy::may_dismiss_notification(actor, &n.person_id) {
            // Someone else's notice: as if it did not exist.
            return Err(Error::NotFound);
        }
        if crate::db::notifications::dismiss_notification(conn, &n.id)? == 1 {
            audit::record(
                conn,
                audit::Entry {
                    actor_id: Some(&actor.id),
                    action: "notification.dismissed",
                    subject_type: "notification",
                    subject_id: &n.id,
                    review_id: n.review_id.as_deref(),
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
}

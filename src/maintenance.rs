//! Housekeeping that runs inside `cermin serve` once a minute: scheduled
//! review cycles open on their day (their invitations queued for the send
//! hour), and expired sessions, old sign-in attempts, unclaimed kept forms
//! and the text of old emails are removed. Safe to run on several
//! instances at once: every step is idempotent.

use std::time::Duration;

use chrono::Utc;
use chrono_tz::Tz;

use crate::auth::session::Lifetimes;
use crate::db::{self, audit, cycles, sessions, stash, Db, DbConnection, QueryResult};

/// How long the full text of a sent email is kept for HR to look at.
pub const MAIL_BODY_DAYS: i64 = 90;

/// One round of housekeeping, as of `now`.
pub fn tick(
    conn: &mut DbConnection,
    now: chrono::DateTime<Utc>,
    tz: Tz,
    send_hour: u32,
    lifetimes: Lifetimes,
    login_window: chrono::Duration,
) -> QueryResult<()> {
    let today = now.with_timezone(&tz).date_naive();
    let now = now.naive_utc();
    db::write_tx(conn, |conn| {
        for id in cycles::open_due(conn, today)? {
            // Invitations of a cycle that opens overnight wait for the
            // morning's send hour.
            if let Some(cycle) = cycles::find(conn, &id)? {
                let send_at = crate::mail::schedule::send_time(today, tz, send_hour).max(now);
                let queued = crate::mail::outbox::cycle_opened(conn, &cycle, send_at)?;
                db::analyze_after_bulk(conn, db::BulkTable::Outbox, queued)?;
            }
            audit::record(
                conn,
                audit::Entry {
                    action: "cycle.opened",
                    subject_type: "cycle",
                    subject_id: &id,
                    cycle_id: Some(&id),
                    ..Default::default()
                },
            )?;
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    // Ended sessions are kept two days (unusable) so that a form posted into
    // one can still be traced to its owner and kept for them.
    sessions::purge_expired(conn, now - chrono::Duration::days(2), lifetimes.idle)?;
    // Keep a day of attempts at least, and never less than the throttling window.
    sessions::purge_attempts(conn, now - login_window.max(chrono::Duration::days(1)))?;
    stash::purge_before(conn, now - chrono::Duration::days(2))?;
    sessions::purge_expired_devices(conn, now)?;
    crate::db::outbox::trim_old(conn, now - chrono::Duration::days(MAIL_BODY_DAYS))?;
    Ok(())
}

/// Keep the query planner's statistics current, as SQLite recommends for a
/// long-running application: `PRAGMA optimize` about once an hour (it
/// analyses only the tables whose statistics are stale, so it is cheap when
/// nothing changed). PostgreSQL's autovacuum does this on its own; after a
/// launch, which writes thousands of rows at once, the launch itself
/// refreshes them (`db::analyze_after_bulk`).
pub fn optimize(conn: &mut DbConnection) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    if let DbConnection::Sqlite(c) = conn {
        c.batch_execute("PRAGMA optimize;")?;
    }
    Ok(())
}

/// Give the memory a burst of requests freed back to the system. glibc's
/// allocator keeps freed pages in its arenas for the next allocation, so a
/// server that served 64 requests at once stays at that size long after:
/// measured with `bench --load`, 120 MB resident a minute after the load
/// against 53 MB idle before it. `malloc_trim(0)` returns every free page
/// (not only the top of each heap); it costs a walk of the free lists,
/// a few milliseconds, and nothing when there is nothing to return.
pub fn spawn_memory_return() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    tokio::spawn(async {
        let mut interval = tokio::time::interval(Duration::from_secs(20));
        loop {
            interval.tick().await;
            // SAFETY: malloc_trim takes no pointer and only walks glibc's
            // own free lists under its own locks.
            let _ = tokio::task::spawn_blocking(|| unsafe { libc::malloc_trim(0) }).await;
        }
    });
}

/// Run [`tick`] now and then every minute, on the blocking pool; and
/// [`optimize`] every hour.
pub fn spawn(db: Db, tz: Tz, send_hour: u32, lifetimes: Lifetimes, login_window: chrono::Duration) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(60));
        let mut minutes: u64 = 0;
        loop {
            interval.tick().await;
            minutes += 1;
            if minutes % 60 == 1 {
                let result = db
                    .run(|conn| -> Result<(), db::DbError> { Ok(optimize(conn)?) })
                    .await;
                if let Err(e) = result {
                    tracing::warn!(error = %e, "PRAGMA optimize failed; will try again");
                }
            }
            let result = db
                .run(move |conn| -> Result<(), db::DbError> {
                    Ok(tick(
                        conn,
                        Utc::now(),
                        tz,
                        send_hour,
                        lifetimes,
                        login_window,
                    )?)
                })
                .await;
            if let Err(e) = result {
                tracing::warn!(error = %e, "housekeeping failed; will try again");
            }
        }
    });
}

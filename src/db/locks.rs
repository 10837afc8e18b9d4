//! PostgreSQL advisory locks: every key named once, and the two ways of
//! taking one. On SQLite these are no-ops: its one writer at a time (the
//! `BEGIN IMMEDIATE` of [`super::write_tx`]) already serialises the work.
//!
//! The keys are arbitrary but must stay distinct and stable: instances of
//! different versions running side by side during an upgrade must agree.

use diesel::sql_types::BigInt;
use diesel::RunQueryDsl;

use super::{DbConnection, QueryResult};

/// Migrations and the built-in defaults at start-up ([`super::Db::prepare`]):
/// held for the session while they run, so instances that start together
/// migrate once.
pub const MIGRATIONS: i64 = 7_243_661;

/// The mail worker's claim of due messages ([`super::outbox::claim`]): held
/// for the claim's transaction, so the per-minute rate holds across instances.
pub const OUTBOX_CLAIM: i64 = 746_200_401;

/// The daily planning of reminders, overdue notices and digests
/// (`mail::schedule::plan`): held for its transaction, one planner at a time
/// across instances.
pub const MAIL_SCHEDULE: i64 = 746_200_402;

/// Take `key` until the current transaction ends (PostgreSQL
/// `pg_advisory_xact_lock`); waits while another transaction holds it.
pub fn for_transaction(conn: &mut DbConnection, key: i64) -> QueryResult<()> {
    if let DbConnection::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<BigInt, _>(key)
            .execute(c)?;
    }
    Ok(())
}

/// Take `key` for this connection until [`release`] (PostgreSQL
/// `pg_advisory_lock`); waits while another connection holds it.
pub fn acquire(conn: &mut DbConnection, key: i64) -> QueryResult<()> {
    if let DbConnection::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_lock($1)")
            .bind::<BigInt, _>(key)
            .execute(c)?;
    }
    Ok(())
}

/// Give back a key taken with [`acquire`].
pub fn release(conn: &mut DbConnection, key: i64) -> QueryResult<()> {
    if let DbConnection::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_unlock($1)")
            .bind::<BigInt, _>(key)
            .execute(c)?;
    }
    Ok(())
}

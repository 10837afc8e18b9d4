//! The email outbox: rows written in the same transaction as the event that
//! causes them, claimed by a worker under a lease, and marked with how their
//! delivery went. Claiming is dialect-specific (PostgreSQL skips rows another
//! instance holds), so it matches on the connection.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};
use serde::Serialize;

use super::schema::{email_outbox, email_send_counts, mail_plan};
use super::{DbConnection, QueryResult};
use crate::domain::mail::OutboxStatus;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = email_outbox)]
pub struct OutboxRow {
    pub id: String,
    pub dedupe_key: String,
    pub message_id: String,
    pub recipient_id: Option<String>,
    pub to_address: String,
    pub kind: String,
    pub lang: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub cycle_id: Option<String>,
    pub review_id: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub leased_by: Option<String>,
    pub last_error: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub payload: String,
    pub digest_id: Option<String>,
    pub smtp_response: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = email_outbox)]
pub struct NewOutboxRow {
    pub id: String,
    pub dedupe_key: String,
    pub message_id: String,
    pub recipient_id: Option<String>,
    pub to_address: String,
    pub kind: String,
    pub lang: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub cycle_id: Option<String>,
    pub review_id: Option<String>,
    pub status: String,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub payload: String,
}

/// What a sent (or finally refused) message looked like, kept for the log.
pub struct Rendered<'a> {
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub ics: Option<&'a str>,
    pub lang: &'a str,
}

/// Insert messages; one whose dedupe key is already there is left out, so
/// planning the same day twice queues nothing twice. Returns how many were new.
pub fn insert_many(conn: &mut DbConnection, rows: &[NewOutboxRow]) -> QueryResult<usize> {
    let mut n = 0;
    for chunk in rows.chunks(500) {
        n += match conn {
            // SQLite: diesel's batch upsert is not available; INSERT OR IGNORE is.
            DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(email_outbox::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Pg(c) => diesel::insert_into(email_outbox::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    Ok(n)
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = Text)]
    id: String,
}

/// How many messages were handed to the mail server in the last minute,
/// across every instance: what the per-minute limit is measured against.
/// Each claim adds its messages to the count of its second
/// (`email_send_counts`), so this reads at most 61 rows however fast mail
/// leaves; counting the sent rows of the last minute read every one of them
/// on each claim. A message counts when it is claimed, so one being sent
/// now counts too, and so does each retry. The second a claim was made in
/// counts whole, so the limit errs on the safe side by under a second.
fn recent_load(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<i64> {
    let since = whole_second(now - chrono::Duration::seconds(60));
    diesel::delete(email_send_counts::table.filter(email_send_counts::second.lt(since)))
        .execute(conn)?;
    let claimed: Option<i64> = email_send_counts::table
        .filter(email_send_counts::second.ge(since))
        .select(diesel::dsl::sum(email_send_counts::claimed))
        .first(conn)?;
    Ok(claimed.unwrap_or(0))
}

/// Count `n` messages handed (or about to be handed) to the mail server at
/// `now`, for the per-minute limit.
fn count_sent(conn: &mut DbConnection, now: NaiveDateTime, n: usize) -> QueryResult<()> {
    let n = i32::try_from(n).unwrap_or(i32::MAX);
    if n == 0 {
        return Ok(());
    }
    let row = (
        email_send_counts::second.eq(whole_second(now)),
        email_send_counts::claimed.eq(n),
    );
    let more = email_send_counts::claimed.eq(email_send_counts::claimed + n);
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(email_send_counts::table)
            .values(row)
            .on_conflict(email_send_counts::second)
            .do_update()
            .set(more)
            .execute(c)?,
        DbConnection::Pg(c) => diesel::insert_into(email_send_counts::table)
            .values(row)
            .on_conflict(email_send_counts::second)
            .do_update()
            .set(more)
            .execute(c)?,
    };
    Ok(())
}

fn whole_second(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// Claim up to `limit` due messages for `worker` until `lease_until`, within
/// the per-minute `rate`. Account mail goes first: someone waiting for a
/// password link should not wait behind a launch's thousands of invitations.
///
/// Each person's mail about what happens in Cermin leaves in the order of
/// the events that caused it (creation order: `created_at`, then the
/// time-ordered id). Such a message is not claimed while an older one for
/// the same recipient is still queued and due, being sent, or waiting to be
/// tried again; so one claim holds at most one per person, and the next
/// waits until it was recorded. A message waiting for its first send time (a
/// cycle that opens overnight) holds nothing back, and account mail (a
/// password link) neither waits nor holds anything back. A crashed worker's claim simply expires. On
/// PostgreSQL the claims of several instances are serialised by an advisory
/// lock (so the rate holds across instances) and rows are taken with
/// `FOR UPDATE SKIP LOCKED`; on SQLite the write transaction is the lock.
pub fn claim(
    conn: &mut DbConnection,
    worker: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
    rate: i64,
) -> QueryResult<Vec<OutboxRow>> {
    // Most rounds find nothing due: answer that with a read, without taking
    // SQLite's write lock or PostgreSQL's advisory lock.
    let due: bool = diesel::select(diesel::dsl::exists(
        email_outbox::table
            .filter(email_outbox::status.eq("queued"))
            .filter(email_outbox::next_attempt_at.le(now))
            .filter(
                email_outbox::lease_until
                    .is_null()
                    .or(email_outbox::lease_until.lt(now)),
            ),
    ))
    .get_result(conn)?;
    if !due {
        return Ok(vec![]);
    }
    let ids: Vec<String> = super::write_tx(conn, |conn| {
        super::locks::for_transaction(conn, super::locks::OUTBOX_CLAIM)?;
        let room = (rate - recent_load(conn, now)?).min(limit);
        if room <= 0 {
            return Ok(vec![]);
        }
        // Account mail first, then the rest, each in the order of an index
        // (`email_outbox_account_due_idx`, `email_outbox_due_idx`), so a
        // claim reads a batch's worth of rows however long the queue is. One
        // statement ordered by "account mail first" sorted every due row on
        // every claim: 100,000 queued invitations took 300 s to send.
        let mut ids = claim_part(conn, Part::Account, worker, now, lease_until, room)?;
        let rest = room - ids.len() as i64;
        if rest > 0 {
            ids.extend(claim_part(
                conn,
                Part::Events,
                worker,
                now,
                lease_until,
                rest,
            )?);
        }
        count_sent(conn, now, ids.len())?;
        Ok::<_, diesel::result::Error>(ids)
    })?;
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut rows = find_many(conn, &ids)?;
    rows.sort_by(|a, b| (a.next_attempt_at, &a.id).cmp(&(b.next_attempt_at, &b.id)));
    Ok(rows)
}

/// The two kinds of mail a claim takes, in this order.
#[derive(Clone, Copy)]
enum Part {
    /// Password links and account invitations: they neither wait for nor
    /// hold back anything.
    Account,
    /// Mail about what happens in Cermin: one per person at a time, in the
    /// order of the events.
    Events,
}

/// Lease up to `limit` due messages of one `part`, oldest due first, and
/// return their ids. The candidates are read in index order
/// (`next_attempt_at`, `id`) and the scan stops at `limit`.
fn claim_part(
    conn: &mut DbConnection,
    part: Part,
    worker: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<String>> {
    // `$n` are PostgreSQL's placeholders; SQLite reads `?NNN` the same way.
    let condition = match part {
        Part::Account => "o.kind IN ('password_reset', 'account_invitation')",
        Part::Events => {
            "o.kind NOT IN ('password_reset', 'account_invitation') \
             AND NOT EXISTS (SELECT 1 FROM email_outbox e \
               WHERE e.recipient_id = o.recipient_id AND e.status = 'queued' \
                 AND e.kind NOT IN ('password_reset', 'account_invitation') \
                 AND (e.next_attempt_at <= $3 OR e.attempts > 0) \
                 AND (e.created_at < o.created_at \
                   OR (e.created_at = o.created_at AND e.id < o.id)))"
        }
    };
    let lock = match conn {
        DbConnection::Pg(_) => " FOR UPDATE SKIP LOCKED",
        DbConnection::Sqlite(_) => "",
    };
    // SQLite prefers `email_outbox_due_idx` for account mail too (it serves
    // the order), and then reads every queued row to find the few that are
    // account mail; PostgreSQL picks the small partial index by itself.
    let index = match (part, &conn) {
        (Part::Account, DbConnection::Sqlite(_)) => " INDEXED BY email_outbox_account_due_idx",
        _ => "",
    };
    let sql = format!(
        "UPDATE email_outbox SET lease_until = $1, leased_by = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT o.id FROM email_outbox o{index} \
           WHERE o.status = 'queued' AND o.next_attempt_at <= $3 \
             AND (o.lease_until IS NULL OR o.lease_until < $3) AND {condition} \
           ORDER BY o.next_attempt_at, o.id LIMIT $4{lock}) \
         RETURNING id"
    );
    let rows: Vec<IdRow> = match conn {
        DbConnection::Pg(c) => diesel::sql_query(sql)
            .bind::<Timestamp, _>(lease_until)
            .bind::<Text, _>(worker)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(sql.replace('$', "?"))
            .bind::<Timestamp, _>(lease_until)
            .bind::<Text, _>(worker)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .load(c)?,
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Messages still waiting that a later event made moot: those of `kinds`
/// about `cycle_id` (for one recipient, or for everyone) are marked skipped
/// with `reason`, so HR's outbox says why they did not go. One being sent
/// right now (under a live lease) is left to finish: it is on its way, and
/// the recipient's later mail waits for it. Returns how many were dropped.
pub fn supersede(
    conn: &mut DbConnection,
    cycle_id: &str,
    recipient_id: Option<&str>,
    kinds: &[&str],
    reason: &str,
) -> QueryResult<usize> {
    let now = super::now();
    let mut q = diesel::update(email_outbox::table)
        .filter(email_outbox::cycle_id.eq(cycle_id))
        .filter(email_outbox::kind.eq_any(kinds))
        .filter(
            email_outbox::status.eq_any([OutboxStatus::Queued.code(), OutboxStatus::Held.code()]),
        )
        .filter(
            email_outbox::lease_until
                .is_null()
                .or(email_outbox::lease_until.lt(now)),
        )
        .into_boxed();
    if let Some(r) = recipient_id {
        q = q.filter(email_outbox::recipient_id.eq(r));
    }
    q.set((
        email_outbox::status.eq(OutboxStatus::Skipped.code()),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
        email_outbox::last_error.eq(reason),
    ))
    .execute(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<OutboxRow>> {
    email_outbox::table
        .find(id)
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<OutboxRow>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(
            email_outbox::table
                .filter(email_outbox::id.eq_any(chunk))
                .select(OutboxRow::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// Delivered: keep what was sent and the server's answer.
pub fn mark_sent(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    now: NaiveDateTime,
    rendered: &Rendered<'_>,
    response: &str,
) -> QueryResult<usize> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::leased_by.eq(worker)),
    )
    .set((
        email_outbox::status.eq(OutboxStatus::Sent.code()),
        email_outbox::sent_at.eq(Some(now)),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
        email_outbox::subject.eq(rendered.subject),
        email_outbox::body_text.eq(rendered.body_text),
        email_outbox::body_html.eq(rendered.body_html),
        email_outbox::ics.eq(rendered.ics),
        email_outbox::lang.eq(rendered.lang),
        email_outbox::smtp_response.eq(response),
        email_outbox::last_error.eq(""),
    ))
    .execute(conn)
}

/// A passing failure: back in the queue for `at`.
pub fn mark_retry(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    at: NaiveDateTime,
    error: &str,
) -> QueryResult<usize> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::leased_by.eq(worker)),
    )
    .set((
        email_outbox::next_attempt_at.eq(at),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
        email_outbox::last_error.eq(error),
    ))
    .execute(conn)
}

/// Refused for good (or given up): failed, with the reason, until HR retries.
pub fn mark_failed(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    now: NaiveDateTime,
    error: &str,
) -> QueryResult<usize> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::leased_by.eq(worker)),
    )
    .set((
        email_outbox::status.eq(OutboxStatus::Failed.code()),
        email_outbox::sent_at.eq(Some(now)),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
        email_outbox::last_error.eq(error),
    ))
    .execute(conn)
}

/// No longer needed when its time came.
pub fn mark_skipped(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    reason: &str,
) -> QueryResult<usize> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::leased_by.eq(worker)),
    )
    .set((
        email_outbox::status.eq(OutboxStatus::Skipped.code()),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
        email_outbox::last_error.eq(reason),
    ))
    .execute(conn)
}

/// HR asks for a failed message to be tried again now.
pub fn retry(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::status.eq(OutboxStatus::Failed.code())),
    )
    .set((
        email_outbox::status.eq(OutboxStatus::Queued.code()),
        email_outbox::next_attempt_at.eq(now),
        email_outbox::attempts.eq(0),
        email_outbox::sent_at.eq(None::<NaiveDateTime>),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// How many messages are in each status.
pub fn counts(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    email_outbox::table
        .group_by(email_outbox::status)
        .select((email_outbox::status, diesel::dsl::count_star()))
        .load(conn)
}

/// How many messages are in one status (an index range, not a scan).
pub fn count_with_status(conn: &mut DbConnection, status: OutboxStatus) -> QueryResult<i64> {
    email_outbox::table
        .filter(email_outbox::status.eq(status.code()))
        .count()
        .get_result(conn)
}

/// The newest messages, optionally of one status, one cycle, or matching an address.
/// A line of an outbox list: the facts, never the bodies (a message's text,
/// HTML and calendar file are kilobytes; a list shows a subject).
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = email_outbox)]
pub struct OutboxListRow {
    pub id: String,
    pub to_address: String,
    pub kind: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub smtp_response: String,
}

pub fn list(
    conn: &mut DbConnection,
    status: Option<OutboxStatus>,
    cycle_id: Option<&str>,
    address: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<OutboxListRow>> {
    let mut q = email_outbox::table
        .select(OutboxListRow::as_select())
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(email_outbox::status.eq(s.code()));
    }
    if let Some(c) = cycle_id {
        q = q.filter(email_outbox::cycle_id.eq(c.to_string()));
    }
    if let Some(a) = address.filter(|a| !a.is_empty()) {
        // Addresses are stored lower-case.
        q = q.filter(
            email_outbox::to_address
                .like(super::contains_pattern(a))
                .escape(super::LIKE_ESCAPE),
        );
    }
    q.order((email_outbox::created_at.desc(), email_outbox::id.desc()))
        .limit(limit)
        .load(conn)
}

/// How many messages are in `status`, counting no further than `cap`
/// (`cap + 1` means "more than `cap`"): an index range of at most that
/// many entries, however many messages years of sending leave.
pub fn count_up_to(conn: &mut DbConnection, status: OutboxStatus, cap: i64) -> QueryResult<i64> {
    use diesel::dsl::sql;
    use diesel::sql_types::Integer;
    let ones: Vec<i32> = email_outbox::table
        .filter(email_outbox::status.eq(status.code()))
        .select(sql::<Integer>("1"))
        .limit(cap + 1)
        .load(conn)?;
    Ok(ones.len() as i64)
}

/// People with messages held for their digest, created before `before`.
pub fn held_recipients(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<Vec<String>> {
    let ids: Vec<Option<String>> = email_outbox::table
        .filter(email_outbox::status.eq(OutboxStatus::Held.code()))
        .filter(email_outbox::created_at.le(before))
        .select(email_outbox::recipient_id)
        .distinct()
        .load(conn)?;
    Ok(ids.into_iter().flatten().collect())
}

pub fn held_for(conn: &mut DbConnection, recipient_id: &str) -> QueryResult<Vec<OutboxRow>> {
    email_outbox::table
        .filter(email_outbox::status.eq(OutboxStatus::Held.code()))
        .filter(email_outbox::recipient_id.eq(recipient_id))
        .select(OutboxRow::as_select())
        .order(email_outbox::created_at)
        .load(conn)
}

/// Messages folded into a digest.
pub fn bundle(conn: &mut DbConnection, ids: &[String], digest_id: &str) -> QueryResult<usize> {
    diesel::update(email_outbox::table.filter(email_outbox::id.eq_any(ids)))
        .set((
            email_outbox::status.eq(OutboxStatus::Bundled.code()),
            email_outbox::digest_id.eq(Some(digest_id)),
        ))
        .execute(conn)
}

/// The messages a digest carries.
pub fn bundled_in(conn: &mut DbConnection, digest_id: &str) -> QueryResult<Vec<OutboxRow>> {
    email_outbox::table
        .filter(email_outbox::digest_id.eq(digest_id))
        .select(OutboxRow::as_select())
        .order(email_outbox::created_at)
        .load(conn)
}

/// Someone left digest mode: what was held for them goes out now.
pub fn release_held(
    conn: &mut DbConnection,
    recipient_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::status.eq(OutboxStatus::Held.code()))
            .filter(email_outbox::recipient_id.eq(recipient_id)),
    )
    .set((
        email_outbox::status.eq(OutboxStatus::Queued.code()),
        email_outbox::next_attempt_at.eq(now),
    ))
    .execute(conn)
}

/// Whether the scheduler already planned `key`.
pub fn planned(conn: &mut DbConnection, key: &str) -> QueryResult<bool> {
    let n: i64 = mail_plan::table
        .filter(mail_plan::key.eq(key))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Record that `key` is planned; false if it already was.
pub fn mark_planned(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let n = match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(mail_plan::table)
            .values((mail_plan::key.eq(key), mail_plan::planned_at.eq(now)))
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConnection::Pg(c) => diesel::insert_into(mail_plan::table)
            .values((mail_plan::key.eq(key), mail_plan::planned_at.eq(now)))
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    Ok(n == 1)
}

/// Messages still waiting (queued or held): the readiness of the worker.
pub fn waiting(conn: &mut DbConnection) -> QueryResult<i64> {
    email_outbox::table
        .filter(email_outbox::status.eq_any(["queued", "held"]))
        .count()
        .get_result(conn)
}

/// Drop what a message was made from (a one-time link's token) once sent.
pub fn forget_payload(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(email_outbox::table.find(id))
        .set(email_outbox::payload.eq("{}"))
        .execute(conn)
}

/// Record how a test message went (it is sent directly, not queued).
pub fn record_test(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
    answer: &str,
    error: &str,
) -> QueryResult<usize> {
    let n = diesel::update(email_outbox::table.find(id))
        .set((
            email_outbox::sent_at.eq(Some(now)),
            email_outbox::attempts.eq(1),
            email_outbox::smtp_response.eq(answer),
            email_outbox::last_error.eq(error),
        ))
        .execute(conn)?;
    // It went to the mail server outside the queue, and counts all the same.
    count_sent(conn, now, 1)?;
    Ok(n)
}

/// Whether a message of `kind` was queued for `recipient_id` since `since`.
pub fn recent(
    conn: &mut DbConnection,
    recipient_id: &str,
    kind: &str,
    since: NaiveDateTime,
) -> QueryResult<bool> {
    let n: i64 = email_outbox::table
        .filter(email_outbox::recipient_id.eq(recipient_id))
        .filter(email_outbox::kind.eq(kind))
        .filter(email_outbox::created_at.ge(since))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Forget the text of messages finished before `before` (sent, failed,
/// skipped, bundled): the log keeps who, what kind, when and the server's
/// answer, but a year of full bodies would be most of the database.
pub fn trim_old(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::status.eq_any(["sent", "failed", "skipped", "bundled"]))
            .filter(email_outbox::created_at.lt(before))
            .filter(
                email_outbox::body_html
                    .ne("")
                    .or(email_outbox::payload.ne("{}")),
            ),
    )
    .set((
        email_outbox::body_text.eq(""),
        email_outbox::body_html.eq(""),
        email_outbox::ics.eq(None::<String>),
        email_outbox::payload.eq("{}"),
    ))
    .execute(conn)
}

/// What `/metrics` reports about email and open reviews, read at scrape time.
#[derive(Debug, Clone, Default)]
pub struct MetricsFacts {
    pub queued: i64,
    pub failed: i64,
    /// Age of the oldest message due and not yet sent; 0 when none.
    pub oldest_due_age_seconds: i64,
    pub sent_last_minute: i64,
    pub open_reviews_by_state: Vec<(String, i64)>,
}

pub fn metrics_facts(conn: &mut DbConnection) -> QueryResult<MetricsFacts> {
    use super::schema::{review_cycles, reviews};
    let now = super::now();
    let queued = email_outbox::table
        .filter(email_outbox::status.eq("queued"))
        .count()
        .get_result(conn)?;
    let failed = email_outbox::table
        .filter(email_outbox::status.eq("failed"))
        .count()
        .get_result(conn)?;
    let oldest: Option<NaiveDateTime> = email_outbox::table
        .filter(email_outbox::status.eq("queued"))
        .filter(email_outbox::next_attempt_at.le(now))
        .select(diesel::dsl::min(email_outbox::next_attempt_at))
        .first(conn)?;
    let sent_last_minute = email_outbox::table
        .filter(email_outbox::status.eq("sent"))
        .filter(email_outbox::sent_at.ge(now - chrono::Duration::seconds(60)))
        .count()
        .get_result(conn)?;
    let open_reviews_by_state = reviews::table
        .inner_join(review_cycles::table)
        .filter(review_cycles::status.eq("open"))
        .group_by(reviews::state)
        .select((reviews::state, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(MetricsFacts {
        queued,
        failed,
        oldest_due_age_seconds: oldest.map_or(0, |t| (now - t).num_seconds().max(0)),
        sent_last_minute,
        open_reviews_by_state,
    })
}

/// A message to one person, as their own-data download lists it.
#[derive(Debug, Clone, Queryable, serde::Serialize)]
pub struct SentToRow {
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// Every message to a person still kept, oldest first.
pub fn sent_to(conn: &mut DbConnection, recipient_id: &str) -> QueryResult<Vec<SentToRow>> {
    email_outbox::table
        .filter(email_outbox::recipient_id.eq(recipient_id))
        .order((email_outbox::created_at.asc(), email_outbox::id.asc()))
        .select((
            email_outbox::kind,
            email_outbox::to_address,
            email_outbox::subject,
            email_outbox::body_text,
            email_outbox::status,
            email_outbox::created_at,
            email_outbox::sent_at,
        ))
        .load(conn)
}

//! Erasing a departed person: every table that holds something about them,
//! in one place, so nothing is forgotten when a table is added
//! (`tests/it/own_data.rs` reads every stored text after an erasure).
//!
//! What stays is what the aggregates need and nothing that names them: the
//! person's row (with a placeholder name and address, their department,
//! role and place in the reporting lines), their reviews' states, dates and
//! ratings. Every text they or others wrote about them is emptied; their
//! journal, the notes about them, their notifications, sessions and links
//! are deleted; emails to them keep only that they were sent; the audit
//! log keeps what happened but no longer their address or name.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    answers, comments, email_outbox, form_stash, goals, journal_entries, login_attempts,
    notifications, one_time_tokens, people, reviews, sessions, strengths_weaknesses,
    trusted_devices,
};
use super::{DbConnection, QueryResult};

/// The placeholder an erased person's name becomes: the same in both
/// languages, with a short part of their id so two stay apart in a list.
pub fn placeholder_name(person_id: &str) -> String {
    let short: String = person_id
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("Dihapus / Erased ({short})")
}

/// Erase `person_id` (inside the caller's transaction). Returns how many
/// rows were changed or deleted.
pub fn erase(conn: &mut DbConnection, person_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    let old: Option<(String, String)> = people::table
        .find(person_id)
        .select((people::email, people::name))
        .first(conn)
        .optional()?;
    let address = format!("erased-{person_id}@erased.invalid");
    let mut n = diesel::update(people::table.find(person_id))
        .set((
            people::name.eq(placeholder_name(person_id)),
            people::email.eq(&address),
            people::password_hash.eq(None::<String>),
            people::job_title.eq(""),
            people::job_description.eq(""),
            people::active.eq(false),
            people::email_digest.eq(false),
            people::updated_at.eq(now),
        ))
        .execute(conn)?;
    let own_reviews = reviews::table
        .filter(reviews::person_id.eq(person_id))
        .select(reviews::id);
    n += diesel::update(answers::table.filter(answers::review_id.eq_any(own_reviews)))
        .set(answers::body.eq(""))
        .execute(conn)?;
    n += diesel::update(comments::table.filter(comments::review_id.eq_any(own_reviews)))
        .set(comments::body.eq(""))
        .execute(conn)?;
    // Calibration's reasons are about the person reviewed; the ratings stay.
    n += diesel::update(
        super::schema::rating_adjustments::table
            .filter(super::schema::rating_adjustments::review_id.eq_any(own_reviews)),
    )
    .set(super::schema::rating_adjustments::reason.eq(""))
    .execute(conn)?;
    n += diesel::update(reviews::table.filter(reviews::person_id.eq(person_id)))
        .set((
            reviews::job_title.eq(""),
            reviews::job_description.eq(""),
            reviews::acknowledgement_response.eq(""),
            reviews::manager_summary.eq(""),
            reviews::team_summary.eq(""),
            reviews::reopened_reason.eq(""),
        ))
        .execute(conn)?;
    n += diesel::update(
        strengths_weaknesses::table.filter(strengths_weaknesses::person_id.eq(person_id)),
    )
    .set(strengths_weaknesses::body.eq(""))
    .execute(conn)?;
    n += diesel::update(goals::table.filter(goals::person_id.eq(person_id)))
        .set((
            goals::title.eq("—"),
            goals::description.eq(""),
            goals::support_needed.eq(""),
        ))
        .execute(conn)?;
    // Their own journal and every note about them. Notes they wrote as a
    // manager about others stay: they are part of those people's records,
    // like the manager reviews they wrote.
    n += diesel::delete(journal_entries::table.filter(journal_entries::subject_id.eq(person_id)))
        .execute(conn)?;
    n += diesel::delete(
        notifications::table.filter(
            notifications::person_id
                .eq(person_id)
                .or(notifications::review_id.eq_any(own_reviews.nullable())),
        ),
    )
    .execute(conn)?;
    // Mail to others about their reviews (to the manager, to HR): what was
    // sent stays recorded, not what it said.
    n += diesel::update(
        email_outbox::table
            .filter(email_outbox::review_id.eq_any(own_reviews.nullable()))
            .filter(email_outbox::status.eq_any(["queued", "held"])),
    )
    .set((
        email_outbox::status.eq("skipped"),
        email_outbox::last_error.eq("erased"),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
        email_outbox::leased_by.eq(None::<String>),
    ))
    .execute(conn)?;
    n += diesel::update(
        email_outbox::table.filter(email_outbox::review_id.eq_any(own_reviews.nullable())),
    )
    .set((
        email_outbox::subject.eq(""),
        email_outbox::body_text.eq(""),
        email_outbox::body_html.eq(""),
        email_outbox::ics.eq(None::<String>),
        email_outbox::payload.eq("{}"),
    ))
    .execute(conn)?;
    n += diesel::update(
        email_outbox::table
            .filter(email_outbox::recipient_id.eq(person_id))
            .filter(email_outbox::status.eq_any(["queued", "held"])),
    )
    .set((
        email_outbox::status.eq("skipped"),
        email_outbox::last_error.eq("erased"),
        email_outbox::lease_until.eq(None::<NaiveDateTime>),
        email_outbox::leased_by.eq(None::<String>),
    ))
    .execute(conn)?;
    n += diesel::update(email_outbox::table.filter(email_outbox::recipient_id.eq(person_id)))
        .set((
            email_outbox::to_address.eq(&address),
            email_outbox::subject.eq(""),
            email_outbox::body_text.eq(""),
            email_outbox::body_html.eq(""),
            email_outbox::ics.eq(None::<String>),
            email_outbox::payload.eq("{}"),
        ))
        .execute(conn)?;
    n += diesel::delete(sessions::table.filter(sessions::person_id.eq(person_id))).execute(conn)?;
    n += diesel::delete(one_time_tokens::table.filter(one_time_tokens::person_id.eq(person_id)))
        .execute(conn)?;
    n += diesel::delete(trusted_devices::table.filter(trusted_devices::person_id.eq(person_id)))
        .execute(conn)?;
    n += diesel::delete(form_stash::table.filter(form_stash::person_id.eq(person_id)))
        .execute(conn)?;
    n += diesel::update(
        super::schema::audit_log::table
            .filter(super::schema::audit_log::review_id.eq_any(own_reviews.nullable())),
    )
    .set(super::schema::audit_log::details.eq(""))
    .execute(conn)?;
    if let Some((email, name)) = old {
        n += diesel::delete(login_attempts::table.filter(login_attempts::email.eq(&email)))
            .execute(conn)?;
        n += scrub_audit(conn, person_id, &email, &address, &name)?;
    }
    // SQLite's people search index (`people_search`) followed the change by
    // trigger, but a full-text index only marks the old entry deleted until
    // its segments merge: merge them now, so no part of the old name, email
    // or title stays in it. PostgreSQL's trigram indexes are kept with the
    // rows themselves.
    if matches!(conn, DbConnection::Sqlite(_)) {
        diesel::sql_query("INSERT INTO people_search (people_search) VALUES ('optimize')")
            .execute(conn)?;
    }
    Ok(n)
}

/// The audit log keeps what happened, by whom and when, but not who the
/// erased person was: their address, wherever it appears in a record's
/// details, and their name in the records about them, become the
/// placeholders.
fn scrub_audit(
    conn: &mut DbConnection,
    person_id: &str,
    email: &str,
    address: &str,
    name: &str,
) -> QueryResult<usize> {
    use diesel::sql_types::Text;
    // As the details (JSON) hold them.
    let json = |s: &str| {
        let quoted = serde_json::to_string(s).unwrap_or_default();
        quoted.trim_matches('"').to_string()
    };
    let (raw_email, raw_name) = (email, name);
    let (email, name) = (json(email), json(name));
    let sql = "UPDATE audit_log SET details = REPLACE(details, $1, $2) WHERE details LIKE $3";
    let by_subject = "UPDATE audit_log SET details = REPLACE(details, $1, $2) \
                      WHERE subject_id = $3 AND details LIKE $4";
    let dialect = |q: &str| match conn {
        DbConnection::Sqlite(_) => q
            .replace("$1", "?1")
            .replace("$2", "?2")
            .replace("$3", "?3")
            .replace("$4", "?4"),
        DbConnection::Pg(_) => q.to_string(),
    };
    let mail = "UPDATE email_outbox SET subject = REPLACE(subject, $1, $2), \
                body_text = REPLACE(body_text, $1, $2), body_html = REPLACE(body_html, $1, $2) \
                WHERE subject LIKE $3 OR body_text LIKE $3 OR body_html LIKE $3";
    let (sql, by_subject, mail) = (dialect(sql), dialect(by_subject), dialect(mail));
    // A wildcard in the text only widens the rows looked at; REPLACE itself
    // is exact.
    let like = |s: &str| format!("%{s}%");
    let mut n = diesel::sql_query(sql)
        .bind::<Text, _>(&email)
        .bind::<Text, _>(json(address))
        .bind::<Text, _>(like(&email))
        .execute(conn)?;
    // Others' emails (an overdue summary to HR, a reminder to the manager)
    // name them: the name and address become the placeholders there too.
    let placeholder = placeholder_name(person_id);
    for (from, to) in [(raw_email, address), (raw_name, placeholder.as_str())] {
        if !from.trim().is_empty() {
            n += diesel::sql_query(mail.clone())
                .bind::<Text, _>(from)
                .bind::<Text, _>(to)
                .bind::<Text, _>(like(from))
                .execute(conn)?;
        }
    }
    if !name.trim().is_empty() {
        n += diesel::sql_query(by_subject)
            .bind::<Text, _>(&name)
            .bind::<Text, _>(json(&placeholder_name(person_id)))
            .bind::<Text, _>(person_id)
            .bind::<Text, _>(like(&name))
            .execute(conn)?;
    }
    Ok(n)
}

//! What mail an event causes, written into the outbox in the caller's
//! transaction: if the event is rolled back, so is its mail; if it commits,
//! the mail will be sent, however long the mail server is away.
//!
//! Rows carry facts (ids, phase, due date) rather than finished text: the
//! worker renders them when it sends, in the recipient's language of that day,
//! and skips a reminder whose work has been done meanwhile.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use crate::db::cycles::CycleRow;
use crate::db::outbox::{self, NewOutboxRow};
use crate::db::people::{self, MailTarget};
use crate::db::review_lists;
use crate::db::reviews::ReviewRow;
use crate::db::{self, DbConnection, QueryResult};
use crate::domain::mail::{MailKind, OutboxStatus, Phase};
use crate::domain::review::{CycleStatus, PhaseDates, ReviewState};

/// One message to queue.
pub struct Outgoing {
    pub kind: MailKind,
    pub recipient: MailTarget,
    /// Unique per message that must go once: recipient + event + subject + date.
    pub key: String,
    pub cycle_id: Option<String>,
    pub review_id: Option<String>,
    pub payload: Value,
    pub not_before: NaiveDateTime,
}

/// The calendar entries a cycle's closing mail cancels (its payload's
/// `cancel`: the phases whose step was not done when the cycle closed).
pub fn closing_cancellations(payload: &Value) -> Vec<Phase> {
    payload
        .get("cancel")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().and_then(Phase::parse))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a message may wait for its recipient's daily digest: a digest is
/// a list of links and cannot carry a calendar file, so a closing mail that
/// cancels entries goes at once.
fn holdable(m: &Outgoing) -> bool {
    let carries_calendar =
        m.kind == MailKind::CycleClosed && !closing_cancellations(&m.payload).is_empty();
    m.kind.digestible() && !carries_calendar
}

/// Queue messages. People who are no longer active get nothing; people in
/// digest mode have digestible mail held for their daily digest. A message
/// whose key is already in the outbox is not queued again.
pub fn enqueue(conn: &mut DbConnection, mails: Vec<Outgoing>) -> QueryResult<usize> {
    let now = db::now();
    let rows: Vec<NewOutboxRow> = mails
        .into_iter()
        .filter(|m| m.recipient.active && !m.recipient.email.is_empty())
        .map(|m| {
            let id = db::new_id();
            let status = if m.recipient.email_digest && holdable(&m) {
                OutboxStatus::Held
            } else {
                OutboxStatus::Queued
            };
            NewOutboxRow {
                message_id: id.clone(),
                id,
                dedupe_key: m.key,
                recipient_id: Some(m.recipient.id),
                to_address: m.recipient.email,
                kind: m.kind.code().into(),
                lang: m.recipient.lang,
                subject: String::new(),
                body_text: String::new(),
                body_html: String::new(),
                cycle_id: m.cycle_id,
                review_id: m.review_id,
                status: status.code().into(),
                next_attempt_at: m.not_before,
                created_at: now,
                payload: m.payload.to_string(),
            }
        })
        .collect();
    outbox::insert_many(conn, &rows)
}

fn targets(conn: &mut DbConnection, ids: Vec<String>) -> QueryResult<BTreeMap<String, MailTarget>> {
    Ok(people::mail_targets(conn, &ids)?
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect())
}

fn one(conn: &mut DbConnection, id: &str) -> QueryResult<Option<MailTarget>> {
    Ok(targets(conn, vec![id.to_string()])?.remove(id))
}

/// Each person's part in a cycle: their own review, and whether they manage
/// someone in it. Removed reviews do not count; with `open_only`, neither do
/// finished ones.
fn roles(
    conn: &mut DbConnection,
    cycle_id: &str,
    open_only: bool,
) -> QueryResult<BTreeMap<String, (Option<String>, bool)>> {
    let mut roles: BTreeMap<String, (Option<String>, bool)> = BTreeMap::new();
    for line in review_lists::roster(conn, cycle_id)? {
        let state = line.state();
        if state == ReviewState::Removed || (open_only && state.is_final()) {
            continue;
        }
        roles.entry(line.person_id.clone()).or_default().0 = Some(line.review_id.clone());
        if let Some(m) = line.manager_id {
            roles.entry(m).or_default().1 = true;
        }
    }
    Ok(roles)
}

/// A cycle opened: one invitation per person in it, covering both of their
/// roles (their own self-assessment, their team's reviews).
pub fn cycle_opened(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    send_at: NaiveDateTime,
) -> QueryResult<usize> {
    let roles = roles(conn, &cycle.id, false)?;
    let mut people = targets(conn, roles.keys().cloned().collect())?;
    let mails = roles
        .into_iter()
        .filter_map(|(pid, (review_id, manages))| {
            let recipient = people.remove(&pid)?;
            Some(Outgoing {
                kind: MailKind::CycleInvitation,
                key: format!(
                    "cycle_invitation:{pid}:{}:{}",
                    cycle.id, cycle.dates_sequence
                ),
                recipient,
                cycle_id: Some(cycle.id.clone()),
                review_id: review_id.clone(),
                payload: json!({ "as_participant": review_id.is_some(), "as_manager": manages }),
                not_before: send_at,
            })
        })
        .collect();
    enqueue(conn, mails)
}

/// Someone joined an open cycle late: an invitation for them, and one for
/// their manager if the manager had no one else in this cycle.
pub fn participant_added(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    review_id: &str,
    person_id: &str,
    manager_id: Option<&str>,
) -> QueryResult<usize> {
    if cycle.status != CycleStatus::Open {
        return Ok(0); // a scheduled cycle invites everyone when it opens
    }
    // Taken out and added back before the cancellation left: it would be
    // the last word they get, and a wrong one. It is not sent.
    outbox::supersede(
        conn,
        &cycle.id,
        Some(person_id),
        &[MailKind::ParticipationCancelled.code()],
        "superseded: added back to the review cycle before it was sent",
    )?;
    let now = db::now();
    let mut mails = vec![];
    if let Some(recipient) = one(conn, person_id)? {
        mails.push(Outgoing {
            kind: MailKind::CycleInvitation,
            key: format!(
                "cycle_invitation:{person_id}:{}:{}",
                cycle.id, cycle.dates_sequence
            ),
            recipient,
            cycle_id: Some(cycle.id.clone()),
            review_id: Some(review_id.to_string()),
            payload: json!({ "as_participant": true, "as_manager": false }),
            not_before: now,
        });
    }
    if let Some(m) = manager_id {
        // The team includes the review just added: alone in it means the
        // manager had no one else in this cycle and was never invited.
        if review_lists::team_in_cycle(conn, &cycle.id, m)?.len() <= 1 {
            if let Some(recipient) = one(conn, m)? {
                mails.push(Outgoing {
                    kind: MailKind::CycleInvitation,
                    key: format!(
                        "cycle_invitation:{m}:{}:{}:team",
                        cycle.id, cycle.dates_sequence
                    ),
                    recipient,
                    cycle_id: Some(cycle.id.clone()),
                    review_id: None,
                    payload: json!({ "as_participant": false, "as_manager": true }),
                    not_before: now,
                });
            }
        }
    }
    enqueue(conn, mails)
}

/// Someone was taken out of an open cycle: a cancellation of their entries.
pub fn participant_removed(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    review: &ReviewRow,
) -> QueryResult<usize> {
    if cycle.status != CycleStatus::Open {
        return Ok(0);
    }
    // An invitation or date change that has not left yet would now be wrong.
    outbox::supersede(
        conn,
        &cycle.id,
        Some(&review.person_id),
        &[
            MailKind::CycleInvitation.code(),
            MailKind::DatesMoved.code(),
        ],
        "superseded: taken out of the review cycle before it was sent",
    )?;
    let Some(recipient) = one(conn, &review.person_id)? else {
        return Ok(0);
    };
    enqueue(
        conn,
        vec![Outgoing {
            kind: MailKind::ParticipationCancelled,
            key: format!(
                "participation_cancelled:{}:{}:{}",
                review.person_id, review.id, cycle.dates_sequence
            ),
            recipient,
            cycle_id: Some(cycle.id.clone()),
            review_id: Some(review.id.clone()),
            payload: json!({}),
            not_before: db::now(),
        }],
    )
}

/// The dates of an open cycle moved (the cycle row already has the new dates
/// and version): everyone with work left in it hears, with updated entries.
pub fn dates_moved(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    previous: &PhaseDates,
) -> QueryResult<usize> {
    if cycle.status != CycleStatus::Open {
        return Ok(0);
    }
    let roles = roles(conn, &cycle.id, true)?;
    let mut people = targets(conn, roles.keys().cloned().collect())?;
    let now = db::now();
    let mails = roles
        .into_iter()
        .filter_map(|(pid, (review_id, manages))| {
            let recipient = people.remove(&pid)?;
            Some(Outgoing {
                kind: MailKind::DatesMoved,
                key: format!("dates_moved:{pid}:{}:{}", cycle.id, cycle.dates_sequence),
                recipient,
                cycle_id: Some(cycle.id.clone()),
                review_id: review_id.clone(),
                payload: json!({
                    "as_participant": review_id.is_some(),
                    "as_manager": manages,
                    "previous": previous,
                }),
                not_before: now,
            })
        })
        .collect();
    enqueue(conn, mails)
}

/// A cycle is closing: everyone who took part, and their managers. Called
/// before the reviews are marked unfinished, because what each mail says
/// about the calendar depends on how far each review got: no due date of a
/// closed cycle applies any more, so every entry whose step was not done
/// (the self-assessment, the acknowledgement, a manager's review of their
/// team) is cancelled in the closing mail of its owner. Entries for steps
/// that were done stay, as they always do. Only an open cycle has sent
/// entries; invitations and date changes still waiting are not sent.
pub fn cycle_closed(conn: &mut DbConnection, cycle: &CycleRow) -> QueryResult<usize> {
    let was_open = cycle.status == CycleStatus::Open;
    outbox::supersede(
        conn,
        &cycle.id,
        None,
        &[
            MailKind::CycleInvitation.code(),
            MailKind::DatesMoved.code(),
        ],
        "superseded: the review cycle closed before it was sent",
    )?;
    let mut cancel: BTreeMap<String, Vec<Phase>> = BTreeMap::new();
    if was_open {
        for line in review_lists::roster(conn, &cycle.id)? {
            let state = line.state();
            if state == ReviewState::Removed || state.is_final() {
                continue;
            }
            let own = cancel.entry(line.person_id.clone()).or_default();
            if state == ReviewState::SelfAssessment {
                own.push(Phase::SelfAssessment);
            }
            own.push(Phase::Acknowledgement);
            if matches!(
                state,
                ReviewState::SelfAssessment | ReviewState::ManagerReview
            ) {
                if let Some(m) = line.manager_id {
                    let theirs = cancel.entry(m).or_default();
                    if !theirs.contains(&Phase::ManagerReview) {
                        theirs.push(Phase::ManagerReview);
                    }
                }
            }
        }
    }
    let roles = roles(conn, &cycle.id, false)?;
    let mut people = targets(conn, roles.keys().cloned().collect())?;
    let now = db::now();
    let mails = roles
        .into_iter()
        .filter_map(|(pid, (review_id, _))| {
            let recipient = people.remove(&pid)?;
            let phases: Vec<&str> = cancel
                .remove(&pid)
                .unwrap_or_default()
                .into_iter()
                .map(Phase::code)
                .collect();
            Some(Outgoing {
                kind: MailKind::CycleClosed,
                key: format!("cycle_closed:{pid}:{}", cycle.id),
                recipient,
                cycle_id: Some(cycle.id.clone()),
                review_id,
                payload: json!({ "cancel": phases }),
                not_before: now,
            })
        })
        .collect();
    enqueue(conn, mails)
}

/// A step of one review that someone else must hear about.
pub fn review_event(
    conn: &mut DbConnection,
    kind: MailKind,
    review: &ReviewRow,
    recipient_id: &str,
    payload: Value,
) -> QueryResult<usize> {
    let Some(recipient) = one(conn, recipient_id)? else {
        return Ok(0);
    };
    enqueue(
        conn,
        vec![Outgoing {
            kind,
            // The same event cannot produce this key twice: `review` is the
            // row as the event left it, and every round of a review (a
            // submission, a sharing) moves one of its versions on, so a
            // second submission after a reopening has a key of its own while
            // a repeat of the same one does not.
            key: format!(
                "{}:{recipient_id}:{}:s{}:m{}",
                kind.code(),
                review.id,
                review.self_version,
                review.manager_version
            ),
            recipient,
            cycle_id: Some(review.cycle_id.clone()),
            review_id: Some(review.id.clone()),
            payload,
            not_before: db::now(),
        }],
    )
}

/// Account mail carrying a one-time link (an invitation or a password reset).
/// The token is kept only until the message is sent.
pub fn account_link(
    conn: &mut DbConnection,
    kind: MailKind,
    person_id: &str,
    token: &str,
) -> QueryResult<usize> {
    let Some(recipient) = one(conn, person_id)? else {
        return Ok(0);
    };
    enqueue(
        conn,
        vec![Outgoing {
            kind,
            key: format!("{}:{person_id}:{}", kind.code(), db::new_id()),
            recipient,
            cycle_id: None,
            review_id: None,
            payload: json!({ "token": token }),
            not_before: db::now(),
        }],
    )
}

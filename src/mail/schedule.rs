//! The scheduler: each day at the send hour (instance time zone), work out
//! from the cycles' dates which reminders, overdue notices and digests are
//! due, and queue them. Scheduling is data, not cron: what was planned is
//! recorded (`mail_plan`), so a server that was down at the send hour plans
//! the day when it comes back, and planning twice queues nothing twice.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::json;

use super::outbox::{enqueue, Outgoing};
use crate::db::cycles::{self, CycleRow};
use crate::db::outbox::{self, NewOutboxRow};
use crate::db::people::{self, MailTarget};
use crate::db::review_lists::{self, RosterLine};
use crate::db::{self, DbConnection, QueryResult};
use crate::domain::mail::{reminder_due, MailKind, OutboxStatus, Phase};
use crate::domain::review::parse_reminder_days;

/// When the day's mail goes out.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub tz: Tz,
    pub send_hour: u32,
    /// Days after a due date before the late person's manager hears.
    pub overdue_grace_days: i64,
}

/// The moment (UTC) of `hour`:00 local time on `day`. On a day when clocks
/// jump over that hour, the first moment after the gap.
pub fn send_time(day: NaiveDate, tz: Tz, hour: u32) -> NaiveDateTime {
    let mut naive = day.and_hms_opt(hour.min(23), 0, 0).unwrap_or_default();
    for _ in 0..4 {
        match tz.from_local_datetime(&naive) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.naive_utc(),
            LocalResult::None => naive += Duration::minutes(30),
        }
    }
    naive
}

/// The local day of a UTC moment.
pub fn local_day(now: NaiveDateTime, tz: Tz) -> NaiveDate {
    Utc.from_utc_datetime(&now).with_timezone(&tz).date_naive()
}

/// A phase's due date: the due date of the step its reviews wait in. Every
/// phase waits in a step that has one (a unit test in `domain::review` says
/// so), so the closing day is never used.
pub fn due_of(cycle: &CycleRow, phase: Phase) -> NaiveDate {
    phase
        .waiting_state()
        .due_on(&cycle.dates())
        .unwrap_or(cycle.closes_on)
}

/// Queue what is due at `now`; returns how many messages were queued.
pub fn plan(conn: &mut DbConnection, now: DateTime<Utc>, clock: &Clock) -> QueryResult<usize> {
    let now = now.naive_utc();
    let today = local_day(now, clock.tz);
    if now < send_time(today, clock.tz, clock.send_hour) {
        return Ok(0);
    }
    db::write_tx(conn, |conn| {
        // One planner at a time across instances.
        db::locks::for_transaction(conn, db::locks::MAIL_SCHEDULE)?;
        let mut queued = 0;
        for cycle in cycles::list_open(conn)? {
            queued += plan_cycle(conn, &cycle, today, now, clock)?;
        }
        queued += plan_digests(conn, today, now)?;
        Ok(queued)
    })
}

fn plan_cycle(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    today: NaiveDate,
    now: NaiveDateTime,
    clock: &Clock,
) -> QueryResult<usize> {
    let offsets = parse_reminder_days(&cycle.reminder_days).unwrap_or_default();
    let mut roster: Option<Vec<RosterLine>> = None;
    let mut queued = 0;
    for phase in Phase::ALL {
        let due = due_of(cycle, phase);
        if let Some(k) = reminder_due(today, cycle.opens_on, due, &offsets) {
            let key = format!("reminder:{}:{}:{due}:{k}", cycle.id, phase.code());
            if !outbox::planned(conn, &key)? && outbox::mark_planned(conn, &key, now)? {
                let lines = roster_of(conn, cycle, &mut roster)?;
                queued += reminders(conn, cycle, phase, due, k, &waiting(lines, phase), now)?;
            }
        }
        if today > due {
            let key = format!("overdue:{}:{}:{due}", cycle.id, phase.code());
            if !outbox::planned(conn, &key)? && outbox::mark_planned(conn, &key, now)? {
                let lines = roster_of(conn, cycle, &mut roster)?;
                queued += overdue(conn, cycle, phase, due, &waiting(lines, phase), now)?;
            }
        }
        if today > due + Duration::days(clock.overdue_grace_days) {
            let key = format!("overdue_manager:{}:{}:{due}", cycle.id, phase.code());
            if !outbox::planned(conn, &key)? && outbox::mark_planned(conn, &key, now)? {
                let lines = roster_of(conn, cycle, &mut roster)?;
                queued += overdue_managers(conn, cycle, phase, due, &waiting(lines, phase), now)?;
            }
        }
    }
    Ok(queued)
}

/// HR's "remind now": an overdue notice to each person who must act on one
/// of `lines` (reviews late at `phase`). The key carries the day, so a
/// person hears at most once a day this way for a cycle and step, however
/// often the button is pressed. Returns the messages queued.
pub fn remind_now(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    phase: Phase,
    lines: &[RosterLine],
    today: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let due = due_of(cycle, phase);
    per_actor(
        conn,
        MailKind::Overdue,
        cycle,
        phase,
        due,
        &format!(":now:{today}"),
        lines,
        now,
    )
}

fn roster_of<'a>(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    cache: &'a mut Option<Vec<RosterLine>>,
) -> QueryResult<&'a [RosterLine]> {
    if cache.is_none() {
        *cache = Some(review_lists::roster(conn, &cycle.id)?);
    }
    Ok(cache.as_deref().unwrap_or_default())
}

/// The reviews whose work for `phase` is still to do.
fn waiting(lines: &[RosterLine], phase: Phase) -> Vec<RosterLine> {
    lines
        .iter()
        .filter(|l| l.waits_at(phase.waiting_state()))
        .cloned()
        .collect()
}

/// Who must act on a waiting review in this phase.
fn actor(line: &RosterLine, phase: Phase) -> Option<&str> {
    if phase.employee_acts() {
        Some(&line.person_id)
    } else {
        line.manager_id.as_deref()
    }
}

fn targets(conn: &mut DbConnection, ids: Vec<String>) -> QueryResult<BTreeMap<String, MailTarget>> {
    Ok(people::mail_targets(conn, &ids)?
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect())
}

/// Reviews grouped by who must act on them.
fn by_actor(lines: &[RosterLine], phase: Phase) -> BTreeMap<String, Vec<&RosterLine>> {
    let mut map: BTreeMap<String, Vec<&RosterLine>> = BTreeMap::new();
    for l in lines {
        if let Some(a) = actor(l, phase) {
            map.entry(a.to_string()).or_default().push(l);
        }
    }
    map
}

/// One message per person who must act. The employee's reminders are about
/// their own review; a manager's list every report waiting for them.
#[allow(clippy::too_many_arguments)]
fn per_actor(
    conn: &mut DbConnection,
    kind: MailKind,
    cycle: &CycleRow,
    phase: Phase,
    due: NaiveDate,
    suffix: &str,
    lines: &[RosterLine],
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let groups = by_actor(lines, phase);
    let mut people = targets(conn, groups.keys().cloned().collect())?;
    let mails = groups
        .into_iter()
        .filter_map(|(actor, lines)| {
            let recipient = people.remove(&actor)?;
            let review_ids: Vec<&str> = lines.iter().map(|l| l.review_id.as_str()).collect();
            let review_id = if phase.employee_acts() {
                lines.first().map(|l| l.review_id.clone())
            } else {
                None
            };
            Some(Outgoing {
                kind,
                key: format!(
                    "{}:{actor}:{}:{}:{due}{suffix}",
                    kind.code(),
                    review_id.as_deref().unwrap_or(&cycle.id),
                    phase.code()
                ),
                recipient,
                cycle_id: Some(cycle.id.clone()),
                review_id,
                payload: json!({ "phase": phase.code(), "due_on": due, "review_ids": review_ids }),
                not_before: now,
            })
        })
        .collect();
    enqueue(conn, mails)
}

fn reminders(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    phase: Phase,
    due: NaiveDate,
    k: i64,
    lines: &[RosterLine],
    now: NaiveDateTime,
) -> QueryResult<usize> {
    per_actor(
        conn,
        MailKind::Reminder,
        cycle,
        phase,
        due,
        &format!(":{k}"),
        lines,
        now,
    )
}

/// The day after a due date: a notice to each late person, and HR's summary.
fn overdue(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    phase: Phase,
    due: NaiveDate,
    lines: &[RosterLine],
    now: NaiveDateTime,
) -> QueryResult<usize> {
    if lines.is_empty() {
        return Ok(0);
    }
    let mut queued = per_actor(conn, MailKind::Overdue, cycle, phase, due, "", lines, now)?;
    let review_ids: Vec<&str> = lines.iter().map(|l| l.review_id.as_str()).collect();
    let mails = people::hr_targets(conn)?
        .into_iter()
        .map(|hr| Outgoing {
            kind: MailKind::HrOverdueSummary,
            key: format!(
                "hr_overdue_summary:{}:{}:{}:{due}",
                hr.id,
                cycle.id,
                phase.code()
            ),
            recipient: hr,
            cycle_id: Some(cycle.id.clone()),
            review_id: None,
            payload: json!({ "phase": phase.code(), "due_on": due, "review_ids": review_ids }),
            not_before: now,
        })
        .collect();
    queued += enqueue(conn, mails)?;
    Ok(queued)
}

/// After the grace period: the late person's manager hears, once, with
/// everyone of theirs who is late in this phase.
fn overdue_managers(
    conn: &mut DbConnection,
    cycle: &CycleRow,
    phase: Phase,
    due: NaiveDate,
    lines: &[RosterLine],
    now: NaiveDateTime,
) -> QueryResult<usize> {
    // The late person's manager: for the employee's phases the review's
    // manager; for the manager's phase, the manager's own manager.
    let mut up: BTreeMap<String, Vec<&RosterLine>> = BTreeMap::new();
    if phase.employee_acts() {
        for l in lines {
            if let Some(m) = &l.manager_id {
                up.entry(m.clone()).or_default().push(l);
            }
        }
    } else {
        let managers = targets(
            conn,
            lines.iter().filter_map(|l| l.manager_id.clone()).collect(),
        )?;
        for l in lines {
            let boss = l
                .manager_id
                .as_ref()
                .and_then(|m| managers.get(m))
                .and_then(|m| m.manager_id.clone());
            if let Some(b) = boss {
                up.entry(b).or_default().push(l);
            }
        }
    }
    let mut people = targets(conn, up.keys().cloned().collect())?;
    let mails = up
        .into_iter()
        .filter_map(|(boss, lines)| {
            let recipient = people.remove(&boss)?;
            let review_ids: Vec<&str> = lines.iter().map(|l| l.review_id.as_str()).collect();
            Some(Outgoing {
                kind: MailKind::OverdueManager,
                key: format!("overdue_manager:{boss}:{}:{}:{due}", cycle.id, phase.code()),
                recipient,
                cycle_id: Some(cycle.id.clone()),
                review_id: None,
                payload: json!({ "phase": phase.code(), "due_on": due, "review_ids": review_ids }),
                not_before: now,
            })
        })
        .collect();
    enqueue(conn, mails)
}

/// One digest a day per person in digest mode, carrying what was held.
fn plan_digests(
    conn: &mut DbConnection,
    today: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mut queued = 0;
    let recipients = outbox::held_recipients(conn, now)?;
    if recipients.is_empty() {
        return Ok(0);
    }
    let people = targets(conn, recipients.clone())?;
    for pid in recipients {
        let Some(person) = people.get(&pid) else {
            continue;
        };
        let held: Vec<String> = outbox::held_for(conn, &pid)?
            .into_iter()
            .map(|r| r.id)
            .collect();
        if held.is_empty() {
            continue;
        }
        let id = db::new_id();
        let row = NewOutboxRow {
            message_id: id.clone(),
            id: id.clone(),
            dedupe_key: format!("digest:{pid}:{today}"),
            recipient_id: Some(pid.clone()),
            to_address: person.email.clone(),
            kind: MailKind::Digest.code().into(),
            lang: person.lang.clone(),
            subject: String::new(),
            body_text: String::new(),
            body_html: String::new(),
            cycle_id: None,
            review_id: None,
            status: OutboxStatus::Queued.code().into(),
            next_attempt_at: now,
            created_at: now,
            payload: json!({ "date": today }).to_string(),
        };
        // Today's digest may already have gone: what came after waits for tomorrow's.
        if outbox::insert_many(conn, std::slice::from_ref(&row))? == 1 {
            outbox::bundle(conn, &held, &id)?;
            queued += 1;
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_send_hour_is_local() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        // 08:00 in Jakarta (UTC+7) is 01:00 UTC the same day.
        assert_eq!(
            send_time(day, chrono_tz::Asia::Jakarta, 8),
            day.and_hms_opt(1, 0, 0).expect("time")
        );
        // 06:00 in Jakarta is 23:00 UTC the day before.
        assert_eq!(
            send_time(day, chrono_tz::Asia::Jakarta, 6),
            NaiveDate::from_ymd_opt(2026, 11, 30)
                .and_then(|d| d.and_hms_opt(23, 0, 0))
                .expect("time")
        );
        // A spring-forward gap (New York, 8 March 2026, 02:00 → 03:00).
        let gap = NaiveDate::from_ymd_opt(2026, 3, 8).expect("date");
        assert_eq!(
            send_time(gap, chrono_tz::America::New_York, 2),
            gap.and_hms_opt(7, 0, 0).expect("time")
        );
    }

    #[test]
    fn local_day_crosses_midnight_before_utc() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(18, 30, 0))
            .expect("time");
        assert_eq!(
            local_day(t, chrono_tz::Asia::Jakarta),
            NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
        );
    }
}

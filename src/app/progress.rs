//! A cycle's progress: per step, per department and per manager, the
//! burn-down, and HR's "remind now" for the reviews late at a step.
//!
//! HR sees the whole cycle; a manager sees the reviews of everyone below
//! them in the reporting lines (every level, not only direct reports), as
//! counts: the page names managers and departments, never a person's
//! review. Who sees which part is `policy::progress_scope`.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, TimeZone};
use serde_json::json;

use super::{Actor, Clock, Error};
use crate::db::{self, audit, cycles, progress as q, review_lists, DbConnection};
use crate::domain::mail::Phase;
use crate::domain::policy::{self, ProgressScope};
use crate::domain::progress::{burn_down, late_states, Passed, Remaining, Tally};
use crate::domain::review::{CycleStatus, ReviewState};
use crate::domain::CycleId;

/// The smallest group a manager's view names (see [`fold_small`]).
pub const SMALLEST_GROUP: i64 = 5;
/// The key of the row that holds the small groups.
pub const OTHER: &str = "*";

/// Groups under [`SMALLEST_GROUP`] reviews, summed into one row keyed [`OTHER`].
fn fold_small(groups: Vec<Group>) -> Vec<Group> {
    let (mut kept, small): (Vec<Group>, Vec<Group>) = groups
        .into_iter()
        .partition(|g| g.tally.total >= SMALLEST_GROUP);
    if !small.is_empty() {
        let mut tally = Tally::default();
        for g in &small {
            tally.merge(&g.tally);
        }
        kept.push(Group {
            key: OTHER.to_string(),
            label: String::new(),
            tally,
        });
    }
    kept
}

/// The most days a burn-down shows (the last ones).
pub const BURN_DOWN_DAYS: usize = 120;

/// One row of a progress table: a department or a manager.
#[derive(Debug, Clone)]
pub struct Group {
    /// The department's name, or the manager's person id.
    pub key: String,
    /// What the page shows (the manager's name; a department as it is).
    pub label: String,
    pub tally: Tally,
}

#[derive(Debug, Clone)]
pub struct Progress {
    pub cycle: cycles::CycleRow,
    pub status: CycleStatus,
    /// The whole cycle (HR), or a manager's organisation.
    pub everyone: bool,
    pub overall: Tally,
    pub departments: Vec<Group>,
    pub managers: Vec<Group>,
    pub burn_down: Vec<Remaining>,
    /// HR may press "remind now" (an open cycle).
    pub may_remind: bool,
}

fn local_day(at: Option<NaiveDateTime>, tz: chrono_tz::Tz) -> Option<chrono::NaiveDate> {
    at.map(|t| {
        chrono::Utc
            .from_utc_datetime(&t)
            .with_timezone(&tz)
            .date_naive()
    })
}

/// Read a cycle's progress for this reader.
pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    tz: chrono_tz::Tz,
    cycle_id: &CycleId,
    has_reports: bool,
) -> Result<Progress, Error> {
    let scope = policy::progress_scope(actor, has_reports).ok_or(Error::Forbidden)?;
    let cycle = cycles::find(conn, cycle_id.as_str())?.ok_or(Error::NotFound)?;
    let status = cycle.status(clock.today);
    if status == CycleStatus::Draft {
        return Err(Error::NotNow("progress-error-draft"));
    }
    let within = match scope {
        ProgressScope::Everyone => None,
        ProgressScope::Below(id) => Some(id),
    };
    let late = late_states(&cycle.dates(), clock.today, status == CycleStatus::Open);
    let mut overall = Tally::default();
    let mut departments: BTreeMap<String, Tally> = BTreeMap::new();
    let mut managers: BTreeMap<String, (String, Tally)> = BTreeMap::new();
    for c in q::counts(conn, &cycle.id, within)? {
        // Handed in for calibration: waiting on HR, not late at its manager.
        let is_late =
            late.contains(&c.state) && !(c.state == ReviewState::ManagerReview && c.handed_in);
        overall.add(c.state, c.n, is_late);
        departments
            .entry(c.department)
            .or_default()
            .add(c.state, c.n, is_late);
        managers
            .entry(c.manager_id.unwrap_or_default())
            .or_insert_with(|| (c.manager_name.unwrap_or_default(), Tally::default()))
            .1
            .add(c.state, c.n, is_late);
    }
    if within.is_some() && overall.total == 0 {
        // Nobody below this manager takes part: nothing of theirs to show.
        return Err(Error::Forbidden);
    }
    let passed: Vec<Passed> = q::passed(conn, &cycle.id, within)?
        .into_iter()
        .map(|(s, sh, a)| Passed {
            self_submitted: local_day(s, tz),
            shared: local_day(sh, tz),
            acknowledged: local_day(a, tz),
        })
        .collect();
    let last_due = cycle.ack_due_on;
    let to = last_due.min(clock.today).max(cycle.opens_on);
    let burn_down = burn_down(&passed, cycle.opens_on, to, BURN_DOWN_DAYS);
    let group = |(key, label, tally): (String, String, Tally)| Group { key, label, tally };
    let mut departments: Vec<Group> = departments
        .into_iter()
        .filter(|(_, t)| t.total > 0)
        .map(|(d, t)| group((d.clone(), d, t)))
        .collect();
    let mut managers: Vec<Group> = managers
        .into_iter()
        .filter(|(_, (_, t))| t.total > 0)
        .map(|(id, (name, t))| group((id, name, t)))
        .collect();
    // A manager sees counts, never one person's step: for them, a
    // department or manager with fewer than `SMALLEST_GROUP` reviews is
    // counted in one "other" row.
    if within.is_some() {
        departments = fold_small(departments);
        managers = fold_small(managers);
    }
    // The most late first, then the least done: where to look.
    let order = |a: &Group, b: &Group| {
        b.tally
            .late()
            .cmp(&a.tally.late())
            .then(
                a.tally
                    .percent(a.tally.acknowledged)
                    .cmp(&b.tally.percent(b.tally.acknowledged)),
            )
            .then(a.label.cmp(&b.label))
    };
    departments.sort_by(order);
    managers.sort_by(order);
    Ok(Progress {
        everyone: within.is_none(),
        may_remind: within.is_none()
            && status == CycleStatus::Open
            && policy::may_run_cycles(actor),
        cycle,
        status,
        overall,
        departments,
        managers,
        burn_down,
    })
}

/// HR's "remind now": an overdue notice to everyone who must act on a
/// review late at `phase` (in one department, when given), at most once a
/// day each. Returns the messages queued (0 when all were reminded today).
pub fn remind_late(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
    phase: Phase,
    department: Option<&str>,
) -> Result<usize, Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_run_cycles(actor) {
            return Err(Error::Forbidden);
        }
        let cycle = cycles::find(conn, cycle_id.as_str())?.ok_or(Error::NotFound)?;
        if cycle.status(clock.today) != CycleStatus::Open {
            return Err(Error::NotNow("progress-error-not-open"));
        }
        let waiting: ReviewState = phase.waiting_state();
        if !late_states(&cycle.dates(), clock.today, true).contains(&waiting) {
            return Err(Error::NotNow("progress-error-not-late"));
        }
        let mut lines: Vec<review_lists::RosterLine> = review_lists::roster(conn, &cycle.id)?
            .into_iter()
            .filter(|l| l.waits_at(waiting))
            .collect();
        if let Some(d) = department {
            let in_department = db::people::ids_in_department(conn, d)?;
            lines.retain(|l| in_department.contains(&l.person_id));
        }
        let queued =
            crate::mail::schedule::remind_now(conn, &cycle, phase, &lines, clock.today, clock.now)?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "cycle.reminded",
                subject_type: "cycle",
                subject_id: &cycle.id,
                cycle_id: Some(&cycle.id),
                details: json!({
                    "step": phase.code(),
                    "department": department,
                    "late": lines.len(),
                    "queued": queued,
                }),
                ..Default::default()
            },
        )?;
        Ok(queued)
    })
}

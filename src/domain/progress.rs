//! A cycle's progress as HR (or a manager, for their organisation) reads
//! it: how many reviews have passed each step, how many are late, per group
//! (a department, a manager), and how the work still to do went down day
//! by day (a burn-down).
//!
//! Pure: counts and dates in, numbers out; the pages draw them.

use chrono::NaiveDate;
use serde::Serialize;

use super::review::{PhaseDates, ReviewState};

/// One group's reviews, by step. Removed reviews are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub total: i64,
    /// Self-assessment submitted (the review is past that step).
    pub self_done: i64,
    /// Manager review shared.
    pub shared: i64,
    pub acknowledged: i64,
    /// Still at a step whose due date has passed (open cycles only).
    pub late_self: i64,
    pub late_manager: i64,
    pub late_ack: i64,
}

impl Tally {
    /// Add `n` reviews in `state`. `late` says whether that state's due
    /// date has passed in an open cycle (see [`late_states`]).
    pub fn add(&mut self, state: ReviewState, n: i64, late: bool) {
        if state == ReviewState::Removed {
            return;
        }
        self.total += n;
        match state {
            ReviewState::SelfAssessment => {
                if late {
                    self.late_self += n;
                }
            }
            ReviewState::ManagerReview => {
                self.self_done += n;
                if late {
                    self.late_manager += n;
                }
            }
            ReviewState::Shared => {
                self.self_done += n;
                self.shared += n;
                if late {
                    self.late_ack += n;
                }
            }
            ReviewState::Acknowledged => {
                self.self_done += n;
                self.shared += n;
                self.acknowledged += n;
            }
            ReviewState::Unfinished | ReviewState::Removed => {}
        }
    }

    /// Add another group's counts to these.
    pub fn merge(&mut self, other: &Tally) {
        self.total += other.total;
        self.self_done += other.self_done;
        self.shared += other.shared;
        self.acknowledged += other.acknowledged;
        self.late_self += other.late_self;
        self.late_manager += other.late_manager;
        self.late_ack += other.late_ack;
    }

    pub fn late(&self) -> i64 {
        self.late_self + self.late_manager + self.late_ack
    }

    /// Whole percent of `part` in the total (0 when there is none).
    pub fn percent(&self, part: i64) -> i64 {
        if self.total == 0 {
            0
        } else {
            (part * 100 + self.total / 2) / self.total
        }
    }
}

/// The states whose step is late today, in an open cycle.
pub fn late_states(dates: &PhaseDates, today: NaiveDate, open: bool) -> Vec<ReviewState> {
    if !open {
        return vec![];
    }
    ReviewState::ALL
        .into_iter()
        .filter(|s| s.due_on(dates).is_some_and(|d| d < today))
        .collect()
}

/// When one review passed each step (local dates), for the burn-down.
#[derive(Debug, Clone, Copy, Default)]
pub struct Passed {
    pub self_submitted: Option<NaiveDate>,
    pub shared: Option<NaiveDate>,
    pub acknowledged: Option<NaiveDate>,
}

/// Work still to do at the end of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Remaining {
    pub day: NaiveDate,
    pub self_assessments: i64,
    pub manager_reviews: i64,
    pub acknowledgements: i64,
}

/// The burn-down from `from` (the opening day) to `to` (the last due date,
/// or today if that comes first): for each day, how many reviews had not
/// yet passed each step by its end. At most `max_days` days (the last ones).
pub fn burn_down(
    passed: &[Passed],
    from: NaiveDate,
    to: NaiveDate,
    max_days: usize,
) -> Vec<Remaining> {
    if to < from {
        return vec![];
    }
    let days = (to - from).num_days() as usize + 1;
    let start = from + chrono::Duration::days(days.saturating_sub(max_days) as i64);
    // How many passed each step on each day; then a running sum.
    let index = |d: Option<NaiveDate>| -> Option<usize> {
        let d = d?;
        if d > to {
            return None;
        }
        Some(if d < start {
            0
        } else {
            (d - start).num_days() as usize
        })
    };
    let n = (to - start).num_days() as usize + 1;
    let mut steps = vec![[0i64; 3]; n];
    for p in passed {
        for (k, d) in [p.self_submitted, p.shared, p.acknowledged]
            .into_iter()
            .enumerate()
        {
            if let Some(i) = index(d) {
                steps[i][k] += 1;
            }
        }
    }
    let total = passed.len() as i64;
    let mut done = [0i64; 3];
    steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            for k in 0..3 {
                done[k] += s[k];
            }
            Remaining {
                day: start + chrono::Duration::days(i as i64),
                self_assessments: total - done[0],
                manager_reviews: total - done[1],
                acknowledgements: total - done[2],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_tally_counts_each_step_and_lateness() {
        let mut t = Tally::default();
        t.add(ReviewState::SelfAssessment, 3, true);
        t.add(ReviewState::ManagerReview, 2, false);
        t.add(ReviewState::Shared, 4, true);
        t.add(ReviewState::Acknowledged, 1, false);
        t.add(ReviewState::Removed, 7, true);
        t.add(ReviewState::Unfinished, 1, false);
        assert_eq!(t.total, 11);
        assert_eq!(t.self_done, 7);
        assert_eq!(t.shared, 5);
        assert_eq!(t.acknowledged, 1);
        assert_eq!((t.late_self, t.late_manager, t.late_ack), (3, 0, 4));
        assert_eq!(t.late(), 7);
        assert_eq!(t.percent(t.self_done), 64);
        assert_eq!(Tally::default().percent(0), 0);
    }

    #[test]
    fn late_states_follow_the_due_dates() {
        let dates = PhaseDates {
            opens_on: d("2026-11-01"),
            self_due_on: d("2026-11-07"),
            manager_due_on: d("2026-11-14"),
            ack_due_on: d("2026-11-18"),
            closes_on: d("2026-11-21"),
        };
        assert!(late_states(&dates, d("2026-11-07"), true).is_empty());
        assert_eq!(
            late_states(&dates, d("2026-11-15"), true),
            vec![ReviewState::SelfAssessment, ReviewState::ManagerReview]
        );
        assert!(late_states(&dates, d("2026-11-30"), false).is_empty());
    }

    #[test]
    fn the_burn_down_counts_what_is_left_each_day() {
        let p = |s: Option<&str>, sh: Option<&str>, a: Option<&str>| Passed {
            self_submitted: s.map(d),
            shared: sh.map(d),
            acknowledged: a.map(d),
        };
        let passed = [
            p(Some("2026-11-02"), Some("2026-11-03"), Some("2026-11-03")),
            p(Some("2026-11-03"), None, None),
            p(None, None, None),
            // Before the window (a reopened cycle): counted from the start.
            p(Some("2026-10-30"), None, None),
            // After the window: not yet.
            p(Some("2026-11-09"), None, None),
        ];
        let b = burn_down(&passed, d("2026-11-01"), d("2026-11-04"), 100);
        let left: Vec<(i64, i64, i64)> = b
            .iter()
            .map(|r| (r.self_assessments, r.manager_reviews, r.acknowledgements))
            .collect();
        assert_eq!(left, vec![(4, 5, 5), (3, 5, 5), (2, 4, 4), (2, 4, 4)]);
        assert_eq!(b[0].day, d("2026-11-01"));
        // Only the last days when the window is long.
        let b = burn_down(&passed, d("2026-11-01"), d("2026-11-04"), 2);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].day, d("2026-11-03"));
        assert_eq!(b[0].self_assessments, 2);
        assert!(burn_down(&passed, d("2026-11-04"), d("2026-11-01"), 9).is_empty());
    }
}

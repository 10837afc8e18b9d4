//! Calibration: the step between the manager review and sharing where HR
//! (and, if HR allows, a manager's own manager) compares ratings across
//! teams and adjusts final ratings, each change with a reason. Pure rules;
//! the commands in `app::calibration` apply them.

use chrono::NaiveDate;
use serde::Serialize;

use super::review::{valid_rating, PhaseDates};

/// Where a cycle's calibration step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Managers hand their reviews in; final ratings may be adjusted.
    Open,
    /// Over: every review handed in was shared; nothing changes any more.
    Locked,
}

/// A cycle's calibration settings, as HR chooses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The day calibration should be finished by.
    pub due_on: NaiveDate,
    /// The employee reads the final rating (else the one their manager gave).
    pub final_visible: bool,
    /// A manager may calibrate the reviews written by managers below them.
    pub by_managers: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The calibration date must fall between the manager review's due date
    /// and the acknowledgement's.
    #[error("calibration date out of order")]
    OutOfOrder,
}

impl Settings {
    /// The calibration step sits after the manager review is due and before
    /// the acknowledgement is: manager due ≤ calibration due ≤ acknowledgement due.
    pub fn check(&self, dates: &PhaseDates) -> Result<(), SettingsError> {
        check_due(self.due_on, dates)
    }
}

/// See [`Settings::check`]; also used when a cycle's dates move.
pub fn check_due(due_on: NaiveDate, dates: &PhaseDates) -> Result<(), SettingsError> {
    if due_on < dates.manager_due_on || due_on > dates.ack_due_on {
        return Err(SettingsError::OutOfOrder);
    }
    Ok(())
}

/// The longest reason kept for an adjustment, in characters.
pub const REASON_MAX: usize = 2000;

/// A reason given for an adjustment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AdjustmentError {
    #[error("a reason is required")]
    NoReason,
    #[error("the reason is too long")]
    ReasonTooLong,
    #[error("not a rating on the scale")]
    BadRating,
    #[error("the rating is already this")]
    Unchanged,
}

impl Reason {
    pub fn parse(s: &str) -> Result<Reason, AdjustmentError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(AdjustmentError::NoReason);
        }
        if t.chars().count() > REASON_MAX {
            return Err(AdjustmentError::ReasonTooLong);
        }
        Ok(Reason(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new final rating for one question: on the scale and different from
/// the final rating it replaces.
pub fn check_new_rating(before: Option<i32>, after: i32) -> Result<(), AdjustmentError> {
    if !valid_rating(after) {
        return Err(AdjustmentError::BadRating);
    }
    if before == Some(after) {
        return Err(AdjustmentError::Unchanged);
    }
    Ok(())
}

/// The final rating of a question: the newest adjustment's, else the
/// manager's own.
pub fn final_rating(manager: Option<i32>, newest_adjustment: Option<i32>) -> Option<i32> {
    newest_adjustment.or(manager)
}

/// The order of the calibration list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    /// The mean of the person's final ratings.
    Mean,
    /// The mean of the person's own ratings (of the questions both rate).
    OwnMean,
    /// One rating question's final rating (its position in the form).
    Question(usize),
}

impl SortBy {
    /// From the `sort` query value: `name`, `mean`, `own` or `q<N>`;
    /// anything else is by name.
    pub fn parse(s: &str) -> SortBy {
        match s {
            "mean" => SortBy::Mean,
            "own" => SortBy::OwnMean,
            _ => s
                .strip_prefix('q')
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n < 64)
                .map(SortBy::Question)
                .unwrap_or(SortBy::Name),
        }
    }

    pub fn code(self) -> String {
        match self {
            SortBy::Name => "name".into(),
            SortBy::Mean => "mean".into(),
            SortBy::OwnMean => "own".into(),
            SortBy::Question(n) => format!("q{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    fn dates() -> PhaseDates {
        PhaseDates {
            opens_on: d(12, 1),
            self_due_on: d(12, 8),
            manager_due_on: d(12, 15),
            ack_due_on: d(12, 22),
            closes_on: d(12, 24),
        }
    }

    #[test]
    fn calibration_sits_between_the_manager_review_and_the_acknowledgement() {
        let s = |due_on| Settings {
            due_on,
            final_visible: false,
            by_managers: false,
        };
        assert!(s(d(12, 15)).check(&dates()).is_ok());
        assert!(s(d(12, 22)).check(&dates()).is_ok());
        assert_eq!(s(d(12, 14)).check(&dates()), Err(SettingsError::OutOfOrder));
        assert_eq!(s(d(12, 23)).check(&dates()), Err(SettingsError::OutOfOrder));
    }

    #[test]
    fn an_adjustment_needs_a_reason_and_a_new_rating() {
        assert_eq!(Reason::parse("  \n"), Err(AdjustmentError::NoReason));
        assert_eq!(
            Reason::parse(&"x".repeat(REASON_MAX + 1)),
            Err(AdjustmentError::ReasonTooLong)
        );
        assert_eq!(
            Reason::parse(" kalibrasi ").map(|r| r.as_str().to_string()),
            Ok("kalibrasi".to_string())
        );
        assert_eq!(
            check_new_rating(Some(4), 4),
            Err(AdjustmentError::Unchanged)
        );
        assert_eq!(
            check_new_rating(Some(4), 6),
            Err(AdjustmentError::BadRating)
        );
        assert_eq!(check_new_rating(None, 0), Err(AdjustmentError::BadRating));
        assert!(check_new_rating(Some(4), 3).is_ok());
        assert!(check_new_rating(None, 3).is_ok());
    }

    #[test]
    fn the_newest_adjustment_is_final() {
        assert_eq!(final_rating(Some(4), None), Some(4));
        assert_eq!(final_rating(Some(4), Some(3)), Some(3));
        assert_eq!(final_rating(None, Some(2)), Some(2));
    }

    #[test]
    fn sort_orders_parse_and_round_trip() {
        for s in [
            SortBy::Name,
            SortBy::Mean,
            SortBy::OwnMean,
            SortBy::Question(3),
        ] {
            assert_eq!(SortBy::parse(&s.code()), s);
        }
        assert_eq!(SortBy::parse("q999999999999999999999"), SortBy::Name);
        assert_eq!(SortBy::parse("'; drop"), SortBy::Name);
    }
}

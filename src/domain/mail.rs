//! What Cermin emails and the rules for when: the kinds of mail, the phases
//! a reminder can be about, which reminder is due on a given day, and how
//! long to wait before trying a failed delivery again.

use chrono::{Duration, NaiveDate};

/// Every kind of email. Each has a template folder `templates/mail/<code>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailKind {
    AccountInvitation,
    PasswordReset,
    /// The link that finishes a sign-in the throttle held back.
    SignInLink,
    CycleInvitation,
    Reminder,
    Overdue,
    OverdueManager,
    HrOverdueSummary,
    SelfSubmitted,
    ReviewShared,
    Acknowledged,
    Reopened,
    CycleClosed,
    DatesMoved,
    ParticipationCancelled,
    Digest,
    Test,
}

impl MailKind {
    pub const ALL: [MailKind; 17] = [
        MailKind::AccountInvitation,
        MailKind::PasswordReset,
        MailKind::SignInLink,
        MailKind::CycleInvitation,
        MailKind::Reminder,
        MailKind::Overdue,
        MailKind::OverdueManager,
        MailKind::HrOverdueSummary,
        MailKind::SelfSubmitted,
        MailKind::ReviewShared,
        MailKind::Acknowledged,
        MailKind::Reopened,
        MailKind::CycleClosed,
        MailKind::DatesMoved,
        MailKind::ParticipationCancelled,
        MailKind::Digest,
        MailKind::Test,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailKind::AccountInvitation => "account_invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::SignInLink => "sign_in_link",
            MailKind::CycleInvitation => "cycle_invitation",
            MailKind::Reminder => "reminder",
            MailKind::Overdue => "overdue",
            MailKind::OverdueManager => "overdue_manager",
            MailKind::HrOverdueSummary => "hr_overdue_summary",
            MailKind::SelfSubmitted => "self_submitted",
            MailKind::ReviewShared => "review_shared",
            MailKind::Acknowledged => "acknowledged",
            MailKind::Reopened => "reopened",
            MailKind::CycleClosed => "cycle_closed",
            MailKind::DatesMoved => "dates_moved",
            MailKind::ParticipationCancelled => "participation_cancelled",
            MailKind::Digest => "digest",
            MailKind::Test => "test",
        }
    }

    pub fn parse(s: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Whether a person in digest mode gets this in their daily digest rather
    /// than at once. Account mail must arrive now, and mail that carries a
    /// calendar entry cannot be folded into a list.
    /// Messages whose text holds a one-time sign-in or password link: a
    /// download of someone's data lists them without their text, so that a
    /// copy never carries a working link.
    pub fn carries_secret_link(self) -> bool {
        matches!(
            self,
            MailKind::AccountInvitation | MailKind::PasswordReset | MailKind::SignInLink
        )
    }

    pub fn digestible(self) -> bool {
        !matches!(
            self,
            MailKind::AccountInvitation
                | MailKind::PasswordReset
                | MailKind::SignInLink
                | MailKind::CycleInvitation
                | MailKind::DatesMoved
                | MailKind::ParticipationCancelled
                | MailKind::Digest
                | MailKind::Test
        )
    }

    /// Whether the mail carries an iCalendar attachment.
    pub fn has_calendar(self) -> bool {
        matches!(
            self,
            MailKind::CycleInvitation | MailKind::DatesMoved | MailKind::ParticipationCancelled
        )
    }
}

/// Where a message is in its life. Stored as text in `email_outbox.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting to be sent (now or at `next_attempt_at`).
    Queued,
    /// Waiting for the recipient's daily digest.
    Held,
    /// Sent as part of a digest.
    Bundled,
    Sent,
    /// Refused for good, or given up after many tries; HR can retry.
    Failed,
    /// No longer needed when its time came (the work was already done).
    Skipped,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 6] = [
        OutboxStatus::Queued,
        OutboxStatus::Held,
        OutboxStatus::Bundled,
        OutboxStatus::Sent,
        OutboxStatus::Failed,
        OutboxStatus::Skipped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OutboxStatus::Queued => "queued",
            OutboxStatus::Held => "held",
            OutboxStatus::Bundled => "bundled",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
            OutboxStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxStatus> {
        OutboxStatus::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// The due dates of a review cycle that reminders are about, and who acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// The employee's self-assessment.
    SelfAssessment,
    /// The manager's review.
    ManagerReview,
    /// The employee's acknowledgement.
    Acknowledgement,
}

impl Phase {
    pub const ALL: [Phase; 3] = [
        Phase::SelfAssessment,
        Phase::ManagerReview,
        Phase::Acknowledgement,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Phase::SelfAssessment => "self",
            Phase::ManagerReview => "manager",
            Phase::Acknowledgement => "ack",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.code() == s)
    }

    /// The review state in which this phase's work is still to do.
    pub fn waiting_state(self) -> crate::domain::review::ReviewState {
        use crate::domain::review::ReviewState;
        match self {
            Phase::SelfAssessment => ReviewState::SelfAssessment,
            Phase::ManagerReview => ReviewState::ManagerReview,
            Phase::Acknowledgement => ReviewState::Shared,
        }
    }

    /// Whether the employee (rather than the manager) must act.
    pub fn employee_acts(self) -> bool {
        self != Phase::ManagerReview
    }
}

/// Which reminder, if any, is due on `today` for a due date: the smallest
/// offset (days before the due date) whose day has come. A reminder whose
/// day is on or before the opening day is not sent: the invitation already
/// gave the date. Offsets missed while the server was down collapse into the
/// latest one, so a person never gets a burst of stale reminders.
pub fn reminder_due(
    today: NaiveDate,
    opens_on: NaiveDate,
    due: NaiveDate,
    offsets: &[i64],
) -> Option<i64> {
    if today > due {
        return None;
    }
    let left = (due - today).num_days();
    let k = offsets.iter().copied().filter(|k| *k >= left).min()?;
    if due - Duration::days(k) <= opens_on {
        return None;
    }
    Some(k)
}

/// How long to wait after the `attempt`-th failed try (1-based): one minute,
/// doubling, at most six hours, spread by `jitter` (0.0..1.0 → ×0.5..×1.5) so
/// that many messages refused together do not come back together.
pub fn retry_delay(attempt: i32, jitter: f64) -> Duration {
    let exp = attempt.clamp(1, 20) - 1;
    let base = 60i64.saturating_mul(1i64 << exp.min(14)).min(6 * 3600);
    let factor = 0.5 + jitter.clamp(0.0, 1.0);
    Duration::seconds((base as f64 * factor).round() as i64)
}

/// After this many tries a message that keeps failing for a passing reason
/// is marked failed (about three days of trying), so that HR sees it.
pub const MAX_ATTEMPTS: i32 = 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    #[test]
    fn kinds_round_trip() {
        for k in MailKind::ALL {
            assert_eq!(MailKind::parse(k.code()), Some(k));
        }
        for s in OutboxStatus::ALL {
            assert_eq!(OutboxStatus::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn reminders_fall_on_their_days() {
        let offsets = [7, 2, 0];
        let opens = d(11, 1);
        let due = d(12, 10);
        assert_eq!(reminder_due(d(12, 2), opens, due, &offsets), None);
        assert_eq!(reminder_due(d(12, 3), opens, due, &offsets), Some(7));
        assert_eq!(reminder_due(d(12, 4), opens, due, &offsets), Some(7));
        assert_eq!(reminder_due(d(12, 8), opens, due, &offsets), Some(2));
        assert_eq!(reminder_due(d(12, 10), opens, due, &offsets), Some(0));
        assert_eq!(reminder_due(d(12, 11), opens, due, &offsets), None);
    }

    #[test]
    fn no_reminder_on_or_before_the_opening_day() {
        // Opens 5 days before the due date: the 7-day reminder would fall
        // before the invitation, so the first reminder is the 2-day one.
        let opens = d(12, 5);
        let due = d(12, 10);
        assert_eq!(reminder_due(d(12, 5), opens, due, &[7, 2, 0]), None);
        assert_eq!(reminder_due(d(12, 7), opens, due, &[7, 2, 0]), None);
        assert_eq!(reminder_due(d(12, 8), opens, due, &[7, 2, 0]), Some(2));
        assert_eq!(reminder_due(d(12, 10), opens, due, &[]), None);
    }

    #[test]
    fn retries_back_off_and_stay_bounded() {
        assert_eq!(retry_delay(1, 0.5), Duration::seconds(60));
        assert_eq!(retry_delay(2, 0.5), Duration::seconds(120));
        assert_eq!(retry_delay(3, 0.0), Duration::seconds(120));
        assert_eq!(retry_delay(30, 0.5), Duration::hours(6));
        assert!(retry_delay(30, 1.0) <= Duration::hours(9));
    }
}

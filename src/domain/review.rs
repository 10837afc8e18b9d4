//! Review cycles and reviews: their states and the moves between them.
//! Pure rules; the database and pages call these to decide.

use chrono::NaiveDate;
use serde::Serialize;

/// Stored text that names no known value: the database holds something this
/// version of Cermin does not know, and reading it fails loudly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} in the database")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
}

impl UnknownValue {
    fn new(what: &'static str, value: &str) -> Self {
        Self {
            what,
            value: value.chars().take(40).collect(),
        }
    }
}

/// Stored as text: rows read through diesel turn the text into the enum
/// (`#[diesel(deserialize_as = String)]`) and fail on text they do not know.
macro_rules! stored_as_text {
    ($t:ty) => {
        impl TryFrom<String> for $t {
            type Error = UnknownValue;
            fn try_from(s: String) -> Result<Self, UnknownValue> {
                <$t>::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.code().to_string()
            }
        }
    };
}

stored_as_text!(CycleStatus);
stored_as_text!(ReviewState);
stored_as_text!(Side);
stored_as_text!(GoalStatus);

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// Written by the employee, not yet agreed with the manager.
    Proposed,
    /// Agreed when the manager review was shared.
    Agreed,
    InProgress,
    Done,
    Dropped,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 5] = [
        GoalStatus::Proposed,
        GoalStatus::Agreed,
        GoalStatus::InProgress,
        GoalStatus::Done,
        GoalStatus::Dropped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            GoalStatus::Proposed => "proposed",
            GoalStatus::Agreed => "agreed",
            GoalStatus::InProgress => "in_progress",
            GoalStatus::Done => "done",
            GoalStatus::Dropped => "dropped",
        }
    }

    /// The status a stored or posted text names; unknown text is an error.
    pub fn parse(s: &str) -> Result<GoalStatus, UnknownValue> {
        GoalStatus::ALL
            .into_iter()
            .find(|g| g.code() == s)
            .ok_or_else(|| UnknownValue::new("goal status", s))
    }
}

impl TryFrom<String> for QuestionKind {
    type Error = UnknownValue;
    fn try_from(s: String) -> Result<Self, UnknownValue> {
        QuestionKind::parse(&s).ok_or_else(|| UnknownValue::new("question kind", &s))
    }
}

impl From<QuestionKind> for String {
    fn from(k: QuestionKind) -> String {
        k.code().to_string()
    }
}

/// A review cycle's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleStatus {
    /// Being prepared by HR; nobody else sees it.
    Draft,
    /// Launched (reviews exist), opens on its date.
    Scheduled,
    Open,
    /// Finished; everything is read-only.
    Closed,
}

impl CycleStatus {
    pub fn code(self) -> &'static str {
        match self {
            CycleStatus::Draft => "draft",
            CycleStatus::Scheduled => "scheduled",
            CycleStatus::Open => "open",
            CycleStatus::Closed => "closed",
        }
    }

    pub const ALL: [CycleStatus; 4] = [
        CycleStatus::Draft,
        CycleStatus::Scheduled,
        CycleStatus::Open,
        CycleStatus::Closed,
    ];

    /// The status a stored text names; unknown text is an error, never a default.
    pub fn parse(s: &str) -> Result<CycleStatus, UnknownValue> {
        CycleStatus::ALL
            .into_iter()
            .find(|c| c.code() == s)
            .ok_or_else(|| UnknownValue::new("cycle status", s))
    }

    /// A scheduled cycle whose opening day has come is open.
    pub fn effective(self, opens_on: NaiveDate, today: NaiveDate) -> CycleStatus {
        match self {
            CycleStatus::Scheduled if opens_on <= today => CycleStatus::Open,
            s => s,
        }
    }

    /// The class of this status's tag on every page (its text carries the
    /// meaning; the colour only helps the eye).
    pub fn tag_class(self) -> &'static str {
        match self {
            CycleStatus::Draft => "tag--grey",
            CycleStatus::Scheduled => "tag--blue",
            CycleStatus::Open => "tag--green",
            CycleStatus::Closed => "tag--purple",
        }
    }

    /// May HR change name, template and participants freely?
    pub fn is_editable_draft(self) -> bool {
        self == CycleStatus::Draft
    }

    /// May participants be added or removed, dates moved?
    pub fn allows_roster_changes(self) -> bool {
        matches!(
            self,
            CycleStatus::Draft | CycleStatus::Scheduled | CycleStatus::Open
        )
    }
}

/// The phase dates of a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PhaseDates {
    pub opens_on: NaiveDate,
    pub self_due_on: NaiveDate,
    pub manager_due_on: NaiveDate,
    pub ack_due_on: NaiveDate,
    pub closes_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DatesError {
    #[error("dates out of order")]
    OutOfOrder(&'static str),
}

impl PhaseDates {
    /// Each date on or after the one before: opens ≤ self due ≤ manager due ≤
    /// acknowledgement due ≤ closes. Returns the first field out of order.
    pub fn check(&self) -> Result<(), DatesError> {
        let order = [
            ("self_due_on", self.opens_on, self.self_due_on),
            ("manager_due_on", self.self_due_on, self.manager_due_on),
            ("ack_due_on", self.manager_due_on, self.ack_due_on),
            ("closes_on", self.ack_due_on, self.closes_on),
        ];
        for (field, before, after) in order {
            if after < before {
                return Err(DatesError::OutOfOrder(field));
            }
        }
        Ok(())
    }
}

/// Where one person's review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// The employee is writing their self-assessment.
    SelfAssessment,
    /// Submitted; the manager is writing the manager review.
    ManagerReview,
    /// The manager shared it; the employee reads and acknowledges.
    Shared,
    /// The employee confirmed they have read it.
    Acknowledged,
    /// The cycle closed before this review was finished.
    Unfinished,
    /// Taken out of the cycle by HR (kept for the record).
    Removed,
}

impl ReviewState {
    pub fn code(self) -> &'static str {
        match self {
            ReviewState::SelfAssessment => "self_assessment",
            ReviewState::ManagerReview => "manager_review",
            ReviewState::Shared => "shared",
            ReviewState::Acknowledged => "acknowledged",
            ReviewState::Unfinished => "unfinished",
            ReviewState::Removed => "removed",
        }
    }

    /// The state a stored text names; unknown text is an error, never a default.
    pub fn parse(s: &str) -> Result<ReviewState, UnknownValue> {
        ReviewState::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| UnknownValue::new("review state", s))
    }

    pub const ALL: [ReviewState; 6] = [
        ReviewState::SelfAssessment,
        ReviewState::ManagerReview,
        ReviewState::Shared,
        ReviewState::Acknowledged,
        ReviewState::Unfinished,
        ReviewState::Removed,
    ];

    /// The due date of the step a review is at, if it is at one: the
    /// self-assessment, the manager review, or the acknowledgement.
    pub fn due_on(&self, dates: &PhaseDates) -> Option<NaiveDate> {
        match self {
            ReviewState::SelfAssessment => Some(dates.self_due_on),
            ReviewState::ManagerReview => Some(dates.manager_due_on),
            ReviewState::Shared => Some(dates.ack_due_on),
            ReviewState::Acknowledged | ReviewState::Unfinished | ReviewState::Removed => None,
        }
    }

    /// The class of this state's tag, the same on every page that shows it
    /// (the tag's text carries the meaning; the colour only helps the eye).
    pub fn tag_class(self) -> &'static str {
        match self {
            ReviewState::SelfAssessment => "tag--blue",
            ReviewState::ManagerReview => "tag--yellow",
            ReviewState::Shared => "tag--purple",
            ReviewState::Acknowledged => "tag--green",
            ReviewState::Unfinished => "tag--red",
            ReviewState::Removed => "tag--grey",
        }
    }

    /// Has the review gone on past `step` along the way from self-assessment
    /// to acknowledgement? (Unfinished and removed reviews are on no step.)
    pub fn is_past(self, step: ReviewState) -> bool {
        let order = |s: ReviewState| match s {
            ReviewState::SelfAssessment => Some(0),
            ReviewState::ManagerReview => Some(1),
            ReviewState::Shared => Some(2),
            ReviewState::Acknowledged => Some(3),
            ReviewState::Unfinished | ReviewState::Removed => None,
        };
        matches!((order(self), order(step)), (Some(a), Some(b)) if a > b)
    }

    /// Finished or out: nothing more to do in it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ReviewState::Acknowledged | ReviewState::Unfinished | ReviewState::Removed
        )
    }
}

/// The moves a review can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    SubmitSelf,
    Share,
    Acknowledge,
    /// HR sends it back to the employee (their self-assessment opens again).
    ReopenToEmployee,
    /// HR sends it back to the manager (the manager review opens again).
    ReopenToManager,
    /// The cycle closed with this review not finished.
    Close,
    Remove,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{transition:?} is not possible from {from:?}")]
pub struct TransitionError {
    pub from: ReviewState,
    pub transition: Transition,
}

impl ReviewState {
    pub fn apply(self, t: Transition) -> Result<ReviewState, TransitionError> {
        use ReviewState::*;
        use Transition::*;
        let next = match (self, t) {
            (SelfAssessment, SubmitSelf) => Some(ManagerReview),
            (ManagerReview, Share) => Some(Shared),
            (Shared, Acknowledge) => Some(Acknowledged),
            (ManagerReview | Shared | Acknowledged | Unfinished, ReopenToEmployee) => {
                Some(SelfAssessment)
            }
            (Shared | Acknowledged | Unfinished, ReopenToManager) => Some(ManagerReview),
            (SelfAssessment | ManagerReview | Shared, Close) => Some(Unfinished),
            (Acknowledged, Close) => Some(Acknowledged),
            (s, Remove) if s != Removed => Some(Removed),
            _ => None,
        };
        next.ok_or(TransitionError {
            from: self,
            transition: t,
        })
    }
}

/// Which side of a review an answer or record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The employee's self-assessment (stored and shown as "self").
    #[serde(rename = "self")]
    Own,
    /// The manager review.
    Manager,
}

impl Side {
    pub fn code(self) -> &'static str {
        match self {
            Side::Own => "self",
            Side::Manager => "manager",
        }
    }

    /// The step during which this side is written.
    pub fn writing_state(self) -> ReviewState {
        match self {
            Side::Own => ReviewState::SelfAssessment,
            Side::Manager => ReviewState::ManagerReview,
        }
    }

    /// The side a stored text names; unknown text is an error, never a default.
    pub fn parse(s: &str) -> Result<Side, UnknownValue> {
        match s {
            "self" => Ok(Side::Own),
            "manager" => Ok(Side::Manager),
            _ => Err(UnknownValue::new("side", s)),
        }
    }
}

/// Kinds of question on a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// A labelled 1–5 scale, with an optional comment.
    Rating,
    Text,
    /// A 1–5 rating of one competency, with evidence or a comment.
    CompetencyRating,
    Strengths,
    Weaknesses,
    Goals,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 6] = [
        QuestionKind::Rating,
        QuestionKind::Text,
        QuestionKind::CompetencyRating,
        QuestionKind::Strengths,
        QuestionKind::Weaknesses,
        QuestionKind::Goals,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Rating => "rating",
            QuestionKind::Text => "text",
            QuestionKind::CompetencyRating => "competency_rating",
            QuestionKind::Strengths => "strengths",
            QuestionKind::Weaknesses => "weaknesses",
            QuestionKind::Goals => "goals",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn has_rating(self) -> bool {
        matches!(self, QuestionKind::Rating | QuestionKind::CompetencyRating)
    }
}

/// Which side answers a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answerer {
    Own,
    Manager,
    Both,
}

impl Answerer {
    pub fn code(self) -> &'static str {
        match self {
            Answerer::Own => "self",
            Answerer::Manager => "manager",
            Answerer::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Answerer> {
        match s {
            "self" => Some(Answerer::Own),
            "manager" => Some(Answerer::Manager),
            "both" => Some(Answerer::Both),
            _ => None,
        }
    }

    pub fn includes(self, side: Side) -> bool {
        matches!(
            (self, side),
            (Answerer::Both, _) | (Answerer::Own, Side::Own) | (Answerer::Manager, Side::Manager)
        )
    }
}

/// The rating scale: 1 (far below expectations) to 5 (well above).
pub const RATING_MIN: i32 = 1;
pub const RATING_MAX: i32 = 5;

pub fn valid_rating(r: i32) -> bool {
    (RATING_MIN..=RATING_MAX).contains(&r)
}

/// The difference between how a person rated themselves and how their
/// manager rated them: positive when the person rated themselves higher.
pub fn self_perception_gap(own: Option<i32>, manager: Option<i32>) -> Option<i32> {
    Some(own? - manager?)
}

/// What is stored for one question on one side, as far as "has it been
/// answered?" goes. `records`: this side has listed at least one strength
/// or weakness of the question's kind (a manager's reply to the employee's
/// entry counts). `goals`: the review has a goal this side counts (for the
/// manager, one that was not dropped).
#[derive(Debug, Clone, Copy, Default)]
pub struct AnswerFacts<'a> {
    pub rating: Option<i32>,
    pub body: &'a str,
    pub records: bool,
    pub goals: bool,
}

/// Has this side answered a question of this kind? One rule for the check
/// before submitting and for the form's section marks.
pub fn is_answered(kind: QuestionKind, side: Side, a: AnswerFacts<'_>) -> bool {
    match kind {
        QuestionKind::Rating | QuestionKind::CompetencyRating => a.rating.is_some(),
        QuestionKind::Text => !a.body.trim().is_empty(),
        QuestionKind::Strengths | QuestionKind::Weaknesses => a.records,
        QuestionKind::Goals => match side {
            Side::Own => a.goals || !a.body.trim().is_empty(),
            Side::Manager => a.goals,
        },
    }
}

/// Where one section of a form stands for the side filling it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    /// Every required question is answered, and at least one question is.
    Done,
    /// Something is answered, but a required question is not yet.
    InProgress,
    /// Nothing answered yet, and something here is required.
    NotStarted,
    /// Nothing answered yet, and nothing here is required.
    Optional,
}

impl SectionStatus {
    /// From (required, answered) for each question this side answers.
    pub fn of(questions: impl IntoIterator<Item = (bool, bool)>) -> SectionStatus {
        let (mut any_answered, mut any_required, mut missing) = (false, false, false);
        for (required, answered) in questions {
            any_answered |= answered;
            any_required |= required;
            missing |= required && !answered;
        }
        match (any_answered, missing) {
            (true, false) => SectionStatus::Done,
            (true, true) => SectionStatus::InProgress,
            (false, _) if any_required => SectionStatus::NotStarted,
            (false, _) => SectionStatus::Optional,
        }
    }
}

/// Days from `today` to `due` (negative when overdue).
pub fn days_until(today: NaiveDate, due: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// Parse a reminder schedule like "7,2,0": days before a due date, distinct,
/// 0 to 60, largest first.
pub fn parse_reminder_days(s: &str) -> Option<Vec<i64>> {
    let mut days: Vec<i64> = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let d: i64 = part.parse().ok()?;
        if !(0..=60).contains(&d) {
            return None;
        }
        if !days.contains(&d) {
            days.push(d);
        }
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    Some(days)
}

/// Where a section's or question's wording names the person reviewed:
/// "How well does {name} meet the job description?". The form fills it in.
pub const NAME_PLACEHOLDER: &str = "{name}";

/// One text of a form (a section's title or help, a question's prompt or
/// help) as each side reads it, in both languages: the employee reads it in
/// the first person ("How well do I meet…"), the manager about the employee
/// ("How well does {name} meet…"). Each side reads its own wording; an empty
/// one falls back to the other language, then to the other side's wording
/// (a question only the employee answers may have no manager wording, and
/// then the manager reads the question the employee was asked).
#[derive(Debug, Clone, Copy)]
pub struct Wording<'a> {
    /// The employee's wording: Indonesian, English.
    pub own: (&'a str, &'a str),
    /// The manager's wording: Indonesian, English.
    pub manager: (&'a str, &'a str),
}

impl Wording<'_> {
    /// The text `voice` reads in `lang`, with `name` filled in.
    pub fn read(&self, voice: Side, lang: crate::domain::Lang, name: &str) -> String {
        let in_lang = |(id, en): (&str, &str)| -> String {
            let (first, second) = match lang {
                crate::domain::Lang::Id => (id, en),
                crate::domain::Lang::En => (en, id),
            };
            if first.trim().is_empty() {
                second.to_string()
            } else {
                first.to_string()
            }
        };
        let (mine, other) = match voice {
            Side::Own => (self.own, self.manager),
            Side::Manager => (self.manager, self.own),
        };
        let text = in_lang(mine);
        let text = if text.trim().is_empty() {
            in_lang(other)
        } else {
            text
        };
        text.replace(NAME_PLACEHOLDER, name)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_section_is_done_when_every_required_answer_is_in() {
        use SectionStatus::*;
        assert_eq!(SectionStatus::of([(true, true), (false, false)]), Done);
        assert_eq!(SectionStatus::of([(true, true), (true, false)]), InProgress);
        assert_eq!(
            SectionStatus::of([(true, false), (false, false)]),
            NotStarted
        );
        assert_eq!(SectionStatus::of([(false, false)]), Optional);
        assert_eq!(SectionStatus::of([(false, true)]), Done);
        assert_eq!(
            SectionStatus::of([(false, true), (true, false)]),
            InProgress
        );
    }

    #[test]
    fn what_counts_as_an_answer() {
        let none = AnswerFacts::default();
        assert!(!is_answered(QuestionKind::Rating, Side::Own, none));
        assert!(is_answered(
            QuestionKind::CompetencyRating,
            Side::Own,
            AnswerFacts {
                rating: Some(3),
                ..none
            }
        ));
        assert!(!is_answered(
            QuestionKind::Text,
            Side::Own,
            AnswerFacts {
                body: "  \n",
                ..none
            }
        ));
        assert!(is_answered(
            QuestionKind::Strengths,
            Side::Manager,
            AnswerFacts {
                records: true,
                ..none
            }
        ));
        assert!(is_answered(
            QuestionKind::Goals,
            Side::Own,
            AnswerFacts {
                body: "later",
                ..none
            }
        ));
        assert!(!is_answered(
            QuestionKind::Goals,
            Side::Manager,
            AnswerFacts {
                body: "later",
                ..none
            }
        ));
    }
    use super::*;

    #[test]
    fn each_side_reads_its_own_wording_with_the_name_filled() {
        let w = Wording {
            own: ("Seberapa baik saya?", "How well do I?"),
            manager: ("Seberapa baik {name}?", "How well does {name}?"),
        };
        use crate::domain::Lang;
        assert_eq!(w.read(Side::Own, Lang::En, "Ayu"), "How well do I?");
        assert_eq!(w.read(Side::Manager, Lang::En, "Ayu"), "How well does Ayu?");
        assert_eq!(w.read(Side::Manager, Lang::Id, "Ayu"), "Seberapa baik Ayu?");
        // No manager wording: the manager reads what the employee was asked.
        let w = Wording {
            own: ("Saran", "Suggestions"),
            manager: ("", ""),
        };
        assert_eq!(w.read(Side::Manager, Lang::Id, "Ayu"), "Saran");
        // One language missing: the other language of the same side first.
        let w = Wording {
            own: ("Saya", "Me"),
            manager: ("", "{name}"),
        };
        assert_eq!(w.read(Side::Manager, Lang::Id, "Ayu"), "Ayu");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_happy_path() {
        let s = ReviewState::SelfAssessment;
        let s = s.apply(Transition::SubmitSelf).expect("submit");
        let s = s.apply(Transition::Share).expect("share");
        let s = s.apply(Transition::Acknowledge).expect("ack");
        assert_eq!(s, ReviewState::Acknowledged);
    }

    #[test]
    fn refuses_skipping_steps() {
        assert!(ReviewState::SelfAssessment
            .apply(Transition::Share)
            .is_err());
        assert!(ReviewState::SelfAssessment
            .apply(Transition::Acknowledge)
            .is_err());
        assert!(ReviewState::ManagerReview
            .apply(Transition::SubmitSelf)
            .is_err());
        assert!(ReviewState::SelfAssessment
            .apply(Transition::ReopenToManager)
            .is_err());
        assert!(ReviewState::Removed.apply(Transition::Remove).is_err());
    }

    #[test]
    fn stored_text_round_trips_and_unknown_text_is_an_error() {
        for s in ReviewState::ALL {
            assert_eq!(ReviewState::try_from(String::from(s)), Ok(s));
        }
        for c in CycleStatus::ALL {
            assert_eq!(CycleStatus::try_from(String::from(c)), Ok(c));
        }
        assert!(ReviewState::parse("self_assesment").is_err());
        for g in GoalStatus::ALL {
            assert_eq!(GoalStatus::try_from(String::from(g)), Ok(g));
        }
        assert_eq!(Side::try_from(String::from("self")), Ok(Side::Own));
        assert!(Side::parse("own").is_err());
        assert!(CycleStatus::parse("").is_err());
    }

    #[test]
    fn steps_come_in_order() {
        assert!(ReviewState::Shared.is_past(ReviewState::ManagerReview));
        assert!(!ReviewState::SelfAssessment.is_past(ReviewState::ManagerReview));
        assert!(!ReviewState::ManagerReview.is_past(ReviewState::ManagerReview));
        assert!(!ReviewState::Unfinished.is_past(ReviewState::SelfAssessment));
    }

    #[test]
    fn reopen_and_close() {
        assert_eq!(
            ReviewState::Shared.apply(Transition::ReopenToManager),
            Ok(ReviewState::ManagerReview)
        );
        assert_eq!(
            ReviewState::Acknowledged.apply(Transition::ReopenToEmployee),
            Ok(ReviewState::SelfAssessment)
        );
        assert_eq!(
            ReviewState::ManagerReview.apply(Transition::Close),
            Ok(ReviewState::Unfinished)
        );
        assert_eq!(
            ReviewState::Acknowledged.apply(Transition::Close),
            Ok(ReviewState::Acknowledged)
        );
    }

    #[test]
    fn dates_must_be_in_order() {
        let ok = PhaseDates {
            opens_on: d(2026, 12, 1),
            self_due_on: d(2026, 12, 8),
            manager_due_on: d(2026, 12, 15),
            ack_due_on: d(2026, 12, 18),
            closes_on: d(2026, 12, 20),
        };
        assert!(ok.check().is_ok());
        let bad = PhaseDates {
            manager_due_on: d(2026, 12, 5),
            ..ok
        };
        assert_eq!(bad.check(), Err(DatesError::OutOfOrder("manager_due_on")));
    }

    #[test]
    fn each_step_is_due_on_its_own_date() {
        let dates = PhaseDates {
            opens_on: d(2026, 12, 1),
            self_due_on: d(2026, 12, 8),
            manager_due_on: d(2026, 12, 15),
            ack_due_on: d(2026, 12, 18),
            closes_on: d(2026, 12, 20),
        };
        assert_eq!(
            ReviewState::SelfAssessment.due_on(&dates),
            Some(d(2026, 12, 8))
        );
        assert_eq!(
            ReviewState::ManagerReview.due_on(&dates),
            Some(d(2026, 12, 15))
        );
        assert_eq!(ReviewState::Shared.due_on(&dates), Some(d(2026, 12, 18)));
        for done in [
            ReviewState::Acknowledged,
            ReviewState::Unfinished,
            ReviewState::Removed,
        ] {
            assert_eq!(done.due_on(&dates), None, "{done:?} has no step left");
        }
        // Every mail phase waits in a state that has a due date.
        for phase in crate::domain::mail::Phase::ALL {
            assert!(phase.waiting_state().due_on(&dates).is_some(), "{phase:?}");
        }
    }

    #[test]
    fn each_state_has_its_own_tag() {
        let mut classes: Vec<&str> = ReviewState::ALL.iter().map(|s| s.tag_class()).collect();
        classes.sort_unstable();
        classes.dedup();
        assert_eq!(classes.len(), ReviewState::ALL.len());
    }

    #[test]
    fn scheduled_opens_on_its_day() {
        assert_eq!(
            CycleStatus::Scheduled.effective(d(2026, 12, 1), d(2026, 11, 30)),
            CycleStatus::Scheduled
        );
        assert_eq!(
            CycleStatus::Scheduled.effective(d(2026, 12, 1), d(2026, 12, 1)),
            CycleStatus::Open
        );
        assert_eq!(
            CycleStatus::Draft.effective(d(2026, 12, 1), d(2026, 12, 9)),
            CycleStatus::Draft
        );
    }

    #[test]
    fn reminders_and_gap() {
        assert_eq!(parse_reminder_days("0, 7,2,7"), Some(vec![7, 2, 0]));
        assert_eq!(parse_reminder_days("x"), None);
        assert_eq!(parse_reminder_days("90"), None);
        assert_eq!(self_perception_gap(Some(5), Some(3)), Some(2));
        assert_eq!(self_perception_gap(None, Some(3)), None);
    }
}

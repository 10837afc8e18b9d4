//! Who may see and do what. Every command and page asks here; nothing else
//! decides.
//!
//! The rules, in words:
//! - an employee sees only themselves;
//! - a manager sees themselves and their direct reports;
//! - HR sees everyone and manages people, but never another person's private
//!   journal.
//!
//! For reviews: the person reviewed, the manager recorded at launch, and HR.
//! A manager's own manager is not part of someone else's review. Drafts stay
//! with their author until submitted; the manager review reaches the employee
//! only once shared; private comments never reach the employee.

use super::review::{CycleStatus, ReviewState, Side};
use super::Role;

/// The signed-in person, as far as permissions go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub role: Role,
}

impl Actor {
    pub fn is_hr(&self) -> bool {
        self.role == Role::Hr
    }
}

/// The facts about a person that permissions depend on.
#[derive(Debug, Clone, Copy)]
pub struct PersonFacts<'a> {
    pub id: &'a str,
    pub manager_id: Option<&'a str>,
}

/// A journal entry's author and subject (the same person for one's own journal,
/// a report for a manager's notes).
#[derive(Debug, Clone, Copy)]
pub struct JournalFacts<'a> {
    pub author_id: &'a str,
    pub subject_id: &'a str,
}

pub fn may_view_person(actor: &Actor, person: PersonFacts<'_>) -> bool {
    actor.is_hr() || actor.id == person.id || person.manager_id == Some(actor.id.as_str())
}

/// Download everything Cermin holds about a person that they may see: the
/// person themselves, and HR on their request (with a reason, audited).
/// What goes in is decided as if the person were reading it.
pub fn may_export_personal_data(actor: &Actor, person: PersonFacts<'_>) -> bool {
    actor.id == person.id || actor.is_hr()
}

/// Erase a departed person (their texts emptied, their name replaced; the
/// ratings kept for the aggregates): HR, for someone already deactivated,
/// never themselves.
pub fn may_erase_person(actor: &Actor, person: PersonFacts<'_>, active: bool) -> bool {
    actor.is_hr() && actor.id != person.id && !active
}

/// Add, edit, deactivate and import people; see the people list.
pub fn may_manage_people(actor: &Actor) -> bool {
    actor.is_hr()
}

pub fn may_read_audit_log(actor: &Actor) -> bool {
    actor.is_hr()
}

/// The outbox, mail previews, test mail, and a cycle's reminder schedule.
pub fn may_manage_mail(actor: &Actor) -> bool {
    actor.is_hr()
}

/// A person's own journal is theirs alone. A manager's notes about a report are
/// for that manager and HR.
pub fn may_read_journal_entry(actor: &Actor, entry: JournalFacts<'_>) -> bool {
    if actor.id == entry.author_id {
        return true;
    }
    let own_journal = entry.author_id == entry.subject_id;
    !own_journal && actor.is_hr()
}

/// Write notes about `subject`: one's own journal, or notes on a direct report.
pub fn may_write_journal_about(actor: &Actor, subject: PersonFacts<'_>) -> bool {
    actor.id == subject.id || subject.manager_id == Some(actor.id.as_str())
}

/// Open the page of notes about a person: their manager (who writes them) and
/// HR (who reads them). Never the person themselves, whoever they are.
pub fn may_read_notes_about(actor: &Actor, subject: PersonFacts<'_>) -> bool {
    actor.id != subject.id && (actor.is_hr() || subject.manager_id == Some(actor.id.as_str()))
}

/// Change or delete a journal entry: its author, while they may still write
/// about its subject (a manager whose report moved on may no longer).
pub fn may_edit_journal_entry(
    actor: &Actor,
    entry: JournalFacts<'_>,
    subject: PersonFacts<'_>,
) -> bool {
    actor.id == entry.author_id
        && entry.subject_id == subject.id
        && may_write_journal_about(actor, subject)
}

// ---- journal and notes: further rules go here ----

/// On the notes page about `subject` (which the actor may open, see
/// [`may_read_notes_about`]): every manager's notes (HR), or only the ones
/// the actor wrote (their manager).
pub fn may_read_every_note_about(actor: &Actor, subject: PersonFacts<'_>) -> bool {
    actor.is_hr() && actor.id != subject.id
}

/// The team page: managers by role, HR, and anyone someone reports to.
pub fn may_view_team(actor: &Actor, has_reports: bool) -> bool {
    has_reports || actor.role != Role::Employee
}

/// The facts about a review that permissions depend on.
#[derive(Debug, Clone, Copy)]
pub struct ReviewFacts<'a> {
    pub person_id: &'a str,
    pub manager_id: Option<&'a str>,
    pub state: ReviewState,
    /// The cycle's effective status (a scheduled cycle past its opening day is open).
    pub cycle: CycleStatus,
    /// The manager review was shared at some point (it stays readable to the
    /// employee after the cycle closes, even if never acknowledged).
    pub was_shared: bool,
    /// The self-assessment was submitted at some point (a review the cycle
    /// closed on is `Unfinished` either way: its draft stays the employee's).
    pub was_submitted: bool,
    /// The manager handed the manager review in for calibration: it is no
    /// longer theirs to change.
    pub handed_in: bool,
}

impl ReviewFacts<'_> {
    fn is_person(&self, actor: &Actor) -> bool {
        actor.id == self.person_id
    }
    fn is_manager(&self, actor: &Actor) -> bool {
        self.manager_id == Some(actor.id.as_str())
    }
    fn visible_yet(&self) -> bool {
        matches!(self.cycle, CycleStatus::Open | CycleStatus::Closed)
            && self.state != ReviewState::Removed
    }
}

/// Open the review at all (its overview page).
pub fn may_view_review(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    actor.is_hr() || (r.visible_yet() && (r.is_person(actor) || r.is_manager(actor)))
}

/// Read the employee's self-assessment answers: the employee always; the
/// manager and HR once it has been submitted.
pub fn may_read_self_assessment(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    if !may_view_review(actor, r) {
        return false;
    }
    r.is_person(actor)
        || match r.state {
            ReviewState::SelfAssessment => false,
            ReviewState::Unfinished => r.was_submitted,
            _ => true,
        }
}

/// Write the self-assessment: the employee, while it is theirs to write.
pub fn may_edit_self_assessment(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    r.is_person(actor) && r.cycle == CycleStatus::Open && r.state == ReviewState::SelfAssessment
}

/// Read the manager review: the manager and HR always; the employee once
/// shared, whatever their role (an HR person reviewed waits like everyone).
pub fn may_read_manager_review(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    if !may_view_review(actor, r) {
        return false;
    }
    if r.is_manager(actor) || (actor.is_hr() && !r.is_person(actor)) {
        return true;
    }
    r.is_person(actor)
        && (matches!(r.state, ReviewState::Shared | ReviewState::Acknowledged)
            || (r.state == ReviewState::Unfinished && r.was_shared))
}

/// Write the manager review (and share it): the manager, in its phase.
pub fn may_edit_manager_review(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    r.is_manager(actor)
        && r.cycle == CycleStatus::Open
        && r.state == ReviewState::ManagerReview
        && !r.handed_in
}

/// Write `side` of the review: the self-assessment or the manager review.
pub fn may_edit_side(actor: &Actor, r: ReviewFacts<'_>, side: Side) -> bool {
    match side {
        Side::Own => may_edit_self_assessment(actor, r),
        Side::Manager => may_edit_manager_review(actor, r),
    }
}

/// Comments private to the manager and HR.
pub fn may_read_private_comments(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    may_view_review(actor, r) && (r.is_manager(actor) || actor.is_hr()) && !r.is_person(actor)
}

/// One of the manager's comments on a review, shared or private, on the
/// page where the review is read and acknowledged. A shared comment reaches
/// whoever reads the manager review (the person reviewed once it is shared);
/// a private one only the manager and HR, never the person reviewed, whatever
/// their role.
pub fn may_read_comment(actor: &Actor, r: ReviewFacts<'_>, private: bool) -> bool {
    may_read_manager_review(actor, r) && (!private || may_read_private_comments(actor, r))
}

pub fn may_acknowledge(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    r.is_person(actor) && r.cycle == CycleStatus::Open && r.state == ReviewState::Shared
}

/// Whose reviews a download of a cycle's results holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportScope<'a> {
    /// HR: every review of the cycle.
    Everyone,
    /// A manager: the reviews they were recorded as the manager of at launch
    /// (each row then shows only what they may read of it).
    ManagedBy(&'a str),
}

/// Download a cycle's results: HR all of them, a manager the reviews they
/// write in that cycle; anyone else nothing.
pub fn export_scope(actor: &Actor, manages_reviews_in_cycle: bool) -> Option<ExportScope<'_>> {
    if actor.is_hr() {
        Some(ExportScope::Everyone)
    } else if manages_reviews_in_cycle {
        Some(ExportScope::ManagedBy(actor.id.as_str()))
    } else {
        None
    }
}

/// Put the managers' private comments into a download: HR only, by an
/// explicit choice that is audited. A manager's own export never carries
/// them, so a file passed on cannot leak them.
pub fn may_export_private_comments(actor: &Actor) -> bool {
    actor.is_hr()
}

/// Whose progress in a cycle a reader sees, as counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressScope<'a> {
    /// HR: the whole cycle.
    Everyone,
    /// A manager: everyone below them in the reporting lines, at any depth.
    Below(&'a str),
}

/// A cycle's progress page: HR for the whole cycle, anyone with reports for
/// their organisation (counts per department and manager, no one's review).
pub fn progress_scope(actor: &Actor, has_reports: bool) -> Option<ProgressScope<'_>> {
    if actor.is_hr() {
        Some(ProgressScope::Everyone)
    } else if has_reports {
        Some(ProgressScope::Below(actor.id.as_str()))
    } else {
        None
    }
}

/// Whose reviews "strengths and weaknesses over time" counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsightsScope<'a> {
    /// HR: everyone, or a department, or a team (a manager and everyone
    /// below them).
    Everyone,
    /// A manager: the reviews they write, which they read anyway. Never the
    /// reviews of people further below: a count over a wider group, less
    /// what the manager reads, would give away one person's review (the
    /// difference of two groups always does), so no such count is offered.
    WrittenBy(&'a str),
}

/// Strengths and weaknesses over time: HR for anyone; anyone with reports
/// for their own team.
pub fn insights_scope(actor: &Actor, has_reports: bool) -> Option<InsightsScope<'_>> {
    if actor.is_hr() {
        Some(InsightsScope::Everyone)
    } else if has_reports {
        Some(InsightsScope::WrittenBy(actor.id.as_str()))
    } else {
        None
    }
}

/// The fair-ratings page of a cycle (every manager's ratings compared):
/// HR.
pub fn may_review_fairness(actor: &Actor) -> bool {
    actor.is_hr()
}

/// Whose reviews a calibration view lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalibrationScope<'a> {
    /// HR: every review of the cycle.
    Everyone,
    /// A manager, when HR allows it for the cycle: the reviews written by
    /// managers below them (never the ones they write themselves).
    WrittenBelow(&'a str),
}

/// Open a cycle's calibration view: HR; a manager with reports when the
/// cycle lets managers calibrate their organisation.
pub fn calibration_scope(
    actor: &Actor,
    by_managers: bool,
    has_reports: bool,
) -> Option<CalibrationScope<'_>> {
    if actor.is_hr() {
        Some(CalibrationScope::Everyone)
    } else if by_managers && has_reports {
        Some(CalibrationScope::WrittenBelow(actor.id.as_str()))
    } else {
        None
    }
}

/// Adjust a final rating of a review: while calibration is open, on a
/// review its manager handed in, by HR or (when the cycle allows it) by a
/// manager above the review's manager; never by the person reviewed or the
/// manager who gave the rating, whatever their role.
/// `above_manager`: the actor is above the review's manager in the
/// reporting lines.
pub fn may_calibrate(
    actor: &Actor,
    r: ReviewFacts<'_>,
    open: bool,
    by_managers: bool,
    above_manager: bool,
) -> bool {
    open && r.cycle == CycleStatus::Open
        && r.state == ReviewState::ManagerReview
        && r.handed_in
        && !r.is_person(actor)
        && !r.is_manager(actor)
        && (actor.is_hr() || (by_managers && above_manager))
}

/// Lock a cycle's calibration (which shares every review handed in), and
/// choose its settings: HR.
pub fn may_run_calibration(actor: &Actor) -> bool {
    actor.is_hr()
}

/// Read the adjustments of a review's ratings (before, after, who, why):
/// whoever reads the manager review, except the person reviewed.
pub fn may_read_adjustments(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    may_read_manager_review(actor, r) && !r.is_person(actor)
}

/// Which rating of the manager review a reader sees: the final one after
/// calibration, or the one the manager gave. The person reviewed sees the
/// final one only when the cycle says so; everyone else who reads the
/// manager review sees it beside the adjustments.
pub fn sees_final_ratings(actor: &Actor, r: ReviewFacts<'_>, final_visible: bool) -> bool {
    !r.is_person(actor) || final_visible
}

// ---- reviews: further rules go here ----

/// Open the manager review's form (to read it, or to write it when
/// [`may_edit_manager_review`] also says so): the manager recorded at launch
/// and HR, never the person reviewed, whoever they are.
pub fn may_read_manager_form(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    may_view_review(actor, r) && !r.is_person(actor) && (actor.is_hr() || r.is_manager(actor))
}

/// Cite a journal entry as evidence in a review: one's own entry about the
/// person reviewed (the employee's own journal, or the manager's notes about
/// them), while one may write that side of the review.
pub fn may_cite_journal_entry(
    actor: &Actor,
    entry: JournalFacts<'_>,
    r: ReviewFacts<'_>,
    side: Side,
) -> bool {
    may_edit_side(actor, r, side) && entry.author_id == actor.id && entry.subject_id == r.person_id
}

/// Publish or withdraw the summary of one's own self-evaluation for one's
/// team: the person reviewed, when people report to them, until the cycle
/// closes.
pub fn may_publish_team_summary(actor: &Actor, r: ReviewFacts<'_>, has_reports: bool) -> bool {
    r.is_person(actor) && has_reports && r.cycle != CycleStatus::Closed
}

/// Schedule, launch, change and close cycles; reopen reviews; edit templates.
pub fn may_run_cycles(actor: &Actor) -> bool {
    actor.is_hr()
}

/// Past reviews of a person: themselves, their manager, HR.
pub fn may_view_history(actor: &Actor, person: PersonFacts<'_>) -> bool {
    may_view_person(actor, person)
}

/// A strength, weakness or goal in someone's history, written on `side` of a
/// review now at `state` (`None`: not tied to a review any more). The person
/// sees their own side always and the manager's once shared; their manager and
/// HR see everything except a self-assessment still in draft.
pub fn may_read_history_record(
    actor: &Actor,
    person: PersonFacts<'_>,
    side: Side,
    state: Option<ReviewState>,
) -> bool {
    if !may_view_history(actor, person) {
        return false;
    }
    if actor.id == person.id {
        return side == Side::Own
            || matches!(state, Some(ReviewState::Shared | ReviewState::Acknowledged));
    }
    side == Side::Manager || state != Some(ReviewState::SelfAssessment)
}

// ---- cycles, templates, people and mail: further rules go here ----

/// Change a person's role: HR, never their own (so there is always an HR).
pub fn may_change_role_of(actor: &Actor, person: PersonFacts<'_>) -> bool {
    may_manage_people(actor) && actor.id != person.id
}

/// Deactivate a person: HR, never themselves.
pub fn may_deactivate(actor: &Actor, person: PersonFacts<'_>) -> bool {
    may_manage_people(actor) && actor.id != person.id
}

/// Edit form templates (sections, questions, versions) and the competency
/// library: the people who run review cycles, since cycles ask these forms.
pub fn may_edit_form_templates(actor: &Actor) -> bool {
    may_run_cycles(actor)
}

/// Dismiss a notification from the home page: only one's own.
pub fn may_dismiss_notification(actor: &Actor, owner_id: &str) -> bool {
    actor.id == owner_id
}

#[cfg(test)]
mod tests;

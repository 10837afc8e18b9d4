//! Who may see and do what. Every handler asks here; nothing else decides.
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

use super::review::{CycleStatus, ReviewState};
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

/// Add, edit, deactivate and import people; see the people list.
pub fn may_manage_people(actor: &Actor) -> bool {
    actor.is_hr()
}

pub fn may_read_audit_log(actor: &Actor) -> bool {
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

/// The facts about a review that permissions depend on.
#[derive(Debug, Clone, Copy)]
pub struct ReviewFacts<'a> {
    pub person_id: &'a str,
    pub manager_id: Option<&'a str>,
    pub state: ReviewState,
    /// The cycle's effective status (a scheduled cycle past its opening day is open).
    pub cycle: CycleStatus,
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
    r.is_person(actor) || r.state != ReviewState::SelfAssessment
}

/// Write the self-assessment: the employee, while it is theirs to write.
pub fn may_edit_self_assessment(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    r.is_person(actor) && r.cycle == CycleStatus::Open && r.state == ReviewState::SelfAssessment
}

/// Read the manager review: the manager and HR always; the employee once shared.
pub fn may_read_manager_review(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    if !may_view_review(actor, r) {
        return false;
    }
    if r.is_manager(actor) || actor.is_hr() {
        return true;
    }
    r.is_person(actor) && matches!(r.state, ReviewState::Shared | ReviewState::Acknowledged)
}

/// Write the manager review (and share it): the manager, in its phase.
pub fn may_edit_manager_review(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    r.is_manager(actor) && r.cycle == CycleStatus::Open && r.state == ReviewState::ManagerReview
}

/// Comments private to the manager and HR.
pub fn may_read_private_comments(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    may_view_review(actor, r) && (r.is_manager(actor) || actor.is_hr()) && !r.is_person(actor)
}

pub fn may_acknowledge(actor: &Actor, r: ReviewFacts<'_>) -> bool {
    r.is_person(actor) && r.cycle == CycleStatus::Open && r.state == ReviewState::Shared
}

/// Schedule, launch, change and close cycles; reopen reviews; edit templates.
pub fn may_run_cycles(actor: &Actor) -> bool {
    actor.is_hr()
}

/// Past reviews of a person: themselves, their manager, HR.
pub fn may_view_history(actor: &Actor, person: PersonFacts<'_>) -> bool {
    may_view_person(actor, person)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, role: Role) -> Actor {
        Actor {
            id: id.into(),
            role,
        }
    }

    #[test]
    fn person_visibility() {
        let report = PersonFacts {
            id: "e1",
            manager_id: Some("m1"),
        };
        assert!(may_view_person(&actor("e1", Role::Employee), report));
        assert!(!may_view_person(&actor("e2", Role::Employee), report));
        assert!(may_view_person(&actor("m1", Role::Manager), report));
        assert!(!may_view_person(&actor("m2", Role::Manager), report));
        assert!(may_view_person(&actor("h", Role::Hr), report));
    }

    #[test]
    fn private_journals_stay_private_even_from_hr() {
        let own = JournalFacts {
            author_id: "e1",
            subject_id: "e1",
        };
        let notes = JournalFacts {
            author_id: "m1",
            subject_id: "e1",
        };
        assert!(may_read_journal_entry(&actor("e1", Role::Employee), own));
        assert!(!may_read_journal_entry(&actor("h", Role::Hr), own));
        assert!(!may_read_journal_entry(&actor("m1", Role::Manager), own));
        assert!(may_read_journal_entry(&actor("m1", Role::Manager), notes));
        assert!(may_read_journal_entry(&actor("h", Role::Hr), notes));
        assert!(!may_read_journal_entry(&actor("e1", Role::Employee), notes));
    }

    #[test]
    fn review_visibility_follows_the_steps() {
        let e = actor("e1", Role::Employee);
        let m = actor("m1", Role::Manager);
        let mm = actor("m0", Role::Manager);
        let hr = actor("h", Role::Hr);
        let facts = |state| ReviewFacts {
            person_id: "e1",
            manager_id: Some("m1"),
            state,
            cycle: CycleStatus::Open,
        };
        let draft = facts(ReviewState::SelfAssessment);
        assert!(may_edit_self_assessment(&e, draft));
        assert!(
            !may_read_self_assessment(&m, draft),
            "the manager does not see drafts"
        );
        assert!(
            !may_view_review(&mm, draft),
            "the manager's manager is not part of it"
        );
        let writing = facts(ReviewState::ManagerReview);
        assert!(may_read_self_assessment(&m, writing));
        assert!(!may_read_manager_review(&e, writing), "not shared yet");
        assert!(may_edit_manager_review(&m, writing));
        let shared = facts(ReviewState::Shared);
        assert!(may_read_manager_review(&e, shared));
        assert!(!may_read_private_comments(&e, shared));
        assert!(may_read_private_comments(&m, shared) && may_read_private_comments(&hr, shared));
        assert!(may_acknowledge(&e, shared) && !may_acknowledge(&m, shared));
        let scheduled = ReviewFacts {
            cycle: CycleStatus::Scheduled,
            ..draft
        };
        assert!(!may_view_review(&e, scheduled) && may_view_review(&hr, scheduled));
    }
}

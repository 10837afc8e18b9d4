//! Who may see and do what. Every handler asks here; nothing else decides.
//!
//! The rules, in words:
//! - an employee sees only themselves;
//! - a manager sees themselves and their direct reports;
//! - HR sees everyone and manages people, but never another person's private
//!   journal.

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
}

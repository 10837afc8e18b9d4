//! The authorization rules of `domain::policy`, as matrices: who may do
//! what, for every role and relation that matters.

use super::*;

#[test]
fn a_draft_the_cycle_closed_on_stays_the_employees() {
    let m = Actor {
        id: "m".into(),
        role: Role::Manager,
    };
    let hr = Actor {
        id: "h".into(),
        role: Role::Hr,
    };
    let e = Actor {
        id: "e".into(),
        role: Role::Employee,
    };
    let mut r = ReviewFacts {
        person_id: "e",
        manager_id: Some("m"),
        state: ReviewState::Unfinished,
        cycle: CycleStatus::Closed,
        was_shared: false,
        was_submitted: false,
        handed_in: false,
    };
    assert!(!may_read_self_assessment(&m, r));
    assert!(!may_read_self_assessment(&hr, r));
    assert!(may_read_self_assessment(&e, r));
    r.was_submitted = true;
    assert!(may_read_self_assessment(&m, r));
    assert!(may_read_self_assessment(&hr, r));
}

#[test]
fn an_hr_person_reviewed_waits_for_the_manager_review_like_everyone() {
    let hr = Actor {
        id: "h".into(),
        role: Role::Hr,
    };
    let mut r = ReviewFacts {
        person_id: "h",
        manager_id: Some("m"),
        state: ReviewState::ManagerReview,
        cycle: CycleStatus::Open,
        was_shared: false,
        was_submitted: true,
        handed_in: false,
    };
    assert!(
        !may_read_manager_review(&hr, r),
        "a draft of one's own manager review"
    );
    r.state = ReviewState::Shared;
    r.was_shared = true;
    assert!(may_read_manager_review(&hr, r));
    let other_hr = Actor {
        id: "h2".into(),
        role: Role::Hr,
    };
    r.state = ReviewState::ManagerReview;
    assert!(
        may_read_manager_review(&other_hr, r),
        "HR reads others' drafts"
    );
}

#[test]
fn only_ones_own_notifications_are_dismissed() {
    let ayu = actor("ayu", Role::Employee);
    let hr = actor("sari", Role::Hr);
    assert!(may_dismiss_notification(&ayu, "ayu"));
    assert!(!may_dismiss_notification(&ayu, "joko"));
    assert!(!may_dismiss_notification(&hr, "ayu"), "not even HR");
}

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
fn notes_about_a_report_are_for_the_manager_and_hr_only() {
    let report = PersonFacts {
        id: "e1",
        manager_id: Some("m1"),
    };
    let m = actor("m1", Role::Manager);
    let hr = actor("h", Role::Hr);
    assert!(may_read_notes_about(&m, report));
    assert!(may_read_notes_about(&hr, report));
    assert!(!may_read_notes_about(&actor("e1", Role::Employee), report));
    assert!(!may_read_notes_about(&actor("m2", Role::Manager), report));
    let hr_self = PersonFacts {
        id: "h",
        manager_id: Some("m1"),
    };
    assert!(
        !may_read_notes_about(&hr, hr_self),
        "HR never reads notes about themselves"
    );
    let note = JournalFacts {
        author_id: "m1",
        subject_id: "e1",
    };
    assert!(may_edit_journal_entry(&m, note, report));
    assert!(!may_edit_journal_entry(&hr, note, report));
    let moved = PersonFacts {
        id: "e1",
        manager_id: Some("m2"),
    };
    assert!(!may_edit_journal_entry(&m, note, moved));
    let own = JournalFacts {
        author_id: "e1",
        subject_id: "e1",
    };
    assert!(may_edit_journal_entry(
        &actor("e1", Role::Employee),
        own,
        report
    ));
    assert!(!may_edit_journal_entry(&m, own, report));
}

#[test]
fn team_page_needs_reports_or_a_role() {
    assert!(!may_view_team(&actor("e1", Role::Employee), false));
    assert!(may_view_team(&actor("e1", Role::Employee), true));
    assert!(may_view_team(&actor("m1", Role::Manager), false));
    assert!(may_view_team(&actor("h", Role::Hr), false));
}

#[test]
fn insights_by_role() {
    let hr = actor("h", Role::Hr);
    let m = actor("m1", Role::Manager);
    let e = actor("e1", Role::Employee);
    assert_eq!(insights_scope(&hr, false), Some(InsightsScope::Everyone));
    assert_eq!(
        insights_scope(&m, true),
        Some(InsightsScope::WrittenBy("m1")),
        "a manager counts only the reviews they write"
    );
    assert_eq!(insights_scope(&m, false), None, "a manager without reports");
    assert_eq!(insights_scope(&e, false), None);
    assert_eq!(
        insights_scope(&e, true),
        Some(InsightsScope::WrittenBy("e1")),
        "an employee who leads a team"
    );
}

#[test]
fn history_records_follow_sharing() {
    let person = PersonFacts {
        id: "e1",
        manager_id: Some("m1"),
    };
    let e = actor("e1", Role::Employee);
    let m = actor("m1", Role::Manager);
    let hr = actor("h", Role::Hr);
    let other = actor("e2", Role::Employee);
    use ReviewState::*;
    assert!(may_read_history_record(
        &e,
        person,
        Side::Own,
        Some(SelfAssessment)
    ));
    assert!(!may_read_history_record(
        &e,
        person,
        Side::Manager,
        Some(ManagerReview)
    ));
    assert!(!may_read_history_record(
        &e,
        person,
        Side::Manager,
        Some(Unfinished)
    ));
    assert!(may_read_history_record(
        &e,
        person,
        Side::Manager,
        Some(Shared)
    ));
    assert!(may_read_history_record(
        &e,
        person,
        Side::Manager,
        Some(Acknowledged)
    ));
    assert!(!may_read_history_record(&e, person, Side::Manager, None));
    for viewer in [&m, &hr] {
        assert!(may_read_history_record(
            viewer,
            person,
            Side::Manager,
            Some(ManagerReview)
        ));
        assert!(may_read_history_record(
            viewer,
            person,
            Side::Own,
            Some(ManagerReview)
        ));
        assert!(
            !may_read_history_record(viewer, person, Side::Own, Some(SelfAssessment)),
            "drafts stay with their author"
        );
    }
    assert!(!may_read_history_record(
        &other,
        person,
        Side::Own,
        Some(Acknowledged)
    ));
}

#[test]
fn calibration_as_a_matrix() {
    let e = actor("e1", Role::Employee);
    let m = actor("m1", Role::Manager);
    let above = actor("m0", Role::Manager);
    let hr = actor("h", Role::Hr);
    let hr_reviewed = actor("e1", Role::Hr);
    let hr_writer = actor("m1", Role::Hr);
    let handed_in = ReviewFacts {
        person_id: "e1",
        manager_id: Some("m1"),
        state: ReviewState::ManagerReview,
        cycle: CycleStatus::Open,
        was_shared: false,
        was_submitted: true,
        handed_in: true,
    };
    // (actor, by_managers allowed, actor above the writer) → may adjust
    let cases = [
        (&hr, false, false, true),
        (&above, true, true, true),
        (&above, false, true, false),
        (&above, true, false, false),
        (&m, true, false, false),
        (&e, true, false, false),
        (&hr_reviewed, true, false, false),
        (&hr_writer, true, false, false),
    ];
    for (who, by_managers, is_above, allowed) in cases {
        assert_eq!(
            may_calibrate(who, handed_in, true, by_managers, is_above),
            allowed,
            "{} by_managers={by_managers} above={is_above}",
            who.id
        );
    }
    // Only while open, on a review handed in and still waiting.
    assert!(!may_calibrate(&hr, handed_in, false, false, false));
    for not_waiting in [
        ReviewFacts {
            handed_in: false,
            ..handed_in
        },
        ReviewFacts {
            state: ReviewState::Shared,
            ..handed_in
        },
        ReviewFacts {
            cycle: CycleStatus::Closed,
            ..handed_in
        },
    ] {
        assert!(!may_calibrate(&hr, not_waiting, true, false, false));
    }
    // Handed in: no longer the manager's to write.
    assert!(!may_edit_manager_review(&m, handed_in));
    assert!(may_edit_manager_review(
        &m,
        ReviewFacts {
            handed_in: false,
            ..handed_in
        }
    ));
    // Who opens the view, locks, reads adjustments and final ratings.
    assert_eq!(
        calibration_scope(&hr, false, false),
        Some(CalibrationScope::Everyone)
    );
    assert_eq!(
        calibration_scope(&above, true, true),
        Some(CalibrationScope::WrittenBelow("m0"))
    );
    assert_eq!(calibration_scope(&above, false, true), None);
    assert_eq!(calibration_scope(&e, true, false), None);
    assert!(may_run_calibration(&hr) && !may_run_calibration(&above));
    let shared = ReviewFacts {
        state: ReviewState::Shared,
        was_shared: true,
        ..handed_in
    };
    assert!(may_read_adjustments(&m, shared) && may_read_adjustments(&hr, shared));
    assert!(!may_read_adjustments(&e, shared) && !may_read_adjustments(&hr_reviewed, shared));
    assert!(sees_final_ratings(&e, shared, true) && !sees_final_ratings(&e, shared, false));
    assert!(sees_final_ratings(&m, shared, false));
}

#[test]
fn review_visibility_follows_the_steps() {
    let e = actor("e1", Role::Employee);
    let m = actor("m1", Role::Manager);
    let mm = actor("m0", Role::Manager);
    let hr = actor("h", Role::Hr);
    let draft = at_step(ReviewState::SelfAssessment);
    assert!(may_edit_self_assessment(&e, draft));
    assert!(
        !may_read_self_assessment(&m, draft),
        "the manager does not see drafts"
    );
    assert!(
        !may_view_review(&mm, draft),
        "the manager's manager is not part of it"
    );
    let writing = at_step(ReviewState::ManagerReview);
    assert!(may_read_self_assessment(&m, writing));
    assert!(!may_read_manager_review(&e, writing), "not shared yet");
    assert!(may_edit_manager_review(&m, writing));
    let shared = at_step(ReviewState::Shared);
    assert!(may_read_manager_review(&e, shared));
    assert!(!may_read_private_comments(&e, shared));
    assert!(may_read_private_comments(&m, shared) && may_read_private_comments(&hr, shared));
    assert!(may_acknowledge(&e, shared) && !may_acknowledge(&m, shared));
    let scheduled = ReviewFacts {
        cycle: CycleStatus::Scheduled,
        ..draft
    };
    assert!(!may_view_review(&e, scheduled) && may_view_review(&hr, scheduled));
    // Closed before she acknowledged: she can still read what was shared with her.
    let closed_after_share = ReviewFacts {
        state: ReviewState::Unfinished,
        cycle: CycleStatus::Closed,
        was_shared: true,
        was_submitted: true,
        handed_in: false,
        ..draft
    };
    assert!(may_read_manager_review(&e, closed_after_share));
    let closed_before_share = ReviewFacts {
        was_shared: false,
        was_submitted: true,
        handed_in: false,
        ..closed_after_share
    };
    assert!(!may_read_manager_review(&e, closed_before_share));
}

#[test]
fn private_comments_never_reach_the_person_reviewed() {
    let e = actor("e1", Role::Employee);
    let m = actor("m1", Role::Manager);
    let hr = actor("h", Role::Hr);
    for state in [ReviewState::Shared, ReviewState::Acknowledged] {
        assert!(
            may_read_comment(&e, at_step(state), false),
            "shared: she reads it"
        );
        assert!(
            !may_read_comment(&e, at_step(state), true),
            "private: never her"
        );
        assert!(may_read_comment(&m, at_step(state), true));
        assert!(may_read_comment(&hr, at_step(state), true));
    }
    let writing = at_step(ReviewState::ManagerReview);
    assert!(
        !may_read_comment(&e, writing, false),
        "not even a shared comment before the review is shared"
    );
    assert!(may_read_comment(&m, writing, true) && may_read_comment(&hr, writing, true));
    // Whatever her role: an HR person or a manager reviewed in a cycle
    // does not read the private comments about themselves.
    for role in [Role::Hr, Role::Manager] {
        let reviewed = actor("e1", role);
        assert!(!may_read_comment(
            &reviewed,
            at_step(ReviewState::Shared),
            true
        ));
        assert!(may_read_comment(
            &reviewed,
            at_step(ReviewState::Shared),
            false
        ));
    }
    // Someone else's manager never.
    assert!(!may_read_comment(
        &actor("m2", Role::Manager),
        at_step(ReviewState::Shared),
        false
    ));
}

/// e1's review by m1 in an open cycle at `state`, having passed every step
/// before it.
fn at_step<'a>(state: ReviewState) -> ReviewFacts<'a> {
    ReviewFacts {
        was_shared: matches!(state, ReviewState::Shared | ReviewState::Acknowledged),
        was_submitted: state != ReviewState::SelfAssessment,
        ..review(state, CycleStatus::Open)
    }
}

fn review<'a>(state: ReviewState, cycle: CycleStatus) -> ReviewFacts<'a> {
    ReviewFacts {
        person_id: "e1",
        manager_id: Some("m1"),
        state,
        cycle,
        was_shared: false,
        was_submitted: true,
        handed_in: false,
    }
}

#[test]
fn the_manager_form_is_for_the_manager_and_hr_never_the_person() {
    let r = review(ReviewState::ManagerReview, CycleStatus::Open);
    assert!(may_read_manager_form(&actor("m1", Role::Manager), r));
    assert!(may_read_manager_form(&actor("h", Role::Hr), r));
    assert!(!may_read_manager_form(&actor("e1", Role::Employee), r));
    assert!(!may_read_manager_form(&actor("m2", Role::Manager), r));
    assert!(!may_read_manager_form(&actor("e2", Role::Employee), r));
    // An HR person reviewed in the cycle does not read their own manager form.
    let hr_reviewed = ReviewFacts {
        person_id: "h",
        ..r
    };
    assert!(!may_read_manager_form(&actor("h", Role::Hr), hr_reviewed));
}

#[test]
fn only_ones_own_entries_about_the_person_are_evidence() {
    let r = review(ReviewState::SelfAssessment, CycleStatus::Open);
    let own = JournalFacts {
        author_id: "e1",
        subject_id: "e1",
    };
    let notes = JournalFacts {
        author_id: "m1",
        subject_id: "e1",
    };
    let e = actor("e1", Role::Employee);
    let m = actor("m1", Role::Manager);
    assert!(may_cite_journal_entry(&e, own, r, Side::Own));
    assert!(!may_cite_journal_entry(&e, notes, r, Side::Own));
    assert!(!may_cite_journal_entry(&m, notes, r, Side::Manager));
    let at_manager = review(ReviewState::ManagerReview, CycleStatus::Open);
    assert!(may_cite_journal_entry(&m, notes, at_manager, Side::Manager));
    assert!(!may_cite_journal_entry(&m, own, at_manager, Side::Manager));
    assert!(!may_cite_journal_entry(&e, own, at_manager, Side::Own));
    let other = JournalFacts {
        author_id: "m1",
        subject_id: "e9",
    };
    assert!(!may_cite_journal_entry(
        &m,
        other,
        at_manager,
        Side::Manager
    ));
}

#[test]
fn team_summary_is_the_managers_own_until_the_cycle_closes() {
    let own = ReviewFacts {
        person_id: "m1",
        manager_id: Some("d1"),
        ..review(ReviewState::Acknowledged, CycleStatus::Open)
    };
    let m = actor("m1", Role::Manager);
    assert!(may_publish_team_summary(&m, own, true));
    assert!(!may_publish_team_summary(&m, own, false));
    assert!(!may_publish_team_summary(
        &actor("d1", Role::Manager),
        own,
        true
    ));
    assert!(!may_publish_team_summary(&actor("h", Role::Hr), own, true));
    let closed = ReviewFacts {
        cycle: CycleStatus::Closed,
        ..own
    };
    assert!(!may_publish_team_summary(&m, closed, true));
}

#[test]
fn hr_reads_every_note_a_manager_only_their_own() {
    let report = PersonFacts {
        id: "e1",
        manager_id: Some("m1"),
    };
    assert!(may_read_every_note_about(&actor("h", Role::Hr), report));
    assert!(!may_read_every_note_about(
        &actor("m1", Role::Manager),
        report
    ));
    let hr_self = PersonFacts {
        id: "h",
        manager_id: Some("m1"),
    };
    assert!(!may_read_every_note_about(&actor("h", Role::Hr), hr_self));
}

#[test]
fn hr_keeps_its_own_role_and_account() {
    let hr = actor("h", Role::Hr);
    let other = PersonFacts {
        id: "e1",
        manager_id: Some("m1"),
    };
    let own = PersonFacts {
        id: "h",
        manager_id: None,
    };
    assert!(may_change_role_of(&hr, other) && may_deactivate(&hr, other));
    assert!(!may_change_role_of(&hr, own) && !may_deactivate(&hr, own));
    let m = actor("m1", Role::Manager);
    assert!(!may_change_role_of(&m, other) && !may_deactivate(&m, other));
}

#[test]
fn only_hr_edits_form_templates() {
    assert!(may_edit_form_templates(&actor("h", Role::Hr)));
    assert!(!may_edit_form_templates(&actor("m1", Role::Manager)));
    assert!(!may_edit_form_templates(&actor("e1", Role::Employee)));
}

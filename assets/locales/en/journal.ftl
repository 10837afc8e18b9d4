# journal: one's own journal, a manager's notes about a report, the team page
# and history pages (keys prefixed journal-, team-, history-).

## Own journal
journal-title = My journal
journal-lead = Write down what happens at work while it is fresh: problems you dealt with, things that went well, what customers said. When review time comes you will have real examples instead of trying to remember.
journal-private = Only you can see your journal. You can pull an entry into your self-assessment as evidence.
journal-add-heading = Add an entry
journal-add-button = Add entry
journal-entries-heading = Entries, newest first
journal-change = Change
journal-delete = Delete
journal-entry-of = entry of { $date }
journal-written-by = written by { $name }
journal-empty = Your journal is empty. Add your first entry above: choose the date, what kind of entry it is, and write what happened. A few lines a week is enough.

## The entry form
journal-field-date = Date
journal-field-date-hint = The day it happened. Today or earlier.
journal-field-kind = What kind of entry is it?
journal-kind-note = Note
journal-kind-note-hint = Anything worth remembering about your work.
journal-kind-incident = Incident
journal-kind-incident-hint = Something that went wrong or a difficult situation. Write it down in full while it is fresh: when it happened, what happened, who was there and what was said.
journal-kind-win = Win
journal-kind-win-hint = Something that went well: a problem solved, praise received, a target reached.
journal-kind-customer_feedback = Customer feedback
journal-kind-customer_feedback-hint = What a customer said about you or the service, in their words if you can.
journal-field-body = What happened
journal-field-body-hint = Describe it in your own words. Facts, times and what was said are more useful later than opinions.
journal-body-limit = You can enter up to { $max } characters.
journal-error-date-missing = Enter the date
journal-error-date-invalid = Enter a real date, for example 2026-11-22
journal-error-date-future = The date must be today or in the past
journal-error-kind-missing = Choose what kind of entry it is
journal-error-body-missing = Write what happened
journal-error-body-too-long = The text must be { $max } characters or fewer

## Notices
journal-notice-added = Entry added.
journal-notice-saved = Entry saved.
journal-notice-deleted = Entry deleted.
notes-notice-added = Note added.
notes-notice-saved = Note saved.
notes-notice-deleted = Note deleted.

## Change and delete
journal-edit-title = Change journal entry
journal-edit-note-title = Change note about { $name }
journal-delete-title = Delete this entry?
journal-delete-note-lead = This is a note about { $name }.
journal-delete-warning = Deleting cannot be undone.
journal-delete-button = Yes, delete it

## A manager's notes about a report
journal-notes-title = Notes about { $name }
journal-notes-private = These notes are private to you and HR. { $name } cannot see them.
journal-notes-hr-reading = Notes written by { $name }'s managers. Only the manager who wrote a note and HR can read it; { $name } cannot. As HR you can read these notes but not change them.
journal-notes-add-heading = Add a note
journal-notes-add-lead = Note what you saw or heard, with the date, so that your manager review rests on examples rather than memory.
journal-notes-add-button = Add note
journal-notes-heading = Notes, newest first
journal-notes-empty = No notes yet. Add the first one above: the date, what happened, and what was said.
journal-notes-empty-hr = No manager has written notes about { $name }.
journal-notes-history-link = See { $name }'s review history

## Team page
team-title = My team
team-lead = The people who report to you, and where each one's review stands in the current review cycle.
team-empty-reports = Nobody reports to you in Cermin yet. If that is wrong, ask HR to set you as the manager of your team members.
team-empty-cycle = There is no review cycle running for your team now. When HR launches one, each person's self-assessment, your manager reviews and their due dates will appear here. Meanwhile you can keep notes about each person.
team-stat-to-write = { $count ->
    [one] manager review to write now
   *[other] manager reviews to write now
}
team-stat-overdue = { $count ->
    [one] step overdue
   *[other] steps overdue
}
team-people-heading = People
team-moved = { $name } no longer reports to you, but you still write their manager review in this review cycle.
team-cycle = Review cycle
team-status = Status
team-overdue = Overdue
team-opens = Opens on
team-due = Due date
team-next = Next step
team-next-scheduled = The review cycle has not opened yet.
team-next-self = Waiting for { $name } to submit their self-assessment.
team-next-manager = Your turn: write the manager review and share it with { $name }.
team-next-ack = Waiting for { $name } to read the review and confirm they have read it.
team-next-done = Done: { $name } has confirmed reading the review.
team-next-none = Nothing more to do in this review.
team-action-write = Write manager review
team-action-view = View review
team-not-in-cycle = { $name } is not part of a current review cycle.
team-link-profile = Profile
team-link-notes = Notes
team-link-history = History

## History
history-title-own = My history
history-title = History of { $name }
history-lead-own = Your reviews, your strengths and areas to grow over time, and your goals.
history-lead = { $name }'s reviews, strengths and areas to grow over time, and goals.
history-reviews-heading = Reviews
history-period = { $from } to { $to }
history-state-self_assessment = Self-assessment in progress
history-state-manager_review = Manager review in progress
history-state-shared = Shared, waiting for acknowledgement
history-state-acknowledged = Acknowledged
history-state-unfinished = Not finished
history-state-removed = Removed from the cycle
history-cycle-scheduled = Not open yet
history-cycle-closed = Review cycle closed
history-acknowledged-on = read and confirmed on { $date }
history-empty-own = You have no reviews yet. When HR launches a review cycle that includes you, it will appear here, and after each cycle you can look back at what was written.
history-empty = { $name } has no reviews yet. They will appear here once HR launches a review cycle that includes { $name }.
history-traits-heading = Strengths and weaknesses over time
history-traits-no-review = Not linked to a review
history-strengths = Strengths
history-weaknesses = Weaknesses and areas to grow
history-side-self = Self-assessment
history-side-manager = Manager review
history-none-written = None written.
history-traits-empty = Nothing yet. Strengths and weaknesses appear here once they are written in a review and you are able to see them.
history-goals-heading = Goals
history-goal-status-proposed = Proposed
history-goal-status-agreed = Agreed
history-goal-status-in_progress = In progress
history-goal-status-done = Done
history-goal-status-dropped = Dropped
history-goal-kind-development = Development goal
history-goal-kind-improvement = Improvement goal
history-goal-due = due { $date }
history-goals-empty = No goals yet. Goals are proposed in the self-assessment and agreed in the manager review.
history-journal-hint = Keeping a journal makes your next self-assessment easier.
history-journal-link = Go to my journal
journal-newer = Newer entries
journal-older = Older entries
team-next-calibration = Submitted for calibration: HR shares it with { $name } when calibration ends.

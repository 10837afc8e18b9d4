# Review cycles (HR). Terms follow GLOSSARY.md.

## List
cycles-title = Review cycles
cycles-lead = A review cycle gives everyone taking part a self-assessment, a manager review and an acknowledgement, each with its due date.
cycles-new-button = New review cycle
cycles-col-name = Name
cycles-col-status = Status
cycles-col-dates = Dates
cycles-col-progress = Progress
cycles-dates-range = { $from } to { $to }
cycles-progress = { $done } of { $total } acknowledged
cycles-participants-count = { $count ->
    [one] 1 participant
   *[other] { $count } participants
}
cycles-empty-title = No review cycles yet
cycles-empty-body = To start one:
cycles-empty-step-1 = Choose “New review cycle” and give it a name, such as “Annual review 2026”.
cycles-empty-step-2 = Pick the form template, the dates of each step, and who takes part.
cycles-empty-step-3 = Check the draft, then launch it. Until you launch, only HR sees it.

## Status and states
cycles-status-draft = Draft
cycles-status-scheduled = Scheduled
cycles-status-open = Open
cycles-status-closed = Closed
cycles-state-self_assessment = Self-assessment
cycles-state-manager_review = Manager review
cycles-state-shared = Shared, not yet acknowledged
cycles-state-acknowledged = Acknowledged
cycles-state-unfinished = Unfinished
cycles-state-removed = Removed from the cycle
cycles-overdue = Overdue

## Form
cycles-new-title = New review cycle
cycles-edit-title = Change the draft
cycles-form-lead = This saves a draft. Nobody but HR sees it until you launch it.
cycles-field-name = Name
cycles-field-name-hint = For example “Annual review 2026”.
cycles-field-template = Form template
cycles-field-template-hint = The questions of the self-assessment and the manager review. The default template is already chosen.
cycles-template-default = (default)
cycles-dates-legend = Dates
cycles-dates-hint = Each date must be on or after the one before it.
cycles-field-opens_on = Opens on
cycles-field-opens_on-hint = From this day participants can start their self-assessment.
cycles-field-self_due_on = Self-assessment due date
cycles-field-self_due_on-hint = Employees submit their self-assessment by this day.
cycles-field-manager_due_on = Manager review due date
cycles-field-manager_due_on-hint = Managers share their manager review by this day.
cycles-field-ack_due_on = Acknowledgement due date
cycles-field-ack_due_on-hint = Employees confirm they have read their review by this day.
cycles-field-closes_on = Closes on
cycles-field-closes_on-hint = The planned end of the cycle. HR closes it on the cycle page; it then becomes read-only.
cycles-field-reminders = Reminder schedule
cycles-field-reminders-hint = How many days before each due date Cermin emails a reminder, separated by commas: “7,2,0” means a week before, two days before and on the day itself. Reminders go only to people who still have something to do.
cycles-participants-legend = Who takes part
cycles-participants-hint = Only active people take part. You can change the list until you launch the cycle.
cycles-rule-all = Everyone active who has a manager ({ $count } people)
cycles-rule-all-left-out = Not included: { $names }. { $count ->
        [one] This person has
       *[other] These { $count } people have
    } no manager in Cermin, so nobody could write their manager review. To include them, give them a manager on the People page.
cycles-rule-department = Everyone in one department
cycles-rule-manager = The direct reports of one manager
cycles-rule-manual = People I pick by hand
cycles-field-department = Department (if you chose one department)
cycles-field-manager = Manager (if you chose a manager's direct reports)
cycles-people-summary = Pick people by hand
cycles-field-people = People (if you chose to pick by hand)
cycles-choose = Choose…
cycles-save-draft = Save the draft

## Errors
cycles-error-name-missing = Enter a name for the review cycle
cycles-error-name-too-long = A name can be at most 120 characters
cycles-error-template-missing = Choose a form template
cycles-error-opens_on-invalid = Enter the opening date as a real date
cycles-error-self_due_on-invalid = Enter the self-assessment due date as a real date
cycles-error-manager_due_on-invalid = Enter the manager review due date as a real date
cycles-error-ack_due_on-invalid = Enter the acknowledgement due date as a real date
cycles-error-closes_on-invalid = Enter the closing date as a real date
cycles-error-self_due_on-order = The self-assessment due date must be on or after the opening date
cycles-error-manager_due_on-order = The manager review due date must be on or after the self-assessment due date
cycles-error-ack_due_on-order = The acknowledgement due date must be on or after the manager review due date
cycles-error-closes_on-order = The closing date must be on or after the acknowledgement due date
cycles-error-reminders-invalid = Enter the reminder days as whole numbers from 0 to 60, separated by commas, like 7,2,0
cycles-error-rule-missing = Choose who takes part
cycles-error-department-missing = Choose a department
cycles-error-manager-missing = Choose a manager
cycles-error-no-participants = Nobody active matches this choice. Choose at least one active person.
cycles-error-no-manager = { $count ->
    [one] This participant has no manager, so nobody could write their manager review: { $names }. Give them a manager on the People page, or take them out of the cycle, then launch again.
   *[other] These participants have no manager, so nobody could write their manager review: { $names }. Give them a manager on the People page, or take them out of the cycle, then launch again.
}
cycles-error-no-manager-add = { $names } has no manager, so nobody could write their manager review. Give them a manager on the People page first.
cycles-error-no-participants-launch = Nobody takes part in this cycle yet. Change the draft and choose who takes part.
cycles-error-person-missing = Choose an active person to add
cycles-error-reopen-to-missing = Choose who the review goes back to
cycles-error-reason-missing = Enter the reason for reopening
cycles-error-reason-too-long = The reason can be at most 2,000 characters

## Refusals of the review cycle workflow
error-review-not-now = This review cannot take that step now: it has moved on. Reload the page to see where it stands.
error-cycle-already-launched = This review cycle has already been launched, so its draft can no longer be changed.
error-cycle-closed = This review cycle is closed; everything in it is read-only.
error-cycle-not-open = Only a launched review cycle that is not closed yet can be closed.
error-already-participant = This person already takes part in this review cycle.

## The cycle page
cycles-back-to-list = All review cycles
cycles-draft-lead = This is a draft: only HR sees it. Check the details and the participants, then launch it.
cycles-details = Details
cycles-change = Change
cycles-reminders-value = { $days } days before each due date
cycles-reminders-none = No reminders
cycles-participants-title = Participants
cycles-participants-preview = { $count ->
    [one] When you launch, 1 review will be created.
   *[other] When you launch, { $count } reviews will be created, one for each participant.
}
cycles-participants-none = Nobody takes part yet. Change the draft to choose who takes part.
cycles-no-manager-warning = { $count ->
    [one] This participant has no manager and blocks the launch. Give them a manager on the People page, or take them out of the cycle by changing the participants:
   *[other] These participants have no manager and block the launch. Give them a manager on the People page, or take them out of the cycle by changing the participants:
}
cycles-col-person = Employee
cycles-launch-title = Launch
cycles-launch-hint-now = Launching creates a review for each participant, with their current manager and job description kept in it. The opening date has come, so the cycle opens at once and participants can start.
cycles-launch-hint-future = Launching creates a review for each participant, with their current manager and job description kept in it. The cycle opens on { $date }; until then participants do not see it.
cycles-launch-button = Launch the review cycle
cycles-delete-button = Delete the draft
cycles-delete-hint = Deleting removes the draft and its list of participants. Nothing else changes.
cycles-closed-readonly = This review cycle is closed. Everything in it is kept and can be read, but nothing can be changed.
cycles-progress-title = Progress
cycles-counts-caption = Reviews by step
cycles-col-state = Step
cycles-col-count = Number
cycles-reviews-title = Reviews
cycles-col-due = Due date
cycles-col-actions = Actions
cycles-reopen = Reopen
cycles-remove = Remove from the cycle
cycles-no-reviews = This review cycle has no reviews.
cycles-add-title = Add a participant
cycles-add-hint = For someone who joined late. Their review starts at the self-assessment, with the cycle's current dates.
cycles-add-button = Add to the review cycle
cycles-participants-shown = The first { $shown } of { $count }, by name.
cycles-overdue-all = See all { $count } late reviews
cycles-filter-name = Name
cycles-filter-overdue = Only late ones
cycles-filter-clear = Show every review
cycles-no-reviews-match = No review matches. Change the filters, or show every review.
cycles-add-search = Find a person by name
cycles-add-find = Find
cycles-add-none-match = No one by that name can be added: they are already in this review cycle, inactive, or not in Cermin.
cycles-manage-title = Change the review cycle
cycles-move-dates = Move the dates
cycles-close = Close the review cycle

## Notices
cycles-notice-created = Draft saved. Check the participants, then launch it when you are ready.
cycles-notice-saved = Changes saved.
cycles-notice-deleted = The draft has been deleted.
cycles-notice-launched-open = The review cycle is launched and open now: participants can start their self-assessment.
cycles-notice-launched-scheduled = The review cycle is launched and scheduled: it opens on { $date }. Participants see it from that day.
cycles-notice-added = Participant added. Their review starts at the self-assessment.
cycles-notice-removed = Participant removed. Their review is kept, marked as removed; you can add them again.
cycles-notice-reopened = The review has been reopened. The person it went back to has been told, with your reason.
cycles-notice-dates-moved = The dates have been moved.
cycles-notice-closed = { $count ->
    [0] The review cycle is closed. Every review was finished.
    [one] The review cycle is closed. 1 review was not finished and is marked unfinished.
   *[other] The review cycle is closed. { $count } reviews were not finished and are marked unfinished.
}

## Move dates
cycles-dates-title = Move the dates
cycles-dates-lead = Participants and managers see the new due dates at once on their pages.
cycles-dates-button = Save the dates

## Close
cycles-close-title = Close “{ $name }”?
cycles-close-unfinished = { $count ->
    [one] 1 of { $total } reviews is not finished. It will be marked unfinished: nothing written in it is lost, and it can still be read.
   *[other] { $count } of { $total } reviews are not finished. They will be marked unfinished: nothing written in them is lost, and they can still be read.
}
cycles-close-all-done = All { $total } reviews are finished.
cycles-close-readonly = Once closed, the review cycle is read-only: nobody can change anything in it any more.
cycles-close-button = Yes, close the review cycle

## Reopen
cycles-reopen-title = Reopen the review of { $name }
cycles-reopen-now = Where it stands now:
cycles-reopen-to-legend = Send it back to
cycles-reopen-to-employee = The employee: their self-assessment opens again
cycles-reopen-to-manager = The manager: the manager review opens again
cycles-reopen-reason = Reason
cycles-reopen-reason-hint = The person it goes back to sees this reason. It is also kept in the audit log.
cycles-reopen-button = Reopen the review

# Email per cycle
cycles-notice-reminders = Reminder schedule saved.
cycles-mail-title = Email
cycles-reminders-live-hint = How many days before each due date reminders go out, separated by commas (for example 7,2,0). Changes apply from the next reminder on; reminders already sent are not sent again.
cycles-reminders-save = Save the reminder schedule
cycles-mail-log-title = Email sent for this cycle
cycles-mail-log-empty = No email for this cycle yet.
cycles-mail-log-hint = The { $count } newest.
cycles-mail-log-all = See them all in the outbox

## Launch, delete and remove: confirmation pages
cycles-launch-confirm-title = Launch “{ $name }”?
cycles-launch-confirm-reviews = { $count ->
    [one] 1 review will be created, with the participant's current manager and job description kept in it.
   *[other] { $count } reviews will be created, each with the participant's current manager and job description kept in it.
}
cycles-launch-confirm-mail-now = { $count ->
    [one] 1 person (the participants and their managers) will be emailed an invitation now, with the due dates for their calendar.
   *[other] { $count } people (the participants and their managers) will be emailed an invitation now, with the due dates for their calendar.
}
cycles-launch-confirm-mail-later = { $count ->
    [one] 1 person (the participants and their managers) will be emailed an invitation on { $date }, when the review cycle opens.
   *[other] { $count } people (the participants and their managers) will be emailed an invitation on { $date }, when the review cycle opens.
}
cycles-launch-confirm-undo = A launched review cycle cannot be deleted or launched again. Its dates can still be moved, and it can be closed.
cycles-launch-confirm-no-manager = { $count ->
    [one] 1 participant has no manager: the launch will be refused until they have one.
   *[other] { $count } participants have no manager: the launch will be refused until they have one.
}
cycles-launch-confirm-button = Yes, launch the review cycle
cycles-delete-title = Delete the draft “{ $name }”?
cycles-delete-confirm-lead = { $count ->
    [one] The draft and its list of 1 participant will be deleted.
   *[other] The draft and its list of { $count } participants will be deleted.
}
cycles-delete-confirm-nobody = Nobody is emailed: the draft was never launched. This cannot be undone.
cycles-delete-confirm-button = Yes, delete the draft
cycles-remove-title = Take { $person } out of “{ $name }”?
cycles-remove-mail = { $person } will be emailed that they no longer take part, with a calendar file that removes the review cycle's due dates from their calendar.
cycles-remove-no-mail = { $person } is not emailed: the review cycle has not opened, so they were never invited.
cycles-remove-kept = Their review is kept, marked removed, with everything written in it. You can add them back later.
cycles-remove-button = Yes, take { $person } out
cycles-close-mail = Everyone who took part is emailed that it closed. Those who had not finished also get a calendar file that removes the due dates they had left.
cycles-close-mail-scheduled = Everyone who takes part is emailed that it closed.

# The cycle page: the work first (progress, who is overdue, the reviews),
# the details after; a list of links to each part at the top.
cycles-on-this-page = On this page
cycles-overdue-title = Overdue
cycles-overdue-lead = { $count ->
    [one] 1 review is past the due date of its step:
   *[other] { $count } reviews are past the due date of their step:
}
cycles-overdue-item = { $step }, due { $date }
cycles-overdue-manager = manager: { $name }
cycles-overdue-none = No review is overdue.

# Downloading a cycle's results (HR: every review; a manager: the reviews
# they write in it).
export-title = Download results
export-link = Download results
export-link-team = Download the results of “{ $name }”
export-scope-everyone = { $count ->
    [one] The file holds the 1 review of this review cycle.
   *[other] The file holds all { $count } reviews of this review cycle.
}
export-scope-own = { $count ->
    [one] The file holds the 1 review you write in this review cycle.
   *[other] The file holds the { $count } reviews you write in this review cycle.
}
export-kind-legend = Which file?
export-kind-hint = A spreadsheet program (Excel, LibreOffice, Google Sheets) opens each of them.
export-kind-workbook = Workbook (.xlsx): results and goals
export-kind-workbook-hint = Two sheets: one row per review, and one row per goal.
export-kind-results_csv = Results (.csv)
export-kind-results_csv-hint = One row per review: the person, their manager, the step, the dates, every rating of each side, and how many strengths, weaknesses and goals were written.
export-kind-goals_csv = Goals (.csv)
export-kind-goals_csv-hint = One row per goal: the person, its title and details, the support needed, its status and due date.
export-private-label = Include the managers' private comments
export-private-hint = Private comments are for managers and HR only. Your name and the time are recorded in the audit log when you include them.
export-what-heading = What the file holds
export-note-visible = Each row shows only what you may read of that review: a self-assessment once it is submitted, a manager review as its manager and HR see it.
export-note-private-hr = Private comments are left out unless you include them above.
export-note-private-manager = Private comments are never in a manager's download.
export-note-formulas = A cell that could start a spreadsheet formula (=, +, -, @) begins with an apostrophe, so no program runs it.
export-note-audit = The download is recorded in the audit log.
export-button = Download
export-error-kind = Choose which file to download
export-error-draft = This review cycle has not been launched yet, so it has no results to download.
export-sheet-results = Results
export-sheet-goals = Goals
export-side-self = self
export-side-manager = manager
export-col-person = Name
export-col-email = Email
export-col-department = Department
export-col-job-title = Job title
export-col-manager = Manager
export-col-state = Step
export-col-self-submitted = Self-assessment submitted
export-col-shared = Manager review shared
export-col-acknowledged = Acknowledged
export-col-strengths-self = Strengths (self)
export-col-strengths-manager = Strengths (manager)
export-col-weaknesses-self = Weaknesses (self)
export-col-weaknesses-manager = Weaknesses (manager)
export-col-goals = Goals
export-col-private = Private comments
export-col-goal-kind = Goal kind
export-col-goal-title = Goal
export-col-goal-description = Details
export-col-goal-support = Support needed
export-col-goal-status = Goal status
export-col-goal-due = Due date
export-col-goal-author = Written by

# A cycle's progress (HR: the whole cycle; a manager: their organisation).
progress-title = Progress
progress-link = Progress by department and manager
progress-link-team = Progress of your organisation in “{ $name }”
progress-lead-everyone = { $count ->
    [one] 1 review takes part in this review cycle.
   *[other] { $count } reviews take part in this review cycle.
}
progress-lead-org = { $count ->
    [one] 1 review of the people in your organisation (everyone who reports to you, at every level) takes part in this review cycle. You see counts only, not anyone's review.
   *[other] { $count } reviews of the people in your organisation (everyone who reports to you, at every level) take part in this review cycle. You see counts only, not anyone's review.
}
progress-steps-heading = Each step
progress-col-step = Step
progress-col-done = Done
progress-col-late = Late
progress-col-people = Reviews
progress-col-bar = Progress bar
progress-col-self = Self-assessment submitted
progress-col-shared = Manager review shared
progress-col-ack = Acknowledged
progress-step-self = Self-assessment
progress-step-manager = Manager review
progress-step-ack = Acknowledgement
progress-done-of = { $done } of { $total } ({ $percent }%)
progress-remind-self = Remind the { $count } late with their self-assessment
progress-remind-manager = Remind the managers of the { $count } late manager reviews
progress-remind-ack = Remind the { $count } who have not yet acknowledged
progress-remind-hint = “Remind” emails an overdue notice to each person who must act now, at most once a day each, whatever is pressed.
progress-notice-reminded = { $count ->
    [0] Nobody was emailed: everyone late at that step was already reminded today.
    [one] 1 reminder was queued.
   *[other] { $count } reminders were queued.
}
progress-burn-heading = Work left, day by day
progress-burn-desc = From { $first } to { $last }: how many self-assessments, manager reviews and acknowledgements were still to do at the end of each day. The same numbers are in the table below the chart.
progress-burn-self = Self-assessments left
progress-burn-manager = Manager reviews left
progress-burn-ack = Acknowledgements left
progress-burn-table = The numbers, day by day
progress-departments-heading = By department
progress-managers-heading = By manager
progress-managers-search = Manager's name
progress-managers-page = Page { $page } · { $count } managers
progress-managers-none = No manager matches.
progress-none = (none)
progress-bar-legend = Each bar, from the left: acknowledged (darkest), shared, then submitted self-assessments (lightest); the rest has not been submitted. The most late come first.
progress-method = Departments are the people's departments today; managers are the managers recorded when the cycle was launched. Removed reviews are not counted. A review is late when it is still at a step whose due date has passed.
progress-error-draft = This review cycle has not been launched yet, so there is no progress to show.
progress-error-not-open = Reminders can be sent only while the review cycle is open.
progress-error-not-late = Nobody is late at that step: its due date has not passed.

# Fair ratings in a cycle (HR).
ratings-title = Fair ratings
ratings-link = Fair ratings: spreads and gaps
ratings-lead = { $count ->
    [one] 1 manager rating so far in this review cycle, drafts included.
   *[other] { $count } manager ratings so far in this review cycle, drafts included.
}
ratings-gap-heading = How people see themselves, and how their managers see them
ratings-gap-lead = For each competency, the average self-rating and the average manager rating over the reviews where both rated it (submitted self-assessments only). A difference is something to talk about, not a verdict on anyone.
ratings-gap-none = No competency has been rated by both sides yet.
ratings-gap-self_higher = people rate themselves higher than their managers do
ratings-gap-manager_higher = managers rate their people higher than they rate themselves
ratings-gap-same = the same on average
ratings-col-competency = Competency
ratings-col-self = Self (average)
ratings-col-manager = Manager (average)
ratings-col-gap = Difference
ratings-col-pairs = Reviews
ratings-col-group = Group
ratings-col-bar = Spread of ratings
ratings-col-mean = Average
ratings-col-reviews = Reviews rated
ratings-col-flag = Stands out
ratings-org-heading = The whole organisation
ratings-bar-legend = Columns 1 to 5 count the manager ratings of each value; each bar shows the same shares, from 1 (lightest) to 5 (darkest).
ratings-flagged = { $count ->
    [0] No manager's ratings stand out from the organisation's.
    [one] 1 manager's ratings stand out from the organisation's; they are listed first.
   *[other] { $count } managers' ratings stand out from the organisation's; they are listed first.
}
ratings-flag-lenient = More lenient
ratings-flag-severe = More severe
ratings-flag-flat = Flat
ratings-method-heading = How “stands out” is decided
ratings-method-what = Every manager rating given in this cycle counts, by the manager recorded when the cycle was launched; removed reviews do not.
ratings-method-min = A manager with fewer than { $count } rated reviews is never flagged: a small team's average says little.
ratings-method-lenient = More lenient or more severe: their average is at least { $points } points above or below the organisation's, and at least { $z } standard errors away from it, so chance alone rarely flags anyone.
ratings-method-flat = Flat: { $percent }% or more of their ratings are the same value, while the organisation's are more varied.
ratings-method-talk = A flag is a reason to look and talk, for example in calibration, not proof that anyone rated unfairly.

# Strengths and weaknesses over time (HR).
insights-title = Strengths and weaknesses over time
insights-link = Strengths and weaknesses over time
insights-lead = Which competencies people and their managers name as strengths and as weaknesses, in the most recent review cycles: the starting point for a training plan.
insights-all-departments = All departments
insights-none = No review cycle has been launched yet.
insights-none-named = No strength or weakness has been linked to a competency in these cycles.
insights-how = Each cell counts the strengths (or weaknesses) linked to that competency in a cycle, by the employee or the manager, and gives them as a share of the cycle's reviews. Self-assessments still in draft are not counted.
insights-strengths = Named as a strength
insights-weaknesses = Named as a weakness
insights-reviews = { $count ->
    [one] 1 review
   *[other] { $count } reviews
}
insights-support = Support and training asked for
insights-support-lead = The newest goals that ask for support or training, in these cycles.
insights-support-none = No goal in these cycles asks for support yet.
insights-link-team = Strengths and weaknesses in your team over time
insights-team = Team
insights-team-hint = Everyone below a manager in today's reporting lines, at any depth.
insights-all-teams = All teams
insights-team-lead = Team of { $name }: everyone below them in today's reporting lines, at any depth, counted in each cycle.
insights-own-lead = Your team: the reviews you write, in each cycle. The people further below you are in their own managers' pages, and in HR's.
insights-empty-group = No one in this group took part in these cycles. Choose another department or team, or all of them.
insights-support-lead-own = The newest goals that ask for support or training, in the reviews you write in these cycles.
progress-other = Smaller groups (under { $size } reviews each), together
cycles-notice-calibration-saved = Calibration settings saved.
cycles-error-calibration-order = The calibration date must stay between the manager review's due date and the acknowledgement's. Move it on the calibration settings page first.
export-col-final = final, after calibration
cycles-error-calibration-open = Reviews are waiting in calibration. Lock calibration first (it shares them with their employees), then close the review cycle.
cycles-close-in-calibration = { $count ->
    [one] 1 review is waiting in calibration: lock calibration first, which shares it, or the review cycle cannot close.
   *[other] { $count } reviews are waiting in calibration: lock calibration first, which shares them, or the review cycle cannot close.
}

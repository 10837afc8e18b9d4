# Reviews: self-assessment, manager review, acknowledgement.
review-self-title = Self-assessment
review-manager-title = Manager review for { $name }
review-my-review = My review
review-review-of = Review of { $name }
review-manager-is = Manager: { $name }
review-self-lead = Be honest: the strengths you record matter as much as the weaknesses. Due { $date }. Your draft is saved automatically and whenever you press Save draft.
review-manager-lead = { $name }'s answers from the self-assessment are shown with each question, above your own answer. Due { $date }.
review-read-only = This self-assessment has been submitted and can no longer be changed, unless HR reopens it.
review-reopened-because = Reopened by HR because:
review-no-job-description = No job description had been written when this cycle started.
review-baseline-hint = This is the job description as it was when the cycle started: the baseline this review measures against.
review-rating-1 = Far below expectations
review-rating-2 = Below expectations
review-rating-3 = Meets expectations
review-rating-4 = Above expectations
review-rating-5 = Far above expectations
review-not-rated = Not rated yet
review-evidence-label = Evidence or example
review-comment-label = Comment
review-employee-said = The employee's answer
review-manager-said = The manager's response
review-no-answer = No answer yet.
review-employee-listed = What the employee listed:
review-your-view = Your view
review-stance-none = No response yet
review-stance-agree = Agree
review-stance-adjust = Needs adjusting
review-stance-own = Own entry
review-stance-note = Note (optional)
review-none-listed = The employee has not listed anything here.
review-manager-adds = What you add:
review-competency-optional = Related competency (optional)
review-remove = Remove
review-new-strength = A new strength
review-new-weakness = A new weakness or area to grow
review-save-add-another = Save and add another
review-carried-goals = Goals from the last period
review-carried-goals-hint = Goals agreed before. Say how far you have come.
review-goal = Goal
review-goal-title = Goal
review-goal-kind = Kind
review-goal-kind-development = Development
review-goal-kind-improvement = Improvement
review-goal-description = Details: what will be done and how to measure it
review-goal-support = Support or training needed
review-goal-commitment = What we will do to support you
review-goal-commitment-manager = What we will do to support { $name }
review-goal-due = Due date
review-goal-progress = Progress
review-goal-status-proposed = Proposed
review-goal-status-agreed = Agreed
review-goal-status-in_progress = In progress
review-goal-status-done = Achieved
review-goal-status-dropped = Dropped
review-new-goal = A new goal
review-comments-heading = Your comments on this section
review-comment = Comment
review-new-comment = Add a comment
review-new-comment-hint = For example a response to an obstacle or a suggestion the employee raised. Private comments are read only by you and HR.
review-visibility = Who can read it
review-visibility-shared = Shared with the employee
review-visibility-private = Private (manager and HR)
review-visibility-unchosen = Not chosen yet
review-visibility-choose-hint = Choose one for every comment. Nothing is shared until you choose.
review-visibility-unchosen-hint = Choose who can read this comment. It is saved, but you cannot share the review until you choose.
review-error-visibility = Choose who can read this comment
review-check-unchosen-lead = Choose who can read these comments before { $name } can read the review:
review-check-unchosen-link = Your comment on “{ $section }”
review-check-readers-shared = { $name }, you and HR can read it once the review is shared.
review-check-readers-private = Only you and HR can read it. { $name } never sees it.
review-check-readers-unchosen = Only you and HR can read it for now. Choose before you share.
review-check-choose = Choose who can read it
review-continue = Continue: check your answers
review-save-draft = Save draft
review-saved-at = Saved at { $time }
review-notice-saved = Draft saved.
review-notice-restored = Your session had ended, but what you typed has been saved.
review-journal-heading = My journal as evidence
review-notes-heading = Your notes about this employee
review-journal-all = Your whole journal (older entries too)
review-journal-hint = Add an entry to an answer as evidence. The form is saved at the same time.
review-journal-empty = No journal entries yet. Note incidents, wins and customer feedback on the Journal page during the period.
review-notes-empty = No notes about this employee yet.
review-journal-kind-note = Note
review-journal-kind-incident = Incident
review-journal-kind-win = Win
review-journal-kind-customer_feedback = Customer feedback
review-use-as-evidence-for = Use as evidence for
review-use-as-evidence = Add as evidence
review-error-missing = Not answered yet
review-error-missing-list = Add at least one entry
review-error-missing-goal = Add at least one goal
review-error-rating = Choose a rating from 1 to 5
review-error-too-long = This text is too long (10,000 characters at most)
review-error-title-too-long = This title is too long (300 characters at most)
review-error-goal-date = The goal's due date is not a valid date
review-error-competency = Choose a competency from the list
review-error-goal-kind = Choose whether the goal is for development or improvement
review-error-conflict = This form was just saved elsewhere. Reload the page and try again.
review-error-not-now = This step cannot be taken now.
review-problems-title = Your draft was not saved yet
review-problems-lead = Fix the points below, then save again. What you typed is still here.
review-your-text = Your text
review-conflict-title = This form was changed elsewhere
review-conflict-lead = Since you opened this page, the form was saved from another tab or device. Nothing has been overwritten. Compare the two versions, adjust your text if needed, then choose.
review-conflict-theirs = The saved version
review-conflict-yours = Your version
review-conflict-keep-mine = Save my version
review-conflict-keep-theirs = Use the saved version
review-locked-title = This part was already sent on
review-locked-lead = It was submitted or shared (perhaps from another tab or device) after you opened this page, so it can no longer be changed and your last changes were not saved. What you typed is shown below beside what was sent, so you can copy anything you still need.
review-locked-kept = What was sent
review-locked-back = Back to the review
review-check-title = Check your answers
review-check-lead-self = Check everything before you submit. Once submitted, the self-assessment can no longer be changed.
review-check-lead-manager = Check everything before you share. Once shared, the employee can read it (except private comments) and it is locked.
review-check-missing-lead = Answer these required questions:
review-change = Change
review-submit-heading = Submit your self-assessment
review-submit-explain = Once submitted, { $name } will be told and will start the manager review.
review-submit-button = Submit self-assessment
review-share-heading = Share with the employee
review-share-explain = { $name } will be able to read this review and confirm they have read it.
review-share-button = Share with employee
review-done-submitted-title = Self-assessment submitted
review-done-submitted-body = { $name } has been told and will write the manager review by { $date }. You will be told when it is shared.
review-done-shared-title = Review shared
review-done-shared-body = { $person } can now read it and confirm they have read it.
review-done-acknowledged-title = Thank you, your acknowledgement is recorded
review-done-acknowledged-body = Your manager can read your response.
review-done-published-title = Summary saved
review-done-published-body = Your team sees this summary on their home page while it is published.
review-step-self = Self-assessment
review-step-manager = Manager review
review-step-ack = Read and acknowledge
review-due = Due { $date }
review-status-to-do = To do
review-status-in-progress = In progress
review-status-submitted = Submitted
review-status-waiting = Waiting
review-status-shared = Shared
review-status-done = Done
review-status-not-yet = Not yet
review-status-unfinished = Unfinished
review-status-removed = Removed
review-next-self = Fill in your self-assessment
review-next-manager = Write the manager review
review-waiting-manager = Your self-assessment has been submitted. { $name } writes the manager review by { $date }.
review-compare-heading = Self-assessment and manager review
review-legend-self = Self-rating
review-legend-manager = Manager's rating
review-reading-heading = The review, part by part
review-ack-jump = Read it through, then acknowledge at the end of the page
review-summary-heading-employee = Your manager's summary
review-summary-heading = Manager's summary
review-summary-by = Written by { $name }
review-summary-empty = Not written yet.
review-chart-heading = Both ratings at a glance
review-chart-title = Self-rating and manager's rating for each part, on a scale of 1 to 5
review-chart-caption = Each row is one rating on the scale from 1 (far below expectations) to 5 (far above expectations). The circle is the self-rating, the square the manager's rating, and the shading shows how far apart they are.
review-chart-line = { $label }: self-rating { $own }, manager's rating { $manager }.
review-chart-legend-gap = Distance between the two
review-gap-explain-employee = A difference is not a mark against you. It shows where you and your manager see things differently, so you know what to talk about.
review-gap-explain-manager = A difference is a starting point for your conversation with { $person }, not a verdict. Ask what they saw that you did not, and share what you saw.
review-gap-explain-hr = A difference shows where { $person } and { $manager } see things differently: a topic for their conversation, not a verdict.
review-gap-employee-self-higher = You see this { $n ->
    [one] 1 point
   *[other] { $n } points
 } higher than your manager does
review-gap-employee-manager-higher = Your manager sees this { $n ->
    [one] 1 point
   *[other] { $n } points
 } higher than you do
review-gap-employee-same = You and your manager see this the same way
review-gap-manager-self-higher = { $person } sees this { $n ->
    [one] 1 point
   *[other] { $n } points
 } higher than you do
review-gap-manager-manager-higher = You see this { $n ->
    [one] 1 point
   *[other] { $n } points
 } higher than { $person } does
review-gap-manager-same = You and { $person } see this the same way
review-gap-hr-self-higher = { $person } sees this { $n ->
    [one] 1 point
   *[other] { $n } points
 } higher than { $manager } does
review-gap-hr-manager-higher = { $manager } sees this { $n ->
    [one] 1 point
   *[other] { $n } points
 } higher than { $person } does
review-gap-hr-same = { $person } and { $manager } see this the same way
review-wrote-you = What you wrote
review-wrote-name = What { $name } wrote
review-no-evidence = Nothing written.
review-linked-strength = Strength
review-linked-weakness = Weakness
review-manager-view = Manager's view
review-agreed-goals = Agreed goals
review-ack-heading = Acknowledge you have read it
review-ack-meaning = Acknowledging means "I have read this review", not that you agree with all of it. Write a response if there is something you want to say.
review-response-optional = Your response (optional)
review-response-hint = Your manager will read this response.
review-ack-button = I have read this review
review-acknowledged-on = Acknowledged as read on { $date }.
review-response = Response
review-team-summary-heading = Share your self-evaluation with your team
review-team-summary-lead = Show your team how you rate yourself and your goals for improvement. This summary appears on your team members' home page.
review-team-summary-label = Summary for the team
review-team-summary-publish = Publish to my team
review-team-summary-withdraw = Withdraw
review-team-summary-published = Published { $date }

# Long forms: the list of sections, progress, and marking what is optional.
review-optional = optional
review-optional-rule-self = Answer every question before you submit, unless it is marked (optional). You can save an unfinished form as a draft at any time.
review-optional-rule-manager = Answer every question before you share the review with the employee, unless it is marked (optional). You can save an unfinished form as a draft at any time.
review-sections-heading = Sections of this form
review-progress = { $done } of { $total } sections done
review-section-done = Done
review-section-in_progress = Not finished
review-section-not_started = Not started
review-section-optional = Optional
review-entry-strength = Strength { $n }
review-entry-weakness = Weakness { $n }
review-new-strength-hint = One strength per box. To add another, press “Save and add another”.
review-new-weakness-hint = One weakness per box. To add another, press “Save and add another”.
review-new-goal-hint = One goal per entry. To add another, press “Save and add another”.

# Printing a review (the button opens the browser's print dialog).
review-print = Print this review
review-printed-on = Printed from Cermin on { $date }

# Email. Terms follow GLOSSARY.md. Keys ending in -self, -manager or -ack are
# picked by the phase (or side) the mail engine passes; mail-date-<column> by
# the name of the cycle's date column.

## Mail frame
mail-greeting = Hello { $name },
mail-footer-reason = You receive this email because you have an account at Cermin.
mail-footer-prefs = You can choose the language of these emails, or get one daily digest instead, in your email settings.
mail-footer-prefs-link = Open email settings
mail-link-fallback = If the button does not work, copy this address into your browser:

## Cycle dates
mail-date-opens_on = Opens
mail-date-self_due_on = Self-assessment due
mail-date-manager_due_on = Manager review due
mail-date-ack_due_on = Acknowledgement due
mail-date-closes_on = Closes

## Buttons used by several mails
mail-button-self = Open my self-assessment
mail-button-manager = Open my team's reviews
mail-button-ack = Read my review
mail-button-team = See my team
mail-button-home = Open Cermin
mail-ack-meaning = Confirming means “I have read it”. It does not mean you agree with everything.

## Account invitation
mail-account_invitation-subject = Your Cermin account is ready: choose a password
mail-account_invitation-title = Welcome to Cermin
mail-account_invitation-lead = An account has been made for you at Cermin. In Cermin you fill in your self-assessment and read the feedback from your manager.
mail-account_invitation-action = Choose a password to sign in for the first time. You sign in with your email address, { $email }.
mail-account_invitation-button = Choose a password
mail-account_invitation-valid = The link works for { $days ->
        [one] 1 day
       *[other] { $days } days
    }, and only once. If it no longer works, ask HR for a new one.

## Password reset
mail-password_reset-subject = Choose a new password for Cermin
mail-password_reset-title = Choose a new password
mail-password_reset-lead = A new password was requested for your Cermin account. Use the link below to choose one.
mail-password_reset-button = Choose a new password
mail-password_reset-valid = The link works for { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }, and only once.
mail-password_reset-ignore = If you did not ask for this, ignore this email. Your password stays the same.

## Sign-in link
mail-sign_in_link-subject = Finish signing in to Cermin
mail-sign_in_link-title = Finish signing in
mail-sign_in_link-lead = Someone signed in to your Cermin account with the right password, from a browser Cermin does not know, after several wrong attempts. If that was you, use the link below on that browser to finish signing in.
mail-sign_in_link-button = Finish signing in
mail-sign_in_link-ignore = If that was not you, do not open the link, and change your password from your profile: someone knows it.

## Review cycle invitation
mail-cycle_invitation-subject-self = Invitation: please fill in your self-assessment by { $date } – { $cycle }
mail-cycle_invitation-subject-manager = Invitation: your team's manager reviews are due { $date } – { $cycle }
mail-cycle_invitation-title = Invitation to “{ $cycle }”
mail-cycle_invitation-lead = HR has launched the review cycle “{ $cycle }”. It runs from { $from } to { $to }.
mail-cycle_invitation-self-heading = Your self-assessment
mail-cycle_invitation-self-what = A self-assessment is an honest look at your own work. You write down how you meet your job description, your strengths and weaknesses, the obstacles in your way, and your goals. Your strengths count as much as your weaknesses.
mail-cycle_invitation-self-then = Your manager then adds feedback beside your answers. When the review is shared with you, you read it and confirm you have read it.
mail-cycle_invitation-self-button = Start my self-assessment
mail-cycle_invitation-manager-heading = Your team
mail-cycle_invitation-manager-lead = You write the manager review for these people once they have submitted their self-assessment:
mail-cycle_invitation-calendar = The attached calendar file (.ics) holds these due dates. Open it to add them to your calendar.

## Reminder
mail-reminder-subject-self = Reminder: your self-assessment is due { $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    } – { $cycle }
mail-reminder-subject-manager = Reminder: your manager reviews are due { $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    } – { $cycle }
mail-reminder-subject-ack = Reminder: please read your review and confirm { $days ->
        [0] today
        [1] by tomorrow
       *[other] within { $days } days
    } – { $cycle }
mail-reminder-title-self = Reminder: your self-assessment
mail-reminder-title-manager = Reminder: your team's manager reviews
mail-reminder-title-ack = Reminder: read your review
mail-reminder-lead-self = Please finish your self-assessment for “{ $cycle }” by { $date } ({ $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    }).
mail-reminder-lead-manager = Please review your team's self-assessments for “{ $cycle }” and share your manager reviews by { $date } ({ $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    }).
mail-reminder-lead-ack = Your manager has shared your review for “{ $cycle }”. Please read it and confirm you have read it by { $date } ({ $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    }).
mail-reminder-reports = These self-assessments are waiting for your manager review:
mail-reminder-draft = You can save a draft and continue later.

## Overdue (to the person concerned)
mail-overdue-subject-self = Your self-assessment can still be submitted (due { $date }) – { $cycle }
mail-overdue-subject-manager = Your manager reviews can still be shared (due { $date }) – { $cycle }
mail-overdue-subject-ack = Your review is still waiting for you to read it (due { $date }) – { $cycle }
mail-overdue-title-self = Your self-assessment is still open
mail-overdue-title-manager = Your team's manager reviews are still open
mail-overdue-title-ack = Your review is waiting for you
mail-overdue-lead-self = Your self-assessment for “{ $cycle }” was due on { $date }, { $days ->
        [1] yesterday
       *[other] { $days } days ago
    }. It is still open, and you can submit it now.
mail-overdue-lead-manager = The manager reviews for “{ $cycle }” were due on { $date }, { $days ->
        [1] yesterday
       *[other] { $days } days ago
    }. They are still open, and you can share them now.
mail-overdue-lead-ack = You were asked to read your review for “{ $cycle }” and confirm by { $date }, { $days ->
        [1] yesterday
       *[other] { $days } days ago
    }. You can still read it and confirm now.
mail-overdue-reports = These people are still waiting for your manager review:
mail-overdue-help = If something is in the way, talk to your manager or HR.

## Overdue in a team (to the manager)
mail-overdue_manager-subject-self = { $count ->
        [one] 1 person in your team has
       *[other] { $count } people in your team have
    } not yet submitted their self-assessment – { $cycle }
mail-overdue_manager-subject-manager = { $count ->
        [one] 1 manager in your team has
       *[other] { $count } managers in your team have
    } not yet shared their manager reviews – { $cycle }
mail-overdue_manager-subject-ack = { $count ->
        [one] 1 person in your team has
       *[other] { $count } people in your team have
    } not yet confirmed reading their review – { $cycle }
mail-overdue_manager-title = Overdue in your team
mail-overdue_manager-lead-self = Self-assessments for “{ $cycle }” were due on { $date }, { $days ->
        [1] yesterday
       *[other] { $days } days ago
    }. These people in your team have not yet submitted theirs:
mail-overdue_manager-lead-manager = Manager reviews for “{ $cycle }” were due on { $date }, { $days ->
        [1] yesterday
       *[other] { $days } days ago
    }. These managers who report to you have not yet shared theirs:
mail-overdue_manager-lead-ack = Reviews for “{ $cycle }” were to be read and confirmed by { $date }, { $days ->
        [1] yesterday
       *[other] { $days } days ago
    }. These people in your team have not yet confirmed they have read theirs:
mail-overdue_manager-tip = Their reviews are still open. A short, friendly word from you often helps: ask whether something is in their way.

## Overdue summary (to HR)
mail-hr_overdue_summary-subject-self = { $count ->
        [one] 1 self-assessment
       *[other] { $count } self-assessments
    } overdue – { $cycle }
mail-hr_overdue_summary-subject-manager = { $count ->
        [one] 1 manager review
       *[other] { $count } manager reviews
    } overdue – { $cycle }
mail-hr_overdue_summary-subject-ack = { $count ->
        [one] 1 acknowledgement
       *[other] { $count } acknowledgements
    } overdue – { $cycle }
mail-hr_overdue_summary-title = Overdue in “{ $cycle }”
mail-hr_overdue_summary-lead-self = { $count ->
        [one] 1 self-assessment has
       *[other] { $count } self-assessments have
    } not been submitted yet. The due date was { $date }.
mail-hr_overdue_summary-lead-manager = { $count ->
        [one] 1 manager review has
       *[other] { $count } manager reviews have
    } not been shared yet. The due date was { $date }.
mail-hr_overdue_summary-lead-ack = { $count ->
        [one] 1 person has
       *[other] { $count } people have
    } not yet confirmed they have read their review. The due date was { $date }.
mail-hr_overdue_summary-col-name = Employee
mail-hr_overdue_summary-col-department = Department
mail-hr_overdue_summary-col-manager = Manager
mail-hr_overdue_summary-manager-is = manager: { $name }
mail-hr_overdue_summary-more = This list shows { $shown } of them. The cycle page lists everyone.
mail-hr_overdue_summary-button = Open the review cycle

## Self-assessment submitted (to the manager)
mail-self_submitted-subject = { $name } submitted their self-assessment – your manager review is due { $date }
mail-self_submitted-title = { $name } submitted their self-assessment
mail-self_submitted-lead = { $name } has submitted their self-assessment for “{ $cycle }”. Now it is your turn: write your manager review beside their answers, and share it by { $date }.
mail-self_submitted-tip = Name their strengths as clearly as the areas where they can grow.
mail-self_submitted-button = Write the manager review

## Review shared (to the employee)
mail-review_shared-subject = { $name } shared your manager review – please read it by { $date }
mail-review_shared-title = Your review is ready to read
mail-review_shared-lead = { $name } has shared your manager review for “{ $cycle }”. You can read it beside your own self-assessment.
mail-review_shared-due = Please read it, then confirm you have read it by { $date }.
mail-review_shared-meaning = Confirming means “I have read it”. It does not mean you agree with everything. If you want to say something about it, add a response; { $name } will read it.

## Acknowledged with a response (to the manager)
mail-acknowledged-subject = { $name } has read their review and added a response – { $cycle }
mail-acknowledged-title = { $name } added a response
mail-acknowledged-lead = { $name } has confirmed they have read their review for “{ $cycle }”, and added a response for you.
mail-acknowledged-read = You can read the response in Cermin.
mail-acknowledged-button = Read the response

## Reopened
mail-reopened-subject-self = Your self-assessment is open again – please submit it by { $date }
mail-reopened-subject-manager = Your manager review of { $name } is open again – please share it by { $date }
mail-reopened-title-self = Your self-assessment is open again
mail-reopened-title-manager = Your manager review of { $name } is open again
mail-reopened-lead-self = HR has reopened your self-assessment for “{ $cycle }”. You can change it, then submit it again.
mail-reopened-lead-manager = HR has reopened your manager review of { $name } for “{ $cycle }”. You can change it, then share it again.
mail-reopened-due-self = Please submit it by { $date }.
mail-reopened-due-manager = Please share it by { $date }.
mail-reopened-reason = HR's reason:
mail-reopened-button-self = Open my self-assessment
mail-reopened-button-manager = Open the manager review

## Review cycle closed
mail-cycle_closed-subject = “{ $cycle }” is closed – thank you
mail-cycle_closed-title = “{ $cycle }” is closed
mail-cycle_closed-lead = The review cycle “{ $cycle }” is now closed. Thank you for your time and your honesty.
mail-cycle_closed-history = Nothing in it can be changed any more, but your reviews stay readable in your history.
mail-cycle_closed-button = Open my history
mail-cycle_closed-calendar = The attached calendar file removes the due dates you had not reached from your calendar.

## Dates moved
mail-dates_moved-subject = The dates of “{ $cycle }” have changed
mail-dates_moved-title = The dates of “{ $cycle }” have changed
mail-dates_moved-lead = HR has moved dates in the review cycle “{ $cycle }”. These dates changed:
mail-dates_moved-lead-all = HR has updated the schedule of the review cycle “{ $cycle }”. These are its dates now:
mail-dates_moved-change = { $new } (was { $old })
mail-dates_moved-calendar = The attached calendar file updates these dates in your calendar. Open it to apply the change.

## Taken out of a review cycle
mail-participation_cancelled-subject = You no longer take part in “{ $cycle }”
mail-participation_cancelled-title = You no longer take part in “{ $cycle }”
mail-participation_cancelled-lead = HR has taken you out of the review cycle “{ $cycle }”. You do not need to do anything for it.
mail-participation_cancelled-calendar = The attached calendar file removes its due dates from your calendar.
mail-participation_cancelled-question = If you think this is a mistake, talk to HR.

## Daily digest
mail-digest-subject = Today in Cermin: { $count ->
        [one] 1 update
       *[other] { $count } updates
    }
mail-digest-title = Today in Cermin
mail-digest-lead = Your daily digest for { $date }: { $count ->
        [one] 1 update
       *[other] { $count } updates
    }.

## Test mail
mail-test-subject = Test email from Cermin
mail-test-title = This is a test email
mail-test-lead = This email was sent to test Cermin. If you can read it, Cermin can send email.
mail-test-sent-at = Sent at
mail-test-transport = Sent through
mail-test-nothing = You do not need to do anything.

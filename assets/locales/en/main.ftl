# Cermin — English. Terms follow GLOSSARY.md.

## Page frame
skip-to-content = Skip to main content
nav-label = Main menu
nav-home = Home
nav-people = People
nav-audit = Audit log
nav-journal = Journal
nav-history = History
nav-team = My team
nav-cycles = Review cycles
nav-templates = Form templates
nav-me = My profile
sign-out = Sign out
language-label = Language
footer-source = Source code (AGPL)
footer-licence = Free software (AGPL).
footer-text = Cermin — employee self-assessment and feedback.
back = Back
table-scroll-label = Table (scrolls sideways)
warning = Warning
cancel = Cancel
save = Save
no-manager = No manager
pagination-label = Pages
pagination-prev = Previous
pagination-next = Next
pagination-page-only = Page { $page }

## Months
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## Roles and status
role-hr = HR
role-manager = Manager
role-employee = Employee
status-active = Active
status-inactive = Inactive
status-invited = Invited

## Fields
field-name = Full name
field-email = Email address
field-password = Password
field-new-password = New password
field-password-confirm = Repeat the new password
field-current-password = Current password
field-job-title = Job title
field-department = Department
field-manager = Manager
field-role = Role
field-language = Language
field-job-description = Job description
job-description-hint = The baseline expectations for this position: main duties and their standards. Reviews are measured against it.
password-hint = At least { $min } characters. A short sentence you can remember is safer than a complicated word.

## Errors
error-prefix = Error:
error-summary-title = There is a problem
error-go-home = Go to the home page
error-not-found-title = Page not found
error-not-found-body = This address does not exist, or it has moved. Check the address, or start again from the home page.
error-forbidden-title = You do not have access to this page
error-forbidden-body = This page belongs to someone else or is for HR only. If you think this is wrong, contact HR.
error-csrf-title = This form has expired
error-csrf-body = For your security, a form can only be sent from a Cermin page you have just opened. Go back, reload the page and try again.
error-conflict-title = Something else changed first
error-bad-request-title = The request could not be processed
error-bad-request-body = What was sent was incomplete or too large. Go back and try again.
error-unavailable-title = Cermin is busy
error-unavailable-body = The database is not answering right now. Wait a moment and try again; nothing has been lost.
error-reference = If you tell someone about this, quote the reference { $id }.
error-too-large-title = This is too large to send
error-too-large-body = What was sent is larger than Cermin accepts (a form up to 2 MB, a CSV file up to 5 MB). Nothing was saved. Go back, shorten it and try again.
error-refused-title = This could not be saved
error-text-control = The field “{ $field }” holds invisible control characters (such as a null character) that Cermin does not store. Nothing was saved. Go back, remove them (retyping the text removes them) and try again.
error-text-ceiling = The field “{ $field }” is far longer than Cermin accepts (at most 10,000 characters in the longest fields). Nothing was saved. Go back, shorten it and try again.
error-text-not-text = The field “{ $field }” holds bytes that are not text. Nothing was saved. Go back and type the text again.
error-not-saved-title = Cermin could not save this
error-not-saved-body = The database could not take the change just now (it may be full or restarting). Nothing was saved, and nothing saved before was lost. Go back and try again in a few minutes; if it keeps happening, tell whoever runs Cermin.
character-count = { $n } of { $max } characters
field-label-name = Name
field-label-date = Date
field-label-kind = Kind
field-label-template = Form template
field-label-reminders = Reminders
field-label-participants = Who takes part
field-label-csv = CSV text
field-label-rating = Rating
field-label-search = Search
field-label-summary = Team summary
field-label-response = Response
field-label-reason = Reason
field-label-entry = Entry
field-label-answer = Answer
field-label-reply = Reply
field-label-trait = Strength or weakness
field-label-goal = Goal
field-label-comment = Comment
field-label-title = Title
field-label-description = Description
field-label-question = Question
field-label-private-comments = Private comments
field-label-step = Step
field-label-format = Format
field-label-other = One of the fields
error-unexpected-title = Sorry, something went wrong
error-unexpected-body = The problem has been logged. Try again in a moment; if it keeps happening, tell HR.
error-email-missing = Enter an email address
error-password-missing = Enter your password
error-email-invalid = Enter a valid email address, like name@company.com
error-email-taken = Someone already has this email address
error-name-missing = Enter a full name
error-name-too-long = A name can be at most 120 characters
error-text-too-long = This text is too long
error-role-invalid = Choose a role: employee, manager or HR
error-role-own = You cannot change your own role
error-lang-invalid = Choose a language: id or en
error-manager-unknown = The chosen manager does not exist or is inactive
error-manager-cycle = This manager reports (directly or not) to this person, which would make a loop
error-deactivate-self = You cannot deactivate your own account. Ask another HR colleague to do it.
error-password-too-short = A password must be at least 10 characters
error-password-too-long = A password can be at most 200 characters
error-password-mismatch = The two passwords are not the same
error-password-current = The current password is wrong

## Sign in
sign-in-title = Sign in
sign-in-button = Sign in
sign-in-help = No account yet? Ask HR for an invitation.
sign-in-failed = Email or password is wrong
sign-in-check-email = One more step: this browser is new to this account, and there have been many failed sign-ins. If the email address and password you entered are right, we have emailed a link to that address. Open it within 15 minutes: the browser that opens it is signed in, and Cermin recognises it from then on.
sign-in-link-title = Finish signing in
sign-in-link-lead = Press the button to finish signing in on this browser. Cermin will recognise this browser from now on.
sign-in-link-button = Finish signing in
sign-in-signed-out = You have signed out.
sign-in-session-ended = Your session ended because it was inactive for too long. Please sign in again.

## First run
setup-title = Create the first HR account
setup-lead = Cermin has no HR administrator yet. This account can add people and schedule review cycles.
setup-button = Create the account and sign in

## Invitation
invitation-title = Welcome to Cermin
invitation-lead = Hello { $name }, choose a password to start using Cermin.
invitation-button = Save the password and sign in
link-expired-title = This link no longer works
link-expired-body = The link has been used or has expired. Ask HR for a new one.

## Home
home-title = Home
home-greeting = Hello, { $name }
home-welcome = Password saved. Welcome to Cermin!
home-hr-heading = HR overview
home-people-count = { $count ->
    [one] active person
   *[other] active people
}
home-people-link = Manage people
home-invited-count = have not set a password yet
home-import-link = Import people from CSV
home-me-heading = About me
home-no-job-description = Your job description has not been filled in yet. Ask HR to complete it: your review is measured against it.
home-profile-link = See my profile
home-reports-heading = My team ({ $count })

## My profile
me-title = My profile
me-job-description-hint = HR fills in the job description. If something is not right, tell your manager or HR.
me-language-legend = Language for pages and emails
me-change-password = Change password
password-title = Change password
password-lead = After the change you will be signed out on every other device.
password-button = Change password
notice-password-changed = Password changed. Sessions on other devices have been ended.
notice-language-changed = Language saved.

## People (HR)
people-title = People
people-add = Add a person
people-add-another = Add another person
people-import = Import from CSV
people-search = Search name, email or job title
people-all = All
people-include-inactive = Also show inactive people
people-filter = Apply
people-reports-of = The reports of { $name }.
people-show-everyone = Show everyone
people-status = Status
people-empty = Nobody matches. Change the search, or add a person.
people-new-title = Add a person
people-edit-title = Edit details
person-no-job-description = No job description yet. Without it, a review has no clear baseline of expectations.
person-reports-in-list = Their reports in the people list
person-reports = Reports to this person ({ $count })
person-actions = Actions
person-new-invitation = Make a new invitation link
person-reset-link = Make a password reset link
person-deactivate = Deactivate
person-reactivate = Reactivate
person-deactivate-hint = Deactivating keeps all history; the person just cannot sign in any more.
person-history-link = Review history
person-notes-link = Manager's notes about this person
person-history = Change history
person-added = { $name } has been added
notice-person-saved = Changes saved.
notice-person-deactivated = This person has been deactivated and signed out everywhere.
notice-person-reactivated = This person is active again.
invitation-link-title = Invitation link
invitation-link-lead = Cermin has emailed this link to { $name } ({ $email }). With it they choose their own password; it works for { $days } days, once. If the email does not arrive, you can pass the link on yourself.
invitation-link-label = Invitation link
invitation-link-warning = Whoever holds this link can sign in as this person. Send it to them only.
invitation-view-person = See this person
password-link-reset-title = Password reset link
password-link-reset-lead = Cermin has emailed { $name } ({ $email }) a link to choose a new password. Their current password keeps working until they do. The link works for { $minutes } minutes, once. If the email does not arrive, you can pass the link on yourself.
password-link-reset-label = Password reset link
password-link-gone = The link was emailed to { $name } ({ $email }). It is shown here only for a short while after it was made; to pass one on yourself, make a new one on the person's page (the one emailed before then stops working).

## CSV import
import-title = Import people from CSV
import-lead = Upload a CSV file. You will first see what will be created, changed and rejected, before anything is saved.
import-columns = Columns: email, name, department, job_title, manager_email, role, language, and job_description (optional). Indonesian column names are accepted too (nama, departemen, jabatan, email_atasan, peran, bahasa, uraian_pekerjaan).
import-rule-required = Email and name are required. A manager must already be in Cermin or in the same file.
import-rule-values = Role: employee, manager or hr. Language: id or en. Comma or semicolon separated.
import-rule-repeat = Importing the same file twice changes nothing. A column missing from the file leaves that data alone; an empty cell in a column that is there clears it, except job_description, role and language, which are kept when empty.
import-file-label = CSV file
import-paste-summary = Or paste the CSV text
import-paste-label = CSV text
import-preview-button = Preview
import-preview-title = Import preview
import-preview-lead = Nothing has been saved yet. Check each row, then import.
import-will-create = Will be created
import-will-change = Will be changed
import-unchanged = Unchanged
import-rejected = Rejected
import-line = Line
import-result = Result
import-outcome-create = New
import-outcome-change = Changed
import-outcome-unchanged = Same
import-outcome-reject = Rejected
import-field-name = name
import-field-department = department
import-field-job-title = job title
import-field-job-description = job description
import-field-role = role
import-field-language = language
import-field-manager-email = manager
import-rejects-skipped = { $count ->
    [one] 1 row is rejected and will be skipped.
   *[other] { $count } rows are rejected and will be skipped.
}
import-apply-button = Import { $count } rows
import-nothing-to-do = Nothing to import: every row already matches Cermin or is rejected.
import-done-title = Import complete
import-created = Created
import-changed = Changed
import-links-heading = Invitation links
import-links-lead = Send each person their link. Each works for 14 days, once.
import-example-label = Example CSV file
import-error-empty = The file is empty. Choose a CSV file with a header row and at least one person.
import-error-too-large = The file is too large: at most 5 MB per import. Split it into smaller files and import them one after another.
import-error-unclosed-quote = Line { $line }: a value starts with a quote (") that is never closed, so the rest of the file would be read as one value. Close the quote or remove it.
import-error-control = Line { $line } holds invisible control characters (such as a null character). Remove them and try again.
import-error-encoding = The file is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8". (The first problem is on line { $line }.)
import-error-missing-column = The header row has no { $column } column.
import-error-too-many-rows = The file is too large: at most 20,000 rows per import.
import-error-unreadable = Line { $line } cannot be read as CSV. Check its quotes and separators.
import-reason-duplicate = This email appears more than once in the file
import-reason-manager-invalid = The manager's email is not valid
import-reason-manager-self = A person cannot be their own manager
import-reason-manager-unknown = The manager is neither in Cermin nor in this file
import-reason-manager-cycle = The managers in this file form a loop
import-reason-inactive = This person is inactive; reactivate them on the people page first

## Audit log
audit-title = Audit log
audit-lead = Every change to the data is recorded here: who, what and when.
audit-order = Newest first, 100 records a page.
audit-empty = No records here.
audit-newest = Newest
audit-newer = Newer
audit-older = Older
audit-when = When
audit-who = By
audit-action = Action
audit-subject = Subject
audit-details = Details

## Home: reviews
home-todo-heading = Your to-do list
home-task-next = Next
home-task-self = Fill in your self-assessment
home-task-ack = Read your review and confirm you have read it
home-task-manager = Write { $name }'s manager review
home-my-review = My review: { $cycle }
home-notice-dismiss = Dismiss
home-notifications = New notifications
home-notice-self_submitted = { $name } submitted their self-assessment
home-notice-review_shared = { $name } shared your manager review
home-notice-acknowledged = { $name } acknowledged reading their review
home-notice-reopened = A review was reopened for you by { $name }
home-overdue = Overdue
home-see-review = See the review
home-manager-summary = Your manager's self-evaluation, { $name }

# Email and forgotten passwords
nav-mail = Email
sign-in-forgot = Forgot your password?
reset-title = Choose a new password
reset-lead = Hello { $name }, choose a new password. Once it is saved, you are signed out on every other device.
reset-button = Save the new password and sign in
forgot-title = Forgotten password
forgot-lead = Enter your work email address. We will send you a link to choose a new password.
forgot-button = Send the link
forgot-sent-title = Check your email
forgot-sent-body = If { $email } belongs to an account in Cermin, a link to choose a new password is on its way there. The link works for { $minutes } minutes, once.
forgot-sent-help = Nothing after a few minutes? Look in your spam folder, or ask HR for a new link.
home-password-reset = Your new password is saved and you are signed in again.
notice-email-changed = Email choice saved.
me-email-heading = Email
me-email-legend = How often Cermin emails you
me-email-hint = Invitations, date changes and account links always arrive at once.
me-email-each = One email for each event
me-email-daily = One summary each day
home-mail-failed = { $count ->
    [one] 1 email could not be delivered.
   *[other] { $count } emails could not be delivered.
}
home-mail-failed-link = See why and send again

# The header's menu: HR's pages grouped under one button on wide screens,
# every link behind one Menu button on phones.
nav-hr-group = HR
nav-menu = Menu

# Your data: a copy of everything Cermin holds about a person that they may see.
own-data-title = Download your data
own-data-title-of = Download the data of { $name }
own-data-link = Download your data
own-data-link-hr = Download this person's data (on their request)
own-data-lead = A copy of everything Cermin holds about you that you may see, to keep or to take elsewhere. Indonesia's personal data protection law (UU PDP) gives you the right to it.
own-data-lead-hr = A copy of everything Cermin holds about { $name } that they may see themselves, for when they ask HR for it: what they would get from their own download, except their own journal, which is theirs alone (their own download has it).
own-data-holds-heading = What the copy holds
own-data-holds-profile = The profile: name, email, role, department, job title and job description, manager, language.
own-data-holds-reviews = Every review: the self-assessment, the manager review once it was shared, shared comments, strengths and weaknesses, and the acknowledgement.
own-data-holds-goals = Goals, with their status and the support asked for.
own-data-holds-journal = The journal, and the notes written as a manager about others.
own-data-holds-emails = The emails Cermin sent, with their text while it is kept.
own-data-not-heading = What it does not hold
own-data-not-private = Managers' private comments and their notes about you: they are for managers and HR.
own-data-not-links = The text of emails that carried a sign-in or password link, so a copy never holds a working link.
own-data-not-others = Other people's reviews, including the manager reviews written about your reports.
own-data-format-legend = Which format?
own-data-format-html = A page to read (.html)
own-data-format-html-hint = Opens in any web browser, and prints well.
own-data-format-json = Data for a program (.json)
own-data-format-json-hint = For moving the data to another system.
own-data-format-zip = Both, in one file (.zip)
own-data-format-zip-hint = The page to read and the data for a program, together.
own-data-reason = Why, and who asked
own-data-reason-hint = For example: “Ayu asked by email on 30 November”. The audit log keeps it.
own-data-audit = The download is recorded in the audit log.
own-data-error-format = Choose a format
own-data-error-reason = Say why you download this person's data, and who asked
own-data-file-title = Data of { $name } in Cermin
own-data-file-made = Made on { $date }
own-data-section-profile = Profile
own-data-section-reviews = Reviews
own-data-section-goals = Goals
own-data-section-journal = Journal and notes written
own-data-section-emails = Emails
own-data-who = Written by
own-data-strength = Strength
own-data-weakness = Weakness
own-data-note-about = a note about { $name }
own-data-no-text = The text of this email is not in the copy.
own-data-section-title = Your data
own-data-section-lead = Download a copy of everything Cermin holds about you that you may see.
erase-link = Erase this person's data
erase-title = Erase the data of { $name }?
erase-cannot-undo = This cannot be undone. Do it when the person has left and asked to be erased, or when the time you keep data for has passed.
erase-removed-heading = What is removed
erase-removed-name = Their name, email address, job title and job description: the name becomes “Dihapus / Erased” with a short code.
erase-removed-texts = Every text in their reviews: their answers, their manager's comments and answers about them, strengths and weaknesses, goals, their acknowledgement.
erase-removed-journal = Their journal, and every manager's note about them.
erase-removed-email = The text and address of every email sent to them; emails still waiting are not sent.
erase-kept-heading = What is kept
erase-kept-ratings = Their department, their place in the reporting lines, and their reviews' steps, dates and ratings, so that the numbers of past cycles stay right.
erase-kept-others = What they wrote in other people's reviews as a manager: it belongs to those people's records.
erase-kept-audit = The audit log, which records that the data was erased, by whom and why.
erase-copy-first = If they asked for a copy, download it first:
erase-reason = Why, and who asked
erase-reason-hint = For example: “Left in March 2026; asked by email to be erased”. The audit log keeps it.
erase-button = Erase the data of { $name }
erase-error-active = This person is still active. Deactivate them first.
erase-error-reason = Say why you erase this person's data
notice-person-erased = The person's data has been erased.
home-notice-rating_adjusted = { $name } adjusted a final rating in calibration
home-notice-calibration_locked = { $name } locked calibration: your review was shared with the employee
field-label-calibration-setting = Calibration setting
# Stands for the person reviewed where a question names them ({name}) and no one person is meant: a column of a list or a download.
the-person-reviewed = the employee

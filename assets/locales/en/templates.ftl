# Form templates and the competency library (HR). Terms follow GLOSSARY.md.

## Template list
templates-title = Form templates
templates-lead = The questions of a review: sections, questions for the self-assessment and the manager review, and competencies to rate. A review cycle uses one template.
templates-field-name = Name
templates-version = Version
templates-version-n = Version { $version }
templates-status = Status
templates-updated = Last changed
templates-tag-default = Default
templates-tag-frozen = In use — editing makes a new version
templates-tag-editable = Can be edited
templates-tag-archived = Archived
templates-empty = There are no form templates here.
templates-show-archived = { $count ->
    [one] Show 1 archived template
   *[other] Show { $count } archived templates
}
templates-hide-archived = Hide archived templates
templates-copy-hint = To make your own template, open one and copy it. The copy can be changed freely until a review cycle using it is launched.

## One template
templates-size = { $sections ->
    [one] 1 section
   *[other] { $sections } sections
}, { $questions ->
    [one] 1 question
   *[other] { $questions } questions
}
templates-made-from = made from version { $version }
templates-newer-exists = A newer version of this template exists: version { $version }.
templates-go-to-version = Go to version { $version }
templates-frozen-explained = This template is used by a launched review cycle, so its questions can no longer change: people are answering them. To make changes, make a new version; running cycles keep this one.
templates-frozen-title = This template is in use
templates-frozen-next = The new version has the same sections and questions, and you can change it freely. Choose it for your next review cycle.
templates-new-version-button = Make a new version to edit
templates-copy-button = Copy
templates-details-button = Change name and description
templates-archive-button = Archive
templates-unarchive-button = Bring back from the archive
templates-edit-section = Edit section
templates-add-section = Add a section
templates-add-question = Add a question
templates-edit-question = Edit question
templates-move-up = Move up
templates-move-down = Move down
templates-delete = Delete
templates-change = Change
templates-section-empty = No questions in this section yet.
templates-no-sections = This template has no sections yet. Add a section, then its questions.
templates-answered-by = Answered by: { $who }
templates-required = Required
templates-optional = Optional
templates-linked-competency = Competency: { $name }

## Question kinds and who answers
templates-kind-rating = Rating
templates-kind-rating-hint = A score from 1 (far below expectations) to 5 (well above), with an optional comment.
templates-kind-text = Text
templates-kind-text-hint = A written answer.
templates-kind-competency_rating = Competency rating
templates-kind-competency_rating-hint = A score from 1 to 5 for one competency from the library, with evidence.
templates-kind-strengths = Strengths
templates-kind-strengths-hint = A list of strengths, each one linked to a competency where it fits.
templates-kind-weaknesses = Weaknesses and areas to grow
templates-kind-weaknesses-hint = A list of weaknesses, each with a plan to improve.
templates-kind-goals = Goals
templates-kind-goals-hint = Goals for the next period, with the support or training needed.
templates-side-self = the employee
templates-side-manager = the manager
templates-side-both = both
templates-side-self-long = The employee, in the self-assessment
templates-side-manager-long = The manager, in the manager review
templates-side-both-long = Both: the employee and the manager each answer

## Name, description, copy
templates-details-title = Name and description
templates-field-description = Description (optional)
templates-description-hint = What this template is for, for example which teams use it.
templates-details-frozen-hint = Changing the name does not change the questions of running review cycles.
templates-copy-title = Copy this template
templates-copy-lead = The copy has all the sections and questions of this template. You can change it freely until a review cycle using it is launched.
templates-copy-name = Name of the copy
templates-copy-name-hint = A name no other template has.
templates-copy-default-name = Copy of { $name }

## Sections and questions
templates-both-languages = Write every text in Indonesian and in English: each person reads the form in their own language.
templates-field-title_id = Section title in Indonesian
templates-field-title_en = Section title in English
templates-field-section-help_id = Guidance in Indonesian (optional)
templates-field-section-help_en = Guidance in English (optional)
templates-section-help-hint = Shown under the section title: what to write about, and why.
templates-field-kind = What kind of question is it?
templates-field-competency = Competency
templates-competency-hint = Required for a competency rating; not used by other kinds.
templates-no-competency = No competency
templates-field-side = Who answers it?
templates-field-prompt_id = Question in Indonesian
templates-field-prompt_en = Question in English
templates-field-question-help_id = Help text in Indonesian (optional)
templates-field-question-help_en = Help text in English (optional)
templates-question-help-hint = Shown under the question: an example, or what good looks like.
templates-field-required = An answer is required before submitting
templates-wording-employee = What the employee reads
templates-wording-manager = What the manager reads
templates-wording-employee-hint = In the employee's own words, for the self-assessment: "How well do I meet my job description?" Needed when the employee answers the question.
templates-wording-manager-hint = About the employee, for the manager review: "How well does { "{name}" } meet the job description?" Write { "{name}" } where the employee's name belongs. Needed when the manager answers the question; left empty, the manager reads the employee's wording.
templates-section-wording-employee-hint = What the employee reads in the self-assessment, for example "My strengths".
templates-section-wording-manager-hint = What the manager reads in the manager review, for example "{ "{name}" }'s strengths" ({ "{name}" } is the employee's name). Leave it empty where the employee's wording reads right for the manager too.
templates-manager-reads = The manager reads: { $text }
templates-delete-section-title = Delete this section?
templates-delete-question-title = Delete this question?
templates-delete-section-warning = { $count ->
    [one] Its 1 question will be deleted too.
   *[other] Its { $count } questions will be deleted too.
}
templates-delete-confirm = Yes, delete

## Messages
templates-error-name-missing = Enter a name
templates-error-name-taken = Another template already has this name
templates-error-text-too-long = This text is too long
templates-error-title-id-missing = Enter the section title in Indonesian
templates-error-title-en-missing = Enter the section title in English
templates-error-kind-invalid = Choose what kind of question it is
templates-error-side-invalid = Choose who answers the question
templates-error-prompt-id-missing = Enter the question in Indonesian
templates-error-prompt-en-missing = Enter the question in English
templates-error-manager-prompt-id-missing = Enter the question as the manager reads it, in Indonesian
templates-error-manager-prompt-en-missing = Enter the question as the manager reads it, in English
templates-error-competency-missing = Choose the competency this question rates
templates-error-competency-unknown = The chosen competency does not exist or is no longer active
templates-error-frozen = This template is used by a launched review cycle, so it cannot be changed. Nothing was saved. Open the template and make a new version to edit.
templates-error-archive-default = The default template cannot be archived.
templates-notice-copied = Template copied. You can now change the copy.
templates-notice-versioned = This template is used by a launched review cycle, so a new version was made: running cycles keep theirs.
templates-notice-newer-exists = A newer version of this template already existed, so no new one was made: this is the newest version.
templates-notice-saved = Changes saved.
templates-notice-section-added = Section added.
templates-notice-section-deleted = Section deleted.
templates-notice-question-added = Question added.
templates-notice-question-deleted = Question deleted.
templates-notice-archived = Template archived. It is hidden from the list and cannot be chosen for new review cycles.
templates-notice-unarchived = Template brought back from the archive.

## Competency library
competencies-title = Competency library
competencies-lead = The competencies a review can rate, each with what good looks like. Templates link a competency rating question to one of them.
competencies-add = Add a competency
competencies-edit-title = Edit competency
competencies-actions = Actions
competencies-active = Active
competencies-inactive = Not in use
competencies-empty = The library is empty. Add a competency to start.
competencies-field-name_id = Name in Indonesian
competencies-field-name_en = Name in English
competencies-field-description_id = What good looks like, in Indonesian (optional)
competencies-field-description_en = What good looks like, in English (optional)
competencies-description-hint = Concrete behaviour people recognise from their daily work.
competencies-field-active = Active: can be chosen for new questions
competencies-active-hint = Competencies are never deleted, so past reviews keep them. Untick to stop offering it for new questions.
competencies-key = Code: { $slug }
competencies-key-hint = A code is made from the English name.
competencies-error-name-id-missing = Enter the name in Indonesian
competencies-error-name-en-missing = Enter the name in English
competencies-notice-created = Competency added to the library.
competencies-notice-saved = Competency saved.

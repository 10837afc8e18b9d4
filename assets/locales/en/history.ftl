# The history page: each competency over time, who wrote each entry and the
# manager's reply to it, in the reader's voice. (The page's older keys are
# in journal.ftl.)
history-trend-heading = Each competency over time
history-trend-lead = Each chart follows one competency through the review cycles, oldest on the left, on the scale from 1 (far below expectations) to 5 (far above expectations). The direction over time says more than any single number.
history-trend-cut = The charts show the last { $n } review cycles.
history-trend-title = { $competency }: self-rating and manager's rating in each review cycle, on a scale of 1 to 5
history-trend-line = { $cycle }: self-rating { $own }, manager's rating { $manager }.
history-trend-latest = Most recently, in { $cycle }: { $gap }.
history-trend-own-employee = Your own rating
history-trend-manager-employee = Your manager's rating
history-trend-own-manager = { $person }'s own rating
history-trend-manager-manager = The manager's rating
history-trend-own-hr = { $person }'s own rating
history-trend-manager-hr = The manager's rating
history-by-you-self = You wrote this in your self-assessment
history-by-you-manager = You wrote this in the manager review
history-by-your-manager-self = { $name } wrote this in your self-assessment
history-by-your-manager-manager = Your manager, { $name }, wrote this in the manager review
history-by-name-self = { $name } wrote this in the self-assessment
history-by-name-manager = { $name } wrote this in the manager review
history-by-unknown-self = Written in the self-assessment
history-by-unknown-manager = Written in the manager review
history-reply-you-agree = You agreed with this.
history-reply-you-adjust = You saw this a little differently.
history-reply-your-manager-agree = Your manager, { $name }, agreed with this.
history-reply-your-manager-adjust = Your manager, { $name }, saw this a little differently.
history-reply-name-agree = { $name } (manager) agreed with this.
history-reply-name-adjust = { $name } (manager) saw this a little differently.
history-reply-unknown-agree = The manager agreed with this.
history-reply-unknown-adjust = The manager saw this a little differently.
history-entry-competency = Competency: { $competency }
history-comments = Manager's comments
history-comment-you-by = Your comment
history-comment-your-manager-by = From your manager, { $name }
history-comment-name-by = From { $name }
history-comment-unknown-by = From the manager
history-comment-private = Private: never shown to the employee

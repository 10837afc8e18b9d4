# Calendar entries (.ics) for a review cycle's due dates.
calendar-self-due = Self-assessment due: { $cycle }
calendar-self-due-description = Submit your self-assessment in Cermin by the end of today.
calendar-ack-due = Acknowledgement due: { $cycle }
calendar-ack-due-description = Read your manager's review in Cermin and confirm that you have read it.
calendar-manager-due = Manager reviews due: { $cycle }
calendar-manager-due-description = Write and share the manager review for each person in your team in Cermin by the end of today.

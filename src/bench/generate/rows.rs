//! The rows the generator writes, as diesel insertables, and the batch that
//! writes them many at a time.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    answers, audit_log, comments, goals, journal_entries, notifications, people, reviews,
    strengths_weaknesses,
};
use crate::db::{self, DbConnection, QueryResult};

#[derive(Insertable)]
#[diesel(table_name = people, treat_none_as_default_value = false)]
pub(super) struct NewPerson {
    pub(super) id: String,
    pub(super) email: String,
    pub(super) name: String,
    pub(super) password_hash: Option<String>,
    pub(super) role: String,
    pub(super) manager_id: Option<String>,
    pub(super) department: String,
    pub(super) job_title: String,
    pub(super) job_description: String,
    pub(super) lang: String,
    pub(super) active: bool,
    pub(super) email_digest: bool,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = reviews, treat_none_as_default_value = false)]
pub(super) struct NewReview {
    pub(super) id: String,
    pub(super) cycle_id: String,
    pub(super) person_id: String,
    pub(super) manager_id: Option<String>,
    pub(super) job_title: String,
    pub(super) job_description: String,
    pub(super) state: String,
    pub(super) self_version: i32,
    pub(super) manager_version: i32,
    pub(super) self_submitted_at: Option<NaiveDateTime>,
    pub(super) shared_at: Option<NaiveDateTime>,
    pub(super) acknowledged_at: Option<NaiveDateTime>,
    pub(super) acknowledgement_response: String,
    pub(super) manager_summary: String,
    pub(super) team_summary: String,
    pub(super) team_summary_published_at: Option<NaiveDateTime>,
    pub(super) reopened_reason: String,
    pub(super) reopened_at: Option<NaiveDateTime>,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = answers, treat_none_as_default_value = false)]
pub(super) struct NewAnswer {
    pub(super) id: String,
    pub(super) review_id: String,
    pub(super) question_id: String,
    pub(super) side: String,
    pub(super) rating: Option<i32>,
    pub(super) body: String,
    pub(super) status: String,
    pub(super) version: i32,
    pub(super) updated_by: Option<String>,
    pub(super) updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = strengths_weaknesses, treat_none_as_default_value = false)]
pub(super) struct NewTrait {
    pub(super) id: String,
    pub(super) person_id: String,
    pub(super) review_id: Option<String>,
    pub(super) competency_id: Option<String>,
    pub(super) kind: String,
    pub(super) side: String,
    pub(super) stance: String,
    pub(super) responds_to_id: Option<String>,
    pub(super) body: String,
    pub(super) author_id: Option<String>,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = comments, treat_none_as_default_value = false)]
pub(super) struct NewComment {
    pub(super) id: String,
    pub(super) review_id: String,
    pub(super) author_id: String,
    pub(super) parent_id: Option<String>,
    pub(super) section_id: Option<String>,
    pub(super) competency_id: Option<String>,
    pub(super) kind: String,
    pub(super) visibility: String,
    pub(super) body: String,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = goals, treat_none_as_default_value = false)]
pub(super) struct NewGoal {
    pub(super) id: String,
    pub(super) person_id: String,
    pub(super) review_id: Option<String>,
    pub(super) carried_from_id: Option<String>,
    pub(super) kind: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) support_needed: String,
    pub(super) status: String,
    pub(super) due_on: Option<NaiveDate>,
    pub(super) author_id: Option<String>,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = journal_entries, treat_none_as_default_value = false)]
pub(super) struct NewJournal {
    pub(super) id: String,
    pub(super) author_id: String,
    pub(super) subject_id: String,
    pub(super) entry_on: NaiveDate,
    pub(super) kind: String,
    pub(super) body: String,
    pub(super) visibility: String,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = notifications, treat_none_as_default_value = false)]
pub(super) struct NewNotification {
    pub(super) id: String,
    pub(super) person_id: String,
    pub(super) kind: String,
    pub(super) review_id: Option<String>,
    pub(super) details: String,
    pub(super) actor_id: Option<String>,
    pub(super) created_at: NaiveDateTime,
    pub(super) read_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub(super) struct NewAudit {
    pub(super) id: String,
    pub(super) at: NaiveDateTime,
    pub(super) actor_id: Option<String>,
    pub(super) action: String,
    pub(super) subject_type: String,
    pub(super) subject_id: String,
    pub(super) review_id: Option<String>,
    pub(super) cycle_id: Option<String>,
    pub(super) details: String,
}

/// Multi-row inserts, chunked under both databases' bound-parameter limits.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks(30_000 / $columns) {
            $crate::batch_insert!(&mut *$conn, $table, chunk)?;
        }
    };
}
pub(super) use insert_rows;

/// Rows waiting to be written, flushed in one transaction.
#[derive(Default)]
pub(super) struct Batch {
    pub(super) reviews: Vec<NewReview>,
    pub(super) answers: Vec<NewAnswer>,
    pub(super) traits: Vec<NewTrait>,
    pub(super) comments: Vec<NewComment>,
    pub(super) goals: Vec<NewGoal>,
    pub(super) journal: Vec<NewJournal>,
    pub(super) notifications: Vec<NewNotification>,
    pub(super) audit: Vec<NewAudit>,
}

impl Batch {
    pub(super) fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        db::write_tx(conn, |conn| -> QueryResult<()> {
            insert_rows!(conn, reviews::table, self.reviews, 20);
            insert_rows!(conn, answers::table, self.answers, 10);
            insert_rows!(conn, strengths_weaknesses::table, self.traits, 12);
            insert_rows!(conn, comments::table, self.comments, 11);
            insert_rows!(conn, goals::table, self.goals, 13);
            insert_rows!(conn, journal_entries::table, self.journal, 9);
            insert_rows!(conn, notifications::table, self.notifications, 8);
            insert_rows!(conn, audit_log::table, self.audit, 9);
            Ok(())
        })?;
        *self = Batch::default();
        Ok(())
    }

    pub(super) fn len(&self) -> usize {
        self.answers.len() + self.audit.len() + self.journal.len()
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn audit(
        &mut self,
        at: NaiveDateTime,
        actor: Option<&str>,
        action: &str,
        subject_type: &str,
        subject_id: &str,
        review_id: Option<&str>,
        cycle_id: Option<&str>,
        details: &str,
    ) {
        self.audit.push(NewAudit {
            id: db::new_id(),
            at,
            actor_id: actor.map(str::to_string),
            action: action.into(),
            subject_type: subject_type.into(),
            subject_id: subject_id.into(),
            review_id: review_id.map(str::to_string),
            cycle_id: cycle_id.map(str::to_string),
            details: details.into(),
        });
    }

    pub(super) fn notify(
        &mut self,
        to: &str,
        kind: &str,
        review_id: &str,
        actor: &str,
        at: NaiveDateTime,
        read_at: Option<NaiveDateTime>,
    ) {
        self.notifications.push(NewNotification {
            id: db::new_id(),
            person_id: to.into(),
            kind: kind.into(),
            review_id: Some(review_id.into()),
            details: String::new(),
            actor_id: Some(actor.into()),
            created_at: at,
            read_at,
        });
    }
}

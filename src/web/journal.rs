//! Journals: a person's own private notes of their work (incidents, wins,
//! customer feedback) to draw on in a self-assessment, and a manager's dated
//! notes about a report, which only that manager and HR read.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::{FormErrors, MessageArgs};
use super::render::{page, page_with_status, see_other};
use super::State;
use crate::app::journal::{self as journal_app, EntryInput};
use crate::db::journal::{self, JournalRow, KINDS};
use crate::db::{people, DbConnection};
use crate::domain::policy::{self, Actor, JournalFacts, PersonFacts};
use crate::error::AppError;

/// The longest entry, in characters (a line break counts as one).
pub const BODY_MAX: usize = 5000;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/journal", web::get().to(list_journal))
        .route("/journal", web::post().to(create_journal_entry))
        .route("/journal/{id}/edit", web::get().to(edit_journal_entry))
        .route("/journal/{id}/edit", web::post().to(update_journal_entry))
        .route(
            "/journal/{id}/delete",
            web::get().to(confirm_delete_journal_entry),
        )
        .route("/journal/{id}/delete", web::post().to(delete_journal_entry))
        .route("/people/{id}/notes", web::get().to(list_notes))
        .route("/people/{id}/notes", web::post().to(create_note));
}

/// The entry form as typed, kept whole when it comes back with messages.
#[derive(Deserialize, Serialize, Default, Clone, Debug)]
pub struct JournalForm {
    #[serde(default)]
    entry_on: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
}

impl JournalForm {
    fn blank(today: NaiveDate) -> Self {
        Self {
            entry_on: today.format("%Y-%m-%d").to_string(),
            kind: "note".into(),
            body: String::new(),
        }
    }

    fn from_row(row: &JournalRow) -> Self {
        Self {
            entry_on: row.entry_on.format("%Y-%m-%d").to_string(),
            kind: row.kind.clone(),
            body: row.body.clone(),
        }
    }

    /// Check the form; field messages go to `errors`. An entry is dated today
    /// or earlier: a journal records what happened.
    fn parse(&self, today: NaiveDate, errors: &mut FormErrors) -> Option<EntryInput> {
        let date_text = self.entry_on.trim();
        let entry_on = if date_text.is_empty() {
            errors.add("entry_on", "journal-error-date-missing");
            None
        } else {
            match NaiveDate::parse_from_str(date_text, "%Y-%m-%d") {
                Ok(d) if d > today => {
                    errors.add("entry_on", "journal-error-date-future");
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    errors.add("entry_on", "journal-error-date-invalid");
                    None
                }
            }
        };
        let kind = KINDS.iter().copied().find(|k| *k == self.kind);
        if kind.is_none() {
            errors.add("kind", "journal-error-kind-missing");
        }
        let body = self.body.replace("\r\n", "\n").trim().to_string();
        if body.is_empty() {
            errors.add("body", "journal-error-body-missing");
        } else if body.chars().count() > BODY_MAX {
            let max = MessageArgs::from([("max".into(), BODY_MAX.into())]);
            errors.add_with("body", "journal-error-body-too-long", max);
        }
        if !errors.is_empty() {
            return None;
        }
        Some(EntryInput {
            entry_on: entry_on?,
            kind: kind?,
            body,
        })
    }
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
    page: Option<i64>,
}

/// Entries per page of one's journal (newest first).
const JOURNAL_PAGE: i64 = 25;
/// The deepest page an address can ask for.
const MAX_PAGE: i64 = 1_000;

/// Notices a redirect may ask for; anything else is ignored. A person's own
/// journal and a manager's notes about someone are different things with
/// different words (docs/glossary.md), so their notices are too.
fn notice_key(n: Option<&str>, notes: bool) -> Option<&'static str> {
    match (n, notes) {
        (Some("added"), false) => Some("journal-notice-added"),
        (Some("saved"), false) => Some("journal-notice-saved"),
        (Some("deleted"), false) => Some("journal-notice-deleted"),
        (Some("added"), true) => Some("notes-notice-added"),
        (Some("saved"), true) => Some("notes-notice-saved"),
        (Some("deleted"), true) => Some("notes-notice-deleted"),
        _ => None,
    }
}

fn status_for(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn person_facts(p: &people::PersonRow) -> PersonFacts<'_> {
    PersonFacts {
        id: &p.id,
        manager_id: p.manager_id.as_deref(),
    }
}

fn journal_facts(e: &JournalRow) -> JournalFacts<'_> {
    JournalFacts {
        author_id: &e.author_id,
        subject_id: &e.subject_id,
    }
}

/// Where an entry lives: one's own journal, or the notes about a report.
fn home_of(e: &JournalRow) -> String {
    if e.author_id == e.subject_id {
        "/journal".into()
    } else {
        format!("/people/{}/notes", e.subject_id)
    }
}

fn with_notice(url: &str, notice: &str) -> String {
    format!("{url}?notice={notice}")
}

/// One entry as a page shows it.
#[derive(Serialize)]
struct EntryView {
    id: String,
    entry_on: NaiveDate,
    kind: String,
    kind_colour: &'static str,
    body: String,
    /// Who wrote it, when the reader is not the author (HR reading notes).
    author_name: Option<String>,
    can_edit: bool,
}

/// The colour of a kind's tag (the tag always carries its text).
fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "incident" => "red",
        "win" => "green",
        "customer_feedback" => "blue",
        _ => "grey",
    }
}

fn entry_views(
    actor: &Actor,
    subject: &people::PersonRow,
    rows: Vec<JournalRow>,
    names: &HashMap<String, String>,
) -> Vec<EntryView> {
    rows.into_iter()
        .filter(|r| policy::may_read_journal_entry(actor, journal_facts(r)))
        .map(|r| EntryView {
            can_edit: policy::may_edit_journal_entry(
                actor,
                journal_facts(&r),
                person_facts(subject),
            ),
            author_name: (r.author_id != actor.id)
                .then(|| names.get(&r.author_id).cloned())
                .flatten(),
            id: r.id,
            entry_on: r.entry_on,
            kind_colour: kind_colour(&r.kind),
            kind: r.kind,
            body: r.body,
        })
        .collect()
}

// ---- one's own journal ----

#[derive(Serialize)]
struct JournalPage {
    entries: Vec<EntryView>,
    page: i64,
    prev_url: Option<String>,
    next_url: Option<String>,
    form: JournalForm,
    errors: FormErrors,
    kinds: &'static [&'static str],
    body_max: usize,
    notice: Option<&'static str>,
}

async fn journal_page(
    state: &State,
    user: &CurrentUser,
    form: JournalForm,
    errors: FormErrors,
    notice: Option<&'static str>,
    page_no: i64,
) -> Result<HttpResponse, AppError> {
    let id = user.user.id.clone();
    let actor = user.actor();
    let page_no = page_no.clamp(1, MAX_PAGE);
    let (entries, has_next) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let me = people::find(conn, &id)?.ok_or(AppError::NotFound)?;
            // One more than a page: is there an older page?
            let mut rows = journal::page(
                conn,
                &id,
                &id,
                JOURNAL_PAGE + 1,
                (page_no - 1) * JOURNAL_PAGE,
            )?;
            let more = rows.len() as i64 > JOURNAL_PAGE;
            rows.truncate(JOURNAL_PAGE as usize);
            Ok((entry_views(&actor, &me, rows, &HashMap::new()), more))
        })
        .await?;
    let url = |p: i64| {
        if p <= 1 {
            "/journal#entries".to_string()
        } else {
            format!("/journal?page={p}#entries")
        }
    };
    let status = status_for(&errors);
    let model = JournalPage {
        entries,
        page: page_no,
        prev_url: (page_no > 1).then(|| url(page_no - 1)),
        next_url: has_next.then(|| url(page_no + 1)),
        form,
        errors,
        kinds: &KINDS,
        body_max: BODY_MAX,
        notice,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status,
        "journal/list.html",
        &model,
    )
}

pub async fn list_journal(
    state: State,
    user: CurrentUser,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let form = JournalForm::blank(state.today());
    let notice = notice_key(q.notice.as_deref(), false);
    let page_no = q.page.unwrap_or(1);
    journal_page(&state, &user, form, FormErrors::default(), notice, page_no).await
}

pub async fn create_journal_entry(
    state: State,
    user: CurrentUser,
    form: web::Form<JournalForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let Some(entry) = form.parse(state.today(), &mut errors) else {
        return journal_page(&state, &user, form, errors, None, 1).await;
    };
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(journal_app::add_own_entry(conn, &actor, clock, &entry)?)
        })
        .await?;
    Ok(see_other(&with_notice("/journal", "added")))
}

// ---- changing and deleting an entry (own journal or one's notes) ----

/// The entry and its subject, if the actor may change it.
fn load_editable(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(JournalRow, people::PersonRow), AppError> {
    Ok(journal_app::editable_entry(conn, actor, id)?)
}

#[derive(Serialize)]
struct EditPage {
    id: String,
    form: JournalForm,
    errors: FormErrors,
    kinds: &'static [&'static str],
    body_max: usize,
    back_url: String,
    /// The report's name when the entry is a note about them.
    subject_name: Option<String>,
}

fn edit_page(
    state: &State,
    user: &CurrentUser,
    entry: &JournalRow,
    subject: &people::PersonRow,
    form: JournalForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let model = EditPage {
        id: entry.id.clone(),
        form,
        kinds: &KINDS,
        body_max: BODY_MAX,
        back_url: home_of(entry),
        subject_name: (entry.author_id != entry.subject_id).then(|| subject.name.clone()),
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "journal/edit.html",
        &model,
    )
}

pub async fn edit_journal_entry(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let (entry, subject) = state
        .db
        .run(move |conn| load_editable(conn, &actor, &id))
        .await?;
    let form = JournalForm::from_row(&entry);
    edit_page(&state, &user, &entry, &subject, form, FormErrors::default())
}

pub async fn update_journal_entry(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<JournalForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let (lookup, check) = (id.clone(), actor.clone());
    let (entry, subject) = state
        .db
        .run(move |conn| load_editable(conn, &check, &lookup))
        .await?;
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let Some(new) = form.parse(state.today(), &mut errors) else {
        return edit_page(&state, &user, &entry, &subject, form, errors);
    };
    let clock = state.clock();
    let entry = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(journal_app::update_entry(conn, &actor, clock, &id, &new)?)
        })
        .await?;
    let back = home_of(&entry);
    Ok(see_other(&with_notice(&back, "saved")))
}

#[derive(Serialize)]
struct DeletePage {
    entry: EntryView,
    back_url: String,
    subject_name: Option<String>,
}

pub async fn confirm_delete_journal_entry(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let (entry, subject) = state
        .db
        .run(move |conn| load_editable(conn, &actor, &id))
        .await?;
    let model = DeletePage {
        back_url: home_of(&entry),
        subject_name: (entry.author_id != entry.subject_id).then(|| subject.name.clone()),
        entry: EntryView {
            id: entry.id,
            entry_on: entry.entry_on,
            kind_colour: kind_colour(&entry.kind),
            kind: entry.kind,
            body: entry.body,
            author_name: None,
            can_edit: true,
        },
    };
    page(
        &state.templates,
        &user.visitor,
        "journal/delete.html",
        &model,
    )
}

pub async fn delete_journal_entry(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let clock = state.clock();
    let entry = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(journal_app::delete_entry(conn, &actor, clock, &id)?)
        })
        .await?;
    let back = home_of(&entry);
    Ok(see_other(&with_notice(&back, "deleted")))
}

// ---- a manager's notes about a report ----

#[derive(Serialize)]
struct NotesPerson {
    id: String,
    name: String,
    job_title: String,
}

#[derive(Serialize)]
struct NotesPage {
    person: NotesPerson,
    entries: Vec<EntryView>,
    /// The manager: may add notes. HR (not the manager) only reads.
    can_write: bool,
    form: JournalForm,
    errors: FormErrors,
    kinds: &'static [&'static str],
    body_max: usize,
    notice: Option<&'static str>,
}

/// The person the notes are about, if the actor may open their notes, and
/// whether the actor may write them.
fn load_notes_subject(
    conn: &mut DbConnection,
    actor: &Actor,
    person_id: &str,
) -> Result<(people::PersonRow, bool), AppError> {
    Ok(journal_app::notes_subject(conn, actor, person_id)?)
}

async fn notes_page(
    state: &State,
    user: &CurrentUser,
    person_id: String,
    form: Option<JournalForm>,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let (subject, can_write, entries) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let (subject, can_write) = load_notes_subject(conn, &actor, &person_id)?;
            let rows = journal_app::notes_for(conn, &actor, &subject)?;
            let author_ids: Vec<String> = rows.iter().map(|r| r.author_id.clone()).collect();
            let names: HashMap<String, String> = people::listed(conn, &author_ids)?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
            let entries = entry_views(&actor, &subject, rows, &names);
            Ok((subject, can_write, entries))
        })
        .await?;
    let status = status_for(&errors);
    let model = NotesPage {
        person: NotesPerson {
            id: subject.id,
            name: subject.name,
            job_title: subject.job_title,
        },
        entries,
        can_write,
        form: form.unwrap_or_else(|| JournalForm::blank(state.today())),
        errors,
        kinds: &KINDS,
        body_max: BODY_MAX,
        notice,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status,
        "journal/notes.html",
        &model,
    )
}

pub async fn list_notes(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = notice_key(q.notice.as_deref(), true);
    notes_page(
        &state,
        &user,
        path.into_inner(),
        None,
        FormErrors::default(),
        notice,
    )
    .await
}

pub async fn create_note(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<JournalForm>,
) -> Result<HttpResponse, AppError> {
    let person_id = path.into_inner();
    let actor = user.actor();
    let lookup = person_id.clone();
    let check = actor.clone();
    let (_, can_write) = state
        .db
        .run(move |conn| load_notes_subject(conn, &check, &lookup))
        .await?;
    if !can_write {
        return Err(AppError::Forbidden);
    }
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let Some(entry) = form.parse(state.today(), &mut errors) else {
        return notes_page(&state, &user, person_id, Some(form), errors, None).await;
    };
    let (subject, clock) = (person_id.clone(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(journal_app::add_note(
                conn, &actor, clock, &subject, &entry,
            )?)
        })
        .await?;
    Ok(see_other(&with_notice(
        &format!("/people/{person_id}/notes"),
        "added",
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn form(entry_on: &str, kind: &str, body: &str) -> JournalForm {
        JournalForm {
            entry_on: entry_on.into(),
            kind: kind.into(),
            body: body.into(),
        }
    }

    #[test]
    fn a_valid_entry_is_trimmed_with_line_breaks_normalised() {
        let mut errors = FormErrors::default();
        let e = form(
            "2026-03-01",
            "incident",
            "  Pelanggan marah.\r\nSaya minta maaf.  ",
        )
        .parse(day("2026-03-02"), &mut errors)
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(e.entry_on, day("2026-03-01"));
        assert_eq!(e.kind, "incident");
        assert_eq!(e.body, "Pelanggan marah.\nSaya minta maaf.");
    }

    #[test]
    fn each_field_has_its_message() {
        let today = day("2026-03-02");
        let cases = [
            (
                form("", "note", "x"),
                "entry_on",
                "journal-error-date-missing",
            ),
            (
                form("2026-13-01", "note", "x"),
                "entry_on",
                "journal-error-date-invalid",
            ),
            (
                form("2026-03-03", "note", "x"),
                "entry_on",
                "journal-error-date-future",
            ),
            (
                form("2026-03-01", "rumour", "x"),
                "kind",
                "journal-error-kind-missing",
            ),
            (
                form("2026-03-01", "win", " \r\n "),
                "body",
                "journal-error-body-missing",
            ),
        ];
        for (f, field, key) in cases {
            let mut errors = FormErrors::default();
            assert!(f.parse(today, &mut errors).is_none(), "{f:?}");
            assert_eq!(errors.by_field.get(field).map(String::as_str), Some(key));
        }
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let today = day("2026-03-02");
        let mut errors = FormErrors::default();
        let at_limit = "é".repeat(BODY_MAX);
        assert!(form("2026-03-01", "win", &at_limit)
            .parse(today, &mut errors)
            .is_some());
        let over = "a".repeat(BODY_MAX + 1);
        assert!(form("2026-03-01", "win", &over)
            .parse(today, &mut errors)
            .is_none());
        assert_eq!(
            errors.by_field.get("body").map(String::as_str),
            Some("journal-error-body-too-long")
        );
    }
}

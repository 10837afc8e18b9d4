//! Everything Cermin holds about a person that they may see, as one
//! document (UU PDP and GDPR alike give people the right to a copy): their
//! profile, their reviews (their own answers, and the manager review once it
//! was shared with them; never a private comment), their goals, what they
//! wrote in their journal (and the notes they wrote as a manager), and the
//! emails sent to them.
//!
//! What goes in is decided by asking `domain::policy` as if the person
//! themselves were reading, whoever downloads it: HR downloading on a
//! person's request gets exactly what the person would.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::{Actor, Clock, Error};
use crate::db::{self, audit, forms, journal, outbox, people, reviews, DbConnection};
use crate::domain::mail::MailKind;
use crate::domain::policy::{self, PersonFacts, ReviewFacts};
use crate::domain::review::{GoalStatus, Side};
use crate::domain::{Lang, Role};
use crate::i18n::pick;

/// The name of the document's shape, so a reader knows what it holds.
pub const FORMAT: &str = "cermin-personal-data/1";

#[derive(Debug, Clone, Serialize)]
pub struct OwnData {
    pub format: &'static str,
    pub exported_at: NaiveDateTime,
    pub profile: Profile,
    pub reviews: Vec<ReviewData>,
    pub goals: Vec<GoalData>,
    pub journal: Vec<JournalData>,
    pub emails: Vec<EmailData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub role: String,
    pub department: String,
    pub job_title: String,
    pub job_description: String,
    pub language: String,
    pub manager: Option<String>,
    pub active: bool,
    pub email_digest: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewData {
    pub cycle: String,
    pub state: String,
    pub job_title: String,
    pub manager: Option<String>,
    pub self_submitted_at: Option<NaiveDateTime>,
    pub shared_at: Option<NaiveDateTime>,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub acknowledgement_response: String,
    pub answers: Vec<AnswerData>,
    pub strengths_and_weaknesses: Vec<TraitData>,
    pub comments: Vec<CommentData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerData {
    pub section: String,
    pub question: String,
    /// "self" or "manager".
    pub side: &'static str,
    /// For the manager's side: the final rating after calibration where
    /// the cycle lets the person read it (as on their review page).
    pub rating: Option<i32>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TraitData {
    /// "strength" or "weakness".
    pub kind: String,
    pub side: &'static str,
    pub competency: Option<String>,
    pub text: String,
    /// The manager's reply to one of the person's entries: agree, partly…
    pub stance: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentData {
    pub author: String,
    pub text: String,
    pub written_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalData {
    pub cycle: Option<String>,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub support_needed: String,
    pub status: String,
    pub due_on: Option<chrono::NaiveDate>,
    pub written_by: &'static str,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct JournalData {
    /// Whose journal: the person's own, or a note about someone they manage.
    pub about: String,
    pub entry_on: chrono::NaiveDate,
    pub kind: String,
    pub text: String,
    pub visibility: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct EmailData {
    pub kind: String,
    pub to: String,
    pub subject: String,
    /// Empty for messages that carried a one-time link, and for messages
    /// whose text is no longer kept.
    pub text: String,
    pub status: String,
    pub queued_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// Collect a person's data for `actor` (the person, or HR with a reason),
/// recording the download in the audit log. The form's wording is in the
/// person's own language, whoever downloads it.
pub fn export(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    person_id: &str,
    reason: Option<&str>,
    format: &str,
) -> Result<OwnData, Error> {
    db::write_tx(conn, |conn| {
        let person = people::find(conn, person_id)?.ok_or(Error::NotFound)?;
        let facts = PersonFacts {
            id: &person.id,
            manager_id: person.manager_id.as_deref(),
        };
        if !policy::may_export_personal_data(actor, facts) {
            return Err(Error::Forbidden);
        }
        let on_request = actor.id != person.id;
        let reason = reason.map(str::trim).unwrap_or_default();
        if on_request && reason.is_empty() {
            return Err(Error::Invalid(vec![(
                "reason".into(),
                "own-data-error-reason",
            )]));
        }
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "person.data_exported",
                subject_type: "person",
                subject_id: &person.id,
                details: json!({
                    "format": format,
                    "on_request": on_request,
                    "reason": if on_request { Some(reason) } else { None },
                }),
                ..Default::default()
            },
        )?;
        let lang = Lang::parse(&person.lang).unwrap_or_default();
        // A person's own journal is theirs alone (policy): HR's copy for
        // them leaves it out; the person's own download has it.
        collect(conn, clock, &person, lang, !on_request)
    })
}

/// Read everything, asking policy as the person.
fn collect(
    conn: &mut DbConnection,
    clock: Clock,
    person: &people::PersonRow,
    lang: Lang,
    own_journal: bool,
) -> Result<OwnData, Error> {
    let reader = Actor {
        id: person.id.clone(),
        role: Role::parse(&person.role).unwrap_or(Role::Employee),
    };
    let mut names: HashMap<String, String> = HashMap::new();
    let mut name_of = |conn: &mut DbConnection, id: &str| -> Result<String, Error> {
        if let Some(n) = names.get(id) {
            return Ok(n.clone());
        }
        let n = people::name_of(conn, id)?.unwrap_or_default();
        names.insert(id.to_string(), n.clone());
        Ok(n)
    };
    let manager = match &person.manager_id {
        Some(m) => Some(name_of(conn, m)?),
        None => None,
    };
    let competencies: HashMap<String, String> = forms::competencies(conn, true)?
        .into_iter()
        .map(|c| (c.id, pick(lang, &c.name_id, &c.name_en)))
        .collect();
    let mut forms_by_template: HashMap<String, Option<forms::Form>> = HashMap::new();
    let mut review_data = vec![];
    let mut cycle_names: HashMap<String, String> = HashMap::new();
    let mut readable_manager: HashMap<String, bool> = HashMap::new();
    for (r, c) in reviews::for_person(conn, &person.id)? {
        cycle_names.insert(r.id.clone(), c.name.clone());
        let f = ReviewFacts {
            person_id: &r.person_id,
            manager_id: r.manager_id.as_deref(),
            state: r.state(),
            cycle: c.status(clock.today),
            was_shared: r.shared_at.is_some(),
            was_submitted: r.self_submitted_at.is_some(),
            handed_in: r.handed_in_at.is_some(),
        };
        if !policy::may_view_review(&reader, f) {
            continue;
        }
        let own = policy::may_read_self_assessment(&reader, f);
        let theirs = policy::may_read_manager_review(&reader, f);
        readable_manager.insert(r.id.clone(), theirs);
        let form = forms_by_template
            .entry(c.template_id.clone())
            .or_insert_with(|| None);
        if form.is_none() {
            *form = forms::load_form(conn, &c.template_id)?;
        }
        let mut where_is: HashMap<&str, (String, String, String)> = HashMap::new();
        if let Some(form) = form.as_ref() {
            for (section, questions) in &form.sections {
                let title = pick(lang, &section.title_id, &section.title_en);
                for q in questions {
                    // Each side's question as that side read it, the
                    // person's name filled in where the manager's names them.
                    let own_words = q.prompt().read(Side::Own, lang, &person.name);
                    let manager_words = q.prompt().read(Side::Manager, lang, &person.name);
                    where_is.insert(q.id.as_str(), (title.clone(), own_words, manager_words));
                }
            }
        }
        let finals = match crate::db::calibration::of_review(conn, &r.id)? {
            Some(cal) if theirs && policy::sees_final_ratings(&reader, f, cal.final_visible) => {
                crate::db::calibration::final_ratings(conn, &r.id)?
            }
            _ => HashMap::new(),
        };
        let answers = reviews::answers(conn, &r.id, None)?
            .into_iter()
            .filter(|a| match a.side {
                Side::Own => own,
                Side::Manager => theirs,
            })
            .filter(|a| a.rating.is_some() || !a.body.is_empty())
            .map(|a| {
                let (section, own_words, manager_words) = where_is
                    .get(a.question_id.as_str())
                    .cloned()
                    .unwrap_or_default();
                AnswerData {
                    section,
                    question: if a.side == Side::Own {
                        own_words
                    } else {
                        manager_words
                    },
                    side: a.side.code(),
                    rating: match a.side {
                        Side::Manager => finals.get(&a.question_id).copied().or(a.rating),
                        Side::Own => a.rating,
                    },
                    text: a.body,
                }
            })
            .collect();
        let traits = reviews::traits(conn, &r.id)?
            .into_iter()
            .filter(|t| match t.side {
                Side::Own => own,
                Side::Manager => theirs,
            })
            .map(|t| TraitData {
                kind: t.kind,
                side: t.side.code(),
                competency: t.competency_id.and_then(|c| competencies.get(&c).cloned()),
                text: t.body,
                stance: t.stance,
            })
            .collect();
        let mut comments = vec![];
        for c in reviews::comments(conn, &r.id, false)? {
            let private = c.visibility.as_deref() != Some("shared");
            if !policy::may_read_comment(&reader, f, private) {
                continue;
            }
            comments.push(CommentData {
                author: name_of(conn, &c.author_id)?,
                text: c.body,
                written_at: c.created_at,
            });
        }
        let manager_name = match &r.manager_id {
            Some(m) => Some(name_of(conn, m)?),
            None => None,
        };
        review_data.push(ReviewData {
            cycle: c.name.clone(),
            state: r.state().code().to_string(),
            job_title: r.job_title.clone(),
            manager: manager_name,
            self_submitted_at: r.self_submitted_at,
            shared_at: r.shared_at.filter(|_| theirs),
            acknowledged_at: r.acknowledged_at,
            acknowledgement_response: r.acknowledgement_response.clone(),
            answers,
            strengths_and_weaknesses: traits,
            comments,
        });
    }
    let goals = reviews::goals_of_person(conn, &person.id)?
        .into_iter()
        .filter(|g| {
            let by_person = g.author_id.as_deref().is_none_or(|a| a == person.id);
            by_person
                || g.review_id
                    .as_ref()
                    .is_some_and(|r| readable_manager.get(r).copied().unwrap_or(false))
                || (g.review_id.is_none() && g.status != GoalStatus::Proposed)
        })
        .map(|g| {
            let by_person = g.author_id.as_deref().is_none_or(|a| a == person.id);
            GoalData {
                cycle: g
                    .review_id
                    .as_ref()
                    .and_then(|r| cycle_names.get(r).cloned()),
                kind: g.kind,
                title: g.title,
                description: g.description,
                support_needed: g.support_needed,
                status: g.status.code().to_string(),
                due_on: g.due_on,
                written_by: if by_person { "self" } else { "manager" },
                created_at: g.created_at,
            }
        })
        .collect();
    let mut journal_data = vec![];
    for e in journal::written_by(conn, &person.id)? {
        if e.subject_id == person.id && !own_journal {
            continue;
        }
        let about = if e.subject_id == person.id {
            person.name.clone()
        } else {
            name_of(conn, &e.subject_id)?
        };
        journal_data.push(JournalData {
            about,
            entry_on: e.entry_on,
            kind: e.kind,
            text: e.body,
            visibility: e.visibility,
            created_at: e.created_at,
        });
    }
    let emails = outbox::sent_to(conn, &person.id)?
        .into_iter()
        .map(|m| {
            let secret = MailKind::parse(&m.kind).is_none_or(MailKind::carries_secret_link);
            EmailData {
                text: if secret { String::new() } else { m.body_text },
                kind: m.kind,
                to: m.to_address,
                subject: m.subject,
                status: m.status,
                queued_at: m.created_at,
                sent_at: m.sent_at,
            }
        })
        .collect();
    Ok(OwnData {
        format: FORMAT,
        exported_at: clock.now,
        profile: Profile {
            name: person.name.clone(),
            email: person.email.clone(),
            role: person.role.clone(),
            department: person.department.clone(),
            job_title: person.job_title.clone(),
            job_description: person.job_description.clone(),
            language: person.lang.clone(),
            manager,
            active: person.active,
            email_digest: person.email_digest,
            created_at: person.created_at,
            updated_at: person.updated_at,
        },
        reviews: review_data,
        goals,
        journal: journal_data,
        emails,
    })
}

/// Erase a departed person, with a reason the audit log keeps (the audit
/// row names no one: the person's id and the reason). Refusals: `NotFound`,
/// `Forbidden`, `NotNow("erase-error-active")` while they are active,
/// `Invalid` without a reason.
pub fn erase(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    person_id: &str,
    reason: &str,
) -> Result<usize, Error> {
    db::write_tx(conn, |conn| {
        if !actor.is_hr() {
            return Err(Error::Forbidden);
        }
        let person = people::find(conn, person_id)?.ok_or(Error::NotFound)?;
        let facts = PersonFacts {
            id: &person.id,
            manager_id: person.manager_id.as_deref(),
        };
        if person.active {
            return Err(Error::NotNow("erase-error-active"));
        }
        if !policy::may_erase_person(actor, facts, person.active) {
            return Err(Error::Forbidden);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::Invalid(vec![(
                "reason".into(),
                "erase-error-reason",
            )]));
        }
        let changed = db::erasure::erase(conn, &person.id, clock.now)?;
        // The reason names no one either.
        let placeholder = db::erasure::placeholder_name(&person.id);
        let reason = reason
            .replace(&person.name, &placeholder)
            .replace(&person.email, &placeholder);
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "person.erased",
                subject_type: "person",
                subject_id: &person.id,
                details: json!({ "reason": reason, "rows": changed }),
                ..Default::default()
            },
        )?;
        Ok(changed)
    })
}

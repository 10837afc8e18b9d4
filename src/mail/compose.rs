//! Turning an outbox row into an email: the facts are read now (so the mail
//! is in the recipient's current language and a reminder for work already
//! done is skipped), the templates `templates/mail/<kind>/{subject.txt,
//! body.txt, body.html}` are rendered, and a calendar entry is attached
//! where the kind has one.
//!
//! What a mail may say is decided here: names, dates, links and the reason
//! HR gave for reopening. Review answers and comments, private or shared,
//! never leave Cermin by email.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::Message;
use serde::Serialize;
use serde_json::{json, Value};
use tera::{Context, Tera};

use super::calendar::{self, DueEntry, Invite, Method};
use super::schedule::{due_of, local_day};
use crate::db::cycles::{self, CycleRow};
use crate::db::outbox::{self, OutboxRow};
use crate::db::people::{self, PersonRow};
use crate::db::review_lists;
use crate::db::reviews::{self, ReviewRow};
use crate::db::{DbConnection, QueryError};
use crate::domain::mail::{MailKind, Phase};
use crate::domain::review::{PhaseDates, ReviewState};
use crate::domain::Lang;
use crate::i18n;

/// What the messages claimed together share, read once for all of them: the
/// recipients, in one query, and each cycle, once. A claim holds up to 50
/// messages, and most are a launch's invitations or a day's reminders for
/// one cycle; reading these for each message was two of its three reads
/// (on PostgreSQL each a round trip). Facts that change more often (the
/// review, a manager's team) are still read for each message.
#[derive(Default)]
pub struct Batch {
    people: std::collections::HashMap<String, PersonRow>,
    cycles: std::collections::HashMap<String, Option<CycleRow>>,
}

impl Batch {
    /// Read the recipients of `rows` ahead. If that fails, each is read when
    /// its message is composed, and the error is met there.
    pub fn read(conn: &mut DbConnection, rows: &[OutboxRow]) -> Self {
        let ids: Vec<String> = rows.iter().filter_map(|r| r.recipient_id.clone()).collect();
        let people = people::find_many(conn, &ids)
            .map(|found| found.into_iter().map(|p| (p.id.clone(), p)).collect())
            .unwrap_or_default();
        Batch {
            people,
            cycles: Default::default(),
        }
    }

    /// The recipient `id`: read ahead (each is taken once), or read now.
    fn person(
        &mut self,
        conn: &mut DbConnection,
        id: &str,
    ) -> Result<Option<PersonRow>, QueryError> {
        match self.people.remove(id) {
            Some(p) => Ok(Some(p)),
            None => people::find(conn, id),
        }
    }

    fn cycle(&mut self, conn: &mut DbConnection, id: &str) -> Result<Option<CycleRow>, QueryError> {
        if let Some(c) = self.cycles.get(id) {
            return Ok(c.clone());
        }
        let c = cycles::find(conn, id)?;
        self.cycles.insert(id.to_string(), c.clone());
        Ok(c)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("template: {0}")]
    Template(String),
    #[error("message: {0}")]
    Build(String),
}

impl From<tera::Error> for ComposeError {
    fn from(e: tera::Error) -> Self {
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        ComposeError::Template(text)
    }
}

/// A rendered email, before it becomes a MIME message.
#[derive(Debug, Clone, Serialize)]
pub struct Rendered {
    pub kind: String,
    pub lang: String,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub ics: Option<String>,
    pub ics_method: Option<&'static str>,
}

/// What became of a row.
pub enum Composed {
    Ready(Box<Rendered>),
    /// Nothing to send any more, and why (kept in the log).
    Skip(String),
}

pub struct Composer {
    tera: Arc<Tera>,
    base_url: String,
    from: Mailbox,
    /// The right-hand side of Message-IDs.
    domain: String,
    tz: chrono_tz::Tz,
}

fn cycle_json(c: &CycleRow) -> Value {
    json!({
        "name": c.name,
        "opens_on": c.opens_on,
        "self_due_on": c.self_due_on,
        "manager_due_on": c.manager_due_on,
        "ack_due_on": c.ack_due_on,
        "closes_on": c.closes_on,
    })
}

fn dates_json(name: &str, d: &PhaseDates) -> Value {
    json!({
        "name": name,
        "opens_on": d.opens_on,
        "self_due_on": d.self_due_on,
        "manager_due_on": d.manager_due_on,
        "ack_due_on": d.ack_due_on,
        "closes_on": d.closes_on,
    })
}

fn text_of(payload: &Value, key: &str) -> String {
    payload
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn flag(payload: &Value, key: &str) -> bool {
    payload.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn ids_of(payload: &Value) -> Vec<String> {
    payload
        .get("review_ids")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// At most this many late people are named in HR's summary.
const HR_LIST_MAX: usize = 100;

/// The facts of one mail: its template context and calendar attachment.
struct Facts {
    ctx: Context,
    ics: Option<(String, &'static str)>,
}

impl Composer {
    pub fn new(
        tera: Arc<Tera>,
        base_url: &str,
        mail_from: &str,
        tz: chrono_tz::Tz,
    ) -> Result<Self, String> {
        let from: Mailbox = mail_from
            .parse()
            .map_err(|e| format!("CERMIN_MAIL_FROM: {e}"))?;
        let domain = from.email.domain().to_string();
        Ok(Self {
            tera,
            base_url: base_url.trim_end_matches('/').to_string(),
            from,
            domain,
            tz,
        })
    }

    pub fn from_address(&self) -> String {
        self.from.email.to_string()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Render a kind with a context that already holds its facts; the common
    /// variables (language, recipient, links) are added here.
    pub fn render(
        &self,
        kind: MailKind,
        lang: Lang,
        recipient: (&str, &str),
        mut ctx: Context,
    ) -> Result<Rendered, ComposeError> {
        ctx.insert("lang", lang.code());
        ctx.insert("kind", kind.code());
        ctx.insert("base_url", &self.base_url);
        ctx.insert("prefs_url", &self.url("/me"));
        ctx.insert(
            "recipient",
            &json!({ "name": recipient.0, "email": recipient.1 }),
        );
        let dir = format!("mail/{}", kind.code());
        let subject = self.tera.render(&format!("{dir}/subject.txt"), &ctx)?;
        let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = self.tera.render(&format!("{dir}/body.txt"), &ctx)?;
        let html = self.tera.render(&format!("{dir}/body.html"), &ctx)?;
        Ok(Rendered {
            kind: kind.code().into(),
            lang: lang.code().into(),
            to_name: recipient.0.into(),
            to_address: recipient.1.into(),
            subject,
            text,
            html,
            ics: None,
            ics_method: None,
        })
    }

    /// Read the facts of `row` at `now` and render it. `batch` holds what
    /// the messages claimed together share (see [`Batch`]).
    pub fn compose(
        &self,
        conn: &mut DbConnection,
        batch: &mut Batch,
        row: &OutboxRow,
        now: NaiveDateTime,
    ) -> Result<Composed, ComposeError> {
        let Some(kind) = MailKind::parse(&row.kind) else {
            return Ok(Composed::Skip(format!("unknown kind {}", row.kind)));
        };
        let person = match &row.recipient_id {
            Some(id) => batch.person(conn, id)?,
            None => None,
        };
        let (name, lang) = match &person {
            Some(p) if !p.active && kind != MailKind::Test => {
                return Ok(Composed::Skip("the person is no longer active".into()));
            }
            Some(p) => (p.name.clone(), Lang::parse(&p.lang).unwrap_or_default()),
            None => (
                row.to_address.clone(),
                Lang::parse(&row.lang).unwrap_or_default(),
            ),
        };
        let facts = match self.facts(conn, batch, kind, row, person.as_ref(), lang, now)? {
            Ok(f) => f,
            Err(reason) => return Ok(Composed::Skip(reason)),
        };
        let mut rendered = self.render(kind, lang, (&name, &row.to_address), facts.ctx)?;
        if let Some((ics, method)) = facts.ics {
            rendered.ics = Some(ics);
            rendered.ics_method = Some(method);
        }
        Ok(Composed::Ready(Box::new(rendered)))
    }

    /// The facts for each kind; `Err(reason)` when the mail is no longer needed.
    #[allow(clippy::too_many_arguments)]
    fn facts(
        &self,
        conn: &mut DbConnection,
        batch: &mut Batch,
        kind: MailKind,
        row: &OutboxRow,
        person: Option<&PersonRow>,
        lang: Lang,
        now: NaiveDateTime,
    ) -> Result<Result<Facts, String>, ComposeError> {
        let payload: Value = serde_json::from_str(&row.payload).unwrap_or(Value::Null);
        let today = local_day(now, self.tz);
        let mut ctx = Context::new();
        let cycle = match &row.cycle_id {
            Some(id) => batch.cycle(conn, id)?,
            None => None,
        };
        let review = match &row.review_id {
            Some(id) => reviews::find(conn, id)?.map(|(r, _)| r),
            None => None,
        };
        if let Some(c) = &cycle {
            ctx.insert("cycle", &cycle_json(c));
        }
        let recipient_id = row.recipient_id.clone().unwrap_or_default();
        let mut ics = None;
        match kind {
            MailKind::AccountInvitation | MailKind::PasswordReset => {
                let token = text_of(&payload, "token");
                if token.is_empty() {
                    return Ok(Err("the link was already sent".into()));
                }
                if kind == MailKind::AccountInvitation {
                    ctx.insert(
                        "link",
                        &crate::app::people::invitation_url(&self.base_url, &token),
                    );
                    ctx.insert("valid_days", &crate::app::people::INVITATION_DAYS);
                } else {
                    ctx.insert(
                        "link",
                        &crate::app::people::reset_url(&self.base_url, &token),
                    );
                    ctx.insert("valid_minutes", &crate::app::people::RESET_MINUTES);
                }
            }
            MailKind::SignInLink => {
                let token = text_of(&payload, "token");
                if token.is_empty() {
                    return Ok(Err("the link was already sent".into()));
                }
                ctx.insert(
                    "link",
                    &crate::app::people::sign_in_link_url(&self.base_url, &token),
                );
                ctx.insert("valid_minutes", &crate::app::people::SIGN_IN_LINK_MINUTES);
            }
            MailKind::Test => {
                ctx.insert("sent_at", &now.format("%Y-%m-%dT%H:%M:%S").to_string());
                ctx.insert("transport", &text_of(&payload, "transport"));
            }
            MailKind::Digest => {
                let date = payload
                    .get("date")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let mut items = vec![];
                for item in outbox::bundled_in(conn, &row.id)? {
                    let Some(k) = MailKind::parse(&item.kind) else {
                        continue;
                    };
                    if let Ok(f) = self.facts(conn, batch, k, &item, person, lang, now)? {
                        let link = f
                            .ctx
                            .get("link")
                            .and_then(|v| v.as_str())
                            .map(str::to_string)
                            .unwrap_or_else(|| self.url("/"));
                        let name = person.map(|p| p.name.as_str()).unwrap_or_default();
                        let r = self.render(k, lang, (name, &row.to_address), f.ctx)?;
                        items.push(json!({ "subject": r.subject, "link": link }));
                    }
                }
                if items.is_empty() {
                    return Ok(Err("nothing left to tell in this digest".into()));
                }
                ctx.insert("date", &date);
                ctx.insert("items", &items);
            }
            _ => {
                let Some(cycle) = cycle else {
                    return Ok(Err("the review cycle is gone".into()));
                };
                match self.cycle_facts(
                    conn,
                    kind,
                    &cycle,
                    review.as_ref(),
                    &recipient_id,
                    &payload,
                    today,
                    &mut ctx,
                )? {
                    Ok(()) => {}
                    Err(reason) => return Ok(Err(reason)),
                }
                // Which of the person's entries the attachment holds, if any.
                let plan = match kind {
                    MailKind::CycleInvitation | MailKind::DatesMoved => {
                        let mut phases = vec![];
                        if flag(&payload, "as_participant") {
                            phases.extend([Phase::SelfAssessment, Phase::Acknowledgement]);
                        }
                        if flag(&payload, "as_manager") {
                            phases.push(Phase::ManagerReview);
                        }
                        Some((Method::Request, phases))
                    }
                    MailKind::ParticipationCancelled => Some((
                        Method::Cancel,
                        vec![Phase::SelfAssessment, Phase::Acknowledgement],
                    )),
                    MailKind::CycleClosed => Some((
                        Method::Cancel,
                        super::outbox::closing_cancellations(&payload),
                    ))
                    .filter(|(_, phases)| !phases.is_empty()),
                    _ => None,
                };
                if let Some((method, phases)) = plan {
                    let name = person.map(|p| p.name.as_str()).unwrap_or_default();
                    // The closing mail's own link is the history; its
                    // entries keep the links they were sent with.
                    let link = match (kind, &review) {
                        (MailKind::CycleClosed, Some(r)) => {
                            self.url(&format!("/reviews/{}/self", r.id))
                        }
                        _ => ctx
                            .get("link")
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_string(),
                    };
                    let text = self.calendar(
                        &cycle,
                        method,
                        &recipient_id,
                        (name, &row.to_address),
                        &phases,
                        lang,
                        &link,
                        now,
                    );
                    if kind == MailKind::CycleClosed {
                        ctx.insert("calendar_cancelled", &true);
                    }
                    ics = Some((
                        text,
                        if method == Method::Cancel {
                            "CANCEL"
                        } else {
                            "REQUEST"
                        },
                    ));
                }
            }
        }
        Ok(Ok(Facts { ctx, ics }))
    }

    #[allow(clippy::too_many_arguments)]
    fn cycle_facts(
        &self,
        conn: &mut DbConnection,
        kind: MailKind,
        cycle: &CycleRow,
        review: Option<&ReviewRow>,
        recipient_id: &str,
        payload: &Value,
        today: NaiveDate,
        ctx: &mut Context,
    ) -> Result<Result<(), String>, ComposeError> {
        let review_link =
            |r: &ReviewRow, suffix: &str| self.url(&format!("/reviews/{}{suffix}", r.id));
        match kind {
            MailKind::CycleInvitation | MailKind::DatesMoved => {
                let as_participant = flag(payload, "as_participant") && review.is_some();
                let as_manager = flag(payload, "as_manager");
                if let Some(r) = review {
                    if r.state() == ReviewState::Removed {
                        return Ok(Err("no longer in this review cycle".into()));
                    }
                }
                let team: Vec<Value> = if as_manager {
                    review_lists::team_in_cycle(conn, &cycle.id, recipient_id)?
                        .into_iter()
                        .map(|(name, job_title)| json!({ "name": name, "job_title": job_title }))
                        .collect()
                } else {
                    vec![]
                };
                if !as_participant && team.is_empty() {
                    return Ok(Err(
                        "nothing in this review cycle for this person any more".into()
                    ));
                }
                let self_link = review.map(|r| review_link(r, "/self")).unwrap_or_default();
                let team_link = self.url("/team");
                ctx.insert("as_participant", &as_participant);
                ctx.insert("self_link", &self_link);
                ctx.insert("as_manager", &!team.is_empty());
                ctx.insert("team", &team);
                ctx.insert("team_link", &team_link);
                let link = if as_participant { self_link } else { team_link };
                ctx.insert("link", &link);
                if kind == MailKind::DatesMoved {
                    let previous: PhaseDates = payload
                        .get("previous")
                        .cloned()
                        .and_then(|v| serde_json::from_value(v).ok())
                        .unwrap_or_else(|| cycle.dates());
                    ctx.insert("previous", &dates_json(&cycle.name, &previous));
                }
            }
            MailKind::ParticipationCancelled => {
                // Added back before this left: the invitation that followed
                // is the word that counts.
                if review.is_some_and(|r| r.state() != ReviewState::Removed) {
                    return Ok(Err("added back to the review cycle since".into()));
                }
                ctx.insert("link", &self.url("/"));
            }
            MailKind::CycleClosed => {
                ctx.insert("link", &self.url("/history"));
            }
            MailKind::Reminder
            | MailKind::Overdue
            | MailKind::OverdueManager
            | MailKind::HrOverdueSummary => {
                let phase =
                    Phase::parse(&text_of(payload, "phase")).unwrap_or(Phase::SelfAssessment);
                let due = due_of(cycle, phase);
                if text_of(payload, "due_on") != due.to_string() {
                    return Ok(Err("the due date moved since this was planned".into()));
                }
                // Only the reviews whose work is still to do.
                let waiting = reviews::in_state(conn, &ids_of(payload), phase.waiting_state())?;
                if waiting.is_empty() {
                    return Ok(Err("already done".into()));
                }
                ctx.insert("phase", phase.code());
                ctx.insert("due_on", &due);
                ctx.insert("days_left", &(due - today).num_days().max(0));
                ctx.insert("days_over", &(today - due).num_days().max(1));
                let person_ids: Vec<String> = waiting.iter().map(|r| r.person_id.clone()).collect();
                let names = people::find_many(conn, &person_ids)?;
                let name_of = |id: &str| {
                    names
                        .iter()
                        .find(|p| p.id == id)
                        .map(|p| p.name.clone())
                        .unwrap_or_default()
                };
                match kind {
                    MailKind::Reminder | MailKind::Overdue => {
                        let link = match (phase, waiting.first()) {
                            (Phase::SelfAssessment, Some(r)) => review_link(r, "/self"),
                            (Phase::Acknowledgement, Some(r)) => review_link(r, ""),
                            _ => self.url("/team"),
                        };
                        let reports: Vec<Value> = if phase == Phase::ManagerReview {
                            let mut n: Vec<String> =
                                waiting.iter().map(|r| name_of(&r.person_id)).collect();
                            n.sort();
                            n.into_iter().map(|name| json!({ "name": name })).collect()
                        } else {
                            vec![]
                        };
                        ctx.insert("link", &link);
                        ctx.insert("reports", &reports);
                    }
                    MailKind::OverdueManager => {
                        // For the manager's phase, the late people are managers.
                        let late_ids: Vec<String> = waiting
                            .iter()
                            .filter_map(|r| {
                                if phase.employee_acts() {
                                    Some(r.person_id.clone())
                                } else {
                                    r.manager_id.clone()
                                }
                            })
                            .collect();
                        let mut late: Vec<String> = people::find_many(conn, &late_ids)?
                            .into_iter()
                            .map(|p| p.name)
                            .collect();
                        late.sort();
                        late.dedup();
                        ctx.insert(
                            "people",
                            &late
                                .into_iter()
                                .map(|n| json!({ "name": n }))
                                .collect::<Vec<_>>(),
                        );
                        ctx.insert("link", &self.url("/team"));
                    }
                    _ => {
                        let manager_ids: Vec<String> = waiting
                            .iter()
                            .filter_map(|r| r.manager_id.clone())
                            .collect();
                        let managers = people::find_many(conn, &manager_ids)?;
                        let mut rows: Vec<(String, String, String)> = waiting
                            .iter()
                            .map(|r| {
                                let p = names.iter().find(|p| p.id == r.person_id);
                                let m = managers
                                    .iter()
                                    .find(|m| Some(&m.id) == r.manager_id.as_ref())
                                    .map(|m| m.name.clone())
                                    .unwrap_or_default();
                                (
                                    p.map(|p| p.name.clone()).unwrap_or_default(),
                                    p.map(|p| p.department.clone()).unwrap_or_default(),
                                    m,
                                )
                            })
                            .collect();
                        rows.sort();
                        // The whole count, but a list short enough to read in
                        // a mail; the cycle page has everyone.
                        ctx.insert("count", &rows.len());
                        rows.truncate(HR_LIST_MAX);
                        ctx.insert(
                            "overdue",
                            &rows
                                .into_iter()
                                .map(|(name, department, manager_name)| {
                                    json!({ "name": name, "department": department, "manager_name": manager_name })
                                })
                                .collect::<Vec<_>>(),
                        );
                        ctx.insert("link", &self.url(&format!("/cycles/{}", cycle.id)));
                    }
                }
            }
            MailKind::SelfSubmitted
            | MailKind::ReviewShared
            | MailKind::Acknowledged
            | MailKind::Reopened => {
                let Some(r) = review else {
                    return Ok(Err("the review is gone".into()));
                };
                let employee = people::find(conn, &r.person_id)?
                    .map(|p| p.name)
                    .unwrap_or_default();
                ctx.insert("employee", &json!({ "name": employee }));
                match kind {
                    MailKind::SelfSubmitted => {
                        ctx.insert("due_on", &cycle.manager_due_on);
                        ctx.insert("link", &review_link(r, "/manager"));
                    }
                    MailKind::ReviewShared => {
                        let manager = match &r.manager_id {
                            Some(m) => people::find(conn, m)?.map(|p| p.name),
                            None => None,
                        };
                        ctx.insert("manager", &json!({ "name": manager.unwrap_or_default() }));
                        ctx.insert("due_on", &cycle.ack_due_on);
                        ctx.insert("link", &review_link(r, ""));
                    }
                    MailKind::Acknowledged => {
                        ctx.insert("link", &review_link(r, ""));
                    }
                    _ => {
                        let side = if text_of(payload, "side") == "manager" {
                            "manager"
                        } else {
                            "self"
                        };
                        ctx.insert("side", side);
                        ctx.insert("reason", &text_of(payload, "reason"));
                        if side == "manager" {
                            ctx.insert("due_on", &cycle.manager_due_on);
                            ctx.insert("link", &review_link(r, "/manager"));
                        } else {
                            ctx.insert("due_on", &cycle.self_due_on);
                            ctx.insert("link", &review_link(r, "/self"));
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(Ok(()))
    }

    /// The calendar attachment for one person's part in a cycle.
    #[allow(clippy::too_many_arguments)]
    fn calendar(
        &self,
        cycle: &CycleRow,
        method: Method,
        person_id: &str,
        attendee: (&str, &str),
        phases: &[Phase],
        lang: Lang,
        link: &str,
        now: NaiveDateTime,
    ) -> String {
        let t = |key: &str| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("cycle", cycle.name.clone());
            i18n::catalog().text(lang, key, Some(&args))
        };
        let mut entries = vec![];
        if phases.contains(&Phase::SelfAssessment) {
            entries.push(DueEntry {
                phase: Phase::SelfAssessment,
                date: cycle.self_due_on,
                summary: t("calendar-self-due"),
                description: t("calendar-self-due-description"),
                link: link.to_string(),
            });
        }
        if phases.contains(&Phase::Acknowledgement) {
            entries.push(DueEntry {
                phase: Phase::Acknowledgement,
                date: cycle.ack_due_on,
                summary: t("calendar-ack-due"),
                description: t("calendar-ack-due-description"),
                // Acknowledging happens on the review page itself.
                link: link.strip_suffix("/self").unwrap_or(link).to_string(),
            });
        }
        if phases.contains(&Phase::ManagerReview) {
            entries.push(DueEntry {
                phase: Phase::ManagerReview,
                date: cycle.manager_due_on,
                summary: t("calendar-manager-due"),
                description: t("calendar-manager-due-description"),
                link: self.url("/team"),
            });
        }
        let organizer = self.from_address();
        calendar::build(&Invite {
            method,
            cycle_id: &cycle.id,
            person_id,
            sequence: calendar::sequence(cycle.dates_sequence, method),
            organizer: &organizer,
            attendee: attendee.1,
            attendee_name: attendee.0,
            stamp: Utc.from_utc_datetime(&now),
            entries,
        })
    }

    /// The MIME message: text and HTML as alternatives, the calendar file
    /// attached, a Message-ID that stays the same on every retry.
    pub fn message(
        &self,
        message_id: &str,
        rendered: &Rendered,
        now: NaiveDateTime,
    ) -> Result<Message, ComposeError> {
        let to_email: lettre::Address = rendered
            .to_address
            .parse()
            .map_err(|e| ComposeError::Build(format!("{}: {e}", rendered.to_address)))?;
        let to = Mailbox::new(Some(rendered.to_name.clone()), to_email);
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject.clone())
            .message_id(Some(format!("<{message_id}@{}>", self.domain)))
            .date(std::time::SystemTime::from(Utc.from_utc_datetime(&now)))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".into(),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                rendered.lang.clone(),
            ));
        let alternative =
            MultiPart::alternative_plain_html(rendered.text.clone(), rendered.html.clone());
        let body = match (&rendered.ics, rendered.ics_method) {
            (Some(ics), Some(method)) => {
                let content_type =
                    ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                        .map_err(|e| ComposeError::Build(e.to_string()))?;
                MultiPart::mixed().multipart(alternative).singlepart(
                    Attachment::new("cermin.ics".into()).body(ics.clone(), content_type),
                )
            }
            _ => alternative,
        };
        builder
            .multipart(body)
            .map_err(|e| ComposeError::Build(e.to_string()))
    }
}

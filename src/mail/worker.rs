//! The worker that sends mail: it plans the day's reminders, claims due
//! messages under a lease, renders them, sends them (a few at a time, within
//! the per-minute limit) and records how each went.
//!
//! Never lost: a passing failure (server down, 4xx) is retried with growing,
//! jittered delays; a claim whose worker died expires and is taken again.
//! Never twice: each message is one outbox row with a unique dedupe key and
//! is marked sent by the worker holding its lease; its Message-ID is stable,
//! so in the one window no database can close (the server took the message,
//! the worker died before recording it) mail clients still see one message.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use futures_util::StreamExt;
use serde::Serialize;

use super::compose::{Batch, ComposeError, Composed, Composer, Rendered};
use super::schedule::{self, Clock};
use super::transport::{SendError, Transport};
use crate::config::Settings;
use crate::db::outbox::{self, OutboxRow};
use crate::db::{self, Db, DbError};
use crate::domain::mail::{retry_delay, MailKind, MAX_ATTEMPTS};

/// How many messages one claim takes, how long the claim holds, and how many
/// are handed to the mail server at once.
const BATCH: i64 = 50;
const LEASE_SECONDS: i64 = 300;
const IN_FLIGHT: usize = super::transport::MAX_CONNECTIONS;
/// How often an idle worker looks for due mail.
const POLL: StdDuration = StdDuration::from_secs(2);

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Report {
    pub planned: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Report {
    fn add(&mut self, o: Report) {
        self.planned += o.planned;
        self.sent += o.sent;
        self.retried += o.retried;
        self.failed += o.failed;
        self.skipped += o.skipped;
    }
}

pub struct Mailer {
    db: Db,
    composer: Arc<Composer>,
    transport: Arc<Transport>,
    clock: Clock,
    rate_per_minute: i64,
    worker_id: String,
}

/// The outcome of one claimed row, to be recorded.
enum Outcome {
    Sent(Box<Rendered>, String),
    Transient(String),
    Permanent(String),
    Skipped(String),
}

impl Mailer {
    /// A worker with its own templates (the command line, the benchmark).
    pub fn new(settings: &Settings, db: Db) -> Result<Self, String> {
        let tera = crate::templating::build_tera(settings.timezone, settings.source_url.as_deref())
            .map_err(|e| format!("mail templates: {e}"))?;
        Self::with_templates(settings, db, Arc::new(tera))
    }

    /// A worker rendering with templates already built (the server's).
    pub fn with_templates(
        settings: &Settings,
        db: Db,
        tera: Arc<tera::Tera>,
    ) -> Result<Self, String> {
        let composer = Composer::new(
            tera,
            &settings.base_url,
            &settings.mail_from,
            settings.timezone,
        )?;
        let transport = Transport::new(
            settings.smtp_url.as_deref(),
            settings.smtp_ca_file.as_deref(),
            &settings.data_dir,
        )?;
        Ok(Self {
            db,
            composer: Arc::new(composer),
            transport: Arc::new(transport),
            clock: Clock {
                tz: settings.timezone,
                send_hour: settings.mail_send_hour,
                overdue_grace_days: settings.mail_overdue_grace_days,
            },
            rate_per_minute: i64::from(settings.mail_rate_per_minute),
            worker_id: db::new_id(),
        })
    }

    /// This worker under another name (tests run two over one outbox).
    pub fn with_worker_id(mut self, id: &str) -> Self {
        self.worker_id = id.to_string();
        self
    }

    pub fn composer(&self) -> &Composer {
        &self.composer
    }

    /// Where mail goes (the SMTP URL without its password, or the folder).
    pub fn destination(&self) -> String {
        self.transport.describe()
    }

    /// Plan what is due at `now`, then send everything due, within the rate.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<Report, DbError> {
        let planned = self.plan(now).await?;
        let mut report = Report {
            planned,
            ..Report::default()
        };
        report.add(self.deliver(now.naive_utc()).await?);
        Ok(report)
    }

    /// Queue what the schedule says is due at `now` (reminders, notices,
    /// digests); returns how many messages were queued.
    pub async fn plan(&self, now: DateTime<Utc>) -> Result<usize, DbError> {
        let clock = self.clock;
        self.db
            .run(move |conn| -> Result<usize, DbError> { Ok(schedule::plan(conn, now, &clock)?) })
            .await
    }

    /// Send what is due at `now` until nothing more can be claimed.
    pub async fn deliver(&self, now: NaiveDateTime) -> Result<Report, DbError> {
        let mut report = Report::default();
        loop {
            let (r, claimed) = self.deliver_batch(now).await?;
            report.add(r);
            // A whole batch refused for now (server down or throttling us):
            // stop here rather than try every other queued message too.
            let server_away = claimed > 0 && r.sent == 0 && r.retried > 0;
            if claimed == 0 || server_away {
                if report.sent + report.failed + report.retried > 0 {
                    tracing::info!(
                        sent = report.sent,
                        failed = report.failed,
                        to_retry = report.retried,
                        skipped = report.skipped,
                        "mail delivered"
                    );
                }
                return Ok(report);
            }
        }
    }

    /// Claim one batch, without sending it: what a worker that dies right
    /// after claiming leaves behind (used by tests of that case).
    pub async fn claim_only(&self, now: NaiveDateTime) -> Result<usize, DbError> {
        let worker = self.worker_id.clone();
        let rate = self.rate_per_minute;
        self.db
            .run(move |conn| -> Result<usize, DbError> {
                let lease = now + Duration::seconds(LEASE_SECONDS);
                Ok(outbox::claim(conn, &worker, now, lease, BATCH, rate)?.len())
            })
            .await
    }

    async fn deliver_batch(&self, now: NaiveDateTime) -> Result<(Report, usize), DbError> {
        let worker = self.worker_id.clone();
        let rate = self.rate_per_minute;
        let composer = self.composer.clone();
        let prepared: Vec<(OutboxRow, Result<Composed, ComposeError>)> = self
            .db
            .run(move |conn| -> Result<_, DbError> {
                let lease = now + Duration::seconds(LEASE_SECONDS);
                let rows = outbox::claim(conn, &worker, now, lease, BATCH, rate)?;
                let mut batch = Batch::read(conn, &rows);
                Ok(rows
                    .into_iter()
                    .map(|row| {
                        let composed = composer.compose(conn, &mut batch, &row, now);
                        (row, composed)
                    })
                    .collect())
            })
            .await?;
        let claimed = prepared.len();
        if claimed == 0 {
            return Ok((Report::default(), 0));
        }
        let composer = self.composer.clone();
        let transport = self.transport.clone();
        let outcomes: Vec<(OutboxRow, Outcome)> = futures_util::stream::iter(prepared)
            .map(|(row, composed)| {
                let composer = composer.clone();
                let transport = transport.clone();
                async move {
                    let outcome = match composed {
                        Ok(Composed::Skip(reason)) => Outcome::Skipped(reason),
                        Err(ComposeError::Query(e)) => Outcome::Transient(e.to_string()),
                        Err(e) => Outcome::Permanent(e.to_string()),
                        Ok(Composed::Ready(rendered)) => {
                            match composer.message(&row.message_id, &rendered, now) {
                                Err(e) => Outcome::Permanent(e.to_string()),
                                Ok(message) => match transport.send(message).await {
                                    Ok(answer) => Outcome::Sent(rendered, answer),
                                    Err(SendError::Transient(e)) => Outcome::Transient(e),
                                    Err(SendError::Permanent(e)) => Outcome::Permanent(e),
                                },
                            }
                        }
                    };
                    (row, outcome)
                }
            })
            .buffer_unordered(IN_FLIGHT)
            .collect()
            .await;
        let worker = self.worker_id.clone();
        let report = self
            .db
            .run(move |conn| -> Result<Report, DbError> {
                let mut report = Report::default();
                db::write_tx(conn, |conn| {
                    for (row, outcome) in &outcomes {
                        record(conn, &worker, row, outcome, now, &mut report)?;
                    }
                    Ok::<_, diesel::result::Error>(())
                })?;
                Ok(report)
            })
            .await?;
        tracing::debug!(?report, "mail batch done");
        Ok((report, claimed))
    }

    /// Send a test message straight away (not through the queue) and return
    /// the server's answer; the attempt is written to the outbox for the log.
    pub async fn send_test(
        &self,
        person_id: &str,
        name: &str,
        address: &str,
        lang: crate::domain::Lang,
    ) -> Result<String, String> {
        let now = db::now();
        let mut ctx = tera::Context::new();
        ctx.insert("sent_at", &now.format("%Y-%m-%dT%H:%M:%S").to_string());
        ctx.insert("transport", &self.destination());
        let rendered = self
            .composer
            .render(MailKind::Test, lang, (name, address), ctx)
            .map_err(|e| e.to_string())?;
        let id = db::new_id();
        let message = self
            .composer
            .message(&id, &rendered, now)
            .map_err(|e| e.to_string())?;
        let result = self.transport.send(message).await;
        let (status, answer, error) = match &result {
            Ok(a) => ("sent", a.clone(), String::new()),
            Err(e) => ("failed", String::new(), e.to_string()),
        };
        let row = outbox::NewOutboxRow {
            message_id: id.clone(),
            id: id.clone(),
            dedupe_key: format!("test:{person_id}:{id}"),
            recipient_id: Some(person_id.to_string()),
            to_address: address.to_string(),
            kind: MailKind::Test.code().into(),
            lang: lang.code().into(),
            subject: rendered.subject.clone(),
            body_text: rendered.text.clone(),
            body_html: rendered.html.clone(),
            cycle_id: None,
            review_id: None,
            status: status.into(),
            next_attempt_at: now,
            created_at: now,
            payload: "{}".into(),
        };
        let log = self
            .db
            .run(move |conn| -> Result<(), DbError> {
                outbox::insert_many(conn, &[row])?;
                outbox::record_test(conn, &id, now, &answer, &error)?;
                Ok(())
            })
            .await;
        if let Err(e) = log {
            tracing::warn!(error = %e, "could not log the test email");
        }
        result.map_err(|e| e.to_string())
    }

    /// Run in the background: plan once a minute, send whenever mail is due.
    pub fn spawn(self: Arc<Self>) {
        tracing::info!(destination = %self.destination(), "mail worker started");
        tokio::spawn(async move {
            let mut last_plan: Option<DateTime<Utc>> = None;
            let mut away: u32 = 0;
            loop {
                let now = Utc::now();
                if last_plan.is_none_or(|t| now - t >= Duration::seconds(60)) {
                    let clock = self.clock;
                    let planned = self
                        .db
                        .run(move |conn| -> Result<usize, DbError> {
                            Ok(schedule::plan(conn, now, &clock)?)
                        })
                        .await;
                    match planned {
                        Ok(n) if n > 0 => tracing::info!(count = n, "mail planned"),
                        Ok(_) => {}
                        Err(e) => {
                            tracing::warn!(error = %e, "mail planning failed; will try again")
                        }
                    }
                    last_plan = Some(now);
                }
                let pause = match self.deliver(now.naive_utc()).await {
                    // Nothing went and something must wait: the server is
                    // away. Look again later, less often the longer it stays away.
                    Ok(r) if r.sent == 0 && r.retried > 0 => {
                        away = (away + 1).min(5);
                        StdDuration::from_secs(15 << away)
                    }
                    Ok(_) => {
                        away = 0;
                        POLL
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "mail delivery failed; will try again");
                        POLL
                    }
                };
                tokio::time::sleep(pause).await;
            }
        });
    }
}

/// Write down how one message went.
fn record(
    conn: &mut db::DbConnection,
    worker: &str,
    row: &OutboxRow,
    outcome: &Outcome,
    now: NaiveDateTime,
    report: &mut Report,
) -> diesel::QueryResult<()> {
    match outcome {
        Outcome::Sent(r, answer) => {
            // A one-time link is not kept once it has left.
            let kind = MailKind::parse(&row.kind);
            let secret = matches!(
                kind,
                Some(MailKind::AccountInvitation)
                    | Some(MailKind::PasswordReset)
                    | Some(MailKind::SignInLink)
            );
            let token = serde_json::from_str::<serde_json::Value>(&row.payload)
                .ok()
                .and_then(|p| p.get("token").and_then(|t| t.as_str()).map(str::to_string))
                .filter(|t| secret && !t.is_empty());
            let hide = |s: &str| match &token {
                Some(t) => s.replace(t.as_str(), "…"),
                None => s.to_string(),
            };
            let (text, html) = (hide(&r.text), hide(&r.html));
            outbox::mark_sent(
                conn,
                &row.id,
                worker,
                now,
                &outbox::Rendered {
                    subject: &r.subject,
                    body_text: &text,
                    body_html: &html,
                    ics: r.ics.as_deref(),
                    lang: &r.lang,
                },
                answer,
            )?;
            if token.is_some() {
                outbox::forget_payload(conn, &row.id)?;
            }
            report.sent += 1;
        }
        Outcome::Transient(e) if row.attempts < MAX_ATTEMPTS => {
            let at = now + retry_delay(row.attempts, rand::random::<f64>());
            outbox::mark_retry(conn, &row.id, worker, at, e)?;
            report.retried += 1;
        }
        Outcome::Transient(e) => {
            let text = format!("gave up after {} tries: {e}", row.attempts);
            outbox::mark_failed(conn, &row.id, worker, now, &text)?;
            report.failed += 1;
        }
        Outcome::Permanent(e) => {
            outbox::mark_failed(conn, &row.id, worker, now, e)?;
            report.failed += 1;
        }
        Outcome::Skipped(reason) => {
            outbox::mark_skipped(conn, &row.id, worker, reason)?;
            report.skipped += 1;
        }
    }
    Ok(())
}

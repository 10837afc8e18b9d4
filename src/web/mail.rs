//! HR's view of email: the outbox (queued, sent, failed, with the server's
//! answer and a retry button), a preview of every kind of mail in both
//! languages, and a test message that reports what the mail server said.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::render::{page, see_other};
use super::State;
use crate::db::outbox;
use crate::domain::mail::{MailKind, OutboxStatus};
use crate::domain::{policy, Lang};
use crate::error::AppError;
use crate::mail::preview;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/mail", web::get().to(show_outbox))
        .route("/mail/test", web::post().to(send_test_mail))
        .route("/mail/previews", web::get().to(list_previews))
        .route("/mail/previews/{kind}/{lang}", web::get().to(show_preview))
        .route(
            "/mail/previews/{kind}/{lang}/html",
            web::get().to(show_preview_html),
        )
        .route("/mail/{id}", web::get().to(show_mail))
        .route("/mail/{id}/retry", web::post().to(retry_mail));
}

const LIST_SIZE: i64 = 200;

#[derive(Deserialize)]
pub struct OutboxQuery {
    status: Option<String>,
    cycle: Option<String>,
    address: Option<String>,
    notice: Option<String>,
}

#[derive(Serialize)]
struct StatusCount {
    code: &'static str,
    count: i64,
    /// More than `count` (counting stops there).
    more: bool,
}

/// Counts per status stop here: "1000+" is as useful as the exact number,
/// and costs the same with 10 messages or 10 million.
const COUNT_CAP: i64 = 1000;

#[derive(Serialize)]
struct OutboxPage {
    destination: String,
    counts: Vec<StatusCount>,
    status: String,
    address: String,
    cycle: String,
    rows: Vec<outbox::OutboxListRow>,
    limit: i64,
    notice: Option<&'static str>,
    test_result: Option<TestResult>,
}

#[derive(Serialize)]
struct TestResult {
    ok: bool,
    to: String,
    answer: String,
}

async fn outbox_page(
    state: &State,
    user: &CurrentUser,
    q: OutboxQuery,
    test_result: Option<TestResult>,
) -> Result<HttpResponse, AppError> {
    let status = q.status.as_deref().and_then(OutboxStatus::parse);
    let address = q.address.clone().unwrap_or_default().trim().to_string();
    let a = address.clone();
    let cycle = q.cycle.clone().filter(|c| !c.is_empty());
    let c = cycle.clone();
    let (counts, rows) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let mut counts = vec![];
            for s in OutboxStatus::ALL {
                let n = outbox::count_up_to(conn, s, COUNT_CAP)?;
                counts.push(StatusCount {
                    code: s.code(),
                    count: n.min(COUNT_CAP),
                    more: n > COUNT_CAP,
                });
            }
            Ok((
                counts,
                outbox::list(conn, status, c.as_deref(), Some(&a), LIST_SIZE)?,
            ))
        })
        .await?;
    let notice = match q.notice.as_deref() {
        Some("retried") => Some("outbox-notice-retried"),
        _ => None,
    };
    page(
        &state.templates,
        &user.visitor,
        "outbox/list.html",
        &OutboxPage {
            destination: state.mailer.destination(),
            counts,
            status: status.map(|s| s.code().to_string()).unwrap_or_default(),
            address,
            cycle: cycle.unwrap_or_default(),
            rows,
            limit: LIST_SIZE,
            notice,
            test_result,
        },
    )
}

pub async fn show_outbox(
    state: State,
    user: CurrentUser,
    q: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_mail)?;
    outbox_page(&state, &user, q.into_inner(), None).await
}

#[derive(Serialize)]
struct MailPage {
    row: outbox::OutboxRow,
}

/// One message as it was sent (or will be: facts only until then).
pub async fn show_mail(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_mail)?;
    let id = path.into_inner();
    let row = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(outbox::find(conn, &id)?) })
        .await?
        .ok_or(AppError::NotFound)?;
    page(
        &state.templates,
        &user.visitor,
        "outbox/show.html",
        &MailPage { row },
    )
}

pub async fn retry_mail(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_mail)?;
    let id = path.into_inner();
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(crate::app::mail::retry(conn, &actor, clock, &id)?)
        })
        .await?;
    Ok(see_other("/mail?status=queued&notice=retried"))
}

/// Send a test message to the signed-in HR person, now, and show the answer.
pub async fn send_test_mail(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_mail)?;
    let me = user.user.clone();
    let lang = user.visitor.lang;
    let result = state
        .mailer
        .send_test(&me.id, &me.name, &me.email, lang)
        .await;
    let ok = result.is_ok();
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(crate::app::mail::record_test_mail(conn, &actor, clock, ok)?)
        })
        .await?;
    let (ok, answer) = match result {
        Ok(a) => (true, a),
        Err(e) => (false, e),
    };
    outbox_page(
        &state,
        &user,
        OutboxQuery {
            status: None,
            cycle: None,
            address: None,
            notice: None,
        },
        Some(TestResult {
            ok,
            to: me.email,
            answer,
        }),
    )
    .await
}

#[derive(Serialize)]
struct PreviewLink {
    kind: &'static str,
    langs: Vec<&'static str>,
}

#[derive(Serialize)]
struct PreviewsPage {
    kinds: Vec<PreviewLink>,
}

pub async fn list_previews(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_mail)?;
    let kinds = MailKind::ALL
        .into_iter()
        .map(|k| PreviewLink {
            kind: k.code(),
            langs: Lang::ALL.iter().map(|l| l.code()).collect(),
        })
        .collect();
    page(
        &state.templates,
        &user.visitor,
        "outbox/previews.html",
        &PreviewsPage { kinds },
    )
}

fn rendered_sample(
    state: &State,
    kind: &str,
    lang: &str,
) -> Result<crate::mail::compose::Rendered, AppError> {
    let kind = MailKind::parse(kind).ok_or(AppError::NotFound)?;
    let lang = Lang::parse(lang).ok_or(AppError::NotFound)?;
    preview::render(
        state.mailer.composer(),
        kind,
        lang,
        &state.settings.base_url,
        state.today(),
    )
    .map_err(AppError::unexpected)
}

#[derive(Serialize)]
struct PreviewPage {
    kind: String,
    mail_lang: String,
    mail: crate::mail::compose::Rendered,
}

pub async fn show_preview(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_mail)?;
    let (kind, lang) = path.into_inner();
    let mail = rendered_sample(&state, &kind, &lang)?;
    page(
        &state.templates,
        &user.visitor,
        "outbox/preview.html",
        &PreviewPage {
            kind,
            mail_lang: lang,
            mail,
        },
    )
}

/// The HTML part alone, as a mail client would show it. Mail HTML uses
/// inline styles, so this one response allows them; nothing else.
pub async fn show_preview_html(
    state: State,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_mail)?;
    let (kind, lang) = path.into_inner();
    let mail = rendered_sample(&state, &kind, &lang)?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((
            "content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
             frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ))
        .body(mail.html))
}

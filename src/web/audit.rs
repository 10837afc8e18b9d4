//! HR reads the audit log.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::render::page;
use super::State;
use crate::db::audit;
use crate::domain::policy;
use crate::error::AppError;

const PAGE_SIZE: i64 = 100;

#[derive(Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    page: Option<i64>,
}

#[derive(Serialize)]
struct AuditItem {
    at: chrono::NaiveDateTime,
    actor: Option<String>,
    action: String,
    subject_type: String,
    subject_id: String,
    details: String,
}

#[derive(Serialize)]
struct AuditPage {
    entries: Vec<AuditItem>,
    action: String,
    page: i64,
    pages: i64,
    total: i64,
    prev_url: Option<String>,
    next_url: Option<String>,
}

pub async fn list_audit(
    state: State,
    user: CurrentUser,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    if !policy::may_read_audit_log(&user.actor()) {
        return Err(AppError::Forbidden);
    }
    let action = q.action.clone().unwrap_or_default();
    let page_no = q.page.unwrap_or(1).max(1);
    let a = action.clone();
    let (rows, total) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let total = audit::count(conn, Some(&a))?;
            Ok((
                audit::list(conn, Some(&a), PAGE_SIZE, (page_no - 1) * PAGE_SIZE)?,
                total,
            ))
        })
        .await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let url = |p: i64| {
        format!(
            "/audit?{}",
            serde_urlencoded::to_string([("action", action.as_str()), ("page", &p.to_string())])
                .unwrap_or_default()
        )
    };
    let model = AuditPage {
        entries: rows
            .into_iter()
            .map(|(r, actor)| AuditItem {
                at: r.at,
                actor,
                action: r.action,
                subject_type: r.subject_type,
                subject_id: r.subject_id,
                details: r.details,
            })
            .collect(),
        prev_url: (page_no > 1).then(|| url(page_no - 1)),
        next_url: (page_no < pages).then(|| url(page_no + 1)),
        action,
        page: page_no,
        pages,
        total,
    };
    page(&state.templates, &user.visitor, "audit/list.html", &model)
}

//! HR reads the audit log.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::render::page;
use super::State;
use crate::db::audit::{self, Cursor, Direction};
use crate::domain::policy;
use crate::error::AppError;

const PAGE_SIZE: i64 = 100;

#[derive(Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    /// The page just older than this record (a cursor, see `audit::Cursor`).
    before: Option<String>,
    /// The page just newer than this record.
    after: Option<String>,
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
    /// Links to the newest page, and to the pages beside this one.
    newest_url: Option<String>,
    newer_url: Option<String>,
    older_url: Option<String>,
}

/// The log, newest first, a page at a time by key: no page counts every
/// record or skips over the ones before it (there are millions in time).
pub async fn list_audit(
    state: State,
    user: CurrentUser,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    if !policy::may_read_audit_log(&user.actor()) {
        return Err(AppError::Forbidden);
    }
    let action = q.action.clone().unwrap_or_default().trim().to_string();
    // A cursor that is not one of ours (an edited address) starts at the newest.
    let from = match (&q.before, &q.after) {
        (Some(c), _) => Cursor::decode(c).map(|c| (c, Direction::Older)),
        (None, Some(c)) => Cursor::decode(c).map(|c| (c, Direction::Newer)),
        _ => None,
    };
    let a = action.clone();
    let f = from.clone();
    let mut rows = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(audit::page(
                conn,
                Some(&a),
                f.as_ref().map(|(c, d)| (c, *d)),
                PAGE_SIZE + 1,
            )?)
        })
        .await?;
    // One row more than a page says whether there is more that way.
    let more = rows.len() as i64 > PAGE_SIZE;
    if more {
        match from {
            Some((_, Direction::Newer)) => {
                rows.remove(0);
            }
            _ => rows.truncate(PAGE_SIZE as usize),
        }
    }
    let (has_newer, has_older) = match &from {
        None => (false, more),
        Some((_, Direction::Older)) => (true, more),
        Some((_, Direction::Newer)) => (more, true),
    };
    let url = |key: &str, cursor: Option<Cursor>| {
        let mut pairs = vec![];
        if !action.is_empty() {
            pairs.push(("action", action.clone()));
        }
        if let Some(c) = cursor {
            pairs.push((key, c.encode()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/audit".to_string()
        } else {
            format!("/audit?{query}")
        }
    };
    let first = rows.first().map(|(r, _)| Cursor::of(r));
    let last = rows.last().map(|(r, _)| Cursor::of(r));
    let model = AuditPage {
        newest_url: has_newer.then(|| url("", None)),
        newer_url: has_newer
            .then(|| url("after", first))
            .filter(|_| !rows.is_empty()),
        older_url: has_older
            .then(|| url("before", last))
            .filter(|_| !rows.is_empty()),
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
        action,
    };
    page(&state.templates, &user.visitor, "audit/list.html", &model)
}

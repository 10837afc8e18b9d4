//! HR imports people from a CSV file: upload (or paste), see a preview of
//! what each row will do, then apply it in one transaction.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::render::{page, page_with_status};
use super::State;
use crate::app::people as accounts;
use crate::db::{self, audit, people, DbConnection};
use crate::domain::import::{self, Existing, Outcome, Plan};
use crate::domain::policy;
use crate::error::AppError;

const MAX_FILE: usize = 5 * 1024 * 1024;

#[derive(Serialize, Default)]
struct ImportPage {
    error: Option<&'static str>,
    error_column: Option<&'static str>,
    csv_text: String,
}

pub async fn import_form(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    page(
        &state.templates,
        &user.visitor,
        "people/import.html",
        &ImportPage::default(),
    )
}

/// The directory as the import sees it, for the emails in the file and every
/// manager they name.
fn load_existing(
    conn: &mut DbConnection,
    rows: &[import::ImportRow],
) -> Result<HashMap<String, Existing>, AppError> {
    let mut emails: Vec<String> = rows.iter().map(|r| r.email.trim().to_lowercase()).collect();
    emails.extend(
        rows.iter()
            .filter_map(|r| r.manager_email.as_ref())
            .map(|m| m.trim().to_lowercase())
            .filter(|m| !m.is_empty()),
    );
    emails.sort();
    emails.dedup();
    let found = people::find_by_emails(conn, &emails)?;
    // Everyone's manager link, by email, so loops through people outside the file are seen.
    let links = people::manager_links(conn)?;
    let all_ids: Vec<String> = links.iter().filter_map(|(_, m)| m.clone()).collect();
    let mut email_of: HashMap<String, String> = people::find_many(conn, &all_ids)?
        .into_iter()
        .map(|p| (p.id, p.email))
        .collect();
    for p in &found {
        email_of.insert(p.id.clone(), p.email.clone());
    }
    let mut existing: HashMap<String, Existing> = HashMap::new();
    for p in found {
        existing.insert(
            p.email.clone(),
            Existing {
                manager_email: p.manager_id.as_ref().and_then(|m| email_of.get(m).cloned()),
                name: p.name,
                department: p.department,
                job_title: p.job_title,
                job_description: p.job_description,
                role: p.role,
                lang: p.lang,
                active: p.active,
            },
        );
    }
    // Managers of managers (outside the file) matter for loop detection.
    let ids_by_email: HashMap<String, String> = email_of
        .iter()
        .map(|(id, e)| (e.clone(), id.clone()))
        .collect();
    let manager_by_id: HashMap<String, Option<String>> = links.into_iter().collect();
    let mut frontier: Vec<String> = existing
        .values()
        .filter_map(|e| e.manager_email.clone())
        .collect();
    while let Some(m) = frontier.pop() {
        if existing.contains_key(&m) {
            continue;
        }
        let Some(id) = ids_by_email.get(&m) else {
            continue;
        };
        let manager_email = manager_by_id
            .get(id)
            .cloned()
            .flatten()
            .and_then(|mid| email_of.get(&mid).cloned());
        if let Some(next) = &manager_email {
            frontier.push(next.clone());
        }
        if let Some(p) = people::find(conn, id)? {
            existing.insert(
                m,
                Existing {
                    manager_email,
                    name: p.name,
                    department: p.department,
                    job_title: p.job_title,
                    job_description: p.job_description,
                    role: p.role,
                    lang: p.lang,
                    active: p.active,
                },
            );
        }
    }
    Ok(existing)
}

#[derive(Serialize)]
struct PreviewPage {
    plan: Plan,
    csv_text: String,
}

/// Read the upload: a file part `csv`, or pasted text `csv_text`.
async fn read_upload(mut payload: Multipart) -> Result<Vec<u8>, AppError> {
    let mut file: Vec<u8> = vec![];
    let mut pasted: Vec<u8> = vec![];
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadRequest)?;
        let name = field.name().unwrap_or("").to_string();
        let mut buf = vec![];
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| AppError::BadRequest)?;
            if buf.len() + chunk.len() > MAX_FILE {
                return Err(AppError::BadRequest);
            }
            buf.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csv" => file = buf,
            "csv_text" => pasted = buf,
            _ => {}
        }
    }
    Ok(if file.iter().any(|b| !b.is_ascii_whitespace()) {
        file
    } else {
        pasted
    })
}

async fn make_plan(
    state: &State,
    user: &CurrentUser,
    bytes: Vec<u8>,
) -> Result<Result<(Plan, String), import::ImportError>, AppError> {
    let rows = match import::parse_csv(&bytes) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let text = String::from_utf8(bytes).unwrap_or_default();
    let default_lang = state.settings.default_lang;
    let importer = user.user.email.clone();
    let plan = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let existing = load_existing(conn, &rows)?;
            Ok(import::plan(
                &rows,
                &existing,
                default_lang,
                Some(&importer),
            ))
        })
        .await?;
    Ok(Ok((plan, text)))
}

fn import_error_page(
    state: &State,
    user: &CurrentUser,
    e: import::ImportError,
    csv_text: String,
) -> Result<HttpResponse, AppError> {
    let column = match &e {
        import::ImportError::MissingColumn(c) => Some(*c),
        _ => None,
    };
    let model = ImportPage {
        error: Some(e.message_key()),
        error_column: column,
        csv_text,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        StatusCode::UNPROCESSABLE_ENTITY,
        "people/import.html",
        &model,
    )
}

pub async fn preview_import(
    state: State,
    user: CurrentUser,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let bytes = read_upload(payload).await?;
    let pasted = String::from_utf8_lossy(&bytes).into_owned();
    match make_plan(&state, &user, bytes).await? {
        Ok((plan, csv_text)) => page(
            &state.templates,
            &user.visitor,
            "people/import_preview.html",
            &PreviewPage { plan, csv_text },
        ),
        Err(e) => import_error_page(&state, &user, e, pasted),
    }
}

#[derive(Deserialize)]
pub struct ApplyForm {
    csv_text: String,
}

#[derive(Serialize)]
struct ResultPage {
    created: Vec<CreatedPerson>,
    changed: usize,
    unchanged: usize,
    rejected: usize,
}

#[derive(Serialize)]
struct CreatedPerson {
    id: String,
    name: String,
    email: String,
    link: String,
}

/// Apply the file: plan again inside the transaction (the directory may have
/// changed since the preview), then write every accepted row or none.
pub async fn apply_import(
    state: State,
    user: CurrentUser,
    form: web::Form<ApplyForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let bytes = form.into_inner().csv_text.into_bytes();
    let rows = match import::parse_csv(&bytes) {
        Ok(r) => r,
        Err(e) => {
            return import_error_page(
                &state,
                &user,
                e,
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        }
    };
    let actor = user.user.id.clone();
    let importer = user.user.email.clone();
    let default_lang = state.settings.default_lang;
    let (plan, created) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            db::write_tx(conn, |conn| {
                let existing = load_existing(conn, &rows)?;
                let plan = import::plan(&rows, &existing, default_lang, Some(&importer));
                let created = apply_plan(conn, &plan, &actor)?;
                audit::record(conn, audit::Entry {
                    actor_id: Some(&actor),
                    action: "people.imported",
                    subject_type: "import",
                    subject_id: &db::new_id(),
                    details: serde_json::json!({ "created": plan.creates, "changed": plan.changes, "unchanged": plan.unchanged, "rejected": plan.rejects }),
                    ..Default::default()
                })?;
                Ok((plan, created))
            })
        })
        .await?;
    let base = state.settings.base_url.clone();
    let model = ResultPage {
        created: created
            .into_iter()
            .map(|(id, name, email, token)| CreatedPerson {
                id,
                name,
                email,
                link: accounts::invitation_url(&base, &token),
            })
            .collect(),
        changed: plan.changes,
        unchanged: plan.unchanged,
        rejected: plan.rejects,
    };
    page(
        &state.templates,
        &user.visitor,
        "people/import_result.html",
        &model,
    )
}

/// Write a plan's accepted rows: creations in manager-first order, then changes.
fn apply_plan(
    conn: &mut DbConnection,
    plan: &Plan,
    actor: &str,
) -> Result<Vec<(String, String, String, String)>, AppError> {
    let mut id_of: HashMap<String, String> = HashMap::new();
    let mut created = vec![];
    let mut pending: Vec<&import::PlannedRow> = plan
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Create)
        .collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut next_round = vec![];
        for r in pending {
            let Some(d) = &r.details else { continue };
            let manager_id = match &r.manager_email {
                None => None,
                Some(m) => match id_of.get(m) {
                    Some(id) => Some(id.clone()),
                    None => match people::find_by_email(conn, m)? {
                        Some(p) => Some(p.id),
                        None => {
                            next_round.push(r); // their manager is created later in this file
                            continue;
                        }
                    },
                },
            };
            let (id, token) =
                accounts::add_person(conn, d, manager_id.as_deref(), Some(actor), "import")?;
            id_of.insert(d.email.as_str().to_string(), id.clone());
            created.push((id, d.name.clone(), d.email.as_str().to_string(), token));
        }
        if next_round.len() == before {
            return Err(AppError::unexpected(
                "import: unresolvable managers after planning",
            ));
        }
        pending = next_round;
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Change { .. }))
    {
        let Some(d) = &r.details else { continue };
        let Some(current) = people::find_by_email(conn, d.email.as_str())? else {
            continue;
        };
        let manager_id = match &r.manager_email {
            None => None,
            Some(m) => match id_of.get(m) {
                Some(id) => Some(id.clone()),
                None => people::find_by_email(conn, m)?.map(|p| p.id),
            },
        };
        accounts::apply_changes(conn, &current, d, manager_id.as_deref(), actor, "import")?;
    }
    Ok(created)
}

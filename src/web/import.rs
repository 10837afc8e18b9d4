//! HR imports people from a CSV file: upload (or paste), see a preview of
//! what each row will do, then apply it in one transaction.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::render::{page, page_with_status};
use super::State;
use crate::app::people as accounts;
use crate::domain::import::{self, Plan};
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
            Ok(accounts::plan_import(conn, &rows, default_lang, &importer)?)
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
    let (actor, clock) = (user.actor(), state.clock());
    let default_lang = state.settings.default_lang;
    let (plan, created) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::import_people(
                conn,
                &actor,
                clock,
                &rows,
                default_lang,
            )?)
        })
        .await?;
    let base = state.settings.base_url.clone();
    let model = ResultPage {
        created: created
            .into_iter()
            .map(|a| CreatedPerson {
                link: accounts::invitation_url(&base, &a.token),
                id: a.id,
                name: a.name,
                email: a.email,
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

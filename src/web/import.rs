//! HR imports people from a CSV file: upload (or paste), see a preview of
//! what each row will do, then apply it in one transaction.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use futures_util::StreamExt;
use serde::Serialize;

use super::context::CurrentUser;
use super::render::{page, page_with_status};
use super::State;
use crate::app::people as accounts;
use crate::domain::import::{self, Plan};
use crate::domain::policy;
use crate::error::AppError;

#[derive(Serialize, Default)]
struct ImportPage {
    error: Option<&'static str>,
    error_column: Option<&'static str>,
    error_line: Option<usize>,
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

/// Read the upload: a file part `csv`, or pasted text `csv_text`; a part over
/// the size limit is an import error with its own message.
async fn read_upload(
    mut payload: Multipart,
) -> Result<Result<Vec<u8>, import::ImportError>, AppError> {
    let mut file: Vec<u8> = vec![];
    let mut pasted: Vec<u8> = vec![];
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadRequest)?;
        let name = field.name().unwrap_or("").to_string();
        let mut buf = vec![];
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| AppError::BadRequest)?;
            if buf.len() + chunk.len() > import::MAX_BYTES {
                return Ok(Err(import::ImportError::TooLarge));
            }
            buf.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csv" => file = buf,
            "csv_text" => pasted = buf,
            _ => {}
        }
    }
    Ok(Ok(if file.iter().any(|b| !b.is_ascii_whitespace()) {
        file
    } else {
        pasted
    }))
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
        error_line: e.line(),
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
    let bytes = match read_upload(payload).await? {
        Ok(b) => b,
        Err(e) => return import_error_page(&state, &user, e, String::new()),
    };
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
/// changed since the preview), then write every accepted row or none. The
/// preview posts the file's text back as multipart, like the upload: a 5 MB
/// file would be up to three times that as an urlencoded form.
pub async fn apply_import(
    state: State,
    user: CurrentUser,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let bytes = match read_upload(payload).await? {
        Ok(b) => b,
        Err(e) => return import_error_page(&state, &user, e, String::new()),
    };
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

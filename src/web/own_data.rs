//! "Your data": a person downloads everything Cermin holds about them that
//! they may see, as JSON (for a program) or as a readable page (HTML); HR
//! downloads the same for a person on their request, with a reason that the
//! audit log keeps. See `app::own_data`.

use actix_web::http::header::{
    CacheControl, CacheDirective, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::{page_context, page_with_status};
use super::State;
use crate::app::{self, own_data};
use crate::db::people;
use crate::domain::policy::{self, PersonFacts};
use crate::domain::PersonId;
use crate::error::AppError;

#[derive(Serialize)]
struct DataPage {
    /// Whose data: `None` for the reader's own.
    person_id: Option<String>,
    person_name: String,
    action: String,
    back: String,
    format: String,
    reason: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct DataForm {
    #[serde(default)]
    format: String,
    #[serde(default)]
    reason: String,
}

async fn form_page(
    state: &State,
    user: &CurrentUser,
    person_id: Option<String>,
    form: DataForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (actor, pid) = (user.actor(), person_id.clone());
    let name = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let Some(pid) = pid else {
                return Ok(String::new());
            };
            let p = people::find(conn, &pid)?.ok_or(AppError::NotFound)?;
            let facts = PersonFacts {
                id: &p.id,
                manager_id: p.manager_id.as_deref(),
            };
            if !policy::may_export_personal_data(&actor, facts) {
                return Err(AppError::Forbidden);
            }
            Ok(p.name)
        })
        .await?;
    let (action, back) = match &person_id {
        Some(id) => (format!("/people/{id}/data"), format!("/people/{id}")),
        None => ("/me/data".to_string(), "/me".to_string()),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let model = DataPage {
        person_id,
        person_name: name,
        action,
        back,
        format: if form.format.is_empty() {
            "html".into()
        } else {
            form.format
        },
        reason: form.reason,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status,
        "me/data.html",
        &model,
    )
}

fn empty() -> DataForm {
    DataForm {
        format: String::new(),
        reason: String::new(),
    }
}

pub async fn my_data_page(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    form_page(&state, &user, None, empty(), FormErrors::default()).await
}

pub async fn person_data_page(
    state: State,
    user: CurrentUser,
    path: web::Path<PersonId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner().as_str().to_string();
    form_page(&state, &user, Some(id), empty(), FormErrors::default()).await
}

pub async fn download_my_data(
    state: State,
    user: CurrentUser,
    form: web::Form<DataForm>,
) -> Result<HttpResponse, AppError> {
    let id = user.user.id.clone();
    download(state, user, id, None, form.into_inner()).await
}

pub async fn download_person_data(
    state: State,
    user: CurrentUser,
    path: web::Path<PersonId>,
    form: web::Form<DataForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner().as_str().to_string();
    download(state, user.clone(), id.clone(), Some(id), form.into_inner()).await
}

async fn download(
    state: State,
    user: CurrentUser,
    subject: String,
    on_request: Option<String>,
    form: DataForm,
) -> Result<HttpResponse, AppError> {
    let format = match form.format.as_str() {
        f @ ("json" | "html" | "zip") => f,
        _ => {
            let mut errors = FormErrors::default();
            errors.add("format", "own-data-error-format");
            return form_page(&state, &user, on_request, form, errors).await;
        }
    };
    let (actor, clock) = (user.actor(), state.clock());
    let reason = form.reason.clone();
    let fmt = format.to_string();
    let asked_by_hr = on_request.is_some();
    let result = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(own_data::export(
                conn,
                &actor,
                clock,
                &subject,
                asked_by_hr.then_some(reason.as_str()),
                &fmt,
            ))
        })
        .await?;
    let data = match result {
        Ok(d) => d,
        Err(app::Error::Invalid(fields)) => {
            let mut errors = FormErrors::default();
            for (field, key) in fields {
                errors.add(&field, key);
            }
            return form_page(&state, &user, on_request, form, errors).await;
        }
        Err(e) => return Err(e.into()),
    };
    let day = clock.today;
    let json = || {
        serde_json::to_vec_pretty(&data)
            .map_err(|e| AppError::unexpected(format!("personal data as JSON: {e}")))
    };
    let html = || -> Result<Vec<u8>, AppError> {
        let ctx = page_context(&user.visitor, &data)?;
        Ok(state
            .templates
            .render(user.visitor.lang, "me/data_file.html", &ctx)?
            .into_bytes())
    };
    let (body, content_type) = match format {
        "json" => (json()?, "application/json; charset=utf-8"),
        "html" => (html()?, "text/html; charset=utf-8"),
        _ => (
            zipped(&[
                (format!("cermin-data-{day}.html"), html()?),
                (format!("cermin-data-{day}.json"), json()?),
            ])?,
            "application/zip",
        ),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "cermin-data-{day}.{format}"
            ))],
        })
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .body(body))
}

/// Files in one ZIP archive (deflated). A person's data is small: it is
/// built in memory.
fn zipped(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, AppError> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let fail =
        |e: &dyn std::fmt::Display| AppError::unexpected(format!("personal data as ZIP: {e}"));
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        archive
            .start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        archive.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(archive.finish().map_err(|e| fail(&e))?.into_inner())
}

// ---- erasing a departed person ----

#[derive(Serialize)]
struct ErasePage {
    person_id: String,
    person_name: String,
    reason: String,
    errors: FormErrors,
}

async fn erase_page(
    state: &State,
    user: &CurrentUser,
    id: String,
    reason: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (actor, pid) = (user.actor(), id.clone());
    let person = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            people::find(conn, &pid)?.ok_or(AppError::NotFound)
        })
        .await?;
    let facts = PersonFacts {
        id: &person.id,
        manager_id: person.manager_id.as_deref(),
    };
    if person.active {
        return Err(AppError::Conflict("erase-error-active"));
    }
    if !policy::may_erase_person(&actor, facts, person.active) {
        return Err(AppError::Forbidden);
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let model = ErasePage {
        person_id: id,
        person_name: person.name,
        reason,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status,
        "people/erase.html",
        &model,
    )
}

pub async fn confirm_erase(
    state: State,
    user: CurrentUser,
    path: web::Path<PersonId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner().as_str().to_string();
    erase_page(&state, &user, id, String::new(), FormErrors::default()).await
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    reason: String,
}

pub async fn erase_person(
    state: State,
    user: CurrentUser,
    path: web::Path<PersonId>,
    form: web::Form<EraseForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner().as_str().to_string();
    let (actor, clock, pid) = (user.actor(), state.clock(), id.clone());
    let reason = form.reason.clone();
    let result = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(own_data::erase(conn, &actor, clock, &pid, &reason))
        })
        .await?;
    match result {
        Ok(_) => Ok(super::render::see_other(&format!(
            "/people/{id}?notice=erased"
        ))),
        Err(app::Error::Invalid(fields)) => {
            let mut errors = FormErrors::default();
            for (field, key) in fields {
                errors.add(&field, key);
            }
            erase_page(&state, &user, id, form.reason.clone(), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

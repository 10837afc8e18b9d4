//! Downloading a cycle's results: the page that offers the files, and the
//! download itself: read in batches into a private temporary file, then
//! streamed (see `app::exports`).

use actix_web::http::header::{
    CacheControl, CacheDirective, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::State;
use crate::app::exports::{self as commands, CsvSheet, Options, Plan};
use crate::db::Db;
use crate::domain::export::{file_name, ExportKind};
use crate::domain::CycleId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status};

/// Chunks of a download waiting for a slow reader, at most.
const IN_FLIGHT: usize = 4;
/// Bytes per chunk when a finished workbook is sent.
const FILE_CHUNK: usize = 64 * 1024;

#[derive(Serialize)]
struct ExportPage {
    cycle_id: String,
    cycle_name: String,
    everyone: bool,
    may_include_private: bool,
    reviews: i64,
    kinds: Vec<&'static str>,
    chosen: &'static str,
    include_private: bool,
    errors: FormErrors,
}

async fn show(
    state: &State,
    user: &CurrentUser,
    id: CycleId,
    chosen: Option<ExportKind>,
    include_private: bool,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (actor, clock) = (user.actor(), state.clock());
    let offer = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(commands::offer(conn, &actor, clock, &id)?) })
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let model = ExportPage {
        cycle_id: offer.cycle_id,
        cycle_name: offer.cycle_name,
        everyone: offer.everyone,
        may_include_private: offer.may_include_private,
        reviews: offer.reviews,
        kinds: ExportKind::ALL.iter().map(|k| k.code()).collect(),
        chosen: chosen.unwrap_or(ExportKind::Workbook).code(),
        include_private,
        errors,
    };
    if status == StatusCode::OK {
        page(
            &state.templates,
            &user.visitor,
            "cycles/export.html",
            &model,
        )
    } else {
        page_with_status(
            &state.templates,
            &user.visitor,
            status,
            "cycles/export.html",
            &model,
        )
    }
}

/// The download page: which files, and what they hold.
pub async fn export_page(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    show(
        &state,
        &user,
        path.into_inner(),
        None,
        false,
        FormErrors::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct ExportForm {
    #[serde(default)]
    kind: String,
    include_private: Option<String>,
}

/// Record the download and stream the file.
pub async fn download(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    form: web::Form<ExportForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let include_private = form
        .include_private
        .as_deref()
        .is_some_and(|v| !v.is_empty());
    let Some(kind) = ExportKind::parse(&form.kind) else {
        let mut errors = FormErrors::default();
        errors.add("kind", "export-error-kind");
        return show(&state, &user, id, None, include_private, errors).await;
    };
    let (actor, clock, lang, tz) = (
        user.actor(),
        state.clock(),
        user.visitor.lang,
        state.settings.timezone,
    );
    let options = Options {
        kind,
        include_private,
    };
    let plan = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::begin(
                conn, &actor, clock, &id, options, lang, tz,
            )?)
        })
        .await?;
    let part = match kind {
        ExportKind::GoalsCsv => "goals",
        ExportKind::ResultsCsv | ExportKind::Workbook => "results",
    };
    let name = file_name(&plan.cycle_name, part, kind);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<web::Bytes, std::io::Error>>(IN_FLIGHT);
    let db = state.db.clone();
    let permit = WRITING
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| AppError::unexpected(format!("the download queue: {e}")))?;
    tokio::task::spawn_blocking(move || {
        produce(&db, &plan, &tx);
        drop(permit);
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Ok(HttpResponse::Ok()
        .content_type(kind.content_type())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name)],
        })
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .streaming(body))
}

type Sender = tokio::sync::mpsc::Sender<Result<web::Bytes, std::io::Error>>;

/// Downloads being written at once. Each holds a database connection while
/// it reads (seconds at 10,000 people); more wait their turn rather than
/// take the pool from everyone else.
static WRITING: std::sync::LazyLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::LazyLock::new(|| std::sync::Arc::new(tokio::sync::Semaphore::new(2)));

/// Write the file into a private temporary folder (the database connection
/// is held only while reading, never while a slow reader downloads), then
/// send it chunk by chunk. A failure half-way breaks the download (the
/// reader's program says it failed) and is logged.
fn produce(db: &Db, plan: &Plan, tx: &Sender) {
    let started = std::time::Instant::now();
    let result = (|| -> Result<(usize, bool), String> {
        let dir = tempfile::Builder::new()
            .prefix("cermin-export-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let file = dir.path().join("download");
        let rows = {
            let mut conn = db.get().map_err(|e| e.to_string())?;
            match plan.kind {
                ExportKind::ResultsCsv | ExportKind::GoalsCsv => {
                    let out = std::fs::File::create(&file).map_err(|e| e.to_string())?;
                    let mut out = std::io::BufWriter::new(out);
                    let mut failed = None;
                    let mut sheet = CsvSheet::new(|chunk| {
                        use std::io::Write;
                        match out.write_all(&chunk) {
                            Ok(()) => true,
                            Err(e) => {
                                failed = Some(e.to_string());
                                false
                            }
                        }
                    });
                    let rows = if plan.kind == ExportKind::GoalsCsv {
                        commands::write_goals(&mut conn, plan, &mut sheet)
                    } else {
                        commands::write_results(&mut conn, plan, &mut sheet)
                    }
                    .map_err(|e| e.to_string())?;
                    if let Some(e) = failed {
                        return Err(e);
                    }
                    std::io::Write::flush(&mut out).map_err(|e| e.to_string())?;
                    rows
                }
                ExportKind::Workbook => {
                    commands::write_workbook(&mut conn, plan, &file)
                        .map_err(|e| e.to_string())?
                        .0
                }
            }
            // The connection goes back to the pool here, before sending.
        };
        let complete = send_file(&file, tx)?;
        Ok((rows, complete))
    })();
    match result {
        Ok((rows, complete)) => tracing::info!(
            cycle = %plan.cycle_id,
            file = plan.kind.code(),
            rows,
            private_comments = plan.include_private,
            ms = started.elapsed().as_millis() as u64,
            "{}",
            if complete { "download sent" } else { "download abandoned by the reader" }
        ),
        Err(e) => {
            tracing::error!(cycle = %plan.cycle_id, file = plan.kind.code(), error = %e, "download failed");
            let _ = tx.blocking_send(Err(std::io::Error::other("the download failed")));
        }
    }
}

/// Send a file; `false` when the reader went away first.
fn send_file(path: &std::path::Path, tx: &Sender) -> Result<bool, String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    loop {
        let mut buf = vec![0; FILE_CHUNK];
        let n = file.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(true);
        }
        buf.truncate(n);
        if tx.blocking_send(Ok(buf.into())).is_err() {
            return Ok(false);
        }
    }
}

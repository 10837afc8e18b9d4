use actix_web::HttpResponse;

use super::State;
use crate::error::AppError;

/// The process is up.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// The database answers.
pub async fn readyz(state: State) -> HttpResponse {
    let r = state
        .db
        .run(|conn| -> Result<(), AppError> { Ok(crate::db::ping(conn)?) })
        .await;
    match r {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Err(_) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body("database unavailable"),
    }
}

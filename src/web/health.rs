use actix_web::HttpResponse;

use super::State;

/// The process is up.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// The database would take a write now (see `Db::writable`): a load
/// balancer sends no one to an instance that could not save their work.
pub async fn readyz(state: State) -> HttpResponse {
    match state.db.writable().await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Err(cause) => {
            tracing::error!(%cause, "not ready: the database cannot be written");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database cannot be written")
        }
    }
}

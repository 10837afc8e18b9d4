//! Pages: a model rendered with the page's language, visitor and CSRF token.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Serialize;
use tera::Context;

use super::context::Visitor;
use crate::error::AppError;

pub use crate::templating::{build_tera, Templates};

/// The context every page gets: the language, the signed-in person, the CSRF
/// token, and the page's own model at the top level.
pub fn page_context<T: Serialize>(visitor: &Visitor, model: &T) -> Result<Context, AppError> {
    let mut ctx = Context::from_serialize(model)?;
    ctx.insert("lang", visitor.lang.code());
    ctx.insert("csrf_token", &visitor.csrf_token);
    ctx.insert("me", &visitor.user);
    ctx.insert("path", &visitor.path);
    Ok(ctx)
}

/// Render a page with 200.
pub fn page<T: Serialize>(
    templates: &Templates,
    visitor: &Visitor,
    name: &str,
    model: &T,
) -> Result<HttpResponse, AppError> {
    page_with_status(templates, visitor, StatusCode::OK, name, model)
}

/// Render a page with a status (422 when a form comes back with messages).
pub fn page_with_status<T: Serialize>(
    templates: &Templates,
    visitor: &Visitor,
    status: StatusCode,
    name: &str,
    model: &T,
) -> Result<HttpResponse, AppError> {
    let ctx = page_context(visitor, model)?;
    let html = templates.render(visitor.lang, name, &ctx)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// A 303 to another page of ours (after a POST).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

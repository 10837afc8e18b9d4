//! Stylesheet, scripts and icons, embedded in the binary.

use actix_web::{web, HttpResponse};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "assets/"]
#[include = "css/*"]
#[include = "js/*"]
#[include = "img/*"]
struct AssetFiles;

pub async fn asset(path: web::Path<String>) -> HttpResponse {
    serve(&path)
}

pub async fn favicon() -> HttpResponse {
    serve("img/favicon.svg")
}

fn serve(path: &str) -> HttpResponse {
    match AssetFiles::get(path) {
        Some(file) => {
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            HttpResponse::Ok()
                .content_type(mime.as_ref())
                .insert_header(("Cache-Control", "public, max-age=3600"))
                .body(file.data.into_owned())
        }
        None => HttpResponse::NotFound()
            .content_type("text/plain")
            .body("not found"),
    }
}

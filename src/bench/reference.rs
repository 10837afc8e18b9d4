//! The benchmark's reference page: the least a page can do on this stack.
//! One query (13 narrow rows of `people`) through the same pool and blocking
//! pool (`Db::run`), rendered by the same Tera, behind the same middleware
//! as every page. `cermin bench --load` reports each page's throughput as a
//! share of this one's, measured in the same run, because absolute figures
//! on a shared machine are noise.
//!
//! Only in the benchmark build (feature `bench`), and mounted only when
//! `CERMIN_BENCH_REFERENCE` is set (the benchmark sets it for the server it
//! starts): the server people install has no such page.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::people;
use crate::error::AppError;
use crate::web::State;

/// Where the reference page is served.
pub const PATH: &str = "/bench/reference";
/// The variable that mounts it.
pub const ENV: &str = "CERMIN_BENCH_REFERENCE";
pub const TEMPLATE_NAME: &str = "bench/reference.html";
pub const TEMPLATE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reference</title></head>
<body><main><h1>Reference</h1>
<table><thead><tr><th>Name</th><th>Department</th><th>Job title</th></tr></thead>
<tbody>{% for p in people %}<tr><td>{{ p.name }}</td><td>{{ p.department }}</td><td>{{ p.job_title }}</td></tr>
{% endfor %}</tbody></table></main></body></html>
"#;

#[derive(Serialize, Queryable)]
struct Row {
    name: String,
    department: String,
    job_title: String,
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    if std::env::var_os(ENV).is_some() {
        cfg.route(PATH, web::get().to(reference));
    }
}

async fn reference(state: State) -> Result<HttpResponse, AppError> {
    let rows: Vec<Row> = state
        .db
        .run(|conn| -> Result<_, AppError> {
            Ok(people::table
                .select((people::name, people::department, people::job_title))
                .order(people::id)
                .limit(13)
                .load(conn)?)
        })
        .await?;
    let mut ctx = tera::Context::new();
    ctx.insert("people", &rows);
    let html = state
        .templates
        .render(crate::domain::Lang::default(), TEMPLATE_NAME, &ctx)?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}

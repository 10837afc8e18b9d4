//! `/metrics` in the Prometheus text format, for the operator's monitoring.
//!
//! Off unless `metrics_token` is set; then a scraper sends it as a bearer
//! token. Request counts and durations are counted per route pattern as
//! requests are served (per instance: each instance is its own target); the
//! rest is read at scrape time: the connection pool, the email outbox and the
//! reviews of open cycles per state.

use std::sync::Arc;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::{Error, HttpRequest, HttpResponse};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use super::{AppState, State};
use crate::auth;
use crate::error::AppError;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: String,
}

fn duration_histogram() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// What is counted while requests are served.
pub struct Metrics {
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram, fn() -> Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            requests: Family::default(),
            durations: Family::new_with_constructor(duration_histogram),
        }
    }
}

impl Metrics {
    pub fn shared() -> Arc<Self> {
        Arc::new(Self::default())
    }
}

/// Count every request by its route pattern (not its address: ids would make
/// a series per review), method and status class.
pub async fn count_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return next.call(req).await;
    };
    if state.settings.metrics_token.is_none() {
        return next.call(req).await;
    }
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req.match_pattern().unwrap_or_else(|| "(unmatched)".into());
    let res = next.call(req).await?;
    let status = format!("{}xx", res.status().as_u16() / 100);
    state
        .metrics
        .requests
        .get_or_create(&RequestLabels {
            route: route.clone(),
            method,
            status,
        })
        .inc();
    state
        .metrics
        .durations
        .get_or_create(&RouteLabels { route })
        .observe(started.elapsed().as_secs_f64());
    Ok(res)
}

fn gauge(registry: &mut Registry, name: &str, help: &str, value: i64) {
    let g: Gauge = Gauge::default();
    g.set(value);
    registry.register(name, help, g);
}

/// The scrape: 404 when metrics are off (as if there were none), 401 without
/// the right token.
pub async fn metrics(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let Some(token) = state.settings.metrics_token.clone() else {
        return Err(AppError::NotFound);
    };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !auth::constant_time_eq(given, &token) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .content_type("text/plain; charset=utf-8")
            .body("a bearer token is needed"));
    }
    let (pool_size, pool_idle) = state.db.pool_state();
    let facts = state
        .db
        .run(|conn| -> Result<_, AppError> { Ok(crate::db::outbox::metrics_facts(conn)?) })
        .await?;

    let mut registry = Registry::with_prefix("cermin");
    registry.register(
        "http_requests",
        "Requests served by this instance, by route pattern, method and status class",
        state.metrics.requests.clone(),
    );
    registry.register(
        "http_request_duration_seconds",
        "Time to answer a request, by route pattern",
        state.metrics.durations.clone(),
    );
    gauge(
        &mut registry,
        "db_pool_connections",
        "Database connections this instance has open",
        i64::from(pool_size),
    );
    gauge(
        &mut registry,
        "db_pool_connections_in_use",
        "Database connections serving a request now",
        i64::from(pool_size.saturating_sub(pool_idle)),
    );
    gauge(
        &mut registry,
        "db_pool_max_connections",
        "The most connections this instance opens (pool_size)",
        i64::from(state.settings.pool_size),
    );
    gauge(
        &mut registry,
        "outbox_queued",
        "Emails waiting to be sent (all instances)",
        facts.queued,
    );
    gauge(
        &mut registry,
        "outbox_failed",
        "Emails that could not be delivered and wait for HR (all instances)",
        facts.failed,
    );
    gauge(
        &mut registry,
        "outbox_oldest_queued_age_seconds",
        "Age of the oldest email due and not yet sent; 0 when none",
        facts.oldest_due_age_seconds,
    );
    gauge(
        &mut registry,
        "mail_sent_last_minute",
        "Emails sent in the last 60 seconds (all instances)",
        facts.sent_last_minute,
    );
    let reviews: Family<StateLabels, Gauge> = Family::default();
    for (state_code, n) in &facts.open_reviews_by_state {
        reviews
            .get_or_create(&StateLabels {
                state: state_code.clone(),
            })
            .set(*n);
    }
    registry.register(
        "open_cycle_reviews",
        "Reviews of open cycles, by state",
        reviews,
    );
    let mut body = String::new();
    encode(&mut body, &registry).map_err(AppError::unexpected)?;
    Ok(HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(body))
}

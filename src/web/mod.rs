//! HTTP handlers, one module per feature. The route table is [`routes`].

pub mod assets;
pub mod audit;
pub mod auth;
pub mod context;
pub mod cycles;
pub mod form_templates;
pub mod forms;
pub mod health;
pub mod history;
pub mod home;
pub mod import;
pub mod insights;
pub mod journal;
pub mod mail;
pub mod me;
pub mod metrics;
pub mod middleware;
pub mod own_data;
pub mod people;
pub mod render;
pub mod review_form;
pub mod reviews;
pub mod team;
pub mod trend;

use actix_web::web;

use crate::auth::session::Lifetimes;
use crate::config::Settings;
use crate::db::Db;
use render::Templates;

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    /// Renders mail previews and sends test mail (the worker itself runs
    /// beside the server when enabled).
    pub mailer: std::sync::Arc<crate::mail::worker::Mailer>,
    pub settings: Settings,
    pub templates: Templates,
    pub lifetimes: Lifetimes,
    /// Request counts and durations for `/metrics`.
    pub metrics: std::sync::Arc<metrics::Metrics>,
}

impl AppState {
    /// Today in the instance's time zone: due dates and phases follow it.
    pub fn today(&self) -> chrono::NaiveDate {
        chrono::Utc::now()
            .with_timezone(&self.settings.timezone)
            .date_naive()
    }

    /// The clock commands run at: now, and today in the instance's time zone.
    pub fn clock(&self) -> crate::app::Clock {
        crate::app::Clock::at(chrono::Utc::now(), self.settings.timezone)
    }
}

pub type State = web::Data<AppState>;

/// Every route, in one place.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(metrics::metrics))
        .route("/readyz", web::get().to(health::readyz))
        .route("/favicon.ico", web::get().to(assets::favicon))
        .route("/assets/{path:.*}", web::get().to(assets::asset))
        .route("/", web::get().to(home::show_home))
        .route(
            "/notifications/{id}/dismiss",
            web::post().to(home::dismiss_notification),
        )
        .route("/sign-in", web::get().to(auth::sign_in_form))
        .route("/sign-in", web::post().to(auth::sign_in))
        .route(
            "/sign-in/link/{token}",
            web::get().to(auth::sign_in_link_form),
        )
        .route(
            "/sign-in/link/{token}",
            web::post().to(auth::finish_sign_in),
        )
        .route("/sign-out", web::post().to(auth::sign_out))
        .route("/setup/{token}", web::get().to(auth::setup_form))
        .route("/setup/{token}", web::post().to(auth::setup))
        .route("/invitation/{token}", web::get().to(auth::invitation_form))
        .route("/password/forgot", web::get().to(auth::forgot_form))
        .route("/password/forgot", web::post().to(auth::request_reset))
        .route("/password/reset/{token}", web::get().to(auth::reset_form))
        .route(
            "/password/reset/{token}",
            web::post().to(auth::reset_password),
        )
        .route(
            "/invitation/{token}",
            web::post().to(auth::accept_invitation),
        )
        .route("/me", web::get().to(me::show_me))
        .route("/me/language", web::post().to(me::set_language))
        .route("/me/email", web::post().to(me::set_email_frequency))
        .route("/me/password", web::get().to(me::password_form))
        .route("/me/password", web::post().to(me::change_password))
        .route("/me/data", web::get().to(own_data::my_data_page))
        .route("/me/data", web::post().to(own_data::download_my_data))
        .route("/people", web::get().to(people::list_people))
        .route("/people/new", web::get().to(people::new_person))
        .route("/people", web::post().to(people::create_person))
        .route("/people/import", web::get().to(import::import_form))
        .route(
            "/people/import/preview",
            web::post().to(import::preview_import),
        )
        .route("/people/import/apply", web::post().to(import::apply_import))
        .route("/people/{id}", web::get().to(people::show_person))
        .route("/people/{id}/edit", web::get().to(people::edit_person))
        .route("/people/{id}/erase", web::get().to(own_data::confirm_erase))
        .route("/people/{id}/erase", web::post().to(own_data::erase_person))
        .route(
            "/people/{id}/data",
            web::get().to(own_data::person_data_page),
        )
        .route(
            "/people/{id}/data",
            web::post().to(own_data::download_person_data),
        )
        .route("/people/{id}", web::post().to(people::update_person))
        .route(
            "/people/{id}/deactivate",
            web::post().to(people::deactivate_person),
        )
        .route(
            "/people/{id}/reactivate",
            web::post().to(people::reactivate_person),
        )
        .route(
            "/people/{id}/invitation",
            web::post().to(people::send_password_link),
        )
        .route(
            "/people/{id}/link",
            web::get().to(people::show_password_link),
        )
        .route("/audit", web::get().to(audit::list_audit))
        .route("/insights", web::get().to(insights::show_insights))
        .configure(cycles::routes)
        .configure(form_templates::routes)
        .configure(reviews::routes)
        .configure(journal::routes)
        .configure(team::routes)
        .configure(history::routes)
        .configure(mail::routes);
    // The benchmark's reference page (benchmark build only, and only when
    // the benchmark asks for it).
    #[cfg(feature = "bench")]
    cfg.configure(crate::bench::reference::routes);
}

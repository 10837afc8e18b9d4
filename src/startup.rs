//! Building the server: settings in, a bound port and a running server out.
//! Tests bind port 0 and read the port back.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};

use crate::auth::session::Lifetimes;
use crate::config::Settings;
use crate::db::Db;
use crate::mail::worker::Mailer;
use crate::web::render::Templates;
use crate::web::{middleware, routes, AppState};

pub struct Application {
    pub port: u16,
    pub db: Db,
    server: Server,
    housekeeping: (chrono_tz::Tz, u32, Lifetimes, chrono::Duration),
    /// The mail worker, when this instance runs one.
    mailer: Option<Arc<Mailer>>,
}

impl Application {
    /// Open the database, run migrations, and bind. Nothing is served until
    /// [`Application::run`].
    pub fn build(settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
        Self::build_on(settings, listener)
    }

    /// As [`Application::build`], on a listener the caller bound (tests bind port 0).
    pub fn build_on(settings: Settings, listener: TcpListener) -> anyhow::Result<Self> {
        crate::i18n::init().map_err(|e| anyhow::anyhow!("translations: {e}"))?;
        let db = Db::connect(&settings.database_url, settings.pool_size)?;
        db.prepare()?;
        Self::with_listener(settings, db, listener)
    }

    pub fn with_listener(
        settings: Settings,
        db: Db,
        listener: TcpListener,
    ) -> anyhow::Result<Self> {
        let port = listener.local_addr()?.port();
        let templates = Templates::new(
            settings.timezone,
            settings.dev_assets,
            settings.source_url.clone(),
        )
        .map_err(|e| anyhow::anyhow!("templates: {e:?}"))?;
        let workers = settings.workers;
        let pool_size = settings.pool_size;
        let housekeeping = (
            settings.timezone,
            settings.mail_send_hour,
            Lifetimes::new(
                settings.session_idle_minutes,
                settings.session_absolute_hours,
            ),
            chrono::Duration::minutes(settings.login_window_minutes),
        );
        let mailer = Arc::new(
            Mailer::with_templates(&settings, db.clone(), templates.shared())
                .map_err(|e| anyhow::anyhow!("mail: {e}"))?,
        );
        let run_mailer = settings.mail_worker.then(|| mailer.clone());
        let state = web::Data::new(AppState {
            mailer,
            db: db.clone(),
            lifetimes: Lifetimes::new(
                settings.session_idle_minutes,
                settings.session_absolute_hours,
            ),
            settings,
            templates,
            metrics: crate::web::metrics::Metrics::shared(),
        });
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::FormConfig::default().limit(8 * 1024 * 1024))
                .configure(routes)
                .wrap(from_fn(middleware::render_errors))
                .wrap(from_fn(middleware::session))
                .wrap(Compress::default())
                .wrap(from_fn(middleware::security_headers))
                .wrap(from_fn(crate::web::metrics::count_requests))
                .wrap(from_fn(middleware::request_id))
                .wrap(
                    actix_web::middleware::Logger::new("%a \"%r\" %s %Dms id=%{x-request-id}o")
                        .exclude("/healthz"),
                )
        })
        // Answers often go out as headers then body; without this, Nagle's
        // algorithm and delayed ACKs add ~40 ms to most pages.
        .tcp_nodelay(true)
        .listen(listener)?;
        let workers = workers.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        });
        // Database work runs on each worker's blocking threads, and each
        // needs one of the pool's connections: more threads than connections
        // only wait on the pool (measured under load: a fifth of the time in
        // the kernel switching threads, and a thread stack each). Tasks
        // beyond these queue in Tokio instead.
        let blocking = (pool_size as usize / workers).max(1);
        server = server
            .workers(workers)
            .worker_max_blocking_threads(blocking);
        Ok(Self {
            port,
            db,
            server: server.run(),
            housekeeping,
            mailer: run_mailer,
        })
    }

    /// Serve until stopped, with housekeeping running beside.
    pub async fn run(self) -> std::io::Result<()> {
        self.into_server().await
    }

    /// The server future, with housekeeping and the mail worker started
    /// (call inside a Tokio runtime).
    pub fn into_server(self) -> Server {
        let (tz, send_hour, lifetimes, window) = self.housekeeping;
        crate::maintenance::spawn(self.db.clone(), tz, send_hour, lifetimes, window);
        crate::maintenance::spawn_memory_return();
        if let Some(m) = self.mailer {
            m.spawn();
        }
        self.server
    }
}

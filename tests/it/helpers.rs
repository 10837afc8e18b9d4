//! The test harness: a real server on port 0 over a fresh database (an SQLite
//! file, or a new PostgreSQL database when CERMIN_TEST_DATABASE_URL is set),
//! and a cookie-keeping client that behaves like a browser.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::Once;

use cermin::config::Settings;
use cermin::db::{self, Db, DbConnection};
use cermin::startup::Application;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::header::{HeaderMap, LOCATION};
use reqwest::StatusCode;

pub use cermin::demo::{email_of, DEMO_PASSWORD};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub settings: Settings,
    /// The database URL the app was started with (for running the command line on it).
    pub database_url: String,
    #[allow(dead_code)]
    pub backend: Backend,
    _dir: tempfile::TempDir,
    pg_database: Option<(String, String)>,
}

/// The admin URL of the PostgreSQL server tests may create databases on.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("CERMIN_TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
    {
        Some(u) => Some(u),
        None => {
            if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false") {
                panic!("CI must run the PostgreSQL suite: CERMIN_TEST_DATABASE_URL is not set");
            }
            static SAID: Once = Once::new();
            SAID.call_once(|| eprintln!("PostgreSQL tests skipped: set CERMIN_TEST_DATABASE_URL (for example postgres://postgres@127.0.0.1/postgres) to run them"));
            None
        }
    }
}

fn with_database(url: &str, name: &str) -> String {
    // Replace the path (the database name) of a postgres:// URL, keeping any query.
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let after_scheme = head.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match head[after_scheme..].find('/') {
        Some(slash) => &head[..after_scheme + slash],
        None => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Start a server; `None` when the backend is PostgreSQL and none is configured.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[]).await
}

pub async fn spawn_app_with(backend: Backend, extra: &[(&str, &str)]) -> Option<TestApp> {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database_url, pg_database) = match backend {
        Backend::Sqlite => (
            format!("sqlite://{}", dir.path().join("cermin.db").display()),
            None,
        ),
        Backend::Postgres => {
            let admin = postgres_admin_url()?;
            let name = format!("cermin_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn =
                PgConnection::establish(&admin).expect("connect to the PostgreSQL test server");
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create test database");
            (with_database(&admin, &name), Some((admin, name)))
        }
    };
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind port 0");
    let port = listener.local_addr().expect("address").port();
    let base = format!("http://127.0.0.1:{port}");
    let mut env: HashMap<String, String> = HashMap::new();
    env.insert("CERMIN_DATABASE_URL".into(), database_url.clone());
    env.insert("CERMIN_BASE_URL".into(), base.clone());
    env.insert("CERMIN_DATA_DIR".into(), dir.path().display().to_string());
    env.insert("CERMIN_WORKERS".into(), "2".into());
    env.insert("CERMIN_POOL_SIZE".into(), "4".into());
    for (k, v) in extra {
        env.insert(k.to_string(), v.to_string());
    }
    let settings = Settings::from_env_map(&env).expect("test settings");
    let app = Application::build_on(settings.clone(), listener).expect("build the application");
    let db = app.db.clone();
    tokio::spawn(app.into_server());
    Some(TestApp {
        base,
        db,
        settings,
        database_url,
        backend,
        _dir: dir,
        pg_database,
    })
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_database.take() {
            if let Ok(mut conn) = PgConnection::establish(&admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

impl TestApp {
    /// Where this app keeps its files (mail written as .eml goes to `mail/`).
    pub fn data_dir(&self) -> std::path::PathBuf {
        self._dir.path().to_path_buf()
    }

    /// A mail worker over this app's database and settings (tests drive
    /// it with their own clock).
    pub fn mailer(&self) -> cermin::mail::worker::Mailer {
        cermin::mail::worker::Mailer::new(&self.settings, self.db.clone()).expect("mailer")
    }

    /// How many messages are in each outbox status.
    pub fn outbox(&self) -> std::collections::BTreeMap<String, i64> {
        cermin::db::outbox::counts(&mut self.conn())
            .expect("outbox counts")
            .into_iter()
            .collect()
    }
    pub fn conn(&self) -> r2d2::PooledConnection<cermin::db::Manager> {
        self.db.get().expect("database connection")
    }

    /// Load the demo organisation (HR, three managers, twenty employees).
    pub fn seed_demo(&self) {
        let mut conn = self.conn();
        cermin::demo::load(&mut conn, cermin::domain::Lang::Id)
            .expect("demo loads")
            .expect("empty database");
    }

    pub fn person_id(&self, key: &str) -> String {
        let mut conn = self.conn();
        db::people::find_by_email(&mut conn, &email_of(key))
            .expect("query")
            .expect("person exists")
            .id
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// A browser signed in as a demo person (by the part before the @).
    pub async fn signed_in(&self, key: &str) -> Browser {
        let b = self.browser();
        let page = b.sign_in(&email_of(key), DEMO_PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "sign-in as {key} failed: {}",
            page.text
        );
        b
    }

    pub fn exec(&self, sql: &str) {
        let mut conn = self.conn();
        let c: &mut DbConnection = &mut conn;
        c.batch_execute(sql).expect("sql");
    }

    pub fn audit_actions(&self) -> Vec<String> {
        use diesel::prelude::*;
        let mut conn = self.conn();
        cermin::db::schema::audit_log::table
            .order(cermin::db::schema::audit_log::at.asc())
            .select(cermin::db::schema::audit_log::action)
            .load::<String>(&mut *conn)
            .expect("audit")
    }
}

/// A response as a user would meet it.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    pub fn h1(&self) -> String {
        let doc = scraper::Html::parse_document(&self.text);
        let sel = scraper::Selector::parse("h1").expect("selector");
        doc.select(&sel)
            .next()
            .map(|e| e.text().collect::<String>().trim().to_string())
            .unwrap_or_default()
    }

    pub fn select_texts(&self, css: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(&self.text);
        let sel = scraper::Selector::parse(css).expect("selector");
        doc.select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        let doc = scraper::Html::parse_document(&self.text);
        let sel = scraper::Selector::parse(css).expect("selector");
        doc.select(&sel)
            .next()
            .and_then(|e| e.value().attr(attr))
            .map(str::to_string)
    }

    /// The given attribute of every element matching `css`, in page order.
    pub fn select_attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(&self.text);
        let sel = scraper::Selector::parse(css).expect("selector");
        doc.select(&sel)
            .filter_map(|e| e.value().attr(attr))
            .map(str::to_string)
            .collect()
    }

    pub fn contains(&self, s: &str) -> bool {
        self.text.contains(s)
    }

    pub fn csrf(&self) -> Option<String> {
        self.attr("input[name=csrf_token]", "value")
    }
}

/// Keeps cookies, remembers the last CSRF token it was shown, sends Origin on
/// POST, and does not follow redirects (tests check them).
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
    csrf: std::sync::Mutex<Option<String>>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self::with_headers(base, HeaderMap::new())
    }

    pub fn with_headers(base: &str, headers: HeaderMap) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client");
        Self {
            client,
            base: base.to_string(),
            csrf: std::sync::Mutex::new(None),
        }
    }

    async fn page(&self, res: reqwest::Response) -> Page {
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        let page = Page {
            status,
            headers,
            text,
        };
        if let Some(t) = page.csrf() {
            *self.csrf.lock().expect("lock") = Some(t);
        }
        page
    }

    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        self.page(res).await
    }

    pub fn last_csrf(&self) -> String {
        self.csrf.lock().expect("lock").clone().unwrap_or_default()
    }

    /// POST a form with the CSRF token of the last page, as a browser would.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.last_csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// POST exactly these fields (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Origin", &self.base)
            .form(fields)
            .send()
            .await
            .expect("POST");
        self.page(res).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        let form = self.get("/sign-in").await;
        assert_eq!(form.status, StatusCode::OK);
        self.post(
            "/sign-in",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await
    }
}

/// Run a test body on SQLite, and on PostgreSQL when one is configured.
#[macro_export]
macro_rules! on_both_databases {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await.expect("sqlite app");
                    super::$test(app).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await {
                        super::$test(app).await;
                    }
                }
            }
        )*
    };
}

/// The acting HR person, for calling a command directly.
pub fn hr_actor(id: &str) -> cermin::app::Actor {
    cermin::app::Actor {
        id: id.to_string(),
        role: cermin::domain::Role::Hr,
    }
}

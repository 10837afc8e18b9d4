//! The test harness: a real server on port 0 over a fresh database (an SQLite
//! file, or a new PostgreSQL database when CERMIN_TEST_DATABASE_URL is set),
//! and a cookie-keeping client that behaves like a browser.

use std::collections::HashMap;
use std::net::TcpListener;

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
    ground: std::sync::Arc<Ground>,
}

/// What a test's server stands on: its folder (the SQLite file, written
/// mail) and its PostgreSQL database, removed when the last holder lets go.
/// [`run_test`] holds it until the test's runtime has stopped, so that the
/// server's background work (mail worker, housekeeping) never meets a
/// dropped database: a pool connecting to one waits its whole 10 s timeout.
pub struct Ground {
    dir: tempfile::TempDir,
    pg_database: Option<(String, String)>,
}

impl Drop for Ground {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_database.take() {
            if let Ok(mut conn) = PgConnection::establish(&admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

thread_local! {
    /// The grounds of the apps the test on this thread started, kept until
    /// its runtime has stopped (see `spawn_app_with`).
    static GROUNDS: std::cell::RefCell<Vec<std::sync::Arc<Ground>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Run one async test on its own runtime (two worker threads, as
/// `#[tokio::test(flavor = "multi_thread", worker_threads = 2)]`), then stop
/// the runtime, and only then remove the apps' databases and folders.
pub fn run_test(test: impl std::future::Future<Output = ()>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    runtime.block_on(test);
    drop(runtime);
    let grounds = GROUNDS.with(|g| std::mem::take(&mut *g.borrow_mut()));
    for ground in &grounds {
        ground.assert_mail_translated();
    }
}

impl Ground {
    /// Every email the test's server wrote to `.eml` files (no SMTP server
    /// set) shows only messages that could be translated; see
    /// [`assert_translated`]. Mail sent over SMTP is checked by `SmtpPeer`.
    fn assert_mail_translated(&self) {
        let Ok(files) = std::fs::read_dir(self.dir.path().join("mail")) else {
            return;
        };
        for path in files.filter_map(|e| e.ok()).map(|e| e.path()) {
            if path.extension().is_some_and(|x| x == "eml") {
                let raw = std::fs::read(&path).expect("an .eml file");
                assert_mail_translated(&path.display().to_string(), &raw);
            }
        }
    }
}

/// [`assert_translated`] for one email: its subject and every part, decoded
/// as a mail client shows them.
pub fn assert_mail_translated(what: &str, raw: &[u8]) {
    use mail_parser::MimeHeaders;
    let m = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a MIME message");
    let mut text = m.subject().unwrap_or_default().to_string();
    for part in m.parts.iter() {
        let is_text = part.content_type().is_none_or(|ct| ct.ctype() == "text");
        if is_text {
            if let Some(t) = part.text_contents() {
                text.push('\n');
                text.push_str(t);
            }
        }
    }
    assert_translated(&format!("the email {what}"), &text);
}

/// Why the `::postgres` tests are ignored by default (libtest prints it).
/// Keep in step with the literal in `on_both_databases!` and in `mail.rs`.
pub const NEEDS_POSTGRES: &str =
    "needs PostgreSQL: set CERMIN_TEST_DATABASE_URL and pass --include-ignored";

/// The admin URL of the PostgreSQL server tests may create databases on, if set.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("CERMIN_TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
}

/// The admin URL, for a PostgreSQL test that was asked to run: without one
/// the test fails (a skipped suite must never pass as "ok"; by default these
/// tests are ignored, and libtest says so).
pub fn require_postgres() -> String {
    postgres_admin_url().unwrap_or_else(|| {
        panic!(
            "this PostgreSQL test was asked to run (--include-ignored or --ignored) \
             but CERMIN_TEST_DATABASE_URL is not set ({NEEDS_POSTGRES}; for example \
             postgres://postgres@127.0.0.1/postgres)"
        )
    })
}

/// The migrated template every PostgreSQL test database is cloned from
/// (`CREATE DATABASE … TEMPLATE …`, as crates.io's test harness does), so
/// each test costs a file copy instead of a run of every migration.
///
/// Its name carries a fingerprint of `migrations/postgres`, so a changed
/// migration gets a fresh template and an unchanged one is reused by later
/// runs. It is built once per PostgreSQL server: under a session advisory
/// lock (test binaries running at the same time wait for the first), into a
/// scratch database that is renamed only once fully migrated, so a run that
/// dies half-way never leaves a broken template behind. It holds the schema
/// only: the built-in defaults are written by the app at start, as in
/// production. Old templates (`cermin_tpl_*`) may be dropped at any time when
/// no tests run.
fn postgres_template(admin: &str) -> String {
    static TEMPLATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEMPLATE
        .get_or_init(|| build_postgres_template(admin))
        .clone()
}

/// The advisory lock key the template is built under (any fixed number not
/// used by the app: the app's own keys are named in `src/db/locks.rs`).
const TEMPLATE_LOCK: i64 = 0x0063_6572_6d74_706c; // "cermtpl"

fn migrations_fingerprint() -> String {
    // FNV-1a over the relative paths and contents, in a stable order.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
    let mut files = vec![];
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read migrations/postgres") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let name = file.strip_prefix(&root).expect("under the root");
        let bytes = std::fs::read(&file).expect("read a migration");
        for b in name.to_string_lossy().bytes().chain([0]).chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn build_postgres_template(admin: &str) -> String {
    use diesel::prelude::*;
    let mut conn = PgConnection::establish(admin).expect("connect to the PostgreSQL test server");
    // One template per role: a role without superuser rights may copy only a
    // database it owns (CI's `cermin_ci` must not meet one a superuser made).
    let user: String = diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>("current_user"))
        .get_result(&mut conn)
        .expect("current user");
    let user: String = user
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(20)
        .collect();
    let name = format!("cermin_tpl_{user}_{}", migrations_fingerprint());
    conn.batch_execute(&format!("SELECT pg_advisory_lock({TEMPLATE_LOCK})"))
        .expect("template lock");
    let exists = |conn: &mut PgConnection, db: &str| -> bool {
        diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "EXISTS (SELECT 1 FROM pg_database WHERE datname = '{db}')"
        )))
        .get_result(conn)
        .expect("look for the template")
    };
    if !exists(&mut conn, &name) {
        let scratch = format!("{name}_building");
        // Left over by a run that died while building: nobody else builds now.
        conn.batch_execute(&format!("DROP DATABASE IF EXISTS {scratch} WITH (FORCE)"))
            .expect("drop a half-built template");
        conn.batch_execute(&format!("CREATE DATABASE {scratch}"))
            .expect("create the template database");
        {
            let pg = PgConnection::establish(&with_database(admin, &scratch))
                .expect("connect to the template database");
            let mut db = DbConnection::Pg(pg);
            db::migrate(&mut db).expect("migrate the template database");
        }
        conn.batch_execute(&format!("ALTER DATABASE {scratch} RENAME TO {name}"))
            .expect("name the template database");
    }
    conn.batch_execute(&format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK})"))
        .expect("template unlock");
    name
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

/// Start a server (always `Some`: a PostgreSQL test without
/// CERMIN_TEST_DATABASE_URL fails; see [`require_postgres`]).
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
            let admin = require_postgres();
            let template = postgres_template(&admin);
            let name = format!("cermin_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn =
                PgConnection::establish(&admin).expect("connect to the PostgreSQL test server");
            conn.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .expect("create the test database from the template");
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
    let ground = std::sync::Arc::new(Ground { dir, pg_database });
    // Kept until `run_test` has stopped the runtime, or else until this
    // thread ends (libtest runs each test on a thread of its own, which
    // outlives a `#[tokio::test]` runtime).
    GROUNDS.with(|g| g.borrow_mut().push(ground.clone()));
    Some(TestApp {
        base,
        db,
        settings,
        database_url,
        backend,
        ground,
    })
}

impl TestApp {
    /// Where this app keeps its files (mail written as .eml goes to `mail/`).
    pub fn data_dir(&self) -> std::path::PathBuf {
        self.ground.dir.path().to_path_buf()
    }

    /// A mail worker over this app's database and settings (tests drive
    /// it with their own clock).
    pub fn mailer(&self) -> cermin::mail::worker::Mailer {
        cermin::mail::worker::Mailer::new(&self.settings, self.db.clone()).expect("mailer")
    }

    /// Run a mail worker (planning and sending at the real time) until a round
    /// finds nothing to plan and nothing to send, and return what it did in
    /// all: afterwards nothing is due. Tests use it instead of sleeping while
    /// the server's own worker might still send something.
    pub async fn run_mail_until_idle(&self) -> cermin::mail::worker::Report {
        let mailer = self.mailer();
        let mut total = cermin::mail::worker::Report::default();
        for _ in 0..100 {
            let r = mailer.run_once(chrono::Utc::now()).await.expect("mail run");
            if r == cermin::mail::worker::Report::default() {
                return total;
            }
            total.planned += r.planned;
            total.sent += r.sent;
            total.retried += r.retried;
            total.failed += r.failed;
            total.skipped += r.skipped;
        }
        panic!("the mail worker still had work after 100 rounds: {total:?}");
    }

    /// Wait until no message is queued (the server's worker has recorded
    /// everything it sent), then run a worker until nothing is due.
    pub async fn settle_mail(&self) -> cermin::mail::worker::Report {
        wait_until("the outbox to have no queued message", WAIT, || {
            !self.outbox().contains_key("queued")
        })
        .await;
        self.run_mail_until_idle().await
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

    /// Run SQL as the PostgreSQL server's administrator; `{db}` is this
    /// test's database name. For tests that take the database away.
    pub fn pg_admin(&self, sql: &str) {
        let (admin, name) = self.ground.pg_database.as_ref().expect("a PostgreSQL test");
        let mut conn = PgConnection::establish(admin).expect("admin connection");
        conn.batch_execute(&sql.replace("{db}", name))
            .expect("admin sql");
    }

    /// How many server processes are connected to this test's database
    /// (PostgreSQL), other than the asking one.
    pub fn pg_backends(&self) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        use diesel::RunQueryDsl;
        let (admin, name) = self.ground.pg_database.as_ref().expect("a PostgreSQL test");
        let mut conn = PgConnection::establish(admin).expect("admin connection");
        diesel::sql_query(format!(
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = '{name}' \
             AND pid <> pg_backend_pid()"
        ))
        .get_result::<N>(&mut conn)
        .expect("count backends")
        .n
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

/// How long tests wait for something the server does in the background.
pub const WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Wait until `done` holds, looking again every 50 ms; fail, naming `what`,
/// when it still does not hold after `timeout`. Tests wait for a condition
/// this way, never for a fixed time.
pub async fn wait_until(what: &str, timeout: std::time::Duration, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + timeout;
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "waited {timeout:?} for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Fail when `text` (a page, an email) shows a message the server could not
/// translate: an unknown key, or a message missing one of its arguments. The
/// server marks those in debug builds (`cermin::i18n::BROKEN`), and every
/// page a [`Browser`] fetches and every email a test's server sent (see
/// [`run_test`] and `SmtpPeer`) comes through here.
pub fn assert_translated(what: &str, text: &str) {
    if let Some(at) = text.find(cermin::i18n::BROKEN) {
        let end = text[at..]
            .char_indices()
            .nth(160)
            .map_or(text.len(), |(i, _)| at + i);
        panic!(
            "{what} shows a message that could not be translated (an unknown key or a \
             missing argument): {}",
            &text[at..end]
        );
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
        let res_url = res.url().path().to_string();
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        assert_translated(&format!("the page {}", res_url), &text);
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

    /// POST a form that answers with a file (a download), with the last
    /// page's CSRF token: the status, the Content-Disposition and the bytes.
    pub async fn download(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String, Vec<u8>) {
        let token = self.last_csrf();
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Origin", &self.base)
            .form(&all)
            .send()
            .await
            .expect("POST");
        let status = res.status();
        let disposition = res
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        (
            status,
            disposition,
            res.bytes().await.expect("body").to_vec(),
        )
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

/// Run a test body on SQLite and on PostgreSQL. The PostgreSQL variant is
/// ignored unless asked for (`--include-ignored`), so a run without a server
/// says "ignored" for it rather than "ok"; asked for without
/// CERMIN_TEST_DATABASE_URL, it fails.
#[macro_export]
macro_rules! on_both_databases {
    // `on_both_databases!(with [("CERMIN_X", "v")]; test, …)`: started with these settings.
    (with $env:expr; $($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[test]
                fn sqlite() {
                    $crate::helpers::run_test(async {
                        let app = $crate::helpers::spawn_app_with($crate::helpers::Backend::Sqlite, &$env).await.expect("sqlite app");
                        super::$test(app).await;
                    });
                }
                // The reason is helpers::NEEDS_POSTGRES (an attribute takes a literal only).
                #[test]
                #[ignore = "needs PostgreSQL: set CERMIN_TEST_DATABASE_URL and pass --include-ignored"]
                fn postgres() {
                    $crate::helpers::run_test(async {
                        let app = $crate::helpers::spawn_app_with($crate::helpers::Backend::Postgres, &$env).await.expect("postgres app");
                        super::$test(app).await;
                    });
                }
            }
        )*
    };
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[test]
                fn sqlite() {
                    $crate::helpers::run_test(async {
                        let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await.expect("sqlite app");
                        super::$test(app).await;
                    });
                }
                // The reason is helpers::NEEDS_POSTGRES (an attribute takes a literal only).
                #[test]
                #[ignore = "needs PostgreSQL: set CERMIN_TEST_DATABASE_URL and pass --include-ignored"]
                fn postgres() {
                    $crate::helpers::run_test(async {
                        let app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await.expect("postgres app");
                        super::$test(app).await;
                    });
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

/// A clock standing on `today` (now is the real time).
pub fn clock_on(today: chrono::NaiveDate) -> cermin::app::Clock {
    cermin::app::Clock {
        now: cermin::db::now(),
        today,
    }
}

/// A message in the language a page is in (`<html lang>`), for tests that
/// assert what a person reads whichever language their account has.
pub fn in_page_lang(page: &str, key: &str) -> String {
    let lang = if page.contains("<html lang=\"en\"") {
        cermin::domain::Lang::En
    } else {
        cermin::domain::Lang::Id
    };
    cermin::i18n::t(lang, key)
}

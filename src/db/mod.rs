//! The database: one connection type for SQLite and PostgreSQL, its pool, the
//! migrations, and one query module per aggregate. Query functions are
//! synchronous, take `&mut DbConnection` and return `QueryResult`; the web
//! layer reaches them through [`Db::run`], which moves the work off the async
//! threads.

pub mod audit;
pub mod calibration;
pub mod cycles;
pub mod erasure;
pub mod exports;
pub mod fairness;
pub mod forms;
pub mod insights;
pub mod journal;
pub mod locks;
pub mod notifications;
pub mod outbox;
pub mod people;
pub mod progress;
pub mod review_lists;
pub mod reviews;
pub mod schema;
pub mod sessions;
pub mod stash;
pub mod tokens;

// `lower(text)`, for searches by part of a name in any case (both databases).
diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// The escape character of [`contains_pattern`]: give it to `LIKE` with
/// `.escape(LIKE_ESCAPE)`.
pub const LIKE_ESCAPE: char = '\\';

/// A `LIKE` pattern for text containing `text` as typed, lower-case (compare
/// it with a lower-cased column, with `.escape(LIKE_ESCAPE)`). `%` and `_`
/// are matched as themselves: `budi_santoso` is a common address, and the
/// underscore must not match any character, nor be dropped.
pub fn contains_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | LIKE_ESCAPE) {
            p.push(LIKE_ESCAPE);
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// One table of a `WITH RECURSIVE` clause, `name(id)`: everyone below the
/// person bound at `param` (`$2`, say) in today's reporting lines, at any
/// depth; empty when that parameter is ''. Several are joined with commas.
///
/// SQLite runs the recursive query, driven from the few people directly
/// below; UNION (not UNION ALL) stops at people already found, so a loop in
/// the reporting lines ends. PostgreSQL calls `everyone_below(text)`
/// (migration `2026-12-09-000019_everyone_below`), which walks the lines
/// level by level: its planner cannot estimate a recursive query's size and
/// took a team of 12 for 14,000 people.
pub(crate) fn everyone_below(conn: &DbConnection, name: &str, param: &str) -> String {
    match conn {
        DbConnection::Sqlite(_) => format!(
            "{name}(id) AS ( \
               SELECT id FROM people WHERE manager_id = {param} \
               UNION \
               SELECT p.id FROM people p JOIN {name} up ON p.manager_id = up.id \
             )"
        ),
        DbConnection::Pg(_) => format!("{name}(id) AS (SELECT everyone_below({param}))"),
    }
}

use std::path::Path;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, ConnectionError};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub use diesel::result::{Error as QueryError, QueryResult};

/// Every connection Cermin opens is one of these; the variant follows the
/// database URL's scheme.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL points at. Chosen from the scheme alone, so a failing
/// PostgreSQL connection reports PostgreSQL's own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

#[derive(Debug, Clone)]
pub struct DatabaseUrl {
    pub backend: Backend,
    /// What the driver is given: the PostgreSQL URL, or the SQLite file path.
    target: String,
}

impl DatabaseUrl {
    /// `postgres://` and `postgresql://` URLs are PostgreSQL; `sqlite://path`,
    /// `sqlite:path` and a bare path are SQLite files.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                target: url.to_string(),
            });
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if let Some((scheme, _)) = path.split_once("://") {
            return Err(format!(
                "unsupported scheme `{scheme}://` (use sqlite://PATH or postgres://...)"
            ));
        }
        if path.is_empty() {
            return Err("names no SQLite file".into());
        }
        Ok(Self {
            backend: Backend::Sqlite,
            target: path.to_string(),
        })
    }

    /// The SQLite file, if this is SQLite.
    pub fn sqlite_path(&self) -> Option<&Path> {
        (self.backend == Backend::Sqlite).then(|| Path::new(&self.target))
    }

    /// A form safe to print: the password of a PostgreSQL URL is hidden,
    /// in the user part and in a `password=` parameter. A URL the `url`
    /// crate cannot read is not shown at all: where its password would be
    /// cannot be told.
    pub fn redacted(&self) -> String {
        const HIDDEN: &str = "***";
        match self.backend {
            Backend::Sqlite => format!("sqlite://{}", self.target),
            Backend::Postgres => {
                let Ok(mut url) = url::Url::parse(&self.target) else {
                    return format!("postgres://{HIDDEN}");
                };
                if url.password().is_some() && url.set_password(Some(HIDDEN)).is_err() {
                    return format!("postgres://{HIDDEN}");
                }
                if url.query_pairs().any(|(k, _)| k == "password") {
                    let pairs: Vec<(String, String)> = url
                        .query_pairs()
                        .map(|(k, v)| {
                            let v = if k == "password" { HIDDEN.into() } else { v };
                            (k.into_owned(), v.into_owned())
                        })
                        .collect();
                    url.query_pairs_mut().clear().extend_pairs(pairs);
                }
                url.into()
            }
        }
    }

    /// Open one connection of the right kind, with SQLite's settings applied.
    pub fn connect(&self) -> Result<DbConnection, ConnectionError> {
        match self.backend {
            Backend::Postgres => Ok(DbConnection::Pg(PgConnection::establish(&self.target)?)),
            Backend::Sqlite => {
                plan_without_bindings();
                let mut conn = SqliteConnection::establish(&self.target)?;
                // WAL lets readers run beside the one writer; NORMAL is safe with WAL;
                // busy_timeout makes a second writer wait instead of failing;
                // optimize=0x10002 on open, as SQLite recommends for
                // long-lived connections (statistics for the planner).
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL;
                     PRAGMA foreign_keys = ON;
                     PRAGMA busy_timeout = 10000;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA optimize = 0x10002;",
                )
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

/// Every SQLite connection Cermin opens plans its statements with the query
/// planner stability guarantee (QPSG): a plan never depends on the values
/// bound to it. Without it, SQLite 3.47+ reads a bound LIMIT (and a bound
/// LIKE pattern, and with the bundled STAT4 build a bound key) while
/// planning, so every execution with a new binding prepares the statement
/// again: measured under load, re-parsing SQL was a sixth of a review
/// form's time and every `find` by id paid it. Cermin binds every value, so
/// its plans come from the statistics `PRAGMA optimize` keeps (stat1).
///
/// Diesel gives no handle to the connection, so the setting is applied by
/// SQLite itself: an automatic extension runs for every connection opened
/// in this process, before it is used.
fn plan_without_bindings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: `enable_qpsg` has the entry-point signature SQLite
        // documents for automatic extensions and only configures the
        // connection SQLite passes to it.
        let rc = unsafe { libsqlite3_sys::sqlite3_auto_extension(Some(enable_qpsg)) };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::warn!(rc, "could not ask SQLite for stable query plans");
        }
    });
}

unsafe extern "C" fn enable_qpsg(
    db: *mut libsqlite3_sys::sqlite3,
    _error: *mut *mut std::ffi::c_char,
    _api: *const libsqlite3_sys::sqlite3_api_routines,
) -> std::ffi::c_int {
    // SAFETY: `db` is the connection being opened, valid for this call;
    // SQLITE_DBCONFIG_ENABLE_QPSG takes an int and an optional int pointer.
    unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as std::ffi::c_int,
            std::ptr::null_mut::<std::ffi::c_int>(),
        )
    }
}

/// The r2d2 manager: opens connections through [`DatabaseUrl::connect`].
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = ConnectionError;

    fn connect(&self) -> Result<DbConnection, ConnectionError> {
        self.url.connect()
    }

    /// Checked on every checkout: a PostgreSQL connection may have been
    /// dropped by the server; an SQLite file cannot be (and the check
    /// would prepare a statement on every request).
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnectionError> {
        match conn {
            DbConnection::Sqlite(_) => Ok(()),
            DbConnection::Pg(_) => conn
                .batch_execute("SELECT 1")
                .map_err(ConnectionError::CouldntSetupConfiguration),
        }
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<Manager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("could not open the database: {0}")]
    Connect(#[from] ConnectionError),
    #[error("could not open the database: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("could not create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("migrations failed: {0}")]
    Migrations(String),
    #[error("database task was cancelled")]
    Cancelled,
    #[error(transparent)]
    Query(#[from] QueryError),
}

/// Below this much free space in the SQLite folder, the instance says it is
/// not ready (docs/operations.md).
pub const MIN_FREE_BYTES: u64 = 16 * 1024 * 1024;

/// The shared handle: a pool plus which backend it talks to.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    pub backend: Backend,
    /// The SQLite file's folder, whose free space the readiness check reads.
    sqlite_dir: Option<std::path::PathBuf>,
}

impl Db {
    /// Build the pool. The first connection is opened now, so a wrong URL or
    /// password fails at start with the driver's own message.
    pub fn connect(url: &DatabaseUrl, max_size: u32) -> Result<Self, DbError> {
        if let Some(path) = url.sqlite_path() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| DbError::DataDir {
                    path: dir.display().to_string(),
                    source,
                })?;
            }
        }
        // Open one connection directly first: r2d2 would retry and hide the reason.
        drop(url.connect()?);
        let pool = r2d2::Pool::builder()
            .max_size(max_size)
            .connection_timeout(Duration::from_secs(10))
            .build(Manager { url: url.clone() })?;
        Ok(Self {
            pool,
            backend: url.backend,
            sqlite_dir: url
                .sqlite_path()
                .map(|p| p.parent().unwrap_or(Path::new(".")).to_path_buf())
                .map(|d| {
                    if d.as_os_str().is_empty() {
                        ".".into()
                    } else {
                        d
                    }
                }),
        })
    }

    /// Whether a write would succeed now: the one-row `health` table takes a
    /// committed write (a read-only file, a database in recovery or one that
    /// is not there fail it), and on SQLite the data folder has room to grow
    /// (a write can still fit in the WAL's reused space when the disk is
    /// full, so the write alone would not notice).
    pub async fn writable(&self) -> Result<(), String> {
        if let Some(dir) = &self.sqlite_dir {
            match rustix::fs::statvfs(dir) {
                Ok(v) => {
                    let free = v.f_bavail.saturating_mul(v.f_frsize);
                    if free < MIN_FREE_BYTES {
                        return Err(format!(
                            "{} bytes free in {} (at least {MIN_FREE_BYTES} needed)",
                            free,
                            dir.display()
                        ));
                    }
                }
                Err(e) => return Err(format!("cannot read free space of {}: {e}", dir.display())),
            }
        }
        self.run(|conn| -> Result<(), DbError> {
            write_tx(conn, |conn| -> Result<(), DbError> {
                use diesel::RunQueryDsl;
                let n = diesel::sql_query(
                    "UPDATE health SET checked_at = CURRENT_TIMESTAMP WHERE id = 1",
                )
                .execute(conn)?;
                if n == 1 {
                    Ok(())
                } else {
                    Err(DbError::Query(QueryError::NotFound))
                }
            })
        })
        .await
        .map_err(|e| e.to_string())
    }

    /// Connections open, and of those idle (for `/metrics`).
    pub fn pool_state(&self) -> (u32, u32) {
        let s = self.pool.state();
        (s.connections, s.idle_connections)
    }

    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>, DbError> {
        Ok(self.pool.get()?)
    }

    /// Run blocking database work on the blocking thread pool.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            f(&mut conn)
        })
        .await
        .map_err(|_| DbError::Cancelled)?
    }

    pub fn migrate(&self) -> Result<usize, DbError> {
        let mut conn = self.get()?;
        migrate(&mut conn)
    }

    /// Migrations, then the built-in defaults, once even when several
    /// instances start together (PostgreSQL: under an advisory lock).
    pub fn prepare(&self) -> Result<usize, DbError> {
        let mut conn = self.get()?;
        locks::acquire(&mut conn, locks::MIGRATIONS)?;
        let result = migrate(&mut conn).and_then(|n| {
            crate::defaults::ensure(&mut conn)?;
            Ok(n)
        });
        locks::release(&mut conn, locks::MIGRATIONS)?;
        result
    }
}

/// Apply every pending migration of the connection's backend.
pub fn migrate(conn: &mut DbConnection) -> Result<usize, DbError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(|e| DbError::Migrations(e.to_string()))?;
    Ok(applied.len())
}

/// A transaction for work that writes. On SQLite it begins IMMEDIATE, taking
/// the write lock up front so two writers queue on `busy_timeout` instead of
/// failing when a read lock cannot be upgraded.
/// Rows written at once above which PostgreSQL's statistics for the table
/// are refreshed by the writer itself (see [`analyze_after_bulk`]).
pub const BULK_ROWS: usize = 1000;

/// Tables that get many rows at once (an import creates people; a launch
/// creates a review and queues an invitation for each person).
#[derive(Debug, Clone, Copy)]
pub enum BulkTable {
    People,
    Reviews,
    Outbox,
}

/// After `rows` rows were written to `table`: on PostgreSQL, when they are
/// many, refresh the table's planner statistics now, in the writer's
/// transaction (`ANALYZE` counts the transaction's own new rows, and its
/// results commit with them). Autovacuum would do it a minute or more
/// later; until then the planner takes the table for as small as it was
/// and picks plans that read all of it. Measured with 20,000 invitations
/// just queued: a claim of 50 took 112 ms (a bitmap scan of every queued
/// row, then a sort), and 0.3 ms after `ANALYZE` (the queue's index, in
/// order, stopping at 50). SQLite keeps its plans from the statistics
/// `PRAGMA optimize` refreshes every hour, and the mail claim does not
/// depend on them.
pub fn analyze_after_bulk(
    conn: &mut DbConnection,
    table: BulkTable,
    rows: usize,
) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    if rows < BULK_ROWS {
        return Ok(());
    }
    if let DbConnection::Pg(c) = conn {
        c.batch_execute(match table {
            BulkTable::People => "ANALYZE people",
            BulkTable::Reviews => "ANALYZE reviews",
            BulkTable::Outbox => "ANALYZE email_outbox",
        })?;
    }
    Ok(())
}

/// Run `f` inside one read-only snapshot, so that reads spread over many
/// statements (a download read in batches) see one moment: SQLite's
/// deferred transaction (in WAL mode its snapshot starts at the first read
/// and writers carry on), PostgreSQL's `REPEATABLE READ, READ ONLY`.
pub fn read_snapshot<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<QueryError>,
{
    conn.transaction(|conn| {
        if let DbConnection::Pg(_) = conn {
            diesel::RunQueryDsl::execute(
                diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"),
                conn,
            )?;
        }
        f(conn)
    })
}

pub fn write_tx<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<QueryError>,
{
    let immediate = if let DbConnection::Sqlite(c) = conn {
        // Only the outermost transaction can be IMMEDIATE; nested calls become savepoints.
        let depth = AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()
            .map_err(E::from)?;
        if depth.is_none() {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
            true
        } else {
            false
        }
    } else {
        false
    };
    if !immediate {
        return conn.transaction(f);
    }
    let result = f(conn);
    if let DbConnection::Sqlite(c) = conn {
        match &result {
            Ok(_) => AnsiTransactionManager::commit_transaction(c)?,
            Err(_) => AnsiTransactionManager::rollback_transaction(c)?,
        }
    }
    result
}

/// Insert many rows in one statement. Diesel's batch insert does not go
/// through the multi-backend connection, so it is dispatched per backend here.
#[macro_export]
macro_rules! batch_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite(c) => {
                diesel::insert_into($table).values($rows).execute(c)
            }
            $crate::db::DbConnection::Pg(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}

/// Why a query failed, when the cause is the database's state rather than
/// the request: it cannot be written (disk full, read-only), or it is not
/// there (restarting, the connection dropped). These answer 503, "nothing
/// was saved, try again", never 500; anything else is a bug.
pub fn unavailable_cause(e: &QueryError) -> Option<&'static str> {
    use diesel::result::DatabaseErrorKind as K;
    let QueryError::DatabaseError(kind, info) = e else {
        return None;
    };
    match kind {
        K::ClosedConnection | K::UnableToSendCommand => return Some("connection lost"),
        K::ReadOnlyTransaction => return Some("read-only"),
        K::SerializationFailure => return Some("busy"),
        _ => {}
    }
    let m = info.message().to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| m.contains(n));
    if has(&[
        "disk is full",
        "no space left",
        "could not extend file",
        "disk full",
    ]) {
        Some("disk full")
    } else if has(&[
        "readonly database",
        "read-only",
        "cannot execute",
        "in recovery",
    ]) {
        Some("read-only")
    } else if has(&["database is locked", "database table is locked"]) {
        Some("busy")
    } else if has(&[
        "terminating connection",
        "server closed the connection",
        "connection to server",
        "could not connect",
        "shutting down",
        "starting up",
        "does not allow connections",
        "no connection to the server",
        "disk i/o error",
        "unable to open database",
    ]) {
        Some("database unreachable")
    } else {
        None
    }
}

/// The database answers a trivial query (readiness checks).
pub fn ping(conn: &mut DbConnection) -> QueryResult<()> {
    conn.batch_execute("SELECT 1")
}

/// A new id: UUIDv7, so ids sort by creation time and index well.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, in UTC, as stored.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_like_pattern_matches_what_was_typed() {
        assert_eq!(super::contains_pattern("Budi_S"), "%budi\\_s%");
        assert_eq!(super::contains_pattern("50%"), "%50\\%%");
        assert_eq!(super::contains_pattern("a\\b"), "%a\\\\b%");
    }
    use super::*;

    fn names(dir: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn migration_folders_are_twins() {
        let root = env!("CARGO_MANIFEST_DIR");
        let sqlite = names(&format!("{root}/migrations/sqlite"));
        let postgres = names(&format!("{root}/migrations/postgres"));
        assert!(!sqlite.is_empty());
        assert_eq!(
            sqlite, postgres,
            "migrations/sqlite and migrations/postgres must hold the same migration names"
        );
    }

    /// A database from before each side had its own wording: the migration
    /// adds the manager's columns, copies the text of questions only the
    /// manager answers, and leaves the rest for `defaults::ensure` and HR.
    #[test]
    fn the_wording_migration_keeps_what_everyone_reads() {
        use diesel::connection::SimpleConnection;
        let mut conn = SqliteConnection::establish(":memory:").expect("sqlite");
        loop {
            let v = conn
                .run_next_migration(SQLITE_MIGRATIONS)
                .expect("migration")
                .to_string();
            if v == "20261130000005" {
                break;
            }
        }
        conn.batch_execute(
            "INSERT INTO form_templates (id, name, created_at, updated_at)
                 VALUES ('t', 'T', '2026-11-01 00:00:00', '2026-11-01 00:00:00');
             INSERT INTO form_sections (id, template_id, position, title_id, title_en)
                 VALUES ('s', 't', 0, 'Saya', 'Me');
             INSERT INTO form_questions (id, section_id, position, kind, side, prompt_id, prompt_en, help_id, help_en)
                 VALUES ('m', 's', 0, 'text', 'manager', 'Ringkasan', 'Summary', 'Bantu', 'Help'),
                        ('b', 's', 1, 'rating', 'both', 'Saya?', 'Me?', '', '');",
        )
        .expect("rows from before");
        conn.run_pending_migrations(SQLITE_MIGRATIONS)
            .expect("the rest");
        use diesel::prelude::*;
        use schema::{form_questions as q, form_sections as s};
        let manager: Vec<(String, String, String, String, String)> = q::table
            .order(q::position)
            .select((
                q::id,
                q::manager_prompt_id,
                q::manager_prompt_en,
                q::manager_help_id,
                q::manager_help_en,
            ))
            .load(&mut conn)
            .expect("questions");
        assert_eq!(
            manager,
            [
                (
                    "m".into(),
                    "Ringkasan".into(),
                    "Summary".into(),
                    "Bantu".into(),
                    "Help".into()
                ),
                ("b".into(), "".into(), "".into(), "".into(), "".into()),
            ]
        );
        let title: String = s::table
            .select(s::manager_title_en)
            .first(&mut conn)
            .expect("section");
        assert_eq!(title, "");
    }

    #[test]
    fn urls_choose_the_backend_by_scheme() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u:p@h/db").map(|u| u.backend),
            Ok(Backend::Postgres)
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://h/db").map(|u| u.backend),
            Ok(Backend::Postgres)
        );
        let s = DatabaseUrl::parse("sqlite://data/c.db").expect("sqlite url");
        assert_eq!(s.sqlite_path(), Some(Path::new("data/c.db")));
        assert_eq!(
            DatabaseUrl::parse("data/c.db").map(|u| u.backend),
            Ok(Backend::Sqlite)
        );
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse("").is_err());
        let redacted = |url: &str| DatabaseUrl::parse(url).map(|u| u.redacted());
        assert_eq!(
            redacted("postgres://cermin:secret@db:5432/cermin"),
            Ok("postgres://cermin:***@db:5432/cermin".to_string())
        );
        // Nothing to hide.
        assert_eq!(
            redacted("postgres://cermin@db/cermin?sslmode=require"),
            Ok("postgres://cermin@db/cermin?sslmode=require".to_string())
        );
        // A percent-encoded '@' in the password is part of the password.
        assert_eq!(
            redacted("postgresql://cermin:p%40ss@word@db/cermin"),
            Ok("postgresql://cermin:***@db/cermin".to_string())
        );
        assert_eq!(
            redacted("postgres://cermin:p%40ssword@db/cermin"),
            Ok("postgres://cermin:***@db/cermin".to_string())
        );
        assert_eq!(
            redacted("postgres://cermin@db/cermin?password=secret&sslmode=require"),
            Ok("postgres://cermin@db/cermin?password=***&sslmode=require".to_string())
        );
        assert_eq!(
            redacted("postgres://cermin:secret@db:notaport/cermin"),
            Ok("postgres://***".to_string())
        );
    }
}

//! `cermin bench`: page render times on a large generated organisation.
//!
//! 1. A fresh database: an SQLite file in a temporary folder, or a new
//!    database `cermin_bench_<random>` on the PostgreSQL server given with
//!    `--database-url` (dropped at the end).
//! 2. A generated organisation: N people in a three-level hierarchy, six
//!    closed review cycles (two a year for three years) with every question
//!    answered by both sides, one open cycle with reviews at every step,
//!    journals, notifications and the audit rows all that activity leaves.
//! 3. The real server on 127.0.0.1:0, measured with real HTTP/1.1 requests
//!    over loopback (keep-alive, `Accept-Encoding: gzip` like a browser):
//!    per page a warm-up, then sequential requests; median, p95, max.
//!
//! Built only with the `bench` feature, in a release build:
//! `cargo run --release --features bench -- bench`.
//! See docs/performance.md for the figures and how to read them.
//!
//! generate/ writes the organisation, measure.rs makes the requests,
//! report.rs prints the machine and the table, mail.rs is `bench --mail`,
//! load.rs is `bench --load` (concurrent load with wrk, beside the reference
//! page of reference.rs).

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;

use self::generate::generate;
use self::measure::{measure, measure_exports, PageResult};
use self::report::{load_average, print_table, Machine};
use crate::config::Settings;
use crate::db::schema::{
    answers, audit_log, comments, goals, journal_entries, notifications, people, review_cycles,
    reviews, strengths_weaknesses,
};
use crate::db::{Backend, DatabaseUrl, Db, DbConnection, QueryResult};
use crate::startup::Application;

mod generate;
pub mod load;
pub mod mail;
mod measure;
pub mod reference;
mod report;

/// Sequential requests per page (fewer when a page is slow: see `TIME_BUDGET`).
const SAMPLES: usize = 200;
/// Requests per page before measuring (caches, prepared statements, pool).
const WARMUP: usize = 20;
/// A page stops being measured after this long, once it has `MIN_SAMPLES`.
const TIME_BUDGET: Duration = Duration::from_secs(30);
const MIN_SAMPLES: usize = 20;
/// Everyone's password (never checked: sign-in is by a session row).
const PASSWORD: &str = "bench-password-not-used";
/// The name searched for on the people list.
const COMMON_NAME: &str = "Putri";
/// Set (to anything) to keep the generated database afterwards, for EXPLAIN.
const KEEP_VAR: &str = "CERMIN_BENCH_KEEP";

pub fn run(people: usize, database_url: Option<String>) -> anyhow::Result<()> {
    if people < 30 {
        bail!("--people must be at least 30");
    }
    let scratch = Scratch::create(database_url)?;
    let listener = TcpListener::bind("127.0.0.1:0").context("bind 127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let settings =
        Settings::from_env_map(&server_env(&scratch, port)).map_err(|e| anyhow!("{e}"))?;
    let today = chrono::Utc::now()
        .with_timezone(&settings.timezone)
        .date_naive();

    let machine = Machine::detect();
    let load_at_start = load_average();
    println!("Cermin benchmark");
    machine.print();
    println!("  database     {}", settings.database_url.redacted());
    if cfg!(debug_assertions) {
        println!("\n  WARNING: this is a debug build; the figures mean little. Use `cargo run --release --features bench -- bench`.");
    }

    // ---- 1 and 2: the database and the organisation ----
    let built = build(&settings, &scratch, people, today)?;
    let (org, counts, version) = (built.org, built.counts, built.version);

    // ---- 3: the real server, measured over loopback ----
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let server = {
        let _guard = runtime.enter();
        Application::build_on(settings, listener)?.into_server()
    };
    let handle = server.handle();
    runtime.spawn(server);
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let results = measure(addr, &org);
    let exports = results.as_ref().ok().map(|_| measure_exports(addr, &org));
    runtime.block_on(handle.stop(true));
    drop(runtime);
    let results = results?;

    println!();
    machine.print();
    println!("  database     {version}");
    println!(
        "  load average {load_at_start} when the run started (well above 0, other work shared the cores)"
    );
    println!(
        "  data         {people} people, {} reviews, {} answers, {} audit rows",
        count_of(&counts, "reviews"),
        count_of(&counts, "answers"),
        count_of(&counts, "audit_log")
    );
    println!(
        "  per page     {WARMUP} warm-up requests, then up to {SAMPLES} sequential requests (at most {} s, at least {MIN_SAMPLES})\n",
        TIME_BUDGET.as_secs()
    );
    print_table(&results);
    if let Some(exports) = exports {
        println!(
            "\n  Downloads of the open cycle ({} reviews), median of 3, to the last byte:",
            people - 1
        );
        for e in exports? {
            println!(
                "  {:<12} {:>6.2} s  {:>9} bytes  {:>6} lines  +{:.1} MB resident at most",
                e.kind, e.seconds, e.bytes, e.lines, e.extra_mb
            );
        }
    }
    let failed: Vec<&PageResult> = results.iter().filter(|r| r.missing).collect();
    if !failed.is_empty() {
        println!();
        for r in failed {
            println!(
                "  {}: answered 404 Not Found (the page is not built yet)",
                r.label
            );
        }
    }
    Ok(())
}

/// The generated database, and what the measurements need to know about it.
pub(super) struct Built {
    pub(super) org: generate::Org,
    pub(super) counts: Vec<(&'static str, i64)>,
    pub(super) version: String,
}

/// Steps 1 and 2: migrate, add the defaults, generate the organisation,
/// settle the database as a running instance would have, and print the
/// data set.
pub(super) fn build(
    settings: &Settings,
    scratch: &Scratch,
    people: usize,
    today: chrono::NaiveDate,
) -> anyhow::Result<Built> {
    let gen_db = Db::connect(&settings.database_url, 1)?;
    gen_db.migrate()?;
    let mut conn = gen_db.get()?;
    crate::defaults::ensure(&mut conn)?;
    println!("\nGenerating {people} people and three years of reviews...");
    let started = Instant::now();
    let org = generate(&mut conn, people, today)?;
    let generation = started.elapsed();
    println!("  generated in {:.1} s", generation.as_secs_f64());
    let settle = Instant::now();
    match gen_db.backend {
        // What autovacuum does after a bulk load, done now so plans do not
        // depend on when it happens to run.
        Backend::Postgres => conn.batch_execute("VACUUM ANALYZE")?,
        // What a running instance's WAL would have done by now.
        Backend::Sqlite => conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?,
    }
    println!(
        "  {} in {:.1} s",
        match gen_db.backend {
            Backend::Postgres => "VACUUM ANALYZE",
            Backend::Sqlite => "WAL checkpoint",
        },
        settle.elapsed().as_secs_f64()
    );
    let counts = row_counts(&mut conn)?;
    let size = database_size(&mut conn, scratch)?;
    let version = database_version(&mut conn)?;
    drop(conn);
    drop(gen_db);
    println!("  database     {version}, {:.0} MB", size as f64 / 1e6);
    for (table, n) in &counts {
        println!("  {table:<22} {n:>10}");
    }

    Ok(Built {
        org,
        counts,
        version,
    })
}

/// The settings of the server measured: the scratch database, loopback on
/// `port`, everything else the defaults.
pub(super) fn server_env(scratch: &Scratch, port: u16) -> HashMap<String, String> {
    let mut env = HashMap::new();
    env.insert("CERMIN_DATABASE_URL".to_string(), scratch.url.clone());
    env.insert("CERMIN_BIND".into(), format!("127.0.0.1:{port}"));
    env.insert("CERMIN_BASE_URL".into(), format!("http://127.0.0.1:{port}"));
    env.insert("CERMIN_DATA_DIR".into(), scratch.dir.display().to_string());
    env
}

pub(super) fn count_of(counts: &[(&'static str, i64)], table: &str) -> i64 {
    counts
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------
// The scratch database

/// A database made for this run and removed after it.
pub(crate) struct Scratch {
    pub(crate) url: String,
    pub(crate) dir: PathBuf,
    /// (admin URL, database name) of the PostgreSQL database to drop.
    pg: Option<(String, String)>,
    keep: bool,
}

impl Scratch {
    pub(crate) fn create(database_url: Option<String>) -> anyhow::Result<Self> {
        let tag = crate::auth::random_token()[..12].to_string();
        let dir = std::env::temp_dir().join(format!("cermin-bench-{tag}"));
        std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
        let mut scratch = Scratch {
            url: format!("sqlite://{}", dir.join("bench.db").display()),
            dir,
            pg: None,
            keep: std::env::var_os(KEEP_VAR).is_some(),
        };
        if let Some(admin) = database_url {
            let parsed = DatabaseUrl::parse(&admin).map_err(|e| anyhow!("--database-url: {e}"))?;
            if parsed.backend != Backend::Postgres {
                bail!(
                    "--database-url takes a postgres:// URL (the default is a fresh SQLite file)"
                );
            }
            let name = format!("cermin_bench_{tag}");
            let mut conn = PgConnection::establish(&admin)
                .with_context(|| format!("connect to {}", parsed.redacted()))?;
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .context("create the benchmark database")?;
            scratch.url = with_database(&admin, &name)?;
            scratch.pg = Some((admin, name));
        }
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.keep {
            println!("Kept ({KEEP_VAR} is set): {}", self.url);
            return;
        }
        if let Some((admin, name)) = self.pg.take() {
            match PgConnection::establish(&admin).and_then(|mut c| {
                c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)
            }) {
                Ok(()) => println!("Dropped the database {name}."),
                Err(e) => eprintln!("Could not drop the database {name}: {e}"),
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The same PostgreSQL URL with another database name (any query kept).
fn with_database(url: &str, name: &str) -> anyhow::Result<String> {
    let mut url = url::Url::parse(url).context("--database-url")?;
    url.set_path(&format!("/{name}"));
    Ok(url.into())
}

fn row_counts(conn: &mut DbConnection) -> QueryResult<Vec<(&'static str, i64)>> {
    Ok(vec![
        ("people", people::table.count().get_result(conn)?),
        (
            "review_cycles",
            review_cycles::table.count().get_result(conn)?,
        ),
        ("reviews", reviews::table.count().get_result(conn)?),
        ("answers", answers::table.count().get_result(conn)?),
        (
            "strengths_weaknesses",
            strengths_weaknesses::table.count().get_result(conn)?,
        ),
        ("goals", goals::table.count().get_result(conn)?),
        ("comments", comments::table.count().get_result(conn)?),
        (
            "journal_entries",
            journal_entries::table.count().get_result(conn)?,
        ),
        (
            "notifications",
            notifications::table.count().get_result(conn)?,
        ),
        ("audit_log", audit_log::table.count().get_result(conn)?),
    ])
}

fn database_version(conn: &mut DbConnection) -> QueryResult<String> {
    use diesel::dsl::sql;
    use diesel::sql_types::Text;
    Ok(match conn {
        DbConnection::Sqlite(_) => format!(
            "SQLite {}",
            diesel::select(sql::<Text>("sqlite_version()")).get_result::<String>(conn)?
        ),
        DbConnection::Pg(_) => format!(
            "PostgreSQL {}",
            diesel::select(sql::<Text>("current_setting('server_version')"))
                .get_result::<String>(conn)?
        ),
    })
}

/// Bytes on disk (SQLite: the file and its WAL) or as PostgreSQL counts them.
fn database_size(conn: &mut DbConnection, scratch: &Scratch) -> QueryResult<u64> {
    use diesel::dsl::sql;
    use diesel::sql_types::BigInt;
    Ok(match conn {
        DbConnection::Sqlite(_) => ["bench.db", "bench.db-wal"]
            .iter()
            .filter_map(|f| std::fs::metadata(scratch.dir.join(f)).ok())
            .map(|m| m.len())
            .sum(),
        DbConnection::Pg(_) => {
            diesel::select(sql::<BigInt>("pg_database_size(current_database())"))
                .get_result::<i64>(conn)? as u64
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_scratch_database_keeps_the_server_and_the_query() {
        assert_eq!(
            super::with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "b").ok(),
            Some("postgres://u:p@h:5432/b?sslmode=disable".to_string())
        );
        assert_eq!(
            super::with_database("postgres://h", "b").ok(),
            Some("postgres://h/b".to_string())
        );
    }
}

//! `cermin backup FILE` and `cermin restore FILE` for the SQLite database.
//!
//! A backup is taken while the server runs: `VACUUM INTO` reads one
//! consistent snapshot of the database (other connections keep writing to
//! the write-ahead log meanwhile) and writes it, compacted, to a new file,
//! which is then checked with `PRAGMA integrity_check`. A restore checks the
//! file the same way, keeps the current database beside it (nothing is ever
//! thrown away), and puts the backup in its place. PostgreSQL has its own
//! tools for this (`pg_dump`, `pg_restore`: docs/operations.md).

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};

use crate::db::DatabaseUrl;

/// What a finished backup or restore reports.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: PathBuf,
    pub bytes: u64,
    /// Tables and their row counts, by name.
    pub tables: Vec<(String, i64)>,
    /// Where the database that a restore replaced was kept.
    pub kept: Option<PathBuf>,
}

fn sqlite_file(url: &DatabaseUrl) -> anyhow::Result<&Path> {
    url.sqlite_path().ok_or_else(|| {
        anyhow!(
            "`cermin backup` and `cermin restore` are for SQLite; for PostgreSQL use \
             pg_dump and pg_restore (see docs/operations.md, \"Backups\")"
        )
    })
}

fn quoted(path: &Path) -> anyhow::Result<String> {
    let s = path
        .to_str()
        .ok_or_else(|| anyhow!("{} is not a UTF-8 path", path.display()))?;
    Ok(format!("'{}'", s.replace('\'', "''")))
}

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = Text)]
    value: String,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// `PRAGMA integrity_check` says "ok", and the tables with their row counts.
fn check(file: &Path) -> anyhow::Result<Vec<(String, i64)>> {
    let mut conn = SqliteConnection::establish(&format!("file:{}?mode=ro", file.display()))
        .or_else(|_| SqliteConnection::establish(&file.display().to_string()))
        .with_context(|| format!("open {}", file.display()))?;
    let result: Vec<One> =
        diesel::sql_query("SELECT integrity_check AS value FROM pragma_integrity_check()")
            .load(&mut conn)
            .with_context(|| format!("check {}", file.display()))?;
    let verdict: Vec<&str> = result.iter().map(|r| r.value.as_str()).collect();
    if verdict != ["ok"] {
        bail!("{} is damaged: {}", file.display(), verdict.join("; "));
    }
    let names: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .load(&mut conn)?;
    if !names.iter().any(|n| n.name == "people") {
        bail!(
            "{} is not a Cermin database (it has no people table)",
            file.display()
        );
    }
    let mut tables = vec![];
    for n in names {
        let c: Count = diesel::sql_query(format!(
            "SELECT COUNT(*) AS n FROM \"{}\"",
            n.name.replace('"', "\"\"")
        ))
        .get_result(&mut conn)?;
        tables.push((n.name, c.n));
    }
    Ok(tables)
}

/// Write a consistent copy of the running database to `out` (which must not
/// exist yet) and check it.
pub fn backup(url: &DatabaseUrl, out: &Path) -> anyhow::Result<Report> {
    let db = sqlite_file(url)?;
    if out.exists() {
        bail!("{} already exists: choose a new file name", out.display());
    }
    if !db.exists() {
        bail!("there is no database at {}", db.display());
    }
    let mut conn = SqliteConnection::establish(&db.display().to_string())
        .with_context(|| format!("open {}", db.display()))?;
    // Wait for a writer rather than fail; the snapshot itself takes no lock
    // that stops the server.
    conn.batch_execute("PRAGMA busy_timeout = 10000;")?;
    conn.batch_execute(&format!("VACUUM INTO {}", quoted(out)?))
        .with_context(|| format!("write the backup to {}", out.display()))?;
    let tables = check(out)?;
    Ok(Report {
        bytes: std::fs::metadata(out)?.len(),
        file: out.to_path_buf(),
        tables,
        kept: None,
    })
}

/// Put a backup in the database's place. The server must be stopped (the
/// caller checks that nothing answers on its address). The current database,
/// if any, is kept beside it with the time in its name.
pub fn restore(url: &DatabaseUrl, from: &Path) -> anyhow::Result<Report> {
    let db = sqlite_file(url)?;
    let tables = check(from)?;
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    }
    // Copy next to the database first, so the final step is one rename on
    // the same file system.
    let incoming = db.with_extension("db.restoring");
    std::fs::copy(from, &incoming)
        .with_context(|| format!("copy {} to {}", from.display(), incoming.display()))?;
    std::fs::File::open(&incoming)?.sync_all()?;
    let mut kept = None;
    if db.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let old = db.with_extension(format!("db.before-restore-{stamp}"));
        // Fold the write-ahead log into the file first, so the kept copy is whole.
        if let Ok(mut c) = SqliteConnection::establish(&db.display().to_string()) {
            let _ = c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        std::fs::rename(db, &old)
            .with_context(|| format!("keep the current database as {}", old.display()))?;
        kept = Some(old);
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            std::fs::remove_file(&side).with_context(|| format!("remove {}", side.display()))?;
        }
    }
    std::fs::rename(&incoming, db)
        .with_context(|| format!("put the backup in place at {}", db.display()))?;
    Ok(Report {
        bytes: std::fs::metadata(db)?.len(),
        file: db.to_path_buf(),
        tables,
        kept,
    })
}

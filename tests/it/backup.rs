//! `cermin backup` while the server takes writes, and `cermin restore`
//! (issue 11, operator tools): the backup is one consistent moment of the
//! database, and a restore brings back exactly that.

use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use reqwest::StatusCode;

use crate::helpers::*;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// `cermin` as an operator runs it; the backup and restore are told where
/// the database is, so the working folder does not matter.
fn cermin(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    crate::cli::cermin(&std::env::temp_dir(), env, args)
}

fn count(conn: &mut SqliteConnection, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(conn)
        .expect("count")
        .n
}

#[test]
fn a_backup_under_writes_restores_one_consistent_moment() {
    run_test(async {
        let app = spawn_app(Backend::Sqlite).await.expect("app");
        app.seed_demo();
        crate::reviews::open_cycle(&app, &["ayu.lestari", "joko.widodo"]);
        let source = app.data_dir().join("cermin.db");
        let url = format!("sqlite://{}", source.display());
        let out_dir = tempfile::tempdir().expect("dir");
        let backup = out_dir.path().join("cermin-backup.db");

        // Ayu keeps writing journal entries until the backup is done.
        let ayu = app.signed_in("ayu.lestari").await;
        ayu.get("/journal").await;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let saved = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (stop_w, saved_w) = (stop.clone(), saved.clone());
        let writer = tokio::spawn(async move {
            let mut i = 0;
            while !stop_w.load(std::sync::atomic::Ordering::SeqCst) && i < 100_000 {
                let res = ayu
                    .post(
                        "/journal",
                        &[
                            ("entry_on", "2026-11-02"),
                            ("kind", "note"),
                            ("body", &format!("Catatan nomor {i}")),
                        ],
                    )
                    .await;
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
                saved_w.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                i += 1;
            }
        });
        wait_until("a few entries saved", WAIT, || {
            saved.load(std::sync::atomic::Ordering::SeqCst) >= 10
        })
        .await;
        let b = backup.clone();
        let u = url.clone();
        let out = tokio::task::spawn_blocking(move || {
            cermin(
                &[("CERMIN_DATABASE_URL", &u)],
                &["backup", &b.display().to_string()],
            )
        })
        .await
        .expect("join");
        // A few more after the backup, then stop.
        let at_backup = saved.load(std::sync::atomic::Ordering::SeqCst);
        wait_until("entries after the backup", WAIT, || {
            saved.load(std::sync::atomic::Ordering::SeqCst) >= at_backup + 5
        })
        .await;
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        writer.await.expect("writer");
        let saved = saved.load(std::sync::atomic::Ordering::SeqCst) as i64;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("integrity check: ok"), "{said}");
        assert!(said.contains("journal_entries:"), "{said}");

        // A second backup to the same file is refused, not overwritten.
        let again = cermin(
            &[("CERMIN_DATABASE_URL", &url)],
            &["backup", &backup.display().to_string()],
        );
        assert!(!again.status.success());

        // Restore into a fresh place (no server there).
        let target_dir = tempfile::tempdir().expect("dir");
        let target = target_dir.path().join("data/cermin.db");
        let free_port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("port")
            .local_addr()
            .expect("addr")
            .port();
        let bind = format!("127.0.0.1:{free_port}");
        let target_url = format!("sqlite://{}", target.display());
        let env = [
            ("CERMIN_DATABASE_URL", target_url.as_str()),
            ("CERMIN_BIND", bind.as_str()),
        ];
        let restored = cermin(&env, &["restore", &backup.display().to_string()]);
        assert!(
            restored.status.success(),
            "{}",
            String::from_utf8_lossy(&restored.stderr)
        );
        // Restoring again keeps the database it replaces.
        let twice = cermin(&env, &["restore", &backup.display().to_string()]);
        assert!(String::from_utf8_lossy(&twice.stdout).contains("is kept at"));

        // Every table: the restored database holds exactly one moment of the
        // source. Nothing in it is missing from the source or different; the
        // tables nobody wrote to meanwhile are equal; of Ayu's entries, the
        // restored ones are a prefix of what she saved.
        let mut conn = SqliteConnection::establish(&target.display().to_string()).expect("open");
        conn.batch_execute(&format!("ATTACH DATABASE '{}' AS src", source.display()))
            .expect("attach");
        let tables: Vec<Name> = diesel::sql_query(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .load(&mut conn)
        .expect("tables");
        assert!(tables.len() > 15, "{} tables", tables.len());
        // Written by the requests during the backup (entries, their audit
        // rows, the session's last-seen time).
        let moving = ["journal_entries", "audit_log", "sessions"];
        for t in &tables {
            let t = &t.name;
            let extra = count(
                &mut conn,
                &format!("SELECT COUNT(*) AS n FROM (SELECT * FROM main.\"{t}\" EXCEPT SELECT * FROM src.\"{t}\")"),
            );
            if moving.contains(&t.as_str()) {
                if t == "sessions" {
                    continue;
                }
                assert_eq!(
                    extra, 0,
                    "{t}: every restored row is in the source as it is"
                );
            } else {
                let missing = count(
                    &mut conn,
                    &format!("SELECT COUNT(*) AS n FROM (SELECT * FROM src.\"{t}\" EXCEPT SELECT * FROM main.\"{t}\")"),
                );
                assert_eq!((extra, missing), (0, 0), "{t}: the same as the source");
            }
        }
        let restored_entries = count(
            &mut conn,
            "SELECT COUNT(*) AS n FROM main.journal_entries WHERE body LIKE 'Catatan nomor %'",
        );
        assert!(
            restored_entries >= 10 && restored_entries < saved,
            "the backup was taken while Ayu was writing ({restored_entries} of {saved})"
        );
        // One moment: the entries it has are the first ones she saved.
        let gaps = count(
            &mut conn,
            "SELECT COUNT(*) AS n FROM src.journal_entries s WHERE s.body LIKE 'Catatan nomor %' \
             AND s.created_at < (SELECT MAX(created_at) FROM main.journal_entries WHERE body LIKE 'Catatan nomor %') \
             AND s.id NOT IN (SELECT id FROM main.journal_entries)",
        );
        assert_eq!(gaps, 0, "no entry before the last restored one is missing");
    });
}

#[test]
fn restore_refuses_while_the_server_answers_and_backup_names_pg_tools() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let bind = listener.local_addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("cermin.db").display());
    let out = cermin(
        &[("CERMIN_DATABASE_URL", &url), ("CERMIN_BIND", &bind)],
        &["restore", "/nonexistent.db"],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("stop `cermin serve`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pg = cermin(
        &[("CERMIN_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
        &["backup", "/tmp/x.db"],
    );
    assert!(!pg.status.success());
    assert!(String::from_utf8_lossy(&pg.stderr).contains("pg_dump"));
}

/// Issue 11: the planner's statistics are kept current (`PRAGMA optimize`,
/// as SQLite recommends), so query plans do not depend on luck.
#[test]
fn sqlite_statistics_are_kept_current() {
    run_test(async {
        let app = spawn_app(Backend::Sqlite).await.expect("app");
        app.seed_demo();
        crate::reviews::open_cycle(&app, &["ayu.lestari", "joko.widodo"]);
        let mut conn = app.conn();
        cermin::maintenance::optimize(&mut conn).expect("optimize");
        drop(conn);
        let source = app.data_dir().join("cermin.db");
        let mut c = SqliteConnection::establish(&source.display().to_string()).expect("open");
        let analysed = count(
            &mut c,
            "SELECT COUNT(DISTINCT tbl) AS n FROM sqlite_stat1 WHERE tbl IN ('people', 'reviews')",
        );
        assert_eq!(analysed, 2, "people and reviews have statistics");
    });
}

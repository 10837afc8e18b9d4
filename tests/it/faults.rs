//! When the database cannot take a write (issue 9, items 9-11): a full disk,
//! a read-only database, a PostgreSQL outage. Every request gets the 503
//! page, never a 500; `/readyz` says not ready; nothing acknowledged is lost;
//! and the instance recovers by itself when the database does.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::*;

async fn write_entry(b: &Browser, body: &str) -> Page {
    b.post(
        "/journal",
        &[("entry_on", "2026-11-02"), ("kind", "note"), ("body", body)],
    )
    .await
}

async fn ready(base: String) -> StatusCode {
    reqwest::get(format!("{base}/readyz"))
        .await
        .map(|r| r.status())
        .unwrap_or(StatusCode::SERVICE_UNAVAILABLE)
}

/// A read-only database (as after a fail-over to a replica) and then no
/// database at all: reads and writes answer 503 with a page that says what
/// happened, never 500, and the app comes back by itself.
#[test]
#[ignore = "needs PostgreSQL: set CERMIN_TEST_DATABASE_URL and pass --include-ignored"]
fn postgres_read_only_and_outage_answer_503() {
    run_test(async {
        let app = spawn_app(Backend::Postgres).await.expect("PostgreSQL");
        app.seed_demo();
        let ayu = app.signed_in("ayu.lestari").await;
        ayu.get("/journal").await;
        assert_eq!(
            write_entry(&ayu, "Sebelum").await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(ready(app.base.clone()).await, StatusCode::OK);

        // Read-only: new sessions may read but not write.
        app.pg_admin(
            "ALTER DATABASE {db} SET default_transaction_read_only = on;
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = '{db}' AND pid <> pg_backend_pid();",
        );
        wait_until("readiness notices the database is read-only", WAIT, || {
            futures_block(ready(app.base.clone())) == StatusCode::SERVICE_UNAVAILABLE
        })
        .await;
        let refused = write_entry(&ayu, "Saat hanya-baca").await;
        assert_eq!(
            refused.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            refused.text
        );
        assert!(refused.contains(&in_page_lang(&refused.text, "error-not-saved-title")));
        assert_eq!(
            ayu.get("/journal").await.status,
            StatusCode::OK,
            "reads still work"
        );

        app.pg_admin(
            "ALTER DATABASE {db} RESET default_transaction_read_only;
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = '{db}' AND pid <> pg_backend_pid();",
        );
        wait_until("ready again", WAIT, || {
            futures_block(ready(app.base.clone())) == StatusCode::OK
        })
        .await;

        // No database: every page, read or write, is the 503 page.
        app.pg_admin(
            "ALTER DATABASE {db} ALLOW_CONNECTIONS false;
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = '{db}' AND pid <> pg_backend_pid();",
        );
        // Terminating is a signal: wait until every connection is gone, or a
        // request may still be served by one on its way out.
        wait_until("the database's connections are gone", WAIT, || {
            app.pg_backends() == 0
        })
        .await;
        let (home, journal, people, written) = tokio::join!(
            ayu.get("/"),
            ayu.get("/journal"),
            ayu.get("/history"),
            write_entry(&ayu, "Saat padam"),
        );
        for (what, page) in [
            ("home", &home),
            ("journal", &journal),
            ("history", &people),
            ("a write", &written),
        ] {
            assert_eq!(
                page.status,
                StatusCode::SERVICE_UNAVAILABLE,
                "{what}: {}",
                page.text
            );
        }
        assert!(written.contains(&in_page_lang(&written.text, "error-not-saved-title")));
        assert!(home.contains(&in_page_lang(&home.text, "error-unavailable-title")));
        assert_eq!(
            ready(app.base.clone()).await,
            StatusCode::SERVICE_UNAVAILABLE
        );

        app.pg_admin("ALTER DATABASE {db} ALLOW_CONNECTIONS true;");
        wait_until("ready after the outage", WAIT, || {
            futures_block(ready(app.base.clone())) == StatusCode::OK
        })
        .await;
        ayu.get("/journal").await;
        assert_eq!(
            write_entry(&ayu, "Sesudah").await.status,
            StatusCode::SEE_OTHER
        );
        let bodies: Vec<String> = {
            let mut conn = app.conn();
            let ayu_id = app.person_id("ayu.lestari");
            cermin::db::journal::list(&mut conn, &ayu_id, &ayu_id)
                .expect("q")
                .into_iter()
                .map(|e| e.body)
                .collect()
        };
        assert!(bodies.contains(&"Sebelum".to_string()));
        assert!(bodies.contains(&"Sesudah".to_string()));
        assert_eq!(bodies.len(), 2, "nothing refused was stored: {bodies:?}");
    });
}

/// `wait_until` takes a plain closure: ask the server from a fresh thread.
fn futures_block<T: Send + 'static>(f: impl std::future::Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(f)
    })
    .join()
    .expect("thread")
}

/// The real `cermin serve --demo`, with its data on a small file system of
/// its own (a tmpfs in a user and mount namespace: no root needed), so the
/// test can fill that disk without touching the machine's.
struct ServerOnSmallDisk {
    child: Child,
    base: String,
    /// The data folder as seen from outside the namespace.
    data: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl ServerOnSmallDisk {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).expect("data dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("port")
            .local_addr()
            .expect("addr")
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let script = format!(
            "mount -t tmpfs -o size=40m tmpfs '{}' && exec '{}' serve --demo",
            data.display(),
            env!("CARGO_BIN_EXE_cermin")
        );
        let child = Command::new("unshare")
            .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("CERMIN_DATA_DIR", &data)
            .env("CERMIN_BIND", format!("127.0.0.1:{port}"))
            .env("CERMIN_BASE_URL", &base)
            .env("CERMIN_MAIL_WORKER", "false")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect(
                "run `unshare` (util-linux) for a small file system of the server's own; \
                 unprivileged user namespaces must be allowed",
            );
        let mut server = Self {
            child,
            base,
            data,
            _dir: dir,
        };
        for _ in 0..600 {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "cermin serve stopped at start: {status}: {}",
                    server.output()
                );
            }
            if futures_block(ready(server.base.clone())) == StatusCode::OK {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("cermin serve did not become ready: {}", server.output());
    }

    /// A path inside the server's own view of its data folder.
    fn inside(&self, name: &str) -> std::path::PathBuf {
        std::path::PathBuf::from(format!("/proc/{}/root", self.server_pid()))
            .join(self.data.strip_prefix("/").expect("absolute"))
            .join(name)
    }

    /// The pid of `cermin` itself (`sh` execs it, so it is the child's).
    fn server_pid(&self) -> u32 {
        self.child.id()
    }

    fn output(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut s = String::new();
        use std::io::Read;
        if let Some(mut e) = self.child.stdout.take() {
            let _ = e.read_to_string(&mut s);
        }
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut s);
        }
        s
    }
}

impl Drop for ServerOnSmallDisk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Item 9 and 10: with the disk full, `/readyz` says not ready, and saves
/// answer 503 "nothing was saved" (never 500) with one ERROR line naming the
/// cause; every save acknowledged before is still there, and once there is
/// room again, saving works without a restart.
#[test]
fn a_full_disk_answers_503_and_loses_nothing() {
    run_test(async {
        let mut server = ServerOnSmallDisk::start();
        let ayu = Browser::new(&server.base);
        let signed = ayu.sign_in(&email_of("ayu.lestari"), DEMO_PASSWORD).await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text);
        ayu.get("/journal").await;
        assert_eq!(
            write_entry(&ayu, "Sebelum penuh").await.status,
            StatusCode::SEE_OTHER
        );

        // Fill the server's disk.
        let filler = server.inside("filler");
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&filler).expect("filler");
            let block = vec![0u8; 64 * 1024];
            while f.write_all(&block).is_ok() {}
            let _ = f.sync_all();
        }
        assert_eq!(
            ready(server.base.clone()).await,
            StatusCode::SERVICE_UNAVAILABLE,
            "a full disk is not ready"
        );
        // Write until the database itself runs out of room (SQLite first
        // reuses the space its write-ahead log already has).
        let body = "Catatan panjang untuk mengisi disk. ".repeat(130);
        let mut acknowledged = 1;
        let mut refused = None;
        for _ in 0..2000 {
            let res = write_entry(&ayu, &body).await;
            assert_ne!(
                res.status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{}",
                res.text
            );
            match res.status {
                StatusCode::SEE_OTHER => acknowledged += 1,
                StatusCode::SERVICE_UNAVAILABLE => {
                    refused = Some(res);
                    break;
                }
                other => panic!("unexpected {other}: {}", res.text),
            }
        }
        let refused = refused.expect("a save refused once the disk is full");
        assert!(refused.contains(&in_page_lang(&refused.text, "error-not-saved-title")));
        assert!(refused.contains(&in_page_lang(&refused.text, "error-not-saved-body")));
        let journal = ayu.get("/journal").await;
        assert_ne!(journal.status, StatusCode::INTERNAL_SERVER_ERROR);

        // Room again: saving works, and nothing acknowledged was lost.
        std::fs::remove_file(&filler).expect("remove filler");
        wait_until("ready once there is room", WAIT, || {
            futures_block(ready(server.base.clone())) == StatusCode::OK
        })
        .await;
        ayu.get("/journal").await;
        let after = write_entry(&ayu, "Sesudah lega").await;
        assert_eq!(after.status, StatusCode::SEE_OTHER, "{}", after.text);
        acknowledged += 1;
        let list = ayu.get("/journal").await;
        // Every acknowledged save is listed: the two short ones and each long
        // one written before the disk ran out (the journal lists all, and the
        // demo's own entries say none of these words).
        let entries = list.select_texts("[data-entry]");
        let ours = |words: &str| entries.iter().filter(|e| e.contains(words)).count();
        let shown = ours("Sebelum penuh")
            + ours("Sesudah lega")
            + ours("Catatan panjang untuk mengisi disk");
        let log = server.output();
        assert!(
            log.lines()
                .any(|l| l.contains("ERROR") && l.contains("disk full")),
            "one ERROR line names the cause:\n{log}"
        );
        assert_eq!(
            shown, acknowledged,
            "every acknowledged save is listed, and nothing refused"
        );
    });
}

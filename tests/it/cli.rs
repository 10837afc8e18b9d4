//! The `cermin` command itself: configuration errors, `user add`,
//! `user set-password`, `migrate`.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::helpers::*;

pub fn cermin(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cermin"));
    cmd.current_dir(dir)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run cermin")
}

#[test]
fn bad_configuration_fails_with_one_clear_line() {
    let dir = tempfile::tempdir().expect("dir");
    for (key, value) in [
        ("CERMIN_TIMEZONE", "Mars/Olympus"),
        ("CERMIN_BIND", "everywhere"),
        ("CERMIN_DATABASE_URL", "mysql://db/cermin"),
    ] {
        let out = cermin(dir.path(), &[(key, value)], &["serve"]);
        assert_eq!(out.status.code(), Some(2), "{key}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with(&format!("configuration error: {key}: ")),
            "{err}"
        );
        assert!(!err.contains("panicked"));
    }
    std::fs::write(dir.path().join("cermin.toml"), "bind = 8080\n").expect("write");
    let out = cermin(dir.path(), &[], &["migrate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("configuration error: cermin.toml: "));
}

#[test]
fn user_add_then_set_password_then_sign_in() {
    let dir = tempfile::tempdir().expect("dir");
    let env = [("CERMIN_DATA_DIR", "./data")];
    let out = cermin(dir.path(), &env, &["migrate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cermin(
        dir.path(),
        &env,
        &[
            "user",
            "add",
            "--email",
            "Wati@Contoh.co.id",
            "--name",
            "Wati Susanti",
            "--role",
            "hr",
            "--lang",
            "en",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("/invitation/"), "{stdout}");
    let out = cermin(
        dir.path(),
        &env,
        &[
            "user",
            "add",
            "--email",
            "joko@contoh.co.id",
            "--name",
            "Joko",
            "--role",
            "employee",
            "--manager",
            "nobody@contoh.co.id",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--manager"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .current_dir(dir.path())
        .args(["user", "set-password", "wati@contoh.co.id"])
        .env_clear()
        .env("CERMIN_DATA_DIR", "./data")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"gunung rinjani tinggi\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let db = cermin::db::Db::connect(
        &cermin::db::DatabaseUrl::parse(&format!(
            "sqlite://{}",
            dir.path().join("data/cermin.db").display()
        ))
        .expect("url"),
        1,
    )
    .expect("db");
    let mut conn = db.get().expect("conn");
    let p = cermin::db::people::find_by_email(&mut conn, "wati@contoh.co.id")
        .expect("q")
        .expect("added");
    assert_eq!(p.role, "hr");
    assert_eq!(p.lang, "en");
    assert!(cermin::auth::password::verify(
        "gunung rinjani tinggi",
        p.password_hash.as_deref()
    ));
    assert_eq!(
        cermin::db::migrate(&mut conn).expect("migrate"),
        0,
        "migrations are applied once"
    );
}

#[test]
#[ignore = "needs PostgreSQL: set CERMIN_TEST_DATABASE_URL and pass --include-ignored"]
fn postgres_errors_are_postgres_own() {
    let admin = require_postgres();
    let dir = tempfile::tempdir().expect("dir");
    let (base, _) = admin
        .rsplit_once('/')
        .expect("CERMIN_TEST_DATABASE_URL names a database");
    let url = format!("{base}/cermin_no_such_database");
    let out = cermin(dir.path(), &[("CERMIN_DATABASE_URL", &url)], &["migrate"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cermin_no_such_database") && err.contains("does not exist"),
        "PostgreSQL's own message: {err}"
    );
}

crate::on_both_databases!(migrations_apply_only_once);

async fn migrations_apply_only_once(app: TestApp) {
    let mut conn = app.conn();
    assert_eq!(
        cermin::db::migrate(&mut conn).expect("migrate again"),
        0,
        "{:?}",
        app.backend
    );
    assert_eq!(
        cermin::db::people::count_all(&mut conn).expect("people table"),
        0
    );
}

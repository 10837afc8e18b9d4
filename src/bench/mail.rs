//! `cermin bench --mail`: how long launching a review cycle for N people takes
//! (their reviews and every invitation queued, in one transaction), and how
//! fast the worker sends to an SMTP server on loopback.
//!
//! The SMTP server is a sink started here: it speaks just enough SMTP to take
//! each message and answer 250, so the figure is Cermin's own cost (render,
//! MIME, calendar file, SMTP round trips, marking sent), not a mail server's.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{anyhow, Context};
use chrono::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use super::Scratch;
use crate::config::Settings;
use crate::db::{self, cycles, people, Db};

pub fn run(n: usize, database_url: Option<String>) -> anyhow::Result<()> {
    crate::i18n::init().map_err(|e| anyhow!("translations: {e}"))?;
    let scratch = Scratch::create(database_url)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // lettre's pooled transport lives on this runtime.
    let _guard = runtime.enter();
    let (port, received) = runtime.block_on(start_sink())?;
    let mut env = HashMap::new();
    env.insert("CERMIN_DATABASE_URL".to_string(), scratch.url.clone());
    env.insert("CERMIN_DATA_DIR".into(), scratch.dir.display().to_string());
    env.insert("CERMIN_SMTP_URL".into(), format!("smtp://127.0.0.1:{port}"));
    env.insert(
        "CERMIN_MAIL_FROM".into(),
        "Cermin <sdm@bench.example>".into(),
    );
    env.insert("CERMIN_MAIL_RATE_PER_MINUTE".into(), "1000000".into());
    let settings = Settings::from_env_map(&env).map_err(|e| anyhow!("{e}"))?;
    println!("Cermin mail benchmark");
    println!("  database     {}", settings.database_url.redacted());
    if cfg!(debug_assertions) {
        println!("\n  WARNING: this is a debug build; use `cargo run --release --features bench -- bench --mail`.");
    }
    let db = Db::connect(&settings.database_url, 4)?;
    db.prepare()?;
    let mut conn = db.get()?;
    let today = chrono::Utc::now()
        .with_timezone(&settings.timezone)
        .date_naive();

    println!("\nGenerating {n} people and a draft review cycle for all of them...");
    let (hr, participants) = generate_people(&mut conn, n)?;
    let template = crate::db::forms::default_template(&mut conn)?
        .ok_or_else(|| anyhow!("no default template"))?;
    let cycle_id = db::new_id();
    let now = db::now();
    cycles::insert(
        &mut conn,
        &cycles::CycleRow {
            id: cycle_id.clone(),
            name: "Evaluasi Tahunan 2026".into(),
            template_id: template.id,
            status: crate::domain::review::CycleStatus::Draft,
            opens_on: today,
            self_due_on: today + Duration::days(14),
            manager_due_on: today + Duration::days(28),
            ack_due_on: today + Duration::days(35),
            closes_on: today + Duration::days(42),
            reminder_days: "7,2,0".into(),
            dates_sequence: 0,
            created_by: Some(hr.clone()),
            created_at: now,
            updated_at: now,
            launched_at: None,
            closed_at: None,
        },
    )?;
    cycles::set_participants(&mut conn, &cycle_id, &participants)?;

    // ---- launch ----
    let started = Instant::now();
    crate::app::cycles::launch_cycle(
        &mut conn,
        &crate::app::Actor {
            id: hr.clone(),
            role: crate::domain::Role::Hr,
        },
        crate::app::Clock {
            now: crate::db::now(),
            today,
        },
        &crate::domain::CycleId::from_stored(cycle_id.as_str()),
    )
    .map_err(|e| anyhow!("launch: {e}"))?;
    let launch = started.elapsed();
    let reviews = cycles::state_counts(&mut conn, &cycle_id)?
        .into_iter()
        .map(|(_, c)| c)
        .sum::<i64>();
    let queued = crate::db::outbox::waiting(&mut conn)?;
    drop(conn);
    println!(
        "  launch       {:.2} s: {reviews} reviews and {queued} invitations queued, one transaction",
        launch.as_secs_f64()
    );

    // ---- send ----
    let mailer = crate::mail::worker::Mailer::new(&settings, db.clone())
        .map_err(|e| anyhow!("mail: {e}"))?;
    let started = Instant::now();
    let report = runtime.block_on(mailer.deliver(db::now()))?;
    let send = started.elapsed();
    let got = received.load(Ordering::SeqCst);
    println!(
        "  send         {:.1} s: {} sent, {} failed; the sink received {got} ({:.0} messages per second)",
        send.as_secs_f64(),
        report.sent,
        report.failed,
        report.sent as f64 / send.as_secs_f64().max(1e-9)
    );
    if got != report.sent {
        anyhow::bail!(
            "the sink received {got} messages, the outbox says {} sent",
            report.sent
        );
    }
    Ok(())
}

/// N people: one HR, a manager for every 10 employees; every participant has
/// a manager (HR is not a participant).
fn generate_people(conn: &mut db::DbConnection, n: usize) -> anyhow::Result<(String, Vec<String>)> {
    use diesel::prelude::*;
    let now = db::now();
    let row = |i: usize, role: &str, manager: Option<String>| people::NewPersonRow {
        id: db::new_id(),
        email: format!("orang{i}@bench.example"),
        name: format!("Orang Ke-{i}"),
        password_hash: None,
        role: role.into(),
        manager_id: manager,
        department: format!("Cabang {}", i % 40),
        job_title: "Customer Service Officer".into(),
        job_description: String::new(),
        lang: if i.is_multiple_of(5) { "en" } else { "id" }.into(),
        active: true,
        email_digest: false,
        created_at: now,
        updated_at: now,
    };
    let hr = row(0, "hr", None);
    let hr_id = hr.id.clone();
    let head = row(1, "manager", None);
    let head_id = head.id.clone();
    let mut rows = vec![hr, head];
    let managers = (n / 11).max(1);
    let mut manager_ids = vec![];
    for i in 0..managers {
        let m = row(2 + i, "manager", Some(head_id.clone()));
        manager_ids.push(m.id.clone());
        rows.push(m);
    }
    let mut i = 2 + managers;
    while rows.len() < n {
        let m = manager_ids[i % manager_ids.len()].clone();
        rows.push(row(i, "employee", Some(m)));
        i += 1;
    }
    let participants: Vec<String> = rows
        .iter()
        .filter(|r| r.manager_id.is_some())
        .map(|r| r.id.clone())
        .collect();
    db::write_tx(conn, |conn| {
        for chunk in rows.chunks(1000) {
            crate::batch_insert!(conn, crate::db::schema::people::table, chunk)?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .context("insert people")?;
    let _ = crate::db::schema::people::table
        .count()
        .get_result::<i64>(conn)?;
    Ok((hr_id, participants))
}

/// An SMTP server that takes every message: returns its port and a counter.
async fn start_sink() -> anyhow::Result<(u16, Arc<AtomicUsize>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    let received = Arc::new(AtomicUsize::new(0));
    let counter = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let _ = sink_session(stream, counter).await;
            });
        }
    });
    Ok((port, received))
}

async fn sink_session(
    stream: tokio::net::TcpStream,
    received: Arc<AtomicUsize>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.bench ESMTP\r\n").await?;
    let mut line = String::new();
    let mut in_data = false;
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        if in_data {
            if line == ".\r\n" || line == ".\n" {
                in_data = false;
                received.fetch_add(1, Ordering::SeqCst);
                write.write_all(b"250 2.0.0 queued\r\n").await?;
            }
            continue;
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.bench\r\n250 8BITMIME\r\n",
            "DATA" => {
                in_data = true;
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"250 OK\r\n",
        };
        write.write_all(answer).await?;
    }
}

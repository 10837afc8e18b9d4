//! A launch for a company, not a team: on PostgreSQL the launch refreshes
//! the planner's statistics for the rows it wrote, so the mail worker's
//! claims read the queue's index in order instead of every queued row.
//! (How fast that is, is measured by `cermin bench --mail`, never here.)

use chrono::Duration;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

const PEOPLE: usize = 1_200;

/// A person of a generated organisation: `key` makes the address and name.
fn person_row(
    key: &str,
    name: String,
    role: &str,
    manager: Option<String>,
    department: String,
) -> cermin::db::people::NewPersonRow {
    let now = cermin::db::now();
    cermin::db::people::NewPersonRow {
        id: cermin::db::new_id(),
        email: format!("{key}@scale.example"),
        name,
        password_hash: None,
        role: role.into(),
        manager_id: manager,
        department,
        job_title: "Customer Service Officer".into(),
        job_description: String::new(),
        lang: "id".into(),
        active: true,
        email_digest: false,
        created_at: now,
        updated_at: now,
    }
}

/// Store `people`, and a draft cycle opening today for `participants`;
/// returns the cycle's id.
fn draft_cycle_of(
    conn: &mut cermin::db::DbConnection,
    name: &str,
    created_by: Option<String>,
    people: &[cermin::db::people::NewPersonRow],
    participants: &[String],
) -> String {
    cermin::db::write_tx(conn, |c| {
        for chunk in people.chunks(500) {
            cermin::batch_insert!(c, cermin::db::schema::people::table, chunk)?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .expect("people");
    let template = cermin::db::forms::default_template(conn)
        .expect("template")
        .expect("a default template");
    let now = cermin::db::now();
    let today = now.date();
    let cycle_id = cermin::db::new_id();
    cermin::db::cycles::insert(
        conn,
        &cermin::db::cycles::CycleRow {
            id: cycle_id.clone(),
            name: name.into(),
            template_id: template.id,
            status: cermin::domain::review::CycleStatus::Draft,
            opens_on: today,
            self_due_on: today + Duration::days(14),
            manager_due_on: today + Duration::days(28),
            ack_due_on: today + Duration::days(35),
            closes_on: today + Duration::days(42),
            reminder_days: "7,2,0".into(),
            dates_sequence: 0,
            created_by,
            created_at: now,
            updated_at: now,
            launched_at: None,
            closed_at: None,
        },
    )
    .expect("cycle");
    cermin::db::cycles::set_participants(conn, &cycle_id, participants).expect("roster");
    cycle_id
}

on_both_databases!(a_draft_cycle_larger_than_one_statement_takes);

/// More people than SQLite takes values in one statement (32,766).
const MANY: usize = 33_000;

/// A draft cycle's page and its launch page name each participant's manager.
/// They asked for the managers with every participant's manager id in one
/// statement, once per participant: past 32,766 participants SQLite refused
/// it, and HR got an error page instead of their cycle.
async fn a_draft_cycle_larger_than_one_statement_takes(app: TestApp) {
    app.seed_demo();
    let manager_id = app.person_id("rina.marlina");
    let rows: Vec<_> = (0..MANY)
        .map(|i| {
            person_row(
                &format!("cabang{i}"),
                format!("Petugas Cabang {i:05}"),
                "employee",
                Some(manager_id.clone()),
                "Layanan".into(),
            )
        })
        .collect();
    let participants: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut conn = app.conn();
    let cycle_id = draft_cycle_of(
        &mut conn,
        "Evaluasi Seluruh Cabang",
        None,
        &rows,
        &participants,
    );
    drop(conn);

    let hr = app.signed_in("sari.wulandari").await;
    let page = hr.get(&format!("/cycles/{cycle_id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(
        page.select_texts("h1")
            .join(" ")
            .contains("Evaluasi Seluruh Cabang"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("Rina Marlina"),
        "the participants' manager is named"
    );
    let launch = hr.get(&format!("/cycles/{cycle_id}/launch")).await;
    assert_eq!(launch.status, StatusCode::OK, "{}", launch.text);
    let digits: String = launch
        .select_texts("li")
        .join(" ")
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | '\u{2068}' | '\u{2069}'))
        .collect();
    assert!(
        digits.contains(&format!("{MANY} evaluasi akan dibuat")),
        "the launch page counts every review: {digits}"
    );
}

#[test]
#[ignore = "needs PostgreSQL: set CERMIN_TEST_DATABASE_URL and pass --include-ignored"]
fn a_large_launch_leaves_postgres_knowing_its_rows() {
    run_test(a_large_launch_leaves_postgres_knowing_its_rows_in());
}

/// What PostgreSQL's planner believes a table holds (`-1` before it was
/// ever analysed).
#[derive(QueryableByName)]
struct Believed {
    #[diesel(sql_type = diesel::sql_types::Float)]
    reltuples: f32,
}

fn believed(conn: &mut cermin::db::DbConnection, table: &str) -> f32 {
    let cermin::db::DbConnection::Pg(c) = conn else {
        panic!("PostgreSQL only");
    };
    diesel::sql_query("SELECT reltuples FROM pg_class WHERE relname = $1")
        .bind::<diesel::sql_types::Text, _>(table)
        .get_result::<Believed>(c)
        .expect("pg_class")
        .reltuples
}

async fn a_large_launch_leaves_postgres_knowing_its_rows_in() {
    let app = spawn_app(Backend::Postgres).await.expect("PostgreSQL");
    let mut conn = app.conn();
    let today = cermin::db::now().date();
    let person = |i: usize, role: &str, manager: Option<String>| {
        person_row(
            &format!("orang{i}"),
            format!("Orang Ke-{i}"),
            role,
            manager,
            format!("Cabang {}", i % 12),
        )
    };
    let hr = person(0, "hr", None);
    let manager = person(1, "manager", None);
    let hr_id = hr.id.clone();
    let manager_id = manager.id.clone();
    let mut rows = vec![hr, manager];
    rows.extend((2..PEOPLE + 2).map(|i| person(i, "employee", Some(manager_id.clone()))));
    let participants: Vec<String> = rows[2..].iter().map(|r| r.id.clone()).collect();
    let cycle_id = draft_cycle_of(
        &mut conn,
        "Evaluasi Tahunan",
        Some(hr_id.clone()),
        &rows,
        &participants,
    );
    // Before: the planner has never counted the queue.
    assert!(believed(&mut conn, "email_outbox") < 100.0);

    cermin::app::cycles::launch_cycle(
        &mut conn,
        &hr_actor(&hr_id),
        clock_on(today),
        &cermin::domain::CycleId::from_stored(cycle_id.as_str()),
    )
    .expect("launch");

    // After: it knows of every review and invitation the launch wrote.
    let reviews = believed(&mut conn, "reviews");
    let queued = believed(&mut conn, "email_outbox");
    assert!(reviews >= PEOPLE as f32, "reviews believed: {reviews}");
    assert!(queued > PEOPLE as f32, "email_outbox believed: {queued}");
}

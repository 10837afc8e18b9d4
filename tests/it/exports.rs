//! Downloading a cycle's results: HR gets every review, a manager only the
//! reviews they write; private comments only when HR includes them (and
//! the audit log says who and when); no cell a spreadsheet would run; the
//! CSV and the workbook hold the same numbers as the database.

use std::collections::HashMap;

use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reading::{shared_review, PRIVATE_NOTE, SHARED_NOTE};

on_both_databases!(
    hr_downloads_what_the_cycle_holds,
    managers_download_only_their_own_reviews,
    every_review_of_a_large_cycle_is_one_row,
);

/// The cycle's download page's answer to a POST.
async fn download(
    b: &Browser,
    cycle: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Vec<u8>) {
    b.download(&format!("/cycles/{cycle}/export"), fields).await
}

/// A CSV download as rows of cells (the byte order mark dropped).
pub(crate) fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(body).expect("UTF-8");
    assert!(
        text.starts_with('\u{feff}'),
        "the CSV starts with a byte order mark"
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// No cell begins with what a spreadsheet runs as a formula.
fn assert_no_formula(what: &str, rows: &[Vec<String>]) {
    for row in rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
}

fn cycle_of(app: &TestApp, review: &str) -> String {
    cermin::db::reviews::find(&mut app.conn(), review)
        .expect("q")
        .expect("review")
        .0
        .cycle_id
}

fn exports_recorded(app: &TestApp) -> Vec<(Option<String>, String)> {
    use cermin::db::schema::audit_log;
    audit_log::table
        .filter(audit_log::action.eq("cycle.exported"))
        .order(audit_log::at.asc())
        .select((audit_log::actor_id, audit_log::details))
        .load(&mut *app.conn())
        .expect("audit")
}

/// The header of the rating column for a competency and side, in `lang`.
fn rating_header(app: &TestApp, page: &str, key: &str, side: &str) -> String {
    let c = cermin::db::forms::competency_by_key(&mut app.conn(), key)
        .expect("q")
        .expect("competency");
    let name = if page.contains("<html lang=\"en\"") {
        c.name_en
    } else {
        c.name_id
    };
    format!(
        "{name} ({})",
        in_page_lang(page, &format!("export-side-{side}"))
    )
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

async fn hr_downloads_what_the_cycle_holds(app: TestApp) {
    let shared = shared_review(&app).await;
    let cycle = cycle_of(&app, &shared.review);
    // What people typed that a spreadsheet would run.
    let ayu = app.person_id("ayu.lestari");
    app.exec(&format!(
        "UPDATE people SET department = '=1+2' WHERE id = '{ayu}'"
    ));
    app.exec(&format!(
        "UPDATE goals SET title = '@SUM(A1:A9)' WHERE person_id = '{ayu}'"
    ));

    let hr = app.signed_in("sari.wulandari").await;
    let cycle_page = hr.get(&format!("/cycles/{cycle}")).await;
    assert_eq!(
        cycle_page.attr("a#export", "href").as_deref(),
        Some(format!("/cycles/{cycle}/export").as_str()),
        "the cycle page links to the download"
    );
    let offer = hr.get(&format!("/cycles/{cycle}/export")).await;
    assert_eq!(offer.status, StatusCode::OK, "{}", offer.text);
    assert!(
        offer.attr("input#include_private", "name").is_some(),
        "HR may include private comments"
    );

    // Results as CSV, without private comments.
    let before = exports_recorded(&app).len();
    let (status, disposition, body) = download(&hr, &cycle, &[("kind", "results_csv")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        disposition.starts_with("attachment")
            && disposition.contains("cermin-evaluasi-semester-ii-2026-results.csv"),
        "{disposition}"
    );
    let rows = csv_rows(&body);
    assert_no_formula("results CSV", &rows);
    assert_eq!(rows.len(), 2, "a header and Ayu's review: {rows:?}");
    let text = String::from_utf8_lossy(&body);
    assert!(
        !text.contains(PRIVATE_NOTE),
        "a private comment in a download HR did not ask it for"
    );
    let (header, ayu_row) = (&rows[0], &rows[1]);
    // A column is about everyone: never "{name}", never the employee's "I".
    for h in header {
        assert!(!h.contains("{name}"), "{h}");
        assert!(
            !h.contains("saya") && !h.contains(" do I ") && !h.contains(" my "),
            "a column heading in the employee's voice: {h}"
        );
    }
    let cell = |name: &str| ayu_row[column(header, name)].clone();
    assert_eq!(
        cell(&in_page_lang(&offer.text, "export-col-department")),
        "'=1+2"
    );
    assert_eq!(
        cell(&in_page_lang(&offer.text, "export-col-manager")),
        "Rina Marlina"
    );
    assert_eq!(
        cell(&in_page_lang(&offer.text, "export-col-state")),
        in_page_lang(&offer.text, "cycles-state-shared")
    );
    // Every rating against the database, each side.
    let (own, theirs) = {
        use cermin::db::schema::answers;
        let rated: Vec<(String, String, Option<i32>)> = answers::table
            .filter(answers::review_id.eq(&shared.review))
            .filter(answers::rating.is_not_null())
            .select((answers::question_id, answers::side, answers::rating))
            .load(&mut *app.conn())
            .expect("answers");
        let count = |side: &str| rated.iter().filter(|(_, s, _)| s == side).count();
        (count("self"), count("manager"))
    };
    let numbers = ayu_row.iter().filter(|c| c.parse::<i64>().is_ok()).count();
    assert!(own > 0 && theirs > 0);
    // The ratings, five counts (strengths and weaknesses of each side, goals).
    assert_eq!(numbers, own + theirs + 5, "{header:?}\n{ayu_row:?}");
    assert_eq!(
        cell(&rating_header(&app, &offer.text, "teamwork", "self")),
        "4"
    );
    assert_eq!(
        cell(&rating_header(&app, &offer.text, "teamwork", "manager")),
        "3"
    );
    assert_eq!(
        cell(&rating_header(&app, &offer.text, "composure", "self")),
        "2"
    );
    assert_eq!(
        cell(&rating_header(&app, &offer.text, "composure", "manager")),
        "4"
    );
    assert_eq!(
        cell(&in_page_lang(&offer.text, "export-col-strengths-self")),
        "1"
    );
    assert_eq!(
        cell(&in_page_lang(&offer.text, "export-col-strengths-manager")),
        "1"
    );
    assert_eq!(cell(&in_page_lang(&offer.text, "export-col-goals")), "1");
    let recorded = exports_recorded(&app);
    assert_eq!(recorded.len(), before + 1, "the download is audited");
    let hr_id = app.person_id("sari.wulandari");
    assert_eq!(recorded[before].0.as_deref(), Some(hr_id.as_str()));
    assert!(
        recorded[before].1.contains("\"private_comments\":false"),
        "{}",
        recorded[before].1
    );

    // With private comments, chosen: there, and the audit log says so.
    let (status, _, body) = download(
        &hr,
        &cycle,
        &[("kind", "results_csv"), ("include_private", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rows = csv_rows(&body);
    let private_col = column(&rows[0], &in_page_lang(&offer.text, "export-col-private"));
    assert_eq!(rows[1][private_col], PRIVATE_NOTE);
    assert!(
        !String::from_utf8_lossy(&body).contains(SHARED_NOTE),
        "only private comments in that column"
    );
    let recorded = exports_recorded(&app);
    assert_eq!(recorded.len(), before + 2);
    assert!(
        recorded[before + 1].1.contains("\"private_comments\":true"),
        "{}",
        recorded[before + 1].1
    );

    // Goals as CSV.
    let (status, disposition, body) = download(&hr, &cycle, &[("kind", "goals_csv")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(disposition.contains("-goals.csv"), "{disposition}");
    let goals = csv_rows(&body);
    assert_no_formula("goals CSV", &goals);
    assert_eq!(goals.len(), 2, "{goals:?}");
    let title = column(
        &goals[0],
        &in_page_lang(&offer.text, "export-col-goal-title"),
    );
    assert_eq!(goals[1][title], "'@SUM(A1:A9)");

    // The workbook, read back by a spreadsheet reader. A due date no
    // spreadsheet holds (the year 1025, a typo the form accepts) is
    // written as text and fails nothing.
    app.exec(&format!(
        "UPDATE goals SET due_on = '1025-06-30' WHERE person_id = '{}'",
        app.person_id("ayu.lestari")
    ));
    let (status, disposition, body) = download(&hr, &cycle, &[("kind", "workbook")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(disposition.contains(".xlsx"), "{disposition}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(body)).expect("an XLSX workbook");
    let names = book.sheet_names().to_vec();
    assert_eq!(
        names,
        vec![
            in_page_lang(&offer.text, "export-sheet-results"),
            in_page_lang(&offer.text, "export-sheet-goals")
        ]
    );
    let sheet = |book: &mut calamine::Xlsx<_>, name: &str| -> Vec<Vec<String>> {
        book.worksheet_range(name)
            .expect("sheet")
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    let results = sheet(&mut book, &names[0]);
    assert_no_formula("workbook results", &results);
    assert_eq!(results.len(), 2);
    let teamwork = column(
        &results[0],
        &rating_header(&app, &offer.text, "teamwork", "self"),
    );
    assert_eq!(results[1][teamwork], "4");
    let range = book.worksheet_range(&names[0]).expect("sheet");
    assert_eq!(
        range.get((1, teamwork)),
        Some(&calamine::Data::Float(4.0)),
        "ratings are numbers in the workbook"
    );
    // Dates are the spreadsheet's own, not text: the self-assessment's
    // submission is a date and time cell.
    let submitted = column(
        &results[0],
        &in_page_lang(&offer.text, "export-col-self-submitted"),
    );
    assert!(
        matches!(range.get((1, submitted)), Some(calamine::Data::DateTime(_))),
        "{:?}",
        range.get((1, submitted))
    );
    let goals = sheet(&mut book, &names[1]);
    assert_no_formula("workbook goals", &goals);
    assert_eq!(goals.len(), 2);
    assert!(goals[1].contains(&"'@SUM(A1:A9)".to_string()), "{goals:?}");
    assert!(goals[1].contains(&"1025-06-30".to_string()), "{goals:?}");
    assert_eq!(exports_recorded(&app).len(), before + 4);
}

async fn managers_download_only_their_own_reviews(app: TestApp) {
    let shared = shared_review(&app).await;
    let cycle = cycle_of(&app, &shared.review);
    // Lukman (Dimas's report) takes part in the same cycle.
    let lukman = app.person_id("lukman.hakim");
    {
        let hr = hr_actor(&app.person_id("sari.wulandari"));
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Jakarta)
            .date_naive();
        cermin::app::cycles::add_participant(
            &mut app.conn(),
            &hr,
            clock_on(today),
            &cermin::domain::CycleId::from_stored(cycle.as_str()),
            &cermin::domain::PersonId::from_stored(lukman.as_str()),
        )
        .expect("Lukman added");
    }

    // Rina: her team page links to the download; the file holds Ayu only,
    // and never a private comment.
    let rina = app.signed_in("rina.marlina").await;
    let team = rina.get("/team").await;
    let links = team.select_attrs("[data-exports] a", "href");
    assert_eq!(links, vec![format!("/cycles/{cycle}/export")]);
    let offer = rina.get(&links[0]).await;
    assert_eq!(offer.status, StatusCode::OK, "{}", offer.text);
    assert!(
        offer.attr("input#include_private", "name").is_none(),
        "no private comments for managers"
    );
    let before = exports_recorded(&app).len();
    let (status, _, body) = download(&rina, &cycle, &[("kind", "results_csv")]).await;
    assert_eq!(status, StatusCode::OK);
    let rows = csv_rows(&body);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "Ayu Lestari");
    let text = String::from_utf8_lossy(&body);
    assert!(
        !text.contains("Lukman"),
        "another manager's report in Rina's download"
    );
    assert!(!text.contains(PRIVATE_NOTE));

    // Asking for private comments anyway is refused and changes nothing.
    let (status, _, body) = download(
        &rina,
        &cycle,
        &[("kind", "results_csv"), ("include_private", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!String::from_utf8_lossy(&body).contains(PRIVATE_NOTE));
    assert_eq!(exports_recorded(&app).len(), before + 1);

    // Dimas gets Lukman only; Lukman's self-assessment is not submitted, so
    // his ratings are empty for Dimas.
    let dimas = app.signed_in("dimas.prasetyo").await;
    dimas.get(&format!("/cycles/{cycle}/export")).await;
    let (status, _, body) = download(&dimas, &cycle, &[("kind", "results_csv")]).await;
    assert_eq!(status, StatusCode::OK);
    let rows = csv_rows(&body);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "Lukman Hakim");
    assert!(!String::from_utf8_lossy(&body).contains("Ayu"));

    // An employee, and an unknown file: refused with a message.
    let ayu = app.signed_in("ayu.lestari").await;
    let page = ayu.get(&format!("/cycles/{cycle}/export")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let (status, _, _) = download(&ayu, &cycle, &[("kind", "results_csv")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let odd = rina
        .post(&format!("/cycles/{cycle}/export"), &[("kind", "pdf")])
        .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        odd.contains(&in_page_lang(&odd.text, "export-error-kind")),
        "{}",
        odd.text
    );
    assert_eq!(
        exports_recorded(&app).len(),
        before + 2,
        "only the two downloads are recorded"
    );
}

async fn every_review_of_a_large_cycle_is_one_row(app: TestApp) {
    // More people than one batch of the download reads, with names that
    // repeat (the paging goes by name, then id).
    app.seed_demo();
    let rina = app.person_id("rina.marlina");
    let total = cermin::app::exports::BATCH as usize + 37;
    {
        let mut conn = app.conn();
        let now = cermin::db::now();
        for i in 0..total {
            let id = cermin::db::new_id();
            diesel::insert_into(cermin::db::schema::people::table)
                .values((
                    cermin::db::schema::people::id.eq(&id),
                    cermin::db::schema::people::email.eq(format!("agen{i}@sejahtera.example")),
                    cermin::db::schema::people::name.eq(format!("Agen {}", i % 40)),
                    cermin::db::schema::people::role.eq("employee"),
                    cermin::db::schema::people::manager_id.eq(Some(&rina)),
                    cermin::db::schema::people::department.eq("Layanan Pelanggan"),
                    cermin::db::schema::people::job_title.eq("Agen"),
                    cermin::db::schema::people::job_description.eq(""),
                    cermin::db::schema::people::lang.eq("id"),
                    cermin::db::schema::people::active.eq(true),
                    cermin::db::schema::people::email_digest.eq(false),
                    cermin::db::schema::people::created_at.eq(now),
                    cermin::db::schema::people::updated_at.eq(now),
                ))
                .execute(&mut *conn)
                .expect("person");
        }
    }
    let emails: Vec<String> = (0..total).map(|i| format!("agen{i}")).collect();
    let refs: Vec<&str> = emails.iter().map(String::as_str).collect();
    let (cycle, reviews) = crate::reviews::open_cycle(&app, &refs);
    assert_eq!(reviews.len(), total);

    let sari = app.signed_in("sari.wulandari").await;
    let offer = sari.get(&format!("/cycles/{cycle}/export")).await;
    let (status, _, body) = download(&sari, &cycle, &[("kind", "results_csv")]).await;
    assert_eq!(status, StatusCode::OK);
    let rows = csv_rows(&body);
    assert_eq!(rows.len(), total + 1, "one row per review and a header");
    let emails_in: HashMap<String, usize> = rows[1..].iter().fold(HashMap::new(), |mut m, r| {
        *m.entry(r[1].clone()).or_default() += 1;
        m
    });
    assert_eq!(emails_in.len(), total, "each review once");
    assert!(emails_in.values().all(|n| *n == 1));
    let names: Vec<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "in name order");
    assert!(rows[1..]
        .iter()
        .all(|r| r[5] == in_page_lang(&offer.text, "cycles-state-self_assessment")));
}

//! Pages that grow with a company's history are read a page at a time:
//! the audit log by key (newest first; older and newer pages never skip or
//! repeat a record, however many come in meanwhile) and one's journal.

use std::collections::HashSet;

use chrono::{Duration, Utc};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(the_audit_log_pages_by_key, the_journal_pages_newest_first,);

/// The `n` in the details of the records shown (see below).
fn numbers(page: &Page) -> Vec<u32> {
    page.select_texts("tbody tr td:nth-child(5) code")
        .iter()
        .filter_map(|t| {
            t.trim_start_matches("{\"n\":")
                .trim_end_matches('}')
                .parse()
                .ok()
        })
        .collect()
}

async fn the_audit_log_pages_by_key(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    {
        let mut conn = app.conn();
        for n in 0..250u32 {
            cermin::db::audit::record(
                &mut conn,
                cermin::db::audit::Entry {
                    actor_id: None,
                    action: "test.paging",
                    subject_type: "test",
                    subject_id: "paging",
                    review_id: None,
                    cycle_id: None,
                    details: serde_json::json!({ "n": n }),
                },
            )
            .expect("audit row");
        }
    }
    let first = hr.get("/audit?action=test.paging").await;
    assert_eq!(first.status, StatusCode::OK);
    let one = numbers(&first);
    assert_eq!(one.len(), 100);
    assert_eq!(one[0], 249, "newest first");
    assert!(first.attr("a[rel=prev]", "href").is_none());
    let older = first.attr("a[rel=next]", "href").expect("an older page");
    assert!(older.contains("action=test.paging") && older.contains("before="));

    // A record written now does not shift the pages already counted from.
    {
        let mut conn = app.conn();
        cermin::db::audit::record(
            &mut conn,
            cermin::db::audit::Entry {
                action: "test.paging",
                subject_type: "test",
                subject_id: "paging",
                details: serde_json::json!({ "n": 1000 }),
                ..Default::default()
            },
        )
        .expect("audit row");
    }
    let second = hr.get(&older).await;
    let two = numbers(&second);
    let third = hr
        .get(&second.attr("a[rel=next]", "href").expect("third"))
        .await;
    let three = numbers(&third);
    assert_eq!(two.len(), 100);
    assert_eq!(three.len(), 50);
    assert!(
        third.attr("a[rel=next]", "href").is_none(),
        "the oldest page"
    );
    let seen: HashSet<u32> = one.iter().chain(&two).chain(&three).copied().collect();
    assert_eq!(seen.len(), 250, "every record once");
    assert_eq!(three.last(), Some(&0));

    // Back to newer from the oldest page: the same second page.
    let back = hr
        .get(&third.attr("a[rel=prev]", "href").expect("newer"))
        .await;
    assert_eq!(numbers(&back), two);
    // An address with a cursor that is not one starts at the newest.
    let odd = hr
        .get("/audit?action=test.paging&before=not-a-cursor")
        .await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(numbers(&odd).first(), Some(&1000));
}

async fn the_journal_pages_newest_first(app: TestApp) {
    app.seed_demo();
    let ayu = app.person_id("ayu.lestari");
    {
        let mut conn = app.conn();
        let today = Utc::now().date_naive();
        let now = Utc::now().naive_utc();
        for n in 0..60i64 {
            cermin::db::journal::insert(
                &mut conn,
                &cermin::db::journal::JournalRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    author_id: ayu.clone(),
                    subject_id: ayu.clone(),
                    entry_on: today - Duration::days(n),
                    kind: "win".into(),
                    body: format!("Catatan nomor {n}"),
                    visibility: "private".into(),
                    created_at: now,
                    updated_at: now,
                },
            )
            .expect("entry");
        }
    }
    let b = app.signed_in("ayu.lestari").await;
    let total = cermin::db::journal::list(&mut app.conn(), &ayu, &ayu)
        .expect("entries")
        .len();
    let mut shown = vec![];
    let mut page = b.get("/journal").await;
    loop {
        let entries = page.select_texts("[data-entry] .text-pre");
        assert!(entries.len() <= 25, "{}", entries.len());
        shown.extend(entries);
        match page.attr("a[rel=next]", "href") {
            Some(next) => page = b.get(&next).await,
            None => break,
        }
    }
    assert_eq!(shown.len(), total, "every entry on exactly one page");
    assert_eq!(shown[0], "Catatan nomor 0", "newest first");
    let unique: HashSet<&String> = shown.iter().collect();
    assert_eq!(unique.len(), total);
}

//! HR's review cycle pages: drafts, launch, the moves on an open cycle, close.

use chrono::{Duration, NaiveDate, Utc};
use reqwest::StatusCode;

use cermin::db::{cycles, review_lists, reviews};
use cermin::domain::review::ReviewState;
use cermin::domain::Lang;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    hr_creates_and_launches_a_draft_for_a_department,
    a_participant_without_a_manager_blocks_launch,
    hr_runs_an_open_cycle_to_its_close,
    employees_and_managers_cannot_run_cycles,
    launching_and_deleting_a_draft_ask_first,
    the_cycle_page_filters_pages_and_finds_whom_to_add,
);

/// A day relative to today (far enough from midnight in any time zone).
fn day(offset: i64) -> NaiveDate {
    Utc::now().date_naive() + Duration::days(offset)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The five phase dates, each `offset` days from today.
fn dates(offsets: [i64; 5]) -> Vec<(&'static str, String)> {
    [
        "opens_on",
        "self_due_on",
        "manager_due_on",
        "ack_due_on",
        "closes_on",
    ]
    .into_iter()
    .zip(offsets)
    .map(|(k, o)| (k, ymd(day(o))))
    .collect()
}

/// Fill in the new-cycle form (after GETting it) and send it.
async fn post_draft(
    b: &Browser,
    name: &str,
    offsets: [i64; 5],
    rule: &[(&str, &str)],
) -> (Page, Option<String>) {
    let form = b.get("/cycles/new").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.text);
    let template = form
        .attr("#template_id option[selected]", "value")
        .expect("the default template is preselected");
    let dates = dates(offsets);
    let mut fields: Vec<(&str, &str)> = vec![
        ("name", name),
        ("template_id", &template),
        ("reminder_days", "7,2,0"),
    ];
    fields.extend(dates.iter().map(|(k, v)| (*k, v.as_str())));
    fields.extend_from_slice(rule);
    let res = b.post("/cycles", &fields).await;
    let id = res
        .location()
        .and_then(|l| l.strip_prefix("/cycles/"))
        .map(|l| l.split('?').next().unwrap_or_default().to_string());
    (res, id)
}

fn cycle_count(app: &TestApp) -> usize {
    cycles::list(&mut app.conn()).expect("cycles").len()
}

fn review_of(app: &TestApp, cycle_id: &str, key: &str) -> reviews::ReviewRow {
    reviews::find_in_cycle(&mut app.conn(), cycle_id, &app.person_id(key))
        .expect("query")
        .expect("a review")
}

async fn hr_creates_and_launches_a_draft_for_a_department(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let empty = hr.get("/cycles").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.h1(), "Siklus evaluasi");
    assert!(
        empty.contains("Belum ada siklus evaluasi"),
        "an empty state"
    );
    assert!(empty.contains("href=\"/cycles/new\""));

    // Dates out of order: refused, what was typed is kept, nothing saved.
    let (bad, _) = post_draft(
        &hr,
        "Evaluasi Layanan Toko",
        [30, 40, 35, 50, 60],
        &[("rule", "department"), ("department", "Layanan Toko")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("<title>Perlu diperbaiki:"));
    let summary = bad.select_texts(".error-summary__list a");
    assert_eq!(
        summary,
        vec![
            "Batas waktu evaluasi dari atasan harus sama dengan atau sesudah batas waktu evaluasi diri"
                .to_string()
        ]
    );
    assert_eq!(
        bad.attr(".error-summary__list a", "href").as_deref(),
        Some("#manager_due_on")
    );
    assert_eq!(
        bad.attr("#name", "value").as_deref(),
        Some("Evaluasi Layanan Toko")
    );
    assert_eq!(
        bad.attr("#department option[selected]", "value").as_deref(),
        Some("Layanan Toko")
    );
    assert_eq!(cycle_count(&app), 0, "nothing saved");

    // Now right: a draft for everyone in the department.
    let (created, id) = post_draft(
        &hr,
        "Evaluasi Layanan Toko",
        [30, 40, 45, 50, 60],
        &[("rule", "department"), ("department", "Layanan Toko")],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let id = id.expect("the new cycle's address");
    let draft = hr.get(created.location().expect("redirect")).await;
    assert_eq!(draft.h1(), "Evaluasi Layanan Toko");
    assert!(draft.contains("Draf tersimpan."));
    assert_eq!(
        draft.select_texts(".tag").first().map(String::as_str),
        Some("Draf")
    );
    assert_eq!(
        draft.select_texts("[data-participant-count]"),
        vec!["9 peserta".to_string()],
        "Dimas and his eight reports"
    );
    assert!(draft.contains("Saat diluncurkan, 9 evaluasi akan dibuat"));
    assert!(draft.contains("Lukman Hakim") && !draft.contains("Ayu Lestari"));
    assert!(!draft.contains("id=\"without-manager\""));
    assert!(app.audit_actions().contains(&"cycle.created".to_string()));

    // Launch: the opening day is a month away, so it is scheduled.
    let launched = hr.post(&format!("/cycles/{id}/launch"), &[]).await;
    assert_eq!(launched.status, StatusCode::SEE_OTHER, "{}", launched.text);
    let page = hr.get(launched.location().expect("redirect")).await;
    assert_eq!(
        page.select_texts(".tag").first().map(String::as_str),
        Some("Terjadwal")
    );
    let opens = cermin::i18n::date_long(Lang::Id, day(30));
    assert!(
        page.select_texts(".notification__title")
            .iter()
            .any(|n| n.contains("terjadwal") && n.contains(&opens)),
        "the notice says when it opens"
    );
    assert_eq!(
        page.select_texts("#cycle-progress"),
        vec!["0 dari 9 sudah dibaca".to_string()]
    );
    assert_eq!(page.attr("progress.progress", "max").as_deref(), Some("9"));

    // In the database: one review each, with the manager and job description of today.
    let mut conn = app.conn();
    let rows = review_lists::for_cycle(&mut conn, &id).expect("reviews");
    assert_eq!(rows.len(), 9);
    let lukman = cermin::db::people::find(&mut conn, &app.person_id("lukman.hakim"))
        .expect("query")
        .expect("lukman");
    let (review, _, manager_name) = rows
        .iter()
        .find(|(r, _, _)| r.person_id == lukman.id)
        .expect("Lukman's review");
    assert_eq!(review.state(), ReviewState::SelfAssessment);
    assert_eq!(
        review.manager_id.as_deref(),
        Some(app.person_id("dimas.prasetyo").as_str())
    );
    assert_eq!(manager_name, "Dimas Prasetyo");
    assert_eq!(review.job_description, lukman.job_description);
    drop(conn);
    // Frozen: changing the person later does not change the review.
    app.exec(&format!(
        "UPDATE people SET job_description = 'Tugas baru', manager_id = '{}' WHERE id = '{}'",
        app.person_id("hendra.gunawan"),
        lukman.id
    ));
    let again = review_of(&app, &id, "lukman.hakim");
    assert_eq!(again.job_description, lukman.job_description);
    assert_eq!(again.manager_id, review.manager_id);
    let cycle = cycles::find(&mut app.conn(), &id)
        .expect("q")
        .expect("cycle");
    assert_eq!(cycle.status, cermin::domain::review::CycleStatus::Scheduled);

    // The list shows its status and progress; the draft can no longer be edited.
    let list = hr.get("/cycles").await;
    assert!(list
        .select_texts("td .tag")
        .contains(&"Terjadwal".to_string()));
    assert!(list.contains("0 dari 9 sudah dibaca"));
    assert_eq!(
        list.attr("progress.progress", "value").as_deref(),
        Some("0")
    );
    assert_eq!(
        hr.get(&format!("/cycles/{id}/edit")).await.status,
        StatusCode::CONFLICT
    );
    assert!(app.audit_actions().contains(&"cycle.launched".to_string()));
}

async fn a_participant_without_a_manager_blocks_launch(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    // The new-cycle form says up front who "everyone" leaves out: the top of
    // the organisation has no manager, so nobody could write their review.
    let form = hr.get("/cycles/new").await;
    let left_out = form.select_texts("[data-left-out]").join(" ");
    assert!(left_out.contains("Hendra Gunawan"), "{left_out}");
    // Layanan Pelanggan: Hendra (no manager), Teguh and Wulan. A department
    // takes those who have a manager, so the draft can launch.
    let (created, id) = post_draft(
        &hr,
        "Evaluasi kantor pusat",
        [-1, 7, 14, 21, 28],
        &[("rule", "department"), ("department", "Layanan Pelanggan")],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let id = id.expect("id");
    let draft = hr.get(&format!("/cycles/{id}")).await;
    assert!(draft.select_texts("#without-manager li").is_empty());
    assert_eq!(
        draft.select_texts("[data-participant-count]"),
        vec!["2 peserta".to_string()]
    );

    // Picked by hand, Hendra is in, and the launch is refused, naming him.
    let edit = hr.get(&format!("/cycles/{id}/edit")).await;
    let template = edit
        .attr("#template_id option[selected]", "value")
        .expect("template");
    let hendra = app.person_id("hendra.gunawan");
    let (teguh, wulan) = (
        app.person_id("teguh.wibowo"),
        app.person_id("wulan.safitri"),
    );
    let dates = dates([-1, 7, 14, 21, 28]);
    let mut fields: Vec<(&str, &str)> = vec![
        ("name", "Evaluasi kantor pusat"),
        ("template_id", &template),
        ("reminder_days", ""),
        ("rule", "manual"),
        ("person_ids", &hendra),
        ("person_ids", &teguh),
        ("person_ids", &wulan),
    ];
    fields.extend(dates.iter().map(|(k, v)| (*k, v.as_str())));
    let saved = hr.post(&format!("/cycles/{id}/edit"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let draft = hr.get(&format!("/cycles/{id}")).await;
    assert_eq!(
        draft.select_texts("#without-manager li"),
        vec!["Hendra Gunawan".to_string()],
        "HR is told before launching"
    );

    let refused = hr.post(&format!("/cycles/{id}/launch"), &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("<title>Perlu diperbaiki:"));
    let summary = refused.select_texts(".error-summary__list a");
    assert_eq!(summary.len(), 1, "{summary:?}");
    assert!(
        summary[0].contains("belum punya atasan") && summary[0].contains("Hendra Gunawan"),
        "{summary:?}"
    );
    assert!(review_lists::for_cycle(&mut app.conn(), &id)
        .expect("q")
        .is_empty());
    let cycle = cycles::find(&mut app.conn(), &id).expect("q").expect("c");
    assert_eq!(cycle.status, cermin::domain::review::CycleStatus::Draft);

    // HR changes the draft to Hendra's reports instead, and launches: it opens at once.
    let edit = hr.get(&format!("/cycles/{id}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(
        edit.attr("#rule-manual", "checked").as_deref(),
        Some(""),
        "the current participants are ticked by hand"
    );
    assert_eq!(
        edit.select_texts("input[name=person_ids][checked]").len(),
        3,
        "Hendra, Teguh and Wulan"
    );
    assert_eq!(
        edit.attr("#self_due_on", "value"),
        Some(ymd(day(7))),
        "the dates are filled in"
    );
    let mut fields: Vec<(&str, &str)> = vec![
        ("name", "Evaluasi kantor pusat"),
        ("template_id", &template),
        ("reminder_days", ""),
        ("rule", "manager"),
        ("manager_id", &hendra),
    ];
    fields.extend(dates.iter().map(|(k, v)| (*k, v.as_str())));
    let saved = hr.post(&format!("/cycles/{id}/edit"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let draft = hr.get(&format!("/cycles/{id}")).await;
    assert_eq!(
        draft.select_texts("[data-participant-count]"),
        vec!["4 peserta".to_string()]
    );
    assert!(draft.contains("Tanpa pengingat"));
    let launched = hr.post(&format!("/cycles/{id}/launch"), &[]).await;
    assert_eq!(launched.status, StatusCode::SEE_OTHER, "{}", launched.text);
    let page = hr.get(launched.location().expect("redirect")).await;
    assert_eq!(
        page.select_texts(".tag").first().map(String::as_str),
        Some("Berjalan")
    );
    assert!(page.contains("sekarang berjalan"));
    assert_eq!(
        review_lists::for_cycle(&mut app.conn(), &id)
            .expect("q")
            .len(),
        4
    );
    let actions = app.audit_actions();
    assert!(actions.contains(&"cycle.updated".to_string()));
    assert!(actions.contains(&"cycle.launched".to_string()));
}

async fn hr_runs_an_open_cycle_to_its_close(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let rina = app.person_id("rina.marlina");
    // Opened three days ago; the self-assessment was due yesterday.
    let (created, id) = post_draft(
        &hr,
        "Evaluasi Pusat Panggilan",
        [-3, -1, 10, 15, 20],
        &[("rule", "manager"), ("manager_id", &rina)],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let id = id.expect("id");
    let launched = hr.post(&format!("/cycles/{id}/launch"), &[]).await;
    assert!(launched
        .location()
        .is_some_and(|l| l.contains("launched-open")));
    let page = hr.get(&format!("/cycles/{id}")).await;
    let ayu = review_of(&app, &id, "ayu.lestari");
    let ayu_row = page.select_texts(&format!("tr[data-review=\"{}\"]", ayu.id));
    assert!(
        ayu_row[0].contains("Evaluasi diri") && ayu_row[0].contains("Terlambat"),
        "{ayu_row:?}"
    );
    assert_eq!(
        page.attr(&format!("tr[data-review=\"{}\"] a", ayu.id), "href"),
        Some(format!("/reviews/{}", ayu.id))
    );
    // Who is overdue, by name, before the list of every review; the
    // cycle's details come after the work.
    let overdue = page.select_texts("[data-overdue] li");
    let team = review_lists::for_cycle(&mut app.conn(), &id)
        .expect("q")
        .len();
    assert_eq!(
        overdue.len(),
        team,
        "all of Rina's team is late: {overdue:?}"
    );
    assert!(
        overdue
            .iter()
            .any(|o| o.starts_with("Ayu Lestari: Evaluasi diri, batas waktu")
                && o.contains("atasan: Rina Marlina")),
        "{overdue:?}"
    );
    assert_eq!(
        page.attr("[data-overdue] a", "href")
            .map(|h| h.starts_with("/reviews/")),
        Some(true)
    );
    let at = |needle: &str| {
        page.text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} on the cycle page"))
    };
    assert!(
        at("id=\"progress\"") < at("id=\"overdue\"")
            && at("id=\"overdue\"") < at("id=\"reviews\"")
            && at("id=\"reviews\"") < at("id=\"details\""),
        "progress, overdue and the reviews come before the details"
    );

    // A late participant.
    let lukman = app.person_id("lukman.hakim");
    let added = hr
        .post(
            &format!("/cycles/{id}/participants"),
            &[("person_id", &lukman)],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    assert_eq!(
        review_of(&app, &id, "lukman.hakim").state(),
        ReviewState::SelfAssessment
    );
    // Someone without a manager cannot be added; HR is told who.
    hr.get(&format!("/cycles/{id}")).await;
    let hendra = app.person_id("hendra.gunawan");
    let refused = hr
        .post(
            &format!("/cycles/{id}/participants"),
            &[("person_id", &hendra)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .select_texts(".error-summary__list a")
        .iter()
        .any(|e| e.contains("Hendra Gunawan belum punya atasan")));
    assert!(reviews::find_in_cycle(&mut app.conn(), &id, &hendra)
        .expect("q")
        .is_none());

    // Remove one.
    let budi = review_of(&app, &id, "budi.santoso");
    let removed = hr
        .post(&format!("/cycles/{id}/reviews/{}/remove", budi.id), &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text);
    assert_eq!(
        review_of(&app, &id, "budi.santoso").state(),
        ReviewState::Removed
    );

    // Move the dates: out of order is refused and nothing moves.
    let form = hr.get(&format!("/cycles/{id}/dates")).await;
    assert_eq!(form.attr("#closes_on", "value"), Some(ymd(day(20))));
    let bad = dates([-3, 2, 10, 15, 12]);
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = hr.post(&format!("/cycles/{id}/dates"), &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.select_texts(".error-summary__list a").contains(
        &"Tanggal ditutup harus sama dengan atau sesudah batas waktu konfirmasi sudah dibaca"
            .to_string()
    ));
    let cycle = cycles::find(&mut app.conn(), &id).expect("q").expect("c");
    assert_eq!(cycle.self_due_on, day(-1));
    let good = dates([-3, 2, 10, 15, 20]);
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = hr.post(&format!("/cycles/{id}/dates"), &good).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let cycle = cycles::find(&mut app.conn(), &id).expect("q").expect("c");
    assert_eq!(cycle.self_due_on, day(2));
    let page = hr.get(res.location().expect("redirect")).await;
    assert!(page.contains("Tanggal sudah digeser."));
    assert_eq!(
        page.select_texts("[data-overdue]"),
        vec!["Tidak ada evaluasi yang terlambat.".to_string()],
        "nothing is overdue any more"
    );
    assert!(
        !page.select_texts(".tag").iter().any(|t| t == "Terlambat"),
        "no review is tagged overdue"
    );

    // Reopen: Ayu's review has been shared; HR sends it back to the manager.
    {
        let mut conn = app.conn();
        reviews::set_state(&mut conn, &ayu.id, ReviewState::Shared).expect("shared");
        let citra = review_of(&app, &id, "citra.dewi");
        reviews::set_state(&mut conn, &citra.id, ReviewState::Acknowledged).expect("ack");
    }
    let reopen = format!("/cycles/{id}/reviews/{}/reopen", ayu.id);
    let form = hr.get(&reopen).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.h1(), "Buka kembali evaluasi Ayu Lestari");
    assert!(form.attr("#to-manager", "value").is_some());
    let no_reason = hr
        .post(&reopen, &[("to", "manager"), ("reason", " ")])
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.contains("Masukkan alasan membuka kembali"));
    assert_eq!(
        review_of(&app, &id, "ayu.lestari").state(),
        ReviewState::Shared
    );
    let reason = "Nilai kompetensi belum disertai contoh.";
    let done = hr
        .post(&reopen, &[("to", "manager"), ("reason", reason)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    let ayu_now = review_of(&app, &id, "ayu.lestari");
    assert_eq!(ayu_now.state(), ReviewState::ManagerReview);
    assert_eq!(ayu_now.reopened_reason, reason);

    // Close: nine reviews count (Budi is out), Citra's is finished.
    let confirm = hr.get(&format!("/cycles/{id}/close")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    let warning = confirm.select_texts("#not-finished");
    assert!(
        warning[0].contains("8 dari 9 evaluasi belum selesai")
            && warning[0].contains("tidak hilang"),
        "{warning:?}"
    );
    let closed = hr.post(&format!("/cycles/{id}/close"), &[]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.text);
    let page = hr.get(closed.location().expect("redirect")).await;
    assert_eq!(
        page.select_texts(".tag").first().map(String::as_str),
        Some("Ditutup")
    );
    assert!(page.contains("8 evaluasi belum selesai"));
    assert!(!page.contains("/remove\""), "a closed cycle has no actions");
    assert!(!page.contains("/reopen\""));
    assert!(!page.contains(&format!("action=\"/cycles/{id}/participants\"")));
    assert!(!page.contains(&format!("href=\"/cycles/{id}/close\"")));
    let states: Vec<(String, ReviewState)> = review_lists::for_cycle(&mut app.conn(), &id)
        .expect("q")
        .into_iter()
        .map(|(r, name, _)| (name, r.state()))
        .collect();
    assert_eq!(states.len(), 10);
    for (name, state) in &states {
        let expected = match name.as_str() {
            "Budi Santoso" => ReviewState::Removed,
            "Citra Dewi" => ReviewState::Acknowledged,
            _ => ReviewState::Unfinished,
        };
        assert_eq!(*state, expected, "{name}");
    }
    assert_eq!(
        page.select_texts("tr[data-state=unfinished] td"),
        vec!["8".to_string()]
    );
    // Closed means read-only.
    assert_eq!(
        hr.get(&format!("/cycles/{id}/dates")).await.status,
        StatusCode::CONFLICT
    );

    let actions = app.audit_actions();
    for a in [
        "cycle.created",
        "cycle.launched",
        "cycle.participant_added",
        "review.removed",
        "cycle.dates_moved",
        "review.reopened",
        "cycle.closed",
    ] {
        assert!(actions.contains(&a.to_string()), "{a} in {actions:?}");
    }
}

async fn employees_and_managers_cannot_run_cycles(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let (created, id) = post_draft(
        &hr,
        "Evaluasi tahunan",
        [-1, 7, 14, 21, 28],
        &[("rule", "all")],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let id = id.expect("id");
    for key in ["ayu.lestari", "rina.marlina"] {
        let b = app.signed_in(key).await;
        assert_eq!(
            b.get("/cycles").await.status,
            StatusCode::FORBIDDEN,
            "{key}"
        );
        assert_eq!(
            b.get("/cycles/new").await.status,
            StatusCode::FORBIDDEN,
            "{key}"
        );
        assert_eq!(
            b.get(&format!("/cycles/{id}")).await.status,
            StatusCode::FORBIDDEN,
            "{key}"
        );
        // A valid token, so it is the permission that refuses.
        assert_eq!(b.get("/").await.status, StatusCode::OK);
        assert_eq!(
            b.post(&format!("/cycles/{id}/launch"), &[]).await.status,
            StatusCode::FORBIDDEN,
            "{key}"
        );
        assert_eq!(
            b.post("/cycles", &[("name", "Evaluasi saya"), ("rule", "all")])
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{key}"
        );
    }
    let cycle = cycles::find(&mut app.conn(), &id).expect("q").expect("c");
    assert_eq!(
        cycle.status,
        cermin::domain::review::CycleStatus::Draft,
        "nothing changed"
    );
    assert_eq!(cycle_count(&app), 1);
    assert!(review_lists::for_cycle(&mut app.conn(), &id)
        .expect("q")
        .is_empty());
    assert!(!app.audit_actions().contains(&"cycle.launched".to_string()));
}

/// Launching (which emails everyone) and deleting a draft (which cannot be
/// undone) are never one click: the cycle page links to a page that says
/// what will happen and who will be emailed, and only its form acts
/// (issue 9, item 20). Looking at those pages changes nothing.
async fn launching_and_deleting_a_draft_ask_first(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let rina = app.person_id("rina.marlina");
    let rule = [("rule", "manager"), ("manager_id", rina.as_str())];
    let (res, id) = post_draft(&hr, "Evaluasi Tim Rina", [-1, 7, 14, 18, 21], &rule).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let id = id.expect("the new draft");
    let launch = format!("/cycles/{id}/launch");
    let delete = format!("/cycles/{id}/delete");
    let page = hr.get(&format!("/cycles/{id}")).await;
    for path in [&launch, &delete] {
        assert!(
            page.contains(&format!("href=\"{path}\"")),
            "a link to {path}"
        );
        assert!(
            !page.contains(&format!("action=\"{path}\"")),
            "no button for {path}"
        );
    }

    let confirm = hr.get(&launch).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.text);
    assert_eq!(confirm.h1(), "Luncurkan “Evaluasi Tim Rina”?");
    let effects = confirm.select_texts("#launch-effects li").join(" ");
    assert!(effects.contains("9 evaluasi akan dibuat"), "{effects}");
    let mail = confirm.select_texts("#launch-mail").join(" ");
    assert!(
        mail.contains("10 orang") && mail.contains("langsung menerima undangan"),
        "Rina's nine reports and Rina: {mail}"
    );
    assert!(confirm.contains(&format!("action=\"{launch}\"")));
    let delete_confirm = hr.get(&delete).await;
    assert_eq!(delete_confirm.status, StatusCode::OK);
    assert_eq!(delete_confirm.h1(), "Hapus draf “Evaluasi Tim Rina”?");
    let says = delete_confirm.select_texts("#delete-effects").join(" ");
    assert!(says.contains("9 peserta"), "{says}");
    assert!(delete_confirm.contains("Tidak ada yang menerima email"));
    // Nothing happened.
    let cycle = cycles::find(&mut app.conn(), &id)
        .expect("q")
        .expect("still there");
    assert_eq!(cycle.status.code(), "draft");
    assert!(app.outbox().is_empty(), "{:?}", app.outbox());
    assert!(!app
        .audit_actions()
        .iter()
        .any(|a| a == "cycle.launched" || a == "cycle.deleted"));

    // The confirmation's own form launches.
    hr.get(&launch).await;
    let launched = hr.post(&launch, &[]).await;
    assert_eq!(launched.status, StatusCode::SEE_OTHER, "{}", launched.text);
    assert!(launched
        .location()
        .is_some_and(|l| l.contains("launched-open")));
    assert_eq!(
        app.outbox().get("queued").copied().unwrap_or(0)
            + app.outbox().get("sent").copied().unwrap_or(0),
        10
    );
    // A launched cycle has nothing to launch or delete any more.
    assert_eq!(hr.get(&launch).await.status, StatusCode::CONFLICT);
    assert_eq!(hr.get(&delete).await.status, StatusCode::CONFLICT);

    // Another draft, deleted through its confirmation.
    let before = cycle_count(&app);
    let (_, other) = post_draft(&hr, "Draf dibuang", [30, 40, 45, 50, 60], &rule).await;
    let other = other.expect("a draft");
    assert_eq!(cycle_count(&app), before + 1);
    let path = format!("/cycles/{other}/delete");
    hr.get(&path).await;
    assert_eq!(cycle_count(&app), before + 1, "looking deletes nothing");
    let deleted = hr.post(&path, &[]).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.text);
    assert_eq!(cycle_count(&app), before);
}

/// The cycle page lists a page of reviews at a time (never every review of
/// a large company), filtered by step, lateness or name; "add a
/// participant" is a search, not a list of everyone.
async fn the_cycle_page_filters_pages_and_finds_whom_to_add(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let rina = app.person_id("rina.marlina");
    let (_, id) = post_draft(
        &hr,
        "Evaluasi Pusat Panggilan",
        [-3, -1, 10, 15, 20],
        &[("rule", "manager"), ("manager_id", &rina)],
    )
    .await;
    let id = id.expect("id");
    hr.post(&format!("/cycles/{id}/launch"), &[]).await;
    let team = review_lists::for_cycle(&mut app.conn(), &id)
        .expect("q")
        .len();
    assert!(team > 2, "Rina's team: {team}");

    let all = hr.get(&format!("/cycles/{id}")).await;
    assert_eq!(all.select_texts("tr[data-review]").len(), team);
    assert_eq!(all.select_texts(".pagination__current"), vec!["Halaman 1"]);
    assert!(all
        .attr("#reviews ~ .pagination a[rel=next]", "href")
        .is_none());

    // By name: one person.
    let ayu = review_of(&app, &id, "ayu.lestari");
    let by_name = hr.get(&format!("/cycles/{id}?q=LESTARI")).await;
    let rows = by_name.select_texts("tr[data-review]");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Ayu Lestari"), "{rows:?}");
    assert_eq!(by_name.attr("#q", "value").as_deref(), Some("LESTARI"));

    // By step, and late ones only: the self-assessment was due yesterday.
    let at_self = hr.get(&format!("/cycles/{id}?state=self_assessment")).await;
    assert_eq!(at_self.select_texts("tr[data-review]").len(), team);
    let shared = hr.get(&format!("/cycles/{id}?state=shared")).await;
    assert!(shared.select_texts("tr[data-review]").is_empty());
    assert_eq!(
        shared.select_texts("[data-no-reviews]"),
        vec![
            "Tidak ada evaluasi yang cocok. Ubah filter, atau tampilkan semua evaluasi."
                .to_string()
        ]
    );
    let late = hr.get(&format!("/cycles/{id}?overdue=1")).await;
    assert_eq!(late.select_texts("tr[data-review]").len(), team);
    assert_eq!(
        late.attr(&format!("tr[data-review=\"{}\"] a", ayu.id), "href"),
        Some(format!("/reviews/{}", ayu.id))
    );
    // An unknown step or a page beyond the end is an empty list, not an error.
    let odd = hr
        .get(&format!("/cycles/{id}?state=nonsense&page=999999"))
        .await;
    assert_eq!(odd.status, StatusCode::OK);

    // Whom to add: found by name; someone already in is not offered.
    let lukman = hr.get(&format!("/cycles/{id}?add=lukman")).await;
    assert!(
        lukman
            .select_texts("[data-addable] li")
            .iter()
            .any(|t| t.contains("Lukman Hakim")),
        "{:?}",
        lukman.select_texts("[data-addable]")
    );
    let lukman_id = app.person_id("lukman.hakim");
    assert_eq!(
        lukman.attr("[data-addable] input[name=person_id]", "value"),
        Some(lukman_id.clone())
    );
    let already = hr.get(&format!("/cycles/{id}?add=ayu")).await;
    assert!(already.select_texts("[data-addable] li").is_empty());
    assert!(already.contains("Tidak ada orang dengan nama itu yang bisa ditambahkan"));
    let added = hr
        .post(
            &format!("/cycles/{id}/participants"),
            &[("person_id", &lukman_id)],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    let again = hr.get(&format!("/cycles/{id}?add=lukman")).await;
    assert!(
        again.select_texts("[data-addable] li").is_empty(),
        "added once, offered no more"
    );
}

//! Journals, managers' notes, the team page and history: each page shows its
//! records to the people entitled to them and to nobody else.

use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;

use cermin::db::{self, cycles, reviews};

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    own_journal_is_private_to_its_author,
    manager_notes_are_for_the_manager_and_hr_only,
    team_page_lists_reports_and_overdue_steps,
    history_shows_each_viewer_what_they_may_read,
);

/// Today where the instance is (the default time zone).
fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive()
}

/// Create and launch a review cycle for these people; its self-assessment
/// was due `self_due_days` from today (negative: in the past).
fn launch_cycle(app: &TestApp, name: &str, people: &[&str], self_due_days: i64) -> String {
    let mut conn = app.conn();
    let hr = app.person_id("sari.wulandari");
    let template = db::forms::default_template(&mut conn)
        .expect("query")
        .expect("default template");
    let t = today();
    let now = db::now();
    let id = db::new_id();
    cycles::insert(
        &mut conn,
        &cycles::CycleRow {
            id: id.clone(),
            name: name.into(),
            template_id: template.id,
            status: cermin::domain::review::CycleStatus::Draft,
            opens_on: t - Duration::days(30),
            self_due_on: t + Duration::days(self_due_days),
            manager_due_on: t + Duration::days(self_due_days.max(0) + 10),
            ack_due_on: t + Duration::days(self_due_days.max(0) + 20),
            closes_on: t + Duration::days(self_due_days.max(0) + 30),
            reminder_days: "7,2,0".into(),
            dates_sequence: 0,
            created_by: Some(hr.clone()),
            created_at: now,
            updated_at: now,
            launched_at: None,
            closed_at: None,
        },
    )
    .expect("insert cycle");
    let ids: Vec<String> = people.iter().map(|p| app.person_id(p)).collect();
    cycles::set_participants(&mut conn, &id, &ids).expect("participants");
    cermin::app::cycles::launch_cycle(
        &mut conn,
        &hr_actor(&hr),
        clock_on(t),
        &cermin::domain::CycleId::from_stored(id.as_str()),
    )
    .expect("launch");
    id
}

fn review_of(app: &TestApp, person: &str) -> String {
    let mut conn = app.conn();
    let rows = reviews::for_person(&mut conn, &app.person_id(person)).expect("reviews");
    rows.first().expect("a review").0.id.clone()
}

async fn own_journal_is_private_to_its_author(app: TestApp) {
    app.seed_demo();
    let ayu_id = app.person_id("ayu.lestari");
    let ayu = app.signed_in("ayu.lestari").await;

    let empty = ayu.get("/journal").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.h1(), "Catatan kerja saya");
    assert!(empty.contains("Hanya Anda yang dapat melihat catatan kerja Anda"));
    assert_eq!(empty.select_texts("[data-empty]").len(), 1, "empty state");
    assert_eq!(
        empty.attr("#entry_on", "value").as_deref(),
        Some(today().format("%Y-%m-%d").to_string().as_str()),
        "the date defaults to today"
    );

    // Nothing written: 422, an error summary, the typed date kept.
    let invalid = ayu
        .post(
            "/journal",
            &[
                ("entry_on", "2025-06-10"),
                ("kind", "incident"),
                ("body", "  "),
            ],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        invalid.select_texts(".error-summary__list a"),
        vec!["Tulis apa yang terjadi"]
    );
    assert!(invalid.select_texts("title")[0].starts_with("Perlu diperbaiki:"));
    assert_eq!(
        invalid.attr("#entry_on", "value").as_deref(),
        Some("2025-06-10")
    );
    assert_eq!(
        invalid
            .attr("input[name=kind][checked]", "value")
            .as_deref(),
        Some("incident")
    );
    assert_eq!(
        invalid.attr(".error-summary__list a", "href").as_deref(),
        Some("#body"),
        "the summary links to the field"
    );
    assert!(invalid.attr("#body-error", "class").is_some());
    assert_eq!(
        invalid.attr("#kind", "value").as_deref(),
        Some("note"),
        "the first choice carries the field's id"
    );

    let secret = "Pak Harun membentak saya di kasir 3 pukul 14.10; saya tetap tenang.";
    let added = ayu
        .post(
            "/journal",
            &[
                ("entry_on", "2025-06-10"),
                ("kind", "incident"),
                ("body", secret),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(added.location(), Some("/journal?notice=added"));
    let list = ayu.get("/journal?notice=added").await;
    assert!(list.contains("Catatan kerja ditambahkan."));
    assert_eq!(list.select_texts("[data-entry-body]"), vec![secret]);
    assert!(list.contains("10 Juni 2025"));
    assert!(list.select_texts(".tag").contains(&"Insiden".to_string()));
    let id = list.attr("[data-entry]", "data-entry").expect("entry id");

    // Ayu changes it.
    let form = ayu.get(&format!("/journal/{id}/edit")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.attr("#entry_on", "value").as_deref(),
        Some("2025-06-10")
    );
    let too_long = "a".repeat(5001);
    let refused = ayu
        .post(
            &format!("/journal/{id}/edit"),
            &[
                ("entry_on", "2025-06-11"),
                ("kind", "incident"),
                ("body", &too_long),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The limit is in the message, in the error summary and beside the field.
    assert_eq!(
        refused.select_texts(".error-summary__list a"),
        vec!["Teks paling banyak 5000 karakter"]
    );
    assert!(refused.select_texts("#body-error")[0].ends_with("Teks paling banyak 5000 karakter"));
    let secret = "Pak Harun membentak saya di kasir 3 pukul 14.10; saya tetap tenang dan memanggil supervisor.";
    let saved = ayu
        .post(
            &format!("/journal/{id}/edit"),
            &[
                ("entry_on", "2025-06-11"),
                ("kind", "incident"),
                ("body", secret),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let list = ayu.get("/journal").await;
    assert_eq!(list.select_texts("[data-entry-body]"), vec![secret]);
    assert!(list.contains("11 Juni 2025"));

    // Another employee, her manager and HR: no way in, and nowhere to be seen.
    for (key, pages) in [
        (
            "budi.santoso",
            vec!["/journal".to_string(), "/history".into()],
        ),
        (
            "rina.marlina",
            vec![
                "/journal".into(),
                format!("/history/{ayu_id}"),
                format!("/people/{ayu_id}/notes"),
                "/team".into(),
            ],
        ),
        (
            "sari.wulandari",
            vec![
                "/journal".into(),
                format!("/history/{ayu_id}"),
                format!("/people/{ayu_id}/notes"),
                format!("/people/{ayu_id}"),
                "/audit".into(),
            ],
        ),
    ] {
        let other = app.signed_in(key).await;
        for path in &pages {
            let page = other.get(path).await;
            assert!(
                !page.contains("Pak Harun"),
                "{key} must not see Ayu's journal on {path}"
            );
        }
        other.get("/journal").await;
        let edit = other.get(&format!("/journal/{id}/edit")).await;
        assert_eq!(edit.status, StatusCode::FORBIDDEN, "{key} edit form");
        assert!(!edit.contains("Pak Harun"));
        let confirm = other.get(&format!("/journal/{id}/delete")).await;
        assert_eq!(confirm.status, StatusCode::FORBIDDEN, "{key} delete page");
        other.get("/journal").await;
        let post = other
            .post(
                &format!("/journal/{id}/edit"),
                &[("entry_on", "2025-06-11"), ("kind", "win"), ("body", "x")],
            )
            .await;
        assert_eq!(post.status, StatusCode::FORBIDDEN, "{key} edit");
        let delete = other.post(&format!("/journal/{id}/delete"), &[]).await;
        assert_eq!(delete.status, StatusCode::FORBIDDEN, "{key} delete");
    }
    assert_eq!(
        ayu.get("/journal").await.select_texts("[data-entry-body]"),
        vec![secret],
        "still there, unchanged"
    );

    // Ayu deletes it, after a confirmation page.
    let confirm = ayu.get(&format!("/journal/{id}/delete")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(confirm.h1(), "Hapus catatan ini?");
    assert!(confirm.contains(secret));
    let deleted = ayu.post(&format!("/journal/{id}/delete"), &[]).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(deleted.location(), Some("/journal?notice=deleted"));
    let list = ayu.get("/journal").await;
    assert!(!list.contains("Pak Harun"));
    assert_eq!(list.select_texts("[data-empty]").len(), 1);
    assert_eq!(
        ayu.get(&format!("/journal/{id}/edit")).await.status,
        StatusCode::NOT_FOUND
    );

    let actions = app.audit_actions();
    for a in ["journal.created", "journal.updated", "journal.deleted"] {
        assert!(actions.iter().any(|x| x == a), "audit has {a}");
    }
}

async fn manager_notes_are_for_the_manager_and_hr_only(app: TestApp) {
    app.seed_demo();
    let ayu_id = app.person_id("ayu.lestari");
    let notes = format!("/people/{ayu_id}/notes");

    let rina = app.signed_in("rina.marlina").await;
    let page = rina.get(&notes).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Catatan pengamatan tentang Ayu Lestari");
    assert!(page.contains(
        "Catatan pengamatan ini hanya untuk Anda dan SDM. Ayu Lestari tidak dapat melihatnya."
    ));
    assert_eq!(page.select_texts("[data-empty]").len(), 1);

    let invalid = rina
        .post(
            &notes,
            &[("entry_on", "2025-07-01"), ("kind", ""), ("body", "")],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.select_texts(".error-summary__list a").len(), 2);
    assert_eq!(
        invalid.attr("#entry_on", "value").as_deref(),
        Some("2025-07-01")
    );

    let too_long = "b".repeat(5001);
    let refused = rina
        .post(
            &notes,
            &[
                ("entry_on", "2025-07-01"),
                ("kind", "note"),
                ("body", &too_long),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.select_texts(".error-summary__list a"),
        vec!["Teks paling banyak 5000 karakter"]
    );

    let note = "Ayu datang terlambat 40 menit tanpa kabar; kami bicara, ia minta maaf.";
    let added = rina
        .post(
            &notes,
            &[("entry_on", "2025-07-01"), ("kind", "note"), ("body", note)],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(
        added.location(),
        Some(format!("{notes}?notice=added").as_str())
    );
    let told = rina.get(&format!("{notes}?notice=added")).await;
    assert!(
        told.contains("Catatan pengamatan ditambahkan."),
        "a note is not called a journal entry"
    );
    let page = rina.get(&notes).await;
    assert_eq!(page.select_texts("[data-entry-body]"), vec![note]);
    let note_id = page.attr("[data-entry]", "data-entry").expect("note id");
    assert!(
        !rina.get("/journal").await.contains("terlambat 40 menit"),
        "notes about a report are not in the manager's own journal"
    );
    let edit = rina.get(&format!("/journal/{note_id}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(edit.h1(), "Ubah catatan pengamatan tentang Ayu Lestari");

    // HR reads them, and cannot add or change.
    let hr = app.signed_in("sari.wulandari").await;
    let page = hr.get(&notes).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_texts("[data-entry-body]"), vec![note]);
    assert!(page.contains("ditulis oleh Rina Marlina"));
    assert!(page.select_texts("textarea").is_empty(), "read-only for HR");
    let hr_post = hr
        .post(
            &notes,
            &[("entry_on", "2025-07-02"), ("kind", "note"), ("body", "x")],
        )
        .await;
    assert_eq!(hr_post.status, StatusCode::FORBIDDEN);
    assert_eq!(
        hr.get(&format!("/journal/{note_id}/edit")).await.status,
        StatusCode::FORBIDDEN
    );

    // The employee never sees notes about herself.
    let ayu = app.signed_in("ayu.lestari").await;
    let own = ayu.get(&notes).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    assert!(!own.contains("terlambat 40 menit"));
    for path in [
        "/".to_string(),
        "/journal".into(),
        "/history".into(),
        format!("/history/{ayu_id}"),
        format!("/people/{ayu_id}"),
        "/me".into(),
        format!("/journal/{note_id}/edit"),
        format!("/journal/{note_id}/delete"),
    ] {
        let page = ayu.get(&path).await;
        assert!(
            !page.contains("terlambat 40 menit"),
            "the note must not reach Ayu on {path}"
        );
    }
    ayu.get("/journal").await;
    let sneak = ayu
        .post(
            &notes,
            &[("entry_on", "2025-07-02"), ("kind", "note"), ("body", "x")],
        )
        .await;
    assert_eq!(sneak.status, StatusCode::FORBIDDEN);

    // A manager of another team, and a colleague: 403.
    for key in ["dimas.prasetyo", "budi.santoso"] {
        let other = app.signed_in(key).await;
        let page = other.get(&notes).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{key}");
        assert!(!page.contains("terlambat 40 menit"));
        other.get("/journal").await;
        let post = other
            .post(
                &notes,
                &[("entry_on", "2025-07-02"), ("kind", "note"), ("body", "x")],
            )
            .await;
        assert_eq!(post.status, StatusCode::FORBIDDEN, "{key} adds a note");
    }

    // Rina deletes her note.
    rina.get(&format!("/journal/{note_id}/delete")).await;
    let deleted = rina.post(&format!("/journal/{note_id}/delete"), &[]).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        deleted.location(),
        Some(format!("{notes}?notice=deleted").as_str())
    );
    assert!(!hr.get(&notes).await.contains("terlambat 40 menit"));
}

async fn team_page_lists_reports_and_overdue_steps(app: TestApp) {
    app.seed_demo();
    let ayu_id = app.person_id("ayu.lestari");

    // No review cycle yet: the reports are listed, with an explanation.
    let dimas = app.signed_in("dimas.prasetyo").await;
    let page = dimas.get("/team").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "My team");
    assert!(page.contains("There is no review cycle running for your team now."));
    assert!(page
        .select_texts(".card__title")
        .contains(&"Lukman Hakim".to_string()));

    launch_cycle(
        &app,
        "Evaluasi Semester I",
        &["ayu.lestari", "budi.santoso"],
        -3,
    );
    // Budi has submitted; his manager review is due later.
    let budi_review = review_of(&app, "budi.santoso");
    app.exec(&format!(
        "UPDATE reviews SET state = 'manager_review' WHERE id = '{budi_review}'"
    ));
    let ayu_review = review_of(&app, "ayu.lestari");

    let rina = app.signed_in("rina.marlina").await;
    let page = rina.get("/team").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.h1(), "Tim saya");
    let names = page.select_texts(".card__title");
    for name in ["Ayu Lestari", "Budi Santoso", "Citra Dewi", "Kartika Sari"] {
        assert!(
            names.contains(&name.to_string()),
            "{name} listed: {names:?}"
        );
    }
    assert!(!names.contains(&"Lukman Hakim".to_string()));
    assert_eq!(
        page.select_texts("[data-overdue]"),
        vec!["Terlambat"],
        "only Ayu's self-assessment is past its due date"
    );
    let ayu_card = page.select_texts(&format!("[data-member='{ayu_id}']"))[0].clone();
    assert!(ayu_card.contains("Evaluasi Semester I"), "{ayu_card}");
    assert!(ayu_card.contains("Evaluasi diri sedang diisi"));
    assert!(ayu_card.contains("Terlambat"));
    let due = today() - Duration::days(3);
    assert!(
        page.contains(&format!("datetime=\"{}\"", due.format("%Y-%m-%d"))),
        "the self-assessment due date is shown"
    );
    assert_eq!(
        page.attr(
            &format!("[data-review='{budi_review}'] + p a[data-next-action]"),
            "href"
        )
        .as_deref(),
        Some(format!("/reviews/{budi_review}/manager").as_str()),
        "Write the manager review opens the form itself"
    );
    assert!(page
        .select_texts("a[data-next-action]")
        .iter()
        .any(|t| t.starts_with("Tulis evaluasi dari atasan")));
    assert!(page.contains(&format!("href=\"/reviews/{ayu_review}\"")));
    for link in [
        format!("/people/{ayu_id}"),
        format!("/people/{ayu_id}/notes"),
        format!("/history/{ayu_id}"),
    ] {
        assert!(page.contains(&format!("href=\"{link}\"")), "link {link}");
    }
    assert_eq!(
        page.select_texts("[data-to-write]"),
        vec!["1 evaluasi dari atasan yang perlu Anda tulis sekarang"]
    );

    // An employee with no reports.
    let ayu = app.signed_in("ayu.lestari").await;
    assert_eq!(ayu.get("/team").await.status, StatusCode::FORBIDDEN);
}

async fn history_shows_each_viewer_what_they_may_read(app: TestApp) {
    app.seed_demo();
    let ayu_id = app.person_id("ayu.lestari");
    let rina_id = app.person_id("rina.marlina");

    let ayu = app.signed_in("ayu.lestari").await;
    let empty = ayu.get("/history").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.h1(), "Riwayat saya");
    assert!(empty.contains("Anda belum punya evaluasi."));

    launch_cycle(&app, "Evaluasi Tahunan 2025", &["ayu.lestari"], 5);
    let review = review_of(&app, "ayu.lestari");
    {
        let mut conn = app.conn();
        let now = db::now();
        let mut add = |side: &str, kind: &str, body: &str, author: &str| {
            reviews::insert_trait(
                &mut conn,
                &reviews::TraitRow {
                    id: db::new_id(),
                    person_id: ayu_id.clone(),
                    review_id: Some(review.clone()),
                    competency_id: None,
                    kind: kind.into(),
                    side: cermin::domain::review::Side::parse(side).expect("side"),
                    stance: "own".into(),
                    responds_to_id: None,
                    body: body.into(),
                    author_id: Some(author.to_string()),
                    created_at: now,
                    updated_at: now,
                },
            )
            .expect("trait");
        };
        add("self", "strength", "Sabar menghadapi pelanggan", &ayu_id);
        add(
            "manager",
            "weakness",
            "Perlu lebih teliti menghitung kas",
            &rina_id,
        );
        reviews::insert_goal(
            &mut conn,
            &reviews::GoalRow {
                id: db::new_id(),
                person_id: ayu_id.clone(),
                review_id: Some(review.clone()),
                carried_from_id: None,
                kind: "improvement".into(),
                title: "Selisih kas nol selama tiga bulan".into(),
                description: String::new(),
                support_needed: String::new(),
                status: cermin::domain::review::GoalStatus::Agreed,
                due_on: None,
                author_id: Some(rina_id.clone()),
                created_at: now,
                updated_at: now,
            },
        )
        .expect("goal");
    }

    // Ayu, during her self-assessment: her own side only.
    let page = ayu.get("/history").await;
    assert_eq!(
        page.select_texts("[data-cycle-name]"),
        vec!["Evaluasi Tahunan 2025"]
    );
    assert!(page.contains(&format!("href=\"/reviews/{review}\"")));
    assert_eq!(
        page.select_texts("[data-trait]"),
        vec!["Sabar menghadapi pelanggan"]
    );
    assert!(!page.contains("Perlu lebih teliti"));
    assert!(!page.contains("Selisih kas nol"));

    // Her manager and HR see the manager's side; her draft stays hers.
    for key in ["rina.marlina", "sari.wulandari"] {
        let b = app.signed_in(key).await;
        let page = b.get(&format!("/history/{ayu_id}")).await;
        assert_eq!(page.status, StatusCode::OK, "{key}");
        assert_eq!(
            page.select_texts("[data-cycle-name]"),
            vec!["Evaluasi Tahunan 2025"]
        );
        assert!(page.contains("Perlu lebih teliti menghitung kas"), "{key}");
        assert!(page.contains("Selisih kas nol selama tiga bulan"), "{key}");
        assert!(
            !page.contains("Sabar menghadapi"),
            "{key}: the draft is Ayu's"
        );
    }

    // Once shared, Ayu sees everything.
    app.exec(&format!(
        "UPDATE reviews SET state = 'shared' WHERE id = '{review}'"
    ));
    let page = ayu.get(&format!("/history/{ayu_id}")).await;
    let traits = page.select_texts("[data-trait]");
    assert!(traits.contains(&"Sabar menghadapi pelanggan".to_string()));
    assert!(traits.contains(&"Perlu lebih teliti menghitung kas".to_string()));
    assert!(page.contains("Selisih kas nol selama tiga bulan"));
    assert!(page.contains("Dibagikan, menunggu konfirmasi sudah dibaca"));

    // Anyone else: 403.
    for key in ["budi.santoso", "dimas.prasetyo"] {
        let b = app.signed_in(key).await;
        let page = b.get(&format!("/history/{ayu_id}")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{key}");
        assert!(!page.contains("Evaluasi Tahunan 2025"));
    }
}

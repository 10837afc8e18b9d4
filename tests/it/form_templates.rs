//! The form-template editor and the competency library, over HTTP.
//!
//! Longer than 800 lines on purpose: one file per feature, and each test
//! walks one editing journey from top to bottom (splitting it would scatter
//! the shared fixtures for freezing and versioning across files).

use cermin::db::forms::{self, Form};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    hr_reads_the_default_template_in_their_language,
    hr_copies_a_template_and_edits_the_copy,
    bad_questions_are_refused_and_nothing_changes,
    a_template_in_use_is_frozen_and_gets_a_new_version,
    only_hr_reaches_templates_and_competencies,
    hr_adds_and_retires_a_competency,
    a_review_reads_its_frozen_form_as_stored,
);

fn default_template_id(app: &TestApp) -> String {
    let mut conn = app.conn();
    forms::default_template(&mut conn)
        .expect("query")
        .expect("default template exists")
        .id
}

fn load(app: &TestApp, id: &str) -> Form {
    let mut conn = app.conn();
    forms::load_form(&mut conn, id)
        .expect("query")
        .expect("template exists")
}

/// The form as rows of text, to compare before and after.
fn outline(form: &Form) -> Vec<String> {
    let mut out = vec![format!("{} v{}", form.template.name, form.template.version)];
    for (s, qs) in &form.sections {
        out.push(format!("# {} / {}", s.title_id, s.title_en));
        for q in qs {
            out.push(format!(
                "{} {} {} {:?} {} | {}",
                q.kind.code(),
                q.side,
                q.required,
                q.competency_id,
                q.prompt_id,
                q.prompt_en
            ));
        }
    }
    out
}

fn competency_id(app: &TestApp, key: &str) -> String {
    let mut conn = app.conn();
    forms::competency_by_key(&mut conn, key)
        .expect("query")
        .expect("competency exists")
        .id
}

async fn hr_reads_the_default_template_in_their_language(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let list = hr.get("/templates").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.h1(), "Templat formulir");
    assert!(list.contains("Evaluasi layanan pelanggan / Customer service review"));
    assert!(list.select_texts(".tag").contains(&"Bawaan".to_string()));
    assert_eq!(
        list.attr("a[href='/competencies']", "href").as_deref(),
        Some("/competencies")
    );

    let id = default_template_id(&app);
    let page = hr.get(&format!("/templates/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.h1(),
        "Evaluasi layanan pelanggan / Customer service review"
    );
    let sections = page.select_texts("h2");
    assert_eq!(sections[0], "1. Uraian pekerjaan saya");
    assert!(sections.contains(&"2. Kompetensi".to_string()));
    let questions = page.select_texts(".summary-list__key");
    assert!(questions.iter().any(|q| q.starts_with("Kerja tim")));
    let values = page.select_texts(".summary-list__value");
    assert!(values
        .iter()
        .any(|v| v.contains("Nilai kompetensi") && v.contains("Kompetensi: Kerja tim")));
    assert!(values.iter().any(|v| v.contains("Dijawab oleh: keduanya")));
    assert!(!page.contains("Teamwork"));

    // The same page for an English-speaking HR person.
    let switched = hr
        .post(
            "/me/language",
            &[("lang", "en"), ("next", &format!("/templates/{id}"))],
        )
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    let page = hr.get(&format!("/templates/{id}")).await;
    let sections = page.select_texts("h2");
    assert_eq!(sections[0], "1. My job description");
    assert!(sections.contains(&"2. Competencies".to_string()));
    let values = page.select_texts(".summary-list__value");
    assert!(values
        .iter()
        .any(|v| v.contains("Competency rating") && v.contains("Competency: Teamwork")));
    assert!(values.iter().any(|v| v.contains("Answered by: both")));
    assert!(page
        .select_texts(".summary-list__key")
        .iter()
        .any(|q| q.starts_with("Teamwork")));
    assert_eq!(hr.get("/templates").await.h1(), "Form templates");
}

async fn hr_copies_a_template_and_edits_the_copy(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let default_id = default_template_id(&app);
    let default_before = outline(&load(&app, &default_id));

    let form = hr.get(&format!("/templates/{default_id}/copy")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.attr("input[name=name]", "value").as_deref(),
        Some("Salinan Evaluasi layanan pelanggan / Customer service review")
    );
    let taken = hr
        .post(
            &format!("/templates/{default_id}/copy"),
            &[(
                "name",
                "Evaluasi layanan pelanggan / Customer service review",
            )],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.contains("Nama ini sudah dipakai templat lain"));
    let copied = hr
        .post(
            &format!("/templates/{default_id}/copy"),
            &[("name", "Evaluasi gudang")],
        )
        .await;
    assert_eq!(copied.status, StatusCode::SEE_OTHER);
    let location = copied.location().expect("redirect").to_string();
    assert!(location.ends_with("?notice=copied"), "{location}");
    let copy_id = location
        .trim_start_matches("/templates/")
        .trim_end_matches("?notice=copied")
        .to_string();
    let page = hr.get(&location).await;
    assert_eq!(page.h1(), "Evaluasi gudang");
    assert!(page.contains("Templat disalin."));
    let copy = load(&app, &copy_id);
    assert_eq!(
        copy.template.parent_id.as_deref(),
        Some(default_id.as_str())
    );
    assert_eq!(outline(&copy)[1..], default_before[1..]);

    // A new section, at the end.
    hr.get(&format!("/templates/{copy_id}/sections/new")).await;
    let added = hr
        .post(
            &format!("/templates/{copy_id}/sections"),
            &[
                ("title_id", "Keselamatan kerja"),
                ("title_en", "Work safety"),
                ("help_id", "Cara Anda menjaga gudang tetap aman."),
                ("help_en", "How you keep the warehouse safe."),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let form = load(&app, &copy_id);
    let (section, _) = form.sections.last().expect("a section").clone();
    assert_eq!(section.title_en, "Work safety");
    let sid = section.id.clone();

    // Two questions in it.
    let teamwork = competency_id(&app, "teamwork");
    let new_q = hr
        .get(&format!(
            "/templates/{copy_id}/sections/{sid}/questions/new"
        ))
        .await;
    assert_eq!(new_q.status, StatusCode::OK);
    assert!(new_q.contains("Keselamatan kerja"));
    let q1 = hr
        .post(
            &format!("/templates/{copy_id}/sections/{sid}/questions"),
            &[
                ("kind", "competency_rating"),
                ("competency_id", &teamwork),
                ("side", "both"),
                ("prompt_id", "Bekerja sama saat bongkar muat"),
                ("prompt_en", "Working together when loading"),
                ("manager_prompt_id", "Bekerja sama saat bongkar muat"),
                ("manager_prompt_en", "Working together when loading"),
                ("required", "1"),
            ],
        )
        .await;
    assert_eq!(q1.status, StatusCode::SEE_OTHER, "{}", q1.text);
    hr.get(&format!(
        "/templates/{copy_id}/sections/{sid}/questions/new"
    ))
    .await;
    let q2 = hr
        .post(
            &format!("/templates/{copy_id}/sections/{sid}/questions"),
            &[
                ("kind", "text"),
                ("competency_id", &teamwork),
                ("side", "self"),
                ("prompt_id", "Apa yang membuat gudang tidak aman?"),
                ("prompt_en", "What makes the warehouse unsafe?"),
            ],
        )
        .await;
    assert_eq!(q2.status, StatusCode::SEE_OTHER);
    let page = hr.get(q2.location().expect("redirect")).await;
    assert!(page.contains("Pertanyaan ditambahkan."));
    let in_section = |f: &Form| -> Vec<(String, String, bool, Option<String>)> {
        f.sections
            .iter()
            .find(|(s, _)| s.id == sid)
            .map(|(_, qs)| {
                qs.iter()
                    .map(|q| {
                        (
                            q.prompt_en.clone(),
                            q.side.clone(),
                            q.required,
                            q.competency_id.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let qs = in_section(&load(&app, &copy_id));
    assert_eq!(
        qs,
        vec![
            (
                "Working together when loading".to_string(),
                "both".to_string(),
                true,
                Some(teamwork.clone())
            ),
            (
                "What makes the warehouse unsafe?".to_string(),
                "self".to_string(),
                false,
                None
            ),
        ]
    );
    let text = page.select_texts(&format!("#section-{sid} .summary-list__key"));
    assert_eq!(
        text,
        [
            "Bekerja sama saat bongkar muat",
            "Apa yang membuat gudang tidak aman?"
        ]
    );

    // Reorder: the second question up, the section up one place.
    let form = load(&app, &copy_id);
    let second = form.sections.last().expect("section").1[1].id.clone();
    let moved = hr
        .post(
            &format!("/templates/{copy_id}/questions/{second}/move"),
            &[("direction", "up")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let qs = in_section(&load(&app, &copy_id));
    assert_eq!(qs[0].0, "What makes the warehouse unsafe?");
    let count = form.sections.len();
    hr.get(&format!("/templates/{copy_id}")).await;
    let moved = hr
        .post(
            &format!("/templates/{copy_id}/sections/{sid}/move"),
            &[("direction", "up")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let form = load(&app, &copy_id);
    assert_eq!(form.sections[count - 2].0.id, sid);
    assert_eq!(form.sections[count - 1].0.title_en, "Manager's summary");
    let page = hr.get(&format!("/templates/{copy_id}")).await;
    let h2 = page.select_texts("h2");
    assert_eq!(h2[count - 2], format!("{}. Keselamatan kerja", count - 1));

    // Edit the question, then delete it, then the section.
    let first = form.sections[count - 2].1[0].id.clone();
    let edit = hr
        .get(&format!("/templates/{copy_id}/questions/{first}/edit"))
        .await;
    assert_eq!(
        edit.attr("#kind-text", "checked").as_deref(),
        Some(""),
        "the stored kind is chosen"
    );
    let saved = hr
        .post(
            &format!("/templates/{copy_id}/questions/{first}"),
            &[
                ("kind", "text"),
                ("side", "manager"),
                ("prompt_id", "Apa yang membuat gudang berbahaya?"),
                ("prompt_en", "What makes the warehouse dangerous?"),
                ("manager_prompt_id", "Apa yang membuat gudang berbahaya?"),
                ("manager_prompt_en", "What makes the warehouse dangerous?"),
                ("required", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let qs = in_section(&load(&app, &copy_id));
    assert_eq!(
        qs[0],
        (
            "What makes the warehouse dangerous?".to_string(),
            "manager".to_string(),
            true,
            None
        )
    );
    let confirm = hr
        .get(&format!("/templates/{copy_id}/questions/{first}/delete"))
        .await;
    assert_eq!(confirm.h1(), "Hapus pertanyaan ini?");
    let deleted = hr
        .post(
            &format!("/templates/{copy_id}/questions/{first}/delete"),
            &[],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(in_section(&load(&app, &copy_id)).len(), 1);
    let confirm = hr
        .get(&format!("/templates/{copy_id}/sections/{sid}/delete"))
        .await;
    assert!(confirm.contains("1 pertanyaan di dalamnya juga akan dihapus."));
    let deleted = hr
        .post(&format!("/templates/{copy_id}/sections/{sid}/delete"), &[])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    let page = hr.get(deleted.location().expect("redirect")).await;
    assert!(page.contains("Bagian dihapus."));
    assert!(!page.contains("Keselamatan kerja"));
    assert_eq!(outline(&load(&app, &copy_id))[1..], default_before[1..]);
    assert_eq!(outline(&load(&app, &default_id)), default_before);

    // Rename, archive and bring back.
    hr.get(&format!("/templates/{copy_id}/edit")).await;
    let empty = hr
        .post(
            &format!("/templates/{copy_id}"),
            &[("name", " "), ("description", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.select_texts("title")[0].starts_with("Perlu diperbaiki:"));
    let renamed = hr
        .post(
            &format!("/templates/{copy_id}"),
            &[
                ("name", "Evaluasi gudang 2026"),
                ("description", "Untuk tim gudang."),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    let archived = hr.post(&format!("/templates/{copy_id}/archive"), &[]).await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    assert!(!hr.get("/templates").await.contains("Evaluasi gudang 2026"));
    let all = hr.get("/templates?archived=1").await;
    assert!(all.contains("Evaluasi gudang 2026"));
    assert!(all.contains("Diarsipkan"));
    hr.post(&format!("/templates/{copy_id}/unarchive"), &[])
        .await;
    assert!(hr.get("/templates").await.contains("Evaluasi gudang 2026"));
    let refused = hr
        .post(&format!("/templates/{default_id}/archive"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);

    let actions = app.audit_actions();
    for a in [
        "template.copied",
        "template.section_added",
        "template.question_added",
        "template.question_moved",
        "template.section_moved",
        "template.question_updated",
        "template.question_deleted",
        "template.section_deleted",
        "template.renamed",
        "template.archived",
        "template.unarchived",
    ] {
        assert!(actions.iter().any(|x| x == a), "audit has {a}: {actions:?}");
    }
}

async fn bad_questions_are_refused_and_nothing_changes(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let default_id = default_template_id(&app);
    hr.get(&format!("/templates/{default_id}/copy")).await;
    let copied = hr
        .post(
            &format!("/templates/{default_id}/copy"),
            &[("name", "Uji coba")],
        )
        .await;
    let copy_id = copied
        .location()
        .expect("redirect")
        .trim_start_matches("/templates/")
        .trim_end_matches("?notice=copied")
        .to_string();
    let before = outline(&load(&app, &copy_id));
    let sid = load(&app, &copy_id).sections[0].0.id.clone();
    let path = format!("/templates/{copy_id}/sections/{sid}/questions");

    hr.get(&format!("{path}/new")).await;
    let bad = hr
        .post(
            &path,
            &[
                ("kind", "competency_rating"),
                ("competency_id", ""),
                ("side", "both"),
                ("prompt_id", ""),
                ("prompt_en", "Keeps calm with angry customers"),
                (
                    "manager_prompt_id",
                    "Tetap tenang menghadapi pelanggan yang marah",
                ),
                ("manager_prompt_en", "Keeps calm with angry customers"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.select_texts("title")[0].starts_with("Perlu diperbaiki:"));
    assert_eq!(
        bad.select_texts(".error-summary__list a"),
        [
            "Pilih kompetensi yang dinilai pertanyaan ini",
            "Masukkan pertanyaan dalam bahasa Indonesia"
        ]
    );
    assert_eq!(
        bad.attr(".error-summary__list a", "href").as_deref(),
        Some("#competency_id")
    );
    assert_eq!(
        bad.select_texts("#prompt_en"),
        ["Keeps calm with angry customers"],
        "what was typed is kept"
    );
    assert_eq!(
        bad.attr("#kind-competency_rating", "checked").as_deref(),
        Some("")
    );

    let unknown = hr
        .post(
            &path,
            &[
                ("kind", "essay"),
                ("side", "everyone"),
                ("prompt_id", "Apa?"),
                ("prompt_en", "What?"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unknown.select_texts(".error-summary__list a"),
        [
            "Pilih jenis pertanyaan",
            "Pilih siapa yang menjawab pertanyaan"
        ]
    );
    let no_such = hr
        .post(
            &path,
            &[
                ("kind", "competency_rating"),
                ("competency_id", "no-such-competency"),
                ("side", "both"),
                ("prompt_id", "Apa?"),
                ("prompt_en", "What?"),
                ("manager_prompt_id", "Apa?"),
                ("manager_prompt_en", "What?"),
            ],
        )
        .await;
    assert_eq!(no_such.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_such.contains("Kompetensi yang dipilih tidak ada atau sudah tidak aktif"));

    // Editing an existing question badly changes nothing either.
    let qid = load(&app, &copy_id).sections[0].1[0].id.clone();
    hr.get(&format!("/templates/{copy_id}/questions/{qid}/edit"))
        .await;
    let bad_edit = hr
        .post(
            &format!("/templates/{copy_id}/questions/{qid}"),
            &[
                ("kind", "rating"),
                ("side", "both"),
                ("prompt_id", "Secara keseluruhan?"),
                ("prompt_en", ""),
            ],
        )
        .await;
    assert_eq!(bad_edit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_edit.contains("Masukkan pertanyaan dalam bahasa Inggris"));
    hr.get(&format!("/templates/{copy_id}/sections/new")).await;
    let bad_section = hr
        .post(
            &format!("/templates/{copy_id}/sections"),
            &[("title_id", "Bagian baru"), ("title_en", "")],
        )
        .await;
    assert_eq!(bad_section.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_section.contains("Masukkan judul bagian dalam bahasa Inggris"));

    assert_eq!(outline(&load(&app, &copy_id)), before);
    assert!(!app
        .audit_actions()
        .iter()
        .any(|a| a == "template.question_added" || a == "template.section_added"));
}

async fn a_template_in_use_is_frozen_and_gets_a_new_version(app: TestApp) {
    app.seed_demo();
    let v1 = default_template_id(&app);
    let hr_id = app.person_id("sari.wulandari");
    let cycle_id = cermin::db::new_id();
    {
        let mut conn = app.conn();
        let today = chrono::Utc::now().date_naive();
        let t = cermin::db::now();
        cermin::db::cycles::insert(
            &mut conn,
            &cermin::db::cycles::CycleRow {
                id: cycle_id.clone(),
                name: "Evaluasi semester 1".into(),
                template_id: v1.clone(),
                status: cermin::domain::review::CycleStatus::Draft,
                opens_on: today,
                self_due_on: today + chrono::Duration::days(14),
                manager_due_on: today + chrono::Duration::days(28),
                ack_due_on: today + chrono::Duration::days(35),
                closes_on: today + chrono::Duration::days(42),
                reminder_days: "7,2,0".into(),
                dates_sequence: 0,
                created_by: Some(hr_id.clone()),
                created_at: t,
                updated_at: t,
                launched_at: None,
                closed_at: None,
            },
        )
        .expect("draft cycle");
        cermin::db::cycles::set_participants(
            &mut conn,
            &cycle_id,
            &[app.person_id("ayu.lestari"), app.person_id("lukman.hakim")],
        )
        .expect("participants");
    }
    let hr = app.signed_in("sari.wulandari").await;

    // A draft cycle does not freeze the template.
    let page = hr.get(&format!("/templates/{v1}")).await;
    assert!(page.contains("Bisa diubah"));
    assert!(page.contains("Tambah bagian"));

    {
        let mut conn = app.conn();
        let today = chrono::Utc::now().date_naive();
        cermin::app::cycles::launch_cycle(
            &mut conn,
            &hr_actor(&hr_id),
            clock_on(today),
            &cermin::domain::CycleId::from_stored(cycle_id.as_str()),
        )
        .expect("launch");
    }
    let before = outline(&load(&app, &v1));
    let list = hr.get("/templates").await;
    assert!(list.contains("Sedang dipakai — mengubahnya membuat versi baru"));
    let page = hr.get(&format!("/templates/{v1}")).await;
    assert!(page.contains("Templat ini dipakai oleh siklus evaluasi yang sudah diluncurkan"));
    assert!(!page.contains("Tambah bagian"));
    assert!(!page.contains("/move\""));

    let form = load(&app, &v1);
    let sid = form.sections[0].0.id.clone();
    let qid = form.sections[0].1[0].id.clone();
    let edit = hr
        .get(&format!("/templates/{v1}/sections/{sid}/edit"))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(edit.h1(), "Templat ini sedang dipakai");
    assert_eq!(
        edit.attr("form[action$='/new-version']", "action"),
        Some(format!("/templates/{v1}/new-version"))
    );
    for (path, fields) in [
        (
            format!("/templates/{v1}/sections/{sid}"),
            vec![("title_id", "Baru"), ("title_en", "New")],
        ),
        (
            format!("/templates/{v1}/sections"),
            vec![("title_id", "Baru"), ("title_en", "New")],
        ),
        (format!("/templates/{v1}/sections/{sid}/delete"), vec![]),
        (
            format!("/templates/{v1}/sections/{sid}/move"),
            vec![("direction", "down")],
        ),
        (
            format!("/templates/{v1}/sections/{sid}/questions"),
            vec![
                ("kind", "text"),
                ("side", "self"),
                ("prompt_id", "Baru?"),
                ("prompt_en", "New?"),
            ],
        ),
        (
            format!("/templates/{v1}/questions/{qid}"),
            vec![
                ("kind", "text"),
                ("side", "self"),
                ("prompt_id", "Baru?"),
                ("prompt_en", "New?"),
            ],
        ),
        (format!("/templates/{v1}/questions/{qid}/delete"), vec![]),
        (
            format!("/templates/{v1}/questions/{qid}/move"),
            vec![("direction", "down")],
        ),
    ] {
        let refused = hr.post(&path, &fields).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{path}");
        assert!(
            refused.contains("Tidak ada yang disimpan"),
            "{path}: {}",
            refused.text
        );
    }
    assert_eq!(outline(&load(&app, &v1)), before, "nothing changed");

    // A new version to edit.
    hr.get(&format!("/templates/{v1}")).await;
    let made = hr.post(&format!("/templates/{v1}/new-version"), &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let location = made.location().expect("redirect").to_string();
    let v2 = location
        .trim_start_matches("/templates/")
        .trim_end_matches("?notice=versioned")
        .to_string();
    assert_ne!(v2, v1);
    let page = hr.get(&location).await;
    assert!(page.contains(
        "Templat ini dipakai oleh siklus evaluasi yang sudah diluncurkan, jadi versi baru telah dibuat"
    ));
    assert!(page.contains("Versi 2"));
    assert!(page.contains("Tambah bagian"));
    let second = load(&app, &v2);
    assert_eq!(second.template.version, 2);
    assert_eq!(second.template.parent_id.as_deref(), Some(v1.as_str()));
    assert!(
        second.template.is_default,
        "the default moves to the new version"
    );
    assert_eq!(outline(&second)[1..], before[1..]);
    assert_eq!(outline(&second)[0], before[0].replace(" v1", " v2"));
    {
        let mut conn = app.conn();
        let cycle = cermin::db::cycles::find(&mut conn, &cycle_id)
            .expect("query")
            .expect("cycle");
        assert_eq!(cycle.template_id, v1, "the launched cycle keeps version 1");
    }

    // The new version can be edited; the old one is untouched.
    let sid2 = second.sections[0].0.id.clone();
    hr.get(&format!("/templates/{v2}/sections/{sid2}/edit"))
        .await;
    let saved = hr
        .post(
            &format!("/templates/{v2}/sections/{sid2}"),
            &[
                ("title_id", "Uraian pekerjaan dan tanggung jawab saya"),
                ("title_en", "My job description and duties"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        load(&app, &v2).sections[0].0.title_en,
        "My job description and duties"
    );
    assert_eq!(outline(&load(&app, &v1)), before);

    // Asking again from version 1 leads to version 2, not a third copy.
    let old = hr.get(&format!("/templates/{v1}")).await;
    assert!(old.contains("Ada versi yang lebih baru dari templat ini: versi 2."));
    let again = hr.post(&format!("/templates/{v1}/new-version"), &[]).await;
    assert_eq!(
        again.location(),
        Some(format!("/templates/{v2}?notice=newer").as_str())
    );
    let actions = app.audit_actions();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "template.versioned")
            .count(),
        1
    );
}

async fn only_hr_reaches_templates_and_competencies(app: TestApp) {
    app.seed_demo();
    let id = default_template_id(&app);
    let before = outline(&load(&app, &id));
    let sid = load(&app, &id).sections[0].0.id.clone();
    for key in ["hendra.gunawan", "ayu.lestari"] {
        let b = app.signed_in(key).await;
        for path in [
            "/templates".to_string(),
            format!("/templates/{id}"),
            format!("/templates/{id}/sections/new"),
            "/competencies".to_string(),
            "/competencies/new".to_string(),
        ] {
            let page = b.get(&path).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{key} {path}");
        }
        b.get("/").await;
        let posted = b
            .post(
                &format!("/templates/{id}/sections"),
                &[("title_id", "Bagian"), ("title_en", "Section")],
            )
            .await;
        assert_eq!(posted.status, StatusCode::FORBIDDEN, "{key}");
        let moved = b
            .post(
                &format!("/templates/{id}/sections/{sid}/move"),
                &[("direction", "down")],
            )
            .await;
        assert_eq!(moved.status, StatusCode::FORBIDDEN, "{key}");
        let copied = b
            .post(&format!("/templates/{id}/copy"), &[("name", "Milik saya")])
            .await;
        assert_eq!(copied.status, StatusCode::FORBIDDEN, "{key}");
        let competency = b
            .post(
                "/competencies/new",
                &[("name_id", "Keramahan"), ("name_en", "Friendliness")],
            )
            .await;
        assert_eq!(competency.status, StatusCode::FORBIDDEN, "{key}");
    }
    assert_eq!(outline(&load(&app, &id)), before);
    let mut conn = app.conn();
    assert_eq!(forms::templates(&mut conn, true).expect("query").len(), 1);
    assert!(forms::competency_by_key(&mut conn, "friendliness")
        .expect("query")
        .is_none());
}

async fn hr_adds_and_retires_a_competency(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let library = hr.get("/competencies").await;
    assert_eq!(library.h1(), "Pustaka kompetensi");
    assert!(library.contains("Kerja tim"));
    assert!(library.contains("Teamwork"));

    hr.get("/competencies/new").await;
    let empty = hr
        .post("/competencies/new", &[("name_id", ""), ("name_en", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        empty.select_texts(".error-summary__list a"),
        [
            "Masukkan nama dalam bahasa Indonesia",
            "Masukkan nama dalam bahasa Inggris"
        ]
    );
    let created = hr
        .post(
            "/competencies/new",
            &[
                ("name_id", "Keramahan"),
                ("name_en", "Friendliness"),
                ("description_id", "Menyapa setiap pelanggan dengan hangat."),
                ("description_en", "Greets every customer warmly."),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let library = hr.get(created.location().expect("redirect")).await;
    assert!(library.contains("Kompetensi ditambahkan ke pustaka."));
    let row = library.select_texts("#competency-friendliness td");
    assert!(row[0].starts_with("Keramahan"));
    assert!(row[0].ends_with("Menyapa setiap pelanggan dengan hangat."));
    assert!(row[1].starts_with("Friendliness"));
    assert!(row[1].ends_with("Greets every customer warmly."));
    assert_eq!(row[2], "Aktif");
    // The same English name again gets its own key.
    hr.get("/competencies/new").await;
    hr.post(
        "/competencies/new",
        &[
            ("name_id", "Keramahan di telepon"),
            ("name_en", "Friendliness"),
        ],
    )
    .await;
    let id = competency_id(&app, "friendliness");
    let _ = competency_id(&app, "friendliness_2");

    // Offered for new questions while active.
    let template = default_template_id(&app);
    hr.get(&format!("/templates/{template}/copy")).await;
    let copied = hr
        .post(&format!("/templates/{template}/copy"), &[("name", "Toko")])
        .await;
    let copy_id = copied
        .location()
        .expect("redirect")
        .trim_start_matches("/templates/")
        .trim_end_matches("?notice=copied")
        .to_string();
    let sid = load(&app, &copy_id).sections[1].0.id.clone();
    let new_q = format!("/templates/{copy_id}/sections/{sid}/questions/new");
    assert!(hr
        .get(&new_q)
        .await
        .select_texts("#competency_id option")
        .contains(&"Keramahan".to_string()));

    // Retired: kept in the library, no longer offered.
    let edit = hr.get(&format!("/competencies/{id}/edit")).await;
    assert_eq!(
        edit.attr("#name_en", "value").as_deref(),
        Some("Friendliness")
    );
    assert!(edit.contains("Kode: friendliness"));
    let saved = hr
        .post(
            &format!("/competencies/{id}/edit"),
            &[
                ("name_id", "Keramahan"),
                ("name_en", "Friendliness"),
                ("description_id", "Menyapa setiap pelanggan dengan ramah."),
                ("description_en", "Greets every customer kindly."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let library = hr.get("/competencies").await;
    let row = library.select_texts("#competency-friendliness td");
    assert_eq!(row[2], "Tidak dipakai");
    assert!(row[1].contains("Greets every customer kindly."));
    assert!(!hr
        .get(&new_q)
        .await
        .select_texts("#competency_id option")
        .contains(&"Keramahan".to_string()));
    let refused = hr
        .post(
            &format!("/templates/{copy_id}/sections/{sid}/questions"),
            &[
                ("kind", "competency_rating"),
                ("competency_id", &id),
                ("side", "both"),
                ("prompt_id", "Keramahan"),
                ("prompt_en", "Friendliness"),
                ("manager_prompt_id", "Keramahan"),
                ("manager_prompt_en", "Friendliness"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let actions = app.audit_actions();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "competency.created")
            .count(),
        2
    );
    assert!(actions.iter().any(|a| a == "competency.updated"));
}

/// Review pages keep a frozen template's questions in memory
/// (`forms::load_form_of_review`): they must read exactly what is stored,
/// and a template that can still change is never kept.
async fn a_review_reads_its_frozen_form_as_stored(app: TestApp) {
    let id = default_template_id(&app);
    let of_review = |app: &TestApp| -> Form {
        let mut conn = app.conn();
        forms::load_form_of_review(&mut conn, &id)
            .expect("query")
            .expect("template exists")
    };
    assert!(
        !load(&app, &id).template.frozen,
        "a new install's default is a draft"
    );

    // Not frozen: a change shows on the next read.
    assert_eq!(outline(&of_review(&app)), outline(&load(&app, &id)));
    let first = load(&app, &id).sections[0].1[0].id.clone();
    app.exec(&format!(
        "UPDATE form_questions SET prompt_en = 'Changed while a draft' WHERE id = '{first}'"
    ));
    let read = of_review(&app);
    assert_eq!(read.sections[0].1[0].prompt_en, "Changed while a draft");
    assert_eq!(outline(&read), outline(&load(&app, &id)));

    // Frozen: read as stored, again and again; the template's own row (its
    // name may still change) is read afresh each time.
    {
        let mut conn = app.conn();
        forms::freeze(&mut conn, &id).expect("freeze");
    }
    let stored = outline(&load(&app, &id));
    assert_eq!(outline(&of_review(&app)), stored);
    assert_eq!(outline(&of_review(&app)), stored);
    app.exec(&format!(
        "UPDATE form_templates SET name = 'Renamed after launch' WHERE id = '{id}'"
    ));
    let read = of_review(&app);
    assert_eq!(read.template.name, "Renamed after launch");
    assert_eq!(outline(&read)[1..], stored[1..]);
    assert!(
        forms::load_form_of_review(&mut app.conn(), &cermin::db::new_id())
            .expect("query")
            .is_none()
    );
}

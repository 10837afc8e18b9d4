//! Each side reads the form in its own voice: the employee in the first
//! person, the manager about the employee, by name. Over HTTP, on both
//! databases: the built-in template in both languages, HR's own wording for
//! the manager, a frozen template, and a database from before the manager
//! had wording of their own.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(
    each_side_reads_the_built_in_form_in_its_own_voice,
    hr_words_a_question_for_the_manager_and_the_next_cycle_asks_it,
    an_existing_database_gets_the_manager_wording_but_a_frozen_template_keeps_its_own,
);

/// What a person sees on the page: the text of the body, spaces collapsed.
fn seen(page: &Page) -> String {
    page.select_texts("body").join(" ")
}

fn set_lang(app: &TestApp, key: &str, lang: &str) {
    app.exec(&format!(
        "UPDATE people SET lang = '{lang}' WHERE email = '{}'",
        email_of(key)
    ));
}

/// The review moves on to the manager, as a submitted self-assessment would
/// take it (the answers themselves play no part here).
fn to_manager(app: &TestApp, review: &str) {
    app.exec(&format!(
        "UPDATE reviews SET state = 'manager_review' WHERE id = '{review}'"
    ));
}

fn default_template_id(app: &TestApp) -> String {
    let mut conn = app.conn();
    cermin::db::forms::default_template(&mut conn)
        .expect("query")
        .expect("default template")
        .id
}

const SELF_ID: [&str; 4] = [
    "Secara keseluruhan, seberapa baik saya memenuhi uraian pekerjaan saya?",
    "Kekuatan saya",
    "Nilai diri Anda untuk setiap kompetensi",
    "Hambatan di luar kendali saya",
];
const SELF_EN: [&str; 4] = [
    "Overall, how well do I meet my job description?",
    "My strengths",
    "Rate yourself on each competency",
    "Obstacles outside my control",
];
const MANAGER_ID: [&str; 4] = [
    "Secara keseluruhan, seberapa baik Ayu Lestari memenuhi uraian pekerjaannya?",
    "Kekuatan Ayu Lestari",
    "Nilai Ayu Lestari untuk setiap kompetensi",
    "Hambatan di luar kendali Ayu Lestari",
];
const MANAGER_EN: [&str; 4] = [
    "Overall, how well does Ayu Lestari meet the job description?",
    "Ayu Lestari's strengths",
    "Rate Ayu Lestari on each competency",
    "Obstacles outside Ayu Lestari's control",
];

fn reads(what: &str, page: &Page, expected: &[&str], never: &[&str]) {
    assert_eq!(page.status, StatusCode::OK, "{what}: {}", page.text);
    let text = seen(page);
    for e in expected {
        assert!(text.contains(e), "{what}: {e:?} is missing from {text}");
    }
    for n in never {
        assert!(!text.contains(n), "{what}: {n:?} should not be on {text}");
    }
    assert!(!text.contains("{name}"), "{what}: the name is filled in");
}

async fn each_side_reads_the_built_in_form_in_its_own_voice(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    let ayu = app.signed_in("ayu.lestari").await;
    let rina = app.signed_in("rina.marlina").await;
    let self_path = format!("/reviews/{review}/self");
    let manager_path = format!("/reviews/{review}/manager");

    let own = ayu.get(&self_path).await;
    reads("self, id", &own, &SELF_ID, &MANAGER_ID);
    // Ayu proposes a goal and the support she needs.
    let mut fields = vec![
        (
            "version".to_string(),
            own.attr("input[name=version]", "value").expect("version"),
        ),
        (
            "new_goal_id".into(),
            own.attr("input[name=new_goal_id]", "value")
                .expect("goal id"),
        ),
        ("new_goal_title".into(), "Kursus penanganan keluhan".into()),
        ("new_goal_kind".into(), "development".into()),
        (
            "new_goal_support".into(),
            "Dua jam seminggu di luar antrean telepon".into(),
        ),
        ("action".into(), "save".into()),
    ];
    fields.push(("csrf_token".into(), own.csrf().expect("token")));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let saved = ayu.post(&self_path, &pairs).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let own = ayu.get(&self_path).await;
    assert!(seen(&own).contains("Dukungan atau pelatihan yang dibutuhkan"));

    set_lang(&app, "ayu.lestari", "en");
    let own = ayu.get(&self_path).await;
    reads("self, en", &own, &SELF_EN, &MANAGER_EN);

    to_manager(&app, review);
    let form = rina.get(&manager_path).await;
    reads(
        "manager, id",
        &form,
        &[
            MANAGER_ID[0],
            MANAGER_ID[1],
            MANAGER_ID[2],
            MANAGER_ID[3],
            // Where the self-assessment is, as the page lays it out.
            "Jawaban Ayu Lestari di evaluasi diri tampil di setiap pertanyaan, di atas isian Anda.",
            "Yang akan kami lakukan untuk mendukung Ayu Lestari",
        ],
        &[
            SELF_ID[0],
            SELF_ID[1],
            SELF_ID[2],
            SELF_ID[3],
            "di samping",
            "Dukungan atau pelatihan yang",
        ],
    );
    set_lang(&app, "rina.marlina", "en");
    let form = rina.get(&manager_path).await;
    reads(
        "manager, en",
        &form,
        &[
            MANAGER_EN[0],
            MANAGER_EN[1],
            MANAGER_EN[2],
            MANAGER_EN[3],
            "Ayu Lestari's answers from the self-assessment are shown with each question, above your own answer.",
            "What we will do to support Ayu Lestari",
        ],
        &[
            SELF_EN[0],
            SELF_EN[1],
            SELF_EN[2],
            SELF_EN[3],
            "beside",
            "Support or training",
        ],
    );
    // HR reads the manager review as the manager does.
    let hr = app.signed_in("sari.wulandari").await;
    let as_hr = hr.get(&manager_path).await;
    reads(
        "manager form for HR",
        &as_hr,
        &MANAGER_ID[..1],
        &SELF_ID[..1],
    );

    // Once shared, the goal is agreed: the employee reads the company's
    // commitment, in her words; the manager reads it about her.
    app.exec(&format!(
        "UPDATE reviews SET state = 'shared' WHERE id = '{review}';
         UPDATE goals SET status = 'agreed' WHERE review_id = '{review}'"
    ));
    let shown = ayu.get(&format!("/reviews/{review}")).await;
    reads(
        "reading view, employee",
        &shown,
        &[
            "What we will do to support you: Dua jam seminggu di luar antrean telepon",
            SELF_EN[0],
        ],
        &["Support or training needed", MANAGER_EN[0]],
    );
    let shown = rina.get(&format!("/reviews/{review}")).await;
    reads(
        "reading view, manager",
        &shown,
        &[
            "What we will do to support Ayu Lestari: Dua jam seminggu di luar antrean telepon",
            MANAGER_EN[0],
        ],
        &["Support or training needed", SELF_EN[0]],
    );
}

async fn hr_words_a_question_for_the_manager_and_the_next_cycle_asks_it(app: TestApp) {
    app.seed_demo();
    let v1 = default_template_id(&app);
    // A running cycle freezes the built-in template.
    let (_, running) = open_cycle(&app, &["ayu.lestari"]);
    to_manager(&app, &running[0]);
    let hr = app.signed_in("sari.wulandari").await;
    hr.get(&format!("/templates/{v1}")).await;
    let made = hr.post(&format!("/templates/{v1}/new-version"), &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let v2 = default_template_id(&app);
    assert_ne!(v1, v2);
    let question = {
        let mut conn = app.conn();
        let form = cermin::db::forms::load_form(&mut conn, &v2)
            .expect("q")
            .expect("form");
        form.sections[0].1[0].clone()
    };

    // The editor shows both wordings, as written, the name as a placeholder.
    let path = format!("/templates/{v2}/questions/{}", question.id);
    let edit = hr.get(&format!("{path}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(seen(&edit).contains("Yang dibaca atasan"));
    assert_eq!(
        edit.select_texts("textarea[name=manager_prompt_id]"),
        ["Secara keseluruhan, seberapa baik {name} memenuhi uraian pekerjaannya?"]
    );
    assert_eq!(
        edit.select_texts("textarea[name=prompt_en]"),
        ["Overall, how well do I meet my job description?"]
    );

    // Both sides answer it: the manager's wording cannot be left out.
    let mut fields = vec![
        ("kind", "rating"),
        ("side", "both"),
        (
            "prompt_id",
            "Seberapa baik saya memenuhi uraian pekerjaan saya?",
        ),
        ("prompt_en", "How well do I meet my job description?"),
        ("manager_prompt_id", ""),
        ("manager_prompt_en", ""),
        ("required", "1"),
    ];
    let refused = hr.post(&path, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(seen(&refused).contains("Masukkan pertanyaan untuk atasan dalam bahasa Indonesia"));

    fields[4] = (
        "manager_prompt_id",
        "Menurut Anda, seberapa baik {name} menjalankan tugasnya?",
    );
    fields[5] = (
        "manager_prompt_en",
        "In your view, how well does {name} do the job?",
    );
    let saved = hr.post(&path, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let shown = hr.get(&format!("/templates/{v2}")).await;
    assert!(seen(&shown)
        .contains("Dibaca atasan: Menurut Anda, seberapa baik {name} menjalankan tugasnya?"));

    // The next cycle uses the new version: Lukman's manager (who reads
    // English) reads HR's words.
    let (_, next) = open_cycle(&app, &["lukman.hakim"]);
    to_manager(&app, &next[0]);
    let manager = app.signed_in("dimas.prasetyo").await;
    let form = manager.get(&format!("/reviews/{}/manager", next[0])).await;
    reads(
        "next cycle",
        &form,
        &["In your view, how well does Lukman Hakim do the job?"],
        &[SELF_EN[0], "how well does Lukman Hakim meet"],
    );

    // The running cycle's frozen template keeps its wording.
    let rina = app.signed_in("rina.marlina").await;
    let form = rina.get(&format!("/reviews/{}/manager", running[0])).await;
    reads(
        "running cycle",
        &form,
        &[MANAGER_ID[0]],
        &["Menurut Anda", SELF_ID[0]],
    );
}

/// The manager's wording as a database from before it existed holds it: the
/// migration copied it only for questions the manager alone answers.
fn as_before_the_upgrade(app: &TestApp, template: &str) {
    app.exec(&format!(
        "UPDATE form_sections SET manager_title_id = '', manager_title_en = '',
                manager_help_id = '', manager_help_en = ''
          WHERE template_id = '{template}';
         UPDATE form_questions SET manager_prompt_id = '', manager_prompt_en = '',
                manager_help_id = '', manager_help_en = ''
          WHERE side <> 'manager'
            AND section_id IN (SELECT id FROM form_sections WHERE template_id = '{template}')"
    ));
    // An older database is read by a newly started server, which has kept
    // no form in memory yet.
    cermin::db::forms::forget_kept_forms();
}

fn ensure_defaults(app: &TestApp) {
    let mut conn = app.conn();
    cermin::defaults::ensure(&mut conn).expect("defaults");
}

async fn an_existing_database_gets_the_manager_wording_but_a_frozen_template_keeps_its_own(
    app: TestApp,
) {
    app.seed_demo();
    let v1 = default_template_id(&app);
    let rina = app.signed_in("rina.marlina").await;

    // Not yet used: the built-in template is given the manager's wording in place.
    as_before_the_upgrade(&app, &v1);
    ensure_defaults(&app);
    assert_eq!(default_template_id(&app), v1, "no new version needed");
    let (_, first) = open_cycle(&app, &["ayu.lestari"]);
    to_manager(&app, &first[0]);
    let form = rina.get(&format!("/reviews/{}/manager", first[0])).await;
    reads("reworded in place", &form, &MANAGER_ID, &SELF_ID);

    // Used by a running cycle, and from before the upgrade: that cycle
    // keeps asking what it asked. The next cycle gets a new version.
    as_before_the_upgrade(&app, &v1);
    let form = rina.get(&format!("/reviews/{}/manager", first[0])).await;
    let before = form.text.clone();
    reads(
        "as before the upgrade",
        &form,
        &SELF_ID[..1],
        &MANAGER_ID[..1],
    );
    ensure_defaults(&app);
    ensure_defaults(&app);
    let form = rina.get(&format!("/reviews/{}/manager", first[0])).await;
    assert_eq!(
        form.select_texts("form"),
        Page {
            status: StatusCode::OK,
            headers: Default::default(),
            text: before
        }
        .select_texts("form"),
        "the frozen template is unchanged"
    );
    let v2 = default_template_id(&app);
    assert_ne!(v2, v1, "the default moved to a new version");
    {
        let mut conn = app.conn();
        let t = cermin::db::forms::find_template(&mut conn, &v2)
            .expect("q")
            .expect("template");
        assert_eq!(t.parent_id.as_deref(), Some(v1.as_str()));
        assert_eq!(t.version, 2);
    }
    let versions = app
        .audit_actions()
        .into_iter()
        .filter(|a| a == "template.versioned")
        .count();
    assert_eq!(versions, 1, "starting again makes no third version");
    let (_, next) = open_cycle(&app, &["budi.santoso"]);
    to_manager(&app, &next[0]);
    set_lang(&app, "rina.marlina", "en");
    let form = rina.get(&format!("/reviews/{}/manager", next[0])).await;
    reads(
        "next cycle",
        &form,
        &["Overall, how well does Budi Santoso meet the job description?"],
        &[SELF_EN[0]],
    );
}

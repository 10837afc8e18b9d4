//! The review cycle as the people in it live it, over HTTP.
//!
//! Longer than 800 lines on purpose: the whole cycle (launch, self-assessment,
//! manager review, reading, acknowledging, closing) is one journey, and its
//! fixtures (`open_cycle`, `launch_for_rinas_team`) are shared by the other
//! feature files.

use std::collections::BTreeSet;

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    full_cycle_from_launch_to_close,
    autosave_and_two_tabs_conflict,
    expired_session_keeps_what_was_typed,
    review_pages_authorization_matrix,
    manager_shares_own_self_evaluation_with_team,
    journal_entry_pulled_in_as_evidence,
    agreed_goals_carry_over_to_the_next_cycle,
    autosave_after_a_long_break_is_kept,
    emptied_new_row_is_removed_and_reopen_forgets_later_steps,
    check_your_answers_shows_every_part_of_a_goal,
);

const PRIVATE_NOTE: &str = "Catatan rahasia: Ayu sering terlambat masuk shift pagi";
const SHARED_NOTE: &str = "Terima kasih atas usulan alat bantu tiket yang lebih cepat";

/// A launched, open cycle for the given demo people; returns (cycle id, review ids by key).
pub fn open_cycle(app: &TestApp, keys: &[&str]) -> (String, Vec<String>) {
    let mut conn = app.conn();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive();
    let d = |n: i64| today + chrono::Duration::days(n);
    let template = cermin::db::forms::default_template(&mut conn)
        .expect("q")
        .expect("default template");
    let id = cermin::db::new_id();
    let now = cermin::db::now();
    cermin::db::cycles::insert(
        &mut conn,
        &cermin::db::cycles::CycleRow {
            id: id.clone(),
            name: "Evaluasi Semester II 2026".into(),
            template_id: template.id,
            status: cermin::domain::review::CycleStatus::Draft,
            opens_on: today,
            self_due_on: d(7),
            manager_due_on: d(14),
            ack_due_on: d(18),
            closes_on: d(21),
            reminder_days: "7,2,0".into(),
            dates_sequence: 0,
            created_by: None,
            created_at: now,
            updated_at: now,
            launched_at: None,
            closed_at: None,
        },
    )
    .expect("insert cycle");
    let people: Vec<String> = keys.iter().map(|k| app.person_id(k)).collect();
    cermin::db::cycles::set_participants(&mut conn, &id, &people).expect("participants");
    let hr = app.person_id("sari.wulandari");
    cermin::app::cycles::launch_cycle(
        &mut conn,
        &hr_actor(&hr),
        clock_on(today),
        &cermin::domain::CycleId::from_stored(id.as_str()),
    )
    .expect("launch");
    let reviews = people
        .iter()
        .map(|p| {
            cermin::db::reviews::find_in_cycle(&mut conn, &id, p)
                .expect("q")
                .expect("review")
                .id
        })
        .collect();
    (id, reviews)
}

/// HR creates a review cycle for Rina's team in the browser (opening today;
/// due in 7, 14 and 18 days; closing in 21) and launches it. Returns the
/// cycle page's path.
pub async fn launch_for_rinas_team(app: &TestApp, hr: &Browser) -> String {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive();
    let d = |n: i64| (today + chrono::Duration::days(n)).to_string();
    let new = hr.get("/cycles/new").await;
    let template = new
        .attr("select[name=template_id] option[selected]", "value")
        .expect("default template preselected");
    let rina_id = app.person_id("rina.marlina");
    let created = hr
        .post(
            "/cycles",
            &[
                ("name", "Evaluasi Semester II 2026"),
                ("template_id", template.as_str()),
                ("opens_on", d(0).as_str()),
                ("self_due_on", d(7).as_str()),
                ("manager_due_on", d(14).as_str()),
                ("ack_due_on", d(18).as_str()),
                ("closes_on", d(21).as_str()),
                ("reminder_days", "7,2,0"),
                ("rule", "manager"),
                ("manager_id", rina_id.as_str()),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let cycle_page = created
        .location()
        .expect("redirect")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    hr.get(&cycle_page).await;
    let launched = hr.post(&format!("{cycle_page}/launch"), &[]).await;
    assert_eq!(launched.status, StatusCode::SEE_OTHER, "{}", launched.text);
    cycle_page
}

/// Every answerable field on a form page, filled in.
pub(crate) fn filled(page: &Page, rating: &str, text: &str) -> Vec<(String, String)> {
    let radios: BTreeSet<String> = page
        .select_attrs("input[type=radio][name^=r_]", "name")
        .into_iter()
        .collect();
    let mut out: Vec<(String, String)> = radios
        .into_iter()
        .map(|n| (n, rating.to_string()))
        .collect();
    for name in page.select_attrs("textarea[name^=b_]", "name") {
        out.push((name, text.to_string()));
    }
    for hidden in [
        "new_strength_id",
        "new_weakness_id",
        "new_goal_id",
        "version",
    ] {
        if let Some(v) = page.attr(&format!("input[name={hidden}]"), "value") {
            out.push((hidden.to_string(), v));
        }
    }
    out
}

pub(crate) fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

async fn full_cycle_from_launch_to_close(app: TestApp) {
    app.seed_demo();
    // HR creates the cycle for Rina's team and launches it, in the browser.
    let hr = app.signed_in("sari.wulandari").await;
    let cycle_page = launch_for_rinas_team(&app, &hr).await;
    let cycle = cycle_page.trim_start_matches("/cycles/").to_string();
    let reviews: Vec<String> = {
        let mut conn = app.conn();
        ["ayu.lestari", "budi.santoso"]
            .iter()
            .map(|k| {
                cermin::db::reviews::find_in_cycle(&mut conn, &cycle, &app.person_id(k))
                    .expect("q")
                    .expect("review launched")
                    .id
            })
            .collect()
    };
    let review = &reviews[0];

    // The employee sees the review on her home page as steps.
    let ayu = app.signed_in("ayu.lestari").await;
    let home = ayu.get("/").await;
    assert!(home.contains("Evaluasi Semester II 2026"));
    assert!(home.contains("Isi evaluasi diri"));

    // The form shows her frozen job description first, then the template.
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.contains("Menjawab telepon, obrolan dan email pelanggan"),
        "the job description is the baseline"
    );
    assert!(
        form.contains("Ketenangan"),
        "competencies from the default library"
    );

    // A draft, without JavaScript.
    let mut fields = vec![("b_".to_string(), String::new())];
    fields.clear();
    let first_text = form.select_attrs("textarea[name^=b_]", "name").remove(0);
    let version = form.attr("input[name=version]", "value").expect("version");
    let saved = ayu
        .post(
            &format!("/reviews/{review}/self"),
            &[
                (
                    first_text.as_str(),
                    "Saya menjawab rata-rata 60 panggilan sehari.",
                ),
                ("version", version.as_str()),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let again = ayu.get(saved.location().expect("redirect")).await;
    assert!(again.contains("Draf tersimpan."));
    assert!(
        again.contains("Saya menjawab rata-rata 60 panggilan sehari."),
        "the draft is there after reload"
    );

    // Submitting too early lists every missing answer at once.
    let submit_early = ayu
        .post(&format!("/reviews/{review}/self/submit"), &[])
        .await;
    assert_eq!(submit_early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(submit_early.text.contains("<title>Perlu diperbaiki:"));
    let missing = submit_early.select_texts(".error-summary__list li");
    assert!(
        missing.len() >= 15,
        "all missing required questions are listed: {missing:?}"
    );

    // Fill everything: ratings, texts, a strength, a weakness, a goal.
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    fields = filled(&form, "4", "Contoh nyata dari bulan ini.");
    fields.push((
        "new_strength_body".into(),
        "Tetap tenang saat pelanggan marah".into(),
    ));
    fields.push((
        "new_weakness_body".into(),
        "Belum hafal kebijakan pengembalian barang".into(),
    ));
    fields.push((
        "new_goal_title".into(),
        "Menguasai kebijakan pengembalian".into(),
    ));
    fields.push((
        "new_goal_support".into(),
        "Pelatihan singkat dari tim toko".into(),
    ));
    fields.push(("action".into(), "check".into()));
    let to_check = ayu
        .post(&format!("/reviews/{review}/self"), &pairs(&fields))
        .await;
    assert_eq!(to_check.status, StatusCode::SEE_OTHER);
    assert_eq!(
        to_check.location(),
        Some(format!("/reviews/{review}/self/check").as_str())
    );
    let check = ayu.get(&format!("/reviews/{review}/self/check")).await;
    assert_eq!(check.h1(), "Periksa jawaban Anda");
    assert!(check.contains("Tetap tenang saat pelanggan marah"));
    let submitted = ayu
        .post(&format!("/reviews/{review}/self/submit"), &[])
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.text
    );
    let confirmation = ayu.get(submitted.location().expect("redirect")).await;
    assert!(confirmation.contains("Evaluasi diri terkirim"));
    assert!(confirmation.contains("Rina Marlina"), "says who acts next");

    // Now read-only for her.
    let read_only = ayu.get(&format!("/reviews/{review}/self")).await;
    assert!(read_only.contains("sudah dikirim dan tidak dapat diubah"));
    let refused = ayu
        .post(
            &format!("/reviews/{review}/self"),
            &[(first_text.as_str(), "Diubah setelah dikirim")],
        )
        .await;
    // A save that arrives after the submission (another tab, a late autosave)
    // is refused with a page that keeps what was typed, never written.
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused.text.contains("Bagian ini sudah dikirim"),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains("Diubah setelah dikirim"),
        "what was typed is shown"
    );
    let still = ayu.get(&format!("/reviews/{review}/self")).await;
    assert!(
        !still.contains("Diubah setelah dikirim"),
        "nothing was written"
    );

    // The manager is told in the app and writes the review beside hers.
    let rina = app.signed_in("rina.marlina").await;
    let home = rina.get("/").await;
    assert!(
        home.contains("Ayu Lestari mengirim evaluasi dirinya"),
        "in-app notification"
    );
    let mform = rina.get(&format!("/reviews/{review}/manager")).await;
    assert_eq!(mform.status, StatusCode::OK);
    assert!(
        mform.contains("Contoh nyata dari bulan ini."),
        "the self-assessment is beside the form"
    );
    let mut mfields = filled(&mform, "3", "Penilaian atasan: konsisten dan sopan.");
    let stances: BTreeSet<String> = mform
        .select_attrs("input[type=radio][name$=_stance]", "name")
        .into_iter()
        .collect();
    assert_eq!(
        stances.len(),
        2,
        "a response to her strength and to her weakness"
    );
    for stance in stances {
        mfields.push((stance, "agree".into()));
    }
    let sections = mform.select_attrs("input[name^=new_comment_][name$=_id]", "name");
    let (private_section, shared_section) = (sections[0].clone(), sections[1].clone());
    for (section, text, visibility) in [
        (private_section, PRIVATE_NOTE, "private"),
        (shared_section, SHARED_NOTE, "shared"),
    ] {
        let sid = section
            .trim_start_matches("new_comment_")
            .trim_end_matches("_id")
            .to_string();
        let value = mform
            .attr(&format!("input[name={section}]"), "value")
            .expect("comment id");
        mfields.push((section.clone(), value));
        mfields.push((format!("new_comment_{sid}_body"), text.into()));
        mfields.push((format!("new_comment_{sid}_visibility"), visibility.into()));
    }
    mfields.push(("action".into(), "check".into()));
    let r = rina
        .post(&format!("/reviews/{review}/manager"), &pairs(&mfields))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let mcheck = rina.get(&format!("/reviews/{review}/manager/check")).await;
    assert_eq!(mcheck.status, StatusCode::OK, "{}", mcheck.text);
    // Checking shows each comment with who will read it.
    let comments = mcheck.select_texts("[data-check-comment]");
    assert_eq!(comments.len(), 2, "{comments:?}");
    assert!(comments
        .iter()
        .any(|c| c.contains(PRIVATE_NOTE) && c.contains("Pribadi (atasan dan SDM)")));
    assert!(comments
        .iter()
        .any(|c| c.contains(SHARED_NOTE) && c.contains("Dibagikan ke karyawan")));
    let shared = rina.post(&format!("/reviews/{review}/share"), &[]).await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.text);
    // Locked for the manager now: a late save gets the page that keeps what was typed.
    assert_eq!(
        rina.post(&format!("/reviews/{review}/manager"), &[("action", "save")])
            .await
            .status,
        StatusCode::CONFLICT
    );

    // The employee reads it next to her own answers, the difference in
    // words for a conversation (tests/it/reading.rs has the details).
    let view = ayu.get(&format!("/reviews/{review}")).await;
    assert!(view.contains("Evaluasi diri dan evaluasi dari atasan"));
    assert!(
        view.contains("Anda melihat hal ini 1 poin lebih tinggi daripada atasan Anda"),
        "self 4 vs manager 3 is marked"
    );
    assert!(view.contains(SHARED_NOTE));
    assert!(
        view.contains("bukan berarti Anda setuju"),
        "acknowledging is explained"
    );
    for path in [
        "/".to_string(),
        format!("/reviews/{review}"),
        format!("/reviews/{review}/self"),
        "/journal".into(),
        "/history".into(),
    ] {
        let p = ayu.get(&path).await;
        assert!(
            !p.contains(PRIVATE_NOTE) && !p.contains("Catatan rahasia"),
            "the private comment leaked on {path}"
        );
    }
    assert_eq!(
        ayu.get(&format!("/reviews/{review}/manager")).await.status,
        StatusCode::FORBIDDEN
    );
    let ack = ayu
        .post(
            &format!("/reviews/{review}/acknowledge"),
            &[("response", "Saya akan ikut pelatihan bulan depan.")],
        )
        .await;
    assert_eq!(ack.status, StatusCode::SEE_OTHER);
    assert!(rina
        .get("/")
        .await
        .contains("Ayu Lestari mengonfirmasi sudah membaca evaluasinya"));
    let hr_view = hr.get(&format!("/reviews/{review}")).await;
    assert!(hr_view.contains(PRIVATE_NOTE), "HR reads private comments");
    assert!(hr_view.contains("Saya akan ikut pelatihan bulan depan."));

    // HR closes the cycle; Budi never started, so his review is unfinished, not lost.
    hr.get(&format!("{cycle_page}/close")).await;
    let closed = hr.post(&format!("{cycle_page}/close"), &[]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.text);
    {
        let mut conn = app.conn();
        let budi = cermin::db::reviews::find(&mut conn, &reviews[1])
            .expect("q")
            .expect("r")
            .0;
        assert_eq!(budi.state, cermin::domain::review::ReviewState::Unfinished);
        let ayu_review = cermin::db::reviews::find(&mut conn, review)
            .expect("q")
            .expect("r")
            .0;
        assert_eq!(
            ayu_review.state,
            cermin::domain::review::ReviewState::Acknowledged
        );
    }
    let actions = app.audit_actions();
    for a in [
        "cycle.launched",
        "review.draft_saved",
        "review.self_submitted",
        "review.shared",
        "review.acknowledged",
        "cycle.closed",
    ] {
        assert!(actions.contains(&a.to_string()), "audit log lacks {a}");
    }

    // With no SMTP server set, every email went to a file; none of them
    // carries what the manager wrote privately (or anything written in the
    // review at all).
    let mail_dir = app.data_dir().join("mail");
    app.settle_mail().await;
    let files: Vec<_> = std::fs::read_dir(&mail_dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    assert!(
        !files.is_empty(),
        "mail was written to {}",
        mail_dir.display()
    );
    // Decoded, as a mail client shows them: subject, text and HTML.
    let mails: Vec<String> = files
        .iter()
        .map(|f| {
            let raw = std::fs::read(f).expect("an .eml file");
            let m = mail_parser::MessageParser::default()
                .parse(&raw)
                .expect("a MIME message");
            format!(
                "To: {:?}\nSubject: {}\n{}\n{}",
                m.to().and_then(|a| a.first()).and_then(|a| a.address()),
                m.subject().unwrap_or_default(),
                m.body_text(0).unwrap_or_default(),
                m.body_html(0).unwrap_or_default()
            )
        })
        .collect();
    let got = |to: &str, subject: &str| {
        mails
            .iter()
            .any(|m| m.contains(&email_of(to)) && m.contains(subject))
    };
    for (to, subject) in [
        ("rina.marlina", "Ayu Lestari mengirim evaluasi dirinya"),
        (
            "ayu.lestari",
            "Rina Marlina membagikan evaluasi dari atasan untuk Anda",
        ),
        (
            "rina.marlina",
            "Ayu Lestari sudah membaca evaluasinya dan menulis tanggapan",
        ),
        ("ayu.lestari", "ditutup"),
        ("budi.santoso", "ditutup"),
    ] {
        assert!(got(to, subject), "{to} did not get “{subject}”: {mails:#?}");
    }
    for m in &mails {
        assert!(
            !m.contains("Catatan rahasia") && !m.contains(SHARED_NOTE),
            "{m}"
        );
    }
}

async fn autosave_and_two_tabs_conflict(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["citra.dewi"]);
    let review = &reviews[0];
    let citra = app.signed_in("citra.dewi").await;
    let tab_a = citra.get(&format!("/reviews/{review}/self")).await;
    let field = tab_a.select_attrs("textarea[name^=b_]", "name").remove(0);
    let v0 = tab_a.attr("input[name=version]", "value").expect("version");
    let token = citra.last_csrf();
    let autosave = |text: &'static str, version: String| {
        let (client, base, field, token) = (
            citra.client.clone(),
            app.base.clone(),
            field.clone(),
            token.clone(),
        );
        let review = review.clone();
        async move {
            client
                .post(format!("{base}/reviews/{review}/self"))
                .header("Accept", "application/json")
                .header("X-CSRF-Token", token)
                .header("Origin", base.clone())
                .form(&[(field.as_str(), text), ("version", version.as_str())])
                .send()
                .await
                .expect("autosave")
        }
    };
    // Tab A autosaves twice.
    let r1 = autosave("Versi dari tab A", v0.clone()).await;
    assert_eq!(r1.status(), StatusCode::OK);
    let j1: serde_json::Value = r1.json().await.expect("json");
    assert_eq!(j1["status"], "saved");
    let v1 = j1["version"].as_i64().expect("version").to_string();
    assert!(
        j1["saved_at"].as_str().is_some_and(|s| s.len() == 5),
        "saved at hh:mm"
    );
    // Tab B, opened before, saves different text on the old version: told, not overwritten.
    let conflict = autosave("Versi dari tab B", v0.clone()).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    let page = citra
        .post(
            &format!("/reviews/{review}/self"),
            &[
                (field.as_str(), "Versi dari tab B"),
                ("version", v0.as_str()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(
        page.select_texts("[data-theirs]"),
        vec!["Versi dari tab A".to_string()],
        "both versions are shown"
    );
    assert!(page
        .select_texts("textarea")
        .iter()
        .any(|t| t == "Versi dari tab B"));
    {
        let mut conn = app.conn();
        let answers = cermin::db::reviews::answers(&mut conn, review, None).expect("q");
        assert!(
            answers.iter().any(|a| a.body == "Versi dari tab A"),
            "nothing was overwritten"
        );
    }
    // Choosing "save my version" (the conflict page carries the new version).
    let v_now = page.attr("input[name=version]", "value").expect("version");
    assert_eq!(v_now, v1);
    let keep = citra
        .post(
            &format!("/reviews/{review}/self"),
            &[
                (field.as_str(), "Versi dari tab B"),
                ("version", v_now.as_str()),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(keep.status, StatusCode::SEE_OTHER);
    let mut conn = app.conn();
    let answers = cermin::db::reviews::answers(&mut conn, review, None).expect("q");
    assert!(answers.iter().any(|a| a.body == "Versi dari tab B"));
}

async fn expired_session_keeps_what_was_typed(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["eko.saputra"]);
    let review = &reviews[0];
    let eko = app.signed_in("eko.saputra").await;
    let form = eko.get(&format!("/reviews/{review}/self")).await;
    let field = form.select_attrs("textarea[name^=b_]", "name").remove(0);
    let version = form.attr("input[name=version]", "value").expect("version");
    // Lunch break: the session ends while the text is in the form.
    let past = (chrono::Utc::now() - chrono::Duration::minutes(45)).naive_utc();
    app.exec(&format!(
        "UPDATE sessions SET last_seen_at = '{}'",
        past.format("%Y-%m-%d %H:%M:%S")
    ));
    let text = "Teks panjang yang saya ketik sebelum istirahat makan siang.";
    let res = eko
        .post(
            &format!("/reviews/{review}/self"),
            &[(field.as_str(), text), ("version", version.as_str())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let to = res.location().expect("redirect").to_string();
    assert!(
        to.starts_with("/sign-in?next=%2Freviews%2F") && to.contains("ended=1"),
        "{to}"
    );
    let sign_in = eko.get(&to).await;
    assert!(sign_in.contains("Sesi Anda berakhir"));
    // Sign in again in the same browser and come back to the form.
    let back = eko
        .post(
            "/sign-in",
            &[
                ("email", &email_of("eko.saputra")),
                ("password", DEMO_PASSWORD),
                ("next", &format!("/reviews/{review}/self")),
            ],
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let restored = eko.get(back.location().expect("redirect")).await;
    assert!(
        restored.contains("ketikan Anda sudah disimpan"),
        "{}",
        restored.h1()
    );
    assert!(restored.contains(text));
    let mut conn = app.conn();
    let answers = cermin::db::reviews::answers(&mut conn, review, None).expect("q");
    assert!(
        answers.iter().any(|a| a.body == text),
        "stored, not only shown"
    );
}

async fn review_pages_authorization_matrix(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let r = &reviews[0];
    // Ayu's manager is Rina; Rina's manager is Hendra; Dimas manages another team.
    // Drafts stay with their author until submitted, even from HR.
    let who = [
        "anonymous",
        "ayu.lestari",
        "budi.santoso",
        "rina.marlina",
        "dimas.prasetyo",
        "hendra.gunawan",
        "sari.wulandari",
    ];
    const OK: u16 = 200;
    const NO: u16 = 403;
    const IN: u16 = 303;
    // While Ayu writes her self-assessment.
    let pages = [
        format!("/reviews/{r}"),
        format!("/reviews/{r}/self"),
        format!("/reviews/{r}/manager"),
        format!("/reviews/{r}/self/check"),
    ];
    let expected: [[u16; 4]; 7] = [
        [IN, IN, IN, IN],
        [OK, OK, NO, OK],
        [NO, NO, NO, NO],
        [OK, NO, OK, NO],
        [NO, NO, NO, NO],
        [NO, NO, NO, NO],
        [OK, NO, OK, NO],
    ];
    let mut failures = vec![];
    let mut browsers = vec![];
    for w in who {
        browsers.push(if w == "anonymous" {
            app.browser()
        } else {
            app.signed_in(w).await
        });
    }
    for (i, w) in who.iter().enumerate() {
        for (j, p) in pages.iter().enumerate() {
            let got = browsers[i].get(p).await.status.as_u16();
            if got != expected[i][j] {
                failures.push(format!(
                    "{w} GET {p}: expected {}, got {got}",
                    expected[i][j]
                ));
            }
        }
    }
    // Writing: only Ayu may save her self-assessment now; nobody may share or acknowledge.
    for (i, w) in who.iter().enumerate() {
        browsers[i].get("/sign-in").await;
        browsers[i].get("/").await;
        let save = browsers[i]
            .post(&format!("/reviews/{r}/self"), &[("action", "save")])
            .await
            .status
            .as_u16();
        let want = match *w {
            "anonymous" => NO,
            "ayu.lestari" => IN,
            _ => NO,
        };
        if save != want && !(*w == "anonymous" && save == IN) {
            failures.push(format!("{w} POST self: expected {want}, got {save}"));
        }
        for action in ["share", "acknowledge", "self/submit"] {
            let got = browsers[i]
                .post(&format!("/reviews/{r}/{action}"), &[])
                .await
                .status
                .as_u16();
            let ok = match (*w, action) {
                ("ayu.lestari", "self/submit") => got == 422,
                ("anonymous", _) => got == 303 || got == 403,
                _ => got == 403 || got == 409,
            };
            if !ok {
                failures.push(format!("{w} POST {action}: got {got}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

async fn manager_shares_own_self_evaluation_with_team(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["rina.marlina", "ayu.lestari"]);
    let rina = app.signed_in("rina.marlina").await;
    let own = rina.get(&format!("/reviews/{}", reviews[0])).await;
    assert!(own.contains("Bagikan evaluasi diri Anda kepada tim"));
    let text =
        "Saya menilai diri 3 untuk ketenangan. Sasaran saya: lebih sering mendampingi agen baru.";
    let res = rina
        .post(
            &format!("/reviews/{}/team-summary", reviews[0]),
            &[("summary", text), ("publish", "1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let ayu_home = app.signed_in("ayu.lestari").await.get("/").await;
    assert_eq!(
        ayu_home.select_texts("[data-manager-summary]"),
        vec![text.to_string()]
    );
    let lukman_home = app.signed_in("lukman.hakim").await.get("/").await;
    assert!(!lukman_home.contains(text), "only her own team sees it");
    // An employee without reports cannot publish.
    let ayu = app.signed_in("ayu.lestari").await;
    ayu.get("/").await;
    assert_eq!(
        ayu.post(
            &format!("/reviews/{}/team-summary", reviews[1]),
            &[("summary", "x"), ("publish", "1")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

async fn journal_entry_pulled_in_as_evidence(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["fitri.handayani"]);
    let review = &reviews[0];
    let fitri_id = app.person_id("fitri.handayani");
    let entry = cermin::db::new_id();
    {
        let mut conn = app.conn();
        let now = cermin::db::now();
        cermin::db::journal::insert(
            &mut conn,
            &cermin::db::journal::JournalRow {
                id: entry.clone(),
                author_id: fitri_id.clone(),
                subject_id: fitri_id.clone(),
                entry_on: now.date(),
                kind: "customer_feedback".into(),
                body: "Pelanggan memuji penjelasan saya tentang tagihan.".into(),
                visibility: "private".into(),
                created_at: now,
                updated_at: now,
            },
        )
        .expect("journal entry");
    }
    let fitri = app.signed_in("fitri.handayani").await;
    let form = fitri.get(&format!("/reviews/{review}/self")).await;
    assert!(form.contains("Pelanggan memuji penjelasan saya tentang tagihan."));
    let target = form
        .attr(&format!("select[name=evidence_q_{entry}] option"), "value")
        .expect("a question to attach to");
    // Offered: exactly her own questions with an answer box (text and
    // ratings), never a list (strengths, goals), each named by its prompt.
    let offered = form.select_attrs(&format!("select[name=evidence_q_{entry}] option"), "value");
    let boxes: Vec<String> = form
        .select_attrs("textarea[name^=b_]", "name")
        .iter()
        .map(|n| n.trim_start_matches("b_").to_string())
        .collect();
    assert!(!offered.is_empty());
    assert_eq!(
        offered, boxes,
        "the evidence list follows the form's own questions"
    );
    for label in form.select_texts(&format!("select[name=evidence_q_{entry}] option")) {
        assert!(
            !label.trim().is_empty() && label.chars().count() <= 61,
            "a prompt, cut to 60 characters: {label:?}"
        );
    }
    let version = form.attr("input[name=version]", "value").expect("version");
    let typed = "Jawaban yang sedang saya ketik.";
    let res = fitri
        .post(
            &format!("/reviews/{review}/self"),
            &[
                (format!("b_{target}").as_str(), typed),
                ("version", version.as_str()),
                (format!("evidence_q_{entry}").as_str(), target.as_str()),
                ("action", format!("evidence:{entry}").as_str()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let mut conn = app.conn();
    let answers = cermin::db::reviews::answers(&mut conn, review, None).expect("q");
    let a = answers
        .iter()
        .find(|a| a.question_id == target)
        .expect("answer");
    assert!(
        a.body.starts_with(typed),
        "what was typed is kept: {}",
        a.body
    );
    assert!(a
        .body
        .contains("Pelanggan memuji penjelasan saya tentang tagihan."));
    // Someone else's entry cannot be pulled in.
    drop(conn);
    let budi = app.signed_in("budi.santoso").await;
    budi.get("/").await;
    let other = budi
        .post(
            &format!("/reviews/{review}/self"),
            &[("action", format!("evidence:{entry}").as_str())],
        )
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

async fn agreed_goals_carry_over_to_the_next_cycle(app: TestApp) {
    app.seed_demo();
    let (first, reviews) = open_cycle(&app, &["kartika.sari"]);
    let person = app.person_id("kartika.sari");
    let hr = app.person_id("sari.wulandari");
    {
        let mut conn = app.conn();
        let now = cermin::db::now();
        cermin::db::reviews::insert_goal(
            &mut conn,
            &cermin::db::reviews::GoalRow {
                id: cermin::db::new_id(),
                person_id: person.clone(),
                review_id: Some(reviews[0].clone()),
                carried_from_id: None,
                kind: "development".into(),
                title: "Lulus pelatihan penanganan keluhan".into(),
                description: String::new(),
                support_needed: "Kursus dua hari".into(),
                status: cermin::domain::review::GoalStatus::Agreed,
                due_on: None,
                author_id: Some(person.clone()),
                created_at: now,
                updated_at: now,
            },
        )
        .expect("goal");
        cermin::app::cycles::close(
            &mut conn,
            &hr_actor(&hr),
            clock_on(chrono::Utc::now().date_naive()),
            &cermin::domain::CycleId::from_stored(first.as_str()),
        )
        .expect("close");
    }
    let (_, next) = open_cycle(&app, &["kartika.sari"]);
    let kartika = app.signed_in("kartika.sari").await;
    let form = kartika.get(&format!("/reviews/{}/self", next[0])).await;
    assert!(form.contains("Sasaran dari periode sebelumnya"));
    assert!(
        form.contains("Lulus pelatihan penanganan keluhan"),
        "last period's agreed goal is in the new form"
    );
    let select = form.select_attrs("select[name^=cg_]", "name").remove(0);
    let path = format!("/reviews/{}/self", next[0]);
    let version = form.attr("input[name=version]", "value").expect("version");
    let res = kartika
        .post(
            &path,
            &[
                (select.as_str(), "in_progress"),
                ("version", version.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    // Check your answers shows the progress she gave it.
    let check = kartika.get(&format!("{path}/check")).await;
    let carried = check.select_texts("[data-check-carried-goal]");
    assert_eq!(carried.len(), 1, "{}", check.text);
    assert!(
        carried[0].contains("Lulus pelatihan penanganan keluhan")
            && carried[0].contains("Sedang berjalan"),
        "{carried:?}"
    );
    let form = kartika.get(&path).await;
    let version = form.attr("input[name=version]", "value").expect("version");
    let res = kartika
        .post(
            &path,
            &[(select.as_str(), "done"), ("version", version.as_str())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let mut conn = app.conn();
    let goals = cermin::db::reviews::goals_of_review(&mut conn, &reviews[0]).expect("q");
    assert_eq!(
        goals[0].status,
        cermin::domain::review::GoalStatus::Done,
        "progress is recorded on the goal itself"
    );
}

async fn autosave_after_a_long_break_is_kept(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["gilang.ramadhan"]);
    let review = &reviews[0];
    let gilang = app.signed_in("gilang.ramadhan").await;
    let form = gilang.get(&format!("/reviews/{review}/self")).await;
    let field = form.select_attrs("textarea[name^=b_]", "name").remove(0);
    let version = form.attr("input[name=version]", "value").expect("version");
    let token = gilang.last_csrf();
    // Two hours away, and housekeeping has run meanwhile.
    let past = (chrono::Utc::now() - chrono::Duration::hours(2)).naive_utc();
    app.exec(&format!(
        "UPDATE sessions SET last_seen_at = '{}'",
        past.format("%Y-%m-%d %H:%M:%S")
    ));
    {
        let mut conn = app.conn();
        let lifetimes = cermin::auth::session::Lifetimes::new(30, 12);
        cermin::maintenance::tick(
            &mut conn,
            chrono::Utc::now(),
            chrono_tz::Asia::Jakarta,
            8,
            lifetimes,
            chrono::Duration::minutes(15),
        )
        .expect("tick");
    }
    let text = "I typed this on my phone before the break.";
    let res = gilang
        .client
        .post(format!("{}/reviews/{review}/self", app.base))
        .header("Accept", "application/json")
        .header("X-CSRF-Token", token)
        .header("Origin", app.base.clone())
        .form(&[(field.as_str(), text), ("version", version.as_str())])
        .send()
        .await
        .expect("autosave");
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(status, StatusCode::SEE_OTHER, "sent to sign in: {body}");
    gilang.get("/sign-in").await;
    let signed_in = gilang
        .post(
            "/sign-in",
            &[
                ("email", &email_of("gilang.ramadhan")),
                ("password", DEMO_PASSWORD),
                ("next", &format!("/reviews/{review}/self")),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let back = gilang.get(&format!("/reviews/{review}/self")).await;
    assert!(
        back.contains("what you typed has been saved"),
        "Gilang reads English: {}",
        back.h1()
    );
    assert!(back.contains(text));
}

async fn emptied_new_row_is_removed_and_reopen_forgets_later_steps(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["joko.widodo"]);
    let review = &reviews[0];
    let joko = app.signed_in("joko.widodo").await;
    let form = joko.get(&format!("/reviews/{review}/self")).await;
    let new_id = form
        .attr("input[name=new_strength_id]", "value")
        .expect("new row id");
    let version = form.attr("input[name=version]", "value").expect("version");
    let token = joko.last_csrf();
    let autosave = |body: &'static str, version: String| {
        let (client, base, token, review, new_id) = (
            joko.client.clone(),
            app.base.clone(),
            token.clone(),
            review.clone(),
            new_id.clone(),
        );
        async move {
            let res = client
                .post(format!("{base}/reviews/{review}/self"))
                .header("Accept", "application/json")
                .header("X-CSRF-Token", token)
                .header("Origin", base.clone())
                .form(&[
                    ("new_strength_id", new_id.as_str()),
                    ("new_strength_body", body),
                    ("version", version.as_str()),
                ])
                .send()
                .await
                .expect("autosave");
            let v: serde_json::Value = res.json().await.expect("json");
            v["version"].as_i64().expect("version").to_string()
        }
    };
    let v1 = autosave("Sabar menghadapi pelanggan", version).await;
    let v2 = autosave("Sabar menghadapi pelanggan sulit", v1).await;
    let traits = |app: &TestApp| cermin::db::reviews::traits(&mut app.conn(), review).expect("q");
    assert_eq!(
        traits(&app).len(),
        1,
        "saving the same new row twice keeps one record"
    );
    assert_eq!(traits(&app)[0].body, "Sabar menghadapi pelanggan sulit");
    autosave("", v2).await;
    assert!(
        traits(&app).is_empty(),
        "emptying the box removes what autosave had kept"
    );

    // Reopened to the employee after sharing: no longer shown as shared or read.
    let hr = app.person_id("sari.wulandari");
    let mut conn = app.conn();
    cermin::db::reviews::set_state(
        &mut conn,
        review,
        cermin::domain::review::ReviewState::ManagerReview,
    )
    .expect("state");
    cermin::db::reviews::set_state(
        &mut conn,
        review,
        cermin::domain::review::ReviewState::Shared,
    )
    .expect("state");
    cermin::app::reviews::reopen(
        &mut conn,
        &hr_actor(&hr),
        &cermin::domain::ReviewId::from_stored(review.as_str()),
        false,
        "Lampiran bukti kurang",
    )
    .expect("reopen");
    let (r, _) = cermin::db::reviews::find(&mut conn, review)
        .expect("q")
        .expect("r");
    assert_eq!(r.state, cermin::domain::review::ReviewState::SelfAssessment);
    assert!(r.shared_at.is_none() && r.self_submitted_at.is_none() && r.acknowledged_at.is_none());
    assert_eq!(r.reopened_reason, "Lampiran bukti kurang");
}

/// Check your answers shows everything written in a goal: title, kind,
/// details, support and due date, in the reader's language.
async fn check_your_answers_shows_every_part_of_a_goal(app: TestApp) {
    app.seed_demo();
    app.exec(&format!(
        "UPDATE people SET lang = 'en' WHERE email = '{}'",
        email_of("citra.dewi")
    ));
    let (_, reviews) = open_cycle(&app, &["citra.dewi"]);
    let citra = app.signed_in("citra.dewi").await;
    let path = format!("/reviews/{}/self", reviews[0]);
    let form = citra.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    let mut fields = filled(&form, "4", "Menjawab pelanggan dengan sabar.");
    for (name, value) in [
        ("new_goal_title", "Finish the complaint-handling course"),
        ("new_goal_kind", "improvement"),
        (
            "new_goal_description",
            "Two modules a month; my escalations drop below five a week",
        ),
        ("new_goal_support", "Two hours a week off the phone queue"),
        ("new_goal_due", "2027-03-31"),
        ("action", "check"),
    ] {
        fields.push((name.to_string(), value.to_string()));
    }
    let saved = citra.post(&path, &pairs(&fields)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let check = citra.get(&format!("{path}/check")).await;
    assert_eq!(check.status, StatusCode::OK);
    // The answer to the goals question, as one row of the summary.
    let goal: Vec<String> = check
        .select_texts(".summary-list__row")
        .into_iter()
        .filter(|row| row.contains("Finish the complaint-handling course"))
        .collect();
    assert_eq!(goal.len(), 1, "{}", check.text);
    for part in [
        "Finish the complaint-handling course",
        "Kind: Improvement",
        "Two modules a month; my escalations drop below five a week",
        "Support or training needed: Two hours a week off the phone queue",
        "Due date: 31 March 2027",
    ] {
        assert!(
            goal[0].contains(part),
            "{part:?} missing from {:?}",
            goal[0]
        );
    }
}

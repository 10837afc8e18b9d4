//! Calibration over HTTP: HR adds the step, the manager's Share hands the
//! review in (read-only to them from then on), HR or a manager above the
//! writer adjusts a final rating with a reason (recorded, audited, told to
//! the manager), and locking shares every review handed in, showing the
//! employee the final rating only when the cycle says so.

use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::{filled, open_cycle, pairs};

on_both_databases!(
    with [("CERMIN_MAIL_WORKER", "false")];
    a_review_is_calibrated_before_it_is_shared,
    managers_calibrate_below_them_when_hr_allows,
    two_adjustments_from_one_page_store_one,
    an_hr_person_reviewed_never_calibrates_their_own_review,
    a_cycle_with_calibration_keeps_its_dates_and_closes_after_the_lock,
    the_list_sorts_by_its_means_and_a_question,
);

/// Three reviews handed in with different ratings: the list orders them
/// by the mean of the final ratings, of the person's own ratings, and by
/// one question, both ways; the name order is the default.
async fn the_list_sorts_by_its_means_and_a_question(app: TestApp) {
    app.seed_demo();
    let keys = ["ayu.lestari", "budi.santoso", "citra.dewi"];
    let (cycle, _) = open_cycle(&app, &keys);
    let hr = app.signed_in("sari.wulandari").await;
    turn_on(&hr, &cycle, false, false).await;
    let questions = crate::ratings::competency_questions(&app);
    // (own, manager): Ayu (5, 1), Budi (2, 4), Citra (3, 3).
    for (key, own, manager) in [
        ("ayu.lestari", 5, 1),
        ("budi.santoso", 2, 4),
        ("citra.dewi", 3, 3),
    ] {
        for (q, _) in &questions {
            crate::ratings::rate(&app, &cycle, key, "self", q, own);
            crate::ratings::rate(&app, &cycle, key, "manager", q, manager);
        }
        app.exec(&format!(
            "UPDATE reviews SET state = 'manager_review', self_submitted_at = '{} 09:00:00', \
             handed_in_at = '{} 10:00:00' WHERE cycle_id = '{cycle}' AND person_id = '{}'",
            day(-2),
            day(-1),
            app.person_id(key)
        ));
    }
    let order = |page: &Page| -> Vec<String> { page.select_texts("tr[data-review] th") };
    let list = |sort: &str, dir: &str| {
        let hr = &hr;
        let cycle = cycle.clone();
        let (sort, dir) = (sort.to_string(), dir.to_string());
        async move {
            let page = hr
                .get(&format!(
                    "/cycles/{cycle}/calibration?sort={sort}&dir={dir}"
                ))
                .await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.text);
            // A row's header is the name, then the department.
            order(&page)
                .into_iter()
                .map(|t| {
                    ["Ayu Lestari", "Budi Santoso", "Citra Dewi"]
                        .into_iter()
                        .find(|n| t.starts_with(n))
                        .unwrap_or("?")
                        .to_string()
                })
                .collect::<Vec<_>>()
        }
    };
    let by_name = vec!["Ayu Lestari", "Budi Santoso", "Citra Dewi"];
    assert_eq!(list("name", "asc").await, by_name);
    assert_eq!(
        list("own", "asc").await,
        vec!["Budi Santoso", "Citra Dewi", "Ayu Lestari"]
    );
    assert_eq!(
        list("own", "desc").await,
        vec!["Ayu Lestari", "Citra Dewi", "Budi Santoso"]
    );
    assert_eq!(
        list("mean", "asc").await,
        vec!["Ayu Lestari", "Citra Dewi", "Budi Santoso"]
    );
    // One competency's column: its link, found by the competency's name.
    let first = cermin::db::forms::competencies(&mut app.conn(), true)
        .expect("competencies")
        .into_iter()
        .find(|c| c.id == questions[0].1)
        .expect("competency");
    let plain = hr.get(&format!("/cycles/{cycle}/calibration")).await;
    let doc = scraper::Html::parse_document(&plain.text);
    let sel = scraper::Selector::parse("th[aria-sort] a").expect("selector");
    let code = doc
        .select(&sel)
        .find(|a| {
            let text = a.text().collect::<String>();
            text.trim() == first.name_id || text.trim() == first.name_en
        })
        .and_then(|a| a.value().attr("href"))
        .and_then(|h| h.split("sort=").nth(1))
        .map(|rest| rest.split('&').next().unwrap_or_default().to_string())
        .expect("a column for the competency");
    assert!(code.starts_with('q'), "{code}");
    assert_eq!(
        list(&code, "desc").await,
        vec!["Budi Santoso", "Citra Dewi", "Ayu Lestari"]
    );
    // The header says which column orders the list, and which way.
    let page = hr
        .get(&format!("/cycles/{cycle}/calibration?sort=own&dir=desc"))
        .await;
    assert!(page
        .select_attrs("th[aria-sort=descending] a", "href")
        .iter()
        .any(|h| h.contains("sort=own")));
}

const REASON: &str = "Konsisten di atas target tiket bulanan; sebanding dengan tim lain";

fn day(n: i64) -> String {
    (chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive()
        + chrono::Duration::days(n))
    .to_string()
}

fn review_row(app: &TestApp, id: &str) -> cermin::db::reviews::ReviewRow {
    cermin::db::reviews::find(&mut app.conn(), id)
        .expect("q")
        .expect("review")
        .0
}

fn adjustments(app: &TestApp, review: &str) -> Vec<(i32, String)> {
    use cermin::db::schema::rating_adjustments as ra;
    ra::table
        .filter(ra::review_id.eq(review))
        .order(ra::adjusted_at.asc())
        .select((ra::rating_after, ra::reason))
        .load(&mut *app.conn())
        .expect("adjustments")
}

/// HR turns calibration on for the cycle.
async fn turn_on(hr: &Browser, cycle: &str, final_visible: bool, by_managers: bool) {
    hr.get(&format!("/cycles/{cycle}/calibration/settings"))
        .await;
    let due = day(16);
    let mut fields = vec![("enabled", "1"), ("calibration_due_on", due.as_str())];
    if final_visible {
        fields.push(("final_visible", "1"));
    }
    if by_managers {
        fields.push(("by_managers", "1"));
    }
    let saved = hr
        .post(&format!("/cycles/{cycle}/calibration/settings"), &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
}

/// The employee writes and submits her self-assessment (4 everywhere), then
/// the manager writes the manager review (3 everywhere) and presses Share.
/// Returns the page Share led to.
async fn both_sides_then_share(review: &str, employee: &Browser, manager: &Browser) -> Page {
    both_sides(review, employee, manager).await;
    let shared = manager.post(&format!("/reviews/{review}/share"), &[]).await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.text);
    manager.get(shared.location().expect("redirect")).await
}

/// Both sides written, up to the manager's check page (Share not pressed).
async fn both_sides(review: &str, employee: &Browser, manager: &Browser) {
    let form = employee.get(&format!("/reviews/{review}/self")).await;
    let mut fields = filled(&form, "4", "Contoh nyata dari bulan ini.");
    for (k, v) in [
        ("new_strength_body", "Tetap tenang saat pelanggan marah"),
        ("new_weakness_body", "Belum hafal kebijakan retur"),
        ("new_goal_title", "Menguasai kebijakan retur"),
        ("action", "check"),
    ] {
        fields.push((k.into(), v.into()));
    }
    let r = employee
        .post(&format!("/reviews/{review}/self"), &pairs(&fields))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    employee.get(&format!("/reviews/{review}/self/check")).await;
    let r = employee
        .post(&format!("/reviews/{review}/self/submit"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);

    let mform = manager.get(&format!("/reviews/{review}/manager")).await;
    let mut mfields = filled(&mform, "3", "Penilaian atasan: konsisten dan sopan.");
    for stance in mform.select_attrs("input[type=radio][name$=_stance]", "name") {
        mfields.push((stance, "agree".into()));
    }
    mfields.push(("action".into(), "check".into()));
    let r = manager
        .post(&format!("/reviews/{review}/manager"), &pairs(&mfields))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let check = manager
        .get(&format!("/reviews/{review}/manager/check"))
        .await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.text);
}

/// The first rating question on the adjustment page, and the page's version.
fn first_question(page: &Page) -> (String, String) {
    (
        page.select_attrs("select[name=question_id] option", "value")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("a rating to adjust: {} {}", page.status, page.text)),
        page.attr("input[name=version]", "value").expect("version"),
    )
}

async fn a_review_is_calibrated_before_it_is_shared(app: TestApp) {
    app.seed_demo();
    let (cycle, reviews) = open_cycle(&app, &["ayu.lestari", "budi.santoso"]);
    let review = reviews[0].clone();
    let hr = app.signed_in("sari.wulandari").await;

    // No step yet: nothing to calibrate.
    assert_eq!(
        hr.get(&format!("/cycles/{cycle}/calibration")).await.status,
        StatusCode::NOT_FOUND
    );
    // A date outside the manager review .. acknowledgement window is refused
    // with a message, and nothing is stored.
    hr.get(&format!("/cycles/{cycle}/calibration/settings"))
        .await;
    let early = day(3);
    let refused = hr
        .post(
            &format!("/cycles/{cycle}/calibration/settings"),
            &[("enabled", "1"), ("calibration_due_on", early.as_str())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("Tanggal kalibrasi harus di antara"),
        "{}",
        refused.text
    );
    assert!(cermin::db::calibration::find(&mut app.conn(), &cycle)
        .expect("q")
        .is_none());
    turn_on(&hr, &cycle, true, false).await;
    let show = hr.get(&format!("/cycles/{cycle}")).await;
    assert!(show.contains("Kalibrasi selesai paling lambat"));

    // The manager's Share hands the review in; it stays unread by Ayu.
    let ayu = app.signed_in("ayu.lestari").await;
    let rina = app.signed_in("rina.marlina").await;
    let done = both_sides_then_share(&review, &ayu, &rina).await;
    assert!(done.contains("Diserahkan untuk kalibrasi"), "{}", done.text);
    let row = review_row(&app, &review);
    assert_eq!(
        row.state,
        cermin::domain::review::ReviewState::ManagerReview
    );
    assert!(row.handed_in_at.is_some());
    // Read-only for Rina now: a late save is refused and nothing is written.
    let late = rina
        .post(
            &format!("/reviews/{review}/manager"),
            &[("action", "save"), ("version", "1")],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text);
    assert_eq!(
        review_row(&app, &review).manager_version,
        row.manager_version
    );
    assert!(!ayu
        .get(&format!("/reviews/{review}"))
        .await
        .contains("Penilaian atasan: konsisten dan sopan."));
    // Rina may not calibrate (only HR, in this cycle).
    assert_eq!(
        rina.get(&format!("/cycles/{cycle}/calibration"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // HR's list: Ayu's review, Budi's still with his manager.
    let list = hr.get(&format!("/cycles/{cycle}/calibration")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.select_attrs("tr[data-review]", "data-review"),
        vec![review.clone()]
    );
    assert!(list
        .select_texts("[data-still-with-managers]")
        .concat()
        .contains("1 evaluasi masih di tangan atasannya"));
    // Narrowed to a manager's organisation (every level below them).
    for (key, listed) in [
        ("rina.marlina", true),
        ("hendra.gunawan", true),
        ("dimas.prasetyo", false),
    ] {
        let org = hr
            .get(&format!(
                "/cycles/{cycle}/calibration?org={}",
                app.person_id(key)
            ))
            .await;
        assert_eq!(org.status, StatusCode::OK);
        assert_eq!(
            !org.select_attrs("tr[data-review]", "data-review")
                .is_empty(),
            listed,
            "{key}"
        );
    }
    assert_eq!(
        hr.get(&format!("/cycles/{cycle}/calibration?org=no-one"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let finals = list.select_attrs("tr[data-review] td[data-final]", "data-final");
    assert!(
        !finals.is_empty() && finals.iter().all(|f| f == "3"),
        "{finals:?}"
    );

    // An adjustment needs a reason: refused with a message, nothing stored.
    let page = hr
        .get(&format!("/cycles/{cycle}/calibration/{review}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let (question, version) = first_question(&page);
    let path = format!("/cycles/{cycle}/calibration/{review}");
    let no_reason = hr
        .post(
            &path,
            &[
                ("question_id", question.as_str()),
                ("rating", "4"),
                ("reason", "  "),
                ("version", version.as_str()),
            ],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.text.contains("Tuliskan alasan perubahannya"));
    assert!(adjustments(&app, &review).is_empty());
    let adjusted = hr
        .post(
            &path,
            &[
                ("question_id", question.as_str()),
                ("rating", "4"),
                ("reason", REASON),
                ("version", version.as_str()),
            ],
        )
        .await;
    assert_eq!(adjusted.status, StatusCode::SEE_OTHER, "{}", adjusted.text);
    assert_eq!(adjustments(&app, &review), vec![(4, REASON.to_string())]);
    assert!(app
        .audit_actions()
        .contains(&"review.rating_adjusted".to_string()));
    // The page was read before that change: a second try from it is refused.
    let stale = hr
        .post(
            &path,
            &[
                ("question_id", question.as_str()),
                ("rating", "5"),
                ("reason", "lagi"),
                ("version", version.as_str()),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        stale.text.contains("Seseorang mengubah nilai"),
        "{}",
        stale.text
    );
    assert_eq!(adjustments(&app, &review).len(), 1);
    let history = hr.get(&path).await;
    assert!(history
        .select_texts("[data-history] li")
        .concat()
        .contains(REASON));

    // The manager is told, and sees the change with its reason.
    let home = rina.get("/").await;
    assert!(home.contains("menyesuaikan nilai akhir dalam kalibrasi"));
    assert!(
        home.contains(&format!("Ayu Lestari: {REASON}")),
        "the notice names whose review"
    );
    let seen = rina.get(&format!("/reviews/{review}")).await;
    let notes = seen.select_texts("[data-adjustment]").concat();
    assert!(
        notes.contains(REASON) && notes.contains("Nilai akhir setelah kalibrasi: 4/5"),
        "{notes}"
    );
    // Her own ratings stay hers on the page (the final one is beside them),
    // and the difference with Ayu's is between what the two of them gave.
    assert!(seen
        .select_texts("dd[data-rating=manager]")
        .iter()
        .all(|r| r.starts_with("3/5")));

    // Locking needs a confirmation; then it shares what was handed in.
    let unconfirmed = hr
        .post(&format!("/cycles/{cycle}/calibration/lock"), &[])
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(review_row(&app, &review).shared_at.is_none());
    let locked = hr
        .post(
            &format!("/cycles/{cycle}/calibration/lock"),
            &[("confirm", "1")],
        )
        .await;
    assert_eq!(locked.status, StatusCode::SEE_OTHER, "{}", locked.text);
    assert_eq!(
        review_row(&app, &review).state,
        cermin::domain::review::ReviewState::Shared
    );
    assert_eq!(
        review_row(&app, &reviews[1]).state,
        cermin::domain::review::ReviewState::SelfAssessment,
        "a review not handed in is left alone"
    );
    assert!(app
        .audit_actions()
        .contains(&"cycle.calibration_locked".to_string()));
    {
        use cermin::db::schema::email_outbox as o;
        let to_ayu: i64 = o::table
            .filter(o::kind.eq("review_shared"))
            .filter(o::recipient_id.eq(app.person_id("ayu.lestari")))
            .count()
            .get_result(&mut *app.conn())
            .expect("outbox");
        assert_eq!(to_ayu, 1, "Ayu is emailed that her review was shared");
    }

    // Ayu reads the final rating, not the reason.
    let view = ayu.get(&format!("/reviews/{review}")).await;
    assert!(
        view.contains("Nilai akhir setelah kalibrasi"),
        "{}",
        view.text
    );
    let manager_ratings = view.select_texts("dd[data-rating=manager]");
    assert!(
        manager_ratings.iter().any(|r| r.starts_with("4/5")),
        "{manager_ratings:?}"
    );
    assert!(
        !view.contains(REASON),
        "the reason stays with managers and HR"
    );

    // After the lock the list no longer counts reviews "still with their
    // managers": none can be handed in any more.
    let list_after = hr.get(&format!("/cycles/{cycle}/calibration")).await;
    assert!(list_after
        .select_texts("[data-still-with-managers]")
        .is_empty());
    assert_eq!(list_after.select_attrs("[data-locked]", "class").len(), 1);

    // Nothing changes after the lock.
    let page = hr.get(&path).await;
    assert!(page.attr("select[name=question_id]", "name").is_none());
    let after = hr
        .post(
            &path,
            &[
                ("question_id", question.as_str()),
                ("rating", "2"),
                ("reason", "terlambat"),
                ("version", "99"),
            ],
        )
        .await;
    assert_ne!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(adjustments(&app, &review).len(), 1);
    // The step cannot be taken away or changed once locked.
    let gone = hr
        .post(&format!("/cycles/{cycle}/calibration/settings"), &[])
        .await;
    assert_ne!(gone.status, StatusCode::SEE_OTHER);

    // The download carries the final rating beside the manager's.
    hr.get(&format!("/cycles/{cycle}/export")).await;
    let (status, _, body) = hr
        .download(
            &format!("/cycles/{cycle}/export"),
            &[("kind", "results_csv"), ("format", "csv")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows = crate::exports::csv_rows(&body);
    let final_col = rows[0]
        .iter()
        .position(|h| h.contains("nilai akhir, setelah kalibrasi"))
        .expect("a final rating column");
    let ayu_row = rows
        .iter()
        .find(|r| r[0] == "Ayu Lestari")
        .expect("Ayu's row");
    assert_eq!(ayu_row[final_col], "4");
    assert_eq!(
        ayu_row[final_col - 1],
        "3",
        "the manager's own rating beside it"
    );
    // Ayu's own copy of her data holds the final rating she reads.
    ayu.get("/me/data").await;
    let (status, _, json) = ayu.download("/me/data", &[("format", "json")]).await;
    assert_eq!(status, StatusCode::OK);
    let copy: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    let given: Vec<i64> = copy["reviews"]
        .as_array()
        .expect("reviews")
        .iter()
        .flat_map(|r| r["answers"].as_array().cloned().unwrap_or_default())
        .filter(|a| a["side"] == "manager")
        .filter_map(|a| a["rating"].as_i64())
        .collect();
    assert_eq!(
        given.iter().filter(|r| **r == 4).count(),
        1,
        "the one adjusted rating, as she reads it: {given:?}"
    );

    // Sent back to Rina after the lock: her ratings count again, and what
    // calibration set stays in the record only.
    let reopen = format!("/cycles/{cycle}/reviews/{review}/reopen");
    hr.get(&reopen).await;
    let reopened = hr
        .post(&reopen, &[("to", "manager"), ("reason", "Perlu contoh")])
        .await;
    assert_eq!(reopened.status, StatusCode::SEE_OTHER, "{}", reopened.text);
    assert!(
        review_row(&app, &review).handed_in_at.is_none(),
        "no longer handed in"
    );
    let hr_view = hr.get(&format!("/reviews/{review}")).await;
    assert!(hr_view.select_texts("[data-adjustment]").is_empty());
    assert!(hr_view
        .select_texts("dd[data-rating=manager]")
        .iter()
        .all(|r| r.starts_with("3/5")));
    assert_eq!(adjustments(&app, &review).len(), 1, "kept in the record");
}

async fn an_hr_person_reviewed_never_calibrates_their_own_review(app: TestApp) {
    app.seed_demo();
    // Sari (HR) has a manager in this organisation, and takes part.
    app.exec(&format!(
        "UPDATE people SET manager_id = '{}' WHERE id = '{}'",
        app.person_id("hendra.gunawan"),
        app.person_id("sari.wulandari")
    ));
    let (cycle, reviews) = open_cycle(&app, &["sari.wulandari", "ayu.lestari"]);
    let sari = app.signed_in("sari.wulandari").await;
    turn_on(&sari, &cycle, false, false).await;
    let hendra = app.signed_in("hendra.gunawan").await;
    both_sides_then_share(&reviews[0], &sari, &hendra).await;
    // Her own review is not in her list.
    let list = sari.get(&format!("/cycles/{cycle}/calibration")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list
        .select_attrs("tr[data-review]", "data-review")
        .is_empty());
    // Its page and its adjustment are refused, and her review stays unread.
    let path = format!("/cycles/{cycle}/calibration/{}", reviews[0]);
    assert_eq!(sari.get(&path).await.status, StatusCode::FORBIDDEN);
    let fields = [
        ("question_id", "x"),
        ("rating", "5"),
        ("reason", "sendiri"),
        ("version", "2147483647"),
    ];
    assert_eq!(
        sari.post(&path, &fields).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(!sari
        .get(&format!("/reviews/{}", reviews[0]))
        .await
        .contains("Penilaian atasan: konsisten dan sopan."));
    // Another cycle's address for a review: not found, nothing stored.
    let (other, _) = open_cycle(&app, &["budi.santoso"]);
    let hr2 = app.signed_in("sari.wulandari").await;
    hr2.get(&format!("/cycles/{other}")).await;
    let elsewhere = format!("/cycles/{other}/calibration/{}", reviews[1]);
    assert_eq!(
        hr2.post(&elsewhere, &fields).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(adjustments(&app, &reviews[1]).is_empty());
}

async fn managers_calibrate_below_them_when_hr_allows(app: TestApp) {
    app.seed_demo();
    let (cycle, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let review = reviews[0].clone();
    let hr = app.signed_in("sari.wulandari").await;
    turn_on(&hr, &cycle, false, true).await;
    let ayu = app.signed_in("ayu.lestari").await;
    let rina = app.signed_in("rina.marlina").await;
    both_sides_then_share(&review, &ayu, &rina).await;

    // The manager review's due date passes while the review waits on
    // calibration: it is not late at Rina's step anywhere HR looks, and her
    // team page says where it is.
    app.exec(&format!(
        "UPDATE review_cycles SET self_due_on = '{}', manager_due_on = '{}' WHERE id = '{cycle}'",
        day(-6),
        day(-3)
    ));
    let page = hr.get(&format!("/cycles/{cycle}")).await;
    assert!(
        !page
            .select_texts("[data-overdue]")
            .concat()
            .contains("Ayu Lestari"),
        "handed in is not overdue"
    );
    let progress = hr.get(&format!("/cycles/{cycle}/progress")).await;
    assert_eq!(progress.status, StatusCode::OK);
    let late = hr
        .post(&format!("/cycles/{cycle}/remind"), &[("step", "manager")])
        .await;
    assert_ne!(late.status, StatusCode::INTERNAL_SERVER_ERROR);
    {
        use cermin::db::schema::email_outbox as o;
        let to_rina: i64 = o::table
            .filter(o::kind.eq("overdue"))
            .filter(o::recipient_id.eq(app.person_id("rina.marlina")))
            .count()
            .get_result(&mut *app.conn())
            .expect("outbox");
        assert_eq!(to_rina, 0, "no overdue notice about a review HR holds");
    }
    assert!(rina
        .get("/team")
        .await
        .contains("Diserahkan untuk kalibrasi"));

    // Hendra, Rina's manager, sees and adjusts; Rina lists nothing of her own.
    let hendra = app.signed_in("hendra.gunawan").await;
    let list = hendra.get(&format!("/cycles/{cycle}/calibration")).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    assert_eq!(
        list.select_attrs("tr[data-review]", "data-review"),
        vec![review.clone()]
    );
    let hers = rina.get(&format!("/cycles/{cycle}/calibration")).await;
    assert_eq!(hers.status, StatusCode::OK);
    assert!(hers
        .select_attrs("tr[data-review]", "data-review")
        .is_empty());
    // Her spreads hold nothing either: not the organisation's, which would
    // show ratings she may not calibrate.
    assert!(
        hers.select_texts("td[data-mean]").iter().all(|m| m == "–"),
        "{:?}",
        hers.select_texts("td[data-mean]")
    );
    // A manager of another team (Dimas, beside Rina under Hendra) sees
    // nothing of it: not in his list or spreads, not its page.
    let dimas = app.signed_in("dimas.prasetyo").await;
    let his = dimas.get(&format!("/cycles/{cycle}/calibration")).await;
    assert_eq!(his.status, StatusCode::OK);
    assert!(his
        .select_attrs("tr[data-review]", "data-review")
        .is_empty());
    assert!(his.select_texts("td[data-mean]").iter().all(|m| m == "–"));
    assert_eq!(
        dimas
            .get(&format!("/cycles/{cycle}/calibration/{review}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Hendra finds the view from his team page; he may not open the review
    // itself, so the adjustment page does not offer it.
    let team = hendra.get("/team").await;
    assert_eq!(
        team.select_attrs("[data-calibration-links] a", "href"),
        vec![format!("/cycles/{cycle}/calibration")]
    );
    let path = format!("/cycles/{cycle}/calibration/{review}");
    let page = hendra.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let (question, version) = first_question(&page);
    // Neither the writer nor the person reviewed may adjust.
    for who in [&rina, &ayu] {
        assert_eq!(who.get(&path).await.status, StatusCode::FORBIDDEN);
        let r = who
            .post(
                &path,
                &[
                    ("question_id", question.as_str()),
                    ("rating", "5"),
                    ("reason", "sendiri"),
                    ("version", version.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    let r = hendra
        .post(
            &path,
            &[
                ("question_id", question.as_str()),
                ("rating", "2"),
                ("reason", REASON),
                ("version", version.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    // Only HR locks (with or without the confirmation).
    for fields in [&[("confirm", "1")][..], &[]] {
        assert_eq!(
            hendra
                .post(&format!("/cycles/{cycle}/calibration/lock"), fields)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
    hr.get(&format!("/cycles/{cycle}/calibration")).await;
    let locked = hr
        .post(
            &format!("/cycles/{cycle}/calibration/lock"),
            &[("confirm", "1")],
        )
        .await;
    assert_eq!(locked.status, StatusCode::SEE_OTHER, "{}", locked.text);

    // This cycle keeps final ratings from employees: Ayu reads Rina's 3.
    let view = ayu.get(&format!("/reviews/{review}")).await;
    assert!(!view.contains("Nilai akhir setelah kalibrasi"));
    let manager_ratings = view.select_texts("dd[data-rating=manager]");
    assert!(
        !manager_ratings.is_empty() && manager_ratings.iter().all(|r| r.starts_with("3/5")),
        "{manager_ratings:?}"
    );
    // Rina and HR read the final 2 with Hendra's reason.
    for who in [&rina, &hr] {
        let v = who.get(&format!("/reviews/{review}")).await;
        let notes = v.select_texts("[data-adjustment]").concat();
        assert!(
            notes.contains(REASON) && notes.contains("Hendra Gunawan"),
            "{notes}"
        );
    }
}

async fn two_adjustments_from_one_page_store_one(app: TestApp) {
    app.seed_demo();
    let (cycle, reviews) = open_cycle(&app, &["ayu.lestari", "budi.santoso"]);
    let review = reviews[0].clone();
    let hr = app.signed_in("sari.wulandari").await;
    turn_on(&hr, &cycle, true, false).await;
    let ayu = app.signed_in("ayu.lestari").await;
    let rina = app.signed_in("rina.marlina").await;
    both_sides_then_share(&review, &ayu, &rina).await;
    // Budi's review is ready for Rina's Share, pressed below as HR locks.
    let budi = app.signed_in("budi.santoso").await;
    both_sides(&reviews[1], &budi, &rina).await;
    let path = format!("/cycles/{cycle}/calibration/{review}");
    let page = hr.get(&path).await;
    let (question, version) = first_question(&page);
    // Four presses of one page's button at the same moment, each with a
    // different rating: one is stored, the rest are told to look again.
    let with = |rating: &'static str| -> [(&'static str, &str); 4] {
        [
            ("question_id", question.as_str()),
            ("rating", rating),
            ("reason", REASON),
            ("version", version.as_str()),
        ]
    };
    let (r1, r2, r4, r5) = (with("1"), with("2"), with("4"), with("5"));
    let (a, b, c, d) = tokio::join!(
        hr.post(&path, &r1),
        hr.post(&path, &r2),
        hr.post(&path, &r4),
        hr.post(&path, &r5)
    );
    let statuses = [a.status, b.status, c.status, d.status];
    let stored = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(stored, 1, "{statuses:?}");
    assert_eq!(adjustments(&app, &review).len(), 1);
    // The lock and a last adjustment at the same moment: whichever is
    // first, nothing is adjusted after the lock.
    let page = hr.get(&path).await;
    let (_, version) = first_question(&page);
    let last = [
        ("question_id", question.as_str()),
        ("rating", "1"),
        ("reason", REASON),
        ("version", version.as_str()),
    ];
    let lock_path = format!("/cycles/{cycle}/calibration/lock");
    let adjust = hr.post(&path, &last);
    let lock = hr.post(&lock_path, &[("confirm", "1")]);
    let share_path = format!("/reviews/{}/share", reviews[1]);
    let share = rina.post(&share_path, &[]);
    let (_, locked, shared) = tokio::join!(adjust, lock, share);
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.text);
    // Handed in before the lock (then shared by it) or shared directly
    // after it: either way Budi can read it; never handed in under a lock.
    let budi_row = review_row(&app, &reviews[1]);
    assert_eq!(
        budi_row.state,
        cermin::domain::review::ReviewState::Shared,
        "{budi_row:?}"
    );
    assert_eq!(locked.status, StatusCode::SEE_OTHER, "{}", locked.text);
    use cermin::db::schema::{cycle_calibrations as cc, rating_adjustments as ra};
    let locked_at: Option<chrono::NaiveDateTime> = cc::table
        .find(&cycle)
        .select(cc::locked_at)
        .first(&mut *app.conn())
        .expect("settings");
    let newest: Option<chrono::NaiveDateTime> = ra::table
        .filter(ra::review_id.eq(&review))
        .select(diesel::dsl::max(ra::adjusted_at))
        .first(&mut *app.conn())
        .expect("adjusted");
    assert!(newest <= locked_at, "{newest:?} after {locked_at:?}");
}

async fn a_cycle_with_calibration_keeps_its_dates_and_closes_after_the_lock(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    // A draft with calibration: its dates keep the step in its window, and
    // it can still be deleted.
    let new = hr.get("/cycles/new").await;
    let template = new
        .attr("select[name=template_id] option[selected]", "value")
        .expect("default template");
    let draft_fields = |manager_due: String| {
        vec![
            ("name".to_string(), "Draf kalibrasi".to_string()),
            ("template_id".to_string(), template.clone()),
            ("opens_on".to_string(), day(1)),
            ("self_due_on".to_string(), day(7)),
            ("manager_due_on".to_string(), manager_due),
            ("ack_due_on".to_string(), day(18)),
            ("closes_on".to_string(), day(21)),
            ("reminder_days".to_string(), "7,2,0".to_string()),
            ("rule".to_string(), "all".to_string()),
        ]
    };
    let created = hr.post("/cycles", &pairs(&draft_fields(day(14)))).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let draft = created
        .location()
        .expect("redirect")
        .trim_start_matches("/cycles/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    turn_on(&hr, &draft, true, false).await;
    hr.get(&format!("/cycles/{draft}/edit")).await;
    let moved = hr
        .post(
            &format!("/cycles/{draft}/edit"),
            &pairs(&draft_fields(day(17))),
        )
        .await;
    assert_eq!(
        moved.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        moved.text
    );
    assert!(moved.contains("Tanggal kalibrasi harus tetap di antara"));
    let kept: chrono::NaiveDate = {
        use cermin::db::schema::review_cycles as rc;
        rc::table
            .find(&draft)
            .select(rc::manager_due_on)
            .first(&mut *app.conn())
            .expect("draft")
    };
    assert_eq!(kept.to_string(), day(14), "nothing changed");
    hr.get(&format!("/cycles/{draft}/delete")).await;
    let deleted = hr.post(&format!("/cycles/{draft}/delete"), &[]).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.text);
    assert!(cermin::db::calibration::find(&mut app.conn(), &draft)
        .expect("q")
        .is_none());

    // An open cycle with a review waiting in calibration: closing says to
    // lock first, and closes once the lock has shared it.
    let (cycle, reviews) = open_cycle(&app, &["ayu.lestari"]);
    turn_on(&hr, &cycle, true, false).await;
    let ayu = app.signed_in("ayu.lestari").await;
    let rina = app.signed_in("rina.marlina").await;
    both_sides_then_share(&reviews[0], &ayu, &rina).await;
    let confirm = hr.get(&format!("/cycles/{cycle}/close")).await;
    assert!(confirm.attr("#in-calibration", "class").is_some());
    let refused = hr.post(&format!("/cycles/{cycle}/close"), &[]).await;
    assert_ne!(refused.status, StatusCode::SEE_OTHER);
    assert!(refused.contains("Kunci kalibrasi dulu"), "{}", refused.text);
    assert_eq!(
        review_row(&app, &reviews[0]).state,
        cermin::domain::review::ReviewState::ManagerReview
    );
    hr.get(&format!("/cycles/{cycle}/calibration")).await;
    let locked = hr
        .post(
            &format!("/cycles/{cycle}/calibration/lock"),
            &[("confirm", "1")],
        )
        .await;
    assert_eq!(locked.status, StatusCode::SEE_OTHER);
    hr.get(&format!("/cycles/{cycle}/close")).await;
    let closed = hr.post(&format!("/cycles/{cycle}/close"), &[]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.text);
    // Shared before the close: Ayu still reads it.
    assert!(ayu
        .get(&format!("/reviews/{}", reviews[0]))
        .await
        .contains("Penilaian atasan: konsisten dan sopan."));
}

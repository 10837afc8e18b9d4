//! Hostile input against the review form (issue 9): a request that names
//! rows of someone else's review is answered cleanly and changes nothing of
//! theirs.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(
    another_reviews_row_ids_as_new_rows,
    crafted_competency_and_goal_kind_are_refused_beside_the_field,
    a_save_without_its_version_cannot_overwrite,
    dot_segments_in_next_never_leave_the_site,
    strange_filters_never_break_a_list,
);

/// Every list filter read from a query string, given a NUL, other control
/// characters, quotes and very long text: a page, a 404 or a refusal in
/// words, never a 500 (PostgreSQL refuses a NUL in text, so one must never
/// reach a query).
async fn strange_filters_never_break_a_list(app: TestApp) {
    let cycle = crate::progress::running_cycle(&app);
    let hr = app.signed_in("sari.wulandari").await;
    let long = "a".repeat(5000);
    let values = [
        "%00",
        "a%00b",
        "%01%1F%7F",
        "%27%20OR%201%3D1--",
        "%E2%80%AE",
        "%25",
        long.as_str(),
    ];
    let pages = [
        "/people?q=",
        "/people?department=",
        "/people?manager=",
        "/audit?action=",
        "/audit?actor=",
        "/audit?before=",
        "/mail?address=",
        "/mail?status=",
        "/mail?cycle=",
        "/insights?department=",
        "/insights?team=",
    ];
    let cycle_pages = [
        format!("/cycles/{cycle}/progress?q="),
        format!("/cycles/{cycle}/progress?department="),
        format!("/cycles/{cycle}/calibration?department="),
        format!("/cycles/{cycle}/calibration?org="),
    ];
    for page in pages.iter().map(|p| p.to_string()).chain(cycle_pages) {
        for value in values {
            let got = hr.get(&format!("{page}{value}")).await;
            assert!(
                [
                    StatusCode::OK,
                    StatusCode::NOT_FOUND,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    StatusCode::PAYLOAD_TOO_LARGE
                ]
                .contains(&got.status),
                "{page}{}: {}",
                &value[..value.len().min(20)],
                got.status
            );
            if got.status == StatusCode::UNPROCESSABLE_ENTITY {
                assert!(
                    !got.select_texts("main .lead").is_empty(),
                    "{page}: a refusal says why"
                );
            }
        }
    }
}

/// Found by an outside replay: a competency id that is not in the library
/// was a foreign-key 500, and an unknown goal kind was silently changed.
async fn crafted_competency_and_goal_kind_are_refused_beside_the_field(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    let strength_id = form
        .attr("input[name=new_strength_id]", "value")
        .expect("id");
    let goal_id = form.attr("input[name=new_goal_id]", "value").expect("id");
    for (field, value, extra) in [
        (
            "new_strength_competency",
            "abc",
            ("new_strength_body", "Sabar"),
        ),
        (
            "new_strength_competency",
            "00000000-0000-0000-0000-000000000000",
            ("new_strength_body", "Sabar"),
        ),
        ("new_goal_kind", "nonsense", ("new_goal_title", "Belajar")),
    ] {
        let res = ayu
            .post(
                &format!("/reviews/{review}/self"),
                &[
                    ("new_strength_id", strength_id.as_str()),
                    ("new_goal_id", goal_id.as_str()),
                    extra,
                    (field, value),
                ],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}: {}",
            &res.text[..res.text.len().min(300)]
        );
        assert!(!res.select_texts(".error-summary__list a").is_empty());
    }
    let mut conn = app.conn();
    assert!(cermin::db::reviews::traits(&mut conn, review)
        .expect("q")
        .is_empty());
    assert!(cermin::db::reviews::goals_of_review(&mut conn, review)
        .expect("q")
        .is_empty());
}

/// Found by an outside replay: a save with no version (or nonsense) skipped
/// the check that a save loaded from an older page must pass.
async fn a_save_without_its_version_cannot_overwrite(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    let answer = form
        .attr("textarea[name^=b_]", "name")
        .expect("a text answer");
    let version = form.attr("input[name=version]", "value").expect("version");
    let first = ayu
        .post(
            &format!("/reviews/{review}/self"),
            &[
                ("version", version.as_str()),
                (answer.as_str(), "Yang pertama"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    for version in [None, Some("abc")] {
        let mut fields = vec![(answer.as_str(), "Yang menimpa")];
        if let Some(v) = version {
            fields.push(("version", v));
        }
        let res = ayu.post(&format!("/reviews/{review}/self"), &fields).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "version {version:?}");
        assert!(res.contains("Yang menimpa"), "what was typed is shown");
    }
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    assert_eq!(
        form.select_texts(&format!("textarea[name='{answer}']"))
            .join(""),
        "Yang pertama",
        "nothing was overwritten"
    );
}

/// Found by an outside replay: `/..//evil.example` resolved to
/// `//evil.example`, another site, after sign-in and the language switch.
async fn dot_segments_in_next_never_leave_the_site(app: TestApp) {
    app.seed_demo();
    let b = app.browser();
    let form = b.get("/sign-in?next=/..//evil.example").await;
    assert_eq!(form.attr("input[name=next]", "value").as_deref(), Some("/"));
    b.get("/sign-in").await;
    let res = b
        .post(
            "/sign-in",
            &[
                ("email", &email_of("rina.marlina")),
                ("password", DEMO_PASSWORD),
                ("next", "/a/..//evil.example/path?x=1"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some("/"));
    b.get("/me").await;
    let switched = b
        .post(
            "/me/language",
            &[("lang", "en"), ("next", "/..//evil.example")],
        )
        .await;
    let to = switched.location().unwrap_or("");
    assert!(to.starts_with('/') && !to.starts_with("//"), "{to}");
}

/// Item 8: another review's strength, goal or comment id posted as the id of
/// a new row was a unique-key violation (500). The save goes through with an
/// id made by the server, and the other review's rows are untouched.
async fn another_reviews_row_ids_as_new_rows(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari", "joko.widodo"]);
    let (ayus, jokos) = (&reviews[0], &reviews[1]);

    // Ayu writes a strength and a goal in her own review.
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&format!("/reviews/{ayus}/self")).await;
    let strength_id = form
        .attr("input[name=new_strength_id]", "value")
        .expect("id");
    let goal_id = form.attr("input[name=new_goal_id]", "value").expect("id");
    let saved = ayu
        .post(
            &format!("/reviews/{ayus}/self"),
            &[
                ("new_strength_id", strength_id.as_str()),
                ("new_strength_body", "Tenang saat antrean panjang"),
                ("new_goal_id", goal_id.as_str()),
                ("new_goal_title", "Menutup 95% tiket di hari yang sama"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    // Joko posts her ids as the ids of his own new rows.
    let joko = app.signed_in("joko.widodo").await;
    joko.get(&format!("/reviews/{jokos}/self")).await;
    let res = joko
        .post(
            &format!("/reviews/{jokos}/self"),
            &[
                ("new_strength_id", strength_id.as_str()),
                ("new_strength_body", "Teliti mencatat keluhan"),
                ("new_goal_id", goal_id.as_str()),
                ("new_goal_title", "Belajar sistem tiket baru"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "no 500: {}", res.text);

    let mut conn = app.conn();
    let hers = cermin::db::reviews::traits(&mut conn, ayus).expect("q");
    assert_eq!(hers.len(), 1);
    assert_eq!(
        hers[0].body, "Tenang saat antrean panjang",
        "hers is untouched"
    );
    let his = cermin::db::reviews::traits(&mut conn, jokos).expect("q");
    assert_eq!(his.len(), 1, "his strength is kept");
    assert_eq!(his[0].body, "Teliti mencatat keluhan");
    assert_ne!(his[0].id, strength_id, "under an id of its own");
    let her_goals = cermin::db::reviews::goals_of_review(&mut conn, ayus).expect("q");
    assert_eq!(her_goals[0].title, "Menutup 95% tiket di hari yang sama");
    let his_goals = cermin::db::reviews::goals_of_review(&mut conn, jokos).expect("q");
    assert_eq!(his_goals.len(), 1);
    assert_eq!(his_goals[0].title, "Belajar sistem tiket baru");
}

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(forms_without_the_right_token_or_origin_are_refused);

async fn forms_without_the_right_token_or_origin_are_refused(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let person = app.person_id("ayu.lestari");
    hr.get(&format!("/people/{person}")).await;
    let token = hr.last_csrf();
    assert_eq!(token.len(), 32);

    let expect_refused = |p: Page, why: &str| {
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{why}");
        assert_eq!(
            p.h1(),
            "Formulir ini sudah tidak berlaku",
            "{why}: a clear page in the user's language"
        );
    };
    expect_refused(
        hr.post_raw(&format!("/people/{person}/deactivate"), &[])
            .await,
        "missing token",
    );
    expect_refused(
        hr.post_raw(
            &format!("/people/{person}/deactivate"),
            &[("csrf_token", "0123456789abcdef0123456789abcdef")],
        )
        .await,
        "wrong token",
    );
    let cross_site = hr
        .client
        .post(format!("{}/people/{person}/deactivate", app.base))
        .header("Origin", "http://evil.example")
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN, "foreign origin");
    let referer_only = hr
        .client
        .post(format!("{}/people/{person}/deactivate", app.base))
        .header("Referer", "http://evil.example/page")
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(
        referer_only.status(),
        StatusCode::FORBIDDEN,
        "foreign referer"
    );
    // A token from another session does not work either.
    let other = app.signed_in("hendra.gunawan").await;
    other.get("/").await;
    expect_refused(
        hr.post_raw(
            &format!("/people/{person}/deactivate"),
            &[("csrf_token", other.last_csrf().as_str())],
        )
        .await,
        "another session's token",
    );

    // Nothing changed.
    let mut conn = app.conn();
    assert!(
        cermin::db::people::find(&mut conn, &person)
            .expect("q")
            .expect("p")
            .active
    );
    drop(conn);

    // The right token from our own page works.
    let ok = hr
        .post_raw(
            &format!("/people/{person}/deactivate"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let mut conn = app.conn();
    assert!(
        !cermin::db::people::find(&mut conn, &person)
            .expect("q")
            .expect("p")
            .active
    );

    // Sign-in (before any session) is protected by the pre-session token.
    let anon = app.browser();
    let refused = anon
        .post_raw(
            "/sign-in",
            &[
                ("email", &email_of("ayu.lestari")),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

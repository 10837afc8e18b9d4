use reqwest::header::{HeaderMap, HeaderValue, ACCEPT_LANGUAGE};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    anonymous_pages_follow_the_browser_and_the_switch,
    signed_in_pages_follow_the_profile,
    link_pages_follow_the_visitors_switch,
);

async fn anonymous_pages_follow_the_browser_and_the_switch(app: TestApp) {
    let default = app.browser().get("/sign-in").await;
    assert_eq!(default.h1(), "Masuk");
    assert!(default.contains("<html lang=\"id\">"));
    let mut h = HeaderMap::new();
    h.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("en-GB,en;q=0.9"));
    let english = Browser::with_headers(&app.base, h);
    let page = english.get("/sign-in").await;
    assert_eq!(page.h1(), "Sign in");
    assert!(page.contains("<html lang=\"en\">"));
    // The switch overrides the browser and is remembered.
    assert_eq!(english.get("/sign-in?lang=id").await.h1(), "Masuk");
    assert_eq!(english.get("/sign-in").await.h1(), "Masuk");
    // Error pages too.
    let missing = english.get("/nothing-here?lang=en").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.h1(), "Page not found");
}

async fn signed_in_pages_follow_the_profile(app: TestApp) {
    app.seed_demo();
    // Dimas's profile says English.
    let dimas = app.signed_in("dimas.prasetyo").await;
    assert_eq!(dimas.get("/").await.h1(), "Hello, Dimas Prasetyo");
    assert_eq!(
        dimas.get("/people").await.h1(),
        "You do not have access to this page"
    );
    let switched = dimas.post("/me/language", &[("lang", "id")]).await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(dimas.get("/").await.h1(), "Halo, Dimas Prasetyo");
    let mut conn = app.conn();
    let p = cermin::db::people::find(&mut conn, &app.person_id("dimas.prasetyo"))
        .expect("q")
        .expect("p");
    assert_eq!(p.lang, "id", "stored on the profile");
}

/// A fresh link of this purpose for a demo person (as HR's invitation or
/// the reset email would carry).
fn link_token(app: &TestApp, key: &str, purpose: cermin::db::tokens::Purpose) -> String {
    let id = app.person_id(key);
    cermin::app::people::issue_token(
        &mut app.conn(),
        purpose,
        Some(&id),
        None,
        chrono::Duration::days(1),
    )
    .expect("token")
}

/// On the invitation and password-reset pages the visitor's own switch wins
/// over the language stored for the link's person, and the language they
/// chose there becomes theirs when they set their password.
async fn link_pages_follow_the_visitors_switch(app: TestApp) {
    use cermin::db::tokens::Purpose;
    app.seed_demo();
    app.exec(&format!(
        "UPDATE people SET lang = 'en' WHERE email = '{}'",
        email_of("citra.dewi")
    ));
    let path = format!(
        "/invitation/{}",
        link_token(&app, "citra.dewi", Purpose::Invitation)
    );

    // Without a choice, the invited person's language.
    let citra = app.browser();
    let page = citra.get(&path).await;
    assert_eq!(page.h1(), "Welcome to Cermin");
    // She switches to Indonesian: this page, and the next ones, follow.
    let page = citra.get(&format!("{path}?lang=id")).await;
    assert_eq!(page.h1(), "Selamat datang di Cermin");
    assert!(page.contains("<html lang=\"id\">"));
    assert_eq!(citra.get(&path).await.h1(), "Selamat datang di Cermin");
    let mismatch = citra
        .post(
            &path,
            &[("password", "angin sepoi sepoi"), ("password_confirm", "x")],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch.contains("Kedua kata sandi tidak sama"));
    let done = citra
        .post(
            &path,
            &[
                ("password", "angin sepoi sepoi"),
                ("password_confirm", "angin sepoi sepoi"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    // Her choice is now her profile's language.
    assert!(citra.get("/").await.contains("<html lang=\"id\">"));
    let stored = cermin::db::people::find(&mut app.conn(), &app.person_id("citra.dewi"))
        .expect("query")
        .expect("person");
    assert_eq!(stored.lang, "id");
    assert!(app
        .audit_actions()
        .contains(&"person.language_changed".to_string()));

    // The reset page the same way, the other way round.
    let path = format!(
        "/password/reset/{}",
        link_token(&app, "ayu.lestari", Purpose::PasswordReset)
    );
    let ayu = app.browser();
    assert_eq!(ayu.get(&path).await.h1(), "Buat kata sandi baru");
    assert_eq!(
        ayu.get(&format!("{path}?lang=en")).await.h1(),
        "Choose a new password"
    );
}

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT_LANGUAGE};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    anonymous_pages_follow_the_browser_and_the_switch,
    signed_in_pages_follow_the_profile
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

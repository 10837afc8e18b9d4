use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(every_response_carries_security_headers);

fn check(p: &Page, what: &str) {
    let h = |n: &str| {
        p.headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let csp = h("content-security-policy");
    assert!(csp.contains("default-src 'self'"), "{what}: {csp}");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{what}: no inline script: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(h("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(h("referrer-policy"), "same-origin", "{what}");
    assert_eq!(h("x-frame-options"), "DENY", "{what}");
}

async fn every_response_carries_security_headers(app: TestApp) {
    app.seed_demo();
    let b = app.browser();
    let sign_in = b.get("/sign-in").await;
    check(&sign_in, "sign-in page");
    assert!(
        !sign_in.text.contains("<script>"),
        "no inline script in pages"
    );
    let missing = b.get("/no-such-page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    check(&missing, "404 page");
    let css = b.get("/assets/css/cermin.css").await;
    assert_eq!(css.status, StatusCode::OK);
    check(&css, "stylesheet");
    let hr = app.signed_in("sari.wulandari").await;
    let people = hr.get("/people").await;
    check(&people, "people list");
    assert_eq!(
        people
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let refused = hr.post_raw("/people/x/deactivate", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    check(&refused, "CSRF refusal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn footer_offers_the_source_when_configured() {
    let plain = spawn_app(Backend::Sqlite).await.expect("app");
    let page = plain.browser().get("/sign-in").await;
    assert!(page.contains("Perangkat lunak bebas (AGPL)."));
    let app = spawn_app_with(
        Backend::Sqlite,
        &[("CERMIN_SOURCE_URL", "https://git.example/cermin")],
    )
    .await
    .expect("app");
    let page = app.browser().get("/sign-in").await;
    assert_eq!(
        page.attr("footer a[href='https://git.example/cermin']", "href")
            .as_deref(),
        Some("https://git.example/cermin")
    );
    assert!(page.contains("Kode sumber (AGPL)"));
}

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

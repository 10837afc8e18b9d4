//! The one text rule at the edge (issue 9, items 3, 4, 7): every form of the
//! application, found by walking each role's pages, is posted with hostile
//! values in each of its fields in turn. No answer is a 5xx; a value Cermin
//! does not accept (NUL, other control characters, bytes that are not UTF-8,
//! far too long) is refused with a message that names the field, and nothing
//! is stored (every change writes an audit record: their count stays the
//! same). Right-to-left text and emoji are text like any other.

use std::collections::{BTreeSet, VecDeque};

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(
    every_form_refuses_what_is_not_text,
    addresses_that_are_not_text,
    sign_in_stores_no_oversized_email,
    review_texts_have_a_limit_beside_the_field,
);

/// A form as a page offers it.
#[derive(Debug, Clone)]
struct FoundForm {
    page: String,
    action: String,
    fields: Vec<(String, String, bool)>,
}

/// The forms of every page reachable from home (same site, GET, no
/// sign-out), at most `limit` pages.
async fn walk_forms(b: &Browser, start: &str, limit: usize) -> Vec<FoundForm> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = VecDeque::from([start.to_string()]);
    let mut forms: Vec<FoundForm> = vec![];
    let mut actions: BTreeSet<String> = BTreeSet::new();
    while let Some(path) = queue.pop_front() {
        if seen.len() >= limit || !seen.insert(path.clone()) {
            continue;
        }
        let page = b.get(&path).await;
        assert!(
            page.status.as_u16() < 500,
            "GET {path} answered {}",
            page.status
        );
        if page.status != StatusCode::OK {
            continue;
        }
        let doc = scraper::Html::parse_document(&page.text);
        let links = scraper::Selector::parse("a[href]").expect("sel");
        for a in doc.select(&links) {
            let href = a.value().attr("href").unwrap_or("");
            let href = href.split('#').next().unwrap_or("");
            if href.starts_with('/')
                && !href.starts_with("//")
                && !href.starts_with("/assets/")
                && !href.contains("sign-out")
                && !href.contains(".ics")
                && !href.contains(".csv")
            {
                queue.push_back(href.to_string());
            }
        }
        let form_sel = scraper::Selector::parse("form").expect("sel");
        let field_sel =
            scraper::Selector::parse("input[name], textarea[name], select[name]").expect("sel");
        for f in doc.select(&form_sel) {
            let v = f.value();
            if !v
                .attr("method")
                .unwrap_or("get")
                .eq_ignore_ascii_case("post")
                || v.attr("enctype").is_some_and(|e| e.contains("multipart"))
            {
                continue;
            }
            let action = v.attr("action").unwrap_or(&path).to_string();
            let mut fields: Vec<(String, String, bool)> = vec![];
            for input in f.select(&field_sel) {
                let e = input.value();
                let name = e.attr("name").unwrap_or("").to_string();
                if name == "csrf_token" || fields.iter().any(|(n, _, _)| *n == name) {
                    continue;
                }
                let kind = e.attr("type").unwrap_or("text");
                let typed = e.name() == "textarea"
                    || matches!(kind, "text" | "email" | "search" | "password");
                let value = match e.name() {
                    "textarea" => input.text().collect::<String>(),
                    "select" => String::new(),
                    _ => e.attr("value").unwrap_or("").to_string(),
                };
                fields.push((name, value, typed));
            }
            // A form is tried once per action (the same form on many pages).
            let key = format!(
                "{action} {:?}",
                fields.iter().map(|f| &f.0).collect::<Vec<_>>()
            );
            if !fields.is_empty() && actions.insert(key) {
                forms.push(FoundForm {
                    page: path.clone(),
                    action,
                    fields,
                });
            }
        }
    }
    forms
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Post a form whose field `target` holds the raw (already encoded) value.
async fn post_with(
    b: &Browser,
    form: &FoundForm,
    target: &str,
    raw_value: &str,
) -> (StatusCode, String) {
    let mut body = format!("csrf_token={}", encode(&b.last_csrf()));
    for (name, value, _) in &form.fields {
        body.push('&');
        body.push_str(&encode(name));
        body.push('=');
        if name == target {
            body.push_str(raw_value);
        } else {
            body.push_str(&encode(value));
        }
    }
    let res = b
        .client
        .post(format!("{}{}", b.base, form.action))
        .header("Origin", &b.base)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("POST");
    let status = res.status();
    (status, res.text().await.unwrap_or_default())
}

fn audit_count(app: &TestApp) -> usize {
    app.audit_actions().len()
}

/// The field's name as the refusal page gives it, in the page's language.
fn label_of(field: &str, page: &str) -> String {
    in_page_lang(page, cermin::web::forms::field_label(field))
}

async fn every_form_refuses_what_is_not_text(app: TestApp) {
    app.seed_demo();
    open_cycle(&app, &["ayu.lestari", "joko.widodo"]);
    let ceiling = "a".repeat(cermin::domain::text::CEILING + 1);
    let refused: [(&str, String, StatusCode); 5] = [
        ("NUL", "a%00b".into(), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "escape",
            encode("\u{1b}[31mred"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "vertical tab",
            encode("a\u{0b}b"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "not UTF-8",
            "%FF%FEx".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("far too long", ceiling, StatusCode::PAYLOAD_TOO_LARGE),
    ];
    let anonymous = app.browser();
    let mut tried = 0;
    for (who, start) in [
        (None, "/sign-in"),
        (Some("sari.wulandari"), "/"),
        (Some("hendra.gunawan"), "/"),
        (Some("rina.marlina"), "/"),
        (Some("ayu.lestari"), "/"),
    ] {
        let b = match who {
            Some(key) => app.signed_in(key).await,
            None => app.browser(),
        };
        let b = if who.is_none() { &anonymous } else { &b };
        let forms = walk_forms(b, start, 60).await;
        assert!(!forms.is_empty(), "{who:?} has forms");
        for form in &forms {
            for (field, _, _) in form.fields.iter().filter(|f| f.0 != "next") {
                for (what, raw, status) in &refused {
                    let before = audit_count(&app);
                    let (got, text) = post_with(b, form, field, raw).await;
                    tried += 1;
                    assert_eq!(
                        got,
                        *status,
                        "{who:?}: {what} in {field} of {} (on {}) answered {got}: {}",
                        form.action,
                        form.page,
                        &text[..text.len().min(400)]
                    );
                    assert!(
                        text.contains(&format!("“{}”", label_of(field, &text))),
                        "{who:?}: the refusal of {what} in {field} of {} names the field",
                        form.action
                    );
                    assert_eq!(
                        audit_count(&app),
                        before,
                        "{who:?}: {what} in {field} of {} changed something",
                        form.action
                    );
                }
            }
        }
        // Then right-to-left text and emoji in each typed field: whatever the
        // form makes of them, never a 5xx.
        for form in &forms {
            for (field, _, typed) in &form.fields {
                if !typed || field == "password" || field == "current_password" {
                    continue;
                }
                let (got, _) = post_with(b, form, field, &encode("مرحبا \u{202e}dlrow 🙂👩🏽‍💼")).await;
                assert!(
                    got.as_u16() < 500,
                    "{who:?}: RTL and emoji in {field} of {} answered {got}",
                    form.action
                );
            }
        }
    }
    eprintln!("{tried} hostile posts");
    assert!(
        tried > 200,
        "only {tried} hostile posts: the walk found too few forms"
    );
}

/// Item 7: a plain GET with a NUL in a query parameter or a path segment
/// was a 500 on PostgreSQL.
async fn addresses_that_are_not_text(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let search = hr.get("/people?q=%00").await;
    assert_eq!(search.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        search.contains(&format!("“{}”", label_of("q", &search.text))),
        "{}",
        search.text
    );
    let multi = hr.get("/people?q=a%0Ab").await;
    assert_eq!(multi.status, StatusCode::UNPROCESSABLE_ENTITY);
    for path in [
        "/journal/%00/edit",
        "/people/%00",
        "/reviews/%00/self",
        "/cycles/%1b",
        "/people/%FF%FE",
    ] {
        let p = hr.get(path).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{path}");
    }
    let anonymous = app.browser();
    let p = anonymous.get("/sign-in?next=%2F%00").await;
    assert_eq!(p.status, StatusCode::OK, "next is left to safe_next");
    // Text that is text is found, not refused.
    let found = hr.get("/people?q=Ayu%20%F0%9F%99%82").await;
    assert_eq!(found.status, StatusCode::OK);
}

/// Item 3: failed sign-ins stored the email as sent (4 MB each).
async fn sign_in_stores_no_oversized_email(app: TestApp) {
    app.seed_demo();
    let b = app.browser();
    b.get("/sign-in").await;
    let long = format!("{}@example.com", "a".repeat(30_000));
    let res = b
        .post(
            "/sign-in",
            &[("email", long.as_str()), ("password", "wrong")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.text.len() < 20_000, "the email is not echoed in full");
    let huge = "a".repeat(3 * 1024 * 1024);
    let res = b
        .post(
            "/sign-in",
            &[("email", huge.as_str()), ("password", "wrong")],
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.contains(&in_page_lang(&res.text, "error-too-large-title")),
        "{}",
        res.text
    );
    let mut conn = app.conn();
    let since = chrono::Utc::now().naive_utc() - chrono::Duration::hours(1);
    let (by_account, _) =
        cermin::db::sessions::failure_counts(&mut conn, &long, "127.0.0.1", since).expect("q");
    assert_eq!(
        by_account, 0,
        "an address no account can have is not stored"
    );
    // A wrong password for a real address is still counted.
    b.post(
        "/sign-in",
        &[("email", &email_of("ayu.lestari")), ("password", "wrong")],
    )
    .await;
    let (by_account, _) = cermin::db::sessions::failure_counts(
        &mut conn,
        &email_of("ayu.lestari"),
        "127.0.0.1",
        since,
    )
    .expect("q");
    assert_eq!(by_account, 1);
}

/// Item 4: strengths, goals and comments took 1 MB texts. Each has a limit,
/// with the message beside the field and what was typed kept on the page.
async fn review_texts_have_a_limit_beside_the_field(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    let strength_id = form
        .attr("input[name=new_strength_id]", "value")
        .expect("id");
    let goal_id = form.attr("input[name=new_goal_id]", "value").expect("id");
    let over = "é".repeat(10_001);
    let at_limit = "é".repeat(10_000);
    let title_over = "t".repeat(301);
    for (field, value, message) in [
        ("new_strength_body", over.as_str(), "review-error-too-long"),
        (
            "new_goal_description",
            over.as_str(),
            "review-error-too-long",
        ),
        (
            "new_goal_title",
            title_over.as_str(),
            "review-error-title-too-long",
        ),
    ] {
        let before = audit_count(&app);
        let res = ayu
            .post(
                &format!("/reviews/{review}/self"),
                &[
                    ("new_strength_id", strength_id.as_str()),
                    ("new_goal_id", goal_id.as_str()),
                    (
                        "new_goal_title",
                        if field == "new_goal_title" {
                            value
                        } else {
                            "Sasaran"
                        },
                    ),
                    (
                        if field == "new_goal_title" {
                            "new_strength_body"
                        } else {
                            field
                        },
                        if field == "new_goal_title" { "" } else { value },
                    ),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let beside = res.select_texts(&format!("#{field}-error"));
        let message = in_page_lang(&res.text, message);
        assert!(
            beside.iter().any(|m| m.contains(&message)),
            "{field}: the message is beside the field: {beside:?}"
        );
        assert_eq!(
            res.select_texts(&format!("textarea#{field}")).join(""),
            value,
            "{field}: what was typed is kept"
        );
        assert_eq!(audit_count(&app), before, "{field}: nothing saved");
    }
    let mut conn = app.conn();
    assert!(cermin::db::reviews::traits(&mut conn, review)
        .expect("q")
        .is_empty());
    // At the limit, it is saved.
    let res = ayu
        .post(
            &format!("/reviews/{review}/self"),
            &[
                ("new_strength_id", strength_id.as_str()),
                ("new_strength_body", at_limit.as_str()),
            ],
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "{}",
        &res.text[..500.min(res.text.len())]
    );
    let saved = cermin::db::reviews::traits(&mut conn, review).expect("q");
    assert_eq!(saved[0].body.chars().count(), 10_000);
    // The form shows the limit, and the page counts characters.
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    assert_eq!(
        form.attr("textarea[name=new_strength_body]", "maxlength")
            .as_deref(),
        Some("10000")
    );
    assert!(form.contains("/assets/js/count.js"));
    let lang = if form.contains("<html lang=\"en\"") {
        cermin::domain::Lang::En
    } else {
        cermin::domain::Lang::Id
    };
    let count = cermin::i18n::t_args(
        lang,
        "character-count",
        &[("n", "%n".into()), ("max", "%max".into())],
    );
    assert!(form.contains(&format!("data-count-text=\"{count}\"")));
}

//! "Your data": a person downloads everything Cermin holds about them that
//! they may see, as JSON and as a readable page; HR downloads the same on
//! their request, with a reason the audit log keeps. Nothing they may not
//! see is in it: no private comment, no manager's note about them, no
//! working sign-in link.

use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reading::{
    shared_review, JOURNAL, MGR_TEAMWORK, PRIVATE_NOTE, SELF_TEAMWORK, SHARED_NOTE,
};

on_both_databases!(
    with [("CERMIN_MAIL_WORKER", "false")];
    a_person_downloads_what_they_may_see,
);

const NOTE_ABOUT_AYU: &str = "Catatan Rina tentang Ayu: perlu latihan retur (PENANDA-7731)";
const SECRET_LINK: &str = "https://cermin.example/password/reset/RAHASIA-TOKEN-5519";
const MAIL_TEXT: &str = "Rina sudah membagikan evaluasi atasan untuk Anda.";

async fn download(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let token = b.last_csrf();
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    let res = b
        .client
        .post(format!("{}{path}", b.base))
        .header("Origin", &b.base)
        .form(&all)
        .send()
        .await
        .expect("POST");
    let status = res.status();
    let disposition = res
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, disposition, res.text().await.expect("body"))
}

fn add_mail(app: &TestApp, to: &str, kind: &str, body: &str) {
    use cermin::db::schema::email_outbox as o;
    let now = cermin::db::now();
    let id = cermin::db::new_id();
    diesel::insert_into(o::table)
        .values((
            o::id.eq(&id),
            o::dedupe_key.eq(format!("test:{id}")),
            o::message_id.eq(&id),
            o::recipient_id.eq(Some(to)),
            o::to_address.eq("ayu.lestari@sejahtera.example"),
            o::kind.eq(kind),
            o::lang.eq("id"),
            o::subject.eq(format!("Subjek {kind}")),
            o::body_text.eq(body),
            o::body_html.eq(""),
            o::status.eq("sent"),
            o::attempts.eq(1),
            o::next_attempt_at.eq(now),
            o::last_error.eq(""),
            o::created_at.eq(now),
            o::sent_at.eq(Some(now)),
            o::payload.eq("{}"),
            o::smtp_response.eq("250 OK"),
        ))
        .execute(&mut *app.conn())
        .expect("mail");
}

fn exports_of(app: &TestApp) -> Vec<(Option<String>, String, String)> {
    use cermin::db::schema::audit_log as a;
    a::table
        .filter(a::action.eq("person.data_exported"))
        .order(a::at.asc())
        .select((a::actor_id, a::subject_id, a::details))
        .load(&mut *app.conn())
        .expect("audit")
}

fn without_time(mut v: serde_json::Value) -> serde_json::Value {
    v["exported_at"] = serde_json::Value::Null;
    v
}

async fn a_person_downloads_what_they_may_see(app: TestApp) {
    let _shared = shared_review(&app).await;
    let ayu_id = app.person_id("ayu.lestari");
    // Rina's note about Ayu (hers and HR's, never Ayu's), and two emails.
    let rina = app.signed_in("rina.marlina").await;
    rina.get(&format!("/people/{ayu_id}/notes")).await;
    let noted = rina
        .post(
            &format!("/people/{ayu_id}/notes"),
            &[
                ("entry_on", "2026-11-02"),
                ("kind", "note"),
                ("body", NOTE_ABOUT_AYU),
            ],
        )
        .await;
    assert_eq!(noted.status, StatusCode::SEE_OTHER, "{}", noted.text);
    add_mail(
        &app,
        &ayu_id,
        "password_reset",
        &format!("Atur ulang: {SECRET_LINK}"),
    );
    add_mail(&app, &ayu_id, "review_shared", MAIL_TEXT);

    // Ayu, from her profile page.
    let ayu = app.signed_in("ayu.lestari").await;
    let me = ayu.get("/me").await;
    assert_eq!(
        me.attr("a#own-data-link", "href").as_deref(),
        Some("/me/data")
    );
    let page = ayu.get("/me/data").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.attr("input#reason", "name").is_none(),
        "no reason asked of the person"
    );

    let (status, disposition, json) = download(&ayu, "/me/data", &[("format", "json")]).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert!(
        disposition.starts_with("attachment") && disposition.contains(".json"),
        "{disposition}"
    );
    for secret in [PRIVATE_NOTE, NOTE_ABOUT_AYU, SECRET_LINK] {
        assert!(
            !json.contains(secret),
            "Ayu's own download holds {secret:?}"
        );
    }
    let data: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(data["format"], "cermin-personal-data/1");
    assert_eq!(data["profile"]["email"], "ayu.lestari@sejahtera.example");
    assert_eq!(data["profile"]["manager"], "Rina Marlina");
    let review = &data["reviews"][0];
    let texts: Vec<&str> = review["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter_map(|a| a["text"].as_str())
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with(SELF_TEAMWORK)),
        "{texts:?}"
    );
    assert!(
        texts.contains(&MGR_TEAMWORK),
        "the shared manager review: {texts:?}"
    );
    let comments: Vec<&str> = review["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert_eq!(comments, vec![SHARED_NOTE]);
    assert!(data["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .any(|g| g["title"] == "Menguasai kebijakan pengembalian"));
    let journal: Vec<&str> = data["journal"]
        .as_array()
        .expect("journal")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert_eq!(journal, vec![JOURNAL]);
    let emails = data["emails"].as_array().expect("emails");
    // The test's own two messages (sharing the review queued a real one too).
    let by_kind = |k: &str| {
        emails
            .iter()
            .find(|m| m["kind"] == k && m["subject"] == format!("Subjek {k}"))
            .expect(k)
    };
    assert_eq!(
        by_kind("password_reset")["text"],
        "",
        "a working link in a copy"
    );
    assert_eq!(
        by_kind("password_reset")["subject"],
        "Subjek password_reset"
    );
    assert_eq!(by_kind("review_shared")["text"], MAIL_TEXT);

    // The readable page holds the same, in Ayu's language.
    let (status, disposition, html) = download(&ayu, "/me/data", &[("format", "html")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(disposition.contains(".html"), "{disposition}");
    assert_translated("the personal data page", &html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(SELF_TEAMWORK) && html.contains(MAIL_TEXT) && html.contains(JOURNAL));
    for secret in [PRIVATE_NOTE, NOTE_ABOUT_AYU, SECRET_LINK] {
        assert!(!html.contains(secret), "the readable copy holds {secret:?}");
    }
    let recorded = exports_of(&app);
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].0.as_deref(), Some(ayu_id.as_str()));

    // HR, on Ayu's request: a reason is required, and the copy is Ayu's.
    let hr = app.signed_in("sari.wulandari").await;
    let person = hr.get(&format!("/people/{ayu_id}")).await;
    let path = format!("/people/{ayu_id}/data");
    assert_eq!(
        person.attr("a#person-data-link", "href").as_deref(),
        Some(path.as_str())
    );
    hr.get(&path).await;
    let no_reason = hr.post(&path, &[("format", "json")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.contains(&in_page_lang(&no_reason.text, "own-data-error-reason")));
    assert_eq!(
        exports_of(&app).len(),
        2,
        "a refused download is not recorded"
    );
    let (status, _, hr_json) = download(
        &hr,
        &path,
        &[
            ("format", "json"),
            ("reason", "Ayu meminta lewat email, 30 November"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !hr_json.contains(PRIVATE_NOTE),
        "HR's copy for Ayu holds what HR may see, not Ayu"
    );
    let hr_data: serde_json::Value = serde_json::from_str(&hr_json).expect("JSON");
    assert_eq!(
        without_time(hr_data),
        without_time(data),
        "the same copy as Ayu's own"
    );
    let recorded = exports_of(&app);
    assert_eq!(recorded.len(), 3);
    assert!(
        recorded[2].2.contains("Ayu meminta lewat email"),
        "{}",
        recorded[2].2
    );

    // Nobody else: Rina may not download Ayu's data, and Budi's own copy is his.
    rina.get("/me/data").await;
    let (status, _, _) = download(&rina, &path, &[("format", "json"), ("reason", "x")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(rina.get(&path).await.status, StatusCode::FORBIDDEN);
    let budi = app.signed_in("budi.santoso").await;
    budi.get("/me/data").await;
    let (status, _, budi_json) = download(&budi, "/me/data", &[("format", "json")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!budi_json.contains(SELF_TEAMWORK) && !budi_json.contains("ayu.lestari@"));
    assert_eq!(exports_of(&app).len(), 4);
}

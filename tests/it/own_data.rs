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
    hr_erases_a_departed_person,
);

const NOTE_ABOUT_AYU: &str = "Catatan Rina tentang Ayu: perlu latihan retur (PENANDA-7731)";
const SECRET_LINK: &str = "https://cermin.example/password/reset/RAHASIA-TOKEN-5519";
const MAIL_TEXT: &str = "Rina sudah membagikan evaluasi atasan untuk Anda.";

/// A download, its body as text.
async fn download(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let (status, disposition, body) = b.download(path, fields).await;
    (status, disposition, String::from_utf8(body).expect("UTF-8"))
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
    assert!(
        !json.contains("{name}"),
        "every question that names the person names Ayu"
    );
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
    assert!(!html.contains("{name}"));
    assert!(html.contains(SELF_TEAMWORK) && html.contains(MAIL_TEXT) && html.contains(JOURNAL));
    for secret in [PRIVATE_NOTE, NOTE_ABOUT_AYU, SECRET_LINK] {
        assert!(!html.contains(secret), "the readable copy holds {secret:?}");
    }
    // Both together, in one ZIP archive that a reader library opens: the
    // same page and the same data, and no more.
    let (status, disposition, bytes) = ayu.download("/me/data", &[("format", "zip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(disposition.contains(".zip"), "{disposition}");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.expect("a file name").to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].ends_with(".html") && names[1].ends_with(".json"),
        "{names:?}"
    );
    let read = |archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        use std::io::Read;
        let mut text = String::new();
        archive
            .by_name(name)
            .expect("in the archive")
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    };
    let zipped_html = read(&mut archive, &names[0]);
    assert!(zipped_html.starts_with("<!DOCTYPE html>"));
    assert!(zipped_html.contains(SELF_TEAMWORK) && zipped_html.contains(MAIL_TEXT));
    let zipped_json: serde_json::Value =
        serde_json::from_str(&read(&mut archive, &names[1])).expect("JSON");
    assert_eq!(zipped_json["reviews"], data["reviews"]);
    for secret in [PRIVATE_NOTE, NOTE_ABOUT_AYU, SECRET_LINK] {
        assert!(
            !zipped_html.contains(secret),
            "the ZIP's page holds {secret:?}"
        );
        assert!(
            !zipped_json.to_string().contains(secret),
            "the ZIP's data holds {secret:?}"
        );
    }
    let recorded = exports_of(&app);
    assert_eq!(recorded.len(), 3);
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
        3,
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
    // (The entry's text is in her answers, where she cited it as evidence.)
    assert_eq!(
        hr_data["journal"],
        serde_json::json!([]),
        "Ayu's own journal is hers alone, not HR's"
    );
    let mut ayus = without_time(data);
    ayus["journal"] = serde_json::json!([]);
    assert_eq!(without_time(hr_data), ayus, "Ayu's copy but her journal");
    let recorded = exports_of(&app);
    assert_eq!(recorded.len(), 4);
    assert!(
        recorded[3].2.contains("Ayu meminta lewat email"),
        "{}",
        recorded[3].2
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
    assert_eq!(exports_of(&app).len(), 5);
}

/// Every stored text that could hold what was written by or about a person.
fn stored_texts(app: &TestApp) -> Vec<String> {
    use cermin::db::schema::*;
    let mut conn = app.conn();
    let c: &mut cermin::db::DbConnection = &mut conn;
    let mut all: Vec<String> = vec![];
    let people: Vec<(String, String, String, String)> = people::table
        .select((
            people::name,
            people::email,
            people::job_title,
            people::job_description,
        ))
        .load(c)
        .expect("people");
    all.extend(people.into_iter().flat_map(|(a, b, d, e)| [a, b, d, e]));
    let reviews: Vec<(String, String, String, String, String)> = reviews::table
        .select((
            reviews::job_description,
            reviews::acknowledgement_response,
            reviews::manager_summary,
            reviews::team_summary,
            reviews::reopened_reason,
        ))
        .load(c)
        .expect("reviews");
    all.extend(
        reviews
            .into_iter()
            .flat_map(|(a, b, d, e, f)| [a, b, d, e, f]),
    );
    all.extend(
        answers::table
            .select(answers::body)
            .load::<String>(c)
            .expect("answers"),
    );
    all.extend(
        comments::table
            .select(comments::body)
            .load::<String>(c)
            .expect("comments"),
    );
    all.extend(
        strengths_weaknesses::table
            .select(strengths_weaknesses::body)
            .load::<String>(c)
            .expect("traits"),
    );
    let goals: Vec<(String, String, String)> = goals::table
        .select((goals::title, goals::description, goals::support_needed))
        .load(c)
        .expect("goals");
    all.extend(goals.into_iter().flat_map(|(a, b, d)| [a, b, d]));
    all.extend(
        journal_entries::table
            .select(journal_entries::body)
            .load::<String>(c)
            .expect("journal"),
    );
    all.extend(
        notifications::table
            .select(notifications::details)
            .load::<String>(c)
            .expect("notifications"),
    );
    let mail: Vec<(String, String, String, String, String)> = email_outbox::table
        .select((
            email_outbox::to_address,
            email_outbox::subject,
            email_outbox::body_text,
            email_outbox::body_html,
            email_outbox::payload,
        ))
        .load(c)
        .expect("outbox");
    all.extend(mail.into_iter().flat_map(|(a, b, d, e, f)| [a, b, d, e, f]));
    all.extend(
        audit_log::table
            .select(audit_log::details)
            .load::<String>(c)
            .expect("audit"),
    );
    all.extend(
        login_attempts::table
            .select(login_attempts::email)
            .load::<String>(c)
            .expect("attempts"),
    );
    // SQLite's people search keeps its own copy of names, emails and titles
    // (migration 2026-12-08-000018).
    if matches!(c, cermin::db::DbConnection::Sqlite(_)) {
        #[derive(diesel::QueryableByName)]
        struct Searchable {
            #[diesel(sql_type = diesel::sql_types::Text)]
            t: String,
        }
        all.extend(
            diesel::sql_query(
                "SELECT name || ' ' || email || ' ' || job_title AS t FROM people_search",
            )
            .load::<Searchable>(c)
            .expect("people_search")
            .into_iter()
            .map(|r| r.t),
        );
    }
    all
}

fn ratings_of(app: &TestApp, review: &str) -> Vec<(String, String, Option<i32>)> {
    use cermin::db::schema::answers;
    answers::table
        .filter(answers::review_id.eq(review))
        .filter(answers::rating.is_not_null())
        .order((answers::question_id.asc(), answers::side.asc()))
        .select((answers::question_id, answers::side, answers::rating))
        .load(&mut *app.conn())
        .expect("ratings")
}

async fn hr_erases_a_departed_person(app: TestApp) {
    let shared = shared_review(&app).await;
    let ayu_id = app.person_id("ayu.lestari");
    let rina = app.signed_in("rina.marlina").await;
    rina.get(&format!("/people/{ayu_id}/notes")).await;
    rina.post(
        &format!("/people/{ayu_id}/notes"),
        &[
            ("entry_on", "2026-11-02"),
            ("kind", "note"),
            ("body", NOTE_ABOUT_AYU),
        ],
    )
    .await;
    add_mail(&app, &ayu_id, "review_shared", MAIL_TEXT);
    let ratings = ratings_of(&app, &shared.review);
    assert!(!ratings.is_empty());
    let marks = [
        "Ayu Lestari",
        "ayu.lestari@",
        SELF_TEAMWORK,
        MGR_TEAMWORK,
        PRIVATE_NOTE,
        SHARED_NOTE,
        NOTE_ABOUT_AYU,
        JOURNAL,
        MAIL_TEXT,
        "Menguasai kebijakan pengembalian",
    ];
    let found = |app: &TestApp| -> Vec<&str> {
        let texts = stored_texts(app);
        marks
            .iter()
            .copied()
            .filter(|m| texts.iter().any(|t| t.contains(m)))
            .collect()
    };
    assert_eq!(
        found(&app).len(),
        marks.len(),
        "every mark is stored before: {:?}",
        found(&app)
    );

    // Still active: refused, nothing changed.
    let hr = app.signed_in("sari.wulandari").await;
    let erase = format!("/people/{ayu_id}/erase");
    assert_eq!(hr.get(&erase).await.status, StatusCode::CONFLICT);
    hr.get(&format!("/people/{ayu_id}")).await;
    let early = hr.post(&erase, &[("reason", "keluar")]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(found(&app).len(), marks.len());

    // Deactivated: the person's page offers it; a reason is required.
    let off = hr.post(&format!("/people/{ayu_id}/deactivate"), &[]).await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    let person = hr.get(&format!("/people/{ayu_id}")).await;
    assert_eq!(
        person.attr("a#erase", "href").as_deref(),
        Some(erase.as_str())
    );
    let confirm = hr.get(&erase).await;
    assert_eq!(confirm.status, StatusCode::OK);
    // Rina (a manager, not HR) may not.
    rina.get("/team").await;
    assert_eq!(rina.get(&erase).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        rina.post(&erase, &[("reason", "x")]).await.status,
        StatusCode::FORBIDDEN
    );
    hr.get(&erase).await;
    let no_reason = hr.post(&erase, &[("reason", " ")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.contains(&in_page_lang(&no_reason.text, "erase-error-reason")));
    assert_eq!(
        found(&app).len(),
        marks.len(),
        "a refused erasure changes nothing"
    );

    let erased = hr
        .post(
            &erase,
            &[("reason", "Keluar Maret 2026; meminta dihapus lewat email")],
        )
        .await;
    assert_eq!(erased.status, StatusCode::SEE_OTHER, "{}", erased.text);
    let left: Vec<String> = stored_texts(&app)
        .into_iter()
        .filter(|t| marks.iter().any(|m| t.contains(m)))
        .collect();
    assert_eq!(
        found(&app),
        Vec::<&str>::new(),
        "stored after the erasure: {left:?}"
    );
    // The ratings stay for the aggregates, and the review still counts.
    assert_eq!(ratings_of(&app, &shared.review), ratings);
    let page = hr.get(erased.location().expect("the person's page")).await;
    assert!(page.contains(&in_page_lang(&page.text, "notice-person-erased")));
    assert!(page.h1().contains("Dihapus / Erased"), "{}", page.h1());
    let cycle = cermin::db::reviews::find(&mut app.conn(), &shared.review)
        .expect("q")
        .expect("review")
        .0
        .cycle_id;
    let progress = hr.get(&format!("/cycles/{cycle}/progress")).await;
    assert_eq!(progress.status, StatusCode::OK);
    assert!(progress.select_texts("tr[data-step=manager] [data-done]")[0].starts_with("1 "));
    let audit: Vec<String> = {
        use cermin::db::schema::audit_log as a;
        a::table
            .filter(a::action.eq("person.erased"))
            .select(a::details)
            .load(&mut *app.conn())
            .expect("audit")
    };
    assert_eq!(audit.len(), 1);
    assert!(audit[0].contains("Keluar Maret 2026"), "{}", audit[0]);
    // Ayu can no longer sign in (her address is gone).
    let b = app.browser();
    let tried = b
        .sign_in("ayu.lestari@sejahtera.example", "rahasia-demo")
        .await;
    assert_ne!(tried.location(), Some("/"));
}

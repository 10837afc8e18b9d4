//! Two requests at the same moment against one review: the step is taken
//! once (one state change, one audit row, one notification, one email), the
//! loser gets a clear page and never a 500, and a save that loses to a
//! submission is never written into the locked side. Each race runs against
//! many reviews so that a lucky schedule cannot hide a failure.

use diesel::prelude::*;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(two_submits_two_shares_and_submit_against_autosave,);

/// The demo people who have a manager, by the part of their email before the @.
fn reviewed(app: &TestApp) -> Vec<(String, String)> {
    use cermin::db::schema::people;
    let mut conn = app.conn();
    let rows: Vec<(String, Option<String>)> = people::table
        .filter(people::manager_id.is_not_null())
        .filter(people::active.eq(true))
        .select((people::email, people::manager_id))
        .order(people::email.asc())
        .load(&mut *conn)
        .expect("people");
    let key = |email: &str| email.split('@').next().unwrap_or_default().to_string();
    rows.into_iter()
        .filter_map(|(email, manager)| {
            let manager = manager?;
            let m: String = people::table
                .find(&manager)
                .select(people::email)
                .first(&mut *conn)
                .ok()?;
            Some((key(&email), key(&m)))
        })
        .collect()
}

fn count(app: &TestApp, review: &str, what: &str) -> i64 {
    use cermin::db::schema::{audit_log, email_outbox, notifications};
    let mut conn = app.conn();
    let (table, kind) = what.split_once(':').expect("table:kind");
    match table {
        "audit" => audit_log::table
            .filter(audit_log::review_id.eq(review))
            .filter(audit_log::action.eq(kind))
            .count()
            .get_result(&mut *conn),
        "notice" => notifications::table
            .filter(notifications::review_id.eq(review))
            .filter(notifications::kind.eq(kind))
            .count()
            .get_result(&mut *conn),
        "mail" => email_outbox::table
            .filter(email_outbox::review_id.eq(review))
            .filter(email_outbox::kind.eq(kind))
            .count()
            .get_result(&mut *conn),
        _ => unreachable!(),
    }
    .expect("count")
}

fn state_of(app: &TestApp, review: &str) -> &'static str {
    let (r, _) = cermin::db::reviews::find(&mut app.conn(), review)
        .expect("q")
        .expect("review");
    r.state.code()
}

/// Answers of a side still marked draft (a write into a locked side leaves one).
fn draft_answers(app: &TestApp, review: &str, side: &str) -> Vec<String> {
    use cermin::db::schema::answers;
    answers::table
        .filter(answers::review_id.eq(review))
        .filter(answers::side.eq(side))
        .filter(answers::status.eq("draft"))
        .select(answers::body)
        .load(&mut *app.conn())
        .expect("answers")
}

fn stored_body(app: &TestApp, review: &str, question: &str) -> Option<String> {
    use cermin::db::schema::answers;
    answers::table
        .filter(answers::review_id.eq(review))
        .filter(answers::question_id.eq(question))
        .filter(answers::side.eq("self"))
        .select(answers::body)
        .first(&mut *app.conn())
        .optional()
        .expect("answer")
}

/// The loser of a race is told the review moved on (409), never a 500.
fn one_won(a: &Page, b: &Page, what: &str) {
    let statuses = [a.status, b.status];
    assert!(
        statuses
            .iter()
            .all(|s| *s != StatusCode::INTERNAL_SERVER_ERROR),
        "{what}: a 500: {} / {}",
        a.text,
        b.text
    );
    let won = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(
        won, 1,
        "{what}: exactly one request takes the step: {statuses:?}"
    );
    let loser = if a.status == StatusCode::SEE_OTHER {
        b
    } else {
        a
    };
    assert_eq!(loser.status, StatusCode::CONFLICT, "{what}: {}", loser.text);
    assert!(
        // In the person's own language (the demo has people of both).
        loser.text.contains("sudah berubah") || loser.text.contains("it has moved on"),
        "{what}: the loser is told the review moved on: {}",
        loser.text
    );
}

async fn two_submits_two_shares_and_submit_against_autosave(app: TestApp) {
    app.seed_demo();
    // Nothing required, so every race is about the step itself.
    app.exec("UPDATE form_questions SET required = false");
    let people = reviewed(&app);
    let keys: Vec<&str> = people.iter().map(|(p, _)| p.as_str()).collect();
    let (_, reviews) = open_cycle(&app, &keys);
    assert!(
        reviews.len() >= 16,
        "enough reviews to race on: {}",
        reviews.len()
    );
    let half = reviews.len() / 2;

    // 1. Two Submit requests at once (a double click, two tabs).
    for ((person, _), review) in people.iter().zip(&reviews).take(half) {
        let b = app.signed_in(person).await;
        b.get(&format!("/reviews/{review}/self/check")).await;
        let path = format!("/reviews/{review}/self/submit");
        let (x, y) = tokio::join!(b.post(&path, &[]), b.post(&path, &[]));
        one_won(&x, &y, "two submits");
        assert_eq!(state_of(&app, review), "manager_review");
        assert_eq!(count(&app, review, "audit:review.self_submitted"), 1);
        assert_eq!(count(&app, review, "notice:self_submitted"), 1);
        assert_eq!(count(&app, review, "mail:self_submitted"), 1);
    }

    // 2. Submit racing an autosave from another tab: whichever wins, an
    //    acknowledged save is stored and a refused one is not, and nothing is
    //    ever written into the submitted side.
    let mut json = HeaderMap::new();
    json.insert(ACCEPT, HeaderValue::from_static("application/json"));
    let mut saved_then_submitted = 0;
    let mut refused_saves = 0;
    for (i, ((person, _), review)) in people.iter().zip(&reviews).enumerate().skip(half) {
        let tab = app.signed_in(person).await;
        // Every other round the save comes from a page without JavaScript
        // ("Save draft"), which gets a page rather than JSON.
        let with_js = i % 2 == 0;
        let headers = if with_js {
            json.clone()
        } else {
            HeaderMap::new()
        };
        let autosave = Browser::with_headers(&app.base, headers);
        autosave.sign_in(&email_of(person), DEMO_PASSWORD).await;
        let form = autosave.get(&format!("/reviews/{review}/self")).await;
        let field = form
            .select_attrs("textarea[name^=b_]", "name")
            .into_iter()
            .next()
            .expect("a text answer");
        let version = form
            .attr("input[name=version]", "value")
            .expect("the form's version");
        tab.get(&format!("/reviews/{review}/self/check")).await;
        let typed = format!("Ketikan terakhir nomor {i} sebelum dikirim");
        let save_path = format!("/reviews/{review}/self");
        let submit_path = format!("/reviews/{review}/self/submit");
        let fields = [
            ("version", version.as_str()),
            (field.as_str(), typed.as_str()),
        ];
        let (saved, submitted) = tokio::join!(
            autosave.post(&save_path, &fields),
            tab.post(&submit_path, &[]),
        );
        for p in [&saved, &submitted] {
            assert_ne!(p.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", p.text);
        }
        let question = field.trim_start_matches("b_");
        let stored = stored_body(&app, review, question);
        let acknowledged = if with_js {
            StatusCode::OK
        } else {
            StatusCode::SEE_OTHER
        };
        match saved.status {
            s if s == acknowledged => {
                if with_js {
                    assert!(saved.text.contains("\"saved\""), "{}", saved.text);
                }
                assert_eq!(
                    stored.as_deref(),
                    Some(typed.as_str()),
                    "an acknowledged save is kept"
                );
                assert_eq!(count(&app, review, "audit:review.draft_saved"), 1);
            }
            StatusCode::CONFLICT => {
                refused_saves += 1;
                if !with_js {
                    // The page keeps what was typed, so nothing is lost.
                    assert!(saved.text.contains(&typed), "{}", saved.text);
                }
                assert_ne!(
                    stored.as_deref(),
                    Some(typed.as_str()),
                    "a refused save is not written"
                );
                assert_eq!(count(&app, review, "audit:review.draft_saved"), 0);
            }
            other => panic!("autosave answered {other}: {}", saved.text),
        }
        if submitted.status == StatusCode::SEE_OTHER {
            assert_eq!(state_of(&app, review), "manager_review");
            if saved.status == acknowledged {
                saved_then_submitted += 1;
            }
        } else {
            // The save got in between the submission's read and its step:
            // the submission is refused and can simply be sent again.
            assert_eq!(submitted.status, StatusCode::CONFLICT, "{}", submitted.text);
            assert_eq!(saved.status, acknowledged);
            assert_eq!(state_of(&app, review), "self_assessment");
            tab.get(&format!("/reviews/{review}/self/check")).await;
            let again = tab.post(&submit_path, &[]).await;
            assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text);
        }
        assert!(
            draft_answers(&app, review, "self").is_empty(),
            "nothing written into a submitted self-assessment"
        );
        assert_eq!(count(&app, review, "audit:review.self_submitted"), 1);
        assert_eq!(count(&app, review, "mail:self_submitted"), 1);
    }
    // Not an assertion on the schedule (either order is correct), only a
    // record of what the runs exercised.
    eprintln!(
        "submit vs autosave: {saved_then_submitted} saved first, {refused_saves} saves refused"
    );

    // 3. Two Share requests at once from the manager, on every review.
    for ((_, manager), review) in people.iter().zip(&reviews) {
        let m = app.signed_in(manager).await;
        m.get(&format!("/reviews/{review}/manager/check")).await;
        let path = format!("/reviews/{review}/share");
        let (x, y) = tokio::join!(m.post(&path, &[]), m.post(&path, &[]));
        one_won(&x, &y, "two shares");
        assert_eq!(state_of(&app, review), "shared");
        assert_eq!(count(&app, review, "audit:review.shared"), 1);
        assert_eq!(count(&app, review, "notice:review_shared"), 1);
        assert_eq!(count(&app, review, "mail:review_shared"), 1);
    }
}

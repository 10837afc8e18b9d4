//! Mail that follows from HR's changes, end to end through a real SMTP
//! server, with the calendar files read by an independent iCalendar parser:
//! what closing a cycle cancels, the order one person's mail leaves in, a
//! cancellation made moot by adding someone back, and the words of a
//! password reset HR makes for an existing account (issue 9, items 13, 19,
//! 20 and 21).

use chrono::{Duration, Utc};
use reqwest::StatusCode;

use cermin::db::{cycles, reviews};
use cermin::domain::review::ReviewState;
use cermin::domain::CycleId;

use crate::helpers::*;
use crate::mail::{app_with, by_recipient, jakarta_today, mail_tests, RINA_TEAM};
use crate::reviews::open_cycle;
use crate::smtp::{dead_port, Mail, SmtpPeer};

mail_tests!(
    closing_cancels_the_due_dates_left_undone,
    a_persons_mail_leaves_in_the_order_of_its_events,
    taken_out_and_added_back_hears_only_the_invitation,
    hr_makes_a_reset_link_for_an_existing_account,
);

/// What a TEXT value means, undoing RFC 5545's escapes.
fn unescape_text(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// What a parameter value means, undoing RFC 6868's encoding.
fn decode_param(s: &str) -> String {
    s.replace("^'", "\"").replace("^n", "\n").replace("^^", "^")
}

fn uid(cycle_id: &str, phase: &str, person_id: &str) -> String {
    format!("{cycle_id}-{phase}-{person_id}@cermin")
}

/// The (UID, SEQUENCE, STATUS) of each event of a mail's calendar file.
fn entries(m: &Mail) -> Vec<(String, u32, String)> {
    m.events()
        .into_iter()
        .map(|(uid, seq, _, status)| (uid, seq.parse().expect("a SEQUENCE"), status))
        .collect()
}

const AYU_NAME: &str = "Ayu \"Ay\" Lestari; Jr., \\ 🌸";
const CYCLE_NAME: &str = "Evaluasi \"Semester II\"; 2026, tim\\A";

async fn closing_cancels_the_due_dates_left_undone(backend: Backend) {
    let smtp = SmtpPeer::start();
    let app = app_with(backend, &smtp.url(), false, &[]).await;
    app.seed_demo();
    // Everyone reads Indonesian here; a name and a cycle name hold what the
    // calendar format gives a meaning to (item 13); one person reads their
    // mail as a daily digest.
    app.exec("UPDATE people SET lang = 'id'");
    app.exec(&format!(
        "UPDATE people SET name = '{AYU_NAME}' WHERE email = '{}'",
        email_of("ayu.lestari")
    ));
    app.exec(&format!(
        "UPDATE people SET email_digest = TRUE WHERE email = '{}'",
        email_of("eko.saputra")
    ));
    let (cycle_id, review_ids) = open_cycle(&app, &RINA_TEAM);
    app.exec(&format!(
        "UPDATE review_cycles SET name = '{CYCLE_NAME}' WHERE id = '{cycle_id}'"
    ));
    app.run_mail_until_idle().await;
    let invitations = smtp.messages();
    assert_eq!(invitations.len(), 9, "Rina's team and Rina");
    let invited = by_recipient(&invitations);

    // Ayu's name and the cycle's come back intact from the parser, and the
    // structure around them holds.
    let ayu_invitation = invited[&email_of("ayu.lestari")][0];
    let texts = ayu_invitation.event_texts();
    assert_eq!(texts.len(), 2, "{texts:?}");
    for t in &texts {
        assert_eq!(t.attendee, format!("mailto:{}", email_of("ayu.lestari")));
        assert_eq!(t.cn.len(), 1, "{t:?}");
        assert_eq!(decode_param(&t.cn[0]), AYU_NAME, "{t:?}");
        assert!(
            unescape_text(&t.summary).contains(CYCLE_NAME),
            "{}",
            t.summary
        );
        assert!(
            unescape_text(&t.description).contains("Cermin"),
            "{}",
            t.description
        );
    }

    // Ayu has read her review but not acknowledged it; Budi's manager is
    // writing; Citra is done; the others have not sent their self-assessment.
    {
        let mut conn = app.conn();
        reviews::set_state(&mut conn, &review_ids[0], ReviewState::Shared).expect("shared");
        reviews::set_state(&mut conn, &review_ids[1], ReviewState::ManagerReview)
            .expect("manager review");
        reviews::set_state(&mut conn, &review_ids[2], ReviewState::Acknowledged).expect("ack");
    }

    // HR closes the cycle in the browser; the confirmation says who hears.
    let hr = app.signed_in("sari.wulandari").await;
    let confirm = hr.get(&format!("/cycles/{cycle_id}/close")).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.text);
    assert!(
        confirm.select_texts("#close-mail")[0].contains("berkas kalender"),
        "{:?}",
        confirm.select_texts("#close-mail")
    );
    let closed = hr.post(&format!("/cycles/{cycle_id}/close"), &[]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.text);
    app.run_mail_until_idle().await;
    assert_eq!(app.outbox().get("held"), None, "{:?}", app.outbox());

    let all = smtp.messages();
    let closing: Vec<Mail> = all[invitations.len()..].to_vec();
    assert_eq!(closing.len(), 9, "one closing mail each");
    let per = by_recipient(&closing);
    let cancelled = |key: &str| -> Vec<String> {
        let m = per[&email_of(key)][0];
        assert!(m.subject.contains("sudah ditutup"), "{}", m.subject);
        let Some(method) = m.ics_method.as_deref() else {
            return vec![];
        };
        assert_eq!(method, "CANCEL");
        assert!(
            m.text
                .contains("Berkas kalender terlampir menghapus batas waktu"),
            "{}",
            m.text
        );
        // Each cancellation outranks the entry it removes, and removes an
        // entry that person was sent.
        let sent = entries(invited[&email_of(key)][0]);
        let mut uids = vec![];
        for (uid, seq, status) in entries(m) {
            assert_eq!(status, "CANCELLED");
            let (_, old_seq, _) = sent
                .iter()
                .find(|(u, _, _)| *u == uid)
                .unwrap_or_else(|| panic!("{key}: {uid} was never sent: {sent:?}"));
            assert!(seq > *old_seq, "{key}: {seq} after {old_seq}");
            uids.push(uid);
        }
        uids.sort();
        uids
    };
    let id = |key: &str| app.person_id(key);
    let both = |key: &str| {
        let mut v = vec![
            uid(&cycle_id, "ack", &id(key)),
            uid(&cycle_id, "self", &id(key)),
        ];
        v.sort();
        v
    };
    // Done: nothing to cancel, and the mail does not say so.
    assert_eq!(cancelled("citra.dewi"), Vec::<String>::new());
    let citra = per[&email_of("citra.dewi")][0];
    assert!(citra.ics.is_none());
    assert!(!citra.text.contains("Berkas kalender"), "{}", citra.text);
    // Self-assessment sent: only the acknowledgement goes.
    for key in ["ayu.lestari", "budi.santoso"] {
        assert_eq!(
            cancelled(key),
            vec![uid(&cycle_id, "ack", &id(key))],
            "{key}"
        );
    }
    // Nothing sent: both of their dates go, digest or not.
    for key in &RINA_TEAM[3..] {
        assert_eq!(cancelled(key), both(key), "{key}");
    }
    // Rina's team was not all reviewed: her manager's due date goes.
    assert_eq!(
        cancelled("rina.marlina"),
        vec![uid(&cycle_id, "manager", &id("rina.marlina"))]
    );
    // And Ayu's name is still intact in her cancellation.
    let ayu_cancel = per[&email_of("ayu.lestari")][0].event_texts();
    assert_eq!(decode_param(&ayu_cancel[0].cn[0]), AYU_NAME);
}

async fn a_persons_mail_leaves_in_the_order_of_its_events(backend: Backend) {
    let port = dead_port();
    let app = app_with(backend, &format!("smtp://127.0.0.1:{port}"), false, &[]).await;
    app.seed_demo();
    let (cycle_id, _) = open_cycle(&app, &RINA_TEAM);
    let mailer = app.mailer();
    // The mail server is away: every invitation waits to be tried again.
    let first = mailer.run_once(Utc::now()).await.expect("run");
    assert_eq!(first.retried, 9, "{first:?}");

    // Meanwhile HR moves the self-assessment due date.
    let cycle = cycles::find(&mut app.conn(), &cycle_id)
        .expect("q")
        .expect("cycle");
    let mut dates = cycle.dates();
    dates.self_due_on += Duration::days(2);
    cermin::app::cycles::move_dates(
        &mut app.conn(),
        &hr_actor(&app.person_id("sari.wulandari")),
        clock_on(jakarta_today()),
        &CycleId::from_stored(cycle_id.as_str()),
        &dates,
    )
    .expect("dates moved");

    // The server is back. The date changes are due, the invitations are not
    // yet: each change waits behind its person's invitation.
    let smtp = SmtpPeer::start_on(port);
    let now = Utc::now();
    let early = mailer.run_once(now).await.expect("run");
    assert_eq!(early.sent, 0, "{early:?}");
    assert_eq!(smtp.count(), 0);

    // Once the invitations go, each person gets them in the order of events.
    let later = mailer
        .run_once(now + Duration::hours(2))
        .await
        .expect("run");
    assert_eq!(later.sent, 18, "{later:?}");
    let mails = smtp.messages();
    let per = by_recipient(&mails);
    assert_eq!(per.len(), 9);
    for (to, list) in per {
        let subjects: Vec<&str> = list.iter().map(|m| m.subject.as_str()).collect();
        assert_eq!(subjects.len(), 2, "{to}: {subjects:?}");
        // In Indonesian or English, as each person reads.
        assert!(
            subjects[0].starts_with("Undangan:") || subjects[0].starts_with("Invitation:"),
            "{to}: {subjects:?}"
        );
        assert!(
            subjects[1].starts_with("Jadwal") || subjects[1].starts_with("The dates"),
            "{to}: {subjects:?}"
        );
    }
}

async fn taken_out_and_added_back_hears_only_the_invitation(backend: Backend) {
    let smtp = SmtpPeer::start();
    let app = app_with(backend, &smtp.url(), false, &[]).await;
    app.seed_demo();
    let (cycle_id, review_ids) = open_cycle(&app, &RINA_TEAM);
    app.run_mail_until_idle().await;
    assert_eq!(smtp.count(), 9);
    let budi = &review_ids[1];
    let budi_id = app.person_id("budi.santoso");
    let budi_mail = || -> Vec<Mail> {
        smtp.messages()
            .into_iter()
            .filter(|m| m.to == email_of("budi.santoso"))
            .collect()
    };

    // The cycle page links to a confirmation; looking at it changes nothing.
    let hr = app.signed_in("sari.wulandari").await;
    let cycle_page = format!("/cycles/{cycle_id}");
    let remove = format!("{cycle_page}/reviews/{budi}/remove");
    let page = hr.get(&cycle_page).await;
    assert!(page.contains(&format!("href=\"{remove}\"")), "a link");
    assert!(
        !page.contains(&format!("action=\"{remove}\"")),
        "not a button"
    );
    let confirm = hr.get(&remove).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.text);
    assert!(confirm.h1().contains("Budi Santoso"), "{}", confirm.h1());
    let says = confirm.select_texts("#remove-mail").join(" ");
    assert!(
        says.contains("Budi Santoso akan menerima email") && says.contains("kalender"),
        "{says}"
    );
    assert!(
        confirm.contains(&format!("action=\"{remove}\"")),
        "its form posts"
    );
    let outbox_before = app.outbox();
    assert_eq!(
        reviews::find(&mut app.conn(), budi)
            .expect("q")
            .expect("review")
            .0
            .state(),
        ReviewState::SelfAssessment
    );

    // Taken out and added back at once: the cancellation is moot.
    let removed = hr.post(&remove, &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text);
    assert_ne!(app.outbox(), outbox_before, "the cancellation is queued");
    hr.get(&cycle_page).await;
    let added = hr
        .post(
            &format!("{cycle_page}/participants"),
            &[("person_id", &budi_id)],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    app.run_mail_until_idle().await;
    let got = budi_mail();
    let methods: Vec<Option<&str>> = got.iter().map(|m| m.ics_method.as_deref()).collect();
    assert_eq!(
        methods,
        vec![Some("REQUEST"), Some("REQUEST")],
        "{methods:?}"
    );
    let (first, second) = (entries(&got[0]), entries(&got[1]));
    assert!(second[0].1 > first[0].1, "{first:?} then {second:?}");
    let superseded: i64 = {
        use cermin::db::schema::email_outbox::dsl as o;
        use diesel::prelude::*;
        o::email_outbox
            .filter(o::kind.eq("participation_cancelled"))
            .filter(o::status.eq("skipped"))
            .filter(o::last_error.like("superseded%"))
            .count()
            .get_result(&mut *app.conn())
            .expect("count")
    };
    assert_eq!(superseded, 1, "HR's outbox says why it did not go");

    // Again, but the cancellation is already being sent when HR adds him
    // back (its worker then dies): it is not sent after the invitation.
    hr.get(&cycle_page).await;
    let removed = hr.post(&remove, &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text);
    let mailer = app.mailer();
    assert_eq!(
        mailer
            .claim_only(Utc::now().naive_utc())
            .await
            .expect("claim"),
        1
    );
    hr.get(&cycle_page).await;
    let added = hr
        .post(
            &format!("{cycle_page}/participants"),
            &[("person_id", &budi_id)],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    let later = mailer
        .run_once(Utc::now() + Duration::minutes(10))
        .await
        .expect("run");
    assert_eq!(later.sent, 1, "{later:?}");
    let got = budi_mail();
    assert_eq!(got.len(), 3);
    assert_eq!(got[2].ics_method.as_deref(), Some("REQUEST"));
}

async fn hr_makes_a_reset_link_for_an_existing_account(backend: Backend) {
    let smtp = SmtpPeer::start();
    let app = app_with(backend, &smtp.url(), false, &[]).await;
    app.seed_demo();
    app.exec(&format!(
        "UPDATE people SET lang = 'en' WHERE email = '{}'",
        email_of("citra.dewi")
    ));
    let hr = app.signed_in("sari.wulandari").await;
    let cases = [
        (
            "ayu.lestari",
            "Buat kata sandi baru untuk Cermin",
            "Ada permintaan kata sandi baru",
            "Buat kata sandi baru",
        ),
        (
            "citra.dewi",
            "Choose a new password for Cermin",
            "A new password was requested",
            "Choose a new password",
        ),
    ];
    for (key, subject, lead, form_title) in cases {
        let id = app.person_id(key);
        let person = hr.get(&format!("/people/{id}")).await;
        assert!(person.contains("Buat tautan atur ulang kata sandi"));
        let made = hr.post(&format!("/people/{id}/invitation"), &[]).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
        let result = made.location().expect("to the result page").to_string();
        assert_eq!(result, format!("/people/{id}/link"));
        let page = hr.get(&result).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        assert_eq!(page.h1(), "Tautan atur ulang kata sandi");
        assert!(!page.contains("Tautan undangan"), "{}", page.text);
        let link = page
            .attr("[data-invitation-link]", "value")
            .expect("the link, to pass on");
        assert!(
            link.starts_with(&format!("{}/password/reset/", app.base)),
            "{link}"
        );
        // Reloading the result page shows the same link and mails nothing new.
        let again = hr.get(&result).await;
        assert_eq!(
            again.attr("[data-invitation-link]", "value").as_deref(),
            Some(link.as_str())
        );
        let queued: i64 = {
            use cermin::db::schema::email_outbox::dsl as o;
            use diesel::prelude::*;
            o::email_outbox
                .filter(o::recipient_id.eq(&id))
                .count()
                .get_result(&mut *app.conn())
                .expect("count")
        };
        assert_eq!(queued, 1, "{key}: one mail for one link");

        app.run_mail_until_idle().await;
        let mails: Vec<Mail> = smtp
            .messages()
            .into_iter()
            .filter(|m| m.to == email_of(key))
            .collect();
        assert_eq!(mails.len(), 1, "{key}");
        let mail = &mails[0];
        assert_eq!(mail.subject, subject);
        for body in [&mail.text, &mail.html] {
            assert!(body.contains(lead), "{body}");
            for invitation_words in [
                "account is ready",
                "sudah dibuat",
                "Welcome",
                "Selamat datang",
            ] {
                assert!(!body.contains(invitation_words), "{key}: {body}");
            }
        }
        assert_eq!(
            mail.link(&format!("{}/password/reset/", app.base))
                .as_deref(),
            Some(link.as_str())
        );
        let form = app.browser().get(link.trim_start_matches(&app.base)).await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(form.h1(), form_title);
    }

    // Someone who never chose a password still gets an invitation.
    hr.get("/people/new").await;
    let created = hr
        .post(
            "/people",
            &[
                ("name", "Bayu Nugroho"),
                ("email", "bayu.nugroho@sejahtera.example"),
                ("role", "employee"),
                ("manager_id", &app.person_id("rina.marlina")),
                ("department", "Pusat Panggilan"),
                ("job_title", "Agen"),
                ("job_description", ""),
                ("lang", "id"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    let bayu = created
        .attr("a.button[href^='/people/']", "href")
        .expect("a link to Bayu");
    hr.get(&bayu).await;
    let made = hr.post(&format!("{bayu}/invitation"), &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let page = hr.get(made.location().expect("redirect")).await;
    assert_eq!(page.h1(), "Tautan undangan");
    assert!(page
        .attr("[data-invitation-link]", "value")
        .is_some_and(|l| l.starts_with(&format!("{}/invitation/", app.base))));

    // Without the fresh link (another browser, or later), the page only
    // says where it went.
    let other = app.signed_in("sari.wulandari").await;
    let plain = other
        .get(&format!("/people/{}/link", app.person_id("ayu.lestari")))
        .await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.attr("[data-invitation-link]", "value").is_none());
    assert!(plain.contains(&email_of("ayu.lestari")));
}

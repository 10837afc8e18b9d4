//! Every kind of mail rendered with sample facts, for HR's previews and for
//! the test that every template renders in both languages.

use chrono::{Duration, NaiveDate, Utc};
use serde_json::json;
use tera::Context;

use super::calendar::{self, DueEntry, Invite, Method};
use super::compose::{ComposeError, Composer, Rendered};
use crate::domain::mail::{MailKind, Phase};
use crate::domain::Lang;

fn sample_cycle(today: NaiveDate) -> serde_json::Value {
    json!({
        "name": "Evaluasi Semester 2 2026",
        "opens_on": today,
        "self_due_on": today + Duration::days(14),
        "manager_due_on": today + Duration::days(28),
        "ack_due_on": today + Duration::days(35),
        "closes_on": today + Duration::days(42),
    })
}

/// The sample facts of a kind.
pub fn sample(kind: MailKind, base_url: &str, today: NaiveDate) -> Context {
    let mut ctx = Context::new();
    let cycle = sample_cycle(today);
    let due = today + Duration::days(14);
    let link = format!("{base_url}/reviews/0190-sample/self");
    ctx.insert("cycle", &cycle);
    ctx.insert("link", &link);
    match kind {
        MailKind::AccountInvitation => {
            ctx.insert("link", &format!("{base_url}/invitation/sample-link"));
            ctx.insert("valid_days", &crate::app::people::INVITATION_DAYS);
        }
        MailKind::PasswordReset => {
            ctx.insert("link", &format!("{base_url}/password/reset/sample-link"));
            ctx.insert("valid_minutes", &crate::app::people::RESET_MINUTES);
        }
        MailKind::SignInLink => {
            ctx.insert("link", &format!("{base_url}/sign-in/link/sample-link"));
            ctx.insert("valid_minutes", &crate::app::people::SIGN_IN_LINK_MINUTES);
        }
        MailKind::CycleInvitation | MailKind::DatesMoved => {
            ctx.insert("as_participant", &true);
            ctx.insert("self_link", &link);
            ctx.insert("as_manager", &true);
            ctx.insert(
                "team",
                &json!([
                    { "name": "Dewi Lestari", "job_title": "Customer Service Officer" },
                    { "name": "Yusuf Hidayat", "job_title": "Customer Service Officer" },
                ]),
            );
            ctx.insert("team_link", &format!("{base_url}/team"));
            let mut previous = cycle.clone();
            previous["self_due_on"] = json!(today + Duration::days(10));
            previous["manager_due_on"] = json!(today + Duration::days(24));
            ctx.insert("previous", &previous);
        }
        MailKind::Reminder | MailKind::Overdue => {
            ctx.insert("phase", "self");
            ctx.insert("due_on", &due);
            ctx.insert("days_left", &2);
            ctx.insert("days_over", &1);
            ctx.insert("reports", &json!([]));
        }
        MailKind::OverdueManager => {
            ctx.insert("phase", "self");
            ctx.insert("due_on", &due);
            ctx.insert("days_over", &3);
            ctx.insert(
                "people",
                &json!([{ "name": "Dewi Lestari" }, { "name": "Yusuf Hidayat" }]),
            );
            ctx.insert("link", &format!("{base_url}/team"));
        }
        MailKind::HrOverdueSummary => {
            ctx.insert("phase", "self");
            ctx.insert("due_on", &due);
            ctx.insert("count", &2);
            ctx.insert(
                "overdue",
                &json!([
                    { "name": "Dewi Lestari", "department": "Layanan Pelanggan", "manager_name": "Rina Marlina" },
                    { "name": "Yusuf Hidayat", "department": "Layanan Pelanggan", "manager_name": "Rina Marlina" },
                ]),
            );
            ctx.insert("link", &format!("{base_url}/cycles/0190-sample"));
        }
        MailKind::SelfSubmitted | MailKind::Acknowledged => {
            ctx.insert("employee", &json!({ "name": "Dewi Lestari" }));
            ctx.insert("due_on", &(today + Duration::days(28)));
        }
        MailKind::ReviewShared => {
            ctx.insert("manager", &json!({ "name": "Budi Santoso" }));
            ctx.insert("due_on", &(today + Duration::days(35)));
        }
        MailKind::Reopened => {
            ctx.insert("side", "self");
            ctx.insert("employee", &json!({ "name": "Dewi Lestari" }));
            ctx.insert(
                "reason",
                "Bagian sasaran belum diisi; tambahkan satu sasaran untuk semester depan.",
            );
            ctx.insert("due_on", &due);
        }
        MailKind::CycleClosed => {
            ctx.insert("link", &format!("{base_url}/history"));
            // The sample is someone who had not finished: their entries go.
            ctx.insert("calendar_cancelled", &true);
        }
        MailKind::ParticipationCancelled => {
            ctx.insert("link", &format!("{base_url}/"));
        }
        MailKind::Digest => {
            ctx.insert("date", &today);
            ctx.insert(
                "items",
                &json!([
                    { "subject": "Dewi Lestari telah mengirim evaluasi diri", "link": format!("{base_url}/reviews/0190-sample/manager") },
                    { "subject": "Pengingat: evaluasi dari atasan jatuh tempo 2 hari lagi", "link": format!("{base_url}/team") },
                ]),
            );
        }
        MailKind::Test => {
            ctx.insert(
                "sent_at",
                &Utc::now()
                    .naive_utc()
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
            );
            ctx.insert("transport", "smtp://mail.example.com:587");
        }
    }
    ctx
}

/// A kind rendered with sample facts, with its calendar file where it has one.
pub fn render(
    composer: &Composer,
    kind: MailKind,
    lang: Lang,
    base_url: &str,
    today: NaiveDate,
) -> Result<Rendered, ComposeError> {
    let ctx = sample(kind, base_url, today);
    let mut r = composer.render(kind, lang, ("Rina Marlina", "rina@contoh.co.id"), ctx)?;
    if kind.has_calendar() || kind == MailKind::CycleClosed {
        let method = if matches!(
            kind,
            MailKind::ParticipationCancelled | MailKind::CycleClosed
        ) {
            Method::Cancel
        } else {
            Method::Request
        };
        r.ics = Some(calendar::build(&Invite {
            method,
            cycle_id: "0190-sample",
            person_id: "0190-person",
            sequence: calendar::sequence(1, method),
            organizer: &composer.from_address(),
            attendee: "rina@contoh.co.id",
            attendee_name: "Rina Marlina",
            stamp: Utc::now(),
            entries: vec![DueEntry {
                phase: Phase::SelfAssessment,
                date: today + Duration::days(14),
                summary: "Evaluasi diri".into(),
                description: String::new(),
                link: format!("{base_url}/reviews/0190-sample/self"),
            }],
        }));
        r.ics_method = Some(if method == Method::Cancel {
            "CANCEL"
        } else {
            "REQUEST"
        });
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_renders_in_both_languages() {
        crate::i18n::init().expect("translations");
        let tera =
            crate::templating::build_tera(chrono_tz::Asia::Jakarta, None).expect("templates");
        let composer = Composer::new(
            std::sync::Arc::new(tera),
            "https://cermin.example",
            "Cermin <hr@contoh.co.id>",
            chrono_tz::Asia::Jakarta,
        )
        .expect("composer");
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        for kind in MailKind::ALL {
            let mut subjects = vec![];
            for lang in Lang::ALL {
                let r = render(&composer, kind, lang, "https://cermin.example", today)
                    .unwrap_or_else(|e| panic!("{} in {lang}: {e}", kind.code()));
                assert!(
                    !r.subject.is_empty(),
                    "{} {lang}: empty subject",
                    kind.code()
                );
                assert!(
                    !r.subject.contains("mail-"),
                    "{} {lang}: untranslated subject {}",
                    kind.code(),
                    r.subject
                );
                for body in [&r.text, &r.html] {
                    assert!(
                        !body.contains("mail-"),
                        "{} {lang}: untranslated key in\n{body}",
                        kind.code()
                    );
                    assert!(
                        body.contains("https://cermin.example"),
                        "{} {lang}: no link in\n{body}",
                        kind.code()
                    );
                }
                composer
                    .message("m1", &r, Utc::now().naive_utc())
                    .unwrap_or_else(|e| panic!("{}: {e}", kind.code()));
                subjects.push(r.subject);
            }
            assert_ne!(
                subjects[0],
                subjects[1],
                "{}: same subject in both languages",
                kind.code()
            );
        }
    }
}

//! The authorization matrix for reviews, journal, notes, cycles, templates
//! and mail: six people against every page and every action, at three steps
//! of a review. Each cell is checked by status and by the absence of the
//! other person's text; every refused action must leave the stored data as
//! it was.
//!
//! About 900 lines on purpose: every page and action is listed here, in one
//! place, so the matrix can be read against the route table in `src/web`.

use reqwest::StatusCode;

use super::{NO, OK, SIGN_IN};
use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    with [("CERMIN_MAIL_WORKER", "false")];
    review_journal_cycle_template_mail_matrix
);

/// The rows of the matrix, in order.
const ACTORS: [&str; 6] = [
    "anonymous",
    "ayu.lestari",    // the employee (reports to Rina)
    "budi.santoso",   // another employee (Rina's team too)
    "rina.marlina",   // their manager
    "dimas.prasetyo", // another manager
    "sari.wulandari", // HR
];
const ANON: usize = 0;
const AYU: usize = 1;
const BUDI: usize = 2;
const RINA: usize = 3;
const DIMAS: usize = 4;
const HR: usize = 5;

/// Text written by one person that others must never be shown.
const SELF_MARK: &str = "PENANDA-EVALUASI-DIRI-AYU-7731";
const PRIVATE_MARK: &str = "PENANDA-KOMENTAR-RAHASIA-RINA-5519";
const JOURNAL_MARK: &str = "PENANDA-JURNAL-AYU-2284";
const NOTE_MARK: &str = "PENANDA-CATATAN-RINA-TENTANG-AYU-9043";
/// What a refused action tries to write.
const ATTACK: &str = "PENANDA-SERANGAN-0666";

/// The steps of Ayu's review the matrix is checked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Ayu has saved a draft of her self-assessment.
    SelfDraft,
    /// Ayu has submitted; Rina has saved a draft with a private comment.
    ManagerDraft,
    /// Rina has shared the review.
    Shared,
}

/// May `actor` be shown `mark` at this step (on some page)?
fn may_see(mark: &str, actor: usize, step: Step) -> bool {
    match mark {
        SELF_MARK => match step {
            Step::SelfDraft => actor == AYU,
            _ => matches!(actor, AYU | RINA | HR),
        },
        // HR reads the manager's review, draft included
        // (policy::may_read_manager_review); the employee never sees it.
        PRIVATE_MARK => step != Step::SelfDraft && matches!(actor, RINA | HR),
        JOURNAL_MARK => actor == AYU,
        NOTE_MARK => matches!(actor, RINA | HR),
        _ => false,
    }
}

/// Everything the app stores that an action could change (not sessions,
/// sign-in attempts or stashed forms), as text to compare.
fn stored_state(app: &TestApp) -> Vec<(&'static str, String)> {
    use cermin::db::schema::*;
    use diesel::prelude::*;
    let mut conn = app.conn();
    let c: &mut cermin::db::DbConnection = &mut conn;
    macro_rules! rows {
        ($table:ident, $row:ty) => {
            (
                stringify!($table),
                format!(
                    "{:?}",
                    $table::table
                        .order($table::id.asc())
                        .select(<$row>::as_select())
                        .load::<$row>(c)
                        .expect(stringify!($table))
                ),
            )
        };
    }
    vec![
        rows!(people, cermin::db::people::PersonRow),
        rows!(competencies, cermin::db::forms::CompetencyRow),
        rows!(form_templates, cermin::db::forms::TemplateRow),
        rows!(form_sections, cermin::db::forms::SectionRow),
        rows!(form_questions, cermin::db::forms::QuestionRow),
        rows!(review_cycles, cermin::db::cycles::CycleRow),
        (
            "cycle_participants",
            format!(
                "{:?}",
                cycle_participants::table
                    .select((cycle_participants::cycle_id, cycle_participants::person_id))
                    .order((cycle_participants::cycle_id, cycle_participants::person_id))
                    .load::<(String, String)>(c)
                    .expect("participants")
            ),
        ),
        rows!(reviews, cermin::db::reviews::ReviewRow),
        rows!(answers, cermin::db::reviews::AnswerRow),
        rows!(strengths_weaknesses, cermin::db::reviews::TraitRow),
        rows!(comments, cermin::db::reviews::CommentRow),
        rows!(goals, cermin::db::reviews::GoalRow),
        rows!(notifications, cermin::db::notifications::NotificationRow),
        rows!(journal_entries, cermin::db::journal::JournalRow),
        rows!(email_outbox, cermin::db::outbox::OutboxRow),
        rows!(audit_log, cermin::db::audit::AuditRow),
    ]
}

/// The first table whose rows differ, with both versions.
fn changed(before: &[(&str, String)], after: &[(&str, String)]) -> Option<String> {
    before
        .iter()
        .zip(after)
        .find(|(b, a)| b.1 != a.1)
        .map(|(b, a)| format!("{} changed:\n  before {}\n  after  {}", b.0, b.1, a.1))
}

/// Every answerable field of a review form page, filled in.
fn fill_form(page: &Page, rating: &str, text: &str) -> Vec<(String, String)> {
    let mut radios: Vec<String> = page.select_attrs("input[type=radio][name^=r_]", "name");
    radios.sort();
    radios.dedup();
    let mut out: Vec<(String, String)> = radios
        .into_iter()
        .map(|n| (n, rating.to_string()))
        .collect();
    for name in page.select_attrs("textarea[name^=b_]", "name") {
        out.push((name, text.to_string()));
    }
    for hidden in [
        "new_strength_id",
        "new_weakness_id",
        "new_goal_id",
        "version",
    ] {
        if let Some(v) = page.attr(&format!("input[name={hidden}]"), "value") {
            out.push((hidden.to_string(), v));
        }
    }
    out
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// One POST of the matrix: who may send it (at which step) is decided by
/// `allowed`; everyone else must be refused and change nothing.
struct Action {
    name: &'static str,
    path: String,
    fields: Vec<(String, String)>,
    allowed: fn(usize, Step) -> bool,
}

fn action(
    name: &'static str,
    path: String,
    fields: &[(&str, &str)],
    allowed: fn(usize, Step) -> bool,
) -> Action {
    Action {
        name,
        path,
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        allowed,
    }
}

/// The action's own person after its step: the review moved on, so the
/// answer is 409 ("it has moved on"; a save gets the page that keeps what
/// was typed), not 403. Still nothing changes.
fn moved_on(name: &str, actor: usize, step: Step) -> bool {
    match name {
        "save self-assessment" | "submit self-assessment" => {
            actor == AYU && step != Step::SelfDraft
        }
        "save manager review" | "share" => actor == RINA && step == Step::Shared,
        _ => false,
    }
}

const CONFLICT: u16 = 409;

fn hr_only(actor: usize, _: Step) -> bool {
    actor == HR
}

/// The matrix's bookkeeping: cells checked and failures found.
#[derive(Default)]
struct Tally {
    cells: usize,
    failures: Vec<String>,
}

impl Tally {
    /// Check one answer: its status (and, for anonymous visitors sent away,
    /// that they are sent to the sign-in page), and that it shows no text the
    /// actor must not see.
    fn check(&mut self, actor: usize, step: Step, what: &str, want: &[u16], got: &Page) {
        self.cells += 1;
        let who = ACTORS[actor];
        let status = got.status.as_u16();
        if !want.contains(&status) {
            self.failures.push(format!(
                "{step:?} {who} {what}: expected {want:?}, got {status}"
            ));
        }
        if status == SIGN_IN && actor == ANON {
            let to = got.location().unwrap_or_default();
            if !to.starts_with("/sign-in") {
                self.failures.push(format!(
                    "{step:?} {who} {what}: sent to {to:?}, not /sign-in"
                ));
            }
        }
        for mark in [SELF_MARK, PRIVATE_MARK, JOURNAL_MARK, NOTE_MARK] {
            if !may_see(mark, actor, step) && got.contains(mark) {
                self.failures
                    .push(format!("{step:?} {who} {what}: shows {mark}"));
            }
        }
    }

    /// A page that must show `mark` (so that its absence elsewhere means something).
    fn shows(&mut self, step: Step, who: &str, what: &str, page: &Page, mark: &str) {
        if !page.contains(mark) {
            self.failures.push(format!(
                "{step:?} {who} {what}: should show {mark} and does not"
            ));
        }
    }
}

async fn review_journal_cycle_template_mail_matrix(app: TestApp) {
    app.seed_demo();
    let ayu_id = app.person_id("ayu.lestari");
    let budi_id = app.person_id("budi.santoso");
    let (cycle, reviews) = crate::reviews::open_cycle(&app, &["ayu.lestari"]);
    let r = reviews[0].clone();
    let mut browsers = vec![];
    for who in ACTORS {
        browsers.push(if who == "anonymous" {
            let b = app.browser();
            b.get("/sign-in").await;
            b
        } else {
            app.signed_in(who).await
        });
    }
    let (ayu, rina, hr) = (&browsers[AYU], &browsers[RINA], &browsers[HR]);
    let mut tally = Tally::default();

    // Ayu's journal entry and Rina's note about Ayu.
    ayu.get("/journal").await;
    let added = ayu
        .post(
            "/journal",
            &[
                ("entry_on", "2025-06-10"),
                ("kind", "win"),
                ("body", JOURNAL_MARK),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    let journal_id = ayu
        .get("/journal")
        .await
        .attr("[data-entry]", "data-entry")
        .expect("journal entry");
    let notes = format!("/people/{ayu_id}/notes");
    rina.get(&notes).await;
    let added = rina
        .post(
            &notes,
            &[
                ("entry_on", "2025-07-01"),
                ("kind", "note"),
                ("body", NOTE_MARK),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    let note_id = rina
        .get(&notes)
        .await
        .attr("[data-entry]", "data-entry")
        .expect("note");

    // HR's draft cycle (for Dimas's team) and a draft copy of the template.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive();
    let d = |n: i64| (today + chrono::Duration::days(n)).to_string();
    let (d0, d7, d14, d18, d21) = (d(0), d(7), d(14), d(18), d(21));
    let template = {
        let mut conn = app.conn();
        cermin::db::cycles::find(&mut conn, &cycle)
            .expect("q")
            .expect("cycle")
            .template_id
    };
    let dimas_id = app.person_id("dimas.prasetyo");
    let cycle_fields: Vec<(&str, &str)> = vec![
        ("name", "Evaluasi Tim Dimas"),
        ("template_id", template.as_str()),
        ("opens_on", d0.as_str()),
        ("self_due_on", d7.as_str()),
        ("manager_due_on", d14.as_str()),
        ("ack_due_on", d18.as_str()),
        ("closes_on", d21.as_str()),
        ("reminder_days", "7,2,0"),
        ("rule", "manager"),
        ("manager_id", dimas_id.as_str()),
    ];
    hr.get("/cycles/new").await;
    let created = hr.post("/cycles", &cycle_fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let draft = created
        .location()
        .expect("redirect")
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_start_matches("/cycles/")
        .to_string();
    hr.get(&format!("/templates/{template}/copy")).await;
    let copied = hr
        .post(
            &format!("/templates/{template}/copy"),
            &[("name", "Salinan untuk uji akses")],
        )
        .await;
    assert_eq!(copied.status, StatusCode::SEE_OTHER, "{}", copied.text);
    let tpl = copied
        .location()
        .expect("redirect")
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_start_matches("/templates/")
        .trim_end_matches("/edit")
        .to_string();
    let (section, question, competency) = {
        let mut conn = app.conn();
        let form = cermin::db::forms::load_form(&mut conn, &tpl)
            .expect("q")
            .expect("the copy");
        let competency = cermin::db::forms::competencies(&mut conn, false)
            .expect("q")
            .remove(0)
            .id;
        (
            form.sections[0].0.id.clone(),
            form.sections[0].1[0].id.clone(),
            competency,
        )
    };
    let mail_id: String = {
        use diesel::prelude::*;
        cermin::db::schema::email_outbox::table
            .select(cermin::db::schema::email_outbox::id)
            .first(&mut *app.conn())
            .expect("an invitation in the outbox")
    };
    let preview = hr
        .get("/mail/previews")
        .await
        .select_attrs("a[href^='/mail/previews/']", "href")
        .into_iter()
        .find(|h| !h.ends_with("/html"))
        .expect("a preview link");

    // Pages whose answer does not depend on the step of the review.
    let hr_only_pages: Vec<String> = vec![
        "/cycles".into(),
        "/cycles/new".into(),
        format!("/cycles/{cycle}"),
        format!("/cycles/{draft}"),
        format!("/cycles/{draft}/edit"),
        format!("/cycles/{cycle}/dates"),
        format!("/cycles/{cycle}/close"),
        format!("/cycles/{cycle}/calibration/settings"),
        "/templates".into(),
        format!("/templates/{template}"),
        format!("/templates/{tpl}"),
        format!("/templates/{tpl}/edit"),
        format!("/templates/{tpl}/copy"),
        format!("/templates/{tpl}/sections/new"),
        format!("/templates/{tpl}/sections/{section}/edit"),
        format!("/templates/{tpl}/sections/{section}/delete"),
        format!("/templates/{tpl}/sections/{section}/questions/new"),
        format!("/templates/{tpl}/questions/{question}/edit"),
        format!("/templates/{tpl}/questions/{question}/delete"),
        "/competencies".into(),
        "/competencies/new".into(),
        format!("/competencies/{competency}/edit"),
        "/mail".into(),
        "/mail/previews".into(),
        preview.clone(),
        format!("{preview}/html"),
        format!("/mail/{mail_id}"),
    ];
    // Journal and notes pages: (path, who gets 200).
    let journal_pages: Vec<(String, &[usize])> = vec![
        ("/journal".into(), &[AYU, BUDI, RINA, DIMAS, HR]),
        (format!("/journal/{journal_id}/edit"), &[AYU]),
        (format!("/journal/{journal_id}/delete"), &[AYU]),
        (notes.clone(), &[RINA, HR]),
        (format!("/journal/{note_id}/edit"), &[RINA]),
        (format!("/journal/{note_id}/delete"), &[RINA]),
    ];
    // Pages everyone signed in has, where another person's text could leak.
    let everyday: Vec<(String, &[usize])> = vec![
        ("/".into(), &[AYU, BUDI, RINA, DIMAS, HR]),
        ("/team".into(), &[RINA, DIMAS, HR]),
        ("/history".into(), &[AYU, BUDI, RINA, DIMAS, HR]),
        (format!("/history/{ayu_id}"), &[AYU, RINA, HR]),
        (format!("/people/{ayu_id}"), &[AYU, RINA, HR]),
        // The download page: HR, and the manager who writes a review in it.
        (format!("/cycles/{cycle}/export"), &[RINA, HR]),
    ];

    // The actions, with who may send them when. Refused ones are sent by
    // everyone else, at every step, and must change nothing.
    let review_actions = [
        action(
            "save self-assessment",
            format!("/reviews/{r}/self"),
            &[("action", "save")],
            |a, s| a == AYU && s == Step::SelfDraft,
        ),
        action(
            "submit self-assessment",
            format!("/reviews/{r}/self/submit"),
            &[],
            |a, s| a == AYU && s == Step::SelfDraft,
        ),
        action(
            "save manager review",
            format!("/reviews/{r}/manager"),
            &[("action", "save")],
            |a, s| a == RINA && s != Step::Shared,
        ),
        action("share", format!("/reviews/{r}/share"), &[], |a, s| {
            a == RINA && s == Step::ManagerDraft
        }),
        action(
            "acknowledge",
            format!("/reviews/{r}/acknowledge"),
            &[("response", ATTACK)],
            |a, s| a == AYU && s == Step::Shared,
        ),
        action(
            "publish team summary",
            format!("/reviews/{r}/team-summary"),
            &[("summary", ATTACK), ("publish", "1")],
            |_, _| false,
        ),
        action(
            "reopen",
            format!("/cycles/{cycle}/reviews/{r}/reopen"),
            &[("to", "employee"), ("reason", ATTACK)],
            hr_only,
        ),
        action(
            "remove from cycle",
            format!("/cycles/{cycle}/reviews/{r}/remove"),
            &[],
            hr_only,
        ),
    ];
    let other_actions = vec![
        action("create cycle", "/cycles".into(), &cycle_fields, hr_only),
        action(
            "edit cycle",
            format!("/cycles/{draft}/edit"),
            &cycle_fields,
            hr_only,
        ),
        action(
            "launch cycle",
            format!("/cycles/{draft}/launch"),
            &[],
            hr_only,
        ),
        action(
            "delete cycle",
            format!("/cycles/{draft}/delete"),
            &[],
            hr_only,
        ),
        action(
            "add participant",
            format!("/cycles/{cycle}/participants"),
            &[("person_id", budi_id.as_str())],
            hr_only,
        ),
        action(
            "move dates",
            format!("/cycles/{cycle}/dates"),
            &[
                ("opens_on", d0.as_str()),
                ("self_due_on", d14.as_str()),
                ("manager_due_on", d18.as_str()),
                ("ack_due_on", d21.as_str()),
                ("closes_on", d(28).as_str()),
            ],
            hr_only,
        ),
        action(
            "set reminders",
            format!("/cycles/{cycle}/reminders"),
            &[("reminder_days", "1")],
            hr_only,
        ),
        action(
            "close cycle",
            format!("/cycles/{cycle}/close"),
            &[],
            hr_only,
        ),
        action(
            "rename template",
            format!("/templates/{tpl}"),
            &[("name", ATTACK), ("description", ATTACK)],
            hr_only,
        ),
        action(
            "copy template",
            format!("/templates/{tpl}/copy"),
            &[("name", ATTACK)],
            hr_only,
        ),
        action(
            "new template version",
            format!("/templates/{template}/new-version"),
            &[],
            hr_only,
        ),
        action(
            "archive template",
            format!("/templates/{tpl}/archive"),
            &[],
            hr_only,
        ),
        action(
            "unarchive template",
            format!("/templates/{tpl}/unarchive"),
            &[],
            hr_only,
        ),
        action(
            "add section",
            format!("/templates/{tpl}/sections"),
            &[("title_id", ATTACK), ("title_en", ATTACK)],
            hr_only,
        ),
        action(
            "edit section",
            format!("/templates/{tpl}/sections/{section}"),
            &[("title_id", ATTACK), ("title_en", ATTACK)],
            hr_only,
        ),
        action(
            "move section",
            format!("/templates/{tpl}/sections/{section}/move"),
            &[("direction", "down")],
            hr_only,
        ),
        action(
            "delete section",
            format!("/templates/{tpl}/sections/{section}/delete"),
            &[],
            hr_only,
        ),
        action(
            "add question",
            format!("/templates/{tpl}/sections/{section}/questions"),
            &[
                ("kind", "text"),
                ("side", "both"),
                ("prompt_id", ATTACK),
                ("prompt_en", ATTACK),
            ],
            hr_only,
        ),
        action(
            "edit question",
            format!("/templates/{tpl}/questions/{question}"),
            &[
                ("kind", "text"),
                ("side", "both"),
                ("prompt_id", ATTACK),
                ("prompt_en", ATTACK),
            ],
            hr_only,
        ),
        action(
            "move question",
            format!("/templates/{tpl}/questions/{question}/move"),
            &[("direction", "down")],
            hr_only,
        ),
        action(
            "delete question",
            format!("/templates/{tpl}/questions/{question}/delete"),
            &[],
            hr_only,
        ),
        action(
            "add competency",
            "/competencies/new".into(),
            &[("name_id", ATTACK), ("name_en", ATTACK), ("active", "on")],
            hr_only,
        ),
        action(
            "edit competency",
            format!("/competencies/{competency}/edit"),
            &[("name_id", ATTACK), ("name_en", ATTACK), ("active", "on")],
            hr_only,
        ),
        action("send test email", "/mail/test".into(), &[], hr_only),
        action(
            "download results",
            format!("/cycles/{cycle}/export"),
            &[("kind", "results_csv")],
            |a, _| a == RINA || a == HR,
        ),
        action(
            "download results with private comments",
            format!("/cycles/{cycle}/export"),
            &[("kind", "results_csv"), ("include_private", "1")],
            |a, _| a == HR,
        ),
        // With nothing ticked: take away a calibration step the cycle does
        // not have (changes nothing when allowed, so the steps go on).
        action(
            "calibration settings",
            format!("/cycles/{cycle}/calibration/settings"),
            &[],
            hr_only,
        ),
        action(
            "retry email",
            format!("/mail/{mail_id}/retry"),
            &[],
            hr_only,
        ),
        action(
            "write journal entry",
            "/journal".into(),
            &[
                ("entry_on", "2025-06-12"),
                ("kind", "win"),
                ("body", ATTACK),
            ],
            |a, _| a != ANON,
        ),
        action(
            "edit journal entry",
            format!("/journal/{journal_id}/edit"),
            &[
                ("entry_on", "2025-06-12"),
                ("kind", "win"),
                ("body", ATTACK),
            ],
            |a, _| a == AYU,
        ),
        action(
            "delete journal entry",
            format!("/journal/{journal_id}/delete"),
            &[],
            |a, _| a == AYU,
        ),
        action(
            "write note",
            notes.clone(),
            &[
                ("entry_on", "2025-07-02"),
                ("kind", "note"),
                ("body", ATTACK),
            ],
            |a, _| a == RINA,
        ),
        action(
            "edit note",
            format!("/journal/{note_id}/edit"),
            &[
                ("entry_on", "2025-07-02"),
                ("kind", "note"),
                ("body", ATTACK),
            ],
            |a, _| a == RINA,
        ),
        action(
            "delete note",
            format!("/journal/{note_id}/delete"),
            &[],
            |a, _| a == RINA,
        ),
    ];

    let review_pages = [
        format!("/reviews/{r}"),
        format!("/reviews/{r}/self"),
        format!("/reviews/{r}/self/check"),
        format!("/reviews/{r}/manager"),
        format!("/reviews/{r}/manager/check"),
    ];

    for step in [Step::SelfDraft, Step::ManagerDraft, Step::Shared] {
        // Bring the review to this step, with the marks written.
        match step {
            Step::SelfDraft => {
                let form = ayu.get(&format!("/reviews/{r}/self")).await;
                let first = form.select_attrs("textarea[name^=b_]", "name").remove(0);
                let version = form.attr("input[name=version]", "value").expect("version");
                let saved = ayu
                    .post(
                        &format!("/reviews/{r}/self"),
                        &[
                            (first.as_str(), SELF_MARK),
                            ("version", version.as_str()),
                            ("action", "save"),
                        ],
                    )
                    .await;
                assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
                let again = ayu.get(&format!("/reviews/{r}/self")).await;
                tally.shows(step, "ayu", "self-assessment", &again, SELF_MARK);
            }
            Step::ManagerDraft => {
                let form = ayu.get(&format!("/reviews/{r}/self")).await;
                let mut fields = fill_form(&form, "4", SELF_MARK);
                for (k, v) in [
                    ("new_strength_body", "Tenang saat pelanggan marah"),
                    ("new_weakness_body", "Belum hafal kebijakan retur"),
                    ("new_goal_title", "Menguasai kebijakan retur"),
                    ("new_goal_support", "Pelatihan singkat"),
                    ("action", "check"),
                ] {
                    fields.push((k.into(), v.into()));
                }
                let checked = ayu
                    .post(&format!("/reviews/{r}/self"), &pairs(&fields))
                    .await;
                assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.text);
                ayu.get(&format!("/reviews/{r}/self/check")).await;
                let submitted = ayu.post(&format!("/reviews/{r}/self/submit"), &[]).await;
                assert_eq!(
                    submitted.status,
                    StatusCode::SEE_OTHER,
                    "{}",
                    submitted.text
                );

                let form = rina.get(&format!("/reviews/{r}/manager")).await;
                let mut fields = fill_form(&form, "3", "Penilaian atasan: konsisten.");
                let mut stances = form.select_attrs("input[type=radio][name$=_stance]", "name");
                stances.dedup();
                for s in stances {
                    fields.push((s, "agree".into()));
                }
                let sections = form.select_attrs("input[name^=new_comment_][name$=_id]", "name");
                let section = sections[0].clone();
                let sid = section
                    .trim_start_matches("new_comment_")
                    .trim_end_matches("_id")
                    .to_string();
                let value = form
                    .attr(&format!("input[name={section}]"), "value")
                    .expect("comment id");
                fields.push((section.clone(), value));
                fields.push((format!("new_comment_{sid}_body"), PRIVATE_MARK.into()));
                fields.push((format!("new_comment_{sid}_visibility"), "private".into()));
                fields.push(("action".into(), "save".into()));
                let saved = rina
                    .post(&format!("/reviews/{r}/manager"), &pairs(&fields))
                    .await;
                assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
                let again = rina.get(&format!("/reviews/{r}/manager")).await;
                tally.shows(step, "rina", "manager review", &again, PRIVATE_MARK);
                tally.shows(step, "rina", "manager review", &again, SELF_MARK);
            }
            Step::Shared => {
                let form = rina.get(&format!("/reviews/{r}/manager")).await;
                let mut fields = fill_form(&form, "3", "Penilaian atasan: konsisten.");
                fields.push(("action".into(), "check".into()));
                let checked = rina
                    .post(&format!("/reviews/{r}/manager"), &pairs(&fields))
                    .await;
                assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.text);
                rina.get(&format!("/reviews/{r}/manager/check")).await;
                let shared = rina.post(&format!("/reviews/{r}/share"), &[]).await;
                assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.text);
                let view = hr.get(&format!("/reviews/{r}")).await;
                tally.shows(step, "hr", "review", &view, PRIVATE_MARK);
                tally.shows(step, "hr", "review", &view, SELF_MARK);
            }
        }

        // Review pages.
        for (actor, b) in browsers.iter().enumerate() {
            for (page, path) in review_pages.iter().enumerate() {
                let want = review_page_status(actor, page, step);
                let got = b.get(path).await;
                tally.check(actor, step, &format!("GET {path}"), &[want], &got);
            }
        }
        // Everyday pages at every step; the others once.
        for (actor, b) in browsers.iter().enumerate() {
            let mut list: Vec<(&str, u16)> = everyday
                .iter()
                .map(|(p, ok)| (p.as_str(), status_for(actor, ok)))
                .collect();
            if step == Step::Shared {
                list.extend(
                    journal_pages
                        .iter()
                        .map(|(p, ok)| (p.as_str(), status_for(actor, ok))),
                );
                list.extend(
                    hr_only_pages
                        .iter()
                        .map(|p| (p.as_str(), status_for(actor, &[HR]))),
                );
            }
            for (path, want) in list {
                let got = b.get(path).await;
                tally.check(actor, step, &format!("GET {path}"), &[want], &got);
            }
        }
        // Each mark where it belongs (the absence checks above mean something).
        if step == Step::Shared {
            let j = ayu.get("/journal").await;
            tally.shows(step, "ayu", "journal", &j, JOURNAL_MARK);
            let n = hr.get(&notes).await;
            tally.shows(step, "hr", "notes", &n, NOTE_MARK);
        }

        // Refused actions change nothing.
        let mut actions: Vec<&Action> = review_actions.iter().collect();
        if step == Step::Shared {
            actions.extend(other_actions.iter());
        }
        for a in actions {
            for (actor, b) in browsers.iter().enumerate() {
                if (a.allowed)(actor, step) {
                    continue;
                }
                let before = stored_state(&app);
                let got = b.post(&a.path, &pairs(&a.fields)).await;
                let want: &[u16] = if actor == ANON {
                    &[SIGN_IN, NO]
                } else if moved_on(a.name, actor, step) {
                    &[CONFLICT]
                } else {
                    &[NO]
                };
                tally.check(
                    actor,
                    step,
                    &format!("POST {} ({})", a.path, a.name),
                    want,
                    &got,
                );
                if got.contains(ATTACK) {
                    tally.failures.push(format!(
                        "{step:?} {} {}: the refused input is shown back",
                        ACTORS[actor], a.name
                    ));
                }
                if let Some(change) = changed(&before, &stored_state(&app)) {
                    tally.failures.push(format!(
                        "{step:?} {} {}: a refused action changed {change}",
                        ACTORS[actor], a.name
                    ));
                }
            }
        }
    }
    eprintln!("authorization matrix: {} cells", tally.cells);
    assert!(
        tally.failures.is_empty(),
        "{} of {} cells failed:\n{}",
        tally.failures.len(),
        tally.cells,
        tally.failures.join("\n")
    );
}

/// 200 for the listed actors, the sign-in page for anonymous visitors, 403
/// for everyone else.
fn status_for(actor: usize, ok: &[usize]) -> u16 {
    if actor == ANON {
        SIGN_IN
    } else if ok.contains(&actor) {
        OK
    } else {
        NO
    }
}

/// The review pages, in order: the review, the self-assessment, its check
/// page, the manager's form, its check page.
fn review_page_status(actor: usize, page: usize, step: Step) -> u16 {
    const VIEW: usize = 0;
    const SELF: usize = 1;
    const SELF_CHECK: usize = 2;
    const MANAGER: usize = 3;
    const MANAGER_CHECK: usize = 4;
    let ok: &[usize] = match (page, step) {
        (VIEW, _) => &[AYU, RINA, HR],
        // A draft stays with its author; once submitted, the manager and
        // HR read it (read-only).
        (SELF, Step::SelfDraft) => &[AYU],
        (SELF, _) => &[AYU, RINA, HR],
        (SELF_CHECK, Step::SelfDraft) => &[AYU],
        (SELF_CHECK, _) => &[],
        (MANAGER, _) => &[RINA, HR],
        // The manager's check page, only while there is a draft to check.
        (MANAGER_CHECK, Step::ManagerDraft) => &[RINA],
        (MANAGER_CHECK, _) => &[],
        _ => &[],
    };
    status_for(actor, ok)
}

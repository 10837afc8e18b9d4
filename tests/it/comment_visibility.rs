//! Before an irreversible share the manager sees what will be shared: every
//! comment with who can read it. A comment's visibility is always the
//! manager's choice: one written without a choice is kept as a draft, shared
//! with nobody, and the review cannot be shared until it is chosen.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(
    a_comment_without_a_visibility_is_kept_but_never_shared,
    strengths_help_asks_for_one_strength_per_box,
    an_existing_database_gets_the_new_strengths_help,
);

const UNCHOSEN: &str = "Usulan Ayu soal skrip telepon akan saya bawa ke rapat tim";
const PRIVATE: &str = "Catatan rahasia: bahas jadwal shift pagi dengan SDM";
const EDITED: &str = "Usulan Ayu soal skrip telepon sudah saya bawa ke rapat tim";

/// Ayu's review, at the manager's step, with nothing required (the test is
/// about comments); returns the review id.
async fn at_the_managers_step(app: &TestApp) -> String {
    app.seed_demo();
    app.exec("UPDATE form_questions SET required = false");
    let (_, reviews) = open_cycle(app, &["ayu.lestari"]);
    let review = reviews[0].clone();
    let ayu = app.signed_in("ayu.lestari").await;
    ayu.get(&format!("/reviews/{review}/self/check")).await;
    let submitted = ayu
        .post(&format!("/reviews/{review}/self/submit"), &[])
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.text
    );
    review
}

/// The new-comment fields of the `n`th section of a manager form: (id
/// field, its value, body field, visibility field).
fn new_comment(form: &Page, n: usize) -> (String, String, String, String) {
    let id_field = form.select_attrs("input[name^=new_comment_][name$=_id]", "name")[n].clone();
    let sid = id_field
        .trim_start_matches("new_comment_")
        .trim_end_matches("_id")
        .to_string();
    let value = form
        .attr(&format!("input[name={id_field}]"), "value")
        .expect("comment id");
    (
        id_field,
        value,
        format!("new_comment_{sid}_body"),
        format!("new_comment_{sid}_visibility"),
    )
}

async fn a_comment_without_a_visibility_is_kept_but_never_shared(app: TestApp) {
    let review = at_the_managers_step(&app).await;
    let rina = app.signed_in("rina.marlina").await;
    let form = rina.get(&format!("/reviews/{review}/manager")).await;
    assert_eq!(form.status, StatusCode::OK);
    // No visibility is chosen for the manager beforehand.
    assert!(
        form.select_attrs("input[type=radio][name^=new_comment_][checked]", "name")
            .is_empty(),
        "a new comment's visibility is chosen, never preset"
    );
    let version = form.attr("input[name=version]", "value").expect("version");

    // One comment with no choice (as autosave would post it while typing),
    // one chosen private.
    let (id0, v0, body0, _) = new_comment(&form, 0);
    let (id1, v1, body1, vis1) = new_comment(&form, 1);
    let saved = rina
        .post(
            &format!("/reviews/{review}/manager"),
            &[
                (id0.as_str(), v0.as_str()),
                (body0.as_str(), UNCHOSEN),
                (id1.as_str(), v1.as_str()),
                (body1.as_str(), PRIVATE),
                (vis1.as_str(), "private"),
                ("version", version.as_str()),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    // The text is kept, with neither radio checked and a message beside them.
    let form = rina.get(&format!("/reviews/{review}/manager")).await;
    assert!(form.contains(UNCHOSEN), "nothing typed is lost");
    let checked = form.select_attrs(&format!("input[name=c_{v0}_visibility][checked]"), "value");
    assert!(checked.is_empty(), "still no choice: {checked:?}");
    let beside = form.select_texts(&format!("#c-{v0}-error"));
    assert_eq!(beside.len(), 1, "a message beside the radios");
    assert!(beside[0].contains("Pilih siapa yang dapat membaca komentar ini"));
    assert_eq!(
        form.select_attrs(&format!("input[name=c_{v1}_visibility][checked]"), "value"),
        vec!["private".to_string()]
    );

    // The check page says who can read each comment, and what is not chosen.
    let check = rina.get(&format!("/reviews/{review}/manager/check")).await;
    assert_eq!(check.status, StatusCode::OK);
    let unchosen = check.select_texts(&format!("[data-check-comment=\"{v0}\"]"));
    assert!(
        unchosen[0].contains("Belum dipilih") && unchosen[0].contains("Anda dan SDM"),
        "{unchosen:?}"
    );
    let private = check.select_texts(&format!("[data-check-comment=\"{v1}\"]"));
    assert!(
        private[0].contains("Hanya dapat dibaca oleh Anda dan SDM")
            && private[0].contains("Ayu Lestari tidak akan melihatnya"),
        "{private:?}"
    );

    // Share is refused, naming the comment and linking to its choice.
    let refused = rina.post(&format!("/reviews/{review}/share"), &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("<title>Perlu diperbaiki:"));
    let links = refused.select_attrs("[data-unchosen-list] a", "href");
    assert_eq!(
        links,
        vec![format!("/reviews/{review}/manager#c-{v0}")],
        "{}",
        refused.text
    );
    assert!(refused.select_texts("[data-unchosen-list] a")[0].contains("Usulan Ayu soal skrip"));
    // Nothing was shared: the review is still the manager's, and Ayu does
    // not read it.
    assert!(app.audit_actions().iter().all(|a| a != "review.shared"));
    let ayu = app.signed_in("ayu.lestari").await;
    let view = ayu.get(&format!("/reviews/{review}")).await;
    assert!(!view.contains(UNCHOSEN) && !view.contains(PRIVATE));

    // The command refuses too, inside its transaction, whatever the page did.
    {
        let mut conn = app.conn();
        let rina_id = app.person_id("rina.marlina");
        let r = cermin::app::reviews::share(
            &mut conn,
            &cermin::app::Actor {
                id: rina_id,
                role: cermin::domain::Role::Manager,
            },
            clock_on(
                chrono::Utc::now()
                    .with_timezone(&chrono_tz::Asia::Jakarta)
                    .date_naive(),
            ),
            &cermin::domain::ReviewId::from_stored(review.as_str()),
        );
        assert!(
            matches!(r, Err(cermin::app::Error::Unchosen(ref ids)) if ids == &vec![v0.clone()]),
            "{r:?}"
        );
    }

    // Saving again without a choice (autosave) keeps the text and the
    // missing choice; choosing "shared" then lets the review go.
    let form = rina.get(&format!("/reviews/{review}/manager")).await;
    let version = form.attr("input[name=version]", "value").expect("version");
    let body = format!("c_{v0}_body");
    let autosaved = rina
        .post(
            &format!("/reviews/{review}/manager"),
            &[
                (body.as_str(), EDITED),
                ("version", version.as_str()),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(autosaved.status, StatusCode::SEE_OTHER);
    let form = rina.get(&format!("/reviews/{review}/manager")).await;
    assert!(form.contains(EDITED));
    assert_eq!(form.select_texts(&format!("#c-{v0}-error")).len(), 1);
    let version = form.attr("input[name=version]", "value").expect("version");
    let vis = format!("c_{v0}_visibility");
    let chosen = rina
        .post(
            &format!("/reviews/{review}/manager"),
            &[
                (body.as_str(), EDITED),
                (vis.as_str(), "shared"),
                ("version", version.as_str()),
                ("action", "check"),
            ],
        )
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.text);
    let check = rina.get(&format!("/reviews/{review}/manager/check")).await;
    let shared = check.select_texts(&format!("[data-check-comment=\"{v0}\"]"));
    assert!(
        shared[0].contains("Dapat dibaca oleh Ayu Lestari, Anda, dan SDM"),
        "{shared:?}"
    );
    let done = rina.post(&format!("/reviews/{review}/share"), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);

    // Ayu reads the shared comment, never the private one.
    let view = ayu.get(&format!("/reviews/{review}")).await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(view.contains(EDITED), "the shared comment");
    assert!(!view.contains(PRIVATE), "the private comment stays private");
    let hr = app.signed_in("sari.wulandari").await;
    assert!(hr
        .get(&format!("/reviews/{review}"))
        .await
        .contains(PRIVATE));
}

const NEW_HELP_ID: &str = "Tulis setiap kekuatan di kotak tersendiri";
const NEW_HELP_EN: &str = "Write each strength in its own box";
const OLD_HELP_ID: &str =
    "Apa yang Anda lakukan dengan baik? Tulis satu kekuatan per baris; kaitkan dengan kompetensi bila cocok.";
const OLD_HELP_EN: &str =
    "What do you do well? One strength per entry; link it to a competency where it fits.";
const OLD_MANAGER_ID: &str = "Apa yang dilakukan {name} dengan baik? Tanggapi setiap kekuatan yang ditulis {name}, lalu tambahkan yang Anda lihat sendiri.";
const OLD_MANAGER_EN: &str = "What does {name} do well? Respond to each strength on {name}'s list, then add any you have seen yourself.";

async fn strengths_help_asks_for_one_strength_per_box(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let ayu = app.signed_in("ayu.lestari").await;
    let own = ayu.get(&format!("/reviews/{}/self", reviews[0])).await;
    assert!(own.contains(NEW_HELP_ID), "a fresh database: the new text");
    assert!(!own.contains("per baris"));
    ayu.post("/me/language", &[("lang", "en")]).await;
    let own = ayu.get(&format!("/reviews/{}/self", reviews[0])).await;
    assert!(own.contains(NEW_HELP_EN));
}

async fn an_existing_database_gets_the_new_strengths_help(app: TestApp) {
    app.seed_demo();
    // A database from before: the default template, not yet used, holds the
    // old built-in text for both sides; a copy HR edited keeps its own.
    app.exec(&format!(
        "UPDATE form_sections SET help_id = '{OLD_HELP_ID}', help_en = '{OLD_HELP_EN}', \
         manager_help_id = '{}', manager_help_en = '{}' WHERE help_en LIKE 'What do you do well?%'",
        OLD_MANAGER_ID.replace('\'', "''"),
        OLD_MANAGER_EN.replace('\'', "''"),
    ));
    {
        let mut conn = app.conn();
        cermin::defaults::ensure(&mut conn).expect("ensure");
        // Run again: nothing more to do.
        cermin::defaults::ensure(&mut conn).expect("ensure twice");
    }
    app.exec("UPDATE form_questions SET required = false");
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    let ayu = app.signed_in("ayu.lestari").await;
    let own = ayu.get(&format!("/reviews/{review}/self")).await;
    assert!(own.contains(NEW_HELP_ID), "the employee's new text");
    assert!(!own.contains("per baris"));
    ayu.get(&format!("/reviews/{review}/self/check")).await;
    let submitted = ayu
        .post(&format!("/reviews/{review}/self/submit"), &[])
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    let rina = app.signed_in("rina.marlina").await;
    let form = rina.get(&format!("/reviews/{review}/manager")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.contains("lalu tambahkan yang Anda lihat sendiri, masing-masing di kotak tersendiri"),
        "the manager's new text"
    );

    // A template frozen by a launched cycle keeps the text its cycle asks.
    app.exec(&format!(
        "UPDATE form_sections SET help_id = '{OLD_HELP_ID}', help_en = '{OLD_HELP_EN}' \
         WHERE help_en LIKE 'What do you do well?%'"
    ));
    let before: i64 = count_old(&app);
    {
        let mut conn = app.conn();
        cermin::defaults::ensure(&mut conn).expect("ensure");
    }
    assert_eq!(
        count_old(&app),
        before,
        "the frozen template keeps its text"
    );
    assert!(before >= 1);
}

fn count_old(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = app.conn();
    diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM form_sections WHERE help_en = '{OLD_HELP_EN}'"
    ))
    .get_result::<N>(&mut *conn)
    .expect("count")
    .n
}

//! The self-assessment as a long form on a phone, over HTTP: the list of
//! sections with progress and marks computed from what is saved, Save draft
//! coming back to the section it was pressed in, one rule for marking
//! optional answers, and the journal as evidence before the end of the form.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(
    section_list_shows_progress_from_what_is_saved,
    save_draft_comes_back_to_where_it_was_pressed,
    optional_answers_are_marked_and_evidence_comes_before_the_end,
);

/// One section of the form page as the person sees it.
#[derive(Debug)]
struct Section {
    id: String,
    /// (question id, kind, required)
    questions: Vec<(String, String, bool)>,
}

fn sections(page: &Page) -> Vec<Section> {
    let doc = scraper::Html::parse_document(&page.text);
    let sec = scraper::Selector::parse("form#review-form section[data-section]").expect("css");
    let q = scraper::Selector::parse("[data-question]").expect("css");
    doc.select(&sec)
        .map(|s| Section {
            id: s.value().attr("data-section").expect("id").to_string(),
            questions: s
                .select(&q)
                .map(|e| {
                    let id = e.value().attr("id").expect("question id");
                    (
                        id.trim_start_matches("q-").to_string(),
                        e.value().attr("data-question").expect("kind").to_string(),
                        e.value().attr("data-required").is_some(),
                    )
                })
                .collect(),
        })
        .filter(|s| !s.questions.is_empty())
        .collect()
}

/// The status tag of a section, in the list at the top and at the section.
fn tags(page: &Page, section: &str) -> Vec<String> {
    page.select_texts(&format!("[data-section-tag='{section}']"))
}

fn progress(page: &Page) -> String {
    page.select_texts("nav[data-progress] [data-progress-text]")
        .join(" ")
}

async fn save(b: &Browser, path: &str, page: &Page, fields: &[(&str, &str)]) -> Page {
    let version = page.attr("input[name=version]", "value").expect("version");
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    b.post(path, &all).await
}

async fn section_list_shows_progress_from_what_is_saved(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let path = format!("/reviews/{}/self", reviews[0]);
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);

    let all = sections(&form);
    let total = all.len();
    assert!(total >= 6, "the default form has many sections: {all:?}");
    // The list names every section once and jumps to it.
    let links = form.select_attrs("nav[data-progress] .task-list a", "href");
    let expected: Vec<String> = all.iter().map(|s| format!("#s-{}", s.id)).collect();
    assert_eq!(links, expected, "one link per section, in order");
    assert_eq!(progress(&form), format!("0 dari {total} bagian selesai"));
    for s in &all {
        let required = s.questions.iter().any(|q| q.2);
        let want = if required {
            "Belum diisi"
        } else {
            "Tidak wajib"
        };
        assert_eq!(tags(&form, &s.id), vec![want; 2], "section {s:?}");
    }

    // The first section: every question answered.
    let first = &all[0];
    let mut fields: Vec<(String, String)> = vec![];
    for (q, kind, _) in &first.questions {
        match kind.as_str() {
            "rating" | "competency_rating" => fields.push((format!("r_{q}"), "4".into())),
            "text" => fields.push((format!("b_{q}"), "Saya menutup 9 dari 10 tiket.".into())),
            other => panic!("the first section asks plain questions, not {other}"),
        }
    }
    let action = format!("save:{}", first.id);
    fields.push(("action".into(), action.clone()));
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let saved = save(&ayu, &path, &form, &f).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    // A section with many ratings: one answered, the rest still to do.
    let many = all
        .iter()
        .find(|s| s.questions.len() > 2 && s.questions.iter().all(|q| q.2))
        .expect("a section of required ratings (competencies)");
    let form = ayu.get(&path).await;
    let one = format!("r_{}", many.questions[0].0);
    let saved = save(
        &ayu,
        &path,
        &form,
        &[(one.as_str(), "3"), ("action", "save")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    // An optional section, answered: done.
    let optional = all
        .iter()
        .find(|s| s.questions.iter().all(|q| !q.2))
        .expect("an optional section");
    let form = ayu.get(&path).await;
    let text = format!("b_{}", optional.questions[0].0);
    let saved = save(
        &ayu,
        &path,
        &form,
        &[
            (text.as_str(), "Alat tiket yang lebih cepat."),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    let form = ayu.get(&path).await;
    assert_eq!(progress(&form), format!("2 dari {total} bagian selesai"));
    assert_eq!(tags(&form, &first.id), vec!["Selesai"; 2]);
    assert_eq!(tags(&form, &many.id), vec!["Belum lengkap"; 2]);
    assert_eq!(tags(&form, &optional.id), vec!["Selesai"; 2]);

    // A strength listed: its section is done too, counted from the saved row.
    let strengths = all
        .iter()
        .find(|s| s.questions.iter().any(|q| q.1 == "strengths"))
        .expect("the strengths section");
    let id = form
        .attr("input[name=new_strength_id]", "value")
        .expect("new strength id");
    let saved = save(
        &ayu,
        &path,
        &form,
        &[
            ("new_strength_id", id.as_str()),
            ("new_strength_body", "Tenang saat pelanggan marah."),
            ("action", "add_strength"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let form = ayu.get(&path).await;
    assert_eq!(tags(&form, &strengths.id), vec!["Selesai"; 2]);
    assert_eq!(progress(&form), format!("3 dari {total} bagian selesai"));

    // In English too.
    app.exec(&format!(
        "UPDATE people SET lang = 'en' WHERE id = '{}'",
        app.person_id("ayu.lestari")
    ));
    let form = ayu.get(&path).await;
    assert_eq!(progress(&form), format!("3 of {total} sections done"));
    assert_eq!(tags(&form, &many.id), vec!["Not finished"; 2]);
}

async fn save_draft_comes_back_to_where_it_was_pressed(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let path = format!("/reviews/{}/self", reviews[0]);
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&path).await;
    let all = sections(&form);

    // Each section ends in its own Save draft, which names the section.
    let buttons = form.select_attrs("section[data-section] button[data-save-draft]", "value");
    let expected: Vec<String> = all.iter().map(|s| format!("save:{}", s.id)).collect();
    assert_eq!(buttons, expected);
    // Enter in a text field presses the form's first button: a plain save,
    // never a row's "Save and add another".
    let first = form
        .select_attrs("form#review-form button[type=submit]", "value")
        .into_iter()
        .next();
    assert_eq!(first.as_deref(), Some("save"));

    let last = all.last().expect("a section");
    let (q, _, _) = &last.questions[0];
    let body = format!("b_{q}");
    let action = format!("save:{}", last.id);
    let saved = save(
        &ayu,
        &path,
        &form,
        &[
            (body.as_str(), "Jawaban terakhir."),
            ("action", action.as_str()),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(
        saved.location(),
        Some(format!("{path}?saved=1#s-{}", last.id).as_str()),
        "back at the section Save draft was pressed in"
    );
    let back = ayu
        .get(
            saved
                .location()
                .expect("redirect")
                .split('#')
                .next()
                .unwrap_or_default(),
        )
        .await;
    assert!(back.contains("Draf tersimpan."));
    assert!(
        back.select_texts(&format!("#s-{} .form-bar [data-saved-at]", last.id))
            .iter()
            .any(|t| t.starts_with("Tersimpan pukul ")),
        "the bar of that section says when it was saved"
    );

    // The script adds the question last worked on.
    let form = back;
    let to = format!("q-{q}");
    let saved = save(
        &ayu,
        &path,
        &form,
        &[("return_to", to.as_str()), ("action", action.as_str())],
    )
    .await;
    assert_eq!(
        saved.location(),
        Some(format!("{path}?saved=1#q-{q}").as_str())
    );
    // Anything else in return_to is not sent back.
    let form = ayu.get(&path).await;
    let saved = save(
        &ayu,
        &path,
        &form,
        &[("return_to", "q-1\"><script>"), ("action", action.as_str())],
    )
    .await;
    assert_eq!(
        saved.location(),
        Some(format!("{path}?saved=1#s-{}", last.id).as_str())
    );
    // A row button goes back to its list.
    let form = ayu.get(&path).await;
    let saved = save(&ayu, &path, &form, &[("action", "add_goal")]).await;
    assert_eq!(
        saved.location(),
        Some(format!("{path}?saved=1#goals").as_str())
    );
}

async fn optional_answers_are_marked_and_evidence_comes_before_the_end(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let path = format!("/reviews/{}/self", reviews[0]);
    let ayu_id = app.person_id("ayu.lestari");
    {
        let mut conn = app.conn();
        let now = cermin::db::now();
        cermin::db::journal::insert(
            &mut conn,
            &cermin::db::journal::JournalRow {
                id: cermin::db::new_id(),
                author_id: ayu_id.clone(),
                subject_id: ayu_id.clone(),
                entry_on: now.date(),
                kind: "win".into(),
                body: "Pelanggan berterima kasih atas penjelasan tagihan.".into(),
                visibility: "private".into(),
                created_at: now,
                updated_at: now,
            },
        )
        .expect("journal entry");
    }
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&path).await;
    assert!(!form.contains("(wajib)"), "required answers carry no mark");
    assert!(
        form.contains("kecuali yang bertanda (opsional)"),
        "the rule is said once, at the top"
    );

    // Every question's title: marked "(opsional)" exactly when it is not
    // required, whatever its kind.
    let doc = scraper::Html::parse_document(&form.text);
    let q = scraper::Selector::parse("[data-question]").expect("css");
    let title = scraper::Selector::parse("legend, label, h3").expect("css");
    let mut kinds = std::collections::BTreeSet::new();
    let mut optional = 0;
    for e in doc.select(&q) {
        let kind = e.value().attr("data-question").expect("kind");
        let required = e.value().attr("data-required").is_some();
        let text: String = e.select(&title).next().expect("a title").text().collect();
        assert_eq!(
            text.contains("(opsional)"),
            !required,
            "{kind} question {text:?}, required: {required}"
        );
        if required {
            kinds.insert(kind.to_string());
        } else {
            optional += 1;
        }
    }
    for kind in ["strengths", "weaknesses", "goals", "rating", "text"] {
        assert!(
            kinds.contains(kind),
            "a required {kind} question: {kinds:?}"
        );
    }
    assert!(optional > 0, "the default form has optional questions");

    // The box for a new strength says one per box; an entry is a strength,
    // not a "catatan" (which is the journal's word).
    assert!(form.contains("Satu kekuatan untuk satu kotak."));
    let id = form
        .attr("input[name=new_strength_id]", "value")
        .expect("new strength id");
    let version = form.attr("input[name=version]", "value").expect("version");
    let saved = ayu
        .post(
            &path,
            &[
                ("version", version.as_str()),
                ("new_strength_id", id.as_str()),
                ("new_strength_body", "Sabar menjelaskan tagihan."),
                ("action", "add_strength"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let form = ayu.get(&path).await;
    let labels = form.select_texts("label[for^=t_][for$=_body]");
    assert_eq!(labels, vec!["Kekuatan 1"]);
    assert!(!form.contains("Catatan 1"));

    // The journal as evidence sits inside the form, before its last buttons.
    let journal = form
        .text
        .find("id=\"journal\"")
        .expect("the evidence section");
    let check = form
        .text
        .find("value=\"check\"")
        .expect("Continue: check your answers");
    assert!(
        journal < check,
        "evidence comes before Continue: {journal} {check}"
    );
    assert_eq!(
        form.select_texts("form#review-form section#journal h2")
            .len(),
        1,
        "the evidence is part of the form"
    );
    let buttons = form.select_attrs("form#review-form button[type=submit]", "value");
    assert_eq!(
        buttons.last().map(String::as_str),
        Some("check"),
        "Continue is the form's last button"
    );
    assert!(
        buttons.iter().any(|b| b.starts_with("evidence:")),
        "an entry to add as evidence: {buttons:?}"
    );
}

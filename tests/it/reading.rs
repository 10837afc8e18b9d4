//! Reading a shared review, as Ayu (the employee), Rina (her manager) and
//! Sari (HR) see it: the manager's summary first, one block per rating with
//! both ratings, the difference in neutral words in each reader's voice, and
//! both sides' evidence; the chart on a 1–5 scale with its numbers in text;
//! and never a private comment for Ayu.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    ayu_reads_her_shared_review,
    manager_and_hr_read_the_same_differences_in_their_own_voice,
);

pub const SUMMARY: &str =
    "Ayu tenang dan sabar; bulan depan kita latih kebijakan pengembalian bersama.";
pub const SELF_TEAMWORK: &str = "Saya membantu rekan menjawab 20 tiket sulit minggu lalu.";
pub const JOURNAL: &str =
    "Pak Hadi menulis terima kasih karena tagihannya dijelaskan dengan sabar.";
pub const SELF_COMPOSURE: &str = "Saya kadang ikut tegang saat pelanggan berteriak.";
pub const MGR_TEAMWORK: &str = "Rina: sering membantu tim pada jam sibuk.";
pub const MGR_COMPOSURE: &str = "Rina: tetap tenang saat pelanggan berteriak pada 3 Oktober.";
pub const SELF_STRENGTH: &str = "Sabar menjelaskan tagihan yang rumit";
pub const MGR_STRENGTH: &str = "Menenangkan pelanggan yang marah tanpa berdebat";
pub const PRIVATE_NOTE: &str = "Catatan rahasia: bahas jadwal shift pagi dengan SDM";
pub const SHARED_NOTE: &str = "Terima kasih atas usulan templat jawaban email";

/// A review of Ayu's, shared with her: she rated teamwork 4 (Rina 3),
/// composure 2 (Rina 4), everything else 3 (Rina 3).
pub struct Shared {
    pub review: String,
    pub teamwork: String,
    pub composure: String,
}

fn question_ids(app: &TestApp) -> (String, String, String, String, String) {
    let mut conn = app.conn();
    let template = cermin::db::forms::default_template(&mut conn)
        .expect("q")
        .expect("default template");
    let form = cermin::db::forms::load_form(&mut conn, &template.id)
        .expect("q")
        .expect("form");
    let mut competency = |key: &str| {
        cermin::db::forms::competency_by_key(&mut conn, key)
            .expect("q")
            .expect("competency")
            .id
    };
    let (teamwork_c, composure_c) = (competency("teamwork"), competency("composure"));
    let question_of = |cid: &str| {
        form.questions()
            .find(|q| q.competency_id.as_deref() == Some(cid))
            .expect("a rating for the competency")
            .id
            .clone()
    };
    let summary = form
        .questions()
        .find(|q| q.side == "manager" && q.kind == cermin::domain::review::QuestionKind::Text)
        .expect("the manager's summary")
        .id
        .clone();
    (
        question_of(&teamwork_c),
        question_of(&composure_c),
        summary,
        teamwork_c,
        composure_c,
    )
}

/// Every rating and text on a form page, with the given overrides.
fn fill(
    page: &Page,
    rating: &str,
    text: &str,
    ratings: &[(&str, &str)],
    texts: &[(&str, &str)],
) -> Vec<(String, String)> {
    let radios: BTreeSet<String> = page
        .select_attrs("input[type=radio][name^=r_]", "name")
        .into_iter()
        .collect();
    let mut out = vec![];
    for name in radios {
        let q = name.trim_start_matches("r_");
        let v = ratings
            .iter()
            .find(|(id, _)| *id == q)
            .map_or(rating, |(_, v)| *v);
        out.push((name.clone(), v.to_string()));
    }
    for name in page.select_attrs("textarea[name^=b_]", "name") {
        let q = name.trim_start_matches("b_");
        let v = texts
            .iter()
            .find(|(id, _)| *id == q)
            .map_or(text, |(_, v)| *v);
        out.push((name.clone(), v.to_string()));
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

/// Ayu's self-assessment (with a journal entry cited as evidence and a
/// strength linked to composure), Rina's review (with her own strength for
/// composure, a private and a shared comment), shared.
pub async fn shared_review(app: &TestApp) -> Shared {
    app.seed_demo();
    let (_, reviews) = crate::reviews::open_cycle(app, &["ayu.lestari"]);
    let review = reviews[0].clone();
    let (teamwork, composure, summary, _teamwork_c, composure_c) = question_ids(app);
    let ayu_id = app.person_id("ayu.lestari");
    let entry = cermin::db::new_id();
    let entry_on = {
        let mut conn = app.conn();
        let now = cermin::db::now();
        cermin::db::journal::insert(
            &mut conn,
            &cermin::db::journal::JournalRow {
                id: entry.clone(),
                author_id: ayu_id.clone(),
                subject_id: ayu_id.clone(),
                entry_on: now.date(),
                kind: "customer_feedback".into(),
                body: JOURNAL.into(),
                visibility: "private".into(),
                created_at: now,
                updated_at: now,
            },
        )
        .expect("journal entry");
        now.date()
    };

    // Ayu cites her journal entry as evidence for teamwork, then fills the rest.
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    let version = form.attr("input[name=version]", "value").expect("version");
    let cited = ayu
        .post(
            &format!("/reviews/{review}/self"),
            &[
                (format!("b_{teamwork}").as_str(), SELF_TEAMWORK),
                ("version", version.as_str()),
                (format!("evidence_q_{entry}").as_str(), teamwork.as_str()),
                ("action", format!("evidence:{entry}").as_str()),
            ],
        )
        .await;
    assert_eq!(cited.status, StatusCode::SEE_OTHER, "{}", cited.text);
    let teamwork_body = format!("{SELF_TEAMWORK}\n\n[{entry_on}] {JOURNAL}");
    let form = ayu.get(&format!("/reviews/{review}/self")).await;
    let mut fields = fill(
        &form,
        "3",
        "Contoh nyata dari bulan ini.",
        &[(&teamwork, "4"), (&composure, "2")],
        &[(&teamwork, &teamwork_body), (&composure, SELF_COMPOSURE)],
    );
    for (k, v) in [
        ("new_strength_body", SELF_STRENGTH),
        ("new_strength_competency", composure_c.as_str()),
        (
            "new_weakness_body",
            "Belum hafal kebijakan pengembalian barang",
        ),
        ("new_goal_title", "Menguasai kebijakan pengembalian"),
        ("action", "check"),
    ] {
        fields.push((k.into(), v.into()));
    }
    let checked = ayu
        .post(&format!("/reviews/{review}/self"), &pairs(&fields))
        .await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.text);
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

    // Rina writes her side and shares it.
    let rina = app.signed_in("rina.marlina").await;
    let mform = rina.get(&format!("/reviews/{review}/manager")).await;
    assert_eq!(mform.status, StatusCode::OK);
    let mut mfields = fill(
        &mform,
        "3",
        "Penilaian atasan: konsisten dan sopan.",
        &[(&teamwork, "3"), (&composure, "4")],
        &[
            (&teamwork, MGR_TEAMWORK),
            (&composure, MGR_COMPOSURE),
            (&summary, SUMMARY),
        ],
    );
    let stances: BTreeSet<String> = mform
        .select_attrs("input[type=radio][name$=_stance]", "name")
        .into_iter()
        .collect();
    for stance in stances {
        mfields.push((stance, "agree".into()));
    }
    mfields.push(("new_strength_body".into(), MGR_STRENGTH.into()));
    mfields.push(("new_strength_competency".into(), composure_c.clone()));
    let sections = mform.select_attrs("input[name^=new_comment_][name$=_id]", "name");
    for (section, text, visibility) in [
        (&sections[0], PRIVATE_NOTE, "private"),
        (&sections[1], SHARED_NOTE, "shared"),
    ] {
        let sid = section
            .trim_start_matches("new_comment_")
            .trim_end_matches("_id")
            .to_string();
        let value = mform
            .attr(&format!("input[name={section}]"), "value")
            .expect("comment id");
        mfields.push((section.clone(), value));
        mfields.push((format!("new_comment_{sid}_body"), text.into()));
        mfields.push((format!("new_comment_{sid}_visibility"), visibility.into()));
    }
    mfields.push(("action".into(), "check".into()));
    let r = rina
        .post(&format!("/reviews/{review}/manager"), &pairs(&mfields))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    rina.get(&format!("/reviews/{review}/manager/check")).await;
    let shared = rina.post(&format!("/reviews/{review}/share"), &[]).await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.text);
    Shared {
        review,
        teamwork,
        composure,
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each rating block's text, by its question id.
fn blocks(page: &Page) -> Vec<(String, String)> {
    let doc = Html::parse_document(&page.text);
    let sel = Selector::parse("[data-compare-block]").expect("selector");
    doc.select(&sel)
        .map(|b| {
            let id = b
                .value()
                .attr("aria-labelledby")
                .unwrap_or_default()
                .trim_start_matches("compare-")
                .to_string();
            (id, squash(&b.text().collect::<Vec<_>>().join(" ")))
        })
        .collect()
}

fn block<'a>(all: &'a [(String, String)], question: &str) -> &'a str {
    &all.iter()
        .find(|(id, _)| id == question)
        .unwrap_or_else(|| panic!("no block for {question}: {all:#?}"))
        .1
}

async fn ayu_reads_her_shared_review(app: TestApp) {
    let s = shared_review(&app).await;
    let review = &s.review;
    let ayu = app.signed_in("ayu.lestari").await;
    let page = ayu.get(&format!("/reviews/{review}")).await;
    assert_eq!(page.status, StatusCode::OK);

    assert_eq!(
        page.select_texts(".task-list__item").len(),
        3,
        "the steps, once"
    );
    assert_eq!(
        page.select_texts("#compare-heading").len(),
        1,
        "the reading view, once"
    );

    // The manager's summary comes first, before any competency.
    let summary = page.select_texts("[data-manager-summary]");
    assert_eq!(summary.len(), 1, "one summary section");
    assert!(
        summary[0].contains("Ringkasan dari atasan Anda"),
        "{summary:?}"
    );
    assert!(summary[0].contains(SUMMARY));
    let at = |needle: &str| {
        page.text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} is on the page"))
    };
    assert!(at("data-manager-summary") < at("data-compare-block"));
    assert!(at(SUMMARY) < at(SELF_TEAMWORK));
    assert!(
        at("data-compare-block") < at("id=\"ack-heading\""),
        "she reads everything before the acknowledgement"
    );

    // Each rating is one block with both ratings and the difference in words.
    let all = blocks(&page);
    assert!(all.len() >= 15, "every rating has its block: {}", all.len());
    let doc = Html::parse_document(&page.text);
    let block_sel = Selector::parse("[data-compare-block]").expect("selector");
    let self_sel = Selector::parse("dd[data-rating=self]").expect("selector");
    let mgr_sel = Selector::parse("dd[data-rating=manager]").expect("selector");
    let gap_sel = Selector::parse(".gap-note").expect("selector");
    for b in doc.select(&block_sel) {
        assert_eq!(b.select(&self_sel).count(), 1, "her rating in every block");
        assert_eq!(
            b.select(&mgr_sel).count(),
            1,
            "Rina's rating in every block"
        );
        assert_eq!(b.select(&gap_sel).count(), 1, "the difference in words");
    }
    let teamwork = block(&all, &s.teamwork);
    assert!(teamwork.contains("Kerja tim"), "{teamwork}");
    assert!(
        teamwork.contains("Nilai evaluasi diri 4/5 — Di atas harapan"),
        "{teamwork}"
    );
    assert!(
        teamwork.contains("Nilai dari atasan 3/5 — Memenuhi harapan"),
        "{teamwork}"
    );
    assert!(
        teamwork.contains("Anda melihat hal ini 1 poin lebih tinggi daripada atasan Anda"),
        "{teamwork}"
    );
    // Both sides' evidence, the cited journal entry included.
    assert!(
        teamwork.contains(SELF_TEAMWORK) && teamwork.contains(JOURNAL),
        "{teamwork}"
    );
    assert!(teamwork.contains(MGR_TEAMWORK), "{teamwork}");
    assert!(teamwork.contains("Yang Anda tulis") && teamwork.contains("Yang ditulis Rina Marlina"));
    let composure = block(&all, &s.composure);
    assert!(
        composure.contains("Atasan Anda melihat hal ini 2 poin lebih tinggi daripada Anda"),
        "{composure}"
    );
    assert!(composure.contains(SELF_COMPOSURE) && composure.contains(MGR_COMPOSURE));
    // The strengths either side linked to composure are in its block.
    assert!(composure.contains(SELF_STRENGTH), "{composure}");
    assert!(composure.contains(MGR_STRENGTH), "{composure}");
    assert!(
        composure.contains("Pandangan atasan: Setuju"),
        "Rina's reply to her strength: {composure}"
    );
    assert!(
        all.iter()
            .any(|(_, b)| b.contains("Anda dan atasan Anda melihat hal ini sama")),
        "a rating both gave the same"
    );
    // Neutral: no verdict words, no red-for-lower, no arrows.
    for old in ["lebih rendah", "gap--down", "gap--up", "Anda menilai"] {
        assert!(!page.contains(old), "{old} is gone from the reading view");
    }
    assert_eq!(
        page.select_attrs(".gap-note", "class")
            .into_iter()
            .collect::<BTreeSet<_>>(),
        BTreeSet::from(["gap-note".to_string()]),
        "one neutral look for every difference"
    );

    // Privacy: the shared comment, never the private one.
    assert!(page.contains(SHARED_NOTE));
    assert!(!page.contains(PRIVATE_NOTE) && !page.contains("Catatan rahasia"));
    assert!(page
        .select_attrs("[data-comment=private]", "class")
        .is_empty());

    // The chart: a 1–5 scale, the differences marked, the numbers in text.
    let svg = page.attr("[data-gap-chart] svg", "role");
    assert_eq!(svg.as_deref(), Some("img"));
    assert_eq!(
        page.select_texts("[data-gap-chart] .chart__tick:not(.chart__tick--bottom)"),
        vec!["1", "2", "3", "4", "5"]
    );
    assert_eq!(
        page.select_texts("[data-gap-chart] .chart__tick--bottom"),
        vec!["1", "2", "3", "4", "5"],
        "the scale again under a long chart"
    );
    let marked = page.select_attrs("[data-gap-chart] .chart__gap[data-points]", "data-points");
    assert_eq!(
        marked,
        vec!["1", "2"],
        "two differences, marked by distance"
    );
    let labelled = page
        .attr("[data-gap-chart] svg", "aria-labelledby")
        .expect("a text alternative");
    assert!(labelled.contains("gap-chart-desc"));
    let desc = page.select_texts("#gap-chart-desc").join(" ");
    assert!(
        desc.contains("Kerja tim: nilai evaluasi diri 4, nilai dari atasan 3."),
        "{desc}"
    );
    assert!(
        desc.contains("Ketenangan: nilai evaluasi diri 2, nilai dari atasan 4."),
        "{desc}"
    );
    assert!(page.select_texts("#gap-chart-title")[0].contains("skala 1 sampai 5"));
    let doc = Html::parse_document(&page.text);
    let svg_sel = Selector::parse("[data-gap-chart] svg").expect("selector");
    let svg_html = doc.select(&svg_sel).next().expect("svg").html();
    assert!(
        !svg_html.contains("style="),
        "no inline style: the CSP forbids it"
    );

    // In English, the same differences in the same voice.
    let switched = ayu.post("/me/language", &[("lang", "en")]).await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    let en = ayu.get(&format!("/reviews/{review}")).await;
    let all = blocks(&en);
    assert!(block(&all, &s.teamwork).contains("You see this 1 point higher than your manager does"));
    assert!(
        block(&all, &s.composure).contains("Your manager sees this 2 points higher than you do")
    );
    assert!(all
        .iter()
        .any(|(_, b)| b.contains("You and your manager see this the same way")));
    assert!(en.select_texts("[data-manager-summary] h2")[0] == "Your manager's summary");
    assert!(en.contains("A difference is not a mark against you."));
    assert!(!en.contains(PRIVATE_NOTE));
}

async fn manager_and_hr_read_the_same_differences_in_their_own_voice(app: TestApp) {
    let s = shared_review(&app).await;
    let review = &s.review;

    let rina = app.signed_in("rina.marlina").await;
    let page = rina.get(&format!("/reviews/{review}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let all = blocks(&page);
    assert!(block(&all, &s.teamwork)
        .contains("Ayu Lestari melihat hal ini 1 poin lebih tinggi daripada Anda"));
    assert!(block(&all, &s.composure)
        .contains("Anda melihat hal ini 2 poin lebih tinggi daripada Ayu Lestari"));
    assert!(all
        .iter()
        .any(|(_, b)| b.contains("Anda dan Ayu Lestari melihat hal ini sama")));
    assert!(block(&all, &s.teamwork).contains("Yang ditulis Ayu Lestari"));
    assert!(
        page.contains(PRIVATE_NOTE),
        "the manager reads her own private comment"
    );
    assert!(page.select_texts("[data-manager-summary]")[0].contains("Ringkasan atasan"));

    let hr = app.signed_in("sari.wulandari").await;
    let page = hr.get(&format!("/reviews/{review}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let all = blocks(&page);
    assert!(block(&all, &s.teamwork)
        .contains("Ayu Lestari melihat hal ini 1 poin lebih tinggi daripada Rina Marlina"));
    assert!(block(&all, &s.composure)
        .contains("Rina Marlina melihat hal ini 2 poin lebih tinggi daripada Ayu Lestari"));
    assert!(all
        .iter()
        .any(|(_, b)| b.contains("Ayu Lestari dan Rina Marlina melihat hal ini sama")));
    assert!(page.contains(PRIVATE_NOTE), "HR reads private comments");
    assert!(!page.contains("gap--down") && !page.contains("lebih rendah"));

    // HR in English.
    hr.post("/me/language", &[("lang", "en")]).await;
    let en = hr.get(&format!("/reviews/{review}")).await;
    let all = blocks(&en);
    assert!(block(&all, &s.teamwork)
        .contains("Ayu Lestari sees this 1 point higher than Rina Marlina does"));
    assert!(block(&all, &s.composure)
        .contains("Rina Marlina sees this 2 points higher than Ayu Lestari does"));
}

//! The history page tells the truth: two closed review cycles of Ayu's, with
//! ratings on both sides, her strengths with Rina's replies (agreed; seen a
//! little differently, with a note), a strength Rina added, and a private
//! and a shared comment. Each entry says who wrote it in the reader's voice,
//! a reply sits under the entry it answers (never as an entry of its own,
//! never an empty tag), each competency has its trend with both series and
//! the numbers as text, and Ayu never reads the private comment.

use chrono::NaiveDate;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use cermin::db::{self, cycles, reviews};
use cermin::domain::review::Side;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    ayu_reads_who_wrote_what_and_how_each_competency_moved,
    rina_and_hr_read_ayus_history_in_their_own_voice,
);

pub const OLD: &str = "Evaluasi Semester I 2025";
pub const NEW: &str = "Evaluasi Semester II 2025";
pub const AGREED: &str = "Sabar menjelaskan tagihan yang rumit";
pub const ADJUSTED: &str = "Membantu rekan baru pada jam sibuk";
pub const ADJUST_NOTE: &str = "Lebih tepat lagi: Ayu melatih rekan baru, bukan hanya membantu.";
pub const RINAS: &str = "Menenangkan pelanggan yang marah tanpa berdebat";
pub const WEAKNESS: &str = "Belum hafal kebijakan pengembalian barang";
pub const OLD_STRENGTH: &str = "Rapi mencatat keluhan pelanggan";
pub const OLD_WEAKNESS: &str = "Perlu lebih cepat menutup tiket";
pub const PRIVATE: &str = "Catatan rahasia: bahas jadwal shift pagi dengan SDM";
pub const SHARED: &str = "Terima kasih atas usulan templat jawaban email";

/// A closed cycle with Ayu's review in it, acknowledged. Returns the review.
fn closed_cycle(app: &TestApp, name: &str, opens_on: NaiveDate) -> String {
    let mut conn = app.conn();
    let template = db::forms::default_template(&mut conn)
        .expect("q")
        .expect("default template");
    let id = db::new_id();
    let now = db::now();
    let d = |n: i64| opens_on + chrono::Duration::days(n);
    cycles::insert(
        &mut conn,
        &cycles::CycleRow {
            id: id.clone(),
            name: name.into(),
            template_id: template.id,
            status: cermin::domain::review::CycleStatus::Draft,
            opens_on,
            self_due_on: d(7),
            manager_due_on: d(14),
            ack_due_on: d(18),
            closes_on: d(21),
            reminder_days: "7,2,0".into(),
            dates_sequence: 0,
            created_by: None,
            created_at: now,
            updated_at: now,
            launched_at: None,
            closed_at: None,
        },
    )
    .expect("insert cycle");
    let ayu = app.person_id("ayu.lestari");
    cycles::set_participants(&mut conn, &id, std::slice::from_ref(&ayu)).expect("participants");
    cermin::app::cycles::launch_cycle(
        &mut conn,
        &hr_actor(&app.person_id("sari.wulandari")),
        clock_on(opens_on),
        &cermin::domain::CycleId::from_stored(id.as_str()),
    )
    .expect("launch");
    let review = reviews::find_in_cycle(&mut conn, &id, &ayu)
        .expect("q")
        .expect("review")
        .id;
    drop(conn);
    let at = |n: i64| format!("{} 03:00:00", d(n));
    app.exec(&format!(
        "UPDATE reviews SET state = 'acknowledged', self_submitted_at = '{}', \
         shared_at = '{}', acknowledged_at = '{}' WHERE id = '{review}'; \
         UPDATE review_cycles SET status = 'closed', closed_at = '{}' WHERE id = '{id}';",
        at(5),
        at(12),
        at(16),
        at(21),
    ));
    review
}

/// The rating questions for teamwork and composure, with the competencies' ids.
fn competency_questions(app: &TestApp) -> [(String, String); 2] {
    let mut conn = app.conn();
    let template = db::forms::default_template(&mut conn)
        .expect("q")
        .expect("default template");
    let form = db::forms::load_form(&mut conn, &template.id)
        .expect("q")
        .expect("form");
    ["teamwork", "composure"].map(|key| {
        let cid = db::forms::competency_by_key(&mut conn, key)
            .expect("q")
            .expect("competency")
            .id;
        let q = form
            .questions()
            .find(|q| q.competency_id.as_deref() == Some(cid.as_str()))
            .expect("a rating for the competency")
            .id
            .clone();
        (q, cid)
    })
}

struct Seeded {
    ayu: String,
}

/// Two closed cycles for Ayu. Teamwork: 3 and 2, then 4 and 4 (self,
/// manager); composure: 2 and 3, then 3 and 4.
fn two_closed_cycles(app: &TestApp) -> Seeded {
    app.seed_demo();
    let ayu = app.person_id("ayu.lestari");
    let rina = app.person_id("rina.marlina");
    let old = closed_cycle(app, OLD, NaiveDate::from_ymd_opt(2025, 1, 6).expect("date"));
    let new = closed_cycle(app, NEW, NaiveDate::from_ymd_opt(2025, 7, 7).expect("date"));
    let [(teamwork, _), (composure, composure_c)] = competency_questions(app);
    let mut conn = app.conn();
    for (review, ratings) in [(&old, [3, 2, 2, 3]), (&new, [4, 4, 3, 4])] {
        for (q, own, manager) in [
            (&teamwork, ratings[0], ratings[1]),
            (&composure, ratings[2], ratings[3]),
        ] {
            reviews::upsert_answer(&mut conn, review, q, Side::Own, Some(own), "", &ayu)
                .expect("answer");
            reviews::upsert_answer(
                &mut conn,
                review,
                q,
                Side::Manager,
                Some(manager),
                "",
                &rina,
            )
            .expect("answer");
        }
    }
    let now = db::now();
    // One second apart, in the order they were written.
    let mut written = 0;
    let mut add = |review: &str,
                   kind: &str,
                   side: Side,
                   stance: &str,
                   responds_to: Option<&str>,
                   body: &str,
                   competency: Option<&str>|
     -> String {
        let id = db::new_id();
        written += 1;
        let at = now + chrono::Duration::seconds(written);
        reviews::insert_trait(
            &mut conn,
            &reviews::TraitRow {
                id: id.clone(),
                person_id: ayu.clone(),
                review_id: Some(review.to_string()),
                competency_id: competency.map(str::to_string),
                kind: kind.into(),
                side,
                stance: stance.into(),
                responds_to_id: responds_to.map(str::to_string),
                body: body.into(),
                author_id: Some(if side == Side::Own { &ayu } else { &rina }.clone()),
                created_at: at,
                updated_at: at,
            },
        )
        .expect("trait");
        id
    };
    add(&old, "strength", Side::Own, "own", None, OLD_STRENGTH, None);
    add(
        &old,
        "weakness",
        Side::Manager,
        "own",
        None,
        OLD_WEAKNESS,
        None,
    );
    let agreed = add(
        &new,
        "strength",
        Side::Own,
        "own",
        None,
        AGREED,
        Some(&composure_c),
    );
    let adjusted = add(&new, "strength", Side::Own, "own", None, ADJUSTED, None);
    add(&new, "weakness", Side::Own, "own", None, WEAKNESS, None);
    // Rina's replies, as the manager's form stores them: agree (no note)
    // and adjust (with a note), then a strength of her own.
    add(
        &new,
        "strength",
        Side::Manager,
        "agree",
        Some(&agreed),
        "",
        Some(&composure_c),
    );
    add(
        &new,
        "strength",
        Side::Manager,
        "adjust",
        Some(&adjusted),
        ADJUST_NOTE,
        None,
    );
    add(
        &new,
        "strength",
        Side::Manager,
        "own",
        None,
        RINAS,
        Some(&composure_c),
    );
    let template = db::forms::default_template(&mut conn)
        .expect("q")
        .expect("default template");
    let form = db::forms::load_form(&mut conn, &template.id)
        .expect("q")
        .expect("form");
    let section = form.sections[0].0.id.clone();
    for (body, visibility) in [(PRIVATE, "private"), (SHARED, "shared")] {
        reviews::insert_comment(
            &mut conn,
            &reviews::CommentRow {
                id: db::new_id(),
                review_id: new.clone(),
                author_id: rina.clone(),
                parent_id: None,
                section_id: Some(section.clone()),
                competency_id: None,
                kind: "manager_comment".into(),
                visibility: Some(visibility.into()),
                body: body.into(),
                created_at: now,
                updated_at: now,
            },
        )
        .expect("comment");
    }
    Seeded { ayu }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each entry on the page: (what was written, who wrote it, the reply's
/// words, the reply's note), in page order.
fn entries(page: &Page) -> Vec<(String, String, String, String)> {
    let doc = Html::parse_document(&page.text);
    let entry = Selector::parse("[data-entry]").expect("selector");
    let text = |e: scraper::ElementRef<'_>, css: &str| {
        let sel = Selector::parse(css).expect("selector");
        e.select(&sel)
            .next()
            .map(|x| squash(&x.text().collect::<String>()))
            .unwrap_or_default()
    };
    doc.select(&entry)
        .map(|e| {
            (
                text(e, "[data-trait]"),
                text(e, "[data-by]"),
                text(e, "[data-reply-words]"),
                text(e, "[data-reply-note]"),
            )
        })
        .collect()
}

fn entry<'a>(
    all: &'a [(String, String, String, String)],
    body: &str,
) -> &'a (String, String, String, String) {
    all.iter()
        .find(|e| e.0 == body)
        .unwrap_or_else(|| panic!("no entry {body:?}: {all:#?}"))
}

/// The trend of one competency: its text alternative and the marks drawn.
fn trend(page: &Page, key: &str) -> (String, Vec<String>, Vec<String>, String) {
    let at = |css: &str| format!("[data-trend={key}] {css}");
    let desc = page.select_texts(&at("[data-trend-text]"));
    assert_eq!(desc.len(), 1, "one chart for {key}");
    (
        squash(&desc[0]),
        page.select_attrs(&at("[data-self]"), "data-self"),
        page.select_attrs(&at("[data-manager]"), "data-manager"),
        page.select_texts(&at("[data-trend-latest]"))
            .first()
            .map(|s| squash(s))
            .unwrap_or_default(),
    )
}

async fn ayu_reads_who_wrote_what_and_how_each_competency_moved(app: TestApp) {
    two_closed_cycles(&app);
    let ayu = app.signed_in("ayu.lestari").await;
    let page = ayu.get("/history").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text.contains("style="), "the CSP refuses style");

    // Each entry once, by its author; the replies are not entries.
    let all = entries(&page);
    let mut bodies: Vec<&str> = all.iter().map(|e| e.0.as_str()).collect();
    bodies.sort();
    let mut expected = vec![
        AGREED,
        ADJUSTED,
        WEAKNESS,
        RINAS,
        OLD_STRENGTH,
        OLD_WEAKNESS,
    ];
    expected.sort();
    assert_eq!(bodies, expected, "{all:#?}");
    assert_eq!(
        entry(&all, AGREED),
        &(
            AGREED.to_string(),
            "Anda menulis ini dalam evaluasi diri Anda".to_string(),
            "Atasan Anda, Rina Marlina, setuju dengan hal ini.".to_string(),
            String::new(),
        )
    );
    let adjusted = entry(&all, ADJUSTED);
    assert_eq!(
        adjusted.2,
        "Atasan Anda, Rina Marlina, melihat hal ini sedikit berbeda."
    );
    assert_eq!(adjusted.3, ADJUST_NOTE);
    let rinas = entry(&all, RINAS);
    assert_eq!(
        rinas.1,
        "Atasan Anda, Rina Marlina, menulis ini dalam evaluasi atasan"
    );
    assert_eq!(rinas.2, "", "nobody replied to it");
    assert_eq!(
        entry(&all, OLD_WEAKNESS).1,
        "Atasan Anda, Rina Marlina, menulis ini dalam evaluasi atasan"
    );
    // The note shows once, under Ayu's entry, not as a strength of its own.
    assert_eq!(page.text.matches(ADJUST_NOTE).count(), 1);
    // No tag without words.
    let tags = page.select_texts(".tag");
    assert!(tags.iter().all(|t| !t.trim().is_empty()), "{tags:?}");

    // Each competency's trend: both series, oldest cycle first, the numbers
    // as text, and the newest difference in coaching words.
    let (text, own, manager, latest) = trend(&page, "teamwork");
    assert_eq!(
        text,
        format!(
            "{OLD}: penilaian diri 3, penilaian atasan 2. \
             {NEW}: penilaian diri 4, penilaian atasan 4."
        )
    );
    assert_eq!(
        (own, manager),
        (vec!["3".into(), "4".into()], vec!["2".into(), "4".into()])
    );
    assert_eq!(
        latest,
        format!("Terakhir, pada {NEW}: Anda dan atasan Anda melihat hal ini sama.")
    );
    let (text, own, manager, latest) = trend(&page, "composure");
    assert!(
        text.contains(&format!("{NEW}: penilaian diri 3, penilaian atasan 4.")),
        "{text}"
    );
    assert_eq!((own.len(), manager.len()), (2, 2));
    assert_eq!(
        latest,
        format!(
            "Terakhir, pada {NEW}: Atasan Anda melihat hal ini 1 poin lebih tinggi daripada Anda."
        )
    );
    assert!(page.contains("Penilaian Anda sendiri") && page.contains("Penilaian atasan Anda"));

    // Rina's shared comment reaches Ayu; her private one never does.
    assert!(page.contains(SHARED));
    assert!(page.contains("Dari atasan Anda, Rina Marlina"));
    assert!(!page.contains(PRIVATE), "a private comment reached Ayu");
    assert!(!page.contains("Pribadi:"));
}

async fn rina_and_hr_read_ayus_history_in_their_own_voice(app: TestApp) {
    let seeded = two_closed_cycles(&app);
    let ayu = &seeded.ayu;

    // Rina, her manager: Ayu by name, herself as "you".
    let rina = app.signed_in("rina.marlina").await;
    let page = rina.get(&format!("/history/{ayu}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let all = entries(&page);
    assert_eq!(all.len(), 6, "{all:#?}");
    let agreed = entry(&all, AGREED);
    assert_eq!(agreed.1, "Ayu Lestari menulis ini dalam evaluasi diri");
    assert_eq!(agreed.2, "Anda setuju dengan hal ini.");
    assert_eq!(
        entry(&all, ADJUSTED).2,
        "Anda melihat hal ini sedikit berbeda."
    );
    assert_eq!(
        entry(&all, RINAS).1,
        "Anda menulis ini dalam evaluasi atasan"
    );
    let (_, _, _, latest) = trend(&page, "composure");
    assert_eq!(
        latest,
        format!(
            "Terakhir, pada {NEW}: Anda melihat hal ini 1 poin lebih tinggi daripada Ayu Lestari."
        )
    );
    assert!(page.contains("Penilaian Ayu Lestari sendiri"));
    // Her private comment is hers and HR's, and marked as such.
    assert!(page.contains(PRIVATE));
    assert!(page.contains("Pribadi: tidak pernah ditampilkan kepada karyawan"));

    // HR, reading in English: both by name.
    app.exec("UPDATE people SET lang = 'en' WHERE email LIKE 'sari.wulandari@%'");
    let sari = app.signed_in("sari.wulandari").await;
    let page = sari.get(&format!("/history/{ayu}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let all = entries(&page);
    assert_eq!(
        entry(&all, AGREED).2,
        "Rina Marlina (manager) agreed with this."
    );
    assert_eq!(
        entry(&all, RINAS).1,
        "Rina Marlina wrote this in the manager review"
    );
    let (text, _, _, latest) = trend(&page, "teamwork");
    assert!(
        text.starts_with(&format!("{OLD}: self-rating 3, manager's rating 2.")),
        "{text}"
    );
    assert_eq!(
        latest,
        format!("Most recently, in {NEW}: Ayu Lestari and Rina Marlina see this the same way.")
    );
    assert!(page.contains(PRIVATE));

    // Another manager may not read Ayu's history at all.
    let dimas = app.signed_in("dimas.prasetyo").await;
    let page = dimas.get(&format!("/history/{ayu}")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.contains(AGREED) && !page.contains(PRIVATE));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn history_on_a_phone() {
    use crate::browser::{tools, within_limit};
    within_limit(history_on_a_phone_in(tools())).await;
}

/// Ayu reads her history on a 390 px phone: nothing is wider than the
/// phone, axe-core finds nothing serious, and every word and number in the trend charts is drawn at 12 px
/// or more once the SVG is scaled to its column.
async fn history_on_a_phone_in(tools: crate::browser::Tools) {
    use crate::browser::{sign_in, Driver, PHONE_WIDTH};
    use fantoccini::Locator;

    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    two_closed_cycles(&app);
    let mut driver = Driver::start(&tools).await;
    let c = driver.session(&tools.chromium, true).await;
    sign_in(&c, &app.base, "ayu.lestari").await;
    c.goto(&format!("{}/history", app.base))
        .await
        .expect("open the history");
    c.find(Locator::Css("[data-trend] svg"))
        .await
        .expect("a trend chart");

    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth, \
             Math.max.apply(null, Array.from(document.querySelectorAll('main *')) \
               .map(function (e) { return e.getBoundingClientRect().right; }))];",
            vec![],
        )
        .await
        .expect("measure");
    let scroll_width = widths[0].as_f64().expect("scrollWidth");
    let inner_width = widths[1].as_f64().expect("innerWidth");
    let rightmost = widths[2].as_f64().expect("rightmost");
    assert!(
        inner_width <= f64::from(PHONE_WIDTH) + 1.0,
        "the window is phone-sized: {inner_width}"
    );
    assert!(
        scroll_width <= f64::from(PHONE_WIDTH),
        "no sideways scrolling: the history is {scroll_width}px wide at {PHONE_WIDTH}px"
    );
    assert!(
        rightmost <= f64::from(PHONE_WIDTH),
        "something on the page ends at {rightmost}px"
    );

    // No serious or critical accessibility finding, charts and replies included.
    let (findings, _) = crate::a11y::check_page(&c, &crate::a11y::axe_source()).await;
    assert!(findings.is_empty(), "axe: {findings:#?}");

    let sizes = c
        .execute(
            "return Array.from(document.querySelectorAll('[data-trend] svg')).flatMap(function (svg) { \
               var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; \
               return Array.from(svg.querySelectorAll('text')).map(function (t) { \
                 var px = parseFloat(getComputedStyle(t).fontSize); \
                 return [t.textContent, px * scale, t.getBoundingClientRect().right]; \
               }); \
             });",
            vec![],
        )
        .await
        .expect("measure the charts' text");
    let sizes = sizes.as_array().expect("a list");
    assert!(
        sizes.len() >= 2 * (5 + 4 + 2),
        "two charts, each with the scale, two cycles' labels and the legend: {sizes:?}"
    );
    for s in sizes {
        let text = s[0].as_str().unwrap_or_default();
        let drawn = s[1].as_f64().expect("drawn size");
        let right = s[2].as_f64().expect("right edge");
        assert!(drawn >= 12.0, "{text:?} is drawn at {drawn}px on a phone");
        assert!(
            right <= f64::from(PHONE_WIDTH),
            "{text:?} runs past the phone's edge ({right}px)"
        );
    }

    // A picture of the trend on a phone, for the guides.
    c.execute(
        "document.getElementById('trend-heading').scrollIntoView({block: 'start'});",
        vec![],
    )
    .await
    .expect("scroll to the trend");
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&folder).expect("docs/screenshots");
    std::fs::write(folder.join("history-trend-phone.png"), &png).expect("save screenshot");
    c.execute(
        "document.querySelector('[data-reply]').scrollIntoView({block: 'center'});",
        vec![],
    )
    .await
    .expect("scroll to a reply");
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(folder.join("history-entries-phone.png"), &png).expect("save screenshot");

    c.close().await.expect("close the browser");
    driver.session = None;
}

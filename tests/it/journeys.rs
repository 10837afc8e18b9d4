//! The three journeys of a review, through the real pages in a real
//! Chromium, on a 390 px phone and on a 1280 px desktop screen (issue 10):
//!
//! 1. HR launches a review cycle: the new-cycle form, the draft's page, the
//!    launch confirmation, the cycle page with its progress.
//! 2. The employee opens the self-assessment from her home page, fills every
//!    question, reaching each section through the section list at the top
//!    of the form, checks her answers and submits.
//! 3. The manager writes the manager review from his home page and shares
//!    it; the employee reads it and acknowledges it.
//!
//! Everyone signs out through the header (on a phone, behind its Menu). On
//! every page: nothing is wider than the window, and the header is one row
//! (HR's ten links included, at 1280 px). Pictures of the key steps go to
//! docs/screenshots/ for the guides.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::browser::{eventually, sign_in, text_of, tools, Driver, Tools};
use crate::helpers::*;

/// The most one journey may take: both run at once, and together they
/// should stay well under two minutes.
const JOURNEY_LIMIT: Duration = Duration::from_secs(110);

/// The tallest a one-row header may be. One row is a 44 px tap target
/// (`--tap`) plus 2 × 6 px padding and the 6 px border: 62 px. A second row
/// adds at least another 44 px (106 px), so anything under 80 px is one row
/// whatever the font's rounding.
const ONE_ROW_HEADER: f64 = 80.0;

/// A phone and a desktop screen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Screen {
    Phone,
    Wide,
}

impl Screen {
    fn size(self) -> (u32, u32) {
        match self {
            Screen::Phone => (390, 844),
            Screen::Wide => (1280, 800),
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Screen::Phone => "phone",
            Screen::Wide => "wide",
        }
    }
}

/// One person's browser on one screen, with the checks every page gets.
struct Visit<'a> {
    c: &'a Client,
    base: &'a str,
    screen: Screen,
    /// Pages checked so far.
    pages: usize,
}

impl Visit<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Wait until the browser is on a page whose path passes `ok`, then
    /// check the page's width and header.
    async fn arrive(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let path = eventually(what, || async {
            let url = self.c.current_url().await.ok()?;
            let ready = self
                .c
                .execute("return document.readyState;", vec![])
                .await
                .ok()?;
            (ok(url.path()) && ready == json!("complete")).then(|| url.path().to_string())
        })
        .await;
        self.check_page(&path).await;
        path
    }

    /// Nothing wider than the window; the header one compact row, with the
    /// menu that belongs to this screen.
    async fn check_page(&mut self, path: &str) {
        let m = self
            .c
            .execute(
                "var h = document.querySelector('.header');
                 var shown = function (css) { var e = document.querySelector(css);
                   return !!e && getComputedStyle(e).display !== 'none'; };
                 var tops = Array.from(document.querySelectorAll('.header__nav > ul > li'))
                   .map(function (li) { return Math.round(li.getBoundingClientRect().top); });
                 return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                   header: h.getBoundingClientRect().height, rows: new Set(tops).size,
                   wideNav: shown('.header__nav'), phoneMenu: shown('.header__menu'),
                   signedIn: !!document.querySelector('.header__menu, .header__nav') };",
                vec![],
            )
            .await
            .expect("measure the page");
        let (width, _) = self.screen.size();
        let scroll = m["scroll"].as_f64().expect("scrollWidth");
        let inner = m["inner"].as_f64().expect("innerWidth");
        assert!(
            (inner - f64::from(width)).abs() <= 1.0,
            "{path}: the window is {inner} px wide, not {width}"
        );
        assert!(
            scroll <= inner,
            "{path}: the page is {scroll} px wide in a {inner} px window"
        );
        let header = m["header"].as_f64().expect("header height");
        assert!(
            header < ONE_ROW_HEADER,
            "{path}: the header is {header} px tall at {width} px: more than one row"
        );
        if m["signedIn"] == json!(true) {
            match self.screen {
                Screen::Wide => {
                    assert_eq!(m["wideNav"], json!(true), "{path}: the menu in a row");
                    assert_eq!(m["phoneMenu"], json!(false), "{path}: no Menu button");
                    assert_eq!(m["rows"], json!(1), "{path}: the menu wraps");
                }
                Screen::Phone => {
                    assert_eq!(m["wideNav"], json!(false), "{path}: no row of links");
                    assert_eq!(m["phoneMenu"], json!(true), "{path}: the Menu button");
                }
            }
        }
        self.pages += 1;
    }

    async fn goto(&mut self, path: &str) {
        self.c
            .goto(&self.url(path))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
        self.arrive(path, |p| p == path.split(['?', '#']).next().unwrap_or(path))
            .await;
    }

    /// Find an element and bring it to the middle of the screen, clear of
    /// the sticky save bar, as a person scrolling to it would.
    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let el = self
            .c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        self.c
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&el).expect("element")],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
        el
    }

    async fn click(&self, css: &str) {
        let el = self.find(css).await;
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Type into a field, after clearing it.
    async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear()
            .await
            .unwrap_or_else(|e| panic!("clear {css}: {e}"));
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.c
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("run {script}: {e}"))
    }

    /// A picture of what is on the screen, for the guides.
    async fn shot(&self, name: &str) {
        // No caret or focus ring in the picture.
        self.js(
            "if (document.activeElement) { document.activeElement.blur(); }",
            vec![],
        )
        .await;
        let png = self.c.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
        std::fs::create_dir_all(&folder).expect("docs/screenshots");
        let file: PathBuf = folder.join(format!("{name}-{}.png", self.screen.suffix()));
        std::fs::write(&file, &png).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }

    /// Scroll so that this element is near the top, a little of what is
    /// above it still in view.
    async fn scroll_to(&self, css: &str) {
        self.js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); window.scrollBy(0, -60);",
            vec![json!(css)],
        )
        .await;
    }

    /// Sign out through the header: its button on a wide screen, behind
    /// the Menu on a phone.
    async fn sign_out(&mut self) {
        match self.screen {
            Screen::Wide => self.click(".header__user button[type=submit]").await,
            Screen::Phone => {
                self.click(".header__menu > summary").await;
                let open = self
                    .js(
                        "return document.querySelector('.header__menu').open;",
                        vec![],
                    )
                    .await;
                assert_eq!(open, json!(true), "the Menu opens");
                self.click(".header__menu-user button[type=submit]").await;
            }
        }
        self.arrive("the sign-in page after signing out", |p| p == "/sign-in")
            .await;
    }

    async fn sign_in(&mut self, key: &str) {
        sign_in(self.c, self.base, key).await;
        self.arrive("the home page", |p| p == "/").await;
    }
}

/// What Ayu types into her self-assessment, in turn.
const AYU_WRITES: [&str; 4] = [
    "Rata-rata 60 panggilan sehari; 9 dari 10 tiket selesai di hari yang sama.",
    "Pelanggan yang marah saya dengarkan dulu sampai selesai, baru saya jelaskan langkahnya.",
    "Saya mencatat setiap keluhan berulang dan melaporkannya di rapat tim mingguan.",
    "Ingin belajar menangani keluhan tagihan tanpa harus meneruskannya ke atasan.",
];

/// What Rina types into the manager review, in turn.
const RINA_WRITES: [&str; 4] = [
    "Ayu menjaga waktu tunggu di bawah target sepanjang semester, juga di minggu promo.",
    "Saat sistem tagihan gangguan, Ayu tetap tenang dan menjelaskan langkahnya dengan jelas.",
    "Laporan keluhan berulang dari Ayu membantu kami memperbaiki skrip pembukaan.",
    "Kita jadwalkan pelatihan keluhan tagihan bulan depan; saya dampingi di dua sesi pertama.",
];

/// Fill every question of the open review form, one section at a time:
/// back to the section list at the top, follow its link to the section,
/// answer what is there, with `answers` in turn. Ratings get `rating(i)`
/// for the i-th question.
/// Returns how many questions were answered.
async fn fill_form(v: &Visit<'_>, answers: &[&str], rating: impl Fn(usize) -> u8) -> usize {
    let links = v
        .js(
            "return Array.from(document.querySelectorAll('nav.section-nav a[href^=\"#s-\"]'))
               .map(function (a) { return a.getAttribute('href'); });",
            vec![],
        )
        .await;
    let links: Vec<String> = serde_json::from_value(links).expect("section links");
    assert!(links.len() >= 3, "a section list at the top: {links:?}");
    let mut answered = 0;
    for href in &links {
        v.scroll_to("nav.section-nav").await;
        v.click(&format!("nav.section-nav a[href='{href}']")).await;
        // The link brings the section to the top of the screen.
        eventually(&format!("the jump to {href}"), || async {
            let at = v
                .c
                .execute(
                    "var r = document.querySelector(arguments[0]).getBoundingClientRect();
                     return location.hash === arguments[0] && r.top > -2 && r.top < window.innerHeight / 2;",
                    vec![json!(href)],
                )
                .await
                .ok()?;
            (at == json!(true)).then_some(())
        })
        .await;
        let questions = v
            .js(
                "return Array.from(document.querySelectorAll(arguments[0] + ' [data-question]'))
                   .map(function (q) { return [q.getAttribute('data-question'), q.id.replace(/^q-/, '')]; });",
                vec![json!(href)],
            )
            .await;
        let questions: Vec<(String, String)> =
            serde_json::from_value(questions).expect("questions");
        for (kind, id) in questions {
            let words = answers[answered % answers.len()];
            match kind.as_str() {
                "rating" | "competency_rating" => {
                    v.click(&format!("#r_{id}_{}", rating(answered))).await;
                    v.type_into(&format!("#b_{id}"), words).await;
                }
                "text" => v.type_into(&format!("#b_{id}"), words).await,
                "strengths" => v.type_into("#new_strength_body", words).await,
                "weaknesses" => v.type_into("#new_weakness_body", words).await,
                "goals" => {
                    v.type_into(
                        "#new_goal_title",
                        "Ikut pelatihan penanganan keluhan tagihan",
                    )
                    .await
                }
                other => panic!("a question of a kind this journey does not know: {other}"),
            }
            answered += 1;
        }
    }
    answered
}

/// Wait for the autosave to have saved what was typed (so that pressing a
/// button does not race it), then check the section list says every section
/// is done.
async fn all_saved_and_done(v: &Visit<'_>) {
    eventually("the autosave after the last answer", || async {
        let s =
            v.c.execute(
                "var s = Array.from(document.querySelectorAll('[data-saved-status]'))
                   .map(function (e) { return e.textContent.trim(); });
                 return s.some(function (t) { return t.indexOf('Tersimpan pukul') === 0; }) &&
                   !s.some(function (t) { return t.indexOf('Menyimpan') === 0; });",
                vec![],
            )
            .await
            .ok()?;
        (s == json!(true)).then_some(())
    })
    .await;
    let progress = eventually("the section list to count every section done", || async {
        let t = text_of(v.c, "[data-progress-text]").await?;
        let n: Vec<&str> = t.split_whitespace().collect();
        (n.len() > 2 && n[0] == n[2]).then_some(t)
    })
    .await;
    assert!(progress.contains("bagian selesai"), "{progress}");
}

/// Wait for the autosave to be quiet, then press the form's Continue.
async fn continue_to_check(v: &mut Visit<'_>, side: &str) -> String {
    all_saved_and_done(v).await;
    v.click("button[name=action][value=check]").await;
    v.arrive("the check page", |p| p.ends_with(&format!("/{side}/check")))
        .await
}

async fn journeys(tools: Tools, screen: Screen) {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    app.seed_demo();
    let mut driver = Driver::start(&tools).await;
    let (width, height) = screen.size();
    let c = driver
        .session_sized(&tools.chromium, true, width, height)
        .await;
    let mut v = Visit {
        c: &c,
        base: &app.base,
        screen,
        pages: 0,
    };
    let wide = screen == Screen::Wide;

    // ---- 1. HR launches a review cycle ----
    v.sign_in("sari.wulandari").await;
    // HR's pages sit under one button (wide) or in the Menu (phone).
    match screen {
        Screen::Wide => {
            // With the keyboard: Enter opens the group, Escape closes it and
            // leaves the focus on its button.
            let group = v.find(".header__group > summary").await;
            group.send_keys("\u{E007}").await.expect("Enter on HR");
            let open = v
                .js(
                    "return document.querySelector('.header__group').open;",
                    vec![],
                )
                .await;
            assert_eq!(open, json!(true), "Enter opens HR's group");
            group.send_keys("\u{E00C}").await.expect("Escape");
            let after = v
                .js(
                    "return [document.querySelector('.header__group').open,
                             document.activeElement.matches('.header__group > summary')];",
                    vec![],
                )
                .await;
            assert_eq!(after, json!([false, true]), "Escape closes it, focus stays");
            v.click(".header__group > summary").await;
            let shown = v
                .js(
                    "var a = document.querySelector('.header__group a[href=\"/cycles\"]');
                     return a.getBoundingClientRect().height > 0;",
                    vec![],
                )
                .await;
            assert_eq!(shown, json!(true), "HR's group opens below its button");
            v.shot("hr-menu").await;
            v.click(".header__group a[href='/cycles']").await;
        }
        Screen::Phone => {
            v.click(".header__menu > summary").await;
            v.shot("hr-menu").await;
            v.click(".header__menu a[href='/cycles']").await;
        }
    }
    v.arrive("the review cycles", |p| p == "/cycles").await;
    let current = v
        .js(
            "return Array.from(document.querySelectorAll('header a[aria-current=page]'))
               .map(function (a) { return a.getAttribute('href'); });",
            vec![],
        )
        .await;
    assert_eq!(
        current,
        json!(["/cycles", "/cycles"]),
        "both menus mark the page HR is on"
    );
    v.click("a[href='/cycles/new']").await;
    v.arrive("the new cycle form", |p| p == "/cycles/new").await;

    let today = chrono::Utc::now()
        .with_timezone(&app.settings.timezone)
        .date_naive();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    v.type_into("#name", "Evaluasi Semester II 2026").await;
    // A date field's typing differs by locale; set the values as a date
    // picker would.
    v.js(
        "var d = arguments[0]; Object.keys(d).forEach(function (k) {
           var e = document.getElementById(k); e.value = d[k];
           e.dispatchEvent(new Event('change', {bubbles: true})); });",
        vec![json!({
            "opens_on": day(0), "self_due_on": day(7), "manager_due_on": day(14),
            "ack_due_on": day(18), "closes_on": day(21),
        })],
    )
    .await;
    v.click("#rule-manager").await;
    let rina = app.person_id("rina.marlina");
    v.c.find(Locator::Css("#manager_id"))
        .await
        .expect("the manager list")
        .select_by_value(&rina)
        .await
        .expect("choose Rina");
    if wide {
        v.scroll_to("#name").await;
        v.shot("hr-new-cycle").await;
    }
    v.click("form[action='/cycles'] button[type=submit]").await;
    let draft = v
        .arrive("the draft's page", |p| {
            p.starts_with("/cycles/") && p != "/cycles/new"
        })
        .await;
    let team = v
        .js(
            "return document.querySelectorAll('#participants ~ .table-wrap tbody tr').length;",
            vec![],
        )
        .await
        .as_u64()
        .expect("participants");
    assert!(team >= 3, "Rina's team takes part: {team}");
    v.click("a#launch").await;
    v.arrive("the launch confirmation", |p| p.ends_with("/launch"))
        .await;
    let effects = text_of(&c, "#launch-effects")
        .await
        .expect("what launching does");
    assert!(
        effects.contains(&format!("{team} evaluasi")),
        "the confirmation says how many reviews: {effects}"
    );
    if wide {
        v.shot("hr-launch-confirm").await;
    }
    v.click("form[action$='/launch'] button#launch").await;
    v.arrive("the launched cycle", |p| p == draft).await;
    // The work first: progress, who is overdue, the reviews; details after.
    let order = v
        .js(
            "return ['progress', 'overdue', 'reviews', 'details', 'mail'].map(function (id) {
               var e = document.getElementById(id); return e ? Math.round(e.getBoundingClientRect().top) : null; });",
            vec![],
        )
        .await;
    let tops: Vec<Option<i64>> = serde_json::from_value(order).expect("positions");
    assert!(
        tops.iter().all(Option::is_some),
        "every part of the cycle page: {tops:?}"
    );
    // (On a wide screen progress and overdue sit side by side.)
    assert!(
        tops.windows(2).all(|w| w[0] <= w[1]) && tops[1] < tops[2] && tops[2] < tops[3],
        "progress, overdue and reviews come before the details and email: {tops:?}"
    );
    let progress = text_of(&c, "#cycle-progress").await.expect("progress");
    assert!(
        progress.starts_with(&format!("0 dari {team}")),
        "nobody has finished yet: {progress}"
    );
    let overdue = text_of(&c, "[data-overdue]")
        .await
        .expect("the overdue part");
    assert!(
        overdue.contains("Tidak ada evaluasi yang terlambat"),
        "{overdue}"
    );
    if wide {
        v.scroll_to("nav.page-contents").await;
        v.shot("hr-cycle").await;
        // HR's other wide pages use the screen's width.
        for path in ["/people", "/mail", "/audit"] {
            v.goto(path).await;
            let w = v
                .js(
                    "return document.querySelector('.main').getBoundingClientRect().width;",
                    vec![],
                )
                .await
                .as_f64()
                .expect("width");
            assert!(
                w > 1200.0,
                "{path} uses the screen's width: its column is {w} px"
            );
        }
        v.shot("hr-audit").await;
    }
    v.sign_out().await;

    // ---- 2. Ayu fills the whole self-assessment and submits ----
    v.sign_in("ayu.lestari").await;
    if !wide {
        v.shot("employee-home").await;
    }
    v.click("[data-first-task]").await;
    let form = v
        .arrive("the self-assessment", |p| p.ends_with("/self"))
        .await;
    let review = form
        .trim_start_matches("/reviews/")
        .trim_end_matches("/self")
        .to_string();
    if !wide {
        v.scroll_to("nav.section-nav").await;
        v.shot("self-assessment-sections").await;
    }
    let answered = fill_form(&v, &AYU_WRITES, |i| [4, 3, 5][i % 3]).await;
    assert!(answered >= 10, "the whole form: {answered} questions");
    continue_to_check(&mut v, "self").await;
    if !wide {
        v.shot("self-assessment-check").await;
    }
    v.click("form[action$='/self/submit'] button").await;
    v.arrive("the page after submitting", |p| !p.ends_with("/check"))
        .await;
    assert!(
        v.c.find(Locator::Css("[data-error-summary]"))
            .await
            .is_err(),
        "the self-assessment was complete"
    );
    {
        let mut conn = app.conn();
        let row = cermin::db::reviews::find(&mut conn, &review)
            .expect("query")
            .expect("the review");
        assert_eq!(
            row.0.state(),
            cermin::domain::review::ReviewState::ManagerReview,
            "submitted"
        );
    }
    if !wide {
        v.shot("self-assessment-submitted").await;
    }
    v.sign_out().await;

    // ---- 3. Rina writes the manager review and shares it ----
    v.sign_in("rina.marlina").await;
    let task = format!("[data-task] a[href='/reviews/{review}/manager']");
    v.click(&task).await;
    v.arrive("the manager review", |p| p.ends_with("/manager"))
        .await;
    let answered = fill_form(&v, &RINA_WRITES, |i| [4, 4, 3][i % 3]).await;
    assert!(answered >= 10, "the whole form: {answered} questions");
    // What the manager works from: a competency with Ayu's rating above.
    v.scroll_to("[data-question='competency_rating']").await;
    v.shot("manager-review").await;
    continue_to_check(&mut v, "manager").await;
    if wide {
        v.shot("manager-check").await;
    }
    v.click("form[action$='/share'] button").await;
    v.arrive("the review after sharing", |p| {
        p == format!("/reviews/{review}")
    })
    .await;
    // The review as Ayu will read it: both ratings at a glance.
    if wide {
        v.scroll_to("[data-gap-chart]").await;
        v.shot("manager-shared").await;
    }
    {
        let mut conn = app.conn();
        let row = cermin::db::reviews::find(&mut conn, &review)
            .expect("query")
            .expect("the review");
        assert_eq!(
            row.0.state(),
            cermin::domain::review::ReviewState::Shared,
            "shared"
        );
    }
    v.sign_out().await;

    // ---- Ayu reads her review and acknowledges it ----
    v.sign_in("ayu.lestari").await;
    v.click("[data-first-task]").await;
    v.arrive("the shared review", |p| p == format!("/reviews/{review}"))
        .await;
    v.scroll_to("#ack-heading").await;
    v.type_into(
        "#response",
        "Terima kasih. Saya setuju untuk ikut pelatihan keluhan tagihan bulan depan.",
    )
    .await;
    if !wide {
        v.shot("employee-acknowledge").await;
    }
    v.click("form[action$='/acknowledge'] button").await;
    v.arrive("the review after acknowledging", |p| {
        p == format!("/reviews/{review}")
    })
    .await;
    let done = eventually("the acknowledgement on the page", || async {
        let body = text_of(&c, "main").await?;
        body.contains("Sudah dibaca pada").then_some(body)
    })
    .await;
    assert!(done.contains("pelatihan keluhan tagihan bulan depan"));
    v.sign_out().await;
    assert!(v.pages >= 20, "only {} pages checked", v.pages);

    c.close().await.expect("close the browser");
    driver.session = None;
}

async fn within(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(JOURNEY_LIMIT, test).await.is_err() {
        panic!(
            "the journey did not finish within {} s",
            JOURNEY_LIMIT.as_secs()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn a_review_from_launch_to_acknowledgement_on_a_phone() {
    within(journeys(tools(), Screen::Phone)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn a_review_from_launch_to_acknowledgement_on_a_desktop_screen() {
    within(journeys(tools(), Screen::Wide)).await;
}

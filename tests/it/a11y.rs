//! Accessibility and phone width, checked in a real Chromium on a 390 px
//! screen (issue 10): every kind of page each role reaches (HR, the top
//! manager, a team lead, an employee, and the pages seen before signing in)
//! runs axe-core (installed from npm by `.ci/run` into tests/a11y) with no
//! serious or critical finding, and no page is wider than the phone.
//!
//! Pages are found by following links over HTTP, as `links.rs` does; one page
//! per kind is opened in the browser (ids and query values count as the same
//! kind), so the run stays short as the demo grows.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::PathBuf;
use std::time::Duration;

use fantoccini::Client;
use serde_json::Value;

use crate::browser::{sign_in, tools, Driver, PHONE_WIDTH};
use crate::helpers::*;

/// The most pages one reader's walk may find (HR's demo organisation fits).
const MAX_PAGES: usize = 900;

pub(crate) fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/a11y/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Install the accessibility checker with `npm ci --prefix tests/a11y` \
             (.ci/run does this)",
            path.display()
        )
    })
}

/// The kind of a page: its path with ids replaced, and the names of its
/// query parameters.
fn kind_of(path_and_query: &str) -> String {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let path: Vec<String> = path
        .split('/')
        .map(|seg| {
            if uuid::Uuid::parse_str(seg).is_ok() || seg.len() >= 20 {
                ":id".to_string()
            } else {
                seg.to_string()
            }
        })
        .collect();
    let mut names: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split('=').next().unwrap_or(""))
        .collect();
    names.sort_unstable();
    format!("{}?{}", path.join("/"), names.join("&"))
}

/// One address of each kind of page this reader reaches from `start`.
async fn pages_of_each_kind(app: &TestApp, reader: &Browser, start: &str) -> Vec<String> {
    let base = url::Url::parse(&app.base).expect("base");
    let mut seen: BTreeSet<String> = BTreeSet::from([start.to_string()]);
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    let mut queue: VecDeque<String> = VecDeque::from([start.to_string()]);
    while let Some(path) = queue.pop_front() {
        assert!(seen.len() <= MAX_PAGES, "more than {MAX_PAGES} pages");
        let page = reader.get(&path).await;
        if page.status != reqwest::StatusCode::OK {
            continue;
        }
        let ct = page
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !ct.starts_with("text/html") {
            continue;
        }
        kinds.entry(kind_of(&path)).or_insert_with(|| path.clone());
        let here = base.join(&path).expect("address");
        let doc = scraper::Html::parse_document(&page.text);
        let a = scraper::Selector::parse("a[href]").expect("selector");
        for href in doc.select(&a).filter_map(|e| e.value().attr("href")) {
            let Ok(u) = here.join(href) else { continue };
            if u.origin() != base.origin()
                || u.path() == "/sign-out"
                || u.path().starts_with("/assets/")
                || u.query_pairs().any(|(k, _)| k == "lang")
            {
                continue;
            }
            let p = match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            };
            // Following one page of each kind is enough to find the others.
            if !kinds.contains_key(&kind_of(&p)) && seen.insert(p.clone()) {
                queue.push_back(p);
            }
        }
    }
    kinds.into_values().collect()
}

/// The innermost elements that reach past the phone's right edge (to say
/// what makes a page too wide).
async fn too_wide(c: &Client) -> String {
    c.execute(
        "try {
         const w = 390;
         const out = [];
         for (const e of document.querySelectorAll('body *')) {
           const r = e.getBoundingClientRect();
           if (r.right > w + 1 || r.width > w) {
             let inScroller = false;
             for (let p = e.parentElement; p; p = p.parentElement) {
               if (getComputedStyle(p).overflowX !== 'visible' && p.clientWidth < p.scrollWidth) { inScroller = true; break; }
             }
             out.push((inScroller ? 'IN ' : '') + e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' (' + Math.round(r.right) + ' px)');
           }
         }
         return out.slice(0, 8).join(', ') || 'nothing found';
         } catch (e) { return 'error: ' + e; }",
        vec![],
    )
    .await
    .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
    .unwrap_or_else(|e| e.to_string())
}

/// axe's serious and critical findings on the open page, and its width.
pub(crate) async fn check_page(c: &Client, axe: &str) -> (Vec<String>, i64) {
    c.execute(&format!("{axe};return true;"), vec![])
        .await
        .expect("inject axe-core");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
                   v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    let findings: Vec<String> = serde_json::from_value(found).unwrap_or_default();
    let width = c
        .execute("return document.documentElement.scrollWidth;", vec![])
        .await
        .ok()
        .and_then(|v: Value| v.as_i64())
        .unwrap_or(0);
    (findings, width)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn every_page_passes_axe_and_fits_a_phone() {
    let tools = tools();
    let axe = axe_source();
    let run = async {
        let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
        app.seed_demo();
        // A cycle under way, so the review pages exist in several states.
        let (cycle, reviews) =
            crate::reviews::open_cycle(&app, &["ayu.lestari", "joko.widodo", "rina.marlina"]);
        // With a calibration step and Ayu's review handed in, so the
        // calibration pages are there to check too.
        let due = (chrono::Utc::now().date_naive() + chrono::Duration::days(15)).to_string();
        app.exec(&format!(
            "INSERT INTO cycle_calibrations (cycle_id, due_on, final_visible, by_managers) \
             VALUES ('{cycle}', '{due}', TRUE, TRUE)"
        ));
        app.exec(&format!(
            "UPDATE reviews SET state = 'manager_review', handed_in_at = '{now}', \
             self_submitted_at = '{now}' WHERE id = '{}'",
            reviews[0],
            now = cermin::db::now().format("%Y-%m-%d %H:%M:%S")
        ));
        let mut driver = Driver::start(&tools).await;
        let mut problems: Vec<String> = vec![];
        let mut checked = 0;
        for reader in [
            None,
            Some("sari.wulandari"),
            Some("hendra.gunawan"),
            Some("rina.marlina"),
            Some("ayu.lestari"),
        ] {
            let (http, start) = match reader {
                Some(key) => (app.signed_in(key).await, "/"),
                None => (app.browser(), "/sign-in"),
            };
            let mut pages = pages_of_each_kind(&app, &http, start).await;
            if reader.is_none() {
                pages.push("/password/forgot".into());
                pages.push("/no-such-page".into());
            }
            let c = driver.session(&tools.chromium, true).await;
            if let Some(key) = reader {
                sign_in(&c, &app.base, key).await;
            }
            for path in &pages {
                c.goto(&format!("{}{path}", app.base))
                    .await
                    .unwrap_or_else(|e| panic!("open {path}: {e}"));
                let (findings, width) = check_page(&c, &axe).await;
                checked += 1;
                let who = reader.unwrap_or("(not signed in)");
                for f in findings {
                    problems.push(format!("{who} {path}: {f}"));
                }
                if width > i64::from(PHONE_WIDTH) {
                    problems.push(format!(
                        "{who} {path}: the page is {width} px wide on a {PHONE_WIDTH} px phone: {}",
                        too_wide(&c).await
                    ));
                }
            }
            c.close().await.expect("close the browser");
            driver.session = None;
        }
        // Stop the browser before judging: a failing test then reports its
        // findings, not the driver's log (which holds axe-core's source).
        drop(driver);
        assert!(checked >= 40, "only {checked} pages checked");
        assert!(
            problems.is_empty(),
            "{} problems on {checked} pages:\n{}",
            problems.len(),
            problems.join("\n")
        );
    };
    tokio::time::timeout(Duration::from_secs(900), run)
        .await
        .expect("the accessibility walk took more than 15 minutes");
}

//! No dead links: signed in as each kind of person in the demo organisation
//! (HR, the top manager, a team lead, an employee), follow every same-site
//! link reachable from the home page, and fail on any that does not open for
//! that reader (403, 404, or any other error). A name or button is a link
//! only where the reader may open it.

use std::collections::{BTreeSet, VecDeque};

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(every_link_a_person_is_shown_opens_for_them);

/// HR, the manager of managers, a team lead, an employee.
const READERS: [&str; 4] = [
    "sari.wulandari",
    "hendra.gunawan",
    "rina.marlina",
    "ayu.lestari",
];

/// Enough for HR's whole demo organisation (people, their histories and
/// notes, cycles, templates, the outbox and every email preview).
const MAX_PAGES: usize = 800;
const MAX_DEPTH: usize = 8;

/// The same-site pages `html` (found at `at`) links to with `<a href>`: a
/// path and query, without the fragment. Links that would change something
/// are left out: `?lang=` (it sets the language cookie) and signing out
/// (a form, but named here in case it ever becomes a link).
fn page_links(base: &url::Url, at: &str, html: &str) -> Vec<String> {
    let here = base.join(at).expect("a page address");
    let doc = scraper::Html::parse_document(html);
    let a = scraper::Selector::parse("a[href]").expect("selector");
    doc.select(&a)
        .filter_map(|e| e.value().attr("href"))
        .filter_map(|href| here.join(href).ok())
        .filter(|u| u.origin() == base.origin())
        .filter(|u| {
            let path = u.path();
            path != "/sign-out" && !path.starts_with("/assets/") && path != "/favicon.ico"
        })
        .filter(|u| !u.query_pairs().any(|(k, _)| k == "lang"))
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .collect()
}

/// Visit every page reachable from `/` for this reader; return each link
/// that did not open, as "from → to: status".
async fn dead_links(app: &TestApp, reader: &Browser) -> (Vec<String>, usize) {
    let base = url::Url::parse(&app.base).expect("base URL");
    let mut seen: BTreeSet<String> = BTreeSet::from(["/".to_string()]);
    let mut queue: VecDeque<(String, String, usize)> =
        VecDeque::from([("/".to_string(), "(home)".to_string(), 0)]);
    let mut dead = vec![];
    let mut visited = 0;
    while let Some((path, from, depth)) = queue.pop_front() {
        visited += 1;
        assert!(
            visited <= MAX_PAGES,
            "more than {MAX_PAGES} pages: raise the limit"
        );
        let page = reader.get(&path).await;
        if page.status.is_client_error() || page.status.is_server_error() {
            dead.push(format!("{from} → {path}: {}", page.status));
            continue;
        }
        if page.status.is_redirection() {
            if let Some(to) = page.location() {
                let to = to.trim_start_matches(&app.base).to_string();
                if seen.insert(to.clone()) {
                    queue.push_back((to, path.clone(), depth));
                }
            }
            continue;
        }
        let html = page
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("text/html"));
        // An email's HTML part as HR previews it carries the sample data's
        // links (`/reviews/0190-sample/…`): they stand for the real ones.
        let sample_email = path.starts_with("/mail/previews/") && path.ends_with("/html");
        if !html || depth >= MAX_DEPTH || sample_email {
            continue;
        }
        for link in page_links(&base, &path, &page.text) {
            if seen.insert(link.clone()) {
                queue.push_back((link, path.clone(), depth + 1));
            }
        }
    }
    (dead, visited)
}

async fn every_link_a_person_is_shown_opens_for_them(app: TestApp) {
    app.seed_demo();
    // A cycle under way for everyone who has a manager, a journal entry and
    // a note, so that reviews, histories, notes and the outbox have pages.
    let with_manager: Vec<String> = {
        use cermin::db::schema::people;
        use diesel::prelude::*;
        people::table
            .filter(people::manager_id.is_not_null())
            .select(people::email)
            .load::<String>(&mut *app.conn())
            .expect("people")
            .into_iter()
            .map(|e| e.split('@').next().unwrap_or_default().to_string())
            .collect()
    };
    let keys: Vec<&str> = with_manager.iter().map(String::as_str).collect();
    open_cycle(&app, &keys);
    let ayu = app.signed_in("ayu.lestari").await;
    ayu.get("/journal").await;
    let entry = ayu
        .post(
            "/journal",
            &[
                ("entry_on", "2025-07-01"),
                ("kind", "win"),
                ("body", "Pelanggan memuji kesabaran saya."),
            ],
        )
        .await;
    assert_eq!(entry.status, StatusCode::SEE_OTHER, "{}", entry.text);
    let rina = app.signed_in("rina.marlina").await;
    let notes = format!("/people/{}/notes", app.person_id("ayu.lestari"));
    rina.get(&notes).await;
    let note = rina
        .post(
            &notes,
            &[
                ("entry_on", "2025-07-02"),
                ("kind", "note"),
                ("body", "Ayu membantu rekan saat antrean panjang."),
            ],
        )
        .await;
    assert_eq!(note.status, StatusCode::SEE_OTHER, "{}", note.text);

    let mut report = vec![];
    for key in READERS {
        let reader = app.signed_in(key).await;
        let (dead, visited) = dead_links(&app, &reader).await;
        assert!(visited > 3, "{key} reached only {visited} pages");
        println!("{key}: {visited} pages");
        report.extend(dead.into_iter().map(|d| format!("{key}: {d}")));
    }
    assert!(
        report.is_empty(),
        "{} links do not open for their reader:\n{}",
        report.len(),
        report.join("\n")
    );
}

//! A cycle's progress page: the numbers per step, department and manager
//! against an independent count in SQL; "remind now" (once a day, by step
//! and department); a manager's organisation and nobody else's.

use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    with [("CERMIN_MAIL_WORKER", "false")];
    hr_sees_which_departments_lag_and_reminds_them,
    managers_see_their_organisation_only,
);

pub(crate) const RINAS: [&str; 9] = [
    "ayu.lestari",
    "budi.santoso",
    "citra.dewi",
    "eko.saputra",
    "fitri.handayani",
    "gilang.ramadhan",
    "indah.permata",
    "joko.widodo",
    "kartika.sari",
];
const DIMAS: [&str; 6] = [
    "lukman.hakim",
    "maya.anggraini",
    "nanda.putri",
    "oki.firmansyah",
    "putu.ariani",
    "rizky.maulana",
];

/// A cycle with Rina's and Dimas's teams (and the two of them), opened ten
/// days ago with the self-assessment due two days ago; a few reviews moved
/// on. Returns the cycle id.
pub(crate) fn running_cycle(app: &TestApp) -> String {
    app.seed_demo();
    running_cycle_of_the_demo(app)
}

/// The same, in a database that holds the demo already.
pub(crate) fn running_cycle_of_the_demo(app: &TestApp) -> String {
    let mut keys: Vec<&str> = RINAS.iter().chain(DIMAS.iter()).copied().collect();
    keys.extend(["rina.marlina", "dimas.prasetyo"]);
    let (cycle, _) = crate::reviews::open_cycle(app, &keys);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive();
    let d = |n: i64| (today + chrono::Duration::days(n)).to_string();
    app.exec(&format!(
        "UPDATE review_cycles SET opens_on = '{}', self_due_on = '{}', manager_due_on = '{}', \
         ack_due_on = '{}', closes_on = '{}' WHERE id = '{cycle}'",
        d(-10),
        d(-2),
        d(3),
        d(6),
        d(9)
    ));
    let at = |n: i64| format!("{} 09:00:00", d(n));
    let set =
        |key: &str, state: &str, submitted: Option<i64>, shared: Option<i64>, ack: Option<i64>| {
            let id = app.person_id(key);
            let ts = |t: Option<i64>| t.map_or("NULL".to_string(), |n| format!("'{}'", at(n)));
            app.exec(&format!(
                "UPDATE reviews SET state = '{state}', self_submitted_at = {}, shared_at = {}, \
             acknowledged_at = {} WHERE cycle_id = '{cycle}' AND person_id = '{id}'",
                ts(submitted),
                ts(shared),
                ts(ack)
            ));
        };
    set("ayu.lestari", "acknowledged", Some(-8), Some(-6), Some(-5));
    set("budi.santoso", "shared", Some(-7), Some(-3), None);
    set("citra.dewi", "manager_review", Some(-4), None, None);
    set("lukman.hakim", "manager_review", Some(-9), None, None);
    set("maya.anggraini", "removed", None, None, None);
    cycle
}

/// (department, total, self done, shared, acknowledged, late) by SQL, not
/// by the code under test.
fn expected_by_department(app: &TestApp, cycle: &str) -> Vec<(String, i64, i64, i64, i64, i64)> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        department: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        total: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        self_done: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        shared: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        ack: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        late: i64,
    }
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT p.department AS department, COUNT(*) AS total, \
         SUM(CASE WHEN r.self_submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS self_done, \
         SUM(CASE WHEN r.shared_at IS NOT NULL THEN 1 ELSE 0 END) AS shared, \
         SUM(CASE WHEN r.acknowledged_at IS NOT NULL THEN 1 ELSE 0 END) AS ack, \
         SUM(CASE WHEN r.state = 'self_assessment' THEN 1 ELSE 0 END) AS late \
         FROM reviews r JOIN people p ON p.id = r.person_id \
         WHERE r.cycle_id = '{cycle}' AND r.state <> 'removed' \
         GROUP BY p.department ORDER BY p.department"
    ))
    .load(&mut *app.conn())
    .expect("independent count");
    rows.into_iter()
        .map(|r| (r.department, r.total, r.self_done, r.shared, r.ack, r.late))
        .collect()
}

/// The same, read off the page's department table.
fn shown_by_department(page: &Page) -> Vec<(String, i64, i64, i64, i64, i64)> {
    let doc = scraper::Html::parse_document(&page.text);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let table = doc
        .select(&sel("#departments ~ div table"))
        .next()
        .expect("the department table");
    let number = |row: scraper::ElementRef<'_>, css: &str| -> i64 {
        let text: String = row
            .select(&sel(css))
            .next()
            .map(|c| c.text().collect())
            .unwrap_or_default();
        text.split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a number in {css}: {text:?}"))
    };
    let mut rows: Vec<_> = table
        .select(&sel("tr[data-group]"))
        .map(|row| {
            let name: String = row.select(&sel("th")).next().expect("th").text().collect();
            (
                name.trim().to_string(),
                number(row, "[data-total]"),
                number(row, "[data-self]"),
                number(row, "[data-shared]"),
                number(row, "[data-ack]"),
                number(row, "[data-late]"),
            )
        })
        .collect();
    rows.sort();
    rows
}

fn reminders_now(app: &TestApp) -> Vec<(String, Option<String>)> {
    use cermin::db::schema::email_outbox;
    email_outbox::table
        .filter(email_outbox::dedupe_key.like("%:now:%"))
        .select((email_outbox::kind, email_outbox::recipient_id))
        .load(&mut *app.conn())
        .expect("outbox")
}

async fn hr_sees_which_departments_lag_and_reminds_them(app: TestApp) {
    let cycle = running_cycle(&app);
    let hr = app.signed_in("sari.wulandari").await;
    let show = hr.get(&format!("/cycles/{cycle}")).await;
    let link = show
        .attr("a#progress-link", "href")
        .expect("a link to the progress page");
    let page = hr.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);

    // Per department, against SQL.
    let expected = expected_by_department(&app, &cycle);
    assert_eq!(shown_by_department(&page), expected);
    // The department with the most late comes first.
    let first = page.select_texts("#departments ~ div table tr[data-group] th");
    assert_eq!(first[0], "Pusat Panggilan", "{first:?}");
    // Each step, for the whole cycle.
    let late_self: i64 = expected.iter().map(|r| r.5).sum();
    let steps = page.select_texts("tr[data-step=self] [data-late]");
    assert_eq!(steps, vec![late_self.to_string()]);
    let acknowledged: i64 = expected.iter().map(|r| r.4).sum();
    let total: i64 = expected.iter().map(|r| r.1).sum();
    assert!(
        page.select_texts("tr[data-step=ack] [data-done]")[0]
            .starts_with(&format!("{acknowledged} ")),
        "{:?}",
        page.select_texts("tr[data-step=ack] [data-done]")
    );
    assert_eq!(total, 16, "17 people, one removed");
    // The burn-down and its numbers.
    assert!(page.attr("figure[data-burn-down] svg", "role").is_some());
    let last_day = page.select_texts("[data-burn-table] tbody tr:last-child td");
    assert_eq!(
        last_day,
        vec![
            late_self.to_string(),
            (total - 2).to_string(), // Ayu's and Budi's were shared
            (total - acknowledged).to_string()
        ],
        "the last day of the burn-down"
    );
    // Managers, with their bars.
    let managers = page.select_texts("#managers ~ div table tr[data-group] th");
    assert!(
        managers.contains(&"Rina Marlina".to_string()),
        "{managers:?}"
    );

    // Remind the late of one department, then everyone: once a day each.
    // Dimas's team and Dimas: Lukman submitted, Maya was removed.
    let toko_late = DIMAS.len() as i64 + 1 - 2;
    let reminded = hr
        .post(
            &format!("/cycles/{cycle}/remind"),
            &[("step", "self"), ("department", "Layanan Toko")],
        )
        .await;
    assert_eq!(reminded.status, StatusCode::SEE_OTHER, "{}", reminded.text);
    let sent = reminders_now(&app);
    assert_eq!(sent.len() as i64, toko_late, "{sent:?}");
    assert!(sent.iter().all(|(kind, _)| kind == "overdue"));
    let mut dimas_team: Vec<String> = DIMAS.iter().map(|k| app.person_id(k)).collect();
    dimas_team.push(app.person_id("dimas.prasetyo"));
    assert!(sent
        .iter()
        .all(|(_, to)| to.as_ref().is_some_and(|t| dimas_team.contains(t))));
    let after = hr.get(reminded.location().expect("back to the page")).await;
    assert!(after.select_texts("[data-notice]")[0].contains(&toko_late.to_string()));

    hr.get(&link).await;
    let again = hr
        .post(&format!("/cycles/{cycle}/remind"), &[("step", "self")])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reminders_now(&app).len() as i64,
        late_self,
        "each late person once"
    );
    hr.get(&link).await;
    let third = hr
        .post(&format!("/cycles/{cycle}/remind"), &[("step", "self")])
        .await;
    assert!(third.location().unwrap_or_default().contains("count=0"));
    assert_eq!(
        reminders_now(&app).len() as i64,
        late_self,
        "never twice a day"
    );
    let audited = app
        .audit_actions()
        .iter()
        .filter(|a| *a == "cycle.reminded")
        .count();
    assert_eq!(audited, 3);

    // The manager step is not late: refused, nothing queued.
    hr.get(&link).await;
    let early = hr
        .post(&format!("/cycles/{cycle}/remind"), &[("step", "manager")])
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(reminders_now(&app).len() as i64, late_self);
}

async fn managers_see_their_organisation_only(app: TestApp) {
    let cycle = running_cycle(&app);
    let link = format!("/cycles/{cycle}/progress");

    // Rina: her nine reports, counts only; her team page links here.
    let rina = app.signed_in("rina.marlina").await;
    let team = rina.get("/team").await;
    assert_eq!(
        team.select_attrs("[data-progress-links] a", "href"),
        vec![link.clone()]
    );
    let page = rina.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let shown = shown_by_department(&page);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].0, "Pusat Panggilan");
    assert_eq!(shown[0].1, RINAS.len() as i64);
    assert!(!page.contains("Layanan Toko"), "another team's department");
    assert!(
        !page.contains("Ayu Lestari"),
        "a person's name on a counts page"
    );
    assert!(page
        .select_attrs("form[action$='/remind']", "action")
        .is_empty());
    let refused = rina
        .post(&format!("/cycles/{cycle}/remind"), &[("step", "self")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(reminders_now(&app).is_empty());

    // Hendra: everyone below him, at every level (both teams and both managers).
    let hendra = app.signed_in("hendra.gunawan").await;
    let page = hendra.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let total: i64 = shown_by_department(&page).iter().map(|r| r.1).sum();
    assert_eq!(total, 16);

    // An employee, and a manager with nobody in the cycle.
    let ayu = app.signed_in("ayu.lestari").await;
    assert_eq!(ayu.get(&link).await.status, StatusCode::FORBIDDEN);
    app.exec(&format!(
        "UPDATE reviews SET state = 'removed' WHERE cycle_id = '{cycle}' AND person_id IN ({})",
        DIMAS
            .iter()
            .map(|k| format!("'{}'", app.person_id(k)))
            .collect::<Vec<_>>()
            .join(",")
    ));
    let dimas = app.signed_in("dimas.prasetyo").await;
    assert_eq!(dimas.get(&link).await.status, StatusCode::FORBIDDEN);
}

//! Who may open what: a matrix of people and pages, each with the expected
//! answer, checked over HTTP.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

/// Reviews, journal, notes, cycles, templates and mail: every page and every
/// action, for six people, at three steps of a review.
mod matrix;

on_both_databases!(
    people_pages_matrix,
    hr_actions_are_refused_to_others_and_change_nothing
);

const OK: u16 = 200;
const NO: u16 = 403;
const SIGN_IN: u16 = 303;

async fn people_pages_matrix(app: TestApp) {
    app.seed_demo();
    let ayu = app.person_id("ayu.lestari"); // reports to Rina
    let lukman = app.person_id("lukman.hakim"); // reports to Dimas
    let rina = app.person_id("rina.marlina"); // reports to Hendra
    let pages = [
        ("/people".to_string(), "list"),
        ("/people/new".to_string(), "new"),
        ("/people/import".to_string(), "import"),
        ("/audit".to_string(), "audit"),
        (format!("/people/{ayu}"), "ayu"),
        (format!("/people/{ayu}/edit"), "ayu-edit"),
        (format!("/people/{lukman}"), "lukman"),
        (format!("/people/{rina}"), "rina"),
        ("/me".to_string(), "me"),
    ];
    //                 list  new   import audit ayu  ayu-edit lukman rina  me
    let expectations: [(&str, [u16; 9]); 6] = [
        (
            "anonymous",
            [
                SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN,
            ],
        ),
        ("ayu.lestari", [NO, NO, NO, NO, OK, NO, NO, NO, OK]),
        ("budi.santoso", [NO, NO, NO, NO, NO, NO, NO, NO, OK]),
        ("rina.marlina", [NO, NO, NO, NO, OK, NO, NO, OK, OK]),
        ("dimas.prasetyo", [NO, NO, NO, NO, NO, NO, OK, NO, OK]),
        ("sari.wulandari", [OK, OK, OK, OK, OK, OK, OK, OK, OK]),
    ];
    let mut failures = vec![];
    for (who, expected) in expectations {
        let b = if who == "anonymous" {
            app.browser()
        } else {
            app.signed_in(who).await
        };
        for ((path, name), want) in pages.iter().zip(expected) {
            let got = b.get(path).await;
            if got.status.as_u16() != want {
                failures.push(format!(
                    "{who} GET {name}: expected {want}, got {}",
                    got.status
                ));
            }
            if want == NO
                && got.status == StatusCode::FORBIDDEN
                && !(got.contains("Anda tidak memiliki akses")
                    || got.contains("You do not have access"))
            {
                failures.push(format!(
                    "{who} GET {name}: the 403 page is not the translated one"
                ));
            }
            if want == NO && (got.contains("Uraian pekerjaan") && got.contains("Menjawab telepon"))
            {
                failures.push(format!(
                    "{who} GET {name}: someone else's job description leaked"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

async fn hr_actions_are_refused_to_others_and_change_nothing(app: TestApp) {
    app.seed_demo();
    let ayu = app.person_id("ayu.lestari");
    let rina = app.signed_in("rina.marlina").await;
    rina.get("/").await;
    for path in [
        format!("/people/{ayu}/deactivate"),
        format!("/people/{ayu}/invitation"),
        format!("/people/{ayu}"),
    ] {
        let res = rina
            .post(
                &path,
                &[
                    ("name", "Diubah"),
                    ("email", "x@y.id"),
                    ("role", "hr"),
                    ("lang", "id"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "manager POST {path}");
    }
    let mut conn = app.conn();
    let p = cermin::db::people::find(&mut conn, &ayu)
        .expect("q")
        .expect("p");
    assert!(p.active);
    assert_eq!(p.name, "Ayu Lestari");
    assert_eq!(p.role, "employee");
}

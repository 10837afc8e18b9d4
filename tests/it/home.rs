//! Each person's home puts their most urgent work first (issue 10): one
//! to-do list of their own steps and their reports' waiting reviews, soonest
//! due first; notifications stay until dismissed.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(
    the_to_do_list_puts_the_soonest_first,
    notifications_stay_until_dismissed,
);

async fn the_to_do_list_puts_the_soonest_first(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari", "joko.widodo", "rina.marlina"]);
    let (ayus, rinas) = (&reviews[0], &reviews[2]);
    // Ayu has sent her self-assessment: Rina now has it to review.
    app.exec(&format!(
        "UPDATE reviews SET state = 'manager_review' WHERE id = '{ayus}'"
    ));
    let rina = app.signed_in("rina.marlina").await;
    let home = rina.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    let tasks = home.select_attrs("[data-task] a", "href");
    assert_eq!(
        tasks,
        vec![
            format!("/reviews/{rinas}/self"),
            format!("/reviews/{ayus}/manager")
        ],
        "her own self-assessment is due first (day 7), Ayu's review on day 14"
    );
    let texts = home.select_texts("[data-task] a");
    assert!(texts[1].contains("Ayu Lestari"), "{texts:?}");
    assert_eq!(
        home.attr("[data-first-task]", "href"),
        Some(format!("/reviews/{rinas}/self")),
        "one main button, for the first task"
    );
    assert_eq!(
        home.select_texts("a.button").len(),
        1,
        "no second big button"
    );

    // Once Rina has sent her own, Ayu's review is first; Joko's is not
    // there (he has not sent his yet: nothing waits on Rina).
    app.exec(&format!(
        "UPDATE reviews SET state = 'manager_review' WHERE id = '{rinas}'"
    ));
    let home = rina.get("/").await;
    assert_eq!(
        home.select_attrs("[data-task] a", "href"),
        vec![format!("/reviews/{ayus}/manager")]
    );
    // Overdue work says so.
    app.exec(
        "UPDATE review_cycles SET opens_on = '2026-01-01', self_due_on = '2026-01-02', \
         manager_due_on = '2026-01-03'",
    );
    let home = rina.get("/").await;
    assert_eq!(home.select_texts("[data-task] .tag--red").len(), 1);
}

async fn notifications_stay_until_dismissed(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    {
        let mut conn = app.conn();
        cermin::db::notifications::notify(
            &mut conn,
            &app.person_id("ayu.lestari"),
            "review_shared",
            Some(review),
            Some(&app.person_id("rina.marlina")),
            "",
        )
        .expect("notify");
    }
    let ayu = app.signed_in("ayu.lestari").await;
    let home = ayu.get("/").await;
    assert_eq!(home.select_texts("[data-notice]").len(), 1);
    // Opening the review does not make the notice disappear.
    assert_eq!(
        ayu.get(&format!("/reviews/{review}")).await.status,
        StatusCode::OK
    );
    let home = ayu.get("/").await;
    assert_eq!(home.select_texts("[data-notice]").len(), 1, "still there");
    let action = home
        .attr("[data-notice] form", "action")
        .expect("a dismiss button");

    // Nobody else can dismiss it.
    let joko = app.signed_in("joko.widodo").await;
    joko.get("/").await;
    assert_eq!(joko.post(&action, &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(ayu.get("/").await.select_texts("[data-notice]").len(), 1);

    let done = ayu.post(&action, &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), Some("/#notifications"));
    let home = ayu.get("/").await;
    assert!(home.select_texts("[data-notice]").is_empty(), "dismissed");
    assert!(app
        .audit_actions()
        .contains(&"notification.dismissed".to_string()));
    // Twice is not an error.
    assert_eq!(ayu.post(&action, &[]).await.status, StatusCode::SEE_OTHER);
}

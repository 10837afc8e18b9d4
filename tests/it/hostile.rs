//! Hostile input against the review form (issue 9): a request that names
//! rows of someone else's review is answered cleanly and changes nothing of
//! theirs.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::reviews::open_cycle;

on_both_databases!(another_reviews_row_ids_as_new_rows,);

/// Item 8: another review's strength, goal or comment id posted as the id of
/// a new row was a unique-key violation (500). The save goes through with an
/// id made by the server, and the other review's rows are untouched.
async fn another_reviews_row_ids_as_new_rows(app: TestApp) {
    app.seed_demo();
    let (_, reviews) = open_cycle(&app, &["ayu.lestari", "joko.widodo"]);
    let (ayus, jokos) = (&reviews[0], &reviews[1]);

    // Ayu writes a strength and a goal in her own review.
    let ayu = app.signed_in("ayu.lestari").await;
    let form = ayu.get(&format!("/reviews/{ayus}/self")).await;
    let strength_id = form
        .attr("input[name=new_strength_id]", "value")
        .expect("id");
    let goal_id = form.attr("input[name=new_goal_id]", "value").expect("id");
    let saved = ayu
        .post(
            &format!("/reviews/{ayus}/self"),
            &[
                ("new_strength_id", strength_id.as_str()),
                ("new_strength_body", "Tenang saat antrean panjang"),
                ("new_goal_id", goal_id.as_str()),
                ("new_goal_title", "Menutup 95% tiket di hari yang sama"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    // Joko posts her ids as the ids of his own new rows.
    let joko = app.signed_in("joko.widodo").await;
    joko.get(&format!("/reviews/{jokos}/self")).await;
    let res = joko
        .post(
            &format!("/reviews/{jokos}/self"),
            &[
                ("new_strength_id", strength_id.as_str()),
                ("new_strength_body", "Teliti mencatat keluhan"),
                ("new_goal_id", goal_id.as_str()),
                ("new_goal_title", "Belajar sistem tiket baru"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "no 500: {}", res.text);

    let mut conn = app.conn();
    let hers = cermin::db::reviews::traits(&mut conn, ayus).expect("q");
    assert_eq!(hers.len(), 1);
    assert_eq!(
        hers[0].body, "Tenang saat antrean panjang",
        "hers is untouched"
    );
    let his = cermin::db::reviews::traits(&mut conn, jokos).expect("q");
    assert_eq!(his.len(), 1, "his strength is kept");
    assert_eq!(his[0].body, "Teliti mencatat keluhan");
    assert_ne!(his[0].id, strength_id, "under an id of its own");
    let her_goals = cermin::db::reviews::goals_of_review(&mut conn, ayus).expect("q");
    assert_eq!(her_goals[0].title, "Menutup 95% tiket di hari yang sama");
    let his_goals = cermin::db::reviews::goals_of_review(&mut conn, jokos).expect("q");
    assert_eq!(his_goals.len(), 1);
    assert_eq!(his_goals[0].title, "Belajar sistem tiket baru");
}

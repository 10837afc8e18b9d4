//! Fair ratings: the spread of manager ratings per manager and department
//! against an independent count in SQL, the managers that stand out, the
//! self-vs-manager gap per competency, and HR only.

use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;
use crate::progress::RINAS;

on_both_databases!(
    with [("CERMIN_MAIL_WORKER", "false")];
    hr_sees_who_rates_differently,
);

/// The rating questions tied to a competency in the default template.
pub(crate) fn competency_questions(app: &TestApp) -> Vec<(String, String)> {
    let mut conn = app.conn();
    let template = cermin::db::forms::default_template(&mut conn)
        .expect("q")
        .expect("template");
    let form = cermin::db::forms::load_form(&mut conn, &template.id)
        .expect("q")
        .expect("form");
    form.questions()
        .filter(|q| {
            q.competency_id.is_some()
                && q.kind == cermin::domain::review::QuestionKind::CompetencyRating
        })
        .map(|q| (q.id.clone(), q.competency_id.clone().unwrap_or_default()))
        .take(3)
        .collect()
}

/// The review of the person `key` in the cycle.
fn review_of(app: &TestApp, cycle: &str, key: &str) -> String {
    cermin::db::reviews::find_in_cycle(&mut app.conn(), cycle, &app.person_id(key))
        .expect("q")
        .expect("review")
        .id
}

pub(crate) fn rate(app: &TestApp, cycle: &str, key: &str, side: &str, question: &str, rating: i32) {
    use cermin::db::schema::answers;
    let review = review_of(app, cycle, key);
    let mut conn = app.conn();
    diesel::insert_into(answers::table)
        .values((
            answers::id.eq(cermin::db::new_id()),
            answers::review_id.eq(review),
            answers::question_id.eq(question),
            answers::side.eq(side),
            answers::rating.eq(Some(rating)),
            answers::body.eq(""),
            answers::status.eq("draft"),
            answers::version.eq(1),
            answers::updated_at.eq(cermin::db::now()),
        ))
        .execute(&mut *conn)
        .expect("answer");
}

async fn hr_sees_who_rates_differently(app: TestApp) {
    let cycle = crate::progress::running_cycle(&app);
    let questions = competency_questions(&app);
    assert_eq!(questions.len(), 3);
    // Rina gives all her nine people 5 everywhere; Dimas is harder.
    for key in RINAS {
        for (q, _) in &questions {
            rate(&app, &cycle, key, "manager", q, 5);
        }
    }
    let dimas = [
        ("lukman.hakim", 2),
        ("nanda.putri", 3),
        ("oki.firmansyah", 3),
        ("putu.ariani", 2),
        ("rizky.maulana", 4),
    ];
    for (key, r) in dimas {
        for (q, _) in &questions {
            rate(&app, &cycle, key, "manager", q, r);
        }
    }
    // Self-ratings of the reviews past the self-assessment: Ayu, Budi and
    // Citra rate themselves 3; Lukman 4.
    for (key, r) in [
        ("ayu.lestari", 3),
        ("budi.santoso", 3),
        ("citra.dewi", 3),
        ("lukman.hakim", 4),
    ] {
        for (q, _) in &questions {
            rate(&app, &cycle, key, "self", q, r);
        }
    }
    // A self-rating still in draft (Eko has not submitted) does not count.
    rate(&app, &cycle, "eko.saputra", "self", &questions[0].0, 1);

    let hr = app.signed_in("sari.wulandari").await;
    let show = hr.get(&format!("/cycles/{cycle}")).await;
    let link = show
        .attr("a#ratings-link", "href")
        .expect("a link to fair ratings");
    let page = hr.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);

    // Per manager, the counts of each rating against SQL.
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        rating: i32,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT m.name AS name, a.rating AS rating, COUNT(*) AS n FROM answers a \
         JOIN reviews r ON r.id = a.review_id JOIN people m ON m.id = r.manager_id \
         WHERE r.cycle_id = '{cycle}' AND a.side = 'manager' AND r.state <> 'removed' \
         GROUP BY m.name, a.rating"
    ))
    .load(&mut *app.conn())
    .expect("independent count");
    assert!(!rows.is_empty());
    for r in &rows {
        let cell = page.select_texts(&format!(
            "#managers ~ div tr[data-group=\"{}\"] td[data-rating=\"{}\"]",
            r.name, r.rating
        ));
        assert_eq!(
            cell,
            vec![r.n.to_string()],
            "{} gave {} × {}",
            r.name,
            r.n,
            r.rating
        );
    }
    // Who stands out, and how.
    let flags = page.select_attrs("#managers ~ div tr[data-flag]", "data-flag");
    let flagged = page.select_attrs("#managers ~ div tr[data-flag]", "data-group");
    assert_eq!(
        flagged,
        vec!["Dimas Prasetyo".to_string(), "Rina Marlina".to_string()]
    );
    assert_eq!(flags, vec!["severe".to_string(), "lenient".to_string()]);
    // Per department: Pusat Panggilan gave only 5s.
    let pp = page.select_texts(
        "#departments ~ div tr[data-group=\"Pusat Panggilan\"] td[data-rating=\"5\"]",
    );
    assert_eq!(pp, vec![(RINAS.len() * 3).to_string()]);
    // The gap per competency: submitted self-assessments only (Eko's draft
    // is left out): self (3+3+3+4)/4 = 3.25, manager (5+5+5+2)/4 = 4.25.
    let gaps = page.select_texts("[data-gaps] [data-gap]");
    assert_eq!(gaps.len(), 3, "{gaps:?}");
    for g in &gaps {
        assert!(g.starts_with("-1.00"), "{gaps:?}");
    }
    assert_eq!(page.select_texts("[data-gaps] td[data-self]")[0], "3.25");
    assert_eq!(page.select_texts("[data-gaps] td[data-manager]")[0], "4.25");
    assert!(
        page.select_texts("[data-method] li").len() >= 4,
        "the method is on the page"
    );

    // The counts follow every way a rating changes, whatever writes it:
    // Lukman's first rating 2 -> 1, one of Rizky's 4s removed, and every
    // text of Dimas's reviews rewritten with its rating as it was.
    let review = |key: &str| review_of(&app, &cycle, key);
    app.exec(&format!(
        "UPDATE answers SET rating = 1 WHERE review_id = '{}' AND side = 'manager' \
         AND question_id = '{}'",
        review("lukman.hakim"),
        questions[0].0
    ));
    app.exec(&format!(
        "DELETE FROM answers WHERE review_id = '{}' AND side = 'manager' AND question_id = '{}'",
        review("rizky.maulana"),
        questions[1].0
    ));
    app.exec(&format!(
        "UPDATE answers SET body = 'ditulis ulang', rating = rating WHERE review_id IN \
         (SELECT id FROM reviews WHERE manager_id = '{}')",
        app.person_id("dimas.prasetyo")
    ));
    let again = hr.get(&link).await;
    let dimas_gave = |rating: i32| {
        again.select_texts(&format!(
            "#managers ~ div tr[data-group=\"Dimas Prasetyo\"] td[data-rating=\"{rating}\"]"
        ))
    };
    assert_eq!(dimas_gave(1), vec!["1"]);
    assert_eq!(dimas_gave(2), vec!["5"]);
    assert_eq!(dimas_gave(3), vec!["6"]);
    assert_eq!(dimas_gave(4), vec!["2"]);

    // HR only.
    for key in ["rina.marlina", "hendra.gunawan", "ayu.lestari"] {
        let b = app.signed_in(key).await;
        assert_eq!(b.get(&link).await.status, StatusCode::FORBIDDEN, "{key}");
    }
}

on_both_databases!(
    with [("CERMIN_MAIL_WORKER", "false")];
    strengths_and_weaknesses_over_time,
);

fn name_trait(app: &TestApp, cycle: &str, key: &str, side: &str, kind: &str, competency: &str) {
    use cermin::db::schema::strengths_weaknesses as t;
    let person = app.person_id(key);
    let review = review_of(app, cycle, key);
    let mut conn = app.conn();
    let now = cermin::db::now();
    diesel::insert_into(t::table)
        .values((
            t::id.eq(cermin::db::new_id()),
            t::person_id.eq(&person),
            t::review_id.eq(Some(review)),
            t::competency_id.eq(Some(competency)),
            t::kind.eq(kind),
            t::side.eq(side),
            t::stance.eq("own"),
            t::body.eq("Contoh nyata"),
            t::created_at.eq(now),
            t::updated_at.eq(now),
        ))
        .execute(&mut *conn)
        .expect("entry");
}

async fn strengths_and_weaknesses_over_time(app: TestApp) {
    let cycle = crate::progress::running_cycle(&app);
    let questions = competency_questions(&app);
    let (teamwork, composure) = (questions[0].1.clone(), questions[1].1.clone());
    // Ayu (acknowledged) and Budi (shared) name teamwork a strength; Rina
    // names composure a weakness for Citra; Eko's draft does not count.
    name_trait(&app, &cycle, "ayu.lestari", "self", "strength", &teamwork);
    name_trait(&app, &cycle, "budi.santoso", "self", "strength", &teamwork);
    name_trait(
        &app,
        &cycle,
        "citra.dewi",
        "manager",
        "weakness",
        &composure,
    );
    name_trait(&app, &cycle, "eko.saputra", "self", "strength", &teamwork);
    // Lukman (Layanan Toko) names composure a strength.
    name_trait(&app, &cycle, "lukman.hakim", "self", "strength", &composure);

    let hr = app.signed_in("sari.wulandari").await;
    let list = hr.get("/cycles").await;
    let link = list
        .attr("a#insights-link", "href")
        .expect("a link from the cycles");
    let page = hr.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let name = |id: &str| {
        cermin::db::forms::competencies(&mut app.conn(), true)
            .expect("q")
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| {
                if page.contains("<html lang=\"en\"") {
                    c.name_en
                } else {
                    c.name_id
                }
            })
            .expect("competency")
    };
    let cell = |page: &Page, kind: &str, competency: &str| -> Vec<String> {
        page.select_attrs(
            &format!("[data-heatmap={kind}] tr[data-competency=\"{competency}\"] td"),
            "data-n",
        )
    };
    // One launched cycle: a column; 16 reviews in it.
    assert_eq!(cell(&page, "strength", &name(&teamwork)), vec!["2"]);
    assert_eq!(cell(&page, "strength", &name(&composure)), vec!["1"]);
    assert_eq!(cell(&page, "weakness", &name(&composure)), vec!["1"]);
    assert!(
        page.select_texts("[data-heatmap=strength] td")[0].contains("(13%)"),
        "2 of 16"
    );
    // One department.
    let toko = hr.get("/insights?department=Layanan+Toko").await;
    assert_eq!(cell(&toko, "strength", &name(&composure)), vec!["1"]);
    assert!(cell(&toko, "strength", &name(&teamwork)).is_empty());
    // One team: Dimas and everyone below him (Lukman).
    let dimas_id = app.person_id("dimas.prasetyo");
    let team = hr.get(&format!("/insights?team={dimas_id}")).await;
    assert_eq!(team.status, StatusCode::OK);
    assert!(team.attr("[data-team]", "data-team").as_deref() == Some(dimas_id.as_str()));
    assert_eq!(cell(&team, "strength", &name(&composure)), vec!["1"]);
    assert!(cell(&team, "strength", &name(&teamwork)).is_empty());
    assert!(
        team.select_attrs("#team option", "value")
            .contains(&dimas_id),
        "the teams to choose from"
    );
    // Support asked for: Ayu's goal (Rina's team) and Lukman's (Dimas's).
    add_support_goal(&app, &cycle, "ayu.lestari", "Pelatihan menangani keluhan");
    add_support_goal(&app, &cycle, "lukman.hakim", "Pendampingan kasir baru");
    let everyone = hr.get("/insights").await;
    let support = everyone.select_texts("[data-support] tbody tr");
    assert_eq!(support.len(), 2, "{support:?}");

    // A manager reads their own team, without asking: the reviews they
    // write, and nothing further below (a wider count, less what they
    // read, would give one person's review away).
    let rina = app.signed_in("rina.marlina").await;
    let team_page = rina.get("/team").await;
    let own = rina
        .get(
            &team_page
                .attr("a#insights-link", "href")
                .expect("a link from the team"),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text);
    assert_eq!(
        own.select_attrs("[data-own-team]", "data-own-team").len(),
        1
    );
    assert_eq!(cell(&own, "strength", &name(&teamwork)), vec!["2"]);
    assert!(
        cell(&own, "strength", &name(&composure)).is_empty(),
        "Lukman is Dimas's"
    );
    assert_eq!(cell(&own, "weakness", &name(&composure)), vec!["1"]);
    assert!(
        own.select_attrs("#department", "id").is_empty(),
        "no department filter"
    );
    assert!(
        own.select_attrs("#team", "id").is_empty(),
        "no team to choose"
    );
    let support = own.select_texts("[data-support] tbody tr");
    assert_eq!(
        support.len(),
        1,
        "only the reviews Rina writes: {support:?}"
    );
    assert!(support[0].contains("Pelatihan menangani keluhan"));
    // No team is hers to choose, hers included; a department changes nothing.
    let rina_id = app.person_id("rina.marlina");
    for team in [&dimas_id, &rina_id] {
        let page = rina.get(&format!("/insights?team={team}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
    let by_department = rina.get("/insights?department=Layanan+Toko").await;
    assert_eq!(by_department.status, StatusCode::OK);
    assert!(cell(&by_department, "strength", &name(&composure)).is_empty());
    assert_eq!(
        cell(&by_department, "strength", &name(&teamwork)),
        vec!["2"]
    );
    // Hendra, above both, writes only Rina's and Dimas's own reviews, which
    // name nothing: his page counts nothing of the people below them.
    let hendra = app.signed_in("hendra.gunawan").await;
    let his = hendra.get("/insights").await;
    assert_eq!(his.status, StatusCode::OK);
    assert!(his
        .select_attrs("[data-heatmap] td[data-n]", "data-n")
        .is_empty());
    assert!(
        his.contains(&in_page_lang(&his.text, "insights-none-named")),
        "{}",
        his.text
    );
    assert!(his.select_texts("[data-support] tbody tr").is_empty());
    // Budi moves under Ayu: his review stays Rina's (she writes it), and
    // HR reads Ayu's new team.
    let ayu_id = app.person_id("ayu.lestari");
    app.exec(&format!(
        "UPDATE people SET manager_id = '{ayu_id}' WHERE id = '{}'",
        app.person_id("budi.santoso")
    ));
    let after_move = rina.get("/insights").await;
    assert_eq!(cell(&after_move, "strength", &name(&teamwork)), vec!["2"]);
    let ayus = hr.get(&format!("/insights?team={ayu_id}")).await;
    assert_eq!(ayus.status, StatusCode::OK);
    assert_eq!(cell(&ayus, "strength", &name(&teamwork)), vec!["1"]);
    // Ayu leads Budi now but writes no review of his: her page counts
    // nothing of his.
    let ayu = app.signed_in("ayu.lestari").await;
    let hers = ayu.get("/insights").await;
    assert_eq!(hers.status, StatusCode::OK);
    assert!(hers
        .select_attrs("[data-heatmap] td[data-n]", "data-n")
        .is_empty());

    // A team is someone with reports: Eko leads no one.
    let eko_id = app.person_id("eko.saputra");
    let page = hr.get(&format!("/insights?team={eko_id}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // A team and a department with no one in common: said, not "none".
    let apart = hr
        .get(&format!("/insights?team={ayu_id}&department=Layanan+Toko"))
        .await;
    assert_eq!(apart.status, StatusCode::OK);
    assert_eq!(apart.select_attrs("[data-empty-group]", "class").len(), 1);
    assert!(
        apart.select_attrs("#team option[selected]", "value") == vec![ayu_id.clone()],
        "the team read is the team shown"
    );

    // An employee without reports: no.
    let eko = app.signed_in("eko.saputra").await;
    assert_eq!(eko.get("/insights").await.status, StatusCode::FORBIDDEN);
    // Hostile team ids change nothing and break nothing (a NUL is refused
    // at the edge, `hostile::strange_filters_never_break_a_list`).
    for bad in [
        "x",
        "%27%20OR%201%3D1--",
        "01a22e83-0000-7000-8000-000000000000",
    ] {
        let page = hr.get(&format!("/insights?team={bad}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{bad}");
    }
}

/// A goal in a person's review, written by them, asking for support.
fn add_support_goal(app: &TestApp, cycle: &str, key: &str, support: &str) {
    use cermin::db::schema::goals as g;
    let person = app.person_id(key);
    let review = review_of(app, cycle, key);
    let now = cermin::db::now();
    diesel::insert_into(g::table)
        .values((
            g::id.eq(cermin::db::new_id()),
            g::person_id.eq(&person),
            g::review_id.eq(Some(review)),
            g::kind.eq("development"),
            g::title.eq("Sasaran"),
            g::support_needed.eq(support),
            g::status.eq("proposed"),
            g::author_id.eq(Some(person.clone())),
            g::created_at.eq(now),
            g::updated_at.eq(now),
        ))
        .execute(&mut *app.conn())
        .expect("goal");
}

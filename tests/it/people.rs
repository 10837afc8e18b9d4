use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    hr_adds_a_person_who_accepts_the_invitation,
    invalid_person_form_keeps_what_was_typed,
    hr_edits_job_description_and_manager_with_audit,
    manager_loops_are_refused,
    deactivation_ends_sessions_and_keeps_history,
    people_list_searches_and_filters,
    people_search_follows_every_change,
);

async fn hr_adds_a_person_who_accepts_the_invitation(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    hr.get("/people/new").await;
    let rina = app.person_id("rina.marlina");
    let created = hr
        .post(
            "/people",
            &[
                ("name", "Bayu Nugroho"),
                ("email", "Bayu.Nugroho@Sejahtera.example"),
                ("role", "employee"),
                ("manager_id", &rina),
                ("department", "Pusat Panggilan"),
                ("job_title", "Agen Pusat Panggilan"),
                (
                    "job_description",
                    "Menjawab panggilan pelanggan dengan tenang.",
                ),
                ("lang", "en"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    assert_eq!(created.h1(), "Bayu Nugroho ditambahkan");
    let link = created
        .attr("[data-invitation-link]", "value")
        .expect("invitation link shown");
    assert!(link.starts_with(&format!("{}/invitation/", app.base)));

    // Bayu opens the link in his own browser; the page is in his language.
    let bayu = app.browser();
    let path = link.trim_start_matches(&app.base).to_string();
    let form = bayu.get(&path).await;
    assert_eq!(form.h1(), "Welcome to Cermin");
    let mismatch = bayu
        .post(
            &path,
            &[
                ("password", "angin sepoi sepoi"),
                ("password_confirm", "angin sepoi"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch.contains("The two passwords are not the same"));
    let done = bayu
        .post(
            &path,
            &[
                ("password", "angin sepoi sepoi"),
                ("password_confirm", "angin sepoi sepoi"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let home = bayu.get("/").await;
    assert_eq!(home.h1(), "Hello, Bayu Nugroho");
    let me = bayu.get("/me").await;
    assert!(
        me.contains("Menjawab panggilan pelanggan dengan tenang."),
        "his job description is on his profile"
    );
    assert!(
        me.contains("bayu.nugroho@sejahtera.example"),
        "email stored in lower case"
    );
    // The link is single use.
    let used = app.browser().get(&path).await;
    assert_eq!(used.status, StatusCode::GONE);
    assert_eq!(used.h1(), "Tautan ini tidak berlaku lagi");
    // He sees himself and nothing else.
    assert_eq!(bayu.get("/people").await.status, StatusCode::FORBIDDEN);
    let ayu = app.person_id("ayu.lestari");
    assert_eq!(
        bayu.get(&format!("/people/{ayu}")).await.status,
        StatusCode::FORBIDDEN
    );
    let actions = app.audit_actions();
    assert!(actions.contains(&"person.created".to_string()));
    assert!(actions.contains(&"person.password_set".to_string()));
}

async fn invalid_person_form_keeps_what_was_typed(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    hr.get("/people/new").await;
    let long_description = "Melayani pelanggan.\nMencatat keluhan.";
    let res = hr
        .post(
            "/people",
            &[
                ("name", "  "),
                ("email", &email_of("ayu.lestari")),
                ("role", "boss"),
                ("manager_id", ""),
                ("department", "Gudang"),
                ("job_title", "Staf"),
                ("job_description", long_description),
                ("lang", "id"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("<title>Perlu diperbaiki:"));
    let summary = res.select_texts(".error-summary__list a");
    assert!(
        summary.contains(&"Masukkan nama lengkap".to_string()),
        "{summary:?}"
    );
    assert!(
        summary.contains(&"Pilih peran: karyawan, atasan, atau SDM".to_string()),
        "{summary:?}"
    );
    assert_eq!(
        res.attr(".error-summary__list a", "href").as_deref(),
        Some("#name")
    );
    assert_eq!(
        res.attr("#department", "value").as_deref(),
        Some("Gudang"),
        "typed values are kept"
    );
    assert!(res
        .select_texts("#job_description")
        .iter()
        .any(|t| t.contains("Mencatat keluhan.")));
    // A taken email is refused once the rest is right.
    let taken = hr
        .post(
            "/people",
            &[
                ("name", "Ayu Kedua"),
                ("email", &email_of("ayu.lestari").to_uppercase()),
                ("role", "employee"),
                ("manager_id", ""),
                ("department", ""),
                ("job_title", ""),
                ("job_description", ""),
                ("lang", "id"),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.contains("Sudah ada orang dengan alamat email ini"));
}

async fn hr_edits_job_description_and_manager_with_audit(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let ayu = app.person_id("ayu.lestari");
    let dimas = app.person_id("dimas.prasetyo");
    let edit = hr.get(&format!("/people/{ayu}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(edit.attr("#name", "value").as_deref(), Some("Ayu Lestari"));
    let res = hr
        .post(
            &format!("/people/{ayu}"),
            &[
                ("name", "Ayu Lestari"),
                ("email", &email_of("ayu.lestari")),
                ("role", "employee"),
                ("manager_id", &dimas),
                ("department", "Layanan Toko"),
                ("job_title", "Staf Layanan Toko"),
                ("job_description", "Menyambut pelanggan di toko."),
                ("lang", "id"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = hr.get(res.location().expect("redirect")).await;
    assert!(page.contains("Perubahan disimpan."));
    assert!(page.contains("Menyambut pelanggan di toko."));
    // Her new manager sees her; the old one no longer does.
    assert_eq!(
        app.signed_in("dimas.prasetyo")
            .await
            .get(&format!("/people/{ayu}"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.signed_in("rina.marlina")
            .await
            .get(&format!("/people/{ayu}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let actions = app.audit_actions();
    assert!(actions.contains(&"person.updated".to_string()));
    assert!(actions.contains(&"person.manager_changed".to_string()));
    let audit = hr.get("/audit?action=person.manager_changed").await;
    assert!(
        audit.contains("Sari Wulandari"),
        "the audit page names who did it"
    );
}

async fn manager_loops_are_refused(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let hendra = app.person_id("hendra.gunawan");
    let ayu = app.person_id("ayu.lestari"); // Ayu → Rina → Hendra
    hr.get(&format!("/people/{hendra}/edit")).await;
    let res = hr
        .post(
            &format!("/people/{hendra}"),
            &[
                ("name", "Hendra Gunawan"),
                ("email", &email_of("hendra.gunawan")),
                ("role", "manager"),
                ("manager_id", &ayu),
                ("department", ""),
                ("job_title", ""),
                ("job_description", ""),
                ("lang", "id"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.contains("lingkaran"), "{}", res.text);
    let mut conn = app.conn();
    assert_eq!(
        cermin::db::people::find(&mut conn, &hendra)
            .expect("q")
            .expect("p")
            .manager_id,
        None
    );
}

async fn deactivation_ends_sessions_and_keeps_history(app: TestApp) {
    app.seed_demo();
    let eko = app.signed_in("eko.saputra").await;
    assert_eq!(eko.get("/me").await.status, StatusCode::OK);
    let hr = app.signed_in("sari.wulandari").await;
    let id = app.person_id("eko.saputra");
    hr.get(&format!("/people/{id}")).await;
    let res = hr.post(&format!("/people/{id}/deactivate"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        eko.get("/me").await.status,
        StatusCode::SEE_OTHER,
        "signed out at once"
    );
    assert_eq!(
        app.browser()
            .sign_in(&email_of("eko.saputra"), DEMO_PASSWORD)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let page = hr.get(&format!("/people/{id}")).await;
    assert!(page.contains("Nonaktif"));
    assert!(
        page.contains("person.deactivated"),
        "history shows the change"
    );
    // HR cannot deactivate themselves.
    let me = app.person_id("sari.wulandari");
    let own = hr.post(&format!("/people/{me}/deactivate"), &[]).await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    hr.post(&format!("/people/{id}/reactivate"), &[]).await;
    assert_eq!(
        app.browser()
            .sign_in(&email_of("eko.saputra"), DEMO_PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

async fn people_list_searches_and_filters(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let all = hr.get("/people").await;
    assert_eq!(
        all.select_texts("tbody tr").len(),
        23,
        "everyone fits on the first page"
    );
    assert!(
        all.attr("a[rel=next]", "href").is_none(),
        "and there is no second page"
    );
    assert_eq!(all.select_texts(".pagination__current"), vec!["Halaman 1"]);
    let found = hr.get("/people?q=lestari").await;
    assert_eq!(found.select_texts("tbody tr").len(), 1);
    assert!(found.contains("Ayu Lestari"));
    let store = hr.get("/people?department=Layanan+Toko").await;
    assert_eq!(
        store.select_texts("tbody tr").len(),
        9,
        "Dimas and his eight store staff"
    );
    let dimas = app.person_id("dimas.prasetyo");
    let team = hr.get(&format!("/people?manager={dimas}")).await;
    assert_eq!(team.select_texts("tbody tr").len(), 8);
    // The filter says whose reports these are, and how to see everyone.
    assert_eq!(
        team.select_texts("[data-manager-filter]"),
        vec!["Bawahan langsung Dimas Prasetyo. Tampilkan semua orang".to_string()]
    );
    assert_eq!(
        team.attr("[data-manager-filter] a", "href").as_deref(),
        Some("/people?page=1")
    );
}

/// The search reads an index on SQLite (a trigram table kept by triggers)
/// and on PostgreSQL (pg_trgm): what it finds must follow every change to a
/// name, email or title, and read a search of any length or shape as text.
async fn people_search_follows_every_change(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let names = |page: &Page| page.select_texts("tbody tr th, tbody tr td:first-child");
    let found = |q: &'static str| {
        let hr = &hr;
        async move {
            let page = hr.get(&format!("/people?q={q}")).await;
            assert_eq!(page.status, StatusCode::OK, "q={q}");
            page.select_texts("tbody tr").len()
        }
    };
    // Any part of a name, in any case; a job title; an email.
    assert_eq!(found("ESTAR").await, 1, "Ayu Lestari");
    assert_eq!(found("obrolan").await, 2, "the two chat agents");
    assert_eq!(found("ayu.lestari%40").await, 1);
    // Fewer than three characters cannot use trigrams and still find.
    assert!(found("yu").await >= found("Ayu").await);
    assert!(found("Ay").await >= 1);
    // Quotes and query words are text, never syntax.
    assert_eq!(found("%22Ayu%22").await, 0);
    assert_eq!(found("Ayu%20OR%20Dimas").await, 0);
    assert_eq!(found("name%3AAyu").await, 0);
    assert_eq!(found("NEAR(Ayu)").await, 0);
    // An id is not something people search by.
    let ayu = app.person_id("ayu.lestari");
    let id_part = &ayu[ayu.len() - 8..];
    let by_id = hr.get(&format!("/people?q={id_part}")).await;
    assert_eq!(
        by_id.select_texts("tbody tr").len(),
        0,
        "{}",
        names(&by_id).join(", ")
    );

    // Renamed: found by the new name, no longer by the old one.
    let dimas = app.person_id("dimas.prasetyo");
    hr.get(&format!("/people/{ayu}/edit")).await;
    let res = hr
        .post(
            &format!("/people/{ayu}"),
            &[
                ("name", "Ayu Kusumawardani"),
                ("email", "ayu_k@sejahtera.example"),
                ("role", "employee"),
                ("manager_id", &dimas),
                ("department", "Layanan Toko"),
                ("job_title", "Staf Gudang Pusat"),
                ("job_description", ""),
                ("lang", "id"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(found("lestari").await, 0);
    assert_eq!(found("ayu.lestari").await, 0);
    assert_eq!(found("kusumawardani").await, 1);
    // `_` and `%` are text: not dropped, and never "any character".
    assert_eq!(found("ayu_k%40").await, 1);
    assert_eq!(found("yu_k").await, 1, "two characters and an underscore");
    assert_eq!(found("ayu.k%40").await, 0);
    assert_eq!(found("a_u").await, 0, "no name has an underscore");
    assert_eq!(found("ayu%25k").await, 0);
    assert_eq!(found("gudang").await, 1);
    let page = hr.get("/people?q=wardani").await;
    assert!(page.contains("Ayu Kusumawardani"));
}

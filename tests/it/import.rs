use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    import_previews_applies_and_is_idempotent,
    bad_rows_are_rejected_with_reasons,
    unreadable_files_get_a_clear_message,
    broken_and_oversized_files_each_get_their_own_message
);

const GOOD: &str = "email,name,department,job_title,manager_email,role,language,job_description\n\
dewi.anggraeni@sejahtera.example,Dewi Anggraeni,Pusat Panggilan,Pemimpin Tim Malam,hendra.gunawan@sejahtera.example,manager,id,Memimpin shift malam.\n\
fajar.nugraha@sejahtera.example,Fajar Nugraha,Pusat Panggilan,Agen Malam,dewi.anggraeni@sejahtera.example,employee,en,\n\
ayu.lestari@sejahtera.example,Ayu Lestari,Pusat Panggilan,Agen Senior,rina.marlina@sejahtera.example,employee,id,\n";

async fn upload(b: &Browser, csv: &str) -> Page {
    b.get("/people/import").await;
    let form = Form::new().text("csrf_token", b.last_csrf()).part(
        "csv",
        Part::bytes(csv.as_bytes().to_vec())
            .file_name("people.csv")
            .mime_str("text/csv")
            .expect("mime"),
    );
    let res = b
        .client
        .post(format!("{}/people/import/preview", b.base))
        .header("Origin", &b.base)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    let headers = res.headers().clone();
    Page {
        status,
        headers,
        text: res.text().await.expect("body"),
    }
}

/// Apply as the preview page does: the file's text posted back as multipart.
async fn apply(b: &Browser, csv: &str) -> Page {
    let form = Form::new()
        .text("csrf_token", b.last_csrf())
        .text("csv_text", csv.to_string());
    let res = b
        .client
        .post(format!("{}/people/import/apply", b.base))
        .header("Origin", &b.base)
        .multipart(form)
        .send()
        .await
        .expect("apply");
    let status = res.status();
    let headers = res.headers().clone();
    Page {
        status,
        headers,
        text: res.text().await.expect("body"),
    }
}

fn count(p: &Page, kind: &str) -> String {
    p.select_texts(&format!("[data-count={kind}]")).join("")
}

fn people_count(app: &TestApp) -> i64 {
    let mut conn = app.conn();
    cermin::db::people::count_all(&mut conn).expect("count")
}

async fn import_previews_applies_and_is_idempotent(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let before = people_count(&app);
    let preview = upload(&hr, GOOD).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    assert_eq!(
        (
            count(&preview, "create"),
            count(&preview, "change"),
            count(&preview, "unchanged"),
            count(&preview, "reject")
        ),
        ("2".into(), "1".into(), "0".into(), "0".into())
    );
    assert!(preview.contains("jabatan"), "the change names the field");
    assert_eq!(people_count(&app), before, "the preview saves nothing");
    let csv_text = preview.select_texts("textarea[name=csv_text]").join("");
    assert!(csv_text.contains("fajar.nugraha"));
    let applied = apply(&hr, GOOD).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.text);
    assert_eq!(count(&applied, "created"), "2");
    assert_eq!(count(&applied, "changed"), "1");
    assert_eq!(people_count(&app), before + 2);
    let mut conn = app.conn();
    let fajar = cermin::db::people::find_by_email(&mut conn, "fajar.nugraha@sejahtera.example")
        .expect("q")
        .expect("created");
    let dewi = cermin::db::people::find_by_email(&mut conn, "dewi.anggraeni@sejahtera.example")
        .expect("q")
        .expect("created");
    assert_eq!(
        fajar.manager_id.as_deref(),
        Some(dewi.id.as_str()),
        "a manager created in the same file"
    );
    assert_eq!(fajar.lang, "en");
    assert_eq!(dewi.job_description, "Memimpin shift malam.");
    let ayu = cermin::db::people::find_by_email(&mut conn, &email_of("ayu.lestari"))
        .expect("q")
        .expect("p");
    assert_eq!(ayu.job_title, "Agen Senior");
    assert!(
        ayu.job_description.starts_with("Menjawab telepon"),
        "an empty job_description cell keeps the old one"
    );
    drop(conn);
    let links: Vec<String> = applied
        .text
        .match_indices("/invitation/")
        .map(|(i, _)| applied.text[i..i + 44].to_string())
        .collect();
    assert_eq!(links.len(), 2, "one invitation link per created person");

    // The same file again: nothing to do, nothing changes.
    let again = upload(&hr, GOOD).await;
    assert_eq!(count(&again, "unchanged"), "3");
    assert!(again.contains("Tidak ada yang perlu diimpor"));
    let reapplied = apply(&hr, GOOD).await;
    assert_eq!(count(&reapplied, "created"), "0");
    assert_eq!(count(&reapplied, "changed"), "0");
    assert_eq!(people_count(&app), before + 2);
}

async fn bad_rows_are_rejected_with_reasons(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let csv = "email;nama;departemen;jabatan;email_atasan;peran;bahasa\n\
               baru@sejahtera.example;Orang Baru;Gudang;Staf;;karyawan;id\n\
               tanpa-at;Tanpa At;;;;employee;id\n\
               satu@sejahtera.example;Satu;;;dua@sejahtera.example;employee;id\n\
               dua@sejahtera.example;Dua;;;satu@sejahtera.example;employee;id\n\
               hantu@sejahtera.example;Hantu;;;tidak.ada@sejahtera.example;employee;id\n\
               raja@sejahtera.example;Raja;;;;raja;id\n\
               rina.marlina@sejahtera.example;Rina Marlina;Pusat Panggilan;Pemimpin Tim Pusat Panggilan;ayu.lestari@sejahtera.example;manager;id\n";
    let preview = upload(&hr, csv).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    assert_eq!(count(&preview, "create"), "1");
    assert_eq!(count(&preview, "reject"), "6");
    for reason in [
        "Masukkan alamat email yang benar",
        "Susunan atasan di berkas ini membentuk lingkaran",
        "Atasan tidak ada di Cermin maupun di berkas ini",
        "Pilih peran: karyawan, atasan, atau SDM",
    ] {
        assert!(preview.contains(reason), "missing reason: {reason}");
    }
    let before = people_count(&app);
    let applied = apply(&hr, csv).await;
    assert_eq!(count(&applied, "created"), "1");
    assert_eq!(people_count(&app), before + 1, "only the good row");
    let mut conn = app.conn();
    let rina = cermin::db::people::find_by_email(&mut conn, &email_of("rina.marlina"))
        .expect("q")
        .expect("p");
    assert_ne!(
        rina.manager_id,
        Some(app.person_id("ayu.lestari")),
        "the loop was not written"
    );
}

async fn unreadable_files_get_a_clear_message(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let res = upload(&hr, "surel,departemen\nx@y.id,Gudang\n").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.contains("Kolom name tidak ada di baris judul."),
        "{}",
        res.text
    );
    let latin1 = upload(&hr, "").await;
    assert_eq!(latin1.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(latin1.contains("Berkas kosong"));
}

/// Issue 9, item 12: an unclosed quote swallowed the rest of the file into
/// one cell; a 6 MB file and a 100,000-row file got the generic page. Each
/// now gets its own message, naming the line where there is one.
async fn broken_and_oversized_files_each_get_their_own_message(app: TestApp) {
    app.seed_demo();
    let hr = app.signed_in("sari.wulandari").await;
    let before = people_count(&app);
    let quote = "email,name,job_description\n\
a.satu@sejahtera.example,Satu,Baik\n\
a.dua@sejahtera.example,Dua,\"Tidak ditutup\n\
a.tiga@sejahtera.example,Tiga,Baik\n";
    let res = upload(&hr, quote).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.contains("Baris 3: sebuah nilai diawali tanda kutip"),
        "{}",
        res.text
    );

    // Quoted values that do close, with line breaks and "" inside, are fine.
    let fine = "email,name,job_description\n\
a.satu@sejahtera.example,Satu,\"Baris satu\nBaris \"\"dua\"\"\"\n";
    assert_eq!(upload(&hr, fine).await.status, StatusCode::OK);

    let nul = "email,name\na.satu@sejahtera.example,Satu\na.dua@sejahtera.example,D\u{0}ua\n";
    let res = upload(&hr, nul).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.contains("Baris 3 berisi karakter kendali"),
        "{}",
        res.text
    );

    let big = format!("email,name\n{}", "x".repeat(6 * 1024 * 1024));
    let res = upload(&hr, &big).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.contains("paling banyak 5 MB per impor"),
        "{}",
        &res.text[..2000.min(res.text.len())]
    );

    let mut many = String::from("email,name\n");
    for i in 0..20_001 {
        many.push_str(&format!("p{i}@sejahtera.example,Orang {i}\n"));
    }
    let res = upload(&hr, &many).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.contains("paling banyak 20.000 baris"),
        "{}",
        &res.text[..2000.min(res.text.len())]
    );

    let res = apply(&hr, quote).await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "apply checks again"
    );
    assert_eq!(people_count(&app), before, "nothing was imported");
}

//! The demo organisation: a small Indonesian customer-service company, loaded
//! into an empty database by `cermin serve --demo`.

use crate::app::people as accounts;
use crate::auth::password;
use crate::db::{self, audit, people, DbConnection};
use crate::domain::person::PersonDetails;
use crate::domain::{EmailAddress, Lang, Role};

pub const DEMO_PASSWORD: &str = "cermin-demo-2026";

pub struct DemoLogin {
    pub accounts: Vec<(&'static str, String)>,
    pub password: &'static str,
}

struct DemoPerson {
    key: &'static str,
    name: &'static str,
    role: &'static str,
    manager: Option<&'static str>,
    department: &'static str,
    job_title: &'static str,
    lang: &'static str,
    job: &'static str,
}

const DOMAIN: &str = "sejahtera.example";

const CALL_AGENT: &str = "Menjawab telepon, obrolan dan email pelanggan dalam waktu layanan yang disepakati.\n\
Mencatat setiap kontak dan keluhan di sistem tiket dengan lengkap dan jujur.\n\
Menyelesaikan masalah sesuai kebijakan perusahaan; bila belum tahu jawabannya, mencari tahu dan mengabari pelanggan kembali.\n\
Tetap tenang dan sopan saat pelanggan marah, dan meminta bantuan atasan bila percakapan tidak terkendali.\n\
Meneruskan masukan pelanggan yang berulang kepada atasan setiap minggu.\n\
Membantu rekan tim saat antrean sepi.";

const STORE_STAFF: &str = "Menyambut dan melayani pelanggan di toko dengan ramah.\n\
Menangani penukaran dan pengembalian barang sesuai kebijakan, tanpa perlakuan istimewa yang tidak adil bagi pelanggan lain.\n\
Menjaga kasir, barang dagangan dan uang sesuai prosedur.\n\
Mendokumentasikan setiap insiden dengan pelanggan (waktu, kejadian, saksi) dan melaporkannya kepada atasan pada hari yang sama.\n\
Membantu rekan di bagian lain saat toko sepi.";

const COMPLAINTS: &str =
    "Menangani keluhan yang dieskalasi dari agen lini pertama sampai tuntas.\n\
Menjelaskan keputusan kepada pelanggan dengan jelas dan menepati setiap janji tindak lanjut.\n\
Menyusun laporan bulanan penyebab keluhan dan usulan perbaikan proses.";

const TEAM_LEAD: &str = "Memimpin tim layanan harian: jadwal, antrean, dan pendampingan agen.\n\
Meninjau uraian pekerjaan setiap anggota tim dan menjelaskan harapan dasar dengan jelas.\n\
Memberikan umpan balik terstruktur dan mengisi evaluasi dari atasan tepat waktu.\n\
Mengenali hambatan struktural (alat, sistem, kebijakan) dan membawanya ke manajemen.\n\
Sesekali mengerjakan pekerjaan agen sendiri agar memahami tuntutan sebenarnya.";

const HEAD: &str = "Bertanggung jawab atas seluruh layanan pelanggan perusahaan.\n\
Menetapkan standar mutu, memastikan alat dan pelatihan tersedia, dan mengambil keputusan atas masalah pelanggan yang tidak bisa diputuskan tim.\n\
Membagikan evaluasi dirinya sendiri kepada tim sebagai teladan.";

const QA: &str = "Mendengarkan sampel panggilan dan membaca tiket untuk menilai mutu layanan.\n\
Memberikan masukan yang spesifik dan adil kepada agen dan pemimpin tim.\n\
Memperbarui panduan dan basis pengetahuan ketika kebijakan berubah.";

const HR_JOB: &str = "Mengelola data karyawan dan siklus evaluasi.\n\
Menjadwalkan evaluasi, memantau kemajuan, dan mendampingi atasan serta karyawan dalam prosesnya.";

const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        key: "sari.wulandari",
        name: "Sari Wulandari",
        role: "hr",
        manager: None,
        department: "SDM",
        job_title: "Kepala SDM",
        lang: "id",
        job: HR_JOB,
    },
    DemoPerson {
        key: "hendra.gunawan",
        name: "Hendra Gunawan",
        role: "manager",
        manager: None,
        department: "Layanan Pelanggan",
        job_title: "Kepala Layanan Pelanggan",
        lang: "id",
        job: HEAD,
    },
    DemoPerson {
        key: "rina.marlina",
        name: "Rina Marlina",
        role: "manager",
        manager: Some("hendra.gunawan"),
        department: "Pusat Panggilan",
        job_title: "Pemimpin Tim Pusat Panggilan",
        lang: "id",
        job: TEAM_LEAD,
    },
    DemoPerson {
        key: "dimas.prasetyo",
        name: "Dimas Prasetyo",
        role: "manager",
        manager: Some("hendra.gunawan"),
        department: "Layanan Toko",
        job_title: "Pemimpin Tim Layanan Toko",
        lang: "en",
        job: TEAM_LEAD,
    },
    DemoPerson {
        key: "ayu.lestari",
        name: "Ayu Lestari",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Pusat Panggilan",
        lang: "id",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "budi.santoso",
        name: "Budi Santoso",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Pusat Panggilan",
        lang: "id",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "citra.dewi",
        name: "Citra Dewi",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Pusat Panggilan",
        lang: "id",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "eko.saputra",
        name: "Eko Saputra",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Pusat Panggilan",
        lang: "id",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "fitri.handayani",
        name: "Fitri Handayani",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Obrolan dan Email",
        lang: "id",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "gilang.ramadhan",
        name: "Gilang Ramadhan",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Pusat Panggilan",
        lang: "en",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "indah.permata",
        name: "Indah Permata",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Staf Penanganan Keluhan",
        lang: "id",
        job: COMPLAINTS,
    },
    DemoPerson {
        key: "joko.widodo",
        name: "Joko Susilo",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Pusat Panggilan",
        lang: "id",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "kartika.sari",
        name: "Kartika Sari",
        role: "employee",
        manager: Some("rina.marlina"),
        department: "Pusat Panggilan",
        job_title: "Agen Obrolan dan Email",
        lang: "id",
        job: CALL_AGENT,
    },
    DemoPerson {
        key: "lukman.hakim",
        name: "Lukman Hakim",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Staf Layanan Toko",
        lang: "id",
        job: STORE_STAFF,
    },
    DemoPerson {
        key: "maya.anggraini",
        name: "Maya Anggraini",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Staf Layanan Toko",
        lang: "id",
        job: STORE_STAFF,
    },
    DemoPerson {
        key: "nanda.putri",
        name: "Nanda Putri",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Kasir",
        lang: "id",
        job: STORE_STAFF,
    },
    DemoPerson {
        key: "oki.firmansyah",
        name: "Oki Firmansyah",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Staf Layanan Toko",
        lang: "en",
        job: STORE_STAFF,
    },
    DemoPerson {
        key: "putu.ariani",
        name: "Putu Ariani",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Kasir",
        lang: "id",
        job: STORE_STAFF,
    },
    DemoPerson {
        key: "rizky.maulana",
        name: "Rizky Maulana",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Staf Pengembalian Barang",
        lang: "id",
        job: STORE_STAFF,
    },
    DemoPerson {
        key: "siti.nurhaliza",
        name: "Siti Rahmawati",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Staf Layanan Toko",
        lang: "id",
        job: STORE_STAFF,
    },
    DemoPerson {
        key: "teguh.wibowo",
        name: "Teguh Wibowo",
        role: "employee",
        manager: Some("hendra.gunawan"),
        department: "Layanan Pelanggan",
        job_title: "Analis Mutu Layanan",
        lang: "id",
        job: QA,
    },
    DemoPerson {
        key: "wulan.safitri",
        name: "Wulan Safitri",
        role: "employee",
        manager: Some("hendra.gunawan"),
        department: "Layanan Pelanggan",
        job_title: "Analis Mutu Layanan",
        lang: "en",
        job: QA,
    },
    DemoPerson {
        key: "yusuf.hidayat",
        name: "Yusuf Hidayat",
        role: "employee",
        manager: Some("dimas.prasetyo"),
        department: "Layanan Toko",
        job_title: "Kasir",
        lang: "id",
        job: STORE_STAFF,
    },
];

pub fn email_of(key: &str) -> String {
    format!("{key}@{DOMAIN}")
}

/// Load the demo into an empty database. Returns `None` (and changes
/// nothing) when people already exist.
pub fn load(conn: &mut DbConnection, _default_lang: Lang) -> anyhow::Result<Option<DemoLogin>> {
    if people::count_all(conn)? > 0 {
        return Ok(None);
    }
    let hash = password::hash(DEMO_PASSWORD)?;
    db::write_tx(conn, |conn| -> anyhow::Result<()> {
        let now = db::now();
        let mut ids = std::collections::HashMap::new();
        for p in PEOPLE {
            let details = PersonDetails {
                email: EmailAddress::parse(&email_of(p.key))?,
                name: p.name.into(),
                role: Role::parse(p.role)
                    .ok_or_else(|| anyhow::anyhow!("demo: role {}", p.role))?,
                department: p.department.into(),
                job_title: p.job_title.into(),
                job_description: p.job.into(),
                lang: Lang::parse(p.lang)
                    .ok_or_else(|| anyhow::anyhow!("demo: language {}", p.lang))?,
            };
            let manager_id: Option<String> = p.manager.and_then(|m| ids.get(m).cloned());
            let id = accounts::insert_person(
                conn,
                now,
                accounts::NewPerson {
                    details: &details,
                    manager_id: manager_id.as_deref(),
                    password_hash: Some(&hash),
                },
                accounts::AddedBy::Actor(None),
                "demo",
            )?;
            ids.insert(p.key, id);
        }
        audit::record(
            conn,
            audit::Entry {
                action: "demo.loaded",
                subject_type: "instance",
                subject_id: "demo",
                details: serde_json::json!({"people": PEOPLE.len()}),
                ..Default::default()
            },
        )?;
        Ok(())
    })?;
    Ok(Some(DemoLogin {
        accounts: vec![
            ("HR", email_of("sari.wulandari")),
            ("manager", email_of("rina.marlina")),
            ("employee", email_of("ayu.lestari")),
        ],
        password: DEMO_PASSWORD,
    }))
}

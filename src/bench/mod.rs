//! `cermin bench`: page render times on a large generated organisation.
//!
//! 1. A fresh database: an SQLite file in a temporary folder, or a new
//!    database `cermin_bench_<random>` on the PostgreSQL server given with
//!    `--database-url` (dropped at the end).
//! 2. A generated organisation: N people in a three-level hierarchy, six
//!    closed review cycles (two a year for three years) with every question
//!    answered by both sides, one open cycle with reviews at every step,
//!    journals, notifications and the audit rows all that activity leaves.
//! 3. The real server on 127.0.0.1:0, measured with real HTTP/1.1 requests
//!    over loopback (keep-alive, `Accept-Encoding: gzip` like a browser):
//!    per page a warm-up, then sequential requests; median, p95, max.
//!
//! Run it in a release build: `cargo run --release -- bench`.
//! See docs/performance.md for the figures and how to read them.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;

use crate::config::Settings;
use crate::db::schema::{
    answers, audit_log, comments, goals, journal_entries, notifications, people, review_cycles,
    reviews, strengths_weaknesses,
};
use crate::db::{self, Backend, DatabaseUrl, Db, DbConnection, QueryResult};
use crate::startup::Application;

pub mod mail;

/// Sequential requests per page (fewer when a page is slow: see `TIME_BUDGET`).
const SAMPLES: usize = 200;
/// Requests per page before measuring (caches, prepared statements, pool).
const WARMUP: usize = 20;
/// A page stops being measured after this long, once it has `MIN_SAMPLES`.
const TIME_BUDGET: Duration = Duration::from_secs(30);
const MIN_SAMPLES: usize = 20;
/// Everyone's password (never checked: sign-in is by a session row).
const PASSWORD: &str = "bench-password-not-used";
/// The name searched for on the people list.
const COMMON_NAME: &str = "Putri";
/// Set (to anything) to keep the generated database afterwards, for EXPLAIN.
const KEEP_VAR: &str = "CERMIN_BENCH_KEEP";

pub fn run(people: usize, database_url: Option<String>) -> anyhow::Result<()> {
    if people < 30 {
        bail!("--people must be at least 30");
    }
    let scratch = Scratch::create(database_url)?;
    let listener = TcpListener::bind("127.0.0.1:0").context("bind 127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let mut env = HashMap::new();
    env.insert("CERMIN_DATABASE_URL".to_string(), scratch.url.clone());
    env.insert("CERMIN_BIND".into(), format!("127.0.0.1:{port}"));
    env.insert("CERMIN_BASE_URL".into(), format!("http://127.0.0.1:{port}"));
    env.insert("CERMIN_DATA_DIR".into(), scratch.dir.display().to_string());
    let settings = Settings::from_env_map(&env).map_err(|e| anyhow!("{e}"))?;
    let today = chrono::Utc::now()
        .with_timezone(&settings.timezone)
        .date_naive();

    let machine = Machine::detect();
    let load_at_start = load_average();
    println!("Cermin benchmark");
    machine.print();
    println!("  database     {}", settings.database_url.redacted());
    if cfg!(debug_assertions) {
        println!("\n  WARNING: this is a debug build; the figures mean little. Use `cargo run --release -- bench`.");
    }

    // ---- 1 and 2: the database and the organisation ----
    let gen_db = Db::connect(&settings.database_url, 1)?;
    gen_db.migrate()?;
    let mut conn = gen_db.get()?;
    crate::defaults::ensure(&mut conn)?;
    println!("\nGenerating {people} people and three years of reviews...");
    let started = Instant::now();
    let org = generate(&mut conn, people, today)?;
    let generation = started.elapsed();
    println!("  generated in {:.1} s", generation.as_secs_f64());
    let settle = Instant::now();
    match gen_db.backend {
        // What autovacuum does after a bulk load, done now so plans do not
        // depend on when it happens to run.
        Backend::Postgres => conn.batch_execute("VACUUM ANALYZE")?,
        // What a running instance's WAL would have done by now.
        Backend::Sqlite => conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?,
    }
    println!(
        "  {} in {:.1} s",
        match gen_db.backend {
            Backend::Postgres => "VACUUM ANALYZE",
            Backend::Sqlite => "WAL checkpoint",
        },
        settle.elapsed().as_secs_f64()
    );
    let counts = row_counts(&mut conn)?;
    let size = database_size(&mut conn, &scratch)?;
    let version = database_version(&mut conn)?;
    drop(conn);
    drop(gen_db);
    println!("  database     {version}, {:.0} MB", size as f64 / 1e6);
    for (table, n) in &counts {
        println!("  {table:<22} {n:>10}");
    }

    // ---- 3: the real server, measured over loopback ----
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let server = {
        let _guard = runtime.enter();
        Application::build_on(settings, listener)?.into_server()
    };
    let handle = server.handle();
    runtime.spawn(server);
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let results = measure(addr, &org);
    runtime.block_on(handle.stop(true));
    drop(runtime);
    let results = results?;

    println!();
    machine.print();
    println!("  database     {version}");
    println!(
        "  load average {load_at_start} when the run started (well above 0, other work shared the cores)"
    );
    println!(
        "  data         {people} people, {} reviews, {} answers, {} audit rows",
        count_of(&counts, "reviews"),
        count_of(&counts, "answers"),
        count_of(&counts, "audit_log")
    );
    println!(
        "  per page     {WARMUP} warm-up requests, then up to {SAMPLES} sequential requests (at most {} s, at least {MIN_SAMPLES})\n",
        TIME_BUDGET.as_secs()
    );
    print_table(&results);
    let failed: Vec<&PageResult> = results.iter().filter(|r| r.missing).collect();
    if !failed.is_empty() {
        println!();
        for r in failed {
            println!(
                "  {}: answered 404 Not Found (the page is not built yet)",
                r.label
            );
        }
    }
    Ok(())
}

fn count_of(counts: &[(&'static str, i64)], table: &str) -> i64 {
    counts
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------
// The scratch database

/// A database made for this run and removed after it.
pub(crate) struct Scratch {
    pub(crate) url: String,
    pub(crate) dir: PathBuf,
    /// (admin URL, database name) of the PostgreSQL database to drop.
    pg: Option<(String, String)>,
    keep: bool,
}

impl Scratch {
    pub(crate) fn create(database_url: Option<String>) -> anyhow::Result<Self> {
        let tag = crate::auth::random_token()[..12].to_string();
        let dir = std::env::temp_dir().join(format!("cermin-bench-{tag}"));
        std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
        let mut scratch = Scratch {
            url: format!("sqlite://{}", dir.join("bench.db").display()),
            dir,
            pg: None,
            keep: std::env::var_os(KEEP_VAR).is_some(),
        };
        if let Some(admin) = database_url {
            let parsed = DatabaseUrl::parse(&admin).map_err(|e| anyhow!("--database-url: {e}"))?;
            if parsed.backend != Backend::Postgres {
                bail!(
                    "--database-url takes a postgres:// URL (the default is a fresh SQLite file)"
                );
            }
            let name = format!("cermin_bench_{tag}");
            let mut conn = PgConnection::establish(&admin)
                .with_context(|| format!("connect to {}", parsed.redacted()))?;
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .context("create the benchmark database")?;
            scratch.url = with_database(&admin, &name);
            scratch.pg = Some((admin, name));
        }
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.keep {
            println!("Kept ({KEEP_VAR} is set): {}", self.url);
            return;
        }
        if let Some((admin, name)) = self.pg.take() {
            match PgConnection::establish(&admin).and_then(|mut c| {
                c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)
            }) {
                Ok(()) => println!("Dropped the database {name}."),
                Err(e) => eprintln!("Could not drop the database {name}: {e}"),
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The same PostgreSQL URL with another database name (any query kept).
fn with_database(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let after_scheme = head.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match head[after_scheme..].find('/') {
        Some(slash) => &head[..after_scheme + slash],
        None => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

fn row_counts(conn: &mut DbConnection) -> QueryResult<Vec<(&'static str, i64)>> {
    Ok(vec![
        ("people", people::table.count().get_result(conn)?),
        (
            "review_cycles",
            review_cycles::table.count().get_result(conn)?,
        ),
        ("reviews", reviews::table.count().get_result(conn)?),
        ("answers", answers::table.count().get_result(conn)?),
        (
            "strengths_weaknesses",
            strengths_weaknesses::table.count().get_result(conn)?,
        ),
        ("goals", goals::table.count().get_result(conn)?),
        ("comments", comments::table.count().get_result(conn)?),
        (
            "journal_entries",
            journal_entries::table.count().get_result(conn)?,
        ),
        (
            "notifications",
            notifications::table.count().get_result(conn)?,
        ),
        ("audit_log", audit_log::table.count().get_result(conn)?),
    ])
}

fn database_version(conn: &mut DbConnection) -> QueryResult<String> {
    use diesel::dsl::sql;
    use diesel::sql_types::Text;
    Ok(match conn {
        DbConnection::Sqlite(_) => format!(
            "SQLite {}",
            diesel::select(sql::<Text>("sqlite_version()")).get_result::<String>(conn)?
        ),
        DbConnection::Pg(_) => format!(
            "PostgreSQL {}",
            diesel::select(sql::<Text>("current_setting('server_version')"))
                .get_result::<String>(conn)?
        ),
    })
}

/// Bytes on disk (SQLite: the file and its WAL) or as PostgreSQL counts them.
fn database_size(conn: &mut DbConnection, scratch: &Scratch) -> QueryResult<u64> {
    use diesel::dsl::sql;
    use diesel::sql_types::BigInt;
    Ok(match conn {
        DbConnection::Sqlite(_) => ["bench.db", "bench.db-wal"]
            .iter()
            .filter_map(|f| std::fs::metadata(scratch.dir.join(f)).ok())
            .map(|m| m.len())
            .sum(),
        DbConnection::Pg(_) => {
            diesel::select(sql::<BigInt>("pg_database_size(current_database())"))
                .get_result::<i64>(conn)? as u64
        }
    })
}

// ---------------------------------------------------------------------------
// The machine

/// The one-minute load average (Linux), to tell a quiet machine from a busy one.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

struct Machine {
    cores: usize,
    cpu: String,
    release: bool,
}

impl Machine {
    fn detect() -> Self {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cores: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            cpu,
            release: !cfg!(debug_assertions),
        }
    }

    fn print(&self) {
        println!(
            "  machine      {} cores ({}), {} {}",
            self.cores,
            self.cpu,
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        println!(
            "  build        {}",
            if self.release {
                "release"
            } else {
                "debug (use `cargo run --release -- bench`)"
            }
        );
    }
}

// ---------------------------------------------------------------------------
// Generating the organisation

/// A small, fast, deterministic generator (SplitMix64): the same organisation
/// on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1).max(1) as u64) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `n` sentences from a pool, joined: realistic free text.
    fn sentences(&mut self, pool: &[&str], lo: usize, hi: usize) -> String {
        let n = lo + self.below(hi - lo + 1);
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.pick::<&str>(pool));
        }
        out
    }

    /// A rating 1-5, mostly 3 and 4, as real reviews are.
    fn rating(&mut self) -> i32 {
        *self.pick(&[2, 3, 3, 3, 4, 4, 4, 4, 5, 5])
    }
}

const FIRST_NAMES: &[&str] = &[
    "Agus", "Ahmad", "Andi", "Anisa", "Ayu", "Bambang", "Budi", "Citra", "Dedi", "Dewi", "Dian",
    "Dimas", "Eka", "Endang", "Fajar", "Fitri", "Gilang", "Hadi", "Hendra", "Indah", "Intan",
    "Joko", "Kartika", "Lestari", "Lukman", "Maya", "Mega", "Nanda", "Nur", "Putri", "Rahmat",
    "Rina", "Rizki", "Sari", "Siti", "Sri", "Taufik", "Tri", "Wahyu", "Wulan", "Yanti", "Yogi",
    "Yudi", "Zainal", "Arif", "Bayu", "Cahya", "Dodi", "Eko", "Farah", "Galih", "Hana", "Irfan",
    "Jihan", "Kevin", "Laras", "Mira", "Nia", "Oki", "Ratna",
];

const LAST_NAMES: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Saputra",
    "Lestari",
    "Pratama",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Gunawan",
    "Susanto",
    "Wibowo",
    "Nugroho",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Hutapea",
    "Manurung",
    "Sitompul",
    "Lubis",
    "Tanjung",
    "Rahayu",
    "Permana",
    "Firmansyah",
    "Ramadhan",
    "Hakim",
    "Marlina",
    "Prasetyo",
    "Purnama",
    "Suryadi",
    "Halim",
    "Utomo",
    "Wulandari",
    "Maharani",
    "Anggraini",
    "Puspita",
    "Safitri",
    "Yulianti",
    "Kusuma",
    "Hartono",
    "Salim",
    "Tambunan",
    "Sembiring",
    "Ginting",
    "Tarigan",
    "Pane",
    "Daulay",
    "Batubara",
    "Situmorang",
    "Panjaitan",
    "Effendi",
    "Syahputra",
    "Maulana",
    "Fauzi",
    "Rusdi",
    "Iskandar",
    "Rachman",
    "Sulistyo",
    "Mulyadi",
    "Yusuf",
];

/// (area, job title of the people who work there)
const AREAS: &[(&str, &str)] = &[
    ("Layanan Pelanggan", "Staf Layanan Pelanggan"),
    ("Pusat Panggilan", "Agen Pusat Panggilan"),
    ("Penjualan Toko", "Pramuniaga"),
    ("Gudang dan Logistik", "Staf Gudang"),
    ("Pengiriman", "Kurir"),
    ("Keuangan", "Staf Akuntansi"),
    ("Teknologi Informasi", "Staf Dukungan TI"),
    ("Pemasaran", "Staf Pemasaran"),
    ("Pembelian", "Staf Pembelian"),
    ("Kasir", "Kasir"),
];

const CITIES: &[&str] = &[
    "Jakarta",
    "Surabaya",
    "Bandung",
    "Medan",
    "Semarang",
    "Makassar",
    "Yogyakarta",
    "Denpasar",
    "Palembang",
    "Balikpapan",
];

const DUTIES: &[&str] = &[
    "Melayani pelanggan yang datang, menelepon atau menulis dengan ramah, cepat dan tuntas.",
    "Menjawab pertanyaan tentang produk, harga, garansi dan kebijakan pengembalian sesuai panduan yang berlaku.",
    "Mencatat setiap keluhan pelanggan di sistem tiket dengan lengkap: kapan, apa yang terjadi, apa yang dijanjikan.",
    "Meneruskan masalah yang tidak bisa diselesaikan sendiri kepada atasan atau bagian yang berwenang, beserta catatan yang jelas.",
    "Menindaklanjuti janji kepada pelanggan dan mengabari mereka sebelum batas waktu yang disepakati.",
    "Menjaga kerapian area kerja, stok formulir dan perlengkapan agar layanan tidak terhambat.",
    "Membantu rekan satu tim pada jam sibuk dan menggantikan rekan yang berhalangan sesuai jadwal.",
    "Mengikuti pelatihan produk dan kebijakan baru, lalu menerapkannya dalam pekerjaan sehari-hari.",
    "Menyampaikan umpan balik dan saran pelanggan kepada atasan dalam rapat mingguan tim.",
    "Menangani pelanggan yang marah dengan tenang dan menjaga nama baik perusahaan.",
    "Memeriksa kelengkapan dokumen dan data pelanggan sebelum transaksi diproses.",
    "Mencapai target waktu tanggap dan tingkat penyelesaian pada kontak pertama yang ditetapkan setiap bulan.",
    "Melaporkan insiden keamanan, kerusakan barang atau kejadian luar biasa kepada atasan pada hari yang sama.",
    "Menjaga kerahasiaan data pelanggan dan perusahaan sesuai peraturan yang berlaku.",
    "Memberikan informasi yang sama kepada setiap pelanggan dan tidak menjanjikan pengecualian di luar kewenangan.",
    "Mengusulkan perbaikan prosedur kerja berdasarkan masalah yang sering berulang.",
];

const LEAD_DUTIES: &[&str] = &[
    "Memimpin tim harian: membagi tugas, mengatur jadwal shift dan memastikan layanan berjalan sesuai standar.",
    "Membimbing anggota tim baru selama masa orientasi dan menilai kemajuan mereka.",
    "Menangani eskalasi pelanggan yang tidak dapat diselesaikan oleh anggota tim.",
    "Memantau mutu layanan melalui pengamatan langsung dan contoh percakapan setiap minggu.",
    "Menulis evaluasi atasan untuk setiap anggota tim dua kali setahun dan membahasnya secara langsung.",
    "Melaporkan capaian tim dan hambatan struktural kepada kepala departemen setiap bulan.",
];

const SELF_TEXT: &[&str] = &[
    "Saya sudah menjalankan sebagian besar tugas dalam uraian pekerjaan saya dengan baik, terutama dalam melayani pelanggan secara langsung.",
    "Bagian yang masih sulit bagi saya adalah menangani pelanggan yang sangat marah di jam sibuk, ketika antrean panjang.",
    "Bulan lalu saya menyelesaikan keluhan seorang pelanggan tentang pengiriman yang terlambat dalam satu kali telepon, dan ia mengirim ucapan terima kasih.",
    "Saya sering membantu rekan baru memahami sistem tiket, meskipun itu bukan tugas resmi saya.",
    "Pencatatan insiden saya belum selalu lengkap; kadang saya lupa mencatat apa yang sudah dijanjikan kepada pelanggan.",
    "Sistem kasir yang lambat pada sore hari membuat antrean memanjang dan pelanggan kesal.",
    "Saya belum pernah mendapat pelatihan tentang kebijakan garansi yang baru, jadi saya harus bertanya kepada atasan setiap kali ada kasus.",
    "Saya ingin diberi wewenang untuk menyetujui pengembalian dana kecil tanpa menunggu persetujuan atasan.",
    "Menurut saya formulir pengembalian barang bisa disederhanakan agar pelanggan tidak perlu mengisi data yang sama dua kali.",
    "Target waktu tanggap tercapai pada sebagian besar bulan, kecuali saat musim liburan ketika volume naik dua kali lipat.",
    "Saya berusaha menepati setiap janji kepada pelanggan dan mengabari mereka walaupun jawabannya belum ada.",
    "Umpan balik pelanggan tentang kemasan yang rusak sudah saya teruskan kepada atasan setiap minggu.",
];

const MANAGER_TEXT: &[&str] = &[
    "Secara keseluruhan kinerjanya memenuhi harapan uraian pekerjaan dan terus membaik sejak evaluasi terakhir.",
    "Ia tenang menghadapi pelanggan yang sulit dan rekan-rekan sering meminta bantuannya.",
    "Pencatatan insiden masih perlu diperbaiki: beberapa tiket ditutup tanpa keterangan apa yang dijanjikan.",
    "Saya melihat inisiatif yang baik ketika antrean sepi; ia merapikan data pelanggan tanpa diminta.",
    "Untuk periode berikutnya saya akan mendaftarkannya pada pelatihan kebijakan garansi dan memberi waktu untuk mendampingi rekan baru.",
    "Target waktu tanggap tercapai, tetapi tingkat penyelesaian pada kontak pertama masih di bawah rata-rata tim.",
    "Keluhan pelanggan yang ia tangani jarang dieskalasi, tanda bahwa ia menuntaskan masalah sendiri.",
    "Ia perlu lebih berani meminta bantuan lebih awal daripada menunggu sampai pelanggan marah.",
];

const EVIDENCE: &[&str] = &[
    "Contoh: menenangkan pelanggan yang marah soal tagihan ganda dan menyelesaikannya hari itu juga.",
    "Beberapa kali membantu rekan di kasir saat antrean panjang tanpa diminta.",
    "Menepati janji menelepon balik pelanggan tentang status pesanan.",
    "Tercatat di jurnal: tiga pujian pelanggan bulan ini.",
    "Masih perlu belajar kebijakan pengembalian untuk barang elektronik.",
    "Mencatat insiden dengan lengkap dan melapor pada hari yang sama.",
    "Mengusulkan cara baru mengatur antrean pagi yang sekarang dipakai tim.",
    "Perlakuan yang sama untuk semua pelanggan, tanpa janji di luar aturan.",
];

const STRENGTHS: &[&str] = &[
    "Tetap tenang saat pelanggan marah dan bisa meredakan situasi.",
    "Menguasai produk dan kebijakan garansi dengan baik.",
    "Sigap membantu rekan pada jam sibuk.",
    "Komunikasi tertulis yang jelas di tiket dan email.",
    "Menepati janji kepada pelanggan dan rekan kerja.",
    "Teliti memeriksa data sebelum transaksi diproses.",
];

const WEAKNESSES: &[&str] = &[
    "Kadang lupa mencatat apa yang dijanjikan kepada pelanggan; saya akan memakai daftar periksa.",
    "Belum percaya diri menangani keluhan besar sendiri; saya ingin mendampingi atasan dalam eskalasi.",
    "Kurang memahami kebijakan pengembalian barang elektronik; saya akan ikut pelatihan.",
    "Sering terburu-buru di jam sibuk sehingga ada data yang terlewat.",
    "Perlu lebih cepat meminta bantuan sebelum masalah membesar.",
];

const GOALS: &[(&str, &str, &str)] = &[
    ("Menguasai kebijakan garansi baru", "Mengikuti pelatihan garansi dan menjawab pertanyaan pelanggan tanpa bertanya kepada atasan.", "Jadwal pelatihan dan waktu belajar satu jam per minggu."),
    ("Pencatatan insiden lengkap", "Setiap insiden tercatat lengkap pada hari yang sama, diperiksa atasan tiap bulan.", "Daftar periksa pencatatan insiden."),
    ("Mendampingi rekan baru", "Menjadi pendamping dua rekan baru selama masa orientasi mereka.", "Pengurangan target tiket selama masa pendampingan."),
    ("Penyelesaian pada kontak pertama", "Menaikkan tingkat penyelesaian pada kontak pertama menjadi 80 persen.", "Akses ke sistem stok dan wewenang pengembalian dana kecil."),
    ("Menangani eskalasi sendiri", "Menangani keluhan tingkat dua tanpa meneruskannya kepada atasan.", "Pendampingan atasan pada lima kasus pertama."),
];

const COMMENTS: &[&str] = &[
    "Penilaian diri Anda di bagian ini sudah jujur dan sesuai dengan yang saya lihat.",
    "Saya menilai sedikit lebih tinggi: contoh penanganan tagihan ganda itu sangat baik.",
    "Mari kita bahas contoh konkret di pertemuan berikutnya.",
    "Saya setuju, dan saya akan membantu dengan jadwal pelatihan.",
];

const RESPONSES: &[&str] = &[
    "Terima kasih, saya setuju dan akan mencoba daftar periksa itu.",
    "Saya akan menyiapkan contoh untuk pertemuan kita.",
    "Terima kasih atas masukannya.",
];

const JOURNAL: &[&str] = &[
    "Pelanggan memuji cara saya menjelaskan proses klaim garansi.",
    "Antrean panjang karena sistem kasir mati dua puluh menit; pelanggan kesal tetapi tetap tenang setelah dijelaskan.",
    "Menyelesaikan keluhan pengiriman terlambat dalam satu kali telepon.",
    "Membantu rekan di bagian pengembalian barang saat jam makan siang.",
    "Pelanggan berteriak karena tagihan ganda; saya tetap tenang, mencatat, dan meneruskannya ke keuangan.",
    "Mengikuti pelatihan produk baru selama dua jam.",
    "Mengusulkan kepada atasan agar formulir pengembalian disederhanakan.",
    "Seorang pelanggan menulis ulasan baik di media sosial dan menyebut nama saya.",
];

const NOTES: &[&str] = &[
    "Menangani eskalasi hari ini dengan sangat baik; pelanggan pulang puas.",
    "Terlambat dua kali minggu ini; sudah dibicarakan, ada masalah transportasi.",
    "Tiket insiden kemarin tidak lengkap; perlu diingatkan tentang pencatatan.",
    "Membantu rekan baru tanpa diminta selama jam sibuk.",
    "Pelanggan menyampaikan terima kasih lewat email untuk bantuannya.",
];

/// A person as generated, before insertion.
struct Person {
    id: String,
    name: String,
    role: &'static str,
    manager: Option<usize>,
    job_title: String,
    job_description: String,
}

/// What the measurements need to know about the generated organisation.
struct Org {
    hr_token: String,
    employee_token: String,
    manager_token: String,
    employee_id: String,
    employee_name: String,
    employee2_name: String,
    /// The employee's latest closed (shared, acknowledged) review.
    closed_review: String,
    closed_cycle_name: String,
    /// The employee's review in the open cycle (at the self-assessment).
    self_review: String,
    /// A review in the open cycle the manager is writing.
    manager_review: String,
    open_cycle: String,
    open_cycle_name: String,
    journal_snippet: String,
    people: usize,
    search_matches: usize,
}

#[derive(Insertable)]
#[diesel(table_name = people, treat_none_as_default_value = false)]
struct NewPerson {
    id: String,
    email: String,
    name: String,
    password_hash: Option<String>,
    role: String,
    manager_id: Option<String>,
    department: String,
    job_title: String,
    job_description: String,
    lang: String,
    active: bool,
    email_digest: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = reviews, treat_none_as_default_value = false)]
struct NewReview {
    id: String,
    cycle_id: String,
    person_id: String,
    manager_id: Option<String>,
    job_title: String,
    job_description: String,
    state: String,
    self_version: i32,
    manager_version: i32,
    self_submitted_at: Option<NaiveDateTime>,
    shared_at: Option<NaiveDateTime>,
    acknowledged_at: Option<NaiveDateTime>,
    acknowledgement_response: String,
    manager_summary: String,
    team_summary: String,
    team_summary_published_at: Option<NaiveDateTime>,
    reopened_reason: String,
    reopened_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = answers, treat_none_as_default_value = false)]
struct NewAnswer {
    id: String,
    review_id: String,
    question_id: String,
    side: String,
    rating: Option<i32>,
    body: String,
    status: String,
    version: i32,
    updated_by: Option<String>,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = strengths_weaknesses, treat_none_as_default_value = false)]
struct NewTrait {
    id: String,
    person_id: String,
    review_id: Option<String>,
    competency_id: Option<String>,
    kind: String,
    side: String,
    stance: String,
    responds_to_id: Option<String>,
    body: String,
    author_id: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = comments, treat_none_as_default_value = false)]
struct NewComment {
    id: String,
    review_id: String,
    author_id: String,
    parent_id: Option<String>,
    section_id: Option<String>,
    competency_id: Option<String>,
    kind: String,
    visibility: String,
    body: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = goals, treat_none_as_default_value = false)]
struct NewGoal {
    id: String,
    person_id: String,
    review_id: Option<String>,
    carried_from_id: Option<String>,
    kind: String,
    title: String,
    description: String,
    support_needed: String,
    status: String,
    due_on: Option<NaiveDate>,
    author_id: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = journal_entries, treat_none_as_default_value = false)]
struct NewJournal {
    id: String,
    author_id: String,
    subject_id: String,
    entry_on: NaiveDate,
    kind: String,
    body: String,
    visibility: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = notifications, treat_none_as_default_value = false)]
struct NewNotification {
    id: String,
    person_id: String,
    kind: String,
    review_id: Option<String>,
    details: String,
    actor_id: Option<String>,
    created_at: NaiveDateTime,
    read_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
struct NewAudit {
    id: String,
    at: NaiveDateTime,
    actor_id: Option<String>,
    action: String,
    subject_type: String,
    subject_id: String,
    review_id: Option<String>,
    cycle_id: Option<String>,
    details: String,
}

/// Multi-row inserts, chunked under both databases' bound-parameter limits.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks(30_000 / $columns) {
            $crate::batch_insert!(&mut *$conn, $table, chunk)?;
        }
    };
}

/// Rows waiting to be written, flushed in one transaction.
#[derive(Default)]
struct Batch {
    reviews: Vec<NewReview>,
    answers: Vec<NewAnswer>,
    traits: Vec<NewTrait>,
    comments: Vec<NewComment>,
    goals: Vec<NewGoal>,
    journal: Vec<NewJournal>,
    notifications: Vec<NewNotification>,
    audit: Vec<NewAudit>,
}

impl Batch {
    fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        db::write_tx(conn, |conn| -> QueryResult<()> {
            insert_rows!(conn, reviews::table, self.reviews, 20);
            insert_rows!(conn, answers::table, self.answers, 10);
            insert_rows!(conn, strengths_weaknesses::table, self.traits, 12);
            insert_rows!(conn, comments::table, self.comments, 11);
            insert_rows!(conn, goals::table, self.goals, 13);
            insert_rows!(conn, journal_entries::table, self.journal, 9);
            insert_rows!(conn, notifications::table, self.notifications, 8);
            insert_rows!(conn, audit_log::table, self.audit, 9);
            Ok(())
        })?;
        *self = Batch::default();
        Ok(())
    }

    fn len(&self) -> usize {
        self.answers.len() + self.audit.len() + self.journal.len()
    }

    #[allow(clippy::too_many_arguments)]
    fn audit(
        &mut self,
        at: NaiveDateTime,
        actor: Option<&str>,
        action: &str,
        subject_type: &str,
        subject_id: &str,
        review_id: Option<&str>,
        cycle_id: Option<&str>,
        details: &str,
    ) {
        self.audit.push(NewAudit {
            id: db::new_id(),
            at,
            actor_id: actor.map(str::to_string),
            action: action.into(),
            subject_type: subject_type.into(),
            subject_id: subject_id.into(),
            review_id: review_id.map(str::to_string),
            cycle_id: cycle_id.map(str::to_string),
            details: details.into(),
        });
    }

    fn notify(
        &mut self,
        to: &str,
        kind: &str,
        review_id: &str,
        actor: &str,
        at: NaiveDateTime,
        read_at: Option<NaiveDateTime>,
    ) {
        self.notifications.push(NewNotification {
            id: db::new_id(),
            person_id: to.into(),
            kind: kind.into(),
            review_id: Some(review_id.into()),
            details: String::new(),
            actor_id: Some(actor.into()),
            created_at: at,
            read_at,
        });
    }
}

/// A moment on `day`, during office hours.
fn at(day: NaiveDate, rng: &mut Rng) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) + chrono::Duration::seconds(rng.range(8 * 3600, 17 * 3600))
}

fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

/// One review cycle's dates and name.
struct CycleSpec {
    id: String,
    name: String,
    opens: NaiveDate,
    self_due: NaiveDate,
    manager_due: NaiveDate,
    ack_due: NaiveDate,
    closes: NaiveDate,
    closed: bool,
    latest_closed: bool,
}

/// The questions a side answers in the answers table (ratings and text);
/// strengths, weaknesses and goals are records of their own.
struct Question {
    id: String,
    kind: String,
    self_answers: bool,
    manager_answers: bool,
}

/// How far a review got: 0 self-assessment, 1 manager review, 2 shared, 3 acknowledged.
#[derive(Clone, Copy)]
struct Progress {
    level: u8,
}

fn generate(conn: &mut DbConnection, n: usize, today: NaiveDate) -> anyhow::Result<Org> {
    let mut rng = Rng(0x00C3_4D11_2026);
    let hash = crate::auth::password::hash(PASSWORD)?;
    let t0 = Instant::now();
    let (persons, org_shape) = build_people(&mut rng, n);
    let founded = today - days(3 * 365 + 120);

    // People, with the audit rows their creation left.
    let hr = 1usize;
    let hr_id = persons[hr].id.clone();
    {
        let mut rows = Vec::with_capacity(n);
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, p) in persons.iter().enumerate() {
            let base = p.name.to_lowercase().replace(' ', ".");
            let k = seen.entry(base.clone()).or_insert(0);
            *k += 1;
            let email = if *k == 1 {
                format!("{base}@contoh.co.id")
            } else {
                format!("{base}{k}@contoh.co.id")
            };
            let created = at(founded + days((i % 90) as i64), &mut rng);
            rows.push(NewPerson {
                id: p.id.clone(),
                email,
                name: p.name.clone(),
                password_hash: Some(hash.clone()),
                role: p.role.into(),
                manager_id: p.manager.map(|m| persons[m].id.clone()),
                department: org_shape.department[i].clone(),
                job_title: p.job_title.clone(),
                job_description: p.job_description.clone(),
                lang: if rng.chance(0.1) { "en" } else { "id" }.into(),
                active: true,
                email_digest: false,
                created_at: created,
                updated_at: created,
            });
        }
        let mut batch = Batch::default();
        for r in &rows {
            batch.audit(
                r.created_at,
                Some(&hr_id).filter(|h| **h != r.id).map(|s| s.as_str()),
                "person.created",
                "person",
                &r.id,
                None,
                None,
                &format!(
                    r#"{{"email":"{}","role":"{}","via":"import"}}"#,
                    r.email, r.role
                ),
            );
        }
        db::write_tx(conn, |conn| -> QueryResult<()> {
            insert_rows!(conn, people::table, rows, 14);
            Ok(())
        })?;
        batch.flush(conn)?;
    }
    println!(
        "  people               {:>6.1} s",
        t0.elapsed().as_secs_f64()
    );

    // The default template's questions.
    let template = crate::db::forms::default_template(conn)?
        .ok_or_else(|| anyhow!("the default template is missing"))?;
    let form = crate::db::forms::load_form(conn, &template.id)?
        .ok_or_else(|| anyhow!("the default template has no form"))?;
    let questions: Vec<Question> = form
        .questions()
        .filter(|q| matches!(q.kind.as_str(), "rating" | "competency_rating" | "text"))
        .map(|q| Question {
            id: q.id.clone(),
            kind: q.kind.clone(),
            self_answers: q.side == "self" || q.side == "both",
            manager_answers: q.side == "manager" || q.side == "both",
        })
        .collect();
    let section_ids: Vec<String> = form.sections.iter().map(|(s, _)| s.id.clone()).collect();
    let competency_ids: Vec<String> = crate::db::forms::competencies(conn, false)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    crate::db::forms::freeze(conn, &template.id)?;

    // Six closed cycles, two a year, and the open one.
    let mut specs = vec![];
    for k in (0..=6i64).rev() {
        let opens = today - days(18 + 182 * k);
        let year = opens.year();
        let half = if opens.month() <= 6 { 1 } else { 2 };
        specs.push(CycleSpec {
            id: db::new_id(),
            name: format!("Evaluasi Semester {half} {year}"),
            opens,
            self_due: opens + days(21),
            manager_due: opens + days(35),
            ack_due: opens + days(42),
            closes: opens + days(49),
            closed: k > 0,
            latest_closed: k == 1,
        });
    }

    let participants: Vec<usize> = (0..n).filter(|&i| persons[i].manager.is_some()).collect();
    let e = org_shape.employee;
    let e2 = org_shape.employee2;
    let mut closed_review = String::new();
    let mut self_review = String::new();
    let mut manager_review = String::new();
    for spec in &specs {
        let t = Instant::now();
        let mut batch = Batch::default();
        let launched = at(spec.opens, &mut rng);
        let closed_at = spec.closed.then(|| at(spec.closes, &mut rng));
        crate::db::cycles::insert(
            conn,
            &crate::db::cycles::CycleRow {
                id: spec.id.clone(),
                name: spec.name.clone(),
                template_id: template.id.clone(),
                status: if spec.closed { "closed" } else { "open" }.into(),
                opens_on: spec.opens,
                self_due_on: spec.self_due,
                manager_due_on: spec.manager_due,
                ack_due_on: spec.ack_due,
                closes_on: spec.closes,
                reminder_days: "7,2,0".into(),
                dates_sequence: 0,
                created_by: Some(hr_id.clone()),
                created_at: launched - days(10),
                updated_at: closed_at.unwrap_or(launched),
                launched_at: Some(launched),
                closed_at,
            },
        )?;
        let cycle = Some(spec.id.as_str());
        batch.audit(
            launched - days(10),
            Some(&hr_id),
            "cycle.created",
            "cycle",
            &spec.id,
            None,
            cycle,
            "",
        );
        batch.audit(
            launched,
            Some(&hr_id),
            "cycle.launched",
            "cycle",
            &spec.id,
            None,
            cycle,
            &format!(r#"{{"reviews":{},"status":"open"}}"#, participants.len()),
        );
        if let Some(c) = closed_at {
            batch.audit(
                c,
                Some(&hr_id),
                "cycle.closed",
                "cycle",
                &spec.id,
                None,
                cycle,
                "",
            );
        }
        for &p in &participants {
            let progress = if p == e && !spec.closed {
                Progress { level: 0 }
            } else if p == e2 && !spec.closed {
                Progress { level: 1 }
            } else if p == e && spec.latest_closed {
                Progress { level: 3 }
            } else if spec.closed {
                // Most finish; a few were left unfinished when the cycle closed.
                let x = rng.below(100);
                Progress {
                    level: if x < 96 { 3 } else { (x - 96).min(2) as u8 },
                }
            } else {
                let x = rng.below(100);
                Progress {
                    level: match x {
                        0..=44 => 0,
                        45..=74 => 1,
                        75..=89 => 2,
                        _ => 3,
                    },
                }
            };
            let id = add_review(
                &mut batch,
                &mut rng,
                spec,
                &persons,
                p,
                progress,
                &questions,
                &section_ids,
                &competency_ids,
                launched,
            );
            if p == e && spec.latest_closed {
                closed_review = id.clone();
            }
            if p == e && !spec.closed {
                self_review = id.clone();
            }
            if p == e2 && !spec.closed {
                manager_review = id.clone();
            }
            if batch.len() > 40_000 {
                batch.flush(conn)?;
            }
        }
        batch.flush(conn)?;
        println!(
            "  cycle {:<24} {:>6.1} s",
            spec.name,
            t.elapsed().as_secs_f64()
        );
    }

    // Journals: a few entries each, managers' notes about their reports, and
    // the measured employee's weekly habit of three years.
    let t = Instant::now();
    let mut batch = Batch::default();
    let mut journal_snippet = String::new();
    for (i, p) in persons.iter().enumerate() {
        let own = if i == e { 150 } else { 3 };
        for k in 0..own {
            let day = if i == e {
                today - days(7 * k as i64)
            } else {
                today - days(rng.range(1, 3 * 365))
            };
            let body = rng.sentences(JOURNAL, 1, 3);
            if i == e && k == 0 {
                journal_snippet = body.chars().take(40).collect();
            }
            add_journal(&mut batch, &mut rng, &p.id, &p.id, day, body);
        }
        if let Some(m) = p.manager {
            let notes = if i == e2 { 15 } else { rng.below(3) };
            for _ in 0..notes {
                let day = today - days(rng.range(1, 3 * 365));
                let body = rng.sentences(NOTES, 1, 2);
                add_journal(&mut batch, &mut rng, &persons[m].id, &p.id, day, body);
            }
        }
        if batch.len() > 40_000 {
            batch.flush(conn)?;
        }
    }
    batch.flush(conn)?;
    println!(
        "  journals             {:>6.1} s",
        t.elapsed().as_secs_f64()
    );

    // Signed in: one session each for HR, the employee and their manager.
    let session = |conn: &mut DbConnection, person_id: &str| -> QueryResult<String> {
        let token = crate::auth::random_token();
        let now = db::now();
        crate::db::sessions::insert(
            conn,
            &crate::db::sessions::SessionRow {
                token_hash: crate::auth::token_hash(&token),
                person_id: person_id.to_string(),
                csrf_token: crate::auth::random_token(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + chrono::Duration::hours(12),
            },
        )?;
        Ok(token)
    };
    let m = org_shape.manager;
    let lower = COMMON_NAME.to_lowercase();
    Ok(Org {
        hr_token: session(conn, &persons[hr].id)?,
        employee_token: session(conn, &persons[e].id)?,
        manager_token: session(conn, &persons[m].id)?,
        employee_id: persons[e].id.clone(),
        employee_name: persons[e].name.clone(),
        employee2_name: persons[e2].name.clone(),
        closed_review,
        closed_cycle_name: specs
            .iter()
            .find(|s| s.latest_closed)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        self_review,
        manager_review,
        open_cycle: specs.last().map(|s| s.id.clone()).unwrap_or_default(),
        open_cycle_name: specs.last().map(|s| s.name.clone()).unwrap_or_default(),
        journal_snippet,
        people: n,
        search_matches: persons
            .iter()
            .filter(|p| {
                p.name.to_lowercase().contains(&lower)
                    || p.job_title.to_lowercase().contains(&lower)
            })
            .count(),
    })
}

fn add_journal(
    batch: &mut Batch,
    rng: &mut Rng,
    author: &str,
    subject: &str,
    day: NaiveDate,
    body: String,
) {
    let created = at(day, rng);
    let id = db::new_id();
    batch.audit(
        created,
        Some(author),
        "journal.created",
        "journal_entry",
        &id,
        None,
        None,
        if author == subject {
            r#"{"journal":"own"}"#
        } else {
            r#"{"journal":"notes"}"#
        },
    );
    batch.journal.push(NewJournal {
        id,
        author_id: author.into(),
        subject_id: subject.into(),
        entry_on: day,
        kind: rng
            .pick(&["note", "note", "win", "incident", "customer_feedback"])
            .to_string(),
        body,
        visibility: "private".into(),
        created_at: created,
        updated_at: created,
    });
}

/// The shape of the organisation: who is where.
struct Shape {
    department: Vec<String>,
    /// A team lead with about twelve reports.
    manager: usize,
    /// Two of that team lead's reports.
    employee: usize,
    employee2: usize,
}

/// A director; HR; department heads; team leads (about one manager for every
/// twelve people); everyone else in the team leads' teams.
fn build_people(rng: &mut Rng, n: usize) -> (Vec<Person>, Shape) {
    let managers = ((n as f64 / 12.0).round() as usize).max(3);
    let heads = ((managers as f64).sqrt().round() as usize).max(1);
    let leads = managers.saturating_sub(1 + heads).max(1);
    let first_lead = 2 + heads;
    let first_employee = first_lead + leads;
    let dept_name = |d: usize| {
        let (area, _) = AREAS[d % AREAS.len()];
        format!("{area} {}", CITIES[(d / AREAS.len()) % CITIES.len()])
    };
    let mut persons = Vec::with_capacity(n);
    let mut department = Vec::with_capacity(n);
    for i in 0..n {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let (role, manager, dept, title, duties): (_, _, _, String, &[&str]) = if i == 0 {
            (
                "manager",
                None,
                "Direksi".to_string(),
                "Direktur Utama".into(),
                LEAD_DUTIES,
            )
        } else if i == 1 {
            (
                "hr",
                Some(0),
                "Sumber Daya Manusia".to_string(),
                "Kepala Sumber Daya Manusia".into(),
                LEAD_DUTIES,
            )
        } else if i < first_lead {
            let d = i - 2;
            let (area, _) = AREAS[d % AREAS.len()];
            (
                "manager",
                Some(0),
                dept_name(d),
                format!("Kepala Departemen {area}"),
                LEAD_DUTIES,
            )
        } else if i < first_employee {
            let d = (i - first_lead) % heads;
            let (area, _) = AREAS[d % AREAS.len()];
            (
                "manager",
                Some(2 + d),
                dept_name(d),
                format!("Supervisor {area}"),
                LEAD_DUTIES,
            )
        } else {
            let lead = first_lead + (i - first_employee) % leads;
            let d = (lead - first_lead) % heads;
            let (_, job) = AREAS[d % AREAS.len()];
            let title = if rng.chance(0.2) {
                format!("{job} Senior")
            } else {
                job.to_string()
            };
            ("employee", Some(lead), dept_name(d), title, DUTIES)
        };
        let mut job_description =
            format!("{title} bertanggung jawab kepada atasannya langsung di departemen {dept}. ");
        job_description.push_str(&rng.sentences(duties, 4, 6));
        job_description.push(' ');
        job_description.push_str(&rng.sentences(DUTIES, 3, 5));
        persons.push(Person {
            id: db::new_id(),
            name,
            role,
            manager,
            job_title: title,
            job_description,
        });
        department.push(dept);
    }
    let shape = Shape {
        department,
        manager: first_lead,
        employee: first_employee,
        employee2: (first_employee + leads).min(n - 1),
    };
    (persons, shape)
}

/// One review and everything written in it, as far as `progress` got.
/// Returns the review's id.
#[allow(clippy::too_many_arguments)]
fn add_review(
    batch: &mut Batch,
    rng: &mut Rng,
    spec: &CycleSpec,
    persons: &[Person],
    p: usize,
    progress: Progress,
    questions: &[Question],
    section_ids: &[String],
    competency_ids: &[String],
    launched: NaiveDateTime,
) -> String {
    let person = &persons[p];
    let manager_id = person.manager.map(|m| persons[m].id.clone());
    let mgr = manager_id.clone().unwrap_or_default();
    let level = progress.level;
    let id = db::new_id();
    let cycle = Some(spec.id.as_str());
    let rid = Some(id.as_str());
    let self_submitted = (level >= 1).then(|| at(spec.opens + days(rng.range(3, 20)), rng));
    let shared = (level >= 2).then(|| at(spec.self_due + days(rng.range(1, 13)), rng));
    let acknowledged = shared
        .filter(|_| level >= 3)
        .map(|s| s + days(rng.range(1, 6)));
    let state = if spec.closed {
        if level == 3 {
            "acknowledged"
        } else {
            "unfinished"
        }
    } else {
        [
            "self_assessment",
            "manager_review",
            "shared",
            "acknowledged",
        ][level as usize]
    };

    // The self-assessment: every question when submitted, some as drafts before.
    let self_share = if level >= 1 {
        1.0
    } else if rng.chance(0.2) {
        0.0
    } else {
        0.2 + rng.below(70) as f64 / 100.0
    };
    let mut self_saves = 0;
    if self_share > 0.0 {
        self_saves = rng.range(1, 4) as i32;
        let saved = self_submitted.unwrap_or_else(|| launched + days(rng.range(1, 10)));
        for q in questions.iter().filter(|q| q.self_answers) {
            if level == 0 && !rng.chance(self_share) {
                continue;
            }
            batch
                .answers
                .push(answer(rng, &id, q, "self", &person.id, saved, level >= 1));
        }
        for k in 0..self_saves {
            batch.audit(
                saved - days((self_saves - k) as i64),
                Some(&person.id),
                "review.draft_saved",
                "review",
                &id,
                rid,
                cycle,
                r#"{"side":"self"}"#,
            );
        }
    }
    let self_time = self_submitted.unwrap_or(launched + days(2));
    let weakness_id = db::new_id();
    if level >= 1 || rng.chance(0.5) {
        batch.traits.push(NewTrait {
            id: db::new_id(),
            person_id: person.id.clone(),
            review_id: Some(id.clone()),
            competency_id: Some(rng.pick(competency_ids).clone()),
            kind: "strength".into(),
            side: "self".into(),
            stance: "own".into(),
            responds_to_id: None,
            body: rng.pick(STRENGTHS).to_string(),
            author_id: Some(person.id.clone()),
            created_at: self_time,
            updated_at: self_time,
        });
    }
    if level >= 1 {
        batch.traits.push(NewTrait {
            id: weakness_id.clone(),
            person_id: person.id.clone(),
            review_id: Some(id.clone()),
            competency_id: Some(rng.pick(competency_ids).clone()),
            kind: "weakness".into(),
            side: "self".into(),
            stance: "own".into(),
            responds_to_id: None,
            body: rng.pick(WEAKNESSES).to_string(),
            author_id: Some(person.id.clone()),
            created_at: self_time,
            updated_at: self_time,
        });
    }
    if level >= 1 || rng.chance(0.3) {
        let (title, description, support) = rng.pick(GOALS);
        let status = if !spec.closed {
            if level >= 2 {
                "agreed"
            } else {
                "proposed"
            }
        } else if spec.latest_closed {
            rng.pick(&["in_progress", "in_progress", "agreed", "done", "done"])
        } else {
            rng.pick(&["done", "done", "done", "done", "dropped"])
        };
        batch.goals.push(NewGoal {
            id: db::new_id(),
            person_id: person.id.clone(),
            review_id: Some(id.clone()),
            carried_from_id: None,
            kind: rng.pick(&["development", "improvement"]).to_string(),
            title: title.to_string(),
            description: description.to_string(),
            support_needed: support.to_string(),
            status: status.into(),
            due_on: Some(spec.closes + days(180)),
            author_id: Some(person.id.clone()),
            created_at: self_time,
            updated_at: self_time,
        });
    }
    if let Some(s) = self_submitted {
        batch.audit(
            s,
            Some(&person.id),
            "review.self_submitted",
            "review",
            &id,
            rid,
            cycle,
            "",
        );
        let read = (spec.closed || rng.chance(0.5)).then(|| s + days(1));
        batch.notify(&mgr, "self_submitted", &id, &person.id, s, read);
    }

    // The manager review: drafts while writing, all of it once shared.
    let mut manager_saves = 0;
    if level >= 1 {
        let share = if level >= 2 {
            1.0
        } else {
            rng.below(90) as f64 / 100.0
        };
        let saved = shared.unwrap_or(self_time + days(2));
        if share > 0.0 {
            manager_saves = rng.range(1, 4) as i32;
            for q in questions.iter().filter(|q| q.manager_answers) {
                if level == 1 && !rng.chance(share) {
                    continue;
                }
                batch
                    .answers
                    .push(answer(rng, &id, q, "manager", &mgr, saved, level >= 2));
            }
            for k in 0..manager_saves {
                batch.audit(
                    saved - days((manager_saves - k) as i64),
                    Some(&mgr),
                    "review.draft_saved",
                    "review",
                    &id,
                    rid,
                    cycle,
                    r#"{"side":"manager"}"#,
                );
            }
        }
        if level >= 2 || share > 0.5 {
            for (kind, responds, body) in [
                ("strength", None, rng.pick(STRENGTHS).to_string()),
                (
                    "weakness",
                    Some(weakness_id.clone()),
                    rng.pick(WEAKNESSES).to_string(),
                ),
            ] {
                batch.traits.push(NewTrait {
                    id: db::new_id(),
                    person_id: person.id.clone(),
                    review_id: Some(id.clone()),
                    competency_id: Some(rng.pick(competency_ids).clone()),
                    kind: kind.into(),
                    side: "manager".into(),
                    stance: if responds.is_some() {
                        rng.pick(&["agree", "adjust"]).to_string()
                    } else {
                        "own".into()
                    },
                    responds_to_id: responds,
                    body,
                    author_id: Some(mgr.clone()),
                    created_at: saved,
                    updated_at: saved,
                });
            }
        }
    }
    if let Some(s) = shared {
        let section = section_ids.get(1).or(section_ids.first()).cloned();
        let comment_id = db::new_id();
        batch.comments.push(NewComment {
            id: comment_id.clone(),
            review_id: id.clone(),
            author_id: mgr.clone(),
            parent_id: None,
            section_id: section.clone(),
            competency_id: None,
            kind: "manager_comment".into(),
            visibility: "shared".into(),
            body: rng.pick(COMMENTS).to_string(),
            created_at: s,
            updated_at: s,
        });
        if rng.chance(0.2) {
            batch.comments.push(NewComment {
                id: db::new_id(),
                review_id: id.clone(),
                author_id: mgr.clone(),
                parent_id: None,
                section_id: section.clone(),
                competency_id: None,
                kind: "manager_comment".into(),
                visibility: "private".into(),
                body: rng.pick(COMMENTS).to_string(),
                created_at: s,
                updated_at: s,
            });
        }
        if let Some(a) = acknowledged {
            batch.comments.push(NewComment {
                id: db::new_id(),
                review_id: id.clone(),
                author_id: person.id.clone(),
                parent_id: Some(comment_id),
                section_id: section,
                competency_id: None,
                kind: "employee_response".into(),
                visibility: "shared".into(),
                body: rng.pick(RESPONSES).to_string(),
                created_at: a,
                updated_at: a,
            });
        }
        batch.audit(
            s,
            Some(&mgr),
            "review.shared",
            "review",
            &id,
            rid,
            cycle,
            "",
        );
        let read = (spec.closed || rng.chance(0.5)).then(|| s + days(1));
        batch.notify(&person.id, "review_shared", &id, &mgr, s, read);
    }
    if let Some(a) = acknowledged {
        batch.audit(
            a,
            Some(&person.id),
            "review.acknowledged",
            "review",
            &id,
            rid,
            cycle,
            "",
        );
        let read = (spec.closed || rng.chance(0.5)).then(|| a + days(1));
        batch.notify(&mgr, "acknowledged", &id, &person.id, a, read);
    }

    let updated = acknowledged
        .or(shared)
        .or(self_submitted)
        .unwrap_or(launched);
    batch.reviews.push(NewReview {
        id: id.clone(),
        cycle_id: spec.id.clone(),
        person_id: person.id.clone(),
        manager_id,
        job_title: person.job_title.clone(),
        job_description: person.job_description.clone(),
        state: state.into(),
        self_version: self_saves,
        manager_version: manager_saves,
        self_submitted_at: self_submitted,
        shared_at: shared,
        acknowledged_at: acknowledged,
        acknowledgement_response: if acknowledged.is_some() && rng.chance(0.3) {
            rng.pick(RESPONSES).to_string()
        } else {
            String::new()
        },
        manager_summary: String::new(),
        team_summary: String::new(),
        team_summary_published_at: None,
        reopened_reason: String::new(),
        reopened_at: None,
        created_at: launched,
        updated_at: updated,
    });
    id
}

fn answer(
    rng: &mut Rng,
    review_id: &str,
    q: &Question,
    side: &str,
    author: &str,
    when: NaiveDateTime,
    submitted: bool,
) -> NewAnswer {
    let (rating, body) = match q.kind.as_str() {
        "text" => (
            None,
            if side == "self" {
                rng.sentences(SELF_TEXT, 2, 4)
            } else {
                rng.sentences(MANAGER_TEXT, 2, 4)
            },
        ),
        _ => (
            Some(rng.rating()),
            if rng.chance(0.7) {
                rng.pick(EVIDENCE).to_string()
            } else {
                String::new()
            },
        ),
    };
    NewAnswer {
        id: db::new_id(),
        review_id: review_id.into(),
        question_id: q.id.clone(),
        side: side.into(),
        rating,
        body,
        status: if submitted { "submitted" } else { "draft" }.into(),
        version: rng.range(1, 3) as i32,
        updated_by: Some(author.into()),
        updated_at: when,
    }
}

// ---------------------------------------------------------------------------
// A small HTTP/1.1 client: keep-alive, Content-Length and chunked bodies.

struct Reply {
    status: u16,
    body: Vec<u8>,
}

struct Client {
    addr: SocketAddr,
    cookie: Option<String>,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(addr: SocketAddr, session_token: Option<&str>) -> Self {
        Client {
            addr,
            cookie: session_token
                .map(|t| format!("{}={t}", crate::auth::session::cookie_name(false))),
            conn: None,
        }
    }

    fn get(&mut self, path: &str, gzip: bool) -> anyhow::Result<Reply> {
        // A kept-alive connection the server has closed fails once: retry on a new one.
        let reused = self.conn.is_some();
        match self.try_get(path, gzip) {
            Ok(r) => Ok(r),
            Err(_) if reused => {
                self.conn = None;
                self.try_get(path, gzip)
            }
            Err(e) => Err(e),
        }
    }

    fn try_get(&mut self, path: &str, gzip: bool) -> anyhow::Result<Reply> {
        if self.conn.is_none() {
            let stream = TcpStream::connect(self.addr)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(120)))?;
            self.conn = Some(BufReader::with_capacity(64 * 1024, stream));
        }
        let conn = self.conn.as_mut().ok_or_else(|| anyhow!("no connection"))?;
        let mut request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: cermin-bench\r\nAccept: text/html\r\nConnection: keep-alive\r\n",
            self.addr
        );
        if gzip {
            request.push_str("Accept-Encoding: gzip\r\n");
        }
        if let Some(c) = &self.cookie {
            request.push_str(&format!("Cookie: {c}\r\n"));
        }
        request.push_str("\r\n");
        conn.get_mut().write_all(request.as_bytes())?;

        let mut line = String::new();
        if conn.read_line(&mut line)? == 0 {
            bail!("connection closed");
        }
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| anyhow!("bad status line: {line:?}"))?;
        let mut length: Option<usize> = None;
        let mut chunked = false;
        let mut close = false;
        loop {
            line.clear();
            conn.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
                match k.as_str() {
                    "content-length" => length = v.parse().ok(),
                    "transfer-encoding" => chunked = v.contains("chunked"),
                    "connection" => close = v == "close",
                    _ => {}
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                conn.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .map_err(|_| anyhow!("bad chunk size {line:?}"))?;
                if size == 0 {
                    // Trailers, then the blank line.
                    loop {
                        line.clear();
                        conn.read_line(&mut line)?;
                        if line.trim().is_empty() {
                            break;
                        }
                    }
                    break;
                }
                let start = body.len();
                body.resize(start + size, 0);
                conn.read_exact(&mut body[start..])?;
                line.clear();
                conn.read_line(&mut line)?;
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            conn.read_exact(&mut body)?;
        } else {
            conn.read_to_end(&mut body)?;
            close = true;
        }
        if close {
            self.conn = None;
        }
        Ok(Reply { status, body })
    }
}

// ---------------------------------------------------------------------------
// Measuring

#[derive(Clone, Copy)]
enum Who {
    Anonymous,
    Employee,
    Manager,
    Hr,
}

struct PageSpec {
    label: String,
    who: Who,
    path: String,
    /// Text the page must contain (checked once, uncompressed).
    marker: Option<String>,
    /// A 404 is reported, not fatal (a page still being built).
    may_be_missing: bool,
}

struct PageResult {
    label: String,
    path: String,
    samples: usize,
    median_ms: f64,
    p95_ms: f64,
    max_ms: f64,
    per_second: f64,
    html_bytes: usize,
    sent_bytes: usize,
    missing: bool,
}

fn pages(org: &Org) -> Vec<PageSpec> {
    let spec = |label: &str, who, path: String, marker: Option<&str>| PageSpec {
        label: label.to_string(),
        who,
        path,
        marker: marker.map(str::to_string),
        may_be_missing: false,
    };
    let query: String =
        percent_encoding::utf8_percent_encode(COMMON_NAME, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    vec![
        spec(
            "sign-in (anonymous)",
            Who::Anonymous,
            "/sign-in".into(),
            Some("csrf_token"),
        ),
        spec(
            "home (employee)",
            Who::Employee,
            "/".into(),
            Some(&org.open_cycle_name),
        ),
        spec("home (HR)", Who::Hr, "/".into(), None),
        spec(
            &format!("people, page 1 of {}", org.people),
            Who::Hr,
            "/people".into(),
            None,
        ),
        spec(
            &format!("people search ({} matches)", org.search_matches),
            Who::Hr,
            format!("/people?q={query}"),
            Some(COMMON_NAME),
        ),
        spec(
            "person (HR)",
            Who::Hr,
            format!("/people/{}", org.employee_id),
            Some(&org.employee_name),
        ),
        spec(
            "review, shared + acknowledged",
            Who::Employee,
            format!("/reviews/{}", org.closed_review),
            Some(&org.closed_cycle_name),
        ),
        spec(
            "self-assessment form",
            Who::Employee,
            format!("/reviews/{}/self", org.self_review),
            Some(&org.open_cycle_name),
        ),
        spec(
            "manager review form",
            Who::Manager,
            format!("/reviews/{}/manager", org.manager_review),
            Some(&org.employee2_name),
        ),
        spec(
            "history, 7 reviews",
            Who::Employee,
            "/history".into(),
            Some(&org.closed_cycle_name),
        ),
        spec(
            "team (manager)",
            Who::Manager,
            "/team".into(),
            Some(&org.employee_name),
        ),
        spec("audit log (HR)", Who::Hr, "/audit".into(), None),
        PageSpec {
            may_be_missing: true,
            ..spec(
                &format!("open cycle, {} reviews", org.people - 1),
                Who::Hr,
                format!("/cycles/{}", org.open_cycle),
                Some(&org.open_cycle_name),
            )
        },
        spec(
            "journal, 150 entries",
            Who::Employee,
            "/journal".into(),
            Some(&org.journal_snippet),
        ),
    ]
}

fn measure(addr: SocketAddr, org: &Org) -> anyhow::Result<Vec<PageResult>> {
    let mut clients: HashMap<u8, Client> = HashMap::new();
    clients.insert(0, Client::new(addr, None));
    clients.insert(1, Client::new(addr, Some(&org.employee_token)));
    clients.insert(2, Client::new(addr, Some(&org.manager_token)));
    clients.insert(3, Client::new(addr, Some(&org.hr_token)));
    let mut results = vec![];
    println!("\nMeasuring (page, median ms):");
    for page in pages(org) {
        let key = match page.who {
            Who::Anonymous => 0,
            Who::Employee => 1,
            Who::Manager => 2,
            Who::Hr => 3,
        };
        let client = clients.get_mut(&key).ok_or_else(|| anyhow!("no client"))?;
        // Once uncompressed: the status, the marker, the page's size.
        let plain = client.get(&page.path, false)?;
        if plain.status == 404 && page.may_be_missing {
            println!("  {:<34} 404 Not Found (not built yet)", page.label);
            results.push(PageResult {
                label: page.label,
                path: page.path,
                samples: 0,
                median_ms: 0.0,
                p95_ms: 0.0,
                max_ms: 0.0,
                per_second: 0.0,
                html_bytes: 0,
                sent_bytes: 0,
                missing: true,
            });
            continue;
        }
        if plain.status != 200 {
            bail!(
                "GET {} answered {} (expected 200): a benchmark of an error page is worthless\n{}",
                page.path,
                plain.status,
                String::from_utf8_lossy(&plain.body)
                    .chars()
                    .take(2000)
                    .collect::<String>()
            );
        }
        if let Some(marker) = &page.marker {
            if !String::from_utf8_lossy(&plain.body).contains(marker.as_str()) {
                bail!(
                    "GET {} did not show `{marker}`: not the page meant to be measured",
                    page.path
                );
            }
        }
        let html_bytes = plain.body.len();
        let mut sent_bytes = 0;
        for _ in 0..WARMUP {
            let r = client.get(&page.path, true)?;
            if r.status != 200 {
                bail!("GET {} answered {} during warm-up", page.path, r.status);
            }
            sent_bytes = r.body.len();
        }
        let mut times = Vec::with_capacity(SAMPLES);
        let started = Instant::now();
        while times.len() < SAMPLES
            && (times.len() < MIN_SAMPLES || started.elapsed() < TIME_BUDGET)
        {
            let t = Instant::now();
            let r = client.get(&page.path, true)?;
            let elapsed = t.elapsed();
            if r.status != 200 {
                bail!("GET {} answered {}", page.path, r.status);
            }
            times.push(elapsed.as_secs_f64() * 1000.0);
        }
        let total = started.elapsed().as_secs_f64();
        let n = times.len();
        times.sort_by(|a, b| a.total_cmp(b));
        let pct = |p: f64| times[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        let result = PageResult {
            label: page.label,
            path: page.path,
            samples: n,
            median_ms: pct(0.5),
            p95_ms: pct(0.95),
            max_ms: times[n - 1],
            per_second: n as f64 / total,
            html_bytes,
            sent_bytes,
            missing: false,
        };
        println!("  {:<34} {:>8.2}", result.label, result.median_ms);
        results.push(result);
    }
    Ok(results)
}

fn print_table(results: &[PageResult]) {
    println!(
        "| {:<34} | {:>4} | {:>7} | {:>7} | {:>7} | {:>6} | {:>7} | {:>7} |",
        "page", "n", "median", "p95", "max", "req/s", "HTML KB", "sent KB"
    );
    println!(
        "|{:-<36}|{:->6}|{:->9}|{:->9}|{:->9}|{:->8}|{:->9}|{:->9}|",
        "", ":", ":", ":", ":", ":", ":", ":"
    );
    for r in results {
        if r.missing {
            println!(
                "| {:<34} | {:>4} | {:>7} | {:>7} | {:>7} | {:>6} | {:>7} | {:>7} |",
                r.label, "-", "404", "-", "-", "-", "-", "-"
            );
            continue;
        }
        println!(
            "| {:<34} | {:>4} | {:>7.2} | {:>7.2} | {:>7.2} | {:>6.0} | {:>7.1} | {:>7.1} |",
            r.label,
            r.samples,
            r.median_ms,
            r.p95_ms,
            r.max_ms,
            r.per_second,
            r.html_bytes as f64 / 1024.0,
            r.sent_bytes as f64 / 1024.0
        );
    }
    println!("\nAddresses measured:");
    for r in results {
        println!("  {:<34} {}", r.label, r.path);
    }
    println!("\nms: milliseconds from sending the request to the last byte of the answer, over loopback; req/s: sequential, one connection.");
}

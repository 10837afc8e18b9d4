//! The word pools the generated organisation is written from: Indonesian
//! names, departments, job duties and the free text of reviews and journals.

pub(super) const FIRST_NAMES: &[&str] = &[
    "Agus", "Ahmad", "Andi", "Anisa", "Ayu", "Bambang", "Budi", "Citra", "Dedi", "Dewi", "Dian",
    "Dimas", "Eka", "Endang", "Fajar", "Fitri", "Gilang", "Hadi", "Hendra", "Indah", "Intan",
    "Joko", "Kartika", "Lestari", "Lukman", "Maya", "Mega", "Nanda", "Nur", "Putri", "Rahmat",
    "Rina", "Rizki", "Sari", "Siti", "Sri", "Taufik", "Tri", "Wahyu", "Wulan", "Yanti", "Yogi",
    "Yudi", "Zainal", "Arif", "Bayu", "Cahya", "Dodi", "Eko", "Farah", "Galih", "Hana", "Irfan",
    "Jihan", "Kevin", "Laras", "Mira", "Nia", "Oki", "Ratna",
];

pub(super) const LAST_NAMES: &[&str] = &[
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
pub(super) const AREAS: &[(&str, &str)] = &[
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

pub(super) const CITIES: &[&str] = &[
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

pub(super) const DUTIES: &[&str] = &[
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

pub(super) const LEAD_DUTIES: &[&str] = &[
    "Memimpin tim harian: membagi tugas, mengatur jadwal shift dan memastikan layanan berjalan sesuai standar.",
    "Membimbing anggota tim baru selama masa orientasi dan menilai kemajuan mereka.",
    "Menangani eskalasi pelanggan yang tidak dapat diselesaikan oleh anggota tim.",
    "Memantau mutu layanan melalui pengamatan langsung dan contoh percakapan setiap minggu.",
    "Menulis evaluasi atasan untuk setiap anggota tim dua kali setahun dan membahasnya secara langsung.",
    "Melaporkan capaian tim dan hambatan struktural kepada kepala departemen setiap bulan.",
];

pub(super) const SELF_TEXT: &[&str] = &[
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

pub(super) const MANAGER_TEXT: &[&str] = &[
    "Secara keseluruhan kinerjanya memenuhi harapan uraian pekerjaan dan terus membaik sejak evaluasi terakhir.",
    "Ia tenang menghadapi pelanggan yang sulit dan rekan-rekan sering meminta bantuannya.",
    "Pencatatan insiden masih perlu diperbaiki: beberapa tiket ditutup tanpa keterangan apa yang dijanjikan.",
    "Saya melihat inisiatif yang baik ketika antrean sepi; ia merapikan data pelanggan tanpa diminta.",
    "Untuk periode berikutnya saya akan mendaftarkannya pada pelatihan kebijakan garansi dan memberi waktu untuk mendampingi rekan baru.",
    "Target waktu tanggap tercapai, tetapi tingkat penyelesaian pada kontak pertama masih di bawah rata-rata tim.",
    "Keluhan pelanggan yang ia tangani jarang dieskalasi, tanda bahwa ia menuntaskan masalah sendiri.",
    "Ia perlu lebih berani meminta bantuan lebih awal daripada menunggu sampai pelanggan marah.",
];

pub(super) const EVIDENCE: &[&str] = &[
    "Contoh: menenangkan pelanggan yang marah soal tagihan ganda dan menyelesaikannya hari itu juga.",
    "Beberapa kali membantu rekan di kasir saat antrean panjang tanpa diminta.",
    "Menepati janji menelepon balik pelanggan tentang status pesanan.",
    "Tercatat di jurnal: tiga pujian pelanggan bulan ini.",
    "Masih perlu belajar kebijakan pengembalian untuk barang elektronik.",
    "Mencatat insiden dengan lengkap dan melapor pada hari yang sama.",
    "Mengusulkan cara baru mengatur antrean pagi yang sekarang dipakai tim.",
    "Perlakuan yang sama untuk semua pelanggan, tanpa janji di luar aturan.",
];

pub(super) const STRENGTHS: &[&str] = &[
    "Tetap tenang saat pelanggan marah dan bisa meredakan situasi.",
    "Menguasai produk dan kebijakan garansi dengan baik.",
    "Sigap membantu rekan pada jam sibuk.",
    "Komunikasi tertulis yang jelas di tiket dan email.",
    "Menepati janji kepada pelanggan dan rekan kerja.",
    "Teliti memeriksa data sebelum transaksi diproses.",
];

pub(super) const WEAKNESSES: &[&str] = &[
    "Kadang lupa mencatat apa yang dijanjikan kepada pelanggan; saya akan memakai daftar periksa.",
    "Belum percaya diri menangani keluhan besar sendiri; saya ingin mendampingi atasan dalam eskalasi.",
    "Kurang memahami kebijakan pengembalian barang elektronik; saya akan ikut pelatihan.",
    "Sering terburu-buru di jam sibuk sehingga ada data yang terlewat.",
    "Perlu lebih cepat meminta bantuan sebelum masalah membesar.",
];

pub(super) const GOALS: &[(&str, &str, &str)] = &[
    ("Menguasai kebijakan garansi baru", "Mengikuti pelatihan garansi dan menjawab pertanyaan pelanggan tanpa bertanya kepada atasan.", "Jadwal pelatihan dan waktu belajar satu jam per minggu."),
    ("Pencatatan insiden lengkap", "Setiap insiden tercatat lengkap pada hari yang sama, diperiksa atasan tiap bulan.", "Daftar periksa pencatatan insiden."),
    ("Mendampingi rekan baru", "Menjadi pendamping dua rekan baru selama masa orientasi mereka.", "Pengurangan target tiket selama masa pendampingan."),
    ("Penyelesaian pada kontak pertama", "Menaikkan tingkat penyelesaian pada kontak pertama menjadi 80 persen.", "Akses ke sistem stok dan wewenang pengembalian dana kecil."),
    ("Menangani eskalasi sendiri", "Menangani keluhan tingkat dua tanpa meneruskannya kepada atasan.", "Pendampingan atasan pada lima kasus pertama."),
];

pub(super) const COMMENTS: &[&str] = &[
    "Penilaian diri Anda di bagian ini sudah jujur dan sesuai dengan yang saya lihat.",
    "Saya menilai sedikit lebih tinggi: contoh penanganan tagihan ganda itu sangat baik.",
    "Mari kita bahas contoh konkret di pertemuan berikutnya.",
    "Saya setuju, dan saya akan membantu dengan jadwal pelatihan.",
];

pub(super) const RESPONSES: &[&str] = &[
    "Terima kasih, saya setuju dan akan mencoba daftar periksa itu.",
    "Saya akan menyiapkan contoh untuk pertemuan kita.",
    "Terima kasih atas masukannya.",
];

pub(super) const JOURNAL: &[&str] = &[
    "Pelanggan memuji cara saya menjelaskan proses klaim garansi.",
    "Antrean panjang karena sistem kasir mati dua puluh menit; pelanggan kesal tetapi tetap tenang setelah dijelaskan.",
    "Menyelesaikan keluhan pengiriman terlambat dalam satu kali telepon.",
    "Membantu rekan di bagian pengembalian barang saat jam makan siang.",
    "Pelanggan berteriak karena tagihan ganda; saya tetap tenang, mencatat, dan meneruskannya ke keuangan.",
    "Mengikuti pelatihan produk baru selama dua jam.",
    "Mengusulkan kepada atasan agar formulir pengembalian disederhanakan.",
    "Seorang pelanggan menulis ulasan baik di media sosial dan menyebut nama saya.",
];

pub(super) const NOTES: &[&str] = &[
    "Menangani eskalasi hari ini dengan sangat baik; pelanggan pulang puas.",
    "Terlambat dua kali minggu ini; sudah dibicarakan, ada masalah transportasi.",
    "Tiket insiden kemarin tidak lengkap; perlu diingatkan tentang pencatatan.",
    "Membantu rekan baru tanpa diminta selama jam sibuk.",
    "Pelanggan menyampaikan terima kasih lewat email untuk bantuannya.",
];

# Cermin — Bahasa Indonesia. Istilah mengikuti GLOSSARY.md.

## Kerangka halaman
skip-to-content = Langsung ke konten
nav-label = Menu utama
nav-home = Beranda
nav-people = Karyawan
nav-audit = Log audit
nav-journal = Catatan kerja
nav-history = Riwayat
nav-team = Tim saya
nav-cycles = Siklus evaluasi
nav-templates = Templat formulir
nav-me = Profil saya
sign-out = Keluar
language-label = Bahasa
footer-source = Kode sumber (AGPL)
footer-licence = Perangkat lunak bebas (AGPL).
footer-text = Cermin — evaluasi diri dan umpan balik karyawan.
back = Kembali
table-scroll-label = Tabel (dapat digeser)
warning = Peringatan
cancel = Batal
save = Simpan
no-manager = Tanpa atasan
pagination-label = Halaman
pagination-prev = Sebelumnya
pagination-next = Berikutnya
pagination-page-only = Halaman { $page }

## Bulan
month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = Mei
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Agu
month-short-9 = Sep
month-short-10 = Okt
month-short-11 = Nov
month-short-12 = Des

## Peran dan status
role-hr = SDM
role-manager = Atasan
role-employee = Karyawan
status-active = Aktif
status-inactive = Nonaktif
status-invited = Diundang

## Isian
field-name = Nama lengkap
field-email = Alamat email
field-password = Kata sandi
field-new-password = Kata sandi baru
field-password-confirm = Ulangi kata sandi baru
field-current-password = Kata sandi saat ini
field-job-title = Jabatan
field-department = Departemen
field-manager = Atasan
field-role = Peran
field-language = Bahasa
field-job-description = Uraian pekerjaan
job-description-hint = Harapan dasar untuk posisi ini: tugas utama dan standar kerjanya. Evaluasi akan diukur terhadap uraian ini.
password-hint = Paling sedikit { $min } karakter. Kalimat pendek yang mudah diingat lebih aman daripada kata yang rumit.

## Pesan kesalahan
error-prefix = Perlu diperbaiki:
error-summary-title = Ada masalah
error-go-home = Ke beranda
error-not-found-title = Halaman tidak ditemukan
error-not-found-body = Alamat ini tidak ada, atau sudah dipindahkan. Periksa alamatnya, atau mulai lagi dari beranda.
error-forbidden-title = Anda tidak memiliki akses ke halaman ini
error-forbidden-body = Halaman ini milik orang lain atau hanya untuk SDM. Jika menurut Anda ini keliru, hubungi SDM.
error-csrf-title = Formulir ini sudah tidak berlaku
error-csrf-body = Demi keamanan, formulir hanya dapat dikirim dari halaman Cermin yang baru saja dibuka. Kembali, muat ulang halaman, lalu coba lagi.
error-conflict-title = Ada perubahan lain
error-bad-request-title = Permintaan tidak dapat diproses
error-bad-request-body = Data yang dikirim tidak lengkap atau terlalu besar. Kembali dan coba lagi.
error-unavailable-title = Cermin sedang sibuk
error-unavailable-body = Basis data tidak menjawab saat ini. Tunggu sebentar lalu coba lagi; tidak ada yang hilang.
error-reference = Bila Anda melaporkan ini, sebutkan kode rujukan { $id }.
error-too-large-title = Ini terlalu besar untuk dikirim
error-too-large-body = Yang dikirim lebih besar dari batas Cermin (formulir sampai 2 MB, berkas CSV sampai 5 MB). Tidak ada yang disimpan. Kembali, perpendek, lalu coba lagi.
error-refused-title = Ini tidak dapat disimpan
error-text-control = Kolom “{ $field }” berisi karakter kendali tak terlihat (misalnya karakter null) yang tidak disimpan Cermin. Tidak ada yang disimpan. Kembali, hapus karakter itu (mengetik ulang teksnya akan menghapusnya), lalu coba lagi.
error-text-ceiling = Kolom “{ $field }” jauh lebih panjang dari batas Cermin (paling banyak 10.000 karakter pada kolom terpanjang). Tidak ada yang disimpan. Kembali, perpendek, lalu coba lagi.
error-text-not-text = Kolom “{ $field }” berisi bita yang bukan teks. Tidak ada yang disimpan. Kembali dan ketik ulang teksnya.
error-not-saved-title = Cermin tidak dapat menyimpan ini
error-not-saved-body = Basis data tidak dapat menerima perubahan saat ini (mungkin penuh atau sedang dinyalakan ulang). Tidak ada yang disimpan, dan tidak ada yang tersimpan sebelumnya yang hilang. Kembali dan coba lagi beberapa menit lagi; bila terus terjadi, beri tahu pengelola Cermin.
character-count = { $n } dari { $max } karakter
field-label-name = Nama
field-label-date = Tanggal
field-label-kind = Jenis
field-label-template = Templat formulir
field-label-reminders = Pengingat
field-label-participants = Siapa yang ikut
field-label-csv = Teks CSV
field-label-rating = Nilai
field-label-search = Pencarian
field-label-summary = Ringkasan tim
field-label-response = Tanggapan
field-label-reason = Alasan
field-label-entry = Catatan
field-label-answer = Jawaban
field-label-reply = Balasan
field-label-trait = Kekuatan atau kelemahan
field-label-goal = Sasaran
field-label-comment = Komentar
field-label-title = Judul
field-label-description = Deskripsi
field-label-question = Pertanyaan
field-label-private-comments = Komentar pribadi
field-label-step = Langkah
field-label-format = Format
field-label-other = Salah satu kolom
error-unexpected-title = Maaf, terjadi kesalahan
error-unexpected-body = Kesalahan sudah dicatat. Coba lagi sebentar lagi; jika terus terjadi, beri tahu SDM.
error-email-missing = Masukkan alamat email
error-password-missing = Masukkan kata sandi Anda
error-email-invalid = Masukkan alamat email yang benar, misalnya nama@perusahaan.co.id
error-email-taken = Sudah ada orang dengan alamat email ini
error-name-missing = Masukkan nama lengkap
error-name-too-long = Nama paling banyak 120 karakter
error-text-too-long = Teks ini terlalu panjang
error-role-invalid = Pilih peran: karyawan, atasan, atau SDM
error-role-own = Anda tidak dapat mengubah peran Anda sendiri
error-lang-invalid = Pilih bahasa: id atau en
error-manager-unknown = Atasan yang dipilih tidak ada atau tidak aktif
error-manager-cycle = Atasan ini melapor (langsung atau tidak) kepada orang ini, sehingga akan terjadi lingkaran
error-deactivate-self = Anda tidak dapat menonaktifkan akun Anda sendiri. Minta rekan SDM lain untuk melakukannya.
error-password-too-short = Kata sandi paling sedikit 10 karakter
error-password-too-long = Kata sandi paling banyak 200 karakter
error-password-mismatch = Kedua kata sandi tidak sama
error-password-current = Kata sandi saat ini salah

## Masuk
sign-in-title = Masuk
sign-in-button = Masuk
sign-in-help = Belum punya akun? Minta undangan kepada SDM.
sign-in-failed = Email atau kata sandi salah
sign-in-check-email = Satu langkah lagi: peramban ini baru bagi akun ini, dan sudah banyak percobaan masuk yang gagal. Jika alamat email dan kata sandi yang Anda masukkan benar, kami telah mengirim tautan ke alamat itu. Buka tautan itu dalam 15 menit: peramban yang membukanya akan masuk, dan sejak itu dikenali Cermin.
sign-in-link-title = Selesaikan masuk
sign-in-link-lead = Tekan tombol untuk menyelesaikan masuk di peramban ini. Mulai sekarang Cermin akan mengenali peramban ini.
sign-in-link-button = Selesaikan masuk
sign-in-signed-out = Anda sudah keluar.
sign-in-session-ended = Sesi Anda berakhir karena terlalu lama tidak aktif. Silakan masuk lagi.

## Pemasangan pertama
setup-title = Buat akun SDM pertama
setup-lead = Cermin belum memiliki administrator SDM. Akun ini dapat menambah karyawan dan menjadwalkan siklus evaluasi.
setup-button = Buat akun dan masuk

## Undangan
invitation-title = Selamat datang di Cermin
invitation-lead = Halo { $name }, buat kata sandi untuk mulai menggunakan Cermin.
invitation-button = Simpan kata sandi dan masuk
link-expired-title = Tautan ini tidak berlaku lagi
link-expired-body = Tautan sudah dipakai atau sudah kedaluwarsa. Minta tautan baru kepada SDM.

## Beranda
home-title = Beranda
home-greeting = Halo, { $name }
home-welcome = Kata sandi tersimpan. Selamat datang di Cermin!
home-hr-heading = Ringkasan SDM
home-people-count = { $count ->
    [one] karyawan aktif
   *[other] karyawan aktif
}
home-people-link = Kelola karyawan
home-invited-count = belum membuat kata sandi
home-import-link = Impor karyawan dari CSV
home-me-heading = Tentang saya
home-no-job-description = Uraian pekerjaan Anda belum diisi. Minta SDM untuk melengkapinya: evaluasi Anda diukur terhadapnya.
home-profile-link = Lihat profil saya
home-reports-heading = Tim saya ({ $count })

## Profil saya
me-title = Profil saya
me-job-description-hint = Uraian pekerjaan diisi oleh SDM. Jika ada yang tidak sesuai, sampaikan kepada atasan atau SDM.
me-language-legend = Bahasa untuk halaman dan email
me-change-password = Ganti kata sandi
password-title = Ganti kata sandi
password-lead = Setelah diganti, Anda akan keluar dari semua perangkat lain.
password-button = Ganti kata sandi
notice-password-changed = Kata sandi diganti. Sesi di perangkat lain sudah diakhiri.
notice-language-changed = Bahasa disimpan.

## Karyawan (SDM)
people-title = Karyawan
people-add = Tambah karyawan
people-add-another = Tambah karyawan lain
people-import = Impor dari CSV
people-search = Cari nama, email atau jabatan
people-all = Semua
people-include-inactive = Tampilkan juga yang nonaktif
people-filter = Terapkan
people-reports-of = Bawahan langsung { $name }.
people-show-everyone = Tampilkan semua orang
people-status = Status
people-empty = Tidak ada orang yang cocok. Ubah pencarian, atau tambah karyawan.
people-new-title = Tambah karyawan
people-edit-title = Ubah data
person-no-job-description = Uraian pekerjaan belum diisi. Tanpa uraian ini, evaluasi tidak punya dasar harapan yang jelas.
person-reports-in-list = Bawahannya di daftar karyawan
person-reports = Melapor kepada orang ini ({ $count })
person-actions = Tindakan
person-new-invitation = Buat tautan undangan baru
person-reset-link = Buat tautan atur ulang kata sandi
person-deactivate = Nonaktifkan
person-reactivate = Aktifkan kembali
person-deactivate-hint = Menonaktifkan tidak menghapus riwayat; orang ini hanya tidak dapat masuk lagi.
person-history-link = Riwayat evaluasi
person-notes-link = Catatan pengamatan atasan tentang orang ini
person-history = Riwayat perubahan
person-added = { $name } ditambahkan
notice-person-saved = Perubahan disimpan.
notice-person-deactivated = Orang ini dinonaktifkan dan semua sesinya diakhiri.
notice-person-reactivated = Orang ini aktif kembali.
invitation-link-title = Tautan undangan
invitation-link-lead = Cermin telah mengirim tautan ini ke email { $name } ({ $email }). Dengan tautan ini ia membuat kata sandinya sendiri; tautan berlaku { $days } hari dan hanya sekali pakai. Jika email tidak sampai, Anda dapat meneruskan tautan ini sendiri.
invitation-link-label = Tautan undangan
invitation-link-warning = Siapa pun yang memegang tautan ini dapat masuk sebagai orang tersebut. Kirimkan hanya kepadanya.
invitation-view-person = Lihat data orang ini
password-link-reset-title = Tautan atur ulang kata sandi
password-link-reset-lead = Cermin telah mengirim tautan ke email { $name } ({ $email }) untuk membuat kata sandi baru. Kata sandinya yang sekarang tetap berlaku sampai ia menggantinya. Tautan berlaku { $minutes } menit dan hanya sekali pakai. Jika email tidak sampai, Anda dapat meneruskan tautan ini sendiri.
password-link-reset-label = Tautan atur ulang kata sandi
password-link-gone = Tautan sudah dikirim ke email { $name } ({ $email }). Tautan hanya ditampilkan di sini sesaat setelah dibuat; untuk meneruskannya sendiri, buat tautan baru di halaman orang tersebut (tautan yang dikirim sebelumnya lalu tidak berlaku lagi).

## Impor CSV
import-title = Impor karyawan dari CSV
import-lead = Unggah berkas CSV. Anda akan melihat dulu apa yang akan dibuat, diubah dan ditolak sebelum ada yang disimpan.
import-columns = Kolom: email, name, department, job_title, manager_email, role, language, dan job_description (opsional). Nama kolom dalam bahasa Indonesia juga diterima (nama, departemen, jabatan, email_atasan, peran, bahasa, uraian_pekerjaan).
import-rule-required = Email dan nama wajib diisi. Atasan harus sudah ada di Cermin atau ada di berkas yang sama.
import-rule-values = Peran: employee, manager atau hr (karyawan, atasan, sdm). Bahasa: id atau en. Pemisah koma atau titik koma.
import-rule-repeat = Mengimpor berkas yang sama dua kali tidak mengubah apa pun. Kolom yang tidak ada di berkas tidak mengubah data yang ada; sel kosong pada kolom yang ada mengosongkannya, kecuali job_description, role dan language yang tetap bila kosong.
import-file-label = Berkas CSV
import-paste-summary = Atau tempel isi CSV
import-paste-label = Isi CSV
import-preview-button = Lihat pratinjau
import-preview-title = Pratinjau impor
import-preview-lead = Belum ada yang disimpan. Periksa setiap baris, lalu impor.
import-will-create = Akan dibuat
import-will-change = Akan diubah
import-unchanged = Tidak berubah
import-rejected = Ditolak
import-line = Baris
import-result = Hasil
import-outcome-create = Baru
import-outcome-change = Diubah
import-outcome-unchanged = Tetap
import-outcome-reject = Ditolak
import-field-name = nama
import-field-department = departemen
import-field-job-title = jabatan
import-field-job-description = uraian pekerjaan
import-field-role = peran
import-field-language = bahasa
import-field-manager-email = atasan
import-rejects-skipped = { $count ->
    [one] 1 baris ditolak dan akan dilewati.
   *[other] { $count } baris ditolak dan akan dilewati.
}
import-apply-button = Impor { $count } baris
import-nothing-to-do = Tidak ada yang perlu diimpor: semua baris sudah sama dengan data di Cermin atau ditolak.
import-done-title = Impor selesai
import-created = Dibuat
import-changed = Diubah
import-links-heading = Tautan undangan
import-links-lead = Kirim tautan ini kepada masing-masing orang. Setiap tautan berlaku 14 hari dan hanya sekali pakai.
import-example-label = Contoh berkas CSV
import-error-empty = Berkas kosong. Pilih berkas CSV yang berisi baris judul dan paling sedikit satu orang.
import-error-too-large = Berkas terlalu besar: paling banyak 5 MB per impor. Pecah menjadi beberapa berkas kecil dan impor satu per satu.
import-error-unclosed-quote = Baris { $line }: sebuah nilai diawali tanda kutip (") yang tidak pernah ditutup, sehingga sisa berkas akan terbaca sebagai satu nilai. Tutup tanda kutipnya atau hapus.
import-error-control = Baris { $line } berisi karakter kendali tak terlihat (misalnya karakter null). Hapus lalu coba lagi.
import-error-encoding = Berkas bukan teks UTF-8. Di spreadsheet, simpan sebagai "CSV UTF-8". (Masalah pertama ada di baris { $line }.)
import-error-missing-column = Kolom { $column } tidak ada di baris judul.
import-error-too-many-rows = Berkas terlalu besar: paling banyak 20.000 baris sekali impor.
import-error-unreadable = Baris { $line } tidak dapat dibaca sebagai CSV. Periksa tanda kutip dan pemisahnya.
import-reason-duplicate = Email ini muncul lebih dari sekali di berkas
import-reason-manager-invalid = Email atasan tidak benar
import-reason-manager-self = Seseorang tidak dapat menjadi atasannya sendiri
import-reason-manager-unknown = Atasan tidak ada di Cermin maupun di berkas ini
import-reason-manager-cycle = Susunan atasan di berkas ini membentuk lingkaran
import-reason-inactive = Orang ini nonaktif; aktifkan dulu di halaman karyawan

## Log audit
audit-title = Log audit
audit-lead = Setiap perubahan data tercatat di sini: siapa, apa, dan kapan.
audit-order = Terbaru lebih dulu, 100 entri per halaman.
audit-empty = Tidak ada entri di sini.
audit-newest = Terbaru
audit-newer = Lebih baru
audit-older = Lebih lama
audit-when = Waktu
audit-who = Oleh
audit-action = Tindakan
audit-subject = Objek
audit-details = Rincian

## Home: reviews
home-todo-heading = Daftar tugas Anda
home-task-next = Berikutnya
home-task-self = Isi evaluasi diri Anda
home-task-ack = Baca evaluasi Anda dan konfirmasi sudah dibaca
home-task-manager = Tulis evaluasi dari atasan untuk { $name }
home-my-review = Evaluasi saya: { $cycle }
home-notice-dismiss = Tutup
home-notifications = Pemberitahuan baru
home-notice-self_submitted = { $name } mengirim evaluasi dirinya
home-notice-review_shared = { $name } membagikan evaluasi dari atasan untuk Anda
home-notice-acknowledged = { $name } mengonfirmasi sudah membaca evaluasinya
home-notice-reopened = Evaluasi dibuka kembali untuk Anda oleh { $name }
home-overdue = Terlambat
home-see-review = Lihat evaluasi
home-manager-summary = Evaluasi diri atasan Anda, { $name }

# Email dan kata sandi yang terlupa
nav-mail = Email
sign-in-forgot = Lupa kata sandi?
reset-title = Buat kata sandi baru
reset-lead = Halo { $name }, pilih kata sandi baru. Setelah disimpan, Anda keluar dari semua perangkat lain.
reset-button = Simpan kata sandi baru dan masuk
forgot-title = Lupa kata sandi
forgot-lead = Masukkan alamat email kerja Anda. Kami akan mengirim tautan untuk membuat kata sandi baru.
forgot-button = Kirim tautan
forgot-sent-title = Periksa email Anda
forgot-sent-body = Jika { $email } terdaftar di Cermin, tautan untuk membuat kata sandi baru sudah dikirim ke alamat itu. Tautan berlaku { $minutes } menit dan hanya sekali pakai.
forgot-sent-help = Tidak ada email dalam beberapa menit? Periksa folder spam, atau minta tautan baru kepada SDM.
home-password-reset = Kata sandi baru tersimpan. Anda sudah masuk kembali.
notice-email-changed = Pilihan email tersimpan.
me-email-heading = Email
me-email-legend = Seberapa sering Cermin mengirim email kepada Anda
me-email-hint = Undangan, perubahan jadwal, dan tautan akun selalu dikirim langsung.
me-email-each = Satu email untuk setiap kejadian
me-email-daily = Satu ringkasan setiap hari
home-mail-failed = { $count } email tidak dapat dikirim.
home-mail-failed-link = Lihat alasannya dan kirim ulang

# Menu di kepala halaman: halaman SDM dikelompokkan di bawah satu tombol di
# layar lebar; di ponsel semua tautan ada di balik satu tombol Menu.
nav-hr-group = SDM
nav-menu = Menu

# Data Anda: salinan semua yang disimpan Cermin tentang seseorang yang boleh ia lihat.
own-data-title = Unduh data Anda
own-data-title-of = Unduh data { $name }
own-data-link = Unduh data Anda
own-data-link-hr = Unduh data orang ini (atas permintaannya)
own-data-lead = Salinan semua yang disimpan Cermin tentang Anda yang boleh Anda lihat, untuk disimpan atau dibawa ke tempat lain. Undang-Undang Pelindungan Data Pribadi (UU PDP) memberi Anda hak atasnya.
own-data-lead-hr = Salinan semua yang disimpan Cermin tentang { $name } yang boleh ia lihat sendiri, untuk saat ia memintanya kepada SDM: sama dengan yang ia dapat dari unduhannya sendiri, kecuali jurnal pribadinya, yang hanya miliknya (unduhannya sendiri memuatnya).
own-data-holds-heading = Isi salinan
own-data-holds-profile = Profil: nama, email, peran, departemen, jabatan dan uraian jabatan, atasan, bahasa.
own-data-holds-reviews = Setiap evaluasi: evaluasi diri, evaluasi atasan setelah dibagikan, komentar yang dibagikan, kekuatan dan kelemahan, serta konfirmasi telah dibaca.
own-data-holds-goals = Sasaran, dengan statusnya dan dukungan yang diminta.
own-data-holds-journal = Jurnal, dan catatan yang ditulis sebagai atasan tentang orang lain.
own-data-holds-emails = Email yang dikirim Cermin, beserta isinya selama masih disimpan.
own-data-not-heading = Yang tidak termasuk
own-data-not-private = Komentar pribadi atasan dan catatan mereka tentang Anda: itu untuk atasan dan SDM.
own-data-not-links = Isi email yang memuat tautan masuk atau tautan kata sandi, agar salinan tidak pernah memuat tautan yang masih berlaku.
own-data-not-others = Evaluasi orang lain, termasuk evaluasi atasan yang Anda tulis tentang bawahan Anda.
own-data-format-legend = Format yang mana?
own-data-format-html = Halaman untuk dibaca (.html)
own-data-format-html-hint = Terbuka di peramban web mana pun, dan rapi saat dicetak.
own-data-format-json = Data untuk program (.json)
own-data-format-json-hint = Untuk memindahkan data ke sistem lain.
own-data-format-zip = Keduanya, dalam satu berkas (.zip)
own-data-format-zip-hint = Halaman untuk dibaca dan data untuk program, sekaligus.
own-data-reason = Alasan, dan siapa yang meminta
own-data-reason-hint = Misalnya: “Ayu meminta lewat email pada 30 November”. Log audit menyimpannya.
own-data-audit = Unduhan ini dicatat di log audit.
own-data-error-format = Pilih format
own-data-error-reason = Tuliskan alasan Anda mengunduh data orang ini, dan siapa yang meminta
own-data-file-title = Data { $name } di Cermin
own-data-file-made = Dibuat pada { $date }
own-data-section-profile = Profil
own-data-section-reviews = Evaluasi
own-data-section-goals = Sasaran
own-data-section-journal = Jurnal dan catatan yang ditulis
own-data-section-emails = Email
own-data-who = Ditulis oleh
own-data-strength = Kekuatan
own-data-weakness = Kelemahan
own-data-note-about = catatan tentang { $name }
own-data-no-text = Isi email ini tidak ada dalam salinan.
own-data-section-title = Data Anda
own-data-section-lead = Unduh salinan semua yang disimpan Cermin tentang Anda yang boleh Anda lihat.
erase-link = Hapus data orang ini
erase-title = Hapus data { $name }?
erase-cannot-undo = Ini tidak bisa dibatalkan. Lakukan bila orangnya sudah keluar dan meminta datanya dihapus, atau bila masa simpan data sudah lewat.
erase-removed-heading = Yang dihapus
erase-removed-name = Nama, alamat email, jabatan, dan uraian jabatannya: namanya menjadi “Dihapus / Erased” dengan kode pendek.
erase-removed-texts = Setiap teks dalam evaluasinya: jawabannya, komentar dan jawaban atasan tentang dia, kekuatan dan kelemahan, sasaran, konfirmasinya.
erase-removed-journal = Jurnalnya, dan setiap catatan atasan tentang dia.
erase-removed-email = Isi dan alamat setiap email yang dikirim kepadanya; email yang masih menunggu tidak dikirim.
erase-kept-heading = Yang disimpan
erase-kept-ratings = Departemennya, posisinya dalam garis pelaporan, serta langkah, tanggal, dan nilai evaluasinya, agar angka siklus yang lalu tetap benar.
erase-kept-others = Yang ia tulis di evaluasi orang lain sebagai atasan: itu bagian dari catatan orang-orang tersebut.
erase-kept-audit = Log audit, yang mencatat bahwa data dihapus, oleh siapa, dan mengapa.
erase-copy-first = Bila ia meminta salinan, unduh dulu:
erase-reason = Alasan, dan siapa yang meminta
erase-reason-hint = Misalnya: “Keluar Maret 2026; meminta lewat email agar datanya dihapus”. Log audit menyimpannya.
erase-button = Hapus data { $name }
erase-error-active = Orang ini masih aktif. Nonaktifkan dulu.
erase-error-reason = Tuliskan alasan Anda menghapus data orang ini
notice-person-erased = Data orang ini sudah dihapus.
home-notice-rating_adjusted = { $name } menyesuaikan nilai akhir dalam kalibrasi
home-notice-calibration_locked = { $name } mengunci kalibrasi: evaluasi Anda sudah dibagikan ke karyawan
field-label-calibration-setting = Pengaturan kalibrasi
# Stands for the person reviewed where a question names them ({name}) and no one person is meant: a column of a list or a download.
the-person-reviewed = karyawan

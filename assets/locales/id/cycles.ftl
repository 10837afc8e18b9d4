# Siklus evaluasi (SDM). Istilah mengikuti GLOSSARY.md.

## Daftar
cycles-title = Siklus evaluasi
cycles-lead = Dalam siklus evaluasi, setiap peserta mengisi evaluasi diri, menerima evaluasi dari atasan, lalu mengonfirmasi sudah membacanya, masing-masing dengan batas waktunya.
cycles-new-button = Siklus evaluasi baru
cycles-col-name = Nama
cycles-col-status = Status
cycles-col-dates = Tanggal
cycles-col-progress = Kemajuan
cycles-dates-range = { $from } sampai { $to }
cycles-progress = { $done } dari { $total } sudah dibaca
cycles-participants-count = { $count } peserta
cycles-empty-title = Belum ada siklus evaluasi
cycles-empty-body = Untuk memulai:
cycles-empty-step-1 = Pilih “Siklus evaluasi baru” dan beri nama, misalnya “Evaluasi tahunan 2026”.
cycles-empty-step-2 = Pilih templat formulir, tanggal setiap tahap, dan siapa yang ikut.
cycles-empty-step-3 = Periksa drafnya, lalu luncurkan. Sebelum diluncurkan, hanya SDM yang dapat melihatnya.

## Status dan tahap
cycles-status-draft = Draf
cycles-status-scheduled = Terjadwal
cycles-status-open = Berjalan
cycles-status-closed = Ditutup
cycles-state-self_assessment = Evaluasi diri
cycles-state-manager_review = Evaluasi dari atasan
cycles-state-shared = Dibagikan, belum dibaca
cycles-state-acknowledged = Sudah dibaca
cycles-state-unfinished = Tidak selesai
cycles-state-removed = Dikeluarkan dari siklus
cycles-overdue = Terlambat

## Formulir
cycles-new-title = Siklus evaluasi baru
cycles-edit-title = Ubah draf
cycles-form-lead = Yang disimpan adalah draf. Hanya SDM yang dapat melihatnya sampai Anda meluncurkannya.
cycles-field-name = Nama
cycles-field-name-hint = Misalnya “Evaluasi tahunan 2026”.
cycles-field-template = Templat formulir
cycles-field-template-hint = Pertanyaan untuk evaluasi diri dan evaluasi dari atasan. Templat bawaan sudah dipilih.
cycles-template-default = (bawaan)
cycles-dates-legend = Tanggal
cycles-dates-hint = Setiap tanggal harus sama dengan atau sesudah tanggal sebelumnya.
cycles-field-opens_on = Tanggal dibuka
cycles-field-opens_on-hint = Mulai tanggal ini peserta dapat mengisi evaluasi diri.
cycles-field-self_due_on = Batas waktu evaluasi diri
cycles-field-self_due_on-hint = Karyawan mengirim evaluasi dirinya paling lambat tanggal ini.
cycles-field-manager_due_on = Batas waktu evaluasi dari atasan
cycles-field-manager_due_on-hint = Atasan membagikan evaluasi yang ditulisnya paling lambat tanggal ini.
cycles-field-ack_due_on = Batas waktu konfirmasi sudah dibaca
cycles-field-ack_due_on-hint = Karyawan mengonfirmasi bahwa ia telah membaca evaluasinya paling lambat tanggal ini.
cycles-field-closes_on = Tanggal ditutup
cycles-field-closes_on-hint = Rencana akhir siklus. SDM menutupnya di halaman siklus; setelah itu semuanya hanya dapat dibaca.
cycles-field-reminders = Jadwal pengingat
cycles-field-reminders-hint = Berapa hari sebelum setiap batas waktu Cermin mengirim email pengingat, dipisahkan koma: “7,2,0” berarti seminggu sebelumnya, dua hari sebelumnya, dan pada hari itu. Pengingat hanya dikirim kepada yang masih punya tugas.
cycles-participants-legend = Siapa yang ikut
cycles-participants-hint = Hanya karyawan aktif yang dapat ikut. Daftar ini masih dapat diubah sampai siklus diluncurkan.
cycles-rule-all = Semua karyawan aktif yang punya atasan ({ $count } orang)
cycles-rule-all-left-out = Tidak ikut: { $names }. Mereka belum punya atasan di Cermin, sehingga tidak ada yang dapat menulis evaluasi dari atasan untuknya. Untuk mengikutsertakan, tetapkan atasannya di halaman Karyawan.
cycles-rule-department = Semua karyawan di satu departemen
cycles-rule-manager = Bawahan langsung seorang atasan
cycles-rule-manual = Orang yang saya pilih sendiri
cycles-field-department = Departemen (jika Anda memilih satu departemen)
cycles-field-manager = Atasan (jika Anda memilih bawahan langsung seorang atasan)
cycles-people-summary = Pilih orang satu per satu
cycles-field-people = Karyawan (jika Anda memilih sendiri)
cycles-choose = Pilih…
cycles-save-draft = Simpan draf

## Pesan kesalahan
cycles-error-name-missing = Masukkan nama siklus evaluasi
cycles-error-name-too-long = Nama paling banyak 120 karakter
cycles-error-template-missing = Pilih templat formulir
cycles-error-opens_on-invalid = Masukkan tanggal dibuka yang benar
cycles-error-self_due_on-invalid = Masukkan batas waktu evaluasi diri yang benar
cycles-error-manager_due_on-invalid = Masukkan batas waktu evaluasi dari atasan yang benar
cycles-error-ack_due_on-invalid = Masukkan batas waktu konfirmasi sudah dibaca yang benar
cycles-error-closes_on-invalid = Masukkan tanggal ditutup yang benar
cycles-error-self_due_on-order = Batas waktu evaluasi diri harus sama dengan atau sesudah tanggal dibuka
cycles-error-manager_due_on-order = Batas waktu evaluasi dari atasan harus sama dengan atau sesudah batas waktu evaluasi diri
cycles-error-ack_due_on-order = Batas waktu konfirmasi sudah dibaca harus sama dengan atau sesudah batas waktu evaluasi dari atasan
cycles-error-closes_on-order = Tanggal ditutup harus sama dengan atau sesudah batas waktu konfirmasi sudah dibaca
cycles-error-reminders-invalid = Masukkan hari pengingat berupa bilangan bulat 0 sampai 60, dipisahkan koma, misalnya 7,2,0
cycles-error-rule-missing = Pilih siapa yang ikut
cycles-error-department-missing = Pilih departemen
cycles-error-manager-missing = Pilih atasan
cycles-error-no-participants = Tidak ada karyawan aktif yang cocok dengan pilihan ini. Pilih paling sedikit satu karyawan aktif.
cycles-error-no-manager = Peserta berikut belum punya atasan, sehingga tidak ada yang dapat mengisi evaluasi dari atasan untuknya: { $names }. Tetapkan atasannya di halaman Karyawan, atau keluarkan dari siklus, lalu luncurkan lagi.
cycles-error-no-manager-add = { $names } belum punya atasan, sehingga tidak ada yang dapat mengisi evaluasi dari atasan untuknya. Tetapkan dulu atasannya di halaman Karyawan.
cycles-error-no-participants-launch = Belum ada peserta dalam siklus ini. Ubah drafnya dan pilih siapa yang ikut.
cycles-error-person-missing = Pilih karyawan aktif yang akan ditambahkan
cycles-error-reopen-to-missing = Pilih kepada siapa evaluasi ini dikembalikan
cycles-error-reason-missing = Masukkan alasan membuka kembali
cycles-error-reason-too-long = Alasan paling banyak 2.000 karakter

## Penolakan dalam alur siklus evaluasi
error-review-not-now = Evaluasi ini tidak dapat melakukan langkah itu sekarang: tahapnya sudah berubah. Muat ulang halaman untuk melihat posisinya.
error-cycle-already-launched = Siklus evaluasi ini sudah diluncurkan, sehingga drafnya tidak dapat diubah lagi.
error-cycle-closed = Siklus evaluasi ini sudah ditutup; semua isinya hanya dapat dibaca.
error-cycle-not-open = Hanya siklus evaluasi yang sudah diluncurkan dan belum ditutup yang dapat ditutup.
error-already-participant = Orang ini sudah menjadi peserta siklus evaluasi ini.

## Halaman siklus
cycles-back-to-list = Semua siklus evaluasi
cycles-draft-lead = Ini masih draf: hanya SDM yang dapat melihatnya. Periksa rincian dan pesertanya, lalu luncurkan.
cycles-details = Rincian
cycles-change = Ubah
cycles-reminders-value = { $days } hari sebelum setiap batas waktu
cycles-reminders-none = Tanpa pengingat
cycles-participants-title = Peserta
cycles-participants-preview = Saat diluncurkan, { $count } evaluasi akan dibuat, satu untuk setiap peserta.
cycles-participants-none = Belum ada peserta. Ubah drafnya untuk memilih siapa yang ikut.
cycles-no-manager-warning = Peserta berikut belum punya atasan dan menghalangi peluncuran. Tetapkan atasannya di halaman Karyawan, atau keluarkan dari siklus dengan mengubah peserta:
cycles-col-person = Karyawan
cycles-launch-title = Luncurkan
cycles-launch-hint-now = Saat diluncurkan, evaluasi dibuat untuk setiap peserta, dengan atasan dan uraian pekerjaan saat ini tersimpan di dalamnya. Tanggal dibuka sudah tiba, jadi siklus langsung berjalan dan peserta dapat mulai.
cycles-launch-hint-future = Saat diluncurkan, evaluasi dibuat untuk setiap peserta, dengan atasan dan uraian pekerjaan saat ini tersimpan di dalamnya. Siklus dibuka pada { $date }; sebelum itu peserta belum melihatnya.
cycles-launch-button = Luncurkan siklus evaluasi
cycles-delete-button = Hapus draf
cycles-delete-hint = Draf dan daftar pesertanya akan dihapus. Tidak ada hal lain yang berubah.
cycles-closed-readonly = Siklus evaluasi ini sudah ditutup. Semua isinya tetap tersimpan dan dapat dibaca, tetapi tidak dapat diubah.
cycles-progress-title = Kemajuan
cycles-counts-caption = Evaluasi menurut tahap
cycles-col-state = Tahap
cycles-col-count = Jumlah
cycles-reviews-title = Evaluasi
cycles-col-due = Batas waktu
cycles-col-actions = Tindakan
cycles-reopen = Buka kembali
cycles-remove = Keluarkan dari siklus
cycles-no-reviews = Siklus evaluasi ini tidak memiliki evaluasi.
cycles-add-title = Tambah peserta
cycles-add-hint = Untuk karyawan yang bergabung belakangan. Evaluasinya mulai dari evaluasi diri, dengan tanggal siklus saat ini.
cycles-add-button = Tambahkan ke siklus evaluasi
cycles-participants-shown = { $shown } orang pertama dari { $count }, urut nama.
cycles-overdue-all = Lihat semua { $count } evaluasi yang terlambat
cycles-filter-name = Nama
cycles-filter-overdue = Hanya yang terlambat
cycles-filter-clear = Tampilkan semua evaluasi
cycles-no-reviews-match = Tidak ada evaluasi yang cocok. Ubah filter, atau tampilkan semua evaluasi.
cycles-add-search = Cari orang berdasarkan nama
cycles-add-find = Cari
cycles-add-none-match = Tidak ada orang dengan nama itu yang bisa ditambahkan: sudah ikut siklus evaluasi ini, nonaktif, atau belum ada di Cermin.
cycles-manage-title = Ubah siklus evaluasi
cycles-move-dates = Geser tanggal
cycles-close = Tutup siklus evaluasi

## Pemberitahuan
cycles-notice-created = Draf tersimpan. Periksa pesertanya, lalu luncurkan jika sudah siap.
cycles-notice-saved = Perubahan tersimpan.
cycles-notice-deleted = Draf sudah dihapus.
cycles-notice-launched-open = Siklus evaluasi sudah diluncurkan dan sekarang berjalan: peserta dapat mulai mengisi evaluasi diri.
cycles-notice-launched-scheduled = Siklus evaluasi sudah diluncurkan dan terjadwal: siklus dibuka pada { $date }. Peserta melihatnya mulai hari itu.
cycles-notice-added = Peserta ditambahkan. Evaluasinya mulai dari evaluasi diri.
cycles-notice-removed = Peserta dikeluarkan. Evaluasinya tetap tersimpan dengan tanda dikeluarkan; Anda dapat menambahkannya lagi.
cycles-notice-reopened = Evaluasi dibuka kembali. Orang yang menerimanya kembali sudah diberi tahu, beserta alasan Anda.
cycles-notice-dates-moved = Tanggal sudah digeser.
cycles-notice-closed = { $count ->
    [0] Siklus evaluasi ditutup. Semua evaluasi sudah selesai.
   *[other] Siklus evaluasi ditutup. { $count } evaluasi belum selesai dan ditandai tidak selesai.
}

## Geser tanggal
cycles-dates-title = Geser tanggal
cycles-dates-lead = Peserta dan atasan langsung melihat batas waktu yang baru di halaman mereka.
cycles-dates-button = Simpan tanggal

## Tutup
cycles-close-title = Tutup “{ $name }”?
cycles-close-unfinished = { $count } dari { $total } evaluasi belum selesai. Evaluasi itu akan ditandai tidak selesai: isinya tidak hilang dan tetap dapat dibaca.
cycles-close-all-done = Semua { $total } evaluasi sudah selesai.
cycles-close-readonly = Setelah ditutup, siklus evaluasi hanya dapat dibaca: tidak ada yang dapat mengubah isinya lagi.
cycles-close-button = Ya, tutup siklus evaluasi

## Buka kembali
cycles-reopen-title = Buka kembali evaluasi { $name }
cycles-reopen-now = Posisinya sekarang:
cycles-reopen-to-legend = Kembalikan kepada
cycles-reopen-to-employee = Karyawan: evaluasi dirinya dibuka kembali
cycles-reopen-to-manager = Atasan: evaluasi dari atasan dibuka kembali
cycles-reopen-reason = Alasan
cycles-reopen-reason-hint = Orang yang menerima evaluasi ini kembali akan melihat alasan ini. Alasan juga dicatat di log audit.
cycles-reopen-button = Buka kembali evaluasi

# Email per siklus
cycles-notice-reminders = Jadwal pengingat tersimpan.
cycles-mail-title = Email
cycles-reminders-live-hint = Berapa hari sebelum setiap batas waktu pengingat dikirim, dipisahkan koma (misalnya 7,2,0). Perubahan berlaku mulai pengingat berikutnya; pengingat yang sudah terkirim tidak dikirim ulang.
cycles-reminders-save = Simpan jadwal pengingat
cycles-mail-log-title = Email yang terkirim untuk siklus ini
cycles-mail-log-empty = Belum ada email untuk siklus ini.
cycles-mail-log-hint = { $count } email terbaru.
cycles-mail-log-all = Lihat semua di kotak keluar

## Luncurkan, hapus dan keluarkan: halaman konfirmasi
cycles-launch-confirm-title = Luncurkan “{ $name }”?
cycles-launch-confirm-reviews = { $count } evaluasi akan dibuat, masing-masing dengan atasan dan uraian pekerjaan peserta saat ini tersimpan di dalamnya.
cycles-launch-confirm-mail-now = { $count } orang (peserta dan atasannya) akan langsung menerima undangan lewat email, dengan batas waktu untuk kalender mereka.
cycles-launch-confirm-mail-later = { $count } orang (peserta dan atasannya) akan menerima undangan lewat email pada { $date }, saat siklus evaluasi dibuka.
cycles-launch-confirm-undo = Siklus evaluasi yang sudah diluncurkan tidak dapat dihapus atau diluncurkan ulang. Tanggalnya masih dapat digeser, dan siklus dapat ditutup.
cycles-launch-confirm-no-manager = { $count } peserta belum punya atasan: peluncuran akan ditolak sampai mereka punya atasan.
cycles-launch-confirm-button = Ya, luncurkan siklus evaluasi
cycles-delete-title = Hapus draf “{ $name }”?
cycles-delete-confirm-lead = Draf ini dan daftar { $count } pesertanya akan dihapus.
cycles-delete-confirm-nobody = Tidak ada yang menerima email: draf ini belum pernah diluncurkan. Penghapusan tidak dapat dibatalkan.
cycles-delete-confirm-button = Ya, hapus draf
cycles-remove-title = Keluarkan { $person } dari “{ $name }”?
cycles-remove-mail = { $person } akan menerima email bahwa ia tidak lagi mengikuti siklus ini, dengan berkas kalender yang menghapus batas waktu siklus evaluasi dari kalendernya.
cycles-remove-no-mail = { $person } tidak menerima email: siklus evaluasi belum dibuka, jadi ia belum pernah diundang.
cycles-remove-kept = Evaluasinya tetap tersimpan, ditandai dikeluarkan, beserta semua isinya. Anda dapat menambahkannya kembali nanti.
cycles-remove-button = Ya, keluarkan { $person }
cycles-close-mail = Semua yang ikut serta menerima email bahwa siklus ditutup. Yang belum selesai juga menerima berkas kalender yang menghapus batas waktu yang tersisa dari kalendernya.
cycles-close-mail-scheduled = Semua peserta menerima email bahwa siklus ditutup.

# Halaman siklus: pekerjaan lebih dulu (kemajuan, siapa yang terlambat,
# daftar evaluasi), rincian sesudahnya; tautan ke tiap bagian di atas.
cycles-on-this-page = Di halaman ini
cycles-overdue-title = Terlambat
cycles-overdue-lead = { $count ->
   *[other] { $count } evaluasi sudah melewati batas waktu langkahnya:
}
cycles-overdue-item = { $step }, batas waktu { $date }
cycles-overdue-manager = atasan: { $name }
cycles-overdue-none = Tidak ada evaluasi yang terlambat.

# Mengunduh hasil siklus (SDM: semua evaluasi; atasan: evaluasi yang ia
# tulis di siklus itu).
export-title = Unduh hasil
export-link = Unduh hasil
export-link-team = Unduh hasil “{ $name }”
export-scope-everyone = { $count ->
    [one] Berkas ini memuat 1 evaluasi dari siklus evaluasi ini.
   *[other] Berkas ini memuat semua { $count } evaluasi dari siklus evaluasi ini.
}
export-scope-own = { $count ->
    [one] Berkas ini memuat 1 evaluasi yang Anda tulis di siklus evaluasi ini.
   *[other] Berkas ini memuat { $count } evaluasi yang Anda tulis di siklus evaluasi ini.
}
export-kind-legend = Berkas yang mana?
export-kind-hint = Setiap berkas bisa dibuka dengan program lembar kerja (Excel, LibreOffice, Google Sheets).
export-kind-workbook = Buku kerja (.xlsx): hasil dan sasaran
export-kind-workbook-hint = Dua lembar: satu baris per evaluasi, dan satu baris per sasaran.
export-kind-results_csv = Hasil (.csv)
export-kind-results_csv-hint = Satu baris per evaluasi: orangnya, atasannya, langkahnya, tanggal-tanggalnya, setiap nilai dari kedua pihak, dan jumlah kekuatan, kelemahan, dan sasaran yang ditulis.
export-kind-goals_csv = Sasaran (.csv)
export-kind-goals_csv-hint = Satu baris per sasaran: orangnya, judul dan rinciannya, dukungan yang dibutuhkan, status, dan batas waktunya.
export-private-label = Sertakan komentar pribadi para atasan
export-private-hint = Komentar pribadi hanya untuk atasan dan SDM. Nama Anda dan waktunya dicatat di log audit bila Anda menyertakannya.
export-what-heading = Isi berkas
export-note-visible = Setiap baris hanya memuat apa yang boleh Anda baca dari evaluasi itu: evaluasi diri setelah dikirim, evaluasi dari atasan sebagaimana dilihat atasannya dan SDM.
export-note-private-hr = Komentar pribadi tidak disertakan kecuali Anda memilihnya di atas.
export-note-private-manager = Komentar pribadi tidak pernah ada dalam unduhan atasan.
export-note-formulas = Sel yang bisa memulai rumus lembar kerja (=, +, -, @) diawali tanda petik, sehingga tidak ada program yang menjalankannya.
export-note-audit = Unduhan ini dicatat di log audit.
export-button = Unduh
export-error-kind = Pilih berkas yang akan diunduh
export-error-draft = Siklus evaluasi ini belum diluncurkan, jadi belum ada hasil untuk diunduh.
export-sheet-results = Hasil
export-sheet-goals = Sasaran
export-side-self = diri
export-side-manager = atasan
export-col-person = Nama
export-col-email = Email
export-col-department = Departemen
export-col-job-title = Jabatan
export-col-manager = Atasan
export-col-state = Langkah
export-col-self-submitted = Evaluasi diri dikirim
export-col-shared = Evaluasi atasan dibagikan
export-col-acknowledged = Konfirmasi telah dibaca
export-col-strengths-self = Kekuatan (diri)
export-col-strengths-manager = Kekuatan (atasan)
export-col-weaknesses-self = Kelemahan (diri)
export-col-weaknesses-manager = Kelemahan (atasan)
export-col-goals = Sasaran
export-col-private = Komentar pribadi
export-col-goal-kind = Jenis sasaran
export-col-goal-title = Sasaran
export-col-goal-description = Rincian
export-col-goal-support = Dukungan yang dibutuhkan
export-col-goal-status = Status sasaran
export-col-goal-due = Batas waktu
export-col-goal-author = Ditulis oleh

# Kemajuan siklus (SDM: seluruh siklus; atasan: organisasinya).
progress-title = Kemajuan
progress-link = Kemajuan per departemen dan atasan
progress-link-team = Kemajuan organisasi Anda di “{ $name }”
progress-lead-everyone = { $count ->
    [one] 1 evaluasi ikut dalam siklus evaluasi ini.
   *[other] { $count } evaluasi ikut dalam siklus evaluasi ini.
}
progress-lead-org = { $count ->
    [one] 1 evaluasi dari orang-orang di organisasi Anda (semua yang melapor kepada Anda, di setiap tingkat) ikut dalam siklus evaluasi ini. Anda hanya melihat jumlahnya, bukan evaluasi siapa pun.
   *[other] { $count } evaluasi dari orang-orang di organisasi Anda (semua yang melapor kepada Anda, di setiap tingkat) ikut dalam siklus evaluasi ini. Anda hanya melihat jumlahnya, bukan evaluasi siapa pun.
}
progress-steps-heading = Setiap langkah
progress-col-step = Langkah
progress-col-done = Selesai
progress-col-late = Terlambat
progress-col-people = Evaluasi
progress-col-bar = Batang kemajuan
progress-col-self = Evaluasi diri dikirim
progress-col-shared = Evaluasi atasan dibagikan
progress-col-ack = Konfirmasi telah dibaca
progress-step-self = Evaluasi diri
progress-step-manager = Evaluasi atasan
progress-step-ack = Konfirmasi telah dibaca
progress-done-of = { $done } dari { $total } ({ $percent }%)
progress-remind-self = Ingatkan { $count } orang yang terlambat mengisi evaluasi diri
progress-remind-manager = Ingatkan atasan dari { $count } evaluasi dari atasan yang terlambat
progress-remind-ack = Ingatkan { $count } orang yang belum mengonfirmasi telah membaca
progress-remind-hint = “Ingatkan” mengirim email pemberitahuan terlambat kepada setiap orang yang harus bertindak sekarang, paling banyak sekali sehari per orang, tombol mana pun yang ditekan.
progress-notice-reminded = { $count ->
    [0] Tidak ada email yang dikirim: semua yang terlambat di langkah itu sudah diingatkan hari ini.
    [one] 1 pengingat masuk antrean.
   *[other] { $count } pengingat masuk antrean.
}
progress-burn-heading = Sisa pekerjaan, hari demi hari
progress-burn-desc = Dari { $first } sampai { $last }: berapa evaluasi diri, evaluasi dari atasan, dan konfirmasi yang masih harus diselesaikan pada akhir setiap hari. Angka yang sama ada di tabel di bawah grafik.
progress-burn-self = Sisa evaluasi diri
progress-burn-manager = Sisa evaluasi dari atasan
progress-burn-ack = Sisa konfirmasi
progress-burn-table = Angkanya, hari demi hari
progress-departments-heading = Per departemen
progress-managers-heading = Per atasan
progress-managers-search = Nama atasan
progress-managers-page = Halaman { $page } · { $count } atasan
progress-managers-none = Tidak ada atasan yang cocok.
progress-none = (tidak ada)
progress-bar-legend = Setiap batang, dari kiri: sudah dikonfirmasi (paling gelap), sudah dibagikan, lalu evaluasi diri yang sudah dikirim (paling terang); sisanya belum dikirim. Yang paling banyak terlambat ada di atas.
progress-method = Departemen adalah departemen orangnya saat ini; atasan adalah atasan yang tercatat saat siklus diluncurkan. Evaluasi yang dikeluarkan tidak dihitung. Evaluasi terlambat bila masih berada di langkah yang batas waktunya sudah lewat.
progress-error-draft = Siklus evaluasi ini belum diluncurkan, jadi belum ada kemajuan untuk ditampilkan.
progress-error-not-open = Pengingat hanya bisa dikirim selama siklus evaluasi terbuka.
progress-error-not-late = Tidak ada yang terlambat di langkah itu: batas waktunya belum lewat.

# Penilaian yang adil dalam siklus (SDM).
ratings-title = Penilaian yang adil
ratings-link = Penilaian yang adil: sebaran dan selisih
ratings-lead = { $count ->
    [one] Sejauh ini ada 1 nilai dari atasan dalam siklus evaluasi ini, termasuk draf.
   *[other] Sejauh ini ada { $count } nilai dari atasan dalam siklus evaluasi ini, termasuk draf.
}
ratings-gap-heading = Cara orang menilai dirinya, dan cara atasannya menilai mereka
ratings-gap-lead = Untuk setiap kompetensi, rata-rata nilai diri dan rata-rata nilai atasan dari evaluasi yang dinilai oleh kedua pihak (hanya evaluasi diri yang sudah dikirim). Selisih adalah bahan percakapan, bukan vonis atas siapa pun.
ratings-gap-none = Belum ada kompetensi yang dinilai oleh kedua pihak.
ratings-gap-self_higher = orang menilai dirinya lebih tinggi daripada atasannya
ratings-gap-manager_higher = atasan menilai orangnya lebih tinggi daripada orang itu menilai dirinya
ratings-gap-same = rata-ratanya sama
ratings-col-competency = Kompetensi
ratings-col-self = Diri (rata-rata)
ratings-col-manager = Atasan (rata-rata)
ratings-col-gap = Selisih
ratings-col-pairs = Evaluasi
ratings-col-group = Kelompok
ratings-col-bar = Sebaran nilai
ratings-col-mean = Rata-rata
ratings-col-reviews = Evaluasi dinilai
ratings-col-flag = Menonjol
ratings-org-heading = Seluruh organisasi
ratings-bar-legend = Kolom 1 sampai 5 menghitung nilai dari atasan untuk setiap angka; setiap batang menunjukkan bagian yang sama, dari 1 (paling terang) sampai 5 (paling gelap).
ratings-flagged = { $count ->
    [0] Tidak ada atasan yang penilaiannya menonjol dibanding organisasi.
    [one] Penilaian 1 atasan menonjol dibanding organisasi; ia ditampilkan paling atas.
   *[other] Penilaian { $count } atasan menonjol dibanding organisasi; mereka ditampilkan paling atas.
}
ratings-flag-lenient = Lebih murah hati
ratings-flag-severe = Lebih ketat
ratings-flag-flat = Datar
ratings-method-heading = Cara menentukan “menonjol”
ratings-method-what = Setiap nilai dari atasan dalam siklus ini dihitung, menurut atasan yang tercatat saat siklus diluncurkan; evaluasi yang dikeluarkan tidak dihitung.
ratings-method-min = Atasan dengan kurang dari { $count } evaluasi yang dinilai tidak pernah ditandai: rata-rata tim kecil tidak banyak berarti.
ratings-method-lenient = Lebih murah hati atau lebih ketat: rata-ratanya paling sedikit { $points } poin di atas atau di bawah rata-rata organisasi, dan paling sedikit { $z } galat baku darinya, sehingga kebetulan saja jarang membuat seseorang ditandai.
ratings-method-flat = Datar: { $percent }% atau lebih nilainya sama, sementara nilai organisasi lebih beragam.
ratings-method-talk = Tanda adalah alasan untuk melihat dan berbicara, misalnya saat kalibrasi, bukan bukti bahwa seseorang menilai tidak adil.

# Kekuatan dan kelemahan dari waktu ke waktu (SDM).
insights-title = Kekuatan dan kelemahan dari waktu ke waktu
insights-link = Kekuatan dan kelemahan dari waktu ke waktu
insights-lead = Kompetensi yang disebut orang dan atasannya sebagai kekuatan dan sebagai kelemahan, dalam siklus evaluasi terakhir: titik awal untuk rencana pelatihan.
insights-all-departments = Semua departemen
insights-none = Belum ada siklus evaluasi yang diluncurkan.
insights-none-named = Belum ada kekuatan atau kelemahan yang dikaitkan dengan kompetensi dalam siklus ini.
insights-how = Setiap sel menghitung kekuatan (atau kelemahan) yang dikaitkan dengan kompetensi itu dalam satu siklus, oleh karyawan atau atasannya, dan menunjukkannya sebagai bagian dari evaluasi siklus itu. Evaluasi diri yang masih draf tidak dihitung.
insights-strengths = Disebut sebagai kekuatan
insights-weaknesses = Disebut sebagai kelemahan
insights-reviews = { $count ->
    [one] 1 evaluasi
   *[other] { $count } evaluasi
}
insights-support = Dukungan dan pelatihan yang diminta
insights-support-lead = Sasaran terbaru yang meminta dukungan atau pelatihan, dalam siklus-siklus ini.
insights-support-none = Belum ada sasaran dalam siklus ini yang meminta dukungan.
insights-link-team = Kekuatan dan kelemahan di tim Anda dari waktu ke waktu
insights-team = Tim
insights-team-hint = Semua orang di bawah seorang atasan menurut garis pelaporan hari ini, di semua tingkat.
insights-all-teams = Semua tim
insights-team-lead = Tim { $name }: semua orang di bawahnya menurut garis pelaporan hari ini, di semua tingkat, dihitung di setiap siklus.
insights-own-lead = Tim Anda: evaluasi yang Anda tulis, di setiap siklus. Orang-orang yang lebih jauh di bawah Anda ada di halaman atasan mereka sendiri, dan di halaman HR.
insights-empty-group = Tidak ada orang dalam kelompok ini yang ikut dalam siklus-siklus ini. Pilih departemen atau tim lain, atau semuanya.
insights-support-lead-own = Sasaran terbaru yang meminta dukungan atau pelatihan, dalam evaluasi yang Anda tulis di siklus-siklus ini.
progress-other = Kelompok kecil (masing-masing di bawah { $size } evaluasi), digabung
cycles-notice-calibration-saved = Pengaturan kalibrasi tersimpan.
cycles-error-calibration-order = Tanggal kalibrasi harus tetap di antara batas waktu evaluasi dari atasan dan batas waktu konfirmasi sudah dibaca. Pindahkan dulu di halaman pengaturan kalibrasi.
export-col-final = nilai akhir, setelah kalibrasi
cycles-error-calibration-open = Ada evaluasi yang menunggu kalibrasi. Kunci kalibrasi dulu (evaluasi itu dibagikan ke karyawannya), lalu tutup siklus evaluasi.
cycles-close-in-calibration = { $count ->
   *[other] { $count } evaluasi menunggu kalibrasi: kunci kalibrasi dulu (evaluasi itu dibagikan), karena siklus evaluasi tidak dapat ditutup sebelumnya.
}

# journal: catatan pribadi, catatan atasan tentang bawahan, halaman tim dan
# riwayat (kunci berawalan journal-, team-, history-).

## Catatan pribadi
journal-title = Catatan kerja saya
journal-lead = Tulis apa yang terjadi di tempat kerja selagi masih segar: masalah yang Anda tangani, hal yang berjalan baik, apa kata pelanggan. Saat evaluasi tiba, Anda punya contoh nyata, tidak perlu mengandalkan ingatan.
journal-private = Hanya Anda yang dapat melihat catatan kerja Anda. Anda dapat memakainya sebagai bukti dalam evaluasi diri.
journal-add-heading = Tambah catatan kerja
journal-add-button = Tambah catatan kerja
journal-entries-heading = Catatan kerja, terbaru di atas
journal-change = Ubah
journal-delete = Hapus
journal-entry-of = catatan tanggal { $date }
journal-written-by = ditulis oleh { $name }
journal-empty = Belum ada catatan kerja. Tambahkan catatan kerja pertama Anda di atas: pilih tanggal, jenis catatan, lalu tulis apa yang terjadi. Beberapa baris setiap minggu sudah cukup.

## Formulir catatan
journal-field-date = Tanggal
journal-field-date-hint = Hari kejadiannya. Hari ini atau sebelumnya.
journal-field-kind = Jenis catatan apa ini?
journal-kind-note = Catatan umum
journal-kind-note-hint = Apa saja tentang pekerjaan Anda yang perlu diingat.
journal-kind-incident = Insiden
journal-kind-incident-hint = Sesuatu yang salah atau situasi yang sulit. Tulis selengkapnya selagi masih segar: kapan terjadi, apa yang terjadi, siapa yang ada di sana, dan apa yang dikatakan.
journal-kind-win = Keberhasilan
journal-kind-win-hint = Sesuatu yang berjalan baik: masalah yang terpecahkan, pujian yang diterima, target yang tercapai.
journal-kind-customer_feedback = Umpan balik pelanggan
journal-kind-customer_feedback-hint = Apa kata pelanggan tentang Anda atau layanan, sebisa mungkin dengan kata-kata mereka sendiri.
journal-field-body = Apa yang terjadi
journal-field-body-hint = Ceritakan dengan kata-kata Anda sendiri. Fakta, waktu, dan apa yang dikatakan lebih berguna nanti daripada pendapat.
journal-body-limit = Anda dapat menulis paling banyak { $max } karakter.
journal-error-date-missing = Masukkan tanggal
journal-error-date-invalid = Masukkan tanggal yang benar, misalnya 2026-11-22
journal-error-date-future = Tanggal harus hari ini atau sebelumnya
journal-error-kind-missing = Pilih jenis catatan
journal-error-body-missing = Tulis apa yang terjadi
journal-error-body-too-long = Teks paling banyak { $max } karakter

## Pemberitahuan
journal-notice-added = Catatan kerja ditambahkan.
journal-notice-saved = Catatan kerja tersimpan.
journal-notice-deleted = Catatan kerja dihapus.
notes-notice-added = Catatan pengamatan ditambahkan.
notes-notice-saved = Catatan pengamatan tersimpan.
notes-notice-deleted = Catatan pengamatan dihapus.

## Ubah dan hapus
journal-edit-title = Ubah catatan
journal-edit-note-title = Ubah catatan pengamatan tentang { $name }
journal-delete-title = Hapus catatan ini?
journal-delete-note-lead = Ini catatan pengamatan tentang { $name }.
journal-delete-warning = Catatan yang dihapus tidak dapat dikembalikan.
journal-delete-button = Ya, hapus

## Catatan atasan tentang bawahan
journal-notes-title = Catatan pengamatan tentang { $name }
journal-notes-private = Catatan pengamatan ini hanya untuk Anda dan SDM. { $name } tidak dapat melihatnya.
journal-notes-hr-reading = Catatan pengamatan yang ditulis oleh atasan { $name }. Hanya atasan yang menulisnya dan SDM yang dapat membacanya; { $name } tidak dapat. Sebagai SDM, Anda dapat membaca catatan pengamatan ini tetapi tidak dapat mengubahnya.
journal-notes-add-heading = Tambah catatan pengamatan
journal-notes-add-lead = Catat apa yang Anda lihat atau dengar, lengkap dengan tanggalnya, agar evaluasi yang Anda tulis berdasar pada contoh, bukan ingatan.
journal-notes-add-button = Tambah catatan pengamatan
journal-notes-heading = Catatan pengamatan, terbaru di atas
journal-notes-empty = Belum ada catatan pengamatan. Tambahkan yang pertama di atas: tanggal, apa yang terjadi, dan apa yang dikatakan.
journal-notes-empty-hr = Belum ada atasan yang menulis catatan pengamatan tentang { $name }.
journal-notes-history-link = Lihat riwayat evaluasi { $name }

## Halaman tim
team-title = Tim saya
team-lead = Orang-orang yang melapor kepada Anda, dan posisi evaluasi masing-masing dalam siklus evaluasi yang sedang berjalan.
team-empty-reports = Belum ada yang melapor kepada Anda di Cermin. Jika ini keliru, minta SDM menjadikan Anda atasan anggota tim Anda.
team-empty-cycle = Saat ini tidak ada siklus evaluasi yang berjalan untuk tim Anda. Setelah SDM meluncurkannya, evaluasi diri setiap orang, evaluasi dari atasan yang perlu Anda tulis, dan batas waktunya akan tampil di sini. Sementara itu, Anda dapat membuat catatan tentang setiap orang.
team-stat-to-write = evaluasi dari atasan yang perlu Anda tulis sekarang
team-stat-overdue = langkah yang terlambat
team-people-heading = Anggota tim
team-moved = { $name } tidak lagi melapor kepada Anda, tetapi Anda tetap menulis evaluasi dari atasan untuknya dalam siklus evaluasi ini.
team-cycle = Siklus evaluasi
team-status = Status
team-overdue = Terlambat
team-opens = Dibuka pada
team-due = Batas waktu
team-next = Langkah berikutnya
team-next-scheduled = Siklus evaluasi belum dibuka.
team-next-self = Menunggu { $name } mengirim evaluasi dirinya.
team-next-manager = Giliran Anda: tulis evaluasi dari atasan lalu bagikan ke { $name }.
team-next-ack = Menunggu { $name } membaca evaluasi dan mengonfirmasi sudah membacanya.
team-next-done = Selesai: { $name } sudah mengonfirmasi sudah membacanya.
team-next-none = Tidak ada lagi yang perlu dilakukan dalam evaluasi ini.
team-action-write = Tulis evaluasi dari atasan
team-action-view = Lihat evaluasi
team-not-in-cycle = { $name } tidak ikut dalam siklus evaluasi yang sedang berjalan.
team-link-profile = Profil
team-link-notes = Catatan pengamatan
team-link-history = Riwayat

## Riwayat
history-title-own = Riwayat saya
history-title = Riwayat { $name }
history-lead-own = Evaluasi Anda, kekuatan dan area pengembangan Anda dari waktu ke waktu, serta sasaran Anda.
history-lead = Evaluasi { $name }, kekuatan dan area pengembangannya dari waktu ke waktu, serta sasarannya.
history-reviews-heading = Evaluasi
history-period = { $from } sampai { $to }
history-state-self_assessment = Evaluasi diri sedang diisi
history-state-manager_review = Evaluasi dari atasan sedang ditulis
history-state-shared = Dibagikan, menunggu konfirmasi sudah dibaca
history-state-acknowledged = Sudah dibaca
history-state-unfinished = Tidak selesai
history-state-removed = Dikeluarkan dari siklus
history-cycle-scheduled = Belum dibuka
history-cycle-closed = Siklus evaluasi ditutup
history-acknowledged-on = sudah dibaca pada { $date }
history-empty-own = Anda belum punya evaluasi. Setelah SDM meluncurkan siklus evaluasi yang mengikutsertakan Anda, evaluasinya akan tampil di sini, dan setelah setiap siklus Anda dapat melihat kembali apa yang ditulis.
history-empty = { $name } belum punya evaluasi. Evaluasi akan tampil di sini setelah SDM meluncurkan siklus evaluasi yang mengikutsertakan { $name }.
history-traits-heading = Kekuatan dan kelemahan dari waktu ke waktu
history-traits-no-review = Tidak terkait dengan evaluasi
history-strengths = Kekuatan
history-weaknesses = Kelemahan dan area pengembangan
history-side-self = Evaluasi diri
history-side-manager = Evaluasi dari atasan
history-none-written = Belum ada yang ditulis.
history-traits-empty = Belum ada. Kekuatan dan kelemahan tampil di sini setelah ditulis dalam evaluasi dan dapat Anda lihat.
history-goals-heading = Sasaran
history-goal-status-proposed = Diusulkan
history-goal-status-agreed = Disepakati
history-goal-status-in_progress = Sedang berjalan
history-goal-status-done = Selesai
history-goal-status-dropped = Dibatalkan
history-goal-kind-development = Sasaran pengembangan
history-goal-kind-improvement = Sasaran perbaikan
history-goal-due = batas waktu { $date }
history-goals-empty = Belum ada sasaran. Sasaran diusulkan dalam evaluasi diri dan disepakati dalam evaluasi dari atasan.
history-journal-hint = Rajin membuat catatan kerja memudahkan evaluasi diri Anda berikutnya.
history-journal-link = Buka catatan kerja saya
journal-newer = Catatan lebih baru
journal-older = Catatan lebih lama
team-next-calibration = Diserahkan untuk kalibrasi: SDM membagikannya ke { $name } saat kalibrasi selesai.

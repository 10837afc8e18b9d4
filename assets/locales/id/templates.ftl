# Templat formulir dan pustaka kompetensi (SDM). Istilah mengikuti GLOSSARY.md.

## Daftar templat
templates-title = Templat formulir
templates-lead = Pertanyaan dalam sebuah evaluasi: bagian, pertanyaan untuk evaluasi diri dan evaluasi dari atasan, serta kompetensi yang dinilai. Setiap siklus evaluasi memakai satu templat.
templates-field-name = Nama
templates-version = Versi
templates-version-n = Versi { $version }
templates-status = Status
templates-updated = Terakhir diubah
templates-tag-default = Bawaan
templates-tag-frozen = Sedang dipakai — mengubahnya membuat versi baru
templates-tag-editable = Bisa diubah
templates-tag-archived = Diarsipkan
templates-empty = Belum ada templat formulir di sini.
templates-show-archived = Tampilkan { $count } templat yang diarsipkan
templates-hide-archived = Sembunyikan templat yang diarsipkan
templates-copy-hint = Untuk membuat templat sendiri, buka salah satu templat lalu salin. Salinan bebas diubah sampai siklus evaluasi yang memakainya diluncurkan.

## Satu templat
templates-size = { $sections } bagian, { $questions } pertanyaan
templates-made-from = dibuat dari versi { $version }
templates-newer-exists = Ada versi yang lebih baru dari templat ini: versi { $version }.
templates-go-to-version = Buka versi { $version }
templates-frozen-explained = Templat ini dipakai oleh siklus evaluasi yang sudah diluncurkan, jadi pertanyaannya tidak bisa diubah lagi: orang sedang menjawabnya. Untuk mengubahnya, buat versi baru; siklus yang sedang berjalan tetap memakai versi ini.
templates-frozen-title = Templat ini sedang dipakai
templates-frozen-next = Versi baru berisi bagian dan pertanyaan yang sama, dan bebas Anda ubah. Pilih versi itu untuk siklus evaluasi berikutnya.
templates-new-version-button = Buat versi baru untuk diubah
templates-copy-button = Salin
templates-details-button = Ubah nama dan keterangan
templates-archive-button = Arsipkan
templates-unarchive-button = Keluarkan dari arsip
templates-edit-section = Ubah bagian
templates-add-section = Tambah bagian
templates-add-question = Tambah pertanyaan
templates-edit-question = Ubah pertanyaan
templates-move-up = Pindah ke atas
templates-move-down = Pindah ke bawah
templates-delete = Hapus
templates-change = Ubah
templates-section-empty = Bagian ini belum berisi pertanyaan.
templates-no-sections = Templat ini belum punya bagian. Tambahkan bagian, lalu pertanyaannya.
templates-answered-by = Dijawab oleh: { $who }
templates-required = Wajib
templates-optional = Tidak wajib
templates-linked-competency = Kompetensi: { $name }

## Jenis pertanyaan dan siapa yang menjawab
templates-kind-rating = Nilai
templates-kind-rating-hint = Nilai dari 1 (jauh di bawah harapan) sampai 5 (jauh di atas harapan), dengan komentar bila perlu.
templates-kind-text = Teks
templates-kind-text-hint = Jawaban tertulis.
templates-kind-competency_rating = Nilai kompetensi
templates-kind-competency_rating-hint = Nilai 1 sampai 5 untuk satu kompetensi dari pustaka, beserta buktinya.
templates-kind-strengths = Kekuatan
templates-kind-strengths-hint = Daftar kekuatan, masing-masing dikaitkan dengan kompetensi bila cocok.
templates-kind-weaknesses = Kelemahan dan area pengembangan
templates-kind-weaknesses-hint = Daftar kelemahan, masing-masing dengan rencana perbaikannya.
templates-kind-goals = Sasaran
templates-kind-goals-hint = Sasaran untuk periode berikutnya, beserta dukungan atau pelatihan yang dibutuhkan.
templates-side-self = karyawan
templates-side-manager = atasan
templates-side-both = keduanya
templates-side-self-long = Karyawan, dalam evaluasi diri
templates-side-manager-long = Atasan, dalam evaluasi dari atasan
templates-side-both-long = Keduanya: karyawan dan atasan masing-masing menjawab

## Nama, keterangan, salinan
templates-details-title = Nama dan keterangan
templates-field-description = Keterangan (tidak wajib)
templates-description-hint = Untuk apa templat ini, misalnya tim mana yang memakainya.
templates-details-frozen-hint = Mengubah nama tidak mengubah pertanyaan siklus evaluasi yang sedang berjalan.
templates-copy-title = Salin templat ini
templates-copy-lead = Salinan berisi semua bagian dan pertanyaan templat ini. Anda bebas mengubahnya sampai siklus evaluasi yang memakainya diluncurkan.
templates-copy-name = Nama salinan
templates-copy-name-hint = Nama yang belum dipakai templat lain.
templates-copy-default-name = Salinan { $name }

## Bagian dan pertanyaan
templates-both-languages = Tulis setiap teks dalam bahasa Indonesia dan bahasa Inggris: setiap orang membaca formulir dalam bahasanya sendiri.
templates-field-title_id = Judul bagian dalam bahasa Indonesia
templates-field-title_en = Judul bagian dalam bahasa Inggris
templates-field-section-help_id = Petunjuk dalam bahasa Indonesia (tidak wajib)
templates-field-section-help_en = Petunjuk dalam bahasa Inggris (tidak wajib)
templates-section-help-hint = Tampil di bawah judul bagian: apa yang perlu ditulis, dan mengapa.
templates-field-kind = Jenis pertanyaan apa ini?
templates-field-competency = Kompetensi
templates-competency-hint = Wajib untuk nilai kompetensi; tidak dipakai oleh jenis lain.
templates-no-competency = Tanpa kompetensi
templates-field-side = Siapa yang menjawab?
templates-field-prompt_id = Pertanyaan dalam bahasa Indonesia
templates-field-prompt_en = Pertanyaan dalam bahasa Inggris
templates-field-question-help_id = Teks bantuan dalam bahasa Indonesia (tidak wajib)
templates-field-question-help_en = Teks bantuan dalam bahasa Inggris (tidak wajib)
templates-question-help-hint = Tampil di bawah pertanyaan: contoh, atau gambaran jawaban yang baik.
templates-field-required = Wajib dijawab sebelum dikirim
templates-wording-employee = Yang dibaca karyawan
templates-wording-manager = Yang dibaca atasan
templates-wording-employee-hint = Dari sudut pandang karyawan sendiri, untuk evaluasi diri: "Seberapa baik saya memenuhi uraian pekerjaan saya?" Wajib diisi jika karyawan menjawab pertanyaan ini.
templates-wording-manager-hint = Tentang karyawan, untuk evaluasi dari atasan: "Seberapa baik { "{name}" } memenuhi uraian pekerjaannya?" Tulis { "{name}" } di tempat nama karyawan. Wajib diisi jika atasan menjawab pertanyaan ini; jika dikosongkan, atasan membaca kalimat untuk karyawan.
templates-section-wording-employee-hint = Yang dibaca karyawan di evaluasi diri, misalnya "Kekuatan saya".
templates-section-wording-manager-hint = Yang dibaca atasan saat menulis evaluasi dari atasan, misalnya "Kekuatan { "{name}" }" ({ "{name}" } adalah nama karyawan). Kosongkan jika kalimat untuk karyawan juga pas untuk atasan.
templates-manager-reads = Dibaca atasan: { $text }
templates-delete-section-title = Hapus bagian ini?
templates-delete-question-title = Hapus pertanyaan ini?
templates-delete-section-warning = { $count } pertanyaan di dalamnya juga akan dihapus.
templates-delete-confirm = Ya, hapus

## Pesan
templates-error-name-missing = Masukkan nama
templates-error-name-taken = Nama ini sudah dipakai templat lain
templates-error-text-too-long = Teks ini terlalu panjang
templates-error-title-id-missing = Masukkan judul bagian dalam bahasa Indonesia
templates-error-title-en-missing = Masukkan judul bagian dalam bahasa Inggris
templates-error-kind-invalid = Pilih jenis pertanyaan
templates-error-side-invalid = Pilih siapa yang menjawab pertanyaan
templates-error-prompt-id-missing = Masukkan pertanyaan dalam bahasa Indonesia
templates-error-prompt-en-missing = Masukkan pertanyaan dalam bahasa Inggris
templates-error-manager-prompt-id-missing = Masukkan pertanyaan untuk atasan dalam bahasa Indonesia
templates-error-manager-prompt-en-missing = Masukkan pertanyaan untuk atasan dalam bahasa Inggris
templates-error-competency-missing = Pilih kompetensi yang dinilai pertanyaan ini
templates-error-competency-unknown = Kompetensi yang dipilih tidak ada atau sudah tidak aktif
templates-error-frozen = Templat ini dipakai oleh siklus evaluasi yang sudah diluncurkan, jadi tidak bisa diubah. Tidak ada yang disimpan. Buka templatnya lalu buat versi baru untuk diubah.
templates-error-archive-default = Templat bawaan tidak bisa diarsipkan.
templates-notice-copied = Templat disalin. Sekarang Anda bisa mengubah salinannya.
templates-notice-versioned = Templat ini dipakai oleh siklus evaluasi yang sudah diluncurkan, jadi versi baru telah dibuat: siklus yang sedang berjalan tetap memakai versinya sendiri.
templates-notice-newer-exists = Versi yang lebih baru dari templat ini sudah ada, jadi tidak dibuat versi baru: inilah versi terbaru.
templates-notice-saved = Perubahan disimpan.
templates-notice-section-added = Bagian ditambahkan.
templates-notice-section-deleted = Bagian dihapus.
templates-notice-question-added = Pertanyaan ditambahkan.
templates-notice-question-deleted = Pertanyaan dihapus.
templates-notice-archived = Templat diarsipkan. Templat ini disembunyikan dari daftar dan tidak bisa dipilih untuk siklus evaluasi baru.
templates-notice-unarchived = Templat dikeluarkan dari arsip.

## Pustaka kompetensi
competencies-title = Pustaka kompetensi
competencies-lead = Kompetensi yang bisa dinilai dalam evaluasi, masing-masing dengan gambaran perilaku yang baik. Pertanyaan nilai kompetensi di templat dikaitkan dengan salah satunya.
competencies-add = Tambah kompetensi
competencies-edit-title = Ubah kompetensi
competencies-actions = Tindakan
competencies-active = Aktif
competencies-inactive = Tidak dipakai
competencies-empty = Pustaka masih kosong. Tambahkan kompetensi untuk memulai.
competencies-field-name_id = Nama dalam bahasa Indonesia
competencies-field-name_en = Nama dalam bahasa Inggris
competencies-field-description_id = Gambaran perilaku yang baik, dalam bahasa Indonesia (tidak wajib)
competencies-field-description_en = Gambaran perilaku yang baik, dalam bahasa Inggris (tidak wajib)
competencies-description-hint = Perilaku nyata yang dikenali orang dari pekerjaan sehari-hari.
competencies-field-active = Aktif: bisa dipilih untuk pertanyaan baru
competencies-active-hint = Kompetensi tidak pernah dihapus, agar evaluasi lama tetap menyimpannya. Hapus centang agar tidak ditawarkan lagi untuk pertanyaan baru.
competencies-key = Kode: { $slug }
competencies-key-hint = Kode dibuat dari nama dalam bahasa Inggris.
competencies-error-name-id-missing = Masukkan nama dalam bahasa Indonesia
competencies-error-name-en-missing = Masukkan nama dalam bahasa Inggris
competencies-notice-created = Kompetensi ditambahkan ke pustaka.
competencies-notice-saved = Kompetensi disimpan.

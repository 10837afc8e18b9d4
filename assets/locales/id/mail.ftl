# Email. Istilah mengikuti GLOSSARY.md. Kunci yang berakhiran -self, -manager
# atau -ack dipilih menurut tahap (phase) atau sisi (side) yang dikirim mesin
# email; kunci mail-date-<kolom> menurut nama kolom tanggal siklus.

## Kerangka email
mail-greeting = Halo { $name },
mail-footer-reason = Anda menerima email ini karena Anda memiliki akun di Cermin.
mail-footer-prefs = Bahasa email, atau satu ringkasan harian sebagai gantinya, dapat Anda pilih di pengaturan email.
mail-footer-prefs-link = Buka pengaturan email
mail-link-fallback = Jika tombol tidak berfungsi, salin alamat ini ke peramban Anda:

## Tanggal siklus
mail-date-opens_on = Dibuka
mail-date-self_due_on = Batas waktu evaluasi diri
mail-date-manager_due_on = Batas waktu evaluasi dari atasan
mail-date-ack_due_on = Batas waktu konfirmasi sudah dibaca
mail-date-closes_on = Ditutup

## Tombol yang dipakai di beberapa email
mail-button-self = Buka evaluasi diri saya
mail-button-manager = Buka evaluasi tim saya
mail-button-ack = Baca evaluasi saya
mail-button-team = Lihat tim saya
mail-button-home = Buka Cermin
mail-ack-meaning = Konfirmasi berarti “saya telah membaca evaluasi ini”, bukan berarti Anda setuju dengan semuanya.

## Undangan akun
mail-account_invitation-subject = Akun Cermin Anda sudah dibuat: buat kata sandi
mail-account_invitation-title = Selamat datang di Cermin
mail-account_invitation-lead = Akun Cermin sudah dibuat untuk Anda. Di Cermin, Anda mengisi evaluasi diri dan membaca umpan balik dari atasan.
mail-account_invitation-action = Buat kata sandi untuk masuk pertama kali. Anda masuk dengan alamat email { $email }.
mail-account_invitation-button = Buat kata sandi
mail-account_invitation-valid = Tautan ini berlaku { $days } hari dan hanya dapat dipakai sekali. Jika sudah tidak berlaku, minta tautan baru kepada SDM.

## Atur ulang kata sandi
mail-password_reset-subject = Buat kata sandi baru untuk Cermin
mail-password_reset-title = Buat kata sandi baru
mail-password_reset-lead = Ada permintaan kata sandi baru untuk akun Cermin Anda. Pakai tautan di bawah untuk membuatnya.
mail-password_reset-button = Buat kata sandi baru
mail-password_reset-valid = Tautan ini berlaku { $minutes } menit dan hanya dapat dipakai sekali.
mail-password_reset-ignore = Jika Anda tidak memintanya, abaikan email ini. Kata sandi Anda tetap sama.

## Tautan masuk
mail-sign_in_link-subject = Selesaikan masuk ke Cermin
mail-sign_in_link-title = Selesaikan masuk
mail-sign_in_link-lead = Seseorang masuk ke akun Cermin Anda dengan kata sandi yang benar, dari peramban yang belum dikenal Cermin, setelah beberapa percobaan yang salah. Jika itu Anda, buka tautan di bawah pada peramban tersebut untuk menyelesaikan masuk.
mail-sign_in_link-button = Selesaikan masuk
mail-sign_in_link-ignore = Jika itu bukan Anda, jangan buka tautannya, dan ganti kata sandi Anda dari profil: ada orang lain yang mengetahuinya.

## Undangan siklus evaluasi
mail-cycle_invitation-subject-self = Undangan: isi evaluasi diri Anda paling lambat { $date } – { $cycle }
mail-cycle_invitation-subject-manager = Undangan: evaluasi dari atasan untuk tim Anda paling lambat { $date } – { $cycle }
mail-cycle_invitation-title = Undangan untuk “{ $cycle }”
mail-cycle_invitation-lead = SDM telah meluncurkan siklus evaluasi “{ $cycle }”. Siklus ini berlangsung dari { $from } sampai { $to }.
mail-cycle_invitation-self-heading = Evaluasi diri Anda
mail-cycle_invitation-self-what = Evaluasi diri adalah kesempatan untuk melihat pekerjaan Anda sendiri dengan jujur. Anda menuliskan sejauh mana Anda memenuhi uraian pekerjaan, kekuatan dan kelemahan Anda, hambatan yang Anda hadapi, serta sasaran Anda. Kekuatan sama pentingnya dengan kelemahan.
mail-cycle_invitation-self-then = Setelah itu, atasan Anda menambahkan umpan balik di samping jawaban Anda. Begitu evaluasi dibagikan, Anda membacanya lalu mengonfirmasi sudah membacanya.
mail-cycle_invitation-self-button = Mulai evaluasi diri
mail-cycle_invitation-manager-heading = Tim Anda
mail-cycle_invitation-manager-lead = Anda menulis evaluasi dari atasan untuk karyawan berikut setelah mereka mengirim evaluasi dirinya:
mail-cycle_invitation-calendar = Berkas kalender (.ics) terlampir berisi batas waktu ini. Buka berkas itu untuk menambahkannya ke kalender Anda.

## Pengingat
mail-reminder-subject-self = Pengingat: batas waktu evaluasi diri { $days ->
        [0] hari ini
        [1] besok
       *[other] { $days } hari lagi
    } – { $cycle }
mail-reminder-subject-manager = Pengingat: batas waktu evaluasi dari atasan { $days ->
        [0] hari ini
        [1] besok
       *[other] { $days } hari lagi
    } – { $cycle }
mail-reminder-subject-ack = Pengingat: batas waktu konfirmasi sudah dibaca { $days ->
        [0] hari ini
        [1] besok
       *[other] { $days } hari lagi
    } – { $cycle }
mail-reminder-title-self = Pengingat: evaluasi diri Anda
mail-reminder-title-manager = Pengingat: evaluasi dari atasan untuk tim Anda
mail-reminder-title-ack = Pengingat: baca evaluasi Anda
mail-reminder-lead-self = Mohon selesaikan evaluasi diri Anda untuk “{ $cycle }” paling lambat { $date } ({ $days ->
        [0] hari ini
        [1] besok
       *[other] { $days } hari lagi
    }).
mail-reminder-lead-manager = Mohon tulis evaluasi dari atasan untuk tim Anda di “{ $cycle }” dan bagikan paling lambat { $date } ({ $days ->
        [0] hari ini
        [1] besok
       *[other] { $days } hari lagi
    }).
mail-reminder-lead-ack = Atasan Anda sudah membagikan evaluasi Anda untuk “{ $cycle }”. Mohon baca, lalu konfirmasi bahwa Anda telah membacanya paling lambat { $date } ({ $days ->
        [0] hari ini
        [1] besok
       *[other] { $days } hari lagi
    }).
mail-reminder-reports = Evaluasi diri berikut menunggu evaluasi dari Anda sebagai atasan:
mail-reminder-draft = Anda dapat menyimpan draf lalu melanjutkannya nanti.

## Terlambat (kepada orang yang bersangkutan)
mail-overdue-subject-self = Evaluasi diri Anda masih dapat dikirim (batas waktu { $date }) – { $cycle }
mail-overdue-subject-manager = Evaluasi dari atasan masih dapat dibagikan (batas waktu { $date }) – { $cycle }
mail-overdue-subject-ack = Evaluasi Anda masih menunggu untuk dibaca (batas waktu { $date }) – { $cycle }
mail-overdue-title-self = Evaluasi diri Anda masih terbuka
mail-overdue-title-manager = Evaluasi dari atasan untuk tim Anda masih terbuka
mail-overdue-title-ack = Evaluasi Anda menunggu untuk dibaca
mail-overdue-lead-self = Batas waktu evaluasi diri Anda untuk “{ $cycle }” adalah { $date }, { $days ->
        [1] kemarin
       *[other] { $days } hari yang lalu
    }. Evaluasi diri Anda masih terbuka dan dapat Anda kirim sekarang.
mail-overdue-lead-manager = Batas waktu evaluasi dari atasan untuk “{ $cycle }” adalah { $date }, { $days ->
        [1] kemarin
       *[other] { $days } hari yang lalu
    }. Evaluasi dari atasan masih terbuka dan dapat Anda bagikan sekarang.
mail-overdue-lead-ack = Batas waktu konfirmasi sudah dibaca untuk “{ $cycle }” adalah { $date }, { $days ->
        [1] kemarin
       *[other] { $days } hari yang lalu
    }. Evaluasi Anda masih dapat Anda baca dan konfirmasi sekarang.
mail-overdue-reports = Karyawan berikut masih menunggu evaluasi dari Anda sebagai atasan:
mail-overdue-help = Jika ada yang menghalangi, bicarakan dengan atasan Anda atau SDM.

## Terlambat di tim (kepada atasan)
mail-overdue_manager-subject-self = { $count } orang di tim Anda belum mengirim evaluasi diri – { $cycle }
mail-overdue_manager-subject-manager = { $count } atasan di tim Anda belum membagikan evaluasi yang mereka tulis – { $cycle }
mail-overdue_manager-subject-ack = { $count } orang di tim Anda belum mengonfirmasi sudah membaca evaluasinya – { $cycle }
mail-overdue_manager-title = Terlambat di tim Anda
mail-overdue_manager-lead-self = Batas waktu evaluasi diri untuk “{ $cycle }” adalah { $date }, { $days ->
        [1] kemarin
       *[other] { $days } hari yang lalu
    }. Karyawan berikut di tim Anda belum mengirim evaluasi dirinya:
mail-overdue_manager-lead-manager = Batas waktu evaluasi dari atasan untuk “{ $cycle }” adalah { $date }, { $days ->
        [1] kemarin
       *[other] { $days } hari yang lalu
    }. Atasan berikut, yang melapor kepada Anda, belum membagikan evaluasi yang mereka tulis:
mail-overdue_manager-lead-ack = Batas waktu konfirmasi sudah dibaca untuk “{ $cycle }” adalah { $date }, { $days ->
        [1] kemarin
       *[other] { $days } hari yang lalu
    }. Karyawan berikut di tim Anda belum mengonfirmasi sudah membaca evaluasinya:
mail-overdue_manager-tip = Evaluasinya masih terbuka. Sapaan singkat dan ramah dari Anda sering membantu: tanyakan apakah ada yang menghalangi.

## Ringkasan keterlambatan (kepada SDM)
mail-hr_overdue_summary-subject-self = { $count } evaluasi diri terlambat – { $cycle }
mail-hr_overdue_summary-subject-manager = { $count } evaluasi dari atasan terlambat – { $cycle }
mail-hr_overdue_summary-subject-ack = { $count } konfirmasi sudah dibaca terlambat – { $cycle }
mail-hr_overdue_summary-title = Terlambat di “{ $cycle }”
mail-hr_overdue_summary-lead-self = { $count } evaluasi diri belum dikirim. Batas waktunya { $date }.
mail-hr_overdue_summary-lead-manager = { $count } evaluasi dari atasan belum dibagikan. Batas waktunya { $date }.
mail-hr_overdue_summary-lead-ack = { $count } karyawan belum mengonfirmasi sudah membaca evaluasinya. Batas waktunya { $date }.
mail-hr_overdue_summary-col-name = Karyawan
mail-hr_overdue_summary-col-department = Departemen
mail-hr_overdue_summary-col-manager = Atasan
mail-hr_overdue_summary-manager-is = atasan: { $name }
mail-hr_overdue_summary-more = Daftar ini memuat { $shown } orang. Semuanya ada di halaman siklus evaluasi.
mail-hr_overdue_summary-button = Buka siklus evaluasi

## Evaluasi diri terkirim (kepada atasan)
mail-self_submitted-subject = { $name } mengirim evaluasi dirinya – evaluasi dari atasan paling lambat { $date }
mail-self_submitted-title = { $name } mengirim evaluasi dirinya
mail-self_submitted-lead = { $name } sudah mengirim evaluasi dirinya untuk “{ $cycle }”. Sekarang giliran Anda: tulis evaluasi dari atasan di samping jawabannya, lalu bagikan paling lambat { $date }.
mail-self_submitted-tip = Sebutkan kekuatannya sejelas area pengembangannya.
mail-self_submitted-button = Tulis evaluasi dari atasan

## Evaluasi dibagikan (kepada karyawan)
mail-review_shared-subject = { $name } membagikan evaluasi dari atasan untuk Anda – baca paling lambat { $date }
mail-review_shared-title = Evaluasi Anda siap dibaca
mail-review_shared-lead = { $name } sudah membagikan evaluasi dari atasan untuk Anda dalam “{ $cycle }”. Anda dapat membacanya di samping evaluasi diri Anda.
mail-review_shared-due = Mohon baca, lalu konfirmasi bahwa Anda telah membacanya paling lambat { $date }.
mail-review_shared-meaning = Konfirmasi berarti “saya telah membaca evaluasi ini”, bukan berarti Anda setuju dengan semuanya. Jika ada yang ingin Anda sampaikan, tulis tanggapan; { $name } akan membacanya.

## Konfirmasi dengan tanggapan (kepada atasan)
mail-acknowledged-subject = { $name } sudah membaca evaluasinya dan menulis tanggapan – { $cycle }
mail-acknowledged-title = { $name } menulis tanggapan
mail-acknowledged-lead = { $name } sudah mengonfirmasi sudah membaca evaluasinya untuk “{ $cycle }” dan menulis tanggapan untuk Anda.
mail-acknowledged-read = Tanggapan itu dapat Anda baca di Cermin.
mail-acknowledged-button = Baca tanggapan

## Dibuka kembali
mail-reopened-subject-self = Evaluasi diri Anda dibuka kembali – kirim paling lambat { $date }
mail-reopened-subject-manager = Evaluasi dari atasan untuk { $name } dibuka kembali – bagikan paling lambat { $date }
mail-reopened-title-self = Evaluasi diri Anda dibuka kembali
mail-reopened-title-manager = Evaluasi dari atasan untuk { $name } dibuka kembali
mail-reopened-lead-self = SDM membuka kembali evaluasi diri Anda untuk “{ $cycle }”. Anda dapat mengubahnya, lalu mengirimnya lagi.
mail-reopened-lead-manager = SDM membuka kembali evaluasi dari atasan yang Anda tulis untuk { $name } di “{ $cycle }”. Anda dapat mengubahnya, lalu membagikannya lagi.
mail-reopened-due-self = Mohon kirim paling lambat { $date }.
mail-reopened-due-manager = Mohon bagikan paling lambat { $date }.
mail-reopened-reason = Alasan dari SDM:
mail-reopened-button-self = Buka evaluasi diri saya
mail-reopened-button-manager = Buka evaluasi dari atasan

## Siklus ditutup
mail-cycle_closed-subject = “{ $cycle }” sudah ditutup – terima kasih
mail-cycle_closed-title = “{ $cycle }” sudah ditutup
mail-cycle_closed-lead = Siklus evaluasi “{ $cycle }” sudah ditutup. Terima kasih atas waktu dan kejujuran Anda.
mail-cycle_closed-history = Isinya tidak dapat diubah lagi, tetapi evaluasi Anda tetap dapat dibaca di Riwayat.
mail-cycle_closed-button = Buka riwayat saya
mail-cycle_closed-calendar = Berkas kalender terlampir menghapus batas waktu yang belum Anda selesaikan dari kalender Anda.

## Tanggal digeser
mail-dates_moved-subject = Jadwal “{ $cycle }” berubah
mail-dates_moved-title = Jadwal “{ $cycle }” berubah
mail-dates_moved-lead = SDM menggeser tanggal di siklus evaluasi “{ $cycle }”. Tanggal yang berubah:
mail-dates_moved-lead-all = SDM memperbarui jadwal siklus evaluasi “{ $cycle }”. Ini tanggalnya sekarang:
mail-dates_moved-change = { $new } (sebelumnya { $old })
mail-dates_moved-calendar = Berkas kalender terlampir memperbarui tanggal ini di kalender Anda. Buka berkas itu untuk menerapkannya.

## Dikeluarkan dari siklus
mail-participation_cancelled-subject = Anda tidak lagi mengikuti “{ $cycle }”
mail-participation_cancelled-title = Anda tidak lagi mengikuti “{ $cycle }”
mail-participation_cancelled-lead = SDM mengeluarkan Anda dari siklus evaluasi “{ $cycle }”. Anda tidak perlu melakukan apa pun untuk siklus ini.
mail-participation_cancelled-calendar = Berkas kalender terlampir menghapus batas waktunya dari kalender Anda.
mail-participation_cancelled-question = Jika menurut Anda ini keliru, hubungi SDM.

## Ringkasan harian
mail-digest-subject = Hari ini di Cermin: { $count } pemberitahuan
mail-digest-title = Hari ini di Cermin
mail-digest-lead = Ringkasan harian Anda untuk { $date }: { $count } pemberitahuan.

## Email uji coba
mail-test-subject = Email uji coba dari Cermin
mail-test-title = Ini email uji coba
mail-test-lead = Email ini dikirim untuk menguji Cermin. Jika Anda dapat membacanya, Cermin berhasil mengirim email.
mail-test-sent-at = Dikirim pada
mail-test-transport = Dikirim melalui
mail-test-nothing = Anda tidak perlu melakukan apa pun.

# Halaman riwayat: setiap kompetensi dari waktu ke waktu, siapa yang menulis
# setiap catatan dan tanggapan atasan atasnya, dari sudut pandang pembaca.
# (Kunci lama halaman ini ada di journal.ftl.)
history-trend-heading = Setiap kompetensi dari waktu ke waktu
history-trend-lead = Setiap grafik mengikuti satu kompetensi dari siklus evaluasi ke siklus evaluasi, yang paling lama di sebelah kiri, pada skala 1 (jauh di bawah harapan) sampai 5 (jauh di atas harapan). Arah perkembangannya lebih bermakna daripada satu angka saja.
history-trend-cut = Grafik menampilkan { $n } siklus evaluasi terakhir.
history-trend-title = { $competency }: penilaian diri dan penilaian atasan di setiap siklus evaluasi, pada skala 1 sampai 5
history-trend-line = { $cycle }: penilaian diri { $own }, penilaian atasan { $manager }.
history-trend-latest = Terakhir, pada { $cycle }: { $gap }.
history-trend-own-employee = Penilaian Anda sendiri
history-trend-manager-employee = Penilaian atasan Anda
history-trend-own-manager = Penilaian { $person } sendiri
history-trend-manager-manager = Penilaian atasan
history-trend-own-hr = Penilaian { $person } sendiri
history-trend-manager-hr = Penilaian atasan
history-by-you-self = Anda menulis ini dalam evaluasi diri Anda
history-by-you-manager = Anda menulis ini dalam evaluasi atasan
history-by-your-manager-self = { $name } menulis ini dalam evaluasi diri Anda
history-by-your-manager-manager = Atasan Anda, { $name }, menulis ini dalam evaluasi atasan
history-by-name-self = { $name } menulis ini dalam evaluasi diri
history-by-name-manager = { $name } menulis ini dalam evaluasi atasan
history-by-unknown-self = Ditulis dalam evaluasi diri
history-by-unknown-manager = Ditulis dalam evaluasi atasan
history-reply-you-agree = Anda setuju dengan hal ini.
history-reply-you-adjust = Anda melihat hal ini sedikit berbeda.
history-reply-your-manager-agree = Atasan Anda, { $name }, setuju dengan hal ini.
history-reply-your-manager-adjust = Atasan Anda, { $name }, melihat hal ini sedikit berbeda.
history-reply-name-agree = { $name } (atasan) setuju dengan hal ini.
history-reply-name-adjust = { $name } (atasan) melihat hal ini sedikit berbeda.
history-reply-unknown-agree = Atasan setuju dengan hal ini.
history-reply-unknown-adjust = Atasan melihat hal ini sedikit berbeda.
history-entry-competency = Kompetensi: { $competency }
history-comments = Komentar atasan
history-comment-you-by = Komentar Anda
history-comment-your-manager-by = Dari atasan Anda, { $name }
history-comment-name-by = Dari { $name }
history-comment-unknown-by = Dari atasan
history-comment-private = Pribadi: tidak pernah ditampilkan kepada karyawan

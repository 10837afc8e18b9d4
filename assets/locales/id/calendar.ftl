# Entri kalender (.ics) untuk batas waktu siklus evaluasi.
calendar-self-due = Batas waktu evaluasi diri: { $cycle }
calendar-self-due-description = Kirim evaluasi diri Anda di Cermin paling lambat hari ini.
calendar-ack-due = Batas waktu konfirmasi sudah dibaca: { $cycle }
calendar-ack-due-description = Baca evaluasi dari atasan Anda di Cermin dan konfirmasi bahwa Anda telah membacanya.
calendar-manager-due = Batas waktu evaluasi dari atasan: { $cycle }
calendar-manager-due-description = Tulis dan bagikan evaluasi dari atasan untuk tim Anda di Cermin paling lambat hari ini.

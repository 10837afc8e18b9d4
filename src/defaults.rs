//! The built-in competency library and default template, ready on first
//! start. Written for Cermin from the practice of customer-service leadership
//! (see docs/architecture.md); HR can copy and adapt them.

use crate::db::forms::{self, CompetencyRow, QuestionRow, SectionRow, TemplateRow};
use crate::db::{self, audit, DbConnection, QueryResult};
use crate::domain::review::QuestionKind;

/// key, name (id, en), what good looks like (id, en)
pub const COMPETENCIES: &[(&str, &str, &str, &str, &str)] = &[
    ("teamwork", "Kerja tim", "Teamwork",
     "Tahu kapan bisa bekerja sendiri dan kapan perlu meminta bantuan rekan; berbagi informasi dan membantu tim menjawab pertanyaan sulit.",
     "Knows when to work alone and when to ask colleagues for help; shares what they know and helps the team answer hard questions."),
    ("initiative", "Inisiatif dan kerja keras", "Initiative and diligence",
     "Saat antrean sepi atau toko kosong, mencari pekerjaan sendiri dan membantu rekan yang sibuk tanpa menunggu disuruh.",
     "When the queue is quiet or the shop is empty, finds work and helps busy colleagues without waiting to be asked."),
    ("composure", "Ketenangan", "Composure",
     "Tetap tenang dan memegang kendali percakapan saat pelanggan marah atau berteriak, sehingga pelanggan ikut tenang.",
     "Stays calm and in control of the conversation when a customer is angry or shouting, so the customer calms down too."),
    ("helping_not_arguing", "Membantu, bukan berdebat", "Helping instead of arguing",
     "Menjawab dan membantu pelanggan alih-alih memperdebatkan setiap hal yang mereka sampaikan.",
     "Answers and helps the customer instead of debating every point they raise."),
    ("consistency", "Perlakuan yang adil dan konsisten", "Consistent, fair treatment",
     "Melayani semua pelanggan dengan aturan yang sama; tidak memberi bantuan istimewa yang kemudian diharapkan pelanggan lain dan merusak kredibilitas perusahaan.",
     "Serves every customer by the same rules; gives no special favours that other customers will then expect and that hurt the company's credibility."),
    ("commitment", "Komitmen", "Commitment",
     "Sungguh-sungguh melayani pelanggan setiap hari, bukan hanya saat diawasi.",
     "Serves customers wholeheartedly every day, not only when someone is watching."),
    ("credibility", "Kredibilitas", "Credibility",
     "Menepati janji kepada pelanggan dan rekan; jika belum tahu jawabannya, berjanji mencari tahu lalu benar-benar mengabari.",
     "Keeps promises to customers and colleagues; when they do not know an answer, promises to find out and really does come back."),
    ("service_culture", "Budaya layanan", "Service culture",
     "Menjadikan kepuasan pelanggan bagian dari cara kerja sehari-hari dan menularkannya kepada tim.",
     "Makes customer satisfaction part of how the daily work is done, and passes that on to the team."),
    ("ownership", "Tanggung jawab", "Ownership and responsibility",
     "Menuntaskan masalah pelanggan yang dipegangnya, atau menyerahkannya dengan jelas kepada orang yang berwenang memutuskan.",
     "Sees a customer's problem through, or hands it over clearly to the person with authority to decide."),
    ("competence", "Kompetensi dan pengetahuan kebijakan", "Competence and knowing the policies",
     "Memahami produk dan kebijakan perusahaan, dan tahu di mana mencari jawaban ketika tidak ada panduan tertulis.",
     "Knows the products and the company's policies, and where to find the answer when nothing is written down."),
    ("quality", "Mutu", "Quality",
     "Memberikan layanan yang sama baiknya dari pelanggan ke pelanggan, sehingga jarang ada yang kecewa.",
     "Gives service that is as good for one customer as for the next, so that few are disappointed."),
    ("customer_feedback", "Meneruskan umpan balik pelanggan", "Passing on customer feedback",
     "Mendengarkan keluhan dan saran pelanggan lalu meneruskannya kepada atasan agar perusahaan bisa belajar.",
     "Listens to customers' complaints and suggestions and passes them on so the company can learn."),
    ("improvement", "Perbaikan berkelanjutan", "Continuous improvement",
     "Mengenali masalah yang berulang dan mengusulkan cara kerja yang lebih baik.",
     "Spots problems that keep coming back and suggests better ways of working."),
    ("documentation", "Dokumentasi insiden", "Documenting incidents",
     "Mencatat setiap insiden dengan pelanggan secara lengkap (kapan, apa yang terjadi, apa yang dikatakan) dan segera melaporkannya kepada atasan.",
     "Records every incident with a customer in full (when, what happened, what was said) and reports it to their manager promptly."),
];

type Q = (
    QuestionKind,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

/// Sections: title (id, en), help (id, en), and questions:
/// (kind, side, prompt id, prompt en, help id, help en, competency key or "", required)
pub const SECTIONS: &[(&str, &str, &str, &str, &[Q])] = &[
    ("Uraian pekerjaan saya", "My job description",
     "Uraian pekerjaan Anda tampil di atas sebagai dasar harapan. Ceritakan bagaimana Anda memenuhinya.",
     "Your job description is shown above as the baseline. Tell how you meet it.",
     &[
        (QuestionKind::Rating, "both", "Secara keseluruhan, seberapa baik saya memenuhi uraian pekerjaan saya?", "Overall, how well do I meet my job description?", "", "", "", true),
        (QuestionKind::Text, "both", "Bagian mana yang saya kerjakan dengan baik, dan bagian mana yang sulit? Berikan contoh.", "Which parts do I do well, and which are hard? Give examples.", "", "", "", true),
     ]),
    ("Kompetensi", "Competencies",
     "Nilai diri Anda untuk setiap kompetensi dan tuliskan buktinya: kejadian nyata, umpan balik pelanggan, catatan Anda.",
     "Rate yourself on each competency and write the evidence: real events, customer feedback, your notes.",
     &[]),
    ("Kekuatan saya", "My strengths",
     "Apa yang Anda lakukan dengan baik? Tulis satu kekuatan per baris; kaitkan dengan kompetensi bila cocok.",
     "What do you do well? One strength per entry; link it to a competency where it fits.",
     &[(QuestionKind::Strengths, "both", "Kekuatan", "Strengths", "", "", "", true)]),
    ("Kelemahan dan area pengembangan", "Weaknesses and areas to grow",
     "Di mana Anda ingin menjadi lebih baik, dan apa yang akan Anda lakukan? Karyawan yang jujur menilai dirinya paling mudah dibantu.",
     "Where do you want to get better, and what will you do about it? People who see themselves honestly are the easiest to help.",
     &[(QuestionKind::Weaknesses, "both", "Kelemahan dan rencana saya", "Weaknesses and my plan", "", "", "", true)]),
    ("Hambatan di luar kendali saya", "Obstacles outside my control",
     "Masalah struktural yang menghalangi layanan yang baik: alat yang kurang, sistem yang lambat, kebijakan yang tidak jelas, pengetahuan yang tidak pernah diajarkan.",
     "Structural problems that get in the way of good service: missing tools, slow systems, unclear policies, knowledge nobody taught.",
     &[(QuestionKind::Text, "self", "Apa yang menghambat saya melayani pelanggan dengan baik?", "What stops me from serving customers well?", "", "", "", false)]),
    ("Saran", "Suggestions",
     "Usulan untuk memperbaiki cara kita bekerja. Anda yang paling dekat dengan pelanggan.",
     "Ideas to improve how we work. You are the closest to the customers.",
     &[(QuestionKind::Text, "self", "Apa yang sebaiknya kita ubah atau coba?", "What should we change or try?", "", "", "", false)]),
    ("Sasaran periode berikutnya", "Goals for the next period",
     "Sasaran pengembangan dan perbaikan, beserta dukungan atau pelatihan yang Anda butuhkan.",
     "Development and improvement goals, and the support or training you need.",
     &[(QuestionKind::Goals, "both", "Sasaran dan dukungan yang dibutuhkan", "Goals and the support needed", "", "", "", true)]),
    ("Keputusan yang ingin saya ambil sendiri", "Decisions I would like to make myself",
     "Hal apa yang ingin Anda putuskan tanpa harus meminta izin lebih dulu, dan mengapa?",
     "Which things would you like to decide without asking first, and why?",
     &[(QuestionKind::Text, "self", "Keputusan apa, dan alat atau pengetahuan apa yang saya perlukan untuk itu?", "Which decisions, and what tools or knowledge would I need?", "", "", "", false)]),
    ("Ringkasan atasan", "Manager's summary",
     "Ringkasan menyeluruh dari atasan, dibagikan kepada karyawan.",
     "The manager's overall summary, shared with the employee.",
     &[(QuestionKind::Text, "manager", "Ringkasan keseluruhan", "Overall summary", "Apa yang berjalan baik, apa yang perlu berubah, dan bagaimana Anda akan membantu.", "What went well, what needs to change, and how you will help.", "", true)]),
];

pub const DEFAULT_TEMPLATE_NAME: &str = "Evaluasi layanan pelanggan / Customer service review";

/// Create the competency library and the default template if they are not
/// there yet. Safe to run at every start.
pub fn ensure(conn: &mut DbConnection) -> QueryResult<bool> {
    if forms::default_template(conn)?.is_some() {
        return Ok(false);
    }
    db::write_tx(conn, |conn| {
        let t = db::now();
        let mut ids = std::collections::HashMap::new();
        for (pos, (key, name_id, name_en, desc_id, desc_en)) in COMPETENCIES.iter().enumerate() {
            let id = match forms::competency_by_key(conn, key)? {
                Some(c) => c.id,
                None => {
                    let id = db::new_id();
                    forms::insert_competency(
                        conn,
                        &CompetencyRow {
                            id: id.clone(),
                            key: key.to_string(),
                            name_id: name_id.to_string(),
                            name_en: name_en.to_string(),
                            description_id: desc_id.to_string(),
                            description_en: desc_en.to_string(),
                            position: pos as i32,
                            active: true,
                            created_at: t,
                        },
                    )?;
                    id
                }
            };
            ids.insert(*key, id);
        }
        let template_id = db::new_id();
        forms::insert_template(
            conn,
            &TemplateRow {
                id: template_id.clone(),
                name: DEFAULT_TEMPLATE_NAME.into(),
                description: String::new(),
                version: 1,
                parent_id: None,
                is_default: true,
                frozen: false,
                archived: false,
                created_at: t,
                updated_at: t,
            },
        )?;
        for (spos, (title_id, title_en, help_id, help_en, questions)) in SECTIONS.iter().enumerate()
        {
            let section_id = db::new_id();
            forms::insert_section(
                conn,
                &SectionRow {
                    id: section_id.clone(),
                    template_id: template_id.clone(),
                    position: spos as i32,
                    title_id: title_id.to_string(),
                    title_en: title_en.to_string(),
                    help_id: help_id.to_string(),
                    help_en: help_en.to_string(),
                },
            )?;
            let mut rows: Vec<QuestionRow> = questions
                .iter()
                .map(
                    |(kind, side, pid, pen, hid, hen, comp, required)| QuestionRow {
                        id: db::new_id(),
                        section_id: section_id.clone(),
                        position: 0,
                        kind: *kind,
                        side: side.to_string(),
                        prompt_id: pid.to_string(),
                        prompt_en: pen.to_string(),
                        help_id: hid.to_string(),
                        help_en: hen.to_string(),
                        competency_id: ids.get(comp).cloned(),
                        required: *required,
                    },
                )
                .collect();
            if *title_en == "Competencies" {
                // One rating per competency, answered by both sides.
                for (key, name_id, name_en, desc_id, desc_en) in COMPETENCIES {
                    rows.push(QuestionRow {
                        id: db::new_id(),
                        section_id: section_id.clone(),
                        position: 0,
                        kind: QuestionKind::CompetencyRating,
                        side: "both".into(),
                        prompt_id: name_id.to_string(),
                        prompt_en: name_en.to_string(),
                        help_id: desc_id.to_string(),
                        help_en: desc_en.to_string(),
                        competency_id: ids.get(key).cloned(),
                        required: true,
                    });
                }
            }
            for (qpos, mut q) in rows.into_iter().enumerate() {
                q.position = qpos as i32;
                forms::insert_question(conn, &q)?;
            }
        }
        audit::record(
            conn,
            audit::Entry {
                action: "template.created",
                subject_type: "template",
                subject_id: &template_id,
                details: serde_json::json!({"via": "defaults"}),
                ..Default::default()
            },
        )?;
        Ok(true)
    })
}

//! The built-in competency library and default template, ready on first
//! start. Written for Cermin from the practice of customer-service leadership
//! (see docs/architecture.md); HR can copy and adapt them.

use crate::db::forms::{self, CompetencyRow, Form, QuestionRow, SectionRow, TemplateRow};
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

/// A text of the form as each side reads it: the employee in their own
/// words, the manager about the employee (`{name}` is filled with the
/// employee's name). Indonesian has no gendered pronouns; the English
/// avoids them.
#[derive(Debug, Clone, Copy)]
pub struct Voices {
    pub id: &'static str,
    pub en: &'static str,
    pub manager_id: &'static str,
    pub manager_en: &'static str,
}

/// The employee's wording, then the manager's.
const fn two(
    id: &'static str,
    en: &'static str,
    manager_id: &'static str,
    manager_en: &'static str,
) -> Voices {
    Voices {
        id,
        en,
        manager_id,
        manager_en,
    }
}

/// Words that read right for both sides.
const fn same(id: &'static str, en: &'static str) -> Voices {
    two(id, en, id, en)
}

const NONE: Voices = same("", "");

pub struct DefaultQuestion {
    pub kind: QuestionKind,
    pub side: &'static str,
    pub prompt: Voices,
    pub help: Voices,
    pub required: bool,
}

pub struct DefaultSection {
    pub title: Voices,
    pub help: Voices,
    pub questions: &'static [DefaultQuestion],
}

/// The help of the strengths section: each strength in its own box, as the
/// form asks for them.
const STRENGTHS_HELP: Voices = two(
    "Apa yang Anda lakukan dengan baik? Tulis setiap kekuatan di kotak tersendiri, lalu tekan \"Simpan dan tambah lagi\" untuk kekuatan berikutnya. Kaitkan dengan kompetensi bila cocok.",
    "What do you do well? Write each strength in its own box, then press \"Save and add another\" for the next. Link it to a competency where it fits.",
    "Apa yang dilakukan {name} dengan baik? Tanggapi setiap kekuatan yang ditulis {name}, lalu tambahkan yang Anda lihat sendiri, masing-masing di kotak tersendiri.",
    "What does {name} do well? Respond to each strength on {name}'s list, then add any you have seen yourself, each in its own box.",
);

/// Built-in texts as earlier versions wrote them, each with the text that
/// replaces it. A template that still holds one gets the new text when
/// Cermin starts (see [`add_manager_wording`]); the employee's wording
/// decides, the manager's follows unless HR changed it.
const REPLACED: &[(Voices, Voices)] = &[(
    two(
        "Apa yang Anda lakukan dengan baik? Tulis satu kekuatan per baris; kaitkan dengan kompetensi bila cocok.",
        "What do you do well? One strength per entry; link it to a competency where it fits.",
        "Apa yang dilakukan {name} dengan baik? Tanggapi setiap kekuatan yang ditulis {name}, lalu tambahkan yang Anda lihat sendiri.",
        "What does {name} do well? Respond to each strength on {name}'s list, then add any you have seen yourself.",
    ),
    STRENGTHS_HELP,
)];

/// The default template's sections and questions. The competency section
/// also gets one rating per competency of the library (see [`ensure`]).
pub const SECTIONS: &[DefaultSection] = &[
    DefaultSection {
        title: two("Uraian pekerjaan saya", "My job description",
            "Uraian pekerjaan {name}", "{name}'s job description"),
        help: two("Uraian pekerjaan Anda tampil di atas sebagai dasar harapan. Ceritakan bagaimana Anda memenuhinya.",
            "Your job description is shown above as the baseline. Tell how you meet it.",
            "Uraian pekerjaan {name} tampil di atas sebagai dasar harapan. Nilailah seberapa baik uraian itu dipenuhi, dengan contoh.",
            "{name}'s job description is shown above as the baseline. Say how well it is met, with examples."),
        questions: &[
            DefaultQuestion {
                kind: QuestionKind::Rating,
                side: "both",
                prompt: two("Secara keseluruhan, seberapa baik saya memenuhi uraian pekerjaan saya?",
                    "Overall, how well do I meet my job description?",
                    "Secara keseluruhan, seberapa baik {name} memenuhi uraian pekerjaannya?",
                    "Overall, how well does {name} meet the job description?"),
                help: NONE,
                required: true,
            },
            DefaultQuestion {
                kind: QuestionKind::Text,
                side: "both",
                prompt: two("Bagian mana yang saya kerjakan dengan baik, dan bagian mana yang sulit? Berikan contoh.",
                    "Which parts do I do well, and which are hard? Give examples.",
                    "Bagian pekerjaan mana yang dikerjakan {name} dengan baik, dan bagian mana yang masih sulit? Berikan contoh.",
                    "Which parts of the job does {name} do well, and which are hard? Give examples."),
                help: NONE,
                required: true,
            },
        ],
    },
    DefaultSection {
        title: same("Kompetensi", "Competencies"),
        help: two("Nilai diri Anda untuk setiap kompetensi dan tuliskan buktinya: kejadian nyata, umpan balik pelanggan, catatan Anda.",
            "Rate yourself on each competency and write the evidence: real events, customer feedback, your notes.",
            "Nilai {name} untuk setiap kompetensi dan tuliskan buktinya: kejadian nyata, umpan balik pelanggan, catatan Anda.",
            "Rate {name} on each competency and write the evidence: real events, customer feedback, your notes."),
        questions: &[],
    },
    DefaultSection {
        title: two("Kekuatan saya", "My strengths", "Kekuatan {name}", "{name}'s strengths"),
        help: STRENGTHS_HELP,
        questions: &[DefaultQuestion {
            kind: QuestionKind::Strengths,
            side: "both",
            prompt: same("Kekuatan", "Strengths"),
            help: NONE,
            required: true,
        }],
    },
    DefaultSection {
        title: same("Kelemahan dan area pengembangan", "Weaknesses and areas to grow"),
        help: two("Di mana Anda ingin menjadi lebih baik, dan apa yang akan Anda lakukan? Karyawan yang jujur menilai dirinya paling mudah dibantu.",
            "Where do you want to get better, and what will you do about it? People who see themselves honestly are the easiest to help.",
            "Di mana {name} perlu berkembang, dan bagaimana Anda akan membantu? Tanggapi setiap hal yang ditulis {name}, lalu tambahkan yang Anda lihat sendiri.",
            "Where does {name} need to grow, and how will you help? Respond to each point on {name}'s list, then add what you have seen yourself."),
        questions: &[DefaultQuestion {
            kind: QuestionKind::Weaknesses,
            side: "both",
            prompt: two("Kelemahan dan rencana saya", "Weaknesses and my plan",
                "Kelemahan dan rencana perbaikannya", "Weaknesses and the plan to improve"),
            help: NONE,
            required: true,
        }],
    },
    DefaultSection {
        title: two("Hambatan di luar kendali saya", "Obstacles outside my control",
            "Hambatan di luar kendali {name}", "Obstacles outside {name}'s control"),
        help: two("Masalah struktural yang menghalangi layanan yang baik: alat yang kurang, sistem yang lambat, kebijakan yang tidak jelas, pengetahuan yang tidak pernah diajarkan.",
            "Structural problems that get in the way of good service: missing tools, slow systems, unclear policies, knowledge nobody taught.",
            "Masalah struktural yang menghalangi layanan yang baik, seperti yang dilihat {name}. Tanggapi dengan komentar: apa yang dapat Anda ubah atau teruskan ke atas?",
            "Structural problems that get in the way of good service, as {name} sees them. Answer with a comment: what can you change, or take further?"),
        questions: &[DefaultQuestion {
            kind: QuestionKind::Text,
            side: "self",
            prompt: two("Apa yang menghambat saya melayani pelanggan dengan baik?",
                "What stops me from serving customers well?",
                "Apa yang menghambat {name} melayani pelanggan dengan baik?",
                "What stops {name} from serving customers well?"),
            help: NONE,
            required: false,
        }],
    },
    DefaultSection {
        title: same("Saran", "Suggestions"),
        help: two("Usulan untuk memperbaiki cara kita bekerja. Anda yang paling dekat dengan pelanggan.",
            "Ideas to improve how we work. You are the closest to the customers.",
            "Usulan {name} untuk memperbaiki cara kita bekerja. Tanggapi dengan komentar: apa yang akan dicoba, dan kapan?",
            "{name}'s ideas to improve how we work. Answer with a comment: what will be tried, and when?"),
        questions: &[DefaultQuestion {
            kind: QuestionKind::Text,
            side: "self",
            prompt: two("Apa yang sebaiknya kita ubah atau coba?", "What should we change or try?",
                "Apa yang menurut {name} sebaiknya kita ubah atau coba?",
                "What does {name} think we should change or try?"),
            help: NONE,
            required: false,
        }],
    },
    DefaultSection {
        title: same("Sasaran periode berikutnya", "Goals for the next period"),
        help: two("Sasaran pengembangan dan perbaikan, beserta dukungan atau pelatihan yang Anda butuhkan.",
            "Development and improvement goals, and the support or training you need.",
            "Sasaran pengembangan dan perbaikan untuk {name}, dan apa yang akan dilakukan perusahaan untuk mendukung setiap sasaran. Sasaran yang diusulkan {name} disepakati saat Anda membagikan evaluasi.",
            "Development and improvement goals for {name}, and what we will do to support each one. The goals {name} proposed are agreed when you share the review."),
        questions: &[DefaultQuestion {
            kind: QuestionKind::Goals,
            side: "both",
            prompt: two("Sasaran dan dukungan yang dibutuhkan", "Goals and the support needed",
                "Sasaran dan dukungan dari perusahaan", "Goals and the company's support"),
            help: NONE,
            required: true,
        }],
    },
    DefaultSection {
        title: two("Keputusan yang ingin saya ambil sendiri", "Decisions I would like to make myself",
            "Keputusan yang ingin diambil {name} sendiri", "Decisions {name} would like to make without asking first"),
        help: two("Hal apa yang ingin Anda putuskan tanpa harus meminta izin lebih dulu, dan mengapa?",
            "Which things would you like to decide without asking first, and why?",
            "Hal yang ingin diputuskan {name} tanpa meminta izin lebih dulu. Tanggapi dengan komentar: apa yang bisa Anda serahkan, dan alat atau pelatihan apa yang dibutuhkan?",
            "What {name} would like to decide without asking first. Answer with a comment: what can you hand over, and what tools or training would it take?"),
        questions: &[DefaultQuestion {
            kind: QuestionKind::Text,
            side: "self",
            prompt: two("Keputusan apa, dan alat atau pengetahuan apa yang saya perlukan untuk itu?",
                "Which decisions, and what tools or knowledge would I need?",
                "Keputusan apa, dan alat atau pengetahuan apa yang diperlukan {name} untuk itu?",
                "Which decisions, and what tools or knowledge would {name} need?"),
            help: NONE,
            required: false,
        }],
    },
    DefaultSection {
        title: two("Ringkasan atasan", "Manager's summary", "Ringkasan Anda", "Your summary"),
        help: two("Ringkasan menyeluruh dari atasan, dibagikan kepada karyawan.",
            "The manager's overall summary, shared with the employee.",
            "Ringkasan menyeluruh Anda untuk {name}, dibagikan bersama evaluasi ini.",
            "Your overall summary for {name}, shared with the review."),
        questions: &[DefaultQuestion {
            kind: QuestionKind::Text,
            side: "manager",
            prompt: same("Ringkasan keseluruhan", "Overall summary"),
            help: same("Apa yang berjalan baik, apa yang perlu berubah, dan bagaimana Anda akan membantu.",
                "What went well, what needs to change, and how you will help."),
            required: true,
        }],
    },
];

pub const DEFAULT_TEMPLATE_NAME: &str = "Evaluasi layanan pelanggan / Customer service review";

/// Create the competency library and the default template if they are not
/// there yet, then give the built-in wording for the manager to templates
/// made before it existed ([`add_manager_wording`]). Safe to run at every
/// start. True when the template was created.
pub fn ensure(conn: &mut DbConnection) -> QueryResult<bool> {
    let created = if forms::default_template(conn)?.is_some() {
        false
    } else {
        create(conn)?;
        true
    };
    add_manager_wording(conn)?;
    Ok(created)
}

fn create(conn: &mut DbConnection) -> QueryResult<()> {
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
        for (spos, section) in SECTIONS.iter().enumerate() {
            let section_id = db::new_id();
            forms::insert_section(
                conn,
                &SectionRow {
                    id: section_id.clone(),
                    template_id: template_id.clone(),
                    position: spos as i32,
                    title_id: section.title.id.into(),
                    title_en: section.title.en.into(),
                    help_id: section.help.id.into(),
                    help_en: section.help.en.into(),
                    manager_title_id: section.title.manager_id.into(),
                    manager_title_en: section.title.manager_en.into(),
                    manager_help_id: section.help.manager_id.into(),
                    manager_help_en: section.help.manager_en.into(),
                },
            )?;
            let question = |kind: QuestionKind,
                            side: &str,
                            prompt: Voices,
                            help: Voices,
                            competency_id: Option<String>,
                            required: bool| QuestionRow {
                id: db::new_id(),
                section_id: section_id.clone(),
                position: 0,
                kind,
                side: side.into(),
                prompt_id: prompt.id.into(),
                prompt_en: prompt.en.into(),
                help_id: help.id.into(),
                help_en: help.en.into(),
                competency_id,
                required,
                manager_prompt_id: prompt.manager_id.into(),
                manager_prompt_en: prompt.manager_en.into(),
                manager_help_id: help.manager_id.into(),
                manager_help_en: help.manager_en.into(),
            };
            let mut rows: Vec<QuestionRow> = section
                .questions
                .iter()
                .map(|q| question(q.kind, q.side, q.prompt, q.help, None, q.required))
                .collect();
            if section.title.en == "Competencies" {
                // One rating per competency, answered by both sides. A
                // competency's name and what good looks like read the same
                // for both.
                for (key, name_id, name_en, desc_id, desc_en) in COMPETENCIES {
                    rows.push(question(
                        QuestionKind::CompetencyRating,
                        "both",
                        same(name_id, name_en),
                        same(desc_id, desc_en),
                        ids.get(key).cloned(),
                        true,
                    ));
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
        Ok(())
    })
}

/// The built-in manager wording of a text, if `own` (Indonesian, English)
/// is a built-in text as the employee reads it.
fn manager_wording_of<'a>(
    builtin: impl IntoIterator<Item = &'a Voices>,
    own: (&str, &str),
) -> Option<(&'static str, &'static str)> {
    builtin
        .into_iter()
        .find(|v| (v.id, v.en) == own && !(v.manager_id.is_empty() && v.manager_en.is_empty()))
        .map(|v| (v.manager_id, v.manager_en))
}

/// The sections and questions of `form`, changed to carry the built-in
/// manager wording, where one still reads only in the employee's words
/// (made before the manager had wording of their own) and is worded as a
/// built-in one, and where a section still holds a built-in text an
/// earlier version wrote ([`REPLACED`]). Anything HR has written is kept.
fn reworded(form: &Form) -> (Vec<SectionRow>, Vec<QuestionRow>) {
    let section_titles: Vec<&Voices> = SECTIONS.iter().map(|s| &s.title).collect();
    let section_helps: Vec<&Voices> = SECTIONS.iter().map(|s| &s.help).collect();
    let prompts: Vec<&Voices> = SECTIONS
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| &q.prompt))
        .collect();
    let helps: Vec<&Voices> = SECTIONS
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| &q.help))
        .collect();
    let competencies: Vec<(Voices, Voices)> = COMPETENCIES
        .iter()
        .map(|(_, name_id, name_en, desc_id, desc_en)| {
            (same(name_id, name_en), same(desc_id, desc_en))
        })
        .collect();
    let empty = |id: &str, en: &str| id.trim().is_empty() && en.trim().is_empty();
    let mut sections = vec![];
    let mut questions = vec![];
    for (s, qs) in &form.sections {
        let mut row = s.clone();
        let mut changed = false;
        if let Some((old, new)) = REPLACED
            .iter()
            .find(|(old, _)| (old.id, old.en) == (s.help_id.as_str(), s.help_en.as_str()))
        {
            (row.help_id, row.help_en) = (new.id.into(), new.en.into());
            let manager = (row.manager_help_id.as_str(), row.manager_help_en.as_str());
            if manager == (old.manager_id, old.manager_en) || empty(manager.0, manager.1) {
                (row.manager_help_id, row.manager_help_en) =
                    (new.manager_id.into(), new.manager_en.into());
            }
            changed = true;
        }
        if empty(&s.manager_title_id, &s.manager_title_en) {
            if let Some((id, en)) =
                manager_wording_of(section_titles.iter().copied(), (&s.title_id, &s.title_en))
            {
                (row.manager_title_id, row.manager_title_en) = (id.into(), en.into());
                changed = true;
            }
        }
        if empty(&s.manager_help_id, &s.manager_help_en) && !empty(&s.help_id, &s.help_en) {
            if let Some((id, en)) =
                manager_wording_of(section_helps.iter().copied(), (&s.help_id, &s.help_en))
            {
                (row.manager_help_id, row.manager_help_en) = (id.into(), en.into());
                changed = true;
            }
        }
        if changed {
            sections.push(row);
        }
        for q in qs {
            let mut row = q.clone();
            let mut changed = false;
            let (prompts, helps): (Vec<&Voices>, Vec<&Voices>) =
                if q.kind == QuestionKind::CompetencyRating {
                    competencies.iter().map(|(n, d)| (n, d)).unzip()
                } else {
                    (prompts.clone(), helps.clone())
                };
            if empty(&q.manager_prompt_id, &q.manager_prompt_en) {
                if let Some((id, en)) = manager_wording_of(prompts, (&q.prompt_id, &q.prompt_en)) {
                    (row.manager_prompt_id, row.manager_prompt_en) = (id.into(), en.into());
                    changed = true;
                }
            }
            if empty(&q.manager_help_id, &q.manager_help_en) && !empty(&q.help_id, &q.help_en) {
                if let Some((id, en)) = manager_wording_of(helps, (&q.help_id, &q.help_en)) {
                    (row.manager_help_id, row.manager_help_en) = (id.into(), en.into());
                    changed = true;
                }
            }
            if changed {
                questions.push(row);
            }
        }
    }
    (sections, questions)
}

/// Templates made before each side had its own wording show the manager the
/// employee's words ("How well do I meet my job description?"). Give every
/// built-in section and question that is still worded so the manager's
/// wording, in every template that can still change (copies and versions of
/// the built-in template included). A frozen template keeps what its
/// running cycle asks; if it is the default, it gets a new version with the
/// manager's wording, as HR's "Make a new version to edit" would make, and
/// the default moves to it, so the next cycle reads right. Built-in texts
/// that were reworded since ([`REPLACED`]) are brought up to date the same
/// way.
pub fn add_manager_wording(conn: &mut DbConnection) -> QueryResult<()> {
    db::write_tx(conn, |conn| {
        let all = forms::templates(conn, true)?;
        for t in &all {
            let Some(form) = forms::load_form(conn, &t.id)? else {
                continue;
            };
            let (sections, questions) = reworded(&form);
            if sections.is_empty() && questions.is_empty() {
                continue;
            }
            let frozen = t.frozen || forms::in_use_by_launched_cycle(conn, &t.id)?;
            let target = if !frozen {
                t.id.clone()
            } else if t.is_default && crate::app::form_templates::newest_version(&all, t).is_none()
            {
                let new_id = forms::copy_template(conn, &t.id, None, db::now())?;
                forms::set_default(conn, &t.id, false)?;
                forms::set_default(conn, &new_id, true)?;
                audit::record(
                    conn,
                    audit::Entry {
                        action: "template.versioned",
                        subject_type: "template",
                        subject_id: &new_id,
                        details: serde_json::json!({
                            "from": t.id, "version": t.version + 1, "via": "defaults",
                        }),
                        ..Default::default()
                    },
                )?;
                new_id
            } else {
                continue;
            };
            // The new version's rows have new ids: word them afresh.
            let form = forms::load_form(conn, &target)?.ok_or(diesel::result::Error::NotFound)?;
            let (sections, questions) = reworded(&form);
            for s in &sections {
                forms::update_section(conn, s)?;
            }
            for q in &questions {
                forms::update_question(conn, q)?;
            }
            audit::record(
                conn,
                audit::Entry {
                    action: "template.manager_wording_added",
                    subject_type: "template",
                    subject_id: &target,
                    details: serde_json::json!({
                        "via": "defaults",
                        "sections": sections.len(),
                        "questions": questions.len(),
                    }),
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of the built-in template, with where it is.
    fn texts() -> Vec<(String, Voices)> {
        let mut out = vec![];
        for s in SECTIONS {
            out.push((format!("section {}", s.title.en), s.title));
            out.push((format!("section help {}", s.title.en), s.help));
            for q in s.questions {
                out.push((format!("question {}", q.prompt.en), q.prompt));
                out.push((format!("question help {}", q.prompt.en), q.help));
            }
        }
        out
    }

    #[test]
    fn the_manager_has_wording_of_their_own_in_both_languages() {
        for (what, v) in texts() {
            assert_eq!(
                v.id.is_empty(),
                v.manager_id.is_empty(),
                "{what}: the manager's Indonesian"
            );
            assert_eq!(
                v.en.is_empty(),
                v.manager_en.is_empty(),
                "{what}: the manager's English"
            );
            // The manager speaks about the employee, never as them.
            let id = format!(" {} ", v.manager_id.to_lowercase());
            let en = format!(" {} ", v.manager_en.to_lowercase());
            for first_person in [" saya ", " saya?", " saya."] {
                assert!(!id.contains(first_person), "{what}: {id}");
            }
            for first_person in [" i ", " my ", " me "] {
                assert!(!en.contains(first_person), "{what}: {en}");
            }
            // The only placeholder is the employee's name.
            for text in [v.manager_id, v.manager_en] {
                let without = text.replace(crate::domain::review::NAME_PLACEHOLDER, "");
                assert!(
                    !without.contains('{') && !without.contains('}'),
                    "{what}: {text}"
                );
            }
        }
        // Questions both sides answer are worded apart where the employee
        // speaks of themselves.
        let own = &SECTIONS[0].questions[0].prompt;
        assert_ne!(own.en, own.manager_en);
        assert!(own.manager_en.contains("{name}"));
    }
}

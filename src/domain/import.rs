//! Importing people from CSV: parse the file, then plan what each row would
//! do against the current directory (create, change, nothing, or reject with a
//! reason). Planning is pure, so the preview and the import itself use the
//! same rules.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::person::{self, PersonDetails, PersonFieldError};
use super::{EmailAddress, Lang, Role};

pub const MAX_ROWS: usize = 20_000;

/// The columns, with the names people may give them (English and Indonesian).
const COLUMNS: &[(&str, &[&str])] = &[
    ("email", &["email", "e_mail", "surel"]),
    ("name", &["name", "nama", "full_name", "nama_lengkap"]),
    (
        "department",
        &["department", "departemen", "bagian", "divisi"],
    ),
    ("job_title", &["job_title", "jabatan", "title"]),
    (
        "manager_email",
        &["manager_email", "email_atasan", "manager"],
    ),
    ("role", &["role", "peran"]),
    ("language", &["language", "bahasa", "lang"]),
    (
        "job_description",
        &["job_description", "uraian_pekerjaan", "deskripsi_pekerjaan"],
    ),
];
const REQUIRED: &[&str] = &["email", "name"];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("empty")]
    Empty,
    #[error("not UTF-8")]
    NotUtf8,
    #[error("missing column {0}")]
    MissingColumn(&'static str),
    #[error("too many rows")]
    TooManyRows,
    #[error("unreadable: {0}")]
    Unreadable(String),
}

impl ImportError {
    pub fn message_key(&self) -> &'static str {
        match self {
            ImportError::Empty => "import-error-empty",
            ImportError::NotUtf8 => "import-error-encoding",
            ImportError::MissingColumn(_) => "import-error-missing-column",
            ImportError::TooManyRows => "import-error-too-many-rows",
            ImportError::Unreadable(_) => "import-error-unreadable",
        }
    }
}

/// One CSV row as written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportRow {
    pub line: usize,
    pub email: String,
    pub name: String,
    /// `None` when the file has no such column: the current value is kept.
    pub department: Option<String>,
    pub job_title: Option<String>,
    pub manager_email: Option<String>,
    pub role: String,
    pub language: String,
    /// `None` when the file has no such column or the cell is empty: keep what is there.
    pub job_description: Option<String>,
}

fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// Read CSV text (comma or semicolon separated, as spreadsheet programs write it).
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<ImportRow>, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Unreadable(e.to_string()))?
        .clone();
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = normalise_header(h);
        if let Some((col, _)) = COLUMNS
            .iter()
            .find(|(_, names)| names.contains(&h.as_str()))
        {
            index.entry(col).or_insert(i);
        }
    }
    for col in REQUIRED {
        if !index.contains_key(col) {
            return Err(ImportError::MissingColumn(col));
        }
    }
    let mut rows = vec![];
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::Unreadable(e.to_string()))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows);
        }
        let cell = |col: &str| {
            index
                .get(col)
                .and_then(|i| record.get(*i))
                .unwrap_or("")
                .to_string()
        };
        let column = |col: &str| index.contains_key(col).then(|| cell(col));
        rows.push(ImportRow {
            line: record
                .position()
                .map(|p| p.line() as usize)
                .unwrap_or(n + 2),
            email: cell("email"),
            name: cell("name"),
            department: column("department"),
            job_title: column("job_title"),
            manager_email: column("manager_email"),
            role: cell("role"),
            language: cell("language"),
            job_description: Some(cell("job_description")).filter(|s| !s.trim().is_empty()),
        });
    }
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(rows)
}

/// A person already in the directory, as the import compares them.
#[derive(Debug, Clone)]
pub struct Existing {
    pub name: String,
    pub department: String,
    pub job_title: String,
    pub job_description: String,
    pub role: String,
    pub lang: String,
    pub manager_email: Option<String>,
    pub active: bool,
}

/// What a row will do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Create,
    Change { fields: Vec<&'static str> },
    Unchanged,
    Reject { reasons: Vec<&'static str> },
}

#[derive(Debug, Clone, Serialize)]
pub struct PlannedRow {
    pub line: usize,
    pub email: String,
    pub name: String,
    pub outcome: Outcome,
    #[serde(skip)]
    pub details: Option<PersonDetails>,
    /// Lower-case manager email, if any.
    pub manager_email: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    pub rows: Vec<PlannedRow>,
    pub creates: usize,
    pub changes: usize,
    pub unchanged: usize,
    pub rejects: usize,
}

fn validate(
    row: &ImportRow,
    existing: Option<&Existing>,
    default_lang: Lang,
) -> Result<PersonDetails, Vec<&'static str>> {
    let mut reasons = vec![];
    let mut keep =
        |r: Result<String, PersonFieldError>| r.map_err(|e| reasons.push(e.message_key())).ok();
    let email = keep(
        EmailAddress::parse(&row.email)
            .map(EmailAddress::into_string)
            .map_err(PersonFieldError::from),
    );
    let name = keep(person::parse_name(&row.name));
    let kept = |col: &Option<String>, current: Option<&String>| {
        col.clone()
            .unwrap_or_else(|| current.cloned().unwrap_or_default())
    };
    let department = keep(person::parse_short_text(
        "department",
        &kept(&row.department, existing.map(|e| &e.department)),
    ));
    let job_title = keep(person::parse_short_text(
        "job_title",
        &kept(&row.job_title, existing.map(|e| &e.job_title)),
    ));
    let job_description = match &row.job_description {
        Some(j) => keep(person::parse_job_description(j)),
        None => Some(
            existing
                .map(|e| e.job_description.clone())
                .unwrap_or_default(),
        ),
    };
    let role = if row.role.trim().is_empty() {
        Some(
            existing
                .map(|e| Role::from_stored(&e.role))
                .unwrap_or(Role::Employee),
        )
    } else {
        Role::parse(&row.role).or_else(|| {
            reasons.push("error-role-invalid");
            None
        })
    };
    let lang = if row.language.trim().is_empty() {
        Some(
            existing
                .and_then(|e| Lang::parse(&e.lang))
                .unwrap_or(default_lang),
        )
    } else {
        Lang::parse(&row.language).or_else(|| {
            reasons.push("error-lang-invalid");
            None
        })
    };
    match (
        email.and_then(|e| EmailAddress::parse(&e).ok()),
        name,
        department,
        job_title,
        job_description,
        role,
        lang,
    ) {
        (
            Some(email),
            Some(name),
            Some(department),
            Some(job_title),
            Some(job_description),
            Some(role),
            Some(lang),
        ) if reasons.is_empty() => Ok(PersonDetails {
            email,
            name,
            role,
            department,
            job_title,
            job_description,
            lang,
        }),
        _ => Err(reasons),
    }
}

/// Plan the import of `rows` against `existing` (keyed by lower-case email).
/// `importer`: the email of the HR person importing, who may not change
/// their own role this way (as on the form).
pub fn plan(
    rows: &[ImportRow],
    existing: &HashMap<String, Existing>,
    default_lang: Lang,
    importer: Option<&str>,
) -> Plan {
    let mut planned: Vec<PlannedRow> = Vec::with_capacity(rows.len());
    let mut seen: HashSet<String> = HashSet::new();
    for row in rows {
        let key = row.email.trim().to_lowercase();
        let current = existing.get(&key);
        let manager_email = match &row.manager_email {
            Some(m) => Some(m.trim().to_lowercase()).filter(|m| !m.is_empty()),
            None => current.and_then(|c| c.manager_email.clone()),
        };
        let mut outcome_reasons = vec![];
        let details = match validate(row, current, default_lang) {
            Ok(d) => Some(d),
            Err(r) => {
                outcome_reasons = r;
                None
            }
        };
        if !seen.insert(key.clone()) {
            outcome_reasons.push("import-reason-duplicate");
        }
        if let Some(m) = &manager_email {
            if EmailAddress::parse(m).is_err() {
                outcome_reasons.push("import-reason-manager-invalid");
            } else if *m == key {
                outcome_reasons.push("import-reason-manager-self");
            }
        }
        if current.is_some_and(|c| !c.active) {
            outcome_reasons.push("import-reason-inactive");
        }
        if let (Some(me), Some(c), Some(d)) = (importer, current, &details) {
            if me == key && c.role != d.role.code() {
                outcome_reasons.push("error-role-own");
            }
        }
        let outcome = if outcome_reasons.is_empty() {
            Outcome::Create
        } else {
            Outcome::Reject {
                reasons: outcome_reasons,
            }
        };
        planned.push(PlannedRow {
            line: row.line,
            email: row.email.trim().to_string(),
            name: row.name.trim().to_string(),
            outcome,
            details,
            manager_email,
        });
    }

    // Managers must exist (active) or be created by an accepted row; repeat
    // until no more rows fall, since rejecting a manager's row rejects theirs.
    loop {
        let accepted: HashSet<String> = planned
            .iter()
            .filter(|r| !matches!(r.outcome, Outcome::Reject { .. }))
            .map(|r| r.email.to_lowercase())
            .collect();
        let mut fell = false;
        for r in planned
            .iter_mut()
            .filter(|r| !matches!(r.outcome, Outcome::Reject { .. }))
        {
            if let Some(m) = &r.manager_email {
                let known = accepted.contains(m) || existing.get(m).is_some_and(|e| e.active);
                if !known {
                    r.outcome = Outcome::Reject {
                        reasons: vec!["import-reason-manager-unknown"],
                    };
                    fell = true;
                }
            }
        }
        if !fell {
            break;
        }
    }

    // Loops in the resulting manager graph: the file's rows override the directory.
    let mut manager_of: HashMap<String, Option<String>> = existing
        .iter()
        .map(|(k, e)| (k.clone(), e.manager_email.clone()))
        .collect();
    for r in planned
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::Reject { .. }))
    {
        manager_of.insert(r.email.to_lowercase(), r.manager_email.clone());
    }
    for r in planned
        .iter_mut()
        .filter(|r| !matches!(r.outcome, Outcome::Reject { .. }))
    {
        let me = r.email.to_lowercase();
        if let Some(m) = &r.manager_email {
            if person::creates_manager_cycle(&me, m, |id| manager_of.get(id).cloned().flatten()) {
                r.outcome = Outcome::Reject {
                    reasons: vec!["import-reason-manager-cycle"],
                };
            }
        }
    }

    // What accepted rows change.
    for r in planned.iter_mut() {
        if matches!(r.outcome, Outcome::Reject { .. }) {
            continue;
        }
        let Some(d) = &r.details else { continue };
        if let Some(e) = existing.get(&r.email.to_lowercase()) {
            let mut fields = vec![];
            if e.name != d.name {
                fields.push("name");
            }
            if e.department != d.department {
                fields.push("department");
            }
            if e.job_title != d.job_title {
                fields.push("job_title");
            }
            if e.job_description != d.job_description {
                fields.push("job_description");
            }
            if e.role != d.role.code() {
                fields.push("role");
            }
            if e.lang != d.lang.code() {
                fields.push("language");
            }
            if e.manager_email != r.manager_email {
                fields.push("manager_email");
            }
            r.outcome = if fields.is_empty() {
                Outcome::Unchanged
            } else {
                Outcome::Change { fields }
            };
        }
    }

    let mut plan = Plan {
        rows: planned,
        ..Default::default()
    };
    for r in &plan.rows {
        match r.outcome {
            Outcome::Create => plan.creates += 1,
            Outcome::Change { .. } => plan.changes += 1,
            Outcome::Unchanged => plan.unchanged += 1,
            Outcome::Reject { .. } => plan.rejects += 1,
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn existing(manager: Option<&str>) -> Existing {
        Existing {
            name: "Ayu Lestari".into(),
            department: "Layanan".into(),
            job_title: "Agen".into(),
            job_description: String::new(),
            role: "employee".into(),
            lang: "id".into(),
            manager_email: manager.map(str::to_string),
            active: true,
        }
    }

    #[test]
    fn reads_semicolons_bom_and_indonesian_headers() {
        let csv = "\u{feff}Email;Nama;Departemen;Jabatan;Email Atasan;Peran;Bahasa\nayu@contoh.id;Ayu Lestari;Layanan;Agen;;karyawan;id\n";
        let rows = parse_csv(csv.as_bytes()).expect("parses");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "Ayu Lestari");
        assert_eq!(rows[0].role, "karyawan");
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn missing_required_column_is_named() {
        assert_eq!(
            parse_csv(b"email,department\na@b.id,x\n").err(),
            Some(ImportError::MissingColumn("name"))
        );
    }

    #[test]
    fn plans_create_change_unchanged_and_rejects() {
        let csv = "email,name,department,job_title,manager_email,role,language\n\
                   boss@contoh.id,Bos Besar,Layanan,Kepala,,manager,id\n\
                   ayu@contoh.id,Ayu Lestari,Layanan,Agen,boss@contoh.id,employee,id\n\
                   same@contoh.id,Ayu Lestari,Layanan,Agen,,employee,id\n\
                   ghost@contoh.id,Hantu,Layanan,Agen,nobody@contoh.id,employee,id\n\
                   bad,Tanpa Email,Layanan,Agen,,employee,id\n\
                   x@contoh.id,X,Layanan,Agen,,chief,id\n";
        let rows = parse_csv(csv.as_bytes()).expect("parses");
        let mut ex = HashMap::new();
        ex.insert("ayu@contoh.id".to_string(), existing(None));
        ex.insert("same@contoh.id".to_string(), existing(None));
        let p = plan(&rows, &ex, Lang::Id, None);
        assert_eq!(p.rows[0].outcome, Outcome::Create);
        assert_eq!(
            p.rows[1].outcome,
            Outcome::Change {
                fields: vec!["manager_email"]
            }
        );
        assert_eq!(p.rows[2].outcome, Outcome::Unchanged);
        assert_eq!(
            p.rows[3].outcome,
            Outcome::Reject {
                reasons: vec!["import-reason-manager-unknown"]
            }
        );
        assert!(matches!(p.rows[4].outcome, Outcome::Reject { .. }));
        assert_eq!(
            p.rows[5].outcome,
            Outcome::Reject {
                reasons: vec!["error-role-invalid"]
            }
        );
        assert_eq!((p.creates, p.changes, p.unchanged, p.rejects), (1, 1, 1, 3));
    }

    #[test]
    fn manager_loops_are_rejected() {
        let csv =
            "email,name,manager_email\na@contoh.id,A,b@contoh.id\nb@contoh.id,B,a@contoh.id\n";
        let p = plan(
            &parse_csv(csv.as_bytes()).expect("parses"),
            &HashMap::new(),
            Lang::Id,
            None,
        );
        assert!(p.rows.iter().all(|r| r.outcome
            == Outcome::Reject {
                reasons: vec!["import-reason-manager-cycle"]
            }));
        // and against the directory: the file makes an existing manager report to their own report
        let mut ex = HashMap::new();
        ex.insert("m@contoh.id".to_string(), existing(None));
        ex.insert("e@contoh.id".to_string(), existing(Some("m@contoh.id")));
        let csv = "email,name,manager_email\nm@contoh.id,Ayu Lestari,e@contoh.id\n";
        let p = plan(
            &parse_csv(csv.as_bytes()).expect("parses"),
            &ex,
            Lang::Id,
            None,
        );
        assert_eq!(
            p.rows[0].outcome,
            Outcome::Reject {
                reasons: vec!["import-reason-manager-cycle"]
            }
        );
    }

    #[test]
    fn absent_columns_keep_values_and_own_role_is_refused() {
        let mut ex = HashMap::new();
        ex.insert("ayu@contoh.id".to_string(), existing(Some("m@contoh.id")));
        ex.insert("m@contoh.id".to_string(), existing(None));
        let csv = "email,name\nayu@contoh.id,Ayu Lestari\n";
        let p = plan(
            &parse_csv(csv.as_bytes()).expect("parses"),
            &ex,
            Lang::Id,
            None,
        );
        assert_eq!(
            p.rows[0].outcome,
            Outcome::Unchanged,
            "no department, title or manager column: nothing is wiped"
        );
        let csv = "email,name,role\nm@contoh.id,Ayu Lestari,hr\n";
        let p = plan(
            &parse_csv(csv.as_bytes()).expect("parses"),
            &ex,
            Lang::Id,
            Some("m@contoh.id"),
        );
        assert_eq!(
            p.rows[0].outcome,
            Outcome::Reject {
                reasons: vec!["error-role-own"]
            }
        );
    }
}

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

/// The largest file (or pasted text) an import reads.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Why a file cannot be imported at all; each names the line where it can
/// (lines count from 1, the header row included, as a text editor does).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("empty")]
    Empty,
    #[error("larger than {MAX_BYTES} bytes")]
    TooLarge,
    #[error("not UTF-8 from line {line}")]
    NotUtf8 { line: usize },
    #[error("missing column {0}")]
    MissingColumn(&'static str),
    #[error("more than {MAX_ROWS} rows")]
    TooManyRows,
    #[error("a quote opened on line {line} is never closed")]
    UnclosedQuote { line: usize },
    #[error("control characters on line {line}")]
    NotText { line: usize },
    #[error("unreadable at line {line}: {reason}")]
    Unreadable { line: usize, reason: String },
}

impl ImportError {
    pub fn message_key(&self) -> &'static str {
        match self {
            ImportError::Empty => "import-error-empty",
            ImportError::TooLarge => "import-error-too-large",
            ImportError::NotUtf8 { .. } => "import-error-encoding",
            ImportError::MissingColumn(_) => "import-error-missing-column",
            ImportError::TooManyRows => "import-error-too-many-rows",
            ImportError::UnclosedQuote { .. } => "import-error-unclosed-quote",
            ImportError::NotText { .. } => "import-error-control",
            ImportError::Unreadable { .. } => "import-error-unreadable",
        }
    }

    /// The line the message names, if any.
    pub fn line(&self) -> Option<usize> {
        match self {
            ImportError::NotUtf8 { line }
            | ImportError::UnclosedQuote { line }
            | ImportError::NotText { line }
            | ImportError::Unreadable { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// The line a quoted value that never closes starts on, if there is one.
/// A CSV reader takes everything after such a quote as one value (the rest of
/// the file in one cell), so the file is refused instead, naming the line.
/// Quotes open a value only at its start (RFC 4180), and `""` inside a quoted
/// value is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_on) = (1, 0);
    let (mut quoted, mut at_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if quoted {
            if c == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if c == b'"' && at_start {
            quoted = true;
            opened_on = line;
        }
        if c == b'\n' {
            line += 1;
        }
        if !quoted {
            at_start = c == delimiter || c == b'\n' || c == b'\r';
        }
        i += 1;
    }
    quoted.then_some(opened_on)
}

fn line_of_byte(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
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
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        line: line_of_byte(bytes, e.valid_up_to()),
    })?;
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
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(ImportError::UnclosedQuote { line });
    }
    let unreadable = |e: csv::Error| ImportError::Unreadable {
        line: e.position().map(|p| p.line() as usize).unwrap_or(1),
        reason: e.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(unreadable)?.clone();
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
        let record = record.map_err(unreadable)?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(n + 2);
        // The one text rule (`domain::text`), as for a form field.
        if record
            .iter()
            .any(|c| super::text::check(c, super::text::Origin::FormField).is_err())
        {
            return Err(ImportError::NotText { line });
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
            line,
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

    #[test]
    fn an_unclosed_quote_names_its_line() {
        assert_eq!(unclosed_quote("a,b\n1,\"x\n2,y\n", b','), Some(2));
        assert_eq!(
            unclosed_quote("a,b\n1,\"x\ny\"\n2,\"\"\"q\"\"\"\n", b','),
            None
        );
        // A quote inside an unquoted value is a character, as the reader takes it.
        assert_eq!(unclosed_quote("a;b\n1;5\" monitor\n", b';'), None);
        assert_eq!(
            parse_csv(b"email,name\nx@y.id,\"Ana\n").err(),
            Some(ImportError::UnclosedQuote { line: 2 })
        );
        assert_eq!(
            parse_csv(b"email,name\nx@y.id,Ana\n\xff").err(),
            Some(ImportError::NotUtf8 { line: 3 })
        );
    }

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

//! Downloads of a cycle's results: one row per review (every rating of
//! each side, the dates, counts of strengths, weaknesses and goals), and
//! one row per goal; as CSV or as an XLSX workbook.
//!
//! [`begin`] is the command: it asks policy who may download what, refuses
//! private comments to anyone but HR, and records the download in the audit
//! log (who, when, which file, whether private comments were included).
//! [`write_results`] and [`write_goals`] then read the cycle in batches of
//! [`BATCH`] reviews (key-set paging, name order) inside one read snapshot
//! and hand each batch to a [`Sheet`], so a 10,000-person cycle never sits
//! in memory. Each row shows only what policy lets the downloader read of
//! that review, asked per review as the review pages ask it; every text
//! cell is neutralised against formulas (`domain::export::neutralise`).

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeZone};
use serde_json::json;

use super::{Actor, Clock, Error};
use crate::db::exports::{self as q, After, ExportReview};
use crate::db::{self, audit, cycles, forms, DbConnection, QueryError};
use crate::domain::export::{neutralise, ExportKind};
use crate::domain::policy::{self, ExportScope, ReviewFacts};
use crate::domain::review::{CycleStatus, QuestionKind, Side};
use crate::domain::{CycleId, Lang};
use crate::i18n::{pick, t};

/// Reviews read (and rows written) per batch.
pub const BATCH: i64 = 500;

/// What the downloader asked for.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub kind: ExportKind,
    /// Put the managers' private comments in (HR only; audited).
    pub include_private: bool,
}

/// A rating column pair: a question with a 1–5 scale, and who answers it.
#[derive(Debug, Clone)]
struct RatingQuestion {
    id: String,
    label: String,
    own: bool,
    manager: bool,
}

/// Everything the rows are built from, decided by [`begin`].
#[derive(Debug, Clone)]
pub struct Plan {
    pub actor: Actor,
    pub cycle_id: String,
    pub cycle_name: String,
    pub kind: ExportKind,
    pub include_private: bool,
    /// `Some(manager)`: only the reviews this manager writes.
    manager: Option<String>,
    status: CycleStatus,
    lang: Lang,
    tz: chrono_tz::Tz,
    ratings: Vec<RatingQuestion>,
    /// The cycle has a calibration step: a final rating column follows each
    /// manager rating. `Some(final_visible)`.
    calibration: Option<bool>,
}

/// What the download page offers this reader.
#[derive(Debug, Clone)]
pub struct Offer {
    pub cycle_id: String,
    pub cycle_name: String,
    /// Every review (HR), or only the reviews the reader writes.
    pub everyone: bool,
    pub may_include_private: bool,
    /// Reviews the download covers.
    pub reviews: i64,
}

/// The download page: who may open it is the same rule [`begin`] applies.
pub fn offer(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
) -> Result<Offer, Error> {
    let (cycle, manager) = scope_of(conn, actor, cycle_id)?;
    if cycle.status(clock.today) == CycleStatus::Draft {
        return Err(Error::NotNow("export-error-draft"));
    }
    Ok(Offer {
        reviews: q::count_reviews(conn, &cycle.id, manager.as_deref())?,
        everyone: manager.is_none(),
        may_include_private: policy::may_export_private_comments(actor),
        cycle_id: cycle.id,
        cycle_name: cycle.name,
    })
}

/// The cycle, and whose reviews the reader may download from it (`None`:
/// every review; a manager: the reviews they write). The one place both
/// the page and the download ask `policy::export_scope`.
fn scope_of(
    conn: &mut DbConnection,
    actor: &Actor,
    cycle_id: &CycleId,
) -> Result<(cycles::CycleRow, Option<String>), Error> {
    let cycle = cycles::find(conn, cycle_id.as_str())?.ok_or(Error::NotFound)?;
    let manages = q::manages_in_cycle(conn, &cycle.id, &actor.id)?;
    let manager = match policy::export_scope(actor, manages).ok_or(Error::Forbidden)? {
        ExportScope::Everyone => None,
        ExportScope::ManagedBy(id) => Some(id.to_string()),
    };
    Ok((cycle, manager))
}

/// Check, record and plan a download of a cycle.
pub fn begin(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
    options: Options,
    lang: Lang,
    tz: chrono_tz::Tz,
) -> Result<Plan, Error> {
    db::write_tx(conn, |conn| {
        let (cycle, manager) = scope_of(conn, actor, cycle_id)?;
        if options.include_private && !policy::may_export_private_comments(actor) {
            return Err(Error::Forbidden);
        }
        let status = cycle.status(clock.today);
        if status == CycleStatus::Draft {
            return Err(Error::NotNow("export-error-draft"));
        }
        let form = forms::load_form(conn, &cycle.template_id)?.ok_or(Error::NotFound)?;
        let names: HashMap<String, (String, String)> = forms::competencies(conn, true)?
            .into_iter()
            .map(|c| (c.id, (c.name_id, c.name_en)))
            .collect();
        let ratings = form
            .questions()
            .filter(|q| {
                matches!(
                    q.kind,
                    QuestionKind::Rating | QuestionKind::CompetencyRating
                )
            })
            .map(|q| {
                let label = q
                    .competency_id
                    .as_ref()
                    .and_then(|c| names.get(c))
                    .map(|(i, e)| pick(lang, i, e))
                    // A column is about everyone: the manager's wording
                    // with "the employee" for the name, never "I".
                    .unwrap_or_else(|| {
                        q.prompt().read(
                            Side::Manager,
                            lang,
                            &crate::i18n::t(lang, "the-person-reviewed"),
                        )
                    });
                RatingQuestion {
                    id: q.id.clone(),
                    label,
                    own: q.side != "manager",
                    manager: q.side != "self",
                }
            })
            .collect();
        let calibration = crate::db::calibration::find(conn, &cycle.id)?.map(|c| c.final_visible);
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "cycle.exported",
                subject_type: "cycle",
                subject_id: &cycle.id,
                cycle_id: Some(&cycle.id),
                details: json!({
                    "file": options.kind.code(),
                    // What the file holds: the goals file has no comments
                    // to include, whatever the box said.
                    "private_comments": options.include_private && options.kind.holds_comments(),
                    "scope": if manager.is_some() { "own_reviews" } else { "everyone" },
                }),
                ..Default::default()
            },
        )?;
        Ok(Plan {
            actor: actor.clone(),
            cycle_id: cycle.id.clone(),
            cycle_name: cycle.name.clone(),
            kind: options.kind,
            include_private: options.include_private,
            manager,
            status,
            lang,
            tz,
            ratings,
            calibration,
        })
    })
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
    /// A moment, in the company's time zone, to the minute.
    Time(NaiveDateTime),
    /// A day.
    Date(chrono::NaiveDate),
    Empty,
}

impl Cell {
    /// Text from a person: neutralised against formulas.
    fn typed(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(neutralise(s).into_owned())
        }
    }
}

/// Where rows go: a CSV stream or a worksheet. `false` from `rows`: the
/// reader went away, stop.
pub trait Sheet {
    fn header(&mut self, names: &[String]) -> Result<(), SheetError>;
    fn rows(&mut self, rows: &[Vec<Cell>]) -> Result<bool, SheetError>;
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("writing the file: {0}")]
    Write(String),
}

impl Plan {
    fn when(&self, at: Option<NaiveDateTime>) -> Cell {
        match at {
            Some(at) => Cell::Time(
                chrono::Utc
                    .from_utc_datetime(&at)
                    .with_timezone(&self.tz)
                    .naive_local(),
            ),
            None => Cell::Empty,
        }
    }

    fn facts<'a>(&self, r: &'a ExportReview) -> ReviewFacts<'a> {
        ReviewFacts {
            person_id: &r.person_id,
            manager_id: r.manager_id.as_deref(),
            state: r.state,
            cycle: self.status,
            was_shared: r.shared_at.is_some(),
            was_submitted: r.self_submitted_at.is_some(),
            handed_in: r.handed_in_at.is_some(),
        }
    }

    fn side_word(&self, side: Side) -> String {
        t(self.lang, &format!("export-side-{}", side.code()))
    }

    /// The names of the results' columns, in the downloader's language.
    pub fn results_header(&self) -> Vec<String> {
        let l = self.lang;
        let mut h: Vec<String> = [
            "export-col-person",
            "export-col-email",
            "export-col-department",
            "export-col-job-title",
            "export-col-manager",
            "export-col-state",
            "export-col-self-submitted",
            "export-col-shared",
            "export-col-acknowledged",
        ]
        .iter()
        .map(|k| t(l, k))
        .collect();
        for r in &self.ratings {
            for (answers, side) in [(r.own, Side::Own), (r.manager, Side::Manager)] {
                if answers {
                    h.push(format!("{} ({})", r.label, self.side_word(side)));
                }
                if answers && side == Side::Manager && self.calibration.is_some() {
                    h.push(format!("{} ({})", r.label, t(l, "export-col-final")));
                }
            }
        }
        for k in [
            "export-col-strengths-self",
            "export-col-strengths-manager",
            "export-col-weaknesses-self",
            "export-col-weaknesses-manager",
            "export-col-goals",
        ] {
            h.push(t(l, k));
        }
        if self.include_private {
            h.push(t(l, "export-col-private"));
        }
        h
    }

    /// The names of the goals' columns.
    pub fn goals_header(&self) -> Vec<String> {
        [
            "export-col-person",
            "export-col-email",
            "export-col-department",
            "export-col-manager",
            "export-col-state",
            "export-col-goal-kind",
            "export-col-goal-title",
            "export-col-goal-description",
            "export-col-goal-support",
            "export-col-goal-status",
            "export-col-goal-due",
            "export-col-goal-author",
        ]
        .iter()
        .map(|k| t(self.lang, k))
        .collect()
    }

    fn person_cells(&self, r: &ExportReview, with_job: bool) -> Vec<Cell> {
        let mut row = vec![
            Cell::typed(&r.person_name),
            Cell::typed(&r.email),
            Cell::typed(&r.department),
        ];
        if with_job {
            row.push(Cell::typed(&r.job_title));
        }
        row.push(Cell::typed(r.manager_name.as_deref().unwrap_or_default()));
        row.push(Cell::Text(t(
            self.lang,
            &format!("cycles-state-{}", r.state.code()),
        )));
        row
    }
}

/// Each batch of the cycle's reviews the downloader may open, in name order,
/// inside one read snapshot; `f` returns `false` to stop.
fn each_batch(
    conn: &mut DbConnection,
    plan: &Plan,
    mut f: impl FnMut(&mut DbConnection, Vec<ExportReview>) -> Result<bool, SheetError>,
) -> Result<(), SheetError> {
    db::read_snapshot(conn, |conn| {
        let mut after: Option<After> = None;
        loop {
            let batch = q::reviews_batch(
                conn,
                &plan.cycle_id,
                plan.manager.as_deref(),
                after.as_ref(),
                BATCH,
            )?;
            let Some(last) = batch.last() else {
                return Ok(());
            };
            after = Some(After {
                name: last.person_name.clone(),
                id: last.id.clone(),
            });
            let full = batch.len() as i64 == BATCH;
            let visible: Vec<ExportReview> = batch
                .into_iter()
                .filter(|r| policy::may_view_review(&plan.actor, plan.facts(r)))
                .collect();
            if !visible.is_empty() && !f(conn, visible)? {
                return Ok(());
            }
            if !full {
                return Ok(());
            }
        }
    })
}

/// Write the results, one row per review, to `sheet`. Returns the rows written.
pub fn write_results(
    conn: &mut DbConnection,
    plan: &Plan,
    sheet: &mut dyn Sheet,
) -> Result<usize, SheetError> {
    sheet.header(&plan.results_header())?;
    let mut written = 0;
    each_batch(conn, plan, |conn, batch| {
        let ids: Vec<String> = batch.iter().map(|r| r.id.clone()).collect();
        let mut ratings: HashMap<(&str, &str, Side), i64> = HashMap::new();
        let rating_rows = q::ratings_of(conn, &ids)?;
        let adjusted = if plan.calibration.is_some() {
            crate::db::calibration::newest_of(conn, &ids)?
        } else {
            HashMap::new()
        };
        for a in &rating_rows {
            if let Some(v) = a.rating {
                ratings.insert((&a.review_id, &a.question_id, a.side), i64::from(v));
            }
        }
        // (review, kind, side) → how many entries that side wrote itself.
        let mut entries: HashMap<(String, String, Side), i64> = HashMap::new();
        for e in q::entries_of(conn, &ids)? {
            if let (Some(rid), None) = (e.review_id, e.responds_to_id) {
                *entries.entry((rid, e.kind, e.side)).or_default() += 1;
            }
        }
        let mut goals: HashMap<String, (i64, i64)> = HashMap::new();
        let mut person_of: HashMap<&str, &str> = HashMap::new();
        for r in &batch {
            person_of.insert(&r.id, &r.person_id);
        }
        for g in q::goals_of(conn, &ids)? {
            let Some(rid) = g.review_id else { continue };
            let by_person = g
                .author_id
                .as_deref()
                .is_none_or(|a| Some(&a) == person_of.get(rid.as_str()));
            let counts = goals.entry(rid).or_default();
            if by_person {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
        let mut private: HashMap<String, Vec<String>> = HashMap::new();
        if plan.include_private {
            for (rid, body) in q::private_comments_of(conn, &ids)? {
                private.entry(rid).or_default().push(body);
            }
        }
        let mut rows = Vec::with_capacity(batch.len());
        for r in &batch {
            let f = plan.facts(r);
            let own = policy::may_read_self_assessment(&plan.actor, f);
            let manager = policy::may_read_manager_review(&plan.actor, f);
            let mut row = plan.person_cells(r, true);
            row.push(plan.when(r.self_submitted_at));
            row.push(plan.when(r.shared_at));
            row.push(plan.when(r.acknowledged_at));
            for question in &plan.ratings {
                for (answers, side, sees) in [
                    (question.own, Side::Own, own),
                    (question.manager, Side::Manager, manager),
                ] {
                    if answers {
                        row.push(
                            ratings
                                .get(&(r.id.as_str(), question.id.as_str(), side))
                                .filter(|_| sees)
                                .map_or(Cell::Empty, |v| Cell::Number(*v)),
                        );
                    }
                    if let (true, Side::Manager, Some(final_visible)) =
                        (answers, side, plan.calibration)
                    {
                        let given = ratings
                            .get(&(r.id.as_str(), question.id.as_str(), side))
                            .copied();
                        let newest = adjusted
                            .get(&(r.id.clone(), question.id.clone()))
                            .map(|v| i64::from(*v));
                        let shown =
                            sees && policy::sees_final_ratings(&plan.actor, f, final_visible);
                        row.push(
                            newest
                                .or(given)
                                .filter(|_| shown)
                                .map_or(Cell::Empty, Cell::Number),
                        );
                    }
                }
            }
            let count = |kind: &str, side: Side, sees: bool| {
                if sees {
                    Cell::Number(
                        entries
                            .get(&(r.id.clone(), kind.to_string(), side))
                            .copied()
                            .unwrap_or(0),
                    )
                } else {
                    Cell::Empty
                }
            };
            row.push(count("strength", Side::Own, own));
            row.push(count("strength", Side::Manager, manager));
            row.push(count("weakness", Side::Own, own));
            row.push(count("weakness", Side::Manager, manager));
            let (by_person, by_manager) = goals.get(&r.id).copied().unwrap_or((0, 0));
            let goal_count =
                (if own { by_person } else { 0 }) + (if manager { by_manager } else { 0 });
            row.push(Cell::Number(goal_count));
            if plan.include_private {
                let sees = policy::may_read_private_comments(&plan.actor, f);
                let text = private
                    .get(&r.id)
                    .filter(|_| sees)
                    .map(|c| c.join("\n\n"))
                    .unwrap_or_default();
                row.push(Cell::typed(&text));
            }
            rows.push(row);
        }
        written += rows.len();
        sheet.rows(&rows)
    })?;
    Ok(written)
}

/// Write the goals, one row per goal, to `sheet`. Returns the rows written.
pub fn write_goals(
    conn: &mut DbConnection,
    plan: &Plan,
    sheet: &mut dyn Sheet,
) -> Result<usize, SheetError> {
    sheet.header(&plan.goals_header())?;
    let mut written = 0;
    each_batch(conn, plan, |conn, batch| {
        let ids: Vec<String> = batch.iter().map(|r| r.id.clone()).collect();
        let by_id: HashMap<&str, &ExportReview> =
            batch.iter().map(|r| (r.id.as_str(), r)).collect();
        let mut rows = vec![];
        for g in q::goals_of(conn, &ids)? {
            let Some(r) = g.review_id.as_deref().and_then(|id| by_id.get(id)) else {
                continue;
            };
            let f = plan.facts(r);
            let by_person = g.author_id.as_deref().is_none_or(|a| a == r.person_id);
            let sees = if by_person {
                policy::may_read_self_assessment(&plan.actor, f)
            } else {
                policy::may_read_manager_review(&plan.actor, f)
            };
            if !sees {
                continue;
            }
            let mut row = plan.person_cells(r, false);
            let kind = match g.kind.as_str() {
                k @ ("development" | "improvement") => {
                    t(plan.lang, &format!("review-goal-kind-{k}"))
                }
                other => neutralise(other).into_owned(),
            };
            row.push(Cell::Text(kind));
            row.push(Cell::typed(&g.title));
            row.push(Cell::typed(&g.description));
            row.push(Cell::typed(&g.support_needed));
            row.push(Cell::Text(t(
                plan.lang,
                &format!("review-goal-status-{}", g.status.code()),
            )));
            row.push(g.due_on.map_or(Cell::Empty, Cell::Date));
            row.push(Cell::Text(plan.side_word(if by_person {
                Side::Own
            } else {
                Side::Manager
            })));
            rows.push(row);
        }
        written += rows.len();
        if rows.is_empty() {
            return Ok(true);
        }
        sheet.rows(&rows)
    })?;
    Ok(written)
}

/// CSV to a sink of byte chunks (one chunk per batch), starting with a
/// UTF-8 byte order mark so that spreadsheet programs read Indonesian names
/// right. `send` returns `false` when the reader went away.
pub struct CsvSheet<F: FnMut(Vec<u8>) -> bool> {
    send: F,
}

impl<F: FnMut(Vec<u8>) -> bool> CsvSheet<F> {
    pub fn new(send: F) -> Self {
        Self { send }
    }

    fn write(&mut self, records: &[Vec<String>], bom: bool) -> Result<bool, SheetError> {
        let mut buf = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            vec![]
        };
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut buf);
            for r in records {
                w.write_record(r)
                    .map_err(|e| SheetError::Write(e.to_string()))?;
            }
            w.flush().map_err(|e| SheetError::Write(e.to_string()))?;
        }
        Ok((self.send)(buf))
    }
}

impl<F: FnMut(Vec<u8>) -> bool> Sheet for CsvSheet<F> {
    fn header(&mut self, names: &[String]) -> Result<(), SheetError> {
        let names: Vec<String> = names.iter().map(|n| neutralise(n).into_owned()).collect();
        self.write(&[names], true).map(|_| ())
    }

    fn rows(&mut self, rows: &[Vec<Cell>]) -> Result<bool, SheetError> {
        let records: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| match c {
                        Cell::Text(s) => s.clone(),
                        Cell::Number(n) => n.to_string(),
                        Cell::Time(at) => at.format("%Y-%m-%d %H:%M").to_string(),
                        Cell::Date(d) => d.to_string(),
                        Cell::Empty => String::new(),
                    })
                    .collect()
            })
            .collect();
        self.write(&records, false)
    }
}

/// One worksheet of an XLSX workbook, written row by row (the workbook is in
/// constant-memory mode: each finished row goes to a temporary file).
pub struct XlsxSheet<'a> {
    sheet: &'a mut rust_xlsxwriter::Worksheet,
    bold: rust_xlsxwriter::Format,
    /// Dates and times are the spreadsheet's own (they sort and filter as
    /// dates), shown as in the CSV.
    time: rust_xlsxwriter::Format,
    date: rust_xlsxwriter::Format,
    row: u32,
}

impl<'a> XlsxSheet<'a> {
    pub fn new(sheet: &'a mut rust_xlsxwriter::Worksheet) -> Self {
        Self {
            sheet,
            bold: rust_xlsxwriter::Format::new().set_bold(),
            time: rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            date: rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
            row: 0,
        }
    }
}

/// A moment as the spreadsheet counts it, or `None` outside the years a
/// spreadsheet holds (1900 to 9999: a goal's due date typed as 1025 is
/// then written as text, as in the CSV, and never fails the file).
fn excel_time(
    d: chrono::NaiveDate,
    hour: u32,
    minute: u32,
) -> Option<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).ok()?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, month, day)
        .ok()?
        .and_hms(u16::try_from(hour).ok()?, u8::try_from(minute).ok()?, 0)
        .ok()
}

/// An XLSX cell holds at most 32,767 characters: longer text (several long
/// private comments) is cut, with a mark, rather than failing the file.
pub const CELL_LIMIT: usize = 32_767;

fn fit_in_a_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= CELL_LIMIT {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut cut: String = s.chars().take(CELL_LIMIT - 2).collect();
    cut.push_str(" …");
    std::borrow::Cow::Owned(cut)
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> SheetError {
    SheetError::Write(e.to_string())
}

impl Sheet for XlsxSheet<'_> {
    fn header(&mut self, names: &[String]) -> Result<(), SheetError> {
        for (col, name) in names.iter().enumerate() {
            let col = u16::try_from(col).map_err(|e| SheetError::Write(e.to_string()))?;
            self.sheet
                .write_string_with_format(self.row, col, neutralise(name).as_ref(), &self.bold)
                .map_err(xlsx)?;
        }
        self.sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        self.row += 1;
        Ok(())
    }

    fn rows(&mut self, rows: &[Vec<Cell>]) -> Result<bool, SheetError> {
        for row in rows {
            for (col, cell) in row.iter().enumerate() {
                let col = u16::try_from(col).map_err(|e| SheetError::Write(e.to_string()))?;
                match cell {
                    Cell::Text(s) => {
                        self.sheet
                            .write_string(self.row, col, fit_in_a_cell(s).as_ref())
                            .map_err(xlsx)?;
                    }
                    Cell::Number(n) => {
                        // Counts and 1–5 ratings: exact as f64.
                        #[allow(clippy::cast_precision_loss)]
                        let v = *n as f64;
                        self.sheet.write_number(self.row, col, v).map_err(xlsx)?;
                    }
                    Cell::Time(at) => {
                        use chrono::Timelike;
                        match excel_time(at.date(), at.hour(), at.minute()) {
                            Some(when) => self
                                .sheet
                                .write_datetime_with_format(self.row, col, when, &self.time),
                            None => self.sheet.write_string(
                                self.row,
                                col,
                                at.format("%Y-%m-%d %H:%M").to_string(),
                            ),
                        }
                        .map_err(xlsx)?;
                    }
                    Cell::Date(d) => {
                        match excel_time(*d, 0, 0) {
                            Some(day) => self
                                .sheet
                                .write_datetime_with_format(self.row, col, day, &self.date),
                            None => self.sheet.write_string(self.row, col, d.to_string()),
                        }
                        .map_err(xlsx)?;
                    }
                    Cell::Empty => {}
                }
            }
            self.row += 1;
        }
        Ok(true)
    }
}

/// Write the whole workbook (results and goals, a sheet each) to `path`.
pub fn write_workbook(
    conn: &mut DbConnection,
    plan: &Plan,
    path: &std::path::Path,
) -> Result<(usize, usize), SheetError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    // The rows it writes row by row go beside the file (a private folder).
    if let Some(dir) = path.parent() {
        book.set_tempdir(dir).map_err(xlsx)?;
    }
    let results_name = t(plan.lang, "export-sheet-results");
    let goals_name = t(plan.lang, "export-sheet-goals");
    let results = {
        let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx)?;
        sheet.set_name(&results_name).map_err(xlsx)?;
        write_results(conn, plan, &mut XlsxSheet::new(sheet))?
    };
    let goals = {
        let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx)?;
        sheet.set_name(&goals_name).map_err(xlsx)?;
        write_goals(conn, plan, &mut XlsxSheet::new(sheet))?
    };
    book.save(path).map_err(xlsx)?;
    Ok((results, goals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_fit_a_cell() {
        let long = "a".repeat(CELL_LIMIT + 10);
        let fitted = fit_in_a_cell(&long);
        assert_eq!(fitted.chars().count(), CELL_LIMIT);
        assert!(fitted.ends_with(" …"));
        assert_eq!(fit_in_a_cell("pendek"), "pendek");
    }
}

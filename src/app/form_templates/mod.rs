//! Form template and competency library commands: copy, rename, archive and
//! new versions of templates; sections and questions added, changed, deleted
//! and moved; competencies added and changed (retired by marking inactive).
//!
//! A template used by a launched review cycle is frozen: its questions no
//! longer change, and HR makes a new version to edit instead, so running
//! cycles keep the form they started with. Every change to sections or
//! questions starts with a conditional update of the template row ("not
//! frozen"), so an edit racing a launch that freezes the template either
//! lands before the freeze or is refused, never after it.

mod competencies;
mod questions;
mod sections;
mod templates;

pub use competencies::{add_competency, edit_competency};
pub use questions::{add_question, delete_question, edit_question, move_question};
pub use sections::{add_section, delete_section, edit_section, move_section};
pub use templates::{copy_template, new_version, rename_template, set_archived};

use super::{Actor, Clock, Error};
use crate::db::forms::{self as fdb, QuestionRow, SectionRow, TemplateRow};
use crate::db::{audit, DbConnection, QueryError, QueryResult};
use crate::domain::policy;
use crate::domain::review::{Answerer, QuestionKind};

/// The longest competency key made from a name.
pub const KEY_MAX: usize = 40;

const FROZEN: &str = "templates-error-frozen";
/// Shown to the loser of a race that cannot be queued behind the winner.
const CHANGED_MEANWHILE: &str = "review-error-conflict";

// ---------------------------------------------------------------------------
// Input, already parsed at the edge

/// A template's name and description.
#[derive(Debug, Clone)]
pub struct TemplateDetails {
    pub name: String,
    pub description: String,
}

/// A section's title and help text, in both languages, as the employee
/// reads them and as the manager reads them (empty: as the employee).
#[derive(Debug, Clone)]
pub struct SectionText {
    pub title_id: String,
    pub title_en: String,
    pub help_id: String,
    pub help_en: String,
    pub manager_title_id: String,
    pub manager_title_en: String,
    pub manager_help_id: String,
    pub manager_help_en: String,
}

/// A question: its kind, who answers it, and its text in both languages,
/// as the employee reads it and as the manager reads it (`manager_*`; may
/// hold `{name}`, the employee's name).
#[derive(Debug, Clone)]
pub struct QuestionInput {
    pub kind: QuestionKind,
    pub side: Answerer,
    /// The competency a competency rating rates (ignored for other kinds).
    pub competency_id: Option<String>,
    pub prompt_id: String,
    pub prompt_en: String,
    pub help_id: String,
    pub help_en: String,
    pub manager_prompt_id: String,
    pub manager_prompt_en: String,
    pub manager_help_id: String,
    pub manager_help_en: String,
    pub required: bool,
}

/// A competency's name and description, in both languages.
#[derive(Debug, Clone)]
pub struct CompetencyText {
    pub name_id: String,
    pub name_en: String,
    pub description_id: String,
    pub description_en: String,
}

/// One place up or down, for sections and questions alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// What asking for a new version did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewVersion {
    /// A new version was made (its id).
    Made(String),
    /// A newer version already existed (its id); nothing was made.
    Newer(String),
}

// ---------------------------------------------------------------------------
// Reads the pages share with the commands

/// Frozen: a launched review cycle uses it (or did), so its questions stay.
pub fn is_frozen(conn: &mut DbConnection, t: &TemplateRow) -> QueryResult<bool> {
    Ok(t.frozen || fdb::in_use_by_launched_cycle(conn, &t.id)?)
}

/// The newest version made from this one (same name, each one version up).
pub fn newest_version(all: &[TemplateRow], t: &TemplateRow) -> Option<TemplateRow> {
    let mut current = t;
    let mut found = None;
    while let Some(next) = all.iter().find(|c| {
        c.parent_id.as_deref() == Some(current.id.as_str())
            && c.name == current.name
            && c.version == current.version + 1
    }) {
        current = next;
        found = Some(next.clone());
    }
    found
}

pub fn find_template(conn: &mut DbConnection, id: &str) -> Result<TemplateRow, Error> {
    fdb::find_template(conn, id)?.ok_or(Error::NotFound)
}

/// A section of this template (another template's section is not found).
pub fn section_of(conn: &mut DbConnection, tid: &str, sid: &str) -> Result<SectionRow, Error> {
    fdb::find_section(conn, sid)?
        .filter(|s| s.template_id == tid)
        .ok_or(Error::NotFound)
}

/// A question of this template, with its section.
pub fn question_of(
    conn: &mut DbConnection,
    tid: &str,
    qid: &str,
) -> Result<(QuestionRow, SectionRow), Error> {
    let q = fdb::find_question(conn, qid)?.ok_or(Error::NotFound)?;
    let s = section_of(conn, tid, &q.section_id)?;
    Ok((q, s))
}

/// A chosen competency must exist, and be active unless it is the one the
/// question already had (`current`). The field and message when it is not.
pub fn competency_problem(
    conn: &mut DbConnection,
    chosen: Option<&str>,
    current: Option<&str>,
) -> QueryResult<Option<(String, &'static str)>> {
    let Some(cid) = chosen else {
        return Ok(None);
    };
    Ok(match fdb::find_competency(conn, cid)? {
        Some(c) if c.active || Some(c.id.as_str()) == current => None,
        _ => Some(("competency_id".into(), "templates-error-competency-unknown")),
    })
}

// ---------------------------------------------------------------------------
// Rules and helpers

fn allowed(actor: &Actor) -> Result<(), Error> {
    if policy::may_edit_form_templates(actor) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

fn invalid(field: &str, key: &'static str) -> Error {
    Error::Invalid(vec![(field.to_string(), key)])
}

fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &str,
    subject_type: &str,
    subject_id: &str,
    details: serde_json::Value,
) -> Result<(), Error> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(&actor.id),
            action,
            subject_type,
            subject_id,
            details,
            ..Default::default()
        },
    )?;
    Ok(())
}

/// The template, for a change to its sections or questions, inside the
/// writing transaction. The conditional touch comes first: on PostgreSQL it
/// waits for a launch freezing the same template and then sees its freeze
/// (0 rows: refused), or makes that launch wait for us.
fn editable_template(
    conn: &mut DbConnection,
    id: &str,
    clock: Clock,
) -> Result<TemplateRow, Error> {
    if fdb::touch_unfrozen_template(conn, id, clock.now)? == 0 {
        return match fdb::find_template(conn, id)? {
            None => Err(Error::NotFound),
            Some(_) => Err(Error::Conflict(FROZEN)),
        };
    }
    let t = find_template(conn, id)?;
    if is_frozen(conn, &t)? {
        return Err(Error::NotNow(FROZEN));
    }
    Ok(t)
}

fn name_taken(all: &[TemplateRow], name: &str, except_name: Option<&str>) -> bool {
    Some(name) != except_name && all.iter().any(|t| t.name.trim() == name)
}

/// Move the item at `index` one place; false when it cannot move.
fn shift<T>(items: &mut [T], index: usize, direction: Direction) -> bool {
    match direction {
        Direction::Up if index > 0 => items.swap(index, index - 1),
        Direction::Down if index + 1 < items.len() => items.swap(index, index + 1),
        _ => return false,
    }
    true
}

/// Something kept in order: a section in its template, a question in its
/// section.
trait Ordered {
    fn id(&self) -> &str;
    fn position(&self) -> i32;
}

impl Ordered for SectionRow {
    fn id(&self) -> &str {
        &self.id
    }
    fn position(&self) -> i32 {
        self.position
    }
}

impl Ordered for QuestionRow {
    fn id(&self) -> &str {
        &self.id
    }
    fn position(&self) -> i32 {
        self.position
    }
}

/// Move the item `id` one place among `items` (in their order) and write the
/// positions that changed through `set_position`. One helper for sections
/// and questions. False when it cannot move (already first or last).
fn reorder<T: Ordered>(
    conn: &mut DbConnection,
    items: &[T],
    id: &str,
    direction: Direction,
    set_position: fn(&mut DbConnection, &str, i32) -> QueryResult<usize>,
) -> Result<bool, Error> {
    let mut order: Vec<(&str, i32)> = items.iter().map(|i| (i.id(), i.position())).collect();
    let index = order
        .iter()
        .position(|(item, _)| *item == id)
        .ok_or(Error::NotFound)?;
    if !shift(&mut order, index, direction) {
        return Ok(false);
    }
    for ((item, old), pos) in order.into_iter().zip(0..) {
        if old != pos {
            set_position(conn, item, pos)?;
        }
    }
    Ok(true)
}

/// A unique-looking key from an English name: "Customer Focus!" → "customer_focus".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let mut out: String = out.trim_end_matches('_').chars().take(KEY_MAX).collect();
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        "competency".into()
    } else {
        out
    }
}

fn is_unique_violation(e: &QueryError) -> bool {
    matches!(
        e,
        QueryError::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_english_names() {
        assert_eq!(slugify("Customer Focus!"), "customer_focus");
        assert_eq!(
            slugify("  Ownership & responsibility "),
            "ownership_responsibility"
        );
        assert_eq!(slugify("Kerja-tim 2"), "kerja_tim_2");
        assert_eq!(slugify("¿?"), "competency");
        assert!(slugify(&"long name ".repeat(20)).len() <= KEY_MAX);
        assert!(!slugify(&"ab ".repeat(30)).ends_with('_'));
    }

    #[test]
    fn items_shift_within_bounds() {
        let mut v = vec![1, 2, 3];
        assert!(shift(&mut v, 1, Direction::Up));
        assert_eq!(v, [2, 1, 3]);
        assert!(!shift(&mut v, 0, Direction::Up));
        assert!(shift(&mut v, 1, Direction::Down));
        assert_eq!(v, [2, 3, 1]);
        assert!(!shift(&mut v, 2, Direction::Down));
    }

    #[test]
    fn directions_are_up_or_down_only() {
        assert_eq!(Direction::parse("up"), Some(Direction::Up));
        assert_eq!(Direction::parse("down"), Some(Direction::Down));
        assert_eq!(Direction::parse("sideways"), None);
        assert_eq!(Direction::parse(""), None);
    }

    fn template(id: &str, parent: Option<&str>, version: i32) -> TemplateRow {
        let t = chrono::NaiveDateTime::default();
        TemplateRow {
            id: id.into(),
            name: "Evaluasi".into(),
            description: String::new(),
            version,
            parent_id: parent.map(Into::into),
            is_default: false,
            frozen: false,
            archived: false,
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn the_newest_version_follows_the_chain() {
        let all = vec![
            template("v1", None, 1),
            template("v2", Some("v1"), 2),
            template("v3", Some("v2"), 3),
            template("copy", Some("v1"), 1),
        ];
        assert_eq!(
            newest_version(&all, &all[0]).map(|t| t.id).as_deref(),
            Some("v3")
        );
        assert_eq!(newest_version(&all, &all[2]).map(|t| t.id), None);
    }
}

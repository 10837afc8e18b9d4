//! The competency library and form templates (sections and questions).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{competencies, form_questions, form_sections, form_templates, review_cycles};
use super::{new_id, DbConnection, QueryResult};
use crate::domain::review::{QuestionKind, Wording};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = competencies)]
pub struct CompetencyRow {
    pub id: String,
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub description_id: String,
    pub description_en: String,
    pub position: i32,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = form_templates)]
pub struct TemplateRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub version: i32,
    pub parent_id: Option<String>,
    pub is_default: bool,
    pub frozen: bool,
    pub archived: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = form_sections)]
pub struct SectionRow {
    pub id: String,
    pub template_id: String,
    pub position: i32,
    pub title_id: String,
    pub title_en: String,
    pub help_id: String,
    pub help_en: String,
    /// What the manager reads; empty: the same as the employee.
    pub manager_title_id: String,
    pub manager_title_en: String,
    pub manager_help_id: String,
    pub manager_help_en: String,
}

impl SectionRow {
    pub fn title(&self) -> Wording<'_> {
        Wording {
            own: (&self.title_id, &self.title_en),
            manager: (&self.manager_title_id, &self.manager_title_en),
        }
    }

    pub fn help(&self) -> Wording<'_> {
        Wording {
            own: (&self.help_id, &self.help_en),
            manager: (&self.manager_help_id, &self.manager_help_en),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = form_questions)]
pub struct QuestionRow {
    pub id: String,
    pub section_id: String,
    pub position: i32,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: QuestionKind,
    pub side: String,
    pub prompt_id: String,
    pub prompt_en: String,
    pub help_id: String,
    pub help_en: String,
    pub competency_id: Option<String>,
    pub required: bool,
    /// What the manager reads; empty: the same as the employee.
    pub manager_prompt_id: String,
    pub manager_prompt_en: String,
    pub manager_help_id: String,
    pub manager_help_en: String,
}

impl QuestionRow {
    pub fn prompt(&self) -> Wording<'_> {
        Wording {
            own: (&self.prompt_id, &self.prompt_en),
            manager: (&self.manager_prompt_id, &self.manager_prompt_en),
        }
    }

    pub fn help(&self) -> Wording<'_> {
        Wording {
            own: (&self.help_id, &self.help_en),
            manager: (&self.manager_help_id, &self.manager_help_en),
        }
    }
}

/// A template with its sections and questions, in order.
#[derive(Debug, Clone, Serialize)]
pub struct Form {
    pub template: TemplateRow,
    pub sections: Vec<(SectionRow, Vec<QuestionRow>)>,
}

impl Form {
    pub fn questions(&self) -> impl Iterator<Item = &QuestionRow> {
        self.sections.iter().flat_map(|(_, qs)| qs.iter())
    }
}

/// A competency's names: what a review form needs to name one and offer it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = competencies)]
pub struct CompetencyName {
    pub id: String,
    pub name_id: String,
    pub name_en: String,
    pub active: bool,
}

/// Every competency's names (inactive ones too: older answers name them),
/// in the list's order.
pub fn competency_names(conn: &mut DbConnection) -> QueryResult<Vec<CompetencyName>> {
    competencies::table
        .order((competencies::position.asc(), competencies::name_en.asc()))
        .select(CompetencyName::as_select())
        .load(conn)
}

pub fn competencies(
    conn: &mut DbConnection,
    include_inactive: bool,
) -> QueryResult<Vec<CompetencyRow>> {
    let mut q = competencies::table.into_boxed();
    if !include_inactive {
        q = q.filter(competencies::active.eq(true));
    }
    q.order((competencies::position.asc(), competencies::name_en.asc()))
        .select(CompetencyRow::as_select())
        .load(conn)
}

pub fn competency_by_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<CompetencyRow>> {
    competencies::table
        .filter(competencies::key.eq(key))
        .select(CompetencyRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_competency(conn: &mut DbConnection, row: &CompetencyRow) -> QueryResult<()> {
    diesel::insert_into(competencies::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update_competency(
    conn: &mut DbConnection,
    id: &str,
    name_id: &str,
    name_en: &str,
    description_id: &str,
    description_en: &str,
    active: bool,
) -> QueryResult<usize> {
    diesel::update(competencies::table.find(id))
        .set((
            competencies::name_id.eq(name_id),
            competencies::name_en.eq(name_en),
            competencies::description_id.eq(description_id),
            competencies::description_en.eq(description_en),
            competencies::active.eq(active),
        ))
        .execute(conn)
}

pub fn templates(conn: &mut DbConnection, include_archived: bool) -> QueryResult<Vec<TemplateRow>> {
    let mut q = form_templates::table.into_boxed();
    if !include_archived {
        q = q.filter(form_templates::archived.eq(false));
    }
    q.order((
        form_templates::is_default.desc(),
        form_templates::name.asc(),
        form_templates::version.desc(),
    ))
    .select(TemplateRow::as_select())
    .load(conn)
}

pub fn find_template(conn: &mut DbConnection, id: &str) -> QueryResult<Option<TemplateRow>> {
    form_templates::table
        .find(id)
        .select(TemplateRow::as_select())
        .first(conn)
        .optional()
}

pub fn default_template(conn: &mut DbConnection) -> QueryResult<Option<TemplateRow>> {
    form_templates::table
        .filter(form_templates::is_default.eq(true))
        .filter(form_templates::archived.eq(false))
        .order(form_templates::created_at.desc())
        .select(TemplateRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_template(conn: &mut DbConnection, row: &TemplateRow) -> QueryResult<()> {
    diesel::insert_into(form_templates::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn insert_section(conn: &mut DbConnection, row: &SectionRow) -> QueryResult<()> {
    diesel::insert_into(form_sections::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn insert_question(conn: &mut DbConnection, row: &QuestionRow) -> QueryResult<()> {
    diesel::insert_into(form_questions::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Load a whole form in three queries.
pub fn load_form(conn: &mut DbConnection, template_id: &str) -> QueryResult<Option<Form>> {
    let Some(template) = find_template(conn, template_id)? else {
        return Ok(None);
    };
    let sections = load_sections(conn, template_id)?;
    Ok(Some(Form { template, sections }))
}

type Sections = Vec<(SectionRow, Vec<QuestionRow>)>;

/// The sections and questions of frozen templates, by template id. A
/// template is frozen when a launch commits: from then on its sections and
/// questions never change (only its name and description may), so every
/// instance may keep them. Each view and save of a review reads them: 345
/// columns for the default form, a tenth of the form page's work.
static FROZEN_SECTIONS: OnceLock<RwLock<HashMap<String, Arc<Sections>>>> = OnceLock::new();

/// At most this many templates are kept (a company has a handful).
const FROZEN_KEPT: usize = 256;

/// As [`load_form`], with a frozen template's sections and questions kept
/// in memory after the first read. For reading and saving reviews only: a
/// transaction that freezes a template (a launch) must use [`load_form`],
/// so that nothing it may roll back is ever kept.
pub fn load_form_of_review(
    conn: &mut DbConnection,
    template_id: &str,
) -> QueryResult<Option<Form>> {
    let Some(template) = find_template(conn, template_id)? else {
        return Ok(None);
    };
    if !template.frozen {
        let sections = load_sections(conn, template_id)?;
        return Ok(Some(Form { template, sections }));
    }
    let kept = FROZEN_SECTIONS.get_or_init(Default::default);
    let found = kept.read().ok().and_then(|m| m.get(template_id).cloned());
    let sections = match found {
        Some(s) => s,
        None => {
            let s = Arc::new(load_sections(conn, template_id)?);
            if let Ok(mut m) = kept.write() {
                if m.len() < FROZEN_KEPT {
                    m.insert(template_id.to_string(), s.clone());
                }
            }
            s
        }
    };
    Ok(Some(Form {
        template,
        sections: sections.as_ref().clone(),
    }))
}

/// Forget every kept form, so the next read goes to the database. Cermin's
/// own commands never change a frozen template's questions; this is for
/// anything that does so outside them while the server runs (the tests that
/// rewrite a database as an older version would have stored it).
pub fn forget_kept_forms() {
    if let Some(kept) = FROZEN_SECTIONS.get() {
        if let Ok(mut m) = kept.write() {
            m.clear();
        }
    }
}

/// A template's sections in order, each with its questions in order.
fn load_sections(conn: &mut DbConnection, template_id: &str) -> QueryResult<Sections> {
    let sections: Vec<SectionRow> = form_sections::table
        .filter(form_sections::template_id.eq(template_id))
        .order(form_sections::position.asc())
        .select(SectionRow::as_select())
        .load(conn)?;
    // A subquery rather than a list of the section ids: the statement is the
    // same on every view, so it is prepared once (diesel prepares an `IN`
    // list again on every run).
    let mut questions: Vec<QuestionRow> = form_questions::table
        .filter(
            form_questions::section_id.eq_any(
                form_sections::table
                    .filter(form_sections::template_id.eq(template_id))
                    .select(form_sections::id),
            ),
        )
        .order(form_questions::position.asc())
        .select(QuestionRow::as_select())
        .load(conn)?;
    Ok(sections
        .into_iter()
        .map(|s| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut questions)
                .into_iter()
                .partition(|q| q.section_id == s.id);
            questions = rest;
            (s, mine)
        })
        .collect())
}

/// Is the template used by a launched cycle (and so frozen)?
pub fn in_use_by_launched_cycle(conn: &mut DbConnection, template_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        review_cycles::table
            .filter(review_cycles::template_id.eq(template_id))
            .filter(review_cycles::status.ne("draft")),
    ))
    .get_result(conn)
}

pub fn freeze(conn: &mut DbConnection, template_id: &str) -> QueryResult<usize> {
    diesel::update(form_templates::table.find(template_id))
        .set(form_templates::frozen.eq(true))
        .execute(conn)
}

/// Copy a template with all its sections and questions. A new `version` of
/// the same template keeps the name; a copy gets a new one.
pub fn copy_template(
    conn: &mut DbConnection,
    source_id: &str,
    name: Option<&str>,
    t: NaiveDateTime,
) -> QueryResult<String> {
    let form = load_form(conn, source_id)?.ok_or(diesel::result::Error::NotFound)?;
    let id = new_id();
    let (name, version) = match name {
        Some(n) => (n.to_string(), 1),
        None => (form.template.name.clone(), form.template.version + 1),
    };
    insert_template(
        conn,
        &TemplateRow {
            id: id.clone(),
            name,
            description: form.template.description.clone(),
            version,
            parent_id: Some(form.template.id.clone()),
            is_default: false,
            frozen: false,
            archived: false,
            created_at: t,
            updated_at: t,
        },
    )?;
    for (section, questions) in &form.sections {
        let sid = new_id();
        insert_section(
            conn,
            &SectionRow {
                id: sid.clone(),
                template_id: id.clone(),
                ..section.clone()
            },
        )?;
        for q in questions {
            insert_question(
                conn,
                &QuestionRow {
                    id: new_id(),
                    section_id: sid.clone(),
                    ..q.clone()
                },
            )?;
        }
    }
    Ok(id)
}

pub fn find_section(conn: &mut DbConnection, id: &str) -> QueryResult<Option<SectionRow>> {
    form_sections::table
        .find(id)
        .select(SectionRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_question(conn: &mut DbConnection, id: &str) -> QueryResult<Option<QuestionRow>> {
    form_questions::table
        .find(id)
        .select(QuestionRow::as_select())
        .first(conn)
        .optional()
}

pub fn update_section(conn: &mut DbConnection, row: &SectionRow) -> QueryResult<usize> {
    diesel::update(form_sections::table.find(&row.id))
        .set((
            form_sections::position.eq(row.position),
            form_sections::title_id.eq(&row.title_id),
            form_sections::title_en.eq(&row.title_en),
            form_sections::help_id.eq(&row.help_id),
            form_sections::help_en.eq(&row.help_en),
            form_sections::manager_title_id.eq(&row.manager_title_id),
            form_sections::manager_title_en.eq(&row.manager_title_en),
            form_sections::manager_help_id.eq(&row.manager_help_id),
            form_sections::manager_help_en.eq(&row.manager_help_en),
        ))
        .execute(conn)
}

pub fn update_question(conn: &mut DbConnection, row: &QuestionRow) -> QueryResult<usize> {
    diesel::update(form_questions::table.find(&row.id))
        .set((
            form_questions::position.eq(row.position),
            form_questions::kind.eq(row.kind.code()),
            form_questions::side.eq(&row.side),
            form_questions::prompt_id.eq(&row.prompt_id),
            form_questions::prompt_en.eq(&row.prompt_en),
            form_questions::help_id.eq(&row.help_id),
            form_questions::help_en.eq(&row.help_en),
            form_questions::competency_id.eq(&row.competency_id),
            form_questions::required.eq(row.required),
            form_questions::manager_prompt_id.eq(&row.manager_prompt_id),
            form_questions::manager_prompt_en.eq(&row.manager_prompt_en),
            form_questions::manager_help_id.eq(&row.manager_help_id),
            form_questions::manager_help_en.eq(&row.manager_help_en),
        ))
        .execute(conn)
}

pub fn delete_question(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(form_questions::table.find(id)).execute(conn)
}

pub fn delete_section(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(form_questions::table.filter(form_questions::section_id.eq(id)))
        .execute(conn)?;
    diesel::delete(form_sections::table.find(id)).execute(conn)
}

pub fn rename_template(
    conn: &mut DbConnection,
    id: &str,
    name: &str,
    description: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(form_templates::table.find(id))
        .set((
            form_templates::name.eq(name),
            form_templates::description.eq(description),
            form_templates::updated_at.eq(at),
        ))
        .execute(conn)
}

/// Archive or bring back a template, only if it is not so already; the
/// default template is never archived. The rows changed (0 or 1) say whether
/// it happened, so two requests at once change it once.
pub fn set_archived(conn: &mut DbConnection, id: &str, archived: bool) -> QueryResult<usize> {
    let target = form_templates::table
        .find(id)
        .filter(form_templates::archived.eq(!archived));
    if archived {
        diesel::update(target.filter(form_templates::is_default.eq(false)))
            .set(form_templates::archived.eq(true))
            .execute(conn)
    } else {
        diesel::update(target)
            .set(form_templates::archived.eq(false))
            .execute(conn)
    }
}

pub fn find_competency(conn: &mut DbConnection, id: &str) -> QueryResult<Option<CompetencyRow>> {
    competencies::table
        .find(id)
        .select(CompetencyRow::as_select())
        .first(conn)
        .optional()
}

/// Mark a template as changed at `at`, only while it is not frozen (0 rows:
/// missing or frozen). Called first in a transaction that edits its
/// questions: on PostgreSQL the row lock queues it behind (or ahead of) a
/// launch that freezes the same template, and the condition is checked again
/// on the row that launch left, so an edit never lands in a frozen template.
pub fn touch_unfrozen_template(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        form_templates::table
            .find(id)
            .filter(form_templates::frozen.eq(false)),
    )
    .set(form_templates::updated_at.eq(at))
    .execute(conn)
}

/// The template, locked until the transaction ends: `SELECT … FOR UPDATE` on
/// PostgreSQL; on SQLite the IMMEDIATE write transaction is already the lock.
/// Requests that change the same template this way run one after the other,
/// and each sees what the one before it committed.
pub fn lock_template(conn: &mut DbConnection, id: &str) -> QueryResult<Option<TemplateRow>> {
    match conn {
        DbConnection::Pg(c) => form_templates::table
            .find(id)
            .select(TemplateRow::as_select())
            .for_update()
            .first(c)
            .optional(),
        DbConnection::Sqlite(c) => form_templates::table
            .find(id)
            .select(TemplateRow::as_select())
            .first(c)
            .optional(),
    }
}

pub fn set_section_position(
    conn: &mut DbConnection,
    id: &str,
    position: i32,
) -> QueryResult<usize> {
    diesel::update(form_sections::table.find(id))
        .set(form_sections::position.eq(position))
        .execute(conn)
}

pub fn set_question_position(
    conn: &mut DbConnection,
    id: &str,
    position: i32,
) -> QueryResult<usize> {
    diesel::update(form_questions::table.find(id))
        .set(form_questions::position.eq(position))
        .execute(conn)
}

pub fn set_default(conn: &mut DbConnection, id: &str, is_default: bool) -> QueryResult<usize> {
    diesel::update(form_templates::table.find(id))
        .set(form_templates::is_default.eq(is_default))
        .execute(conn)
}

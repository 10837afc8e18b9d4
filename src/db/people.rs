//! People: the directory HR keeps, and what sign-in needs.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use serde::Serialize;

use super::schema::people;
use super::{DbConnection, QueryResult};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = people)]
pub struct PersonRow {
    pub id: String,
    pub email: String,
    pub name: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub role: String,
    pub manager_id: Option<String>,
    pub department: String,
    pub job_title: String,
    pub job_description: String,
    pub lang: String,
    pub active: bool,
    pub email_digest: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PersonRow {
    pub fn has_password(&self) -> bool {
        self.password_hash.is_some()
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = people)]
pub struct NewPersonRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub role: String,
    pub manager_id: Option<String>,
    pub department: String,
    pub job_title: String,
    pub job_description: String,
    pub lang: String,
    pub active: bool,
    pub email_digest: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What HR can change about a person. `None` leaves a field alone.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = people)]
pub struct PersonChanges {
    pub email: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub manager_id: Option<Option<String>>,
    pub department: Option<String>,
    pub job_title: Option<String>,
    pub job_description: Option<String>,
    pub lang: Option<String>,
    pub email_digest: Option<bool>,
    pub updated_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<PersonRow>> {
    people::table
        .find(id)
        .select(PersonRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<PersonRow>> {
    people::table
        .filter(people::email.eq(email.trim().to_lowercase()))
        .select(PersonRow::as_select())
        .first(conn)
        .optional()
}

/// A person's name, if they exist: one statement prepared once, where
/// `find_many`'s `IN` list is prepared again on every run.
pub fn name_of(conn: &mut DbConnection, id: &str) -> QueryResult<Option<String>> {
    people::table
        .find(id)
        .select(people::name)
        .first(conn)
        .optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<PersonRow>> {
    in_parts(conn, ids, |conn, part| {
        people::table
            .filter(people::id.eq_any(part))
            .select(PersonRow::as_select())
            .load(conn)
    })
}

/// Run `read` on `ids` without repeats, 1,000 at a time, and join what it
/// returns: SQLite takes at most 32,766 values in one statement, and a
/// launch's participants name their managers once per report (100,000 ids
/// for 10,000 managers).
fn in_parts<T>(
    conn: &mut DbConnection,
    ids: &[String],
    mut read: impl FnMut(&mut DbConnection, &[&String]) -> QueryResult<Vec<T>>,
) -> QueryResult<Vec<T>> {
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<&String> = ids.iter().filter(|id| seen.insert(*id)).collect();
    let mut out = Vec::with_capacity(distinct.len());
    for part in distinct.chunks(1000) {
        out.extend(read(conn, part)?);
    }
    Ok(out)
}

pub fn insert(conn: &mut DbConnection, row: &NewPersonRow) -> QueryResult<()> {
    diesel::insert_into(people::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(conn: &mut DbConnection, id: &str, changes: &PersonChanges) -> QueryResult<usize> {
    diesel::update(people::table.find(id))
        .set(changes)
        .execute(conn)
}

pub fn set_password_hash(conn: &mut DbConnection, id: &str, hash: &str) -> QueryResult<usize> {
    diesel::update(people::table.find(id))
        .set((
            people::password_hash.eq(Some(hash)),
            people::updated_at.eq(super::now()),
        ))
        .execute(conn)
}

pub fn set_active(conn: &mut DbConnection, id: &str, active: bool) -> QueryResult<usize> {
    diesel::update(people::table.find(id))
        .set((
            people::active.eq(active),
            people::updated_at.eq(super::now()),
        ))
        .execute(conn)
}

pub fn set_lang(conn: &mut DbConnection, id: &str, lang: &str) -> QueryResult<usize> {
    diesel::update(people::table.find(id))
        .set((people::lang.eq(lang), people::updated_at.eq(super::now())))
        .execute(conn)
}

/// Is there at least one active HR person who can sign in?
pub fn has_hr_admin(conn: &mut DbConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        people::table
            .filter(people::role.eq("hr"))
            .filter(people::active.eq(true)),
    ))
    .get_result(conn)
}

pub fn count_active(conn: &mut DbConnection) -> QueryResult<i64> {
    people::table
        .filter(people::active.eq(true))
        .count()
        .get_result(conn)
}

pub fn count_all(conn: &mut DbConnection) -> QueryResult<i64> {
    people::table.count().get_result(conn)
}

/// Active direct reports of a manager, by name.
/// A manager's active reports by name: the list's narrow rows (the team
/// page, the home page and the person page show names and titles only).
pub fn reports_of(conn: &mut DbConnection, manager_id: &str) -> QueryResult<Vec<ListRow>> {
    people::table
        .filter(people::manager_id.eq(manager_id))
        .filter(people::active.eq(true))
        .order(people::name.asc())
        .select(ListRow::as_select())
        .load(conn)
}

/// The list's narrow rows of these people, in no order.
pub fn listed(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<ListRow>> {
    in_parts(conn, ids, |conn, part| {
        people::table
            .filter(people::id.eq_any(part))
            .select(ListRow::as_select())
            .load(conn)
    })
}

/// The people list's filters.
#[derive(Debug, Clone, Default)]
pub struct PeopleFilter {
    /// Matches name, email or job title, ignoring case.
    pub query: Option<String>,
    pub department: Option<String>,
    pub manager_id: Option<String>,
    pub include_inactive: bool,
}

fn filtered(
    filter: &PeopleFilter,
    sqlite: bool,
) -> people::BoxedQuery<'static, super::MultiBackend> {
    let mut q = people::table.into_boxed();
    if let Some(text) = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let pattern = contains_pattern(text);
        // email is stored lower-case; names and titles are matched in any
        // case. SQLite's LIKE already ignores (ASCII) case, as its lower()
        // is ASCII-only too: the same matches without three function calls
        // a row (a search reads every active person).
        q = if sqlite && text.chars().count() >= TRIGRAM {
            q.filter(
                sql::<Bool>(
                    "people.id IN (SELECT person_id FROM people_search WHERE people_search MATCH ",
                )
                .bind::<Text, _>(trigram_phrase(text))
                .sql(")"),
            )
        } else if sqlite {
            q.filter(
                people::email
                    .like(pattern.clone())
                    .escape(LIKE_ESCAPE)
                    .or(people::name.like(pattern.clone()).escape(LIKE_ESCAPE))
                    .or(people::job_title.like(pattern).escape(LIKE_ESCAPE)),
            )
        } else if text.chars().count() >= TRIGRAM {
            // PostgreSQL: the matches from the trigram indexes first, then
            // sorted. Given the plain condition, the planner walks the list
            // index in name order and tests every person until a page is
            // full, taking the matches for evenly spread: "putri" (151 of
            // 10,000) read 7,450 entries, 5 ms; found first, 0.6 ms.
            // `OFFSET 0` keeps the planner from folding the subquery back in.
            q.filter(
                sql::<Bool>("people.id IN (SELECT p.id FROM people p WHERE p.email LIKE ")
                    .bind::<Text, _>(pattern.clone())
                    .sql(" ESCAPE '\\' OR lower(p.name) LIKE ")
                    .bind::<Text, _>(pattern.clone())
                    .sql(" ESCAPE '\\' OR lower(p.job_title) LIKE ")
                    .bind::<Text, _>(pattern)
                    .sql(" ESCAPE '\\' OFFSET 0)"),
            )
        } else {
            q.filter(
                people::email
                    .like(pattern.clone())
                    .escape(LIKE_ESCAPE)
                    .or(lower(people::name)
                        .like(pattern.clone())
                        .escape(LIKE_ESCAPE))
                    .or(lower(people::job_title).like(pattern).escape(LIKE_ESCAPE)),
            )
        };
    }
    if let Some(d) = filter.department.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(people::department.eq(d.to_string()));
    }
    if let Some(m) = filter.manager_id.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(people::manager_id.eq(m.to_string()));
    }
    if !filter.include_inactive {
        q = q.filter(people::active.eq(true));
    }
    q
}

use super::{contains_pattern, lower, LIKE_ESCAPE};

/// SQLite's people search reads a trigram full-text table kept by triggers
/// on `people` (migration `2026-12-08-000018`); PostgreSQL keeps trigram
/// indexes on the columns themselves. A trigram index finds nothing for
/// fewer than three characters: shorter searches read every person.
const TRIGRAM: usize = 3;

/// The search as one quoted FTS5 phrase, so nothing in it is read as query
/// syntax, limited to the three searchable columns (never the id).
fn trigram_phrase(text: &str) -> String {
    format!(
        "{{name email job_title}} : \"{}\"",
        text.replace('"', "\"\"")
    )
}

pub fn list(
    conn: &mut DbConnection,
    filter: &PeopleFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<PersonRow>> {
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    filtered(filter, sqlite)
        .order((people::name.asc(), people::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(PersonRow::as_select())
        .load(conn)
}

/// A row of the people list: only what the list shows, every column of it
/// in `people_list_idx`, so a page and a search read that narrow index and
/// never the wide rows (job descriptions are a kilobyte or more).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct ListRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub department: String,
    pub manager_id: Option<String>,
    pub role: String,
    pub active: bool,
}

/// A page of the list in name order (`limit` rows from `offset`). No count:
/// ask for one row more than a page to know whether another follows.
pub fn list_page(
    conn: &mut DbConnection,
    filter: &PeopleFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<ListRow>> {
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    filtered(filter, sqlite)
        .order((people::name.asc(), people::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(ListRow::as_select())
        .load(conn)
}

/// Active people whose name contains `name` (any case) and who have no
/// review in the cycle (or only a removed one): whom HR can still add.
pub fn addable_to_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
    name: &str,
    limit: i64,
) -> QueryResult<Vec<(String, String, String)>> {
    use super::schema::reviews;
    let pattern = contains_pattern(name.trim());
    let in_cycle = reviews::table
        .filter(reviews::cycle_id.eq(cycle_id.to_string()))
        .filter(reviews::state.ne("removed"))
        .select(reviews::person_id);
    people::table
        .filter(people::active.eq(true))
        .filter(lower(people::name).like(pattern).escape(LIKE_ESCAPE))
        .filter(people::id.ne_all(in_cycle))
        .order((people::name.asc(), people::id.asc()))
        .limit(limit)
        .select((people::id, people::name, people::department))
        .load(conn)
}

/// Which of `ids` have no password yet (invited, not signed up).
pub fn without_password_among(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<String>> {
    in_parts(conn, ids, |conn, part| {
        people::table
            .filter(people::id.eq_any(part))
            .filter(people::password_hash.is_null())
            .select(people::id)
            .load(conn)
    })
}

/// `(id, name)` of each of `ids` that exists.
pub fn names(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    in_parts(conn, ids, |conn, part| {
        people::table
            .filter(people::id.eq_any(part))
            .select((people::id, people::name))
            .load(conn)
    })
}

/// Every department in use, for the filter list.
pub fn departments(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    people::table
        .filter(people::department.ne(""))
        .select(people::department)
        .distinct()
        .order(people::department.asc())
        .load(conn)
}

/// People who can be chosen as a manager: active, and either managers by role,
/// HR, or already someone's manager.
pub fn manager_choices(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, String)>> {
    let reports = diesel::alias!(people as reports);
    let with_reports = reports
        .filter(reports.field(people::manager_id).is_not_null())
        .select(reports.field(people::manager_id).assume_not_null());
    people::table
        .filter(people::active.eq(true))
        .filter(
            people::role
                .ne("employee")
                .or(people::id.eq_any(with_reports)),
        )
        .order(people::name.asc())
        .select((people::id, people::name, people::email))
        .load(conn)
}

/// `(id, manager_id)` for everyone: enough to check a change of manager for loops.
pub fn manager_links(conn: &mut DbConnection) -> QueryResult<Vec<(String, Option<String>)>> {
    people::table
        .select((people::id, people::manager_id))
        .load(conn)
}

/// `(email, row)` for a set of addresses, for the CSV import's comparison.
pub fn find_by_emails(conn: &mut DbConnection, emails: &[String]) -> QueryResult<Vec<PersonRow>> {
    if emails.is_empty() {
        return Ok(vec![]);
    }
    let mut out = Vec::with_capacity(emails.len());
    // Chunked: SQLite limits the number of bound parameters.
    for chunk in emails.chunks(500) {
        out.extend(
            people::table
                .filter(people::email.eq_any(chunk))
                .select(PersonRow::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// Active people who have not set a password yet (invitation not taken up).
pub fn count_without_password(conn: &mut DbConnection) -> QueryResult<i64> {
    people::table
        .filter(people::active.eq(true))
        .filter(people::password_hash.is_null())
        .count()
        .get_result(conn)
}

/// Does anyone active report to this person?
pub fn has_reports(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        people::table
            .filter(people::manager_id.eq(id))
            .filter(people::active.eq(true)),
    ))
    .get_result(conn)
}

/// What the mail needs of a person: where, in which language, how often.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct MailTarget {
    pub id: String,
    pub email: String,
    pub name: String,
    pub lang: String,
    pub email_digest: bool,
    pub active: bool,
    pub manager_id: Option<String>,
    pub department: String,
}

pub fn mail_targets(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<MailTarget>> {
    in_parts(conn, ids, |conn, part| {
        people::table
            .filter(people::id.eq_any(part))
            .select(MailTarget::as_select())
            .load(conn)
    })
}

/// Everyone active in HR (who receive HR's summaries).
pub fn hr_targets(conn: &mut DbConnection) -> QueryResult<Vec<MailTarget>> {
    people::table
        .filter(people::role.eq("hr"))
        .filter(people::active.eq(true))
        .select(MailTarget::as_select())
        .order(people::name.asc())
        .load(conn)
}

/// Choose daily digest or one email per event.
pub fn set_email_digest(conn: &mut DbConnection, id: &str, digest: bool) -> QueryResult<usize> {
    diesel::update(people::table.find(id))
        .set((
            people::email_digest.eq(digest),
            people::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)
}

/// The ids of everyone in a department (its name exactly as stored).
pub fn ids_in_department(
    conn: &mut DbConnection,
    department: &str,
) -> QueryResult<std::collections::HashSet<String>> {
    Ok(people::table
        .filter(people::department.eq(department))
        .select(people::id)
        .load::<String>(conn)?
        .into_iter()
        .collect())
}

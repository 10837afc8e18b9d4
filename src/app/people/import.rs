//! Importing people from a CSV file: the plan (what each row would do, a
//! read for the preview) and the command that applies it.

use std::collections::HashMap;

use super::{add_person, apply_changes, Added};
use crate::app::{Actor, Clock, Error};
use crate::db::{self, audit, people, DbConnection, QueryResult};
use crate::domain::import::{self, Existing, Outcome, Plan};
use crate::domain::policy;
use crate::domain::Lang;
/// The directory as the import sees it, for the emails in the file and every
/// manager they name (and their managers, so loops are seen). A read.
pub fn load_existing(
    conn: &mut DbConnection,
    rows: &[import::ImportRow],
) -> QueryResult<HashMap<String, Existing>> {
    let mut emails: Vec<String> = rows.iter().map(|r| r.email.trim().to_lowercase()).collect();
    emails.extend(
        rows.iter()
            .filter_map(|r| r.manager_email.as_ref())
            .map(|m| m.trim().to_lowercase())
            .filter(|m| !m.is_empty()),
    );
    emails.sort();
    emails.dedup();
    let found = people::find_by_emails(conn, &emails)?;
    // Everyone's manager link, by email, so loops through people outside the file are seen.
    let links = people::manager_links(conn)?;
    let all_ids: Vec<String> = links.iter().filter_map(|(_, m)| m.clone()).collect();
    let mut email_of: HashMap<String, String> = people::find_many(conn, &all_ids)?
        .into_iter()
        .map(|p| (p.id, p.email))
        .collect();
    for p in &found {
        email_of.insert(p.id.clone(), p.email.clone());
    }
    let mut existing: HashMap<String, Existing> = HashMap::new();
    for p in found {
        existing.insert(
            p.email.clone(),
            Existing {
                manager_email: p.manager_id.as_ref().and_then(|m| email_of.get(m).cloned()),
                name: p.name,
                department: p.department,
                job_title: p.job_title,
                job_description: p.job_description,
                role: p.role,
                lang: p.lang,
                active: p.active,
            },
        );
    }
    // Managers of managers (outside the file) matter for loop detection.
    let ids_by_email: HashMap<String, String> = email_of
        .iter()
        .map(|(id, e)| (e.clone(), id.clone()))
        .collect();
    let manager_by_id: HashMap<String, Option<String>> = links.into_iter().collect();
    let mut frontier: Vec<String> = existing
        .values()
        .filter_map(|e| e.manager_email.clone())
        .collect();
    while let Some(m) = frontier.pop() {
        if existing.contains_key(&m) {
            continue;
        }
        let Some(id) = ids_by_email.get(&m) else {
            continue;
        };
        let manager_email = manager_by_id
            .get(id)
            .cloned()
            .flatten()
            .and_then(|mid| email_of.get(&mid).cloned());
        if let Some(next) = &manager_email {
            frontier.push(next.clone());
        }
        if let Some(p) = people::find(conn, id)? {
            existing.insert(
                m,
                Existing {
                    manager_email,
                    name: p.name,
                    department: p.department,
                    job_title: p.job_title,
                    job_description: p.job_description,
                    role: p.role,
                    lang: p.lang,
                    active: p.active,
                },
            );
        }
    }
    Ok(existing)
}

/// What a file would do to the directory now (the preview). A read.
pub fn plan_import(
    conn: &mut DbConnection,
    rows: &[import::ImportRow],
    default_lang: Lang,
    importer_email: &str,
) -> QueryResult<Plan> {
    let existing = load_existing(conn, rows)?;
    Ok(import::plan(
        rows,
        &existing,
        default_lang,
        Some(importer_email),
    ))
}

/// Apply an imported file: plan again inside the transaction (the directory
/// may have changed since the preview), then write every accepted row or none.
/// Returns the plan and the people created, with their invitation tokens.
pub fn import_people(
    conn: &mut DbConnection,
    actor: &Actor,
    _clock: Clock,
    rows: &[import::ImportRow],
    default_lang: Lang,
) -> Result<(Plan, Vec<Added>), Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_manage_people(actor) {
            return Err(Error::Forbidden);
        }
        let importer = people::find(conn, &actor.id)?.ok_or(Error::Forbidden)?;
        let plan = plan_import(conn, rows, default_lang, &importer.email)?;
        let created = apply_plan(conn, &plan, &actor.id)?;
        db::analyze_after_bulk(conn, db::BulkTable::People, created.len())?;
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&actor.id),
                action: "people.imported",
                subject_type: "import",
                subject_id: &db::new_id(),
                details: serde_json::json!({ "created": plan.creates, "changed": plan.changes, "unchanged": plan.unchanged, "rejected": plan.rejects }),
                ..Default::default()
            },
        )?;
        Ok((plan, created))
    })
}

/// Write a plan's accepted rows: creations in manager-first order, then changes.
fn apply_plan(conn: &mut DbConnection, plan: &Plan, actor: &str) -> Result<Vec<Added>, Error> {
    let mut id_of: HashMap<String, String> = HashMap::new();
    let mut created = vec![];
    let mut pending: Vec<&import::PlannedRow> = plan
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Create)
        .collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut next_round = vec![];
        for r in pending {
            let Some(d) = &r.details else { continue };
            let manager_id = match &r.manager_email {
                None => None,
                Some(m) => match id_of.get(m) {
                    Some(id) => Some(id.clone()),
                    None => match people::find_by_email(conn, m)? {
                        Some(p) => Some(p.id),
                        None => {
                            next_round.push(r); // their manager is created later in this file
                            continue;
                        }
                    },
                },
            };
            let (id, token) = add_person(conn, d, manager_id.as_deref(), Some(actor), "import")?;
            id_of.insert(d.email.as_str().to_string(), id.clone());
            created.push(Added {
                id,
                name: d.name.clone(),
                email: d.email.as_str().to_string(),
                token,
            });
        }
        if next_round.len() == before {
            // The planner orders managers first and rejects unknown ones, so
            // this cannot happen; if it does, nothing is written (a 500).
            tracing::error!("import: unresolvable managers after planning");
            return Err(Error::Query(db::QueryError::RollbackTransaction));
        }
        pending = next_round;
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Change { .. }))
    {
        let Some(d) = &r.details else { continue };
        let Some(current) = people::find_by_email(conn, d.email.as_str())? else {
            continue;
        };
        let manager_id = match &r.manager_email {
            None => None,
            Some(m) => match id_of.get(m) {
                Some(id) => Some(id.clone()),
                None => people::find_by_email(conn, m)?.map(|p| p.id),
            },
        };
        apply_changes(conn, &current, d, manager_id.as_deref(), actor, "import")?;
    }
    Ok(created)
}

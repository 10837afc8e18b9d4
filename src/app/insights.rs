//! Strengths and weaknesses over time (read only): for the most recent
//! cycles, how often each competency was named as a strength and as a
//! weakness, as a share of the cycle's reviews, for the whole organisation
//! or one department; and the support people asked for in their goals: the
//! input for a training plan.

use std::collections::HashMap;

use super::{Actor, Error};
use crate::db::{forms, insights as q, people, DbConnection};
use crate::domain::policy;
use crate::domain::Lang;
use crate::i18n::pick;

/// Cycles shown, newest on the right.
pub const CYCLES: i64 = 6;
/// Support requests listed.
pub const SUPPORT_SHOWN: i64 = 30;

#[derive(Debug, Clone)]
pub struct CycleColumn {
    pub id: String,
    pub name: String,
    pub reviews: i64,
}

/// One competency's row: for each cycle (in column order), how many named
/// it a strength and a weakness.
#[derive(Debug, Clone)]
pub struct CompetencyRow {
    pub name: String,
    pub strengths: Vec<i64>,
    pub weaknesses: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct Support {
    pub cycle: String,
    pub department: String,
    pub goal: String,
    pub support: String,
}

#[derive(Debug, Clone)]
pub struct Insights {
    pub cycles: Vec<CycleColumn>,
    pub rows: Vec<CompetencyRow>,
    pub departments: Vec<String>,
    pub support: Vec<Support>,
}

pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    department: Option<&str>,
    lang: Lang,
) -> Result<Insights, Error> {
    if !policy::may_review_fairness(actor) {
        return Err(Error::Forbidden);
    }
    let mut recent = q::recent_cycles(conn, CYCLES)?;
    recent.reverse();
    let ids: Vec<String> = recent.iter().map(|c| c.id.clone()).collect();
    let reviewed: HashMap<String, i64> = q::reviews_per_cycle(conn, &ids, department)?
        .into_iter()
        .map(|r| (r.cycle_id, r.n))
        .collect();
    let column: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let competencies = forms::competencies(conn, true)?;
    let mut by_competency: HashMap<String, (Vec<i64>, Vec<i64>)> = HashMap::new();
    for n in q::named(conn, &ids, department)? {
        let Some(&i) = column.get(n.cycle_id.as_str()) else {
            continue;
        };
        let entry = by_competency
            .entry(n.competency_id)
            .or_insert_with(|| (vec![0; ids.len()], vec![0; ids.len()]));
        match n.kind.as_str() {
            "strength" => entry.0[i] += n.n,
            "weakness" => entry.1[i] += n.n,
            _ => {}
        }
    }
    let rows = competencies
        .into_iter()
        .filter_map(|c| {
            let (strengths, weaknesses) = by_competency.remove(&c.id)?;
            Some(CompetencyRow {
                name: pick(lang, &c.name_id, &c.name_en),
                strengths,
                weaknesses,
            })
        })
        .collect();
    let names: HashMap<&str, &str> = recent
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let support = q::support_asked(conn, &ids, department, SUPPORT_SHOWN)?
        .into_iter()
        .map(|s| Support {
            cycle: names
                .get(s.cycle_id.as_str())
                .copied()
                .unwrap_or_default()
                .to_string(),
            department: s.department.unwrap_or_default(),
            goal: s.title,
            support: s.support_needed,
        })
        .collect();
    Ok(Insights {
        cycles: recent
            .into_iter()
            .map(|c| CycleColumn {
                reviews: reviewed.get(&c.id).copied().unwrap_or(0),
                id: c.id,
                name: c.name,
            })
            .collect(),
        rows,
        departments: people::departments(conn)?,
        support,
    })
}

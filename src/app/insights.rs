//! Strengths and weaknesses over time (read only): for the most recent
//! cycles, how often each competency was named as a strength and as a
//! weakness, as a share of the cycle's reviews, for the whole organisation,
//! one department or one team (everyone below a manager); and the
//! support people asked for in their goals: the input for a training plan.
//! HR reads anyone; a manager reads the reviews they write.

use std::collections::HashMap;

use super::{Actor, Error};
use crate::db::{forms, insights as q, people, DbConnection};
use crate::domain::policy::{self, InsightsScope};
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
pub struct Team {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Insights {
    pub cycles: Vec<CycleColumn>,
    pub rows: Vec<CompetencyRow>,
    /// The departments HR may filter by (none for a manager).
    pub departments: Vec<String>,
    /// The teams HR may choose, by their manager's name (none for a
    /// manager).
    pub teams: Vec<Team>,
    /// The team read, if HR chose one.
    pub team: Option<Team>,
    /// The reader may read anyone (HR), not only the reviews they write.
    pub everyone: bool,
    pub support: Vec<Support>,
}

/// What the reader asked to see (HR's choices; a manager has none).
#[derive(Debug, Clone, Copy, Default)]
pub struct Choice<'a> {
    pub department: Option<&'a str>,
    /// A team: everyone below this manager today.
    pub team: Option<&'a str>,
}

pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    choice: Choice<'_>,
    lang: Lang,
) -> Result<Insights, Error> {
    let has_reports = people::has_reports(conn, &actor.id)?;
    let scope = policy::insights_scope(actor, has_reports).ok_or(Error::Forbidden)?;
    let group = match scope {
        InsightsScope::Everyone => q::Group {
            department: choice.department,
            team: choice.team,
            written_by: None,
        },
        // A manager's page is their own team; no one's team is theirs to
        // choose (see `InsightsScope::WrittenBy`).
        InsightsScope::WrittenBy(me) => {
            if choice.team.is_some() {
                return Err(Error::NotFound);
            }
            q::Group {
                department: None,
                team: None,
                written_by: Some(me),
            }
        }
    };
    // A team is someone with reports: anyone else names no team.
    let team = match group.team {
        None => None,
        Some(id) => match (people::name_of(conn, id)?, people::has_reports(conn, id)?) {
            (Some(name), true) => Some(Team {
                id: id.to_string(),
                name,
            }),
            _ => return Err(Error::NotFound),
        },
    };
    let mut recent = q::recent_cycles(conn, CYCLES)?;
    recent.reverse();
    let ids: Vec<String> = recent.iter().map(|c| c.id.clone()).collect();
    let reviewed: HashMap<String, i64> = q::reviews_per_cycle(conn, &ids, group)?
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
    for n in q::named(conn, &ids, group)? {
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
    let support = q::support_asked(conn, &ids, group, SUPPORT_SHOWN)?
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
    let everyone = scope == InsightsScope::Everyone;
    let (departments, mut teams) = if everyone {
        (
            people::departments(conn)?,
            q::teams(conn, group.department)?,
        )
    } else {
        (vec![], vec![])
    };
    // The chosen team stays in the list even when the department chosen
    // with it has none of its managers, so the form shows what is read.
    if let Some(t) = &team {
        if !teams.iter().any(|m| m.id == t.id) {
            teams.insert(
                0,
                q::Manager {
                    id: t.id.clone(),
                    name: t.name.clone(),
                },
            );
        }
    }
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
        departments,
        teams: teams
            .into_iter()
            .map(|m| Team {
                id: m.id,
                name: m.name,
            })
            .collect(),
        team,
        everyone,
        support,
    })
}

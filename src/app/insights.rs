//! Strengths and weaknesses over time (read only): for the most recent
//! cycles, how often each competency was named as a strength and as a
//! weakness, as a share of the cycle's reviews, for the whole organisation,
//! one department or one team (a manager and everyone below them); and the
//! support people asked for in their goals: the input for a training plan.
//! HR reads anyone; a manager reads their own organisation.

use std::collections::HashMap;

use super::{Actor, Error};
use crate::db::{forms, insights as q, people, DbConnection};
use crate::domain::policy::{self, ProgressScope};
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
    /// Per cycle column: whether its counts are shown (a manager reading a
    /// group of fewer than `policy::INSIGHTS_MIN_GROUP` reviews sees none).
    pub shown: Vec<bool>,
    pub rows: Vec<CompetencyRow>,
    /// The departments one may filter by (HR only: a manager reads their
    /// own organisation and the teams within it).
    pub departments: Vec<String>,
    /// The teams one may choose, by their manager's name.
    pub teams: Vec<Team>,
    /// The team read, if one is chosen (a manager: their own by default).
    pub team: Option<Team>,
    /// The reader is a manager reading their own organisation.
    pub own_organisation: bool,
    /// The reader may read anyone (HR), not only their own organisation.
    pub everyone: bool,
    pub support: Vec<Support>,
}

/// What the reader asked to see.
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
    // A manager reads their organisation, or a team within it; the
    // department filter is HR's.
    let (department, team_id) = match scope {
        ProgressScope::Everyone => (choice.department, choice.team),
        ProgressScope::Below(me) => (None, Some(choice.team.unwrap_or(me))),
    };
    let team = match team_id {
        None => None,
        Some(id) => {
            let inside = match scope {
                ProgressScope::Everyone => true,
                ProgressScope::Below(me) => id == me || q::is_below(conn, id, me)?,
            };
            // A team is someone with reports: anyone else names no team.
            let name = people::name_of(conn, id)?;
            let leads = people::has_reports(conn, id)?;
            match (inside && leads, name) {
                (true, Some(name)) => Some(Team {
                    id: id.to_string(),
                    name,
                }),
                _ => return Err(Error::NotFound),
            }
        }
    };
    let group = q::Group {
        department,
        team: team.as_ref().map(|t| t.id.as_str()),
    };
    let mut recent = q::recent_cycles(conn, CYCLES)?;
    recent.reverse();
    let ids: Vec<String> = recent.iter().map(|c| c.id.clone()).collect();
    let reviewed: HashMap<String, i64> = q::reviews_per_cycle(conn, &ids, group)?
        .into_iter()
        .map(|r| (r.cycle_id, r.n))
        .collect();
    // What a column's counts stand for: the reviews with an entry counted
    // (a manager's threshold is on those, not on every review of the
    // cycle, most of which may name nothing).
    let contributing: HashMap<String, i64> = match scope {
        ProgressScope::Everyone => HashMap::new(),
        ProgressScope::Below(_) => q::contributing_per_cycle(conn, &ids, group)?
            .into_iter()
            .map(|r| (r.cycle_id, r.n))
            .collect(),
    };
    let shown: Vec<bool> = ids
        .iter()
        .map(|id| policy::may_see_group_counts(scope, contributing.get(id).copied().unwrap_or(0)))
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
        if !shown[i] {
            continue;
        }
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
    let written_by = policy::insights_support_written_by(scope);
    let support = q::support_asked(conn, &ids, group, written_by, SUPPORT_SHOWN)?
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
    let (departments, mut teams, own_organisation) = match scope {
        ProgressScope::Everyone => (
            people::departments(conn)?,
            q::teams(conn, department, None)?,
            false,
        ),
        ProgressScope::Below(me) => (
            vec![],
            q::teams(conn, None, Some(me))?,
            team.as_ref().is_some_and(|t| t.id == me),
        ),
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
        shown,
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
        own_organisation,
        everyone: scope == ProgressScope::Everyone,
        support,
    })
}

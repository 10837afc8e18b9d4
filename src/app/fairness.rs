//! Fair ratings in a cycle (read only): the spread of manager ratings for
//! the organisation, per department and per manager, the managers whose
//! ratings stand out (`domain::fairness::flag`), and the self-vs-manager
//! gap per competency, as a conversation starter rather than a ranking.

use std::collections::{BTreeMap, HashMap};

use super::{Actor, Clock, Error};
use crate::db::{cycles, fairness as q, forms, DbConnection};
use crate::domain::fairness::{flag, gap, Flag, Spread, MIN_TEAM};
use crate::domain::policy;
use crate::domain::review::CycleStatus;
use crate::domain::{CycleId, Lang};
use crate::i18n::pick;

#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub spread: Spread,
    /// Reviews with a manager rating (managers only).
    pub reviews: i64,
    pub flag: Option<Flag>,
}

#[derive(Debug, Clone)]
pub struct CompetencyGap {
    pub name: String,
    pub self_mean: f64,
    pub manager_mean: f64,
    /// Self minus manager, in points.
    pub gap: f64,
    pub pairs: i64,
}

#[derive(Debug, Clone)]
pub struct Fairness {
    pub cycle: cycles::CycleRow,
    pub organisation: Spread,
    pub departments: Vec<Group>,
    /// Flagged first, then by name.
    pub managers: Vec<Group>,
    /// Largest difference first (either way).
    pub gaps: Vec<CompetencyGap>,
}

pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
    lang: Lang,
) -> Result<Fairness, Error> {
    if !policy::may_review_fairness(actor) {
        return Err(Error::Forbidden);
    }
    let cycle = cycles::find(conn, cycle_id.as_str())?.ok_or(Error::NotFound)?;
    if cycle.status(clock.today) == CycleStatus::Draft {
        return Err(Error::NotNow("progress-error-draft"));
    }
    let mut organisation = Spread::default();
    let mut managers: BTreeMap<String, (String, Spread)> = BTreeMap::new();
    let mut departments: BTreeMap<String, Spread> = BTreeMap::new();
    for c in q::counts(conn, &cycle.id)? {
        organisation.add(c.rating, c.n);
        managers
            .entry(c.manager_id.unwrap_or_default())
            .or_insert_with(|| (c.manager_name.unwrap_or_default(), Spread::default()))
            .1
            .add(c.rating, c.n);
        departments
            .entry(c.department)
            .or_default()
            .add(c.rating, c.n);
    }
    let rated: HashMap<String, i64> = q::rated_reviews_by_manager(conn, &cycle.id)?
        .into_iter()
        .map(|g| (g.grp.unwrap_or_default(), g.n))
        .collect();
    let mut managers: Vec<Group> = managers
        .into_iter()
        .map(|(id, (label, spread))| {
            let reviews = rated.get(&id).copied().unwrap_or(0);
            Group {
                flag: flag(&spread, reviews, &organisation),
                label,
                spread,
                reviews,
            }
        })
        .collect();
    managers.sort_by(|a, b| {
        b.flag
            .is_some()
            .cmp(&a.flag.is_some())
            .then_with(|| a.label.cmp(&b.label))
    });
    let departments = departments
        .into_iter()
        .map(|(label, spread)| Group {
            label,
            spread,
            reviews: 0,
            flag: None,
        })
        .collect();
    let names: HashMap<String, String> = forms::competencies(conn, true)?
        .into_iter()
        .map(|c| (c.id, pick(lang, &c.name_id, &c.name_en)))
        .collect();
    let mut gaps: Vec<CompetencyGap> = q::competency_pairs(conn, &cycle.id)?
        .into_iter()
        .filter_map(|p| {
            let g = gap(p.self_sum, p.manager_sum, p.pairs)?;
            Some(CompetencyGap {
                name: names.get(&p.competency_id).cloned().unwrap_or_default(),
                self_mean: p.self_sum as f64 / p.pairs as f64,
                manager_mean: p.manager_sum as f64 / p.pairs as f64,
                gap: g,
                pairs: p.pairs,
            })
        })
        .collect();
    gaps.sort_by(|a, b| {
        b.gap
            .abs()
            .total_cmp(&a.gap.abs())
            .then(a.name.cmp(&b.name))
    });
    Ok(Fairness {
        cycle,
        organisation,
        departments,
        managers,
        gaps,
    })
}

/// The smallest team a manager is flagged for (for the page's method).
pub fn min_team() -> i64 {
    MIN_TEAM
}

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
    let mut rated: HashMap<String, i64> = HashMap::new();
    for c in q::counts(conn, &cycle.id)? {
        let manager = managers
            .entry(c.manager_id.clone().unwrap_or_default())
            .or_insert_with(|| {
                (
                    c.manager_name.clone().unwrap_or_default(),
                    Spread::default(),
                )
            });
        let department = departments.entry(c.department.clone()).or_default();
        for (rating, n) in c.by_value() {
            organisation.add(rating, n);
            manager.1.add(rating, n);
            department.add(rating, n);
        }
        *rated.entry(c.manager_id.unwrap_or_default()).or_default() += c.reviews;
    }
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
    // Each rating question tied to a competency, summed per competency.
    let form = forms::load_form(conn, &cycle.template_id)?.ok_or(Error::NotFound)?;
    let competency_of: HashMap<&str, &str> = form
        .questions()
        .filter_map(|q| Some((q.id.as_str(), q.competency_id.as_deref()?)))
        .collect();
    let mut sums: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for p in q::question_pairs(conn, &cycle.id)? {
        if let Some(c) = competency_of.get(p.question_id.as_str()) {
            let s = sums.entry((*c).to_string()).or_default();
            s.0 += p.self_sum;
            s.1 += p.manager_sum;
            s.2 += p.pairs;
        }
    }
    let mut gaps: Vec<CompetencyGap> = sums
        .into_iter()
        .filter_map(|(competency_id, (self_sum, manager_sum, pairs))| {
            let g = gap(self_sum, manager_sum, pairs)?;
            Some(CompetencyGap {
                name: names.get(&competency_id).cloned().unwrap_or_default(),
                self_mean: self_sum as f64 / pairs as f64,
                manager_mean: manager_sum as f64 / pairs as f64,
                gap: g,
                pairs,
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

//! Calibration: managers hand their reviews in, HR (and, if HR allows, a
//! manager's own manager) compares ratings across teams and adjusts final
//! ratings with a reason, and locking the step shares every review handed
//! in at once, so no employee sees a rating change after reading it.
//!
//! Handing in is the manager's Share in a cycle whose calibration is open
//! (`app::reviews::share`); the rest is here.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;

use super::cycles::cycle_entry;
use super::reviews::{entry, facts, load};
use super::{Actor, Clock, Error};
use crate::db::calibration::{self as q, CalibrationRow, Filter, NewAdjustment};
use crate::db::cycles::{self, CycleRow};
use crate::db::{self, audit, forms, people, reviews, DbConnection};
use crate::domain::calibration::{check_new_rating, final_rating, Reason, Settings, SortBy};
use crate::domain::fairness::Spread;
use crate::domain::policy::{self, CalibrationScope, ReviewFacts};
use crate::domain::review::{Answerer, CycleStatus, ReviewState, Side};
use crate::domain::{CycleId, Lang, ReviewId};

/// Reviews a calibration page lists at once.
pub const PAGE_SIZE: usize = 50;

/// HR adds the calibration step to a cycle or changes its settings
/// (`Some`), or takes it away (`None`, only while no review is handed in).
pub fn set_settings(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
    settings: Option<Settings>,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_run_calibration(actor) {
            return Err(Error::Forbidden);
        }
        let cycle = cycles::find_for_update(conn, cycle_id)?.ok_or(Error::NotFound)?;
        if cycle.status(clock.today) == CycleStatus::Closed {
            return Err(Error::NotNow("error-cycle-closed"));
        }
        match settings {
            Some(s) => {
                if s.check(&cycle.dates()).is_err() {
                    return Err(Error::Invalid(vec![(
                        "due_on".into(),
                        "calibration-error-date",
                    )]));
                }
                if !q::save(conn, cycle_id, &s)? {
                    return Err(Error::NotNow("calibration-error-locked"));
                }
                audit::record(
                    conn,
                    cycle_entry(
                        actor,
                        "cycle.calibration_set",
                        cycle_id,
                        json!({
                            "due_on": s.due_on,
                            "final_visible": s.final_visible,
                            "by_managers": s.by_managers,
                        }),
                    ),
                )?;
            }
            None => {
                if q::find(conn, cycle_id)?.is_none() {
                    return Ok(());
                }
                if !q::remove(conn, cycle_id)? {
                    return Err(Error::NotNow("calibration-error-in-use"));
                }
                audit::record(
                    conn,
                    cycle_entry(actor, "cycle.calibration_removed", cycle_id, json!({})),
                )?;
            }
        }
        Ok(())
    })
}

/// The manager hands the review in for calibration (their Share while
/// calibration is open): checked like a share, then read-only to them.
pub(super) fn hand_in(
    conn: &mut DbConnection,
    actor: &Actor,
    r: &reviews::ReviewRow,
) -> Result<(), Error> {
    if !q::hand_in(conn, r)? {
        return Err(Error::Conflict("error-review-not-now"));
    }
    reviews::set_answers_status(conn, &r.id, Side::Manager, "submitted")?;
    audit::record(
        conn,
        entry(&actor.id, "review.handed_in", r, serde_json::Value::Null),
    )?;
    Ok(())
}

/// A new final rating for one question of a review, as asked.
#[derive(Debug, Clone)]
pub struct Adjustment {
    pub question_id: String,
    pub rating: i32,
    pub reason: Reason,
    /// The review's manager version when the page was read: an adjustment
    /// made by someone else since then makes this one wait for another look.
    pub seen_version: i32,
}

/// Whom the calibration settings let calibrate a review (see
/// [`policy::may_calibrate`]); `open` as the step stands.
fn may_calibrate(
    conn: &mut DbConnection,
    actor: &Actor,
    f: ReviewFacts<'_>,
    cal: &CalibrationRow,
    open: bool,
) -> Result<bool, Error> {
    let above = match (cal.by_managers, f.manager_id) {
        (true, Some(m)) if !actor.is_hr() => q::is_above(conn, &actor.id, m)?,
        _ => false,
    };
    Ok(policy::may_calibrate(
        actor,
        f,
        open,
        cal.by_managers,
        above,
    ))
}

/// The same review as if it were handed in and waiting for calibration in
/// an open cycle: asks policy who could calibrate it at all.
fn as_if_waiting(f: ReviewFacts<'_>) -> ReviewFacts<'_> {
    ReviewFacts {
        state: ReviewState::ManagerReview,
        handed_in: true,
        cycle: CycleStatus::Open,
        ..f
    }
}

/// Adjust a final rating, with a reason: recorded (who, when, why, before
/// and after), audited, and told to the review's manager.
pub fn adjust(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
    review_id: &ReviewId,
    a: &Adjustment,
) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        if r.cycle_id != cycle_id.as_str() || q::find(conn, &r.cycle_id)?.is_none() {
            return Err(Error::NotFound);
        }
        // Hold the step open until this commits (a lock waits for it, or
        // has won), and read the settings as they are now.
        let open = q::hold_open(conn, &r.cycle_id)?;
        let cal = q::find(conn, &r.cycle_id)?.ok_or(Error::NotFound)?;
        let f = facts(&r, &c, clock.today);
        // Who may at all (as if the review were waiting for calibration),
        // then whether it is waiting now.
        if !may_calibrate(conn, actor, as_if_waiting(f), &cal, true)? {
            return Err(Error::Forbidden);
        }
        if !open {
            return Err(Error::NotNow("calibration-error-locked"));
        }
        if !may_calibrate(conn, actor, f, &cal, true)? {
            return Err(Error::NotNow("calibration-error-not-waiting"));
        }
        let form = forms::load_form(conn, &c.template_id)?.ok_or(Error::NotFound)?;
        let rated = form.questions().any(|qn| {
            qn.id == a.question_id
                && qn.kind.has_rating()
                && Answerer::parse(&qn.side).is_some_and(|s| s.includes(Side::Manager))
        });
        if !rated {
            return Err(Error::Invalid(vec![(
                "question_id".into(),
                "calibration-error-question",
            )]));
        }
        let manager = reviews::answers(conn, &r.id, Some(Side::Manager))?
            .into_iter()
            .find(|x| x.question_id == a.question_id)
            .and_then(|x| x.rating);
        let adjusted = q::final_ratings(conn, &r.id)?;
        let before = final_rating(manager, adjusted.get(&a.question_id).copied());
        if let Err(e) = check_new_rating(before, a.rating) {
            let key = match e {
                crate::domain::calibration::AdjustmentError::Unchanged => {
                    "calibration-error-unchanged"
                }
                _ => "calibration-error-rating",
            };
            return Err(Error::Invalid(vec![("rating".into(), key)]));
        }
        if !q::claim_for_adjustment(conn, &r.id, a.seen_version)? {
            return Err(Error::Conflict("calibration-error-changed"));
        }
        let adjustment_id = q::insert_adjustment(
            conn,
            NewAdjustment {
                review_id: &r.id,
                question_id: &a.question_id,
                before,
                after: a.rating,
                reason: a.reason.as_str(),
                by: &actor.id,
            },
        )?;
        audit::record(
            conn,
            entry(
                &actor.id,
                "review.rating_adjusted",
                &r,
                // The ratings and the reason stay in `rating_adjustments`,
                // where policy decides who reads them; the audit log is read
                // by HR, who may be the person reviewed.
                json!({
                    "question_id": a.question_id,
                    "adjustment_id": adjustment_id,
                }),
            ),
        )?;
        if let Some(m) = &r.manager_id {
            let person = people::name_of(conn, &r.person_id)?.unwrap_or_default();
            crate::db::notifications::notify(
                conn,
                m,
                "rating_adjusted",
                Some(&r.id),
                Some(&actor.id),
                &format!("{person}: {}", a.reason.as_str()),
            )?;
        }
        Ok(())
    })
}

/// HR ends calibration: the step locks, and every review handed in is
/// shared with its employee at that moment (with the final ratings). Returns
/// how many were shared.
pub fn lock(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
) -> Result<usize, Error> {
    db::write_tx(conn, |conn| {
        if !policy::may_run_calibration(actor) {
            return Err(Error::Forbidden);
        }
        let cycle = cycles::find(conn, cycle_id)?.ok_or(Error::NotFound)?;
        if cycle.status(clock.today) != CycleStatus::Open {
            return Err(Error::NotNow("calibration-error-not-open"));
        }
        q::find(conn, cycle_id)?.ok_or(Error::NotFound)?;
        // Wait for adjustments and hand-ins under way (they hold the row),
        // so the time of the lock comes after every one of them.
        if !q::hold_open(conn, cycle_id)? || !q::lock(conn, cycle_id, &actor.id)? {
            return Err(Error::Conflict("calibration-error-locked"));
        }
        let waiting = q::handed_in_waiting(conn, cycle_id)?;
        let ids: Vec<String> = waiting.iter().map(|r| r.id.clone()).collect();
        let shared = q::share_handed_in(conn, &ids)?;
        for r in &waiting {
            let mut after = r.clone();
            after.state = ReviewState::Shared;
            super::reviews::shared(conn, &actor.id, r, &after, json!({ "calibrated": true }))?;
            if let Some(m) = &r.manager_id {
                let person = people::name_of(conn, &r.person_id)?.unwrap_or_default();
                crate::db::notifications::notify(
                    conn,
                    m,
                    "calibration_locked",
                    Some(&r.id),
                    Some(&actor.id),
                    &person,
                )?;
            }
        }
        audit::record(
            conn,
            cycle_entry(
                actor,
                "cycle.calibration_locked",
                cycle_id,
                json!({ "shared": shared }),
            ),
        )?;
        Ok(shared)
    })
}

// ---- reading ----

/// A rating question of the cycle's form, as a column.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub question_id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub manager: Option<i32>,
    pub own: Option<i32>,
    #[serde(rename = "final")]
    pub final_rating: Option<i32>,
    pub adjusted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub review_id: String,
    pub person_name: String,
    pub department: String,
    pub manager_id: String,
    pub manager_name: String,
    pub state: ReviewState,
    pub cells: Vec<Cell>,
    /// The mean of the final ratings, and of the employee's own.
    pub mean: Option<f64>,
    pub own_mean: Option<f64>,
    pub adjusted: bool,
    pub may_adjust: bool,
}

#[derive(Debug, Clone)]
pub struct View {
    pub cycle: CycleRow,
    /// The name of the manager whose organisation the list is narrowed to.
    pub organisation_name: Option<String>,
    pub settings: CalibrationRow,
    pub everyone: bool,
    pub columns: Vec<Column>,
    /// The page of lines asked for.
    pub lines: Vec<Line>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub group: Spread,
    pub organisation: Spread,
    pub still_with_managers: i64,
    pub departments: Vec<String>,
    pub may_lock: bool,
}

fn mean(values: impl Iterator<Item = i32>) -> Option<f64> {
    let mut s = Spread::default();
    for v in values {
        s.add(v, 1);
    }
    s.mean().map(two_places)
}

/// The rating questions of a form the manager answers, as columns.
fn columns(form: &forms::Form, lang: Lang, names: &HashMap<String, String>) -> Vec<Column> {
    form.questions()
        .filter(|qn| {
            qn.kind.has_rating()
                && Answerer::parse(&qn.side).is_some_and(|s| s.includes(Side::Manager))
        })
        .map(|qn| Column {
            question_id: qn.id.clone(),
            label: qn
                .competency_id
                .as_ref()
                .and_then(|c| names.get(c).cloned())
                .unwrap_or_else(|| {
                    qn.prompt().read(
                        Side::Manager,
                        lang,
                        &crate::i18n::t(lang, "the-person-reviewed"),
                    )
                }),
        })
        .collect()
}

fn competency_names(conn: &mut DbConnection, lang: Lang) -> Result<HashMap<String, String>, Error> {
    Ok(forms::competencies(conn, true)?
        .into_iter()
        .map(|c| (c.id, crate::i18n::pick(lang, &c.name_id, &c.name_en)))
        .collect())
}

/// The calibration page of a cycle for the reader: the reviews handed in
/// that they may calibrate (a department's, or all), sorted and paged, with
/// the spread of final ratings beside the organisation's.
#[allow(clippy::too_many_arguments)]
pub fn view(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    cycle_id: &CycleId,
    department: Option<&str>,
    organisation_of: Option<&str>,
    sort: SortBy,
    descending: bool,
    page: usize,
    lang: Lang,
) -> Result<View, Error> {
    db::read_snapshot(conn, |conn| {
        let cycle = cycles::find(conn, cycle_id)?.ok_or(Error::NotFound)?;
        let settings = q::find(conn, cycle_id)?.ok_or(Error::NotFound)?;
        let has_reports = people::has_reports(conn, &actor.id)?;
        let scope = policy::calibration_scope(actor, settings.by_managers, has_reports)
            .ok_or(Error::Forbidden)?;
        let written_below = match scope {
            CalibrationScope::Everyone => None,
            CalibrationScope::WrittenBelow(id) => Some(id),
        };
        // A manager narrows to someone in their own organisation only.
        if let (Some(me), Some(org)) = (written_below, organisation_of) {
            if org != me && !q::is_above(conn, me, org)? {
                return Err(Error::NotFound);
            }
        }
        let filter = Filter {
            cycle_id,
            written_below,
            department,
            organisation_of,
            reader: &actor.id,
        };
        let form = forms::load_form(conn, &cycle.template_id)?.ok_or(Error::NotFound)?;
        let names = competency_names(conn, lang)?;
        let columns = columns(&form, lang, &names);
        let status = cycle.status(clock.today);
        let open = settings.is_open();
        // Never one's own review (the filter leaves it out): it is read once
        // shared, like everyone's.
        let listed = q::listed(conn, &filter)?;
        let adjusted = q::adjusted(conn, &filter)?;
        let mut adjusted_in: HashMap<&str, Vec<&q::Adjusted>> = HashMap::new();
        for a in &adjusted {
            adjusted_in.entry(a.review_id.as_str()).or_default().push(a);
        }
        // Each review's final ratings counted by value: as given, then
        // each adjustment in force moves one rating.
        let mut group = Spread::default();
        let mut rows: Vec<(q::ListedReview, Spread)> = Vec::with_capacity(listed.len());
        for l in listed {
            let mut spread = Spread { counts: l.given() };
            for a in adjusted_in.get(l.review_id.as_str()).into_iter().flatten() {
                move_rating(&mut spread, a.given, a.rating_after);
            }
            group.merge(&spread);
            rows.push((l, spread));
        }
        // Beside it, everyone the reader may calibrate: the organisation
        // for HR, their part of it for a manager.
        let organisation = if department.is_none() && organisation_of.is_none() {
            group
        } else {
            let reach = Filter {
                department: None,
                organisation_of: None,
                ..filter
            };
            let mut s = Spread {
                counts: q::given_counts(conn, &reach)?,
            };
            for a in q::adjusted(conn, &reach)? {
                move_rating(&mut s, a.given, a.rating_after);
            }
            s
        };
        // The order: by name as read, by the mean of the final or of the
        // person's own ratings, or by one question's final rating; no
        // rating last, then by name.
        let keys: Option<HashMap<String, f64>> = match sort {
            SortBy::Name => None,
            SortBy::Mean => Some(
                rows.iter()
                    .filter_map(|(l, s)| s.mean().map(|m| (l.review_id.clone(), m)))
                    .collect(),
            ),
            SortBy::OwnMean => Some(q::own_means(conn, &filter)?),
            SortBy::Question(i) => match columns.get(i) {
                Some(col) => {
                    let mut by = q::question_ratings(conn, &filter, &col.question_id)?;
                    for a in adjusted.iter().filter(|a| a.question_id == col.question_id) {
                        by.insert(a.review_id.clone(), a.rating_after);
                    }
                    Some(by.into_iter().map(|(r, v)| (r, f64::from(v))).collect())
                }
                None => None,
            },
        };
        if let Some(keys) = &keys {
            rows.sort_by(|(a, _), (b, _)| {
                by_key(keys.get(&a.review_id), keys.get(&b.review_id), descending)
            });
        } else if descending {
            rows.reverse();
        }
        let total = rows.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = page.clamp(1, pages);
        let rows: Vec<(q::ListedReview, Spread)> = rows
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .collect();
        let ids: Vec<String> = rows.iter().map(|(l, _)| l.review_id.clone()).collect();
        let ratings = q::page_ratings(conn, &ids)?;
        let newest: HashMap<(&str, &str), i32> = adjusted
            .iter()
            .map(|a| {
                (
                    (a.review_id.as_str(), a.question_id.as_str()),
                    a.rating_after,
                )
            })
            .collect();
        let mut lines: Vec<Line> = Vec::with_capacity(rows.len());
        for (l, spread) in rows {
            let state = ReviewState::parse(&l.state).map_err(|e| {
                Error::Query(diesel::result::Error::DeserializationError(Box::new(e)))
            })?;
            let cells: Vec<Cell> = columns
                .iter()
                .map(|c| {
                    let key = (l.review_id.clone(), c.question_id.clone());
                    let manager = ratings.manager.get(&key).copied();
                    let adjusted = newest
                        .get(&(l.review_id.as_str(), c.question_id.as_str()))
                        .copied();
                    Cell {
                        manager,
                        own: ratings.own.get(&key).copied(),
                        final_rating: final_rating(manager, adjusted),
                        adjusted: adjusted.is_some(),
                    }
                })
                .collect();
            let f = ReviewFacts {
                person_id: &l.person_id,
                manager_id: l.manager_id.as_deref(),
                state,
                cycle: status,
                was_shared: false,
                was_submitted: true,
                handed_in: true,
            };
            // Everyone listed is below the reader when the scope is theirs.
            let above = written_below.is_some();
            let may_adjust = policy::may_calibrate(actor, f, open, settings.by_managers, above);
            lines.push(Line {
                review_id: l.review_id.clone(),
                person_name: l.person_name.clone(),
                department: l.department.clone(),
                manager_id: l.manager_id.clone().unwrap_or_default(),
                manager_name: l.manager_name.clone().unwrap_or_default(),
                state,
                mean: spread.mean().map(two_places),
                own_mean: mean(cells.iter().filter_map(|c| c.own)),
                adjusted: cells.iter().any(|c| c.adjusted),
                cells,
                may_adjust,
            });
        }
        let still_with_managers = q::still_with_managers(conn, &filter)?;
        let departments = people::departments(conn)?;
        let organisation_name = match organisation_of {
            Some(id) => Some(people::name_of(conn, id)?.ok_or(Error::NotFound)?),
            None => None,
        };
        Ok(View {
            organisation_name,
            may_lock: policy::may_run_calibration(actor) && open && status == CycleStatus::Open,
            cycle,
            settings,
            everyone: written_below.is_none(),
            columns,
            lines,
            total,
            page,
            pages,
            group,
            organisation,
            still_with_managers,
            departments,
        })
    })
}

/// Two keys in the list's order: values (ascending, or descending) before
/// no value; equal ones keep their order (by name).
fn by_key(a: Option<&f64>, b: Option<&f64>, descending: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(x), Some(y)) => {
            let o = x.partial_cmp(y).unwrap_or(Ordering::Equal);
            if descending {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// One rating moved by an adjustment: from the value given (if any) to the
/// value set.
fn move_rating(s: &mut Spread, given: Option<i32>, after: i32) {
    if let Some(slot) = given
        .and_then(|g| usize::try_from(g - 1).ok())
        .and_then(|i| s.counts.get_mut(i))
    {
        *slot = (*slot - 1).max(0);
    }
    s.add(after, 1);
}

fn two_places(m: f64) -> f64 {
    (m * 100.0).round() / 100.0
}

/// One question of a review, on the adjustment page.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionLine {
    pub question_id: String,
    pub label: String,
    pub own: Option<i32>,
    pub manager: Option<i32>,
    #[serde(rename = "final")]
    pub final_rating: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct ReviewView {
    pub review: reviews::ReviewRow,
    pub cycle: CycleRow,
    pub settings: CalibrationRow,
    pub person_name: String,
    pub manager_name: String,
    pub questions: Vec<QuestionLine>,
    pub adjustments: Vec<q::AdjustmentView>,
    pub may_adjust: bool,
    /// The reader may open the whole review (HR; not a manager above).
    pub may_read_review: bool,
}

/// One review's ratings and the history of their adjustments, for someone
/// who may calibrate it (or could while the step was open).
pub fn review_view(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
    lang: Lang,
) -> Result<ReviewView, Error> {
    db::read_snapshot(conn, |conn| {
        let (r, c) = load(conn, review_id)?;
        let settings = q::find(conn, &r.cycle_id)?.ok_or(Error::NotFound)?;
        let f = facts(&r, &c, clock.today);
        if r.handed_in_at.is_none()
            || !may_calibrate(conn, actor, as_if_waiting(f), &settings, true)?
        {
            return Err(Error::Forbidden);
        }
        let may_adjust = may_calibrate(conn, actor, f, &settings, settings.is_open())?;
        let may_read_review = policy::may_view_review(actor, f);
        let form = forms::load_form(conn, &c.template_id)?.ok_or(Error::NotFound)?;
        let names = competency_names(conn, lang)?;
        let answers = reviews::answers(conn, &r.id, None)?;
        let adjustments = q::adjustments(conn, &r.id)?;
        let rating = |side: Side, qid: &str| {
            answers
                .iter()
                .find(|a| a.side == side && a.question_id == qid)
                .and_then(|a| a.rating)
        };
        let questions = columns(&form, lang, &names)
            .into_iter()
            .map(|col| {
                let manager = rating(Side::Manager, &col.question_id);
                let newest = adjustments
                    .iter()
                    .rev()
                    .find(|a| a.question_id == col.question_id && a.in_force)
                    .map(|a| a.rating_after);
                QuestionLine {
                    own: rating(Side::Own, &col.question_id),
                    manager,
                    final_rating: final_rating(manager, newest),
                    question_id: col.question_id,
                    label: col.label,
                }
            })
            .collect();
        let person_name = people::name_of(conn, &r.person_id)?.unwrap_or_default();
        let manager_name = match &r.manager_id {
            Some(m) => people::name_of(conn, m)?.unwrap_or_default(),
            None => String::new(),
        };
        Ok(ReviewView {
            review: r,
            cycle: c,
            settings,
            person_name,
            manager_name,
            questions,
            adjustments,
            may_adjust,
            may_read_review,
        })
    })
}

//! Saving either side of a review form as a draft: reading a posted form,
//! checking it, and writing it in one transaction that first checks, on the
//! review read inside it, that this side is still the actor's to write and
//! still at the version the form was loaded at. Submit and share bump the
//! side's version, so a late autosave is refused, never written into a
//! locked side.
//!
//! Field names: `r_<question>` rating, `b_<question>` text; strengths and
//! weaknesses `t_<record>_body|competency|delete|stance`; goals
//! `g_<goal>_title|description|support|due|kind|status|delete`; section
//! comments `c_<comment>_body|visibility|delete` and `c_<comment>_section`.
//! New rows carry a fresh id the server rendered (`new_*_id`), so saving the
//! same new row twice (autosave) updates it instead of adding a copy.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Actor, Clock, Error};
use crate::db::forms::{self, Form};
use crate::db::reviews::{self, AnswerRow, CommentRow, GoalRow, RowTable, TraitRow};
use crate::db::{self, audit, journal, DbConnection, QueryResult};
use crate::domain::policy::{self, JournalFacts};
use crate::domain::review::{valid_rating, Answerer, GoalStatus, Side};
use crate::domain::text;
use crate::domain::Lang;
use crate::domain::ReviewId;

/// The longest text a person may write in one field.
pub const BODY_MAX: usize = text::LONG_MAX;
/// The longest goal title.
pub const TITLE_MAX: usize = text::SHORT_MAX;

/// The limit of a text field of the review form, by its name, and the
/// message shown beside it when a save goes over; `None` for fields that are
/// not free text (ratings, choices, dates, ids).
pub fn text_limit(key: &str) -> Option<(usize, &'static str)> {
    const LONG: [&str; 4] = ["_body", "_description", "_support", "_reply"];
    if key.starts_with("b_") || LONG.iter().any(|s| key.ends_with(s)) {
        Some((BODY_MAX, "review-error-too-long"))
    } else if key.ends_with("_title") {
        Some((TITLE_MAX, "review-error-title-too-long"))
    } else {
        None
    }
}

// ---- reading a posted form ----

/// A posted form, as pairs (a field may repeat; the last one wins).
#[derive(Clone)]
pub struct Posted(HashMap<String, String>);

impl Posted {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Self(
            pairs
                .into_iter()
                .map(|(k, v)| (k, v.replace("\r\n", "\n")))
                .collect(),
        )
    }
    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(String::as_str)
    }
    pub fn text(&self, k: &str) -> String {
        self.get(k)
            .map(|s| s.trim_end().to_string())
            .unwrap_or_default()
    }
    pub fn flag(&self, k: &str) -> bool {
        self.get(k).is_some_and(|v| !v.is_empty())
    }
    /// The same form with one field set.
    pub fn with(mut self, key: String, value: String) -> Self {
        self.0.insert(key, value);
        self
    }
    /// Every field, as posted (after line endings are normalised).
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.0.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
    pub fn keys_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .keys()
            .filter(move |k| k.starts_with(prefix))
            .map(String::as_str)
    }
}

/// A new row's id as the page rendered it; if a row elsewhere already has
/// it (only a crafted request can do that), one made here instead, so the
/// save never hits the unique key.
fn own_new_id(conn: &mut DbConnection, table: RowTable, id: String) -> QueryResult<String> {
    Ok(if reviews::id_taken(conn, table, &id)? {
        db::new_id()
    } else {
        id
    })
}

fn is_uuid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok()
}

/// Why a save was refused (field, message key).
pub type Problems = Vec<(String, &'static str)>;

/// Apply a posted form to the review's `side`. Only what this side may write
/// is read; anything else in the post is ignored. Returns whether anything
/// changed and the field problems (texts too long, bad ratings); nothing is
/// written when there are problems.
pub fn apply(
    conn: &mut DbConnection,
    form: &Form,
    review: &reviews::ReviewRow,
    side: Side,
    author: &str,
    posted: &Posted,
) -> QueryResult<Result<bool, Problems>> {
    let mut problems: Problems = vec![];
    // Validate first, write after. Every free-text field, whatever row it
    // belongs to, within its limit.
    let mut keys: Vec<&str> = posted.0.keys().map(String::as_str).collect();
    keys.sort_unstable();
    for &k in &keys {
        if let Some((max, message)) = text_limit(k) {
            if text::too_long(posted.text(k).trim(), max) {
                problems.push((k.to_string(), message));
            }
        }
    }
    for q in form.questions() {
        let answerer = Answerer::parse(&q.side).unwrap_or(Answerer::Both);
        if !answerer.includes(side) {
            continue;
        }
        if let Some(r) = posted.get(&format!("r_{}", q.id)).filter(|v| !v.is_empty()) {
            if !r.parse::<i32>().is_ok_and(valid_rating) {
                problems.push((format!("q-{}", q.id), "review-error-rating"));
            }
        }
    }
    // A competency must be one of the library's (a crafted id was a
    // foreign-key 500); a goal's kind one of the two there are. The
    // library is read once, and only when a competency was posted.
    let is_competency_field =
        |k: &str| k.ends_with("_competency") && (k.starts_with("t_") || k.starts_with("new_"));
    let library: std::collections::HashSet<String> = if keys
        .iter()
        .any(|k| is_competency_field(k) && posted.flag(k))
    {
        crate::db::forms::competencies(conn, true)?
            .into_iter()
            .map(|c| c.id)
            .collect()
    } else {
        Default::default()
    };
    for &k in &keys {
        let v = posted.text(k);
        if v.is_empty() {
            continue;
        }
        if is_competency_field(k) && !library.contains(&v) {
            problems.push((k.to_string(), "review-error-competency"));
        }
        if (k.starts_with("g_") || k.starts_with("new_goal_"))
            && k.ends_with("_kind")
            && !matches!(v.as_str(), "development" | "improvement")
        {
            problems.push((k.to_string(), "review-error-goal-kind"));
        }
    }
    for k in posted
        .keys_with_prefix("g_")
        .chain(posted.keys_with_prefix("new_goal_"))
    {
        if k.ends_with("_due") {
            let v = posted.text(k);
            if !v.is_empty() && NaiveDate::parse_from_str(&v, "%Y-%m-%d").is_err() {
                problems.push(("goals".into(), "review-error-goal-date"));
            }
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }

    let mut changed = false;
    let now = db::now();
    // Answers.
    for q in form.questions() {
        let answerer = Answerer::parse(&q.side).unwrap_or(Answerer::Both);
        let kind = q.kind;
        if !answerer.includes(side) {
            continue;
        }
        let rkey = format!("r_{}", q.id);
        let bkey = format!("b_{}", q.id);
        if posted.get(&rkey).is_none() && posted.get(&bkey).is_none() {
            continue; // not on this page
        }
        let rating = if kind.has_rating() {
            posted.get(&rkey).and_then(|v| v.parse::<i32>().ok())
        } else {
            None
        };
        changed |= reviews::upsert_answer(
            conn,
            &review.id,
            &q.id,
            side,
            rating,
            &posted.text(&bkey),
            author,
        )?;
    }
    let competency = |v: String| Some(v).filter(|c| !c.is_empty());
    // This side's own strengths and weaknesses: edits, deletions, new rows.
    let existing = reviews::traits(conn, &review.id)?;
    for t in existing
        .iter()
        .filter(|t| t.side == side && t.responds_to_id.is_none())
    {
        if posted.flag(&format!("t_{}_delete", t.id)) {
            reviews::delete_trait(conn, &t.id)?;
            changed = true;
            continue;
        }
        if let Some(body) = posted.get(&format!("t_{}_body", t.id)) {
            let body = body.trim().to_string();
            let comp = competency(posted.text(&format!("t_{}_competency", t.id)));
            if body != t.body || comp != t.competency_id {
                if body.is_empty() {
                    reviews::delete_trait(conn, &t.id)?;
                } else {
                    reviews::update_trait(conn, &t.id, &body, comp.as_deref(), &t.stance)?;
                }
                changed = true;
            }
        }
    }
    for kind in ["strength", "weakness"] {
        let id = posted.text(&format!("new_{kind}_id"));
        let body = posted.text(&format!("new_{kind}_body")).trim().to_string();
        if !is_uuid(&id) {
            continue;
        }
        if body.is_empty() {
            // Emptied after an autosave had already kept it: remove it again.
            if posted.get(&format!("new_{kind}_body")).is_some()
                && existing.iter().any(|t| {
                    t.id == id
                        && t.author_id.as_deref() == Some(author)
                        && t.review_id.as_deref() == Some(review.id.as_str())
                })
            {
                reviews::delete_trait(conn, &id)?;
                changed = true;
            }
            continue;
        }
        let comp = competency(posted.text(&format!("new_{kind}_competency")));
        match existing.iter().find(|t| t.id == id) {
            Some(t) if t.review_id.as_deref() == Some(review.id.as_str()) => {
                reviews::update_trait(conn, &id, &body, comp.as_deref(), &t.stance)?;
            }
            Some(_) => continue,
            None => {
                let id = own_new_id(conn, RowTable::Traits, id)?;
                reviews::insert_trait(
                    conn,
                    &TraitRow {
                        id,
                        person_id: review.person_id.clone(),
                        review_id: Some(review.id.clone()),
                        competency_id: comp,
                        kind: kind.into(),
                        side,
                        stance: "own".into(),
                        responds_to_id: None,
                        body,
                        author_id: Some(author.to_string()),
                        created_at: now,
                        updated_at: now,
                    },
                )?
            }
        }
        changed = true;
    }
    // The manager's answer to each of the employee's records: agree or adjust.
    if side == Side::Manager {
        for t in existing.iter().filter(|t| t.side == Side::Own) {
            let Some(stance) = posted.get(&format!("t_{}_stance", t.id)) else {
                continue;
            };
            let text = posted.text(&format!("t_{}_reply", t.id)).trim().to_string();
            let reply = existing
                .iter()
                .find(|r| r.responds_to_id.as_deref() == Some(t.id.as_str()));
            match (stance, reply) {
                ("agree" | "adjust", Some(r)) if r.stance != stance || r.body != text => {
                    reviews::update_trait(conn, &r.id, &text, t.competency_id.as_deref(), stance)?;
                    changed = true;
                }
                ("agree" | "adjust", Some(_)) => {}
                ("agree" | "adjust", None) => {
                    reviews::insert_trait(
                        conn,
                        &TraitRow {
                            id: db::new_id(),
                            person_id: review.person_id.clone(),
                            review_id: Some(review.id.clone()),
                            competency_id: t.competency_id.clone(),
                            kind: t.kind.clone(),
                            side: Side::Manager,
                            stance: stance.into(),
                            responds_to_id: Some(t.id.clone()),
                            body: text,
                            author_id: Some(author.to_string()),
                            created_at: now,
                            updated_at: now,
                        },
                    )?;
                    changed = true;
                }
                (_, Some(r)) => {
                    reviews::delete_trait(conn, &r.id)?;
                    changed = true;
                }
                _ => {}
            }
        }
    }
    // Goals of this review (both sides edit them; the manager adds the support).
    let goals = reviews::goals_of_review(conn, &review.id)?;
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
    let kind_of = |s: String| {
        if s == "improvement" {
            "improvement".to_string()
        } else {
            "development".to_string()
        }
    };
    for g in &goals {
        let p = |f: &str| format!("g_{}_{f}", g.id);
        if posted.flag(&p("delete")) {
            reviews::delete_goal(conn, &g.id)?;
            changed = true;
            continue;
        }
        if posted.get(&p("title")).is_none() {
            continue;
        }
        let title = posted.text(&p("title")).trim().to_string();
        if title.is_empty() {
            reviews::delete_goal(conn, &g.id)?;
            changed = true;
            continue;
        }
        let updated = GoalRow {
            kind: kind_of(posted.text(&p("kind"))),
            title,
            description: posted.text(&p("description")),
            support_needed: if side == Side::Manager || posted.get(&p("support")).is_some() {
                posted.text(&p("support"))
            } else {
                g.support_needed.clone()
            },
            due_on: date(posted.text(&p("due"))),
            ..g.clone()
        };
        if (
            &updated.kind,
            &updated.title,
            &updated.description,
            &updated.support_needed,
            updated.due_on,
        ) != (
            &g.kind,
            &g.title,
            &g.description,
            &g.support_needed,
            g.due_on,
        ) {
            reviews::update_goal(conn, &updated)?;
            changed = true;
        }
    }
    let gid = posted.text("new_goal_id");
    let gtitle = posted.text("new_goal_title").trim().to_string();
    if gtitle.is_empty()
        && posted.get("new_goal_title").is_some()
        && goals
            .iter()
            .any(|g| g.id == gid && g.author_id.as_deref() == Some(author))
    {
        reviews::delete_goal(conn, &gid)?;
        changed = true;
    }
    if !gtitle.is_empty() && is_uuid(&gid) {
        let row = GoalRow {
            id: gid.clone(),
            person_id: review.person_id.clone(),
            review_id: Some(review.id.clone()),
            carried_from_id: None,
            kind: kind_of(posted.text("new_goal_kind")),
            title: gtitle,
            description: posted.text("new_goal_description"),
            support_needed: posted.text("new_goal_support"),
            status: if side == Side::Manager {
                GoalStatus::Agreed
            } else {
                GoalStatus::Proposed
            },
            due_on: date(posted.text("new_goal_due")),
            author_id: Some(author.to_string()),
            created_at: now,
            updated_at: now,
        };
        if goals.iter().any(|g| g.id == gid) {
            reviews::update_goal(conn, &row)?;
        } else {
            let row = GoalRow {
                id: own_new_id(conn, RowTable::Goals, row.id)?,
                ..row
            };
            reviews::insert_goal(conn, &row)?;
        }
        changed = true;
    }
    // Goals carried over from earlier reviews: the employee reports progress.
    for g in reviews::open_goals_before(conn, &review.person_id, &review.id)? {
        if let Some(status) = posted.get(&format!("cg_{}_status", g.id)) {
            // The employee reports progress; "proposed" is not a step back to take.
            let status = GoalStatus::parse(status)
                .ok()
                .filter(|s| *s != GoalStatus::Proposed);
            if let Some(status) = status.filter(|s| *s != g.status) {
                reviews::set_goal_status(conn, &g.id, status.code())?;
                changed = true;
            }
        }
    }
    // Section comments (the manager's, shared or private).
    if side == Side::Manager {
        let comments = reviews::comments(conn, &review.id, true)?;
        for c in comments.iter().filter(|c| c.author_id == author) {
            let p = |f: &str| format!("c_{}_{f}", c.id);
            if posted.flag(&p("delete")) {
                reviews::delete_comment(conn, &c.id)?;
                changed = true;
                continue;
            }
            let Some(body) = posted.get(&p("body")) else {
                continue;
            };
            let body = body.trim().to_string();
            // A choice never made stays unmade: nothing is shared by default.
            let visibility =
                posted_visibility(posted.get(&p("visibility"))).or(c.visibility.as_deref());
            if body.is_empty() {
                reviews::delete_comment(conn, &c.id)?;
                changed = true;
            } else if body != c.body || visibility != c.visibility.as_deref() {
                reviews::update_comment(conn, &c.id, &body, visibility)?;
                changed = true;
            }
        }
        for (section, _) in &form.sections {
            let id = posted.text(&format!("new_comment_{}_id", section.id));
            let body = posted
                .text(&format!("new_comment_{}_body", section.id))
                .trim()
                .to_string();
            if body.is_empty() || !is_uuid(&id) {
                continue;
            }
            // Without a choice the text is kept as a draft with no
            // visibility: never shared by accident, never lost.
            let chosen =
                posted_visibility(posted.get(&format!("new_comment_{}_visibility", section.id)));
            if let Some(c) = comments.iter().find(|c| c.id == id) {
                let visibility = chosen.or(c.visibility.as_deref());
                reviews::update_comment(conn, &id, &body, visibility)?;
            } else {
                let id = own_new_id(conn, RowTable::Comments, id)?;
                reviews::insert_comment(
                    conn,
                    &CommentRow {
                        id,
                        review_id: review.id.clone(),
                        author_id: author.to_string(),
                        parent_id: None,
                        section_id: Some(section.id.clone()),
                        competency_id: None,
                        kind: "manager_comment".into(),
                        visibility: chosen.map(str::to_string),
                        body,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
            }
            changed = true;
        }
    }
    Ok(Ok(changed))
}

/// The visibility a comment's radios posted, if one was chosen.
fn posted_visibility(value: Option<&str>) -> Option<&'static str> {
    match value {
        Some("shared") => Some("shared"),
        Some("private") => Some("private"),
        _ => None,
    }
}

/// The name of the person reviewed, for the questions' manager wording.
fn person_name(conn: &mut DbConnection, review: &reviews::ReviewRow) -> QueryResult<String> {
    Ok(db::people::find(conn, &review.person_id)?
        .map(|p| p.name)
        .unwrap_or_default())
}

/// One answer saved elsewhere since this form was loaded, beside what was posted.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// The text field, `b_<question>`.
    pub field: String,
    pub prompt: String,
    /// The saved version, as shown: "[rating] text".
    pub theirs: String,
    /// The posted text, as typed.
    pub yours: String,
    /// The posted rating, if any.
    pub your_rating: String,
}

/// The answers whose stored version differs from what was posted: shown side
/// by side when two tabs saved the same form. Each question is worded for
/// `side`; `name` is the person reviewed, whom the manager's wording names.
pub fn differences(
    form: &Form,
    stored: &[AnswerRow],
    side: Side,
    posted: &Posted,
    lang: Lang,
    name: &str,
) -> Vec<Difference> {
    let mut out = vec![];
    for q in form.questions() {
        let field = format!("b_{}", q.id);
        let Some(posted_body) = posted.get(&field) else {
            continue;
        };
        let saved = stored
            .iter()
            .find(|a| a.question_id == q.id && a.side == side);
        let saved_body = saved.map(|a| a.body.as_str()).unwrap_or("");
        let posted_rating = posted.get(&format!("r_{}", q.id));
        let saved_rating = saved
            .and_then(|a| a.rating)
            .map(|r| r.to_string())
            .unwrap_or_default();
        let rating_differs = posted_rating.is_some_and(|r| r != saved_rating);
        if saved_body.trim_end() != posted_body.trim_end() || rating_differs {
            out.push(Difference {
                field,
                prompt: q.prompt().read(side, lang, name),
                theirs: if saved_rating.is_empty() {
                    saved_body.to_string()
                } else {
                    format!("[{saved_rating}] {saved_body}")
                },
                yours: posted_body.to_string(),
                your_rating: posted_rating.unwrap_or("").to_string(),
            });
        }
    }
    out
}

/// What became of a save.
pub enum SaveOutcome {
    Saved {
        version: i32,
        changed: bool,
    },
    /// Saved elsewhere since the form was loaded: the answers that differ.
    Conflict {
        differences: Vec<Difference>,
        current: i32,
    },
    /// The side was submitted or shared meanwhile: it can no longer change.
    /// What was posted is shown beside what was kept, so nothing typed is lost.
    Locked {
        differences: Vec<Difference>,
    },
    Problems(Problems),
}

/// Save one side's draft. `expected`: the version the form was loaded at.
/// The action `evidence:<entry>` appends a journal entry to an answer as
/// part of this save.
#[allow(clippy::too_many_arguments)]
pub fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
    side: Side,
    posted: Posted,
    expected: Option<i32>,
    lang: Lang,
) -> Result<SaveOutcome, Error> {
    let kept = posted.clone();
    match write(conn, actor, clock, review_id, side, posted, expected, lang) {
        // Written, then beaten to the version by a submit or another save:
        // the transaction was rolled back. Show what was typed beside what
        // is stored now, so nothing is lost.
        Err(Aborted::LostRace) => {
            let (current, cycle) = reviews::find(conn, review_id)?.ok_or(Error::NotFound)?;
            let form =
                forms::load_form_of_review(conn, &cycle.template_id)?.ok_or(Error::NotFound)?;
            let stored = reviews::answers(conn, &current.id, Some(side))?;
            let differences = differences(
                &form,
                &stored,
                side,
                &kept,
                lang,
                &person_name(conn, &current)?,
            );
            let f = super::reviews::facts(&current, &cycle, clock.today);
            if policy::may_edit_side(actor, f, side) {
                Ok(SaveOutcome::Conflict {
                    differences,
                    current: current.version(side),
                })
            } else {
                Ok(SaveOutcome::Locked { differences })
            }
        }
        Err(Aborted::Refused(e)) => Err(e),
        Ok(outcome) => Ok(outcome),
    }
}

/// Why a save's transaction was rolled back.
enum Aborted {
    /// Written, then beaten to the version: nothing of it is kept.
    LostRace,
    Refused(Error),
}

impl From<Error> for Aborted {
    fn from(e: Error) -> Self {
        Aborted::Refused(e)
    }
}

impl From<crate::db::QueryError> for Aborted {
    fn from(e: crate::db::QueryError) -> Self {
        Aborted::Refused(e.into())
    }
}

#[allow(clippy::too_many_arguments)]
fn write(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: Clock,
    review_id: &ReviewId,
    side: Side,
    posted: Posted,
    expected: Option<i32>,
    lang: Lang,
) -> Result<SaveOutcome, Aborted> {
    db::write_tx(conn, |conn| {
        let (current, cycle) = reviews::find_for_update(conn, review_id)?.ok_or(Error::NotFound)?;
        let form = forms::load_form_of_review(conn, &cycle.template_id)?.ok_or(Error::NotFound)?;
        let f = super::reviews::facts(&current, &cycle, clock.today);
        if !policy::may_edit_side(actor, f, side) {
            return match super::reviews::side_refusal(actor, f, side) {
                Error::Conflict(_) => {
                    let stored = reviews::answers(conn, &current.id, Some(side))?;
                    Ok(SaveOutcome::Locked {
                        differences: differences(
                            &form,
                            &stored,
                            side,
                            &posted,
                            lang,
                            &person_name(conn, &current)?,
                        ),
                    })
                }
                other => Err(other.into()),
            };
        }
        let posted = with_evidence(conn, actor, f, &form, side, posted)?;
        let now_version = current.version(side);
        // A form always carries the version it was loaded at; a post
        // without one (or with nonsense) is treated as out of date, so it
        // can never skip the check and overwrite what changed meanwhile.
        {
            if expected != Some(now_version) {
                let stored = reviews::answers(conn, &current.id, Some(side))?;
                let differences = differences(
                    &form,
                    &stored,
                    side,
                    &posted,
                    lang,
                    &person_name(conn, &current)?,
                );
                if !differences.is_empty() {
                    return Ok(SaveOutcome::Conflict {
                        differences,
                        current: now_version,
                    });
                }
            }
        }
        match apply(conn, &form, &current, side, &actor.id, &posted)? {
            Err(problems) => Ok(SaveOutcome::Problems(problems)),
            Ok(changed) => {
                if changed {
                    // Conditional on the state and version read above: a
                    // submit or another save that got in first refuses this one.
                    if !reviews::bump_version(conn, &current, side)? {
                        return Err(Aborted::LostRace);
                    }
                    audit::record(
                        conn,
                        audit::Entry {
                            actor_id: Some(&actor.id),
                            action: "review.draft_saved",
                            subject_type: "review",
                            subject_id: &current.id,
                            review_id: Some(&current.id),
                            cycle_id: Some(&current.cycle_id),
                            details: serde_json::json!({ "side": side.code() }),
                        },
                    )?;
                }
                Ok(SaveOutcome::Saved {
                    version: if changed {
                        now_version + 1
                    } else {
                        now_version
                    },
                    changed,
                })
            }
        }
    })
}

/// "Use as evidence": the posted form with the journal entry appended to the
/// chosen answer, when policy lets this actor cite it.
fn with_evidence(
    conn: &mut DbConnection,
    actor: &Actor,
    review: policy::ReviewFacts<'_>,
    form: &Form,
    side: Side,
    posted: Posted,
) -> Result<Posted, Error> {
    let Some(entry_id) = posted
        .get("action")
        .and_then(|a| a.strip_prefix("evidence:"))
        .map(str::to_string)
    else {
        return Ok(posted);
    };
    let qid = posted.text(&format!("evidence_q_{entry_id}"));
    if qid.is_empty() {
        return Ok(posted);
    }
    let entry = journal::find(conn, &entry_id)?.ok_or(Error::NotFound)?;
    let facts = JournalFacts {
        author_id: &entry.author_id,
        subject_id: &entry.subject_id,
    };
    if !policy::may_cite_journal_entry(actor, facts, review, side)
        || form.questions().all(|q| q.id != qid)
    {
        return Err(Error::Forbidden);
    }
    let key = format!("b_{qid}");
    let mut body = posted.text(&key);
    if !body.is_empty() {
        body.push_str("\n\n");
    }
    body.push_str(&format!("[{}] {}", entry.entry_on, entry.body));
    Ok(posted.with(key, body))
}

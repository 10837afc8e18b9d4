//! The review form, shared by the self-assessment and the manager review:
//! building the page model from stored answers, and reading a posted form
//! back into a draft that can be saved in one transaction.
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

use crate::db::forms::{CompetencyRow, Form};
use crate::db::journal::JournalRow;
use crate::db::reviews::{self, AnswerRow, CommentRow, GoalRow, TraitRow};
use crate::db::{self, DbConnection, QueryResult};
use crate::domain::review::{valid_rating, Answerer, QuestionKind, Side};
use crate::domain::Lang;

pub const BODY_MAX: usize = 10_000;

fn pick(lang: Lang, id: &str, en: &str) -> String {
    match lang {
        Lang::Id if !id.is_empty() => id.to_string(),
        Lang::En if !en.is_empty() => en.to_string(),
        _ if !id.is_empty() => id.to_string(),
        _ => en.to_string(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TraitView {
    pub id: String,
    pub body: String,
    pub competency_id: String,
    pub competency: String,
    pub stance: String,
    /// The manager's reply to this (employee's) record, if any.
    pub reply_id: String,
    pub reply_stance: String,
    pub reply_body: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub support: String,
    pub due_on: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: String,
    pub body: String,
    pub visibility: String,
    pub kind: String,
    pub author: String,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub kind: String,
    pub prompt: String,
    pub help: String,
    pub required: bool,
    /// This side answers it.
    pub mine: bool,
    /// The other side answers it too (and their answer is visible here).
    pub theirs: bool,
    pub my_rating: Option<i32>,
    pub my_body: String,
    pub their_rating: Option<i32>,
    pub their_body: String,
    pub gap: Option<i32>,
    pub competency: String,
    pub missing: bool,
    /// Strengths or weaknesses: this side's own records.
    pub my_records: Vec<TraitView>,
    /// Strengths or weaknesses: the other side's records (the employee's, for a manager).
    pub their_records: Vec<TraitView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub id: String,
    pub title: String,
    pub help: String,
    pub questions: Vec<QuestionView>,
    pub comments: Vec<CommentView>,
    pub new_comment_id: String,
    pub has_goals: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct JournalView {
    pub id: String,
    pub entry_on: NaiveDate,
    pub kind: String,
    pub body: String,
}

impl From<JournalRow> for JournalView {
    fn from(j: JournalRow) -> Self {
        Self {
            id: j.id,
            entry_on: j.entry_on,
            kind: j.kind,
            body: j.body,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// Everything the form pages show.
#[derive(Debug, Clone, Serialize)]
pub struct FormModel {
    pub sections: Vec<SectionView>,
    pub goals: Vec<GoalView>,
    pub carried_goals: Vec<GoalView>,
    pub competencies: Vec<Choice>,
    pub new_strength_id: String,
    pub new_weakness_id: String,
    pub new_goal_id: String,
}

pub struct Stored {
    pub answers: Vec<AnswerRow>,
    pub traits: Vec<TraitRow>,
    pub goals: Vec<GoalRow>,
    pub carried: Vec<GoalRow>,
    pub comments: Vec<CommentRow>,
    pub competencies: Vec<CompetencyRow>,
    pub names: HashMap<String, String>,
}

/// Load what a form page needs. `other_visible`: may this viewer see the
/// other side's answers? `private_comments`: may they see private comments?
pub fn load(
    conn: &mut DbConnection,
    review_id: &str,
    person_id: &str,
    private_comments: bool,
) -> QueryResult<Stored> {
    let answers = reviews::answers(conn, review_id, None)?;
    let traits = reviews::traits(conn, review_id)?;
    let goals = reviews::goals_of_review(conn, review_id)?;
    let carried = reviews::open_goals_before(conn, person_id, review_id)?;
    let comments = reviews::comments(conn, review_id, private_comments)?;
    let competencies = db::forms::competencies(conn, true)?;
    let author_ids: Vec<String> = comments.iter().map(|c| c.author_id.clone()).collect();
    let names = db::people::find_many(conn, &author_ids)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(Stored {
        answers,
        traits,
        goals,
        carried,
        comments,
        competencies,
        names,
    })
}

fn goal_view(g: &GoalRow) -> GoalView {
    GoalView {
        id: g.id.clone(),
        kind: g.kind.clone(),
        title: g.title.clone(),
        description: g.description.clone(),
        support: g.support_needed.clone(),
        due_on: g.due_on.map(|d| d.to_string()).unwrap_or_default(),
        status: g.status.clone(),
    }
}

/// Build the page model for `side`. `other_visible` says whether the other
/// side's answers may be shown to this viewer.
pub fn build(
    form: &Form,
    stored: &Stored,
    side: Side,
    other_visible: bool,
    lang: Lang,
    missing: &[String],
) -> FormModel {
    let comp_name: HashMap<&str, String> = stored
        .competencies
        .iter()
        .map(|c| (c.id.as_str(), pick(lang, &c.name_id, &c.name_en)))
        .collect();
    let other = if side == Side::Own {
        Side::Manager
    } else {
        Side::Own
    };
    let answer = |qid: &str, s: Side| {
        stored
            .answers
            .iter()
            .find(|a| a.question_id == qid && a.side == s.code())
    };
    let trait_view = |t: &TraitRow| {
        let reply = stored
            .traits
            .iter()
            .find(|r| r.responds_to_id.as_deref() == Some(t.id.as_str()));
        TraitView {
            id: t.id.clone(),
            body: t.body.clone(),
            competency_id: t.competency_id.clone().unwrap_or_default(),
            competency: t
                .competency_id
                .as_deref()
                .and_then(|c| comp_name.get(c).cloned())
                .unwrap_or_default(),
            stance: t.stance.clone(),
            reply_id: reply.map(|r| r.id.clone()).unwrap_or_default(),
            reply_stance: reply.map(|r| r.stance.clone()).unwrap_or_default(),
            reply_body: reply.map(|r| r.body.clone()).unwrap_or_default(),
        }
    };
    let sections = form
        .sections
        .iter()
        .map(|(s, qs)| {
            let questions: Vec<QuestionView> = qs
                .iter()
                .filter_map(|q| {
                    let answerer = Answerer::parse(&q.side).unwrap_or(Answerer::Both);
                    let mine = answerer.includes(side);
                    let theirs = answerer.includes(other) && other_visible;
                    if !mine && !theirs {
                        return None;
                    }
                    let kind = QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::Text);
                    let my = answer(&q.id, side);
                    let their = if theirs { answer(&q.id, other) } else { None };
                    let (my_records, their_records) = match kind {
                        QuestionKind::Strengths | QuestionKind::Weaknesses => {
                            let k = if kind == QuestionKind::Strengths {
                                "strength"
                            } else {
                                "weakness"
                            };
                            let of = |s: Side| -> Vec<TraitView> {
                                stored
                                    .traits
                                    .iter()
                                    .filter(|t| {
                                        t.kind == k
                                            && t.side == s.code()
                                            && (s == Side::Own || t.responds_to_id.is_none())
                                    })
                                    .map(trait_view)
                                    .collect()
                            };
                            (
                                if mine { of(side) } else { vec![] },
                                if theirs { of(other) } else { vec![] },
                            )
                        }
                        _ => (vec![], vec![]),
                    };
                    let my_rating = my.and_then(|a| a.rating);
                    let their_rating = their.and_then(|a| a.rating);
                    let (own_r, mgr_r) = if side == Side::Own {
                        (my_rating, their_rating)
                    } else {
                        (their_rating, my_rating)
                    };
                    Some(QuestionView {
                        id: q.id.clone(),
                        kind: q.kind.clone(),
                        prompt: pick(lang, &q.prompt_id, &q.prompt_en),
                        help: pick(lang, &q.help_id, &q.help_en),
                        required: q.required && mine,
                        mine,
                        theirs,
                        my_rating,
                        my_body: my.map(|a| a.body.clone()).unwrap_or_default(),
                        their_rating,
                        their_body: their.map(|a| a.body.clone()).unwrap_or_default(),
                        gap: crate::domain::review::self_perception_gap(own_r, mgr_r),
                        competency: q
                            .competency_id
                            .as_deref()
                            .and_then(|c| comp_name.get(c).cloned())
                            .unwrap_or_default(),
                        missing: missing.contains(&q.id),
                        my_records,
                        their_records,
                    })
                })
                .collect();
            let has_goals = questions.iter().any(|q| q.kind == "goals");
            let comments = stored
                .comments
                .iter()
                .filter(|c| c.section_id.as_deref() == Some(s.id.as_str()))
                .map(|c| CommentView {
                    id: c.id.clone(),
                    body: c.body.clone(),
                    visibility: c.visibility.clone(),
                    kind: c.kind.clone(),
                    author: stored.names.get(&c.author_id).cloned().unwrap_or_default(),
                    created_at: c.created_at,
                })
                .collect();
            SectionView {
                id: s.id.clone(),
                title: pick(lang, &s.title_id, &s.title_en),
                help: pick(lang, &s.help_id, &s.help_en),
                questions,
                comments,
                new_comment_id: db::new_id(),
                has_goals,
            }
        })
        .filter(|s| !s.questions.is_empty())
        .collect();
    FormModel {
        sections,
        goals: stored
            .goals
            .iter()
            .filter(|g| g.status != "dropped" || side == Side::Manager)
            .map(goal_view)
            .collect(),
        carried_goals: stored.carried.iter().map(goal_view).collect(),
        competencies: stored
            .competencies
            .iter()
            .filter(|c| c.active)
            .map(|c| Choice {
                id: c.id.clone(),
                label: pick(lang, &c.name_id, &c.name_en),
            })
            .collect(),
        new_strength_id: db::new_id(),
        new_weakness_id: db::new_id(),
        new_goal_id: db::new_id(),
    }
}

// ---- reading a posted form ----

/// A posted form, as pairs (a field may repeat; the last one wins).
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
    pub fn keys_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .keys()
            .filter(move |k| k.starts_with(prefix))
            .map(String::as_str)
    }
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
    let too_long = |s: &str| s.chars().count() > BODY_MAX;
    // Validate first, write after.
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
        if too_long(&posted.text(&format!("b_{}", q.id))) {
            problems.push((format!("b_{}", q.id), "review-error-too-long"));
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
        let kind = QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::Text);
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
        .filter(|t| t.side == side.code() && t.responds_to_id.is_none())
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
            None => reviews::insert_trait(
                conn,
                &TraitRow {
                    id,
                    person_id: review.person_id.clone(),
                    review_id: Some(review.id.clone()),
                    competency_id: comp,
                    kind: kind.into(),
                    side: side.code().into(),
                    stance: "own".into(),
                    responds_to_id: None,
                    body,
                    author_id: Some(author.to_string()),
                    created_at: now,
                    updated_at: now,
                },
            )?,
        }
        changed = true;
    }
    // The manager's answer to each of the employee's records: agree or adjust.
    if side == Side::Manager {
        for t in existing.iter().filter(|t| t.side == "self") {
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
                            side: "manager".into(),
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
                "agreed".into()
            } else {
                "proposed".into()
            },
            due_on: date(posted.text("new_goal_due")),
            author_id: Some(author.to_string()),
            created_at: now,
            updated_at: now,
        };
        if goals.iter().any(|g| g.id == gid) {
            reviews::update_goal(conn, &row)?;
        } else {
            reviews::insert_goal(conn, &row)?;
        }
        changed = true;
    }
    // Goals carried over from earlier reviews: the employee reports progress.
    for g in reviews::open_goals_before(conn, &review.person_id, &review.id)? {
        if let Some(status) = posted.get(&format!("cg_{}_status", g.id)) {
            if ["agreed", "in_progress", "done", "dropped"].contains(&status) && status != g.status
            {
                reviews::set_goal_status(conn, &g.id, status)?;
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
            let visibility = if posted.get(&p("visibility")) == Some("private") {
                "private"
            } else {
                "shared"
            };
            if body.is_empty() {
                reviews::delete_comment(conn, &c.id)?;
                changed = true;
            } else if body != c.body || visibility != c.visibility {
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
            let visibility = if posted.get(&format!("new_comment_{}_visibility", section.id))
                == Some("private")
            {
                "private"
            } else {
                "shared"
            };
            if comments.iter().any(|c| c.id == id) {
                reviews::update_comment(conn, &id, &body, visibility)?;
            } else {
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
                        visibility: visibility.into(),
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
/// by side when two tabs saved the same form.
pub fn differences(
    form: &Form,
    stored: &[AnswerRow],
    side: Side,
    posted: &Posted,
    lang: Lang,
) -> Vec<Difference> {
    let mut out = vec![];
    for q in form.questions() {
        let field = format!("b_{}", q.id);
        let Some(posted_body) = posted.get(&field) else {
            continue;
        };
        let saved = stored
            .iter()
            .find(|a| a.question_id == q.id && a.side == side.code());
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
                prompt: pick(lang, &q.prompt_id, &q.prompt_en),
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

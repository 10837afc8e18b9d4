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

use crate::db::forms::{CompetencyName, Form};
use crate::db::journal::JournalRow;
use crate::db::reviews::{self, AnswerRow, CommentRow, GoalRow, TraitRow};
use crate::db::{self, DbConnection, QueryResult};
use crate::domain::review::{self as review, Answerer, QuestionKind, SectionStatus, Side};
use crate::domain::Lang;
use crate::i18n::pick;

pub use crate::app::drafts::BODY_MAX;

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
    /// How the support is labelled for the reader: what the employee asked
    /// for while the goal is proposed; once agreed, the company's commitment.
    pub support_key: &'static str,
    pub due_on: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: String,
    pub body: String,
    /// `shared`, `private`, or `unchosen` while its author has not chosen.
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
    /// This side's saved answer counts as an answer (the rule the check
    /// before submitting uses).
    pub answered: bool,
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
    /// This side answers at least one question here.
    pub mine: bool,
    /// Where the section stands for this side, from what is saved.
    pub status: SectionStatus,
}

/// "3 of 6 sections done", from what is saved.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
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

/// How much of a question's prompt names it in the evidence list.
const EVIDENCE_LABEL_CHARS: usize = 60;

/// `text` cut to `max` characters, with "…" when something was cut.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Everything the form pages show.
#[derive(Debug, Clone, Serialize)]
pub struct FormModel {
    pub sections: Vec<SectionView>,
    pub progress: Progress,
    pub goals: Vec<GoalView>,
    pub carried_goals: Vec<GoalView>,
    pub competencies: Vec<Choice>,
    /// The questions a journal entry can be used as evidence for (this
    /// side's text and rating questions), each prompt cut to 60 characters:
    /// built once here rather than once per entry in the template.
    pub evidence_for: Vec<Choice>,
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
    pub competencies: Vec<CompetencyName>,
    pub names: HashMap<String, String>,
    /// The person reviewed: the questions' manager wording names them.
    pub person_name: String,
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
    let competencies = db::forms::competency_names(conn)?;
    let mut author_ids: Vec<String> = comments.iter().map(|c| c.author_id.clone()).collect();
    author_ids.sort();
    author_ids.dedup();
    let names = db::people::listed(conn, &author_ids)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let person_name = db::people::name_of(conn, person_id)?.unwrap_or_default();
    Ok(Stored {
        answers,
        traits,
        goals,
        carried,
        comments,
        competencies,
        names,
        person_name,
    })
}

fn goal_view(g: &GoalRow, voice: Side) -> GoalView {
    let support_key = match (g.status, voice) {
        (crate::domain::review::GoalStatus::Proposed, _) => "review-goal-support",
        (_, Side::Own) => "review-goal-commitment",
        (_, Side::Manager) => "review-goal-commitment-manager",
    };
    GoalView {
        support_key,
        id: g.id.clone(),
        kind: g.kind.clone(),
        title: g.title.clone(),
        description: g.description.clone(),
        support: g.support_needed.clone(),
        due_on: g.due_on.map(|d| d.to_string()).unwrap_or_default(),
        status: g.status.code().to_string(),
    }
}

/// Build the page model for `side`. `other_visible` says whether the other
/// side's answers may be shown to this viewer. Sections and questions read
/// in the voice of `side`: the employee's own words on the self-assessment,
/// words about the employee (with their name) on the manager review.
pub fn build(
    form: &Form,
    stored: &Stored,
    side: Side,
    other_visible: bool,
    lang: Lang,
    missing: &[String],
) -> FormModel {
    build_in_voice(form, stored, side, other_visible, lang, missing, side)
}

/// As [`build`], with the sections and questions worded for `voice`: a page
/// that shows the employee's answers as "mine" to someone else (the reading
/// view, for the manager and HR) words them for the manager.
pub fn build_in_voice(
    form: &Form,
    stored: &Stored,
    side: Side,
    other_visible: bool,
    lang: Lang,
    missing: &[String],
    voice: Side,
) -> FormModel {
    let name = stored.person_name.as_str();
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
            .find(|a| a.question_id == qid && a.side == s)
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
                    let kind = q.kind;
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
                                            && t.side == s
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
                    let my_body = my.map(|a| a.body.clone()).unwrap_or_default();
                    let records_kind = match kind {
                        QuestionKind::Strengths => Some("strength"),
                        QuestionKind::Weaknesses => Some("weakness"),
                        _ => None,
                    };
                    let answered = mine
                        && review::is_answered(
                            kind,
                            side,
                            review::AnswerFacts {
                                rating: my_rating,
                                body: &my_body,
                                records: records_kind.is_some_and(|k| {
                                    stored.traits.iter().any(|t| t.kind == k && t.side == side)
                                }),
                                goals: crate::app::reviews::counts_goals(&stored.goals, side),
                            },
                        );
                    let their_rating = their.and_then(|a| a.rating);
                    let (own_r, mgr_r) = if side == Side::Own {
                        (my_rating, their_rating)
                    } else {
                        (their_rating, my_rating)
                    };
                    Some(QuestionView {
                        id: q.id.clone(),
                        kind: q.kind.code().to_string(),
                        prompt: q.prompt().read(voice, lang, name),
                        help: q.help().read(voice, lang, name),
                        required: q.required && mine,
                        mine,
                        theirs,
                        my_rating,
                        my_body,
                        their_rating,
                        their_body: their.map(|a| a.body.clone()).unwrap_or_default(),
                        gap: crate::domain::review::self_perception_gap(own_r, mgr_r),
                        competency: q
                            .competency_id
                            .as_deref()
                            .and_then(|c| comp_name.get(c).cloned())
                            .unwrap_or_default(),
                        missing: missing.contains(&q.id),
                        answered,
                        my_records,
                        their_records,
                    })
                })
                .collect();
            let has_goals = questions.iter().any(|q| q.kind == "goals");
            let mine = questions.iter().any(|q| q.mine);
            let status = SectionStatus::of(
                questions
                    .iter()
                    .filter(|q| q.mine)
                    .map(|q| (q.required, q.answered)),
            );
            let comments = stored
                .comments
                .iter()
                .filter(|c| c.section_id.as_deref() == Some(s.id.as_str()))
                .map(|c| CommentView {
                    id: c.id.clone(),
                    body: c.body.clone(),
                    visibility: c.visibility.clone().unwrap_or_else(|| "unchosen".into()),
                    kind: c.kind.clone(),
                    author: stored.names.get(&c.author_id).cloned().unwrap_or_default(),
                    created_at: c.created_at,
                })
                .collect();
            SectionView {
                id: s.id.clone(),
                title: s.title().read(voice, lang, name),
                help: s.help().read(voice, lang, name),
                questions,
                comments,
                new_comment_id: db::new_id(),
                has_goals,
                mine,
                status,
            }
        })
        .filter(|s| !s.questions.is_empty())
        .collect::<Vec<SectionView>>();
    // Only sections this side answers something in count towards progress.
    let own: Vec<&SectionView> = sections.iter().filter(|s| s.mine).collect();
    let progress = Progress {
        done: own
            .iter()
            .filter(|s| s.status == SectionStatus::Done)
            .count(),
        total: own.len(),
    };
    let evidence_for = sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|q| q.mine && matches!(q.kind.as_str(), "text" | "rating" | "competency_rating"))
        .map(|q| Choice {
            id: q.id.clone(),
            label: shortened(&q.prompt, EVIDENCE_LABEL_CHARS),
        })
        .collect();
    FormModel {
        sections,
        progress,
        evidence_for,
        goals: stored
            .goals
            .iter()
            .filter(|g| {
                g.status != crate::domain::review::GoalStatus::Dropped || side == Side::Manager
            })
            .map(|g| goal_view(g, voice))
            .collect(),
        carried_goals: stored.carried.iter().map(|g| goal_view(g, voice)).collect(),
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

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn evidence_labels_are_cut_at_a_character_not_a_byte() {
        assert_eq!(shortened("Bagaimana Anda melayani", 9), "Bagaimana…");
        assert_eq!(shortened("Layanan", 60), "Layanan");
        assert_eq!(shortened("tepat 5", 7), "tepat 5");
        // Multi-byte characters count once and are never split.
        assert_eq!(shortened("ÉÉÉ—🙂 ok", 4), "ÉÉÉ—…");
    }
}

//! The reading view of a review: what the employee reads before she
//! acknowledges it, and what her manager and HR read of the same review.
//!
//! Phone first, in the order a conversation takes: the manager's summary,
//! the chart of both sides' ratings, then each part of the form, where every
//! rating is one block with both ratings, the difference in words (in the
//! reader's own voice) and both sides' evidence, including the strengths and
//! weaknesses either side linked to that competency.
//!
//! Built here from the stored rows rather than from the form pages' model:
//! this page only reads, and what each reader may see is asked of
//! `domain::policy` for each part (the other side's answers, and every
//! comment by its visibility).

use std::collections::HashMap;

use serde::Serialize;

use super::chart::{self, Chart};
use crate::db::forms::{self, Form};
use crate::db::reviews::{self, AnswerRow, CommentRow, TraitRow};
use crate::db::{self, DbConnection, QueryResult};
use crate::domain::policy::{self, Actor, ReviewFacts};
use crate::domain::review::{self_perception_gap, Answerer, GoalStatus, QuestionKind, Side};
use crate::domain::Lang;
use crate::i18n::{self, pick};

/// Whose voice the differences are told in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The person reviewed: "you" and "your manager".
    Employee,
    /// The manager recorded at launch: the person by name and "you".
    Manager,
    /// HR (or anyone else allowed to read): both by name.
    Hr,
}

impl Voice {
    pub fn of(actor: &Actor, person_id: &str, manager_id: Option<&str>) -> Voice {
        if actor.id == person_id {
            Voice::Employee
        } else if manager_id == Some(actor.id.as_str()) {
            Voice::Manager
        } else {
            Voice::Hr
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Voice::Employee => "employee",
            Voice::Manager => "manager",
            Voice::Hr => "hr",
        }
    }
}

/// A difference between the two ratings, as words for a conversation: the
/// translation key (in the reader's voice) and how many points apart.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Gap {
    pub key: String,
    pub points: i32,
    /// "self_higher", "manager_higher" or "same"; a hook for the page, never
    /// a colour that judges.
    pub direction: &'static str,
}

pub fn gap_words(voice: Voice, own: Option<i32>, manager: Option<i32>) -> Option<Gap> {
    let gap = self_perception_gap(own, manager)?;
    let direction = match gap {
        g if g > 0 => "self_higher",
        g if g < 0 => "manager_higher",
        _ => "same",
    };
    Some(Gap {
        key: format!(
            "review-gap-{}-{}",
            voice.code(),
            direction.replace('_', "-")
        ),
        points: gap.abs(),
        direction,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    /// "strength" or "weakness".
    pub kind: String,
    pub body: String,
    /// The manager's reply to one of the employee's entries, when readable.
    pub reply_stance: String,
    pub reply_body: String,
}

/// One rating, both sides, the difference, and the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct RatingBlock {
    pub id: String,
    pub label: String,
    pub help: String,
    pub own_asked: bool,
    pub manager_asked: bool,
    pub own: Option<i32>,
    pub manager: Option<i32>,
    pub gap: Option<Gap>,
    pub own_body: String,
    pub manager_body: String,
    pub own_linked: Vec<Linked>,
    pub manager_linked: Vec<Linked>,
    /// `manager` is the final rating after calibration, not the one given.
    pub calibrated: bool,
    /// Who changed the manager's rating, when and why (not for the person
    /// reviewed).
    pub adjustment: Option<Box<AdjustmentNote>>,
}

/// The newest adjustment of a rating, as its readers see it.
#[derive(Debug, Clone, Serialize)]
pub struct AdjustmentNote {
    /// The final rating calibration set.
    pub after: i32,
    pub by: String,
    pub at: chrono::NaiveDateTime,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextPair {
    pub prompt: String,
    pub own_asked: bool,
    pub manager_asked: bool,
    pub own_body: String,
    pub manager_body: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TraitLine {
    pub body: String,
    pub competency: String,
    pub reply_stance: String,
    pub reply_body: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TraitLists {
    pub prompt: String,
    pub own: Vec<TraitLine>,
    pub manager: Vec<TraitLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalLine {
    pub title: String,
    pub description: String,
    pub support: String,
    pub due_on: Option<chrono::NaiveDate>,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    Rating(RatingBlock),
    Text(TextPair),
    Traits(TraitLists),
    Goals { prompt: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadComment {
    pub author: String,
    pub body: String,
    pub private: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadSection {
    pub title: String,
    pub parts: Vec<Part>,
    pub comments: Vec<ReadComment>,
}

/// The manager's own words for the whole review: the text questions only
/// the manager answers ("Overall summary" in the default form).
#[derive(Debug, Clone, Serialize)]
pub struct SummaryItem {
    pub prompt: String,
    pub body: String,
}

/// One line of the chart's text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct ChartLine {
    pub label: String,
    pub own: Option<i32>,
    pub manager: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    pub voice: Voice,
    /// Headings over each side's words, in the reader's voice: "What you
    /// wrote", "What Rina Marlina wrote".
    pub own_wrote: String,
    pub manager_wrote: String,
    pub summary: Vec<SummaryItem>,
    pub chart: Option<Chart>,
    pub chart_lines: Vec<ChartLine>,
    pub sections: Vec<ReadSection>,
    pub goals: Vec<GoalLine>,
}

/// The stored rows the reading view is built from.
pub struct Rows {
    pub answers: Vec<AnswerRow>,
    pub traits: Vec<TraitRow>,
    pub goals: Vec<reviews::GoalRow>,
    pub comments: Vec<CommentRow>,
    pub competencies: HashMap<String, (String, String)>,
    pub names: HashMap<String, String>,
    /// Calibration's adjustments of the manager's ratings, oldest first.
    pub adjustments: Vec<db::calibration::AdjustmentView>,
    /// The cycle shows the person reviewed their final ratings.
    pub final_visible: bool,
}

/// What this reader may see of the review, as policy says.
#[derive(Debug, Clone, Copy)]
pub struct Sight {
    pub own: bool,
    pub manager: bool,
}

pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    facts: ReviewFacts<'_>,
    review_id: &str,
) -> QueryResult<Rows> {
    let answers = reviews::answers(conn, review_id, None)?;
    let traits = reviews::traits(conn, review_id)?;
    let goals = reviews::goals_of_review(conn, review_id)?;
    // The query leaves private comments out unless policy lets this reader
    // see them; `build` asks policy again for each comment.
    let comments = reviews::comments(
        conn,
        review_id,
        policy::may_read_private_comments(actor, facts),
    )?;
    let competencies = forms::competencies(conn, true)?
        .into_iter()
        .map(|c| (c.id, (c.name_id, c.name_en)))
        .collect();
    let author_ids: Vec<String> = comments.iter().map(|c| c.author_id.clone()).collect();
    let names = db::people::listed(conn, &author_ids)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let adjustments = db::calibration::adjustments(conn, review_id)?;
    let final_visible = if adjustments.is_empty() {
        false
    } else {
        db::calibration::of_review(conn, review_id)?.is_some_and(|c| c.final_visible)
    };
    Ok(Rows {
        adjustments,
        final_visible,
        answers,
        traits,
        goals,
        comments,
        competencies,
        names,
    })
}

/// The names of the person reviewed and their manager.
#[derive(Debug, Clone, Copy)]
pub struct People<'a> {
    pub person: &'a str,
    pub manager: &'a str,
}

/// Build the reading view for one reader.
pub fn build(
    form: &Form,
    rows: &Rows,
    actor: &Actor,
    facts: ReviewFacts<'_>,
    sight: Sight,
    people: People<'_>,
    lang: Lang,
) -> Reading {
    let voice = Voice::of(actor, facts.person_id, facts.manager_id);
    // The form's own words for the person reviewed; the manager's wording
    // (about the person, by name) for the manager and HR.
    let worded = if voice == Voice::Employee {
        Side::Own
    } else {
        Side::Manager
    };
    let wrote = |is_reader: bool, name: &str| {
        if is_reader {
            i18n::t(lang, "review-wrote-you")
        } else {
            i18n::t_args(
                lang,
                "review-wrote-name",
                &[("name", name.to_string().into())],
            )
        }
    };
    let own_wrote = wrote(voice == Voice::Employee, people.person);
    let manager_wrote = wrote(voice == Voice::Manager, people.manager);
    let competency = |id: Option<&str>| -> String {
        id.and_then(|c| rows.competencies.get(c))
            .map(|(i, e)| pick(lang, i, e))
            .unwrap_or_default()
    };
    let answer = |qid: &str, side: Side| -> Option<&AnswerRow> {
        let visible = match side {
            Side::Own => sight.own,
            Side::Manager => sight.manager,
        };
        rows.answers
            .iter()
            .find(|a| visible && a.question_id == qid && a.side == side)
    };
    let reply_to = |t: &TraitRow| -> Option<&TraitRow> {
        if !sight.manager {
            return None;
        }
        rows.traits
            .iter()
            .find(|r| r.side == Side::Manager && r.responds_to_id.as_deref() == Some(&t.id))
    };
    // The entries each side wrote itself (the manager's replies are shown
    // under the employee's entry they answer).
    let entries = |side: Side| -> Vec<&TraitRow> {
        let visible = match side {
            Side::Own => sight.own,
            Side::Manager => sight.manager,
        };
        rows.traits
            .iter()
            .filter(|t| visible && t.side == side && t.responds_to_id.is_none())
            .collect()
    };
    let linked = |side: Side, competency_id: Option<&str>| -> Vec<Linked> {
        let Some(cid) = competency_id else {
            return vec![];
        };
        entries(side)
            .into_iter()
            .filter(|t| t.competency_id.as_deref() == Some(cid))
            .map(|t| {
                let reply = reply_to(t);
                Linked {
                    kind: t.kind.clone(),
                    body: t.body.clone(),
                    reply_stance: reply.map(|r| r.stance.clone()).unwrap_or_default(),
                    reply_body: reply.map(|r| r.body.clone()).unwrap_or_default(),
                }
            })
            .collect()
    };
    let trait_lines = |side: Side, kind: &str| -> Vec<TraitLine> {
        entries(side)
            .into_iter()
            .filter(|t| t.kind == kind)
            .map(|t| {
                let reply = reply_to(t);
                TraitLine {
                    body: t.body.clone(),
                    competency: competency(t.competency_id.as_deref()),
                    reply_stance: reply.map(|r| r.stance.clone()).unwrap_or_default(),
                    reply_body: reply.map(|r| r.body.clone()).unwrap_or_default(),
                }
            })
            .collect()
    };

    let mut summary = vec![];
    let mut chart_items: Vec<(String, Option<i32>, Option<i32>)> = vec![];
    let mut sections = vec![];
    for (s, questions) in &form.sections {
        let mut parts = vec![];
        for q in questions {
            let answerer = Answerer::parse(&q.side).unwrap_or(Answerer::Both);
            let own_asked = answerer.includes(Side::Own) && sight.own;
            let manager_asked = answerer.includes(Side::Manager) && sight.manager;
            if !own_asked && !manager_asked {
                continue;
            }
            let prompt = q.prompt().read(worded, lang, people.person);
            let body = |side| {
                answer(&q.id, side)
                    .map(|a| a.body.clone())
                    .unwrap_or_default()
            };
            match q.kind {
                QuestionKind::Rating | QuestionKind::CompetencyRating => {
                    let own = answer(&q.id, Side::Own).and_then(|a| a.rating);
                    let given = answer(&q.id, Side::Manager).and_then(|a| a.rating);
                    // Calibration's newest change of this rating, if this
                    // reader reads final ratings (policy decides).
                    let newest = rows
                        .adjustments
                        .iter()
                        .rev()
                        .find(|a| a.question_id == q.id && a.in_force)
                        .filter(|_| {
                            sight.manager
                                && policy::sees_final_ratings(actor, facts, rows.final_visible)
                        });
                    // Those who read the adjustments (the manager, HR) read
                    // the rating the manager gave, and the final one beside
                    // it with who set it and why; the person reviewed reads
                    // the final rating in its place, as the final rating.
                    let adjustment = newest
                        .filter(|_| policy::may_read_adjustments(actor, facts))
                        .map(|a| {
                            Box::new(AdjustmentNote {
                                after: a.rating_after,
                                by: a.adjusted_by_name.clone().unwrap_or_default(),
                                at: a.adjusted_at,
                                reason: a.reason.clone(),
                            })
                        });
                    let in_place = newest.filter(|_| adjustment.is_none());
                    let manager = match in_place {
                        Some(a) => Some(a.rating_after),
                        None => given,
                    };
                    let name = competency(q.competency_id.as_deref());
                    let label = if name.is_empty() { prompt } else { name };
                    if own_asked && manager_asked {
                        chart_items.push((label.clone(), own, manager));
                    }
                    parts.push(Part::Rating(RatingBlock {
                        id: q.id.clone(),
                        label,
                        help: q.help().read(worded, lang, people.person),
                        own_asked,
                        manager_asked,
                        own,
                        manager,
                        // The difference is between what the person and
                        // their manager gave; a final rating set in
                        // calibration is not the manager's view.
                        gap: if in_place.is_some() {
                            None
                        } else {
                            gap_words(voice, own, manager)
                        },
                        own_body: body(Side::Own),
                        manager_body: body(Side::Manager),
                        own_linked: linked(Side::Own, q.competency_id.as_deref()),
                        manager_linked: linked(Side::Manager, q.competency_id.as_deref()),
                        calibrated: in_place.is_some(),
                        adjustment,
                    }));
                }
                QuestionKind::Text if answerer == Answerer::Manager => {
                    summary.push(SummaryItem {
                        prompt,
                        body: body(Side::Manager),
                    });
                }
                QuestionKind::Text => parts.push(Part::Text(TextPair {
                    prompt,
                    own_asked,
                    manager_asked,
                    own_body: body(Side::Own),
                    manager_body: body(Side::Manager),
                })),
                QuestionKind::Strengths | QuestionKind::Weaknesses => {
                    let kind = if q.kind == QuestionKind::Strengths {
                        "strength"
                    } else {
                        "weakness"
                    };
                    parts.push(Part::Traits(TraitLists {
                        prompt,
                        own: trait_lines(Side::Own, kind),
                        manager: trait_lines(Side::Manager, kind),
                    }));
                }
                QuestionKind::Goals => parts.push(Part::Goals { prompt }),
            }
        }
        let comments: Vec<ReadComment> = rows
            .comments
            .iter()
            .filter(|c| c.section_id.as_deref() == Some(s.id.as_str()))
            .filter(|c| {
                policy::may_read_comment(actor, facts, c.visibility.as_deref() != Some("shared"))
            })
            .map(|c| ReadComment {
                author: rows.names.get(&c.author_id).cloned().unwrap_or_default(),
                body: c.body.clone(),
                private: c.visibility.as_deref() != Some("shared"),
            })
            .collect();
        if parts.is_empty() && comments.is_empty() {
            continue;
        }
        sections.push(ReadSection {
            title: s.title().read(worded, lang, people.person),
            parts,
            comments,
        });
    }
    let chart = chart::layout(
        &chart_items
            .iter()
            .map(|(label, own, manager)| chart::Item {
                label,
                own: *own,
                manager: *manager,
            })
            .collect::<Vec<_>>(),
    );
    let chart_lines = chart_items
        .into_iter()
        .map(|(label, own, manager)| ChartLine {
            label,
            own,
            manager,
        })
        .collect();
    let goals = rows
        .goals
        .iter()
        .filter(|g| g.status != GoalStatus::Dropped)
        .map(|g| GoalLine {
            title: g.title.clone(),
            description: g.description.clone(),
            support: g.support_needed.clone(),
            due_on: g.due_on,
            status: g.status.code().to_string(),
        })
        .collect();
    Reading {
        voice,
        own_wrote,
        manager_wrote,
        summary,
        chart,
        chart_lines,
        sections,
        goals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    #[test]
    fn differences_are_told_in_the_readers_voice_and_never_as_a_verdict() {
        let g = |v, a, b| gap_words(v, Some(a), Some(b)).expect("both rated");
        assert_eq!(
            g(Voice::Employee, 4, 3).key,
            "review-gap-employee-self-higher"
        );
        assert_eq!(
            g(Voice::Employee, 2, 4).key,
            "review-gap-employee-manager-higher"
        );
        assert_eq!(g(Voice::Employee, 2, 4).points, 2);
        assert_eq!(
            g(Voice::Manager, 4, 3).key,
            "review-gap-manager-self-higher"
        );
        assert_eq!(g(Voice::Hr, 3, 3).key, "review-gap-hr-same");
        assert_eq!(g(Voice::Hr, 3, 3).points, 0);
        assert!(gap_words(Voice::Employee, Some(3), None).is_none());
    }

    #[test]
    fn the_voice_follows_who_reads() {
        let a = |id: &str, role| Actor {
            id: id.into(),
            role,
        };
        assert_eq!(
            Voice::of(&a("e1", Role::Hr), "e1", Some("m1")),
            Voice::Employee
        );
        assert_eq!(
            Voice::of(&a("m1", Role::Hr), "e1", Some("m1")),
            Voice::Manager
        );
        assert_eq!(Voice::of(&a("h", Role::Hr), "e1", Some("m1")), Voice::Hr);
    }
}

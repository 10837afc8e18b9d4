//! One generated review: both sides' answers, strengths and weaknesses, a
//! goal, comments, and the audit rows and notifications its steps left.

use chrono::{NaiveDate, NaiveDateTime};

use super::rows::{Batch, NewAnswer, NewComment, NewGoal, NewReview, NewTrait};
use super::text::{
    COMMENTS, EVIDENCE, GOALS, MANAGER_TEXT, RESPONSES, SELF_TEXT, STRENGTHS, WEAKNESSES,
};
use super::{at, days, Person, Rng};
use crate::db;

/// One review cycle's dates and name.
pub(super) struct CycleSpec {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) opens: NaiveDate,
    pub(super) self_due: NaiveDate,
    pub(super) manager_due: NaiveDate,
    pub(super) ack_due: NaiveDate,
    pub(super) closes: NaiveDate,
    pub(super) closed: bool,
    pub(super) latest_closed: bool,
}

/// The questions a side answers in the answers table (ratings and text);
/// strengths, weaknesses and goals are records of their own.
pub(super) struct Question {
    pub(super) id: String,
    pub(super) kind: String,
    pub(super) self_answers: bool,
    pub(super) manager_answers: bool,
}

/// How far a review got: 0 self-assessment, 1 manager review, 2 shared, 3 acknowledged.
#[derive(Clone, Copy)]
pub(super) struct Progress {
    pub(super) level: u8,
}

/// One review and everything written in it, as far as `progress` got.
/// Returns the review's id.
#[allow(clippy::too_many_arguments)]
pub(super) fn add_review(
    batch: &mut Batch,
    rng: &mut Rng,
    spec: &CycleSpec,
    persons: &[Person],
    p: usize,
    progress: Progress,
    questions: &[Question],
    section_ids: &[String],
    competency_ids: &[String],
    launched: NaiveDateTime,
) -> String {
    let person = &persons[p];
    let manager_id = person.manager.map(|m| persons[m].id.clone());
    let mgr = manager_id.clone().unwrap_or_default();
    let level = progress.level;
    let id = db::new_id();
    let cycle = Some(spec.id.as_str());
    let rid = Some(id.as_str());
    let self_submitted = (level >= 1).then(|| at(spec.opens + days(rng.range(3, 20)), rng));
    let shared = (level >= 2).then(|| at(spec.self_due + days(rng.range(1, 13)), rng));
    let acknowledged = shared
        .filter(|_| level >= 3)
        .map(|s| s + days(rng.range(1, 6)));
    let state = if spec.closed {
        if level == 3 {
            "acknowledged"
        } else {
            "unfinished"
        }
    } else {
        [
            "self_assessment",
            "manager_review",
            "shared",
            "acknowledged",
        ][level as usize]
    };

    // The self-assessment: every question when submitted, some as drafts before.
    let self_share = if level >= 1 {
        1.0
    } else if rng.chance(0.2) {
        0.0
    } else {
        0.2 + rng.below(70) as f64 / 100.0
    };
    let mut self_saves = 0;
    if self_share > 0.0 {
        self_saves = rng.range(1, 4) as i32;
        let saved = self_submitted.unwrap_or_else(|| launched + days(rng.range(1, 10)));
        for q in questions.iter().filter(|q| q.self_answers) {
            if level == 0 && !rng.chance(self_share) {
                continue;
            }
            batch
                .answers
                .push(answer(rng, &id, q, "self", &person.id, saved, level >= 1));
        }
        for k in 0..self_saves {
            batch.audit(
                saved - days((self_saves - k) as i64),
                Some(&person.id),
                "review.draft_saved",
                "review",
                &id,
                rid,
                cycle,
                r#"{"side":"self"}"#,
            );
        }
    }
    let self_time = self_submitted.unwrap_or(launched + days(2));
    let weakness_id = db::new_id();
    if level >= 1 || rng.chance(0.5) {
        batch.traits.push(NewTrait {
            id: db::new_id(),
            person_id: person.id.clone(),
            review_id: Some(id.clone()),
            competency_id: Some(rng.pick(competency_ids).clone()),
            kind: "strength".into(),
            side: "self".into(),
            stance: "own".into(),
            responds_to_id: None,
            body: rng.pick(STRENGTHS).to_string(),
            author_id: Some(person.id.clone()),
            created_at: self_time,
            updated_at: self_time,
        });
    }
    if level >= 1 {
        batch.traits.push(NewTrait {
            id: weakness_id.clone(),
            person_id: person.id.clone(),
            review_id: Some(id.clone()),
            competency_id: Some(rng.pick(competency_ids).clone()),
            kind: "weakness".into(),
            side: "self".into(),
            stance: "own".into(),
            responds_to_id: None,
            body: rng.pick(WEAKNESSES).to_string(),
            author_id: Some(person.id.clone()),
            created_at: self_time,
            updated_at: self_time,
        });
    }
    if level >= 1 || rng.chance(0.3) {
        let (title, description, support) = rng.pick(GOALS);
        let status = if !spec.closed {
            if level >= 2 {
                "agreed"
            } else {
                "proposed"
            }
        } else if spec.latest_closed {
            rng.pick(&["in_progress", "in_progress", "agreed", "done", "done"])
        } else {
            rng.pick(&["done", "done", "done", "done", "dropped"])
        };
        batch.goals.push(NewGoal {
            id: db::new_id(),
            person_id: person.id.clone(),
            review_id: Some(id.clone()),
            carried_from_id: None,
            kind: rng.pick(&["development", "improvement"]).to_string(),
            title: title.to_string(),
            description: description.to_string(),
            support_needed: support.to_string(),
            status: status.into(),
            due_on: Some(spec.closes + days(180)),
            author_id: Some(person.id.clone()),
            created_at: self_time,
            updated_at: self_time,
        });
    }
    if let Some(s) = self_submitted {
        batch.audit(
            s,
            Some(&person.id),
            "review.self_submitted",
            "review",
            &id,
            rid,
            cycle,
            "",
        );
        let read = (spec.closed || rng.chance(0.5)).then(|| s + days(1));
        batch.notify(&mgr, "self_submitted", &id, &person.id, s, read);
    }

    // The manager review: drafts while writing, all of it once shared.
    let mut manager_saves = 0;
    if level >= 1 {
        let share = if level >= 2 {
            1.0
        } else {
            rng.below(90) as f64 / 100.0
        };
        let saved = shared.unwrap_or(self_time + days(2));
        if share > 0.0 {
            manager_saves = rng.range(1, 4) as i32;
            for q in questions.iter().filter(|q| q.manager_answers) {
                if level == 1 && !rng.chance(share) {
                    continue;
                }
                batch
                    .answers
                    .push(answer(rng, &id, q, "manager", &mgr, saved, level >= 2));
            }
            for k in 0..manager_saves {
                batch.audit(
                    saved - days((manager_saves - k) as i64),
                    Some(&mgr),
                    "review.draft_saved",
                    "review",
                    &id,
                    rid,
                    cycle,
                    r#"{"side":"manager"}"#,
                );
            }
        }
        if level >= 2 || share > 0.5 {
            for (kind, responds, body) in [
                ("strength", None, rng.pick(STRENGTHS).to_string()),
                (
                    "weakness",
                    Some(weakness_id.clone()),
                    rng.pick(WEAKNESSES).to_string(),
                ),
            ] {
                batch.traits.push(NewTrait {
                    id: db::new_id(),
                    person_id: person.id.clone(),
                    review_id: Some(id.clone()),
                    competency_id: Some(rng.pick(competency_ids).clone()),
                    kind: kind.into(),
                    side: "manager".into(),
                    stance: if responds.is_some() {
                        rng.pick(&["agree", "adjust"]).to_string()
                    } else {
                        "own".into()
                    },
                    responds_to_id: responds,
                    body,
                    author_id: Some(mgr.clone()),
                    created_at: saved,
                    updated_at: saved,
                });
            }
        }
    }
    if let Some(s) = shared {
        let section = section_ids.get(1).or(section_ids.first()).cloned();
        let comment_id = db::new_id();
        batch.comments.push(NewComment {
            id: comment_id.clone(),
            review_id: id.clone(),
            author_id: mgr.clone(),
            parent_id: None,
            section_id: section.clone(),
            competency_id: None,
            kind: "manager_comment".into(),
            visibility: "shared".into(),
            body: rng.pick(COMMENTS).to_string(),
            created_at: s,
            updated_at: s,
        });
        if rng.chance(0.2) {
            batch.comments.push(NewComment {
                id: db::new_id(),
                review_id: id.clone(),
                author_id: mgr.clone(),
                parent_id: None,
                section_id: section.clone(),
                competency_id: None,
                kind: "manager_comment".into(),
                visibility: "private".into(),
                body: rng.pick(COMMENTS).to_string(),
                created_at: s,
                updated_at: s,
            });
        }
        if let Some(a) = acknowledged {
            batch.comments.push(NewComment {
                id: db::new_id(),
                review_id: id.clone(),
                author_id: person.id.clone(),
                parent_id: Some(comment_id),
                section_id: section,
                competency_id: None,
                kind: "employee_response".into(),
                visibility: "shared".into(),
                body: rng.pick(RESPONSES).to_string(),
                created_at: a,
                updated_at: a,
            });
        }
        batch.audit(
            s,
            Some(&mgr),
            "review.shared",
            "review",
            &id,
            rid,
            cycle,
            "",
        );
        let read = (spec.closed || rng.chance(0.5)).then(|| s + days(1));
        batch.notify(&person.id, "review_shared", &id, &mgr, s, read);
    }
    if let Some(a) = acknowledged {
        batch.audit(
            a,
            Some(&person.id),
            "review.acknowledged",
            "review",
            &id,
            rid,
            cycle,
            "",
        );
        let read = (spec.closed || rng.chance(0.5)).then(|| a + days(1));
        batch.notify(&mgr, "acknowledged", &id, &person.id, a, read);
    }

    let updated = acknowledged
        .or(shared)
        .or(self_submitted)
        .unwrap_or(launched);
    batch.reviews.push(NewReview {
        id: id.clone(),
        cycle_id: spec.id.clone(),
        person_id: person.id.clone(),
        manager_id,
        job_title: person.job_title.clone(),
        job_description: person.job_description.clone(),
        state: state.into(),
        self_version: self_saves,
        manager_version: manager_saves,
        self_submitted_at: self_submitted,
        shared_at: shared,
        acknowledged_at: acknowledged,
        acknowledgement_response: if acknowledged.is_some() && rng.chance(0.3) {
            rng.pick(RESPONSES).to_string()
        } else {
            String::new()
        },
        manager_summary: String::new(),
        team_summary: String::new(),
        team_summary_published_at: None,
        reopened_reason: String::new(),
        reopened_at: None,
        created_at: launched,
        updated_at: updated,
    });
    id
}

fn answer(
    rng: &mut Rng,
    review_id: &str,
    q: &Question,
    side: &str,
    author: &str,
    when: NaiveDateTime,
    submitted: bool,
) -> NewAnswer {
    let (rating, body) = match q.kind.as_str() {
        "text" => (
            None,
            if side == "self" {
                rng.sentences(SELF_TEXT, 2, 4)
            } else {
                rng.sentences(MANAGER_TEXT, 2, 4)
            },
        ),
        _ => (
            Some(rng.rating()),
            if rng.chance(0.7) {
                rng.pick(EVIDENCE).to_string()
            } else {
                String::new()
            },
        ),
    };
    NewAnswer {
        id: db::new_id(),
        review_id: review_id.into(),
        question_id: q.id.clone(),
        side: side.into(),
        rating,
        body,
        status: if submitted { "submitted" } else { "draft" }.into(),
        version: rng.range(1, 3) as i32,
        updated_by: Some(author.into()),
        updated_at: when,
    }
}

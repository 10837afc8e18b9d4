//! A person's history: every review they have had, each competency's
//! ratings across the cycles (a small chart per competency, `trend.rs`),
//! their strengths and weaknesses with who wrote each one and the manager's
//! reply under the entry it answers, the manager's comments, and their goals.
//! Each record shows only to those who may read the side of the review it was
//! written on; a private comment never reaches the person reviewed. Words are
//! in the reader's voice, as in the reading view (`reviews::reading::Voice`).

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::context::CurrentUser;
use super::render::page;
use super::reviews::reading::{gap_words, Voice};
use super::trend::{self, Trend};
use super::State;
use crate::db::cycles::CycleRow;
use crate::db::reviews::TraitRow;
use crate::db::{self, forms, people, reviews};
use crate::domain::policy::{self, Actor, PersonFacts, ReviewFacts};
use crate::domain::review::{ReviewState, Side};
use crate::domain::Lang;
use crate::error::AppError;
use crate::i18n::{self, pick};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/history", web::get().to(show_my_history))
        .route("/history/{person_id}", web::get().to(show_history));
}

#[derive(Serialize)]
struct HistoryPerson {
    id: String,
    name: String,
    job_title: String,
}

#[derive(Serialize)]
struct HistoryReview {
    id: String,
    cycle_name: String,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    cycle_status: &'static str,
    state: &'static str,
    state_class: &'static str,
    acknowledged_at: Option<NaiveDateTime>,
    link: Option<String>,
}

/// The manager's reply to one of the employee's entries: agreed, or seen a
/// little differently, with the manager's note if any.
#[derive(Serialize)]
struct ResponseView {
    stance: String,
    /// Who replied and how, in the reader's voice ("Your manager, Rina
    /// Marlina, agreed").
    words: String,
    note: String,
}

/// A strength or weakness as its author wrote it.
#[derive(Serialize)]
struct EntryView {
    kind: String,
    /// "self" or "manager": the side of the review it was written on.
    side: &'static str,
    body: String,
    competency: String,
    /// Who wrote it, in the reader's voice.
    by: String,
    response: Option<ResponseView>,
}

#[derive(Serialize)]
struct CommentView {
    by: String,
    body: String,
    private: bool,
}

#[derive(Serialize)]
struct TraitGroup {
    /// `None`: records no longer tied to a review.
    cycle_name: Option<String>,
    opens_on: Option<NaiveDate>,
    strengths: Vec<EntryView>,
    weaknesses: Vec<EntryView>,
    comments: Vec<CommentView>,
}

/// One cycle of a competency's trend, for the text beside the chart.
#[derive(Serialize)]
struct TrendLine {
    cycle: String,
    own: Option<i32>,
    manager: Option<i32>,
}

/// One competency across the cycles: the chart, its numbers, and the
/// difference in the newest cycle rated by both, in coaching words.
#[derive(Serialize)]
struct TrendView {
    id: String,
    name: String,
    chart: Trend,
    lines: Vec<TrendLine>,
    latest: Option<String>,
}

#[derive(Serialize)]
struct GoalView {
    title: String,
    description: String,
    kind: String,
    status: String,
    status_colour: &'static str,
    due_on: Option<NaiveDate>,
    cycle_name: Option<String>,
}

#[derive(Serialize)]
struct HistoryPage {
    person: HistoryPerson,
    is_self: bool,
    voice: Voice,
    reviews: Vec<HistoryReview>,
    trends: Vec<TrendView>,
    /// The legend's words for each series, in the reader's voice.
    trend_own: String,
    trend_manager: String,
    /// More cycles had ratings than the charts draw.
    trend_cut: bool,
    /// The coaching note on differences, in the reader's voice.
    trend_explain: String,
    traits: Vec<TraitGroup>,
    goals: Vec<GoalView>,
}

fn goal_colour(status: &str) -> &'static str {
    match status {
        "agreed" => "blue",
        "in_progress" => "yellow",
        "done" => "green",
        "proposed" => "purple",
        _ => "grey",
    }
}

pub async fn show_my_history(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    let id = user.user.id.clone();
    history_page(state, user, id).await
}

pub async fn show_history(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    history_page(state, user, path.into_inner()).await
}

/// Who wrote something, as the reader says it. The author is the reader
/// ("you"), the reader's manager ("your manager, Rina"), or someone named.
#[derive(Clone, Copy)]
enum Writer<'a> {
    You,
    YourManager(&'a str),
    Named(&'a str),
    Unknown,
}

impl<'a> Writer<'a> {
    fn of(
        actor: &Actor,
        person_id: &str,
        author: Option<&str>,
        names: &'a HashMap<String, String>,
    ) -> Writer<'a> {
        match author {
            Some(a) if a == actor.id => Writer::You,
            Some(a) => match names.get(a) {
                Some(name) if actor.id == person_id && a != person_id => Writer::YourManager(name),
                Some(name) => Writer::Named(name),
                None => Writer::Unknown,
            },
            None => Writer::Unknown,
        }
    }

    /// `prefix-you-<rest>`, `prefix-your-manager-<rest>`, ... with the name.
    fn words(self, lang: Lang, prefix: &str, rest: &str) -> String {
        let (who, name) = match self {
            Writer::You => ("you", None),
            Writer::YourManager(n) => ("your-manager", Some(n)),
            Writer::Named(n) => ("name", Some(n)),
            Writer::Unknown => ("unknown", None),
        };
        let key = format!("{prefix}-{who}-{rest}");
        match name {
            Some(n) => i18n::t_args(lang, &key, &[("name", n.to_string().into())]),
            None => i18n::t(lang, &key),
        }
    }
}

fn review_facts<'a>(r: &'a reviews::ReviewRow, c: &CycleRow, today: NaiveDate) -> ReviewFacts<'a> {
    ReviewFacts {
        person_id: &r.person_id,
        manager_id: r.manager_id.as_deref(),
        state: r.state(),
        cycle: c.status(today),
        was_shared: r.shared_at.is_some(),
        was_submitted: r.self_submitted_at.is_some(),
        handed_in: r.handed_in_at.is_some(),
    }
}

async fn history_page(
    state: State,
    user: CurrentUser,
    person_id: String,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let today = state.today();
    let lang = user.visitor.lang;
    let model = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let person = people::find(conn, &person_id)?.ok_or(AppError::NotFound)?;
            let facts = PersonFacts {
                id: &person.id,
                manager_id: person.manager_id.as_deref(),
            };
            if !policy::may_view_history(&actor, facts) {
                return Err(AppError::Forbidden);
            }
            let rows = reviews::for_person(conn, &person.id)?;
            let traits = reviews::traits_of_person(conn, &person.id)?;
            let goals = reviews::goals_of_person(conn, &person.id)?;
            let mut ratings = reviews::competency_ratings_of_person(conn, &person.id)?;
            // Calibration's final ratings, where this reader reads them (as
            // on the review page).
            let ids: Vec<String> = rows.iter().map(|(r, _)| r.id.clone()).collect();
            let finals = db::calibration::newest_of(conn, &ids)?;
            if !finals.is_empty() {
                let mut sees: HashMap<String, bool> = HashMap::new();
                for (r, c) in &rows {
                    let visible =
                        db::calibration::find(conn, &c.id)?.is_some_and(|k| k.final_visible);
                    let f = review_facts(r, c, today);
                    sees.insert(r.id.clone(), policy::sees_final_ratings(&actor, f, visible));
                }
                for x in ratings.iter_mut().filter(|x| x.side == Side::Manager) {
                    let key = (x.review_id.clone(), x.question_id.clone());
                    if let (Some(v), true) =
                        (finals.get(&key), sees.get(&x.review_id) == Some(&true))
                    {
                        x.rating = *v;
                    }
                }
            }
            let competencies = forms::competencies(conn, true)?;

            // The comments on each review that this reader may read: a
            // private one never reaches the person reviewed.
            let mut comments: HashMap<String, Vec<reviews::CommentRow>> = HashMap::new();
            for (r, c) in &rows {
                let f = review_facts(r, c, today);
                let readable =
                    reviews::comments(conn, &r.id, policy::may_read_private_comments(&actor, f))?
                        .into_iter()
                        .filter(|m| {
                            policy::may_read_comment(
                                &actor,
                                f,
                                m.visibility.as_deref() != Some("shared"),
                            )
                        })
                        .collect();
                comments.insert(r.id.clone(), readable);
            }

            // The names of everyone who wrote something here.
            let mut ids: Vec<String> = traits.iter().filter_map(|t| t.author_id.clone()).collect();
            ids.extend(rows.iter().filter_map(|(r, _)| r.manager_id.clone()));
            ids.extend(comments.values().flatten().map(|m| m.author_id.clone()));
            ids.extend(person.manager_id.clone());
            ids.sort();
            ids.dedup();
            let names: HashMap<String, String> = people::listed(conn, &ids)?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
            let name_of = |id: Option<&str>| -> String {
                id.and_then(|i| names.get(i)).cloned().unwrap_or_default()
            };
            let competency_name = |id: Option<&str>| -> String {
                id.and_then(|i| competencies.iter().find(|c| c.id == i))
                    .map(|c| pick(lang, &c.name_id, &c.name_en))
                    .unwrap_or_default()
            };

            // Each listed review's state, cycle and manager, for the records below.
            let by_review: HashMap<&str, (ReviewState, &str, Option<&str>)> = rows
                .iter()
                .map(|(r, c)| {
                    (
                        r.id.as_str(),
                        (r.state(), c.name.as_str(), r.manager_id.as_deref()),
                    )
                })
                .collect();
            // A record's review: `Some(None)` when it has none; `None` when its
            // review is not listed (removed), so the record is left out.
            let review_of = |review_id: &Option<String>| match review_id {
                None => Some(None),
                Some(id) => by_review.get(id.as_str()).map(Some),
            };
            let may_read = |side: Side, state: Option<ReviewState>| {
                policy::may_read_history_record(&actor, facts, side, state)
            };

            let history_reviews: Vec<HistoryReview> = rows
                .iter()
                .map(|(r, c)| {
                    let review_state = r.state();
                    let status = c.status(today);
                    HistoryReview {
                        id: r.id.clone(),
                        cycle_name: c.name.clone(),
                        opens_on: c.opens_on,
                        closes_on: c.closes_on,
                        cycle_status: status.code(),
                        state: review_state.code(),
                        state_class: review_state.tag_class(),
                        acknowledged_at: r.acknowledged_at,
                        link: policy::may_view_review(&actor, review_facts(r, c, today))
                            .then(|| format!("/reviews/{}", r.id)),
                    }
                })
                .collect();

            // Strengths and weaknesses, one group per review (newest cycle
            // first), then those no longer tied to a review.
            let mut groups: Vec<(Option<String>, TraitGroup)> = rows
                .iter()
                .map(|(r, c)| {
                    let by = |m: &reviews::CommentRow| {
                        Writer::of(&actor, &person.id, Some(&m.author_id), &names)
                    };
                    (
                        Some(r.id.clone()),
                        TraitGroup {
                            cycle_name: Some(c.name.clone()),
                            opens_on: Some(c.opens_on),
                            strengths: vec![],
                            weaknesses: vec![],
                            comments: comments
                                .get(&r.id)
                                .map(|all| {
                                    all.iter()
                                        .map(|m| CommentView {
                                            by: by(m).words(lang, "history-comment", "by"),
                                            body: m.body.clone(),
                                            private: m.visibility.as_deref() != Some("shared"),
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                        },
                    )
                })
                .collect();
            groups.push((
                None,
                TraitGroup {
                    cycle_name: None,
                    opens_on: None,
                    strengths: vec![],
                    weaknesses: vec![],
                    comments: vec![],
                },
            ));
            // The author of a record: as stored, else the side's writer.
            let author_of = |t: &TraitRow, manager: Option<&'_ str>| -> Option<String> {
                t.author_id.clone().or_else(|| match t.side {
                    Side::Own => Some(person.id.clone()),
                    Side::Manager => manager.map(str::to_string),
                })
            };
            // Oldest first within a review, as they were written. A manager's
            // reply to an entry is shown under that entry, never as one.
            for t in traits.iter().rev().filter(|t| t.responds_to_id.is_none()) {
                let Some(review) = review_of(&t.review_id) else {
                    continue;
                };
                let state = review.map(|r| r.0);
                let manager = review.and_then(|r| r.2);
                if !may_read(t.side, state) {
                    continue;
                }
                let Some((_, group)) = groups.iter_mut().find(|(id, _)| *id == t.review_id) else {
                    continue;
                };
                let author = author_of(t, manager);
                let side = if t.side == Side::Own {
                    "self"
                } else {
                    "manager"
                };
                let response = traits
                    .iter()
                    .find(|r| r.responds_to_id.as_deref() == Some(t.id.as_str()))
                    .filter(|_| may_read(Side::Manager, state))
                    .filter(|r| matches!(r.stance.as_str(), "agree" | "adjust"))
                    .map(|r| {
                        let by = author_of(r, manager);
                        ResponseView {
                            stance: r.stance.clone(),
                            words: Writer::of(&actor, &person.id, by.as_deref(), &names).words(
                                lang,
                                "history-reply",
                                &r.stance,
                            ),
                            note: r.body.clone(),
                        }
                    });
                let view = EntryView {
                    kind: t.kind.clone(),
                    side,
                    body: t.body.clone(),
                    competency: competency_name(t.competency_id.as_deref()),
                    by: Writer::of(&actor, &person.id, author.as_deref(), &names).words(
                        lang,
                        "history-by",
                        side,
                    ),
                    response,
                };
                if t.kind == "strength" {
                    group.strengths.push(view);
                } else {
                    group.weaknesses.push(view);
                }
            }
            let traits: Vec<TraitGroup> = groups
                .into_iter()
                .map(|(_, g)| g)
                .filter(|g| {
                    !g.strengths.is_empty() || !g.weaknesses.is_empty() || !g.comments.is_empty()
                })
                .collect();

            // Each competency across the cycles, oldest first: only the
            // ratings this reader may read, only cycles with one of them.
            let voice = Voice::of(&actor, &person.id, person.manager_id.as_deref());
            let readable: Vec<&reviews::CompetencyRating> = ratings
                .iter()
                .filter(|r| {
                    by_review
                        .get(r.review_id.as_str())
                        .is_some_and(|(state, _, _)| may_read(r.side, Some(*state)))
                })
                .collect();
            let mut cycles: Vec<&(reviews::ReviewRow, CycleRow)> = rows
                .iter()
                .rev()
                .filter(|(r, _)| readable.iter().any(|x| x.review_id == r.id))
                .collect();
            let trend_cut = cycles.len() > trend::MAX_CYCLES;
            if trend_cut {
                cycles.drain(..cycles.len() - trend::MAX_CYCLES);
            }
            let rating = |review: &str, competency: &str, side: Side| {
                readable
                    .iter()
                    .find(|x| {
                        x.review_id == review && x.competency_id == competency && x.side == side
                    })
                    .map(|x| x.rating)
            };
            let month_year: Vec<(String, String)> = cycles
                .iter()
                .map(|(_, c)| {
                    (
                        i18n::t(lang, &format!("month-short-{}", c.opens_on.month())),
                        c.opens_on.year().to_string(),
                    )
                })
                .collect();
            let trends: Vec<TrendView> = competencies
                .iter()
                .filter_map(|comp| {
                    let lines: Vec<TrendLine> = cycles
                        .iter()
                        .map(|(r, c)| TrendLine {
                            cycle: c.name.clone(),
                            own: rating(&r.id, &comp.id, Side::Own),
                            manager: rating(&r.id, &comp.id, Side::Manager),
                        })
                        .collect();
                    let points: Vec<trend::Point<'_>> = lines
                        .iter()
                        .zip(&month_year)
                        .map(|(l, (m, y))| trend::Point {
                            first: m,
                            second: y,
                            own: l.own,
                            manager: l.manager,
                        })
                        .collect();
                    let chart = trend::layout(&points)?;
                    // The newest cycle both sides rated, told as in the
                    // reading view: a fact for a conversation.
                    let latest = cycles.iter().zip(&lines).rev().find_map(|((r, _), l)| {
                        let voice = Voice::of(&actor, &person.id, r.manager_id.as_deref());
                        let gap = gap_words(voice, l.own, l.manager)?;
                        let words = i18n::t_args(
                            lang,
                            &gap.key,
                            &[
                                ("n", gap.points.into()),
                                ("person", person.name.clone().into()),
                                ("manager", name_of(r.manager_id.as_deref()).into()),
                            ],
                        );
                        Some(i18n::t_args(
                            lang,
                            "history-trend-latest",
                            &[("cycle", l.cycle.clone().into()), ("gap", words.into())],
                        ))
                    });
                    Some(TrendView {
                        id: comp.key.clone(),
                        name: pick(lang, &comp.name_id, &comp.name_en),
                        chart,
                        lines,
                        latest,
                    })
                })
                .collect();
            let named = |key: &str| {
                i18n::t_args(
                    lang,
                    key,
                    &[
                        ("person", person.name.clone().into()),
                        ("manager", name_of(person.manager_id.as_deref()).into()),
                    ],
                )
            };
            let trend_own = named(&format!("history-trend-own-{}", voice.code()));
            let trend_manager = named(&format!("history-trend-manager-{}", voice.code()));
            let trend_explain = named(&format!("review-gap-explain-{}", voice.code()));

            let goals: Vec<GoalView> = goals
                .into_iter()
                .filter_map(|g| {
                    let review = review_of(&g.review_id)?;
                    let side = match &g.author_id {
                        Some(a) if *a != person.id => Side::Manager,
                        _ => Side::Own,
                    };
                    if !may_read(side, review.map(|r| r.0)) {
                        return None;
                    }
                    Some(GoalView {
                        status_colour: goal_colour(g.status.code()),
                        cycle_name: review.map(|r| r.1.to_string()),
                        title: g.title,
                        description: g.description,
                        kind: g.kind,
                        status: g.status.code().to_string(),
                        due_on: g.due_on,
                    })
                })
                .collect();

            Ok(HistoryPage {
                is_self: person.id == actor.id,
                voice,
                person: HistoryPerson {
                    id: person.id.clone(),
                    name: person.name.clone(),
                    job_title: person.job_title.clone(),
                },
                reviews: history_reviews,
                trends,
                trend_own,
                trend_manager,
                trend_cut,
                trend_explain,
                traits,
                goals,
            })
        })
        .await?;
    page(&state.templates, &user.visitor, "history/show.html", &model)
}

//! The generated organisation: people in a three-level hierarchy, six closed
//! review cycles and an open one, journals and sessions, written in large
//! batches. The same organisation for the same size on every run: every draw
//! comes from one generator seeded with a constant (only the ids differ:
//! they are UUIDv7, as in the product).

use std::collections::HashMap;
use std::time::Instant;

use anyhow::anyhow;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng};

use self::review::{add_review, CycleSpec, Progress, Question};
use self::rows::{insert_rows, Batch, NewJournal, NewPerson};
use self::text::{AREAS, CITIES, DUTIES, FIRST_NAMES, JOURNAL, LAST_NAMES, LEAD_DUTIES, NOTES};
use super::{COMMON_NAME, PASSWORD};
use crate::db::schema::people;
use crate::db::{self, DbConnection, QueryResult};

mod review;
mod rows;
mod text;

/// The seed of every run: change it and the organisation changes.
const SEED: u64 = 0x00C3_4D11_2026;

/// `rand`'s seeded generator, with the draws the generator needs. The same
/// seed gives the same sequence for a given `rand` version (Cargo.lock pins
/// it), so the same organisation on every run.
struct Rng(StdRng);

impl Rng {
    fn seeded(seed: u64) -> Self {
        Rng(StdRng::seed_from_u64(seed))
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        self.0.random_range(0..n.max(1))
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        self.0.random_range(lo..=hi.max(lo))
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p.clamp(0.0, 1.0))
    }

    /// One of `items`, which is never empty here.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.0.random_range(0..items.len())]
    }

    /// `n` sentences from a pool, joined: realistic free text.
    fn sentences(&mut self, pool: &[&str], lo: usize, hi: usize) -> String {
        let n = self.0.random_range(lo..=hi);
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.pick::<&str>(pool));
        }
        out
    }

    /// A rating 1-5, mostly 3 and 4, as real reviews are.
    fn rating(&mut self) -> i32 {
        *self.pick(&[2, 3, 3, 3, 4, 4, 4, 4, 5, 5])
    }
}

/// A person as generated, before insertion.
struct Person {
    id: String,
    name: String,
    role: &'static str,
    manager: Option<usize>,
    job_title: String,
    job_description: String,
}

/// What the measurements need to know about the generated organisation.
pub(crate) struct Org {
    pub(super) hr_token: String,
    /// The CSRF token of HR's session (for the downloads, which are POSTs).
    pub(super) hr_csrf: String,
    pub(super) employee_token: String,
    pub(super) manager_token: String,
    pub(super) employee_id: String,
    pub(super) employee_name: String,
    pub(super) employee2_name: String,
    /// The employee's latest closed (shared, acknowledged) review.
    pub(super) closed_review: String,
    pub(super) closed_cycle_name: String,
    /// The employee's review in the open cycle (at the self-assessment).
    pub(super) self_review: String,
    /// A review in the open cycle the manager is writing.
    pub(super) manager_review: String,
    pub(super) open_cycle: String,
    pub(super) open_cycle_name: String,
    pub(super) journal_snippet: String,
    pub(super) people: usize,
    pub(super) search_matches: usize,
}

/// A moment on `day`, during office hours.
fn at(day: NaiveDate, rng: &mut Rng) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) + chrono::Duration::seconds(rng.range(8 * 3600, 17 * 3600))
}

fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

/// Write the organisation of `n` people, as of `today`, and sign three of
/// them in.
pub(super) fn generate(conn: &mut DbConnection, n: usize, today: NaiveDate) -> anyhow::Result<Org> {
    let mut rng = Rng::seeded(SEED);
    let hash = crate::auth::password::hash(PASSWORD)?;
    let t0 = Instant::now();
    let (persons, org_shape) = build_people(&mut rng, n);
    let founded = today - days(3 * 365 + 120);

    // People, with the audit rows their creation left.
    let hr = 1usize;
    let hr_id = persons[hr].id.clone();
    {
        let mut rows = Vec::with_capacity(n);
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, p) in persons.iter().enumerate() {
            let base = p.name.to_lowercase().replace(' ', ".");
            let k = seen.entry(base.clone()).or_insert(0);
            *k += 1;
            let email = if *k == 1 {
                format!("{base}@contoh.co.id")
            } else {
                format!("{base}{k}@contoh.co.id")
            };
            let created = at(founded + days((i % 90) as i64), &mut rng);
            rows.push(NewPerson {
                id: p.id.clone(),
                email,
                name: p.name.clone(),
                password_hash: Some(hash.clone()),
                role: p.role.into(),
                manager_id: p.manager.map(|m| persons[m].id.clone()),
                department: org_shape.department[i].clone(),
                job_title: p.job_title.clone(),
                job_description: p.job_description.clone(),
                lang: if rng.chance(0.1) { "en" } else { "id" }.into(),
                active: true,
                email_digest: false,
                created_at: created,
                updated_at: created,
            });
        }
        let mut batch = Batch::default();
        for r in &rows {
            batch.audit(
                r.created_at,
                Some(&hr_id).filter(|h| **h != r.id).map(|s| s.as_str()),
                "person.created",
                "person",
                &r.id,
                None,
                None,
                &format!(
                    r#"{{"email":"{}","role":"{}","via":"import"}}"#,
                    r.email, r.role
                ),
            );
        }
        db::write_tx(conn, |conn| -> QueryResult<()> {
            insert_rows!(conn, people::table, rows, 14);
            Ok(())
        })?;
        batch.flush(conn)?;
    }
    println!(
        "  people               {:>6.1} s",
        t0.elapsed().as_secs_f64()
    );

    // The default template's questions.
    let template = crate::db::forms::default_template(conn)?
        .ok_or_else(|| anyhow!("the default template is missing"))?;
    let form = crate::db::forms::load_form(conn, &template.id)?
        .ok_or_else(|| anyhow!("the default template has no form"))?;
    let questions: Vec<Question> = form
        .questions()
        .filter(|q| matches!(q.kind.code(), "rating" | "competency_rating" | "text"))
        .map(|q| Question {
            id: q.id.clone(),
            kind: q.kind.code().to_string(),
            self_answers: q.side == "self" || q.side == "both",
            manager_answers: q.side == "manager" || q.side == "both",
        })
        .collect();
    let section_ids: Vec<String> = form.sections.iter().map(|(s, _)| s.id.clone()).collect();
    let competency_ids: Vec<String> = crate::db::forms::competencies(conn, false)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    crate::db::forms::freeze(conn, &template.id)?;

    // Six closed cycles, two a year, and the open one.
    let mut specs = vec![];
    for k in (0..=6i64).rev() {
        let opens = today - days(18 + 182 * k);
        let year = opens.year();
        let half = if opens.month() <= 6 { 1 } else { 2 };
        specs.push(CycleSpec {
            id: db::new_id(),
            name: format!("Evaluasi Semester {half} {year}"),
            opens,
            self_due: opens + days(21),
            manager_due: opens + days(35),
            ack_due: opens + days(42),
            closes: opens + days(49),
            closed: k > 0,
            latest_closed: k == 1,
        });
    }

    let participants: Vec<usize> = (0..n).filter(|&i| persons[i].manager.is_some()).collect();
    let e = org_shape.employee;
    let e2 = org_shape.employee2;
    let mut closed_review = String::new();
    let mut self_review = String::new();
    let mut manager_review = String::new();
    for spec in &specs {
        let t = Instant::now();
        let mut batch = Batch::default();
        let launched = at(spec.opens, &mut rng);
        let closed_at = spec.closed.then(|| at(spec.closes, &mut rng));
        crate::db::cycles::insert(
            conn,
            &crate::db::cycles::CycleRow {
                id: spec.id.clone(),
                name: spec.name.clone(),
                template_id: template.id.clone(),
                status: if spec.closed {
                    crate::domain::review::CycleStatus::Closed
                } else {
                    crate::domain::review::CycleStatus::Open
                },
                opens_on: spec.opens,
                self_due_on: spec.self_due,
                manager_due_on: spec.manager_due,
                ack_due_on: spec.ack_due,
                closes_on: spec.closes,
                reminder_days: "7,2,0".into(),
                dates_sequence: 0,
                created_by: Some(hr_id.clone()),
                created_at: launched - days(10),
                updated_at: closed_at.unwrap_or(launched),
                launched_at: Some(launched),
                closed_at,
            },
        )?;
        let cycle = Some(spec.id.as_str());
        batch.audit(
            launched - days(10),
            Some(&hr_id),
            "cycle.created",
            "cycle",
            &spec.id,
            None,
            cycle,
            "",
        );
        batch.audit(
            launched,
            Some(&hr_id),
            "cycle.launched",
            "cycle",
            &spec.id,
            None,
            cycle,
            &format!(r#"{{"reviews":{},"status":"open"}}"#, participants.len()),
        );
        if let Some(c) = closed_at {
            batch.audit(
                c,
                Some(&hr_id),
                "cycle.closed",
                "cycle",
                &spec.id,
                None,
                cycle,
                "",
            );
        }
        for &p in &participants {
            let progress = if p == e && !spec.closed {
                Progress { level: 0 }
            } else if p == e2 && !spec.closed {
                Progress { level: 1 }
            } else if p == e && spec.latest_closed {
                Progress { level: 3 }
            } else if spec.closed {
                // Most finish; a few were left unfinished when the cycle closed.
                let x = rng.below(100);
                Progress {
                    level: if x < 96 { 3 } else { (x - 96).min(2) as u8 },
                }
            } else {
                let x = rng.below(100);
                Progress {
                    level: match x {
                        0..=44 => 0,
                        45..=74 => 1,
                        75..=89 => 2,
                        _ => 3,
                    },
                }
            };
            let id = add_review(
                &mut batch,
                &mut rng,
                spec,
                &persons,
                p,
                progress,
                &questions,
                &section_ids,
                &competency_ids,
                launched,
            );
            if p == e && spec.latest_closed {
                closed_review = id.clone();
            }
            if p == e && !spec.closed {
                self_review = id.clone();
            }
            if p == e2 && !spec.closed {
                manager_review = id.clone();
            }
            if batch.len() > 40_000 {
                batch.flush(conn)?;
            }
        }
        batch.flush(conn)?;
        println!(
            "  cycle {:<24} {:>6.1} s",
            spec.name,
            t.elapsed().as_secs_f64()
        );
    }

    // Journals: a few entries each, managers' notes about their reports, and
    // the measured employee's weekly habit of three years.
    let t = Instant::now();
    let mut batch = Batch::default();
    let mut journal_snippet = String::new();
    for (i, p) in persons.iter().enumerate() {
        let own = if i == e { 150 } else { 3 };
        for k in 0..own {
            let day = if i == e {
                today - days(7 * k as i64)
            } else {
                today - days(rng.range(1, 3 * 365))
            };
            let body = rng.sentences(JOURNAL, 1, 3);
            if i == e && k == 0 {
                journal_snippet = body.chars().take(40).collect();
            }
            add_journal(&mut batch, &mut rng, &p.id, &p.id, day, body);
        }
        if let Some(m) = p.manager {
            let notes = if i == e2 { 15 } else { rng.below(3) };
            for _ in 0..notes {
                let day = today - days(rng.range(1, 3 * 365));
                let body = rng.sentences(NOTES, 1, 2);
                add_journal(&mut batch, &mut rng, &persons[m].id, &p.id, day, body);
            }
        }
        if batch.len() > 40_000 {
            batch.flush(conn)?;
        }
    }
    batch.flush(conn)?;
    println!(
        "  journals             {:>6.1} s",
        t.elapsed().as_secs_f64()
    );

    // Calibration on the open cycle, with every review past the
    // self-assessment handed in (but the one whose manager form is
    // measured): the calibration view then lists thousands of reviews.
    if let Some(open) = specs.last() {
        use crate::db::schema::{cycle_calibrations, reviews};
        diesel::insert_into(cycle_calibrations::table)
            .values((
                cycle_calibrations::cycle_id.eq(&open.id),
                cycle_calibrations::due_on.eq(open.manager_due + days(2)),
                cycle_calibrations::final_visible.eq(true),
                cycle_calibrations::by_managers.eq(true),
            ))
            .execute(conn)?;
        diesel::update(
            reviews::table
                .filter(reviews::cycle_id.eq(&open.id))
                .filter(reviews::state.ne("self_assessment"))
                .filter(reviews::id.ne(&manager_review)),
        )
        .set(reviews::handed_in_at.eq(Some(db::now())))
        .execute(conn)?;
    }

    // Signed in: one session each for HR, the employee and their manager.
    let signed_in = |conn: &mut DbConnection, person_id: &str| -> QueryResult<(String, String)> {
        let token = crate::auth::random_token();
        let csrf = crate::auth::random_token();
        let now = db::now();
        crate::db::sessions::insert(
            conn,
            &crate::db::sessions::SessionRow {
                token_hash: crate::auth::token_hash(&token),
                person_id: person_id.to_string(),
                csrf_token: csrf.clone(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + chrono::Duration::hours(12),
            },
        )?;
        Ok((token, csrf))
    };
    let session = |conn: &mut DbConnection, person_id: &str| -> QueryResult<String> {
        Ok(signed_in(conn, person_id)?.0)
    };
    let (hr_token, hr_csrf) = signed_in(conn, &persons[hr].id)?;
    let m = org_shape.manager;
    let lower = COMMON_NAME.to_lowercase();
    Ok(Org {
        hr_token,
        hr_csrf,
        employee_token: session(conn, &persons[e].id)?,
        manager_token: session(conn, &persons[m].id)?,
        employee_id: persons[e].id.clone(),
        employee_name: persons[e].name.clone(),
        employee2_name: persons[e2].name.clone(),
        closed_review,
        closed_cycle_name: specs
            .iter()
            .find(|s| s.latest_closed)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        self_review,
        manager_review,
        open_cycle: specs.last().map(|s| s.id.clone()).unwrap_or_default(),
        open_cycle_name: specs.last().map(|s| s.name.clone()).unwrap_or_default(),
        journal_snippet,
        people: n,
        search_matches: persons
            .iter()
            .filter(|p| {
                p.name.to_lowercase().contains(&lower)
                    || p.job_title.to_lowercase().contains(&lower)
            })
            .count(),
    })
}

fn add_journal(
    batch: &mut Batch,
    rng: &mut Rng,
    author: &str,
    subject: &str,
    day: NaiveDate,
    body: String,
) {
    let created = at(day, rng);
    let id = db::new_id();
    batch.audit(
        created,
        Some(author),
        "journal.created",
        "journal_entry",
        &id,
        None,
        None,
        if author == subject {
            r#"{"journal":"own"}"#
        } else {
            r#"{"journal":"notes"}"#
        },
    );
    batch.journal.push(NewJournal {
        id,
        author_id: author.into(),
        subject_id: subject.into(),
        entry_on: day,
        kind: rng
            .pick(&["note", "note", "win", "incident", "customer_feedback"])
            .to_string(),
        body,
        visibility: "private".into(),
        created_at: created,
        updated_at: created,
    });
}

/// The shape of the organisation: who is where.
struct Shape {
    department: Vec<String>,
    /// A team lead with about twelve reports.
    manager: usize,
    /// Two of that team lead's reports.
    employee: usize,
    employee2: usize,
}

/// A director; HR; department heads; team leads (about one manager for every
/// twelve people); everyone else in the team leads' teams.
fn build_people(rng: &mut Rng, n: usize) -> (Vec<Person>, Shape) {
    let managers = ((n as f64 / 12.0).round() as usize).max(3);
    let heads = ((managers as f64).sqrt().round() as usize).max(1);
    let leads = managers.saturating_sub(1 + heads).max(1);
    let first_lead = 2 + heads;
    let first_employee = first_lead + leads;
    let dept_name = |d: usize| {
        let (area, _) = AREAS[d % AREAS.len()];
        format!("{area} {}", CITIES[(d / AREAS.len()) % CITIES.len()])
    };
    let mut persons = Vec::with_capacity(n);
    let mut department = Vec::with_capacity(n);
    for i in 0..n {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let (role, manager, dept, title, duties): (_, _, _, String, &[&str]) = if i == 0 {
            (
                "manager",
                None,
                "Direksi".to_string(),
                "Direktur Utama".into(),
                LEAD_DUTIES,
            )
        } else if i == 1 {
            (
                "hr",
                Some(0),
                "Sumber Daya Manusia".to_string(),
                "Kepala Sumber Daya Manusia".into(),
                LEAD_DUTIES,
            )
        } else if i < first_lead {
            let d = i - 2;
            let (area, _) = AREAS[d % AREAS.len()];
            (
                "manager",
                Some(0),
                dept_name(d),
                format!("Kepala Departemen {area}"),
                LEAD_DUTIES,
            )
        } else if i < first_employee {
            let d = (i - first_lead) % heads;
            let (area, _) = AREAS[d % AREAS.len()];
            (
                "manager",
                Some(2 + d),
                dept_name(d),
                format!("Supervisor {area}"),
                LEAD_DUTIES,
            )
        } else {
            let lead = first_lead + (i - first_employee) % leads;
            let d = (lead - first_lead) % heads;
            let (_, job) = AREAS[d % AREAS.len()];
            let title = if rng.chance(0.2) {
                format!("{job} Senior")
            } else {
                job.to_string()
            };
            ("employee", Some(lead), dept_name(d), title, DUTIES)
        };
        let mut job_description =
            format!("{title} bertanggung jawab kepada atasannya langsung di departemen {dept}. ");
        job_description.push_str(&rng.sentences(duties, 4, 6));
        job_description.push(' ');
        job_description.push_str(&rng.sentences(DUTIES, 3, 5));
        persons.push(Person {
            id: db::new_id(),
            name,
            role,
            manager,
            job_title: title,
            job_description,
        });
        department.push(dept);
    }
    let shape = Shape {
        department,
        manager: first_lead,
        employee: first_employee,
        employee2: (first_employee + leads).min(n - 1),
    };
    (persons, shape)
}

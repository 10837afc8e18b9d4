//! Creating, changing and deleting a draft cycle: the form (name, template,
//! dates, reminders, and the rule that picks its participants: everyone, a
//! department, a manager's reports, or people picked by hand).

use std::collections::HashSet;

use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::dates::{DatesForm, DATE_FIELDS};
use super::{status_for, template_label, Choice, State, PEOPLE_MAX};
use crate::app::cycles::{self as commands, NewCycle, ParticipantRule};
use crate::app::Error as CommandError;
use crate::db::{cycles, forms, people};
use crate::domain::policy;
use crate::domain::review;
use crate::domain::CycleId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page, page_with_status, see_other};

const NAME_MAX: usize = 120;

/// The new/edit form as typed, kept whole when it comes back with messages.
/// Read from the raw pairs because the picked people repeat one field name.
#[derive(Serialize, Default, Clone)]
struct CycleForm {
    name: String,
    template_id: String,
    dates: DatesForm,
    reminder_days: String,
    /// all | department | manager | manual
    rule: String,
    department: String,
    manager_id: String,
    person_ids: Vec<String>,
}

impl CycleForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = CycleForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "name" => f.name = v,
                "template_id" => f.template_id = v,
                "reminder_days" => f.reminder_days = v,
                "rule" => f.rule = v,
                "department" => f.department = v,
                "manager_id" => f.manager_id = v,
                "person_ids" => {
                    if !v.is_empty() && !f.person_ids.contains(&v) {
                        f.person_ids.push(v)
                    }
                }
                other => {
                    if let Some(slot) = f.dates.field_mut(other) {
                        *slot = v;
                    }
                }
            }
        }
        f
    }

    fn from_row(c: &cycles::CycleRow, participants: Vec<String>) -> Self {
        Self {
            name: c.name.clone(),
            template_id: c.template_id.clone(),
            dates: DatesForm::from_dates(&c.dates()),
            reminder_days: c.reminder_days.clone(),
            rule: "manual".into(),
            department: String::new(),
            manager_id: String::new(),
            person_ids: participants,
        }
    }

    /// What can be checked without the database. Template and participants
    /// are checked against it by the command.
    fn parse(&self, errors: &mut FormErrors) -> Option<NewCycle> {
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "cycles-error-name-missing");
        } else if name.chars().count() > NAME_MAX {
            errors.add("name", "cycles-error-name-too-long");
        }
        if self.template_id.is_empty() {
            errors.add("template_id", "cycles-error-template-missing");
        }
        let dates = self.dates.parse(errors);
        let reminder_days = review::parse_reminder_days(&self.reminder_days).map(|days| {
            days.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        });
        if reminder_days.is_none() {
            errors.add("reminder_days", "cycles-error-reminders-invalid");
        }
        let rule = match self.rule.as_str() {
            "all" => Some(ParticipantRule::Everyone),
            "department" if self.department.is_empty() => {
                errors.add("department", "cycles-error-department-missing");
                None
            }
            "department" => Some(ParticipantRule::Department(self.department.clone())),
            "manager" if self.manager_id.is_empty() => {
                errors.add("manager_id", "cycles-error-manager-missing");
                None
            }
            "manager" => Some(ParticipantRule::Reports(self.manager_id.clone())),
            "manual" if self.person_ids.is_empty() => {
                errors.add("person_ids", "cycles-error-no-participants");
                None
            }
            "manual" => Some(ParticipantRule::Picked(self.person_ids.clone())),
            _ => {
                errors.add("rule", "cycles-error-rule-missing");
                None
            }
        };
        if !errors.is_empty() {
            return None;
        }
        Some(NewCycle {
            name: name.to_string(),
            template_id: self.template_id.clone(),
            dates: dates?,
            reminder_days: reminder_days?,
            rule: rule?,
        })
    }
}

#[derive(Serialize)]
struct PersonChoice {
    id: String,
    name: String,
    detail: String,
    checked: bool,
}

#[derive(Serialize)]
struct CycleFormPage {
    id: Option<String>,
    form: CycleForm,
    dates: DatesForm,
    date_fields: [&'static str; 5],
    errors: FormErrors,
    templates: Vec<Choice>,
    default_template_id: String,
    departments: Vec<String>,
    managers: Vec<Choice>,
    people: Vec<PersonChoice>,
    /// Active people with a manager: who "everyone" takes part.
    active_count: usize,
    /// Active people without a manager, left out of "everyone".
    left_out: Vec<String>,
}

async fn form_page(
    state: &State,
    user: &CurrentUser,
    id: Option<String>,
    form: CycleForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (templates, departments, managers, everyone) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok((
                forms::templates(conn, false)?,
                people::departments(conn)?,
                people::manager_choices(conn)?,
                people::list(conn, &people::PeopleFilter::default(), PEOPLE_MAX, 0)?,
            ))
        })
        .await?;
    let picked: HashSet<&String> = form.person_ids.iter().collect();
    let model = CycleFormPage {
        default_template_id: templates
            .iter()
            .find(|t| t.is_default)
            .map(|t| t.id.clone())
            .unwrap_or_default(),
        templates: templates
            .into_iter()
            .map(|t| Choice {
                label: template_label(&t),
                id: t.id,
            })
            .collect(),
        departments,
        managers: managers
            .into_iter()
            .map(|(id, name, email)| Choice {
                id,
                label: format!("{name} ({email})"),
            })
            .collect(),
        active_count: everyone.iter().filter(|p| p.manager_id.is_some()).count(),
        left_out: everyone
            .iter()
            .filter(|p| p.manager_id.is_none())
            .map(|p| p.name.clone())
            .collect(),
        people: everyone
            .into_iter()
            .map(|p| PersonChoice {
                checked: picked.contains(&p.id),
                detail: [p.job_title, p.department]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                id: p.id,
                name: p.name,
            })
            .collect(),
        dates: form.dates.clone(),
        date_fields: DATE_FIELDS,
        id,
        form,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "cycles/form.html",
        &model,
    )
}

/// The form again with the command's field messages (422), or the refusal's
/// own page for anything else.
async fn refused(
    state: &State,
    user: &CurrentUser,
    id: Option<String>,
    form: CycleForm,
    mut errors: FormErrors,
    e: CommandError,
) -> Result<HttpResponse, AppError> {
    match e {
        CommandError::Invalid(items) => {
            for (field, key) in items {
                errors.add(&field, key);
            }
            form_page(state, user, id, form, errors).await
        }
        e => Err(e.into()),
    }
}

pub async fn new_cycle(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let template_id = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(forms::default_template(conn)?) })
        .await?
        .map(|t| t.id)
        .unwrap_or_default();
    let form = CycleForm {
        template_id,
        reminder_days: "7,2,0".into(),
        rule: "all".into(),
        ..Default::default()
    };
    form_page(&state, &user, None, form, FormErrors::default()).await
}

pub async fn create_cycle(
    state: State,
    user: CurrentUser,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let form = CycleForm::from_pairs(body.into_inner());
    let mut errors = FormErrors::default();
    let Some(new) = form.parse(&mut errors) else {
        return form_page(&state, &user, None, form, errors).await;
    };
    let (actor, clock) = (user.actor(), state.clock());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::create_draft(conn, &actor, clock, new))
        })
        .await?;
    match outcome {
        Ok(id) => Ok(see_other(&format!("/cycles/{id}?notice=created"))),
        Err(e) => refused(&state, &user, None, form, errors, e).await,
    }
}

pub async fn edit_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let lookup = id.clone();
    let form = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &lookup)?.ok_or(AppError::NotFound)?;
            if !c.status.is_editable_draft() {
                return Err(AppError::Conflict("error-cycle-already-launched"));
            }
            let ids = cycles::participants(conn, &lookup)?
                .into_iter()
                .map(|p| p.id)
                .collect();
            Ok(CycleForm::from_row(&c, ids))
        })
        .await?;
    form_page(
        &state,
        &user,
        Some(id.to_string()),
        form,
        FormErrors::default(),
    )
    .await
}

pub async fn update_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let form = CycleForm::from_pairs(body.into_inner());
    let mut errors = FormErrors::default();
    let Some(new) = form.parse(&mut errors) else {
        return form_page(&state, &user, Some(id.to_string()), form, errors).await;
    };
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::update_draft(conn, &actor, clock, &cid, new))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=saved"))),
        Err(e) => refused(&state, &user, Some(id.to_string()), form, errors, e).await,
    }
}

#[derive(Serialize)]
struct DeletePage {
    cycle_id: String,
    cycle_name: String,
    participants: i64,
}

/// What deleting a draft does (nobody is emailed; it cannot be undone);
/// deleting is this page's button, never one click on the cycle page.
pub async fn confirm_delete(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (c, participants) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
            if !c.status.is_editable_draft() {
                return Err(AppError::Conflict("error-cycle-already-launched"));
            }
            let n = cycles::participant_count(conn, &id)?;
            Ok((c, n))
        })
        .await?;
    let model = DeletePage {
        cycle_id: c.id,
        cycle_name: c.name,
        participants,
    };
    page(
        &state.templates,
        &user.visitor,
        "cycles/delete.html",
        &model,
    )
}

pub async fn delete_cycle(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::delete_draft(conn, &actor, clock, &id)?)
        })
        .await?;
    Ok(see_other("/cycles?notice=deleted"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn good() -> Vec<(String, String)> {
        pairs(&[
            ("name", " Evaluasi tahunan 2026 "),
            ("template_id", "t1"),
            ("opens_on", "2026-12-01"),
            ("self_due_on", "2026-12-08"),
            ("manager_due_on", "2026-12-15"),
            ("ack_due_on", "2026-12-18"),
            ("closes_on", "2026-12-20"),
            ("reminder_days", "0, 7,2"),
            ("rule", "manual"),
            ("person_ids", "a"),
            ("person_ids", "b"),
            ("person_ids", "a"),
        ])
    }

    #[test]
    fn a_good_form_parses() {
        let f = CycleForm::from_pairs(good());
        assert_eq!(f.person_ids, vec!["a", "b"]);
        let mut errors = FormErrors::default();
        let c = f.parse(&mut errors).expect("parses");
        assert!(errors.is_empty());
        assert_eq!(c.name, "Evaluasi tahunan 2026");
        assert_eq!(c.reminder_days, "7,2,0");
        assert!(matches!(c.rule, ParticipantRule::Picked(ref p) if p.len() == 2));
    }

    #[test]
    fn bad_dates_and_missing_choices_are_named() {
        let mut p = good();
        for (k, v) in p.iter_mut() {
            match k.as_str() {
                "manager_due_on" => *v = "2026-12-05".into(),
                "name" => v.clear(),
                "rule" => *v = "department".into(),
                _ => {}
            }
        }
        let mut errors = FormErrors::default();
        assert!(CycleForm::from_pairs(p).parse(&mut errors).is_none());
        assert_eq!(
            errors.by_field.get("manager_due_on").map(String::as_str),
            Some("cycles-error-manager_due_on-order")
        );
        assert!(errors.by_field.contains_key("name"));
        assert!(errors.by_field.contains_key("department"));
    }
}

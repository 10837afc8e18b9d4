//! The five phase dates: the form fields shared by the draft form, and the
//! page that moves a launched cycle's dates.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{refusal, status_for, State};
use crate::app::{cycles as commands, Error as CommandError};
use crate::db::cycles;
use crate::domain::policy;
use crate::domain::review::{CycleStatus, DatesError, PhaseDates};
use crate::domain::CycleId;
use crate::error::AppError;
use crate::web::context::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::render::{page_with_status, see_other};

pub(super) const DATE_FIELDS: [&str; 5] = [
    "opens_on",
    "self_due_on",
    "manager_due_on",
    "ack_due_on",
    "closes_on",
];

fn invalid_key(field: &str) -> &'static str {
    match field {
        "opens_on" => "cycles-error-opens_on-invalid",
        "self_due_on" => "cycles-error-self_due_on-invalid",
        "manager_due_on" => "cycles-error-manager_due_on-invalid",
        "ack_due_on" => "cycles-error-ack_due_on-invalid",
        _ => "cycles-error-closes_on-invalid",
    }
}

pub(super) fn order_key(field: &str) -> &'static str {
    match field {
        "self_due_on" => "cycles-error-self_due_on-order",
        "manager_due_on" => "cycles-error-manager_due_on-order",
        "ack_due_on" => "cycles-error-ack_due_on-order",
        "calibration_due_on" => "cycles-error-calibration-order",
        _ => "cycles-error-closes_on-order",
    }
}

/// The five phase dates as typed (`YYYY-MM-DD` from `<input type="date">`).
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct DatesForm {
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    self_due_on: String,
    #[serde(default)]
    manager_due_on: String,
    #[serde(default)]
    ack_due_on: String,
    #[serde(default)]
    closes_on: String,
}

impl DatesForm {
    pub(super) fn from_dates(d: &PhaseDates) -> Self {
        let f = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        Self {
            opens_on: f(d.opens_on),
            self_due_on: f(d.self_due_on),
            manager_due_on: f(d.manager_due_on),
            ack_due_on: f(d.ack_due_on),
            closes_on: f(d.closes_on),
        }
    }

    pub(super) fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        match name {
            "opens_on" => Some(&mut self.opens_on),
            "self_due_on" => Some(&mut self.self_due_on),
            "manager_due_on" => Some(&mut self.manager_due_on),
            "ack_due_on" => Some(&mut self.ack_due_on),
            "closes_on" => Some(&mut self.closes_on),
            _ => None,
        }
    }

    /// Every date a real date, and in order; messages by field otherwise.
    pub(super) fn parse(&self, errors: &mut FormErrors) -> Option<PhaseDates> {
        let mut date = |field: &str, v: &str| {
            let d = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
            if d.is_none() {
                errors.add(field, invalid_key(field));
            }
            d
        };
        let opens_on = date("opens_on", &self.opens_on);
        let self_due_on = date("self_due_on", &self.self_due_on);
        let manager_due_on = date("manager_due_on", &self.manager_due_on);
        let ack_due_on = date("ack_due_on", &self.ack_due_on);
        let closes_on = date("closes_on", &self.closes_on);
        let dates = PhaseDates {
            opens_on: opens_on?,
            self_due_on: self_due_on?,
            manager_due_on: manager_due_on?,
            ack_due_on: ack_due_on?,
            closes_on: closes_on?,
        };
        match dates.check() {
            Ok(()) => Some(dates),
            Err(DatesError::OutOfOrder(field)) => {
                errors.add(field, order_key(field));
                None
            }
        }
    }
}

// ---- move dates ----

#[derive(Serialize)]
struct DatesPage {
    cycle_id: String,
    cycle_name: String,
    dates: DatesForm,
    date_fields: [&'static str; 5],
    errors: FormErrors,
}

async fn dates_page(
    state: &State,
    user: &CurrentUser,
    id: CycleId,
    dates: Option<DatesForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let c = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let c = cycles::find(conn, &id)?.ok_or(AppError::NotFound)?;
            if c.status == CycleStatus::Closed {
                return Err(AppError::Conflict("error-cycle-closed"));
            }
            Ok(c)
        })
        .await?;
    let model = DatesPage {
        dates: dates.unwrap_or_else(|| DatesForm::from_dates(&c.dates())),
        cycle_id: c.id,
        cycle_name: c.name,
        date_fields: DATE_FIELDS,
        errors,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status_for(&model.errors),
        "cycles/dates.html",
        &model,
    )
}

pub async fn edit_dates(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    dates_page(
        &state,
        &user,
        path.into_inner(),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn move_dates(
    state: State,
    user: CurrentUser,
    path: web::Path<CycleId>,
    form: web::Form<DatesForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_run_cycles)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let Some(dates) = form.parse(&mut errors) else {
        return dates_page(&state, &user, id, Some(form), errors).await;
    };
    let (actor, clock, cid) = (user.actor(), state.clock(), id.clone());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(commands::move_dates(conn, &actor, clock, &cid, &dates))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cycles/{id}?notice=dates-moved"))),
        Err(CommandError::Dates(field)) => {
            // The calibration date is not on this form: its message sits
            // by the manager review's due date, the nearest date here.
            let at = if field == "calibration_due_on" {
                "manager_due_on"
            } else {
                field
            };
            errors.add(at, order_key(field));
            dates_page(&state, &user, id, Some(form), errors).await
        }
        Err(e) => {
            let (key, _) = refusal(e)?;
            errors.add("opens_on", key);
            dates_page(&state, &user, id, Some(form), errors).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_missing_date_is_named() {
        let mut errors = FormErrors::default();
        let f = DatesForm {
            opens_on: "kemarin".into(),
            ..Default::default()
        };
        assert!(f.parse(&mut errors).is_none());
        assert_eq!(errors.items.len(), 5, "every missing date is named");
    }
}

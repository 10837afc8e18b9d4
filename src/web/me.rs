//! A person's own profile: details, language, password.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::auth::session_cookie;
use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::{page, page_with_status, see_other};
use super::State;
use crate::app::people as accounts;
use crate::auth::password;
use crate::db::people;
use crate::domain::Lang;
use crate::error::AppError;

#[derive(Serialize)]
struct MePage {
    person: people::PersonRow,
    manager: Option<people::PersonRow>,
    notice: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct MeQuery {
    notice: Option<String>,
}

pub async fn show_me(
    state: State,
    user: CurrentUser,
    q: web::Query<MeQuery>,
) -> Result<HttpResponse, AppError> {
    let id = user.user.id.clone();
    let (person, manager) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let p = people::find(conn, &id)?.ok_or(AppError::NotFound)?;
            let m = match &p.manager_id {
                Some(m) => people::find(conn, m)?,
                None => None,
            };
            Ok((p, m))
        })
        .await?;
    let notice = match q.notice.as_deref() {
        Some("password") => Some("notice-password-changed"),
        Some("language") => Some("notice-language-changed"),
        Some("email") => Some("notice-email-changed"),
        _ => None,
    };
    page(
        &state.templates,
        &user.visitor,
        "me/show.html",
        &MePage {
            person,
            manager,
            notice,
        },
    )
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    next: Option<String>,
}

pub async fn set_language(
    state: State,
    user: CurrentUser,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&form.lang).ok_or(AppError::BadRequest)?;
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::set_own_language(conn, &actor, clock, lang)?)
        })
        .await?;
    let next = super::forms::safe_next(form.next.as_deref());
    Ok(see_other(if next == "/" {
        "/me?notice=language"
    } else {
        &next
    }))
}

#[derive(Deserialize)]
pub struct EmailForm {
    frequency: String,
}

/// One email per event, or one daily digest. Leaving digest mode sends what
/// was being held at once.
pub async fn set_email_frequency(
    state: State,
    user: CurrentUser,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let digest = match form.frequency.as_str() {
        "daily" => true,
        "each" => false,
        _ => return Err(AppError::BadRequest),
    };
    let (actor, clock) = (user.actor(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::set_own_email_digest(conn, &actor, clock, digest)?)
        })
        .await?;
    Ok(see_other("/me?notice=email"))
}

#[derive(Serialize, Default)]
struct PasswordPage {
    errors: FormErrors,
}

pub async fn password_form(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    page(
        &state.templates,
        &user.visitor,
        "me/password.html",
        &PasswordPage::default(),
    )
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    password: String,
    password_confirm: String,
}

/// Changing the password signs the person out everywhere, then back in here.
pub async fn change_password(
    state: State,
    user: CurrentUser,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let lookup = user.user.id.clone();
    let stored = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(people::find(conn, &lookup)?) })
        .await?
        .and_then(|p| p.password_hash);
    let current = form.current_password.clone();
    let ok = tokio::task::spawn_blocking(move || password::verify(&current, stored.as_deref()))
        .await
        .map_err(AppError::unexpected)?;
    let mut errors = FormErrors::default();
    if !ok {
        errors.add("current_password", "error-password-current");
    }
    if let Err(e) = password::check_strength(&form.password) {
        errors.add("password", e.message_key());
    } else if form.password != form.password_confirm {
        errors.add("password_confirm", "error-password-mismatch");
    }
    if !errors.is_empty() {
        return page_with_status(
            &state.templates,
            &user.visitor,
            StatusCode::UNPROCESSABLE_ENTITY,
            "me/password.html",
            &PasswordPage { errors },
        );
    }
    let pw = form.password;
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(AppError::unexpected)??;
    let absolute = Duration::hours(state.settings.session_absolute_hours);
    let (actor, clock) = (user.actor(), state.clock());
    let token = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::change_own_password(
                conn, &actor, clock, &hash, absolute,
            )?)
        })
        .await?;
    let mut res = see_other("/me?notice=password");
    res.add_cookie(&session_cookie(&state, token))
        .map_err(AppError::unexpected)?;
    Ok(res)
}

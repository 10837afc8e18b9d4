//! Signing in and out, the first-run setup link, and accepting an invitation.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::context::Visitor;
use super::forms::{safe_next, FormErrors};
use super::middleware::{chosen_lang, ClientIp};
use super::render::{page, page_with_status, see_other};
use super::State;
use crate::app::people::{self as accounts, PasswordLink};
use crate::auth::{self, password, session, throttle};
use crate::db::{self, people, sessions, tokens};
use crate::domain::person::parse_name;
use crate::domain::{text, EmailAddress, Lang};
use crate::error::AppError;

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
    signed_out: Option<String>,
    ended: Option<String>,
}

#[derive(Serialize, Default)]
struct SignInPage {
    email: String,
    next: String,
    errors: FormErrors,
    notice: Option<&'static str>,
}

impl SignInPage {
    /// The form again with one message beside the email address.
    fn refused(email: String, next: String, key: &str) -> Self {
        let mut errors = FormErrors::default();
        errors.add("email", key);
        Self {
            email,
            next,
            errors,
            notice: None,
        }
    }

    fn render(
        &self,
        state: &State,
        visitor: &Visitor,
        status: StatusCode,
    ) -> Result<HttpResponse, AppError> {
        page_with_status(&state.templates, visitor, status, "auth/sign_in.html", self)
    }
}

pub async fn sign_in_form(
    state: State,
    visitor: Visitor,
    q: web::Query<SignInQuery>,
) -> Result<HttpResponse, AppError> {
    let next = safe_next(q.next.as_deref());
    if visitor.user.is_some() {
        return Ok(see_other(&next));
    }
    let notice = if q.signed_out.is_some() {
        Some("sign-in-signed-out")
    } else if visitor.session_ended || q.ended.is_some() {
        Some("sign-in-session-ended")
    } else {
        None
    };
    page(
        &state.templates,
        &visitor,
        "auth/sign_in.html",
        &SignInPage {
            next,
            notice,
            ..Default::default()
        },
    )
}

#[derive(Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub fn session_cookie(state: &State, token: String) -> Cookie<'static> {
    let https = state.settings.https();
    Cookie::build(session::cookie_name(https), token)
        .path("/")
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Lax)
        .finish()
}

pub async fn sign_in(
    state: State,
    visitor: Visitor,
    req: HttpRequest,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    // An empty field is asked for by name, before anything is looked up.
    let mut missing = FormErrors::default();
    if form.email.trim().is_empty() {
        missing.add("email", "error-email-missing");
    }
    if form.password.is_empty() {
        missing.add("password", "error-password-missing");
    }
    // What was typed, as it is shown again: never more than an address can be.
    let typed = || {
        form.email
            .trim()
            .chars()
            .take(text::EMAIL_MAX)
            .collect::<String>()
    };
    if !missing.is_empty() {
        return SignInPage {
            email: typed(),
            next,
            errors: missing,
            notice: None,
        }
        .render(&state, &visitor, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Only an address that could be an account's is looked up or counted:
    // a 4 MB "email" is neither stored nor echoed back.
    let Ok(email) = EmailAddress::parse(&form.email).map(EmailAddress::into_string) else {
        return SignInPage::refused(typed(), next, "sign-in-failed").render(
            &state,
            &visitor,
            StatusCode::UNAUTHORIZED,
        );
    };
    let ip = req
        .extensions()
        .get::<ClientIp>()
        .map(|c| c.0.clone())
        .unwrap_or_default();
    let device = req
        .cookie(crate::auth::session::device_cookie_name(
            state.settings.https(),
        ))
        .map(|c| auth::token_hash(c.value()));
    let window = Duration::minutes(state.settings.login_window_minutes);
    let max = state.settings.login_max_failures;

    let (person, counts, trusted) = {
        let (email, ip) = (email.clone(), ip.clone());
        state
            .db
            .run(move |conn| -> Result<_, AppError> {
                let now = db::now();
                let person = people::find_by_email(conn, &email)?;
                let (a, b) = sessions::failure_counts(conn, &email, &ip, now - window)?;
                let trusted = match (&person, &device) {
                    (Some(p), Some(d)) => sessions::is_trusted_device(conn, d, &p.id, now)?,
                    _ => false,
                };
                Ok((
                    person,
                    throttle::Counts {
                        account_failures: a,
                        address_failures: b,
                    },
                    trusted,
                ))
            })
            .await?
    };

    let verdict = throttle::judge(counts, max, trusted);

    let stored = person
        .as_ref()
        .filter(|p| p.active)
        .and_then(|p| p.password_hash.clone());
    let pw = form.password.clone();
    let ok = tokio::task::spawn_blocking(move || password::verify(&pw, stored.as_deref()))
        .await
        .map_err(AppError::unexpected)?;

    if verdict == throttle::Verdict::NeedsProof {
        // Held back: the right password only sends a link to the mailbox, and
        // the page is the same either way (auth::throttle says why).
        tracing::warn!(email = %email, ip = %ip, right = ok, "sign-in needs the emailed link");
        let (address, ip, clock) = (email.clone(), ip.clone(), state.clock());
        let person_id = person.as_ref().filter(|_| ok).map(|p| p.id.clone());
        state
            .db
            .run(move |conn| -> Result<_, AppError> {
                match person_id {
                    Some(id) => {
                        accounts::send_sign_in_link(conn, clock, &id)?;
                    }
                    None => accounts::record_failed_sign_in(conn, clock, &address, &ip)?,
                }
                Ok(())
            })
            .await?;
        return SignInPage {
            email: email.clone(),
            next: next.clone(),
            errors: FormErrors::default(),
            notice: Some("sign-in-check-email"),
        }
        .render(&state, &visitor, StatusCode::ACCEPTED);
    }

    let person = match (ok, person) {
        (true, Some(p)) => p,
        _ => {
            tracing::info!(email = %email, ip = %ip, "sign-in failed");
            let (address, ip, clock) = (email.clone(), ip.clone(), state.clock());
            state
                .db
                .run(move |conn| -> Result<_, AppError> {
                    Ok(accounts::record_failed_sign_in(conn, clock, &address, &ip)?)
                })
                .await?;
            return SignInPage::refused(email, next, "sign-in-failed").render(
                &state,
                &visitor,
                StatusCode::UNAUTHORIZED,
            );
        }
    };

    let absolute = Duration::hours(state.settings.session_absolute_hours);
    let new_device = if trusted {
        None
    } else {
        Some(auth::random_token())
    };
    let token = {
        let (email, ip, pid, dev, clock) = (
            email.clone(),
            ip.clone(),
            person.id.clone(),
            new_device.clone(),
            state.clock(),
        );
        state
            .db
            .run(move |conn| -> Result<_, AppError> {
                Ok(accounts::sign_in(
                    conn,
                    clock,
                    &pid,
                    &email,
                    &ip,
                    dev.as_deref(),
                    absolute,
                )?)
            })
            .await?
    };
    let mut res = see_other(&next);
    res.add_cookie(&session_cookie(&state, token))
        .map_err(AppError::unexpected)?;
    if let Some(d) = new_device {
        res.add_cookie(&device_cookie(&state, d))
            .map_err(AppError::unexpected)?;
    }
    Ok(res)
}

// ---- The emailed link that finishes a held-back sign-in ----

#[derive(Serialize)]
struct SignInLinkPage {
    token: String,
}

/// The link from the email: a page with one button, so that a mail scanner
/// opening the link does not use it up.
pub async fn sign_in_link_form(
    state: State,
    visitor: Visitor,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (t, clock) = (token.clone(), state.clock());
    let live = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::sign_in_link_is_live(conn, clock, &t)?)
        })
        .await?;
    if !live {
        return link_expired(&state, &visitor);
    }
    page(
        &state.templates,
        &visitor,
        "auth/sign_in_link.html",
        &SignInLinkPage { token },
    )
}

pub async fn finish_sign_in(
    state: State,
    visitor: Visitor,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let device = auth::random_token();
    let absolute = Duration::hours(state.settings.session_absolute_hours);
    let (d, clock) = (device.clone(), state.clock());
    let session = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::sign_in_by_link(
                conn, clock, &token, &d, absolute,
            )?)
        })
        .await?;
    let Some(session) = session else {
        return link_expired(&state, &visitor);
    };
    let mut res = see_other("/");
    res.add_cookie(&session_cookie(&state, session))
        .map_err(AppError::unexpected)?;
    res.add_cookie(&device_cookie(&state, device))
        .map_err(AppError::unexpected)?;
    Ok(res)
}

fn device_cookie(state: &State, token: String) -> Cookie<'static> {
    let https = state.settings.https();
    let mut c = Cookie::build(crate::auth::session::device_cookie_name(https), token)
        .path("/")
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Lax)
        .finish();
    c.set_max_age(CookieDuration::days(accounts::TRUSTED_DEVICE_DAYS));
    c
}

pub async fn sign_out(state: State, visitor: Visitor) -> Result<HttpResponse, AppError> {
    if let Some(user) = visitor.user {
        let (actor, clock) = (user.actor(), state.clock());
        state
            .db
            .run(move |conn| -> Result<_, AppError> {
                Ok(accounts::sign_out(conn, &actor, clock, &user.session_hash)?)
            })
            .await?;
    }
    let mut res = see_other("/sign-in?signed_out=1");
    let mut c = session_cookie(&state, String::new());
    c.make_removal();
    res.add_cookie(&c).map_err(AppError::unexpected)?;
    Ok(res)
}

// ---- First run: create the HR account from the printed link ----

#[derive(Serialize, Default)]
struct SetupPage {
    token: String,
    name: String,
    email: String,
    lang: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct SetupForm {
    name: String,
    email: String,
    password: String,
    password_confirm: String,
    lang: String,
}

async fn live_token(
    state: &State,
    token: &str,
    purpose: tokens::Purpose,
) -> Result<Option<tokens::TokenRow>, AppError> {
    let hash = auth::token_hash(token);
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(tokens::find_live(conn, &hash, purpose, db::now())?)
        })
        .await
}

pub async fn setup_form(
    state: State,
    visitor: Visitor,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if live_token(&state, &token, tokens::Purpose::Setup)
        .await?
        .is_none()
    {
        return link_expired(&state, &visitor);
    }
    page(
        &state.templates,
        &visitor,
        "auth/setup.html",
        &SetupPage {
            token,
            lang: visitor.lang.code().into(),
            ..Default::default()
        },
    )
}

/// A one-time link that was used, expired or never existed: 410, with a way on
/// (a bare 404 would be replaced by the generic "page not found").
fn link_expired(state: &State, visitor: &Visitor) -> Result<HttpResponse, AppError> {
    page_with_status(
        &state.templates,
        visitor,
        StatusCode::GONE,
        "auth/link_expired.html",
        &serde_json::json!({}),
    )
}

fn check_new_password(errors: &mut FormErrors, password: &str, confirm: &str) {
    if let Err(e) = password::check_strength(password) {
        errors.add("password", e.message_key());
    } else if password != confirm {
        errors.add("password_confirm", "error-password-mismatch");
    }
}

pub async fn setup(
    state: State,
    visitor: Visitor,
    path: web::Path<String>,
    form: web::Form<SetupForm>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let form = form.into_inner();
    if live_token(&state, &token, tokens::Purpose::Setup)
        .await?
        .is_none()
    {
        return link_expired(&state, &visitor);
    }
    let mut errors = FormErrors::default();
    let name = parse_name(&form.name)
        .map_err(|e| errors.add("name", e.message_key()))
        .ok();
    let email = EmailAddress::parse(&form.email)
        .map_err(|e| {
            errors.add(
                "email",
                crate::domain::person::PersonFieldError::from(e).message_key(),
            )
        })
        .ok();
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    let lang = Lang::parse(&form.lang).unwrap_or(state.settings.default_lang);
    let (Some(name), Some(email), true) = (name, email, errors.is_empty()) else {
        let model = SetupPage {
            token,
            name: form.name,
            email: form.email,
            lang: lang.code().into(),
            errors,
        };
        return page_with_status(
            &state.templates,
            &visitor,
            StatusCode::UNPROCESSABLE_ENTITY,
            "auth/setup.html",
            &model,
        );
    };
    let pw = form.password;
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(AppError::unexpected)??;
    let absolute = Duration::hours(state.settings.session_absolute_hours);
    let input = accounts::FirstHr {
        name,
        email,
        password_hash: hash,
        lang,
    };
    let clock = state.clock();
    let session_token = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::create_first_hr(
                conn, clock, &token, input, absolute,
            )?)
        })
        .await?;
    let Some(session_token) = session_token else {
        return link_expired(&state, &visitor);
    };
    let mut res = see_other("/");
    res.add_cookie(&session_cookie(&state, session_token))
        .map_err(AppError::unexpected)?;
    Ok(res)
}

// ---- Invitations: a new person sets their password ----

#[derive(Serialize)]
struct InvitationPage {
    /// "invitation" (a new person) or "reset" (a forgotten password): the
    /// same form, different words and address.
    purpose: &'static str,
    action: String,
    token: String,
    name: String,
    email: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct InvitationForm {
    password: String,
    password_confirm: String,
}

/// Where a link's form posts to.
fn link_action(link: PasswordLink, token: &str) -> String {
    match link {
        PasswordLink::Invitation => format!("/invitation/{token}"),
        PasswordLink::Reset => format!("/password/reset/{token}"),
    }
}

async fn link_person(
    state: &State,
    token: &str,
    link: PasswordLink,
) -> Result<Option<people::PersonRow>, AppError> {
    let Some(t) = live_token(state, token, link.purpose()).await? else {
        return Ok(None);
    };
    let Some(pid) = t.person_id else {
        return Ok(None);
    };
    let p = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(people::find(conn, &pid)?) })
        .await?;
    Ok(p.filter(|p| p.active))
}

pub async fn invitation_form(
    state: State,
    visitor: Visitor,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let chosen = chosen_lang(&req);
    password_link_form(
        state,
        visitor,
        chosen,
        path.into_inner(),
        PasswordLink::Invitation,
    )
    .await
}

pub async fn reset_form(
    state: State,
    visitor: Visitor,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let chosen = chosen_lang(&req);
    password_link_form(
        state,
        visitor,
        chosen,
        path.into_inner(),
        PasswordLink::Reset,
    )
    .await
}

pub async fn accept_invitation(
    state: State,
    visitor: Visitor,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<InvitationForm>,
) -> Result<HttpResponse, AppError> {
    set_password_by_link(
        state,
        visitor,
        chosen_lang(&req),
        path.into_inner(),
        form.into_inner(),
        PasswordLink::Invitation,
    )
    .await
}

pub async fn reset_password(
    state: State,
    visitor: Visitor,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<InvitationForm>,
) -> Result<HttpResponse, AppError> {
    set_password_by_link(
        state,
        visitor,
        chosen_lang(&req),
        path.into_inner(),
        form.into_inner(),
        PasswordLink::Reset,
    )
    .await
}

/// The language of a link's page: the one the visitor chose there
/// (`?lang=`, or the language cookie it sets), else the language stored for
/// the link's person, else the visitor's own.
fn link_page_visitor(visitor: Visitor, chosen: Option<Lang>, p: &people::PersonRow) -> Visitor {
    Visitor {
        lang: chosen.or(Lang::parse(&p.lang)).unwrap_or(visitor.lang),
        ..visitor
    }
}

async fn password_link_form(
    state: State,
    visitor: Visitor,
    chosen: Option<Lang>,
    token: String,
    link: PasswordLink,
) -> Result<HttpResponse, AppError> {
    let Some(p) = link_person(&state, &token, link).await? else {
        return link_expired(&state, &visitor);
    };
    let visitor = link_page_visitor(visitor, chosen, &p);
    page(
        &state.templates,
        &visitor,
        "auth/invitation.html",
        &InvitationPage {
            purpose: link.code(),
            action: link_action(link, &token),
            token,
            name: p.name,
            email: p.email,
            errors: FormErrors::default(),
        },
    )
}

async fn set_password_by_link(
    state: State,
    visitor: Visitor,
    chosen: Option<Lang>,
    token: String,
    form: InvitationForm,
    link: PasswordLink,
) -> Result<HttpResponse, AppError> {
    let Some(p) = link_person(&state, &token, link).await? else {
        return link_expired(&state, &visitor);
    };
    let visitor = link_page_visitor(visitor, chosen, &p);
    let mut errors = FormErrors::default();
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    if !errors.is_empty() {
        let model = InvitationPage {
            purpose: link.code(),
            action: link_action(link, &token),
            token,
            name: p.name,
            email: p.email,
            errors,
        };
        return page_with_status(
            &state.templates,
            &visitor,
            StatusCode::UNPROCESSABLE_ENTITY,
            "auth/invitation.html",
            &model,
        );
    }
    let pw = form.password;
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(AppError::unexpected)??;
    let absolute = Duration::hours(state.settings.session_absolute_hours);
    let clock = state.clock();
    let session_token = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::set_password_by_link_in(
                conn, clock, link, &token, &hash, absolute, chosen,
            )?)
        })
        .await?;
    let Some(session_token) = session_token else {
        return link_expired(&state, &visitor);
    };
    let mut res = see_other(match link {
        PasswordLink::Invitation => "/?welcome=1",
        PasswordLink::Reset => "/?password_reset=1",
    });
    res.add_cookie(&session_cookie(&state, session_token))
        .map_err(AppError::unexpected)?;
    Ok(res)
}

// ---- Forgotten password: a reset link by email ----

#[derive(Serialize, Default)]
struct ForgotPage {
    email: String,
    sent: bool,
    minutes: i64,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct ForgotForm {
    email: String,
}

pub async fn forgot_form(state: State, visitor: Visitor) -> Result<HttpResponse, AppError> {
    page(
        &state.templates,
        &visitor,
        "auth/forgot.html",
        &ForgotPage::default(),
    )
}

/// The answer is the same whether or not the address belongs to someone, so
/// the form cannot be used to find out who works here.
pub async fn request_reset(
    state: State,
    visitor: Visitor,
    form: web::Form<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let raw = form.email.trim().to_string();
    let Ok(email) = EmailAddress::parse(&raw) else {
        let mut errors = FormErrors::default();
        errors.add(
            "email",
            if raw.is_empty() {
                "error-email-missing"
            } else {
                "error-email-invalid"
            },
        );
        return page_with_status(
            &state.templates,
            &visitor,
            StatusCode::UNPROCESSABLE_ENTITY,
            "auth/forgot.html",
            &ForgotPage {
                email: raw.chars().take(text::EMAIL_MAX).collect(),
                errors,
                ..Default::default()
            },
        );
    };
    let (address, clock) = (email.clone(), state.clock());
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::ask_password_reset(conn, clock, &address)?)
        })
        .await?;
    page(
        &state.templates,
        &visitor,
        "auth/forgot.html",
        &ForgotPage {
            email: email.as_str().to_string(),
            sent: true,
            minutes: accounts::RESET_MINUTES,
            errors: FormErrors::default(),
        },
    )
}

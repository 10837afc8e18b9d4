//! HR's people pages: list, add, view, edit, deactivate, invitation links.
//! Anyone may view a person they are entitled to see (themselves, their
//! reports); everything else is HR's.

use std::collections::HashMap;

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::context::CurrentUser;
use super::forms::FormErrors;
use super::render::{page, page_with_status, see_other};
use super::State;
use crate::app::{self, people as accounts};
use crate::db::{audit, people, tokens};
use crate::domain::person::{self, PersonDetails, PersonFieldError};
use crate::domain::policy::{self, PersonFacts};
use crate::domain::{EmailAddress, Lang, Role};
use crate::error::AppError;

const PAGE_SIZE: i64 = 50;
/// The deepest page asked for is this one: an edited address cannot make
/// the database skip over millions of rows (a search finds anyone sooner).
const MAX_PAGE: i64 = 5_000;

#[derive(Deserialize, Default, Clone)]
pub struct ListQuery {
    q: Option<String>,
    department: Option<String>,
    manager: Option<String>,
    inactive: Option<String>,
    page: Option<i64>,
}

#[derive(Serialize)]
struct PersonListItem {
    id: String,
    name: String,
    email: String,
    job_title: String,
    department: String,
    role: String,
    active: bool,
    invited: bool,
    manager_name: Option<String>,
}

#[derive(Serialize)]
struct PeopleListPage {
    people: Vec<PersonListItem>,
    page: i64,
    q: String,
    department: String,
    /// The manager whose reports are listed (from a person's page).
    manager: String,
    manager_name: Option<String>,
    /// The same list without the manager filter.
    everyone_url: String,
    inactive: bool,
    departments: Vec<String>,
    prev_url: Option<String>,
    next_url: Option<String>,
}

#[derive(Serialize, Clone)]
struct Choice {
    id: String,
    label: String,
}

fn list_url(q: &ListQuery, page: i64) -> String {
    let mut pairs: Vec<(&str, String)> = vec![];
    if let Some(v) = q.q.as_ref().filter(|s| !s.is_empty()) {
        pairs.push(("q", v.clone()));
    }
    if let Some(v) = q.department.as_ref().filter(|s| !s.is_empty()) {
        pairs.push(("department", v.clone()));
    }
    if let Some(v) = q.manager.as_ref().filter(|s| !s.is_empty()) {
        pairs.push(("manager", v.clone()));
    }
    if q.inactive.is_some() {
        pairs.push(("inactive", "1".into()));
    }
    pairs.push(("page", page.to_string()));
    format!(
        "/people?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

pub async fn list_people(
    state: State,
    user: CurrentUser,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let q = q.into_inner();
    let filter = people::PeopleFilter {
        query: q.q.clone(),
        department: q.department.clone(),
        manager_id: q.manager.clone(),
        include_inactive: q.inactive.is_some(),
    };
    let page_no = q.page.unwrap_or(1).clamp(1, MAX_PAGE);
    let (mut rows, invited, departments, names) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            // One row more than a page: is there a next page? (No count:
            // counting every match on every view costs more than the page.)
            let rows = people::list_page(conn, &filter, PAGE_SIZE + 1, (page_no - 1) * PAGE_SIZE)?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let mut wanted: Vec<String> =
                rows.iter().filter_map(|r| r.manager_id.clone()).collect();
            wanted.extend(filter.manager_id.clone());
            let names: HashMap<String, String> =
                people::names(conn, &wanted)?.into_iter().collect();
            Ok((
                rows,
                people::without_password_among(conn, &ids)?,
                people::departments(conn)?,
                names,
            ))
        })
        .await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let manager = q.manager.clone().unwrap_or_default();
    let model = PeopleListPage {
        people: rows
            .into_iter()
            .map(|r| PersonListItem {
                invited: invited.contains(&r.id),
                manager_name: r.manager_id.as_ref().and_then(|m| names.get(m).cloned()),
                id: r.id,
                name: r.name,
                email: r.email,
                job_title: r.job_title,
                department: r.department,
                role: r.role,
                active: r.active,
            })
            .collect(),
        page: page_no,
        prev_url: (page_no > 1).then(|| list_url(&q, page_no - 1)),
        next_url: has_next.then(|| list_url(&q, page_no + 1)),
        q: q.q.clone().unwrap_or_default(),
        department: q.department.clone().unwrap_or_default(),
        manager_name: names.get(&manager).cloned(),
        everyone_url: list_url(
            &ListQuery {
                manager: None,
                page: None,
                ..q.clone()
            },
            1,
        ),
        manager,
        inactive: q.inactive.is_some(),
        departments,
    };
    page(&state.templates, &user.visitor, "people/list.html", &model)
}

/// The add/edit form as typed, kept whole when it comes back with messages.
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct PersonForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    manager_id: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    job_title: String,
    #[serde(default)]
    job_description: String,
    #[serde(default)]
    lang: String,
}

impl PersonForm {
    fn parse(&self, errors: &mut FormErrors) -> Option<PersonDetails> {
        let mut field = |name: &str, r: Result<String, PersonFieldError>| {
            r.map_err(|e| errors.add(name, e.message_key())).ok()
        };
        let name = field("name", person::parse_name(&self.name));
        let email = field(
            "email",
            EmailAddress::parse(&self.email)
                .map(EmailAddress::into_string)
                .map_err(PersonFieldError::from),
        );
        let role = field(
            "role",
            Role::parse(&self.role)
                .map(|r| r.code().to_string())
                .ok_or(PersonFieldError::Role),
        );
        let department = field(
            "department",
            person::parse_short_text("department", &self.department),
        );
        let job_title = field(
            "job_title",
            person::parse_short_text("job_title", &self.job_title),
        );
        let job_description = field(
            "job_description",
            person::parse_job_description(&self.job_description),
        );
        let lang = field(
            "lang",
            Lang::parse(&self.lang)
                .map(|l| l.code().to_string())
                .ok_or(PersonFieldError::Lang),
        );
        Some(PersonDetails {
            email: EmailAddress::parse(&email?).ok()?,
            name: name?,
            role: Role::parse(&role?)?,
            department: department?,
            job_title: job_title?,
            job_description: job_description?,
            lang: Lang::parse(&lang?)?,
        })
    }

    fn from_row(p: &people::PersonRow) -> Self {
        Self {
            name: p.name.clone(),
            email: p.email.clone(),
            role: p.role.clone(),
            manager_id: p.manager_id.clone().unwrap_or_default(),
            department: p.department.clone(),
            job_title: p.job_title.clone(),
            job_description: p.job_description.clone(),
            lang: p.lang.clone(),
        }
    }
}

#[derive(Serialize)]
struct PersonFormPage {
    id: Option<String>,
    form: PersonForm,
    errors: FormErrors,
    managers: Vec<Choice>,
    departments: Vec<String>,
    job_description_max: usize,
}

async fn form_page(
    state: &State,
    user: &CurrentUser,
    id: Option<String>,
    form: PersonForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let exclude = id.clone();
    let (managers, departments) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok((people::manager_choices(conn)?, people::departments(conn)?))
        })
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let model = PersonFormPage {
        id,
        form,
        errors,
        managers: managers
            .into_iter()
            .filter(|(mid, _, _)| Some(mid) != exclude.as_ref())
            .map(|(id, name, email)| Choice {
                id,
                label: format!("{name} ({email})"),
            })
            .collect(),
        departments,
        job_description_max: person::JOB_DESCRIPTION_MAX,
    };
    page_with_status(
        &state.templates,
        &user.visitor,
        status,
        "people/form.html",
        &model,
    )
}

pub async fn new_person(state: State, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let form = PersonForm {
        role: "employee".into(),
        lang: state.settings.default_lang.code().into(),
        ..Default::default()
    };
    form_page(&state, &user, None, form, FormErrors::default()).await
}

#[derive(Serialize)]
struct InvitationLinkPage {
    id: String,
    name: String,
    email: String,
    link: String,
    created: bool,
}

pub async fn create_person(
    state: State,
    user: CurrentUser,
    form: web::Form<PersonForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let details = form.parse(&mut errors);
    let Some(details) = details.filter(|_| errors.is_empty()) else {
        return form_page(&state, &user, None, form, errors).await;
    };
    let input = accounts::PersonInput {
        details,
        manager_id: Some(form.manager_id.clone()).filter(|m| !m.is_empty()),
    };
    let (actor, clock) = (user.actor(), state.clock());
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::create_person(conn, &actor, clock, input))
        })
        .await?;
    match outcome {
        Ok(added) => {
            let model = InvitationLinkPage {
                id: added.id,
                name: added.name,
                email: added.email,
                link: accounts::invitation_url(&state.settings.base_url, &added.token),
                created: true,
            };
            page(
                &state.templates,
                &user.visitor,
                "people/invitation.html",
                &model,
            )
        }
        Err(app::Error::Invalid(fields)) => {
            for (field, key) in fields {
                errors.add(&field, key);
            }
            form_page(&state, &user, None, form, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A person named on a page: their name is a link to their page only when
/// the reader may open it (`policy::may_view_person`, the rule that page
/// itself applies). A manager's manager sees the manager's reports named, not
/// linked.
#[derive(Serialize)]
pub(crate) struct PersonLink {
    pub id: String,
    pub name: String,
    pub job_title: String,
    pub link: Option<String>,
}

impl PersonLink {
    pub(crate) fn new(actor: &policy::Actor, p: &people::ListRow) -> Self {
        let facts = PersonFacts {
            id: &p.id,
            manager_id: p.manager_id.as_deref(),
        };
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            job_title: p.job_title.clone(),
            link: policy::may_view_person(actor, facts).then(|| format!("/people/{}", p.id)),
        }
    }
}

#[derive(Serialize)]
struct PersonPage {
    person: people::PersonRow,
    manager: Option<people::PersonRow>,
    reports: Vec<PersonLink>,
    invited: bool,
    can_manage: bool,
    /// The notes about this person: their manager and HR, never themselves.
    can_read_notes: bool,
    can_view_history: bool,
    can_deactivate: bool,
    /// Erase a departed person's data (`policy::may_erase_person`).
    can_erase: bool,
    notice: Option<String>,
    history: Vec<audit::AuditRow>,
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// Notices a redirect may ask for; anything else is ignored.
fn notice_key(n: Option<&str>) -> Option<String> {
    match n {
        Some("saved") => Some("notice-person-saved".into()),
        Some("deactivated") => Some("notice-person-deactivated".into()),
        Some("reactivated") => Some("notice-person-reactivated".into()),
        Some("erased") => Some("notice-person-erased".into()),
        _ => None,
    }
}

pub async fn show_person(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = user.actor();
    let can_manage = policy::may_manage_people(&actor);
    let (person, manager, reports, history, can_read_notes, can_view_history, can_deactivate) =
        state
            .db
            .run(move |conn| -> Result<_, AppError> {
                let person = people::find(conn, &id)?.ok_or(AppError::NotFound)?;
                let facts = PersonFacts {
                    id: &person.id,
                    manager_id: person.manager_id.as_deref(),
                };
                if !policy::may_view_person(&actor, facts) {
                    return Err(AppError::Forbidden);
                }
                let can_read_notes = policy::may_read_notes_about(&actor, facts);
                let can_view_history = policy::may_view_history(&actor, facts);
                let can_deactivate = policy::may_deactivate(&actor, facts);
                let manager = match &person.manager_id {
                    Some(m) => people::find(conn, m)?,
                    None => None,
                };
                let reports: Vec<PersonLink> = people::reports_of(conn, &person.id)?
                    .iter()
                    .map(|r| PersonLink::new(&actor, r))
                    .collect();
                let history = if can_manage {
                    audit::for_subject(conn, &person.id, 20)?
                } else {
                    vec![]
                };
                Ok((
                    person,
                    manager,
                    reports,
                    history,
                    can_read_notes,
                    can_view_history,
                    can_deactivate,
                ))
            })
            .await?;
    let can_erase = policy::may_erase_person(
        &user.actor(),
        PersonFacts {
            id: &person.id,
            manager_id: person.manager_id.as_deref(),
        },
        person.active,
    );
    let model = PersonPage {
        can_erase,
        invited: !person.has_password(),
        can_read_notes,
        can_view_history,
        can_deactivate,
        person,
        manager,
        reports,
        can_manage,
        notice: notice_key(q.notice.as_deref()),
        history,
    };
    page(&state.templates, &user.visitor, "people/show.html", &model)
}

pub async fn edit_person(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner();
    let lookup = id.clone();
    let p = state
        .db
        .run(move |conn| -> Result<_, AppError> { Ok(people::find(conn, &lookup)?) })
        .await?
        .ok_or(AppError::NotFound)?;
    form_page(
        &state,
        &user,
        Some(id),
        PersonForm::from_row(&p),
        FormErrors::default(),
    )
    .await
}

pub async fn update_person(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<PersonForm>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let details = form.parse(&mut errors);
    let Some(details) = details.filter(|_| errors.is_empty()) else {
        return form_page(&state, &user, Some(id), form, errors).await;
    };
    let input = accounts::PersonInput {
        details,
        manager_id: Some(form.manager_id.clone()).filter(|m| !m.is_empty()),
    };
    let (actor, clock) = (user.actor(), state.clock());
    let pid = id.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::update_person(conn, &actor, clock, &pid, input))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/people/{id}?notice=saved"))),
        Err(app::Error::Invalid(fields)) => {
            for (field, key) in fields {
                errors.add(&field, key);
            }
            form_page(&state, &user, Some(id), form, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn deactivate_person(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    set_active(&state, &user, path.into_inner(), false).await
}

pub async fn reactivate_person(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    set_active(&state, &user, path.into_inner(), true).await
}

async fn set_active(
    state: &State,
    user: &CurrentUser,
    id: String,
    active: bool,
) -> Result<HttpResponse, AppError> {
    let (actor, clock) = (user.actor(), state.clock());
    let pid = id.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::set_active(conn, &actor, clock, &pid, active)?)
        })
        .await?;
    let notice = if active { "reactivated" } else { "deactivated" };
    Ok(see_other(&format!("/people/{id}?notice={notice}")))
}

/// The cookie that carries a link HR just made to the page that shows it,
/// so that the POST can redirect (reloading the page shows the same link
/// and makes no new one) without the token ever being in an address.
const LINK_COOKIE: &str = "cermin_link";
/// How long the page can show a link after it was made.
const LINK_COOKIE_MINUTES: i64 = 15;

fn link_page_path(id: &str) -> String {
    format!("/people/{id}/link")
}

/// A new password link (the old one stops working), emailed to the person:
/// an invitation for someone who never chose a password, a password reset
/// for someone who has one. Then to the page that shows it
/// (post-redirect-get).
pub async fn send_password_link(
    state: State,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner();
    let (actor, clock, pid) = (user.actor(), state.clock(), id.clone());
    let (_, _, token) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok(accounts::send_password_link(conn, &actor, clock, &pid)?)
        })
        .await?;
    let page_path = link_page_path(&id);
    let https = state.settings.https();
    let cookie = Cookie::build(LINK_COOKIE, token)
        .path(page_path.clone())
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::minutes(LINK_COOKIE_MINUTES))
        .finish();
    let mut res = see_other(&page_path);
    res.add_cookie(&cookie).map_err(AppError::unexpected)?;
    Ok(res)
}

#[derive(Serialize)]
struct PasswordLinkPage {
    id: String,
    name: String,
    email: String,
    /// `invitation` or `reset`: the words the page uses.
    kind: &'static str,
    /// The link, while it is still fresh and unused; else the page only says
    /// that it was emailed.
    link: Option<String>,
    valid_days: i64,
    valid_minutes: i64,
}

/// The link HR just made: what it is, that it was emailed, and the link
/// itself to pass on. Reading it changes nothing.
pub async fn show_password_link(
    state: State,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    user.require(policy::may_manage_people)?;
    let id = path.into_inner();
    let token = req.cookie(LINK_COOKIE).map(|c| c.value().to_string());
    let now = state.clock().now;
    let pid = id.clone();
    let hash = token.as_deref().map(crate::auth::token_hash);
    let (person, live) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let person = people::find(conn, &pid)?.ok_or(AppError::NotFound)?;
            let mut live = None;
            if let Some(hash) = &hash {
                for link in [
                    accounts::PasswordLink::Invitation,
                    accounts::PasswordLink::Reset,
                ] {
                    let row = tokens::find_live(conn, hash, link.purpose(), now)?;
                    if row.is_some_and(|t| t.person_id.as_deref() == Some(pid.as_str())) {
                        live = Some(link);
                    }
                }
            }
            Ok((person, live))
        })
        .await?;
    let (kind, link) = match (live, token) {
        (Some(accounts::PasswordLink::Invitation), Some(t)) => (
            accounts::PasswordLink::Invitation,
            Some(accounts::invitation_url(&state.settings.base_url, &t)),
        ),
        (Some(accounts::PasswordLink::Reset), Some(t)) => (
            accounts::PasswordLink::Reset,
            Some(accounts::reset_url(&state.settings.base_url, &t)),
        ),
        // No fresh link for this person here: say what was sent, by what
        // the person's account needs.
        _ if person.has_password() => (accounts::PasswordLink::Reset, None),
        _ => (accounts::PasswordLink::Invitation, None),
    };
    let model = PasswordLinkPage {
        id: person.id,
        name: person.name,
        email: person.email,
        kind: kind.code(),
        link,
        valid_days: accounts::INVITATION_DAYS,
        valid_minutes: accounts::RESET_MINUTES,
    };
    page(
        &state.templates,
        &user.visitor,
        "people/password_link.html",
        &model,
    )
}

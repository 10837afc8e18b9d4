//! What happens around every handler: security headers, the session and CSRF
//! check, and error pages in the reader's language.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut, Data};
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};
use futures_util::StreamExt;

use super::context::{SignedIn, Visitor};
use super::forms;
use super::AppState;
use crate::auth::{self, csrf, session};
use crate::db;
use crate::domain::text::Origin;
use crate::domain::{Lang, Role};
use crate::error::AppError;

/// The largest form body read: a form of many long text fields fits in a
/// fraction of this; a CSV upload (at most 5 MB, see `web::import`) has its
/// own, larger allowance so that its page can say what the file's limit is.
const MAX_FORM_BODY: usize = 2 * 1024 * 1024;
const MAX_UPLOAD_BODY: usize = 8 * 1024 * 1024;

pub const LANG_COOKIE: &str = "cermin_lang";
use super::reviews::STASH_COOKIE;

/// The review forms whose posts are kept when the session has ended.
fn is_review_form(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    matches!(parts.as_slice(), ["reviews", _, "self" | "manager"])
}

/// Headers on every response, pages, assets and errors alike.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let https = req
        .app_data::<Data<AppState>>()
        .map(|s| s.settings.https())
        .unwrap_or(false);
    let is_asset = req.path().starts_with("/assets/");
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    let set = |h: &mut header::HeaderMap, name: &'static str, value: &'static str| {
        h.insert(
            header::HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    // A response may bring its own, stricter policy (the mail preview does).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(
            h,
            "content-security-policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'",
        );
    }
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "same-origin");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if https {
        set(
            h,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    if !is_asset && !h.contains_key(header::CACHE_CONTROL) {
        // Pages hold personal data: never keep them in shared or back-button caches.
        set(h, "cache-control", "no-store");
    }
    Ok(res)
}

fn client_ip(req: &ServiceRequest, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(ip) = req.connection_info().realip_remote_addr() {
            return ip.to_string();
        }
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// This request's id: in every log line written while it is served, in the
/// `X-Request-Id` response header and on error pages, so a person can quote
/// it and an operator can find the request.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// An id given by a trusted proxy is kept if it looks like one.
fn usable_request_id(v: &str) -> bool {
    (1..=64).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Give the request its id (from a trusted proxy's `X-Request-Id`, else a
/// new one) and serve it inside a tracing span that carries the id.
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    use tracing::Instrument;
    let trust_proxy = req
        .app_data::<Data<AppState>>()
        .is_some_and(|s| s.settings.trust_proxy);
    let given = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| trust_proxy && usable_request_id(v))
        .map(str::to_string);
    let id = given.unwrap_or_else(|| auth::random_token()[..16].to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", id = %id);
    let mut res = next.call(req).instrument(span).await?;
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), v);
    }
    Ok(res)
}

/// The client's address as the throttle sees it; set by [`session`].
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

fn refused(r: forms::Refusal) -> AppError {
    tracing::info!(field = %r.field, problem = ?r.problem, "value refused at the edge");
    AppError::Refused {
        label: forms::field_label(&r.field),
        problem: r.problem,
    }
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The language a visitor chose: `?lang=` on this request, else the
/// language cookie an earlier `?lang=` set. Pages reached by a link without
/// signing in (an invitation, a password reset) let it win over the
/// language stored for the link's person.
pub fn chosen_lang(req: &HttpRequest) -> Option<Lang> {
    query_lang(req.query_string())
        .or_else(|| req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
}

fn query_lang(query: &str) -> Option<Lang> {
    query
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))
        .and_then(Lang::parse)
}

fn anonymous_lang(req: &ServiceRequest, default: Lang) -> (Lang, Option<Lang>) {
    // ?lang=en on any page switches the language and remembers it.
    if let Some(l) = chosen_lang(req.request()) {
        return (l, query_lang(req.query_string()));
    }
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    (
        accept
            .and_then(Lang::from_accept_language)
            .unwrap_or(default),
        None,
    )
}

/// Find the CSRF token in a form body (urlencoded or multipart).
fn token_in_body(content_type: &str, body: &[u8]) -> Option<String> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == csrf::FIELD)
            .map(|(_, v)| v);
    }
    if content_type.starts_with("multipart/form-data") {
        // The token is plain hex: find its part and read up to the next boundary.
        let text = String::from_utf8_lossy(body);
        let at = text.find(&format!("name=\"{}\"", csrf::FIELD))?;
        let rest = &text[at..];
        let start = rest.find("\r\n\r\n")? + 4;
        let value: String = rest[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        return Some(value);
    }
    None
}

fn cookie<'a>(
    name: &'a str,
    value: String,
    https: bool,
    max_age: Option<CookieDuration>,
) -> Cookie<'a> {
    let mut c = Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(https)
        .finish();
    if let Some(age) = max_age {
        c.set_max_age(age);
    }
    c
}

fn removal(name: &str, https: bool) -> Cookie<'_> {
    let mut c = cookie(name, String::new(), https, None);
    c.make_removal();
    c
}

/// Load the session, decide the language, and check CSRF on anything that
/// changes state. Handlers read the result as [`Visitor`].
pub async fn session(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return Err(AppError::unexpected("application state missing").into());
    };
    // Assets, the favicon and health checks never touch the session: a browser
    // fetching them in parallel must not mint a second CSRF cookie.
    let path = req.path();
    if path.starts_with("/assets/")
        || path == "/favicon.ico"
        || path == "/healthz"
        || path == "/readyz"
        || path == "/metrics"
    {
        let lang = anonymous_lang(&req, state.settings.default_lang).0;
        let visitor = Visitor {
            user: None,
            lang,
            csrf_token: String::new(),
            session_ended: false,
            path: path.to_string(),
        };
        req.extensions_mut().insert(visitor);
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let https = state.settings.https();
    let session_cookie = session::cookie_name(https);
    let pre_cookie = session::pre_session_cookie_name(https);
    let now = db::now();
    let lifetimes = state.lifetimes;

    let mut user: Option<SignedIn> = None;
    let mut csrf_expected: Option<String> = None;
    let mut session_ended = false;
    let mut ended_session: Option<(String, String)> = None;
    if let Some(token) = req.cookie(session_cookie).map(|c| c.value().to_string()) {
        let hash = auth::token_hash(&token);
        let found = state
            .db
            .run(move |conn| -> Result<_, AppError> {
                let Some((s, p)) = db::sessions::find_with_person(conn, &hash)? else {
                    return Ok((None, None));
                };
                if !p.active || !lifetimes.is_live(s.last_seen_at, s.expires_at, now) {
                    if !p.active {
                        db::sessions::delete(conn, &hash)?;
                    }
                    // An ended session stays (unusable) until housekeeping removes it
                    // two days later: a form posted into it is kept for its owner.
                    let ended = p.active.then(|| (p.id.clone(), s.csrf_token.clone()));
                    return Ok((None, ended));
                }
                if lifetimes.should_touch(s.last_seen_at, now) {
                    db::sessions::touch(conn, &hash, now)?;
                }
                let reports = p.role != "employee" || db::people::has_reports(conn, &p.id)?;
                Ok((Some((s, p, reports)), None))
            })
            .await;
        match found {
            Ok((Some((s, p, reports)), _)) => {
                csrf_expected = Some(s.csrf_token.clone());
                let role = Role::from_stored(&p.role);
                user = Some(SignedIn {
                    id: p.id,
                    name: p.name,
                    email: p.email,
                    role,
                    is_hr: role == Role::Hr,
                    has_reports: reports,
                    manager_id: p.manager_id,
                    lang: Lang::parse(&p.lang).unwrap_or(state.settings.default_lang),
                    session_hash: s.token_hash,
                });
            }
            Ok((None, ended)) => {
                session_ended = true;
                ended_session = ended;
            }
            Err(e) => return Ok(error_page(req, &e, state.settings.default_lang, &state)),
        }
    }

    let mut set_pre: Option<String> = None;
    let mut set_lang: Option<Lang> = None;
    let lang = match &user {
        Some(u) => u.lang,
        None => {
            let (l, remember) = anonymous_lang(&req, state.settings.default_lang);
            set_lang = remember;
            l
        }
    };
    let csrf_token = match (&user, &csrf_expected) {
        (Some(_), Some(t)) => t.clone(),
        _ => match req
            .cookie(pre_cookie)
            .map(|c| c.value().to_string())
            .filter(|v| v.len() == 32)
        {
            Some(t) => {
                csrf_expected = Some(t.clone());
                t
            }
            None => {
                let t = auth::random_token();
                set_pre = Some(t.clone());
                t
            }
        },
    };

    let visitor = Visitor {
        user,
        lang,
        csrf_token,
        session_ended,
        path: req.path().to_string(),
    };
    // Worked out before borrowing the extensions: `connection_info` caches
    // itself in them, and a second borrow while one is held panics (this
    // broke every request with `trust_proxy` on).
    let ip = ClientIp(client_ip(&req, state.settings.trust_proxy));
    req.extensions_mut().insert(ip);
    req.extensions_mut().insert(visitor.clone());

    // The one text rule on the address: a path segment that is not text is
    // no page of ours; a query parameter that is not is named on the page.
    if !forms::path_is_text(req.uri().path()) {
        return Ok(error_page(req, &AppError::NotFound, lang, &state));
    }
    if let Err(r) = forms::check_pairs(req.query_string().as_bytes(), Origin::Query) {
        return Ok(error_page(req, &refused(r), lang, &state));
    }

    if is_unsafe(req.method()) {
        let headers = req.headers();
        let get = |n: header::HeaderName| {
            headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let origin = get(header::ORIGIN);
        let referer = get(header::REFERER);
        let host = get(header::HOST);
        let header_token = headers
            .get(csrf::HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let content_type = get(header::CONTENT_TYPE).unwrap_or_default();
        let same_origin = csrf::same_origin(
            origin.as_deref(),
            referer.as_deref(),
            &state.settings.base_url,
            host.as_deref(),
        );

        let limit = if content_type.starts_with("multipart/form-data") {
            MAX_UPLOAD_BODY
        } else {
            MAX_FORM_BODY
        };
        let mut body = BytesMut::new();
        let mut too_large = false;
        // Always read the body (even when the token came in a header): a form
        // posted into an ended session is kept from it.
        let mut payload = req.take_payload();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > limit {
                too_large = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
        let body: Bytes = body.freeze();
        let given = header_token.or_else(|| token_in_body(&content_type, &body));
        let token_ok = match (&given, &csrf_expected) {
            (Some(g), Some(e)) => auth::constant_time_eq(g, e),
            _ => false,
        };
        if too_large {
            tracing::info!(path = %req.path(), "request body over the limit refused");
            return Ok(error_page(req, &AppError::TooLarge, lang, &state));
        }
        // The one text rule, on every field of a form, before anything
        // (the kept-form stash included) stores or reads it.
        if content_type.starts_with("application/x-www-form-urlencoded") {
            if let Err(r) = forms::check_pairs(&body, Origin::FormField) {
                return Ok(error_page(req, &refused(r), lang, &state));
            }
        }
        if !same_origin || !token_ok {
            // A review form saved just after the session ended: keep what was
            // typed for its owner, and send them to sign in again.
            if let (true, Some((person_id, ended_csrf)), Some(g)) =
                (same_origin, &ended_session, &given)
            {
                if auth::constant_time_eq(g, ended_csrf) && is_review_form(req.path()) {
                    let token = auth::random_token();
                    let (hash, pid, path, text) = (
                        auth::token_hash(&token),
                        person_id.clone(),
                        req.path().to_string(),
                        String::from_utf8_lossy(&body).into_owned(),
                    );
                    let kept = state
                        .db
                        .run(move |conn| -> Result<_, AppError> {
                            Ok(db::stash::put(conn, &hash, &pid, &path, &text)?)
                        })
                        .await;
                    if kept.is_ok() {
                        tracing::info!(path = %req.path(), "form kept after the session ended");
                        let target = format!(
                            "/sign-in?{}",
                            serde_urlencoded::to_string([("next", req.path()), ("ended", "1")])
                                .unwrap_or_default()
                        );
                        let (http_req, _) = req.into_parts();
                        let mut res = HttpResponse::SeeOther()
                            .insert_header((header::LOCATION, target))
                            .finish();
                        let _ = res.add_cookie(&cookie(
                            STASH_COOKIE,
                            token,
                            https,
                            Some(CookieDuration::hours(12)),
                        ));
                        let _ = res.add_cookie(&removal(session_cookie, https));
                        return Ok(ServiceResponse::new(http_req, res));
                    }
                }
            }
            tracing::warn!(path = %req.path(), same_origin, token_present = given.is_some(), session_ended, "CSRF check failed");
            let err = if session_ended && visitor.user.is_none() {
                AppError::Unauthenticated
            } else {
                AppError::Csrf
            };
            return Ok(error_page(req, &err, lang, &state));
        }
        // Put the body back for the handler.
        req.set_payload(Payload::from(body));
    }

    let mut res = next.call(req).await?.map_into_boxed_body();
    if let Some(t) = set_pre {
        let _ = res
            .response_mut()
            .add_cookie(&cookie(pre_cookie, t, https, None));
    }
    if let Some(l) = set_lang {
        let _ = res.response_mut().add_cookie(&cookie(
            LANG_COOKIE,
            l.code().into(),
            https,
            Some(CookieDuration::days(365)),
        ));
    }
    if session_ended {
        let _ = res
            .response_mut()
            .add_cookie(&removal(session_cookie, https));
    }
    Ok(res)
}

/// Turn error responses into pages in the reader's language.
pub async fn render_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error() || status == StatusCode::SEE_OTHER) {
        return Ok(res.map_into_boxed_body());
    }
    let app_error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
        .map(|e| match e {
            AppError::NotFound => AppError::NotFound,
            AppError::Forbidden => AppError::Forbidden,
            AppError::Unauthenticated => AppError::Unauthenticated,
            AppError::Csrf => AppError::Csrf,
            AppError::Conflict(k) => AppError::Conflict(k),
            AppError::BadRequest => AppError::BadRequest,
            AppError::TooLarge => AppError::TooLarge,
            AppError::Refused { label, problem } => AppError::Refused {
                label,
                problem: *problem,
            },
            AppError::Unavailable => AppError::Unavailable,
            AppError::Unexpected(_) => AppError::unexpected("see log"),
        });
    let has_error = res.response().error().is_some();
    let err = match (app_error, has_error, status) {
        (Some(e), _, _) => e,
        // Errors from actix itself (a malformed form, an unknown route).
        (None, true, StatusCode::NOT_FOUND) | (None, false, StatusCode::NOT_FOUND) => {
            AppError::NotFound
        }
        (None, true, s) if s.is_client_error() => AppError::BadRequest,
        (None, true, _) => AppError::unexpected("see log"),
        (None, false, _) => return Ok(res.map_into_boxed_body()),
    };
    let (req, _) = res.into_parts();
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return Ok(ServiceResponse::new(
            req,
            HttpResponse::InternalServerError().finish(),
        ));
    };
    let lang = req
        .extensions()
        .get::<Visitor>()
        .map(|v| v.lang)
        .unwrap_or(state.settings.default_lang);
    Ok(render_error(req, &err, lang, &state))
}

fn error_page(
    req: ServiceRequest,
    err: &AppError,
    lang: Lang,
    state: &AppState,
) -> ServiceResponse<BoxBody> {
    let (req, _) = req.into_parts();
    render_error(req, err, lang, state)
}

fn render_error(
    req: actix_web::HttpRequest,
    err: &AppError,
    lang: Lang,
    state: &AppState,
) -> ServiceResponse<BoxBody> {
    if let AppError::Unauthenticated = err {
        let next = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let ended = req
            .extensions()
            .get::<Visitor>()
            .is_some_and(|v| v.session_ended);
        let mut query: Vec<(&str, &str)> = vec![];
        if req.method() == Method::GET && next != "/" {
            query.push(("next", next));
        }
        if ended {
            query.push(("ended", "1"));
        }
        let target = if query.is_empty() {
            "/sign-in".to_string()
        } else {
            format!(
                "/sign-in?{}",
                serde_urlencoded::to_string(&query).unwrap_or_default()
            )
        };
        let res = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, target))
            .finish();
        return ServiceResponse::new(req, res);
    }
    let (title, body) = err.message_keys();
    let visitor = req
        .extensions()
        .get::<Visitor>()
        .cloned()
        .unwrap_or(Visitor {
            user: None,
            lang,
            csrf_token: String::new(),
            session_ended: false,
            path: req.path().to_string(),
        });
    // A write that the database could not take: say that nothing was saved
    // (and nothing saved before was lost), not only that it is busy.
    let (title, body) = match err {
        AppError::Unavailable if is_unsafe(req.method()) => {
            ("error-not-saved-title", "error-not-saved-body")
        }
        _ => (title, body),
    };
    let field = match err {
        AppError::Refused { label, .. } => Some(*label),
        _ => None,
    };
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let model = serde_json::json!({
        "error_title": title,
        "error_body": body,
        "error_field": field,
        "request_id": request_id,
        "status": err.status_code_u16(),
    });
    let res = super::render::page_with_status(
        &state.templates,
        &visitor,
        err.status(),
        "error.html",
        &model,
    )
    .unwrap_or_else(|e| {
        tracing::error!(error = ?e, "rendering the error page");
        HttpResponse::build(err.status())
            .content_type("text/plain; charset=utf-8")
            .body(crate::i18n::t(lang, title))
    });
    ServiceResponse::new(req, res)
}

impl AppError {
    fn status(&self) -> StatusCode {
        actix_web::ResponseError::status_code(self)
    }
    fn status_code_u16(&self) -> u16 {
        self.status().as_u16()
    }
}

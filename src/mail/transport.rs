//! Where mail goes: an SMTP server (pooled connections; STARTTLS on
//! `smtp://`, implicit TLS on `smtps://`), or, when no SMTP server is set,
//! `.eml` files under the data directory so that a demo needs no mail server.
//!
//! For `smtp://` Cermin opens the TCP connections itself, with Nagle's
//! algorithm off, and keeps them in a small pool; lettre speaks SMTP over
//! them. lettre 0.11's own connections leave Nagle on, and because it writes
//! the message and the closing `.` separately, every message then waits for
//! the server's delayed ACK (about 40 ms on Linux): 20 messages a second per
//! connection instead of hundreds (lettre pull request #1159).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Semaphore;

/// How a delivery attempt failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: the server is down, busy, or answered 4xx.
    #[error("{0}")]
    Transient(String),
    /// The server refused for good (5xx): a bad address, a message it will
    /// never take. Trying again would not help.
    #[error("{0}")]
    Permanent(String),
}

/// At most this many SMTP connections at once (also the pool's size).
pub const MAX_CONNECTIONS: usize = 8;
/// An idle pooled connection older than this is closed rather than reused
/// (servers drop idle clients after a minute or a few).
const IDLE_LIMIT: Duration = Duration::from_secs(30);
const TIMEOUT: Duration = Duration::from_secs(30);

pub enum Transport {
    /// `smtp://`: plain or STARTTLS, over Cermin's own connections.
    Submission { lanes: Lanes, described: String },
    /// `smtps://`: implicit TLS, lettre's pooled transport.
    Smtp {
        inner: AsyncSmtpTransport<Tokio1Executor>,
        described: String,
    },
    File {
        inner: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]")
}

/// The URL lettre should use: `smtp://` means STARTTLS (required) except on
/// loopback, where a local relay or test server usually speaks plain SMTP;
/// `?tls=none` asks for plain SMTP explicitly, `?tls=opportunistic` for
/// STARTTLS when offered.
fn effective_url(url: &str) -> Result<String, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("CERMIN_SMTP_URL: {e}"))?;
    let host = parsed.host_str().unwrap_or_default().to_string();
    let tls = parsed
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.to_string());
    let mut out = parsed.clone();
    match (parsed.scheme(), tls.as_deref()) {
        ("smtp", None) if !is_loopback(&host) => {
            out.query_pairs_mut().append_pair("tls", "required");
        }
        ("smtp", Some("none")) => {
            out.set_query(None);
        }
        _ => {}
    }
    Ok(out.to_string())
}

/// An SMTP URL with the password hidden, for logs and pages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            u.to_string()
        }
        Err(_) => "(invalid URL)".into(),
    }
}

impl Transport {
    /// SMTP when `smtp_url` is set, else files in `<data_dir>/mail`.
    /// `ca_file` adds trusted root certificates (PEM) for the SMTP server.
    pub fn new(
        smtp_url: Option<&str>,
        ca_file: Option<&std::path::Path>,
        data_dir: &std::path::Path,
    ) -> Result<Self, String> {
        let roots = match ca_file {
            Some(path) => {
                let pem = std::fs::read(path)
                    .map_err(|e| format!("CERMIN_SMTP_CA_FILE: {}: {e}", path.display()))?;
                vec![Certificate::from_pem(&pem)
                    .map_err(|e| format!("CERMIN_SMTP_CA_FILE: {}: {e}", path.display()))?]
            }
            None => vec![],
        };
        match smtp_url {
            Some(url) if url.starts_with("smtp://") => Ok(Transport::Submission {
                lanes: Lanes::from_url(url, roots)?,
                described: redact(url),
            }),
            Some(url) => {
                let mut builder =
                    AsyncSmtpTransport::<Tokio1Executor>::from_url(&effective_url(url)?)
                        .map_err(|e| format!("CERMIN_SMTP_URL: {e}"))?;
                if !roots.is_empty() {
                    let host = url::Url::parse(url)
                        .ok()
                        .and_then(|u| u.host_str().map(str::to_string))
                        .unwrap_or_default();
                    builder = builder.tls(Tls::Wrapper(
                        tls_parameters(&host, &roots)
                            .map_err(|e| format!("CERMIN_SMTP_URL: {e}"))?,
                    ));
                }
                let inner = builder
                    .timeout(Some(Duration::from_secs(30)))
                    .pool_config(PoolConfig::new().max_size(MAX_CONNECTIONS as u32))
                    .build();
                Ok(Transport::Smtp {
                    inner,
                    described: redact(url),
                })
            }
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                Ok(Transport::File {
                    inner: AsyncFileTransport::new(&dir),
                    dir,
                })
            }
        }
    }

    /// Where mail goes, for logs and the outbox page.
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp { described, .. } | Transport::Submission { described, .. } => {
                described.clone()
            }
            Transport::File { dir, .. } => format!("file://{}", dir.display()),
        }
    }

    /// Send one message; the server's answer on success.
    pub async fn send(&self, message: Message) -> Result<String, SendError> {
        match self {
            Transport::Submission { lanes, .. } => lanes.send(&message).await,
            Transport::Smtp { inner, .. } => inner
                .send(message)
                .await
                .map(|r| answer(&r))
                .map_err(classify),
            Transport::File { inner, dir } => match inner.send(message).await {
                Ok(id) => {
                    let path = dir.join(format!("{id}.eml"));
                    tracing::info!(path = %path.display(), "email written to a file (no SMTP server set)");
                    Ok(format!("written to {}", path.display()))
                }
                Err(e) => Err(SendError::Transient(e.to_string())),
            },
        }
    }
}

/// TLS for `host`: the public authorities, plus `roots` when given.
fn tls_parameters(
    host: &str,
    roots: &[Certificate],
) -> Result<TlsParameters, lettre::transport::smtp::Error> {
    let mut builder = TlsParameters::builder(host.to_string());
    for root in roots {
        builder = builder.add_root_certificate(root.clone());
    }
    builder.build()
}

/// A refusal for good (5xx) or something worth trying again.
fn classify(e: lettre::transport::smtp::Error) -> SendError {
    if e.is_permanent() {
        SendError::Permanent(smtp_error_text(&e))
    } else {
        SendError::Transient(smtp_error_text(&e))
    }
}

fn answer(response: &lettre::transport::smtp::response::Response) -> String {
    format!(
        "{} {}",
        response.code(),
        response.message().collect::<Vec<_>>().join(" ")
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StartTls {
    Never,
    IfOffered,
    Required,
}

/// A pool of SMTP connections with TCP_NODELAY, at most [`MAX_CONNECTIONS`].
pub struct Lanes {
    host: String,
    port: u16,
    starttls: StartTls,
    credentials: Option<Credentials>,
    hello: ClientId,
    roots: Vec<Certificate>,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
    permits: Semaphore,
}

impl Lanes {
    fn from_url(url: &str, roots: Vec<Certificate>) -> Result<Self, String> {
        let u =
            url::Url::parse(&effective_url(url)?).map_err(|e| format!("CERMIN_SMTP_URL: {e}"))?;
        let host = u
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("CERMIN_SMTP_URL: no host")?
            .trim_matches(['[', ']'])
            .to_string();
        let starttls = match u
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.to_string())
        {
            None => StartTls::Never,
            Some(v) if v == "required" => StartTls::Required,
            Some(v) if v == "opportunistic" => StartTls::IfOffered,
            Some(v) => {
                return Err(format!(
                    "CERMIN_SMTP_URL: tls={v} is not none, opportunistic or required"
                ))
            }
        };
        let port = u.port().unwrap_or(if starttls == StartTls::Never {
            lettre::transport::smtp::SMTP_PORT
        } else {
            lettre::transport::smtp::SUBMISSION_PORT
        });
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let credentials = u
            .password()
            .map(|p| Credentials::new(decode(u.username()), decode(p)));
        let hello = if u.path().len() > 1 {
            ClientId::Domain(u.path().trim_matches('/').to_string())
        } else {
            ClientId::default()
        };
        Ok(Self {
            host,
            port,
            starttls,
            credentials,
            hello,
            roots,
            idle: Mutex::new(vec![]),
            permits: Semaphore::new(MAX_CONNECTIONS),
        })
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let unreachable = |e: String| {
            SendError::Transient(format!(
                "cannot connect to {}:{}: {e}",
                self.host, self.port
            ))
        };
        let tcp = tokio::time::timeout(
            TIMEOUT,
            tokio::net::TcpStream::connect((self.host.as_str(), self.port)),
        )
        .await
        .map_err(|_| unreachable("timed out".into()))?
        .map_err(|e| unreachable(e.to_string()))?;
        tcp.set_nodelay(true)
            .map_err(|e| unreachable(e.to_string()))?;
        let mut conn = AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello)
            .await
            .map_err(classify)?;
        let tls = || tls_parameters(&self.host, &self.roots).map_err(classify);
        match self.starttls {
            StartTls::Required => conn.starttls(tls()?, &self.hello).await.map_err(classify)?,
            StartTls::IfOffered if conn.can_starttls() => {
                conn.starttls(tls()?, &self.hello).await.map_err(classify)?
            }
            _ => {}
        }
        if let Some(c) = &self.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], c)
                .await
                .map_err(classify)?;
        }
        Ok(conn)
    }

    fn take_idle(&self) -> Option<AsyncSmtpConnection> {
        let mut idle = self.idle.lock().ok()?;
        while let Some((conn, since)) = idle.pop() {
            if since.elapsed() < IDLE_LIMIT {
                return Some(conn);
            }
        }
        None
    }

    async fn send(&self, message: &Message) -> Result<String, SendError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| SendError::Transient(e.to_string()))?;
        let envelope = message.envelope();
        let body = message.formatted();
        let (mut conn, reused) = match self.take_idle() {
            Some(c) => (c, true),
            None => (self.connect().await?, false),
        };
        let mut result = conn.send(envelope, &body).await;
        if reused
            && result
                .as_ref()
                .is_err_and(|e| !e.is_permanent() && !e.is_transient())
        {
            // The server closed a pooled connection while it sat idle.
            conn = self.connect().await?;
            result = conn.send(envelope, &body).await;
        }
        if result.is_ok() && !conn.has_broken() {
            if let Ok(mut idle) = self.idle.lock() {
                idle.push((conn, Instant::now()));
            }
        }
        result.map(|r| answer(&r)).map_err(classify)
    }
}

/// The error with its cause chain: lettre's top line alone often hides the
/// server's words.
fn smtp_error_text(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starttls_unless_loopback_or_asked_otherwise() {
        assert_eq!(
            effective_url("smtp://u:p@mail.example.com:587").as_deref(),
            Ok("smtp://u:p@mail.example.com:587?tls=required")
        );
        assert_eq!(
            effective_url("smtp://127.0.0.1:2525").as_deref(),
            Ok("smtp://127.0.0.1:2525")
        );
        assert_eq!(
            effective_url("smtp://relay.internal:25?tls=none").as_deref(),
            Ok("smtp://relay.internal:25")
        );
        assert_eq!(
            effective_url("smtps://mail.example.com").as_deref(),
            Ok("smtps://mail.example.com")
        );
        assert_eq!(
            redact("smtp://user:secret@mail.example.com:587"),
            "smtp://user:***@mail.example.com:587"
        );
    }
}

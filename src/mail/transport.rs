//! Where mail goes: an SMTP server (pooled connections; STARTTLS on
//! `smtp://`, implicit TLS on `smtps://`), or, when no SMTP server is set,
//! `.eml` files under the data directory so that a demo needs no mail server.

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

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

pub enum Transport {
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
    pub fn new(smtp_url: Option<&str>, data_dir: &std::path::Path) -> Result<Self, String> {
        match smtp_url {
            Some(url) => {
                let inner = AsyncSmtpTransport::<Tokio1Executor>::from_url(&effective_url(url)?)
                    .map_err(|e| format!("CERMIN_SMTP_URL: {e}"))?
                    .timeout(Some(Duration::from_secs(30)))
                    .pool_config(PoolConfig::new().max_size(8))
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
            Transport::Smtp { described, .. } => described.clone(),
            Transport::File { dir, .. } => format!("file://{}", dir.display()),
        }
    }

    /// Send one message; the server's answer on success.
    pub async fn send(&self, message: Message) -> Result<String, SendError> {
        match self {
            Transport::Smtp { inner, .. } => match inner.send(message).await {
                Ok(response) => Ok(format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                )),
                Err(e) if e.is_permanent() => Err(SendError::Permanent(smtp_error_text(&e))),
                Err(e) => Err(SendError::Transient(smtp_error_text(&e))),
            },
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

//! A real SMTP server on loopback for the mail tests (mailin-embedded, on its
//! own thread): it keeps every message it accepts, can refuse a mailbox for
//! good (550), and can be started on a port that was dead until then.

use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mail_parser::{MessageParser, MimeHeaders};
use mailin_embedded::{response, Handler, Response, Server};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    inbox: Vec<Received>,
    refuse: Vec<String>,
}

#[derive(Clone)]
struct Peer {
    shared: Arc<Mutex<Shared>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Peer {
    fn rcpt(&mut self, to: &str) -> Response {
        let refused = self
            .shared
            .lock()
            .expect("lock")
            .refuse
            .iter()
            .any(|r| r.eq_ignore_ascii_case(to));
        if refused {
            return response::NO_MAILBOX;
        }
        response::OK
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.shared.lock().expect("lock").inbox.push(Received {
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.data),
        });
        response::OK
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }
}

pub struct SmtpPeer {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
}

/// A loopback port with nothing listening on it (yet).
pub fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

impl SmtpPeer {
    pub fn start() -> Self {
        Self::start_on(0)
    }

    /// Start on any free port, offering STARTTLS with this certificate.
    pub fn start_tls(cert_path: &str, key_path: &str) -> Self {
        // The test server's TLS (rustls) needs a process-wide crypto provider
        // when more than one is compiled in; Cermin's own client names its own.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self::start_with(0, Some((cert_path.to_string(), key_path.to_string())))
    }

    /// Start listening on `port` (0: any free port).
    pub fn start_on(port: u16) -> Self {
        Self::start_with(port, None)
    }

    fn start_with(port: u16, tls: Option<(String, String)>) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind the SMTP test port");
        let port = listener.local_addr().expect("addr").port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let handler = Peer {
            shared: shared.clone(),
            to: vec![],
            data: vec![],
        };
        std::thread::spawn(move || {
            let mut server = Server::new(handler);
            server
                .with_name("smtp.test")
                .with_num_threads(64)
                .with_tcp_listener(listener);
            if let Some((cert_path, key_path)) = tls {
                server
                    .with_ssl(mailin_embedded::SslConfig::SelfSigned {
                        cert_path,
                        key_path,
                    })
                    .expect("the test certificate");
            }
            let _ = server.serve();
        });
        Self { port, shared }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Refuse this mailbox for good from now on.
    pub fn refuse(&self, address: &str) {
        self.shared
            .lock()
            .expect("lock")
            .refuse
            .push(address.to_string());
    }

    pub fn accept_all(&self) {
        self.shared.lock().expect("lock").refuse.clear();
    }

    pub fn messages(&self) -> Vec<Mail> {
        self.shared
            .lock()
            .expect("lock")
            .inbox
            .iter()
            .map(Mail::parse)
            .collect()
    }

    pub fn count(&self) -> usize {
        self.shared.lock().expect("lock").inbox.len()
    }

    /// Wait (up to 20 s) until at least `n` messages arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        let deadline = std::time::Instant::now() + crate::helpers::WAIT;
        while self.count() < n && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let got = self.messages();
        assert!(
            got.len() >= n,
            "expected {n} messages, got {}: {:?}",
            got.len(),
            got.iter().map(|m| (&m.to, &m.subject)).collect::<Vec<_>>()
        );
        got
    }
}

/// Every message the peer accepted shows only messages the server could
/// translate (`helpers::assert_translated`), whether or not the test read it.
impl Drop for SmtpPeer {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let inbox = std::mem::take(&mut self.shared.lock().expect("lock").inbox);
        for r in &inbox {
            crate::helpers::assert_mail_translated(&format!("to {:?}", r.to), &r.data);
        }
    }
}

/// The words of one calendar event, as written in the file.
#[derive(Debug, Clone)]
pub struct EventTexts {
    pub attendee: String,
    /// The CN parameter's values (more than one means a broken quote).
    pub cn: Vec<String>,
    pub summary: String,
    pub description: String,
}

/// A received message, parsed by a real MIME parser.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub content_language: String,
    pub text: String,
    pub html: String,
    /// The text/calendar attachment, if any, and its method.
    pub ics: Option<String>,
    pub ics_method: Option<String>,
    pub content_type: String,
}

impl Mail {
    fn parse(r: &Received) -> Mail {
        let msg = MessageParser::default()
            .parse(&r.data)
            .expect("a MIME message the parser accepts");
        let mut ics = None;
        let mut ics_method = None;
        for part in msg.attachments() {
            if let Some(ct) = part.content_type() {
                if ct.ctype() == "text" && ct.subtype() == Some("calendar") {
                    ics = part.text_contents().map(str::to_string);
                    ics_method = ct.attribute("method").map(str::to_string);
                }
            }
        }
        Mail {
            to: r.to.first().cloned().unwrap_or_default(),
            subject: msg.subject().unwrap_or_default().to_string(),
            message_id: msg.message_id().unwrap_or_default().to_string(),
            content_language: msg
                .header_raw("Content-Language")
                .unwrap_or_default()
                .trim()
                .to_string(),
            text: msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: msg.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            ics,
            ics_method,
            content_type: msg
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
                .unwrap_or_default(),
        }
    }

    /// The first link in the text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with(prefix))
            .map(|w| w.trim_end_matches(['.', ',', ')', '>']).to_string())
    }

    /// Each calendar event's UID with its URL, read by a real iCalendar parser.
    pub fn event_urls(&self) -> Vec<(String, String)> {
        let text = self.ics.as_deref().expect("a calendar attachment");
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = parser
            .next()
            .expect("one calendar")
            .expect("a calendar the parser accepts");
        cal.events
            .iter()
            .map(|e| {
                let prop = |name: &str| {
                    e.properties
                        .iter()
                        .find(|p| p.name == name)
                        .and_then(|p| p.value.clone())
                        .unwrap_or_default()
                };
                (prop("UID"), prop("URL"))
            })
            .collect()
    }

    /// Each calendar event's attendee: its address and its name (the CN as
    /// written, RFC 6868 encoding and all), SUMMARY and DESCRIPTION (as
    /// written, RFC 5545 escapes and all), read by a real iCalendar parser.
    pub fn event_texts(&self) -> Vec<EventTexts> {
        let text = self.ics.as_deref().expect("a calendar attachment");
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = parser
            .next()
            .expect("one calendar")
            .expect("a calendar the parser accepts");
        cal.events
            .iter()
            .map(|e| {
                let prop = |name: &str| e.properties.iter().find(|p| p.name == name);
                let value =
                    |name: &str| prop(name).and_then(|p| p.value.clone()).unwrap_or_default();
                let cn = prop("ATTENDEE")
                    .and_then(|p| p.params.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .find(|(k, _)| k == "CN")
                    .map(|(_, v)| v)
                    .unwrap_or_default();
                EventTexts {
                    attendee: value("ATTENDEE"),
                    cn,
                    summary: value("SUMMARY"),
                    description: value("DESCRIPTION"),
                }
            })
            .collect()
    }

    /// The calendar's events, read by a real iCalendar parser:
    /// (UID, SEQUENCE, DTSTART value, STATUS).
    pub fn events(&self) -> Vec<(String, String, String, String)> {
        let text = self.ics.as_deref().expect("a calendar attachment");
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = parser
            .next()
            .expect("one calendar")
            .expect("a calendar the parser accepts");
        cal.events
            .iter()
            .map(|e| {
                let prop = |name: &str| {
                    e.properties
                        .iter()
                        .find(|p| p.name == name)
                        .and_then(|p| p.value.clone())
                        .unwrap_or_default()
                };
                (
                    prop("UID"),
                    prop("SEQUENCE"),
                    prop("DTSTART"),
                    prop("STATUS"),
                )
            })
            .collect()
    }
}

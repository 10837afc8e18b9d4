//! Measuring: real HTTP/1.1 requests over loopback, one at a time, with a
//! kept-alive connection per visitor, the visitor's session cookie and
//! `Accept-Encoding: gzip` as a browser sends them.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, ACCEPT_ENCODING, COOKIE};

use super::generate::Org;
use super::{COMMON_NAME, MIN_SAMPLES, SAMPLES, TIME_BUDGET, WARMUP};

/// An answer: its status and its body as it came over the wire (compressed
/// when the server compressed it).
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) body: Vec<u8>,
}

/// One visitor: a client with its own kept-alive connection and, once
/// signed in, its session cookie.
pub(super) struct Client {
    http: reqwest::Client,
    base: String,
}

impl Client {
    pub(super) fn new(addr: SocketAddr, session_token: Option<&str>) -> anyhow::Result<Self> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("text/html"));
        if let Some(token) = session_token {
            let cookie = format!("{}={token}", crate::auth::session::cookie_name(false));
            headers.insert(COOKIE, HeaderValue::from_str(&cookie)?);
        }
        // reqwest is built without its `gzip` feature: it neither asks for
        // gzip nor decompresses, so the body is the bytes the server sent and
        // the time stops at its last byte, as a browser's network panel shows.
        let http = reqwest::Client::builder()
            .http1_only()
            .tcp_nodelay(true)
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(120))
            .user_agent("cermin-bench")
            .default_headers(headers)
            .build()?;
        Ok(Client {
            http,
            base: format!("http://{addr}"),
        })
    }

    /// GET `path`, asking for gzip or not, and read the whole body.
    pub(super) async fn get(&self, path: &str, gzip: bool) -> anyhow::Result<Reply> {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if gzip {
            request = request.header(ACCEPT_ENCODING, "gzip");
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?.to_vec();
        Ok(Reply { status, body })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    Anonymous,
    Employee,
    Manager,
    Hr,
}

pub(super) struct PageSpec {
    pub(super) label: String,
    pub(super) who: Who,
    pub(super) path: String,
    /// Text the page must contain (checked once, uncompressed).
    pub(super) marker: Option<String>,
    /// A 404 is reported, not fatal (a page still being built).
    pub(super) may_be_missing: bool,
}

pub(super) struct PageResult {
    pub(super) label: String,
    pub(super) path: String,
    pub(super) samples: usize,
    pub(super) median_ms: f64,
    pub(super) p95_ms: f64,
    pub(super) max_ms: f64,
    pub(super) per_second: f64,
    pub(super) html_bytes: usize,
    pub(super) sent_bytes: usize,
    pub(super) missing: bool,
}

/// The pages measured, who asks for them, and what each must show.
pub(super) fn pages(org: &Org) -> Vec<PageSpec> {
    let spec = |label: &str, who, path: String, marker: Option<&str>| PageSpec {
        label: label.to_string(),
        who,
        path,
        marker: marker.map(str::to_string),
        may_be_missing: false,
    };
    let query: String =
        percent_encoding::utf8_percent_encode(COMMON_NAME, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    vec![
        spec(
            "sign-in (anonymous)",
            Who::Anonymous,
            "/sign-in".into(),
            Some("csrf_token"),
        ),
        spec(
            "home (employee)",
            Who::Employee,
            "/".into(),
            Some(&org.open_cycle_name),
        ),
        spec("home (HR)", Who::Hr, "/".into(), None),
        spec(
            &format!("people, page 1 of {}", org.people),
            Who::Hr,
            "/people".into(),
            None,
        ),
        spec(
            &format!("people search ({} matches)", org.search_matches),
            Who::Hr,
            format!("/people?q={query}"),
            Some(COMMON_NAME),
        ),
        spec(
            "person (HR)",
            Who::Hr,
            format!("/people/{}", org.employee_id),
            Some(&org.employee_name),
        ),
        spec(
            "review, shared + acknowledged",
            Who::Employee,
            format!("/reviews/{}", org.closed_review),
            Some(&org.closed_cycle_name),
        ),
        spec(
            "self-assessment form",
            Who::Employee,
            format!("/reviews/{}/self", org.self_review),
            Some(&org.open_cycle_name),
        ),
        spec(
            "manager review form",
            Who::Manager,
            format!("/reviews/{}/manager", org.manager_review),
            Some(&org.employee2_name),
        ),
        spec(
            "history, 7 reviews",
            Who::Employee,
            "/history".into(),
            Some(&org.closed_cycle_name),
        ),
        spec(
            "team (manager)",
            Who::Manager,
            "/team".into(),
            Some(&org.employee_name),
        ),
        spec(
            &format!("cycle progress, {} reviews (HR)", org.people - 1),
            Who::Hr,
            format!("/cycles/{}/progress", org.open_cycle),
            Some(&org.open_cycle_name),
        ),
        spec(
            &format!("fair ratings, {} reviews (HR)", org.people - 1),
            Who::Hr,
            format!("/cycles/{}/ratings", org.open_cycle),
            Some(&org.open_cycle_name),
        ),
        spec(
            "calibration, whole organisation (HR)",
            Who::Hr,
            format!("/cycles/{}/calibration", org.open_cycle),
            Some(&org.open_cycle_name),
        ),
        spec(
            "calibration, sorted by mean (HR)",
            Who::Hr,
            format!("/cycles/{}/calibration?sort=mean&dir=desc", org.open_cycle),
            Some(&org.open_cycle_name),
        ),
        spec(
            "cycle progress, manager's organisation",
            Who::Manager,
            format!("/cycles/{}/progress", org.open_cycle),
            Some(&org.open_cycle_name),
        ),
        spec(
            "strengths and weaknesses, 6 cycles (HR)",
            Who::Hr,
            "/insights".into(),
            Some(&org.open_cycle_name),
        ),
        spec(
            "strengths and weaknesses, manager's team",
            Who::Manager,
            "/insights".into(),
            Some(&org.open_cycle_name),
        ),
        spec("audit log (HR)", Who::Hr, "/audit".into(), None),
        spec("mail outbox (HR)", Who::Hr, "/mail".into(), None),
        PageSpec {
            may_be_missing: true,
            ..spec(
                &format!("open cycle, {} reviews", org.people - 1),
                Who::Hr,
                format!("/cycles/{}", org.open_cycle),
                Some(&org.open_cycle_name),
            )
        },
        spec(
            "journal, 150 entries",
            Who::Employee,
            "/journal".into(),
            Some(&org.journal_snippet),
        ),
    ]
}

/// Request every page, one request at a time, and time each.
pub(super) fn measure(addr: SocketAddr, org: &Org) -> anyhow::Result<Vec<PageResult>> {
    // The client's own runtime, on this thread: the server runs on others.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let _guard = rt.enter();
    let mut clients: HashMap<u8, Client> = HashMap::new();
    clients.insert(0, Client::new(addr, None)?);
    clients.insert(1, Client::new(addr, Some(&org.employee_token))?);
    clients.insert(2, Client::new(addr, Some(&org.manager_token))?);
    clients.insert(3, Client::new(addr, Some(&org.hr_token))?);
    let mut results = vec![];
    println!("\nMeasuring (page, median ms):");
    for page in pages(org) {
        let key = match page.who {
            Who::Anonymous => 0,
            Who::Employee => 1,
            Who::Manager => 2,
            Who::Hr => 3,
        };
        let client = clients.get(&key).ok_or_else(|| anyhow!("no client"))?;
        let Some(html_bytes) = rt.block_on(check(client, &page))? else {
            println!("  {:<34} 404 Not Found (not built yet)", page.label);
            results.push(PageResult {
                label: page.label,
                path: page.path,
                samples: 0,
                median_ms: 0.0,
                p95_ms: 0.0,
                max_ms: 0.0,
                per_second: 0.0,
                html_bytes: 0,
                sent_bytes: 0,
                missing: true,
            });
            continue;
        };
        let mut sent_bytes = 0;
        for _ in 0..WARMUP {
            let r = rt.block_on(client.get(&page.path, true))?;
            if r.status != 200 {
                bail!("GET {} answered {} during warm-up", page.path, r.status);
            }
            sent_bytes = r.body.len();
        }
        let mut times = Vec::with_capacity(SAMPLES);
        let started = Instant::now();
        while times.len() < SAMPLES
            && (times.len() < MIN_SAMPLES || started.elapsed() < TIME_BUDGET)
        {
            let t = Instant::now();
            let r = rt.block_on(client.get(&page.path, true))?;
            let elapsed = t.elapsed();
            if r.status != 200 {
                bail!("GET {} answered {}", page.path, r.status);
            }
            times.push(elapsed.as_secs_f64() * 1000.0);
        }
        let total = started.elapsed().as_secs_f64();
        let n = times.len();
        times.sort_by(|a, b| a.total_cmp(b));
        let pct = |p: f64| times[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        let result = PageResult {
            label: page.label,
            path: page.path,
            samples: n,
            median_ms: pct(0.5),
            p95_ms: pct(0.95),
            max_ms: times[n - 1],
            per_second: n as f64 / total,
            html_bytes,
            sent_bytes,
            missing: false,
        };
        println!("  {:<34} {:>8.2}", result.label, result.median_ms);
        results.push(result);
    }
    Ok(results)
}

/// Ask for a page once, uncompressed: it must answer 200 and show its
/// marker. Its size in bytes, or `None` for a 404 that may be missing.
pub(super) async fn check(client: &Client, page: &PageSpec) -> anyhow::Result<Option<usize>> {
    let plain = client.get(&page.path, false).await?;
    if plain.status == 404 && page.may_be_missing {
        return Ok(None);
    }
    if plain.status != 200 {
        bail!(
            "GET {} answered {} (expected 200): a benchmark of an error page is worthless\n{}",
            page.path,
            plain.status,
            String::from_utf8_lossy(&plain.body)
                .chars()
                .take(2000)
                .collect::<String>()
        );
    }
    if let Some(marker) = &page.marker {
        if !String::from_utf8_lossy(&plain.body).contains(marker.as_str()) {
            bail!(
                "GET {} did not show `{marker}`: not the page meant to be measured",
                page.path
            );
        }
    }
    Ok(Some(plain.body.len()))
}

/// A download of the open cycle's results, timed to its last byte, with
/// how much the process's resident memory grew while it streamed.
pub(super) struct ExportResult {
    pub(super) kind: &'static str,
    pub(super) seconds: f64,
    pub(super) bytes: usize,
    pub(super) lines: usize,
    pub(super) extra_mb: f64,
}

fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Download the open cycle's results as HR (CSV, then the workbook), three
/// times each; the median time and the largest growth of resident memory.
pub(super) fn measure_exports(addr: SocketAddr, org: &Org) -> anyhow::Result<Vec<ExportResult>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let client = Client::new(addr, Some(&org.hr_token))?;
    let mut results = vec![];
    println!("\nDownloads of the open cycle (HR):");
    for kind in ["results_csv", "workbook"] {
        let mut times = vec![];
        let (mut bytes, mut lines, mut extra_kb) = (0, 0, 0u64);
        for _ in 0..3 {
            let before = resident_kb();
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let sampler = {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut most = 0;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        most = most.max(resident_kb());
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    most
                })
            };
            let started = Instant::now();
            let body = rt.block_on(async {
                let response = client
                    .http
                    .post(format!("{}/cycles/{}/export", client.base, org.open_cycle))
                    .header("Origin", &client.base)
                    .form(&[("csrf_token", org.hr_csrf.as_str()), ("kind", kind)])
                    .send()
                    .await?;
                if response.status() != 200 {
                    bail!("the download answered {}", response.status());
                }
                Ok(response.bytes().await?.to_vec())
            })?;
            times.push(started.elapsed().as_secs_f64());
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let most = sampler.join().unwrap_or(0);
            extra_kb = extra_kb.max(most.saturating_sub(before));
            bytes = body.len();
            lines = body.iter().filter(|b| **b == b'\n').count();
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let r = ExportResult {
            kind,
            seconds: times[1],
            bytes,
            lines,
            extra_mb: extra_kb as f64 / 1024.0,
        };
        println!(
            "  {:<12} {:>6.2} s  {:>8} bytes  {:>6} lines  +{:.1} MB resident",
            r.kind, r.seconds, r.bytes, r.lines, r.extra_mb
        );
        results.push(r);
    }
    Ok(results)
}

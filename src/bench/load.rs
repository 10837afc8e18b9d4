//! `cermin bench --load`: every page under concurrent load, as a share of
//! the reference page measured in the same run, autosave throughput with a
//! check that every acknowledged save is stored, and the server's memory.
//!
//! 1. The database and the organisation, as `cermin bench` makes them.
//! 2. `cermin serve` as its own process (this same benchmark build, with the
//!    reference page mounted), so its memory is its own.
//! 3. Each page checked once (200, and it shows what it should), then loaded
//!    by wrk, a maintained load generator (Debian's `wrk` package), at 1, 16
//!    and 64 kept-alive connections with `Accept-Encoding: gzip`, signed in
//!    as the person who uses the page. The reference page is loaded before,
//!    in the middle of and after the pages at each level, and each page's
//!    throughput is reported as a share of the reference's median.
//! 4. Autosave: the review form's background save on many reviews at once,
//!    each save with the version the previous answer gave; then every
//!    acknowledged save is looked up in the database.
//! 5. Resident memory idle, at peak, and a while after the load.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};
use diesel::prelude::*;

use super::generate::Org;
use super::measure::{check, pages, Client, PageSpec, Who};
use super::report::{load_average, Machine};
use super::{build, count_of, reference, server_env, Scratch};
use crate::config::Settings;
use crate::db::schema::{answers, form_questions, form_sections, review_cycles, reviews};
use crate::db::{Backend, Db, DbConnection};

const PAGES_LUA: &str = include_str!("wrk/pages.lua");
const AUTOSAVE_LUA: &str = include_str!("wrk/autosave.lua");
/// Connections per run: one visitor, a busy office, a crowd.
const LEVELS: [usize; 3] = [1, 16, 64];
/// The level the targets are set at.
const TARGET_LEVEL: usize = 64;

/// How long to load each page, and the rest of the run's shape.
pub struct Options {
    /// Seconds of load per page and level (autosave gets twice this).
    pub seconds: u64,
    /// Seconds to wait after the load before reading memory "after".
    pub settle_seconds: u64,
    /// Reviews saved by autosave at once (each by its own person).
    pub writers: usize,
    /// Only the pages whose label contains one of these (all when empty).
    pub only: Vec<String>,
}

pub fn run(people: usize, database_url: Option<String>, options: Options) -> anyhow::Result<()> {
    if people < 30 {
        bail!("--people must be at least 30");
    }
    let wrk = find_wrk()?;
    let scratch = Scratch::create(database_url)?;
    let port = free_port()?;
    let env = server_env(&scratch, port);
    let settings = Settings::from_env_map(&env).map_err(|e| anyhow!("{e}"))?;
    let today = chrono::Utc::now()
        .with_timezone(&settings.timezone)
        .date_naive();
    let machine = Machine::detect();
    let load_at_start = load_average();
    println!("Cermin benchmark under load");
    machine.print();
    println!("  database     {}", settings.database_url.redacted());
    println!("  wrk          {}", wrk.version);
    if cfg!(debug_assertions) {
        println!("\n  WARNING: this is a debug build; the figures mean little. Use `cargo run --release --features bench -- bench --load`.");
    }

    let built = build(&settings, &scratch, people, today)?;
    let writers = {
        let db = Db::connect(&settings.database_url, 1)?;
        let mut conn = db.get()?;
        sign_in_writers(&mut conn, &built.org.open_cycle, options.writers)?
    };
    if writers.len() < 4 * TARGET_LEVEL {
        bail!(
            "only {} reviews at the self-assessment to autosave; use more --people",
            writers.len()
        );
    }
    let writers_file = scratch.dir.join("writers.txt");
    write_writers(&writers_file, &writers)?;

    // ---- the server, in its own process ----
    let mut server = Server::start(&scratch, env, port)?;
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let base = format!("http://{addr}");
    let specs: Vec<PageSpec> = pages(&built.org)
        .into_iter()
        .filter(|p| {
            options.only.is_empty() || options.only.iter().any(|o| p.label.contains(o.as_str()))
        })
        .collect();
    let sizes = check_pages(addr, &built.org, &specs)?;
    std::thread::sleep(Duration::from_secs(2));
    let idle = server.memory()?;
    println!(
        "\nThe server answers; {} MB resident, idle.",
        mb(idle.resident)
    );

    let scripts = Scripts::write(&scratch.dir)?;
    let cookie = |who: Who| -> Option<String> {
        let token = match who {
            Who::Anonymous => return None,
            Who::Employee => &built.org.employee_token,
            Who::Manager => &built.org.manager_token,
            Who::Hr => &built.org.hr_token,
        };
        Some(format!(
            "{}={token}",
            crate::auth::session::cookie_name(false)
        ))
    };
    let mut reference_runs: HashMap<usize, Vec<WrkRun>> = HashMap::new();
    let mut page_runs: HashMap<(usize, usize), WrkRun> = HashMap::new();
    let reference_url = format!("{base}{}", reference::PATH);
    println!(
        "\nLoading each page for {} s at {:?} connections (requests/s, p99 ms):",
        options.seconds, LEVELS
    );
    // The reference page at `level`: after the server is idle, recorded.
    let mut reference = |level: usize| -> anyhow::Result<()> {
        server.wait_idle();
        let r = wrk.get(&scripts.pages, &reference_url, None, level, options.seconds)?;
        println!(
            "  c={level:<3} reference page {:>34.0} {:>8.1}",
            r.per_second(),
            r.p99_ms()
        );
        reference_runs.entry(level).or_default().push(r);
        Ok(())
    };
    for level in LEVELS {
        let middle = specs.len() / 2;
        reference(level)?;
        for (i, spec) in specs.iter().enumerate() {
            if i == middle {
                reference(level)?;
            }
            if sizes[i].is_none() {
                continue;
            }
            let url = format!("{base}{}", spec.path);
            let c = cookie(spec.who);
            if level == LEVELS[0] {
                // Warm the caches and prepared statements (not counted).
                wrk.get(&scripts.pages, &url, c.as_deref(), 16, 1)?;
            }
            server.wait_idle();
            let r = wrk.get(&scripts.pages, &url, c.as_deref(), level, options.seconds)?;
            println!(
                "  c={level:<3} {:<49} {:>8.0} {:>8.1}{}",
                spec.label,
                r.per_second(),
                r.p99_ms(),
                if r.errors() > 0 {
                    format!("  {} errors", r.errors())
                } else {
                    String::new()
                }
            );
            page_runs.insert((level, i), r);
        }
        reference(level)?;
    }

    // ---- autosave ----
    let acks_file = scratch.dir.join("acks.txt");
    let save_seconds = options.seconds * 2;
    println!(
        "\nAutosave: {} reviews, {TARGET_LEVEL} connections, {save_seconds} s...",
        writers.len()
    );
    server.wait_idle();
    let saves = wrk.autosave(
        &scripts.autosave,
        &base,
        &writers_file,
        &acks_file,
        TARGET_LEVEL,
        save_seconds,
    )?;
    let stored = {
        let db = Db::connect(&settings.database_url, 1)?;
        let mut conn = db.get()?;
        verify_saves(&mut conn, &acks_file, &writers)?
    };
    let peak = server.memory()?;
    println!(
        "\nWaiting {} s after the load to read memory again...",
        options.settle_seconds
    );
    std::thread::sleep(Duration::from_secs(options.settle_seconds));
    let after = server.memory()?;
    server.stop();

    // ---- the report ----
    let backend = if scratch_is_postgres(&scratch) {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    println!();
    machine.print();
    println!("  database     {}", built.version);
    println!("  load average {load_at_start} when the run started");
    println!(
        "  data         {people} people, {} reviews, {} answers, {} audit rows",
        count_of(&built.counts, "reviews"),
        count_of(&built.counts, "answers"),
        count_of(&built.counts, "audit_log")
    );
    println!(
        "  load         wrk, {} s per page and level, keep-alive, gzip; server: 2 workers, pool of 8",
        options.seconds
    );
    println!();
    print_pages(&specs, &sizes, &page_runs, &reference_runs, backend);
    println!();
    let elapsed = saves.duration_us as f64 / 1e6;
    println!(
        "autosave: {} saves acknowledged in {elapsed:.1} s = {:.0} per second, p50 {:.1} ms, p99 {:.1} ms, {} refused, {} socket errors",
        saves.saved,
        saves.saved as f64 / elapsed,
        saves.p50_us as f64 / 1000.0,
        saves.p99_ms(),
        saves.refused,
        saves.socket_errors
    );
    println!(
        "  stored: {} of {} reviews hold their last acknowledged save ({} of them were saved again by a request the run stopped before its answer came)",
        stored.matched, stored.checked, stored.superseded
    );
    println!(
        "memory (resident): {} MB idle, {} MB peak, {} MB {} s after the load",
        mb(idle.resident),
        mb(peak.peak),
        mb(after.resident),
        options.settle_seconds
    );
    if stored.matched != stored.checked {
        bail!(
            "{} acknowledged saves are not what the database holds",
            stored.checked - stored.matched
        );
    }
    Ok(())
}

fn mb(kb: u64) -> String {
    format!("{:.0}", kb as f64 / 1024.0)
}

fn scratch_is_postgres(scratch: &Scratch) -> bool {
    scratch.url.starts_with("postgres")
}

fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("bind 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// Check every page once, as its visitor, before loading it; its HTML size
/// (`None`: a page not built yet).
fn check_pages(
    addr: SocketAddr,
    org: &Org,
    specs: &[PageSpec],
) -> anyhow::Result<Vec<Option<usize>>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let _guard = rt.enter();
    let clients = [
        (Who::Anonymous, Client::new(addr, None)?),
        (Who::Employee, Client::new(addr, Some(&org.employee_token))?),
        (Who::Manager, Client::new(addr, Some(&org.manager_token))?),
        (Who::Hr, Client::new(addr, Some(&org.hr_token))?),
    ];
    // The server may still be starting.
    let started = Instant::now();
    loop {
        match rt.block_on(clients[0].1.get("/readyz", false)) {
            Ok(r) if r.status == 200 => break,
            _ if started.elapsed() > Duration::from_secs(120) => {
                bail!("the server did not become ready in 120 s")
            }
            _ => std::thread::sleep(Duration::from_millis(200)),
        }
    }
    let reference = rt.block_on(clients[0].1.get(reference::PATH, false))?;
    if reference.status != 200 {
        bail!("the reference page answered {}", reference.status);
    }
    let mut sizes = vec![];
    for spec in specs {
        let client = clients
            .iter()
            .find(|(w, _)| *w == spec.who)
            .map(|(_, c)| c)
            .ok_or_else(|| anyhow!("no client"))?;
        let size = rt.block_on(check(client, spec))?;
        if size.is_none() {
            println!("  {}: 404 Not Found (not built yet)", spec.label);
        }
        sizes.push(size);
    }
    Ok(sizes)
}

// ---------------------------------------------------------------------------
// The server process

struct Memory {
    /// VmRSS, kB.
    resident: u64,
    /// VmHWM (the most resident so far), kB.
    peak: u64,
}

struct Server {
    child: Child,
    log: PathBuf,
}

impl Server {
    fn start(scratch: &Scratch, env: HashMap<String, String>, port: u16) -> anyhow::Result<Self> {
        let log = scratch.dir.join("server.log");
        let out = File::create(&log)?;
        let child = Command::new(std::env::current_exe()?)
            .arg("serve")
            .envs(env)
            .env(reference::ENV, "1")
            // Email has its own benchmark (`bench --mail`): the reminders
            // the open cycle is due are queued here but not sent, so their
            // rendering does not share the cores with the pages measured.
            .env("CERMIN_MAIL_WORKER", "false")
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .context("start `cermin serve`")?;
        println!(
            "\nStarted `cermin serve` (pid {}) on port {port}.",
            child.id()
        );
        Ok(Server { child, log })
    }

    fn memory(&mut self) -> anyhow::Result<Memory> {
        if let Ok(Some(status)) = self.child.try_wait() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            bail!("the server stopped ({status}):\n{log}");
        }
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .context("read the server's memory from /proc (Linux only)")?;
        let field = |name: &str| -> u64 {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        Ok(Memory {
            resident: field("VmRSS:"),
            peak: field("VmHWM:"),
        })
    }

    /// The server's CPU time so far (user + system), in clock ticks.
    fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // After the command name's closing parenthesis: fields 3 onwards.
        let rest = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let utime: u64 = fields.get(11)?.parse().ok()?;
        let stime: u64 = fields.get(12)?.parse().ok()?;
        Some(utime + stime)
    }

    /// Wait (up to 30 s) until the server has finished what the last run
    /// left queued: a slow page's backlog must not be charged to the next.
    fn wait_idle(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = self.cpu_ticks();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(250));
            let now = self.cpu_ticks();
            match (last, now) {
                // Under 2 ticks (20 ms) of CPU in 250 ms: idle.
                (Some(a), Some(b)) if b.saturating_sub(a) < 2 => return,
                (None, _) | (_, None) => return,
                _ => last = now,
            }
        }
    }

    fn stop(&mut self) {
        // SIGTERM, so it stops as it would under a service manager.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

// ---------------------------------------------------------------------------
// wrk

struct Wrk {
    path: PathBuf,
    version: String,
}

struct Scripts {
    pages: PathBuf,
    autosave: PathBuf,
}

impl Scripts {
    fn write(dir: &Path) -> anyhow::Result<Self> {
        let pages = dir.join("pages.lua");
        let autosave = dir.join("autosave.lua");
        std::fs::write(&pages, PAGES_LUA)?;
        std::fs::write(&autosave, AUTOSAVE_LUA)?;
        Ok(Scripts { pages, autosave })
    }
}

/// What one wrk run printed on its `CERMIN` line.
#[derive(Debug, Default)]
struct WrkRun {
    requests: u64,
    duration_us: u64,
    status_errors: u64,
    socket_errors: u64,
    p50_us: u64,
    p99_us: u64,
    saved: u64,
    refused: u64,
}

impl WrkRun {
    fn per_second(&self) -> f64 {
        if self.duration_us == 0 {
            return 0.0;
        }
        self.requests as f64 / (self.duration_us as f64 / 1e6)
    }
    fn p99_ms(&self) -> f64 {
        self.p99_us as f64 / 1000.0
    }
    fn errors(&self) -> u64 {
        self.status_errors + self.socket_errors
    }

    fn parse(output: &str) -> Option<Self> {
        let line = output.lines().find(|l| l.starts_with("CERMIN "))?;
        let fields: HashMap<&str, u64> = line
            .split_whitespace()
            .skip(1)
            .filter_map(|kv| kv.split_once('='))
            .filter_map(|(k, v)| v.parse().ok().map(|v| (k, v)))
            .collect();
        let f = |k: &str| fields.get(k).copied().unwrap_or(0);
        Some(WrkRun {
            requests: f("requests"),
            duration_us: f("duration_us"),
            status_errors: f("status_errors"),
            socket_errors: f("socket_errors"),
            p50_us: f("p50_us"),
            p99_us: f("p99_us"),
            saved: f("saved"),
            refused: f("refused"),
        })
    }
}

fn find_wrk() -> anyhow::Result<Wrk> {
    let path = std::env::var_os("CERMIN_BENCH_WRK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("wrk"));
    let out = Command::new(&path).arg("--version").output().map_err(|_| {
        anyhow!(
            "`bench --load` needs wrk, the HTTP load generator (Debian and Ubuntu: `apt-get install wrk`; macOS: `brew install wrk`), or its path in CERMIN_BENCH_WRK"
        )
    })?;
    // wrk prints its version and usage, and exits 1, for --version.
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let version = text
        .lines()
        .next()
        .map(|l| l.split(" Copyright").next().unwrap_or(l).trim().to_string())
        .unwrap_or_default();
    if !version.starts_with("wrk") {
        bail!("{} is not wrk: {version}", path.display());
    }
    Ok(Wrk { path, version })
}

impl Wrk {
    fn command(&self, script: &Path, connections: usize, seconds: u64) -> Command {
        let mut cmd = Command::new(&self.path);
        cmd.arg(format!("-t{}", connections.min(2)))
            .arg(format!("-c{connections}"))
            .arg(format!("-d{seconds}s"))
            .arg("--timeout")
            .arg("10s")
            .arg("-s")
            .arg(script)
            .stdin(Stdio::null());
        cmd
    }

    fn finish(mut cmd: Command) -> anyhow::Result<WrkRun> {
        let out = cmd.output().context("run wrk")?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        WrkRun::parse(&stdout).ok_or_else(|| {
            anyhow!(
                "wrk printed no result:\n{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }

    /// GET `url` at `connections` for `seconds`, with gzip and the cookie.
    fn get(
        &self,
        script: &Path,
        url: &str,
        cookie: Option<&str>,
        connections: usize,
        seconds: u64,
    ) -> anyhow::Result<WrkRun> {
        let mut cmd = self.command(script, connections, seconds);
        cmd.arg("-H")
            .arg("Accept: text/html")
            .arg("-H")
            .arg("Accept-Encoding: gzip");
        if let Some(cookie) = cookie {
            cmd.arg("-H").arg(format!("Cookie: {cookie}"));
        }
        cmd.arg(url);
        Self::finish(cmd)
    }

    fn autosave(
        &self,
        script: &Path,
        base: &str,
        writers: &Path,
        acks: &Path,
        connections: usize,
        seconds: u64,
    ) -> anyhow::Result<WrkRun> {
        let threads = connections.min(2);
        let mut cmd = self.command(script, connections, seconds);
        cmd.env("CERMIN_BENCH_ACKS", acks)
            .arg(base)
            .arg("--")
            .arg(threads.to_string())
            .arg(writers)
            .arg(base);
        Self::finish(cmd)
    }
}

// ---------------------------------------------------------------------------
// Autosave: who saves, and what must be stored afterwards

struct Writer {
    review_id: String,
    token: String,
    csrf: String,
    version: i32,
    question_id: String,
}

/// Sign in the people of up to `n` reviews at the self-assessment in the
/// open cycle (a session row each, as signing in leaves), with the text
/// question each will save.
fn sign_in_writers(
    conn: &mut DbConnection,
    cycle_id: &str,
    n: usize,
) -> anyhow::Result<Vec<Writer>> {
    let template: String = review_cycles::table
        .find(cycle_id)
        .select(review_cycles::template_id)
        .first(conn)?;
    let question_id: String = form_questions::table
        .inner_join(form_sections::table)
        .filter(form_sections::template_id.eq(&template))
        .filter(form_questions::kind.eq("text"))
        .filter(form_questions::side.eq_any(["self", "both"]))
        .order((form_sections::position, form_questions::position))
        .select(form_questions::id)
        .first(conn)
        .context("the template has no text question for the employee")?;
    let rows: Vec<(String, String, i32)> = reviews::table
        .filter(reviews::cycle_id.eq(cycle_id))
        .filter(reviews::state.eq("self_assessment"))
        .order(reviews::id)
        .limit(n as i64)
        .select((reviews::id, reviews::person_id, reviews::self_version))
        .load(conn)?;
    let now = crate::db::now();
    let mut writers = Vec::with_capacity(rows.len());
    for (review_id, person_id, version) in rows {
        let token = crate::auth::random_token();
        let csrf = crate::auth::random_token();
        crate::db::sessions::insert(
            conn,
            &crate::db::sessions::SessionRow {
                token_hash: crate::auth::token_hash(&token),
                person_id,
                csrf_token: csrf.clone(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + chrono::Duration::hours(12),
            },
        )?;
        writers.push(Writer {
            review_id,
            token,
            csrf,
            version,
            question_id: question_id.clone(),
        });
    }
    Ok(writers)
}

fn write_writers(path: &Path, writers: &[Writer]) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(File::create(path)?);
    for w in writers {
        writeln!(
            f,
            "/reviews/{}/self {}={} {} {} b_{}",
            w.review_id,
            crate::auth::session::cookie_name(false),
            w.token,
            w.csrf,
            w.version,
            w.question_id
        )?;
    }
    f.flush()?;
    Ok(())
}

struct Stored {
    checked: usize,
    matched: usize,
    superseded: usize,
}

/// Every review with an acknowledged save holds it: its version and text,
/// or (when a later save was still unanswered as the run stopped) that
/// later save, one version on.
fn verify_saves(
    conn: &mut DbConnection,
    acks: &Path,
    writers: &[Writer],
) -> anyhow::Result<Stored> {
    let text = std::fs::read_to_string(acks).context("read the acknowledged saves")?;
    let mut acked: HashMap<&str, (i32, &str)> = HashMap::new();
    let mut inflight: HashMap<&str, &str> = HashMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(4, ' ');
        let (Some(kind), Some(id), Some(version), Some(body)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        match kind {
            "acked" => {
                acked.insert(id, (version.parse().unwrap_or(-1), body));
            }
            _ => {
                inflight.insert(id, body);
            }
        }
    }
    let question = writers
        .first()
        .map(|w| w.question_id.clone())
        .unwrap_or_default();
    let mut stored = Stored {
        checked: 0,
        matched: 0,
        superseded: 0,
    };
    for (id, (version, body)) in &acked {
        stored.checked += 1;
        let now: i32 = reviews::table
            .find(*id)
            .select(reviews::self_version)
            .first(conn)?;
        let answer: String = answers::table
            .filter(answers::review_id.eq(*id))
            .filter(answers::question_id.eq(&question))
            .filter(answers::side.eq("self"))
            .select(answers::body)
            .first(conn)
            .optional()?
            .unwrap_or_default();
        if now == *version && answer == *body {
            stored.matched += 1;
        } else if now == version + 1 && inflight.get(id) == Some(&answer.as_str()) {
            stored.matched += 1;
            stored.superseded += 1;
        } else {
            println!("  review {id}: acknowledged version {version} `{body}`, stored version {now} `{answer}`");
        }
    }
    Ok(stored)
}

// ---------------------------------------------------------------------------
// The table

/// The median of the runs' figures: one run disturbed by what came before
/// it (a slow page's backlog) does not move it.
fn median(runs: &[WrkRun], f: impl Fn(&WrkRun) -> f64) -> f64 {
    let mut v: Vec<f64> = runs.iter().map(&f).collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn print_pages(
    specs: &[PageSpec],
    sizes: &[Option<usize>],
    page_runs: &HashMap<(usize, usize), WrkRun>,
    reference_runs: &HashMap<usize, Vec<WrkRun>>,
    backend: Backend,
) {
    let floor = match backend {
        Backend::Sqlite => 25.0,
        Backend::Postgres => 15.0,
    };
    let reference_at = |level: usize| {
        reference_runs
            .get(&level)
            .map(|r| median(r, WrkRun::per_second))
            .unwrap_or(0.0)
    };
    println!(
        "| page | HTML KB | req/s c=1 | req/s c=16 | req/s c=64 | share c=64 | p50 ms c=64 | p99 ms c=64 | errors | target |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    let runs = reference_runs
        .get(&TARGET_LEVEL)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let spread = runs
        .iter()
        .map(WrkRun::per_second)
        .fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    println!(
        "| reference page ({} runs per level; c=64 from {:.0} to {:.0}) | | {:.0} | {:.0} | {:.0} | 100% | {:.1} | {:.1} | {} | |",
        runs.len(),
        spread.0,
        spread.1,
        reference_at(1),
        reference_at(16),
        reference_at(64),
        median(runs, |r| r.p50_us as f64 / 1000.0),
        median(runs, WrkRun::p99_ms),
        runs.iter().map(WrkRun::errors).sum::<u64>(),
    );
    for (i, spec) in specs.iter().enumerate() {
        let Some(html) = sizes[i] else {
            println!("| {} | not built yet | | | | | | | | |", spec.label);
            continue;
        };
        let at = |level: usize| page_runs.get(&(level, i));
        let rps = |level: usize| at(level).map(WrkRun::per_second).unwrap_or(0.0);
        let Some(top) = at(TARGET_LEVEL) else {
            continue;
        };
        let share = 100.0 * rps(TARGET_LEVEL) / reference_at(TARGET_LEVEL).max(1.0);
        // A page with no answer within the run has no latency to read: wrk
        // reports a p99 of 0 and no error for requests still waiting. That
        // is a miss, never a pass.
        let answered = top.requests > 0;
        let p99 = top.p99_ms();
        let errors: u64 = LEVELS
            .iter()
            .filter_map(|l| at(*l))
            .map(WrkRun::errors)
            .sum();
        let target = match spec.who {
            Who::Employee | Who::Manager => {
                let ok = answered && share >= floor && p99 <= 25.0 && errors == 0;
                format!(
                    "{} (≥{floor:.0}%, p99 ≤25 ms)",
                    if ok { "meets" } else { "MISSES" }
                )
            }
            Who::Hr => {
                let ok = answered && p99 <= 100.0 && html <= 300 * 1024 && errors == 0;
                format!(
                    "{} (p99 ≤100 ms, ≤300 KB)",
                    if ok { "meets" } else { "MISSES" }
                )
            }
            Who::Anonymous => String::new(),
        };
        println!(
            "| {} | {:.1} | {:.0} | {:.0} | {:.0} | {:.1}% | {:.1} | {:.1} | {} | {} |",
            spec.label,
            html as f64 / 1024.0,
            rps(1),
            rps(16),
            rps(64),
            share,
            top.p50_us as f64 / 1000.0,
            p99,
            errors,
            target
        );
    }
}

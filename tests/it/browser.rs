//! The self-assessment in a real headless Chromium on a phone-sized screen:
//! autosave survives a reload, "Simpan draf" works without JavaScript, the
//! form never scrolls sideways, the save bar stays in view while typing the
//! last answer, Enter in a goal's title stays in place, and an error link
//! puts the cursor in the field.
//!
//! Needs `chromium` and `chromedriver` (Debian: `chromium chromium-driver`);
//! paths may be given with CERMIN_TEST_CHROMIUM and CERMIN_TEST_CHROMEDRIVER.
//! They are ignored unless asked for with `--include-ignored`; asked for
//! without those tools, they fail.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use crate::helpers::*;

/// How long to wait for anything the browser or the server should do soon.
const WAIT: Duration = Duration::from_secs(15);
/// The most a whole browser test may take.
const TEST_LIMIT: Duration = Duration::from_secs(120);
/// How often to look again while waiting.
const POLL: Duration = Duration::from_millis(100);

pub(crate) const PHONE_WIDTH: u32 = 390;
pub(crate) const PHONE_HEIGHT: u32 = 844;

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

pub(crate) struct Tools {
    chromedriver: PathBuf,
    pub(crate) chromium: PathBuf,
}

/// The browser and its driver. The browser tests are ignored unless asked
/// for (`--include-ignored`); asked for without these tools, they fail.
pub(crate) fn tools() -> Tools {
    let chromedriver = match env_path("CERMIN_TEST_CHROMEDRIVER") {
        Some(p) => Some(p),
        None => on_path("chromedriver"),
    }
    .filter(|p| p.is_file());
    let chromium = Some(
        env_path("CERMIN_TEST_CHROMIUM").unwrap_or_else(|| PathBuf::from("/usr/bin/chromium")),
    )
    .filter(|p| p.is_file());
    match (chromedriver, chromium) {
        (Some(chromedriver), Some(chromium)) => Tools {
            chromedriver,
            chromium,
        },
        _ => panic!(
            "this browser test was asked to run (--include-ignored or --ignored) but \
             chromium/chromedriver are not installed (apt-get install chromium \
             chromium-driver, or set CERMIN_TEST_CHROMIUM and CERMIN_TEST_CHROMEDRIVER; \
             leave the browser tests out with --skip browser::autosave --skip browser::save_draft)"
        ),
    }
}

/// A chromedriver child process on a loopback port, with its own temporary
/// folder (log, browser profiles). Dropping it ends the browser session and
/// the driver, also when a test panics.
pub(crate) struct Driver {
    child: Child,
    port: u16,
    pub(crate) session: Option<String>,
    dir: tempfile::TempDir,
    profiles: usize,
}

impl Driver {
    pub(crate) async fn start(tools: &Tools) -> Driver {
        // The free port is found by binding port 0 and letting go; another
        // process may take it in between, so try a few.
        let mut last_log = String::new();
        for _ in 0..3 {
            let dir = tempfile::Builder::new()
                .prefix("cermin-browser-")
                .tempdir()
                .expect("temp dir");
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let child = Command::new(&tools.chromedriver)
                // Its own process group: Chromium's processes join it, and
                // Drop ends the whole group even if the driver is stuck.
                .process_group(0)
                .arg(format!("--port={port}"))
                .arg(format!(
                    "--log-path={}",
                    dir.path().join("chromedriver.log").display()
                ))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("start {}: {e}", tools.chromedriver.display()));
            let mut driver = Driver {
                child,
                port,
                session: None,
                dir,
                profiles: 0,
            };
            if driver.wait_ready().await {
                return driver;
            }
            // It exited (port taken?): try another port.
            last_log = driver.log_tail();
        }
        panic!("chromedriver did not start; its log:\n{last_log}");
    }

    /// True once /status answers ready; false when the process has exited.
    async fn wait_ready(&mut self) -> bool {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let url = format!("{}/status", self.url());
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if let Ok(res) = http.get(&url).send().await {
                if let Ok(v) = res.json::<Value>().await {
                    if v["value"]["ready"] == json!(true) {
                        return true;
                    }
                }
            }
            tokio::time::sleep(POLL).await;
        }
        panic!("chromedriver did not become ready within 30 s");
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A new headless Chromium session on a phone-sized window with a fresh
    /// profile; `javascript: false` turns scripts off.
    pub(crate) async fn session(&mut self, chromium: &Path, javascript: bool) -> Client {
        self.session_sized(chromium, javascript, PHONE_WIDTH, PHONE_HEIGHT)
            .await
    }

    /// A new headless Chromium session on a window of this size: a phone's
    /// screen (emulated) up to 640 px wide, a desktop window above.
    pub(crate) async fn session_sized(
        &mut self,
        chromium: &Path,
        javascript: bool,
        width: u32,
        height: u32,
    ) -> Client {
        self.profiles += 1;
        let profile = self.dir.path().join(format!("profile-{}", self.profiles));
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--window-size={width},{height}"));
        args.push(format!("--user-data-dir={}", profile.display()));
        // Desktop Chromium will not make a window narrower than 500 px:
        // emulate the phone's screen so the page lays out at 390 px. Touch
        // stays off: with touch emulation and scripts off, chromedriver's
        // click never returns.
        let mut options = json!({
            "binary": chromium.display().to_string(),
            "args": args,
        });
        if width <= 640 {
            options["mobileEmulation"] = json!({ "deviceMetrics": {
                "width": width, "height": height, "pixelRatio": 1.0, "touch": false, "mobile": true,
            } });
        }
        if !javascript {
            options["prefs"] = json!({ "webkit": { "webprefs": { "javascript_enabled": false } } });
            options["args"]
                .as_array_mut()
                .expect("args")
                .push(json!("--blink-settings=scriptEnabled=false"));
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url())
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "start headless Chromium: {e}\nchromedriver log:\n{}",
                    self.log_tail()
                )
            });
        self.session = client.session_id().await.ok().flatten();
        client
    }

    fn log_tail(&self) -> String {
        let log =
            std::fs::read_to_string(self.dir.path().join("chromedriver.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// Ask the driver to quit the browser, synchronously (usable from Drop).
    fn delete_session(&mut self) {
        let Some(id) = self.session.take() else {
            return;
        };
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
        let request = format!(
            "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            self.port
        );
        if stream.write_all(request.as_bytes()).is_ok() {
            let mut sink = Vec::new();
            let _ = stream.read_to_end(&mut sink);
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("chromedriver log (last lines):\n{}", self.log_tail());
        }
        self.delete_session();
        // The group id is the driver's process id (process_group(0) above).
        let group = format!("-{}", self.child.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !killed {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Run a whole browser test, failing (and ending the browser) if it takes
/// longer than `TEST_LIMIT`: a WebDriver command can hang rather than fail.
pub(crate) async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
        panic!(
            "the browser test did not finish within {} s",
            TEST_LIMIT.as_secs()
        );
    }
}

/// Wait until `check` gives `Some`, or fail after `WAIT` with `what`.
pub(crate) async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "waited {} s for {what}",
            WAIT.as_secs()
        );
        tokio::time::sleep(POLL).await;
    }
}

pub(crate) async fn text_of(c: &Client, css: &str) -> Option<String> {
    c.find(Locator::Css(css)).await.ok()?.text().await.ok()
}

async fn value_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("find {css}: {e}"))
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default()
}

/// Sign in through the real sign-in page and wait until it has let us in.
pub(crate) async fn sign_in(c: &Client, base: &str, key: &str) {
    c.goto(&format!("{base}/sign-in"))
        .await
        .expect("open sign-in");
    c.find(Locator::Css("#email"))
        .await
        .expect("email field")
        .send_keys(&email_of(key))
        .await
        .expect("type email");
    c.find(Locator::Css("#password"))
        .await
        .expect("password field")
        .send_keys(DEMO_PASSWORD)
        .await
        .expect("type password");
    c.find(Locator::Css("form[action='/sign-in'] button.button"))
        .await
        .expect("sign-in button")
        .click()
        .await
        .expect("press sign in");
    eventually("the sign-in to finish", || async {
        let url = c.current_url().await.ok()?;
        (url.path() != "/sign-in").then_some(())
    })
    .await;
}

/// The stored self-assessment answer to a question, if any.
fn stored_answer(app: &TestApp, review: &str, question: &str) -> Option<String> {
    let mut conn = app.conn();
    cermin::db::reviews::answers(&mut conn, review, Some(cermin::domain::review::Side::Own))
        .expect("answers")
        .into_iter()
        .find(|a| a.question_id == question)
        .map(|a| a.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn autosave_survives_a_reload() {
    within_limit(autosave_survives_a_reload_in(tools())).await;
}

async fn autosave_survives_a_reload_in(tools: Tools) {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    app.seed_demo();
    let (_cycle, reviews) = crate::reviews::open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    let mut driver = Driver::start(&tools).await;
    let c = driver.session(&tools.chromium, true).await;

    sign_in(&c, &app.base, "ayu.lestari").await;
    let form_url = format!("{}/reviews/{review}/self", app.base);
    c.goto(&form_url).await.expect("open the self-assessment");
    c.find(Locator::Css("form#review-form[data-autosave]"))
        .await
        .expect("the autosaving form");

    let typed = "Saya menjawab rata-rata 60 panggilan sehari dan menutup 9 dari 10 tiket di hari yang sama.";
    let textarea = c
        .find(Locator::Css("textarea[name^=b_]"))
        .await
        .expect("a text answer");
    let name = textarea
        .attr("name")
        .await
        .expect("name")
        .expect("has a name");
    textarea.click().await.expect("focus the answer");
    textarea.send_keys(typed).await.expect("type");

    // The script saves a few seconds after typing stops and says when.
    let deadline = Instant::now() + WAIT;
    let status = loop {
        let status = text_of(&c, "[data-saved-status]").await.unwrap_or_default();
        if status.contains("Tersimpan") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "waited {} s for the autosave to say \"Tersimpan\"; the status says {status:?}",
            WAIT.as_secs()
        );
        tokio::time::sleep(POLL).await;
    };
    assert!(
        status.starts_with("Tersimpan pukul "),
        "Indonesian time of saving: {status:?}"
    );
    let question = name.trim_start_matches("b_");
    assert_eq!(
        stored_answer(&app, review, question).as_deref(),
        Some(typed),
        "the autosave reached the database"
    );

    // A reload shows what was typed: it came back from the server.
    c.refresh().await.expect("reload");
    let field = format!("textarea[name='{name}']");
    let after = eventually("the reloaded form", || async {
        c.find(Locator::Css(&field)).await.ok()?;
        Some(value_of(&c, &field).await)
    })
    .await;
    assert_eq!(after, typed, "the typed text survives a reload");

    // Phone-sized: nothing wider than the screen.
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .expect("measure");
    let scroll_width = widths[0].as_f64().expect("scrollWidth");
    let inner_width = widths[1].as_f64().expect("innerWidth");
    assert!(
        inner_width <= f64::from(PHONE_WIDTH) + 1.0,
        "the window is phone-sized: {inner_width}"
    );
    assert!(
        scroll_width <= inner_width,
        "no sideways scrolling on a phone: content {scroll_width}px wide in a {inner_width}px window"
    );

    // A picture of the form on a phone, for the documentation.
    c.execute(
        "var el = document.querySelector(arguments[0]); \
         (el.closest('section') || el).scrollIntoView({block: 'start'}); \
         if (document.activeElement) { document.activeElement.blur(); }",
        vec![json!(field)],
    )
    .await
    .expect("scroll to the form");
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&folder).expect("docs/screenshots");
    std::fs::write(folder.join("self-assessment-phone.png"), &png).expect("save screenshot");

    c.close().await.expect("close the browser");
    driver.session = None;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn save_draft_without_javascript() {
    within_limit(save_draft_without_javascript_in(tools())).await;
}

async fn save_draft_without_javascript_in(tools: Tools) {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    app.seed_demo();
    let (_cycle, reviews) = crate::reviews::open_cycle(&app, &["ayu.lestari"]);
    let review = &reviews[0];
    let mut driver = Driver::start(&tools).await;
    let c = driver.session(&tools.chromium, false).await;

    sign_in(&c, &app.base, "ayu.lestari").await;
    let form_url = format!("{}/reviews/{review}/self", app.base);
    c.goto(&form_url).await.expect("open the self-assessment");

    let typed = "Tanpa JavaScript pun draf saya tetap tersimpan.";
    let textarea = c
        .find(Locator::Css("textarea[name^=b_]"))
        .await
        .expect("a text answer");
    let name = textarea
        .attr("name")
        .await
        .expect("name")
        .expect("has a name");
    textarea.click().await.expect("focus the answer");
    textarea.send_keys(typed).await.expect("type");

    // With scripts on, the autosave would speak within 2.5 s of the last
    // key; watch the status for longer than that: it must stay silent.
    let quiet_until = Instant::now() + Duration::from_secs(4);
    while Instant::now() < quiet_until {
        let status = text_of(&c, "[data-saved-status]").await.unwrap_or_default();
        assert!(
            status.trim().is_empty(),
            "no script runs, so the status stays empty: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        stored_answer(&app, review, name.trim_start_matches("b_")),
        None,
        "nothing was saved before pressing the button"
    );

    c.find(Locator::Css("button[data-save-draft]"))
        .await
        .expect("the Simpan draf button")
        .click()
        .await
        .expect("press Simpan draf");
    let notice = eventually("the \"Draf tersimpan.\" notice", || async {
        text_of(&c, ".notification--success")
            .await
            .filter(|t| t.contains("Draf tersimpan."))
    })
    .await;
    assert!(notice.contains("Draf tersimpan."));
    let status = text_of(&c, "[data-saved-status]").await.unwrap_or_default();
    assert!(
        !status.contains("Tersimpan pukul"),
        "the script never ran: {status:?}"
    );

    // A fresh GET shows the saved text.
    c.goto(&form_url).await.expect("open the form again");
    let field = format!("textarea[name='{name}']");
    assert_eq!(value_of(&c, &field).await, typed);
    let status = text_of(&c, "[data-saved-status]").await.unwrap_or_default();
    assert!(
        !status.contains("Tersimpan pukul"),
        "the script never ran: {status:?}"
    );
    assert_eq!(
        stored_answer(&app, review, name.trim_start_matches("b_")).as_deref(),
        Some(typed)
    );

    c.close().await.expect("close the browser");
    driver.session = None;
}

/// Ayu's open self-assessment in a scripted browser, signed in.
async fn ayu_form(tools: &Tools) -> (TestApp, String, Driver, Client) {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    app.seed_demo();
    let (_cycle, reviews) = crate::reviews::open_cycle(&app, &["ayu.lestari"]);
    let review = reviews[0].clone();
    let mut driver = Driver::start(tools).await;
    let c = driver.session(&tools.chromium, true).await;
    sign_in(&c, &app.base, "ayu.lestari").await;
    c.goto(&format!("{}/reviews/{review}/self", app.base))
        .await
        .expect("open the self-assessment");
    c.find(Locator::Css("form#review-form[data-autosave]"))
        .await
        .expect("the autosaving form");
    (app, review, driver, c)
}

/// The save bar in view below the focused field (stuck to the bottom of
/// the screen, or at the end of a short last section just under the
/// field), if there is one: its status text, whether the field is clear of
/// it, and its button's value.
const BAR_AT_BOTTOM: &str = "
  var h = window.innerHeight;
  var field = document.activeElement.getBoundingClientRect();
  var bar = Array.prototype.find.call(document.querySelectorAll('.form-bar'), function (b) {
    var r = b.getBoundingClientRect();
    return r.height > 0 && r.top >= field.top && r.bottom <= h + 1;
  });
  if (!bar) { return null; }
  return [bar.querySelector('[data-saved-status]').textContent,
          field.bottom <= bar.getBoundingClientRect().top + 1,
          bar.querySelector('[data-save-draft]').value];";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn save_bar_stays_in_view_while_typing_the_last_answer() {
    within_limit(save_bar_stays_in_view_while_typing_the_last_answer_in(
        tools(),
    ))
    .await;
}

async fn save_bar_stays_in_view_while_typing_the_last_answer_in(tools: Tools) {
    let (app, review, mut driver, c) = ayu_form(&tools).await;
    // In the middle of the longest section (the competencies), the bar is
    // stuck to the bottom of the screen.
    let stuck = c
        .execute(
            "var longest = Array.prototype.reduce.call(document.querySelectorAll('[data-section]'),                function (a, s) { return s.querySelectorAll('[data-question]').length >                  a.querySelectorAll('[data-question]').length ? s : a; });              var boxes = longest.querySelectorAll('textarea');              var box = boxes[Math.floor(boxes.length / 2)];              box.scrollIntoView({block: 'center'}); box.focus();              var h = window.innerHeight;              return Array.prototype.some.call(longest.querySelectorAll('.form-bar'), function (b) {                var r = b.getBoundingClientRect(); return Math.abs(r.bottom - h) <= 2 && r.top > 0; });",
            vec![],
        )
        .await
        .expect("measure");
    assert_eq!(
        stuck,
        json!(true),
        "the section's save bar sits at the bottom of the screen"
    );

    // The last question of the form, some 20 screens down.
    let name: String = c
        .execute(
            "var q = document.querySelectorAll('[data-question] textarea[name^=b_]'); \
             var last = q[q.length - 1]; last.scrollIntoView({block: 'center'}); return last.name;",
            vec![],
        )
        .await
        .expect("the last question")
        .as_str()
        .expect("a name")
        .to_string();
    let last = c
        .find(Locator::Css(&format!("textarea[name='{name}']")))
        .await
        .expect("the last answer");
    last.click().await.expect("focus the last answer");
    let typed = "Saya ingin memutuskan sendiri penggantian biaya kirim di bawah Rp50.000.";
    last.send_keys(typed).await.expect("type");

    // While typing: a save bar is in view under the field, clear of it.
    let bar = c.execute(BAR_AT_BOTTOM, vec![]).await.expect("measure");
    let bar = bar.as_array().expect("a save bar in view below the field");
    assert_eq!(bar[1], json!(true), "the field is not hidden under the bar");
    let section = bar[2].as_str().expect("its Save draft").to_string();
    assert!(
        section.starts_with("save:"),
        "the bar's button names its section: {section}"
    );

    // After the autosave, the bar in view says so.
    let status = eventually("the bar in view to say \"Tersimpan pukul\"", || async {
        let bar = c.execute(BAR_AT_BOTTOM, vec![]).await.ok()?;
        let text = bar.as_array()?.first()?.as_str()?.to_string();
        text.starts_with("Tersimpan pukul ").then_some(text)
    })
    .await;
    assert!(status.starts_with("Tersimpan pukul "));
    assert_eq!(
        stored_answer(&app, &review, name.trim_start_matches("b_")).as_deref(),
        Some(typed)
    );

    c.close().await.expect("close the browser");
    driver.session = None;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn enter_in_a_goal_title_stays_in_place() {
    within_limit(enter_in_a_goal_title_stays_in_place_in(tools())).await;
}

async fn enter_in_a_goal_title_stays_in_place_in(tools: Tools) {
    let (app, review, mut driver, c) = ayu_form(&tools).await;
    let before = c.current_url().await.expect("url");
    let title = c
        .find(Locator::Css("#new_goal_title"))
        .await
        .expect("the new goal's title");
    c.execute(
        "document.getElementById('new_goal_title').scrollIntoView({block: 'center'});",
        vec![],
    )
    .await
    .expect("scroll to the goal");
    title.click().await.expect("focus the goal title");
    // "\u{E007}" is WebDriver's Enter: a phone keyboard's Go does the same.
    title
        .send_keys("Ikut pelatihan produk kartu kredit\u{E007}")
        .await
        .expect("type and press Enter");

    // Enter saves in place: the status says so, the page stays.
    eventually("the save after Enter", || async {
        text_of(&c, "[data-saved-status]")
            .await
            .filter(|t| t.starts_with("Tersimpan pukul "))
    })
    .await;
    assert_eq!(
        c.current_url().await.expect("url"),
        before,
        "no page was loaded"
    );
    let focused = c
        .execute("return document.activeElement.id;", vec![])
        .await
        .expect("focus");
    assert_eq!(
        focused,
        json!("new_goal_title"),
        "the cursor stays in the title"
    );
    let mut conn = app.conn();
    let traits = cermin::db::reviews::traits(&mut conn, &review).expect("traits");
    assert!(traits.is_empty(), "no strength was added: {traits:?}");
    let goals = cermin::db::reviews::goals_of_review(&mut conn, &review).expect("goals");
    assert_eq!(
        goals.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(),
        vec!["Ikut pelatihan produk kartu kredit"],
        "the goal was saved"
    );
    drop(conn);

    c.close().await.expect("close the browser");
    driver.session = None;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn an_error_link_puts_the_cursor_in_the_field() {
    within_limit(an_error_link_puts_the_cursor_in_the_field_in(tools())).await;
}

async fn an_error_link_puts_the_cursor_in_the_field_in(tools: Tools) {
    let (app, review, mut driver, c) = ayu_form(&tools).await;
    // Submitting an empty self-assessment: the check page lists what is missing.
    c.goto(&format!("{}/reviews/{review}/self/check", app.base))
        .await
        .expect("open the check page");
    c.find(Locator::Css("form[action$='/self/submit'] button"))
        .await
        .expect("the submit button")
        .click()
        .await
        .expect("press submit");
    let link = eventually("the error summary", || async {
        c.find(Locator::Css("[data-error-summary] a")).await.ok()
    })
    .await;
    let href = link.attr("href").await.expect("href").expect("a link");
    let question = href.rsplit("#q-").next().expect("a question").to_string();
    link.click().await.expect("follow the error link");

    let focused = eventually("the cursor in the question's field", || async {
        let id = c
            .execute("return document.activeElement.id || '';", vec![])
            .await
            .ok()?;
        let id = id.as_str()?.to_string();
        id.contains(&question).then_some(id)
    })
    .await;
    assert!(
        focused.starts_with(&format!("r_{question}")) || focused == format!("b_{question}"),
        "the question's own field has the focus: {focused}"
    );

    c.close().await.expect("close the browser");
    driver.session = None;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn reading_a_shared_review_on_a_phone() {
    within_limit(reading_a_shared_review_on_a_phone_in(tools())).await;
}

/// Ayu reads her shared review on a 390 px phone: nothing scrolls sideways,
/// and the chart's words and numbers are at least 12 px, as computed and as
/// drawn (the SVG scales with its column).
async fn reading_a_shared_review_on_a_phone_in(tools: Tools) {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    let shared = crate::reading::shared_review(&app).await;
    let mut driver = Driver::start(&tools).await;
    let c = driver.session(&tools.chromium, true).await;

    sign_in(&c, &app.base, "ayu.lestari").await;
    c.goto(&format!("{}/reviews/{}", app.base, shared.review))
        .await
        .expect("open the review");
    c.find(Locator::Css("[data-gap-chart] svg"))
        .await
        .expect("the chart");

    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .expect("measure");
    let scroll_width = widths[0].as_f64().expect("scrollWidth");
    let inner_width = widths[1].as_f64().expect("innerWidth");
    assert!(
        inner_width <= f64::from(PHONE_WIDTH) + 1.0,
        "the window is phone-sized: {inner_width}"
    );
    assert!(
        scroll_width <= f64::from(PHONE_WIDTH),
        "no sideways scrolling on a phone: content {scroll_width}px wide at {PHONE_WIDTH}px"
    );

    // Every text in the chart: its computed font size, and the size it is
    // drawn at once the SVG is scaled to its column.
    let sizes = c
        .execute(
            "var svg = document.querySelector('[data-gap-chart] svg'); \
             var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; \
             return Array.from(svg.querySelectorAll('text')).map(function (t) { \
               var px = parseFloat(getComputedStyle(t).fontSize); \
               return [t.textContent, px, px * scale, t.getBoundingClientRect().height]; \
             });",
            vec![],
        )
        .await
        .expect("measure the chart's text");
    let sizes = sizes.as_array().expect("a list");
    assert!(
        sizes.len() >= 5 + 15 + 3,
        "the scale, a label per rating and the legend: {sizes:?}"
    );
    for s in sizes {
        let text = s[0].as_str().unwrap_or_default();
        let computed = s[1].as_f64().expect("computed size");
        let drawn = s[2].as_f64().expect("drawn size");
        assert!(
            computed >= 12.0,
            "{text:?} has a computed font size of {computed}px"
        );
        assert!(drawn >= 12.0, "{text:?} is drawn at {drawn}px on a phone");
    }

    // A picture of the reading view on a phone, for the guides.
    c.execute(
        "document.querySelector('#summary-heading').scrollIntoView({block: 'start'});",
        vec![],
    )
    .await
    .expect("scroll to the summary");
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&folder).expect("docs/screenshots");
    std::fs::write(folder.join("review-reading-phone.png"), &png).expect("save screenshot");
    // And one competency where the two see it differently.
    c.execute(
        "document.getElementById(arguments[0]).scrollIntoView({block: 'start'});",
        vec![json!(format!("compare-{}", shared.composure))],
    )
    .await
    .expect("scroll to composure");
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(folder.join("review-reading-block-phone.png"), &png).expect("save screenshot");

    c.close().await.expect("close the browser");
    driver.session = None;
}

/// chromedriver's door to the DevTools protocol: here, to lay a page out as
/// it prints.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver: pass --include-ignored"]
async fn printing_a_review_and_reading_a_cycles_progress() {
    within_limit(printing_a_review_and_reading_a_cycles_progress_in(tools())).await;
}

/// Ayu prints her review: the button opens the print dialog, and on paper
/// the navigation and buttons are gone and the printed header is there.
/// Then HR reads the cycle's progress (a picture for the guide).
async fn printing_a_review_and_reading_a_cycles_progress_in(tools: Tools) {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    let shared = crate::reading::shared_review(&app).await;
    let mut driver = Driver::start(&tools).await;
    let c = driver.session_sized(&tools.chromium, true, 1280, 900).await;
    sign_in(&c, &app.base, "ayu.lestari").await;
    c.goto(&format!("{}/reviews/{}", app.base, shared.review))
        .await
        .expect("open the review");
    c.execute(
        "window.printed = 0; window.print = function () { window.printed += 1; };",
        vec![],
    )
    .await
    .expect("watch window.print");
    let button = c
        .find(Locator::Css("button[data-print]"))
        .await
        .expect("the print button");
    assert!(
        button.is_displayed().await.expect("shown"),
        "the script shows the button"
    );
    button.click().await.expect("press Print");
    let printed = eventually("the print dialog opens", || async {
        let n = c.execute("return window.printed;", vec![]).await.ok()?;
        (n == json!(1)).then_some(n)
    })
    .await;
    assert_eq!(printed, json!(1));

    c.issue_cmd(Cdp {
        cmd: "Emulation.setEmulatedMedia",
        params: json!({ "media": "print" }),
    })
    .await
    .expect("lay the page out for print");
    let shown = c
        .execute(
            "function shown(css) { var e = document.querySelector(css); \
               return e !== null && getComputedStyle(e).display !== 'none'; } \
             return [shown('header, .header'), shown('nav'), shown('button[data-print]'), \
                     shown('[data-print-header]'), shown('[data-manager-summary]')];",
            vec![],
        )
        .await
        .expect("measure the printed page");
    assert_eq!(
        shown,
        json!([false, false, false, true, true]),
        "on paper: no header, navigation or button; the printed header and the review"
    );
    let header = text_of(&c, "[data-print-header]").await.unwrap_or_default();
    assert!(header.contains("Ayu Lestari"), "{header}");
    c.close().await.expect("close the browser");
    driver.session = None;

    // HR's progress page of a cycle under way (17 people, some late), for
    // the guide.
    let cycle = crate::progress::running_cycle_of_the_demo(&app);
    let c = driver
        .session_sized(&tools.chromium, true, 1280, 1000)
        .await;
    sign_in(&c, &app.base, "sari.wulandari").await;
    c.goto(&format!("{}/cycles/{cycle}/progress", app.base))
        .await
        .expect("open the progress page");
    c.find(Locator::Css("[data-burn-down] svg"))
        .await
        .expect("the burn-down");
    c.execute(
        "document.getElementById('steps').scrollIntoView({block: 'start'});",
        vec![],
    )
    .await
    .expect("scroll to the steps");
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&folder).expect("docs/screenshots");
    std::fs::write(folder.join("cycle-progress.png"), &png).expect("save screenshot");
    c.goto(&format!("{}/cycles/{cycle}/export", app.base))
        .await
        .expect("open the download page");
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(folder.join("cycle-export.png"), &png).expect("save screenshot");

    // The same cycle with a calibration step: six reviews handed in, one
    // rating already adjusted (a picture for the guide).
    let questions = crate::ratings::competency_questions(&app);
    let handed_in = [
        "citra.dewi",
        "lukman.hakim",
        "nanda.putri",
        "oki.firmansyah",
        "putu.ariani",
        "rizky.maulana",
    ];
    let now = cermin::db::now().format("%Y-%m-%d %H:%M:%S").to_string();
    for (i, key) in handed_in.iter().enumerate() {
        app.exec(&format!(
            "UPDATE reviews SET state = 'manager_review', self_submitted_at = '{now}', \
             handed_in_at = '{now}' WHERE cycle_id = '{cycle}' AND person_id = '{}'",
            app.person_id(key)
        ));
        for (j, (q, _)) in questions.iter().enumerate() {
            let given = 2 + ((i + j) % 4) as i32;
            crate::ratings::rate(&app, &cycle, key, "manager", q, given);
            crate::ratings::rate(&app, &cycle, key, "self", q, (given + 1).min(5));
        }
    }
    let due = (chrono::Utc::now().date_naive() + chrono::Duration::days(4)).to_string();
    app.exec(&format!(
        "INSERT INTO cycle_calibrations (cycle_id, due_on, final_visible, by_managers) \
         VALUES ('{cycle}', '{due}', TRUE, FALSE)"
    ));
    let nanda =
        cermin::db::reviews::find_in_cycle(&mut app.conn(), &cycle, &app.person_id("nanda.putri"))
            .expect("q")
            .expect("review")
            .id;
    app.exec(&format!(
        "INSERT INTO rating_adjustments (id, review_id, question_id, rating_before, rating_after, \
         reason, adjusted_by, adjusted_at) VALUES ('{}', '{nanda}', '{}', 4, 3, \
         'Sebanding dengan tim lain', '{}', '{now}')",
        cermin::db::new_id(),
        questions[0].0,
        app.person_id("sari.wulandari")
    ));
    c.goto(&format!(
        "{}/cycles/{cycle}/calibration?sort=mean&dir=desc",
        app.base
    ))
    .await
    .expect("open the calibration page");
    c.find(Locator::Css("[data-calibration] tr[data-adjusted]"))
        .await
        .expect("the adjusted review");
    c.execute(
        "document.getElementById('people').scrollIntoView({block: 'start'});",
        vec![],
    )
    .await
    .expect("scroll to the reviews");
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(folder.join("cycle-calibration.png"), &png).expect("save screenshot");
    c.close().await.expect("close the browser");
    driver.session = None;
}

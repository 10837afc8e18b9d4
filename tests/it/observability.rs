//! What an operator needs to find a request (issue 11, operator tools): a
//! request id on every answer and on error pages, taken from a trusted proxy
//! when it sends one, and logs as JSON lines when asked for.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(every_answer_carries_a_request_id,);

async fn every_answer_carries_a_request_id(app: TestApp) {
    let b = app.browser();
    let page = b.get("/sign-in").await;
    let id = page
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("an id")
        .to_string();
    assert_eq!(id.len(), 16);
    let other = b.get("/sign-in").await;
    assert_ne!(
        other
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some(id.as_str()),
        "each request its own"
    );
    // The error page quotes it, so a person can tell HR or IT.
    let missing = b.get("/no-such-page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let quoted = missing
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("an id")
        .to_string();
    assert!(
        missing.select_texts("[data-request-id]")[0].contains(&quoted),
        "{}",
        missing.text
    );
    // Without trust_proxy, an id sent by the client is not taken.
    let res = b
        .client
        .get(format!("{}/sign-in", app.base))
        .header("X-Request-Id", "from-the-client")
        .send()
        .await
        .expect("GET");
    assert_ne!(
        res.headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("from-the-client")
    );
}

#[test]
fn a_trusted_proxys_request_id_is_kept() {
    run_test(async {
        let app = spawn_app_with(Backend::Sqlite, &[("CERMIN_TRUST_PROXY", "true")])
            .await
            .expect("app");
        let client = reqwest::Client::new();
        let get = |id: &'static str| {
            client
                .get(format!("{}/sign-in", app.base))
                .header("X-Request-Id", id)
                .send()
        };
        let kept = get("proxy-7f3a.42").await.expect("GET");
        assert_eq!(
            kept.headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok()),
            Some("proxy-7f3a.42")
        );
        let odd = get("<script>").await.expect("GET");
        assert_ne!(
            odd.headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok()),
            Some("<script>"),
            "an id that does not look like one is replaced"
        );
    });
}

/// `CERMIN_LOG_FORMAT=json`: the real server writes one JSON object per
/// line, and the access line of a request carries its id.
#[test]
fn logs_are_json_lines_when_asked_for() {
    let dir = tempfile::tempdir().expect("dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("CERMIN_DATA_DIR", dir.path())
        .env("CERMIN_BIND", format!("127.0.0.1:{port}"))
        .env("CERMIN_MAIL_WORKER", "false")
        .env("CERMIN_LOG_FORMAT", "json")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start cermin");
    let stdout = child.stdout.take().expect("stdout");
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let collected = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            collected.lock().expect("lock").push(line);
        }
    });
    let mut id = None;
    for _ in 0..200 {
        if let Ok(res) = request_id_of(&format!("{base}/sign-in")) {
            id = Some(res);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let id = id.expect("the server answered");
    let mut found = false;
    for _ in 0..100 {
        let got = lines.lock().expect("lock").clone();
        if got.iter().any(|l| l.contains(&id)) {
            for l in got.iter().filter(|l| l.starts_with('{')) {
                serde_json::from_str::<serde_json::Value>(l)
                    .unwrap_or_else(|e| panic!("not JSON: {l}: {e}"));
            }
            found = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        found,
        "an access line with the request id: {:?}",
        lines.lock().expect("lock")
    );
}

/// A plain GET from a thread without a runtime: the request id it got.
fn request_id_of(url: &str) -> Result<String, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async {
        let res = reqwest::get(url).await.map_err(|e| e.to_string())?;
        res.headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .ok_or_else(|| "no id".to_string())
    })
}

/// `/metrics` is off unless a token is set; then it answers only with the
/// token, in the Prometheus text format, with requests per route pattern,
/// the pool, the outbox and the reviews of open cycles.
#[test]
fn metrics_for_the_operator() {
    run_test(async {
        let off = spawn_app(Backend::Sqlite).await.expect("app");
        let res = reqwest::get(format!("{}/metrics", off.base))
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "off by default");

        const TOKEN: &str = "a-long-scrape-token-0123456789";
        let app = spawn_app_with(Backend::Sqlite, &[("CERMIN_METRICS_TOKEN", TOKEN)])
            .await
            .expect("app");
        app.seed_demo();
        crate::reviews::open_cycle(&app, &["ayu.lestari", "joko.widodo"]);
        let ayu = app.signed_in("ayu.lestari").await;
        ayu.get("/").await;
        ayu.get("/journal").await;
        let client = reqwest::Client::new();
        let url = format!("{}/metrics", app.base);
        let denied = client.get(&url).send().await.expect("GET");
        assert_eq!(denied.status(), StatusCode::UNAUTHORIZED);
        let wrong = client
            .get(&url)
            .bearer_auth("not-the-token-at-all-0000")
            .send()
            .await
            .expect("GET");
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        let res = client
            .get(&url)
            .bearer_auth(TOKEN)
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        let text = res.text().await.expect("body");
        for expected in [
            "cermin_http_requests_total{route=\"/journal\",method=\"GET\",status=\"2xx\"} 1",
            "cermin_http_request_duration_seconds_bucket{le=",
            "cermin_db_pool_max_connections 4",
            "cermin_outbox_queued ",
            "cermin_outbox_failed 0",
            "cermin_open_cycle_reviews{state=\"self_assessment\"} 2",
            "# EOF",
        ] {
            assert!(text.contains(expected), "{expected} in:\n{text}");
        }
        // Route patterns, not addresses: no id becomes a series.
        ayu.get(&format!("/people/{}", app.person_id("ayu.lestari")))
            .await;
        let text = client
            .get(&url)
            .bearer_auth(TOKEN)
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        assert!(text.contains("route=\"/people/{id}\""), "{text}");
        for route in text.split("route=\"").skip(1) {
            let value = route.split('"').next().unwrap_or("");
            assert!(
                value
                    .split('/')
                    .all(|seg| uuid::Uuid::parse_str(seg).is_err()),
                "an id in a label: {value}"
            );
        }
    });
}

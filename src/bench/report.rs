//! What the run prints about the machine it ran on, and the table of results.

use super::measure::PageResult;

/// The one-minute load average (Linux), to tell a quiet machine from a busy one.
pub(super) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

pub(super) struct Machine {
    cores: usize,
    cpu: String,
    release: bool,
}

impl Machine {
    pub(super) fn detect() -> Self {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cores: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            cpu,
            release: !cfg!(debug_assertions),
        }
    }

    pub(super) fn print(&self) {
        println!(
            "  machine      {} cores ({}), {} {}",
            self.cores,
            self.cpu,
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        println!(
            "  build        {}",
            if self.release {
                "release"
            } else {
                "debug (use `cargo run --release --features bench -- bench`)"
            }
        );
    }
}

/// The results as a Markdown table, then the addresses measured.
pub(super) fn print_table(results: &[PageResult]) {
    println!(
        "| {:<34} | {:>4} | {:>7} | {:>7} | {:>7} | {:>6} | {:>7} | {:>7} |",
        "page", "n", "median", "p95", "max", "req/s", "HTML KB", "sent KB"
    );
    println!(
        "|{:-<36}|{:->6}|{:->9}|{:->9}|{:->9}|{:->8}|{:->9}|{:->9}|",
        "", ":", ":", ":", ":", ":", ":", ":"
    );
    for r in results {
        if r.missing {
            println!(
                "| {:<34} | {:>4} | {:>7} | {:>7} | {:>7} | {:>6} | {:>7} | {:>7} |",
                r.label, "-", "404", "-", "-", "-", "-", "-"
            );
            continue;
        }
        println!(
            "| {:<34} | {:>4} | {:>7.2} | {:>7.2} | {:>7.2} | {:>6.0} | {:>7.1} | {:>7.1} |",
            r.label,
            r.samples,
            r.median_ms,
            r.p95_ms,
            r.max_ms,
            r.per_second,
            r.html_bytes as f64 / 1024.0,
            r.sent_bytes as f64 / 1024.0
        );
    }
    println!("\nAddresses measured:");
    for r in results {
        println!("  {:<34} {}", r.label, r.path);
    }
    println!("\nms: milliseconds from sending the request to the last byte of the answer, over loopback; req/s: sequential, one connection.");
}

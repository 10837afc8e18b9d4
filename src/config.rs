//! Settings: built-in defaults, then an optional `cermin.toml`, then `CERMIN_*`
//! environment variables. Anything wrong fails start-up with one line naming
//! the setting.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;

use crate::db::DatabaseUrl;
use crate::domain::Lang;

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    pub bind: String,
    /// Where people reach Cermin; links in pages and emails are built from it.
    pub base_url: String,
    pub data_dir: PathBuf,
    pub default_lang: Lang,
    pub timezone: Tz,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    pub login_max_failures: i64,
    pub login_window_minutes: i64,
    /// Take the client address from X-Forwarded-For (only behind a proxy you run).
    pub trust_proxy: bool,
    pub pool_size: u32,
    pub workers: Option<usize>,
    /// Read templates and assets from disk on every request (development).
    pub dev_assets: bool,
    pub smtp_url: Option<String>,
    /// Extra root certificates (PEM) to trust for the SMTP server: for a mail
    /// server inside the company, with a certificate from its own authority.
    pub smtp_ca_file: Option<PathBuf>,
    pub mail_from: String,
    pub mail_send_hour: u32,
    pub mail_rate_per_minute: u32,
    /// Days after a due date before a late person's manager is told.
    pub mail_overdue_grace_days: i64,
    /// Run the mail worker inside `cermin serve` (on by default; an install
    /// may leave it to `cermin mail run-once` from a timer instead).
    pub mail_worker: bool,
    /// Where users can get this instance's source code (AGPL §13), shown in the footer.
    pub source_url: Option<String>,
    /// When set, `/metrics` answers a scraper that sends
    /// `Authorization: Bearer <token>`; when not, there is no `/metrics`.
    pub metrics_token: Option<String>,
}

/// One setting that could not be used: which one and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration error: {setting}: {message}")]
pub struct ConfigError {
    pub setting: String,
    pub message: String,
}

fn err(setting: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        setting: setting.to_string(),
        message: message.into(),
    }
}

/// The settings as written in `cermin.toml` (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    bind: Option<String>,
    base_url: Option<String>,
    data_dir: Option<String>,
    default_lang: Option<String>,
    timezone: Option<String>,
    session_idle_minutes: Option<i64>,
    session_absolute_hours: Option<i64>,
    login_max_failures: Option<i64>,
    login_window_minutes: Option<i64>,
    trust_proxy: Option<bool>,
    pool_size: Option<u32>,
    workers: Option<usize>,
    dev_assets: Option<bool>,
    smtp_url: Option<String>,
    smtp_ca_file: Option<String>,
    mail_from: Option<String>,
    mail_send_hour: Option<u32>,
    mail_rate_per_minute: Option<u32>,
    mail_overdue_grace_days: Option<i64>,
    mail_worker: Option<bool>,
    source_url: Option<String>,
    metrics_token: Option<String>,
}

/// Every setting, its environment variable, and its meaning (docs/configuration.md
/// is written from the same list).
pub const SETTINGS: &[(&str, &str, &str)] = &[
    (
        "database_url",
        "CERMIN_DATABASE_URL",
        "sqlite://DATA_DIR/cermin.db",
    ),
    ("bind", "CERMIN_BIND", "127.0.0.1:8080"),
    ("base_url", "CERMIN_BASE_URL", "http://BIND"),
    ("data_dir", "CERMIN_DATA_DIR", "./data"),
    ("default_lang", "CERMIN_DEFAULT_LANG", "id"),
    ("timezone", "CERMIN_TIMEZONE", "Asia/Jakarta"),
    ("session_idle_minutes", "CERMIN_SESSION_IDLE_MINUTES", "30"),
    (
        "session_absolute_hours",
        "CERMIN_SESSION_ABSOLUTE_HOURS",
        "12",
    ),
    ("login_max_failures", "CERMIN_LOGIN_MAX_FAILURES", "10"),
    ("login_window_minutes", "CERMIN_LOGIN_WINDOW_MINUTES", "15"),
    ("trust_proxy", "CERMIN_TRUST_PROXY", "false"),
    ("pool_size", "CERMIN_POOL_SIZE", "8"),
    ("workers", "CERMIN_WORKERS", "number of cores"),
    ("dev_assets", "CERMIN_DEV_ASSETS", "false"),
    (
        "smtp_url",
        "CERMIN_SMTP_URL",
        "(none: emails are written as files)",
    ),
    (
        "smtp_ca_file",
        "CERMIN_SMTP_CA_FILE",
        "(none: public certificate authorities only)",
    ),
    ("mail_from", "CERMIN_MAIL_FROM", "Cermin <cermin@localhost>"),
    ("mail_send_hour", "CERMIN_MAIL_SEND_HOUR", "8"),
    ("mail_rate_per_minute", "CERMIN_MAIL_RATE_PER_MINUTE", "120"),
    (
        "mail_overdue_grace_days",
        "CERMIN_MAIL_OVERDUE_GRACE_DAYS",
        "3",
    ),
    ("mail_worker", "CERMIN_MAIL_WORKER", "true"),
    ("source_url", "CERMIN_SOURCE_URL", "(none)"),
    (
        "metrics_token",
        "CERMIN_METRICS_TOKEN",
        "(none: no /metrics)",
    ),
];

impl Settings {
    /// Load from the process environment and `config_file` (or `./cermin.toml`
    /// when it exists, or the file named by `CERMIN_CONFIG`).
    pub fn load(config_file: Option<&Path>) -> Result<Self, ConfigError> {
        let env: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with("CERMIN_"))
            .collect();
        let path = config_file
            .map(Path::to_path_buf)
            .or_else(|| env.get("CERMIN_CONFIG").map(PathBuf::from));
        let file = match path {
            Some(p) => Some(read_file(&p)?),
            None if Path::new("cermin.toml").exists() => Some(read_file(Path::new("cermin.toml"))?),
            None => None,
        };
        Self::from_sources(file.unwrap_or_default(), &env)
    }

    /// Settings for tests and tools: defaults plus the given `CERMIN_*` pairs.
    pub fn from_env_map(env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        Self::from_sources(FileSettings::default(), env)
    }

    fn from_sources(
        file: FileSettings,
        env: &HashMap<String, String>,
    ) -> Result<Self, ConfigError> {
        let text = |key: &str, env_key: &str, from_file: Option<String>| -> Option<String> {
            let _ = key;
            env.get(env_key)
                .cloned()
                .or(from_file)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        fn number<T: std::str::FromStr>(
            env_key: &str,
            env: &HashMap<String, String>,
            file: Option<T>,
            default: T,
        ) -> Result<T, ConfigError> {
            match env.get(env_key) {
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| err(env_key, format!("`{v}` is not a whole number"))),
                None => Ok(file.unwrap_or(default)),
            }
        }
        fn boolean(
            env_key: &str,
            env: &HashMap<String, String>,
            file: Option<bool>,
        ) -> Result<bool, ConfigError> {
            match env.get(env_key).map(|v| v.trim().to_ascii_lowercase()) {
                Some(v) => match v.as_str() {
                    "1" | "true" | "yes" | "on" => Ok(true),
                    "0" | "false" | "no" | "off" | "" => Ok(false),
                    _ => Err(err(env_key, format!("`{v}` is not true or false"))),
                },
                None => Ok(file.unwrap_or(false)),
            }
        }

        let data_dir = PathBuf::from(
            text("data_dir", "CERMIN_DATA_DIR", file.data_dir).unwrap_or_else(|| "./data".into()),
        );
        let database_url = match text("database_url", "CERMIN_DATABASE_URL", file.database_url) {
            Some(u) => DatabaseUrl::parse(&u).map_err(|m| err("CERMIN_DATABASE_URL", m))?,
            None => DatabaseUrl::parse(&format!(
                "sqlite://{}",
                data_dir.join("cermin.db").display()
            ))
            .map_err(|m| err("CERMIN_DATA_DIR", m))?,
        };

        let bind =
            text("bind", "CERMIN_BIND", file.bind).unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind_ok = bind
            .rsplit_once(':')
            .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
        if !bind_ok {
            return Err(err(
                "CERMIN_BIND",
                format!("`{bind}` is not HOST:PORT (for example 127.0.0.1:8080)"),
            ));
        }

        let base_url = match text("base_url", "CERMIN_BASE_URL", file.base_url) {
            Some(u) => {
                let u = u.trim_end_matches('/').to_string();
                let rest = u
                    .strip_prefix("https://")
                    .or_else(|| u.strip_prefix("http://"));
                if rest.is_none_or(|r| r.is_empty()) {
                    return Err(err(
                        "CERMIN_BASE_URL",
                        format!("`{u}` must start with http:// or https://"),
                    ));
                }
                u
            }
            None => {
                let (host, port) = bind.rsplit_once(':').unwrap_or((&bind, "8080"));
                let host = if host == "0.0.0.0" || host == "[::]" {
                    "localhost"
                } else {
                    host
                };
                format!("http://{host}:{port}")
            }
        };

        let default_lang = match text("default_lang", "CERMIN_DEFAULT_LANG", file.default_lang) {
            Some(l) => Lang::parse(&l).ok_or_else(|| {
                err(
                    "CERMIN_DEFAULT_LANG",
                    format!("`{l}` is not a supported language (id or en)"),
                )
            })?,
            None => Lang::Id,
        };
        let timezone = match text("timezone", "CERMIN_TIMEZONE", file.timezone) {
            Some(t) => t.parse::<Tz>().map_err(|_| {
                err(
                    "CERMIN_TIMEZONE",
                    format!("`{t}` is not an IANA time zone (for example Asia/Jakarta)"),
                )
            })?,
            None => chrono_tz::Asia::Jakarta,
        };

        let positive = |name: &str, v: i64| {
            if v > 0 {
                Ok(v)
            } else {
                Err(err(name, "must be greater than 0"))
            }
        };
        let session_idle_minutes = positive(
            "CERMIN_SESSION_IDLE_MINUTES",
            number(
                "CERMIN_SESSION_IDLE_MINUTES",
                env,
                file.session_idle_minutes,
                30,
            )?,
        )?;
        let session_absolute_hours = positive(
            "CERMIN_SESSION_ABSOLUTE_HOURS",
            number(
                "CERMIN_SESSION_ABSOLUTE_HOURS",
                env,
                file.session_absolute_hours,
                12,
            )?,
        )?;
        let login_max_failures = positive(
            "CERMIN_LOGIN_MAX_FAILURES",
            number(
                "CERMIN_LOGIN_MAX_FAILURES",
                env,
                file.login_max_failures,
                10,
            )?,
        )?;
        let login_window_minutes = positive(
            "CERMIN_LOGIN_WINDOW_MINUTES",
            number(
                "CERMIN_LOGIN_WINDOW_MINUTES",
                env,
                file.login_window_minutes,
                15,
            )?,
        )?;
        let pool_size: u32 = number("CERMIN_POOL_SIZE", env, file.pool_size, 8)?;
        if pool_size == 0 {
            return Err(err("CERMIN_POOL_SIZE", "must be greater than 0"));
        }
        let workers: Option<usize> = match env.get("CERMIN_WORKERS") {
            Some(v) => Some(
                v.trim()
                    .parse()
                    .ok()
                    .filter(|n| *n > 0 && *n <= 512)
                    .ok_or_else(|| {
                        err(
                            "CERMIN_WORKERS",
                            format!("`{v}` is not a whole number from 1 to 512"),
                        )
                    })?,
            ),
            None => file.workers,
        };
        let mail_send_hour: u32 = number("CERMIN_MAIL_SEND_HOUR", env, file.mail_send_hour, 8)?;
        if mail_send_hour > 23 {
            return Err(err("CERMIN_MAIL_SEND_HOUR", "must be an hour from 0 to 23"));
        }
        let mail_rate_per_minute: u32 = number(
            "CERMIN_MAIL_RATE_PER_MINUTE",
            env,
            file.mail_rate_per_minute,
            120,
        )?;
        if mail_rate_per_minute == 0 {
            return Err(err("CERMIN_MAIL_RATE_PER_MINUTE", "must be greater than 0"));
        }
        let smtp_url = text("smtp_url", "CERMIN_SMTP_URL", file.smtp_url);
        if let Some(u) = &smtp_url {
            if !(u.starts_with("smtp://") || u.starts_with("smtps://")) {
                return Err(err(
                    "CERMIN_SMTP_URL",
                    "must start with smtp:// or smtps://",
                ));
            }
        }
        let smtp_ca_file =
            text("smtp_ca_file", "CERMIN_SMTP_CA_FILE", file.smtp_ca_file).map(PathBuf::from);
        if let Some(path) = &smtp_ca_file {
            let pem = std::fs::read(path).map_err(|e| {
                err(
                    "CERMIN_SMTP_CA_FILE",
                    format!("cannot read {}: {e}", path.display()),
                )
            })?;
            if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
                return Err(err(
                    "CERMIN_SMTP_CA_FILE",
                    format!("{} holds no PEM certificate", path.display()),
                ));
            }
        }
        let source_url = text("source_url", "CERMIN_SOURCE_URL", file.source_url);
        if let Some(u) = &source_url {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                return Err(err(
                    "CERMIN_SOURCE_URL",
                    "must start with http:// or https://",
                ));
            }
        }
        let metrics_token = text("metrics_token", "CERMIN_METRICS_TOKEN", file.metrics_token);
        if let Some(t) = &metrics_token {
            if t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(err(
                    "CERMIN_METRICS_TOKEN",
                    "must be at least 16 visible characters (for example `openssl rand -hex 24`)",
                ));
            }
        }
        let mail_from = text("mail_from", "CERMIN_MAIL_FROM", file.mail_from)
            .unwrap_or_else(|| "Cermin <cermin@localhost>".into());
        if let Err(e) = mail_from.parse::<lettre::message::Mailbox>() {
            return Err(err(
                "CERMIN_MAIL_FROM",
                format!("`{mail_from}` is not an address like `Cermin <hr@company.co.id>`: {e}"),
            ));
        }
        let mail_overdue_grace_days: i64 = number(
            "CERMIN_MAIL_OVERDUE_GRACE_DAYS",
            env,
            file.mail_overdue_grace_days,
            3,
        )?;
        if !(0..=60).contains(&mail_overdue_grace_days) {
            return Err(err(
                "CERMIN_MAIL_OVERDUE_GRACE_DAYS",
                "must be a number of days from 0 to 60",
            ));
        }
        let mail_worker = boolean(
            "CERMIN_MAIL_WORKER",
            env,
            Some(file.mail_worker.unwrap_or(true)),
        )?;

        Ok(Settings {
            database_url,
            bind,
            base_url,
            data_dir,
            default_lang,
            timezone,
            session_idle_minutes,
            session_absolute_hours,
            login_max_failures,
            login_window_minutes,
            trust_proxy: boolean("CERMIN_TRUST_PROXY", env, file.trust_proxy)?,
            pool_size,
            workers,
            dev_assets: boolean("CERMIN_DEV_ASSETS", env, file.dev_assets)?,
            smtp_url,
            smtp_ca_file,
            mail_from,
            mail_send_hour,
            mail_rate_per_minute,
            mail_overdue_grace_days,
            mail_worker,
            source_url,
            metrics_token,
        })
    }

    /// Cookies are Secure (and `__Host-` prefixed) only when served over https.
    pub fn https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

fn read_file(path: &Path) -> Result<FileSettings, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(&name, format!("cannot read the file: {e}")))?;
    toml::from_str(&text).map_err(|e| {
        let msg = e.message().to_string();
        err(&name, msg)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_need_nothing() {
        let s = Settings::from_env_map(&HashMap::new()).expect("defaults");
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.base_url, "http://127.0.0.1:8080");
        assert_eq!(
            s.database_url.sqlite_path(),
            Some(Path::new("./data/cermin.db"))
        );
        assert_eq!(s.timezone, chrono_tz::Asia::Jakarta);
        assert_eq!(s.default_lang, Lang::Id);
        assert!(!s.https());
    }

    #[test]
    fn bad_values_name_the_setting() {
        for (k, v) in [
            ("CERMIN_BIND", "nonsense"),
            ("CERMIN_TIMEZONE", "Mars/Olympus"),
            ("CERMIN_DEFAULT_LANG", "fr"),
            ("CERMIN_DATABASE_URL", "mysql://x/y"),
            ("CERMIN_SESSION_IDLE_MINUTES", "soon"),
            ("CERMIN_BASE_URL", "example.com"),
            ("CERMIN_SOURCE_URL", "git@example.com:cermin.git"),
        ] {
            let e = Settings::from_env_map(&env(&[(k, v)])).expect_err(k);
            assert_eq!(e.setting, k);
            assert!(e
                .to_string()
                .starts_with(&format!("configuration error: {k}: ")));
        }
    }

    #[test]
    fn file_is_read_and_env_wins() {
        let file: FileSettings =
            toml::from_str("bind = \"0.0.0.0:9000\"\ndefault_lang = \"en\"").expect("toml");
        let s =
            Settings::from_sources(file, &env(&[("CERMIN_DEFAULT_LANG", "id")])).expect("settings");
        assert_eq!(s.bind, "0.0.0.0:9000");
        assert_eq!(s.base_url, "http://localhost:9000");
        assert_eq!(s.default_lang, Lang::Id);
    }

    #[test]
    fn mail_settings_are_checked_at_start() {
        for (k, v) in [
            ("CERMIN_MAIL_FROM", "not an address"),
            ("CERMIN_SMTP_URL", "mail.example.com:587"),
            ("CERMIN_SMTP_CA_FILE", "/nonexistent/ca.pem"),
            ("CERMIN_MAIL_SEND_HOUR", "24"),
            ("CERMIN_MAIL_OVERDUE_GRACE_DAYS", "-1"),
            ("CERMIN_MAIL_WORKER", "sometimes"),
        ] {
            let e = Settings::from_env_map(&env(&[(k, v)])).expect_err(k);
            assert_eq!(e.setting, k);
        }
        let s = Settings::from_env_map(&HashMap::new()).expect("defaults");
        assert!(s.mail_worker);
        assert_eq!(s.mail_overdue_grace_days, 3);
    }
}

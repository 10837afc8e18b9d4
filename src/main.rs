//! The `cermin` command: parse arguments, load settings, dispatch.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cermin::app::people as accounts;
use cermin::config::Settings;
use cermin::db::{people, Db};
use cermin::domain::person::{self, PersonDetails};
use cermin::domain::{EmailAddress, Lang, Role};
use cermin::startup::Application;
use cermin::{auth, demo};

#[derive(Parser)]
#[command(
    name = "cermin",
    version,
    about = "Self-hosted employee self-evaluation and feedback"
)]
struct Cli {
    /// Settings file (default: $CERMIN_CONFIG, else ./cermin.toml when it exists).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run migrations, then serve.
    Serve {
        /// Load the demo organisation first (into an empty database).
        #[arg(long)]
        demo: bool,
    },
    /// Load the demo organisation into an empty database and serve it.
    Demo,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Write a consistent copy of the SQLite database to FILE while the
    /// server runs, and check it (PostgreSQL: use pg_dump).
    Backup { file: PathBuf },
    /// Put a backup in the SQLite database's place (stop the server first);
    /// the current database is kept beside it.
    Restore { file: PathBuf },
    /// Measure page render times on a large generated organisation (see docs/performance.md).
    #[cfg(feature = "bench")]
    Bench {
        /// How many people to generate.
        #[arg(long, default_value_t = 10_000)]
        people: usize,
        /// Database to fill (default: a fresh SQLite file in a temporary folder).
        #[arg(long)]
        database_url: Option<String>,
        /// Measure email instead: launching a cycle for everyone (reviews and
        /// invitations queued) and sending to an SMTP sink on loopback.
        #[arg(long)]
        mail: bool,
        /// Measure under concurrent load instead (needs wrk): every page at
        /// 1, 16 and 64 connections beside a reference page, autosave, and
        /// the server's memory.
        #[arg(long, conflicts_with = "mail")]
        load: bool,
        /// With --load: seconds of load per page and level.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
        /// With --load: seconds to wait after the load before reading memory.
        #[arg(long, default_value_t = 60)]
        settle: u64,
        /// With --load: how many reviews autosave writes to at once.
        #[arg(long, default_value_t = 2000)]
        writers: usize,
        /// With --load: only the pages whose name contains this (repeatable).
        #[arg(long)]
        page: Vec<String>,
    },
    /// Send email that is due (for installs that send from a timer rather
    /// than from `cermin serve`).
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Manage people from the command line.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum MailCommand {
    /// Plan today's reminders if the send hour has passed, send everything
    /// due, print what happened and exit.
    RunOnce,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a person; prints their invitation link.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// hr, manager or employee
        #[arg(long)]
        role: String,
        /// Their manager's email.
        #[arg(long)]
        manager: Option<String>,
        /// id or en (default: the instance default)
        #[arg(long)]
        lang: Option<String>,
        #[arg(long, default_value = "")]
        department: String,
        #[arg(long, default_value = "")]
        job_title: String,
    },
    /// Set a password, read from a prompt (or standard input when piped).
    SetPassword { email: String },
}

fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,actix_server=warn".into());
    // CERMIN_LOG_FORMAT=json: one JSON object per line, for log shippers.
    match std::env::var("CERMIN_LOG_FORMAT").as_deref() {
        Ok("json") => tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .with_target(false)
            .with_current_span(true)
            .init(),
        Ok("text") | Err(_) => tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_target(false)
            .init(),
        Ok(other) => {
            eprintln!("CERMIN_LOG_FORMAT: {other:?} is neither \"text\" nor \"json\"");
            return ExitCode::from(2);
        }
    }
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(cli.command, settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_report(what: &str, r: &cermin::backup::Report) {
    println!(
        "{what}: {} ({} bytes; integrity check: ok)",
        r.file.display(),
        r.bytes
    );
    for (table, rows) in &r.tables {
        println!("  {table}: {rows} rows");
    }
}

fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { demo } => serve(settings, demo),
        Command::Demo => serve(settings, true),
        Command::Migrate => {
            let db = Db::connect(&settings.database_url, 1)?;
            let n = db.prepare()?;
            println!(
                "{} migration(s) applied to {}",
                n,
                settings.database_url.redacted()
            );
            Ok(())
        }
        Command::Backup { file } => {
            let r = cermin::backup::backup(&settings.database_url, &file)?;
            print_report("Backup written and checked", &r);
            Ok(())
        }
        Command::Restore { file } => {
            // A running server would keep writing to the file being replaced.
            use std::net::ToSocketAddrs;
            let running = settings
                .bind
                .to_socket_addrs()
                .map_err(|e| anyhow::anyhow!("{}: {e}", settings.bind))?
                .any(|a| {
                    std::net::TcpStream::connect_timeout(&a, std::time::Duration::from_millis(500))
                        .is_ok()
                });
            if running {
                anyhow::bail!(
                    "something answers at {}: stop `cermin serve` before restoring",
                    settings.bind
                );
            }
            let r = cermin::backup::restore(&settings.database_url, &file)?;
            print_report("Backup restored", &r);
            if let Some(kept) = &r.kept {
                println!("The database it replaced is kept at {}", kept.display());
            }
            Ok(())
        }
        Command::User { command } => user(command, settings),
        Command::Mail {
            command: MailCommand::RunOnce,
        } => mail_run_once(settings),
        #[cfg(feature = "bench")]
        Command::Bench {
            people,
            database_url,
            mail: true,
            ..
        } => cermin::bench::mail::run(people, database_url),
        #[cfg(feature = "bench")]
        Command::Bench {
            people,
            database_url,
            load: true,
            seconds,
            settle,
            writers,
            page,
            ..
        } => cermin::bench::load::run(
            people,
            database_url,
            cermin::bench::load::Options {
                seconds,
                settle_seconds: settle,
                writers,
                only: page,
            },
        ),
        #[cfg(feature = "bench")]
        Command::Bench {
            people,
            database_url,
            ..
        } => cermin::bench::run(people, database_url),
    }
}

fn serve(settings: Settings, load_demo: bool) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let _guard = runtime.enter();
    let base_url = settings.base_url.clone();
    let app = Application::build(settings.clone())?;
    let mut conn = app.db.get()?;
    if load_demo {
        match demo::load(&mut conn, settings.default_lang)? {
            Some(login) => {
                println!("\nDemo organisation loaded. Sign in at {base_url}/sign-in with one of:");
                for (role, email) in &login.accounts {
                    println!("  {role:<9} {email}");
                }
                println!("  password  {}\n", login.password);
            }
            None => println!("The database already has people: the demo was not loaded again."),
        }
    }
    let clock = cermin::app::Clock::at(chrono::Utc::now(), settings.timezone);
    if let Some(token) = accounts::issue_setup_link(&mut conn, clock)? {
        println!("\nNo HR administrator yet. Open this one-time link (valid for {} hours) to create one:", accounts::SETUP_HOURS);
        println!("  {}\n", accounts::setup_url(&base_url, &token));
    }
    drop(conn);
    println!(
        "Cermin is running at {base_url}  (database: {})",
        settings.database_url.redacted()
    );
    runtime.block_on(app.run())?;
    Ok(())
}

fn mail_run_once(settings: Settings) -> anyhow::Result<()> {
    cermin::i18n::init().map_err(|e| anyhow::anyhow!("translations: {e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // lettre's pooled transport lives on this runtime.
    let _guard = runtime.enter();
    let db = Db::connect(&settings.database_url, 2)?;
    db.prepare()?;
    let mailer = cermin::mail::worker::Mailer::new(&settings, db)
        .map_err(|e| anyhow::anyhow!("mail: {e}"))?;
    let report = runtime.block_on(mailer.run_once(chrono::Utc::now()))?;
    println!(
        "mail to {}: {} planned, {} sent, {} to retry, {} failed, {} skipped",
        mailer.destination(),
        report.planned,
        report.sent,
        report.retried,
        report.failed,
        report.skipped
    );
    Ok(())
}

fn user(command: UserCommand, settings: Settings) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url, 1)?;
    db.prepare()?;
    let mut conn = db.get()?;
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            manager,
            lang,
            department,
            job_title,
        } => {
            let details = PersonDetails {
                email: EmailAddress::parse(&email).map_err(|_| {
                    anyhow::anyhow!("--email: `{email}` is not a valid email address")
                })?,
                name: person::parse_name(&name)
                    .map_err(|_| anyhow::anyhow!("--name: a name is required"))?,
                role: Role::parse(&role).ok_or_else(|| {
                    anyhow::anyhow!("--role: `{role}` is not hr, manager or employee")
                })?,
                department: person::parse_short_text("department", &department)
                    .map_err(|_| anyhow::anyhow!("--department is too long"))?,
                job_title: person::parse_short_text("job_title", &job_title)
                    .map_err(|_| anyhow::anyhow!("--job-title is too long"))?,
                job_description: String::new(),
                lang: match lang {
                    Some(l) => Lang::parse(&l)
                        .ok_or_else(|| anyhow::anyhow!("--lang: `{l}` is not id or en"))?,
                    None => settings.default_lang,
                },
            };
            let clock = cermin::app::Clock::at(chrono::Utc::now(), settings.timezone);
            let token = match accounts::add_person_by_operator(
                &mut conn,
                clock,
                &details,
                manager.as_deref(),
            ) {
                Ok(token) => token,
                Err(cermin::app::Error::Invalid(fields)) => match fields.first() {
                    Some((field, _)) if field == "manager" => anyhow::bail!(
                        "--manager: nobody active has the email {}",
                        manager.unwrap_or_default()
                    ),
                    _ => anyhow::bail!("{} already exists", details.email.as_str()),
                },
                Err(e) => return Err(e.into()),
            };
            println!(
                "Added {} <{}>. Their invitation email is queued: `cermin serve` (or `cermin mail run-once`) sends it.",
                details.name,
                details.email.as_str()
            );
            println!(
                "Invitation link (valid {} days): {}",
                accounts::INVITATION_DAYS,
                accounts::invitation_url(&settings.base_url, &token)
            );
            Ok(())
        }
        UserCommand::SetPassword { email } => {
            let person = people::find_by_email(&mut conn, &email)?
                .ok_or_else(|| anyhow::anyhow!("nobody has the email {email}"))?;
            let password = read_password()?;
            auth::password::check_strength(&password).map_err(|_| {
                anyhow::anyhow!(
                    "the password must be {} to {} characters",
                    auth::password::MIN_LENGTH,
                    auth::password::MAX_LENGTH
                )
            })?;
            let hash = auth::password::hash(&password)?;
            let clock = cermin::app::Clock::at(chrono::Utc::now(), settings.timezone);
            accounts::set_password_by_operator(&mut conn, clock, &person.id, &hash)?;
            println!(
                "Password set for {}; their other sessions were signed out.",
                person.email
            );
            Ok(())
        }
    }
}

/// From a hidden prompt on a terminal, else the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("New password: ")?;
        let again = rpassword::prompt_password("Again: ")?;
        if first != again {
            anyhow::bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

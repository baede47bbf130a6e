//! The command line: `quorum serve` (the default), `quorum admin create`, `quorum config`,
//! `quorum healthcheck`, `quorum backup`, `quorum restore`.
pub mod backup;
pub mod legacy;

use crate::config::{Config, KEYS};
use crate::startup::{Application, open_pool};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "quorum", version, about = "The member portal of a BigBlueButton co-op")]
pub struct Cli {
    /// Configuration file (TOML); keys as in `quorum config`.
    #[arg(long, env = "QUORUM_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Administration tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// List the configuration keys with their defaults.
    Config,
    /// Exit 0 when the running portal answers /healthz (for container health checks).
    Healthcheck,
    /// Legacy Greenlight instances.
    #[command(subcommand)]
    Legacy(LegacyCommand),
    /// Members' contributions.
    #[command(subcommand)]
    Contributions(ContributionsCommand),
    /// Copy the SQLite database (while the portal runs) and the stored files into one tar FILE.
    Backup { file: PathBuf },
    /// Put a backup FILE back into an empty data folder (the database and files configured).
    Restore { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum ContributionsCommand {
    /// Import an Open Collective transactions export (CSV); the same file twice adds nothing.
    Import { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum LegacyCommand {
    /// Import members, rooms and co-owners from a Greenlight v2 or v3 database (read only).
    Import(crate::cli::legacy::ImportArgs),
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create an administrator (or make an existing account one). Prompts for the password, or
    /// reads it from standard input when that is not a terminal.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

pub async fn run(cli: Cli) -> Result<(), String> {
    let config = || Config::load(cli.config.as_deref()).map_err(|e| e.to_string());
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let config = config()?;
            crate::config::check_site(&config.site_root_configured, &config.site_root).map_err(|e| e.to_string())?;
            let app = Application::build(&config).await.map_err(|e| e.to_string())?;
            app.run_until_stopped().await.map_err(|e| e.to_string())
        }
        Command::Admin(AdminCommand::Create { email, name }) => {
            let config = config()?;
            let password = read_password()?;
            let pool = open_pool(&config).await.map_err(|e| e.to_string())?;
            match app::accounts::service::admin::create_admin(
                &pool,
                app::clock::Clock::system().now(),
                &email,
                &name,
                &password,
            )
            .await
            {
                Ok(id) => {
                    println!("Administrator {email} is ready (account {id}).");
                    Ok(())
                }
                Err(app::error::AppError::Invalid(fields)) => {
                    let lang = app::i18n::Lang::En;
                    let lines: Vec<String> =
                        fields.0.iter().map(|(field, msg)| format!("{field}: {}", lang.msg(msg))).collect();
                    Err(lines.join("\n"))
                }
                Err(e) => Err(e.to_string()),
            }
        }
        Command::Config => {
            for (key, default, about) in KEYS {
                println!(
                    "{:<22} QUORUM_{:<22} default {:<36} {about}",
                    key,
                    key.to_uppercase(),
                    format!("{default:?}")
                );
            }
            Ok(())
        }
        Command::Healthcheck => healthcheck(&config()?).await,
        Command::Legacy(LegacyCommand::Import(args)) => crate::cli::legacy::import(config()?, args).await,
        Command::Contributions(ContributionsCommand::Import { file }) => contributions_import(config()?, &file).await,
        Command::Backup { file } => {
            let config = config()?;
            let done = backup::backup(&config.database_url, &config.files, &file).await?;
            println!("{}: {}", file.display(), said(&done));
            Ok(())
        }
        Command::Restore { file } => {
            let config = config()?;
            let done = backup::restore(&config.database_url, &config.files, &file).await?;
            println!("restored from {}: {}", file.display(), said(&done));
            Ok(())
        }
    }
}

/// What a backup or restore held, in a line.
fn said(summary: &backup::Summary) -> String {
    let bucket = if summary.files_in_bucket { " (stored files are in the bucket: not copied)" } else { "" };
    format!("database {} bytes, {} stored files{bucket}", summary.database_bytes, summary.files)
}

fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ".into());
        }
        Ok(first)
    } else {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input).map_err(|e| e.to_string())?;
        Ok(input.lines().next().unwrap_or_default().to_string())
    }
}

/// A plain HTTP/1.0 GET of /healthz on the configured address, so the container image needs no curl.
async fn healthcheck(config: &Config) -> Result<(), String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let work = async {
        let mut stream = tokio::net::TcpStream::connect(config.bind).await.map_err(|e| e.to_string())?;
        stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n").await.map_err(|e| e.to_string())?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.map_err(|e| e.to_string())?;
        let answer = String::from_utf8_lossy(&answer);
        if answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200") {
            Ok(())
        } else {
            Err(format!("unhealthy: {}", answer.lines().next().unwrap_or_default()))
        }
    };
    let result =
        tokio::time::timeout(std::time::Duration::from_secs(5), work).await.map_err(|_| "timed out".to_string())?;
    let _ = std::io::stdout().flush();
    result
}

async fn contributions_import(mut config: Config, file: &std::path::Path) -> Result<(), String> {
    let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    config.bind = "127.0.0.1:0".parse().map_err(|e: std::net::AddrParseError| e.to_string())?;
    config.metrics_bind = None;
    let app = Application::build(&config).await.map_err(|e| e.to_string())?;
    let lang = app::i18n::Lang::En;
    let report = app::contributions::service::import::open_collective(app.state(), &data)
        .await
        .map_err(|e| lang.msg(&e.message()))?;
    println!(
        "added {}, already imported {}, refunds {}, not member money {}, contributors waiting to be linked {}",
        report.added, report.repeated, report.refunds, report.ignored, report.unmatched
    );
    for note in &report.notes {
        println!("{}", lang.t(note));
    }
    for rejected in &report.rejected {
        println!("line {}: {}", rejected.line, lang.t(&rejected.reason));
    }
    Ok(())
}

//! `quorum legacy import`: an import from a legacy Greenlight database on the command line, with the
//! report printed (and, with `--csv`, written as CSV). The database address is read from the option
//! or from a file (`--from-file`), and is never printed.
use crate::config::Config;
use app::legacy::model::{OnConflict, Options, Version};
use app::legacy::service::{import, report};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// postgres://USER:PASSWORD@HOST/DB of the legacy instance (read only).
    #[arg(long, required_unless_present = "from_file")]
    pub from: Option<String>,
    /// A file holding that address, so the password stays out of the process list.
    #[arg(long)]
    pub from_file: Option<PathBuf>,
    /// The region imported rooms go to (usually the legacy instance's own BBB or Scalelite).
    #[arg(long)]
    pub region: String,
    /// Decide everything and report it; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// v2, v3, or auto (read from the schema).
    #[arg(long, default_value = "auto")]
    pub version: String,
    /// Legacy admins stay admins (otherwise they become members).
    #[arg(long)]
    pub keep_admins: bool,
    /// skip (default) or attach: what to do when a legacy email already has an account here.
    #[arg(long, default_value = "skip")]
    pub on_conflict: String,
    /// Mail every member imported where to sign in now (with their old password) and their rooms.
    #[arg(long)]
    pub welcome: bool,
    /// Also write the report's records as CSV to this file.
    #[arg(long)]
    pub csv: Option<PathBuf>,
}

pub async fn import(mut config: Config, args: ImportArgs) -> Result<(), String> {
    let url = match (&args.from, &args.from_file) {
        (Some(url), _) => url.clone(),
        (None, Some(file)) => std::fs::read_to_string(file).map_err(|e| e.to_string())?.trim().to_string(),
        (None, None) => return Err("give --from or --from-file".into()),
    };
    let version = match args.version.as_str() {
        "v2" => Some(Version::V2),
        "v3" => Some(Version::V3),
        "auto" => None,
        other => return Err(format!("--version: `{other}` is not v2, v3 or auto")),
    };
    let on_conflict = match args.on_conflict.as_str() {
        "skip" => OnConflict::Skip,
        "attach" => OnConflict::Attach,
        other => return Err(format!("--on-conflict: `{other}` is not skip or attach")),
    };
    let options = Options {
        region: args.region,
        dry_run: args.dry_run,
        version,
        keep_admins: args.keep_admins,
        on_conflict,
        welcome: args.welcome,
    };
    // The portal's state without its listeners: the import may run beside a serving process.
    config.bind = "127.0.0.1:0".parse().map_err(|e: std::net::AddrParseError| e.to_string())?;
    config.metrics_bind = None;
    let app = crate::startup::Application::build(&config).await.map_err(|e| e.to_string())?;
    let lang = app::i18n::Lang::En;
    let done = import::import(app.state(), &url, &options).await.map_err(|e| match e {
        app::error::AppError::Invalid(fields) => {
            fields.0.iter().map(|(f, m)| format!("{f}: {}", lang.msg(m))).collect::<Vec<_>>().join("\n")
        }
        other => lang.msg(&other.message()),
    })?;
    print!("{}", report::text(&done, lang));
    if let Some(path) = args.csv {
        let csv = report::csv(&done, lang).map_err(|e| e.to_string())?;
        std::fs::write(&path, csv).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

//! Configuration: built-in defaults, then an optional `quorum.toml`, then `QUORUM_*` environment
//! variables. Any key may instead name a file holding its value (`smtp_url_file` in the file,
//! `QUORUM_SMTP_URL_FILE` in the environment), so secrets stay out of the process list. A bad value
//! stops start-up with a message that names the key.
pub mod files;
pub mod regions;
pub mod sso;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use app::regions::service::RegionRecord;

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// Where `/metrics` is served (an internal address); `None`: not served.
    pub metrics_bind: Option<SocketAddr>,
    /// `None`: derived from the address actually bound (`http://127.0.0.1:3000`).
    pub base_url: Option<String>,
    pub database_url: String,
    pub smtp_url: Option<String>,
    pub outbox_dir: PathBuf,
    pub mail_from: String,
    pub site_root: PathBuf,
    /// `site_root` as configured (empty: looked for), for start-up's message when the site is missing.
    pub site_root_configured: String,
    pub log_format: LogFormat,
    /// Reverse proxies whose `X-Forwarded-For` entries are believed.
    pub trusted_proxies: app::client_address::TrustedProxies,
    pub sessions: app::accounts::service::auth::SessionPolicy,
    /// How long a background job's lease lasts unless renewed: how soon another process takes over.
    pub job_lease_seconds: i64,
    /// How often every region is polled, and when it counts as down, up, and worth another alert.
    pub monitor_every: Duration,
    pub monitor: app::monitoring::service::judge::Policy,
    pub monitor_webhook: Option<app::hooks::Receiver>,
    /// Whether health checks and webhooks may call internal networks.
    pub outbound: app::outbound::Policy,
    /// Events, headroom and the provisioning hook of bookings.
    pub schedule: app::schedule::Policy,
    /// Membership tiers' grace period, the notice before it ends, and where members contribute.
    pub membership: app::membership::Policy,
    pub db_max_connections: u32,
    pub bbb_connect_timeout: Duration,
    pub bbb_timeout: Duration,
    /// `[[regions]]` of the configuration file; they win over the database's.
    pub regions: Vec<RegionRecord>,
    /// `[[sso_providers]]` of the configuration file; they win over the database's.
    pub sso_providers: Vec<app::sso::service::providers::ProviderRecord>,
    /// `password_login`: fixed here when set, else admins decide on the sign-in page.
    pub password_login: Option<bool>,
    /// Who watches a new room's recordings, unless its type says (`room` unless set).
    pub recording_visibility: app::rooms::model::RecordingVisibility,
    pub sso_timeout: Duration,
    /// Run the fake BBB server in-process as a clearly labelled demo region. Never on by default.
    pub demo_region: bool,
    /// Where stored files are kept, and how long one call to a bucket may take.
    pub files: app::files::Place,
    pub files_timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0}: {1}")]
    File(PathBuf, String),
    #[error("configuration key `{key}`: {problem}")]
    Key { key: String, problem: String },
}

/// Every key, its default, and what it is for (shown by `quorum config`).
pub const KEYS: &[(&str, &str, &str)] = &[
    ("bind", "127.0.0.1:3000", "address and port to listen on"),
    ("base_url", "", "public URL of the portal (default: http://<bind>)"),
    ("metrics_bind", "127.0.0.1:9464", "internal address serving /metrics (Prometheus); empty: none"),
    ("database_url", "sqlite://data/quorum.db", "sqlite://FILE (created when missing) or postgres://USER:PASS@HOST/DB"),
    ("smtp_url", "", "smtp://HOST:PORT or smtps://USER:PASS@HOST; empty writes mail to outbox_dir"),
    ("outbox_dir", "data/outbox", "folder for outgoing mail when smtp_url is empty"),
    ("mail_from", "Quorum <quorum@localhost>", "sender address of outgoing mail"),
    ("site_root", "", "folder with the built site (pkg/); default: next to the binary, else target/site"),
    ("log_format", "pretty", "pretty or json"),
    (
        "trusted_proxies",
        "",
        "addresses or networks of reverse proxies whose X-Forwarded-For is believed, e.g. 127.0.0.1, 10.0.0.0/8",
    ),
    ("session_idle_minutes", "120", "a session unused this long ends (\"remember me\": 30 days)"),
    ("session_max_hours", "24", "a session ends this long after sign-in, however used (\"remember me\": 30 days)"),
    ("db_max_connections", "10", "size of the database pool"),
    ("monitor_interval_seconds", "15", "how often every region is polled for the status page and alerts"),
    ("monitor_down_after", "2", "failed polls in a row after which a region is down (admins are mailed)"),
    ("monitor_up_after", "1", "good polls in a row after which a down region is up again"),
    ("monitor_webhook_url", "", "also post each region alert as signed JSON to this URL (a chat bridge); empty: none"),
    (
        "monitor_webhook_secret",
        "",
        "key that signs the alerts (HMAC-SHA256), required with monitor_webhook_url; use monitor_webhook_secret_file",
    ),
    (
        "allow_internal_network",
        "false",
        "true: health checks and webhooks may call loopback, private and link-local addresses (a region on the co-op's LAN)",
    ),
    ("monitor_alert_quiet_minutes", "10", "after an alert, no new \"down\" alert for the region this long (flapping)"),
    ("membership_grace_days", "45", "a membership tier holds this long after the contributions that gave it stop"),
    ("membership_notice_days", "7", "members are mailed this long before their grace period ends"),
    (
        "contribute_url",
        "",
        "where members contribute (the co-op's Open Collective page), linked from their membership page",
    ),
    ("booking_event_size", "50", "bookings of more participants than this are events an admin approves"),
    ("booking_headroom", "10", "seats added to a booking's reservation for BBB's maxParticipants"),
    ("booking_invitations_per_hour", "250", "the most invitation mails one member's bookings may send in an hour"),
    ("booking_invitations_per_day", "750", "the most invitation mails one member's bookings may send in a day"),
    ("provisioning_hook_url", "", "approved events are POSTed here (signed JSON) before they start and after they end"),
    (
        "provisioning_hook_secret",
        "",
        "key that signs the provisioning calls (HMAC-SHA256), required with provisioning_hook_url; use provisioning_hook_secret_file",
    ),
    ("provisioning_lead_minutes", "60", "how long before an approved event its provisioning call goes"),
    ("job_lease_seconds", "10", "a background job's lease: another process takes over this long after its holder dies"),
    ("bbb_connect_timeout_ms", "2000", "connect timeout of calls to a region's BBB API"),
    ("bbb_timeout_ms", "5000", "total timeout of calls to a region's BBB API"),
    (
        "password_login",
        "",
        "true or false: whether members sign in with a password beside single sign-on; empty: admins decide",
    ),
    ("sso_timeout_ms", "5000", "total timeout of calls to single sign-on providers"),
    ("recording_visibility", "room", "who watches a new room's recordings: public, members, room or private"),
    ("demo_region", "false", "also run a fake BBB server in-process as a region named Demo (no audio or video)"),
    ("files_dir", "data/files", "folder for stored files (presentations) when files_s3_bucket is empty"),
    ("files_s3_bucket", "", "an S3-compatible bucket for stored files, shared by several portal processes"),
    (
        "files_s3_endpoint",
        "",
        "the bucket's endpoint, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000",
    ),
    ("files_s3_region", "us-east-1", "the bucket's region"),
    ("files_s3_access_key", "", "access key id for the bucket"),
    ("files_s3_secret_key", "", "secret access key for the bucket; use files_s3_secret_key_file"),
    ("files_timeout_ms", "30000", "total timeout of one call to the bucket"),
];

pub(crate) fn problem(key: &str, problem: impl ToString) -> ConfigError {
    ConfigError::Key { key: key.to_string(), problem: problem.to_string() }
}

pub(crate) fn read_secret_file(key: &str, path: &str) -> Result<String, ConfigError> {
    std::fs::read_to_string(path)
        .map(|s| s.trim_end_matches(['\n', '\r']).to_string())
        .map_err(|e| problem(key, format!("cannot read {path}: {e}")))
}

/// The raw values after layering, before parsing.
pub fn layered(
    file: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<BTreeMap<String, String>, ConfigError> {
    let mut values: BTreeMap<String, String> = KEYS.iter().map(|(k, d, _)| (k.to_string(), d.to_string())).collect();
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File(path.into(), e.to_string()))?;
        let table: toml::Table =
            text.parse().map_err(|e: toml::de::Error| ConfigError::File(path.into(), e.to_string()))?;
        for (key, value) in table {
            if key == "regions" || key == "sso_providers" {
                continue; // read by `config::regions` and `config::sso`
            }
            let (name, is_file) = match key.strip_suffix("_file") {
                Some(name) => (name.to_string(), true),
                None => (key.clone(), false),
            };
            if !values.contains_key(&name) {
                return Err(problem(&key, "unknown key"));
            }
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                other => {
                    return Err(problem(
                        &key,
                        format!("expected a string, number or boolean, found {}", other.type_str()),
                    ));
                }
            };
            let text = if is_file { read_secret_file(&key, &text)? } else { text };
            values.insert(name, text);
        }
    }
    for (key, _, _) in KEYS {
        let var = format!("QUORUM_{}", key.to_uppercase());
        if let Some(path) = env(&format!("{var}_FILE")) {
            values.insert(key.to_string(), read_secret_file(&format!("{var}_FILE"), &path)?);
        } else if let Some(value) = env(&var) {
            values.insert(key.to_string(), value);
        }
    }
    Ok(values)
}

impl Config {
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config = Self::from_values(layered(file, &|k| std::env::var(k).ok())?)?;
        if let Some(path) = file {
            config.regions = crate::config::regions::read(path)?;
            config.sso_providers = crate::config::sso::read(path)?;
        }
        Ok(config)
    }

    pub fn from_values(v: BTreeMap<String, String>) -> Result<Config, ConfigError> {
        let get = |k: &str| v.get(k).cloned().unwrap_or_default();
        let bind: SocketAddr = get("bind").parse().map_err(|e| problem("bind", e))?;
        let metrics_bind = match get("metrics_bind").trim() {
            "" => None,
            text => Some(text.parse::<SocketAddr>().map_err(|e| problem("metrics_bind", e))?),
        };
        let base_url = match get("base_url").trim_end_matches('/') {
            "" => None,
            url if url.starts_with("http://") || url.starts_with("https://") => Some(url.to_string()),
            _ => return Err(problem("base_url", "must start with http:// or https://")),
        };
        let database_url = get("database_url");
        if app::db::Kind::of(&database_url).is_none() {
            return Err(problem("database_url", "must start with sqlite:// or postgres://"));
        }
        let smtp_url = Some(get("smtp_url")).filter(|s| !s.is_empty());
        if let Some(url) = &smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(problem("smtp_url", "must start with smtp:// or smtps://"));
        }
        let log_format = match get("log_format").as_str() {
            "pretty" => LogFormat::Pretty,
            "json" => LogFormat::Json,
            other => {
                return Err(problem("log_format", format!("`{other}` is neither pretty nor json")));
            }
        };
        let trusted_proxies = app::client_address::TrustedProxies::parse(&get("trusted_proxies"))
            .map_err(|e| problem("trusted_proxies", e))?;
        let positive = |key: &str| {
            get(key).parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| problem(key, "expected a positive number"))
        };
        let job_lease_seconds = positive("job_lease_seconds")?;
        let monitor_every = Duration::from_secs(positive("monitor_interval_seconds")?.unsigned_abs());
        let web_url = |key: &str| match get(key).trim() {
            "" => Ok(None),
            url => match url::Url::parse(url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(Some(url.to_string())),
                _ => Err(problem(key, "expected an http:// or https:// URL")),
            },
        };
        // A receiver is called only with a key to sign its calls: an unsigned call could be forged.
        let keyed = |url_key: &str, secret_key: &str| -> Result<Option<app::hooks::Receiver>, ConfigError> {
            let secret = get(secret_key);
            match web_url(url_key)? {
                None => Ok(None),
                Some(_) if secret.is_empty() => Err(problem(secret_key, format!("required with {url_key}"))),
                Some(url) => Ok(Some(app::hooks::Receiver { url, secret })),
            }
        };
        let monitor_webhook = keyed("monitor_webhook_url", "monitor_webhook_secret")?;
        let provisioning = keyed("provisioning_hook_url", "provisioning_hook_secret")?;
        let outbound = app::outbound::Policy {
            allow_internal: get("allow_internal_network")
                .parse()
                .map_err(|_| problem("allow_internal_network", "expected true or false"))?,
        };
        let schedule = app::schedule::Policy {
            event_size: positive("booking_event_size")?,
            headroom: get("booking_headroom")
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| problem("booking_headroom", "expected a number, 0 or more"))?,
            hook_url: provisioning.as_ref().map(|r| r.url.clone()),
            hook_secret: provisioning.map(|r| r.secret),
            hook_lead_seconds: positive("provisioning_lead_minutes")? * 60,
            invitations_per_hour: positive("booking_invitations_per_hour")?,
            invitations_per_day: positive("booking_invitations_per_day")?,
        };
        let membership = app::membership::Policy {
            grace_seconds: positive("membership_grace_days")? * 86_400,
            notice_seconds: positive("membership_notice_days")? * 86_400,
            contribute_url: web_url("contribute_url")?,
        };
        let monitor = app::monitoring::service::judge::Policy {
            down_after: positive("monitor_down_after")?,
            up_after: positive("monitor_up_after")?,
            alert_quiet_seconds: positive("monitor_alert_quiet_minutes")? * 60,
        };
        let sessions = app::accounts::service::auth::SessionPolicy {
            idle: positive("session_idle_minutes")? * 60,
            max: positive("session_max_hours")? * 3600,
        };
        let db_max_connections = get("db_max_connections")
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| problem("db_max_connections", "expected a positive number"))?;
        let millis = |key: &str| {
            get(key)
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .map(Duration::from_millis)
                .ok_or_else(|| problem(key, "expected a positive number of milliseconds"))
        };
        Ok(Config {
            bbb_connect_timeout: millis("bbb_connect_timeout_ms")?,
            bbb_timeout: millis("bbb_timeout_ms")?,
            regions: Vec::new(),
            sso_providers: Vec::new(),
            password_login: match get("password_login").trim() {
                "" => None,
                text => Some(text.parse().map_err(|_| problem("password_login", "expected true, false or nothing"))?),
            },
            sso_timeout: millis("sso_timeout_ms")?,
            recording_visibility: app::rooms::model::RecordingVisibility::parse(get("recording_visibility").trim())
                .ok_or_else(|| problem("recording_visibility", "expected public, members, room or private"))?,
            files: files::place(&get)?,
            files_timeout: millis("files_timeout_ms")?,
            demo_region: get("demo_region").parse().map_err(|_| problem("demo_region", "expected true or false"))?,
            bind,
            metrics_bind,
            base_url,
            database_url,
            smtp_url,
            outbox_dir: get("outbox_dir").into(),
            mail_from: get("mail_from"),
            site_root: site_root(&get("site_root")),
            site_root_configured: get("site_root"),
            log_format,
            trusted_proxies,
            sessions,
            job_lease_seconds,
            monitor_every,
            monitor,
            monitor_webhook,
            outbound,
            schedule,
            membership,
            db_max_connections,
        })
    }

    /// The public URL, given the address the listener really got (port 0 becomes a real port).
    pub fn public_url(&self, bound: SocketAddr) -> String {
        self.base_url.clone().unwrap_or_else(|| format!("http://{bound}"))
    }
}

/// Where the built site may be, in order: the configured folder alone when `site_root` is set;
/// else `LEPTOS_SITE_ROOT` (scripts/lib.sh sets it), `site/` next to the binary (how `scripts/build-release`
/// and the container lay it out), and `target/site` of a checkout.
pub fn site_candidates(configured: &str) -> Vec<PathBuf> {
    if !configured.is_empty() {
        return vec![configured.into()];
    }
    let mut found: Vec<PathBuf> = std::env::var("LEPTOS_SITE_ROOT").ok().map(PathBuf::from).into_iter().collect();
    if let Some(dir) = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|d| d.join("site"))) {
        found.push(dir);
    }
    found.push(PathBuf::from("target/site"));
    found
}

/// The first candidate that holds `pkg/`, else the first one (start-up then says what is missing).
fn site_root(configured: &str) -> PathBuf {
    let candidates = site_candidates(configured);
    candidates.iter().find(|dir| dir.join("pkg").is_dir()).or(candidates.first()).cloned().unwrap_or_default()
}

/// Refuses to serve pages without their stylesheet and scripts: names the folders tried and the key.
pub fn check_site(configured: &str, chosen: &Path) -> Result<(), ConfigError> {
    if chosen.join("pkg").is_dir() {
        return Ok(());
    }
    let tried: Vec<String> = site_candidates(configured).iter().map(|d| d.join("pkg").display().to_string()).collect();
    Err(problem(
        "site_root",
        format!(
            "the built site (its pkg/ folder) is not in {}; build it with scripts/build-release and set site_root (QUORUM_SITE_ROOT) to its site/ folder",
            tried.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests;

//! Regions in the database and in the configuration file (which wins for the codes it names), and
//! the "Test connection" check.
mod directory;
pub mod maintenance;

use crate::bbb::Algorithm;
use crate::bbb::client::{Client, Endpoint};
use crate::db::Pool;
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg, bbb_message};
use crate::regions::model::{Check, Region, RegionInput, check};
pub use directory::Regions;

/// A region with its secret: server-side only.
#[derive(Clone, sqlx::FromRow)]
pub struct RegionRecord {
    pub code: String,
    pub name: String,
    pub api_url: String,
    pub secret: String,
    pub checksum: String,
    pub recording: i64,
    pub max_meeting: i64,
    pub capacity: i64,
    pub bookable_percent: i64,
    pub event_tag: Option<String>,
    pub health_url: Option<String>,
    pub enabled: i64,
    pub is_default: i64,
    #[sqlx(skip)]
    pub from_config: bool,
    /// The demo region (a fake BBB server in this process, no audio or video): set only by the
    /// binary's demo start-up, never stored. It never competes with a real region ([`all`]).
    #[sqlx(skip)]
    pub demo: bool,
}

// Never print the secret.
impl std::fmt::Debug for RegionRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegionRecord").field("code", &self.code).field("api_url", &self.api_url).finish_non_exhaustive()
    }
}

impl RegionRecord {
    /// A region with no limits, for unit tests of rules that read one.
    #[cfg(test)]
    pub fn for_tests(code: &str) -> RegionRecord {
        RegionRecord {
            code: code.into(),
            name: code.into(),
            api_url: "http://127.0.0.1:1/bigbluebutton/api/".into(),
            secret: "s".into(),
            checksum: "sha256".into(),
            recording: 1,
            max_meeting: 0,
            capacity: 0,
            bookable_percent: 80,
            event_tag: None,
            health_url: None,
            enabled: 1,
            is_default: 0,
            from_config: false,
            demo: false,
        }
    }

    pub fn algorithm(&self) -> Algorithm {
        Algorithm::parse(&self.checksum).unwrap_or_default()
    }

    pub fn endpoint(&self) -> Endpoint {
        Endpoint::new(&self.api_url, &self.secret, self.algorithm()).labelled(&self.code)
    }

    pub fn view(&self) -> Region {
        Region {
            code: self.code.clone(),
            name: self.name.clone(),
            api_url: self.api_url.clone(),
            checksum: self.algorithm(),
            recording: self.recording != 0,
            max_meeting: self.max_meeting,
            capacity: self.capacity,
            bookable_percent: self.bookable_percent,
            event_tag: self.event_tag.clone(),
            health_url: self.health_url.clone(),
            enabled: self.enabled != 0,
            is_default: self.is_default != 0,
            from_config: self.from_config,
            demo: self.demo,
        }
    }

    /// Builds a record from checked input (also how the configuration file's regions are read).
    /// `secret` is the one to store: the input's, or the saved one when an edit leaves it empty.
    pub fn from_input(input: &RegionInput, secret: &str) -> Result<RegionRecord, crate::error::FieldErrors> {
        let parsed = check(input, false)?;
        if secret.trim().is_empty() {
            let mut errors = crate::error::FieldErrors::default();
            errors.add("secret", Msg::new("field.secret.required"));
            return Err(errors);
        }
        Ok(RegionRecord {
            code: input.code.trim().to_string(),
            name: input.name.trim().to_string(),
            api_url: input.api_url.trim().to_string(),
            secret: secret.to_string(),
            checksum: parsed.algorithm.as_str().to_string(),
            recording: input.recording.is_some() as i64,
            max_meeting: parsed.max_meeting,
            capacity: parsed.capacity,
            bookable_percent: parsed.bookable_percent,
            event_tag: Some(input.event_tag.trim().to_string()).filter(|t| !t.is_empty()),
            health_url: Some(input.health_url.trim().to_string()).filter(|t| !t.is_empty()),
            enabled: input.enabled.is_some() as i64,
            is_default: input.is_default.is_some() as i64,
            from_config: false,
            demo: false,
        })
    }
}

const COLUMNS: &str = "code, name, api_url, secret, checksum, recording, max_meeting, capacity, event_tag, enabled, \
    is_default, health_url, bookable_percent";

/// The database's regions, as read in the last second if they were.
async fn stored(pool: &Pool, known: &Regions) -> AppResult<Vec<RegionRecord>> {
    if let Some(rows) = known.stored() {
        return Ok(rows);
    }
    let rows: Vec<RegionRecord> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM regions")).fetch_all(pool).await.step("read regions")?;
    known.keep(rows.clone());
    Ok(rows)
}

/// Every region, configured ones first in authority: a code in the file hides the database's row.
/// The demo region is the default only while no real region is enabled: it is never a second
/// default beside a real one.
#[tracing::instrument(name = "regions.all", level = "error", skip_all)]
pub async fn all(pool: &Pool, known: &Regions) -> AppResult<Vec<RegionRecord>> {
    let rows = stored(pool, known).await?;
    let mut regions: Vec<RegionRecord> = rows.into_iter().filter(|r| !known.iter().any(|c| c.code == r.code)).collect();
    regions.extend(known.iter().cloned());
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    let alone = !any_real(&regions);
    for demo in regions.iter_mut().filter(|r| r.demo) {
        demo.is_default = alone as i64;
    }
    Ok(regions)
}

/// Whether an enabled region other than the demo exists.
fn any_real(regions: &[RegionRecord]) -> bool {
    regions.iter().any(|r| r.enabled != 0 && !r.demo)
}

/// Whether `region` must stand aside in `all` (as [`all`] read them): the demo region, while a real
/// region is enabled. It serves no audio or video, so it is never chosen for members in place of a
/// real one: not for new rooms, not as an import's target, not as a move's.
pub fn stands_aside(region: &RegionRecord, all: &[RegionRecord]) -> bool {
    region.demo && any_real(all)
}

/// The region new rooms (and imported ones) land on, of `all` as [`all`] read them: the enabled
/// default, else the first enabled real region, else the demo region when it is the only one.
pub fn default_of(all: &[RegionRecord]) -> Option<&RegionRecord> {
    let usable: Vec<&RegionRecord> = all.iter().filter(|r| r.enabled != 0 && !stands_aside(r, all)).collect();
    usable.iter().find(|r| r.is_default != 0).or(usable.first()).copied()
}

/// One region by code: the file's if it names it, else the database's.
#[tracing::instrument(name = "regions.get", level = "error", skip_all)]
pub async fn get(pool: &Pool, known: &Regions, code: &str) -> AppResult<Option<RegionRecord>> {
    if let Some(region) = known.iter().find(|r| r.code == code) {
        return Ok(Some(region.clone()));
    }
    Ok(stored(pool, known).await?.into_iter().find(|r| r.code == code))
}

/// Creates or replaces a region from the admin page. An empty secret keeps the saved one.
#[tracing::instrument(name = "regions.save", level = "error", skip_all)]
pub async fn save(ctx: &crate::state::AppState, input: &RegionInput, creating: bool) -> AppResult<()> {
    let (pool, configured) = (&ctx.pool, &*ctx.regions);
    let code = input.code.trim();
    if configured.iter().any(|c| c.code == code) {
        return Err(AppError::Refused(Msg::new("region.from_config")));
    }
    check(input, creating).map_err(AppError::Invalid)?;
    // The poll calls the health check from the server: not into an internal network unless allowed.
    let health = input.health_url.trim();
    if !health.is_empty() {
        crate::outbound::check(health, &ctx.outbound).await.map_err(|r| AppError::field("health_url", r.key()))?;
    }
    let existing = get(pool, configured, code).await?;
    let secret = match (&existing, input.secret.trim()) {
        (_, s) if !s.is_empty() => s.to_string(),
        (Some(old), _) => old.secret.clone(),
        (None, _) => return Err(AppError::field("secret", "field.secret.required")),
    };
    let record = RegionRecord::from_input(input, &secret).map_err(AppError::Invalid)?;
    let mut tx = crate::db::begin(pool).await?;
    match (creating, existing.is_some()) {
        (true, true) => return Err(AppError::field("code", "field.region_code.taken")),
        (false, false) => return Err(AppError::NotFound),
        _ => {}
    }
    if record.is_default != 0 {
        sqlx::query("UPDATE regions SET is_default = 0").execute(&mut *tx).await.step("update regions")?;
    }
    sqlx::query("DELETE FROM regions WHERE code = $1")
        .bind(&record.code)
        .execute(&mut *tx)
        .await
        .step("delete from regions")?;
    sqlx::query(&format!(
        "INSERT INTO regions ({COLUMNS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    ))
    .bind(&record.code)
    .bind(&record.name)
    .bind(&record.api_url)
    .bind(&record.secret)
    .bind(&record.checksum)
    .bind(record.recording)
    .bind(record.max_meeting)
    .bind(record.capacity)
    .bind(&record.event_tag)
    .bind(record.enabled)
    .bind(record.is_default)
    .bind(&record.health_url)
    .bind(record.bookable_percent)
    .bind(ctx.clock.now().secs())
    .execute(&mut *tx)
    .await.step("insert into regions")?;
    tx.commit().await?;
    configured.changed();
    Ok(())
}

#[tracing::instrument(name = "regions.delete", level = "error", skip_all)]
pub async fn delete(pool: &Pool, configured: &Regions, code: &str) -> AppResult<()> {
    if configured.iter().any(|c| c.code == code) {
        return Err(AppError::Refused(Msg::new("region.from_config")));
    }
    let done = sqlx::query("DELETE FROM regions WHERE code = $1")
        .bind(code)
        .execute(pool)
        .await
        .step("delete from regions")?;
    configured.changed();
    if done.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Calls the API root (no checksum: is anything there?) and then one checksummed call (is our
/// secret right?), and says exactly what failed.
#[tracing::instrument(name = "regions.test_connection", level = "error", skip_all)]
pub async fn test_connection(client: &Client, region: &RegionRecord) -> Vec<Check> {
    let endpoint = region.endpoint();
    let root = match client.version(&endpoint).await {
        Ok(version) => {
            Check { step: "api".into(), ok: true, detail: Msg::with("region.test.api_ok", "version", version) }
        }
        Err(e) => Check { step: "api".into(), ok: false, detail: bbb_message(&e) },
    };
    if !root.ok {
        return vec![root];
    }
    let signed = match client.get_meetings(&endpoint).await {
        Ok(meetings) => Check {
            step: "checksum".into(),
            ok: true,
            detail: Msg::with("region.test.checksum_ok", "meetings", meetings.len()),
        },
        Err(e) => Check { step: "checksum".into(), ok: false, detail: bbb_message(&e) },
    };
    vec![root, signed]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> RegionRecord {
        RegionRecord { demo: true, is_default: 1, ..RegionRecord::for_tests("demo") }
    }

    #[test]
    fn the_demo_region_never_competes_with_a_real_one() {
        let alone = [demo()];
        assert_eq!(default_of(&alone).map(|r| r.code.as_str()), Some("demo"), "the only region is the default");
        assert!(!stands_aside(&alone[0], &alone));

        let eu = RegionRecord::for_tests("eu");
        let both = [demo(), eu.clone()];
        assert_eq!(default_of(&both).map(|r| r.code.as_str()), Some("eu"), "a real region, even one not marked");
        assert!(stands_aside(&both[0], &both) && !stands_aside(&both[1], &both));

        let off = [demo(), RegionRecord { enabled: 0, ..eu }];
        assert_eq!(default_of(&off).map(|r| r.code.as_str()), Some("demo"), "a disabled region takes no rooms");
    }
}

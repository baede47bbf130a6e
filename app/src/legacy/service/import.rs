//! One import run. Members are saved with their rooms and the records of where they came from in
//! transactions of [`BATCH`] members, so a run killed anywhere leaves whole members behind and the
//! next run takes up where it stopped (a record already remembered is not imported again). One run at a time:
//! the run holds a lease (`job_leases`, renewed as it goes). A dry run decides the same and writes
//! nothing. Members, rooms and co-owners are written through their owners' functions.
use super::audit::Starter;
use super::origins::{self, Known};
use super::source::{self, Legacy, LegacyRole, LegacyRoom, LegacyUser, Standing};
use super::vet;
use crate::accounts::model::{Role, Status, normalize_email, valid_email};
use crate::accounts::service::users::{self, NewUser};
use crate::error::{AppError, AppResult, Msg};
use crate::i18n::Lang;
use crate::legacy::model::{OnConflict, Options, Report};
use crate::rooms::service::imported::{self, Clash, Imported};
use crate::state::AppState;
use sqlx::postgres::PgConnectOptions;
use std::collections::HashMap;

pub const LEASE: &str = "legacy_import";
const LEASE_SECONDS: i64 = 120;
/// Members per transaction: few enough that an interrupted batch costs little, enough that the
/// commits do not dominate (10,000 members in one transaction each took 22 s on PostgreSQL).
const BATCH: usize = 100;

/// What happened to a legacy member: their id here (new or existing), or nothing.
pub(super) type Members = HashMap<String, i64>;

/// What this run has placed so far: legacy members and rooms to ids here, and the emails taken by
/// members of this run (a legacy instance may hold one email twice).
struct Seen<'a> {
    members: &'a mut Members,
    rooms: &'a mut HashMap<String, i64>,
    emails: &'a mut HashMap<String, i64>,
    pending: &'a mut origins::Pending,
    /// The legacy rooms of each legacy member, grouped once.
    owned: &'a HashMap<&'a str, Vec<&'a LegacyRoom>>,
}

/// An import from the command line.
#[tracing::instrument(name = "legacy.import.import", level = "error", skip_all)]
pub async fn import(ctx: &AppState, url: &str, options: &Options) -> AppResult<Report> {
    import_with_progress(ctx, url, options, &Starter::command_line(), None).await
}

/// An import started by `by`, noting its progress in run `run` (the admin page's) as it goes.
/// Every run, whatever its end, is written to the security log.
#[tracing::instrument(name = "legacy.import.import_with_progress", level = "error", skip_all)]
pub async fn import_with_progress(
    ctx: &AppState,
    url: &str,
    options: &Options,
    by: &Starter,
    run: Option<i64>,
) -> AppResult<Report> {
    let result = leased(ctx, url, options, run).await;
    super::audit::record(ctx, by, &source::source_of(url), options, &result).await?;
    result
}

async fn leased(ctx: &AppState, url: &str, options: &Options, run: Option<i64>) -> AppResult<Report> {
    // Checked first, before anything else is looked at: the refusal says how to allow a LAN database.
    let target = super::address::checked(ctx, url).await.map_err(|key| AppError::Refused(Msg::new(key)))?;
    // The demo region (no audio or video) is no import's target while a real region is enabled.
    let all = crate::regions::service::all(&ctx.pool, &ctx.regions).await?;
    let region = all.iter().find(|r| r.code == options.region.trim());
    if region.is_none_or(|r| r.enabled == 0 || crate::regions::service::stands_aside(r, &all)) {
        return Err(AppError::field("region", "legacy.region.unknown"));
    }
    let holder = crate::accounts::service::tokens::new_token();
    if !crate::jobs::lease::take(&ctx.pool, &ctx.clock, LEASE, &holder, LEASE_SECONDS).await? {
        return Err(AppError::Refused(Msg::new("legacy.running")));
    }
    let result = go(ctx, url, target, options, &holder, run).await;
    crate::jobs::lease::release_all(&ctx.pool, &holder).await?;
    result
}

/// `url` as given names the instance (what is remembered, what messages leave out); `target` is
/// where to connect, as checked.
async fn go(
    ctx: &AppState,
    url: &str,
    target: PgConnectOptions,
    options: &Options,
    holder: &str,
    run: Option<i64>,
) -> AppResult<Report> {
    // The address holds a password: it is never logged, and its errors are told without it.
    let pool = source::connect(target).await.map_err(|e| {
        tracing::warn!(error = %crate::legacy::service::without_secrets(&e.to_string(), url), "legacy database unreachable");
        AppError::Refused(Msg::new("legacy.unreachable"))
    })?;
    let legacy = source::read(&pool, options.version)
        .await
        .map_err(|e| AppError::internal(crate::legacy::service::without_secrets(&e.to_string(), url)))?
        .ok_or_else(|| AppError::Refused(Msg::new("legacy.unknown_schema")))?;
    pool.close().await;
    let source = source::source_of(url);
    let known = origins::known(&ctx.pool, &source).await?;
    let mut report = Report { version: Some(legacy.version), dry_run: options.dry_run, ..Default::default() };
    let mut members = Members::new();
    let mut rooms: HashMap<String, i64> = HashMap::new();
    let total = legacy.users.len();
    let owned = owned(&legacy, &mut report);
    // The accounts here by email, read once; this run's new members are added as they come.
    let mut emails = users::ids_by_email(&ctx.pool).await?;
    for (n, batch) in legacy.users.chunks(BATCH).enumerate() {
        // Between batches, outside any transaction: SQLite has one writer at a time.
        crate::jobs::lease::take(&ctx.pool, &ctx.clock, LEASE, holder, LEASE_SECONDS).await?;
        if let Some(run) = run {
            super::runs::progress(ctx, run, n * BATCH, total).await?;
        }
        let mut tx = crate::db::begin(&ctx.pool).await?;
        let mut pending = origins::Pending::default();
        let mut seen = Seen {
            members: &mut members,
            rooms: &mut rooms,
            emails: &mut emails,
            pending: &mut pending,
            owned: &owned,
        };
        for user in batch {
            member(ctx, options, &known, user, &mut tx, &mut seen, &mut report).await?;
        }
        pending.save(&mut tx, &source, ctx.clock.now()).await?;
        // A dry run wrote in its transactions too, to meet the same checks: nothing is kept.
        if options.dry_run {
            tx.rollback().await?
        } else {
            tx.commit().await?
        }
        imported::committed(ctx);
    }
    super::shares::import(ctx, options, &source, &known, &legacy, &members, &rooms, &mut report).await?;
    super::presentations::report(&legacy, &rooms, &mut report);
    if options.welcome && !options.dry_run {
        ctx.mailer.wake();
    }
    tracing::info!(
        users = report.users,
        rooms = report.rooms,
        shares = report.shares,
        dry_run = options.dry_run,
        "legacy import"
    );
    Ok(report)
}

/// The legacy rooms of each legacy member, grouped once. A room whose owner is missing (both
/// versions allow a room without one) or not among the members is reported here, once.
fn owned<'a>(legacy: &'a Legacy, report: &mut Report) -> HashMap<&'a str, Vec<&'a LegacyRoom>> {
    let members: std::collections::HashSet<&str> = legacy.users.iter().map(|u| u.id.as_str()).collect();
    let mut owned: HashMap<&str, Vec<&LegacyRoom>> = HashMap::new();
    for room in &legacy.rooms {
        match room.owner.as_deref().filter(|o| members.contains(o)) {
            Some(owner) => owned.entry(owner).or_default().push(room),
            None => report.note("room", &room.id, &label(room), "skipped", "legacy.reason.owner_not_imported"),
        }
    }
    owned
}

/// Why a legacy member is not imported at all, if they are not.
#[doc(hidden)]
pub fn excluded(user: &LegacyUser) -> Option<&'static str> {
    if user.deleted {
        Some("legacy.reason.deleted")
    } else if user.standing == Standing::NotActive {
        Some("legacy.reason.not_active")
    } else if user.role == LegacyRole::SuperAdmin {
        Some("legacy.reason.super_admin")
    } else if !valid_email(&normalize_email(&user.email)) {
        Some("legacy.reason.no_email")
    } else {
        None
    }
}

#[allow(clippy::too_many_arguments)]
async fn member(
    ctx: &AppState,
    options: &Options,
    known: &Known,
    user: &LegacyUser,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    seen: &mut Seen<'_>,
    report: &mut Report,
) -> AppResult<()> {
    let (members, rooms) = (&mut *seen.members, &mut *seen.rooms);
    let theirs: Vec<&LegacyRoom> = seen.owned.get(user.id.as_str()).cloned().unwrap_or_default();
    if let Some(reason) = excluded(user) {
        report.note("user", &user.id, &user.email, "skipped", reason);
        for room in theirs {
            report.note("room", &room.id, &label(room), "skipped", "legacy.reason.owner_not_imported");
        }
        return Ok(());
    }
    if let Some(id) = known.get("user", &user.id) {
        members.insert(user.id.clone(), id);
        report.already += 1;
    }
    let email = normalize_email(&user.email);
    let existing = match (members.get(&user.id), seen.emails.get(&email)) {
        (Some(_), _) => None,
        (None, found) => found.copied(),
    };
    let now = ctx.clock.now();
    let mut new_member = None;
    if let Some(existing) = existing {
        report.note("user", &user.id, &user.email, "conflict", "legacy.reason.email_taken");
        if options.on_conflict == OnConflict::Skip {
            for room in theirs {
                report.note("room", &room.id, &label(room), "skipped", "legacy.reason.owner_not_imported");
            }
            return Ok(());
        }
        members.insert(user.id.clone(), existing);
        seen.pending.add("user", &user.id, existing);
    } else if !members.contains_key(&user.id) {
        // The name, password and confirmation by the rules here, not as the legacy row had them.
        let vetted = match vet::member(user, &email) {
            Ok(vetted) => vetted,
            Err(reason) => {
                report.note("user", &user.id, &user.email, "skipped", reason);
                for room in theirs {
                    report.note("room", &room.id, &label(room), "skipped", "legacy.reason.owner_not_imported");
                }
                return Ok(());
            }
        };
        for reason in &vetted.changes {
            report.note("user", &user.id, &user.email, "changed", reason);
        }
        let role = if options.keep_admins && user.role == LegacyRole::Admin { Role::Admin } else { Role::Member };
        let language = Lang::from_code(&user.language).unwrap_or_default().code();
        let new = NewUser {
            email: &email,
            name: &vetted.name,
            password_hash: &vetted.password_hash,
            role,
            status: Status::Active,
            verified: vetted.verified,
            language,
            time_zone: "",
            at: now,
        };
        let id = users::insert(&mut **tx, new).await?;
        members.insert(user.id.clone(), id);
        seen.emails.insert(email.clone(), id);
        seen.pending.add("user", &user.id, id);
        report.users += 1;
        new_member = Some(vetted);
    }
    let owner = members[&user.id];
    let mut links = Vec::new();
    for room in theirs {
        if room.deleted {
            report.note("room", &room.id, &label(room), "skipped", "legacy.reason.deleted");
            continue;
        }
        if let Some(id) = known.get("room", &room.id) {
            rooms.insert(room.id.clone(), id);
            report.already += 1;
            continue;
        }
        // v2 allows a room without either id; without both, old links and recordings have nothing to keep.
        let (Some(link_id), Some(meeting_id)) = (room.link_id.as_deref(), room.meeting_id.as_deref()) else {
            report.note("room", &room.id, &label(room), "skipped", "legacy.reason.no_ids");
            continue;
        };
        let name = vet::room_name(room, link_id);
        if room.name.as_deref().map(str::trim) != Some(name.as_str()) {
            report.note("room", &room.id, &label(room), "changed", "legacy.reason.name_cleaned");
        }
        let imported = Imported {
            owner_id: owner,
            name: &name,
            slug: &link_id.to_lowercase(),
            meeting_id,
            region: options.region.trim(),
            mute_on_join: room.settings.mute_on_join,
            waiting_room: room.settings.waiting_room,
            anyone_can_start: room.settings.anyone_can_start,
            all_moderators: room.settings.all_moderators,
            require_sign_in: room.settings.require_sign_in,
            recording: room.settings.recording,
            viewer_code: &room.settings.viewer_code,
            moderator_code: &room.settings.moderator_code,
        };
        match imported::create(tx, &imported, now).await? {
            Ok(id) => {
                links.push(format!("{name} \u{2014} {}/r/{}", ctx.base_url, imported.slug));
                rooms.insert(room.id.clone(), id);
                seen.pending.add("room", &room.id, id);
                report.rooms += 1;
            }
            Err(Clash::Link) => report.note("room", &room.id, &label(room), "conflict", "legacy.reason.link_taken"),
            Err(Clash::Meeting) => {
                report.note("room", &room.id, &label(room), "conflict", "legacy.reason.meeting_taken")
            }
        }
    }
    if let Some(vetted) = new_member.filter(|_| options.welcome) {
        super::welcome::queue(ctx, tx, user, &vetted, &email, &links).await?;
    }
    Ok(())
}

fn label(room: &LegacyRoom) -> String {
    format!("{} ({})", room.name.as_deref().unwrap_or(""), room.link_id.as_deref().unwrap_or(""))
}

//! The portal's background jobs, each run by the one job runner (`app::jobs`) under a database
//! lease, so with several portal processes each runs in exactly one of them.
use app::jobs::{Job, Runner};
use app::state::AppState;
use std::time::Duration;

/// How often old monitoring samples are summed into hours and pruned.
pub const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// How often queued mail is looked for when nobody said some was queued (retries come due).
pub const MAIL_EVERY: Duration = Duration::from_secs(5);
/// How often reminders and provisioning calls that came due are queued.
pub const SCHEDULE_EVERY: Duration = Duration::from_secs(30);

/// How often members whose grace period ends soon are looked for.
pub const MEMBERSHIP_EVERY: Duration = Duration::from_secs(3600);

/// How often the rooms whose recordings are due are read into the admins' overview.
pub const INDEX_EVERY: Duration = Duration::from_secs(60);

/// Every job, for a process whose mail is queued through `mailer`.
/// The monitor polls every region (`monitor_interval_seconds`): health, incidents, alerts, samples,
/// and the rooms' running state (a meeting that ended without its callback is marked ended).
/// Reminders mail bookings' people before they start; provisioning queues the calls that tell the
/// co-op's tooling about approved events; webhooks posts those calls and region alerts; membership
/// mails members whose tier's grace period ends soon; recording_index reads the rooms' recordings
/// into the admins' overview (each room every six hours, sooner when a recording is ready);
/// recording_retention mails owners a week ahead, then deletes recordings past their tier's period;
/// assembly_attendance reads who is in each running assembly, as often as the monitor polls;
/// assembly_notice (hourly: it weighs every member's standing) tells the voting members ahead and
/// reminds them the day before; assembly_records
/// deletes an assembly's record once its period ends.
pub fn runner(mailer: &app::mail::Mailer, config: &crate::config::Config) -> Runner<AppState> {
    let jobs = vec![
        Job::new("mail", MAIL_EVERY, |ctx| Box::pin(send_mail(ctx))).woken_by(mailer.waker()),
        Job::new("monitor", config.monitor_every, |ctx| Box::pin(monitor(ctx))),
        Job::new("monitor_prune", PRUNE_EVERY, |ctx| Box::pin(prune(ctx))),
        Job::new("webhooks", MAIL_EVERY, |ctx| Box::pin(post_webhooks(ctx))),
        Job::new("reminders", SCHEDULE_EVERY, |ctx| Box::pin(reminders(ctx))),
        Job::new("provisioning", SCHEDULE_EVERY, |ctx| Box::pin(provisioning(ctx))),
        Job::new("membership", MEMBERSHIP_EVERY, |ctx| Box::pin(membership(ctx))),
        Job::new("recording_index", INDEX_EVERY, |ctx| Box::pin(recording_index(ctx))),
        Job::new("recording_retention", MEMBERSHIP_EVERY, |ctx| Box::pin(recording_retention(ctx))),
        Job::new("assembly_attendance", config.monitor_every, |ctx| Box::pin(assembly_attendance(ctx))),
        Job::new("assembly_notice", MEMBERSHIP_EVERY, |ctx| Box::pin(assembly_notice(ctx))),
        Job::new("assembly_records", MEMBERSHIP_EVERY, |ctx| Box::pin(assembly_records(ctx))),
        Job::new("maintenance_notices", SCHEDULE_EVERY, |ctx| Box::pin(maintenance_notices(ctx))),
    ];
    Runner::new(jobs, config.job_lease_seconds)
}

async fn send_mail(ctx: AppState) -> app::error::AppResult<usize> {
    let letterhead = app::site::service::identity::letterhead(&ctx).await?;
    Ok(app::mail::deliver_due(&ctx.pool, &ctx.mailer, &ctx.clock, &letterhead).await?)
}

async fn maintenance_notices(ctx: AppState) -> app::error::AppResult<usize> {
    app::schedule::service::maintenance::notify(&ctx).await
}

async fn monitor(ctx: AppState) -> app::error::AppResult<usize> {
    app::monitoring::service::poll::poll(&ctx, ctx.monitor).await
}

async fn prune(ctx: AppState) -> app::error::AppResult<usize> {
    app::monitoring::service::health::prune(&ctx).await
}

async fn post_webhooks(ctx: AppState) -> app::error::AppResult<usize> {
    let provisioning = ctx.schedule.hook_url.clone().zip(ctx.schedule.hook_secret.clone());
    let receivers: Vec<app::hooks::Receiver> = ctx
        .monitor_webhook
        .iter()
        .cloned()
        .chain(provisioning.map(|(url, secret)| app::hooks::Receiver { url, secret }))
        .collect();
    app::hooks::deliver_due(&ctx.pool, &ctx.clock, &receivers, &ctx.outbound).await
}

async fn reminders(ctx: AppState) -> app::error::AppResult<usize> {
    app::schedule::service::reminders::send_due(&ctx).await
}

async fn provisioning(ctx: AppState) -> app::error::AppResult<usize> {
    app::schedule::service::hooks::queue_due(&ctx).await
}

async fn membership(ctx: AppState) -> app::error::AppResult<usize> {
    app::membership::service::lapsing::notify_due(&ctx).await
}

async fn recording_index(ctx: AppState) -> app::error::AppResult<usize> {
    app::recordings::service::index::refresh_due(&ctx).await
}

async fn recording_retention(ctx: AppState) -> app::error::AppResult<usize> {
    app::recordings::service::retention::run(&ctx).await
}

async fn assembly_attendance(ctx: AppState) -> app::error::AppResult<usize> {
    app::assemblies::service::attendance::poll(&ctx).await
}

async fn assembly_notice(ctx: AppState) -> app::error::AppResult<usize> {
    app::assemblies::service::notice::send_due(&ctx).await
}

async fn assembly_records(ctx: AppState) -> app::error::AppResult<usize> {
    app::assemblies::service::minutes::forget_due(&ctx).await
}

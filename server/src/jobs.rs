//! The portal's background jobs, each run by the one job runner (`app::jobs`) under a database
//! lease, so with several portal processes each runs in exactly one of them.
use app::jobs::{Job, Runner};
use app::state::AppState;
use std::time::Duration;

/// How often running rooms are checked against their regions: often enough that the dashboard's
/// participant counts read as live, and one `getMeetings` per region is cheap for a balancer.
pub const ROOM_CHECK_EVERY: Duration = Duration::from_secs(20);
/// How often queued mail is looked for when nobody said some was queued (retries come due).
pub const MAIL_EVERY: Duration = Duration::from_secs(5);

/// Every job, for a process whose mail is queued through `mailer`.
pub fn runner(mailer: &app::mail::Mailer, lease_seconds: i64) -> Runner<AppState> {
    let jobs = vec![
        Job::new("mail", MAIL_EVERY, |ctx| Box::pin(send_mail(ctx))).woken_by(mailer.waker()),
        Job::new("room_status", ROOM_CHECK_EVERY, |ctx| Box::pin(check_rooms(ctx))),
    ];
    Runner::new(jobs, lease_seconds)
}

async fn send_mail(ctx: AppState) -> app::error::AppResult<usize> {
    Ok(app::mail::deliver_due(&ctx.pool, &ctx.mailer, &ctx.clock).await?)
}

async fn check_rooms(ctx: AppState) -> app::error::AppResult<usize> {
    app::rooms::service::status::refresh(&ctx.pool, &ctx.bbb, &ctx.regions, ctx.clock.now()).await
}

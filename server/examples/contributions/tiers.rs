//! After the import: 5,000 members linked to the export's contributors and three tiers; how long a
//! member's tier takes to work out (what creating a room or starting a meeting now asks first),
//! beside reading the member's row, and the admins' members-per-tier count over everyone.
use app::accounts::service::users;
use app::membership::model::TierForm;
use app::membership::service::{allow, overview, tiers};
use app::state::AppState;
use std::time::{Duration, Instant};

const MEMBERS: usize = 5_000;

fn tier(name: &str, monthly: &str, rooms: &str) -> TierForm {
    let on = Some("on".to_string());
    TierForm {
        name: name.into(),
        monthly: monthly.into(),
        currency: "EUR".into(),
        rooms: rooms.into(),
        recording: on,
        ..Default::default()
    }
}

/// The median and the 99th percentile.
fn spread(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1000.0;
    format!("p50 {:.3} ms, p99 {:.3} ms", at(0.5), at(0.99))
}

pub async fn measure(ctx: &AppState) -> Result<(), String> {
    let err = |e: app::error::AppError| format!("{e:?}");
    for form in [tier("Free", "0", "1"), tier("Supporter", "10", "5"), tier("Assembly", "30", "")] {
        tiers::save(ctx, &form).await.map_err(err)?;
    }
    tiers::set_rate(ctx, "CAD", "EUR", "0.68").await.map_err(err)?;
    let mut ids = Vec::with_capacity(MEMBERS);
    let mut tx = app::db::begin(&ctx.pool).await.map_err(|e| e.to_string())?;
    for n in 0..MEMBERS {
        let (email, name) = (format!("member{n}@bench.coop"), format!("Member {n}"));
        let id =
            users::insert(&mut *tx, super::portal::new_member(&email, &name, ctx.clock.now())).await.map_err(err)?;
        let key = format!("member-{n}");
        let contributor: i64 = sqlx::query_scalar("SELECT id FROM contributors WHERE external_key = $1")
            .bind(&key)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| e.to_string())?;
        app::contributions::service::store::link(&mut tx, contributor, id).await.map_err(err)?;
        ids.push(id);
    }
    tx.commit().await.map_err(|e| e.to_string())?;

    let (mut row, mut tier) = (Vec::new(), Vec::new());
    for id in ids.iter().take(1_000) {
        let started = Instant::now();
        users::by_id(&ctx.pool, *id).await.map_err(err)?;
        row.push(started.elapsed());
        let started = Instant::now();
        allow::of(ctx, *id).await.map_err(err)?;
        tier.push(started.elapsed());
    }
    println!("a member's tier (contributions, grants, tiers, rates): {}", spread(tier));
    println!("baseline, reading the member's row:                    {}", spread(row));
    let started = Instant::now();
    let page =
        overview::overview(ctx, &app::time_display::Reader::new("UTC", app::i18n::Lang::En)).await.map_err(err)?;
    println!(
        "members per tier over {MEMBERS} members with contributions: {:.2} s {:?}",
        started.elapsed().as_secs_f64(),
        page.members_per_tier
    );
    Ok(())
}

//! The month walked a quarter-hour at a time after it was booked: meetings nobody booked arrive in
//! office hours and ask the guarantee (`guarantee::placement`) to start; the monitoring poll records
//! each region's live load (`monitoring::service::health::record`, as its job does); and every step checks
//! what the bookings reserve plus what runs unbooked against each region's capacity.
use super::MONTH_START;
use app::bbb::xml::Meeting;
use app::monitoring::service::probe::Probe;
use app::schedule::model::HOLDING;
use app::schedule::service::guarantee;
use app::state::AppState;
use rand::Rng;
use rand::rngs::StdRng;

const STEP: i64 = 15 * 60;

#[derive(Default)]
pub struct Walk {
    pub started: usize,
    pub refused: usize,
    pub minutes_over: i64,
    pub peak_share: f64,
}

/// `rooms`: per region, the link ids of rooms there; `zones`: each region's members' UTC offset
/// (hours), for their office hours.
pub async fn walk(
    ctx: &AppState,
    regions: &[(&str, i64, i64)],
    rooms: &[Vec<String>],
    rng: &mut StdRng,
) -> Result<Walk, String> {
    let mut walk = Walk::default();
    let reserved: Vec<Vec<(i64, i64, i64)>> = {
        let mut all = Vec::new();
        for (code, ..) in regions {
            let rows: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
                "SELECT reserve_from, ends_at, participants FROM bookings WHERE region_code = $1
                   AND state IN ('{}', '{}', '{}')",
                HOLDING[0], HOLDING[1], HOLDING[2]
            ))
            .bind(code)
            .fetch_all(&ctx.pool)
            .await
            .map_err(|e| e.to_string())?;
            all.push(rows);
        }
        all
    };
    let mut running: Vec<Vec<(i64, u32)>> = vec![Vec::new(); regions.len()];
    let records = app::regions::service::all(&ctx.pool, &ctx.regions).await.map_err(|e| format!("{e:?}"))?;
    ctx.clock.advance(MONTH_START - ctx.clock.now().secs());
    for step in 0..(28 * 24 * 60 * 60 / STEP) {
        let now = MONTH_START + step * STEP;
        for (r, (code, capacity, offset)) in regions.iter().enumerate() {
            running[r].retain(|(ends, _)| *ends > now);
            let record = records.iter().find(|x| x.code == *code).ok_or("no region")?;
            let meetings = running[r]
                .iter()
                .map(|(_, people)| Meeting { participant_count: *people, running: true, ..Default::default() })
                .collect();
            let probe = answered(meetings);
            app::monitoring::service::health::record(ctx, record, &probe, ctx.monitor)
                .await
                .map_err(|e| format!("{e:?}"))?;
            let local_hour = ((now / 3600 + offset) % 24 + 24) % 24;
            let weekday = (now - MONTH_START).div_euclid(86_400) % 7 < 5;
            let arrivals =
                if weekday && (8..18).contains(&local_hour) { rng.gen_range(0..=3) } else { rng.gen_range(0..=1) };
            for _ in 0..arrivals {
                let slug = &rooms[r][rng.gen_range(0..rooms[r].len())];
                let room = app::rooms::service::store::by_slug(&ctx.pool, slug).await.map_err(|e| format!("{e:?}"))?;
                match guarantee::placement(ctx, &room).await {
                    Ok(placement) if placement.booked => {}
                    Ok(placement) => {
                        walk.started += 1;
                        let minutes = [30, 60, 90][rng.gen_range(0..3)];
                        // However many come, BBB lets in no more than the meeting was created for.
                        let cap = placement.max_participants.unwrap_or(i64::MAX);
                        let people = rng.gen_range(2..=10).min(cap) as u32;
                        running[r].push((now + minutes * 60, people));
                        // The poll runs every 15 seconds: the next start sees this one.
                        let meetings = running[r]
                            .iter()
                            .map(|(_, people)| Meeting {
                                participant_count: *people,
                                running: true,
                                ..Default::default()
                            })
                            .collect();
                        let probe = answered(meetings);
                        ctx.clock.advance(15);
                        app::monitoring::service::health::record(ctx, record, &probe, ctx.monitor)
                            .await
                            .map_err(|e| format!("{e:?}"))?;
                    }
                    Err(_) => walk.refused += 1,
                }
            }
            let held: i64 = reserved[r].iter().filter(|(from, to, _)| *from <= now && now < *to).map(|x| x.2).sum();
            let live: i64 = running[r].iter().map(|x| i64::from(x.1)).sum();
            walk.peak_share = walk.peak_share.max((held + live) as f64 / *capacity as f64);
            if held + live > *capacity {
                walk.minutes_over += STEP / 60;
            }
        }
        ctx.clock.advance(MONTH_START + (step + 1) * STEP - ctx.clock.now().secs());
    }
    Ok(walk)
}

/// What a region that answers in 5 ms says: these meetings run.
fn answered(meetings: Vec<Meeting>) -> Probe {
    Probe { ok: true, latency_ms: Some(5), version: None, meetings: Some(meetings), error: None, reason: None }
}

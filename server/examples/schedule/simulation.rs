//! A month of bookings on three regions, made the way members book, through the real services.
use super::{MONTH_START, live, member, portal, region, summary};
use app::accounts::service::User;
use app::clock::Timestamp;
use app::error::AppError;
use app::schedule::model::{BookingForm, HOLDING};
use app::schedule::service::{book, change, events, suggest};
use app::state::AppState;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;

const REGIONS: [(&str, i64, &str, usize); 3] =
    [("eu", 400, "Europe/Berlin", 150), ("uk", 200, "Europe/London", 90), ("ca", 150, "America/Toronto", 60)];

#[derive(Default)]
struct Tally {
    booked: usize,
    by_time: usize,
    by_region: usize,
    refused: usize,
    events: usize,
    edits: usize,
    edits_refused: usize,
    cancels: usize,
    other: usize,
}

/// A weekday of the month, a start in office hours (busiest mid-morning and after lunch), a length,
/// and how many come: most meetings small, a few larger.
fn office_meeting(rng: &mut StdRng, slug: &str) -> BookingForm {
    let day = Timestamp::from_secs(MONTH_START + (rng.gen_range(0..4) * 7 + rng.gen_range(0..5)) * 86_400);
    let date = chrono::DateTime::from_timestamp(day.secs(), 0).unwrap_or_default().format("%Y-%m-%d").to_string();
    let hours = [9, 10, 10, 10, 11, 11, 13, 14, 14, 14, 15, 16];
    let time = format!("{:02}:{}", hours[rng.gen_range(0..hours.len())], if rng.gen_bool(0.5) { "00" } else { "30" });
    let minutes = [30, 60, 60, 60, 90, 120][rng.gen_range(0..6)];
    let participants = if rng.gen_bool(0.9) { rng.gen_range(2..=12) } else { rng.gen_range(13..=40) };
    BookingForm {
        room: slug.into(),
        title: "Meeting".into(),
        date,
        time,
        duration: minutes.to_string(),
        participants: participants.to_string(),
        ..Default::default()
    }
}

fn is_full(e: &AppError) -> bool {
    e.field_errors().and_then(|f| f.get("date")).is_some_and(|m| m.key == "booking.full")
}

/// Books the form; when the region is full, takes the first time the portal suggests, else the
/// first other region.
async fn place(ctx: &AppState, user: &User, form: BookingForm, tally: &mut Tally) -> Option<i64> {
    match book::book(ctx, user, &form, "127.0.0.1").await {
        Ok(row) => {
            tally.booked += 1;
            return Some(row.id);
        }
        Err(e) if is_full(&e) => {}
        Err(_) => {
            tally.other += 1;
            return None;
        }
    }
    let offers = suggest::suggest(ctx, user, &form).await.ok()?;
    if let Some(time) = offers.times.first() {
        let retry = BookingForm { date: time.date.clone(), time: time.time.clone(), ..form.clone() };
        if let Ok(row) = book::book(ctx, user, &retry, "127.0.0.1").await {
            tally.by_time += 1;
            return Some(row.id);
        }
    }
    if let Some(other) = offers.regions.first() {
        let retry = BookingForm { region: other.code.clone(), ..form };
        if let Ok(row) = book::book(ctx, user, &retry, "127.0.0.1").await {
            tally.by_region += 1;
            return Some(row.id);
        }
    }
    tally.refused += 1;
    None
}

/// Minutes of the month where a region's reservations exceed its bookable share, and its peak.
async fn audit(ctx: &AppState, code: &str, capacity_of: i64) -> Result<(usize, i64), String> {
    let bookable = capacity_of * 80 / 100;
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT reserve_from, ends_at, participants FROM bookings WHERE region_code = $1 AND state IN ('{}', '{}', '{}')",
        HOLDING[0], HOLDING[1], HOLDING[2]
    ))
    .bind(code)
    .fetch_all(&ctx.pool)
    .await
    .map_err(|e| e.to_string())?;
    let (mut over, mut peak) = (0, 0);
    for minute in 0..(35 * 24 * 60) {
        let at = MONTH_START + minute * 60;
        let load: i64 = rows.iter().filter(|(from, to, _)| *from <= at && at < *to).map(|r| r.2).sum();
        peak = peak.max(load);
        if load > bookable {
            over += 1;
        }
    }
    Ok((over, peak))
}

fn zone_region(zone: &str) -> &'static str {
    REGIONS.iter().find(|r| r.2 == zone).map_or("eu", |r| r.0)
}

/// The members' offset from UTC in January, in hours, for their office hours.
fn utc_offset(zone: &str) -> i64 {
    match zone {
        "Europe/Berlin" => 1,
        "America/Toronto" => -5,
        _ => 0,
    }
}

pub async fn simulate(attempts: usize) -> Result<(), String> {
    let (ctx, _dir) = portal(REGIONS.iter().map(|(code, cap, ..)| region(code, *cap)).collect()).await?;
    let admin_ctx = ctx.clone();
    let mut members = Vec::new();
    for (code, _, zone, count) in REGIONS {
        for _ in 0..count {
            members.push(member(&ctx, members.len() + 1, code, zone).await?);
        }
    }
    let mut rng = StdRng::seed_from_u64(2027);
    let mut tally = Tally::default();
    let mut placed: Vec<(usize, i64)> = Vec::new();
    let mut times = Vec::with_capacity(attempts);
    let started = Instant::now();
    for _ in 0..attempts {
        let m = rng.gen_range(0..members.len());
        let (user, slug) = &members[m];
        let roll: f64 = rng.r#gen::<f64>();
        let t = Instant::now();
        if roll < 0.04 && !placed.is_empty() {
            let (owner, id) = placed[rng.gen_range(0..placed.len())];
            let (user, slug) = &members[owner];
            let mut form = office_meeting(&mut rng, slug);
            form.participants = rng.gen_range(2..=20).to_string();
            match change::edit(&ctx, user, id, &form, false, "127.0.0.1").await {
                Ok(_) => tally.edits += 1,
                Err(_) => tally.edits_refused += 1,
            }
        } else if roll < 0.08 && !placed.is_empty() {
            let (owner, id) = placed.swap_remove(rng.gen_range(0..placed.len()));
            if change::cancel(&ctx, &members[owner].0, id, false, "127.0.0.1").await.is_ok() {
                tally.cancels += 1;
            }
        } else if roll < 0.10 {
            let mut form = office_meeting(&mut rng, slug);
            form.participants = rng.gen_range(60..=150).to_string();
            form.duration = "120".into();
            if let Some(id) = place(&ctx, user, form, &mut tally).await {
                tally.events += 1;
                events::decide(&admin_ctx, id, rng.gen_bool(0.8), "").await.ok();
            }
        } else {
            let mut form = office_meeting(&mut rng, slug);
            if roll < 0.22 {
                form.every_weeks = "1".into();
                form.count = "4".into();
                form.date = chrono::DateTime::from_timestamp(MONTH_START + rng.gen_range(0..5) * 86_400, 0)
                    .unwrap_or_default()
                    .format("%Y-%m-%d")
                    .to_string();
            }
            if let Some(id) = place(&ctx, user, form, &mut tally).await {
                placed.push((m, id));
            }
        }
        times.push(t.elapsed());
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!("{attempts} attempts by {} members on 3 regions in {elapsed:.1} s", members.len());
    let booked = tally.booked + tally.by_time + tally.by_region;
    println!(
        "booked {booked}: {} as asked, {} at a suggested time, {} on a suggested region; refused outright {}; events {}",
        tally.booked, tally.by_time, tally.by_region, tally.refused, tally.events
    );
    println!(
        "share placed by a suggested alternative: {:.1} % of bookings; edits {} (refused {}), cancellations {}, other refusals {}",
        (tally.by_time + tally.by_region) as f64 * 100.0 / booked.max(1) as f64,
        tally.edits,
        tally.edits_refused,
        tally.cancels,
        tally.other
    );
    println!("{}", summary("one attempt through the services", times));
    let rooms: Vec<Vec<String>> = REGIONS
        .iter()
        .map(|(code, ..)| {
            members.iter().filter(|(u, _)| zone_region(&u.time_zone) == *code).map(|(_, s)| s.clone()).collect()
        })
        .collect();
    let shape: Vec<(&str, i64, i64)> =
        REGIONS.iter().map(|(code, cap, zone, _)| (*code, *cap, utc_offset(zone))).collect();
    let started = Instant::now();
    let walked = live::walk(&ctx, &shape, &rooms, &mut rng).await?;
    println!(
        "the month walked a quarter-hour at a time in {:.1} s: {} meetings nobody booked started, {} refused by the guarantee",
        started.elapsed().as_secs_f64(),
        walked.started,
        walked.refused
    );
    println!(
        "minutes where reservations plus unbooked meetings exceed a region's capacity: {} (must be 0); peak use {:.0} % of capacity",
        walked.minutes_over,
        walked.peak_share * 100.0
    );
    for (code, cap, ..) in REGIONS {
        let (over, peak) = audit(&ctx, code, cap).await?;
        println!(
            "region {code}: capacity {cap}, bookable {}, peak reserved {peak}, minutes over the bookable share: {over} (must be 0)",
            cap * 80 / 100
        );
    }
    Ok(())
}

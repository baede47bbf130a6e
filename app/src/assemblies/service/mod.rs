//! Assemblies: a booking marked as a members' meeting, with who votes, who watches, and the
//! quorum. An admin makes one of a booking; its organiser and the admins chair it.
pub mod admin;
pub mod attendance;
pub mod callers;
pub mod minutes;
pub mod notice;
pub mod polls;
pub mod quorum;
pub mod store;
pub mod voters;

use crate::accounts::service::User;
use crate::assemblies::model::{AssemblyForm, AssemblyView, Part, Quorum, RulesView};
use crate::error::{AppError, AppResult, Step};
use crate::rooms::service::store::RoomRow;
use crate::schedule::service::store::BookingRow;
use crate::state::AppState;
use store::AssemblyRow;

/// An assembly with its booking and room.
#[derive(Debug, Clone)]
pub struct Assembly {
    pub row: AssemblyRow,
    pub booking: BookingRow,
    pub room: RoomRow,
}

/// The assembly held on booking `booking_id`; not found when the booking is none.
pub async fn load(ctx: &AppState, booking_id: i64) -> AppResult<Assembly> {
    let row = store::get(ctx, booking_id).await?.ok_or(AppError::NotFound)?;
    let mut conn = ctx.pool.acquire().await?;
    let booking = crate::schedule::service::store::by_id(&mut conn, booking_id).await?.ok_or(AppError::NotFound)?;
    let room = crate::rooms::service::store::by_id(&mut conn, booking.room_id).await?;
    Ok(Assembly { row, booking, room })
}

/// The organiser of its booking and the admins chair an assembly.
pub fn chairs(user: &User, booking: &BookingRow) -> bool {
    user.id == booking.owner_id || user.role() == crate::accounts::model::Role::Admin
}

/// Whether its meeting may be joined now: from a few minutes before it starts until it ends.
pub fn is_open(ctx: &AppState, booking: &BookingRow) -> bool {
    let now = ctx.clock.now().secs();
    let early = crate::schedule::service::guarantee::JOIN_EARLY;
    booking.holds() && booking.starts_at - early <= now && now < booking.ends_at
}

/// How `user` (or a guest) may take part: once open, by the snapshot of who was entitled; before,
/// by the rule today.
pub async fn part_of(ctx: &AppState, assembly: &Assembly, user: Option<&User>) -> AppResult<Part> {
    let observers = if assembly.row.observers != 0 { Part::Observer } else { Part::None };
    let Some(user) = user else { return Ok(observers) };
    let votes = if assembly.row.opened_at.is_some() {
        quorum::was_entitled(ctx, assembly.row.booking_id, user.id).await?
    } else {
        voters::is_entitled(ctx, &assembly.row.rules(), user).await?
    };
    Ok(if votes { Part::Voter } else { observers })
}

/// An admin (or a member allowed to, on their own booking) makes the booking an assembly, or
/// changes its rules.
#[tracing::instrument(name = "assemblies.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, user: &User, form: &AssemblyForm) -> AppResult<i64> {
    let booking_id: i64 = form.booking.trim().parse().map_err(|_| AppError::NotFound)?;
    let mut conn = ctx.pool.acquire().await?;
    let booking = crate::schedule::service::store::by_id(&mut conn, booking_id).await?.ok_or(AppError::NotFound)?;
    if !callers::may_call(ctx, user, &booking).await? {
        return Err(AppError::Forbidden);
    }
    let rules = form.check().map_err(AppError::Invalid)?;
    store::save(ctx, booking.id, &rules, user.id).await?;
    crate::schedule::service::store::mark_members_meeting(&mut conn, booking.id).await?;
    Ok(booking.id)
}

/// The rules form for booking `booking_id`: its assembly's rules, or a members' meeting's usual
/// ones (members in good standing vote, observers welcome, half of them make the quorum, two
/// weeks' notice, the record kept a year).
pub async fn rules(ctx: &AppState, user: &User, booking_id: i64) -> AppResult<RulesView> {
    let mut conn = ctx.pool.acquire().await?;
    let booking = crate::schedule::service::store::by_id(&mut conn, booking_id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    if !callers::may_call(ctx, user, &booking).await? {
        return Err(AppError::Forbidden);
    }
    let rules = store::get(ctx, booking_id).await?.map(|row| row.rules());
    let form = match rules {
        Some(r) => AssemblyForm {
            booking: booking_id.to_string(),
            voters: r.voters.as_str().into(),
            tiers: r.tiers.iter().map(i64::to_string).collect(),
            observers: r.observers.then(|| "on".into()),
            quorum: match r.quorum {
                Quorum::Count(n) => n.to_string(),
                Quorum::Percent(p) => format!("{p}%"),
            },
            notice_days: r.notice_days.to_string(),
            keep_days: r.keep_days.to_string(),
        },
        None => AssemblyForm {
            booking: booking_id.to_string(),
            voters: "standing".into(),
            tiers: Vec::new(),
            observers: Some("on".into()),
            quorum: "50%".into(),
            notice_days: "14".into(),
            keep_days: "365".into(),
        },
    };
    let tiers = crate::membership::service::tiers::all(ctx).await?.into_iter().map(|t| (t.id, t.name)).collect();
    Ok(RulesView { title: booking.title, form, tiers })
}

/// The assembly as `user` (or a guest) sees its page; the quorum for those who chair it.
#[tracing::instrument(name = "assemblies.view", level = "error", skip_all)]
pub async fn view(ctx: &AppState, user: Option<&User>, booking_id: i64) -> AppResult<AssemblyView> {
    let assembly = load(ctx, booking_id).await?;
    let reader = crate::accounts::service::users::reader_of(user);
    let rules = assembly.row.rules();
    let chair = user.is_some_and(|u| chairs(u, &assembly.booking));
    let tiers = crate::membership::service::tiers::all(ctx).await?;
    let part = part_of(ctx, &assembly, user).await?;
    let quorum_state = if chair { Some(quorum::state(ctx, &assembly, &reader).await?) } else { None };
    let told = match chair {
        true => match notice::told(ctx, booking_id).await? {
            (count, Some(first)) => {
                Some((count, crate::time_display::day(crate::clock::Timestamp::from_secs(first), &reader)))
            }
            _ => None,
        },
        false => None,
    };
    let starts = crate::clock::Timestamp::from_secs(assembly.booking.starts_at);
    Ok(AssemblyView {
        booking: booking_id,
        title: assembly.booking.title.clone(),
        when: crate::time_display::local(starts, &reader),
        room: assembly.room.slug.clone(),
        voters: rules.voters,
        tiers: tiers.into_iter().filter(|t| rules.tiers.contains(&t.id)).map(|t| t.name).collect(),
        observers: rules.observers,
        quorum: rules.quorum,
        notice_days: rules.notice_days,
        keep_days: rules.keep_days,
        part,
        chair,
        signed_in: user.is_some(),
        calls: match user {
            Some(u) => callers::may_call(ctx, u, &assembly.booking).await?,
            None => false,
        },
        records: crate::meetings::service::consent::required(&assembly.room),
        quorum_state,
        told,
    })
}

/// The assemblies whose meetings the attendance job reads: open now, or with someone still marked
/// present (their meeting ended since the last read).
pub async fn running(ctx: &AppState) -> AppResult<Vec<Assembly>> {
    let now = ctx.clock.now().secs();
    let early = crate::schedule::service::guarantee::JOIN_EARLY;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT a.booking_id FROM assemblies a JOIN bookings b ON b.id = a.booking_id
         WHERE (b.starts_at - $2 <= $1 AND b.ends_at > $1)
            OR EXISTS (SELECT 1 FROM assembly_attendees t JOIN assembly_presence p ON p.attendee_id = t.id
                       WHERE t.booking_id = a.booking_id AND p.to_at IS NULL)
         ORDER BY a.booking_id",
    )
    .bind(now)
    .bind(early)
    .fetch_all(&ctx.pool)
    .await
    .step("read running assemblies")?;
    let mut all = Vec::with_capacity(ids.len());
    for id in ids {
        all.push(load(ctx, id).await?);
    }
    Ok(all)
}

//! What the other features ask before a new action: may this member have another room, record,
//! book an event; what a meeting of theirs is sent to BBB with. Rooms and meetings already over a
//! new limit keep working; only new actions are refused, with a message naming the tier that allows
//! them. Without tiers nothing is limited.
use super::standing::{self, Computed, Gift};
use super::tiers::{self, Rates};
use crate::clock::Timestamp;
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::membership::model::{Limits, Tier};
use crate::state::AppState;

/// A member's tier among the co-op's tiers.
pub struct Membership {
    pub tiers: Vec<Tier>,
    pub now: Computed,
    pub gifts: Vec<Gift>,
    pub rates: Rates,
}

impl Membership {
    pub fn tier(&self) -> &Tier {
        &self.tiers[self.now.tier]
    }
    pub fn limits(&self) -> &Limits {
        &self.tier().limits
    }
    /// `more` naming the lowest tier whose limits pass `allows`, or `none` naming theirs.
    fn refusal(&self, more: &str, none: &str, allows: impl Fn(&Limits) -> bool) -> Msg {
        match self.tiers.iter().find(|t| t.id != self.tier().id && allows(&t.limits)) {
            Some(better) => Msg::with(more, "tier", &better.name),
            None => Msg::with(none, "tier", &self.tier().name),
        }
    }
}

/// A member's contributions of the last thirteen months and the grace period, net of refunds.
#[tracing::instrument(name = "membership.allow.gifts", level = "error", skip_all)]
pub async fn gifts(ctx: &AppState, user_id: i64, now: Timestamp) -> AppResult<Vec<Gift>> {
    let since = now.plus(-(400 * 86_400 + ctx.membership.grace_seconds));
    let rows: Vec<(i64, i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT c.contributed_at,
                c.amount_minor + CAST(COALESCE((SELECT SUM(r.amount_minor) FROM contributions r WHERE r.refunds_id = c.id), 0) AS BIGINT),
                c.currency, c.frequency, c.source, c.order_ref
         FROM contributions c
         WHERE c.user_id = $1 AND c.contributed_at > $2 AND c.amount_minor > 0 AND c.refunds_id IS NULL
         ORDER BY c.contributed_at",
    )
    .bind(user_id)
    .bind(since.secs())
    .fetch_all(&ctx.pool)
    .await.step("read contributions")?;
    let gifts = rows.into_iter().filter(|row| row.1 > 0).map(|(at, minor, currency, frequency, source, order)| {
        // An order's payments are one stream; so are a member's recurring transfers entered by hand.
        let stream = match (order, frequency.as_str()) {
            (_, "oneoff") => None,
            (Some(order), _) => Some(format!("{source}:{order}")),
            (None, _) => Some(format!("{source}:{currency}:{frequency}")),
        };
        Gift::new(Timestamp::from_secs(at), minor, currency, frequency, stream)
    });
    Ok(standing::chained(gifts.collect()))
}

/// Where `user_id` stands now; `None` when the co-op has no tiers.
#[tracing::instrument(name = "membership.allow.of", level = "error", skip_all)]
pub async fn of(ctx: &AppState, user_id: i64) -> AppResult<Option<Membership>> {
    let tiers = tiers::all(ctx).await?;
    if tiers.is_empty() {
        return Ok(None);
    }
    let rates = tiers::rates(ctx).await?;
    Ok(Some(with(ctx, tiers, rates, user_id).await?))
}

/// Where `user_id` stands among `tiers` (not empty, lowest first) at `rates`.
#[tracing::instrument(name = "membership.allow.with", level = "error", skip_all)]
pub async fn with(ctx: &AppState, tiers: Vec<Tier>, rates: Rates, user_id: i64) -> AppResult<Membership> {
    let now = ctx.clock.now();
    let gifts = gifts(ctx, user_id, now).await?;
    let grants: Vec<(usize, Timestamp)> = super::grants::active(ctx, user_id, now)
        .await?
        .into_iter()
        .filter_map(|(tier_id, ends)| tiers.iter().position(|t| t.id == tier_id).map(|i| (i, ends)))
        .collect();
    let computed = standing::compute(&gifts, &tiers, &rates, &grants, now, ctx.membership.grace_seconds);
    Ok(Membership { tiers, now: computed, gifts, rates })
}

/// The most rooms `owner_id` may own under their tier; `None` when nothing limits them. The count
/// is taken later, in the transaction that creates the room (`RoomLimit::check`), so that rooms
/// made at once cannot all take the last place.
#[tracing::instrument(name = "membership.allow.room_limit", level = "error", skip_all)]
pub async fn room_limit(ctx: &AppState, owner_id: i64) -> AppResult<Option<RoomLimit>> {
    let Some(m) = of(ctx, owner_id).await? else { return Ok(None) };
    Ok(m.limits().rooms.map(|most| RoomLimit { most, membership: m }))
}

pub struct RoomLimit {
    most: i64,
    membership: Membership,
}

impl RoomLimit {
    /// Refused, naming the tier that allows more, when the member already owns `owned` rooms.
    pub fn check(&self, owned: i64) -> AppResult<()> {
        if owned < self.most {
            return Ok(());
        }
        let m = &self.membership;
        let msg =
            m.refusal("membership.limit.rooms", "membership.limit.rooms_none", |l| l.rooms.is_none_or(|n| n > owned));
        Err(AppError::Refused(msg))
    }
}

/// What a meeting in a room of `owner_id` is created with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingTerms {
    pub minutes: Option<i64>,
    pub participants: Option<i64>,
    pub recording: bool,
}

impl MeetingTerms {
    /// The terms no longer and no larger than `minutes` and `participants` (0: no such limit), as a
    /// room's type narrows them.
    pub fn narrowed(self, minutes: i64, participants: i64) -> MeetingTerms {
        let least = |tier: Option<i64>, other: i64| match (tier, other) {
            (tier, 0) => tier,
            (None, other) => Some(other),
            (Some(tier), other) => Some(tier.min(other)),
        };
        MeetingTerms {
            minutes: least(self.minutes, minutes),
            participants: least(self.participants, participants),
            ..self
        }
    }
}

#[tracing::instrument(name = "membership.allow.meeting", level = "error", skip_all)]
pub async fn meeting(ctx: &AppState, owner_id: i64) -> AppResult<MeetingTerms> {
    Ok(match of(ctx, owner_id).await? {
        None => MeetingTerms { recording: true, ..MeetingTerms::default() },
        Some(m) => {
            let l = m.limits();
            MeetingTerms { minutes: l.minutes, participants: l.participants, recording: l.recording }
        }
    })
}

/// A room's settings turning recording on, or raising its participants, within the owner's tier.
#[tracing::instrument(name = "membership.allow.room_settings", level = "error", skip_all)]
pub async fn room_settings(
    ctx: &AppState,
    owner_id: i64,
    recording: (bool, bool),
    participants: (i64, i64),
) -> AppResult<()> {
    let Some(m) = of(ctx, owner_id).await? else { return Ok(()) };
    let l = m.limits();
    let mut errors = FieldErrors::default();
    if recording.1 && !recording.0 && !l.recording {
        errors.add(
            "recording",
            m.refusal("membership.limit.recording", "membership.limit.recording_none", |l| l.recording),
        );
    }
    let (before, after) = participants;
    // 0 is "the region's limit": the meeting is still created within the tier's.
    if let Some(most) = l.participants
        && after > most
        && after != before
    {
        let msg = m.refusal("membership.limit.participants", "membership.limit.participants_none", |l| {
            l.participants.is_none_or(|n| n >= after)
        });
        errors.add("max_participants", msg);
    }
    errors.into_result()
}

/// A booking (or a change that makes one larger or longer) within the owner's tier: its length, its
/// participants, and whether it may be an event.
#[tracing::instrument(name = "membership.allow.booking", level = "error", skip_all)]
pub async fn booking(
    ctx: &AppState,
    owner_id: i64,
    minutes: i64,
    participants: i64,
    before: Option<(i64, i64)>,
) -> AppResult<()> {
    let Some(m) = of(ctx, owner_id).await? else { return Ok(()) };
    let l = m.limits();
    let (old_minutes, old_participants) = before.unwrap_or((0, 0));
    let mut errors = FieldErrors::default();
    if let Some(most) = l.minutes
        && minutes > most
        && minutes > old_minutes
    {
        let msg = m.refusal("membership.limit.minutes", "membership.limit.minutes_none", |l| {
            l.minutes.is_none_or(|n| n >= minutes)
        });
        errors.add("duration", msg);
    }
    let grows = participants > old_participants;
    if let Some(most) = l.participants
        && participants > most
        && grows
    {
        let msg = m.refusal("membership.limit.participants", "membership.limit.participants_none", |l| {
            l.participants.is_none_or(|n| n >= participants)
        });
        errors.add("participants", msg);
    } else if participants > ctx.schedule.event_size && grows && !l.events {
        errors.add("participants", m.refusal("membership.limit.events", "membership.limit.events_none", |l| l.events));
    }
    errors.into_result()
}

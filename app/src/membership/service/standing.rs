//! Where a member stands: the tier their contributions reach over a rolling window, held through a
//! grace period after they stop, or granted by an admin. A contribution counts from its date for a
//! month (monthly and one-off ones) or twelve months at a twelfth a month (yearly ones); refunds
//! are taken off what they reverse. Contributions in another currency than a tier's count at the
//! rate an admin set, or not at all. Pure, so its edges are tested with exact times.
use super::tiers::Rates;
use crate::clock::Timestamp;
use crate::membership::model::Tier;
use crate::money::{Money, exponent};
use chrono::{DateTime, Months};

/// A contribution net of its refunds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gift {
    pub at: Timestamp,
    pub minor: i64,
    pub currency: String,
    /// `monthly`, `yearly` or `oneoff`.
    pub frequency: String,
    /// The recurring contribution it is one payment of (an order), if any.
    pub stream: Option<String>,
    until: Timestamp,
}

impl Gift {
    pub fn new(at: Timestamp, minor: i64, currency: String, frequency: String, stream: Option<String>) -> Gift {
        let months = if frequency == "yearly" { 12 } else { 1 };
        // Calendar months, so 31 January counts to 28 February.
        let until = DateTime::from_timestamp(at.secs(), 0)
            .and_then(|t| t.checked_add_months(Months::new(months)))
            .map_or(at.plus(i64::from(months) * 31 * 86_400), |t| Timestamp::from_secs(t.timestamp()));
        Gift { at, minor, currency, frequency, stream, until }
    }
    fn months(&self) -> u32 {
        if self.frequency == "yearly" { 12 } else { 1 }
    }
    /// The end of the months it counts for.
    pub fn covered_until(&self) -> Timestamp {
        self.until
    }
    fn covers(&self, t: Timestamp) -> bool {
        self.at <= t && t < self.until
    }
}

/// The gifts in order, each payment of a recurring contribution counting only until the next one
/// (a card charged a day early never counts twice).
pub fn chained(mut gifts: Vec<Gift>) -> Vec<Gift> {
    gifts.sort_by_key(|g| g.at);
    for i in 0..gifts.len() {
        let Some(stream) = gifts[i].stream.clone() else { continue };
        if let Some(next) = gifts[i + 1..].iter().find(|g| g.stream.as_ref() == Some(&stream)).map(|g| g.at) {
            gifts[i].until = gifts[i].until.min(next);
        }
    }
    gifts
}

/// `minor` of `from` in minor units of `to`, at the admins' rate; `None` without one.
pub fn convert(rates: &Rates, minor: i64, from: &str, to: &str) -> Option<i64> {
    if from == to {
        return Some(minor);
    }
    let micros = *rates.get(&(from.to_string(), to.to_string()))?;
    let scale = |c: &str| 10_i128.pow(exponent(c));
    // Two i64 factors always fit in i128, the scale on top may not: an amount that leaves i64 on
    // the way is no amount, like one past i64 at the end, and never a wrapped one.
    let value = (i128::from(minor) * i128::from(micros)).checked_mul(scale(to))? / (scale(from) * 1_000_000);
    i64::try_from(value).ok()
}

/// What the gifts covering `t` count as a month in `currency`.
pub fn per_month(gifts: &[Gift], rates: &Rates, currency: &str, t: Timestamp) -> i64 {
    gifts
        .iter()
        .filter(|g| g.covers(t))
        .filter_map(|g| convert(rates, g.minor, &g.currency, currency).map(|v| v / i64::from(g.months())))
        // Gifts past i64 together hold at its end: a plain sum would wrap them into a low month.
        .fold(0, i64::saturating_add)
}

/// The highest tier (an index into `tiers`, lowest first) the gifts reach at `t`; 0, the free tier,
/// when they reach none.
pub fn reached(gifts: &[Gift], tiers: &[Tier], rates: &Rates, t: Timestamp) -> usize {
    tiers
        .iter()
        .enumerate()
        .rev()
        .find(|(_, tier)| per_month(gifts, rates, &tier.monthly.currency, t) >= tier.monthly.minor)
        .map_or(0, |(i, _)| i)
}

/// A member's tier at a moment, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    /// Index into the tiers.
    pub tier: usize,
    /// What the contributions reach now, without grace or grants.
    pub reached: usize,
    /// Set when the tier holds only by the grace period: when it ends.
    pub grace_ends: Option<Timestamp>,
    /// Set when the tier is an admin's grant above what contributions give: when it ends.
    pub granted_until: Option<Timestamp>,
    /// When the latest recurring contribution's months run out: the next one is expected by then.
    pub next_expected: Option<Timestamp>,
    /// What counts toward the tier now, a month in its currency: what the contributions covering now
    /// count as; in a grace period while a recurring payment is awaited and none counts yet (the
    /// month's is simply not charged yet), what counted the last moment the tier was reached.
    pub counted: i64,
    /// In a grace period, whether the contributions stopped: none counts now and no recurring one is
    /// awaited. A member whose contribution still counts, or whose next payment is due, has not.
    pub stopped: bool,
}

/// Where a member stands at `now`, given their gifts, the tiers (lowest first), the rates, their
/// active grants (tier index, end) and the grace period.
pub fn compute(
    gifts: &[Gift],
    tiers: &[Tier],
    rates: &Rates,
    grants: &[(usize, Timestamp)],
    now: Timestamp,
    grace: i64,
) -> Computed {
    let reached_now = reached(gifts, tiers, rates, now);
    // Gifts only raise what is reached, so the best of the grace window is at its start or at a gift.
    let start = now.plus(-grace);
    let held = gifts
        .iter()
        .filter(|g| start < g.at && g.at <= now)
        .map(|g| reached(gifts, tiers, rates, g.at))
        .fold(reached(gifts, tiers, rates, start).max(reached_now), usize::max);
    // The grace period runs from the last moment the held tier was reached.
    let grace_ends = (held > reached_now)
        .then(|| {
            gifts
                .iter()
                .map(Gift::covered_until)
                .filter(|end| start < *end && *end <= now && reached(gifts, tiers, rates, end.plus(-1)) >= held)
                .max()
                .map(|lapsed| lapsed.plus(grace))
        })
        .flatten();
    let granted = grants.iter().filter(|(_, ends)| *ends > now).max_by_key(|(tier, ends)| (*tier, *ends)).copied();
    let (tier, granted_until) = match granted {
        Some((tier, ends)) if tier > held => (tier, Some(ends)),
        _ => (held, None),
    };
    let next_expected = gifts
        .iter()
        .filter(|g| g.frequency != "oneoff")
        .max_by_key(|g| g.at)
        .map(Gift::covered_until)
        .filter(|end| end.plus(grace) > now);
    let grace_ends = if granted_until.is_some() { None } else { grace_ends };
    let currency = tiers.get(tier).map_or("", |t| t.monthly.currency.as_str());
    let counts_now = per_month(gifts, rates, currency, now);
    let awaited = next_expected.is_some();
    let counted = match grace_ends {
        // The grace runs from the moment the tier was last reached: a second before it, what held it.
        Some(ends) if counts_now == 0 && awaited => per_month(gifts, rates, currency, ends.plus(-grace - 1)),
        _ => counts_now,
    };
    Computed {
        tier,
        reached: reached_now,
        grace_ends,
        granted_until,
        next_expected,
        counted,
        stopped: grace_ends.is_some() && counts_now == 0 && !awaited,
    }
}

/// What counts toward the member's tier now (`Computed::counted`), as money in `tier`'s currency.
pub fn monthly_money(computed: &Computed, tier: &Tier) -> Money {
    Money { minor: computed.counted, currency: tier.monthly.currency.clone() }
}

#[cfg(test)]
#[path = "standing_tests.rs"]
mod tests;

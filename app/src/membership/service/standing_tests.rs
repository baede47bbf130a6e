//! The tier computation at its edges, at exact seconds.
use super::*;
use crate::membership::model::{Limits, Tier};
use crate::money::Money;

const DAY: i64 = 86_400;
const GRACE: i64 = 45 * DAY;

fn tier(id: i64, minor: i64, currency: &str) -> Tier {
    Tier { id, name: format!("t{id}"), monthly: Money { minor, currency: currency.into() }, limits: Limits::default() }
}

fn tiers() -> Vec<Tier> {
    vec![tier(1, 0, "EUR"), tier(2, 1000, "EUR"), tier(3, 3000, "EUR")]
}

fn gift(at: &str, minor: i64, currency: &str, frequency: &str) -> Gift {
    let stream = (frequency != "oneoff").then(|| format!("{currency}:{frequency}"));
    Gift::new(self::at(at), minor, currency.into(), frequency.into(), stream)
}

fn at(text: &str) -> Timestamp {
    Timestamp::from_secs(chrono::DateTime::parse_from_rfc3339(text).unwrap().timestamp())
}

fn now(gifts: &[Gift], t: Timestamp) -> Computed {
    compute(gifts, &tiers(), &Rates::new(), &[], t, GRACE)
}

#[test]
fn a_month_is_a_calendar_month_then_the_grace_period_holds_the_tier_to_the_second() {
    let gifts = [gift("2026-01-31T12:00:00Z", 1000, "EUR", "monthly")];
    assert_eq!(gifts[0].covered_until(), at("2026-02-28T12:00:00Z"), "31 January counts to 28 February");
    assert_eq!(now(&gifts, at("2026-01-31T11:59:59Z")).tier, 0, "not before it was given");
    let last = now(&gifts, at("2026-02-28T11:59:59Z"));
    assert_eq!((last.tier, last.reached, last.grace_ends), (1, 1, None));
    assert_eq!(last.next_expected, Some(at("2026-02-28T12:00:00Z")));
    let lapsed = now(&gifts, at("2026-02-28T12:00:00Z"));
    assert_eq!((lapsed.tier, lapsed.reached), (1, 0), "held by the grace period");
    assert_eq!(lapsed.grace_ends, Some(at("2026-02-28T12:00:00Z").plus(GRACE)));
    assert_eq!(now(&gifts, at("2026-02-28T12:00:00Z").plus(GRACE - 1)).tier, 1);
    let over = now(&gifts, at("2026-02-28T12:00:00Z").plus(GRACE));
    assert_eq!((over.tier, over.grace_ends, over.next_expected), (0, None, None));
}

#[test]
fn a_new_payment_during_grace_ends_it_and_payments_do_not_add_up_across_months() {
    let gifts =
        [gift("2026-01-10T00:00:00Z", 1000, "EUR", "monthly"), gift("2026-03-01T00:00:00Z", 1000, "EUR", "monthly")];
    let back = now(&gifts, at("2026-03-01T00:00:00Z"));
    assert_eq!((back.tier, back.reached, back.grace_ends), (1, 1, None));
    // Two monthly payments a month apart never count as 20 a month.
    let steady =
        [gift("2026-01-10T00:00:00Z", 1000, "EUR", "monthly"), gift("2026-02-10T00:00:00Z", 1000, "EUR", "monthly")];
    assert_eq!(now(&steady, at("2026-02-10T00:00:00Z")).tier, 1);
    // Nor does a payment charged a day early: the first counts until the second.
    let early = chained(vec![
        gift("2026-01-10T00:00:00Z", 1500, "EUR", "monthly"),
        gift("2026-02-09T00:00:00Z", 1500, "EUR", "monthly"),
    ]);
    assert_eq!(now(&early, at("2026-02-09T12:00:00Z")).tier, 1, "15 a month, never 30");
    let unchained =
        [gift("2026-01-10T00:00:00Z", 1500, "EUR", "monthly"), gift("2026-02-09T00:00:00Z", 1500, "EUR", "oneoff")];
    assert_eq!(now(&unchained, at("2026-02-09T12:00:00Z")).tier, 2, "a one-off on top does add up");
}

#[test]
fn a_yearly_contribution_counts_a_twelfth_for_twelve_months_rounded_down() {
    let yearly = [gift("2026-01-15T00:00:00Z", 12_000, "EUR", "yearly")];
    assert_eq!(now(&yearly, at("2026-12-14T23:59:59Z")).reached, 1, "120 a year is 10 a month all year");
    assert_eq!(now(&yearly, at("2027-01-15T00:00:00Z")).reached, 0);
    let short = [gift("2026-01-15T00:00:00Z", 11_999, "EUR", "yearly")];
    assert_eq!(now(&short, at("2026-02-01T00:00:00Z")).tier, 0, "119.99 a year is 9.99 a month");
    let with_one_off = [short[0].clone(), gift("2026-02-01T00:00:00Z", 1, "EUR", "oneoff")];
    assert_eq!(now(&with_one_off, at("2026-02-01T00:00:00Z")).tier, 1, "a cent on top reaches 10");
}

#[test]
fn other_currencies_count_at_the_admins_rate_or_in_a_tier_of_their_own() {
    let cad = [gift("2026-05-01T00:00:00Z", 1500, "CAD", "monthly")];
    let t = at("2026-05-02T00:00:00Z");
    assert_eq!(now(&cad, t).tier, 0, "no rate: CAD counts for no EUR tier");
    let rates: Rates = [(("CAD".to_string(), "EUR".to_string()), 680_000)].into();
    assert_eq!(per_month(&cad, &rates, "EUR", t), 1020, "15 CAD at 0.68 is 10.20 EUR");
    assert_eq!(compute(&cad, &tiers(), &rates, &[], t, GRACE).tier, 1);
    let mut own = tiers();
    own.insert(1, tier(9, 1500, "CAD"));
    assert_eq!(compute(&cad, &own, &Rates::new(), &[], t, GRACE).tier, 1, "a CAD tier counts CAD as it is");
    // Minor units differ: 1500 yen at 0.0061 EUR each is 9.15 EUR.
    let yen: Rates = [(("JPY".to_string(), "EUR".to_string()), 6_100)].into();
    assert_eq!(convert(&yen, 1500, "JPY", "EUR"), Some(915));
    assert_eq!(convert(&yen, 1500, "JPY", "USD"), None);
}

#[test]
fn a_grant_lifts_the_tier_until_it_ends_and_never_lowers_it() {
    let gifts = [gift("2026-05-01T00:00:00Z", 1000, "EUR", "monthly")];
    let t = at("2026-05-02T00:00:00Z");
    let ends = at("2026-05-10T00:00:00Z");
    let granted = compute(&gifts, &tiers(), &Rates::new(), &[(2, ends)], t, GRACE);
    assert_eq!((granted.tier, granted.granted_until), (2, Some(ends)));
    let lower = compute(&gifts, &tiers(), &Rates::new(), &[(0, ends)], t, GRACE);
    assert_eq!((lower.tier, lower.granted_until), (1, None), "a lower grant leaves the contributions' tier");
    let over = compute(&gifts, &tiers(), &Rates::new(), &[(2, ends)], ends, GRACE);
    assert_eq!((over.tier, over.granted_until), (1, None), "the grant ends at its second");
    let free = compute(&[], &tiers(), &Rates::new(), &[(1, ends)], t, GRACE);
    assert_eq!((free.tier, free.grace_ends), (1, None));
}

#[test]
fn a_months_payment_not_charged_yet_has_not_stopped_and_counts_what_holds_the_tier() {
    // Charged on 10 January; on 15 February, five days into its next month, February's is not in.
    let monthly = [gift("2026-01-10T00:00:00Z", 1000, "EUR", "monthly")];
    let paid = now(&monthly, at("2026-01-15T00:00:00Z"));
    assert_eq!((paid.tier, paid.counted, paid.stopped), (1, 1000, false));
    let late = now(&monthly, at("2026-02-15T00:00:00Z"));
    assert_eq!((late.tier, late.reached), (1, 0), "held by the grace period");
    assert_eq!((late.stopped, late.counted), (false, 1000), "10 a month hold the tier, not 0");
    // A one-off ran out; the monthly contribution charged five days ago still counts.
    let lower =
        [gift("2026-01-01T00:00:00Z", 2000, "EUR", "oneoff"), gift("2026-01-28T00:00:00Z", 1000, "EUR", "monthly")];
    let fewer = now(&lower, at("2026-02-02T00:00:00Z"));
    assert_eq!((fewer.tier, fewer.reached), (2, 1), "held by the grace period");
    assert_eq!((fewer.stopped, fewer.counted), (false, 1000), "what counts now");
    // Only a one-off, run out, and nothing recurring awaited: stopped.
    let once = [gift("2026-01-01T00:00:00Z", 1000, "EUR", "oneoff")];
    let over = now(&once, at("2026-02-05T00:00:00Z"));
    assert_eq!((over.tier, over.reached, over.stopped, over.counted), (1, 0, true, 0));
}

/// Sums and conversions over any amounts: never wrapped past i64, a currency's own amounts kept.
mod props {
    use super::*;
    use proptest::prelude::*;

    fn currencies() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["EUR", "CAD", "JPY", "KWD"])
    }

    proptest! {
        #[test]
        fn a_month_of_any_gifts_never_wraps(
            minors in prop::collection::vec(0..=i64::MAX, 1..6),
            micros in 1..=i64::MAX,
            from in currencies(),
        ) {
            let t = at("2026-05-02T00:00:00Z");
            let gifts: Vec<Gift> = minors.iter().map(|m| gift("2026-05-01T00:00:00Z", *m, from, "oneoff")).collect();
            let rates: Rates = [((from.to_string(), "EUR".to_string()), micros)].into();
            let exact: i128 = minors.iter().map(|m| i128::from(*m)).sum();
            // In their own currency: the exact sum, held at i64's end past it.
            prop_assert_eq!(i128::from(per_month(&gifts, &rates, from, t)), exact.min(i128::from(i64::MAX)));
            prop_assert!(per_month(&gifts, &rates, "EUR", t) >= 0, "converted, never wrapped below zero");
        }

        #[test]
        fn a_conversion_is_none_or_keeps_the_sign_and_the_order(
            a in any::<i64>(),
            b in any::<i64>(),
            micros in 1..=i64::MAX,
            from in currencies(),
            to in currencies(),
        ) {
            let rates: Rates = [((from.to_string(), to.to_string()), micros)].into();
            let (low, high) = (a.min(b), a.max(b));
            let (x, y) = (convert(&rates, low, from, to), convert(&rates, high, from, to));
            if let Some(x) = x {
                prop_assert!(x == 0 || x.signum() == low.signum(), "{} became {}", low, x);
            }
            if let (Some(x), Some(y)) = (x, y) {
                prop_assert!(x <= y, "{} <= {} but {} > {}", low, high, x, y);
            }
            prop_assert_eq!(convert(&rates, a, from, from), Some(a), "the same currency is kept as it is");
        }

        #[test]
        fn at_one_to_one_an_amount_converts_to_itself(minor in any::<i64>()) {
            let rates: Rates = [(("CAD".to_string(), "EUR".to_string()), 1_000_000)].into();
            prop_assert_eq!(convert(&rates, minor, "CAD", "EUR"), Some(minor));
        }
    }
}

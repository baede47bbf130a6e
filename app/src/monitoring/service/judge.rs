//! Up or down, from the polls in a row: down after `down_after` failures, up again after
//! `up_after` successes. A pure function, so the rule is tested without a region.
use crate::monitoring::model::HealthState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub down_after: i64,
    pub up_after: i64,
    /// After an alert, this long (seconds) without another "down" alert for the region: a
    /// flapping region sends one pair of mails, not one per flap.
    pub alert_quiet_seconds: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { down_after: 2, up_after: 1, alert_quiet_seconds: 600 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Judged down: an incident begins.
    WentDown,
    /// Judged up after being down: the incident ends.
    Recovered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    pub state: HealthState,
    pub failures: i64,
    pub successes: i64,
    pub change: Option<Change>,
}

pub fn judge(state: HealthState, failures: i64, successes: i64, ok: bool, policy: Policy) -> Judged {
    if ok {
        let successes = successes + 1;
        let (state, change) = match state {
            HealthState::Down if successes >= policy.up_after => (HealthState::Up, Some(Change::Recovered)),
            HealthState::Down => (HealthState::Down, None),
            _ => (HealthState::Up, None),
        };
        Judged { state, failures: 0, successes, change }
    } else {
        let failures = failures + 1;
        let (state, change) = match state {
            HealthState::Down => (HealthState::Down, None),
            _ if failures >= policy.down_after => (HealthState::Down, Some(Change::WentDown)),
            other => (other, None),
        };
        Judged { state, failures, successes: 0, change }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HealthState::*;

    fn run(polls: &[bool], policy: Policy) -> Vec<(HealthState, Option<Change>)> {
        let (mut state, mut failures, mut successes) = (Unknown, 0, 0);
        polls
            .iter()
            .map(|ok| {
                let j = judge(state, failures, successes, *ok, policy);
                (state, failures, successes) = (j.state, j.failures, j.successes);
                (j.state, j.change)
            })
            .collect()
    }

    #[test]
    fn down_after_two_failures_and_up_after_one_success() {
        let seen = run(&[true, false, false, false, true, true], Policy::default());
        assert_eq!(
            seen,
            vec![
                (Up, None),
                (Up, None),
                (Down, Some(Change::WentDown)),
                (Down, None),
                (Up, Some(Change::Recovered)),
                (Up, None)
            ]
        );
    }

    #[test]
    fn a_single_failure_between_successes_changes_nothing() {
        let seen = run(&[true, false, true, false, true], Policy::default());
        assert!(seen.iter().all(|(s, c)| *s == Up && c.is_none()), "{seen:?}");
    }

    #[test]
    fn recovery_can_ask_for_several_successes() {
        let policy = Policy { down_after: 1, up_after: 3, ..Policy::default() };
        let seen = run(&[false, true, true, true], policy);
        assert_eq!(seen.last(), Some(&(Up, Some(Change::Recovered))));
        assert_eq!(seen[2], (Down, None));
    }

    #[test]
    fn a_region_never_seen_up_goes_down_too() {
        let seen = run(&[false, false], Policy::default());
        assert_eq!(seen, vec![(Unknown, None), (Down, Some(Change::WentDown))]);
    }
}

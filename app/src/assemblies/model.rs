//! What an assembly is to both sides: who votes, who may watch, what makes the quorum, and where
//! the quorum stands now.
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

/// Who may take part as a voting member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Voters {
    /// Active members whose membership has not lapsed: on a paid tier (by contribution, grace or
    /// grant), or every active member where the co-op has no paid tier.
    #[default]
    Standing,
    /// Every active member.
    Active,
    /// Active members on one of the chosen tiers.
    Tiers,
}

impl Voters {
    pub fn as_str(self) -> &'static str {
        match self {
            Voters::Standing => "standing",
            Voters::Active => "active",
            Voters::Tiers => "tiers",
        }
    }

    pub fn parse(text: &str) -> Option<Voters> {
        [Voters::Standing, Voters::Active, Voters::Tiers].into_iter().find(|v| v.as_str() == text)
    }
}

/// What the quorum is: a number of voting members present, or a share of those entitled to vote
/// when the meeting opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quorum {
    Count(u32),
    Percent(u32),
}

impl Quorum {
    /// Voting members needed present, of `entitled`.
    pub fn needed(self, entitled: u32) -> u32 {
        match self {
            Quorum::Count(n) => n,
            Quorum::Percent(p) => (u64::from(entitled) * u64::from(p)).div_ceil(100) as u32,
        }
    }
}

/// The admin's form that makes a booking an assembly (or changes its rules).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct AssemblyForm {
    pub booking: String,
    pub voters: String,
    /// Tier ids, when only members of given tiers vote.
    #[serde(default)]
    pub tiers: Vec<String>,
    pub observers: Option<String>,
    /// "3" or "50%".
    pub quorum: String,
    pub notice_days: String,
    pub keep_days: String,
}

/// An assembly's rules, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub voters: Voters,
    pub tiers: Vec<i64>,
    pub observers: bool,
    pub quorum: Quorum,
    pub notice_days: u32,
    pub keep_days: u32,
}

impl AssemblyForm {
    /// The rules, or what is wrong next to each field.
    pub fn check(&self) -> Result<Rules, FieldErrors> {
        let mut errors = FieldErrors::default();
        let voters = Voters::parse(self.voters.trim()).unwrap_or_else(|| {
            errors.add("voters", Msg::new("field.voters.invalid"));
            Voters::default()
        });
        let tiers: Vec<i64> = self.tiers.iter().filter_map(|t| t.trim().parse().ok()).collect();
        if voters == Voters::Tiers && tiers.is_empty() {
            errors.add("tiers", Msg::new("field.tiers.required"));
        }
        let quorum = parse_quorum(&self.quorum).unwrap_or_else(|| {
            errors.add("quorum", Msg::new("field.quorum.invalid"));
            Quorum::Count(1)
        });
        let mut days = |field: &str, text: &str, range: std::ops::RangeInclusive<u32>| {
            text.trim().parse::<u32>().ok().filter(|d| range.contains(d)).unwrap_or_else(|| {
                errors.add(field, Msg::new(&format!("field.{field}.invalid")));
                0
            })
        };
        let notice_days = days("notice_days", &self.notice_days, 0..=90);
        let keep_days = days("keep_days", &self.keep_days, 1..=3650);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Rules { voters, tiers, observers: self.observers.is_some(), quorum, notice_days, keep_days })
    }
}

/// "3" is three voting members; "50%" half of those entitled (1 to 100).
pub fn parse_quorum(text: &str) -> Option<Quorum> {
    let text = text.trim();
    match text.strip_suffix('%') {
        Some(p) => p.trim().parse().ok().filter(|p| (1..=100).contains(p)).map(Quorum::Percent),
        None => text.parse().ok().filter(|n| *n >= 1).map(Quorum::Count),
    }
}

/// How someone may take part, as the assembly's page tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Voter,
    Observer,
    /// Neither: not entitled to vote, and the assembly takes no observers.
    None,
}

/// One change of the quorum, in the reader's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumChange {
    pub reached: bool,
    pub at: String,
    pub present: u32,
}

/// Where the quorum stands: for the chair's page, and as JSON for the co-op's own tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumState {
    /// The meeting has opened: the entitled members were counted.
    pub open: bool,
    pub entitled: u32,
    pub needed: u32,
    pub present: u32,
    pub reached: bool,
    pub changes: Vec<QuorumChange>,
    /// The count is from the region's answer of the last minute (or the meeting is not running).
    pub live: bool,
    /// Set when the count is not live: the time (in the reader's zone) of the region's last answer.
    pub as_of: Option<String>,
    /// Seconds since the epoch of that answer, for tools.
    pub polled_at: Option<i64>,
}

/// An assembly as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyView {
    pub booking: i64,
    pub title: String,
    pub when: String,
    pub room: String,
    pub voters: Voters,
    /// The tiers' names, when only some tiers vote.
    pub tiers: Vec<String>,
    pub observers: bool,
    pub quorum: Quorum,
    pub notice_days: u32,
    pub keep_days: u32,
    /// How the reader may take part.
    pub part: Part,
    /// The organiser or an admin: sees the quorum.
    pub chair: bool,
    /// The reader is signed in (a guest types their name).
    pub signed_in: bool,
    /// An admin, or the organiser an admin allowed to call assemblies: may change the rules.
    pub calls: bool,
    /// The room records: joining asks consent to that too.
    pub records: bool,
    pub quorum_state: Option<QuorumState>,
    /// For the chair: how many voting members were sent the notice, and on what day.
    pub told: Option<(u32, String)>,
}

/// The rules form as an admin finds it: the booking's title, its rules (or the defaults), the tiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesView {
    pub title: String,
    pub form: AssemblyForm,
    pub tiers: Vec<(i64, String)>,
}

/// One attendee in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesLine {
    pub name: String,
    pub voting: bool,
    /// The day they became a member (none for a guest).
    pub member_since: Option<String>,
    /// Each interval: from, and to (none while still present).
    pub present: Vec<(String, Option<String>)>,
    /// Whole minutes present, over the closed intervals.
    pub minutes: u32,
}

/// The minutes' material of an assembly, in the reader's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesView {
    pub title: String,
    pub when: String,
    pub entitled: u32,
    pub needed: u32,
    pub attendees: Vec<MinutesLine>,
    pub changes: Vec<QuorumChange>,
    /// The meeting's polls, where the region sent its analytics.
    pub polls: Vec<PollLine>,
    /// The day the record is deleted.
    pub kept_until: String,
}

/// A member an admin allowed to call assemblies on their own bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// The day they were allowed.
    pub since: String,
}

/// One assembly in the admins' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyLine {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub organiser: String,
}

/// The admins' page of assemblies: the coming ones, the past ones, and who may call them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAssemblies {
    pub coming: Vec<AssemblyLine>,
    pub past: Vec<AssemblyLine>,
    pub callers: Vec<Caller>,
}

/// One poll of the meeting: its question (empty when BBB gave none), when, and each answer's votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollLine {
    pub question: String,
    pub at: Option<String>,
    pub published: bool,
    pub results: Vec<(String, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quorum_is_a_number_or_a_share_rounded_up() {
        assert_eq!(parse_quorum("3"), Some(Quorum::Count(3)));
        assert_eq!(parse_quorum(" 50 % "), Some(Quorum::Percent(50)));
        assert_eq!(parse_quorum("0"), None);
        assert_eq!(parse_quorum("101%"), None);
        assert_eq!(Quorum::Percent(50).needed(5), 3);
        assert_eq!(Quorum::Percent(10).needed(0), 0);
        assert_eq!(Quorum::Count(3).needed(100), 3);
    }

    #[test]
    fn the_form_says_what_is_wrong_next_to_each_field() {
        let form = AssemblyForm {
            voters: "tiers".into(),
            quorum: "many".into(),
            notice_days: "-1".into(),
            keep_days: "0".into(),
            ..AssemblyForm::default()
        };
        let errors = form.check().unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["tiers", "quorum", "notice_days", "keep_days"]);
    }
}

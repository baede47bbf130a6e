//! One look at a region. The API root (no checksum) says whether anything answers and how fast; the
//! region's health check, when it names one, must say `success` (Scalelite's answers 200 either way);
//! `getMeetings` (checksummed) says whether our secret is taken and how loaded the region is. Some
//! balancers fail `getMeetings` (one answers HTTP 500) or leave out the counts: then another
//! checksummed call decides up or down, and the load is unknown rather than the region down.
//! The health check is an address an admin typed: before each call it is checked against the
//! outbound policy (DNS may have changed since it was saved), and a refusal is a failed check.
use crate::bbb::client::Client;
use crate::bbb::error::BbbError;
use crate::bbb::xml::Meeting;
use crate::error::Msg;
use crate::regions::service::RegionRecord;
use std::time::Instant;

/// A meeting id no room has: `isMeetingRunning` on it is a cheap signed call.
const NO_MEETING: &str = "quorum-health-check";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Load {
    pub meetings: i64,
    pub participants: i64,
    pub moderators: i64,
    pub voice: i64,
    pub video: i64,
    pub recording_meetings: i64,
}

impl Load {
    pub fn of(meetings: &[Meeting]) -> Load {
        let sum = |f: fn(&Meeting) -> u32| meetings.iter().map(|m| i64::from(f(m))).sum();
        Load {
            meetings: meetings.len() as i64,
            participants: sum(|m| m.participant_count),
            moderators: sum(|m| m.moderator_count),
            voice: sum(|m| m.voice_participant_count),
            video: sum(|m| m.video_count),
            recording_meetings: meetings.iter().filter(|m| m.recording).count() as i64,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub ok: bool,
    pub latency_ms: Option<i64>,
    pub version: Option<String>,
    /// With the meetings themselves, so the poll can correct rooms that ended without a callback.
    pub meetings: Option<Vec<Meeting>>,
    /// What failed: why it is down, or (when up) why its load is unknown.
    pub error: Option<String>,
    /// What a BBB failure means, in words for the admins' page (`error` is what the poll saw).
    pub reason: Option<Msg>,
}

impl Probe {
    fn failed(error: String, reason: Option<Msg>, latency_ms: Option<i64>, version: Option<String>) -> Probe {
        Probe { ok: false, latency_ms, version, meetings: None, error: Some(error), reason }
    }

    pub fn load(&self) -> Option<Load> {
        self.meetings.as_deref().map(Load::of)
    }
}

#[tracing::instrument(name = "monitoring.probe.probe", level = "error", skip_all)]
pub async fn probe(client: &Client, region: &RegionRecord, policy: &crate::outbound::Policy) -> Probe {
    let endpoint = region.endpoint();
    let started = Instant::now();
    let version = match client.version(&endpoint).await {
        Ok(version) => version,
        Err(e) => return Probe::failed(format!("API root: {e}"), Some(reason(&e)), None, None),
    };
    let latency = Some(started.elapsed().as_millis() as i64);
    if let Some(url) = &region.health_url {
        if let Err(refusal) = crate::outbound::check(url, policy).await {
            return Probe::failed(format!("health check: {refusal}"), None, latency, Some(version));
        }
        match client.health_check(&endpoint, url).await {
            Ok(Ok(())) => {}
            Ok(Err(said)) => return Probe::failed(format!("health check: {said}"), None, latency, Some(version)),
            Err(e) => return Probe::failed(format!("health check: {e}"), Some(reason(&e)), latency, Some(version)),
        }
    }
    match client.get_meetings(&endpoint).await {
        Ok(meetings) => Probe {
            ok: true,
            latency_ms: latency,
            version: Some(version),
            meetings: Some(meetings),
            error: None,
            reason: None,
        },
        Err(e) if e.is_checksum_error() => {
            Probe::failed(format!("getMeetings: {e}"), Some(reason(&e)), latency, Some(version))
        }
        Err(meetings_error) => match client.is_meeting_running(&endpoint, NO_MEETING).await {
            Ok(_) => Probe {
                ok: true,
                latency_ms: latency,
                version: Some(version),
                meetings: None,
                error: Some(format!("getMeetings: {meetings_error}")),
                reason: Some(reason(&meetings_error)),
            },
            Err(e) => Probe::failed(format!("isMeetingRunning: {e}"), Some(reason(&e)), latency, Some(version)),
        },
    }
}

/// A BBB failure in words for admins: a rejected checksum says which setting is wrong (BBB's own
/// `checksumError` means nothing to most readers); the others as members read them.
fn reason(e: &BbbError) -> Msg {
    if e.is_checksum_error() { Msg::new("monitoring.reason_checksum") } else { crate::error::bbb_message(e) }
}

//! BBB's learning analytics for an assembly: once the meeting's events are processed, the region
//! posts them as JSON to the address the meeting was created with (`meta_analytics-callback-url`,
//! `meetings::service::callback::analytics_url`). The portal keeps the polls for the minutes: each
//! question and how many chose each answer. Votes are counted, never kept per person: a members'
//! meeting's poll may be a ballot. The only code that writes `assembly_polls`.
use crate::error::{AppError, AppResult, Msg, Step};
use crate::state::AppState;
use serde::Deserialize;
use serde_json::Value;
use sqlx::AnyConnection;

/// What the portal reads of the payload (`{"version": "1.0", "data": {"polls": [...]}, ...}`);
/// the rest (attendees, talk time, files) it ignores.
#[derive(Deserialize)]
struct Payload {
    data: Data,
}

#[derive(Deserialize)]
struct Data {
    #[serde(default)]
    polls: Vec<AnalyticsPoll>,
}

#[derive(Deserialize)]
struct AnalyticsPoll {
    id: String,
    #[serde(default)]
    published: bool,
    #[serde(default)]
    question: Option<String>,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    start: Option<Value>,
    /// Each voter's answer (or answers, where several may be chosen), by BBB's internal user id.
    #[serde(default)]
    votes: serde_json::Map<String, Value>,
}

/// A poll as the minutes show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub question: String,
    pub published: bool,
    pub started_at: Option<i64>,
    pub results: Vec<(String, u32)>,
}

/// How long after the booking's end its analytics are taken: BBB posts them once it has processed
/// the meeting's events, minutes after the end on a busy server.
pub const ACCEPTED_AFTER: i64 = 24 * 3600;

/// More polls than this in one meeting, or longer texts, are cut: the payload comes over the
/// network and the minutes are for people to read.
const MOST_POLLS: usize = 200;
const LONGEST_TEXT: usize = 500;

fn cut(text: &str) -> String {
    text.trim().chars().take(LONGEST_TEXT).collect()
}

/// BBB gives a poll's start as milliseconds (events) or as a date in text (bbbevents' JSON).
fn started_at(start: Option<&Value>) -> Option<i64> {
    match start? {
        Value::Number(n) => n.as_i64().map(|n| if n > 100_000_000_000 { n / 1000 } else { n }),
        Value::String(s) => chrono::DateTime::parse_from_rfc3339(s).ok().map(|d| d.timestamp()),
        _ => None,
    }
}

impl AnalyticsPoll {
    /// Each option's count, in the poll's order; answers outside the options (typed responses)
    /// after them, in the order first given.
    fn counted(&self) -> Vec<(String, u32)> {
        let mut results: Vec<(String, u32)> = self.options.iter().map(|o| (cut(o), 0)).collect();
        let answers = self.votes.values().flat_map(|v| match v {
            Value::Array(many) => many.iter().filter_map(|a| a.as_str().map(cut)).collect(),
            Value::String(one) => vec![cut(one)],
            _ => Vec::new(),
        });
        for answer in answers {
            match results.iter().position(|(option, _)| *option == answer) {
                Some(at) => results[at].1 += 1,
                None if results.len() < MOST_POLLS => results.push((answer, 1)),
                None => {}
            }
        }
        results
    }
}

/// Reads the analytics the region posted for assembly `booking_id` (signed for `region_code`) and
/// keeps their polls; a second post of the same keeps the first. Returns the polls read.
#[tracing::instrument(name = "assemblies.polls.receive", level = "error", skip_all)]
pub async fn receive(ctx: &AppState, booking_id: i64, region_code: &str, sig: &str, body: &[u8]) -> AppResult<usize> {
    crate::meetings::service::callback::analytics_from(ctx, region_code, booking_id, sig).await?;
    let assembly = super::load(ctx, booking_id).await?;
    // The region posts them minutes after the end; a signed address that leaked later adds nothing.
    if ctx.clock.now().secs() > assembly.booking.ends_at + ACCEPTED_AFTER {
        return Err(AppError::Forbidden);
    }
    let payload: Payload =
        serde_json::from_slice(body).map_err(|_| AppError::Refused(Msg::new("assembly.analytics_unreadable")))?;
    let now = ctx.clock.now().secs();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for (position, poll) in payload.data.polls.iter().take(MOST_POLLS).enumerate() {
        let question = poll.question.as_deref().map(cut).unwrap_or_default();
        let results = serde_json::to_string(&poll.counted()).map_err(AppError::internal)?;
        sqlx::query(
            "INSERT INTO assembly_polls (booking_id, poll_id, position, question, started_at, published, results,
                 received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (booking_id, poll_id) DO NOTHING",
        )
        .bind(booking_id)
        .bind(cut(&poll.id))
        .bind(position as i64)
        .bind(question)
        .bind(started_at(poll.start.as_ref()))
        .bind(i64::from(poll.published))
        .bind(results)
        .bind(now)
        .execute(&mut *tx)
        .await
        .step("insert into assembly_polls")?;
    }
    tx.commit().await?;
    Ok(payload.data.polls.len().min(MOST_POLLS))
}

/// The assembly's polls, in the order they were held (a meeting restarted posts its own).
pub async fn of(ctx: &AppState, booking_id: i64) -> AppResult<Vec<Poll>> {
    let rows: Vec<(String, Option<i64>, i64, String)> = sqlx::query_as(
        "SELECT question, started_at, published, results FROM assembly_polls WHERE booking_id = $1
         ORDER BY COALESCE(started_at, received_at), received_at, position, poll_id",
    )
    .bind(booking_id)
    .fetch_all(&ctx.pool)
    .await
    .step("read assembly_polls")?;
    Ok(rows
        .into_iter()
        .map(|(question, started_at, published, results)| Poll {
            question,
            started_at,
            published: published != 0,
            results: serde_json::from_str(&results).unwrap_or_default(),
        })
        .collect())
}

/// Deletes the assembly's polls, with the rest of its record (`store::forget`).
pub async fn forget(conn: &mut AnyConnection, booking_id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM assembly_polls WHERE booking_id = $1")
        .bind(booking_id)
        .execute(conn)
        .await
        .step("delete from assembly_polls")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_are_counted_per_answer_in_the_polls_order() {
        let poll: AnalyticsPoll = serde_json::from_value(serde_json::json!({
            "id": "p1", "published": true, "options": ["Yes", "No", "Abstain"],
            "start": 1_765_000_000_000_i64,
            "votes": {"w_1": "Yes", "w_2": "No", "w_3": "Yes", "w_4": ["Yes", "Later"], "w_5": 7}
        }))
        .unwrap();
        let counted = poll.counted();
        let expected = [("Yes", 3), ("No", 1), ("Abstain", 0), ("Later", 1)];
        assert_eq!(counted, expected.map(|(a, n)| (a.to_string(), n)));
        assert_eq!(started_at(poll.start.as_ref()), Some(1_765_000_000));
        assert_eq!(started_at(Some(&Value::String("2026-12-07T10:00:00Z".into()))), Some(1_796_637_600));
    }
}

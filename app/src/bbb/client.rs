//! The calls Quorum makes, each with the client's connect and total timeouts.
use super::checksum::{Algorithm, checksum, encode_query};
use super::error::BbbError;
use super::xml::{self, Created, Empty, Meeting, Meetings, Recording, Recordings, Running, Version};
use std::fmt;
use std::time::Duration;

/// One region's API: base URL, shared secret and checksum algorithm.
#[derive(Clone)]
pub struct Endpoint {
    base: String,
    secret: String,
    pub algorithm: Algorithm,
    /// Names the region in metrics (its code); empty for an endpoint not yet saved as a region.
    label: String,
}

// The secret never reaches a log line.
impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint").field("base", &self.base).field("algorithm", &self.algorithm).finish_non_exhaustive()
    }
}

/// Counts a call by region, call and outcome (`bbb_calls_total`).
fn counted<T>(ep: &Endpoint, call: &str, answer: Result<T, BbbError>) -> Result<T, BbbError> {
    let outcome = answer.as_ref().map_or_else(BbbError::kind, |_| "ok");
    let labels = [("region", ep.label.clone()), ("call", call.to_string()), ("outcome", outcome.to_string())];
    metrics::counter!("bbb_calls_total", &labels).increment(1);
    answer
}

impl Endpoint {
    pub fn new(api_url: &str, secret: &str, algorithm: Algorithm) -> Endpoint {
        let mut base = api_url.trim().to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        Endpoint { base, secret: secret.to_string(), algorithm, label: String::new() }
    }

    /// The same endpoint, counted in metrics under region `code`.
    pub fn labelled(self, code: &str) -> Endpoint {
        Endpoint { label: code.to_string(), ..self }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// The signed URL of a call.
    pub fn url<K: AsRef<str>, V: AsRef<str>>(&self, call: &str, params: &[(K, V)]) -> String {
        let query = encode_query(params);
        let sum = checksum(self.algorithm, call, &query, &self.secret);
        if query.is_empty() {
            format!("{}{call}?checksum={sum}", self.base)
        } else {
            format!("{}{call}?{query}&checksum={sum}", self.base)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Moderator,
    Viewer,
}

/// Who joins, as what. The URL is handed to the browser, which BBB (or Scalelite) then redirects.
#[derive(Debug, Clone)]
pub struct Join {
    pub full_name: String,
    pub meeting_id: String,
    pub role: Role,
    pub user_id: Option<String>,
    pub guest: bool,
    /// The meeting's `createTime`: BBB refuses the link once the meeting was re-created.
    pub create_time: Option<i64>,
}

impl Join {
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![
            ("fullName", self.full_name.clone()),
            ("meetingID", self.meeting_id.clone()),
            ("role", if self.role == Role::Moderator { "MODERATOR" } else { "VIEWER" }.to_string()),
        ];
        if let Some(id) = &self.user_id {
            p.push(("userID", id.clone()));
        }
        if self.guest {
            p.push(("guest", "true".into()));
        }
        if let Some(t) = self.create_time {
            p.push(("createTime", t.to_string()));
        }
        p
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
}

/// The largest answer read from a region: a `getRecordings` of 50 rooms with many recordings fits
/// with room to spare.
pub const MAX_ANSWER: usize = 16 * 1024 * 1024;

fn ids(list: &[String]) -> String {
    list.join(",")
}

impl Client {
    pub fn new(connect_timeout: Duration, total_timeout: Duration) -> Result<Client, BbbError> {
        let http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(total_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(std::sync::Arc::new(super::resolver::Resolver))
            .build()
            .map_err(BbbError::from_reqwest)?;
        Ok(Client { http })
    }

    /// Reads an answer of at most [`MAX_ANSWER`] bytes: a broken or hostile region cannot make the
    /// portal buffer without end. With a `body` (XML), the call is a POST, as BBB takes `create`'s
    /// pre-uploaded documents.
    async fn fetch(&self, url: &str, body: Option<String>) -> Result<String, BbbError> {
        let request = match body {
            Some(body) => self.http.post(url).header(reqwest::header::CONTENT_TYPE, "application/xml").body(body),
            None => self.http.get(url),
        };
        let mut response = request.send().await.map_err(BbbError::from_reqwest)?;
        if !response.status().is_success() {
            return Err(BbbError::Status(response.status().as_u16()));
        }
        if response.content_length().is_some_and(|n| n > MAX_ANSWER as u64) {
            return Err(BbbError::Malformed(format!("answer over {MAX_ANSWER} bytes")));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(BbbError::from_reqwest)? {
            if body.len() + chunk.len() > MAX_ANSWER {
                return Err(BbbError::Malformed(format!("answer over {MAX_ANSWER} bytes")));
            }
            body.extend_from_slice(&chunk);
        }
        String::from_utf8(body).map_err(|_| BbbError::Malformed("answer is not UTF-8".into()))
    }

    async fn call<T, K, V>(&self, ep: &Endpoint, call: &str, params: &[(K, V)]) -> Result<(T, Option<String>), BbbError>
    where
        T: for<'de> serde::Deserialize<'de>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let answer = async { xml::parse(&self.fetch(&ep.url(call, params), None).await?) }.await;
        counted(ep, call, answer)
    }

    /// The API root: no checksum, answers the BBB version. A cheap liveness probe.
    pub async fn version(&self, ep: &Endpoint) -> Result<String, BbbError> {
        let answer = async { xml::parse::<Version>(&self.fetch(ep.base(), None).await?) }.await;
        let (v, _) = counted(ep, "root", answer)?;
        Ok(v.version)
    }

    /// A Scalelite-style health check at `url`: it may answer 200 while failing, so the body must
    /// say `success`. Returns what it said when it does not.
    pub async fn health_check(&self, ep: &Endpoint, url: &str) -> Result<Result<(), String>, BbbError> {
        let answer = counted(ep, "health_check", self.fetch(url, None).await)?;
        if answer.to_lowercase().contains("success") { Ok(Ok(())) } else { Ok(Err(answer.chars().take(200).collect())) }
    }

    /// `create` is idempotent: for a running meeting BBB answers SUCCESS with `duplicateWarning`.
    /// `modules` is the XML body naming documents for the region to fetch (see [`modules`]).
    pub async fn create<K: AsRef<str>, V: AsRef<str>>(
        &self,
        ep: &Endpoint,
        params: &[(K, V)],
        modules: Option<String>,
    ) -> Result<Created, BbbError> {
        let answer = async { xml::parse(&self.fetch(&ep.url("create", params), modules).await?) }.await;
        let (created, key): (Created, _) = counted(ep, "create", answer)?;
        Ok(Created { duplicate: key.as_deref() == Some("duplicateWarning"), ..created })
    }

    pub fn join_url(ep: &Endpoint, join: &Join) -> String {
        ep.url("join", &join.params())
    }

    pub async fn is_meeting_running(&self, ep: &Endpoint, meeting_id: &str) -> Result<bool, BbbError> {
        let (r, _): (Running, _) = self.call(ep, "isMeetingRunning", &[("meetingID", meeting_id)]).await?;
        Ok(r.running)
    }

    pub async fn get_meeting_info(&self, ep: &Endpoint, meeting_id: &str) -> Result<Meeting, BbbError> {
        Ok(self.call(ep, "getMeetingInfo", &[("meetingID", meeting_id)]).await?.0)
    }

    pub async fn get_meetings(&self, ep: &Endpoint) -> Result<Vec<Meeting>, BbbError> {
        let (m, _): (Meetings, _) = self.call::<_, &str, &str>(ep, "getMeetings", &[]).await?;
        Ok(m.meetings.meeting)
    }

    pub async fn end(&self, ep: &Endpoint, meeting_id: &str) -> Result<(), BbbError> {
        let _: (Empty, _) = self.call(ep, "end", &[("meetingID", meeting_id)]).await?;
        Ok(())
    }

    pub async fn get_recordings(&self, ep: &Endpoint, meeting_ids: &[String]) -> Result<Vec<Recording>, BbbError> {
        let (r, _): (Recordings, _) = self.call(ep, "getRecordings", &[("meetingID", ids(meeting_ids))]).await?;
        Ok(r.recordings.recording)
    }

    /// One recording by its id, asked for afresh: a protected one's links are minted per call.
    pub async fn get_recording(&self, ep: &Endpoint, record_id: &str) -> Result<Option<Recording>, BbbError> {
        let (r, _): (Recordings, _) = self.call(ep, "getRecordings", &[("recordID", record_id)]).await?;
        Ok(r.recordings.recording.into_iter().find(|r| r.record_id == record_id))
    }

    /// Scalelite's `protect`: whether the recording's playback links work once only.
    pub async fn protect_recording(&self, ep: &Endpoint, record_id: &str, protect: bool) -> Result<(), BbbError> {
        let params = [("recordID", record_id.to_string()), ("protect", protect.to_string())];
        let _: (Empty, _) = self.call(ep, "updateRecordings", &params).await?;
        Ok(())
    }

    pub async fn publish_recordings(
        &self,
        ep: &Endpoint,
        record_ids: &[String],
        publish: bool,
    ) -> Result<(), BbbError> {
        let params = [("recordID", ids(record_ids)), ("publish", publish.to_string())];
        let _: (Empty, _) = self.call(ep, "publishRecordings", &params).await?;
        Ok(())
    }

    /// Sets recording metadata; `meta` keys without their `meta_` prefix (e.g. `name`).
    pub async fn update_recordings(
        &self,
        ep: &Endpoint,
        record_ids: &[String],
        meta: &[(&str, &str)],
    ) -> Result<(), BbbError> {
        let mut params = vec![("recordID".to_string(), ids(record_ids))];
        params.extend(meta.iter().map(|(k, v)| (format!("meta_{k}"), v.to_string())));
        let _: (Empty, _) = self.call(ep, "updateRecordings", &params).await?;
        Ok(())
    }

    pub async fn delete_recordings(&self, ep: &Endpoint, record_ids: &[String]) -> Result<(), BbbError> {
        let _: (Empty, _) = self.call(ep, "deleteRecordings", &[("recordID", ids(record_ids))]).await?;
        Ok(())
    }
}

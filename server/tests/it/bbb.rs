//! The BBB client against the fake BBB server, over real HTTP on loopback.
use app::bbb::Algorithm;
use app::bbb::client::{Client, Endpoint, Join, Role};
use app::bbb::error::BbbError;
use server::fake_bbb::{self, Fake, Mode};
use std::time::Duration;

const SECRET: &str = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";

async fn fake() -> (Fake, Endpoint, Client) {
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let client = Client::new(Duration::from_secs(2), Duration::from_secs(2)).unwrap();
    (fake, Endpoint::new(&url, SECRET, Algorithm::Sha256), client)
}

fn create_params(id: &str) -> Vec<(&'static str, String)> {
    vec![("name", "Spring assembly".into()), ("meetingID", id.into()), ("maxParticipants", "2".into())]
}

#[tokio::test]
async fn a_meeting_from_create_to_end() {
    let (fake, ep, client) = fake().await;
    assert_eq!(client.version(&ep).await.unwrap(), "2.0");
    let created = client.create(&ep, &create_params("abc-def"), None).await.unwrap();
    assert_eq!(created.meeting_id, "abc-def");
    let again = client.create(&ep, &create_params("abc-def"), None).await.unwrap();
    assert_eq!(again.create_time, created.create_time, "create is idempotent");
    assert!(!client.is_meeting_running(&ep, "abc-def").await.unwrap());

    let join = Join {
        full_name: "Ann Lee".into(),
        meeting_id: "abc-def".into(),
        role: Role::Moderator,
        user_id: Some("u1".into()),
        guest: false,
        create_time: Some(created.create_time),
    };
    let page = reqwest::get(Client::join_url(&ep, &join)).await.unwrap().text().await.unwrap();
    assert!(
        page.contains("Ann Lee joined <strong>Spring assembly</strong> as") && page.contains("MODERATOR"),
        "{page}"
    );
    assert!(client.is_meeting_running(&ep, "abc-def").await.unwrap());
    let info = client.get_meeting_info(&ep, "abc-def").await.unwrap();
    assert_eq!((info.participant_count, info.moderator_count, info.max_users), (1, 1, 2));
    let all = client.get_meetings(&ep).await.unwrap();
    assert_eq!(all.len(), 1);

    let guest = Join { full_name: "Guest".into(), role: Role::Viewer, user_id: None, guest: true, ..join.clone() };
    reqwest::get(Client::join_url(&ep, &guest)).await.unwrap();
    let full = reqwest::get(Client::join_url(&ep, &guest)).await.unwrap().text().await.unwrap();
    assert!(full.contains("maxParticipantsReached"), "{full}");

    client.end(&ep, "abc-def").await.unwrap();
    assert!(client.end(&ep, "abc-def").await.unwrap_err().is_not_found());
    assert!(client.get_meeting_info(&ep, "abc-def").await.unwrap_err().is_not_found());
    assert!(client.get_meetings(&ep).await.unwrap().is_empty());
    assert_eq!(fake.count("create"), 2);
}

#[tokio::test]
async fn recordings_are_listed_renamed_published_and_deleted() {
    let (fake, ep, client) = fake().await;
    let ids = vec!["room-1".to_string(), "room-2".to_string()];
    assert!(client.get_recordings(&ep, &ids).await.unwrap().is_empty());
    let first = fake.add_recording("room-1", "Assembly");
    fake.add_recording("room-2", "Board");
    fake.add_recording("room-3", "Not ours");
    let found = client.get_recordings(&ep, &ids).await.unwrap();
    assert_eq!(found.len(), 2);
    assert!(found[0].playback.format[0].url.contains(&first));

    let one = vec![first.clone()];
    client.update_recordings(&ep, &one, &[("name", "Spring assembly")]).await.unwrap();
    client.publish_recordings(&ep, &one, false).await.unwrap();
    let changed = client.get_recordings(&ep, &["room-1".to_string()]).await.unwrap();
    assert_eq!((changed[0].name.as_str(), changed[0].published), ("Spring assembly", false));
    client.delete_recordings(&ep, &one).await.unwrap();
    assert!(client.get_recordings(&ep, &["room-1".to_string()]).await.unwrap().is_empty());
    assert!(client.delete_recordings(&ep, &one).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn every_algorithm_is_accepted_and_a_wrong_secret_is_a_checksum_error() {
    let (_fake, ep, client) = fake().await;
    for algorithm in Algorithm::ALL {
        let ep = Endpoint::new(ep.base(), SECRET, algorithm);
        client.get_meetings(&ep).await.unwrap_or_else(|e| panic!("{algorithm:?}: {e}"));
    }
    let wrong = Endpoint::new(ep.base(), "not-the-secret", Algorithm::Sha256);
    assert!(client.get_meetings(&wrong).await.unwrap_err().is_checksum_error());
}

#[tokio::test]
async fn an_algorithm_the_server_does_not_accept_is_refused() {
    let mut fake = Fake::new(SECRET);
    fake.accepted = vec![Algorithm::Sha256];
    let url = fake_bbb::spawn(fake).await.unwrap();
    let client = Client::new(Duration::from_secs(2), Duration::from_secs(2)).unwrap();
    let sha1 = Endpoint::new(&url, SECRET, Algorithm::Sha1);
    assert!(client.get_meetings(&sha1).await.unwrap_err().is_checksum_error());
}

#[tokio::test]
async fn down_slow_and_failing_regions_are_told_apart() {
    let (fake, ep, _) = fake().await;
    let client = Client::new(Duration::from_millis(500), Duration::from_millis(300)).unwrap();
    fake.set_mode(Mode::Down);
    assert_eq!(client.get_meetings(&ep).await.unwrap_err(), BbbError::Status(503));
    fake.set_mode(Mode::Slow(Duration::from_millis(1500)));
    assert_eq!(client.get_meetings(&ep).await.unwrap_err(), BbbError::Timeout);
    fake.set_mode(Mode::Fail("serverUnavailable".into()));
    assert_eq!(client.get_meetings(&ep).await.unwrap_err().key(), Some("serverUnavailable"));
    for answer in [Mode::Garbage, Mode::Html] {
        fake.set_mode(answer);
        let err = client.get_meetings(&ep).await.unwrap_err();
        assert!(matches!(err, BbbError::Malformed(_)), "{err:?}");
    }
    fake.set_mode(Mode::Up);
    client.get_meetings(&ep).await.unwrap();

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let nobody = Endpoint::new(&format!("http://127.0.0.1:{port}/bigbluebutton/api/"), SECRET, Algorithm::Sha256);
    let refused = client.get_meetings(&nobody).await.unwrap_err();
    assert!(matches!(refused, BbbError::Connect(_)), "{refused:?}");
    assert!(!refused.to_string().contains("checksum="), "no replayable address in messages: {refused}");
    let unknown = Endpoint::new("http://region.invalid/bigbluebutton/api/", SECRET, Algorithm::Sha256);
    let err = client.get_meetings(&unknown).await.unwrap_err();
    assert!(matches!(err, BbbError::Dns(_)), "{err:?}");
}

#[tokio::test]
async fn the_fake_records_calls_and_is_steered_over_http() {
    let (fake, ep, client) = fake().await;
    let control = ep.base().replace("/bigbluebutton/api/", "/fake/");
    let http = reqwest::Client::new();
    assert_eq!(http.post(format!("{control}mode")).body("down").send().await.unwrap().status(), 204);
    assert!(client.get_meetings(&ep).await.unwrap_err().is_unreachable());
    assert_eq!(http.post(format!("{control}mode")).body("sideways").send().await.unwrap().status(), 400);
    http.post(format!("{control}mode")).body("up").send().await.unwrap();
    let made: serde_json::Value =
        http.post(format!("{control}recordings?meetingID=room-9")).send().await.unwrap().json().await.unwrap();
    let listed = client.get_recordings(&ep, &["room-9".to_string()]).await.unwrap();
    assert_eq!(listed[0].record_id, made["recordID"].as_str().unwrap());
    let calls: Vec<serde_json::Value> = http.get(format!("{control}calls")).send().await.unwrap().json().await.unwrap();
    assert_eq!(calls.iter().filter(|c| c["name"] == "getMeetings").count(), 1, "calls are recorded even when down");
    assert_eq!(fake.count("getRecordings"), 1);
}

/// A region spoken to over https that answers plain text: the handshake fails, and is named so.
#[tokio::test]
async fn a_failed_tls_handshake_is_named() {
    use tokio::io::AsyncWriteExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let _ = socket.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nno").await;
        }
    });
    let client = Client::new(Duration::from_secs(2), Duration::from_secs(2)).unwrap();
    let plain = Endpoint::new(&format!("https://127.0.0.1:{port}/bigbluebutton/api/"), SECRET, Algorithm::Sha256);
    let err = client.get_meetings(&plain).await.unwrap_err();
    assert!(matches!(err, BbbError::Tls(_)), "{err:?}");
}

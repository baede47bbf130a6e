//! Presentations: uploaded by those who manage the room, checked by content, ordered, one shown
//! first; fetched by the region as the meeting is created, through a signed address that expires;
//! deleted with the room. In a folder on both databases, and in a real S3 bucket (moto) shared by
//! two portal processes.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::database::Db;
use crate::support::process::eventually;
use crate::support::s3::S3Server;
use crate::support::{Answer, Browser, TestApp};
use server::fake_bbb::{Fake, FakeDocument};
use sha2::Digest;
use std::time::Duration;

const PW: &str = "correct horse battery";

pub fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    bytes.extend((0..size).map(|i| b'a' + (i % 26) as u8));
    bytes.extend_from_slice(b"\n%%EOF\n");
    bytes
}

fn sha(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

async fn upload(b: &Browser, slug: &str, name: &str, bytes: &[u8]) -> Answer {
    b.upload_with("rooms/presentation_upload", &[("slug", slug)], name, bytes).await
}

async fn fetched(fake: &Fake, count: usize) -> Vec<FakeDocument> {
    let done = || async { fake.state().documents.iter().filter(|d| d.status != 0).count() >= count };
    assert!(eventually(Duration::from_secs(10), done).await, "the region fetched {count} documents");
    fake.state().documents.clone()
}

async fn presentations_are_checked_chosen_and_fetched_by_a_signed_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let eve = app.member("Eve", "eve@example.coop", PW).await;
    let slug = create(&ann, "Board").await;

    // By content, not by name; nothing read for a room the caller may not change.
    assert_eq!(upload(&ann, &slug, "agenda.pdf", b"just some text").await.field("file"), "field.presentation.kind");
    assert_eq!(upload(&ann, &slug, "agenda.pdf", b"").await.field("file"), "field.presentation.empty");
    assert_eq!(upload(&eve, &slug, "agenda.pdf", &pdf(100)).await.status, 403);
    let huge = upload(&ann, &slug, "huge.pdf", &pdf(31 * 1024 * 1024)).await;
    assert_eq!(huge.field("file"), "field.presentation.too_large");
    let (budget, chart) = (pdf(300_000), crate::support::png());
    upload(&ann, &slug, "Budget.exe", &budget).await.ok();
    upload(&ann, &slug, "chart.png", &chart).await.ok();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM room_presentations").fetch_one(&app.pool).await.unwrap();
    assert_eq!(stored, 2, "refused uploads leave nothing");
    let list = ann.call("rooms/presentations", &[("slug", &slug)]).await.ok().clone();
    assert_eq!((list[0]["name"].as_str(), list[0]["is_default"].as_bool()), (Some("Budget.pdf"), Some(true)));
    assert_eq!(list[1]["size"].as_i64(), Some(chart.len() as i64));
    let chart_id = list[1]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        eve.call("rooms/presentation", &[("slug", &slug), ("id", &chart_id), ("action", "default")]).await.status,
        403
    );
    ann.call("rooms/presentation", &[("slug", &slug), ("id", &chart_id), ("action", "default")]).await.ok();
    let list = ann.call("rooms/presentations", &[("slug", &slug)]).await.ok().clone();
    assert_eq!((list[0]["name"].as_str(), list[0]["is_default"].as_bool()), (Some("chart.png"), Some(true)));

    // The meeting's create names both; the region fetches each, the chosen one current.
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let documents = fetched(&fake, 2).await;
    let by_name = |name: &str| documents.iter().find(|d| d.filename == name).cloned().unwrap();
    let (pdf_doc, png_doc) = (by_name("Budget.pdf"), by_name("chart.png"));
    assert_eq!((pdf_doc.status, pdf_doc.sha256.as_str(), pdf_doc.current), (200, sha(&budget).as_str(), false));
    assert_eq!((png_doc.status, png_doc.sha256.as_str(), png_doc.current), (200, sha(&chart).as_str(), true));

    // The address works for its file only, and not after its window.
    let client = reqwest::Client::new();
    let status = |url: String| {
        let client = client.clone();
        async move { client.get(url).send().await.unwrap().status().as_u16() }
    };
    let png_id = chart_id.as_str();
    let pdf_id = list[1]["id"].as_i64().unwrap().to_string();
    let forged = png_doc.url.replace(&format!("/{png_id}/"), &format!("/{pdf_id}/"));
    assert_eq!(status(forged).await, 403);
    let region =
        png_doc.url.split("/files/presentation/").nth(1).and_then(|r| r.split('/').next()).unwrap().to_string();
    let other = if region == "eu" { "ca" } else { "eu" };
    let elsewhere = png_doc.url.replacen(&format!("/{region}/"), &format!("/{other}/"), 1);
    assert_eq!(status(elsewhere).await, 403, "another region's address");
    app.clock.advance(16 * 60);
    assert_eq!(status(png_doc.url.clone()).await, 410);

    // Deleting the room deletes its files.
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT object_key FROM room_presentations").fetch_all(&app.pool).await.unwrap();
    let folder = std::env::temp_dir().join("quorum-test-files");
    assert!(keys.iter().all(|k| folder.join(k).exists()));
    ann.call("meetings/end", &[("slug", &slug)]).await.ok();
    ann.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.ok();
    assert!(keys.iter().all(|k| !folder.join(k).exists()), "{keys:?}");
}
on_both_databases!(presentations_are_checked_chosen_and_fetched_by_a_signed_address);

/// Uploads at once to a room one short of the most: the room's row is held while each is counted,
/// so exactly one more goes in and the others are refused.
async fn uploads_at_once_stop_at_the_most(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    for n in 0..9 {
        upload(&ann, &slug, &format!("deck-{n}.pdf"), &pdf(2_000)).await.ok();
    }
    let racing = (0..4).map(|n| {
        let (ann, slug) = (&ann, &slug);
        async move { upload(ann, slug, &format!("late-{n}.pdf"), &pdf(200_000)).await }
    });
    let answers = futures::future::join_all(racing).await;
    let kept = answers.iter().filter(|a| a.result.is_ok()).count();
    assert_eq!(kept, 1, "one more, of four at once");
    for refused in answers.iter().filter(|a| a.result.is_err()) {
        assert_eq!(refused.field("file"), "field.presentation.too_many");
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM room_presentations").fetch_one(&app.pool).await.unwrap();
    assert_eq!(stored, 10);
}
on_both_databases!(uploads_at_once_stop_at_the_most);

/// Two portal processes with one bucket on a real S3 server: a file uploaded through one is served
/// by the other to the region; deleting the room removes it from the bucket.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_presentations_in_an_s3_bucket() {
    let s3 = S3Server::start().await;
    let place = s3.bucket("quorum-presentations").await;
    let first = place.clone();
    let app = TestApp::spawn_with(Db::Postgres, move |c| c.files = first).await;
    let fake = with_regions(&app).await;
    let second = TestApp::spawn_on_with(&app.database_url, move |c| c.files = place).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    // Over one part (5 MB): the bucket takes it in parts, and it reads back whole.
    let deck = pdf(7 * 1024 * 1024);
    upload(&ann, &slug, "Deck.pdf", &deck).await.ok();
    let key: String =
        sqlx::query_scalar("SELECT object_key FROM room_presentations").fetch_one(&app.pool).await.unwrap();
    assert!(s3.holds("quorum-presentations", &key).await);

    let ann_there = second.browser();
    ann_there.login("ann@example.coop", PW).await.ok();
    ann_there.call("meetings/start", &[("slug", &slug)]).await.ok();
    let documents = fetched(&fake, 1).await;
    assert!(documents[0].url.starts_with(&second.base), "{}", documents[0].url);
    assert_eq!((documents[0].status, documents[0].size), (200, deck.len()));
    assert_eq!(documents[0].sha256, sha(&deck));

    ann.call("meetings/end", &[("slug", &slug)]).await.ok();
    ann.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.ok();
    assert!(!s3.holds("quorum-presentations", &key).await, "deleted from the bucket");
}

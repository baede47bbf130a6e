//! Named guest links: made by those who manage the room, joining under their name and role without
//! the code or an account, counted, limited, expiring, revocable; the last use taken once across
//! two portal processes.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::database::Db;
use crate::support::{Browser, TestApp, query_of};

const PW: &str = "correct horse battery";

async fn make(who: &Browser, slug: &str, name: &str, role: &str, days: &str, uses: &str) -> String {
    let form = [("slug", slug), ("name", name), ("role", role), ("valid_days", days), ("max_uses", uses)];
    who.call("rooms/guest_link", &form).await.ok().as_str().unwrap().to_string()
}

fn token(link: &str) -> String {
    link.split("guest=").nth(1).unwrap().to_string()
}

async fn a_speaker_link_lets_its_guest_in_until_it_ends(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let eve = app.member("Eve", "eve@example.coop", PW).await;
    let slug = create(&ann, "Lecture").await;
    let others = create(&eve, "Eve's").await;
    let gated = [("viewer_code", "sesame-42"), ("require_sign_in", "on")];
    ann.call("rooms/settings", &settings(&slug, "eu", &gated)).await.ok();
    let bad = [("slug", slug.as_str()), ("name", ""), ("role", "owner"), ("valid_days", "0"), ("max_uses", "-1")];
    let refused = ann.call("rooms/guest_link", &bad).await;
    for field in ["name", "role", "valid_days", "max_uses"] {
        assert!(!refused.field(field).is_empty(), "{field}");
    }
    let link = make(&ann, &slug, "Speaker: Dr. Ada", "moderator", "1", "2").await;
    assert!(link.starts_with(&format!("{}/r/{slug}?guest=", app.base)), "{link}");
    // Nobody else makes, lists or revokes a room's links.
    for (who, status) in [(&app.browser(), 401), (&eve, 403)] {
        assert_eq!(who.call("rooms/guest_links", &[("slug", &slug)]).await.status, status);
        assert_eq!(who.call("rooms/revoke_guest_link", &[("slug", &slug), ("id", "1")]).await.status, status);
    }

    // The room's page names the guest; joining needs no name, code or account.
    let ada = app.browser();
    let page = ada.call("rooms/page", &[("slug", &slug), ("guest", &token(&link))]).await.ok().clone();
    assert_eq!(
        (page["guest_pass"]["name"].as_str(), page["guest_pass"]["moderator"].as_bool()),
        (Some("Speaker: Dr. Ada"), Some(true))
    );
    let html = ada.get(&format!("/r/{slug}?guest={}", token(&link))).await.text().await.unwrap();
    assert!(html.contains("data-testid=\"guest-pass\"") && !html.contains("name=\"access_code\""), "{html}");
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let joined = ada.call("meetings/join", &[("slug", &slug), ("guest", &token(&link)), ("name", "Mallory")]).await;
    let join = query_of(joined.ok().as_str().unwrap());
    assert_eq!((join["fullName"].as_str(), join["role"].as_str()), ("Speaker: Dr. Ada", "MODERATOR"));

    // Not another room's, not a guessed secret; the limit holds; the list tells it all.
    let in_others = app.browser().call("meetings/join", &[("slug", &others), ("guest", &token(&link))]).await;
    assert_eq!(in_others.refusal(), "room.guest_link.invalid");
    let id = token(&link).split('.').next().unwrap().to_string();
    let guessed = app.browser().call("meetings/join", &[("slug", &slug), ("guest", &format!("{id}.guess"))]).await;
    assert_eq!(guessed.refusal(), "room.guest_link.invalid");
    app.browser().call("meetings/join", &[("slug", &slug), ("guest", &token(&link))]).await.ok();
    let third = app.browser().call("meetings/join", &[("slug", &slug), ("guest", &token(&link))]).await;
    assert_eq!(third.refusal(), "room.guest_link.invalid");
    let listed = ann.call("rooms/guest_links", &[("slug", &slug)]).await.ok().clone();
    assert_eq!((listed[0]["uses"].as_i64(), listed[0]["spent"].as_bool()), (Some(2), Some(true)));
    assert!(listed[0]["last_used"].is_string());
    let logged: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM room_guest_link_uses").fetch_one(&app.pool).await.unwrap();
    assert_eq!(logged, 2, "each use is logged, a refused one is not");

    // A day later a link has ended; a revoked one ends at once.
    let day = make(&ann, &slug, "Visitor", "participant", "1", "").await;
    let revoked = make(&ann, &slug, "Press", "participant", "7", "").await;
    let revoked_id: i64 = token(&revoked).split('.').next().unwrap().parse().unwrap();
    ann.call("rooms/revoke_guest_link", &[("slug", &slug), ("id", &revoked_id.to_string())]).await.ok();
    let answer = app.browser().call("meetings/join", &[("slug", &slug), ("guest", &token(&revoked))]).await;
    assert_eq!(answer.refusal(), "room.guest_link.invalid");
    app.clock.advance(86_400);
    let late = app.browser().call("meetings/join", &[("slug", &slug), ("guest", &token(&day))]).await;
    assert_eq!(late.refusal(), "room.guest_link.invalid");
    let spent = app.browser().get(&format!("/r/{slug}?guest={}", token(&day))).await.text().await.unwrap();
    assert!(spent.contains("data-testid=\"guest-link-spent\""), "{spent}");
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM security_events WHERE kind = 'room.guest_link' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        audit,
        [
            "made: Speaker: Dr. Ada (moderator)",
            "made: Visitor (participant)",
            "made: Press (participant)",
            "revoked: Press"
        ]
    );
    let _ = fake;
}
on_both_databases!(a_speaker_link_lets_its_guest_in_until_it_ends);

/// Two portal processes on one PostgreSQL, a crowd on each, one use left: one person gets in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_use_is_taken_once_by_two_processes() {
    let app = TestApp::spawn(Db::Postgres).await;
    with_regions(&app).await;
    let second = TestApp::spawn_on(&app.database_url, app.clock.clone()).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Lecture").await;
    let link = make(&ann, &slug, "Visitor", "participant", "7", "1").await;
    let crowd: Vec<Browser> = (0..20).map(|i| if i % 2 == 0 { app.browser() } else { second.browser() }).collect();
    let token = token(&link);
    let form = [("slug", slug.as_str()), ("guest", token.as_str())];
    let joins = crowd.iter().map(|b| b.call("meetings/join", &form));
    let answers = futures::future::join_all(joins).await;
    let admitted = answers.iter().filter(|a| a.result.is_ok()).count();
    assert_eq!(admitted, 1, "{:?}", answers.iter().map(|a| &a.result).collect::<Vec<_>>());
    let uses: i64 = sqlx::query_scalar("SELECT uses FROM room_guest_links").fetch_one(&app.pool).await.unwrap();
    assert_eq!(uses, 1);
}

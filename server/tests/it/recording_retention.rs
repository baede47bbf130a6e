//! Retention, with the clock: a tier keeps recordings for 90 days; their owner is mailed once a
//! week with what goes within two weeks, nothing goes sooner than a week after that mail, every
//! deletion happens on the region and is in the security log, and a recording kept by a member
//! whose tier allows it stays.
use crate::membership::give;
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use app::recordings::service::retention::{DAY, NOTICE};

const PW: &str = "correct horse battery";

async fn told(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'recordings_expiring' AND recipient = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn signed_in(b: &Browser, email: &str) {
    b.call("accounts/login", &[("email", email), ("password", PW)]).await.ok();
}

async fn old_recordings_are_told_of_then_deleted_unless_kept(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let root = app.admin("root@example.coop").await;
    let tier = |name: &'static str, monthly: &'static str, days: &'static str, keep: bool| {
        let mut form = vec![("name", name), ("monthly", monthly), ("currency", "EUR"), ("recording", "on")];
        form.push(("retention_days", days));
        if keep {
            form.push(("keep_recordings", "on"));
        }
        form
    };
    let zero = root.call("membership/tier", &tier("Zero", "5", "0", false)).await;
    assert_eq!(zero.field("retention_days"), "tier.retention_days.zero");
    root.call("membership/tier", &tier("Free", "0", "90", false)).await.ok();
    root.call("membership/tier", &tier("Keeper", "10", "90", true)).await.ok();
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    give(&app, &root, "bob@example.coop", "10", "EUR", "monthly").await;
    let (assembly, board) = (create(&ann, "Assembly").await, create(&bob, "Board").await);
    let (ann_meeting, bob_meeting) = (app.meeting_id(&assembly).await, app.meeting_id(&board).await);
    let now = app.clock.now().secs();
    let mut ids = Vec::new();
    for (meeting, name, age) in [
        (&ann_meeting, "Old", 100),
        (&ann_meeting, "Soon", 80),
        (&ann_meeting, "Recent", 10),
        (&bob_meeting, "Bobs", 100),
    ] {
        let id = fake.add_recording(meeting, name);
        let mut state = fake.state();
        let r = state.recordings.iter_mut().find(|r| r.record_id == id).unwrap();
        r.start_time = (now - age * DAY) * 1000;
        ids.push(id);
    }
    let [old, soon, recent, bobs] = [&ids[0], &ids[1], &ids[2], &ids[3]];
    assert_eq!(app.run_job("recording_index").await, Some(2));
    let exists = |id: &str| fake.state().recordings.iter().any(|r| r.record_id == id);

    // Bob's tier lets him keep his; Ann's does not, and she is told why.
    bob.call("recordings/keep", &[("slug", &board), ("record_id", bobs), ("keep", "true")]).await.ok();
    let refused = ann.call("recordings/keep", &[("slug", &assembly), ("record_id", old), ("keep", "true")]).await;
    assert_eq!(refused.refusal(), "recording.retention.keep_not_allowed");

    // The first run tells Ann what goes within two weeks, deletes nothing, and tells Bob nothing.
    assert_eq!(app.run_job("recording_retention").await, Some(0));
    assert_eq!((told(&app, "ann@example.coop").await, told(&app, "bob@example.coop").await), (1, 0));
    let mail = app.sink.wait_for("ann@example.coop", 2).await.decoded();
    assert!(mail.contains("Old") && mail.contains("Soon") && !mail.contains("Recent"), "{mail}");
    assert!(mail.contains(&format!("/r/{assembly}/recordings/{old}")) && mail.contains("Deleting is final"), "{mail}");
    let page = ann.get_html(&format!("/r/{assembly}/recordings/{old}")).await.text().await.unwrap();
    assert!(page.contains("data-testid=\"retention\"") && page.contains("will be deleted on"), "{page}");
    assert!(!page.contains("Keep this recording"), "no way to keep it on her tier");
    let page = bob.get_html(&format!("/r/{board}/recordings/{bobs}")).await.text().await.unwrap();
    assert!(page.contains("Kept:") && page.contains("Stop keeping it"), "{page}");

    // Again the same day: no second mail, and nothing goes before a week has passed.
    assert_eq!(app.run_job("recording_retention").await, Some(0));
    assert_eq!(told(&app, "ann@example.coop").await, 1);
    assert!(exists(old));

    // A week on: Old (past 90 days, told a week ago) goes; Soon is 87 days old and stays.
    app.clock.advance(NOTICE + 1);
    assert_eq!(app.run_job("recording_retention").await, Some(1));
    assert!(!exists(old) && exists(soon) && exists(recent) && exists(bobs));
    assert_eq!(told(&app, "ann@example.coop").await, 1, "nothing new to tell");
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'recording.expired'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 1);
    app.clock.advance(3 * DAY);
    assert_eq!(app.run_job("recording_retention").await, Some(1));
    assert!(!exists(soon) && exists(recent));

    // Bob lets his go: he is told at the next run, and it goes a week after.
    signed_in(&bob, "bob@example.coop").await;
    bob.call("recordings/keep", &[("slug", &board), ("record_id", bobs), ("keep", "false")]).await.ok();
    assert_eq!(app.run_job("recording_retention").await, Some(0));
    assert_eq!(told(&app, "bob@example.coop").await, 1);
    assert!(exists(bobs));
    app.clock.advance(NOTICE + 1);
    assert_eq!(app.run_job("recording_retention").await, Some(1));
    assert!(!exists(bobs));
}
on_both_databases!(old_recordings_are_told_of_then_deleted_unless_kept);

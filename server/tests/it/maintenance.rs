//! Planned maintenance (issue 38): a window on a region shows on the status page and, two days
//! ahead, on every page; bookings in it are refused with the reason (another region or time is
//! fine); the organiser of a booking already in it is mailed once, whichever process's job runs.
use crate::on_both_databases;
use crate::schedule::{book, day, id_of, world};
use crate::support::TestApp;
use crate::support::database::Db;

async fn a_maintenance_window_warns_refuses_and_mails_once(db: Db) {
    let w = world(db).await;
    let app = &w.app;
    let date = day(app, 3);
    let booked = id_of(&book(&w.ann, &w.room, &date, "10:00", "60", "10", &[]).await);
    let (from, until) = (format!("{date}T09:00"), format!("{date}T12:00"));

    // Each field's error next to it; nothing planned.
    let wrong = [("region", "zz"), ("starts", until.as_str()), ("ends", from.as_str())];
    let refused = w.admin.call("regions/maintenance_save", &wrong).await;
    assert_eq!(refused.field("region"), "field.region.unknown");
    assert_eq!(refused.field("ends"), "field.ends.before");
    assert_eq!(w.admin.call("regions/maintenance", &[]).await.ok(), &serde_json::json!([]));

    let form = [("region", "eu"), ("starts", from.as_str()), ("ends", until.as_str()), ("note", "New servers")];
    w.admin.call("regions/maintenance_save", &form).await.ok();

    // The status page lists it; the banner waits until two days ahead.
    let visitor = app.browser();
    let status = visitor.get_html("/status?m=1").await.text().await.unwrap();
    assert!(status.contains(r#"data-testid="planned-maintenance""#) && status.contains("New servers"), "{status}");
    let page = visitor.get_html("/?m=1").await.text().await.unwrap();
    assert!(!page.contains("maintenance-banner"), "three days ahead: not yet");

    // The organiser is mailed once, with a link to the booking; a second run, or another
    // process's, mails nobody again.
    let before = app.sink.count_to("ann@example.coop");
    assert_eq!(app.run_job("maintenance_notices").await, Some(1));
    assert_eq!(app.run_job("maintenance_notices").await, Some(0));
    let other = TestApp::spawn_beside(app).await;
    app.clock.advance(60); // past the first process's lease on the job
    assert_eq!(other.run_job("maintenance_notices").await, Some(0));
    let mail = app.sink.wait_for("ann@example.coop", before + 1).await.decoded();
    assert!(mail.contains("Subject: Planned maintenance during your meeting"), "{mail}");
    assert!(mail.contains(&format!("/schedule/{booked}")), "{mail}");
    assert!(mail.contains("from 09:00") || mail.contains("09:00"), "{mail}");
    let mailed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM maintenance_notices").fetch_one(&app.pool).await.unwrap();
    assert_eq!(mailed, 1);

    // A booking in the window is refused with when; another region, or another time, is fine.
    let refused = book(&w.ann, &w.room, &date, "11:30", "60", "5", &[]).await;
    assert_eq!(refused.field("date"), "booking.maintenance");
    let msg = refused.err().field_errors().and_then(|f| f.get("date")).cloned().unwrap();
    assert_eq!(msg.text("region"), Some("eu"), "the region's name");
    assert!(msg.text("from").is_some_and(|f| f.contains("09:00")), "{msg:?}");
    book(&w.ann, &w.room, &date, "11:30", "60", "5", &[("region", "ca")]).await.ok();
    book(&w.ann, &w.room, &date, "12:00", "60", "5", &[]).await.ok();

    // Two days ahead, every page warns of it, to everyone.
    app.clock.advance(36 * 3600);
    let page = visitor.get_html("/?m=2").await.text().await.unwrap();
    assert!(page.contains(r#"data-testid="maintenance-banner""#) && page.contains("role=\"alert\""), "{page}");

    // Called off: the window is gone and the time can be booked.
    w.sign_in_again().await;
    let id = w.admin.call("regions/maintenance", &[]).await.ok()[0]["id"].as_i64().unwrap().to_string();
    w.admin.call("regions/maintenance_delete", &[("id", id.as_str())]).await.ok();
    book(&w.ann, &w.room, &date, "11:00", "30", "5", &[]).await.ok();
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'region.maintenance'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 2, "planned, removed");
}
on_both_databases!(a_maintenance_window_warns_refuses_and_mails_once);

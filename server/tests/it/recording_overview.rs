//! The admins' overview of every recording: read from the index the `recording_index` job keeps
//! (and every list a room's page fetches), never from every region on each view; sorted, filtered,
//! summed per region and member; a recording deleted from it is gone from its region and logged.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use serde_json::Value;
use server::fake_bbb::Mode;

const PW: &str = "correct horse battery";

fn names(overview: &Value) -> Vec<&str> {
    overview["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect()
}

async fn admins_see_every_recording_from_the_index(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let root = app.admin("root@example.coop").await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let (assembly, board) = (create(&ann, "Assembly").await, create(&bob, "Board").await);
    let (ann_meeting, bob_meeting) = (app.meeting_id(&assembly).await, app.meeting_id(&board).await);
    let spring = fake.add_recording(&ann_meeting, "Spring");
    fake.add_recording(&ann_meeting, "Summer");
    fake.add_recording(&bob_meeting, "Minutes");
    for (n, r) in fake.state().recordings.iter_mut().enumerate() {
        r.start_time = 1_780_000_000_000 + 86_400_000 * n as i64;
    }
    let overview = |args: &'static [(&'static str, &'static str)]| {
        let root = &root;
        async move {
            let mut all = vec![("query", ""), ("region", ""), ("sort", "")];
            for (k, v) in args {
                all.retain(|(key, _)| key != k);
                all.push((k, v));
            }
            root.call("admin/recordings", &all).await.ok().clone()
        }
    };

    // Nothing is indexed until the job (or a room's page) reads the regions.
    assert_eq!(overview(&[]).await["all"]["count"], 0);
    let calls = fake.count("getRecordings");
    assert_eq!(app.run_job("recording_index").await, Some(2), "both rooms read");
    assert_eq!(fake.count("getRecordings") - calls, 1, "one call for the region's two rooms");
    let all = overview(&[]).await;
    assert_eq!(names(&all), ["Minutes", "Summer", "Spring"], "newest first");
    let size = all["rows"][0]["size"].as_u64().expect("the region says each size");
    assert_eq!(all["all"]["count"], 3);
    assert_eq!(all["all"]["size"].as_u64(), Some(3 * size));
    assert_eq!(all["rows"][0]["owner_name"], "Bob");
    let region: String = sqlx::query_scalar("SELECT region_code FROM rooms WHERE slug = $1")
        .bind(&board)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(all["rows"][0]["region"], region.as_str());
    assert_eq!(all["per_region"][0]["label"], region.as_str());
    assert_eq!(all["per_region"][0]["count"], 3);
    assert_eq!(all["per_member"][0]["label"], "Ann <ann@example.coop>");
    assert_eq!(all["per_member"][0]["count"], 2);

    // Filters and orders.
    assert_eq!(names(&overview(&[("sort", "oldest")]).await), ["Spring", "Summer", "Minutes"]);
    assert_eq!(names(&overview(&[("sort", "owner")]).await)[0], "Summer", "Ann before Bob");
    let bobs = overview(&[("query", "bob@")]).await;
    assert_eq!((names(&bobs), &bobs["all"]["count"]), (vec!["Minutes"], &Value::from(1)));
    assert_eq!(overview(&[("query", "ASSEMBLY")]).await["all"]["count"], 2, "a room's name, any case");
    let other = if region == "eu" { "ca" } else { "eu" };
    let (mine, theirs) = ([("region", region.as_str()), ("query", "sum")], [("region", other)]);
    let call = |args: &[(&str, &str)]| {
        let mut all = vec![("query", ""), ("sort", "")];
        all.retain(|(k, _)| !args.iter().any(|(a, _)| a == k));
        all.extend_from_slice(args);
        all.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()
    };
    for (args, count) in [(call(&mine), 1), (call(&theirs), 0)] {
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(root.call("admin/recordings", &args).await.ok()["all"]["count"], count, "{args:?}");
    }
    assert_eq!(ann.call("admin/recordings", &[("query", ""), ("region", ""), ("sort", "")]).await.status, 403);

    // The job reads only what is due: nothing now; a changed room at its next run; all after hours.
    assert_eq!(app.run_job("recording_index").await, Some(0));
    ann.call("recordings/rename", &[("slug", &assembly), ("record_id", &spring), ("name", "Spring AGM")]).await.ok();
    assert_eq!(app.run_job("recording_index").await, Some(1));
    assert!(names(&overview(&[]).await).contains(&"Spring AGM"));
    app.clock.advance(app::recordings::service::index::STALE + 1);
    assert_eq!(app.run_job("recording_index").await, Some(2));
    // Hours passed: the sessions ended.
    root.call("accounts/login", &[("email", "root@example.coop"), ("password", "admin password 1")]).await.ok();
    bob.call("accounts/login", &[("email", "bob@example.coop"), ("password", PW)]).await.ok();

    // What a room's page fetches from its region is indexed too, without waiting for the job.
    fake.add_recording(&bob_meeting, "Extra");
    bob.call("recordings/list", &[("slug", &board)]).await.ok();
    assert!(names(&overview(&[]).await).contains(&"Extra"));

    // Deleting asks for a confirmation, then removes it on the region and logs it.
    let refused = root.call("admin/recording_delete", &[("record_id", &spring)]).await;
    assert_eq!(refused.field("confirm"), "field.confirm.required");
    assert!(fake.state().recordings.iter().any(|r| r.record_id == spring), "nothing deleted unconfirmed");
    root.call("admin/recording_delete", &[("record_id", &spring), ("confirm", "on")]).await.ok();
    assert!(!fake.state().recordings.iter().any(|r| r.record_id == spring), "gone from the region");
    assert!(!names(&overview(&[]).await).contains(&"Spring AGM"));
    let logged = root.call("admin/security_log", &[("kind", "recording.deleted"), ("query", ""), ("page", "0")]).await;
    let logged = logged.ok().clone();
    assert!(logged[0]["detail"].as_str().unwrap().contains(&spring), "{logged}");
    assert_eq!(root.call("admin/recording_delete", &[("record_id", &spring), ("confirm", "on")]).await.status, 404);
}
on_both_databases!(admins_see_every_recording_from_the_index);

/// A region that does not answer keeps its rooms' rows as they were, and is asked again later.
async fn a_region_down_keeps_its_rows(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let root = app.admin("root@example.coop").await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    fake.add_recording(&app.meeting_id(&slug).await, "Spring");
    assert_eq!(app.run_job("recording_index").await, Some(1));
    fake.set_mode(Mode::Down);
    app.clock.advance(app::recordings::service::index::STALE + 1);
    assert_eq!(app.run_job("recording_index").await, Some(0));
    root.call("accounts/login", &[("email", "root@example.coop"), ("password", "admin password 1")]).await.ok();
    let kept = root.call("admin/recordings", &[("query", ""), ("region", ""), ("sort", "")]).await.ok().clone();
    assert_eq!(names(&kept), ["Spring"]);
    fake.set_mode(Mode::Up);
    assert_eq!(app.run_job("recording_index").await, Some(1), "asked again at the next run");
}
on_both_databases!(a_region_down_keeps_its_rows);

/// By owner or by room, the pages follow one another: each owner's (or room's) recordings newest
/// first, the next page going on inside the one the last page ended in, with or without a filter.
async fn pages_by_owner_and_room_follow_one_another(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let root = app.admin("root@example.coop").await;
    let mut expected_by_owner = Vec::new();
    let mut rooms = Vec::new();
    for (owner, room, letter, count) in [("Ann", "Zoo", 'A', 30), ("Bob", "Apple", 'B', 25), ("Cy", "Mid", 'C', 5)] {
        let member = app.member(owner, &format!("{}@example.coop", owner.to_lowercase()), PW).await;
        let slug = create(&member, room).await;
        let meeting = app.meeting_id(&slug).await;
        let names: Vec<String> = (0..count).map(|n| format!("{letter}{n:02}")).collect();
        for name in &names {
            fake.add_recording(&meeting, name);
        }
        expected_by_owner.extend(names.into_iter().rev());
        rooms.push(slug);
    }
    for r in fake.state().recordings.iter_mut() {
        r.start_time = 1_780_000_000_000 + 60_000 * i64::from(r.name[1..].parse::<u16>().unwrap());
    }
    assert_eq!(app.run_job("recording_index").await, Some(3));
    let region: String = sqlx::query_scalar("SELECT region_code FROM rooms WHERE slug = $1")
        .bind(&rooms[0])
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // Bob's room "Apple" comes first by room, then Cy's "Mid", then Ann's "Zoo".
    let expected_by_room: Vec<String> = expected_by_owner[30..55]
        .iter()
        .chain(&expected_by_owner[55..])
        .chain(&expected_by_owner[..30])
        .cloned()
        .collect();
    for (sort, expected) in [("owner", &expected_by_owner), ("room", &expected_by_room)] {
        for region in ["", region.as_str()] {
            let mut seen = Vec::new();
            for page in ["1", "2"] {
                let args = [("query", ""), ("region", region), ("sort", sort), ("page", page)];
                let overview = root.call("admin/recordings", &args).await.ok().clone();
                assert_eq!(overview["pages"], 2);
                seen.extend(names(&overview).into_iter().map(String::from));
            }
            assert_eq!(&seen, expected, "by {sort}, region {region:?}");
        }
    }
}
on_both_databases!(pages_by_owner_and_room_follow_one_another);

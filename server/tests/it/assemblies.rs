//! Assemblies: who may join as what; attendance intervals from the portal's join, BBB's attendee
//! list and the meeting's end; the quorum reached and lost; the count said to be old when the
//! region does not answer; the snapshot of who was entitled when the meeting opened.
use crate::on_both_databases;
use crate::rooms::SECRET;
use crate::schedule::{PW, book, day, id_of, starts_at, world};
use crate::support::database::Db;
use crate::support::{Browser, TestApp, query_of};
use serde_json::Value;
use server::fake_bbb::{FakePoll, Mode};

/// Joins the assembly and arrives in BBB by the address given; the address.
async fn join(b: &Browser, id: &str) -> String {
    let url = b.call("assemblies/join", &[("id", id), ("attendance_consent", "on")]).await.ok().clone();
    let url = url.as_str().expect("the meeting's address").to_string();
    reqwest::get(&url).await.unwrap().error_for_status().unwrap();
    url
}

async fn quorum(chair: &Browser, id: &str) -> Value {
    chair.call("assemblies/quorum", &[("id", id)]).await.ok().clone()
}

async fn ends_inside_bbb(app: &TestApp, meeting_id: &str) {
    let api: String =
        sqlx::query_scalar("SELECT api_url FROM regions WHERE code = 'eu'").fetch_one(&app.pool).await.unwrap();
    let region = app::bbb::client::Endpoint::new(&api, SECRET, app::bbb::Algorithm::Sha256);
    let client = app::bbb::client::Client::new(std::time::Duration::from_secs(2), std::time::Duration::from_secs(2));
    client.unwrap().end(&region, meeting_id).await.unwrap();
    for _ in 0..100 {
        let running: i64 = sqlx::query_scalar("SELECT running FROM rooms WHERE meeting_id = $1")
            .bind(meeting_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        if running == 0 {
            return;
        }
        // Real time: the fake calls the end callback over HTTP.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the end callback did not mark the room stopped");
}

async fn an_assembly_counts_its_quorum_from_who_is_present(db: Db) {
    let w = world(db).await;
    let (app, fake) = (&w.app, &w.fake);
    let mut people = Vec::new();
    for name in ["Bob", "Cy", "Dee"] {
        people.push(app.member(name, &format!("{}@example.coop", name.to_lowercase()), PW).await);
    }
    let booking = id_of(&book(&w.ann, &w.room, &day(app, 1), "10:00", "60", "10", &[]).await);
    let id = booking.as_str();
    let mut rules = vec![
        ("booking", id),
        ("voters", "active"),
        ("observers", "on"),
        ("quorum", "0%"),
        ("notice_days", "14"),
        ("keep_days", "365"),
    ];

    // Only admins make one; the form says what is wrong next to its field.
    assert_eq!(w.ann.call("assemblies/save", &rules).await.status, 403);
    assert_eq!(w.admin.call("assemblies/save", &rules).await.field("quorum"), "field.quorum.invalid");
    rules.retain(|(k, _)| *k != "quorum");
    rules.push(("quorum", "3"));
    w.admin.call("assemblies/save", &rules).await.ok();
    let bob = &people[0];
    let refused = bob.call("assemblies/join", &[("id", id), ("attendance_consent", "on")]).await;
    assert_eq!(refused.refusal(), "assembly.not_open", "not before ten minutes ahead");

    app.clock.advance(starts_at(app, &booking).await - app.clock.now().secs());
    w.sign_in_again().await;
    for (b, name) in people.iter().zip(["bob", "cy", "dee"]) {
        b.login(&format!("{name}@example.coop"), PW).await.ok();
    }
    let (bob, cy, dee) = (&people[0], &people[1], &people[2]);

    // Consent to the record first; then a voting member joins under their account's name.
    assert_eq!(
        bob.call("assemblies/join", &[("id", id)]).await.field("attendance_consent"),
        "field.attendance_consent.required"
    );
    let bob_id = app.user_id("bob@example.coop").await;
    let joined = query_of(&join(bob, id).await);
    assert_eq!((joined["fullName"].as_str(), joined["role"].as_str()), ("Bob", "VIEWER"));
    assert_eq!(joined["userID"], format!("quorum-{bob_id}"));
    join(cy, id).await;
    let now = quorum(&w.ann, id).await;
    assert_eq!(
        (&now["entitled"], &now["needed"], &now["present"], &now["reached"]),
        (&5.into(), &3.into(), &2.into(), &false.into())
    );

    // A guest is an observer, under the name they give, and does not count.
    let guest = app.browser();
    let url = guest.call("assemblies/join", &[("id", id), ("name", "Visitor"), ("attendance_consent", "on")]).await;
    let url = url.ok().as_str().unwrap().to_string();
    reqwest::get(&url).await.unwrap();
    let observer = query_of(&url);
    assert_eq!(observer["fullName"], "Visitor (observer)");
    assert!(observer["userID"].starts_with("guest-"), "{observer:?}");
    assert_eq!(quorum(&w.ann, id).await["present"], 2);

    // Dee makes three: the quorum is reached. Only the chair reads it.
    join(dee, id).await;
    let now = quorum(&w.ann, id).await;
    assert_eq!((&now["present"], &now["reached"]), (&3.into(), &true.into()));
    assert_eq!(now["changes"].as_array().unwrap().len(), 1);
    assert_eq!(bob.call("assemblies/quorum", &[("id", id)]).await.status, 403);
    assert_eq!(quorum(&w.admin, id).await["present"], 3, "admins chair too");

    // BBB's list says Dee left: at the next read the quorum is lost; she comes back through the
    // portal, one attendee with two intervals.
    let meeting = app.meeting_id(&w.room).await;
    let dee_id = app.user_id("dee@example.coop").await;
    assert!(fake.leave(&meeting, &format!("quorum-{dee_id}")));
    app.clock.advance(100);
    assert_eq!(app.run_job("assembly_attendance").await, Some(1));
    let now = quorum(&w.ann, id).await;
    assert_eq!((&now["present"], &now["reached"]), (&2.into(), &false.into()));
    let changes: Vec<bool> =
        now["changes"].as_array().unwrap().iter().map(|c| c["reached"].as_bool().unwrap()).collect();
    assert_eq!(changes, [true, false]);
    join(dee, id).await;
    assert_eq!(quorum(&w.ann, id).await["reached"], true);
    assert_eq!(app.run_job("assembly_attendance").await, Some(1));
    assert_eq!(quorum(&w.ann, id).await["live"], true);
    // Once BBB listed someone, missing from its list means gone: at once, not after the wait for
    // someone still on their way from the join.
    let cy_id = app.user_id("cy@example.coop").await;
    assert!(fake.leave(&meeting, &format!("quorum-{cy_id}")));
    app.clock.advance(5);
    assert_eq!(app.run_job("assembly_attendance").await, Some(1));
    assert_eq!(quorum(&w.ann, id).await["present"], 2);

    // A region that does not answer: the chair is told how old the count is.
    fake.set_mode(Mode::Down);
    app.clock.advance(app::assemblies::service::quorum::LIVE + 1);
    assert_eq!(app.run_job("assembly_attendance").await, Some(0));
    let stale = quorum(&w.ann, id).await;
    assert_eq!(stale["live"], false);
    assert!(stale["as_of"].is_string(), "{stale}");
    fake.set_mode(Mode::Up);

    // A poll in the meeting: the meeting was created to send its analytics to the portal.
    let created = fake.meeting(&meeting).unwrap();
    let analytics = created.params.get("meta_analytics-callback-url").expect("an analytics address").clone();
    let votes = [(bob_id, "Yes"), (cy_id, "Yes"), (dee_id, "No")];
    let poll = FakePoll {
        question: "Adopt the budget?".into(),
        options: vec!["Yes".into(), "No".into(), "Abstain".into()],
        votes: votes.iter().map(|(who, answer)| (format!("quorum-{who}"), answer.to_string())).collect(),
        at: 0,
    };
    fake.hold_poll(&meeting, poll);
    // Only the region's signature opens the address.
    let forged = analytics.replace("sig=", "sig=00");
    let answer = reqwest::Client::new().post(&forged).body("{}").send().await.unwrap();
    assert_eq!(answer.status(), 401);

    // The meeting ends: its end callback closes every interval at once, with no job run, and
    // the record holds who was there.
    app.clock.advance(30);
    ends_inside_bbb(app, &meeting).await;
    let ended_at = app.clock.now().secs();
    let mut open = -1_i64;
    for _ in 0..100 {
        open = sqlx::query_scalar("SELECT COUNT(*) FROM assembly_presence WHERE to_at IS NULL")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        if open == 0 {
            break;
        }
        // Real time: the callback is on its way over HTTP.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(open, 0, "the end callback closes every interval");
    let closed_at: i64 =
        sqlx::query_scalar("SELECT MAX(to_at) FROM assembly_presence").fetch_one(&app.pool).await.unwrap();
    assert_eq!(closed_at, ended_at, "closed at the end, not at a later read");
    let record: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT a.name, a.voting, COUNT(*) FROM assembly_attendees a JOIN assembly_presence p ON p.attendee_id = a.id
         GROUP BY a.name, a.voting ORDER BY a.name",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let expected = [("Bob", 1, 1), ("Cy", 1, 1), ("Dee", 1, 2), ("Visitor (observer)", 0, 1)];
    assert_eq!(record, expected.map(|(n, v, c)| (n.to_string(), v, c)));

    // The minutes: voting members first, with their intervals; the observer; the quorum's timeline.
    let minutes = w.ann.call("assemblies/minutes", &[("id", id)]).await.ok().clone();
    let names: Vec<&str> =
        minutes["attendees"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Bob", "Cy", "Dee", "Visitor (observer)"]);
    assert_eq!(minutes["attendees"][2]["present"].as_array().unwrap().len(), 2, "Dee's two intervals");
    assert!(minutes["attendees"][0]["member_since"].is_string() && minutes["attendees"][3]["member_since"].is_null());
    assert_eq!(bob.call("assemblies/minutes", &[("id", id)]).await.status, 403);
    // The analytics came after the end: the poll's votes counted per answer, in its order.
    let mut polls = minutes["polls"].clone();
    for _ in 0..100 {
        if polls.as_array().is_some_and(|p| !p.is_empty()) {
            break;
        }
        // Real time: the fake posts the analytics over HTTP.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        polls = w.ann.call("assemblies/minutes", &[("id", id)]).await.ok()["polls"].clone();
    }
    assert_eq!(polls[0]["question"], "Adopt the budget?");
    assert_eq!(polls[0]["results"], serde_json::json!([["Yes", 2], ["No", 1], ["Abstain", 0]]));
    // The same analytics again keep what came first.
    let poll_id = format!("{}/1", created.internal_id);
    let again = serde_json::json!({"data": {"polls": [{"id": poll_id, "question": "Changed?", "options": ["Yes"]}]}});
    let answer = reqwest::Client::new().post(&analytics).json(&again).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    let kept = w.ann.call("assemblies/minutes", &[("id", id)]).await.ok()["polls"].clone();
    assert_eq!((kept.as_array().unwrap().len(), &kept[0]["question"]), (1, &"Adopt the budget?".into()));
    let unreadable = reqwest::Client::new().post(&analytics).body("not json").send().await.unwrap();
    assert_eq!(unreadable.status(), 400);
    let csv = w.ann.get(&format!("/api/assemblies/minutes.csv?id={id}")).await.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("name,role,member_since,from,to"));
    assert_eq!(lines.count(), 5, "{csv}");
    assert!(csv.contains("Visitor (observer),observer,,"), "{csv}");

    // After the period the record is deleted; the rules stay.
    assert_eq!(app.run_job("assembly_records").await, Some(0));
    app.clock.advance(366 * 86_400);
    assert_eq!(app.run_job("assembly_records").await, Some(1));
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assembly_attendees").fetch_one(&app.pool).await.unwrap();
    assert_eq!(left, 0);
    assert!(app::assemblies::service::store::get(&app.state, booking.parse().unwrap()).await.unwrap().is_some());
    // Long after the end, the analytics address takes nothing more.
    let late = serde_json::json!({"data": {"polls": [{"id": "late", "options": ["Yes"], "votes": {"a": "Yes"}}]}});
    let answer = reqwest::Client::new().post(&analytics).json(&late).send().await.unwrap();
    assert_eq!(answer.status(), 401);
}
on_both_databases!(an_assembly_counts_its_quorum_from_who_is_present);

/// Who votes is counted when the meeting opens: a member who lapses later still votes, one who
/// joins the co-op later observes; without observers, the others are refused.
async fn who_votes_is_fixed_when_the_meeting_opens(db: Db) {
    let w = world(db).await;
    let app = &w.app;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let booking = id_of(&book(&w.ann, &w.room, &day(app, 1), "10:00", "60", "10", &[]).await);
    let id = booking.as_str();
    let rules = [("booking", id), ("voters", "active"), ("quorum", "50%"), ("notice_days", "0"), ("keep_days", "30")];
    w.admin.call("assemblies/save", &rules).await.ok();
    app.clock.advance(starts_at(app, &booking).await - app.clock.now().secs());
    w.sign_in_again().await;
    bob.login("bob@example.coop", PW).await.ok();
    join(&bob, id).await;
    let opened = quorum(&w.ann, id).await;
    // Admin, Ann and Bob were active: half of three, rounded up.
    assert_eq!((&opened["entitled"], &opened["needed"]), (&3.into(), &2.into()));
    let late = app.member("Late", "late@example.coop", PW).await;
    let page = late.call("assemblies/one", &[("id", id)]).await.ok().clone();
    assert_eq!(page["part"], "None", "not entitled at the opening, and no observers");
    let refused = late.call("assemblies/join", &[("id", id), ("attendance_consent", "on")]).await;
    assert_eq!(refused.refusal(), "assembly.not_for_you");
    // Nor through the room's own join while the meeting is open: only its managers come in there.
    let around = late.call("meetings/join", &[("slug", &w.room)]).await;
    assert_eq!(around.refusal(), "meeting.members_meeting");
    w.ann.call("meetings/start", &[("slug", &w.room)]).await.ok();
    assert_eq!(app.browser().call("assemblies/one", &[("id", id)]).await.ok()["part"], "None");
    assert_eq!(bob.call("assemblies/one", &[("id", id)]).await.ok()["part"], "Voter");

    // The organiser ends the meeting from the room's page: Bob's interval closes then, not at a
    // later read.
    app.clock.advance(60);
    w.ann.call("meetings/end", &[("slug", &w.room)]).await.ok();
    let open: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT to_at FROM assembly_presence").fetch_all(&app.pool).await.unwrap();
    assert_eq!(open, [Some(app.clock.now().secs())]);
}
on_both_databases!(who_votes_is_fixed_when_the_meeting_opens);

/// Two portal processes record each join and leave once: members join through both at the same
/// moment, and both read BBB's list at once; one attendee each, one interval, each change of the
/// quorum once.
async fn two_processes_record_each_join_and_leave_once(db: Db) {
    let w = world(db).await;
    let (app, fake) = (&w.app, &w.fake);
    let second = TestApp::spawn_beside(app).await;
    let booking = id_of(&book(&w.ann, &w.room, &day(app, 1), "10:00", "60", "10", &[]).await);
    let id = booking.as_str();
    let rules = [("booking", id), ("voters", "active"), ("quorum", "2"), ("notice_days", "0"), ("keep_days", "30")];
    w.admin.call("assemblies/save", &rules).await.ok();
    for name in ["bob", "cy"] {
        app.member(name, &format!("{name}@example.coop"), PW).await;
    }
    app.clock.advance(starts_at(app, &booking).await - app.clock.now().secs());
    w.sign_in_again().await;
    let mut here_and_there = Vec::new();
    for name in ["bob", "cy"] {
        for process in [app, &second] {
            let b = process.browser();
            b.login(&format!("{name}@example.coop"), PW).await.ok();
            here_and_there.push(b);
        }
    }
    let [bob, bob_there, cy, cy_there] = &here_and_there[..] else { unreachable!() };
    tokio::join!(join(bob, id), join(bob_there, id), join(cy, id), join(cy_there, id));
    let count = |sql: &'static str| async move {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap();
        n
    };
    assert_eq!(count("SELECT COUNT(*) FROM assembly_attendees").await, 2);
    assert_eq!(count("SELECT COUNT(*) FROM assembly_presence").await, 2, "one interval each");
    assert_eq!(count("SELECT COUNT(*) FROM assembly_quorum").await, 1, "reached once");

    // Bob leaves BBB (from both tabs); both processes read the list at once.
    let meeting = app.meeting_id(&w.room).await;
    let bob_id = app.user_id("bob@example.coop").await;
    while fake.leave(&meeting, &format!("quorum-{bob_id}")) {}
    app.clock.advance(100);
    let (a, b) = tokio::join!(app::assemblies::service::attendance::poll(&app.state), async {
        app::assemblies::service::attendance::poll(&second.state).await
    });
    assert_eq!((a.unwrap(), b.unwrap()), (1, 1));
    assert_eq!(count("SELECT COUNT(*) FROM assembly_presence WHERE to_at IS NOT NULL").await, 1, "Bob left once");
    assert_eq!(count("SELECT COUNT(*) FROM assembly_quorum").await, 2, "lost once");
    assert_eq!(quorum(&w.ann, id).await["present"], 1);
}
on_both_databases!(two_processes_record_each_join_and_leave_once);

/// The members entitled to vote are told once, the notice's days ahead, with the calendar file;
/// one who becomes a member later is told at the next run; everyone is reminded the day before.
async fn voting_members_are_told_once_and_reminded(db: Db) {
    let w = world(db).await;
    let app = &w.app;
    app.member("Bob", "bob@example.coop", PW).await;
    let booking = id_of(&book(&w.ann, &w.room, &day(app, 10), "10:00", "60", "10", &[]).await);
    let id = booking.as_str();
    let rules = [("booking", id), ("voters", "active"), ("quorum", "2"), ("notice_days", "7"), ("keep_days", "30")];
    w.admin.call("assemblies/save", &rules).await.ok();
    let queued = |kind: &'static str| async move {
        let to: Vec<String> =
            sqlx::query_scalar("SELECT recipient FROM mail_outbox WHERE kind = $1 ORDER BY recipient")
                .bind(kind)
                .fetch_all(&app.pool)
                .await
                .unwrap();
        to
    };
    assert_eq!(app.run_job("assembly_notice").await, Some(0), "ten days ahead: not yet");
    // An hour inside the notice period, whatever the time of day the test runs at.
    app.clock.advance(starts_at(app, &booking).await - 7 * 86_400 + 3600 - app.clock.now().secs());
    assert_eq!(app.run_job("assembly_notice").await, Some(3));
    assert_eq!(queued("assembly_notice").await, ["admin@example.coop", "ann@example.coop", "bob@example.coop"]);
    let mail = app.sink.wait_for("bob@example.coop", 2).await.decoded();
    assert!(mail.contains("assembly.ics") && mail.contains("text/calendar"), "{mail}");
    assert!(mail.contains(&format!("/assemblies/{id}")), "{mail}");
    assert_eq!(app.run_job("assembly_notice").await, Some(0), "once");
    app.member("Late", "late@example.coop", PW).await;
    assert_eq!(app.run_job("assembly_notice").await, Some(1), "a new member is told at the next run");

    app.clock.advance(starts_at(app, &booking).await - 12 * 3600 - app.clock.now().secs());
    assert_eq!(app.run_job("assembly_notice").await, Some(4));
    assert_eq!(queued("assembly_reminder").await.len(), 4);
    assert_eq!(app.run_job("assembly_notice").await, Some(0), "reminded once");
    w.sign_in_again().await;
    let page = w.ann.call("assemblies/one", &[("id", id)]).await.ok().clone();
    assert_eq!(page["told"][0], 4, "the chair sees who was told");
}
on_both_databases!(voting_members_are_told_once_and_reminded);

/// The rules of a small assembly on booking `id`.
fn rules_of(id: &str) -> [(&str, &str); 5] {
    [("booking", id), ("voters", "active"), ("quorum", "2"), ("notice_days", "0"), ("keep_days", "30")]
}

/// Besides the admins, a member an admin allows calls assemblies on their own bookings and on no
/// one else's; once the permission is withdrawn, they no longer may. Both are in the security log.
async fn an_allowed_member_calls_assemblies_on_their_own_bookings(db: Db) {
    let w = world(db).await;
    let app = &w.app;
    let booking = id_of(&book(&w.ann, &w.room, &day(app, 1), "10:00", "60", "10", &[]).await);
    let mine = rules_of(&booking);
    assert_eq!(w.ann.call("assemblies/save", &mine).await.status, 403);
    assert_eq!(w.ann.call("assemblies/rules", &[("id", booking.as_str())]).await.status, 403);

    // An address that is no member's is refused next to the field.
    let unknown = w.admin.call("assemblies/allow", &[("email", "nobody@example.coop")]).await;
    assert_eq!(unknown.field("email"), "field.email.no_member");
    w.admin.call("assemblies/allow", &[("email", "ann@example.coop")]).await.ok();
    w.ann.call("assemblies/rules", &[("id", booking.as_str())]).await.ok();
    w.ann.call("assemblies/save", &mine).await.ok();
    assert_eq!(w.ann.call("assemblies/one", &[("id", booking.as_str())]).await.ok()["calls"], true);

    // Not on another member's booking.
    let bea = app.member("Bea", "bea@example.coop", PW).await;
    let hers = crate::rooms::create(&bea, "Bea's room").await;
    let other = id_of(&book(&bea, &hers, &day(app, 2), "10:00", "60", "10", &[]).await);
    let theirs = rules_of(&other);
    assert_eq!(w.ann.call("assemblies/save", &theirs).await.status, 403);
    assert_eq!(w.ann.call("assemblies/rules", &[("id", other.as_str())]).await.status, 403);

    // The admins' page lists the assembly and who may call one; only admins read it.
    let page = w.admin.call("assemblies/admin", &[]).await.ok().clone();
    assert_eq!((&page["coming"][0]["title"], &page["coming"][0]["organiser"]), (&"Meeting".into(), &"Ann".into()));
    assert_eq!(page["callers"][0]["email"], "ann@example.coop");
    assert_eq!(w.ann.call("assemblies/admin", &[]).await.status, 403);

    // Withdrawn: Ann may no longer change the rules; the assembly keeps them.
    let ann_id = app.user_id("ann@example.coop").await.to_string();
    w.admin.call("assemblies/revoke", &[("id", ann_id.as_str())]).await.ok();
    assert_eq!(w.ann.call("assemblies/save", &mine).await.status, 403);
    assert_eq!(w.ann.call("assemblies/one", &[("id", booking.as_str())]).await.ok()["calls"], false);
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'assembly.callers'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 2);
}
on_both_databases!(an_allowed_member_calls_assemblies_on_their_own_bookings);

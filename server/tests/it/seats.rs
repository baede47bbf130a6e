//! A meeting with a participant limit: visitors over it wait for a seat on the portal instead of
//! meeting BBB's refusal, and the portal asks BBB only when its own count says the room is full.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use app::meetings::service::seats::IN_FLIGHT;
use server::fake_bbb::{Fake, Mode};

const PW: &str = "correct horse battery";

/// Follows a join link to the fake BBB, which counts the participant in.
async fn enter(url: &str) {
    let page = reqwest::get(url).await.unwrap().text().await.unwrap();
    assert!(page.contains("fake-bbb"), "{page}");
}

async fn guest_join(app: &TestApp, slug: &str, name: &str) -> (Browser, String) {
    let guest = app.browser();
    let answer = guest.call("meetings/join", &[("slug", slug), ("name", name)]).await;
    let location = answer.headers["location"].to_str().unwrap().to_string();
    (guest, location)
}

/// A room of at most `max` in region eu whose owner has started the meeting and gone in.
struct Running {
    app: TestApp,
    fake: Fake,
    owner: Browser,
    slug: String,
}

async fn started_room(db: Db, max: &str) -> Running {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let owner = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&owner, "Small circle").await;
    owner.call("rooms/settings", &settings(&slug, "eu", &[("max_participants", max)])).await.ok();
    let start = owner.call("meetings/start", &[("slug", &slug)]).await;
    enter(start.ok().as_str().unwrap()).await;
    Running { app, fake, owner, slug }
}

async fn a_full_meeting_keeps_visitors_waiting_for_a_seat(db: Db) {
    let Running { app, fake, owner: ann, slug } = started_room(db, "2").await;

    let (_, first) = guest_join(&app, &slug, "Gus").await;
    enter(&first).await;
    assert_eq!(fake.count("getMeetingInfo"), 0, "seats below the limit cost no call");

    // The portal's count reaches the limit: it asks BBB once, which says full.
    let (late, location) = guest_join(&app, &slug, "Lou").await;
    assert_eq!(location, format!("/r/{slug}/wait?full=1"));
    let page = late.get(&location).await.text().await.unwrap();
    assert!(page.contains("The meeting is full") && page.contains(&format!("href=\"/r/{slug}/join\"")), "{page}");
    assert_eq!(fake.count("getMeetingInfo"), 1);
    // More visitors within the second are told the same without asking BBB again.
    for name in ["Max", "Mia", "Moe"] {
        assert_eq!(guest_join(&app, &slug, name).await.1, format!("/r/{slug}/wait?full=1"));
    }
    // The owner starting again only joins: the meeting is full for them too, and they are told so.
    assert_eq!(ann.call("meetings/start", &[("slug", &slug)]).await.refusal(), "bbb.full");
    assert_eq!(fake.count("getMeetingInfo"), 1, "one count a second");

    // Someone leaves. Links handed out moments ago still hold their seats (BBB counts a participant
    // only once their client has loaded), so the next try a second later still waits...
    let meeting_id: String = sqlx::query_scalar("SELECT meeting_id FROM rooms").fetch_one(&app.pool).await.unwrap();
    fake.state().meetings.get_mut(&meeting_id).unwrap().participants -= 1;
    app.clock.advance(2);
    let still = late.get(&format!("/r/{slug}/join")).await;
    assert_eq!(still.headers()["location"], format!("/r/{slug}/wait?full=1").as_str());
    assert_eq!(fake.count("getMeetingInfo"), 2, "counted again after the second");
    // ...and once they have had time to arrive, the waiting page's next try takes the free seat.
    app.clock.advance(IN_FLIGHT);
    let going = late.get(&format!("/r/{slug}/join")).await;
    let url = going.headers()["location"].to_str().unwrap().to_string();
    assert!(url.contains("/bigbluebutton/api/join?"), "{url}");
    enter(&url).await;
    assert_eq!(fake.meeting(&meeting_id).unwrap().participants, 2);
}
on_both_databases!(a_full_meeting_keeps_visitors_waiting_for_a_seat);

/// Rooms without a limit never ask BBB on a join.
async fn rooms_without_a_limit_ask_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Open hall").await;
    ann.call("rooms/settings", &settings(&slug, "ca", &[])).await.ok();
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    for i in 0..20 {
        let (_, location) = guest_join(&app, &slug, &format!("Guest {i}")).await;
        assert!(location.contains("/bigbluebutton/api/join?"), "{location}");
    }
    assert_eq!(fake.count("getMeetingInfo"), 0);
}
on_both_databases!(rooms_without_a_limit_ask_nothing);

/// When the region does not answer the seat check, visitors go on (BBB decides) and the region is
/// not asked again for every one of them.
async fn an_unanswering_region_holds_no_one_up(db: Db) {
    let Running { app, fake, slug, .. } = started_room(db, "1").await;
    fake.set_mode(Mode::Down);
    for name in ["Gus", "Lou", "Max"] {
        let (_, location) = guest_join(&app, &slug, name).await;
        assert!(location.contains("/bigbluebutton/api/join?"), "{location}");
    }
    assert_eq!(fake.count("getMeetingInfo"), 1, "asked once within the second");
    app.clock.advance(2);
    guest_join(&app, &slug, "Moe").await;
    assert_eq!(fake.count("getMeetingInfo"), 2, "and again after it");
}
on_both_databases!(an_unanswering_region_holds_no_one_up);

/// Two portal processes on one PostgreSQL database, a room capped at 10, guests alternating between
/// them: the seats are counted in the database, so no more than 10 get a link (the starter holds one).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_do_not_overfill_a_capped_room() {
    let Running { app, fake, slug, .. } = started_room(Db::Postgres, "10").await;
    let other = TestApp::spawn_on(&app.database_url, app.clock.clone()).await;
    let guests = (0..30).map(|i| {
        let portal = if i % 2 == 0 { &app } else { &other };
        let slug = slug.clone();
        async move { guest_join(portal, &slug, &format!("Guest {i}")).await.1 }
    });
    let locations = futures::future::join_all(guests).await;
    let links: Vec<&String> = locations.iter().filter(|l| l.contains("/bigbluebutton/api/join?")).collect();
    assert_eq!(links.len(), 9, "9 guests beside the starter, not 10 per process: {locations:?}");
    for link in links {
        enter(link).await;
    }
    let meeting_id = app.meeting_id(&slug).await;
    assert_eq!(fake.meeting(&meeting_id).unwrap().participants, 10);
}

/// While one join waits for BBB's count, another must not take a seat by forgetting the links
/// handed out more than `IN_FLIGHT` ago (issue 39): cap 5, the owner and four guests in, BBB slow
/// to count; the sixth and the seventh, who arrives while the count is out, both wait.
async fn a_join_during_a_slow_count_takes_no_seat_over_the_cap(db: Db) {
    let Running { app, fake, slug, .. } = started_room(db, "5").await;
    app.clock.advance(IN_FLIGHT + 1);
    for name in ["Ada", "Bo", "Cy", "Di"] {
        let (_, url) = guest_join(&app, &slug, name).await;
        enter(&url).await;
    }
    fake.set_mode(Mode::Slow(std::time::Duration::from_millis(500)));
    let full = format!("/r/{slug}/wait?full=1");
    let sixth = guest_join(&app, &slug, "Eve");
    let seventh = async {
        // Arrives once the sixth's question to BBB is out, before its answer.
        while fake.count("getMeetingInfo") == 0 {
            tokio::task::yield_now().await;
        }
        guest_join(&app, &slug, "Flo").await
    };
    let ((_, sixth), (_, seventh)) = tokio::join!(sixth, seventh);
    assert_eq!(sixth, full);
    assert_eq!(seventh, full, "the seventh waits too: the room holds five");
    let meeting_id: String = sqlx::query_scalar("SELECT meeting_id FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(fake.meeting(&meeting_id).unwrap().participants, 5);
}
on_both_databases!(a_join_during_a_slow_count_takes_no_seat_over_the_cap);

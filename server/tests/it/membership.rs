//! Membership tiers: a member's tier from their contributions at the edges (a month's coverage, the
//! grace period and its mail, yearly as a twelfth, other currencies at the admins' rate, grants),
//! with the clock advanced; and every limit enforced where it applies.
use crate::on_both_databases;
use crate::schedule::{World, book, day, world};
use crate::support::database::Db;
use crate::support::{Browser, TestApp, query_of};

pub const PW: &str = "correct horse battery";
const DAY: i64 = 86_400;

/// Free (1 room, 60 min, 10 people, no recording, no events), Supporter at 10 EUR a month (5 rooms,
/// 240 min, 100 people, recording) and Assembly at 30 EUR (unlimited, events).
pub async fn tiers(admin: &Browser) {
    let tier = |name: &'static str,
                monthly: &'static str,
                rooms: &'static str,
                minutes: &'static str,
                people: &'static str,
                extra: &'static [(&'static str, &'static str)]| {
        let mut form = vec![
            ("name", name),
            ("monthly", monthly),
            ("currency", "EUR"),
            ("rooms", rooms),
            ("minutes", minutes),
            ("participants", people),
        ];
        form.extend_from_slice(extra);
        form
    };
    for form in [
        tier("Free", "0", "1", "60", "10", &[]),
        tier("Supporter", "10", "5", "240", "100", &[("recording", "on")]),
        tier("Assembly", "30", "", "", "", &[("recording", "on"), ("events", "on")]),
    ] {
        admin.call("membership/tier", &form).await.ok();
    }
}

/// A manual contribution for `email`, dated today.
pub async fn give(app: &TestApp, admin: &Browser, email: &str, amount: &str, currency: &str, frequency: &str) -> i64 {
    let date = day(app, 0);
    let form = [
        ("email", email),
        ("amount", amount),
        ("currency", currency),
        ("date", date.as_str()),
        ("frequency", frequency),
        ("source", "bank"),
        ("reference", "transfer"),
        ("note", ""),
    ];
    admin.call("contributions/save", &form).await.ok();
    sqlx::query_scalar("SELECT MAX(id) FROM contributions").fetch_one(&app.pool).await.unwrap()
}

/// The member's tier and why: `("Supporter", "Contributions")`, `("Free", "Grace")` …
pub async fn tier_of(b: &Browser) -> (String, String) {
    let mine = b.call("membership/mine", &[]).await.ok().clone();
    let standing = &mine[0];
    let reason = match &standing["reason"] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(o) => o.keys().next().unwrap().clone(),
        other => panic!("{other}"),
    };
    (standing["tier"]["name"].as_str().unwrap().to_string(), reason)
}

fn is(name: &str, reason: &str) -> (String, String) {
    (name.to_string(), reason.to_string())
}

/// Signs everybody in again after the clock moved past their sessions.
async fn again(w: &World, others: &[(&Browser, &str)]) {
    w.sign_in_again().await;
    for (b, email) in others {
        b.login(email, PW).await.ok();
    }
}

async fn a_tier_follows_contributions_through_grace_yearly_currency_and_grants(db: Db) {
    let w = world(db).await;
    let (app, admin) = (&w.app, &w.admin);
    tiers(admin).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let carla = app.member("Carla", "carla@example.coop", PW).await;
    let dai = app.member("Dai", "dai@example.coop", PW).await;
    assert_eq!(tier_of(&w.ann).await, is("Free", "Free"), "no contributions: the free tier");

    give(app, admin, "ann@example.coop", "9.99", "EUR", "monthly").await;
    assert_eq!(tier_of(&w.ann).await, is("Free", "Free"), "a cent short of Supporter");
    give(app, admin, "ann@example.coop", "0.01", "EUR", "oneoff").await;
    assert_eq!(tier_of(&w.ann).await, is("Supporter", "Contributions"), "10.00 EUR this month");
    give(app, admin, "bob@example.coop", "120", "EUR", "yearly").await;
    assert_eq!(tier_of(&bob).await, is("Supporter", "Contributions"), "120 a year counts as 10 a month");
    give(app, admin, "carla@example.coop", "15", "CAD", "monthly").await;
    assert_eq!(tier_of(&carla).await, is("Free", "Free"), "CAD counts for EUR tiers only at a rate");
    admin.call("membership/rate", &[("from", "CAD"), ("to", "EUR"), ("rate", "0.68")]).await.ok();
    assert_eq!(tier_of(&carla).await, is("Supporter", "Contributions"), "15 CAD at 0.68 is 10.20 EUR");
    let until = day(app, 10);
    let grant = [("email", "dai@example.coop"), ("tier", ""), ("ends", until.as_str()), ("note", "solidarity")];
    let assembly: i64 =
        sqlx::query_scalar("SELECT id FROM tiers WHERE name = 'Assembly'").fetch_one(&app.pool).await.unwrap();
    let assembly = assembly.to_string();
    let mut grant = grant.to_vec();
    grant[1].1 = &assembly;
    admin.call("membership/grant", &grant).await.ok();
    assert_eq!(tier_of(&dai).await, is("Assembly", "Granted"));

    // A month and a day on: the monthly contributions ran out, the grace period holds the tier.
    app.clock.advance(32 * DAY);
    again(&w, &[(&bob, "bob@example.coop"), (&carla, "carla@example.coop"), (&dai, "dai@example.coop")]).await;
    assert_eq!(tier_of(&w.ann).await, is("Supporter", "Grace"));
    assert_eq!(tier_of(&bob).await, is("Supporter", "Contributions"), "a yearly contribution still counts");
    assert_eq!(tier_of(&dai).await, is("Free", "Free"), "the grant ended");
    assert_eq!(app.run_job("membership").await, Some(0), "the grace ends in more than 7 days: no mail yet");

    // Less than seven days before the grace ends (a month and 45 days on), the member is told, once.
    app.clock.advance(37 * DAY);
    again(&w, &[(&bob, "bob@example.coop")]).await;
    assert_eq!(tier_of(&w.ann).await, is("Supporter", "Grace"));
    assert_eq!(app.run_job("membership").await, Some(2), "Ann and Carla");
    assert_eq!(app.run_job("membership").await, Some(0), "each told once");
    let mail = app.sink.wait_for("ann@example.coop", 2).await;
    assert!(mail.decoded().contains("Supporter"), "{}", mail.decoded());
    let lapsing = admin.call("membership/overview", &[]).await.ok().clone();
    assert_eq!(lapsing["lapsing"].as_array().unwrap().len(), 2, "{lapsing}");

    // Past the grace period: the free tier; a new contribution brings Supporter back at once.
    app.clock.advance(8 * DAY);
    again(&w, &[(&bob, "bob@example.coop")]).await;
    assert_eq!(tier_of(&w.ann).await, is("Free", "Free"));
    give(app, admin, "ann@example.coop", "30", "EUR", "oneoff").await;
    assert_eq!(tier_of(&w.ann).await, is("Assembly", "Contributions"));
    let overview = admin.call("membership/overview", &[]).await.ok().clone();
    let per_tier: Vec<(String, i64)> = serde_json::from_value(overview["members_per_tier"].clone()).unwrap();
    assert_eq!(
        per_tier,
        vec![("Free".into(), 3), ("Supporter".into(), 1), ("Assembly".into(), 1)],
        "admin, Carla, Dai free; Bob; Ann"
    );
}
on_both_databases!(a_tier_follows_contributions_through_grace_yearly_currency_and_grants);

/// A transfer entered in the morning, dated that day, counts at once (dates are kept at noon).
async fn a_contribution_entered_before_noon_counts_at_once(db: Db) {
    let w = world(db).await;
    let now = w.app.clock.now().secs();
    let morning = now - now.rem_euclid(86_400) + 86_400 + 8 * 3600; // 08:00 UTC tomorrow
    w.app.clock.advance(morning - now);
    w.sign_in_again().await;
    tiers(&w.admin).await;
    give(&w.app, &w.admin, "ann@example.coop", "10", "EUR", "monthly").await;
    assert_eq!(tier_of(&w.ann).await, is("Supporter", "Contributions"), "dated today at 08:00");
}
on_both_databases!(a_contribution_entered_before_noon_counts_at_once);

/// In a grace period, whether the member's page says their contributions stopped, and what it says
/// counts toward their tier a month (minor units).
async fn grace_of(b: &Browser) -> (Option<bool>, i64) {
    let mine = b.call("membership/mine", &[]).await.ok().clone();
    let standing = &mine[0];
    (standing["reason"]["Grace"]["stopped"].as_bool(), standing["per_month"]["minor"].as_i64().unwrap())
}

/// Five days into a month whose payment is not charged yet, a member is not told their
/// contributions stopped, nor that they count as 0.00 a month: the page shows what holds the tier.
/// Nor is one whose monthly contribution, charged five days ago, counts while a one-off ran out.
/// Only a member of whom nothing counts and nothing recurring is awaited is told it stopped.
async fn a_member_whose_payment_is_not_charged_yet_is_not_told_it_stopped(db: Db) {
    let w = world(db).await;
    let (app, admin) = (&w.app, &w.admin);
    tiers(admin).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let carla = app.member("Carla", "carla@example.coop", PW).await;
    let others = [(&bob, "bob@example.coop"), (&carla, "carla@example.coop")];
    give(app, admin, "ann@example.coop", "10", "EUR", "monthly").await;
    give(app, admin, "bob@example.coop", "30", "EUR", "oneoff").await;
    give(app, admin, "carla@example.coop", "10", "EUR", "oneoff").await;
    app.clock.advance(30 * DAY);
    again(&w, &others).await;
    give(app, admin, "bob@example.coop", "10", "EUR", "monthly").await;
    app.clock.advance(5 * DAY);
    again(&w, &others).await;

    assert_eq!(tier_of(&w.ann).await, is("Supporter", "Grace"));
    assert_eq!(grace_of(&w.ann).await, (Some(false), 1000), "not stopped: 10.00 a month hold the tier");
    assert_eq!(tier_of(&bob).await, is("Assembly", "Grace"));
    assert_eq!(grace_of(&bob).await, (Some(false), 1000), "charged five days ago: 10.00 count now");
    assert_eq!(tier_of(&carla).await, is("Supporter", "Grace"));
    assert_eq!(grace_of(&carla).await, (Some(true), 0), "a one-off ran out, nothing is awaited");
    for (b, stopped) in [(&w.ann, false), (&bob, false), (&carla, true)] {
        let page = b.get_html("/membership").await.text().await.unwrap();
        assert_eq!(page.contains("Your contributions have stopped"), stopped, "{page}");
    }
}
on_both_databases!(a_member_whose_payment_is_not_charged_yet_is_not_told_it_stopped);

/// The refusal's message key and the tier it names: `membership.limit.rooms:Supporter`.
fn refused(answer: &crate::support::Answer, field: Option<&str>) -> String {
    let msg = match (field, answer.err()) {
        (Some(field), e) => {
            e.field_errors().and_then(|f| f.get(field)).cloned().unwrap_or_else(|| panic!("{field}: {e:?}"))
        }
        (None, app::error::AppError::Refused(m)) => m.clone(),
        (None, other) => panic!("expected a refusal, got {other:?}"),
    };
    format!("{}:{}", msg.key, msg.text("tier").unwrap_or_default())
}

async fn every_limit_is_enforced_where_it_applies_and_old_rooms_keep_working(db: Db) {
    let w = world(db).await;
    let (app, admin, ann) = (&w.app, &w.admin, &w.ann);
    tiers(admin).await;
    // The free tier: one room (Ann has it), no recording, 60 minutes, 10 people, no events.
    let second = ann.call("rooms/create", &[("name", "Second")]).await;
    assert_eq!(refused(&second, None), "membership.limit.rooms:Supporter");
    let settings = crate::rooms::settings(&w.room, "eu", &[("recording", "on")]);
    let answer = ann.call("rooms/settings", &settings).await;
    assert_eq!(refused(&answer, Some("recording")), "membership.limit.recording:Supporter");
    let settings = crate::rooms::settings(&w.room, "eu", &[("max_participants", "20")]);
    let answer = ann.call("rooms/settings", &settings).await;
    assert_eq!(refused(&answer, Some("max_participants")), "membership.limit.participants:Supporter");
    let tomorrow = day(app, 1);
    let long = book(ann, &w.room, &tomorrow, "10:00", "90", "5", &[]).await;
    assert_eq!(refused(&long, Some("duration")), "membership.limit.minutes:Supporter");
    let crowd = book(ann, &w.room, &tomorrow, "10:00", "30", "20", &[]).await;
    assert_eq!(refused(&crowd, Some("participants")), "membership.limit.participants:Supporter");
    book(ann, &w.room, &tomorrow, "10:00", "30", "10", &[]).await.ok();

    ann.call("meetings/start", &[("slug", &w.room)]).await.ok();
    let create = w.fake.calls().into_iter().find(|c| c.name == "create").unwrap();
    let params = query_of(&format!("?{}", create.query));
    assert_eq!((params["duration"].as_str(), params["maxParticipants"].as_str()), ("60", "10"));
    assert_eq!(params["record"], "false");
    ann.call("meetings/end", &[("slug", &w.room)]).await;

    // Supporter: more rooms, recording, 100 people; an event still needs Assembly.
    crate::membership::give(app, admin, "ann@example.coop", "10", "EUR", "monthly").await;
    let second = crate::rooms::create(ann, "Second").await;
    let settings = crate::rooms::settings(&second, "eu", &[("recording", "on"), ("max_participants", "80")]);
    ann.call("rooms/settings", &settings).await.ok();
    let event = book(ann, &w.room, &tomorrow, "12:00", "60", "60", &[]).await;
    assert_eq!(refused(&event, Some("participants")), "membership.limit.events:Assembly");
    ann.call("meetings/start", &[("slug", &second), ("recording_consent", "on")]).await.ok();
    let create = w.fake.calls().into_iter().rev().find(|c| c.name == "create").unwrap();
    let params = query_of(&format!("?{}", create.query));
    assert_eq!((params["duration"].as_str(), params["maxParticipants"].as_str()), ("240", "80"));
    assert_eq!(params["record"], "true");

    // Past the grace period, back to Free: both rooms keep working and recording; no third room.
    app.clock.advance(80 * DAY);
    w.sign_in_again().await;
    assert_eq!(crate::membership::tier_of(ann).await.0, "Free");
    let third = ann.call("rooms/create", &[("name", "Third")]).await;
    assert_eq!(refused(&third, None), "membership.limit.rooms:Supporter");
    let pages: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM rooms WHERE recording = 1").fetch_one(&app.pool).await.unwrap();
    assert_eq!(pages, 1, "the room that records keeps its setting");
    ann.call(
        "rooms/settings",
        &crate::rooms::settings(&second, "eu", &[("recording", "on"), ("max_participants", "80")]),
    )
    .await
    .ok();
}
on_both_databases!(every_limit_is_enforced_where_it_applies_and_old_rooms_keep_working);

/// Two processes on one PostgreSQL looking for lapsing members at the same moment (as when a job's
/// lease passes from one to the other mid-run): each member is mailed once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_mail_a_lapsing_member_once() {
    use app::membership::service::lapsing::notify_due;
    let w = world(Db::Postgres).await;
    tiers(&w.admin).await;
    for email in ["ann@example.coop", "admin@example.coop"] {
        give(&w.app, &w.admin, email, "10", "EUR", "monthly").await;
    }
    w.app.clock.advance(70 * DAY);
    let second = TestApp::spawn_on(&w.app.database_url, w.app.clock.clone()).await;
    for _ in 0..3 {
        let (a, b) = tokio::join!(notify_due(&w.app.state), notify_due(&second.state));
        let _ = (a.unwrap(), b.unwrap());
    }
    let queued: Vec<(String, i64)> = sqlx::query_as(
        "SELECT recipient, COUNT(*) FROM mail_outbox WHERE kind = 'membership_lapsing' GROUP BY recipient ORDER BY recipient",
    )
    .fetch_all(&w.app.pool)
    .await
    .unwrap();
    assert_eq!(queued, vec![("admin@example.coop".into(), 1), ("ann@example.coop".into(), 1)]);
}

async fn the_tier_forms_say_what_is_wrong_next_to_each_field(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    tiers(&admin).await;
    let bad = [("name", "Free"), ("monthly", "1.234"), ("currency", "EUR"), ("rooms", "-1"), ("participants", "many")];
    let answer = admin.call("membership/tier", &bad).await;
    // A thousand and some, or one euro and a fraction of a cent: refused, never guessed.
    assert_eq!(answer.field("monthly"), "contributions.amount_ambiguous");
    let cents = admin.call("membership/tier", &[("name", "New"), ("monthly", "1.2345"), ("currency", "EUR")]).await;
    assert_eq!(cents.field("monthly"), "tier.monthly.invalid");
    assert_eq!(answer.field("rooms"), "tier.limit.invalid");
    assert_eq!(answer.field("participants"), "tier.limit.invalid");
    let taken = admin.call("membership/tier", &[("name", "Free"), ("monthly", "1"), ("currency", "EUR")]).await;
    assert_eq!(taken.field("name"), "tier.name.taken");
    let currency = admin.call("membership/tier", &[("name", "New"), ("monthly", "1"), ("currency", "EURO")]).await;
    assert_eq!(currency.field("currency"), "tier.currency.invalid");
    let rate = admin.call("membership/rate", &[("from", "CAD"), ("to", "CAD"), ("rate", "0.1234567")]).await;
    assert_eq!((rate.field("to"), rate.field("rate")), ("tier.currency.invalid".into(), "tier.rate.invalid".into()));
    let grant = admin
        .call(
            "membership/grant",
            &[("email", "nobody@example.coop"), ("tier", "1"), ("ends", "2001-01-01"), ("note", "")],
        )
        .await;
    assert_eq!(
        (grant.field("email"), grant.field("ends")),
        ("membership.grant.no_member".into(), "membership.grant.ends_invalid".into())
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tiers").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 3, "nothing half-saved");
}
on_both_databases!(the_tier_forms_say_what_is_wrong_next_to_each_field);

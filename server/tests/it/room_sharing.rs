//! Sharing a room in a role (participant, moderator, co-owner) and giving it to another member.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use crate::support::{Answer, Browser, query_of};

const PW: &str = "correct horse battery";

async fn each_role_joins_as_it_says_and_manages_only_as_co_owner(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let pat = app.member("Pat", "pat@example.coop", PW).await;
    let mo = app.member("Mo", "mo@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "sesame-42")])).await.ok();
    let share = |email: &'static str, role: &'static str| {
        let (ann, slug) = (&ann, slug.clone());
        async move { ann.call("rooms/share", &[("slug", &slug), ("email", email), ("role", role)]).await }
    };
    assert_eq!(share("pat@example.coop", "owner").await.field("role"), "field.choice.invalid");
    share("pat@example.coop", "participant").await.ok();
    share("mo@example.coop", "moderator").await.ok();
    assert_eq!(share("mo@example.coop", "moderator").await.field("email"), "field.email.already_shared");

    // Their dashboards list the room with their role; they see no code field and manage nothing.
    let listed = pat.call("rooms/list", &[]).await.ok().clone();
    assert_eq!((listed[0]["access"].as_str(), listed[0]["owner_name"].as_str()), (Some("Participant"), Some("Ann")));
    assert_eq!(mo.call("rooms/list", &[]).await.ok()[0]["access"], "Moderator");
    let dashboard = mo.get("/dashboard").await.text().await.unwrap();
    assert!(dashboard.contains("data-testid=\"share-role\">Moderator<"), "{dashboard}");
    let view = pat.call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!((view["needs_code"].as_bool(), view["settings"].is_null()), (Some(false), true));
    for who in [&pat, &mo] {
        assert_eq!(who.call("rooms/settings", &settings(&slug, "eu", &[])).await.status, 403);
        assert_eq!(who.call("rooms/manage", &[("slug", &slug)]).await.status, 403);
        assert_eq!(who.call("meetings/end", &[("slug", &slug)]).await.status, 403);
        assert_eq!(who.call("rooms/share", &[("slug", &slug), ("email", "ann@example.coop")]).await.status, 403);
    }

    // The participant waits for the start; the moderator starts it, without the code.
    let waiting = pat.call("meetings/join", &[("slug", &slug)]).await;
    assert_eq!(waiting.headers["location"], format!("/r/{slug}/wait"));
    assert_eq!(fake.count("create"), 0);
    let mo_in = mo.call("meetings/join", &[("slug", &slug)]).await;
    let join = query_of(mo_in.ok().as_str().unwrap());
    assert_eq!((join["fullName"].as_str(), join["role"].as_str()), ("Mo", "MODERATOR"));
    assert_eq!(fake.count("create"), 1, "a moderator starts the meeting");
    let pat_in = pat.call("meetings/enter", &[("slug", &slug)]).await.ok().as_str().unwrap().to_string();
    assert_eq!(query_of(&pat_in)["role"], "VIEWER");

    // A new role replaces the old; unshared, the code is asked again.
    share("pat@example.coop", "moderator").await.ok();
    let again = pat.call("meetings/join", &[("slug", &slug)]).await;
    assert_eq!(query_of(again.ok().as_str().unwrap())["role"], "MODERATOR");
    let pat_id = app.user_id("pat@example.coop").await.to_string();
    ann.call("rooms/unshare", &[("slug", &slug), ("user_id", &pat_id)]).await.ok();
    assert_eq!(pat.call("meetings/join", &[("slug", &slug)]).await.field("access_code"), "field.access_code.required");
    let logged: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM security_events WHERE kind = 'room.shared' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        logged,
        ["pat@example.coop: participant", "mo@example.coop: moderator", "pat@example.coop: moderator"],
        "a refused share is not logged"
    );
}
on_both_databases!(each_role_joins_as_it_says_and_manages_only_as_co_owner);

async fn transfer(b: &Browser, slug: &str, email: &str, stay: bool, confirm: bool) -> Answer {
    let mut form = vec![("slug", slug), ("email", email)];
    if stay {
        form.push(("stay", "on"));
    }
    if confirm {
        form.push(("confirm", "on"));
    }
    b.call("rooms/transfer", &form).await
}

async fn an_owner_gives_the_room_away_within_the_new_owners_limits(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let admin = app.admin("dee@example.coop").await;
    crate::membership::tiers(&admin).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let carl = app.member("Carl", "carl@example.coop", PW).await;
    create(&carl, "Carl's").await;
    let slug = create(&ann, "Board").await;
    let meeting_id = app.meeting_id(&slug).await;
    ann.call("rooms/share", &[("slug", &slug), ("email", "bob@example.coop")]).await.ok();
    // Only the owner; confirmed; to an active member other than the owner; within their tier.
    assert_eq!(transfer(&bob, &slug, "bob@example.coop", false, true).await.status, 403);
    assert_eq!(transfer(&ann, &slug, "bob@example.coop", true, false).await.field("confirm"), "field.confirm.required");
    assert_eq!(transfer(&ann, &slug, "nobody@example.coop", true, true).await.field("email"), "field.email.no_member");
    assert_eq!(transfer(&ann, &slug, "ann@example.coop", true, true).await.field("email"), "field.email.is_owner");
    let full = transfer(&ann, &slug, "carl@example.coop", true, true).await;
    assert!(full.field("email").starts_with("membership.limit.rooms"), "{:?}", full.result);

    // To Bob, Ann staying as co-owner: the same link, meeting id and settings; Bob's share is gone.
    let given = transfer(&ann, &slug, "bob@example.coop", true, true).await;
    assert_eq!(given.headers["location"], format!("/r/{slug}?given=1"));
    assert_eq!(app.meeting_id(&slug).await, meeting_id);
    let bobs = bob.call("rooms/list", &[]).await.ok().clone();
    assert_eq!((bobs[0]["access"].as_str(), bobs.as_array().unwrap().len()), (Some("Owner"), 1));
    assert_eq!(ann.call("rooms/list", &[]).await.ok()[0]["access"], "CoOwner");
    let page = bob.call("rooms/manage", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(page["shares"].as_array().unwrap().len(), 1);
    assert_eq!(
        (page["shares"][0]["email"].as_str(), page["shares"][0]["role"].as_str()),
        (Some("ann@example.coop"), Some("co_owner"))
    );
    assert_eq!(ann.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.status, 403, "no longer hers");
    // Given on without staying: Ann is out.
    bob.call("rooms/share", &[("slug", &slug), ("email", "carl@example.coop"), ("role", "participant")]).await.ok();
    let gone = transfer(&bob, &slug, "ann@example.coop", false, true).await;
    assert_eq!(gone.headers["location"], "/dashboard?given=1");
    assert!(bob.call("rooms/list", &[]).await.ok().as_array().unwrap().is_empty());
    let logged: Vec<(String, String)> =
        sqlx::query_as("SELECT subject, detail FROM security_events WHERE kind = 'room.transferred' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        logged,
        [(slug.clone(), "bob@example.coop".to_string()), (slug.clone(), "ann@example.coop".to_string())]
    );
}
on_both_databases!(an_owner_gives_the_room_away_within_the_new_owners_limits);

//! The table's second level for recordings: each visibility against each caller, through the room's
//! list and the playback route alike, and a recording reached through another room's address.
use super::{Caller, World};
use crate::on_both_databases;
use crate::rooms::settings;
use crate::support::Browser;
use crate::support::database::Db;
use Caller::*;

/// Who watches a recording of each visibility (an unpublished one: those who manage the room).
/// `Coded` is a visitor who gave the room's access code.
const WATCH: [(&str, &[Caller]); 4] = [
    (
        "public",
        &[Anonymous, Suspended, GuestWithAdmission, Member, Invitee, Participant, Moderator, CoOwner, Owner, Admin],
    ),
    ("members", &[Member, Invitee, Participant, Moderator, CoOwner, Owner, Admin]),
    ("room", &[Participant, Moderator, CoOwner, Owner, Admin]),
    ("private", &[CoOwner, Owner, Admin]),
];
const MANAGERS: [Caller; 3] = [CoOwner, Owner, Admin];

/// Whether `b` finds the recording in the room's list, and is sent to the region to play it.
async fn watches(world: &World, b: &Browser, slug: &str, record: &str) -> (bool, bool) {
    let listed = b.call("recordings/list", &[("slug", slug)]).await.ok()["recordings"].clone();
    let in_list = listed.as_array().unwrap().iter().any(|r| r["record_id"] == record);
    let played = b.get(&format!("/r/{slug}/recordings/{record}/video")).await;
    let location = played.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    let to_region =
        played.status() == 303 && location.starts_with(world.region_url.split("/bigbluebutton").next().unwrap());
    if to_region {
        assert!(location.ends_with(&format!("playback/video/{record}")), "{location}");
    }
    (in_list, to_region)
}

async fn each_visibility_opens_to_whom_it_says(db: Db) {
    let world = World::new(db).await;
    let (slug, record) = (world.fill("{room}"), world.fill("{record}"));
    let owner = world.browser(Owner);
    owner.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "letmein1")])).await.ok();
    let visitor_with_code = world.app.browser();
    visitor_with_code.call("recordings/open", &[("slug", &slug), ("access_code", "letmein1")]).await.ok();
    let mut wrong = Vec::new();
    for (visibility, expected) in WATCH {
        let form = [("slug", slug.as_str()), ("record_id", record.as_str()), ("visibility", visibility)];
        owner.call("recordings/visibility", &form).await.ok();
        for published in [true, false] {
            owner
                .call(
                    "recordings/publish",
                    &[("slug", &slug), ("record_id", &record), ("publish", &published.to_string())],
                )
                .await
                .ok();
            let callers = super::CALLERS.map(|c| (format!("{c:?}"), world.browser(c), c));
            let coded = [("Coded".to_string(), &visitor_with_code, Anonymous)];
            for (name, b, caller) in callers.iter().map(|(n, b, c)| (n.clone(), *b, *c)).chain(coded) {
                let allowed = if name == "Coded" {
                    published && matches!(visibility, "public" | "room")
                } else if published {
                    expected.contains(&caller)
                } else {
                    MANAGERS.contains(&caller)
                };
                let seen = watches(&world, b, &slug, &record).await;
                if seen != (allowed, allowed) {
                    wrong.push(format!("{visibility} (published: {published}) by {name}: listed, played = {seen:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "recordings open to the wrong callers:\n{}", wrong.join("\n"));
}
on_both_databases!(each_visibility_opens_to_whom_it_says);

/// A public recording of Eve's room is not played through Ann's room's address, nor Ann's through
/// Eve's: the route only knows the room's own recordings.
async fn a_recording_plays_only_through_its_own_room(db: Db) {
    let world = World::new(db).await;
    let (room, others_room) = (world.fill("{room}"), world.fill("{others_room}"));
    let (record, others_record) = (world.fill("{record}"), world.fill("{others_record}"));
    let ann = world.browser(Owner);
    ann.call("recordings/visibility", &[("slug", &room), ("record_id", &record), ("visibility", "public")]).await.ok();
    let visitor = world.app.browser();
    assert_eq!(visitor.get(&format!("/r/{room}/recordings/{record}/video")).await.status(), 303);
    for path in
        [format!("/r/{others_room}/recordings/{record}/video"), format!("/r/{room}/recordings/{others_record}/video")]
    {
        for b in [&visitor, ann, world.browser(Admin)] {
            assert_eq!(b.get(&path).await.status(), 404, "{path}");
        }
    }
    // The managers' statistics stay theirs, whatever the recording's visibility.
    assert_eq!(visitor.get(&format!("/r/{room}/recordings/{record}/statistics")).await.status(), 404);
    assert_eq!(ann.get(&format!("/r/{room}/recordings/{record}/statistics")).await.status(), 303);
}
on_both_databases!(a_recording_plays_only_through_its_own_room);

//! The table's second level: a caller entitled to one object is refused another's. Every row that
//! names a room, a booking or a recording is called again by each caller it lets in, with the
//! object swapped for another member's (Eve's room, booking, recording); only an admin reaches it.
//! And what the rows anyone may call disclose: no member's address, no region's address.
use super::{CALLERS, Caller, Kind, TABLE, Who, World, allowed};
use crate::on_both_databases;
use crate::support::database::Db;

/// The placeholders that name an object, and the other member's object of the same kind.
const SWAP: &[(&str, &str)] = &[
    ("{room}", "{others_room}"),
    ("{doomed}", "{others_room}"),
    ("{waiting}", "{others_room}"),
    ("{booking}", "{others_booking}"),
];

/// Whether a row names an object the caller's entitlement is about.
fn names_an_object(kind: Kind, path: &str, who: Who, args: &[(&str, &str)]) -> bool {
    let in_args = args.iter().any(|(_, v)| SWAP.iter().any(|(k, _)| v.contains(k)));
    let in_path = kind == Kind::Page && (path.contains("{slug}") || path.contains("{id}"));
    let object_level = matches!(who, Who::CoOwner | Who::Owner | Who::Guest | Who::CoOwnerOrInvited | Who::Sharer);
    let route_of_a_room = kind == Kind::Route && (path == "/r/{slug}/join" || path.starts_with("/r/{slug}/recordings"));
    object_level && (in_args || in_path || route_of_a_room)
}

async fn no_caller_reaches_another_members_object(db: Db) {
    let world = World::new(db).await;
    let mut wrong = Vec::new();
    for (kind, path, who, args) in TABLE.iter().filter(|(k, p, w, a)| names_an_object(*k, p, *w, a)) {
        for caller in CALLERS.into_iter().filter(|c| allowed(*who, *c) && *c != Caller::Admin) {
            if world.reaches(*kind, path, args, caller, SWAP).await == Some(true) {
                wrong.push(format!("{path} by {caller:?} reached another member's object"));
            }
        }
    }
    // A recording is an object of its own: the owner of one room names another room's recording.
    let paths = ["one", "keep", "rename", "publish", "visibility", "delete"].map(|p| format!("recordings/{p}"));
    for path in &paths {
        let args = [
            ("slug", "{room}"),
            ("record_id", "{others_record}"),
            ("name", "Mine now"),
            ("publish", "false"),
            ("visibility", "public"),
            ("confirm", "on"),
            ("keep", "false"),
        ];
        for caller in [Caller::CoOwner, Caller::Owner] {
            if world.reaches(Kind::ServerFn, path, &args, caller, &[]).await == Some(true) {
                wrong.push(format!("{path} by {caller:?} reached another room's recording"));
            }
        }
    }
    let others_record = world.fill("{others_record}");
    let kept = world.fake.state().recordings.iter().find(|r| r.record_id == others_record).cloned();
    let kept = kept.expect("Eve's recording is still there");
    assert!(kept.name == "Eve's talk" && kept.published, "{kept:?}");
    assert_eq!(kept.metadata.get("name").map(String::as_str), Some("Eve's talk"), "{kept:?}");
    assert_eq!(kept.metadata.get("visibility"), None, "{kept:?}");
    assert!(wrong.is_empty(), "objects reached by callers not entitled to them:\n{}", wrong.join("\n"));
}
on_both_databases!(no_caller_reaches_another_members_object);

/// What every row anyone may call answers a visitor, read whole: no member's email, not the
/// region's address (an internal host).
async fn what_anyone_may_call_discloses_nothing_private(db: Db) {
    let world = World::new(db).await;
    let visitor = world.browser(Caller::Anonymous);
    let region_host = world.region_url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap().to_string();
    let members = ["ann", "bob", "carl", "ivy", "pat", "mo", "sue", "eve", "dee"].map(|n| format!("{n}@example.coop"));
    let private: Vec<&str> = members.iter().map(String::as_str).chain([region_host.as_str()]).collect();
    let mut told = Vec::new();
    for (kind, path, _, args) in TABLE.iter().filter(|(_, _, who, _)| *who == Who::Anyone) {
        let text = match kind {
            Kind::ServerFn => {
                let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), world.fill(v))).collect();
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let answer = visitor.call(path, &args).await;
                format!("{:?}", answer.result)
            }
            Kind::Page | Kind::Route => {
                let url = path.replace("{slug}", &world.fill("{room}")).replace("{file}", "quorum.js");
                visitor.get(&url).await.text().await.unwrap_or_default()
            }
        };
        for secret in &private {
            if text.contains(secret) {
                told.push(format!("{path} tells a visitor {secret:?}"));
            }
        }
    }
    assert!(told.is_empty(), "{}", told.join("\n"));
}
on_both_databases!(what_anyone_may_call_discloses_nothing_private);

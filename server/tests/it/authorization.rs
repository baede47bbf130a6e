//! The authorization table: every server function, page and plain route, with the least privileged
//! caller that may use it. The test drives every row with every kind of caller, on both databases,
//! and fails when a server function, page or route has no row. `docs/security.md` explains it.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use app::error::AppError;

/// Who may call: each level includes those after it, except `Guest` and `Region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Who {
    /// Anyone at all, signed in or not.
    Anyone,
    /// A visitor holding a room's admission in their session (waiting for its meeting).
    Guest,
    /// A signed-in, active member.
    Member,
    /// The room's co-owner (and its owner, and admins).
    CoOwner,
    /// The room's owner (and admins).
    Owner,
    Admin,
    /// Only the region, by signature: no caller below passes.
    Region,
    /// Only whoever holds the secret the address carries (a member's calendar feed token).
    Holder,
    /// Nobody on the public address (what only the internal address serves, and no page at all).
    Nobody,
    /// The room's co-owner (and above), or a member invited to the booking: it is their meeting too.
    CoOwnerOrInvited,
    /// The room's people: the members it is shared with in any role, its co-owners and owner, and
    /// admins (a recording kept for the room, as recordings are by default).
    Sharer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    ServerFn,
    Page,
    Route,
}

mod objects;
mod recordings;

use Kind::{Page, Route, ServerFn};
use Who::*;

/// `{room}` is a room of the owner shared with the co-owner; `{doomed}` one the owner may delete;
/// `{open}` a room anyone may join; `{waiting}` the room the guest waits for; `{member}` the plain
/// member's account id; `{booking}` a booking of the owner's in `{room}`.
/// One row: what, its path or endpoint, the least privileged caller, the arguments it is called with.
pub(crate) type Row = (Kind, &'static str, Who, &'static [(&'static str, &'static str)]);

pub(crate) const TABLE: &[Row] = &[
    (ServerFn, "accounts/me", Anyone, &[]),
    (ServerFn, "accounts/registration_mode", Anyone, &[]),
    (ServerFn, "accounts/invitation", Anyone, &[("token", "nope")]),
    (ServerFn, "accounts/signup", Anyone, &[("name", "X"), ("email", "x@example.coop"), ("password", "short")]),
    (ServerFn, "accounts/verify", Anyone, &[("token", "nope")]),
    (ServerFn, "accounts/resend_verification", Anyone, &[("email", "nobody@example.coop")]),
    (ServerFn, "accounts/login", Anyone, &[("email", "nobody@example.coop"), ("password", "wrong password")]),
    (ServerFn, "accounts/forgot", Anyone, &[("email", "nobody@example.coop")]),
    (ServerFn, "accounts/reset", Anyone, &[("token", "nope"), ("password", "a good new password")]),
    (ServerFn, "accounts/email_confirm", Anyone, &[("token", "nope")]),
    (ServerFn, "accounts/profile", Member, &[("name", "N"), ("language", "en"), ("time_zone", "No/Where")]),
    (ServerFn, "accounts/password", Member, &[("current_password", "wrong"), ("new_password", "x")]),
    (ServerFn, "accounts/email", Member, &[("new_email", "not an address"), ("current_password", "wrong")]),
    (ServerFn, "accounts/delete", Member, &[("current_password", "wrong password")]),
    (ServerFn, "accounts/logout", Anyone, &[]),
    (ServerFn, "admin/accounts", Admin, &[("query", ""), ("status", ""), ("page", "0")]),
    (ServerFn, "admin/account_action", Admin, &[("id", "{member}"), ("action", "resend_verification")]),
    (ServerFn, "admin/invite", Admin, &[("email", "not an address")]),
    (ServerFn, "admin/registration_mode", Admin, &[("mode", "open")]),
    (ServerFn, "admin/security_log", Admin, &[("kind", ""), ("query", ""), ("page", "0")]),
    (ServerFn, "regions/list", Member, &[]),
    (ServerFn, "regions/admin_list", Admin, &[]),
    (
        ServerFn,
        "regions/save",
        Admin,
        &[
            ("code", ""),
            ("name", ""),
            ("api_url", ""),
            ("secret", ""),
            ("checksum", "sha256"),
            ("max_meeting", ""),
            ("capacity", ""),
            ("event_tag", ""),
        ],
    ),
    (ServerFn, "regions/delete", Admin, &[("code", "zz")]),
    (ServerFn, "regions/test", Admin, &[("code", "zz")]),
    (ServerFn, "rooms/list", Member, &[]),
    (ServerFn, "pages/dashboard", Member, &[]),
    (ServerFn, "rooms/all", Admin, &[("query", ""), ("filter", ""), ("page", "0")]),
    (ServerFn, "rooms/create", Member, &[("name", "")]),
    (ServerFn, "rooms/page", Anyone, &[("slug", "{room}")]),
    (ServerFn, "rooms/rename", CoOwner, &[("slug", "{room}"), ("name", "")]),
    (
        ServerFn,
        "rooms/settings",
        CoOwner,
        &[
            ("slug", "{room}"),
            ("viewer_code", ""),
            ("moderator_code", ""),
            ("max_participants", ""),
            ("welcome", ""),
            ("region", "eu"),
        ],
    ),
    (ServerFn, "rooms/manage", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "rooms/move", CoOwner, &[("slug", "{room}"), ("region", "nowhere"), ("confirm", "on")]),
    (ServerFn, "rooms/share", Owner, &[("slug", "{room}"), ("email", "not an address")]),
    (ServerFn, "rooms/unshare", Owner, &[("slug", "{room}"), ("user_id", "999999")]),
    (ServerFn, "rooms/guest_links", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "rooms/presentations", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "rooms/presentation_upload", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "rooms/presentation", CoOwner, &[("slug", "{room}"), ("id", "999999"), ("action", "up")]),
    // The region fetching a presentation as it creates a meeting, by a signed address.
    (Route, "/files/presentation/{region}/{id}/{expires}/{signature}/{name}", Region, &[]),
    (
        ServerFn,
        "rooms/guest_link",
        CoOwner,
        &[("slug", "{room}"), ("name", ""), ("role", "participant"), ("valid_days", "7")],
    ),
    (ServerFn, "rooms/revoke_guest_link", CoOwner, &[("slug", "{room}"), ("id", "999999")]),
    (ServerFn, "rooms/types", Member, &[]),
    (ServerFn, "rooms/types_admin", Admin, &[]),
    (ServerFn, "rooms/type_save", Admin, &[("name", "")]),
    (ServerFn, "rooms/type_delete", Admin, &[("id", "0")]),
    (ServerFn, "rooms/set_type", Owner, &[("slug", "{room}"), ("room_type", "")]),
    (ServerFn, "rooms/transfer", Owner, &[("slug", "{doomed}"), ("email", "not an address"), ("confirm", "on")]),
    (ServerFn, "rooms/delete", Owner, &[("slug", "{doomed}"), ("confirm", "on")]),
    (ServerFn, "meetings/start", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "meetings/join", Anyone, &[("slug", "{open}"), ("name", "Visitor")]),
    (ServerFn, "meetings/end", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "status", Anyone, &[]),
    (ServerFn, "status/mine", Member, &[]),
    (ServerFn, "monitoring/overview", Admin, &[("window", "24h")]),
    (ServerFn, "schedule/page", Member, &[("week", "0")]),
    (ServerFn, "schedule/form", Member, &[("room", "")]),
    (ServerFn, "schedule/booking", CoOwnerOrInvited, &[("id", "{booking}")]),
    (
        ServerFn,
        "schedule/book",
        CoOwner,
        &[("room", "{room}"), ("title", ""), ("date", ""), ("time", ""), ("duration", ""), ("participants", "")],
    ),
    (
        ServerFn,
        "schedule/suggest",
        CoOwner,
        &[("room", "{room}"), ("title", ""), ("date", ""), ("time", ""), ("duration", ""), ("participants", "")],
    ),
    (
        ServerFn,
        "schedule/edit",
        CoOwner,
        &[
            ("id", "{booking}"),
            ("room", "{room}"),
            ("title", ""),
            ("date", ""),
            ("time", ""),
            ("duration", ""),
            ("participants", ""),
        ],
    ),
    (ServerFn, "schedule/cancel", CoOwner, &[("id", "{booking}")]),
    (ServerFn, "schedule/reminders", Member, &[("minutes", "7")]),
    (ServerFn, "schedule/feed_reset", Member, &[]),
    (ServerFn, "schedule/admin", Admin, &[]),
    (ServerFn, "schedule/decide", Admin, &[("id", "{booking}"), ("decision", "approve"), ("note", "")]),
    (
        ServerFn,
        "legacy/start",
        Admin,
        &[("legacy_url", "not a database"), ("region", "eu"), ("version", "auto"), ("on_conflict", "skip")],
    ),
    (ServerFn, "legacy/runs", Admin, &[]),
    (ServerFn, "contributions/admin", Admin, &[]),
    (ServerFn, "contributions/upload", Admin, &[]),
    (
        ServerFn,
        "contributions/save",
        Admin,
        &[
            ("email", "nobody"),
            ("amount", "x"),
            ("currency", "EUR"),
            ("date", ""),
            ("frequency", "oneoff"),
            ("source", "bank"),
        ],
    ),
    (ServerFn, "contributions/delete", Admin, &[("id", "0")]),
    (ServerFn, "contributions/link", Admin, &[("contributor", "0"), ("email", "nobody@example.coop")]),
    (ServerFn, "contributions/export.csv", Admin, &[]),
    (ServerFn, "contributions/mine", Member, &[]),
    (ServerFn, "contributions/profile", Member, &[("slug", "not a slug!")]),
    (ServerFn, "contributions/confirm_claim", Admin, &[("claim", "0")]),
    (ServerFn, "contributions/refuse_claim", Admin, &[("claim", "0")]),
    (ServerFn, "membership/mine", Member, &[]),
    (ServerFn, "membership/overview", Admin, &[]),
    (ServerFn, "membership/tier", Admin, &[("name", ""), ("monthly", "x"), ("currency", "EUR")]),
    (ServerFn, "membership/tier_delete", Admin, &[("id", "0")]),
    (ServerFn, "membership/rate", Admin, &[("from", "x"), ("to", "EUR"), ("rate", "")]),
    (ServerFn, "membership/grant", Admin, &[("email", "nobody"), ("tier", "0"), ("ends", ""), ("note", "")]),
    (ServerFn, "membership/revoke", Admin, &[("id", "0")]),
    (ServerFn, "meetings/enter", Guest, &[("slug", "{waiting}")]),
    (ServerFn, "sso/options", Anyone, &[]),
    (ServerFn, "sso/start", Anyone, &[("provider", "nope")]),
    (ServerFn, "sso/link", Anyone, &[("token", "nope")]),
    (ServerFn, "sso/admin", Admin, &[]),
    (ServerFn, "sso/save", Admin, &[("slug", ""), ("label", ""), ("issuer", ""), ("client_id", "")]),
    (ServerFn, "sso/delete", Admin, &[("slug", "nope")]),
    (ServerFn, "sso/passwords", Admin, &[("passwords", "on")]),
    (ServerFn, "recordings/list", Anyone, &[("slug", "{room}")]),
    (ServerFn, "recordings/open", Anyone, &[("slug", "{room}"), ("access_code", "")]),
    (ServerFn, "recordings/mine", Member, &[]),
    (ServerFn, "admin/recordings", Admin, &[("query", ""), ("region", ""), ("sort", "")]),
    (
        ServerFn,
        "assemblies/save",
        Admin,
        &[("booking", "{booking}"), ("voters", "active"), ("quorum", "3"), ("notice_days", "14"), ("keep_days", "365")],
    ),
    (ServerFn, "assemblies/rules", Admin, &[("id", "{booking}")]),
    (ServerFn, "assemblies/one", Anyone, &[("id", "{booking}")]),
    // Refused next to the consent box (none given), once let in.
    (ServerFn, "assemblies/join", Anyone, &[("id", "{booking}")]),
    (ServerFn, "assemblies/quorum", Owner, &[("id", "{booking}")]),
    (ServerFn, "assemblies/minutes", Owner, &[("id", "{booking}")]),
    (ServerFn, "assemblies/minutes.csv", Owner, &[("id", "{booking}")]),
    (ServerFn, "assemblies/admin", Admin, &[]),
    (ServerFn, "site/banners", Anyone, &[]),
    (ServerFn, "site/announcements", Admin, &[]),
    // Refused next to its fields (none given), once let in.
    (ServerFn, "site/announcement_save", Admin, &[("kind", "")]),
    (ServerFn, "site/announcement_delete", Admin, &[("id", "0")]),
    (ServerFn, "site/identity", Admin, &[]),
    // Refused next to its fields (none given), once let in.
    (ServerFn, "site/identity_save", Admin, &[("name", "")]),
    (ServerFn, "site/logo_upload", Admin, &[]),
    (ServerFn, "site/logo_remove", Admin, &[]),
    (ServerFn, "site/links", Admin, &[]),
    (ServerFn, "admin/registration_domains", Admin, &[]),
    (ServerFn, "admin/account", Admin, &[("id", "0")]),
    (ServerFn, "admin/account_edit", Admin, &[("id", "0"), ("name", ""), ("email", "")]),
    (ServerFn, "admin/account_delete", Admin, &[("id", "0"), ("confirm_email", "")]),
    // Refused next to its fields (none given), once let in.
    (ServerFn, "admin/account_create", Admin, &[("name", ""), ("email", ""), ("language", "en")]),
    // Refused next to the field (no domain), once let in.
    (ServerFn, "admin/registration_domains_save", Admin, &[("domains", "not a domain")]),
    (ServerFn, "accounts/open_domains", Anyone, &[]),
    (ServerFn, "accounts/my_data.json", Member, &[]),
    (ServerFn, "regions/maintenance", Admin, &[]),
    // Refused next to its fields (none given), once let in.
    (ServerFn, "regions/maintenance_save", Admin, &[("region", "")]),
    (ServerFn, "regions/maintenance_delete", Admin, &[("id", "0")]),
    (ServerFn, "regions/planned", Anyone, &[("soon", "false")]),
    // Refused next to the box (no terms to accept), once let in.
    (ServerFn, "site/links_save", Admin, &[("ask_terms", "on")]),
    (ServerFn, "site/legal", Anyone, &[("kind", "terms")]),
    // Refused next to the field (no member has the address), once let in.
    (ServerFn, "assemblies/allow", Admin, &[("email", "nobody@example.coop")]),
    (ServerFn, "assemblies/revoke", Admin, &[("id", "0")]),
    (ServerFn, "admin/recording_delete", Admin, &[("record_id", "none"), ("confirm", "on")]),
    (ServerFn, "recordings/one", CoOwner, &[("slug", "{room}"), ("record_id", "{record}")]),
    (ServerFn, "recordings/keep", CoOwner, &[("slug", "{room}"), ("record_id", "none"), ("keep", "false")]),
    (ServerFn, "recordings/rename", CoOwner, &[("slug", "{room}"), ("record_id", "none"), ("name", "N")]),
    (ServerFn, "recordings/describe", CoOwner, &[("slug", "{room}"), ("record_id", "none"), ("description", "")]),
    (ServerFn, "recordings/publish", CoOwner, &[("slug", "{room}"), ("record_id", "none"), ("publish", "true")]),
    (
        ServerFn,
        "recordings/visibility",
        CoOwner,
        &[("slug", "{room}"), ("record_id", "none"), ("visibility", "public")],
    ),
    (ServerFn, "recordings/delete", CoOwner, &[("slug", "{room}"), ("record_id", "none"), ("confirm", "on")]),
    // Pages are shells for anyone (what they show comes from the server functions above), but for a
    // room's settings page and a booking's page, which answer 403 to those who do not manage the
    // room, and the schedule's pages, which answer 401 to visitors who are not signed in.
    (Page, "/", Anyone, &[]),
    (Page, "/login", Anyone, &[]),
    (Page, "/signup", Anyone, &[]),
    (Page, "/signup/done", Anyone, &[]),
    (Page, "/verify", Anyone, &[]),
    (Page, "/verify/resend", Anyone, &[]),
    (Page, "/password/forgot", Anyone, &[]),
    (Page, "/password/reset", Anyone, &[]),
    (Page, "/email/confirm", Anyone, &[]),
    (Page, "/dashboard", Anyone, &[]),
    (Page, "/status", Anyone, &[]),
    (Page, "/profile", Anyone, &[]),
    (Page, "/recordings", Anyone, &[]),
    (Page, "/admin/recordings", Anyone, &[]),
    (Page, "/assemblies/{id}", Anyone, &[]),
    (Page, "/assemblies/{id}/rules", Admin, &[]),
    (Page, "/assemblies/{id}/minutes", Owner, &[]),
    (Page, "/r/{slug}", Anyone, &[]),
    (Page, "/r/{slug}/wait", Anyone, &[]),
    (Page, "/r/{slug}/recordings/{record_id}", CoOwner, &[]),
    (Page, "/r/{slug}/settings", CoOwner, &[]),
    (Page, "/admin/accounts", Anyone, &[]),
    (Page, "/admin/regions", Anyone, &[]),
    (Page, "/admin/rooms", Anyone, &[]),
    (Page, "/admin/room-types", Anyone, &[]),
    (Page, "/admin/assemblies", Anyone, &[]),
    (Page, "/admin/announcements", Anyone, &[]),
    (Page, "/admin/site", Anyone, &[]),
    (Page, "/admin/accounts/{id}", Anyone, &[]),
    (Page, "/admin/maintenance", Anyone, &[]),
    (Page, "/legal/{kind}", Anyone, &[]),
    (Page, "/admin/security", Anyone, &[]),
    (Page, "/admin/monitoring", Anyone, &[]),
    (Page, "/admin/schedule", Anyone, &[]),
    (Page, "/admin/legacy", Anyone, &[]),
    (Page, "/admin/membership", Anyone, &[]),
    (Page, "/admin/contributions", Anyone, &[]),
    (Page, "/admin/sign-in", Anyone, &[]),
    (Page, "/sso/link", Anyone, &[]),
    (Page, "/membership", Anyone, &[]),
    (Page, "/schedule", Member, &[]),
    (Page, "/schedule/new", Member, &[]),
    (Page, "/schedule/{id}", CoOwnerOrInvited, &[]),
    (Route, "/healthz", Anyone, &[]),
    // Anyone: the header of every page shows it (404 until the admins upload one).
    (Route, "/site/logo", Anyone, &[]),
    (Route, "/readyz", Anyone, &[]),
    (Route, "/status.json", Anyone, &[]),
    (Route, "/r/{slug}/join", Guest, &[]),
    (Route, "/bbb/callback/end/{slug}", Region, &[]),
    (Route, "/bbb/callback/recording/{slug}", Region, &[]),
    (Route, "/bbb/callback/analytics/{id}", Region, &[]),
    // Playback of `{record}`, the room's recording, kept for the room's people by default; each
    // visibility and caller is tried in `authorization/recordings.rs`.
    (Route, "/r/{slug}/recordings/{record_id}/{format}", Sharer, &[]),
    (Route, "/r/{slug}/recordings/{record_id}/{format}/file", Sharer, &[]),
    (Route, "/cal/{file}", Holder, &[]),
    // The single sign-on callback: without a flow this session started, it only sends back to login.
    (Route, "/auth/oidc/{slug}/callback", Anyone, &[]),
    // Old links of rooms imported from a legacy Greenlight: a redirect to the room's page.
    (Route, "/b/{slug}", Anyone, &[]),
    (Route, "/{slug}", Anyone, &[]),
    (Route, "/rooms/{slug}", Anyone, &[]),
    (Route, "/rooms/{slug}/join", Anyone, &[]),
    // Not routes of the public address, yet reached through it: built assets for anyone; the
    // metrics only on the internal address; an address that is nothing is nothing for everyone.
    (Route, "/pkg/{file}", Anyone, &[]),
    (Route, "/metrics", Nobody, &[]),
    (Route, "/no/such/page", Nobody, &[]),
];

/// The callers, least privileged first (so a row that deletes is tried by those refused first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caller {
    Anonymous,
    Suspended,
    GuestWithAdmission,
    Member,
    /// A member invited to the owner's booking: it is in their calendar, and that is all.
    Invitee,
    /// Members the room is shared with as participant and as moderator: they join without the
    /// code, and manage nothing.
    Participant,
    Moderator,
    CoOwner,
    Owner,
    Admin,
}

pub(crate) const CALLERS: [Caller; 10] = [
    Caller::Anonymous,
    Caller::Suspended,
    Caller::GuestWithAdmission,
    Caller::Member,
    Caller::Invitee,
    Caller::Participant,
    Caller::Moderator,
    Caller::CoOwner,
    Caller::Owner,
    Caller::Admin,
];

pub(crate) fn allowed(who: Who, caller: Caller) -> bool {
    let level = match caller {
        Caller::Anonymous | Caller::Suspended | Caller::GuestWithAdmission => Anyone,
        Caller::Member | Caller::Invitee | Caller::Participant | Caller::Moderator => Member,
        Caller::CoOwner => CoOwner,
        Caller::Owner => Owner,
        Caller::Admin => Admin,
    };
    match who {
        Guest => caller == Caller::GuestWithAdmission,
        Region | Holder | Nobody => false,
        CoOwnerOrInvited => caller == Caller::Invitee || level >= CoOwner,
        Sharer => matches!(caller, Caller::Participant | Caller::Moderator) || level >= CoOwner,
        _ => level >= who,
    }
}

pub(crate) struct World {
    pub(crate) app: TestApp,
    browsers: Vec<(Caller, Browser)>,
    values: Vec<(&'static str, String)>,
    /// The region's address, which no answer to the public may name.
    pub(crate) region_url: String,
    pub(crate) fake: server::fake_bbb::Fake,
    _site: tempdir::Site,
}

/// A site folder with one built asset, for the `/pkg` row.
mod tempdir {
    pub struct Site(pub std::path::PathBuf);
    impl Site {
        pub fn new() -> Site {
            let dir = std::env::temp_dir().join(format!("quorum-site-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(dir.join("pkg")).unwrap();
            std::fs::write(dir.join("pkg/quorum.js"), "// built").unwrap();
            Site(dir)
        }
    }
    impl Drop for Site {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

const PW: &str = "correct horse battery";
const LOGINS: [(Caller, &str); 7] = [
    (Caller::Member, "carl@example.coop"),
    (Caller::Invitee, "ivy@example.coop"),
    (Caller::Participant, "pat@example.coop"),
    (Caller::Moderator, "mo@example.coop"),
    (Caller::CoOwner, "bob@example.coop"),
    (Caller::Owner, "ann@example.coop"),
    (Caller::Admin, "dee@example.coop"),
];

/// Adds `email` to the invitees of booking `id` in `room`, keeping the rest as booked.
async fn invite(app: &TestApp, who: &Browser, id: &str, room: &str, email: &str) {
    let tomorrow =
        chrono::DateTime::from_timestamp(app.clock.now().secs() + 86_400, 0).expect("a date").format("%Y-%m-%d");
    let date = tomorrow.to_string();
    let form = [
        ("id", id),
        ("room", room),
        ("title", "Booked"),
        ("date", date.as_str()),
        ("time", "10:00"),
        ("duration", "60"),
        ("participants", "5"),
        ("invitees", email),
    ];
    who.call("schedule/edit", &form).await.ok();
}

/// Books `room` for five people tomorrow at 10:00 as `who`; the booking's id.
pub(crate) async fn book_tomorrow(app: &TestApp, who: &Browser, room: &str) -> String {
    let tomorrow =
        chrono::DateTime::from_timestamp(app.clock.now().secs() + 86_400, 0).expect("a date").format("%Y-%m-%d");
    let form = [("room", room), ("title", "Booked"), ("time", "10:00"), ("duration", "60"), ("participants", "5")];
    let date = tomorrow.to_string();
    let form: Vec<(&str, &str)> = form.into_iter().chain([("date", date.as_str())]).collect();
    who.call("schedule/book", &form).await.ok().as_i64().expect("a booking").to_string()
}

impl World {
    pub(crate) async fn new(db: Db) -> World {
        let site = tempdir::Site::new();
        let root = site.0.clone();
        let app = TestApp::spawn_with(db, |config| config.site_root = root).await;
        let fake = with_regions(&app).await;
        let dee = app.admin("dee@example.coop").await;
        let ann = app.member("Ann", "ann@example.coop", PW).await;
        let bob = app.member("Bob", "bob@example.coop", PW).await;
        let carl = app.member("Carl", "carl@example.coop", PW).await;
        let ivy = app.member("Ivy", "ivy@example.coop", PW).await;
        let pat = app.member("Pat", "pat@example.coop", PW).await;
        let mo = app.member("Mo", "mo@example.coop", PW).await;
        let sue = app.member("Sue", "sue@example.coop", PW).await;
        let eve = app.member("Eve", "eve@example.coop", PW).await;
        let sue_id = app.user_id("sue@example.coop").await.to_string();
        dee.call("admin/account_action", &[("id", &sue_id), ("action", "suspend")]).await.ok();
        let room = create(&ann, "Room").await;
        ann.call("rooms/share", &[("slug", &room), ("email", "bob@example.coop")]).await.ok();
        for (email, role) in [("pat@example.coop", "participant"), ("mo@example.coop", "moderator")] {
            ann.call("rooms/share", &[("slug", &room), ("email", email), ("role", role)]).await.ok();
        }
        let record = fake.add_recording(&app.meeting_id(&room).await, "Talk");
        let doomed = create(&ann, "Doomed").await;
        let open = create(&ann, "Open").await;
        let waiting = create(&ann, "Waiting").await;
        let booking = book_tomorrow(&app, &ann, &room).await;
        invite(&app, &ann, &booking, &room, "ivy@example.coop").await;
        // Another member's room, booking and recording: the second object of every row.
        let others_room = create(&eve, "Eve's room").await;
        let others_record = fake.add_recording(&app.meeting_id(&others_room).await, "Eve's talk");
        let others_booking = book_tomorrow(&app, &eve, &others_room).await;
        // Both bookings are assemblies: their organisers chair them.
        for id in [&booking, &others_booking] {
            let rules = [
                ("booking", id.as_str()),
                ("voters", "active"),
                ("quorum", "3"),
                ("notice_days", "14"),
                ("keep_days", "365"),
            ];
            dee.call("assemblies/save", &rules).await.ok();
        }
        let region_url: String =
            sqlx::query_scalar("SELECT api_url FROM regions WHERE code = 'eu'").fetch_one(&app.pool).await.unwrap();
        let gus = app.browser();
        let values = vec![
            ("{others_room}", others_room),
            ("{others_booking}", others_booking),
            ("{others_record}", others_record),
            ("{record}", record),
            ("{room}", room),
            ("{doomed}", doomed),
            ("{open}", open),
            ("{waiting}", waiting),
            ("{member}", app.user_id("carl@example.coop").await.to_string()),
            ("{booking}", booking),
        ];
        let browsers = vec![
            (Caller::Anonymous, app.browser()),
            (Caller::Suspended, sue),
            (Caller::GuestWithAdmission, gus),
            (Caller::Member, carl),
            (Caller::Invitee, ivy),
            (Caller::Participant, pat),
            (Caller::Moderator, mo),
            (Caller::CoOwner, bob),
            (Caller::Owner, ann),
            (Caller::Admin, dee),
        ];
        let world = World { app, browsers, values, region_url, fake, _site: site };
        world.admit_guest().await;
        world
    }

    pub(crate) fn fill(&self, text: &str) -> String {
        self.values.iter().fold(text.to_string(), |t, (k, v)| t.replace(k, v))
    }

    async fn admit_guest(&self) {
        let gus = self.browser(Caller::GuestWithAdmission);
        let slug = self.fill("{waiting}");
        let waiting = gus.call("meetings/join", &[("slug", &slug), ("name", "Gus")]).await;
        assert_eq!(waiting.headers["location"], format!("/r/{slug}/wait"));
    }

    /// After a row that signs callers out, everyone is as before.
    async fn restore(&self) {
        for (caller, email) in LOGINS {
            let password = if caller == Caller::Admin { "admin password 1" } else { PW };
            self.browser(caller).login(email, password).await.ok();
        }
        self.admit_guest().await;
    }

    pub(crate) fn browser(&self, caller: Caller) -> &Browser {
        &self.browsers.iter().find(|(c, _)| *c == caller).expect("caller").1
    }

    /// True when the caller was let through (whatever came after: an error of input, not found…).
    async fn passes(&self, kind: Kind, path: &str, args: &[(&str, &str)], caller: Caller) -> bool {
        self.reaches(kind, path, args, caller, &[]).await.is_some()
    }

    /// Calls a row with its objects swapped (`{room}` for `{others_room}`, …): `None` when refused
    /// at the door (not signed in, forbidden; a page or route that does not answer), `Some(false)`
    /// when a server function let the caller in but found no such object for them, `Some(true)` when
    /// it reached the object.
    pub(crate) async fn reaches(
        &self,
        kind: Kind,
        path: &str,
        args: &[(&str, &str)],
        caller: Caller,
        swap: &[(&str, &str)],
    ) -> Option<bool> {
        let fill = |text: &str| self.fill(&swap.iter().fold(text.to_string(), |t, (k, v)| t.replace(k, v)));
        let b = self.browser(caller);
        let passed = match kind {
            ServerFn => {
                let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), fill(v))).collect();
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let answer = match path {
                    // A file upload, and a download by its link.
                    "contributions/upload" => b.upload(path, "export.csv", b"id,amount\n").await,
                    // Not a presentation: refused for its kind, once the room let the caller in.
                    "rooms/presentation_upload" => b.upload_with(path, &args, "notes.txt", b"plain text").await,
                    // Not a picture: refused for its kind, once let in.
                    "site/logo_upload" => b.upload(path, "logo.png", b"plain text").await,
                    "contributions/export.csv" | "accounts/my_data.json" => {
                        return (b.get(&format!("/api/{path}")).await.status() == 200).then_some(true);
                    }
                    "assemblies/minutes.csv" => {
                        let id = args.iter().find(|(k, _)| *k == "id").map_or("", |(_, v)| v);
                        let status = b.get(&format!("/api/{path}?id={id}")).await.status();
                        return match status.as_u16() {
                            200 => Some(true),
                            404 => Some(false),
                            _ => None,
                        };
                    }
                    _ => b.call(path, &args).await,
                };
                return match answer.result {
                    Err(AppError::NotSignedIn | AppError::Forbidden) => None,
                    Err(AppError::NotFound) => Some(false),
                    _ => Some(true),
                };
            }
            Page => {
                let path = path.replace("{slug}", &fill("{room}")).replace("{id}", &fill("{booking}"));
                let path = path.replace("{record_id}", &fill("{record}"));
                b.get(&path).await.status() == 200
            }
            Route => {
                let slug = fill(if path == "/r/{slug}/join" { "{waiting}" } else { "{room}" });
                let url = path.replace("{slug}", &slug).replace("{file}", "quorum.js");
                // A format's file is a video's; the player is the presentation's.
                let format = if path.ends_with("/file") { "video" } else { "presentation" };
                let url = url.replace("{record_id}", &fill("{record}")).replace("{format}", format);
                let answer = if path.starts_with("/bbb/callback/recording") {
                    b.client.post(format!("{}{url}", b.base)).form(&[("signed_parameters", "x.y.z")]).send().await
                } else if path.starts_with("/bbb/callback/analytics") {
                    let url = url.replace("{id}", &fill("{booking}"));
                    b.client.post(format!("{}{url}?region=eu&sig=00", b.base)).body("{}").send().await
                } else {
                    b.client.get(format!("{}{url}?run=x&sig=00", b.base)).send().await
                };
                let answer = answer.expect("request");
                if path == "/site/logo" {
                    // No logo yet: anyone is told so, as anyone would get it.
                    return (answer.status() == 404).then_some(true);
                }
                // A refused join sends the visitor back to the room; an old link leads there.
                let old_link = path.starts_with("/b/") || path.starts_with("/rooms/") || path == "/{slug}";
                let back_to_room =
                    !old_link && answer.headers().get("location").is_some_and(|l| *l == *format!("/r/{slug}"));
                let to_sign_in = answer.headers().get("location").is_some_and(|l| *l == "/login");
                let back_to_room = back_to_room || to_sign_in;
                answer.status().is_success() || (answer.status().is_redirection() && !back_to_room)
            }
        };
        passed.then_some(true)
    }
}

async fn every_row_of_the_authorization_table_holds(db: Db) {
    let world = World::new(db).await;
    let mut wrong = Vec::new();
    for (kind, path, who, args) in TABLE {
        for caller in CALLERS {
            let passed = world.passes(*kind, path, args, caller).await;
            if passed != allowed(*who, caller) {
                wrong.push(format!("{path} by {caller:?}: {}", if passed { "let through" } else { "refused" }));
            }
        }
        // These sign callers out, or give the guest another room's admission.
        if matches!(*path, "accounts/logout" | "meetings/join") {
            world.restore().await;
        }
    }
    assert!(wrong.is_empty(), "the table and the portal disagree:\n{}", wrong.join("\n"));
    let _ = &world.app;
}
on_both_databases!(every_row_of_the_authorization_table_holds);

#[test]
fn every_server_function_page_and_route_has_a_row() {
    let listed = |kind: Kind, path: &str| TABLE.iter().any(|(k, p, ..)| *k == kind && *p == path);
    let mut missing = Vec::new();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        let name = path.trim_start_matches("/api/");
        if !listed(ServerFn, name) {
            missing.push(format!("server function {name}"));
        }
    }
    for path in server::http::site::page_paths() {
        if !listed(Page, &path) {
            missing.push(format!("page {path}"));
        }
    }
    for path in server::startup::routes::plain_paths() {
        if !listed(Route, path) {
            missing.push(format!("route {path}"));
        }
    }
    assert!(missing.is_empty(), "add a row to the authorization table for:\n{}", missing.join("\n"));
}

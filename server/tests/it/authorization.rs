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
enum Who {
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ServerFn,
    Page,
    Route,
}

use Kind::{Page, Route, ServerFn};
use Who::*;

/// `{room}` is a room of the owner shared with the co-owner; `{doomed}` one the owner may delete;
/// `{open}` a room anyone may join; `{waiting}` the room the guest waits for; `{member}` the plain
/// member's account id; `{booking}` a booking of the owner's in `{room}`.
/// One row: what, its path or endpoint, the least privileged caller, the arguments it is called with.
type Row = (Kind, &'static str, Who, &'static [(&'static str, &'static str)]);

const TABLE: &[Row] = &[
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
    (ServerFn, "rooms/delete", Owner, &[("slug", "{doomed}"), ("confirm", "on")]),
    (ServerFn, "meetings/start", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "meetings/join", Anyone, &[("slug", "{open}"), ("name", "Visitor")]),
    (ServerFn, "meetings/end", CoOwner, &[("slug", "{room}")]),
    (ServerFn, "status", Anyone, &[]),
    (ServerFn, "status/mine", Member, &[]),
    (ServerFn, "monitoring/overview", Admin, &[("window", "24h")]),
    (ServerFn, "schedule/page", Member, &[("week", "0")]),
    (ServerFn, "schedule/form", Member, &[("room", "")]),
    (ServerFn, "schedule/booking", CoOwner, &[("id", "{booking}")]),
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
    (ServerFn, "recordings/mine", Member, &[]),
    (ServerFn, "recordings/rename", CoOwner, &[("slug", "{room}"), ("record_id", "none"), ("name", "N")]),
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
    (Page, "/r/{slug}", Anyone, &[]),
    (Page, "/r/{slug}/wait", Anyone, &[]),
    (Page, "/r/{slug}/settings", CoOwner, &[]),
    (Page, "/admin/accounts", Anyone, &[]),
    (Page, "/admin/regions", Anyone, &[]),
    (Page, "/admin/rooms", Anyone, &[]),
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
    (Page, "/schedule/{id}", CoOwner, &[]),
    (Route, "/healthz", Anyone, &[]),
    (Route, "/readyz", Anyone, &[]),
    (Route, "/status.json", Anyone, &[]),
    (Route, "/r/{slug}/join", Guest, &[]),
    (Route, "/bbb/callback/end/{slug}", Region, &[]),
    (Route, "/bbb/callback/recording/{slug}", Region, &[]),
    (Route, "/cal/{file}", Holder, &[]),
    // The single sign-on callback: without a flow this session started, it only sends back to login.
    (Route, "/auth/oidc/{slug}/callback", Anyone, &[]),
    // Old links of rooms imported from a legacy Greenlight: a redirect to the room's page.
    (Route, "/b/{slug}", Anyone, &[]),
    (Route, "/{slug}", Anyone, &[]),
    (Route, "/rooms/{slug}", Anyone, &[]),
    (Route, "/rooms/{slug}/join", Anyone, &[]),
];

/// The callers, least privileged first (so a row that deletes is tried by those refused first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Suspended,
    GuestWithAdmission,
    Member,
    CoOwner,
    Owner,
    Admin,
}

const CALLERS: [Caller; 7] = [
    Caller::Anonymous,
    Caller::Suspended,
    Caller::GuestWithAdmission,
    Caller::Member,
    Caller::CoOwner,
    Caller::Owner,
    Caller::Admin,
];

fn allowed(who: Who, caller: Caller) -> bool {
    let level = match caller {
        Caller::Anonymous | Caller::Suspended | Caller::GuestWithAdmission => Anyone,
        Caller::Member => Member,
        Caller::CoOwner => CoOwner,
        Caller::Owner => Owner,
        Caller::Admin => Admin,
    };
    match who {
        Guest => caller == Caller::GuestWithAdmission,
        Region | Holder => false,
        _ => level >= who,
    }
}

struct World {
    app: TestApp,
    browsers: Vec<(Caller, Browser)>,
    values: Vec<(&'static str, String)>,
}

const PW: &str = "correct horse battery";
const LOGINS: [(Caller, &str); 4] = [
    (Caller::Member, "carl@example.coop"),
    (Caller::CoOwner, "bob@example.coop"),
    (Caller::Owner, "ann@example.coop"),
    (Caller::Admin, "dee@example.coop"),
];

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
    async fn new(db: Db) -> World {
        let app = TestApp::spawn(db).await;
        let fake = with_regions(&app).await;
        let dee = app.admin("dee@example.coop").await;
        let ann = app.member("Ann", "ann@example.coop", PW).await;
        let bob = app.member("Bob", "bob@example.coop", PW).await;
        let carl = app.member("Carl", "carl@example.coop", PW).await;
        let sue = app.member("Sue", "sue@example.coop", PW).await;
        let sue_id = app.user_id("sue@example.coop").await.to_string();
        dee.call("admin/account_action", &[("id", &sue_id), ("action", "suspend")]).await.ok();
        let room = create(&ann, "Room").await;
        ann.call("rooms/share", &[("slug", &room), ("email", "bob@example.coop")]).await.ok();
        fake.add_recording(&app.meeting_id(&room).await, "Talk");
        let doomed = create(&ann, "Doomed").await;
        let open = create(&ann, "Open").await;
        let waiting = create(&ann, "Waiting").await;
        let booking = book_tomorrow(&app, &ann, &room).await;
        let gus = app.browser();
        let values = vec![
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
            (Caller::CoOwner, bob),
            (Caller::Owner, ann),
            (Caller::Admin, dee),
        ];
        let world = World { app, browsers, values };
        world.admit_guest().await;
        world
    }

    fn fill(&self, text: &str) -> String {
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

    fn browser(&self, caller: Caller) -> &Browser {
        &self.browsers.iter().find(|(c, _)| *c == caller).expect("caller").1
    }

    /// True when the caller was let through (whatever came after: an error of input, not found…).
    async fn passes(&self, kind: Kind, path: &str, args: &[(&str, &str)], caller: Caller) -> bool {
        let b = self.browser(caller);
        match kind {
            ServerFn => {
                let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), self.fill(v))).collect();
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let answer = match path {
                    // A file upload, and a download by its link.
                    "contributions/upload" => b.upload(path, "export.csv", b"id,amount\n").await,
                    "contributions/export.csv" => return b.get(&format!("/api/{path}")).await.status() == 200,
                    _ => b.call(path, &args).await,
                };
                !matches!(answer.result, Err(AppError::NotSignedIn | AppError::Forbidden))
            }
            Page => {
                let path = path.replace("{slug}", &self.fill("{room}")).replace("{id}", &self.fill("{booking}"));
                b.get(&path).await.status() == 200
            }
            Route => {
                let slug = self.fill(if path == "/r/{slug}/join" { "{waiting}" } else { "{room}" });
                let url = path.replace("{slug}", &slug);
                let answer = if path.starts_with("/bbb/callback/recording") {
                    b.client.post(format!("{}{url}", b.base)).form(&[("signed_parameters", "x.y.z")]).send().await
                } else {
                    b.client.get(format!("{}{url}?run=x&sig=00", b.base)).send().await
                };
                let answer = answer.expect("request");
                // A refused join sends the visitor back to the room; an old link leads there.
                let old_link = path.starts_with("/b/") || path.starts_with("/rooms/") || path == "/{slug}";
                let back_to_room =
                    !old_link && answer.headers().get("location").is_some_and(|l| *l == *format!("/r/{slug}"));
                answer.status().is_success() || (answer.status().is_redirection() && !back_to_room)
            }
        }
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
    for path in server::site::page_paths() {
        if !listed(Page, &path) {
            missing.push(format!("page {path}"));
        }
    }
    for path in server::startup::PLAIN_ROUTES {
        if !listed(Route, path) {
            missing.push(format!("route {path}"));
        }
    }
    assert!(missing.is_empty(), "add a row to the authorization table for:\n{}", missing.join("\n"));
}

//! The house's rules as data: the layers, the order of the features and the owner of each table.
//! `server/tests/it/house.rs` reads the sources against them and fails on a step out of line, so
//! this list and `docs/architecture.md` say the same thing and stay true.

/// The features, bottom to top. A feature may import only those before it here; a lower feature
/// that must follow a higher one's change (an account deleted, so its rooms go) is orchestrated by
/// the pages layer, never by importing upwards.
pub const FEATURES: &[&str] = &[
    "accounts",
    "site",
    "sso",
    "regions",
    "membership",
    "contributions",
    "rooms",
    "monitoring",
    "schedule",
    "meetings",
    "recordings",
    "legacy",
    "assemblies",
];

/// The top of the house: pages that compose several features, the table of pages, the frame, and
/// the server functions that reach across features. No feature imports it.
pub const PAGES: &str = "pages";

/// Modules every feature may use, which import no feature and not the pages.
pub const CROSS_CUTTING: &[&str] = &[
    "bbb",
    "client_address",
    "clock",
    "csv_cell",
    "dates",
    "db",
    "edge",
    "error",
    "files",
    "hooks",
    "house",
    "i18n",
    "jobs",
    "limits",
    "mail",
    "money",
    "outbound",
    "recent",
    "secrets",
    "security_log",
    "time_display",
    "ui",
];

/// The context every handler reaches (`state::AppState`). It names each feature's caches and
/// policies so they can be held once per process, and nothing else of theirs.
pub const CONTEXT: &str = "state";

/// Each table and the one module (a file, or a folder ending in `/`, under `app/src/`) that writes
/// it. Everyone else, importers included, calls that module's functions. A new table needs a line.
pub const TABLE_OWNERS: &[(&str, &str)] = &[
    ("users", "accounts/service/users/"),
    ("account_tokens", "accounts/service/tokens.rs"),
    ("invitations", "accounts/service/registration.rs"),
    ("sso_providers", "sso/service/providers.rs"),
    ("sso_identities", "sso/service/identities.rs"),
    ("sso_link_requests", "sso/service/confirm.rs"),
    ("regions", "regions/service/mod.rs"),
    ("tiers", "membership/service/tiers.rs"),
    ("currency_rates", "membership/service/tiers.rs"),
    ("tier_grants", "membership/service/grants.rs"),
    ("membership_notices", "membership/service/lapsing.rs"),
    ("contributors", "contributions/service/store.rs"),
    ("contributions", "contributions/service/store.rs"),
    ("contribution_audit", "contributions/service/store.rs"),
    ("contribution_imports", "contributions/service/store.rs"),
    ("contributor_claims", "contributions/service/store/claims.rs"),
    ("rooms", "rooms/service/"),
    ("room_shares", "rooms/service/"),
    ("room_guest_links", "rooms/service/guest_links.rs"),
    ("room_guest_link_uses", "rooms/service/guest_links.rs"),
    ("room_presentations", "rooms/service/presentations/"),
    ("meeting_runs", "rooms/service/history.rs"),
    ("meeting_attendees", "meetings/service/attendance.rs"),
    ("room_types", "rooms/service/types/"),
    ("region_health", "monitoring/service/health.rs"),
    ("region_incidents", "monitoring/service/health.rs"),
    ("region_samples", "monitoring/service/health.rs"),
    ("bookings", "schedule/service/store.rs"),
    ("booking_invitees", "schedule/service/store.rs"),
    ("booking_sends", "schedule/service/store.rs"),
    ("schedule_members", "schedule/service/store.rs"),
    ("booking_locks", "schedule/service/capacity.rs"),
    ("meeting_counts", "meetings/service/seats.rs"),
    ("meeting_seats", "meetings/service/seats.rs"),
    ("recording_consents", "meetings/service/consent.rs"),
    ("recording_notices", "recordings/service/ready.rs"),
    ("legacy_origins", "legacy/service/origins.rs"),
    ("legacy_runs", "legacy/service/runs.rs"),
    ("mail_outbox", "mail.rs"),
    ("webhook_outbox", "hooks.rs"),
    ("auth_failures", "limits.rs"),
    ("job_leases", "jobs/lease.rs"),
    ("security_events", "security_log.rs"),
    ("recording_lists", "recordings/service/"),
    ("recording_index", "recordings/service/index.rs"),
    ("assemblies", "assemblies/service/store.rs"),
    ("assembly_voters", "assemblies/service/store.rs"),
    ("assembly_attendees", "assemblies/service/store.rs"),
    ("assembly_presence", "assemblies/service/store.rs"),
    ("assembly_quorum", "assemblies/service/store.rs"),
    ("assembly_notices", "assemblies/service/store.rs"),
    ("announcements", "site/service/announcements.rs"),
    ("announcement_texts", "site/service/announcements.rs"),
    ("site_identity", "site/service/identity/"),
    ("site_links", "site/service/identity/links.rs"),
    ("maintenance_windows", "regions/service/maintenance.rs"),
    ("maintenance_notices", "schedule/service/maintenance.rs"),
    ("assembly_polls", "assemblies/service/polls.rs"),
    ("assembly_callers", "assemblies/service/callers.rs"),
    ("recording_index_rooms", "recordings/service/index.rs"),
    ("recording_keeps", "recordings/service/retention.rs"),
    ("recording_expiry_notices", "recordings/service/retention.rs"),
    ("settings", "db.rs"),
];

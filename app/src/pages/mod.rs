//! The pages layer, the top of the house: every page, and the pages that compose several features
//! (a room's page with its meeting, bookings, recordings and region; the dashboard; an account's
//! sign-in and settings; the admins' overview), with the server functions that orchestrate more
//! than one feature (deleting an account retires its rooms; deleting a room its recordings).
//! Features never import this layer (`server/tests/it/house.rs`).
pub mod account;
mod dashboard;
mod frame;
mod home;
mod membership;
mod menu;
mod monitoring;
mod people;
pub mod room;
#[cfg(feature = "ssr")]
pub mod routes;
mod shell;

use crate::accounts::ui::{
    AccountsPage, ConfirmEmailPage, ForgotPage, ResendPage, ResetPage, SecurityLogPage, SignupDonePage, SignupPage,
    VerifyPage,
};
use crate::i18n::t;
use crate::recordings::ui::MyRecordingsPage;
use crate::regions::ui::RegionsPage;
use crate::rooms::ui::AllRoomsPage;
use leptos::prelude::*;
pub use shell::{App, shell};

/// A page of the portal: the path axum routes to it (`{slug}` a named part, read by
/// `ui::address::param`) and what it shows inside the page frame.
pub struct Page {
    pub path: &'static str,
    pub view: fn() -> AnyView,
}

/// Every page. The server routes each path to its page (`server/src/http/site.rs`); there is no router
/// in the page itself: pages are whole HTML from the server and only islands wake in the browser,
/// so there is no navigation for a router to do there, and on the server leptos_router only did
/// axum's matching a second time, with signals and memos, on every request (bench/README.md).
#[rustfmt::skip]
pub const PAGES: &[Page] = &[
    Page { path: "/", view: || view! { <home::HomePage/> }.into_any() },
    Page { path: "/signup", view: || view! { <SignupPage/> }.into_any() },
    Page { path: "/signup/done", view: || view! { <SignupDonePage/> }.into_any() },
    Page { path: "/login", view: || view! { <account::LoginPage/> }.into_any() },
    Page { path: "/verify", view: || view! { <VerifyPage/> }.into_any() },
    Page { path: "/verify/resend", view: || view! { <ResendPage/> }.into_any() },
    Page { path: "/password/forgot", view: || view! { <ForgotPage/> }.into_any() },
    Page { path: "/password/reset", view: || view! { <ResetPage/> }.into_any() },
    Page { path: "/email/confirm", view: || view! { <ConfirmEmailPage/> }.into_any() },
    Page { path: "/status", view: || view! { <crate::monitoring::ui::StatusPage/> }.into_any() },
    Page { path: "/dashboard", view: || view! { <dashboard::DashboardPage/> }.into_any() },
    Page { path: "/profile", view: || view! { <account::ProfilePage/> }.into_any() },
    Page { path: "/recordings", view: || view! { <MyRecordingsPage/> }.into_any() },
    Page { path: "/admin/accounts", view: || view! { <AccountsPage/> }.into_any() },
    Page { path: "/admin/regions", view: || view! { <RegionsPage/> }.into_any() },
    Page { path: "/admin/rooms", view: || view! { <AllRoomsPage/> }.into_any() },
    Page { path: "/admin/recordings", view: || view! { <crate::recordings::ui::AdminRecordingsPage/> }.into_any() },
    Page { path: "/assemblies/{id}", view: || view! { <crate::assemblies::ui::AssemblyPage/> }.into_any() },
    Page { path: "/assemblies/{id}/rules", view: || view! { <crate::assemblies::ui::AssemblyRulesPage/> }.into_any() },
    Page { path: "/assemblies/{id}/minutes", view: || view! { <crate::assemblies::ui::MinutesPage/> }.into_any() },
    Page { path: "/admin/announcements", view: || view! { <crate::site::ui::AdminAnnouncementsPage/> }.into_any() },
    Page { path: "/admin/maintenance", view: || view! { <crate::regions::ui::AdminMaintenancePage/> }.into_any() },
    Page { path: "/admin/accounts/{id}", view: || view! { <people::PersonPage/> }.into_any() },
    Page { path: "/admin/site", view: || view! { <crate::site::ui::AdminSitePage/> }.into_any() },
    Page { path: "/legal/{kind}", view: || view! { <crate::site::ui::LegalPage/> }.into_any() },
    Page { path: "/admin/assemblies", view: || view! { <crate::assemblies::ui::AdminAssembliesPage/> }.into_any() },
    Page { path: "/admin/room-types", view: || view! { <crate::rooms::ui::AdminRoomTypesPage/> }.into_any() },
    Page { path: "/admin/monitoring", view: || view! { <monitoring::MonitoringPage/> }.into_any() },
    Page { path: "/admin/security", view: || view! { <SecurityLogPage/> }.into_any() },
    Page { path: "/admin/sign-in", view: || view! { <crate::sso::ui::SsoAdminPage/> }.into_any() },
    Page { path: "/sso/link", view: || view! { <crate::sso::ui::ConfirmLinkPage/> }.into_any() },
    Page { path: "/schedule", view: || view! { <crate::schedule::ui::SchedulePage/> }.into_any() },
    Page { path: "/schedule/new", view: || view! { <crate::schedule::ui::NewBookingPage/> }.into_any() },
    Page { path: "/schedule/{id}", view: || view! { <crate::schedule::ui::BookingPage/> }.into_any() },
    Page { path: "/admin/schedule", view: || view! { <crate::schedule::ui::AdminSchedulePage/> }.into_any() },
    Page { path: "/membership", view: || view! { <membership::MembershipPage/> }.into_any() },
    Page { path: "/admin/membership", view: || view! { <crate::membership::ui::AdminMembershipPage/> }.into_any() },
    Page { path: "/admin/contributions", view: || view! { <crate::contributions::ui::AdminContributionsPage/> }.into_any() },
    Page { path: "/admin/legacy", view: || view! { <crate::legacy::ui::LegacyImportPage/> }.into_any() },
    Page { path: "/r/{slug}", view: || view! { <room::RoomPage/> }.into_any() },
    Page { path: "/r/{slug}/settings", view: || view! { <room::RoomSettingsPage/> }.into_any() },
    Page { path: "/r/{slug}/recordings/{record_id}", view: || view! { <crate::recordings::ui::ManageRecordingPage/> }.into_any() },
    Page { path: "/r/{slug}/wait", view: || view! { <crate::meetings::ui::WaitPage/> }.into_any() },
];

/// What an address that is no page shows (the server answers it with `404 Not Found`).
pub fn not_found() -> AnyView {
    view! { <crate::ui::PageHeading text=t("error.not_found")/> }.into_any()
}

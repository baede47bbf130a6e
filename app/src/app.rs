//! The HTML shell and the pages.
use crate::accounts::ui::{
    ConfirmEmailPage, ForgotPage, LoginPage, ProfilePage, ResendPage, ResetPage, SignupDonePage, SignupPage, VerifyPage,
};
use crate::admin::security_ui::SecurityLogPage;
use crate::admin::ui::AccountsPage;
use crate::home::{DashboardPage, HomePage};
use crate::i18n::{provide_lang, t};
use crate::recordings::ui::MyRecordingsPage;
use crate::regions::ui::RegionsPage;
use crate::rooms::ui::{AllRoomsPage, RoomPage, RoomSettingsPage};
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, provide_meta_context};

/// The whole HTML document of `page`. Every page is sent whole (`SsrMode::Async`), so it reads, and
/// its forms work, without JavaScript.
pub fn shell(options: LeptosOptions, page: fn() -> AnyView) -> impl IntoView {
    let lang = provide_lang();
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App page/>
            </body>
        </html>
    }
}

/// Scripts run only from our own origin or inline with this answer's nonce (the hydration and
/// resource scripts Leptos writes carry it); WebAssembly may compile; no plugins; no `<base>`.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use leptos::nonce::use_nonce;
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        && let Ok(value) = axum::http::HeaderValue::from_str(&crate::edge::page_policy(&nonce))
    {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// A page of the portal: the path axum routes to it (`{slug}` a named part, read by
/// `ui::address::param`) and what it shows inside the page frame.
pub struct Page {
    pub path: &'static str,
    pub view: fn() -> AnyView,
}

/// Every page. The server routes each path to its page (`server/src/site.rs`); there is no router
/// in the page itself: pages are whole HTML from the server and only islands wake in the browser,
/// so there is no navigation for a router to do there, and on the server leptos_router only did
/// axum's matching a second time, with signals and memos, on every request (bench/README.md).
#[rustfmt::skip]
pub const PAGES: &[Page] = &[
    Page { path: "/", view: || view! { <HomePage/> }.into_any() },
    Page { path: "/signup", view: || view! { <SignupPage/> }.into_any() },
    Page { path: "/signup/done", view: || view! { <SignupDonePage/> }.into_any() },
    Page { path: "/login", view: || view! { <LoginPage/> }.into_any() },
    Page { path: "/verify", view: || view! { <VerifyPage/> }.into_any() },
    Page { path: "/verify/resend", view: || view! { <ResendPage/> }.into_any() },
    Page { path: "/password/forgot", view: || view! { <ForgotPage/> }.into_any() },
    Page { path: "/password/reset", view: || view! { <ResetPage/> }.into_any() },
    Page { path: "/email/confirm", view: || view! { <ConfirmEmailPage/> }.into_any() },
    Page { path: "/status", view: || view! { <crate::monitoring::ui::StatusPage/> }.into_any() },
    Page { path: "/dashboard", view: || view! { <DashboardPage/> }.into_any() },
    Page { path: "/profile", view: || view! { <ProfilePage/> }.into_any() },
    Page { path: "/recordings", view: || view! { <MyRecordingsPage/> }.into_any() },
    Page { path: "/admin/accounts", view: || view! { <AccountsPage/> }.into_any() },
    Page { path: "/admin/regions", view: || view! { <RegionsPage/> }.into_any() },
    Page { path: "/admin/rooms", view: || view! { <AllRoomsPage/> }.into_any() },
    Page { path: "/admin/monitoring", view: || view! { <crate::monitoring::admin_ui::MonitoringPage/> }.into_any() },
    Page { path: "/admin/security", view: || view! { <SecurityLogPage/> }.into_any() },
    Page { path: "/admin/sign-in", view: || view! { <crate::sso::ui::SsoAdminPage/> }.into_any() },
    Page { path: "/sso/link", view: || view! { <crate::sso::ui::ConfirmLinkPage/> }.into_any() },
    Page { path: "/schedule", view: || view! { <crate::schedule::ui::SchedulePage/> }.into_any() },
    Page { path: "/schedule/new", view: || view! { <crate::schedule::ui::NewBookingPage/> }.into_any() },
    Page { path: "/schedule/{id}", view: || view! { <crate::schedule::ui::BookingPage/> }.into_any() },
    Page { path: "/admin/schedule", view: || view! { <crate::schedule::ui::AdminSchedulePage/> }.into_any() },
    Page { path: "/membership", view: || view! { <crate::membership::ui::MembershipPage/> }.into_any() },
    Page { path: "/admin/membership", view: || view! { <crate::membership::ui::AdminMembershipPage/> }.into_any() },
    Page { path: "/admin/contributions", view: || view! { <crate::contributions::ui::AdminContributionsPage/> }.into_any() },
    Page { path: "/admin/legacy", view: || view! { <crate::legacy::ui::LegacyImportPage/> }.into_any() },
    Page { path: "/r/{slug}", view: || view! { <RoomPage/> }.into_any() },
    Page { path: "/r/{slug}/settings", view: || view! { <RoomSettingsPage/> }.into_any() },
    Page { path: "/r/{slug}/wait", view: || view! { <crate::meetings::ui::WaitPage/> }.into_any() },
];

/// What an address that is no page shows (the server answers it with `404 Not Found`).
pub fn not_found() -> AnyView {
    view! { <crate::ui::PageHeading text=t("error.not_found")/> }.into_any()
}

#[component]
pub fn App(page: fn() -> AnyView) -> impl IntoView {
    provide_meta_context();
    // On the server the shell has put the request's language in context already.
    #[cfg(not(feature = "ssr"))]
    provide_lang();
    view! {
        <Stylesheet id="leptos" href="/pkg/quorum.css"/>
        <Layout>{page()}</Layout>
    }
}

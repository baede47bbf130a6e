//! The HTML shell and the routes.
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
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

pub fn shell(options: LeptosOptions) -> impl IntoView {
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
                <App/>
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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // On the server the shell has put the request's language in context already.
    #[cfg(not(feature = "ssr"))]
    provide_lang();
    view! {
        <Stylesheet id="leptos" href="/pkg/quorum.css"/>
        // Async: every page arrives whole, so it reads (and its forms work) without JavaScript.
        <Router>
            <Layout>
                <Routes fallback=|| view! { <crate::ui::PageHeading text=t("error.not_found")/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignupPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup/done") view=SignupDonePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify/resend") view=ResendPage ssr=SsrMode::Async/>
                    <Route path=path!("/password/forgot") view=ForgotPage ssr=SsrMode::Async/>
                    <Route path=path!("/password/reset") view=ResetPage ssr=SsrMode::Async/>
                    <Route path=path!("/email/confirm") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/status") view=crate::monitoring::ui::StatusPage ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/recordings") view=MyRecordingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view=AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/regions") view=RegionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rooms") view=AllRoomsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/monitoring") view=crate::monitoring::admin_ui::MonitoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/security") view=SecurityLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/sign-in") view=crate::sso::ui::SsoAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/schedule") view=crate::schedule::ui::SchedulePage ssr=SsrMode::Async/>
                    <Route path=path!("/schedule/new") view=crate::schedule::ui::NewBookingPage ssr=SsrMode::Async/>
                    <Route path=path!("/schedule/:id") view=crate::schedule::ui::BookingPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/schedule") view=crate::schedule::ui::AdminSchedulePage ssr=SsrMode::Async/>
                    <Route path=path!("/membership") view=crate::membership::ui::MembershipPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/membership") view=crate::membership::ui::AdminMembershipPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contributions") view=crate::contributions::ui::AdminContributionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/legacy") view=crate::legacy::ui::LegacyImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/r/:slug") view=RoomPage ssr=SsrMode::Async/>
                    <Route path=path!("/r/:slug/settings") view=RoomSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/r/:slug/wait") view=crate::meetings::ui::WaitPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

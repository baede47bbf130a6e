//! The page frame (header, navigation, main) and the gates of pages for members and admins.
use crate::accounts::api::{Logout, get_me};
use crate::accounts::model::Me;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let here = use_location().pathname.get_untracked();
    let status = view! { <NavLink href="/status" label="nav.status" here=here.clone()/> };
    let nav = Suspend::new(async move {
        // The request's member is looked up once (`RequestUser`), whichever part asks first.
        match super::read(get_me()).await {
            Ok(Some(me)) => view! { <SignedInNav me here/> }.into_any(),
            _ => view! {
                <NavLink href="/login" label="nav.login" here=here.clone()/>
                <NavLink href="/signup" label="nav.signup" here/>
            }
            .into_any(),
        }
    });
    view! {
        <a href="#main" class="skip-link">{t("nav.skip")}</a>
        <header class="site-header">
            <nav aria-label=t("nav.label") class="nav">
                <a href="/" class="brand">"Quorum"</a>
                {status}
                <Suspense fallback=|| ()>{nav}</Suspense>
            </nav>
        </header>
        <main id="main" class="page" tabindex="-1">{children()}</main>
        <HydrationMark/>
    }
}

/// A link of the menu, marked as the current page where it is.
#[component]
fn NavLink(href: &'static str, label: &'static str, here: String) -> impl IntoView {
    view! { <a href=href aria-current=(here == href).then_some("page")>{t(label)}</a> }
}

/// Marks `<body data-hydrated>` once the page's islands are awake (they wake in page order, and
/// this one is last): tests and scripts wait for it before they click a button that needs JavaScript.
#[island]
fn HydrationMark() -> impl IntoView {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[component]
fn SignedInNav(me: Me, here: String) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str| view! { <NavLink href label here=here.clone()/> };
    view! {
        {link("/dashboard", "nav.dashboard")}
        {link("/schedule", "nav.schedule")}
        {link("/membership", "nav.membership")}
        {link("/recordings", "nav.recordings")}
        {link("/profile", "nav.profile")}
        {me.is_admin().then(|| view! {
            {link("/admin/accounts", "nav.admin")}
            {link("/admin/regions", "nav.regions")}
            {link("/admin/rooms", "nav.all_rooms")}
            {link("/admin/monitoring", "nav.monitoring")}
            {link("/admin/schedule", "nav.admin_schedule")}
            {link("/admin/membership", "nav.admin_membership")}
            {link("/admin/contributions", "nav.contributions")}
            {link("/admin/legacy", "nav.legacy")}
            {link("/admin/sign-in", "nav.sign_in")}
            {link("/admin/security", "nav.security")}
        })}
        <super::PostForm<Logout> class="inline">
            <button type="submit" class="link-button" data-testid="logout">{t("nav.logout")}</button>
        </super::PostForm<Logout>>
    }
}

/// Renders its children for a signed-in member, else sends the visitor to the login page.
/// The page is built once, in one future: a closure here would be called again while the server
/// renders (to find what to wait for, then to write), building the page and starting its queries
/// each time. Pages are islands-mode HTML, so nothing here needs to react afterwards.
#[component]
pub fn RequireUser<F, V>(children: F) -> impl IntoView
where
    F: FnOnce(Me) -> V + Send + 'static,
    V: IntoView + 'static,
{
    let page = Suspend::new(async move {
        match super::read(get_me()).await {
            Ok(Some(me)) => children(me).into_any(),
            Ok(None) => view! { <Redirect path="/login"/> }.into_any(),
            Err(e) => view! { <crate::ui::FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    });
    view! { <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>{page}</Suspense> }
}

/// Like [`RequireUser`], and refuses members who are not admins. The server checks again on every call.
#[component]
pub fn RequireAdmin<F, V>(children: F) -> impl IntoView
where
    F: FnOnce(Me) -> V + Send + 'static,
    V: IntoView + 'static,
{
    view! {
        <RequireUser children=move |me: Me| {
            if me.is_admin() {
                children(me).into_any()
            } else {
                view! { <p class="form-error" role="alert">{t("error.forbidden")}</p> }.into_any()
            }
        }/>
    }
}

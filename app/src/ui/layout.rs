//! The page frame (header, navigation, main) and the signed-in state every page can read.
use crate::accounts::api::{Login, Logout, UpdateProfile, get_me};
use crate::accounts::model::Me;
use crate::error::AppError;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};

/// Who is signed in, refreshed whenever someone logs in, out, or edits their profile.
#[derive(Clone, Copy)]
pub struct Auth {
    pub me: Resource<Result<Option<Me>, AppError>>,
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub profile: ServerAction<UpdateProfile>,
}

impl Auth {
    pub fn provide() -> Auth {
        let login = ServerAction::<Login>::new();
        let logout = ServerAction::<Logout>::new();
        let profile = ServerAction::<UpdateProfile>::new();
        let me = Resource::new(
            move || (login.version().get(), logout.version().get(), profile.version().get()),
            |_| get_me(),
        );
        let auth = Auth { me, login, logout, profile };
        provide_context(auth);
        auth
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let auth = use_auth();
    view! {
        <a href="#main" class="skip-link">{t("nav.skip")}</a>
        <header class="site-header">
            <nav aria-label=t("nav.label") class="nav">
                <A href="/" attr:class="brand">"Quorum"</A>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match auth.me.await {
                            Ok(Some(me)) => view! { <SignedInNav me/> }.into_any(),
                            _ => view! {
                                <A href="/login">{t("nav.login")}</A>
                                <A href="/signup">{t("nav.signup")}</A>
                            }
                            .into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
        <main id="main" class="page">{children()}</main>
        <HydrationMark/>
    }
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
fn SignedInNav(me: Me) -> impl IntoView {
    let auth = use_auth();
    view! {
        <A href="/dashboard">{t("nav.dashboard")}</A>
        <A href="/recordings">{t("nav.recordings")}</A>
        <A href="/profile">{t("nav.profile")}</A>
        {me.is_admin().then(|| view! {
            <A href="/admin/accounts">{t("nav.admin")}</A>
            <A href="/admin/regions">{t("nav.regions")}</A>
            <A href="/admin/rooms">{t("nav.all_rooms")}</A>
            <A href="/admin/security">{t("nav.security")}</A>
        })}
        <ActionForm action=auth.logout attr:class="inline">
            <button type="submit" class="link-button" data-testid="logout">{t("nav.logout")}</button>
        </ActionForm>
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
        match get_me().await {
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

//! The gates of pages for members and admins.
use crate::accounts::api::get_me;
use crate::accounts::model::Me;
use crate::i18n::t;
use leptos::prelude::*;

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
    crate::ui::awaited(async move {
        match crate::ui::read(get_me()).await {
            Ok(Some(me)) => children(me).into_any(),
            Ok(None) => view! { <crate::ui::Redirect path="/login"/> }.into_any(),
            Err(e) => view! { <crate::ui::FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
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

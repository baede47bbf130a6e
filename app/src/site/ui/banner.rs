//! The announcements running now, above every page's content. A warning is announced to screen
//! readers as an alert; news as a status.
use crate::site::api::banners;
use crate::site::model::Kind;
use leptos::prelude::*;

#[component]
pub fn Banners() -> impl IntoView {
    crate::ui::awaited(async move {
        // A page shows without its banners rather than not at all.
        let running = crate::ui::read(banners()).await.unwrap_or_default();
        running
            .into_iter()
            .map(|b| {
                let (class, role) = match b.kind {
                    Kind::Warning => ("banner banner-warning", "alert"),
                    Kind::Info => ("banner banner-info", "status"),
                };
                view! { <p class=class role=role data-testid="announcement">{b.text}</p> }
            })
            .collect_view()
            .into_any()
    })
}

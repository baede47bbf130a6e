//! The browser's time zone, put into a form's hidden field by the page's script, so a new
//! account shows times where its member is from the first page. Without JavaScript the field
//! stays empty and the server takes the language's usual zone (`accounts::model::usual_zone`).
use leptos::prelude::*;

#[island]
pub fn BrowserZone() -> impl IntoView {
    let zone = RwSignal::new(String::new());
    Effect::new(move |_| zone.set(browser_zone()));
    view! { <input type="hidden" name="time_zone" prop:value=move || zone.get() data-testid="browser-zone"/> }
}

/// What the browser's `Intl` says, e.g. `Europe/Berlin`; empty when it says nothing.
#[cfg(feature = "hydrate")]
fn browser_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

#[cfg(not(feature = "hydrate"))]
fn browser_zone() -> String {
    String::new()
}

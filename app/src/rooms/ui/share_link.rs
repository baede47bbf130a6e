//! The room's link to share, with a button that copies it. The button is an island: it appears once
//! the page's script runs (without JavaScript it could do nothing, and the link is still there to copy).
use crate::i18n::{Texts, t, use_lang};
use leptos::prelude::*;

#[component]
pub fn ShareLink(link: String) -> impl IntoView {
    let texts = Texts::of(use_lang(), &["room.copy_link", "room.link_copied"]);
    view! {
        <p class="share-link">
            {t("room.link")} " " <a href=link.clone() data-testid="room-link">{link.clone()}</a>
            <CopyButton text=link texts/>
        </p>
    }
}

#[island]
pub fn CopyButton(text: String, texts: Texts) -> impl IntoView {
    let (ready, set_ready) = signal(false);
    let (copied, set_copied) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    let text = StoredValue::new(text);
    let copy = move |_| copy_to_clipboard(text.get_value(), set_copied);
    let (label, done) = (texts.get("room.copy_link"), texts.get("room.link_copied"));
    view! {
        {move || ready.get().then(|| view! {
            " " <button type="button" class="btn-small" data-testid="copy-link" on:click=copy>{label.clone()}</button>
        })}
        {move || copied.get().then(|| view! { " " <span class="hint" role="status">{done.clone()}</span> })}
    }
}

/// Says "copied" only once the browser has it: the clipboard is missing outside secure contexts
/// (plain http to a host other than localhost), and the browser may refuse.
#[cfg(feature = "hydrate")]
fn copy_to_clipboard(text: String, done: WriteSignal<bool>) {
    let Some(window) = web_sys::window() else { return };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return;
    }
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        done.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

#[cfg(not(feature = "hydrate"))]
fn copy_to_clipboard(_text: String, _done: WriteSignal<bool>) {}

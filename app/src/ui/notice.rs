//! What an action answers where the person looks: after a form's redirect, the page it lands on
//! says what happened at its top (saved, approved, sent), from a flag in its address (`?saved=1`).
//! Only the flags a page lists are read, each with its own fixed text, so an address cannot make a
//! page say anything else. Works without JavaScript.
use crate::i18n::t;
use leptos::prelude::*;

/// The notice of the first of `flags` (a query name and its text's key) present in the address.
#[component]
pub fn Notice(flags: &'static [(&'static str, &'static str)]) -> impl IntoView {
    let found = flags.iter().find(|(name, _)| super::address::query(name).is_some_and(|v| !v.is_empty()));
    found.map(|(name, key)| view! { <p class="notice" role="status" data-testid=format!("notice-{name}")>{t(key)}</p> })
}

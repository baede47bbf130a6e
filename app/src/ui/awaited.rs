//! A part of a page that waits for its readings before it can be written.
//!
//! Pages are sent whole (islands-mode HTML, rendered in page order), so a `Suspense` boundary's
//! fallback is never sent; all a boundary did was cost a walk of everything inside it and an owner
//! of its own, about a quarter of a signed-in page's time with three of them nested. A bare
//! `Suspend` is awaited where it stands instead. But when one has to wait, the renderer writes its
//! view later, outside the owner it was built under: a closure in it that reads the page's address
//! or language would find neither (the address panics, the language falls back to English). So the
//! view is wrapped to be written under the owner it was built in, as a boundary's children are.
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use leptos::tachys::reactive_graph::OwnedView;

/// The view `part` builds once its readings are in, written in page order under the owner of
/// the component that built it.
pub fn awaited<V>(part: impl Future<Output = V> + Send + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    Suspend::new(async move {
        let view = part.await;
        // Polled under the component's owner (a `Suspend` scopes its future), so this is that owner.
        OwnedView::new_with_owner(view, Owner::current().unwrap_or_default())
    })
}

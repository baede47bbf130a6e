//! Each request starts with no Leptos owner on its thread. Leptos makes a page's root owner the
//! thread's current owner (`Owner::new_root` sets it, and nothing sets it back), while the owner it
//! makes for a server function or a static file (`Owner::new`) registers with the thread's current
//! owner as its child, and a parent keeps its children's memory until it is dropped itself. So a
//! page whose owner outlived its request (its connection closed in the middle of the page) kept the
//! owner of every later server function on its thread: under a guests' join storm the portal grew
//! by 23 MB per worker thread and five seconds of joins, and stayed there (bench/README.md).
use leptos::reactive::owner::Owner;
use std::future::{Future, poll_fn};
use std::pin::pin;

/// Runs `request` with the thread's current owner forgotten before each of its steps: a page's
/// owner is its own root and a server function's its own, whatever the thread rendered before.
pub async fn unowned<F: Future>(request: F) -> F::Output {
    let mut request = pin!(request);
    poll_fn(|cx| {
        forget_current_owner();
        request.as_mut().poll(cx)
    })
    .await
}

fn forget_current_owner() {
    if let Some(owner) = Owner::current() {
        owner.unset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a page render leaves on its thread, kept alive as a page whose owner outlived its request.
    fn page_left_behind() -> Owner {
        Owner::new_root(None)
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_request_does_not_become_the_child_of_a_page_rendered_before_it() {
        let page = page_left_behind();
        let parent = unowned(async { Owner::new().parent() }).await;
        assert!(parent.is_none(), "the request's owner was made a child of the page's");
        drop(page);
    }

    /// Leptos' behaviour that makes `unowned` needed: should this fail, Leptos no longer leaves a
    /// page's owner on the thread, and `unowned` may go.
    #[tokio::test(flavor = "current_thread")]
    async fn without_it_the_request_is_the_child_of_the_page() {
        let page = page_left_behind();
        let parent = async { Owner::new().parent() }.await;
        assert_eq!(parent, Some(page));
    }
}

//! A page's readings run as tasks of their own when they have to wait. The server renders a page by
//! awaiting its parts in order, and a part's future is only polled when the renderer gets to it; a
//! reading started in an earlier poll that waits for a database connection could be handed one by
//! the pool and then sit on it, unpolled, while the renderer waits on another part that needs a
//! connection too. A crowd of such pages (each member's first view) would hold every connection
//! and wait forever. As a task, the reading goes on by itself and gives its connection back as
//! soon as it is done.
use crate::error::AppError;
use futures::future::{Either, select};
use std::task::Poll;

/// Runs `reading` (a server function's call, on the server) and waits for its answer. Most
/// readings are answered at their first poll, from what this process read within the second; those
/// are answered here, in the page's own future: no task, no channel, no wake-up that polls the whole
/// request again. One that has to wait goes on as a task under the current reactive owner, so it
/// sees the request's context. A page dropped before the task runs (its visitor went away) stops
/// the reading: without the page's owner it would only fail to find the request's context, and
/// log that as an error.
pub async fn read<T: Send + 'static>(
    reading: impl std::future::Future<Output = Result<T, AppError>> + Send + 'static,
) -> Result<T, AppError> {
    let mut reading = Box::pin(reading);
    if let Poll::Ready(answer) = futures::poll!(reading.as_mut()) {
        return answer;
    }
    let (mut tx, rx) = futures::channel::oneshot::channel();
    leptos::task::spawn(async move {
        if let Either::Right((answer, gone)) = select(tx.cancellation(), reading).await {
            drop(gone);
            let _ = tx.send(answer);
        }
    });
    rx.await.unwrap_or_else(|_| Err(AppError::internal("a page's reading stopped before it answered")))
}

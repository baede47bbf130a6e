//! Prometheus metrics, on an internal address of their own (`metrics_bind`, 127.0.0.1:9464 by
//! default; empty turns it off), never on the public one. The recorder is installed once per
//! process; the HTTP layer here counts requests by matched route and status with their latency;
//! the BBB client, the monitoring poll, the mail outbox and the job runner count their own.
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Seconds: from a cached page (well under a millisecond) to a region's timeout.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 2.5, 10.0];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's recorder, installed on first use; `None` if another recorder was installed first.
pub fn handle() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new().set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &BUCKETS);
            let recorder = match builder {
                Ok(builder) => builder.build_recorder(),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics are off: the histogram buckets were refused");
                    return None;
                }
            };
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok().map(|()| handle)
        })
        .clone()
}

/// How often the histograms' samples are folded into their buckets.
const UPKEEP: Duration = Duration::from_secs(5);

/// Folds the histograms' recorded samples into their buckets every few seconds, for as long as the
/// process serves. The recorder is built without the exporter's own upkeep task, so it kept every
/// sample until `/metrics` was next read: a portal nobody scraped held each request's latency, and
/// the pages' benchmark grew by 28 MB (bench/README.md).
pub async fn keep_up() {
    let Some(handle) = HANDLE.get().cloned().flatten() else { return };
    let mut tick = tokio::time::interval(UPKEEP);
    loop {
        tick.tick().await;
        handle.run_upkeep();
    }
}

/// `GET /metrics` on the internal address.
pub async fn render() -> String {
    match handle() {
        Some(handle) => {
            handle.run_upkeep();
            handle.render()
        }
        None => String::new(),
    }
}

/// Counts each request by the route it matched (`/r/{slug}`, not the slug) and its status.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_str().to_string();
    metrics::histogram!("http_request_duration_seconds", "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!("http_requests_total", "route" => route, "status" => status).increment(1);
    response
}

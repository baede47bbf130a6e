//! A small closed-loop load generator for the benchmarks in `bench/`: sends N requests, C at a
//! time, and prints requests/s, p50, p99 and errors as one line.
//!
//! `load N C METHOD URL [FORM_BODY_TEMPLATE]` — `{i}` in the body is replaced by the request's number.
//! With `LOAD_ENTER=1`, an answer naming a join URL (a JSON string starting with `http`) is followed,
//! as a browser would, so a fake BBB server counts the participant in; the line then also says how
//! many were let in and how many were sent to wait. With `LOAD_FORWARDED=1`, each request carries its
//! own `X-Forwarded-For` address (for a portal that trusts the loopback proxy): many clients at once.
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [total, concurrency, method, url, rest @ ..] = args.as_slice() else {
        return Err("usage: load N C GET|POST URL [FORM_BODY_TEMPLATE]".into());
    };
    let total: usize = total.parse().map_err(|_| "N must be a number")?;
    let concurrency: usize = concurrency.parse().map_err(|_| "C must be a number")?;
    let body = rest.first().cloned().unwrap_or_default();
    let post = method == "POST";
    let enter = std::env::var("LOAD_ENTER").is_ok_and(|v| v == "1");
    let forwarded = std::env::var("LOAD_FORWARDED").is_ok_and(|v| v == "1");
    let (entered, waiting) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (client, next, url, body) = (client.clone(), next.clone(), url.clone(), body.clone());
        let (entered, waiting) = (entered.clone(), waiting.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let sent = Instant::now();
                let mut request = if post {
                    client
                        .post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body.replace("{i}", &i.to_string()))
                } else {
                    client.get(&url)
                };
                if forwarded {
                    request =
                        request.header("x-forwarded-for", format!("10.{}.{}.{}", i >> 16 & 255, i >> 8 & 255, i & 255));
                }
                let answer = match request.send().await {
                    Ok(r) if r.status().is_success() => r.text().await.unwrap_or_default(),
                    _ => {
                        errors += 1;
                        String::new()
                    }
                };
                latencies.push(sent.elapsed());
                if enter {
                    match serde_json::from_str::<String>(&answer) {
                        Ok(join) if join.starts_with("http") => {
                            let _ = client.get(&join).send().await;
                            entered.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(_) => {
                            waiting.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(_) => {}
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (l, e) = w.await.map_err(|e| e.to_string())?;
        latencies.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| latencies.get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)));
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    println!(
        "{:>8.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   {} requests, {} errors",
        latencies.len() as f64 / elapsed,
        ms(at(0.50)),
        ms(at(0.99)),
        latencies.len(),
        errors
    );
    if enter {
        println!(
            "{:28}{} let in, {} sent to wait",
            "",
            entered.load(Ordering::Relaxed),
            waiting.load(Ordering::Relaxed)
        );
    }
    Ok(())
}

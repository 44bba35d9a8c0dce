//! Whether URLs answer, as a harvester's link check sees them: `HEAD` (then `GET` where `HEAD`
//! is refused), following redirects, each with a time limit, a bounded number at a time.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[derive(Debug, Clone, serde::Serialize)]
pub struct LinkResult {
    pub url: String,
    /// The final HTTP status, if any answer came.
    pub status: Option<u16>,
    /// Why there was no answer (timeout, refused, not http).
    pub error: Option<String>,
    /// 2xx or 3xx.
    pub ok: bool,
}

/// Checks every URL, `concurrency` at a time, each within `timeout`; results in input order.
pub fn check(urls: &[String], concurrency: usize, timeout: Duration) -> Vec<LinkResult> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .max_redirects(5)
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<LinkResult>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..concurrency.clamp(1, 32).min(urls.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let r = one(&agent, url);
                    if let Ok(mut all) = results.lock()
                        && let Some(slot) = all.get_mut(i)
                    {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .zip(urls)
        .map(|(r, url)| {
            r.unwrap_or_else(|| LinkResult {
                url: url.clone(),
                status: None,
                error: Some("not checked".into()),
                ok: false,
            })
        })
        .collect()
}

fn one(agent: &ureq::Agent, url: &str) -> LinkResult {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return LinkResult {
            url: url.to_owned(),
            status: None,
            error: Some("not an http(s) URL".into()),
            ok: false,
        };
    }
    let mut answer = agent.head(url).call();
    if let Ok(r) = &answer
        && matches!(r.status().as_u16(), 405 | 501)
    {
        answer = agent.get(url).call();
    }
    match answer {
        Ok(r) => {
            let status = r.status().as_u16();
            LinkResult {
                url: url.to_owned(),
                status: Some(status),
                error: None,
                ok: (200..400).contains(&status),
            }
        }
        Err(e) => LinkResult {
            url: url.to_owned(),
            status: None,
            error: Some(e.to_string()),
            ok: false,
        },
    }
}

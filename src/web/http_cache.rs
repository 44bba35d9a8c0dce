//! Harvester-friendly HTTP: a strong validator (ETag) and Last-Modified computed from when the
//! content last changed, and the 304 answer to a conditional request.

use actix_web::HttpRequest;
use actix_web::http::header;
use sha2::{Digest, Sha256};

/// The conditional headers of a request, taken out so they can cross into a blocking task.
#[derive(Debug, Clone, Default)]
pub struct Conditional {
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
}

impl Conditional {
    pub fn of(req: &HttpRequest) -> Self {
        let get = |h| {
            req.headers()
                .get(h)
                .and_then(|v: &header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        Self {
            if_none_match: get(header::IF_NONE_MATCH),
            if_modified_since: get(header::IF_MODIFIED_SINCE),
        }
    }
}

/// ETag and Last-Modified of one representation.
pub struct Validators {
    pub etag: String,
    pub last_modified: Option<String>,
}

impl Validators {
    /// `parts` must name everything the body depends on (profile, format, query, and the
    /// modification times of the items in it), so the ETag changes exactly when the body does.
    pub fn new(parts: &[&str], last_modified_rfc3339: Option<&str>) -> Self {
        let mut h = Sha256::new();
        for p in parts {
            h.update(p.as_bytes());
            h.update([0]);
        }
        let hex: String = h
            .finalize()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect();
        let last_modified = last_modified_rfc3339
            .and_then(|m| chrono::DateTime::parse_from_rfc3339(m).ok())
            .map(|d| {
                d.with_timezone(&chrono::Utc)
                    .format("%a, %d %b %Y %H:%M:%S GMT")
                    .to_string()
            });
        Self {
            etag: format!("\"{hex}\""),
            last_modified,
        }
    }

    /// Whether the client's copy is current (If-None-Match, else If-Modified-Since).
    pub fn not_modified(&self, req: &Conditional) -> bool {
        if let Some(inm) = &req.if_none_match {
            return inm.split(',').any(|t| {
                let t = t.trim();
                t == "*" || t.trim_start_matches("W/") == self.etag
            });
        }
        let (Some(ims), Some(lm)) = (&req.if_modified_since, &self.last_modified) else {
            return false;
        };
        match (
            chrono::DateTime::parse_from_rfc2822(ims),
            chrono::DateTime::parse_from_rfc2822(lm),
        ) {
            (Ok(since), Ok(modified)) => modified <= since,
            _ => false,
        }
    }

    pub fn apply(&self, resp: &mut actix_web::HttpResponseBuilder) {
        resp.insert_header((header::ETAG, self.etag.clone()));
        if let Some(lm) = &self.last_modified {
            resp.insert_header((header::LAST_MODIFIED, lm.clone()));
        }
        resp.insert_header((header::VARY, "Accept"));
        resp.insert_header((header::CACHE_CONTROL, "public, max-age=60"));
    }
}

//! The site's stylesheet and icon, compiled into the binary.

use actix_web::HttpResponse;

const CSS: &str = include_str!("../../../templates/varcat.css");

pub(super) async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(CSS)
}

const FAVICON: &str = include_str!("../../../templates/favicon.svg");

/// The site's icon, at `/favicon.svg` (linked from every page) and at `/favicon.ico`, where
/// browsers and link checkers look without a link.
pub(super) async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(FAVICON)
}

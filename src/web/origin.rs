//! Whether a form post came from this site: the one check against cross-site posts (login
//! CSRF on `/logga-in`, forced sign-out on `/logga-ut`, imports on `/importera`). Cookies are
//! SameSite=Strict already; this also refuses a post whose `Origin` names another site.

use actix_web::HttpRequest;
use actix_web::http::header;

use super::State;

/// Whether a post came from this site: its `Origin` (or, without one, its `Referer`) is the
/// configured base IRI's origin or the origin the request was sent to. A post with neither
/// header is refused (browsers send `Origin` with every form post).
pub fn same_site(req: &HttpRequest, state: &State) -> bool {
    let sent = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(origin_of);
    let Some(sent) = sent else { return false };
    let info = req.connection_info();
    let here = format!("{}://{}", info.scheme(), info.host()).to_ascii_lowercase();
    origin_of(state.store.iris().base()).as_deref() == Some(sent.as_str()) || sent == here
}

/// Whether the site is served over https: the stored base IRI says so, or the request came
/// so (directly, or through a proxy that says so in `X-Forwarded-Proto`/`Forwarded`).
pub fn secure(req: &HttpRequest, state: &State) -> bool {
    state.store.iris().base().starts_with("https://")
        || req.connection_info().scheme().eq_ignore_ascii_case("https")
}

/// `scheme://host[:port]` of a URL, lower-cased; `None` for what is not an absolute URL
/// (`null`, a path).
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!scheme.is_empty() && !host.is_empty())
        .then(|| format!("{scheme}://{host}").to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_and_host() {
        assert_eq!(
            origin_of("https://Varcat.test/logga-in?x").as_deref(),
            Some("https://varcat.test")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("https://"), None);
    }
}

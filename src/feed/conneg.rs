//! Content negotiation: which RDF serialisation (or HTML) a request wants, from a file suffix
//! or the `Accept` header (with q-values). Anything else gets 406 and a list of what is offered.

use oxigraph::io::RdfFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Rdf(RdfFormat),
    Html,
}

/// The media types offered, in order of preference for `*/*`.
pub const OFFERED: [&str; 5] = [
    "text/turtle",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-triples",
    "text/html",
];

pub fn from_suffix(suffix: &str) -> Option<Wanted> {
    Some(match suffix {
        "ttl" => Wanted::Rdf(RdfFormat::Turtle),
        "rdf" | "xml" => Wanted::Rdf(RdfFormat::RdfXml),
        "jsonld" | "json" => Wanted::Rdf(RdfFormat::JsonLd {
            profile: Default::default(),
        }),
        "nt" => Wanted::Rdf(RdfFormat::NTriples),
        "html" => Wanted::Html,
        _ => return None,
    })
}

fn from_media_type(m: &str) -> Option<Wanted> {
    Some(match m {
        "text/turtle" | "application/x-turtle" => Wanted::Rdf(RdfFormat::Turtle),
        "application/rdf+xml" | "application/xml" | "text/xml" => Wanted::Rdf(RdfFormat::RdfXml),
        "application/ld+json" | "application/json" => Wanted::Rdf(RdfFormat::JsonLd {
            profile: Default::default(),
        }),
        "application/n-triples" | "text/plain" => Wanted::Rdf(RdfFormat::NTriples),
        "text/html" | "application/xhtml+xml" => Wanted::Html,
        _ => return None,
    })
}

/// Picks from an `Accept` header; `default` answers a missing header or `*/*`.
pub fn from_accept(accept: Option<&str>, default: Wanted) -> Option<Wanted> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Some(default);
    };
    let mut best: Option<(f32, usize, Wanted)> = None;
    for (i, part) in accept.split(',').enumerate() {
        let mut bits = part.split(';');
        let media = bits.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = bits
            .filter_map(|b| b.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        let wanted = match media.as_str() {
            "*/*" | "application/*" => Some(default),
            "text/*" => Some(if default == Wanted::Html {
                Wanted::Html
            } else {
                Wanted::Rdf(RdfFormat::Turtle)
            }),
            m => from_media_type(m),
        };
        if let Some(w) = wanted {
            // Higher q wins; on a tie the earlier entry wins.
            if best.is_none_or(|(bq, _, _)| q > bq) {
                best = Some((q, i, w));
            }
        }
    }
    best.map(|(_, _, w)| w)
}

pub fn content_type(format: RdfFormat) -> &'static str {
    match format {
        RdfFormat::Turtle => "text/turtle; charset=utf-8",
        RdfFormat::RdfXml => "application/rdf+xml; charset=utf-8",
        RdfFormat::JsonLd { .. } => "application/ld+json",
        RdfFormat::NTriples => "application/n-triples",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_pick_the_best_offer() {
        let ttl = Wanted::Rdf(RdfFormat::Turtle);
        assert_eq!(from_accept(None, ttl), Some(ttl));
        assert_eq!(
            from_accept(Some("application/rdf+xml"), ttl),
            Some(Wanted::Rdf(RdfFormat::RdfXml))
        );
        assert_eq!(
            from_accept(Some("text/turtle;q=0.5, application/rdf+xml;q=0.9"), ttl),
            Some(Wanted::Rdf(RdfFormat::RdfXml))
        );
        assert_eq!(
            from_accept(Some("text/html,application/xhtml+xml,*/*;q=0.8"), ttl),
            Some(Wanted::Html)
        );
        assert_eq!(from_accept(Some("image/png"), ttl), None);
        assert_eq!(from_accept(Some("*/*"), ttl), Some(ttl));
    }
}

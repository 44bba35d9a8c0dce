//! Content negotiation for SPARQL answers: the query results formats for SELECT and ASK, the
//! RDF formats for CONSTRUCT and DESCRIBE, by `Accept` (with q-values; `*/*` and a missing
//! header give the first). Anything else is 406 with what is offered.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use crate::web::WebError;

const RESULTS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: oxigraph::io::JsonLdProfileSet::empty(),
};

const GRAPHS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/x-turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("text/plain", RdfFormat::NTriples),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/ld+json", JSON_LD),
];

/// The format for a SELECT or ASK answer.
pub fn results(accept: Option<&str>) -> Result<QueryResultsFormat, WebError> {
    pick(accept, RESULTS).ok_or_else(|| refused(accept, RESULTS))
}

/// The format for a CONSTRUCT or DESCRIBE answer.
pub fn graph(accept: Option<&str>) -> Result<RdfFormat, WebError> {
    pick(accept, GRAPHS).ok_or_else(|| refused(accept, GRAPHS))
}

/// Whether `accept` prefers a page to every answer format: a browser that asks for the form.
pub fn wants_html(accept: Option<&str>) -> bool {
    let html = [("text/html", true), ("application/xhtml+xml", true)];
    let data: Vec<(&str, bool)> = RESULTS
        .iter()
        .map(|(m, _)| (*m, false))
        .chain(GRAPHS.iter().map(|(m, _)| (*m, false)))
        .collect();
    // HTML first, so that `*/*` alone does not count as a browser.
    let offered: Vec<(&str, bool)> = data.iter().copied().chain(html).collect();
    accept.is_some() && pick(accept, &offered) == Some(true)
}

fn refused<T>(accept: Option<&str>, offered: &[(&str, T)]) -> WebError {
    let list: Vec<&str> = offered.iter().map(|(m, _)| *m).collect();
    WebError::NotAcceptable(format!(
        "Inte tillgängligt i det formatet / Not available as {:?}.\n\
         Ask with an Accept header for one of: {}",
        accept.unwrap_or(""),
        list.join(", ")
    ))
}

/// The offer `accept` likes best: higher q first, then the earlier entry of the header;
/// `*/*` and a missing header give the first offer, `type/*` the first offer of that type.
fn pick<T: Copy>(accept: Option<&str>, offered: &[(&str, T)]) -> Option<T> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offered.first().map(|(_, t)| *t);
    };
    let mut best: Option<(f32, T)> = None;
    for part in accept.split(',') {
        let mut bits = part.split(';');
        let media = bits.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = bits
            .filter_map(|b| b.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        let found = if media == "*/*" {
            offered.first()
        } else if let Some(kind) = media.strip_suffix("/*") {
            offered
                .iter()
                .find(|(m, _)| m.split('/').next() == Some(kind))
        } else {
            offered.iter().find(|(m, _)| *m == media)
        };
        if let Some((_, t)) = found
            && best.as_ref().is_none_or(|(bq, _)| q > *bq)
        {
            best = Some((q, *t));
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_follow_the_accept_header() {
        assert_eq!(results(None).ok(), Some(QueryResultsFormat::Json));
        assert_eq!(
            results(Some("text/csv")).ok(),
            Some(QueryResultsFormat::Csv)
        );
        assert_eq!(
            results(Some("text/csv;q=0.5, application/sparql-results+xml")).ok(),
            Some(QueryResultsFormat::Xml)
        );
        assert_eq!(graph(Some("*/*")).ok(), Some(RdfFormat::Turtle));
        assert_eq!(
            graph(Some("application/n-triples")).ok(),
            Some(RdfFormat::NTriples)
        );
        assert!(results(Some("image/png")).is_err());
        assert!(graph(Some("text/csv")).is_err());
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert!(wants_html(Some(browser)));
        assert!(!wants_html(Some("*/*")));
        assert!(!wants_html(None));
        assert!(!wants_html(Some("application/sparql-results+json")));
    }
}

//! The controlled vocabularies the MQA checks against: the EU file-type and access-right
//! authority tables, IANA media types, and the licences the EU licence table knows (by their
//! own IRIs or the creativecommons.org IRIs it lists as exact matches). Only the formats a
//! catalogue of variable lists uses are classified here; anything else counts as unknown.

use oxigraph::model::Term;

const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
const IANA: &str = "http://www.iana.org/assignments/media-types/";
const IANA_HTTPS: &str = "https://www.iana.org/assignments/media-types/";
const ACCESS_RIGHT: &str = "http://publications.europa.eu/resource/authority/access-right/";
const LICENCE: &str = "http://publications.europa.eu/resource/authority/licence/";

/// What the MQA needs to know of a distribution's format.
pub struct Format {
    pub from_vocabulary: bool,
    pub non_proprietary: bool,
    pub machine_readable: bool,
}

/// (EU file-type code, media type, non-proprietary, machine-readable) — as the MQA's
/// non-proprietary and machine-readable lists classify them.
const FORMATS: [(&str, &str, bool, bool); 7] = [
    ("CSV", "text/csv", true, true),
    ("JSON", "application/json", true, true),
    ("JSON_LD", "application/ld+json", true, true),
    ("RDF_XML", "application/rdf+xml", true, true),
    ("RDF_TURTLE", "text/turtle", true, true),
    ("XML", "application/xml", true, true),
    (
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        false,
        true,
    ),
];

/// The format of a distribution from its `dct:format` and `dcat:mediaType`.
pub fn format_token(format: &[Term], media_type: &[Term]) -> Option<Format> {
    let mut from_vocabulary = false;
    let mut known = None;
    for t in format.iter().chain(media_type) {
        let (code, vocab) = match t {
            Term::NamedNode(n) => {
                let s = n.as_str();
                if let Some(code) = s.strip_prefix(FILE_TYPE) {
                    (code.to_owned(), true)
                } else if let Some(mt) = s.strip_prefix(IANA).or_else(|| s.strip_prefix(IANA_HTTPS))
                {
                    (mt.to_owned(), true)
                } else {
                    continue;
                }
            }
            Term::Literal(l) => (l.value().to_owned(), false),
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        from_vocabulary |= vocab;
        if let Some(f) = FORMATS
            .iter()
            .find(|f| f.0.eq_ignore_ascii_case(&code) || f.1.eq_ignore_ascii_case(&code))
        {
            known = Some(*f);
        }
    }
    if format.is_empty() && media_type.is_empty() {
        return None;
    }
    Some(Format {
        from_vocabulary,
        non_proprietary: known.is_some_and(|f| f.2),
        machine_readable: known.is_some_and(|f| f.3),
    })
}

pub fn in_access_rights_vocabulary(iri: &str) -> bool {
    iri.strip_prefix(ACCESS_RIGHT).is_some_and(|c| {
        matches!(
            c,
            "PUBLIC" | "RESTRICTED" | "NON_PUBLIC" | "CONFIDENTIAL" | "SENSITIVE"
        )
    })
}

pub fn known_licence(iri: &str) -> bool {
    iri.starts_with(LICENCE)
        || matches!(
            iri.trim_end_matches('/'),
            "http://creativecommons.org/publicdomain/zero/1.0"
                | "https://creativecommons.org/publicdomain/zero/1.0"
                | "http://creativecommons.org/licenses/by/4.0"
                | "https://creativecommons.org/licenses/by/4.0"
        )
}

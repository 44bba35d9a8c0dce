//! The public SPARQL endpoint (`/sparql`, `web::sparql`) as a `dcat:DataService` of the
//! catalogue: its endpoint, its SPARQL 1.1 Service Description (what `/sparql` answers a
//! program without a query), the protocol it conforms to, and the datasets it serves.

use oxigraph::model::NamedNode;

use crate::domain::{Collection, Lang};
use crate::store::vocab::{dcat, dct, eu};
use crate::store::{GraphBuilder, organisation_iri};

use super::FeedInput;
use super::vocab::Vocab;

/// The SPARQL 1.1 Protocol, the standard the endpoint conforms to.
pub const SPARQL_PROTOCOL: &str = "https://www.w3.org/TR/sparql11-protocol/";

pub use super::iris::sparql_service_iri as service_iri;

pub(super) fn add(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    served: &[&Collection],
) {
    let iris = input.iris;
    let s = service_iri(iris);
    let endpoint = super::iris::sparql_endpoint(iris);
    g.a(&s, dcat::DATA_SERVICE);
    g.lang(
        &s,
        dct::TITLE,
        &Lang::new(
            "varcat – SPARQL-tjänst för den publicerade katalogen",
            "varcat – SPARQL endpoint of the published catalogue",
        ),
    );
    g.lang(
        &s,
        dct::DESCRIPTION,
        &Lang::new(
            "Frågor i SPARQL 1.1 (GET eller POST) över allt som är publicerat: variabler, kodverk, användningsfall, datainsamlingar och organisationer. Bara läsning; gränser för tid och svarsstorlek per fråga.",
            "SPARQL 1.1 queries (GET or POST) over everything published: variables, codebooks, use cases, data collections and organisations. Read-only, with a time and answer-size limit per query.",
        ),
    );
    g.iri(&s, dcat::ENDPOINT_URL, &endpoint);
    g.iri(&s, dcat::ENDPOINT_DESCRIPTION, &endpoint);
    g.iri(&s, dct::CONFORMS_TO, SPARQL_PROTOCOL);
    let standard = NamedNode::new_unchecked(SPARQL_PROTOCOL);
    g.a(&standard, dct::STANDARD);
    g.lang(
        &standard,
        dct::TITLE,
        &Lang::new("SPARQL 1.1 Protocol", "SPARQL 1.1 Protocol"),
    );
    g.node(
        &s,
        dct::PUBLISHER,
        &organisation_iri(&input.settings.publisher),
    );
    g.iri(&s, dct::LICENSE, eu::CC0);
    vocab.license(eu::CC0);
    for c in served {
        g.node(&s, dcat::SERVES_DATASET, &iris.collection(&c.id));
    }
}

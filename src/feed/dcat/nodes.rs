//! The other nodes of the DCAT feed: the catalogue's data service, each use case as a PROF
//! profile, and each publisher described once.

use std::collections::BTreeMap;

use crate::domain::{Collection, Id, Lang, OrgNr};
use crate::store::terms::publisher_type_iri;
use crate::store::vocab::{dcat, dct, eu, foaf, prof, skos};
use crate::store::{GraphBuilder, organisation_iri};

use super::super::iris::service_iri;
use super::super::vocab::Vocab;
use super::super::{FeedInput, Profile};

pub(super) fn data_service(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    served: &[&Collection],
    profile: Profile,
) {
    let iris = input.iris;
    let s = service_iri(iris);
    g.a(&s, dcat::DATA_SERVICE);
    g.lang(
        &s,
        dct::TITLE,
        &Lang::new(
            "varcat – katalogtjänst för hälsodatavariabler",
            "varcat – catalogue service for health-data variables",
        ),
    );
    g.lang(
        &s,
        dct::DESCRIPTION,
        &Lang::new(
            "Varje variabel, kodverk och användningsfall har en egen IRI som svarar med RDF (Turtle, RDF/XML, JSON-LD) och variabellistor som CSV.",
            "Every variable, codebook and use case has its own IRI answering with RDF (Turtle, RDF/XML, JSON-LD), and variable lists as CSV.",
        ),
    );
    g.iri(&s, dcat::ENDPOINT_URL, &format!("{}/", iris.base()));
    if profile == Profile::DcatApSe {
        g.text(&s, dct::FORMAT, "text/turtle");
    } else {
        g.iri(&s, dct::FORMAT, eu::FILE_TYPE_TURTLE);
        vocab.file_type(eu::FILE_TYPE_TURTLE, "Turtle");
    }
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

/// The use case `id` as a profile, with a resource descriptor for each codebook its bindings
/// use; the codebooks' schemes go into `schemes`, for [`scheme_nodes`] to describe once.
pub(super) fn profile_node<'a>(
    g: &mut GraphBuilder,
    input: &FeedInput<'a>,
    id: &Id,
    schemes: &mut BTreeMap<Id, &'a crate::domain::Codebook>,
) {
    let Some(u) = input
        .catalog
        .use_cases
        .get(id)
        .filter(|u| u.status.is_published())
    else {
        return;
    };
    let iris = input.iris;
    let s = iris.use_case(id);
    g.a(&s, prof::PROFILE);
    g.a(&s, dct::STANDARD);
    g.lang(&s, dct::TITLE, &u.title);
    g.lang(&s, dct::DESCRIPTION, &u.description);
    if let Some(note) = super::super::provenance::use_case_note(input.catalog, u) {
        g.lang(&s, skos::NOTE, &note);
    }
    let mut books: BTreeMap<Id, &crate::domain::Codebook> = BTreeMap::new();
    for b in &u.bindings {
        if let Some(cb) = input
            .catalog
            .variables
            .get(&b.variable)
            .filter(|v| v.status.is_published())
            .and_then(|v| v.codebook.as_ref())
            && let Some(book) = input
                .catalog
                .codebooks
                .get(cb)
                .filter(|b| b.status.is_published())
        {
            books.insert(cb.clone(), book);
        }
    }
    for (cb, book) in books {
        let r = crate::feed::iris::profile_resource_iri(iris, id, &cb);
        g.node(&s, prof::HAS_RESOURCE, &r);
        g.a(&r, prof::RESOURCE_DESCRIPTOR);
        g.iri(&r, prof::HAS_ROLE, prof::ROLE_VOCABULARY);
        g.node(&r, prof::HAS_ARTIFACT, &iris.codebook(&cb));
        g.lang(&r, dct::TITLE, &book.title);
        schemes.insert(cb, book);
    }
}

/// Each codebook scheme a profile names, typed and titled once however many profiles use it.
pub(super) fn scheme_nodes(
    g: &mut GraphBuilder,
    input: &FeedInput<'_>,
    schemes: &BTreeMap<Id, &crate::domain::Codebook>,
) {
    for (cb, book) in schemes {
        let scheme = input.iris.codebook(cb);
        g.a(&scheme, skos::CONCEPT_SCHEME);
        g.lang(&scheme, dct::TITLE, &book.title);
    }
}

pub(super) fn publisher_node(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    o: &OrgNr,
) {
    let Some(org) = input.catalog.organisations.get(o) else {
        return;
    };
    let s = organisation_iri(o);
    g.a(&s, foaf::ORGANIZATION);
    g.a(&s, foaf::AGENT);
    g.lang(&s, foaf::NAME, &org.name);
    g.text(&s, dct::IDENTIFIER, org.orgnr.as_str());
    let t = publisher_type_iri(org.publisher_type);
    g.iri(&s, dct::TYPE, &t);
    vocab.concept(&t, org.publisher_type.labels());
}

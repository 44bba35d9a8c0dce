//! The DCAT-AP-SE 3.0.1 catalogue: the catalogue itself (CC0, publisher, sv+en texts, theme
//! taxonomy), one `dcat:Dataset` per data collection with its variable-list distribution and
//! contact point, the catalogue's data service, publishers described once with their
//! dataportal.se IRIs and ADMS types, use cases as PROF profiles (`dct:conformsTo` targets) with
//! their codebooks as SKOS vocabularies, and the typing every controlled-vocabulary IRI needs.
//! No blank nodes anywhere; every free text is tagged @sv (and @en where given). This module
//! selects and pages the datasets and puts the graph together; `catalog`, `dataset` and `nodes`
//! build its nodes (the feed IRIs are in `feed::iris`, the EU vocabularies in `feed::vocab`).

mod catalog;
mod dataset;
mod nodes;

use std::collections::BTreeSet;

use crate::domain::{Collection, Id, OrgNr};
use crate::store::GraphBuilder;
use crate::store::vocab::{dcat, dct};

use super::iris::{catalog_iri, part_iri, service_iri};
use super::vocab::Vocab;
use super::{FeedError, FeedInput, FeedQuery, Profile};
use catalog::catalog_node;
use dataset::{dataset, use_cases_served};
use nodes::{data_service, profile_node, publisher_node, scheme_nodes};

/// The datasets a request covers, in identifier order.
fn selected<'a>(input: &'a FeedInput<'_>, query: &FeedQuery) -> Vec<&'a Collection> {
    input
        .catalog
        .collections
        .values()
        .filter(|c| match &query.modified_since {
            None => true,
            Some(since) => input
                .modified
                .get(input.iris.collection(&c.id).as_str())
                .is_some_and(|m| m.as_str() >= since.as_str()),
        })
        .collect()
}

pub(super) fn build(
    input: &FeedInput<'_>,
    query: &FeedQuery,
    profile: Profile,
) -> Result<GraphBuilder, FeedError> {
    let iris = input.iris;
    let mut g = GraphBuilder::default_graph();
    let mut vocab = Vocab::default();
    let datasets = selected(input, query);
    let chunks: Vec<&[&Collection]> = datasets
        .chunks(input.settings.max_datasets.max(1))
        .collect();
    let split = datasets.len() > input.settings.max_datasets.max(1);
    let publisher = &input.settings.publisher;
    if !input.catalog.organisations.contains_key(publisher) {
        return Err(FeedError::NoPublisher(publisher.to_string()));
    }
    let mut publishers: BTreeSet<OrgNr> = BTreeSet::from([publisher.clone()]);

    let shown: &[&Collection] = match (query.part, query.page) {
        (Some(n), _) => {
            let chunk = chunks
                .get(n.wrapping_sub(1))
                .ok_or(FeedError::NoSuchPart(n))?;
            let part = part_iri(iris, n);
            catalog_node(&mut g, &mut vocab, input, &part, Some(n));
            for c in *chunk {
                g.node(&part, dcat::DATASET_PROP, &iris.collection(&c.id));
            }
            chunk
        }
        (None, Some(n)) => {
            let pages = chunks.len().max(1);
            let chunk: &[&Collection] = match chunks.get(n.wrapping_sub(1)) {
                Some(chunk) => chunk,
                // An empty catalogue still has its page 1.
                None if n == 1 => &[],
                None => return Err(FeedError::NoSuchPage(n, pages)),
            };
            let cat = catalog_iri(iris);
            catalog_node(&mut g, &mut vocab, input, &cat, None);
            g.node(&cat, dcat::SERVICE, &service_iri(iris));
            g.node(
                &cat,
                dcat::SERVICE,
                &super::sparql_service::service_iri(iris),
            );
            for c in chunk {
                g.node(&cat, dcat::DATASET_PROP, &iris.collection(&c.id));
            }
            if let Some(links) = &query.links {
                super::paging::add_view(&mut g, links, &cat, Some(n), pages, datasets.len());
            }
            chunk
        }
        (None, None) => {
            let cat = catalog_iri(iris);
            catalog_node(&mut g, &mut vocab, input, &cat, None);
            g.node(&cat, dcat::SERVICE, &service_iri(iris));
            g.node(
                &cat,
                dcat::SERVICE,
                &super::sparql_service::service_iri(iris),
            );
            if split {
                for n in 1..=chunks.len() {
                    let part = part_iri(iris, n);
                    g.node(&cat, dct::HAS_PART, &part);
                    catalog_node(&mut g, &mut vocab, input, &part, Some(n));
                }
                if let Some(links) = &query.links {
                    super::paging::add_view(
                        &mut g,
                        links,
                        &cat,
                        None,
                        chunks.len(),
                        datasets.len(),
                    );
                }
                &[]
            } else {
                for c in &datasets {
                    g.node(&cat, dcat::DATASET_PROP, &iris.collection(&c.id));
                }
                &datasets
            }
        }
    };

    let mut profiles: BTreeSet<Id> = BTreeSet::new();
    for c in shown {
        publishers.insert(c.publisher.clone());
        if profile == Profile::HealthDcatAp {
            publishers.extend(c.hdab.clone());
        }
        let served = use_cases_served(input, &c.id);
        dataset(&mut g, &mut vocab, input, c, &served, profile);
        profiles.extend(served);
    }
    // Every document describes the service its distributions name as their access service.
    data_service(&mut g, &mut vocab, input, shown, profile);
    super::sparql_service::add(&mut g, &mut vocab, input, shown);
    let mut schemes = std::collections::BTreeMap::new();
    for u in &profiles {
        profile_node(&mut g, input, u, &mut schemes);
    }
    scheme_nodes(&mut g, input, &schemes);
    for o in &publishers {
        publisher_node(&mut g, &mut vocab, input, o);
    }
    if profile == Profile::HealthDcatAp {
        let top = match query.part {
            Some(n) => part_iri(iris, n),
            None => catalog_iri(iris),
        };
        super::health::add(&mut g, &mut vocab, input, &top, shown, &schemes);
    }
    vocab.emit(&mut g);
    Ok(g)
}

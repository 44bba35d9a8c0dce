//! Store → the two harvestable feeds, built from the same catalogue content:
//! DCAT-AP-SE 3.0.1 for dataportal.se (`dcat`) and HealthDCAT-AP for the EU health data
//! catalogue (`health`, which adds its properties to the DCAT graph). `conneg` picks the
//! serialisation; `web::feeds` serves them; `cli::export --feed` writes them to a file.

pub mod conneg;
mod dcat;
mod facts;
mod health;
mod iris;
mod paging;
mod provenance;
mod quality;
mod sparql_service;
mod vocab;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Quad;

use crate::domain::{Catalog, OrgNr};
use crate::store::Iris;

pub use facts::{CollectionFacts, Facts};
pub use iris::{catalog_iri, part_iri};
pub use paging::PageLinks;
pub use quality::{Measurement, Quality};

/// Which application profile a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    #[value(name = "dcat-ap-se")]
    DcatApSe,
    #[value(name = "healthdcat-ap")]
    HealthDcatAp,
}

/// Feed settings that are the deployment's, not the content's.
#[derive(Debug, Clone)]
pub struct FeedSettings {
    /// The organisation that publishes the catalogue itself.
    pub publisher: OrgNr,
    /// A catalogue with more datasets than this is split into sub-catalogues (`dct:hasPart`)
    /// and into Hydra pages of this many datasets.
    pub max_datasets: usize,
}

impl FeedSettings {
    /// The same settings with every dataset in one document (no sub-catalogues, no pages):
    /// for readers of the whole graph (quality score, link check, described resources).
    pub fn unsplit(&self) -> FeedSettings {
        FeedSettings {
            max_datasets: usize::MAX,
            ..self.clone()
        }
    }
}

/// What one request asks for.
#[derive(Debug, Clone, Default)]
pub struct FeedQuery {
    /// Only datasets (and the resources they need) modified at or after this instant (RFC 3339).
    pub modified_since: Option<String>,
    /// One sub-catalogue (1-based) instead of the top catalogue.
    pub part: Option<usize>,
    /// One Hydra page (1-based): the top catalogue listing that page's datasets.
    pub page: Option<usize>,
    /// Where the feed's pages live; without it, no Hydra view is written (`varcat export`).
    pub links: Option<PageLinks>,
}

/// The input of a feed: the catalogue and when each item last changed.
pub struct FeedInput<'a> {
    pub catalog: &'a Catalog,
    /// Per-collection facts (`Facts::of(catalog)`), worked out once per catalogue.
    pub facts: &'a Facts,
    pub iris: &'a Iris,
    pub modified: &'a crate::domain::Modified,
    pub settings: &'a FeedSettings,
    /// The regions' recorded conformance results, for the HealthDCAT-AP feed's quality
    /// measurements (`quality`); `None`: none are stated.
    pub quality: Option<&'a Quality>,
}

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("there is no sub-catalogue {0}")]
    NoSuchPart(usize),
    #[error("there is no page {0} (pages are numbered from 1 to {1})")]
    NoSuchPage(usize, usize),
    #[error("the catalogue publisher {0} is not in the catalogue; import it, or set --publisher")]
    NoPublisher(String),
    #[error("writing the feed: {0}")]
    Write(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Builds a feed straight from the store: reads what the feeds need (codebooks without their
/// codes) and builds the graph. `modified` is `store.modified()`, which callers often hold already.
pub fn from_store(
    store: &crate::store::CatalogStore,
    modified: &crate::domain::Modified,
    settings: &FeedSettings,
    profile: Profile,
    query: &FeedQuery,
) -> Result<Vec<Quad>, FeedError> {
    from_store_with(store, modified, settings, profile, query, None)
}

/// As [`from_store`], with the recorded conformance results (`varcat export --feed`).
pub fn from_store_with(
    store: &crate::store::CatalogStore,
    modified: &crate::domain::Modified,
    settings: &FeedSettings,
    profile: Profile,
    query: &FeedQuery,
    quality: Option<&Quality>,
) -> Result<Vec<Quad>, FeedError> {
    let catalog = store.load_catalog_without_codes()?;
    let facts = Facts::of(&catalog, modified);
    let input = FeedInput {
        catalog: &catalog,
        facts: &facts,
        iris: store.iris(),
        modified,
        settings,
        quality,
    };
    build(profile, &input, query)
}

/// Builds the feed graph (default graph quads).
pub fn build(
    profile: Profile,
    input: &FeedInput<'_>,
    query: &FeedQuery,
) -> Result<Vec<Quad>, FeedError> {
    Ok(dcat::build(input, query, profile)?.finish())
}

/// Serialises a feed graph with the usual prefixes.
pub fn serialize(quads: &[Quad], format: RdfFormat) -> Result<Vec<u8>, FeedError> {
    let mut ser =
        crate::store::with_prefixes(RdfSerializer::from_format(format)).for_writer(Vec::new());
    for q in quads {
        ser.serialize_triple(q.as_ref())?;
    }
    Ok(ser.finish()?)
}

//! The published content as its own store, for the SPARQL endpoint: every graph anonymous
//! visitors may see, each with exactly the quads its item document shows
//! (`visibility::visible_quads`, and the DCAT 3 version properties the documents add). A
//! hidden item's graph, a draft frozen version and the store's own settings (the default
//! graph) are not copied at all, so no query — through the union default graph, `GRAPH`,
//! `FROM`, `FROM NAMED` or the protocol's `default-graph-uri` — can reach them, and no
//! copied quad names a hidden IRI.
//!
//! Built once per snapshot, on the first query after a write (`Snapshot::public_store`), so a
//! write costs nothing here; the copy is held in memory (see the README for its size).

use oxigraph::model::NamedOrBlankNode;
use oxigraph::store::Store;

use crate::store::CatalogStore;
use crate::web::WebError;
use crate::web::visibility::{self, Hidden};

/// A failure building the dataset, named so in the log.
fn dataset_error(e: impl std::error::Error + Send + Sync + 'static) -> WebError {
    WebError::internal(anyhow::Error::new(e).context("SPARQL dataset"))
}

/// A new in-memory store with what `hidden` (an anonymous viewer's rule) lets through.
pub fn build(store: &CatalogStore, hidden: &Hidden<'_>) -> Result<Store, WebError> {
    let out = Store::new().map_err(dataset_error)?;
    for graph in store.raw().named_graphs() {
        let NamedOrBlankNode::NamedNode(graph) = graph.map_err(dataset_error)? else {
            continue; // varcat names every graph; a blank one is nobody's document
        };
        if hidden.iri(graph.as_str()) {
            continue;
        }
        let quads = store
            .raw()
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(dataset_error)?;
        let mut quads = visibility::visible_quads(hidden, quads);
        let versions = crate::store::dcat3_versions(&quads);
        quads.extend(versions);
        out.extend(quads).map_err(dataset_error)?;
    }
    Ok(out)
}

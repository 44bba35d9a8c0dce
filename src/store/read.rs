//! Reading the store back as domain values: the whole catalogue (with or without codes), one
//! codebook, a frozen version, the versions and modification times, and what an IRI names.

use std::collections::BTreeMap;

use oxigraph::model::{NamedNode, NamedOrBlankNode};

use crate::domain::{Catalog, Codebook, ItemKey, ItemKind};

use super::{CatalogStore, StoreError, from_rdf, vocab};

impl CatalogStore {
    /// Reads every item back into a [`Catalog`].
    pub fn load_catalog(&self) -> Result<Catalog, StoreError> {
        self.load(true)
    }

    /// Every item, but codebooks without their codes: what the feeds need, at a fraction of
    /// the reading at national scale (most triples are codes).
    pub fn load_catalog_without_codes(&self) -> Result<Catalog, StoreError> {
        self.load(false)
    }

    fn load(&self, with_codes: bool) -> Result<Catalog, StoreError> {
        let mut items = Vec::new();
        for graph in self.store.named_graphs() {
            let NamedOrBlankNode::NamedNode(graph) = graph? else {
                continue;
            };
            let Some(key) = self.iris.item_of(graph.as_str()) else {
                continue;
            };
            if self.iris.item(&key) != graph {
                continue; // a frozen version, not an item
            }
            items.push((key.kind, graph));
        }
        // Reading is mostly the store's term lookups, one core's work per graph: at national
        // scale (20,000 graphs, 1.8 million quads) the graphs are read on every core.
        let parts = crate::parallel::chunks(&items, |part| {
            let mut cat = Catalog::default();
            for (kind, graph) in part {
                // Without codes, a codebook graph is read for its scheme's own triples only.
                let only_scheme = !with_codes && *kind == ItemKind::Codebook;
                let g = self.graph_view(graph, only_scheme)?;
                self.decode_into(&mut cat, *kind, &g, graph.as_str())?;
            }
            Ok::<_, StoreError>(cat)
        });
        let mut cat = Catalog::default();
        for part in parts {
            cat.extend(part?);
        }
        Ok(cat)
    }

    /// The quads of graph `graph`, ready to decode; with `only_subject`, only those whose
    /// subject is the graph's own IRI (a codebook's scheme without its codes).
    fn graph_view(
        &self,
        graph: &NamedNode,
        only_subject: bool,
    ) -> Result<from_rdf::GraphView, StoreError> {
        let subject = only_subject.then(|| graph.as_ref().into());
        let quads = self
            .store
            .quads_for_pattern(subject, None, None, Some(graph.as_ref().into()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(from_rdf::GraphView::new(quads))
    }

    fn decode_into(
        &self,
        cat: &mut Catalog,
        kind: ItemKind,
        g: &from_rdf::GraphView,
        iri: &str,
    ) -> Result<(), StoreError> {
        match kind {
            ItemKind::Organisation => {
                let o = from_rdf::organisation(g, iri)?;
                cat.organisations.insert(o.orgnr.clone(), o);
            }
            ItemKind::Collection => {
                let c = from_rdf::collection(g, &self.iris, iri)?;
                cat.collections.insert(c.id.clone(), c);
            }
            ItemKind::ProblemArea => {
                let p = from_rdf::problem_area(g, iri)?;
                cat.problem_areas.insert(p.id.clone(), p);
            }
            ItemKind::Codebook => {
                let c = from_rdf::codebook(g, &self.iris, iri)?;
                cat.codebooks.insert(c.id.clone(), c);
            }
            ItemKind::Variable => {
                let v = from_rdf::variable(g, &self.iris, iri)?;
                cat.variables.insert(v.id.clone(), v);
            }
            ItemKind::UseCase => {
                let u = from_rdf::use_case(g, &self.iris, iri)?;
                cat.use_cases.insert(u.id.clone(), u);
            }
        }
        Ok(())
    }

    /// One item with all it holds (a codebook with its codes) as a catalogue holding it
    /// alone; `None` when the store has no such item.
    pub fn load_item(&self, key: &ItemKey) -> Result<Option<Catalog>, StoreError> {
        let graph = self.iris.item(key);
        if !self.store.contains_named_graph(&graph)? {
            return Ok(None);
        }
        let g = self.graph_view(&graph, false)?;
        let mut cat = Catalog::default();
        self.decode_into(&mut cat, key.kind, &g, graph.as_str())?;
        Ok(Some(cat))
    }

    /// One codebook with all its codes, read from its graph; `None` when there is no such
    /// codebook. What the server reads for a codebook's page, as it keeps no codes in memory.
    pub fn codebook(&self, id: &crate::domain::Id) -> Result<Option<Codebook>, StoreError> {
        let key = ItemKey {
            kind: ItemKind::Codebook,
            id: id.to_string(),
        };
        Ok(self
            .load_item(&key)?
            .and_then(|mut cat| cat.codebooks.remove(id)))
    }

    /// A frozen version (the graph at `{item IRI}/{version}`) as a catalogue holding that one
    /// item, with the item's key; `None` when `graph` is not a frozen version.
    pub fn load_version(
        &self,
        graph: &NamedNode,
    ) -> Result<Option<(ItemKey, Catalog)>, StoreError> {
        let Some(key) = self.iris.item_of(graph.as_str()) else {
            return Ok(None);
        };
        if self.iris.item(&key) == *graph || !self.store.contains_named_graph(graph)? {
            return Ok(None);
        }
        let mut cat = Catalog::default();
        let g = self.graph_view(graph, false)?;
        self.decode_into(&mut cat, key.kind, &g, graph.as_str())?;
        Ok(Some((key, cat)))
    }

    /// Every item's frozen versions (`dct:hasVersion`), by item IRI: (version, version IRI),
    /// oldest first.
    pub fn versions(&self) -> Result<crate::domain::Versions, StoreError> {
        let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(vocab::dct::HAS_VERSION), None, None)
        {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), oxigraph::model::Term::NamedNode(v)) =
                (&q.subject, &q.object)
            {
                let label = v
                    .as_str()
                    .strip_prefix(s.as_str())
                    .and_then(|r| r.strip_prefix('/'))
                    .unwrap_or_default()
                    .to_owned();
                out.entry(s.as_str().to_owned())
                    .or_default()
                    .push((label, v.as_str().to_owned()));
            }
        }
        for v in out.values_mut() {
            v.sort_by(|a, b| crate::domain::natural_cmp(&a.0, &b.0));
        }
        Ok(out.into_iter().collect())
    }

    /// What an IRI under the base names: the graph of its item, and the subject to describe
    /// (the item itself — also for `{base}/organisation/SE…`, the local alias of an
    /// organisation's dataportal.se IRI — or a code, step or binding inside the item).
    pub fn resolve(&self, iri: &str) -> Result<Option<(NamedNode, Option<NamedNode>)>, StoreError> {
        let Some(key) = self.iris.item_of(iri) else {
            return Ok(None);
        };
        let g = self.iris.item(&key);
        if let Ok(node) = NamedNode::new(iri)
            && node != g
            && self.store.contains_named_graph(&node)?
        {
            return Ok(Some((node, None))); // a frozen version: its own graph
        }
        if !self.store.contains_named_graph(&g)? {
            return Ok(None);
        }
        let alias = self.iris.under_base(&key);
        if iri == g.as_str() || iri == alias.as_str() {
            return Ok(Some((g, None)));
        }
        // A resource inside the item (a code, a step, a binding) only if the item describes it.
        let Ok(subject) = NamedNode::new(iri) else {
            return Ok(None);
        };
        let described = self
            .store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                None,
                None,
                Some(g.as_ref().into()),
            )
            .next()
            .transpose()?
            .is_some();
        Ok(described.then_some((g, Some(subject))))
    }

    /// When each item last changed (`dct:modified`), by item IRI.
    pub fn modified(&self) -> Result<crate::domain::Modified, StoreError> {
        let mut out = crate::domain::Modified::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(vocab::dct::MODIFIED), None, None)
        {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), oxigraph::model::Term::Literal(l)) =
                (&q.subject, &q.object)
            {
                out.insert(s.as_str().to_owned(), l.value().to_owned());
            }
        }
        Ok(out)
    }
}

//! The RDF store behind one type: opens the embedded oxigraph store (on disk, or in memory for
//! tests), reads the catalogue back as domain values, and applies an import's changes in one
//! transaction. Called by `import`, `export`, `web` and `cli`.

mod from_rdf;
pub mod harmonisation;
mod iris;
mod state;
pub mod terms;
mod to_rdf;
mod versions;
pub use versions::dcat3 as dcat3_versions;
pub mod vocab;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
};
use oxigraph::store::{StorageError, Store};

use crate::domain::{Catalog, Codebook, ItemKey, ItemKind};

pub use from_rdf::DecodeError;
pub use iris::{
    BaseIriError, Iris, encode as encode_path_segment, organisation as organisation_iri,
    orgnr_of as orgnr_of_iri,
};
pub use state::ItemState;
pub use to_rdf::GraphBuilder;
pub use versions::version_iri;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("RDF store: {0}")]
    Storage(#[from] StorageError),
    #[error("stored item cannot be read: {0}")]
    Decode(#[from] DecodeError),
    #[error(
        "this data directory was created for base IRI {stored}, not {requested}; \
         leave out --base-iri and VARCAT_BASE_IRI to use it, or use another --data-dir"
    )]
    BaseMismatch { stored: String, requested: String },
    #[error("writing RDF: {0}")]
    Serialize(#[from] std::io::Error),
    /// The work run just before the commit failed; nothing was written.
    #[error("{0}")]
    Aborted(String),
    #[error(
        "the catalogue store {0} is open in another varcat process (is `varcat serve` running?); \
         stop it and try again"
    )]
    Locked(String),
}

/// Removes the sort files of a bulk load that a killed process left in the store folder
/// (`bulk-*.sst`, up to tens of MB each). Called with the store opened read-write, so no load
/// of this store runs; a file that was ingested is only a second name of RocksDB's own copy.
fn remove_stale_bulk_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            match std::fs::remove_file(e.path()) {
                Ok(()) => {
                    tracing::info!(file = %name, "removed a bulk-load file left by an interrupted import")
                }
                Err(err) => {
                    tracing::warn!(file = %name, %err, "cannot remove a stale bulk-load file")
                }
            }
        }
    }
}

/// Memory the bulk loader may use for sorting quads before it writes them (per thread).
const BULK_LOAD_MEMORY_MB: usize = 512;

/// The catalogue's RDF store.
pub struct CatalogStore {
    store: Store,
    iris: Iris,
}

/// What one import changes: the new catalogue and the keys to write or remove.
pub struct ChangeSet<'a> {
    pub catalog: &'a Catalog,
    pub upserts: Vec<ItemKey>,
    pub removals: Vec<ItemKey>,
}

/// The subject in the default graph that records store-level settings.
const STORE_NODE: NamedNodeRef<'static> = NamedNodeRef::new_unchecked("urn:varcat:store");

/// The base IRI a store records (written when it was created).
fn stored_base(store: &Store) -> Result<Option<String>, StoreError> {
    Ok(store
        .quads_for_pattern(
            Some(STORE_NODE.into()),
            Some(vocab::varcat::BASE_IRI),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .transpose()?
        .map(|q| match q.object {
            oxigraph::model::Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        }))
}

impl CatalogStore {
    /// Opens (or creates) the on-disk store and checks that it belongs to this base IRI.
    pub fn open(dir: &Path, iris: Iris) -> Result<Self, StoreError> {
        let store = Store::open(dir).map_err(|e| {
            if e.to_string().contains("LOCK") {
                StoreError::Locked(dir.display().to_string())
            } else {
                StoreError::Storage(e)
            }
        })?;
        remove_stale_bulk_files(dir);
        let this = Self { store, iris };
        this.check_base()?;
        Ok(this)
    }

    /// The store's revision: the number of writes committed to it (0 for a new store). Each
    /// write commits the next revision together with its content, so the operational database,
    /// which records the revision a write makes before the store commits, can tell after a
    /// crash whether the write is in the store (see `workspace::settle`).
    pub fn revision(&self) -> Result<u64, StoreError> {
        let mut max = 0;
        for q in self.store.quads_for_pattern(
            Some(STORE_NODE.into()),
            Some(vocab::varcat::REVISION),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let oxigraph::model::Term::Literal(l) = q?.object
                && let Ok(n) = l.value().parse::<u64>()
            {
                max = max.max(n);
            }
        }
        Ok(max)
    }

    /// A store in memory, for tests.
    pub fn in_memory(iris: Iris) -> Result<Self, StoreError> {
        let this = Self {
            store: Store::new()?,
            iris,
        };
        this.check_base()?;
        Ok(this)
    }

    /// A store in memory holding `nquads` (a copy of a store's content, as `write_all`
    /// writes it), for reading while another process holds the store itself.
    pub fn in_memory_from_nquads(iris: Iris, nquads: &[u8]) -> Result<Self, StoreError> {
        let store = Store::new()?;
        store
            .load_from_reader(RdfFormat::NQuads, nquads)
            .map_err(|e| StoreError::Aborted(format!("the catalogue copy cannot be read: {e}")))?;
        let this = Self { store, iris };
        this.check_base()?;
        Ok(this)
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    pub fn raw(&self) -> &Store {
        &self.store
    }

    /// The base IRI the store at `dir` records, or `None` for a store that records none
    /// (or no store there). For a caller that was given no base IRI: it opens the store only
    /// for this, so it fails while another process holds it.
    pub fn recorded_base(dir: &Path) -> Result<Option<String>, StoreError> {
        if !dir.is_dir() {
            return Ok(None);
        }
        let store = Store::open(dir).map_err(|e| {
            if e.to_string().contains("LOCK") {
                StoreError::Locked(dir.display().to_string())
            } else {
                StoreError::Storage(e)
            }
        })?;
        stored_base(&store)
    }

    fn check_base(&self) -> Result<(), StoreError> {
        let requested = self.iris.base().to_owned();
        match stored_base(&self.store)? {
            Some(stored) if stored != requested => {
                Err(StoreError::BaseMismatch { stored, requested })
            }
            Some(_) => Ok(()),
            None => {
                self.store.insert(QuadRef::new(
                    STORE_NODE,
                    vocab::varcat::BASE_IRI,
                    &Literal::new_simple_literal(requested),
                    GraphNameRef::DefaultGraph,
                ))?;
                Ok(())
            }
        }
    }

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
                let c = from_rdf::codebook(g, iri)?;
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

    /// One codebook with all its codes, read from its graph; `None` when there is no such
    /// codebook. What the server reads for a codebook's page, as it keeps no codes in memory.
    pub fn codebook(&self, id: &crate::domain::Id) -> Result<Option<Codebook>, StoreError> {
        let key = ItemKey {
            kind: ItemKind::Codebook,
            id: id.to_string(),
        };
        let graph = self.iris.item(&key);
        if !self.store.contains_named_graph(&graph)? {
            return Ok(None);
        }
        let g = self.graph_view(&graph, false)?;
        Ok(Some(from_rdf::codebook(&g, graph.as_str())?))
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
    pub fn versions(&self) -> Result<BTreeMap<String, Vec<(String, String)>>, StoreError> {
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
        Ok(out)
    }

    /// The quads describing one item of `catalog`, in the item's graph (without `dct:modified`).
    pub fn item_quads(&self, catalog: &Catalog, key: &ItemKey) -> Vec<Quad> {
        item_quads(&self.iris, catalog, key)
    }

    /// Writes the change set atomically: each upserted item's graph is replaced and stamped
    /// with `dct:modified = now`; each removed item's graph is dropped. When nothing existing is
    /// replaced or removed (a first load, a file of new items) the quads go through the bulk
    /// loader, which at national scale is far faster than the indexed batch of a transaction.
    pub fn apply(
        &self,
        changes: &ChangeSet<'_>,
        now: &str,
        progress: &dyn Fn(),
    ) -> Result<(), StoreError> {
        let revision = self.revision()? + 1;
        self.apply_then_commit(changes, now, revision, progress, || Ok(()))
    }

    /// [`apply`](Self::apply), running `before_commit` once everything is staged and just
    /// before the store commits; if it fails, the store is left as it was. The write records
    /// itself there (its audit entries, as pending under `revision`) in the database. The
    /// store's revision becomes `revision` in the same commit as the content.
    pub fn apply_then_commit(
        &self,
        changes: &ChangeSet<'_>,
        now: &str,
        revision: u64,
        progress: &dyn Fn(),
        before_commit: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), StoreError> {
        let modified = Literal::new_typed_literal(now, vocab::xsd::DATE_TIME);
        let revision_quad = Quad::new(
            STORE_NODE,
            vocab::varcat::REVISION,
            Literal::new_typed_literal(revision.to_string(), vocab::xsd::INTEGER),
            GraphNameRef::DefaultGraph,
        );
        let graphs: Vec<NamedNode> = changes.upserts.iter().map(|k| self.iris.item(k)).collect();
        let mut only_new = changes.removals.is_empty();
        for g in &graphs {
            if !only_new {
                break;
            }
            only_new = !self.store.contains_named_graph(g)?;
        }
        if only_new {
            // oxigraph's bulk loader sorts the quads into SST files and ingests them all in
            // one step at `commit`: atomic, and far cheaper than row-by-row index writes.
            let mut loader = self
                .store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(BULK_LOAD_MEMORY_MB);
            let quads = changes.upserts.iter().zip(&graphs).flat_map(|(key, g)| {
                progress();
                let mut q = item_quads(&self.iris, changes.catalog, key);
                q.push(Quad::new(
                    g.clone(),
                    vocab::dct::MODIFIED,
                    modified.clone(),
                    g.clone(),
                ));
                q
            });
            // The loader only adds: the older revision quads stay, and `revision` reads the
            // highest (the next transaction removes them).
            let quads = quads.chain(std::iter::once(revision_quad));
            let t = std::time::Instant::now();
            loader.load_quads(quads)?;
            tracing::debug!(elapsed = ?t.elapsed(), "store: quads built and handed to the bulk loader");
            // Without a commit the loader's files are never ingested: the store stays as it was.
            before_commit().map_err(StoreError::Aborted)?;
            let t = std::time::Instant::now();
            loader.commit()?;
            tracing::debug!(elapsed = ?t.elapsed(), "store: bulk load committed");
            return Ok(());
        }
        let mut tx = self.store.start_transaction()?;
        let old: Vec<Quad> = tx
            .quads_for_pattern(
                Some(STORE_NODE.into()),
                Some(vocab::varcat::REVISION),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .collect::<Result<_, _>>()?;
        for q in &old {
            tx.remove(q);
        }
        tx.insert(&revision_quad);
        for key in &changes.removals {
            let g = self.iris.item(key);
            tx.remove_named_graph(&g)?;
            progress();
        }
        for (key, g) in changes.upserts.iter().zip(&graphs) {
            let quads = item_quads(&self.iris, changes.catalog, key);
            let links = versions::before_replace(&mut tx, g, &quads)?;
            tx.clear_graph(g)?;
            tx.insert_named_graph(g);
            for q in quads.iter().chain(&links) {
                tx.insert(q);
            }
            tx.insert(QuadRef::new(g, vocab::dct::MODIFIED, &modified, g));
            progress();
        }
        before_commit().map_err(StoreError::Aborted)?;
        tx.commit()?;
        Ok(())
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
    pub fn modified(&self) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        let mut out = std::collections::BTreeMap::new();
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

    /// Writes the triples of one graph in a triple format (Turtle, N-Triples, RDF/XML).
    pub fn write_graph<W: Write>(
        &self,
        graph: &NamedNode,
        format: RdfFormat,
        out: W,
    ) -> Result<W, StoreError> {
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(out);
        for q in self
            .store
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        {
            ser.serialize_triple(q?.as_ref())?;
        }
        Ok(ser.finish()?)
    }

    /// Writes the triples about one subject inside a graph; nothing when there are none.
    pub fn write_subject(
        &self,
        graph: &NamedNode,
        subject: &NamedNode,
        format: RdfFormat,
    ) -> Result<Vec<u8>, StoreError> {
        let quads = self
            .store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                None,
                None,
                Some(graph.as_ref().into()),
            )
            .collect::<Result<Vec<_>, _>>()?;
        if quads.is_empty() {
            return Ok(Vec::new());
        }
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(Vec::new());
        for q in &quads {
            ser.serialize_triple(q.as_ref())?;
        }
        Ok(ser.finish()?)
    }

    /// Writes every item graph: as quads in a dataset format, or merged into one graph.
    pub fn write_all<W: Write>(&self, format: RdfFormat, out: W) -> Result<W, StoreError> {
        let mut ser = prefixed(RdfSerializer::from_format(format)).for_writer(out);
        for q in self.store.iter() {
            let q = q?;
            if q.graph_name.is_default_graph() {
                continue; // store settings, not content
            }
            if format.supports_datasets() {
                ser.serialize_quad(&q)?;
            } else {
                ser.serialize_triple(q.as_ref())?;
            }
        }
        Ok(ser.finish()?)
    }
}

/// Sorted N-Triples of some quads (graph names dropped), as kept in the audit log.
pub fn ntriples(quads: &[Quad]) -> String {
    let mut lines: Vec<String> = quads
        .iter()
        .map(|q| format!("{} {} {} .", q.subject, q.predicate, q.object))
        .collect();
    lines.sort();
    lines.dedup();
    lines.join("\n")
}

/// A serialiser with varcat's prefixes.
pub fn with_prefixes(ser: RdfSerializer) -> RdfSerializer {
    prefixed(ser)
}

fn prefixed(ser: RdfSerializer) -> RdfSerializer {
    const PREFIXES: [(&str, &str); 21] = [
        ("dcatap", "http://data.europa.eu/r5r/"),
        ("healthdcatap", "http://healthdataportal.eu/ns/health#"),
        ("csvw", "http://www.w3.org/ns/csvw#"),
        ("eli", "http://data.europa.eu/eli/ontology#"),
        ("dct", "http://purl.org/dc/terms/"),
        ("dcat", "http://www.w3.org/ns/dcat#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("vcard", "http://www.w3.org/2006/vcard/ns#"),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("adms", "http://www.w3.org/ns/adms#"),
        ("disco", "http://rdf-vocabulary.ddialliance.org/discovery#"),
        ("prof", "http://www.w3.org/ns/dx/prof/"),
        ("schema", "https://schema.org/"),
        ("hydra", "http://www.w3.org/ns/hydra/core#"),
        ("sh", "http://www.w3.org/ns/shacl#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("varcat", vocab::varcat::NS),
        ("dqv", vocab::dqv::NS),
        ("prov", vocab::prov::NS),
    ];
    PREFIXES.iter().fold(ser, |s, (p, iri)| {
        s.with_prefix(*p, *iri)
            .expect("constant prefixes are valid IRIs")
    })
}

/// The quads of one item of `catalog` (none if it is not there).
pub fn item_quads(iris: &Iris, catalog: &Catalog, key: &ItemKey) -> Vec<Quad> {
    use crate::domain::{Id, OrgNr};
    let id = Id::parse(&key.id).ok();
    match key.kind {
        ItemKind::Organisation => OrgNr::parse(&key.id)
            .ok()
            .and_then(|o| catalog.organisations.get(&o))
            .map(to_rdf::organisation_quads),
        ItemKind::Collection => id
            .and_then(|i| catalog.collections.get(&i))
            .map(|c| to_rdf::collection_quads(iris, c)),
        ItemKind::ProblemArea => id
            .and_then(|i| catalog.problem_areas.get(&i))
            .map(|p| to_rdf::problem_area_quads(iris, p)),
        ItemKind::Codebook => id
            .and_then(|i| catalog.codebooks.get(&i))
            .map(|c| to_rdf::codebook_quads(iris, c)),
        ItemKind::Variable => id
            .and_then(|i| catalog.variables.get(&i))
            .map(|v| to_rdf::variable_quads(iris, v)),
        ItemKind::UseCase => id
            .and_then(|i| catalog.use_cases.get(&i))
            .map(|u| to_rdf::use_case_quads(iris, u)),
    }
    .unwrap_or_default()
}

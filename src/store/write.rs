//! Writing an import's changes: each item's graph replaced (or bulk-loaded when all is new),
//! stamped with `dct:modified`, and the store's revision, in one commit.

use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad, QuadRef};
use oxigraph::store::Transaction;

use super::{CatalogStore, ChangeSet, STORE_NODE, StoreError, item_quads, versions, vocab};

/// Memory the bulk loader may use for sorting quads before it writes them (per thread).
const BULK_LOAD_MEMORY_MB: usize = 512;

impl CatalogStore {
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
        let revision = self.source_revision()? + 1;
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
        if let Some(remote) = &self.remote {
            return self.apply_remote(
                remote,
                changes,
                (&modified, revision, &revision_quad),
                &graphs,
                progress,
                before_commit,
            );
        }
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
        self.stage(
            &mut tx,
            changes,
            &modified,
            &revision_quad,
            &graphs,
            progress,
        )?;
        before_commit().map_err(StoreError::Aborted)?;
        tx.commit()?;
        Ok(())
    }

    /// The write on a remote store: staged in a transaction on the replica (exactly as the
    /// embedded store writes), the graphs it touches sent to the engine as one SPARQL Update
    /// request once `before_commit` has recorded the write, and the replica's transaction
    /// committed when the engine has applied it (else dropped: the replica stays as it was).
    fn apply_remote(
        &self,
        remote: &super::remote::Remote,
        changes: &ChangeSet<'_>,
        (modified, revision, revision_quad): (&Literal, u64, &Quad),
        graphs: &[NamedNode],
        progress: &dyn Fn(),
        before_commit: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), StoreError> {
        // The write is made on what this process has read: refused if another wrote since.
        let (engine, mut local) = (remote.revision()?, self.revision()?);
        let planned = remote.planned_at.load(std::sync::atomic::Ordering::Acquire);
        if planned != u64::MAX && planned != local {
            local = planned;
        }
        if engine != local {
            return Err(StoreError::Stale { engine, local });
        }
        let mut tx = self.store.start_transaction()?;
        self.stage(&mut tx, changes, modified, revision_quad, graphs, progress)?;
        // Every graph the write touched: the items removed and written, and the frozen
        // versions of those written (a new one, and the earlier ones it links).
        let mut touched: Vec<NamedNode> =
            changes.removals.iter().map(|k| self.iris.item(k)).collect();
        touched.extend(graphs.iter().cloned());
        for g in graphs {
            for q in tx.quads_for_pattern(
                Some(g.as_ref().into()),
                Some(vocab::dct::HAS_VERSION),
                None,
                Some(g.as_ref().into()),
            ) {
                if let oxigraph::model::Term::NamedNode(v) = q?.object {
                    touched.push(v);
                }
            }
        }
        touched.sort();
        touched.dedup();
        let mut update = super::remote::UpdateText::default();
        for g in &touched {
            let quads: Vec<Quad> = tx
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                .collect::<Result<_, _>>()?;
            update.replace_graph(g, &quads)?;
        }
        update.set_revision(revision, &touched)?;
        tracing::debug!(
            bytes = update.as_str().len(),
            graphs = touched.len(),
            "store: update for the SPARQL store built"
        );
        before_commit().map_err(StoreError::Aborted)?;
        if let Err(sent) = remote.update(&update) {
            // A refusal, or an answer lost on the way: the engine says which.
            match remote.revision() {
                Ok(now) if now == revision => {}
                Ok(_) => return Err(sent),
                Err(asked) => return Err(StoreError::Uncertain(format!("{sent}; then {asked}"))),
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The transaction that writes `changes`: the revision replaced, removed items' graphs
    /// dropped, upserted items' graphs replaced (with their versions, `versions`).
    fn stage(
        &self,
        tx: &mut Transaction<'_>,
        changes: &ChangeSet<'_>,
        modified: &Literal,
        revision_quad: &Quad,
        graphs: &[NamedNode],
        progress: &dyn Fn(),
    ) -> Result<(), StoreError> {
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
        tx.insert(revision_quad);
        for key in &changes.removals {
            let g = self.iris.item(key);
            tx.remove_named_graph(&g)?;
            progress();
        }
        for (key, g) in changes.upserts.iter().zip(graphs) {
            let quads = item_quads(&self.iris, changes.catalog, key);
            let links = versions::before_replace(tx, g, &quads)?;
            tx.clear_graph(g)?;
            tx.insert_named_graph(g);
            for q in quads.iter().chain(&links) {
                tx.insert(q);
            }
            tx.insert(QuadRef::new(g, vocab::dct::MODIFIED, modified, g));
            progress();
        }
        Ok(())
    }
}

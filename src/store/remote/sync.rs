//! Keeping the replica up to date with the engine: loaded whole when the store is opened, and
//! brought forward when the engine is at a later revision than the replica (another process
//! wrote): the graphs the later revisions logged are read again, with the revision, in one
//! query (one state of the engine), and replaced in the replica in one transaction. When the
//! log does not say (a write by something other than varcat, a log too long) the replica is
//! loaded whole again.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;

use super::super::{STORE_NODE, StoreError, vocab};
use super::Remote;
use super::update::{checked_iri, is_log};
use crate::store::Synced;

/// More graphs than this to read again: the replica is loaded whole instead.
const MAX_INCREMENTAL_GRAPHS: usize = 5000;

fn revision_of(t: Option<&Term>) -> Option<u64> {
    match t {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}

fn named(t: Option<&Term>) -> Option<NamedNode> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.clone()),
        _ => None,
    }
}

/// The revision pattern (`<store> varcat:revision ?r`), written once.
fn revision_pattern() -> String {
    format!("{} {} ?r", STORE_NODE, vocab::varcat::REVISION)
}

impl Remote {
    /// The engine's revision: the number of writes committed to it (0 for a new store).
    pub fn revision(&self) -> Result<u64, StoreError> {
        let q = format!("SELECT ?r WHERE {{ {} }}", revision_pattern());
        Ok(self
            .select(&q, &["r"])?
            .iter()
            .filter_map(|row| revision_of(row[0].as_ref()))
            .max()
            .unwrap_or(0))
    }

    /// Every quad of the engine's dataset but its log.
    fn dataset(&self) -> Result<Vec<Quad>, StoreError> {
        if let Some(nquads) = self.dataset_nquads()? {
            let mut out = Vec::new();
            for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(&nquads) {
                let q = q.map_err(|e| {
                    StoreError::Remote(format!("the SPARQL store's dataset cannot be read: {e}"))
                })?;
                if !is_log(&q) {
                    out.push(q);
                }
            }
            return Ok(out);
        }
        let rows = self.select(
            "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
            &["g", "s", "p", "o"],
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|row| quad(&row))
            .filter(|q| !is_log(q))
            .collect())
    }

    /// Replaces the replica's whole content with the engine's.
    pub fn load_into(&self, replica: &Store) -> Result<(), StoreError> {
        let quads = self.dataset()?;
        let mut tx = replica.start_transaction()?;
        tx.clear()?;
        for q in &quads {
            tx.insert(q);
        }
        tx.commit()?;
        Ok(())
    }

    /// Brings the replica (at `local`) up to the engine's revision; what changed.
    pub fn catch_up(&self, replica: &Store, local: u64) -> Result<Synced, StoreError> {
        // The cheap question first: asked several times a second by each server.
        if self.revision()? == local {
            return Ok(Synced::Nothing);
        }
        for _ in 0..3 {
            // The engine's revision and the graphs logged after `local`, in one state.
            let q = format!(
                "SELECT ?r ?g WHERE {{ {{ {} }} UNION {{ ?log {} ?g ; {} ?n FILTER(?n > {local}) }} }}",
                revision_pattern(),
                vocab::varcat::TOUCHED,
                vocab::varcat::REVISION,
            );
            let rows = self.select(&q, &["r", "g"])?;
            let engine = rows
                .iter()
                .filter_map(|r| revision_of(r[0].as_ref()))
                .max()
                .unwrap_or(0);
            if engine == local {
                return Ok(Synced::Nothing);
            }
            let graphs: BTreeSet<NamedNode> =
                rows.iter().filter_map(|r| named(r[1].as_ref())).collect();
            if engine < local || graphs.is_empty() || graphs.len() > MAX_INCREMENTAL_GRAPHS {
                break;
            }
            // Their content now, with the revision it is at.
            let mut values = String::new();
            for g in &graphs {
                checked_iri(&mut values, g.as_ref())?;
                values.push(' ');
            }
            let q = format!(
                "SELECT ?r ?g ?s ?p ?o WHERE {{ {{ {} }} UNION {{ VALUES ?g {{ {values}}} GRAPH ?g {{ ?s ?p ?o }} }} }}",
                revision_pattern()
            );
            let rows = self.select(&q, &["r", "g", "s", "p", "o"])?;
            let at = rows
                .iter()
                .filter_map(|r| revision_of(r[0].as_ref()))
                .max()
                .unwrap_or(0);
            if at != engine {
                continue; // written again meanwhile: ask again
            }
            let mut tx = replica.start_transaction()?;
            for g in &graphs {
                tx.remove_named_graph(g)?;
            }
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
            tx.insert(&Quad::new(
                STORE_NODE,
                vocab::varcat::REVISION,
                oxigraph::model::Literal::new_typed_literal(
                    engine.to_string(),
                    vocab::xsd::INTEGER,
                ),
                GraphName::DefaultGraph,
            ));
            for q in rows.iter().filter_map(|r| quad(&r[1..])) {
                tx.insert(&q);
            }
            tx.commit()?;
            tracing::info!(
                from = local,
                to = engine,
                graphs = graphs.len(),
                "store: replica brought up to date with the SPARQL store"
            );
            return Ok(Synced::Graphs(graphs.into_iter().collect()));
        }
        tracing::info!(
            from = local,
            "store: replica loaded again from the SPARQL store"
        );
        self.load_into(replica)?;
        Ok(Synced::Whole)
    }
}

/// A quad from a solution's (graph, subject, predicate, object); graph unbound: the default.
fn quad(row: &[Option<Term>]) -> Option<Quad> {
    let graph = match &row[0] {
        None => GraphName::DefaultGraph,
        Some(Term::NamedNode(n)) => GraphName::NamedNode(n.clone()),
        Some(Term::BlankNode(b)) => GraphName::BlankNode(b.clone()),
        Some(_) => return None,
    };
    let subject = match row[1].clone()? {
        Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n),
        Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b),
        _ => return None,
    };
    let predicate = named(row[2].as_ref())?;
    let object = row[3].clone()?;
    Some(Quad::new(subject, predicate, object, graph))
}

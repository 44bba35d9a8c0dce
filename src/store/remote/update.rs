//! One write as one SPARQL Update request: each graph it touches dropped and inserted again
//! whole (`DROP SILENT GRAPH` and `INSERT DATA`), the store's revision replaced, and the graphs
//! the revision touched logged under it (for the other servers' incremental refresh). Terms are
//! written as N-Triples terms: IRIs checked (a character that could end one is refused, never
//! sent), literals escaped by oxigraph's own serialisation.

use std::fmt::Write;

use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, TermRef,
};

use super::super::{STORE_NODE, StoreError, vocab};

/// The prefix of the subjects under which the engine logs each revision's graphs (in its
/// default graph; the replica leaves them out).
pub const LOG_PREFIX: &str = "urn:varcat:revision:";

/// The log subject of `revision`.
pub fn log_node(revision: u64) -> NamedNode {
    NamedNode::new_unchecked(format!("{LOG_PREFIX}{revision}"))
}

/// Whether `quad` is one of the engine's log entries (not catalogue content).
pub fn is_log(quad: &Quad) -> bool {
    quad.graph_name.is_default_graph()
        && matches!(quad.subject.as_ref(), NamedOrBlankNodeRef::NamedNode(n) if n.as_str().starts_with(LOG_PREFIX))
}

/// A SPARQL Update request being written.
#[derive(Debug, Default)]
pub struct UpdateText(String);

/// `iri` as `<iri>`, when it is an IRI that SPARQL can carry as it is.
pub(super) fn checked_iri(out: &mut String, iri: NamedNodeRef<'_>) -> Result<(), StoreError> {
    if NamedNode::new(iri.as_str()).is_err() || iri.as_str().contains(['<', '>', '"', ' ']) {
        return Err(StoreError::Remote(format!(
            "the IRI {:?} cannot be written to the SPARQL store",
            iri.as_str()
        )));
    }
    let _ = write!(out, "<{}>", iri.as_str());
    Ok(())
}

use checked_iri as iri;

fn literal(out: &mut String, l: &oxigraph::model::LiteralRef<'_>) -> Result<(), StoreError> {
    // The datatype is checked like any IRI; the lexical form is escaped by oxrdf.
    iri(&mut String::new(), l.datatype())?;
    let _ = write!(out, "{l}");
    Ok(())
}

fn term(out: &mut String, t: TermRef<'_>) -> Result<(), StoreError> {
    match t {
        TermRef::NamedNode(n) => iri(out, n),
        TermRef::BlankNode(b) => {
            let _ = write!(out, "{b}");
            Ok(())
        }
        TermRef::Literal(l) => literal(out, &l),
        #[allow(unreachable_patterns)]
        _ => Err(StoreError::Remote(
            "a term the SPARQL store is not sent (an RDF 1.2 triple term)".into(),
        )),
    }
}

fn subject(out: &mut String, s: NamedOrBlankNodeRef<'_>) -> Result<(), StoreError> {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => iri(out, n),
        NamedOrBlankNodeRef::BlankNode(b) => {
            let _ = write!(out, "{b}");
            Ok(())
        }
    }
}

impl UpdateText {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn op(&mut self) {
        if !self.0.is_empty() {
            self.0.push_str(" ;\n");
        }
    }

    fn triples<'a>(&mut self, quads: impl IntoIterator<Item = &'a Quad>) -> Result<(), StoreError> {
        for q in quads {
            subject(&mut self.0, q.subject.as_ref())?;
            self.0.push(' ');
            iri(&mut self.0, q.predicate.as_ref())?;
            self.0.push(' ');
            term(&mut self.0, q.object.as_ref())?;
            self.0.push_str(" .\n");
        }
        Ok(())
    }

    /// Replaces graph `g` with `quads` (all in `g`; none: the graph is dropped).
    pub fn replace_graph(&mut self, g: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        self.op();
        self.0.push_str("DROP SILENT GRAPH ");
        iri(&mut self.0, g.as_ref())?;
        if quads.is_empty() {
            return Ok(());
        }
        self.op();
        self.0.push_str("INSERT DATA { GRAPH ");
        iri(&mut self.0, g.as_ref())?;
        self.0.push_str(" {\n");
        self.triples(quads)?;
        self.0.push_str("} }");
        Ok(())
    }

    /// Adds `quads` to the default graph.
    pub fn insert_default(&mut self, quads: &[Quad]) -> Result<(), StoreError> {
        debug_assert!(quads.iter().all(|q| q.graph_name.is_default_graph()));
        self.op();
        self.0.push_str("INSERT DATA {\n");
        self.triples(quads)?;
        self.0.push('}');
        Ok(())
    }

    /// Makes `revision` the store's revision and logs the graphs it touched.
    pub fn set_revision(&mut self, revision: u64, touched: &[NamedNode]) -> Result<(), StoreError> {
        self.op();
        self.0.push_str("DELETE WHERE { ");
        iri(&mut self.0, STORE_NODE)?;
        self.0.push(' ');
        iri(&mut self.0, vocab::varcat::REVISION)?;
        self.0.push_str(" ?revision }");
        let number = Literal::new_typed_literal(revision.to_string(), vocab::xsd::INTEGER);
        let log = log_node(revision);
        let mut quads = vec![
            Quad::new(
                STORE_NODE,
                vocab::varcat::REVISION,
                number.clone(),
                GraphNameRef::DefaultGraph,
            ),
            Quad::new(
                log.clone(),
                vocab::varcat::REVISION,
                number,
                GraphNameRef::DefaultGraph,
            ),
        ];
        quads.extend(touched.iter().map(|g| {
            Quad::new(
                log.clone(),
                vocab::varcat::TOUCHED,
                g.clone(),
                GraphNameRef::DefaultGraph,
            )
        }));
        self.insert_default(&quads)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, GraphName};
    use oxigraph::store::Store;

    fn g() -> NamedNode {
        NamedNode::new_unchecked("https://varcat.test/variabel/x")
    }

    #[test]
    fn literals_are_escaped_and_the_update_does_what_it_says() {
        let nasty = "a\" } ; DROP ALL ; INSERT DATA { <x> <y> \"z\n\\";
        let quads = vec![
            Quad::new(
                g(),
                vocab::dct::TITLE,
                Literal::new_language_tagged_literal_unchecked(nasty, "sv"),
                g(),
            ),
            Quad::new(
                BlankNode::default(),
                vocab::dct::TITLE,
                Literal::new_simple_literal(nasty),
                g(),
            ),
        ];
        let mut u = UpdateText::default();
        u.replace_graph(&g(), &quads).expect("written");
        u.set_revision(3, &[g()]).expect("written");
        let store = Store::new().expect("store");
        store.update(u.as_str()).expect("a valid update");
        let titles: Vec<_> = store
            .quads_for_pattern(
                None,
                Some(vocab::dct::TITLE),
                None,
                Some(GraphName::from(g()).as_ref()),
            )
            .collect::<Result<_, _>>()
            .expect("read");
        assert_eq!(titles.len(), 2);
        assert!(
            titles.iter().all(
                |q| matches!(&q.object, oxigraph::model::Term::Literal(l) if l.value() == nasty)
            )
        );
        assert!(store.contains_named_graph(&g()).expect("read"));
    }

    #[test]
    fn an_iri_that_could_end_early_is_refused() {
        let bad = NamedNode::new_unchecked("https://x.test/> } ; DROP ALL ; INSERT DATA { <a");
        let q = Quad::new(g(), vocab::dct::SOURCE, bad, g());
        let mut u = UpdateText::default();
        assert!(u.replace_graph(&g(), &[q]).is_err());
    }
}

//! The resources the feeds describe that are not items of their own: distributions, rights
//! statements, contact points, CSVW tables and columns, use-case profile descriptors, the data
//! service. Each answers at its IRI with its own triples from the feeds (both profiles, the
//! whole catalogue unsplit), and a browser gets them as a plain page like a code's.
//! Built once per snapshot (and recorded conformance results) on first use, from the public
//! catalogue only.

use std::collections::{HashMap, HashSet};

use oxigraph::model::{NamedOrBlankNode, Triple};

use crate::feed::{FeedQuery, Profile};

use super::snapshot::Snapshot;
use super::{State, WebError};

/// Every subject under the base IRI that a feed describes, with its triples.
#[derive(Default)]
pub struct Described(HashMap<String, Vec<Triple>>);

impl Described {
    pub fn of(
        snap: &Snapshot,
        state: &State,
        quality: &crate::feed::Quality,
    ) -> Result<Self, WebError> {
        let settings = state.settings.unsplit();
        let base = state.store.iris().base();
        let mut by_subject: HashMap<String, Vec<Triple>> = HashMap::new();
        // Both profiles describe most resources alike: each triple once.
        let mut seen: HashSet<Triple> = HashSet::new();
        for profile in [Profile::DcatApSe, Profile::HealthDcatAp] {
            let quality = (profile == Profile::HealthDcatAp).then_some(quality);
            let quads = super::feeds::public_quads(
                snap,
                state,
                &settings,
                profile,
                &FeedQuery::default(),
                quality,
            )?;
            for q in quads {
                if let NamedOrBlankNode::NamedNode(s) = &q.subject
                    && s.as_str().starts_with(base)
                {
                    let t = Triple::new(q.subject.clone(), q.predicate, q.object);
                    if seen.insert(t.clone()) {
                        by_subject.entry(s.as_str().to_owned()).or_default().push(t);
                    }
                }
            }
        }
        // The harmonisation method's concept scheme, which item documents point at.
        for t in crate::store::harmonisation::method_triples(state.store.iris()) {
            if let NamedOrBlankNode::NamedNode(s) = &t.subject
                && seen.insert(t.clone())
            {
                by_subject.entry(s.as_str().to_owned()).or_default().push(t);
            }
        }
        Ok(Self(by_subject))
    }

    /// The triples about `iri`, if a feed describes it.
    pub fn get(&self, iri: &str) -> Option<&[Triple]> {
        self.0.get(iri).map(Vec::as_slice)
    }
}

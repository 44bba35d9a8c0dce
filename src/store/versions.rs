//! Item versions. When a write changes an item's version (`owl:versionInfo`, e.g. 1.0 → 2.0),
//! the previous content is frozen in its own graph at `{item IRI}/{old version}`, described as
//! that IRI (`dct:isVersionOf` the item, `dct:isReplacedBy` its successor); the item's own
//! graph — the unversioned IRI, always the current version — links its versions with
//! `dct:hasVersion` and its predecessor with `dct:replaces`. Frozen versions are never
//! rewritten, and catalogue readers skip them (they are not items). Item documents also say it
//! in DCAT 3's terms ([`dcat3`]).

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Transaction};

use super::vocab::{dcat, dct, owl};

/// `{item}/{version}`, the version's characters outside `[A-Za-z0-9._~-]` percent-encoded.
pub fn version_iri(item: &NamedNode, version: &str) -> NamedNode {
    let mut seg = String::new();
    for b in version.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'~' | b'-' => {
                seg.push(b as char)
            }
            _ => seg.push_str(&format!("%{b:02X}")),
        }
    }
    NamedNode::new_unchecked(format!("{}/{seg}", item.as_str()))
}

fn version_of(quads: &[Quad], item: &NamedNode) -> String {
    quads
        .iter()
        .find(|q| {
            q.subject == NamedOrBlankNode::from(item.clone()) && q.predicate == owl::VERSION_INFO
        })
        .and_then(|q| match &q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .unwrap_or_default()
}

fn is_link(q: &Quad, item: &NamedNode) -> bool {
    q.subject == NamedOrBlankNode::from(item.clone())
        && (q.predicate == dct::REPLACES || q.predicate == dct::HAS_VERSION)
}

/// Run inside the write that replaces `item`'s graph with `new_quads`, before the graph is
/// cleared: freezes the old content when the version changes, and returns the version links
/// the new graph must carry.
pub(super) fn before_replace(
    tx: &mut Transaction<'_>,
    item: &NamedNode,
    new_quads: &[Quad],
) -> Result<Vec<Quad>, StorageError> {
    let graph = GraphNameRef::NamedNode(item.as_ref());
    let old: Vec<Quad> = tx
        .quads_for_pattern(None, None, None, Some(graph))
        .collect::<Result<_, _>>()?;
    let mut links: Vec<Quad> = old.iter().filter(|q| is_link(q, item)).cloned().collect();
    let (old_v, new_v) = (version_of(&old, item), version_of(new_quads, item));
    if old.is_empty() || old_v.is_empty() || old_v == new_v {
        return Ok(links);
    }
    let frozen = version_iri(item, &old_v);
    if tx.contains_named_graph(&frozen)? {
        return Ok(links);
    }
    let as_frozen = |n: &NamedNode| if n == item { frozen.clone() } else { n.clone() };
    for q in &old {
        if q.predicate == dct::MODIFIED || q.predicate == dct::HAS_VERSION {
            continue;
        }
        let subject = match &q.subject {
            NamedOrBlankNode::NamedNode(n) => NamedOrBlankNode::from(as_frozen(n)),
            other => other.clone(),
        };
        let object = match &q.object {
            Term::NamedNode(n) => Term::from(as_frozen(n)),
            other => other.clone(),
        };
        tx.insert(&Quad::new(
            subject,
            q.predicate.clone(),
            object,
            frozen.clone(),
        ));
    }
    tx.insert(&Quad::new(
        frozen.clone(),
        dct::IS_VERSION_OF,
        item.clone(),
        frozen.clone(),
    ));
    tx.insert(&Quad::new(
        frozen.clone(),
        dct::IS_REPLACED_BY,
        item.clone(),
        frozen.clone(),
    ));
    // The version the old content replaced is now replaced by the frozen one.
    for q in links.iter().filter(|q| q.predicate == dct::REPLACES) {
        if let Term::NamedNode(earlier) = &q.object {
            tx.remove(&Quad::new(
                earlier.clone(),
                dct::IS_REPLACED_BY,
                item.clone(),
                earlier.clone(),
            ));
            tx.insert(&Quad::new(
                earlier.clone(),
                dct::IS_REPLACED_BY,
                frozen.clone(),
                earlier.clone(),
            ));
        }
    }
    links.retain(|q| q.predicate == dct::HAS_VERSION);
    links.push(Quad::new(
        item.clone(),
        dct::HAS_VERSION,
        frozen.clone(),
        item.clone(),
    ));
    links.push(Quad::new(item.clone(), dct::REPLACES, frozen, item.clone()));
    Ok(links)
}

/// The DCAT 3 version properties that say what `quads` (an item's or a frozen version's
/// document) say with Dublin Core and OWL: `dcat:hasVersion` for `dct:hasVersion`,
/// `dcat:previousVersion` for `dct:replaces` (the version this one follows), `dcat:version`
/// for `owl:versionInfo` — added when a document is served, so the store keeps one form.
pub fn dcat3(quads: &[Quad]) -> Vec<Quad> {
    quads
        .iter()
        .filter_map(|q| {
            let p = if q.predicate == dct::HAS_VERSION {
                dcat::HAS_VERSION
            } else if q.predicate == dct::REPLACES {
                dcat::PREVIOUS_VERSION
            } else if q.predicate == owl::VERSION_INFO {
                dcat::VERSION
            } else {
                return None;
            };
            Some(Quad::new(
                q.subject.clone(),
                p,
                q.object.clone(),
                q.graph_name.clone(),
            ))
        })
        .collect()
}

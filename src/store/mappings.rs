//! A code's mappings to codes of other code systems ↔ RDF (documented in `schemas/README.md`):
//! each is a SKOS mapping triple on the code's concept in its codebook's graph (`<code>
//! skos:exactMatch <other code>`, likewise `closeMatch`, `broadMatch`, `narrowMatch`,
//! `relatedMatch`). A mapping with a note is also reified: an `rdf:Statement` at
//! `{code}/mappning/{relation}/{system}/{notation}` naming the triple, with the note as
//! `skos:note` (`@sv`).

use oxigraph::model::{NamedNode, NamedNodeRef};

use crate::domain::{Mapping, MatchRelation, sort_mappings};

use super::from_rdf::GraphView;
use super::iris::Iris;
use super::to_rdf::GraphBuilder;
use super::vocab::{rdf, skos};

/// The SKOS property of a relation.
pub fn property(r: MatchRelation) -> NamedNodeRef<'static> {
    match r {
        MatchRelation::Exact => skos::EXACT_MATCH,
        MatchRelation::Close => skos::CLOSE_MATCH,
        MatchRelation::Broad => skos::BROAD_MATCH,
        MatchRelation::Narrow => skos::NARROW_MATCH,
        MatchRelation::Related => skos::RELATED_MATCH,
    }
}

/// Whether `p` is one of the SKOS mapping properties.
pub fn is_mapping_property(p: &str) -> bool {
    MatchRelation::ALL
        .iter()
        .any(|r| property(*r).as_str() == p)
}

/// Writes the mappings of the code `code` into `g`.
pub fn write(g: &mut GraphBuilder, iris: &Iris, code: &NamedNode, list: &[Mapping]) {
    for m in list {
        let target = iris.code(&m.system, &m.code);
        g.node(code, property(m.relation), &target);
        if m.note.is_empty() {
            continue;
        }
        let st = iris.mapping(code, m);
        g.a(&st, rdf::STATEMENT);
        g.node(&st, rdf::SUBJECT, code);
        g.node(&st, rdf::PREDICATE, &NamedNode::from(property(m.relation)));
        g.node(&st, rdf::OBJECT, &target);
        g.sv(&st, skos::NOTE, &m.note);
    }
}

/// Reads the mappings of the code `code` back, in order; a target that is no code IRI of
/// this catalogue is not one of its mappings.
pub fn read(g: &GraphView, iris: &Iris, code: &str) -> Vec<Mapping> {
    let code_node = NamedNode::new_unchecked(code);
    let mut out = Vec::new();
    for &relation in MatchRelation::ALL {
        for target in g.iris(code, property(relation)) {
            let Some((system, notation)) = iris.code_of(&target) else {
                continue;
            };
            let mut m = Mapping {
                relation,
                system,
                code: notation,
                note: String::new(),
            };
            m.note = g.text(iris.mapping(&code_node, &m).as_str(), skos::NOTE);
            out.push(m);
        }
    }
    sort_mappings(&mut out);
    out
}

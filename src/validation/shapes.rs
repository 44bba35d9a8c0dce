//! The shape sets `varcat validate` and `/validering` run, embedded in the binary from
//! `schemas/shacl/` (the official DCAT-AP 3.0.1 and HealthDCAT-AP release 8 files, vendored
//! unchanged, plus our DCAT-AP-SE shapes and the two documented repairs; see
//! `schemas/shacl/README.md`), so an operator needs neither the sources nor Python.
//!
//! The same lists name the files for pyshacl, the independent engine the tests compare with
//! (`schemas/shacl/validate.py`).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNode, Term, TermRef, Triple};

use crate::feed::Profile;

/// One shapes file: its path in the repository and its text.
pub struct ShapeFile {
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! shape_file {
    ($path:literal) => {
        ShapeFile {
            path: $path,
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)),
        }
    };
}

const DCAT_AP_SE: &[ShapeFile] = &[
    shape_file!("schemas/shacl/dcat-ap-se.shacl.ttl"),
    shape_file!("schemas/shacl/official/dcat-ap-3.0.1/dcat-ap-SHACL.ttl"),
    shape_file!("schemas/shacl/dcat-ap-3.0.1-fix-dangling.ttl"),
    shape_file!("schemas/shacl/dcat-ap-3.0.1-se-deviations.ttl"),
];

const HEALTHDCAT_AP: &[ShapeFile] = &[
    shape_file!("schemas/shacl/official/healthdcat-ap-r8/graph-guard.ttl"),
    shape_file!("schemas/shacl/official/dcat-ap-3.0.1/html-deprecateduris.ttl"),
    shape_file!("schemas/shacl/official/dcat-ap-3.0.1/html-range.ttl"),
    shape_file!("schemas/shacl/official/healthdcat-ap-r8/range.ttl"),
    shape_file!("schemas/shacl/official/dcat-ap-3.0.1/html-shapes.ttl"),
    shape_file!("schemas/shacl/official/healthdcat-ap-r8/restricted-shapes.ttl"),
    shape_file!("schemas/shacl/official/healthdcat-ap-r8/mdr-vocabularies.shape.ttl"),
    shape_file!("schemas/shacl/official/dcat-ap-3.0.1/html-shapes_recommended.ttl"),
    shape_file!("schemas/shacl/official/healthdcat-ap-r8/restricted-shapes_recommended.ttl"),
];

/// The files of a profile, and whether its path-less property shapes are run as node shapes
/// (HealthDCAT-AP r8 has one; `schemas/shacl/README.md`).
pub fn files(profile: Profile) -> (&'static [ShapeFile], bool) {
    match profile {
        Profile::DcatApSe => (DCAT_AP_SE, false),
        Profile::HealthDcatAp => (HEALTHDCAT_AP, true),
    }
}

pub const SH: &str = "http://www.w3.org/ns/shacl#";

pub fn sh(local: &str) -> oxigraph::model::NamedNode {
    oxigraph::model::NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// The shapes graph of a profile: every file in one graph (so a later file completes or
/// deactivates shapes of an earlier one), with the path-less repair where the profile needs
/// it. Returns the graph and a note per repair.
pub fn graph(profile: Profile) -> Result<(Graph, Vec<String>), String> {
    let (files, fix_pathless) = files(profile);
    let mut graph = Graph::new();
    for f in files {
        // Relative IRIs (the graph guard's `<#DatasetPresenceGuard>`) resolve against the
        // file, as rdflib resolves them against its path.
        let parser = RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(format!("file:///{}", f.path))
            .map_err(|e| format!("{}: {e}", f.path))?;
        for t in parser.for_slice(f.text.as_bytes()) {
            let t = t.map_err(|e| format!("{}: {e}", f.path))?;
            graph.insert(&Triple::from(t));
        }
    }
    let notes = if fix_pathless {
        run_pathless_as_node_shapes(&mut graph)
    } else {
        Vec::new()
    };
    Ok((graph, notes))
}

/// A `sh:property` value without `sh:path` is not a property shape (invalid SHACL); run it
/// as a node shape with its parent's targets, as `validate.py --fix-pathless` does.
fn run_pathless_as_node_shapes(graph: &mut Graph) -> Vec<String> {
    let property = sh("property");
    let path = sh("path");
    let pathless: Vec<(NamedOrBlankNode, Term)> = graph
        .triples_for_predicate(&property)
        .filter(|t| match t.object {
            TermRef::NamedNode(n) => graph.object_for_subject_predicate(n, &path).is_none(),
            TermRef::BlankNode(b) => graph.object_for_subject_predicate(b, &path).is_none(),
            _ => false,
        })
        .map(|t| (t.subject.into_owned(), t.object.into_owned()))
        .collect();
    let mut notes = Vec::new();
    for (parent, prop) in pathless {
        let as_subject = match &prop {
            Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
            _ => continue,
        };
        graph.remove(&Triple::new(parent.clone(), property.clone(), prop.clone()));
        graph.insert(&Triple::new(
            as_subject.clone(),
            NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            sh("NodeShape"),
        ));
        for target in [
            "targetClass",
            "targetNode",
            "targetSubjectsOf",
            "targetObjectsOf",
        ] {
            let target = sh(target);
            let values: Vec<Term> = graph
                .objects_for_subject_predicate(&parent, &target)
                .map(TermRef::into_owned)
                .collect();
            for v in values {
                graph.insert(&Triple::new(as_subject.clone(), target.clone(), v));
            }
        }
        notes.push(format!(
            "{parent}: a sh:property without sh:path is run as a node shape"
        ));
    }
    notes
}

/// A shape's name in a report: its IRI; a blank property shape by the node shape that holds
/// it and its path (`schemas/shacl/validate.py` names them the same way).
pub fn name(shapes: &Graph, shape: &Term) -> String {
    let blank = match shape {
        Term::NamedNode(n) => return n.as_str().to_owned(),
        Term::BlankNode(b) => b,
        other => return other.to_string(),
    };
    let parent = shapes
        .subjects_for_predicate_object(&sh("property"), blank.as_ref())
        .next();
    let Some(parent) = parent else {
        return blank.to_string();
    };
    let parent = match parent {
        oxigraph::model::NamedOrBlankNodeRef::NamedNode(n) => n.as_str().to_owned(),
        b => b.to_string(),
    };
    match shapes.object_for_subject_predicate(blank.as_ref(), &sh("path")) {
        Some(TermRef::NamedNode(p)) => format!("{parent} / {}", p.as_str()),
        _ => format!("{parent} / property"),
    }
}

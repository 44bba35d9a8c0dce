//! SHACL validation inside the binary: rudof's engine (the `shacl` crate, SHACL Core and
//! SHACL-SPARQL constraints) over the shape sets of `shapes`, on a feed or any RDF graph.
//! `varcat validate` prints the report and `/validering` shows it to editors; the test suite
//! compares the verdicts with pyshacl's on the same shapes (`tests/it/shacl_engines.rs`).
//!
//! A report lists the top-level results (not the nested `sh:detail` ones), each with its focus
//! node, path, value, severity, message (the `@en` `sh:message` when the shape has one, else an
//! untagged one, which is the engine's own text when the shape has none) and the shape.
//! `not_checked` names what the shapes say that no SHACL engine evaluates (terms outside the
//! SHACL vocabulary, such as `sh:shape` in DCAT-AP's `html-shapes.ttl`), so a report never
//! counts them as passed.

pub mod shapes;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use oxigraph::model::{Graph, Quad, Term, TripleRef};
use rudof_rdf::rdf_impl::OxigraphInMemory;
use serde::{Deserialize, Serialize};
use shacl::ir::IRSchema;
use shacl::rdf::ShaclParser;
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::Graph as ShaclGraph;
use shacl::validator::{ShaclConfig, ShaclValidationMode};

use crate::feed::Profile;

/// The engine, as reports name it.
pub const ENGINE: &str = "rudof shacl 0.3.37";

/// One result of a validation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub focus: String,
    pub path: Option<String>,
    pub value: Option<String>,
    /// `Violation`, `Warning` or `Info`.
    pub severity: String,
    pub message: String,
    pub shape: String,
}

impl Finding {
    pub fn is_violation(&self) -> bool {
        self.severity == "Violation"
    }
}

/// What one validation found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// No result of severity Violation (warnings and infos do not count, as in pyshacl with
    /// `allow_warnings`).
    pub conforms: bool,
    pub engine: String,
    /// Sorted by focus node, path, shape, message and value.
    pub results: Vec<Finding>,
    /// What the shapes say that was not evaluated (none of it counts as passed).
    pub not_checked: Vec<String>,
    /// Repairs made to the shapes before the run (`schemas/shacl/README.md`).
    pub notes: Vec<String>,
}

impl Report {
    pub fn violations(&self) -> impl Iterator<Item = &Finding> {
        self.results.iter().filter(|r| r.is_violation())
    }
}

struct Compiled {
    schema: IRSchema,
    shapes: Graph,
    notes: Vec<String>,
    not_checked: Vec<String>,
}

/// Everything of the SHACL vocabulary that SHACL Core and SHACL-SPARQL define for shapes
/// graphs; an `sh:` term outside it is evaluated by no engine.
const SHACL_TERMS: &[&str] = &[
    "NodeShape",
    "PropertyShape",
    "Shape",
    "targetClass",
    "targetNode",
    "targetObjectsOf",
    "targetSubjectsOf",
    "target",
    "severity",
    "message",
    "deactivated",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
    "property",
    "path",
    "inversePath",
    "alternativePath",
    "zeroOrMorePath",
    "oneOrMorePath",
    "zeroOrOnePath",
    "class",
    "datatype",
    "nodeKind",
    "minCount",
    "maxCount",
    "minExclusive",
    "minInclusive",
    "maxExclusive",
    "maxInclusive",
    "minLength",
    "maxLength",
    "pattern",
    "flags",
    "languageIn",
    "uniqueLang",
    "equals",
    "disjoint",
    "lessThan",
    "lessThanOrEquals",
    "not",
    "and",
    "or",
    "xone",
    "node",
    "qualifiedValueShape",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint",
    "closed",
    "ignoredProperties",
    "hasValue",
    "in",
    "sparql",
    "select",
    "ask",
    "prefixes",
    "declare",
    "prefix",
    "namespace",
    "Violation",
    "Warning",
    "Info",
    "IRI",
    "BlankNode",
    "Literal",
    "BlankNodeOrIRI",
    "BlankNodeOrLiteral",
    "IRIOrLiteral",
    "SPARQLConstraint",
    "PrefixDeclaration",
    "shapesGraph",
    "suggestedShapesGraph",
    "ValidationReport",
    "ValidationResult",
];

fn compile(profile: Profile) -> Result<Compiled, String> {
    let (shapes, notes) = shapes::graph(profile)?;
    let mut not_checked = BTreeSet::new();
    for t in shapes.iter() {
        for term in [Some(t.predicate.as_str()), iri_of(t.object)] {
            if let Some(local) = term.and_then(|i| i.strip_prefix(shapes::SH))
                && !SHACL_TERMS.contains(&local)
            {
                not_checked.insert(format!(
                    "sh:{local} is not a SHACL term: no engine evaluates it ({} statements)",
                    shapes
                        .iter()
                        .filter(|u| u.predicate.as_str().ends_with(&format!("#{local}"))
                            || iri_of(u.object).is_some_and(|o| o.ends_with(&format!("#{local}"))))
                        .count()
                ));
            }
        }
    }
    let mut rdf = OxigraphInMemory::new();
    for t in shapes.iter() {
        rdf.add_triple_ref(t.subject, t.predicate, t.object)
            .map_err(|e| e.to_string())?;
    }
    let ast = ShaclParser::new(rdf)
        .parse()
        .map_err(|e| format!("the shapes of {profile:?} cannot be read: {e}"))?;
    let schema = IRSchema::try_from(ast)
        .map_err(|e| format!("the shapes of {profile:?} cannot be compiled: {e}"))?;
    Ok(Compiled {
        schema,
        shapes,
        notes,
        not_checked: not_checked.into_iter().collect(),
    })
}

fn iri_of(t: oxigraph::model::TermRef<'_>) -> Option<&str> {
    match t {
        oxigraph::model::TermRef::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn compiled(profile: Profile) -> Result<&'static Compiled, String> {
    static SE: OnceLock<Result<Compiled, String>> = OnceLock::new();
    static HEALTH: OnceLock<Result<Compiled, String>> = OnceLock::new();
    let cell = match profile {
        Profile::DcatApSe => &SE,
        Profile::HealthDcatAp => &HEALTH,
    };
    cell.get_or_init(|| compile(profile))
        .as_ref()
        .map_err(Clone::clone)
}

/// The quads as one graph (the feeds put everything in the default graph).
pub fn graph_of(quads: &[Quad]) -> Graph {
    let mut g = Graph::new();
    for q in quads {
        g.insert(TripleRef::new(&q.subject, &q.predicate, &q.object));
    }
    g
}

/// Validates `data` against the shapes of `profile`.
pub fn validate(profile: Profile, data: &Graph) -> anyhow::Result<Report> {
    let c = compiled(profile).map_err(anyhow::Error::msg)?;
    let mut rdf = OxigraphInMemory::new();
    for t in data.iter() {
        rdf.add_triple_ref(t.subject, t.predicate, t.object)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let graph = ShaclGraph::try_from(rdf).map_err(|e| anyhow::anyhow!("{e}"))?;
    let report = GraphValidation::new(graph)
        .validate(&c.schema, &ShaclValidationMode::Native, &ShaclConfig::new())
        .map_err(|e| anyhow::anyhow!("the SHACL engine stopped: {e}"))?;
    let mut results: Vec<Finding> = report
        .results()
        .iter()
        .map(|r| finding(r, &c.shapes))
        .collect();
    results.sort_by(|a, b| {
        (&a.focus, &a.path, &a.shape, &a.message, &a.value)
            .cmp(&(&b.focus, &b.path, &b.shape, &b.message, &b.value))
    });
    Ok(Report {
        conforms: !results.iter().any(Finding::is_violation),
        engine: ENGINE.to_owned(),
        results,
        not_checked: c.not_checked.clone(),
        notes: c.notes.clone(),
    })
}

fn show(t: Term) -> String {
    match t {
        Term::NamedNode(n) => n.into_string(),
        other => other.to_string(),
    }
}

fn finding(r: &shacl::validator::report::ValidationResult, shapes: &Graph) -> Finding {
    let path = r.path().map(|p| match p {
        rudof_rdf::rdf_core::SHACLPath::Predicate { pred } => pred.as_str().to_owned(),
        _ => "(complex path)".to_owned(),
    });
    // SHACL: a shape's own sh:message values are the messages of every result it produces.
    // rudof leaves them out on some components (sh:node), so they are read here from the
    // shapes graph; the engine's own texts only where the shape has none.
    let source: Option<Term> = r.source().map(|s| s.clone().into());
    let own: Vec<(Option<String>, String)> = source
        .as_ref()
        .and_then(|t| match t {
            Term::NamedNode(n) => Some(oxigraph::model::NamedOrBlankNodeRef::from(n)),
            Term::BlankNode(b) => Some(oxigraph::model::NamedOrBlankNodeRef::from(b)),
            _ => None,
        })
        .map(|subject| {
            shapes
                .objects_for_subject_predicate(subject, &shapes::sh("message"))
                .filter_map(|o| match o {
                    oxigraph::model::TermRef::Literal(l) => {
                        Some((l.language().map(str::to_owned), l.value().to_owned()))
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let engine: Vec<(Option<String>, String)> = r
        .message()
        .messages()
        .iter()
        .map(|(lang, m)| (lang.as_ref().map(|l| l.as_str().to_owned()), m.clone()))
        .collect();
    let messages = if own.is_empty() { engine } else { own };
    let message = [Some("en"), None]
        .iter()
        .find_map(|want| {
            messages
                .iter()
                .find(|(lang, _)| lang.as_deref() == *want)
                .map(|(_, m)| m.clone())
        })
        .or_else(|| messages.iter().map(|(_, m)| m.clone()).min())
        .unwrap_or_default();
    Finding {
        focus: show(r.focus_node().clone().into()),
        path,
        value: r.value().map(|v| show(v.clone().into())),
        severity: r.severity().to_string(),
        message,
        shape: source.map(|s| shapes::name(shapes, &s)).unwrap_or_default(),
    }
}

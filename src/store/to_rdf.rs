//! Domain values → RDF quads. Each item is written into its own named graph, whose name is
//! the item's IRI; codes live in their codebook's graph, steps and bindings in their use case's.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad};

use crate::domain::{Codebook, Collection, Lang, Organisation, ProblemArea, UseCase, Variable};

use super::iris::{Iris, organisation};
use super::terms::{
    access_iri, datatype_iri, frequency_iri, health_category_iri, obligation_iri,
    publisher_type_iri, role_iri, status_iri,
};
use super::vocab::{
    adms, dcat, dct, disco, foaf, healthdcatap, owl, prof, rdf, schema, sh, skos, varcat, vcard,
    xsd,
};

/// Collects the quads of one item graph.
pub struct GraphBuilder {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl GraphBuilder {
    pub fn new(graph: NamedNode) -> Self {
        Self {
            graph: graph.into(),
            quads: Vec::new(),
        }
    }

    /// Quads in the default graph, for feeds and other single-graph documents.
    pub fn default_graph() -> Self {
        Self {
            graph: GraphName::DefaultGraph,
            quads: Vec::new(),
        }
    }

    pub fn finish(self) -> Vec<Quad> {
        self.quads
    }

    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<oxigraph::model::Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o, self.graph.clone()));
    }

    pub fn add_literal(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: Literal) {
        self.add(s, p, o);
    }

    pub fn iri(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: &str) {
        // Every IRI reaching here was checked at the import edge or built by `Iris`.
        self.add(s, p, NamedNode::new_unchecked(o));
    }

    pub fn node(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: &NamedNode) {
        self.add(s, p, o.clone());
    }

    pub fn a(&mut self, s: &NamedNode, class: NamedNodeRef<'_>) {
        self.add(s, rdf::TYPE, class.into_owned());
    }

    /// A plain string, skipped when empty.
    pub fn text(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: &str) {
        if !o.is_empty() {
            self.add(s, p, Literal::new_simple_literal(o));
        }
    }

    /// A text in Swedish only (`@sv`), skipped when empty.
    pub fn sv(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: &str) {
        if !o.is_empty() {
            self.add(
                s,
                p,
                Literal::new_language_tagged_literal_unchecked(o, "sv"),
            );
        }
    }

    /// `@sv` and `@en` literals, each skipped when empty.
    pub fn lang(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: &Lang) {
        self.sv(s, p, &o.sv);
        if !o.en.is_empty() {
            self.add(
                s,
                p,
                Literal::new_language_tagged_literal_unchecked(&o.en, "en"),
            );
        }
    }

    pub fn typed(
        &mut self,
        s: &NamedNode,
        p: NamedNodeRef<'_>,
        value: &str,
        datatype: NamedNodeRef<'_>,
    ) {
        if !value.is_empty() {
            self.add(s, p, Literal::new_typed_literal(value, datatype));
        }
    }
}

pub fn organisation_quads(o: &Organisation) -> Vec<Quad> {
    let s = organisation(&o.orgnr);
    let mut g = GraphBuilder::new(s.clone());
    g.a(&s, foaf::ORGANIZATION);
    g.text(&s, dct::IDENTIFIER, o.orgnr.as_str());
    g.lang(&s, foaf::NAME, &o.name);
    g.iri(&s, dct::TYPE, &publisher_type_iri(o.publisher_type));
    if !o.homepage.is_empty() {
        g.iri(&s, foaf::HOMEPAGE, &o.homepage);
    }
    if !o.email.is_empty() {
        g.iri(&s, foaf::MBOX, &format!("mailto:{}", o.email));
    }
    g.finish()
}

pub fn collection_quads(iris: &Iris, c: &Collection) -> Vec<Quad> {
    let s = iris.collection(&c.id);
    let mut g = GraphBuilder::new(s.clone());
    g.a(&s, dcat::DATASET);
    g.text(&s, dct::IDENTIFIER, c.id.as_str());
    g.lang(&s, dct::TITLE, &c.title);
    g.lang(&s, dct::DESCRIPTION, &c.description);
    g.node(&s, dct::PUBLISHER, &organisation(&c.publisher));
    g.iri(&s, dct::ACCESS_RIGHTS, &access_iri(c.access));
    if let Some(f) = c.frequency {
        g.iri(&s, dct::ACCRUAL_PERIODICITY, &frequency_iri(f));
    }
    if !c.landing_page.is_empty() {
        g.iri(&s, dcat::LANDING_PAGE, &c.landing_page);
    }
    for h in &c.health_categories {
        g.iri(&s, healthdcatap::HEALTH_CATEGORY, &health_category_iri(*h));
    }
    if let Some(hdab) = &c.hdab {
        g.node(&s, healthdcatap::HDAB, &organisation(hdab));
    }
    super::harmonisation::write(&mut g, iris, &s, &c.harmonisation);
    super::coverage::write_dcat(&mut g, iris, &s, &c.id, &c.meta);
    g.text(&s, owl::VERSION_INFO, &c.meta.version);
    super::coverage::write_health(&mut g, iris, &s, &c.id, &c.meta);
    let contact = iris.contact(&c.id);
    g.node(&s, dcat::CONTACT_POINT, &contact);
    g.a(&contact, vcard::ORGANIZATION);
    // The contact point's name is the contact's, when the content names one; documents and
    // feeds otherwise name it by the organisation whose address it is (`contact_name`).
    g.lang(&contact, vcard::FN, &c.meta.contact_name);
    g.iri(
        &contact,
        vcard::HAS_EMAIL,
        &format!("mailto:{}", c.contact_email),
    );
    g.finish()
}

pub fn problem_area_quads(iris: &Iris, p: &ProblemArea) -> Vec<Quad> {
    let s = iris.problem_area(&p.id);
    let mut g = GraphBuilder::new(s.clone());
    g.a(&s, skos::CONCEPT);
    g.text(&s, dct::IDENTIFIER, p.id.as_str());
    g.node(&s, skos::IN_SCHEME, &iris.problem_area_scheme());
    g.lang(&s, skos::PREF_LABEL, &p.label);
    g.lang(&s, skos::DEFINITION, &p.description);
    g.finish()
}

/// A codebook's graph; a value set's (`c.subset_of`) holds its members, the concepts of its
/// code system `system` its selection admits, as concepts of its scheme too (`skos:inScheme`,
/// with their notation and label).
pub fn codebook_quads(iris: &Iris, c: &Codebook, system: Option<&Codebook>) -> Vec<Quad> {
    let s = iris.codebook(&c.id);
    let mut g = GraphBuilder::new(s.clone());
    g.a(&s, skos::CONCEPT_SCHEME);
    g.text(&s, dct::IDENTIFIER, c.id.as_str());
    g.lang(&s, dct::TITLE, &c.title);
    g.lang(&s, dct::DESCRIPTION, &c.description);
    // SKOS readers look for the scheme's own label and definition (one per language).
    g.lang(&s, skos::PREF_LABEL, &c.title);
    g.lang(&s, skos::DEFINITION, &c.description);
    g.text(&s, owl::VERSION_INFO, &c.version);
    g.text(&s, dct::SOURCE, &c.source);
    if let Some(p) = &c.publisher {
        g.node(&s, dct::PUBLISHER, &organisation(p));
    }
    g.iri(&s, adms::STATUS, &status_iri(c.status));
    if let Some(system) = &c.subset_of {
        g.node(&s, dct::IS_PART_OF, &iris.codebook(system));
    }
    g.text(&s, varcat::CODE_SYSTEM_VERSION, &c.subset_of_version);
    g.text(&s, varcat::SELECTION, &c.selection);
    super::registrations::write(&mut g, iris, &s, &c.registrations);
    if let Some(system) = system.filter(|sys| c.subset_of.as_ref() == Some(&sys.id)) {
        let members = crate::domain::value_set::members(c, system);
        let member: std::collections::HashSet<&str> =
            members.iter().map(|m| m.notation.as_str()).collect();
        for m in members.iter().copied() {
            let cs = iris.code(&system.id, &m.notation);
            g.a(&cs, skos::CONCEPT);
            g.node(&cs, skos::IN_SCHEME, &s);
            g.text(&cs, skos::NOTATION, &m.notation);
            g.lang(&cs, skos::PREF_LABEL, &m.label);
            // Within the value set, a member under no other member is one of its top concepts.
            match m.broader.as_deref().filter(|b| member.contains(b)) {
                Some(parent) => g.node(&cs, skos::BROADER, &iris.code(&system.id, parent)),
                None => {
                    g.node(&cs, skos::TOP_CONCEPT_OF, &s);
                    g.node(&s, skos::HAS_TOP_CONCEPT, &cs);
                }
            }
        }
    }
    for code in &c.codes {
        let cs = iris.code(&c.id, &code.notation);
        g.a(&cs, skos::CONCEPT);
        g.node(&cs, skos::IN_SCHEME, &s);
        g.text(&cs, skos::NOTATION, &code.notation);
        g.lang(&cs, skos::PREF_LABEL, &code.label);
        g.lang(&cs, skos::DEFINITION, &code.definition);
        super::mappings::write(&mut g, iris, &cs, &code.mappings);
        match &code.broader {
            Some(parent) => g.node(&cs, skos::BROADER, &iris.code(&c.id, parent)),
            None => {
                g.node(&cs, skos::TOP_CONCEPT_OF, &s);
                g.node(&s, skos::HAS_TOP_CONCEPT, &cs);
            }
        }
    }
    g.finish()
}

pub fn variable_quads(iris: &Iris, v: &Variable) -> Vec<Quad> {
    let s = iris.variable(&v.id);
    let mut g = GraphBuilder::new(s.clone());
    g.a(&s, disco::REPRESENTED_VARIABLE);
    g.text(&s, dct::IDENTIFIER, v.id.as_str());
    g.text(&s, skos::NOTATION, &v.short_name);
    g.lang(&s, skos::PREF_LABEL, &v.name);
    g.lang(&s, skos::DEFINITION, &v.definition);
    if let Some(d) = v.datatype {
        g.iri(&s, varcat::DATATYPE, datatype_iri(d));
    }
    match (&v.codebook, v.datatype) {
        (Some(cb), _) => g.node(&s, disco::REPRESENTATION, &iris.codebook(cb)),
        (None, Some(d)) if d != crate::domain::DataType::Code => {
            g.iri(&s, disco::REPRESENTATION, datatype_iri(d));
        }
        _ => {}
    }
    g.text(&s, varcat::FORMAT, &v.format);
    g.text(&s, varcat::UNIT, &v.unit);
    g.text(&s, sh::MIN_INCLUSIVE, &v.min);
    g.text(&s, sh::MAX_INCLUSIVE, &v.max);
    g.text(&s, sh::PATTERN, &v.pattern);
    if let Some(o) = v.obligation {
        g.iri(&s, varcat::OBLIGATION, &obligation_iri(o));
    }
    if let Some(o) = &v.owner {
        g.node(&s, dct::PUBLISHER, &organisation(o));
    }
    for c in &v.collections {
        g.node(&s, dct::IS_PART_OF, &iris.collection(c));
    }
    if let Some(b) = &v.based_on {
        g.node(&s, varcat::SHARED_ELEMENT, &iris.variable(b));
    }
    for m in &v.exact_match {
        g.node(&s, skos::EXACT_MATCH, &iris.variable(m));
    }
    g.text(&s, owl::VERSION_INFO, &v.version);
    g.iri(&s, adms::STATUS, &status_iri(v.status));
    g.typed(&s, schema::VALID_FROM, &v.valid_from, xsd::DATE);
    g.typed(&s, schema::VALID_THROUGH, &v.valid_to, xsd::DATE);
    g.sv(&s, varcat::IN_OUT_DISCREPANCY, &v.in_out_note);
    g.sv(&s, varcat::TRANSFORMATION, &v.transformation);
    g.sv(&s, varcat::AGGREGATION, &v.aggregation);
    g.lang(&s, skos::NOTE, &v.note);
    for (_, p) in crate::fields::variables::plain() {
        g.text(&s, p.property, (p.get)(v));
    }
    super::harmonisation::write(&mut g, iris, &s, &v.harmonisation);
    super::registrations::write(&mut g, iris, &s, &v.registrations);
    g.finish()
}

pub fn use_case_quads(iris: &Iris, u: &UseCase) -> Vec<Quad> {
    let s = iris.use_case(&u.id);
    let mut g = GraphBuilder::new(s.clone());
    g.a(&s, prof::PROFILE);
    g.text(&s, dct::IDENTIFIER, u.id.as_str());
    g.text(&s, skos::NOTATION, &u.short_name);
    g.lang(&s, dct::TITLE, &u.title);
    g.lang(&s, dct::DESCRIPTION, &u.description);
    for p in &u.problem_areas {
        g.node(&s, dct::SUBJECT, &iris.problem_area(p));
    }
    g.iri(&s, adms::STATUS, &status_iri(u.status));
    for (i, step) in u.steps.iter().enumerate() {
        let st = iris.step(&u.id, i + 1);
        g.node(&s, schema::STEP, &st);
        g.a(&st, schema::HOW_TO_STEP);
        g.typed(&st, schema::POSITION, &(i + 1).to_string(), xsd::INTEGER);
        g.lang(&st, schema::TEXT, &step.description);
    }
    for b in &u.bindings {
        let r = iris.binding(&u.id, &b.variable);
        g.node(&s, dcat::QUALIFIED_RELATION, &r);
        g.a(&r, dcat::RELATIONSHIP);
        g.node(&r, dct::RELATION, &iris.variable(&b.variable));
        g.iri(&r, dcat::HAD_ROLE, &role_iri(b.role));
        if let Some(p) = b.priority {
            g.typed(&r, varcat::PRIORITY, &p.to_string(), xsd::INTEGER);
        }
        g.typed(
            &r,
            varcat::QUICK_WIN,
            if b.quick_win { "true" } else { "false" },
            xsd::BOOLEAN,
        );
        g.text(&r, dct::SOURCE, &b.source);
        if let Some(vs) = &b.value_set {
            g.node(&r, varcat::VALUE_SET, &iris.codebook(vs));
        }
    }
    g.text(&s, varcat::PROBLEM_AREAS_SOURCE, &u.problem_areas_source);
    super::harmonisation::write(&mut g, iris, &s, &u.harmonisation);
    super::registrations::write(&mut g, iris, &s, &u.registrations);
    g.finish()
}

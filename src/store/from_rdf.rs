//! RDF quads → domain values: the inverse of `to_rdf`, read one item graph at a time.
//! `dct:modified` and other store-managed triples are ignored, so an item compares equal to
//! the value it was written from.

use std::collections::HashMap;

use oxigraph::model::{Quad, Term};

use crate::domain::{
    AccessRights, Binding, Code, Codebook, Collection, DataType, Frequency, HealthCategory, Id,
    Lang, Obligation, Organisation, ProblemArea, PublisherType, Role, Status, Step, UseCase,
    Variable,
};

use super::iris::{Iris, orgnr_of};
use super::terms::{
    access_iri, datatype_iri, frequency_iri, from_iri, health_category_iri, obligation_iri,
    publisher_type_iri, role_iri, status_iri,
};
use super::vocab::{
    adms, dcat, dct, disco, foaf, healthdcatap, owl, schema, sh, skos, varcat, vcard,
};

#[derive(Debug, thiserror::Error)]
#[error("<{iri}>: {message}")]
pub struct DecodeError {
    pub iri: String,
    pub message: String,
}

/// The triples of one graph, indexed by subject.
pub struct GraphView {
    by_subject: HashMap<String, Vec<(String, Term)>>,
}

impl GraphView {
    pub fn new(quads: impl IntoIterator<Item = Quad>) -> Self {
        let mut by_subject: HashMap<String, Vec<(String, Term)>> = HashMap::new();
        for q in quads {
            let s = match q.subject {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.into_string(),
                oxigraph::model::NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
            };
            by_subject
                .entry(s)
                .or_default()
                .push((q.predicate.into_string(), q.object));
        }
        Self { by_subject }
    }

    fn objects<'a>(&'a self, s: &str, p: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.by_subject
            .get(s)
            .into_iter()
            .flatten()
            .filter(move |(pp, _)| pp == p)
            .map(|(_, o)| o)
    }

    pub(super) fn iris(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> Vec<String> {
        let mut v: Vec<String> = self
            .objects(s, p.as_str())
            .filter_map(|o| match o {
                Term::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect();
        v.sort();
        v
    }

    pub(super) fn iri(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> Option<String> {
        self.iris(s, p).into_iter().next()
    }

    /// The lexical value of the (first) literal, or the empty string.
    pub(super) fn text(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> String {
        self.objects(s, p.as_str())
            .find_map(|o| match o {
                Term::Literal(l) if l.language().is_none_or(|t| t == "sv") => {
                    Some(l.value().to_owned())
                }
                _ => None,
            })
            .unwrap_or_default()
    }

    pub(super) fn lang(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> Lang {
        let mut out = Lang::default();
        for o in self.objects(s, p.as_str()) {
            if let Term::Literal(l) = o {
                match l.language() {
                    Some("en") => out.en = l.value().to_owned(),
                    Some("sv") | None => out.sv = l.value().to_owned(),
                    Some(_) => {}
                }
            }
        }
        out
    }

    /// The lexical values of the literals tagged `tag`, sorted.
    pub(super) fn tagged(
        &self,
        s: &str,
        p: oxigraph::model::NamedNodeRef<'_>,
        tag: &str,
    ) -> Vec<String> {
        let mut v: Vec<String> = self
            .objects(s, p.as_str())
            .filter_map(|o| match o {
                Term::Literal(l) if l.language() == Some(tag) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        v.sort();
        v
    }

    /// Subjects that have `p` pointing at `o`.
    fn subjects_with(&self, p: oxigraph::model::NamedNodeRef<'_>, o: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .by_subject
            .iter()
            .filter(|(_, pos)| {
                pos.iter().any(|(pp, oo)| {
                    pp == p.as_str() && matches!(oo, Term::NamedNode(n) if n.as_str() == o)
                })
            })
            .map(|(s, _)| s.clone())
            .collect();
        v.sort();
        v
    }
}

fn err(iri: &str, message: impl Into<String>) -> DecodeError {
    DecodeError {
        iri: iri.to_owned(),
        message: message.into(),
    }
}

fn term<T: Copy>(
    g: &GraphView,
    s: &str,
    p: oxigraph::model::NamedNodeRef<'_>,
    all: &[T],
    to: impl Fn(T) -> String,
) -> Option<T> {
    g.iri(s, p).and_then(|i| from_iri(all, to, &i))
}

fn id_of(iri: &str, raw: &str) -> Result<Id, DecodeError> {
    Id::parse(raw).map_err(|e| err(iri, e.to_string()))
}

pub fn organisation(g: &GraphView, iri: &str) -> Result<Organisation, DecodeError> {
    Ok(Organisation {
        orgnr: orgnr_of(iri).ok_or_else(|| err(iri, "not an organisation IRI"))?,
        name: g.lang(iri, foaf::NAME),
        publisher_type: term(g, iri, dct::TYPE, PublisherType::ALL, publisher_type_iri)
            .ok_or_else(|| err(iri, "no known dct:type"))?,
        homepage: g.iri(iri, foaf::HOMEPAGE).unwrap_or_default(),
        email: g
            .iri(iri, foaf::MBOX)
            .map(|m| m.trim_start_matches("mailto:").to_owned())
            .unwrap_or_default(),
    })
}

pub fn collection(g: &GraphView, iris: &Iris, iri: &str) -> Result<Collection, DecodeError> {
    let contact = g.iri(iri, dcat::CONTACT_POINT).unwrap_or_default();
    Ok(Collection {
        id: id_of(iri, &g.text(iri, dct::IDENTIFIER))?,
        title: g.lang(iri, dct::TITLE),
        description: g.lang(iri, dct::DESCRIPTION),
        publisher: g
            .iri(iri, dct::PUBLISHER)
            .and_then(|p| orgnr_of(&p))
            .ok_or_else(|| err(iri, "no publisher"))?,
        contact_email: g
            .iri(&contact, vcard::HAS_EMAIL)
            .map(|m| m.trim_start_matches("mailto:").to_owned())
            .unwrap_or_default(),
        access: term(g, iri, dct::ACCESS_RIGHTS, AccessRights::ALL, access_iri)
            .ok_or_else(|| err(iri, "no known access rights"))?,
        frequency: term(
            g,
            iri,
            dct::ACCRUAL_PERIODICITY,
            Frequency::ALL,
            frequency_iri,
        ),
        landing_page: g.iri(iri, dcat::LANDING_PAGE).unwrap_or_default(),
        health_categories: {
            let mut list: Vec<_> = g
                .iris(iri, healthdcatap::HEALTH_CATEGORY)
                .iter()
                .filter_map(|h| from_iri(HealthCategory::ALL, health_category_iri, h))
                .collect();
            list.sort();
            list
        },
        hdab: g.iri(iri, healthdcatap::HDAB).and_then(|h| orgnr_of(&h)),
        harmonisation: super::harmonisation::read(g, iris, iri),
        meta: super::coverage::read(g, iri, &contact),
    })
}

pub fn problem_area(g: &GraphView, iri: &str) -> Result<ProblemArea, DecodeError> {
    Ok(ProblemArea {
        id: id_of(iri, &g.text(iri, dct::IDENTIFIER))?,
        label: g.lang(iri, skos::PREF_LABEL),
        description: g.lang(iri, skos::DEFINITION),
    })
}

pub fn codebook(g: &GraphView, iris: &Iris, iri: &str) -> Result<Codebook, DecodeError> {
    let id = id_of(iri, &g.text(iri, dct::IDENTIFIER))?;
    let subset_of = g
        .iri(iri, dct::IS_PART_OF)
        .and_then(|s| iris.codebook_id(&s));
    let mut codes = Vec::new();
    // A value set has no codes of its own: the concepts in its scheme are its code system's.
    let own = if subset_of.is_some() {
        Vec::new()
    } else {
        g.subjects_with(skos::IN_SCHEME, iri)
    };
    for c in own {
        let broader = g.iri(&c, skos::BROADER).map(|b| g.text(&b, skos::NOTATION));
        codes.push(Code {
            notation: g.text(&c, skos::NOTATION),
            label: g.lang(&c, skos::PREF_LABEL),
            definition: g.lang(&c, skos::DEFINITION),
            broader,
            mappings: super::mappings::read(g, iris, &c),
        });
    }
    crate::domain::sort_codes(&mut codes);
    Ok(Codebook {
        id,
        title: g.lang(iri, dct::TITLE),
        description: g.lang(iri, dct::DESCRIPTION),
        version: g.text(iri, owl::VERSION_INFO),
        source: g.text(iri, dct::SOURCE),
        publisher: g.iri(iri, dct::PUBLISHER).and_then(|p| orgnr_of(&p)),
        status: term(g, iri, adms::STATUS, Status::ALL, status_iri).unwrap_or(Status::Standard),
        codes,
        subset_of,
        subset_of_version: g.text(iri, varcat::CODE_SYSTEM_VERSION),
        selection: g.text(iri, varcat::SELECTION),
        registrations: super::registrations::read(g, iri),
    })
}

pub fn variable(g: &GraphView, iris: &Iris, iri: &str) -> Result<Variable, DecodeError> {
    let datatype = term(g, iri, varcat::DATATYPE, DataType::ALL, |d| {
        datatype_iri(d).to_owned()
    });
    let codebook = g
        .iri(iri, disco::REPRESENTATION)
        .and_then(|r| iris.codebook_id(&r));
    let collections = g
        .iris(iri, dct::IS_PART_OF)
        .iter()
        .filter_map(|c| iris.id_in(crate::domain::ItemKind::Collection, c))
        .collect();
    // Built field by field on an empty variable, so that a field added to `Variable` (a plain
    // one is read by the loop below) needs nothing here.
    let mut v = Variable::new(
        id_of(iri, &g.text(iri, dct::IDENTIFIER))?,
        g.lang(iri, skos::PREF_LABEL),
        g.lang(iri, skos::DEFINITION),
    );
    v.short_name = g.text(iri, skos::NOTATION);
    v.datatype = datatype;
    v.format = g.text(iri, varcat::FORMAT);
    v.unit = g.text(iri, varcat::UNIT);
    v.codebook = codebook;
    v.min = g.text(iri, sh::MIN_INCLUSIVE);
    v.max = g.text(iri, sh::MAX_INCLUSIVE);
    v.pattern = g.text(iri, sh::PATTERN);
    v.obligation = term(g, iri, varcat::OBLIGATION, Obligation::ALL, obligation_iri);
    v.owner = g.iri(iri, dct::PUBLISHER).and_then(|p| orgnr_of(&p));
    v.collections = collections;
    v.based_on = g
        .iri(iri, varcat::SHARED_ELEMENT)
        .and_then(|b| iris.id_in(crate::domain::ItemKind::Variable, &b));
    let mut same: Vec<Id> = g
        .iris(iri, skos::EXACT_MATCH)
        .iter()
        .filter_map(|m| iris.id_in(crate::domain::ItemKind::Variable, m))
        .collect();
    same.sort();
    v.exact_match = same;
    v.version = g.text(iri, owl::VERSION_INFO);
    v.status = term(g, iri, adms::STATUS, Status::ALL, status_iri).unwrap_or(Status::Standard);
    v.valid_from = g.text(iri, schema::VALID_FROM);
    v.valid_to = g.text(iri, schema::VALID_THROUGH);
    v.in_out_note = g.text(iri, varcat::IN_OUT_DISCREPANCY);
    v.transformation = g.text(iri, varcat::TRANSFORMATION);
    v.aggregation = g.text(iri, varcat::AGGREGATION);
    v.note = g.lang(iri, skos::NOTE);
    for (_, p) in crate::fields::variables::plain() {
        *(p.get_mut)(&mut v) = g.text(iri, p.property);
    }
    v.harmonisation = super::harmonisation::read(g, iris, iri);
    v.registrations = super::registrations::read(g, iri);
    Ok(v)
}

pub fn use_case(g: &GraphView, iris: &Iris, iri: &str) -> Result<UseCase, DecodeError> {
    let mut steps: Vec<(u64, Step)> = g
        .iris(iri, schema::STEP)
        .iter()
        .map(|st| {
            let pos = g.text(st, schema::POSITION).parse().unwrap_or(u64::MAX);
            (
                pos,
                Step {
                    description: g.lang(st, schema::TEXT),
                },
            )
        })
        .collect();
    steps.sort_by_key(|(p, _)| *p);
    let mut bindings = Vec::new();
    for r in g.iris(iri, dcat::QUALIFIED_RELATION) {
        let var = g
            .iri(&r, dct::RELATION)
            .and_then(|v| iris.id_in(crate::domain::ItemKind::Variable, &v))
            .ok_or_else(|| err(&r, "binding without a variable"))?;
        bindings.push(Binding {
            variable: var,
            role: term(g, &r, dcat::HAD_ROLE, Role::ALL, role_iri).unwrap_or(Role::Optional),
            priority: g.text(&r, varcat::PRIORITY).parse().ok(),
            quick_win: g.text(&r, varcat::QUICK_WIN) == "true",
            source: g.text(&r, dct::SOURCE),
            value_set: g
                .iri(&r, varcat::VALUE_SET)
                .and_then(|v| iris.codebook_id(&v)),
        });
    }
    bindings.sort_by(|a, b| a.variable.cmp(&b.variable));
    Ok(UseCase {
        id: id_of(iri, &g.text(iri, dct::IDENTIFIER))?,
        short_name: g.text(iri, skos::NOTATION),
        title: g.lang(iri, dct::TITLE),
        description: g.lang(iri, dct::DESCRIPTION),
        problem_areas: g
            .iris(iri, dct::SUBJECT)
            .iter()
            .filter_map(|p| iris.id_in(crate::domain::ItemKind::ProblemArea, p))
            .collect(),
        status: term(g, iri, adms::STATUS, Status::ALL, status_iri).unwrap_or(Status::Standard),
        steps: steps.into_iter().map(|(_, s)| s).collect(),
        bindings,
        problem_areas_source: g.text(iri, varcat::PROBLEM_AREAS_SOURCE),
        harmonisation: super::harmonisation::read(g, iris, iri),
        registrations: super::registrations::read(g, iri),
    })
}

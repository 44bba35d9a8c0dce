//! The EU controlled vocabularies a feed names (authority tables, HealthData@EU categories),
//! collected while the feed is built and typed and labelled once at its end.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::NamedNode;

use crate::domain::{AccessRights, Lang};
use crate::store::GraphBuilder;
use crate::store::terms::access_iri;
use crate::store::vocab::{dct, eu, foaf, healthdcatap, rdf, skos};

/// The controlled-vocabulary IRIs a feed uses, typed and labelled once at the end, as the
/// official shapes check them without inference.
#[derive(Default)]
pub(super) struct Vocab {
    concepts: BTreeMap<String, (String, String)>,
    typed: BTreeMap<String, BTreeSet<&'static str>>,
    pub(super) theme_taxonomy: bool,
    health_categories: bool,
}

impl Vocab {
    pub(super) fn ty(&mut self, iri: &str, class: oxigraph::model::NamedNodeRef<'static>) {
        self.typed
            .entry(iri.to_owned())
            .or_default()
            .insert(class.as_str());
    }
    pub(super) fn concept(&mut self, iri: &str, label: (&str, &str)) {
        self.concepts
            .insert(iri.to_owned(), (label.0.to_owned(), label.1.to_owned()));
    }
    pub(super) fn license(&mut self, iri: &str) {
        self.ty(iri, dct::LICENSE_DOCUMENT);
    }
    pub(super) fn language(&mut self, iri: &str) {
        self.ty(iri, dct::LINGUISTIC_SYSTEM);
        let label = if iri == eu::LANGUAGE_SV {
            ("svenska", "Swedish")
        } else {
            ("engelska", "English")
        };
        self.concept(iri, label);
    }
    pub(super) fn document(&mut self, iri: &str) {
        self.ty(iri, foaf::DOCUMENT);
    }
    pub(super) fn frequency(&mut self, iri: &str, f: crate::domain::Frequency) {
        self.ty(iri, dct::FREQUENCY);
        self.concept(iri, f.labels());
    }
    pub(super) fn media_type(&mut self, iri: &str) {
        self.ty(iri, dct::MEDIA_TYPE);
    }
    pub(super) fn file_type(&mut self, iri: &str, label: &str) {
        self.ty(iri, dct::MEDIA_TYPE_OR_EXTENT);
        self.concept(iri, (label, label));
    }
    pub(super) fn theme(&mut self, iri: &str) {
        self.concept(iri, ("Hälsa", "Health"));
    }
    pub(super) fn access(&mut self, a: AccessRights) {
        let iri = access_iri(a);
        self.ty(&iri, dct::RIGHTS_STATEMENT);
        self.concept(&iri, a.labels());
    }
    pub(super) fn legal(&mut self, iri: &str) {
        self.ty(iri, crate::store::vocab::eli::LEGAL_RESOURCE);
    }
    /// A place of `dct:spatial`: a `dct:Location`, and a concept with its name (a country of
    /// the EU country table in that table's scheme).
    pub(super) fn place(&mut self, p: &crate::domain::Place) {
        let iri = p.iri();
        self.ty(&iri, dct::LOCATION);
        self.concept(&iri, p.labels());
    }
    /// An EHDS health category, a concept of the HealthData@EU `healthcategories` scheme.
    pub(super) fn health_category(&mut self, h: crate::domain::HealthCategory) {
        self.concept(&crate::store::terms::health_category_iri(h), h.labels());
        self.health_categories = true;
    }

    pub(super) fn emit(self, g: &mut GraphBuilder) {
        for (iri, classes) in &self.typed {
            let s = NamedNode::new_unchecked(iri.as_str());
            for c in classes {
                g.iri(&s, rdf::TYPE, c);
            }
        }
        for (iri, (sv, en)) in &self.concepts {
            let s = NamedNode::new_unchecked(iri.as_str());
            g.a(&s, skos::CONCEPT);
            g.lang(&s, skos::PREF_LABEL, &Lang::new(sv.as_str(), en.as_str()));
            // EU authority tables (the Publications Office's and HealthData@EU's): the
            // concept's scheme is its parent path.
            if (iri.starts_with("http://publications.europa.eu/resource/authority/")
                || iri.starts_with(healthdcatap::AUTHORITY))
                && let Some((scheme, _)) = iri.rsplit_once('/')
            {
                g.iri(&s, skos::IN_SCHEME, scheme);
            }
        }
        if self.theme_taxonomy {
            let s = NamedNode::new_unchecked(eu::DATA_THEME);
            g.a(&s, skos::CONCEPT_SCHEME);
            g.lang(&s, dct::TITLE, &Lang::new("Datateman", "Data theme"));
        }
        if self.health_categories {
            let scheme = healthdcatap::HEALTH_CATEGORIES.trim_end_matches('/');
            let s = NamedNode::new_unchecked(scheme);
            g.a(&s, skos::CONCEPT_SCHEME);
            g.lang(
                &s,
                dct::TITLE,
                &Lang::new("Hälsokategorier (EHDS)", "Health categories (EHDS)"),
            );
        }
    }
}

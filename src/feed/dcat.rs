//! The DCAT-AP-SE 3.0.1 catalogue: the catalogue itself (CC0, publisher, sv+en texts, theme
//! taxonomy), one `dcat:Dataset` per data collection with its variable-list distribution and
//! contact point, the catalogue's data service, publishers described once with their
//! dataportal.se IRIs and ADMS types, use cases as PROF profiles (`dct:conformsTo` targets) with
//! their codebooks as SKOS vocabularies, and the typing every controlled-vocabulary IRI needs.
//! No blank nodes anywhere; every free text is tagged @sv (and @en where given).

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::NamedNode;

use crate::domain::{AccessRights, Collection, Id, Lang, OrgNr};
use crate::store::terms::{access_iri, frequency_iri, publisher_type_iri};
use crate::store::vocab::{dcat, dct, eu, foaf, healthdcatap, prof, rdf, rdfs, skos, vcard, xsd};
use crate::store::{GraphBuilder, Iris, organisation_iri};

use super::{FeedError, FeedInput, FeedQuery, Profile};

pub fn catalog_iri(iris: &Iris) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/katalog", iris.base()))
}

pub fn part_iri(iris: &Iris, n: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/katalog/del/{n}", iris.base()))
}

fn service_iri(iris: &Iris) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/tjanst", iris.base()))
}

pub fn distribution_iri(iris: &Iris, c: &Id) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/datainsamling/{c}/variabellista", iris.base()))
}

pub fn variables_csv_iri(iris: &Iris, c: &Id) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/datainsamling/{c}/variabler.csv", iris.base()))
}

fn rights_iri(iris: &Iris, c: &Id) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/datainsamling/{c}/villkor", iris.base()))
}

const CATALOG_TITLE: (&str, &str) = (
    "Nationell katalog över hälsodatavariabler",
    "National catalogue of health-data variables",
);
/// What the catalogue is, and no more: it documents variables as the collections and the
/// sources define them; none has been through SKR's harmonisation method (final report 2025,
/// table 5), so the description must not say they are harmonised.
const CATALOG_DESCRIPTION: (&str, &str) = (
    "Katalog som dokumenterar variabler, kodverk, datainsamlingar och användningsfall för \
     regionernas hälsodata, så som datainsamlingarna och de angivna källorna beskriver dem, med \
     SKR:s prioriterade användningsfall (slutrapport juni 2025) som utgångspunkt. Variablerna har \
     inte genomgått SKR:s föreslagna metod för nationell harmonisering; definitioner som skrivits \
     för katalogen är märkta som illustrativa.",
    "A catalogue documenting variables, codebooks, data collections and use cases for the Swedish \
     regions' health data, as the data collections and the cited sources describe them, starting \
     from SKR's prioritised use cases (final report, June 2025). The variables have not been \
     through SKR's proposed method for national harmonisation; definitions written for the \
     catalogue are marked as illustrative.",
);

/// The datasets a request covers, in identifier order.
fn selected<'a>(input: &'a FeedInput<'_>, query: &FeedQuery) -> Vec<&'a Collection> {
    input
        .catalog
        .collections
        .values()
        .filter(|c| match &query.modified_since {
            None => true,
            Some(since) => input
                .modified
                .get(input.iris.collection(&c.id).as_str())
                .is_some_and(|m| m.as_str() >= since.as_str()),
        })
        .collect()
}

pub(super) fn build(
    input: &FeedInput<'_>,
    query: &FeedQuery,
    profile: Profile,
) -> Result<GraphBuilder, FeedError> {
    let iris = input.iris;
    let mut g = GraphBuilder::default_graph();
    let mut vocab = Vocab::default();
    let datasets = selected(input, query);
    let chunks: Vec<&[&Collection]> = datasets
        .chunks(input.settings.max_datasets.max(1))
        .collect();
    let split = datasets.len() > input.settings.max_datasets.max(1);
    let publisher = &input.settings.publisher;
    if !input.catalog.organisations.contains_key(publisher) {
        return Err(FeedError::NoPublisher(publisher.to_string()));
    }
    let mut publishers: BTreeSet<OrgNr> = BTreeSet::from([publisher.clone()]);

    let shown: &[&Collection] = match (query.part, query.page) {
        (Some(n), _) => {
            let chunk = chunks
                .get(n.wrapping_sub(1))
                .ok_or(FeedError::NoSuchPart(n))?;
            let part = part_iri(iris, n);
            catalog_node(&mut g, &mut vocab, input, &part, Some(n));
            for c in *chunk {
                g.node(&part, dcat::DATASET_PROP, &iris.collection(&c.id));
            }
            chunk
        }
        (None, Some(n)) => {
            let pages = chunks.len().max(1);
            let chunk: &[&Collection] = match chunks.get(n.wrapping_sub(1)) {
                Some(chunk) => chunk,
                // An empty catalogue still has its page 1.
                None if n == 1 => &[],
                None => return Err(FeedError::NoSuchPage(n, pages)),
            };
            let cat = catalog_iri(iris);
            catalog_node(&mut g, &mut vocab, input, &cat, None);
            g.node(&cat, dcat::SERVICE, &service_iri(iris));
            g.node(
                &cat,
                dcat::SERVICE,
                &super::sparql_service::service_iri(iris),
            );
            for c in chunk {
                g.node(&cat, dcat::DATASET_PROP, &iris.collection(&c.id));
            }
            if let Some(links) = &query.links {
                super::paging::add_view(&mut g, links, &cat, Some(n), pages, datasets.len());
            }
            chunk
        }
        (None, None) => {
            let cat = catalog_iri(iris);
            catalog_node(&mut g, &mut vocab, input, &cat, None);
            g.node(&cat, dcat::SERVICE, &service_iri(iris));
            g.node(
                &cat,
                dcat::SERVICE,
                &super::sparql_service::service_iri(iris),
            );
            if split {
                for n in 1..=chunks.len() {
                    let part = part_iri(iris, n);
                    g.node(&cat, dct::HAS_PART, &part);
                    catalog_node(&mut g, &mut vocab, input, &part, Some(n));
                }
                if let Some(links) = &query.links {
                    super::paging::add_view(
                        &mut g,
                        links,
                        &cat,
                        None,
                        chunks.len(),
                        datasets.len(),
                    );
                }
                &[]
            } else {
                for c in &datasets {
                    g.node(&cat, dcat::DATASET_PROP, &iris.collection(&c.id));
                }
                &datasets
            }
        }
    };

    let mut profiles: BTreeSet<Id> = BTreeSet::new();
    for c in shown {
        publishers.insert(c.publisher.clone());
        if profile == Profile::HealthDcatAp {
            publishers.extend(c.hdab.clone());
        }
        let served = use_cases_served(input, &c.id);
        dataset(&mut g, &mut vocab, input, c, &served, profile);
        profiles.extend(served);
    }
    // Every document describes the service its distributions name as their access service.
    data_service(&mut g, &mut vocab, input, shown, profile);
    super::sparql_service::add(&mut g, &mut vocab, input, shown);
    for u in &profiles {
        profile_node(&mut g, input, u);
    }
    for o in &publishers {
        publisher_node(&mut g, &mut vocab, input, o);
    }
    if profile == Profile::HealthDcatAp {
        let top = match query.part {
            Some(n) => part_iri(iris, n),
            None => catalog_iri(iris),
        };
        super::health::add(&mut g, &mut vocab, input, &top, shown);
    }
    vocab.emit(&mut g);
    Ok(g)
}

fn catalog_node(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    s: &NamedNode,
    part: Option<usize>,
) {
    let iris = input.iris;
    g.a(s, dcat::CATALOG);
    match part {
        None => {
            g.lang(s, dct::TITLE, &Lang::new(CATALOG_TITLE.0, CATALOG_TITLE.1));
            g.lang(
                s,
                dct::DESCRIPTION,
                &Lang::new(CATALOG_DESCRIPTION.0, CATALOG_DESCRIPTION.1),
            );
        }
        Some(n) => {
            g.lang(
                s,
                dct::TITLE,
                &Lang::new(
                    format!("{} – del {n}", CATALOG_TITLE.0),
                    format!("{} – part {n}", CATALOG_TITLE.1),
                ),
            );
            g.lang(
                s,
                dct::DESCRIPTION,
                &Lang::new(
                    format!("Delkatalog {n} av {}.", CATALOG_TITLE.0.to_lowercase()),
                    format!(
                        "Sub-catalogue {n} of the {}.",
                        CATALOG_TITLE.1.to_lowercase()
                    ),
                ),
            );
        }
    }
    g.node(
        s,
        dct::PUBLISHER,
        &organisation_iri(&input.settings.publisher),
    );
    g.iri(s, dct::LICENSE, eu::CC0);
    vocab.license(eu::CC0);
    g.iri(s, dcat::THEME_TAXONOMY, eu::DATA_THEME);
    vocab.theme_taxonomy = true;
    for l in [eu::LANGUAGE_SV, eu::LANGUAGE_EN] {
        g.iri(s, dct::LANGUAGE, l);
        vocab.language(l);
    }
    let home = format!("{}/", iris.base());
    g.iri(s, foaf::HOMEPAGE, &home);
    vocab.document(&home);
    if let Some(m) = &input.facts.newest {
        g.typed(s, dct::MODIFIED, m, xsd::DATE_TIME);
    }
}

/// Use cases that bind a variable this collection carries.
fn use_cases_served(input: &FeedInput<'_>, collection: &Id) -> BTreeSet<Id> {
    input
        .facts
        .collection(collection)
        .map(|f| f.served.clone())
        .unwrap_or_default()
}

/// The name of a dataset's contact point (`vcard:fn`, "the name of the contact point" in
/// DCAT-AP-SE): the organisation of the catalogue whose e-mail the contact address is, else
/// the dataset's publisher (the content names no contact person); the address itself when
/// neither is in the catalogue.
fn contact_name(input: &FeedInput<'_>, c: &Collection) -> Lang {
    let orgs = &input.catalog.organisations;
    orgs.values()
        .find(|o| !o.email.is_empty() && o.email.eq_ignore_ascii_case(&c.contact_email))
        .or_else(|| orgs.get(&c.publisher))
        .map(|o| o.name.clone())
        .unwrap_or_else(|| Lang::new(c.contact_email.clone(), ""))
}

fn dataset(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    c: &Collection,
    served: &BTreeSet<Id>,
    profile: Profile,
) {
    let iris = input.iris;
    let s = iris.collection(&c.id);
    g.a(&s, dcat::DATASET);
    g.text(&s, dct::IDENTIFIER, s.as_str());
    g.lang(&s, dct::TITLE, &c.title);
    g.lang(&s, dct::DESCRIPTION, &c.description);
    g.node(&s, dct::PUBLISHER, &organisation_iri(&c.publisher));
    g.iri(&s, dcat::THEME, eu::THEME_HEALTH);
    vocab.theme(eu::THEME_HEALTH);
    let access = access_iri(c.access);
    g.iri(&s, dct::ACCESS_RIGHTS, &access);
    vocab.access(c.access);
    if let Some(f) = c.frequency {
        let fi = frequency_iri(f);
        g.iri(&s, dct::ACCRUAL_PERIODICITY, &fi);
        vocab.frequency(&fi, f);
    }
    if !c.landing_page.is_empty() {
        g.iri(&s, dcat::LANDING_PAGE, &c.landing_page);
        vocab.document(&c.landing_page);
    }
    g.iri(&s, dct::LANGUAGE, eu::LANGUAGE_SV);
    for u in served {
        g.node(&s, dct::CONFORMS_TO, &iris.use_case(u));
    }
    if let Some(m) = input.modified.get(s.as_str()) {
        g.typed(&s, dct::MODIFIED, m, xsd::DATE_TIME);
    }
    let contact = iris.contact(&c.id);
    g.node(&s, dcat::CONTACT_POINT, &contact);
    g.a(&contact, vcard::ORGANIZATION);
    g.a(&contact, vcard::KIND);
    g.lang(&contact, vcard::FN, &contact_name(input, c));
    g.iri(
        &contact,
        vcard::HAS_EMAIL,
        &format!("mailto:{}", c.contact_email),
    );

    let d = distribution_iri(iris, &c.id);
    g.node(&s, dcat::DISTRIBUTION_PROP, &d);
    g.a(&d, dcat::DISTRIBUTION);
    g.lang(
        &d,
        dct::TITLE,
        &Lang::new(
            format!("Variabellista: {}", c.title.sv),
            if c.title.en.is_empty() {
                String::new()
            } else {
                format!("Variable list: {}", c.title.en)
            },
        ),
    );
    g.lang(
        &d,
        dct::DESCRIPTION,
        &Lang::new(
            "Variablerna i datainsamlingen med definitioner, datatyper och värdemängder (CSV i varcats kalkylbladsformat).",
            "The collection's variables with definitions, data types and value domains (CSV in varcat's spreadsheet format).",
        ),
    );
    g.node(&d, dcat::ACCESS_URL, &s);
    g.node(&d, dcat::DOWNLOAD_URL, &variables_csv_iri(iris, &c.id));
    g.node(&d, dcat::ACCESS_SERVICE, &service_iri(iris));
    if profile == Profile::DcatApSe {
        // DCAT-AP-SE 3.0.1 wants the IANA media type as a literal (bundle: ONLY_LITERAL).
        g.text(&d, dct::FORMAT, "text/csv");
    } else {
        g.iri(&d, dct::FORMAT, eu::FILE_TYPE_CSV);
        vocab.file_type(eu::FILE_TYPE_CSV, "CSV");
    }
    g.iri(&d, dcat::MEDIA_TYPE, eu::MEDIA_TYPE_CSV);
    vocab.media_type(eu::MEDIA_TYPE_CSV);
    let size = input.facts.collection(&c.id).map_or(0, |f| f.byte_size);
    g.typed(
        &d,
        dcat::BYTE_SIZE,
        &size.to_string(),
        xsd::NON_NEGATIVE_INTEGER,
    );
    g.iri(&d, dct::LICENSE, eu::CC0);
    vocab.license(eu::CC0);
    if c.access != AccessRights::Public {
        let r = rights_iri(iris, &c.id);
        g.node(&d, dct::RIGHTS, &r);
        g.a(&r, dct::RIGHTS_STATEMENT);
        let owner = input
            .catalog
            .organisations
            .get(&c.publisher)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        g.lang(
            &r,
            rdfs::LABEL,
            &Lang::new(
                format!(
                    "Variabellistan är fri att använda (CC0). Uppgifterna i datainsamlingen är skyddade och lämnas ut efter ansökan och sekretessprövning hos {}.",
                    owner.best()
                ),
                format!(
                    "The variable list is free to use (CC0). The collection's data are protected and released only after application and secrecy review by {}.",
                    if owner.en.is_empty() { owner.best() } else { &owner.en }
                ),
            ),
        );
    }
}

fn data_service(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    served: &[&Collection],
    profile: Profile,
) {
    let iris = input.iris;
    let s = service_iri(iris);
    g.a(&s, dcat::DATA_SERVICE);
    g.lang(
        &s,
        dct::TITLE,
        &Lang::new(
            "varcat – katalogtjänst för hälsodatavariabler",
            "varcat – catalogue service for health-data variables",
        ),
    );
    g.lang(
        &s,
        dct::DESCRIPTION,
        &Lang::new(
            "Varje variabel, kodverk och användningsfall har en egen IRI som svarar med RDF (Turtle, RDF/XML, JSON-LD) och variabellistor som CSV.",
            "Every variable, codebook and use case has its own IRI answering with RDF (Turtle, RDF/XML, JSON-LD), and variable lists as CSV.",
        ),
    );
    g.iri(&s, dcat::ENDPOINT_URL, &format!("{}/", iris.base()));
    if profile == Profile::DcatApSe {
        g.text(&s, dct::FORMAT, "text/turtle");
    } else {
        g.iri(&s, dct::FORMAT, eu::FILE_TYPE_TURTLE);
        vocab.file_type(eu::FILE_TYPE_TURTLE, "Turtle");
    }
    g.node(
        &s,
        dct::PUBLISHER,
        &organisation_iri(&input.settings.publisher),
    );
    g.iri(&s, dct::LICENSE, eu::CC0);
    vocab.license(eu::CC0);
    for c in served {
        g.node(&s, dcat::SERVES_DATASET, &iris.collection(&c.id));
    }
}

fn profile_node(g: &mut GraphBuilder, input: &FeedInput<'_>, id: &Id) {
    let Some(u) = input
        .catalog
        .use_cases
        .get(id)
        .filter(|u| u.status.is_published())
    else {
        return;
    };
    let iris = input.iris;
    let s = iris.use_case(id);
    g.a(&s, prof::PROFILE);
    g.a(&s, dct::STANDARD);
    g.lang(&s, dct::TITLE, &u.title);
    g.lang(&s, dct::DESCRIPTION, &u.description);
    if let Some(note) = super::provenance::use_case_note(input.catalog, u) {
        g.lang(&s, skos::NOTE, &note);
    }
    let mut books: BTreeMap<Id, &crate::domain::Codebook> = BTreeMap::new();
    for b in &u.bindings {
        if let Some(cb) = input
            .catalog
            .variables
            .get(&b.variable)
            .filter(|v| v.status.is_published())
            .and_then(|v| v.codebook.as_ref())
            && let Some(book) = input
                .catalog
                .codebooks
                .get(cb)
                .filter(|b| b.status.is_published())
        {
            books.insert(cb.clone(), book);
        }
    }
    for (cb, book) in books {
        let r = NamedNode::new_unchecked(format!("{}/kodverk/{cb}", s.as_str()));
        g.node(&s, prof::HAS_RESOURCE, &r);
        g.a(&r, prof::RESOURCE_DESCRIPTOR);
        g.iri(&r, prof::HAS_ROLE, prof::ROLE_VOCABULARY);
        let scheme = iris.codebook(&cb);
        g.node(&r, prof::HAS_ARTIFACT, &scheme);
        g.lang(&r, dct::TITLE, &book.title);
        g.a(&scheme, skos::CONCEPT_SCHEME);
        g.lang(&scheme, dct::TITLE, &book.title);
    }
}

fn publisher_node(g: &mut GraphBuilder, vocab: &mut Vocab, input: &FeedInput<'_>, o: &OrgNr) {
    let Some(org) = input.catalog.organisations.get(o) else {
        return;
    };
    let s = organisation_iri(o);
    g.a(&s, foaf::ORGANIZATION);
    g.a(&s, foaf::AGENT);
    g.lang(&s, foaf::NAME, &org.name);
    g.text(&s, dct::IDENTIFIER, org.orgnr.as_str());
    let t = publisher_type_iri(org.publisher_type);
    g.iri(&s, dct::TYPE, &t);
    vocab.concept(&t, org.publisher_type.labels());
}

/// The controlled-vocabulary IRIs a feed uses, typed and labelled once at the end, as the
/// official shapes check them without inference.
#[derive(Default)]
pub(super) struct Vocab {
    concepts: BTreeMap<String, (String, String)>,
    typed: BTreeMap<String, BTreeSet<&'static str>>,
    theme_taxonomy: bool,
    health_categories: bool,
}

impl Vocab {
    fn ty(&mut self, iri: &str, class: oxigraph::model::NamedNodeRef<'static>) {
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
    fn language(&mut self, iri: &str) {
        self.ty(iri, dct::LINGUISTIC_SYSTEM);
        let label = if iri == eu::LANGUAGE_SV {
            ("svenska", "Swedish")
        } else {
            ("engelska", "English")
        };
        self.concept(iri, label);
    }
    fn document(&mut self, iri: &str) {
        self.ty(iri, foaf::DOCUMENT);
    }
    fn frequency(&mut self, iri: &str, f: crate::domain::Frequency) {
        self.ty(iri, dct::FREQUENCY);
        self.concept(iri, f.labels());
    }
    fn media_type(&mut self, iri: &str) {
        self.ty(iri, dct::MEDIA_TYPE);
    }
    pub(super) fn file_type(&mut self, iri: &str, label: &str) {
        self.ty(iri, dct::MEDIA_TYPE_OR_EXTENT);
        self.concept(iri, (label, label));
    }
    fn theme(&mut self, iri: &str) {
        self.concept(iri, ("Hälsa", "Health"));
    }
    fn access(&mut self, a: AccessRights) {
        let iri = access_iri(a);
        self.ty(&iri, dct::RIGHTS_STATEMENT);
        self.concept(&iri, a.labels());
    }
    pub(super) fn legal(&mut self, iri: &str) {
        self.ty(iri, crate::store::vocab::eli::LEGAL_RESOURCE);
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
